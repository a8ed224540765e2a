//! All reference data in memory, with the lookups the rules need. Loaded once from the store;
//! nothing here touches SQL.

use std::collections::{BTreeMap, HashMap};

use super::model::*;

/// Names of the public sources behind each figure, shown beside every figure.
pub mod sources {
    pub const WDI_GDP: &str = "World Bank WDI NY.GDP.MKTP.CD";
    pub const WDI_GDP_PC: &str = "World Bank WDI NY.GDP.PCAP.CD";
    pub const WDI_POP: &str = "World Bank WDI SP.POP.TOTL";
    pub const WDI_GROWTH: &str = "World Bank WDI NY.GDP.MKTP.KD.ZG";
    pub const WDI_IMPORTS: &str = "World Bank WDI TM.VAL.MRCH.CD.WT";
    pub const LPI: &str = "World Bank LPI 2023";
    pub const LPI_YEAR: u16 = 2023;
    pub const WGI: &str = "World Bank WGI";
    pub const CEPII_DIST: &str = "CEPII GeoDist";
    pub const CEPII_DIST_YEAR: u16 = 2011;
    pub const BACI: &str = "CEPII BACI HS92";
    pub const FTA: &str = "MOIT / vietnam_ftas (compiled)";
    /// Date of the FTA table (data as of Feb 2026): the year of `access` where no agreement
    /// with a year of its own applies (none, or only under negotiation).
    pub const FTA_YEAR: u16 = 2026;
    /// Date of the requirements table (`data/requirements.csv`, compiled 2025–2026): the year
    /// of `fit`.
    pub const REQUIREMENTS_YEAR: u16 = 2026;
    pub const TRADE_MAP: &str = "ITC Trade Map";
    pub const PEW_MUSLIM: &str = "Pew Research Center";
    pub const PEW_MUSLIM_YEAR: u16 = 2010;
    pub const HALAL: &str = "goglobal curation (market_facts)";
    pub const COUNTRIES: &str = "mledoze/countries";
}

#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub version: String,
    pub markets: Vec<Market>,
    pub ftas: Vec<Fta>,
    pub hs: Vec<HsCode>,
    pub hs_sections: Vec<(String, String, String)>,
    /// HS chapter → flows by year, oldest first.
    pub trade_flows: BTreeMap<String, Vec<TradeFlow>>,
    pub requirements: Vec<Requirement>,
    pub remedies: Vec<TradeRemedy>,
    pub certifications: Vec<Certification>,
    pub service_tags: Vec<ServiceTag>,
    pub providers: Vec<Provider>,
    pub provinces: Vec<Province>,
    /// Group code (EU27, GCC, …) → member ISO3 codes.
    pub groups: BTreeMap<String, Vec<String>>,
    /// Real demand series imported by users (Trade Map).
    pub demand: Vec<DemandSeries>,
    /// BACI 2024 product-level trade of the product codes loaded (those of the SMEs' products
    /// and any the caller asked for): never the whole table.
    pub trade: super::trade::TradeTable,
    pub(crate) market_index: HashMap<String, usize>,
    pub(crate) province_index: HashMap<String, usize>,
}

impl Reference {
    /// Build the lookup indexes; call once after filling the tables.
    pub fn index(mut self) -> Self {
        self.markets.sort_by(|a, b| a.iso3.cmp(&b.iso3));
        self.market_index = self
            .markets
            .iter()
            .enumerate()
            .map(|(i, m)| (m.iso3.clone(), i))
            .collect();
        // Looked up by binary search: a map of 18,353 cloned codes cost more than it saved.
        self.hs.sort_by(|a, b| a.code.cmp(&b.code));
        self.province_index.clear();
        for (i, p) in self.provinces.iter().enumerate() {
            self.province_index.insert(province_key(&p.name), i);
            for old in &p.merged_from {
                self.province_index.entry(province_key(old)).or_insert(i);
            }
        }
        self
    }

    pub fn market(&self, iso3: &str) -> Option<&Market> {
        self.market_index.get(iso3).map(|&i| &self.markets[i])
    }

    pub fn hs_code(&self, code: &str) -> Option<&HsCode> {
        self.hs
            .binary_search_by(|h| h.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.hs[i])
    }

    /// Description of an HS code in the chosen language: Vietnamese from AHTN 2022 (with the
    /// parent path where the line alone says only "Loại khác"), English from HS 2022. A code
    /// the nomenclature lacks (a trade statistic's own code such as BACI's 271000) reads as its
    /// heading, then its chapter; "" when none is known.
    pub fn hs_description(&self, code: &str, vietnamese: bool) -> String {
        let known = [code.len(), 6, 4, 2]
            .into_iter()
            .filter(|&n| n <= code.len())
            .find_map(|n| code.get(..n).and_then(|c| self.hs_code(c)));
        match known {
            Some(h) if vietnamese && !h.description_vi.is_empty() => h.description_vi.clone(),
            Some(h) => h.description.clone(),
            None => String::new(),
        }
    }

    /// Current province for a current or former name, accents, case and the "Thành phố" /
    /// "Tỉnh" prefix ignored.
    pub fn province(&self, name: &str) -> Option<&Province> {
        self.province_index
            .get(&province_key(name))
            .map(|&i| &self.provinces[i])
    }

