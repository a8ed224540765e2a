//! What the dashboard's SME form and views need beyond the portfolio: creating one SME (its tax
//! code checked inside the transaction), the deleted SMEs (one query, read only when their view
//! opens, so start-up does not pay for it) and one SME's changes from the audit trail.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, insert_audited};
use crate::domain::Sme;
use crate::domain::changes::{ChangeEntry, DeletedSme, change_entry};
use crate::error::bad_input;

impl Store {
    /// Create `sme` (its id and version are ignored) in one audited transaction. Refused when
    /// another SME has its tax code, a deleted one included (restore that one instead).
    pub fn create_sme(&mut self, sme: &Sme, who: &str) -> anyhow::Result<i64> {
        let now = crate::clock::now_iso();
        let tx = self.write()?;
        let clash: Option<(i64, String, bool)> = tx
            .query_row(
                "SELECT id, name, deleted_at IS NOT NULL FROM sme WHERE tax_code = ?1
                 ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
                [&sme.tax_code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, name, deleted)) = clash {
            return Err(bad_input(super::strings::said(|t| {
                let how = if deleted {
                    t.taken_deleted_how
                } else {
                    t.taken_edit_how
                };
                crate::say!(
                    t.tax_code_taken_named,
                    tax_code = sme.tax_code,
                    id = id,
                    name = name,
                    how = how
                )
            })));
        }
        let id = insert_audited(&tx, sme, &now, who)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes to SME `id` and its records, newest first.
    pub fn sme_changes(&self, id: i64) -> anyhow::Result<Vec<ChangeEntry>> {
        let mut entries: Vec<ChangeEntry> = self
            .audit_log(Some(id))?
            .iter()
            .map(|e| change_entry(&e.at, &e.who, &e.entity, &e.action, &e.before, &e.after))
            .collect();
        entries.reverse();
        Ok(entries)
    }
}

/// Every soft-deleted SME, most recently deleted first.
pub fn load_deleted_smes(conn: &Connection) -> anyhow::Result<Vec<DeletedSme>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, tax_code, province, deleted_at, version FROM sme
         WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok(DeletedSme {
            id: r.get(0)?,
            name: r.get(1)?,
            tax_code: r.get(2)?,
            province: r.get(3)?,
            deleted_at: r.get(4)?,
            version: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sme(tax: &str) -> Sme {
        Sme {
            name: "Công ty Thử".into(),
            tax_code: tax.into(),
            province: "Huế".into(),
            sector: "coffee".into(),
            ..Sme::default()
        }
    }

    #[test]
    fn create_refuses_a_taken_tax_code_and_lists_deleted_ones() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.create_sme(&sme("0312345678"), "lan").unwrap();
        let again = store.create_sme(&sme("0312345678"), "lan").unwrap_err();
        assert!(
            again.to_string().contains("edit that SME instead"),
            "{again}"
        );
        assert!(load_deleted_smes(&store.conn).unwrap().is_empty());
        store.delete_sme(id, 1, "lan").unwrap();
        let deleted = load_deleted_smes(&store.conn).unwrap();
        assert_eq!(deleted.len(), 1);
        assert_eq!((deleted[0].id, deleted[0].version), (id, 2));
        let again = store.create_sme(&sme("0312345678"), "lan").unwrap_err();
        assert!(again.to_string().contains("restore it"), "{again}");
        let changes = store.sme_changes(id).unwrap();
        let actions: Vec<&str> = changes.iter().map(|c| c.action.as_str()).collect();
        assert_eq!(actions, ["delete", "create"]);
        assert_eq!(changes[1].who, "lan");
    }
}
