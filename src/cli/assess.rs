//! `goglobal assess SME_ID --answers FILE.toml | --history`: score an SME's export readiness from
//! an answers file and keep it, or show every assessment so far.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use crate::cli::Ctx;
use crate::cli::strings_assess::{self as strings, AssessStrings};
use crate::domain::answers;
use crate::domain::readiness::{self, Persona, Questionnaire};
use crate::domain::{Reference, Sme};
use crate::error::bad_input;
use crate::lang::{Lang, Said, number};
use crate::say;
use crate::store::{self, AssessmentRecord};
use crate::text::{pad, truncate};

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The SME's id (see `goglobal smes list`)
    pub sme_id: i64,
    /// Answers file: an [answers] table of `ITEM_ID = 0..4` lines and an optional [notes] table
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "history",
        required_unless_present = "history"
    )]
    pub answers: Option<PathBuf>,
    /// Who made the assessment (default: the advisor name from config, else the OS user)
    #[arg(long, value_name = "NAME", conflicts_with = "history")]
    pub assessor: Option<String>,
    /// Show every assessment of the SME, oldest first
    #[arg(long)]
    pub history: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: &AssessArgs) -> anyhow::Result<i32> {
    match &args.answers {
        Some(file) if !args.history => assess(ctx, args, file),
        _ => history(ctx, args),
    }
}

fn assess(ctx: &Ctx, args: &AssessArgs, file: &std::path::Path) -> anyhow::Result<i32> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        bad_input(crate::cli::strings::said(|t| {
            say!(t.cannot_read, path = name, error = e)
        }))
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| bad_input(said(|t| say!(t.not_utf8, path = name))))?;
    let assessor = crate::text::nfc(args.assessor.clone().unwrap_or_else(|| ctx.who()).trim());
    if assessor.is_empty() {
        return Err(bad_input(said(|t| t.assessor_empty.to_string())));
    }
    let mut store = ctx.open()?;
    let sme = store.require_sme(store.sme_key(args.sme_id)?)?;
    let q = Questionnaire::builtin();
    let sheet = answers::parse(&text, &name, q).map_err(|problems| {
        for p in &problems {
            crate::errln!("{}", p.get(ctx.lang()));
        }
        bad_input(said(|t| say!(t.problems, path = name, n = problems.len())))
    })?;
    let result = readiness::score(q, &ctx.config.readiness, &sheet.answers);
    let id = store.save_assessment(sme.id, &sheet.answers, &sheet.notes, &assessor, &result)?;
    let record = store
        .assessment_history(sme.id)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| anyhow::anyhow!("assessment {id} was not stored"))?;
    let persona = Persona::from_experience(sme.export_experience);
    if args.json {
        let mut v = record_json(&record, persona);
        v["sme_id"] = store.sme_handle(sme.id)?.into();
        crate::outln!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let reference = store::load_reference(&store.conn)?;
        // People read the short handles of this site, not the global keys.
        let (sme, mut record) = (handled(&store, sme)?, record);
        record.id = store.row_handle("assessment", record.id)?;
        print_header(&sme, persona, ctx.lang())?;
        print_record(&record, &reference, &ctx.config.readiness, ctx.lang())?;
    }
    Ok(0)
}

fn history(ctx: &Ctx, args: &AssessArgs) -> anyhow::Result<i32> {
    let store = ctx.open()?;
    let sme = store.require_sme(store.sme_key(args.sme_id)?)?;
    let list = store.assessment_history(sme.id)?;
    let persona = Persona::from_experience(sme.export_experience);
    if args.json {
        let handle = store.sme_handle(sme.id)?;
        let out: Vec<Value> = list
            .iter()
            .map(|r| {
                let mut v = record_json(r, persona);
                v["sme_id"] = handle.into();
                v
            })
            .collect();
        crate::outln!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    let lang = ctx.lang();
    let t = strings::get(lang);
    let sme = handled(&store, sme)?;
    let mut list = list;
    for r in &mut list {
        r.id = store.row_handle("assessment", r.id)?;
    }
    print_header(&sme, persona, lang)?;
    if list.is_empty() {
        crate::outln!("{}", t.no_assessment);
        return Ok(0);
    }
    let q = Questionnaire::builtin();
    let [date, assessor, score, band, cover, gaps] = t.columns;
    let mut head = format!(
        "{} {} {} {}  {} {} ",
        pad("#", 5),
        pad(date, 10),
        pad(assessor, 20),
        pad_left(score, 6),
        pad(band, 18),
        pad_left(cover, 5)
    );
    for d in &q.domains {
        head.push_str(&format!(" {:>5}", d.code));
    }
    crate::outln!("{head}  {gaps}");
    for r in &list {
        let res = &r.result;
        let mut line = format!(
            "{} {} {} {:>6}{} {} {:>5} ",
            pad(&r.id.to_string(), 5),
            pad(r.date(), 10),
            pad(&truncate(&r.assessor, 20), 20),
            fmt_score(lang, res.overall),
            if res.capped_by_gate { "*" } else { " " },
            pad(band_code(res.band), 18),
            format!("{}%", number(lang, res.coverage * 100.0, 0))
        );
        for d in &q.domains {
            let s = res.domains.get(&d.code).and_then(|s| s.score);
            line.push_str(&format!(" {:>5}", fmt_score(lang, s)));
        }
        let gates = if res.failed_gates.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                say!(t.gates_not_met, list = res.failed_gates.join(", "))
            )
        };
        crate::outln!("{line}  {}{gates}", res.gaps.len());
    }
    if list.iter().any(|r| r.result.capped_by_gate) {
        crate::outln!("* {}", t.capped_note);
    }
    Ok(0)
}

