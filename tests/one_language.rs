//! One language at a time: in Vietnamese, no English sentence of the catalogs appears in any
//! command's output, message or dashboard screen of the demo portfolio; in English, no
//! Vietnamese one. The sentences come from the catalogs themselves (every template of ≥ 3 words
//! whose two languages differ, cut at its `{placeholders}`), not from a hand-kept list.

mod common;

use std::collections::BTreeSet;

use common::{Env, stderr, stdout};
use serde_json::Value;

/// Every catalog, as (English, Vietnamese) JSON.
fn catalogs() -> Vec<(Value, Value)> {
    let j = |v: &dyn erased::Ser| v.json();
    vec![
        (j(&goglobal::ui::strings::EN), j(&goglobal::ui::strings::VI)),
        (
            j(&goglobal::report::strings::EN),
            j(&goglobal::report::strings::VI),
        ),
        (
            j(&goglobal::store::strings::EN),
            j(&goglobal::store::strings::VI),
        ),
        (
            j(&goglobal::cli::strings::EN),
            j(&goglobal::cli::strings::VI),
        ),
        (
            j(&goglobal::cli::strings_data::EN),
            j(&goglobal::cli::strings_data::VI),
        ),
        (j(&goglobal::messages::EN), j(&goglobal::messages::VI)),
        (
            j(&goglobal::domain::trademap::strings::EN),
            j(&goglobal::domain::trademap::strings::VI),
        ),
        (
            j(&goglobal::report::reasons::EN),
            j(&goglobal::report::reasons::VI),
        ),
        (
            j(&goglobal::report::svg::strings::EN),
            j(&goglobal::report::svg::strings::VI),
        ),
        (
            j(&goglobal::lang::AMOUNTS_EN),
            j(&goglobal::lang::AMOUNTS_VI),
        ),
        (
            j(&goglobal::cli::strings_assess::EN),
            j(&goglobal::cli::strings_assess::VI),
        ),
        (
            j(&goglobal::cli::sync::strings::EN),
            j(&goglobal::cli::sync::strings::VI),
        ),
        (
            j(&goglobal::store::sync::strings::EN),
            j(&goglobal::store::sync::strings::VI),
        ),
    ]
}

mod erased {
    /// A catalog turned into JSON (the catalogs are different types).
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("catalog serialises")
        }
    }
}

/// Pairs of strings at the same place in both catalogs.
fn pairs(en: &Value, vi: &Value, out: &mut Vec<(String, String)>) {
    match (en, vi) {
        (Value::String(e), Value::String(v)) => out.push((e.clone(), v.clone())),
        (Value::Array(e), Value::Array(v)) => e.iter().zip(v).for_each(|(e, v)| pairs(e, v, out)),
        (Value::Object(e), Value::Object(v)) => {
            for (k, ev) in e {
                if let Some(vv) = v.get(k) {
                    pairs(ev, vv, out);
                }
            }
        }
        _ => {}
    }
}

