//! The command line (DESIGN §6): every non-interactive feature is a subcommand.

pub mod assess;
pub mod context;
pub mod data;
pub mod matching;
pub mod plan;
pub mod strings;
pub mod strings_assess;
pub mod strings_data;
pub mod sync;

pub use context::Ctx;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde_json::json;

use crate::domain::{FtaStatus, Origin, PROVIDER_CATEGORIES};
use crate::error::{PathError, bad_input};
use crate::say;
use crate::store::{self, sme_csv};
use strings::said;

#[derive(Debug, Parser)]
#[command(
    name = "goglobal",
    version,
    about = "Offline dashboard that helps advisors take Vietnamese SMEs to new export markets",
    long_about = "Without a command, opens the terminal dashboard on the database \
                  (created and seeded on first run)."
)]
pub struct Cli {
    /// Database file (default: $GOGLOBAL_DB or the platform data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Configuration file (default: $GOGLOBAL_CONFIG, ./config.toml or the built-in one)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Interface language (default: $GOGLOBAL_LANG, else the config's `[ui] language`)
    #[arg(long, global = true, env = "GOGLOBAL_LANG", value_parser = ["en", "vi"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and seed a database
    Init {
        /// Delete an existing database first
        #[arg(long)]
        force: bool,
        /// Do not load the demo portfolio of sample SMEs
        #[arg(long)]
        no_sample: bool,
    },
    /// Check integrity, foreign keys and data sanity (exit 1 on problems)
    Check,
    /// Counts per table and the reference-data version (`--by site`: KPIs per site)
    Stats(StatsArgs),
    /// Online backup of the database to DEST
    Backup { dest: PathBuf },
    /// List the markets with their key indicators
    Markets(JsonFlag),
    /// SME portfolio: list, import, export, purge the samples
    #[command(subcommand)]
    Smes(SmesCommand),
    /// Real demand data: import ITC Trade Map files
    #[command(subcommand)]
    Demand(data::DemandCommand),
    /// The audit trail: who changed which user data, when, before and after
    Audit(data::AuditArgs),
    /// Assess an SME's export readiness from an answers file, or show its history
    Assess(assess::AssessArgs),
    /// Rank markets for an SME's products, or the whole portfolio with --all
    Match(matching::MatchArgs),
    /// Add a synthetic portfolio (flagged synthetic) for scale tests
    Gen(matching::GenArgs),
    /// An SME's pipeline of markets, action plan and decision log
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// The client brief of an SME (Markdown or self-contained HTML)
    Report(plan::ReportArgs),
    /// Replicas: site identity, trusted sites, change packages, conflicts
    #[command(subcommand)]
    Sync(sync::SyncCommand),
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Break the programme KPIs down by the site that brought each SME in
    #[arg(long, value_name = "site", value_parser = ["site"])]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SmesCommand {
    /// List the SMEs
    List(JsonFlag),
    /// Import SMEs from a CSV file (all rows or none)
    Import {
        file: PathBuf,
        /// Validate only; store nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export every SME to a CSV file in the import format
    Export { file: PathBuf },
    /// Delete the demo portfolio (SMEs flagged sample)
    PurgeSamples,
    /// Change fields of one SME (refused if another session saved it since)
    Edit(data::EditArgs),
    /// Delete one SME (kept in the database, restorable)
    Delete(data::IdArgs),
    /// Bring back a deleted SME
    Restore(data::IdArgs),
}

/// The language of the messages a run writes. `--lang` (or `GOGLOBAL_LANG`, which fills it)
/// wins; else the config's `[ui] language`. When the config could not be read (`ctx` is
/// `None`: its own errors are being shown) nothing else says the language: Vietnamese, the
/// default.
pub fn message_lang(cli_lang: Option<&str>, ctx: Option<&Ctx>) -> crate::lang::Lang {
    match (cli_lang, ctx) {
        (Some(code), _) => crate::lang::Lang::parse(code),
        (None, Some(ctx)) => ctx.lang(),
        (None, None) => crate::lang::Lang::Vi,
    }
}

/// Run a non-interactive command; returns the process exit code.
pub fn run(ctx: &Ctx, command: &Command) -> anyhow::Result<i32> {
    match command {
        Command::Init { force, no_sample } => init(ctx, *force, *no_sample),
        Command::Check => check(ctx),
        Command::Stats(f) => stats(ctx, f.json, f.by.is_some()),
        Command::Backup { dest } => {
            ctx.open()?.backup_to(dest)?;
            let t = strings::get(ctx.lang());
            crate::outln!("{}", say!(t.backup_written, path = dest.display()));
            Ok(0)
        }
        Command::Markets(f) => markets(ctx, f.json),
        Command::Smes(cmd) => smes(ctx, cmd),
        Command::Demand(cmd) => data::demand(ctx, cmd),
        Command::Audit(args) => data::audit(ctx, args),
        Command::Assess(args) => assess::run(ctx, args),
        Command::Match(args) => matching::run_match(ctx, args),
        Command::Gen(args) => matching::run_gen(ctx, args),
        Command::Plan(cmd) => plan::run(ctx, cmd),
        Command::Report(args) => plan::report(ctx, args),
        Command::Sync(cmd) => sync::run(ctx, cmd),
    }
}

fn init(ctx: &Ctx, force: bool, no_sample: bool) -> anyhow::Result<i32> {
    let path = &ctx.db_path;
    let t = strings::get(ctx.lang());
    if path.exists() {
        if !force {
            let store = store::open_or_create(path, false)?;
            let n = store.smes()?.len();
            crate::outln!("{}", say!(t.db_exists, path = path.display(), n = n));
            return Ok(0);
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| {
                    bad_input(said(|t| {
                        say!(t.cannot_delete, path = p.display(), error = e)
                    }))
                })?;
            }
        }
    }
    let mut store = store::open_or_create(path, false)?;
    let samples = if no_sample {
        0
    } else {
        store::seed_samples_in(&mut store, ctx.lang())?
    };
    crate::outln!(
        "{}",
        say!(
            t.created,
            path = path.display(),
            version = store::reference_version(),
            n = samples
        )
    );
    Ok(0)
}

