//! Issue 11 from outside, on the real binary: closed pipes and full disks, paths that cannot be
//! used, exact error lines, linear refusal of a huge answers file, the local date.

mod common;

use std::process::{Command, Output, Stdio};

use common::{Env, stderr, stdout};

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert_ne!(out.status.code(), Some(101), "panicked: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Run with standard output a pipe whose read end is already closed (`| head -0`).
fn run_into_closed_pipe(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn goglobal");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait goglobal")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_exit_0() {
    let env = Env::init(false);
    for args in [
        &["smes", "list"][..],
        &["smes", "list", "--json"],
        &["match", "1", "--json"],
        &["match", "1"],
        &["markets", "--json"],
        &["markets"],
        &["audit"],
        &["match", "--all"],
        &["report", "1"],
        &["stats"],
    ] {
        let mut cmd = env.cmd();
        cmd.args(args);
        let out = run_into_closed_pipe(cmd);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("goglobal:"),
            "{args:?} printed an error: {}",
            stderr(&out)
        );
    }
}

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (Linux)")
}

#[test]
fn a_full_disk_is_exit_2_naming_standard_output() {
    let env = Env::init(false);
    for args in [
        &["smes", "list"][..],
        &["markets", "--json"],
        &["audit"],
        &["match", "1"],
    ] {
        let out = env.cmd().args(args).stdout(dev_full()).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("standard output"), "{}", stderr(&out));
    }
    let out = env.run(&["match", "--all", "--out", "/dev/full"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/dev/full"), "{}", stderr(&out));
}

#[test]
fn a_folder_as_database_is_exit_2_naming_it() {
    let mut env = Env::new();
    let dir = env.path("a-folder");
    std::fs::create_dir(&dir).unwrap();
    env.db = dir.clone();
    let out = env.run(&["stats"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&dir.display().to_string()) && err.contains("folder"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_exit_2_naming_it() {
    let mut env = Env::new();
    let file = env.write("notes.txt", "hello, not SQLite at all\n".repeat(200));
    env.db = file.clone();
    let before = std::fs::read(&file).unwrap();
    for args in [&["stats"][..], &["smes", "list"], &["check"]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&file.display().to_string()), "{err}");
        assert!(err.contains("not a goglobal database"), "{err}");
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file was changed"
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_read_only_database_is_exit_2_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::init(true);
    let before = std::fs::read(&env.db).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root writes to any file: run as `nobody` instead, in a folder it may read but not write.
    let mut cmd = if is_root() {
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_goglobal"));
        c.env("GOGLOBAL_CONFIG", common::config_path());
        c.env("GOGLOBAL_LANG", "en");
        c.env_remove("GOGLOBAL_DB");
        c.arg("--db").arg(&env.db);
        c
    } else {
        env.cmd()
    };
    let out = cmd.args(["smes", "purge-samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&env.db.display().to_string()), "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn a_backup_into_a_missing_folder_is_exit_2_naming_it() {
    let env = Env::init(true);
    let dest = env.path("no-such-folder").join("copy.db");
    let out = env.run(&["backup", dest.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&dest.display().to_string()), "{err}");
    assert!(err.contains("create the folder"), "{err}");
}

#[test]
fn crlf_csv_reports_the_real_line() {
    let env = Env::init(true);
    let good = "Công ty A,0312345678,Hà Nội,coffee";
    let bad = "Công ty B,0312345679,Atlantis,coffee";
    let text = format!("name,tax_code,province,sector\r\n{good}\r\n{bad}\r\n");
    let file = env.write("bad.csv", text);
    let before = std::fs::read(&env.db).unwrap();
    let out = env.run(&["smes", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:3:"), "{err}");
    assert!(!err.contains("bad.csv:2:"), "{err}");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn a_bad_key_in_a_nested_preset_names_its_own_line() {
    let env = Env::init(true);
    let config = env.write(
        "c.toml",
        "[matching]\nweights = { size = 20 }\n\n[matching.presets.first_time]\nweights = { size = 15 }\n\n[matching.presets.halal]\nweights = { fit = 10, size = -1 }\n",
    );
    let out = env
        .cmd()
        .arg("--config")
        .arg(&config)
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("c.toml:8:"), "{}", stderr(&out));
}

#[test]
fn a_100000_line_answers_file_is_refused() {
    // Functional only: the speed is measured in benches/hardening.rs.
    let env = Env::init(false);
    let text: String = std::iter::once("[answers]\n".to_string())
        .chain((0..100_000).map(|i| format!("Z{i} = 9\n")))
        .collect();
    let file = env.write("a.toml", text);
    let before = std::fs::read(&env.db).unwrap();
    let out = env.run(&["assess", "1", "--answers", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("a.toml:2: unknown item `Z0`"),
        "{}",
        &err[..500.min(err.len())]
    );
    assert!(err.contains("a.toml:100001: unknown item `Z99999`"));
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn weights_that_are_not_numbers_say_so() {
    let env = Env::init(false);
    for value in ["nan", "inf", "-inf", "NaN"] {
        let out = env.run(&["match", "1", "--weights", &format!("size={value}")]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a number"),
            "{value}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("negative"), "{}", stderr(&out));
    }
}

#[test]
fn an_html_cell_with_an_ampersand_before_vietnamese_text_does_not_panic() {
    let env = Env::init(true);
    let page = "<html><body><table><tr><td>Trade Map - List of importers for the selected product</td></tr>\
        <tr><td>Product: 0901 Coffee</td></tr></table>\
        <table><tr><th>Importers</th><th>Value imported in 2024 (USD thousand)</th></tr>\
        <tr><td>Q&A về xuất khẩu</td><td>12</td></tr><tr><td>Japan</td><td>1&ềềềề;</td></tr></table></body></html>";
    let file = env.write("importers.xls", page);
    let before = std::fs::read(&env.db).unwrap();
    let out = env.run(&["demand", "import", file.to_str().unwrap()]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

/// The brief's date at `now` (UTC) with `[ui] timezone` set to `zone` (None = the default).
fn brief_date(env: &Env, now: &str, zone: Option<&str>, tz: Option<&str>) -> String {
    let mut cmd = env.cmd();
    cmd.env("GOGLOBAL_NOW", now);
    if let Some(zone) = zone {
        let config = env.write(
            "zone.toml",
            format!("[ui]\nlanguage = \"en\"\ntimezone = \"{zone}\"\n"),
        );
        cmd.arg("--config").arg(config);
    }
    match tz {
        Some(tz) => cmd.env("TZ", tz),
        None => cmd.env_remove("TZ"),
    };
    let out = cmd.args(["report", "1", "--lang", "en"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let date = text
        .split_once("Prepared on ")
        .and_then(|(_, rest)| rest.get(..10))
        .unwrap_or_else(|| panic!("no date in the brief:\n{text}"));
    date.to_string()
}

#[test]
fn today_is_the_local_day_in_viet_nam_between_00_and_07() {
    let env = Env::init(false);
    // 23:30 UTC on 1 December is 06:30 on 2 December in Viet Nam.
    assert_eq!(
        brief_date(&env, "2026-12-01T23:30:00Z", None, None),
        "2026-12-02"
    );
    assert_eq!(
        brief_date(&env, "2026-12-01T16:59:00Z", None, None),
        "2026-12-01"
    );
    assert_eq!(
        brief_date(&env, "2026-12-01T17:00:00Z", None, None),
        "2026-12-02"
    );
    assert_eq!(
        brief_date(&env, "2026-12-01T23:30:00Z", Some("UTC"), None),
        "2026-12-01"
    );
    // `local` follows the system's zone (here set by TZ as a POSIX rule).
    assert_eq!(
        brief_date(&env, "2026-12-01T23:30:00Z", Some("local"), Some("UTC0")),
        "2026-12-01"
    );
    assert_eq!(
        brief_date(&env, "2026-12-01T23:30:00Z", Some("local"), Some("<+07>-7")),
        "2026-12-02"
    );
}
