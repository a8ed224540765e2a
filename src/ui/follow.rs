//! The follow-up part of the SME detail: target markets (pipeline) and plan rows that can take
//! the focus, the decision log, and the stage picker over the detail.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::common::{Ctx, heading, popup, tail, wrap};
use super::dashboard::market_name;
use crate::app::{Focus, Hits, Section, Zone};
use crate::domain::pipeline::is_new_market;
use crate::domain::{PlanStatus, Sme, Stage};
use crate::text::{pad, truncate, width};

/// The lines of the follow-up sections, with the line of each row (for clicks) and of the
/// focused row (to keep it in view).
pub struct FollowLines<'a> {
    pub lines: Vec<Line<'a>>,
    pub rows: Vec<(usize, Zone)>,
    pub focus: Option<usize>,
}

/// "▸ " before the focused row, two spaces before the others.
fn marker(focused: bool) -> &'static str {
    if focused { "▸ " } else { "  " }
}

pub fn lines<'a>(c: &Ctx, sme: &Sme, w: usize) -> FollowLines<'a> {
    let s = c.s;
    let f = s.follow;
    let p = &c.app.data.p;
    let focus = c.app.focus();
    let mut out = FollowLines {
        lines: vec![Line::default(), heading(c, s.sec_shortlist)],
        rows: Vec::new(),
        focus: None,
    };
    let entries: Vec<_> = p.shortlist_of(sme.id).collect();
    if entries.is_empty() {
        out.lines.push(Line::from(Span::styled(
            truncate(s.no_sme_shortlist, w),
            c.t.dim,
        )));
    }
    let baseline = p.baseline_of(sme);
    for (i, e) in entries.into_iter().enumerate() {
        let focused = focus == Focus::Row(Section::Pipeline, i);
        let score = e
            .score
            .map(|v| format!(" · {} {}", s.score, s.num(v, 0)))
            .unwrap_or_default();
        let mut text = format!(
            "{}{} {} · {} · {}{score}",
            marker(focused),
            e.iso3,
            market_name(c, &e.iso3),
            e.hs,
            s.stage(e.stage)
        );
        if e.stage == Stage::Dropped && !e.reason.is_empty() {
            text.push_str(&format!(" — {}", e.reason));
        } else if is_new_market(baseline, &e.iso3) && e.stage != Stage::Dropped {
            text.push_str(&format!(" · {}", f.new_market));
        }
        let style = if focused {
            c.t.selected
        } else if e.stage.is_reached() {
            c.t.good
        } else if e.stage == Stage::Dropped {
            c.t.dim
        } else {
            c.t.base
        };
        if focused {
            out.focus = Some(out.lines.len());
        }
        out.rows
            .push((out.lines.len(), Zone::Row(Section::Pipeline, i)));
        out.lines
            .push(Line::from(Span::styled(pad(&text, w), style)));
    }
    out.lines.push(Line::default());
    out.lines.push(heading(c, s.sec_plan));
    let items: Vec<_> = p.plan_of(sme.id).collect();
    if items.is_empty() {
        out.lines
            .push(Line::from(Span::styled(truncate(s.no_plan, w), c.t.dim)));
    }
    for (i, item) in items.into_iter().enumerate() {
        let focused = focus == Focus::Row(Section::Plan, i);
        let open = matches!(item.status, PlanStatus::Todo | PlanStatus::InProgress);
        let overdue = open
            && item
                .due
                .as_deref()
                .is_some_and(|d| d < c.app.today.as_str());
        let due = item.due.clone().unwrap_or_else(|| s.dash.to_string());
        let head = format!(
            "{}{} {} ",
            marker(focused),
            pad(&due, 10),
            pad(s.plan_status(item.status), 11)
        );
        let text = format!(
            "{} · {} · {} {}",
            crate::store::sample_texts::demo_text(c.app.lang, &item.action),
            item.iso3,
            s.owner,
            item.owner
        );
        let rest = w.saturating_sub(width(&head));
        let (head_style, text_style) = if focused {
            (c.t.selected, c.t.selected)
        } else if overdue {
            (c.t.bad, c.t.base)
        } else if open {
            (c.t.base, c.t.base)
        } else {
            (c.t.dim, c.t.dim)
        };
        if focused {
            out.focus = Some(out.lines.len());
        }
        out.rows
            .push((out.lines.len(), Zone::Row(Section::Plan, i)));
        out.lines.push(Line::from(vec![
            Span::styled(head, head_style),
            Span::styled(pad(&truncate(&text, rest), rest), text_style),
        ]));
    }
    out.lines.push(Line::default());
    out.lines.push(heading(c, f.sec_decisions));
    let mut any = false;
    for d in p.decisions_of(sme.id) {
        any = true;
        let date = crate::clock::local_day(&d.at);
        let head = format!("{date} ");
        let indent = width(&head);
        let log = crate::store::strings::get(c.app.lang);
        let who = crate::messages::get(c.app.lang).who(&d.who);
        let mut text = format!("{who} · {}", log.decision(&d.fact));
        let why = log.why(d);
        if !why.is_empty() {
            text.push_str(&format!(" — {why}"));
        }
        for (k, part) in wrap(&text, w.saturating_sub(indent).max(1))
            .into_iter()
            .enumerate()
        {
            let left = if k == 0 {
                head.clone()
            } else {
                " ".repeat(indent)
            };
            out.lines.push(Line::from(vec![
                Span::styled(left, c.t.dim),
                Span::styled(part, c.t.base),
            ]));
        }
    }
    if !any {
        out.lines.push(Line::from(Span::styled(
            truncate(f.no_decisions, w),
            c.t.dim,
        )));
    }
    out
}

