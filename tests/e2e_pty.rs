//! End to end: the real binary in a pseudo-terminal on a temporary database. Keys go in as a
//! terminal sends them; the output is parsed by a terminal emulator (vt100) and the test waits
//! for text on the parsed screen instead of sleeping a fixed time.

mod pty_support;

use pty_support::Session;

#[test]
fn browse_search_help_language_resize_and_quit() {
    let mut s = Session::start(80, 24);
    // First run: the database is created and seeded, then the dashboard opens in Vietnamese.
    s.wait_text("1 Tổng quan");
    s.wait_text("Danh mục DN");
    assert!(s.parser.screen().alternate_screen());

    s.send("2");
    s.wait_text("Doanh nghiệp 70/70");

    // An accent-free search finds the diacritics; `q` typed here is text, not quit.
    s.send("/dong thap");
    s.wait_text("Doanh nghiệp 5/70");
    assert!(s.screen().contains("Đồng Tháp"));
    s.send("q");
    s.wait_text("Doanh nghiệp 0/70");
    s.send("\x7f"); // Backspace
    s.wait_text("Doanh nghiệp 5/70");
    s.send("\r");
    s.wait_text("Tìm \"dong thap\"");

    s.send("?");
    s.wait_text("Phím tắt");
    s.send("\x1b");
    s.wait("help closed", |sc| !sc.contents().contains("Phím tắt"));

    s.send("L");
    s.wait_text("SMEs 5/70");
    assert!(s.screen().contains("1 Dashboard"));

    // A bigger terminal: the table gains width, the status bar moves to the new right edge.
    s.resize(110, 30);
    s.wait("redraw at 110×30", |sc| {
        sc.contents()
            .lines()
            .last()
            .is_some_and(|l| l.trim_end().ends_with("EN") && l.trim_end().chars().count() > 100)
    });
    // And one too small to draw anything useful.
    s.resize(12, 4);
    s.wait_text("Terminal");
    s.resize(80, 24);
    s.wait_text("SMEs 5/70");

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // The terminal is given back: main screen, no mouse capture, no bracketed paste.
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(!screen.bracketed_paste());
    assert!(!screen.hide_cursor());
}

#[test]
fn ctrl_c_quits_from_the_search_line() {
    let mut s = Session::start(80, 24);
    s.wait_text("1 Tổng quan");
    s.send("2/ng");
    s.wait_text("Tìm: ng");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn bad_key_override_fails_before_the_terminal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[ui.keys]\njump = \"j\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_goglobal"))
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown action `jump`"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
}

#[test]
fn assess_save_and_write_a_brief_from_an_sme() {
    let mut s = Session::start(80, 24);
    s.wait_text("1 Tổng quan");
    s.send("2/mui dua\r\r");
    s.wait_text("Mũi Dừa");
    // The form opens on the first domain; digits answer here instead of switching tabs.
    s.send("a");
    s.wait_text("Đánh giá mức sẵn sàng xuất khẩu");
    s.send("3");
    s.wait_text("Điểm hiện tại: 75/100");
    s.send("s");
    s.wait_text("Đã lưu đánh giá: 75/100");
    // Back on the detail, which now has a readiness panel.
    s.wait_text("Mức sẵn sàng");
    s.send("r");
    s.wait_text("Đã ghi bản tóm tắt vào");
    let reports = s.dir().join("reports");
    let files: Vec<_> = std::fs::read_dir(&reports).unwrap().collect();
    assert_eq!(files.len(), 1, "{reports:?}");
    let name = files[0].as_ref().unwrap().file_name();
    assert!(
        name.to_string_lossy().ends_with("-2026-11-23.md"),
        "{name:?}"
    );
    s.send("q");
    s.wait_text("Doanh nghiệp 1/70");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
