//! The matching wizard on screen: a frame with the steps, then the step itself — product list,
//! ranked markets with a stacked bar of the components (and the weights panel), market detail,
//! side-by-side comparison, gaps with their providers, review before saving. This file holds the
//! frame, the product step, the status-bar hints and what the steps share.

mod detail;
mod plan;
mod ranking;
mod side_by_side;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::common::{
    Col, Ctx, centered, document, fit, heading, panel, scrollbar, short_company, table, widths,
    wrap,
};
use super::dashboard::market_name;
use super::strings_wizard::WizardStrings;
use crate::app::wizard::{MarketFilter, Notice, Step, Wizard};
use crate::app::{Action, Hits, Lang};
use crate::domain::gaps::GapKind;
use crate::domain::matching::{MarketResult, N_COMPONENTS, compare};
use crate::domain::{FtaStatus, Severity};
use crate::store::sample_texts;
use crate::text::{pad, truncate, width};

/// One letter per component in the bars and panels (the legend names them).
pub const LETTERS: [char; N_COMPONENTS] = ['S', 'G', 'I', 'A', 'D', 'L', 'P', 'F'];

/// From this inner width the weights panel sits beside the ranking all the time.
const SIDE_PANEL_FROM: u16 = 100;

const PANEL_W: u16 = 30;

/// The ranking components' names (one catalog with `match` and the brief).
fn component_names(c: &Ctx) -> &'static [&'static str; 8] {
    crate::report::reasons::component_names(c.app.lang)
}

fn ws(c: &Ctx) -> &'static WizardStrings {
    c.s.wizard
}

fn vi(c: &Ctx) -> bool {
    c.app.lang == Lang::Vi
}

pub fn render(c: &Ctx, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let Some(w) = c.app.wizard.as_ref() else {
        return;
    };
    let Some(sme) = c.app.data.p.smes.get(w.sme) else {
        return;
    };
    let title = format!("{} · {}", ws(c).title, short_company(&sme.name));
    let block = panel(c, &title, area);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    steps_line(c, w, Rect { height: 1, ..inner }, buf);
    let body = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    match w.step {
        Step::Product => product(c, w, body, buf, hits),
        Step::Ranking => ranking::ranking(c, w, body, buf, hits),
        Step::MarketDetail => {
            let lines = detail::detail_lines(c, w, body.width as usize);
            document(lines, body, buf, w.scroll, hits);
            scrollbar(c, area, buf, w.scroll, hits);
        }
        Step::Compare => {
            let lines = side_by_side::compare_lines(c, w, body.width as usize);
            document(lines, body, buf, w.scroll, hits);
            scrollbar(c, area, buf, w.scroll, hits);
        }
        Step::Services => plan::services(c, w, body, buf, hits),
        Step::Review => plan::review(c, w, body, buf, hits),
    }
    if w.filter_menu.is_some() {
        ranking::filter_menu(c, w, area, buf);
    }
    if w.confirm_discard {
        ranking::confirm(c, area, buf, hits);
    }
}

/// "1 Product › 2 Ranking › …" with the current step highlighted; only numbers for the other
/// steps when the names do not fit.
fn steps_line(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer) {
    let names = ws(c).steps;
    let current = step_index(w.step);
    let full: Vec<String> = (0..6).map(|i| format!("{} {}", i + 1, names[i])).collect();
    let fits = |labels: &[String]| {
        labels.iter().map(|l| width(l)).sum::<usize>() + 3 * 5 <= area.width as usize
    };
    let labels: Vec<String> = if fits(&full) {
        full
    } else {
        (0..6)
            .map(|i| {
                if i == current {
                    format!("{} {}", i + 1, names[i])
                } else {
                    (i + 1).to_string()
                }
            })
            .collect()
    };
    let mut spans = Vec::new();
    for (i, label) in labels.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", c.t.dim));
        }
        let style = if i == current {
            c.t.tab_active
        } else if i < current {
            c.t.base
        } else {
            c.t.dim
        };
        spans.push(Span::styled(label, style));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn step_index(step: Step) -> usize {
    match step {
        Step::Product => 0,
        Step::Ranking => 1,
        Step::MarketDetail => 2,
        Step::Compare => 3,
        Step::Services => 4,
        Step::Review => 5,
    }
}

