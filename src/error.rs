//! Errors that decide the process exit code (DESIGN §6): 2 for bad input, usage, a path that
//! cannot be used or a refused save (conflict), 1 for a check that found problems or an
//! unexpected failure, 0 when the reader of the output went away.

use std::fmt;
use std::io;
use std::path::Path;

use rusqlite::ErrorCode;

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

/// A file, folder or database the command cannot use: missing, a folder where a file is
/// expected, not a database, read-only, full. Exit code 2; the message starts with the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    /// What is wrong and how to fix it.
    pub what: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

impl std::error::Error for PathError {}

impl PathError {
    pub fn new(path: impl AsRef<Path>, what: impl Into<String>) -> PathError {
        PathError {
            path: path.as_ref().display().to_string(),
            what: what.into(),
        }
    }

    /// `action` ("cannot write", "cannot create") failed with `err`.
    pub fn io(path: impl AsRef<Path>, action: &str, err: &io::Error) -> PathError {
        use io::ErrorKind::*;
        let why = match err.kind() {
            NotFound => "no such file or folder (check the path; create the folder first)".into(),
            PermissionDenied => {
                "permission denied (check the permissions of the file and its folder)".into()
            }
            IsADirectory => "this is a folder (give a file name)".into(),
            NotADirectory => "a part of the path is a file, not a folder (check the path)".into(),
            StorageFull => "the disk is full (free some space and try again)".into(),
            ReadOnlyFilesystem => "the file system is read-only (choose another place)".into(),
            AlreadyExists => "already exists (choose a new name)".into(),
            _ => err.to_string(),
        };
        PathError::new(path, format!("{action}: {why}"))
    }

    /// What a database error means for the file at `path`, if it is about the file itself.
    pub fn database(path: impl AsRef<Path>, err: &rusqlite::Error) -> Option<PathError> {
        let what = match err.sqlite_error_code()? {
            ErrorCode::NotADatabase => {
                "not a goglobal database: the file is not SQLite                  (check the --db path, or move the file away)"
            }
            ErrorCode::DatabaseCorrupt => "the database file is damaged (restore a backup)",
            ErrorCode::CannotOpen => {
                "cannot open the database (the path must be a file in an                  existing folder you can write to)"
            }
            ErrorCode::ReadOnly => {
                "the database is read-only (goglobal writes to it: give                  write permission to the file and its folder)"
            }
            ErrorCode::PermissionDenied => {
                "permission denied (check the permissions of the                  file and its folder)"
            }
            ErrorCode::DiskFull => "the disk is full (free some space and try again)",
            ErrorCode::SystemIoFailure => {
                "input/output error while reading or writing the file                  (check the disk)"
            }
            _ => return None,
        };
        Some(PathError::new(path, what))
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
