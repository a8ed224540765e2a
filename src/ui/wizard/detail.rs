//! The market detail: score and bar, demand with year and source, every component with its
//! weight and points, adjustments, why it ranks above the next market, FTAs and C/O form,
//! requirements with how to meet them, trade remedies, logistics and distance.

use super::*;

pub(super) fn detail_lines<'a>(c: &Ctx, w: &Wizard, width_: usize) -> Vec<Line<'a>> {
    let Some(r) = w.detail_result() else {
        return Vec::new();
    };
    let idx = w.detail.unwrap_or(0);
    let mut lines = header_lines(c, w, r, width_);
    lines.extend(demand_lines(c, w, r, width_));
    lines.extend(component_lines(c, r, width_));
    lines.extend(adjustment_lines(c, r, width_));
    lines.extend(why_lines(c, r, w.next_after(idx), width_));
    lines.extend(fta_lines(c, r, width_));
    lines.extend(requirement_lines(c, r, width_));
    lines.extend(remedy_lines(c, r, width_));
    lines.extend(logistics_lines(c, r, width_));
    lines
}

fn header_lines<'a>(c: &Ctx, w: &Wizard, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let mark = if w.marked.contains(&r.market) {
        "[x] "
    } else {
        "[ ] "
    };
    let name = format!(
        "{mark}{} {} · HS {} {}",
        r.market,
        market_name(c, &r.market),
        r.hs,
        super::product_words(c, w, &r.hs)
    );
    let mut lines = vec![Line::from(Span::styled(
        truncate(&name, width_),
        c.t.heading,
    ))];
    let score = r
        .score
        .map(|v| c.s.num(v, 1))
        .unwrap_or_else(|| c.s.dash.to_string());
    let base = r
        .base
        .map(|v| c.s.num(v, 1))
        .unwrap_or_else(|| c.s.dash.to_string());
    let text = format!(
        "{} {}/{} · {} {score} ({} {base} · {} {})",
        s.rank,
        r.rank,
        w.results.len(),
        s.score,
        s.base,
        s.coverage,
        c.s.pct(r.coverage * 100.0, 0)
    );
    lines.extend(
        wrap(&text, width_)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.base))),
    );
    let bar_w = width_.min(40);
    lines.push(Line::from(bar_spans(c, r, bar_w)));
    if r.existing_market {
        lines.extend(indented(
            &format!("● {}", s.existing_market),
            0,
            width_,
            c.t.warn,
        ));
    }
    lines
}

fn demand_lines<'a>(c: &Ctx, w: &Wizard, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    use crate::domain::matching::component::{GROWTH, SIZE};
    let s = ws(c);
    let mut lines = vec![Line::default(), heading(c, s.sec_demand)];
    let lw = width(s.imports).max(width(s.growth)).min(width_ / 2);
    let size = &r.components.0[SIZE];
    let value = match size.figure.filter(|_| size.score.is_some()) {
        Some(v) => format!(
            "{} ({}, {})",
            c.s.usd(v),
            size.year.map(|y| y.to_string()).unwrap_or_default(),
            if size.estimate {
                s.estimate
            } else {
                s.real_figure
            }
        ),
        None => s.no_data.to_string(),
    };
    lines.push(kv_line(c, s.imports, &value, lw, width_));
    lines.extend(indented(
        &source_text(c, &size.source),
        lw + 1,
        width_,
        c.t.dim,
    ));
    let growth = &r.components.0[GROWTH];
    let value = match growth.figure.filter(|_| growth.score.is_some()) {
        Some(pct) => {
            let sign = if pct >= 0.0 { "+" } else { "" };
            let year = growth.year.unwrap_or_default();
            let est = if growth.estimate {
                format!(", {}", s.estimate)
            } else {
                String::new()
            };
            format!(
                "{sign}{} ({}–{year}{est})",
                c.s.pct(pct, 0),
                year.saturating_sub(5)
            )
        }
        None => s.no_data.to_string(),
    };
    lines.push(kv_line(c, s.growth, &value, lw, width_));
    lines.extend(indented(
        &source_text(c, &growth.source),
        lw + 1,
        width_,
        c.t.dim,
    ));
    if let Some((rca, year)) = w
        .rca
        .iter()
        .find(|(hs, _)| *hs == r.hs)
        .and_then(|(_, v)| *v)
    {
        let text = format!(
            "{}: {} ({year}, {})",
            s.rca,
            c.s.num(rca, 1),
            crate::domain::reference::sources::BACI
        );
        lines.extend(indented(&text, 0, width_, c.t.dim));
    }
    lines.extend(crate::ui::trade::lines(
        c,
        r.demand.as_ref(),
        r.vn_exports.as_ref(),
        &r.competitors,
        width_,
    ));
    lines
}

