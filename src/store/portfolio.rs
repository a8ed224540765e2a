//! Load the whole portfolio for the dashboard in one go: reference data, SMEs, the pipeline,
//! plan items and the latest readiness of each SME.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{load_reference, load_smes};
use crate::domain::portfolio::{Portfolio, ReadinessView, band_code};
use crate::domain::{PlanItem, PlanStatus, ShortlistEntry, Stage};

/// Every pipeline entry of SMEs not deleted, by SME then id.
pub fn load_shortlist(conn: &Connection) -> anyhow::Result<Vec<ShortlistEntry>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.sme_id, s.hs, s.iso3, s.stage, s.reason, s.score, s.snapshot,
                s.reference_version, s.created_at, s.updated_at, s.version
         FROM shortlist s JOIN sme ON sme.id = s.sme_id
         WHERE sme.deleted_at IS NULL ORDER BY s.sme_id, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let stage: String = r.get(4)?;
        Ok(ShortlistEntry {
            id: r.get(0)?,
            sme_id: r.get(1)?,
            hs: r.get(2)?,
            iso3: r.get(3)?,
            // An unknown stage written by a newer version is shown as a candidate.
            stage: Stage::parse(&stage).unwrap_or(Stage::Candidate),
            reason: r.get(5)?,
            score: r.get(6)?,
            snapshot: r.get(7)?,
            reference_version: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
            version: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every plan item of SMEs not deleted, by SME then due date (undated last).
pub fn load_plan_items(conn: &Connection) -> anyhow::Result<Vec<PlanItem>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.sme_id, p.iso3, p.gap, p.action, p.provider_id, p.owner, p.due, p.status,
                p.notes, p.version
         FROM plan_item p JOIN sme ON sme.id = p.sme_id
         WHERE sme.deleted_at IS NULL
         ORDER BY p.sme_id, p.due IS NULL, p.due, p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(8)?;
        Ok(PlanItem {
            id: r.get(0)?,
            sme_id: r.get(1)?,
            iso3: r.get(2)?,
            gap: r.get(3)?,
            action: r.get(4)?,
            provider_id: r.get(5)?,
            owner: r.get(6)?,
            due: r.get(7)?,
            status: PlanStatus::parse(&status).unwrap_or(PlanStatus::Todo),
            notes: r.get(9)?,
            version: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

type Readiness = (
    HashMap<i64, ReadinessView>,
    HashMap<i64, Vec<(String, f64)>>,
);

/// Latest assessment of each SME and the history of overall scores, oldest first.
fn load_readiness(conn: &Connection) -> anyhow::Result<Readiness> {
    let mut stmt = conn.prepare(
        "SELECT sme_id, assessed_at, overall, band, capped_by_gate, coverage
         FROM assessment ORDER BY sme_id, assessed_at, id",
    )?;
    let mut latest = HashMap::new();
    let mut history: HashMap<i64, Vec<(String, f64)>> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            ReadinessView {
                assessed_at: r.get(1)?,
                overall: r.get(2)?,
                band: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(band_code),
                capped_by_gate: r.get(4)?,
                coverage: r.get(5)?,
                domains: Vec::new(),
            },
        ))
    })?;
    for row in rows {
        let (sme_id, view) = row?;
        if let Some(score) = view.overall {
            history
                .entry(sme_id)
                .or_default()
                .push((view.assessed_at.clone(), score));
        }
        latest.insert(sme_id, view);
    }
    Ok((latest, history))
}

/// Everything the dashboard shows, read in one pass at start.
pub fn load_portfolio(conn: &Connection) -> anyhow::Result<Portfolio> {
    let (readiness, history) = load_readiness(conn)?;
    Ok(Portfolio {
        reference: load_reference(conn)?,
        smes: load_smes(conn)?,
        shortlist: load_shortlist(conn)?,
        plan: load_plan_items(conn)?,
        readiness,
        history,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Product, Sme};
    use crate::store::Store;

    fn store_with_sme() -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let sme = Sme {
            name: "Công ty Thử".into(),
            province: "Đồng Tháp".into(),
            sector: "seafood".into(),
            products: vec![Product {
                hs: "0304".into(),
                description: String::new(),
            }],
            ..Sme::default()
        };
        let id = store.insert_smes(&[sme], "test").unwrap()[0];
        (store, id)
    }

    #[test]
    fn loads_pipeline_plan_and_readiness() {
        let (store, id) = store_with_sme();
        let c = &store.conn;
        c.execute(
            "INSERT INTO shortlist (sme_id, hs, iso3, stage, created_at, updated_at)
             VALUES (?1, '0304', 'ARE', 'engaged', 'x', 'x')",
            [id],
        )
        .unwrap();
        c.execute(
            "INSERT INTO plan_item (sme_id, iso3, action, owner, due, status, created_at, updated_at)
             VALUES (?1, 'ARE', 'later', 'me', NULL, 'todo', 'x', 'x'),
                    (?1, 'ARE', 'sooner', 'me', '2026-12-01', 'in_progress', 'x', 'x')",
            [id],
        )
        .unwrap();
        for (at, overall, band) in [
            ("2026-01-10", 35.0, "not_yet"),
            ("2026-06-10", 64.5, "ready"),
        ] {
            c.execute(
                "INSERT INTO assessment (sme_id, assessed_at, assessor, questionnaire_version,
                     answers, overall, band, coverage, domains)
                 VALUES (?1, ?2, 'me', '1', '{}', ?3, ?4, 1.0, '{}')",
                rusqlite::params![id, at, overall, band],
            )
            .unwrap();
        }
        let p = load_portfolio(c).unwrap();
        assert_eq!(p.smes.len(), 1);
        assert_eq!(p.shortlist.len(), 1);
        assert_eq!(p.shortlist[0].stage, Stage::Engaged);
        assert_eq!(p.plan[0].action, "sooner");
        assert_eq!(p.plan[1].due, None);
        let latest = &p.readiness[&id];
        assert_eq!(latest.band, Some("ready"));
        assert_eq!(latest.overall, Some(64.5));
        assert_eq!(p.history[&id].len(), 2);
        assert_eq!(p.history[&id][0], ("2026-01-10".to_string(), 35.0));
    }

    #[test]
    fn deleted_smes_leave_no_pipeline() {
        let (store, id) = store_with_sme();
        store
            .conn
            .execute(
                "INSERT INTO shortlist (sme_id, hs, iso3, stage, created_at, updated_at)
                 VALUES (?1, '0304', 'ARE', 'candidate', 'x', 'x')",
                [id],
            )
            .unwrap();
        store
            .conn
            .execute("UPDATE sme SET deleted_at = 'x' WHERE id = ?1", [id])
            .unwrap();
        let p = load_portfolio(&store.conn).unwrap();
        assert!(p.smes.is_empty());
        assert!(p.shortlist.is_empty());
    }
}
