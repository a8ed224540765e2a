//! `goglobal match` (one SME, or the whole portfolio with `--all`) and `goglobal gen`
//! (a synthetic portfolio), DESIGN §6.

mod portfolio;
mod words;

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::cli::Ctx;
use crate::cli::strings::{self, said};
use crate::config::ReadinessConfig;
use crate::domain::matching::{self, MarketResult, Matcher, Scheme, WeightMap};
use crate::domain::{Reference, Sme};
use crate::error::bad_input;
use crate::say;
use crate::store::{self, portfolio::LatestReadiness};

pub use portfolio::{PortfolioRun, write_portfolio};

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// SME id (`goglobal smes list` shows them)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub sme_id: Option<i64>,
    /// Rank every SME × product × market of the portfolio (CSV)
    #[arg(long)]
    pub all: bool,
    /// Only this product (HS code: one of the SME's products, any HS 2022 code or AHTN 2022 line)
    #[arg(long, value_name = "HS", conflicts_with = "all")]
    pub product: Option<String>,
    /// Show the N best markets per product (default 10 in the table, all in JSON)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub top: Option<usize>,
    /// Weight preset from config.toml (first_time, scale_up, halal, …)
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Override weights, e.g. size=30,distance=5
    #[arg(long, value_name = "LIST")]
    pub weights: Option<String>,
    /// Print JSON instead of a table
    #[arg(long, conflicts_with = "all")]
    pub json: bool,
    /// With --all: write the CSV to FILE instead of standard output
    #[arg(long, value_name = "FILE.csv", requires = "all")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of synthetic SMEs to add
    #[arg(long, value_name = "N")]
    pub smes: usize,
    /// Seed of the generator: the same seed gives the same portfolio
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

/// Band of a readiness score by the `[readiness]` limits (when the stored band is missing).
fn band_of(score: f64, r: &ReadinessConfig) -> &'static str {
    if score < r.band_preparing {
        "not_yet"
    } else if score < r.band_ready {
        "preparing"
    } else if score < r.band_ready_to_diversify {
        "ready"
    } else {
        "ready_to_diversify"
    }
}

fn band(latest: &LatestReadiness, r: &ReadinessConfig) -> Option<String> {
    latest
        .band
        .clone()
        .filter(|b| !b.trim().is_empty())
        .or_else(|| latest.score.map(|s| band_of(s, r).to_string()))
}

/// Weights for one SME: `--preset`, else by readiness band, with `--weights` on top.
pub(crate) fn scheme_for(
    ctx: &Ctx,
    preset: Option<&str>,
    overrides: &[(usize, f64)],
    band: Option<&str>,
) -> anyhow::Result<Scheme> {
    matching::choose_scheme(&ctx.config.matching, preset, overrides, band).map_err(bad_input)
}

fn overrides(args: &MatchArgs) -> anyhow::Result<Vec<(usize, f64)>> {
    match &args.weights {
        Some(text) => matching::parse_weight_overrides(text).map_err(bad_input),
        None => Ok(Vec::new()),
    }
}

/// The products to rank: `--product` (one of the SME's or any HS 2022 code), else all of them.
fn products(sme: &Sme, wanted: Option<&str>, r: &Reference) -> anyhow::Result<Vec<String>> {
    let own: Vec<&str> = sme.products.iter().map(|p| p.hs.as_str()).collect();
    let listing = |t: &strings::CliStrings| {
        if own.is_empty() {
            t.no_products_yet.to_string()
        } else {
            say!(t.its_products, list = own.join(", "))
        }
    };
    match wanted {
        Some(text) => match crate::domain::hs::digits(text) {
            Some(hs) if own.contains(&hs.as_str()) || r.hs_code(&hs).is_some() => Ok(vec![hs]),
            _ => Err(bad_input(said(|t| {
                say!(
                    t.product_not_hs,
                    text = text,
                    id = sme.id,
                    listing = listing(t)
                )
            }))),
        },
        None if own.is_empty() => Err(bad_input(said(|t| say!(t.match_no_products, id = sme.id)))),
        None => {
            let mut seen = HashSet::new();
            Ok(own
                .into_iter()
                .filter(|hs| seen.insert(*hs))
                .map(String::from)
                .collect())
        }
    }
}

