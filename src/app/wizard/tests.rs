//! The wizard driven by intents on the real reference data and the sample portfolio (in an
//! in-memory store): open, choose a product, change weights, filter, mark, compare, pick
//! services, save.

use super::*;
use crate::app::{Action, App, Effect, Intent, Keymap, Lang, Screen, Tab, ThemeKind, Write};
use crate::config::Config;
use crate::domain::gaps::GapKind;
use crate::domain::matching::component::SIZE;
use crate::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TODAY: &str = "2026-11-23";

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    crate::app::update(
        app,
        crate::app::Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    )
}

fn app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    crate::store::seed_samples(&mut store).unwrap();
    let portfolio = crate::store::load_portfolio(&store.conn).unwrap();
    let mut config = Config::default();
    config.ui.language = "en".into();
    config.advisor.name = "Lan Phạm".into();
    App::new(
        portfolio,
        &config,
        Keymap::default(),
        TODAY,
        ThemeKind::Dark,
    )
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    app.apply(Intent::Act(a))
}

fn acts(app: &mut App, list: &[Action]) {
    for &a in list {
        act(app, a);
    }
}

/// The SMEs tab with the cursor on the first SME whose name contains `part`.
fn on_sme(app: &mut App, part: &str) -> usize {
    act(app, Action::Tab2);
    let row = app
        .smes
        .rows
        .iter()
        .position(|&i| app.data.p.smes[i].name.contains(part))
        .unwrap();
    app.apply(Intent::SelectRow(row));
    app.smes.rows[row]
}

fn wiz(app: &App) -> &Wizard {
    app.wizard.as_ref().expect("wizard open")
}

fn order(app: &App) -> Vec<String> {
    let w = wiz(app);
    w.rows
        .iter()
        .map(|&i| w.results[i].market.clone())
        .collect()
}

/// Open the wizard on the shrimp processor and rank its first product.
fn ranked() -> App {
    let mut a = app();
    on_sme(&mut a, "Ngọc Triều");
    act(&mut a, Action::Match);
    act(&mut a, Action::Down); // the first product (030617), not "all products"
    act(&mut a, Action::Open);
    a
}

#[test]
fn m_opens_the_wizard_on_the_sme_with_its_products() {
    let mut a = app();
    let i = on_sme(&mut a, "Ngọc Triều");
    act(&mut a, Action::Match);
    assert_eq!(a.screen(), Screen::Wizard);
    let w = wiz(&a);
    assert_eq!(w.sme, i);
    assert_eq!(w.step, Step::Product);
    assert_eq!(w.products, ["030617", "160521"]);
    assert!(
        w.results.is_empty(),
        "nothing is ranked before a product is chosen"
    );
    // From the SME detail too.
    act(&mut a, Action::Back);
    assert!(a.wizard.is_none());
    act(&mut a, Action::Open);
    act(&mut a, Action::Match);
    assert!(wiz(&a).from_detail);
    // Not from the markets tab.
    act(&mut a, Action::Back);
    act(&mut a, Action::Back);
    act(&mut a, Action::Tab3);
    act(&mut a, Action::Match);
    assert!(a.wizard.is_none());
}

#[test]
fn the_weights_follow_the_readiness_band() {
    let mut a = app();
    // Find an assessed SME below "ready" and one at or above it.
    let p = &a.data.p;
    let below = p
        .smes
        .iter()
        .position(|s| {
            p.readiness
                .get(&s.id)
                .and_then(|r| r.band)
                .is_some_and(crate::domain::matching::below_ready)
        })
        .expect("a sample SME below ready");
    a.open_wizard(below, false);
    assert_eq!(wiz(&a).preset(), Some("first_time"));
    assert!(!wiz(&a).preset_chosen);
}

#[test]
fn choosing_a_product_ranks_every_market() {
    let a = ranked();
    let w = wiz(&a);
    assert_eq!(w.step, Step::Ranking);
    assert_eq!(w.product.as_deref(), Some("030617"));
    assert_eq!(w.results.len(), a.data.p.reference.markets.len());
    assert!(w.results.iter().all(|r| r.hs == "030617"));
    let ranks: Vec<usize> = w.rows.iter().map(|&i| w.results[i].rank).collect();
    assert_eq!(ranks, (1..=ranks.len()).collect::<Vec<_>>());
}

