//! `goglobal sync …`: this replica's identity, the sites it trusts, change packages between
//! replicas, and conflicts (issue 12). The store side is `store::sync`.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use crate::cli::JsonFlag;
use crate::cli::context::Ctx;
use crate::domain::sync::{ConflictInfo, SiteInfo, value_text};
use crate::error::bad_input;
use crate::lang::Lang;
use crate::say;
use crate::store::Store;
use crate::store::sync::{self, package};
use strings::SyncCliStrings;

pub mod strings;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// This database's site id and name
    Id(JsonFlag),
    /// Name this site (advisor or office) as other sites will see it
    Name { name: String },
    /// The sites this database knows: trusted or not, last package in and out
    Sites(JsonFlag),
    /// Accept packages from SITE_ID (shown by `goglobal sync id` at that site)
    Trust { site_id: String },
    /// Write a package with the changes the receiver has not seen (all of them without --for)
    Export {
        file: PathBuf,
        /// The site the package is for: only what it has not told us it has
        #[arg(long = "for", value_name = "SITE")]
        for_site: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Apply a package in one transaction (changes already here are skipped)
    Import {
        file: PathBuf,
        /// Trust the package's site from now on (first exchange)
        #[arg(long)]
        trust: bool,
        #[arg(long)]
        json: bool,
    },
    /// The conflicts waiting for a decision (with --all, the resolved ones too)
    Conflicts {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        all: bool,
    },
    /// Resolve conflict ID by keeping this site's value (mine) or the other one (theirs)
    Resolve {
        id: i64,
        #[arg(long, value_parser = ["mine", "theirs"])]
        keep: String,
    },
    /// The synced user data as canonical JSON (equal at replicas that exchanged the same packages)
    Dump,
}

fn shared_key(ctx: &Ctx) -> Option<Vec<u8>> {
    let key = ctx.config.sync.key.trim();
    (!key.is_empty()).then(|| key.as_bytes().to_vec())
}

/// Open the database and give this site a name if it has none yet (config, else the advisor).
fn open(ctx: &Ctx) -> anyhow::Result<Store> {
    let mut store = ctx.open()?;
    let (_, name) = store.sync_identity()?;
    if name.is_empty() {
        let wanted = if ctx.config.sync.name.trim().is_empty() {
            ctx.who()
        } else {
            ctx.config.sync.name.trim().to_string()
        };
        store.sync_set_name(&wanted)?;
    }
    Ok(store)
}

