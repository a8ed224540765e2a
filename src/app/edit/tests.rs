//! The SME form and the delete/restore views driven by keys, with their effects carried out by
//! the runtime on a real store (in memory, or one file shared by two sessions).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::{Action, App, Effect, Keymap, Msg, Screen, ThemeKind, Write, update};
use crate::config::Config;
use crate::store::Store;

fn store_with_samples() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::store::seed_samples(&mut store).unwrap();
    store
}

fn app_on(store: &Store) -> App {
    let portfolio = crate::store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = "en".into();
    App::new(
        portfolio,
        &config,
        Keymap::default(),
        "2026-11-23",
        ThemeKind::Dark,
    )
}

fn press(a: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    update(a, Msg::Key(KeyEvent::new(code, mods)))
}

fn key(a: &mut App, code: KeyCode) -> Vec<Effect> {
    press(a, code, KeyModifiers::NONE)
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        assert!(key(a, KeyCode::Char(c)).is_empty(), "typing {c:?}");
    }
}

fn save(a: &mut App) -> Vec<Effect> {
    press(a, KeyCode::Char('s'), KeyModifiers::CONTROL)
}

/// Run the effects as the dashboard loop does.
fn run(store: &mut Store, a: &mut App, effects: &[Effect]) {
    let env = crate::runtime::Env::new(
        "lan",
        Config::default(),
        std::path::Path::new("goglobal.db"),
    );
    crate::runtime::perform(a, store, &env, effects);
}

fn form(a: &App) -> &Form {
    a.edit.form.as_ref().expect("form open")
}

fn go_to(a: &mut App, column: &str) {
    let want = field_index(column).unwrap();
    while form(a).focus < want {
        key(a, KeyCode::Down);
    }
    while form(a).focus > want {
        key(a, KeyCode::Up);
    }
}

#[test]
fn a_new_sme_is_typed_checked_picked_and_created() {
    let mut store = store_with_samples();
    let mut a = app_on(&store);
    key(&mut a, KeyCode::Char('2'));
    let count = a.data.p.smes.len();
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Form));
    // Letters are text in the form: `q`, `e`, `d` type, they do not quit or edit.
    typed(&mut a, "Công ty TNHH Cà phê Quê");
    assert_eq!(form(&a).text(0), "Công ty TNHH Cà phê Quê");
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "123");
    key(&mut a, KeyCode::Down);
    // Checked on leaving, with the importer's message.
    assert!(
        form(&a).errors[1][0]
            .en
            .contains("not a Vietnamese tax code")
    );
    assert!(form(&a).dirty());
    // Saving lists every problem and writes nothing.
    assert!(save(&mut a).is_empty());
    let Some(Popup::Problems(problems)) = &form(&a).popup else {
        panic!("problems listed")
    };
    let fields: Vec<&str> = problems.iter().map(|(i, _)| FIELDS[*i].0).collect();
    assert_eq!(fields, ["tax_code", "province", "sector"]);
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).focus, 1, "the cursor goes to the first problem");
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "0319999999");
    // Province: typing opens the picker; a former name finds the current province.
    key(&mut a, KeyCode::Down);
    typed(&mut a, "binh duong");
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Picker));
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).text(2), "Thành phố Hồ Chí Minh");
    assert!(form(&a).errors[1].is_empty(), "tax code checked when left");
    // Sector from the list.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "coff");
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).text(3), "coffee");
    // Certifications: Space toggles, Enter closes.
    go_to(&mut a, "certifications");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "haccp");
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).text(9), "HACCP");
    // Markets by name, accents ignored (Space toggles, so words are typed together).
    go_to(&mut a, "current_markets");
    typed(&mut a, "nhatban");
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Esc);
    assert_eq!(form(&a).text(8), "JPN");
    // Products: search, add with a description, add another, remove it.
    go_to(&mut a, "products");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "090111");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "Robusta; roasted");
    key(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "2101");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc); // no description
    assert_eq!(form(&a).text(11), "090111:Robusta, roasted;2101");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('x'));
    key(&mut a, KeyCode::Esc);
    assert_eq!(form(&a).text(11), "090111:Robusta, roasted");
    go_to(&mut a, "employees");
    typed(&mut a, "12");
    let effects = save(&mut a);
    let [Effect::Write(Write::CreateSme(sme))] = effects.as_slice() else {
        panic!("one create: {effects:?}")
    };
    assert_eq!(sme.name, "Công ty TNHH Cà phê Quê");
    assert_eq!(sme.tax_code, "0319999999");
    assert_eq!(sme.province, "Thành phố Hồ Chí Minh");
    assert_eq!(sme.employees, Some(12));
    assert_eq!(sme.current_markets, ["JPN"]);
    assert_eq!(sme.products[0].description, "Robusta, roasted");
    run(&mut store, &mut a, &effects);
    // Saved: the form closes on the new SME's detail, its creation in its changes.
    assert!(a.edit.form.is_none());
    assert_eq!(a.data.p.smes.len(), count + 1);
    let Screen::Detail(crate::app::Target::Sme(i)) = a.screen() else {
        panic!("detail of the new SME, not {:?}", a.screen())
    };
    assert_eq!(a.data.p.smes[i].tax_code, "0319999999");
    let changes = a.edit.changes.as_ref().unwrap();
    assert_eq!(changes.sme_id, a.data.p.smes[i].id);
    assert_eq!(changes.entries.as_ref().unwrap()[0].action, "create");
}

