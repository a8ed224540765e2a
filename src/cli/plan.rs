//! `goglobal plan …`: the pipeline, plan and decision log of one SME from the command line.
//! The store validates markets, providers and dates inside its transaction; here the arguments
//! are parsed and the output printed.

use clap::Subcommand;
use serde_json::{Value, json};

use crate::cli::Ctx;
use crate::cli::strings::{self, said};
use crate::domain::{Reference, Stage};
use crate::error::{PathError, bad_input};
use crate::report;
use crate::say;
use crate::store::sample_texts;
use crate::store::{self, NewPlanItem, Store};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The SME's pipeline (markets and stages), plan and decision log
    Show {
        sme_id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Move a market of the SME's pipeline to STAGE (created if not in the pipeline yet)
    SetStage {
        sme_id: i64,
        iso3: String,
        /// candidate, shortlisted, engaged, first_shipment, established or dropped
        stage: String,
        /// Why (required for dropped)
        #[arg(long)]
        reason: Option<String>,
        /// Only this product's entry (HS code); default every product in that market
        #[arg(long, value_name = "HS")]
        product: Option<String>,
    },
    /// Add an action to the SME's plan for a market
    Add {
        sme_id: i64,
        iso3: String,
        /// What is to be done
        #[arg(long)]
        action: String,
        /// Service provider id that helps with it
        #[arg(long, value_name = "ID")]
        service: Option<String>,
        /// Due date, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        /// The gap the action closes (requirement or certification code, or text)
        #[arg(long)]
        gap: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: &PlanCommand) -> anyhow::Result<i32> {
    match cmd {
        PlanCommand::Show { sme_id, json } => show(ctx, *sme_id, *json),
        PlanCommand::SetStage {
            sme_id,
            iso3,
            stage,
            reason,
            product,
        } => set_stage(
            ctx,
            *sme_id,
            iso3,
            stage,
            reason.as_deref(),
            product.as_deref(),
        ),
        PlanCommand::Add {
            sme_id,
            iso3,
            action,
            service,
            due,
            gap,
        } => {
            let mut store = ctx.open()?;
            let handle = *sme_id;
            let sme_id = &store.sme_key(handle)?;
            store.require_sme(*sme_id)?;
            let item = NewPlanItem {
                iso3: iso3.clone(),
                gap: gap.clone().unwrap_or_default(),
                action: action.clone(),
                provider_id: service.clone(),
                owner: ctx.who(),
                due: due.clone(),
                notes: String::new(),
            };
            let key = store.add_plan_item(*sme_id, &item, &ctx.who())?;
            let id = store.row_handle("plan_item", key)?;
            let t = strings::get(ctx.lang());
            let market = iso3.to_ascii_uppercase();
            crate::outln!(
                "{}",
                say!(t.plan_added, sme = handle, id = id, market = market)
            );
            Ok(0)
        }
    }
}

/// Parse a stage name, or say which names exist.
pub fn parse_stage(s: &str) -> anyhow::Result<Stage> {
    Stage::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Stage::ALL.iter().map(|s| s.code()).collect();
        bad_input(said(|t| {
            say!(
                t.unknown_stage,
                stage = format!("{s:?}"),
                stages = names.join(", ")
            )
        }))
    })
}

