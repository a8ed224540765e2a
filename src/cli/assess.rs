//! `goglobal assess SME_ID --answers FILE.toml | --history`: score an SME's export readiness from
//! an answers file and keep it, or show every assessment so far.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use crate::cli::Ctx;
use crate::domain::answers;
use crate::domain::readiness::{self, Persona, Questionnaire};
use crate::domain::{Reference, Sme};
use crate::error::bad_input;
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
    let bytes = std::fs::read(file).map_err(|e| bad_input(format!("{name}: cannot read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| bad_input(format!("{name}:1: not UTF-8 text (save the file as UTF-8)")))?;
    let assessor = crate::text::nfc(args.assessor.clone().unwrap_or_else(|| ctx.who()).trim());
    if assessor.is_empty() {
        return Err(bad_input(
            "--assessor is empty (give the advisor's name, e.g. --assessor \"Nguyễn Thu Hằng\")",
        ));
    }
    let mut store = ctx.open()?;
    let sme = store.require_sme(store.sme_key(args.sme_id)?)?;
    let q = Questionnaire::builtin();
    let sheet = answers::parse(&text, &name, q).map_err(|problems| {
        for p in &problems {
            crate::errln!("{}", p.get(ctx.lang()));
        }
        bad_input(format!(
            "{name}: {} problem(s); nothing was stored",
            problems.len()
        ))
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
        let vi = ctx.config.ui.language == "vi";
        // People read the short handles of this site, not the global keys.
        let (sme, mut record) = (handled(&store, sme)?, record);
        record.id = store.row_handle("assessment", record.id)?;
        print_header(&sme, persona, vi)?;
        print_record(&record, &reference, &ctx.config.readiness, vi)?;
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
    let vi = ctx.config.ui.language == "vi";
    let sme = handled(&store, sme)?;
    let mut list = list;
    for r in &mut list {
        r.id = store.row_handle("assessment", r.id)?;
    }
    print_header(&sme, persona, vi)?;
    if list.is_empty() {
        crate::outln!(
            "{}",
            t(
                vi,
                "No assessment yet (goglobal assess ID --answers FILE.toml).",
                "Chưa có đánh giá nào (goglobal assess ID --answers FILE.toml)."
            )
        );
        return Ok(0);
    }
    let q = Questionnaire::builtin();
    let mut head = format!(
        "{} {} {} {:>6}  {} {:>5} ",
        pad("#", 5),
        pad(t(vi, "date", "ngày"), 10),
        pad(t(vi, "assessor", "người đánh giá"), 20),
        t(vi, "score", "điểm"),
        pad(t(vi, "band", "mức"), 18),
        t(vi, "cover", "phủ")
    );
    for d in &q.domains {
        head.push_str(&format!(" {:>5}", d.code));
    }
    crate::outln!("{head}  {}", t(vi, "gaps", "khoảng trống"));
    for r in &list {
        let res = &r.result;
        let mut line = format!(
            "{} {} {} {:>6}{} {} {:>4.0}% ",
            pad(&r.id.to_string(), 5),
            pad(r.date(), 10),
            pad(&truncate(&r.assessor, 20), 20),
            fmt_score(res.overall),
            if res.capped_by_gate { "*" } else { " " },
            pad(band_code(res.band), 18),
            res.coverage * 100.0
        );
        for d in &q.domains {
            let s = res.domains.get(&d.code).and_then(|s| s.score);
            line.push_str(&format!(" {:>5}", fmt_score(s)));
        }
        let gates = if res.failed_gates.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {})",
                t(vi, "gates not met:", "chưa đạt:"),
                res.failed_gates.join(", ")
            )
        };
        crate::outln!("{line}  {}{gates}", res.gaps.len());
    }
    if list.iter().any(|r| r.result.capped_by_gate) {
        crate::outln!(
            "* {}",
            t(
                vi,
                "capped by a failed gate item",
                "bị giới hạn do chưa đạt điều kiện bắt buộc"
            )
        );
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

fn t<'a>(vi: bool, en: &'a str, vi_text: &'a str) -> &'a str {
    if vi { vi_text } else { en }
}

fn fmt_score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |s| format!("{s:.1}"))
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

fn print_header(sme: &Sme, persona: Persona, vi: bool) -> anyhow::Result<()> {
    crate::outln!("{} (#{}) · {}", sme.name, sme.id, persona.label(vi));
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
    vi: bool,
) -> anyhow::Result<()> {
    let q = Questionnaire::builtin();
    let res = &r.result;
    crate::outln!(
        "{} #{} · {} · {} · {} {}",
        t(vi, "Assessment", "Đánh giá"),
        r.id,
        r.date(),
        r.assessor,
        t(vi, "questionnaire", "bộ câu hỏi"),
        r.questionnaire_version
    );
    // The band's code as well when the label differs, for scripts and for the other language.
    let band = match res.band {
        Some(b) if b.label(vi) != b.code() => format!("{} ({})", b.label(vi), b.code()),
        b => band_code(b).to_string(),
    };
    crate::outln!(
        "{}  {}/100  {band}",
        pad(t(vi, "Overall", "Tổng điểm"), 11),
        fmt_score(res.overall),
    );
    if !res.failed_gates.is_empty() {
        let capped = if res.capped_by_gate {
            format!(
                " — {} {}",
                t(vi, "overall capped at", "tổng điểm bị giới hạn ở"),
                cfg.gate_cap
            )
        } else {
            String::new()
        };
        crate::outln!(
            "{}  {} {}{capped}",
            pad("", 11),
            t(vi, "gate items not met:", "điều kiện bắt buộc chưa đạt:"),
            res.failed_gates.join(", "),
        );
    }
    crate::outln!(
        "{}  {:.0} % {} ({}/{} {})",
        pad(t(vi, "Coverage", "Độ bao phủ"), 11),
        res.coverage * 100.0,
        t(vi, "of the weight", "trọng số"),
        res.answered_items,
        res.total_items,
        t(vi, "items answered", "câu đã trả lời")
    );
    crate::outln!();
    for d in &q.domains {
        let Some(s) = res.domains.get(&d.code) else {
            continue;
        };
        let name = pad(&truncate(d.name(vi), 34), 34);
        match s.score {
            Some(score) => crate::outln!(
                "{}  {name}  {}  {:>5.1}   ({} {})",
                d.code,
                bar(score),
                score,
                t(vi, "weight", "trọng số"),
                s.weight
            ),
            None => crate::outln!(
                "{}  {name}  {}  {:>5}   ({} {})",
                d.code,
                pad(t(vi, "not answered", "chưa trả lời"), 20),
                "—",
                t(vi, "left out, weight", "không tính, trọng số"),
                s.weight
            ),
        }
    }
    crate::outln!();
    if res.gaps.is_empty() {
        crate::outln!(
            "{}",
            t(
                vi,
                "No gaps: every answered item is at 3 or 4.",
                "Không có khoảng trống: mọi câu đã trả lời đều đạt 3 hoặc 4."
            )
        );
        return Ok(());
    }
    crate::outln!(
        "{} ({}):",
        t(vi, "Gaps, weakest first", "Khoảng trống, yếu nhất trước"),
        res.gaps.len()
    );
    for g in &res.gaps {
        let Some(item) = q.item(&g.item) else {
            continue;
        };
        let gate = if g.gate {
            t(vi, "gate", "bắt buộc")
        } else {
            ""
        };
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
