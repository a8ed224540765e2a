//! The form's pickers (province, sector, export history; certifications and markets; products
//! over the HS nomenclature) and the deleted-SMEs view: popups with a filter line and a list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::common::{Ctx, fit, panel};
use super::edit::{chosen_style, edit_spans};
use crate::app::Hits;
use crate::app::Lang;
use crate::app::edit::{
    DeletedView, FIELDS, Form, Kind, LineEdit, ListPicker, MultiPicker, ProductFocus,
    ProductPicker, Row,
};
use crate::text::{pad, truncate, width};

/// A popup as tall as the body allows and up to 76 columns wide; returns its inner area.
fn frame(c: &Ctx, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let w = area.width.saturating_sub(4).clamp(area.width.min(20), 76);
    let h = area.height.saturating_sub(2).max(area.height.min(5));
    let rect = super::common::centered(area, w, h);
    Clear.render(rect, buf);
    buf.set_style(rect, c.t.base);
    let block = panel(c, title, rect);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// `label: text▏` on one line.
fn query_line<'a>(c: &Ctx, label: &str, q: &LineEdit, w: usize) -> Line<'a> {
    let prompt = format!("{label}: ");
    let mut spans = vec![Span::styled(prompt.clone(), c.t.key)];
    spans.extend(edit_spans(c, q, w.saturating_sub(width(&prompt))));
    Line::from(spans)
}

/// Draw `rows` (already cut to the width) as a scrolling list in `area` with `selected`
/// highlighted; records the list for clicks. `offset` is where the last frame started.
fn list_rows(
    c: &Ctx,
    rows: Vec<Line<'static>>,
    selected: Option<usize>,
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
    hits: &mut Hits,
) {
    let page = area.height as usize;
    if page == 0 {
        return;
    }
    hits.edit.page = page;
    let mut offset = offset.min(rows.len().saturating_sub(1));
    if let Some(sel) = selected {
        if sel < offset {
            offset = sel;
        } else if sel >= offset + page {
            offset = sel + 1 - page;
        }
    }
    hits.edit.list = Some((area, offset));
    if rows.is_empty() {
        Paragraph::new(Span::styled(
            truncate(c.s.edit.no_match, area.width as usize),
            c.t.dim,
        ))
        .render(area, buf);
        return;
    }
    let visible: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, line)| {
            if Some(i) == selected {
                line.style(c.t.selected)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(visible).render(area, buf);
}

fn split(inner: Rect, top: u16) -> (Rect, Rect) {
    let top = top.min(inner.height);
    (
        Rect {
            height: top,
            ..inner
        },
        Rect {
            y: inner.y + top,
            height: inner.height - top,
            ..inner
        },
    )
}

pub fn list(c: &Ctx, form: &Form, p: &ListPicker, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = c.s.edit;
    let kind = FIELDS[p.field].1;
    let title = match kind {
        Kind::Province => s.province_title,
        Kind::Sector => s.sector_title,
        _ => s.experience_title,
    };
    let inner = frame(c, title, area, buf);
    let w = inner.width as usize;
    let (top, body) = split(inner, 1);
    Paragraph::new(query_line(c, s.filter, &p.query, w)).render(top, buf);
    let current = form.text(p.field);
    let rows: Vec<Line<'static>> = p
        .rows
        .iter()
        .map(|row| {
            let text = match row {
                Row::Item(i, via) => {
                    let value = &p.items[*i].value;
                    let shown = match kind {
                        Kind::Sector => format!("{} ({value})", c.s.sector(value)),
                        Kind::Experience if value.is_empty() => s.not_given.to_string(),
                        Kind::Experience => c.s.experience(value).to_string(),
                        _ => value.clone(),
                    };
                    match via {
                        Some(old) => format!("{old} → {shown}"),
                        None => shown,
                    }
                }
                Row::New(text) => format!("{text} ({})", s.new_value),
            };
            let mark = match row {
                Row::Item(i, _) if p.items[*i].value == current => "● ",
                _ => "  ",
            };
            Line::from(Span::raw(pad(&format!("{mark}{text}"), w)))
        })
        .collect();
    list_rows(c, rows, Some(p.selected), p.offset, body, buf, hits);
}

pub fn multi(c: &Ctx, p: &MultiPicker, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = c.s.edit;
    let kind = FIELDS[p.field].1;
    let base = if kind == Kind::Markets {
        s.markets_title
    } else {
        s.certs_title
    };
    let title = format!("{base} · {} {}", s.chosen, p.chosen.len());
    let inner = frame(c, &title, area, buf);
    let w = inner.width as usize;
    let (top, body) = split(inner, 2);
    let chosen = if p.chosen.is_empty() {
        "—".to_string()
    } else {
        p.chosen.join(", ")
    };
    Paragraph::new(vec![
        query_line(c, s.filter, &p.query, w),
        Line::from(Span::styled(
            truncate(&format!("{}: {chosen}", s.chosen), w),
            c.t.good,
        )),
    ])
    .render(top, buf);
    let vi = c.app.lang == Lang::Vi;
    let code_w = if kind == Kind::Markets { 4 } else { 11 };
    let rows: Vec<Line<'static>> = p
        .rows
        .iter()
        .map(|&i| {
            let item = &p.items[i];
            let on = p.is_chosen(&item.code);
            let name = if vi && !item.name_vi.is_empty() {
                &item.name_vi
            } else {
                &item.name
            };
            let mark = if on { "[x] " } else { "[ ] " };
            let rest = w.saturating_sub(4 + code_w);
            Line::from(vec![
                Span::styled(mark, if on { c.t.good } else { c.t.dim }),
                Span::styled(fit(&item.code, code_w, false), c.t.title),
                Span::raw(pad(&truncate(name, rest), rest)),
            ])
        })
        .collect();
    list_rows(c, rows, Some(p.selected), p.offset, body, buf, hits);
}

pub fn products(c: &Ctx, p: &ProductPicker, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = c.s.edit;
    let r = &c.app.data.p.reference;
    let vi = c.app.lang == Lang::Vi;
    let inner = frame(c, s.products_title, area, buf);
    let w = inner.width as usize;
    // Chosen products first (a few lines), then the search line and the results.
    let shown_chosen = p.chosen.len().clamp(1, 4) as u16;
    let (top, body) = split(inner, shown_chosen + 2);
    let code_w = 7;
    let describe = |hs: &str, d: &str| {
        let official = r.hs_description(hs, vi);
        match (official.is_empty(), d.is_empty()) {
            (_, true) => official,
            (true, false) => d.to_string(),
            (false, false) => format!("{d} — {official}"),
        }
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("{} ({})", s.chosen, p.chosen.len()),
        c.t.heading,
    ))];
    if p.chosen.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.none_chosen, w),
            c.t.dim,
        )));
    }
    let first = p
        .chosen_selected
        .saturating_sub(shown_chosen as usize - 1)
        .min(p.chosen.len().saturating_sub(shown_chosen as usize));
    for (k, prod) in p
        .chosen
        .iter()
        .enumerate()
        .skip(first)
        .take(shown_chosen as usize)
    {
        let selected = p.focus == ProductFocus::Chosen && k == p.chosen_selected;
        let style = chosen_style(c, selected);
        lines.push(Line::from(vec![
            Span::styled(fit(&prod.hs, code_w, false), style.patch(c.t.good)),
            Span::styled(
                pad(
                    &truncate(&describe(&prod.hs, &prod.description), w - code_w),
                    w - code_w,
                ),
                style,
            ),
        ]));
    }
    lines.push(match &p.describing {
        Some((at, line)) => {
            let hs = p.chosen.get(*at).map(|p| p.hs.as_str()).unwrap_or_default();
            query_line(c, &format!("{} {hs}", s.description), line, w)
        }
        None => query_line(c, s.search_hs, &p.query, w),
    });
    Paragraph::new(lines).render(top, buf);
    let rows: Vec<Line<'static>> = p
        .results
        .iter()
        .filter_map(|&i| r.hs.get(i))
        .map(|h| {
            let taken = p.chosen.iter().any(|c| c.hs == h.code);
            let mut text = h.description.clone();
            if vi && h.code.len() > 2 {
                // A heading's Vietnamese name is its chapter's: say which chapter it is in.
                let chapter = r.hs_description(&h.code[..2], true);
                if !chapter.is_empty() {
                    text = format!("{text} · {chapter}");
                }
            } else if vi && !h.description_vi.is_empty() {
                text = h.description_vi.clone();
            }
            let rest = w.saturating_sub(code_w + 2);
            Line::from(vec![
                Span::styled(fit(&h.code, code_w, false), c.t.title),
                Span::styled(if taken { "✓ " } else { "  " }, c.t.good),
                Span::raw(pad(&truncate(&text, rest), rest)),
            ])
        })
        .collect();
    let selected =
        (p.focus == ProductFocus::Results && p.describing.is_none()).then_some(p.selected);
    list_rows(c, rows, selected, p.offset, body, buf, hits);
}

