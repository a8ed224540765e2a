//! Listing and resolving conflicts. A resolution is a captured change (the chosen value written
//! into the row, plus a `sync_resolution` row with the conflict's id), so it travels like any
//! edit and every site that meets it marks the same conflict resolved.

use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use super::merge::{columns, from_json};
use super::strings::said;
use crate::domain::sync::ConflictInfo;
use crate::error::bad_input;
use crate::say;

fn parse(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::String(text.to_string()))
}

/// The conflicts, pending first (all of them with `all`, else only pending ones).
pub fn list(conn: &Connection, all: bool) -> anyhow::Result<Vec<ConflictInfo>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.key, c.tbl, c.row_key, c.sme_id, s.name, c.field, c.mine, c.theirs,
                c.site, coalesce(t.name, ''), c.who, c.at, c.resolved_at, c.resolved_by, c.kept
         FROM sync_conflict c LEFT JOIN sme s ON s.id = c.sme_id
              LEFT JOIN sync_site t ON t.site_id = c.site
         WHERE ?1 OR c.resolved_at IS NULL
         ORDER BY c.resolved_at IS NOT NULL, c.id",
    )?;
    let rows = stmt.query_map([all], |r| {
        Ok(ConflictInfo {
            id: r.get(0)?,
            key: r.get(1)?,
            table: r.get(2)?,
            row: parse(&r.get::<_, String>(3)?),
            sme_id: r.get(4)?,
            sme_name: r.get(5)?,
            field: r.get(6)?,
            mine: parse(&r.get::<_, String>(7)?),
            theirs: parse(&r.get::<_, String>(8)?),
            site: r.get(9)?,
            site_name: r.get(10)?,
            who: r.get(11)?,
            at: r.get(12)?,
            resolved_at: r.get(13)?,
            resolved_by: r.get(14)?,
            kept: r.get::<_, Option<String>>(15)?.map(|k| parse(&k)),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Resolve conflict `id` inside a captured write transaction: write the kept value into the row
/// (for a field conflict) and record the resolution so that it syncs.
pub fn resolve(
    conn: &Connection,
    id: i64,
    keep_mine: bool,
    who: &str,
) -> anyhow::Result<ConflictInfo> {
    let found = list(conn, true)?.into_iter().find(|c| c.id == id);
    let Some(conflict) = found else {
        return Err(bad_input(said(|t| say!(t.no_such_conflict, id = id))));
    };
    if conflict.resolved_at.is_some() {
        let who = conflict.resolved_by.clone().unwrap_or_default();
        let at = crate::clock::local_stamp(conflict.resolved_at.as_deref().unwrap_or_default());
        return Err(bad_input(said(|t| {
            say!(t.already_resolved, id = id, who = who, at = at)
        })));
    }
    let kept = if keep_mine {
        &conflict.mine
    } else {
        &conflict.theirs
    };
    if conflict.field != "*" {
        let cols = columns(conn, &conflict.table)?;
        if !cols.contains(&conflict.field) {
            let (table, field) = (&conflict.table, &conflict.field);
            return Err(bad_input(said(|t| {
                say!(t.no_such_column, id = id, table = table, field = field)
            })));
        }
        let key: Vec<Value> = conflict
            .row
            .as_array()
            .into_iter()
            .flatten()
            .map(from_json)
            .collect();
        let pk = primary_key(conn, &conflict.table)?;
        let filter: Vec<String> = pk
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let bump = if cols.iter().any(|c| c == "version") {
            ", version = version + 1"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE {} SET {} = ?1{bump} WHERE {} AND {} IS NOT ?1",
            conflict.table,
            conflict.field,
            filter.join(" AND "),
            conflict.field
        );
        let values: Vec<Value> = std::iter::once(from_json(kept)).chain(key).collect();
        conn.execute(&sql, params_from_iter(values))?;
    }
    let now = crate::clock::now_iso();
    let site = super::log::self_site(conn)?;
    conn.execute(
        "INSERT INTO sync_resolution (key, keep, value, at, who, site) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(key) DO UPDATE SET keep = ?2, value = ?3, at = ?4, who = ?5, site = ?6",
        params![conflict.key, if keep_mine { "mine" } else { "theirs" }, kept.to_string(), now, who, site],
    )?;
    apply_resolutions(conn)?;
    Ok(list(conn, true)?
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or(conflict))
}

fn primary_key(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let mut cols: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(5)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(pk, _)| *pk > 0)
        .collect();
    cols.sort();
    Ok(cols.into_iter().map(|(_, c)| c).collect())
}

/// Mark resolved every conflict whose resolution is here (made here or received).
pub fn apply_resolutions(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE sync_conflict SET resolved_at = r.at, resolved_by = r.who, kept = r.value
         FROM sync_resolution r WHERE sync_conflict.key = r.key AND sync_conflict.resolved_at IS NULL",
        [],
    )
}

/// How many conflicts wait for a decision.
pub fn pending(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// The pending conflicts of one SME (field names), for its detail view.
pub fn of_sme(conn: &Connection, sme_id: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT field FROM sync_conflict WHERE sme_id = ?1 AND resolved_at IS NULL ORDER BY id",
    )?;
    stmt.query_map([sme_id], |r| r.get(0))?.collect()
}
