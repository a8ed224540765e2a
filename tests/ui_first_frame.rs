//! The dashboard's first frame is drawn before the HS nomenclature and the trade rows are read
//! (`store::load_portfolio_for_first_frame`); the event loop reads them right after it, before
//! the first key (`runtime::load_after_first_frame`). The first frame must show exactly what a
//! fully loaded app shows, and after the late read every screen must be the same as well.

mod ui_support;

use goglobal::app::{Action, App, Intent, Keymap, Lang, ThemeKind};
use goglobal::config::Config;
use goglobal::store::{self, Store};
use ui_support::screen;

fn app_from(portfolio: goglobal::domain::portfolio::Portfolio, lang: Lang) -> App {
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

/// An app as the dashboard starts it, and one loaded in full, on the same store.
fn apps(store: &Store, lang: Lang) -> (App, App) {
    let first = store::load_portfolio_for_first_frame(&store.conn).unwrap();
    assert!(first.reference.hs.is_empty(), "left for after the frame");
    let full = store::load_portfolio(&store.conn).unwrap();
    (app_from(first, lang), app_from(full, lang))
}

#[test]
fn the_first_frame_shows_what_a_full_load_shows() {
    let store = ui_support::store();
    for lang in [Lang::Vi, Lang::En] {
        for (w, h) in [(200, 60), (120, 40), (80, 24), (60, 18)] {
            let (mut first, mut full) = apps(&store, lang);
            assert_eq!(
                screen(&mut first, w, h),
                screen(&mut full, w, h),
                "{lang:?} {w}×{h}"
            );
        }
    }
}

#[test]
fn after_the_late_read_every_screen_is_the_same() {
    let store = ui_support::store();
    for lang in [Lang::Vi, Lang::En] {
        let (mut first, full) = apps(&store, lang);
        screen(&mut first, 120, 40);
        goglobal::runtime::load_after_first_frame(&mut first, &store);
        assert!(first.status.is_none(), "{:?}", first.status);
        assert_eq!(
            first.data.p.reference.hs.len(),
            full.data.p.reference.hs.len()
        );
        assert!(first.data.p.reference.trade.contains("030617"));
        let open_sme = |query: &str| {
            let mut steps = vec![Intent::Act(Action::Tab2), Intent::Act(Action::Search)];
            steps.extend(query.chars().map(Intent::Type));
            steps.extend([Intent::ConfirmInput, Intent::Act(Action::Open)]);
            steps
        };
        let paths: Vec<Vec<Intent>> = vec![
            // Product labels of an SME with HS 6 codes, in its detail.
            open_sme("ngoc trieu"),
            vec![Intent::Act(Action::Tab2)],
            vec![Intent::Act(Action::Tab3), Intent::Act(Action::Open)],
            // The matching wizard ranks with the trade rows and names the products.
            vec![
                Intent::Act(Action::Tab2),
                Intent::Act(Action::Match),
                Intent::Act(Action::Open),
            ],
        ];
        for steps in paths {
            let (mut a, mut b) = (
                app_from(first.data.p.clone(), lang),
                app_from(full.data.p.clone(), lang),
            );
            for step in &steps {
                a.apply(step.clone());
                b.apply(step.clone());
            }
            assert_eq!(
                screen(&mut a, 120, 40),
                screen(&mut b, 120, 40),
                "{lang:?} {steps:?}"
            );
        }
    }
}
