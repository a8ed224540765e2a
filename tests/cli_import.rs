//! `smes import` / `smes export` on the real binary: good files, and many kinds of breakage that
//! must leave the database unchanged with `FILE:LINE: column: …` messages and exit 2.

mod common;

use common::*;

const HEADER: &str = "name,tax_code,province,sector,employees,revenue_usd,founded,export_experience,current_markets,certifications,languages,products,contact_name,contact_email,contact_phone,notes";

fn row(overrides: &[(&str, &str)]) -> String {
    let mut cells = vec![
        ("name", "Công ty TNHH Cà phê Thử Nghiệm"),
        ("tax_code", "6000123456"),
        ("province", "Đắk Lắk"),
        ("sector", "coffee"),
        ("employees", "45"),
        ("revenue_usd", "1200000"),
        ("founded", "2012"),
        ("export_experience", "occasional"),
        ("current_markets", "DEU;JPN"),
        ("certifications", "HACCP;VIETGAP"),
        ("languages", "vi;en"),
        ("products", "0901.11:Cà phê nhân Robusta;090121"),
        ("contact_name", "Nguyễn Thị Lan"),
        ("contact_email", "lan@caphe.example.vn"),
        ("contact_phone", "+84 262 000 0000"),
        ("notes", "\"Ghi chú, có dấu phẩy\""),
    ];
    for (k, v) in overrides {
        cells.iter_mut().find(|(c, _)| c == k).unwrap().1 = v;
    }
    cells.iter().map(|(_, v)| *v).collect::<Vec<_>>().join(",")
}

fn smes(env: &Env) -> serde_json::Value {
    env.json(&["smes", "list", "--json"])
}

#[test]
fn imports_a_good_file_with_bom_crlf_and_former_province_names() {
    let env = Env::init(true);
    let text = format!(
        "\u{feff}{HEADER}\r\n{}\r\n{}\r\n",
        row(&[]),
        row(&[
            ("name", "Công ty Thủy sản Bình Dương Thử"),
            ("tax_code", "0312345678-001"),
            ("province", "binh duong"),
            ("sector", "seafood"),
            ("products", "030462"),
            ("current_markets", "usa"),
            ("certifications", "haccp"),
        ])
    );
    let file = env.write("good.csv", text);
    let out = env.run_ok(&["smes", "import", file.to_str().unwrap()]);
    assert!(out.contains("imported 2"), "{out}");
    let list = smes(&env);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["province"], "Đắk Lắk");
    assert_eq!(list[0]["products"], serde_json::json!(["090111", "090121"]));
    assert_eq!(list[0]["sample"], false);
    assert_eq!(list[1]["province"], "Thành phố Hồ Chí Minh");
    assert_eq!(list[1]["tax_code"], "0312345678001");
    assert_eq!(list[1]["current_markets"], serde_json::json!(["USA"]));
    assert_eq!(list[1]["certifications"], serde_json::json!(["HACCP"]));
}