fn set_stage(
    ctx: &Ctx,
    sme_id: i64,
    iso3: &str,
    stage: &str,
    reason: Option<&str>,
    product: Option<&str>,
) -> anyhow::Result<i32> {
    let mut store = ctx.open()?;
    let sme_id = store.sme_key(sme_id)?;
    let sme = store.require_sme(sme_id)?;
    let stage = parse_stage(stage)?;
    if let Some(hs) = product {
        if !sme.products.iter().any(|p| p.hs == hs) {
            let own: Vec<&str> = sme.products.iter().map(|p| p.hs.as_str()).collect();
            return Err(bad_input(said(|t| {
                say!(
                    t.no_such_product,
                    sme = sme_id,
                    hs = format!("{hs:?}"),
                    products = own.join(", ")
                )
            })));
        }
    }
    let changes = store.set_stage(
        sme_id,
        iso3,
        product,
        stage,
        reason.unwrap_or(""),
        &ctx.who(),
    )?;
    let (t, log) = (strings::get(ctx.lang()), store::strings::get(ctx.lang()));
    if changes.is_empty() {
        let market = iso3.to_ascii_uppercase();
        let stage = log.stage(stage.code());
        crate::outln!(
            "{}",
            say!(
                t.stage_unchanged,
                sme = sme_id,
                market = market,
                stage = stage
            )
        );
    }
    for c in &changes {
        let from = log.stage(c.before.map_or("new", |s| s.code()));
        let to = log.stage(c.entry.stage.code());
        crate::outln!(
            "{}",
            say!(
                t.stage_changed,
                sme = sme_id,
                market = c.entry.iso3,
                hs = c.entry.hs,
                from = from,
                to = to
            )
        );
    }
    Ok(0)
}

/// The JSON of `plan show` (field names are part of the command-line contract).
pub fn plan_json(store: &Store, r: &Reference, sme_id: i64) -> anyhow::Result<Value> {
    let sme = store.require_sme(sme_id)?;
    let shortlist: Vec<Value> = store
        .shortlist_for(sme_id)?
        .iter()
        .map(|e| {
            json!({
                "iso3": e.iso3,
                "market_name": r.market(&e.iso3).map(|m| m.name.as_str()),
                "hs": e.hs,
                "stage": e.stage.code(),
                "reason": e.reason,
                "score": e.score,
                "reference_version": e.reference_version,
                "updated_at": e.updated_at,
            })
        })
        .collect();
    let plan: Vec<Value> = store
        .plan_for(sme_id)?
        .iter()
        .map(|p| {
            let provider = p.provider_id.as_deref().map(|id| match r.provider(id) {
                Some(pr) => json!({"id": pr.id, "name": pr.name, "category": pr.category}),
                // A provider removed by a reference refresh: keep the id, say nothing else.
                None => json!({"id": id, "name": null, "category": null}),
            });
            json!({
                "id": p.id,
                "iso3": p.iso3,
                "gap": p.gap,
                "action": p.action,
                "provider": provider,
                "owner": p.owner,
                "due": p.due,
                "status": p.status.code(),
            })
        })
        .collect();
    let decisions: Vec<Value> = store
        .decisions_for(sme_id)?
        .iter()
        // `what` and `why` stay English sentences for scripts; `fact` carries the facts.
        .map(|d| {
            let en = &crate::store::strings::EN;
            json!({"at": d.at, "who": d.who, "what": en.decision(&d.fact), "why": en.why(d),
                   "fact": d.fact})
        })
        .collect();
    Ok(json!({
        "sme": {"id": sme.id, "name": sme.name},
        "shortlist": shortlist,
        "plan": plan,
        "decisions": decisions,
    }))
}

