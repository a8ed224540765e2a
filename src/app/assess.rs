//! The readiness assessment form (DESIGN §4.1): the questionnaire one domain at a time, an
//! answer 0–4 and an optional evidence note per item, the score recomputed as answers change.
//! Saving asks the runtime to score and store a new assessment (history is kept).

use std::collections::BTreeMap;

use super::{App, Effect, Write};
use crate::config::ReadinessConfig;
use crate::domain::readiness::{self, Item, MAX_ANSWER, Questionnaire, Readiness};

/// The answers of an earlier assessment the form starts from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefill {
    /// `YYYY-MM-DD` of that assessment.
    pub date: String,
    pub answers: BTreeMap<String, u8>,
    pub notes: BTreeMap<String, String>,
}

/// Why the form refused what was asked (shown in the form, in the UI language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormProblem {
    NothingAnswered,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssessForm {
    pub sme_id: i64,
    /// Index into the questionnaire's domains.
    pub domain: usize,
    /// Index of the selected item within the domain.
    pub item: usize,
    pub answers: BTreeMap<String, u8>,
    /// Evidence notes by item id (NFC, trimmed, never empty).
    pub notes: BTreeMap<String, String>,
    /// Date of the assessment the answers were taken from, if any.
    pub prefilled_from: Option<String>,
    /// Editing the selected item's note; holds the note from before, restored by Esc.
    pub editing: Option<String>,
    /// "Discard unsaved answers?" is asked.
    pub confirm_discard: bool,
    /// Saved, waiting for the runtime's answer.
    pub saving: bool,
    pub problem: Option<FormProblem>,
    /// The score of the answers so far (recomputed on every change: 40 items, cheap).
    pub live: Readiness,
    start: (BTreeMap<String, u8>, BTreeMap<String, String>),
}

impl AssessForm {
    pub fn new(sme_id: i64, prefill: Option<Prefill>, cfg: &ReadinessConfig) -> AssessForm {
        let q = Questionnaire::builtin();
        let (answers, notes, prefilled_from) = match prefill {
            Some(p) => {
                // Answers to items this questionnaire no longer has are left behind.
                let answers: BTreeMap<String, u8> = p
                    .answers
                    .into_iter()
                    .filter(|(id, a)| q.item(id).is_some() && *a <= MAX_ANSWER)
                    .collect();
                let notes: BTreeMap<String, String> = p
                    .notes
                    .into_iter()
                    .filter(|(id, n)| q.item(id).is_some() && !n.trim().is_empty())
                    .collect();
                (answers, notes, Some(p.date))
            }
            None => Default::default(),
        };
        let live = readiness::score(q, cfg, &answers);
        AssessForm {
            sme_id,
            domain: 0,
            item: 0,
            start: (answers.clone(), notes.clone()),
            answers,
            notes,
            prefilled_from,
            editing: None,
            confirm_discard: false,
            saving: false,
            problem: None,
            live,
        }
    }

