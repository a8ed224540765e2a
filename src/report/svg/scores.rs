//! The top markets' scores as horizontal stacked bars: one segment per component (its weighted
//! contribution in points), then the adjustments, a mark at the final score and a legend.

use std::fmt::Write;

use super::{WIDTH, close, n, open, strings, text};
use crate::report::{Lang, RankedMarket, ScoreAdjustment, number};

/// Bar length of 100 points.
const SCALE: f64 = 5.6;
const LEFT: f64 = 4.0;
const TOP: f64 = 22.0;
const ROW: f64 = 44.0;
const BAR: f64 = 18.0;
/// Segments narrower than this carry no number.
const LABEL_MIN: f64 = 24.0;

/// One fill per component, told apart by pattern in black-and-white print: (solid colour) or
/// (ink, paper, pattern). Order as `COMPONENTS`.
const FILLS: [Fill; 8] = [
    Fill::Solid("#1f4e79"),
    Fill::Solid("#9dc3e6"),
    Fill::Pattern("#2e7d32", "#e8f5e9", Pattern::Stripes(45)),
    Fill::Pattern("#6a1b9a", "#f3e5f5", Pattern::Dots),
    Fill::Solid("#b35c00"),
    Fill::Pattern("#00695c", "#e0f2f1", Pattern::Cross),
    Fill::Pattern("#8e244d", "#fce4ec", Pattern::Stripes(135)),
    Fill::Pattern("#5d4037", "#efebe9", Pattern::Stripes(0)),
];

