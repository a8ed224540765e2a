//! A scored market in full: every component with its year, source and estimate flag, the
//! adjustments as their own lines, the requirements met or not with services for the gaps,
//! and the alerts.

use super::component::*;
use super::engine::{BaciFacts, Fact, Matcher, ProductFacts, SmeFacts};
use super::{
    Adjustment, Alert, Competitor, ComponentScore, Components, DemandFigure, Foothold,
    MarketResult, N_COMPONENTS, RequirementCheck, Scheme, ServiceRef, round2,
};
use crate::domain::reference::sources;
use crate::domain::trade::{BACI_BASE_YEAR, BACI_YEAR, SOURCE_BILATERAL, TradeKind};
use crate::domain::{FtaStatus, Severity};

/// Services proposed for one gap in the JSON (real institutions first).
const SERVICES_PER_GAP: usize = 3;

fn component(f: Fact, weight: f64, source: String, detail: String) -> ComponentScore {
    ComponentScore {
        score: f.score.map(round2),
        weight,
        year: f.year,
        source,
        estimate: f.estimate,
        figure: f.figure,
        detail,
    }
}

fn missing(source: &str, what: &str) -> String {
    format!("{source} (no {what} for this market)")
}

impl Matcher<'_> {
    /// The full result for market `m` at `rank`.
    pub(super) fn explain(
        &self,
        p: &ProductFacts,
        s: &SmeFacts,
        scheme: &Scheme,
        m: usize,
        rank: usize,
    ) -> MarketResult {
        let r = self.reference;
        let mk = &r.markets[m];
        let mf = &self.markets[m];
        let pair = &p.pairs[m];
        let e = self.evaluate(p, s, scheme, m);
        let w = &scheme.weights;
        let chapter = &p.hs[..p.hs.len().min(2)];

        let baci = pair.baci.as_ref();
        let size_source = match (pair.size_series, pair.size.score, p.chapter_share) {
            (None, _, _) if pair.size_from_baci => baci.map(baci_size_source).unwrap_or_default(),
            (Some(i), _, _) => {
                let d = &r.demand[i as usize];
                format!(
                    "{} (file {}), HS {} imports",
                    trade_map(&d.source),
                    d.file,
                    d.hs
                )
            }
            (None, Some(_), Some((_, year))) => format!(
                "{} × {} chapter {chapter} share of world exports ({year})",
                sources::WDI_IMPORTS,
                sources::BACI
            ),
            (None, _, None) => format!(
                "{} (no world trade figures for chapter {chapter})",
                sources::BACI
            ),
            (None, _, Some(_)) => missing(sources::WDI_IMPORTS, "merchandise imports"),
        };
        let (growth_fact, growth_source) = match (pair.growth, pair.growth_series) {
            (Some(g), None) if pair.growth_from_baci => {
                let (kind, code) = baci
                    .map(|b| {
                        (
                            b.trade
                                .as_ref()
                                .map_or(SOURCE_BILATERAL, |t| t.kind.source()),
                            b.code.as_str(),
                        )
                    })
                    .unwrap_or_default();
                (
                    g,
                    format!(
                        "{kind}: HS {code} imports {BACI_BASE_YEAR}–{BACI_YEAR} (implied by the flows' \
                         growth rates), on the 5-year scale"
                    ),
                )
            }
            (Some(g), Some(i)) => {
                let d = &r.demand[i as usize];
                let to = g.year.unwrap_or_default();
                (
                    g,
                    format!(
                        "{} (file {}), HS {} imports {}–{to}",
                        trade_map(&d.source),
                        d.file,
                        d.hs,
                        to.saturating_sub(5)
                    ),
                )
            }
            _ => {
                let g = mf.total_growth;
                let source = match g.year {
                    Some(to) => format!(
                        "{}: total merchandise imports {}–{to} (proxy: no product series)",
                        sources::WDI_IMPORTS,
                        to - 5
                    ),
                    None => missing(sources::WDI_IMPORTS, "imports five years apart"),
                };
                (g, source)
            }
        };
        let best = mf.best_fta.map(|i| &r.ftas[i]);
        let access_detail = match best {
            Some(f) if matches!(f.status, FtaStatus::InForce | FtaStatus::Preferential) => {
                format!("in force: {}", mf.fta_in_force.join(", "))
            }
            Some(f) if matches!(f.status, FtaStatus::Signed | FtaStatus::Negotiating) => {
                format!("{} {}", f.code, f.status.code())
            }
            Some(f) => format!("no agreement in force ({} {})", f.code, f.status.code()),
            None => "no trade agreement with Viet Nam".to_string(),
        };
        let stability_detail = match mf.stability_inputs {
            (true, true) => "political stability and rule of law",
            (true, false) => "political stability only (no rule of law estimate)",
            (false, true) => "rule of law only (no political stability estimate)",
            (false, false) => "no estimates",
        };
        let reqs = self.pair_requirements(p, m);
        let met_count = reqs.iter().filter(|&&i| s.met[i as usize]).count();
        let fit_detail = if reqs.is_empty() {
            "no specific requirement for this product here".to_string()
        } else {
            format!("{met_count} of {} requirements met", reqs.len())
        };
        let fit_fact = Fact {
            score: e.scores[FIT],
            year: e.scores[FIT].map(|_| sources::REQUIREMENTS_YEAR),
            figure: Some(reqs.len() as f64 - met_count as f64),
            estimate: false,
        };
        let parts: [ComponentScore; N_COMPONENTS] = [
            component(
                pair.size,
                w[SIZE],
                size_source,
                // The code whose figure stands for the product (the chapter for the proxy).
                match baci.filter(|_| pair.size_from_baci) {
                    Some(b) => b.code.clone(),
                    None => chapter.to_string(),
                },
            ),
            component(growth_fact, w[GROWTH], growth_source, String::new()),
            component(
                mf.income,
                w[INCOME],
                if mf.income.score.is_some() {
                    sources::WDI_GDP_PC.to_string()
                } else {
                    missing(sources::WDI_GDP_PC, "GDP per capita")
                },
                String::new(),
            ),
            component(
                mf.access,
                w[ACCESS],
                sources::FTA.to_string(),
                access_detail,
            ),
            component(
                mf.distance,
                w[DISTANCE],
                if mf.distance.score.is_some() {
                    sources::CEPII_DIST.to_string()
                } else {
                    missing(sources::CEPII_DIST, "distance")
                },
                String::new(),
            ),
            component(
                mf.logistics,
                w[LOGISTICS],
                if mf.logistics.score.is_some() {
                    sources::LPI.to_string()
                } else {
                    missing(sources::LPI, "LPI score")
                },
                String::new(),
            ),
            component(
                mf.stability,
                w[STABILITY],
                format!("{}: {stability_detail}", sources::WGI),
                stability_detail.to_string(),
            ),
            component(
                fit_fact,
                w[FIT],
                "goglobal requirements table (data/requirements.csv)".to_string(),
                fit_detail,
            ),
        ];

        let mut adjustments = Vec::new();
        let mut alerts = Vec::new();
        if mf.priority && scheme.priority_region_bonus != 0.0 {
            adjustments.push(Adjustment {
                kind: "priority_region",
                points: scheme.priority_region_bonus,
                detail: format!(
                    "Go Global programme priority segment: {}",
                    mk.priority.code()
                ),
            });
        }
        let adj = &self.config.adjustments;
        let cases: Vec<&crate::domain::TradeRemedy> = self.remedies_in(p, m).collect();
        let penalty = super::remedy_penalty(
            cases.iter().map(|t| t.status == "active"),
            adj.trade_remedy_penalty,
            adj.investigation_penalty,
        );
        if !cases.is_empty() {
            // One penalty per market and product; every case stays an alert.
            let any_order = cases.iter().any(|t| t.status == "active");
            let list: Vec<String> = cases.iter().map(|t| case_label(t)).collect();
            adjustments.push(Adjustment {
                kind: if any_order {
                    "trade_remedy"
                } else {
                    "trade_remedy_investigation"
                },
                points: -penalty,
                detail: format!(
                    "{} trade-remedy case{} on the product (one penalty): {}",
                    cases.len(),
                    if cases.len() == 1 { "" } else { "s" },
                    list.join("; ")
                ),
            });
        }
        for t in &cases {
            let case = if t.case_ref.is_empty() {
                &t.id
            } else {
                &t.case_ref
            };
            alerts.push(Alert {
                kind: "trade_remedy",
                measure: t.measure.clone(),
                year: t.year,
                detail: format!(
                    "{} {} on {} from Viet Nam, case {case}{}",
                    t.status,
                    t.measure.replace('_', "-"),
                    t.product,
                    if t.detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", t.detail)
                    }
                ),
                detail_vi: (!t.detail_vi.is_empty()).then(|| t.detail_vi.clone()),
            });
        }
        if s.existing[m] {
            adjustments.push(Adjustment {
                kind: "existing_market",
                points: 0.0,
                detail: "the SME already exports here: not a new market (score unchanged)"
                    .to_string(),
            });
        }

        let requirements: Vec<RequirementCheck> = reqs
            .iter()
            .map(|&i| {
                let q = &r.requirements[i as usize];
                let met = s.met[i as usize];
                let services = if met || q.service_tag.is_empty() {
                    Vec::new()
                } else {
                    r.providers_for(&q.service_tag, &mk.iso3)
                        .into_iter()
                        .take(SERVICES_PER_GAP)
                        .map(|p| ServiceRef {
                            id: p.id.clone(),
                            name: p.name.clone(),
                            category: p.category.clone(),
                            sample: p.sample,
                        })
                        .collect()
                };
                if !met && q.severity == Severity::Mandatory {
                    alerts.push(Alert {
                        kind: "requirement",
                        measure: q.code.clone(),
                        year: q.year,
                        detail: format!("mandatory, not yet met: {}", q.title),
                        detail_vi: None,
                    });
                }
                RequirementCheck {
                    code: q.code.clone(),
                    title: q.title.clone(),
                    severity: q.severity,
                    met,
                    services,
                    title_vi: q.title_vi.clone(),
                }
            })
            .collect();

        MarketResult {
            rank,
            market: mk.iso3.clone(),
            market_name: mk.name.clone(),
            hs: p.hs.clone(),
            score: e.score.map(round2),
            base: e.base.map(round2),
            coverage: (e.coverage * 1000.0).round() / 1000.0,
            components: Components(parts),
            adjustments,
            fta: mf.fta_in_force.clone(),
            priority_region: mf.priority,
            existing_market: s.existing[m],
            requirements,
            alerts,
            vn_exports: foothold(r, &mk.iso3, &p.hs, baci),
            competitors: baci.map(competitors).unwrap_or_default(),
            reexport_hub: baci
                .and_then(|b| b.trade.as_ref())
                .is_some_and(|t| t.reexport_hub()),
            demand: baci.map(|b| demand_figure(b, pair.size_from_baci, pair.growth_from_baci)),
            market_name_vi: mk.name_vi.clone(),
        }
    }
}

