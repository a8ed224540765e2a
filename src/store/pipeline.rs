//! The pipeline (shortlist of SME × product × market with a stage), the action plan and the
//! decision log. Every write is one `BEGIN IMMEDIATE` transaction with audit rows; validation
//! happens inside it before anything is written, so a refused change leaves the store as it was.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::strings::said;
use super::{Change, Store, audit};
use crate::clock;
use crate::domain::audit::diff;
use crate::domain::matching::MarketResult;
use crate::domain::pipeline::{PipelineKpis, parse_markets, pipeline_kpis};
use crate::domain::*;
use crate::error::{Conflict, OtherChange, bad_input};
use crate::say;

/// A market to shortlist for one product, with the match result it was chosen on.
#[derive(Debug, Clone, PartialEq)]
pub struct NewShortlistEntry {
    pub hs: String,
    pub iso3: String,
    pub score: Option<f64>,
    /// JSON snapshot of the score and its components.
    pub snapshot: String,
    pub reference_version: String,
}

impl NewShortlistEntry {
    /// The entry for a match result: its score, and as the snapshot the score, base, coverage,
    /// components (each with year, source, estimate) and adjustments it was chosen on.
    pub fn from_match(m: &MarketResult, reference_version: &str) -> anyhow::Result<Self> {
        let snapshot = serde_json::json!({
            "score": m.score,
            "base": m.base,
            "coverage": m.coverage,
            "components": m.components,
            "adjustments": m.adjustments,
        });
        Ok(NewShortlistEntry {
            hs: m.hs.clone(),
            iso3: m.market.clone(),
            score: m.score,
            snapshot: serde_json::to_string(&snapshot)?,
            reference_version: reference_version.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewPlanItem {
    pub iso3: String,
    pub gap: String,
    pub action: String,
    pub provider_id: Option<String>,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    pub notes: String,
}

/// Ids written by [`Store::save_shortlist`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedShortlist {
    pub shortlist_ids: Vec<i64>,
    pub plan_ids: Vec<i64>,
}

/// One entry moved by [`Store::set_stage`]: its stage before (`None` when created now).
#[derive(Debug, Clone, PartialEq)]
pub struct StageChange {
    pub before: Option<Stage>,
    pub entry: ShortlistEntry,
}

const ENTRY_COLUMNS: &str = "id, sme_id, hs, iso3, stage, reason, score, snapshot, \
     reference_version, created_at, updated_at, version";
const PLAN_COLUMNS: &str =
    "id, sme_id, iso3, gap, action, provider_id, owner, due, status, notes, version";

pub(super) fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<ShortlistEntry> {
    let stage: String = r.get(4)?;
    Ok(ShortlistEntry {
        id: r.get(0)?,
        sme_id: r.get(1)?,
        hs: r.get(2)?,
        iso3: r.get(3)?,
        // Only this module writes the column, always from `Stage::code`.
        stage: Stage::parse(&stage).unwrap_or(Stage::Candidate),
        reason: r.get(5)?,
        score: r.get(6)?,
        snapshot: r.get(7)?,
        reference_version: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        version: r.get(11)?,
    })
}

pub(super) fn plan_from_row(r: &rusqlite::Row) -> rusqlite::Result<PlanItem> {
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
}

/// Record the SME's current markets as its baseline if none was recorded yet. Called by the
/// first assessment and by the first pipeline write, whichever comes first.
pub fn capture_baseline(tx: &Transaction, sme_id: i64) -> anyhow::Result<()> {
    tx.execute(
        "UPDATE sme SET baseline_markets = COALESCE(
             (SELECT group_concat(iso3, ';' ORDER BY rowid) FROM sme_market WHERE sme_id = ?1), '')
         WHERE id = ?1 AND baseline_markets IS NULL",
        [sme_id],
    )?;
    Ok(())
}

fn require_sme(tx: &Transaction, sme_id: i64) -> anyhow::Result<()> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM sme WHERE id = ?1 AND deleted_at IS NULL",
            [sme_id],
            |r| r.get(0),
        )
        .optional()?;
    found
        .map(drop)
        .ok_or_else(|| bad_input(said(|t| say!(t.unknown_sme, id = sme_id))))
}

