//! Export and import of packages.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::session::{ConflictAction, ConflictType};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::log::{self, Op, read_item};
use super::merge::{self, Met, MetKind, Source};
use super::package::{self, Entry, EntryMeta, FORMAT_VERSION, Header, SiteRange, SiteRef};
use super::strings::said;
use super::{SYNCED_TABLES, site_name};
use crate::error::bad_input;
use crate::say;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExportReport {
    pub file: String,
    pub changesets: usize,
    pub sites: Vec<SiteRange>,
    pub for_site: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportReport {
    pub origin: String,
    pub origin_name: String,
    /// Changesets applied now (including earlier ones that were waiting for these).
    pub applied: usize,
    /// Changesets this database already had.
    pub skipped: usize,
    /// Changesets kept until the changes they build on arrive.
    pub waiting: usize,
    /// New conflicts listed by this import.
    pub conflicts: usize,
}

/// The highest sequence number held without a gap, per origin site.
pub fn seen_vector(conn: &Connection) -> rusqlite::Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT origin, seq FROM sync_log ORDER BY origin, seq")?;
    let mut seen: BTreeMap<String, i64> = BTreeMap::new();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (origin, seq) = row?;
        let top = seen.entry(origin).or_insert(0);
        if seq == *top + 1 {
            *top = seq;
        }
    }
    Ok(seen)
}

/// Build the package for `for_site` (everything without it) and write it atomically.
pub fn export(
    conn: &Connection,
    file: &Path,
    for_site: Option<&str>,
    key: Option<&[u8]>,
) -> anyhow::Result<ExportReport> {
    let me = log::self_site(conn)?;
    if let Some(peer) = for_site {
        let known: Option<String> = conn
            .query_row(
                "SELECT site_id FROM sync_site WHERE site_id = ?1",
                [peer],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() || peer == me {
            return Err(bad_input(said(|t| say!(t.unknown_peer, peer = peer))));
        }
    }
    let peer_seen: BTreeMap<String, i64> = match for_site {
        Some(peer) => {
            let mut stmt =
                conn.prepare("SELECT origin, seq FROM sync_peer_seen WHERE peer = ?1")?;
            stmt.query_map([peer], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        }
        None => BTreeMap::new(),
    };
    let mut stmt =
        conn.prepare("SELECT origin, seq, at, who, changeset FROM sync_log ORDER BY origin, seq")?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            meta: EntryMeta {
                origin: r.get(0)?,
                seq: r.get(1)?,
                at: r.get(2)?,
                who: r.get(3)?,
                len: 0,
            },
            changeset: r.get(4)?,
        })
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let mut e = row?;
        if Some(e.meta.origin.as_str()) == for_site {
            continue;
        }
        if e.meta.seq <= peer_seen.get(&e.meta.origin).copied().unwrap_or(0) {
            continue;
        }
        e.meta.len = e.changeset.len();
        entries.push(e);
    }
    let mut sites: Vec<SiteRange> = Vec::new();
    for e in &entries {
        match sites.last_mut() {
            Some(s) if s.site == e.meta.origin => {
                s.to = e.meta.seq;
                s.count += 1;
            }
            _ => sites.push(SiteRange {
                site: e.meta.origin.clone(),
                name: site_name(conn, &e.meta.origin)?,
                from: e.meta.seq,
                to: e.meta.seq,
                count: 1,
            }),
        }
    }
    let header = Header {
        format: FORMAT_VERSION,
        origin: SiteRef {
            site: me.clone(),
            name: site_name(conn, &me)?,
        },
        created_at: crate::clock::now_iso(),
        for_site: for_site.map(str::to_string),
        sites: sites.clone(),
        seen: seen_vector(conn)?,
        entries: entries.iter().map(|e| e.meta.clone()).collect(),
    };
    let bytes = package::encode(&header, &entries, key)?;
    write_atomically(file, &bytes)?;
    let tx = crate::store::tx::begin_immediate(conn)?;
    if let Some(peer) = for_site {
        tx.execute(
            "UPDATE sync_site SET last_out_at = ?2 WHERE site_id = ?1",
            params![peer, header.created_at],
        )?;
    }
    tx.execute(
        "UPDATE sync_site SET last_out_at = ?1 WHERE is_self = 1",
        [&header.created_at],
    )?;
    tx.commit()?;
    Ok(ExportReport {
        file: file.display().to_string(),
        changesets: entries.len(),
        sites,
        for_site: for_site.map(str::to_string),
    })
}

