//! Tab 3: the market table with a world map of the listed markets (the selected one marked),
//! and the market detail: every indicator with its year and source, FTAs, requirements, remedies.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Map, MapResolution, Points};

use super::common::{
    Col, Ctx, document, heading, kv, list_columns, list_frame, panel, scrollbar, spark_figures,
    table, wrap,
};
use crate::app::{Column, Hits, Lang, Tab};
use crate::domain::reference::sources;
use crate::domain::{Figure, Market};
use crate::text::{pad, truncate, width};

pub fn list(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    // A world map reads right at about five columns per row: below the table on most
    // terminals, beside it only on very wide ones.
    let (table_area, map_area) = if area.width >= 160 && area.height >= 16 {
        let [t, m] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Fill(1)]).areas(area);
        (t, Some(m))
    } else if !c.compact && area.height >= 18 {
        let [t, m] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
        (t, Some(m))
    } else {
        (area, None)
    };
    let inner = list_frame(c, Tab::Markets, table_area, buf);
    let s = c.s;
    let compact = c.compact || inner.width < 76;
    let (cols, index) = list_columns(c, Tab::Markets, |col| match col {
        Column::Iso3 => Some(Col::new(s.col_iso3, Constraint::Length(5))),
        Column::MarketName => Some(Col::new(s.col_market, Constraint::Fill(1))),
        Column::Region if !compact => Some(Col::new(s.col_region, Constraint::Length(9))),
        Column::Priority => Some(Col::new(s.col_priority, Constraint::Length(14))),
        Column::Fta => Some(Col::new(s.col_fta, Constraint::Length(13))),
        Column::GdpPerCapita if !compact => {
            Some(Col::new(s.col_gdp_pc, Constraint::Length(9)).right())
        }
        Column::Distance if !compact => {
            Some(Col::new(s.col_distance, Constraint::Length(6)).right())
        }
        _ => None,
    });
    let app = c.app;
    let view = &app.markets;
    let r = &app.data.p.reference;
    let vi = app.lang == Lang::Vi;
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
            let m = &r.markets[i];
            let fta = app.data.market_fta[i];
            let fta_style = match fta {
                Some(crate::domain::FtaStatus::InForce) => c.t.good,
                Some(_) => c.t.warn,
                None => c.t.dim,
            };
            let prio_style = if m.priority.is_programme_priority() {
                c.t.title
            } else {
                c.t.base
            };
            let mut cells = vec![
                Span::styled(m.iso3.clone(), c.t.dim),
                Span::raw(m.display_name(vi).to_string()),
            ];
            if !compact {
                cells.push(Span::raw(s.region(&m.region).to_string()));
            }
            cells.push(Span::styled(
                s.priority(m.priority.code()).to_string(),
                prio_style,
            ));
            cells.push(Span::styled(
                s.fta_status(fta.map_or("none", |f| f.code())).to_string(),
                fta_style,
            ));
            if !compact {
                cells.push(Span::raw(
                    m.gdp_per_capita_usd
                        .map_or(s.dash.to_string(), |f| s.int(f.value.round() as i64)),
                ));
                cells.push(Span::raw(
                    m.distance_km
                        .map_or(s.dash.to_string(), |d| s.int(d.round() as i64)),
                ));
            }
            cells
        },
        hits,
    );
    if let Some(m) = map_area {
        world_map(c, m, buf);
    }
}

fn world_map(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let view = &c.app.markets;
    let r = &c.app.data.p.reference;
    let coords: Vec<(f64, f64)> = view
        .rows
        .iter()
        .filter_map(|&i| Some((r.markets[i].lon?, r.markets[i].lat?)))
        .collect();
    let selected = view.current().map(|i| &r.markets[i]);
    let title = match selected {
        Some(m) => format!(
            "{} · {}",
            c.s.map_title,
            m.display_name(c.app.lang == Lang::Vi)
        ),
        None => c.s.map_title.to_string(),
    };
    let resolution = if area.width >= 100 {
        MapResolution::High
    } else {
        MapResolution::Low
    };
    let t = c.t;
    Canvas::default()
        .block(panel(c, &title, area))
        .marker(Marker::Braille)
        .x_bounds([-180.0, 180.0])
        .y_bounds([-58.0, 84.0])
        .paint(|ctx| {
            ctx.draw(&Map {
                resolution,
                color: t.map,
            });
            ctx.layer();
            ctx.draw(&Points {
                coords: &coords,
                color: t.marker,
            });
            if let Some((lon, lat)) = selected.and_then(|m| Some((m.lon?, m.lat?))) {
                let iso3 = selected.map(|m| m.iso3.as_str()).unwrap_or("");
                ctx.print(
                    lon,
                    lat,
                    Span::styled(format!("◉{iso3}"), t.marker_selected),
                );
            }
        })
        .render(area, buf);
}

