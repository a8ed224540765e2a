//! The whole portfolio in memory (reference data, SMEs, pipeline, plans, latest readiness) and
//! the programme KPIs computed from it. Pure: the store fills a [`Portfolio`], the dashboard reads.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::model::{Severity, TradeRemedy};
use super::pipeline::pipeline_kpis;
use super::readiness::{Band, Readiness};
use super::reference::{Reference, prefixes_match};
use super::sme::{Decision, PlanItem, PlanStatus, ShortlistEntry, Sme, Stage};

/// Readiness band codes, lowest first (`Band::code()` of each band).
pub const BAND_CODES: [&str; 4] = ["not_yet", "preparing", "ready", "ready_to_diversify"];

/// Days ahead that a plan item counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 14;

/// What the dashboard needs of an SME's readiness assessment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadinessView {
    pub assessed_at: String,
    pub overall: Option<f64>,
    /// One of [`BAND_CODES`]; `None` when too little was answered to score.
    pub band: Option<&'static str>,
    pub coverage: f64,
    pub capped_by_gate: bool,
    /// Domain code (A–F) → score 0–100 (`None`: not answered).
    pub domains: Vec<(String, Option<f64>)>,
}

impl ReadinessView {
    /// What the dashboard shows of an assessment made at `assessed_at`.
    pub fn new(assessed_at: &str, r: &Readiness) -> ReadinessView {
        ReadinessView {
            assessed_at: assessed_at.to_string(),
            overall: r.overall,
            band: r.band.map(Band::code),
            coverage: r.coverage,
            capped_by_gate: r.capped_by_gate,
            domains: r
                .domains
                .iter()
                .map(|(code, d)| (code.clone(), d.score))
                .collect(),
        }
    }
}

/// Everything the dashboard shows, loaded once at start.
#[derive(Debug, Clone, Default)]
pub struct Portfolio {
    pub reference: Reference,
    pub smes: Vec<Sme>,
    pub shortlist: Vec<ShortlistEntry>,
    pub plan: Vec<PlanItem>,
    /// SME id → latest assessment.
    pub readiness: HashMap<i64, ReadinessView>,
    /// SME id → (date, overall score) of every scored assessment, oldest first.
    pub history: HashMap<i64, Vec<(String, f64)>>,
    /// SME id → the markets it already served when first assessed (or when its pipeline
    /// started). An SME missing here counts its current markets.
    pub baselines: HashMap<i64, Vec<String>>,
    /// SME id → its decision log, oldest first.
    pub decisions: HashMap<i64, Vec<Decision>>,
}

impl Portfolio {
    /// Shortlist entries of one SME, in stored order.
    pub fn shortlist_of(&self, sme_id: i64) -> impl Iterator<Item = &ShortlistEntry> {
        self.shortlist.iter().filter(move |e| e.sme_id == sme_id)
    }

    pub fn plan_of(&self, sme_id: i64) -> impl Iterator<Item = &PlanItem> {
        self.plan.iter().filter(move |p| p.sme_id == sme_id)
    }

    /// The markets `sme` already served before its follow-up started.
    pub fn baseline_of<'a>(&'a self, sme: &'a Sme) -> &'a [String] {
        self.baselines
            .get(&sme.id)
            .map_or(sme.current_markets.as_slice(), Vec::as_slice)
    }

    /// The SME's decision log, newest first.
    pub fn decisions_of(&self, sme_id: i64) -> impl Iterator<Item = &Decision> {
        self.decisions.get(&sme_id).into_iter().flatten().rev()
    }

    /// The most advanced live stage of an SME's pipeline (dropped entries do not count).
    pub fn stage_of(&self, sme_id: i64) -> Option<Stage> {
        self.shortlist_of(sme_id)
            .map(|e| e.stage)
            .filter(|s| *s != Stage::Dropped)
            .max()
    }
}

/// Whether a pipeline entry is past "candidate" and still alive (the market was chosen).
pub fn is_engaged(stage: Stage) -> bool {
    !matches!(stage, Stage::Candidate | Stage::Dropped)
}

