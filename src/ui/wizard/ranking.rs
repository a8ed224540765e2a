//! The ranking step: the markets with their score, coverage, component bar, FTA and flags;
//! the weights panel, the filter choices and the discard question over it.

use super::*;

/// `!✗★●` flags of a result, each in its own column (blank when absent).
fn flags(r: &MarketResult) -> String {
    let remedy = r.alerts.iter().any(|a| a.kind == "trade_remedy");
    let unmet = r.unmet().any(|q| q.severity == Severity::Mandatory);
    [
        if remedy { '!' } else { ' ' },
        if unmet { '✗' } else { ' ' },
        if r.priority_region { '★' } else { ' ' },
        if r.existing_market { '●' } else { ' ' },
    ]
    .iter()
    .collect()
}

fn fta_text(c: &Ctx, r: &MarketResult) -> String {
    match r.fta.as_slice() {
        [] => c.s.dash.to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first}+{}", rest.len()),
    }
}

fn filter_label(c: &Ctx, f: &MarketFilter) -> String {
    let s = ws(c);
    match f {
        MarketFilter::All => s.filter_all.to_string(),
        MarketFilter::PriorityRegions => s.filter_priority.to_string(),
        MarketFilter::Segment(p) => format!("{} · {}", s.filter_segment, c.s.priority(p.code())),
        MarketFilter::Region(r) => format!("{} · {}", s.filter_region, c.s.region(r)),
    }
}

pub(super) fn ranking(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    let width_ = area.width as usize;
    let product = match &w.product {
        Some(hs) => product_text(c, w, hs),
        None => s.all_products.to_string(),
    };
    let marked = if w.marked.is_empty() {
        String::new()
    } else {
        format!(" · {} {}", s.marked, w.marked.join(" "))
    };
    // The product on one line (HS descriptions are long), the weights and filter on the next.
    let settings = format!(
        "{}: {} · {}: {} ({}/{}){marked}",
        s.preset,
        preset_text(c, w),
        s.filter,
        filter_label(c, &w.filter),
        c.s.int(w.rows.len() as i64),
        c.s.int(w.results.len() as i64),
    );
    let info_lines = [
        truncate(&format!("{}: {product}", s.product), width_),
        truncate(&settings, width_),
    ];
    let legend = legend_text(c);
    let legend_lines: Vec<String> = if area.height >= 12 {
        wrap(&legend, width_).into_iter().take(3).collect()
    } else {
        Vec::new()
    };
    let top = (info_lines.len() as u16).min(area.height);
    Paragraph::new(
        info_lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.dim)))
            .collect::<Vec<_>>(),
    )
    .render(
        Rect {
            height: top,
            ..area
        },
        buf,
    );
    let bottom = (legend_lines.len() as u16).min(area.height - top);
    let legend_area = Rect {
        y: area.bottom() - bottom,
        height: bottom,
        ..area
    };
    Paragraph::new(
        legend_lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.dim)))
            .collect::<Vec<_>>(),
    )
    .render(legend_area, buf);
    let mut list = Rect {
        y: area.y + top,
        height: area.height - top - bottom,
        ..area
    };
    let side = area.width >= SIDE_PANEL_FROM;
    let mut panel_area = None;
    if side || w.weights_focus {
        let pw = PANEL_W.min(area.width);
        let rect = Rect {
            x: area.right() - pw,
            width: pw,
            ..list
        };
        if side {
            list.width = list.width.saturating_sub(pw + 1);
        }
        panel_area = Some(rect);
    }
    market_table(c, w, list, buf, hits);
    if let Some(rect) = panel_area {
        weights_panel(c, w, rect, buf);
    }
}

fn legend_text(c: &Ctx) -> String {
    let s = ws(c);
    let parts: Vec<String> = (0..N_COMPONENTS)
        .map(|i| format!("{} {}", LETTERS[i], component_names(c)[i].to_lowercase()))
        .collect();
    format!("{} · {}", parts.join("  "), s.legend_flags)
}

