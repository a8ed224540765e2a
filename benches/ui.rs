//! Dashboard rendering and start-up time on a national-scale portfolio (5,000 synthetic SMEs
//! made as `goglobal gen --smes 5000` makes them, plus the 70 samples).
//!
//! `cargo bench --bench ui`. Targets: each tab drawn at 200×60 in ≤ 2 ms; first frame (open the
//! database, load the portfolio, build the indexes, draw) in ≤ 100 ms.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use goglobal::app::{Action, App, Intent, Keymap, ThemeKind};
use goglobal::config::{Config, ReadinessConfig};
use goglobal::domain::generate::SplitMix64;
use goglobal::domain::portfolio::Portfolio;
use goglobal::domain::readiness::{self, Questionnaire};
use goglobal::store::AssessmentRecord;
use goglobal::store::{self, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SMES: usize = 5_000;

fn main() {
    divan::main();
}

/// What `goglobal init` then `goglobal gen --smes 5000` make (the 70 samples with their demo
/// assessments, then 5,000 synthetic SMEs), plus readiness assessments for 40 % of the synthetic
/// SMEs and pipeline entries for 10 %, each with the four decisions a stage history leaves.
fn fill(store: &mut Store) {
    let reference = store::load_reference(&store.conn).unwrap();
    let taken = store::portfolio::tax_codes(&store.conn).unwrap();
    let smes = goglobal::domain::generate::generate(&reference, SMES, 7, &taken).unwrap();
    let ids = store.insert_smes(&smes, "bench (gen)").unwrap();
    let q = Questionnaire::builtin();
    let cfg = ReadinessConfig::default();
    let mut rng = SplitMix64::new(11);
    let tx = store.conn.transaction().unwrap();
    for (k, &id) in ids.iter().enumerate() {
        if k % 5 < 2 {
            let answers: BTreeMap<String, u8> = q
                .items
                .iter()
                .map(|i| (i.id.clone(), rng.range(0, 5) as u8))
                .collect();
            let record = AssessmentRecord {
                id: 0,
                sme_id: id,
                assessed_at: format!("2026-{:02}-15T09:00:00Z", 1 + k % 10),
                assessor: "bench".into(),
                questionnaire_version: q.version.clone(),
                notes: BTreeMap::new(),
                result: readiness::score(q, &cfg, &answers),
                answers,
            };
            store::insert_assessment(&tx, &record, "bench").unwrap();
        }
        if k % 10 == 0 {
            let stage = ["candidate", "shortlisted", "engaged", "first_shipment"][k / 10 % 4];
            tx.execute(
                "INSERT INTO shortlist (sme_id, hs, iso3, stage, created_at, updated_at)
                 VALUES (?1, '0306', 'ARE', ?2, 'x', 'x')",
                rusqlite::params![id, stage],
            )
            .unwrap();
            for (m, what) in [
                "new → shortlisted",
                "shortlisted → engaged",
                "engaged → first_shipment",
                "plan ARE: status todo → done",
            ]
            .iter()
            .enumerate()
            {
                tx.execute(
                    "INSERT INTO decision_log (sme_id, at, who, what, why) VALUES (?1, ?2, 'bench', ?3, 'a reason given by the advisor')",
                    rusqlite::params![id, format!("2026-{:02}-10T09:00:00Z", 3 + m), format!("ARE (HS 0306): {what}")],
                )
                .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

/// A 5,000-SME database on disk, built once for all benchmarks.
fn database() -> &'static PathBuf {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bench.db");
        let mut store = goglobal::store::open_or_create(&path, true).unwrap();
        fill(&mut store);
        (dir, path)
    })
    .1
}

fn portfolio() -> &'static Portfolio {
    static P: OnceLock<Portfolio> = OnceLock::new();
    P.get_or_init(|| {
        let store = goglobal::store::open_or_create(database(), false).unwrap();
        store::load_portfolio(&store.conn).unwrap()
    })
}

fn app() -> App {
    App::new(
        portfolio().clone(),
        &Config::default(),
        Keymap::default(),
        "2026-11-23",
        ThemeKind::Dark,
    )
}

/// Draw one tab (or an SME's detail) at 200×60, as the event loop does after each key.
#[divan::bench(args = ["dashboard", "smes", "markets", "services", "sme_detail", "market_detail"])]
fn render_200x60(bencher: divan::Bencher, screen: &str) {
    let mut app = app();
    let steps: &[Action] = match screen {
        "smes" => &[Action::Tab2],
        "markets" => &[Action::Tab3],
        "services" => &[Action::Tab4],
        "sme_detail" => &[Action::Tab2, Action::Open],
        "market_detail" => &[Action::Tab3, Action::Open],
        _ => &[],
    };
    for &a in steps {
        app.apply(Intent::Act(a));
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        let mut hits = Default::default();
        terminal
            .draw(|f| hits = goglobal::ui::draw(f, &app))
            .unwrap();
        // Force a full redraw next time, as after a change of screen.
        terminal.clear().unwrap();
        hits
    });
}

