//! Messages → intents → state changes and effects.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Position;

use super::lists::{self, Tab};
use super::*;

/// Apply one message to the app; returns what the loop must do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    if matches!(msg, Msg::Key(_) | Msg::Mouse(_)) {
        app.status = None;
    }
    let intents = match msg {
        Msg::Key(ev) => app.key_intents(&ev),
        Msg::Paste(text) if app.edit.takes_text() => vec![Intent::Edit(edit::Input::Paste(text))],
        Msg::Paste(text) if app.input().is_some() => vec![Intent::Paste(text)],
        Msg::Paste(_) => Vec::new(),
        Msg::Mouse(m) => app.mouse_intents(m),
        // The next frame lays everything out again at the new size.
        Msg::Resize(..) => Vec::new(),
    };
    intents.into_iter().flat_map(|i| app.apply(i)).collect()
}

/// A text line that has the keys: characters are text, not commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Search,
    /// The evidence note of the selected item in the assessment form.
    Note,
    /// The reason for dropping a market.
    Reason,
}

enum Move {
    By(isize),
    Home,
    End,
}

fn step(value: usize, mv: &Move, max: usize) -> usize {
    match mv {
        Move::By(d) => value.saturating_add_signed(*d).min(max),
        Move::Home => 0,
        Move::End => max,
    }
}

impl App {
    /// The text line being typed into, if any.
    pub(crate) fn input(&self) -> Option<Input> {
        if self.typing.is_some() {
            return Some(Input::Search);
        }
        if let Some(form) = &self.assess {
            return form.editing.is_some().then_some(Input::Note);
        }
        self.stage_picker()
            .and_then(|p| p.reason.as_ref())
            .map(|_| Input::Reason)
    }

    /// What a key asks for. While a text line is open, characters are text: `q` types a q.
    pub fn key_intents(&self, ev: &KeyEvent) -> Vec<Intent> {
        if ev.kind == KeyEventKind::Release {
            return Vec::new();
        }
        let key = Key::from_event(ev);
        if key.is_ctrl_c() {
            return vec![Intent::ForceQuit];
        }
        if let Some(intents) = self.edit_key(&key) {
            return intents;
        }
        // "Discard unsaved answers? y/n": fixed keys, like a text line's Enter and Esc.
        let asking = self.assess.as_ref().is_some_and(|f| f.confirm_discard)
            || self.wizard.as_ref().is_some_and(|w| w.confirm_discard)
            || (self.sync_asking() && self.screen() == Screen::Sync);
        if asking && self.help.is_none() {
            return match key.code {
                KeyCode::Char('y' | 'Y') => vec![Intent::Confirm(true)],
                KeyCode::Char('n' | 'N') | KeyCode::Esc => vec![Intent::Confirm(false)],
                _ => Vec::new(),
            };
        }
        if self.input().is_some() {
            let plain = !key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            let intent = match key.code {
                KeyCode::Char('u') if key.mods == KeyModifiers::CONTROL => Intent::ClearInput,
                KeyCode::Char(c) if plain => Intent::Type(c),
                KeyCode::Backspace => Intent::Erase,
                KeyCode::Enter => Intent::ConfirmInput,
                KeyCode::Esc => Intent::CancelInput,
                KeyCode::Up => Intent::Act(Action::Up),
                KeyCode::Down => Intent::Act(Action::Down),
                KeyCode::PageUp => Intent::Act(Action::PageUp),
                KeyCode::PageDown => Intent::Act(Action::PageDown),
                _ => return Vec::new(),
            };
            return vec![intent];
        }
        self.keymap
            .action_in(self.scopes(), &key)
            .map(Intent::Act)
            .into_iter()
            .collect()
    }

