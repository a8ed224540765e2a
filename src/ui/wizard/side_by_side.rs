//! Two or three marked markets side by side, the best value of each row highlighted.

use super::*;

/// The marked markets side by side: one column each, the best value of a row highlighted.
pub(super) fn compare_lines<'a>(c: &Ctx, w: &Wizard, width_: usize) -> Vec<Line<'a>> {
    use crate::domain::matching::component::SIZE;
    let s = ws(c);
    let markets = w.marked_results();
    let n = markets.len().max(1);
    let label_w = 16.min(width_ / 3);
    let col_w = (width_.saturating_sub(label_w) / n)
        .saturating_sub(1)
        .max(4);
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {}",
                s.compare_title,
                match &w.product {
                    Some(hs) => product_text(c, w, hs),
                    None => s.all_products.to_string(),
                }
            ),
            width_,
        ),
        c.t.heading,
    ))];
    let row = |label: &str, cells: Vec<(String, Style)>| -> Line<'a> {
        let mut spans = vec![Span::styled(
            pad(&truncate(label, label_w), label_w),
            c.t.dim,
        )];
        for (text, style) in cells {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad(&truncate(&text, col_w), col_w), style));
        }
        Line::from(spans)
    };
    // Highlight the largest number of a row (`None` values are never best).
    let best = |values: &[Option<f64>]| -> Vec<Style> {
        let max = values.iter().flatten().cloned().fold(f64::MIN, f64::max);
        values
            .iter()
            .map(|v| match v {
                Some(x) if values.len() > 1 && (*x - max).abs() < 1e-9 => c.t.good,
                _ => c.t.base,
            })
            .collect()
    };
    let names: Vec<(String, Style)> = markets
        .iter()
        .map(|m| {
            (
                format!("{} {}", m.market, market_name(c, &m.market)),
                c.t.header,
            )
        })
        .collect();
    lines.push(row("", names));
    let num = |v: Option<f64>| {
        v.map(|x| c.s.num(x, 1))
            .unwrap_or_else(|| c.s.dash.to_string())
    };
    let scores: Vec<Option<f64>> = markets.iter().map(|m| m.score).collect();
    let styles = best(&scores);
    lines.push(row(
        s.score,
        markets
            .iter()
            .zip(styles)
            .map(|(m, st)| (format!("{} (#{})", num(m.score), m.rank), st))
            .collect(),
    ));
    lines.push(row(
        &capitalised(s.coverage),
        markets
            .iter()
            .map(|m| (c.s.pct(m.coverage * 100.0, 0), c.t.base))
            .collect(),
    ));
    let mut bar_spans_row = vec![Span::raw(" ".repeat(label_w))];
    for m in &markets {
        bar_spans_row.push(Span::raw(" "));
        let mut cells = bar_spans(c, m, col_w);
        let used: usize = cells.iter().map(|sp| width(&sp.content)).sum();
        cells.push(Span::raw(" ".repeat(col_w.saturating_sub(used))));
        bar_spans_row.extend(cells);
    }
    lines.push(Line::from(bar_spans_row));
    lines.push(Line::default());
    lines.push(heading(c, s.sec_components));
    for (i, letter) in LETTERS.iter().enumerate() {
        let contribs: Vec<Option<f64>> = markets
            .iter()
            .map(|m| compare::contributions(m)[i])
            .collect();
        let styles = best(&contribs);
        let cells = markets
            .iter()
            .zip(contribs.iter().zip(styles))
            .map(|(m, (p, st))| {
                let score = m.components.0[i].score;
                let text = match (score, p) {
                    (Some(sc), Some(p)) => format!("{} → {}", c.s.num(sc, 0), c.s.num(*p, 1)),
                    _ => c.s.dash.to_string(),
                };
                (text, st)
            })
            .collect();
        lines.push(row(&format!("{letter} {}", component_names(c)[i]), cells));
    }
    lines.push(Line::default());
    // Imports with their year and whether they are an estimate on the line under them.
    let sizes: Vec<_> = markets
        .iter()
        .map(|m| {
            let comp = &m.components.0[SIZE];
            comp.figure
                .filter(|_| comp.score.is_some())
                .map(|v| (v, comp))
        })
        .collect();
    lines.push(row(
        s.imports,
        sizes
            .iter()
            .map(|x| match x {
                Some((v, _)) => (c.s.usd(*v), c.t.base),
                None => (s.no_data.to_string(), c.t.dim),
            })
            .collect(),
    ));
    lines.push(row(
        &format!("  {}", s.year),
        sizes
            .iter()
            .map(|x| match x {
                Some((_, comp)) => (
                    provenance_short(c, comp.year, comp.estimate),
                    if comp.estimate { c.t.warn } else { c.t.dim },
                ),
                None => (String::new(), c.t.dim),
            })
            .collect(),
    ));
    lines.push(row(
        s.col_fta,
        markets
            .iter()
            .map(|m| {
                let t = if m.fta.is_empty() {
                    c.s.dash.to_string()
                } else {
                    m.fta.join(", ")
                };
                (t, c.t.base)
            })
            .collect(),
    ));
    lines.push(row(
        s.unmet_mandatory,
        markets
            .iter()
            .map(|m| {
                let codes: Vec<&str> = m
                    .unmet()
                    .filter(|q| q.severity == Severity::Mandatory)
                    .map(|q| q.code.as_str())
                    .collect();
                if codes.is_empty() {
                    ("0".to_string(), c.t.good)
                } else {
                    (format!("{} {}", codes.len(), codes.join(", ")), c.t.bad)
                }
            })
            .collect(),
    ));
    lines.push(row(
        s.alerts,
        markets
            .iter()
            .map(|m| {
                let remedies: Vec<String> = m
                    .alerts
                    .iter()
                    .filter(|a| a.kind == "trade_remedy")
                    .map(|a| c.s.measure(&a.measure).to_string())
                    .collect();
                if remedies.is_empty() {
                    ("0".to_string(), c.t.good)
                } else {
                    (format!("! {}", remedies.join(", ")), c.t.bad)
                }
            })
            .collect(),
    ));
    let yes_no = |b: bool| if b { s.yes } else { s.no };
    lines.push(row(
        s.priority_region,
        markets
            .iter()
            .map(|m| (yes_no(m.priority_region).to_string(), c.t.base))
            .collect(),
    ));
    lines.push(row(
        c.s.current_markets,
        markets
            .iter()
            .map(|m| (yes_no(m.existing_market).to_string(), c.t.base))
            .collect(),
    ));
    lines
}
