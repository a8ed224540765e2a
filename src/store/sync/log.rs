//! The changeset log and what the program learns from a changeset: the rows it touches (for the
//! "last changed at site" note and the short handles of new SMEs).

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

use super::keys::GLOBAL_KEY_FLOOR;
use super::{LIST_TABLES, OWN_ID_TABLES};

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
    let (table, code, n) = op_of(item)?;
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
    note_rows(conn, &read_touches(bytes)?, &site, &at)?;
    Ok(())
}

/// What the bookkeeping needs from one row change: its table, kind, first key value and the
/// column that names its SME, read without copying the rest of the row (an audit row's JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Touch {
    pub table: String,
    pub op: Op,
    pub key: Option<i64>,
    /// Columns 0 and 1 where the changeset holds them (new values first, else old ones).
    pub head: [Option<i64>; 2],
}

impl RowChange {
    pub fn touch(&self) -> Touch {
        let col = |i: usize| {
            [self.new.get(i), self.old.get(i)]
                .into_iter()
                .flatten()
                .flatten()
                .find_map(|v| match v {
                    Value::Integer(n) => Some(*n),
                    _ => None,
                })
        };
        Touch {
            table: self.table.clone(),
            op: self.op,
            key: match self.key().first() {
                Some(Value::Integer(n)) => Some(*n),
                _ => None,
            },
            head: [col(0), col(1)],
        }
    }
}

/// An item's table, kind of change and number of columns.
fn op_of(item: &ChangesetItem) -> rusqlite::Result<(String, Op, usize)> {
    let op = item.op()?;
    let code = match op.code() {
        Action::SQLITE_INSERT => Op::Insert,
        Action::SQLITE_DELETE => Op::Delete,
        _ => Op::Update,
    };
    Ok((
        op.table_name().to_string(),
        code,
        op.number_of_columns() as usize,
    ))
}

/// The integer in column `i` of an item: its new value where the changeset has one, else its old.
fn integer_at(item: &ChangesetItem, op: Op, i: usize) -> Option<i64> {
    let new = (op != Op::Delete).then(|| item.new_value(i).ok()).flatten();
    let old = (op != Op::Insert).then(|| item.old_value(i).ok()).flatten();
    [new, old].into_iter().flatten().find_map(|v| match v {
        ValueRef::Integer(n) => Some(n),
        _ => None,
    })
}

/// The [`Touch`] of every row change of a changeset, in order.
pub fn read_touches(bytes: &[u8]) -> anyhow::Result<Vec<Touch>> {
    let mut input: &[u8] = bytes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        let (table, op, n) = op_of(item)?;
        let first_pk = item.pk()?.iter().position(|b| *b != 0);
        let key = first_pk.and_then(|i| {
            let side = if op == Op::Insert {
                item.new_value(i)
            } else {
                item.old_value(i)
            };
            side.ok().and_then(|v| v.as_i64().ok())
        });
        let head = [0, 1].map(|i| (i < n).then(|| integer_at(item, op, i)).flatten());
        out.push(Touch {
            table,
            op,
            key,
            head,
        });
    }
    Ok(out)
}

/// The SME a row change belongs to, if any.
pub fn sme_of(conn: &Connection, t: &Touch) -> rusqlite::Result<Option<i64>> {
    let table = t.table.as_str();
    Ok(if table == "sme" || LIST_TABLES.contains(&table) {
        t.head[0]
    } else if OWN_ID_TABLES.contains(&table) {
        match (t.head[1], t.key) {
            (Some(n), _) => Some(n),
            // An update that left the SME column alone: the row says.
            (None, Some(id)) => conn
                .prepare_cached(&format!("SELECT sme_id FROM {} WHERE id = ?1", t.table))?
                .query_row([id], |r| r.get(0))
                .optional()?,
            (None, None) => None,
        }
    } else {
        None
    })
}

