//! Firm-specific market matching (DESIGN §4.2, §4.3): eight components on fixed bounds, a
//! weighted mean over the components with data, adjustments as their own lines, requirement
//! checks with the services that close each gap, and trade-remedy alerts.
//!
//! `components` holds the arithmetic, `engine` the precomputed per-market and per-product facts
//! and the ranking; this file the result types and the choice of weights.

pub mod compare;
pub mod components;
mod engine;
mod explain;
pub use explain::trade_context;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::config::{COMPONENTS, MatchingConfig};

pub use engine::{Matcher, ProductFacts, Row, SmeFacts, rank, remedy_penalty};

/// Index of each component in [`COMPONENTS`] order.
pub mod component {
    pub const SIZE: usize = 0;
    pub const GROWTH: usize = 1;
    pub const INCOME: usize = 2;
    pub const ACCESS: usize = 3;
    pub const DISTANCE: usize = 4;
    pub const LOGISTICS: usize = 5;
    pub const STABILITY: usize = 6;
    pub const FIT: usize = 7;
}

pub const N_COMPONENTS: usize = COMPONENTS.len();

/// The weights in force for a ranking, and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    /// In [`COMPONENTS`] order.
    pub weights: [f64; N_COMPONENTS],
    /// Points added for a market in a programme priority segment.
    pub priority_region_bonus: f64,
    /// The preset applied, if any.
    pub preset: Option<String>,
    /// Why these weights (rendered in the reader's language by the CLI and the brief).
    pub why: WeightsWhy,
    /// Component weights given by hand on top (`--weights`), in the order given.
    pub overridden: Vec<(usize, f64)>,
}

/// Where a ranking's weights came from: facts, not words (the edges say them in a language).
#[derive(Debug, Clone, PartialEq)]
pub enum WeightsWhy {
    /// A preset named by the user.
    PresetChosen,
    /// The first-time preset, because the readiness band (as stored) is below "ready".
    BelowReady { band: String },
    /// `[matching].weights`, with the readiness band as stored.
    DefaultWithBand { band: String },
    /// `[matching].weights`: the SME has no readiness assessment.
    DefaultUnassessed,
}

/// Weights serialise as an object keyed by component name, in the fixed component order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightMap(pub [f64; N_COMPONENTS]);

impl Serialize for WeightMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(N_COMPONENTS))?;
        for (name, w) in COMPONENTS.iter().zip(self.0) {
            map.serialize_entry(name, &w)?;
        }
        map.end()
    }
}

/// Readiness bands below "ready": an SME there gets the first-time-exporter preset.
pub fn below_ready(band: &str) -> bool {
    let band = band.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    matches!(band.as_str(), "not_yet" | "preparing")
}

/// Parse `--weights size=30,distance=5`. Errors say what is wrong and how to fix it, in both
/// languages (the command line shows the reader's).
pub fn parse_weight_overrides(text: &str) -> Result<Vec<(usize, f64)>, crate::lang::Said> {
    use crate::messages::{MessageStrings, said};
    use crate::say;
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let Some((name, value)) = item.split_once('=') else {
            return Err(said(|t| {
                say!(t.weights_syntax, item = item, example = t.weights_example)
            }));
        };
        let name = name.trim().to_ascii_lowercase();
        let Some(i) = COMPONENTS.iter().position(|c| *c == name) else {
            let list = COMPONENTS.join(", ");
            return Err(said(|t| {
                say!(
                    t.weights_unknown,
                    name = name,
                    list = list,
                    example = t.weights_example
                )
            }));
        };
        let value: f64 = value.trim().parse().map_err(|_| {
            said(|t| {
                say!(
                    t.weights_not_number,
                    value = value.trim(),
                    name = name,
                    example = t.weights_example
                )
            })
        })?;
        let problem: Option<fn(&MessageStrings) -> &'static str> = if !value.is_finite() {
            Some(|t| t.weights_not_finite)
        } else if value < 0.0 {
            Some(|t| t.weights_negative)
        } else {
            None
        };
        if let Some(template) = problem {
            return Err(said(|t| {
                say!(
                    template(t),
                    name = name,
                    value = value,
                    example = t.weights_example
                )
            }));
        }
        out.push((i, value));
    }
    if out.is_empty() {
        return Err(said(|t| say!(t.weights_none, example = t.weights_example)));
    }
    Ok(out)
}

