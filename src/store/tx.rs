//! Write transactions that take the write lock up front (`BEGIN IMMEDIATE`): a session never
//! starts writing on a stale snapshot, and waiting for another session's write happens at the
//! start (busy timeout, then a few retries) instead of failing half-way with "database is locked".

use std::time::Duration;

use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};

use super::Store;

/// Attempts at `BEGIN IMMEDIATE` on top of the connection's busy timeout.
const ATTEMPTS: u32 = 4;

impl Store {
    /// Begin the one write transaction of a user action; its changes are captured for sync.
    pub fn write(&mut self) -> anyhow::Result<super::sync::WriteTx<'_>> {
        let tx = begin_immediate(&self.conn)?;
        super::sync::WriteTx::new(&self.conn, tx)
    }
}

/// `BEGIN IMMEDIATE`, retried with back-off while another session holds the write lock.
pub fn begin_immediate(conn: &Connection) -> anyhow::Result<Transaction<'_>> {
    let mut pause = Duration::from_millis(50);
    for attempt in 1..=ATTEMPTS {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) if is_busy(&e) && attempt < ATTEMPTS => {
                std::thread::sleep(pause);
                pause *= 2;
            }
            Err(e) if is_busy(&e) => {
                // A refused save, like a conflict: exit 2, in the reader's language.
                return Err(crate::error::bad_input(crate::messages::said(|t| {
                    crate::say!(t.db_busy, error = e)
                })));
            }
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the last attempt returns")
}

pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}
