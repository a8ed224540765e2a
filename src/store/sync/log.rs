//! The changeset log and what the program learns from a changeset: the rows it touches (for the
//! "last changed at site" note and the short handles of new SMEs).

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

use super::keys::GLOBAL_KEY_FLOOR;

/// One row change read out of a changeset; `None` where the changeset holds no value.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub op: Op,
    pub pk: Vec<bool>,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl RowChange {
    /// The primary key values (from the old row, or the new one for an insert).
    pub fn key(&self) -> Vec<Value> {
        let side = if self.op == Op::Insert {
            &self.new
        } else {
            &self.old
        };
        side.iter()
            .zip(&self.pk)
            .filter(|(_, pk)| **pk)
            .map(|(v, _)| v.clone().unwrap_or(Value::Null))
            .collect()
    }
}

fn owned(v: rusqlite::Result<ValueRef<'_>>) -> Option<Value> {
    v.ok().and_then(|v| Value::try_from(v).ok())
}

/// Copy one changeset item (also used inside the conflict handler).
pub fn read_item(item: &ChangesetItem) -> rusqlite::Result<RowChange> {
    let op = item.op()?;
    let n = op.number_of_columns() as usize;
    let code = match op.code() {
        Action::SQLITE_INSERT => Op::Insert,
        Action::SQLITE_DELETE => Op::Delete,
        _ => Op::Update,
    };
    let table = op.table_name().to_string();
    let pk = item.pk()?.iter().map(|b| *b != 0).collect();
    let old = (0..n)
        .map(|i| {
            if code == Op::Insert {
                None
            } else {
                owned(item.old_value(i))
            }
        })
        .collect();
    let new = (0..n)
        .map(|i| {
            if code == Op::Delete {
                None
            } else {
                owned(item.new_value(i))
            }
        })
        .collect();
    Ok(RowChange {
        table,
        op: code,
        pk,
        old,
        new,
    })
}

/// Every row change of a changeset, in order.
pub fn read_changes(bytes: &[u8]) -> anyhow::Result<Vec<RowChange>> {
    let mut input: &[u8] = bytes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        out.push(read_item(item)?);
    }
    Ok(out)
}

/// This replica's site id.
pub fn self_site(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT site_id FROM sync_site WHERE is_self = 1", [], |r| {
        r.get(0)
    })
}

/// Store a changeset made here, with the next sequence number of this site.
pub fn record_local(conn: &Connection, bytes: &[u8]) -> anyhow::Result<()> {
    let site = self_site(conn)?;
    let name: String = conn.query_row("SELECT name FROM sync_site WHERE is_self = 1", [], |r| {
        r.get(0)
    })?;
    let seq: i64 = conn.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM sync_log WHERE origin = ?1",
        [&site],
        |r| r.get(0),
    )?;
    let at = crate::clock::now_iso();
    conn.execute(
        "INSERT INTO sync_log (origin, seq, at, who, changeset, applied)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        params![site, seq, at, name, bytes],
    )?;
    note_rows(conn, &read_changes(bytes)?, &site, &at)?;
    Ok(())
}

/// The SME a row change belongs to, if any.
pub fn sme_of(conn: &Connection, c: &RowChange) -> rusqlite::Result<Option<i64>> {
    let pick = |i: usize| {
        let side = if c.op == Op::Delete { &c.old } else { &c.new };
        match side
            .get(i)
            .cloned()
            .flatten()
            .or_else(|| c.old.get(i).cloned().flatten())
        {
            Some(Value::Integer(n)) => Some(n),
            _ => None,
        }
    };
    Ok(match c.table.as_str() {
        "sme" | "sme_product" | "sme_market" | "sme_certification" => pick(0),
        "assessment" | "shortlist" | "plan_item" | "decision_log" => match pick(1) {
            Some(n) => Some(n),
            None => match c.key().first() {
                Some(Value::Integer(id)) => conn
                    .query_row(
                        &format!("SELECT sme_id FROM {} WHERE id = ?1", c.table),
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?,
                _ => None,
            },
        },
        _ => None,
    })
}

/// Note which site created and last changed each SME touched, and give new SMEs a handle.
pub fn note_rows(
    conn: &Connection,
    changes: &[RowChange],
    site: &str,
    at: &str,
) -> anyhow::Result<()> {
    // Each SME once; handles in the order the SMEs were created (keys grow with time; the
    // changeset's own order is not the insertion order).
    let mut touched = std::collections::BTreeSet::new();
    let mut created = std::collections::BTreeSet::new();
    // Assessments and plan items people read by number get a short handle here too.
    let mut numbered = std::collections::BTreeSet::new();
    for c in changes {
        if c.op == Op::Insert && HANDLED.contains(&c.table.as_str()) {
            if let Some(Value::Integer(key)) = c.key().first() {
                numbered.insert((c.table.clone(), *key));
            }
        }
        let Some(sme) = sme_of(conn, c)? else {
            continue;
        };
        if c.table == "sme" && c.op == Op::Insert {
            created.insert(sme);
        }
        touched.insert(sme);
    }
    let mut create = conn.prepare_cached(
        "INSERT INTO sme_site (sme_id, created_site) VALUES (?1, ?2)
         ON CONFLICT(sme_id) DO NOTHING",
    )?;
    for sme in &created {
        create.execute(params![sme, site])?;
        assign_handle(conn, "sme", *sme)?;
    }
    let mut change = conn.prepare_cached(
        "INSERT INTO sme_site (sme_id, changed_site, changed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(sme_id) DO UPDATE SET changed_site = ?2, changed_at = ?3",
    )?;
    for sme in &touched {
        change.execute(params![sme, site, at])?;
    }
    for (table, key) in &numbered {
        assign_handle(conn, table, *key)?;
    }
    Ok(())
}

/// Tables besides `sme` whose rows people see by number (`Assessment #3`, `plan item 12`):
/// each row arriving or created here gets the next free local handle.
pub const HANDLED: &[&str] = &["assessment", "plan_item"];

/// Give the row `key` of `kind` the next free short handle (demo rows are their own handle).
pub fn assign_handle(conn: &Connection, kind: &str, key: i64) -> rusqlite::Result<()> {
    if key < GLOBAL_KEY_FLOOR {
        return Ok(());
    }
    let next: i64 = conn
        .prepare_cached(&format!(
            "SELECT max(coalesce((SELECT max(handle) FROM local_handle WHERE kind = ?1), 0),
                        coalesce((SELECT max(id) FROM {kind} WHERE id < ?2), 0)) + 1"
        ))?
        .query_row(params![kind, GLOBAL_KEY_FLOOR], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO local_handle (kind, handle, key) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![kind, next, key])?;
    Ok(())
}

/// The row key a typed number stands for: a handle, else the key itself.
pub fn resolve_handle(conn: &Connection, kind: &str, typed: i64) -> rusqlite::Result<i64> {
    Ok(conn
        .query_row(
            "SELECT key FROM local_handle WHERE kind = ?1 AND handle = ?2",
            params![kind, typed],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(typed))
}

/// The short handle people see for the row `key` of `kind`.
pub fn handle_of(conn: &Connection, kind: &str, key: i64) -> rusqlite::Result<i64> {
    Ok(conn
        .query_row(
            "SELECT handle FROM local_handle WHERE kind = ?1 AND key = ?2",
            params![kind, key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(key))
}