/// Choose the weights: an explicit preset, else `first_time` when the readiness band is below
/// "ready", else `[matching].weights`; explicit overrides go on top. A component missing from
/// a preset takes its `[matching].weights` value; one missing there takes the built-in default.
pub fn choose_scheme(
    config: &MatchingConfig,
    preset: Option<&str>,
    overrides: &[(usize, f64)],
    readiness_band: Option<&str>,
) -> Result<Scheme, crate::lang::Said> {
    let defaults = MatchingConfig::default().weights;
    let mut weights = [0.0; N_COMPONENTS];
    for (i, name) in COMPONENTS.iter().enumerate() {
        weights[i] = config
            .weights
            .get(*name)
            .or_else(|| defaults.get(*name))
            .copied()
            .unwrap_or(0.0);
    }
    let mut bonus = config.adjustments.priority_region_bonus;
    let (chosen, why) = match (preset, readiness_band) {
        (Some(p), _) => (Some(p.to_string()), WeightsWhy::PresetChosen),
        (None, Some(band)) if below_ready(band) => (
            Some("first_time".to_string()),
            WeightsWhy::BelowReady {
                band: band.to_string(),
            },
        ),
        (None, Some(band)) => (
            None,
            WeightsWhy::DefaultWithBand {
                band: band.to_string(),
            },
        ),
        (None, None) => (None, WeightsWhy::DefaultUnassessed),
    };
    if let Some(name) = &chosen {
        let Some(p) = config.presets.get(name) else {
            let known: Vec<&str> = config.presets.keys().map(String::as_str).collect();
            let list = known.join(", ");
            return Err(crate::messages::said(|t| {
                crate::say!(t.preset_unknown, name = name, list = list)
            }));
        };
        for (i, c) in COMPONENTS.iter().enumerate() {
            if let Some(w) = p.weights.get(*c) {
                weights[i] = *w;
            }
        }
        if let Some(b) = p.priority_region_bonus {
            bonus = b;
        }
    }
    for &(i, w) in overrides {
        weights[i] = w;
    }
    if weights.iter().sum::<f64>() <= 0.0 {
        return Err(crate::messages::said(|t| crate::say!(t.weights_all_zero)));
    }
    Ok(Scheme {
        weights,
        priority_region_bonus: bonus,
        preset: chosen,
        why,
        overridden: overrides.to_vec(),
    })
}

/// One component of one result, as in the JSON (`figure` and `detail` are for the words).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentScore {
    pub score: Option<f64>,
    pub weight: f64,
    pub year: Option<u16>,
    pub source: String,
    pub estimate: bool,
    /// The underlying figure (US$, km, LPI points, …) for the reasons in words.
    #[serde(skip)]
    pub figure: Option<f64>,
    /// What the figure is, in a few words (e.g. the agreement and its status).
    #[serde(skip)]
    pub detail: String,
}

/// The eight components, serialised as an object keyed by name in the fixed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Components(pub [ComponentScore; N_COMPONENTS]);

