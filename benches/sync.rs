//! Sync packages at programme scale: 5,000 synthetic SMEs (`goglobal gen`'s generator), each with
//! an assessment and a plan item, exported as one package and imported into a fresh replica;
//! and what change capture adds to an SME import.
//!
//! Every replica is a database file, as at a site. `cargo bench --bench sync`. Targets: export
//! ≤ 5 s, import ≤ 5 s, capture ≤ 20 % of an import.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use goglobal::config::Config;
use goglobal::domain::readiness::{Questionnaire, score};
use goglobal::domain::{Reference, Sme};
use goglobal::store::sync::{capture, keys, package};
use goglobal::store::{self, NewPlanItem, Store};

const N: usize = 5000;

fn main() {
    divan::main();
}

fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(|| {
        let store = Store::open_in_memory().unwrap();
        store::load_reference(&store.conn).unwrap()
    })
}

fn smes() -> &'static Vec<Sme> {
    static S: OnceLock<Vec<Sme>> = OnceLock::new();
    S.get_or_init(|| {
        goglobal::domain::generate::generate(reference(), N, 7, &HashSet::new()).unwrap()
    })
}

/// A replica holding the portfolio (one import, then one assessment and one plan item per SME).
fn source() -> &'static (tempfile::TempDir, std::path::PathBuf) {
    static SRC: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    SRC.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("source.db");
        let (mut store, _) = Store::open(&db).unwrap();
        let ids = store.insert_smes(smes(), "bench").unwrap();
        let q = Questionnaire::builtin();
        let answers: BTreeMap<String, u8> = q.items.iter().map(|i| (i.id.clone(), 2)).collect();
        let result = score(q, &Config::default().readiness, &answers);
        for id in &ids {
            store
                .save_assessment(*id, &answers, &BTreeMap::new(), "bench", &result)
                .unwrap();
            let item = NewPlanItem {
                iso3: "ARE".into(),
                gap: String::new(),
                action: "Halal certificate".into(),
                provider_id: None,
                owner: "bench".into(),
                due: None,
                notes: String::new(),
            };
            store.add_plan_item(*id, &item, "bench").unwrap();
        }
        let pkg = dir.path().join("all.pkg");
        store.sync_export(&pkg, None, None).unwrap();
        (dir, db)
    })
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_5000_smes(bencher: divan::Bencher) {
    let (dir, db) = source();
    let (mut store, _) = Store::open(db).unwrap();
    let out = dir.path().join("bench.pkg");
    bencher.bench_local(|| store.sync_export(&out, None, None).unwrap());
}

/// A fresh replica on disk, as a site's database is (reference data loaded, no SME yet).
fn fresh_replica() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("replica.db")).unwrap();
    (dir, store)
}

/// The whole package (decode and checksum included) applied at a fresh replica.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn import_5000_smes(bencher: divan::Bencher) {
    let (dir, _) = source();
    let bytes = std::fs::read(dir.path().join("all.pkg")).unwrap();
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            let pkg = package::decode(&bytes, "all.pkg", None).unwrap();
            let report = store.sync_import(&pkg, "all.pkg", true).unwrap();
            // One changeset for the SME import, then one per assessment and per plan item.
            assert_eq!((report.applied, report.waiting), (1 + 2 * N, 0));
            (dir, store)
        });
}

/// An SME import as the CLI does it (`smes import`, one transaction): changes captured.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sme_import_captured(bencher: divan::Bencher) {
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            store.insert_smes(smes(), "bench").unwrap();
            (dir, store)
        });
}

/// The same import with the same global keys, nothing captured: the baseline for the 20 % target.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sme_import_not_captured(bencher: divan::Bencher) {
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            capture::uncaptured(|| store.insert_smes(smes(), "bench").unwrap());
            (dir, store)
        });
}

/// The same import as the demo seed runs it: small keys, nothing captured (no sync at all).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sme_import_seeded(bencher: divan::Bencher) {
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            keys::seeding(|| store.insert_smes(smes(), "bench").unwrap());
            (dir, store)
        });
}

/// The `smes import` command's work on a CSV of the 5,000 SMEs: validate against the reference
/// data and the SMEs here, then insert in one transaction, changes captured.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sme_csv_import_captured(bencher: divan::Bencher) {
    let csv = smes_csv();
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            import_csv(&mut store, csv);
            (dir, store)
        });
}

/// The same command's work with nothing captured: the baseline at the level a user waits for.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn sme_csv_import_not_captured(bencher: divan::Bencher) {
    let csv = smes_csv();
    bencher
        .with_inputs(fresh_replica)
        .bench_local_values(|(dir, mut store)| {
            capture::uncaptured(|| import_csv(&mut store, csv));
            (dir, store)
        });
}

fn smes_csv() -> &'static [u8] {
    static CSV: OnceLock<String> = OnceLock::new();
    CSV.get_or_init(|| goglobal::store::sme_csv::export(smes()).unwrap())
        .as_bytes()
}

fn import_csv(store: &mut Store, csv: &[u8]) {
    let smes = store.check_sme_csv(csv, "bench.csv").unwrap().unwrap();
    assert_eq!(smes.len(), N);
    store.insert_smes(&smes, "bench").unwrap();
}

/// A person's everyday write at a site holding the portfolio: one SME's notes edited and saved
/// (read, version check, update, lists, audit), changes captured.
#[divan::bench(sample_count = 20)]
fn edit_one_sme_captured(bencher: divan::Bencher) {
    let (_, db) = source();
    let (mut store, _) = Store::open(db).unwrap();
    let id = store.smes().unwrap()[N / 2].id;
    bencher.bench_local(|| edit_notes(&mut store, id));
}

/// The same edit with nothing captured.
#[divan::bench(sample_count = 20)]
fn edit_one_sme_not_captured(bencher: divan::Bencher) {
    let (_, db) = source();
    let (mut store, _) = Store::open(db).unwrap();
    let id = store.smes().unwrap()[N / 2].id;
    bencher.bench_local(|| capture::uncaptured(|| edit_notes(&mut store, id)));
}

fn edit_notes(store: &mut Store, id: i64) {
    let mut sme = store.require_sme(id).unwrap();
    sme.notes = format!("visited, version {}", sme.version);
    store.update_sme(&sme, "bench").unwrap();
}
