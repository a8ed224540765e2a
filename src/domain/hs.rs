//! Product codes: the HS 2022 nomenclature (chapters, headings, subheadings) and Viet Nam's
//! 8-digit national lines (AHTN 2022, Thông tư 31/2022/TT-BTC) that Vietnamese firms have on
//! their customs declarations. A national line is kept as entered and matched on its first six
//! digits, the HS subheading every trade figure and rule is keyed on.

use super::model::HsCode;

/// Digits of a national (AHTN) line.
pub const LINE_DIGITS: usize = 8;

/// Separator between the parts of a label path ("Tôm … › Đông lạnh › Loại khác").
pub const PATH_SEP: &str = " › ";

/// The code every match, rule, remedy and demand figure uses: the 6-digit subheading of an
/// 8-digit national line, any shorter code as it is.
pub fn matching_code(code: &str) -> &str {
    if code.len() == LINE_DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        &code[..6]
    } else {
        code
    }
}

/// Digits of a code as typed ("0306.17.21", "0306 17 21" → "03061721"), when it has the shape of
/// an HS code (2, 4 or 6 digits) or a national line (8 digits). Whether it exists is the
/// nomenclature's business ([`crate::domain::Reference::hs_code`]).
pub fn digits(typed: &str) -> Option<String> {
    let d: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .collect();
    (d.chars().all(|c| c.is_ascii_digit()) && matches!(d.len(), 2 | 4 | 6 | LINE_DIGITS))
        .then_some(d)
}

/// A label path cut to `max` display columns keeping what names the product: its last part (the
/// line itself) and as many parts before it as fit, the first (the heading) first, the dropped
/// middle shown as "…" ("Động vật giáp xác … › … › Đã bỏ đầu, còn đuôi"). A label that still
/// does not fit is cut at its end.
pub fn fit(label: &str, max: usize) -> String {
    use crate::text::{truncate, width};
    if width(label) <= max {
        return label.to_string();
    }
    let parts: Vec<&str> = label.split(PATH_SEP).collect();
    let Some((last, before)) = parts.split_last() else {
        return truncate(label, max);
    };
    // Keep the heading and the line, then add the parents nearest the line while they fit.
    let mut tail: Vec<&str> = vec![last];
    let head = before.first().copied();
    let join = |tail: &[&str], gap: bool| -> String {
        let mut all: Vec<&str> = head.into_iter().collect();
        if gap {
            all.push("…");
        }
        all.extend(tail.iter().rev());
        all.join(PATH_SEP)
    };
    let middle = before.get(1..).unwrap_or(&[]);
    let mut kept = middle.len();
    for part in middle.iter().rev() {
        let mut longer = tail.clone();
        longer.push(part);
        if width(&join(&longer, kept > 1)) > max {
            break;
        }
        tail = longer;
        kept -= 1;
    }
    let text = join(&tail, kept > 0);
    if width(&text) <= max {
        text
    } else if width(last) + 4 <= max {
        // No room for the heading: the line and what is left of its parents.
        truncate(&format!("… › {last}"), max)
    } else {
        truncate(label, max)
    }
}