pub fn detail(c: &Ctx, i: usize, scroll: usize, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let r = &c.app.data.p.reference;
    let Some(m) = r.markets.get(i) else {
        return;
    };
    let vi = c.app.lang == Lang::Vi;
    let other = if vi { &m.name } else { &m.name_vi };
    let mut title = format!("{} · {}", m.iso3, m.display_name(vi));
    if !other.is_empty() && other != m.display_name(vi) {
        title.push_str(&format!(" ({other})"));
    }
    let block = panel(c, &title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let mut lines = indicator_lines(c, m, w);
    lines.extend(super::demand::lines(c, m, w));
    lines.extend(trade_lines(c, m, w));
    lines.extend(fta_lines(c, m, w));
    lines.extend(requirement_lines(c, m, w));
    lines.extend(remedy_lines(c, m, w));
    document(lines, inner, buf, scroll, hits);
    scrollbar(c, area, buf, scroll, hits);
}

/// BACI trade of the products of the SME selected on the SMEs tab, in this market.
fn trade_lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let p = &c.app.data.p;
    let Some(sme) = c.app.smes.current().and_then(|i| p.smes.get(i)) else {
        return Vec::new();
    };
    let vi = c.app.lang == Lang::Vi;
    let mut lines = Vec::new();
    for product in &sme.products {
        let (demand, foothold, competitors) =
            crate::domain::matching::trade_context(&p.reference, &product.hs, &m.iso3);
        let body = super::trade::lines(c, demand.as_ref(), foothold.as_ref(), &competitors, w);
        if body.is_empty() {
            continue;
        }
        if lines.is_empty() {
            lines.push(Line::default());
            lines.push(heading(c, super::trade::strings(c).sec_trade));
        }
        let name = format!(
            "HS {} {} · {}",
            product.hs,
            p.reference.hs_description(&product.hs, vi),
            sme.name
        );
        lines.push(Line::from(Span::styled(truncate(&name, w), c.t.title)));
        lines.extend(body);
    }
    lines
}

/// Columns of the value and of the longest source name.
const VALUE_W: usize = 20;
const SOURCE_W: usize = 32;

/// Whether label, value and source fit on one line (else the source goes under the value).
fn three_columns(w: usize) -> bool {
    w > 23 + VALUE_W + SOURCE_W + 1
}

/// Labels take 23 columns on one-line rows, else up to half the line.
fn label_width(w: usize) -> usize {
    if three_columns(w) { 23 } else { 23.min(w / 2) }
}

/// One indicator: label, value with its year, source. Three columns when wide, else the source
/// goes on its own line under the value.
fn indicator<'a>(
    c: &Ctx,
    label: &str,
    value: Option<String>,
    year: Option<u16>,
    source: &str,
    w: usize,
) -> Vec<Line<'a>> {
    let lw = label_width(w);
    let text = match (value, year) {
        (Some(v), Some(y)) => format!("{v} ({y})"),
        (Some(v), None) => v,
        (None, _) => c.s.no_data.to_string(),
    };
    let vw = VALUE_W;
    if three_columns(w) {
        vec![Line::from(vec![
            Span::styled(pad(label, lw), c.t.dim),
            Span::raw(" "),
            Span::styled(pad(&text, vw), c.t.base),
            Span::raw(" "),
            Span::styled(truncate(source, w.saturating_sub(lw + vw + 2)), c.t.dim),
        ])]
    } else {
        // Narrow: the source goes under the value, wrapped rather than cut.
        let mut lines = vec![kv(c, label, text, lw, w)];
        let source = format!("{}: {source}", c.s.source);
        for part in wrap(&source, w.saturating_sub(lw + 1)) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(lw + 1)),
                Span::styled(part, c.t.dim),
            ]));
        }
        lines
    }
}

/// A figure as text with its year.
type Shown = (Option<String>, Option<u16>);

fn fig(f: Option<Figure>, show: impl Fn(f64) -> String) -> Shown {
    (f.map(|f| show(f.value)), f.map(|f| f.year))
}

