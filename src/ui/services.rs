//! Tab 4: service providers by category and market served; the detail with contact and tags.
//! Sample (illustrative) providers are marked in the table and the detail.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::common::{
    Col, Ctx, document, heading, kv, list_columns, list_frame, panel, scrollbar, wrap,
};
use crate::app::{Column, Hits, Lang, Tab};
use crate::domain::Provider;
use crate::text::{truncate, width};

pub fn list(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let inner = list_frame(c, Tab::Services, area, buf);
    let s = c.s;
    let compact = c.compact;
    let (cols, index) = list_columns(c, Tab::Services, |col| match col {
        Column::ProviderName => Some(Col::new(s.col_provider, Constraint::Fill(1))),
        Column::Category => Some(Col::new(s.col_category, Constraint::Length(13))),
        Column::Served if !compact => Some(Col::new(s.col_served, Constraint::Length(18))),
        Column::Kind => Some(Col::new(s.col_kind, Constraint::Length(6))),
        _ => None,
    });
    let app = c.app;
    let view = &app.services;
    let r = &app.data.p.reference;
    let vi = app.lang == Lang::Vi;
    super::common::table(
        c,
        inner,
        buf,
        &cols,
        &index,
        view.rows.len(),
        view.selected,
        view.offset,
        |row, _| {
            let p = &r.providers[view.rows[row]];
            let mut cells = vec![
                Span::raw(name(p, vi).to_string()),
                Span::raw(s.category(&p.category).to_string()),
            ];
            if !compact {
                cells.push(Span::raw(served(c, p)));
            }
            cells.push(if p.sample {
                Span::styled(s.kind_sample, c.t.sample)
            } else {
                Span::styled(s.kind_real, c.t.dim)
            });
            cells
        },
        hits,
    );
}

fn name(p: &Provider, vi: bool) -> &str {
    if vi && !p.name_vi.is_empty() {
        &p.name_vi
    } else {
        &p.name
    }
}

fn served(c: &Ctx, p: &Provider) -> String {
    if p.markets.iter().any(|m| m == "*") {
        c.s.all_markets.to_string()
    } else {
        p.markets.join(", ")
    }
}

pub fn detail(c: &Ctx, i: usize, scroll: usize, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let r = &c.app.data.p.reference;
    let Some(p) = r.providers.get(i) else {
        return;
    };
    let s = c.s;
    let vi = c.app.lang == Lang::Vi;
    let block = panel(c, name(p, vi), area);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    if p.sample {
        for part in wrap(s.sample_provider, w) {
            lines.push(Line::from(Span::styled(part, c.t.sample)));
        }
    }
    lines.push(heading(c, s.sec_provider));
    let labels = [
        s.col_category,
        s.markets_served,
        s.provinces,
        s.languages,
        s.website,
        s.phone,
        s.email,
        s.notes,
        s.source_label,
    ];
    let lw = labels
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let other = if vi { &p.name } else { &p.name_vi };
    if !other.is_empty() && other != name(p, vi) {
        lines.push(Line::from(Span::styled(truncate(other, w), c.t.dim)));
    }
    let markets = if p.markets.iter().any(|m| m == "*") {
        s.all_markets.to_string()
    } else {
        p.markets
            .iter()
            .map(|m| match r.market(m) {
                Some(mk) => format!("{m} {}", mk.display_name(vi)),
                None => m.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let or_dash = |v: String| if v.is_empty() { s.dash.to_string() } else { v };
    for (label, value) in [
        (s.col_category, s.category(&p.category).to_string()),
        (s.markets_served, markets),
        (s.provinces, or_dash(p.provinces.join(", "))),
        (s.languages, or_dash(p.languages.join(", "))),
        (s.website, or_dash(p.website.clone())),
        (s.phone, or_dash(p.phone.clone())),
        (s.email, or_dash(p.email.clone())),
        (s.notes, or_dash(p.notes.clone())),
        (s.source_label, or_dash(p.source.clone())),
    ] {
        for (k, part) in wrap(&value, w.saturating_sub(lw + 1))
            .into_iter()
            .enumerate()
        {
            lines.push(kv(c, if k == 0 { label } else { "" }, part, lw, w));
        }
    }
    lines.push(Line::default());
    lines.push(heading(c, s.services));
    for tag in &p.tags {
        let label = r
            .service_tags
            .iter()
            .find(|t| &t.tag == tag)
            .map(|t| {
                if vi && !t.name_vi.is_empty() {
                    t.name_vi.clone()
                } else {
                    t.name.clone()
                }
            })
            .unwrap_or_default();
        let head = format!("{tag} ");
        lines.push(Line::from(vec![
            Span::styled(head.clone(), c.t.title),
            Span::styled(truncate(&label, w.saturating_sub(width(&head))), c.t.base),
        ]));
    }
    document(lines, inner, buf, scroll, hits);
    scrollbar(c, area, buf, scroll, hits);
}