/// "Preset first_time (from the readiness band) · changed by hand".
fn preset_text(c: &Ctx, w: &Wizard) -> String {
    let s = ws(c);
    let mut text = match w.preset() {
        None => s.preset_default.to_string(),
        Some(p) if w.preset_chosen => format!("{p} ({})", s.preset_chosen),
        Some(p) => format!("{p} ({})", s.preset_from_band),
    };
    if w.weights_changed {
        text.push_str(&format!(" · {}", s.weights_changed));
    }
    text
}

/// "030617 Frozen whiteleg shrimp — Crustaceans; frozen…": the HS code, the SME's own words
/// for the product (short and specific) and the HS description.
fn product_text(c: &Ctx, w: &Wizard, hs: &str) -> String {
    format!("{hs} {}", product_words(c, w, hs))
}

fn product_words(c: &Ctx, w: &Wizard, hs: &str) -> String {
    let hs_desc = c.app.data.p.reference.hs_description(hs, vi(c));
    let own = c
        .app
        .data
        .p
        .smes
        .get(w.sme)
        .and_then(|s| {
            let p = s.products.iter().find(|p| p.hs == hs)?;
            Some(sample_texts::sme_text(
                c.app.lang,
                s.is_sample(),
                p.description.trim(),
            ))
        })
        .unwrap_or("");
    match (own.is_empty(), hs_desc.is_empty()) {
        (true, _) => hs_desc,
        (false, true) => own.to_string(),
        (false, false) => format!("{own} — {hs_desc}"),
    }
}

fn product(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    let width_ = area.width as usize;
    let readiness = c.app.data.p.readiness.get(&w.sme_id);
    let ready = match readiness {
        Some(r) => format!(
            "{}: {} {}",
            s.readiness,
            r.overall
                .map(|v| format!("{}/100", c.s.num(v, 0)))
                .unwrap_or_else(|| c.s.dash.to_string()),
            c.s.band(r.band)
        ),
        None => format!("{}: {}", s.readiness, s.not_assessed),
    };
    let mut lines = vec![
        Line::from(Span::styled(
            truncate(s.choose_product, width_),
            c.t.heading,
        )),
        Line::from(Span::styled(truncate(&ready, width_), c.t.base)),
        Line::from(Span::styled(
            truncate(&format!("{}: {}", s.preset, preset_text(c, w)), width_),
            c.t.dim,
        )),
    ];
    if w.products.is_empty() {
        lines.push(Line::default());
        lines.extend(
            wrap(s.no_products, width_)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, c.t.warn))),
        );
    }
    let head = (lines.len() as u16 + 1).min(area.height);
    Paragraph::new(lines).render(
        Rect {
            height: head,
            ..area
        },
        buf,
    );
    if w.products.is_empty() || area.height <= head {
        return;
    }
    let list = Rect {
        y: area.y + head,
        height: area.height - head,
        ..area
    };
    let cols = [
        Col::new("HS", Constraint::Length(7)),
        Col::new(s.product, Constraint::Fill(1)),
    ];
    table(
        c,
        list,
        buf,
        &cols,
        &[0, 1],
        w.products.len() + 1,
        w.product_row,
        0,
        |i, _| {
            if i == 0 {
                return vec![Span::raw("*"), Span::raw(s.all_products)];
            }
            let hs = &w.products[i - 1];
            vec![
                Span::styled(hs.clone(), c.t.title),
                Span::raw(product_words(c, w, hs)),
            ]
        },
        hits,
    );
}

