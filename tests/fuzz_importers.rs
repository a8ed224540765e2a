//! Property tests: every importer (SME CSV, the three Trade Map formats, answers TOML, config
//! TOML, key bindings) given arbitrary bytes or structured mutations of real files returns a
//! result or a clean error, never panics; a refused import exits 2 and leaves the database
//! byte-identical.
//!
//! The default run takes seconds. A long run (the README's "Reliability" section):
//! `PROPTEST_CASES=20000 nice -n 19 cargo test --release --test fuzz_importers`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use goglobal::app::{Key, Keymap};
use goglobal::cli::data::DemandCommand;
use goglobal::cli::{Command, Ctx, SmesCommand};
use goglobal::config::Config;
use goglobal::domain::answers;
use goglobal::domain::readiness::Questionnaire;
use goglobal::domain::{Reference, trademap};
use goglobal::store::{self, Store, sme_csv};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as Cases;

/// Cases per property: `PROPTEST_CASES`, else a number that keeps `cargo test` fast.
fn cases(default: u32) -> Cases {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Cases {
        cases: n,
        failure_persistence: None,
        ..Cases::default()
    }
}

const SME_CSV: &str = include_str!("../data/sample_smes.csv");
const TRADEMAP: [&[u8]; 5] = [
    include_bytes!(
        "fixtures/trademap/01_TM_List_of_importers_for_the_selected_product_(All_products)_World_2009-2020.txt"
    ),
    include_bytes!(
        "fixtures/trademap/07_TM_List_of_importing_markets_for_a_product_exported_by_Algeria_AllProducts_2013-2017_native.csv"
    ),
    include_bytes!("fixtures/trademap/variant_apostrophe_vn_exports.csv"),
    include_bytes!(
        "fixtures/trademap/variant_crlf_List_of_importers_for_the_selected_product_(All_products).txt"
    ),
    // The "Excel" (HTML) export, cut to its first tables to keep cases quick.
    SMALL_HTML.as_bytes(),
];
const SMALL_HTML: &str = "<html><body><table><tr><td colspan=\"4\">Trade Map - List of importers for the selected product in 2024</td></tr>\
<tr><td>Product: 0901 Coffee, whether or not roasted</td></tr><tr><td>Unit : US Dollar thousand</td></tr></table>\
<table><tr><th rowspan=\"2\">Importers</th><th colspan=\"3\">Indicators</th></tr>\
<tr><th>Value imported in 2024 (USD thousand)</th><th>Annual growth in value between 2020-2024 (%)</th><th>Tariff</th></tr>\
<tr><td>World</td><td>45 000 000</td><td>5</td><td></td></tr>\
<tr style=\"color:Goldenrod\"><td>C&ocirc;te d&#39;Ivoire</td><td>1 200</td><td>-3</td><td>0</td></tr>\
<tr><td>Japan</td><td>1&nbsp;500</td><td>2</td><td>0</td></tr>\
<tr><td>Viet Nam</td><td>30</td><td>...</td><td>...</td></tr></table></body></html>";
/// File names matter to the Trade Map reader (they can say the report and product).
const TRADEMAP_NAMES: [&str; 5] = [
    "List_of_importers_for_the_selected_product_(All_products).txt",
    "List_of_importing_markets_for_a_product_exported_by_Algeria_AllProducts.csv",
    "vn_exports.csv",
    "List_of_importers_for_the_selected_product_(All_products)_crlf.txt",
    "importers_HS0901.xls",
];
const ANSWERS: &str = "# visit\n[answers]\nA1 = 4\nA2 = 3\nB1 = 2\nC2 = 0x3\n\n[notes]\nA1 = \"ERC seen\"\nB1 = \"Giấy chứng nhận\"\n";
const CONFIG: &str = include_str!("../config.toml");

fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(|| {
        let store = Store::open_in_memory().unwrap();
        store::load_reference(&store.conn).unwrap()
    })
}

