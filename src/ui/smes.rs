//! Tab 2: the SME table and the SME detail (profile, products, certifications, readiness with
//! domain bars and history, then the follow-up of `ui::follow`: target markets, action plan,
//! decision log).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, LineGauge, Paragraph, Sparkline, Widget};

use super::common::{
    Col, Ctx, bar, document, fit, heading, kv, list_columns, list_frame, panel, scrollbar,
    short_company, short_province, spark, table, wrap,
};
use super::dashboard::market_name;
use crate::app::{Column, Hits, Lang, Tab};
use crate::domain::Sme;
use crate::domain::portfolio::{BAND_CODES, ReadinessView};
use crate::text::{pad, truncate, width};

pub fn band_style(c: &Ctx, band: Option<&str>) -> Style {
    match band.and_then(|b| BAND_CODES.iter().position(|x| *x == b)) {
        Some(0) => c.t.bad,
        Some(1) => c.t.warn,
        Some(_) => c.t.good,
        None => c.t.dim,
    }
}

pub fn list(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let inner = list_frame(c, Tab::Smes, area, buf);
    let s = c.s;
    let compact = c.compact;
    let (cols, index) = list_columns(c, Tab::Smes, |col| match col {
        Column::SmeName => Some(Col::new(s.col_name, Constraint::Fill(1))),
        Column::Province => Some(Col::new(
            s.col_province,
            Constraint::Length(if compact { 12 } else { 15 }),
        )),
        Column::Sector if !compact => Some(Col::new(s.col_sector, Constraint::Length(13))),
        Column::Readiness => Some(Col::new(s.col_readiness, Constraint::Length(13))),
        Column::Stage if !compact => Some(Col::new(s.col_stage, Constraint::Length(13))),
        _ => None,
    });
    let app = c.app;
    let view = &app.smes;
    let p = &app.data.p;
    table(
        c,
        inner,
        buf,
        &cols,
        &index,
        view.rows.len(),
        view.selected,
        view.offset,
        |row, _| {
            let i = view.rows[row];
            let sme = &p.smes[i];
            let readiness = p.readiness.get(&sme.id);
            let band = readiness.and_then(|r| r.band);
            let score = readiness
                .and_then(|r| r.overall)
                .map(|v| format!("{v:>3.0} {}", s.band_short(band)))
                .unwrap_or_else(|| format!("  {}", s.dash));
            let stage = app.data.sme_stage[i].map_or(s.dash, |st| s.stage(st));
            // An SME with a pending sync conflict is marked until someone resolves it.
            let name = if app.sync.overview.has_conflict(sme.id) {
                Span::styled(format!("! {}", short_company(&sme.name)), c.t.bad)
            } else {
                Span::raw(short_company(&sme.name))
            };
            let mut cells = vec![name, Span::raw(short_province(&sme.province))];
            if !compact {
                cells.push(Span::raw(s.sector(&sme.sector).to_string()));
            }
            cells.push(Span::styled(score, band_style(c, band)));
            if !compact {
                cells.push(Span::raw(stage.to_string()));
            }
            cells
        },
        hits,
    );
}

/// Width given to the readiness panel beside the profile in the full layout.
const READINESS_W: u16 = 36;