/// The stage choice for one market of the SME, over the detail; for `dropped`, the reason line.
pub fn stage_picker(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let Some(picker) = c.app.stage_picker() else {
        return;
    };
    let Some(entry) = c
        .app
        .data
        .p
        .shortlist
        .iter()
        .find(|e| e.id == picker.entry_id)
    else {
        return;
    };
    let s = c.s;
    let f = s.follow;
    let title = format!("{} · {} (HS {})", f.stage_title, entry.iso3, entry.hs);
    let labels: Vec<String> = Stage::ALL
        .iter()
        .map(|&st| {
            if st == entry.stage {
                format!("{} ({})", s.stage(st), f.current)
            } else {
                s.stage(st).to_string()
            }
        })
        .collect();
    let reason_rows = if picker.reason.is_some() { 3 } else { 0 };
    let want_w = labels
        .iter()
        .map(|l| width(l) + 4)
        .chain([width(&title) + 4, 40])
        .max()
        .unwrap_or(30) as u16;
    let popup_w = want_w
        .min(area.width.saturating_sub(2))
        .max(area.width.min(12));
    let popup_h = (labels.len() as u16 + 2 + reason_rows).min(area.height);
    let (_, inner) = popup(c, &title, area, popup_w, popup_h, buf);
    let w = inner.width as usize;
    let mut y = inner.y;
    for (i, label) in labels.iter().enumerate() {
        if y >= inner.bottom() {
            return;
        }
        let selected = i == picker.selected;
        let style = if selected { c.t.selected } else { c.t.base };
        let text = format!("{}{label}", marker(selected));
        buf.set_stringn(inner.x, y, pad(&text, w), w, style);
        hits.zones
            .push((Rect::new(inner.x, y, inner.width, 1), Zone::Stage(i)));
        y += 1;
    }
    let Some(reason) = &picker.reason else { return };
    let label = format!("{}: ", f.reason);
    let room = w.saturating_sub(width(&label) + 1);
    let shown = tail(reason, room);
    let lines = vec![
        Line::from(vec![
            Span::styled(label, c.t.header),
            Span::styled(shown, c.t.input),
            Span::styled("▏", c.t.input),
        ]),
        match picker.problem {
            Some(_) => Line::from(Span::styled(truncate(f.reason_required, w), c.t.bad)),
            None => Line::from(Span::styled(truncate(f.reason_hint, w), c.t.dim)),
        },
    ];
    if y + 1 < inner.bottom() {
        Paragraph::new(lines).render(
            Rect::new(inner.x, y + 1, inner.width, inner.bottom() - y - 1),
            buf,
        );
    }
}
