//! The answers file of `goglobal assess`: an `[answers]` table of `ITEM_ID = 0..4` lines and an
//! optional `[notes]` table of `ITEM_ID = "evidence"` lines. Every problem is reported with its
//! line, all at once, so the advisor can fix the file in one pass.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::readiness::{MAX_ANSWER, Questionnaire};
use crate::lang::{Lang, Said};
use crate::messages::{said, said_in};
use crate::say;
use crate::text::LineIndex;

/// A validated answers file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerSheet {
    pub answers: BTreeMap<String, u8>,
    pub notes: BTreeMap<String, String>,
}

/// Parse `text` (the file named `origin`) against the questionnaire. On failure, every problem
/// as `ORIGIN:LINE: what (how to fix)`, in line order, in both languages.
pub fn parse(text: &str, origin: &str, q: &Questionnaire) -> Result<AnswerSheet, Vec<Said>> {
    let mut problems: Vec<(usize, Said)> = Vec::new();
    let (doc, errors) = DeTable::parse_recoverable(text);
    // One index for every lookup: a file with many bad lines is still refused in linear time.
    let lines = LineIndex::new(text.as_bytes());
    let line_of = |offset: usize| lines.line(offset);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let line = e.span().map_or(1, |s| line_of(s.start));
                let at = format!("{origin}:{line}");
                // The TOML reader's own detail is quoted inside a sentence of each language.
                said(|t| say!(t.ans_not_toml, at = at, detail = e.message().trim()))
            })
            .collect());
    }
    let doc = doc.get_ref();
    let mut sheet = AnswerSheet::default();
    let mut answers_seen = false;
    for (key, value) in doc.iter() {
        let line = line_of(key.span().start);
        let name: &str = key.get_ref();
        match name {
            "answers" => {
                answers_seen = true;
                match value.get_ref() {
                    DeValue::Table(t) => {
                        read_answers(t, &line_of, origin, q, &mut sheet, &mut problems);
                    }
                    other => problems.push((line, not_table(origin, line, "answers", other))),
                }
            }
            "notes" => match value.get_ref() {
                DeValue::Table(t) => read_notes(t, &line_of, origin, q, &mut sheet, &mut problems),
                other => problems.push((line, not_table(origin, line, "notes", other))),
            },
            other => {
                let at = format!("{origin}:{line}");
                problems.push((
                    line,
                    said(|t| say!(t.ans_unknown_key, at = at, key = other)),
                ));
            }
        }
    }
    if !answers_seen {
        let at = format!("{origin}:1");
        problems.push((1, said(|t| say!(t.ans_no_answers, at = at))));
    } else if sheet.answers.is_empty() && problems.is_empty() {
        let line = doc
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == "answers")
            .map_or(1, |(k, _)| line_of(k.span().start));
        let at = format!("{origin}:{line}");
        problems.push((line, said(|t| say!(t.ans_empty, at = at))));
    }
    if problems.is_empty() {
        Ok(sheet)
    } else {
        problems.sort_by_key(|(line, _)| *line);
        Err(problems.into_iter().map(|(_, p)| p).collect())
    }
}

/// The canonical item id for a key (`a1` → `A1`), if the questionnaire has it.
fn known_id<'q>(q: &'q Questionnaire, key: &str) -> Option<&'q str> {
    let upper = key.trim().to_ascii_uppercase();
    q.item(&upper).map(|i| i.id.as_str())
}

fn unknown_item(q: &Questionnaire, origin: &str, line: usize, key: &str) -> (usize, Said) {
    let (at, items) = (format!("{origin}:{line}"), q.id_ranges());
    let what = said(|t| say!(t.ans_unknown_item, at = at, key = key, items = items));
    (line, what)
}

/// `answers` or `notes` written as something else than a table.
fn not_table(origin: &str, line: usize, name: &str, found: &DeValue) -> Said {
    let at = format!("{origin}:{line}");
    said(|t| {
        say!(
            t.ans_not_table,
            at = at,
            name = name,
            found = t.toml_type(found.type_str())
        )
    })
}

