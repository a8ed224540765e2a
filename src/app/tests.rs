//! Intent-level tests: drive the app with keys, clicks and intents; check the state.

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use crate::domain::portfolio::ReadinessView;
use crate::domain::*;

fn market(iso3: &str, name_vi: &str, region: &str, priority: Priority) -> Market {
    Market {
        name_vi: name_vi.into(),
        region: region.into(),
        lat: Some(10.0),
        lon: Some(20.0),
        ..Market::new(iso3, iso3, priority)
    }
}

fn provider(id: &str, category: &str, markets: &[&str], sample: bool) -> Provider {
    Provider {
        id: id.into(),
        name: format!("Provider {id}"),
        name_vi: String::new(),
        category: category.into(),
        tags: Vec::new(),
        markets: markets.iter().map(|m| m.to_string()).collect(),
        provinces: Vec::new(),
        languages: Vec::new(),
        website: String::new(),
        phone: String::new(),
        email: String::new(),
        sample,
        notes: String::new(),
        source: String::new(),
    }
}

fn sme(id: i64, name: &str, province: &str, sector: &str, contact: &str) -> Sme {
    Sme {
        id,
        name: name.into(),
        province: province.into(),
        sector: sector.into(),
        contact_name: contact.into(),
        ..Sme::default()
    }
}

fn fixture() -> Portfolio {
    let mut groups = BTreeMap::new();
    groups.insert("GCC".to_string(), vec!["ARE".to_string()]);
    let reference = Reference {
        markets: vec![
            market("ARE", "UAE", "Asia", Priority::MiddleEast),
            market("USA", "Hoa Kỳ", "Americas", Priority::Traditional),
            market("DEU", "Đức", "Europe", Priority::Traditional),
            market("BRA", "Bra-xin", "Americas", Priority::LatinAmerica),
        ],
        ftas: vec![Fta {
            code: "EVFTA".into(),
            name: "EU–Viet Nam FTA".into(),
            name_vi: String::new(),
            status: FtaStatus::InForce,
            year: Some(2020),
            co_form: "EUR.1".into(),
            members: vec!["DEU".into()],
            notes: String::new(),
            source: String::new(),
        }],
        providers: vec![
            provider("P1", "banking", &["*"], false),
            provider("P2", "logistics", &["GCC"], true),
            provider("P3", "legal", &["USA"], false),
        ],
        groups,
        ..Reference::default()
    }
    .index();
    let smes = vec![
        sme(
            1,
            "Công ty TNHH Thủy sản Sa Đéc",
            "Đồng Tháp",
            "seafood",
            "Lê Văn Tám",
        ),
        sme(
            2,
            "Công ty Cà phê Buôn Ma Thuột",
            "Đắk Lắk",
            "coffee",
            "Nguyễn Thị Hà",
        ),
        sme(
            3,
            "Hợp tác xã Gạo Tháp Mười",
            "Đồng Tháp",
            "rice",
            "Trần Văn Ba",
        ),
        sme(
            4,
            "Công ty Dệt may Thăng Long",
            "Hà Nội",
            "textiles",
            "Phạm Thu",
        ),
    ];
    let mut readiness = HashMap::new();
    let view = |overall: f64, band: &'static str| ReadinessView {
        overall: Some(overall),
        band: Some(band),
        ..ReadinessView::default()
    };
    readiness.insert(2, view(72.0, "ready"));
    readiness.insert(3, view(35.0, "not_yet"));
    Portfolio {
        reference,
        smes,
        readiness,
        ..Portfolio::default()
    }
}

fn app_with_keys(keys: &[(&str, &str)]) -> App {
    let overrides = keys
        .iter()
        .map(|(a, k)| (a.to_string(), k.to_string()))
        .collect();
    let mut config = crate::config::Config::default();
    config.ui.language = "en".into();
    App::new(
        fixture(),
        &config,
        Keymap::new(&overrides).unwrap(),
        "2026-11-23",
        ThemeKind::Dark,
    )
}

fn app() -> App {
    app_with_keys(&[])
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        assert!(ch(app, c).is_empty(), "typing {c:?} must not quit");
    }
}

fn names(app: &App, tab: Tab) -> Vec<String> {
    let view = app.list(tab).unwrap();
    view.rows
        .iter()
        .map(|&i| match tab {
            Tab::Smes => app.data.p.smes[i].name.clone(),
            Tab::Markets => app.data.p.reference.markets[i].iso3.clone(),
            _ => app.data.p.reference.providers[i].id.clone(),
        })
        .collect()
}