#[test]
fn all_products_keeps_each_market_once_with_its_best_product() {
    let mut a = app();
    on_sme(&mut a, "Ngọc Triều");
    act(&mut a, Action::Match);
    act(&mut a, Action::Open);
    let w = wiz(&a);
    assert_eq!(w.product, None);
    assert_eq!(w.results.len(), a.data.p.reference.markets.len());
    let products: std::collections::BTreeSet<&str> =
        w.results.iter().map(|r| r.hs.as_str()).collect();
    assert!(products.iter().all(|hs| ["030617", "160521"].contains(hs)));
}

#[test]
fn changing_a_weight_reranks_at_once() {
    let mut a = ranked();
    let before = order(&a);
    let size_before = wiz(&a).scheme.weights[SIZE];
    // Weights panel, size row, down to zero.
    act(&mut a, Action::Weights);
    assert!(wiz(&a).weights_focus);
    assert_eq!(wiz(&a).weight_row, SIZE);
    for _ in 0..10 {
        act(&mut a, Action::Less);
    }
    let w = wiz(&a);
    assert_eq!(w.scheme.weights[SIZE], 0.0);
    assert!(w.weights_changed);
    assert!(w.results.iter().all(|r| r.components.0[SIZE].weight == 0.0));
    assert_ne!(
        order(&a),
        before,
        "market size no longer counts: the order moves"
    );
    // Up again by one step.
    act(&mut a, Action::More);
    assert_eq!(wiz(&a).scheme.weights[SIZE], WEIGHT_STEP);
    assert!(size_before > 0.0);
    // Esc leaves the panel, not the step.
    act(&mut a, Action::Back);
    assert!(!wiz(&a).weights_focus);
    assert_eq!(wiz(&a).step, Step::Ranking);
}

#[test]
fn the_last_weight_cannot_go_to_zero() {
    let mut a = ranked();
    act(&mut a, Action::Weights);
    for row in 0..crate::domain::matching::N_COMPONENTS {
        a.wizard.as_mut().unwrap().weight_row = row;
        for _ in 0..20 {
            act(&mut a, Action::Less);
        }
    }
    let w = wiz(&a);
    assert!(w.scheme.weights.iter().sum::<f64>() > 0.0);
    assert_eq!(w.notice, Some(Notice::WeightsZero));
    assert!(!w.results.is_empty());
}

#[test]
fn the_preset_key_cycles_presets_and_resets_hand_changes() {
    let mut a = ranked();
    let start = wiz(&a).preset().map(str::to_string);
    act(&mut a, Action::Weights);
    act(&mut a, Action::More);
    assert!(wiz(&a).weights_changed);
    let mut seen = vec![start.clone()];
    for _ in 0..4 {
        act(&mut a, Action::Preset);
        let w = wiz(&a);
        assert!(!w.weights_changed);
        assert!(w.preset_chosen);
        seen.push(w.preset().map(str::to_string));
    }
    // default → first_time → halal → scale_up → default (config order), whatever the start.
    let cycle = preset_cycle(&a.config);
    assert_eq!(cycle.len(), 4);
    assert_eq!(seen.first(), seen.last(), "{seen:?}");
    let halal = a.config.matching.presets["halal"].weights["fit"];
    act(&mut a, Action::Weights); // leave the panel
    while wiz(&a).preset() != Some("halal") {
        act(&mut a, Action::Preset);
    }
    let fit = crate::domain::matching::component::FIT;
    assert_eq!(wiz(&a).scheme.weights[fit], halal);
    assert!(
        wiz(&a)
            .results
            .iter()
            .all(|r| r.components.0[fit].weight == halal)
    );
}

#[test]
fn filter_by_priority_region() {
    let mut a = ranked();
    act(&mut a, Action::Filter);
    let menu = wiz(&a).filter_menu.clone().unwrap();
    assert_eq!(menu.items[0], MarketFilter::All);
    assert!(menu.items.contains(&MarketFilter::Region("Africa".into())));
    act(&mut a, Action::Down); // priority regions
    act(&mut a, Action::Open);
    let w = wiz(&a);
    assert_eq!(w.filter, MarketFilter::PriorityRegions);
    assert!(!w.rows.is_empty() && w.rows.len() < w.results.len());
    assert!(w.rows.iter().all(|&i| w.results[i].priority_region));
    // A region: only its markets.
    act(&mut a, Action::Filter);
    let at = wiz(&a)
        .filter_menu
        .as_ref()
        .unwrap()
        .items
        .iter()
        .position(|f| *f == MarketFilter::Region("Africa".into()))
        .unwrap();
    a.wizard
        .as_mut()
        .unwrap()
        .filter_menu
        .as_mut()
        .unwrap()
        .selected = at;
    act(&mut a, Action::Open);
    let w = wiz(&a);
    let r = &a.data.p.reference;
    assert!(
        w.rows
            .iter()
            .all(|&i| r.market(&w.results[i].market).unwrap().region == "Africa")
    );
    act(&mut a, Action::ClearFilters);
    assert_eq!(wiz(&a).rows.len(), wiz(&a).results.len());
}

