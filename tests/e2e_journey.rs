//! The advisor's journey end to end, on the real binary in a pseudo-terminal on a temporary
//! database: open an SME, assess it (every item of the questionnaire), run the matching wizard
//! (product, weights, preset, mark three markets, inspect one, compare them, pick services,
//! move a due date, save), quit; then find the shortlist and plan with
//! `goglobal plan show --json` and the market in a generated brief.

mod pty_support;

use std::process::Command;

use pty_support::Session;
use serde_json::Value;

const DOWN: &str = "\x1b[B";
const LEFT: &str = "\x1b[D";
const RIGHT: &str = "\x1b[C";
const END: &str = "\x1b[F";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

fn cli(s: &Session, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_goglobal"))
        .arg("--db")
        .arg(s.db())
        .arg("--config")
        .arg(s.config())
        .args(args)
        .env("GOGLOBAL_NOW", "2026-11-23")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "goglobal {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The ISO3 codes after "Marked" on the ranking's settings line.
fn marked(screen: &str) -> Vec<String> {
    screen
        .lines()
        .find_map(|l| l.split_once("Marked ").map(|(_, rest)| rest.to_string()))
        .map(|rest| {
            rest.split_whitespace()
                .take_while(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn assess_match_inspect_compare_pick_services_save_and_find_the_plan() {
    let mut s = Session::start_with(
        120,
        40,
        "[advisor]\nname = \"Phạm Thị Lan\"\n[ui]\nlanguage = \"en\"\n",
    );
    s.wait_text("1 Dashboard");
    s.send("2");
    s.wait_text("SMEs 70/70");
    // A squid and octopus exporter not assessed yet.
    s.send("/mui dua");
    s.wait_text("SMEs 1/70");
    s.send(ENTER);
    s.send(ENTER);
    s.wait_text("Not assessed");

    // The assessment: every item answered, domain by domain (A–C 3, D 1, E 2, F 1).
    s.send("a");
    s.wait_text("Readiness assessment");
    let answers = [("3", 5), ("3", 6), ("3", 6), ("1", 6), ("2", 5), ("1", 6)];
    for (answer, items) in answers {
        for _ in 0..items {
            s.send(answer);
            s.send(DOWN);
        }
    }
    s.wait_text("34/34");
    s.send("s");
    // (15·75 + 20·75 + 20·75 + 15·25 + 15·50 + 15·25) / 100 = 56.25: preparing.
    s.wait_text("Assessment saved: 56/100");

    // Step 1: the product; below "ready", the first-time-exporter weights.
    s.send("m");
    s.wait_text("Rank markets for which product?");
    s.wait_text("56/100 Preparing");
    assert!(s.screen().contains("first_time (from the readiness band)"));
    s.send(DOWN);
    s.send(ENTER);
    s.wait_text("Why (points)");

    // Step 2: weights change the ranking at once; a preset replaces them.
    s.send("w");
    s.wait_text("←/→ change");
    s.send(LEFT);
    s.send(LEFT);
    s.wait_text("changed by hand");
    s.send("w");
    s.send("p");
    s.wait_text("halal (chosen)");
    assert!(!s.screen().contains("changed by hand"));

    // Mark the three best markets.
    s.send(" ");
    s.send(DOWN);
    s.send(" ");
    s.send(DOWN);
    s.send(" ");
    s.wait("three marked markets", |sc| {
        marked(&sc.contents()).len() == 3
    });
    let markets = marked(&s.screen());

    // Step 3: the third one in detail, the next market and back, down to logistics.
    s.send(ENTER);
    s.wait_text("Why it ranks above");
    // Product-level trade is there (the dashboard reads it just after its first frame).
    assert!(
        s.screen().contains("CEPII BACI 2024 (HS 2017"),
        "{}",
        s.screen()
    );
    assert!(s.screen().contains(&format!("[x] {}", markets[2])));
    s.send(RIGHT);
    s.wait("the next market", |sc| sc.contents().contains("[ ] "));
    s.send(LEFT);
    s.wait_text(&format!("[x] {}", markets[2]));
    s.send(END);
    s.wait_text("Logistics and distance");
    s.send(ESC);
    s.wait_text("Why (points)");

    // Step 4: the three side by side.
    s.send("c");
    s.wait_text("Unmet mandatory");
    for iso3 in &markets {
        assert!(s.screen().contains(iso3.as_str()), "{iso3}");
    }

    // Step 5: services for the gaps; a weak readiness domain gets its second proposal.
    s.send(ENTER);
    s.wait_text("Gaps → services");
    s.wait_text("Readiness D Compliance");
    s.wait_text("Readiness F Ecosystem");
    let row = s
        .screen()
        .lines()
        .skip_while(|l| !l.contains("Provider (←/→)"))
        .position(|l| l.contains("Readiness F Ecosystem"))
        .unwrap();
    for _ in 1..row {
        s.send(DOWN);
    }
    s.send(RIGHT);
    s.wait("the second provider", |sc| {
        sc.contents()
            .lines()
            .any(|l| l.contains("Readiness F Ecosystem") && l.contains(" 2/"))
    });

    // Step 6: review, the first item a week later, save.
    s.send(ENTER);
    s.wait_text("Review and save");
    s.wait_text("Owner Phạm Thị Lan");
    s.send(RIGHT);
    s.wait_text("2026-12-30");
    s.send(ENTER);
    s.wait_text(&format!("Shortlisted {}", markets.join(", ")));
    // Back on the SME; quit.
    assert!(!s.screen().contains("Review and save"));
    // The SME detail shows the assessment and the new target markets.
    s.wait_text("56/100");
    s.send("q");
    s.wait_text("SMEs 1/70");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // The plan as the command line sees it.
    let smes: Value = serde_json::from_str(&cli(&s, &["smes", "list", "--json"])).unwrap();
    let id = smes
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"].as_str().unwrap().contains("Mũi Dừa"))
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let plan: Value = serde_json::from_str(&cli(&s, &["plan", "show", &id, "--json"])).unwrap();
    let mut listed: Vec<&str> = plan["shortlist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["stage"], "shortlisted");
            assert!(e["score"].as_f64().is_some());
            e["iso3"].as_str().unwrap()
        })
        .collect();
    listed.sort_unstable();
    let mut expected: Vec<&str> = markets.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    let items = plan["plan"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        assert_eq!(item["owner"], "Phạm Thị Lan");
        assert_eq!(item["status"], "todo");
        assert!(item["provider"]["id"].is_string(), "{item}");
        assert!(
            item["action"].as_str().unwrap().contains("— with "),
            "{item}"
        );
    }
    let dues: Vec<&str> = items.iter().map(|i| i["due"].as_str().unwrap()).collect();
    assert!(dues.contains(&"2026-12-30"), "{dues:?}");
    assert!(dues.contains(&"2026-12-23"), "{dues:?}");
    assert!(
        plan["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["why"] == "shortlisted from the market match")
    );

    // The assessment as the command line sees it: the band behind the first-time weights.
    let matched: Value =
        serde_json::from_str(&cli(&s, &["match", &id, "--json", "--top", "1"])).unwrap();
    assert_eq!(matched["readiness"]["band"], "preparing");

    // The brief for the first market names it and carries its plan.
    let first = items[0]["iso3"].as_str().unwrap();
    let brief = cli(&s, &["report", &id, "--market", first]);
    assert!(brief.contains(first), "{brief}");
    let action = items[0]["action"].as_str().unwrap();
    assert!(brief.contains(action), "{action}\n{brief}");
}