fn selected_sme(app: &App) -> i64 {
    app.data.p.smes[app.smes.current().unwrap()].id
}

#[test]
fn number_keys_and_tab_switch_tabs() {
    let mut a = app();
    assert_eq!(a.tab, Tab::Dashboard);
    ch(&mut a, '3');
    assert_eq!(a.tab, Tab::Markets);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Services);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Dashboard);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(a.tab, Tab::Services);
    ch(&mut a, '2');
    assert_eq!(a.tab, Tab::Smes);
}

#[test]
fn search_ignores_accents_and_case() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, '/');
    assert_eq!(a.screen(), Screen::Search);
    typed(&mut a, "dong thap");
    let found = names(&a, Tab::Smes);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|n| n.contains("Sa Đéc") || n.contains("Tháp Mười"))
    );
    // Contact names are searched too: "nguyen" finds Nguyễn.
    key(&mut a, KeyCode::Esc);
    ch(&mut a, '/');
    typed(&mut a, "NGUYEN");
    assert_eq!(names(&a, Tab::Smes), ["Công ty Cà phê Buôn Ma Thuột"]);
}

#[test]
fn typing_q_searches_and_esc_restores_the_query() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, '/');
    typed(&mut a, "thu");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.smes.query, "thu");
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    // A second search cancelled with Esc goes back to "thu".
    ch(&mut a, '/');
    typed(&mut a, "q");
    assert_eq!(a.smes.query, "thuq");
    assert!(names(&a, Tab::Smes).is_empty());
    key(&mut a, KeyCode::Backspace);
    assert_eq!(a.smes.query, "thu");
    typed(&mut a, "zz");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.smes.query, "thu");
    assert_eq!(a.typing, None);
    // Esc on the list clears the search.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.smes.query, "");
    assert_eq!(a.smes.rows.len(), 4);
}

#[test]
fn typed_and_pasted_text_is_nfc() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, '/');
    // "Đồng" typed as base letters and combining marks, as some input methods send it.
    for c in "Đo\u{302}\u{300}ng".chars() {
        ch(&mut a, c);
    }
    assert_eq!(a.smes.query, "Đồng");
    update(&mut a, Msg::Paste(" Tha\u{301}p\n".into()));
    assert_eq!(a.smes.query, "Đồng Tháp ");
    assert_eq!(a.smes.rows.len(), 2);
    // A paste outside the search line does nothing.
    key(&mut a, KeyCode::Enter);
    update(&mut a, Msg::Paste("x".into()));
    assert_eq!(a.smes.query, "Đồng Tháp ");
}

#[test]
fn q_quits_only_from_the_top_level() {
    let mut a = app();
    ch(&mut a, '2');
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.screen(), Screen::Detail(Target::Sme(_))));
    // In a detail q goes back instead of quitting.
    assert!(ch(&mut a, 'q').is_empty());
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    ch(&mut a, '?');
    assert!(ch(&mut a, 'q').is_empty());
    assert_eq!(a.help, None);
    assert_eq!(ch(&mut a, 'q'), vec![Effect::Quit]);
}

#[test]
fn ctrl_c_always_quits() {
    let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, '/');
    assert_eq!(update(&mut a, ctrl_c.clone()), vec![Effect::Quit]);
    let mut a = app();
    ch(&mut a, '?');
    assert_eq!(update(&mut a, ctrl_c), vec![Effect::Quit]);
}

#[test]
fn filters_through_the_picker() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, 'f');
    let picker = a.picker.clone().unwrap();
    assert_eq!(
        picker.items,
        vec![
            PickItem::Field(Field::Province),
            PickItem::Field(Field::Sector),
            PickItem::Field(Field::Band),
        ]
    );
    key(&mut a, KeyCode::Enter); // Province
    let items = a.picker.clone().unwrap().items;
    assert_eq!(items[0], PickItem::All(4));
    assert!(items.contains(&PickItem::Value("Đồng Tháp".into(), 2)));
    let pos = items
        .iter()
        .position(|i| matches!(i, PickItem::Value(v, _) if v == "Đồng Tháp"))
        .unwrap();
    a.apply(Intent::Pick(pos));
    assert_eq!(a.picker, None);
    assert_eq!(a.smes.rows.len(), 2);
    // Band: not assessed is a value of its own.
    ch(&mut a, 'f');
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    key(&mut a, KeyCode::Enter);
    let items = a.picker.clone().unwrap().items;
    assert!(items.contains(&PickItem::Value("not_yet".into(), 1)));
    assert!(items.contains(&PickItem::Value("none".into(), 2)));
    // Esc goes back to the fields, then closes.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.picker.as_ref().unwrap().field, None);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.picker, None);
    ch(&mut a, 'x');
    assert_eq!(a.smes.rows.len(), 4);
}

