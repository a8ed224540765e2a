//! The assessment form: one domain at a time, the selected item's answers (clickable), its
//! evidence note and its "why it matters / what to do" text, the live score and the progress
//! per domain. Wide screens list the domain's items beside the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::common::{Ctx, panel, tail, wrap};
use super::smes::band_style;
use crate::app::{AssessForm, Hits, Lang, Zone};
use crate::domain::readiness::{Item, MAX_ANSWER};
use crate::text::{pad, truncate, width};

/// Items listed beside the selected one from this inner width up.
const WIDE_W: u16 = 100;

pub fn render(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let Some(form) = &c.app.assess else { return };
    let a = c.s.assess;
    let name = c
        .app
        .data
        .sme(form.sme_id)
        .map_or(String::new(), |s| s.name.clone());
    let block = panel(c, &format!("{} · {name}", a.title), area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let [tabs, summary, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .areas(inner);
    domain_tabs(c, form, tabs, buf, hits);
    summary_lines(c, form, summary, buf);
    let wide = !c.compact && inner.width >= WIDE_W && body.height >= 16;
    if wide {
        let [list, rule, item] = Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Length(3),
            Constraint::Fill(1),
        ])
        .areas(body);
        item_list(c, form, list, buf, hits);
        for y in rule.top()..rule.bottom() {
            buf.set_string(rule.x + 1, y, "│", c.t.border);
        }
        item_detail(c, form, item, buf, hits, true);
    } else {
        let [chips, item] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        item_chips(c, form, chips, buf, hits);
        item_detail(c, form, item, buf, hits, false);
    }
    if form.confirm_discard {
        discard_prompt(c, area, buf, hits);
    }
}

fn vi(c: &Ctx) -> bool {
    c.app.lang == Lang::Vi
}

/// "A 5/5  B 3/6 …" (with the domain names when they fit), the current domain highlighted.
fn domain_tabs(c: &Ctx, form: &AssessForm, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let q = form.questionnaire();
    let label = |d: usize, named: bool| {
        let (done, total) = form.progress(d);
        let code = &q.domains[d].code;
        if named {
            format!(" {} {done}/{total} ", c.s.domain(code))
        } else {
            format!(" {code} {done}/{total} ")
        }
    };
    let n = q.domains.len();
    let named = (0..n).map(|d| width(&label(d, true))).sum::<usize>() <= area.width as usize;
    let mut x = area.x;
    for d in 0..n {
        let text = label(d, named);
        let w = (width(&text) as u16).min(area.right().saturating_sub(x));
        if w == 0 {
            break;
        }
        let (done, total) = form.progress(d);
        let style = if d == form.domain {
            c.t.tab_active
        } else if done == total {
            c.t.good
        } else {
            c.t.base
        };
        buf.set_stringn(x, area.y, &text, w as usize, style);
        hits.zones
            .push((Rect::new(x, area.y, w, 1), Zone::Domain(d)));
        x += w;
    }
}

/// Live score, answered items and where the answers came from (or why saving was refused).
fn summary_lines(c: &Ctx, form: &AssessForm, area: Rect, buf: &mut Buffer) {
    let a = c.s.assess;
    let s = c.s;
    let w = area.width as usize;
    let r = &form.live;
    let band = r.band.map(|b| b.code());
    let score = r
        .overall
        .map_or(s.dash.to_string(), |v| format!("{}/100", s.num(v, 0)));
    let band_text = match band {
        None => "",
        Some(_) if c.compact => s.band_short(band),
        Some(_) => s.band(band),
    };
    let mut first = vec![
        Span::styled(format!("{}: ", a.score_so_far), c.t.dim),
        Span::styled(format!("{score} "), c.t.title),
        Span::styled(band_text.to_string(), band_style(c, band)),
        Span::styled(
            format!(
                " · {}/{} {} · {} {}",
                r.answered_items,
                r.total_items,
                a.answered,
                a.coverage,
                s.pct(r.coverage * 100.0, 0)
            ),
            c.t.dim,
        ),
    ];
    if r.capped_by_gate {
        first.push(Span::styled(format!(" · {}", a.capped), c.t.warn));
    }
    let second = if form.saving {
        Span::styled(a.saving, c.t.dim)
    } else if let Some(crate::app::assess::FormProblem::NothingAnswered) = form.problem {
        Span::styled(a.nothing_answered, c.t.bad)
    } else {
        match &form.prefilled_from {
            Some(date) => Span::styled(format!("{} {date}", a.prefilled), c.t.dim),
            None => Span::styled(a.fresh, c.t.dim),
        }
    };
    let lines = vec![
        cut_line(first, w),
        Line::from(Span::styled(truncate(&second.content, w), second.style)),
    ];
    Paragraph::new(lines).render(area, buf);
}

