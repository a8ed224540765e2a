//! Sync state: a panel on the Dashboard tab and the sync view over it (`y`): this site, the
//! sites it exchanges packages with (trusted or not, last package in and out as local dates,
//! changes held, pending conflicts), then the pending conflicts with both values; the selected
//! one is resolved with `m` (keep mine) or `t` (keep theirs) after a yes/no question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::common::{Col, Ctx, confirm_prompt, fit, panel, rule, short_company, table, widths};
use crate::app::sync::Keep;
use crate::app::{Action, Hits};
use crate::domain::sync::{ConflictInfo, SiteInfo, value_text};
use crate::say;
use crate::text::{truncate, width};

/// A stored UTC timestamp as the advisor's local date and time (never raw UTC), or "never".
fn when(c: &Ctx, at: Option<&str>) -> String {
    at.map_or(c.s.sync.never.to_string(), crate::clock::local_stamp)
}

/// The name of a conflict's field as the reader knows it (the SME form's label).
pub fn field_label(c: &Ctx, conflict: &ConflictInfo) -> String {
    match (conflict.table.as_str(), conflict.field.as_str()) {
        (_, "*") => c.s.sync.whole_row.to_string(),
        ("sme", field) => c.s.edit.label(field).to_string(),
        (table, field) => format!("{table}.{field}"),
    }
}

/// A conflict value as text; "(empty)" for nothing.
fn value(c: &Ctx, v: &serde_json::Value) -> String {
    let text = value_text(v);
    if text.is_empty() {
        c.s.sync.empty.to_string()
    } else {
        text
    }
}

fn sme_label(c: &Ctx, conflict: &ConflictInfo) -> String {
    match (&conflict.sme_name, conflict.sme_id) {
        (Some(name), _) => short_company(name),
        (None, Some(id)) => format!("#{id}"),
        (None, None) => c.s.dash.to_string(),
    }
}

/// This site's name (or "no name yet") and the first digits of its id.
fn this_site_line(c: &Ctx) -> String {
    let t = c.s.sync;
    match c.app.sync.overview.this_site() {
        Some(me) => {
            let name = if me.name.is_empty() {
                t.no_name
            } else {
                &me.name
            };
            let id = me.site_id.get(..8).unwrap_or(&me.site_id);
            format!("{}: {name} ({id})", t.this_site)
        }
        None => format!("{}: {}", t.this_site, c.s.dash),
    }
}

