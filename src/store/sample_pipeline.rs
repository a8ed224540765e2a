//! Demo follow-up for the sample portfolio, from `data/sample_pipeline.toml`: sample SMEs with
//! one to three target markets at every stage, action plans and the decision log these changes
//! leave. Fictional, like the sample SMEs: written through the real store functions
//! (`save_shortlist`, `set_stage`, `add_plan_item`, `update_plan_item`), then dated on the
//! script's days so the demo reads the same whenever it is seeded. Texts are in both languages;
//! the database gets those of the language it is created in.

use rusqlite::params;
use serde::Deserialize;

use super::Store;
use super::pipeline::{NewPlanItem, NewShortlistEntry};
use crate::config::Config;
use crate::domain::matching::{self, Matcher};
use crate::domain::{PlanStatus, Sme, Stage};
use crate::lang::Lang;

const SCRIPT_TOML: &str = include_str!("../../data/sample_pipeline.toml");

/// A text of the demo in both languages.
#[derive(Debug, Deserialize)]
struct Text {
    en: String,
    vi: String,
}

impl Text {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

#[derive(Debug, Deserialize)]
struct Script {
    /// Fictional advisors (the ones who assessed the sample SMEs), taken in turn.
    advisors: Vec<String>,
    sme: Vec<SmeScript>,
}

#[derive(Debug, Deserialize)]
struct SmeScript {
    /// A part of the SME's name that only it has.
    name: String,
    #[serde(default)]
    market: Vec<Market>,
    #[serde(default)]
    plan: Vec<Action>,
}

/// One market of an SME's pipeline: the product, and each change with its day and why.
/// The first change is `shortlisted` (from the market match) or `candidate`.
#[derive(Debug, Deserialize)]
struct Market {
    hs: String,
    iso3: String,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
struct Step {
    day: String,
    stage: String,
    /// None: shortlisted from the market match.
    why: Option<Text>,
}

/// One action of the plan: added on `added`, then moved to `status` on `moved` (if not todo).
#[derive(Debug, Deserialize)]
struct Action {
    market: String,
    gap: String,
    action: Text,
    provider: Option<String>,
    due: String,
    added: String,
    status: String,
    #[serde(default)]
    moved: String,
}

impl Step {
    fn stage(&self) -> anyhow::Result<Stage> {
        Stage::parse(&self.stage)
            .ok_or_else(|| anyhow::anyhow!("sample pipeline: unknown stage {:?}", self.stage))
    }

