//! The SME form (one line per field in the CSV column order, problems under their field), its
//! dialogs (problems, conflict with another session, discard changes, a refusal), the delete
//! confirmation, and the status-bar hints of these screens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::common::{Ctx, centered, panel, wrap};
use super::dashboard::market_name;
use super::edit_pickers;
use crate::app::edit::{EditScreen, FIELDS, Form, Kind, LineEdit, Popup, REQUIRED, parse_list};
use crate::app::{Action, Hits};
use crate::text::{pad, truncate, width};

/// Draw whichever edit screen is open over the body.
pub fn render(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let e = &c.app.edit;
    if let Some(form) = &e.form {
        form_view(c, form, area, buf, hits);
        match &form.popup {
            Some(Popup::List(p)) => edit_pickers::list(c, form, p, area, buf, hits),
            Some(Popup::Multi(p)) => edit_pickers::multi(c, p, area, buf, hits),
            Some(Popup::Products(p)) => edit_pickers::products(c, p, area, buf, hits),
            Some(Popup::Problems(problems)) => {
                let s = c.s.edit;
                let mut text = vec![s.problems_intro.to_string()];
                text.extend(
                    problems
                        .iter()
                        .map(|(i, p)| format!("• {}: {}", s.labels[*i], p.get(c.app.lang))),
                );
                dialog(c, s.problems_title, &text, &[], 0, area, buf, hits);
            }
            Some(Popup::Conflict { text, choice }) => {
                let s = c.s.edit;
                let lines: Vec<String> = text.lines().map(String::from).collect();
                let choices = [s.conflict_reload, s.conflict_keep];
                dialog(
                    c,
                    s.conflict_title,
                    &lines,
                    &choices,
                    *choice,
                    area,
                    buf,
                    hits,
                );
            }
            Some(Popup::Discard { choice }) => {
                let s = c.s.edit;
                let choices = [s.discard_yes, s.discard_no];
                dialog(c, s.discard_title, &[], &choices, *choice, area, buf, hits);
            }
            Some(Popup::Refused(text)) => {
                let lines: Vec<String> = text.lines().map(String::from).collect();
                dialog(c, c.s.edit.refused_title, &lines, &[], 0, area, buf, hits);
            }
            None => {}
        }
    } else if let Some(confirm) = &e.confirm {
        let s = c.s.edit;
        let sme = c.app.data.sme(confirm.id);
        let province = sme.map(|s| s.province.as_str()).unwrap_or_default();
        let text = vec![
            confirm.name.clone(),
            format!("{} · {province}", confirm.tax_code),
            String::new(),
            s.delete_note.to_string(),
        ];
        let choices = [s.delete_yes, s.delete_no];
        dialog(
            c,
            s.delete_title,
            &text,
            &choices,
            confirm.choice,
            area,
            buf,
            hits,
        );
    } else if let Some(view) = &e.deleted {
        edit_pickers::deleted(c, view, area, buf, hits);
    }
    if let Some(text) = &e.notice {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        dialog(c, c.s.edit.notice_title, &lines, &[], 0, area, buf, hits);
    }
}

/// Width of the label column.
fn label_width(c: &Ctx, w: usize) -> usize {
    let widest = c.s.edit.labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    widest.min(w * 2 / 5)
}

