//! Readiness assessments: every one is kept (history is never overwritten); the latest is the
//! SME's current readiness.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::{Change, Store, audit};
use crate::domain::readiness::{self, Band, DomainScore, Questionnaire, Readiness};

/// One stored assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentRecord {
    pub id: i64,
    pub sme_id: i64,
    /// ISO-8601 UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    pub assessed_at: String,
    pub assessor: String,
    pub questionnaire_version: String,
    pub answers: BTreeMap<String, u8>,
    /// Evidence notes by item id.
    pub notes: BTreeMap<String, String>,
    /// Scores as computed when the assessment was made (weights of that day).
    pub result: Readiness,
}

impl AssessmentRecord {
    pub fn date(&self) -> &str {
        self.assessed_at.get(..10).unwrap_or(&self.assessed_at)
    }
}

const COLUMNS: &str = "id, sme_id, assessed_at, assessor, questionnaire_version, answers, notes, \
                       overall, band, capped_by_gate, coverage, domains";

/// Insert `record` (its id is ignored) with an audit row; returns the new id.
pub fn insert_assessment(
    tx: &Transaction,
    record: &AssessmentRecord,
    who: &str,
) -> anyhow::Result<i64> {
    // The first assessment fixes the markets the SME already had (for "new market" KPIs).
    super::capture_baseline(tx, record.sme_id)?;
    let r = &record.result;
    tx.execute(
        "INSERT INTO assessment (sme_id, assessed_at, assessor, questionnaire_version, answers,
             notes, overall, band, capped_by_gate, coverage, domains, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            record.sme_id,
            record.assessed_at,
            record.assessor,
            record.questionnaire_version,
            serde_json::to_string(&record.answers)?,
            serde_json::to_string(&record.notes)?,
            r.overall,
            r.band.map(Band::code),
            r.capped_by_gate,
            r.coverage,
            serde_json::to_string(&r.domains)?,
            super::sync::keys::new_key(tx, "assessment")?,
        ],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::to_string(&AssessmentRecord {
        id,
        ..record.clone()
    })?;
    audit(
        tx,
        who,
        Change {
            entity: "assessment",
            entity_id: id.to_string(),
            sme_id: Some(record.sme_id),
            action: "create",
            before: None,
            after: Some(after),
        },
    )?;
    Ok(id)
}

fn record_from_row(r: &rusqlite::Row) -> rusqlite::Result<RawRecord> {
    Ok(RawRecord {
        id: r.get(0)?,
        sme_id: r.get(1)?,
        assessed_at: r.get(2)?,
        assessor: r.get(3)?,
        questionnaire_version: r.get(4)?,
        answers: r.get(5)?,
        notes: r.get(6)?,
        overall: r.get(7)?,
        band: r.get(8)?,
        capped_by_gate: r.get(9)?,
        coverage: r.get(10)?,
        domains: r.get(11)?,
    })
}

/// A row as stored, before its JSON columns are decoded.
struct RawRecord {
    id: i64,
    sme_id: i64,
    assessed_at: String,
    assessor: String,
    questionnaire_version: String,
    answers: String,
    notes: String,
    overall: Option<f64>,
    band: Option<String>,
    capped_by_gate: bool,
    coverage: f64,
    domains: String,
}

impl RawRecord {
    /// Decode; the stored scores are kept as they were, gaps are derived from the answers.
    fn decode(self, q: &Questionnaire) -> anyhow::Result<AssessmentRecord> {
        let context = || format!("assessment {} has malformed JSON", self.id);
        let answers: BTreeMap<String, u8> =
            serde_json::from_str(&self.answers).with_context(context)?;
        let notes = serde_json::from_str(&self.notes).with_context(context)?;
        let domains: BTreeMap<String, DomainScore> =
            serde_json::from_str(&self.domains).with_context(context)?;
        let result = Readiness {
            questionnaire_version: self.questionnaire_version.clone(),
            overall: self.overall,
            band: self.band.as_deref().and_then(Band::parse),
            capped_by_gate: self.capped_by_gate,
            failed_gates: readiness::failed_gates(q, &answers),
            coverage: self.coverage,
            answered_items: domains.values().map(|d| d.answered).sum(),
            total_items: domains.values().map(|d| d.items).sum(),
            gaps: readiness::gaps(q, &answers),
            domains,
        };
        Ok(AssessmentRecord {
            id: self.id,
            sme_id: self.sme_id,
            assessed_at: self.assessed_at,
            assessor: self.assessor,
            questionnaire_version: self.questionnaire_version,
            answers,
            notes,
            result,
        })
    }
}

