//! Application state and `update(msg) → effects` (The Elm Architecture). Keys and mouse events
//! become [`Intent`]s first; intents change the state. Nothing here touches SQL or the terminal:
//! the portfolio is loaded once before the loop and browsed from memory.

pub mod assess;
pub mod data;
pub mod edit;
pub mod follow;
pub mod keymap;
pub mod lists;
pub mod sync;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_follow;
mod update;
pub mod wizard;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::config::{Config, ReadinessConfig};
use crate::domain::portfolio::Portfolio;
pub use assess::{AssessForm, Prefill};
pub use data::Data;
pub use follow::{Focus, Section};
pub use keymap::{Action, Key, Keymap, Scope};
pub use lists::{Column, Field, ListView, Tab};
pub use update::update;
pub use wizard::{Step, Wizard};

pub use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
    HighContrast,
    /// `NO_COLOR` is set: modifiers only.
    Mono,
}

impl ThemeKind {
    pub fn from_config(name: &str, no_color: bool) -> ThemeKind {
        if no_color {
            return ThemeKind::Mono;
        }
        match name {
            "light" => ThemeKind::Light,
            "high-contrast" => ThemeKind::HighContrast,
            _ => ThemeKind::Dark,
        }
    }
}

/// Something from the outside world.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(Mouse),
    Resize(u16, u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub col: u16,
    pub row: u16,
    /// Milliseconds since the loop started (double clicks).
    pub at_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Write a change to user data (one transaction, off the key path), then reload.
    Write(Write),
    /// Read the changes of SME `id` from the audit trail (the SME detail's "Changes").
    LoadSmeChanges(i64),
    /// Read the deleted SMEs (the view that restores them).
    LoadDeletedSmes,
    /// Read the sync state (sites, pending conflicts, which site last changed each SME).
    LoadSync,
    /// Read the SME's latest answers and open the assessment form with them
    /// ([`App::open_assessment`]).
    OpenAssessment {
        sme_id: i64,
    },
    /// Write the SME's client brief to a file under the data directory (nothing in the
    /// database changes); the status bar shows where.
    Brief {
        sme_id: i64,
        format: crate::report::Format,
        lang: Lang,
    },
}

/// A change to user data. The runtime (`crate::runtime`) carries it out against the store,
/// reloads the portfolio and reports back through [`App::written`].
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Move an SME's market (one product, or all its products there) to another stage.
    SetStage {
        sme_id: i64,
        iso3: String,
        hs: Option<String>,
        stage: crate::domain::Stage,
        reason: String,
    },
    /// Change a plan item's status and due date, if nobody else changed it meanwhile.
    UpdatePlanItem {
        id: i64,
        status: crate::domain::PlanStatus,
        due: Option<String>,
        version: i64,
    },
    /// Create an SME typed in the form.
    CreateSme(Box<crate::domain::Sme>),
    /// Save an SME edited in the form, if it is still at `version` (the one opened).
    UpdateSme(Box<crate::domain::Sme>),
    /// Soft-delete an SME opened at `version`.
    DeleteSme { id: i64, version: i64 },
    /// Bring back a deleted SME at `version`.
    RestoreSme { id: i64, version: i64 },
    /// Save the markets chosen in the matching wizard (stage `shortlisted`, with their score
    /// snapshots) and the plan items for the services picked, in one transaction.
    SaveShortlist {
        sme_id: i64,
        entries: Vec<crate::store::NewShortlistEntry>,
        plan: Vec<crate::store::NewPlanItem>,
    },
    /// Score the answers (questionnaire and `[readiness]` weights) and store a new assessment
    /// by the advisor; earlier ones are kept.
    SaveAssessment {
        sme_id: i64,
        answers: std::collections::BTreeMap<String, u8>,
        notes: std::collections::BTreeMap<String, String>,
    },
    /// Resolve a sync conflict (its local id) by keeping this site's value or the other's,
    /// as `goglobal sync resolve` does: a captured change that syncs.
    ResolveConflict { id: i64, keep_mine: bool },
}

/// A line in the status bar after an action: what was saved, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What the user wants, whatever key or click asked for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Act(Action),
    /// Ctrl-C: quit from anywhere.
    ForceQuit,
    GoTab(Tab),
    SelectRow(usize),
    OpenRow(usize),
    SortBy(usize),
    Pick(usize),
    ClosePicker,
    Type(char),
    Paste(String),
    Erase,
    ClearInput,
    ConfirmInput,
    CancelInput,
    /// Typing and cursor keys on the SME form and its pickers.
    Edit(edit::Input),
    /// A click on something a screen drew (see [`Zone`]).
    Click(Zone),
    /// The answer to a yes/no question.
    Confirm(bool),
}

