//! Matching on BACI product-level trade (issue 10): size and growth at HS 6, re-export hubs,
//! a more recent Trade Map series winning, remedies weighing once, context fields. Figures by hand.

use super::component::*;
use super::tests::{close, default_scheme, fixture, result, sme};
use super::*;
use crate::config::Config;
use crate::domain::trade::{CodeTrade, five_years_before};
use crate::domain::{Reference, TradeRemedy};

/// The fixture with BACI rows: AAA imports US$ 2 bn of shrimp (US$ 0.5 bn in 2016), BBB
/// US$ 1 bn but re-exports US$ 0.8 bn, CCC nothing recorded; DDD only has the heading.
fn with_trade() -> Reference {
    let mut r = fixture();
    for (code, text) in [
        (
            "030617",
            "AAA,b,2000000,500000,,,300000,2,ECU900000|VNM300000|IND200000;\
             BBB,b,1000000,,,800000",
        ),
        // An HS 2022-only subheading: a figure for DDD (top-6 list) only.
        ("030619", "DDD,t,10000"),
        ("0306", "AAA,b,2500000;BBB,b,1200000;DDD,t,40000"),
    ] {
        r.trade.insert(CodeTrade::parse(code, text).unwrap());
    }
    r
}

fn rank_hs(r: &Reference, hs: &str) -> Vec<MarketResult> {
    let config = Config::default();
    rank(r, &config, &sme(&[], &[]), hs, &default_scheme(&config))
}

fn size_of(usd: f64) -> f64 {
    100.0 * (usd / 1e6).ln() / (5e10f64 / 1e6).ln()
}

#[test]
fn size_and_growth_at_hs6_by_hand() {
    let res = rank_hs(&with_trade(), "030617");
    let a = result(&res, "AAA");
    let size = &a.components.0[SIZE];
    assert!(close(size.score.unwrap(), size_of(2e9)), "{:?}", size.score);
    assert_eq!((size.year, size.estimate), (Some(2024), false));
    assert!(size.source.contains("BACI 2024") && size.source.contains("030617"));
    // growth: 2024 = 2.0 bn, 2016 = 0.5 bn → 2019 on the same path = 2e9 / 4^(5/8).
    let before = 2e9 / 4f64.powf(0.625);
    assert!(close(before, five_years_before(2e9, 5e8).unwrap()));
    let want = 50.0 * (1.0 + (2e9 - before) / (2e9 + before));
    let growth = &a.components.0[GROWTH];
    assert!(
        close(growth.score.unwrap(), want),
        "{:?} vs {want}",
        growth.score
    );
    assert_eq!((growth.year, growth.estimate), (Some(2024), false));
    assert!(growth.source.contains("2016–2024"), "{}", growth.source);
    // Context: Viet Nam's exports and the top suppliers, with shares of the imports.
    let vn = a.vn_exports.as_ref().unwrap();
    assert_eq!((vn.value, vn.year, vn.rank), (3e8, 2024, Some(2)));
    assert!(close(vn.share.unwrap(), 0.15));
    assert_eq!(a.competitors.len(), 3);
    assert_eq!(a.competitors[0].iso3, "ECU");
    assert_eq!(a.competitors[0].share, 0.45);
    assert!(!a.reexport_hub);
    // CCC: the code is in the bilateral table and CCC imported none: size 0, not a proxy.
    let c = result(&res, "CCC");
    assert_eq!(c.components.0[SIZE].score, Some(0.0));
    assert!(!c.components.0[SIZE].estimate);
    assert_eq!(c.vn_exports, None);
    // Context never enters the score: dropping it leaves the ranking unchanged.
    let mut r = with_trade();
    r.trade
        .insert(CodeTrade::parse("030617", "AAA,b,2000000,500000;BBB,b,1000000,,,800000").unwrap());
    let plain = rank_hs(&r, "030617");
    assert_eq!(result(&plain, "AAA").score, a.score);
}

#[test]
fn reexport_hub_scores_net_imports_and_shows_both_figures() {
    let res = rank_hs(&with_trade(), "030617");
    let b = result(&res, "BBB");
    assert!(b.reexport_hub);
    // Imports 1.0 bn, own exports 0.8 bn ≥ half: size on 0.2 bn.
    assert!(close(b.components.0[SIZE].score.unwrap(), size_of(2e8)));
    assert!(b.components.0[SIZE].source.contains("re-export hub"));
    let d = b.demand.as_ref().unwrap();
    assert_eq!(
        (d.imports, d.exports, d.net_imports),
        (1e9, Some(8e8), Some(2e8))
    );
    let v = serde_json::to_value(b).unwrap();
    assert_eq!(v["reexport_hub"], true);
    assert_eq!(v["demand"]["exports"], 8e8);
    assert_eq!(v["demand"]["level"], "hs6");
}

