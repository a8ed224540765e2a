//! The brief as Markdown (GitHub-flavoured tables).

use std::fmt::Write;

use super::strings::{Strings, strings};
use super::*;

/// Text safe inside a table cell: no pipe, no line break.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A ten-step bar for a 0–100 score.
pub fn bar(score: f64) -> String {
    let filled = (score.clamp(0.0, 100.0) / 10.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

pub fn render(b: &Brief) -> String {
    let s = strings(b.lang);
    let lang = b.lang;
    let mut o = String::new();
    let _ = writeln!(o, "# {}: {}\n", s.title, b.sme_name);
    let _ = writeln!(
        o,
        "{} {} {} {} · {} {}\n",
        s.prepared, b.date, s.by, b.advisor, s.reference_data, b.reference_version
    );
    if b.sample {
        let _ = writeln!(o, "> {}\n", s.sample_notice);
    }
    let _ = writeln!(o, "_{}_\n", s.figures_note);

    let _ = writeln!(o, "## {}\n", s.profile);
    let _ = writeln!(o, "| | |\n|---|---|");
    for (k, v) in &b.profile {
        let _ = writeln!(o, "| {} | {} |", cell(k), cell(v));
    }
    o.push('\n');

    let _ = writeln!(o, "## {}\n", s.readiness);
    match &b.readiness {
        None => {
            let _ = writeln!(o, "{}\n", s.no_assessment);
        }
        Some(r) => {
            let (overall, capped) = r.headline(lang);
            let _ = writeln!(
                o,
                "{}: **{overall}/100**, {}: {}{capped} ({} {} {} {}; {} % {})\n",
                s.overall,
                s.band.to_lowercase(),
                r.band,
                s.assessed,
                r.date,
                s.by,
                r.assessor,
                number(lang, r.coverage * 100.0, 0),
                s.coverage
            );
            let _ = writeln!(o, "| {} | {} | |\n|---|---:|---|", s.domain, s.score);
            for d in &r.domains {
                let (score, bar_text) = match d.score {
                    Some(v) => (number(lang, v, 0), format!("`{}`", bar(v))),
                    None => ("—".into(), String::new()),
                };
                let _ = writeln!(o, "| {} | {score} | {bar_text} |", cell(&d.name));
            }
            let bands: Vec<String> = r
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let to = r.bands.get(i + 1).map(|next| next.from).unwrap_or(100.0);
                    let (from, to) = (number(lang, b.from, 0), number(lang, to, 0));
                    format!("{from}–{to} {}", b.name)
                })
                .collect();
            if !bands.is_empty() {
                let label = super::svg::strings(lang).bands;
                let _ = writeln!(o, "\n{label}: {}.", bands.join(" · "));
            }
            o.push('\n');
        }
    }

    let _ = writeln!(o, "## {}\n", s.top_markets);
    if b.ranking.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_ranking);
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |\n|---:|---|---|---:|---|",
            s.rank, s.market, s.product, s.score, s.why
        );
        for m in &b.ranking {
            let why = m.why(s);
            let _ = writeln!(
                o,
                "| {} | {} ({}) | {} | {} `{}` | {} |",
                m.rank,
                cell(&m.name),
                m.iso3,
                m.hs,
                number(lang, m.score, 1),
                bar(m.score),
                cell(&why)
            );
        }
        let _ = writeln!(
            o,
            "\n{}: {}, {} {}, {}; {}: {}.\n",
            s.source,
            s.match_source,
            s.reference_data,
            b.reference_version,
            b.date,
            s.reason_sources,
            b.ranking_sources.join("; ")
        );
    }

    let _ = writeln!(o, "## {}\n", s.market_brief);
    match &b.market {
        None => {
            let _ = writeln!(o, "{}\n", s.no_market);
        }
        Some(m) => market(&mut o, s, m),
    }

    if !b.pipeline.is_empty() {
        let _ = writeln!(o, "## {}\n", s.pipeline);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |\n|---|---|---|---:|",
            s.market, s.product, s.stage, s.score
        );
        for p in &b.pipeline {
            let stage = p.stage_text();
            let score = number_or_dash(lang, p.score, 1);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {score} |",
                cell(&p.market),
                p.hs,
                cell(&stage)
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## {}\n", s.plan);
    if b.plan.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_plan);
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            s.due, s.market, s.action, s.provider, s.owner, s.status
        );
        for p in &b.plan {
            let due = p.due_text();
            let _ = writeln!(
                o,
                "| {due} | {} | {} | {} | {} | {} |",
                cell(&p.market),
                cell(&p.action),
                cell(&p.provider),
                cell(&p.owner),
                cell(&p.status)
            );
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## {}\n", s.sources);
    for a in s.attribution {
        let _ = writeln!(o, "- {a}");
    }
    o
}

