//! Portfolio-wide queries: the latest readiness of each SME and the tax codes already taken (for
//! matching and the generator), and everything the dashboard shows, loaded in one go.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::Context;
use rusqlite::{Connection, OptionalExtension};

use super::{load_reference_without_nomenclature, load_smes};
use crate::domain::portfolio::{Portfolio, ReadinessView};
use crate::domain::readiness::{Band, DomainScore};
use crate::domain::{PlanItem, ShortlistEntry};

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

/// Every pipeline entry of SMEs not deleted, by SME then id.
pub fn load_shortlist(conn: &Connection) -> anyhow::Result<Vec<ShortlistEntry>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.sme_id, s.hs, s.iso3, s.stage, s.reason, s.score, s.snapshot,
                s.reference_version, s.created_at, s.updated_at, s.version
         FROM shortlist s JOIN sme ON sme.id = s.sme_id
         WHERE sme.deleted_at IS NULL ORDER BY s.sme_id, s.id",
    )?;
    let rows = stmt.query_map([], super::pipeline::entry_from_row)?;
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
    let rows = stmt.query_map([], super::pipeline::plan_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

type History = HashMap<i64, Vec<(String, f64)>>;

/// The latest assessment of each SME as the dashboard shows it, and every scored assessment's
/// overall score (the history sparkline), in one pass. Only the latest row's domain scores are
/// decoded: answers, notes and gaps are not needed to draw, and this is on the start-up path.
/// "Latest" is as in [`latest_assessments`]: the last by date, then by id.
fn load_readiness(conn: &Connection) -> anyhow::Result<(HashMap<i64, ReadinessView>, History)> {
    let mut stmt = conn.prepare(
        "SELECT a.sme_id, a.assessed_at, a.overall, a.band, a.capped_by_gate, a.coverage,
                a.domains, a.id
         FROM assessment a JOIN sme s ON s.id = a.sme_id AND s.deleted_at IS NULL
         ORDER BY a.sme_id, a.assessed_at, a.id",
    )?;
    let mut history: History = HashMap::new();
    let mut latest: HashMap<i64, (ReadinessView, String, i64)> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        let view = ReadinessView {
            assessed_at: r.get(1)?,
            overall: r.get(2)?,
            band: r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(Band::parse)
                .map(Band::code),
            capped_by_gate: r.get(4)?,
            coverage: r.get(5)?,
            domains: Vec::new(),
        };
        Ok((
            r.get::<_, i64>(0)?,
            view,
            r.get::<_, String>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    for row in rows {
        let (sme_id, view, domains, id) = row?;
        if let Some(score) = view.overall {
            history
                .entry(sme_id)
                .or_default()
                .push((view.assessed_at.clone(), score));
        }
        latest.insert(sme_id, (view, domains, id));
    }
    let mut views = HashMap::with_capacity(latest.len());
    for (sme_id, (mut view, domains, id)) in latest {
        let domains: BTreeMap<String, DomainScore> = serde_json::from_str(&domains)
            .with_context(|| format!("assessment {id} has malformed JSON"))?;
        view.domains = domains.into_iter().map(|(k, d)| (k, d.score)).collect();
        views.insert(sme_id, view);
    }
    Ok((views, history))
}

/// Everything the dashboard shows and a ranking needs, read in one pass.
pub fn load_portfolio(conn: &Connection) -> anyhow::Result<Portfolio> {
    let mut portfolio = load_portfolio_for_first_frame(conn)?;
    load_portfolio_after_first_frame(conn, &mut portfolio)?;
    Ok(portfolio)
}

/// [`load_portfolio`] without the HS nomenclature, the decision logs and the BACI trade rows
/// of the SMEs' products: what the dashboard's first frame needs (it shows no product label,
/// no SME's detail, and ranks nothing). The dashboard reads the rest with [`load_portfolio_after_first_frame`] just after
/// drawing, before it reads the first key: the 18,353 codes and a few hundred inflated trade
/// rows would otherwise delay the first frame by tens of milliseconds.
pub fn load_portfolio_for_first_frame(conn: &Connection) -> anyhow::Result<Portfolio> {
    let (readiness, history) = load_readiness(conn)?;
    Ok(Portfolio {
        reference: load_reference_without_nomenclature(conn)?,
        smes: load_smes(conn)?,
        shortlist: load_shortlist(conn)?,
        plan: load_plan_items(conn)?,
        readiness,
        history,
        baselines: super::pipeline::recorded_baselines(conn)?,
        // Shown only in an SME's detail: read after the frame.
        decisions: HashMap::new(),
    })
}

/// What [`load_portfolio_for_first_frame`] left out: the nomenclature (unless already there),
/// the decision logs and the BACI trade of every SME product.
pub fn load_portfolio_after_first_frame(
    conn: &Connection,
    portfolio: &mut Portfolio,
) -> anyhow::Result<()> {
    load_portfolio_nomenclature(conn, portfolio)?;
    portfolio.decisions = super::pipeline::all_decisions(conn)?;
    load_portfolio_trade(conn, portfolio)
}

/// The HS nomenclature into `portfolio.reference`, unless it is there already.
pub fn load_portfolio_nomenclature(
    conn: &Connection,
    portfolio: &mut Portfolio,
) -> anyhow::Result<()> {
    if portfolio.reference.hs.is_empty() {
        portfolio.reference.hs = super::load_nomenclature(conn)?;
    }
    Ok(())
}

/// The BACI trade of every SME product into `portfolio.reference` (codes already there are
/// not read again).
pub fn load_portfolio_trade(conn: &Connection, portfolio: &mut Portfolio) -> anyhow::Result<()> {
    let products = super::trade::sme_products(conn)?;
    super::load_trade(
        conn,
        &mut portfolio.reference,
        products.iter().map(String::as_str),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stage;
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

    use crate::domain::{Product, Sme};

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
    fn readiness_views_agree_with_the_stored_assessments() {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        let p = load_portfolio(&store.conn).unwrap();
        let records = crate::store::latest_assessments(&store.conn).unwrap();
        assert!(records.len() > 10, "the demo portfolio has assessments");
        assert_eq!(p.readiness.len(), records.len());
        for (id, rec) in &records {
            assert_eq!(
                p.readiness[id],
                ReadinessView::new(&rec.assessed_at, &rec.result)
            );
            assert_eq!(p.readiness[id].domains.len(), 6);
            let history = crate::store::assessment_history(&store.conn, *id).unwrap();
            let scored: Vec<f64> = history.iter().filter_map(|h| h.result.overall).collect();
            let shown: Vec<f64> = p.history[id].iter().map(|(_, v)| *v).collect();
            assert_eq!(shown, scored);
        }
    }

    #[test]
    fn baselines_agree_with_the_stores() {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        let c = &store.conn;
        // One SME with a recorded baseline that differs from its current markets.
        c.execute(
            "UPDATE sme SET baseline_markets = 'jpn; KOR' WHERE id = (SELECT min(id) FROM sme)",
            [],
        )
        .unwrap();
        let p = load_portfolio(c).unwrap();
        let stored = crate::store::pipeline::baselines(c).unwrap();
        assert_eq!(stored.len(), p.smes.len());
        assert!(p.smes.iter().any(|s| !s.current_markets.is_empty()));
        for sme in &p.smes {
            assert_eq!(p.baseline_of(sme), stored[&sme.id].as_slice(), "{}", sme.id);
        }
        assert_eq!(p.baseline_of(&p.smes[0]), ["JPN", "KOR"]);
    }

    #[test]
    fn the_first_frame_leaves_out_only_the_nomenclature_and_trade() {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        let c = &store.conn;
        let mut first = load_portfolio_for_first_frame(c).unwrap();
        assert!(first.reference.hs.is_empty());
        assert!(first.decisions.is_empty());
        let full = load_portfolio(c).unwrap();
        assert!(full.reference.hs.len() > 18_000);
        load_portfolio_after_first_frame(c, &mut first).unwrap();
        let codes = |p: &Portfolio| -> Vec<String> {
            p.reference.hs.iter().map(|h| h.code.clone()).collect()
        };
        assert_eq!(codes(&first), codes(&full));
        assert_eq!(
            first.reference.hs_description("03061721", true),
            full.reference.hs_description("03061721", true)
        );
        assert!(!first.reference.hs_description("03061721", true).is_empty());
        assert_eq!(first.smes, full.smes);
        assert_eq!(first.baselines, full.baselines);
        assert!(
            !full.decisions.is_empty(),
            "the demo pipeline has decisions"
        );
        assert_eq!(first.decisions, full.decisions);
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
