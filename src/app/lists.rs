//! The three browsable tables (SMEs, markets, service providers): columns, filters, search and
//! sorting over the in-memory [`Data`].

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use super::Lang;
use super::data::{Data, fta_rank};
use crate::domain::portfolio::BAND_CODES;
use crate::domain::{PROVIDER_CATEGORIES, Priority};
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    Dashboard,
    Smes,
    Markets,
    Services,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Dashboard, Tab::Smes, Tab::Markets, Tab::Services];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Tab::Dashboard => &[],
            Tab::Smes => &[
                Column::SmeName,
                Column::Province,
                Column::Sector,
                Column::Readiness,
                Column::Stage,
            ],
            Tab::Markets => &[
                Column::Iso3,
                Column::MarketName,
                Column::Region,
                Column::Priority,
                Column::Fta,
                Column::GdpPerCapita,
                Column::Distance,
            ],
            Tab::Services => &[
                Column::ProviderName,
                Column::Category,
                Column::Served,
                Column::Kind,
            ],
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Tab::Dashboard => &[],
            Tab::Smes => &[Field::Province, Field::Sector, Field::Band],
            Tab::Markets => &[Field::Region, Field::Priority, Field::Fta],
            Tab::Services => &[Field::Category, Field::Served],
        }
    }

    pub fn is_list(self) -> bool {
        self != Tab::Dashboard
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    SmeName,
    Province,
    Sector,
    Readiness,
    Stage,
    Iso3,
    MarketName,
    Region,
    Priority,
    Fta,
    GdpPerCapita,
    Distance,
    ProviderName,
    Category,
    Served,
    Kind,
}

/// What a table can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Province,
    Sector,
    Band,
    Region,
    Priority,
    Fta,
    Category,
    /// Providers serving a market (directly, through a group, or everywhere).
    Served,
}

/// Filter value for "no value" (not assessed, no FTA).
pub const NONE: &str = "none";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListView {
    /// Indexes into the underlying vector, in display order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub query: String,
    pub filters: BTreeMap<Field, String>,
    /// Index into the tab's columns.
    pub sort: usize,
    pub descending: bool,
}

impl ListView {
    /// The item under the cursor (index into the underlying vector).
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
    }

    /// Scroll so the selected row is inside a window of `page` rows.
    pub fn keep_visible(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }
}

/// Number of items behind a tab's table.
pub fn total(data: &Data, tab: Tab) -> usize {
    match tab {
        Tab::Dashboard => 0,
        Tab::Smes => data.p.smes.len(),
        Tab::Markets => data.p.reference.markets.len(),
        Tab::Services => data.p.reference.providers.len(),
    }
}

fn search_key(data: &Data, tab: Tab, i: usize) -> &str {
    match tab {
        Tab::Smes => &data.sme_keys[i],
        Tab::Markets => &data.market_keys[i],
        Tab::Services => &data.provider_keys[i],
        Tab::Dashboard => "",
    }
}

/// The value of `field` for item `i` (filter values and option labels use the same codes).
fn value(data: &Data, field: Field, i: usize) -> String {
    let p = &data.p;
    let r = &p.reference;
    match field {
        Field::Province => p.smes[i].province.clone(),
        Field::Sector => p.smes[i].sector.clone(),
        Field::Band => p
            .readiness
            .get(&p.smes[i].id)
            .and_then(|v| v.band)
            .unwrap_or(NONE)
            .to_string(),
        Field::Region => r.markets[i].region.clone(),
        Field::Priority => r.markets[i].priority.code().to_string(),
        Field::Fta => data.market_fta[i].map_or(NONE, |s| s.code()).to_string(),
        Field::Category => r.providers[i].category.clone(),
        Field::Served => String::new(),
    }
}

fn passes(data: &Data, field: Field, want: &str, i: usize) -> bool {
    match field {
        Field::Served => {
            let r = &data.p.reference;
            r.providers[i]
                .markets
                .iter()
                .any(|m| m == want || r.scope_covers(m, want))
        }
        _ => value(data, field, i) == want,
    }
}