/// Whether `sql` (a `SELECT 1 … WHERE key = ?1`) finds a row.
fn exists(tx: &Transaction, sql: &str, key: &str) -> anyhow::Result<bool> {
    Ok(tx.query_row(sql, [key], |_| Ok(())).optional()?.is_some())
}

/// The market's ISO3 in upper case, or a bad-input error if the reference data lacks it.
fn require_market(tx: &Transaction, iso3: &str) -> anyhow::Result<String> {
    let code = iso3.trim().to_ascii_uppercase();
    if exists(tx, "SELECT 1 FROM markets WHERE iso3 = ?1", &code)? {
        return Ok(code);
    }
    Err(bad_input(said(|t| {
        say!(t.unknown_market, code = format!("{iso3:?}"))
    })))
}

fn require_hs(tx: &Transaction, hs: &str) -> anyhow::Result<()> {
    // An HS 2022 code or one of Viet Nam's 8-digit AHTN 2022 lines.
    if exists(tx, "SELECT 1 FROM hs WHERE code = ?1", hs)?
        || exists(tx, "SELECT 1 FROM hs_lines WHERE code = ?1", hs)?
    {
        return Ok(());
    }
    Err(bad_input(said(|t| {
        say!(t.unknown_hs, code = format!("{hs:?}"))
    })))
}

fn require_provider(tx: &Transaction, id: &str) -> anyhow::Result<()> {
    if exists(tx, "SELECT 1 FROM providers WHERE id = ?1", id)? {
        return Ok(());
    }
    Err(bad_input(said(|t| {
        say!(t.unknown_provider, id = format!("{id:?}"))
    })))
}

fn require_due(due: Option<&str>) -> anyhow::Result<()> {
    match due {
        Some(d) if clock::parse_date(d).is_none() => Err(bad_input(said(|t| {
            say!(t.bad_due, date = format!("{d:?}"))
        }))),
        _ => Ok(()),
    }
}

/// Record a decision as its facts (JSON in `fact`; `what` is left empty: it holds only the
/// sentences written before the log kept facts).
fn log_decision(
    tx: &Transaction,
    sme_id: i64,
    who: &str,
    fact: &DecisionFact,
    why: &str,
) -> anyhow::Result<()> {
    tx.execute(
        "INSERT INTO decision_log (sme_id, at, who, what, why, fact, id)
         VALUES (?1, ?2, ?3, '', ?4, ?5, ?6)",
        params![
            sme_id,
            clock::now_iso(),
            who,
            why,
            serde_json::to_string(fact)?,
            super::sync::keys::new_key(tx, "decision_log")?
        ],
    )?;
    Ok(())
}

/// A stored decision's facts; a line without facts (or unreadable ones) as a note.
fn fact_from(fact: Option<String>, what: String) -> DecisionFact {
    fact.and_then(|f| serde_json::from_str(&f).ok())
        .unwrap_or(DecisionFact::Note { text: what })
}

fn decision_from_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Decision> {
    Ok(Decision {
        at: r.get(first)?,
        who: r.get(first + 1)?,
        fact: fact_from(r.get(first + 4)?, r.get(first + 2)?),
        why: r.get(first + 3)?,
    })
}

fn load_entry(tx: &Transaction, id: i64) -> anyhow::Result<ShortlistEntry> {
    Ok(tx.query_row(
        &format!("SELECT {ENTRY_COLUMNS} FROM shortlist WHERE id = ?1"),
        [id],
        entry_from_row,
    )?)
}

fn load_plan_item(tx: &Transaction, id: i64) -> anyhow::Result<Option<PlanItem>> {
    Ok(tx
        .query_row(
            &format!("SELECT {PLAN_COLUMNS} FROM plan_item WHERE id = ?1"),
            [id],
            plan_from_row,
        )
        .optional()?)
}

