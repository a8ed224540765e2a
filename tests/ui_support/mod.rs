//! A dashboard app on an in-memory store with the real reference data, the sample SMEs and a
//! small pipeline, for snapshot and state tests.
#![allow(dead_code)]

use goglobal::app::{App, Keymap, Lang, ThemeKind};
use goglobal::config::Config;
use goglobal::store::{self, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const TODAY: &str = "2026-11-23";

/// Fix the clock for everything a test writes: the audit trail's times show on screen (an
/// SME's changes). Every test of a binary calls it (through `store`) before it writes.
pub fn fixed_clock() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, before this binary's tests read the environment: each calls this first
    // and `Once` makes the others wait until it is set.
    ONCE.call_once(|| unsafe { std::env::set_var("GOGLOBAL_NOW", "2026-11-23T09:00:00Z") });
}

/// The store: reference data, the sample portfolio with its demo assessments, a few pipeline
/// entries and plan items (written with SQL here because the workflow that writes them comes
/// later).
pub fn store() -> Store {
    fixed_clock();
    let mut store = Store::open_in_memory().unwrap();
    goglobal::store::seed_samples(&mut store).unwrap();
    let c = &store.conn;
    let id = |name_part: &str| -> i64 {
        c.query_row(
            "SELECT id FROM sme WHERE name LIKE ?1 ORDER BY id LIMIT 1",
            [format!("%{name_part}%")],
            |r| r.get(0),
        )
        .unwrap()
    };
    let shrimp = id("Ngọc Triều");
    let second = id("Hưng Thịnh");
    for (sme, hs, iso3, stage) in [
        (shrimp, "030617", "ARE", "first_shipment"),
        (shrimp, "030617", "SAU", "engaged"),
        (second, "030617", "DEU", "shortlisted"),
        (second, "160529", "BRA", "candidate"),
    ] {
        c.execute(
            "INSERT INTO shortlist (sme_id, hs, iso3, stage, score, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 71.5, '2026-10-01', '2026-10-01')",
            rusqlite::params![sme, hs, iso3, stage],
        )
        .unwrap();
    }
    for (sme, iso3, action, due, status) in [
        (
            shrimp,
            "SAU",
            "Halal certificate for the plant",
            "2026-11-20",
            "in_progress",
        ),
        (shrimp, "SAU", "Register with SFDA", "2026-12-01", "todo"),
        (
            second,
            "DEU",
            "Book a booth at a Hamburg trade fair",
            "2027-03-01",
            "todo",
        ),
    ] {
        c.execute(
            "INSERT INTO plan_item (sme_id, iso3, action, owner, due, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'Lan', ?4, ?5, '2026-10-01', '2026-10-01')",
            rusqlite::params![sme, iso3, action, due, status],
        )
        .unwrap();
    }
    store
}

pub fn app(lang: Lang) -> App {
    app_with(lang, Keymap::default())
}

pub fn app_with(lang: Lang, keymap: Keymap) -> App {
    let store = store();
    let portfolio = store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
    App::new(portfolio, &config, keymap, TODAY, ThemeKind::Dark)
}

/// Draw the app at `w`×`h` (keeping the hits, as the real loop does) and return the text.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut hits = Default::default();
    terminal
        .draw(|f| hits = goglobal::ui::draw(f, app))
        .unwrap();
    app.set_hits(hits);
    terminal.backend().to_string()
}
