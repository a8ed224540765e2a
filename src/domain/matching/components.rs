//! The eight score components of DESIGN §4.2, each on 0–100 with FIXED bounds from
//! `[matching.bounds]` (never min–max over the current list, so scores compare across runs),
//! and the weighted mean with its coverage. Every function here is pure arithmetic.

use crate::config::{AccessScores, Bounds, FitPenalties};
use crate::domain::FtaStatus;

/// Clamp to the 0–100 scale.
pub fn clamp100(x: f64) -> f64 {
    x.clamp(0.0, 100.0)
}

/// Position of `value` between `floor` and `ceiling` on a log scale, as 0–100.
fn log_scale(value: f64, floor: f64, ceiling: f64) -> f64 {
    if value <= floor {
        return 0.0;
    }
    clamp100(100.0 * (value / floor).ln() / (ceiling / floor).ln())
}

/// size = 100·ln(M/F)/ln(C/F), clamped; imports of zero or less score 0.
pub fn size(imports_usd: f64, b: &Bounds) -> f64 {
    log_scale(imports_usd, b.size_floor_usd, b.size_ceiling_usd)
}

/// growth = 50·(1 + (M_T − M_{T−5})/(M_T + M_{T−5})); None when both values are zero.
pub fn growth(latest: f64, five_years_before: f64) -> Option<f64> {
    let (t, t5) = (latest.max(0.0), five_years_before.max(0.0));
    (t + t5 > 0.0).then(|| clamp100(50.0 * (1.0 + (t - t5) / (t + t5))))
}

/// income = 100·ln(g/F)/ln(C/F), clamped, for GDP per capita g in current US$.
pub fn income(gdp_per_capita_usd: f64, b: &Bounds) -> f64 {
    log_scale(gdp_per_capita_usd, b.income_floor_usd, b.income_ceiling_usd)
}

/// Access from the best trade-agreement status with Viet Nam (None = no agreement).
/// A bilateral preferential trade agreement in force counts as in force; a proposal or an
/// unverified one grants no preference yet and counts as none.
pub fn access(best: Option<FtaStatus>, s: &AccessScores) -> f64 {
    clamp100(match best {
        Some(FtaStatus::InForce | FtaStatus::Preferential) => s.in_force,
        Some(FtaStatus::Signed) => s.signed,
        Some(FtaStatus::Negotiating) => s.negotiating,
        Some(FtaStatus::Proposed | FtaStatus::Unverified) | None => s.none,
    })
}

/// Rank of an agreement status for choosing the best one (higher is better for access).
pub fn status_rank(status: FtaStatus) -> u8 {
    match status {
        FtaStatus::InForce | FtaStatus::Preferential => 3,
        FtaStatus::Signed => 2,
        FtaStatus::Negotiating => 1,
        FtaStatus::Proposed | FtaStatus::Unverified => 0,
    }
}

/// distance = 100·(1 − ln(km/F)/ln(C/F)), clamped: at or within the floor scores 100.
pub fn distance(km: f64, b: &Bounds) -> f64 {
    if km <= b.distance_floor_km {
        return 100.0;
    }
    clamp100(100.0 - log_scale(km, b.distance_floor_km, b.distance_ceiling_km))
}

/// logistics = 100·(LPI − 1)/4 on the LPI 2023 overall score (1–5).
pub fn logistics(lpi: f64) -> f64 {
    clamp100(100.0 * (lpi - 1.0) / 4.0)
}

/// One WGI estimate mapped linearly from [floor, ceiling] to 0–100.
pub fn governance(estimate: f64, b: &Bounds) -> f64 {
    clamp100(100.0 * (estimate - b.governance_floor) / (b.governance_ceiling - b.governance_floor))
}

/// stability = mean of political stability and rule of law, each mapped to 0–100; one of the
/// two alone is used as it is; neither gives no score.
pub fn stability(political: Option<f64>, rule_of_law: Option<f64>, b: &Bounds) -> Option<f64> {
    match (political, rule_of_law) {
        (Some(p), Some(r)) => Some((governance(p, b) + governance(r, b)) / 2.0),
        (Some(x), None) | (None, Some(x)) => Some(governance(x, b)),
        (None, None) => None,
    }
}

/// fit = 100 − penalties for the requirements not yet met, at least 0. With no requirement
/// unmet (or none applying) fit is 100: a fact about the rules, not an invented value.
pub fn fit(unmet_mandatory: usize, unmet_expected: usize, p: &FitPenalties) -> f64 {
    clamp100(
        100.0
            - unmet_mandatory as f64 * p.mandatory_penalty
            - unmet_expected as f64 * p.expected_penalty,
    )
}

/// base = Σ w·s / Σ w over components with data; coverage = Σ w(with data) / Σ w.
/// A missing score is left out, never replaced by a neutral value. `base` is None when no
/// weighted component has data.
pub fn weighted(scores: &[Option<f64>], weights: &[f64]) -> (Option<f64>, f64) {
    let mut sum = 0.0;
    let mut with_data = 0.0;
    let mut total = 0.0;
    for (s, &w) in scores.iter().zip(weights) {
        total += w;
        if let Some(s) = s {
            sum += w * s;
            with_data += w;
        }
    }
    let base = (with_data > 0.0).then(|| sum / with_data);
    let coverage = if total > 0.0 { with_data / total } else { 0.0 };
    (base, coverage)
}

