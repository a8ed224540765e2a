//! Errors that decide the process exit code (DESIGN §6): 2 for bad input, usage or a refused
//! save (conflict), 1 for a check that found problems or an unexpected failure.

use std::fmt;

use crate::domain::audit::FieldChange;

/// Bad input from the user: a file, an argument or an id. Exit code 2; the database is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Shorthand to fail with a [`BadInput`].
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(message.into()))
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

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.deleted { " and deleted it" } else { "" };
        writeln!(
            f,
            "{} {} \"{}\" was changed by another session{state} since you opened it \
             (you opened version {}, the database has version {}); nothing was saved.",
            self.entity, self.id, self.name, self.your_version, self.current_version
        )?;
        for c in &self.theirs {
            let what = if c.changes.is_empty() {
                String::new()
            } else {
                format!(": {}", describe(&c.changes))
            };
            writeln!(f, "  {} by {} at {}{what}", c.action, c.who, c.at)?;
        }
        if !self.yours.is_empty() {
            writeln!(f, "  your change (not saved): {}", describe(&self.yours))?;
        }
        write!(
            f,
            "Open it again (version {}) and re-apply your change.",
            self.current_version
        )
    }
}

fn describe(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(FieldChange::describe)
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
