//! The SME detail's "Changes" section: every recorded change to the SME itself and its
//! readiness assessments, newest first: when, who, what, and the fields that changed
//! (before → after). Target-market and plan changes are in the decision log above it.

use ratatui::text::{Line, Span};

use super::common::{Ctx, heading, wrap};
use crate::domain::Sme;
use crate::domain::audit::show;
use crate::domain::changes::short_time;
use crate::text::truncate;

/// Field changes shown per entry before "…".
const FIELDS_SHOWN: usize = 6;

pub fn lines<'a>(c: &Ctx, sme: &Sme, w: usize) -> Vec<Line<'a>> {
    let s = c.s.edit;
    let mut lines = vec![Line::default(), heading(c, s.sec_changes)];
    let loaded = c.app.edit.changes.as_ref().filter(|ch| ch.sme_id == sme.id);
    let entries = match loaded.map(|ch| &ch.entries) {
        None => {
            lines.push(Line::from(Span::styled(s.reading, c.t.dim)));
            return lines;
        }
        Some(Err(e)) => {
            lines.push(Line::from(Span::styled(truncate(e, w), c.t.bad)));
            return lines;
        }
        Some(Ok(entries)) => entries,
    };
    // Target-market and plan changes are the decision log's, above.
    let entries: Vec<_> = entries
        .iter()
        .filter(|e| !matches!(e.entity.as_str(), "shortlist" | "plan_item"))
        .collect();
    if entries.is_empty() {
        lines.push(Line::from(Span::styled(truncate(s.no_changes, w), c.t.dim)));
    }
    for e in entries {
        // The audit trail records UTC; shown in the advisor's zone with its offset.
        let mut head = format!(
            "{} · {} · {}",
            short_time(&e.at),
            crate::messages::get(c.app.lang).who(&e.who),
            s.action(&e.entity, &e.action)
        );
        if !e.label.is_empty() {
            head.push_str(&format!(" {}", e.label));
        }
        lines.push(Line::from(Span::styled(truncate(&head, w), c.t.base)));
        for f in e.fields.iter().take(FIELDS_SHOWN) {
            let text = format!(
                "{}: {} → {}",
                s.label(&f.field),
                show(&f.before),
                show(&f.after)
            );
            for (k, part) in wrap(&text, w.saturating_sub(4)).into_iter().enumerate() {
                let indent = if k == 0 { "  · " } else { "    " };
                lines.push(Line::from(vec![
                    Span::styled(indent, c.t.dim),
                    Span::styled(part, c.t.dim),
                ]));
            }
        }
        if e.fields.len() > FIELDS_SHOWN {
            lines.push(Line::from(Span::styled(
                format!("  · … +{}", e.fields.len() - FIELDS_SHOWN),
                c.t.dim,
            )));
        }
    }
    lines
}