fn indicator_lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let mut lines = Vec::new();
    let lw = label_width(w);
    lines.push(kv(
        c,
        s.ind_region,
        format!("{} · {}", s.region(&m.region), m.subregion),
        lw,
        w,
    ));
    let prio_style = if m.priority.is_programme_priority() {
        c.t.title
    } else {
        c.t.base
    };
    lines.push(Line::from(vec![
        Span::styled(pad(s.ind_segment, lw), c.t.dim),
        Span::raw(" "),
        Span::styled(
            truncate(s.priority(m.priority.code()), w.saturating_sub(lw + 1)),
            prio_style,
        ),
    ]));
    lines.push(Line::default());
    lines.push(heading(c, s.sec_indicators));
    let gov = m.governance.as_ref();
    let gov_year = gov.map(|g| g.year);
    let rows: Vec<(&str, Shown, &str)> = vec![
        (s.ind_gdp, fig(m.gdp_usd, |v| s.usd(v)), sources::WDI_GDP),
        (
            s.ind_gdp_pc,
            fig(m.gdp_per_capita_usd, |v| s.usd(v)),
            sources::WDI_GDP_PC,
        ),
        (
            s.ind_population,
            fig(m.population, |v| s.big(v)),
            sources::WDI_POP,
        ),
        (
            s.ind_growth,
            fig(m.gdp_growth_pct, |v| s.pct(v, 1)),
            sources::WDI_GROWTH,
        ),
        (
            s.ind_imports,
            fig(m.latest_imports(), |v| s.usd(v)),
            sources::WDI_IMPORTS,
        ),
        (
            s.ind_distance,
            (
                m.distance_km
                    .map(|d| format!("{} km", s.int(d.round() as i64))),
                Some(sources::CEPII_DIST_YEAR),
            ),
            sources::CEPII_DIST,
        ),
        (
            s.ind_lpi,
            (
                m.lpi.as_ref().map(|l| format!("{}/5", s.num(l.overall, 1))),
                Some(sources::LPI_YEAR),
            ),
            sources::LPI,
        ),
        (
            s.ind_stability,
            (
                gov.and_then(|g| g.political_stability).map(|v| s.num(v, 2)),
                gov_year,
            ),
            sources::WGI,
        ),
        (
            s.ind_rule_of_law,
            (
                gov.and_then(|g| g.rule_of_law).map(|v| s.num(v, 2)),
                gov_year,
            ),
            sources::WGI,
        ),
        (
            s.ind_muslim,
            (
                m.muslim_share_pct.map(|v| s.pct(v, 1)),
                Some(sources::PEW_MUSLIM_YEAR),
            ),
            sources::PEW_MUSLIM,
        ),
        (
            s.ind_halal,
            (
                m.halal_relevance
                    .as_deref()
                    .map(|h| s.halal_level(h).to_string()),
                None,
            ),
            sources::HALAL,
        ),
    ];
    for (label, (value, year), source) in rows {
        lines.extend(indicator(c, label, value, year, source, w));
        if label == s.ind_imports {
            lines.extend(imports_trend(c, m, lw));
        }
    }
    // Lists of names can be long: wrapped under the label, the source after them.
    for (label, list) in [(s.languages, &m.languages), (s.ind_currency, &m.currency)] {
        let value = if list.is_empty() {
            s.no_data.to_string()
        } else {
            format!("{} ({})", list.join(", "), sources::COUNTRIES)
        };
        for (k, part) in wrap(&value, w.saturating_sub(lw + 1))
            .into_iter()
            .enumerate()
        {
            lines.push(kv(c, if k == 0 { label } else { "" }, part, lw, w));
        }
    }
    lines
}

/// The imports series as a trend line under the latest figure, first and last year named.
fn imports_trend<'a>(c: &Ctx, m: &Market, lw: usize) -> Option<Line<'a>> {
    let mut lines = None;
    if m.imports.len() > 1 {
        let first = m.imports.first().map(|f| f.year).unwrap_or(0);
        let last = m.imports.last().map(|f| f.year).unwrap_or(0);
        lines = Some(Line::from(vec![
            Span::raw(" ".repeat(lw + 1)),
            Span::styled(spark_figures(&m.imports), c.t.bar),
            Span::styled(format!(" {first}–{last}"), c.t.dim),
        ]));
    }
    lines
}

