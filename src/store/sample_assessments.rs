//! Demo readiness assessments for the sample portfolio: deterministic (same SMEs, same answers),
//! plausible for each SME's export experience, size, languages and certificates, dated in 2026,
//! some SMEs assessed two or three times and improving. Fictional, like the sample SMEs.

use std::collections::BTreeMap;

use super::Store;
use super::assessments::{AssessmentRecord, insert_assessment};
use crate::config::ReadinessConfig;
use crate::domain::readiness::{self, Questionnaire};
use crate::domain::{ExportExperience, Sme};

const WHO: &str = "goglobal (sample data)";

/// Fictional advisors.
const ASSESSORS: [&str; 5] = [
    "Nguyễn Thu Hằng",
    "Trần Quốc Việt",
    "Lê Minh Châu",
    "Phạm Đức Anh",
    "Hoàng Thị Mai",
];

const FOOD_SECTORS: [&str; 8] = [
    "seafood",
    "coffee",
    "cashew",
    "rice",
    "pepper",
    "fruit",
    "birds_nest",
    "processed_food",
];
const QUALITY: [&str; 11] = [
    "HACCP",
    "ISO22000",
    "ISO9001",
    "BRCGS",
    "IFS",
    "FSSC22000",
    "GLOBALGAP",
    "BSCI",
    "WRAP",
    "SA8000",
    "OEKO_TEX",
];
const HALAL: [&str; 3] = ["HALAL", "JAKIM_HALAL", "BPJPH_HALAL"];
const REGISTRATIONS: [&str; 14] = [
    "FDA_REG",
    "GACC_REG",
    "CN_PROTOCOL_ORCHARD",
    "EU_LISTED",
    "SFDA_REG",
    "FSIS_EQUIV",
    "PHYTO",
    "MFDS_REG",
    "EAEU_LISTED",
    "CE_MARK",
    "ROHS",
    "REACH",
    "TSCA_VI",
    "GSO_LABEL",
];
const TRACEABILITY: [&str; 11] = [
    "EUDR_DDS",
    "IUU_CC",
    "FSC",
    "PEFC",
    "TIMBER_LEGALITY",
    "UFLPA_TRACE",
    "GLOBALGAP",
    "ASC",
    "BAP",
    "MSC",
    "MMPA_COMPLIANT",
];

/// One planned assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub sme_id: i64,
    pub assessed_at: String,
    pub assessor: String,
    pub answers: BTreeMap<String, u8>,
    pub notes: BTreeMap<String, String>,
}

/// Small deterministic generator (splitmix64), seeded per SME.
struct Rng(u64);

impl Rng {
    fn new(key: &str) -> Rng {
        // FNV-1a of the key, so each SME keeps its answers whatever its position.
        let seed = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// −1, 0, 0 or +1: most answers sit at the SME's level.
    fn jitter(&mut self) -> f64 {
        [-1.0, 0.0, 0.0, 1.0][self.below(4) as usize]
    }
}

fn clamp(x: f64, lo: u8, hi: u8) -> u8 {
    (x.round().max(f64::from(lo)).min(f64::from(hi))) as u8
}

fn held<'a>(sme: &'a Sme, set: &[&str]) -> Vec<&'a str> {
    sme.certifications
        .iter()
        .map(String::as_str)
        .filter(|c| set.contains(c))
        .collect()
}

/// From 0 (nothing in place) to 4: the level an SME's profile suggests.
fn level(sme: &Sme, rng: &mut Rng) -> f64 {
    let base = match sme.export_experience {
        Some(ExportExperience::Regular) => 3.2,
        Some(ExportExperience::Occasional) => 2.5,
        Some(ExportExperience::Indirect) => 1.7,
        Some(ExportExperience::None) | None => 1.0,
    };
    let size = match sme.employees.unwrap_or(0) {
        0..=20 => -0.4,
        150.. => 0.3,
        _ => 0.0,
    };
    // Firms with the same experience still differ (management, finances): ±0.5.
    let own = (rng.below(11) as f64 - 5.0) / 10.0;
    // Nobody is perfect on every item: keep room for the follow-up visits to show progress.
    (base + size + own).clamp(0.3, 3.4)
}

