//! `goglobal sync …`: this replica's identity, the sites it trusts, change packages between
//! replicas, and conflicts (issue 12). The store side is `store::sync`.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use crate::cli::JsonFlag;
use crate::cli::context::Ctx;
use crate::error::bad_input;
use crate::store::Store;
use crate::store::sync::{self, package};

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
    match cmd {
        SyncCommand::Id(f) => {
            let store = open(ctx)?;
            let (site, name) = store.sync_identity()?;
            if f.json {
                crate::outln!("{}", json!({ "site_id": site, "name": name }));
            } else {
                crate::outln!("{site}  {name}");
            }
        }
        SyncCommand::Name { name } => {
            let name = crate::text::nfc(name.trim());
            if name.is_empty() {
                return Err(bad_input(
                    "the site name is empty (e.g. `goglobal sync name \"Văn phòng chương trình\"`)",
                ));
            }
            let mut store = ctx.open()?;
            store.sync_set_name(&name)?;
            crate::outln!("this site is now called {name}");
        }
        SyncCommand::Sites(f) => {
            let store = open(ctx)?;
            let sites = store.sync_sites()?;
            if f.json {
                crate::outln!("{}", serde_json::to_string_pretty(&sites)?);
            } else {
                for s in &sites {
                    crate::outln!(
                        "{}  {}  {}  in {}  out {}  changes {} (to #{}){}",
                        s.site_id,
                        crate::text::pad(&s.name, 24),
                        if s.this_site {
                            "this site"
                        } else if s.trusted {
                            "trusted  "
                        } else {
                            "untrusted"
                        },
                        s.last_in_at.as_deref().unwrap_or("-"),
                        s.last_out_at.as_deref().unwrap_or("-"),
                        s.changesets,
                        s.seen_seq,
                        if s.waiting > 0 {
                            format!(", {} waiting", s.waiting)
                        } else {
                            String::new()
                        }
                    );
                }
            }
        }
        SyncCommand::Trust { site_id } => {
            let mut store = ctx.open()?;
            if !store.sync_trust(site_id)? {
                return Err(bad_input(format!(
                    "{site_id:?} is not a site id (32 hexadecimal digits; `goglobal sync id` prints it at that site)"
                )));
            }
            crate::outln!("packages from site {site_id} are accepted here");
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
                crate::outln!("wrote {} ({} changesets)", report.file, report.changesets);
                for s in &report.sites {
                    crate::outln!(
                        "  {} {}: #{}–#{} ({})",
                        s.site,
                        s.name,
                        s.from,
                        s.to,
                        s.count
                    );
                }
            }
        }
        SyncCommand::Import { file, trust, json } => {
            let what = file.display().to_string();
            let bytes =
                std::fs::read(file).map_err(|e| bad_input(format!("{what}: cannot read: {e}")))?;
            let pkg = package::decode(&bytes, &what, shared_key(ctx).as_deref())?;
            let mut store = open(ctx)?;
            let report = store.sync_import(&pkg, &what, *trust)?;
            if *json {
                crate::outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                crate::outln!(
                    "imported {what} from {} ({}): {} applied, {} already here, {} waiting for earlier changes, {} new conflicts",
                    report.origin_name,
                    report.origin,
                    report.applied,
                    report.skipped,
                    report.waiting,
                    report.conflicts
                );
                if report.conflicts > 0 {
                    crate::outln!("see them with `goglobal sync conflicts`");
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
                    crate::outln!(
                        "{:>4}  {} {}  {}  mine {}  theirs {}  (from {} {}, {}){}",
                        c.id,
                        c.table,
                        c.sme_name.as_deref().unwrap_or(&c.row.to_string()),
                        c.field,
                        c.mine,
                        c.theirs,
                        if c.site_name.is_empty() {
                            &c.site
                        } else {
                            &c.site_name
                        },
                        c.who,
                        c.at,
                        match (&c.resolved_at, &c.kept) {
                            (Some(at), Some(k)) => format!("  resolved {at}: kept {k}"),
                            _ => String::new(),
                        }
                    );
                }
                crate::errln!("{} conflicts", list.len());
            }
        }
        SyncCommand::Resolve { id, keep } => {
            let mut store = open(ctx)?;
            let c = store.sync_resolve(*id, keep == "mine", &ctx.who())?;
            crate::outln!(
                "conflict {id} resolved: {} {} keeps {}",
                c.table,
                c.field,
                c.kept.map(|k| k.to_string()).unwrap_or_default()
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

/// `stats --by site`: one line of programme KPIs per site.
pub fn print_stats_by_site(sites: &[sync::SiteStats]) -> anyhow::Result<()> {
    crate::outln!(
        "{}  {:>6}  {:>8}  {:>8}  {:>9}  {:>10}  last change",
        crate::text::pad("site", 28),
        "SMEs",
        "assessed",
        "pipeline",
        "exporting",
        "open items"
    );
    for s in sites {
        let label = if s.name.is_empty() {
            s.site_id.clone()
        } else {
            format!("{} ({})", s.name, s.site_id.get(..8).unwrap_or(&s.site_id))
        };
        crate::outln!(
            "{}  {:>6}  {:>8}  {:>8}  {:>9}  {:>10}  {}",
            crate::text::pad(&label, 28),
            s.smes,
            s.assessed,
            s.in_pipeline,
            s.exporting,
            s.open_plan_items,
            s.last_change_at.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}
