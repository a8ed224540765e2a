//! A canonical dump of the synced user data: every synced table, rows in key order, values as
//! JSON. Two replicas that exchanged the same packages print the same dump. Left out: the
//! `created_at`/`updated_at` stamps (the demo seed writes its own time at each site) and the
//! audit rows of the demo seed (each site writes them itself; they never sync).

use rusqlite::Connection;
use rusqlite::types::Value;

use super::SYNCED_TABLES;
use super::keys::GLOBAL_KEY_FLOOR;
use super::merge::{columns, to_json};

const STAMPS: &[&str] = &["created_at", "updated_at"];

pub fn dump(conn: &Connection) -> anyhow::Result<serde_json::Value> {
    let mut out = serde_json::Map::new();
    for table in SYNCED_TABLES {
        let cols: Vec<String> = columns(conn, table)?
            .into_iter()
            .filter(|c| !STAMPS.contains(&c.as_str()))
            .collect();
        let filter = if *table == "audit" {
            format!("WHERE id >= {GLOBAL_KEY_FLOOR}")
        } else {
            String::new()
        };
        let order: Vec<String> = (1..=cols.len()).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {table} {filter} ORDER BY {}",
            cols.join(", "),
            order.join(", ")
        ))?;
        let rows = stmt.query_map([], |r| {
            (0..cols.len())
                .map(|i| r.get::<_, Value>(i).map(|v| to_json(&v)))
                .collect::<Result<Vec<_>, _>>()
        })?;
        let rows: Vec<serde_json::Value> = rows
            .map(|r| r.map(serde_json::Value::from))
            .collect::<Result<_, _>>()?;
        out.insert(
            table.to_string(),
            serde_json::json!({ "columns": cols, "rows": rows }),
        );
    }
    Ok(serde_json::Value::Object(out))
}
