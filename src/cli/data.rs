//! Data-management commands: `demand import` (ITC Trade Map files), `audit`, and the one-SME
//! writes `smes edit | delete | restore` with their optimistic version check.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::Ctx;
use crate::cli::strings::{self, said};
use crate::domain::audit::{diff, show};
use crate::domain::trademap::{self, ALL_PRODUCTS, HOME, Report, TradeMapFile};
use crate::error::bad_input;
use crate::lang::Said;
use crate::say;
use crate::store::{self, AuditEntry, sme_csv};

#[derive(Debug, Subcommand)]
pub enum DemandCommand {
    /// Import an ITC Trade Map download (Text, CSV or "Excel" export): "List of importers for
    /// the selected product" or "List of importing markets for a product exported by X"
    Import {
        file: PathBuf,
        /// HS code of the product when the file does not name it (e.g. 0901; TOTAL = all products)
        #[arg(long, value_name = "CODE")]
        hs: Option<String>,
        /// Read and report only; store nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only the changes to this SME and its records
    #[arg(long, value_name = "ID")]
    pub sme: Option<i64>,
    /// Print JSON instead of one line per change
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: i64,
    /// A field and its new value, as in the SME CSV (lists separated by `;`); repeatable
    #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
    pub set: Vec<String>,
    /// Refuse the save unless the SME is still at this version (as shown when it was opened)
    #[arg(long, value_name = "N")]
    pub expect_version: Option<i64>,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    pub id: i64,
    /// Refuse unless the SME is still at this version
    #[arg(long, value_name = "N")]
    pub expect_version: Option<i64>,
}

pub fn demand(ctx: &Ctx, cmd: &DemandCommand) -> anyhow::Result<i32> {
    let DemandCommand::Import { file, hs, dry_run } = cmd;
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        bad_input(format!(
            "{name}: cannot read: {e} (check the path); nothing was stored"
        ))
    })?;
    let mut store = ctx.open()?;
    let reference = store::load_reference(&store.conn)?;
    let parsed = trademap::parse(&bytes, &name, hs.as_deref(), &reference)
        .map_err(|e| bad_input(format!("{e}; nothing was stored")))?;
    print_summary(&name, &parsed)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or(name);
    if *dry_run {
        crate::outln!(
            "dry run: {} values would be stored; nothing was stored",
            parsed.demand_rows().len()
        );
        return Ok(0);
    }
    let report = store.import_demand(&parsed, &file_name, &ctx.who())?;
    crate::outln!(
        "stored {} values for {} markets ({} replaced earlier values); estimate: false, \
         source {}, file {file_name}",
        report.rows_stored,
        report.markets,
        report.replaced,
        trademap::SOURCE
    );
    Ok(0)
}

fn print_summary(name: &str, f: &TradeMapFile) -> anyhow::Result<()> {
    crate::outln!("ITC Trade Map file {name}");
    crate::outln!("  format:     {}", f.format.label());
    crate::outln!("  report:     {}", f.report.title());
    let kind = f.report.series_kind();
    let meaning = match &f.report {
        Report::Importers => "each market's imports of the product".to_string(),
        Report::ExportsBy { iso3, .. } if iso3 == HOME => {
            "Viet Nam's exports to each market (its current foothold)".to_string()
        }
        Report::ExportsBy { exporter, .. } => format!("{exporter}'s exports to each market"),
    };
    crate::outln!("  stored as:  kind {kind}: {meaning}");
    let product_note = if f.product.hs == ALL_PRODUCTS {
        "; all-products series are context only: product scores use product-specific series"
    } else {
        ""
    };
    crate::outln!(
        "  product:    {} {} (from the {}){product_note}",
        f.product.hs,
        f.product.description,
        f.product.from
    );
    crate::outln!("  unit:       {} → stored in US$", f.unit);
    let years = match (f.years.first(), f.years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b} ({} years)", f.years.len()),
        (Some(a), _) => a.to_string(),
        _ => "none".into(),
    };
    crate::outln!("  years:      {years}");
    let mut indicators = vec!["value by year".to_string()];
    indicators.extend(
        f.growth_periods
            .iter()
            .map(|(a, b)| format!("annual growth {a}–{b} (%)")),
    );
    if f.has_tariff {
        indicators.push("average tariff (%)".into());
    }
    crate::outln!("  indicators: {}", indicators.join("; "));
    if !f.other_columns.is_empty() {
        crate::outln!("  not stored: {}", f.other_columns.join("; "));
    }
    crate::outln!(
        "  rows:       {} read: {} markets mapped, {} totals skipped, {} Viet Nam (home), \
         {} unmapped, {} without figures, {} duplicates",
        f.data_rows,
        f.rows.len(),
        f.aggregates.len(),
        f.home_rows.len(),
        f.unmapped.len(),
        f.without_values.len(),
        f.duplicates.len()
    );
    if f.mirror_rows() > 0 {
        crate::outln!(
            "  mirror:     {} markets' figures are mirror data (reported by partners), stored \
             with source \"{}\"",
            f.mirror_rows(),
            trademap::SOURCE_MIRROR
        );
    }
    if !f.duplicates.is_empty() {
        crate::outln!(
            "  duplicates: {} (a second row for a market already read; the first was kept)",
            f.duplicates.join("; ")
        );
    }
    if !f.unmapped.is_empty() {
        crate::outln!(
            "  unmapped names ({}), not stored; no market of goglobal's has these names:",
            f.unmapped.len()
        );
        for (n, line) in &f.unmapped {
            crate::outln!("    {name}:{line}: {n}");
        }
    }
    Ok(())
}

