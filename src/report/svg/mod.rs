//! The brief's pictures as inline SVG: the score components of the top markets as stacked bars
//! ([`scores`]), the readiness domains against the band limits ([`readiness`]) and a small world
//! map of the ranked and shortlisted markets ([`map`]).
//!
//! Each picture is self-contained (no script, no external font, image or link), has a `<title>`
//! and a `<desc>` that says in words what it shows, and reads in black-and-white print: fills
//! differ by pattern as well as by colour. Coordinates are written with at most one decimal so
//! that the SVG text is the same on every machine (golden-tested).

pub mod map;
pub mod readiness;
pub mod scores;
pub mod strings;

use std::fmt::Write;

pub use strings::{ChartStrings, strings};

/// Width of every picture in SVG units: A4's printable width at 96 dpi with 14 mm margins is
/// about 688 px, so the pictures print at their natural size.
pub const WIDTH: f64 = 680.0;

/// The SVG namespace: a name, not a resource; written so that a picture copied out of the brief
/// opens on its own.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// A coordinate or length with at most one decimal, without "-0" or a trailing ".0".
pub fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The opening `<svg>` element with its accessible name and description (ids `{id}-title`,
/// `{id}-desc`). Text inherits a generic sans-serif font: no font file is referenced.
pub fn open(o: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        o,
        "<svg xmlns=\"{SVG_NS}\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"sans-serif\" \
         font-size=\"11\" fill=\"#1d2733\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n",
        esc(title),
        esc(desc),
        w = n(WIDTH),
        h = n(height),
    );
}

pub fn close(o: &mut String) {
    o.push_str("</svg>\n");
}

/// Text at (x, y); `anchor` is start, middle or end; `extra` more attributes (may be empty).
pub fn text(o: &mut String, x: f64, y: f64, anchor: &str, extra: &str, content: &str) {
    let anchor = if anchor == "start" {
        String::new()
    } else {
        format!(" text-anchor=\"{anchor}\"")
    };
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" {extra}")
    };
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\"{anchor}{extra}>{}</text>",
        n(x),
        n(y),
        esc(content)
    );
}

/// Escape text for SVG (XML) content and attribute values.
pub fn esc(s: &str) -> String {
    super::html::esc(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;

    fn market(rank: usize, iso3: &str, name: &str) -> RankedMarket {
        let parts = crate::report::reasons::component_names(Lang::En)
            .iter()
            .enumerate()
            .map(|(i, c)| ScorePart {
                name: c.to_string(),
                weight: 10.0,
                // Growth has no data: the others share the base.
                points: (i != 1).then_some(8.0),
            })
            .collect();
        RankedMarket {
            rank,
            iso3: iso3.into(),
            name: name.into(),
            hs: "090111".into(),
            score: 46.0,
            coverage: 0.875,
            existing: false,
            reasons: vec![],
            base: 56.0,
            parts,
            adjustments: vec![ScoreAdjustment {
                label: "trade-remedy case on the product".into(),
                points: -10.0,
            }],
        }
    }

    fn marker(iso3: &str, lat: f64, lon: f64, rank: Option<usize>) -> MapMarker {
        MapMarker {
            iso3: iso3.into(),
            name: format!("{iso3} <&>"),
            lat,
            lon,
            rank,
            shortlisted: rank.is_none(),
        }
    }

    /// Every element opened is closed, in order (the pictures are well-formed XML).
    fn balanced(svg: &str) -> bool {
        let mut stack: Vec<&str> = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let name = tag
                .trim_start_matches('/')
                .split([' ', '\n'])
                .next()
                .unwrap_or("");
            if tag.starts_with('/') {
                if stack.pop() != Some(name) {
                    return false;
                }
            } else if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        stack.is_empty()
    }

    #[test]
    fn nothing_to_draw_draws_nothing() {
        assert_eq!(scores::render(Lang::En, &[]), "");
        assert_eq!(map::render(Lang::Vi, &[]), "");
    }

    #[test]
    fn stacked_bars_show_points_missing_data_and_a_penalty() {
        let svg = scores::render(Lang::En, &[market(1, "ARE", "United Arab Emirates")]);
        assert!(balanced(&svg), "{svg}");
        assert!(svg.contains("<title id=\"gg-scores-title\">Score of the top markets"));
        assert!(svg.contains("aria-labelledby=\"gg-scores-title gg-scores-desc\""));
        // Seven components with data, 8 points each; growth named as missing.
        assert_eq!(svg.matches("<title>Size: 8.0 points</title>").count(), 1);
        assert!(svg.contains("· no data: Growth"));
        assert!(!svg.contains("<title>Growth:"));
        // The penalty covers the end of the bar and is written with a minus sign.
        assert!(svg.contains("<title>trade-remedy case on the product: −10</title>"));
        assert!(svg.contains(">46.0</tspan> (−10)</text>"));
        assert!(svg.contains(">penalty</text>") && !svg.contains(">bonus</text>"));
    }

    #[test]
    fn readiness_bars_show_band_limits_and_unanswered_domains() {
        let bands = ["not yet", "preparing", "ready", "diversify"];
        let r = ReadinessView {
            date: "2026-11-23".into(),
            assessor: "Lan".into(),
            overall: Some(49.0),
            band: "preparing".into(),
            capped: true,
            coverage: 0.5,
            domains: vec![
                DomainBar {
                    name: "A <Commitment>".into(),
                    score: Some(75.0),
                },
                DomainBar {
                    name: "B Capacity".into(),
                    score: None,
                },
            ],
            bands: bands
                .iter()
                .zip([0.0, 45.0, 65.0, 85.0])
                .map(|(name, from)| BandLimit {
                    from,
                    name: name.to_string(),
                })
                .collect(),
        };
        let svg = readiness::render(Lang::Vi, &r);
        assert!(balanced(&svg), "{svg}");
        assert!(svg.contains("A &lt;Commitment&gt;"));
        assert!(svg.contains(">chưa trả lời</text>"));
        assert!(svg.contains("Tổng thể (bị giới hạn)"));
        // The limits from the config, not fixed ones.
        assert!(
            svg.contains(">45–65: preparing</text>") && svg.contains(">85–100: diversify</text>")
        );
        assert_eq!(svg.matches("stroke-dasharray=\"4 3\"").count(), 3);
    }

    #[test]
    fn crowded_markers_move_apart_and_names_are_escaped() {
        let markers = [
            marker("SGP", 1.3, 103.8, Some(1)),
            marker("MYS", 2.5, 112.5, Some(2)),
            marker("BRN", 4.5, 114.7, None),
        ];
        let svg = map::render(Lang::En, &markers);
        assert!(balanced(&svg), "{svg}");
        assert!(svg.contains("<title>BRN &lt;&amp;&gt; (BRN)</title>"));
        assert!(svg.contains(">a</text>"));
        // MYS and BRN sit within a marker's width of SGP and of each other: both move, each
        // with a line to where it is; SGP, placed first, stays.
        assert_eq!(svg.matches("r=\"1.8\"").count(), 2);
        assert!(svg.contains("<circle cx=\"536.1\" cy=\"156.2\" r=\"7\""));
        assert!(!map::coast_path().is_empty());
        assert_eq!(svg, map::render(Lang::En, &markers));
    }

    #[test]
    fn coordinates_have_one_decimal_at_most_and_no_negative_zero() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(-3.25), "-3.3");
        assert_eq!(n(f64::NAN), "0");
    }
}