    /// What a click or a wheel turn asks for, from where the last frame drew things.
    pub fn mouse_intents(&mut self, m: Mouse) -> Vec<Intent> {
        match m.kind {
            MouseKind::ScrollUp => return vec![Intent::Act(Action::Up); 3],
            MouseKind::ScrollDown => return vec![Intent::Act(Action::Down); 3],
            MouseKind::Click => {}
        }
        if let Some(intents) = self.edit_mouse(m) {
            return intents;
        }
        let pos = Position::new(m.col, m.row);
        if self.help.is_some() {
            return vec![Intent::Act(Action::Back)];
        }
        if self.picker.is_some() {
            return match self.hits.picker_rows {
                Some((area, offset)) if area.contains(pos) => {
                    vec![Intent::Pick(offset + (pos.y - area.y) as usize)]
                }
                _ => vec![Intent::ClosePicker],
            };
        }
        if self.hits_screen_matches()
            && let Some((_, zone)) = self.hits.zones.iter().find(|(r, _)| r.contains(pos))
        {
            return vec![Intent::Click(*zone)];
        }
        if self.wizard.is_some() {
            // Only the wizard's own rows take clicks; tabs wait until it is closed.
            return match self.hits.rows {
                Some((area, offset)) if area.contains(pos) => {
                    let row = offset + (pos.y - area.y) as usize;
                    let double = self.last_click.is_some_and(|(tab, r, at)| {
                        tab == self.tab && r == row && m.at_ms.saturating_sub(at) <= DOUBLE_CLICK_MS
                    });
                    self.last_click = if double {
                        None
                    } else {
                        Some((self.tab, row, m.at_ms))
                    };
                    vec![if double {
                        Intent::OpenRow(row)
                    } else {
                        Intent::SelectRow(row)
                    }]
                }
                _ => Vec::new(),
            };
        }
        // The form and the stage picker keep the keys until they are closed.
        match self.screen() {
            Screen::Assess => return Vec::new(),
            Screen::Stage => return vec![Intent::Act(Action::Back)],
            _ => {}
        }
        if let Some((_, tab)) = self.hits.tabs.iter().find(|(r, _)| r.contains(pos)) {
            return vec![Intent::GoTab(*tab)];
        }
        if let Some((_, col)) = self.hits.headers.iter().find(|(r, _)| r.contains(pos)) {
            return vec![Intent::SortBy(*col)];
        }
        if let Some((area, offset)) = self.hits.rows
            && area.contains(pos)
        {
            let row = offset + (pos.y - area.y) as usize;
            let double = self.last_click.is_some_and(|(tab, r, at)| {
                tab == self.tab && r == row && m.at_ms.saturating_sub(at) <= DOUBLE_CLICK_MS
            });
            if double {
                self.last_click = None;
                return vec![Intent::OpenRow(row)];
            }
            self.last_click = Some((self.tab, row, m.at_ms));
            return vec![Intent::SelectRow(row)];
        }
        Vec::new()
    }

