//! Keys, actions and clicks on the edit screens: the form (moving between fields, typing,
//! saving), its dialogs, the delete confirmation and the deleted-SMEs view (pickers: `picking`).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Position;

use super::form::{FIELDS, Form, Kind, Popup};
use super::pickers::ProductFocus;
use super::picking::sync_picker;
use super::{EditScreen, Input};
use crate::app::{Action, App, Effect, Intent, Key, Mouse, MouseKind, Write};

/// Steps of PageUp/PageDown in the form.
const FORM_PAGE: usize = 5;

pub(super) fn step(value: usize, by: isize, len: usize) -> usize {
    value.saturating_add_signed(by).min(len.saturating_sub(1))
}

/// How far an action moves a cursor in a list of `page` visible rows.
pub(super) fn moves(action: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Home => Some(isize::MIN / 2),
        Action::End => Some(isize::MAX / 2),
        _ => None,
    }
}

impl App {
    /// Keys on a screen that takes text: characters are text, cursor keys edit the line, other
    /// keys go through the key map (Enter, Esc, Tab, arrows, Ctrl-S…). None: not such a screen.
    pub(crate) fn edit_key(&self, key: &Key) -> Option<Vec<Intent>> {
        if self.help.is_some() || !self.edit.takes_text() {
            return None;
        }
        let plain = !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let input = match key.code {
            KeyCode::Char('u') if key.mods == KeyModifiers::CONTROL => Input::Clear,
            KeyCode::Char(c) if plain => Input::Type(c),
            KeyCode::Backspace => Input::Backspace,
            KeyCode::Delete => Input::Delete,
            KeyCode::Left => Input::Left,
            KeyCode::Right => Input::Right,
            KeyCode::Home => Input::Home,
            KeyCode::End => Input::End,
            _ => {
                return Some(
                    self.keymap
                        .action(key)
                        .map(Intent::Act)
                        .into_iter()
                        .collect(),
                );
            }
        };
        Some(vec![Intent::Edit(input)])
    }

    /// Clicks on the edit screens (the wheel scrolls as everywhere). None: no edit screen.
    pub(crate) fn edit_mouse(&self, m: Mouse) -> Option<Vec<Intent>> {
        if self.help.is_some() || self.edit.screen().is_none() {
            return None;
        }
        Some(match m.kind {
            MouseKind::Click => vec![Intent::Edit(Input::Click(m.col, m.row))],
            MouseKind::ScrollUp => vec![Intent::Act(Action::Up); 3],
            MouseKind::ScrollDown => vec![Intent::Act(Action::Down); 3],
        })
    }

    /// An action on an edit screen.
    pub(crate) fn edit_act(&mut self, screen: EditScreen, action: Action) -> Vec<Effect> {
        match screen {
            EditScreen::Form => return self.form_act(action),
            EditScreen::Picker => return self.picker_act(action),
            EditScreen::Dialog => self.dialog_act(action),
            EditScreen::Confirm => return self.confirm_act(action),
            EditScreen::Deleted => return self.deleted_act(action),
            EditScreen::Notice => {
                if matches!(action, Action::Open | Action::Back | Action::Quit) {
                    self.edit.notice = None;
                }
            }
        }
        Vec::new()
    }

    /// Typing, cursor keys and clicks on an edit screen.
    pub(crate) fn sme_edit_input(&mut self, input: Input) -> Vec<Effect> {
        if let Input::Click(col, row) = input {
            return self.edit_click(Position::new(col, row));
        }
        match self.edit.screen() {
            Some(EditScreen::Form) => self.form_input(input),
            Some(EditScreen::Picker) => self.picker_input(input),
            _ => {}
        }
        Vec::new()
    }