fn market(o: &mut String, s: &Strings, m: &MarketBrief) {
    let heading = format!("{} ({}) — HS {} {}", m.name, m.iso3, m.hs, m.hs_description);
    let _ = writeln!(o, "### {}\n", heading.trim_end());
    let _ = writeln!(o, "#### {}\n", s.indicators);
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---:|---|---|",
        s.indicator, s.value, s.year, s.source
    );
    for f in &m.figures {
        let value = f.value_text(s);
        let year = f.year.map(|y| y.to_string()).unwrap_or_default();
        let _ = writeln!(
            o,
            "| {} | {} | {year} | {} |",
            cell(&f.label),
            cell(&value),
            cell(&f.source)
        );
    }
    o.push('\n');

    let _ = writeln!(o, "#### {}\n", s.fta);
    if m.ftas.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_fta);
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            s.agreement, s.status, s.since, s.origin_form
        );
        for f in &m.ftas {
            let year = f.year.map(|y| y.to_string()).unwrap_or_default();
            let _ = writeln!(
                o,
                "| {} — {} | {} | {year} | {} |",
                f.code,
                cell(&f.name),
                cell(&f.status),
                cell(&f.co_form)
            );
        }
        if let Some(f) = m.ftas.first() {
            let _ = writeln!(o, "\n{}: {}.", s.source, f.source);
        }
        o.push('\n');
    }

    let _ = writeln!(o, "#### {}\n", s.requirements);
    if m.requirements.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_requirements);
    } else {
        for q in &m.requirements {
            let state = if q.met { s.met } else { s.to_do };
            let _ = writeln!(
                o,
                "- **[{state}] {}** — {} {}",
                q.title,
                q.severity,
                provenance(s, q.year, &q.source, false)
            );
            if !q.met && !q.how_to.is_empty() {
                let _ = writeln!(o, "  - {}: {}", s.how_to, q.how_to);
            }
        }
        o.push('\n');
    }

    let _ = writeln!(o, "#### {}\n", s.remedies);
    if m.remedies.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_remedies);
    } else {
        for x in &m.remedies {
            let case = if x.case_ref.is_empty() {
                String::new()
            } else {
                format!(" {}", x.case_ref)
            };
            let _ = writeln!(
                o,
                "- **{}{case}**: {} — {} {}",
                x.measure,
                x.product,
                x.status,
                provenance(s, x.year, &x.source, false)
            );
            if !x.detail.is_empty() {
                let _ = writeln!(o, "  - {}", x.detail);
            }
        }
        o.push('\n');
    }

    let _ = writeln!(o, "#### {}\n", s.services);
    if m.services.is_empty() {
        let _ = writeln!(o, "{}\n", s.no_services);
    } else {
        for p in &m.services {
            let sample = if p.sample {
                format!(" — _{}_", s.sample_provider)
            } else {
                String::new()
            };
            let contact = if p.contact.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.contact)
            };
            let _ = writeln!(
                o,
                "- **{}** ({}), {} {}{contact}{sample}",
                p.name,
                p.category,
                s.for_gap,
                p.gaps.join(", ")
            );
        }
        o.push('\n');
    }
}