pub fn audit(ctx: &Ctx, args: &AuditArgs) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    if let Some(id) = args.sme {
        if !store.sme_exists(id)? {
            return Err(bad_input(format!(
                "unknown SME id {id} (run `goglobal smes list` to see the ids)"
            )));
        }
    }
    let entries = store.audit_log(args.sme)?;
    if args.json {
        crate::outln!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(0);
    }
    for e in &entries {
        crate::outln!(
            "#{} {} {} {} {} {}: {}",
            e.id,
            e.at,
            e.who,
            e.action,
            e.entity,
            e.entity_id,
            summary(e)
        );
    }
    crate::errln!("{} changes", entries.len());
    Ok(0)
}

/// One line saying what a change did.
fn summary(e: &AuditEntry) -> String {
    match (e.entity.as_str(), e.action.as_str()) {
        ("assessment", "create") => {
            let r = &e.after["result"];
            format!(
                "readiness {} ({}) by {}",
                show(&r["overall"]),
                r["band"].as_str().unwrap_or("no band"),
                e.after["assessor"].as_str().unwrap_or("?")
            )
        }
        (_, "create") => {
            // A record's own label, when it has one (an SME's name, a plan item's action).
            let label = ["name", "action", "title", "stage"]
                .iter()
                .find_map(|k| e.after.get(*k).filter(|v| v.is_string()));
            match label {
                Some(l) => format!("created {}", show(l)),
                None => "created".into(),
            }
        }
        ("demand", "import") => {
            let years: Vec<i64> = e.after["years"]
                .as_array()
                .map(|ys| ys.iter().filter_map(serde_json::Value::as_i64).collect())
                .unwrap_or_default();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => "none".into(),
            };
            format!(
                "{} values, kind {}, product {}, years {span}",
                e.after["rows"],
                e.after["kind"].as_str().unwrap_or(""),
                e.after["hs"].as_str().unwrap_or("")
            )
        }
        _ => {
            let changes = diff(&e.before, &e.after);
            if changes.is_empty() {
                e.after.to_string()
            } else {
                changes
                    .iter()
                    .map(|c| c.describe())
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
    }
}

pub fn edit_sme(ctx: &Ctx, args: &EditArgs) -> anyhow::Result<i32> {
    let mut store = ctx.open()?;
    let reference = store::load_reference(&store.conn)?;
    let key = store.sme_key(args.id)?;
    if store.sme_version(key)?.1 {
        return Err(bad_input(said(|t| say!(t.edit_deleted, id = args.id))));
    }
    let opened = store.require_sme(key)?;
    let mut edited = opened.clone();
    let mut problems: Vec<Said> = Vec::new();
    for item in &args.set {
        let Some((field, value)) = item.split_once('=') else {
            problems.push(said(|t| say!(t.set_syntax, item = item)));
            continue;
        };
        if let Err(whats) = sme_csv::set_field(&mut edited, field.trim(), value, &reference) {
            let at = Said::from(format!("--set {item}"));
            problems.extend(whats.iter().map(|w| at.join(": ", w)));
        }
    }
    if !problems.is_empty() {
        let mut all = said(|t| t.nothing_saved.to_string());
        for p in problems.iter().rev() {
            all = p.join("\n", &all);
        }
        return Err(bad_input(all));
    }
    if let Some(v) = args.expect_version {
        edited.version = v;
    }
    let version = store.update_sme(&edited, &ctx.who())?;
    let changes = diff(
        &serde_json::to_value(&opened)?,
        &serde_json::to_value(&edited)?,
    );
    let lang = ctx.lang();
    let t = strings::get(lang);
    if version == opened.version {
        crate::outln!(
            "{}",
            say!(
                t.no_change,
                id = args.id,
                name = opened.name,
                version = version
            )
        );
        return Ok(0);
    }
    crate::outln!(
        "{}",
        say!(
            t.edited,
            id = args.id,
            name = edited.name,
            version = version
        )
    );
    let (log, labels) = (
        store::strings::get(lang),
        crate::ui::strings::get(lang).edit,
    );
    let show =
        |v: &serde_json::Value| crate::domain::audit::show_in(v, log.empty_value, log.no_values);
    for c in changes {
        crate::outln!(
            "  {}: {} → {}",
            labels.label(&c.field),
            show(&c.before),
            show(&c.after)
        );
    }
    Ok(0)
}

pub fn delete_sme(ctx: &Ctx, args: &IdArgs, delete: bool) -> anyhow::Result<i32> {
    let mut store = ctx.open()?;
    let key = store.sme_key(args.id)?;
    let (current, _) = store.sme_version(key)?;
    let expected = args.expect_version.unwrap_or(current);
    let who = ctx.who();
    let version = if delete {
        store.delete_sme(key, expected, &who)?
    } else {
        store.restore_sme(key, expected, &who)?
    };
    let t = strings::get(ctx.lang());
    let text = if delete { t.deleted } else { t.restored };
    crate::outln!("{}", say!(text, id = args.id, version = version));
    Ok(0)
}
