//! Issue 10, items 4 and 5: Viet Nam's nomenclature (AHTN 2022, 8-digit lines, Vietnamese labels
//! of every HS code) and the trade agreements that apply between Viet Nam and each market.

mod common;

use std::collections::BTreeSet;

use common::*;
use goglobal::domain::{FtaStatus, Reference};
use goglobal::store::{self, Store};
use serde_json::Value;

fn reference() -> Reference {
    let mut s = Store::open_in_memory().unwrap();
    goglobal::store::seed::seed_samples(&mut s).unwrap();
    store::load_reference(&s.conn).unwrap()
}

/// Agreements in force (or preferential) between Viet Nam and `iso3`, sorted.
fn applied(r: &Reference, iso3: &str) -> Vec<String> {
    let mut codes: Vec<String> = r
        .ftas_with(iso3)
        .filter(|f| matches!(f.status, FtaStatus::InForce | FtaStatus::Preferential))
        .map(|f| f.code.clone())
        .collect();
    codes.sort();
    codes
}

const ASEAN: [&str; 9] = [
    "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA",
];
const ASEAN_PLUS_ONE: [&str; 8] = [
    "ACFTA",
    "AKFTA",
    "AJCEP",
    "AIFTA",
    "AANZFTA",
    "AHKFTA",
    "ACAFTA",
    "ASEAN-GCC",
];

#[test]
fn every_market_lists_the_agreements_viet_nam_and_it_both_apply() {
    let r = reference();
    let expected: [(&str, &[&str]); 12] = [
        ("SGP", &["ATIGA", "CPTPP", "RCEP"]),
        ("MYS", &["ATIGA", "CPTPP", "RCEP"]),
        ("THA", &["ATIGA", "RCEP"]),
        ("IDN", &["ATIGA", "RCEP"]),
        ("CHN", &["ACFTA", "RCEP"]),
        ("KOR", &["AKFTA", "RCEP", "VKFTA"]),
        ("JPN", &["AJCEP", "CPTPP", "RCEP", "VJEPA"]),
        ("AUS", &["AANZFTA", "CPTPP", "RCEP"]),
        ("NZL", &["AANZFTA", "CPTPP", "RCEP"]),
        ("IND", &["AIFTA"]),
        ("HKG", &["AHKFTA"]),
        ("LAO", &["ATIGA", "RCEP", "VN-LAO TA"]),
    ];
    for (iso3, codes) in expected {
        assert_eq!(applied(&r, iso3), codes, "{iso3}");
    }
    // No ASEAN member lists an ASEAN+1 agreement, in force or not.
    for iso3 in ASEAN {
        let all: Vec<&str> = r.ftas_with(iso3).map(|f| f.code.as_str()).collect();
        for code in ASEAN_PLUS_ONE {
            assert!(!all.contains(&code), "{iso3} lists {code}: {all:?}");
        }
    }
    // Each listed agreement brings its own certificate-of-origin form.
    let forms: BTreeSet<&str> = r.ftas_with("SGP").map(|f| f.co_form.as_str()).collect();
    assert!(forms.contains("Form D"), "{forms:?}");
    assert!(!forms.iter().any(|f| f.contains("AANZ") || *f == "Form E"));
    let china: Vec<&str> = r
        .ftas_with("CHN")
        .filter(|f| f.status == FtaStatus::InForce)
        .map(|f| f.co_form.as_str())
        .collect();
    assert!(china.contains(&"Form E"), "{china:?}");
    // Canada and the Gulf: the ASEAN agreements under negotiation bind the partner only.
    assert!(r.ftas_with("CAN").any(|f| f.code == "ACAFTA"));
    assert!(r.ftas_with("SAU").any(|f| f.code == "ASEAN-GCC"));
}

