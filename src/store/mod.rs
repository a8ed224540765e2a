//! SQLite store: opened once in WAL mode with migrations; reference data seeded from the
//! embedded `data/` tables; queries return domain types. One transaction per user action.

mod assessments;
mod audit_log;
mod demand;
pub mod pipeline;
pub mod portfolio;
mod reference;
mod sample_assessments;
mod sample_pipeline;
pub mod sample_texts;
pub mod schema;
pub mod seed;
pub mod sme_csv;
mod sme_dashboard;
mod sme_edit;
mod smes;
pub mod strings;
pub mod sync;
mod trade;
pub mod tx;

use crate::lang::Said;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::error::{self, PathError};
use rusqlite::{Connection, OptionalExtension, params};

pub use assessments::*;
pub use audit_log::AuditEntry;
pub use demand::ImportReport;
pub use pipeline::{NewPlanItem, NewShortlistEntry, SavedShortlist, StageChange, capture_baseline};
pub use portfolio::{
    load_plan_items, load_portfolio, load_portfolio_after_first_frame,
    load_portfolio_for_first_frame, load_portfolio_nomenclature, load_portfolio_trade,
    load_shortlist,
};
pub use reference::{
    load_nomenclature, load_reference, load_reference_for_matching,
    load_reference_without_nomenclature, reference_version,
};
pub use seed::{open_or_create, open_or_create_in, seed_samples, seed_samples_in};
pub use sme_dashboard::load_deleted_smes;
pub use smes::*;
pub use trade::load_trade;

pub struct Store {
    pub conn: Connection,
    path: Option<PathBuf>,
}

