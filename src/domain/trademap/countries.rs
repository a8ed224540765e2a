//! Trade Map country names → ISO3. Trade Map writes ITC/UN-style names ("Korea, Republic of",
//! "Taipei, Chinese"); the reference markets use short names ("South Korea", "Taiwan"). Names
//! are compared folded (accents, case and runs of spaces ignored).

use std::collections::HashMap;

use crate::domain::Reference;
use crate::text::fold;

/// Viet Nam is the home country: not a target market, but a Trade Map exporter.
pub const HOME: &str = "VNM";

/// Trade Map (and other official) spellings that differ from the reference market names.
const ALIASES: &[(&str, &str)] = &[
    ("Viet Nam", HOME),
    ("Vietnam", HOME),
    ("United States of America", "USA"),
    ("USA", "USA"),
    ("Korea, Republic of", "KOR"),
    ("Republic of Korea", "KOR"),
    ("Korea", "KOR"),
    ("Korea, Democratic People's Republic of", "PRK"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("Hong Kong, China", "HKG"),
    ("Hong Kong SAR, China", "HKG"),
    ("Macao, China", "MAC"),
    ("Macao", "MAC"),
    ("Taipei, Chinese", "TWN"),
    ("Chinese Taipei", "TWN"),
    ("Turkey", "TUR"),
    ("Cote d'Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Iran, Islamic Republic of", "IRN"),
    ("Iran (Islamic Republic of)", "IRN"),
    ("Russian Federation", "RUS"),
    ("Tanzania, United Republic of", "TZA"),
    ("United Republic of Tanzania", "TZA"),
    ("Congo, Democratic Republic of the", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Moldova, Republic of", "MDA"),
    ("Republic of Moldova", "MDA"),
    ("Lao People's Democratic Republic", "LAO"),
    ("Lao PDR", "LAO"),
    ("Bolivia, Plurinational State of", "BOL"),
    ("Bolivia (Plurinational State of)", "BOL"),
    ("Venezuela, Bolivarian Republic of", "VEN"),
    ("Venezuela (Bolivarian Republic of)", "VEN"),
    ("Syrian Arab Republic", "SYR"),
    ("Micronesia, Federated States of", "FSM"),
    ("Micronesia (Federated States of)", "FSM"),
    ("Macedonia, North", "MKD"),
    ("Macedonia, the former Yugoslav Republic of", "MKD"),
    ("North Macedonia, Republic of", "MKD"),
    ("Czech Republic", "CZE"),
    ("Swaziland", "SWZ"),
    ("Brunei Darussalam", "BRN"),
    ("Cabo Verde", "CPV"),
    ("Falkland Islands (Malvinas)", "FLK"),
    ("Libya, State of", "LBY"),
    ("Libyan Arab Jamahiriya", "LBY"),
    ("Palestine, State of", "PSE"),
    ("State of Palestine", "PSE"),
    ("Occupied Palestinian Territory", "PSE"),
    ("Sao Tome and Principe", "STP"),
    ("Curacao", "CUW"),
    ("Sint Maarten (Dutch part)", "SXM"),
    ("Saint Martin (French part)", "MAF"),
    ("Virgin Islands, British", "VGB"),
    ("Virgin Islands, U.S.", "VIR"),
    ("Virgin Islands, US", "VIR"),
    ("Wallis and Futuna Islands", "WLF"),
    ("Pitcairn", "PCN"),
    ("Saint Helena, Ascension and Tristan da Cunha", "SHN"),
    ("Saint Helena", "SHN"),
    ("Reunion", "REU"),
    ("Kyrgyz Republic", "KGZ"),
    ("Slovak Republic", "SVK"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Yemen, Rep.", "YEM"),
    ("Gambia, The", "GMB"),
    ("Bahamas, The", "BHS"),
    ("Timor Leste", "TLS"),
    ("East Timor", "TLS"),
    ("Myanmar (Burma)", "MMR"),
    ("Burma", "MMR"),
    (
        "United Kingdom of Great Britain and Northern Ireland",
        "GBR",
    ),
    ("Netherlands (Kingdom of the)", "NLD"),
    ("Holland", "NLD"),
    ("Kosovo, Republic of", "XKX"),
    ("Serbia, Republic of", "SRB"),
    ("Cocos Islands", "CCK"),
    ("Saint Vincent and Grenadines", "VCT"),
    ("Tokelau Islands", "TKL"),
];

/// Rows that sum countries up (not a market): skipped without being counted as unmapped.
const AGGREGATES: &[&str] = &[
    "World",
    "European Union",
    "European Union (EU 27)",
    "European Union (EU 28)",
    "EU 27",
    "EU 28",
    "Asia",
    "Africa",
    "Europe",
    "America",
    "Americas",
    "North America",
    "South America",
    "Latin America",
    "Latin America and the Caribbean",
    "Oceania",
    "Middle East",
    "ASEAN",
    "APEC",
    "Area Nes",
    "Areas Nes",
    "Free Zones",
    "Bunkers",
    "Ship stores and bunkers",
    "Special categories",
    "Other Asia, nes",
    "Unspecified",
    "Not specified",
];

/// What a Trade Map name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A reference market, by ISO3.
    Market(String),
    /// Viet Nam itself.
    Home,
    /// A total or region ("World", "Asia", "Free Zones").
    Aggregate,
    /// A name the product cannot place; reported to the user.
    Unknown,
}

/// Lookup from folded names to ISO3, built from the reference markets and [`ALIASES`].
pub struct Countries {
    by_name: HashMap<String, String>,
}

impl Countries {
    pub fn new(reference: &Reference) -> Countries {
        let mut by_name = HashMap::new();
        for m in &reference.markets {
            by_name.insert(fold(&m.name), m.iso3.clone());
        }
        for (name, iso3) in ALIASES {
            if *iso3 == HOME || reference.market(iso3).is_some() {
                by_name
                    .entry(fold(name))
                    .or_insert_with(|| iso3.to_string());
            }
        }
        Countries { by_name }
    }

    /// ISO3 for a country name (Viet Nam included), if known.
    pub fn iso3(&self, name: &str) -> Option<&str> {
        let key = fold(name);
        // "St. Pierre and Miquelon", "St. Lucia": Trade Map abbreviates Saint.
        let key = match key.strip_prefix("st. ").or_else(|| key.strip_prefix("st ")) {
            Some(rest) => format!("saint {rest}"),
            None => key,
        };
        self.by_name.get(&key).map(String::as_str)
    }

    pub fn place(&self, name: &str) -> Place {
        match self.iso3(name) {
            Some(HOME) => Place::Home,
            Some(iso3) => Place::Market(iso3.to_string()),
            None if is_aggregate(name) => Place::Aggregate,
            None => Place::Unknown,
        }
    }
}

/// Totals and regions: the fixed list, or any "… nes" / "not elsewhere specified" group.
pub fn is_aggregate(name: &str) -> bool {
    let f = fold(name);
    AGGREGATES.iter().any(|a| fold(a) == f)
        || f.ends_with(" nes")
        || f.ends_with(",nes")
        || f.contains("n.e.s")
        || f.contains("not elsewhere specified")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Market, Priority};

    fn market(iso3: &str, name: &str) -> Market {
        Market::new(iso3, name, Priority::Other)
    }

    #[test]
    fn trade_map_spellings() {
        let r = Reference {
            markets: vec![
                market("KOR", "South Korea"),
                market("TWN", "Taiwan"),
                market("TUR", "Türkiye"),
                market("CIV", "Côte d'Ivoire"),
                market("COD", "DR Congo"),
                market("SPM", "Saint Pierre and Miquelon"),
            ],
            ..Default::default()
        }
        .index();
        let c = Countries::new(&r);
        assert_eq!(c.place("Korea, Republic of"), Place::Market("KOR".into()));
        assert_eq!(
            c.place("  korea,  republic of "),
            Place::Market("KOR".into())
        );
        assert_eq!(c.place("Taipei, Chinese"), Place::Market("TWN".into()));
        assert_eq!(c.place("Turkey"), Place::Market("TUR".into()));
        assert_eq!(c.place("TÜRKIYE"), Place::Market("TUR".into()));
        assert_eq!(c.place("Cote d'Ivoire"), Place::Market("CIV".into()));
        assert_eq!(
            c.place("Congo, Democratic Republic of the"),
            Place::Market("COD".into())
        );
        assert_eq!(
            c.place("St. Pierre and Miquelon"),
            Place::Market("SPM".into())
        );
        assert_eq!(c.place("Viet Nam"), Place::Home);
        assert_eq!(c.place("World"), Place::Aggregate);
        assert_eq!(c.place("European Union (EU 27)"), Place::Aggregate);
        assert_eq!(c.place("Caribbean Nes"), Place::Aggregate);
        assert_eq!(
            c.place("North Africa not elsewhere specified"),
            Place::Aggregate
        );
        assert_eq!(c.place("Serbia and Montenegro"), Place::Unknown);
        // An alias for a market missing from the reference is not invented.
        assert_eq!(c.place("Russian Federation"), Place::Unknown);
    }
}