/// Validate and insert one plan item inside `tx`; returns its id.
fn insert_plan_item(
    tx: &Transaction,
    sme_id: i64,
    item: &NewPlanItem,
    who: &str,
) -> anyhow::Result<i64> {
    let iso3 = require_market(tx, &item.iso3)?;
    let action = crate::text::nfc(item.action.trim());
    if action.is_empty() {
        return Err(bad_input(said(|t| t.empty_action.to_string())));
    }
    let provider = item
        .provider_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(p) = provider {
        require_provider(tx, p)?;
    }
    require_due(item.due.as_deref())?;
    let owner = if item.owner.trim().is_empty() {
        who.to_string()
    } else {
        item.owner.trim().to_string()
    };
    let now = clock::now_iso();
    tx.execute(
        "INSERT INTO plan_item (sme_id, iso3, gap, action, provider_id, owner, due, status, notes,
             created_at, updated_at, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'todo', ?8, ?9, ?9, ?10)",
        params![
            sme_id,
            iso3,
            item.gap.trim(),
            action,
            provider,
            owner,
            item.due,
            item.notes,
            now,
            super::sync::keys::new_key(tx, "plan_item")?
        ],
    )?;
    let id = tx.last_insert_rowid();
    let after = load_plan_item(tx, id)?;
    audit(
        tx,
        who,
        Change {
            entity: "plan_item",
            entity_id: id.to_string(),
            sme_id: Some(sme_id),
            action: "create",
            before: None,
            after: Some(serde_json::to_string(&after)?),
        },
    )?;
    let fact = DecisionFact::PlanAdded {
        market: iso3,
        action,
        owner,
        due: item.due.clone(),
    };
    log_decision(tx, sme_id, who, &fact, &item.gap)?;
    Ok(id)
}

/// The refusal of a plan-item update over another session's change: their saves since
/// `yours` (from the audit trail) and what the caller tried to change.
fn plan_conflict(
    tx: &Transaction,
    stored: &PlanItem,
    yours: i64,
    status: PlanStatus,
    due: Option<&str>,
) -> anyhow::Result<anyhow::Error> {
    let mut stmt = tx.prepare(
        "SELECT who, at, action, before, after FROM audit
         WHERE entity = 'plan_item' AND entity_id = ?1 ORDER BY id",
    )?;
    let parse = |s: Option<String>| {
        s.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .unwrap_or_default()
    };
    let mut theirs = Vec::new();
    let rows = stmt.query_map([stored.id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (who, at, action, before, after) = row?;
        let (before, after) = (parse(before), parse(after));
        if after["version"].as_i64().unwrap_or(0) > yours {
            theirs.push(OtherChange {
                changes: diff(&before, &after),
                who,
                at,
                action,
            });
        }
    }
    let current = serde_json::to_value(stored)?;
    let mut wanted = current.clone();
    wanted["status"] = serde_json::to_value(status)?;
    wanted["due"] = serde_json::to_value(due)?;
    Ok(anyhow::Error::new(Conflict {
        entity: "plan item".into(),
        id: stored.id.to_string(),
        name: stored.action.clone(),
        your_version: yours,
        current_version: stored.version,
        deleted: false,
        theirs,
        yours: diff(&current, &wanted),
        current,
    }))
}

/// Every SME's baseline markets (see [`Store::baselines`]), in one query.
pub fn baselines(conn: &rusqlite::Connection) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    markets_by_sme(
        conn,
        "SELECT s.id, COALESCE(s.baseline_markets,
             (SELECT group_concat(iso3, ';' ORDER BY rowid) FROM sme_market m
              WHERE m.sme_id = s.id), '')
         FROM sme s WHERE s.deleted_at IS NULL",
    )
}

/// The (SME id, `;`-joined market codes) rows of `sql`, by SME.
fn markets_by_sme(
    conn: &rusqlite::Connection,
    sql: &str,
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, joined) = row?;
        out.insert(id, parse_markets(&joined));
    }
    Ok(out)
}

/// The baselines recorded at a first assessment or pipeline change, of SMEs not deleted: what
/// [`Portfolio::baselines`](crate::domain::portfolio::Portfolio) holds (an SME without one
/// counts its current markets, already loaded with it). Unlike [`baselines`], no SME's
/// current markets are read again, which took a lookup per SME on the dashboard's start-up.
pub fn recorded_baselines(
    conn: &rusqlite::Connection,
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    markets_by_sme(
        conn,
        "SELECT id, baseline_markets FROM sme
         WHERE deleted_at IS NULL AND baseline_markets IS NOT NULL",
    )
}

