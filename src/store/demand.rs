//! Imported demand series (ITC Trade Map): stored in one transaction, replacing earlier values
//! for the same market × product × kind × year, with an audit row.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::{Change, Store, audit};
use crate::domain::trademap::TradeMapFile;

/// What an import stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// Values written (new or replacing).
    pub rows_stored: usize,
    /// Of those, values that replaced an earlier import's.
    pub replaced: usize,
    /// Markets with at least one value.
    pub markets: usize,
}

impl Store {
    /// Store the series of a Trade Map file, all or nothing. `file_name` is recorded with each
    /// value (shown as the figure's source file).
    pub fn import_demand(
        &mut self,
        parsed: &TradeMapFile,
        file_name: &str,
        who: &str,
    ) -> anyhow::Result<ImportReport> {
        let rows = parsed.demand_rows();
        let now = crate::clock::now_iso();
        let tx = self.write()?;
        let mut before = Vec::new();
        {
            let mut get = tx.prepare(
                "SELECT value_usd, source, file, imported_at FROM demand
                 WHERE iso3 = ?1 AND hs = ?2 AND kind = ?3 AND year = ?4",
            )?;
            let mut put = tx.prepare(
                "INSERT INTO demand (iso3, hs, kind, year, value_usd, source, file, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (iso3, hs, kind, year) DO UPDATE SET
                     value_usd = excluded.value_usd, source = excluded.source,
                     file = excluded.file, imported_at = excluded.imported_at",
            )?;
            for r in &rows {
                let key = params![r.iso3, r.hs, r.kind, r.year];
                let old = get
                    .query_row(key, |row| {
                        Ok(json!({
                            "iso3": r.iso3, "hs": r.hs, "kind": r.kind, "year": r.year,
                            "value_usd": row.get::<_, f64>(0)?,
                            "source": row.get::<_, String>(1)?,
                            "file": row.get::<_, String>(2)?,
                            "imported_at": row.get::<_, String>(3)?,
                        }))
                    })
                    .optional()?;
                before.extend(old);
                put.execute(params![
                    r.iso3, r.hs, r.kind, r.year, r.value, r.source, file_name, now
                ])?;
            }
        }
        let markets = parsed.rows.len();
        let after = json!({
            "file": file_name,
            "report": parsed.report.title(),
            "kind": parsed.report.series_kind(),
            "hs": parsed.product.hs,
            "years": parsed.years,
            "rows": rows.len(),
            "markets": parsed.rows.iter().map(|r| r.iso3.as_str()).collect::<Vec<_>>(),
            "unmapped": parsed.unmapped.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        });
        let replaced = before.len();
        audit(
            &tx,
            who,
            Change {
                entity: "demand",
                entity_id: file_name.to_string(),
                sme_id: None,
                action: "import",
                before: (!before.is_empty()).then(|| json!({ "replaced": before }).to_string()),
                after: Some(after.to_string()),
            },
        )?;
        tx.commit()?;
        Ok(ImportReport {
            rows_stored: rows.len(),
            replaced,
            markets,
        })
    }

    /// Number of stored demand values (all kinds).
    pub fn demand_count(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM demand", [], |r| r.get(0))?)
    }
}