/// Something clickable a screen drew, besides tabs, table rows and the filter picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// An answer 0–4 of the selected item in the assessment form.
    Answer(u8),
    /// An item of the domain on screen in the assessment form.
    Item(usize),
    /// A domain of the assessment form.
    Domain(usize),
    /// A row of a section of the SME detail.
    Row(Section, usize),
    /// A stage in the stage picker (`Stage::ALL` index).
    Stage(usize),
    /// Yes or no of a question.
    Confirm(bool),
}

/// What a detail view shows (indexes into the portfolio's vectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Sme(usize),
    Market(usize),
    Provider(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailView {
    pub target: Target,
    pub scroll: usize,
}

/// A choice list over the screen: first the fields of the tab, then that field's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub field: Option<Field>,
    pub items: Vec<PickItem>,
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickItem {
    Field(Field),
    /// No filter on this field; with the number of items in all.
    All(usize),
    Value(String, usize),
}

/// Which screen has the keys; the status bar and the help follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    List(Tab),
    Search,
    Picker,
    Detail(Target),
    Help,
    /// The SME form, its pickers and dialogs, the delete confirmation, the deleted SMEs.
    Edit(edit::EditScreen),
    /// The matching wizard (its step is in [`App::wizard`]).
    Wizard,
    /// The assessment form.
    Assess,
    /// The stage picker over the SME detail.
    Stage,
    /// The sync view over the Dashboard tab (sites and pending conflicts).
    Sync,
}

/// Where the last frame put things, for mouse clicks and page sizes (written by `ui`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    /// The screen these were recorded on.
    pub screen: Option<Screen>,
    pub tabs: Vec<(Rect, Tab)>,
    /// Header cells with their column index.
    pub headers: Vec<(Rect, usize)>,
    /// Table body area and the offset it was drawn with.
    pub rows: Option<(Rect, usize)>,
    pub picker_rows: Option<(Rect, usize)>,
    /// Rows visible in the table, detail or help (PgUp/PgDn).
    pub page: usize,
    /// Largest useful scroll of the detail, help or dashboard alerts.
    pub max_scroll: usize,
    /// The SME form and its popups.
    pub edit: edit::EditHits,
    /// Clickable things of the screen.
    pub zones: Vec<(Rect, Zone)>,
    /// The detail's scroll as drawn, when the frame moved it to show the focused row.
    pub detail_scroll: Option<usize>,
}

pub struct App {
    pub data: Data,
    pub today: String,
    pub lang: Lang,
    pub theme: ThemeKind,
    pub keymap: Keymap,
    pub programme_targets: (u32, u32),
    pub tab: Tab,
    pub smes: ListView,
    pub markets: ListView,
    pub services: ListView,
    pub dash_scroll: usize,
    /// Detail views opened from each tab, innermost last.
    pub stacks: [Vec<DetailView>; 4],
    /// Help overlay open, with its scroll.
    pub help: Option<usize>,
    pub picker: Option<Picker>,
    /// Search line open; holds the query from before, restored by Esc.
    pub typing: Option<String>,
    pub hits: Hits,
    /// Outcome of the last write, shown in the status bar until the next key.
    pub status: Option<Status>,
    /// Creating, editing, deleting and restoring SMEs.
    pub edit: edit::EditState,
    /// The matching wizard, open over the current tab.
    pub wizard: Option<Wizard>,
    /// The configuration (matching weights and presets for the wizard).
    pub config: Config,
    /// Who owns the plan items the dashboard writes: the advisor from config, else the OS user.
    pub advisor: String,
    /// The assessment form, when open.
    pub assess: Option<AssessForm>,
    /// Follow-up focus and stage picker of an SME detail.
    pub follow: Option<follow::Follow>,
    /// Sync state (read by the runtime) and the sync view.
    pub sync: sync::SyncState,
    /// `[readiness]` weights and bands, for the form's live score.
    pub readiness: ReadinessConfig,
    /// Programme priority segments (config), kept to rebuild the data after a write.
    segments: Vec<String>,
    last_click: Option<(Tab, usize, u64)>,
}

/// Two clicks on the same row within this many milliseconds open it.
pub const DOUBLE_CLICK_MS: u64 = 400;

