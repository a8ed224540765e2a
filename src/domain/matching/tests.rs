//! Engine tests on hand-built reference data: every component end to end, the weighted mean,
//! adjustments, requirements, alerts, ties and the choice of weights; then property tests.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::component::*;
use super::*;
use crate::config::Config;
use crate::domain::*;

fn market(iso3: &str, priority: Priority) -> Market {
    Market {
        iso2: iso3[..2].into(),
        name_vi: format!("Thị trường {iso3}"),
        ..Market::new(iso3, &format!("Market {iso3}"), priority)
    }
}

fn fig(value: f64, year: u16) -> Figure {
    Figure { value, year }
}

fn requirement(
    code: &str,
    scope: &str,
    prefix: &str,
    severity: Severity,
    by: &[&str],
    tag: &str,
) -> Requirement {
    Requirement {
        code: code.into(),
        market: scope.into(),
        hs_prefixes: vec![prefix.into()],
        title: format!("{code} title"),
        title_vi: String::new(),
        kind: "certification".into(),
        severity,
        satisfied_by: by.iter().map(|s| s.to_string()).collect(),
        service_tag: tag.into(),
        how_to: String::new(),
        how_to_vi: String::new(),
        year: Some(2024),
        source: "test".into(),
    }
}

fn provider(id: &str, tag: &str, markets: &[&str], sample: bool) -> Provider {
    Provider {
        id: id.into(),
        name: format!("Provider {id}"),
        name_vi: String::new(),
        category: "certification".into(),
        tags: vec![tag.into()],
        markets: markets.iter().map(|s| s.to_string()).collect(),
        provinces: Vec::new(),
        languages: Vec::new(),
        website: String::new(),
        phone: String::new(),
        email: String::new(),
        sample,
        notes: String::new(),
        source: String::new(),
    }
}

/// AAA: a GCC market with every figure; BBB: an FTA partner with a US-style AD order and no
/// LPI; CCC: a twin of DDD (for the ISO3 tie-break); DDD.
pub(super) fn fixture() -> Reference {
    let mut aaa = market("AAA", Priority::MiddleEast);
    aaa.distance_km = Some(5000.0);
    aaa.gdp_per_capita_usd = Some(fig(10_000.0, 2024));
    aaa.imports = vec![fig(100e9, 2019), fig(150e9, 2024)];
    aaa.lpi = Some(Lpi {
        overall: 3.0,
        ..Default::default()
    });
    aaa.governance = Some(Governance {
        year: 2021,
        political_stability: Some(0.5),
        rule_of_law: Some(-1.0),
        ..Default::default()
    });
    let mut bbb = market("BBB", Priority::Traditional);
    bbb.distance_km = Some(300.0);
    bbb.gdp_per_capita_usd = Some(fig(500.0, 2023));
    bbb.imports = vec![fig(20e9, 2023)];
    bbb.governance = Some(Governance {
        year: 2021,
        political_stability: Some(0.5),
        ..Default::default()
    });
    let mut ccc = market("CCC", Priority::Other);
    ccc.distance_km = Some(2000.0);
    let mut ddd = ccc.clone();
    ddd.iso3 = "DDD".into();
    ddd.iso2 = "DD".into();
    let mut groups = BTreeMap::new();
    groups.insert("GCC".to_string(), vec!["AAA".to_string()]);
    let mut trade_flows = BTreeMap::new();
    trade_flows.insert(
        "03".to_string(),
        vec![
            TradeFlow {
                year: 2019,
                world_exports_usd: 1.0,
                vnm_exports_usd: 1.0,
            },
            TradeFlow {
                year: 2020,
                world_exports_usd: 100.0,
                vnm_exports_usd: 10.0,
            },
        ],
    );
    trade_flows.insert(
        "85".to_string(),
        vec![TradeFlow {
            year: 2020,
            world_exports_usd: 900.0,
            vnm_exports_usd: 10.0,
        }],
    );
    Reference {
        markets: vec![ddd, ccc, bbb, aaa],
        ftas: vec![
            Fta {
                code: "BFTA".into(),
                name: "B agreement".into(),
                name_vi: String::new(),
                status: FtaStatus::InForce,
                year: Some(2020),
                co_form: String::new(),
                members: vec!["BBB".into()],
                notes: String::new(),
                source: String::new(),
            },
            Fta {
                code: "GFTA".into(),
                name: "G agreement".into(),
                name_vi: String::new(),
                status: FtaStatus::Negotiating,
                year: None,
                co_form: String::new(),
                members: vec!["AAA".into()],
                notes: String::new(),
                source: String::new(),
            },
        ],
        hs: vec![],
        trade_flows,
        requirements: vec![
            requirement(
                "HALAL_GCC",
                "GCC",
                "16",
                Severity::Mandatory,
                &["HALAL"],
                "HALAL_CERT",
            ),
            requirement(
                "HACCP_ALL",
                "*",
                "16",
                Severity::Expected,
                &["HACCP", "ISO22000"],
                "FOOD_SAFETY",
            ),
        ],
        remedies: vec![
            TradeRemedy {
                id: "BBB-AD-1".into(),
                market: "BBB".into(),
                hs_prefixes: vec!["0304".into()],
                product: "frozen fish fillets".into(),
                product_vi: String::new(),
                measure: "anti_dumping".into(),
                case_ref: "A-552-801".into(),
                year: Some(2003),
                status: "active".into(),
                detail: String::new(),
                detail_vi: String::new(),
                source: "test".into(),
            },
            TradeRemedy {
                id: "BBB-CVD-old".into(),
                market: "BBB".into(),
                hs_prefixes: vec!["0304".into()],
                product: "frozen fish fillets".into(),
                product_vi: String::new(),
                measure: "countervailing".into(),
                case_ref: "C-old".into(),
                year: Some(1999),
                status: "terminated".into(),
                detail: String::new(),
                detail_vi: String::new(),
                source: "test".into(),
            },
        ],
        providers: vec![
            provider("zz-sample", "HALAL_CERT", &["*"], true),
            provider("real-2", "HALAL_CERT", &["GCC"], false),
            provider("other-market", "HALAL_CERT", &["BBB"], false),
        ],
        groups,
        demand: vec![DemandSeries {
            iso3: "AAA".into(),
            hs: "0304".into(),
            kind: SeriesKind::Imports,
            values: vec![fig(50e6, 2019), fig(80e6, 2023), fig(100e6, 2024)],
            source: "ITC Trade Map".into(),
            file: "tm.txt".into(),
        }],
        ..Default::default()
    }
    .index()
}

