//! Errors that decide the process exit code (DESIGN §6): 2 for bad input, usage, a path that
//! cannot be used or a refused save (conflict), 1 for a check that found problems or an
//! unexpected failure, 0 when the reader of the output went away.

use std::fmt;
use std::io;
use std::path::Path;

use rusqlite::ErrorCode;

use crate::domain::audit::FieldChange;
use crate::lang::{Lang, Said};
use crate::messages::MessageStrings;

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
/// ": "): bad input, conflicts and unusable paths in the reader's language, other errors as
/// they come.
pub fn message(err: &anyhow::Error, lang: Lang) -> String {
    err.chain()
        .map(|cause| {
            if let Some(b) = cause.downcast_ref::<BadInput>() {
                b.0.get(lang).to_string()
            } else if let Some(c) = cause.downcast_ref::<Conflict>() {
                c.render(lang)
            } else if let Some(p) = cause.downcast_ref::<PathError>() {
                p.render(lang)
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

/// A file, folder or database the command cannot use: missing, a folder where a file is
/// expected, not a database, read-only, full. Exit code 2; the message starts with the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    /// What is wrong and how to fix it, in both languages.
    pub what: Said,
}

/// `Display` is the English text (logs, tests); people read [`message`].
impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for PathError {}

impl PathError {
    pub fn new(path: impl AsRef<Path>, what: impl Into<Said>) -> PathError {
        PathError {
            path: path.as_ref().display().to_string(),
            what: what.into(),
        }
    }

    /// `path: what` in `lang` (standard output named in words).
    pub fn render(&self, lang: Lang) -> String {
        let path = if self.path == crate::output::STDOUT {
            crate::messages::get(lang).stdout
        } else {
            self.path.as_str()
        };
        format!("{path}: {}", self.what.get(lang))
    }

    /// The whole message in both languages (to say more after it).
    pub fn said(&self) -> Said {
        Said {
            vi: self.render(Lang::Vi),
            en: self.render(Lang::En),
        }
    }

    /// `action` ("cannot write", "cannot use", "cannot create the backup", "cannot read": said
    /// in the reader's language) failed with `err`.
    pub fn io(path: impl AsRef<Path>, action: &str, err: &io::Error) -> PathError {
        use io::ErrorKind::*;
        let why = |t: &MessageStrings| match err.kind() {
            NotFound => t.io_not_found.to_string(),
            PermissionDenied => t.io_permission.to_string(),
            IsADirectory => t.io_is_dir.to_string(),
            NotADirectory => t.io_not_dir.to_string(),
            StorageFull => t.io_disk_full.to_string(),
            ReadOnlyFilesystem => t.io_read_only_fs.to_string(),
            AlreadyExists => t.io_exists.to_string(),
            // The system's own words for the rare rest.
            _ => err.to_string(),
        };
        let known = crate::messages::EN
            .path_actions
            .iter()
            .position(|a| *a == action);
        let action = |t: &'static MessageStrings| known.map_or(action, |i| t.path_actions[i]);
        PathError::new(
            path,
            crate::messages::said(|t| format!("{}: {}", action(t), why(t))),
        )
    }

    /// What a database error means for the file at `path`, if it is about the file itself.
    pub fn database(path: impl AsRef<Path>, err: &rusqlite::Error) -> Option<PathError> {
        let what: fn(&MessageStrings) -> &'static str = match err.sqlite_error_code()? {
            ErrorCode::NotADatabase => |t| t.db_not_a_database,
            ErrorCode::DatabaseCorrupt => |t| t.db_corrupt,
            ErrorCode::CannotOpen => |t| t.db_cannot_open,
            ErrorCode::ReadOnly => |t| t.db_read_only,
            ErrorCode::PermissionDenied => |t| t.io_permission,
            ErrorCode::DiskFull => |t| t.io_disk_full,
            ErrorCode::SystemIoFailure => |t| t.db_io,
            _ => return None,
        };
        Some(PathError::new(
            path,
            crate::messages::said(|t| what(t).to_string()),
        ))
    }
}

/// Give an error about the file at `path` its [`PathError`] (exit 2, path in the message) when
/// its cause is the file (an I/O or database-file error); other errors pass unchanged.
pub fn at_path(path: &Path, err: anyhow::Error) -> anyhow::Error {
    if err.downcast_ref::<PathError>().is_some() || err.downcast_ref::<BadInput>().is_some() {
        return err;
    }
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<rusqlite::Error>() {
            if let Some(p) = PathError::database(path, e) {
                return anyhow::Error::new(p);
            }
        }
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            return anyhow::Error::new(PathError::io(path, "cannot use", e));
        }
    }
    err
}

/// The reader of standard output went away (`| head`): a normal end, exit 0, no message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosedPipe;

impl fmt::Display for ClosedPipe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the output pipe was closed")
    }
}

impl std::error::Error for ClosedPipe {}

/// Exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err.downcast_ref::<ClosedPipe>().is_some() {
        0
    } else if err.downcast_ref::<BadInput>().is_some()
        || err.downcast_ref::<Conflict>().is_some()
        || err.downcast_ref::<PathError>().is_some()
    {
        2
    } else {
        1
    }
}