#[test]
fn every_hs_code_has_a_vietnamese_label() {
    let r = reference();
    let mut six = 0;
    for h in &r.hs {
        assert!(
            !h.description_vi.trim().is_empty(),
            "{} has no Vietnamese label",
            h.code
        );
        assert!(!h.description_vi.contains("(SEN)"), "{}", h.code);
        assert!(!h.description_vi.starts_with('-'), "{}", h.code);
        six += usize::from(h.level() == 6);
    }
    assert_eq!(six, 5613, "HS 2022 subheadings (with 999999)");
    // Every HS 6 code of BACI 2024 (the product-level trade data) resolves to a Vietnamese label
    // (BACI's 271000 groups heading 2710 and reads as it).
    let fixture = include_str!("fixtures/baci_hs6_2024.txt");
    let codes: Vec<&str> = fixture.lines().collect();
    assert!(codes.len() > 5600, "{}", codes.len());
    for code in codes {
        let vi = r.hs_description(code, true);
        assert!(!vi.is_empty(), "{code}");
        assert_ne!(vi, r.hs_description(code, false), "{code}");
    }
    assert_eq!(
        r.hs_description("271000", true),
        r.hs_description("2710", true)
    );
}

#[test]
fn national_lines_read_whole_with_their_parent_path() {
    let r = reference();
    let lines: Vec<_> = r.hs.iter().filter(|h| h.level() == 8).collect();
    assert_eq!(lines.len(), 11_414, "AHTN 2022 national lines");
    // Every line sits under a known subheading of the same section.
    for l in &lines {
        let parent = r.hs_code(&l.parent).expect("subheading");
        assert_eq!(parent.level(), 6);
        assert!(l.code.starts_with(&l.parent));
        assert_eq!(l.section, parent.section);
        assert!(
            l.description_vi.starts_with(&parent.description_vi),
            "{}",
            l.code
        );
    }
    let shrimp = r.hs_code("03061721").expect("whiteleg shrimp line");
    assert_eq!(
        shrimp.description_vi,
        "Động vật giáp xác … › Đông lạnh › Tôm shrimps và tôm prawn khác › \
         Tôm thẻ chân trắng (Litopenaeus vannamei) › Đã bỏ đầu, còn đuôi"
    );
    assert!(
        shrimp
            .description
            .ends_with("Whiteleg shrimps (Litopenaeus vannamei) › Headless, with tail")
    );
    // A line that says only "Loại khác" reads with its parents.
    let other = r.hs_description("030619", true);
    assert_eq!(other, "Động vật giáp xác … › Đông lạnh › Loại khác");
    for h in r.hs.iter().filter(|h| h.level() >= 6) {
        assert_ne!(h.description_vi, "Loại khác", "{}", h.code);
        assert_ne!(h.description_vi, "Khác", "{}", h.code);
    }
    // The chapters keep the project's Vietnamese titles; headings are AHTN's text.
    assert_eq!(
        r.hs_description("0901", true).split(',').next(),
        Some("Cà phê")
    );
    assert!(r.hs_code("03061799").is_none());
}

#[test]
fn eudr_covers_pulp_paper_and_wooden_buildings_but_not_printed_matter() {
    let r = reference();
    let eudr = |hs: &str| r.requirements_for("DEU", hs).any(|q| q.code == "EU27-EUDR");
    for hs in [
        "470321", "480256", "482010", "940610", "44071100", "09011130", "940330",
    ] {
        assert!(eudr(hs), "{hs}");
    }
    // Printed products left the scope with Reg. (EU) 2025/2650; steel buildings never were in.
    for hs in ["490110", "940620", "030617"] {
        assert!(!eudr(hs), "{hs}");
    }
    assert!(
        r.requirements_for("USA", "480256")
            .all(|q| q.code != "EU27-EUDR")
    );
}

const HEADER: &str = "name,tax_code,province,sector,employees,revenue_usd,founded,export_experience,current_markets,certifications,languages,products,contact_name,contact_email,contact_phone,notes";

fn import(env: &Env, products: &str) -> std::process::Output {
    let csv = format!(
        "{HEADER}\nCông ty Tôm,0312345678,Cà Mau,seafood,40,900000,2012,occasional,,HACCP,vi,{products},,,,\n"
    );
    let file = env.write("smes.csv", csv);
    env.run(&["smes", "import", file.to_str().unwrap()])
}

