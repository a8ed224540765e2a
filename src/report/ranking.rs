//! The market ranking in the brief: the best markets over all the SME's products, each with its
//! strongest reasons in words (figure and year), and the sources of those reasons.

use super::reasons::{adjustment_label, reason};
use super::strings::strings;
use super::*;
use crate::domain::matching::MarketResult;
use crate::domain::matching::compare::contributions;
use crate::domain::matching::component::*;

/// How many markets the brief ranks.
pub const TOP_MARKETS: usize = 5;

/// Reasons given per market (the strongest weighted components).
const REASONS: usize = 3;

/// The best `TOP_MARKETS` markets over `results` (any number of products): one row per market
/// with its best product, ordered as the engine orders a ranking (markets with at least
/// `min_coverage` of the weights backed by data first, then by score, then ISO3); markets
/// without a score are left out.
pub fn top_markets(
    lang: Lang,
    results: &[MarketResult],
    min_coverage: f64,
) -> (Vec<RankedMarket>, Vec<String>) {
    let key = |r: &MarketResult| {
        (
            r.coverage + 1e-9 >= min_coverage,
            (r.score.unwrap_or(0.0) * 100.0).round() as i64,
        )
    };
    let mut best: Vec<&MarketResult> = Vec::new();
    for r in results.iter().filter(|r| r.score.is_some()) {
        match best.iter_mut().find(|b| b.market == r.market) {
            Some(b) if key(r) > key(b) => *b = r,
            Some(_) => {}
            None => best.push(r),
        }
    }
    best.sort_by(|a, b| key(b).cmp(&key(a)).then(a.market.cmp(&b.market)));
    best.truncate(TOP_MARKETS);
    let mut sources: Vec<String> = Vec::new();
    let rows = best
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cited = cited(r);
            for &c in &cited {
                let source = super::reasons::source(lang, &r.components.0[c].source);
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
            let mut reasons: Vec<String> = cited.iter().map(|&c| reason(lang, r, c)).collect();
            reasons.extend(adjustments(lang, r));
            let names = super::reasons::component_names(lang);
            let parts = contributions(r)
                .iter()
                .zip(&r.components.0)
                .zip(names)
                .map(|((points, c), name)| ScorePart {
                    name: name.to_string(),
                    weight: c.weight,
                    points: *points,
                })
                .collect();
            let adjustments = r
                .adjustments
                .iter()
                .filter(|a| a.points != 0.0)
                .map(|a| ScoreAdjustment {
                    label: adjustment_label(lang, a.kind).to_string(),
                    points: a.points,
                })
                .collect();
            RankedMarket {
                rank: i + 1,
                iso3: r.market.clone(),
                name: if lang == Lang::Vi && !r.market_name_vi.is_empty() {
                    r.market_name_vi.clone()
                } else {
                    r.market_name.clone()
                },
                hs: r.hs.clone(),
                score: r.score.unwrap_or(0.0),
                coverage: r.coverage,
                existing: r.existing_market,
                reasons,
                base: r.base.unwrap_or(0.0),
                parts,
                adjustments,
            }
        })
        .collect();
    (rows, sources)
}

/// The components cited as reasons: strongest contribution first; `fit` only when every
/// requirement is met (an unmet one is a gap, listed in the market brief, not a reason).
fn cited(r: &MarketResult) -> Vec<usize> {
    r.strongest()
        .into_iter()
        .filter(|&i| i != FIT || r.unmet().next().is_none())
        .take(REASONS)
        .collect()
}

/// Score adjustments as reasons, with their points.
fn adjustments(lang: Lang, r: &MarketResult) -> Vec<String> {
    r.adjustments
        .iter()
        .filter(|a| a.points != 0.0)
        .map(|a| {
            let label = adjustment_label(lang, a.kind);
            format!("{label} ({})", number_signed(lang, a.points))
        })
        .collect()
}