pub(super) fn sme(certs: &[&str], markets: &[&str]) -> Sme {
    Sme {
        id: 1,
        name: "Công ty Thử".into(),
        certifications: certs.iter().map(|s| s.to_string()).collect(),
        current_markets: markets.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

pub(super) fn default_scheme(config: &Config) -> Scheme {
    choose_scheme(&config.matching, None, &[], None).unwrap()
}

/// Rank with the default configuration and weights.
fn ranked(r: &Reference, hs: &str, sme: &Sme) -> Vec<MarketResult> {
    let config = Config::default();
    rank(r, &config, sme, hs, &default_scheme(&config))
}

pub(super) fn result<'a>(results: &'a [MarketResult], iso3: &str) -> &'a MarketResult {
    results.iter().find(|r| r.market == iso3).unwrap()
}

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.006
}

#[test]
fn size_from_real_series_and_growth_on_it() {
    let r = fixture();
    let res = ranked(&r, "030462", &sme(&[], &[]));
    let a = &result(&res, "AAA").components.0;
    // ln(1e8/1e6)/ln(5e10/1e6) = 4.605170/10.819778 = 42.5625
    assert!(close(a[SIZE].score.unwrap(), 42.56), "{:?}", a[SIZE]);
    assert!(!a[SIZE].estimate);
    assert_eq!(a[SIZE].year, Some(2024));
    assert!(a[SIZE].source.contains("HS 0304"), "{}", a[SIZE].source);
    // Product series 2019 → 2024: (100 − 50)/(150) → 50·(1 + 1/3) = 66.67
    assert!(close(a[GROWTH].score.unwrap(), 66.67), "{:?}", a[GROWTH]);
    assert!(!a[GROWTH].estimate);
}

