//! `demand import` on the real binary with the Trade Map fixtures (tests/fixtures/trademap): the
//! three download formats and their variants import with row counts, unmapped names and values in
//! US$; every bad file exits 2 and leaves the database as it was.

mod common;

use std::path::PathBuf;

use common::*;
use goglobal::domain::SeriesKind;
use goglobal::store::{Store, load_reference};

const TEXT_01: &str =
    "01_TM_List_of_importers_for_the_selected_product_(All_products)_World_2009-2020.txt";
const HTML_04: &str =
    "04_TM_List_of_importers_for_the_selected_product_in_2024_(HS69_Ceramic)_indicators_HTML.xls";
const CSV_07: &str = "07_TM_List_of_importing_markets_for_a_product_exported_by_Algeria_AllProducts_2013-2017_native.csv";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trademap")
        .join(name)
}

fn import(env: &Env, name: &str, extra: &[&str]) -> std::process::Output {
    let path = fixture(name);
    let mut args = vec!["demand", "import", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn import_ok(env: &Env, name: &str, extra: &[&str]) -> String {
    let out = import(env, name, extra);
    assert!(
        out.status.success(),
        "import {name} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

fn sql_i64(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn value(env: &Env, iso3: &str, hs: &str, kind: &str, year: u16) -> f64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(
        "SELECT value_usd FROM demand WHERE iso3 = ?1 AND hs = ?2 AND kind = ?3 AND year = ?4",
        rusqlite::params![iso3, hs, kind, year],
        |r| r.get(0),
    )
    .unwrap()
}

/// Everything a bad import must leave alone.
fn snapshot(env: &Env) -> (serde_json::Value, i64, i64) {
    (
        env.json(&["stats", "--json"]),
        sql_i64(env, "SELECT COUNT(*) FROM demand"),
        sql_i64(env, "SELECT COUNT(*) FROM audit"),
    )
}

#[test]
fn text_export_imports_all_products_with_unmapped_names() {
    let env = Env::init(true);
    let out = import_ok(&env, TEXT_01, &[]);
    assert!(out.contains("format:     TAB-separated text"), "{out}");
    assert!(
        out.contains("report:     List of importers for the selected product"),
        "{out}"
    );
    assert!(
        out.contains("TOTAL All products (from the file name)"),
        "{out}"
    );
    assert!(out.contains("years:      2009–2020 (12 years)"), "{out}");
    assert!(
        out.contains(
            "240 read: 222 markets mapped, 6 totals skipped, 1 Viet Nam (home), 11 unmapped"
        ),
        "{out}"
    );
    // Each unmapped name, with its line.
    assert!(out.contains("unmapped names (11)"), "{out}");
    for name in [
        ":233: Neutral Zone",
        ":241: Serbia and Montenegro",
        ":237: Mayotte",
        ":216: Sudan (before 2012)",
    ] {
        assert!(out.contains(name), "{name} missing in {out}");
    }
    assert!(out.contains("stored 2544 values for 222 markets"), "{out}");
    assert!(out.contains("estimate: false"), "{out}");
    assert_eq!(
        sql_i64(&env, "SELECT COUNT(*) FROM demand WHERE kind = 'imports'"),
        2544
    );
    // "United States of America" 2020: 2406931650 (US$ thousand) → US$.
    assert_eq!(
        value(&env, "USA", "TOTAL", "imports", 2020),
        2_406_931_650_000.0
    );
    // Trade Map spellings reach their markets.
    assert_eq!(
        value(&env, "KOR", "TOTAL", "imports", 2009),
        323_081_675_000.0
    );
    assert!(value(&env, "TWN", "TOTAL", "imports", 2020) > 0.0);
    assert!(value(&env, "SPM", "TOTAL", "imports", 2009) > 0.0);
    // All-products series never stand in for a product's own demand.
    let (store, _) = Store::open(&env.db).unwrap();
    let r = load_reference(&store.conn).unwrap();
    assert!(
        r.demand_series("USA", "0901", SeriesKind::Imports)
            .is_none()
    );
}

#[test]
fn html_export_imports_product_series_that_matching_reads() {
    let env = Env::init(true);
    let out = import_ok(&env, HTML_04, &[]);
    assert!(out.contains("format:     HTML page"), "{out}");
    assert!(
        out.contains("product:    69 Ceramic products (from the title)"),
        "{out}"
    );
    assert!(
        out.contains(
            "annual growth 2020–2024 (%); annual growth 2023–2024 (%); average tariff (%)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "228 read: 220 markets mapped, 3 totals skipped, 1 Viet Nam (home), 4 unmapped"
        ),
        "{out}"
    );
    assert!(out.contains("British Indian Ocean Territory"), "{out}");
    assert!(out.contains("81 markets' figures are mirror data"), "{out}");
    // Loaded into Reference.demand: the chapter series serves a finer product code.
    let (store, _) = Store::open(&env.db).unwrap();
    let r = load_reference(&store.conn).unwrap();
    let s = r
        .demand_series("USA", "690721", SeriesKind::Imports)
        .expect("USA series for chapter 69");
    assert_eq!(s.hs, "69");
    assert_eq!(s.values.len(), 1);
    assert_eq!(s.values[0].year, 2024);
    assert_eq!(s.values[0].value, 8_137_117_000.0);
    assert_eq!(s.source, "ITC Trade Map");
    assert_eq!(s.file, HTML_04);
    // Indicators are stored beside the series; mirror rows say so in their source.
    assert_eq!(value(&env, "USA", "69", "imports:tariff_pct", 2024), 4.4);
    assert_eq!(
        value(&env, "USA", "69", "imports:growth_pct:2020-2024", 2024),
        5.0
    );
    assert!(
        sql_i64(
            &env,
            "SELECT COUNT(DISTINCT iso3) FROM demand WHERE source = 'ITC Trade Map (mirror data)'"
        ) == 81
    );
}

#[test]
fn csv_export_of_another_exporter_is_stored_as_its_exports() {
    let env = Env::init(true);
    let out = import_ok(&env, CSV_07, &[]);
    assert!(out.contains("format:     CSV"), "{out}");
    assert!(out.contains("exported by Algeria"), "{out}");
    assert!(out.contains("kind exports:DZA"), "{out}");
    assert!(
        out.contains(
            "167 read: 164 markets mapped, 2 totals skipped, 1 Viet Nam (home), 0 unmapped"
        ),
        "{out}"
    );
    assert_eq!(
        sql_i64(
            &env,
            "SELECT COUNT(*) FROM demand WHERE kind = 'exports:DZA'"
        ),
        820
    );
    // "Italy ,9016807" (2013), name with a trailing space; "Türkiye " and "Korea, Republic of ".
    assert_eq!(
        value(&env, "ITA", "TOTAL", "exports:DZA", 2013),
        9_016_807_000.0
    );
    assert_eq!(
        value(&env, "TUR", "TOTAL", "exports:DZA", 2017),
        1_837_059_000.0
    );
    assert_eq!(
        value(&env, "KOR", "TOTAL", "exports:DZA", 2017),
        892_180_000.0
    );
}

#[test]
fn variants_crlf_lf_without_bom_and_apostrophe_codes() {
    let env = Env::init(true);
    let out = import_ok(
        &env,
        "variant_crlf_List_of_importers_for_the_selected_product_(All_products).txt",
        &[],
    );
    assert!(out.contains("20 read: 18 markets mapped"), "{out}");
    assert!(out.contains("stored 216 values"), "{out}");

    // No title, no product in the name: --hs is required, then used.
    let out = import(&env, "variant_lf_nobom_importers.txt", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pass --hs CODE"), "{}", stderr(&out));
    let out = import_ok(&env, "variant_lf_nobom_importers.txt", &["--hs", "0901"]);
    assert!(out.contains("product:    0901 Coffee"), "{out}");
    assert!(out.contains("(from the --hs)"), "{out}");
    assert_eq!(
        sql_i64(
            &env,
            "SELECT COUNT(*) FROM demand WHERE hs = '0901' AND kind = 'imports'"
        ),
        216
    );

    let out = import_ok(&env, "variant_apostrophe_vn_exports.csv", &[]);
    assert!(
        out.contains("product:    0901 Coffee (from the title)"),
        "{out}"
    );
    assert!(out.contains("kind vn_exports"), "{out}");
    assert!(out.contains("current foothold"), "{out}");
    let (store, _) = Store::open(&env.db).unwrap();
    let r = load_reference(&store.conn).unwrap();
    let s = r
        .demand_series("KOR", "090111", SeriesKind::VietnamExports)
        .expect("Viet Nam's exports to Korea");
    assert_eq!(s.hs, "0901");
    assert_eq!(s.values.len(), 5);
    assert_eq!(s.values[4].value, 892_180_000.0);
}

#[test]
fn reimport_replaces_values_and_dry_run_stores_nothing() {
    let env = Env::init(true);
    let before = snapshot(&env);
    let out = import_ok(&env, HTML_04, &["--dry-run"]);
    assert!(out.contains("dry run: 851 values would be stored"), "{out}");
    assert_eq!(snapshot(&env), before);

    import_ok(&env, HTML_04, &[]);
    let out = import_ok(&env, HTML_04, &[]);
    assert!(out.contains("851 replaced earlier values"), "{out}");
    assert_eq!(sql_i64(&env, "SELECT COUNT(*) FROM demand"), 851);
    let log = env.json(&["audit", "--json"]);
    let imports: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "demand")
        .collect();
    assert_eq!(imports.len(), 2);
    assert!(imports[0]["before"].is_null());
    assert_eq!(
        imports[1]["before"]["replaced"].as_array().unwrap().len(),
        851
    );
    assert_eq!(imports[1]["after"]["rows"], 851);
    assert_eq!(imports[1]["after"]["hs"], "69");
}

#[test]
fn bad_files_exit_2_and_change_nothing() {
    let env = Env::init(true);
    import_ok(&env, CSV_07, &[]);
    let before = snapshot(&env);
    let cases: &[(&str, &[&str], &str)] = &[
        ("variant_empty.txt", &[], "empty file"),
        ("variant_binary.bin", &[], "binary data"),
        (
            "variant_truncated_List_of_importers_for_the_selected_product_(All_products).txt",
            &[],
            ":10: the row for `Netherlands` has 12 cells where the table has 14",
        ),
        ("variant_truncated_HTML.xls", &[], "truncated"),
        (
            "variant_unknown_report.csv",
            &[],
            "report type `List of exporters for the selected product` is not supported",
        ),
        ("variant_lf_nobom_importers.txt", &[], "pass --hs CODE"),
        (
            "variant_lf_nobom_importers.txt",
            &["--hs", "0999"],
            "not an HS 2022 code",
        ),
        (
            "variant_lf_nobom_importers.txt",
            &["--hs", "coffee"],
            "--hs coffee",
        ),
        (HTML_04, &["--hs", "0901"], "contradicts the file"),
        (TEXT_01, &["--hs", "0901"], "contradicts the file name"),
        ("no_such_file.txt", &[], "cannot read"),
    ];
    for (name, extra, reason) in cases {
        let out = import(&env, name, extra);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(reason), "{name}: expected `{reason}` in {err}");
        assert!(err.contains("nothing was stored"), "{name}: {err}");
        assert!(
            err.contains(name),
            "{name}: the message names the file: {err}"
        );
        assert_eq!(snapshot(&env), before, "{name} changed the database");
    }
    // A real .xlsx workbook (a ZIP) is recognised and explained.
    let xlsx = env.write("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00rest-of-zip");
    let out = env.run(&["demand", "import", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Excel workbook (.xlsx)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&env), before);
}

#[test]
fn a_trade_map_file_of_the_same_year_does_not_replace_baci() {
    // BACI 2024 gives real product-level demand before any import; a Trade Map series wins only
    // when it is more recent (unit test `domain::matching::tests_baci`), so a 2024 file keeps
    // BACI's figures and every size stays real, with its year and source.
    let env = Env::init(false);
    env.run_ok(&[
        "smes",
        "edit",
        "20",
        "--set",
        "products=691200:Ceramic tableware",
    ]);
    let real_baci = |json: &serde_json::Value| {
        let results = json["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            let size = &r["components"]["size"];
            assert_eq!(size["estimate"], false, "{r}");
            assert_eq!(size["year"], 2024, "{r}");
            assert!(size["source"].as_str().unwrap().contains("BACI"), "{r}");
        }
    };
    let before = env.json(&["match", "20", "--top", "5", "--json"]);
    real_baci(&before);
    import_ok(&env, HTML_04, &[]);
    let after = env.json(&["match", "20", "--top", "5", "--json"]);
    real_baci(&after);
    assert_eq!(before["results"], after["results"]);
}