fn show(ctx: &Ctx, sme_id: i64, as_json: bool) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    let r = store::load_reference(&store.conn)?;
    let v = plan_json(&store, &r, store.sme_key(sme_id)?)?;
    if as_json {
        crate::outln!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(0);
    }
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let lang = ctx.lang();
    let (t, log) = (strings::get(lang), store::strings::get(lang));
    let vi = lang == crate::lang::Lang::Vi;
    crate::outln!(
        "{} {} {}",
        log.entity_sme,
        store.sme_handle(v["sme"]["id"].as_i64().unwrap_or_default())?,
        s(&v["sme"]["name"])
    );
    let shortlist = v["shortlist"].as_array().cloned().unwrap_or_default();
    crate::outln!("\n{}", say!(t.show_pipeline, n = shortlist.len()));
    for e in &shortlist {
        let score = e["score"]
            .as_f64()
            .map(|x| say!(t.score, score = crate::lang::number(lang, x, 1)))
            .unwrap_or_default();
        let name = r
            .market(e["iso3"].as_str().unwrap_or(""))
            .map_or(s(&e["market_name"]), |m| m.display_name(vi).to_string());
        let reason = Some(s(&e["reason"]))
            .filter(|r| !r.is_empty())
            .map(|r| format!(" — {}", sample_texts::demo_text(lang, &r)))
            .unwrap_or_default();
        crate::outln!(
            "  {} {} HS {:<6} {} {}{reason}",
            s(&e["iso3"]),
            crate::text::pad(&name, 24),
            s(&e["hs"]),
            crate::text::pad(log.stage(&s(&e["stage"])), 16),
            score
        );
    }
    let plan = v["plan"].as_array().cloned().unwrap_or_default();
    crate::outln!("\n{}", say!(t.show_plan, n = plan.len()));
    for p in &plan {
        let provider = p["provider"]["name"]
            .as_str()
            .or(p["provider"]["id"].as_str())
            .map(|n| format!(" · {n}"))
            .unwrap_or_default();
        crate::outln!(
            "  #{:<4} {} {} {} {}{provider} · {}",
            store.row_handle("plan_item", p["id"].as_i64().unwrap_or_default())?,
            s(&p["iso3"]),
            crate::text::pad(log.status(&s(&p["status"])), 11),
            crate::text::pad(p["due"].as_str().unwrap_or("—"), 10),
            sample_texts::demo_text(lang, &s(&p["action"])),
            s(&p["owner"])
        );
    }
    // The decision log read again: its facts, in the reader's language.
    let decisions = store.decisions_for(sme_id)?;
    crate::outln!("\n{}", say!(t.show_decisions, n = decisions.len()));
    for d in &decisions {
        let why = Some(log.why(d))
            .filter(|w| !w.is_empty())
            .map(|w| format!(" — {w}"))
            .unwrap_or_default();
        // Stored in UTC; read in the advisor's time zone.
        crate::outln!(
            "  {} {}: {}{why}",
            crate::clock::local_stamp(&d.at),
            d.who,
            log.decision(&d.fact)
        );
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    pub sme_id: i64,
    /// Market to detail (ISO3); default the top-ranked, else the first shortlisted
    #[arg(long, value_name = "ISO3")]
    pub market: Option<String>,
    /// md or html
    #[arg(long, default_value = "md")]
    pub format: String,
    /// Write to FILE instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

pub fn report(ctx: &Ctx, args: &ReportArgs) -> anyhow::Result<i32> {
    let format = report::Format::parse(&args.format).ok_or_else(|| {
        bad_input(said(|t| {
            say!(t.unknown_format, format = format!("{:?}", args.format))
        }))
    })?;
    let store = ctx.open()?;
    let mut r = store::load_reference(&store.conn)?;
    // The brief ranks the SME's products: read their BACI trade (an unknown SME is reported
    // by build_brief itself).
    if let Some(sme) = store.sme(args.sme_id)? {
        store::load_trade(
            &store.conn,
            &mut r,
            sme.products.iter().map(|p| p.hs.as_str()),
        )?;
    }
    let lang = report::Lang::parse(&ctx.config.ui.language);
    let brief = report::build_brief(
        &store,
        &r,
        &ctx.config,
        store.sme_key(args.sme_id)?,
        args.market.as_deref(),
        lang,
        &ctx.who(),
    )?;
    let text = report::render(&brief, format);
    match &args.output {
        Some(path) => {
            // The reason in the reader's words (not the system's English).
            std::fs::write(path, text).map_err(|e| PathError::io(path, "cannot write", &e))?;
            let t = strings::get(ctx.lang());
            crate::errln!("{}", say!(t.brief_written, path = path.display()));
        }
        None => crate::out!("{text}"),
    }
    Ok(0)
}
