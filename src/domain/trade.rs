//! Product-level trade from CEPII BACI 2024 (`data/trade_hs6.tsv.gz`, see data/SOURCES.md):
//! per product code (HS 6, or HS 4 heading and HS 2 chapter sums) and market, the imports, the
//! implied 2016 value, the market's own exports (re-export rule), Viet Nam's exports there and
//! the top suppliers. Parsing and the rules on these figures; the store reads the rows.

use std::collections::BTreeMap;

/// Year of every BACI figure in the table.
pub const BACI_YEAR: u16 = 2024;
/// Year the implied earlier value refers to (8 years before [`BACI_YEAR`]).
pub const BACI_BASE_YEAR: u16 = 2016;
pub const SOURCE_BILATERAL: &str = "CEPII BACI 2024 (HS 2017, bilateral table)";
pub const SOURCE_TOP6: &str = "CEPII BACI 2024 (HS 2022, top-6 importer list)";
pub const SOURCE_ESTIMATE: &str = "CEPII BACI 2024 (HS 2022, residual estimate)";
/// Importers missing from the bilateral table: their figures come from BACI's HS 2022 top-6
/// lists or a residual estimate, and Viet Nam's exports and suppliers to them are unknown.
pub const NOT_BILATERAL: [&str; 6] = ["DEU", "ESP", "FRA", "GBR", "NLD", "USA"];
/// A market whose own exports of a code reach this share of its imports is a re-export hub.
pub const REEXPORT_SHARE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TradeKind {
    /// BACI bilateral table (HS 2017).
    Bilateral,
    /// BACI HS 2022 top-6 importer list (exact to ± US$ 0.5 m).
    Top6,
    /// Residual estimate for one of the six (an order of magnitude only).
    Estimate,
}

impl TradeKind {
    pub fn source(self) -> &'static str {
        match self {
            TradeKind::Bilateral => SOURCE_BILATERAL,
            TradeKind::Top6 => SOURCE_TOP6,
            TradeKind::Estimate => SOURCE_ESTIMATE,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Supplier {
    pub iso3: String,
    /// US$.
    pub value: f64,
}

/// One market's figures for one product code. Money in US$.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketTrade {
    pub iso3: String,
    pub kind: TradeKind,
    pub imports: f64,
    /// 2016 imports implied by the flows' 8-year growth rates.
    pub imports_2016: Option<f64>,
    /// Share (0–1) of the 2024 imports in flows that have such a rate.
    pub covered: f64,
    /// The market's own exports of the code, where they reach half its imports.
    pub exports: Option<f64>,
    /// Viet Nam's exports to the market.
    pub vn: Option<f64>,
    /// Viet Nam's rank among the market's suppliers (markets importing US$ 1 m or more).
    pub vn_rank: Option<u16>,
    /// The largest suppliers, largest first (at most 3; HS 6 codes only).
    pub suppliers: Vec<Supplier>,
}

impl MarketTrade {
    pub fn estimate(&self) -> bool {
        self.kind == TradeKind::Estimate
    }

    /// Whether the market re-exports most of what it imports of the code.
    pub fn reexport_hub(&self) -> bool {
        self.exports
            .is_some_and(|x| is_reexport_hub(self.imports, x))
    }

    /// Imports for `size`: net of the market's own exports at a re-export hub.
    pub fn demand(&self) -> f64 {
        match self.exports {
            Some(x) if is_reexport_hub(self.imports, x) => net_imports(self.imports, x),
            _ => self.imports,
        }
    }

