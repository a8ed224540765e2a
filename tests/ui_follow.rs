//! Snapshots (text only) of the assessment form and of the SME detail's follow-up (target
//! markets, plan, decision log, stage picker) at 80×24 and 120×40 in both languages, driven by
//! keys through `update` and the real runtime on an in-memory store; and the sizes sweep.

mod ui_support;

use goglobal::app::{self, App, Effect, Keymap, Lang, Msg, ThemeKind};
use goglobal::config::Config;
use goglobal::domain::{PlanStatus, Stage};
use goglobal::runtime::{self, Env};
use goglobal::store::{self, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui_support::{TODAY, screen};

/// The app and its store, as the dashboard runs them.
struct Session {
    app: App,
    store: Store,
    env: Env,
    _dir: tempfile::TempDir,
}

impl Session {
    fn new(lang: Lang) -> Session {
        let store = ui_support::store();
        let portfolio = store::load_portfolio(&store.conn).unwrap();
        let mut config = Config::default();
        config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
        let dir = tempfile::tempdir().unwrap();
        let env = Env::new("Lan", config.clone(), &dir.path().join("goglobal.db"));
        let app = App::new(
            portfolio,
            &config,
            Keymap::default(),
            TODAY,
            ThemeKind::Dark,
        );
        Session {
            app,
            store,
            env,
            _dir: dir,
        }
    }

    /// Press `code`, then carry out what the app asked for.
    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        let effects = app::update(
            &mut self.app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        runtime::perform(&mut self.app, &mut self.store, &self.env, &effects);
        effects
    }

    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Search the SME tab for `query` and open the first hit.
    fn open_sme(&mut self, query: &str) {
        self.key(KeyCode::Char('2'));
        self.key(KeyCode::Char('/'));
        self.keys(query);
        self.key(KeyCode::Enter);
        self.key(KeyCode::Enter);
    }
}

/// How to get to a screen from the start.
type Steps = fn(&mut Session);

/// Every screen worth a snapshot: its name and how to get there.
fn screens() -> Vec<(&'static str, Steps)> {
    vec![
        ("assess_first_domain", |s| {
            s.open_sme("ngoc trieu");
            s.keys("a");
        }),
        ("assess_middle_domain", |s| {
            s.open_sme("mui dua");
            s.keys("a");
            s.key(KeyCode::Right);
            s.key(KeyCode::Right);
            s.key(KeyCode::Right);
            s.keys("3");
            s.key(KeyCode::Down);
            s.keys("1");
            s.key(KeyCode::Down);
        }),
        ("assess_discard_prompt", |s| {
            s.open_sme("mui dua");
            s.keys("a4");
            s.key(KeyCode::Esc);
        }),
        ("sme_follow_markets", |s| {
            s.open_sme("giay da binh tan");
            s.key(KeyCode::Tab);
            s.key(KeyCode::Down);
        }),
        ("sme_follow_plan", |s| {
            s.open_sme("giay da binh tan");
            s.key(KeyCode::Tab);
            s.key(KeyCode::Tab);
        }),
        ("sme_follow_decisions", |s| {
            s.open_sme("giay da binh tan");
            s.key(KeyCode::End);
        }),
        ("stage_picker_reason", |s| {
            s.open_sme("giay da binh tan");
            s.key(KeyCode::Tab);
            s.key(KeyCode::Down);
            s.keys("g");
            s.key(KeyCode::End);
            s.key(KeyCode::Enter);
            s.keys("no reply");
        }),
    ]
}

/// The SME's id in the portfolio.
fn sme_id(s: &Session, name_part: &str) -> i64 {
    s.app
        .data
        .p
        .smes
        .iter()
        .find(|x| x.name.contains(name_part))
        .unwrap()
        .id
}

#[test]
fn a_first_shipment_in_a_new_market_moves_the_dashboard() {
    let mut s = Session::new(Lang::En);
    let before = s.app.data.kpis.clone();
    let funnel = |k: &goglobal::domain::portfolio::Kpis, stage: Stage| {
        k.funnel.iter().find(|(x, _)| *x == stage).unwrap().1
    };
    // Bù Đăng Vàng is engaged in Egypt, a market it did not serve when first assessed.
    s.open_sme("bu dang vang");
    let id = sme_id(&s, "Bù Đăng Vàng");
    let decisions = s.app.data.p.decisions_of(id).count();
    s.key(KeyCode::Tab);
    s.keys("g");
    s.key(KeyCode::Down);
    let effects = s.key(KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Write(_)]),
        "{effects:?}"
    );
    let status = s.app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    assert_eq!(status.text, "Stage saved: EGY (HS 080132): First shipment");
    let after = &s.app.data.kpis.clone();
    assert_eq!(after.smes_with_new_market, before.smes_with_new_market + 1);
    assert_eq!(
        funnel(after, Stage::Engaged),
        funnel(&before, Stage::Engaged) - 1
    );
    assert_eq!(
        funnel(after, Stage::FirstShipment),
        funnel(&before, Stage::FirstShipment) + 1
    );
    // The decision log on the SME has the change, newest first.
    let newest = s.app.data.p.decisions_of(id).next().unwrap();
    assert_eq!(s.app.data.p.decisions_of(id).count(), decisions + 1);
    assert_eq!(newest.who, "Lan");
    let what = goglobal::store::strings::EN.decision(&newest.fact);
    assert!(what.contains("engaged → first shipment"), "{what}");
    // The dashboard shows the new count.
    s.key(KeyCode::Char('1'));
    let text = screen(&mut s.app, 120, 40);
    let shown = format!("{} / 5,000", after.smes_with_new_market);
    assert!(text.contains(&shown), "{shown}\n{text}");
}