#[test]
fn esc_asks_before_discarding_changes() {
    let store = store_with_samples();
    let mut a = app_on(&store);
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('e'));
    let name = form(&a).opened.name.clone();
    key(&mut a, KeyCode::Esc);
    assert!(a.edit.form.is_none(), "nothing changed: Esc closes");
    key(&mut a, KeyCode::Char('e'));
    key(&mut a, KeyCode::End);
    typed(&mut a, " X");
    assert_eq!(form(&a).text(0), format!("{name} X"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Dialog));
    key(&mut a, KeyCode::Enter); // "keep editing" is chosen first
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Form));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Enter);
    assert!(a.edit.form.is_none());
    assert_eq!(a.screen(), Screen::List(crate::app::Tab::Smes));
}

#[test]
fn paste_and_cursor_keys_edit_the_focused_field() {
    let store = store_with_samples();
    let mut a = app_on(&store);
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('n'));
    update(&mut a, Msg::Paste("Nguye\u{302}\u{303}n\nVăn".into()));
    assert_eq!(form(&a).text(0), "Nguyễn Văn");
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Delete);
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Backspace);
    assert_eq!(form(&a).text(0), "uyễn Văn");
}

#[test]
fn delete_asks_then_restore_brings_it_back() {
    let mut store = store_with_samples();
    let mut a = app_on(&store);
    key(&mut a, KeyCode::Char('2'));
    let i = a.smes.current().unwrap();
    let (id, name) = (a.data.p.smes[i].id, a.data.p.smes[i].name.clone());
    key(&mut a, KeyCode::Char('d'));
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Confirm));
    assert_eq!(a.edit.confirm.as_ref().unwrap().name, name);
    key(&mut a, KeyCode::Esc);
    assert!(a.edit.confirm.is_none());
    key(&mut a, KeyCode::Char('d'));
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Write(Write::DeleteSme { id, version: 1 })]
    );
    run(&mut store, &mut a, &effects);
    assert!(a.data.sme(id).is_none());
    assert!(a.status.as_ref().is_some_and(|s| !s.error));
    let effects = key(&mut a, KeyCode::Char('D'));
    assert!(effects.is_empty());
    // The view asks for its rows; the runtime reads them after the key.
    assert_eq!(a.wanted_reads(), [Effect::LoadDeletedSmes]);
    run(&mut store, &mut a, &effects);
    let rows = a.edit.deleted.as_ref().unwrap().rows.clone().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id, rows[0].version), (id, 2));
    let effects = key(&mut a, KeyCode::Char('u'));
    assert_eq!(
        effects,
        [Effect::Write(Write::RestoreSme { id, version: 2 })]
    );
    run(&mut store, &mut a, &effects);
    assert!(a.data.sme(id).is_some());
    // The view was read again after the write: empty now.
    assert_eq!(
        a.edit.deleted.as_ref().unwrap().rows.as_deref(),
        Some(&[][..])
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen(), Screen::List(crate::app::Tab::Smes));
}

