//! Crash safety: the real binary is killed (SIGKILL) at seeded random moments during an SME
//! import, a Trade Map import and an SME save. Afterwards the database passes
//! `PRAGMA integrity_check` (`goglobal check` exits 0) and each action is either fully there or
//! fully absent, audit row included.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// xorshift64*: a small seeded generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A duration between `lo` and `hi`.
    fn between(&mut self, lo: Duration, hi: Duration) -> Duration {
        let span = (hi - lo).as_micros().max(1) as u64;
        lo + Duration::from_micros(self.next() % span)
    }
}

const SEED: u64 = 0x6060_2026_1123_0001;
const N: usize = 3000;

fn big_csv(batch: u64) -> String {
    let mut out = String::from(
        "name,tax_code,province,sector,employees,revenue_usd,founded,export_experience,\
         current_markets,certifications,languages,products,contact_name,contact_email,\
         contact_phone,notes\n",
    );
    for i in 0..N as u64 {
        out.push_str(&format!(
            "\"Công ty Thử nghiệm {batch}-{i}, Cà Mau\",{},Cà Mau,seafood,{},250000,2011,none,\
             USA;JPN,HACCP,vi;en,030617:Frozen shrimp,Nguyễn Văn A,a{i}@example.vn,,\"ghi chú \"\"{i}\"\"\"\n",
            9_000_000_000 + batch * 100_000 + i,
            10 + i % 90
        ));
    }
    out
}

fn query(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity(env: &Env) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
    drop(conn);
    let out = env.run(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check after a kill: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

fn spawn(env: &Env, args: &[&str], now: &str) -> Child {
    env.cmd()
        .env("GOGLOBAL_NOW", now)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kill `child` after `delay` (unless it ended first). Returns whether it was killed.
fn kill_after(mut child: Child, delay: Duration) -> bool {
    std::thread::sleep(delay);
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let status = child.wait().unwrap();
    killed && !status.success()
}

#[test]
fn killing_an_sme_import_leaves_all_or_nothing() {
    let env = Env::init(true);
    let mut rng = Rng(SEED);
    let file = env.write("batch0.csv", big_csv(0));
    let before = query(&env, "SELECT COUNT(*) FROM sme");
    let start = Instant::now();
    env.run_ok(&["smes", "import", file.to_str().unwrap()]);
    let full = start.elapsed();
    assert_eq!(query(&env, "SELECT COUNT(*) FROM sme"), before + N as i64);
    let (mut killed, mut absent, mut present) = (0, 0, 0);
    for batch in 1..=12u64 {
        let file = env.write(&format!("batch{batch}.csv"), big_csv(batch));
        let before = query(&env, "SELECT COUNT(*) FROM sme");
        let delay = rng.between(full / 10, full);
        let child = spawn(
            &env,
            &["smes", "import", file.to_str().unwrap()],
            "2026-11-23T10:00:00Z",
        );
        killed += kill_after(child, delay) as usize;
        integrity(&env);
        let after = query(&env, "SELECT COUNT(*) FROM sme");
        assert!(
            after == before || after == before + N as i64,
            "batch {batch} (kill after {delay:?}): {before} → {after} SMEs"
        );
        if after == before {
            absent += 1;
        } else {
            present += 1;
        }
        // The SMEs, their lists and their audit rows went in together.
        assert_eq!(
            query(&env, "SELECT COUNT(*) FROM audit WHERE action = 'create'"),
            after
        );
        assert_eq!(
            query(&env, "SELECT COUNT(*) FROM sme_product"),
            query(
                &env,
                "SELECT COUNT(*) FROM sme_product p JOIN sme s ON s.id = p.sme_id"
            )
        );
        assert_eq!(
            query(
                &env,
                "SELECT COUNT(*) FROM sme WHERE id NOT IN (SELECT sme_id FROM sme_product)"
            ),
            0
        );
    }
    eprintln!(
        "sme import: full run {full:?}; 12 runs, {killed} killed, {absent} absent, {present} complete"
    );
    assert!(killed > 0, "no run was killed (full run {full:?})");
}

#[test]
fn killing_a_trade_map_import_leaves_all_or_nothing() {
    let env = Env::init(true);
    let mut rng = Rng(SEED ^ 0xD3);
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "tests/fixtures/trademap/01_TM_List_of_importers_for_the_selected_product_(All_products)_World_2009-2020.txt",
    );
    let file = file.to_str().unwrap();
    // Timed on a re-import (values replaced, as in every run below).
    env.run_ok(&["demand", "import", file]);
    let start = Instant::now();
    env.run_ok(&["demand", "import", file]);
    let full = start.elapsed();
    let mut outcomes = (0, 0);
    for i in 0..12 {
        // Each run stamps its own time, so its rows and audit row can be told apart.
        let now = format!("2026-11-23T11:00:{i:02}Z");
        let delay = rng.between(full / 3, full + full / 2);
        kill_after(spawn(&env, &["demand", "import", file], &now), delay);
        integrity(&env);
        let rows = query(
            &env,
            &format!("SELECT COUNT(*) FROM demand WHERE imported_at = '{now}'"),
        );
        let audits = query(
            &env,
            &format!("SELECT COUNT(*) FROM audit WHERE entity = 'demand' AND at = '{now}'"),
        );
        assert!(
            (rows, audits) == (0, 0) || (rows, audits) == (2544, 1),
            "run {i} (kill after {delay:?}): {rows} rows, {audits} audit rows"
        );
        if rows == 0 {
            outcomes.0 += 1;
        } else {
            outcomes.1 += 1;
        }
    }
    eprintln!(
        "demand import: 12 runs, {} absent, {} complete",
        outcomes.0, outcomes.1
    );
}

#[test]
fn killing_a_save_leaves_the_record_and_its_history_consistent() {
    let env = Env::init(false);
    let mut rng = Rng(SEED ^ 0x5A7E);
    let start = Instant::now();
    env.run_ok(&["smes", "edit", "1", "--set", "notes=first"]);
    let full = start.elapsed();
    for i in 0..15 {
        let note = format!("notes=save {i}");
        let delay = rng.between(Duration::ZERO, full + full / 2);
        kill_after(
            spawn(
                &env,
                &["smes", "edit", "1", "--set", &note],
                "2026-11-23T12:00:00Z",
            ),
            delay,
        );
        integrity(&env);
        let version = query(&env, "SELECT version FROM sme WHERE id = 1");
        let updates = query(
            &env,
            "SELECT COUNT(*) FROM audit WHERE entity = 'sme' AND entity_id = '1' AND action = 'update'",
        );
        assert_eq!(
            version,
            1 + updates,
            "save {i}: version and history disagree"
        );
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let (stored, last): (String, String) = conn
            .query_row(
                "SELECT (SELECT notes FROM sme WHERE id = 1),
                        (SELECT json_extract(after, '$.notes') FROM audit
                         WHERE entity = 'sme' AND entity_id = '1' ORDER BY id DESC LIMIT 1)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            stored, last,
            "save {i}: the record is not its last audited version"
        );
    }
}