pub fn deleted(c: &Ctx, view: &DeletedView, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = c.s.edit;
    let n = view.rows.as_ref().map_or(0, Vec::len);
    let title = format!("{} · {}", s.deleted_title, c.s.int(n as i64));
    let inner = frame(c, &title, area, buf);
    let w = inner.width as usize;
    let Some(rows) = &view.rows else {
        let text = view.error.as_deref().unwrap_or(s.reading);
        Paragraph::new(Span::styled(truncate(text, w), c.t.dim)).render(inner, buf);
        return;
    };
    if rows.is_empty() {
        Paragraph::new(Span::styled(truncate(s.deleted_none, w), c.t.dim)).render(inner, buf);
        return;
    }
    let date_w = 10;
    let tax_w = if w >= 60 { 14 } else { 0 };
    let name_w = w.saturating_sub(date_w + tax_w + 1);
    let lines: Vec<Line<'static>> = rows
        .iter()
        .map(|d| {
            let mut spans = vec![Span::raw(pad(
                &truncate(&format!("{} · {}", d.name, d.province), name_w),
                name_w,
            ))];
            if tax_w > 0 {
                spans.push(Span::styled(fit(&d.tax_code, tax_w, false), c.t.dim));
            }
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                fit(&crate::clock::local_day(&d.deleted_at), date_w, true),
                c.t.dim,
            ));
            Line::from(spans)
        })
        .collect();
    list_rows(c, lines, Some(view.selected), view.offset, inner, buf, hits);
}