/// Every decision of SMEs not deleted, grouped by SME, oldest first; one query.
pub fn all_decisions(conn: &rusqlite::Connection) -> anyhow::Result<HashMap<i64, Vec<Decision>>> {
    let mut stmt = conn.prepare(
        "SELECT d.sme_id, d.at, d.who, d.what, d.why, d.fact FROM decision_log d
         JOIN sme s ON s.id = d.sme_id AND s.deleted_at IS NULL
         ORDER BY d.sme_id, d.at, d.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, decision_from_row(r, 1)?)))?;
    let mut out: HashMap<i64, Vec<Decision>> = HashMap::new();
    for row in rows {
        let (id, d) = row?;
        out.entry(id).or_default().push(d);
    }
    Ok(out)
}

impl Store {
    fn begin(&mut self) -> anyhow::Result<super::sync::WriteTx<'_>> {
        // IMMEDIATE takes the write lock up front (with retries while another session writes),
        // so the checks below see what we overwrite.
        self.write()
    }

    /// Save the markets the advisor shortlisted and the plan, all or nothing. An entry already
    /// in the pipeline gets the new score snapshot; a candidate or dropped one becomes
    /// `shortlisted`, one further along keeps its stage.
    pub fn save_shortlist(
        &mut self,
        sme_id: i64,
        entries: &[NewShortlistEntry],
        plan: &[NewPlanItem],
        who: &str,
    ) -> anyhow::Result<SavedShortlist> {
        let tx = self.begin()?;
        require_sme(&tx, sme_id)?;
        capture_baseline(&tx, sme_id)?;
        let now = clock::now_iso();
        let mut saved = SavedShortlist::default();
        for e in entries {
            let iso3 = require_market(&tx, &e.iso3)?;
            require_hs(&tx, &e.hs)?;
            let old: Option<ShortlistEntry> = tx
                .query_row(
                    &format!(
                        "SELECT {ENTRY_COLUMNS} FROM shortlist
                         WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3"
                    ),
                    params![sme_id, e.hs, iso3],
                    entry_from_row,
                )
                .optional()?;
            let id = match &old {
                None => {
                    tx.execute(
                        "INSERT INTO shortlist (sme_id, hs, iso3, stage, score, snapshot,
                             reference_version, created_at, updated_at, id)
                         VALUES (?1, ?2, ?3, 'shortlisted', ?4, ?5, ?6, ?7, ?7, ?8)",
                        params![
                            sme_id,
                            e.hs,
                            iso3,
                            e.score,
                            e.snapshot,
                            e.reference_version,
                            now,
                            super::sync::keys::new_key(&tx, "shortlist")?
                        ],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(old) => {
                    let reopened = matches!(old.stage, Stage::Candidate | Stage::Dropped);
                    let stage = if reopened {
                        Stage::Shortlisted
                    } else {
                        old.stage
                    };
                    let reason = if reopened { "" } else { old.reason.as_str() };
                    tx.execute(
                        "UPDATE shortlist SET stage = ?2, reason = ?3, score = ?4, snapshot = ?5,
                             reference_version = ?6, updated_at = ?7, version = version + 1
                         WHERE id = ?1",
                        params![
                            old.id,
                            stage.code(),
                            reason,
                            e.score,
                            e.snapshot,
                            e.reference_version,
                            now
                        ],
                    )?;
                    old.id
                }
            };
            let after = load_entry(&tx, id)?;
            audit(
                &tx,
                who,
                Change {
                    entity: "shortlist",
                    entity_id: id.to_string(),
                    sme_id: Some(sme_id),
                    action: if old.is_some() { "update" } else { "create" },
                    before: old.as_ref().map(serde_json::to_string).transpose()?,
                    after: Some(serde_json::to_string(&after)?),
                },
            )?;
            let fact = DecisionFact::Stage {
                market: iso3.clone(),
                hs: e.hs.clone(),
                from: old.as_ref().map(|o| o.stage.code().to_string()),
                to: after.stage.code().to_string(),
                score: e.score,
                from_match: true,
            };
            log_decision(&tx, sme_id, who, &fact, "")?;
            saved.shortlist_ids.push(id);
        }
        for item in plan {
            saved
                .plan_ids
                .push(insert_plan_item(&tx, sme_id, item, who)?);
        }
        tx.commit()?;
        Ok(saved)
    }

    /// Move the SME's entries for market `iso3` (only product `hs` if given) to `stage`.
    /// Without an entry for that market, one is created for `hs` or the SME's first product.
    /// `dropped` needs a reason. Returns the entries changed (none if already at `stage`).
    pub fn set_stage(
        &mut self,
        sme_id: i64,
        iso3: &str,
        hs: Option<&str>,
        stage: Stage,
        reason: &str,
        who: &str,
    ) -> anyhow::Result<Vec<StageChange>> {
        let reason = crate::text::nfc(reason.trim());
        if stage == Stage::Dropped && reason.is_empty() {
            return Err(bad_input(said(|t| t.drop_needs_reason.to_string())));
        }
        let tx = self.begin()?;
        require_sme(&tx, sme_id)?;
        let iso3 = require_market(&tx, iso3)?;
        if let Some(hs) = hs {
            require_hs(&tx, hs)?;
        }
        capture_baseline(&tx, sme_id)?;
        let mut stmt = tx.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM shortlist
             WHERE sme_id = ?1 AND iso3 = ?2 AND (?3 IS NULL OR hs = ?3) ORDER BY hs"
        ))?;
        let existing: Vec<ShortlistEntry> = stmt
            .query_map(params![sme_id, iso3, hs], entry_from_row)?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        let now = clock::now_iso();
        let mut changes = Vec::new();
        if existing.is_empty() {
            let hs = match hs {
                Some(h) => h.to_string(),
                None => tx
                    .query_row(
                        "SELECT hs FROM sme_product WHERE sme_id = ?1 ORDER BY pos LIMIT 1",
                        [sme_id],
                        |r| r.get::<_, String>(0),
                    )
                    .optional()?
                    .ok_or_else(|| bad_input(said(|t| say!(t.no_products, id = sme_id))))?,
            };
            tx.execute(
                "INSERT INTO shortlist (sme_id, hs, iso3, stage, reason, created_at, updated_at, id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                params![
                    sme_id,
                    hs,
                    iso3,
                    stage.code(),
                    reason,
                    now,
                    super::sync::keys::new_key(&tx, "shortlist")?
                ],
            )?;
            let entry = load_entry(&tx, tx.last_insert_rowid())?;
            audit(
                &tx,
                who,
                Change {
                    entity: "shortlist",
                    entity_id: entry.id.to_string(),
                    sme_id: Some(sme_id),
                    action: "set_stage",
                    before: None,
                    after: Some(serde_json::to_string(&entry)?),
                },
            )?;
            // A new entry starts as a candidate: moving it further reads "candidate → stage".
            let fact = DecisionFact::Stage {
                market: iso3.clone(),
                hs: hs.clone(),
                from: (stage != Stage::Candidate).then(|| Stage::Candidate.code().to_string()),
                to: stage.code().to_string(),
                score: None,
                from_match: false,
            };
            log_decision(&tx, sme_id, who, &fact, &reason)?;
            changes.push(StageChange {
                before: None,
                entry,
            });
        }
        for old in existing {
            if old.stage == stage && old.reason == reason {
                continue;
            }
            tx.execute(
                "UPDATE shortlist SET stage = ?2, reason = ?3, updated_at = ?4,
                     version = version + 1
                 WHERE id = ?1",
                params![old.id, stage.code(), reason, now],
            )?;
            let entry = load_entry(&tx, old.id)?;
            audit(
                &tx,
                who,
                Change {
                    entity: "shortlist",
                    entity_id: old.id.to_string(),
                    sme_id: Some(sme_id),
                    action: "set_stage",
                    before: Some(serde_json::to_string(&old)?),
                    after: Some(serde_json::to_string(&entry)?),
                },
            )?;
            let fact = DecisionFact::Stage {
                market: iso3.clone(),
                hs: old.hs.clone(),
                from: Some(old.stage.code().to_string()),
                to: stage.code().to_string(),
                score: None,
                from_match: false,
            };
            log_decision(&tx, sme_id, who, &fact, &reason)?;
            changes.push(StageChange {
                before: Some(old.stage),
                entry,
            });
        }
        tx.commit()?;
        Ok(changes)
    }

    /// Add one action to the SME's plan (owner defaults to `who`); returns its id.
    pub fn add_plan_item(
        &mut self,
        sme_id: i64,
        item: &NewPlanItem,
        who: &str,
    ) -> anyhow::Result<i64> {
        let tx = self.begin()?;
        require_sme(&tx, sme_id)?;
        let id = insert_plan_item(&tx, sme_id, item, who)?;
        tx.commit()?;
        Ok(id)
    }

    /// Set a plan item's status and due date. `expected_version` is the version the caller
    /// read; if another session changed the item since, nothing is written and a
    /// [`Conflict`]
    /// says so.
    pub fn update_plan_item(
        &mut self,
        id: i64,
        status: PlanStatus,
        due: Option<&str>,
        expected_version: i64,
        who: &str,
    ) -> anyhow::Result<PlanItem> {
        require_due(due)?;
        let tx = self.begin()?;
        let old = load_plan_item(&tx, id)?
            .ok_or_else(|| bad_input(said(|t| say!(t.unknown_plan_item, id = id))))?;
        if old.version != expected_version {
            return Err(plan_conflict(&tx, &old, expected_version, status, due)?);
        }
        if old.status == status && old.due.as_deref() == due {
            return Ok(old);
        }
        tx.execute(
            "UPDATE plan_item SET status = ?2, due = ?3, updated_at = ?4, version = version + 1
             WHERE id = ?1",
            params![id, status.code(), due, clock::now_iso()],
        )?;
        let new = load_plan_item(&tx, id)?.expect("row updated above");
        audit(
            &tx,
            who,
            Change {
                entity: "plan_item",
                entity_id: id.to_string(),
                sme_id: Some(old.sme_id),
                action: "update",
                before: Some(serde_json::to_string(&old)?),
                after: Some(serde_json::to_string(&new)?),
            },
        )?;
        let fact = DecisionFact::PlanChanged {
            market: old.iso3.clone(),
            action: old.action.clone(),
            status: (old.status != status)
                .then(|| (old.status.code().to_string(), status.code().to_string())),
            due: (old.due.as_deref() != due).then(|| (old.due.clone(), due.map(String::from))),
        };
        log_decision(&tx, old.sme_id, who, &fact, "")?;
        tx.commit()?;
        Ok(new)
    }

    /// The SME's pipeline entries, by market then product.
    pub fn shortlist_for(&self, sme_id: i64) -> anyhow::Result<Vec<ShortlistEntry>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM shortlist WHERE sme_id = ?1 ORDER BY iso3, hs"
        ))?;
        let rows = stmt.query_map([sme_id], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The SME's plan: items with a due date first (soonest first), then in the order added.
    pub fn plan_for(&self, sme_id: i64) -> anyhow::Result<Vec<PlanItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PLAN_COLUMNS} FROM plan_item WHERE sme_id = ?1
             ORDER BY due IS NULL, due, id"
        ))?;
        let rows = stmt.query_map([sme_id], plan_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The SME's decision log, oldest first.
    pub fn decisions_for(&self, sme_id: i64) -> anyhow::Result<Vec<Decision>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, who, what, why, fact FROM decision_log WHERE sme_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([sme_id], |r| decision_from_row(r, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every SME's baseline markets: those recorded at its first assessment or pipeline
    /// change, else (never assessed) its current markets.
    pub fn baselines(&self) -> anyhow::Result<HashMap<i64, Vec<String>>> {
        baselines(&self.conn)
    }

    /// Pipeline KPIs over every SME not deleted.
    pub fn pipeline_kpis(&self) -> anyhow::Result<PipelineKpis> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM shortlist s JOIN sme ON sme.id = s.sme_id
             WHERE sme.deleted_at IS NULL ORDER BY s.id",
            ENTRY_COLUMNS
                .split(", ")
                .map(|c| format!("s.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let entries: Vec<ShortlistEntry> = stmt
            .query_map([], entry_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(pipeline_kpis(&entries, &self.baselines()?))
    }
}
