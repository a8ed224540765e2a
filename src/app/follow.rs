//! Follow-up on the SME detail: a row of its target markets (pipeline) or of its plan can take
//! the focus; a market row changes stage through a picker (`dropped` asks for a reason), a plan
//! row changes status and due date. Every change is a write; the decision log records it.

use super::{Action, App, Effect, Screen, Target, Write};
use crate::domain::{PlanItem, PlanStatus, ShortlistEntry, Stage};

/// Days a due date moves per key press.
pub const DUE_STEP_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Pipeline,
    Plan,
}

/// What has the keys on the SME detail: the page (scrolling) or one row of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Page,
    Row(Section, usize),
}

/// Why the follow-up refused what was asked (shown in the picker, in the UI language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowProblem {
    ReasonRequired,
}

/// The stage choice over the SME detail for one pipeline entry.
#[derive(Debug, Clone, PartialEq)]
pub struct StagePicker {
    pub entry_id: i64,
    /// Index into `Stage::ALL`.
    pub selected: usize,
    /// The reason line for `dropped`, while it is being typed.
    pub reason: Option<String>,
    pub problem: Option<FollowProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Follow {
    pub sme_id: i64,
    pub focus: Focus,
    /// Id of the focused row, so the focus stays on it when a change re-sorts the rows.
    pub row_id: Option<i64>,
    pub picker: Option<StagePicker>,
}

/// The next status of a plan item for the status key: todo → in progress → done → todo;
/// a cancelled item comes back as todo.
pub fn next_status(s: PlanStatus) -> PlanStatus {
    match s {
        PlanStatus::Todo => PlanStatus::InProgress,
        PlanStatus::InProgress => PlanStatus::Done,
        PlanStatus::Done | PlanStatus::Cancelled => PlanStatus::Todo,
    }
}

/// Move a due date by `days`; an undated item counts from `today`.
pub fn shift_due(due: Option<&str>, days: i64, today: &str) -> Option<String> {
    let base = due
        .filter(|d| crate::clock::parse_date(d).is_some())
        .unwrap_or(today);
    crate::clock::add_days(base, days)
}

impl App {
    /// The SME whose detail is on top of the current tab: (index, id).
    pub fn detail_sme(&self) -> Option<(usize, i64)> {
        match self.detail()?.target {
            Target::Sme(i) => self.data.p.smes.get(i).map(|s| (i, s.id)),
            _ => None,
        }
    }

    /// The follow-up state of the SME detail on screen, if any.
    pub fn follow(&self) -> Option<&Follow> {
        let (_, id) = self.detail_sme()?;
        self.follow.as_ref().filter(|f| f.sme_id == id)
    }

    /// What has the keys on the SME detail (`Page` elsewhere).
    pub fn focus(&self) -> Focus {
        let Some(f) = self.follow() else {
            return Focus::Page;
        };
        match f.focus {
            Focus::Row(section, i) => {
                let n = self.rows(section).len();
                if n == 0 {
                    Focus::Page
                } else {
                    Focus::Row(section, i.min(n - 1))
                }
            }
            Focus::Page => Focus::Page,
        }
    }

    /// The stage picker, if open over the SME detail on screen.
    pub fn stage_picker(&self) -> Option<&StagePicker> {
        self.follow()?.picker.as_ref()
    }

    /// Ids of the rows of a section of the SME detail on screen, in the order shown.
    pub fn rows(&self, section: Section) -> Vec<i64> {
        let Some((_, id)) = self.detail_sme() else {
            return Vec::new();
        };
        let p = &self.data.p;
        match section {
            Section::Pipeline => p.shortlist_of(id).map(|e| e.id).collect(),
            Section::Plan => p.plan_of(id).map(|e| e.id).collect(),
        }
    }

    fn focused_entry(&self) -> Option<&ShortlistEntry> {
        let Focus::Row(Section::Pipeline, i) = self.focus() else {
            return None;
        };
        let (_, id) = self.detail_sme()?;
        self.data.p.shortlist_of(id).nth(i)
    }

    fn focused_plan_item(&self) -> Option<&PlanItem> {
        let Focus::Row(Section::Plan, i) = self.focus() else {
            return None;
        };
        let (_, id) = self.detail_sme()?;
        self.data.p.plan_of(id).nth(i)
    }

    fn set_focus(&mut self, focus: Focus) {
        let Some((_, sme_id)) = self.detail_sme() else {
            return;
        };
        let row_id = match focus {
            Focus::Row(section, i) => self.rows(section).get(i).copied(),
            Focus::Page => None,
        };
        match self.follow.as_mut() {
            Some(f) if f.sme_id == sme_id => {
                f.focus = focus;
                f.row_id = row_id;
            }
            _ => {
                self.follow = Some(Follow {
                    sme_id,
                    focus,
                    row_id,
                    picker: None,
                })
            }
        }
    }

