//! Rendering only: reads the [`App`] and draws it. Returns where things were drawn ([`Hits`])
//! so clicks can be mapped back to intents.

mod assess;
mod changes;
mod common;
mod dashboard;
mod demand;
mod edit;
mod edit_pickers;
mod follow;
mod markets;
mod overlay;
mod services;
mod smes;
pub mod strings;
pub mod strings_assess;
pub mod strings_edit;
pub mod strings_follow;
pub mod strings_sync;
pub mod strings_trade;
pub mod strings_wizard;
mod sync;
pub mod theme;
mod trade;
mod wizard;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{Action, App, Hits, Screen, Tab, Target};
use crate::text::{truncate, width};
use common::Ctx;

/// Full layout from this size up; a compact one below.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;
/// Below this nothing useful fits: a "terminal too small" message instead.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// Draw the app into a frame.
pub fn draw(frame: &mut Frame, app: &App) -> Hits {
    let area = frame.area();
    render(app, area, frame.buffer_mut())
}

/// Draw the app into `buf` (also used by tests and benchmarks).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Hits {
    let mut hits = Hits {
        screen: Some(app.screen()),
        ..Hits::default()
    };
    let c = Ctx {
        app,
        s: strings::get(app.lang),
        t: theme::theme(app.theme),
        compact: area.width < FULL_WIDTH || area.height < FULL_HEIGHT,
    };
    buf.set_style(area, c.t.base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(&c, area, buf);
        return hits;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(&c, top, buf, &mut hits);
    status_bar(&c, bottom, buf);
    if app.wizard.is_some() {
        wizard::render(&c, body, buf, &mut hits);
    } else if app.assess.is_some() {
        assess::render(&c, body, buf, &mut hits);
    } else {
        page(&c, body, buf, &mut hits);
    }
    if app.stage_picker().is_some() {
        follow::stage_picker(&c, body, buf, &mut hits);
    }
    if app.picker.is_some() {
        overlay::picker(&c, body, buf, &mut hits);
    }
    edit::render(&c, body, buf, &mut hits);
    if app.help.is_some() {
        overlay::help(&c, body, buf, &mut hits);
    }
    hits
}

/// The tab's page or the detail open over it.
fn page(c: &Ctx, body: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let app = c.app;
    match app.detail() {
        Some(d) => match d.target {
            Target::Sme(i) => smes::detail(c, i, d.scroll, body, buf, hits),
            Target::Market(i) => markets::detail(c, i, d.scroll, body, buf, hits),
            Target::Provider(i) => services::detail(c, i, d.scroll, body, buf, hits),
        },
        None => match app.tab {
            Tab::Dashboard if app.sync.view.is_some() => sync::render(c, body, buf, hits),
            Tab::Dashboard => dashboard::render(c, body, buf, hits),
            Tab::Smes => smes::list(c, body, buf, hits),
            Tab::Markets => markets::list(c, body, buf, hits),
            Tab::Services => services::list(c, body, buf, hits),
        },
    }
}

