//! Data-management commands: `demand import` (ITC Trade Map files), `audit`, and the one-SME
//! writes `smes edit | delete | restore` with their optimistic version check.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::Ctx;
use crate::cli::strings::{self, said};
use crate::cli::strings_data::{self, said as data_said};
use crate::domain::audit::{diff, show_in};
use crate::domain::trademap::{self, ALL_PRODUCTS, Format, HOME, Report, TradeMapFile};
use crate::error::{PathError, bad_input};
use crate::lang::{Lang, Said};
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
    let nothing = data_said(|t| t.dm_nothing_stored.to_string());
    // The reason in the reader's words (not the system's English).
    let bytes = std::fs::read(file).map_err(|e| {
        let unread = PathError::io(file, "cannot read", &e).said();
        bad_input(unread.join("; ", &nothing))
    })?;
    let mut store = ctx.open()?;
    let reference = store::load_reference(&store.conn)?;
    let parsed = trademap::parse(&bytes, &name, hs.as_deref(), &reference)
        .map_err(|e| bad_input(e.join("; ", &nothing)))?;
    let lang = ctx.lang();
    let t = strings_data::get(lang);
    print_summary(&name, &parsed, lang)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or(name);
    if *dry_run {
        let n = parsed.demand_rows().len();
        crate::outln!("{}", say!(t.dm_dry_run, n = n));
        return Ok(0);
    }
    let report = store.import_demand(&parsed, &file_name, &ctx.who())?;
    crate::outln!(
        "{}",
        say!(
            t.dm_stored,
            n = report.rows_stored,
            markets = report.markets,
            replaced = report.replaced,
            source = trademap::SOURCE,
            file = file_name
        )
    );
    Ok(0)
}

/// What was read from a Trade Map file, one labelled line per aspect.
fn print_summary(name: &str, f: &TradeMapFile, lang: Lang) -> anyhow::Result<()> {
    let t = strings_data::get(lang);
    // The labels line up: `  format:     …`.
    let label = |i: usize| crate::text::pad(&format!("{}:", t.dm_labels[i]), 11);
    crate::outln!("{}", say!(t.dm_title, file = name));
    let format = match f.format {
        Format::Text => t.dm_formats[0],
        Format::Csv => t.dm_formats[1],
        Format::Html => t.dm_formats[2],
    };
    crate::outln!("  {} {format}", label(0));
    // Trade Map's report title is the name of a source: kept as ITC writes it.
    crate::outln!("  {} {}", label(1), f.report.title());
    let kind = f.report.series_kind();
    let meaning = match &f.report {
        Report::Importers => t.dm_meaning_imports.to_string(),
        Report::ExportsBy { iso3, .. } if iso3 == HOME => t.dm_meaning_home.to_string(),
        Report::ExportsBy { exporter, .. } => say!(t.dm_meaning_exporter, exporter = exporter),
    };
    let stored_as = say!(t.dm_stored_as, kind = kind, meaning = meaning);
    crate::outln!("  {} {stored_as}", label(2));
    let note = if f.product.hs == ALL_PRODUCTS {
        t.dm_all_products_note
    } else {
        ""
    };
    let from = match f.product.from {
        "title" => t.dm_product_from[0],
        "--hs" => t.dm_product_from[1],
        "file name" => t.dm_product_from[2],
        other => other,
    };
    let product = say!(
        t.dm_product,
        hs = f.product.hs,
        description = f.product.description,
        from = from,
        note = note
    );
    crate::outln!("  {} {product}", label(3));
    let unit = if f.unit == trademap::UNIT_ASSUMED {
        t.dm_unit_assumed
    } else {
        f.unit.as_str()
    };
    crate::outln!("  {} {}", label(4), say!(t.dm_unit, unit = unit));
    let years = match (f.years.first(), f.years.last()) {
        (Some(a), Some(b)) if a != b => {
            say!(t.dm_years_span, from = a, to = b, n = f.years.len())
        }
        (Some(a), _) => a.to_string(),
        _ => t.none.into(),
    };
    crate::outln!("  {} {years}", label(5));
    let mut indicators = vec![t.dm_ind_value.to_string()];
    indicators.extend(
        f.growth_periods
            .iter()
            .map(|(a, b)| say!(t.dm_ind_growth, from = a, to = b)),
    );
    if f.has_tariff {
        indicators.push(t.dm_ind_tariff.into());
    }
    crate::outln!("  {} {}", label(6), indicators.join("; "));
    if !f.other_columns.is_empty() {
        crate::outln!("  {} {}", label(7), f.other_columns.join("; "));
    }
    let rows = say!(
        t.dm_rows,
        n = f.data_rows,
        mapped = f.rows.len(),
        totals = f.aggregates.len(),
        home = f.home_rows.len(),
        unmapped = f.unmapped.len(),
        empty = f.without_values.len(),
        duplicates = f.duplicates.len()
    );
    crate::outln!("  {} {rows}", label(8));
    if f.mirror_rows() > 0 {
        let mirror = say!(
            t.dm_mirror,
            n = f.mirror_rows(),
            source = trademap::SOURCE_MIRROR
        );
        crate::outln!("  {} {mirror}", label(9));
    }
    if !f.duplicates.is_empty() {
        let list = f.duplicates.join("; ");
        crate::outln!("  {} {}", label(10), say!(t.dm_duplicates, list = list));
    }
    if !f.unmapped.is_empty() {
        crate::outln!("  {}", say!(t.dm_unmapped, n = f.unmapped.len()));
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
            return Err(bad_input(store::strings::said(|t| {
                say!(t.unknown_sme, id = id)
            })));
        }
    }
    let entries = store.audit_log(args.sme)?;
    if args.json {
        crate::outln!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(0);
    }
    let lang = ctx.lang();
    let t = strings_data::get(lang);
    for e in &entries {
        // Stored in UTC; read in the advisor's time zone, like every other time shown.
        crate::outln!(
            "#{} {} {} {} {} {}: {}",
            e.id,
            crate::clock::local_stamp(&e.at),
            crate::messages::get(lang).who(&e.who),
            t.action(&e.action),
            t.entity(&e.entity),
            e.entity_id,
            summary(e, lang)
        );
    }
    let cli = strings::get(lang);
    crate::errln!("{}", say!(cli.changes_count, n = entries.len()));
    Ok(0)
}