/// Spans cut to `w` columns as a whole.
fn cut_line(spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let sw = width(&span.content);
        if used + sw <= w {
            used += sw;
            out.push(span);
        } else {
            out.push(Span::styled(
                truncate(&span.content, w.saturating_sub(used)),
                span.style,
            ));
            break;
        }
    }
    Line::from(out)
}

fn answer_text(form: &AssessForm, item: &Item) -> String {
    form.answers
        .get(&item.id)
        .map_or("–".to_string(), |a| a.to_string())
}

/// The domain's name, then its items as chips "A1 3", the selected one highlighted (narrow
/// screens; `!` marks a gate item).
fn item_chips(c: &Ctx, form: &AssessForm, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let mut x = area.x;
    if let Some(d) = form.questionnaire().domains.get(form.domain) {
        let name = format!("{}:", c.s.domain(&d.code));
        let w = (width(&name) as u16).min(area.width / 3);
        buf.set_stringn(
            x,
            area.y,
            truncate(&name, w as usize),
            w as usize,
            c.t.heading,
        );
        x += w;
    }
    for (i, item) in form.items().into_iter().enumerate() {
        let gate = if item.gate { "!" } else { "" };
        let text = format!(" {}{gate} {} ", item.id, answer_text(form, item));
        let w = (width(&text) as u16).min(area.right().saturating_sub(x));
        if w == 0 {
            break;
        }
        let style = if i == form.item {
            c.t.selected
        } else if form.answers.contains_key(&item.id) {
            c.t.base
        } else {
            c.t.dim
        };
        buf.set_stringn(x, area.y, &text, w as usize, style);
        hits.zones.push((Rect::new(x, area.y, w, 1), Zone::Item(i)));
        x += w + 1;
    }
}

/// The domain's name and description, then its items with their questions and answers, from
/// an item that keeps the selected one in view (wide screens).
fn item_list(c: &Ctx, form: &AssessForm, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let vi = vi(c);
    let q = form.questionnaire();
    let w = area.width as usize;
    let items = form.items();
    let blocks: Vec<Vec<String>> = items
        .iter()
        .map(|item| wrap(item.question(vi), w.saturating_sub(HEAD_W).max(1)))
        .collect();
    let mut top_lines: Vec<Line> = Vec::new();
    if let Some(d) = q.domains.get(form.domain) {
        let title = format!("{} · {}", d.code, d.name(vi));
        top_lines.push(Line::from(Span::styled(truncate(&title, w), c.t.heading)));
        let desc = if vi {
            &d.description_vi
        } else {
            &d.description
        };
        for line in wrap(desc, w).into_iter().take(3) {
            top_lines.push(Line::from(Span::styled(line, c.t.dim)));
        }
        top_lines.push(Line::default());
    }
    let height = area.height as usize;
    let need = |from: usize| {
        blocks[from..=form.item.min(blocks.len() - 1)]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
    };
    if blocks.is_empty() {
        return;
    }
    // Drop the description, then the first items, until the selected item fits.
    if top_lines.len() + need(0) > height {
        top_lines.truncate(1);
    }
    let mut start = 0;
    while start < form.item && top_lines.len() + need(start) > height {
        start += 1;
    }
    let mut y = area.y;
    for line in top_lines {
        if y >= area.bottom() {
            return;
        }
        buf.set_line(area.x, y, &line, area.width);
        y += 1;
    }
    for (i, (item, lines)) in items.iter().zip(blocks).enumerate().skip(start) {
        if y >= area.bottom() {
            break;
        }
        let selected = i == form.item;
        let marker = if selected { "▸ " } else { "  " };
        let answer = form.answers.get(&item.id);
        let gate = if item.gate { "!" } else { " " };
        let head = match answer {
            Some(a) => format!("{marker}{}{gate}[{a}] ", item.id),
            None => format!("{marker}{}{gate}[–] ", item.id),
        };
        let head = pad(&head, HEAD_W);
        let text_style = if selected { c.t.selected } else { c.t.base };
        let head_style = if selected {
            c.t.selected
        } else if answer.is_some() {
            c.t.good
        } else {
            c.t.dim
        };
        let top = y;
        for (k, part) in lines.into_iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let left = if k == 0 {
                head.clone()
            } else {
                " ".repeat(HEAD_W)
            };
            let line = Line::from(vec![
                Span::styled(left, head_style),
                Span::styled(pad(&part, w.saturating_sub(HEAD_W)), text_style),
            ]);
            buf.set_line(area.x, y, &line, area.width);
            y += 1;
        }
        hits.zones
            .push((Rect::new(area.x, top, area.width, y - top), Zone::Item(i)));
    }
}

