//! The shipped reference data: the counts and invariants issue 2 promises.

use std::collections::{BTreeMap, BTreeSet};

use goglobal::domain::{FtaStatus, KNOWN_SECTORS, Origin, PROVIDER_CATEGORIES, Priority};
use goglobal::store::{self, Store};

fn loaded() -> (Store, goglobal::domain::Reference) {
    let mut s = Store::open_in_memory().unwrap();
    goglobal::store::seed_samples(&mut s).unwrap();
    let r = store::load_reference(&s.conn).unwrap();
    (s, r)
}

#[test]
fn provinces_are_the_34_units_of_2025_covering_the_63_former_ones() {
    let (_, r) = loaded();
    assert_eq!(r.provinces.len(), 34);
    let former: BTreeSet<&str> = r
        .provinces
        .iter()
        .flat_map(|p| p.merged_from.iter().map(String::as_str))
        .collect();
    assert_eq!(former.len(), 63);
    let cities = r.provinces.iter().filter(|p| p.kind == "city").count();
    assert_eq!(cities, 6);
    // Former names, with or without accents, map to the merged unit.
    for (old, new) in [
        ("Bình Dương", "Thành phố Hồ Chí Minh"),
        ("ba ria vung tau", "Thành phố Hồ Chí Minh"),
        ("Tiền Giang", "Đồng Tháp"),
        ("kien giang", "An Giang"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Hà Giang", "Tuyên Quang"),
        ("Thừa Thiên Huế", "Huế"),
        ("TP HCM", "Thành phố Hồ Chí Minh"),
        ("Hà Nội", "Hà Nội"),
    ] {
        assert_eq!(r.province(old).map(|p| p.name.as_str()), Some(new), "{old}");
    }
    assert!(r.province("Atlantis").is_none());
}

#[test]
fn markets_ftas_and_groups_are_consistent() {
    let (_, r) = loaded();
    assert!(r.markets.len() >= 190);
    let in_force: Vec<&str> = r
        .ftas
        .iter()
        .filter(|f| f.status == FtaStatus::InForce)
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(in_force.len(), 16, "{in_force:?}");
    for code in ["EVFTA", "CPTPP", "RCEP", "UKVFTA", "VN-EAEU", "VIFTA"] {
        assert!(in_force.contains(&code), "{code}");
    }
    assert!(r.ftas.iter().any(|f| f.status == FtaStatus::Signed));
    assert!(r.ftas.iter().any(|f| f.status == FtaStatus::Negotiating));
    assert_eq!(r.groups["EU27"].len(), 27);
    assert_eq!(r.groups["GCC"].len(), 6);
    assert!(r.ftas_in_force("DEU").contains(&"EVFTA".to_string()));
    // Every programme priority segment has markets.
    for p in Priority::ALL {
        assert!(r.markets.iter().any(|m| m.priority == p), "{p:?}");
    }
    // Every figure that is present carries a year.
    for m in &r.markets {
        assert!(!m.name_vi.is_empty(), "{}", m.iso3);
        if let Some(g) = m.gdp_usd {
            assert!((2000..=2026).contains(&g.year), "{}", m.iso3);
        }
    }
}

#[test]
fn hs_nomenclature_is_complete_with_vietnamese_chapters() {
    let (_, r) = loaded();
    assert!(r.hs.len() >= 6000);
    let chapters: Vec<_> = r.hs.iter().filter(|h| h.level() == 2).collect();
    assert!(chapters.len() >= 97);
    assert!(chapters.iter().all(|c| !c.description_vi.is_empty()));
    assert!(r.hs_code("081060").is_some(), "durian");
    assert!(r.hs_code("041090").is_some(), "bird's nest");
    assert!(!r.flows("09").is_empty(), "BACI flows for coffee");
}

#[test]
fn rules_cover_the_named_cases() {
    let (_, r) = loaded();
    assert!(r.requirements.len() >= 15);
    assert!(r.remedies.len() >= 20);
    let codes = |iso3: &str, hs: &str| -> Vec<String> {
        r.requirements_for(iso3, hs)
            .map(|q| q.code.clone())
            .collect()
    };
    assert!(
        codes("DEU", "030743").iter().any(|c| c.contains("IUU")),
        "IUU on squid in the EU"
    );
    assert!(
        codes("FRA", "090111").iter().any(|c| c.contains("EUDR")),
        "EUDR on coffee in the EU"
    );
    assert!(
        codes("CHN", "081060").iter().any(|c| c.contains("DURIAN")),
        "durian protocol"
    );
    assert!(
        codes("SAU", "160414").iter().any(|c| c.contains("HALAL")),
        "Halal in GCC"
    );
    assert!(
        r.remedies_for("USA", "030462").any(|t| t.is_live()),
        "US AD on pangasius"
    );
}

#[test]
fn every_trade_remedy_note_has_its_vietnamese_translation() {
    let (_, r) = loaded();
    for t in &r.remedies {
        assert!(
            t.detail.is_empty() || !t.detail_vi.is_empty(),
            "{}: note without detail_vi",
            t.id
        );
        assert!(!t.detail_vi.contains("  "), "{}: {}", t.id, t.detail_vi);
    }
    let pangasius = r.remedies.iter().find(|t| t.id == "USA-AD-A552801");
    let vi = pangasius.map(|t| t.detail_vi.as_str()).unwrap_or("");
    // Figures and dates are kept exactly as in the source's note.
    assert!(
        vi.contains("2003-08-12") && vi.contains("36.84-63.88%"),
        "{vi}"
    );
}

#[test]
fn providers_cover_every_category_and_samples_are_flagged() {
    let (_, r) = loaded();
    assert!(r.providers.len() >= 60);
    for cat in PROVIDER_CATEGORIES {
        let n = r.providers.iter().filter(|p| p.category == cat).count();
        assert!(n >= 3, "{cat}: {n}");
    }
    assert!(r.providers.iter().any(|p| !p.sample));
    assert!(r.providers.iter().any(|p| p.sample));
    // Every requirement's service tag has a provider.
    for q in &r.requirements {
        let serving = r
            .groups
            .get(&q.market)
            .and_then(|m| m.first().cloned())
            .unwrap_or_else(|| {
                if q.market == "*" {
                    "USA".into()
                } else {
                    q.market.clone()
                }
            });
        assert!(
            !r.providers_for(&q.service_tag, &serving).is_empty(),
            "{} ({})",
            q.code,
            q.service_tag
        );
    }
}

#[test]
fn the_demo_portfolio_spans_sectors_and_provinces() {
    let (s, _) = loaded();
    let smes = s.smes().unwrap();
    assert!(smes.len() >= 60);
    assert!(smes.iter().all(|x| x.origin == Origin::Sample));
    let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
    for x in &smes {
        *by_sector.entry(x.sector.as_str()).or_default() += 1;
    }
    for sector in KNOWN_SECTORS {
        assert!(
            by_sector.get(sector).copied().unwrap_or(0) >= 3,
            "{sector}: {by_sector:?}"
        );
    }
    let provinces: BTreeSet<&str> = smes.iter().map(|x| x.province.as_str()).collect();
    assert!(provinces.len() >= 15, "{provinces:?}");
    assert!(smes.iter().all(|x| !x.products.is_empty()));
}
