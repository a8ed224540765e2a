//! Reference-data types: markets, FTAs, HS codes, requirements, trade remedies, providers.

use serde::Serialize;

/// A figure with the year it refers to. The source is known from the field it sits in
/// (see [`crate::domain::reference::sources`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub year: u16,
}

/// Programme priority segment of a market (DESIGN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    MiddleEast,
    Africa,
    LatinAmerica,
    CentralAsia,
    EasternEurope,
    Halal,
    Traditional,
    Other,
}

impl Priority {
    pub const ALL: [Priority; 8] = [
        Priority::MiddleEast,
        Priority::Africa,
        Priority::LatinAmerica,
        Priority::CentralAsia,
        Priority::EasternEurope,
        Priority::Halal,
        Priority::Traditional,
        Priority::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Priority::MiddleEast => "middle_east",
            Priority::Africa => "africa",
            Priority::LatinAmerica => "latin_america",
            Priority::CentralAsia => "central_asia",
            Priority::EasternEurope => "eastern_europe",
            Priority::Halal => "halal",
            Priority::Traditional => "traditional",
            Priority::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == s.trim())
    }

    /// Segments the Go Global programme prioritises for diversification.
    pub fn is_programme_priority(self) -> bool {
        !matches!(self, Priority::Traditional | Priority::Other)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lpi {
    pub overall: f64,
    pub customs: Option<f64>,
    pub infrastructure: Option<f64>,
    pub shipments: Option<f64>,
    pub competence: Option<f64>,
    pub timeliness: Option<f64>,
    pub tracking: Option<f64>,
}

/// Worldwide Governance Indicators, estimates on roughly −2.5..2.5.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Governance {
    pub year: u16,
    pub voice: Option<f64>,
    pub political_stability: Option<f64>,
    pub government_effectiveness: Option<f64>,
    pub regulatory_quality: Option<f64>,
    pub rule_of_law: Option<f64>,
    pub control_of_corruption: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Market {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub name_vi: String,
    pub region: String,
    pub subregion: String,
    pub priority: Priority,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub distance_km: Option<f64>,
    pub gdp_usd: Option<Figure>,
    pub gdp_per_capita_usd: Option<Figure>,
    pub population: Option<Figure>,
    pub gdp_growth_pct: Option<Figure>,
    /// Merchandise imports (current US$) by year, oldest first.
    pub imports: Vec<Figure>,
    pub lpi: Option<Lpi>,
    pub governance: Option<Governance>,
    pub languages: Vec<String>,
    pub currency: Vec<String>,
    pub muslim_share_pct: Option<f64>,
    pub halal_relevance: Option<String>,
}

impl Market {
    /// A market with names and segment only: every figure missing (fixtures, hand-built data).
    pub fn new(iso3: &str, name: &str, priority: Priority) -> Market {
        Market {
            iso3: iso3.into(),
            iso2: String::new(),
            name: name.into(),
            name_vi: String::new(),
            region: String::new(),
            subregion: String::new(),
            priority,
            lat: None,
            lon: None,
            distance_km: None,
            gdp_usd: None,
            gdp_per_capita_usd: None,
            population: None,
            gdp_growth_pct: None,
            imports: Vec::new(),
            lpi: None,
            governance: None,
            languages: Vec::new(),
            currency: Vec::new(),
            muslim_share_pct: None,
            halal_relevance: None,
        }
    }

    pub fn latest_imports(&self) -> Option<Figure> {
        self.imports.last().copied()
    }

    pub fn display_name(&self, vietnamese: bool) -> &str {
        if vietnamese && !self.name_vi.is_empty() {
            &self.name_vi
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FtaStatus {
    InForce,
    Signed,
    Negotiating,
    Proposed,
    Preferential,
    Unverified,
}

impl FtaStatus {
    pub fn code(self) -> &'static str {
        match self {
            FtaStatus::InForce => "in_force",
            FtaStatus::Signed => "signed",
            FtaStatus::Negotiating => "negotiating",
            FtaStatus::Proposed => "proposed",
            FtaStatus::Preferential => "preferential",
            FtaStatus::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<FtaStatus> {
        [
            FtaStatus::InForce,
            FtaStatus::Signed,
            FtaStatus::Negotiating,
            FtaStatus::Proposed,
            FtaStatus::Preferential,
            FtaStatus::Unverified,
        ]
        .into_iter()
        .find(|v| v.code() == s.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fta {
    pub code: String,
    pub name: String,
    pub name_vi: String,
    pub status: FtaStatus,
    pub year: Option<u16>,
    pub co_form: String,
    /// Viet Nam's partners under this agreement: every party for a bilateral or plurilateral
    /// agreement (ATIGA, RCEP, CPTPP, EVFTA…), the non-ASEAN party only for an ASEAN+1
    /// agreement (ACFTA binds Viet Nam and China, not Viet Nam and Singapore).
    pub members: Vec<String>,
    pub notes: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HsCode {
    /// Digits only: 2 (chapter), 4 (heading), 6 (subheading) or 8 (Viet Nam's AHTN line).
    pub code: String,
    pub parent: String,
    pub section: String,
    pub description: String,
    pub description_vi: String,
}

impl HsCode {
    pub fn level(&self) -> usize {
        self.code.len()
    }

    pub fn chapter(&self) -> &str {
        &self.code[..2]
    }
}

/// World and Viet Nam exports of one HS chapter in one year (BACI), in US$.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TradeFlow {
    pub year: u16,
    pub world_exports_usd: f64,
    pub vnm_exports_usd: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Mandatory,
    Expected,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Mandatory => "mandatory",
            Severity::Expected => "expected",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim() {
            "mandatory" => Some(Severity::Mandatory),
            "expected" => Some(Severity::Expected),
            _ => None,
        }
    }
}

/// A non-tariff requirement: market (or group) × HS prefixes → rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub code: String,
    /// ISO3, a group code (EU27, GCC, …) or `*`.
    pub market: String,
    pub hs_prefixes: Vec<String>,
    pub title: String,
    pub title_vi: String,
    pub kind: String,
    pub severity: Severity,
    /// Certification or capability codes; holding any one meets the requirement.
    pub satisfied_by: Vec<String>,
    pub service_tag: String,
    pub how_to: String,
    pub how_to_vi: String,
    pub year: Option<u16>,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TradeRemedy {
    pub id: String,
    pub market: String,
    pub hs_prefixes: Vec<String>,
    pub product: String,
    pub product_vi: String,
    /// anti_dumping, countervailing, safeguard or anti_circumvention.
    pub measure: String,
    pub case_ref: String,
    pub year: Option<u16>,
    /// active, investigating or terminated.
    pub status: String,
    /// The source's note, in English as compiled.
    pub detail: String,
    /// goglobal's Vietnamese translation of `detail` (empty where there is none).
    pub detail_vi: String,
    pub source: String,
}

impl TradeRemedy {
    /// Active orders and open investigations both deserve an alert.
    pub fn is_live(&self) -> bool {
        self.status == "active" || self.status == "investigating"
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certification {
    pub code: String,
    pub kind: String,
    pub name: String,
    pub name_vi: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceTag {
    pub tag: String,
    pub name: String,
    pub name_vi: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub name_vi: String,
    /// banking, logistics, legal, certification, hr, insurance or promotion.
    pub category: String,
    pub tags: Vec<String>,
    /// ISO3 or group codes, or `*` for all markets.
    pub markets: Vec<String>,
    pub provinces: Vec<String>,
    pub languages: Vec<String>,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub sample: bool,
    pub notes: String,
    pub source: String,
}

pub const PROVIDER_CATEGORIES: [&str; 7] = [
    "banking",
    "logistics",
    "legal",
    "certification",
    "hr",
    "insurance",
    "promotion",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Province {
    pub name: String,
    pub kind: String,
    pub region: String,
    /// Every former (pre-2025) province now part of this one, its own old name included.
    pub merged_from: Vec<String>,
}

/// Kind of a demand series imported from ITC Trade Map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// A market's imports of a product from the world.
    Imports,
    /// Viet Nam's exports of a product to a market (its current foothold).
    VietnamExports,
}

impl SeriesKind {
    pub fn code(self) -> &'static str {
        match self {
            SeriesKind::Imports => "imports",
            SeriesKind::VietnamExports => "vn_exports",
        }
    }

    pub fn parse(s: &str) -> Option<SeriesKind> {
        match s {
            "imports" => Some(SeriesKind::Imports),
            "vn_exports" => Some(SeriesKind::VietnamExports),
            _ => None,
        }
    }
}

/// Real (not estimated) trade values for a market × product, e.g. from a Trade Map file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandSeries {
    pub iso3: String,
    /// HS code digits ("" or "TOTAL" for all products).
    pub hs: String,
    pub kind: SeriesKind,
    /// Values in US$ by year, oldest first.
    pub values: Vec<Figure>,
    pub source: String,
    pub file: String,
}
