//! `goglobal plan …` on the real binary: the happy path, `--json` and every bad-input path
//! (exit 2, database unchanged).

use std::path::Path;
use std::process::{Command, Output};

use goglobal::domain::{Product, Sme};
use goglobal::store::Store;
use serde_json::Value;
use tempfile::TempDir;

fn goglobal(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goglobal"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "tester")
        .env("GOGLOBAL_NOW", "2026-11-23T09:00:00Z")
        // Never a developer's config: the repository's, whatever the working directory.
        .env(
            "GOGLOBAL_CONFIG",
            concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml"),
        )
        .env_remove("GOGLOBAL_DB")
        .env("GOGLOBAL_LANG", "en")
        .output()
        .expect("run goglobal")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A database with one SME (products 0901 and 090111, exporting to the USA) and one provider.
fn setup() -> (TempDir, std::path::PathBuf, i64) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("t.db");
    let (mut store, _) = Store::open(&db).unwrap();
    store
        .conn
        .execute(
            "INSERT OR IGNORE INTO providers (id, name, category, tags, markets, sample)
             VALUES ('TEST_CERT', 'Test Certifier', 'certification', 'HALAL_CERT', '*', 'yes')",
            [],
        )
        .unwrap();
    let sme = Sme {
        name: "Cà phê Đồng Tháp".into(),
        tax_code: "0312345678".into(),
        province: "Đồng Tháp".into(),
        sector: "coffee".into(),
        current_markets: vec!["USA".into()],
        products: vec![
            Product {
                hs: "0901".into(),
                description: "Coffee".into(),
            },
            Product {
                hs: "090111".into(),
                description: "Green coffee".into(),
            },
        ],
        ..Default::default()
    };
    let id = store.insert_smes(&[sme], "tester").unwrap()[0];
    (dir, db, id)
}

