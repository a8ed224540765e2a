//! The foundation commands on the real binary: init, stats, check, markets, smes, backup.

mod common;

use common::*;

#[test]
fn init_then_stats_shows_reference_counts() {
    let env = Env::init(false);
    let stats = env.json(&["stats", "--json"]);
    let c = &stats["counts"];
    assert!(c["markets"].as_u64().unwrap() >= 190, "{stats}");
    assert_eq!(c["ftas_in_force"], 16);
    assert!(c["hs_codes"].as_u64().unwrap() >= 6000);
    assert!(c["requirements"].as_u64().unwrap() >= 15);
    assert!(c["trade_remedies"].as_u64().unwrap() >= 20);
    assert!(c["service_providers"].as_u64().unwrap() >= 60);
    assert!(c["sample_smes"].as_u64().unwrap() >= 60);
    assert_eq!(c["smes"], c["sample_smes"]);
    assert!(
        stats["reference_version"]
            .as_str()
            .unwrap()
            .starts_with("2026.")
    );
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn first_use_creates_and_seeds_the_database() {
    let env = Env::new();
    assert!(!env.db.exists());
    let list = env.json(&["smes", "list", "--json"]);
    assert!(list.as_array().unwrap().len() >= 60);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "database readable by others: {mode:o}");
    }
}

#[test]
fn init_no_sample_and_force() {
    let env = Env::init(true);
    assert_eq!(env.json(&["stats", "--json"])["counts"]["smes"], 0);
    // A second init keeps the database; --force recreates it with samples.
    env.run_ok(&["init"]);
    assert_eq!(env.json(&["stats", "--json"])["counts"]["smes"], 0);
    env.run_ok(&["init", "--force"]);
    assert!(
        env.json(&["stats", "--json"])["counts"]["sample_smes"]
            .as_u64()
            .unwrap()
            >= 60
    );
}

#[test]
fn markets_json_has_the_contract_fields() {
    let env = Env::init(true);
    let markets = env.json(&["markets", "--json"]);
    let list = markets.as_array().unwrap();
    assert!(list.len() >= 190);
    for key in [
        "iso3",
        "name",
        "name_vi",
        "region",
        "priority",
        "distance_km",
        "gdp_usd",
        "gdp_year",
        "population",
        "lpi",
        "ftas",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    let usa = list.iter().find(|m| m["iso3"] == "USA").unwrap();
    assert!(usa["distance_km"].as_f64().unwrap() > 12_000.0);
    let jpn = list.iter().find(|m| m["iso3"] == "JPN").unwrap();
    let ftas: Vec<&str> = jpn["ftas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        ftas.contains(&"VJEPA") && ftas.contains(&"CPTPP"),
        "{ftas:?}"
    );
    assert!(list.iter().all(|m| m["iso3"] != "VNM"));
    assert!(
        list.iter()
            .all(|m| !m["name_vi"].as_str().unwrap().is_empty())
    );
}

#[test]
fn smes_list_json_contract_and_purge() {
    let env = Env::init(false);
    let list = env.json(&["smes", "list", "--json"]);
    let first = &list[0];
    for key in [
        "id",
        "name",
        "province",
        "sector",
        "sample",
        "products",
        "certifications",
        "current_markets",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["sample"], true);
    assert!(
        first["products"].as_array().unwrap().iter().all(|p| p
            .as_str()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_digit()))
    );
    env.run_ok(&["smes", "purge-samples"]);
    assert_eq!(env.json(&["stats", "--json"])["counts"]["smes"], 0);
    assert_eq!(env.run(&["check"]).status.code(), Some(0));
}

#[test]
fn backup_is_a_working_database() {
    let env = Env::init(false);
    let dest = env.path("copy.db");
    env.run_ok(&["backup", dest.to_str().unwrap()]);
    let copy = std::process::Command::new(env!("CARGO_BIN_EXE_goglobal"))
        .env("GOGLOBAL_CONFIG", config_path())
        .arg("--db")
        .arg(&dest)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&copy.stdout).unwrap();
    assert!(v["counts"]["sample_smes"].as_u64().unwrap() >= 60);
    // An existing destination is refused.
    let again = env.run(&["backup", dest.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn check_reports_problems_with_exit_1() {
    let env = Env::init(true);
    // Break user data behind the tool's back: an SME in a province that does not exist.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "INSERT INTO sme (name, tax_code, province, sector, created_at, updated_at)
         VALUES ('X', '0100000001', 'Atlantis', 'coffee', 'now', 'now')",
        [],
    )
    .unwrap();
    drop(conn);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Atlantis"), "{}", stdout(&out));
}

#[test]
fn unknown_command_and_missing_check_db_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("init"));
}
