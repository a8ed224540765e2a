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
        Msg::Paste(text) if app.typing.is_some() => vec![Intent::Paste(text)],
        Msg::Paste(_) => Vec::new(),
        Msg::Mouse(m) => app.mouse_intents(m),
        // The next frame lays everything out again at the new size.
        Msg::Resize(..) => Vec::new(),
    };
    intents.into_iter().flat_map(|i| app.apply(i)).collect()
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
    /// What a key asks for. While the search line is open, characters are text: `q` types a q.
    pub fn key_intents(&self, ev: &KeyEvent) -> Vec<Intent> {
        if ev.kind == KeyEventKind::Release {
            return Vec::new();
        }
        let key = Key::from_event(ev);
        if key.is_ctrl_c() {
            return vec![Intent::ForceQuit];
        }
        if self.typing.is_some() {
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
            .action(&key)
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
        let pos = Position::new(m.col, m.row);
        if self.help.is_some() {
            return vec![Intent::Act(Action::Back)];
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
        if self.picker.is_some() {
            return match self.hits.picker_rows {
                Some((area, offset)) if area.contains(pos) => {
                    vec![Intent::Pick(offset + (pos.y - area.y) as usize)]
                }
                _ => vec![Intent::ClosePicker],
            };
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
            Intent::Type(c) => self.edit_query(|q| q.push(c)),
            Intent::Paste(text) => self.edit_query(|q| {
                q.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }))
            }),
            Intent::Erase => self.edit_query(|q| {
                q.pop();
            }),
            Intent::ClearInput => self.edit_query(String::clear),
            Intent::ConfirmInput => self.typing = None,
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

    fn act(&mut self, action: Action) -> Vec<Effect> {
        let screen = self.screen();
        if screen == Screen::Wizard && !matches!(action, Action::Help | Action::Language) {
            return self.wizard_act(action);
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
            Action::Match => match screen {
                Screen::List(Tab::Smes) => {
                    if let Some(i) = self.smes.current() {
                        self.open_wizard(i, false);
                    }
                }
                Screen::Detail(Target::Sme(i)) => self.open_wizard(i, true),
                _ => {}
            },
            // Keys that only mean something inside the wizard.
            Action::Mark
            | Action::Compare
            | Action::Preset
            | Action::Weights
            | Action::Less
            | Action::More => {}
        }
        Vec::new()
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
            }
            Screen::List(tab) => {
                if let Some(view) = self.list_mut(tab)
                    && !view.query.is_empty()
                {
                    view.query.clear();
                    self.refresh(tab);
                }
            }
            Screen::Dashboard | Screen::Wizard => {}
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