impl Serialize for Components {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(N_COMPONENTS))?;
        for (name, c) in COMPONENTS.iter().zip(&self.0) {
            map.serialize_entry(name, c)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjustment {
    /// priority_region, trade_remedy, trade_remedy_investigation or existing_market.
    pub kind: &'static str,
    pub points: f64,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// trade_remedy or requirement.
    pub kind: &'static str,
    /// The measure (anti_dumping, countervailing, …) or the requirement code.
    pub measure: String,
    pub year: Option<u16>,
    pub detail: String,
    /// A trade-remedy case's note in goglobal's Vietnamese translation (the source's English
    /// note ends `detail`); absent from JSON where there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail_vi: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRef {
    pub id: String,
    pub name: String,
    pub category: String,
    #[serde(skip)]
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementCheck {
    pub code: String,
    pub title: String,
    pub severity: crate::domain::Severity,
    pub met: bool,
    pub services: Vec<ServiceRef>,
    #[serde(skip)]
    pub title_vi: String,
}

/// One market for one SME product, as in `match --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketResult {
    pub rank: usize,
    pub market: String,
    pub market_name: String,
    pub hs: String,
    pub score: Option<f64>,
    pub base: Option<f64>,
    pub coverage: f64,
    pub components: Components,
    pub adjustments: Vec<Adjustment>,
    pub fta: Vec<String>,
    pub priority_region: bool,
    pub existing_market: bool,
    pub requirements: Vec<RequirementCheck>,
    pub alerts: Vec<Alert>,
    /// Viet Nam's current exports of the product to this market (BACI 2024, or a more recent
    /// Trade Map series the user imported): context for the advisor, never scored.
    pub vn_exports: Option<Foothold>,
    /// The largest supplying countries of the product here (BACI 2024, top 3): context only.
    pub competitors: Vec<Competitor>,
    /// The market re-exports at least half of what it imports of the product: `size` uses its
    /// net imports (both figures in `demand`).
    pub reexport_hub: bool,
    /// The BACI figure behind `size` and `growth`, when the product-level table has one.
    pub demand: Option<DemandFigure>,
    #[serde(skip)]
    pub market_name_vi: String,
}

/// Viet Nam's latest exports of a product to a market (its current foothold there).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Foothold {
    /// US$.
    pub value: f64,
    pub year: u16,
    pub source: String,
    /// Share of the market's imports of the product (0–1), where known.
    pub share: Option<f64>,
    /// Viet Nam's rank among the market's suppliers, where known.
    pub rank: Option<u16>,
}

/// One of the largest suppliers of a product to a market.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Competitor {
    pub iso3: String,
    /// US$.
    pub value: f64,
    /// Share of the market's imports of the product (0–1).
    pub share: f64,
}

/// The BACI figure for a product in a market, as used for `size` and `growth`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandFigure {
    /// `hs6`, `hs4` (heading) or `hs2` (chapter).
    pub level: &'static str,
    pub code: String,
    pub year: u16,
    pub source: String,
    pub estimate: bool,
    /// Gross imports, US$ (0 where none were recorded).
    pub imports: f64,
    /// The market's own exports of the code, US$, where they reach half its imports.
    pub exports: Option<f64>,
    /// Imports less exports, US$, at a re-export hub (what `size` uses there).
    pub net_imports: Option<f64>,
    /// The HS 6 code has no figure in this market's BACI edition: its heading stands in.
    pub heading_fallback: bool,
    /// Whether `size` and `growth` use this figure (a more recent Trade Map series wins).
    pub used_for_size: bool,
    pub used_for_growth: bool,
}

impl MarketResult {
    /// Components ordered by weighted contribution w·s, strongest first (those with data and
    /// a positive weight only); ties keep the component order.
    pub fn strongest(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..N_COMPONENTS)
            .filter(|&i| self.components.0[i].score.is_some() && self.components.0[i].weight > 0.0)
            .collect();
        let contribution = |i: usize| {
            let c = &self.components.0[i];
            c.weight * c.score.unwrap_or(0.0)
        };
        idx.sort_by(|&a, &b| contribution(b).total_cmp(&contribution(a)));
        idx
    }

    pub fn unmet(&self) -> impl Iterator<Item = &RequirementCheck> {
        self.requirements.iter().filter(|r| !r.met)
    }
}

/// Round to two decimals for output and ranking (so displayed ties break by ISO3).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_baci;