/// Write `bytes` to a temporary file beside `file`, flush it to disk, then rename it over.
fn write_atomically(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let name = file.file_name().ok_or_else(|| {
        let path = file.display();
        bad_input(said(|t| say!(t.not_a_file_name, path = path)))
    })?;
    let tmp = file.with_file_name(format!(
        ".{}.tmp{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        let path = file.display();
        bad_input(said(|t| say!(t.cannot_write, path = path, error = e)))
    })
}

/// Import a verified package inside the caller's transaction (never captured: received
/// changes are relayed from the log, not recorded again as made here).
pub fn import(
    conn: &Connection,
    pkg: &package::Package,
    what: &str,
    trust: bool,
) -> anyhow::Result<ImportReport> {
    let me = log::self_site(conn)?;
    let origin = &pkg.header.origin;
    if origin.site == me {
        return Err(bad_input(said(|t| say!(t.own_package, what = what))));
    }
    let trusted: bool = conn
        .query_row(
            "SELECT trusted FROM sync_site WHERE site_id = ?1",
            [&origin.site],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false);
    if !trusted && !trust {
        return Err(bad_input(said(|t| {
            let name = if origin.name.is_empty() {
                t.no_name
            } else {
                &origin.name
            };
            say!(t.untrusted, what = what, site = origin.site, name = name)
        })));
    }
    let now = crate::clock::now_iso();
    conn.execute(
        "INSERT INTO sync_site (site_id, name, trusted, last_in_at) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT(site_id) DO UPDATE SET name = ?2, trusted = 1, last_in_at = ?3",
        params![origin.site, origin.name, now],
    )?;
    for s in &pkg.header.sites {
        conn.execute(
            "INSERT INTO sync_site (site_id, name) VALUES (?1, ?2)
             ON CONFLICT(site_id) DO UPDATE SET name = CASE WHEN is_self = 1 THEN name ELSE ?2 END",
            params![s.site, s.name],
        )?;
    }
    for (site, seq) in &pkg.header.seen {
        conn.execute(
            "INSERT INTO sync_peer_seen (peer, origin, seq) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer, origin) DO UPDATE SET seq = max(seq, ?3)",
            params![origin.site, site, seq],
        )?;
    }
    let mut report = ImportReport {
        origin: origin.site.clone(),
        origin_name: origin.name.clone(),
        ..ImportReport::default()
    };
    for e in &pkg.entries {
        let m = &e.meta;
        let had: bool = conn
            .prepare_cached("SELECT 1 FROM sync_log WHERE origin = ?1 AND seq = ?2")?
            .query_row(params![m.origin, m.seq], |_| Ok(true))
            .optional()?
            .unwrap_or(false);
        if had || m.origin == me {
            report.skipped += 1;
            continue;
        }
        let changes = log::read_touches(&e.changeset).map_err(|_| {
            bad_input(said(|t| {
                say!(
                    t.unreadable_changeset,
                    what = what,
                    origin = m.origin,
                    seq = m.seq
                )
            }))
        })?;
        if let Some(c) = changes
            .iter()
            .find(|c| !SYNCED_TABLES.contains(&c.table.as_str()))
        {
            let table = format!("{:?}", c.table);
            return Err(bad_input(said(|t| {
                say!(
                    t.unsynced_table,
                    what = what,
                    origin = m.origin,
                    seq = m.seq,
                    table = table
                )
            })));
        }
        conn.prepare_cached(
            "INSERT INTO sync_log (origin, seq, at, who, changeset, applied) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        )?
        .execute(params![m.origin, m.seq, m.at, m.who, e.changeset])?;
    }
    let before: i64 = conn.query_row("SELECT count(*) FROM sync_conflict", [], |r| r.get(0))?;
    report.applied = apply_waiting(conn)?;
    report.waiting = conn.query_row("SELECT count(*) FROM sync_log WHERE applied = 0", [], |r| {
        r.get::<_, i64>(0)
    })? as usize;
    let after: i64 = conn.query_row("SELECT count(*) FROM sync_conflict", [], |r| r.get(0))?;
    report.conflicts = (after - before) as usize;
    super::conflicts::apply_resolutions(conn)?;
    Ok(report)
}

/// A stored changeset waiting to be applied: origin, sequence number, time, who, bytes.
type Waiting = (String, i64, String, String, Vec<u8>);

/// Apply every stored changeset whose predecessors (same origin) are applied, until none is left
/// that can be. One whose rows need changes not received yet waits for a later import.
///
/// Each pass takes, per origin, the gap-free run of waiting changesets that follows its applied
/// ones, and applies the runs merged in time order (each origin in sequence order); an origin
/// whose next changeset cannot be applied yet stops for this pass. A whole package is one pass,
/// not one pass per changeset (that was quadratic: 10,000 changesets took minutes).
fn apply_waiting(conn: &Connection) -> anyhow::Result<usize> {
    let mut applied = 0;
    loop {
        // Applied changesets of an origin are always its numbers 1..n (none is applied before
        // its predecessors), so its run starts at n + 1.
        let done: BTreeMap<String, i64> = conn
            .prepare("SELECT origin, count(*) FROM sync_log WHERE applied = 1 GROUP BY origin")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut runs: BTreeMap<String, std::collections::VecDeque<Waiting>> = BTreeMap::new();
        {
            let mut stmt = conn.prepare(
                "SELECT origin, seq, at, who, changeset FROM sync_log WHERE applied = 0
                 ORDER BY origin, seq",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (origin, seq): (String, i64) = (r.get(0)?, r.get(1)?);
                let done = done.get(&origin).copied().unwrap_or(0);
                let run = runs.entry(origin.clone()).or_default();
                // The run goes on while the sequence numbers follow each other.
                let expected = run.back().map_or(done + 1, |w| w.1 + 1);
                if seq == expected {
                    run.push_back((origin, seq, r.get(2)?, r.get(3)?, r.get(4)?));
                }
            }
        }
        let mut progress = false;
        // The earliest head first (time, then origin), so that changes from different sites
        // arrive in the order they were made. Consecutive changesets of one origin that come
        // before every other origin's head are applied together (see `apply_batch`).
        while let Some(origin) = earliest_head(&runs) {
            // The next head of any other origin: this origin's batch stops before it.
            let others = runs
                .iter()
                .filter(|(o, _)| **o != origin)
                .filter_map(|(o, r)| r.front().map(|w| (w.2.clone(), o.clone())))
                .min();
            let Some(run) = runs.get_mut(&origin) else {
                break;
            };
            let mut batch = Vec::new();
            while let Some(w) = run.front() {
                let after_others = others
                    .as_ref()
                    .is_some_and(|(at, o)| (&w.2, &origin) > (at, o));
                if !batch.is_empty() && after_others {
                    break;
                }
                batch.extend(run.pop_front());
            }
            let (done, stopped) = apply_batch(conn, &batch)?;
            applied += done;
            progress |= done > 0;
            if stopped {
                // Its successors build on what could not be applied: they wait for the next pass.
                runs.remove(&origin);
            }
        }
        if !progress {
            return Ok(applied);
        }
    }
}

/// The origin whose next waiting changeset was made first (time, then origin).
fn earliest_head(runs: &BTreeMap<String, std::collections::VecDeque<Waiting>>) -> Option<String> {
    runs.iter()
        .filter_map(|(o, run)| run.front().map(|w| (w.2.as_str(), o)))
        .min()
        .map(|(_, o)| o.clone())
}

/// Apply consecutive changesets of one origin; returns how many were applied and whether the
/// origin must stop (one waits for changes not received yet).
///
/// Several are first combined into one changeset (SQLite's changegroup) and applied at once:
/// each apply prepares its statements anew, so 10,000 one-row changesets one by one cost
/// seconds. The combined apply is kept only if it met nothing at all; any conflict or missing
/// row sends the batch back to one-by-one application, which records every conflict with the
/// site, person and time of its own changeset.
fn apply_batch(conn: &Connection, batch: &[Waiting]) -> anyhow::Result<(usize, bool)> {
    if batch.len() > 1 && apply_combined(conn, batch)? {
        return Ok((batch.len(), false));
    }
    let mut applied = 0;
    for (origin, seq, at, who, bytes) in batch {
        let src = Source {
            site: origin,
            who,
            at,
        };
        if !apply_one(conn, bytes, &src)? {
            return Ok((applied, true));
        }
        mark_applied(conn, origin, *seq)?;
        applied += 1;
    }
    Ok((applied, false))
}

fn mark_applied(conn: &Connection, origin: &str, seq: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sync_log SET applied = 1 WHERE origin = ?1 AND seq = ?2")?
        .execute(params![origin, seq])?;
    Ok(())
}

/// The batch combined and applied in one go if nothing conflicts; false (nothing changed)
/// otherwise.
fn apply_combined(conn: &Connection, batch: &[Waiting]) -> anyhow::Result<bool> {
    let mut group = rusqlite::session::Changegroup::new()?;
    for (.., bytes) in batch {
        let mut input: &[u8] = bytes;
        group.add_stream(&mut input)?;
    }
    let mut combined = Vec::new();
    group.output_strm(&mut combined)?;
    let met = Arc::new(AtomicBool::new(false));
    let met_in = Arc::clone(&met);
    conn.prepare_cached("SAVEPOINT sync_apply_batch")?
        .execute([])?;
    let mut input: &[u8] = &combined;
    let result = conn.apply_strm(&mut input, None::<fn(&str) -> bool>, move |_, _| {
        met_in.store(true, Ordering::SeqCst);
        ConflictAction::SQLITE_CHANGESET_ABORT
    });
    if result.is_err() || met.load(Ordering::SeqCst) {
        conn.execute_batch("ROLLBACK TO sync_apply_batch; RELEASE sync_apply_batch")?;
        return Ok(false);
    }
    for (origin, seq, at, _, bytes) in batch {
        log::note_rows(conn, &log::read_touches(bytes)?, origin, at)?;
        mark_applied(conn, origin, *seq)?;
    }
    conn.prepare_cached("RELEASE sync_apply_batch")?
        .execute([])?;
    Ok(true)
}

/// Apply one changeset with the conflict handler and settle what it met. Returns false (and
/// changes nothing) when its rows refer to rows that are not here yet.
fn apply_one(conn: &Connection, bytes: &[u8], src: &Source) -> anyhow::Result<bool> {
    let met: Arc<Mutex<Vec<Met>>> = Arc::default();
    let missing = Arc::new(AtomicBool::new(false));
    let (met_in, missing_in) = (Arc::clone(&met), Arc::clone(&missing));
    conn.prepare_cached("SAVEPOINT sync_apply_one")?
        .execute([])?;
    let mut input: &[u8] = bytes;
    let result = conn.apply_strm(&mut input, None::<fn(&str) -> bool>, move |kind, item| {
        if kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
            missing_in.store(true, Ordering::SeqCst);
            return ConflictAction::SQLITE_CHANGESET_ABORT;
        }
        let Ok(change) = read_item(&item) else {
            return ConflictAction::SQLITE_CHANGESET_ABORT;
        };
        let n = change.new.len().max(change.old.len());
        let current: Vec<Value> = match kind {
            ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => (0..n)
                .map(|i| {
                    item.conflict(i)
                        .ok()
                        .and_then(|v| Value::try_from(v).ok())
                        .unwrap_or(Value::Null)
                })
                .collect(),
            _ => Vec::new(),
        };
        let (met_kind, action) = match (kind, change.op) {
            (ConflictType::SQLITE_CHANGESET_DATA, Op::Delete) => (
                Some(MetKind::Data),
                ConflictAction::SQLITE_CHANGESET_REPLACE,
            ),
            (ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT, _) => {
                (Some(MetKind::Data), ConflictAction::SQLITE_CHANGESET_OMIT)
            }
            (ConflictType::SQLITE_CHANGESET_NOTFOUND, Op::Update) => (
                Some(MetKind::NotFound),
                ConflictAction::SQLITE_CHANGESET_OMIT,
            ),
            (ConflictType::SQLITE_CHANGESET_NOTFOUND, _) => {
                (None, ConflictAction::SQLITE_CHANGESET_OMIT)
            }
            (ConflictType::SQLITE_CHANGESET_CONSTRAINT, _) => (
                Some(MetKind::Constraint),
                ConflictAction::SQLITE_CHANGESET_OMIT,
            ),
            _ => return ConflictAction::SQLITE_CHANGESET_ABORT,
        };
        if let (Some(kind), Ok(mut list)) = (met_kind, met_in.lock()) {
            list.push(Met {
                kind,
                change,
                current,
            });
        }
        action
    });
    if let Err(e) = result {
        conn.execute_batch("ROLLBACK TO sync_apply_one; RELEASE sync_apply_one")?;
        if missing.load(Ordering::SeqCst) {
            return Ok(false);
        }
        return Err(anyhow::Error::new(e).context("applying a received changeset failed"));
    }
    let met = std::mem::take(
        &mut *met
            .lock()
            .map_err(|_| anyhow::anyhow!("conflict list poisoned"))?,
    );
    for m in &met {
        merge::settle(conn, m, src)?;
    }
    log::note_rows(conn, &log::read_touches(bytes)?, src.site, src.at)?;
    conn.prepare_cached("RELEASE sync_apply_one")?.execute([])?;
    Ok(true)
}