#[test]
fn size_estimated_from_chapter_share_and_growth_from_total_imports() {
    let r = fixture();
    // Chapter 16 has no world-trade figures: no size, never a neutral value.
    let res = ranked(&r, "030617", &sme(&[], &[]));
    let b = &result(&res, "BBB").components.0;
    // No series for BBB: M_j 20e9 × share 100/1000 (2020) = 2e9 → ln(2000)/ln(50000) = 70.25
    assert!(close(b[SIZE].score.unwrap(), 70.25), "{:?}", b[SIZE]);
    assert!(b[SIZE].estimate);
    assert_eq!(b[SIZE].year, Some(2023));
    assert!(b[SIZE].source.contains("chapter 03"), "{}", b[SIZE].source);
    // BBB has one import year only: growth has no data.
    assert_eq!(b[GROWTH].score, None);
    let a = &result(&res, "AAA").components.0;
    // AAA totals 100 → 150 bn: 50·(1 + 50/250) = 60, a proxy so an estimate.
    assert_eq!(a[GROWTH].score, Some(60.0));
    assert!(a[GROWTH].estimate);
    assert!(a[GROWTH].source.contains("proxy"), "{}", a[GROWTH].source);
    let res = ranked(&r, "160520", &sme(&[], &[]));
    assert_eq!(result(&res, "AAA").components.0[SIZE].score, None);
}

#[test]
fn market_components_by_hand() {
    let r = fixture();
    let res = ranked(&r, "030617", &sme(&[], &[]));
    let a = &result(&res, "AAA").components.0;
    assert!(close(a[INCOME].score.unwrap(), 56.54));
    assert_eq!(a[INCOME].year, Some(2024));
    assert_eq!(a[ACCESS].score, Some(40.0)); // negotiating only
    assert!(close(a[DISTANCE].score.unwrap(), 37.58));
    assert_eq!(a[LOGISTICS].score, Some(50.0));
    assert_eq!(a[STABILITY].score, Some(45.0));
    assert_eq!(a[STABILITY].year, Some(2021));
    let b = &result(&res, "BBB").components.0;
    assert_eq!(b[INCOME].score, Some(0.0));
    assert_eq!(b[ACCESS].score, Some(100.0));
    assert_eq!(b[DISTANCE].score, Some(100.0));
    assert_eq!(b[LOGISTICS].score, None);
    assert!(
        b[LOGISTICS].source.contains("no LPI"),
        "{}",
        b[LOGISTICS].source
    );
    assert_eq!(b[STABILITY].score, Some(60.0));
    assert!(b[STABILITY].source.contains("political stability only"));
    assert_eq!(result(&res, "BBB").fta, vec!["BFTA".to_string()]);
}

#[test]
fn base_coverage_and_adjustments_by_hand() {
    let config = Config::default();
    let r = fixture();
    let scheme = default_scheme(&config);
    let res = rank(&r, &config, &sme(&[], &[]), "030462", &scheme);
    let b = result(&res, "BBB");
    // BBB for 030462: size est. 70.25 (w25), growth none (w10), income 0 (10), access 100 (15),
    // distance 100 (10), logistics none (10), stability 60 (5), fit 100 (15).
    let size = 100.0 * (2e9f64 / 1e6).ln() / (5e10f64 / 1e6).ln();
    let base = (25.0 * size + 0.0 + 15.0 * 100.0 + 10.0 * 100.0 + 5.0 * 60.0 + 15.0 * 100.0) / 80.0;
    assert!(close(b.base.unwrap(), base), "{:?} vs {base}", b.base);
    assert_eq!(b.coverage, 0.8);
    // Active AD order: −10; the terminated case is ignored.
    assert_eq!(b.adjustments.len(), 1);
    assert_eq!(b.adjustments[0].kind, "trade_remedy");
    assert_eq!(b.adjustments[0].points, -10.0);
    assert!(close(b.score.unwrap(), base - 10.0));
    assert_eq!(b.alerts.len(), 1);
    assert_eq!(b.alerts[0].kind, "trade_remedy");
    assert_eq!(b.alerts[0].measure, "anti_dumping");
    assert!(b.alerts[0].detail.contains("A-552-801"));
    // AAA is a priority market: +5 on top of the base.
    let a = result(&res, "AAA");
    assert!(a.priority_region);
    assert_eq!(a.adjustments[0].kind, "priority_region");
    assert!(close(a.score.unwrap(), a.base.unwrap() + 5.0));
    // The remedy is on 0304 only: shrimp is not touched.
    let res = rank(&r, &config, &sme(&[], &[]), "030617", &scheme);
    assert!(result(&res, "BBB").alerts.is_empty());
}

