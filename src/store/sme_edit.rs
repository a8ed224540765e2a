//! Saving changes to one SME with an optimistic version check: a save states the version it
//! was opened at and is refused (with the other session's version) if someone saved since.
//! Soft delete and restore follow the same rule. Each is one audited transaction.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::Value;

use super::strings::said;
use super::{Change, Store, audit, editable_values, load_sme_any, write_lists};
use crate::domain::Sme;
use crate::domain::audit::diff;
use crate::error::{Conflict, OtherChange, bad_input};
use crate::say;

impl Store {
    /// Save `sme` (its lists included) if the stored version is still `sme.version`. Returns
    /// the new version (unchanged when nothing differed). The origin is kept as stored.
    pub fn update_sme(&mut self, sme: &Sme, who: &str) -> anyhow::Result<i64> {
        let now = crate::clock::now_iso();
        let tx = self.write()?;
        let (stored, deleted) = current(&tx, sme.id)?;
        if deleted || stored.version != sme.version {
            return Err(conflict(&tx, sme, &stored, deleted)?);
        }
        let wanted = Sme {
            origin: stored.origin,
            ..sme.clone()
        };
        if wanted == stored {
            return Ok(stored.version);
        }
        let clash: Option<i64> = tx
            .query_row(
                "SELECT id FROM sme WHERE tax_code = ?1 AND id <> ?2 AND deleted_at IS NULL",
                params![sme.tax_code, sme.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            return Err(bad_input(said(|t| {
                say!(t.tax_code_taken, tax_code = sme.tax_code, other = other)
            })));
        }
        let head: [SqlValue; 2] = [sme.id.into(), sme.version.into()];
        tx.execute(
            "UPDATE sme SET name = ?3, tax_code = ?4, province = ?5, sector = ?6, employees = ?7,
                 revenue_usd = ?8, founded = ?9, export_experience = ?10, languages = ?11,
                 contact_name = ?12, contact_email = ?13, contact_phone = ?14, notes = ?15,
                 version = version + 1, updated_at = ?16
             WHERE id = ?1 AND version = ?2 AND deleted_at IS NULL",
            params_from_iter(
                head.into_iter()
                    .chain(editable_values(sme))
                    .chain([now.into()]),
            ),
        )?;
        write_lists(&tx, sme.id, sme)?;
        let (after, _) = current(&tx, sme.id)?;
        audit(
            &tx,
            who,
            Change {
                entity: "sme",
                entity_id: sme.id.to_string(),
                sme_id: Some(sme.id),
                action: "update",
                before: Some(serde_json::to_string(&stored)?),
                after: Some(serde_json::to_string(&after)?),
            },
        )?;
        tx.commit()?;
        Ok(after.version)
    }

    /// Soft-delete SME `id` opened at `version` (kept, hidden, restorable). Returns the new version.
    pub fn delete_sme(&mut self, id: i64, version: i64, who: &str) -> anyhow::Result<i64> {
        self.set_deleted(id, version, true, who)
    }

    /// Undo a soft delete of SME `id` at `version`. Returns the new version.
    pub fn restore_sme(&mut self, id: i64, version: i64, who: &str) -> anyhow::Result<i64> {
        self.set_deleted(id, version, false, who)
    }

    /// Current version of SME `id` and whether it is deleted.
    pub fn sme_version(&self, id: i64) -> anyhow::Result<(i64, bool)> {
        self.conn
            .query_row(
                "SELECT version, deleted_at IS NOT NULL FROM sme WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| unknown(id))
    }

    fn set_deleted(
        &mut self,
        id: i64,
        version: i64,
        delete: bool,
        who: &str,
    ) -> anyhow::Result<i64> {
        let now = crate::clock::now_iso();
        let tx = self.write()?;
        let (stored, deleted_at) = current_with_time(&tx, id)?;
        let deleted = deleted_at.is_some();
        if deleted == delete {
            return Err(bad_input(said(|t| {
                say!(
                    if delete {
                        t.already_deleted
                    } else {
                        t.not_deleted
                    },
                    id = id
                )
            })));
        }
        if stored.version != version {
            let yours = Sme {
                version,
                ..stored.clone()
            };
            return Err(conflict(&tx, &yours, &stored, deleted)?);
        }
        if !delete {
            let clash: Option<i64> = tx
                .query_row(
                    "SELECT id FROM sme WHERE tax_code = ?1 AND id <> ?2 AND deleted_at IS NULL",
                    params![stored.tax_code, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = clash {
                return Err(bad_input(said(|t| {
                    say!(
                        t.restore_tax_code_taken,
                        id = id,
                        tax_code = stored.tax_code,
                        other = other
                    )
                })));
            }
        }
        tx.execute(
            "UPDATE sme SET deleted_at = ?3, version = version + 1, updated_at = ?4
             WHERE id = ?1 AND version = ?2",
            params![id, version, delete.then_some(&now), now],
        )?;
        let before = with_deleted(&stored, deleted_at.as_deref());
        let after = with_deleted(
            &Sme {
                version: version + 1,
                ..stored.clone()
            },
            delete.then_some(now.as_str()),
        );
        audit(
            &tx,
            who,
            Change {
                entity: "sme",
                entity_id: id.to_string(),
                sme_id: Some(id),
                action: if delete { "delete" } else { "restore" },
                before: Some(before.to_string()),
                after: Some(after.to_string()),
            },
        )?;
        tx.commit()?;
        Ok(version + 1)
    }
}

fn unknown(id: i64) -> anyhow::Error {
    bad_input(said(|t| say!(t.unknown_sme, id = id)))
}

/// The stored SME (deleted or not) and whether it is deleted.
fn current(conn: &Connection, id: i64) -> anyhow::Result<(Sme, bool)> {
    let (sme, deleted_at) = current_with_time(conn, id)?;
    Ok((sme, deleted_at.is_some()))
}

/// The stored SME (deleted or not) and when it was deleted.
fn current_with_time(conn: &Connection, id: i64) -> anyhow::Result<(Sme, Option<String>)> {
    let sme = load_sme_any(conn, id)?.ok_or_else(|| unknown(id))?;
    let deleted_at = conn.query_row("SELECT deleted_at FROM sme WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    Ok((sme, deleted_at))
}

fn with_deleted(sme: &Sme, deleted_at: Option<&str>) -> Value {
    let mut v = serde_json::to_value(sme).unwrap_or(Value::Null);
    if let (Some(obj), Some(at)) = (v.as_object_mut(), deleted_at) {
        obj.insert("deleted_at".into(), Value::String(at.to_string()));
    }
    v
}

/// Build the refusal: the saves by others since `yours.version` (from the audit trail) and
/// what `yours` changes relative to the version it was opened at.
fn conflict(
    conn: &Connection,
    yours: &Sme,
    stored: &Sme,
    deleted: bool,
) -> anyhow::Result<anyhow::Error> {
    let mut stmt = conn.prepare(
        "SELECT who, at, action, before, after FROM audit
         WHERE entity = 'sme' AND entity_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([yours.id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let parse = |s: Option<String>| {
        s.and_then(|s| serde_json::from_str::<Value>(&s).ok())
            .unwrap_or(Value::Null)
    };
    let mut base: Option<Value> = None;
    let mut theirs = Vec::new();
    for row in rows {
        let (who, at, action, before, after) = row?;
        let (before, after) = (parse(before), parse(after));
        let version = if action == "create" {
            1
        } else {
            after["version"].as_i64().unwrap_or(0)
        };
        if version <= yours.version {
            base = Some(after);
        } else {
            theirs.push(OtherChange {
                changes: diff(&before, &after),
                who,
                at,
                action,
            });
        }
    }
    let yours_json = serde_json::to_value(yours)?;
    let current = serde_json::to_value(stored)?;
    let base = base.unwrap_or_else(|| current.clone());
    // What would be lost: fields where your value differs from the opened version and from
    // what is stored now (a field only the other session changed is not "yours").
    let yours_changes = diff(&base, &yours_json)
        .into_iter()
        .filter(|c| current.get(&c.field) != Some(&c.after))
        .collect();
    Ok(anyhow::Error::new(Conflict {
        entity: "SME".into(),
        id: yours.id.to_string(),
        name: stored.name.clone(),
        your_version: yours.version,
        current_version: stored.version,
        deleted,
        theirs,
        yours: yours_changes,
        current,
    }))
}