/// A programme priority segment and the markets of the pipeline that cover it.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentCoverage {
    pub segment: String,
    pub markets: BTreeSet<String>,
    pub smes: usize,
}

/// A live trade remedy on a product that SMEs of the portfolio make.
#[derive(Debug, Clone, PartialEq)]
pub struct RemedyAlert {
    /// Index into `reference.remedies`.
    pub remedy: usize,
    pub smes: usize,
}

/// A mandatory requirement of a chosen market that SMEs do not meet yet.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementAlert {
    /// Index into `reference.requirements`.
    pub requirement: usize,
    pub iso3: String,
    pub smes: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kpis {
    pub smes: usize,
    pub assessed: usize,
    pub smes_with_new_market: usize,
    pub new_markets: BTreeSet<String>,
    /// Counts per [`BAND_CODES`] entry, then SMEs without a scored assessment.
    pub bands: [usize; 5],
    pub funnel: Vec<(Stage, usize)>,
    pub coverage: Vec<SegmentCoverage>,
    pub remedy_alerts: Vec<RemedyAlert>,
    pub requirement_alerts: Vec<RequirementAlert>,
    /// Indexes into `plan` of open items due within [`DUE_SOON_DAYS`] (overdue included), by date.
    pub due_soon: Vec<usize>,
}

impl Kpis {
    pub fn share_assessed(&self) -> f64 {
        if self.smes == 0 {
            0.0
        } else {
            self.assessed as f64 / self.smes as f64
        }
    }
}

/// Compute the programme KPIs. `today` is `YYYY-MM-DD`; `segments` are the programme's priority
/// segment codes (config `[programme].priority_segments`).
pub fn kpis(p: &Portfolio, segments: &[String], today: &str) -> Kpis {
    let r = &p.reference;
    let mut k = Kpis {
        smes: p.smes.len(),
        ..Kpis::default()
    };
    let by_id: HashMap<i64, &Sme> = p.smes.iter().map(|s| (s.id, s)).collect();

    for sme in &p.smes {
        match p.readiness.get(&sme.id) {
            Some(view) => {
                k.assessed += 1;
                let slot = view
                    .band
                    .and_then(|b| BAND_CODES.iter().position(|c| *c == b))
                    .unwrap_or(4);
                k.bands[slot] += 1;
            }
            None => k.bands[4] += 1,
        }
    }

    // New markets reached: a first shipment (or more) to a market the SME did not serve when it
    // was first assessed; the same rule as the command line's pipeline KPIs.
    let baselines: HashMap<i64, Vec<String>> = p
        .smes
        .iter()
        .map(|s| (s.id, p.baseline_of(s).to_vec()))
        .collect();
    let pipeline = pipeline_kpis(&p.shortlist, &baselines);
    k.smes_with_new_market = pipeline.smes_with_new_market;
    k.new_markets = pipeline.new_markets;
    k.funnel = pipeline.funnel.into_iter().collect();

    k.coverage = segments
        .iter()
        .map(|seg| {
            let mut markets = BTreeSet::new();
            let mut smes = HashSet::new();
            for e in p.shortlist.iter().filter(|e| is_engaged(e.stage)) {
                if r.market(&e.iso3).is_some_and(|m| m.priority.code() == seg) {
                    markets.insert(e.iso3.clone());
                    smes.insert(e.sme_id);
                }
            }
            SegmentCoverage {
                segment: seg.clone(),
                markets,
                smes: smes.len(),
            }
        })
        .collect();

    k.remedy_alerts = remedy_alerts(&r.remedies, &p.smes);
    k.requirement_alerts = requirement_alerts(p, &by_id);
    k.due_soon = due_soon(&p.plan, today);
    k
}

