//! The matching wizard (`m` on an SME, DESIGN §1 core journey and §7): choose a product, read
//! the ranked markets (weights panel, filter), inspect one market, compare 2–3, pick a service
//! for each gap, review and save the shortlist and plan in one write.
//!
//! The ranking is computed with the pure engine when a product is chosen and again when the
//! weights change (a few hundred markets: well under a millisecond per product); every other
//! key only moves through the results held here. This file holds the state; `keys` what each
//! key does to it.

mod keys;
#[cfg(test)]
mod tests;

use crate::config::Config;
use crate::domain::gaps::{self, ServiceGap};
use crate::domain::matching::{self, MarketResult, Matcher, Scheme, compare};
use crate::domain::portfolio::Portfolio;
use crate::domain::{Priority, Sme};
use crate::store::{NewPlanItem, NewShortlistEntry};

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Product,
    Ranking,
    MarketDetail,
    Compare,
    Services,
    Review,
}

/// Which markets the ranking lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarketFilter {
    All,
    /// Markets in one of the programme's priority segments.
    PriorityRegions,
    Segment(Priority),
    /// A continent as in the reference data (Africa, Americas, …).
    Region(String),
}

/// The filter choices open over the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterMenu {
    pub items: Vec<MarketFilter>,
    pub selected: usize,
}

/// Something the wizard tells the user once (shown in the status bar until the next key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Compare needs at least two marked markets.
    MarkTwo,
    /// No more than [`MAX_MARKED`] markets can be marked.
    MarkedMax,
    /// Every weight would be zero.
    WeightsZero,
    /// Nothing to rank: the SME has no product.
    NoProducts,
}

/// Markets that can be marked for comparison and the shortlist.
pub const MAX_MARKED: usize = 3;
/// Points a weight moves per key press.
pub const WEIGHT_STEP: f64 = 5.0;
/// Default due date of a plan item: this many days after today.
pub const DEFAULT_DUE_DAYS: i64 = 30;
/// Days a due date moves per key press in the review.
pub const DUE_STEP_DAYS: i64 = 7;

#[derive(Debug, Clone)]
pub struct Wizard {
    /// Index of the SME in the portfolio, and its id.
    pub sme: usize,
    pub sme_id: i64,
    /// Whether the SME detail was open under the wizard (else the SMEs table).
    pub from_detail: bool,
    pub step: Step,
    /// The SME's products (HS codes, each once).
    pub products: Vec<String>,
    /// Row of the product list: 0 is "all products", k is `products[k - 1]`.
    pub product_row: usize,
    /// The product ranked; `None` ranks every product and keeps each market's best.
    pub product: Option<String>,
    pub scheme: Scheme,
    /// Readiness band code of the SME's latest assessment.
    pub band: Option<String>,
    /// The preset was chosen with the preset key (not from the readiness band).
    pub preset_chosen: bool,
    /// A weight was changed by hand since the preset was applied.
    pub weights_changed: bool,
    pub results: Vec<MarketResult>,
    /// Viet Nam's revealed comparative advantage in each ranked product's chapter, with its
    /// year (context for the detail, not part of the score).
    pub rca: Vec<(String, Option<(f64, u16)>)>,
    /// Indices into `results` that pass the filter, in rank order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub filter: MarketFilter,
    pub filter_menu: Option<FilterMenu>,
    /// The weights panel has the keys.
    pub weights_focus: bool,
    pub weight_row: usize,
    /// Marked markets (ISO3), in the order they were marked.
    pub marked: Vec<String>,
    /// The market shown in the detail (index into `results`).
    pub detail: Option<usize>,
    /// The step Esc returns to from the detail.
    pub detail_from: Step,
    /// Scroll of the detail, the comparison and the review.
    pub scroll: usize,
    pub gaps: Vec<ServiceGap>,
    /// Per gap: the chosen proposal (index into its `proposals`), or none.
    pub picks: Vec<Option<usize>>,
    /// Per gap: the due date of its plan item.
    pub dues: Vec<String>,
    pub gap_row: usize,
    /// The user changed a service choice (Esc on the first step asks before discarding).
    pub touched: bool,
    pub review_row: usize,
    /// "Discard the chosen services?" is asked.
    pub confirm_discard: bool,
    /// The save was handed to the runtime; the outcome closes the wizard or reports an error.
    pub saving: bool,
    pub notice: Option<Notice>,
}