/// `goglobal match …`
pub fn run_match(ctx: &Ctx, args: &MatchArgs) -> anyhow::Result<i32> {
    let overrides = overrides(args)?;
    if let Some(p) = &args.preset {
        // Fail on an unknown preset before touching the database.
        scheme_for(ctx, Some(p), &overrides, None)?;
    }
    if args.all {
        return portfolio::run(ctx, args.preset.as_deref(), &overrides, args.out.as_deref());
    }
    let id = args.sme_id.expect("clap requires SME_ID without --all");
    let store = ctx.open()?;
    let id = store.sme_key(id)?;
    let sme = store.require_sme(id)?;
    let mut reference = store::load_reference(&store.conn)?;
    let hs_list = products(&sme, args.product.as_deref(), &reference)?;
    store::load_trade(
        &store.conn,
        &mut reference,
        hs_list.iter().map(String::as_str),
    )?;
    let latest = store::portfolio::latest_readiness(&store.conn, id)?;
    let band = latest.as_ref().and_then(|l| band(l, &ctx.config.readiness));
    let scheme = scheme_for(ctx, args.preset.as_deref(), &overrides, band.as_deref())?;
    let matcher = Matcher::new(&reference, &ctx.config);
    let top = args.top.or(if args.json { None } else { Some(10) });
    let mut per_product: Vec<(String, Vec<MarketResult>)> = Vec::new();
    for hs in hs_list {
        let mut results = matcher.rank(&sme, &hs, &scheme);
        if let Some(n) = top {
            results.truncate(n);
        }
        per_product.push((hs, results));
    }
    if args.json {
        let results: Vec<&MarketResult> = per_product.iter().flat_map(|(_, r)| r).collect();
        let value = json!({
            "sme": {"id": store.sme_handle(sme.id)?, "name": sme.name},
            "readiness": latest.as_ref().map(|l| json!({"score": l.score, "band": band})),
            "weights": WeightMap(scheme.weights),
            "results": results,
        });
        crate::outln!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(0);
    }
    words::print_human(
        &matcher,
        &sme,
        &scheme,
        band.as_deref(),
        &per_product,
        ctx.lang(),
    )?;
    Ok(0)
}

/// `goglobal gen --smes N --seed S`: append N synthetic SMEs in one transaction.
pub fn run_gen(ctx: &Ctx, args: &GenArgs) -> anyhow::Result<i32> {
    const MAX: usize = 1_000_000;
    if args.smes == 0 || args.smes > MAX {
        return Err(bad_input(crate::cli::strings_data::said(|t| {
            say!(t.gen_range, n = args.smes, max = MAX)
        })));
    }
    let mut store = ctx.open()?;
    let reference = store::load_reference(&store.conn)?;
    let taken = store::portfolio::tax_codes(&store.conn)?;
    let started = std::time::Instant::now();
    let smes = crate::domain::generate::generate(&reference, args.smes, args.seed, &taken)?;
    let ids = store.insert_smes(&smes, &format!("{} (goglobal gen)", ctx.who()))?;
    let lang = ctx.lang();
    let t = crate::cli::strings_data::get(lang);
    let seconds = crate::lang::number(lang, started.elapsed().as_secs_f64(), 1);
    crate::outln!(
        "{}",
        say!(
            t.gen_added,
            n = ids.len(),
            first = store.sme_handle(ids.first().copied().unwrap_or(0))?,
            last = store.sme_handle(ids.last().copied().unwrap_or(0))?,
            seed = args.seed,
            path = ctx.db_path.display(),
            seconds = seconds
        )
    );
    Ok(0)
}