/// Text that breaks parsers: multi-byte letters, entities, line ends, BOMs, NULs, quotes,
/// separators, deep nesting.
const INSERTS: &[&str] = &[
    "ề",
    "Đồng Tháp",
    "中文",
    "🙂",
    "\u{301}",
    "&",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "&ocirc;",
    "&ềềềềềề;",
    "\r\n",
    "\r",
    "\n",
    "\n\r",
    "\u{feff}",
    "\0",
    "\"",
    "\"\"",
    ",",
    ";",
    "\t",
    "<",
    ">",
    "<table>",
    "</table>",
    "<tr>",
    "<td colspan=\"9999\">",
    "<td rowspan=\"64\">",
    "<!--",
    "-->",
    "<script>",
    "[",
    "]",
    "[[a]]",
    "{",
    "}",
    "=",
    "'",
    "\\",
    "\\u0000",
    "#",
    "...",
    "-",
    "1e308",
    "-0",
    "NaN",
    "inf",
    "0x",
    "İ",
    "ß",
    "K",
    "Σ",
    "\u{2028}",
    "exported by ",
    "Product: ",
    "Unit : ",
    "(USD ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Insert(Index, usize),
    Delete(Index, usize),
    /// Every `\n` becomes `\r\n`, `\r` or stays, by position.
    LineEnds(u8),
    Bom,
    /// A run of `[`, `{`, `<table><tr><td>` or `a.` (dotted keys) thousands deep.
    DeepNesting(Index, u8, usize),
    /// One field of 64 to 512 KB.
    HugeField(Index, usize),
    Bytes(Index, Vec<u8>),
    DuplicateLines(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 0..INSERTS.len()).prop_map(|(i, k)| Mutation::Insert(i, k)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<u8>().prop_map(Mutation::LineEnds),
        Just(Mutation::Bom),
        (any::<Index>(), 0u8..4, 100usize..5000)
            .prop_map(|(i, k, n)| Mutation::DeepNesting(i, k, n)),
        (any::<Index>(), 64_000usize..512_000).prop_map(|(i, n)| Mutation::HugeField(i, n)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Bytes(i, b)),
        (any::<Index>(), 2usize..200).prop_map(|(i, n)| Mutation::DuplicateLines(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match m {
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            Mutation::Insert(i, k) => {
                let p = at(i, bytes.len());
                bytes.splice(p..p, INSERTS[*k].bytes());
            }
            Mutation::Delete(i, n) => {
                let p = at(i, bytes.len());
                let end = (p + n).min(bytes.len());
                bytes.drain(p..end);
            }
            Mutation::LineEnds(seed) => {
                let mut out = Vec::with_capacity(bytes.len() * 2);
                for (k, b) in bytes.iter().enumerate() {
                    match (b, (k + *seed as usize) % 3) {
                        (b'\n', 0) => out.extend(b"\r\n"),
                        (b'\n', 1) => out.push(b'\r'),
                        _ => out.push(*b),
                    }
                }
                bytes = out;
            }
            Mutation::Bom => bytes.splice(0..0, [0xEF, 0xBB, 0xBF]).for_each(drop),
            Mutation::DeepNesting(i, kind, n) => {
                let unit: &[u8] = match kind {
                    0 => b"[",
                    1 => b"{",
                    2 => b"<table><tr><td>",
                    _ => b"a.",
                };
                let p = at(i, bytes.len());
                bytes.splice(p..p, unit.repeat(*n));
            }
            Mutation::HugeField(i, n) => {
                let p = at(i, bytes.len());
                bytes.splice(p..p, "ề".repeat(n / 3).into_bytes());
            }
            Mutation::Bytes(i, b) => {
                let p = at(i, bytes.len());
                bytes.splice(p..p, b.iter().copied());
            }
            Mutation::DuplicateLines(i, n) => {
                let p = at(i, bytes.len());
                let line_start = bytes[..p]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |x| x + 1);
                let line_end = bytes[p..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |x| p + x + 1);
                let line = bytes[line_start..line_end].to_vec();
                // Copies of a huge line would only test the allocator.
                let n = (*n).min(MAX_LEN / line.len().max(1));
                for _ in 0..n {
                    bytes.splice(line_end..line_end, line.iter().copied());
                }
            }
        }
        bytes.truncate(MAX_LEN);
    }
    bytes
}

/// Inputs stay below this size.
const MAX_LEN: usize = 2 << 20;

/// A real file, mutated; or arbitrary bytes.
fn input(seeds: &'static [&'static [u8]]) -> impl Strategy<Value = (usize, Vec<u8>)> {
    prop_oneof![
        4 => (0..seeds.len(), prop::collection::vec(mutation(), 0..6))
            .prop_map(move |(s, m)| (s, apply(seeds[s].to_vec(), &m))),
        1 => (0..seeds.len(), prop::collection::vec(any::<u8>(), 0..4096)),
    ]
}

const SME_SEEDS: &[&[u8]] = &[SME_CSV.as_bytes()];
const ANSWER_SEEDS: &[&[u8]] = &[ANSWERS.as_bytes()];
const CONFIG_SEEDS: &[&[u8]] = &[CONFIG.as_bytes()];