impl App {
    pub fn new(
        portfolio: Portfolio,
        config: &Config,
        keymap: Keymap,
        today: &str,
        theme: ThemeKind,
    ) -> App {
        let data = Data::new(portfolio, &config.programme.priority_segments, today);
        let mut app = App {
            data,
            today: today.to_string(),
            lang: Lang::parse(&config.ui.language),
            theme,
            keymap,
            programme_targets: (
                config.programme.target_smes,
                config.programme.target_new_markets,
            ),
            tab: Tab::Dashboard,
            smes: ListView::default(),
            markets: ListView::default(),
            services: ListView::default(),
            dash_scroll: 0,
            stacks: Default::default(),
            help: None,
            picker: None,
            typing: None,
            hits: Hits::default(),
            status: None,
            edit: edit::EditState::default(),
            wizard: None,
            config: config.clone(),
            advisor: config.advisor_name(),
            assess: None,
            follow: None,
            sync: sync::SyncState::default(),
            readiness: config.readiness.clone(),
            segments: config.programme.priority_segments.clone(),
            last_click: None,
        };
        // Markets read best by name; the ISO3 code is the first column.
        app.markets.sort = 1;
        app.refresh_all();
        app
    }

    /// Replace the portfolio after a write, keeping the views (selections are clamped and
    /// detail views whose record went away are closed). SMEs come and go (created, deleted):
    /// their detail views and the cursor follow the SME's id, not its position.
    pub fn reload(&mut self, portfolio: Portfolio) {
        let sme_id = |data: &Data, d: &DetailView| match d.target {
            Target::Sme(i) => data.p.smes.get(i).map(|s| s.id),
            _ => None,
        };
        let ids: Vec<Vec<Option<i64>>> = self
            .stacks
            .iter()
            .map(|s| s.iter().map(|d| sme_id(&self.data, d)).collect())
            .collect();
        let wizard_sme = self
            .wizard
            .as_ref()
            .and_then(|w| self.data.p.smes.get(w.sme))
            .map(|s| s.id);
        let cursor = (
            self.smes.selected,
            self.smes
                .current()
                .and_then(|i| self.data.p.smes.get(i))
                .map(|s| s.id),
        );
        self.data = Data::new(portfolio, &self.segments, &self.today);
        self.refresh_all();
        let (markets, providers) = (
            self.data.p.reference.markets.len(),
            self.data.p.reference.providers.len(),
        );
        let by_id = &self.data.sme_by_id;
        for (stack, ids) in self.stacks.iter_mut().zip(ids) {
            let mut ids = ids.into_iter();
            stack.retain_mut(|d| {
                let id = ids.next().flatten();
                match d.target {
                    Target::Sme(_) => match id.and_then(|id| by_id.get(&id)) {
                        Some(&i) => {
                            d.target = Target::Sme(i);
                            true
                        }
                        None => false,
                    },
                    Target::Market(i) => i < markets,
                    Target::Provider(i) => i < providers,
                }
            });
        }
        let (row, id) = cursor;
        let at = id
            .and_then(|id| by_id.get(&id))
            .and_then(|i| self.smes.rows.iter().position(|r| r == i));
        self.smes.select(at.unwrap_or(row));
        self.edit_reloaded();
        // The wizard follows its SME by id; it closes if the SME went away.
        match wizard_sme.and_then(|id| self.data.sme_by_id.get(&id).copied()) {
            Some(i) => {
                if let Some(w) = self.wizard.as_mut() {
                    w.sme = i;
                }
            }
            None => self.wizard = None,
        }
        if let Some(form) = &self.assess
            && self.data.sme(form.sme_id).is_none()
        {
            self.assess = None;
        }
        self.refocus();
    }

    /// Report the outcome of a write in the status bar. A saved assessment closes its form;
    /// a refused one leaves it open with the answers.
    pub fn written(&mut self, result: Result<String, String>) {
        self.edit_written(&result);
        if let Some(w) = self.wizard.as_mut().filter(|w| w.saving) {
            // Saved: back to the SME, whose detail now shows the shortlist and plan. Refused:
            // the wizard stays as it was, so nothing chosen is lost.
            w.saving = false;
            if result.is_ok() {
                self.close_wizard(true);
            }
        }
        if let Some(form) = self.assess.as_mut()
            && form.saving
        {
            if result.is_ok() {
                self.assess = None;
            } else {
                form.saving = false;
            }
        }
        self.status = Some(match result {
            Ok(text) => Status { text, error: false },
            Err(text) => Status { text, error: true },
        });
    }

    pub fn list(&self, tab: Tab) -> Option<&ListView> {
        match tab {
            Tab::Smes => Some(&self.smes),
            Tab::Markets => Some(&self.markets),
            Tab::Services => Some(&self.services),
            Tab::Dashboard => None,
        }
    }