/// The nomenclature with the national lines merged in, in code order (a line right after its
/// subheading). `lines` are (code, subheading, text under it in English, in Vietnamese): each
/// line's description is its subheading's followed by its own part, so it reads whole alone.
/// A line whose subheading is unknown is left out (the reference sanity check reports it).
pub fn with_national_lines(
    mut hs: Vec<HsCode>,
    lines: Vec<(String, String, String, String)>,
) -> Vec<HsCode> {
    // Borrowed lookups by binary search: the nomenclature has 18,353 codes, and cloning
    // every subheading's texts into a map cost more than the rest of the join.
    hs.sort_by(|a, b| a.code.cmp(&b.code));
    let join = |parent: &str, own: &str| {
        if own.is_empty() {
            parent.to_string()
        } else if parent.is_empty() {
            own.to_string()
        } else {
            let mut whole = String::with_capacity(parent.len() + PATH_SEP.len() + own.len());
            whole.push_str(parent);
            whole.push_str(PATH_SEP);
            whole.push_str(own);
            whole
        }
    };
    let mut national = Vec::with_capacity(lines.len());
    for (code, parent, own_en, own_vi) in lines {
        let Ok(at) = hs.binary_search_by(|h| h.code.as_str().cmp(&parent)) else {
            continue;
        };
        let sub = &hs[at];
        if sub.code.len() != 6 {
            continue;
        }
        national.push(HsCode {
            description: join(&sub.description, &own_en),
            description_vi: join(&sub.description_vi, &own_vi),
            section: sub.section.clone(),
            code,
            parent,
        });
    }
    hs.extend(national);
    // Two sorted runs: the stable sort merges them in linear time.
    hs.sort_by(|a, b| a.code.cmp(&b.code));
    hs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(code: &str, en: &str, vi: &str) -> HsCode {
        HsCode {
            code: code.into(),
            parent: code
                .get(..code.len().saturating_sub(2))
                .unwrap_or("")
                .into(),
            section: "I".into(),
            description: en.into(),
            description_vi: vi.into(),
        }
    }

    #[test]
    fn matching_code_cuts_national_lines_only() {
        assert_eq!(matching_code("03061721"), "030617");
        assert_eq!(matching_code("030617"), "030617");
        assert_eq!(matching_code("0306"), "0306");
        assert_eq!(matching_code("0306172x"), "0306172x");
        assert_eq!(matching_code("ĐĐĐĐ"), "ĐĐĐĐ");
    }

    #[test]
    fn digits_accept_dotted_and_spaced_codes() {
        assert_eq!(digits("0306.17.21").as_deref(), Some("03061721"));
        assert_eq!(digits(" 0901.11 ").as_deref(), Some("090111"));
        assert_eq!(digits("09"), Some("09".into()));
        assert_eq!(digits("0306172"), None);
        assert_eq!(digits("0306172100"), None);
        assert_eq!(digits("tôm"), None);
        assert_eq!(digits(""), None);
    }

    #[test]
    fn fit_keeps_the_heading_and_the_line() {
        let label = "Động vật giáp xác … › Đông lạnh › Tôm shrimps và tôm prawn khác › \
                     Tôm thẻ chân trắng (Litopenaeus vannamei) › Đã bỏ đầu, còn đuôi";
        assert_eq!(fit(label, 200), label);
        assert_eq!(
            fit(label, 90),
            "Động vật giáp xác … › … › Tôm thẻ chân trắng (Litopenaeus vannamei) › Đã bỏ đầu, còn đuôi"
        );
        let f = fit(label, 60);
        assert!(crate::text::width(&f) <= 60, "{f}");
        assert!(f.ends_with("Đã bỏ đầu, còn đuôi"), "{f}");
        assert!(f.starts_with("Động vật giáp xác …"), "{f}");
        assert_eq!(
            fit(label, 50),
            "Động vật giáp xác … › … › Đã bỏ đầu, còn đuôi"
        );
        let f = fit(label, 30);
        assert!(f.starts_with("… › Đã bỏ đầu"), "{f}");
        assert_eq!(fit(label, 10).chars().count(), 10);
        assert_eq!(fit("Mật ong tự nhiên", 8), "Mật ong…");
        assert_eq!(fit("", 0), "");
    }

    #[test]
    fn lines_read_whole_and_sit_after_their_subheading() {
        let hs = vec![
            code("03", "Fish", "Cá"),
            code(
                "030617",
                "Shrimps; frozen",
                "Giáp xác … › Đông lạnh › Tôm khác",
            ),
            code(
                "030619",
                "Crustaceans n.e.c.",
                "Giáp xác … › Đông lạnh › Loại khác",
            ),
        ];
        let lines = vec![
            (
                "03061721".to_string(),
                "030617".to_string(),
                "Whiteleg › Headless, with tail".to_string(),
                "Tôm thẻ chân trắng › Đã bỏ đầu, còn đuôi".to_string(),
            ),
            (
                "03061900".into(),
                "030619".into(),
                String::new(),
                String::new(),
            ),
            ("99999999".into(), "999999".into(), "x".into(), "x".into()),
        ];
        let all = with_national_lines(hs, lines);
        let codes: Vec<&str> = all.iter().map(|h| h.code.as_str()).collect();
        assert_eq!(codes, ["03", "030617", "03061721", "030619", "03061900"]);
        assert_eq!(
            all[2].description_vi,
            "Giáp xác … › Đông lạnh › Tôm khác › Tôm thẻ chân trắng › Đã bỏ đầu, còn đuôi"
        );
        assert_eq!(
            all[2].description,
            "Shrimps; frozen › Whiteleg › Headless, with tail"
        );
        assert_eq!(all[2].section, "I");
        // A line that is its subheading reads as the subheading.
        assert_eq!(all[4].description_vi, "Giáp xác … › Đông lạnh › Loại khác");
    }
}