#[test]
fn dry_run_stores_nothing() {
    let env = Env::init(true);
    let file = env.write("good.csv", format!("{HEADER}\n{}\n", row(&[])));
    let out = env.run_ok(&["smes", "import", file.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("1 SMEs are valid"), "{out}");
    assert_eq!(smes(&env).as_array().unwrap().len(), 0);
}

/// Each broken file: exit 2, a message naming file, line and column, and no change.
#[test]
fn broken_files_change_nothing_and_say_where() {
    let env = Env::init(false);
    let before = smes(&env);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", b"".to_vec(), ":1: empty file"),
        ("blank lines", b"\n\n  \n".to_vec(), ":1: empty file"),
        (
            "header only",
            format!("{HEADER}\n").into_bytes(),
            ":2: no SME rows",
        ),
        (
            "no header",
            format!("{}\n", row(&[])).into_bytes(),
            ":1: missing header",
        ),
        (
            "unknown column",
            format!("{HEADER},colour\n{},blue\n", row(&[])).into_bytes(),
            ":1: colour: unknown column",
        ),
        (
            "missing required column",
            "name,province,sector\nA,Hà Nội,coffee\n"
                .to_string()
                .into_bytes(),
            ":1: tax_code: required column missing",
        ),
        (
            "extra fields in a row",
            format!("{HEADER}\n{},extra\n", row(&[])).into_bytes(),
            ":2: row has 17 fields",
        ),
        (
            "empty name",
            format!("{HEADER}\n{}\n", row(&[("name", "")])).into_bytes(),
            ":2: name: empty",
        ),
        (
            "bad tax code",
            format!("{HEADER}\n{}\n", row(&[("tax_code", "12345")])).into_bytes(),
            ":2: tax_code:",
        ),
        (
            "unknown province",
            format!("{HEADER}\n{}\n", row(&[("province", "Atlantis")])).into_bytes(),
            ":2: province:",
        ),
        (
            "unknown HS code",
            format!("{HEADER}\n{}\n", row(&[("products", "123456:Nothing")])).into_bytes(),
            ":2: products:",
        ),
        (
            "unknown market",
            format!("{HEADER}\n{}\n", row(&[("current_markets", "XXX")])).into_bytes(),
            ":2: current_markets:",
        ),
        (
            "unknown certification",
            format!("{HEADER}\n{}\n", row(&[("certifications", "MADEUP")])).into_bytes(),
            ":2: certifications:",
        ),
        (
            "bad e-mail",
            format!(
                "{HEADER}\n{}\n",
                row(&[("contact_email", "lan at example")])
            )
            .into_bytes(),
            ":2: contact_email:",
        ),
        (
            "negative revenue",
            format!("{HEADER}\n{}\n", row(&[("revenue_usd", "-5")])).into_bytes(),
            ":2: revenue_usd:",
        ),
        (
            "negative employees",
            format!("{HEADER}\n{}\n", row(&[("employees", "-3")])).into_bytes(),
            ":2: employees:",
        ),
        (
            "words for a number",
            format!("{HEADER}\n{}\n", row(&[("employees", "many")])).into_bytes(),
            ":2: employees:",
        ),
        (
            "unknown experience",
            format!("{HEADER}\n{}\n", row(&[("export_experience", "lots")])).into_bytes(),
            ":2: export_experience:",
        ),
        (
            "duplicate tax code",
            format!("{HEADER}\n{}\n{}\n", row(&[]), row(&[("name", "Another")])).into_bytes(),
            ":3: tax_code:",
        ),
        (
            "latin-1 bytes",
            {
                let mut b = format!("{HEADER}\n").into_bytes();
                b.extend(
                    row(&[("name", "Caf\u{e9}")])
                        .replace('\u{e9}', "\u{1}")
                        .into_bytes(),
                );
                let pos = b.iter().rposition(|&c| c == 1).unwrap();
                b[pos] = 0xE9; // é in Latin-1: invalid UTF-8
                b.push(b'\n');
                b
            },
            ":2: name: not valid UTF-8",
        ),
        (
            "one good row, one bad",
            format!(
                "{HEADER}\n{}\n{}\n",
                row(&[]),
                row(&[("tax_code", "0100000009"), ("products", "1299")])
            )
            .into_bytes(),
            ":3: products:",
        ),
    ];
    for (what, content, expected) in cases {
        let file = env.write("bad.csv", &content);
        let out = env.run(&["smes", "import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.contains(&format!("bad.csv{expected}")),
            "{what}: expected `{expected}` in:\n{err}"
        );
        assert!(
            err.contains("nothing was imported") || err.contains("nothing"),
            "{what}: {err}"
        );
        assert_eq!(smes(&env), before, "{what}: database changed");
    }
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let env = Env::init(true);
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        row(&[("province", "Nowhere")]),
        row(&[("tax_code", "0100000009"), ("contact_email", "bad")])
    );
    let file = env.write("two.csv", text);
    let err = stderr(&env.run(&["smes", "import", file.to_str().unwrap()]));
    assert!(err.contains("two.csv:2: province:"), "{err}");
    assert!(err.contains("two.csv:3: contact_email:"), "{err}");
}

#[test]
fn missing_file_exits_2() {
    let env = Env::init(true);
    let out = env.run(&["smes", "import", "/nonexistent/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/file.csv"));
}

#[test]
fn export_then_import_round_trips_the_samples() {
    let env = Env::init(false);
    let file = env.path("out.csv");
    env.run_ok(&["smes", "export", file.to_str().unwrap()]);
    let other = Env::init(true);
    other.run_ok(&["smes", "import", file.to_str().unwrap()]);
    let again = other.path("again.csv");
    other.run_ok(&["smes", "export", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(&again).unwrap()
    );
}
