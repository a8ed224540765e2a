//! Snapshots (text only) of the SME form and its pickers and dialogs, the delete confirmation,
//! the deleted SMEs, an SME's changes and a market's imported Trade Map series, at 80×24 and
//! 120×40 in both languages; each screen reached with keys, its effects carried out by the
//! runtime on a real store as the dashboard loop does. And a sweep of odd sizes.

mod ui_support;

use goglobal::app::{App, Effect, Keymap, Lang, Msg, ThemeKind, update};
use goglobal::config::Config;
use goglobal::store::{self, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui_support::screen;

struct Session {
    store: Store,
    app: App,
}

fn app_on(store: &Store, lang: Lang) -> App {
    let portfolio = store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
    App::new(
        portfolio,
        &config,
        Keymap::default(),
        ui_support::TODAY,
        ThemeKind::Dark,
    )
}

impl Session {
    fn new(lang: Lang) -> Session {
        let store = ui_support::store();
        let app = app_on(&store, lang);
        Session { store, app }
    }

    /// A session on a database file that another session (`other`) also opens.
    fn on_file(lang: Lang, path: &std::path::Path) -> Session {
        ui_support::fixed_clock();
        let (mut store, _) = Store::open(path).unwrap();
        goglobal::store::seed_samples(&mut store).unwrap();
        let app = app_on(&store, lang);
        Session { store, app }
    }

    fn press(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        let effects = update(&mut self.app, Msg::Key(KeyEvent::new(code, mods)));
        assert!(!effects.contains(&Effect::Quit));
        let env = goglobal::runtime::Env::new(
            "lan",
            Config::default(),
            std::path::Path::new("goglobal.db"),
        );
        goglobal::runtime::perform(&mut self.app, &mut self.store, &env, &effects);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.press(code, KeyModifiers::NONE)
    }

    fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// SMEs tab, search, open the first match.
    fn open_sme(&mut self, query: &str) -> &mut Self {
        self.keys("2/")
            .keys(query)
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
    }

    /// Move the form's cursor to field `column`.
    fn field(&mut self, column: &str) -> &mut Self {
        let want = goglobal::app::edit::field_index(column).unwrap();
        for _ in 0..20 {
            let at = self.app.edit.form.as_ref().unwrap().focus;
            if at == want {
                break;
            }
            self.key(if at < want {
                KeyCode::Down
            } else {
                KeyCode::Up
            });
        }
        self
    }

    fn import(&mut self, file: &str, hs: Option<&str>) -> &mut Self {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/trademap")
            .join(file);
        let bytes = std::fs::read(&path).unwrap();
        let r = store::load_reference(&self.store.conn).unwrap();
        let parsed = goglobal::domain::trademap::parse(&bytes, file, hs, &r).unwrap();
        self.store.import_demand(&parsed, file, "lan").unwrap();
        self
    }
}

/// How to reach a screen in a language.
type Build = fn(Lang) -> Session;

/// Screens: name and how to get there.
fn screens() -> Vec<(&'static str, Build)> {
    vec![
        ("form_new", |lang| {
            let mut s = Session::new(lang);
            s.keys("2n");
            s
        }),
        ("form_filled", |lang| {
            let mut s = Session::new(lang);
            s.open_sme("ngoc trieu").keys("e").field("employees");
            s.ctrl('u').keys("about 80").key(KeyCode::Down);
            s
        }),
        ("hs_picker", |lang| {
            let mut s = Session::new(lang);
            s.open_sme("ngoc trieu").keys("e").field("products");
            s.key(KeyCode::Enter).keys("shrimp frozen");
            s
        }),
        ("province_picker", |lang| {
            let mut s = Session::new(lang);
            s.keys("2n").field("province").keys("binh duong");
            s
        }),
        ("conflict", |lang| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("two.db");
            let mut s = Session::on_file(lang, &path);
            s.keys("2/ngoc trieu")
                .key(KeyCode::Enter)
                .keys("e")
                .field("notes");
            s.ctrl('u').keys("Gọi lại thứ Hai");
            let (mut other, _) = Store::open(&path).unwrap();
            let id = s.app.edit.form.as_ref().unwrap().sme_id.unwrap();
            let mut theirs = other.require_sme(id).unwrap();
            theirs.contact_phone = "+84 290 3838 999".into();
            theirs.province = "Cần Thơ".into();
            other.update_sme(&theirs, "minh").unwrap();
            s.ctrl('s');
            s
        }),
        ("delete_confirm", |lang| {
            let mut s = Session::new(lang);
            s.keys("2/ngoc trieu").key(KeyCode::Enter).keys("d");
            s
        }),
        ("deleted_smes", |lang| {
            let mut s = Session::new(lang);
            s.keys("2/ngoc trieu")
                .key(KeyCode::Enter)
                .keys("d")
                .key(KeyCode::Enter)
                .key(KeyCode::Esc)
                .keys("D");
            s
        }),
        ("sme_detail_changes", |lang| {
            let mut s = Session::new(lang);
            s.open_sme("ngoc trieu").keys("e").field("province");
            s.keys("can tho").key(KeyCode::Enter).field("notes");
            s.key(KeyCode::End).keys(" Đã gửi mẫu.");
            s.ctrl('s').key(KeyCode::End);
            s
        }),
        ("market_trade_map", |lang| {
            let mut s = Session::new(lang);
            s.import(
                "01_TM_List_of_importers_for_the_selected_product_(All_products)_World_2009-2020.txt",
                None,
            )
            .import("variant_lf_nobom_importers.txt", Some("0901"))
            .import("variant_apostrophe_vn_exports.csv", None);
            s.app = app_on(&s.store, lang);
            s.keys("3/usa").key(KeyCode::Enter).key(KeyCode::Enter);
            // Scroll to the imported series (below the indicators).
            s.key(KeyCode::PageDown);
            s
        }),
    ]
}