    fn form_act(&mut self, action: Action) -> Vec<Effect> {
        let Some(focus) = self.edit.form.as_ref().map(|f| f.focus) else {
            return Vec::new();
        };
        let last = FIELDS.len();
        match action {
            Action::Up | Action::PrevTab => self.focus_field(step(focus, -1, last)),
            Action::Down | Action::NextTab => self.focus_field(step(focus, 1, last)),
            Action::PageUp => self.focus_field(step(focus, -(FORM_PAGE as isize), last)),
            Action::PageDown => self.focus_field(step(focus, FORM_PAGE as isize, last)),
            Action::Open => {
                if FIELDS[focus].1.is_text() {
                    self.focus_field(step(focus, 1, last));
                } else {
                    self.open_picker(None);
                }
            }
            Action::Back | Action::Quit => {
                if let Some(form) = self.edit.form.as_mut() {
                    if form.dirty() {
                        form.popup = Some(Popup::Discard { choice: 1 });
                    } else {
                        self.edit.form = None;
                    }
                }
            }
            Action::Save => return self.save(),
            _ => {}
        }
        Vec::new()
    }

    /// Move the cursor to field `to`, checking the field it leaves if it was touched.
    fn focus_field(&mut self, to: usize) {
        let (r, smes) = (&self.data.p.reference, &self.data.p.smes);
        if let Some(form) = self.edit.form.as_mut() {
            let from = form.focus;
            if form.text(from) != form.baseline[from] || !form.errors[from].is_empty() {
                form.check(from, r, smes);
            }
            form.focus = to.min(FIELDS.len() - 1);
        }
    }

    /// Check every field; save if none has a problem, else list them all.
    pub(super) fn save(&mut self) -> Vec<Effect> {
        let (r, smes) = (&self.data.p.reference, &self.data.p.smes);
        let Some(form) = self.edit.form.as_mut().filter(|f| !f.saving) else {
            return Vec::new();
        };
        let problems = form.check_all(r, smes);
        if !problems.is_empty() {
            form.popup = Some(Popup::Problems(problems));
            return Vec::new();
        }
        let sme = form.record(r);
        form.saving = true;
        let write = match form.sme_id {
            None => Write::CreateSme(Box::new(sme)),
            Some(_) => Write::UpdateSme(Box::new(sme)),
        };
        vec![Effect::Write(write)]
    }

    fn form_input(&mut self, input: Input) {
        let Some(form) = self.edit.form.as_mut() else {
            return;
        };
        let i = form.focus;
        if !FIELDS[i].1.is_text() {
            match input {
                Input::Type(' ') if FIELDS[i].1 == Kind::Experience => self.open_picker(None),
                Input::Type(c) if FIELDS[i].1 != Kind::Experience => self.open_picker(Some(c)),
                Input::Clear => form.set_text(i, ""),
                _ => {}
            }
            return;
        }
        edit_line(&mut form.values[i], &input);
    }