fn remedy_alerts(remedies: &[TradeRemedy], smes: &[Sme]) -> Vec<RemedyAlert> {
    // Each distinct product code with the SMEs that make it: a portfolio of thousands of SMEs
    // makes a few hundred codes, and this is on the dashboard's start-up path.
    let mut makers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in smes.iter().enumerate() {
        for p in &s.products {
            let list = makers.entry(p.hs.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    // Which remedy last counted each SME, so that one with two matching products counts once.
    let mut counted: Vec<Option<usize>> = vec![None; smes.len()];
    let mut alerts: Vec<RemedyAlert> = remedies
        .iter()
        .enumerate()
        .filter(|(_, rem)| rem.is_live())
        .map(|(r, rem)| {
            let mut count = 0;
            for (_, list) in makers
                .iter()
                .filter(|(hs, _)| prefixes_match(&rem.hs_prefixes, hs))
            {
                for &i in list {
                    if counted[i] != Some(r) {
                        counted[i] = Some(r);
                        count += 1;
                    }
                }
            }
            RemedyAlert {
                remedy: r,
                smes: count,
            }
        })
        .filter(|a| a.smes > 0)
        .collect();
    alerts.sort_by(|a, b| {
        b.smes
            .cmp(&a.smes)
            .then_with(|| remedies[b.remedy].year.cmp(&remedies[a.remedy].year))
            .then_with(|| a.remedy.cmp(&b.remedy))
    });
    alerts
}

fn requirement_alerts(p: &Portfolio, by_id: &HashMap<i64, &Sme>) -> Vec<RequirementAlert> {
    let r = &p.reference;
    let index: HashMap<&str, usize> = r
        .requirements
        .iter()
        .enumerate()
        .map(|(i, q)| (q.code.as_str(), i))
        .collect();
    // (requirement, market) → SMEs that do not meet it.
    let mut unmet: BTreeMap<(usize, String), HashSet<i64>> = BTreeMap::new();
    for e in p.shortlist.iter().filter(|e| is_engaged(e.stage)) {
        let Some(sme) = by_id.get(&e.sme_id) else {
            continue;
        };
        for q in r.requirements_for(&e.iso3, &e.hs) {
            let met = q.satisfied_by.iter().any(|c| sme.holds(c));
            if q.severity == Severity::Mandatory && !met {
                unmet
                    .entry((index[q.code.as_str()], e.iso3.clone()))
                    .or_default()
                    .insert(sme.id);
            }
        }
    }
    let mut alerts: Vec<RequirementAlert> = unmet
        .into_iter()
        .map(|((requirement, iso3), smes)| RequirementAlert {
            requirement,
            iso3,
            smes: smes.len(),
        })
        .collect();
    alerts.sort_by_key(|a| std::cmp::Reverse(a.smes));
    alerts
}

fn due_soon(plan: &[PlanItem], today: &str) -> Vec<usize> {
    let Some(limit) = crate::clock::add_days(today, DUE_SOON_DAYS) else {
        return Vec::new();
    };
    let mut due: Vec<usize> = plan
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item.status, PlanStatus::Todo | PlanStatus::InProgress))
        .filter(|(_, item)| item.due.as_deref().is_some_and(|d| d <= limit.as_str()))
        .map(|(i, _)| i)
        .collect();
    due.sort_by(|&a, &b| plan[a].due.cmp(&plan[b].due).then(a.cmp(&b)));
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use crate::domain::sme::Product;

    fn market(iso3: &str, priority: Priority) -> Market {
        Market::new(iso3, iso3, priority)
    }

    fn sme(id: i64, hs: &str, current: &[&str], certs: &[&str]) -> Sme {
        Sme {
            id,
            name: format!("SME {id}"),
            products: vec![Product {
                hs: hs.into(),
                description: String::new(),
            }],
            current_markets: current.iter().map(|s| s.to_string()).collect(),
            certifications: certs.iter().map(|s| s.to_string()).collect(),
            ..Sme::default()
        }
    }

    fn entry(sme_id: i64, hs: &str, iso3: &str, stage: Stage) -> ShortlistEntry {
        ShortlistEntry {
            id: 0,
            sme_id,
            hs: hs.into(),
            iso3: iso3.into(),
            stage,
            reason: String::new(),
            score: None,
            snapshot: String::new(),
            reference_version: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            version: 1,
        }
    }

    fn plan(sme_id: i64, due: Option<&str>, status: PlanStatus) -> PlanItem {
        PlanItem {
            id: 0,
            sme_id,
            iso3: "ARE".into(),
            gap: String::new(),
            action: "act".into(),
            provider_id: None,
            owner: "me".into(),
            due: due.map(String::from),
            status,
            notes: String::new(),
            version: 1,
        }
    }

    fn portfolio() -> Portfolio {
        let reference = Reference {
            markets: vec![
                market("ARE", Priority::MiddleEast),
                market("USA", Priority::Traditional),
                market("BRA", Priority::LatinAmerica),
            ],
            requirements: vec![Requirement {
                code: "ARE_HALAL".into(),
                market: "ARE".into(),
                hs_prefixes: vec!["16".into()],
                title: "Halal".into(),
                title_vi: String::new(),
                kind: "certification".into(),
                severity: Severity::Mandatory,
                satisfied_by: vec!["HALAL".into()],
                service_tag: "HALAL_CERT".into(),
                how_to: String::new(),
                how_to_vi: String::new(),
                year: None,
                source: String::new(),
            }],
            remedies: vec![
                TradeRemedy {
                    id: "US_AD_FISH".into(),
                    market: "USA".into(),
                    hs_prefixes: vec!["0304".into()],
                    measure: "anti_dumping".into(),
                    year: Some(2003),
                    status: "active".into(),
                    ..TradeRemedy::default()
                },
                TradeRemedy {
                    id: "OLD".into(),
                    market: "USA".into(),
                    hs_prefixes: vec!["0304".into()],
                    measure: "safeguard".into(),
                    year: Some(1999),
                    status: "terminated".into(),
                    ..TradeRemedy::default()
                },
            ],
            ..Reference::default()
        }
        .index();
        let smes = vec![
            sme(1, "030462", &["USA"], &[]),
            sme(2, "160414", &[], &["HALAL"]),
            sme(3, "160414", &[], &[]),
            sme(4, "090111", &[], &[]),
        ];
        let shortlist = vec![
            entry(1, "030462", "USA", Stage::Established), // existing market: not new
            entry(2, "160414", "ARE", Stage::FirstShipment),
            entry(3, "160414", "ARE", Stage::Shortlisted),
            entry(4, "090111", "BRA", Stage::Candidate),
            entry(4, "090111", "USA", Stage::Dropped),
        ];
        let mut readiness = HashMap::new();
        readiness.insert(
            1,
            ReadinessView {
                overall: Some(72.0),
                band: Some("ready"),
                ..Default::default()
            },
        );
        readiness.insert(2, ReadinessView::default());
        Portfolio {
            reference,
            smes,
            shortlist,
            readiness,
            plan: vec![
                plan(1, Some("2026-11-30"), PlanStatus::Todo),
                plan(1, Some("2026-11-20"), PlanStatus::InProgress),
                plan(2, Some("2026-12-31"), PlanStatus::Todo),
                plan(2, Some("2026-11-25"), PlanStatus::Done),
                plan(3, None, PlanStatus::Todo),
            ],
            ..Portfolio::default()
        }
    }

    fn segments() -> Vec<String> {
        ["middle_east", "latin_america", "africa"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn counts_and_new_markets() {
        let k = kpis(&portfolio(), &segments(), "2026-11-23");
        assert_eq!(k.smes, 4);
        assert_eq!(k.assessed, 2);
        assert!((k.share_assessed() - 0.5).abs() < 1e-9);
        // SME 1 ships to USA, already a current market; SME 2 reached ARE.
        assert_eq!(k.smes_with_new_market, 1);
        assert_eq!(k.new_markets.iter().collect::<Vec<_>>(), ["ARE"]);
        assert_eq!(k.bands, [0, 0, 1, 0, 3]);
    }

    #[test]
    fn a_market_added_after_the_first_assessment_is_still_new() {
        let mut p = portfolio();
        // SME 1 served only JPN when first assessed; USA was added to its markets later.
        p.baselines.insert(1, vec!["JPN".into()]);
        let k = kpis(&p, &segments(), "2026-11-23");
        assert_eq!(k.smes_with_new_market, 2);
        assert_eq!(k.new_markets.iter().collect::<Vec<_>>(), ["ARE", "USA"]);
        // The funnel keeps every stage, in order.
        let stages: Vec<Stage> = k.funnel.iter().map(|(s, _)| *s).collect();
        assert_eq!(stages, Stage::ALL);
    }

    #[test]
    fn decisions_newest_first() {
        let mut p = portfolio();
        let d = |at: &str| Decision {
            at: at.into(),
            who: "Lan".into(),
            fact: crate::domain::DecisionFact::Note { text: "x".into() },
            why: String::new(),
        };
        p.decisions
            .insert(1, vec![d("2026-01-01"), d("2026-02-01")]);
        let shown: Vec<&str> = p.decisions_of(1).map(|d| d.at.as_str()).collect();
        assert_eq!(shown, ["2026-02-01", "2026-01-01"]);
        assert_eq!(p.decisions_of(2).count(), 0);
    }

    #[test]
    fn funnel_and_coverage() {
        let k = kpis(&portfolio(), &segments(), "2026-11-23");
        let count = |s: Stage| k.funnel.iter().find(|(x, _)| *x == s).unwrap().1;
        assert_eq!(count(Stage::Candidate), 1);
        assert_eq!(count(Stage::Dropped), 1);
        assert_eq!(count(Stage::Established), 1);
        assert_eq!(k.funnel.len(), Stage::ALL.len());
        // A candidate in BRA does not cover Latin America yet.
        assert_eq!(k.coverage[0].markets.len(), 1);
        assert_eq!(k.coverage[0].smes, 2);
        assert!(k.coverage[1].markets.is_empty());
        assert_eq!(k.coverage[2].smes, 0);
    }

    #[test]
    fn alerts() {
        let k = kpis(&portfolio(), &segments(), "2026-11-23");
        // Only the live remedy, touching the one fish SME.
        assert_eq!(k.remedy_alerts, vec![RemedyAlert { remedy: 0, smes: 1 }]);
        // SME 2 holds HALAL; SME 3 does not.
        assert_eq!(
            k.requirement_alerts,
            vec![RequirementAlert {
                requirement: 0,
                iso3: "ARE".into(),
                smes: 1
            }]
        );
    }

    #[test]
    fn a_remedy_counts_each_sme_once() {
        let mut p = portfolio();
        // SME 1 makes two fish fillets the remedy covers; SMEs 5 and 6 share another one.
        p.smes[0].products.push(Product {
            hs: "030463".into(),
            description: String::new(),
        });
        p.smes.push(sme(5, "03046300", &[], &[]));
        p.smes.push(sme(6, "03046300", &[], &[]));
        let k = kpis(&p, &segments(), "2026-11-23");
        assert_eq!(k.remedy_alerts, vec![RemedyAlert { remedy: 0, smes: 3 }]);
    }

    #[test]
    fn plan_items_due_soon() {
        let k = kpis(&portfolio(), &segments(), "2026-11-23");
        // Overdue (11-20) first, then 11-30; done, far and undated items are left out.
        assert_eq!(k.due_soon, vec![1, 0]);
    }

    #[test]
    fn empty_portfolio() {
        let k = kpis(&Portfolio::default(), &segments(), "2026-11-23");
        assert_eq!(k.smes, 0);
        assert_eq!(k.share_assessed(), 0.0);
        assert!(k.remedy_alerts.is_empty());
        assert_eq!(k.coverage.len(), 3);
    }

    #[test]
    fn band_codes_are_the_readiness_bands() {
        for code in BAND_CODES {
            assert_eq!(Band::parse(code).map(Band::code), Some(code));
        }
    }

    #[test]
    fn stage_of_ignores_dropped() {
        let p = portfolio();
        assert_eq!(p.stage_of(4), Some(Stage::Candidate));
        assert_eq!(p.stage_of(1), Some(Stage::Established));
        assert_eq!(p.stage_of(99), None);
    }
}
