//! Tab 1: programme KPIs, readiness bands, pipeline funnel, priority-region coverage, alerts and
//! plan items due soon. Below 80×24 the same content becomes one scrolling page.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, LineGauge, Paragraph, Widget};

use super::common::{Ctx, bar_rows, document, heading, panel, scrollbar, short_company, wrap};
use crate::app::Hits;
use crate::domain::Stage;
use crate::domain::portfolio::is_engaged;
use crate::text::{pad, truncate, width};

pub fn render(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    if c.compact {
        let w = area.width as usize;
        let mut lines = kpi_lines(c, w);
        for (title, section) in [
            (c.s.dash_bands, band_lines(c, w)),
            (c.s.dash_funnel, funnel_lines(c, w)),
            (c.s.dash_coverage, coverage_lines(c, w)),
            (c.s.dash_alerts, alert_lines(c, w)),
            (c.s.dash_due, due_lines(c, w)),
            (c.s.sync.title, super::sync::panel_lines(c, w)),
        ] {
            lines.push(Line::default());
            lines.push(heading(c, &truncate(title, w)));
            lines.extend(section);
        }
        document(lines, area, buf, c.app.dash_scroll, hits);
        return;
    }
    let middle = if area.height >= 34 { 12 } else { 9 };
    let [kpis, mid, low] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(middle),
        Constraint::Fill(1),
    ])
    .areas(area);
    kpi_panels(c, kpis, buf);
    let [bands, funnel, coverage] = Layout::horizontal([
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
    ])
    .areas(mid);
    bands_chart(c, bands, buf);
    text_panel(c, c.s.dash_funnel, funnel, buf, |w| funnel_lines(c, w));
    text_panel(c, c.s.dash_coverage, coverage, buf, |w| {
        coverage_lines(c, w)
    });
    let [alerts, due] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(low);
    let block = panel(c, c.s.dash_alerts, alerts);
    let inner = block.inner(alerts);
    block.render(alerts, buf);
    document(
        alert_lines(c, inner.width as usize),
        inner,
        buf,
        c.app.dash_scroll,
        hits,
    );
    scrollbar(c, alerts, buf, c.app.dash_scroll, hits);
    // Sync state under the plan items due: this site, pending conflicts, the other sites.
    let sync_h = (c.app.sync.overview.sites.len().max(2) as u16 + 3).min(due.height / 2);
    let [due, sync] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(sync_h)]).areas(due);
    text_panel(c, c.s.dash_due, due, buf, |w| due_lines(c, w));
    if sync.height > 2 {
        text_panel(c, c.s.sync.title, sync, buf, |w| {
            super::sync::panel_lines(c, w)
        });
    }
}