/// The SME's products, each HS code once, in the order entered.
fn product_codes(sme: &Sme) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &sme.products {
        if !p.hs.is_empty() && !out.contains(&p.hs) {
            out.push(p.hs.clone());
        }
    }
    out
}

/// The preset names the preset key cycles through: the default weights, then config's presets.
pub fn preset_cycle(config: &Config) -> Vec<Option<String>> {
    let mut v = vec![None];
    v.extend(config.matching.presets.keys().cloned().map(Some));
    v
}

impl Wizard {
    /// Open on SME `sme` (index into the portfolio): the weights follow its readiness band
    /// (first-time-exporter preset below "ready"), as `goglobal match` does.
    pub fn open(p: &Portfolio, config: &Config, sme: usize, from_detail: bool) -> Wizard {
        let s = &p.smes[sme];
        let band = p
            .readiness
            .get(&s.id)
            .and_then(|r| r.band)
            .map(str::to_string);
        let scheme = matching::choose_scheme(&config.matching, None, &[], band.as_deref())
            .or_else(|_| matching::choose_scheme(&config.matching, None, &[], None))
            .unwrap_or_else(|_| Scheme {
                weights: [1.0; matching::N_COMPONENTS],
                priority_region_bonus: 0.0,
                preset: None,
                why: matching::WeightsWhy::DefaultUnassessed,
                overridden: Vec::new(),
            });
        Wizard {
            sme,
            sme_id: s.id,
            from_detail,
            step: Step::Product,
            products: product_codes(s),
            product_row: 0,
            product: None,
            scheme,
            band,
            preset_chosen: false,
            weights_changed: false,
            results: Vec::new(),
            rca: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            filter: MarketFilter::All,
            filter_menu: None,
            weights_focus: false,
            weight_row: 0,
            marked: Vec::new(),
            detail: None,
            detail_from: Step::Ranking,
            scroll: 0,
            gaps: Vec::new(),
            picks: Vec::new(),
            dues: Vec::new(),
            gap_row: 0,
            touched: false,
            review_row: 0,
            confirm_discard: false,
            saving: false,
            notice: None,
        }
    }

    /// Rank the markets for the chosen product (or all products) with the current weights,
    /// keeping the selected market selected.
    pub fn rank(&mut self, p: &Portfolio, config: &Config) {
        let keep = self.current().map(|r| r.market.clone());
        let matcher = Matcher::new(&p.reference, config);
        let sme = &p.smes[self.sme];
        let ranked: Vec<&String> = match &self.product {
            Some(hs) => vec![hs],
            None => self.products.iter().collect(),
        };
        self.rca = ranked
            .into_iter()
            .map(|hs| (hs.clone(), matcher.product(hs).rca))
            .collect();
        self.results = match &self.product {
            Some(hs) => matcher.rank(sme, hs, &self.scheme),
            None => compare::best_per_market(
                self.products
                    .iter()
                    .map(|hs| matcher.rank(sme, hs, &self.scheme))
                    .collect(),
                config.matching.min_coverage,
            ),
        };
        self.refilter(p);
        if let Some(iso3) = keep
            && let Some(pos) = self
                .rows
                .iter()
                .position(|&i| self.results[i].market == iso3)
        {
            self.selected = pos;
        }
        if let Some(d) = self.detail.and_then(|d| self.results.get(d)) {
            let iso3 = d.market.clone();
            self.detail = self.index_of(&iso3);
        }
    }