/// The literal pieces of a template between its `{placeholders}`, trimmed.
fn fragments(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    loop {
        match rest.find('{') {
            Some(open) => {
                out.push(rest[..open].to_string());
                match rest[open..].find('}') {
                    Some(close) => rest = &rest[open + close + 1..],
                    None => break,
                }
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out.into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| words(f) >= 3)
        .collect()
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// The sentences of `lang` ("en" or "vi") that differ from their twin: ≥ 3 words each.
fn sentences(english: bool) -> BTreeSet<String> {
    let mut all = Vec::new();
    for (en, vi) in catalogs() {
        pairs(&en, &vi, &mut all);
    }
    // Texts the same in both languages (licence attributions, source names) belong to neither.
    let shared: Vec<String> = all
        .iter()
        .filter(|(en, vi)| en == vi)
        .map(|(en, _)| en.clone())
        .collect();
    let mut out = BTreeSet::new();
    for (en, vi) in all {
        if en == vi {
            continue;
        }
        let (mine, twin) = if english { (&en, &vi) } else { (&vi, &en) };
        for f in fragments(mine) {
            // A piece both languages share (a command, a code list) is no language's own.
            if !twin.contains(&f) && !shared.iter().any(|s| s.contains(&f)) {
                out.insert(f);
            }
        }
    }
    out
}

/// Everything a person reads from the commands on the demo portfolio in `lang`: each
/// command's output and messages, good and bad input alike.
fn every_command(lang: &str) -> Vec<(String, String)> {
    let env = Env::new();
    let run = |args: &[&str]| {
        let o = env
            .cmd()
            .args(["--lang", lang])
            .args(args)
            .output()
            .unwrap();
        (args.join(" "), format!("{}\n{}", stdout(&o), stderr(&o)))
    };
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trademap/");
    let trademap = format!(
        "{fixtures}01_TM_List_of_importers_for_the_selected_product_(All_products)_World_2009-2020.txt"
    );
    let bad_csv = env.write(
        "bad.csv",
        "name,tax_code,province,sector,employees\nA,123,Nowhere,,-4\n",
    );
    // Every item of the questionnaire: weak ones (gaps, a failed gate) and strong ones.
    let mut answers = String::from("[answers]\n");
    for (i, item) in goglobal::domain::readiness::Questionnaire::builtin()
        .items
        .iter()
        .enumerate()
    {
        answers.push_str(&format!(
            "{} = {}\n",
            item.id,
            if i % 3 == 0 { 1 } else { 4 }
        ));
    }
    let answers = env.write("answers.toml", answers);
    let brief_md = env.path("brief.md");
    let export = env.path("export.csv");
    let brief = env.path("brief.html");
    let backup = env.path("backup.db");
    // Commands on another database path (`--db` may be given once).
    let run_on = |db: &std::path::Path, args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_goglobal"))
            .args(["--lang", lang, "--db"])
            .arg(db)
            .args(args)
            .env("GOGLOBAL_CONFIG", common::config_path())
            .env("GOGLOBAL_NOW", "2026-11-23T09:00:00Z")
            .output()
            .unwrap();
        (
            format!("--db {} {}", db.display(), args.join(" ")),
            format!("{}\n{}", stdout(&o), stderr(&o)),
        )
    };
    // Broken configuration files: each is refused before anything runs.
    let configs = [
        ("unknown_key.toml", "[ui]\ncolour = 3\n"),
        ("wrong_type.toml", "[programme]\ntarget_smes = \"many\"\n"),
        ("not_toml.toml", "[ui\n"),
        ("zone.toml", "[ui]\ntimezone = \"Mars/Olympus\"\n"),
        ("nan.toml", "[matching]\nweights = { size = nan }\n"),
        ("theme.toml", "[ui]\ntheme = \"neon\"\n"),
        ("bounds.toml", "[matching.bounds]\nsize_floor_usd = -1\n"),
    ];
    let configs: Vec<String> = configs
        .iter()
        .map(|(name, text)| env.write(name, text).display().to_string())
        .chain([env.path("missing.toml").display().to_string()])
        .collect();
    let trademap_bad = [
        "variant_truncated_HTML.xls",
        "variant_binary.bin",
        "variant_empty.txt",
        "variant_unknown_report.csv",
        "variant_truncated_List_of_importers_for_the_selected_product_(All_products).txt",
    ]
    .map(|f| format!("{fixtures}{f}"));
    let not_a_database = env.write("not_a_database.db", "hello, this is text\n");
    let package = env.path("out.pkg");
    let mut out = vec![run(&["init"])];
    for c in &configs {
        out.push(run(&["--config", c, "stats"]));
    }
    for f in &trademap_bad {
        out.push(run(&["demand", "import", f]));
    }
    out.push(run_on(env.dir.path(), &["stats"]));
    out.push(run_on(&not_a_database, &["stats"]));
    let commands: Vec<Vec<&str>> = vec![
        vec!["init"],
        vec!["check"],
        vec!["stats"],
        vec!["markets"],
        vec!["smes", "list"],
        vec!["smes", "import", bad_csv.to_str().unwrap()],
        vec!["smes", "import", "/nonexistent.csv"],
        vec!["smes", "export", export.to_str().unwrap()],
        vec!["smes", "import", export.to_str().unwrap(), "--dry-run"],
        vec![
            "smes",
            "edit",
            "1",
            "--set",
            "employees=-4",
            "--set",
            "oops",
        ],
        vec!["smes", "edit", "1", "--set", "employees=120"],
        vec!["smes", "delete", "2"],
        vec!["smes", "edit", "2", "--set", "employees=5"],
        vec!["smes", "restore", "2"],
        vec!["match", "1"],
        vec!["match", "3"],
        vec!["match", "3", "--top", "300"],
        vec!["match", "5", "--top", "300"],
        vec!["match", "1", "--product", "99"],
        vec![
            "match",
            "1",
            "--preset",
            "scale_up",
            "--weights",
            "size=30,distance=0",
        ],
        vec!["match", "999"],
        vec!["match", "1", "--preset", "nope"],
        // A market with a trade-remedy case: its note from the sources is quoted.
        vec!["report", "4", "--market", "USA"],
        vec![
            "match",
            "1",
            "--weights",
            "size=0,growth=0,income=0,access=0,distance=0,logistics=0,stability=0,fit=0",
        ],
        vec!["match", "--all"],
        vec!["plan", "show", "1"],
        vec!["plan", "set-stage", "1", "ARE", "engaged"],
        vec!["plan", "set-stage", "1", "ARE", "engaged"],
        vec!["plan", "set-stage", "1", "ARE", "dropped"],
        vec!["plan", "set-stage", "1", "ARE", "sideways"],
        vec![
            "plan",
            "add",
            "1",
            "ARE",
            "--action",
            "x",
            "--due",
            "2027-02-30",
        ],
        vec!["plan", "show", "3"],
        vec!["report", "1"],
        vec![
            "report",
            "1",
            "--format",
            "html",
            "-o",
            brief.to_str().unwrap(),
        ],
        vec!["report", "1", "--format", "pdf"],
        vec!["audit", "--sme", "1"],
        vec!["demand", "import", &trademap, "--dry-run"],
        vec!["demand", "import", &trademap],
        vec!["demand", "import", "/nonexistent.txt"],
        vec!["gen", "--smes", "3", "--seed", "7"],
        vec!["gen", "--smes", "0"],
        vec!["audit"],
        vec!["audit", "--sme", "4242"],
        vec!["match", "1", "--weights", "size=inf"],
        vec!["match", "1", "--weights", "sise=3"],
        vec!["match", "1", "--weights", "size"],
        vec!["match", "1", "--weights", "size=-1"],
        vec!["match", "1", "--weights", "size=lots"],
        vec!["backup", backup.to_str().unwrap()],
        vec!["backup", backup.to_str().unwrap()],
        vec!["assess", "1", "--history"],
        vec!["assess", "1", "--answers", "/nonexistent.toml"],
        vec!["assess", "2", "--answers", answers.to_str().unwrap()],
        vec!["assess", "2", "--history"],
        vec!["assess", "2", "--answers", bad_csv.to_str().unwrap()],
        vec!["match", "2"],
        vec!["report", "2", "-o", brief_md.to_str().unwrap()],
        vec!["report", "2"],
        vec!["sync", "name", " "],
        vec!["sync", "name", "Văn phòng"],
        vec!["sync", "id"],
        vec!["sync", "sites"],
        vec!["sync", "trust", "not-a-site"],
        vec!["sync", "export", package.to_str().unwrap()],
        vec!["sync", "export", package.to_str().unwrap(), "--for", "abc"],
        vec!["sync", "import", package.to_str().unwrap()],
        vec!["sync", "import", bad_csv.to_str().unwrap()],
        vec!["sync", "import", "/nonexistent.pkg"],
        vec!["sync", "conflicts"],
        vec!["sync", "resolve", "99", "--keep", "mine"],
        vec!["stats", "--by", "site"],
    ];
    for c in &commands {
        out.push(run(c));
    }
    // The briefs written to files, as a client reads them.
    for file in [&brief, &brief_md] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        assert!(!text.is_empty(), "{} was not written", file.display());
        out.push((file.display().to_string(), text));
    }
    out
}

/// The dashboard's screens, as the snapshot tests keep them (every screen, both languages).
fn screens(code: &str) -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".snap") && name.contains(&format!("_{code}_")) {
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(out.len() > 20, "{} screens in {code}", out.len());
    out
}

