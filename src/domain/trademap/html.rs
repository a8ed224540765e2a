//! A tolerant reader for the cells of the `<table>`s in Trade Map's "Excel" download (an XHTML
//! page). Not a general HTML parser: it knows `table`, `tr`, `td`/`th` (with `colspan` and
//! `rowspan`), skips comments, scripts and styles, decodes the entities that occur, and notices
//! a page cut off inside a table.

use super::cells::{Row, clean_cell};

struct Span {
    col: usize,
    rows_left: usize,
    text: String,
}

#[derive(Default)]
struct State {
    rows: Vec<Row>,
    row: Option<Row>,
    /// (text, colspan, rowspan) of the cells of the open row.
    cells: Vec<(String, usize, usize)>,
    cell: Option<(String, usize, usize)>,
    spans: Vec<Span>,
    open_tables: usize,
}

impl State {
    fn end_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.cells.push(c);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        let Some(mut row) = self.row.take() else {
            self.cells.clear();
            return;
        };
        let mut out: Vec<String> = Vec::new();
        let mut given = std::mem::take(&mut self.cells).into_iter();
        loop {
            let col = out.len();
            if let Some(span) = self
                .spans
                .iter_mut()
                .find(|s| s.col == col && s.rows_left > 0)
            {
                span.rows_left -= 1;
                out.push(span.text.clone());
                continue;
            }
            let Some((text, colspan, rowspan)) = given.next() else {
                break;
            };
            let text = clean_cell(&decode_entities(&text));
            if rowspan > 1 {
                self.spans.push(Span {
                    col,
                    rows_left: rowspan - 1,
                    text: text.clone(),
                });
            }
            out.push(text);
            out.extend(std::iter::repeat_n(String::new(), colspan - 1));
        }
        self.spans.retain(|s| s.rows_left > 0);
        row.cells = out;
        self.rows.push(row);
    }
}

/// Every table row of the page, in document order.
pub fn rows(text: &str) -> Result<Vec<Row>, crate::lang::Said> {
    let lower = text.to_ascii_lowercase();
    let mut st = State::default();
    let mut pos = 0;
    let mut line: u64 = 1;
    let mut counted = 0;
    while pos < text.len() {
        let Some(lt) = text[pos..].find('<').map(|i| pos + i) else {
            if let Some(cell) = &mut st.cell {
                cell.0.push_str(&text[pos..]);
            }
            break;
        };
        if let Some(cell) = &mut st.cell {
            cell.0.push_str(&text[pos..lt]);
        }
        line += text[counted..lt].matches('\n').count() as u64;
        counted = lt;
        if lower[lt..].starts_with("<!--") {
            pos = lower[lt..]
                .find("-->")
                .map(|i| lt + i + 3)
                .ok_or_else(truncated)?;
            continue;
        }
        let gt = text[lt..].find('>').map(|i| lt + i).ok_or_else(truncated)?;
        let tag = &text[lt + 1..gt];
        pos = gt + 1;
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        let attrs = &body[name_end..];
        match (name.as_str(), closing) {
            ("script" | "style", false) => {
                let end = format!("</{name}");
                pos = lower[pos..]
                    .find(&end)
                    .map(|i| pos + i)
                    .ok_or_else(truncated)?;
            }
            ("table", false) => {
                st.end_row();
                st.open_tables += 1;
                st.spans.clear();
            }
            ("table", true) => {
                st.end_row();
                st.open_tables = st.open_tables.saturating_sub(1);
                st.spans.clear();
            }
            ("tr", false) => {
                st.end_row();
                st.row = Some(Row {
                    line,
                    cells: Vec::new(),
                    mirror: attr(attrs, "style").is_some_and(|s| mirror_style(&s)),
                });
            }
            ("tr", true) => st.end_row(),
            ("td" | "th", false) => {
                st.end_cell();
                if st.row.is_none() {
                    st.row = Some(Row {
                        line,
                        ..Default::default()
                    });
                }
                let span = |a: &str| {
                    attr(attrs, a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64)
                };
                st.cell = Some((String::new(), span("colspan"), span("rowspan")));
            }
            ("td" | "th", true) => st.end_cell(),
            ("br" | "p" | "div", _) => {
                if let Some(cell) = &mut st.cell {
                    cell.0.push(' ');
                }
            }
            _ => {}
        }
    }
    if st.open_tables > 0 {
        return Err(truncated());
    }
    st.end_row();
    Ok(st.rows)
}