/// Viet Nam's exports of `hs` to `iso3`: a Trade Map series the user imported when it is more
/// recent than BACI, else BACI 2024 (zero where BACI's bilateral table records none).
fn foothold(
    r: &crate::domain::Reference,
    iso3: &str,
    hs: &str,
    baci: Option<&BaciFacts>,
) -> Option<Foothold> {
    let imported = r
        .demand_series(iso3, hs, crate::domain::SeriesKind::VietnamExports)
        .and_then(|d| d.values.last().map(|last| (d, *last)));
    let from_baci = baci.and_then(|b| {
        let t = b.trade.as_ref()?;
        // The six importers outside the bilateral table have no Viet Nam figure.
        (t.kind == TradeKind::Bilateral).then(|| {
            let value = t.vn.unwrap_or(0.0);
            Foothold {
                value,
                year: BACI_YEAR,
                source: format!("{}, HS {}", SOURCE_BILATERAL, b.code),
                share: (t.imports > 0.0).then(|| value / t.imports),
                rank: t.vn_rank,
            }
        })
    });
    match imported {
        Some((d, last)) if from_baci.is_none() || last.year > BACI_YEAR => Some(Foothold {
            value: last.value,
            year: last.year,
            source: format!("{} (file {}), HS {}", trade_map(&d.source), d.file, d.hs),
            share: None,
            rank: None,
        }),
        _ => from_baci,
    }
}