fn component_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let mut lines = vec![Line::default(), heading(c, s.sec_components)];
    let contrib = compare::contributions(r);
    let name_w = component_names(c)
        .iter()
        .map(|n| width(n))
        .max()
        .unwrap_or(8)
        + 2;
    let head = format!(
        "{} {} {} {} {}",
        pad(s.col_component, name_w),
        fit(s.score, 6, true),
        fit(s.col_weight, 8, true),
        fit(s.col_points, 6, true),
        s.col_year_source
    );
    lines.push(Line::from(Span::styled(
        truncate(&head, width_),
        c.t.header,
    )));
    let fixed = name_w + 1 + 6 + 1 + 8 + 1 + 6 + 1;
    for i in 0..N_COMPONENTS {
        let comp = &r.components.0[i];
        let score = comp
            .score
            .map(|v| c.s.num(v, 1))
            .unwrap_or_else(|| c.s.dash.to_string());
        let points = contrib[i]
            .map(|v| c.s.num(v, 1))
            .unwrap_or_else(|| c.s.dash.to_string());
        let prov = if comp.score.is_some() {
            provenance(c, comp.year, &comp.source, comp.estimate)
        } else {
            format!("{} · {}", s.no_data, source_text(c, &comp.source))
        };
        let mut spans = vec![
            Span::styled(LETTERS[i].to_string(), c.t.series[i]),
            Span::raw(" "),
            Span::styled(pad(component_names(c)[i], name_w - 2), c.t.base),
            Span::raw(" "),
            Span::styled(fit(&score, 6, true), c.t.title),
            Span::raw(" "),
            Span::styled(fit(&c.s.num(comp.weight, 0), 8, true), c.t.base),
            Span::raw(" "),
            Span::styled(fit(&points, 6, true), c.t.base),
            Span::raw(" "),
        ];
        if width_ > fixed + 12 {
            spans.push(Span::styled(
                truncate(&prov, width_ - fixed),
                if comp.estimate { c.t.warn } else { c.t.dim },
            ));
            lines.push(Line::from(spans));
        } else {
            lines.push(Line::from(spans));
            lines.extend(indented(&prov, 2, width_, c.t.dim));
        }
    }
    lines
}

/// An adjustment in the reader's language: priority bonus, remedy penalty or existing market.
fn adjustment_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let mut lines = vec![Line::default(), heading(c, s.sec_adjustments)];
    if r.adjustments.is_empty() {
        lines.push(Line::from(Span::styled(s.no_adjustments, c.t.dim)));
    }
    let reference = &c.app.data.p.reference;
    for a in &r.adjustments {
        let points = if a.points >= 0.0 {
            format!("+{}", c.s.num(a.points, 1))
        } else {
            c.s.num(a.points, 1)
        };
        let text = match a.kind {
            "priority_region" => {
                let seg = reference
                    .market(&r.market)
                    .map(|m| c.s.priority(m.priority.code()).to_string())
                    .unwrap_or_default();
                format!("★ {} ({seg})", s.priority_region)
            }
            "existing_market" => format!("● {}", s.existing_market),
            // The domain's detail is English (JSON): name the cases from the reference.
            _ => {
                let cases: Vec<String> = reference
                    .remedies_for(&r.market, &r.hs)
                    .filter(|x| x.is_live())
                    .map(|x| {
                        let case = if x.case_ref.is_empty() {
                            &x.id
                        } else {
                            &x.case_ref
                        };
                        format!(
                            "{} ({}) {case}",
                            c.s.measure(&x.measure),
                            c.s.remedy_status(&x.status)
                        )
                    })
                    .collect();
                let label = crate::report::reasons::adjustment_label(c.app.lang, a.kind);
                format!("! {label}: {}", cases.join("; "))
            }
        };
        let style = if a.points < 0.0 { c.t.bad } else { c.t.base };
        let head = format!("{} ", fit(&points, 6, true));
        for (k, part) in wrap(&text, width_.saturating_sub(7))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::from(vec![
                Span::styled(if k == 0 { head.clone() } else { " ".repeat(7) }, style),
                Span::styled(part, c.t.base),
            ]));
        }
    }
    lines
}

