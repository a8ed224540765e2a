//! Errors that decide the process exit code (DESIGN §6): 2 for bad input, usage or a refused
//! save (conflict), 1 for a check that found problems or an unexpected failure.

use std::fmt;

use crate::domain::audit::FieldChange;
use crate::lang::{Lang, Said};

/// Bad input from the user: a file, an argument or an id. Exit code 2; the database is unchanged.
/// The message is kept in both languages; [`message`] shows the reader's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput(pub Said);

/// `Display` is the English text (logs, tests); people read [`message`].
impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for BadInput {}

/// Shorthand to fail with a [`BadInput`].
pub fn bad_input(message: impl Into<Said>) -> anyhow::Error {
    anyhow::Error::new(BadInput(message.into()))
}

/// The error and its causes as one message in `lang`, like anyhow's `{:#}` (causes joined by
/// ": "): bad input and conflicts in the reader's language, other errors as they come.
pub fn message(err: &anyhow::Error, lang: Lang) -> String {
    err.chain()
        .map(|cause| {
            if let Some(b) = cause.downcast_ref::<BadInput>() {
                b.0.get(lang).to_string()
            } else if let Some(c) = cause.downcast_ref::<Conflict>() {
                c.render(lang)
            } else {
                cause.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// A save refused because another session changed the record since it was opened. Exit code 2;
/// nothing was saved. Carries the other version so the caller can show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// "SME", "plan item", …
    pub entity: String,
    pub id: String,
    pub name: String,
    /// The version the user opened.
    pub your_version: i64,
    /// The version stored now.
    pub current_version: i64,
    pub deleted: bool,
    /// The saves by other sessions since the user's version, oldest first.
    pub theirs: Vec<OtherChange>,
    /// What the user tried to change (relative to the version they opened).
    pub yours: Vec<FieldChange>,
    /// The record as stored now (JSON).
    pub current: serde_json::Value,
}

/// One save by another session: who, when, what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherChange {
    pub who: String,
    pub at: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
}

impl Conflict {
    /// The whole refusal in `lang`: who changed what since, what was not saved, what to do.
    pub fn render(&self, lang: Lang) -> String {
        let t = crate::store::strings::get(lang);
        let entity = t.entity(&self.entity);
        let mut out = if self.deleted {
            crate::say!(
                t.conflict_deleted,
                entity = entity,
                id = self.id,
                name = self.name,
                yours = self.your_version,
                current = self.current_version
            )
        } else {
            crate::say!(
                t.conflict,
                entity = entity,
                id = self.id,
                name = self.name,
                yours = self.your_version,
                current = self.current_version
            )
        };
        for c in &self.theirs {
            let what = if c.changes.is_empty() {
                String::new()
            } else {
                format!(": {}", describe(&c.changes, lang))
            };
            out.push('\n');
            out.push_str(&crate::say!(
                t.conflict_theirs,
                action = t.action(&c.action),
                who = c.who,
                at = c.at
            ));
            out.push_str(&what);
        }
        if !self.yours.is_empty() {
            out.push('\n');
            out.push_str(&crate::say!(
                t.conflict_yours,
                changes = describe(&self.yours, lang)
            ));
        }
        out.push('\n');
        out.push_str(&crate::say!(
            t.conflict_reopen,
            current = self.current_version
        ));
        out
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

fn describe(changes: &[FieldChange], lang: Lang) -> String {
    let t = crate::store::strings::get(lang);
    let show = |v| crate::domain::audit::show_in(v, t.empty_value, t.no_values);
    changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.field, show(&c.before), show(&c.after)))
        .collect::<Vec<_>>()
        .join("; ")
}

impl std::error::Error for Conflict {}

/// Exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err.downcast_ref::<BadInput>().is_some() || err.downcast_ref::<Conflict>().is_some() {
        2
    } else {
        1
    }
}