fn check(ctx: &Ctx) -> anyhow::Result<i32> {
    if !ctx.db_path.exists() {
        return Err(bad_input(said(|t| {
            say!(t.no_database, path = ctx.db_path.display())
        })));
    }
    let store = ctx.open()?;
    let problems = store.check()?;
    let lang = ctx.lang();
    let t = strings::get(lang);
    if problems.is_empty() {
        crate::outln!("{}", say!(t.check_ok, path = ctx.db_path.display()));
        Ok(0)
    } else {
        for p in &problems {
            crate::outln!("{}", say!(t.problem, detail = p.get(lang)));
        }
        crate::errln!("{}", say!(t.problems_found, n = problems.len()));
        Ok(1)
    }
}

fn stats(ctx: &Ctx, as_json: bool, by_site: bool) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    let sites = store::sync::stats_by_site(&store.conn)?;
    if by_site && !as_json {
        sync::print_stats_by_site(&sites, ctx.lang())?;
        return Ok(0);
    }
    let r = store::load_reference(&store.conn)?;
    let counts = store.sme_counts()?;
    let total: i64 = counts.values().sum();
    let sample = counts.get("sample").copied().unwrap_or(0);
    let ftas_in_force = r
        .ftas
        .iter()
        .filter(|f| f.status == FtaStatus::InForce)
        .count();
    let (site_id, site_name) = store.sync_identity()?;
    let value = json!({
        "reference_version": r.version,
        "site": {"site_id": site_id, "name": site_name},
        "pending_conflicts": store::sync::conflicts::pending(&store.conn)?,
        "by_site": sites,
        "counts": {
            "markets": r.markets.len(),
            "ftas_in_force": ftas_in_force,
            "hs_codes": r.hs.len(),
            "requirements": r.requirements.len(),
            "trade_remedies": r.remedies.len(),
            "service_providers": r.providers.len(),
            "smes": total,
            "sample_smes": sample,
        }
    });
    if as_json {
        crate::outln!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        let lang = ctx.lang();
        let t = strings::get(lang);
        let pad = crate::text::pad;
        crate::outln!("{} {}", pad(t.stats_database, 22), ctx.db_path.display());
        crate::outln!("{} {}", pad(t.stats_reference, 22), r.version);
        crate::outln!("{} {site_name} ({site_id})", pad(t.stats_site, 22));
        crate::outln!(
            "{} {}",
            pad(t.stats_conflicts, 22),
            value["pending_conflicts"]
        );
        let keys = [
            "markets",
            "ftas_in_force",
            "hs_codes",
            "requirements",
            "trade_remedies",
            "service_providers",
            "smes",
            "sample_smes",
        ];
        for (key, label) in keys.iter().zip(t.stats_counts) {
            crate::outln!("{} {}", pad(label, 22), value["counts"][key]);
        }
        let ui = crate::ui::strings::get(lang);
        for cat in PROVIDER_CATEGORIES {
            let n = r.providers.iter().filter(|p| p.category == cat).count();
            crate::outln!("  {}: {} {n}", t.stats_providers, pad(ui.category(cat), 24));
        }
    }
    Ok(0)
}