/// Note which site created and last changed each SME touched, and give new SMEs (and the rows
/// in [`HANDLED`]) their short handles: a few set-wise statements, whatever the number of rows.
pub fn note_rows(conn: &Connection, changes: &[Touch], site: &str, at: &str) -> anyhow::Result<()> {
    let mut touched = std::collections::BTreeSet::new();
    let mut created = std::collections::BTreeSet::new();
    // Assessments and plan items people read by number get a short handle here too.
    let mut numbered: std::collections::BTreeMap<&str, Vec<i64>> = Default::default();
    for c in changes {
        if c.op == Op::Insert && HANDLED.contains(&c.table.as_str()) {
            if let Some(key) = c.key {
                numbered.entry(c.table.as_str()).or_default().push(key);
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
    let ids = |set: &std::collections::BTreeSet<i64>| {
        serde_json::Value::from(set.iter().copied().collect::<Vec<_>>()).to_string()
    };
    // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
    conn.prepare_cached(
        "INSERT INTO sme_site (sme_id, created_site, changed_site, changed_at)
         SELECT value, CASE WHEN value IN (SELECT value FROM json_each(?2)) THEN ?3 END, ?3, ?4
         FROM json_each(?1) WHERE true
         ON CONFLICT(sme_id) DO UPDATE SET changed_site = ?3, changed_at = ?4",
    )?
    .execute(params![ids(&touched), ids(&created), site, at])?;
    // Handles in the order the rows were created (keys grow with time; the changeset's own
    // order is not the insertion order).
    assign_handles(conn, "sme", created.into_iter().collect())?;
    for (table, keys) in numbered {
        assign_handles(conn, table, keys)?;
    }
    Ok(())
}

/// Tables besides `sme` whose rows people see by number (`Assessment #3`, `plan item 12`):
/// each row arriving or created here gets the next free local handle.
pub const HANDLED: &[&str] = &["assessment", "plan_item"];

/// Give each row of `keys` (of `kind`) that has no handle yet the next free short handle, in
/// key order (demo rows, below the global floor, are their own handle).
pub fn assign_handles(conn: &Connection, kind: &str, mut keys: Vec<i64>) -> rusqlite::Result<()> {
    keys.retain(|k| *k >= GLOBAL_KEY_FLOOR);
    if keys.is_empty() {
        return Ok(());
    }
    keys.sort_unstable();
    keys.dedup();
    // Past the last handle and past the demo rows, whose keys are their handles.
    let mut next: i64 = conn
        .prepare_cached(&format!(
            "SELECT max(coalesce((SELECT handle FROM local_handle WHERE kind = ?1
                                  ORDER BY handle DESC LIMIT 1), 0),
                        coalesce((SELECT id FROM {kind} WHERE id < ?2
                                  ORDER BY id DESC LIMIT 1), 0)) + 1"
        ))?
        .query_row(params![kind, GLOBAL_KEY_FLOOR], |r| r.get(0))?;
    // A key that has its handle already is ignored (UNIQUE (kind, key)) and takes no number.
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO local_handle (kind, handle, key) VALUES (?1, ?2, ?3)",
    )?;
    for key in keys {
        next += insert.execute(params![kind, next, key])? as i64;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn handles(conn: &Connection) -> Vec<(i64, i64)> {
        conn.prepare("SELECT handle, key FROM local_handle WHERE kind = 'sme' ORDER BY handle")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn handles_follow_demo_rows_and_key_order_once_each() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let conn = &store.conn;
        let demo: i64 = conn
            .query_row("SELECT coalesce(max(id), 0) FROM sme", [], |r| r.get(0))
            .unwrap();
        let (a, b, c) = (
            GLOBAL_KEY_FLOOR + 30,
            GLOBAL_KEY_FLOOR + 10,
            GLOBAL_KEY_FLOOR + 20,
        );
        // A demo key is its own handle; the rest are numbered in key order, not given order.
        assign_handles(conn, "sme", vec![a, b, 3, b]).unwrap();
        assert_eq!(handles(conn), vec![(demo + 1, b), (demo + 2, a)]);
        // Keys that already have a handle keep it; new ones continue the numbering.
        assign_handles(conn, "sme", vec![c, a]).unwrap();
        assert_eq!(
            handles(conn),
            vec![(demo + 1, b), (demo + 2, a), (demo + 3, c)]
        );
        assign_handles(conn, "sme", Vec::new()).unwrap();
        assert_eq!(handles(conn).len(), 3);
    }

    #[test]
    fn a_touch_names_the_sme_of_child_rows() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let touch = |table: &str, head: [Option<i64>; 2]| Touch {
            table: table.into(),
            op: Op::Insert,
            key: Some(GLOBAL_KEY_FLOOR + 1),
            head,
        };
        let conn = &store.conn;
        assert_eq!(
            sme_of(conn, &touch("sme_product", [Some(7), Some(0)])).unwrap(),
            Some(7)
        );
        assert_eq!(
            sme_of(conn, &touch("plan_item", [Some(1), Some(9)])).unwrap(),
            Some(9)
        );
        // An update that left the SME column alone and a row that is not here: no SME.
        assert_eq!(
            sme_of(conn, &touch("plan_item", [Some(1), None])).unwrap(),
            None
        );
        assert_eq!(
            sme_of(conn, &touch("audit", [Some(1), Some(2)])).unwrap(),
            None
        );
    }
}
