//! Helpers for tests that run the real binary on a temporary database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Default for Env {
    fn default() -> Self {
        Env::new()
    }
}

impl Env {
    /// A temporary directory with a database path inside (not yet created).
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("t.db");
        Env { dir, db }
    }

    /// A temporary database created with `init` (with the sample portfolio unless `no_sample`).
    pub fn init(no_sample: bool) -> Env {
        let env = Env::new();
        let mut args = vec!["init"];
        if no_sample {
            args.push("--no-sample");
        }
        let out = env.run(&args);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_goglobal"));
        c.arg("--db").arg(&self.db);
        // Tests never pick up a developer's config: the built-in one unless a test says otherwise.
        c.env("GOGLOBAL_CONFIG", config_path());
        c.env("GOGLOBAL_NOW", "2026-11-23T09:00:00Z");
        c.env_remove("GOGLOBAL_DB");
        // Assertions read English; a test of the Vietnamese output passes `--lang vi`.
        c.env("GOGLOBAL_LANG", "en");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run goglobal")
    }

    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "goglobal {args:?} failed ({:?}): {}",
            out.status.code(),
            stderr(&out)
        );
        stdout(&out)
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.run_ok(args)).expect("valid JSON")
    }
}

pub fn config_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