/// Columns before an item's question in the list: marker, id, gate mark, answer.
const HEAD_W: usize = 10;

/// The selected item: question, the five answers (clickable), evidence note, help text.
fn item_detail(
    c: &Ctx,
    form: &AssessForm,
    area: Rect,
    buf: &mut Buffer,
    hits: &mut Hits,
    wide: bool,
) {
    let Some(item) = form.current() else { return };
    let a = c.s.assess;
    let vi = vi(c);
    let w = area.width as usize;
    let mut y = area.y;
    let bottom = area.bottom();
    let mut put = |y: &mut u16, line: Line| {
        if *y < bottom {
            buf.set_line(area.x, *y, &line, area.width);
            *y += 1;
        }
    };
    // Question, with its id and whether it is a gate.
    let mut head = item.id.clone();
    if item.gate {
        head.push_str(&format!(" ({})", a.gate));
    }
    let question = format!("{head} · {}", item.question(vi));
    for line in wrap(&question, w).into_iter().take(4) {
        put(&mut y, Line::from(Span::styled(line, c.t.heading)));
    }
    // Answers 0–4, each a click target; wide screens wrap long labels.
    let chosen = form.answers.get(&item.id).copied();
    for value in 0..=MAX_ANSWER {
        let on = chosen == Some(value);
        let mark = if on { "●" } else { "○" };
        let prefix = format!("{mark} {value} ");
        let label = item.label(value, vi);
        let style: Style = if on { c.t.selected } else { c.t.base };
        let parts = if wide {
            wrap(label, w.saturating_sub(width(&prefix)).max(1))
        } else {
            vec![truncate(label, w.saturating_sub(width(&prefix)))]
        };
        let top = y;
        for (k, part) in parts.into_iter().enumerate() {
            let left = if k == 0 {
                prefix.clone()
            } else {
                " ".repeat(width(&prefix))
            };
            put(
                &mut y,
                Line::from(vec![
                    Span::styled(left, if on { style } else { c.t.header }),
                    Span::styled(pad(&part, w.saturating_sub(width(&prefix))), style),
                ]),
            );
        }
        if y > top {
            hits.zones.push((
                Rect::new(area.x, top, area.width, y - top),
                Zone::Answer(value),
            ));
        }
    }
    if wide {
        put(
            &mut y,
            Line::from(Span::styled(truncate(a.again_clears, w), c.t.dim)),
        );
    }
    // Evidence note, or the line being typed (its end shows: that is where the cursor is).
    let label = format!("{}: ", a.note);
    let room = w.saturating_sub(width(&label) + 1);
    let note_line = if form.editing.is_some() {
        Line::from(vec![
            Span::styled(label, c.t.header),
            Span::styled(tail(form.note(), room), c.t.input),
            Span::styled("▏", c.t.input),
        ])
    } else if form.note().is_empty() {
        Line::from(vec![
            Span::styled(label, c.t.dim),
            Span::styled(truncate(a.no_note, room + 1), c.t.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled(label, c.t.dim),
            Span::styled(truncate(form.note(), room + 1), c.t.base),
        ])
    };
    put(&mut y, note_line);
    // Why it matters and what to do: whatever room is left, cut with an ellipsis.
    if y + 1 < bottom {
        if wide {
            y += 1;
        }
        put(&mut y, Line::from(Span::styled(a.help_heading, c.t.dim)));
        let room = bottom.saturating_sub(y) as usize;
        let mut lines = wrap(item.help(vi), w);
        if lines.len() > room && room > 0 {
            lines.truncate(room);
            if let Some(last) = lines.last_mut() {
                *last = truncate(&format!("{last} …"), w);
            }
        }
        for line in lines {
            put(&mut y, Line::from(Span::styled(line, c.t.base)));
        }
    }
}

/// "Discard the answers not saved?  y discard   n keep editing", over the form.
fn discard_prompt(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let a = c.s.assess;
    crate::ui::common::confirm_prompt(
        c,
        (a.discard_title, a.discard_question),
        (a.yes, a.no),
        area,
        buf,
        hits,
    );
}