fn fta_lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let r = &c.app.data.p.reference;
    let vi = c.app.lang == Lang::Vi;
    let mut lines = vec![Line::default(), heading(c, s.sec_ftas)];
    let ftas: Vec<_> = r.ftas_with(&m.iso3).collect();
    let code_w = ftas
        .iter()
        .map(|f| width(&f.code))
        .max()
        .unwrap_or(0)
        .min(10);
    if ftas.is_empty() {
        lines.push(Line::from(Span::styled(truncate(s.no_fta, w), c.t.dim)));
    }
    for f in ftas {
        let name = if vi && !f.name_vi.is_empty() {
            &f.name_vi
        } else {
            &f.name
        };
        let style = if f.status == crate::domain::FtaStatus::InForce {
            c.t.good
        } else {
            c.t.warn
        };
        let year = f.year.map(|y| format!(", {y}")).unwrap_or_default();
        let co = if f.co_form.is_empty() {
            String::new()
        } else {
            format!(" · {} {}", s.co_form, f.co_form)
        };
        let head = format!("{} ", pad(&f.code, code_w));
        let text = format!("{} ({}{year}){co}", name, s.fta_status(f.status.code()));
        for (k, part) in wrap(&text, w.saturating_sub(width(&head)))
            .into_iter()
            .enumerate()
        {
            let h = if k == 0 {
                head.clone()
            } else {
                " ".repeat(width(&head))
            };
            lines.push(Line::from(vec![
                Span::styled(h, style),
                Span::styled(part, c.t.base),
            ]));
        }
    }
    lines
}

fn requirement_lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let r = &c.app.data.p.reference;
    let vi = c.app.lang == Lang::Vi;
    let mut lines = vec![Line::default(), heading(c, s.sec_requirements)];
    let reqs: Vec<_> = r
        .requirements
        .iter()
        .filter(|q| r.scope_covers(&q.market, &m.iso3))
        .collect();
    if reqs.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.no_requirements, w),
            c.t.dim,
        )));
    }
    for q in reqs {
        let title = if vi && !q.title_vi.is_empty() {
            &q.title_vi
        } else {
            &q.title
        };
        let style = match q.severity {
            crate::domain::Severity::Mandatory => c.t.bad,
            crate::domain::Severity::Expected => c.t.warn,
        };
        let sev = format!("[{}] ", s.severity(q.severity));
        for (k, part) in wrap(title, w.saturating_sub(width(&sev)))
            .into_iter()
            .enumerate()
        {
            let h = if k == 0 {
                sev.clone()
            } else {
                " ".repeat(width(&sev))
            };
            lines.push(Line::from(vec![
                Span::styled(h, style),
                Span::styled(part, c.t.base),
            ]));
        }
        let products = if q.hs_prefixes.is_empty() {
            s.all_products.to_string()
        } else {
            // Each code with a short name (Vietnamese from AHTN 2022 in Vietnamese).
            let named: Vec<String> = q
                .hs_prefixes
                .iter()
                .map(|hs| {
                    let name = crate::domain::hs::fit(&r.hs_description(hs, vi), 28);
                    format!("{hs} {name}").trim_end().to_string()
                })
                .collect();
            format!("HS {}", named.join(", "))
        };
        let met_by: Vec<String> = q
            .satisfied_by
            .iter()
            .map(|code| match r.certification(code) {
                Some(cert) if vi && !cert.name_vi.is_empty() => cert.name_vi.clone(),
                Some(cert) => cert.name.clone(),
                None => code.clone(),
            })
            .collect();
        let scope = if q.market == "*" {
            s.all_markets.to_string()
        } else {
            q.market.clone()
        };
        let mut detail = format!("{scope} · {products}");
        if !met_by.is_empty() {
            detail.push_str(&format!(" · {}: {}", s.met_by, met_by.join(", ")));
        }
        let indent = width(&sev);
        for part in wrap(&detail, w.saturating_sub(indent)) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(part, c.t.dim),
            ]));
        }
    }
    lines
}

fn remedy_lines<'a>(c: &Ctx, m: &Market, w: usize) -> Vec<Line<'a>> {
    let s = c.s;
    let r = &c.app.data.p.reference;
    let vi = c.app.lang == Lang::Vi;
    let mut lines = vec![Line::default(), heading(c, s.sec_remedies)];
    let remedies: Vec<_> = r
        .remedies
        .iter()
        .filter(|x| r.scope_covers(&x.market, &m.iso3))
        .collect();
    if remedies.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.no_remedies, w),
            c.t.dim,
        )));
    }
    for x in remedies {
        let product = if vi && !x.product_vi.is_empty() {
            &x.product_vi
        } else {
            &x.product
        };
        let style = if x.is_live() { c.t.bad } else { c.t.dim };
        let year = x.year.map(|y| y.to_string()).unwrap_or_default();
        let text = format!(
            "{} · {year} · {} · {product}",
            s.measure(&x.measure),
            s.remedy_status(&x.status)
        );
        for (k, part) in wrap(&text, w.saturating_sub(2)).into_iter().enumerate() {
            let h = if k == 0 { "! " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(h, style),
                Span::styled(part, if k == 0 { style } else { c.t.base }),
            ]));
        }
        if !x.case_ref.is_empty() {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(truncate(&x.case_ref, w.saturating_sub(2)), c.t.dim),
            ]));
        }
    }
    lines
}
