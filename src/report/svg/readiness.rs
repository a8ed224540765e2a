//! The readiness domains as horizontal bars on a 0–100 scale, over the bands' ranges (shaded,
//! with a dashed line at each band limit), the overall score first.

use std::fmt::Write;

use super::{WIDTH, close, n, open, strings, text};
use crate::report::{Lang, ReadinessView, number};

const LABEL_END: f64 = 246.0;
const LEFT: f64 = 254.0;
/// Bar length of 100 points.
const SCALE: f64 = 3.8;
const TOP: f64 = 22.0;
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;
/// Band shading from the lowest band up: light to dark grey, readable in print.
const SHADES: [&str; 4] = ["#ffffff", "#f2f4f6", "#e4e8ec", "#d5dbe3"];

pub fn render(lang: Lang, r: &ReadinessView) -> String {
    let s = strings(lang);
    let rows = 1 + r.domains.len();
    let bars_end = TOP + ROW * rows as f64;
    let legend_rows = r.bands.len().div_ceil(2);
    let height = bars_end + 10.0 + 18.0 * legend_rows as f64;

    let (overall, _) = r.headline(lang);
    let mut desc = vec![
        s.readiness_desc.to_string(),
        format!("{}: {overall}/100, {}.", s.overall, r.band),
    ];
    for d in &r.domains {
        let score = d
            .score
            .map(|v| number(lang, v, 0))
            .unwrap_or_else(|| s.not_answered.to_string());
        desc.push(format!("{}: {score}.", d.name));
    }
    let bands: Vec<String> = band_ranges(lang, r)
        .into_iter()
        .map(|(range, name)| format!("{range} {name}"))
        .collect();
    desc.push(format!("{}.", bands.join("; ")));

    let mut o = String::new();
    open(
        &mut o,
        "gg-readiness",
        height,
        s.readiness_title,
        &desc.join(" "),
    );

    // Band ranges as shaded columns behind the bars, a dashed line and the score at each limit.
    let x_of = |v: f64| LEFT + v.clamp(0.0, 100.0) * SCALE;
    for (i, b) in r.bands.iter().enumerate() {
        let to = r.bands.get(i + 1).map(|next| next.from).unwrap_or(100.0);
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            n(x_of(b.from)),
            n(TOP - 4.0),
            n((x_of(to) - x_of(b.from)).max(0.0)),
            n(bars_end - TOP),
            SHADES[i.min(SHADES.len() - 1)]
        );
    }
    let mut limits: Vec<f64> = vec![0.0];
    limits.extend(r.bands.iter().skip(1).map(|b| b.from));
    limits.push(100.0);
    for v in limits {
        let x = x_of(v);
        let dash = if v > 0.0 && v < 100.0 {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#5b6878\"{dash}/>",
            n(TOP - 4.0),
            n(bars_end),
            x = n(x)
        );
        text(
            &mut o,
            x,
            TOP - 8.0,
            "middle",
            "fill=\"#5b6878\"",
            &number(lang, v, 0),
        );
    }

    let overall_label = if r.capped {
        format!("{} ({})", s.overall, s.capped)
    } else {
        s.overall.to_string()
    };
    let rows = std::iter::once((overall_label, r.overall, true))
        .chain(r.domains.iter().map(|d| (d.name.clone(), d.score, false)));
    for (i, (label, score, bold)) in rows.enumerate() {
        let y = TOP + ROW * i as f64;
        let weight = if bold { "font-weight=\"700\"" } else { "" };
        text(&mut o, LABEL_END, y + BAR - 3.0, "end", weight, &label);
        match score {
            Some(v) => {
                let fill = if bold { "#1d2733" } else { "#0b6e4f" };
                let _ = writeln!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
                    n(LEFT),
                    n(y),
                    n(x_of(v) - LEFT),
                    n(BAR)
                );
                text(
                    &mut o,
                    x_of(v) + 4.0,
                    y + BAR - 3.0,
                    "start",
                    weight,
                    &number(lang, v, 0),
                );
            }
            None => {
                let style = "fill=\"#5b6878\" font-style=\"italic\"";
                text(
                    &mut o,
                    LEFT + 4.0,
                    y + BAR - 3.0,
                    "start",
                    style,
                    s.not_answered,
                );
            }
        }
    }

    // Legend: each band's range and name, two per line.
    let col = (WIDTH - 8.0) / 2.0;
    for (i, (range, name)) in band_ranges(lang, r).into_iter().enumerate() {
        let x = 4.0 + col * (i % 2) as f64;
        let y = bars_end + 10.0 + 18.0 * (i / 2) as f64;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\" stroke=\"#5b6878\" stroke-width=\"0.6\"/>",
            n(x),
            n(y),
            SHADES[i.min(SHADES.len() - 1)]
        );
        text(
            &mut o,
            x + 19.0,
            y + 10.0,
            "start",
            "",
            &format!("{range}: {name}"),
        );
    }
    close(&mut o);
    o
}

/// "0–40", "40–60", …, "80–100" with each band's name.
fn band_ranges(lang: Lang, r: &ReadinessView) -> Vec<(String, String)> {
    r.bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let to = r.bands.get(i + 1).map(|next| next.from).unwrap_or(100.0);
            (
                format!("{}–{}", number(lang, b.from, 0), number(lang, to, 0)),
                b.name.clone(),
            )
        })
        .collect()
}
