//! Export readiness (DESIGN §4.1): the questionnaire, its validation and the scoring rules.
//! Pure: the questionnaire text is embedded at compile time; weights, band limits and the gate cap
//! come from `config.toml` [readiness].

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::sme::ExportExperience;
use crate::config::ReadinessConfig;

/// The shipped questionnaire (`data/questionnaire.toml`).
pub const QUESTIONNAIRE_TOML: &str = include_str!("../../data/questionnaire.toml");

/// Answers run from 0 (absent) to 4 (fully in place).
pub const MAX_ANSWER: u8 = 4;
/// An item answered at or below this is a gap.
pub const GAP_AT_OR_BELOW: u8 = 2;
/// A gate item answered at or below this caps the overall score.
pub const GATE_FAIL_AT_OR_BELOW: u8 = 1;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub code: String,
    pub name: String,
    pub name_vi: String,
    pub description: String,
    pub description_vi: String,
}

impl Domain {
    pub fn name(&self, vietnamese: bool) -> &str {
        if vietnamese {
            &self.name_vi
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id: the domain letter and a number (`A1`, `B3`).
    pub id: String,
    /// A knock-out item: answered 0 or 1, it caps the overall score.
    pub gate: bool,
    /// Service tag that helps close the gap.
    pub tag: String,
    pub question: String,
    pub question_vi: String,
    /// Why it matters and what to do if not.
    pub help: String,
    pub help_vi: String,
    /// What each answer 0–4 means for this item.
    pub labels: Vec<String>,
    pub labels_vi: Vec<String>,
}

impl Item {
    /// The domain code: the id's letter.
    pub fn domain(&self) -> &str {
        &self.id[..1]
    }

    pub fn question(&self, vietnamese: bool) -> &str {
        if vietnamese {
            &self.question_vi
        } else {
            &self.question
        }
    }

    pub fn help(&self, vietnamese: bool) -> &str {
        if vietnamese {
            &self.help_vi
        } else {
            &self.help
        }
    }

    /// What `answer` means for this item (empty if out of range).
    pub fn label(&self, answer: u8, vietnamese: bool) -> &str {
        let labels = if vietnamese {
            &self.labels_vi
        } else {
            &self.labels
        };
        labels.get(answer as usize).map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Stored with every assessment; bumped whenever an item's meaning changes.
    pub version: String,
    pub domains: Vec<Domain>,
    pub items: Vec<Item>,
    /// Item id → position in `items` (lookups run for every stored assessment loaded).
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Questionnaire {
    /// Parse and validate a questionnaire; `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str) -> Result<Questionnaire, Vec<String>> {
        let mut q: Questionnaire = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            vec![format!("{origin}:{line}: {}", e.message().trim())]
        })?;
        let problems = q.problems();
        if problems.is_empty() {
            q.index = q
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| (item.id.clone(), i))
                .collect();
            Ok(q)
        } else {
            Err(problems
                .into_iter()
                .map(|(key, what)| {
                    let line = key.map_or(1, |k| line_of_id(text, &k));
                    format!("{origin}:{line}: {what}")
                })
                .collect())
        }
    }