/// The field's value as shown (picker fields in words; text fields as typed).
fn shown_value(c: &Ctx, kind: Kind, text: &str) -> String {
    let s = c.s;
    let r = &c.app.data.p.reference;
    match kind {
        Kind::Text | Kind::Province => text.to_string(),
        Kind::Sector => s.sector(text).to_string(),
        Kind::Experience if text.is_empty() => String::new(),
        Kind::Experience => s.experience(text).to_string(),
        Kind::Markets => parse_list(text)
            .iter()
            .map(|m| format!("{m} {}", market_name(c, m)))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Certifications => parse_list(text).join(", "),
        Kind::Products => crate::app::edit::parse_products(text)
            .iter()
            .map(|p| {
                let d = if p.description.is_empty() {
                    r.hs_description(&p.hs, c.app.lang == crate::app::Lang::Vi)
                } else {
                    p.description.clone()
                };
                if d.is_empty() {
                    p.hs.clone()
                } else {
                    format!("{} {}", p.hs, crate::domain::hs::fit(&d, 24))
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A line being edited, with the cursor shown: the character under it reversed, or a bar
/// after the last character.
pub fn edit_spans<'a>(c: &Ctx, line: &LineEdit, w: usize) -> Vec<Span<'a>> {
    let (shown, col) = line.view(w.saturating_sub(1).max(1));
    let mut before = String::new();
    let mut rest = shown.chars();
    let mut used = 0;
    for ch in rest.by_ref() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw > col {
            let after: String = rest.collect();
            return vec![
                Span::styled(before, c.t.input),
                Span::styled(ch.to_string(), c.t.input.add_modifier(Modifier::REVERSED)),
                Span::styled(after, c.t.input),
            ];
        }
        before.push(ch);
        used += cw;
    }
    vec![
        Span::styled(before, c.t.input),
        Span::styled("▏", c.t.input),
    ]
}

fn form_view(c: &Ctx, form: &Form, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = c.s.edit;
    let mut title = match form.sme_id {
        None => s.title_new.to_string(),
        Some(id) => format!("{} #{id} · {}", s.title_edit, form.opened.name),
    };
    if form.dirty() {
        title.push_str(&format!(" · {}", s.modified));
    }
    Clear.render(area, buf);
    buf.set_style(area, c.t.base);
    let block = panel(c, &title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    // The last lines say what the field under the cursor takes, what the marks mean and how
    // many fields have problems.
    let foot_h = match inner.height {
        0..=2 => 0,
        3..=8 => 1,
        _ => 2,
    };
    let doc = Rect {
        height: inner.height - foot_h,
        ..inner
    };
    let foot = Rect {
        y: doc.bottom(),
        height: foot_h,
        ..inner
    };
    let w = doc.width as usize;
    let lw = label_width(c, w);
    let vw = w.saturating_sub(lw + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    let mut span_of_focus = (0, 0);
    for (i, (column, kind)) in FIELDS.iter().enumerate() {
        let focused = i == form.focus && form.popup.is_none();
        let mark = if REQUIRED.contains(column) { " *" } else { "" };
        let label = format!("{}{mark}", s.labels[i]);
        let label_style = if focused { c.t.selected } else { c.t.dim };
        let mut spans = vec![Span::styled(pad(&label, lw), label_style), Span::raw(" ")];
        let text = form.text(i);
        if focused && kind.is_text() {
            spans.extend(edit_spans(c, &form.values[i], vw));
        } else {
            let value = shown_value(c, *kind, text);
            if value.is_empty() {
                let hint = if focused && !kind.is_text() {
                    s.choose
                } else {
                    ""
                };
                spans.push(Span::styled(hint.to_string(), c.t.dim));
            } else {
                let style = if focused { c.t.input } else { c.t.base };
                spans.push(Span::styled(truncate(&value, vw), style));
            }
        }
        let first = lines.len();
        lines.push(Line::from(spans));
        owner.push(i);
        for problem in &form.errors[i] {
            for part in wrap(&format!("✗ {}", problem.get(c.app.lang)), vw) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(lw + 1)),
                    Span::styled(part, c.t.bad),
                ]));
                owner.push(i);
            }
        }
        if i == form.focus {
            span_of_focus = (first, lines.len());
        }
    }
    // Keep the focused field and its problems in view.
    let page = doc.height as usize;
    let mut scroll = form.scroll.min(lines.len().saturating_sub(page));
    if span_of_focus.0 < scroll {
        scroll = span_of_focus.0;
    } else if span_of_focus.1 > scroll + page {
        scroll = (span_of_focus.1 - page).min(span_of_focus.0);
    }
    hits.edit.form = Some((doc, scroll));
    hits.edit.form_lines = owner.into_iter().skip(scroll).take(page).collect();
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(page).collect();
    Paragraph::new(visible).render(doc, buf);
    let fw = foot.width as usize;
    let mut text = format!("* {}", s.required);
    let n = form.problem_count();
    if n > 0 {
        text.push_str(&format!(" · {}: {n}", s.with_problems));
    }
    if form.saving {
        text.push_str(&format!(" · {}", s.saving));
    }
    let style = if n > 0 { c.t.bad } else { c.t.dim };
    let mut foot_lines = vec![Line::from(Span::styled(truncate(&text, fw), style))];
    if foot_h == 2 {
        foot_lines.insert(
            0,
            Line::from(Span::styled(truncate(s.help[form.focus], fw), c.t.title)),
        );
    }
    Paragraph::new(foot_lines).render(foot, buf);
}

/// A centred dialog: text lines (wrapped), then the choices (the chosen one highlighted).
#[allow(clippy::too_many_arguments)]
pub fn dialog(
    c: &Ctx,
    title: &str,
    text: &[String],
    choices: &[&str],
    choice: usize,
    area: Rect,
    buf: &mut Buffer,
    hits: &mut Hits,
) {
    let max_w = area.width.saturating_sub(4).clamp(area.width.min(10), 76) as usize;
    // As wide as the longest text or choice needs (within the screen), no wider.
    let want = text
        .iter()
        .map(|t| width(t))
        .chain(choices.iter().map(|c| width(c) + 2))
        .max()
        .unwrap_or(0)
        .max(width(title) + 4);
    let inner_w = want.min(max_w.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for t in text {
        if t.is_empty() {
            lines.push(Line::default());
        }
        for part in wrap(t, inner_w) {
            lines.push(Line::from(Span::styled(part, c.t.base)));
        }
    }
    if !choices.is_empty() && !lines.is_empty() {
        lines.push(Line::default());
    }
    // Choices go last and must stay visible: cut the text if the dialog is too tall.
    let room = (area.height.saturating_sub(2) as usize).saturating_sub(choices.len());
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::from(Span::styled("…", c.t.dim)));
    }
    let first_choice = lines.len();
    for (k, label) in choices.iter().enumerate() {
        let style = if k == choice { c.t.selected } else { c.t.base };
        let mark = if k == choice { "▸ " } else { "  " };
        lines.push(Line::from(Span::styled(
            pad(&format!("{mark}{label}"), inner_w),
            style,
        )));
    }
    let w = (inner_w + 2).min(max_w) as u16;
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w.max(area.width.min(12)), h);
    Clear.render(rect, buf);
    buf.set_style(rect, c.t.base);
    let block = panel(c, title, rect);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if !choices.is_empty() {
        let y = inner.y + first_choice as u16;
        if y < inner.bottom() {
            let rows = Rect {
                y,
                height: (choices.len() as u16).min(inner.bottom() - y),
                ..inner
            };
            hits.edit.list = Some((rows, 0));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Status-bar hints of an edit screen: `(key, what it does)`.
pub fn hints(c: &Ctx, screen: EditScreen) -> Vec<(String, &'static str)> {
    let km = &c.app.keymap;
    let s = c.s.edit;
    let hint = |a: Action, text: &'static str| (km.first(a), text);
    let updown = format!("{}/{}", km.first(Action::Up), km.first(Action::Down));
    match screen {
        EditScreen::Form => vec![
            hint(Action::Save, s.hint_save),
            match c.app.edit.form.as_ref().map(|f| f.kind()) {
                Some(Kind::Text) => hint(Action::Open, s.hint_next),
                _ => hint(Action::Open, s.hint_choose),
            },
            (updown, s.hint_field),
            hint(Action::Back, s.hint_cancel),
        ],
        EditScreen::Picker => match c.app.edit.form.as_ref().and_then(|f| f.popup.as_ref()) {
            Some(Popup::Multi(_)) => vec![
                ("Space".into(), s.hint_select),
                hint(Action::Open, s.hint_done),
                hint(Action::Save, s.hint_save),
            ],
            Some(Popup::Products(p)) if p.describing.is_some() => vec![
                hint(Action::Open, s.hint_confirm),
                hint(Action::Back, s.hint_cancel),
            ],
            Some(Popup::Products(_)) => vec![
                hint(Action::Open, s.hint_add),
                hint(Action::NextTab, s.hint_switch),
                ("x".into(), s.hint_remove),
                hint(Action::Back, s.hint_done),
                hint(Action::Save, s.hint_save),
            ],
            _ => vec![
                hint(Action::Open, s.hint_choose),
                hint(Action::Back, s.hint_cancel),
            ],
        },
        EditScreen::Dialog | EditScreen::Confirm => vec![
            (updown, s.hint_choose),
            hint(Action::Open, s.hint_confirm),
            hint(Action::Back, s.hint_cancel),
        ],
        EditScreen::Deleted => vec![
            hint(Action::RestoreSme, s.hint_restore),
            (updown, c.s.hint_move),
            hint(Action::Back, c.s.hint_close),
        ],
        EditScreen::Notice => vec![hint(Action::Open, c.s.hint_close)],
    }
}

/// Style of a chosen entry in a list.
pub fn chosen_style(c: &Ctx, selected: bool) -> Style {
    if selected { c.t.selected } else { c.t.base }
}
