//! The dashboard's sync state and conflict resolution, on two replicas that exchanged a real
//! package: the same field of one demo SME was changed at both, so the receiving site holds a
//! pending conflict. Intents open the sync view and resolve it (the store row changes and the
//! resolution is a captured change); snapshots of the panel, the view, the question and the
//! SME detail in both languages at 120×40, and small sizes without a panic.

mod ui_support;

use std::path::Path;

use goglobal::app::{Action, App, Effect, Intent, Keymap, Lang, Screen, ThemeKind, Write};
use goglobal::config::Config;
use goglobal::runtime::{self, Env};
use goglobal::store::{self, Store};
use ui_support::{TODAY, fixed_clock, screen};

/// The demo SME both sites edit (demo SMEs have the same key at every site).
const SME: &str = "Ngọc Triều";

fn replica(dir: &Path, file: &str, name: &str, site_id: &str) -> Store {
    let (mut store, _) = Store::open(&dir.join(file)).unwrap();
    // A fixed site id (random at init) so that the snapshots are stable; nothing refers to it
    // yet.
    store
        .conn
        .execute(
            "UPDATE sync_site SET site_id = ?1 WHERE is_self = 1",
            [site_id],
        )
        .unwrap();
    store::seed_samples(&mut store).unwrap();
    store.sync_set_name(name).unwrap();
    store
}

fn sme_id(store: &Store) -> i64 {
    store
        .conn
        .query_row(
            "SELECT id FROM sme WHERE name LIKE ?1",
            [format!("%{SME}%")],
            |r| r.get(0),
        )
        .unwrap()
}

fn set_notes(store: &mut Store, notes: &str, who: &str) {
    let mut sme = store.sme(sme_id(store)).unwrap().unwrap();
    sme.notes = notes.into();
    store.update_sme(&sme, who).unwrap();
}

/// Two replicas: An's notes and Bình's notes on the same SME; An's package imported at Bình.
/// Returns Bình's store (holding one pending conflict) and the folder.
fn conflicted() -> (Store, tempfile::TempDir) {
    fixed_clock();
    let dir = tempfile::tempdir().unwrap();
    let mut an = replica(dir.path(), "an.db", "An (Cà Mau)", &"a".repeat(32));
    let mut binh = replica(dir.path(), "binh.db", "Bình (Đồng Tháp)", &"b".repeat(32));
    set_notes(&mut an, "Giao hàng tháng 3", "An");
    set_notes(&mut binh, "Giao hàng tháng 4", "Bình");
    let pkg = dir.path().join("an.pkg");
    an.sync_export(&pkg, None, None).unwrap();
    let bytes = std::fs::read(&pkg).unwrap();
    let decoded = goglobal::store::sync::package::decode(&bytes, "an.pkg", None).unwrap();
    let report = binh.sync_import(&decoded, "an.pkg", true).unwrap();
    assert_eq!(report.conflicts, 1);
    (binh, dir)
}

fn app_on(store: &Store, lang: Lang) -> App {
    let portfolio = store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
    let mut app = App::new(
        portfolio,
        &config,
        Keymap::default(),
        TODAY,
        ThemeKind::Dark,
    );
    runtime::read(store, &mut app, &Effect::LoadSync);
    app
}

fn go(app: &mut App, steps: &[Intent]) -> Vec<Effect> {
    steps.iter().flat_map(|s| app.apply(s.clone())).collect()
}

fn act(a: Action) -> Intent {
    Intent::Act(a)
}