/// The largest suppliers with their share of the market's imports.
fn competitors(b: &BaciFacts) -> Vec<Competitor> {
    let Some(t) = &b.trade else {
        return Vec::new();
    };
    t.suppliers
        .iter()
        .map(|s| Competitor {
            iso3: s.iso3.clone(),
            value: s.value,
            share: if t.imports > 0.0 {
                (s.value / t.imports * 1000.0).round() / 1000.0
            } else {
                0.0
            },
        })
        .collect()
}

fn demand_figure(b: &BaciFacts, used_for_size: bool, used_for_growth: bool) -> DemandFigure {
    let t = b.trade.as_ref();
    let hub = t.is_some_and(|t| t.reexport_hub());
    DemandFigure {
        level: b.level.code(),
        code: b.code.clone(),
        year: BACI_YEAR,
        source: t.map_or(SOURCE_BILATERAL, |t| t.kind.source()).to_string(),
        estimate: t.is_some_and(|t| t.estimate()),
        imports: t.map_or(0.0, |t| t.imports),
        exports: t.and_then(|t| t.exports),
        net_imports: t.filter(|_| hub).map(|t| t.demand()),
        heading_fallback: b.heading_fallback,
        used_for_size,
        used_for_growth,
    }
}

/// Where `size` comes from when BACI gives it, in words.
fn baci_size_source(b: &BaciFacts) -> String {
    let Some(t) = &b.trade else {
        return format!("{SOURCE_BILATERAL}: no imports of HS {} recorded", b.code);
    };
    let what = if t.reexport_hub() {
        "net imports (re-export hub: its exports reach half its imports)"
    } else {
        "imports"
    };
    let fallback = if b.heading_fallback {
        " (heading total: the HS 2022 subheading has no figure in this BACI edition)"
    } else {
        ""
    };
    format!("{}: HS {} {what}{fallback}", t.kind.source(), b.code)
}

fn case_label(t: &crate::domain::TradeRemedy) -> String {
    let case = if t.case_ref.is_empty() {
        &t.id
    } else {
        &t.case_ref
    };
    let year = t.year.map(|y| format!(" ({y})")).unwrap_or_default();
    format!("{} {} {case}{year}", t.status, t.measure)
}

fn trade_map(source: &str) -> &str {
    if source.trim().is_empty() {
        sources::TRADE_MAP
    } else {
        source
    }
}

/// The BACI context of product `hs` in market `iso3` without a ranking (for a market detail):
/// the figure behind demand, Viet Nam's foothold and the largest suppliers.
pub fn trade_context(
    r: &crate::domain::Reference,
    hs: &str,
    iso3: &str,
) -> (Option<DemandFigure>, Option<Foothold>, Vec<Competitor>) {
    let baci = r.trade.demand(hs, iso3).map(|d| BaciFacts {
        level: d.level,
        code: d.code.to_string(),
        heading_fallback: d.heading_fallback,
        trade: d.trade.cloned(),
    });
    let b = baci.as_ref();
    (
        b.map(|b| demand_figure(b, true, true)),
        foothold(r, iso3, hs, b),
        b.map(competitors).unwrap_or_default(),
    )
}
