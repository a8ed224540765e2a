//! Assemble a client brief from the store: the SME, its latest readiness, markets ranked for
//! each of its products, its shortlist and plan. Used by `goglobal report` and the dashboard.

use crate::config::Config;
use crate::domain::Reference;
use crate::domain::matching;
use crate::error::bad_input;
use crate::report;
use crate::store::Store;

/// Load what the brief of `sme_id` shows, rank markets for each of its products (weights
/// chosen from its readiness as `match` does) and assemble the brief. `market` is an ISO3 code
/// (any case); `None` picks the top-ranked market, else the first shortlisted one still open.
pub fn build_brief(
    store: &Store,
    r: &Reference,
    config: &Config,
    sme_id: i64,
    market: Option<&str>,
    lang: report::Lang,
    advisor: &str,
) -> anyhow::Result<report::Brief> {
    let sme = store.require_sme(sme_id)?;
    let market = match market {
        Some(m) => {
            let code = m.trim().to_ascii_uppercase();
            if r.market(&code).is_none() {
                return Err(bad_input(format!(
                    "unknown market {m:?} (use an ISO3 code; run `goglobal markets` to list them)"
                )));
            }
            Some(code)
        }
        None => None,
    };
    let shortlist = store.shortlist_for(sme_id)?;
    let plan = store.plan_for(sme_id)?;
    let latest = store.assessment_history(sme_id)?.pop();
    let band = latest
        .as_ref()
        .and_then(|a| a.result.band)
        .map(|b| b.code());
    let scheme = matching::choose_scheme(&config.matching, None, &[], band)
        .map_err(crate::error::bad_input)?;
    let matcher = matching::Matcher::new(r, config);
    let mut products: Vec<&str> = Vec::new();
    for p in &sme.products {
        if !products.contains(&p.hs.as_str()) {
            products.push(&p.hs);
        }
    }
    let matches: Vec<matching::MarketResult> = products
        .iter()
        .flat_map(|hs| matcher.rank(&sme, hs, &scheme))
        .collect();
    Ok(report::assemble(report::BriefInput {
        lang,
        date: crate::clock::today(),
        advisor: advisor.to_string(),
        reference: r,
        sme: &sme,
        assessment: latest.as_ref().map(|a| report::Assessed {
            result: &a.result,
            date: a.date(),
            assessor: &a.assessor,
            band_limits: [
                config.readiness.band_preparing,
                config.readiness.band_ready,
                config.readiness.band_ready_to_diversify,
            ],
        }),
        matches: &matches,
        min_coverage: config.matching.min_coverage,
        market,
        shortlist: &shortlist,
        plan: &plan,
    }))
}
