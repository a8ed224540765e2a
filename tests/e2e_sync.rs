//! End to end on the real binary: two databases exchange a package made by the command line
//! (the same field of one SME changed at both), then the dashboard of the receiving site, in a
//! pseudo-terminal, shows the pending conflict and resolves it; the command line then sees it
//! resolved and the kept value in the row.

mod pty_support;

use std::path::Path;
use std::process::Command;

use pty_support::Session;

/// Run the command line on `db` (Vietnamese, the clock fixed like the dashboard's); stdout.
fn cli(dir: &Path, db: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_goglobal"))
        .current_dir(dir)
        .env("GOGLOBAL_NOW", "2026-11-23")
        .env("GOGLOBAL_LANG", "vi")
        .args(["--db", db])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &Path, db: &str, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&cli(dir, db, args)).unwrap()
}

#[test]
fn a_conflict_from_a_cli_package_is_shown_and_resolved_in_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // new.db is the database the dashboard opens (Bình's); an.db is the other advisor's.
    for (db, name) in [("an.db", "An (Cà Mau)"), ("new.db", "Bình (Đồng Tháp)")] {
        cli(d, db, &["init"]);
        cli(d, db, &["sync", "name", name]);
    }
    cli(
        d,
        "an.db",
        &["smes", "edit", "3", "--set", "notes=Giao hàng tháng 3"],
    );
    cli(
        d,
        "new.db",
        &["smes", "edit", "3", "--set", "notes=Giao hàng tháng 4"],
    );
    cli(d, "an.db", &["sync", "export", "an.pkg"]);
    cli(d, "new.db", &["sync", "import", "an.pkg", "--trust"]);
    assert_eq!(
        json(d, "new.db", &["sync", "conflicts", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let config = "[ui]\nlanguage = \"vi\"\ntheme = \"dark\"\n";
    let mut s = Session::start_in(dir, 120, 40, config);
    // The Dashboard's sync panel highlights the pending conflict and names the other site.
    s.wait_text("1 xung đột chờ quyết định");
    s.wait_text("An (Cà Mau) · nhận");
    // The SME list marks the SME with the pending conflict.
    s.send("2");
    s.wait_text("! CTCP Cá tra Phú Hòa");
    s.send("y");
    s.wait_text("Xung đột chờ xử lý (1)");
    // Both values, the other site's too (the frame may arrive in pieces: wait for it).
    s.wait_text("Giao hàng tháng 3");
    // Keep theirs (An's), confirm.
    s.send("t");
    s.wait_text("Xử lý xung đột");
    s.send("y");
    s.wait_text("Đã xử lý xung đột #1");
    s.wait_text("Xung đột chờ xử lý (0)");
    s.send("\x1b");
    s.wait_text("Không có xung đột chờ xử lý");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // The command line agrees: nothing pending, the row holds An's value, and the resolution
    // is a change of this site that the next package carries.
    let d = s.dir().to_path_buf();
    let pending = json(&d, "new.db", &["sync", "conflicts", "--json"]);
    assert!(pending.as_array().unwrap().is_empty(), "{pending}");
    cli(&d, "new.db", &["smes", "export", "smes.csv"]);
    let csv = std::fs::read_to_string(d.join("smes.csv")).unwrap();
    assert!(csv.contains("Giao hàng tháng 3"), "{csv}");
    assert!(!csv.contains("Giao hàng tháng 4"), "{csv}");
    let out = cli(&d, "new.db", &["sync", "export", "binh.pkg"]);
    assert!(out.contains("đã ghi binh.pkg"), "{out}");
    cli(&d, "an.db", &["sync", "import", "binh.pkg", "--trust"]);
    assert_eq!(
        json(&d, "an.db", &["sync", "dump"]),
        json(&d, "new.db", &["sync", "dump"])
    );
}