pub fn detail(c: &Ctx, i: usize, scroll: usize, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let Some(sme) = c.app.data.p.smes.get(i) else {
        return;
    };
    let block = panel(c, &sme.name, area);
    let inner = block.inner(area);
    block.render(area, buf);
    // The readiness panel (gauge, domain bars, history) sits beside the profile when there is
    // room and something to show; otherwise readiness is a section of the page.
    let assessed = readiness(c, sme.id).is_some();
    let side = assessed && !c.compact && inner.width >= READINESS_W + 30 && inner.height >= 12;
    let (doc_area, side_area) = if side {
        let [d, _, r] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(READINESS_W),
        ])
        .areas(inner);
        (d, Some(r))
    } else {
        (inner, None)
    };
    let w = doc_area.width as usize;
    let mut lines = profile_lines(c, sme, w);
    if side_area.is_none() {
        lines.push(Line::default());
        lines.push(heading(c, c.s.sec_readiness));
        lines.extend(readiness_lines(c, sme.id, w));
    }
    // Target markets, plan and decision log; a focused row is kept in view.
    let base = lines.len();
    let follow = super::follow::lines(c, sme, w);
    lines.extend(follow.lines);
    lines.extend(super::changes::lines(c, sme, w));
    let page = doc_area.height as usize;
    let mut scroll = scroll;
    if let Some(line) = follow.focus.map(|l| l + base)
        && page > 0
    {
        if line < scroll {
            scroll = line.saturating_sub(1);
        } else if line >= scroll + page {
            scroll = line + 2 - page.min(line + 2);
        }
        hits.detail_scroll = Some(scroll);
    }
    document(lines, doc_area, buf, scroll, hits);
    let scroll = scroll.min(hits.max_scroll);
    for (line, zone) in follow.rows {
        let line = line + base;
        if line >= scroll && line < scroll + page {
            let y = doc_area.y + (line - scroll) as u16;
            hits.zones
                .push((Rect::new(doc_area.x, y, doc_area.width, 1), zone));
        }
    }
    scrollbar(c, area, buf, scroll, hits);
    if let Some(r) = side_area {
        readiness_panel(c, sme.id, r, buf);
    }
}

fn profile_lines<'a>(c: &Ctx, sme: &Sme, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let r = &c.app.data.p.reference;
    let vi = c.app.lang == Lang::Vi;
    let labels = [
        s.tax_code,
        s.col_province,
        s.col_sector,
        s.size,
        s.revenue,
        s.founded,
        s.experience,
        s.current_markets,
        s.languages,
        s.contact,
        s.notes,
    ];
    let lw = labels
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let mut lines = Vec::new();
    if sme.is_sample() {
        lines.push(Line::from(Span::styled(
            truncate(s.sample_sme, w),
            c.t.sample,
        )));
    }
    lines.extend(sync_lines(c, sme, w));
    lines.push(heading(c, s.sec_profile));
    let or_dash = |v: String| if v.is_empty() { s.dash.to_string() } else { v };
    let size = match (sme.size_class(), sme.employees) {
        (Some(class), Some(n)) => format!(
            "{} · {} {}",
            s.size_class(class),
            s.int(n as i64),
            s.employees
        ),
        _ => s.dash.to_string(),
    };
    let markets = sme
        .current_markets
        .iter()
        .map(|m| format!("{m} {}", market_name(c, m)))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = [
        (s.tax_code, or_dash(sme.tax_code.clone())),
        (s.col_province, or_dash(sme.province.clone())),
        (s.col_sector, s.sector(&sme.sector).to_string()),
        (s.size, size),
        (
            s.revenue,
            sme.revenue_usd.map_or(s.dash.to_string(), |v| s.usd(v)),
        ),
        (
            s.founded,
            sme.founded.map_or(s.dash.to_string(), |y| y.to_string()),
        ),
        (
            s.experience,
            sme.export_experience
                .map_or(s.dash.to_string(), |e| s.experience(e.code()).to_string()),
        ),
    ];
    for (label, value) in rows {
        lines.push(kv(c, label, value, lw, w));
    }
    // Long values wrap under their label instead of being cut.
    for (label, value) in [
        (s.current_markets, or_dash(markets)),
        (s.languages, or_dash(sme.languages.join(", "))),
    ] {
        for (k, part) in wrap(&value, w.saturating_sub(lw + 1))
            .into_iter()
            .enumerate()
        {
            lines.push(kv(c, if k == 0 { label } else { "" }, part, lw, w));
        }
    }
    // Name, e-mail and phone each on a line of their own: an address is never wrapped.
    let contact: Vec<&String> = [&sme.contact_name, &sme.contact_email, &sme.contact_phone]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect();
    if contact.is_empty() {
        lines.push(kv(c, s.contact, s.dash.to_string(), lw, w));
    }
    for (k, part) in contact.into_iter().enumerate() {
        lines.push(kv(
            c,
            if k == 0 { s.contact } else { "" },
            part.clone(),
            lw,
            w,
        ));
    }
    let sample_text =
        |text| crate::store::sample_texts::sme_text(c.app.lang, sme.is_sample(), text);
    for (k, part) in wrap(sample_text(&sme.notes), w.saturating_sub(lw + 1))
        .into_iter()
        .enumerate()
    {
        lines.push(kv(c, if k == 0 { s.notes } else { "" }, part, lw, w));
    }
    lines.push(Line::default());
    lines.push(heading(c, s.sec_products));
    if sme.products.is_empty() {
        lines.push(Line::from(Span::styled(s.none, c.t.dim)));
    }
    for prod in &sme.products {
        let hs = r.hs_description(&prod.hs, vi);
        let mut text = hs;
        let own = sample_text(&prod.description);
        if !own.is_empty() {
            text = if text.is_empty() {
                own.to_string()
            } else {
                format!("{text} — {own}")
            };
        }
        let code_w = 7;
        for (k, part) in wrap(&text, w.saturating_sub(code_w))
            .into_iter()
            .enumerate()
        {
            let code = if k == 0 { prod.hs.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(pad(code, code_w), c.t.title),
                Span::styled(part, c.t.base),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(heading(c, s.sec_certs));
    if sme.certifications.is_empty() {
        lines.push(Line::from(Span::styled(s.none, c.t.dim)));
    }
    for code in &sme.certifications {
        let name = r
            .certification(code)
            .map(|cert| {
                if vi && !cert.name_vi.is_empty() {
                    cert.name_vi.clone()
                } else {
                    cert.name.clone()
                }
            })
            .unwrap_or_default();
        let code_w = width(code).max(9) + 1;
        lines.push(Line::from(vec![
            Span::styled(pad(code, code_w), c.t.good),
            Span::styled(truncate(&name, w.saturating_sub(code_w)), c.t.base),
        ]));
    }
    lines
}

/// Which site last changed the SME and when (local time), and its pending sync conflicts.
fn sync_lines<'a>(c: &Ctx, sme: &Sme, w: usize) -> Vec<Line<'a>> {
    let t = c.s.sync;
    let overview = &c.app.sync.overview;
    let mut lines = Vec::new();
    let fields: Vec<String> = overview
        .conflicts_of(sme.id)
        .map(|k| super::sync::field_label(c, k))
        .collect();
    if !fields.is_empty() {
        let key = c.app.keymap.first(crate::app::Action::SyncView);
        let text = crate::say!(t.sme_conflicts, fields = fields.join(", "), key = key);
        lines.extend(
            wrap(&format!("! {text}"), w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, c.t.bad))),
        );
    }
    if let Some(site) = overview.sme_sites.get(&sme.id)
        && let (Some(name), Some(at)) = (&site.changed_site, &site.changed_at)
    {
        let text = crate::say!(
            t.last_changed,
            site = name,
            at = crate::clock::local_stamp(at)
        );
        lines.push(Line::from(Span::styled(truncate(&text, w), c.t.dim)));
    }
    lines
}

