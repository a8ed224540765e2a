//! What each key does in the wizard, step by step (the state is in the parent module).

use super::*;
use crate::app::{Action, App, DetailView, Effect, Screen, Tab, Target, Write};

/// How far a key moves a cursor.
enum Dir {
    By(isize),
    Home,
    End,
}

fn moved(value: usize, dir: &Dir, len: usize) -> usize {
    let last = len.saturating_sub(1);
    match dir {
        Dir::By(d) => value.saturating_add_signed(*d).min(last),
        Dir::Home => 0,
        Dir::End => last,
    }
}

impl App {
    /// `m`: open the wizard on the SME under the cursor (SMEs table) or on screen (detail).
    pub(crate) fn open_wizard(&mut self, sme: usize, from_detail: bool) {
        if sme >= self.data.p.smes.len() {
            return;
        }
        self.wizard = Some(Wizard::open(&self.data.p, &self.config, sme, from_detail));
    }

    /// Close the wizard; after a save, show the SME detail with its new shortlist and plan.
    pub(crate) fn close_wizard(&mut self, saved: bool) {
        let Some(w) = self.wizard.take() else {
            return;
        };
        if saved && !w.from_detail {
            self.tab = Tab::Smes;
            self.stacks[Tab::Smes.index()].push(DetailView {
                target: Target::Sme(w.sme),
                scroll: 0,
            });
        }
    }