/// First-visit answers for `sme`, with evidence notes.
fn first_answers(
    sme: &Sme,
    q: &Questionnaire,
    rng: &mut Rng,
) -> (BTreeMap<String, u8>, BTreeMap<String, String>) {
    use ExportExperience as X;
    let lv = level(sme, rng);
    let exp = sme.export_experience.unwrap_or(X::None);
    let food = FOOD_SECTORS.contains(&sme.sector.as_str());
    let count_level = |n: usize, rng: &mut Rng| match n {
        0 => clamp(lv - 1.0 + rng.jitter(), 0, 2),
        1 => 3,
        _ => 4,
    };
    let quality = held(sme, &QUALITY);
    let foreign_languages = sme.languages.iter().filter(|l| *l != "vi").count();
    let mut answers = BTreeMap::new();
    let mut notes = BTreeMap::new();
    for item in &q.items {
        let a = match item.id.as_str() {
            "A1" => match exp {
                X::Regular | X::Occasional => 4,
                _ => 3,
            },
            "B3" => match foreign_languages {
                0 => clamp(lv - 1.0, 0, 1),
                1 => clamp(lv + 0.5, 2, 3),
                _ => 4,
            },
            "B5" => match exp {
                X::None => 0,
                X::Indirect => 1 + rng.below(2) as u8,
                X::Occasional => 3,
                X::Regular => 4,
            },
            // Gates: new exporters often fall short on samples, HS code or FOB costing.
            "B6" | "C2" | "C3" => match exp {
                X::None => clamp(lv + rng.jitter(), 0, 3),
                X::Indirect => clamp(lv + 0.5 + rng.jitter(), 1, 3),
                X::Occasional => 3,
                X::Regular => 3 + rng.below(2) as u8,
            },
            "D1" if quality.is_empty() && sme.holds("VIETGAP") => 2,
            "D1" => match quality.len() {
                0 => 1,
                1 => 3,
                _ => 4,
            },
            "D2" if !held(sme, &HALAL).is_empty() => 4,
            // Halal does not apply to furniture, garments or parts: left unanswered.
            "D2" if !food => continue,
            "D2" => clamp(lv - 1.0 + rng.jitter(), 0, 2),
            "D3" => count_level(held(sme, &REGISTRATIONS).len(), rng),
            "D5" => count_level(held(sme, &TRACEABILITY).len(), rng),
            "D6" => clamp(lv - 0.7 + rng.jitter(), 0, 4),
            "E1" => match sme.current_markets.len() {
                0 => clamp(lv - 0.5 + rng.jitter(), 0, 2),
                1 | 2 => 3,
                _ => 3 + rng.below(2) as u8,
            },
            _ => clamp(lv + rng.jitter(), 0, 4),
        };
        answers.insert(item.id.clone(), a);
    }
    if !quality.is_empty() {
        notes.insert(
            "D1".to_string(),
            format!("Đã xem giấy chứng nhận: {}", quality.join(", ")),
        );
    }
    if let (Some(p), true) = (sme.products.first(), answers["C2"] >= 3) {
        notes.insert(
            "C2".to_string(),
            format!("Mã HS {} đã xác nhận với đại lý hải quan", p.hs),
        );
    }
    if !sme.current_markets.is_empty() {
        notes.insert(
            "B5".to_string(),
            format!("Thị trường hiện tại: {}", sme.current_markets.join(", ")),
        );
    }
    (answers, notes)
}

