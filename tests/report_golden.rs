//! Golden tests of the client brief: a fixed SME with a pipeline and a plan, the real binary with
//! a fixed clock, compared byte for byte with `tests/golden/`. After an intended change, run
//! `GOLDEN_UPDATE=1 cargo test --test report_golden`, read the diff of `tests/golden/`, commit.
//! The HTML brief's three pictures are also kept as `brief_{en,vi}_{readiness,scores,map}.svg`.

mod common;

use std::path::Path;

use common::{Env, stderr};
use goglobal::domain::{ExportExperience, Product, Sme, Stage};
use goglobal::store::{NewPlanItem, NewShortlistEntry, Store};

/// A fictional coffee exporter (not a sample-portfolio record, so the brief has no sample
/// banner), with ARE shortlisted and planned, SAU dropped.
fn fixture() -> (Env, i64) {
    let env = Env::new();
    let (mut store, _) = Store::open(&env.db).unwrap();
    let sme = Sme {
        name: "Cà phê Hồng Nguyên & Co <Test>".into(),
        tax_code: "0305203251".into(),
        province: "Đắk Lắk".into(),
        sector: "coffee".into(),
        employees: Some(70),
        revenue_usd: Some(12_000_000.0),
        founded: Some(2005),
        export_experience: Some(ExportExperience::Occasional),
        current_markets: vec!["DEU".into(), "USA".into()],
        certifications: vec!["HACCP".into(), "PHYTO".into()],
        languages: vec!["vi".into(), "en".into()],
        products: vec![
            Product {
                hs: "090111".into(),
                description: "Green robusta coffee".into(),
            },
            Product {
                hs: "210111".into(),
                description: "Instant coffee".into(),
            },
        ],
        contact_name: "Phan Văn Đức".into(),
        contact_email: "duc@example.vn".into(),
        ..Default::default()
    };
    let id = store.insert_smes(&[sme], "Lan").unwrap()[0];
    let entry = |iso3: &str, score: f64| NewShortlistEntry {
        hs: "090111".into(),
        iso3: iso3.into(),
        score: Some(score),
        snapshot: format!("{{\"score\":{score}}}"),
        reference_version: goglobal::store::reference_version(),
    };
    let plan = [
        NewPlanItem {
            iso3: "ARE".into(),
            gap: "GCC-GSO-LABEL".into(),
            action: "Print Arabic labels | check with the importer".into(),
            provider_id: Some("P069".into()),
            owner: "Lan".into(),
            due: Some("2027-02-01".into()),
            notes: String::new(),
        },
        NewPlanItem {
            iso3: "ARE".into(),
            gap: String::new(),
            action: "Meet buyers at Gulfood".into(),
            provider_id: Some("P001".into()),
            owner: "Minh".into(),
            due: None,
            notes: String::new(),
        },
    ];
    store
        .save_shortlist(id, &[entry("ARE", 71.25), entry("SAU", 64.8)], &plan, "Lan")
        .unwrap();
    store
        .set_stage(
            id,
            "SAU",
            None,
            Stage::Dropped,
            "buyer chose Brazilian coffee",
            "Lan",
        )
        .unwrap();
    drop(store);
    // Assessed through the real binary so that the assessment date is the fixed clock's.
    // Ecosystem links (F) are weak, so the brief routes them to services.
    let answers = env.write(
        "answers.toml",
        "[answers]\nA1 = 4\nA2 = 3\nA3 = 3\nA4 = 2\nA5 = 3\n\
         B1 = 3\nB2 = 2\nB3 = 3\nB4 = 2\nB5 = 3\nB6 = 3\n\
         C1 = 3\nC2 = 4\nC3 = 3\nC4 = 2\nC5 = 3\nC6 = 2\n\
         D1 = 3\nD2 = 3\nD3 = 1\nD4 = 2\n\
         E1 = 2\nE2 = 2\nE3 = 1\n\
         F1 = 1\nF2 = 1\nF3 = 0\nF4 = 1\n",
    );
    let out = env.run(&[
        "assess",
        &id.to_string(),
        "--answers",
        answers.to_str().unwrap(),
        "--assessor",
        "Nguyễn Thu Hằng",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (env, id)
}

/// The reference-data version changes with every data release; the golden files hold a marker.
fn check(name: &str, actual: &str) {
    let actual = actual.replace(&goglobal::store::reference_version(), "<REFERENCE_VERSION>");
    let actual = actual.as_str();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} missing: run GOLDEN_UPDATE=1 cargo test --test report_golden",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (if intended: GOLDEN_UPDATE=1 cargo test --test report_golden, then review the diff)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn brief(env: &Env, id: i64, args: &[&str]) -> String {
    let id = id.to_string();
    let mut all = vec!["report", id.as_str()];
    all.extend_from_slice(args);
    let out = env.cmd().args(&all).env("USER", "tester").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn golden_markdown_and_html_briefs() {
    let (env, id) = fixture();
    check("brief_en.md", &brief(&env, id, &["--lang", "en"]));
    check(
        "brief_vi.md",
        &brief(&env, id, &["--lang", "vi", "--market", "are"]),
    );
    let html_en = brief(&env, id, &["--lang", "en", "--format", "html"]);
    check("brief_en.html", &html_en);
    let html_vi = brief(&env, id, &["--lang", "vi", "--format", "html"]);
    check("brief_vi.html", &html_vi);
    // The pictures on their own: a change to the drawing shows as a readable SVG diff.
    for (lang, html) in [("en", &html_en), ("vi", &html_vi)] {
        for name in ["readiness", "scores", "map"] {
            let svg = picture(html, name)
                .unwrap_or_else(|| panic!("the {lang} brief has no {name} picture"));
            check(&format!("brief_{lang}_{name}.svg"), &svg);
        }
    }
}

/// The `<svg>` element with id `gg-{name}` in `html`, with a final newline.
fn picture(html: &str, name: &str) -> Option<String> {
    let id = format!(" id=\"gg-{name}\"");
    let start = html.match_indices("<svg ").find(|(at, _)| {
        html[*at..]
            .split_once('>')
            .is_some_and(|(tag, _)| tag.contains(&id))
    })?;
    let end = html[start.0..].find("</svg>")? + start.0 + "</svg>".len();
    Some(format!("{}\n", &html[start.0..end]))
}