/// The JSON of one assessment (DESIGN §6 fields first, then the details).
pub fn record_json(r: &AssessmentRecord, persona: Persona) -> Value {
    let res = &r.result;
    let domains: serde_json::Map<String, Value> = res
        .domains
        .iter()
        .map(|(code, d)| {
            (
                code.clone(),
                json!({"score": d.score, "weight": d.weight, "answered": d.answered, "items": d.items}),
            )
        })
        .collect();
    json!({
        "sme_id": r.sme_id,
        "overall": res.overall,
        "band": res.band.map(|b| b.code()),
        "capped_by_gate": res.capped_by_gate,
        "failed_gates": res.failed_gates,
        "coverage": res.coverage,
        "domains": domains,
        "gaps": res.gaps.iter().map(|g| json!({
            "item": g.item, "domain": g.domain, "answer": g.answer, "tag": g.tag, "gate": g.gate,
        })).collect::<Vec<_>>(),
        "id": r.id,
        "assessed_at": r.assessed_at,
        "assessor": r.assessor,
        "questionnaire_version": r.questionnaire_version,
        "persona": persona.code(),
        "answered_items": res.answered_items,
        "total_items": res.total_items,
        "answers": r.answers,
        "notes": r.notes,
    })
}

/// An `assess` message in both languages (errors are shown by `main` in the reader's).
fn said(render: impl Fn(&'static AssessStrings) -> String) -> Said {
    Said::render(render)
}

fn fmt_score(lang: Lang, s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |s| number(lang, s, 1))
}

/// `text` right-aligned in `width` columns (by display width).
fn pad_left(text: &str, width: usize) -> String {
    let w = crate::text::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

fn band_code(band: Option<readiness::Band>) -> &'static str {
    band.map_or("—", |b| b.code())
}

/// A 20-column bar for a 0–100 score.
fn bar(score: f64) -> String {
    let filled = ((score / 5.0).round() as usize).min(20);
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

/// The SME as people know it here: its short handle instead of its global key.
fn handled(store: &crate::store::Store, sme: Sme) -> anyhow::Result<Sme> {
    Ok(Sme {
        id: store.sme_handle(sme.id)?,
        ..sme
    })
}

fn print_header(sme: &Sme, persona: Persona, lang: Lang) -> anyhow::Result<()> {
    crate::outln!(
        "{} (#{}) · {}",
        sme.name,
        sme.id,
        persona.label(lang == Lang::Vi)
    );
    Ok(())
}

fn tag_name<'a>(reference: &'a Reference, tag: &'a str, vi: bool) -> &'a str {
    reference
        .service_tags
        .iter()
        .find(|s| s.tag == tag)
        .map_or(tag, |s| {
            if vi && !s.name_vi.is_empty() {
                &s.name_vi
            } else {
                &s.name
            }
        })
}

fn print_record(
    r: &AssessmentRecord,
    reference: &Reference,
    cfg: &crate::config::ReadinessConfig,
    lang: Lang,
) -> anyhow::Result<()> {
    let t = strings::get(lang);
    let vi = lang == Lang::Vi;
    let q = Questionnaire::builtin();
    let res = &r.result;
    crate::outln!(
        "{}",
        say!(
            t.assessment,
            id = r.id,
            date = r.date(),
            assessor = r.assessor,
            version = r.questionnaire_version
        )
    );
    // The band's code as well when the label differs, for scripts and for the other language.
    let band = match res.band {
        Some(b) if b.label(vi) != b.code() => format!("{} ({})", b.label(vi), b.code()),
        b => band_code(b).to_string(),
    };
    crate::outln!(
        "{}  {}/100  {band}",
        pad(t.overall, 11),
        fmt_score(lang, res.overall),
    );
    if !res.failed_gates.is_empty() {
        let capped = if res.capped_by_gate {
            say!(t.capped_at, cap = number(lang, cfg.gate_cap, 0))
        } else {
            String::new()
        };
        crate::outln!(
            "{}  {}{capped}",
            pad("", 11),
            say!(t.gate_items_not_met, list = res.failed_gates.join(", ")),
        );
    }
    crate::outln!(
        "{}  {}",
        pad(t.coverage, 11),
        say!(
            t.coverage_line,
            pct = format!("{} %", number(lang, res.coverage * 100.0, 0)),
            answered = res.answered_items,
            total = res.total_items
        )
    );
    crate::outln!();
    for d in &q.domains {
        let Some(s) = res.domains.get(&d.code) else {
            continue;
        };
        let name = pad(&truncate(d.name(vi), 34), 34);
        let weight = number(lang, s.weight, if s.weight.fract() == 0.0 { 0 } else { 1 });
        match s.score {
            Some(score) => crate::outln!(
                "{}  {name}  {}  {:>5}   {}",
                d.code,
                bar(score),
                number(lang, score, 1),
                say!(t.weight, weight = weight)
            ),
            None => crate::outln!(
                "{}  {name}  {}  {:>5}   {}",
                d.code,
                pad(t.not_answered, 20),
                "—",
                say!(t.left_out, weight = weight)
            ),
        }
    }
    crate::outln!();
    if res.gaps.is_empty() {
        crate::outln!("{}", t.no_gaps);
        return Ok(());
    }
    crate::outln!("{}", say!(t.gaps, n = res.gaps.len()));
    for g in &res.gaps {
        let Some(item) = q.item(&g.item) else {
            continue;
        };
        let gate = if g.gate { t.gate } else { "" };
        crate::outln!(
            "  {:<3} {}/4 {} {}  → {} ({})",
            g.item,
            g.answer,
            pad(gate, 8),
            pad(&truncate(item.label(g.answer, vi), 46), 46),
            tag_name(reference, &g.tag, vi),
            g.tag
        );
    }
    Ok(())
}
