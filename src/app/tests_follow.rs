//! Intent-level tests of the assessment form and of the follow-up on the SME detail: keys and
//! clicks in, state and effects out (the runtime is not involved here).

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use crate::domain::*;
use crate::report::Format;

fn fixture() -> Portfolio {
    let market = |iso3: &str| Market::new(iso3, iso3, Priority::MiddleEast);
    let reference = Reference {
        markets: vec![market("ARE"), market("SAU"), market("USA")],
        ..Reference::default()
    }
    .index();
    let sme = |id: i64, name: &str| Sme {
        id,
        name: name.into(),
        province: "Cà Mau".into(),
        sector: "seafood".into(),
        current_markets: vec!["USA".into()],
        ..Sme::default()
    };
    let entry = |id: i64, iso3: &str, stage: Stage| ShortlistEntry {
        id,
        sme_id: 1,
        hs: "030617".into(),
        iso3: iso3.into(),
        stage,
        reason: String::new(),
        score: Some(70.0),
        snapshot: "{}".into(),
        reference_version: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        version: 1,
    };
    let item = |id: i64, due: Option<&str>, status: PlanStatus, version: i64| PlanItem {
        id,
        sme_id: 1,
        iso3: "SAU".into(),
        gap: String::new(),
        action: format!("action {id}"),
        provider_id: None,
        owner: "Lan".into(),
        due: due.map(String::from),
        status,
        notes: String::new(),
        version,
    };
    Portfolio {
        reference,
        smes: vec![sme(1, "Công ty A"), sme(2, "Công ty B")],
        shortlist: vec![
            entry(10, "ARE", Stage::Shortlisted),
            entry(11, "SAU", Stage::Engaged),
        ],
        plan: vec![
            item(20, Some("2026-12-01"), PlanStatus::Todo, 3),
            item(21, None, PlanStatus::Done, 1),
        ],
        baselines: HashMap::from([(1, vec!["USA".to_string()])]),
        ..Portfolio::default()
    }
}

fn app() -> App {
    let mut config = crate::config::Config::default();
    config.ui.language = "en".into();
    App::new(
        fixture(),
        &config,
        Keymap::default(),
        "2026-11-23",
        ThemeKind::Dark,
    )
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

/// The SME tab with SME 1 ("Công ty A") selected.
fn on_sme_list() -> App {
    let mut a = app();
    ch(&mut a, '2');
    let row = a
        .smes
        .rows
        .iter()
        .position(|&i| a.data.p.smes[i].id == 1)
        .unwrap();
    a.apply(Intent::SelectRow(row));
    a
}

fn on_sme_detail() -> App {
    let mut a = on_sme_list();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.detail_sme().map(|(_, id)| id), Some(1));
    a
}

/// `a` asks the loop to open the form; the loop answers with the SME's latest answers.
fn open_form(a: &mut App) {
    let effects = ch(a, 'a');
    assert_eq!(effects, vec![Effect::OpenAssessment { sme_id: 1 }]);
    a.open_assessment(1, None);
    assert_eq!(a.screen(), Screen::Assess);
}

fn form(a: &App) -> &AssessForm {
    a.assess.as_ref().unwrap()
}