#[derive(Clone, Copy)]
enum Fill {
    Solid(&'static str),
    Pattern(&'static str, &'static str, Pattern),
}

#[derive(Clone, Copy)]
enum Pattern {
    /// Lines at this angle (0: horizontal).
    Stripes(u16),
    Dots,
    Cross,
}

fn fill_ref(i: usize) -> String {
    match FILLS[i] {
        Fill::Solid(c) => c.to_string(),
        Fill::Pattern(..) => format!("url(#gg-s-p{i})"),
    }
}

fn defs(o: &mut String) {
    o.push_str("<defs>\n");
    for (i, f) in FILLS.iter().enumerate() {
        let Fill::Pattern(ink, paper, p) = *f else {
            continue;
        };
        let (rotate, body) = match p {
            Pattern::Stripes(angle) => (
                angle,
                format!("<rect width=\"6\" height=\"2\" fill=\"{ink}\"/>"),
            ),
            Pattern::Dots => (
                0,
                format!("<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"{ink}\"/>"),
            ),
            Pattern::Cross => (
                45,
                format!(
                    "<rect width=\"6\" height=\"1.2\" fill=\"{ink}\"/>\
                     <rect width=\"1.2\" height=\"6\" fill=\"{ink}\"/>"
                ),
            ),
        };
        let transform = if rotate == 0 {
            String::new()
        } else {
            format!(" patternTransform=\"rotate({rotate})\"")
        };
        let _ = writeln!(
            o,
            "<pattern id=\"gg-s-p{i}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"\
             {transform}><rect width=\"6\" height=\"6\" fill=\"{paper}\"/>{body}</pattern>"
        );
    }
    o.push_str("</defs>\n");
}

/// A number inside or beside a bar, with a white halo so that it reads on any fill.
fn halo_text(o: &mut String, x: f64, y: f64, content: &str) {
    text(
        o,
        x,
        y,
        "middle",
        "font-size=\"10\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"",
        content,
    );
}

/// Signed points: "+5", "−10,5".
fn signed(lang: Lang, v: f64) -> String {
    let text = number(lang, v.abs(), if v.fract() == 0.0 { 0 } else { 1 });
    if v < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// The stacked bars of `ranking`; empty when there is no market.
pub fn render(lang: Lang, ranking: &[RankedMarket]) -> String {
    if ranking.is_empty() {
        return String::new();
    }
    let s = strings(lang);
    let components = ranking.first().map(|m| m.parts.len()).unwrap_or(0);
    let legend_rows = components.div_ceil(4) + 1;
    let bars_end = TOP + ROW * ranking.len() as f64;
    let height = bars_end + 8.0 + 18.0 * legend_rows as f64;

    let mut desc = vec![s.scores_desc.to_string()];
    for m in ranking {
        let parts: Vec<String> = m
            .parts
            .iter()
            .map(|p| match p.points {
                Some(v) => format!("{} {}", p.name, number(lang, v, 1)),
                None => format!("{} ({})", p.name, s.no_data),
            })
            .chain(
                m.adjustments
                    .iter()
                    .map(|a| format!("{} {}", a.label, signed(lang, a.points))),
            )
            .collect();
        desc.push(format!(
            "{}. {} ({}): {} {}; {}.",
            m.rank,
            m.name,
            m.iso3,
            number(lang, m.score, 1),
            s.points,
            parts.join(", ")
        ));
    }

    let mut o = String::new();
    open(&mut o, "gg-scores", height, s.scores_title, &desc.join(" "));
    defs(&mut o);

    // Axis: a faint line every 20 points, numbered on top.
    for t in (0..=100).step_by(20) {
        let x = LEFT + t as f64 * SCALE;
        let _ = writeln!(
            o,
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"#d5dbe3\"/>",
            x = n(x),
            y1 = n(TOP - 6.0),
            y2 = n(bars_end - 10.0)
        );
        let anchor = if t == 0 { "start" } else { "middle" };
        text(
            &mut o,
            x,
            TOP - 10.0,
            anchor,
            "fill=\"#5b6878\"",
            &t.to_string(),
        );
    }
    let unit_x = LEFT + 100.0 * SCALE + 16.0;
    text(
        &mut o,
        unit_x,
        TOP - 10.0,
        "start",
        "fill=\"#5b6878\"",
        s.points,
    );

    for (row, m) in ranking.iter().enumerate() {
        let y = TOP + ROW * row as f64;
        bar_row(&mut o, lang, m, y + 6.0);
    }

    legend(&mut o, lang, ranking, bars_end + 8.0);
    close(&mut o);
    o
}

fn bar_row(o: &mut String, lang: Lang, m: &RankedMarket, y: f64) {
    let s = strings(lang);
    let missing: Vec<&str> = m
        .parts
        .iter()
        .filter(|p| p.points.is_none() && p.weight > 0.0)
        .map(|p| p.name.as_str())
        .collect();
    let mut label = format!("{}. {} ({}) · HS {}", m.rank, m.name, m.iso3, m.hs);
    if !missing.is_empty() {
        label.push_str(&format!(" · {}: {}", s.no_data, missing.join(", ")));
    }
    text(o, LEFT, y + 4.0, "start", "font-weight=\"600\"", &label);
    let top = y + 8.0;
    let _ = writeln!(o, "<g stroke=\"#1d2733\" stroke-width=\"0.6\">");
    let mut x = LEFT;
    let mut numbers: Vec<(f64, String)> = Vec::new();
    for (i, p) in m.parts.iter().enumerate().take(FILLS.len()) {
        let Some(points) = p.points.filter(|v| *v > 0.0) else {
            continue;
        };
        let w = points.clamp(0.0, 100.0) * SCALE;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}</title></rect>",
            n(x),
            n(top),
            n(w),
            n(BAR),
            fill_ref(i),
            super::esc(&p.name),
            number(lang, points, 1),
            s.points
        );
        if w >= LABEL_MIN {
            numbers.push((x + w / 2.0, number(lang, points, 1)));
        }
        x += w;
    }
    // Adjustments: bonuses extend the bar (dashed, unfilled); then penalties pale its end. A
    // penalty's points, and a bonus too narrow to carry them, are written after the score.
    let base_end = x;
    let mut end = base_end;
    let mut furthest = base_end;
    let mut aside: Vec<String> = Vec::new();
    let mut ordered: Vec<&ScoreAdjustment> = m.adjustments.iter().collect();
    ordered.sort_by_key(|a| a.points < 0.0);
    for a in ordered {
        let full = a.points.abs() * SCALE;
        let (x0, w, style) = if a.points >= 0.0 {
            let w = full.min(LEFT + 100.0 * SCALE - end).max(0.0);
            (end, w, "fill=\"#fff\" stroke-dasharray=\"3 2\"")
        } else {
            let w = full.min(end - LEFT).max(0.0);
            let style = "fill=\"#fff\" fill-opacity=\"0.8\" stroke-dasharray=\"1 1.5\"";
            (end - w, w, style)
        };
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {style}><title>{}: {}</title></rect>",
            n(x0),
            n(top),
            n(w),
            n(BAR),
            super::esc(&a.label),
            signed(lang, a.points)
        );
        if a.points >= 0.0 && w >= LABEL_MIN {
            numbers.push((x0 + w / 2.0, signed(lang, a.points)));
        } else {
            aside.push(signed(lang, a.points));
        }
        end = if a.points >= 0.0 { x0 + w } else { x0 };
        furthest = furthest.max(end);
    }
    o.push_str("</g>\n");
    for (cx, t) in numbers {
        halo_text(o, cx, top + BAR / 2.0 + 3.5, &t);
    }
    // The final score: a heavy tick and the number right of the longest part of the bar.
    let score_x = LEFT + m.score.clamp(0.0, 100.0) * SCALE;
    let _ = writeln!(
        o,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#1d2733\" stroke-width=\"2.5\"/>",
        n(top - 3.0),
        n(top + BAR + 3.0),
        x = n(score_x)
    );
    let right = furthest.max(score_x) + 6.0;
    let mut score = format!(
        "<tspan font-weight=\"700\">{}</tspan>",
        number(lang, m.score, 1)
    );
    if !aside.is_empty() {
        score.push_str(&format!(" ({})", aside.join(", ")));
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\">{score}</text>",
        n(right),
        n(top + BAR / 2.0 + 4.0)
    );
}