fn read_answers(
    table: &DeTable,
    line_of: &dyn Fn(usize) -> usize,
    origin: &str,
    q: &Questionnaire,
    sheet: &mut AnswerSheet,
    problems: &mut Vec<(usize, Said)>,
) {
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let line = line_of(key.span().start);
        let Some(id) = known_id(q, name) else {
            problems.push(unknown_item(q, origin, line, name));
            continue;
        };
        if let Some(first) = lines.insert(id, line) {
            let at = format!("{origin}:{line}");
            let what = said(|t| say!(t.ans_twice, at = at, id = id, first = first));
            problems.push((line, what));
            continue;
        }
        match answer_value(value) {
            Ok(a) => {
                sheet.answers.insert(id.to_string(), a);
            }
            Err(what) => {
                let line = line_of(value.span().start);
                let at = format!("{origin}:{line}");
                // `id` is known: the questionnaire has its answer labels in both languages.
                let labels = |lang: Lang| {
                    let vi = lang == Lang::Vi;
                    q.item(id).map_or(("", ""), |item| {
                        (item.label(0, vi), item.label(MAX_ANSWER, vi))
                    })
                };
                let problem = said_in(|t, lang| {
                    let (low, high) = labels(lang);
                    say!(
                        t.ans_value,
                        at = at,
                        id = id,
                        what = what.get(lang),
                        low = low,
                        high = high
                    )
                });
                problems.push((line, problem));
            }
        }
    }
}

/// The answer as 0..=4, or what is wrong with it.
fn answer_value(value: &Spanned<DeValue>) -> Result<u8, Said> {
    let not_whole = |value: String| said(|t| say!(t.ans_not_whole, value = value));
    match value.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if (0..=i64::from(MAX_ANSWER)).contains(&n) => Ok(n as u8),
            _ => Err(said(|t| say!(t.ans_outside, value = i))),
        },
        DeValue::Float(f) => Err(not_whole(f.to_string())),
        DeValue::String(s) => match s.trim().parse::<u8>() {
            Ok(n) if n <= MAX_ANSWER => Err(said(|t| say!(t.ans_text, text = s, n = n))),
            _ => Err(not_whole(format!("\"{s}\""))),
        },
        DeValue::Boolean(b) => Err(not_whole(b.to_string())),
        other => {
            let kind = other.type_str();
            Err(said(|t| say!(t.ans_not_whole, value = t.toml_type(kind))))
        }
    }
}