/// Key hints of the assessment form, the stage picker and the SME detail (by focus).
fn screen_hints(c: &Ctx, updown: &str) -> Vec<(String, &'static str)> {
    let km = &c.app.keymap;
    let s = c.s;
    let (a, f) = (s.assess, s.follow);
    let hint = |act: Action, text: &'static str| (km.first(act), text);
    let pair = |x: Action, y: Action, sep: &str| {
        let (x, y) = (km.first(x), km.first(y));
        if x.is_empty() || y.is_empty() {
            format!("{x}{y}")
        } else {
            format!("{x}{sep}{y}")
        }
    };
    match c.app.screen() {
        Screen::Assess => {
            let form = c.app.assess.as_ref();
            if form.is_some_and(|f| f.confirm_discard) {
                vec![("y".into(), a.yes), ("n".into(), a.no)]
            } else if form.is_some_and(|f| f.editing.is_some()) {
                vec![("Enter".into(), a.hint_done), ("Esc".into(), a.hint_undo)]
            } else {
                vec![
                    (pair(Action::Answer0, Action::Answer4, "–"), a.hint_answer),
                    (updown.to_string(), a.hint_items),
                    (
                        pair(Action::PrevDomain, Action::NextDomain, "/"),
                        a.hint_domain,
                    ),
                    hint(Action::EditNote, a.hint_note),
                    hint(Action::SaveAssessment, a.hint_save),
                    hint(Action::Back, a.hint_close),
                    hint(Action::Help, s.hint_help),
                ]
            }
        }
        Screen::Stage if c.app.stage_picker().is_some_and(|p| p.reason.is_some()) => {
            vec![
                ("Enter".into(), s.hint_confirm),
                ("Esc".into(), s.hint_back),
            ]
        }
        Screen::Stage => vec![
            (updown.to_string(), s.hint_move),
            hint(Action::Open, s.hint_choose),
            hint(Action::Back, s.hint_back),
        ],
        _ => match c.app.focus() {
            crate::app::Focus::Row(crate::app::Section::Pipeline, _) => vec![
                hint(Action::SetStage, f.hint_stage),
                (updown.to_string(), s.hint_move),
                hint(Action::FocusNext, f.hint_sections),
                hint(Action::Back, f.hint_page),
                hint(Action::Help, s.hint_help),
            ],
            crate::app::Focus::Row(crate::app::Section::Plan, _) => vec![
                hint(Action::PlanStatus, f.hint_status),
                hint(Action::PlanCancel, f.hint_cancel_item),
                (pair(Action::DueLater, Action::DueEarlier, "/"), f.hint_due),
                (updown.to_string(), s.hint_move),
                hint(Action::FocusNext, f.hint_sections),
                hint(Action::Back, f.hint_page),
            ],
            crate::app::Focus::Page => vec![
                // Tab only has somewhere to go when the SME has markets or a plan.
                if c.app.rows(crate::app::Section::Pipeline).is_empty()
                    && c.app.rows(crate::app::Section::Plan).is_empty()
                {
                    (String::new(), "")
                } else {
                    hint(Action::FocusNext, f.hint_sections)
                },
                hint(Action::Assess, f.hint_assess),
                hint(Action::Report, f.hint_brief),
                (updown.to_string(), s.hint_scroll),
                hint(Action::Back, s.hint_back),
                hint(Action::EditSme, s.edit.hint_edit),
                hint(Action::DeleteSme, s.edit.hint_delete),
                hint(Action::Language, s.hint_language),
                hint(Action::Help, s.hint_help),
            ],
        },
    }
}

fn too_small(c: &Ctx, area: Rect, buf: &mut Buffer) {
    let w = area.width as usize;
    // Wrapped rather than cut, so the message stays readable in a narrow window.
    let mut lines: Vec<Line> = if area.height > 2 && w >= 6 {
        common::wrap(c.s.too_small, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.warn)))
            .collect()
    } else {
        vec![Line::from(Span::styled(
            truncate(c.s.too_small, w),
            c.t.warn,
        ))]
    };
    if area.height as usize > lines.len() {
        lines.push(Line::from(truncate(
            &format!("{}×{} < {MIN_WIDTH}×{MIN_HEIGHT}", area.width, area.height),
            w,
        )));
    }
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    Paragraph::new(lines)
        .centered()
        .render(Rect::new(area.x, y, area.width, h), buf);
}

fn tab_bar(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    buf.set_style(area, c.t.status);
    let full: Vec<String> = (0..4)
        .map(|i| format!(" {} {} ", i + 1, c.s.tabs[i]))
        .collect();
    let short: Vec<String> = (0..4)
        .map(|i| format!(" {} {} ", i + 1, c.s.tabs_short[i]))
        .collect();
    let numbers: Vec<String> = (0..4).map(|i| format!(" {} ", i + 1)).collect();
    let brand = format!(" {} ", c.s.app_title);
    let fits = |titles: &[String], extra: usize| {
        titles.iter().map(|t| width(t)).sum::<usize>() + extra <= area.width as usize
    };
    let (titles, show_brand) = if fits(&full, width(&brand)) {
        (full, true)
    } else if fits(&full, 0) {
        (full, false)
    } else if fits(&short, 0) {
        (short, false)
    } else {
        (numbers, false)
    };
    let mut x = area.x;
    if show_brand {
        buf.set_stringn(
            x,
            area.y,
            &brand,
            area.width as usize,
            c.t.title.patch(c.t.status),
        );
        x += width(&brand) as u16;
    }
    for (i, title) in titles.iter().enumerate() {
        let tab = Tab::ALL[i];
        let w = width(title) as u16;
        if x + w > area.right() {
            break;
        }
        let style = if c.app.tab == tab {
            c.t.tab_active
        } else {
            c.t.status
        };
        buf.set_stringn(x, area.y, title, w as usize, style);
        hits.tabs.push((Rect::new(x, area.y, w, 1), tab));
        x += w;
    }
}

