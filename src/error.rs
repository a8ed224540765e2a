//! Errors that decide the process exit code (DESIGN §6): 2 for bad input or usage, 1 for a check
//! that found problems or an unexpected failure.

use std::fmt;

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

/// Exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err.downcast_ref::<BadInput>().is_some() {
        2
    } else {
        1
    }
}