/// A database on disk for the import commands, and its bytes (with its WAL, if any).
struct Db {
    _dir: tempfile::TempDir,
    ctx: Ctx,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("fuzz.db");
        Store::open(&db_path).unwrap();
        let ctx = Ctx {
            db_path,
            config: Config::default(),
        };
        Db { _dir: dir, ctx }
    }

    fn bytes(&self) -> Vec<Vec<u8>> {
        ["", "-wal"]
            .iter()
            .map(|s| {
                std::fs::read(format!("{}{s}", self.ctx.db_path.display())).unwrap_or_default()
            })
            .collect()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self._dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Run an import command on `file`: refused → exit 2 and not a byte changed.
    fn import_refused_cleanly(&self, command: Command, file: &Path) -> Result<(), TestCaseError> {
        let before = self.bytes();
        if let Err(err) = goglobal::cli::run(&self.ctx, &command) {
            let code = goglobal::error::exit_code(&err);
            prop_assert_eq!(
                code,
                2,
                "{} refused with exit {}: {:#}",
                file.display(),
                code,
                err
            );
            prop_assert!(
                self.bytes() == before,
                "{}: refused but the database changed",
                file.display()
            );
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn sme_csv_never_panics((_, bytes) in input(SME_SEEDS)) {
        let _ = sme_csv::parse(&bytes, "f.csv", reference(), &HashSet::new());
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn trademap_never_panics((seed, bytes) in input(&TRADEMAP), hs in prop::option::of("[0-9]{2,6}|TOTAL|ề")) {
        let _ = trademap::parse(&bytes, TRADEMAP_NAMES[seed], hs.as_deref(), reference());
    }

    #[test]
    fn answers_never_panic((_, bytes) in input(ANSWER_SEEDS)) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = answers::parse(text, "a.toml", Questionnaire::builtin());
        }
    }

    #[test]
    fn config_never_panics((_, bytes) in input(CONFIG_SEEDS)) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Ok(config) = Config::parse(text, "c.toml") {
                let _ = Keymap::new(&config.ui.keys);
            }
        }
    }

    #[test]
    fn key_bindings_never_panic(
        bindings in prop::collection::btree_map(
            "[a-z_]{1,16}|quit|help|up|down|next_tab",
            "(Ctrl-|Alt-|Shift-)*([a-zA-Z?/ề]|F[0-9]{1,3}|Enter|Esc|Tab|Space|PageUp)?(, ?)?.{0,3}",
            0..6,
        ),
        raw in ".{0,24}",
    ) {
        let _ = Keymap::new(&bindings);
        let _ = Key::parse(&raw);
        let one: BTreeMap<String, String> = [("quit".to_string(), raw)].into();
        let _ = Keymap::new(&one);
    }
}

/// Each case runs the import command on one database file, which a refusal must not change.
fn refusals_leave_the_database_unchanged(
    seeds: &'static [&'static [u8]],
    command: impl Fn(usize, PathBuf) -> Command,
    names: impl Fn(usize) -> &'static str,
) {
    let db = Db::new();
    let mut runner = proptest::test_runner::TestRunner::new(cases(16));
    runner
        .run(&input(seeds), |(seed, bytes)| {
            let file = db.file(names(seed), &bytes);
            db.import_refused_cleanly(command(seed, file.clone()), &file)
        })
        .unwrap();
}

#[test]
fn refused_sme_import_leaves_the_database_unchanged() {
    refusals_leave_the_database_unchanged(
        SME_SEEDS,
        |_, file| {
            Command::Smes(SmesCommand::Import {
                file,
                dry_run: false,
            })
        },
        |_| "smes.csv",
    );
}

#[test]
fn refused_demand_import_leaves_the_database_unchanged() {
    refusals_leave_the_database_unchanged(
        &TRADEMAP,
        |_, file| {
            Command::Demand(DemandCommand::Import {
                file,
                hs: None,
                dry_run: false,
            })
        },
        |seed| TRADEMAP_NAMES[seed],
    );
}

#[test]
fn the_seeds_are_accepted() {
    // The mutations start from files the importers accept, so the fuzzing reaches deep.
    assert!(sme_csv::parse(SME_CSV.as_bytes(), "s.csv", reference(), &HashSet::new()).is_ok());
    for (bytes, name) in TRADEMAP.iter().zip(TRADEMAP_NAMES) {
        let parsed = trademap::parse(bytes, name, None, reference());
        assert!(parsed.is_ok(), "{name}: {:?}", parsed.err());
    }
    assert!(answers::parse(ANSWERS, "a.toml", Questionnaire::builtin()).is_ok());
    assert!(Config::parse(CONFIG, "c.toml").is_ok());
}
