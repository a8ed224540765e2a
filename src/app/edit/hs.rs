//! Fuzzy search over the HS 2022 nomenclature for the product picker: each code with its
//! English description and the Vietnamese name of its chapter (folded, so "ca phe" finds
//! coffee). The haystack is built once per session; a search is one pass of `nucleo-matcher`.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::domain::Reference;
use crate::text::fold;

/// Results shown at most (the list scrolls; nobody reads further).
pub const LIMIT: usize = 200;

pub struct HsIndex {
    haystack: Vec<Utf32String>,
    /// The same text, for the exact-word test that ranks first.
    plain: Vec<String>,
    /// Digits of each code, in nomenclature order (index into `Reference::hs`).
    codes: Vec<String>,
    matcher: Matcher,
}

impl std::fmt::Debug for HsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HsIndex({} codes)", self.codes.len())
    }
}

impl HsIndex {
    pub fn new(r: &Reference) -> HsIndex {
        let chapter_vi = |code: &str| {
            r.hs_code(&code[..code.len().min(2)])
                .map(|c| c.description_vi.as_str())
                .unwrap_or_default()
        };
        let plain: Vec<String> =
            r.hs.iter()
                .map(|h| {
                    fold(&format!(
                        "{} {} {}",
                        h.code,
                        h.description,
                        chapter_vi(&h.code)
                    ))
                })
                .collect();
        HsIndex {
            haystack: plain
                .iter()
                .map(|p| Utf32String::from(p.as_str()))
                .collect(),
            plain,
            codes: r.hs.iter().map(|h| h.code.clone()).collect(),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Indexes into `Reference::hs` for `query`, best first: digits list the codes that start
    /// with them in nomenclature order; words list the entries holding every word as typed,
    /// ranked by the fuzzy score (ties in nomenclature order) — or, when none does (a typo), the
    /// fuzzy matches; an empty query lists the chapters.
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
        let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
        let words: Vec<&str> = q.split(' ').collect();
        let mut scored: Vec<(bool, u32, usize)> = self
            .haystack
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let score = pattern.score(h.slice(..), &mut self.matcher)?;
                let loose = !words.iter().all(|w| self.plain[i].contains(w));
                Some((loose, score, i))
            })
            .collect();
        if scored.iter().any(|s| !s.0) {
            scored.retain(|s| !s.0);
        }
        scored.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        scored.truncate(LIMIT);
        scored.into_iter().map(|(_, _, i)| i).collect()
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
                    "09",
                    "Coffee, tea, mate and spices",
                    "Cà phê, chè và gia vị",
                ),
                code("0901", "Coffee, whether or not roasted", ""),
                code("090111", "Coffee; not roasted, not decaffeinated", ""),
                code("0902", "Tea, whether or not flavoured", ""),
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
        // Every word as typed ranks before looser fuzzy matches.
        assert_eq!(codes(idx.search("tea flavoured"))[0], "0902");
        assert_eq!(codes(idx.search("tea flavoured")), ["0902"]);
        assert_eq!(codes(idx.search("tea flavored"))[0], "0902");
        assert!(idx.search("zzqx").is_empty());
    }
}