    /// The 2024 and 2019 values for `growth`: the covered part of the 2024 imports and the
    /// value five years before on the same 2016–2024 growth path.
    pub fn growth_pair(&self) -> Option<(f64, f64)> {
        let before = self.imports_2016?;
        let latest = self.imports * self.covered;
        Some((latest, five_years_before(latest, before)?))
    }
}

/// Exports of at least half the imports make a re-export hub.
pub fn is_reexport_hub(imports: f64, exports: f64) -> bool {
    imports > 0.0 && exports >= REEXPORT_SHARE * imports
}

/// Imports less the market's own exports, never below zero.
pub fn net_imports(imports: f64, exports: f64) -> f64 {
    (imports - exports).max(0.0)
}

/// The value five years before `latest` on the constant-rate path from `eight_years_before`
/// (M_{T−5} = M_T / (M_T / M_{T−8})^(5/8)), so an 8-year series fits DESIGN §4.2's 5-year scale.
pub fn five_years_before(latest: f64, eight_years_before: f64) -> Option<f64> {
    (latest > 0.0 && eight_years_before > 0.0)
        .then(|| latest / (latest / eight_years_before).powf(5.0 / 8.0))
}

/// Every market's figures for one product code, sorted by ISO3.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeTrade {
    pub code: String,
    pub markets: Vec<MarketTrade>,
}

impl CodeTrade {
    pub fn get(&self, iso3: &str) -> Option<&MarketTrade> {
        self.markets
            .binary_search_by(|m| m.iso3.as_str().cmp(iso3))
            .ok()
            .map(|i| &self.markets[i])
    }

    /// Whether the code is in the bilateral table (so a bilateral market without a figure
    /// imported none of it).
    pub fn in_bilateral(&self) -> bool {
        self.markets.iter().any(|m| m.kind == TradeKind::Bilateral)
    }

    /// Parse one line's entries (`ISO3,KIND,IMPORTS,V2016,COVERED,EXPORTS,VN,VN_RANK,SUPPLIERS`
    /// separated by `;`, money in thousand US$; trailing empty fields may be left out).
    pub fn parse(code: &str, text: &str) -> Result<CodeTrade, String> {
        let mut markets = Vec::new();
        for entry in text.split(';').filter(|e| !e.trim().is_empty()) {
            markets.push(parse_entry(entry).map_err(|e| format!("code {code}: `{entry}`: {e}"))?);
        }
        markets.sort_by(|a, b| a.iso3.cmp(&b.iso3));
        Ok(CodeTrade {
            code: code.to_string(),
            markets,
        })
    }
}

fn thousand(field: &str, what: &str) -> Result<Option<f64>, String> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(None);
    }
    field
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| Some(v * 1000.0))
        .ok_or_else(|| format!("{what} `{field}` is not a non-negative number"))
}

fn parse_entry(entry: &str) -> Result<MarketTrade, String> {
    let f: Vec<&str> = entry.split(',').collect();
    let field = |i: usize| f.get(i).copied().unwrap_or("");
    let iso3 = field(0).trim();
    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("market `{iso3}` is not an ISO3 code"));
    }
    let kind = match field(1) {
        "b" => TradeKind::Bilateral,
        "t" => TradeKind::Top6,
        "e" => TradeKind::Estimate,
        other => return Err(format!("kind `{other}` is not b, t or e")),
    };
    let imports = thousand(field(2), "imports")?.ok_or("imports missing")?;
    let covered = match field(4).trim() {
        "" => 1.0,
        pct => {
            pct.parse::<f64>()
                .ok()
                .filter(|p| (0.0..=100.0).contains(p))
                .ok_or_else(|| format!("covered share `{pct}` is not a percent"))?
                / 100.0
        }
    };
    let vn_rank = match field(7).trim() {
        "" => None,
        r => Some(
            r.parse::<u16>()
                .map_err(|_| format!("rank `{r}` is not a whole number"))?,
        ),
    };
    let mut suppliers = Vec::new();
    for s in field(8).split('|').filter(|s| !s.is_empty()) {
        let (iso, value) = s
            .split_at_checked(3)
            .ok_or_else(|| format!("supplier `{s}` is too short"))?;
        suppliers.push(Supplier {
            iso3: iso.to_string(),
            value: thousand(value, "supplier value")?.unwrap_or(0.0),
        });
    }
    Ok(MarketTrade {
        iso3: iso3.to_string(),
        kind,
        imports,
        imports_2016: thousand(field(3), "2016 value")?,
        covered,
        exports: thousand(field(5), "exports")?,
        vn: thousand(field(6), "Viet Nam's exports")?,
        vn_rank,
        suppliers,
    })
}

