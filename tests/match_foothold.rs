//! `goglobal match` shows Viet Nam's foothold in each market (its current exports of the
//! product, from an imported Trade Map series "exported by Viet Nam"): an additive
//! `vn_exports` field in the JSON and a line in the human output; scores do not change.

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
    for r in &before {
        assert!(r["vn_exports"].is_null(), "no series imported yet: {r}");
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
        b.as_object_mut().unwrap().remove("vn_exports");
        assert_eq!(stripped, b);
        let f = &a["vn_exports"];
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
    // The fixture names 18 importing markets (the world and totals aside).
    assert!((10..=30).contains(&with), "{with} markets with a foothold");
    let kor = after.iter().find(|r| r["market"] == "KOR").unwrap();
    assert_eq!(kor["vn_exports"]["value"], 892_180_000.0);

    let human = env.run_ok(&["--lang", "en", "match", "20", "--top", "60"]);
    assert!(
        human.contains("Viet Nam's foothold: exports US$ 892.2 m (2017; ITC Trade Map"),
        "{human}"
    );
    let human = env.run_ok(&["--lang", "vi", "match", "20", "--top", "60"]);
    assert!(
        human.contains("chỗ đứng của Việt Nam: xuất khẩu US$ 892.2 m (2017; ITC Trade Map"),
        "{human}"
    );
}