fn markets(ctx: &Ctx, as_json: bool) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    let r = store::load_reference(&store.conn)?;
    if as_json {
        let list: Vec<_> = r
            .markets
            .iter()
            .map(|m| {
                json!({
                    "iso3": m.iso3,
                    "name": m.name,
                    "name_vi": m.name_vi,
                    "region": m.region,
                    "subregion": m.subregion,
                    "priority": m.priority.code(),
                    "distance_km": m.distance_km,
                    "gdp_usd": m.gdp_usd.map(|f| f.value),
                    "gdp_year": m.gdp_usd.map(|f| f.year),
                    "gdp_per_capita_usd": m.gdp_per_capita_usd.map(|f| f.value),
                    "population": m.population.map(|f| f.value),
                    "population_year": m.population.map(|f| f.year),
                    "imports_usd": m.latest_imports().map(|f| f.value),
                    "imports_year": m.latest_imports().map(|f| f.year),
                    "lpi": m.lpi.as_ref().map(|l| l.overall),
                    "ftas": r.ftas_in_force(&m.iso3),
                })
            })
            .collect();
        crate::outln!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    let lang = ctx.lang();
    let vi = lang == crate::lang::Lang::Vi;
    let (t, ui) = (strings::get(lang), crate::ui::strings::get(lang));
    let num = |x: f64, d: usize| crate::lang::number(lang, x, d);
    crate::outln!(
        "{}",
        [
            crate::text::pad("ISO3", 5),
            crate::text::pad(t.col_market, 28),
            crate::text::pad(t.col_priority, 15),
            format!("{:>9}", "km"),
            format!("{:>14}", t.col_gdp),
            format!("{:>5}", "LPI"),
            t.col_ftas.into()
        ]
        .join(" ")
    );
    for m in &r.markets {
        let gdp = m
            .gdp_usd
            .map(|f| format!("{} ({})", num(f.value / 1e9, 1), f.year))
            .unwrap_or_else(|| "—".into());
        crate::outln!(
            "{} {} {} {:>9} {:>14} {:>5} {}",
            crate::text::pad(&m.iso3, 5),
            crate::text::pad(m.display_name(vi), 28),
            crate::text::pad(ui.priority(m.priority.code()), 15),
            m.distance_km
                .map(|d| num(d, 0))
                .unwrap_or_else(|| "—".into()),
            gdp,
            m.lpi
                .as_ref()
                .map(|l| num(l.overall, 1))
                .unwrap_or_else(|| "—".into()),
            r.ftas_in_force(&m.iso3).join(",")
        );
    }
    Ok(0)
}