#[test]
fn requirements_met_unmet_and_services() {
    let config = Config::default();
    let r = fixture();
    let scheme = default_scheme(&config);
    let res = rank(&r, &config, &sme(&[], &[]), "160520", &scheme);
    let a = result(&res, "AAA");
    let halal = a
        .requirements
        .iter()
        .find(|q| q.code == "HALAL_GCC")
        .unwrap();
    assert!(!halal.met);
    // Real institution first, then the sample; the BBB-only provider does not serve AAA.
    let ids: Vec<&str> = halal.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["real-2", "zz-sample"]);
    // Mandatory −40 and expected −15: fit 45.
    assert_eq!(a.components.0[FIT].score, Some(45.0));
    assert!(
        a.alerts
            .iter()
            .any(|x| x.kind == "requirement" && x.measure == "HALAL_GCC")
    );
    // Not a GCC market: only the expected rule applies.
    let b = result(&res, "BBB");
    assert_eq!(b.requirements.len(), 1);
    assert_eq!(b.components.0[FIT].score, Some(85.0));
    // With Halal and ISO 22000 both are met, no services, no alert, fit 100.
    let res = rank(
        &r,
        &config,
        &sme(&["HALAL", "ISO22000"], &[]),
        "160520",
        &scheme,
    );
    let a = result(&res, "AAA");
    assert!(
        a.requirements
            .iter()
            .all(|q| q.met && q.services.is_empty())
    );
    assert_eq!(a.components.0[FIT].score, Some(100.0));
    assert!(a.alerts.is_empty());
}

#[test]
fn existing_market_is_flagged_not_rescored() {
    let config = Config::default();
    let r = fixture();
    let scheme = default_scheme(&config);
    let new = rank(&r, &config, &sme(&[], &[]), "030617", &scheme);
    let old = rank(&r, &config, &sme(&[], &["BBB"]), "030617", &scheme);
    let (n, o) = (result(&new, "BBB"), result(&old, "BBB"));
    assert!(!n.existing_market && o.existing_market);
    assert_eq!(n.score, o.score);
    assert!(
        o.adjustments
            .iter()
            .any(|a| a.kind == "existing_market" && a.points == 0.0)
    );
}

#[test]
fn ties_break_by_iso3_and_runs_repeat() {
    let config = Config::default();
    let r = fixture();
    let scheme = default_scheme(&config);
    let res = rank(&r, &config, &sme(&[], &[]), "850440", &scheme);
    let ccc = res.iter().position(|x| x.market == "CCC").unwrap();
    let ddd = res.iter().position(|x| x.market == "DDD").unwrap();
    assert_eq!(res[ccc].score, res[ddd].score);
    assert_eq!(ddd, ccc + 1);
    assert_eq!(res.iter().map(|x| x.rank).collect::<Vec<_>>(), [1, 2, 3, 4]);
    let again = rank(&r, &config, &sme(&[], &[]), "850440", &scheme);
    assert_eq!(res, again);
    for w in res.windows(2) {
        let thin = |m: &MarketResult| m.coverage < config.matching.min_coverage;
        assert!(thin(&w[0]) <= thin(&w[1]));
        if thin(&w[0]) == thin(&w[1]) {
            assert!(w[0].score >= w[1].score);
        }
    }
}

#[test]
fn thin_data_markets_rank_after_covered_ones() {
    let mut config = Config::default();
    let mut r = fixture();
    // CCC: rich, an FTA in force, 2,000 km; no imports, LPI or governance figures.
    let mut ccc = r.market("CCC").unwrap().clone();
    ccc.gdp_per_capita_usd = Some(fig(200_000.0, 2024));
    r.markets.retain(|m| m.iso3 != "CCC");
    r.markets.push(ccc);
    r.ftas[0].members.push("CCC".into());
    let r = r.index();
    let scheme = default_scheme(&config);
    // Coverage (income 10 + access 15 + distance 10 + fit 15)/100 = 0.5;
    // base (10·100 + 15·100 + 10·62.42 + 15·100)/50 = 92.48, above BBB (82.1) on score alone,
    // but ranked below it with the default min_coverage 0.6.
    let res = rank(&r, &config, &sme(&[], &[]), "850440", &scheme);
    let pos = |res: &[MarketResult], iso3: &str| res.iter().position(|x| x.market == iso3).unwrap();
    let ccc = result(&res, "CCC");
    assert_eq!(ccc.coverage, 0.5);
    assert!(close(ccc.score.unwrap(), 92.48), "{:?}", ccc.score);
    assert!(ccc.score > result(&res, "BBB").score);
    assert!(pos(&res, "CCC") > pos(&res, "BBB"));
    config.matching.min_coverage = 0.0;
    let res = rank(&r, &config, &sme(&[], &[]), "850440", &scheme);
    assert!(pos(&res, "CCC") < pos(&res, "BBB"));
}

