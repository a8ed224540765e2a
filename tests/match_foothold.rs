//! `goglobal match` shows Viet Nam's foothold in each market (its current exports of the
//! product, from BACI 2024 or a more recent imported Trade Map series "exported by Viet
//! Nam"): an additive `vn_exports` field in the JSON and a line in the human output; scores
//! do not change.

mod common;

use common::*;

const VN_EXPORTS: &str = "variant_apostrophe_vn_exports.csv";

fn import(env: &Env, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trademap")
        .join(name);
    env.run_ok(&["demand", "import", path.to_str().unwrap()]);
}

#[test]
fn match_explains_viet_nams_foothold_where_a_series_exists() {
    let env = Env::init(false);
    env.run_ok(&["smes", "edit", "20", "--set", "products=090111:Robusta"]);
    let before = env.json(&["match", "20", "--json"]);
    let before = before["results"].as_array().unwrap().clone();
    assert!(before.len() > 100);
    // Issue 10: BACI 2024 gives Viet Nam's exports wherever its bilateral table covers the
    // market; the six importers outside it have none.
    for r in &before {
        let f = &r["vn_exports"];
        if ["USA", "DEU", "FRA", "GBR", "NLD", "ESP"].contains(&r["market"].as_str().unwrap()) {
            assert!(f.is_null(), "{r}");
        } else if !f.is_null() {
            assert_eq!(f["year"], 2024, "{f}");
            assert!(
                f["source"].as_str().unwrap().contains("CEPII BACI 2024"),
                "{f}"
            );
        }
    }

    import(&env, VN_EXPORTS);
    let after = env.json(&["match", "20", "--json"]);
    let after = after["results"].as_array().unwrap();
    assert_eq!(after.len(), before.len());
    let mut with = 0;
    for (b, a) in before.iter().zip(after) {
        // Additive: every other field is exactly as before (scores do not use exports).
        let mut stripped = a.clone();
        stripped.as_object_mut().unwrap().remove("vn_exports");
        let mut b = b.clone();
        let was = b.as_object_mut().unwrap().remove("vn_exports").unwrap();
        assert_eq!(stripped, b);
        let f = &a["vn_exports"];
        if !was.is_null() {
            // BACI 2024 is more recent than the 2017 series: it stays.
            assert_eq!(*f, was);
            continue;
        }
        if f.is_null() {
            continue;
        }
        with += 1;
        assert_eq!(f["year"], 2017, "{f}");
        assert!(f["value"].as_f64().unwrap() > 0.0, "{f}");
        let source = f["source"].as_str().unwrap();
        assert!(
            source.contains("ITC Trade Map") && source.contains(VN_EXPORTS),
            "{source}"
        );
        assert!(source.contains("HS 0901"), "{source}");
    }
    // The series fills the six markets BACI leaves without a Viet Nam figure.
    assert!(
        (4..=6).contains(&with),
        "{with} markets with a Trade Map foothold"
    );
    let usa = after.iter().find(|r| r["market"] == "USA").unwrap();
    assert_eq!(usa["vn_exports"]["value"], 3_467_906_000.0);

    let human = env.run_ok(&["--lang", "en", "match", "20", "--top", "300"]);
    assert!(
        human.contains("Viet Nam's foothold: exports US$ 3.5 bn (2017; ITC Trade Map"),
        "{human}"
    );
    assert!(human.contains("(2024; share "), "{human}");
    assert!(human.contains("largest suppliers: "), "{human}");
    let human = env.run_ok(&["--lang", "vi", "match", "20", "--top", "300"]);
    assert!(
        human.contains("chỗ đứng của Việt Nam: xuất khẩu 3,5 tỷ USD (2017; ITC Trade Map (tệp "),
        "{human}"
    );
    assert!(human.contains("nhà cung cấp lớn nhất: "), "{human}");
}