#[test]
fn dropping_a_market_stores_the_reason_and_a_stale_plan_change_is_refused() {
    let mut s = Session::new(Lang::Vi);
    s.open_sme("bu dang vang");
    let id = sme_id(&s, "Bù Đăng Vàng");
    s.key(KeyCode::Tab);
    s.keys("g");
    s.key(KeyCode::End);
    s.key(KeyCode::Enter);
    s.keys("giá không cạnh tranh");
    s.key(KeyCode::Enter);
    let entry = s.store.shortlist_for(id).unwrap().pop().unwrap();
    assert_eq!(entry.stage, Stage::Dropped);
    assert_eq!(entry.reason, "giá không cạnh tranh");
    // Another session moves the first plan item meanwhile; this one's change is refused.
    let item = s.store.plan_for(id).unwrap()[0].clone();
    s.store
        .update_plan_item(
            item.id,
            PlanStatus::Done,
            item.due.as_deref(),
            item.version,
            "Minh",
        )
        .unwrap();
    s.key(KeyCode::Tab);
    s.keys("+");
    let status = s.app.status.clone().unwrap();
    assert!(status.error, "{}", status.text);
    // In the session's language (Vietnamese).
    assert!(
        status.text.contains("một phiên làm việc khác thay đổi"),
        "{}",
        status.text
    );
    assert_eq!(s.store.plan_for(id).unwrap()[0].due, item.due);
    // The refusal left the portfolio as it was; after a reload the key works.
    let portfolio = store::load_portfolio(&s.store.conn).unwrap();
    s.app.reload(portfolio);
    s.keys("+");
    assert!(!s.app.status.clone().unwrap().error);
    let moved = s.store.plan_for(id).unwrap()[0].due.clone().unwrap();
    assert_eq!(
        Some(moved),
        goglobal::clock::add_days(item.due.as_deref().unwrap(), 7)
    );
}

#[test]
fn every_screen_in_both_languages_at_two_sizes() {
    for (name, go) in screens() {
        for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut s = Session::new(lang);
                go(&mut s);
                screen(&mut s.app, w, h);
                insta::assert_snapshot!(format!("{name}_{code}_{w}x{h}"), screen(&mut s.app, w, h));
            }
        }
    }
}

#[test]
fn no_panic_at_any_small_or_odd_size() {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
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
    for (name, go) in screens() {
        let mut s = Session::new(Lang::Vi);
        go(&mut s);
        for &(w, h) in &sizes {
            let text = screen(&mut s.app, w, h);
            assert_eq!(text.lines().count(), h as usize, "{name} at {w}×{h}");
        }
    }
}