    /// The shipped questionnaire, parsed once. A test keeps it valid.
    pub fn builtin() -> &'static Questionnaire {
        static Q: OnceLock<Questionnaire> = OnceLock::new();
        Q.get_or_init(|| {
            Questionnaire::parse(QUESTIONNAIRE_TOML, "data/questionnaire.toml")
                .unwrap_or_else(|p| panic!("shipped questionnaire is invalid:\n{}", p.join("\n")))
        })
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    pub fn domain(&self, code: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.code == code)
    }

    pub fn items_in<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.domain() == domain)
    }

    pub fn gates(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.gate)
    }

    /// "A1–A5, B1–B6, …": the ids per domain, for messages.
    pub fn id_ranges(&self) -> String {
        self.domains
            .iter()
            .filter_map(|d| {
                let ids: Vec<&str> = self.items_in(&d.code).map(|i| i.id.as_str()).collect();
                Some(format!("{}–{}", ids.first()?, ids.last()?))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every rule the file breaks, each with the item id it is about (for the line number).
    fn problems(&self) -> Vec<(Option<String>, String)> {
        let mut out = Vec::new();
        if self.version.trim().is_empty() {
            out.push((
                None,
                "`version` is empty (give the questionnaire a version)".into(),
            ));
        }
        for d in &self.domains {
            for (field, value) in [
                ("name", &d.name),
                ("name_vi", &d.name_vi),
                ("description", &d.description),
                ("description_vi", &d.description_vi),
            ] {
                if value.trim().is_empty() {
                    out.push((None, format!("domain {}: `{field}` is empty", d.code)));
                }
            }
            let n = self.items_in(&d.code).count();
            if !(4..=6).contains(&n) {
                out.push((
                    None,
                    format!("domain {} has {n} items (each domain needs 4 to 6)", d.code),
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for item in &self.items {
            let key = Some(item.id.clone());
            let id = &item.id;
            let well_formed = id.len() >= 2
                && id.is_char_boundary(1)
                && id[1..].bytes().all(|b| b.is_ascii_digit());
            if !well_formed || self.domain(&id[..1.min(id.len())]).is_none() {
                out.push((
                    key.clone(),
                    format!("item id `{id}` must be a domain letter and a number, like A1"),
                ));
                continue;
            }
            if !seen.insert(id.clone()) {
                out.push((key.clone(), format!("item id {id} is used twice")));
            }
            for (field, value) in [
                ("question", &item.question),
                ("question_vi", &item.question_vi),
                ("help", &item.help),
                ("help_vi", &item.help_vi),
            ] {
                if value.trim().is_empty() {
                    out.push((key.clone(), format!("item {id}: `{field}` is empty")));
                }
            }
            for (field, labels) in [("labels", &item.labels), ("labels_vi", &item.labels_vi)] {
                if labels.len() != MAX_ANSWER as usize + 1
                    || labels.iter().any(|l| l.trim().is_empty())
                {
                    out.push((
                        key.clone(),
                        format!(
                            "item {id}: `{field}` needs 5 non-empty labels, for answers 0 to 4"
                        ),
                    ));
                }
            }
            let tag_ok = !item.tag.is_empty()
                && item
                    .tag
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if !tag_ok {
                out.push((
                    key,
                    format!(
                        "item {id}: tag `{}` must be an upper-case service tag",
                        item.tag
                    ),
                ));
            }
        }
        out
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Line of `id = "X"` in the questionnaire text (1 if not found).
fn line_of_id(text: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    text.lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&needle))
        .map_or(1, |i| i + 1)
}

/// Readiness band (DESIGN §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    NotYet,
    Preparing,
    Ready,
    ReadyToDiversify,
}

impl Band {
    pub const ALL: [Band; 4] = [
        Band::NotYet,
        Band::Preparing,
        Band::Ready,
        Band::ReadyToDiversify,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Band::NotYet => "not_yet",
            Band::Preparing => "preparing",
            Band::Ready => "ready",
            Band::ReadyToDiversify => "ready_to_diversify",
        }
    }

    pub fn parse(s: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.code() == s.trim())
    }

    pub fn label(self, vietnamese: bool) -> &'static str {
        match (self, vietnamese) {
            (Band::NotYet, false) => "not yet ready",
            (Band::NotYet, true) => "chưa sẵn sàng",
            (Band::Preparing, false) => "preparing",
            (Band::Preparing, true) => "đang chuẩn bị",
            (Band::Ready, false) => "ready for near or FTA markets",
            (Band::Ready, true) => "sẵn sàng cho thị trường gần hoặc có FTA",
            (Band::ReadyToDiversify, false) => "ready to diversify",
            (Band::ReadyToDiversify, true) => "sẵn sàng đa dạng hóa thị trường",
        }
    }

    /// The band of an overall score, with the limits from config.
    pub fn of(score: f64, cfg: &ReadinessConfig) -> Band {
        if score >= cfg.band_ready_to_diversify {
            Band::ReadyToDiversify
        } else if score >= cfg.band_ready {
            Band::Ready
        } else if score >= cfg.band_preparing {
            Band::Preparing
        } else {
            Band::NotYet
        }
    }
}

/// Exporter persona, from the SME's export experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Persona {
    New,
    Occasional,
    Regular,
}

impl Persona {
    /// None, indirect (through traders) and unknown experience all count as a new exporter.
    pub fn from_experience(experience: Option<ExportExperience>) -> Persona {
        match experience {
            Some(ExportExperience::Regular) => Persona::Regular,
            Some(ExportExperience::Occasional) => Persona::Occasional,
            Some(ExportExperience::None | ExportExperience::Indirect) | None => Persona::New,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Persona::New => "new",
            Persona::Occasional => "occasional",
            Persona::Regular => "regular",
        }
    }

    pub fn label(self, vietnamese: bool) -> &'static str {
        match (self, vietnamese) {
            (Persona::New, false) => "new exporter",
            (Persona::New, true) => "mới xuất khẩu",
            (Persona::Occasional, false) => "occasional exporter",
            (Persona::Occasional, true) => "xuất khẩu không thường xuyên",
            (Persona::Regular, false) => "regular exporter",
            (Persona::Regular, true) => "xuất khẩu thường xuyên",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainScore {
    /// 25 × mean of the answered items; None when no item of the domain is answered.
    pub score: Option<f64>,
    /// The domain's weight from config.
    pub weight: f64,
    pub answered: usize,
    pub items: usize,
}

/// An item answered at or below [`GAP_AT_OR_BELOW`], with the service that helps close it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub item: String,
    pub domain: String,
    pub answer: u8,
    pub tag: String,
    pub gate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    pub questionnaire_version: String,
    /// Weighted mean of the scored domains, capped when a gate fails; None if nothing answered.
    pub overall: Option<f64>,
    pub band: Option<Band>,
    /// A gate item is answered 0 or 1 and the overall was lowered to the gate cap.
    pub capped_by_gate: bool,
    /// Gate items answered 0 or 1 (the overall is at most the gate cap while any remain).
    pub failed_gates: Vec<String>,
    /// Σ weights of the domains with an answer / Σ weights (0..1).
    pub coverage: f64,
    pub answered_items: usize,
    pub total_items: usize,
    pub domains: BTreeMap<String, DomainScore>,
    /// Weakest first, ties by item id.
    pub gaps: Vec<Gap>,
}

impl Readiness {
    /// Share of the questionnaire's items that were answered (0..1).
    pub fn answered_share(&self) -> f64 {
        if self.total_items == 0 {
            0.0
        } else {
            self.answered_items as f64 / self.total_items as f64
        }
    }

    /// Domains scored below `below`, weakest first (for routing to service categories).
    pub fn weak_domains(&self, below: f64) -> Vec<&str> {
        let mut weak: Vec<(&str, f64)> = self
            .domains
            .iter()
            .filter_map(|(code, d)| d.score.filter(|s| *s < below).map(|s| (code.as_str(), s)))
            .collect();
        weak.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        weak.into_iter().map(|(code, _)| code).collect()
    }
}

/// Provider categories (DESIGN §2) that help with a weak domain.
pub fn service_categories(domain: &str) -> &'static [&'static str] {
    match domain {
        "A" => &["promotion", "hr"],
        "B" => &["banking", "hr"],
        "C" => &["promotion", "logistics", "legal"],
        "D" => &["certification", "legal"],
        "E" => &["promotion"],
        "F" => &["banking", "logistics", "legal", "hr", "insurance"],
        _ => &[],
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Items answered at or below [`GAP_AT_OR_BELOW`], weakest first, ties by item id.
/// Answers to items the questionnaire does not know are ignored.
pub fn gaps(q: &Questionnaire, answers: &BTreeMap<String, u8>) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = answers
        .iter()
        .filter(|&(_, &a)| a <= GAP_AT_OR_BELOW)
        .filter_map(|(id, &answer)| {
            let item = q.item(id)?;
            Some(Gap {
                item: id.clone(),
                domain: item.domain().to_string(),
                answer,
                tag: item.tag.clone(),
                gate: item.gate,
            })
        })
        .collect();
    gaps.sort_by(|a, b| a.answer.cmp(&b.answer).then_with(|| a.item.cmp(&b.item)));
    gaps
}

/// Gate items answered at or below [`GATE_FAIL_AT_OR_BELOW`], in questionnaire order.
pub fn failed_gates(q: &Questionnaire, answers: &BTreeMap<String, u8>) -> Vec<String> {
    q.gates()
        .filter(|g| {
            answers
                .get(&g.id)
                .is_some_and(|&a| a <= GATE_FAIL_AT_OR_BELOW)
        })
        .map(|g| g.id.clone())
        .collect()
}

/// Score `answers` (item id → 0..4). Unknown ids are ignored and answers above 4 count as 4;
/// callers validate input first (see `domain::answers`).
pub fn score(
    q: &Questionnaire,
    cfg: &ReadinessConfig,
    answers: &BTreeMap<String, u8>,
) -> Readiness {
    let mut domains = BTreeMap::new();
    let (mut weight_all, mut weight_scored, mut weighted_sum) = (0.0, 0.0, 0.0);
    let mut answered_items = 0;
    for d in &q.domains {
        let weight = cfg.weights.get(&d.code).copied().unwrap_or(0.0);
        let items = q.items_in(&d.code).count();
        let values: Vec<f64> = q
            .items_in(&d.code)
            .filter_map(|i| answers.get(&i.id))
            .map(|&a| f64::from(a.min(MAX_ANSWER)))
            .collect();
        answered_items += values.len();
        weight_all += weight;
        let score =
            (!values.is_empty()).then(|| 25.0 * values.iter().sum::<f64>() / values.len() as f64);
        if let Some(s) = score {
            weight_scored += weight;
            weighted_sum += weight * s;
        }
        domains.insert(
            d.code.clone(),
            DomainScore {
                score: score.map(round1),
                weight,
                answered: values.len(),
                items,
            },
        );
    }
    let failed_gates = failed_gates(q, answers);
    // A domain without answers is left out of the mean (and of coverage), never counted as 0.
    let uncapped = (weight_scored > 0.0).then(|| weighted_sum / weight_scored);
    let capped_by_gate = !failed_gates.is_empty() && uncapped.is_some_and(|u| u > cfg.gate_cap);
    let overall = uncapped.map(|u| round1(if capped_by_gate { cfg.gate_cap } else { u }));
    Readiness {
        questionnaire_version: q.version.clone(),
        overall,
        band: overall.map(|o| Band::of(o, cfg)),
        capped_by_gate,
        failed_gates,
        coverage: if weight_all > 0.0 {
            weight_scored / weight_all
        } else {
            0.0
        },
        answered_items,
        total_items: q.items.len(),
        domains,
        gaps: gaps(q, answers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> &'static Questionnaire {
        Questionnaire::builtin()
    }

    fn cfg() -> ReadinessConfig {
        ReadinessConfig::default()
    }

    fn all(value: u8) -> BTreeMap<String, u8> {
        q().items.iter().map(|i| (i.id.clone(), value)).collect()
    }

    #[test]
    fn shipped_questionnaire_is_complete_and_bilingual() {
        let q = q();
        assert!(q.items.len() >= 24, "{} items", q.items.len());
        let codes: Vec<&str> = q.domains.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["A", "B", "C", "D", "E", "F"]);
        for d in &q.domains {
            let n = q.items_in(&d.code).count();
            assert!((4..=6).contains(&n), "domain {} has {n} items", d.code);
        }
        for i in &q.items {
            assert!(
                !i.question.is_empty() && !i.question_vi.is_empty(),
                "{}",
                i.id
            );
            assert!(!i.help.is_empty() && !i.help_vi.is_empty(), "{}", i.id);
            assert_ne!(i.question, i.question_vi, "{} not translated", i.id);
            assert_ne!(i.help, i.help_vi, "{} not translated", i.id);
            assert_eq!(i.labels.len(), 5, "{}", i.id);
            assert_eq!(i.labels_vi.len(), 5, "{}", i.id);
            for a in 0..=4 {
                assert!(!i.label(a, false).is_empty() && !i.label(a, true).is_empty());
            }
            assert!(!i.tag.is_empty(), "{}", i.id);
        }
        // The four knock-out gates of DESIGN §4.1.
        let gates: Vec<&str> = q.gates().map(|g| g.id.as_str()).collect();
        assert_eq!(gates, ["A1", "B6", "C2", "C3"]);
        assert!(q.item("C2").unwrap().question.contains("HS code"));
        assert!(q.item("C3").unwrap().question.contains("FOB"));
        assert!(q.item("B6").unwrap().question.contains("samples"));
        assert!(q.item("A1").unwrap().question.contains("registered"));
    }

    #[test]
    fn shipped_weights_match_code_defaults() {
        let shipped = crate::config::Config::parse(crate::config::DEFAULT_TOML, "config.toml")
            .unwrap()
            .readiness;
        let code = ReadinessConfig::default();
        assert_eq!(shipped.weights, code.weights);
        assert_eq!(shipped.gate_cap, code.gate_cap);
        assert_eq!(
            (shipped.band_preparing, shipped.band_ready),
            (code.band_preparing, code.band_ready)
        );
        assert_eq!(
            shipped.band_ready_to_diversify,
            code.band_ready_to_diversify
        );
    }

    #[test]
    fn validation_names_the_item_line() {
        let text = QUESTIONNAIRE_TOML.replacen("id = \"B2\"", "id = \"B1\"", 1);
        let problems = Questionnaire::parse(&text, "q.toml").unwrap_err();
        let line = line_of_id(&text, "B1");
        assert!(line > 1);
        assert!(
            problems.contains(&format!("q.toml:{line}: item id B1 is used twice")),
            "{problems:?}"
        );
        let text = QUESTIONNAIRE_TOML.replacen("tag = \"LC\"", "tag = \"\"", 1);
        let problems = Questionnaire::parse(&text, "q.toml").unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("F1: tag")),
            "{problems:?}"
        );
        // Five items in A plus a sixth and a seventh: too many.
        let extra = QUESTIONNAIRE_TOML
            .split("[[items]]")
            .nth(1)
            .unwrap()
            .replace("\"A1\"", "\"A9\"");
        let text = format!(
            "{QUESTIONNAIRE_TOML}\n[[items]]{extra}[[items]]{}",
            extra.replace("A9", "A8")
        );
        let problems = Questionnaire::parse(&text, "q.toml").unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("domain A has 7 items")),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_key_is_a_parse_error_with_its_line() {
        let text = QUESTIONNAIRE_TOML.replacen("gate = false", "gate = false\ncolour = 3", 1);
        let err = Questionnaire::parse(&text, "q.toml").unwrap_err();
        let line = text.lines().position(|l| l.starts_with("colour")).unwrap() + 1;
        assert!(err[0].starts_with(&format!("q.toml:{line}:")), "{err:?}");
        assert!(err[0].contains("colour"), "{err:?}");
    }

    #[test]
    fn empty_translation_is_a_problem() {
        let text = QUESTIONNAIRE_TOML.replacen(
            "question_vi = \"Doanh nghiệp đã có Giấy chứng nhận đăng ký doanh nghiệp và mã số thuế còn hiệu lực chưa?\"",
            "question_vi = \"\"",
            1,
        );
        let problems = Questionnaire::parse(&text, "q.toml").unwrap_err();
        let line = line_of_id(&text, "A1");
        assert_eq!(
            problems,
            [format!("q.toml:{line}: item A1: `question_vi` is empty")]
        );
    }

    #[test]
    fn all_four_is_100_and_ready_to_diversify() {
        let r = score(q(), &cfg(), &all(4));
        assert_eq!(r.overall, Some(100.0));
        assert_eq!(r.band, Some(Band::ReadyToDiversify));
        assert!(!r.capped_by_gate);
        assert_eq!(r.coverage, 1.0);
        assert!(r.gaps.is_empty());
        assert_eq!(r.answered_items, q().items.len());
        for d in r.domains.values() {
            assert_eq!(d.score, Some(100.0));
        }
    }

    #[test]
    fn all_zero_is_0_and_not_yet() {
        let r = score(q(), &cfg(), &all(0));
        assert_eq!(r.overall, Some(0.0));
        assert_eq!(r.band, Some(Band::NotYet));
        assert_eq!(r.gaps.len(), q().items.len());
    }

    #[test]
    fn one_failed_gate_caps_the_overall() {
        for gate in q().gates() {
            for failing in [0, 1] {
                let mut answers = all(4);
                answers.insert(gate.id.clone(), failing);
                let r = score(q(), &cfg(), &answers);
                assert!(r.overall.unwrap() <= 49.0, "{}", gate.id);
                assert!(r.capped_by_gate);
                assert_eq!(r.failed_gates, std::slice::from_ref(&gate.id));
                assert_eq!(r.band, Some(Band::Preparing));
                assert_eq!(r.gaps[0].item, gate.id);
                assert!(r.gaps[0].gate);
            }
            // Answered 2, the gate passes: no cap.
            let mut answers = all(4);
            answers.insert(gate.id.clone(), 2);
            let r = score(q(), &cfg(), &answers);
            assert!(!r.capped_by_gate);
            assert!(r.failed_gates.is_empty());
            assert!(r.overall.unwrap() > 90.0);
        }
    }

    #[test]
    fn a_failed_gate_below_the_cap_is_reported_but_lowers_nothing() {
        let mut answers = all(1);
        answers.insert("A2".into(), 2);
        let r = score(q(), &cfg(), &answers);
        assert!(r.overall.unwrap() < 49.0);
        assert!(!r.capped_by_gate);
        assert_eq!(r.failed_gates, ["A1", "B6", "C2", "C3"]);
    }

    #[test]
    fn domain_score_is_25_times_the_mean_and_overall_the_weighted_mean() {
        // A: 4,4,2,2,2 → mean 2.8 → 70; B all 1 → 25; others unanswered.
        let mut answers = BTreeMap::new();
        for (id, a) in [("A1", 4), ("A2", 4), ("A3", 2), ("A4", 2), ("A5", 2)] {
            answers.insert(id.to_string(), a);
        }
        for i in q().items_in("B") {
            answers.insert(i.id.clone(), 1);
        }
        let r = score(q(), &cfg(), &answers);
        assert_eq!(r.domains["A"].score, Some(70.0));
        assert_eq!(r.domains["B"].score, Some(25.0));
        assert_eq!(r.domains["C"].score, None);
        // (15·70 + 20·25) / 35 = 44.28…
        assert_eq!(r.overall, Some(44.3));
        assert_eq!(r.band, Some(Band::Preparing));
        assert!((r.coverage - 0.35).abs() < 1e-9);
        assert!(r.coverage < 1.0);
        assert_eq!(r.answered_items, 11);
        assert_eq!(r.domains["B"].answered, r.domains["B"].items);
    }

    #[test]
    fn unanswered_domain_is_left_out_not_zero() {
        let mut answers = all(4);
        answers.retain(|id, _| !id.starts_with('F'));
        let r = score(q(), &cfg(), &answers);
        assert_eq!(r.overall, Some(100.0));
        assert!((r.coverage - 0.85).abs() < 1e-9);
        assert_eq!(r.domains["F"].score, None);
    }

    #[test]
    fn unanswered_item_is_left_out_of_its_domain() {
        let mut answers = all(2);
        answers.remove("D2");
        let r = score(q(), &cfg(), &answers);
        assert_eq!(r.domains["D"].score, Some(50.0));
        assert_eq!(r.coverage, 1.0);
        assert_eq!(r.answered_items, q().items.len() - 1);
    }

    #[test]
    fn nothing_answered_has_no_score() {
        let r = score(q(), &cfg(), &BTreeMap::new());
        assert_eq!(r.overall, None);
        assert_eq!(r.band, None);
        assert_eq!(r.coverage, 0.0);
        assert!(!r.capped_by_gate);
    }

    #[test]
    fn bands_follow_config_limits() {
        let c = cfg();
        assert_eq!(Band::of(39.9, &c), Band::NotYet);
        assert_eq!(Band::of(40.0, &c), Band::Preparing);
        assert_eq!(Band::of(59.9, &c), Band::Preparing);
        assert_eq!(Band::of(60.0, &c), Band::Ready);
        assert_eq!(Band::of(79.9, &c), Band::Ready);
        assert_eq!(Band::of(80.0, &c), Band::ReadyToDiversify);
        let strict = ReadinessConfig {
            band_ready_to_diversify: 90.0,
            ..c
        };
        assert_eq!(Band::of(85.0, &strict), Band::Ready);
        for b in Band::ALL {
            assert_eq!(Band::parse(b.code()), Some(b));
        }
    }

    #[test]
    fn gate_cap_and_weights_come_from_config() {
        let mut answers = all(4);
        answers.insert("C2".into(), 0);
        let c = ReadinessConfig {
            gate_cap: 30.0,
            ..cfg()
        };
        assert_eq!(score(q(), &c, &answers).overall, Some(30.0));
        // Only domain A weighs: the overall is A's score.
        let mut answers = all(4);
        for i in q().items_in("A") {
            answers.insert(i.id.clone(), 2);
        }
        let c = ReadinessConfig {
            weights: [("A".to_string(), 1.0)].into_iter().collect(),
            ..cfg()
        };
        assert_eq!(score(q(), &c, &answers).overall, Some(50.0));
    }

    #[test]
    fn gaps_are_weakest_first_then_by_id() {
        let mut answers = all(3);
        for (id, a) in [("F2", 1), ("B4", 2), ("A3", 2), ("E1", 0), ("C5", 1)] {
            answers.insert(id.to_string(), a);
        }
        let r = score(q(), &cfg(), &answers);
        let order: Vec<(&str, u8)> = r.gaps.iter().map(|g| (g.item.as_str(), g.answer)).collect();
        assert_eq!(
            order,
            [("E1", 0), ("C5", 1), ("F2", 1), ("A3", 2), ("B4", 2)]
        );
        assert_eq!(r.gaps[2].tag, "EXPORT_CREDIT_INSURANCE");
        assert_eq!(r.gaps[2].domain, "F");
    }

    #[test]
    fn persona_from_experience() {
        use ExportExperience::{Indirect, Occasional, Regular};
        assert_eq!(Persona::from_experience(None), Persona::New);
        assert_eq!(
            Persona::from_experience(Some(ExportExperience::None)),
            Persona::New
        );
        assert_eq!(Persona::from_experience(Some(Indirect)), Persona::New);
        assert_eq!(
            Persona::from_experience(Some(Occasional)),
            Persona::Occasional
        );
        assert_eq!(Persona::from_experience(Some(Regular)), Persona::Regular);
    }

    #[test]
    fn weak_domains_route_to_service_categories() {
        let mut answers = all(4);
        for i in q().items_in("F") {
            answers.insert(i.id.clone(), 1);
        }
        for i in q().items_in("D") {
            answers.insert(i.id.clone(), 2);
        }
        let r = score(q(), &cfg(), &answers);
        assert_eq!(r.weak_domains(60.0), ["F", "D"]);
        assert!(service_categories("F").contains(&"banking"));
        assert!(service_categories("D").contains(&"certification"));
        for d in &q().domains {
            for c in service_categories(&d.code) {
                assert!(crate::domain::PROVIDER_CATEGORIES.contains(c), "{c}");
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Any subset of the items answered with any value.
        fn answers() -> impl Strategy<Value = BTreeMap<String, u8>> {
            let n = Questionnaire::builtin().items.len();
            proptest::collection::vec(proptest::option::of(0u8..=4), n).prop_map(|v| {
                Questionnaire::builtin()
                    .items
                    .iter()
                    .zip(v)
                    .filter_map(|(i, a)| a.map(|a| (i.id.clone(), a)))
                    .collect()
            })
        }

        proptest! {
            #[test]
            fn overall_within_0_and_100(a in answers()) {
                let r = score(q(), &cfg(), &a);
                if let Some(o) = r.overall {
                    prop_assert!((0.0..=100.0).contains(&o));
                    if !r.failed_gates.is_empty() {
                        prop_assert!(o <= cfg().gate_cap);
                    }
                    prop_assert!(!r.capped_by_gate || o == cfg().gate_cap);
                } else {
                    prop_assert!(a.is_empty());
                }
                prop_assert!((0.0..=1.0).contains(&r.coverage));
            }

            #[test]
            fn raising_one_answer_never_lowers_the_overall(
                a in answers(),
                pick in any::<proptest::sample::Index>(),
            ) {
                let answered: Vec<&String> = a.iter().filter(|&(_, &v)| v < 4).map(|(k, _)| k).collect();
                prop_assume!(!answered.is_empty());
                let id = pick.get(&answered).to_string();
                let before = score(q(), &cfg(), &a);
                for raised in a[&id] + 1..=4 {
                    let mut b = a.clone();
                    b.insert(id.clone(), raised);
                    let after = score(q(), &cfg(), &b);
                    prop_assert!(after.overall.unwrap() >= before.overall.unwrap(),
                        "{id} {} -> {raised}: {:?} -> {:?}", a[&id], before.overall, after.overall);
                    prop_assert!(after.band >= before.band);
                }
            }
        }
    }
}