    fn passes(&self, p: &Portfolio, r: &MarketResult) -> bool {
        match &self.filter {
            MarketFilter::All => true,
            MarketFilter::PriorityRegions => r.priority_region,
            MarketFilter::Segment(seg) => p
                .reference
                .market(&r.market)
                .is_some_and(|m| m.priority == *seg),
            MarketFilter::Region(region) => p
                .reference
                .market(&r.market)
                .is_some_and(|m| &m.region == region),
        }
    }

    fn refilter(&mut self, p: &Portfolio) {
        self.rows = (0..self.results.len())
            .filter(|&i| self.passes(p, &self.results[i]))
            .collect();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Index into `results` of market `iso3`.
    pub fn index_of(&self, iso3: &str) -> Option<usize> {
        self.results.iter().position(|r| r.market == iso3)
    }

    /// The market under the cursor of the ranking.
    pub fn current(&self) -> Option<&MarketResult> {
        self.rows.get(self.selected).map(|&i| &self.results[i])
    }

    /// The market the detail shows.
    pub fn detail_result(&self) -> Option<&MarketResult> {
        self.detail.and_then(|i| self.results.get(i))
    }

    /// The market after `i` in the filtered ranking (the one `i` is compared with in "why it
    /// ranks above the next market").
    pub fn next_after(&self, i: usize) -> Option<&MarketResult> {
        let pos = self.rows.iter().position(|&r| r == i)?;
        self.rows.get(pos + 1).map(|&r| &self.results[r])
    }

    /// The marked markets' results, in the order marked.
    pub fn marked_results(&self) -> Vec<&MarketResult> {
        self.marked
            .iter()
            .filter_map(|iso3| self.index_of(iso3).map(|i| &self.results[i]))
            .collect()
    }

    /// The offset the last frame drew the current step's table with.
    pub fn offset_drawn(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Keep the scroll of the detail or the comparison within what the last frame could show.
    pub fn clamp_scroll(&mut self, max: usize) {
        if matches!(self.step, Step::MarketDetail | Step::Compare) {
            self.scroll = self.scroll.min(max);
        }
    }

    /// The preset in force, as a name (`None`: the default weights).
    pub fn preset(&self) -> Option<&str> {
        self.scheme.preset.as_deref()
    }

    /// The filter choices: all, priority regions, each programme segment, each region.
    pub fn filter_items(p: &Portfolio, config: &Config) -> Vec<MarketFilter> {
        let mut items = vec![MarketFilter::All, MarketFilter::PriorityRegions];
        items.extend(
            config
                .programme
                .priority_segments
                .iter()
                .filter_map(|s| Priority::parse(s))
                .map(MarketFilter::Segment),
        );
        let mut regions: Vec<&str> = p
            .reference
            .markets
            .iter()
            .map(|m| m.region.as_str())
            .filter(|r| !r.is_empty())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        items.extend(
            regions
                .into_iter()
                .map(|r| MarketFilter::Region(r.to_string())),
        );
        items
    }

    fn toggle_mark(&mut self, iso3: &str) {
        if let Some(pos) = self.marked.iter().position(|m| m == iso3) {
            self.marked.remove(pos);
        } else if self.marked.len() >= MAX_MARKED {
            self.notice = Some(Notice::MarkedMax);
        } else {
            self.marked.push(iso3.to_string());
        }
    }

    /// Change the selected weight by `delta` points (never below zero, never all zero).
    fn nudge_weight(&mut self, delta: f64) {
        let i = self.weight_row;
        let before = self.scheme.weights[i];
        let after = (before + delta).max(0.0);
        let others: f64 = self.scheme.weights.iter().sum::<f64>() - before;
        if others + after <= 0.0 {
            self.notice = Some(Notice::WeightsZero);
            return;
        }
        if after != before {
            self.scheme.weights[i] = after;
            self.weights_changed = true;
        }
    }

    /// Apply the next preset of the cycle (default weights after the last one).
    fn next_preset(&mut self, config: &Config) {
        let cycle = preset_cycle(config);
        let at = cycle
            .iter()
            .position(|p| p.as_deref() == self.preset())
            .unwrap_or(0);
        let next = cycle[(at + 1) % cycle.len()].clone();
        if let Ok(scheme) = matching::choose_scheme(&config.matching, next.as_deref(), &[], None) {
            self.scheme = scheme;
            self.preset_chosen = true;
            self.weights_changed = false;
        }
    }

    /// Gaps of the chosen markets with their proposals; choices made before for the same gap
    /// are kept, a new gap gets its first proposal (a real institution where there is one).
    fn build_gaps(&mut self, p: &Portfolio, today: &str) {
        let readiness = p.readiness.get(&self.sme_id);
        let chosen = self.marked_results();
        let gaps = gaps::service_gaps(&p.reference, &chosen, readiness);
        let default_due = crate::clock::add_days(today, DEFAULT_DUE_DAYS).unwrap_or_default();
        let mut picks = Vec::with_capacity(gaps.len());
        let mut dues = Vec::with_capacity(gaps.len());
        for g in &gaps {
            let before = self
                .gaps
                .iter()
                .position(|old| old.iso3 == g.iso3 && old.code() == g.code());
            match before {
                Some(k) => {
                    let pick = self.picks[k].and_then(|i| {
                        let id = &self.gaps[k].proposals[i];
                        g.proposals.iter().position(|x| x == id)
                    });
                    picks.push(pick);
                    dues.push(self.dues[k].clone());
                }
                None => {
                    picks.push((!g.proposals.is_empty()).then_some(0));
                    dues.push(default_due.clone());
                }
            }
        }
        self.gaps = gaps;
        self.picks = picks;
        self.dues = dues;
        self.gap_row = self.gap_row.min(self.gaps.len().saturating_sub(1));
    }

    /// Move the choice of the current gap through its proposals and "none".
    fn cycle_pick(&mut self, forward: bool) {
        let Some(g) = self.gaps.get(self.gap_row) else {
            return;
        };
        let n = g.proposals.len();
        if n == 0 {
            return;
        }
        // Positions 0..n are the proposals, n is "none".
        let at = self.picks[self.gap_row].unwrap_or(n);
        let next = if forward {
            (at + 1) % (n + 1)
        } else {
            (at + n) % (n + 1)
        };
        self.picks[self.gap_row] = (next < n).then_some(next);
        self.touched = true;
    }

    /// Gaps that will become plan items (a provider is chosen), in order.
    pub fn planned(&self) -> Vec<usize> {
        (0..self.gaps.len())
            .filter(|&i| self.picks[i].is_some())
            .collect()
    }

    /// The shortlist entries and plan items to save.
    pub fn draft(
        &self,
        p: &Portfolio,
        owner: &str,
        lang: Lang,
    ) -> (Vec<NewShortlistEntry>, Vec<NewPlanItem>) {
        let r = &p.reference;
        let entries = self
            .marked_results()
            .into_iter()
            .filter_map(|m| NewShortlistEntry::from_match(m, &r.version).ok())
            .collect();
        let plan = self
            .planned()
            .into_iter()
            .map(|i| {
                let g = &self.gaps[i];
                let provider = self.picks[i].and_then(|k| r.provider(&g.proposals[k]));
                NewPlanItem {
                    iso3: g.iso3.clone(),
                    gap: g.code(),
                    action: crate::report::reasons::plan_action(r, g, provider, lang),
                    provider_id: provider.map(|p| p.id.clone()),
                    owner: owner.to_string(),
                    due: Some(self.dues[i].clone()),
                    notes: String::new(),
                }
            })
            .collect();
        (entries, plan)
    }
}