#[test]
fn market_served_filter_follows_groups_and_everywhere() {
    let mut a = app();
    ch(&mut a, '4');
    ch(&mut a, 'f');
    ch(&mut a, 'j');
    key(&mut a, KeyCode::Enter); // Market served
    let items = a.picker.clone().unwrap().items;
    // GCC (P1 everywhere + P2) and USA (P1 + P3).
    assert_eq!(
        items[1..],
        [
            PickItem::Value("GCC".into(), 2),
            PickItem::Value("USA".into(), 2)
        ]
    );
    a.apply(Intent::Pick(1));
    assert_eq!(names(&a, Tab::Services), ["P1", "P2"]);
}

#[test]
fn sorting_cycles_columns_and_reverses() {
    let mut a = app();
    ch(&mut a, '2');
    assert_eq!(a.smes.sort, 0);
    ch(&mut a, 's'); // province
    ch(&mut a, 's'); // sector
    ch(&mut a, 's'); // readiness
    assert_eq!(Tab::Smes.columns()[a.smes.sort], Column::Readiness);
    // Lowest first, unassessed last.
    let first = a.data.p.smes[a.smes.rows[0]].id;
    assert_eq!(first, 3);
    ch(&mut a, 'S');
    assert!(a.smes.descending);
    // Reversed: the unassessed come first, then 72 before 35.
    let ids: Vec<i64> = a.smes.rows.iter().map(|&i| a.data.p.smes[i].id).collect();
    assert_eq!(&ids[2..], [2, 3]);
    // Clicking a header sorts by it; a second click reverses.
    a.apply(Intent::SortBy(1));
    assert_eq!(a.smes.sort, 1);
    assert!(!a.smes.descending);
    a.apply(Intent::SortBy(1));
    assert!(a.smes.descending);
}

#[test]
fn selection_keeps_its_item_when_the_list_changes() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, 'G');
    let id = selected_sme(&a);
    ch(&mut a, 's');
    assert_eq!(selected_sme(&a), id);
}

#[test]
fn moving_pages_and_ends() {
    let mut a = app();
    ch(&mut a, '2');
    a.hits.page = 2;
    key(&mut a, KeyCode::Down);
    assert_eq!(a.smes.selected, 1);
    key(&mut a, KeyCode::PageDown);
    assert_eq!(a.smes.selected, 3);
    assert_eq!(a.smes.offset, 2);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.smes.selected, 3);
    ch(&mut a, 'g');
    assert_eq!((a.smes.selected, a.smes.offset), (0, 0));
    key(&mut a, KeyCode::End);
    assert_eq!(a.smes.selected, 3);
    key(&mut a, KeyCode::Up);
    ch(&mut a, 'k');
    assert_eq!(a.smes.selected, 1);
}

#[test]
fn details_stack_per_tab() {
    let mut a = app();
    ch(&mut a, '2');
    ch(&mut a, 'j');
    key(&mut a, KeyCode::Enter);
    let Screen::Detail(Target::Sme(i)) = a.screen() else {
        panic!("{:?}", a.screen())
    };
    assert_eq!(Some(i), a.smes.current());
    ch(&mut a, '3');
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.screen(), Screen::Detail(Target::Market(_))));
    ch(&mut a, '2');
    assert!(matches!(a.screen(), Screen::Detail(Target::Sme(_))));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    // Search and filter do nothing inside a detail.
    ch(&mut a, '3');
    ch(&mut a, '/');
    ch(&mut a, 'f');
    assert!(matches!(a.screen(), Screen::Detail(Target::Market(_))));
}

