//! `goglobal assess` on the real binary: scoring, gates, history, the sample portfolio's
//! assessments and every bad-input path (exit 2, nothing stored).

mod common;

use common::{Env, stderr, stdout};
use goglobal::domain::readiness::Questionnaire;
use serde_json::Value;

/// An answers file with every item at `value`, except the `overrides`.
fn answers_file(value: u8, overrides: &[(&str, u8)]) -> String {
    let mut text = String::from("# test answers\n[answers]\n");
    for item in &Questionnaire::builtin().items {
        let v = overrides
            .iter()
            .find(|(id, _)| *id == item.id)
            .map_or(value, |(_, v)| *v);
        text.push_str(&format!("{} = {v}\n", item.id));
    }
    text
}

/// Id of the first SME imported into an empty database (no sample portfolio).
fn env_with_one_sme() -> (Env, i64) {
    let env = Env::init(true);
    let csv = env.write(
        "smes.csv",
        "name,tax_code,province,sector,employees,revenue_usd,founded,export_experience,\
         current_markets,certifications,languages,products,contact_name,contact_email,\
         contact_phone,notes\n\
         Công ty TNHH Mây tre Phú Vinh,0312345675,Hà Nội,handicrafts,40,800000,2010,occasional,\
         JPN,ISO9001,vi;en,460211:Bamboo baskets,Lê Văn A,a@example.vn,+84 24 0000 0000,\n",
    );
    env.run_ok(&["smes", "import", csv.to_str().unwrap()]);
    let list = env.json(&["smes", "list", "--json"]);
    (env, list[0]["id"].as_i64().unwrap())
}

fn assess_json(env: &Env, id: i64, file: &str) -> Value {
    let path = env.path(file);
    env.json(&[
        "assess",
        &id.to_string(),
        "--answers",
        path.to_str().unwrap(),
        "--assessor",
        "Nguyễn Thu Hằng",
        "--json",
    ])
}

fn count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn all_four_scores_100_ready_to_diversify() {
    let (env, id) = env_with_one_sme();
    env.write("a.toml", answers_file(4, &[]));
    let v = assess_json(&env, id, "a.toml");
    assert_eq!(v["sme_id"], id);
    assert_eq!(v["overall"], 100.0);
    assert_eq!(v["band"], "ready_to_diversify");
    assert_eq!(v["capped_by_gate"], false);
    assert_eq!(v["coverage"], 1.0);
    assert_eq!(v["gaps"].as_array().unwrap().len(), 0);
    assert_eq!(v["persona"], "occasional");
    assert_eq!(v["assessor"], "Nguyễn Thu Hằng");
    for code in ["A", "B", "C", "D", "E", "F"] {
        assert_eq!(v["domains"][code]["score"], 100.0, "{code}");
    }
    assert_eq!(v["domains"]["B"]["weight"], 20.0);
}

