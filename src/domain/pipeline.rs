//! Pipeline KPIs: how many SMEs reached a new market and which markets, and the funnel of stages.
//!
//! Pure: the caller passes the shortlist entries and each SME's baseline (its current markets
//! when it was first assessed). The dashboard's portfolio KPIs (`portfolio::kpis`) use
//! [`pipeline_kpis`] too: one rule for the command line and the dashboard.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sme::{ShortlistEntry, Stage};

/// Whether `iso3` is a new market for an SME whose baseline markets were `baseline`:
/// a market it did not already export to when it was first assessed.
pub fn is_new_market(baseline: &[String], iso3: &str) -> bool {
    !baseline.iter().any(|m| m.eq_ignore_ascii_case(iso3))
}

/// Split a `;`-joined market list as stored in `sme.baseline_markets`.
pub fn parse_markets(joined: &str) -> Vec<String> {
    joined
        .split(';')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PipelineKpis {
    /// SMEs with at least one new market at `first_shipment` or `established`.
    pub smes_with_new_market: usize,
    /// Distinct markets reached as a new market by at least one SME.
    pub distinct_new_markets: usize,
    /// Those markets (ISO3, upper case).
    pub new_markets: BTreeSet<String>,
    /// Pipeline entries (SME × product × market) currently at each stage; every stage present.
    pub funnel: BTreeMap<Stage, usize>,
}

/// KPIs of the whole pipeline. `baselines` maps an SME id to its baseline markets; an SME
/// missing from the map has no baseline, so every market it reaches counts as new.
pub fn pipeline_kpis(
    entries: &[ShortlistEntry],
    baselines: &HashMap<i64, Vec<String>>,
) -> PipelineKpis {
    let mut funnel: BTreeMap<Stage, usize> = Stage::ALL.into_iter().map(|s| (s, 0)).collect();
    let mut smes = BTreeSet::new();
    let mut markets = BTreeSet::new();
    for e in entries {
        *funnel.entry(e.stage).or_default() += 1;
        let baseline = baselines.get(&e.sme_id).map(Vec::as_slice).unwrap_or(&[]);
        if e.stage.is_reached() && is_new_market(baseline, &e.iso3) {
            smes.insert(e.sme_id);
            markets.insert(e.iso3.to_ascii_uppercase());
        }
    }
    PipelineKpis {
        smes_with_new_market: smes.len(),
        distinct_new_markets: markets.len(),
        new_markets: markets,
        funnel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(sme_id: i64, iso3: &str, stage: Stage) -> ShortlistEntry {
        ShortlistEntry {
            id: 0,
            sme_id,
            hs: "0901".into(),
            iso3: iso3.into(),
            stage,
            reason: String::new(),
            score: None,
            snapshot: "{}".into(),
            reference_version: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            version: 1,
        }
    }

    #[test]
    fn new_market_ignores_case_and_baseline_members() {
        let baseline = parse_markets("usa; jpn;;");
        assert_eq!(baseline, ["USA", "JPN"]);
        assert!(!is_new_market(&baseline, "USA"));
        assert!(!is_new_market(&baseline, "jpn"));
        assert!(is_new_market(&baseline, "ARE"));
        assert!(is_new_market(&[], "ARE"));
    }

    #[test]
    fn only_reached_new_markets_count() {
        let baselines = HashMap::from([(1, vec!["USA".to_string()]), (2, vec![])]);
        let entries = [
            entry(1, "USA", Stage::FirstShipment), // existing market: not new
            entry(1, "ARE", Stage::Engaged),       // not reached yet
            entry(2, "ARE", Stage::Established),
            entry(2, "SAU", Stage::FirstShipment),
            entry(3, "ARE", Stage::FirstShipment), // no baseline: new
            entry(3, "BRA", Stage::Dropped),
        ];
        let k = pipeline_kpis(&entries, &baselines);
        assert_eq!(k.smes_with_new_market, 2);
        assert_eq!(k.distinct_new_markets, 2);
        assert_eq!(k.funnel[&Stage::FirstShipment], 3);
        assert_eq!(k.funnel[&Stage::Candidate], 0);
        assert_eq!(k.funnel.values().sum::<usize>(), entries.len());
    }

    #[test]
    fn kpis_move_with_the_stage() {
        let baselines = HashMap::new();
        let mut entries = vec![entry(1, "ARE", Stage::Shortlisted)];
        assert_eq!(pipeline_kpis(&entries, &baselines).smes_with_new_market, 0);
        entries[0].stage = Stage::FirstShipment;
        assert_eq!(pipeline_kpis(&entries, &baselines).smes_with_new_market, 1);
        entries[0].stage = Stage::Dropped;
        let k = pipeline_kpis(&entries, &baselines);
        assert_eq!((k.smes_with_new_market, k.distinct_new_markets), (0, 0));
        assert_eq!(k.funnel[&Stage::Dropped], 1);
    }
}