#[test]
fn mark_three_markets_and_compare_them() {
    let mut a = ranked();
    act(&mut a, Action::Compare);
    assert_eq!(wiz(&a).notice, Some(Notice::MarkTwo));
    assert_eq!(wiz(&a).step, Step::Ranking);
    for _ in 0..3 {
        act(&mut a, Action::Mark);
        act(&mut a, Action::Down);
    }
    act(&mut a, Action::Mark);
    let w = wiz(&a);
    assert_eq!(w.notice, Some(Notice::MarkedMax));
    let top3: Vec<String> = order(&a)[..3].to_vec();
    assert_eq!(w.marked, top3);
    // Unmark and mark again.
    act(&mut a, Action::Up);
    act(&mut a, Action::Mark);
    assert_eq!(wiz(&a).marked.len(), 2);
    act(&mut a, Action::Mark);
    act(&mut a, Action::Compare);
    let w = wiz(&a);
    assert_eq!(w.step, Step::Compare);
    assert_eq!(w.marked_results().len(), 3);
    act(&mut a, Action::Back);
    assert_eq!(wiz(&a).step, Step::Ranking);
}

#[test]
fn market_detail_walks_the_ranking_and_knows_the_next_market() {
    let mut a = ranked();
    act(&mut a, Action::Open);
    let w = wiz(&a);
    assert_eq!(w.step, Step::MarketDetail);
    let first = w.detail.unwrap();
    assert_eq!(w.results[first].rank, 1);
    assert_eq!(w.next_after(first).unwrap().rank, 2);
    act(&mut a, Action::More);
    assert_eq!(wiz(&a).detail_result().unwrap().rank, 2);
    act(&mut a, Action::Mark);
    assert_eq!(wiz(&a).marked.len(), 1);
    act(&mut a, Action::Back);
    let w = wiz(&a);
    assert_eq!(w.step, Step::Ranking);
    assert_eq!(w.selected, 1, "the ranking follows the market last seen");
}

/// Saudi Arabia for the shrimp processor: a GCC market with Halal and SFDA listing to meet.
fn to_services(a: &mut App, markets: &[&str]) {
    for iso3 in markets {
        let w = a.wizard.as_mut().unwrap();
        let pos = w
            .rows
            .iter()
            .position(|&i| w.results[i].market == *iso3)
            .unwrap();
        w.selected = pos;
        act(a, Action::Mark);
    }
    act(a, Action::NextTab);
}

#[test]
fn gaps_get_proposals_and_the_choice_cycles_through_none() {
    let mut a = ranked();
    to_services(&mut a, &["SAU", "USA"]);
    let w = wiz(&a);
    assert_eq!(w.step, Step::Services);
    assert!(w.gaps.iter().any(|g| g.iso3 == "SAU"));
    // The SME holds FDA registration and HACCP: nothing left for the US for shrimp? Whatever
    // the data says, every unmet requirement of each marked market is a gap.
    for m in w.marked_results() {
        let unmet = m.unmet().count();
        let gaps = w
            .gaps
            .iter()
            .filter(|g| g.iso3 == m.market && matches!(g.kind, GapKind::Requirement { .. }))
            .count();
        assert_eq!(gaps, unmet, "{}", m.market);
    }
    // A gap with proposals starts on the first (real institutions come first).
    let row = w.gaps.iter().position(|g| !g.proposals.is_empty()).unwrap();
    assert_eq!(w.picks[row], Some(0));
    let first = &w.gaps[row].proposals[0];
    let real_first = a.data.p.reference.provider(first).unwrap();
    let any_real = w.gaps[row]
        .proposals
        .iter()
        .any(|id| !a.data.p.reference.provider(id).unwrap().sample);
    assert!(!real_first.sample || !any_real);
    a.wizard.as_mut().unwrap().gap_row = row;
    let n = wiz(&a).gaps[row].proposals.len();
    act(&mut a, Action::Less); // back from the first: none
    assert_eq!(wiz(&a).picks[row], None);
    act(&mut a, Action::More); // forward from none: the first again
    assert_eq!(wiz(&a).picks[row], Some(0));
    for _ in 0..n {
        act(&mut a, Action::More);
    }
    assert_eq!(
        wiz(&a).picks[row],
        None,
        "after the last proposal comes none"
    );
    assert!(wiz(&a).touched);
}