fn number_signed(lang: Lang, v: f64) -> String {
    let text = number(lang, v.abs(), if v.fract() == 0.0 { 0 } else { 1 });
    if v < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// The market's imports of the product as the matching engine measured or estimated them.
pub fn demand_line(lang: Lang, r: &MarketResult) -> Option<FigureLine> {
    let c = &r.components.0[SIZE];
    let figure = c.figure?;
    Some(FigureLine {
        label: format!("{} (HS {})", strings(lang).product_demand, c.detail),
        value: money(lang, figure),
        year: c.year,
        source: super::reasons::source(lang, &c.source),
        estimate: c.estimate,
    })
}

/// The product's demand line, then its BACI context: the re-export hub's figures, Viet Nam's
/// exports there with share and rank, and the largest suppliers (context, never scored).
pub fn demand_lines(lang: Lang, r: &MarketResult) -> Vec<FigureLine> {
    let s = strings(lang);
    let pct = |x: f64| super::reasons::percent(lang, x);
    let mut out: Vec<FigureLine> = demand_line(lang, r).into_iter().collect();
    if let Some(d) = r.demand.as_ref().filter(|_| r.reexport_hub) {
        out.push(FigureLine {
            label: s.reexport_hub.to_string(),
            value: s
                .hub_value
                .replace("{imports}", &money(lang, d.imports))
                .replace("{exports}", &money(lang, d.exports.unwrap_or_default()))
                .replace("{net}", &money(lang, d.net_imports.unwrap_or_default())),
            year: Some(d.year),
            source: super::reasons::source(lang, &d.source),
            estimate: d.estimate,
        });
    }
    if let Some(f) = &r.vn_exports {
        let mut value = money(lang, f.value);
        if f.value <= 0.0 {
            // The bilateral table records no exports from Viet Nam there.
            value = s.none.to_string();
        } else if let (Some(share), Some(rank)) = (f.share, f.rank) {
            let detail = s
                .share_rank
                .replace("{share}", &pct(share))
                .replace("{rank}", &rank.to_string());
            value.push_str(&format!(" ({detail})"));
        } else if let Some(share) = f.share {
            value.push_str(&format!(" ({})", pct(share)));
        }
        out.push(FigureLine {
            label: s.vn_exports.to_string(),
            value,
            year: Some(f.year),
            source: super::reasons::source(lang, &f.source),
            estimate: false,
        });
    }
    if !r.competitors.is_empty() {
        let list: Vec<String> = r
            .competitors
            .iter()
            .map(|c| format!("{} {}", c.iso3, pct(c.share)))
            .collect();
        out.push(FigureLine {
            label: s.competitors.to_string(),
            value: list.join(" · "),
            year: Some(crate::domain::trade::BACI_YEAR),
            source: super::reasons::source(lang, crate::domain::trade::SOURCE_BILATERAL),
            estimate: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::{ComponentScore, Components};

    fn result(market: &str, hs: &str, score: f64, coverage: f64) -> MarketResult {
        let c = ComponentScore {
            score: None,
            weight: 0.0,
            year: None,
            source: String::new(),
            estimate: false,
            figure: None,
            detail: String::new(),
        };
        MarketResult {
            rank: 0,
            market: market.into(),
            market_name: market.into(),
            hs: hs.into(),
            score: Some(score),
            base: Some(score),
            coverage,
            components: Components(std::array::from_fn(|_| c.clone())),
            adjustments: vec![],
            fta: vec![],
            priority_region: false,
            existing_market: false,
            requirements: vec![],
            alerts: vec![],
            vn_exports: None,
            competitors: vec![],
            reexport_hub: false,
            demand: None,
            market_name_vi: String::new(),
        }
    }

    #[test]
    fn one_row_per_market_with_its_best_product_and_thin_data_last() {
        let results = [
            result("ARE", "0901", 70.0, 1.0),
            result("ARE", "2101", 75.0, 1.0),
            result("SAU", "0901", 72.0, 1.0),
            result("XXX", "0901", 99.0, 0.3), // too little data: after the others
            result("BRA", "2101", 60.0, 1.0),
            result("KAZ", "2101", 55.0, 1.0),
            result("EGY", "0901", 50.0, 1.0),
            result("NGA", "0901", 40.0, 1.0),
        ];
        let (rows, _) = top_markets(Lang::En, &results, 0.6);
        let got: Vec<(&str, &str)> = rows.iter().map(|r| (&*r.iso3, &*r.hs)).collect();
        assert_eq!(
            got,
            [
                ("ARE", "2101"),
                ("SAU", "0901"),
                ("BRA", "2101"),
                ("KAZ", "2101"),
                ("EGY", "0901")
            ]
        );
        assert_eq!(rows[0].rank, 1);
        let (rows, _) = top_markets(Lang::En, &results, 0.0);
        assert_eq!(rows[0].iso3, "XXX");
    }
}