    pub fn certification(&self, code: &str) -> Option<&Certification> {
        self.certifications.iter().find(|c| c.code == code)
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Whether `scope` (an ISO3, a group code or `*`) covers market `iso3`.
    pub fn scope_covers(&self, scope: &str, iso3: &str) -> bool {
        scope == "*"
            || scope == iso3
            || self
                .groups
                .get(scope)
                .is_some_and(|members| members.iter().any(|m| m == iso3))
    }

    /// FTAs of Viet Nam that include `iso3` as a partner.
    pub fn ftas_with(&self, iso3: &str) -> impl Iterator<Item = &Fta> {
        let iso3 = iso3.to_string();
        self.ftas.iter().filter(move |f| f.members.contains(&iso3))
    }

    /// Codes of FTAs in force with `iso3`.
    pub fn ftas_in_force(&self, iso3: &str) -> Vec<String> {
        self.ftas_with(iso3)
            .filter(|f| f.status == FtaStatus::InForce)
            .map(|f| f.code.clone())
            .collect()
    }

    /// Requirements that apply to product `hs` in market `iso3`.
    pub fn requirements_for<'a>(
        &'a self,
        iso3: &'a str,
        hs: &'a str,
    ) -> impl Iterator<Item = &'a Requirement> + 'a {
        self.requirements.iter().filter(move |r| {
            self.scope_covers(&r.market, iso3) && prefixes_match(&r.hs_prefixes, hs)
        })
    }

    /// Trade remedies of market `iso3` that touch product `hs`.
    pub fn remedies_for<'a>(
        &'a self,
        iso3: &'a str,
        hs: &'a str,
    ) -> impl Iterator<Item = &'a TradeRemedy> + 'a {
        self.remedies.iter().filter(move |r| {
            self.scope_covers(&r.market, iso3) && prefixes_match(&r.hs_prefixes, hs)
        })
    }

    /// Providers offering `tag` who serve `iso3` (or all markets): real institutions first,
    /// then samples, each group by id.
    pub fn providers_for(&self, tag: &str, iso3: &str) -> Vec<&Provider> {
        let mut found: Vec<&Provider> = self
            .providers
            .iter()
            .filter(|p| p.tags.iter().any(|t| t == tag))
            .filter(|p| p.markets.iter().any(|m| self.scope_covers(m, iso3)))
            .collect();
        found.sort_by(|a, b| a.sample.cmp(&b.sample).then_with(|| a.id.cmp(&b.id)));
        found
    }

    /// World and Viet Nam exports for an HS chapter, oldest first.
    pub fn flows(&self, chapter: &str) -> &[TradeFlow] {
        self.trade_flows
            .get(chapter)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// World exports of all chapters in `year` (US$).
    pub fn world_total(&self, year: u16) -> f64 {
        self.trade_flows
            .values()
            .flat_map(|v| v.iter().filter(|f| f.year == year))
            .map(|f| f.world_exports_usd)
            .sum()
    }

    /// The most specific imported series of `kind` for market × product: the longest HS
    /// prefix of `hs` that has data wins ("" = all products is the last resort only when asked).
    pub fn demand_series(&self, iso3: &str, hs: &str, kind: SeriesKind) -> Option<&DemandSeries> {
        self.demand
            .iter()
            .filter(|d| {
                d.iso3 == iso3 && d.kind == kind && !d.hs.is_empty() && hs.starts_with(&d.hs)
            })
            .max_by_key(|d| d.hs.len())
    }
}

/// Lookup key of a province name: folded, without the administrative prefix, with the common
/// short forms of Ho Chi Minh City resolved.
fn province_key(name: &str) -> String {
    let folded = crate::text::fold(name).replace('.', " ");
    let folded = crate::text::fold(&folded);
    let key = ["thanh pho ", "tp ", "tinh "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(&folded);
    match key {
        "hcm" | "tphcm" | "hcmc" | "ho chi minh city" | "sai gon" | "saigon" => {
            "ho chi minh".into()
        }
        other => other.to_string(),
    }
}

/// Whether product `hs` falls under any of `prefixes` (an empty list means every product).
/// A requirement on a finer code than the product (rule on 081060, product 0810) also matches,
/// because part of the product's trade is covered.
/// An 8-digit national line is matched on its 6-digit subheading.
pub fn prefixes_match(prefixes: &[String], hs: &str) -> bool {
    let hs = super::hs::matching_code(hs);
    prefixes.is_empty()
        || prefixes
            .iter()
            .any(|p| hs.starts_with(p.as_str()) || p.starts_with(hs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matching_both_ways() {
        let p = vec!["03".to_string(), "1604".to_string()];
        assert!(prefixes_match(&p, "030462"));
        assert!(prefixes_match(&p, "160414"));
        assert!(!prefixes_match(&p, "0901"));
        assert!(prefixes_match(&["081060".to_string()], "0810"));
        assert!(prefixes_match(&[], "0901"));
        // A national line is matched on its subheading, both ways.
        assert!(prefixes_match(&["030617".to_string()], "03061721"));
        assert!(prefixes_match(&["03061".to_string()], "03061721"));
        assert!(!prefixes_match(&["030616".to_string()], "03061721"));
    }
}