pub fn run(ctx: &Ctx, cmd: &SyncCommand) -> anyhow::Result<i32> {
    let t = strings::get(ctx.lang());
    match cmd {
        SyncCommand::Id(f) => {
            let store = open(ctx)?;
            let (site, name) = store.sync_identity()?;
            if f.json {
                crate::outln!("{}", json!({ "site_id": site, "name": name }));
            } else {
                let name = if name.is_empty() { t.no_name } else { &name };
                crate::outln!("{}", say!(t.id_line, site = site, name = name));
            }
        }
        SyncCommand::Name { name } => {
            let name = crate::text::nfc(name.trim());
            if name.is_empty() {
                return Err(bad_input(said(|t| t.name_empty.to_string())));
            }
            let mut store = ctx.open()?;
            store.sync_set_name(&name)?;
            crate::outln!("{}", say!(t.named, name = name));
        }
        SyncCommand::Sites(f) => {
            let store = open(ctx)?;
            let sites = store.sync_sites()?;
            if f.json {
                crate::outln!("{}", serde_json::to_string_pretty(&sites)?);
            } else {
                print_sites(&sites, ctx.lang())?;
            }
        }
        SyncCommand::Trust { site_id } => {
            let mut store = ctx.open()?;
            if !store.sync_trust(site_id)? {
                let text = format!("{site_id:?}");
                return Err(bad_input(said(|t| say!(t.not_a_site_id, text = text))));
            }
            crate::outln!("{}", say!(t.now_trusted, site = site_id));
        }
        SyncCommand::Export {
            file,
            for_site,
            json,
        } => {
            let mut store = open(ctx)?;
            let report =
                store.sync_export(file, for_site.as_deref(), shared_key(ctx).as_deref())?;
            if *json {
                crate::outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                crate::outln!(
                    "{}",
                    say!(t.exported, file = report.file, n = report.changesets)
                );
                for s in &report.sites {
                    crate::outln!(
                        "{}",
                        say!(
                            t.exported_site,
                            site = s.site,
                            name = s.name,
                            from = s.from,
                            to = s.to,
                            n = s.count
                        )
                    );
                }
            }
        }
        SyncCommand::Import { file, trust, json } => {
            let what = file.display().to_string();
            let bytes = std::fs::read(file)
                .map_err(|e| bad_input(said(|t| say!(t.cannot_read, path = what, error = e))))?;
            let pkg = package::decode(&bytes, &what, shared_key(ctx).as_deref())?;
            let mut store = open(ctx)?;
            let report = store.sync_import(&pkg, &what, *trust)?;
            if *json {
                crate::outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                let name = if report.origin_name.is_empty() {
                    t.no_name
                } else {
                    &report.origin_name
                };
                crate::outln!(
                    "{}",
                    say!(
                        t.imported,
                        file = what,
                        name = name,
                        site = report.origin,
                        applied = report.applied,
                        skipped = report.skipped,
                        waiting = report.waiting,
                        conflicts = report.conflicts
                    )
                );
                if report.conflicts > 0 {
                    crate::outln!("{}", t.see_conflicts);
                }
            }
        }
        SyncCommand::Conflicts { json, all } => {
            let store = open(ctx)?;
            let list = store.sync_conflicts(*all)?;
            if *json {
                crate::outln!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for c in &list {
                    // The SME by the handle people type here, with its name.
                    let sme = match (c.sme_id, &c.sme_name) {
                        (Some(id), name) => Some(format!(
                            "#{} {}",
                            store.sme_handle(id)?,
                            name.as_deref().unwrap_or_default()
                        )),
                        _ => None,
                    };
                    print_conflict(c, sme, t, ctx.lang())?;
                }
                crate::errln!("{}", say!(t.conflicts_count, n = list.len()));
            }
        }
        SyncCommand::Resolve { id, keep } => {
            let mut store = open(ctx)?;
            let c = store.sync_resolve(*id, keep == "mine", &ctx.who())?;
            let value = c.kept.as_ref().map(|k| shown(k, t)).unwrap_or_default();
            crate::outln!(
                "{}",
                say!(
                    t.resolved,
                    id = id,
                    field = field_label(&c.table, &c.field, t, ctx.lang()),
                    value = value
                )
            );
        }
        SyncCommand::Dump => {
            let store = ctx.open()?;
            crate::outln!(
                "{}",
                serde_json::to_string_pretty(&sync::dump::dump(&store.conn)?)?
            );
        }
    }
    Ok(0)
}