#[test]
fn all_zero_scores_0_not_yet() {
    let (env, id) = env_with_one_sme();
    env.write("a.toml", answers_file(0, &[]));
    let v = assess_json(&env, id, "a.toml");
    assert_eq!(v["overall"], 0.0);
    assert_eq!(v["band"], "not_yet");
    let gaps = v["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), Questionnaire::builtin().items.len());
    assert_eq!(gaps[0]["item"], "A1");
    assert_eq!(gaps[0]["answer"], 0);
    assert_eq!(gaps[0]["tag"], "CONTRACT_LAW");
    assert_eq!(gaps[0]["domain"], "A");
}

#[test]
fn one_failed_gate_caps_at_49() {
    let (env, id) = env_with_one_sme();
    env.write("a.toml", answers_file(4, &[("C2", 0)]));
    let v = assess_json(&env, id, "a.toml");
    assert!(v["overall"].as_f64().unwrap() <= 49.0, "{v}");
    assert_eq!(v["capped_by_gate"], true);
    assert_eq!(v["band"], "preparing");
    assert_eq!(v["failed_gates"], serde_json::json!(["C2"]));
    assert_eq!(v["gaps"][0]["item"], "C2");
    assert_eq!(v["gaps"][0]["tag"], "CUSTOMS_BROKER");
}

#[test]
fn unanswered_domain_lowers_coverage_not_the_score() {
    let (env, id) = env_with_one_sme();
    let text: String = answers_file(3, &[])
        .lines()
        .filter(|l| !l.starts_with('F'))
        .map(|l| format!("{l}\n"))
        .collect();
    env.write("a.toml", text);
    let v = assess_json(&env, id, "a.toml");
    assert_eq!(v["overall"], 75.0);
    assert_eq!(v["coverage"], 0.85);
    assert_eq!(v["domains"]["F"]["score"], Value::Null);
    assert_eq!(v["domains"]["F"]["weight"], 15.0);
}

#[test]
fn human_output_shows_band_domains_and_gaps() {
    let (env, id) = env_with_one_sme();
    let file = env.write(
        "a.toml",
        answers_file(3, &[("F1", 1), ("B6", 0)]) + "\n[notes]\nB6 = \"Chưa gửi mẫu bao giờ\"\n",
    );
    let out = env.run_ok(&[
        "--lang",
        "en",
        "assess",
        &id.to_string(),
        "--answers",
        file.to_str().unwrap(),
    ]);
    assert!(out.contains("Công ty TNHH Mây tre Phú Vinh"), "{out}");
    assert!(out.contains("49.0/100"), "{out}");
    assert!(out.contains("gate items not met: B6"), "{out}");
    assert!(out.contains("Ecosystem links"), "{out}");
    assert!(out.contains("Letters of credit (LC)"), "{out}");
    let vi = env.run_ok(&[
        "--lang",
        "vi",
        "assess",
        &id.to_string(),
        "--answers",
        file.to_str().unwrap(),
    ]);
    assert!(vi.contains("Liên kết hệ sinh thái"), "{vi}");
    assert!(vi.contains("đang chuẩn bị (preparing)"), "{vi}");
    let notes = env.json(&["assess", &id.to_string(), "--history", "--json"]);
    assert_eq!(notes[0]["notes"]["B6"], "Chưa gửi mẫu bao giờ");
    let text = env.run_ok(&["--lang", "en", "assess", &id.to_string(), "--history"]);
    assert!(text.contains("49.0* preparing"), "{text}");
    assert!(text.contains("(gates not met: B6)"), "{text}");
    // The default assessor comes from config (advisor name) or the OS user.
    assert!(!notes[0]["assessor"].as_str().unwrap().is_empty());
}

#[test]
fn history_keeps_every_assessment_oldest_first() {
    let (env, id) = env_with_one_sme();
    let empty = env.json(&["assess", &id.to_string(), "--history", "--json"]);
    assert_eq!(empty, serde_json::json!([]));
    for (value, now) in [(1, "2026-03-02T08:00:00Z"), (3, "2026-07-15T08:00:00Z")] {
        let file = env.write(&format!("a{value}.toml"), answers_file(value, &[]));
        let out = env
            .cmd()
            .env("GOGLOBAL_NOW", now)
            .args(["assess", &id.to_string(), "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let history = env.json(&["assess", &id.to_string(), "--history", "--json"]);
    let list = history.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["assessed_at"], "2026-03-02T08:00:00Z");
    assert_eq!(list[0]["overall"], 25.0);
    assert_eq!(list[1]["overall"], 75.0);
    assert_eq!(
        list[0]["questionnaire_version"],
        Questionnaire::builtin().version
    );
    let text = env.run_ok(&["--lang", "en", "assess", &id.to_string(), "--history"]);
    let first = text.find("2026-03-02").unwrap();
    let second = text.find("2026-07-15").unwrap();
    assert!(first < second, "{text}");
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM audit WHERE entity = 'assessment'"
        ),
        2
    );
}

#[test]
fn sample_portfolio_comes_with_assessments() {
    let env = Env::init(false);
    let smes = env.json(&["smes", "list", "--json"]);
    let ids: Vec<i64> = smes
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert!(ids.len() >= 60);
    let assessed = count(&env, "SELECT COUNT(DISTINCT sme_id) FROM assessment");
    let share = assessed as f64 / ids.len() as f64;
    assert!((0.65..=0.75).contains(&share), "{share}");
    let with_history = count(
        &env,
        "SELECT COUNT(*) FROM (SELECT sme_id FROM assessment GROUP BY sme_id HAVING COUNT(*) >= 2)",
    );
    assert!((12..=18).contains(&with_history), "{with_history}");
    // The first sample SME has a history of three visits, improving.
    let h = env.json(&["assess", &ids[0].to_string(), "--history", "--json"]);
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 3);
    let scores: Vec<f64> = h.iter().map(|a| a["overall"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    assert!(
        h.iter()
            .all(|a| a["assessed_at"].as_str().unwrap().starts_with("2026-"))
    );
    // Purging the samples takes their assessments with them.
    env.run_ok(&["smes", "purge-samples"]);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM assessment"), 0);
}

/// Runs `assess` expecting exit 2; checks the database did not change.
fn rejected(env: &Env, args: &[&str]) -> String {
    let before = (
        count(env, "SELECT COUNT(*) FROM assessment"),
        count(env, "SELECT COUNT(*) FROM audit"),
    );
    let out = env.run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let after = (
        count(env, "SELECT COUNT(*) FROM assessment"),
        count(env, "SELECT COUNT(*) FROM audit"),
    );
    assert_eq!(before, after, "{args:?} changed the database");
    stderr(&out)
}

#[test]
fn bad_answers_files_are_rejected_with_file_and_line() {
    let (env, id) = env_with_one_sme();
    let id = id.to_string();
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "unknown.toml",
            "[answers]\nA1 = 3\nZ7 = 2\n",
            &["unknown.toml:3: unknown item `Z7`", "A1–A5"],
        ),
        (
            "range.toml",
            "[answers]\nA1 = 3\n\nB2 = 5\n",
            &["range.toml:4: B2 = 5 is outside 0–4"],
        ),
        (
            "nottoml.toml",
            "[answers]\nA1 = 3\nA2 3\n",
            &["nottoml.toml:3: not valid TOML"],
        ),
        (
            "empty.toml",
            "# nothing yet\n",
            &["empty.toml:1: no [answers] table"],
        ),
        (
            "several.toml",
            "[answers]\nA1 = 9\nA2 = \"high\"\n[notes]\nXX = \"?\"\n",
            &[
                "several.toml:2: A1 = 9",
                "several.toml:3: A2 = \"high\"",
                "several.toml:5: unknown item `XX`",
                "3 problem(s); nothing was stored",
            ],
        ),
    ];
    for (name, content, expected) in cases {
        let file = env.write(name, content);
        let err = rejected(&env, &["assess", &id, "--answers", file.to_str().unwrap()]);
        for e in expected {
            assert!(err.contains(e), "{name}: expected {e:?} in:\n{err}");
        }
    }
    // A file that is not UTF-8.
    let file = env.write("latin1.toml", b"[answers]\nA1 = 3 # \xe9\n".as_slice());
    let err = rejected(&env, &["assess", &id, "--answers", file.to_str().unwrap()]);
    assert!(err.contains("latin1.toml:1: not UTF-8"), "{err}");
}