/// Type one character into the SME search: refilter and re-sort 5,000 SMEs, then draw.
#[divan::bench]
fn search_keystroke_and_draw(bencher: divan::Bencher) {
    let mut app = app();
    app.apply(Intent::Act(Action::Tab2));
    app.apply(Intent::Act(Action::Search));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut toggle = false;
    bencher.bench_local(|| {
        app.apply(if toggle {
            Intent::Erase
        } else {
            Intent::Type('a')
        });
        toggle = !toggle;
        terminal
            .draw(|f| {
                goglobal::ui::draw(f, &app);
            })
            .unwrap();
    });
}

/// In the matching wizard, one weight key: re-rank every market for the SME's products
/// (all of them, each market with its best product) with the new weights, then draw at 200×60.
#[divan::bench(args = ["one_product", "all_products"])]
fn wizard_weight_key_and_draw(bencher: divan::Bencher, products: &str) {
    let mut app = app();
    let mut keys = vec![Action::Tab2, Action::Match];
    if products == "one_product" {
        keys.push(Action::Down);
    }
    keys.extend([Action::Open, Action::Weights]);
    for a in keys {
        app.apply(Intent::Act(a));
    }
    assert!(app.wizard.as_ref().is_some_and(|w| !w.results.is_empty()));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut up = false;
    bencher.bench_local(|| {
        app.apply(Intent::Act(if up { Action::More } else { Action::Less }));
        up = !up;
        terminal
            .draw(|f| {
                goglobal::ui::draw(f, &app);
            })
            .unwrap();
    });
}

/// From nothing to the first frame, as `tui::run` does it: open the database, load the
/// portfolio (without the nomenclature, decision logs and trade rows, read after it), index
/// it, draw. The store and the app are returned, so divan drops them after the timing: the
/// dashboard keeps both for the whole session, and freeing them is not part of its start.
#[divan::bench(sample_count = 20)]
fn first_frame_5000_smes(bencher: divan::Bencher) {
    let path = database();
    bencher.bench_local(|| {
        let store = goglobal::store::open_or_create(path, false).unwrap();
        let portfolio = store::load_portfolio_for_first_frame(&store.conn).unwrap();
        let app = App::new(
            portfolio,
            &Config::default(),
            Keymap::default(),
            "2026-11-23",
            ThemeKind::Dark,
        );
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        terminal
            .draw(|f| {
                goglobal::ui::draw(f, &app);
            })
            .unwrap();
        (store, app)
    });
}

/// Everything the dashboard reads right after its first frame, before the first key: the
/// nomenclature (6,939 HS codes and 11,414 AHTN national lines with their texts), the decision
/// logs and the BACI trade rows of the portfolio's products.
#[divan::bench(sample_count = 20)]
fn rest_after_first_frame_5000_smes(bencher: divan::Bencher) {
    let path = database();
    let store = goglobal::store::open_or_create(path, false).unwrap();
    bencher
        .with_inputs(|| store::load_portfolio_for_first_frame(&store.conn).unwrap())
        .bench_local_values(|mut portfolio| {
            store::load_portfolio_after_first_frame(&store.conn, &mut portfolio).unwrap();
            portfolio
        });
}

/// Of what the dashboard reads right after its first frame: the BACI trade rows of every
/// product in the 5,070-SME portfolio.
#[divan::bench(sample_count = 20)]
fn trade_after_first_frame_5000_smes(bencher: divan::Bencher) {
    let path = database();
    let store = goglobal::store::open_or_create(path, false).unwrap();
    bencher
        .with_inputs(|| store::load_portfolio_for_first_frame(&store.conn).unwrap())
        .bench_local_values(|mut portfolio| {
            store::load_portfolio_trade(&store.conn, &mut portfolio).unwrap();
            portfolio
        });
}