#[test]
fn a_deleted_sme_leaves_its_detail_and_the_cursor_follows_ids() {
    let mut store = store_with_samples();
    let mut a = app_on(&store);
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    let next = a.data.p.smes[a.smes.rows[3]].id;
    let effects = key(&mut a, KeyCode::Enter);
    assert!(matches!(
        a.wanted_reads().as_slice(),
        [Effect::LoadSmeChanges(_)]
    ));
    run(&mut store, &mut a, &effects);
    assert!(a.wanted_reads().is_empty(), "read once");
    key(&mut a, KeyCode::Char('d'));
    let effects = key(&mut a, KeyCode::Enter);
    run(&mut store, &mut a, &effects);
    assert_eq!(a.screen(), Screen::List(crate::app::Tab::Smes));
    assert_eq!(a.data.p.smes[a.smes.current().unwrap()].id, next);
}

/// Two sessions on one database file: the second saves first; the first is refused with a
/// dialog that shows the other version and offers to reload it or keep editing.
#[test]
fn a_save_over_another_sessions_change_is_refused_with_their_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.db");
    let (mut mine, _) = Store::open(&path).unwrap();
    crate::store::seed_samples(&mut mine).unwrap();
    let (mut theirs, _) = Store::open(&path).unwrap();
    let mut a = app_on(&mine);
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('e'));
    let id = form(&a).sme_id.unwrap();
    go_to(&mut a, "notes");
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut a, "called on Monday");

    let mut other = theirs.require_sme(id).unwrap();
    other.contact_phone = "+84 28 1234 5678".into();
    theirs.update_sme(&other, "minh").unwrap();

    let effects = save(&mut a);
    run(&mut mine, &mut a, &effects);
    let Some(Popup::Conflict { text, .. }) = &form(&a).popup else {
        panic!("conflict dialog, not {:?}", form(&a).popup)
    };
    assert!(text.contains("changed by another session"), "{text}");
    assert!(text.contains("update by minh"), "{text}");
    assert!(text.contains("+84 28 1234 5678"), "{text}");
    assert!(text.contains("your change (not saved): notes"), "{text}");
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Dialog));
    assert_eq!(theirs.require_sme(id).unwrap().notes, other.notes);

    // Keep editing: my note stays, their phone comes in, and the save now states their version.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).popup, None);
    assert_eq!(form(&a).opened.version, 2);
    assert_eq!(form(&a).text(14), "+84 28 1234 5678");
    assert_eq!(form(&a).text(15), "called on Monday");
    let effects = save(&mut a);
    run(&mut mine, &mut a, &effects);
    assert!(a.edit.form.is_none(), "{:?}", a.status);
    let saved = theirs.require_sme(id).unwrap();
    assert_eq!(
        (saved.notes.as_str(), saved.contact_phone.as_str()),
        ("called on Monday", "+84 28 1234 5678")
    );

    // Reload theirs: my change is dropped, the form shows their version.
    key(&mut a, KeyCode::Char('e'));
    go_to(&mut a, "notes");
    typed(&mut a, "!");
    let mut other = theirs.require_sme(id).unwrap();
    other.notes = "their note".into();
    theirs.update_sme(&other, "minh").unwrap();
    let effects = save(&mut a);
    run(&mut mine, &mut a, &effects);
    assert!(matches!(form(&a).popup, Some(Popup::Conflict { .. })));
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).text(15), "their note");
    assert!(!form(&a).dirty());
    assert_eq!(form(&a).opened.version, 4);
}

#[test]
fn actions_only_work_where_they_belong() {
    let store = store_with_samples();
    let mut a = app_on(&store);
    // Dashboard: n, e, d, D do nothing.
    for c in ['n', 'e', 'd', 'D'] {
        key(&mut a, KeyCode::Char(c));
        assert!(a.edit.screen().is_none(), "{c}");
    }
    key(&mut a, KeyCode::Char('3'));
    key(&mut a, KeyCode::Char('e'));
    assert!(a.edit.form.is_none());
    // Help still opens over the form with F1; Save outside a form does nothing.
    key(&mut a, KeyCode::Char('2'));
    assert!(a.apply(crate::app::Intent::Act(Action::Save)).is_empty());
    key(&mut a, KeyCode::Char('n'));
    key(&mut a, KeyCode::F(1));
    assert_eq!(a.screen(), Screen::Help);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen(), Screen::Edit(EditScreen::Form));
}
