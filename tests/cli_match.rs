//! `match`, `match --all` and `gen` on the real binary and the real reference data: the
//! scenarios of the matching issue (trade-remedy alerts, Halal, IUU, EUDR, durian protocol),
//! the JSON shape, the portfolio CSV, the generator, and every bad-input path (exit 2).

mod common;

use common::*;
use serde_json::Value;

const HEADER: &str = "name,tax_code,province,sector,employees,revenue_usd,founded,export_experience,current_markets,certifications,languages,products,contact_name,contact_email,contact_phone,notes";

/// A database without samples holding the SMEs `rows` (name, tax code, sector, markets,
/// certifications, products); their ids are 1, 2, … in order.
fn env_with(rows: &[(&str, &str, &str, &str, &str, &str)]) -> Env {
    let env = Env::init(true);
    let mut csv = format!("{HEADER}\n");
    for (name, tax, sector, markets, certs, products) in rows {
        csv.push_str(&format!(
            "{name},{tax},Cà Mau,{sector},40,900000,2012,occasional,{markets},{certs},vi;en,{products},,,,\n"
        ));
    }
    let file = env.write("smes.csv", csv);
    env.run_ok(&["smes", "import", file.to_str().unwrap()]);
    env
}

fn result<'a>(v: &'a Value, iso3: &str, hs: &str) -> &'a Value {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["market"] == iso3 && r["hs"] == hs)
        .unwrap_or_else(|| panic!("no result for {iso3} {hs}"))
}

