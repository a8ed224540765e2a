//! Keys → actions. Defaults plus `[ui.keys]` overrides from config.toml (`action = "key"` or
//! `action = "key, key"`). The help overlay and the status bar are generated from this map, so
//! they always show the keys that really work.

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for. The names are the `[ui.keys]` action names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Language,
    NextTab,
    PrevTab,
    Tab1,
    Tab2,
    Tab3,
    Tab4,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    Search,
    Filter,
    ClearFilters,
    Sort,
    SortReverse,
    // SMEs (list and detail): create, edit, delete; the deleted SMEs.
    NewSme,
    EditSme,
    DeleteSme,
    DeletedSmes,
    // The deleted SMEs view; the SME form.
    RestoreSme,
    Save,
    // SMEs (list and detail).
    Assess,
    Report,
    ReportHtml,
    // SME detail: move between the page, its target markets and its plan.
    FocusNext,
    FocusPrev,
    // A target-market row.
    SetStage,
    // A plan row.
    PlanStatus,
    PlanCancel,
    DueLater,
    DueEarlier,
    // The assessment form.
    Answer0,
    Answer1,
    Answer2,
    Answer3,
    Answer4,
    PrevDomain,
    NextDomain,
    EditNote,
    SaveAssessment,
    // SMEs (list and detail): the matching wizard.
    Match,
    // The matching wizard.
    Mark,
    Compare,
    Preset,
    Weights,
    Less,
    More,
    // Sync: the view (anywhere), and resolving the selected conflict there.
    SyncView,
    KeepMine,
    KeepTheirs,
}

/// Where an action's keys work. A screen's own actions come before the global ones there, so
/// a screen may reuse a global key (`1` answers in the assessment form, `s` sets a plan item's
/// status) without taking it away elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    /// The SME list and the SME detail.
    Sme,
    /// The SME detail.
    SmeDetail,
    /// A target-market (pipeline) row of the SME detail.
    Pipeline,
    /// A plan row of the SME detail.
    Plan,
    /// The assessment form.
    Assess,
    /// The matching wizard.
    Wizard,
    /// The sync view (sites and conflicts).
    Sync,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::Global,
        Scope::Sme,
        Scope::SmeDetail,
        Scope::Pipeline,
        Scope::Plan,
        Scope::Assess,
        Scope::Wizard,
        Scope::Sync,
    ];
}

impl Action {
    pub const ALL: [Action; 57] = [
        Action::Quit,
        Action::Help,
        Action::Language,
        Action::NextTab,
        Action::PrevTab,
        Action::Tab1,
        Action::Tab2,
        Action::Tab3,
        Action::Tab4,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Open,
        Action::Back,
        Action::Search,
        Action::Filter,
        Action::ClearFilters,
        Action::Sort,
        Action::SortReverse,
        Action::NewSme,
        Action::EditSme,
        Action::DeleteSme,
        Action::DeletedSmes,
        Action::RestoreSme,
        Action::Save,
        Action::Assess,
        Action::Report,
        Action::ReportHtml,
        Action::FocusNext,
        Action::FocusPrev,
        Action::SetStage,
        Action::PlanStatus,
        Action::PlanCancel,
        Action::DueLater,
        Action::DueEarlier,
        Action::Answer0,
        Action::Answer1,
        Action::Answer2,
        Action::Answer3,
        Action::Answer4,
        Action::PrevDomain,
        Action::NextDomain,
        Action::EditNote,
        Action::SaveAssessment,
        Action::Match,
        Action::Mark,
        Action::Compare,
        Action::Preset,
        Action::Weights,
        Action::Less,
        Action::More,
        Action::SyncView,
        Action::KeepMine,
        Action::KeepTheirs,
    ];

    /// Where the action's keys work.
    pub fn scope(self) -> Scope {
        match self {
            Action::Assess
            | Action::Report
            | Action::ReportHtml
            | Action::Match
            | Action::NewSme
            | Action::EditSme
            | Action::DeleteSme
            | Action::DeletedSmes => Scope::Sme,
            Action::FocusNext | Action::FocusPrev => Scope::SmeDetail,
            Action::SetStage => Scope::Pipeline,
            Action::PlanStatus | Action::PlanCancel | Action::DueLater | Action::DueEarlier => {
                Scope::Plan
            }
            Action::Answer0
            | Action::Answer1
            | Action::Answer2
            | Action::Answer3
            | Action::Answer4
            | Action::PrevDomain
            | Action::NextDomain
            | Action::EditNote
            | Action::SaveAssessment => Scope::Assess,
            Action::Mark
            | Action::Compare
            | Action::Preset
            | Action::Weights
            | Action::Less
            | Action::More => Scope::Wizard,
            Action::KeepMine | Action::KeepTheirs => Scope::Sync,
            _ => Scope::Global,
        }
    }