fn why_lines<'a>(
    c: &Ctx,
    r: &MarketResult,
    next: Option<&MarketResult>,
    width_: usize,
) -> Vec<Line<'a>> {
    let s = ws(c);
    let Some(n) = next else {
        return vec![
            Line::default(),
            heading(c, s.sec_why),
            Line::from(Span::styled(truncate(s.why_last, width_), c.t.dim)),
        ];
    };
    let score = n
        .score
        .map(|v| c.s.num(v, 1))
        .unwrap_or_else(|| c.s.dash.to_string());
    let title = format!(
        "{} {} {} ({score})",
        s.sec_why,
        n.market,
        market_name(c, &n.market)
    );
    let mut lines = vec![Line::default(), heading(c, &truncate(&title, width_))];
    let edges = compare::why_above(r, n);
    if edges.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.why_equal, width_),
            c.t.dim,
        )));
        return lines;
    }
    for e in edges.iter().take(6) {
        let points = if e.points >= 0.0 {
            format!("+{}", c.s.num(e.points, 1))
        } else {
            c.s.num(e.points, 1)
        };
        let (letter, name, style) = match e.component {
            Some(i) => (
                Span::styled(LETTERS[i].to_string(), c.t.series[i]),
                component_names(c)[i],
                c.t.base,
            ),
            None => (Span::raw(" "), s.why_adjustments, c.t.base),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", fit(&points, 6, true)),
                if e.points >= 0.0 { c.t.good } else { c.t.bad },
            ),
            letter,
            Span::raw(" "),
            Span::styled(truncate(name, width_.saturating_sub(9)), style),
        ]));
    }
    lines
}

fn fta_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let reference = &c.app.data.p.reference;
    let mut lines = vec![Line::default(), heading(c, s.sec_fta)];
    let mut ftas: Vec<_> = reference.ftas_with(&r.market).collect();
    ftas.sort_by_key(|f| crate::app::data::fta_rank(f.status));
    if ftas.is_empty() {
        lines.push(Line::from(Span::styled(s.no_fta, c.t.dim)));
    }
    for f in ftas {
        let status = c.s.fta_status(f.status.code());
        let year = f.year.map(|y| format!(" {y}")).unwrap_or_default();
        let co = if f.co_form.is_empty() {
            String::new()
        } else {
            format!(" · {} {}", s.co_form, f.co_form)
        };
        let text = format!("{} · {status}{year}{co}", f.code);
        let style = if matches!(f.status, FtaStatus::InForce | FtaStatus::Preferential) {
            c.t.good
        } else {
            c.t.base
        };
        lines.extend(indented(&text, 0, width_, style));
    }
    lines
}