#[test]
fn heading_stands_in_and_the_proxy_only_without_any_figure() {
    let res = rank_hs(&with_trade(), "030619");
    // AAA has no figure for an HS 2022-only subheading: its heading stands in, said so.
    let a = result(&res, "AAA");
    assert!(close(a.components.0[SIZE].score.unwrap(), size_of(2.5e9)));
    assert!(a.components.0[SIZE].source.contains("heading total"));
    assert!(a.demand.as_ref().unwrap().heading_fallback);
    assert_eq!(a.demand.as_ref().unwrap().code, "0306");
    // DDD has the subheading itself.
    let d = result(&res, "DDD");
    assert!(close(d.components.0[SIZE].score.unwrap(), size_of(1e7)));
    assert!(!d.demand.as_ref().unwrap().heading_fallback);
    // A 4-digit product uses the heading row.
    let res = rank_hs(&with_trade(), "0306");
    assert!(close(
        result(&res, "AAA").components.0[SIZE].score.unwrap(),
        size_of(2.5e9)
    ));
    // Without any BACI row the chapter proxy stays, flagged.
    let res = rank_hs(&fixture(), "030617");
    assert!(result(&res, "AAA").components.0[SIZE].estimate);
    assert!(result(&res, "AAA").demand.is_none());
}

#[test]
fn a_more_recent_trade_map_series_wins() {
    let mut r = with_trade();
    r.trade
        .insert(CodeTrade::parse("030462", "AAA,b,7000000").unwrap());
    // The fixture's Trade Map series for AAA 0304 ends in 2024: not more recent, BACI wins.
    let res = rank_hs(&r, "030462");
    let a = result(&res, "AAA");
    assert!(close(a.components.0[SIZE].figure.unwrap(), 7e9));
    assert!(a.demand.as_ref().unwrap().used_for_size);
    r.demand[0].values.push(crate::domain::Figure {
        year: 2025,
        value: 123e6,
    });
    let res = rank_hs(&r, "030462");
    let a = result(&res, "AAA");
    assert_eq!(a.components.0[SIZE].figure, Some(123e6));
    assert_eq!(a.components.0[SIZE].year, Some(2025));
    assert!(!a.demand.as_ref().unwrap().used_for_size);
}

fn case(id: &str, status: &str) -> TradeRemedy {
    let mut t = fixture().remedies[0].clone();
    t.id = id.into();
    t.case_ref = id.into();
    t.status = status.into();
    t
}

#[test]
fn trade_remedies_weigh_once_per_market_and_product() {
    assert_eq!(remedy_penalty([true, true, false], 10.0, 5.0), 10.0);
    assert_eq!(remedy_penalty([false, false], 10.0, 5.0), 5.0);
    assert_eq!(remedy_penalty([], 10.0, 5.0), 0.0);
    let mut r = fixture();
    r.remedies.push(case("C-552-002", "active"));
    r.remedies.push(case("A-552-003", "investigating"));
    let res = rank_hs(&r, "030462");
    let b = result(&res, "BBB");
    let remedy: Vec<&Adjustment> = b
        .adjustments
        .iter()
        .filter(|a| a.kind.starts_with("trade_remedy"))
        .collect();
    assert_eq!(remedy.len(), 1, "{:?}", b.adjustments);
    assert_eq!(remedy[0].points, -10.0);
    assert!(
        remedy[0].detail.starts_with("3 trade-remedy cases"),
        "{}",
        remedy[0].detail
    );
    assert_eq!(
        b.alerts.iter().filter(|a| a.kind == "trade_remedy").count(),
        3
    );
    assert!(close(b.score.unwrap(), b.base.unwrap() - 10.0));
    // Only an investigation: the smaller penalty, kind says so.
    let mut r = fixture();
    r.remedies[0].status = "investigating".into();
    let res = rank_hs(&r, "030462");
    let b = result(&res, "BBB");
    assert_eq!(b.adjustments[0].kind, "trade_remedy_investigation");
    assert_eq!(b.adjustments[0].points, -5.0);
}