/// Row counts of every user table touched by `plan`, to prove a refused command wrote nothing.
fn snapshot(db: &Path) -> Vec<i64> {
    let (store, _) = Store::open(db).unwrap();
    ["shortlist", "plan_item", "decision_log", "audit"]
        .iter()
        .map(|t| {
            store
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

#[test]
fn set_stage_add_and_show_json_find_the_plan() {
    let (_dir, db, id) = setup();
    let id_s = id.to_string();
    let o = goglobal(&db, &["plan", "set-stage", &id_s, "are", "engaged"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("SME {id}: ARE (HS 0901) new → engaged")
    );
    let o = goglobal(
        &db,
        &[
            "plan",
            "add",
            &id_s,
            "ARE",
            "--action",
            "Get Halal certification",
            "--service",
            "TEST_CERT",
            "--due",
            "2027-03-31",
            "--gap",
            "HALAL",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = goglobal(&db, &["plan", "show", &id_s, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["sme"]["id"], id);
    assert_eq!(v["sme"]["name"], "Cà phê Đồng Tháp");
    let e = &v["shortlist"][0];
    assert_eq!(e["iso3"], "ARE");
    assert_eq!(e["market_name"], "United Arab Emirates");
    assert_eq!(e["hs"], "0901");
    assert_eq!(e["stage"], "engaged");
    assert_eq!(e["updated_at"], "2026-11-23T09:00:00Z");
    for key in ["reason", "score", "reference_version"] {
        assert!(e.get(key).is_some(), "missing {key}");
    }
    let p = &v["plan"][0];
    assert_eq!(p["action"], "Get Halal certification");
    assert_eq!(p["provider"]["id"], "TEST_CERT");
    assert_eq!(p["provider"]["category"], "certification");
    assert_eq!(p["owner"], "tester");
    assert_eq!(p["due"], "2027-03-31");
    assert_eq!(p["status"], "todo");
    assert_eq!(p["gap"], "HALAL");
    let d = v["decisions"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["who"], "tester");
    assert_eq!(d[0]["what"], "ARE (HS 0901): candidate → engaged");

    // Dropping with a reason works and shows in the text view.
    let o = goglobal(
        &db,
        &[
            "plan",
            "set-stage",
            &id_s,
            "ARE",
            "dropped",
            "--reason",
            "buyer chose Brazil",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = goglobal(&db, &["plan", "show", &id_s]);
    let text = stdout(&o);
    assert!(text.contains("dropped"), "{text}");
    assert!(text.contains("buyer chose Brazil"), "{text}");
    assert!(text.contains("Get Halal certification"), "{text}");
}

#[test]
fn product_option_limits_the_change_to_one_entry() {
    let (_dir, db, id) = setup();
    let id_s = id.to_string();
    for hs in ["0901", "090111"] {
        let o = goglobal(
            &db,
            &[
                "plan",
                "set-stage",
                &id_s,
                "SAU",
                "shortlisted",
                "--product",
                hs,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = goglobal(
        &db,
        &[
            "plan",
            "set-stage",
            &id_s,
            "SAU",
            "engaged",
            "--product",
            "090111",
        ],
    );
    assert_eq!(
        stdout(&o).trim(),
        format!("SME {id}: SAU (HS 090111) shortlisted → engaged")
    );
    let v: Value =
        serde_json::from_str(&stdout(&goglobal(&db, &["plan", "show", &id_s, "--json"]))).unwrap();
    let stages: Vec<&str> = v["shortlist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["shortlisted", "engaged"]);
}

#[test]
fn every_bad_input_exits_2_and_changes_nothing() {
    let (_dir, db, id) = setup();
    let id_s = id.to_string();
    // Something in the store first, so "unchanged" is not trivially empty.
    let o = goglobal(&db, &["plan", "set-stage", &id_s, "ARE", "shortlisted"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = snapshot(&db);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["plan", "set-stage", &id_s, "ARE", "shipped"],
            "unknown stage \"shipped\" (use one of: candidate, shortlisted, engaged, first_shipment, established, dropped)",
        ),
        (
            vec!["plan", "set-stage", &id_s, "XYZ", "engaged"],
            "unknown market \"XYZ\"",
        ),
        (
            vec!["plan", "set-stage", &id_s, "ARE", "dropped"],
            "needs a reason",
        ),
        (
            vec![
                "plan",
                "set-stage",
                &id_s,
                "ARE",
                "dropped",
                "--reason",
                "  ",
            ],
            "needs a reason",
        ),
        (
            vec!["plan", "set-stage", "999", "ARE", "engaged"],
            "unknown SME id 999",
        ),
        (
            vec![
                "plan",
                "set-stage",
                &id_s,
                "ARE",
                "engaged",
                "--product",
                "0302",
            ],
            "has no product \"0302\"",
        ),
        (
            vec!["plan", "add", &id_s, "ARE", "--action", " "],
            "action is empty",
        ),
        (
            vec!["plan", "add", &id_s, "ZZZ", "--action", "x"],
            "unknown market \"ZZZ\"",
        ),
        (
            vec![
                "plan",
                "add",
                &id_s,
                "ARE",
                "--action",
                "x",
                "--service",
                "NOPE",
            ],
            "unknown service provider \"NOPE\"",
        ),
        (
            vec![
                "plan",
                "add",
                &id_s,
                "ARE",
                "--action",
                "x",
                "--due",
                "2027-02-30",
            ],
            "not a real date",
        ),
        (
            vec![
                "plan",
                "add",
                &id_s,
                "ARE",
                "--action",
                "x",
                "--due",
                "next week",
            ],
            "YYYY-MM-DD",
        ),
        (
            vec!["plan", "add", "999", "ARE", "--action", "x"],
            "unknown SME id 999",
        ),
        (vec!["plan", "show", "999"], "unknown SME id 999"),
    ];
    for (args, expect) in cases {
        let o = goglobal(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
        assert_eq!(snapshot(&db), before, "{args:?} changed the database");
    }
}
