//! A small world map (equirectangular) with coarse coastlines, Viet Nam, and a numbered marker
//! at each top-ranked market and a lettered one at each other shortlisted market; a key below
//! names them.

use std::fmt::Write;

use super::{WIDTH, close, n, open, strings, text};
use crate::report::{Lang, MapMarker};

/// Coastline polylines `line,lon,lat`, derived from ratatui's low-resolution world map by
/// `data/build/world_outline.py` (provenance in `data/SOURCES.md`).
const OUTLINE: &str = include_str!("../../../data/world_outline.csv");

/// Latitudes shown: the inhabited world, without most of Antarctica and the Arctic Ocean.
const LAT_TOP: f64 = 84.0;
const LAT_BOTTOM: f64 = -58.0;
/// Viet Nam on the map: Hanoi, the point CEPII measures distances from (cepii-geo_cepii.csv).
const VIET_NAM: (f64, f64) = (21.0, 105.9);
const KEY_ROW: f64 = 16.0;

fn scale() -> f64 {
    WIDTH / 360.0
}

/// (x, y) of a position; positions off the shown latitudes sit on the edge.
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(LAT_BOTTOM, LAT_TOP);
    let lon = lon.clamp(-180.0, 180.0);
    ((lon + 180.0) * scale(), (LAT_TOP - lat) * scale())
}

/// The coastlines as one path; a polyline leaving the shown latitudes is cut there.
pub fn coast_path() -> String {
    let mut d = String::new();
    let mut current: Option<&str> = None;
    let mut pen_down = false;
    for line in OUTLINE.lines().skip(1) {
        let mut cells = line.split(',');
        let (Some(id), Some(lon), Some(lat)) = (cells.next(), cells.next(), cells.next()) else {
            continue;
        };
        let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
            continue;
        };
        if current != Some(id) {
            current = Some(id);
            pen_down = false;
        }
        if !(LAT_BOTTOM..=LAT_TOP).contains(&lat) {
            pen_down = false;
            continue;
        }
        let (x, y) = project(lat, lon);
        let _ = write!(d, "{}{} {}", if pen_down { "L" } else { "M" }, n(x), n(y));
        pen_down = true;
    }
    d
}

/// Letter of the `i`-th marker that is shortlisted but not among the top markets.
fn letter(i: usize) -> String {
    char::from_u32('a' as u32 + (i % 26) as u32)
        .map(String::from)
        .unwrap_or_default()
}

/// The map with `markers`; empty when there is none.
pub fn render(lang: Lang, markers: &[MapMarker]) -> String {
    if markers.is_empty() {
        return String::new();
    }
    let s = strings(lang);
    let map_height = (LAT_TOP - LAT_BOTTOM) * scale();
    // Key entries: the symbol's text, the market, and whether it is shortlisted.
    let mut others = 0;
    let key: Vec<(String, &MapMarker)> = markers
        .iter()
        .map(|m| match m.rank {
            Some(rank) => (rank.to_string(), m),
            None => {
                others += 1;
                (letter(others - 1), m)
            }
        })
        .collect();
    let key_rows = (key.len() + 1).div_ceil(2) + 2;
    let height = map_height + 8.0 + KEY_ROW * key_rows as f64;

    let mut desc = vec![s.map_desc.to_string()];
    for (sym, m) in &key {
        let mut line = format!("{sym}: {} ({})", m.name, m.iso3);
        if m.shortlisted {
            line.push_str(&format!(", {}", s.in_shortlist));
        }
        desc.push(format!("{line};"));
    }
    desc.push(s.map_source.to_string());

    let mut o = String::new();
    open(&mut o, "gg-map", height, s.map_title, &desc.join(" "));
    let _ = writeln!(
        o,
        "<rect width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"#d5dbe3\"/>",
        n(WIDTH),
        n(map_height)
    );
    let _ = writeln!(
        o,
        "<path d=\"{}\" fill=\"none\" stroke=\"#8a96a3\" stroke-width=\"0.8\" stroke-linejoin=\"round\"/>",
        coast_path()
    );

    let (vx, vy) = project(VIET_NAM.0, VIET_NAM.1);
    viet_nam(&mut o, vx, vy);
    // Markers that would cover one another move aside, with a line to their true position.
    let mut taken: Vec<(f64, f64)> = vec![(vx, vy)];
    for (sym, m) in &key {
        let (x, y) = project(m.lat, m.lon);
        let (mx, my) = free_spot(&taken, (x, y), map_height);
        taken.push((mx, my));
        if (mx, my) != (x, y) {
            let _ = writeln!(
                o,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1d2733\" stroke-width=\"0.8\"/>\n\
                 <circle cx=\"{}\" cy=\"{}\" r=\"1.8\" fill=\"#1d2733\"/>",
                n(x),
                n(y),
                n(mx),
                n(my),
                n(x),
                n(y)
            );
        }
        marker(&mut o, mx, my, sym, m);
    }

    // Key: Viet Nam, then each market, two per line (long Vietnamese names fit); then what the
    // symbols are, and the source of the coastlines.
    let col = WIDTH / 2.0;
    let key_top = map_height + 8.0;
    let entry = |i: usize| {
        (
            4.0 + col * (i % 2) as f64,
            key_top + KEY_ROW * (i / 2) as f64,
        )
    };
    let (x, y) = entry(0);
    viet_nam(&mut o, x + 7.0, y + 6.0);
    text(&mut o, x + 18.0, y + 10.0, "start", "", s.viet_nam);
    for (i, (sym, m)) in key.iter().enumerate() {
        let (x, y) = entry(i + 1);
        marker(&mut o, x + 7.0, y + 6.0, sym, m);
        text(
            &mut o,
            x + 18.0,
            y + 10.0,
            "start",
            "",
            &format!("{} ({})", m.name, m.iso3),
        );
    }
    let y = key_top + KEY_ROW * (key_rows - 2) as f64 + 2.0;
    let samples = [
        (s.top_market, Some(1), false),
        (s.shortlisted, Some(1), true),
        (s.other_shortlisted, None, true),
    ];
    let mut x = 4.0;
    let col = WIDTH / 3.0;
    for (label, rank, shortlisted) in samples {
        let sample = MapMarker {
            iso3: String::new(),
            name: label.to_string(),
            lat: 0.0,
            lon: 0.0,
            rank,
            shortlisted,
        };
        let sym = if rank.is_some() { "1" } else { "a" };
        marker(&mut o, x + 9.0, y + 7.0, sym, &sample);
        text(
            &mut o,
            x + 22.0,
            y + 11.0,
            "start",
            "fill=\"#5b6878\"",
            label,
        );
        x += col;
    }
    text(
        &mut o,
        4.0,
        y + KEY_ROW + 8.0,
        "start",
        "font-size=\"9\" fill=\"#5b6878\"",
        s.map_source,
    );
    close(&mut o);
    o
}