fn legend(o: &mut String, lang: Lang, ranking: &[RankedMarket], y: f64) {
    let s = strings(lang);
    let Some(first) = ranking.first() else { return };
    let col = WIDTH / 4.0;
    for (i, p) in first.parts.iter().enumerate().take(FILLS.len()) {
        let x = LEFT + col * (i % 4) as f64;
        let y = y + 18.0 * (i / 4) as f64;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\" stroke=\"#1d2733\" stroke-width=\"0.6\"/>",
            n(x),
            n(y),
            fill_ref(i)
        );
        let name = format!("{} ({} {})", p.name, s.weight, number(lang, p.weight, 0));
        text(o, x + 19.0, y + 10.0, "start", "", &name);
    }
    // Adjustments and the score mark, on the last legend line.
    let y = y + 18.0 * first.parts.len().div_ceil(4) as f64;
    let mut x = LEFT;
    let any = |positive: bool| {
        ranking
            .iter()
            .flat_map(|m| &m.adjustments)
            .any(|a| (a.points >= 0.0) == positive)
    };
    for (shown, label, dash) in [
        (any(true), s.bonus, "3 2"),
        (any(false), s.penalty, "1 1.5"),
    ] {
        if !shown {
            continue;
        }
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"#fff\" stroke=\"#1d2733\" stroke-width=\"0.6\" stroke-dasharray=\"{dash}\"/>",
            n(x),
            n(y)
        );
        text(o, x + 19.0, y + 10.0, "start", "", label);
        x += col;
    }
    let _ = writeln!(
        o,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#1d2733\" stroke-width=\"2.5\"/>",
        n(y - 1.0),
        n(y + 13.0),
        x = n(x + 7.0)
    );
    text(o, x + 19.0, y + 10.0, "start", "", s.final_score);
}
