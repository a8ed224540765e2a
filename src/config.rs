//! `config.toml`: programme targets, readiness and matching weights, UI preferences.
//! Errors name the file, the line and how to fix it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::bad_input;
use crate::lang::Said;
use crate::messages::said;
use crate::say;
use crate::text::LineIndex;
use toml::de::{DeTable, DeValue};

/// The configuration shipped with the binary (the repository's `config.toml`).
pub const DEFAULT_TOML: &str = include_str!("../config.toml");

pub const COMPONENTS: [&str; 8] = [
    "size",
    "growth",
    "income",
    "access",
    "distance",
    "logistics",
    "stability",
    "fit",
];

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub advisor: Advisor,
    pub programme: Programme,
    pub readiness: ReadinessConfig,
    pub matching: MatchingConfig,
    pub ui: UiConfig,
    pub sync: SyncConfig,
}

/// `[sync]`: this site's name for other sites, and the team's shared key that signs packages
/// (HMAC-SHA-256; empty = packages carry a plain SHA-256 checksum).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    pub name: String,
    pub key: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Advisor {
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Programme {
    pub target_smes: u32,
    pub target_new_markets: u32,
    pub priority_segments: Vec<String>,
}

impl Default for Programme {
    fn default() -> Self {
        Programme {
            target_smes: 5000,
            target_new_markets: 30,
            priority_segments: [
                "middle_east",
                "africa",
                "latin_america",
                "central_asia",
                "eastern_europe",
                "halal",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadinessConfig {
    pub weights: BTreeMap<String, f64>,
    pub gate_cap: f64,
    pub band_preparing: f64,
    pub band_ready: f64,
    pub band_ready_to_diversify: f64,
}

impl Default for ReadinessConfig {
    fn default() -> Self {
        ReadinessConfig {
            weights: [
                ("A", 15.0),
                ("B", 20.0),
                ("C", 20.0),
                ("D", 15.0),
                ("E", 15.0),
                ("F", 15.0),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            gate_cap: 49.0,
            band_preparing: 40.0,
            band_ready: 60.0,
            band_ready_to_diversify: 80.0,
        }
    }
}

/// Component weights by name (size, growth, …).
pub type Weights = BTreeMap<String, f64>;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchingConfig {
    pub weights: Weights,
    pub bounds: Bounds,
    pub access: AccessScores,
    pub fit: FitPenalties,
    pub adjustments: Adjustments,
    pub presets: BTreeMap<String, Preset>,
    /// Markets whose data cover less than this share of the weights rank after the others.
    pub min_coverage: f64,
}

fn weights(values: [f64; 8]) -> Weights {
    COMPONENTS
        .iter()
        .zip(values)
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

impl Default for MatchingConfig {
    /// Same values as the shipped `config.toml` (a test keeps them in step).
    fn default() -> Self {
        let preset = |w: [f64; 8], bonus: Option<f64>| Preset {
            weights: weights(w),
            priority_region_bonus: bonus,
        };
        MatchingConfig {
            weights: weights([25.0, 10.0, 10.0, 15.0, 10.0, 10.0, 5.0, 15.0]),
            bounds: Bounds::default(),
            access: AccessScores::default(),
            fit: FitPenalties::default(),
            adjustments: Adjustments::default(),
            presets: [
                (
                    "first_time",
                    preset([15.0, 5.0, 5.0, 20.0, 20.0, 10.0, 5.0, 20.0], None),
                ),
                (
                    "scale_up",
                    preset([35.0, 20.0, 10.0, 10.0, 5.0, 10.0, 5.0, 5.0], None),
                ),
                (
                    "halal",
                    preset([25.0, 10.0, 10.0, 10.0, 5.0, 10.0, 5.0, 25.0], Some(10.0)),
                ),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            min_coverage: 0.6,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bounds {
    pub size_floor_usd: f64,
    pub size_ceiling_usd: f64,
    pub income_floor_usd: f64,
    pub income_ceiling_usd: f64,
    pub distance_floor_km: f64,
    pub distance_ceiling_km: f64,
    pub governance_floor: f64,
    pub governance_ceiling: f64,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            size_floor_usd: 1e6,
            size_ceiling_usd: 5e10,
            income_floor_usd: 500.0,
            income_ceiling_usd: 100_000.0,
            distance_floor_km: 500.0,
            distance_ceiling_km: 20_000.0,
            governance_floor: -2.5,
            governance_ceiling: 2.5,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccessScores {
    pub in_force: f64,
    pub signed: f64,
    pub negotiating: f64,
    pub none: f64,
}

impl Default for AccessScores {
    fn default() -> Self {
        AccessScores {
            in_force: 100.0,
            signed: 60.0,
            negotiating: 40.0,
            none: 0.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FitPenalties {
    pub mandatory_penalty: f64,
    pub expected_penalty: f64,
}

impl Default for FitPenalties {
    fn default() -> Self {
        FitPenalties {
            mandatory_penalty: 40.0,
            expected_penalty: 15.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Adjustments {
    pub priority_region_bonus: f64,
    pub trade_remedy_penalty: f64,
    pub investigation_penalty: f64,
}

impl Default for Adjustments {
    fn default() -> Self {
        Adjustments {
            priority_region_bonus: 5.0,
            trade_remedy_penalty: 10.0,
            investigation_penalty: 5.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Preset {
    pub weights: Weights,
    pub priority_region_bonus: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    pub theme: String,
    pub language: String,
    /// `Asia/Ho_Chi_Minh` (default), another IANA name, `local` or an offset (`+07:00`).
    pub timezone: String,
    pub keys: BTreeMap<String, String>,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            theme: "dark".into(),
            language: "vi".into(),
            timezone: "Asia/Ho_Chi_Minh".into(),
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parse and validate `text`; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |s| LineIndex::new(text.as_bytes()).line(s.start));
            bad_input(parser_message(
                e.message().trim(),
                &format!("{origin}:{line}"),
            ))
        })?;
        config.validate(text, origin)?;
        Ok(config)
    }

    /// Load from an explicit path, $GOGLOBAL_CONFIG, ./config.toml, the platform config dir,
    /// or fall back to the shipped defaults.
    pub fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
        let path = match explicit {
            Some(p) => {
                if !p.exists() {
                    return Err(bad_input(said(|t| {
                        say!(t.cfg_not_found, path = p.display())
                    })));
                }
                Some(p.to_path_buf())
            }
            None => default_config_path(),
        };
        match path {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| crate::error::PathError::io(&p, "cannot read", &e))?;
                Config::parse(&text, &p.display().to_string())
            }
            None => Config::parse(DEFAULT_TOML, crate::messages::EN.cfg_built_in),
        }
    }

    fn validate(&self, text: &str, origin: &str) -> anyhow::Result<()> {
        let keys = KeyLines::new(text);
        // `path` is where the key sits (["matching", "fit", "mandatory_penalty"]): the line
        // comes from the parser's own span of that key.
        let fail = |path: &[&str], what: Said| {
            let line = keys.line(path);
            Err(bad_input(
                Said::from(format!("{origin}:{line}")).join(": ", &what),
            ))
        };
        let mut weight_sets: Vec<(String, Vec<&str>, &Weights)> = vec![(
            "matching.weights".into(),
            vec!["matching", "weights"],
            &self.matching.weights,
        )];
        for (name, preset) in &self.matching.presets {
            weight_sets.push((
                name.clone(),
                vec!["matching", "presets", name.as_str(), "weights"],
                &preset.weights,
            ));
        }
        for (set, table, weights) in weight_sets {
            for (k, v) in weights {
                if !COMPONENTS.contains(&k.as_str()) {
                    return fail(
                        &[table.as_slice(), &[k.as_str()]].concat(),
                        said(|t| {
                            say!(
                                t.cfg_unknown_component,
                                key = k,
                                set = set,
                                list = COMPONENTS.join(", ")
                            )
                        }),
                    );
                }
                if !v.is_finite() || *v < 0.0 {
                    return fail(
                        &[table.as_slice(), &[k.as_str()]].concat(),
                        said(|t| say!(t.cfg_bad_weight, key = k, set = set, value = v)),
                    );
                }
            }
        }
        for (k, v) in &self.readiness.weights {
            if !["A", "B", "C", "D", "E", "F"].contains(&k.as_str()) {
                return fail(
                    &["readiness", "weights", k],
                    said(|t| say!(t.cfg_unknown_domain, key = k)),
                );
            }
            if !v.is_finite() || *v < 0.0 {
                return fail(
                    &["readiness", "weights", k],
                    said(|t| say!(t.cfg_bad_readiness_weight, key = k, value = v)),
                );
            }
        }
        let b = &self.matching.bounds;
        for (key, lo, hi) in [
            ("size_floor_usd", b.size_floor_usd, b.size_ceiling_usd),
            ("income_floor_usd", b.income_floor_usd, b.income_ceiling_usd),
            (
                "distance_floor_km",
                b.distance_floor_km,
                b.distance_ceiling_km,
            ),
        ] {
            // Written so that a NaN bound fails too.
            let ordered = lo > 0.0 && hi > lo;
            if !ordered {
                return fail(
                    &["matching", "bounds", key],
                    said(|t| say!(t.cfg_bounds, key = key)),
                );
            }
        }
        let ordered = b.governance_ceiling > b.governance_floor;
        if !ordered {
            return fail(
                &["matching", "bounds", "governance_floor"],
                said(|t| t.cfg_governance.to_string()),
            );
        }
        let a = &self.matching.adjustments;
        let f = &self.matching.fit;
        for (name, preset) in &self.matching.presets {
            if let Some(b) = preset
                .priority_region_bonus
                .filter(|b| !b.is_finite() || *b < 0.0)
            {
                return fail(
                    &["matching", "presets", name, "priority_region_bonus"],
                    said(|t| say!(t.cfg_preset_bonus, name = name, value = b)),
                );
            }
        }
        let points: Vec<(&str, &str, f64)> = vec![
            (
                "adjustments",
                "priority_region_bonus",
                a.priority_region_bonus,
            ),
            (
                "adjustments",
                "trade_remedy_penalty",
                a.trade_remedy_penalty,
            ),
            (
                "adjustments",
                "investigation_penalty",
                a.investigation_penalty,
            ),
            ("fit", "mandatory_penalty", f.mandatory_penalty),
            ("fit", "expected_penalty", f.expected_penalty),
        ];
        for (table, key, v) in points {
            if !v.is_finite() || v < 0.0 {
                return fail(
                    &["matching", table, key],
                    said(|t| say!(t.cfg_points, key = key, value = v)),
                );
            }
        }
        let mc = self.matching.min_coverage;
        if !(0.0..=1.0).contains(&mc) {
            return fail(
                &["matching", "min_coverage"],
                said(|t| say!(t.cfg_min_coverage, value = mc)),
            );
        }
        let s = &self.matching.access;
        for (key, v) in [
            ("in_force", s.in_force),
            ("signed", s.signed),
            ("negotiating", s.negotiating),
            ("none", s.none),
        ] {
            if !(0.0..=100.0).contains(&v) {
                return fail(
                    &["matching", "access", key],
                    said(|t| say!(t.cfg_access, key = key, value = v)),
                );
            }
        }
        for seg in &self.programme.priority_segments {
            if crate::domain::Priority::parse(seg).is_none() {
                let list = crate::domain::Priority::ALL.map(|p| p.code()).join(", ");
                return fail(
                    &["programme", "priority_segments"],
                    said(|t| say!(t.cfg_segment, segment = seg, list = list)),
                );
            }
        }
        if !["dark", "light", "high-contrast"].contains(&self.ui.theme.as_str()) {
            return fail(
                &["ui", "theme"],
                said(|t| say!(t.cfg_theme, theme = self.ui.theme)),
            );
        }
        if let Err(what) = crate::clock::Zone::from_config(&self.ui.timezone) {
            return fail(&["ui", "timezone"], what);
        }
        if !["vi", "en"].contains(&self.ui.language.as_str()) {
            return fail(
                &["ui", "language"],
                said(|t| say!(t.cfg_language, language = self.ui.language)),
            );
        }
        Ok(())
    }

    /// The advisor's time zone (`[ui] timezone`, checked when the file was read).
    pub fn zone(&self) -> anyhow::Result<crate::clock::Zone> {
        crate::clock::Zone::from_config(&self.ui.timezone).map_err(bad_input)
    }

    /// The advisor's name: from config, else the OS user.
    pub fn advisor_name(&self) -> String {
        if !self.advisor.name.trim().is_empty() {
            return self.advisor.name.trim().to_string();
        }
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "advisor".into())
    }
}

/// The TOML reader's message for the file at `at` (`file:line`), in both languages: an
/// unknown key and a value of the wrong type said in words (key and type names as written);
/// other syntax errors keep the reader's own detail inside a sentence of each language.
fn parser_message(detail: &str, at: &str) -> Said {
    // serde: "unknown field `colour`, expected one of `theme`, `language`".
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        if let Some((key, known)) = rest.split_once('`') {
            let known = known
                .trim_start_matches(',')
                .trim()
                .trim_start_matches("expected")
                .trim()
                .trim_start_matches("one of")
                .trim();
            if !known.is_empty() {
                return said(|t| say!(t.cfg_unknown_key, at = at, key = key, known = known));
            }
        }
    }
    // serde: "invalid type: string \"many\", expected u32".
    let bad_type = detail.strip_prefix("invalid type: ");
    if let Some((found, expected)) = bad_type.and_then(|r| r.rsplit_once(", expected ")) {
        return said(|t| say!(t.cfg_bad_type, at = at, found = found, expected = expected));
    }
    said(|t| say!(t.cfg_not_toml, at = at, detail = detail))
}

fn default_config_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("GOGLOBAL_CONFIG") {
        if !p.is_empty() {
            return Some(PathBuf::from(p));
        }
    }
    let local = PathBuf::from("config.toml");
    if local.exists() {
        return Some(local);
    }
    directories::ProjectDirs::from("vn", "goglobal", "goglobal")
        .map(|d| d.config_dir().join("config.toml"))
        .filter(|p| p.exists())
}

/// Where each key of the file is, from the TOML parser's own spans (a key of the same name in
/// another table, or in a comment, cannot be mistaken for it).
struct KeyLines<'a> {
    doc: Option<toml::Spanned<DeTable<'a>>>,
    lines: LineIndex<'a>,
}

impl<'a> KeyLines<'a> {
    fn new(text: &'a str) -> KeyLines<'a> {
        KeyLines {
            doc: DeTable::parse(text).ok(),
            lines: LineIndex::new(text.as_bytes()),
        }
    }

    /// The line of the key at `path`; of its nearest table that is written when the key is
    /// not (a default value); 1 when none is.
    fn line(&self, path: &[&str]) -> usize {
        let Some(doc) = &self.doc else { return 1 };
        let mut table = doc.get_ref();
        let mut line = 1;
        for name in path {
            let Some((key, value)) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *name)
            else {
                break;
            };
            line = self.lines.line(key.span().start);
            match value.get_ref() {
                DeValue::Table(t) => table = t,
                _ => break,
            }
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_is_valid() {
        let c = Config::parse(DEFAULT_TOML, "config.toml").unwrap();
        assert_eq!(c.programme.target_smes, 5000);
        assert_eq!(c.matching.weights.len(), 8);
        assert!(c.matching.presets.contains_key("first_time"));
        assert!(c.matching.presets.contains_key("scale_up"));
        assert!(c.matching.presets.contains_key("halal"));
    }

    #[test]
    fn unknown_key_names_line() {
        let err = Config::parse("[ui]\ntheme = \"dark\"\ncolour = 3\n", "c.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
    }

    #[test]
    fn negative_weight_names_line() {
        let text = "[matching]\nweights = { size = 10, distance = -5 }\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:2:"), "{msg}");
        assert!(msg.contains("distance"), "{msg}");
    }

    #[test]
    fn wrong_type_names_line() {
        let msg = Config::parse("[programme]\n\ntarget_smes = \"many\"\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
    }

    #[test]
    fn code_defaults_match_shipped_file() {
        let shipped = Config::parse(DEFAULT_TOML, "config.toml").unwrap().matching;
        let code = MatchingConfig::default();
        assert_eq!(shipped.weights, code.weights);
        assert_eq!(shipped.presets, code.presets);
        assert_eq!(shipped.min_coverage, code.min_coverage);
    }

    #[test]
    fn partial_config_takes_defaults() {
        let c = Config::parse("[ui]\nlanguage = \"en\"\n", "c.toml").unwrap();
        assert_eq!(c.ui.language, "en");
        assert_eq!(c.matching.weights.get("size"), Some(&25.0));
    }
}

#[cfg(test)]
mod matching_validation_tests {
    use super::*;

    #[test]
    fn negative_penalty_names_line() {
        let text =
            "[matching.adjustments]\npriority_region_bonus = 5.0\ntrade_remedy_penalty = -10\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        assert!(msg.contains("trade_remedy_penalty"), "{msg}");
    }

    #[test]
    fn negative_preset_bonus_names_its_line() {
        let text = "[matching.adjustments]\npriority_region_bonus = 5.0\n\n[matching.presets.halal]\nweights = { size = 1 }\npriority_region_bonus = -3\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:6:"), "{msg}");
    }

    #[test]
    fn bad_preset_weight_names_the_line_inside_its_table() {
        // `size` is written three times; the bad one is in [matching.presets.halal].
        let text = "[matching]\nweights = { size = 20 }\n\n[matching.presets.first_time]\nweights = { size = 15 }\n\n[matching.presets.halal]\nweights = { fit = 10,\n  size = -1 }\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:9:"), "{msg}");
        let text = "# size = 1\n[matching.presets.halal.weights]\nfit = 1\nsize = -2\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:4:"), "{msg}");
    }

    #[test]
    fn unknown_time_zone_names_line() {
        let text = "[ui]\ntheme = \"dark\"\ntimezone = \"Mars/Olympus\"\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:3: unknown time zone"), "{msg}");
        let c = Config::parse("[ui]\ntimezone = \"+05:30\"\n", "c.toml").unwrap();
        assert_eq!(c.zone().unwrap().offset_at(0), 19_800);
    }

    #[test]
    fn access_score_above_100_names_line() {
        let text = "[matching.access]\nin_force = 150\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:2:"), "{msg}");
    }

    #[test]
    fn unknown_priority_segment_names_line() {
        let text = "[programme]\ntarget_smes = 10\npriority_segments = [\"mars\"]\n";
        let msg = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        assert!(msg.contains("mars") && msg.contains("middle_east"), "{msg}");
    }
}