    fn dialog_act(&mut self, action: Action) {
        let Some(form) = self.edit.form.as_mut() else {
            return;
        };
        let toggle = matches!(
            action,
            Action::Up | Action::Down | Action::NextTab | Action::PrevTab
        );
        match form.popup.as_mut() {
            Some(Popup::Problems(problems)) => {
                if matches!(action, Action::Open | Action::Back | Action::Quit) {
                    let first = problems.first().map(|(i, _)| *i);
                    form.popup = None;
                    if let Some(i) = first {
                        form.focus = i;
                    }
                }
            }
            Some(Popup::Refused(_)) => {
                if matches!(action, Action::Open | Action::Back | Action::Quit) {
                    form.popup = None;
                }
            }
            Some(Popup::Discard { choice }) => match action {
                _ if toggle => *choice = 1 - *choice,
                Action::Open if *choice == 0 => self.edit.form = None,
                Action::Open | Action::Back | Action::Quit => form.popup = None,
                _ => {}
            },
            Some(Popup::Conflict { choice, .. }) => match action {
                _ if toggle => *choice = 1 - *choice,
                Action::Open if *choice == 0 => {
                    // Their version, as reloaded after the refusal (gone if they deleted it).
                    let theirs = form.sme_id.and_then(|id| self.data.sme(id));
                    let focus = form.focus;
                    self.edit.form = theirs.map(|s| Form {
                        focus,
                        ..Form::new(Some(s))
                    });
                }
                Action::Open | Action::Back | Action::Quit => {
                    if let Some(theirs) = form.sme_id.and_then(|id| self.data.sme(id)) {
                        form.rebase(theirs);
                    }
                    form.popup = None;
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn confirm_act(&mut self, action: Action) -> Vec<Effect> {
        let Some(confirm) = self.edit.confirm.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::Up | Action::Down | Action::NextTab | Action::PrevTab => {
                confirm.choice = 1 - confirm.choice;
            }
            Action::Open if confirm.choice == 0 => {
                let (id, version) = (confirm.id, confirm.version);
                self.edit.confirm = None;
                return vec![Effect::Write(Write::DeleteSme { id, version })];
            }
            Action::Open | Action::Back | Action::Quit => self.edit.confirm = None,
            _ => {}
        }
        Vec::new()
    }

    fn deleted_act(&mut self, action: Action) -> Vec<Effect> {
        let page = self.hits.edit.page;
        let Some(view) = self.edit.deleted.as_mut() else {
            return Vec::new();
        };
        let len = view.rows.as_ref().map_or(0, Vec::len);
        match action {
            Action::Back | Action::Quit | Action::DeletedSmes => self.edit.deleted = None,
            Action::RestoreSme => {
                if let Some(row) = view.rows.as_ref().and_then(|r| r.get(view.selected)) {
                    return vec![Effect::Write(Write::RestoreSme {
                        id: row.id,
                        version: row.version,
                    })];
                }
            }
            a => {
                if let Some(by) = moves(a, page) {
                    view.selected = step(view.selected, by, len);
                }
            }
        }
        Vec::new()
    }

    /// A click: on a popup's row chooses it, on a form line moves the cursor there.
    fn edit_click(&mut self, pos: Position) -> Vec<Effect> {
        let hits = self.hits.edit.clone();
        if let Some((area, offset)) = hits.list
            && area.contains(pos)
        {
            let row = offset + (pos.y - area.y) as usize;
            return self.click_row(row);
        }
        if self.edit.screen() == Some(EditScreen::Form)
            && let Some((area, _)) = hits.form
            && area.contains(pos)
            && let Some(&field) = hits.form_lines.get((pos.y - area.y) as usize)
        {
            self.focus_field(field);
        }
        Vec::new()
    }

    fn click_row(&mut self, row: usize) -> Vec<Effect> {
        if let Some(confirm) = self.edit.confirm.as_mut() {
            confirm.choice = row.min(1);
            return self.confirm_act(Action::Open);
        }
        let form_popup = self.edit.form.as_mut().and_then(|f| f.popup.as_mut());
        match form_popup {
            Some(Popup::Discard { choice } | Popup::Conflict { choice, .. }) => {
                *choice = row.min(1);
                self.dialog_act(Action::Open);
                return Vec::new();
            }
            Some(Popup::List(p)) if row < p.rows.len() => {
                p.selected = row;
                return self.picker_act(Action::Open);
            }
            Some(Popup::Multi(p)) if row < p.rows.len() => {
                p.selected = row;
                p.toggle();
            }
            Some(Popup::Products(p)) if row < p.results.len() && p.describing.is_none() => {
                p.selected = row;
                p.focus = ProductFocus::Results;
                return self.picker_act(Action::Open);
            }
            Some(_) => {}
            None => {
                if let Some(view) = self.edit.deleted.as_mut() {
                    view.selected = row.min(view.rows.as_ref().map_or(0, Vec::len).max(1) - 1);
                }
            }
        }
        if let Some(form) = self.edit.form.as_mut() {
            sync_picker(form);
        }
        Vec::new()
    }
}

/// Apply a text input to a line; whether the text changed.
pub(super) fn edit_line(line: &mut super::LineEdit, input: &Input) -> bool {
    let before = line.text().len();
    let old = line.text().to_string();
    match input {
        Input::Type(c) => {
            let mut s = [0u8; 4];
            line.insert(c.encode_utf8(&mut s));
        }
        Input::Paste(text) => line.insert(text),
        Input::Backspace => line.backspace(),
        Input::Delete => line.delete(),
        Input::Left => line.left(),
        Input::Right => line.right(),
        Input::Home => line.home(),
        Input::End => line.end(),
        Input::Clear => line.clear(),
        Input::Click(..) => {}
    }
    line.text().len() != before || line.text() != old
}