/// The level of the figure used for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Hs6,
    Hs4,
    Hs2,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Hs6 => "hs6",
            Level::Hs4 => "hs4",
            Level::Hs2 => "hs2",
        }
    }
}

/// The BACI figure that stands for product `hs` in one market.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demand<'a> {
    pub level: Level,
    pub code: &'a str,
    /// None: the code is in the market's table but the market imported none of it.
    pub trade: Option<&'a MarketTrade>,
    /// The HS 6 code has no figure in this market's edition, so its heading stands in.
    pub heading_fallback: bool,
}

/// Product codes loaded from the store, by code (6, 4 or 2 digits).
#[derive(Debug, Clone, Default)]
pub struct TradeTable {
    codes: BTreeMap<String, CodeTrade>,
}

impl TradeTable {
    pub fn insert(&mut self, c: CodeTrade) {
        self.codes.insert(c.code.clone(), c);
    }

    pub fn get(&self, code: &str) -> Option<&CodeTrade> {
        self.codes.get(code)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The figure for product `hs` (digits; 6 or more digits match on the first 6) in market
    /// `iso3`: the code itself; for an HS 6 code without a figure in the market's edition, its
    /// heading; None when neither exists (the chapter-share proxy applies).
    pub fn demand<'a>(&'a self, hs: &str, iso3: &str) -> Option<Demand<'a>> {
        let digits = hs.get(..hs.len().min(6)).unwrap_or(hs);
        let level = match digits.len() {
            6 => Level::Hs6,
            4 => Level::Hs4,
            2 => Level::Hs2,
            _ => return None,
        };
        let bilateral_market = !NOT_BILATERAL.contains(&iso3);
        if let Some(c) = self.get(digits) {
            match c.get(iso3) {
                Some(t) => {
                    return Some(Demand {
                        level,
                        code: &c.code,
                        trade: Some(t),
                        heading_fallback: false,
                    });
                }
                None if bilateral_market && c.in_bilateral() => {
                    return Some(Demand {
                        level,
                        code: &c.code,
                        trade: None,
                        heading_fallback: false,
                    });
                }
                None => {}
            }
        }
        if level != Level::Hs6 {
            return None;
        }
        let heading = self.get(digits.get(..4)?)?;
        let t = heading.get(iso3)?;
        Some(Demand {
            level: Level::Hs4,
            code: &heading.code,
            trade: Some(t),
            heading_fallback: true,
        })
    }
}

