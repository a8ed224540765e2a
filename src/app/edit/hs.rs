//! Search over the nomenclature for the product picker (HS 2022 and Viet Nam's 8-digit AHTN 2022
//! lines): each code with its English description, its Vietnamese label and the Vietnamese name
//! of its chapter, all folded, so "tom dong lanh" finds "Tôm … đông lạnh" and "ca phe" coffee.
//! Built once per session. Words typed as they appear rank by where the description names them;
//! when no entry holds them all (a typo), `nucleo-matcher` ranks fuzzy matches.

use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::domain::Reference;
use crate::text::fold;

/// Results shown at most (the list scrolls; nobody reads further).
pub const LIMIT: usize = 200;

/// Characters of each entry the fuzzy matcher reads: what a code is comes first, and scoring
/// the long tails of some descriptions would cost more than a key press may.
const FUZZY_CHARS: usize = 120;

pub struct HsIndex {
    /// Digits of each code, in nomenclature order (index into `Reference::hs`).
    codes: Vec<String>,
    /// Folded English description.
    desc: Vec<String>,
    /// Folded Vietnamese label of the code (its AHTN parent path) and its chapter's name.
    vi: Vec<String>,
    /// Code, Vietnamese chapter name and description, cut, for the fuzzy matcher.
    haystack: Vec<Utf32String>,
    matcher: Matcher,
}

impl std::fmt::Debug for HsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HsIndex({} codes)", self.codes.len())
    }
}

