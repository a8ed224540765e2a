//! What a received change does when the row here moved on too (the conflict handler of
//! `Connection::apply_strm` only omits or replaces; the field-by-field merge runs afterwards in
//! the same transaction):
//! - different fields of one row: both edits are kept;
//! - the same field changed at two sites: both values are kept in `sync_conflict` and the row
//!   holds the greater of the two (SQLite's ordering), so every site shows the same value;
//! - bookkeeping columns (`version`, `updated_at`) never make a conflict: they take the
//!   higher version plus one and the later time, the same at every site;
//! - a delete against an edit is a conflict too (and the deleted row is kept in the record).

use std::cmp::Ordering;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::log::{Op, RowChange, sme_of};
use super::sha256::{hex, sha256};

/// The site, person and time of the change being applied.
pub struct Source<'a> {
    pub site: &'a str,
    pub who: &'a str,
    pub at: &'a str,
}

/// A conflict the handler met, with the row as it is here (when there is one).
#[derive(Debug, Clone)]
pub struct Met {
    pub kind: MetKind,
    pub change: RowChange,
    pub current: Vec<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetKind {
    /// The row here differs from the change's old values (or an insert met an existing row).
    Data,
    /// The row the change updates is not here.
    NotFound,
    /// An insert broke a UNIQUE constraint (the same pipeline entry added at two sites).
    Constraint,
}

const BOOKKEEPING: &[&str] = &["version", "updated_at", "created_at"];

/// SQLite's ordering of values: NULL, numbers, text, blobs.
pub fn compare(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Integer(_) | Value::Real(_) => 1,
            Value::Text(_) => 2,
            Value::Blob(_) => 3,
        }
    }
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        (Value::Blob(x), Value::Blob(y)) => x.cmp(y),
        (Value::Integer(_) | Value::Real(_), Value::Integer(_) | Value::Real(_)) => {
            as_f64(a).total_cmp(&as_f64(b))
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Integer(n) => *n as f64,
        Value::Real(f) => *f,
        _ => 0.0,
    }
}

/// A value as JSON (blobs as hex text).
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(n) => (*n).into(),
        Value::Real(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Text(s) => s.clone().into(),
        Value::Blob(b) => hex(b).into(),
    }
}

pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(*b as i64),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

pub fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!("PRAGMA table_info({table})"))?;
    stmt.query_map([], |r| r.get(1))?.collect()
}

/// Settle one conflict the handler met, after `apply` returned.
pub fn settle(conn: &Connection, met: &Met, src: &Source) -> anyhow::Result<()> {
    let c = &met.change;
    let cols = columns(conn, &c.table)?;
    let key = c.key();
    match (met.kind, c.op) {
        (MetKind::Data, Op::Update) | (MetKind::Data, Op::Insert) => {
            merge_fields(conn, met, &cols, &key, src)
        }
        (MetKind::Data, Op::Delete) => {
            // Deleted there, changed here: the delete went through; the row is kept here.
            let mine = row_json(&cols, &met.current);
            record(
                conn,
                c,
                &key,
                "*",
                &mine,
                &serde_json::json!("deleted"),
                src,
            )
        }
        (MetKind::NotFound, Op::Update) => {
            let theirs = row_json(
                &cols,
                &c.new
                    .iter()
                    .map(|v| v.clone().unwrap_or(Value::Null))
                    .collect::<Vec<_>>(),
            );
            record(
                conn,
                c,
                &key,
                "*",
                &serde_json::json!("deleted"),
                &theirs,
                src,
            )
        }
        (MetKind::Constraint, Op::Insert) => duplicate_entry(conn, met, &cols, src),
        _ => Ok(()),
    }
}

fn row_json(cols: &[String], values: &[Value]) -> serde_json::Value {
    serde_json::Value::Object(
        cols.iter()
            .zip(values)
            .map(|(c, v)| (c.clone(), to_json(v)))
            .collect(),
    )
}