#[test]
fn services_without_marks_take_the_market_on_screen() {
    let mut a = ranked();
    act(&mut a, Action::Down);
    act(&mut a, Action::Open); // detail of rank 2
    let iso3 = wiz(&a).detail_result().unwrap().market.clone();
    act(&mut a, Action::Open); // on to the services
    let w = wiz(&a);
    assert_eq!(w.step, Step::Services);
    assert_eq!(w.marked, [iso3]);
}

/// An SME with a weak readiness domain, its first product ranked, the two best markets
/// marked, on the services step.
fn weak_sme_on_services() -> App {
    let mut a = app();
    let p = &a.data.p;
    let i = p
        .smes
        .iter()
        .position(|s| {
            !s.products.is_empty()
                && p.readiness
                    .get(&s.id)
                    .is_some_and(|r| !crate::domain::gaps::weak_domains(r).is_empty())
        })
        .expect("a sample SME with a weak readiness domain");
    a.open_wizard(i, false);
    acts(&mut a, &[Action::Down, Action::Open]);
    acts(
        &mut a,
        &[Action::Mark, Action::Down, Action::Mark, Action::NextTab],
    );
    a
}

#[test]
fn save_writes_the_shortlist_and_plan_in_one_effect() {
    let mut a = weak_sme_on_services();
    let hs = wiz(&a).products[0].clone();
    let marked = wiz(&a).marked.clone();
    assert_eq!(marked.len(), 2);
    // Drop the choice of the first gap that has one.
    let w = wiz(&a);
    let dropped = w.gaps.iter().position(|g| !g.proposals.is_empty()).unwrap();
    a.wizard.as_mut().unwrap().gap_row = dropped;
    act(&mut a, Action::Less);
    act(&mut a, Action::Open);
    assert_eq!(wiz(&a).step, Step::Review);
    // The first plan item one week later, then back and forth: due moves by weeks, never
    // before today.
    act(&mut a, Action::More);
    let planned = wiz(&a).planned();
    assert!(!planned.is_empty());
    assert_eq!(wiz(&a).dues[planned[0]], "2026-12-30");
    for _ in 0..10 {
        act(&mut a, Action::Less);
    }
    assert!(wiz(&a).dues[planned[0]].as_str() >= TODAY);
    act(&mut a, Action::More);
    act(&mut a, Action::More);
    let due0 = wiz(&a).dues[planned[0]].clone();
    let effects = act(&mut a, Action::Open);
    let w = wiz(&a);
    assert!(w.saving);
    let [
        Effect::Write(Write::SaveShortlist {
            sme_id,
            entries,
            plan,
        }),
    ] = effects.as_slice()
    else {
        panic!("expected one SaveShortlist write, got {effects:?}");
    };
    assert_eq!(*sme_id, w.sme_id);
    let markets: Vec<String> = entries.iter().map(|e| e.iso3.clone()).collect();
    assert_eq!(markets, marked);
    for e in entries {
        assert_eq!(e.hs, hs);
        let m = &w.results[w.index_of(&e.iso3).unwrap()];
        assert_eq!(e.score, m.score);
        assert_eq!(e.reference_version, a.data.p.reference.version);
        let snap: serde_json::Value = serde_json::from_str(&e.snapshot).unwrap();
        assert!(snap["components"]["size"]["weight"].is_number(), "{snap}");
    }
    // One plan item per gap with a provider, in gap order; the dropped one is not there.
    assert_eq!(plan.len(), w.planned().len());
    assert_eq!(plan.len(), w.picks.iter().filter(|p| p.is_some()).count());
    assert!(w.picks[dropped].is_none());
    for (item, &i) in plan.iter().zip(&w.planned()) {
        let g = &w.gaps[i];
        let provider = &g.proposals[w.picks[i].unwrap()];
        assert_eq!(item.iso3, g.iso3);
        assert_eq!(item.gap, g.code());
        assert_eq!(item.provider_id.as_deref(), Some(provider.as_str()));
        assert_eq!(item.owner, "Lan Phạm");
        let name = &a.data.p.reference.provider(provider).unwrap().name;
        assert!(
            item.action.ends_with(&format!("— with {name}")),
            "{}",
            item.action
        );
    }
    assert_eq!(plan[0].due.as_deref(), Some(due0.as_str()));
    assert!(
        plan[1..]
            .iter()
            .all(|p| p.due.as_deref() == Some("2026-12-23"))
    );
    // Readiness gaps are planned too, with the domain as the gap.
    assert!(
        plan.iter().any(|p| p.gap.starts_with("readiness ")),
        "{plan:?}"
    );
    // Keys wait while saving.
    act(&mut a, Action::Back);
    assert_eq!(wiz(&a).step, Step::Review);
}