#[test]
fn the_form_answers_moves_and_saves() {
    let mut a = on_sme_list();
    open_form(&mut a);
    // `1`–`4` answer here; they do not switch tabs.
    ch(&mut a, '3');
    assert_eq!(a.tab, Tab::Smes);
    assert_eq!(form(&a).answers["A1"], 3);
    ch(&mut a, 'j');
    ch(&mut a, '0');
    assert_eq!(form(&a).answers["A2"], 0);
    // Live score: A scored from two answers (3 and 0): 25 × 1.5.
    assert_eq!(form(&a).live.overall, Some(37.5));
    key(&mut a, KeyCode::Right);
    assert_eq!((form(&a).domain, form(&a).item), (1, 0));
    key(&mut a, KeyCode::PageDown);
    key(&mut a, KeyCode::Left);
    assert_eq!(form(&a).domain, 1);
    ch(&mut a, '4');
    // A note: n, text (q and digits are text here), Enter keeps it.
    ch(&mut a, 'n');
    for c in "q1 Sổ sách ".chars() {
        assert!(ch(&mut a, c).is_empty());
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(form(&a).notes["B1"], "q1 Sổ sách");
    assert_eq!(form(&a).answers.len(), 3);
    let effects = ch(&mut a, 's');
    let [
        Effect::Write(Write::SaveAssessment {
            sme_id,
            answers,
            notes,
        }),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(*sme_id, 1);
    assert_eq!(answers.len(), 3);
    assert_eq!(notes["B1"], "q1 Sổ sách");
    // Keys wait while the save is under way; a refusal keeps the answers.
    ch(&mut a, '1');
    assert_eq!(form(&a).answers["B1"], 4);
    a.written(Err("database is locked".into()));
    assert!(a.assess.is_some() && !form(&a).saving);
    ch(&mut a, 's');
    a.written(Ok("saved".into()));
    assert!(a.assess.is_none());
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
}

#[test]
fn esc_with_unsaved_answers_asks_first() {
    let mut a = on_sme_detail();
    open_form(&mut a);
    // Nothing changed: Esc closes at once.
    key(&mut a, KeyCode::Esc);
    assert!(a.assess.is_none());
    open_form(&mut a);
    ch(&mut a, '2');
    key(&mut a, KeyCode::Esc);
    assert!(form(&a).confirm_discard);
    // Any other key is ignored while asking; n keeps the answers.
    ch(&mut a, '4');
    ch(&mut a, 'n');
    assert!(!form(&a).confirm_discard);
    assert_eq!(form(&a).answers["A1"], 2);
    ch(&mut a, 'q');
    assert!(form(&a).confirm_discard);
    ch(&mut a, 'y');
    assert!(a.assess.is_none());
    assert!(matches!(a.screen(), Screen::Detail(Target::Sme(_))));
}

#[test]
fn esc_in_a_note_restores_it_and_saving_needs_answers() {
    let mut a = on_sme_list();
    a.open_assessment(
        1,
        Some(Prefill {
            date: "2026-07-04".into(),
            answers: [("A1".to_string(), 4)].into(),
            notes: [("A1".to_string(), "ERC".to_string())].into(),
        }),
    );
    assert_eq!(form(&a).prefilled_from.as_deref(), Some("2026-07-04"));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Backspace);
    update(&mut a, Msg::Paste("X\nY".into()));
    assert_eq!(form(&a).note(), "ERX Y");
    key(&mut a, KeyCode::Esc);
    assert_eq!(form(&a).note(), "ERC");
    assert!(!form(&a).dirty());
    // Clearing the only answer: nothing to save.
    ch(&mut a, '4');
    assert!(ch(&mut a, 's').is_empty());
    assert_eq!(form(&a).problem, Some(assess::FormProblem::NothingAnswered));
}

#[test]
fn clicks_choose_answers_items_and_domains() {
    let mut a = on_sme_list();
    open_form(&mut a);
    let zone = |x: u16, y: u16, z: Zone| (Rect::new(x, y, 10, 1), z);
    a.set_hits(Hits {
        screen: Some(Screen::Assess),
        zones: vec![
            zone(0, 1, Zone::Domain(2)),
            zone(0, 5, Zone::Item(1)),
            zone(0, 10, Zone::Answer(3)),
        ],
        ..Hits::default()
    });
    let click = |col, row| {
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            col,
            row,
            at_ms: 0,
        })
    };
    update(&mut a, click(2, 1));
    update(&mut a, click(2, 5));
    update(&mut a, click(2, 10));
    let c2 = form(&a).items()[1].id.clone();
    assert_eq!((form(&a).domain, form(&a).item), (2, 1));
    assert_eq!(form(&a).answers[&c2], 3);
    // The tab bar is not clickable while the form is open.
    update(&mut a, click(40, 0));
    assert_eq!(a.screen(), Screen::Assess);
}

#[test]
fn briefs_in_the_ui_language() {
    let mut a = on_sme_list();
    assert_eq!(
        ch(&mut a, 'r'),
        vec![Effect::Brief {
            sme_id: 1,
            format: Format::Markdown,
            lang: Lang::En,
        }]
    );
    key(&mut a, KeyCode::Enter);
    ch(&mut a, 'L');
    assert_eq!(
        ch(&mut a, 'R'),
        vec![Effect::Brief {
            sme_id: 1,
            format: Format::Html,
            lang: Lang::Vi,
        }]
    );
    // Not on other tabs.
    ch(&mut a, '3');
    assert!(ch(&mut a, 'r').is_empty());
}

#[test]
fn tab_moves_between_page_markets_and_plan() {
    let mut a = on_sme_detail();
    assert_eq!(a.focus(), Focus::Page);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Row(Section::Pipeline, 0));
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    assert_eq!(a.focus(), Focus::Row(Section::Pipeline, 1));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Row(Section::Plan, 0));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Page);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus(), Focus::Row(Section::Plan, 0));
    // Esc gives the page back the keys, then closes the detail.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.focus(), Focus::Page);
    assert!(a.detail().is_some());
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen(), Screen::List(Tab::Smes));
    // The other SME's detail starts on its page.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus(), Focus::Page);
}