    /// A key while the wizard is open.
    pub(crate) fn wizard_act(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        // Largest scroll of the detail or comparison, once a frame has shown it.
        let max_scroll = if self.hits.screen == Some(Screen::Wizard) && self.hits.page > 0 {
            self.hits.max_scroll + 1
        } else {
            usize::MAX / 2
        };
        let Some(w) = self.wizard.as_mut() else {
            return Vec::new();
        };
        w.notice = None;
        // While "discard?" is asked only y/n reach the wizard (`wizard_confirm`).
        if w.confirm_discard || w.saving {
            return Vec::new();
        }
        if let Some(menu) = w.filter_menu.as_mut() {
            let len = menu.items.len();
            match action {
                Action::Up => menu.selected = moved(menu.selected, &Dir::By(-1), len),
                Action::Down => menu.selected = moved(menu.selected, &Dir::By(1), len),
                Action::Home => menu.selected = 0,
                Action::End => menu.selected = len.saturating_sub(1),
                Action::Open => {
                    let chosen = menu.items[menu.selected].clone();
                    w.filter_menu = None;
                    w.filter = chosen;
                    w.selected = 0;
                    w.offset = 0;
                    w.refilter(&self.data.p);
                }
                Action::Back | Action::Quit | Action::Filter => w.filter_menu = None,
                _ => {}
            }
            return Vec::new();
        }
        let dir = match action {
            Action::Up => Some(Dir::By(-1)),
            Action::Down => Some(Dir::By(1)),
            Action::PageUp => Some(Dir::By(-(page as isize))),
            Action::PageDown => Some(Dir::By(page as isize)),
            Action::Home => Some(Dir::Home),
            Action::End => Some(Dir::End),
            _ => None,
        };
        match w.step {
            Step::Product => match action {
                _ if dir.is_some() => {
                    let n = w.products.len() + 1;
                    w.product_row = moved(w.product_row, dir.as_ref().unwrap(), n);
                }
                Action::Open | Action::NextTab => self.choose_product(),
                Action::Back | Action::Quit | Action::PrevTab => {
                    // Services chosen (by hand, or proposed and kept): ask before they go.
                    if w.touched || !w.planned().is_empty() {
                        w.confirm_discard = true;
                    } else {
                        self.close_wizard(false);
                    }
                }
                _ => {}
            },
            Step::Ranking if w.weights_focus => match action {
                Action::Up => w.weight_row = w.weight_row.saturating_sub(1),
                Action::Down => w.weight_row = (w.weight_row + 1).min(matching::N_COMPONENTS - 1),
                Action::Less | Action::More => {
                    let delta = if action == Action::More {
                        WEIGHT_STEP
                    } else {
                        -WEIGHT_STEP
                    };
                    w.nudge_weight(delta);
                    self.rerank();
                }
                Action::Preset => self.cycle_preset(),
                Action::Weights | Action::Back | Action::Quit | Action::Open => {
                    w.weights_focus = false
                }
                _ => {}
            },
            Step::Ranking => match action {
                _ if dir.is_some() => {
                    w.selected = moved(w.selected, dir.as_ref().unwrap(), w.rows.len());
                }
                Action::Open => {
                    if let Some(&i) = w.rows.get(w.selected) {
                        w.detail = Some(i);
                        w.detail_from = Step::Ranking;
                        w.scroll = 0;
                        w.step = Step::MarketDetail;
                    }
                }
                Action::Mark => {
                    if let Some(iso3) = w.current().map(|r| r.market.clone()) {
                        w.toggle_mark(&iso3);
                    }
                }
                Action::Compare => self.open_compare(),
                Action::Weights => w.weights_focus = true,
                Action::Preset => self.cycle_preset(),
                Action::Filter => {
                    let items = Wizard::filter_items(&self.data.p, &self.config);
                    let selected = items.iter().position(|f| *f == w.filter).unwrap_or(0);
                    w.filter_menu = Some(FilterMenu { items, selected });
                }
                Action::ClearFilters => {
                    w.filter = MarketFilter::All;
                    w.refilter(&self.data.p);
                }
                Action::NextTab => self.open_services(),
                Action::Back | Action::Quit | Action::PrevTab => w.step = Step::Product,
                _ => {}
            },
            Step::MarketDetail => match action {
                _ if dir.is_some() => w.scroll = moved(w.scroll, dir.as_ref().unwrap(), max_scroll),
                // ←/→: the previous or next market of the ranking.
                Action::Less | Action::More => {
                    if let Some(pos) = w.detail.and_then(|d| w.rows.iter().position(|&r| r == d)) {
                        let to = if action == Action::More {
                            (pos + 1).min(w.rows.len().saturating_sub(1))
                        } else {
                            pos.saturating_sub(1)
                        };
                        w.detail = Some(w.rows[to]);
                        w.selected = to;
                        w.scroll = 0;
                    }
                }
                Action::Mark => {
                    if let Some(iso3) = w.detail_result().map(|r| r.market.clone()) {
                        w.toggle_mark(&iso3);
                    }
                }
                Action::Compare => self.open_compare(),
                Action::Open | Action::NextTab => self.open_services(),
                Action::Back | Action::Quit | Action::PrevTab => {
                    w.step = w.detail_from;
                    w.scroll = 0;
                }
                _ => {}
            },
            Step::Compare => match action {
                _ if dir.is_some() => w.scroll = moved(w.scroll, dir.as_ref().unwrap(), max_scroll),
                Action::Open | Action::NextTab => self.open_services(),
                Action::Back | Action::Quit | Action::PrevTab => {
                    w.step = Step::Ranking;
                    w.scroll = 0;
                }
                _ => {}
            },
            Step::Services => match action {
                _ if dir.is_some() => {
                    w.gap_row = moved(w.gap_row, dir.as_ref().unwrap(), w.gaps.len());
                }
                Action::Less => w.cycle_pick(false),
                Action::More => w.cycle_pick(true),
                Action::Open | Action::NextTab => {
                    w.step = Step::Review;
                    w.review_row = 0;
                    w.scroll = 0;
                }
                Action::Back | Action::Quit | Action::PrevTab => w.step = Step::Ranking,
                _ => {}
            },
            Step::Review => match action {
                _ if dir.is_some() => {
                    let n = w.planned().len();
                    w.review_row = moved(w.review_row, dir.as_ref().unwrap(), n);
                }
                Action::Less | Action::More => {
                    if let Some(&i) = w.planned().get(w.review_row) {
                        let days = if action == Action::More {
                            DUE_STEP_DAYS
                        } else {
                            -DUE_STEP_DAYS
                        };
                        if let Some(d) = crate::clock::add_days(&w.dues[i], days)
                            && d.as_str() >= self.today.as_str()
                        {
                            w.dues[i] = d;
                            w.touched = true;
                        }
                    }
                }
                Action::Open => return self.save_wizard(),
                Action::Back | Action::Quit | Action::PrevTab => w.step = Step::Services,
                _ => {}
            },
        }
        Vec::new()
    }