fn text_panel<'a>(
    c: &Ctx,
    title: &str,
    area: Rect,
    buf: &mut Buffer,
    lines: impl FnOnce(usize) -> Vec<Line<'a>>,
) {
    let block = panel(c, title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(lines(inner.width as usize)).render(inner, buf);
}

/// (title, value, ratio) of the four programme indicators.
fn kpis(c: &Ctx) -> [(&'static str, String, f64); 4] {
    let k = &c.app.data.kpis;
    let s = c.s;
    let (target_smes, target_markets) = c.app.programme_targets;
    let ratio = |n: usize, of: u32| {
        if of == 0 {
            0.0
        } else {
            (n as f64 / of as f64).min(1.0)
        }
    };
    [
        (
            s.kpi_smes,
            format!("{} / {}", s.int(k.smes as i64), s.int(target_smes as i64)),
            ratio(k.smes, target_smes),
        ),
        (
            s.kpi_assessed,
            format!(
                "{}/{} {}",
                s.int(k.assessed as i64),
                s.int(k.smes as i64),
                s.pct(k.share_assessed() * 100.0, 0)
            ),
            k.share_assessed(),
        ),
        (
            s.kpi_new_market_smes,
            format!(
                "{} / {}",
                s.int(k.smes_with_new_market as i64),
                s.int(target_smes as i64)
            ),
            ratio(k.smes_with_new_market, target_smes),
        ),
        (
            s.kpi_new_markets,
            format!(
                "{} / {}",
                s.int(k.new_markets.len() as i64),
                s.int(target_markets as i64)
            ),
            ratio(k.new_markets.len(), target_markets),
        ),
    ]
}

fn kpi_panels(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let cells = Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(area);
    for ((title, value, ratio), cell) in kpis(c).into_iter().zip(cells.iter()) {
        let block = panel(c, title, *cell);
        let inner = block.inner(*cell);
        block.render(*cell, buf);
        LineGauge::default()
            .filled_symbol("━")
            .unfilled_symbol("─")
            .ratio(ratio)
            .label(Span::styled(
                format!("{} ", truncate(&value, inner.width as usize)),
                c.t.title,
            ))
            .filled_style(c.t.gauge)
            .unfilled_style(c.t.gauge_empty)
            .render(inner, buf);
    }
}

fn kpi_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let label_w = kpis(c)
        .iter()
        .map(|k| width(k.0))
        .max()
        .unwrap_or(0)
        .min(w / 2);
    kpis(c)
        .into_iter()
        .map(|(title, value, _)| {
            Line::from(vec![
                Span::styled(pad(title, label_w), c.t.dim),
                Span::raw(" "),
                Span::styled(truncate(&value, w.saturating_sub(label_w + 1)), c.t.title),
            ])
        })
        .collect()
}

fn band_styles(c: &Ctx) -> [Style; 5] {
    [c.t.bad, c.t.warn, c.t.good, c.t.good, c.t.dim]
}

fn bands_chart(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let k = &c.app.data.kpis;
    let styles = band_styles(c);
    let bars: Vec<Bar> = (0..5)
        .map(|i| {
            Bar::with_label(c.s.bands_short[i], k.bands[i] as u64)
                .text_value(c.s.int(k.bands[i] as i64))
                .style(styles[i])
                .value_style(styles[i].add_modifier(ratatui::style::Modifier::REVERSED))
        })
        .collect();
    let block = panel(c, c.s.dash_bands, area);
    let inner = block.inner(area);
    block.render(area, buf);
    let gap = u16::from(inner.height >= 9);
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(gap)
        .label_style(c.t.base)
        .render(inner, buf);
}

fn band_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let k = &c.app.data.kpis;
    let styles = band_styles(c);
    let rows: Vec<(String, usize, Style)> = (0..5)
        .map(|i| (c.s.bands_short[i].to_string(), k.bands[i], styles[i]))
        .collect();
    bar_rows(c, &rows, w)
}

fn funnel_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let rows: Vec<(String, usize, Style)> = c
        .app
        .data
        .kpis
        .funnel
        .iter()
        .map(|(stage, n)| {
            let style = match stage {
                Stage::Dropped => c.t.dim,
                s if s.is_reached() => c.t.good,
                _ => c.t.bar,
            };
            (c.s.stage(*stage).to_string(), *n, style)
        })
        .collect();
    bar_rows(c, &rows, w)
}

fn coverage_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let k = &c.app.data.kpis;
    // Labels get the room the shortest useful detail ("not yet", "2 mkts") leaves.
    let detail_min = width(c.s.coverage_none).max(width(c.s.coverage_markets) + 3);
    let label_w = k
        .coverage
        .iter()
        .map(|s| width(c.s.priority(&s.segment)))
        .max()
        .unwrap_or(0)
        .min(w.saturating_sub(detail_min + 3));
    k.coverage
        .iter()
        .map(|seg| {
            let covered = !seg.markets.is_empty();
            let (mark, style) = if covered {
                ("✓ ", c.t.good)
            } else {
                ("· ", c.t.dim)
            };
            let rest = w.saturating_sub(label_w + 3);
            let detail = if covered {
                let full = format!(
                    "{} {} · {}",
                    seg.markets.len(),
                    c.s.coverage_markets,
                    c.s.smes(seg.smes)
                );
                if width(&full) <= rest {
                    full
                } else {
                    format!("{} {}", seg.markets.len(), c.s.coverage_markets)
                }
            } else {
                c.s.coverage_none.to_string()
            };
            Line::from(vec![
                Span::styled(mark, style),
                Span::styled(pad(c.s.priority(&seg.segment), label_w), c.t.base),
                Span::raw(" "),
                Span::styled(truncate(&detail, rest), style),
            ])
        })
        .collect()
}

