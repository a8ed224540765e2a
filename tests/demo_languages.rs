//! The demo portfolio reads in the reader's language whoever created the database: sample
//! products and notes, the demo pipeline's plan actions and whys switch with `--lang`.

mod common;

use common::{Env, stderr, stdout};

/// What a person reads of sample SME 3 (pipeline, plan, decisions, match, brief) in `lang`.
fn read_all(env: &Env, lang: &str) -> String {
    let mut all = String::new();
    for args in [
        vec!["plan", "show", "3"],
        vec!["plan", "show", "5"],
        vec!["match", "3", "--top", "3"],
        vec!["match", "4", "--top", "3"],
        vec!["report", "3"],
        vec!["report", "5"],
    ] {
        let o = env
            .cmd()
            .args(["--lang", lang])
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        all.push_str(&stdout(&o));
    }
    all
}

/// Demo texts of two words or more (a one-word product name may be any language's word).
fn texts(english: bool) -> Vec<&'static str> {
    goglobal::store::sample_texts::pairs()
        .into_iter()
        .filter(|(en, vi)| en != vi)
        .map(|(en, vi)| if english { en } else { vi })
        .filter(|t| t.split_whitespace().count() >= 2)
        .collect()
}

#[test]
fn a_database_created_in_english_reads_in_vietnamese() {
    let env = Env::new();
    assert!(
        env.cmd()
            .args(["--lang", "en", "init"])
            .status()
            .unwrap()
            .success()
    );
    let vi = read_all(&env, "vi");
    let english: Vec<&str> = texts(true).into_iter().filter(|t| vi.contains(t)).collect();
    assert!(
        english.is_empty(),
        "English demo texts in Vietnamese: {english:?}"
    );
    assert!(vi.contains("Phi-lê cá tra đông lạnh"), "{vi}");
    assert!(vi.contains("đơn hàng thứ ba trong vòng 90 ngày"), "{vi}");
}

#[test]
fn a_database_created_in_vietnamese_reads_in_english() {
    let env = Env::new();
    assert!(
        env.cmd()
            .args(["--lang", "vi", "init"])
            .status()
            .unwrap()
            .success()
    );
    let en = read_all(&env, "en");
    let vietnamese: Vec<&str> = texts(false)
        .into_iter()
        .filter(|t| en.contains(t))
        .collect();
    assert!(
        vietnamese.is_empty(),
        "Vietnamese demo texts in English: {vietnamese:?}"
    );
    assert!(en.contains("Frozen pangasius fillets"), "{en}");
    assert!(en.contains("third order within 90 days"), "{en}");
}

#[test]
fn a_text_typed_over_a_sample_stays_as_typed() {
    let env = Env::new();
    assert!(
        env.cmd()
            .args(["--lang", "en", "init"])
            .status()
            .unwrap()
            .success()
    );
    let o = env
        .cmd()
        .args([
            "smes",
            "edit",
            "3",
            "--set",
            "products=030462:Cá tra phi lê loại 1",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for lang in ["en", "vi"] {
        let o = env
            .cmd()
            .args(["--lang", lang, "match", "3", "--top", "1"])
            .output()
            .unwrap();
        assert!(
            stdout(&o).contains("Cá tra phi lê loại 1"),
            "{}",
            stdout(&o)
        );
    }
}
