//! Screen snapshots (text only) of every tab, detail view and overlay at 80×24 and 120×40 in
//! both languages, on the real reference data and the sample portfolio; and a sweep of small
//! and odd sizes that must draw without panicking.

mod ui_support;

use goglobal::app::{Action, App, Intent, Lang};
use ui_support::{app, screen};

/// Put the app on a screen by intents, the way a user would get there.
fn go(app: &mut App, steps: &[Intent]) {
    for step in steps {
        app.apply(step.clone());
    }
}

fn act(a: Action) -> Intent {
    Intent::Act(a)
}

/// Search the current tab for `query` and keep the search.
fn search(query: &str) -> Vec<Intent> {
    let mut steps = vec![act(Action::Search)];
    steps.extend(query.chars().map(Intent::Type));
    steps.push(Intent::ConfirmInput);
    steps
}

/// Every screen worth a snapshot: name and the intents that lead there.
fn screens() -> Vec<(&'static str, Vec<Intent>)> {
    let open = |tab: Action, query: &str| {
        let mut s = vec![act(tab)];
        s.extend(search(query));
        s.push(act(Action::Open));
        s
    };
    vec![
        ("dashboard", vec![]),
        ("smes", vec![act(Action::Tab2)]),
        ("sme_detail", open(Action::Tab2, "ngoc trieu")),
        ("sme_detail_unassessed", open(Action::Tab2, "mui dua")),
        ("markets", vec![act(Action::Tab3)]),
        ("market_detail", open(Action::Tab3, "saudi")),
        ("services", vec![act(Action::Tab4)]),
        ("provider_detail", open(Action::Tab4, "gacc")),
        (
            "smes_search_typing",
            vec![
                act(Action::Tab2),
                act(Action::Search),
                Intent::Type('d'),
                Intent::Type('o'),
                Intent::Type('n'),
                Intent::Type('g'),
                Intent::Type(' '),
                Intent::Type('t'),
                Intent::Type('h'),
                Intent::Type('a'),
                Intent::Type('p'),
            ],
        ),
        (
            "smes_filter_picker",
            vec![act(Action::Tab2), act(Action::Filter), act(Action::Open)],
        ),
        ("help", vec![act(Action::Tab2), act(Action::Help)]),
    ]
}

#[test]
fn every_screen_in_both_languages_at_two_sizes() {
    for (name, steps) in screens() {
        for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut a = app(lang);
                go(&mut a, &steps);
                // Draw once so scroll limits are known, as in the real loop, then snapshot.
                screen(&mut a, w, h);
                insta::assert_snapshot!(format!("{name}_{code}_{w}x{h}"), screen(&mut a, w, h));
            }
        }
    }
}

#[test]
fn compact_layouts() {
    for (name, steps) in screens() {
        let mut a = app(Lang::Vi);
        go(&mut a, &steps);
        insta::assert_snapshot!(format!("{name}_vi_60x18"), screen(&mut a, 60, 18));
    }
}

#[test]
fn terminal_too_small() {
    let mut a = app(Lang::En);
    let text = screen(&mut a, 19, 5);
    assert!(text.contains("Terminal too"), "{text}");
    let mut a = app(Lang::Vi);
    assert!(screen(&mut a, 30, 5).contains("Cửa sổ quá nhỏ"));
}

#[test]
fn no_panic_at_any_small_or_odd_size() {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=10).map(move |h| (w, h)))
        .collect();
    sizes.extend([
        (79, 23),
        (80, 23),
        (79, 24),
        (81, 25),
        (100, 11),
        (200, 6),
        (6, 200),
        (33, 77),
        (120, 12),
        (250, 80),
    ]);
    for (name, steps) in screens() {
        let mut a = app(Lang::Vi);
        go(&mut a, &steps);
        for &(w, h) in &sizes {
            let text = screen(&mut a, w, h);
            assert_eq!(text.lines().count(), h as usize, "{name} at {w}×{h}");
        }
    }
}

#[test]
fn scrolling_to_the_end_shows_the_last_lines() {
    let mut a = app(Lang::En);
    go(&mut a, &screens()[5].1); // market detail
    screen(&mut a, 80, 24);
    a.apply(act(Action::End));
    let text = screen(&mut a, 80, 24);
    assert!(
        text.contains("Trade remedies on Vietnamese goods"),
        "{text}"
    );
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut a = app(Lang::En);
    a.apply(act(Action::Tab2));
    screen(&mut a, 120, 40);
    for _ in 0..30 {
        a.apply(act(Action::Down));
    }
    let name = a.data.p.smes[a.smes.current().unwrap()].name.clone();
    let short = goglobal::text::truncate(&name.replace("Công ty TNHH ", "TNHH "), 18);
    let small = screen(&mut a, 80, 24);
    assert!(
        small.contains(short.trim_end_matches('…')),
        "{short}\n{small}"
    );
}