/// A message of this command family in both languages (errors: `main` shows the reader's).
fn said(render: impl Fn(&'static SyncCliStrings) -> String) -> crate::lang::Said {
    crate::lang::Said::render(render)
}

/// A conflict value as a person reads it (text without quotes; nothing as "(empty)").
fn shown(v: &serde_json::Value, t: &SyncCliStrings) -> String {
    let text = value_text(v);
    if text.is_empty() {
        t.empty_value.to_string()
    } else {
        text
    }
}

/// A conflict's field as the reader knows it: an SME field by the form's label (as the
/// dashboard's sync view says it), another table's as `table.column`.
fn field_label(table: &str, field: &str, t: &SyncCliStrings, lang: crate::lang::Lang) -> String {
    match (table, field) {
        (_, "*") => t.whole_row.to_string(),
        ("sme", field) => crate::ui::strings::get(lang).edit.label(field).to_string(),
        (table, field) => format!("{table}.{field}"),
    }
}

fn print_conflict(
    c: &ConflictInfo,
    sme: Option<String>,
    t: &SyncCliStrings,
    lang: crate::lang::Lang,
) -> anyhow::Result<()> {
    let row = sme.unwrap_or_else(|| c.row.to_string());
    crate::outln!(
        "{}",
        say!(
            t.conflict_line,
            id = format!("{:>4}", c.id),
            sme = row,
            field = field_label(&c.table, &c.field, t, lang),
            mine = shown(&c.mine, t),
            theirs = shown(&c.theirs, t)
        )
    );
    crate::outln!(
        "{}",
        say!(
            t.conflict_from,
            site = c.site_label(),
            who = c.who,
            at = crate::clock::local_stamp(&c.at)
        )
    );
    if let (Some(at), Some(kept)) = (&c.resolved_at, &c.kept) {
        crate::outln!(
            "{}",
            say!(
                t.conflict_resolved,
                who = c.resolved_by.as_deref().unwrap_or_default(),
                at = crate::clock::local_stamp(at),
                kept = shown(kept, t)
            )
        );
    }
    Ok(())
}

/// `sync sites`: one block per site, dates in the advisor's time zone.
fn print_sites(sites: &[SiteInfo], lang: Lang) -> anyhow::Result<()> {
    let t = strings::get(lang);
    let labels = [t.col_status, t.col_last_in, t.col_last_out, t.col_changes];
    let lw = labels
        .iter()
        .map(|l| crate::text::width(l))
        .max()
        .unwrap_or(0);
    let stamp = |at: &Option<String>| {
        at.as_deref()
            .map_or("-".to_string(), crate::clock::local_stamp)
    };
    for s in sites {
        crate::outln!("{}  {}", s.site_id, s.label());
        let status = if s.this_site {
            t.this_site
        } else if s.trusted {
            t.trusted
        } else {
            t.untrusted
        };
        let mut changes = say!(t.changes_held, n = s.changesets, seq = s.seen_seq);
        if s.waiting > 0 {
            changes = format!("{changes}, {}", say!(t.waiting, n = s.waiting));
        }
        for (label, value) in [
            (t.col_status, status.to_string()),
            (t.col_last_in, stamp(&s.last_in_at)),
            (t.col_last_out, stamp(&s.last_out_at)),
            (t.col_changes, changes),
        ] {
            crate::outln!("  {}  {value}", crate::text::pad(label, lw));
        }
    }
    crate::errln!("{}", say!(t.sites_count, n = sites.len()));
    Ok(())
}

/// `stats --by site`: one line of programme KPIs per site, in the reader's language.
pub fn print_stats_by_site(sites: &[sync::SiteStats], lang: Lang) -> anyhow::Result<()> {
    let t = strings::get(lang);
    let heads = [
        t.stats_smes,
        t.stats_assessed,
        t.stats_pipeline,
        t.stats_exporting,
        t.stats_open_items,
    ];
    let widths: Vec<usize> = heads.iter().map(|h| crate::text::width(h).max(6)).collect();
    let right = |text: &str, w: usize| {
        format!(
            "{}{text}",
            " ".repeat(w.saturating_sub(crate::text::width(text)))
        )
    };
    let mut head = crate::text::pad(t.stats_site, 28);
    for (h, w) in heads.iter().zip(&widths) {
        head.push_str("  ");
        head.push_str(&right(h, *w));
    }
    crate::outln!("{head}  {}", t.stats_last_change);
    for s in sites {
        let label = if s.site_id == "demo" {
            t.stats_demo.to_string()
        } else if s.name.is_empty() {
            s.site_id.clone()
        } else {
            format!("{} ({})", s.name, s.site_id.get(..8).unwrap_or(&s.site_id))
        };
        let mut line = crate::text::pad(&crate::text::truncate(&label, 28), 28);
        let values = [
            s.smes,
            s.assessed,
            s.in_pipeline,
            s.exporting,
            s.open_plan_items,
        ];
        for (v, w) in values.iter().zip(&widths) {
            line.push_str("  ");
            line.push_str(&right(&crate::lang::number(lang, *v as f64, 0), *w));
        }
        let last = s
            .last_change_at
            .as_deref()
            .map_or("-".to_string(), crate::clock::local_stamp);
        crate::outln!("{line}  {last}");
    }
    Ok(())
}
