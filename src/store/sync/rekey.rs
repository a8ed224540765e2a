//! Migrating a database made before sync: rows people created get global keys (their old
//! number stays their short handle), demo rows keep their small keys (the same at every
//! site), and everything people created is recorded as this site's first changeset, so that
//! other sites receive it like any later change.

use rusqlite::session::Session;
use rusqlite::{Connection, params};

use super::keys::{GLOBAL_KEY_FLOOR, new_key};
use super::{OWN_ID_TABLES, SYNCED_TABLES, log, sme_children};

const SEED_AUDITOR: &str = "goglobal (sample data)";

/// Re-key and capture the user rows of a database migrated to the sync schema (inside the
/// migration's transaction).
pub fn rekey(conn: &Connection) -> anyhow::Result<()> {
    conn.pragma_update(None, "defer_foreign_keys", "ON")?;
    let user_smes: Vec<i64> = ids(
        conn,
        &format!(
            "SELECT id FROM sme WHERE origin != 'sample' AND id < {GLOBAL_KEY_FLOOR} ORDER BY id"
        ),
    )?;
    for old in user_smes {
        let Some(new) = new_key(conn, "sme")? else {
            continue;
        };
        conn.execute("UPDATE sme SET id = ?2 WHERE id = ?1", [old, new])?;
        for child in sme_children() {
            conn.execute(
                &format!("UPDATE {child} SET sme_id = ?2 WHERE sme_id = ?1"),
                [old, new],
            )?;
        }
        conn.execute(
            "UPDATE audit SET entity_id = ?2 WHERE entity = 'sme' AND entity_id = ?1",
            [old.to_string(), new.to_string()],
        )?;
        conn.execute(
            "INSERT INTO local_handle (kind, handle, key) VALUES ('sme', ?1, ?2)",
            [old, new],
        )?;
    }
    for table in OWN_ID_TABLES {
        let rows = ids(
            conn,
            &format!(
                "SELECT id FROM {table} WHERE id < {GLOBAL_KEY_FLOOR}
                   AND sme_id NOT IN (SELECT id FROM sme WHERE origin = 'sample') ORDER BY id"
            ),
        )?;
        for old in rows {
            let Some(new) = new_key(conn, table)? else {
                continue;
            };
            conn.execute(
                &format!("UPDATE {table} SET id = ?2 WHERE id = ?1"),
                [old, new],
            )?;
            conn.execute(
                "UPDATE audit SET entity_id = ?3 WHERE entity = ?1 AND entity_id = ?2",
                params![table, old.to_string(), new.to_string()],
            )?;
        }
    }
    let audits = ids(
        conn,
        &format!(
            "SELECT id FROM audit WHERE id < {GLOBAL_KEY_FLOOR} AND who != '{SEED_AUDITOR}' ORDER BY id"
        ),
    )?;
    for old in audits {
        let Some(new) = new_key(conn, "audit")? else {
            continue;
        };
        conn.execute("UPDATE audit SET id = ?2 WHERE id = ?1", [old, new])?;
    }
    capture_existing(conn)
}

fn ids(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// Record every row with a global key as one changeset of inserts made here: the session
/// extension's `diff` against temporary copies that hold only the demo rows.
fn capture_existing(conn: &Connection) -> anyhow::Result<()> {
    let bytes = {
        let mut session = Session::new(conn)?;
        for table in SYNCED_TABLES {
            session.attach(Some(*table))?;
        }
        for table in SYNCED_TABLES {
            let create: String = conn.query_row(
                "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            let create = create.replacen("CREATE TABLE", "CREATE TEMP TABLE", 1);
            conn.execute_batch(&create)?;
            let keep = match *table {
                "sme_product" | "sme_market" | "sme_certification" => "sme_id",
                "sync_resolution" => "NULL",
                _ => "id",
            };
            conn.execute(
                &format!(
                    "INSERT INTO temp.{table} SELECT * FROM main.{table} WHERE {keep} < {GLOBAL_KEY_FLOOR}"
                ),
                [],
            )?;
            session.diff::<&str, &str>("temp", table)?;
        }
        let mut bytes = Vec::new();
        if !session.is_empty() {
            session.changeset_strm(&mut bytes)?;
        }
        bytes
    };
    for table in SYNCED_TABLES.iter().rev() {
        conn.execute_batch(&format!("DROP TABLE temp.{table}"))?;
    }
    if !bytes.is_empty() {
        log::record_local(conn, &bytes)?;
    }
    Ok(())
}