fn smes(ctx: &Ctx, cmd: &SmesCommand) -> anyhow::Result<i32> {
    let t = strings::get(ctx.lang());
    match cmd {
        SmesCommand::List(f) => {
            let store = ctx.open()?;
            let list = store.smes()?;
            // The short handles people type (global keys only travel between sites).
            let handles: Vec<i64> = list
                .iter()
                .map(|s| store.sme_handle(s.id))
                .collect::<anyhow::Result<_>>()?;
            if f.json {
                let out: Vec<_> = list
                    .iter()
                    .zip(&handles)
                    .map(|(s, handle)| {
                        json!({
                            "id": handle,
                            "name": s.name,
                            "tax_code": s.tax_code,
                            "province": s.province,
                            "sector": s.sector,
                            "export_experience": s.export_experience.map(|e| e.code()),
                            "sample": s.is_sample(),
                            "origin": s.origin.code(),
                            "products": s.products.iter().map(|p| &p.hs).collect::<Vec<_>>(),
                            "certifications": s.certifications,
                            "current_markets": s.current_markets,
                            "version": s.version,
                        })
                    })
                    .collect();
                crate::outln!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                // The sector's name in the reader's language (an unknown sector as written).
                let ui = crate::ui::strings::get(ctx.lang());
                for (s, handle) in list.iter().zip(&handles) {
                    let flag = match s.origin {
                        Origin::Sample => format!(" {}", t.tag_sample),
                        Origin::Synthetic => format!(" {}", t.tag_synthetic),
                        Origin::User => String::new(),
                    };
                    crate::outln!(
                        "{:>5}  {}  {}  {}  {}{flag}",
                        handle,
                        crate::text::pad(&s.name, 44),
                        crate::text::pad(&s.province, 22),
                        crate::text::pad(ui.sector(&s.sector), 17),
                        s.products
                            .iter()
                            .map(|p| p.hs.as_str())
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                }
                crate::errln!("{}", say!(t.smes_count, n = list.len()));
            }
            Ok(0)
        }
        SmesCommand::Import { file, dry_run } => {
            // The reason in the reader's words (not the system's English).
            let bytes = std::fs::read(file).map_err(|e| PathError::io(file, "cannot read", &e))?;
            let mut store = ctx.open()?;
            let name = file.display().to_string();
            match store.check_sme_csv(&bytes, &name)? {
                Err(problems) => {
                    for p in &problems {
                        crate::errln!("{}", p.get(ctx.lang()));
                    }
                    Err(bad_input(said(|t| {
                        say!(t.import_problems, file = name, n = problems.len())
                    })))
                }
                Ok(smes) if *dry_run => {
                    crate::outln!("{}", say!(t.import_dry_run, file = name, n = smes.len()));
                    Ok(0)
                }
                Ok(smes) => {
                    let ids = store.insert_smes(&smes, &ctx.who())?;
                    crate::outln!(
                        "{}",
                        say!(
                            t.imported,
                            file = name,
                            n = ids.len(),
                            first = store.sme_handle(ids.first().copied().unwrap_or(0))?,
                            last = store.sme_handle(ids.last().copied().unwrap_or(0))?
                        )
                    );
                    Ok(0)
                }
            }
        }
        SmesCommand::Export { file } => {
            let store = ctx.open()?;
            let list = store.smes()?;
            let text = sme_csv::export(&list)?;
            std::fs::write(file, text).map_err(|e| PathError::io(file, "cannot write", &e))?;
            crate::outln!(
                "{}",
                say!(t.exported, file = file.display(), n = list.len())
            );
            Ok(0)
        }
        SmesCommand::PurgeSamples => {
            let mut store = ctx.open()?;
            let n = store.purge_samples(&ctx.who())?;
            crate::outln!("{}", say!(t.purged, n = n));
            Ok(0)
        }
        SmesCommand::Edit(args) => data::edit_sme(ctx, args),
        SmesCommand::Delete(args) => data::delete_sme(ctx, args, true),
        SmesCommand::Restore(args) => data::delete_sme(ctx, args, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn messages_follow_lang_then_config_then_vietnamese() {
        let ctx = |language: &str| {
            let mut config = crate::config::Config::default();
            config.ui.language = language.into();
            Ctx {
                db_path: PathBuf::from("x.db"),
                config,
            }
        };
        assert_eq!(message_lang(Some("en"), Some(&ctx("vi"))), Lang::En);
        assert_eq!(message_lang(None, Some(&ctx("en"))), Lang::En);
        // A config that could not be read says nothing: `--lang`, else Vietnamese.
        assert_eq!(message_lang(Some("en"), None), Lang::En);
        assert_eq!(message_lang(None, None), Lang::Vi);
    }
}