/// Key hints of the current screen, each `key description`, as many as fit.
fn status_bar(c: &Ctx, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, c.t.status);
    let km = &c.app.keymap;
    let hint = |a: Action, text: &'static str| (km.first(a), text);
    let (up, down) = (km.first(Action::Up), km.first(Action::Down));
    let updown = if up.is_empty() || down.is_empty() {
        format!("{up}{down}")
    } else {
        format!("{up}/{down}")
    };
    let s = c.s;
    let hints: Vec<(String, &str)> = match c.app.screen() {
        Screen::Help => vec![
            (updown.clone(), s.hint_scroll),
            hint(Action::Back, s.hint_close),
        ],
        Screen::Picker => vec![
            (updown.clone(), s.hint_move),
            hint(Action::Open, s.hint_choose),
            hint(Action::Back, s.hint_back),
        ],
        Screen::Search => vec![
            ("Enter".into(), s.hint_confirm),
            ("Esc".into(), s.hint_cancel),
            ("↑/↓".into(), s.hint_move),
        ],
        Screen::Assess | Screen::Stage => screen_hints(c, &updown),
        Screen::Detail(Target::Sme(_)) => screen_hints(c, &updown),
        Screen::Detail(_) => vec![
            (updown.clone(), s.hint_scroll),
            hint(Action::Back, s.hint_back),
            hint(Action::Language, s.hint_language),
            hint(Action::Help, s.hint_help),
        ],
        Screen::List(tab) => vec![
            hint(Action::Search, s.hint_search),
            hint(Action::Filter, s.hint_filter),
            hint(Action::Sort, s.hint_sort),
            hint(Action::Open, s.hint_open),
            if tab == Tab::Smes {
                hint(Action::Assess, s.follow.hint_assess)
            } else {
                (String::new(), "")
            },
            hint(Action::Help, s.hint_help),
            hint(Action::Quit, s.hint_quit),
            if tab == Tab::Smes {
                hint(Action::NewSme, s.edit.hint_new)
            } else {
                (String::new(), "")
            },
            if tab == Tab::Smes {
                hint(Action::EditSme, s.edit.hint_edit)
            } else {
                (String::new(), "")
            },
            hint(Action::Language, s.hint_language),
            hint(Action::NextTab, s.hint_tabs),
        ],
        Screen::Edit(e) => edit::hints(c, e),
        Screen::Wizard => wizard::hints(c),
        Screen::Sync if c.app.sync_asking() => {
            vec![("y".into(), s.sync.yes), ("n".into(), s.sync.no)]
        }
        Screen::Sync => vec![
            (updown.clone(), s.hint_move),
            hint(Action::KeepMine, s.sync.hint_keep_mine),
            hint(Action::KeepTheirs, s.sync.hint_keep_theirs),
            hint(Action::Back, s.hint_back),
            hint(Action::Language, s.hint_language),
            hint(Action::Help, s.hint_help),
        ],
        Screen::Dashboard => vec![
            hint(Action::SyncView, s.sync.hint_sync),
            hint(Action::NextTab, s.hint_tabs),
            (updown.clone(), s.hint_scroll),
            hint(Action::Language, s.hint_language),
            hint(Action::Help, s.hint_help),
            hint(Action::Quit, s.hint_quit),
        ],
    };
    let right = format!(" {} ", s.lang_code);
    let limit = (area.width as usize).saturating_sub(width(&right));
    if let Some(text) = wizard::notice(c) {
        let text = crate::text::truncate(&format!(" {text}"), limit);
        Paragraph::new(Line::from(Span::styled(text, c.t.warn.patch(c.t.status))))
            .render(area, buf);
        return;
    }
    if let Some(status) = &c.app.status {
        let style = if status.error {
            c.t.bad.patch(c.t.status)
        } else {
            c.t.status
        };
        let text = crate::text::truncate(&format!(" {}", status.text), limit);
        Paragraph::new(Line::from(Span::styled(text, style))).render(area, buf);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, text) in hints.iter().filter(|(k, _)| !k.is_empty()) {
        let w = width(key) + 1 + width(text) + 2;
        if used + w > limit {
            break;
        }
        spans.push(Span::styled(key.clone(), c.t.key));
        spans.push(Span::styled(format!(" {text}  "), c.t.status));
        used += w;
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
    if width(&right) < area.width as usize {
        let x = area.right() - width(&right) as u16;
        buf.set_string(x, area.y, &right, c.t.key);
    }
}
