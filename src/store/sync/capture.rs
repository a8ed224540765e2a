//! Change capture: every write transaction of the program carries a session of SQLite's
//! session extension on the synced tables; before COMMIT its changeset goes into `sync_log`
//! with this site as origin and the next sequence number, in the same transaction.

use std::ops::{Deref, DerefMut};

use std::cell::Cell;

use rusqlite::session::Session;
use rusqlite::{Connection, Transaction};

use super::{SYNCED_TABLES, keys, log};

thread_local! {
    static OFF: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with rows keyed as usual but nothing captured: only for the benchmark that measures
/// what capture adds to a write (`benches/sync.rs`). A write made so never reaches other sites.
#[doc(hidden)]
pub fn uncaptured<T>(f: impl FnOnce() -> T) -> T {
    keys::with_flag(&OFF, f)
}

/// The one write transaction of a user action, recording what it changes.
pub struct WriteTx<'c> {
    // Declared first: dropped (session deleted) before the transaction rolls back.
    session: Option<Session<'c>>,
    tx: Transaction<'c>,
}

impl<'c> WriteTx<'c> {
    pub fn new(conn: &'c Connection, tx: Transaction<'c>) -> anyhow::Result<WriteTx<'c>> {
        let session = if keys::is_seeding() || OFF.with(Cell::get) {
            None
        } else {
            let mut s = Session::new(conn)?;
            for table in SYNCED_TABLES {
                s.attach(Some(*table))?;
            }
            Some(s)
        };
        Ok(WriteTx { session, tx })
    }

    /// Store the changeset (if anything changed) and commit, all or nothing.
    pub fn commit(mut self) -> anyhow::Result<()> {
        if let Some(mut session) = self.session.take() {
            if !session.is_empty() {
                let mut bytes = Vec::new();
                session.changeset_strm(&mut bytes)?;
                drop(session);
                if !bytes.is_empty() {
                    log::record_local(&self.tx, &bytes)?;
                }
            }
        }
        self.tx.commit()?;
        Ok(())
    }
}

impl<'c> Deref for WriteTx<'c> {
    type Target = Transaction<'c>;
    fn deref(&self) -> &Transaction<'c> {
        &self.tx
    }
}

impl DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}