#[test]
fn a_saved_wizard_closes_onto_the_sme_detail_and_a_refused_one_stays() {
    let mut a = ranked();
    let sme = wiz(&a).sme;
    to_services(&mut a, &["SAU"]);
    act(&mut a, Action::Open);
    act(&mut a, Action::Open);
    a.written(Err("database is locked".into()));
    let w = wiz(&a);
    assert!(!w.saving);
    assert_eq!(w.step, Step::Review);
    assert!(a.status.as_ref().unwrap().error);
    assert!(!act(&mut a, Action::Open).is_empty());
    a.written(Ok("saved".into()));
    assert!(a.wizard.is_none());
    assert_eq!(a.tab, Tab::Smes);
    assert_eq!(a.screen(), Screen::Detail(crate::app::Target::Sme(sme)));
}

#[test]
fn esc_walks_back_and_asks_before_discarding_chosen_services() {
    let mut a = ranked();
    to_services(&mut a, &["SAU"]);
    act(&mut a, Action::More); // a choice changed
    acts(&mut a, &[Action::Back, Action::Back]);
    assert_eq!(wiz(&a).step, Step::Product);
    act(&mut a, Action::Back);
    assert!(wiz(&a).confirm_discard);
    // Only y and n (or Esc) answer, as in the assessment form.
    for code in [KeyCode::Enter, KeyCode::Char('q'), KeyCode::Char('2')] {
        assert!(key(&mut a, code).is_empty());
        assert!(wiz(&a).confirm_discard, "{code:?}");
    }
    key(&mut a, KeyCode::Esc); // keep
    assert!(!wiz(&a).confirm_discard);
    assert!(a.wizard.is_some());
    act(&mut a, Action::Back);
    key(&mut a, KeyCode::Char('n'));
    assert!(a.wizard.is_some());
    act(&mut a, Action::Back);
    key(&mut a, KeyCode::Char('y')); // discard
    assert!(a.wizard.is_none());
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    // Services proposed and kept count as chosen too.
    let mut c = ranked();
    to_services(&mut c, &["SAU"]);
    assert!(!wiz(&c).planned().is_empty());
    acts(&mut c, &[Action::Back, Action::Back, Action::Back]);
    assert!(wiz(&c).confirm_discard);
    // Nothing chosen: Esc on the first step closes at once.
    let mut b = app();
    on_sme(&mut b, "Ngọc Triều");
    act(&mut b, Action::Match);
    act(&mut b, Action::Back);
    assert!(b.wizard.is_none());
}

#[test]
fn help_and_language_work_inside_the_wizard_and_tabs_wait() {
    let mut a = ranked();
    act(&mut a, Action::Help);
    assert_eq!(a.screen(), Screen::Help);
    act(&mut a, Action::Back);
    assert_eq!(a.screen(), Screen::Wizard);
    act(&mut a, Action::Language);
    assert_eq!(a.lang, Lang::Vi);
    act(&mut a, Action::Tab3);
    assert_eq!(a.screen(), Screen::Wizard);
    assert_eq!(a.tab, Tab::Smes);
    // Ctrl-C still quits.
    assert_eq!(a.apply(Intent::ForceQuit), vec![Effect::Quit]);
}

#[test]
fn an_sme_without_products_cannot_rank() {
    let mut a = app();
    let i = 0;
    a.data.p.smes[i].products.clear();
    a.open_wizard(i, false);
    assert!(wiz(&a).products.is_empty());
    act(&mut a, Action::Open);
    let w = wiz(&a);
    assert_eq!(w.step, Step::Product);
    assert_eq!(w.notice, Some(Notice::NoProducts));
}

#[test]
fn clicks_select_and_double_clicks_open_in_the_wizard() {
    let mut a = ranked();
    a.apply(Intent::SelectRow(3));
    assert_eq!(wiz(&a).selected, 3);
    a.apply(Intent::OpenRow(2));
    let w = wiz(&a);
    assert_eq!(w.step, Step::MarketDetail);
    assert_eq!(w.detail_result().unwrap().rank, 3);
    // A row past the end selects the last one.
    act(&mut a, Action::Back);
    a.apply(Intent::SelectRow(10_000));
    assert_eq!(wiz(&a).selected, wiz(&a).rows.len() - 1);
}