#[test]
fn an_ahtn_line_is_kept_as_entered_and_matched_on_its_subheading() {
    let env = Env::init(true);
    let out = import(&env, "0306.17.21:Tôm thẻ bỏ đầu");
    assert!(out.status.success(), "{}", stderr(&out));
    let smes = env.json(&["smes", "list", "--json"]);
    assert_eq!(smes[0]["products"][0], "03061721", "{smes}");
    let line = env.json(&["match", "1", "--json"]);
    let six = env.json(&["match", "1", "--product", "030617", "--json"]);
    let rows = |v: &Value| -> Vec<(String, Value, Value, Value)> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["market"].as_str().unwrap().to_string(),
                    r["score"].clone(),
                    r["requirements"].clone(),
                    r["alerts"].clone(),
                )
            })
            .collect()
    };
    // Same ranking, requirements and alerts as its subheading; the code stays as entered.
    assert_eq!(rows(&line), rows(&six));
    let results = line["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["hs"] == "03061721"));
    let usa = results.iter().find(|r| r["market"] == "USA").unwrap();
    assert!(
        !usa["alerts"].as_array().unwrap().is_empty(),
        "US shrimp cases"
    );
    let sgp = results.iter().find(|r| r["market"] == "SGP").unwrap();
    assert_eq!(sgp["fta"], serde_json::json!(["ATIGA", "CPTPP", "RCEP"]));
    // `access` and `fit` carry a year like every other component: the agreement's entry into
    // force (signature when only signed), else the FTA table's date; the requirements table's.
    let year = |iso3: &str, component: &str| {
        results.iter().find(|r| r["market"] == iso3).unwrap()["components"][component]["year"]
            .clone()
    };
    assert_eq!(year("SGP", "access"), 2010, "ATIGA");
    assert_eq!(year("CHN", "access"), 2005, "ACFTA");
    assert_eq!(year("ARE", "access"), 2024, "VN-UAE CEPA signed");
    assert_eq!(
        year("BRA", "access"),
        2026,
        "no agreement: the FTA table's date"
    );
    for iso3 in ["SGP", "USA", "BRA"] {
        assert_eq!(year(iso3, "fit"), 2026, "{iso3}");
    }
    // The Vietnamese output names the line by its Vietnamese label.
    let text = env.run_ok(&["--lang", "vi", "match", "1", "--top", "3"]);
    assert!(text.contains("03061721"), "{text}");
    assert!(text.contains("Đã bỏ đầu, còn đuôi"), "{text}");
}

#[test]
fn an_unknown_eight_digit_code_is_refused_everywhere() {
    let env = Env::init(true);
    let out = import(&env, "03061799");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("smes.csv:2: products:"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("`03061799`"), "{}", stderr(&out));
    assert!(import(&env, "03061721").status.success());
    let out = env.run(&["smes", "edit", "1", "--set", "products=0306172"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("products"), "{}", stderr(&out));
    let out = env.run(&["smes", "edit", "1", "--set", "products=03061799"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`03061799` is not"),
        "{}",
        stderr(&out)
    );
    env.run_ok(&["smes", "edit", "1", "--set", "products=03061722;090111"]);
    let out = env.run(&["match", "1", "--product", "09011199"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_pipeline_takes_an_ahtn_line_and_refuses_an_unknown_one() {
    use goglobal::domain::{Product, Sme, Stage};
    let mut store = Store::open_in_memory().unwrap();
    let sme = Sme {
        name: "Công ty Tôm".into(),
        tax_code: "0312345678".into(),
        province: "Cà Mau".into(),
        sector: "seafood".into(),
        products: vec![Product {
            hs: "03061721".into(),
            description: String::new(),
        }],
        ..Default::default()
    };
    let ids = store.insert_smes(&[sme], "tester").unwrap();
    let changes = store
        .set_stage(ids[0], "USA", None, Stage::Engaged, "met at a fair", "lan")
        .unwrap();
    assert_eq!(changes[0].entry.hs, "03061721");
    let err = store
        .set_stage(ids[0], "JPN", Some("03061799"), Stage::Engaged, "", "lan")
        .unwrap_err();
    assert!(err.to_string().contains("unknown HS code"), "{err}");
    store
        .set_stage(ids[0], "JPN", Some("03061721"), Stage::Engaged, "", "lan")
        .unwrap();
}
