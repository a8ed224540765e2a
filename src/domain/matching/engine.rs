//! Ranking: facts that depend only on the market are computed once per [`Matcher`], facts that
//! depend on the product once per [`ProductFacts`], and the SME's certifications and markets
//! once per [`SmeFacts`]; scoring a market is then a short loop over plain numbers.

use std::collections::BTreeMap;

use super::component::*;
use super::components as c;
use super::{MarketResult, N_COMPONENTS, Scheme, round2};
use crate::config::{Config, MatchingConfig};
use crate::domain::trade::{BACI_YEAR, Level, MarketTrade};
use crate::domain::{Figure, FtaStatus, Priority, Reference, SeriesKind, Severity, Sme};

/// A component's score with the figure behind it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Fact {
    pub score: Option<f64>,
    pub year: Option<u16>,
    pub figure: Option<f64>,
    pub estimate: bool,
}

/// Facts about a market that hold for every product and SME.
#[derive(Debug, Clone)]
pub(super) struct MarketFacts {
    pub income: Fact,
    pub access: Fact,
    pub distance: Fact,
    pub logistics: Fact,
    pub stability: Fact,
    /// Which WGI estimates fed `stability`: (political stability, rule of law).
    pub stability_inputs: (bool, bool),
    /// Latest total merchandise imports M_j.
    pub imports: Option<Figure>,
    /// Growth of total merchandise imports T vs T−5, the proxy when no product series exists.
    pub total_growth: Fact,
    pub priority: bool,
    /// Index into `reference.ftas` of the agreement with the best status.
    pub best_fta: Option<usize>,
    /// Agreements in force (or preferential agreements in force) with Viet Nam.
    pub fta_in_force: Vec<String>,
}

/// The BACI figure behind a product in one market (see [`crate::domain::trade::TradeTable::demand`]).
#[derive(Debug, Clone)]
pub(super) struct BaciFacts {
    pub level: Level,
    pub code: String,
    pub heading_fallback: bool,
    /// None: the market imported none of the code.
    pub trade: Option<MarketTrade>,
}

/// Facts about one product in one market.
#[derive(Debug, Clone, Default)]
pub(super) struct PairFacts {
    pub size: Fact,
    /// The BACI figure for the product here, if the table has one.
    pub baci: Option<BaciFacts>,
    /// Whether `size` / `growth` come from it (a more recent Trade Map series wins).
    pub size_from_baci: bool,
    pub growth_from_baci: bool,
    /// Index into `reference.demand` of the real series used for size.
    pub size_series: Option<u32>,
    /// Growth on the product's own series; None means the total-imports proxy applies.
    pub growth: Option<Fact>,
    pub growth_series: Option<u32>,
    /// Ranges into `ProductFacts::requirements` and `ProductFacts::remedies`.
    pub req: (u32, u32),
    pub rem: (u32, u32),
}

/// Everything about one product (HS code) across all markets.
#[derive(Debug, Clone)]
pub struct ProductFacts {
    pub hs: String,
    /// The chapter's share of world exports X_wk/X_w and its year (CEPII BACI).
    pub chapter_share: Option<(f64, u16)>,
    /// Viet Nam's revealed comparative advantage in the chapter, and its year (context only).
    pub rca: Option<(f64, u16)>,
    pub(super) pairs: Vec<PairFacts>,
    /// Indices into `reference.requirements`, grouped per market by `PairFacts::req`.
    pub(super) requirements: Vec<u32>,
    /// Indices into `reference.remedies` of live cases, grouped per market by `PairFacts::rem`.
    pub(super) remedies: Vec<u32>,
}

/// What an SME holds, as flags aligned with the reference tables.
#[derive(Debug, Clone)]
pub struct SmeFacts {
    /// Per requirement of the reference: whether the SME holds a code that satisfies it.
    pub(super) met: Vec<bool>,
    /// Per market: whether the SME already exports there.
    pub(super) existing: Vec<bool>,
}

/// One scored market, without the words (for whole-portfolio runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into `reference.markets`.
    pub market: u32,
    pub score: Option<f64>,
    pub base: Option<f64>,
    pub coverage: f64,
    pub existing_market: bool,
}