/// One line saying what a change did, in `lang`.
fn summary(e: &AuditEntry, lang: Lang) -> String {
    let t = strings_data::get(lang);
    let log = store::strings::get(lang);
    let show = |v: &serde_json::Value| show_in(v, log.empty_value, log.no_values);
    match (e.entity.as_str(), e.action.as_str()) {
        ("assessment", "create") => {
            let r = &e.after["result"];
            let score = r["overall"]
                .as_f64()
                .map_or_else(|| show(&r["overall"]), |x| crate::lang::number(lang, x, 1));
            let band = match r["band"].as_str() {
                Some(code) => crate::ui::strings::get(lang).band(Some(code)),
                None => t.audit_no_band,
            };
            say!(
                t.audit_readiness,
                score = score,
                band = band,
                who = e.after["assessor"].as_str().unwrap_or("?")
            )
        }
        (_, "create") => {
            // A record's own label, when it has one (an SME's name, a plan item's action).
            let label = ["name", "action", "title", "stage"]
                .iter()
                .find_map(|k| e.after.get(*k).filter(|v| v.is_string()));
            match label {
                Some(l) => say!(t.audit_created, label = show(l)),
                None => t.audit_created_bare.into(),
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
                _ => t.none.into(),
            };
            say!(
                t.audit_demand,
                rows = e.after["rows"],
                kind = e.after["kind"].as_str().unwrap_or(""),
                hs = e.after["hs"].as_str().unwrap_or(""),
                years = span
            )
        }
        _ => {
            let changes = diff(&e.before, &e.after);
            if changes.is_empty() {
                e.after.to_string()
            } else {
                // Field names are the record's column names (as in the CSV and the JSON).
                changes
                    .iter()
                    .map(|c| format!("{}: {} → {}", c.field, show(&c.before), show(&c.after)))
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
