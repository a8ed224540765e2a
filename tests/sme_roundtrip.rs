//! Property: `smes export` then `smes import` round-trips exactly. Random valid SMEs (names
//! with Vietnamese diacritics, commas, quotes; optional fields left out) are written in the
//! export format, imported into a fresh database and exported again: the CSV text is identical
//! and the SMEs read back equal the ones generated. Checked in-process on many cases and on the
//! real binary on fewer.

mod common;

use std::collections::HashSet;
use std::sync::OnceLock;

use common::*;
use goglobal::domain::{ExportExperience, KNOWN_SECTORS, Product, Reference, Sme};
use goglobal::store::{Store, load_reference, sme_csv};
use goglobal::text::nfc;
use proptest::prelude::*;

fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(|| load_reference(&Store::open_in_memory().unwrap().conn).unwrap())
}

/// Free text: Vietnamese words, CSV-hostile punctuation and random letters, NFC and trimmed
/// (the importer normalises and trims, so those are the valid values).
fn text(max_words: usize, allow: &'static str) -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Công ty",
        "TNHH",
        "Cà phê",
        "\"Sao Vàng\"",
        "Đồng Tháp,",
        "Nguyễn's",
        "Thủy sản",
        "Xuất nhập khẩu",
        "A&B",
        "Hải sản  Biển Đông",
        "Ê-đê",
        "Mỹ Tho",
        "100%",
        "“Việt”",
    ]);
    let random =
        proptest::string::string_regex(&format!("[\\p{{L}}0-9 ,.'\"{allow}]{{1,12}}")).unwrap();
    prop::collection::vec(
        prop_oneof![3 => words.prop_map(String::from), 1 => random],
        1..max_words,
    )
    .prop_map(|parts| nfc(parts.join(" ").trim()))
    .prop_filter("a value, not only spaces", |s| !s.is_empty())
}

fn sme(i: usize) -> impl Strategy<Value = Sme> {
    let r = reference();
    let provinces: Vec<String> = r.provinces.iter().map(|p| p.name.clone()).collect();
    let markets: Vec<String> = r.markets.iter().map(|m| m.iso3.clone()).collect();
    let certs: Vec<String> = r.certifications.iter().map(|c| c.code.clone()).collect();
    let hs: Vec<String> =
        r.hs.iter()
            .map(|h| h.code.clone())
            .filter(|c| c.starts_with('0') || c.starts_with('6') || c.starts_with("94"))
            .collect();
    let product =
        (prop::sample::select(hs), prop::option::of(text(3, ":"))).prop_map(|(hs, d)| Product {
            hs,
            description: d.unwrap_or_default(),
        });
    let who = (
        text(4, ""),
        1_000_000u64..9_000_000,
        any::<bool>(),
        prop::sample::select(provinces),
        prop::sample::select(KNOWN_SECTORS.to_vec()),
        prop::option::of(0u32..100_000),
        prop::option::of(0.0f64..1e10),
        prop::option::of(1800u16..=2100),
        prop::option::of(prop::sample::select(ExportExperience::ALL.to_vec())),
    );
    let lists = (
        prop::sample::subsequence(markets, 0..4),
        prop::sample::subsequence(certs, 0..4),
        prop::sample::subsequence(vec!["vi", "en", "ja", "zh", "ko", "fr", "ar"], 0..3),
        prop::collection::vec(product, 0..3),
    );
    let contact = (
        prop::option::of(text(3, "")),
        any::<bool>(),
        prop::option::of("\\+84 [0-9]{2,3} [0-9]{3} [0-9]{4}"),
        prop::option::of(text(6, ";:\n!?()/-")),
    );
    (who, lists, contact).prop_map(
        move |(
            (name, tax, branch, province, sector, employees, revenue_usd, founded, experience),
            (current_markets, certifications, languages, products),
            (contact_name, email, phone, notes),
        )| Sme {
            name,
            // Unique per row: the row index sits in the leading digits.
            tax_code: format!(
                "{:03}{:07}{}",
                i,
                tax % 10_000_000,
                if branch { "001" } else { "" }
            ),
            province,
            sector: sector.to_string(),
            employees,
            revenue_usd,
            founded,
            export_experience: experience,
            current_markets,
            certifications,
            languages: languages.into_iter().map(String::from).collect(),
            products,
            contact_name: contact_name.unwrap_or_default(),
            contact_email: if email {
                format!("lien.he{i}@cong-ty.example.vn")
            } else {
                String::new()
            },
            contact_phone: phone.unwrap_or_default(),
            notes: notes.unwrap_or_default(),
            ..Default::default()
        },
    )
}

fn portfolio(max: usize) -> impl Strategy<Value = Vec<Sme>> {
    (1..=max).prop_flat_map(|n| (0..n).map(sme).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical_in_process(smes in portfolio(8)) {
        let text1 = sme_csv::export(&smes).unwrap();
        let parsed = sme_csv::parse(text1.as_bytes(), "gen.csv", reference(), &HashSet::new())
            .map_err(|p| TestCaseError::fail(p.iter().map(|x| x.en.as_str()).collect::<Vec<_>>().join("\n")))?;
        prop_assert_eq!(&parsed, &smes);
        let mut store = Store::open_in_memory().unwrap();
        store.insert_smes(&parsed, "test").unwrap();
        let stored: Vec<Sme> = store
            .smes()
            .unwrap()
            .into_iter()
            .map(|s| Sme { id: 0, version: 0, ..s })
            .collect();
        prop_assert_eq!(&stored, &smes);
        let text2 = sme_csv::export(&store.smes().unwrap()).unwrap();
        prop_assert_eq!(text1, text2);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical_on_the_binary(smes in portfolio(12)) {
        let text1 = sme_csv::export(&smes).unwrap();
        let env = Env::init(true);
        let first = env.write("first.csv", &text1);
        let again = env.path("again.csv");
        env.run_ok(&["smes", "import", first.to_str().unwrap()]);
        env.run_ok(&["smes", "export", again.to_str().unwrap()]);
        let text2 = std::fs::read_to_string(&again).unwrap();
        prop_assert_eq!(&text1, &text2);
        // And once more through a second fresh database.
        let env2 = Env::init(true);
        let third = env2.path("third.csv");
        env2.run_ok(&["smes", "import", again.to_str().unwrap()]);
        env2.run_ok(&["smes", "export", third.to_str().unwrap()]);
        prop_assert_eq!(text2, std::fs::read_to_string(&third).unwrap());
    }
}