fn readiness<'a>(c: &Ctx<'a>, sme_id: i64) -> Option<&'a ReadinessView> {
    c.app.data.p.readiness.get(&sme_id)
}

fn history(c: &Ctx, sme_id: i64) -> Vec<f64> {
    c.app
        .data
        .p
        .history
        .get(&sme_id)
        .map(|h| h.iter().map(|(_, v)| *v).collect())
        .unwrap_or_default()
}

fn summary(c: &Ctx, r: &ReadinessView) -> (String, String) {
    let s = c.s;
    let score = r
        .overall
        .map(|v| format!("{}/100", s.num(v, 0)))
        .unwrap_or_else(|| s.dash.to_string());
    let mut when = format!(
        "{} {} · {} {}",
        s.assessed_on,
        crate::clock::local_day(&r.assessed_at),
        s.pct(r.coverage * 100.0, 0),
        s.answered
    );
    if r.capped_by_gate {
        when.push_str(&format!(" · {}", s.capped));
    }
    (score, when)
}

/// Readiness as text, for the compact layout.
fn readiness_lines<'a>(c: &Ctx, sme_id: i64, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let Some(r) = readiness(c, sme_id) else {
        return vec![Line::from(Span::styled(s.not_assessed, c.t.dim))];
    };
    let (score, when) = summary(c, r);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{score} "), c.t.title),
        Span::styled(
            truncate(s.band(r.band), w.saturating_sub(width(&score) + 1)),
            band_style(c, r.band),
        ),
    ])];
    lines.extend(
        wrap(&when, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.dim))),
    );
    let lw = r
        .domains
        .iter()
        .map(|(d, _)| width(s.domain(d)))
        .max()
        .unwrap_or(0)
        .min(w / 2);
    for (code, score) in &r.domains {
        let value = score.map_or(s.dash.to_string(), |v| s.num(v, 0));
        let bar_w = w.saturating_sub(lw + 5);
        lines.push(Line::from(vec![
            Span::styled(pad(s.domain(code), lw), c.t.base),
            Span::raw(" "),
            Span::styled(
                pad(&bar(score.unwrap_or(0.0), 100.0, bar_w), bar_w),
                c.t.bar,
            ),
            Span::styled(fit(&value, 4, true), c.t.base),
        ]));
    }
    let hist = history(c, sme_id);
    if hist.len() > 1 {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", s.history), c.t.dim),
            Span::styled(spark(&hist), c.t.bar),
        ]));
    }
    lines
}

