//! The one path from a command to standard output. A reader that stops early (`| head`) closes
//! the pipe: that ends the command normally (exit 0, no message). Any other write error (a full
//! disk, `> /dev/full`) is a [`PathError`] naming `standard output`: exit 2.
//!
//! Commands write with [`outln!`](crate::outln) and [`out!`](crate::out) instead of `println!`,
//! which panics when the write fails.

use std::io::{self, Write};

use crate::error::{ClosedPipe, PathError};

/// How messages name standard output.
pub const STDOUT: &str = "standard output";

/// Write formatted text to standard output.
pub fn write_fmt(args: std::fmt::Arguments<'_>) -> anyhow::Result<()> {
    io::stdout()
        .lock()
        .write_fmt(args)
        .map_err(|e| write_error(e, STDOUT))
}

/// Flush standard output (at the end of every command): a last write error still counts.
pub fn flush() -> anyhow::Result<()> {
    io::stdout()
        .lock()
        .flush()
        .map_err(|e| write_error(e, STDOUT))
}

/// A buffered writer on standard output for large outputs; map its errors with
/// [`write_error`] and `STDOUT`, and flush it before it is dropped.
pub fn stdout_writer() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
}

/// The error for a failed write to `path`: a closed pipe is the reader's normal end.
pub fn write_error(err: io::Error, path: &str) -> anyhow::Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        anyhow::Error::new(ClosedPipe)
    } else {
        anyhow::Error::new(PathError::io(path, "cannot write", &err))
    }
}

/// `println!` for commands: writes through [`write_fmt`] and returns early (`?`) on an error,
/// so it must be used in a function returning `anyhow::Result`.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::output::write_fmt(format_args!("\n"))?
    };
    ($($arg:tt)*) => {
        $crate::output::write_fmt(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` for commands (see [`outln!`](crate::outln)).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_fmt(format_args!($($arg)*))?
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_pipe_is_a_normal_end_and_other_errors_name_the_path() {
        let closed = write_error(io::ErrorKind::BrokenPipe.into(), STDOUT);
        assert!(closed.downcast_ref::<ClosedPipe>().is_some());
        assert_eq!(crate::error::exit_code(&closed), 0);
        let full = write_error(io::Error::from_raw_os_error(28), "out.csv");
        assert_eq!(crate::error::exit_code(&full), 2);
        assert!(full.to_string().starts_with("out.csv: "), "{full}");
    }
}