    /// After a reload: put the focus back on the row it was on (a new due date may have moved
    /// it in the plan's order).
    pub(crate) fn refocus(&mut self) {
        let Some(f) = self.follow() else { return };
        let (Focus::Row(section, _), Some(id)) = (f.focus, f.row_id) else {
            return;
        };
        if let Some(i) = self.rows(section).iter().position(|r| *r == id) {
            self.set_focus(Focus::Row(section, i));
        }
    }

    /// Tab / Shift-Tab on the SME detail: page → target markets → plan → page (sections
    /// without rows are skipped).
    fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Page];
        for section in [Section::Pipeline, Section::Plan] {
            if !self.rows(section).is_empty() {
                order.push(Focus::Row(section, 0));
            }
        }
        let now = match self.focus() {
            Focus::Row(section, _) => order
                .iter()
                .position(|f| matches!(f, Focus::Row(s, _) if *s == section))
                .unwrap_or(0),
            Focus::Page => 0,
        };
        let n = order.len();
        let next = if forward {
            (now + 1) % n
        } else {
            (now + n - 1) % n
        };
        self.set_focus(order[next]);
    }

    /// Select row `i` of `section` (a click).
    pub(crate) fn focus_row(&mut self, section: Section, i: usize) {
        if i < self.rows(section).len() {
            self.set_focus(Focus::Row(section, i));
        }
    }

    /// Up/Down/Home/End on a focused row; returns false when the page has the focus.
    pub(crate) fn move_row(&mut self, action: Action) -> bool {
        let Focus::Row(section, i) = self.focus() else {
            return false;
        };
        let last = self.rows(section).len().saturating_sub(1);
        let page = self.page();
        let to = match action {
            Action::Up => i.saturating_sub(1),
            Action::Down => (i + 1).min(last),
            Action::PageUp => i.saturating_sub(page),
            Action::PageDown => (i + page).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        self.set_focus(Focus::Row(section, to));
        true
    }

    /// A key action on the SME detail that belongs to the follow-up; `None` if it is not one.
    pub(crate) fn follow_act(&mut self, action: Action) -> Option<Vec<Effect>> {
        if !matches!(self.screen(), Screen::Detail(Target::Sme(_))) {
            return None;
        }
        let effects = match action {
            Action::FocusNext => {
                self.cycle_focus(true);
                Vec::new()
            }
            Action::FocusPrev => {
                self.cycle_focus(false);
                Vec::new()
            }
            Action::Back if self.focus() != Focus::Page => {
                self.set_focus(Focus::Page);
                Vec::new()
            }
            Action::SetStage => {
                self.open_stage_picker();
                Vec::new()
            }
            Action::PlanStatus => self.plan_write(|item, _| (next_status(item.status), None)),
            Action::PlanCancel => self.plan_write(|item, _| {
                let status = if item.status == PlanStatus::Cancelled {
                    PlanStatus::Todo
                } else {
                    PlanStatus::Cancelled
                };
                (status, None)
            }),
            Action::DueLater | Action::DueEarlier => {
                let days = if action == Action::DueLater {
                    DUE_STEP_DAYS
                } else {
                    -DUE_STEP_DAYS
                };
                self.plan_write(|item, today| {
                    (
                        item.status,
                        Some(shift_due(item.due.as_deref(), days, today)),
                    )
                })
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
                if self.move_row(action) =>
            {
                Vec::new()
            }
            _ => return None,
        };
        Some(effects)
    }

    /// The write for the focused plan item: `change` gives its new status and, if it changes,
    /// its new due date. The item's version goes along so a concurrent change is refused.
    fn plan_write(
        &mut self,
        change: impl FnOnce(&PlanItem, &str) -> (PlanStatus, Option<Option<String>>),
    ) -> Vec<Effect> {
        let Some(item) = self.focused_plan_item() else {
            return Vec::new();
        };
        let (status, due) = change(item, &self.today);
        let due = due.unwrap_or_else(|| item.due.clone());
        if status == item.status && due == item.due {
            return Vec::new();
        }
        vec![Effect::Write(Write::UpdatePlanItem {
            id: item.id,
            status,
            due,
            version: item.version,
        })]
    }

    fn open_stage_picker(&mut self) {
        let Some(entry) = self.focused_entry() else {
            return;
        };
        let picker = StagePicker {
            entry_id: entry.id,
            selected: Stage::ALL
                .iter()
                .position(|s| *s == entry.stage)
                .unwrap_or(0),
            reason: None,
            problem: None,
        };
        if let Some(f) = self.follow.as_mut() {
            f.picker = Some(picker);
        }
    }

    fn picker_mut(&mut self) -> Option<&mut StagePicker> {
        let (_, id) = self.detail_sme()?;
        self.follow
            .as_mut()
            .filter(|f| f.sme_id == id)?
            .picker
            .as_mut()
    }

    /// A key action while the stage picker is open.
    pub(crate) fn stage_act(&mut self, action: Action) -> Vec<Effect> {
        let last = Stage::ALL.len() - 1;
        let Some(p) = self.picker_mut() else {
            return Vec::new();
        };
        if p.reason.is_some() {
            // Enter and Esc of the reason line arrive as input intents; nothing else applies.
            return Vec::new();
        }
        match action {
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(last),
            Action::Home => p.selected = 0,
            Action::End => p.selected = last,
            Action::Open | Action::SetStage => return self.choose_stage(),
            Action::Back | Action::Quit => self.close_stage_picker(),
            Action::Help => self.help = Some(0),
            _ => {}
        }
        Vec::new()
    }

    pub(crate) fn close_stage_picker(&mut self) {
        if let Some(f) = self.follow.as_mut() {
            f.picker = None;
        }
    }

    /// Pick stage `i` (a click on it).
    pub(crate) fn pick_stage(&mut self, i: usize) -> Vec<Effect> {
        match self.picker_mut() {
            Some(p) if i < Stage::ALL.len() && p.reason.is_none() => {
                p.selected = i;
                self.choose_stage()
            }
            _ => Vec::new(),
        }
    }

    /// Take the selected stage: `dropped` first asks for a reason; the others are written.
    fn choose_stage(&mut self) -> Vec<Effect> {
        let Some(p) = self.stage_picker().cloned() else {
            return Vec::new();
        };
        let stage = Stage::ALL[p.selected];
        let Some(entry) = self
            .data
            .p
            .shortlist
            .iter()
            .find(|e| e.id == p.entry_id)
            .cloned()
        else {
            self.close_stage_picker();
            return Vec::new();
        };
        let reason = match (stage, p.reason) {
            (Stage::Dropped, None) => {
                let before = if entry.stage == Stage::Dropped {
                    entry.reason.clone()
                } else {
                    String::new()
                };
                if let Some(p) = self.picker_mut() {
                    p.reason = Some(before);
                }
                return Vec::new();
            }
            (Stage::Dropped, Some(r)) if r.trim().is_empty() => {
                if let Some(p) = self.picker_mut() {
                    p.problem = Some(FollowProblem::ReasonRequired);
                }
                return Vec::new();
            }
            (Stage::Dropped, Some(r)) => crate::text::nfc(r.trim()),
            _ => String::new(),
        };
        self.close_stage_picker();
        if stage == entry.stage && reason == entry.reason {
            return Vec::new();
        }
        vec![Effect::Write(Write::SetStage {
            sme_id: entry.sme_id,
            iso3: entry.iso3.clone(),
            hs: Some(entry.hs.clone()),
            stage,
            reason,
        })]
    }

    /// Change the reason being typed.
    pub(crate) fn edit_reason(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(p) = self.picker_mut()
            && let Some(r) = p.reason.as_mut()
        {
            edit(r);
            *r = crate::text::nfc(r);
            p.problem = None;
        }
    }

    /// Enter on the reason line writes the change; Esc goes back to the stages.
    pub(crate) fn finish_reason(&mut self, keep: bool) -> Vec<Effect> {
        if keep {
            return self.choose_stage();
        }
        if let Some(p) = self.picker_mut() {
            p.reason = None;
            p.problem = None;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cycles_and_cancelled_comes_back() {
        assert_eq!(next_status(PlanStatus::Todo), PlanStatus::InProgress);
        assert_eq!(next_status(PlanStatus::InProgress), PlanStatus::Done);
        assert_eq!(next_status(PlanStatus::Done), PlanStatus::Todo);
        assert_eq!(next_status(PlanStatus::Cancelled), PlanStatus::Todo);
    }

    #[test]
    fn due_dates_move_by_weeks() {
        assert_eq!(
            shift_due(Some("2026-12-29"), 7, "2026-11-23").as_deref(),
            Some("2027-01-05")
        );
        assert_eq!(
            shift_due(None, -7, "2026-11-23").as_deref(),
            Some("2026-11-16")
        );
        assert_eq!(
            shift_due(Some("garbage"), 7, "2026-11-23").as_deref(),
            Some("2026-11-30")
        );
    }
}