fn merge_fields(
    conn: &Connection,
    met: &Met,
    cols: &[String],
    key: &[Value],
    src: &Source,
) -> anyhow::Result<()> {
    let c = &met.change;
    let mut sets: Vec<(usize, Value)> = Vec::new();
    let mut concurrent = false;
    for (i, col) in cols.iter().enumerate() {
        if c.pk.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(new) = c.new.get(i).cloned().flatten() else {
            continue;
        };
        let cur = met.current.get(i).cloned().unwrap_or(Value::Null);
        let old = if c.op == Op::Insert {
            None
        } else {
            c.old.get(i).cloned().flatten()
        };
        if BOOKKEEPING.contains(&col.as_str()) {
            let later = compare(&new, &cur) == Ordering::Greater;
            match col.as_str() {
                "version"
                    if old
                        .as_ref()
                        .is_some_and(|o| compare(o, &cur) == Ordering::Equal) =>
                {
                    sets.push((i, new))
                }
                "version" => concurrent = true,
                "created_at" if !later => sets.push((i, new)),
                "updated_at" if later => sets.push((i, new)),
                _ => {}
            }
            continue;
        }
        if compare(&cur, &new) == Ordering::Equal {
            continue;
        }
        if old
            .as_ref()
            .is_some_and(|o| compare(o, &cur) == Ordering::Equal)
        {
            if col == "deleted_at" && c.table == "sme" {
                // Deleted there while edited here: a conflict, and the delete holds.
                record(conn, c, key, col, &to_json(&cur), &to_json(&new), src)?;
            }
            sets.push((i, new));
            continue;
        }
        record(conn, c, key, col, &to_json(&cur), &to_json(&new), src)?;
        if compare(&new, &cur) == Ordering::Greater {
            sets.push((i, new));
        }
    }
    if c.table == "sme" {
        // Edited there while deleted here: a conflict; the row stays deleted.
        if let Some(i) = cols.iter().position(|c| c == "deleted_at") {
            let cur = met.current.get(i).cloned().unwrap_or(Value::Null);
            if cur != Value::Null && c.new.get(i).cloned().flatten().is_none() && c.op == Op::Update
            {
                record(
                    conn,
                    c,
                    key,
                    "deleted_at",
                    &to_json(&cur),
                    &serde_json::Value::Null,
                    src,
                )?;
            }
        }
    }
    if concurrent {
        if let Some(i) = cols.iter().position(|c| c == "version") {
            let cur = met.current.get(i).cloned().unwrap_or(Value::Null);
            let new = c.new.get(i).cloned().flatten().unwrap_or(Value::Null);
            let top = if compare(&new, &cur) == Ordering::Greater {
                new
            } else {
                cur
            };
            if let Value::Integer(v) = top {
                sets.push((i, Value::Integer(v + 1)));
            }
        }
    }
    update_row(conn, &c.table, cols, &c.pk, key, &sets)
}

fn update_row(
    conn: &Connection,
    table: &str,
    cols: &[String],
    pk: &[bool],
    key: &[Value],
    sets: &[(usize, Value)],
) -> anyhow::Result<()> {
    if sets.is_empty() {
        return Ok(());
    }
    let assign: Vec<String> = sets
        .iter()
        .enumerate()
        .map(|(n, (i, _))| format!("{} = ?{}", cols[*i], n + 1))
        .collect();
    let pk_cols: Vec<&String> = cols
        .iter()
        .zip(pk)
        .filter(|(_, p)| **p)
        .map(|(c, _)| c)
        .collect();
    let filter: Vec<String> = pk_cols
        .iter()
        .enumerate()
        .map(|(n, c)| format!("{c} = ?{}", sets.len() + n + 1))
        .collect();
    let sql = format!(
        "UPDATE {table} SET {} WHERE {}",
        assign.join(", "),
        filter.join(" AND ")
    );
    let values: Vec<Value> = sets
        .iter()
        .map(|(_, v)| v.clone())
        .chain(key.iter().cloned())
        .collect();
    conn.execute(&sql, params_from_iter(values))?;
    Ok(())
}