    fn why(&self, lang: Lang) -> &str {
        self.why.as_ref().map_or("", |w| w.get(lang))
    }
}

impl Action {
    fn status(&self) -> anyhow::Result<PlanStatus> {
        PlanStatus::parse(&self.status)
            .ok_or_else(|| anyhow::anyhow!("sample pipeline: unknown status {:?}", self.status))
    }
}

fn script() -> anyhow::Result<Script> {
    toml::from_str(SCRIPT_TOML)
        .map_err(|e| anyhow::anyhow!("data/sample_pipeline.toml is invalid: {e}"))
}

/// Every text of the demo pipeline as (English, Vietnamese): whys and plan actions.
pub(super) fn text_pairs() -> anyhow::Result<Vec<(String, String)>> {
    let script = script()?;
    let mut out = Vec::new();
    for sme in script.sme {
        for m in sme.market {
            out.extend(
                m.steps
                    .into_iter()
                    .filter_map(|s| s.why)
                    .map(|w| (w.en, w.vi)),
            );
        }
        out.extend(sme.plan.into_iter().map(|a| (a.action.en, a.action.vi)));
    }
    Ok(out)
}

fn at(day: &str) -> String {
    format!("{day}T02:30:00Z")
}

impl Store {
    fn last_decision(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM decision_log", [], |r| {
                r.get(0)
            })?)
    }

    /// Date the decisions written since `after` on `day`.
    fn date_decisions(&self, after: i64, day: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE decision_log SET at = ?1 WHERE id > ?2",
            params![at(day), after],
        )?;
        Ok(())
    }

    /// Give the sample SMEs their demo pipeline, plans and decisions. SMEs that already have a
    /// pipeline are left alone, so seeding twice adds nothing. Returns the entries written.
    pub fn seed_sample_pipeline(&mut self, lang: Lang) -> anyhow::Result<usize> {
        let script = script()?;
        let smes: Vec<Sme> = self.smes()?.into_iter().filter(Sme::is_sample).collect();
        let reference = super::load_reference_for_matching(&self.conn)?;
        let config = Config::default();
        let matcher = Matcher::new(&reference, &config);
        let version = super::reference_version();
        let latest = self.latest_assessments()?;
        let mut written = 0;
        for (k, plan) in script.sme.iter().enumerate() {
            let sme = smes
                .iter()
                .find(|s| s.name.contains(&plan.name))
                .ok_or_else(|| anyhow::anyhow!("sample pipeline: no sample SME {:?}", plan.name))?;
            if !self.shortlist_for(sme.id)?.is_empty() {
                continue;
            }
            let who = script.advisors[k % script.advisors.len()].as_str();
            let band = latest
                .get(&sme.id)
                .and_then(|a| a.result.band)
                .map(|b| b.code());
            let scheme = matching::choose_scheme(&config.matching, None, &[], band)
                .map_err(|e| anyhow::Error::msg(e.en))?;
            for m in &plan.market {
                let first = m
                    .steps
                    .first()
                    .ok_or_else(|| anyhow::anyhow!("sample pipeline: {} has no steps", m.iso3))?;
                let (first_day, first_stage) = (first.day.as_str(), first.stage()?);
                let before = self.last_decision()?;
                if first_stage == Stage::Shortlisted {
                    let result = matcher
                        .rank(sme, &m.hs, &scheme)
                        .into_iter()
                        .find(|r| r.market == m.iso3);
                    let entry = match result {
                        Some(r) => NewShortlistEntry::from_match(&r, &version)?,
                        None => NewShortlistEntry {
                            hs: m.hs.clone(),
                            iso3: m.iso3.clone(),
                            score: None,
                            snapshot: "{}".into(),
                            reference_version: version.clone(),
                        },
                    };
                    self.save_shortlist(sme.id, &[entry], &[], who)?;
                } else {
                    let why = first.why(lang);
                    self.set_stage(sme.id, &m.iso3, Some(&m.hs), first_stage, why, who)?;
                }
                self.date_decisions(before, first_day)?;
                self.conn.execute(
                    "UPDATE shortlist SET created_at = ?4, updated_at = ?4
                     WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3",
                    params![sme.id, m.hs, m.iso3, at(first_day)],
                )?;
                for step in &m.steps[1..] {
                    let (day, stage) = (step.day.as_str(), step.stage()?);
                    let before = self.last_decision()?;
                    self.set_stage(sme.id, &m.iso3, Some(&m.hs), stage, step.why(lang), who)?;
                    self.date_decisions(before, day)?;
                    self.conn.execute(
                        "UPDATE shortlist SET updated_at = ?4
                         WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3",
                        params![sme.id, m.hs, m.iso3, at(day)],
                    )?;
                }
                written += 1;
            }
            for a in &plan.plan {
                let item = NewPlanItem {
                    iso3: a.market.clone(),
                    gap: a.gap.clone(),
                    action: a.action.get(lang).to_string(),
                    provider_id: a.provider.clone(),
                    owner: who.into(),
                    due: Some(a.due.clone()),
                    notes: String::new(),
                };
                let before = self.last_decision()?;
                let id = self.add_plan_item(sme.id, &item, who)?;
                self.date_decisions(before, &a.added)?;
                self.conn.execute(
                    "UPDATE plan_item SET created_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, at(&a.added)],
                )?;
                let status = a.status()?;
                if status != PlanStatus::Todo {
                    let before = self.last_decision()?;
                    self.update_plan_item(id, status, Some(&a.due), 1, who)?;
                    self.date_decisions(before, &a.moved)?;
                    self.conn.execute(
                        "UPDATE plan_item SET updated_at = ?2 WHERE id = ?1",
                        params![id, at(&a.moved)],
                    )?;
                }
            }
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::pipeline::is_new_market;

    fn seeded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        store
    }

    #[test]
    fn the_script_names_real_samples_markets_products_and_providers() {
        let store = seeded();
        let smes = store.smes().unwrap();
        let r = crate::store::load_reference(&store.conn).unwrap();
        let mut seen = HashSet::new();
        let script = script().unwrap();
        for s in &script.sme {
            let found: Vec<&Sme> = smes.iter().filter(|x| x.name.contains(&s.name)).collect();
            assert_eq!(found.len(), 1, "{} names one SME", s.name);
            assert!(seen.insert(found[0].id));
            for m in &s.market {
                assert!(
                    found[0].products.iter().any(|p| p.hs == m.hs),
                    "{} {}",
                    s.name,
                    m.hs
                );
                assert!(r.market(&m.iso3).is_some(), "{}", m.iso3);
                assert!(
                    m.steps.windows(2).all(|w| w[0].day < w[1].day),
                    "{} in order",
                    s.name
                );
                assert!(matches!(
                    m.steps[0].stage().unwrap(),
                    Stage::Shortlisted | Stage::Candidate
                ));
                for step in &m.steps {
                    assert!(crate::clock::parse_date(&step.day).is_some());
                    assert!(step.day.as_str() < "2026-11-20", "{}", step.day);
                    let stage = step.stage().unwrap();
                    assert!(stage != Stage::Dropped || step.why.is_some());
                    // Only a shortlisting goes without a reason (the market match is one).
                    assert!(stage == Stage::Shortlisted || step.why.is_some());
                }
            }
            for a in &s.plan {
                assert!(
                    a.provider
                        .as_ref()
                        .is_none_or(|p| r.providers.iter().any(|x| &x.id == p))
                );
                assert!(crate::clock::parse_date(&a.due).is_some());
                let status = a.status().unwrap();
                assert!(status == PlanStatus::Todo || crate::clock::parse_date(&a.moved).is_some());
                assert!(!a.action.en.is_empty() && !a.action.vi.is_empty());
            }
        }
        assert!(script.sme.len() >= 25, "about 25 SMEs in the demo pipeline");
    }

    #[test]
    fn every_stage_and_status_appears_and_new_markets_are_reached() {
        let store = seeded();
        let kpis = store.pipeline_kpis().unwrap();
        for stage in Stage::ALL {
            assert!(kpis.funnel[&stage] > 0, "no {stage:?}");
        }
        // Every market reached is a new one (none was a current market of its SME).
        let smes = store.smes().unwrap();
        let baselines = store.baselines().unwrap();
        let script = script().unwrap();
        let reached = script
            .sme
            .iter()
            .flat_map(|s| s.market.iter())
            .filter(|m| m.steps.last().unwrap().stage().unwrap().is_reached())
            .count();
        assert!(reached >= 10, "{reached}");
        for s in &script.sme {
            let sme = smes.iter().find(|x| x.name.contains(&s.name)).unwrap();
            for m in &s.market {
                assert!(
                    is_new_market(&baselines[&sme.id], &m.iso3),
                    "{} {}",
                    s.name,
                    m.iso3
                );
            }
        }
        assert_eq!(kpis.smes_with_new_market, 17);
        let plan: Vec<_> = smes
            .iter()
            .flat_map(|s| store.plan_for(s.id).unwrap())
            .collect();
        for status in PlanStatus::ALL {
            assert!(plan.iter().any(|p| p.status == status), "no {status:?}");
        }
        assert!(plan.iter().all(|p| p.version >= 1));
    }

    #[test]
    fn decisions_are_dated_by_the_script_and_seeding_twice_adds_nothing() {
        let mut store = seeded();
        let smes = store.smes().unwrap();
        let sme = smes.iter().find(|s| s.name.contains("Phú Hòa")).unwrap();
        let log = store.decisions_for(sme.id).unwrap();
        let days: Vec<&str> = log.iter().map(|d| &d.at[..10]).collect();
        assert_eq!(days.first(), Some(&"2026-03-10"));
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
        // Every sample decision carries a day of the script, whenever it was seeded.
        let undated: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM decision_log WHERE at NOT LIKE '%T02:30:00Z'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(undated, 0);
        assert!(log.iter().any(
            |d| matches!(&d.fact, crate::domain::DecisionFact::Stage { to, .. }
                if to == "first_shipment")
                && d.why == "first 40' reefer of fillets shipped"
        ));
        let advisors = script().unwrap().advisors;
        assert!(log.iter().all(|d| advisors.contains(&d.who)));
        let dropped = store
            .shortlist_for(smes.iter().find(|s| s.name.contains("Quế Võ")).unwrap().id)
            .unwrap();
        assert!(
            dropped
                .iter()
                .any(|e| e.stage == Stage::Dropped && e.reason.contains("Poland"))
        );
        let before = store
            .conn
            .query_row("SELECT COUNT(*) FROM decision_log", [], |r| {
                r.get::<_, i64>(0)
            });
        assert_eq!(store.seed_sample_pipeline(Lang::En).unwrap(), 0);
        let after = store
            .conn
            .query_row("SELECT COUNT(*) FROM decision_log", [], |r| {
                r.get::<_, i64>(0)
            });
        assert_eq!(before.unwrap(), after.unwrap());
    }

    #[test]
    fn a_vietnamese_database_gets_the_vietnamese_demo_texts() {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples_in(&mut store, Lang::Vi).unwrap();
        let smes = store.smes().unwrap();
        let sme = smes.iter().find(|s| s.name.contains("Quế Võ")).unwrap();
        let dropped = store.shortlist_for(sme.id).unwrap();
        assert!(dropped.iter().any(|e| e.reason.contains("Ba Lan")));
        let phu_hoa = smes.iter().find(|s| s.name.contains("Phú Hòa")).unwrap();
        let plan = store.plan_for(phu_hoa.id).unwrap();
        assert!(plan.iter().any(|p| p.action.starts_with("Đăng ký nhà máy")));
    }
}
