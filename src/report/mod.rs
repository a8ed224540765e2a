//! The client brief: a [`Brief`] view-model assembled from domain values ([`assemble`]), then
//! rendered as Markdown or as one self-contained printable HTML file. Every figure carries its
//! year and source; estimates say so.

pub mod assemble;
pub mod brief;
pub mod html;
pub mod markdown;
pub mod ranking;
pub mod reasons;
pub mod strings;
pub mod svg;

pub use assemble::{Assessed, BriefInput, assemble};
pub use brief::build_brief;

pub use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Everything the brief shows, already in the brief's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub lang: Lang,
    pub date: String,
    pub advisor: String,
    pub reference_version: String,
    pub sme_id: i64,
    pub sme_name: String,
    pub sample: bool,
    /// Label and value of each profile line.
    pub profile: Vec<(String, String)>,
    pub readiness: Option<ReadinessView>,
    pub ranking: Vec<RankedMarket>,
    /// Sources of the figures cited in the ranking's reasons.
    pub ranking_sources: Vec<String>,
    pub market: Option<MarketBrief>,
    pub pipeline: Vec<PipelineRow>,
    pub plan: Vec<PlanRow>,
    /// The ranked and shortlisted markets with a known position, for the small map.
    pub map: Vec<MapMarker>,
}

/// A market on the brief's map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    pub iso3: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Its rank among the top markets, if it is one.
    pub rank: Option<usize>,
    /// In the SME's shortlist and not dropped.
    pub shortlisted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessView {
    /// `YYYY-MM-DD` of the assessment.
    pub date: String,
    pub assessor: String,
    pub overall: Option<f64>,
    /// Band name, localised.
    pub band: String,
    pub capped: bool,
    /// Share of the questions answered, 0–1.
    pub coverage: f64,
    pub domains: Vec<DomainBar>,
    /// The bands from the lowest up: the score each starts at and its localised name.
    pub bands: Vec<BandLimit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BandLimit {
    pub from: f64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainBar {
    pub name: String,
    /// 0–100; `None` when no item of the domain was answered.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankedMarket {
    pub rank: usize,
    pub iso3: String,
    pub name: String,
    pub hs: String,
    pub score: f64,
    /// Share of the component weights that had data, 0–1.
    pub coverage: f64,
    pub existing: bool,
    /// Short reasons, each with its year and source.
    pub reasons: Vec<String>,
    /// The weighted mean of the components with data, before adjustments.
    pub base: f64,
    /// Each component's share of the base, in the engine's component order.
    pub parts: Vec<ScorePart>,
    /// Points added or taken after the weighted mean (priority bonus, trade remedies).
    pub adjustments: Vec<ScoreAdjustment>,
}

/// One component's weighted contribution to a market's base score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorePart {
    /// Component name, localised.
    pub name: String,
    pub weight: f64,
    /// Points of the base score; `None` when the component has no data for this market.
    pub points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreAdjustment {
    pub label: String,
    pub points: f64,
}

/// A figure with the year it refers to and its source.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLine {
    pub label: String,
    pub value: String,
    pub year: Option<u16>,
    pub source: String,
    pub estimate: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarketBrief {
    pub iso3: String,
    pub name: String,
    pub hs: String,
    pub hs_description: String,
    pub figures: Vec<FigureLine>,
    pub ftas: Vec<FtaRow>,
    pub requirements: Vec<RequirementRow>,
    pub remedies: Vec<RemedyRow>,
    pub services: Vec<ServiceRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FtaRow {
    pub code: String,
    pub name: String,
    pub status: String,
    pub year: Option<u16>,
    pub co_form: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequirementRow {
    pub code: String,
    pub title: String,
    pub severity: String,
    pub met: bool,
    pub how_to: String,
    pub year: Option<u16>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RemedyRow {
    pub measure: String,
    pub product: String,
    pub case_ref: String,
    pub year: Option<u16>,
    pub status: String,
    pub detail: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    /// The gaps this provider helps close.
    pub gaps: Vec<String>,
    pub name: String,
    pub category: String,
    pub contact: String,
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PipelineRow {
    pub market: String,
    pub hs: String,
    pub stage: String,
    pub reason: String,
    pub score: Option<f64>,
    pub updated: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub market: String,
    pub gap: String,
    pub action: String,
    pub provider: String,
    pub owner: String,
    pub due: String,
    pub status: String,
}

impl ReadinessView {
    /// The overall score ("—" without one) and the gate note (empty unless capped).
    pub fn headline(&self, lang: Lang) -> (String, String) {
        let overall = number_or_dash(lang, self.overall, 0);
        let capped = if self.capped {
            format!(" — {}", strings::strings(lang).capped)
        } else {
            String::new()
        };
        (overall, capped)
    }
}

impl RankedMarket {
    /// The reasons, led by a note when the market is already one of the SME's.
    pub fn why(&self, s: &strings::Strings) -> String {
        let why = self.reasons.join("; ");
        if self.existing {
            format!("{} — {why}", s.existing_market)
        } else {
            why
        }
    }
}

impl PipelineRow {
    pub fn stage_text(&self) -> String {
        if self.reason.is_empty() {
            self.stage.clone()
        } else {
            format!("{} — {}", self.stage, self.reason)
        }
    }
}

impl PlanRow {
    pub fn due_text(&self) -> &str {
        if self.due.is_empty() {
            "—"
        } else {
            &self.due
        }
    }
}

impl FigureLine {
    /// The value, marked when it is an estimate.
    pub fn value_text(&self, s: &strings::Strings) -> String {
        if self.estimate {
            format!("{} ({})", self.value, s.estimate)
        } else {
            self.value.clone()
        }
    }
}

/// "(2024, source)" or "(2024, source, estimate)".
pub fn provenance(s: &strings::Strings, year: Option<u16>, source: &str, estimate: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(y) = year {
        parts.push(y.to_string());
    }
    if !source.is_empty() {
        parts.push(source.to_string());
    }
    if estimate {
        parts.push(s.estimate.to_string());
    }
    format!("({})", parts.join(", "))
}

/// A number, or "—" when there is none.
pub fn number_or_dash(lang: Lang, value: Option<f64>, decimals: usize) -> String {
    value
        .map(|v| number(lang, v, decimals))
        .unwrap_or_else(|| "—".into())
}

/// Render the brief in `format`.
pub fn render(brief: &Brief, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(brief),
        Format::Html => html::render(brief),
    }
}

pub use crate::lang::number;

/// US$ amounts in the brief's language: the program's one money formatter.
pub use crate::lang::money;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Lang::En, 1234567.891, 1), "1,234,567.9");
        assert_eq!(number(Lang::Vi, 1234567.891, 1), "1.234.567,9");
        assert_eq!(number(Lang::En, 999.0, 0), "999");
        assert_eq!(number(Lang::En, -1500.0, 0), "-1,500");
    }
}