    pub fn questionnaire(&self) -> &'static Questionnaire {
        Questionnaire::builtin()
    }

    /// Items of the domain on screen.
    pub fn items(&self) -> Vec<&'static Item> {
        let q = Questionnaire::builtin();
        q.domains
            .get(self.domain)
            .map(|d| q.items_in(&d.code).collect())
            .unwrap_or_default()
    }

    pub fn current(&self) -> Option<&'static Item> {
        self.items().get(self.item).copied()
    }

    /// Answers or notes differ from what the form opened with.
    pub fn dirty(&self) -> bool {
        self.answers != self.start.0 || self.notes != self.start.1
    }

    /// (answered, total) items of domain `d`.
    pub fn progress(&self, d: usize) -> (usize, usize) {
        let q = Questionnaire::builtin();
        let Some(domain) = q.domains.get(d) else {
            return (0, 0);
        };
        let items: Vec<&Item> = q.items_in(&domain.code).collect();
        let answered = items
            .iter()
            .filter(|i| self.answers.contains_key(&i.id))
            .count();
        (answered, items.len())
    }

    fn rescore(&mut self, cfg: &ReadinessConfig) {
        self.live = readiness::score(Questionnaire::builtin(), cfg, &self.answers);
    }

    /// Answer the selected item; the same answer again clears it (an item may not apply).
    pub fn answer(&mut self, value: u8, cfg: &ReadinessConfig) {
        let Some(item) = self.current() else { return };
        let value = value.min(MAX_ANSWER);
        if self.answers.get(&item.id) == Some(&value) {
            self.answers.remove(&item.id);
        } else {
            self.answers.insert(item.id.clone(), value);
        }
        self.problem = None;
        self.rescore(cfg);
    }

    /// Select item `i` of the domain on screen.
    pub fn select(&mut self, i: usize) {
        let n = self.items().len();
        if n > 0 {
            self.item = i.min(n - 1);
        }
    }

    /// Move the selection by `delta` items, into the next or previous domain at the ends.
    pub fn move_item(&mut self, delta: isize) {
        let n = self.items().len() as isize;
        let to = self.item as isize + delta;
        if to < 0 {
            if self.domain > 0 {
                self.go_domain(self.domain - 1);
                self.item = self.items().len().saturating_sub(1);
            }
        } else if to >= n {
            if self.domain + 1 < Questionnaire::builtin().domains.len() {
                self.go_domain(self.domain + 1);
            }
        } else {
            self.item = to as usize;
        }
    }

    pub fn go_domain(&mut self, d: usize) {
        let last = Questionnaire::builtin().domains.len().saturating_sub(1);
        self.domain = d.min(last);
        self.item = 0;
    }

    /// The note of the selected item ("" if none).
    pub fn note(&self) -> &str {
        self.current()
            .and_then(|i| self.notes.get(&i.id))
            .map_or("", String::as_str)
    }

    pub fn start_note(&mut self) {
        if self.current().is_some() {
            self.editing = Some(self.note().to_string());
        }
    }

    /// Change the note being edited (kept in NFC).
    pub fn edit_note(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(item) = self.current() else { return };
        if self.editing.is_none() {
            return;
        }
        let mut text = self.notes.remove(&item.id).unwrap_or_default();
        edit(&mut text);
        let text = crate::text::nfc(&text);
        if !text.is_empty() {
            self.notes.insert(item.id.clone(), text);
        }
    }

    pub fn finish_note(&mut self, keep: bool) {
        let Some(before) = self.editing.take() else {
            return;
        };
        let Some(item) = self.current() else { return };
        let text = if keep {
            self.note().trim().to_string()
        } else {
            before
        };
        if text.is_empty() {
            self.notes.remove(&item.id);
        } else {
            self.notes.insert(item.id.clone(), text);
        }
    }

    /// The write that stores these answers, or why not.
    pub fn save(&mut self) -> Option<Effect> {
        if self.answers.is_empty() {
            self.problem = Some(FormProblem::NothingAnswered);
            return None;
        }
        self.saving = true;
        Some(Effect::Write(Write::SaveAssessment {
            sme_id: self.sme_id,
            answers: self.answers.clone(),
            notes: self.notes.clone(),
        }))
    }
}

impl App {
    /// Open the assessment form of SME `sme_id` (called by the loop once it has read the SME's
    /// latest answers, if any).
    pub fn open_assessment(&mut self, sme_id: i64, prefill: Option<Prefill>) {
        if self.data.sme(sme_id).is_none() {
            return;
        }
        self.help = None;
        self.picker = None;
        self.typing = None;
        self.assess = Some(AssessForm::new(sme_id, prefill, &self.readiness));
    }

    /// Close the form; with unsaved answers, ask first.
    pub(crate) fn close_assessment(&mut self) {
        let Some(form) = self.assess.as_mut() else {
            return;
        };
        if form.dirty() && !form.saving {
            form.confirm_discard = true;
        } else {
            self.assess = None;
        }
    }

    /// The answer to "discard unsaved answers?".
    pub(crate) fn confirm_discard(&mut self, yes: bool) {
        if let Some(form) = self.assess.as_mut() {
            if yes {
                self.assess = None;
            } else {
                form.confirm_discard = false;
            }
        }
    }