    /// Change the state as `intent` asks.
    pub fn apply(&mut self, intent: Intent) -> Vec<Effect> {
        match intent {
            Intent::ForceQuit => return vec![Effect::Quit],
            Intent::Act(action) => return self.act(action),
            Intent::SelectRow(row) if self.wizard.is_some() => {
                return self.wizard_click(row, false);
            }
            Intent::OpenRow(row) if self.wizard.is_some() => return self.wizard_click(row, true),
            Intent::SelectRow(row) | Intent::OpenRow(row) if self.screen() == Screen::Sync => {
                self.sync_select(row);
            }
            Intent::GoTab(tab) => self.go_tab(tab),
            Intent::SelectRow(row) => {
                self.select_row(row);
            }
            Intent::OpenRow(row) => {
                if self.select_row(row) {
                    self.open();
                }
            }
            Intent::SortBy(col) => {
                if let Some(view) = self.top_list_mut() {
                    if view.sort == col {
                        view.descending = !view.descending;
                    } else {
                        view.sort = col;
                        view.descending = false;
                    }
                    self.refresh(self.tab);
                }
            }
            Intent::Pick(i) => {
                if let Some(p) = self.picker.as_mut()
                    && i < p.items.len()
                {
                    p.selected = i;
                    self.choose();
                }
            }
            Intent::ClosePicker => self.picker = None,
            Intent::Type(c) => self.edit_input(|q| q.push(c)),
            Intent::Paste(text) => self.edit_input(|q| {
                q.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }))
            }),
            Intent::Erase => self.edit_input(|q| {
                q.pop();
            }),
            Intent::ClearInput => self.edit_input(String::clear),
            Intent::ConfirmInput | Intent::CancelInput if self.input() == Some(Input::Note) => {
                if let Some(form) = self.assess.as_mut() {
                    form.finish_note(intent == Intent::ConfirmInput);
                }
            }
            Intent::ConfirmInput | Intent::CancelInput if self.input() == Some(Input::Reason) => {
                return self.finish_reason(intent == Intent::ConfirmInput);
            }
            Intent::Click(zone) => return self.click(zone),
            Intent::Confirm(yes) if self.screen() == Screen::Sync => return self.sync_confirm(yes),
            Intent::Confirm(yes) if self.wizard.is_some() => self.wizard_confirm(yes),
            Intent::Confirm(yes) => self.confirm_discard(yes),
            Intent::ConfirmInput => self.typing = None,
            Intent::Edit(input) => return self.sme_edit_input(input),
            Intent::CancelInput => {
                if let Some(before) = self.typing.take() {
                    let tab = self.tab;
                    if let Some(view) = self.list_mut(tab) {
                        view.query = before;
                    }
                    self.refresh(tab);
                }
            }
        }
        Vec::new()
    }

    /// A click on a zone the last frame drew.
    fn click(&mut self, zone: Zone) -> Vec<Effect> {
        let cfg = self.readiness.clone();
        match (zone, self.screen()) {
            (Zone::Confirm(yes), Screen::Assess) => self.confirm_discard(yes),
            (Zone::Confirm(yes), Screen::Wizard) => self.wizard_confirm(yes),
            (Zone::Confirm(yes), Screen::Sync) => return self.sync_confirm(yes),
            (_, Screen::Assess) => {
                let Some(form) = self.assess.as_mut() else {
                    return Vec::new();
                };
                if form.confirm_discard || form.saving {
                    return Vec::new();
                }
                if form.editing.is_some() {
                    form.finish_note(true);
                }
                match zone {
                    Zone::Answer(a) => form.answer(a, &cfg),
                    Zone::Item(i) => form.select(i),
                    Zone::Domain(d) => form.go_domain(d),
                    _ => {}
                }
            }
            (Zone::Stage(i), Screen::Stage) => return self.pick_stage(i),
            (_, Screen::Stage) => self.close_stage_picker(),
            (Zone::Row(section, i), Screen::Detail(Target::Sme(_))) => self.focus_row(section, i),
            _ => {}
        }
        Vec::new()
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        let screen = self.screen();
        match screen {
            Screen::Edit(e) if action != Action::Help => return self.edit_act(e, action),
            Screen::Wizard if !matches!(action, Action::Help | Action::Language) => {
                return self.wizard_act(action);
            }
            Screen::Assess => return self.assess_act(action),
            Screen::Stage => return self.stage_act(action),
            Screen::Detail(Target::Sme(_)) => {
                if let Some(effects) = self.follow_act(action) {
                    return effects;
                }
            }
            Screen::Sync => {
                if let Some(effects) = self.sync_act(action) {
                    return effects;
                }
            }
            _ => {}
        }
        match action {
            Action::Assess | Action::Report | Action::ReportHtml => {
                let Some(sme_id) = self.current_sme() else {
                    return Vec::new();
                };
                return vec![match action {
                    Action::Assess => Effect::OpenAssessment { sme_id },
                    Action::Report => Effect::Brief {
                        sme_id,
                        format: crate::report::Format::Markdown,
                        lang: self.lang,
                    },
                    _ => Effect::Brief {
                        sme_id,
                        format: crate::report::Format::Html,
                        lang: self.lang,
                    },
                }];
            }
            Action::Match => {
                if let Some(i) = self
                    .current_sme()
                    .and_then(|id| self.data.sme_by_id.get(&id).copied())
                {
                    let from_detail = matches!(screen, Screen::Detail(_));
                    self.open_wizard(i, from_detail);
                }
                return Vec::new();
            }
            _ => {}
        }
        match action {
            Action::Quit => {
                if matches!(screen, Screen::Dashboard | Screen::List(_)) {
                    return vec![Effect::Quit];
                }
                self.back();
            }
            Action::Help => {
                self.help = if self.help.is_some() { None } else { Some(0) };
            }
            Action::Language => {
                self.lang = self.lang.other();
                // Names sort in the language they are shown in.
                self.refresh_all();
            }
            Action::NextTab => self.go_tab(Tab::ALL[(self.tab.index() + 1) % 4]),
            Action::PrevTab => self.go_tab(Tab::ALL[(self.tab.index() + 3) % 4]),
            Action::Tab1 => self.go_tab(Tab::Dashboard),
            Action::Tab2 => self.go_tab(Tab::Smes),
            Action::Tab3 => self.go_tab(Tab::Markets),
            Action::Tab4 => self.go_tab(Tab::Services),
            Action::SyncView => {
                self.open_sync();
                return vec![Effect::LoadSync];
            }
            Action::Up => self.move_by(Move::By(-1)),
            Action::Down => self.move_by(Move::By(1)),
            Action::PageUp => self.move_by(Move::By(-(self.page() as isize))),
            Action::PageDown => self.move_by(Move::By(self.page() as isize)),
            Action::Home => self.move_by(Move::Home),
            Action::End => self.move_by(Move::End),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Search => {
                if let Screen::List(tab) = screen {
                    self.typing = self.list(tab).map(|v| v.query.clone());
                }
            }
            Action::Filter => {
                if let Screen::List(tab) = screen {
                    self.open_fields(tab);
                }
            }
            Action::ClearFilters => {
                if let Screen::List(tab) = screen {
                    if let Some(view) = self.list_mut(tab) {
                        view.filters.clear();
                    }
                    self.refresh(tab);
                }
            }
            Action::NewSme | Action::EditSme | Action::DeleteSme | Action::DeletedSmes => {
                return self.sme_action(action);
            }
            // Only on the edit screens (routed above).
            Action::RestoreSme | Action::Save => {}
            Action::Sort | Action::SortReverse => {
                if let Screen::List(tab) = screen {
                    let columns = tab.columns().len().max(1);
                    if let Some(view) = self.list_mut(tab) {
                        if action == Action::Sort {
                            view.sort = (view.sort + 1) % columns;
                            view.descending = false;
                        } else {
                            view.descending = !view.descending;
                        }
                    }
                    self.refresh(tab);
                }
            }
            // Screen actions are handled above, on their screens; elsewhere they do nothing.
            _ => {}
        }
        Vec::new()
    }

    /// The SME of the SME detail on screen, or the one selected in the SME list.
    fn current_sme(&self) -> Option<i64> {
        match self.screen() {
            Screen::Detail(Target::Sme(_)) => self.detail_sme().map(|(_, id)| id),
            Screen::List(Tab::Smes) => {
                let i = self.smes.current()?;
                self.data.p.smes.get(i).map(|s| s.id)
            }
            _ => None,
        }
    }

    fn go_tab(&mut self, tab: Tab) {
        self.help = None;
        self.picker = None;
        self.typing = None;
        self.tab = tab;
    }

    /// The list of the current tab when it is on screen (no detail over it).
    fn top_list_mut(&mut self) -> Option<&mut ListView> {
        if self.detail().is_some() {
            return None;
        }
        let tab = self.tab;
        self.list_mut(tab)
    }

    fn select_row(&mut self, row: usize) -> bool {
        let page = self.page();
        match self.top_list_mut() {
            Some(view) if row < view.rows.len() => {
                view.select(row);
                view.keep_visible(page);
                true
            }
            _ => false,
        }
    }

    /// Largest scroll for the screen the last frame drew; unknown before it was drawn.
    fn max_scroll(&self) -> usize {
        if self.hits.page > 0 && self.hits_screen_matches() {
            self.hits.max_scroll
        } else {
            usize::MAX / 2
        }
    }

    fn hits_screen_matches(&self) -> bool {
        self.hits.screen == Some(self.screen())
    }

    fn move_by(&mut self, mv: Move) {
        let page = self.page();
        let max = self.max_scroll();
        match self.screen() {
            Screen::Help => self.help = self.help.map(|s| step(s, &mv, max)),
            Screen::Picker => {
                if let Some(p) = self.picker.as_mut() {
                    p.selected = step(p.selected, &mv, p.items.len().saturating_sub(1));
                }
            }
            Screen::Detail(_) => {
                if let Some(d) = self.stacks[self.tab.index()].last_mut() {
                    d.scroll = step(d.scroll, &mv, max);
                }
            }
            Screen::Dashboard => self.dash_scroll = step(self.dash_scroll, &mv, max),
            // The sync view moves its own cursor (`sync_act`).
            Screen::Sync => {}
            Screen::Assess | Screen::Stage | Screen::Edit(_) => {}
            // The wizard moves its own cursors (`wizard_act`).
            Screen::Wizard => {}
            Screen::List(_) | Screen::Search => {
                let tab = self.tab;
                if let Some(view) = self.list_mut(tab) {
                    let last = view.rows.len().saturating_sub(1);
                    view.selected = step(view.selected, &mv, last);
                    view.keep_visible(page);
                }
            }
        }
    }

    fn open(&mut self) {
        match self.screen() {
            Screen::Picker => self.choose(),
            Screen::List(tab) => {
                let Some(i) = self.list(tab).and_then(ListView::current) else {
                    return;
                };
                let target = match tab {
                    Tab::Smes => Target::Sme(i),
                    Tab::Markets => Target::Market(i),
                    Tab::Services => Target::Provider(i),
                    Tab::Dashboard => return,
                };
                self.stacks[tab.index()].push(DetailView { target, scroll: 0 });
            }
            _ => {}
        }
    }

    fn back(&mut self) {
        match self.screen() {
            Screen::Help => self.help = None,
            Screen::Picker => {
                let to_fields = self.picker.as_ref().is_some_and(|p| p.field.is_some());
                if to_fields {
                    self.open_fields(self.tab);
                } else {
                    self.picker = None;
                }
            }
            Screen::Search => {
                self.apply(Intent::CancelInput);
            }
            Screen::Detail(_) => {
                self.stacks[self.tab.index()].pop();
                self.follow = None;
            }
            Screen::List(tab) => {
                if let Some(view) = self.list_mut(tab)
                    && !view.query.is_empty()
                {
                    view.query.clear();
                    self.refresh(tab);
                }
            }
            Screen::Sync => self.sync.view = None,
            Screen::Dashboard
            | Screen::Assess
            | Screen::Stage
            | Screen::Edit(_)
            | Screen::Wizard => {}
        }
    }

    fn open_fields(&mut self, tab: Tab) {
        self.picker = Some(Picker {
            field: None,
            items: tab.fields().iter().map(|&f| PickItem::Field(f)).collect(),
            selected: 0,
            offset: 0,
        });
    }

    /// Take the picker's selected item: a field opens its values; a value sets the filter.
    fn choose(&mut self) {
        let tab = self.tab;
        let Some(picker) = self.picker.take() else {
            return;
        };
        let Some(item) = picker.items.get(picker.selected).cloned() else {
            return;
        };
        match (item, picker.field) {
            (PickItem::Field(field), _) => {
                let current = self.list(tab).and_then(|v| v.filters.get(&field)).cloned();
                let mut items = vec![PickItem::All(lists::total(&self.data, tab))];
                items.extend(
                    lists::options(&self.data, tab, field)
                        .into_iter()
                        .map(|(v, n)| PickItem::Value(v, n)),
                );
                let selected = items
                    .iter()
                    .position(|i| matches!(i, PickItem::Value(v, _) if Some(v) == current.as_ref()))
                    .unwrap_or(0);
                self.picker = Some(Picker {
                    field: Some(field),
                    items,
                    selected,
                    offset: 0,
                });
            }
            (PickItem::All(_), Some(field)) => {
                if let Some(view) = self.list_mut(tab) {
                    view.filters.remove(&field);
                }
                self.refresh(tab);
            }
            (PickItem::Value(value, _), Some(field)) => {
                if let Some(view) = self.list_mut(tab) {
                    view.filters.insert(field, value);
                }
                self.refresh(tab);
            }
            _ => {}
        }
    }

    /// Edit the text line that is open.
    fn edit_input(&mut self, edit: impl FnOnce(&mut String)) {
        match self.input() {
            Some(Input::Search) => self.edit_query(edit),
            Some(Input::Note) => {
                if let Some(form) = self.assess.as_mut() {
                    form.edit_note(edit);
                }
            }
            Some(Input::Reason) => self.edit_reason(edit),
            None => {}
        }
    }

    /// Edit the search query (kept in NFC) and filter the list as the user types.
    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        if self.typing.is_none() {
            return;
        }
        let tab = self.tab;
        if let Some(view) = self.list_mut(tab) {
            edit(&mut view.query);
            view.query = crate::text::nfc(&view.query);
        }
        self.refresh(tab);
        if let Some(view) = self.list_mut(tab) {
            view.selected = 0;
            view.offset = 0;
        }
    }
}
