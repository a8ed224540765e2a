//! Reading a ranking: how many points each component adds to a market's base score, why one
//! market ranks above another, and one ranking over several products of an SME.

use super::{MarketResult, N_COMPONENTS};

/// Points of the base score that each component contributes: w·s / Σ w over the components
/// with data, so that the contributions add up to the base. A component without data or
/// weight contributes nothing (`None` when it has no score).
pub fn contributions(r: &MarketResult) -> [Option<f64>; N_COMPONENTS] {
    let c = &r.components.0;
    let with_data: f64 = c
        .iter()
        .filter(|x| x.score.is_some())
        .map(|x| x.weight)
        .sum();
    let mut out = [None; N_COMPONENTS];
    for (i, x) in c.iter().enumerate() {
        out[i] = x.score.map(|s| {
            if with_data > 0.0 {
                x.weight * s / with_data
            } else {
                0.0
            }
        });
    }
    out
}

/// Sum of a result's adjustment points (priority bonus, trade-remedy penalties).
pub fn adjustment_points(r: &MarketResult) -> f64 {
    r.adjustments.iter().map(|a| a.points).sum()
}

/// One reason why a market scores more (or less) than another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The component (index in `COMPONENTS` order), or `None` for the adjustments.
    pub component: Option<usize>,
    /// Points of `a` minus points of `b`.
    pub points: f64,
}

/// Differences under this many points are noise from rounding.
const NOISE: f64 = 0.05;

/// Why `a` scores differently from `b`: the difference of each component's contribution and of
/// the adjustments, largest in favour of `a` first. The differences add up to the difference of
/// the scores (before clamping to 0–100). Differences below 0.05 points are left out.
pub fn why_above(a: &MarketResult, b: &MarketResult) -> Vec<Edge> {
    let (ca, cb) = (contributions(a), contributions(b));
    let mut edges: Vec<Edge> = (0..N_COMPONENTS)
        .map(|i| Edge {
            component: Some(i),
            points: ca[i].unwrap_or(0.0) - cb[i].unwrap_or(0.0),
        })
        .collect();
    edges.push(Edge {
        component: None,
        points: adjustment_points(a) - adjustment_points(b),
    });
    edges.retain(|e| e.points.abs() >= NOISE);
    edges.sort_by(|x, y| y.points.total_cmp(&x.points));
    edges
}

/// One ranking over several products: each market once, with the product it scores best for,
/// ordered as the engine orders a ranking (markets whose data cover at least `min_coverage` of
/// the weights first, then by score, then by ISO3); ranks are renumbered from 1.
pub fn best_per_market(
    per_product: Vec<Vec<MarketResult>>,
    min_coverage: f64,
) -> Vec<MarketResult> {
    let key = |r: &MarketResult| {
        (
            r.coverage + 1e-9 >= min_coverage,
            r.score.map_or(i64::MIN, |s| (s * 100.0).round() as i64),
        )
    };
    let mut best: Vec<MarketResult> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in per_product.into_iter().flatten() {
        match at.get(&r.market) {
            Some(&i) if key(&r) > key(&best[i]) => best[i] = r,
            Some(_) => {}
            None => {
                at.insert(r.market.clone(), best.len());
                best.push(r);
            }
        }
    }
    best.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.market.cmp(&b.market)));
    for (i, r) in best.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    best
}