/// Readiness beside the profile: gauge, one bar per domain, history sparkline.
fn readiness_panel(c: &Ctx, sme_id: i64, area: Rect, buf: &mut Buffer) {
    let s = c.s;
    let block = panel(c, s.sec_readiness, area);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let Some(r) = readiness(c, sme_id) else {
        Paragraph::new(Span::styled(truncate(s.not_assessed, w), c.t.dim)).render(inner, buf);
        return;
    };
    let (score, when) = summary(c, r);
    let when_lines = wrap(&when, w);
    let hist = history(c, sme_id);
    let mut constraints = vec![
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(when_lines.len() as u16),
        Constraint::Length(1),
    ];
    constraints.extend(r.domains.iter().map(|_| Constraint::Length(1)));
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Fill(1));
    let rows = Layout::vertical(constraints).split(inner);
    Gauge::default()
        .ratio(r.overall.map_or(0.0, |v| (v / 100.0).clamp(0.0, 1.0)))
        .label(Span::styled(score, c.t.title))
        .gauge_style(band_style(c, r.band))
        .use_unicode(true)
        .render(rows[0], buf);
    Paragraph::new(Span::styled(
        truncate(s.band(r.band), w),
        band_style(c, r.band),
    ))
    .render(rows[1], buf);
    Paragraph::new(
        when_lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.dim)))
            .collect::<Vec<_>>(),
    )
    .render(rows[2], buf);
    let lw = 18.min(w.saturating_sub(16));
    for (k, (code, value)) in r.domains.iter().enumerate() {
        let label = format!(
            "{} {} ",
            pad(s.domain(code), lw.saturating_sub(4)),
            fit(&value.map_or(s.dash.to_string(), |v| s.num(v, 0)), 3, true)
        );
        LineGauge::default()
            .filled_symbol("━")
            .unfilled_symbol("─")
            .ratio(value.map_or(0.0, |v| (v / 100.0).clamp(0.0, 1.0)))
            .label(Span::styled(label, c.t.base))
            .filled_style(c.t.gauge)
            .unfilled_style(c.t.gauge_empty)
            .render(rows[4 + k], buf);
    }
    let n = r.domains.len();
    let hist_title = rows[4 + n];
    let hist_area = rows[5 + n];
    if hist.len() > 1 && hist_area.height > 0 {
        let first = c.app.data.p.history[&sme_id]
            .first()
            .map(|(d, _)| d.get(..7).unwrap_or(d).to_string())
            .unwrap_or_default();
        Paragraph::new(Span::styled(
            truncate(&format!("{} {first}→", s.history), w),
            c.t.dim,
        ))
        .render(hist_title, buf);
        // Few assessments: widen each one so the trend reads as bars, not dots.
        let each = (inner.width as usize / hist.len()).clamp(1, 4);
        let data: Vec<u64> = hist
            .iter()
            .flat_map(|v| std::iter::repeat_n(v.round() as u64, each))
            .collect();
        Sparkline::default()
            .data(&data)
            .max(100)
            .style(c.t.bar)
            .render(
                Rect {
                    height: hist_area.height.min(4),
                    ..hist_area
                },
                buf,
            );
    }
}
