//! The SME form's HS picker: a search over the whole HS 2022 nomenclature (about 6,900 codes)
//! on every key press, and building its haystack (once per session, when the picker first
//! opens).
//!
//! `cargo bench --bench edit`. Target: a search in ≤ 5 ms.

use std::sync::OnceLock;

use goglobal::app::edit::HsIndex;
use goglobal::domain::Reference;
use goglobal::store::{self, Store};

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

/// A code, English words, Vietnamese words without accents, one letter, and typos (no entry
/// holds the words: every entry goes through the fuzzy matcher).
#[divan::bench(args = ["0901", "coffee", "shrimp frozen", "ca phe", "t", "frozn shrmp", "ca phx"])]
fn search(bencher: divan::Bencher, query: &str) {
    let r = reference();
    bencher
        .with_inputs(|| HsIndex::new(r))
        .bench_local_refs(|index| index.search(query));
}

#[divan::bench]
fn build_haystack(bencher: divan::Bencher) {
    let r = reference();
    bencher.bench(|| HsIndex::new(r));
}