fn requirement<'a>(r: &'a Value, code: &str) -> &'a Value {
    r["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["code"] == code)
        .unwrap_or_else(|| {
            panic!(
                "{} has no requirement {code}: {}",
                r["market"], r["requirements"]
            )
        })
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn us_anti_dumping_alert_on_pangasius_and_shrimp() {
    let env = env_with(&[(
        "Công ty TNHH Thủy sản Thử",
        "6100000001",
        "seafood",
        "",
        "HACCP",
        "030462;030617",
    )]);
    let v = env.json(&["match", "1", "--json"]);
    for hs in ["030462", "030617"] {
        let us = result(&v, "USA", hs);
        let alert = us["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "trade_remedy" && a["measure"] == "anti_dumping")
            .unwrap_or_else(|| panic!("no AD alert on USA {hs}: {}", us["alerts"]));
        assert!(alert["year"].is_u64(), "{alert}");
        let penalty = us["adjustments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "trade_remedy")
            .unwrap();
        assert_eq!(penalty["points"], -10.0);
        // score = base + adjustments, clamped.
        let points: f64 = us["adjustments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["points"].as_f64().unwrap())
            .sum();
        let expect = (us["base"].as_f64().unwrap() + points).clamp(0.0, 100.0);
        assert!(
            (us["score"].as_f64().unwrap() - expect).abs() < 0.011,
            "{us}"
        );
        // Japan has no order on these products.
        assert!(
            result(&v, "JPN", hs)["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["kind"] != "trade_remedy")
        );
    }
    // The table shows the alert too.
    let text = env.run_ok(&[
        "--lang",
        "en",
        "match",
        "1",
        "--product",
        "030462",
        "--top",
        "300",
    ]);
    assert!(
        text.contains("⚠ alert: anti-dumping (active) on "),
        "{text}"
    );
}

#[test]
fn halal_unmet_with_provider_in_gcc_then_met_with_certificate() {
    let env = env_with(&[
        (
            "Công ty TNHH Thực phẩm Không Halal",
            "6100000002",
            "processed_food",
            "",
            "HACCP",
            "160414",
        ),
        (
            "Công ty TNHH Thực phẩm Có Halal",
            "6100000003",
            "processed_food",
            "",
            "HACCP;HALAL",
            "160414",
        ),
    ]);
    let without = env.json(&["match", "1", "--json"]);
    let with = env.json(&["match", "2", "--json"]);
    for iso3 in ["SAU", "ARE"] {
        let q = requirement(result(&without, iso3, "160414"), "GCC-HALAL-MEAT");
        assert_eq!(q["met"], false);
        assert_eq!(q["severity"], "mandatory");
        let services = q["services"].as_array().unwrap();
        assert!(!services.is_empty() && services.len() <= 3);
        assert!(services.iter().all(|s| s["category"] == "certification"));
        // A real institution comes first.
        assert_eq!(services[0]["id"], "P006", "{services:?}");
        let q = requirement(result(&with, iso3, "160414"), "GCC-HALAL-MEAT");
        assert_eq!(q["met"], true);
        assert!(q["services"].as_array().unwrap().is_empty());
        let (a, b) = (
            result(&without, iso3, "160414"),
            result(&with, iso3, "160414"),
        );
        assert!(
            b["components"]["fit"]["score"].as_f64() > a["components"]["fit"]["score"].as_f64()
        );
        assert!(b["score"].as_f64() >= a["score"].as_f64());
    }
    // Not a GCC rule in Japan.
    let jp = result(&without, "JPN", "160414");
    assert!(
        jp["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["code"] != "GCC-HALAL-MEAT")
    );
}

#[test]
fn eu_iuu_and_eudr_and_china_durian_protocol() {
    let env = env_with(&[
        (
            "Công ty TNHH Mực Thử",
            "6100000004",
            "seafood",
            "",
            "HACCP",
            "030743",
        ),
        (
            "Công ty TNHH Cà phê Thử",
            "6100000005",
            "coffee",
            "",
            "",
            "090111",
        ),
        (
            "Công ty TNHH Sầu riêng Thử",
            "6100000006",
            "fruit",
            "",
            "GLOBALGAP",
            "081060",
        ),
    ]);
    let squid = env.json(&["match", "1", "--json"]);
    for iso3 in ["DEU", "FRA", "ITA"] {
        let q = requirement(result(&squid, iso3, "030743"), "EU27-IUU-CC");
        assert_eq!(q["met"], false);
        assert_eq!(q["severity"], "mandatory");
    }
    let coffee = env.json(&["match", "2", "--json"]);
    let de = result(&coffee, "DEU", "090111");
    assert_eq!(requirement(de, "EU27-EUDR")["met"], false);
    assert!(
        de["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "requirement" && a["measure"] == "EU27-EUDR"),
        "{}",
        de["alerts"]
    );
    let durian = env.json(&["match", "3", "--json"]);
    let cn = result(&durian, "CHN", "081060");
    let q = requirement(cn, "CHN-DURIAN-PROTOCOL");
    assert_eq!(q["met"], false);
    assert!(
        q["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "P013"),
        "{q}"
    );
}

#[test]
fn json_shape_is_exact() {
    let env = env_with(&[(
        "Công ty TNHH Cà phê Hình",
        "6100000007",
        "coffee",
        "DEU",
        "HACCP",
        "090111;090121",
    )]);
    let v = env.json(&["match", "1", "--json"]);
    assert_eq!(keys(&v), ["readiness", "results", "sme", "weights"]);
    assert_eq!(keys(&v["sme"]), ["id", "name"]);
    assert!(v["readiness"].is_null());
    assert_eq!(
        keys(&v["weights"]),
        [
            "access",
            "distance",
            "fit",
            "growth",
            "income",
            "logistics",
            "size",
            "stability"
        ]
    );
    let results = v["results"].as_array().unwrap();
    let markets = env.json(&["markets", "--json"]).as_array().unwrap().len();
    // Both products, every market each, ranks 1..N per product.
    assert_eq!(results.len(), 2 * markets);
    for hs in ["090111", "090121"] {
        let ranks: Vec<u64> = results
            .iter()
            .filter(|r| r["hs"] == hs)
            .map(|r| r["rank"].as_u64().unwrap())
            .collect();
        assert_eq!(ranks, (1..=markets as u64).collect::<Vec<_>>());
    }
    let r = &results[0];
    assert_eq!(
        keys(r),
        [
            "adjustments",
            "alerts",
            "base",
            // Issue 10, additive: the largest suppliers (BACI 2024).
            "competitors",
            "components",
            "coverage",
            // Issue 10, additive: the BACI figure behind size and growth.
            "demand",
            "existing_market",
            "fta",
            "hs",
            "market",
            "market_name",
            "priority_region",
            "rank",
            // Issue 10, additive: re-export hub flag.
            "reexport_hub",
            "requirements",
            "score",
            // Issue 7, additive: Viet Nam's foothold (BACI 2024 or an imported series).
            "vn_exports",
        ]
    );
    // Issue 10: the additive fields' own shape, on a market with every figure (Japan).
    let jp = result(&v, "JPN", "090111");
    assert_eq!(
        keys(&jp["vn_exports"]),
        ["rank", "share", "source", "value", "year"]
    );
    assert_eq!(jp["vn_exports"]["year"], 2024);
    let competitors = jp["competitors"].as_array().unwrap();
    assert_eq!(competitors.len(), 3);
    for c in competitors {
        assert_eq!(keys(c), ["iso3", "share", "value"]);
    }
    assert_eq!(
        keys(&jp["demand"]),
        [
            "code",
            "estimate",
            "exports",
            "heading_fallback",
            "imports",
            "level",
            "net_imports",
            "source",
            "used_for_growth",
            "used_for_size",
            "year"
        ]
    );
    assert_eq!(jp["demand"]["level"], "hs6");
    assert_eq!(jp["reexport_hub"], false);
    assert_eq!(jp["components"]["size"]["estimate"], false);
    assert_eq!(jp["components"]["size"]["year"], 2024);
    for (_, c) in r["components"].as_object().unwrap() {
        assert_eq!(keys(c), ["estimate", "score", "source", "weight", "year"]);
        assert!(c["source"].as_str().is_some_and(|s| !s.is_empty()));
    }
    // An existing market is flagged, with a zero-point line.
    let de = result(&v, "DEU", "090111");
    assert_eq!(de["existing_market"], true);
    assert!(
        de["adjustments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "existing_market" && a["points"] == 0.0)
    );
    assert_eq!(result(&v, "FRA", "090111")["existing_market"], false);
    // Same input, same output.
    assert_eq!(v, env.json(&["match", "1", "--json"]));
    // --top and --product narrow the list.
    let top = env.json(&["match", "1", "--json", "--top", "3", "--product", "0901.21"]);
    let hs: Vec<&str> = top["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hs"].as_str().unwrap())
        .collect();
    assert_eq!(hs, ["090121"; 3]);
}

#[test]
fn readiness_below_ready_selects_first_time_preset_unless_chosen() {
    let env = env_with(&[("Công ty TNHH Mới", "6100000008", "coffee", "", "", "090111")]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "INSERT INTO assessment (sme_id, assessed_at, assessor, questionnaire_version, answers,
         overall, band, coverage, domains) VALUES ((SELECT key FROM local_handle WHERE handle = 1),
         '2026-11-01T00:00:00Z', 't', '1', '{}',
         45.0, 'preparing', 1.0, '{}')",
        [],
    )
    .unwrap();
    drop(conn);
    let v = env.json(&["match", "1", "--json", "--top", "1"]);
    assert_eq!(v["readiness"]["band"], "preparing");
    assert_eq!(v["readiness"]["score"], 45.0);
    assert_eq!(
        v["weights"]["distance"], 20.0,
        "first_time weights: {}",
        v["weights"]
    );
    let v = env.json(&["match", "1", "--json", "--top", "1", "--preset", "scale_up"]);
    assert_eq!(v["weights"]["size"], 35.0);
    let v = env.json(&[
        "match",
        "1",
        "--json",
        "--top",
        "1",
        "--preset",
        "scale_up",
        "--weights",
        "size=30,distance=0",
    ]);
    assert_eq!(v["weights"]["size"], 30.0);
    assert_eq!(v["weights"]["distance"], 0.0);
    assert_eq!(v["results"][0]["components"]["distance"]["weight"], 0.0);
    let text = env.run_ok(&["--lang", "en", "match", "1"]);
    assert!(
        text.contains("preset first_time (readiness band preparing is below ready)"),
        "{text}"
    );
}

#[test]
fn human_table_has_reasons_coverage_and_unmet_requirements() {
    let env = env_with(&[(
        "Công ty TNHH Sầu riêng Bảng",
        "6100000009",
        "fruit",
        "",
        "",
        "081060",
    )]);
    let text = env.run_ok(&["--lang", "en", "match", "1", "--top", "300"]);
    assert!(text.contains("Strongest reasons"), "{text}");
    let cn = text.lines().find(|l| l.contains("(CHN)")).unwrap();
    assert!(cn.contains('%') && cn.contains(';'), "{cn}");
    assert!(text.contains("✗ CHN-DURIAN-PROTOCOL (mandatory)"), "{text}");
    // The default top 10 in the table.
    let short = env.run_ok(&["--lang", "en", "match", "1"]);
    let rows = short
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(rows, 10, "{short}");
    // Vietnamese names by default.
    let vi = env.run_ok(&["--lang", "vi", "match", "1"]);
    assert!(
        vi.contains("Thị trường") && vi.contains("Lý do chính"),
        "{vi}"
    );
}

#[test]
fn portfolio_csv_is_complete_ordered_and_deterministic() {
    let env = env_with(&[
        (
            "\"Công ty TNHH Một, Hai\"",
            "6100000010",
            "coffee",
            "",
            "",
            "090111;090121",
        ),
        (
            "Công ty TNHH Ba",
            "6100000011",
            "seafood",
            "USA",
            "HACCP",
            "030462",
        ),
    ]);
    let out = env.path("all.csv");
    let run = env.run(&["match", "--all", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    // Not a terminal: no progress bar, only the summary.
    assert!(!stderr(&run).contains('\r'));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "sme_id,sme_name,hs,rank,iso3,score,base,coverage,existing_market,alerts,unmet_mandatory"
    );
    let markets = env.json(&["markets", "--json"]).as_array().unwrap().len();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 3 * markets);
    assert_eq!(&rows[0][1], "Công ty TNHH Một, Hai");
    assert_eq!(&rows[0][3], "1");
    let us = rows
        .iter()
        .find(|r| &r[0] == "2" && &r[4] == "USA")
        .unwrap();
    assert_eq!(&us[8], "true");
    assert!(us[9].contains("anti_dumping:active"), "{us:?}");
    for r in &rows {
        let score: f64 = r[5].parse().unwrap();
        let coverage: f64 = r[7].parse().unwrap();
        assert!((0.0..=100.0).contains(&score) && (0.0..=1.0).contains(&coverage));
    }
    // The CSV agrees with `match --json` for the same SME and product.
    let v = env.json(&["match", "2", "--json"]);
    let first = &v["results"][0];
    let csv_first = rows.iter().find(|r| &r[0] == "2" && &r[3] == "1").unwrap();
    assert_eq!(&csv_first[4], first["market"].as_str().unwrap());
    assert_eq!(
        csv_first[5].parse::<f64>().unwrap(),
        first["score"].as_f64().unwrap()
    );
    // Standard output gives the same bytes.
    assert_eq!(env.run_ok(&["match", "--all"]), text);
}

#[test]
fn gen_is_deterministic_synthetic_valid_and_appends() {
    let a = Env::init(true);
    let b = Env::init(true);
    a.run_ok(&["gen", "--smes", "300", "--seed", "42"]);
    b.run_ok(&["gen", "--smes", "300", "--seed", "42"]);
    let list_a = a.json(&["smes", "list", "--json"]);
    assert_eq!(list_a, b.json(&["smes", "list", "--json"]));
    let list = list_a.as_array().unwrap();
    assert_eq!(list.len(), 300);
    assert!(list.iter().all(|s| s["origin"] == "synthetic"));
    let sectors: std::collections::HashSet<&str> =
        list.iter().map(|s| s["sector"].as_str().unwrap()).collect();
    assert!(sectors.len() >= 8, "{sectors:?}");
    // The generated data passes the database checks, and a second run appends new tax codes.
    a.run_ok(&["check"]);
    a.run_ok(&["gen", "--smes", "200", "--seed", "42"]);
    let list = a.json(&["smes", "list", "--json"]);
    let codes: std::collections::HashSet<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tax_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 500);
    a.run_ok(&["check"]);
}

fn assert_bad(env: &Env, args: &[&str], needle: &str) {
    let out = env.run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{args:?} printed {}", stdout(&out));
}

fn assert_bad_config(env: &Env, name: &str, text: &str, needles: &[&str]) {
    let config = env.write(name, text);
    let out = env
        .cmd()
        .args(["--config", config.to_str().unwrap(), "match", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    for needle in needles {
        assert!(stderr(&out).contains(needle), "{needle}: {}", stderr(&out));
    }
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let env = env_with(&[("Công ty TNHH Lỗi", "6100000012", "coffee", "", "", "090111")]);
    assert_bad(&env, &["match", "99"], "unknown SME id 99");
    assert_bad(&env, &["match", "abc"], "invalid value");
    assert_bad(&env, &["match"], "SME_ID");
    assert_bad(
        &env,
        &["match", "1", "--product", "770000"],
        "its products: 090111",
    );
    assert_bad(
        &env,
        &["match", "1", "--product", "coffee"],
        "not an HS 2022 code",
    );
    assert_bad(
        &env,
        &["match", "1", "--weights", "sise=30"],
        "unknown component `sise`",
    );
    assert_bad(
        &env,
        &["match", "1", "--weights", "size=lots"],
        "not a number",
    );
    assert_bad(&env, &["match", "1", "--weights", "size=-5"], "negative");
    assert_bad(
        &env,
        &["match", "1", "--preset", "bold"],
        "unknown preset `bold`",
    );
    assert_bad(
        &env,
        &["match", "--all", "--preset", "bold"],
        "unknown preset `bold`",
    );
    assert_bad(
        &env,
        &["match", "--all", "--weights", "fit=x"],
        "not a number",
    );
    assert_bad(&env, &["gen", "--smes", "0"], "--smes 0");
    assert_bad_config(
        &env,
        "bad.toml",
        "[matching]\nweights = { size = 30 }\n\n[matching.adjustments]\ntrade_remedy_penalty = \"ten\"\n",
        &["bad.toml:5:"],
    );
    assert_bad_config(
        &env,
        "neg.toml",
        "[matching]\nweights = { size = 30, fit = -1 }\n",
        &["neg.toml:2:", "fit"],
    );
    assert_bad_config(
        &env,
        "key.toml",
        "[matching]\nwieghts = { size = 30 }\n",
        &["key.toml:2:", "wieghts"],
    );
}