/// A later visit: the weakest items were worked on (failed gates first).
fn improve(
    previous: &BTreeMap<String, u8>,
    q: &Questionnaire,
    rng: &mut Rng,
) -> BTreeMap<String, u8> {
    let mut answers = previous.clone();
    let failed_gate = |id: &str, a: u8| {
        a <= readiness::GATE_FAIL_AT_OR_BELOW && q.item(id).is_some_and(|i| i.gate)
    };
    let mut weakest: Vec<(bool, u8, &str)> = previous
        .iter()
        .filter(|&(_, &a)| a < 4)
        .map(|(id, &a)| (!failed_gate(id, a), a, id.as_str()))
        .collect();
    weakest.sort();
    let n = 4 + rng.below(4) as usize;
    for &(not_failed_gate, a, id) in weakest.iter().take(n) {
        let step = if not_failed_gate { 1 } else { 2 };
        answers.insert(id.to_string(), (a + step).min(4));
    }
    answers
}

/// The assessments to create for `smes` (sample SMEs, in id order): about 70 % assessed, a third
/// of those two or three times. Position decides who (robust to the row count); the SME's tax
/// code seeds the answers.
pub fn plan(smes: &[Sme], q: &Questionnaire) -> Vec<Planned> {
    let mut out = Vec::new();
    let assessed = smes
        .iter()
        .enumerate()
        .filter(|(i, _)| ![2, 5, 8].contains(&(i % 10)))
        .map(|(_, s)| s);
    for (j, sme) in assessed.enumerate() {
        let mut rng = Rng::new(if sme.tax_code.is_empty() {
            &sme.name
        } else {
            &sme.tax_code
        });
        let visits = match j % 3 {
            0 if (j / 3) % 2 == 0 => 3,
            0 => 2,
            _ => 1,
        };
        // Three visits start in Q1 so the last still falls before mid-November 2026.
        let start_window = if visits == 3 { 80 } else { 150 };
        let mut day = crate::clock::parse_date("2026-01-12").expect("valid date")
            + rng.below(start_window) as i64;
        let assessor = ASSESSORS[j % ASSESSORS.len()];
        let (mut answers, notes) = first_answers(sme, q, &mut rng);
        for visit in 0..visits {
            if visit > 0 {
                day += 75 + rng.below(35) as i64;
                answers = improve(&answers, q, &mut rng);
            }
            let mut shown = answers.clone();
            // A few first visits were quick screenings (E and F not yet discussed), and a few
            // SMEs have not yet been asked about their ecosystem links at all.
            if (visit == 0 && visits == 2 && j % 6 == 3) || (visits == 1 && j % 9 == 4) {
                let skip: &[char] = if visits == 1 { &['F'] } else { &['E', 'F'] };
                shown.retain(|id, _| !id.starts_with(skip));
            }
            out.push(Planned {
                sme_id: sme.id,
                assessed_at: format!(
                    "{}T{:02}:{:02}:00Z",
                    crate::clock::format_date(day),
                    2 + rng.below(7),
                    rng.below(4) * 15
                ),
                assessor: assessor.to_string(),
                notes: notes
                    .iter()
                    .filter(|(id, _)| shown.contains_key(*id))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                answers: shown,
            });
        }
    }
    out
}