#[test]
fn a_stage_change_is_a_write_and_dropped_needs_a_reason() {
    let mut a = on_sme_detail();
    key(&mut a, KeyCode::Tab);
    ch(&mut a, 'g');
    assert_eq!(a.screen(), Screen::Stage);
    assert_eq!(a.stage_picker().unwrap().selected, 1); // shortlisted now
    ch(&mut a, 'j');
    ch(&mut a, 'j');
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Write(Write::SetStage {
            sme_id: 1,
            iso3: "ARE".into(),
            hs: Some("030617".into()),
            stage: Stage::FirstShipment,
            reason: String::new(),
        })]
    );
    assert!(a.stage_picker().is_none());
    // The same stage again writes nothing.
    ch(&mut a, 'g');
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    // Dropped: a reason line opens; empty is refused; Esc goes back to the stages.
    ch(&mut a, 'g');
    key(&mut a, KeyCode::End);
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    assert_eq!(
        a.stage_picker().unwrap().problem,
        Some(follow::FollowProblem::ReasonRequired)
    );
    for c in "buyer went quiet".chars() {
        ch(&mut a, c);
    }
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::Write(Write::SetStage { stage, reason, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (*stage, reason.as_str()),
        (Stage::Dropped, "buyer went quiet")
    );
    // Esc on the reason line returns to the stage list; Esc again closes the picker.
    ch(&mut a, 'g');
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert!(a.stage_picker().unwrap().reason.is_none());
    key(&mut a, KeyCode::Esc);
    assert!(a.stage_picker().is_none());
    assert!(matches!(a.screen(), Screen::Detail(Target::Sme(_))));
}

#[test]
fn plan_keys_write_status_and_due_with_the_version() {
    let mut a = on_sme_detail();
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    let write = |effects: Vec<Effect>| match effects.as_slice() {
        [
            Effect::Write(Write::UpdatePlanItem {
                id,
                status,
                due,
                version,
            }),
        ] => (*id, *status, due.clone(), *version),
        other => panic!("{other:?}"),
    };
    let d = |s: &str| Some(s.to_string());
    assert_eq!(
        write(ch(&mut a, 's')),
        (20, PlanStatus::InProgress, d("2026-12-01"), 3)
    );
    assert_eq!(
        write(ch(&mut a, 'x')),
        (20, PlanStatus::Cancelled, d("2026-12-01"), 3)
    );
    assert_eq!(
        write(ch(&mut a, '+')),
        (20, PlanStatus::Todo, d("2026-12-08"), 3)
    );
    assert_eq!(
        write(ch(&mut a, '-')),
        (20, PlanStatus::Todo, d("2026-11-24"), 3)
    );
    // The undated item counts from today.
    ch(&mut a, 'j');
    assert_eq!(
        write(ch(&mut a, '+')),
        (21, PlanStatus::Done, d("2026-11-30"), 1)
    );
    assert_eq!(write(ch(&mut a, 's')), (21, PlanStatus::Todo, None, 1));
    // Plan keys do nothing on a market row or the page.
    key(&mut a, KeyCode::BackTab);
    assert!(ch(&mut a, '+').is_empty());
    key(&mut a, KeyCode::Esc);
    assert!(ch(&mut a, '+').is_empty());
}

#[test]
fn clicking_a_row_focuses_it() {
    let mut a = on_sme_detail();
    a.set_hits(Hits {
        screen: Some(a.screen()),
        zones: vec![(Rect::new(0, 12, 60, 1), Zone::Row(Section::Plan, 1))],
        ..Hits::default()
    });
    update(
        &mut a,
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            col: 3,
            row: 12,
            at_ms: 0,
        }),
    );
    assert_eq!(a.focus(), Focus::Row(Section::Plan, 1));
    // A new due date re-sorts the plan: the focus follows its item.
    let mut p = fixture();
    p.plan.swap(0, 1);
    a.reload(p);
    assert_eq!(a.focus(), Focus::Row(Section::Plan, 0));
    assert_eq!(a.rows(Section::Plan)[0], 21);
    // After a reload that removed rows, the focus stays in range.
    let mut p = fixture();
    p.plan.truncate(1);
    a.reload(p);
    assert_eq!(a.focus(), Focus::Row(Section::Plan, 0));
    assert_eq!(a.rows(Section::Plan), [20]);
}