impl HsIndex {
    pub fn new(r: &Reference) -> HsIndex {
        let desc: Vec<String> = r.hs.iter().map(|h| fold(&h.description)).collect();
        let vi: Vec<String> =
            r.hs.iter()
                .map(|h| {
                    let chapter = h
                        .code
                        .get(..2)
                        .filter(|c| *c != h.code)
                        .and_then(|c| r.hs_code(c))
                        .map(|c| c.description_vi.as_str())
                        .unwrap_or_default();
                    fold(&format!("{} {chapter}", h.description_vi))
                })
                .collect();
        let haystack =
            r.hs.iter()
                .enumerate()
                .map(|(i, h)| {
                    let text: String = format!("{} {} {}", h.code, vi[i], desc[i])
                        .chars()
                        .take(FUZZY_CHARS)
                        .collect();
                    Utf32String::from(text)
                })
                .collect();
        HsIndex {
            codes: r.hs.iter().map(|h| h.code.clone()).collect(),
            desc,
            vi,
            haystack,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Where entry `i` names `word` first (in its description or its chapter's Vietnamese name).
    fn position(&self, i: usize, word: &str) -> Option<usize> {
        match (self.desc[i].find(word), self.vi[i].find(word)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Indexes into `Reference::hs` for `query`, best first: digits list the codes that start
    /// with them; words list the entries holding every word as typed, those that name them
    /// earliest first (a description starts with what the code is: "Furniture; wooden" before
    /// "Polishes … for wooden furniture"); when no entry holds them all (a typo), the fuzzy
    /// matches by score; an empty query lists the chapters. Ties keep the nomenclature order.
    pub fn search(&mut self, query: &str) -> Vec<usize> {
        let q = fold(query);
        if q.is_empty() {
            return (0..self.codes.len())
                .filter(|&i| self.codes[i].len() == 2)
                .collect();
        }
        let digits: String = q.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if digits.chars().all(|c| c.is_ascii_digit()) {
            return (0..self.codes.len())
                .filter(|&i| self.codes[i].starts_with(&digits))
                .take(LIMIT)
                .collect();
        }
        let words: Vec<&str> = q.split(' ').collect();
        let mut exact: Vec<(usize, usize)> = (0..self.codes.len())
            .filter_map(|i| {
                let at: Option<usize> = words.iter().map(|w| self.position(i, w)).sum();
                at.map(|at| (at, i))
            })
            .collect();
        if !exact.is_empty() {
            exact.sort_unstable();
            exact.truncate(LIMIT);
            return exact.into_iter().map(|(_, i)| i).collect();
        }
        // Greedy fuzzy matching, one word at a time: linear in the entry's length, where the
        // optimal match (`Pattern::score`) took 14 ms for a query like "ca phx" that loosely
        // fits most entries.
        let needles: Vec<Utf32String> = words.iter().map(|w| Utf32String::from(*w)).collect();
        let mut fuzzy: Vec<(u32, usize)> = Vec::new();
        for (i, h) in self.haystack.iter().enumerate() {
            let mut total = 0u32;
            let all = needles.iter().all(|n| {
                let s = self.matcher.fuzzy_match_greedy(h.slice(..), n.slice(..));
                total += u32::from(s.unwrap_or(0));
                s.is_some()
            });
            if all {
                fuzzy.push((total, i));
            }
        }
        fuzzy.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        fuzzy.truncate(LIMIT);
        fuzzy.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HsCode;

    fn code(code: &str, description: &str, vi: &str) -> HsCode {
        HsCode {
            code: code.into(),
            parent: String::new(),
            section: String::new(),
            description: description.into(),
            description_vi: vi.into(),
        }
    }

    fn reference() -> Reference {
        Reference {
            hs: vec![
                code("03", "Fish and crustaceans", "Cá và động vật giáp xác"),
                code("0306", "Crustaceans; shrimps and prawns", ""),
                code(
                    "030617",
                    "Crustaceans; frozen, shrimps and prawns, other",
                    "Động vật giáp xác … › Đông lạnh › Tôm shrimps và tôm prawn khác",
                ),
                code(
                    "03061721",
                    "Crustaceans; frozen … › Whiteleg shrimps › Headless, with tail",
                    "Động vật giáp xác … › Đông lạnh › Tôm khác › Tôm thẻ chân trắng › Đã bỏ đầu, còn đuôi",
                ),
                code(
                    "09",
                    "Coffee, tea, mate and spices",
                    "Cà phê, chè và gia vị",
                ),
                code("0901", "Coffee, whether or not roasted", ""),
                code("090111", "Coffee; not roasted, not decaffeinated", ""),
                code("0902", "Tea, whether or not flavoured", ""),
                code("340520", "Polishes and creams; for wooden furniture", ""),
                code("940330", "Furniture; wooden, for office use", ""),
            ],
            ..Reference::default()
        }
        .index()
    }

    #[test]
    fn codes_words_and_vietnamese_chapter_names() {
        let r = reference();
        let mut idx = HsIndex::new(&r);
        let codes = |ix: Vec<usize>| -> Vec<String> {
            ix.into_iter().map(|i| r.hs[i].code.clone()).collect()
        };
        assert_eq!(codes(idx.search("")), ["03", "09"]);
        assert_eq!(codes(idx.search("0901")), ["0901", "090111"]);
        assert_eq!(codes(idx.search("09.01")), ["0901", "090111"]);
        let coffee = codes(idx.search("coffee"));
        assert!(coffee.starts_with(&["09".to_string()]) || coffee[0].starts_with("09"));
        assert!(coffee.contains(&"090111".to_string()));
        assert!(!coffee.contains(&"0306".to_string()));
        // Vietnamese, with or without accents: every code of the chapter.
        let ca_phe = codes(idx.search("cà phê"));
        assert_eq!(ca_phe, codes(idx.search("ca phe")));
        assert!(ca_phe.contains(&"0902".to_string()), "{ca_phe:?}");
        assert!(codes(idx.search("shrimp")).contains(&"0306".to_string()));
        // Vietnamese labels of the codes themselves, accent-free; 8-digit national lines too.
        assert_eq!(
            codes(idx.search("tom dong lanh")),
            codes(idx.search("Tôm đông lạnh"))
        );
        assert_eq!(codes(idx.search("tom dong lanh")), ["030617", "03061721"]);
        assert_eq!(codes(idx.search("the chan trang")), ["03061721"]);
        assert_eq!(codes(idx.search("030617")), ["030617", "03061721"]);
        assert_eq!(codes(idx.search("0306.17.21")), ["03061721"]);
        // Every word as typed ranks before looser fuzzy matches.
        assert_eq!(codes(idx.search("tea flavoured"))[0], "0902");
        assert_eq!(codes(idx.search("tea flavoured")), ["0902"]);
        assert_eq!(codes(idx.search("tea flavored"))[0], "0902");
        // Where the words are named first: what the code is, before what it is for.
        assert_eq!(codes(idx.search("wooden furniture")), ["940330", "340520"]);
        assert!(idx.search("zzqx").is_empty());
        // A typo: no entry holds the word, the fuzzy matcher finds it.
        let typo = codes(idx.search("cofee"));
        assert!(typo.contains(&"090111".to_string()), "{typo:?}");
        assert!(!typo.contains(&"0306".to_string()), "{typo:?}");
    }
}