fn market_table(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    let narrow = area.width < 70;
    let bar_w: u16 = if area.width >= 84 {
        25
    } else if narrow {
        10
    } else {
        16
    };
    let mut cols = vec![
        Col::new("", Constraint::Length(3)),
        Col::new("#", Constraint::Length(3)).right(),
        Col::new(s.col_market, Constraint::Fill(1)),
        Col::new(s.col_score, Constraint::Length(5)).right(),
    ];
    if !narrow {
        cols.push(Col::new(s.col_coverage, Constraint::Length(4)).right());
    }
    cols.push(Col::new(s.col_bar, Constraint::Length(bar_w)));
    if !narrow {
        cols.push(Col::new(s.col_fta, Constraint::Length(9)));
    }
    cols.push(Col::new(s.col_flags, Constraint::Length(5)));
    let index: Vec<usize> = (0..cols.len()).collect();
    let bar_col = if narrow { 4 } else { 5 };
    let ws_ = widths(&cols, area.width);
    let bar_x: u16 = area.x + ws_[..bar_col].iter().map(|w| w + 1).sum::<u16>();
    let offset = table(
        c,
        area,
        buf,
        &cols,
        &index,
        w.rows.len(),
        w.selected,
        w.offset,
        |row, _| {
            let r = &w.results[w.rows[row]];
            let mark = if w.marked.contains(&r.market) {
                "[x]"
            } else {
                "[ ]"
            };
            let score = r
                .score
                .map(|v| c.s.num(v, 1))
                .unwrap_or_else(|| c.s.dash.to_string());
            let mut cells = vec![
                Span::styled(mark, if mark == "[x]" { c.t.title } else { c.t.dim }),
                Span::raw(r.rank.to_string()),
                Span::raw(format!("{} {}", r.market, market_name(c, &r.market))),
                Span::styled(score, c.t.title),
            ];
            if !narrow {
                cells.push(Span::styled(
                    c.s.pct(r.coverage * 100.0, 0),
                    if r.coverage + 1e-9 >= c.app.config.matching.min_coverage {
                        c.t.base
                    } else {
                        c.t.warn
                    },
                ));
            }
            cells.push(Span::raw(""));
            if !narrow {
                cells.push(Span::raw(fta_text(c, r)));
            }
            cells.push(Span::styled(flags(r), c.t.bad));
            cells
        },
        hits,
    );
    if w.rows.is_empty() && area.height > 1 {
        let body = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        Paragraph::new(Span::styled(
            truncate(s.no_markets, area.width as usize),
            c.t.dim,
        ))
        .render(body, buf);
    }
    // The bars are drawn over their column, one style per component.
    let page = area.height.saturating_sub(1) as usize;
    let bar_cells_w = ws_[bar_col] as usize;
    for (k, row) in (offset..w.rows.len()).take(page).enumerate() {
        let r = &w.results[w.rows[row]];
        let y = area.y + 1 + k as u16;
        let line = Line::from(bar_spans(c, r, bar_cells_w));
        buf.set_line(bar_x, y, &line, bar_cells_w as u16);
    }
}

fn weights_panel(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer) {
    let s = ws(c);
    Clear.render(area, buf);
    buf.set_style(area, c.t.base);
    let block = panel(c, s.weights, area);
    let block = if w.weights_focus {
        block.border_style(c.t.title)
    } else {
        block
    };
    let inner = block.inner(area);
    block.render(area, buf);
    let iw = inner.width as usize;
    let mut lines = Vec::new();
    for part in wrap(&format!("{}: {}", s.preset, preset_text(c, w)), iw)
        .into_iter()
        .take(2)
    {
        lines.push(Line::from(Span::styled(part, c.t.dim)));
    }
    let total: f64 = w.scheme.weights.iter().sum();
    let name_w = iw.saturating_sub(2 + 4 + 1 + 6).min(13);
    let bar_w = iw.saturating_sub(2 + name_w + 4 + 1);
    for (i, &weight) in w.scheme.weights.iter().enumerate() {
        let selected = w.weights_focus && i == w.weight_row;
        let base = if selected { c.t.selected } else { c.t.base };
        let share = if total > 0.0 { weight / total } else { 0.0 };
        lines.push(Line::from(vec![
            Span::styled(LETTERS[i].to_string(), c.t.series[i]),
            Span::styled(" ", base),
            Span::styled(pad(&truncate(component_names(c)[i], name_w), name_w), base),
            Span::styled(fit(&c.s.num(weight, 0), 4, true), base),
            Span::styled(" ", base),
            Span::styled(
                pad(&crate::ui::common::bar(share, 0.5, bar_w), bar_w),
                if selected { c.t.selected } else { c.t.bar },
            ),
        ]));
    }
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{} +{}",
                s.priority_bonus,
                c.s.num(w.scheme.priority_region_bonus, 0)
            ),
            iw,
        ),
        c.t.dim,
    )));
    Paragraph::new(lines).render(inner, buf);
}

pub(super) fn filter_menu(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer) {
    let Some(menu) = &w.filter_menu else {
        return;
    };
    let labels: Vec<String> = menu.items.iter().map(|f| filter_label(c, f)).collect();
    let want = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 4;
    let pw = (want.max(width(ws(c).filter_title) + 6) as u16).min(area.width.saturating_sub(2));
    let ph = (labels.len() as u16 + 2).min(area.height);
    let rect = centered(area, pw, ph);
    Clear.render(rect, buf);
    buf.set_style(rect, c.t.base);
    let block = panel(c, ws(c).filter_title, rect);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let page = inner.height as usize;
    if page == 0 {
        return;
    }
    let offset = menu.selected.saturating_sub(page - 1);
    let lines: Vec<Line> = labels
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, l)| {
            let style = if i == menu.selected {
                c.t.selected
            } else {
                c.t.base
            };
            Line::from(Span::styled(
                pad(&truncate(l, inner.width as usize), inner.width as usize),
                style,
            ))
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// "Discard the services chosen?  y discard   n keep", as the assessment form asks it.
pub(super) fn confirm(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    crate::ui::common::confirm_prompt(
        c,
        (s.title, s.discard),
        (s.hint_discard, s.hint_keep),
        area,
        buf,
        hits,
    );
}