/// The stacked bar of a result's weighted contributions in `cells` columns (100 points fill
/// it): each component's letter repeated over its share, by largest remainder.
pub fn bar_cells(r: &MarketResult, cells: usize) -> Vec<(usize, usize)> {
    let contrib = compare::contributions(r);
    let raw: Vec<f64> = contrib
        .iter()
        .map(|v| v.unwrap_or(0.0).max(0.0) / 100.0 * cells as f64)
        .collect();
    let total = raw.iter().sum::<f64>().round() as usize;
    let mut n: Vec<usize> = raw.iter().map(|x| x.floor() as usize).collect();
    let mut rest: Vec<(usize, f64)> = raw
        .iter()
        .enumerate()
        .map(|(i, x)| (i, x - x.floor()))
        .collect();
    rest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut missing = total.min(cells).saturating_sub(n.iter().sum());
    for (i, _) in rest {
        if missing == 0 {
            break;
        }
        n[i] += 1;
        missing -= 1;
    }
    (0..N_COMPONENTS)
        .filter(|&i| n[i] > 0)
        .map(|i| (i, n[i]))
        .collect()
}

fn bar_spans<'a>(c: &Ctx, r: &MarketResult, cells: usize) -> Vec<Span<'a>> {
    bar_cells(r, cells)
        .into_iter()
        .map(|(i, n)| Span::styled(LETTERS[i].to_string().repeat(n), c.t.series[i]))
        .collect()
}

/// A source description with its kind of figure in the reader's language.
fn source_text(c: &Ctx, source: &str) -> String {
    crate::report::reasons::source(c.app.lang, source)
}

/// `year, source, estimate` of a component as one short text.
fn provenance(c: &Ctx, year: Option<u16>, source: &str, estimate: bool) -> String {
    let mut parts = Vec::new();
    if let Some(y) = year {
        parts.push(y.to_string());
    }
    if estimate {
        parts.push(ws(c).estimate.to_string());
    }
    parts.push(source_text(c, source));
    parts.join(" · ")
}

/// "2025 · estimate" (or the year alone for a reported figure).
fn provenance_short(c: &Ctx, year: Option<u16>, estimate: bool) -> String {
    let year = year.map(|y| y.to_string()).unwrap_or_default();
    if estimate {
        format!("{year} · {}", ws(c).estimate)
    } else {
        format!("{year} · {}", ws(c).real_figure)
    }
}

/// The first letter in capitals (labels reused from mid-sentence strings).
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A text wrapped under an indent of `indent` columns.
fn indented<'a>(text: &str, indent: usize, w: usize, style: Style) -> Vec<Line<'a>> {
    wrap(text, w.saturating_sub(indent).max(8))
        .into_iter()
        .map(|l| Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(l, style)]))
        .collect()
}

fn kv_line<'a>(c: &Ctx, label: &str, value: &str, lw: usize, width_: usize) -> Line<'a> {
    Line::from(vec![
        Span::styled(pad(&truncate(label, lw), lw), c.t.dim),
        Span::raw(" "),
        Span::styled(truncate(value, width_.saturating_sub(lw + 1)), c.t.base),
    ])
}

/// What a gap is, in words: "✗ GCC-HALAL-MEAT Halal certificate…" or "Readiness D … 25".
fn gap_text(c: &Ctx, kind: &GapKind) -> (String, Style) {
    let s = ws(c);
    match kind {
        GapKind::Requirement { code, severity } => {
            let title = c
                .app
                .data
                .p
                .reference
                .requirements
                .iter()
                .find(|q| &q.code == code)
                .map(|q| {
                    if vi(c) && !q.title_vi.is_empty() {
                        q.title_vi.clone()
                    } else {
                        q.title.clone()
                    }
                })
                .unwrap_or_default();
            let style = if *severity == Severity::Mandatory {
                c.t.bad
            } else {
                c.t.warn
            };
            (format!("✗ {code} {title}"), style)
        }
        GapKind::Readiness { domain, score } => (
            format!(
                "{} {} {}",
                s.readiness_gap,
                c.s.domain(domain),
                c.s.num(*score, 0)
            ),
            c.t.warn,
        ),
    }
}

fn provider_label(c: &Ctx, id: &str) -> String {
    match c.app.data.p.reference.provider(id) {
        Some(p) => {
            let name = if vi(c) && !p.name_vi.is_empty() {
                &p.name_vi
            } else {
                &p.name
            };
            // Sample providers say so in their name already; others get the marker.
            let marker = format!("({})", ws(c).sample);
            if p.sample && !name.contains(&marker) {
                format!("{name} {marker}")
            } else {
                name.clone()
            }
        }
        None => id.to_string(),
    }
}