/// Recompute the rows of `view` after a change of query, filter or sort; the cursor stays on
/// the same item when it is still listed.
pub fn refresh(data: &Data, tab: Tab, view: &mut ListView, lang: Lang) {
    let keep = view.current();
    let words: Vec<String> = fold(&view.query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let mut rows: Vec<usize> = (0..total(data, tab))
        .filter(|&i| {
            let key = search_key(data, tab, i);
            words.iter().all(|w| key.contains(w.as_str()))
        })
        .filter(|&i| view.filters.iter().all(|(f, v)| passes(data, *f, v, i)))
        .collect();
    let column = tab.columns().get(view.sort).copied();
    if let Some(column) = column {
        rows.sort_by(|&a, &b| {
            let o = compare(data, column, a, b, lang);
            let o = if view.descending { o.reverse() } else { o };
            o.then_with(|| name_order(data, tab, a, b, lang))
        });
    }
    view.rows = rows;
    view.selected = keep
        .and_then(|k| view.rows.iter().position(|&r| r == k))
        .unwrap_or(0);
    view.offset = view.offset.min(view.selected);
}

/// Names sort in the language they are shown in.
fn name_order(data: &Data, tab: Tab, a: usize, b: usize, lang: Lang) -> Ordering {
    let vi = lang == Lang::Vi;
    let names = match tab {
        Tab::Smes => &data.sme_names,
        Tab::Markets if vi => &data.market_names_vi,
        Tab::Markets => &data.market_names,
        Tab::Services if vi => &data.provider_names_vi,
        Tab::Services => &data.provider_names,
        Tab::Dashboard => return a.cmp(&b),
    };
    names[a].cmp(&names[b]).then(a.cmp(&b))
}

/// Missing values sort after present ones in either direction of the number.
fn opt_f64(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn compare(data: &Data, column: Column, a: usize, b: usize, lang: Lang) -> Ordering {
    let p = &data.p;
    let r = &p.reference;
    match column {
        Column::SmeName => data.sme_names[a].cmp(&data.sme_names[b]),
        Column::Province => data.sme_provinces[a].cmp(&data.sme_provinces[b]),
        Column::Sector => p.smes[a].sector.cmp(&p.smes[b].sector),
        Column::Readiness => {
            let score = |i: usize| p.readiness.get(&p.smes[i].id).and_then(|v| v.overall);
            opt_f64(score(a), score(b))
        }
        Column::Stage => data.sme_stage[a].cmp(&data.sme_stage[b]),
        Column::Iso3 => r.markets[a].iso3.cmp(&r.markets[b].iso3),
        Column::MarketName => name_order(data, Tab::Markets, a, b, lang),
        Column::Region => r.markets[a]
            .region
            .cmp(&r.markets[b].region)
            .then_with(|| r.markets[a].subregion.cmp(&r.markets[b].subregion)),
        Column::Priority => r.markets[a].priority.cmp(&r.markets[b].priority),
        Column::Fta => {
            let rank = |i: usize| data.market_fta[i].map_or(u8::MAX, fta_rank);
            rank(a).cmp(&rank(b))
        }
        Column::GdpPerCapita => opt_f64(
            r.markets[a].gdp_per_capita_usd.map(|f| f.value),
            r.markets[b].gdp_per_capita_usd.map(|f| f.value),
        ),
        Column::Distance => opt_f64(r.markets[a].distance_km, r.markets[b].distance_km),
        Column::ProviderName => name_order(data, Tab::Services, a, b, lang),
        Column::Category => {
            let pos = |i: usize| {
                PROVIDER_CATEGORIES
                    .iter()
                    .position(|c| *c == r.providers[i].category)
                    .unwrap_or(usize::MAX)
            };
            pos(a).cmp(&pos(b))
        }
        Column::Served => r.providers[a]
            .markets
            .len()
            .cmp(&r.providers[b].markets.len()),
        Column::Kind => r.providers[a].sample.cmp(&r.providers[b].sample),
    }
}

/// The values `field` can be filtered on, each with how many items have it, in a natural order.
pub fn options(data: &Data, tab: Tab, field: Field) -> Vec<(String, usize)> {
    let n = total(data, tab);
    if field == Field::Served {
        let scopes: BTreeSet<&str> = data
            .p
            .reference
            .providers
            .iter()
            .flat_map(|p| p.markets.iter().map(String::as_str))
            .filter(|m| *m != "*")
            .collect();
        return scopes
            .into_iter()
            .map(|s| {
                let count = (0..n).filter(|&i| passes(data, field, s, i)).count();
                (s.to_string(), count)
            })
            .collect();
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..n {
        *counts.entry(value(data, field, i)).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    let rank = |v: &str| -> (usize, String) {
        let fixed = match field {
            Field::Band => BAND_CODES.iter().position(|b| *b == v),
            Field::Priority => Priority::ALL.iter().position(|p| p.code() == v),
            Field::Category => PROVIDER_CATEGORIES.iter().position(|c| *c == v),
            Field::Fta => crate::domain::FtaStatus::parse(v).map(|s| fta_rank(s) as usize),
            _ => None,
        };
        (fixed.unwrap_or(usize::MAX), fold(v))
    };
    out.sort_by_key(|(v, _)| rank(v));
    out
}