#[test]
fn edit_screens_in_both_languages_at_two_sizes() {
    for (name, build) in screens() {
        for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut s = build(lang);
                // Draw once so scroll limits are known, as in the real loop.
                screen(&mut s.app, w, h);
                insta::assert_snapshot!(format!("{name}_{code}_{w}x{h}"), screen(&mut s.app, w, h));
            }
        }
    }
}

#[test]
fn no_panic_at_any_small_or_odd_size() {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .step_by(3)
        .flat_map(|w| (1..=10).map(move |h| (w, h)))
        .collect();
    sizes.extend([
        (79, 23),
        (80, 23),
        (100, 11),
        (200, 6),
        (6, 200),
        (33, 77),
        (250, 80),
    ]);
    for (name, build) in screens() {
        let mut s = build(Lang::Vi);
        for &(w, h) in &sizes {
            let text = screen(&mut s.app, w, h);
            assert_eq!(text.lines().count(), h as usize, "{name} at {w}×{h}");
        }
    }
}

#[test]
fn what_the_screens_say() {
    let mut s = screens()[4].1(Lang::En);
    let text = screen(&mut s.app, 120, 40);
    assert!(text.contains("Changed by another session"), "{text}");
    assert!(text.contains("update by minh"), "{text}");
    assert!(text.contains("Reload their version"), "{text}");
    let mut s = screens()[3].1(Lang::En);
    let text = screen(&mut s.app, 80, 24);
    assert!(
        text.contains("Bình Dương → Thành phố Hồ Chí Minh"),
        "{text}"
    );
    let mut s = screens()[7].1(Lang::En);
    let text = screen(&mut s.app, 120, 40);
    assert!(text.contains("Changes"), "{text}");
    assert!(
        text.contains("2026-11-23 16:00 +07:00 · lan · edited"),
        "{text}"
    );
    assert!(
        text.contains("Province: \"Cà Mau\" → \"Cần Thơ\""),
        "{text}"
    );
    let mut s = screens()[8].1(Lang::En);
    let text = screen(&mut s.app, 120, 40);
    assert!(text.contains("Imports (ITC Trade Map)"), "{text}");
    assert!(text.contains("Viet Nam's foothold"), "{text}");
    assert!(text.contains("2009–2020"), "{text}");
}
