//! A scored market in full: every component with its year, source and estimate flag, the
//! adjustments as their own lines, the requirements met or not with services for the gaps,
//! and the alerts.

use super::component::*;
use super::engine::{Fact, Matcher, ProductFacts, SmeFacts};
use super::{
    Adjustment, Alert, ComponentScore, Components, Foothold, MarketResult, N_COMPONENTS,
    RequirementCheck, Scheme, ServiceRef, round2,
};
use crate::domain::reference::sources;
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

        let size_source = match (pair.size_series, pair.size.score, p.chapter_share) {
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
            component(pair.size, w[SIZE], size_source, chapter.to_string()),
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
        for t in self.remedies_in(p, m) {
            let active = t.status == "active";
            let points = if active {
                -adj.trade_remedy_penalty
            } else {
                -adj.investigation_penalty
            };
            let year = t.year.map(|y| format!(" ({y})")).unwrap_or_default();
            let case = if t.case_ref.is_empty() {
                &t.id
            } else {
                &t.case_ref
            };
            adjustments.push(Adjustment {
                kind: if active {
                    "trade_remedy"
                } else {
                    "trade_remedy_investigation"
                },
                points,
                detail: format!("{} {} {case}{year}: {}", t.status, t.measure, t.product),
            });
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
            vn_exports: foothold(r, &mk.iso3, &p.hs),
            market_name_vi: mk.name_vi.clone(),
        }
    }
}

/// The latest value of the most specific imported series of Viet Nam's exports of `hs` to `iso3`.
fn foothold(r: &crate::domain::Reference, iso3: &str, hs: &str) -> Option<Foothold> {
    let d = r.demand_series(iso3, hs, crate::domain::SeriesKind::VietnamExports)?;
    let last = d.values.last()?;
    Some(Foothold {
        value: last.value,
        year: last.year,
        source: format!(
            "{} (file {}), HS {} exports of Viet Nam",
            trade_map(&d.source),
            d.file,
            d.hs
        ),
    })
}

fn trade_map(source: &str) -> &str {
    if source.trim().is_empty() {
        sources::TRADE_MAP
    } else {
        source
    }
}