/// The codes a product needs from the table: itself (first 6 digits) and its heading.
pub fn codes_for(hs: &str) -> Vec<String> {
    let digits: String = hs.chars().take(6).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = vec![digits.clone()];
    if digits.len() == 6 {
        out.push(digits[..4].to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(lines: &[(&str, &str)]) -> TradeTable {
        let mut t = TradeTable::default();
        for (code, text) in lines {
            t.insert(CodeTrade::parse(code, text).unwrap());
        }
        t
    }

    #[test]
    fn parses_an_entry_in_thousand_dollars() {
        let c = CodeTrade::parse(
            "030617",
            "KOR,b,461677,300000,80,,150000,1,VNM150000|THA90000|ECU50000;AFG,b,1",
        )
        .unwrap();
        assert_eq!(c.markets[0].iso3, "AFG", "sorted by ISO3");
        let k = c.get("KOR").unwrap();
        assert_eq!(k.imports, 461_677_000.0);
        assert_eq!(k.imports_2016, Some(300_000_000.0));
        assert_eq!(k.covered, 0.8);
        assert_eq!(k.exports, None);
        assert_eq!(k.vn, Some(150_000_000.0));
        assert_eq!(k.vn_rank, Some(1));
        assert_eq!(k.suppliers.len(), 3);
        assert_eq!(k.suppliers[1].iso3, "THA");
        assert_eq!(k.suppliers[1].value, 90_000_000.0);
        let a = c.get("AFG").unwrap();
        assert_eq!((a.imports, a.covered, a.imports_2016), (1000.0, 1.0, None));
    }

    #[test]
    fn bad_entries_say_what_is_wrong() {
        let e = CodeTrade::parse("0306", "KOR,x,1").unwrap_err();
        assert!(e.contains("kind `x`"), "{e}");
        let e = CodeTrade::parse("0306", "KOR,b,-5").unwrap_err();
        assert!(e.contains("imports `-5`"), "{e}");
        let e = CodeTrade::parse("0306", "ko,b,5").unwrap_err();
        assert!(e.contains("ISO3"), "{e}");
    }

    #[test]
    fn hub_uses_net_imports() {
        // Imports 1,000, exports 700 (≥ half): a hub, size on 300.
        let c = CodeTrade::parse("081060", "HKG,b,1,,,0.7").unwrap();
        let h = c.get("HKG").unwrap();
        assert!(h.reexport_hub());
        assert_eq!(h.demand(), 300.0);
        // Exports 400 of 1,000 are below half: imports stand.
        assert!(!is_reexport_hub(1000.0, 400.0));
        assert!(is_reexport_hub(1000.0, 500.0));
        assert_eq!(net_imports(1000.0, 1200.0), 0.0);
    }

    #[test]
    fn eight_year_growth_on_the_five_year_scale() {
        // 2016 → 2024 quadrupled (100 → 400): on the same path 2019 is 400 / 4^(5/8) = 168.18.
        let before = five_years_before(400.0, 100.0).unwrap();
        assert!((before - 400.0 / 4f64.powf(0.625)).abs() < 1e-9);
        assert!((before - 168.18).abs() < 0.01, "{before}");
        // The covered share scales the 2024 value that is compared.
        let c = CodeTrade::parse("090111", "JPN,b,1000,400,50").unwrap();
        let (latest, b5) = c.get("JPN").unwrap().growth_pair().unwrap();
        assert_eq!(latest, 500_000.0);
        assert!((b5 - 500_000.0 / 1.25f64.powf(0.625)).abs() < 1e-6);
        assert_eq!(five_years_before(0.0, 100.0), None);
    }

    #[test]
    fn demand_falls_back_to_the_heading_then_nothing() {
        let t = table(&[
            ("030617", "CHN,b,4000;USA,t,5000"),
            ("0306", "CHN,b,9000;JPN,b,3000;USA,t,8000;DEU,e,700"),
            ("090111", "USA,t,100"),
        ]);
        let d = t.demand("030617", "CHN").unwrap();
        assert_eq!(
            (d.level, d.code, d.heading_fallback),
            (Level::Hs6, "030617", false)
        );
        assert_eq!(d.trade.unwrap().imports, 4_000_000.0);
        // JPN is a bilateral market and the code is in the bilateral table: it imported none.
        let d = t.demand("03061721", "JPN").unwrap();
        assert_eq!((d.level, d.trade), (Level::Hs6, None));
        // DEU is not in the bilateral table: its heading stands in, flagged.
        let d = t.demand("030617", "DEU").unwrap();
        assert_eq!(
            (d.level, d.code, d.heading_fallback),
            (Level::Hs4, "0306", true)
        );
        assert!(d.trade.unwrap().estimate());
        // A code only in HS 2022 (no bilateral entry): bilateral markets use nothing here.
        assert_eq!(t.demand("090111", "JPN"), None);
        assert_eq!(
            t.demand("0306", "KOR"),
            Some(Demand {
                level: Level::Hs4,
                code: "0306",
                trade: None,
                heading_fallback: false
            })
        );
        assert_eq!(codes_for("03061721"), vec!["030617", "0306"]);
        assert_eq!(codes_for("03"), vec!["03"]);
    }
}