/// The same pipeline entry (SME × product × market) added at two sites: the one with the
/// smaller key stays at every site; if they differ, that is a conflict.
fn duplicate_entry(
    conn: &Connection,
    met: &Met,
    cols: &[String],
    src: &Source,
) -> anyhow::Result<()> {
    let c = &met.change;
    if c.table != "shortlist" {
        return Ok(());
    }
    let new: Vec<Value> = c
        .new
        .iter()
        .map(|v| v.clone().unwrap_or(Value::Null))
        .collect();
    let at = |name: &str| cols.iter().position(|c| c == name);
    let (Some(id_i), Some(sme_i), Some(hs_i), Some(iso_i)) =
        (at("id"), at("sme_id"), at("hs"), at("iso3"))
    else {
        return Ok(());
    };
    let existing: Option<Vec<Value>> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM shortlist WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3",
            cols.join(", ")
        ))?;
        let mut rows = stmt.query(rusqlite::params![&new[sme_i], &new[hs_i], &new[iso_i]])?;
        match rows.next()? {
            Some(r) => Some(
                (0..cols.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<_, _>>()?,
            ),
            None => None,
        }
    };
    let Some(mine) = existing else {
        return Ok(());
    };
    let differs = cols.iter().enumerate().any(|(i, col)| {
        !BOOKKEEPING.contains(&col.as_str())
            && col != "id"
            && compare(&mine[i], &new[i]) != Ordering::Equal
    });
    if compare(&new[id_i], &mine[id_i]) == Ordering::Less {
        conn.execute("DELETE FROM shortlist WHERE id = ?1", [&mine[id_i]])?;
        let marks: Vec<String> = (1..=cols.len()).map(|n| format!("?{n}")).collect();
        conn.execute(
            &format!(
                "INSERT INTO shortlist ({}) VALUES ({})",
                cols.join(", "),
                marks.join(", ")
            ),
            params_from_iter(new.iter()),
        )?;
    }
    if differs {
        let kept = if compare(&new[id_i], &mine[id_i]) == Ordering::Less {
            new[id_i].clone()
        } else {
            mine[id_i].clone()
        };
        let key = vec![kept];
        record(
            conn,
            c,
            &key,
            "*",
            &row_json(cols, &mine),
            &row_json(cols, &new),
            src,
        )?;
    }
    Ok(())
}

/// The id of a conflict, the same at every site that meets it: table, row, field and the two
/// values in order.
pub fn conflict_key(
    table: &str,
    key: &[Value],
    field: &str,
    a: &serde_json::Value,
    b: &serde_json::Value,
) -> String {
    let (ta, tb) = (a.to_string(), b.to_string());
    let (lo, hi) = if ta <= tb { (ta, tb) } else { (tb, ta) };
    let row: Vec<serde_json::Value> = key.iter().map(to_json).collect();
    let text = format!(
        "{table}|{}|{field}|{lo}|{hi}",
        serde_json::Value::Array(row)
    );
    hex(&sha256(text.as_bytes()))[..16].to_string()
}

fn record(
    conn: &Connection,
    c: &RowChange,
    key: &[Value],
    field: &str,
    mine: &serde_json::Value,
    theirs: &serde_json::Value,
    src: &Source,
) -> anyhow::Result<()> {
    let id = conflict_key(&c.table, key, field, mine, theirs);
    let row: Vec<serde_json::Value> = key.iter().map(to_json).collect();
    let sme = sme_of(conn, &c.touch())?;
    conn.execute(
        "INSERT OR IGNORE INTO sync_conflict
             (key, tbl, row_key, sme_id, field, mine, theirs, site, who, at, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            id,
            c.table,
            serde_json::Value::Array(row).to_string(),
            sme,
            field,
            mine.to_string(),
            theirs.to_string(),
            src.site,
            src.who,
            src.at,
            crate::clock::now_iso()
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_order_like_sqlite() {
        use Value::*;
        assert_eq!(compare(&Null, &Integer(0)), Ordering::Less);
        assert_eq!(compare(&Integer(2), &Real(1.5)), Ordering::Greater);
        assert_eq!(compare(&Real(9.0), &Text("1".into())), Ordering::Less);
        assert_eq!(
            compare(&Text("b".into()), &Text("a".into())),
            Ordering::Greater
        );
    }

    #[test]
    fn conflict_key_does_not_depend_on_which_side_is_mine() {
        let k = [Value::Integer(7)];
        let a = serde_json::json!("Hà Nội");
        let b = serde_json::json!(12);
        assert_eq!(
            conflict_key("sme", &k, "province", &a, &b),
            conflict_key("sme", &k, "province", &b, &a)
        );
        assert_ne!(
            conflict_key("sme", &k, "province", &a, &b),
            conflict_key("sme", &k, "notes", &a, &b)
        );
    }
}
