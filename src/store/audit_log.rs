//! Reading the audit trail: who changed what and when, with the values before and after.

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use super::Store;

/// One recorded change. `before`/`after` are the JSON the writer recorded (null when absent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub entity: String,
    pub entity_id: String,
    pub sme_id: Option<i64>,
    pub action: String,
    pub before: Value,
    pub after: Value,
}

fn json_or_text(s: Option<String>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
    }
}

impl Store {
    /// The audit trail, oldest first; with `sme`, only the changes to that SME and its records.
    pub fn audit_log(&self, sme: Option<i64>) -> anyhow::Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, who, entity, entity_id, sme_id, action, before, after FROM audit
             WHERE ?1 IS NULL OR sme_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![sme], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                sme_id: r.get(5)?,
                action: r.get(6)?,
                before: json_or_text(r.get(7)?),
                after: json_or_text(r.get(8)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether an SME with `id` was ever stored (deleted ones included).
    pub fn sme_exists(&self, id: i64) -> anyhow::Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM sme WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })?
            > 0)
    }
}