/// score = clamp(base + Σ adjustment points, 0, 100).
pub fn final_score(base: Option<f64>, adjustment_points: f64) -> Option<f64> {
    base.map(|b| clamp100(b + adjustment_points))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b() -> Bounds {
        Bounds::default()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn size_by_hand() {
        // ln(1e9/1e6)/ln(5e10/1e6) = ln(1000)/ln(50000) = 6.907755/10.819778 = 0.638438
        assert!(close(size(1e9, &b()), 63.843_778), "{}", size(1e9, &b()));
        assert_eq!(size(1e6, &b()), 0.0);
        assert_eq!(size(0.0, &b()), 0.0);
        assert_eq!(size(5e10, &b()), 100.0);
        assert_eq!(size(1e12, &b()), 100.0);
    }

    #[test]
    fn growth_by_hand() {
        // (150 − 100)/(150 + 100) = 0.2 → 50·1.2 = 60
        assert!(close(growth(150.0, 100.0).unwrap(), 60.0));
        // halved: (50 − 100)/150 = −1/3 → 33.333…
        assert!(close(growth(50.0, 100.0).unwrap(), 100.0 / 3.0));
        assert_eq!(growth(100.0, 100.0), Some(50.0));
        assert_eq!(growth(100.0, 0.0), Some(100.0));
        assert_eq!(growth(0.0, 0.0), None);
    }

    #[test]
    fn income_by_hand() {
        // ln(10000/500)/ln(100000/500) = ln 20 / ln 200 = 2.995732/5.298317 = 0.565412
        assert!(
            close(income(10_000.0, &b()), 56.541_201),
            "{}",
            income(10_000.0, &b())
        );
        assert_eq!(income(400.0, &b()), 0.0);
        assert_eq!(income(250_000.0, &b()), 100.0);
    }

    #[test]
    fn access_by_status() {
        let s = AccessScores::default();
        assert_eq!(access(Some(FtaStatus::InForce), &s), 100.0);
        assert_eq!(access(Some(FtaStatus::Preferential), &s), 100.0);
        assert_eq!(access(Some(FtaStatus::Signed), &s), 60.0);
        assert_eq!(access(Some(FtaStatus::Negotiating), &s), 40.0);
        assert_eq!(access(Some(FtaStatus::Proposed), &s), 0.0);
        assert_eq!(access(None, &s), 0.0);
    }

    #[test]
    fn distance_by_hand() {
        // 1 − ln(5000/500)/ln(20000/500) = 1 − ln 10/ln 40 = 1 − 2.302585/3.688879 = 0.375804
        assert!(
            close(distance(5000.0, &b()), 37.580_365),
            "{}",
            distance(5000.0, &b())
        );
        assert_eq!(distance(300.0, &b()), 100.0);
        assert_eq!(distance(500.0, &b()), 100.0);
        assert_eq!(distance(25_000.0, &b()), 0.0);
    }

    #[test]
    fn logistics_by_hand() {
        assert!(close(logistics(3.0), 50.0));
        assert!(close(logistics(4.3), 82.5));
        assert_eq!(logistics(0.5), 0.0);
    }

    #[test]
    fn stability_by_hand() {
        // (0.5 + 2.5)/5 = 60, (−1 + 2.5)/5 = 30 → mean 45
        assert!(close(stability(Some(0.5), Some(-1.0), &b()).unwrap(), 45.0));
        assert!(close(stability(Some(0.5), None, &b()).unwrap(), 60.0));
        assert!(close(stability(None, Some(-1.0), &b()).unwrap(), 30.0));
        assert_eq!(stability(None, None, &b()), None);
        assert_eq!(stability(Some(3.0), Some(3.0), &b()), Some(100.0));
    }

    #[test]
    fn fit_by_hand() {
        let p = FitPenalties::default();
        assert_eq!(fit(0, 0, &p), 100.0);
        assert_eq!(fit(1, 0, &p), 60.0);
        assert_eq!(fit(0, 1, &p), 85.0);
        assert_eq!(fit(1, 2, &p), 30.0);
        assert_eq!(fit(3, 0, &p), 0.0);
    }

    #[test]
    fn weighted_mean_and_coverage_by_hand() {
        // (25·80 + 15·40) / (25 + 15) = 2600/40 = 65; coverage 40/50 = 0.8
        let (base, cov) = weighted(&[Some(80.0), None, Some(40.0)], &[25.0, 10.0, 15.0]);
        assert!(close(base.unwrap(), 65.0));
        assert!(close(cov, 0.8));
        let (base, cov) = weighted(&[None, None], &[1.0, 1.0]);
        assert_eq!(base, None);
        assert_eq!(cov, 0.0);
        // A zero weight counts neither in the mean nor in the coverage.
        let (base, cov) = weighted(&[Some(10.0), Some(90.0)], &[0.0, 5.0]);
        assert!(close(base.unwrap(), 90.0));
        assert!(close(cov, 1.0));
    }

    #[test]
    fn final_score_clamps() {
        assert_eq!(final_score(Some(97.0), 5.0), Some(100.0));
        assert_eq!(final_score(Some(3.0), -10.0), Some(0.0));
        assert_eq!(final_score(Some(50.0), -5.0), Some(45.0));
        assert_eq!(final_score(None, 5.0), None);
    }
}