/// Every assessment of `sme_id`, oldest first.
pub fn assessment_history(conn: &Connection, sme_id: i64) -> anyhow::Result<Vec<AssessmentRecord>> {
    let q = Questionnaire::builtin();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assessment WHERE sme_id = ?1 ORDER BY assessed_at, id"
    ))?;
    let rows = stmt.query_map([sme_id], record_from_row)?;
    rows.map(|r| r?.decode(q)).collect()
}

/// The latest assessment of every SME that has one (deleted SMEs left out), in one query.
pub fn latest_assessments(conn: &Connection) -> anyhow::Result<HashMap<i64, AssessmentRecord>> {
    let q = Questionnaire::builtin();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM (
             SELECT a.*, ROW_NUMBER() OVER (
                 PARTITION BY a.sme_id ORDER BY a.assessed_at DESC, a.id DESC) AS rn
             FROM assessment a JOIN sme s ON s.id = a.sme_id AND s.deleted_at IS NULL)
         WHERE rn = 1"
    ))?;
    let rows = stmt.query_map([], record_from_row)?;
    rows.map(|r| {
        let rec = r?.decode(q)?;
        Ok((rec.sme_id, rec))
    })
    .collect()
}

impl Store {
    /// Store a new assessment made now, in one transaction with its audit row; returns its id.
    pub fn save_assessment(
        &mut self,
        sme_id: i64,
        answers: &BTreeMap<String, u8>,
        notes: &BTreeMap<String, String>,
        assessor: &str,
        result: &Readiness,
    ) -> anyhow::Result<i64> {
        let record = AssessmentRecord {
            id: 0,
            sme_id,
            assessed_at: crate::clock::now_iso(),
            assessor: assessor.to_string(),
            questionnaire_version: result.questionnaire_version.clone(),
            answers: answers.clone(),
            notes: notes.clone(),
            result: result.clone(),
        };
        let tx = self.write()?;
        let id = insert_assessment(&tx, &record, assessor)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn assessment_history(&self, sme_id: i64) -> anyhow::Result<Vec<AssessmentRecord>> {
        assessment_history(&self.conn, sme_id)
    }

    pub fn latest_assessments(&self) -> anyhow::Result<HashMap<i64, AssessmentRecord>> {
        latest_assessments(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ReadinessConfig;
    use crate::domain::Sme;

    fn store_with_smes(n: usize) -> (Store, Vec<i64>) {
        let mut store = Store::open_in_memory().unwrap();
        let smes: Vec<Sme> = (0..n)
            .map(|i| Sme {
                name: format!("SME {i}"),
                province: "Cần Thơ".into(),
                sector: "seafood".into(),
                ..Default::default()
            })
            .collect();
        let ids = store.insert_smes(&smes, "test").unwrap();
        (store, ids)
    }

    fn answers(value: u8) -> BTreeMap<String, u8> {
        Questionnaire::builtin()
            .items
            .iter()
            .map(|i| (i.id.clone(), value))
            .collect()
    }

    fn save(store: &mut Store, sme: i64, value: u8) -> i64 {
        let a = answers(value);
        let r = readiness::score(Questionnaire::builtin(), &ReadinessConfig::default(), &a);
        let notes = [("A1".to_string(), "ERC seen".to_string())].into();
        store.save_assessment(sme, &a, &notes, "Lan", &r).unwrap()
    }

    #[test]
    fn every_questionnaire_tag_is_a_known_service_tag() {
        let store = Store::open_in_memory().unwrap();
        let reference = crate::store::load_reference(&store.conn).unwrap();
        for item in &Questionnaire::builtin().items {
            assert!(
                reference.service_tags.iter().any(|t| t.tag == item.tag),
                "item {}: tag {} is not in data/service_tags.csv",
                item.id,
                item.tag
            );
        }
    }

    #[test]
    fn saved_assessment_round_trips() {
        let (mut store, ids) = store_with_smes(1);
        let mut a = answers(3);
        a.insert("C2".into(), 1);
        a.remove("D2");
        let r = readiness::score(Questionnaire::builtin(), &ReadinessConfig::default(), &a);
        let notes = [("C2".to_string(), "HS code not known yet".to_string())].into();
        let id = store
            .save_assessment(ids[0], &a, &notes, "Lan", &r)
            .unwrap();
        let history = store.assessment_history(ids[0]).unwrap();
        assert_eq!(history.len(), 1);
        let rec = &history[0];
        assert_eq!(rec.id, id);
        assert_eq!(rec.answers, a);
        assert_eq!(rec.notes, notes);
        assert_eq!(rec.assessor, "Lan");
        assert_eq!(rec.questionnaire_version, Questionnaire::builtin().version);
        assert_eq!(rec.result, r);
        let audit: (String, String) = store
            .conn
            .query_row(
                "SELECT entity, action FROM audit WHERE entity_id = ?1 AND entity = 'assessment'",
                [id.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(audit, ("assessment".into(), "create".into()));
    }

    #[test]
    fn history_is_kept_oldest_first_and_latest_wins() {
        let (mut store, ids) = store_with_smes(3);
        for (value, now) in [(1, "2026-02-01"), (2, "2026-05-01"), (4, "2026-09-01")] {
            let record = AssessmentRecord {
                id: 0,
                sme_id: ids[0],
                assessed_at: format!("{now}T09:00:00Z"),
                assessor: "Lan".into(),
                questionnaire_version: "2026.1".into(),
                answers: answers(value),
                notes: BTreeMap::new(),
                result: readiness::score(
                    Questionnaire::builtin(),
                    &ReadinessConfig::default(),
                    &answers(value),
                ),
            };
            let tx = store.conn.transaction().unwrap();
            insert_assessment(&tx, &record, "Lan").unwrap();
            tx.commit().unwrap();
        }
        save(&mut store, ids[1], 0);
        let history = store.assessment_history(ids[0]).unwrap();
        let overall: Vec<Option<f64>> = history.iter().map(|h| h.result.overall).collect();
        assert_eq!(overall, [Some(25.0), Some(50.0), Some(100.0)]);
        assert!(
            history
                .windows(2)
                .all(|w| w[0].assessed_at <= w[1].assessed_at)
        );
        assert!(store.assessment_history(ids[2]).unwrap().is_empty());
        let latest = store.latest_assessments().unwrap();
        assert_eq!(latest.len(), 2);
        assert_eq!(latest[&ids[0]].result.overall, Some(100.0));
        assert_eq!(latest[&ids[0]].date(), "2026-09-01");
        assert_eq!(latest[&ids[1]].result.band, Some(Band::NotYet));
        assert!(!latest.contains_key(&ids[2]));
    }

    #[test]
    fn a_new_assessment_never_overwrites_an_old_one() {
        let (mut store, ids) = store_with_smes(1);
        let first = save(&mut store, ids[0], 1);
        let second = save(&mut store, ids[0], 3);
        assert_ne!(first, second);
        let history = store.assessment_history(ids[0]).unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].id, first);
        assert_eq!(history[0].answers, answers(1));
        // Same timestamp (fixed clock): ties go by id, so the later save is the latest.
        assert_eq!(store.latest_assessments().unwrap()[&ids[0]].id, second);
    }

    #[test]
    fn deleted_and_purged_smes_drop_out_of_latest() {
        let (mut store, ids) = store_with_smes(2);
        save(&mut store, ids[0], 2);
        save(&mut store, ids[1], 2);
        store
            .conn
            .execute(
                "UPDATE sme SET deleted_at = '2026-10-01' WHERE id = ?1",
                [ids[0]],
            )
            .unwrap();
        let latest = store.latest_assessments().unwrap();
        assert_eq!(latest.keys().copied().collect::<Vec<_>>(), [ids[1]]);
        store
            .conn
            .execute("DELETE FROM sme WHERE id = ?1", [ids[1]])
            .unwrap();
        let n: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM assessment WHERE sme_id = ?1",
                [ids[1]],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn latest_for_a_large_portfolio_in_one_query() {
        let (mut store, ids) = store_with_smes(2000);
        let a = answers(2);
        let r = readiness::score(Questionnaire::builtin(), &ReadinessConfig::default(), &a);
        let tx = store.conn.transaction().unwrap();
        for (i, &id) in ids.iter().enumerate() {
            for k in 0..(1 + i % 3) {
                let record = AssessmentRecord {
                    id: 0,
                    sme_id: id,
                    assessed_at: format!("2026-0{}-01T00:00:00Z", k + 1),
                    assessor: "Lan".into(),
                    questionnaire_version: "2026.1".into(),
                    answers: a.clone(),
                    notes: BTreeMap::new(),
                    result: r.clone(),
                };
                insert_assessment(&tx, &record, "Lan").unwrap();
            }
        }
        tx.commit().unwrap();
        let latest = store.latest_assessments().unwrap();
        assert_eq!(latest.len(), ids.len());
        assert_eq!(latest[&ids[2]].date(), "2026-03-01");
        assert_eq!(latest[&ids[0]].date(), "2026-01-01");
    }
}
