//! Refusing bad input stays linear (issue 11): an answers file with 100,000 bad lines, and an
//! SME CSV saved with CRLF line ends with 20,000 bad rows, each reported with its line.
//!
//! `cargo bench --bench hardening`. Target: the 100,000-line answers file refused in well under
//! 1 s (it took 27.5 s when each line number was counted from the start of the file).

use std::collections::HashSet;
use std::sync::OnceLock;

use goglobal::domain::Reference;
use goglobal::domain::answers;
use goglobal::domain::readiness::Questionnaire;
use goglobal::store::{self, Store, sme_csv};

fn main() {
    divan::main();
}

fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(|| {
        let store = Store::open_in_memory().unwrap();
        store::load_reference(&store.conn).unwrap()
    })
}

#[divan::bench(args = [10_000, 100_000])]
fn refuse_answers_file(bencher: divan::Bencher, lines: usize) {
    let text: String = std::iter::once("[answers]\n".to_string())
        .chain((0..lines).map(|i| format!("Z{i} = 9\n")))
        .collect();
    bencher.bench(|| {
        let problems = answers::parse(&text, "a.toml", Questionnaire::builtin()).unwrap_err();
        assert_eq!(problems.len(), lines);
    });
}

#[divan::bench]
fn refuse_crlf_sme_csv_20000_rows(bencher: divan::Bencher) {
    let text: String = std::iter::once("name,tax_code,province,sector\r\n".to_string())
        .chain((0..20_000).map(|i| format!("Công ty {i},03{i:08},Atlantis,coffee\r\n")))
        .collect();
    let r = reference();
    bencher.bench(|| {
        let problems = sme_csv::parse(text.as_bytes(), "s.csv", r, &HashSet::new()).unwrap_err();
        assert!(problems.len() >= 20_000);
    });
}
