//! `smes edit | delete | restore` and `audit` on the real binary: validation with the importer's
//! rules, version bumps, a save refused after another process's save (with the other version
//! shown), soft delete, and the audit trail in JSON.

mod common;

use common::*;
use serde_json::Value;

fn sme(env: &Env, id: i64) -> Value {
    let list = env.json(&["smes", "list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The audit rows of SME `id` itself (its assessments and other records left out).
fn audit(env: &Env, id: i64) -> Vec<Value> {
    env.json(&["audit", "--sme", &id.to_string(), "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "sme")
        .cloned()
        .collect()
}

fn as_user(env: &Env, user: &str, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("USER", user)
        .args(args)
        .output()
        .expect("run goglobal")
}

#[test]
fn edit_validates_saves_a_new_version_and_audits_before_and_after() {
    let env = Env::init(false);
    assert_eq!(sme(&env, 3)["version"], 1);
    let out = as_user(
        &env,
        "lan",
        &[
            "smes",
            "edit",
            "3",
            "--set",
            "province=hue",
            "--set",
            "employees=250",
            "--set",
            "current_markets=usa;ARE",
            "--set",
            "products=0304.62:Frozen pangasius fillets",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("saved as version 2"), "{text}");
    assert!(text.contains("Employees: 240 → 250"), "{text}");
    let s = sme(&env, 3);
    assert_eq!(s["version"], 2);
    assert_eq!(s["province"], "Huế");
    assert_eq!(s["current_markets"], serde_json::json!(["USA", "ARE"]));
    assert_eq!(s["products"], serde_json::json!(["030462"]));

    let log = audit(&env, 3);
    assert_eq!(log.len(), 2, "create + update");
    let update = &log[1];
    assert_eq!(update["who"], "lan");
    assert_eq!(update["action"], "update");
    assert_eq!(update["entity"], "sme");
    assert_eq!(update["entity_id"], "3");
    assert_eq!(update["sme_id"], 3);
    assert_eq!(update["at"], "2026-11-23T09:00:00Z");
    // before/after are JSON values, not strings.
    assert_eq!(update["before"]["employees"], 240);
    assert_eq!(update["after"]["employees"], 250);
    assert_eq!(update["before"]["version"], 1);
    assert_eq!(update["after"]["version"], 2);
    assert!(log[0]["id"].as_i64() < log[1]["id"].as_i64(), "newest last");

    // Saving the same values again changes nothing and writes no audit row.
    let text = env.run_ok(&["smes", "edit", "3", "--set", "employees=250"]);
    assert!(text.contains("nothing changed (version 2)"), "{text}");
    assert_eq!(audit(&env, 3).len(), 2);
}

#[test]
fn bad_edits_exit_2_and_change_nothing() {
    let env = Env::init(false);
    let before = (sme(&env, 5), audit(&env, 5));
    let other_tax = sme(&env, 6)["tax_code"].as_str().unwrap().to_string();
    let tax_clash = format!("tax_code={other_tax}");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--set", "province=Atlantis"],
            "`Atlantis` is not a province",
        ),
        (vec!["--set", "employees=-3"], "is not a whole number"),
        (vec!["--set", "founded=1700"], "not a plausible year"),
        (vec!["--set", "tax_code=123"], "not a Vietnamese tax code"),
        (
            vec!["--set", "contact_email=nobody"],
            "not an e-mail address",
        ),
        (
            vec!["--set", "certifications=HACCP;NOPE"],
            "`NOPE` is not a known certification",
        ),
        (
            vec!["--set", "products=0199"],
            "`0199` is not an HS 2022 code",
        ),
        (vec!["--set", "name="], "every SME needs a name"),
        (vec!["--set", "colour=blue"], "`colour` is not an SME field"),
        (vec!["--set", "employees"], "write FIELD=VALUE"),
        (
            vec!["--set", tax_clash.as_str()],
            "already belongs to SME 6",
        ),
    ];
    for (extra, reason) in cases {
        let mut args = vec!["smes", "edit", "5"];
        args.extend(extra.iter().copied());
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(reason), "{args:?}: {}", stderr(&out));
        assert_eq!(
            (sme(&env, 5), audit(&env, 5)),
            before,
            "{args:?} changed SME 5"
        );
    }
    // Every problem is listed, not just the first.
    let out = env.run(&[
        "smes",
        "edit",
        "5",
        "--set",
        "employees=x",
        "--set",
        "founded=y",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("employees=x") && err.contains("founded=y"),
        "{err}"
    );
    let out = env.run(&["smes", "edit", "999", "--set", "notes=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown SME id 999"));
}

#[test]
fn a_save_over_another_process_save_is_refused_with_the_other_version() {
    let env = Env::init(false);
    // Process A opens SME 7 at version 1 ...
    let opened = sme(&env, 7)["version"].as_i64().unwrap();
    assert_eq!(opened, 1);
    // ... process B saves a change ...
    let out = as_user(
        &env,
        "binh",
        &[
            "smes",
            "edit",
            "7",
            "--set",
            "employees=77",
            "--set",
            "province=Huế",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // ... and A's save, made on version 1, is refused: exit 2, the other version shown.
    let out = as_user(
        &env,
        "an",
        &[
            "smes",
            "edit",
            "7",
            "--expect-version",
            &opened.to_string(),
            "--set",
            "notes=A's note",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("was changed by another session since you opened it"),
        "{err}"
    );
    assert!(
        err.contains("you opened version 1, the database has version 2"),
        "{err}"
    );
    assert!(
        err.contains("update by binh at 2026-11-23T09:00:00Z"),
        "{err}"
    );
    assert!(err.contains("province: \"Đắk Lắk\" → \"Huế\""), "{err}");
    assert!(err.contains("your change (not saved): notes:"), "{err}");
    assert!(err.contains("\"A's note\""), "{err}");
    assert!(!err.contains("your change (not saved): employees"), "{err}");
    // Nothing of A's was written.
    let s = sme(&env, 7);
    assert_eq!(s["version"], 2);
    assert_eq!(audit(&env, 7).len(), 2);
    // Re-opened at the current version, A's save goes through.
    let out = as_user(
        &env,
        "an",
        &[
            "smes",
            "edit",
            "7",
            "--expect-version",
            "2",
            "--set",
            "notes=A's note",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sme(&env, 7)["version"], 3);
}

#[test]
fn delete_and_restore_are_versioned_and_audited() {
    let env = Env::init(false);
    let n = env
        .json(&["smes", "list", "--json"])
        .as_array()
        .unwrap()
        .len();
    let text = env.run_ok(&["smes", "delete", "9"]);
    assert!(text.contains("SME 9 deleted (version 2)"), "{text}");
    assert_eq!(
        env.json(&["smes", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        n - 1
    );
    assert!(sme(&env, 9).is_null());
    // Editing or deleting it again is refused; a restore on a stale version is a conflict.
    let out = env.run(&["smes", "edit", "9", "--set", "notes=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("SME 9 is deleted"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["smes", "delete", "9"]);
    assert!(stderr(&out).contains("already deleted"), "{}", stderr(&out));
    let out = env.run(&["smes", "restore", "9", "--expect-version", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("changed by another session and deleted it"),
        "{}",
        stderr(&out)
    );
    let text = env.run_ok(&["smes", "restore", "9"]);
    assert!(text.contains("SME 9 restored (version 3)"), "{text}");
    assert_eq!(sme(&env, 9)["version"], 3);
    let log = audit(&env, 9);
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "delete", "restore"]);
    assert!(log[1]["before"]["deleted_at"].is_null());
    assert_eq!(log[1]["after"]["deleted_at"], "2026-11-23T09:00:00Z");
    assert_eq!(log[2]["before"]["deleted_at"], "2026-11-23T09:00:00Z");
}

#[test]
fn audit_lists_all_changes_and_filters_by_sme() {
    let env = Env::init(false);
    let all = env.json(&["audit", "--json"]);
    let all = all.as_array().unwrap();
    let smes = env.json(&["smes", "list", "--json"]);
    let creates = all
        .iter()
        .filter(|e| e["entity"] == "sme" && e["action"] == "create")
        .count();
    assert_eq!(
        creates,
        smes.as_array().unwrap().len(),
        "one create per SME"
    );
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
    for e in all {
        let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        for k in [
            "id",
            "at",
            "who",
            "entity",
            "entity_id",
            "sme_id",
            "action",
            "before",
            "after",
        ] {
            assert!(keys.contains(&k), "{k} missing in {e}");
        }
        assert!(e["after"].is_object(), "after is a JSON object: {e}");
    }
    env.run_ok(&["smes", "edit", "2", "--set", "notes=checked"]);
    let text = env.run_ok(&["audit", "--sme", "2"]);
    let n = env.json(&["audit", "--sme", "2", "--json"]);
    assert_eq!(text.lines().count(), n.as_array().unwrap().len(), "{text}");
    assert!(
        text.lines().next().unwrap().contains("create sme 2"),
        "{text}"
    );
    // Only SME 2's records.
    assert!(n.as_array().unwrap().iter().all(|e| e["sme_id"] == 2));
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains("update sme 2: notes:"),
        "{text}"
    );
    let out = env.run(&["audit", "--sme", "4242"]);
    assert_eq!(out.status.code(), Some(2));
}