/// The arithmetic of one market for one SME product.
#[derive(Debug, Clone, Copy)]
pub(super) struct Eval {
    pub scores: [Option<f64>; N_COMPONENTS],
    pub base: Option<f64>,
    pub coverage: f64,
    pub score: Option<f64>,
}

/// Reference data prepared for matching: build once, rank many SME products.
pub struct Matcher<'r> {
    pub reference: &'r Reference,
    pub config: &'r MatchingConfig,
    pub(super) markets: Vec<MarketFacts>,
    /// World exports of all chapters by year (X_w), and Viet Nam's (X_VN).
    world_totals: BTreeMap<u16, (f64, f64)>,
}

fn figure_fact(score: Option<f64>, f: Option<Figure>) -> Fact {
    Fact {
        score,
        year: f.map(|f| f.year),
        figure: f.map(|f| f.value),
        estimate: false,
    }
}

/// Growth between the latest value of `series` and the one five years before, if both exist.
fn growth_of(series: &[Figure]) -> Option<(f64, u16, u16)> {
    let last = series.last()?;
    let before = series.iter().find(|f| f.year + 5 == last.year)?;
    let score = c::growth(last.value, before.value)?;
    Some((score, before.year, last.year))
}

impl<'r> Matcher<'r> {
    pub fn new(reference: &'r Reference, config: &'r Config) -> Matcher<'r> {
        let m = &config.matching;
        let b = &m.bounds;
        let segments: Vec<Priority> = config
            .programme
            .priority_segments
            .iter()
            .filter_map(|s| Priority::parse(s))
            .collect();
        let markets = reference
            .markets
            .iter()
            .map(|mk| {
                let gdp_pc = mk.gdp_per_capita_usd;
                let income = figure_fact(gdp_pc.map(|g| c::income(g.value, b)), gdp_pc);
                let mut best: Option<usize> = None;
                let mut fta_in_force = Vec::new();
                for (i, f) in reference.ftas.iter().enumerate() {
                    if !f.members.contains(&mk.iso3) {
                        continue;
                    }
                    if matches!(f.status, FtaStatus::InForce | FtaStatus::Preferential) {
                        fta_in_force.push(f.code.clone());
                    }
                    let better = best.is_none_or(|j| {
                        c::status_rank(f.status) > c::status_rank(reference.ftas[j].status)
                    });
                    if better {
                        best = Some(i);
                    }
                }
                let best_status = best.map(|i| reference.ftas[i].status);
                let access = Fact {
                    score: Some(c::access(best_status, &m.access)),
                    year: best.and_then(|i| reference.ftas[i].year),
                    figure: None,
                    estimate: false,
                };
                let distance = Fact {
                    score: mk.distance_km.map(|km| c::distance(km, b)),
                    year: mk
                        .distance_km
                        .map(|_| crate::domain::reference::sources::CEPII_DIST_YEAR),
                    figure: mk.distance_km,
                    estimate: false,
                };
                let logistics = Fact {
                    score: mk.lpi.as_ref().map(|l| c::logistics(l.overall)),
                    year: mk
                        .lpi
                        .as_ref()
                        .map(|_| crate::domain::reference::sources::LPI_YEAR),
                    figure: mk.lpi.as_ref().map(|l| l.overall),
                    estimate: false,
                };
                let (ps, rl) = mk
                    .governance
                    .as_ref()
                    .map(|g| (g.political_stability, g.rule_of_law))
                    .unwrap_or((None, None));
                let stability_score = c::stability(ps, rl, b);
                let stability = Fact {
                    score: stability_score,
                    year: stability_score.and(mk.governance.as_ref()).map(|g| g.year),
                    figure: None,
                    estimate: false,
                };
                let total_growth = match growth_of(&mk.imports) {
                    Some((score, _, year)) => Fact {
                        score: Some(score),
                        year: Some(year),
                        figure: growth_pct(&mk.imports),
                        estimate: true,
                    },
                    None => Fact::default(),
                };
                MarketFacts {
                    income,
                    access,
                    distance,
                    logistics,
                    stability,
                    stability_inputs: (ps.is_some(), rl.is_some()),
                    imports: mk.latest_imports(),
                    total_growth,
                    priority: segments.contains(&mk.priority),
                    best_fta: best,
                    fta_in_force,
                }
            })
            .collect();
        let mut world_totals: BTreeMap<u16, (f64, f64)> = BTreeMap::new();
        for flows in reference.trade_flows.values() {
            for f in flows {
                let t = world_totals.entry(f.year).or_default();
                t.0 += f.world_exports_usd;
                t.1 += f.vnm_exports_usd;
            }
        }
        Matcher {
            reference,
            config: m,
            markets,
            world_totals,
        }
    }

    /// Prepare product `hs` (digits) for every market: demand, growth, requirements, remedies.
    pub fn product(&self, hs: &str) -> ProductFacts {
        let r = self.reference;
        let chapter = &hs[..hs.len().min(2)];
        // The latest year in which both the chapter and the world total are known.
        let share_flow = r.flows(chapter).iter().rev().find(|f| {
            f.world_exports_usd > 0.0 && self.world_totals.get(&f.year).is_some_and(|t| t.0 > 0.0)
        });
        let chapter_share =
            share_flow.map(|f| (f.world_exports_usd / self.world_totals[&f.year].0, f.year));
        let rca = share_flow.and_then(|f| {
            let (xw, xvn) = self.world_totals[&f.year];
            (xvn > 0.0).then(|| {
                (
                    (f.vnm_exports_usd / xvn) / (f.world_exports_usd / xw),
                    f.year,
                )
            })
        });
        let product_reqs: Vec<usize> = r
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, q)| crate::domain::reference::prefixes_match(&q.hs_prefixes, hs))
            .map(|(i, _)| i)
            .collect();
        let product_rems: Vec<usize> = r
            .remedies
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.is_live() && crate::domain::reference::prefixes_match(&t.hs_prefixes, hs)
            })
            .map(|(i, _)| i)
            .collect();
        let product_series: Vec<usize> = r
            .demand
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.kind == SeriesKind::Imports && !d.hs.is_empty() && hs.starts_with(&d.hs)
            })
            .map(|(i, _)| i)
            .collect();
        let mut requirements = Vec::new();
        let mut remedies = Vec::new();
        let mut pairs = Vec::with_capacity(r.markets.len());
        for (mi, mk) in r.markets.iter().enumerate() {
            let facts = &self.markets[mi];
            // The most specific real series: the longest HS prefix with data.
            let series = product_series
                .iter()
                .copied()
                .filter(|&i| r.demand[i].iso3 == mk.iso3 && !r.demand[i].values.is_empty())
                .max_by_key(|&i| r.demand[i].hs.len());
            let baci = r.trade.demand(hs, &mk.iso3).map(|d| BaciFacts {
                level: d.level,
                code: d.code.to_string(),
                heading_fallback: d.heading_fallback,
                trade: d.trade.cloned(),
            });
            // A Trade Map series the user imported wins over BACI when it is more recent.
            let series_year = |i: usize| r.demand[i].values.last().map_or(0, |f| f.year);
            let series = series.filter(|&i| baci.is_none() || series_year(i) > BACI_YEAR);
            let bounds = &self.config.bounds;
            let (size, size_series, size_from_baci) = match (series, &baci) {
                (Some(i), _) => {
                    let last = *r.demand[i].values.last().expect("non-empty series");
                    (
                        Fact {
                            score: Some(c::size(last.value, bounds)),
                            year: Some(last.year),
                            figure: Some(last.value),
                            estimate: false,
                        },
                        Some(i as u32),
                        false,
                    )
                }
                (None, Some(b)) => {
                    let (value, estimate) = b
                        .trade
                        .as_ref()
                        .map_or((0.0, false), |t| (t.demand(), t.estimate()));
                    (
                        Fact {
                            score: Some(c::size(value, bounds)),
                            year: Some(BACI_YEAR),
                            figure: Some(value),
                            estimate,
                        },
                        None,
                        true,
                    )
                }
                (None, None) => match (facts.imports, chapter_share) {
                    (Some(m), Some((share, _))) => {
                        let est = m.value * share;
                        (
                            Fact {
                                score: Some(c::size(est, bounds)),
                                year: Some(m.year),
                                figure: Some(est),
                                estimate: true,
                            },
                            None,
                            false,
                        )
                    }
                    _ => (Fact::default(), None, false),
                },
            };
            let baci_growth = baci
                .as_ref()
                .and_then(|b| b.trade.as_ref())
                .and_then(MarketTrade::growth_pair)
                .filter(|_| series.is_none());
            let (growth, growth_series, growth_from_baci) = match (
                series.and_then(|i| growth_of(&r.demand[i].values).map(|g| (i, g))),
                baci_growth,
            ) {
                (Some((i, (score, _, year))), _) => (
                    Some(Fact {
                        score: Some(score),
                        year: Some(year),
                        figure: growth_pct(&r.demand[i].values),
                        estimate: false,
                    }),
                    Some(i as u32),
                    false,
                ),
                (None, Some((latest, before))) => (
                    Some(Fact {
                        score: c::growth(latest, before),
                        year: Some(BACI_YEAR),
                        figure: (before > 0.0).then(|| 100.0 * (latest / before - 1.0)),
                        estimate: baci
                            .as_ref()
                            .and_then(|b| b.trade.as_ref())
                            .is_some_and(MarketTrade::estimate),
                    }),
                    None,
                    true,
                ),
                (None, None) => (None, None, false),
            };
            let req_start = requirements.len() as u32;
            requirements.extend(
                product_reqs
                    .iter()
                    .filter(|&&i| r.scope_covers(&r.requirements[i].market, &mk.iso3))
                    .map(|&i| i as u32),
            );
            let rem_start = remedies.len() as u32;
            remedies.extend(
                product_rems
                    .iter()
                    .filter(|&&i| r.scope_covers(&r.remedies[i].market, &mk.iso3))
                    .map(|&i| i as u32),
            );
            pairs.push(PairFacts {
                size,
                baci,
                size_from_baci,
                growth_from_baci,
                size_series,
                growth,
                growth_series,
                req: (req_start, requirements.len() as u32),
                rem: (rem_start, remedies.len() as u32),
            });
        }
        ProductFacts {
            hs: hs.to_string(),
            chapter_share,
            rca,
            pairs,
            requirements,
            remedies,
        }
    }

    /// The SME's certifications against every requirement, and its current markets.
    pub fn sme(&self, sme: &Sme) -> SmeFacts {
        let r = self.reference;
        let met = r
            .requirements
            .iter()
            .map(|q| q.satisfied_by.iter().any(|code| sme.holds(code)))
            .collect();
        let existing = r
            .markets
            .iter()
            .map(|m| sme.current_markets.contains(&m.iso3))
            .collect();
        SmeFacts { met, existing }
    }

    /// Requirements of the product in market `m` (indices into `reference.requirements`).
    pub(super) fn pair_requirements<'a>(&self, p: &'a ProductFacts, m: usize) -> &'a [u32] {
        let (a, b) = p.pairs[m].req;
        &p.requirements[a as usize..b as usize]
    }

    /// Live trade remedies on the product in market `m` (indices into `reference.remedies`).
    pub(super) fn pair_remedies<'a>(&self, p: &'a ProductFacts, m: usize) -> &'a [u32] {
        let (a, b) = p.pairs[m].rem;
        &p.remedies[a as usize..b as usize]
    }

    /// Live trade remedies on the product in market `m`.
    pub fn remedies_in<'a>(
        &'a self,
        p: &'a ProductFacts,
        m: usize,
    ) -> impl Iterator<Item = &'a crate::domain::TradeRemedy> + 'a {
        self.pair_remedies(p, m)
            .iter()
            .map(|&i| &self.reference.remedies[i as usize])
    }

    /// Mandatory requirements of the product in market `m` that the SME does not yet meet.
    pub fn unmet_mandatory_in<'a>(
        &'a self,
        p: &'a ProductFacts,
        s: &'a SmeFacts,
        m: usize,
    ) -> impl Iterator<Item = &'a crate::domain::Requirement> + 'a {
        self.pair_requirements(p, m)
            .iter()
            .filter(|&&i| !s.met[i as usize])
            .map(|&i| &self.reference.requirements[i as usize])
            .filter(|q| q.severity == Severity::Mandatory)
    }

    /// Points of the adjustments of market `m`: priority bonus and trade-remedy penalties.
    pub(super) fn adjustment_points(&self, p: &ProductFacts, scheme: &Scheme, m: usize) -> f64 {
        let a = &self.config.adjustments;
        let mut points = 0.0;
        if self.markets[m].priority {
            points += scheme.priority_region_bonus;
        }
        points -= remedy_penalty(
            self.remedies_in(p, m).map(|t| t.status == "active"),
            a.trade_remedy_penalty,
            a.investigation_penalty,
        );
        points
    }

    /// The arithmetic for market `m`.
    pub(super) fn evaluate(
        &self,
        p: &ProductFacts,
        s: &SmeFacts,
        scheme: &Scheme,
        m: usize,
    ) -> Eval {
        let mf = &self.markets[m];
        let pair = &p.pairs[m];
        let (mut unmet_mandatory, mut unmet_expected) = (0, 0);
        for &i in self.pair_requirements(p, m) {
            if !s.met[i as usize] {
                match self.reference.requirements[i as usize].severity {
                    Severity::Mandatory => unmet_mandatory += 1,
                    Severity::Expected => unmet_expected += 1,
                }
            }
        }
        let mut scores = [None; N_COMPONENTS];
        scores[SIZE] = pair.size.score;
        scores[GROWTH] = pair.growth.unwrap_or(mf.total_growth).score;
        scores[INCOME] = mf.income.score;
        scores[ACCESS] = mf.access.score;
        scores[DISTANCE] = mf.distance.score;
        scores[LOGISTICS] = mf.logistics.score;
        scores[STABILITY] = mf.stability.score;
        scores[FIT] = Some(c::fit(unmet_mandatory, unmet_expected, &self.config.fit));
        let (base, coverage) = c::weighted(&scores, &scheme.weights);
        let score = c::final_score(base, self.adjustment_points(p, scheme, m));
        Eval {
            scores,
            base,
            coverage,
            score,
        }
    }

    /// Score every market for one SME product into `rows`, best first; ties break by ISO3.
    /// `rows` is cleared first so a caller can reuse its allocation.
    pub fn score_into(&self, p: &ProductFacts, s: &SmeFacts, scheme: &Scheme, rows: &mut Vec<Row>) {
        rows.clear();
        for m in 0..self.markets.len() {
            let e = self.evaluate(p, s, scheme, m);
            rows.push(Row {
                market: m as u32,
                score: e.score.map(round2),
                base: e.base.map(round2),
                coverage: e.coverage,
                existing_market: s.existing[m],
            });
        }
        let markets = &self.reference.markets;
        let min = self.config.min_coverage;
        rows.sort_by(|a, b| {
            // Markets with enough data first, then scores descending (a market without any
            // score last), then ISO3.
            let key = |r: &Row| {
                (
                    r.coverage + 1e-9 >= min,
                    r.score.map_or(i64::MIN, |s| (s * 100.0).round() as i64),
                )
            };
            key(b).cmp(&key(a)).then_with(|| {
                markets[a.market as usize]
                    .iso3
                    .cmp(&markets[b.market as usize].iso3)
            })
        });
    }

    /// Full results (components, adjustments, requirements, alerts) for one SME product.
    pub fn rank(&self, sme: &Sme, hs: &str, scheme: &Scheme) -> Vec<MarketResult> {
        let p = self.product(hs);
        let s = self.sme(sme);
        let mut rows = Vec::with_capacity(self.markets.len());
        self.score_into(&p, &s, scheme, &mut rows);
        rows.iter()
            .enumerate()
            .map(|(i, row)| self.explain(&p, &s, scheme, row.market as usize, i + 1))
            .collect()
    }
}

/// One penalty per market and product however many cases stand: the order-in-force penalty
/// if any case is an order in force, else the investigation penalty; zero without a case.
pub fn remedy_penalty(
    cases_active: impl IntoIterator<Item = bool>,
    order: f64,
    investigation: f64,
) -> f64 {
    let mut penalty: f64 = 0.0;
    for active in cases_active {
        penalty = penalty.max(if active { order } else { investigation });
    }
    penalty
}

/// Percent change of the latest value over the one five years before.
fn growth_pct(series: &[Figure]) -> Option<f64> {
    let last = series.last()?;
    let before = series.iter().find(|f| f.year + 5 == last.year)?;
    (before.value > 0.0).then(|| 100.0 * (last.value / before.value - 1.0))
}

/// Rank every market for product `hs` of `sme` with the weights of `scheme`.
pub fn rank(
    reference: &Reference,
    config: &Config,
    sme: &Sme,
    hs: &str,
    scheme: &Scheme,
) -> Vec<MarketResult> {
    Matcher::new(reference, config).rank(sme, hs, scheme)
}
