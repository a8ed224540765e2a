//! Errors that decide the process exit code (DESIGN §6): 2 for bad input, usage, a path that
//! cannot be used or a refused save (conflict), 1 for a check that found problems or an
//! unexpected failure, 0 when the reader of the output went away.

use std::fmt;
use std::io;
use std::path::Path;

use rusqlite::ErrorCode;

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
