//! Bytes of a Trade Map download → text → rows of cells, whatever the format: TAB text, CSV
//! (comma or semicolon) or the "Excel" download that is really an HTML page.

use super::html;
use super::strings::said;
use crate::lang::Said;
use crate::say;

/// The three shapes a Trade Map download comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// "Text" export: TAB-separated.
    Text,
    /// CSV export (comma, or semicolon from a European spreadsheet).
    Csv,
    /// "Excel" export: an XHTML page with the data in a `<table>`.
    Html,
}

/// One row of cells with the line it starts on (1-based). Cells are trimmed, with a leading
/// apostrophe (a spreadsheet's "this is text" marker) removed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
    /// Trade Map colours rows of mirror data (figures reported by partners) orange in HTML.
    pub mirror: bool,
}

impl Row {
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// Decode the bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1.
/// Refuses spreadsheets in binary formats and other binary files, saying what to do instead.
pub fn decode(bytes: &[u8]) -> Result<String, Said> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(said(|t| t.empty.into()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(said(|t| t.xlsx.into()));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(said(|t| t.xls.into()));
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.contains(&0) {
            return Err(binary());
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            // Older spreadsheets save Latin-1; every byte is then one character.
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        }
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{0c}'))
        .count();
    if controls * 100 > text.chars().count() {
        return Err(binary());
    }
    Ok(text)
}

fn binary() -> Said {
    said(|t| t.binary.into())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Said> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| said(|t| t.utf16.into()))
}

/// Split decoded text into rows of cells and say which format it was.
pub fn rows(text: &str) -> Result<(Format, Vec<Row>), Said> {
    let head: String = text.chars().take(4096).collect::<String>().to_lowercase();
    if head.trim_start().starts_with('<') || head.contains("<table") {
        return Ok((Format::Html, html::rows(text)?));
    }
    let delimiter = if text.contains('\t') {
        b'\t'
    } else if likely_semicolons(text) {
        b';'
    } else {
        b','
    };
    let format = if delimiter == b'\t' {
        Format::Text
    } else {
        Format::Csv
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Line numbers from byte offsets: the csv crate's own line count is off with CRLF endings.
    let lines = crate::text::LineIndex::new(text.as_bytes());
    let line_at = |byte: u64| lines.record_line(byte) as u64;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| line_at(p.byte())).unwrap_or(0);
            said(|t| say!(t.bad_row, line = line, error = e))
        })?;
        let line = record.position().map(|p| line_at(p.byte())).unwrap_or(0);
        out.push(Row {
            line,
            cells: record.iter().map(clean_cell).collect(),
            mirror: false,
        });
    }
    Ok((format, out))
}

/// A European spreadsheet saves CSV with `;`: the header line then has more `;` than `,`.
fn likely_semicolons(text: &str) -> bool {
    text.lines()
        .find(|l| {
            let f = crate::text::fold(l);
            f.starts_with("importers") || f.starts_with("exporters")
        })
        .is_some_and(|l| l.matches(';').count() > l.matches(',').count())
}

/// Trim, drop a leading apostrophe (`'0901` → `0901`) and collapse inner runs of spaces.
pub fn clean_cell(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let s = s.strip_prefix('\'').unwrap_or(s).trim();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cleaned() {
        assert_eq!(clean_cell("  'Korea, Republic of  "), "Korea, Republic of");
        assert_eq!(clean_cell("'0901"), "0901");
        assert_eq!(clean_cell("\u{a0}World\u{a0}"), "World");
        assert_eq!(
            clean_cell("Product :  69   Ceramic"),
            "Product : 69 Ceramic"
        );
    }

    #[test]
    fn decodes_bom_utf16_and_latin1() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Côte".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "Côte");
        assert_eq!(decode(b"C\xf4te").unwrap(), "Côte");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(decode(b"").unwrap_err().en.contains("empty"));
        assert!(decode(b" \r\n").unwrap_err().en.contains("empty"));
        assert!(decode(b"PK\x03\x04rest").unwrap_err().en.contains("xlsx"));
        assert!(decode(b"ab\0cd").unwrap_err().en.contains("binary"));
        let noise: Vec<u8> = (1u8..=8).cycle().take(200).collect();
        assert!(decode(&noise).unwrap_err().en.contains("binary"));
    }

    #[test]
    fn splits_tab_csv_and_semicolon() {
        let (f, r) =
            super::rows("Importers\tImported value in 2020\t\r\n\"World\"\t12\t\r\n").unwrap();
        assert_eq!(f, Format::Text);
        assert_eq!(r[1].cells, vec!["World", "12", ""]);
        assert_eq!(r[1].line, 2);
        let (f, r) =
            super::rows("Title,,\nImporters,Exported value in 2013\n\"Korea, Republic of \",5\n")
                .unwrap();
        assert_eq!(f, Format::Csv);
        assert_eq!(r[2].cells, vec!["Korea, Republic of", "5"]);
        let (f, r) = super::rows("Importers;Imported value in 2020\nFrance;1,5\n").unwrap();
        assert_eq!(f, Format::Csv);
        assert_eq!(r[1].cells, vec!["France", "1,5"]);
    }
}
