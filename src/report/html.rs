//! The brief as one self-contained, printable HTML file: inline CSS (with `@media print`),
//! no script, no external asset; every text HTML-escaped.

use std::fmt::Write;

use super::strings::{Strings, strings};
use super::*;

const CSS: &str = "
:root { --ink: #1d2733; --muted: #5b6878; --line: #d5dbe3; --accent: #0b6e4f; --warn: #a33b20; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: var(--accent); }
.meta, .note, .src { color: var(--muted); font-size: .85rem; }
.sample { border: 1px solid var(--warn); color: var(--warn); padding: .4rem .6rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th { background: #f1f4f7; }
td.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.src { overflow-wrap: anywhere; }
figure.chart { margin: .8rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; max-width: 680px; height: auto; }
figure.chart figcaption { font-size: .9rem; font-weight: 600; margin-bottom: .3rem; }
ul { padding-left: 1.2rem; margin: .3rem 0; }
li { margin: .25rem 0; }
.todo { color: var(--warn); font-weight: 600; }
.met { color: var(--accent); font-weight: 600; }
.how { color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; }
  table, li { break-inside: avoid; }
  th { background: none; }
  figure.chart svg { max-width: 100%; print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
";

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Cell classes: "" (wrapping text), "num" (right-aligned figure) or "nowrap" (dates, years).
fn row(o: &mut String, cells: &[(&str, &str)]) {
    o.push_str("<tr>");
    for (text, class) in cells {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let _ = write!(o, "<td{class}>{}</td>", esc(text));
    }
    o.push_str("</tr>\n");
}

/// A picture under its caption, kept on one page; nothing when the picture is empty.
fn figure(o: &mut String, caption: &str, svg: &str) {
    if !svg.is_empty() {
        let _ = write!(
            o,
            "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n{svg}</figure>\n",
            esc(caption)
        );
    }
}

fn head(o: &mut String, cells: &[&str]) {
    o.push_str("<table>\n<tr>");
    for c in cells {
        let _ = write!(o, "<th>{}</th>", esc(c));
    }
    o.push_str("</tr>\n");
}

pub fn render(b: &Brief) -> String {
    let s = strings(b.lang);
    let c = svg::strings(b.lang);
    let lang = b.lang;
    let mut o = String::new();
    let title = format!("{}: {}", s.title, b.sme_name);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        esc(&title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} {} {} {} · {} {}</p>",
        esc(s.prepared),
        esc(&b.date),
        esc(s.by),
        esc(&b.advisor),
        esc(s.reference_data),
        esc(&b.reference_version)
    );
    if b.sample {
        let _ = writeln!(o, "<p class=\"sample\">{}</p>", esc(s.sample_notice));
    }
    let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(s.figures_note));

    let _ = writeln!(o, "<section>\n<h2>{}</h2>\n<table>", esc(s.profile));
    for (k, v) in &b.profile {
        let _ = writeln!(o, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    }
    o.push_str("</table>\n</section>\n");

    let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(s.readiness));
    match &b.readiness {
        None => {
            let _ = writeln!(o, "<p>{}</p>", esc(s.no_assessment));
        }
        Some(r) => {
            let (overall, capped) = r.headline(lang);
            let _ = writeln!(
                o,
                "<p>{}: <strong>{}/100</strong>, {}: {}{} <span class=\"src\">({} {} {} {}; {} % {})</span></p>",
                esc(s.overall),
                esc(&overall),
                esc(&s.band.to_lowercase()),
                esc(&r.band),
                esc(&capped),
                esc(s.assessed),
                esc(&r.date),
                esc(s.by),
                esc(&r.assessor),
                esc(&number(lang, r.coverage * 100.0, 0)),
                esc(s.coverage)
            );
            figure(&mut o, c.readiness_title, &svg::readiness::render(lang, r));
        }
    }
    o.push_str("</section>\n");

    let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(s.top_markets));
    if b.ranking.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_ranking));
    } else {
        head(&mut o, &[s.rank, s.market, s.product, s.score, s.why]);
        for m in &b.ranking {
            let why = m.why(s);
            row(
                &mut o,
                &[
                    (&m.rank.to_string(), "num"),
                    (&format!("{} ({})", m.name, m.iso3), ""),
                    (&m.hs, "nowrap"),
                    (&number(lang, m.score, 1), "num"),
                    (&why, ""),
                ],
            );
        }
        let _ = writeln!(
            o,
            "</table>\n<p class=\"src\">{}: {}, {} {}, {}; {}: {}.</p>",
            esc(s.source),
            esc(s.match_source),
            esc(s.reference_data),
            esc(&b.reference_version),
            esc(&b.date),
            esc(s.reason_sources),
            esc(&b.ranking_sources.join("; "))
        );
        figure(
            &mut o,
            c.scores_title,
            &svg::scores::render(lang, &b.ranking),
        );
    }
    figure(&mut o, c.map_title, &svg::map::render(lang, &b.map));
    o.push_str("</section>\n");

    let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(s.market_brief));
    match &b.market {
        None => {
            let _ = writeln!(o, "<p>{}</p>", esc(s.no_market));
        }
        Some(m) => market(&mut o, s, m),
    }
    o.push_str("</section>\n");

    if !b.pipeline.is_empty() {
        let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(s.pipeline));
        head(&mut o, &[s.market, s.product, s.stage, s.score]);
        for p in &b.pipeline {
            let stage = p.stage_text();
            let score = number_or_dash(lang, p.score, 1);
            row(
                &mut o,
                &[
                    (&p.market, ""),
                    (&p.hs, "nowrap"),
                    (&stage, ""),
                    (&score, "num"),
                ],
            );
        }
        o.push_str("</table>\n</section>\n");
    }

    let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(s.plan));
    if b.plan.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_plan));
    } else {
        head(
            &mut o,
            &[s.due, s.market, s.action, s.provider, s.owner, s.status],
        );
        for p in &b.plan {
            let due = p.due_text();
            row(
                &mut o,
                &[
                    (due, "nowrap"),
                    (&p.market, ""),
                    (&p.action, ""),
                    (&p.provider, ""),
                    (&p.owner, ""),
                    (&p.status, ""),
                ],
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    let _ = writeln!(
        o,
        "<section>\n<h2>{}</h2>\n<ul class=\"src\">",
        esc(s.sources)
    );
    for a in s.attribution {
        let _ = writeln!(o, "<li>{}</li>", esc(a));
    }
    o.push_str("</ul>\n</section>\n</main>\n</body>\n</html>\n");
    o
}

fn market(o: &mut String, s: &Strings, m: &MarketBrief) {
    let heading = format!("{} ({}) — HS {} {}", m.name, m.iso3, m.hs, m.hs_description);
    let _ = writeln!(o, "<h3>{}</h3>", esc(heading.trim_end()));
    let _ = writeln!(o, "<h4>{}</h4>", esc(s.indicators));
    head(o, &[s.indicator, s.value, s.year, s.source]);
    for f in &m.figures {
        let value = f.value_text(s);
        let year = f.year.map(|y| y.to_string()).unwrap_or_default();
        row(
            o,
            &[
                (&f.label, ""),
                (&value, "num"),
                (&year, "nowrap"),
                (&f.source, ""),
            ],
        );
    }
    o.push_str("</table>\n");

    let _ = writeln!(o, "<h4>{}</h4>", esc(s.fta));
    if m.ftas.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_fta));
    } else {
        head(o, &[s.agreement, s.status, s.since, s.origin_form]);
        for f in &m.ftas {
            let year = f.year.map(|y| y.to_string()).unwrap_or_default();
            row(
                o,
                &[
                    (&format!("{} — {}", f.code, f.name), ""),
                    (&f.status, ""),
                    (&year, "nowrap"),
                    (&f.co_form, ""),
                ],
            );
        }
        o.push_str("</table>\n");
        if let Some(f) = m.ftas.first() {
            let _ = writeln!(
                o,
                "<p class=\"src\">{}: {}.</p>",
                esc(s.source),
                esc(&f.source)
            );
        }
    }

    let _ = writeln!(o, "<h4>{}</h4>", esc(s.requirements));
    if m.requirements.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_requirements));
    } else {
        o.push_str("<ul>\n");
        for q in &m.requirements {
            let (class, state) = if q.met {
                ("met", s.met)
            } else {
                ("todo", s.to_do)
            };
            let _ = write!(
                o,
                "<li><span class=\"{class}\">[{}]</span> <strong>{}</strong> — {} \
                 <span class=\"src\">{}</span>",
                esc(state),
                esc(&q.title),
                esc(&q.severity),
                esc(&provenance(s, q.year, &q.source, false))
            );
            if !q.met && !q.how_to.is_empty() {
                let _ = write!(
                    o,
                    "<br><span class=\"how\">{}: {}</span>",
                    esc(s.how_to),
                    esc(&q.how_to)
                );
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }

    let _ = writeln!(o, "<h4>{}</h4>", esc(s.remedies));
    if m.remedies.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_remedies));
    } else {
        o.push_str("<ul>\n");
        for x in &m.remedies {
            let case = if x.case_ref.is_empty() {
                String::new()
            } else {
                format!(" {}", x.case_ref)
            };
            let _ = write!(
                o,
                "<li><strong>{}{}</strong>: {} — {} <span class=\"src\">{}</span>",
                esc(&x.measure),
                esc(&case),
                esc(&x.product),
                esc(&x.status),
                esc(&provenance(s, x.year, &x.source, false))
            );
            if !x.detail.is_empty() {
                let _ = write!(o, "<br><span class=\"how\">{}</span>", esc(&x.detail));
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }

    let _ = writeln!(o, "<h4>{}</h4>", esc(s.services));
    if m.services.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(s.no_services));
    } else {
        o.push_str("<ul>\n");
        for p in &m.services {
            let _ = write!(
                o,
                "<li><strong>{}</strong> ({}), {} {}",
                esc(&p.name),
                esc(&p.category),
                esc(s.for_gap),
                esc(&p.gaps.join(", "))
            );
            if !p.contact.is_empty() {
                let _ = write!(o, " — {}", esc(&p.contact));
            }
            if p.sample {
                let _ = write!(o, " — <em>{}</em>", esc(s.sample_provider));
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
}