    /// The answer to "discard the chosen services?".
    pub(crate) fn wizard_confirm(&mut self, yes: bool) {
        if yes {
            self.close_wizard(false);
        } else if let Some(w) = self.wizard.as_mut() {
            w.confirm_discard = false;
        }
    }

    fn choose_product(&mut self) {
        let Some(w) = self.wizard.as_mut() else {
            return;
        };
        if w.products.is_empty() {
            w.notice = Some(Notice::NoProducts);
            return;
        }
        let product = w
            .product_row
            .checked_sub(1)
            .and_then(|k| w.products.get(k).cloned());
        if product != w.product || w.results.is_empty() {
            // Another product: another ranking, and the marks made on the old one go.
            w.product = product;
            w.marked.clear();
            w.selected = 0;
            w.offset = 0;
            w.detail = None;
            self.rerank();
        }
        if let Some(w) = self.wizard.as_mut() {
            w.step = Step::Ranking;
        }
    }

    fn rerank(&mut self) {
        if let Some(w) = self.wizard.as_mut() {
            w.rank(&self.data.p, &self.config);
        }
    }

    fn cycle_preset(&mut self) {
        if let Some(w) = self.wizard.as_mut() {
            w.next_preset(&self.config);
        }
        self.rerank();
    }

    fn open_compare(&mut self) {
        let Some(w) = self.wizard.as_mut() else {
            return;
        };
        if w.marked_results().len() < 2 {
            w.notice = Some(Notice::MarkTwo);
            return;
        }
        w.step = Step::Compare;
        w.scroll = 0;
    }

    /// To the services step: the marked markets, or the one on screen when none is marked.
    fn open_services(&mut self) {
        let today = self.today.clone();
        let Some(w) = self.wizard.as_mut() else {
            return;
        };
        if w.marked.is_empty() {
            let here = match w.step {
                Step::MarketDetail => w.detail_result(),
                _ => w.current(),
            };
            if let Some(iso3) = here.map(|r| r.market.clone()) {
                w.marked.push(iso3);
            }
        }
        if w.marked.is_empty() {
            return;
        }
        w.build_gaps(&self.data.p, &today);
        w.step = Step::Services;
    }

    fn save_wizard(&mut self) -> Vec<Effect> {
        let Some(w) = self.wizard.as_ref() else {
            return Vec::new();
        };
        let (entries, plan) = w.draft(&self.data.p, &self.advisor, self.lang);
        if entries.is_empty() {
            return Vec::new();
        }
        let sme_id = w.sme_id;
        if let Some(w) = self.wizard.as_mut() {
            w.saving = true;
        }
        vec![Effect::Write(Write::SaveShortlist {
            sme_id,
            entries,
            plan,
        })]
    }

    /// A click on row `row` of the wizard's table (`open`: a double click).
    pub(crate) fn wizard_click(&mut self, row: usize, open: bool) -> Vec<Effect> {
        let Some(w) = self.wizard.as_mut() else {
            return Vec::new();
        };
        if w.confirm_discard || w.saving || w.filter_menu.is_some() || w.weights_focus {
            return Vec::new();
        }
        let target = match w.step {
            Step::Product => &mut w.product_row,
            Step::Ranking => &mut w.selected,
            Step::Services => &mut w.gap_row,
            Step::Review => &mut w.review_row,
            Step::MarketDetail | Step::Compare => return Vec::new(),
        };
        *target = row;
        match w.step {
            Step::Product => w.product_row = w.product_row.min(w.products.len()),
            Step::Ranking => w.selected = w.selected.min(w.rows.len().saturating_sub(1)),
            Step::Services => w.gap_row = w.gap_row.min(w.gaps.len().saturating_sub(1)),
            Step::Review => w.review_row = w.review_row.min(w.planned().len().saturating_sub(1)),
            _ => {}
        }
        if open && matches!(w.step, Step::Product | Step::Ranking) {
            return self.wizard_act(Action::Open);
        }
        Vec::new()
    }
}