#[test]
fn detail_scroll_is_clamped_by_the_frame() {
    let mut a = app();
    ch(&mut a, '4');
    key(&mut a, KeyCode::Enter);
    a.set_hits(Hits {
        screen: Some(a.screen()),
        page: 10,
        max_scroll: 3,
        ..Hits::default()
    });
    for _ in 0..10 {
        ch(&mut a, 'j');
    }
    assert_eq!(a.detail().unwrap().scroll, 3);
    ch(&mut a, 'g');
    assert_eq!(a.detail().unwrap().scroll, 0);
    key(&mut a, KeyCode::End);
    assert_eq!(a.detail().unwrap().scroll, 3);
}

#[test]
fn help_and_language() {
    let mut a = app();
    assert_eq!(a.lang, Lang::En);
    ch(&mut a, '?');
    assert_eq!(a.screen(), Screen::Help);
    ch(&mut a, 'L');
    assert_eq!(a.lang, Lang::Vi);
    key(&mut a, KeyCode::F(1));
    assert_eq!(a.help, None);
    ch(&mut a, 'L');
    assert_eq!(a.lang, Lang::En);
}

#[test]
fn language_switch_resorts_names() {
    let mut a = app();
    ch(&mut a, '3');
    // English names are the ISO3 codes in this fixture: ARE, BRA, DEU, USA.
    assert_eq!(names(&a, Tab::Markets), ["ARE", "BRA", "DEU", "USA"]);
    ch(&mut a, 'L');
    // Vietnamese: Bra-xin, Đức, Hoa Kỳ, UAE.
    assert_eq!(names(&a, Tab::Markets), ["BRA", "DEU", "USA", "ARE"]);
}

#[test]
fn clicks_select_double_clicks_open() {
    let mut a = app();
    a.set_hits(Hits {
        screen: Some(a.screen()),
        tabs: vec![
            (Rect::new(0, 0, 10, 1), Tab::Dashboard),
            (Rect::new(10, 0, 10, 1), Tab::Smes),
        ],
        ..Hits::default()
    });
    let click = |col, row, at_ms| {
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            col,
            row,
            at_ms,
        })
    };
    update(&mut a, click(12, 0, 0));
    assert_eq!(a.tab, Tab::Smes);
    a.set_hits(Hits {
        screen: Some(a.screen()),
        rows: Some((Rect::new(0, 3, 80, 10), 0)),
        headers: vec![(Rect::new(0, 2, 20, 1), 0), (Rect::new(21, 2, 10, 1), 1)],
        page: 10,
        ..Hits::default()
    });
    update(&mut a, click(5, 5, 1000));
    assert_eq!(a.smes.selected, 2);
    // A second click too late only selects again; a quick one opens.
    update(&mut a, click(5, 5, 2000));
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    update(&mut a, click(5, 5, 2300));
    assert_eq!(a.screen(), Screen::Detail(Target::Sme(a.smes.rows[2])));
    key(&mut a, KeyCode::Esc);
    // Below the last row: nothing.
    update(&mut a, click(5, 12, 5000));
    assert_eq!(a.smes.selected, 2);
    // On a header: sort.
    update(&mut a, click(25, 2, 6000));
    assert_eq!(a.smes.sort, 1);
    // The wheel moves the selection.
    update(
        &mut a,
        Msg::Mouse(Mouse {
            kind: MouseKind::ScrollUp,
            col: 0,
            row: 0,
            at_ms: 7000,
        }),
    );
    assert_eq!(a.smes.selected, 0);
}

#[test]
fn key_overrides_replace_defaults() {
    let mut a = app_with_keys(&[("quit", "Q"), ("search", "F3")]);
    ch(&mut a, '2');
    assert!(ch(&mut a, 'q').is_empty());
    ch(&mut a, '/');
    assert_eq!(a.typing, None);
    key(&mut a, KeyCode::F(3));
    assert!(a.typing.is_some());
    key(&mut a, KeyCode::Esc);
    assert_eq!(ch(&mut a, 'Q'), vec![Effect::Quit]);
}

#[test]
fn empty_portfolio_is_browsable() {
    let mut a = App::new(
        Portfolio::default(),
        &crate::config::Config::default(),
        Keymap::default(),
        "2026-11-23",
        ThemeKind::Mono,
    );
    for c in ['2', 'j', 'G', 's', 'S', 'f'] {
        ch(&mut a, c);
    }
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    assert!(a.detail().is_none());
    ch(&mut a, '/');
    typed(&mut a, "x");
    assert!(a.smes.rows.is_empty());
}