fn offenders(texts: &[(String, String)], sentences: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (what, text) in texts {
        for s in sentences {
            if text.contains(s.as_str()) {
                found.push(format!("{what}: {s:?}"));
            }
        }
    }
    found
}

#[test]
fn the_sentence_sets_come_from_the_catalogs() {
    let en = sentences(true);
    let vi = sentences(false);
    assert!(en.len() > 200, "{} English sentences", en.len());
    assert!(vi.len() > 200, "{} Vietnamese sentences", vi.len());
    assert!(en.contains("nothing was saved"));
    assert!(en.contains("a whole number ≥ 0"));
    assert!(vi.contains("chưa lưu gì cả"));
}

#[test]
fn vietnamese_shows_no_english_sentence() {
    let english = sentences(true);
    let mut texts = every_command("vi");
    texts.extend(screens("vi"));
    let found = offenders(&texts, &english);
    assert!(
        found.is_empty(),
        "English in Vietnamese mode:\n{}",
        found.join("\n")
    );
    // The runs did what they say (a bad value is refused in Vietnamese).
    let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("không phải số nguyên ≥ 0"), "{all}");
    assert!(all.contains("chưa lưu gì cả"));
    assert!(all.contains("không có khóa `colour`"), "{all}");
    assert!(all.contains("không có múi giờ `Mars/Olympus`"), "{all}");
    assert!(all.contains("là một thư mục, không phải tệp cơ sở dữ liệu"));
    assert!(all.contains("không có bộ trọng số `nope`"), "{all}");
    assert!(
        all.contains("Ghi chú (bản dịch của goglobal): Lệnh áp thuế ngày 2003-08-12"),
        "{all}"
    );
    assert!(all.contains("mọi trọng số thành phần đều bằng 0"), "{all}");
    assert!(all.contains("đã thêm 3 DN tổng hợp"), "{all}");
    assert!(all.contains("goglobal (dữ liệu mẫu) tạo DN 1"), "{all}");
    assert!(
        all.contains("tệp rỗng (hãy tải lại bảng từ Trade Map)"),
        "{all}"
    );
}

#[test]
fn english_shows_no_vietnamese_sentence() {
    let vietnamese = sentences(false);
    let mut texts = every_command("en");
    texts.extend(screens("en"));
    let found = offenders(&texts, &vietnamese);
    assert!(
        found.is_empty(),
        "Vietnamese in English mode:\n{}",
        found.join("\n")
    );
    let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("is not a whole number ≥ 0"), "{all}");
    assert!(all.contains("unknown key `colour`"), "{all}");
    assert!(all.contains("added 3 synthetic SMEs"), "{all}");
    assert!(all.contains("goglobal (sample data) create sme 1"), "{all}");
}
