//! Creating, editing, deleting and restoring SMEs in the dashboard, and the reads behind the
//! SME's "Changes" section and the deleted-SMEs view.
//!
//! `n` opens an empty form, `e` the form of the SME under the cursor, `d` asks to delete it (soft
//! delete), `D` lists the deleted SMEs where `u` restores one. A save or a delete is an
//! [`Effect::Write`] carried out by the runtime; its outcome comes back through
//! [`App::written`] or [`App::conflicted`]. Reads (an SME's changes, the deleted SMEs) are
//! effects too: after each update the runtime asks [`App::wanted_reads`] what the screen needs
//! and is missing, and carries them out. No SQL runs here.

mod form;
mod handle;
mod hs;
mod line;
mod pickers;
mod picking;
#[cfg(test)]
mod tests;

use ratatui::layout::Rect;

pub use form::{
    FIELDS, Form, Kind, Popup, REQUIRED, field_index, field_text, parse_list, parse_products,
};
pub use hs::HsIndex;
pub use line::LineEdit;
pub use pickers::{Choice, ListPicker, MultiItem, MultiPicker, ProductFocus, ProductPicker, Row};

use super::{App, DetailView, Effect, Screen, Tab, Target};
use crate::domain::changes::{ChangeEntry, DeletedSme};

/// Typing, cursor keys and clicks on the edit screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Type(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: empty the line (a picker field: empty the field).
    Clear,
    /// A click at column, row.
    Click(u16, u16),
}

/// Which edit screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditScreen {
    /// The form, the cursor on a field.
    Form,
    /// A picker over the form (takes typed text as its filter).
    Picker,
    /// A dialog over the form: problems, a conflict, discard changes, a refusal.
    Dialog,
    /// "Delete this SME?"
    Confirm,
    /// The deleted SMEs.
    Deleted,
    /// A message that needs reading (a delete or restore refused by a conflict).
    Notice,
}

/// "Delete this SME?" with the version the delete will state.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmDelete {
    pub id: i64,
    pub name: String,
    pub tax_code: String,
    pub version: i64,
    /// 0 delete, 1 keep.
    pub choice: usize,
}

/// The deleted SMEs (read when the view opens).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeletedView {
    /// None until read.
    pub rows: Option<Vec<DeletedSme>>,
    pub error: Option<String>,
    pub selected: usize,
    pub offset: usize,
}

/// The changes of one SME, newest first (or why they could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct SmeChanges {
    pub sme_id: i64,
    pub entries: Result<Vec<ChangeEntry>, String>,
}

#[derive(Debug, Default)]
pub struct EditState {
    pub form: Option<Form>,
    pub confirm: Option<ConfirmDelete>,
    pub deleted: Option<DeletedView>,
    pub notice: Option<String>,
    /// The changes of the SME whose detail is open.
    pub changes: Option<SmeChanges>,
    /// The HS search haystack, built the first time the products picker opens.
    hs: Option<HsIndex>,
}

/// Where the last frame drew the edit screens (clicks, scrolling).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditHits {
    /// The form's field lines and the scroll they were drawn with.
    pub form: Option<(Rect, usize)>,
    /// Field of each line of the form (after the scroll).
    pub form_lines: Vec<usize>,
    /// A popup's list and the offset it was drawn with.
    pub list: Option<(Rect, usize)>,
    /// Rows of the popup's list.
    pub page: usize,
}

impl EditState {
    pub fn screen(&self) -> Option<EditScreen> {
        if self.notice.is_some() {
            return Some(EditScreen::Notice);
        }
        if let Some(f) = &self.form {
            return Some(match &f.popup {
                Some(p) if p.takes_text() => EditScreen::Picker,
                Some(_) => EditScreen::Dialog,
                None => EditScreen::Form,
            });
        }
        if self.confirm.is_some() {
            Some(EditScreen::Confirm)
        } else if self.deleted.is_some() {
            Some(EditScreen::Deleted)
        } else {
            None
        }
    }

    /// Whether the screen takes typed text (keys are text there, not shortcuts).
    pub fn takes_text(&self) -> bool {
        matches!(self.screen(), Some(EditScreen::Form | EditScreen::Picker))
    }
}

impl App {
    /// The SME under the cursor on the SMEs tab (its row, or its open detail).
    fn sme_under_cursor(&self) -> Option<usize> {
        if self.tab != Tab::Smes {
            return None;
        }
        match self.screen() {
            Screen::List(Tab::Smes) => self.smes.current(),
            Screen::Detail(Target::Sme(i)) => Some(i),
            _ => None,
        }
    }