/// Markers closer than this (centre to centre) overlap.
const MIN_GAP: f64 = 17.0;

/// The first spot at or around `at` (rings of six, then twelve positions) that keeps
/// [`MIN_GAP`] from every taken spot and stays on the map; `at` itself if none does.
fn free_spot(taken: &[(f64, f64)], at: (f64, f64), map_height: f64) -> (f64, f64) {
    let free = |(x, y): (f64, f64)| {
        (8.0..=WIDTH - 8.0).contains(&x)
            && (8.0..=map_height - 8.0).contains(&y)
            && taken
                .iter()
                .all(|(tx, ty)| (tx - x).hypot(ty - y) >= MIN_GAP)
    };
    let clamped = (
        at.0.clamp(8.0, WIDTH - 8.0),
        at.1.clamp(8.0, map_height - 8.0),
    );
    if free(clamped) {
        return clamped;
    }
    for (radius, steps) in [(20.0, 6), (38.0, 12), (56.0, 18)] {
        for k in 0..steps {
            let angle = std::f64::consts::TAU * k as f64 / steps as f64;
            let spot = (at.0 + radius * angle.cos(), at.1 - radius * angle.sin());
            // Rounded as written, so that the SVG text does not depend on the last bits.
            let spot = (
                (spot.0 * 10.0).round() / 10.0,
                (spot.1 * 10.0).round() / 10.0,
            );
            if free(spot) {
                return spot;
            }
        }
    }
    clamped
}

/// Viet Nam: a small black triangle.
fn viet_nam(o: &mut String, x: f64, y: f64) {
    let _ = writeln!(
        o,
        "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"#1d2733\"/>",
        n(x),
        n(y - 5.0),
        n(x + 5.0),
        n(y + 4.0),
        n(x - 5.0),
        n(y + 4.0)
    );
}

/// A top market: a dark disc with its rank (ringed when shortlisted); another shortlisted
/// market: a white square with its letter.
fn marker(o: &mut String, x: f64, y: f64, sym: &str, m: &MapMarker) {
    let title = if m.iso3.is_empty() {
        String::new()
    } else {
        format!("<title>{} ({})</title>", super::esc(&m.name), m.iso3)
    };
    if m.rank.is_some() {
        if m.shortlisted {
            let _ = writeln!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"9.5\" fill=\"none\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>",
                n(x),
                n(y)
            );
        }
        let _ = writeln!(
            o,
            "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#1d2733\">{title}</circle>",
            n(x),
            n(y)
        );
        text(
            o,
            x,
            y + 3.5,
            "middle",
            "font-size=\"9\" font-weight=\"700\" fill=\"#fff\"",
            sym,
        );
    } else {
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"13\" height=\"13\" fill=\"#fff\" stroke=\"#1d2733\" stroke-width=\"1.2\">{title}</rect>",
            n(x - 6.5),
            n(y - 6.5)
        );
        text(
            o,
            x,
            y + 3.5,
            "middle",
            "font-size=\"9\" font-weight=\"700\"",
            sym,
        );
    }
}