fn captured(store: &Store) -> i64 {
    let me: String = store
        .conn
        .query_row("SELECT site_id FROM sync_site WHERE is_self = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    store
        .conn
        .query_row(
            "SELECT count(*) FROM sync_log WHERE origin = ?1",
            [me],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_sync_view_resolves_a_conflict_with_the_store_function_and_captures_it() {
    let (mut store, dir) = conflicted();
    let mut app = app_on(&store, Lang::En);
    assert_eq!(app.sync.overview.conflicts.len(), 1);
    let id = sme_id(&store);
    assert!(app.sync.overview.has_conflict(id));
    // Every site shows the same value meanwhile (the greater of the two).
    assert_eq!(store.sme(id).unwrap().unwrap().notes, "Giao hàng tháng 4");

    // `y` opens the view from any tab; `t` asks, `n` answers no: nothing is written.
    let effects = go(&mut app, &[act(Action::Tab2), act(Action::SyncView)]);
    assert_eq!(effects, vec![Effect::LoadSync]);
    assert_eq!(app.screen(), Screen::Sync);
    assert!(go(&mut app, &[act(Action::KeepTheirs), Intent::Confirm(false)]).is_empty());
    assert!(!app.sync_asking());

    // `t` then yes: the same write as `goglobal sync resolve ID --keep theirs`.
    let conflict = app.sync.overview.conflicts[0].id;
    let effects = go(&mut app, &[act(Action::KeepTheirs)]);
    assert!(effects.is_empty() && app.sync_asking());
    let effects = go(&mut app, &[Intent::Confirm(true)]);
    assert_eq!(
        effects,
        vec![Effect::Write(Write::ResolveConflict {
            id: conflict,
            keep_mine: false
        })]
    );
    let before = captured(&store);
    let env = Env::new("Bình", Config::default(), &dir.path().join("binh.db"));
    runtime::perform(&mut app, &mut store, &env, &effects);
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    assert!(status.text.contains("Giao hàng tháng 3"), "{}", status.text);
    // The row holds the kept value, the resolution is a new captured change, the conflict is
    // resolved in the store, and the view and the portfolio were reloaded.
    assert_eq!(store.sme(id).unwrap().unwrap().notes, "Giao hàng tháng 3");
    assert_eq!(captured(&store), before + 1);
    assert!(store.sync_conflicts(false).unwrap().is_empty());
    let all = store.sync_conflicts(true).unwrap();
    assert_eq!(all[0].resolved_by.as_deref(), Some("Bình"));
    assert!(app.sync.overview.conflicts.is_empty());
    assert!(!app.sync.overview.has_conflict(id));
    let reloaded = app.data.p.smes.iter().find(|s| s.id == id).unwrap();
    assert_eq!(reloaded.notes, "Giao hàng tháng 3");
    // Esc closes the view.
    go(&mut app, &[act(Action::Back)]);
    assert_eq!(app.screen(), Screen::Dashboard);
}

#[test]
fn keep_mine_by_keys_and_a_conflict_resolved_meanwhile_drops_the_question() {
    let (mut store, dir) = conflicted();
    let mut app = app_on(&store, Lang::Vi);
    go(&mut app, &[act(Action::SyncView), act(Action::KeepMine)]);
    assert!(app.sync_asking());
    // Resolved elsewhere (the CLI, a package) before the answer: the reload drops the question.
    let conflict = app.sync.overview.conflicts[0].id;
    store.sync_resolve(conflict, true, "CLI").unwrap();
    runtime::read(&store, &mut app, &Effect::LoadSync);
    assert!(!app.sync_asking());
    assert!(go(&mut app, &[Intent::Confirm(true)]).is_empty());
    // Resolving an already resolved conflict is refused with a message in the app's language.
    let env = Env::new("Bình", Config::default(), &dir.path().join("binh.db"));
    let write = Effect::Write(Write::ResolveConflict {
        id: conflict,
        keep_mine: true,
    });
    runtime::perform(&mut app, &mut store, &env, &[write]);
    let status = app.status.clone().unwrap();
    assert!(status.error);
    assert!(status.text.contains("đã được CLI xử lý"), "{}", status.text);
}

#[test]
fn snapshots_of_the_panel_the_view_the_question_and_the_sme_detail() {
    let (store, _dir) = conflicted();
    for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let shots: Vec<(&str, Vec<Intent>)> = vec![
            ("sync_dashboard", vec![]),
            ("sync_view", vec![act(Action::SyncView)]),
            (
                "sync_confirm",
                vec![act(Action::SyncView), act(Action::KeepMine)],
            ),
            (
                "sync_sme_detail",
                vec![
                    act(Action::Tab2),
                    act(Action::Search),
                    Intent::Type('n'),
                    Intent::Type('g'),
                    Intent::Type('o'),
                    Intent::Type('c'),
                    Intent::Type(' '),
                    Intent::Type('t'),
                    Intent::Type('r'),
                    Intent::Type('i'),
                    Intent::Type('e'),
                    Intent::Type('u'),
                    Intent::ConfirmInput,
                ],
            ),
        ];
        for (name, steps) in shots {
            let mut app = app_on(&store, lang);
            go(&mut app, &steps);
            screen(&mut app, 120, 40);
            let text = screen(&mut app, 120, 40);
            insta::assert_snapshot!(format!("{name}_{code}_120x40"), text);
            if name == "sync_sme_detail" {
                // The list marks the SME; its detail says who changed it last and where.
                assert!(text.contains("! "), "{text}");
                go(&mut app, &[act(Action::Open)]);
                let detail = screen(&mut app, 120, 40);
                insta::assert_snapshot!(format!("sync_sme_detail_open_{code}_120x40"), detail);
                let (changed, conflict) = match lang {
                    Lang::Vi => ("Thay đổi gần nhất tại An (Cà Mau)", "Xung đột đồng bộ"),
                    Lang::En => ("Last changed at An (Cà Mau)", "Sync conflict on Notes"),
                };
                assert!(detail.contains(changed), "{detail}");
                assert!(detail.contains(conflict), "{detail}");
            }
        }
    }
}

#[test]
fn tiny_and_odd_sizes_draw_without_panic() {
    let (store, _dir) = conflicted();
    for steps in [
        vec![],
        vec![act(Action::SyncView)],
        vec![act(Action::SyncView), act(Action::KeepTheirs)],
    ] {
        let mut app = app_on(&store, Lang::Vi);
        go(&mut app, &steps);
        insta::assert_snapshot!(
            format!("sync_tiny_{}_vi_60x18", steps.len()),
            screen(&mut app, 60, 18)
        );
        for w in 1..=40 {
            for h in 1..=14 {
                let text = screen(&mut app, w, h);
                assert_eq!(text.lines().count(), h as usize);
            }
        }
        for (w, h) in [(80, 24), (79, 23), (200, 8), (8, 200), (250, 80)] {
            screen(&mut app, w, h);
        }
    }
}
