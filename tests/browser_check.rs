//! The HTML brief in a real browser: runs `.ci/browser-check` (headless Chromium prints the
//! brief of a sample SME to A4 PDF and takes a screenshot; see the script) when Chromium is
//! installed, and says plainly that it was skipped when it is not.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `$CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("chromium"), dir.join("chromium-browser")])
        .find(|p| p.is_file())
}

#[test]
fn the_html_brief_prints_on_a4_with_its_three_pictures_in_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "NOTE: browser check SKIPPED: Chromium is not installed \
             (apt-get install chromium poppler-utils, or set CHROMIUM=/path/to/chromium)"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(root.join(".ci/browser-check"))
        .arg(env!("CARGO_BIN_EXE_goglobal"))
        .arg(out.path())
        .env("CHROMIUM", &browser)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}");
    assert_eq!(
        run.status.code(),
        Some(0),
        "browser check failed with {}:\n{stdout}\n{stderr}",
        browser.display()
    );
    assert!(stdout.contains("browser check passed"), "{stdout}");
}