/// Name of a market or group code in the current language.
pub fn market_name(c: &Ctx, code: &str) -> String {
    c.app
        .data
        .p
        .reference
        .market(code)
        .map(|m| {
            m.display_name(c.app.lang == crate::app::Lang::Vi)
                .to_string()
        })
        .unwrap_or_else(|| code.to_string())
}

fn alert_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let p = &c.app.data.p;
    let k = &c.app.data.kpis;
    let r = &p.reference;
    let vi = c.app.lang == crate::app::Lang::Vi;
    let mut lines = vec![Line::from(Span::styled(
        truncate(c.s.alerts_remedies, w),
        c.t.header,
    ))];
    if k.remedy_alerts.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(c.s.no_remedy_alerts, w),
            c.t.dim,
        )));
    }
    for a in &k.remedy_alerts {
        let rem = &r.remedies[a.remedy];
        let product = if vi && !rem.product_vi.is_empty() {
            &rem.product_vi
        } else {
            &rem.product
        };
        let count = format!(" {}", c.s.smes(a.smes));
        // Market code and year first: they stay visible when the line is cut.
        let text = format!(
            "! {} {} · {} · {}",
            rem.market,
            rem.year.map(|y| y.to_string()).unwrap_or_default(),
            c.s.measure(&rem.measure),
            product
        );
        let room = w.saturating_sub(width(&count));
        lines.push(Line::from(vec![
            Span::styled(pad(&truncate(&text, room), room), c.t.warn),
            Span::styled(count, c.t.bad),
        ]));
    }
    lines.push(Line::from(Span::styled(
        truncate(c.s.alerts_requirements, w),
        c.t.header,
    )));
    let any_chosen = p.shortlist.iter().any(|e| is_engaged(e.stage));
    if !any_chosen {
        lines.push(Line::from(Span::styled(
            truncate(c.s.no_shortlist, w),
            c.t.dim,
        )));
    } else if k.requirement_alerts.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(c.s.no_unmet, w),
            c.t.good,
        )));
    }
    for a in &k.requirement_alerts {
        let q = &r.requirements[a.requirement];
        let title = if vi && !q.title_vi.is_empty() {
            &q.title_vi
        } else {
            &q.title
        };
        let count = format!(" {}", c.s.smes(a.smes));
        let text = format!("! {} · {title}", a.iso3);
        let room = w.saturating_sub(width(&count));
        lines.push(Line::from(vec![
            Span::styled(pad(&truncate(&text, room), room), c.t.warn),
            Span::styled(count, c.t.bad),
        ]));
    }
    lines
}

fn due_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let p = &c.app.data.p;
    let due = &c.app.data.kpis.due_soon;
    if due.is_empty() {
        return wrap(c.s.no_due, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.dim)))
            .collect();
    }
    let mut lines = Vec::new();
    for &i in due {
        let item = &p.plan[i];
        let date = item.due.clone().unwrap_or_default();
        let overdue = date.as_str() < c.app.today.as_str();
        let sme = c
            .app
            .data
            .sme(item.sme_id)
            .map(|s| short_company(&s.name))
            .unwrap_or_default();
        let style = if overdue { c.t.bad } else { c.t.warn };
        let mut spans = vec![Span::styled(format!("{date} "), style)];
        if overdue && w >= 50 {
            spans.push(Span::styled(format!("{} ", c.s.overdue), c.t.bad));
        } else if overdue {
            spans.push(Span::styled("! ", c.t.bad));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let text = format!("{} ({}) · {sme}", item.action, item.iso3);
        spans.push(Span::styled(
            truncate(&text, w.saturating_sub(used)),
            c.t.base,
        ));
        lines.push(Line::from(spans));
    }
    lines
}
