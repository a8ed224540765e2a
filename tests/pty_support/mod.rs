//! The real binary in a pseudo-terminal on a temporary database: keys go in as a terminal
//! sends them; the output is parsed by a terminal emulator (vt100) and tests wait for text on
//! the parsed screen instead of sleeping a fixed time.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    dir: tempfile::TempDir,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    pub fn start(cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, "[ui]\nlanguage = \"vi\"\ntheme = \"dark\"\n")
    }

    /// The dashboard on a new database in a temporary folder, with `config` as config.toml.
    pub fn start_with(cols: u16, rows: u16, config_toml: &str) -> Session {
        Session::start_in(tempfile::tempdir().unwrap(), cols, rows, config_toml)
    }

    /// The dashboard on `new.db` in `dir`, which may hold a database made beforehand (by the
    /// command line), with `config` as config.toml.
    pub fn start_in(dir: tempfile::TempDir, cols: u16, rows: u16, config_toml: &str) -> Session {
        let config = dir.path().join("config.toml");
        std::fs::write(&config, config_toml).unwrap();
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_goglobal"));
        cmd.arg("--db");
        cmd.arg(dir.path().join("new.db"));
        cmd.arg("--config");
        cmd.arg(&config);
        cmd.cwd(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("GOGLOBAL_NOW", "2026-11-23");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(rows, cols, 0),
            dir,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Feed output to the emulator until `ok(screen)` holds; panics with the screen on timeout.
    pub fn wait(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.parser.screen()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
        }
    }

    pub fn wait_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait(text, move |s| s.contents().contains(&t));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.screen_mut().set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            // Keep draining output so the child never blocks on a full pty buffer.
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(100)) {
                    self.parser.process(&bytes);
                }
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                self.child.kill().ok();
                panic!("the dashboard did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The temporary folder the dashboard runs in (database, config, reports).
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// The database and config the dashboard runs on (for CLI commands after it quit).
    pub fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("new.db")
    }

    pub fn config(&self) -> std::path::PathBuf {
        self.dir.path().join("config.toml")
    }
}