fn truncated() -> crate::lang::Said {
    super::strings::said(|t| t.html_truncated.into())
}

/// The value of attribute `name` in a tag's attribute text (quoted or bare).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before_ok = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let start = attrs.len() - rest.len() + 1;
        let value = attrs[start..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value.split_whitespace().next().unwrap_or("").to_string(),
        });
    }
    None
}

/// Trade Map marks mirror figures with an orange text colour on the whole row.
fn mirror_style(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((k, v)) = decl.split_once(':') else {
            return false;
        };
        k.trim().eq_ignore_ascii_case("color")
            && matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "goldenrod" | "orange" | "darkorange"
            )
    })
}

/// Decode the entities that occur in the export: `&amp; &lt; &gt; &quot; &apos; &#39; &nbsp;`,
/// numeric ones and the accented letters of country names. Unknown entities are kept as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // An entity name is short: look for its `;` in the next few bytes only.
        let Some(end) = crate::text::head(rest, 12).find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            // Letters of country names (Côte d'Ivoire, Curaçao, Réunion, São Tomé, Türkiye).
            "ocirc" => Some('ô'),
            "eacute" => Some('é'),
            "egrave" => Some('è'),
            "ccedil" => Some('ç'),
            "atilde" => Some('ã'),
            "uuml" => Some('ü'),
            "ouml" => Some('ö'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("C&ocirc;te d&#39;Ivoire &amp; &#x54;&#252;rkiye&nbsp;&zz;"),
            "Côte d'Ivoire & Türkiye &zz;"
        );
        assert_eq!(decode_entities("a & b"), "a & b");
        // A multi-byte character inside the 12 bytes after `&` (issue 11: it used to panic).
        assert_eq!(decode_entities("Q&A về xuất khẩu"), "Q&A về xuất khẩu");
        assert_eq!(decode_entities("&ềềềềềề;"), "&ềềềềềề;");
    }

    #[test]
    fn two_row_header_with_rowspan_and_colspan() {
        let page = r#"<html><body><table><tr><td colspan="6"><b>List of importers</b></td></tr></table>
<!-- a <table> in a comment -->
<table id="grid"><tr><th rowspan="2" scope="col">Importers</th><td colspan=3>Select</td></tr>
<tr><th>Value imported in 2024 (USD thousand)</th><th>Growth</th><th>Tariff</th></tr>
<tr style="color:Goldenrod;background-color:White"><td>
   C&ocirc;te d&#39;Ivoire </td><td>1</td><td></td><td>...</td></tr>
<tr><td>Niue<td>2<td>3<td>4</tr>
</table></body></html>"#;
        let rows = rows(page).unwrap();
        assert_eq!(rows[0].cells[0], "List of importers");
        assert_eq!(rows[0].cells.len(), 6);
        assert_eq!(rows[1].cells, vec!["Importers", "Select", "", ""]);
        assert_eq!(
            rows[2].cells,
            vec![
                "Importers",
                "Value imported in 2024 (USD thousand)",
                "Growth",
                "Tariff"
            ]
        );
        assert_eq!(rows[3].cells[0], "Côte d'Ivoire");
        assert!(rows[3].mirror);
        assert_eq!(rows[3].line, 5);
        assert!(!rows[4].mirror);
        assert_eq!(rows[4].cells, vec!["Niue", "2", "3", "4"]);
    }

    #[test]
    fn background_colour_is_not_mirror() {
        assert!(!mirror_style("background-color:Goldenrod"));
        assert!(mirror_style("font-size:80%; color: Goldenrod"));
    }

    #[test]
    fn cut_off_page_is_truncated() {
        let err = rows("<table><tr><td>World</td><td>12").unwrap_err();
        assert!(err.en.contains("truncated"), "{err:?}");
        assert!(rows("<table><tr><td>World</td></tr></table><p").is_err());
    }
}
