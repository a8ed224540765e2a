//! Two sessions on one database, as real concurrent processes: writers never see "database is
//! locked", and saves that race on one record are refused, never silently lost.

mod common;

use std::process::Output;
use std::sync::Arc;
use std::thread;

use common::*;

/// `smes edit ID --set …` as `user`, in a process of its own.
fn edit(env: &Env, user: &str, id: i64, sets: &[&str]) -> Output {
    let mut cmd = env.cmd();
    cmd.env("USER", user)
        .args(["smes", "edit", &id.to_string()]);
    for s in sets {
        cmd.args(["--set", s]);
    }
    cmd.output().unwrap()
}

fn version(env: &Env, id: i64) -> i64 {
    env.json(&["smes", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()["version"]
        .as_i64()
        .unwrap()
}

/// Audit rows of the SME record itself (its pipeline and plan have rows of their own).
fn audit_count(env: &Env, id: i64, action: &str) -> usize {
    env.json(&["audit", "--sme", &id.to_string(), "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action && e["entity"] == "sme")
        .count()
}

#[test]
fn two_writers_on_different_smes_never_see_a_locked_database() {
    let env = Arc::new(Env::init(false));
    let rounds = 50;
    let writers: Vec<_> = [(11_i64, "an"), (12, "binh")]
        .into_iter()
        .map(|(id, user)| {
            let env = Arc::clone(&env);
            thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..rounds {
                    let out = edit(
                        &env,
                        user,
                        id,
                        &[
                            &format!("notes={user} round {i}"),
                            &format!("employees={}", 100 + i),
                        ],
                    );
                    if !out.status.success() {
                        failures.push(stderr(&out));
                    }
                }
                failures
            })
        })
        .collect();
    // A reader alongside the writers.
    let reader = {
        let env = Arc::clone(&env);
        thread::spawn(move || {
            let mut failures = Vec::new();
            for _ in 0..20 {
                let out = env.run(&["smes", "list", "--json"]);
                if !out.status.success() {
                    failures.push(stderr(&out));
                }
            }
            failures
        })
    };
    let mut failures: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    failures.extend(reader.join().unwrap());
    assert!(
        failures.is_empty(),
        "{} failures, e.g. {:?}",
        failures.len(),
        failures.first()
    );
    assert!(!failures.iter().any(|f| f.contains("locked")));
    for id in [11, 12] {
        assert_eq!(version(&env, id), 1 + rounds);
        assert_eq!(audit_count(&env, id, "update"), rounds as usize);
    }
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn racing_saves_on_one_sme_are_refused_never_lost() {
    let env = Arc::new(Env::init(false));
    let id = 13_i64;
    let rounds = 25;
    let handles: Vec<_> = ["an", "binh"]
        .into_iter()
        .map(|user| {
            let env = Arc::clone(&env);
            thread::spawn(move || {
                let (mut saved, mut refused, mut other) = (0, 0, Vec::new());
                for i in 0..rounds {
                    let out = edit(&env, user, id, &[&format!("notes={user} {i}")]);
                    let err = stderr(&out);
                    match out.status.code() {
                        Some(0) => saved += 1,
                        Some(2) if err.contains("changed by another session") => refused += 1,
                        _ => other.push(err),
                    }
                }
                (saved, refused, other)
            })
        })
        .collect();
    let results: Vec<(usize, usize, Vec<String>)> =
        handles.into_iter().map(|h| h.join().unwrap()).collect();
    let saved: usize = results.iter().map(|r| r.0).sum();
    let refused: usize = results.iter().map(|r| r.1).sum();
    let other: Vec<&String> = results.iter().flat_map(|r| &r.2).collect();
    assert!(other.is_empty(), "unexpected failures: {other:?}");
    eprintln!("racing saves: {saved} saved, {refused} refused as conflicts");
    assert_eq!(saved + refused, 2 * rounds);
    // Every save that reported success is in the history; none was overwritten unseen.
    assert_eq!(version(&env, id), 1 + saved as i64);
    assert_eq!(audit_count(&env, id, "update"), saved);
    let log = env.json(&["audit", "--sme", &id.to_string(), "--json"]);
    let updates: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "update" && e["entity"] == "sme")
        .collect();
    for pair in updates.windows(2) {
        // Each save starts from the version the previous one wrote.
        assert_eq!(pair[0]["after"], pair[1]["before"]);
    }
}

#[test]
fn sessions_starting_together_on_a_new_database_all_work() {
    let env = Arc::new(Env::new());
    let sessions: Vec<_> = (0..4)
        .map(|_| {
            let env = Arc::clone(&env);
            thread::spawn(move || env.run(&["smes", "list", "--json"]))
        })
        .collect();
    for s in sessions {
        let out = s.join().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // Created, migrated and seeded once: the demo portfolio is there exactly once.
    let stats = env.json(&["stats", "--json"]);
    assert_eq!(stats["counts"]["smes"], stats["counts"]["sample_smes"]);
    let samples = env
        .json(&["smes", "list", "--json"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(stats["counts"]["smes"], samples);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