#[test]
fn unknown_sme_missing_file_and_bad_usage_exit_2() {
    let (env, id) = env_with_one_sme();
    let good = env.write("a.toml", answers_file(2, &[]));
    let good = good.to_str().unwrap();
    let err = rejected(&env, &["assess", "99999", "--answers", good]);
    assert!(err.contains("unknown SME id 99999"), "{err}");
    assert!(err.contains("smes list"), "{err}");
    let err = rejected(&env, &["assess", "99999", "--history"]);
    assert!(err.contains("unknown SME id 99999"), "{err}");
    let missing = env.path("missing.toml");
    let err = rejected(
        &env,
        &[
            "assess",
            &id.to_string(),
            "--answers",
            missing.to_str().unwrap(),
        ],
    );
    assert!(err.contains("missing.toml: cannot read"), "{err}");
    // --answers and --history together, or neither.
    rejected(
        &env,
        &["assess", &id.to_string(), "--answers", good, "--history"],
    );
    rejected(&env, &["assess", &id.to_string()]);
    rejected(&env, &["assess", "not-a-number", "--history"]);
    let err = rejected(
        &env,
        &[
            "assess",
            &id.to_string(),
            "--answers",
            good,
            "--assessor",
            "  ",
        ],
    );
    assert!(err.contains("--assessor is empty"), "{err}");
}
