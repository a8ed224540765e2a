//! The sync view over the Dashboard tab: this site, the sites it exchanges packages with, and
//! the conflicts waiting for a decision. A conflict is resolved by keeping this site's value
//! ("mine") or the other site's ("theirs") after a yes/no question; the resolution is a write
//! that the store captures like any change, so it syncs (`store::sync::conflicts::resolve`, the
//! same function as `goglobal sync resolve`).

use super::{Action, App, Effect, Screen, Tab, Write};
use crate::domain::sync::{ConflictInfo, SyncOverview};

/// Which value a resolution keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
}

/// The sync state as last read from the store, and the view over it when open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncState {
    pub overview: SyncOverview,
    /// Read at least once (the runtime reads it at start and after every write).
    pub loaded: bool,
    /// Why the last read failed, if it did (shown where the data would be).
    pub error: Option<String>,
    pub view: Option<SyncView>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncView {
    /// The selected conflict (index into the pending conflicts).
    pub selected: usize,
    /// The first conflict row drawn.
    pub offset: usize,
    /// The question "keep this value?" about the selected conflict, while it is asked.
    pub confirm: Option<Pending>,
}

/// A resolution waiting for its yes: the conflict's local id, so that a reload under the
/// question can never turn it into another conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub keep: Keep,
}

impl App {
    /// The sync state read by the runtime (at start, after each write, when the view opens).
    pub fn sync_loaded(&mut self, result: Result<SyncOverview, String>) {
        self.sync.loaded = true;
        match result {
            Ok(overview) => {
                self.sync.overview = overview;
                self.sync.error = None;
            }
            Err(e) => self.sync.error = Some(e),
        }
        let count = self.sync.overview.conflicts.len();
        let ids: Vec<i64> = self.sync.overview.conflicts.iter().map(|c| c.id).collect();
        if let Some(view) = self.sync.view.as_mut() {
            view.selected = view.selected.min(count.saturating_sub(1));
            // A conflict resolved meanwhile (by a package) takes its question with it.
            if view.confirm.is_some_and(|p| !ids.contains(&p.id)) {
                view.confirm = None;
            }
        }
    }

    /// Open the sync view over the Dashboard tab.
    pub(crate) fn open_sync(&mut self) {
        self.help = None;
        self.picker = None;
        self.typing = None;
        self.tab = Tab::Dashboard;
        if self.sync.view.is_none() {
            self.sync.view = Some(SyncView::default());
        }
    }

    /// The conflict under the cursor of the sync view.
    pub fn selected_conflict(&self) -> Option<&ConflictInfo> {
        let view = self.sync.view.as_ref()?;
        self.sync.overview.conflicts.get(view.selected)
    }

    /// The resolution being asked about, with its conflict.
    pub fn sync_question(&self) -> Option<(Pending, &ConflictInfo)> {
        let pending = self.sync.view.as_ref()?.confirm?;
        let conflict = self
            .sync
            .overview
            .conflicts
            .iter()
            .find(|c| c.id == pending.id)?;
        Some((pending, conflict))
    }

    pub fn sync_asking(&self) -> bool {
        self.sync.view.as_ref().is_some_and(|v| v.confirm.is_some())
    }

    /// Keys of the sync view; `None` lets the global bindings have the action.
    pub(crate) fn sync_act(&mut self, action: Action) -> Option<Vec<Effect>> {
        if self.screen() != Screen::Sync {
            return None;
        }
        let count = self.sync.overview.conflicts.len();
        let page = self.page();
        let view = self.sync.view.as_mut()?;
        let last = count.saturating_sub(1);
        match action {
            Action::Up => view.selected = view.selected.saturating_sub(1),
            Action::Down => view.selected = (view.selected + 1).min(last),
            Action::PageUp => view.selected = view.selected.saturating_sub(page),
            Action::PageDown => view.selected = (view.selected + page).min(last),
            Action::Home => view.selected = 0,
            Action::End => view.selected = last,
            Action::KeepMine | Action::KeepTheirs => {
                let keep = if action == Action::KeepMine {
                    Keep::Mine
                } else {
                    Keep::Theirs
                };
                let id = self.sync.overview.conflicts.get(view.selected)?.id;
                view.confirm = Some(Pending { id, keep });
            }
            Action::Back => self.sync.view = None,
            // A second press of the sync key closes the view again.
            Action::SyncView => self.sync.view = None,
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Select a conflict row (a click).
    pub(crate) fn sync_select(&mut self, row: usize) {
        let count = self.sync.overview.conflicts.len();
        if let Some(view) = self.sync.view.as_mut()
            && row < count
            && view.confirm.is_none()
        {
            view.selected = row;
        }
    }

    /// The answer to "keep this value?": yes writes the resolution.
    pub(crate) fn sync_confirm(&mut self, yes: bool) -> Vec<Effect> {
        let Some(pending) = self.sync.view.as_mut().and_then(|v| v.confirm.take()) else {
            return Vec::new();
        };
        if !yes {
            return Vec::new();
        }
        vec![Effect::Write(Write::ResolveConflict {
            id: pending.id,
            keep_mine: pending.keep == Keep::Mine,
        })]
    }

    /// Keep the drawn offset of the conflict rows.
    pub(crate) fn sync_offset_drawn(&mut self, offset: usize) {
        if let Some(view) = self.sync.view.as_mut() {
            view.offset = offset;
        }
    }
}
