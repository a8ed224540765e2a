//! Snapshots (text only) of every step of the matching wizard at 80×24 and 120×40 in both
//! languages, on the real reference data and the sample portfolio; and a sweep of small and
//! odd sizes that must draw without panicking.

mod ui_support;

use goglobal::app::{Action, App, Intent, Keymap, Lang, ThemeKind};
use goglobal::config::Config;
use goglobal::store;
use ui_support::{TODAY, screen};

/// The sample portfolio with a fixed advisor (the plan owner shows in the review).
fn app(lang: Lang) -> App {
    let store = ui_support::store();
    let portfolio = store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = if lang == Lang::En { "en" } else { "vi" }.into();
    config.advisor.name = "Phạm Thị Lan".into();
    App::new(
        portfolio,
        &config,
        Keymap::default(),
        TODAY,
        ThemeKind::Dark,
    )
}

fn act(a: Action) -> Intent {
    Intent::Act(a)
}

/// What leads to a screen: intents, and markets (ISO3) to mark on the ranking on the way.
enum Do {
    Keys(Vec<Action>),
    Mark(&'static [&'static str]),
}

fn run(app: &mut App, steps: &[Do]) {
    for step in steps {
        match step {
            Do::Keys(keys) => {
                for &k in keys {
                    app.apply(act(k));
                }
            }
            Do::Mark(markets) => {
                for iso3 in *markets {
                    let w = app.wizard.as_mut().expect("wizard open");
                    let pos = w
                        .rows
                        .iter()
                        .position(|&i| w.results[i].market == *iso3)
                        .unwrap_or_else(|| panic!("{iso3} not in the ranking"));
                    w.selected = pos;
                    app.apply(act(Action::Mark));
                }
                // Back to the top of the ranking, as a user scrolling up would.
                app.apply(act(Action::Home));
            }
        }
    }
}

fn screens() -> Vec<(&'static str, Vec<Do>)> {
    use Action::*;
    let ranked = || vec![Do::Keys(vec![Match, Down, Open])];
    let with = |mut base: Vec<Do>, more: Vec<Do>| {
        base.extend(more);
        base
    };
    vec![
        ("wizard_product", vec![Do::Keys(vec![Match])]),
        (
            "wizard_ranking",
            with(ranked(), vec![Do::Mark(&["SAU", "ARE"])]),
        ),
        (
            "wizard_weights",
            with(
                ranked(),
                vec![Do::Keys(vec![Weights, Down, Down, Down, More, More])],
            ),
        ),
        (
            "wizard_filter",
            with(ranked(), vec![Do::Keys(vec![Filter, Down])]),
        ),
        (
            "wizard_market_detail",
            with(ranked(), vec![Do::Mark(&["SAU"]), Do::Keys(vec![Open])]),
        ),
        (
            "wizard_compare",
            with(
                ranked(),
                vec![Do::Mark(&["SAU", "ARE", "CHN"]), Do::Keys(vec![Compare])],
            ),
        ),
        (
            "wizard_services",
            with(
                ranked(),
                vec![Do::Mark(&["SAU", "POL"]), Do::Keys(vec![NextTab])],
            ),
        ),
        (
            "wizard_review",
            with(
                ranked(),
                vec![
                    Do::Mark(&["SAU", "POL"]),
                    Do::Keys(vec![NextTab, More, Open]),
                ],
            ),
        ),
        (
            "wizard_discard",
            with(
                ranked(),
                vec![
                    Do::Mark(&["SAU"]),
                    Do::Keys(vec![NextTab, More, Back, Back, Back]),
                ],
            ),
        ),
    ]
}

/// The SMEs tab with the shrimp processor selected (the wizard opens on it with `m`).
fn on_shrimp(app: &mut App) {
    app.apply(act(Action::Tab2));
    app.apply(act(Action::Search));
    for ch in "ngoc trieu".chars() {
        app.apply(Intent::Type(ch));
    }
    app.apply(Intent::ConfirmInput);
}

#[test]
fn every_step_in_both_languages_at_two_sizes() {
    for (name, steps) in screens() {
        for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut a = app(lang);
                on_shrimp(&mut a);
                run(&mut a, &steps);
                screen(&mut a, w, h);
                insta::assert_snapshot!(format!("{name}_{code}_{w}x{h}"), screen(&mut a, w, h));
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
        (40, 12),
        (60, 18),
        (79, 23),
        (80, 23),
        (99, 30),
        (100, 30),
        (200, 6),
        (6, 200),
        (250, 80),
    ]);
    for (name, steps) in screens() {
        let mut a = app(Lang::Vi);
        on_shrimp(&mut a);
        run(&mut a, &steps);
        for &(w, h) in &sizes {
            let text = screen(&mut a, w, h);
            assert_eq!(text.lines().count(), h as usize, "{name} at {w}×{h}");
        }
    }
}

#[test]
fn scrolling_the_detail_to_the_end_shows_logistics() {
    let mut a = app(Lang::En);
    on_shrimp(&mut a);
    run(&mut a, &screens()[4].1);
    screen(&mut a, 80, 24);
    a.apply(act(Action::End));
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Logistics and distance"), "{text}");
    assert!(text.contains("Distance from Viet Nam"), "{text}");
}

#[test]
fn the_status_bar_shows_the_wizard_keys_and_notices() {
    let mut a = app(Lang::En);
    on_shrimp(&mut a);
    run(
        &mut a,
        &[Do::Keys(vec![Action::Match, Action::Down, Action::Open])],
    );
    let text = screen(&mut a, 120, 40);
    let status = text.lines().last().unwrap();
    for hint in [
        "Enter open",
        "Space mark",
        "c compare",
        "Tab services",
        "w weights",
    ] {
        assert!(status.contains(hint), "{status}");
    }
    a.apply(act(Action::Compare));
    let text = screen(&mut a, 120, 40);
    assert!(
        text.lines().last().unwrap().contains("Mark 2 or 3 markets"),
        "{text}"
    );
}

#[test]
fn the_help_lists_the_wizard_keys() {
    let mut a = app(Lang::En);
    on_shrimp(&mut a);
    run(&mut a, &[Do::Keys(vec![Action::Match, Action::Help])]);
    screen(&mut a, 120, 40);
    let mut all = String::new();
    for _ in 0..5 {
        all.push_str(&screen(&mut a, 120, 40));
        a.apply(act(Action::PageDown));
    }
    assert!(all.contains("Match markets for the SME"), "{all}");
    assert!(all.contains("Wizard: mark a market"), "{all}");
}