/// The notice of the last key, for the status bar.
pub fn notice(c: &Ctx) -> Option<&'static str> {
    let s = ws(c);
    c.app.wizard.as_ref()?.notice.map(|n| match n {
        Notice::MarkTwo => s.notice_mark_two,
        Notice::MarkedMax => s.notice_marked_max,
        Notice::WeightsZero => s.notice_weights_zero,
        Notice::NoProducts => s.notice_no_products,
    })
}

/// Status-bar hints of the wizard's current step.
pub fn hints(c: &Ctx) -> Vec<(String, &'static str)> {
    let s = ws(c);
    let km = &c.app.keymap;
    let k = |a: Action| km.first(a);
    let pair = |a: Action, b: Action| {
        let (x, y) = (km.first(a), km.first(b));
        if x.is_empty() || y.is_empty() {
            format!("{x}{y}")
        } else {
            format!("{x}/{y}")
        }
    };
    let Some(w) = c.app.wizard.as_ref() else {
        return Vec::new();
    };
    if w.confirm_discard {
        return vec![
            ("y".to_string(), s.hint_discard),
            ("n".to_string(), s.hint_keep),
        ];
    }
    if w.filter_menu.is_some() {
        return vec![
            (pair(Action::Up, Action::Down), c.s.hint_move),
            (k(Action::Open), s.hint_choose),
            (k(Action::Back), s.hint_back),
        ];
    }
    match w.step {
        Step::Product => vec![
            (pair(Action::Up, Action::Down), c.s.hint_move),
            (k(Action::Open), s.hint_choose),
            (k(Action::Back), s.hint_back),
            (k(Action::Help), c.s.hint_help),
        ],
        Step::Ranking if w.weights_focus => vec![
            (pair(Action::Up, Action::Down), c.s.hint_move),
            (pair(Action::Less, Action::More), s.hint_change),
            (k(Action::Preset), s.hint_preset),
            (k(Action::Weights), s.hint_done),
        ],
        Step::Ranking => vec![
            (k(Action::Open), s.hint_open),
            (k(Action::Mark), s.hint_mark),
            (k(Action::Compare), s.hint_compare),
            (k(Action::NextTab), s.hint_services),
            (k(Action::Weights), s.hint_weights),
            (k(Action::Preset), s.hint_preset),
            (k(Action::Filter), s.hint_filter),
            (k(Action::Back), s.hint_back),
        ],
        Step::MarketDetail => vec![
            (pair(Action::Up, Action::Down), s.hint_scroll),
            (pair(Action::Less, Action::More), s.hint_market),
            (k(Action::Mark), s.hint_mark),
            (k(Action::Compare), s.hint_compare),
            (k(Action::Open), s.hint_services),
            (k(Action::Back), s.hint_back),
        ],
        Step::Compare => vec![
            (pair(Action::Up, Action::Down), s.hint_scroll),
            (k(Action::Open), s.hint_services),
            (k(Action::Back), s.hint_back),
        ],
        Step::Services => vec![
            (pair(Action::Up, Action::Down), c.s.hint_move),
            (pair(Action::Less, Action::More), s.hint_provider),
            (k(Action::Open), s.hint_review),
            (k(Action::Back), s.hint_back),
        ],
        Step::Review => vec![
            (k(Action::Open), s.hint_save),
            (pair(Action::Less, Action::More), s.hint_due),
            (pair(Action::Up, Action::Down), c.s.hint_move),
            (k(Action::Back), s.hint_back),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::COMPONENTS;

    #[test]
    fn letters_follow_the_component_order() {
        for (i, name) in COMPONENTS.iter().enumerate() {
            let expected = match *name {
                "stability" => 'P',
                other => other.chars().next().unwrap().to_ascii_uppercase(),
            };
            assert_eq!(LETTERS[i], expected, "{name}");
        }
    }
}
