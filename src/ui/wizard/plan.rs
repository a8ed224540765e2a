//! The services step (one row per gap, a provider or none) and the review before saving.

use super::*;

pub(super) fn services(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    let width_ = area.width as usize;
    let title = format!("{} · {} {}", s.services_title, s.marked, w.marked.join(" "));
    Paragraph::new(Span::styled(truncate(&title, width_), c.t.heading))
        .render(Rect { height: 1, ..area }, buf);
    if area.height < 3 {
        return;
    }
    if w.gaps.is_empty() {
        let lines: Vec<Line> = wrap(s.no_gaps, width_)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, c.t.good)))
            .collect();
        Paragraph::new(lines).render(
            Rect {
                y: area.y + 2,
                height: area.height - 2,
                ..area
            },
            buf,
        );
        return;
    }
    // The selected gap's how-to and provider under the table.
    let info = gap_info(c, w, width_);
    let info_h = (info.len() as u16).min(area.height.saturating_sub(5) / 2);
    let table_area = Rect {
        y: area.y + 1,
        height: area.height - 1 - info_h,
        ..area
    };
    let cols = [
        Col::new("", Constraint::Length(3)),
        Col::new(s.col_gap, Constraint::Fill(1)),
        Col::new(s.col_provider, Constraint::Fill(1)),
    ];
    table(
        c,
        table_area,
        buf,
        &cols,
        &[0, 1, 2],
        w.gaps.len(),
        w.gap_row,
        w.offset,
        |i, _| {
            let g = &w.gaps[i];
            let (text, style) = gap_text(c, &g.kind);
            let choice = match (w.picks[i], g.proposals.len()) {
                (_, 0) => Span::styled(s.no_proposal, c.t.dim),
                (Some(k), n) => Span::styled(
                    // The position first: a long name is cut at the end, not the count.
                    format!("{}/{n} ‹ {} ›", k + 1, provider_label(c, &g.proposals[k])),
                    c.t.good,
                ),
                (None, n) => Span::styled(format!("–/{n} ‹ {} ›", s.choice_none), c.t.dim),
            };
            vec![Span::raw(g.iso3.clone()), Span::styled(text, style), choice]
        },
        hits,
    );
    if info_h > 0 {
        Paragraph::new(info.into_iter().take(info_h as usize).collect::<Vec<_>>()).render(
            Rect {
                y: area.bottom() - info_h,
                height: info_h,
                ..area
            },
            buf,
        );
    }
}

/// Under the services table: the selected gap in full, how to meet it, the chosen provider.
fn gap_info<'a>(c: &Ctx, w: &Wizard, width_: usize) -> Vec<Line<'a>> {
    let s = ws(c);
    let Some(g) = w.gaps.get(w.gap_row) else {
        return Vec::new();
    };
    let reference = &c.app.data.p.reference;
    let mut lines = vec![Line::from(Span::styled("─".repeat(width_), c.t.border))];
    let (text, style) = gap_text(c, &g.kind);
    lines.extend(indented(&format!("{} · {text}", g.iso3), 0, width_, style));
    if let GapKind::Requirement { code, .. } = &g.kind
        && let Some(req) = reference.requirements.iter().find(|q| &q.code == code)
    {
        let how = if vi(c) && !req.how_to_vi.is_empty() {
            &req.how_to_vi
        } else {
            &req.how_to
        };
        if !how.is_empty() {
            lines.extend(indented(&format!("{}: {how}", s.how), 0, width_, c.t.base));
        }
    }
    if let Some(p) = w.picks[w.gap_row].and_then(|k| reference.provider(&g.proposals[k])) {
        let contact: Vec<&str> = [p.website.as_str(), p.phone.as_str(), p.email.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
        let text = format!(
            "{} · {} · {}",
            provider_label(c, &p.id),
            c.s.category(&p.category),
            contact.join(" · ")
        );
        lines.extend(indented(
            text.trim_end_matches(" · "),
            0,
            width_,
            if p.sample { c.t.sample } else { c.t.dim },
        ));
    }
    lines
}

pub(super) fn review(c: &Ctx, w: &Wizard, area: Rect, buf: &mut Buffer, hits: &mut Hits) {
    let s = ws(c);
    let width_ = area.width as usize;
    let mut lines = vec![
        Line::from(Span::styled(truncate(s.review_title, width_), c.t.heading)),
        Line::from(Span::styled(
            truncate(
                &format!("{} · {}", s.shortlist, s.stage_shortlisted),
                width_,
            ),
            c.t.title,
        )),
    ];
    let version = &c.app.data.p.reference.version;
    for m in w.marked_results() {
        let score = m
            .score
            .map(|v| c.s.num(v, 1))
            .unwrap_or_else(|| c.s.dash.to_string());
        let text = format!(
            "{} {} · HS {} · {} {score} · {}",
            m.market,
            market_name(c, &m.market),
            m.hs,
            s.score,
            version
        );
        lines.push(Line::from(Span::styled(truncate(&text, width_), c.t.base)));
    }
    let planned = w.planned();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {} {} · {}",
                s.plan, s.owner, c.app.advisor, s.status_todo
            ),
            width_,
        ),
        c.t.title,
    )));
    if w.saving {
        lines.push(Line::from(Span::styled(s.saving, c.t.warn)));
    }
    let head = (lines.len() as u16).min(area.height);
    Paragraph::new(lines).render(
        Rect {
            height: head,
            ..area
        },
        buf,
    );
    let rest = Rect {
        y: area.y + head,
        height: area.height - head,
        ..area
    };
    if planned.is_empty() {
        Paragraph::new(
            wrap(s.no_plan, width_)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, c.t.dim)))
                .collect::<Vec<_>>(),
        )
        .render(rest, buf);
        return;
    }
    // The selected item's action in full under the table, as it will be saved.
    let r = &c.app.data.p.reference;
    let action = |i: usize| {
        let g = &w.gaps[i];
        let provider = w.picks[i].and_then(|p| r.provider(&g.proposals[p]));
        crate::report::reasons::plan_action(r, g, provider, c.app.lang)
    };
    let mut info = vec![Line::from(Span::styled("─".repeat(width_), c.t.border))];
    if let Some(&i) = planned.get(w.review_row) {
        info.extend(indented(&action(i), 0, width_, c.t.base));
    }
    let info_h = (info.len() as u16).min(rest.height.saturating_sub(3) / 2);
    let table_area = Rect {
        height: rest.height - info_h,
        ..rest
    };
    let cols = [
        Col::new(s.due, Constraint::Length(10)),
        Col::new("", Constraint::Length(3)),
        Col::new(s.col_provider_short, Constraint::Fill(1)),
        Col::new(s.col_gap, Constraint::Fill(1)),
    ];
    table(
        c,
        table_area,
        buf,
        &cols,
        &[0, 1, 2, 3],
        planned.len(),
        w.review_row,
        w.offset,
        |k, _| {
            let i = planned[k];
            let g = &w.gaps[i];
            let provider = w.picks[i]
                .map(|p| provider_label(c, &g.proposals[p]))
                .unwrap_or_default();
            let (gap, style) = gap_text(c, &g.kind);
            vec![
                Span::styled(w.dues[i].clone(), c.t.title),
                Span::raw(g.iso3.clone()),
                Span::raw(provider),
                Span::styled(gap, style),
            ]
        },
        hits,
    );
    if info_h > 0 {
        Paragraph::new(info.into_iter().take(info_h as usize).collect::<Vec<_>>()).render(
            Rect {
                y: rest.bottom() - info_h,
                height: info_h,
                ..rest
            },
            buf,
        );
    }
}