/// What opening a database did, for the caller to report.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OpenReport {
    pub created: bool,
    pub migrated_from: Option<u32>,
    pub reference_refreshed: bool,
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Open (creating if needed) the database at `path`, migrate it and make the reference data
    /// current. A new database is created with owner-only permissions.
    /// Every failure caused by the file (a folder, not a database, read-only, a missing or
    /// unwritable folder) is a [`PathError`] naming `path`: exit 2.
    pub fn open(path: &Path) -> anyhow::Result<(Store, OpenReport)> {
        if path.is_dir() {
            let what = crate::messages::said(|t| t.db_is_folder.to_string());
            return Err(PathError::new(path, what).into());
        }
        Store::open_file(path).map_err(|e| error::at_path(path, e))
    }

    fn open_file(path: &Path) -> anyhow::Result<(Store, OpenReport)> {
        let mut report = OpenReport::default();
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create directory {}", dir.display()))?;
            }
            match create_private_file(path) {
                Ok(()) => report.created = true,
                // Another session created it a moment ago: open theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(anyhow::Error::new(e)
                        .context(format!("cannot create database {}", path.display())));
                }
            }
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        // SQLite quietly opens a file it may not write read-only; every command may write (a
        // migration, the reference refresh, the audit trail), so refuse it now, by name.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            let what = crate::messages::said(|t| t.db_read_only.to_string());
            return Err(PathError::new(path, what).into());
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        store.migrate(&mut report)?;
        report.reference_refreshed = store.refresh_reference()?;
        Ok((store, report))
    }

    /// A fresh in-memory database, migrated and seeded with reference data (for tests).
    pub fn open_in_memory() -> anyhow::Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        store.migrate(&mut OpenReport::default())?;
        store.refresh_reference()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&self) -> anyhow::Result<()> {
        // WAL lets a reader and a writer work at once; the busy timeout waits out another
        // session's short write transaction instead of failing with "database is locked".
        self.conn.busy_timeout(std::time::Duration::from_secs(30))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    fn migrate(&mut self, report: &mut OpenReport) -> anyhow::Result<()> {
        let current: u32 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let target = schema::MIGRATIONS.len() as u32;
        if current > target {
            let what = crate::messages::said(|t| {
                crate::say!(t.db_newer, current = current, target = target)
            });
            // The file is fine, just too new for this program: name it, exit 2.
            return Err(match &self.path {
                Some(path) => PathError::new(path, what).into(),
                None => crate::error::bad_input(what),
            });
        }
        if current == target {
            return Ok(());
        }
        if current > 0 {
            report.backup = self.backup_before_migration(current)?;
            report.migrated_from = Some(current);
        }
        let tx = tx::begin_immediate(&self.conn)?;
        // Another session may have migrated while this one waited for the write lock.
        let current: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= target {
            return Ok(());
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)
                .with_context(|| format!("migration {} failed", i + 1))?;
            // Rows made before sync existed get global keys and become this site's first change.
            if current > 0 && sql.contains("CREATE TABLE sync_site") {
                sync::rekey::rekey(&tx).with_context(|| format!("migration {} failed", i + 1))?;
            }
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        Ok(())
    }

    fn backup_before_migration(&self, version: u32) -> anyhow::Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dest = path.with_extension(format!("v{version}.bak"));
        // A session that started at the same moment may have written it already.
        if !dest.exists() {
            self.backup_to(&dest)?;
        }
        Ok(Some(dest))
    }

    /// Online backup to `dest` (SQLite backup API: consistent while others write).
    /// A destination that cannot be written (a missing folder, a full disk) is a
    /// [`PathError`] naming it: exit 2.
    pub fn backup_to(&self, dest: &Path) -> anyhow::Result<()> {
        if dest.exists() {
            return Err(crate::error::bad_input(strings::said(|t| {
                crate::say!(t.backup_exists, path = dest.display())
            })));
        }
        create_private_file(dest)
            .map_err(|e| PathError::io(dest, "cannot create the backup", &e))?;
        let copy = || -> anyhow::Result<()> {
            let mut target = Connection::open(dest)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            Ok(())
        };
        copy().map_err(|e| {
            // Leave no half-written copy behind.
            let _ = std::fs::remove_file(dest);
            error::at_path(dest, e)
        })
    }

    pub fn meta(&self, key: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Replace the reference tables if the embedded data is newer than the stored copy.
    /// Runs in one transaction and never touches user tables. Returns whether it refreshed.
    pub fn refresh_reference(&mut self) -> anyhow::Result<bool> {
        let wanted = reference_version();
        if self.meta("reference_version")?.as_deref() == Some(wanted.as_str()) {
            return Ok(false);
        }
        let tx = tx::begin_immediate(&self.conn)?;
        let stored: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'reference_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() == Some(wanted.as_str()) {
            return Ok(false); // another session refreshed it while this one waited
        }
        reference::seed(&tx)?;
        trade::seed(&tx)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('reference_version', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![wanted],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Integrity, foreign keys and data sanity. Returns the problems found (empty = healthy).
    pub fn check(&self) -> anyhow::Result<Vec<crate::lang::Said>> {
        let mut problems = Vec::new();
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if integrity != ["ok"] {
            problems.extend(
                integrity
                    .into_iter()
                    .map(|p| strings::said(|t| crate::say!(t.check_integrity, detail = p))),
            );
        }
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk_rows = fk.query_map([], |r| {
            let (table, row, parent) = (
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?,
            );
            Ok(strings::said(|t| {
                crate::say!(
                    t.check_foreign_key,
                    table = table,
                    row = row,
                    parent = parent
                )
            }))
        })?;
        for row in fk_rows {
            problems.push(row?);
        }
        let reference = load_reference(&self.conn)?;
        // Problems of the shipped reference data are for its maintainers: English only.
        problems.extend(reference::sanity(&reference).into_iter().map(Said::from));
        problems.extend(smes::sanity(&self.conn, &reference)?);
        Ok(problems)
    }
}

/// Create an empty file readable and writable by its owner only.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// The default database: `$GOGLOBAL_DB`, else `goglobal.db` in the platform data directory.
pub fn default_db_path() -> PathBuf {
    if let Ok(p) = std::env::var("GOGLOBAL_DB") {
        if !p.is_empty() {
            return PathBuf::from(p);
        }
    }
    directories::ProjectDirs::from("vn", "goglobal", "goglobal")
        .map(|d| d.data_dir().join("goglobal.db"))
        .unwrap_or_else(|| PathBuf::from("goglobal.db"))
}