impl Store {
    /// Give the sample SMEs their demo assessments, in one transaction. Scored with the shipped
    /// weights (`ReadinessConfig::default()`), as a user's config is not known at seeding time.
    pub fn seed_sample_assessments(&mut self) -> anyhow::Result<usize> {
        let q = Questionnaire::builtin();
        let cfg = ReadinessConfig::default();
        let samples: Vec<Sme> = self.smes()?.into_iter().filter(Sme::is_sample).collect();
        // Seeding twice never doubles an SME's history.
        let already = self.latest_assessments()?;
        let mut planned = plan(&samples, q);
        planned.retain(|p| !already.contains_key(&p.sme_id));
        let tx = self.write()?;
        for p in &planned {
            let result = readiness::score(q, &cfg, &p.answers);
            let record = AssessmentRecord {
                id: 0,
                sme_id: p.sme_id,
                assessed_at: p.assessed_at.clone(),
                assessor: p.assessor.clone(),
                questionnaire_version: q.version.clone(),
                answers: p.answers.clone(),
                notes: p.notes.clone(),
                result,
            };
            insert_assessment(&tx, &record, WHO)?;
        }
        tx.commit()?;
        Ok(planned.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::domain::readiness::Band;

    fn seeded() -> (Store, Vec<Sme>) {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        let smes = store.smes().unwrap();
        (store, smes)
    }

    #[test]
    fn plan_is_deterministic_and_in_2026() {
        let (_, smes) = seeded();
        let q = Questionnaire::builtin();
        let a = plan(&smes, q);
        assert_eq!(a, plan(&smes, q));
        for p in &a {
            assert!(p.assessed_at.starts_with("2026-"), "{}", p.assessed_at);
            // Before the day the tests' clock is fixed to, so never in the future.
            assert!(p.assessed_at.as_str() < "2026-11-15", "{}", p.assessed_at);
            assert!(crate::clock::parse_date(&p.assessed_at[..10]).is_some());
            for (id, &v) in &p.answers {
                assert!(q.item(id).is_some() && v <= 4);
            }
        }
    }

    #[test]
    fn portfolio_gets_a_distribution_and_histories() {
        let (store, smes) = seeded();
        assert!(smes.len() >= 60, "{} sample SMEs", smes.len());
        let latest = store.latest_assessments().unwrap();
        let share = latest.len() as f64 / smes.len() as f64;
        assert!((0.65..=0.75).contains(&share), "{share}");
        let mut multi = 0;
        for sme in &smes {
            let history = store.assessment_history(sme.id).unwrap();
            if history.len() >= 2 {
                multi += 1;
                assert!(history.len() <= 3);
                for w in history.windows(2) {
                    assert!(w[0].assessed_at < w[1].assessed_at);
                    assert!(
                        w[1].result.overall >= w[0].result.overall,
                        "SME {} got worse: {:?} -> {:?}",
                        sme.id,
                        w[0].result.overall,
                        w[1].result.overall
                    );
                }
            }
        }
        assert!((12..=18).contains(&multi), "{multi} SMEs with a history");
        let mut bands: HashMap<Band, usize> = HashMap::new();
        for rec in latest.values() {
            *bands.entry(rec.result.band.unwrap()).or_default() += 1;
        }
        assert!(bands.len() >= 3, "{bands:?}");
        assert!(latest.values().any(|r| r.result.capped_by_gate));
        assert!(latest.values().any(|r| r.result.coverage < 1.0));
        assert!(latest.values().all(|r| r.assessor != WHO));
    }

    #[test]
    fn answers_follow_the_profile() {
        let (store, smes) = seeded();
        let latest = store.latest_assessments().unwrap();
        let mean = |exp: ExportExperience| {
            let scores: Vec<f64> = smes
                .iter()
                .filter(|s| s.export_experience == Some(exp))
                .filter_map(|s| latest.get(&s.id)?.result.overall)
                .collect();
            scores.iter().sum::<f64>() / scores.len() as f64
        };
        let (none, regular) = (
            mean(ExportExperience::None),
            mean(ExportExperience::Regular),
        );
        assert!(
            regular > none + 25.0,
            "regular {regular:.1}, none {none:.1}"
        );
        for sme in &smes {
            let Some(rec) = latest.get(&sme.id) else {
                continue;
            };
            let halal = !held(sme, &HALAL).is_empty();
            if halal {
                assert_eq!(rec.answers["D2"], 4, "{}", sme.name);
            }
            if !FOOD_SECTORS.contains(&sme.sector.as_str()) && !halal {
                assert!(!rec.answers.contains_key("D2"), "{}", sme.name);
            }
        }
    }

    #[test]
    fn seeding_twice_adds_nothing() {
        let (mut store, _) = seeded();
        assert_eq!(store.seed_sample_assessments().unwrap(), 0);
    }
}
