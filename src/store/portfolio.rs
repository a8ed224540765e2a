//! Queries the matching and generator commands need: the latest readiness of each SME and the
//! tax codes already taken.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

/// The latest readiness assessment of an SME: overall score (None when not computable) and band.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestReadiness {
    pub score: Option<f64>,
    pub band: Option<String>,
}

const LATEST: &str = "SELECT sme_id, overall, band FROM assessment a
     WHERE id = (SELECT id FROM assessment b WHERE b.sme_id = a.sme_id
                 ORDER BY assessed_at DESC, id DESC LIMIT 1)";

fn row(r: &rusqlite::Row) -> rusqlite::Result<(i64, LatestReadiness)> {
    Ok((
        r.get(0)?,
        LatestReadiness {
            score: r.get(1)?,
            band: r.get(2)?,
        },
    ))
}

/// Latest assessment of SME `id`, if it has one.
pub fn latest_readiness(conn: &Connection, id: i64) -> anyhow::Result<Option<LatestReadiness>> {
    Ok(conn
        .query_row(&format!("{LATEST} AND sme_id = ?1"), [id], row)
        .optional()?
        .map(|(_, r)| r))
}

/// Latest assessment of every SME that has one.
pub fn latest_readiness_all(conn: &Connection) -> anyhow::Result<HashMap<i64, LatestReadiness>> {
    let mut stmt = conn.prepare(LATEST)?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every tax code in the database (deleted SMEs included: a code is never reused).
pub fn tax_codes(conn: &Connection) -> anyhow::Result<HashSet<String>> {
    let mut stmt = conn.prepare("SELECT tax_code FROM sme WHERE tax_code <> ''")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn latest_assessment_wins() {
        let mut store = Store::open_in_memory().unwrap();
        let sme = crate::domain::Sme {
            name: "A".into(),
            tax_code: "0312345678".into(),
            province: "X".into(),
            sector: "coffee".into(),
            ..Default::default()
        };
        let ids = store.insert_smes(&[sme], "test").unwrap();
        assert_eq!(latest_readiness(&store.conn, ids[0]).unwrap(), None);
        for (at, overall, band) in [
            ("2026-01-01T00:00:00Z", 35.0, "not_yet"),
            ("2026-03-01T00:00:00Z", 65.0, "ready"),
            ("2026-02-01T00:00:00Z", 50.0, "preparing"),
        ] {
            store
                .conn
                .execute(
                    "INSERT INTO assessment (sme_id, assessed_at, assessor, questionnaire_version,
                     answers, overall, band, coverage, domains)
                     VALUES (?1, ?2, 't', '1', '{}', ?3, ?4, 1.0, '{}')",
                    rusqlite::params![ids[0], at, overall, band],
                )
                .unwrap();
        }
        let latest = latest_readiness(&store.conn, ids[0]).unwrap().unwrap();
        assert_eq!(latest.score, Some(65.0));
        assert_eq!(latest.band.as_deref(), Some("ready"));
        assert_eq!(latest_readiness_all(&store.conn).unwrap()[&ids[0]], latest);
        assert!(tax_codes(&store.conn).unwrap().contains("0312345678"));
    }
}
