//! Product-trade context in a market detail (wizard and Markets tab): the market's imports of
//! the product (net at a re-export hub), Viet Nam's exports there with share and rank, and the
//! largest suppliers. Render only: the figures come from the domain.

use ratatui::text::{Line, Span};

use super::common::{Ctx, wrap};
use super::strings_trade::{EN, TradeStrings, VI};
use crate::app::Lang;
use crate::domain::matching::{Competitor, DemandFigure, Foothold};

pub fn strings(c: &Ctx) -> &'static TradeStrings {
    if c.app.lang == Lang::Vi { &VI } else { &EN }
}

/// The lines for one product in one market.
pub fn lines<'a>(
    c: &Ctx,
    demand: Option<&DemandFigure>,
    foothold: Option<&Foothold>,
    competitors: &[Competitor],
    w: usize,
) -> Vec<Line<'a>> {
    let s = strings(c);
    let mut out: Vec<String> = Vec::new();
    let mut warn = Vec::new();
    if let Some(d) = demand {
        let mut text = if d.imports > 0.0 {
            format!("{}: {}", s.imports, c.s.usd(d.imports))
        } else {
            format!("{}: {}", s.imports, s.none_recorded)
        };
        if d.heading_fallback || d.level != "hs6" {
            text.push_str(&format!(" (HS {}, {})", d.code, s.heading));
        }
        if d.estimate {
            text.push_str(&format!(" ({})", s.estimate));
        }
        out.push(text);
        if let (Some(x), Some(net)) = (d.exports, d.net_imports) {
            warn.push(out.len());
            out.push(format!(
                "{}: {} {}, {} {}",
                s.hub,
                s.exports,
                c.s.usd(x),
                s.net,
                c.s.usd(net)
            ));
        }
    }
    match foothold {
        Some(f) => {
            let mut text = format!("{}: {} ({}", s.vn, c.s.usd(f.value), f.year);
            if let Some(share) = f.share {
                text.push_str(&format!(", {} {}", s.share, c.s.pct(100.0 * share, 1)));
            }
            if let Some(rank) = f.rank {
                text.push_str(&format!(", {} {rank}", s.rank));
            }
            text.push(')');
            out.push(text);
        }
        None if demand.is_some() => out.push(format!("{}: {}", s.vn, s.vn_unknown)),
        None => {}
    }
    if !competitors.is_empty() {
        let list: Vec<String> = competitors
            .iter()
            .map(|k| format!("{} {}", k.iso3, c.s.pct(100.0 * k.share, 0)))
            .collect();
        out.push(format!("{}: {}", s.suppliers, list.join(" · ")));
    }
    let mut lines = Vec::new();
    for (i, text) in out.iter().enumerate() {
        let style = if warn.contains(&i) {
            c.t.warn
        } else {
            c.t.base
        };
        lines.extend(
            wrap(text, w.max(8))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
    }
    if !lines.is_empty() {
        lines.extend(
            wrap(s.note, w.max(8))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, c.t.dim))),
        );
    }
    lines
}