    pub fn list_mut(&mut self, tab: Tab) -> Option<&mut ListView> {
        match tab {
            Tab::Smes => Some(&mut self.smes),
            Tab::Markets => Some(&mut self.markets),
            Tab::Services => Some(&mut self.services),
            Tab::Dashboard => None,
        }
    }

    pub(crate) fn refresh(&mut self, tab: Tab) {
        let view = match tab {
            Tab::Smes => &mut self.smes,
            Tab::Markets => &mut self.markets,
            Tab::Services => &mut self.services,
            Tab::Dashboard => return,
        };
        lists::refresh(&self.data, tab, view, self.lang);
    }

    pub(crate) fn refresh_all(&mut self) {
        for tab in [Tab::Smes, Tab::Markets, Tab::Services] {
            self.refresh(tab);
        }
    }

    /// The detail view on top of the current tab, if any.
    pub fn detail(&self) -> Option<&DetailView> {
        self.stacks[self.tab.index()].last()
    }

    pub fn screen(&self) -> Screen {
        if self.help.is_some() {
            Screen::Help
        } else {
            self.screen_under_help()
        }
    }

    /// The screen the help overlay (if open) covers.
    fn screen_under_help(&self) -> Screen {
        if let Some(e) = self.edit.screen() {
            Screen::Edit(e)
        } else if self.picker.is_some() {
            Screen::Picker
        } else if self.typing.is_some() {
            Screen::Search
        } else if self.wizard.is_some() {
            Screen::Wizard
        } else if self.assess.is_some() {
            Screen::Assess
        } else if self.stage_picker().is_some() {
            Screen::Stage
        } else if let Some(d) = self.detail() {
            Screen::Detail(d.target)
        } else if self.tab == Tab::Dashboard && self.sync.view.is_some() {
            Screen::Sync
        } else if self.tab.is_list() {
            Screen::List(self.tab)
        } else {
            Screen::Dashboard
        }
    }

    /// The key scopes of the screen, innermost first (the global bindings come after them).
    pub fn scopes(&self) -> &'static [Scope] {
        if self.help.is_some() {
            return &[];
        }
        self.scopes_under_help()
    }

    /// The key scopes of the screen under the help overlay: the help lists their keys first.
    pub fn scopes_under_help(&self) -> &'static [Scope] {
        match self.screen_under_help() {
            Screen::Assess => &[Scope::Assess],
            Screen::Wizard => &[Scope::Wizard],
            Screen::Sync => &[Scope::Sync],
            Screen::List(Tab::Smes) => &[Scope::Sme],
            Screen::Detail(Target::Sme(_)) => match self.focus() {
                Focus::Row(Section::Pipeline, _) => {
                    &[Scope::Pipeline, Scope::SmeDetail, Scope::Sme]
                }
                Focus::Row(Section::Plan, _) => &[Scope::Plan, Scope::SmeDetail, Scope::Sme],
                Focus::Page => &[Scope::SmeDetail, Scope::Sme],
            },
            _ => &[],
        }
    }

    /// Store where the last frame put things; keep scroll offsets the frame had to adjust.
    pub fn set_hits(&mut self, hits: Hits) {
        if let (Some(scroll), Screen::Detail(_)) = (hits.detail_scroll, self.screen())
            && let Some(d) = self.stacks[self.tab.index()].last_mut()
        {
            d.scroll = scroll;
        }
        if let Some((_, offset)) = hits.rows {
            let tab = self.tab;
            if let Some(w) = self.wizard.as_mut() {
                w.offset_drawn(offset);
            } else if self.screen() == Screen::Sync {
                self.sync_offset_drawn(offset);
            } else if self.detail().is_none()
                && let Some(view) = self.list_mut(tab)
            {
                view.offset = offset;
            }
        }
        if let (Some(p), Some((_, offset))) = (self.picker.as_mut(), hits.picker_rows) {
            p.offset = offset;
        }
        self.edit_set_hits(&hits.edit);
        self.hits = hits;
        self.clamp_scroll();
    }

    fn clamp_scroll(&mut self) {
        let max = self.hits.max_scroll;
        match self.screen() {
            Screen::Help => self.help = self.help.map(|s| s.min(max)),
            Screen::Detail(_) => {
                if let Some(d) = self.stacks[self.tab.index()].last_mut() {
                    d.scroll = d.scroll.min(max);
                }
            }
            Screen::Dashboard => self.dash_scroll = self.dash_scroll.min(max),
            Screen::Wizard => {
                if let Some(w) = self.wizard.as_mut() {
                    w.clamp_scroll(max);
                }
            }
            _ => {}
        }
    }

    pub fn page(&self) -> usize {
        if self.hits.page == 0 {
            10
        } else {
            self.hits.page
        }
    }
}