    /// The answer (0–4) an answer action gives.
    pub fn answer(self) -> Option<u8> {
        match self {
            Action::Answer0 => Some(0),
            Action::Answer1 => Some(1),
            Action::Answer2 => Some(2),
            Action::Answer3 => Some(3),
            Action::Answer4 => Some(4),
            _ => None,
        }
    }

    /// Name used in `[ui.keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Language => "language",
            Action::NextTab => "next_tab",
            Action::PrevTab => "prev_tab",
            Action::Tab1 => "tab_dashboard",
            Action::Tab2 => "tab_smes",
            Action::Tab3 => "tab_markets",
            Action::Tab4 => "tab_services",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::Back => "back",
            Action::Search => "search",
            Action::Filter => "filter",
            Action::ClearFilters => "clear_filters",
            Action::Sort => "sort",
            Action::SortReverse => "sort_reverse",
            Action::NewSme => "new_sme",
            Action::EditSme => "edit_sme",
            Action::DeleteSme => "delete_sme",
            Action::DeletedSmes => "deleted_smes",
            Action::RestoreSme => "restore_sme",
            Action::Save => "save",
            Action::Assess => "assess",
            Action::Report => "report",
            Action::ReportHtml => "report_html",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::SetStage => "set_stage",
            Action::PlanStatus => "plan_status",
            Action::PlanCancel => "plan_cancel",
            Action::DueLater => "due_later",
            Action::DueEarlier => "due_earlier",
            Action::Answer0 => "answer_0",
            Action::Answer1 => "answer_1",
            Action::Answer2 => "answer_2",
            Action::Answer3 => "answer_3",
            Action::Answer4 => "answer_4",
            Action::PrevDomain => "prev_domain",
            Action::NextDomain => "next_domain",
            Action::EditNote => "edit_note",
            Action::SaveAssessment => "save_assessment",
            Action::Match => "match",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::Preset => "preset",
            Action::Weights => "weights",
            Action::Less => "less",
            Action::More => "more",
            Action::SyncView => "sync",
            Action::KeepMine => "keep_mine",
            Action::KeepTheirs => "keep_theirs",
        }
    }

    fn defaults(self) -> &'static [&'static str] {
        match self {
            Action::Quit => &["q"],
            Action::Help => &["?", "F1"],
            Action::Language => &["L"],
            Action::NextTab => &["Tab"],
            Action::PrevTab => &["Shift-Tab"],
            Action::Tab1 => &["1"],
            Action::Tab2 => &["2"],
            Action::Tab3 => &["3"],
            Action::Tab4 => &["4"],
            Action::Up => &["Up", "k"],
            Action::Down => &["Down", "j"],
            Action::PageUp => &["PageUp"],
            Action::PageDown => &["PageDown"],
            Action::Home => &["Home", "g"],
            Action::End => &["End", "G"],
            Action::Open => &["Enter"],
            Action::Back => &["Esc"],
            Action::Search => &["/"],
            Action::Filter => &["f"],
            Action::ClearFilters => &["x"],
            Action::Sort => &["s"],
            Action::SortReverse => &["S"],
            Action::NewSme => &["n"],
            Action::EditSme => &["e"],
            Action::DeleteSme => &["d"],
            Action::DeletedSmes => &["D"],
            Action::RestoreSme => &["u"],
            Action::Save => &["Ctrl-s", "F2"],
            Action::Assess => &["a"],
            Action::Report => &["r"],
            Action::ReportHtml => &["R"],
            Action::FocusNext => &["Tab"],
            Action::FocusPrev => &["Shift-Tab"],
            Action::SetStage => &["g", "Enter"],
            Action::PlanStatus => &["s"],
            Action::PlanCancel => &["x"],
            Action::DueLater => &["+"],
            Action::DueEarlier => &["-"],
            Action::Answer0 => &["0"],
            Action::Answer1 => &["1"],
            Action::Answer2 => &["2"],
            Action::Answer3 => &["3"],
            Action::Answer4 => &["4"],
            Action::PrevDomain => &["Left", "PageUp"],
            Action::NextDomain => &["Right", "PageDown"],
            Action::EditNote => &["n", "Enter"],
            Action::SaveAssessment => &["s"],
            Action::Match => &["m"],
            Action::Mark => &["Space"],
            Action::Compare => &["c"],
            Action::Preset => &["p"],
            Action::Weights => &["w"],
            Action::Less => &["Left", "-"],
            Action::More => &["Right", "+"],
            Action::SyncView => &["y"],
            Action::KeepMine => &["m"],
            Action::KeepTheirs => &["t"],
        }
    }
}

