//! `goglobal report` on the real binary: the chosen market appears, `-o` writes a self-contained
//! HTML file, the language switch works, and bad input exits 2.

mod common;

use common::{Env, stderr, stdout};

/// A database with the sample portfolio; returns the id of a coffee SME (product 0901…).
fn env_with_coffee_sme() -> (Env, String) {
    let env = Env::init(false);
    let list = env.json(&["smes", "list", "--json"]);
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sector"] == "coffee")
        .map(|s| s["id"].to_string())
        .expect("a coffee SME in the sample portfolio");
    (env, id)
}

#[test]
fn the_chosen_market_appears_in_the_brief() {
    let (env, id) = env_with_coffee_sme();
    let md = env.run_ok(&["report", &id, "--market", "sau", "--lang", "en"]);
    assert!(md.contains("### Saudi Arabia (SAU) — HS 0901"), "{md}");
    assert!(md.contains("## Top markets"));
    // Every key figure has a year and a source.
    let figures: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("#### Key figures"))
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(figures.len() >= 5, "{md}");
    for line in figures {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert!(cells[3].parse::<u16>().is_ok(), "no year: {line}");
        assert!(!cells[4].is_empty(), "no source: {line}");
    }
}

#[test]
fn default_market_is_the_top_ranked_one() {
    let (env, id) = env_with_coffee_sme();
    let md = env.run_ok(&["report", &id, "--lang", "en"]);
    let first = md
        .lines()
        .find(|l| l.starts_with("| 1 | "))
        .expect("a ranked market");
    let iso3 = first.split(['(', ')']).nth(1).unwrap();
    assert_eq!(iso3.len(), 3, "{first}");
    assert!(
        md.lines()
            .any(|l| l.starts_with("### ") && l.contains(&format!("({iso3})"))),
        "the market brief is for {iso3}:\n{md}"
    );
    // Each ranked market gives reasons, and the reasons' sources are named.
    let why = first.rsplit('|').nth(1).unwrap().trim();
    assert!(!why.is_empty(), "{first}");
    assert!(md.contains("figures in the reasons: "), "{md}");
}

#[test]
fn without_a_ranking_the_first_open_shortlisted_market_is_detailed() {
    let env = Env::init(true);
    // An SME without products has no ranking; its pipeline decides.
    let (mut store, _) = goglobal::store::Store::open(&env.db).unwrap();
    let sme = goglobal::domain::Sme {
        name: "No products yet".into(),
        province: "Cà Mau".into(),
        sector: "seafood".into(),
        ..Default::default()
    };
    let id = store.insert_smes(&[sme], "t").unwrap()[0].to_string();
    drop(store);
    for (iso3, hs, stage) in [("BRA", "0303", "dropped"), ("KAZ", "0304", "shortlisted")] {
        let o = env.run(&[
            "plan",
            "set-stage",
            &id,
            iso3,
            stage,
            "--reason",
            "x",
            "--product",
            hs,
        ]);
        // --product must be one of the SME's products: this SME has none.
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    }
    let (mut store, _) = goglobal::store::Store::open(&env.db).unwrap();
    let id_n: i64 = id.parse().unwrap();
    store
        .set_stage(
            id_n,
            "BRA",
            Some("0303"),
            goglobal::domain::Stage::Dropped,
            "x",
            "t",
        )
        .unwrap();
    store
        .set_stage(
            id_n,
            "KAZ",
            Some("0304"),
            goglobal::domain::Stage::Shortlisted,
            "",
            "t",
        )
        .unwrap();
    drop(store);
    let md = env.run_ok(&["report", &id, "--lang", "en"]);
    assert!(md.contains("No market ranking available."), "{md}");
    assert!(md.contains("### Kazakhstan (KAZ) — HS 0304"), "{md}");
    assert!(md.contains("| dropped — x |"), "{md}");
}

#[test]
fn html_to_a_file_is_self_contained_and_escaped() {
    let (env, id) = env_with_coffee_sme();
    env.run_ok(&[
        "plan",
        "add",
        &id,
        "ARE",
        "--action",
        "Check <script> & \"quotes\"",
    ]);
    let out = env.path("brief.html");
    let o = env.run(&[
        "--lang",
        "vi",
        "report",
        &id,
        "--market",
        "ARE",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "-o writes nothing to stdout");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert!(html.contains("Check &lt;script&gt; &amp; &quot;quotes&quot;"));
    assert!(
        !html.contains("<script"),
        "no script, and user text is escaped"
    );
    for external in ["<link", "src=", "@import", "href="] {
        assert!(!html.contains(external), "external asset: {external}");
    }
    // The pictures' patterns are referenced inside the file (`url(#…)`), nothing else.
    assert!(html.matches("url(").count() == html.matches("url(#").count());
    // No attribute points to the web (web addresses in the text, such as a provider's site,
    // are words); the SVG namespace is a name, not a resource.
    let attributes = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!attributes.contains("=\"http") && !attributes.contains("='http"));
    for picture in ["gg-readiness", "gg-scores", "gg-map"] {
        assert!(html.contains(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{picture}\""
        )));
    }
    // In the language asked for.
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("Các Tiểu vương quốc Ả Rập Thống nhất (ARE)"));
}

#[test]
fn bad_input_exits_2() {
    let (env, id) = env_with_coffee_sme();
    let out = env.path("x.md");
    for (args, expect) in [
        (
            vec!["report", id.as_str(), "--market", "XXX"],
            "unknown market \"XXX\"",
        ),
        (vec!["report", "99999"], "unknown SME id 99999"),
        (
            vec!["report", id.as_str(), "--format", "pdf"],
            "unknown format \"pdf\" (use md or html)",
        ),
        (
            vec!["report", id.as_str(), "-o", "/nonexistent-dir/x.md"],
            "cannot write",
        ),
    ] {
        let o = env.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
    }
    assert!(!out.exists());
}
