//! The portfolio as the dashboard browses it: loaded once, with pre-folded search keys and the
//! values tables filter and sort on, so that no key press does more than in-memory work.

use std::collections::HashMap;

use crate::domain::portfolio::{Kpis, Portfolio, kpis};
use crate::domain::{FtaStatus, Sme, Stage};
use crate::text::fold;

pub struct Data {
    pub p: Portfolio,
    pub kpis: Kpis,
    pub sme_by_id: HashMap<i64, usize>,
    /// Folded "name tax code province sector products contact" of each SME.
    pub sme_keys: Vec<String>,
    pub sme_names: Vec<String>,
    pub sme_provinces: Vec<String>,
    /// Most advanced live pipeline stage of each SME.
    pub sme_stage: Vec<Option<Stage>>,
    pub market_keys: Vec<String>,
    pub market_names: Vec<String>,
    pub market_names_vi: Vec<String>,
    /// Best status among Viet Nam's FTAs with each market.
    pub market_fta: Vec<Option<FtaStatus>>,
    pub provider_keys: Vec<String>,
    pub provider_names: Vec<String>,
    pub provider_names_vi: Vec<String>,
}

/// Rank of an FTA status, best first, for "best FTA with this market".
pub fn fta_rank(s: FtaStatus) -> u8 {
    match s {
        FtaStatus::InForce => 0,
        FtaStatus::Signed => 1,
        FtaStatus::Negotiating => 2,
        FtaStatus::Proposed => 3,
        FtaStatus::Preferential => 4,
        FtaStatus::Unverified => 5,
    }
}

impl Data {
    pub fn sme(&self, id: i64) -> Option<&Sme> {
        self.sme_by_id.get(&id).map(|&i| &self.p.smes[i])
    }

    pub fn new(p: Portfolio, segments: &[String], today: &str) -> Data {
        let kpis = kpis(&p, segments, today);
        let r = &p.reference;
        let sme_keys = p
            .smes
            .iter()
            .map(|s| {
                // Joined by hand: `format!` cost a fifth of this on a 5,000-SME start-up.
                let mut k = String::with_capacity(160);
                for part in [
                    &s.name,
                    &s.tax_code,
                    &s.province,
                    &s.sector,
                    &s.contact_name,
                ] {
                    k.push_str(part);
                    k.push(' ');
                }
                for prod in &s.products {
                    k.push_str(&prod.hs);
                    k.push(' ');
                    k.push_str(&prod.description);
                    k.push(' ');
                }
                fold(&k)
            })
            .collect();
        let sme_by_id = p.smes.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        // SMEs sort by the distinctive part of their name, not by their legal form.
        let sme_names = p
            .smes
            .iter()
            .map(|s| fold(crate::domain::names::distinctive(&s.name)))
            .collect();
        let sme_provinces = p.smes.iter().map(|s| fold(&s.province)).collect();
        // One pass over the pipeline: most advanced live stage per SME.
        let mut best: HashMap<i64, Stage> = HashMap::new();
        for e in p.shortlist.iter().filter(|e| e.stage != Stage::Dropped) {
            let stage = best.entry(e.sme_id).or_insert(e.stage);
            *stage = (*stage).max(e.stage);
        }
        let sme_stage = p.smes.iter().map(|s| best.get(&s.id).copied()).collect();
        let market_keys = r
            .markets
            .iter()
            .map(|m| {
                fold(&format!(
                    "{} {} {} {} {}",
                    m.iso3, m.name, m.name_vi, m.region, m.subregion
                ))
            })
            .collect();
        let market_names = r.markets.iter().map(|m| fold(&m.name)).collect();
        let market_names_vi = r
            .markets
            .iter()
            .map(|m| fold(m.display_name(true)))
            .collect();
        let market_fta = r
            .markets
            .iter()
            .map(|m| {
                r.ftas_with(&m.iso3)
                    .map(|f| f.status)
                    .min_by_key(|s| fta_rank(*s))
            })
            .collect();
        let provider_keys = r
            .providers
            .iter()
            .map(|pr| {
                fold(&format!(
                    "{} {} {} {} {}",
                    pr.name,
                    pr.name_vi,
                    pr.category,
                    pr.tags.join(" "),
                    pr.markets.join(" ")
                ))
            })
            .collect();
        let provider_names = r.providers.iter().map(|pr| fold(&pr.name)).collect();
        let provider_names_vi = r
            .providers
            .iter()
            .map(|pr| {
                fold(if pr.name_vi.is_empty() {
                    &pr.name
                } else {
                    &pr.name_vi
                })
            })
            .collect();
        Data {
            kpis,
            sme_by_id,
            sme_keys,
            sme_names,
            sme_provinces,
            sme_stage,
            market_keys,
            market_names,
            market_names_vi,
            market_fta,
            provider_keys,
            provider_names,
            provider_names_vi,
            p,
        }
    }
}