fn read_notes(
    table: &DeTable,
    line_of: &dyn Fn(usize) -> usize,
    origin: &str,
    q: &Questionnaire,
    sheet: &mut AnswerSheet,
    problems: &mut Vec<(usize, Said)>,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let line = line_of(key.span().start);
        let Some(id) = known_id(q, name) else {
            problems.push(unknown_item(q, origin, line, name));
            continue;
        };
        match value.get_ref() {
            DeValue::String(s) => {
                let note = crate::text::nfc(s.trim());
                if sheet.notes.insert(id.to_string(), note).is_some() {
                    let at = format!("{origin}:{line}");
                    problems.push((line, said(|t| say!(t.ans_note_twice, at = at, id = id))));
                }
            }
            other => {
                let at = format!("{origin}:{line}");
                let found = other.type_str();
                let what = said(|t| {
                    say!(
                        t.ans_note_not_text,
                        at = at,
                        id = id,
                        found = t.toml_type(found)
                    )
                });
                problems.push((line_of(value.span().start), what));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> &'static Questionnaire {
        Questionnaire::builtin()
    }

    fn ok(text: &str) -> AnswerSheet {
        parse(text, "a.toml", q()).unwrap_or_else(|p| panic!("{p:?}"))
    }

    /// The problems in English (Vietnamese: `problems_are_said_in_both_languages`).
    fn err(text: &str) -> Vec<String> {
        let problems = parse(text, "a.toml", q()).unwrap_err();
        problems.into_iter().map(|p| p.en).collect()
    }

    #[test]
    fn problems_are_said_in_both_languages() {
        let p = parse("[answers]\nZ9 = 2\nB1 = 7\n", "a.toml", q()).unwrap_err();
        assert!(
            p[0].vi.starts_with("a.toml:2: không có câu hỏi `Z9`"),
            "{p:?}"
        );
        assert!(p[1].vi.contains("B1 = 7 nằm ngoài khoảng 0–4"), "{p:?}");
        assert_ne!(p[1].vi, p[1].en);
    }

    #[test]
    fn reads_answers_and_notes() {
        let s =
            ok("# first visit\n[answers]\nA1 = 4\nb2 = 0\nC2 = 3\n\n[notes]\nA1 = \"ERC seen\"\n");
        assert_eq!(s.answers.len(), 3);
        assert_eq!(s.answers["A1"], 4);
        assert_eq!(s.answers["B2"], 0);
        assert_eq!(s.notes["A1"], "ERC seen");
    }

    #[test]
    fn dotted_and_inline_forms_work() {
        let s = ok("answers = { A1 = 2, A2 = 3 }\nnotes.A2 = \"x\"\n");
        assert_eq!(s.answers["A2"], 3);
        assert_eq!(s.notes["A2"], "x");
    }

    #[test]
    fn every_problem_is_listed_with_its_line() {
        let text = "[answers]\nA1 = 4\nZ9 = 2\nB1 = 7\nB2 = \"3\"\nB3 = 2.5\nB4 = -1\n[notes]\nQ1 = \"x\"\nA2 = 3\n";
        let p = err(text);
        assert_eq!(p.len(), 7, "{p:#?}");
        assert!(p[0].starts_with("a.toml:3: unknown item `Z9`"), "{}", p[0]);
        assert!(p[0].contains("A1–A5"), "{}", p[0]);
        assert!(
            p[1].starts_with("a.toml:4: B1 = 7 is outside 0–4"),
            "{}",
            p[1]
        );
        assert!(p[2].starts_with("a.toml:5: B2 = \"3\" is text"), "{}", p[2]);
        assert!(p[3].starts_with("a.toml:6: B3 = 2.5"), "{}", p[3]);
        assert!(p[4].starts_with("a.toml:7: B4 = -1 is outside"), "{}", p[4]);
        assert!(p[5].starts_with("a.toml:9: unknown item `Q1`"), "{}", p[5]);
        assert!(p[6].starts_with("a.toml:10: the note for A2"), "{}", p[6]);
    }

    #[test]
    fn not_toml_names_the_parser_line() {
        let p = err("[answers]\nA1 = 3\nA2 = = 4\n");
        assert!(p[0].starts_with("a.toml:3: not valid TOML"), "{p:?}");
        let p = err("[answers]\nA1 = 3\nA1 = 4\n");
        assert!(p[0].starts_with("a.toml:3:"), "{p:?}");
    }

    #[test]
    fn same_item_in_two_spellings_is_a_duplicate() {
        let p = err("[answers]\nA1 = 3\na1 = 4\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("A1 is answered twice"), "{p:?}");
    }

    #[test]
    fn missing_or_empty_answers_table() {
        let p = err("[notes]\nA1 = \"x\"\n");
        assert!(p[0].starts_with("a.toml:1: no [answers] table"), "{p:?}");
        let p = err("# nothing yet\n[answers]\n");
        assert!(p[0].starts_with("a.toml:2: [answers] is empty"), "{p:?}");
        let p = err("answers = 3\n");
        assert!(p[0].contains("not a table"), "{p:?}");
        let p = err("[answers]\nA1 = 1\n[extra]\n");
        assert!(
            p[0].starts_with("a.toml:3: unknown key or table `extra`"),
            "{p:?}"
        );
    }

    #[test]
    fn hex_and_underscored_integers_are_read_as_numbers() {
        assert_eq!(ok("[answers]\nA1 = 0x3\n").answers["A1"], 3);
        assert!(err("[answers]\nA1 = 0x10\n")[0].contains("outside 0–4"));
    }
}