    /// `n`, `e`, `d`, `D` outside the edit screens.
    pub(crate) fn sme_action(&mut self, action: super::Action) -> Vec<Effect> {
        use super::Action;
        let on_smes = matches!(
            self.screen(),
            Screen::List(Tab::Smes) | Screen::Detail(Target::Sme(_))
        );
        if !on_smes {
            return Vec::new();
        }
        match action {
            Action::NewSme => self.edit.form = Some(Form::new(None)),
            Action::EditSme => {
                if let Some(sme) = self
                    .sme_under_cursor()
                    .and_then(|i| self.data.p.smes.get(i))
                {
                    self.edit.form = Some(Form::new(Some(sme)));
                }
            }
            Action::DeleteSme => {
                if let Some(sme) = self
                    .sme_under_cursor()
                    .and_then(|i| self.data.p.smes.get(i))
                {
                    self.edit.confirm = Some(ConfirmDelete {
                        id: sme.id,
                        name: sme.name.clone(),
                        tax_code: sme.tax_code.clone(),
                        version: sme.version,
                        choice: 0,
                    });
                }
            }
            Action::DeletedSmes => self.edit.deleted = Some(DeletedView::default()),
            _ => {}
        }
        Vec::new()
    }

    /// Reads the screen needs and does not have: the open SME's changes, the deleted SMEs.
    pub fn wanted_reads(&self) -> Vec<Effect> {
        let mut out = Vec::new();
        if self.tab == Tab::Smes
            && let Some(DetailView {
                target: Target::Sme(i),
                ..
            }) = self.detail()
            && let Some(sme) = self.data.p.smes.get(*i)
            && self.edit.changes.as_ref().map(|c| c.sme_id) != Some(sme.id)
        {
            out.push(Effect::LoadSmeChanges(sme.id));
        }
        if self
            .edit
            .deleted
            .as_ref()
            .is_some_and(|d| d.rows.is_none() && d.error.is_none())
        {
            out.push(Effect::LoadDeletedSmes);
        }
        out
    }

    /// The changes of SME `id`, read by the runtime.
    pub fn changes_loaded(&mut self, id: i64, entries: Result<Vec<ChangeEntry>, String>) {
        self.edit.changes = Some(SmeChanges {
            sme_id: id,
            entries,
        });
    }

    /// The deleted SMEs, read by the runtime.
    pub fn deleted_loaded(&mut self, rows: Result<Vec<DeletedSme>, String>) {
        if let Some(view) = self.edit.deleted.as_mut() {
            match rows {
                Ok(rows) => {
                    view.selected = view.selected.min(rows.len().saturating_sub(1));
                    view.rows = Some(rows);
                    view.error = None;
                }
                Err(e) => view.error = Some(e),
            }
        }
    }

    /// After a write the reads are stale: read them again.
    pub(crate) fn edit_reloaded(&mut self) {
        self.edit.changes = None;
        if let Some(view) = self.edit.deleted.as_mut() {
            view.rows = None;
            view.error = None;
        }
    }

    /// The outcome of a write (not a conflict): a saved form closes (a new SME opens), a
    /// refused one says why over the form.
    pub(crate) fn edit_written(&mut self, result: &Result<String, String>) {
        let Some(form) = self.edit.form.as_mut().filter(|f| f.saving) else {
            return;
        };
        form.saving = false;
        match result {
            Ok(_) => {
                let created = form.sme_id.is_none();
                let tax = crate::store::sme_csv::normalise_tax_code(form.text(1));
                self.edit.form = None;
                if created && let Some(tax) = tax {
                    self.show_sme(|s| s.tax_code == tax);
                }
            }
            Err(text) => form.popup = Some(Popup::Refused(text.clone())),
        }
    }

    /// A write refused because another session changed the record: over the form, the other
    /// version with the choice to reload it or keep editing; elsewhere, a message to read.
    pub fn conflicted(&mut self, text: String) {
        // The dialog is the message: the status bar keeps the dialog's keys.
        self.status = None;
        match self.edit.form.as_mut().filter(|f| f.saving) {
            Some(form) => {
                form.saving = false;
                form.popup = Some(Popup::Conflict { text, choice: 0 });
            }
            None => self.edit.notice = Some(text),
        }
    }

    /// Open the detail of the first SME that `pick` accepts, with the cursor on its row.
    fn show_sme(&mut self, pick: impl Fn(&crate::domain::Sme) -> bool) {
        let Some(i) = self.data.p.smes.iter().position(pick) else {
            return;
        };
        if let Some(row) = self.smes.rows.iter().position(|&r| r == i) {
            self.smes.select(row);
        }
        self.tab = Tab::Smes;
        self.stacks[Tab::Smes.index()].push(DetailView {
            target: Target::Sme(i),
            scroll: 0,
        });
    }

    /// Keep the scroll offsets the last frame had to adjust.
    pub(crate) fn edit_set_hits(&mut self, hits: &EditHits) {
        if let (Some(form), Some((_, scroll))) = (self.edit.form.as_mut(), hits.form) {
            form.scroll = scroll;
        }
        if let Some((_, offset)) = hits.list {
            match self.edit.form.as_mut().and_then(|f| f.popup.as_mut()) {
                Some(Popup::List(p)) => p.offset = offset,
                Some(Popup::Multi(p)) => p.offset = offset,
                Some(Popup::Products(p)) => p.offset = offset,
                _ => {
                    if let Some(view) = self.edit.deleted.as_mut() {
                        view.offset = offset;
                    }
                }
            }
        }
    }
}
