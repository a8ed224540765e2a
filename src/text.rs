//! Text helpers: NFC normalisation, accent- and case-insensitive folding, display width, and
//! the safe slicing and line numbering used on outside text (files, arguments): these never
//! panic, whatever the bytes.

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Normalise user input to NFC so that "Nguyễn" typed in either form compares equal.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Fold text for search and lookups: strip diacritics (đ → d), lowercase, collapse spaces.
/// "Đồng Tháp" and "dong  thap" fold to the same key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    let mut push = |c: char| {
        if is_combining_mark(c) {
            return;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() || c == '-' || c == '–' || c == '_' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            return;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
        last_space = false;
    };
    // Decomposing one character at a time is enough (marks are dropped, so their canonical
    // order does not matter) and lets ASCII skip normalisation: folding is on the start-up path.
    for c in s.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, &mut push);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Width of `s` in terminal display columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` display columns, ending with `…` when cut. Never splits a character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(g).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(g);
        used += w;
    }
    out.push('…');
    out
}

/// Pad `s` with spaces to exactly `cols` display columns (truncating if longer).
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// A file-name part from `s`: folded to ASCII lower case (accents dropped), other characters as
/// `-`, at most `max` bytes, cut at a dash when possible. "Công ty Đồng Tháp" → "cong-ty-dong-thap".
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > max {
        out.truncate(max);
        if let Some(cut) = out.rfind('-').filter(|&i| i > max / 2) {
            out.truncate(cut);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "sme".into() } else { out }
}

/// The first `max_bytes` bytes of `s`, shortened to the last character boundary so a
/// multi-byte character is never split.
pub fn head(s: &str, max_bytes: usize) -> &str {
    if max_bytes >= s.len() {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Byte offset in `s` of the first match of `needle`, ignoring ASCII case. The offset is in `s`
/// itself (not in a lower-cased copy, whose byte lengths can differ), so slicing `s` with it is
/// safe.
pub fn find_ignore_case(s: &str, needle: &str) -> Option<usize> {
    let (hay, pat) = (s.as_bytes(), needle.as_bytes());
    if pat.is_empty() {
        return Some(0);
    }
    (0..hay.len().checked_sub(pat.len())? + 1)
        .filter(|&i| s.is_char_boundary(i))
        .find(|&i| hay[i..i + pat.len()].eq_ignore_ascii_case(pat))
}

/// The text after the first match of `needle` (ASCII case ignored), if any.
pub fn after_ignore_case<'a>(s: &'a str, needle: &str) -> Option<&'a str> {
    let i = find_ignore_case(s, needle)?;
    s.get(i + needle.len()..)
}

/// Line numbers of byte offsets in one text, in O(log n) per lookup: error reports on a file
/// with many problems stay linear.
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset of every `\n`.
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> LineIndex<'a> {
        let newlines = text
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex {
            bytes: text,
            newlines,
        }
    }

    /// The 1-based line holding byte `offset` (the last line past the end).
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    /// The line of a record that starts at `offset`: a CSV reader may place a record at the
    /// line ending before it (`\r\n` files) or at blank lines, so those are skipped first.
    pub fn record_line(&self, offset: u64) -> usize {
        let mut at = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while at < self.bytes.len() && matches!(self.bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        self.line(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_slicing_never_splits_a_character() {
        let s = "Q&A về xuất khẩu";
        for max in 0..=s.len() + 2 {
            assert!(s.starts_with(head(s, max)));
        }
        assert_eq!(head("về", 2), "v");
        assert_eq!(
            find_ignore_case("Xuất EXPORTED by Việt", "exported by "),
            Some(7)
        );
        // A lower-cased copy would move the offsets ('İ' is 2 bytes, "i̇" is 3).
        let s = "İİ exported by Viet Nam";
        assert_eq!(after_ignore_case(s, "exported by "), Some("Viet Nam"));
        assert_eq!(find_ignore_case("ab", "abc"), None);
    }

    #[test]
    fn line_index_counts_lines_and_skips_line_ends() {
        let text = b"a,b\r\n1,2\r\n\r\n3,4";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(5), 2);
        assert_eq!(idx.record_line(3), 2);
        assert_eq!(idx.record_line(10), 4);
        assert_eq!(idx.line(999), 4);
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đồng Tháp"), "dong thap");
        assert_eq!(fold("  NGUYỄN  Văn "), "nguyen van");
        assert_eq!(fold("Bà Rịa–Vũng Tàu"), "ba ria vung tau");
    }

    #[test]
    fn fold_matches_full_decomposition() {
        // Every Vietnamese letter, precomposed and decomposed, with other scripts mixed in.
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let text = format!("{letters} {} Ñandú Ærø 中文 – x_y", letters.to_uppercase());
        let reference: String = text
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let reference = reference.replace(['–', '_'], " ");
        let reference = reference.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(fold(&text), reference);
        assert_eq!(fold(&text.nfd().collect::<String>()), reference);
    }

    #[test]
    fn nfc_composes() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(nfc(decomposed), "Nguyễn");
    }

    #[test]
    fn slugs_for_file_names() {
        assert_eq!(slug("Công ty TNHH Đồng Tháp", 40), "cong-ty-tnhh-dong-thap");
        assert_eq!(slug("Công ty TNHH Đồng Tháp", 16), "cong-ty-tnhh");
        assert_eq!(slug("中文 / ??", 40), "sme");
        assert_eq!(slug("A&B (Sài Gòn), JSC.", 40), "a-b-sai-gon-jsc");
    }

    #[test]
    fn truncate_by_columns() {
        assert_eq!(truncate("Đồng Tháp", 5), "Đồng…");
        assert_eq!(width(&pad("Huế", 6)), 6);
        assert_eq!(truncate("中文字", 4), "中…");
    }
}