#[test]
fn json_shape_is_exact() {
    let r = fixture();
    let res = ranked(&r, "160520", &sme(&[], &[]));
    let v = serde_json::to_value(result(&res, "AAA")).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "rank",
        "market",
        "market_name",
        "hs",
        "score",
        "base",
        "coverage",
        "components",
        "adjustments",
        "fta",
        "priority_region",
        "existing_market",
        "requirements",
        "alerts",
        // Issue 7: Viet Nam's foothold (additive; null without an imported series).
        "vn_exports",
        // Issue 10: BACI context and the figure behind size (additive).
        "competitors",
        "reexport_hub",
        "demand",
    ];
    let mut got = keys.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let comps = v["components"].as_object().unwrap();
    assert_eq!(comps.len(), N_COMPONENTS);
    // Components print in the fixed order (serde_json::Value would sort them, so look at text).
    let text = serde_json::to_string(&result(&res, "AAA").components).unwrap();
    let at: Vec<usize> = crate::config::COMPONENTS
        .iter()
        .map(|c| text.find(&format!("\"{c}\":{{")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    let size = comps["size"].as_object().unwrap();
    let mut k: Vec<&str> = size.keys().map(String::as_str).collect();
    k.sort();
    assert_eq!(k, ["estimate", "score", "source", "weight", "year"]);
    assert!(size["score"].is_null());
    let q = &v["requirements"][0];
    let mut k: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    assert_eq!(k, ["code", "met", "services", "severity", "title"]);
    assert_eq!(q["severity"], "mandatory");
    let mut k: Vec<&str> = q["services"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    k.sort();
    assert_eq!(k, ["category", "id", "name"]);
    let mut k: Vec<&str> = v["alerts"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    k.sort();
    assert_eq!(k, ["detail", "kind", "measure", "year"]);
}

#[test]
fn scheme_choice() {
    let m = Config::default().matching;
    let d = choose_scheme(&m, None, &[], None).unwrap();
    assert_eq!(d.preset, None);
    assert_eq!(d.weights[SIZE], 25.0);
    let first = choose_scheme(&m, None, &[], Some("preparing")).unwrap();
    assert_eq!(first.preset.as_deref(), Some("first_time"));
    assert_eq!(first.weights[DISTANCE], 20.0);
    assert_eq!(
        choose_scheme(&m, None, &[], Some("not_yet"))
            .unwrap()
            .preset
            .as_deref(),
        Some("first_time")
    );
    assert_eq!(
        choose_scheme(&m, None, &[], Some("ready")).unwrap().preset,
        None
    );
    // The user's choice wins over the readiness band.
    let halal = choose_scheme(&m, Some("halal"), &[], Some("not_yet")).unwrap();
    assert_eq!(halal.preset.as_deref(), Some("halal"));
    assert_eq!(halal.priority_region_bonus, 10.0);
    let over = choose_scheme(&m, Some("scale_up"), &[(SIZE, 30.0), (DISTANCE, 0.0)], None).unwrap();
    assert_eq!(over.weights[SIZE], 30.0);
    assert_eq!(over.weights[DISTANCE], 0.0);
    assert_eq!(over.weights[GROWTH], 20.0);
    let unknown = choose_scheme(&m, Some("nope"), &[], None).unwrap_err();
    assert!(unknown.en.contains("unknown preset `nope`") && unknown.en.contains("first_time"));
    assert!(
        unknown.vi.contains("không có bộ trọng số `nope`") && unknown.vi.contains("first_time")
    );
    let zero: Vec<(usize, f64)> = (0..N_COMPONENTS).map(|i| (i, 0.0)).collect();
    let none = choose_scheme(&m, None, &zero, None).unwrap_err();
    assert!(
        none.vi.contains("mọi trọng số thành phần đều bằng 0"),
        "{}",
        none.vi
    );
}

#[test]
fn weight_overrides_parse() {
    assert_eq!(
        parse_weight_overrides("size=30, distance=5").unwrap(),
        vec![(SIZE, 30.0), (DISTANCE, 5.0)]
    );
    assert!(
        parse_weight_overrides("sise=30")
            .unwrap_err()
            .en
            .contains("unknown component `sise`")
    );
    assert!(
        parse_weight_overrides("size=lots")
            .unwrap_err()
            .en
            .contains("not a number")
    );
    assert!(
        parse_weight_overrides("size=-1")
            .unwrap_err()
            .en
            .contains("negative")
    );
    assert!(
        parse_weight_overrides("size")
            .unwrap_err()
            .en
            .contains("NAME=NUMBER")
    );
    assert!(parse_weight_overrides("").is_err());
    assert!(
        parse_weight_overrides("size=nan")
            .unwrap_err()
            .vi
            .contains("không phải là số")
    );
}

// ---- property tests -------------------------------------------------------------------------

fn opt(range: std::ops::Range<f64>) -> impl Strategy<Value = Option<f64>> {
    prop::option::of(range)
}

prop_compose! {
    fn arb_market(i: usize)(
        km in opt(10.0..30_000.0),
        gdp_pc in opt(50.0..200_000.0),
        imports in prop::collection::vec(0.0..5e12f64, 0..7),
        lpi in opt(0.5..5.5),
        ps in opt(-3.0..3.0),
        rl in opt(-3.0..3.0),
        priority in 0usize..8,
        fta in 0usize..7,
    ) -> (Market, usize) {
        let iso3 = format!("M{:02}", i);
        let mut m = market(&iso3, Priority::ALL[priority]);
        m.distance_km = km;
        m.gdp_per_capita_usd = gdp_pc.map(|v| fig(v, 2024));
        m.imports = imports.iter().enumerate().map(|(y, v)| fig(*v, 2018 + y as u16)).collect();
        m.lpi = lpi.map(|overall| Lpi { overall, ..Default::default() });
        m.governance = Some(Governance { year: 2021, political_stability: ps, rule_of_law: rl, ..Default::default() });
        (m, fta)
    }
}

fn arb_reference() -> impl Strategy<Value = Reference> {
    (
        (0..6usize).prop_flat_map(|n| (0..n).map(arb_market).collect::<Vec<_>>()),
        prop::collection::vec((0usize..6, any::<bool>(), 0usize..3, 0usize..3), 0..6),
        prop::collection::vec((0usize..6, any::<bool>()), 0..3),
    )
        .prop_map(|(markets, reqs, rems)| {
            let statuses = [
                FtaStatus::InForce,
                FtaStatus::Signed,
                FtaStatus::Negotiating,
                FtaStatus::Proposed,
                FtaStatus::Preferential,
                FtaStatus::Unverified,
            ];
            let ftas = markets
                .iter()
                .filter(|(_, f)| *f < statuses.len())
                .map(|(m, f)| Fta {
                    code: format!("F{}", m.iso3),
                    name: String::new(),
                    name_vi: String::new(),
                    status: statuses[*f],
                    year: Some(2020),
                    co_form: String::new(),
                    members: vec![m.iso3.clone()],
                    notes: String::new(),
                    source: String::new(),
                })
                .collect();
            let iso = |i: usize| {
                markets
                    .get(i)
                    .map(|(m, _)| m.iso3.clone())
                    .unwrap_or_else(|| "*".into())
            };
            let certs = ["HALAL", "HACCP", "FDA_REG"];
            let requirements = reqs
                .iter()
                .enumerate()
                .map(|(k, (m, mandatory, by, _))| {
                    let sev = if *mandatory {
                        Severity::Mandatory
                    } else {
                        Severity::Expected
                    };
                    requirement(&format!("R{k}"), &iso(*m), "03", sev, &[certs[*by]], "T")
                })
                .collect();
            let remedies = rems
                .iter()
                .enumerate()
                .map(|(k, (m, active))| TradeRemedy {
                    id: format!("T{k}"),
                    market: iso(*m),
                    hs_prefixes: vec!["0306".into()],
                    product: String::new(),
                    product_vi: String::new(),
                    measure: "anti_dumping".into(),
                    case_ref: String::new(),
                    year: Some(2020),
                    status: if *active {
                        "active".into()
                    } else {
                        "investigating".into()
                    },
                    detail: String::new(),
                    detail_vi: String::new(),
                    source: String::new(),
                })
                .collect();
            let mut trade_flows = BTreeMap::new();
            trade_flows.insert(
                "03".to_string(),
                vec![TradeFlow {
                    year: 2020,
                    world_exports_usd: 1e11,
                    vnm_exports_usd: 5e9,
                }],
            );
            trade_flows.insert(
                "84".to_string(),
                vec![TradeFlow {
                    year: 2020,
                    world_exports_usd: 9e11,
                    vnm_exports_usd: 5e9,
                }],
            );
            Reference {
                markets: markets.into_iter().map(|(m, _)| m).collect(),
                ftas,
                trade_flows,
                requirements,
                remedies,
                ..Default::default()
            }
            .index()
        })
}

fn arb_weights() -> impl Strategy<Value = [f64; N_COMPONENTS]> {
    prop::array::uniform8(prop_oneof![Just(0.0), 0.0..100.0f64])
        .prop_filter("some weight", |w| w.iter().sum::<f64>() > 0.0)
}

fn scheme_with(weights: [f64; N_COMPONENTS], bonus: f64) -> Scheme {
    Scheme {
        weights,
        priority_region_bonus: bonus,
        preset: None,
        why: WeightsWhy::DefaultUnassessed,
        overridden: Vec::new(),
    }
}

proptest! {
    #[test]
    fn scores_stay_in_range(
        r in arb_reference(),
        w in arb_weights(),
        bonus in 0.0..30.0f64,
        certs in prop::sample::subsequence(vec!["HALAL", "HACCP", "FDA_REG"], 0..3),
        hs in prop::sample::select(vec!["030617", "0306", "03", "847130"]),
    ) {
        let config = Config::default();
        let res = Matcher::new(&r, &config).rank(&sme(&certs, &[]), hs, &scheme_with(w, bonus));
        prop_assert_eq!(res.len(), r.markets.len());
        for m in &res {
            if let Some(s) = m.score { prop_assert!((0.0..=100.0).contains(&s), "score {s}"); }
            if let Some(b) = m.base { prop_assert!((0.0..=100.0).contains(&b), "base {b}"); }
            prop_assert!((0.0..=1.0).contains(&m.coverage), "coverage {}", m.coverage);
            for c in &m.components.0 {
                if let Some(s) = c.score { prop_assert!((0.0..=100.0).contains(&s), "{c:?}"); }
            }
        }
    }

    #[test]
    fn a_satisfying_certification_never_lowers_a_score(
        r in arb_reference(),
        w in arb_weights(),
        held in prop::sample::subsequence(vec!["HALAL", "HACCP", "FDA_REG"], 0..3),
        added in prop::sample::select(vec!["HALAL", "HACCP", "FDA_REG"]),
    ) {
        let config = Config::default();
        let matcher = Matcher::new(&r, &config);
        let scheme = scheme_with(w, 5.0);
        let before = matcher.rank(&sme(&held, &[]), "030617", &scheme);
        let mut more = held.clone();
        more.push(added);
        let after = matcher.rank(&sme(&more, &[]), "030617", &scheme);
        for b in &before {
            let a = after.iter().find(|a| a.market == b.market).unwrap();
            prop_assert!(a.score >= b.score, "{}: {:?} → {:?}", b.market, b.score, a.score);
            prop_assert!(a.components.0[FIT].score >= b.components.0[FIT].score);
        }
    }

    #[test]
    fn a_zero_weight_removes_a_component(
        r in arb_reference(),
        w in arb_weights(),
        which in 0usize..N_COMPONENTS,
        bounds_shift in 0.5..2.0f64,
    ) {
        // With component `which` weighted zero, changing everything that feeds it (here: its
        // bounds or inputs) changes neither base nor coverage.
        let mut w = w;
        w[which] = 0.0;
        prop_assume!(w.iter().sum::<f64>() > 0.0);
        let scheme = scheme_with(w, 0.0);
        let config = Config::default();
        let mut changed = config.clone();
        let b = &mut changed.matching.bounds;
        match which {
            SIZE => b.size_ceiling_usd *= bounds_shift * 10.0,
            INCOME => b.income_ceiling_usd *= bounds_shift * 10.0,
            DISTANCE => b.distance_ceiling_km *= bounds_shift * 10.0,
            STABILITY => b.governance_floor -= bounds_shift,
            ACCESS => changed.matching.access.none = 50.0 * bounds_shift,
            FIT => changed.matching.fit.mandatory_penalty = 10.0 * bounds_shift,
            _ => {}
        }
        let mut r2 = r.clone();
        for m in &mut r2.markets {
            match which {
                // Every year but the latest: growth moves, size (latest imports) does not.
                GROWTH => {
                    let n = m.imports.len().saturating_sub(1);
                    m.imports[..n].iter_mut().for_each(|f| f.value = f.value * bounds_shift + 1e9);
                }
                LOGISTICS => if let Some(l) = &mut m.lpi { l.overall = 5.5 - l.overall },
                _ => {}
            }
        }
        let one = Matcher::new(&r, &config).rank(&sme(&[], &[]), "030617", &scheme);
        let two = Matcher::new(&r2, &changed).rank(&sme(&[], &[]), "030617", &scheme);
        for a in &one {
            let b = two.iter().find(|b| b.market == a.market).unwrap();
            prop_assert_eq!(a.base, b.base, "{}", COMPONENTS_NAMES[which]);
            prop_assert_eq!(a.coverage, b.coverage);
        }
    }
}

const COMPONENTS_NAMES: [&str; N_COMPONENTS] = crate::config::COMPONENTS;

#[test]
fn contributions_add_up_to_the_base() {
    let r = fixture();
    for m in ranked(&r, "160100", &sme(&[], &[])) {
        let sum: f64 = compare::contributions(&m).iter().flatten().sum();
        match m.base {
            Some(base) => assert!((sum - base).abs() < 0.01, "{}: {sum} vs {base}", m.market),
            None => assert_eq!(sum, 0.0),
        }
    }
}

#[test]
fn why_above_names_the_components_that_make_the_difference() {
    let r = fixture();
    // Frozen fillets: BBB has an anti-dumping order on them.
    let res = ranked(&r, "030432", &sme(&[], &[]));
    let (a, b) = (result(&res, "BBB"), result(&res, "CCC"));
    let edges = compare::why_above(a, b);
    // The differences add up to the difference of the scores (none is clamped here).
    let total: f64 = edges.iter().map(|e| e.points).sum();
    let diff = a.score.unwrap() - b.score.unwrap();
    assert!((total - diff).abs() < 0.1, "{total} vs {diff}");
    // Largest in favour of BBB first; BBB is nearer (300 km vs 2,000 km) and has an FTA.
    assert!(edges.windows(2).all(|w| w[0].points >= w[1].points));
    let first = edges
        .iter()
        .take(3)
        .filter_map(|e| e.component)
        .collect::<Vec<_>>();
    assert!(first.contains(&ACCESS), "{edges:?}");
    // BBB's anti-dumping order counts against it, as the adjustments line.
    let adj = edges.iter().find(|e| e.component.is_none()).unwrap();
    assert!(adj.points < 0.0, "{adj:?}");
    // A market against itself: no difference.
    assert!(compare::why_above(a, a).is_empty());
}

#[test]
fn best_per_market_keeps_each_market_once_with_its_best_product() {
    let r = fixture();
    let s = sme(&["HALAL"], &[]);
    let fish = ranked(&r, "030617", &s);
    let food = ranked(&r, "160100", &s);
    let merged = compare::best_per_market(vec![fish.clone(), food.clone()], 0.6);
    assert_eq!(merged.len(), r.markets.len());
    let key = |m: &MarketResult| {
        (
            m.coverage + 1e-9 >= 0.6,
            m.score.map(|s| (s * 100.0) as i64),
        )
    };
    for (i, m) in merged.iter().enumerate() {
        assert_eq!(m.rank, i + 1);
        let (a, b) = (result(&fish, &m.market), result(&food, &m.market));
        let best = if key(b) > key(a) { b } else { a };
        assert_eq!((m.score, &m.hs), (best.score, &best.hs), "{}", m.market);
    }
    assert!(merged.windows(2).all(|w| key(&w[0]) >= key(&w[1])));
}
