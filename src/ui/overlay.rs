//! Overlays: the help (generated from the active key map) and the filter picker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::common::{Ctx, document, fit, popup, scrollbar, wrap};
use crate::app::{Action, Hits, PickItem, Scope};
use crate::text::{pad, truncate, width};

pub fn help(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let km = &c.app.keymap;
    // The keys in groups: those of the screen under the help first, then the ones that work
    // everywhere, then the other screens' own keys (which may reuse a global key there).
    let here = c.app.scopes_under_help();
    let mut order: Vec<Scope> = here.to_vec();
    order.extend(Scope::ALL.into_iter().filter(|s| !here.contains(s)));
    let mut groups: Vec<(&str, Vec<(String, &str)>)> = Vec::new();
    for scope in order {
        let k = Scope::ALL.iter().position(|s| *s == scope).unwrap_or(0);
        let mut rows: Vec<(String, &str)> = Action::ALL
            .iter()
            .filter(|a| a.scope() == scope)
            .map(|&a| (km.label(a), c.s.action(a)))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        if scope == Scope::Global {
            rows.push(("Ctrl-C".into(), c.s.help_ctrl_c));
        }
        if !rows.is_empty() {
            groups.push((c.s.follow.scopes[k], rows));
        }
    }
    let rows: Vec<&(String, &str)> = groups.iter().flat_map(|(_, r)| r).collect();
    let kw = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(18);
    let desc_w = rows
        .iter()
        .map(|(_, d)| width(d))
        .chain(groups.iter().map(|(h, _)| width(h).saturating_sub(kw + 1)))
        .max()
        .unwrap_or(0);
    let popup_w = (kw + desc_w + 5).max(width(c.s.help_mouse).min(60) + 4) as u16;
    let popup_w = popup_w
        .min(area.width.saturating_sub(2))
        .max(area.width.min(10));
    let inner_w = popup_w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (g, (title, rows)) in groups.iter().enumerate() {
        if g > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            truncate(title, inner_w),
            c.t.heading,
        )));
        for (keys, desc) in rows {
            let dw = inner_w.saturating_sub(kw + 1);
            for (k, part) in wrap(desc, dw).into_iter().enumerate() {
                let key = if k == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(fit(key, kw, false), c.t.header),
                    Span::raw(" "),
                    Span::styled(part, c.t.base),
                ]));
            }
        }
    }
    lines.push(Line::default());
    for part in wrap(c.s.help_mouse, inner_w) {
        lines.push(Line::from(Span::styled(part, c.t.dim)));
    }
    let popup_h = (lines.len() as u16 + 2).min(area.height);
    let (rect, inner) = popup(c, c.s.help_title, area, popup_w, popup_h, buf);
    let scroll = c.app.help.unwrap_or(0);
    document(lines, inner, buf, scroll, hits);
    scrollbar(c, rect, buf, scroll, hits);
}

pub fn picker(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let Some(p) = &c.app.picker else {
        return;
    };
    let s = c.s;
    let tab = c.app.tab;
    let filters = c.app.list(tab).map(|v| &v.filters);
    let labels: Vec<(String, String)> = p
        .items
        .iter()
        .map(|item| match item {
            PickItem::Field(f) => {
                let current = filters
                    .and_then(|fs| fs.get(f))
                    .map(|v| s.filter_value(*f, v).to_string())
                    .unwrap_or_default();
                (s.field(*f).to_string(), current)
            }
            PickItem::All(n) => (s.filter_all.to_string(), s.int(*n as i64)),
            // Markets served are codes: name the country beside its code.
            PickItem::Value(v, n) if p.field == Some(crate::app::Field::Served) => {
                let name = super::dashboard::market_name(c, v);
                let label = if name == *v {
                    v.clone()
                } else {
                    format!("{v} {name}")
                };
                (label, s.int(*n as i64))
            }
            PickItem::Value(v, n) => (
                p.field
                    .map_or(v.as_str(), |f| s.filter_value(f, v))
                    .to_string(),
                s.int(*n as i64),
            ),
        })
        .collect();
    let title = match p.field {
        Some(f) => format!("{}: {}", s.filter_title, s.field(f)),
        None => s.filter_title.to_string(),
    };
    let left_w = labels.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let right_w = labels.iter().map(|(_, r)| width(r)).max().unwrap_or(0);
    let want_w = ((left_w + right_w + 3).max(width(&title) + 4) as u16 + 2).min(48);
    let popup_w = want_w.clamp(area.width.min(16), area.width.saturating_sub(2).max(1));
    let popup_h = (labels.len() as u16 + 2).min(area.height);
    let (_, inner) = popup(c, &title, area, popup_w, popup_h, buf);
    let page = inner.height as usize;
    if page == 0 {
        return;
    }
    let mut offset = p.offset.min(labels.len().saturating_sub(1));
    if p.selected < offset {
        offset = p.selected;
    } else if p.selected >= offset + page {
        offset = p.selected + 1 - page;
    }
    hits.picker_rows = Some((inner, offset));
    let w = inner.width as usize;
    let rw = right_w.min(w / 2);
    let lw = w.saturating_sub(rw + 1);
    let lines: Vec<Line> = labels
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, (l, r))| {
            let style = if i == p.selected {
                c.t.selected
            } else {
                c.t.base
            };
            Line::from(vec![
                Span::styled(pad(&truncate(l, lw), lw), style),
                Span::styled(" ", style),
                Span::styled(
                    fit(r, rw, true),
                    if i == p.selected { style } else { c.t.dim },
                ),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
