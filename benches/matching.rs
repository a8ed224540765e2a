//! Matching benchmarks on a national-scale synthetic portfolio (`gen --smes 5000 --seed 1`),
//! with reference data loaded once into memory as the commands do.
//!
//! Run: `cargo bench --bench matching`. Targets (issues 4 and 10): one SME product over all
//! markets ≤ 2 ms median (BACI product facts included); the whole portfolio ≤ 1 s on a 2-core
//! machine; `init` of a fresh database (reference tables and the BACI trade table) ≤ 5 s.

use std::sync::OnceLock;

use goglobal::cli::matching::{PortfolioRun, write_portfolio};
use goglobal::config::Config;
use goglobal::domain::matching::{Matcher, Scheme, choose_scheme};
use goglobal::domain::{Reference, Sme, generate};
use goglobal::store::{self, Store};

fn main() {
    divan::main();
}

struct Fixture {
    config: Config,
    reference: Reference,
    smes: Vec<Sme>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("in-memory store");
        let reference = store::load_reference(&store.conn).expect("reference");
        let smes = generate::generate(&reference, 5000, 1, &Default::default()).expect("gen");
        store.insert_smes(&smes, "bench").expect("insert");
        Fixture {
            config: Config::default(),
            reference: store::load_reference(&store.conn).expect("reference"),
            smes: store.smes().expect("smes"),
        }
    })
}

fn scheme(config: &Config) -> Scheme {
    choose_scheme(&config.matching, None, &[], None).expect("default weights")
}

/// Full results (components, adjustments, requirements with services, alerts) for all markets.
#[divan::bench]
fn rank_one_sme_product(bencher: divan::Bencher) {
    let f = fixture();
    let matcher = Matcher::new(&f.reference, &f.config);
    let scheme = scheme(&f.config);
    let sme = f
        .smes
        .iter()
        .find(|s| s.products.iter().any(|p| p.hs == "030617"))
        .expect("a shrimp SME");
    bencher.bench_local(|| matcher.rank(divan::black_box(sme), "030617", &scheme));
}

/// One product's facts over all markets (BACI demand, growth, hubs, requirements, remedies):
/// built once per product in a run.
#[divan::bench]
fn product_facts(bencher: divan::Bencher) {
    let f = fixture();
    let matcher = Matcher::new(&f.reference, &f.config);
    bencher.bench_local(|| matcher.product(divan::black_box("030617")));
}

/// A fresh database file: migrations, reference tables and the 6,905-row BACI trade table.
#[divan::bench(sample_count = 5)]
fn init_fresh_database(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let path = dir.path().join(format!("fresh-{n}.db"));
        Store::open(&path).expect("init")
    });
}

/// Loading the reference for the 5,000-SME portfolio: every table plus one indexed read and
/// inflate per distinct SME product code (and its heading).
#[divan::bench(sample_count = 10)]
fn load_reference_with_trade(bencher: divan::Bencher) {
    static STORE: OnceLock<std::sync::Mutex<Store>> = OnceLock::new();
    let store = STORE.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("in-memory store");
        let reference = store::load_reference(&store.conn).expect("reference");
        let smes = generate::generate(&reference, 5000, 1, &Default::default()).expect("gen");
        store.insert_smes(&smes, "bench").expect("insert");
        std::sync::Mutex::new(store)
    });
    let store = store.lock().expect("store");
    bencher.bench_local(|| store::load_reference(&store.conn).expect("reference"));
}

/// Preparing the per-market facts once per run.
#[divan::bench]
fn prepare_markets(bencher: divan::Bencher) {
    let f = fixture();
    bencher.bench_local(|| Matcher::new(divan::black_box(&f.reference), &f.config));
}

/// Every SME × product × market, formatted as CSV into a sink.
#[divan::bench(sample_count = 10)]
fn whole_portfolio_to_csv(bencher: divan::Bencher) {
    let f = fixture();
    let matcher = Matcher::new(&f.reference, &f.config);
    bencher.bench_local(|| {
        let run = PortfolioRun::new(
            &matcher,
            &f.smes,
            vec![scheme(&f.config)],
            vec![0; f.smes.len()],
        );
        write_portfolio(&run, &mut std::io::sink(), |_, _| {}).expect("sink")
    });
}
