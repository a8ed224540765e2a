//! Replicas that sync by files (issue 12), on the real binary: three databases (two advisors
//! and an office) exchange packages in any order, some twice, and converge; conflicts are listed
//! everywhere and a resolution at one site converges all; damaged, truncated, untrusted and
//! unknown-version packages are refused with the database byte-identical; a database of the
//! previous schema migrates; `kill -9` during an import leaves the state before or after.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

fn site(env: &Env, name: &str) -> String {
    env.run_ok(&["sync", "name", name]);
    env.json(&["sync", "id", "--json"])["site_id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn export(env: &Env, file: &str, for_site: Option<&str>) -> PathBuf {
    let path = env.path(file);
    let mut args = vec!["sync", "export", path.to_str().unwrap()];
    if let Some(s) = for_site {
        args.extend(["--for", s]);
    }
    env.run_ok(&args);
    path
}

fn import(env: &Env, file: &Path, trust: bool) -> serde_json::Value {
    let mut args = vec!["sync", "import", file.to_str().unwrap(), "--json"];
    if trust {
        args.push("--trust");
    }
    env.json(&args)
}

fn dump(env: &Env) -> String {
    env.run_ok(&["sync", "dump"])
}

fn conflicts(env: &Env) -> Vec<serde_json::Value> {
    env.json(&["sync", "conflicts", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

fn sme(env: &Env, id: i64) -> serde_json::Value {
    let list = env.json(&["smes", "list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("SME {id} missing"))
}

fn sme_by_name(env: &Env, name: &str) -> Option<serde_json::Value> {
    let list = env.json(&["smes", "list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .cloned()
}

/// The SME a handle (the number people type, local to each database) stands for.
const BY_HANDLE: &str =
    "coalesce((SELECT key FROM local_handle WHERE kind = 'sme' AND handle = ?1), ?1)";

fn notes(env: &Env, id: i64) -> String {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(
        &format!("SELECT notes FROM sme WHERE id = {BY_HANDLE}"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

fn field(env: &Env, id: i64, column: &str) -> rusqlite::types::Value {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(
        &format!("SELECT {column} FROM sme WHERE id = {BY_HANDLE}"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

const NEW_SME_CSV: &str = "name,tax_code,province,sector,employees,products\n\
    Công ty Mới của An,0312345679,Hà Nội,coffee,12,090111\n";

#[test]
fn three_sites_converge_and_a_resolution_converges_all() {
    let (a, b, office) = (Env::init(false), Env::init(false), Env::init(false));
    let a_id = site(&a, "An (cố vấn)");
    let b_id = site(&b, "Bình (cố vấn)");
    let o_id = site(&office, "Văn phòng chương trình");
    assert_eq!(
        dump(&a),
        dump(&b),
        "the demo portfolio is the same everywhere"
    );

    // Offline: different SMEs, different fields of SME 1, the same field of SME 3.
    a.run_ok(&["smes", "edit", "4", "--set", "employees=444"]);
    b.run_ok(&["smes", "edit", "5", "--set", "employees=555"]);
    a.run_ok(&["smes", "edit", "1", "--set", "employees=77"]);
    b.run_ok(&["smes", "edit", "1", "--set", "revenue_usd=123456"]);
    a.run_ok(&["smes", "edit", "3", "--set", "notes=An: giao hàng tháng 3"]);
    b.run_ok(&[
        "smes",
        "edit",
        "3",
        "--set",
        "notes=Bình: giao hàng tháng 4",
    ]);
    let csv = a.write("new.csv", NEW_SME_CSV);
    a.run_ok(&["smes", "import", csv.to_str().unwrap()]);

    // Advisor → office, in either order, one of them twice.
    let a1 = export(&a, "a1.pkg", None);
    let b1 = export(&b, "b1.pkg", None);
    let r = import(&office, &b1, true);
    assert_eq!(r["applied"], 3, "{r}");
    import(&office, &a1, true);
    let again = import(&office, &b1, false);
    assert_eq!(
        (again["applied"].as_i64(), again["skipped"].as_i64()),
        (Some(0), Some(3)),
        "importing twice changes nothing"
    );

    // Office → advisors (B gets it twice).
    let o_to_a = export(&office, "o_a.pkg", Some(&a_id));
    let o_to_b = export(&office, "o_b.pkg", Some(&b_id));
    import(&a, &o_to_a, true);
    import(&b, &o_to_b, true);
    let before = dump(&b);
    import(&b, &o_to_b, false);
    assert_eq!(
        dump(&b),
        before,
        "importing a package twice changes nothing"
    );

    let d = dump(&office);
    assert_eq!(dump(&a), d, "advisor A and the office hold the same data");
    assert_eq!(dump(&b), d, "advisor B and the office hold the same data");

    // No update lost.
    for env in [&a, &b, &office] {
        assert_eq!(sme(env, 4)["version"], 2);
        assert_eq!(
            field(env, 4, "employees"),
            rusqlite::types::Value::Integer(444)
        );
        assert_eq!(
            field(env, 5, "employees"),
            rusqlite::types::Value::Integer(555)
        );
        assert_eq!(
            field(env, 1, "employees"),
            rusqlite::types::Value::Integer(77)
        );
        assert_eq!(
            field(env, 1, "revenue_usd"),
            rusqlite::types::Value::Real(123456.0)
        );
        assert!(
            sme_by_name(env, "Công ty Mới của An").is_some(),
            "the new SME travelled"
        );
        let list = conflicts(env);
        assert_eq!(
            list.len(),
            1,
            "one conflict, listed at every site: {list:?}"
        );
        let c = &list[0];
        assert_eq!(
            (c["table"].as_str(), c["field"].as_str()),
            (Some("sme"), Some("notes"))
        );
        let both = [c["mine"].as_str().unwrap(), c["theirs"].as_str().unwrap()];
        assert!(
            both.contains(&"An: giao hàng tháng 3") && both.contains(&"Bình: giao hàng tháng 4"),
            "{c}"
        );
        assert_eq!(c["sme_id"], 3);
    }
    let key = conflicts(&a)[0]["key"].clone();
    assert!(
        conflicts(&b)
            .iter()
            .chain(conflicts(&office).iter())
            .all(|c| c["key"] == key)
    );

    // B resolves: keep B's own text. One more round converges everyone.
    let id = conflicts(&b)[0]["id"].as_i64().unwrap().to_string();
    b.run_ok(&["sync", "resolve", &id, "--keep", "mine"]);
    assert_eq!(notes(&b, 3), "Bình: giao hàng tháng 4");
    let b2 = export(&b, "b2.pkg", Some(&o_id));
    import(&office, &b2, false);
    let o2 = export(&office, "o2.pkg", Some(&a_id));
    import(&a, &o2, false);
    for env in [&a, &b, &office] {
        assert!(conflicts(env).is_empty(), "resolved everywhere");
        assert_eq!(notes(env, 3), "Bình: giao hàng tháng 4");
    }
    assert_eq!(dump(&a), dump(&office));
    assert_eq!(dump(&b), dump(&office));
    let all = a.json(&["sync", "conflicts", "--json", "--all"]);
    assert_eq!(all[0]["kept"], "Bình: giao hàng tháng 4");
}

#[test]
fn out_of_order_packages_wait_for_the_changes_they_build_on() {
    let (a, office, b) = (Env::init(false), Env::init(false), Env::init(false));
    site(&a, "An");
    let o_id = site(&office, "Office");
    let a_id = site(&a, "An");
    site(&b, "Bình");
    let csv = a.write("new.csv", NEW_SME_CSV);
    a.run_ok(&["smes", "import", csv.to_str().unwrap()]);
    let first = export(&a, "first.pkg", None);
    // The office tells A what it has; A's next package for it holds only the new change.
    import(&office, &first, true);
    import(&a, &export(&office, "o.pkg", Some(&a_id)), true);
    let new_id = sme_by_name(&a, "Công ty Mới của An").unwrap()["id"]
        .as_i64()
        .unwrap();
    a.run_ok(&["smes", "edit", &new_id.to_string(), "--set", "employees=13"]);
    let second = export(&a, "second.pkg", Some(&o_id));
    // B receives the second package first: it waits, then the first brings both in.
    let r = import(&b, &second, true);
    assert_eq!(
        (r["applied"].as_i64(), r["waiting"].as_i64()),
        (Some(0), Some(1)),
        "{r}"
    );
    assert!(sme_by_name(&b, "Công ty Mới của An").is_none());
    let r = import(&b, &first, false);
    assert_eq!(
        (r["applied"].as_i64(), r["waiting"].as_i64()),
        (Some(2), Some(0)),
        "{r}"
    );
    assert_eq!(sme_by_name(&b, "Công ty Mới của An").unwrap()["id"], new_id);
    assert_eq!(
        field(&b, new_id, "employees"),
        rusqlite::types::Value::Integer(13)
    );
    assert_eq!(dump(&a), dump(&b));
}

/// The database file and its WAL, byte for byte.
fn snapshot(env: &Env) -> Vec<Vec<u8>> {
    ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", env.db.display())).unwrap_or_default())
        .collect()
}

fn refused(env: &Env, file: &Path, extra: &[&str], expect: &str) {
    let before = snapshot(env);
    let mut args = vec!["sync", "import", file.to_str().unwrap()];
    args.extend(extra);
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(expect),
        "{expect:?} in {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("nothing was imported"),
        "{}",
        stderr(&out)
    );
    assert!(
        snapshot(env) == before,
        "the database is byte-identical after {expect:?}"
    );
}

#[test]
fn damaged_truncated_untrusted_and_unknown_packages_are_refused() {
    let (a, office) = (Env::init(false), Env::init(false));
    site(&a, "An");
    site(&office, "Office");
    a.run_ok(&["smes", "edit", "2", "--set", "notes=an edit"]);
    let good = export(&a, "good.pkg", None);
    let bytes = std::fs::read(&good).unwrap();
    // Make the office's files settle (WAL checkpointed) before taking snapshots.
    office.run_ok(&["sync", "sites"]);

    refused(&office, &good, &[], "does not trust");
    let mut altered = bytes.clone();
    let middle = bytes.len() / 2;
    altered[middle] ^= 0x20;
    refused(
        &office,
        &office.write("altered.pkg", &altered),
        &["--trust"],
        "checksum does not match",
    );
    refused(
        &office,
        &office.write("short.pkg", &bytes[..bytes.len() - 40]),
        &["--trust"],
        "truncated",
    );
    let mut v9 = bytes.clone();
    let line = b"goglobal-sync 1\n".len();
    v9[line - 2] = b'9';
    refused(
        &office,
        &office.write("v9.pkg", &v9),
        &["--trust"],
        "format version \"9\" is unknown",
    );
    refused(
        &office,
        &office.write("junk.pkg", b"hello\n"),
        &["--trust"],
        "not a goglobal sync package",
    );

    // The good one still goes in, with --trust or after `sync trust`.
    let a_id = a.json(&["sync", "id", "--json"])["site_id"]
        .as_str()
        .unwrap()
        .to_string();
    office.run_ok(&["sync", "trust", &a_id]);
    import(&office, &good, false);
    assert_eq!(notes(&office, 2), "an edit");
}

#[test]
fn a_signed_package_needs_the_same_key() {
    let (a, office) = (Env::init(false), Env::init(false));
    let keyed = a.write("keyed.toml", "[sync]\nkey = \"team secret\"\n");
    let other = a.write("other.toml", "[sync]\nkey = \"another\"\n");
    a.run_ok(&["smes", "edit", "2", "--set", "notes=signed edit"]);
    let file = a.path("signed.pkg");
    let out = a
        .cmd()
        .env("GOGLOBAL_CONFIG", &keyed)
        .args(["sync", "export", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = |config: &Path| {
        office
            .cmd()
            .env("GOGLOBAL_CONFIG", config)
            .args(["sync", "import", file.to_str().unwrap(), "--trust"])
            .output()
            .unwrap()
    };
    let wrong = run(&other);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("signature does not match"),
        "{}",
        stderr(&wrong)
    );
    let none = office.run(&["sync", "import", file.to_str().unwrap(), "--trust"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("no shared key"), "{}", stderr(&none));
    assert!(run(&keyed).status.success());
    assert_eq!(notes(&office, 2), "signed edit");
}

#[test]
fn a_database_of_the_previous_schema_migrates_without_loss_and_syncs() {
    let old = Env::new();
    {
        let conn = rusqlite::Connection::open(&old.db).unwrap();
        for sql in &goglobal::store::schema::MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO sme (id, name, tax_code, province, sector, origin, created_at, updated_at)
                 VALUES (1, 'Demo Co', '', 'Cà Mau', 'seafood', 'sample', 't', 't'),
                        (2, 'Công ty Cũ', '0312345678', 'Hà Nội', 'coffee', 'user', 't', 't');
             INSERT INTO sme_product (sme_id, pos, hs, description) VALUES (2, 0, '0901', 'Cà phê');
             INSERT INTO sme_market (sme_id, iso3) VALUES (2, 'JPN');
             INSERT INTO assessment (id, sme_id, assessed_at, assessor, questionnaire_version, answers,
                 overall, band, coverage, domains)
                 VALUES (1, 2, '2026-01-01', 'An', '1', '{}', 55.0, 'preparing', 1.0, '{}');
             INSERT INTO plan_item (id, sme_id, iso3, action, owner, created_at, updated_at)
                 VALUES (1, 2, 'JPN', 'Get JAS', 'An', 't', 't');
             INSERT INTO audit (id, at, who, entity, entity_id, sme_id, action)
                 VALUES (1, 't', 'An', 'sme', '2', 2, 'create');
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let out = old.run(&["sync", "id", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("upgraded from schema 2"),
        "{}",
        stderr(&out)
    );
    let conn = rusqlite::Connection::open(&old.db).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let key = q("SELECT id FROM sme WHERE name = 'Công ty Cũ'");
    assert!(key >= 1 << 32, "a global key: {key}");
    assert_eq!(
        q("SELECT id FROM sme WHERE name = 'Demo Co'"),
        1,
        "demo rows keep their key"
    );
    assert_eq!(
        q("SELECT key FROM local_handle WHERE kind = 'sme' AND handle = 2"),
        key,
        "the old number is its handle"
    );
    for table in [
        "sme_product",
        "sme_market",
        "assessment",
        "plan_item",
        "audit",
    ] {
        assert_eq!(
            q(&format!(
                "SELECT count(*) FROM {table} WHERE sme_id = {key}"
            )),
            1,
            "{table} follows its SME"
        );
    }
    assert_eq!(
        q("SELECT count(*) FROM sync_log"),
        1,
        "the old rows are this site's first change"
    );
    drop(conn);

    // That change brings everything to another site.
    let other = Env::init(true);
    let pkg = export(&old, "old.pkg", None);
    import(&other, &pkg, true);
    let moved = sme_by_name(&other, "Công ty Cũ").expect("the old SME arrived");
    assert_eq!(
        moved["id"], 1,
        "it gets the next free handle at the other site"
    );
    assert_eq!(moved["products"][0], "0901");
    let conn = rusqlite::Connection::open(&other.db).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM plan_item WHERE sme_id = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn big_csv(n: usize) -> String {
    let mut out = String::from("name,tax_code,province,sector,employees,products\n");
    for i in 0..n {
        out.push_str(&format!(
            "Công ty Thử {i},{},Cà Mau,seafood,{},030617\n",
            9_100_000_000u64 + i as u64,
            10 + i % 90
        ));
    }
    out
}

#[test]
fn killing_an_import_leaves_the_state_before_or_after() {
    let a = Env::init(true);
    site(&a, "An");
    let csv = a.write("big.csv", big_csv(3000));
    a.run_ok(&["smes", "import", csv.to_str().unwrap()]);
    let pkg = export(&a, "big.pkg", None);
    let a_id = a.json(&["sync", "id", "--json"])["site_id"]
        .as_str()
        .unwrap()
        .to_string();
    let count = |env: &Env| -> i64 {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.query_row("SELECT count(*) FROM sme", [], |r| r.get(0))
            .unwrap()
    };
    // Time one full import.
    let timing = Env::init(true);
    timing.run_ok(&["sync", "trust", &a_id]);
    let start = Instant::now();
    timing.run_ok(&["sync", "import", pkg.to_str().unwrap()]);
    let full = start.elapsed();
    let mut killed = 0;
    for i in 0..8u32 {
        let env = Env::init(true);
        env.run_ok(&["sync", "trust", &a_id]);
        let before = count(&env);
        let mut child = env
            .cmd()
            .args(["sync", "import", pkg.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * (i + 1) / 9 + Duration::from_millis(5));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let after = count(&env);
        assert!(
            after == before || after == before + 3000,
            "run {i}: {before} → {after}"
        );
        let check = env.run(&["check"]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
        // Whatever happened, importing again completes it.
        env.run_ok(&["sync", "import", pkg.to_str().unwrap()]);
        assert_eq!(count(&env), before + 3000);
    }
    eprintln!("sync import: full run {full:?}; {killed} of 8 runs killed mid-way");
    assert!(killed > 0, "no run was killed (full run {full:?})");
}

/// Assessments and plan items are read by number (`plan item 36 added`, `Assessment #76`):
/// like SMEs they get a short local handle when created or received, never their 16-digit
/// global key; a database of schema 6 gets handles for its rows when it migrates.
#[test]
fn plan_items_and_assessments_show_short_handles_here_and_after_a_package() {
    let (a, b) = (Env::init(false), Env::init(false));
    site(&a, "An");
    site(&b, "Bình");
    let added = a.run_ok(&["plan", "add", "1", "ARE", "--action", "Halal certificate"]);
    let handle = added
        .split_whitespace()
        .find_map(|w| w.parse::<i64>().ok().filter(|n| *n > 1))
        .unwrap_or_else(|| panic!("a number in {added:?}"));
    assert!(handle < 1000, "{added}");
    let answers = a.write("a.toml", "[answers]\nA1 = 3\n");
    let assessed = a.run_ok(&["assess", "1", "--answers", answers.to_str().unwrap()]);
    let line = assessed
        .lines()
        .find(|l| l.contains("Assessment #"))
        .unwrap();
    let number: String = line
        .split('#')
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(number.len() < 4, "{line}");
    // The receiver gives the arriving plan item its own next handle.
    let pkg = export(&a, "a.pkg", None);
    import(&b, &pkg, true);
    let shown = b.run_ok(&["plan", "show", "1"]);
    assert!(shown.contains(&format!("#{handle} ")), "{shown}");
    assert!(
        !shown
            .split_whitespace()
            .any(|w| w.len() > 12 && w.starts_with('#')),
        "{shown}"
    );
    // Schema 6 → 7: rows with global keys and no handle get one.
    let conn = rusqlite::Connection::open(&b.db).unwrap();
    conn.execute_batch(
        "DELETE FROM local_handle WHERE kind IN ('plan_item', 'assessment');
         PRAGMA user_version = 6;",
    )
    .unwrap();
    drop(conn);
    let shown = b.run_ok(&["plan", "show", "1"]);
    assert!(shown.contains(&format!("#{handle} ")), "{shown}");
}
