//! Imported ITC Trade Map series in the market detail: for each product, the market's imports
//! as a sparkline with first and last year and the latest value; then Viet Nam's exports to
//! the market (its current foothold) with the latest value, year and trend. Each with its
//! source and file.

use ratatui::text::{Line, Span};

use super::common::{Ctx, heading, spark_figures, wrap};
use crate::app::Lang;
use crate::domain::{DemandSeries, Market, SeriesKind};
use crate::text::truncate;

/// Code of an all-products series.
const TOTAL: &str = "TOTAL";

pub fn lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let r = &c.app.data.p.reference;
    let mut series: Vec<&DemandSeries> = r
        .demand
        .iter()
        .filter(|d| d.iso3 == m.iso3 && !d.values.is_empty())
        .collect();
    if series.is_empty() {
        return Vec::new();
    }
    // All products first, then by code.
    series.sort_by_key(|d| (d.hs != TOTAL, d.hs.clone()));
    let s = c.s.edit;
    let mut lines = Vec::new();
    for (kind, title) in [
        (SeriesKind::Imports, s.sec_trade_map),
        (SeriesKind::VietnamExports, s.sec_foothold),
    ] {
        let of_kind: Vec<&&DemandSeries> = series.iter().filter(|d| d.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(heading(c, title));
        lines.push(Line::from(Span::styled(
            truncate(s.trade_map_note, w),
            c.t.dim,
        )));
        for d in of_kind {
            lines.extend(one(c, d, w));
        }
    }
    lines
}

fn product_name(c: &Ctx, hs: &str) -> String {
    if hs == TOTAL || hs.is_empty() {
        return c.s.all_products.to_string();
    }
    let name = c
        .app
        .data
        .p
        .reference
        .hs_description(hs, c.app.lang == Lang::Vi);
    format!("HS {hs} {name}")
}

/// One series: product, sparkline with its years, latest value, change since the first year,
/// source and file.
fn one<'a>(c: &Ctx, d: &DemandSeries, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let mut lines = vec![Line::from(Span::styled(
        truncate(&product_name(c, &d.hs), w),
        c.t.base,
    ))];
    let (first, last) = (d.values[0], d.values[d.values.len() - 1]);
    let mut spans = vec![Span::raw("  ")];
    if d.values.len() > 1 {
        spans.push(Span::styled(spark_figures(&d.values), c.t.bar));
        spans.push(Span::styled(
            format!(" {}–{}  ", first.year, last.year),
            c.t.dim,
        ));
    }
    let mut value = format!("{} ({})", s.usd(last.value), last.year);
    if d.values.len() > 1 && first.value > 0.0 {
        let change = (last.value / first.value - 1.0) * 100.0;
        let sign = if change >= 0.0 { "+" } else { "" };
        value.push_str(&format!(
            " · {sign}{} {} {}",
            s.pct(change, 0),
            s.edit.since,
            first.year
        ));
    }
    spans.push(Span::styled(value, c.t.title));
    lines.push(Line::from(spans));
    let source = format!("{} · {} {}", d.source, s.edit.file, d.file);
    for part in wrap(&source, w.saturating_sub(2)) {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(part, c.t.dim),
        ]));
    }
    lines
}