    /// A key action while the form has the keys.
    pub(crate) fn assess_act(&mut self, action: super::Action) -> Vec<Effect> {
        use super::Action as A;
        let cfg = self.readiness.clone();
        let Some(form) = self.assess.as_mut() else {
            return Vec::new();
        };
        if form.saving {
            return Vec::new();
        }
        // Moving on from a note being typed keeps it.
        form.finish_note(true);
        if let Some(value) = action.answer() {
            form.answer(value, &cfg);
            return Vec::new();
        }
        let domains = form.questionnaire().domains.len();
        match action {
            A::Up => form.move_item(-1),
            A::Down => form.move_item(1),
            A::Home => form.select(0),
            A::End => form.select(usize::MAX),
            A::PrevDomain | A::PageUp => {
                let d = form.domain.saturating_sub(1);
                form.go_domain(d);
            }
            A::NextDomain | A::PageDown => {
                let d = (form.domain + 1).min(domains - 1);
                form.go_domain(d);
            }
            A::EditNote => form.start_note(),
            A::SaveAssessment => return form.save().into_iter().collect(),
            A::Back | A::Quit => self.close_assessment(),
            A::Help => self.help = Some(0),
            A::Language => {
                self.lang = self.lang.other();
                self.refresh_all();
            }
            _ => {}
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> ReadinessConfig {
        ReadinessConfig::default()
    }

    #[test]
    fn answers_rescore_and_toggle() {
        let mut f = AssessForm::new(7, None, &cfg());
        assert_eq!(f.live.overall, None);
        assert!(!f.dirty());
        f.answer(3, &cfg());
        assert_eq!(f.answers["A1"], 3);
        assert_eq!(f.live.overall, Some(75.0));
        assert!(f.dirty());
        // The same answer again clears it.
        f.answer(3, &cfg());
        assert!(f.answers.is_empty());
        assert!(!f.dirty());
    }

    #[test]
    fn moving_past_the_last_item_goes_to_the_next_domain() {
        let mut f = AssessForm::new(7, None, &cfg());
        let n = f.items().len();
        for _ in 0..n {
            f.move_item(1);
        }
        assert_eq!((f.domain, f.item), (1, 0));
        f.move_item(-1);
        assert_eq!((f.domain, f.item), (0, n - 1));
        f.go_domain(99);
        assert_eq!(f.domain, Questionnaire::builtin().domains.len() - 1);
    }

    #[test]
    fn prefill_keeps_known_items_only() {
        let prefill = Prefill {
            date: "2026-05-01".into(),
            answers: [("A1".to_string(), 4), ("Z9".to_string(), 2)].into(),
            notes: [("A1".to_string(), "ERC seen".to_string())].into(),
        };
        let f = AssessForm::new(7, Some(prefill), &cfg());
        assert_eq!(f.answers.len(), 1);
        assert_eq!(f.note(), "ERC seen");
        assert_eq!(f.prefilled_from.as_deref(), Some("2026-05-01"));
        assert!(!f.dirty());
    }

    #[test]
    fn notes_are_nfc_and_esc_restores() {
        let mut f = AssessForm::new(7, None, &cfg());
        f.start_note();
        // "Đồng" typed with combining marks.
        f.edit_note(|t| t.push_str("Đo\u{0302}\u{0300}ng "));
        f.finish_note(true);
        assert_eq!(f.note(), "Đồng");
        f.start_note();
        f.edit_note(String::clear);
        f.finish_note(false);
        assert_eq!(f.note(), "Đồng");
        f.start_note();
        f.edit_note(String::clear);
        f.finish_note(true);
        assert!(f.notes.is_empty());
    }

    #[test]
    fn saving_needs_an_answer() {
        let mut f = AssessForm::new(7, None, &cfg());
        assert_eq!(f.save(), None);
        assert_eq!(f.problem, Some(FormProblem::NothingAnswered));
        f.answer(2, &cfg());
        assert!(f.problem.is_none());
        let Some(Effect::Write(Write::SaveAssessment {
            sme_id, answers, ..
        })) = f.save()
        else {
            panic!("no write")
        };
        assert_eq!((sme_id, answers["A1"]), (7, 2));
        assert!(f.saving);
    }
}