/// A key with its modifiers, normalised so that `S` and Shift+s compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // The shift is already in the character (`S`, `?`) or in the code (BackTab).
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// Parse `q`, `Enter`, `Ctrl-x`, `ctrl+x`, `Shift-Tab`, `F2`, `PageDown`, `Space`, …
    pub fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let strip = ["ctrl-", "ctrl+", "alt-", "alt+", "shift-", "shift+"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(prefix) = strip else { break };
            mods |= match &prefix[..prefix.len() - 1] {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return None,
                },
                _ => return None,
            },
        };
        Some(Key::new(code, mods))
    }

    /// How the key is written in the help and the status bar.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        out.push_str(&name);
        out
    }

    /// Ctrl-C always quits and cannot be rebound.
    pub fn is_ctrl_c(&self) -> bool {
        self.code == KeyCode::Char('c') && self.mods == KeyModifiers::CONTROL
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Scope, Key), Action>,
    keys: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&BTreeMap::new()).expect("default key bindings are valid")
    }
}

impl Keymap {
    /// Defaults plus `overrides` (action name → keys). An overridden action loses its default
    /// keys; a key given to an action is taken away from any other action of the same scope.
    pub fn new(overrides: &BTreeMap<String, String>) -> Result<Keymap, String> {
        let mut keys: BTreeMap<Action, Vec<Key>> = Action::ALL
            .iter()
            .map(|&a| {
                let ks = a.defaults().iter().filter_map(|k| Key::parse(k)).collect();
                (a, ks)
            })
            .collect();
        for (name, value) in overrides {
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == name)
                .ok_or_else(|| {
                    format!(
                        "[ui.keys]: unknown action `{name}` (use one of: {})",
                        Action::ALL.map(|a| a.name()).join(", ")
                    )
                })?;
            let mut new_keys = Vec::new();
            for part in value.split(',').filter(|p| !p.trim().is_empty()) {
                let key = Key::parse(part).ok_or_else(|| {
                    format!(
                        "[ui.keys]: `{name} = \"{value}\"`: cannot read key `{}` (write a \
                         character, or Enter, Esc, Tab, Shift-Tab, Up, PageDown, Home, F1…F12, \
                         optionally with Ctrl- or Alt-)",
                        part.trim()
                    )
                })?;
                if key.is_ctrl_c() {
                    return Err(format!(
                        "[ui.keys]: `{name}`: Ctrl-C always quits and cannot be bound"
                    ));
                }
                new_keys.push(key);
            }
            if new_keys.is_empty() {
                return Err(format!("[ui.keys]: `{name}` has no key"));
            }
            for (a, list) in keys.iter_mut() {
                if a.scope() == action.scope() {
                    list.retain(|k| !new_keys.contains(k));
                }
            }
            keys.insert(action, new_keys);
        }
        let bindings = keys
            .iter()
            .flat_map(|(&a, ks)| ks.iter().map(move |&k| ((a.scope(), k), a)))
            .collect();
        Ok(Keymap { bindings, keys })
    }

    /// The global action of `key`.
    pub fn action(&self, key: &Key) -> Option<Action> {
        self.bindings.get(&(Scope::Global, *key)).copied()
    }

    /// The action of `key` on a screen whose scopes are `scopes` (innermost first); the global
    /// bindings come last.
    pub fn action_in(&self, scopes: &[Scope], key: &Key) -> Option<Action> {
        scopes
            .iter()
            .chain(std::iter::once(&Scope::Global))
            .find_map(|&scope| self.bindings.get(&(scope, *key)).copied())
    }

    /// Keys bound to `action`, in the order given.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.keys.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The keys of `action` as the help shows them: "↓, j".
    pub fn label(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The first key of `action` (status-bar hints), empty if unbound.
    pub fn first(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map(Key::label)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn defaults() {
        let k = Keymap::default();
        assert_eq!(k.action(&key('q')), Some(Action::Quit));
        assert_eq!(k.action(&key('j')), Some(Action::Down));
        assert_eq!(
            k.action(&Key::new(KeyCode::Char('L'), KeyModifiers::SHIFT)),
            Some(Action::Language)
        );
        assert_eq!(
            k.action(&Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevTab)
        );
        assert_eq!(k.label(Action::Down), "↓, j");
        // Every action has at least one key.
        for a in Action::ALL {
            assert!(!k.keys(a).is_empty(), "{}", a.name());
        }
    }

    #[test]
    fn overrides_replace_and_steal() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), "Ctrl-q, F10".to_string());
        o.insert("search".to_string(), "s".to_string());
        let k = Keymap::new(&o).unwrap();
        assert_eq!(k.action(&key('q')), None);
        assert_eq!(
            k.action(&Key::new(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(k.action(&Key::parse("F10").unwrap()), Some(Action::Quit));
        assert_eq!(k.label(Action::Quit), "Ctrl-q, F10");
        // `s` moved from sort to search.
        assert_eq!(k.action(&key('s')), Some(Action::Search));
        assert!(k.keys(Action::Sort).is_empty());
        assert_eq!(k.action(&key('/')), None);
    }

    #[test]
    fn screen_actions_reuse_global_keys_there_only() {
        let k = Keymap::default();
        let plan = [Scope::Plan, Scope::SmeDetail, Scope::Sme];
        assert_eq!(k.action(&key('1')), Some(Action::Tab1));
        assert_eq!(
            k.action_in(&[Scope::Assess], &key('1')),
            Some(Action::Answer1)
        );
        assert_eq!(k.action_in(&plan, &key('s')), Some(Action::PlanStatus));
        assert_eq!(k.action_in(&[Scope::Sme], &key('s')), Some(Action::Sort));
        // Keys the screen does not bind fall through to the global ones.
        assert_eq!(k.action_in(&plan, &key('j')), Some(Action::Down));
        assert_eq!(k.action_in(&[Scope::Assess], &key('?')), Some(Action::Help));
        let tab = Key::new(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(k.action_in(&plan, &tab), Some(Action::FocusNext));
        assert_eq!(k.action_in(&[Scope::Sme], &tab), Some(Action::NextTab));
        // No two actions of one scope share a key.
        for scope in Scope::ALL {
            let mut seen = std::collections::HashSet::new();
            for a in Action::ALL.iter().filter(|a| a.scope() == scope) {
                for key in k.keys(*a) {
                    assert!(seen.insert(*key), "{} shares {}", a.name(), key.label());
                }
            }
        }
        // Overriding steals within the scope only.
        let mut o = BTreeMap::new();
        o.insert("save_assessment".to_string(), "w".to_string());
        o.insert("edit_note".to_string(), "s".to_string());
        let k = Keymap::new(&o).unwrap();
        assert_eq!(
            k.action_in(&[Scope::Assess], &key('s')),
            Some(Action::EditNote)
        );
        assert_eq!(
            k.action_in(&[Scope::Assess], &key('w')),
            Some(Action::SaveAssessment)
        );
        assert_eq!(k.action(&key('s')), Some(Action::Sort));
    }

    #[test]
    fn bad_overrides() {
        let one = |a: &str, v: &str| {
            let mut o = BTreeMap::new();
            o.insert(a.to_string(), v.to_string());
            Keymap::new(&o).unwrap_err()
        };
        assert!(one("jump", "j").contains("unknown action `jump`"));
        assert!(one("quit", "Hyper-q").contains("cannot read key"));
        assert!(one("quit", "ctrl+c").contains("Ctrl-C"));
        assert!(one("quit", " ").contains("no key"));
    }

    #[test]
    fn every_action_is_documented_in_the_shipped_config() {
        for a in Action::ALL {
            let listed = crate::config::DEFAULT_TOML
                .lines()
                .filter(|l| l.starts_with("#   "))
                .any(|l| {
                    l.contains(&format!(" {} ", a.name()))
                        || l.contains(&format!("· {} ", a.name()))
                });
            assert!(listed, "{} is missing from config.toml [ui.keys]", a.name());
        }
    }

    #[test]
    fn parse_labels_round_trip() {
        for s in [
            "q",
            "Enter",
            "Esc",
            "Shift-Tab",
            "F5",
            "Ctrl-x",
            "PgDn",
            "Space",
            "?",
        ] {
            let k = Key::parse(s).unwrap();
            assert_eq!(Key::parse(&k.label()), Some(k), "{s}");
        }
    }
}