fn requirement_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let reference = &c.app.data.p.reference;
    let mut lines = vec![Line::default(), heading(c, s.sec_requirements)];
    if r.requirements.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.no_requirements, width_),
            c.t.dim,
        )));
    }
    // Unmet first, mandatory before expected.
    let mut reqs: Vec<_> = r.requirements.iter().collect();
    reqs.sort_by_key(|q| (q.met, q.severity != Severity::Mandatory));
    for q in reqs {
        let (mark, style) = if q.met {
            ("✓", c.t.good)
        } else if q.severity == Severity::Mandatory {
            ("✗", c.t.bad)
        } else {
            ("✗", c.t.warn)
        };
        let title = if vi(c) && !q.title_vi.is_empty() {
            &q.title_vi
        } else {
            &q.title
        };
        let state = if q.met { s.met } else { s.unmet };
        let text = format!(
            "{} · {} · {state} · {title}",
            q.code,
            c.s.severity(q.severity)
        );
        for (k, part) in wrap(&text, width_.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::from(vec![
                Span::styled(
                    if k == 0 {
                        format!("{mark} ")
                    } else {
                        "  ".into()
                    },
                    style,
                ),
                Span::styled(part, if k == 0 { style } else { c.t.base }),
            ]));
        }
        if q.met {
            continue;
        }
        if let Some(req) = reference.requirements.iter().find(|x| x.code == q.code) {
            let how = if vi(c) && !req.how_to_vi.is_empty() {
                &req.how_to_vi
            } else {
                &req.how_to
            };
            if !how.is_empty() {
                lines.extend(indented(&format!("{}: {how}", s.how), 2, width_, c.t.base));
            }
            if let Some(y) = req.year {
                lines.extend(indented(
                    &format!("{y} · {}", req.source),
                    2,
                    width_,
                    c.t.dim,
                ));
            }
        }
        if !q.services.is_empty() {
            let names: Vec<String> = q
                .services
                .iter()
                .map(|p| provider_label(c, &p.id))
                .collect();
            lines.extend(indented(
                &format!("{}: {}", s.services, names.join(", ")),
                2,
                width_,
                c.t.dim,
            ));
        }
    }
    lines
}

fn remedy_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let reference = &c.app.data.p.reference;
    let mut lines = vec![Line::default(), heading(c, s.sec_remedies)];
    let live: Vec<_> = reference
        .remedies_for(&r.market, &r.hs)
        .filter(|x| x.is_live())
        .collect();
    if live.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(s.no_remedies, width_),
            c.t.dim,
        )));
    }
    for x in live {
        let product = if vi(c) && !x.product_vi.is_empty() {
            &x.product_vi
        } else {
            &x.product
        };
        let year = x.year.map(|y| y.to_string()).unwrap_or_default();
        let text = format!(
            "{} · {} · {year} · {} · {product}",
            c.s.measure(&x.measure),
            c.s.remedy_status(&x.status),
            x.case_ref
        );
        for (k, part) in wrap(&text, width_.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::from(vec![
                Span::styled(if k == 0 { "! " } else { "  " }, c.t.bad),
                Span::styled(part, if k == 0 { c.t.bad } else { c.t.base }),
            ]));
        }
        if let Some(note) = crate::report::reasons::remedy_note(c.app.lang, x) {
            lines.extend(indented(&note, 2, width_, c.t.base));
        }
        if !x.source.is_empty() {
            lines.extend(indented(&x.source, 2, width_, c.t.dim));
        }
    }
    lines
}

fn logistics_lines<'a>(c: &Ctx, r: &MarketResult, width_: usize) -> Vec<Line<'a>> {
    use crate::domain::matching::component::{DISTANCE, LOGISTICS};
    let s = ws(c);
    let mut lines = vec![Line::default(), heading(c, s.sec_logistics)];
    let lw = width(s.lpi).max(width(s.distance)).min(width_ / 2);
    let lpi = &r.components.0[LOGISTICS];
    let value = match lpi.figure {
        Some(v) => format!(
            "{}/5 ({})",
            c.s.num(v, 1),
            provenance(c, lpi.year, &lpi.source, lpi.estimate)
        ),
        None => format!("{} ({})", s.no_data, source_text(c, &lpi.source)),
    };
    lines.push(kv_line(c, s.lpi, &value, lw, width_));
    let dist = &r.components.0[DISTANCE];
    let value = match dist.figure {
        Some(km) => format!(
            "{} km ({})",
            c.s.int(km.round() as i64),
            provenance(c, dist.year, &dist.source, dist.estimate)
        ),
        None => format!("{} ({})", s.no_data, source_text(c, &dist.source)),
    };
    lines.push(kv_line(c, s.distance, &value, lw, width_));
    lines
}