/// The lines of the dashboard's sync panel (also a section of the compact dashboard).
pub fn panel_lines<'a>(c: &Ctx, w: usize) -> Vec<Line<'a>> {
    let t = c.s.sync;
    let sync = &c.app.sync;
    let mut lines = vec![Line::from(Span::styled(
        truncate(&this_site_line(c), w),
        c.t.base,
    ))];
    if let Some(e) = &sync.error {
        lines.push(Line::from(Span::styled(
            truncate(&format!("{} {e}", t.read_error), w),
            c.t.bad,
        )));
        return lines;
    }
    let pending = sync.overview.conflicts.len();
    let key = c.app.keymap.first(Action::SyncView);
    let hint = if key.is_empty() {
        String::new()
    } else {
        format!(" · {key}: {}", t.open_hint)
    };
    lines.push(if pending > 0 {
        Line::from(Span::styled(
            truncate(&format!("! {pending} {}{hint}", t.conflicts_pending), w),
            c.t.bad,
        ))
    } else {
        Line::from(Span::styled(
            truncate(&format!("✓ {}{hint}", t.no_conflicts), w),
            c.t.good,
        ))
    });
    let others: Vec<&SiteInfo> = sync.overview.others().collect();
    if others.is_empty() {
        lines.push(Line::from(Span::styled(truncate(t.no_sites, w), c.t.dim)));
    }
    for site in others {
        let mark = if site.trusted { "" } else { "? " };
        let text = format!(
            "{mark}{} · {} {} · {} {}",
            site.label(),
            t.last_in,
            when(c, site.last_in_at.as_deref()),
            t.last_out,
            when(c, site.last_out_at.as_deref())
        );
        let style = if sync.overview.conflicts_from(&site.site_id) > 0 {
            c.t.warn
        } else {
            c.t.base
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    lines
}

/// The sync view over the Dashboard tab.
pub fn render(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let t = c.s.sync;
    let title = format!("{} · {}", t.title, this_site_line(c));
    let block = panel(c, &title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let sync = &c.app.sync;
    if let Some(e) = &sync.error {
        let text = format!("{} {e}", t.read_error);
        Paragraph::new(Span::styled(truncate(&text, inner.width as usize), c.t.bad))
            .render(inner, buf);
        return;
    }
    let sites = sync.overview.sites.len().max(1) as u16;
    // Sites first (as many as fit in a third of the height), then the conflicts, then the
    // selected conflict in full (values are cut in the table).
    let site_h = (sites + 2).min(inner.height / 3).max(2.min(inner.height));
    let detail_h = if inner.height >= 16 { 5 } else { 0 };
    let [sites_area, conflicts_area, detail_area] = Layout::vertical([
        Constraint::Length(site_h),
        Constraint::Fill(1),
        Constraint::Length(detail_h),
    ])
    .areas(inner);
    sites_table(c, sites_area, buf);
    conflicts_table(c, conflicts_area, buf, hits);
    if detail_h > 0 {
        conflict_detail(c, detail_area, buf);
    }
    if let Some((pending, conflict)) = c.app.sync_question() {
        let field = field_label(c, conflict);
        let question = match pending.keep {
            Keep::Mine => say!(
                t.confirm_mine,
                value = truncate(&value(c, &conflict.mine), 40),
                field = field
            ),
            Keep::Theirs => say!(
                t.confirm_theirs,
                site = conflict.site_label(),
                value = truncate(&value(c, &conflict.theirs), 40),
                field = field
            ),
        };
        confirm_prompt(
            c,
            (t.confirm_title, &question),
            (t.yes, t.no),
            area,
            buf,
            hits,
        );
    }
}

fn sites_table(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = c.s.sync;
    let block = rule(c, t.sec_sites, area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let stamp_w = width(&when(c, Some("2026-01-01T00:00:00Z"))) as u16;
    let overview = &c.app.sync.overview;
    // The site's name comes first and keeps its room on a narrow screen (the columns on the
    // right give way); on a wide one it takes what the others leave.
    let name_w = overview
        .sites
        .iter()
        .map(|s| width(s.label()))
        .chain([width(t.col_site)])
        .max()
        .unwrap_or(0)
        .min(28) as u16;
    let others_w = 12 + 2 * stamp_w.max(17) + 9 + 9 + 5;
    let site_col = if inner.width > name_w + others_w {
        Constraint::Fill(1)
    } else {
        Constraint::Length(name_w.min(inner.width / 2))
    };
    let cols = [
        Col::new(t.col_site, site_col),
        Col::new(t.col_trust, Constraint::Length(12)),
        Col::new(t.col_last_in, Constraint::Length(stamp_w.max(17))),
        Col::new(t.col_last_out, Constraint::Length(stamp_w.max(17))),
        Col::new(t.col_changes, Constraint::Length(9)).right(),
        Col::new(t.col_conflicts, Constraint::Length(9)).right(),
    ];
    let ws = widths(&cols, inner.width);
    let line = |cells: Vec<Span<'static>>| {
        let mut spans = Vec::new();
        for ((cell, col), &w) in cells.into_iter().zip(&cols).zip(&ws) {
            if w == 0 {
                continue;
            }
            spans.push(Span::styled(
                fit(&cell.content, w as usize, col.right),
                cell.style,
            ));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    };
    let mut lines = vec![line(
        cols.iter()
            .map(|col| Span::styled(col.title.clone(), c.t.header))
            .collect(),
    )];
    for site in &overview.sites {
        let trust = if site.this_site {
            Span::styled(t.this, c.t.title)
        } else if site.trusted {
            Span::styled(t.trusted, c.t.good)
        } else {
            Span::styled(t.untrusted, c.t.warn)
        };
        let conflicts = if site.this_site {
            0
        } else {
            overview.conflicts_from(&site.site_id)
        };
        let mut changes = c.s.int(site.changesets);
        if site.waiting > 0 {
            changes = format!("{changes}+{}", c.s.int(site.waiting));
        }
        // This site receives nothing from itself; its "out" is the last package written here.
        let (in_at, out_at) = if site.this_site {
            (c.s.dash.to_string(), when(c, site.last_out_at.as_deref()))
        } else {
            (
                when(c, site.last_in_at.as_deref()),
                when(c, site.last_out_at.as_deref()),
            )
        };
        lines.push(line(vec![
            Span::styled(site.label().to_string(), c.t.base),
            trust,
            Span::styled(in_at, c.t.base),
            Span::styled(out_at, c.t.base),
            Span::styled(changes, c.t.base),
            Span::styled(
                c.s.int(conflicts as i64),
                if conflicts > 0 { c.t.bad } else { c.t.dim },
            ),
        ]));
    }
    if overview.others().next().is_none() {
        lines.push(Line::from(Span::styled(
            truncate(t.no_sites, inner.width as usize),
            c.t.dim,
        )));
    }
    Paragraph::new(lines).render(inner, buf);
}

fn conflicts_table(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let t = c.s.sync;
    let conflicts = &c.app.sync.overview.conflicts;
    let title = format!("{} ({})", t.sec_conflicts, c.s.int(conflicts.len() as i64));
    let block = rule(c, &title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    if conflicts.is_empty() {
        Paragraph::new(Span::styled(
            truncate(t.none_pending, inner.width as usize),
            c.t.good,
        ))
        .render(inner, buf);
        return;
    }
    let compact = c.compact;
    let mut cols = vec![
        Col::new(t.col_id, Constraint::Length(4)).right(),
        Col::new(t.col_sme, Constraint::Fill(1)),
        Col::new(t.col_field, Constraint::Length(16)),
        Col::new(t.col_mine, Constraint::Fill(1)),
        Col::new(t.col_theirs, Constraint::Fill(1)),
    ];
    if !compact {
        cols.push(Col::new(t.col_from, Constraint::Length(16)));
        cols.push(Col::new(t.col_when, Constraint::Length(23)));
    }
    let index: Vec<usize> = (0..cols.len()).collect();
    let view = c.app.sync.view.as_ref();
    let selected = view.map_or(0, |v| v.selected);
    let offset = view.map_or(0, |v| v.offset);
    table(
        c,
        inner,
        buf,
        &cols,
        &index,
        conflicts.len(),
        selected,
        offset,
        |i, _| {
            let k = &conflicts[i];
            let mut cells = vec![
                Span::raw(k.id.to_string()),
                Span::raw(sme_label(c, k)),
                Span::styled(field_label(c, k), c.t.warn),
                Span::raw(value(c, &k.mine)),
                Span::raw(value(c, &k.theirs)),
            ];
            if !compact {
                cells.push(Span::raw(k.site_label().to_string()));
                cells.push(Span::raw(when(c, Some(&k.at))));
            }
            cells
        },
        hits,
    );
}

/// The selected conflict in full: both values and who changed it where and when.
fn conflict_detail(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = c.s.sync;
    let Some(k) = c.app.selected_conflict() else {
        return;
    };
    let block = rule(c, &format!("#{} · {}", k.id, sme_label(c, k)), area);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let lw = width(t.mine_label).max(width(t.theirs_label)).min(w / 3);
    let kv = |label: &str, text: String, style| {
        Line::from(vec![
            Span::styled(fit(label, lw, false), c.t.dim),
            Span::raw(" "),
            Span::styled(truncate(&text, w.saturating_sub(lw + 1)), style),
        ])
    };
    let changed = say!(
        t.changed_by,
        who = k.who,
        site = k.site_label(),
        at = when(c, Some(&k.at))
    );
    let lines = vec![
        kv(t.col_field, field_label(c, k), c.t.warn),
        kv(t.mine_label, value(c, &k.mine), c.t.base),
        kv(t.theirs_label, value(c, &k.theirs), c.t.base),
        kv("", changed, c.t.dim),
    ];
    Paragraph::new(lines).render(inner, buf);
}
