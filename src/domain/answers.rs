//! The answers file of `goglobal assess`: an `[answers]` table of `ITEM_ID = 0..4` lines and an
//! optional `[notes]` table of `ITEM_ID = "evidence"` lines. Every problem is reported with its
//! line, all at once, so the advisor can fix the file in one pass.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::readiness::{MAX_ANSWER, Questionnaire};
use crate::text::LineIndex;

/// A validated answers file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerSheet {
    pub answers: BTreeMap<String, u8>,
    pub notes: BTreeMap<String, String>,
}

/// Parse `text` (the file named `origin`) against the questionnaire. On failure, every problem
/// as `ORIGIN:LINE: what (how to fix)`, in line order.
pub fn parse(text: &str, origin: &str, q: &Questionnaire) -> Result<AnswerSheet, Vec<String>> {
    let mut problems: Vec<(usize, String)> = Vec::new();
    let (doc, errors) = DeTable::parse_recoverable(text);
    // One index for every lookup: a file with many bad lines is still refused in linear time.
    let lines = LineIndex::new(text.as_bytes());
    let line_of = |offset: usize| lines.line(offset);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let line = e.span().map_or(1, |s| line_of(s.start));
                format!(
                    "{origin}:{line}: not valid TOML: {} (write `[answers]` then one `A1 = 3` line per item)",
                    e.message().trim()
                )
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
                    other => problems.push((
                        line,
                        format!(
                            "{origin}:{line}: `answers` is not a table (found {}; write `[answers]` on its own line)",
                            other.type_str()
                        ),
                    )),
                }
            }
            "notes" => match value.get_ref() {
                DeValue::Table(t) => read_notes(t, &line_of, origin, q, &mut sheet, &mut problems),
                other => problems.push((
                    line,
                    format!(
                        "{origin}:{line}: `notes` is not a table (found {}; write `[notes]` on its own line)",
                        other.type_str()
                    ),
                )),
            },
            other => problems.push((
                line,
                format!(
                    "{origin}:{line}: unknown key or table `{other}` (the file holds an [answers] table and an optional [notes] table)"
                ),
            )),
        }
    }
    if !answers_seen {
        problems.push((
            1,
            format!(
                "{origin}:1: no [answers] table (write `[answers]` then one `ITEM_ID = 0..4` line per item, e.g. `A1 = 3`)"
            ),
        ));
    } else if sheet.answers.is_empty() && problems.is_empty() {
        let line = doc
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == "answers")
            .map_or(1, |(k, _)| line_of(k.span().start));
        problems.push((
            line,
            format!(
                "{origin}:{line}: [answers] is empty (answer at least one item, e.g. `A1 = 3`)"
            ),
        ));
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

fn unknown_item(q: &Questionnaire, origin: &str, line: usize, key: &str) -> (usize, String) {
    (
        line,
        format!(
            "{origin}:{line}: unknown item `{key}` (the items are {})",
            q.id_ranges()
        ),
    )
}

fn read_answers(
    table: &DeTable,
    line_of: &dyn Fn(usize) -> usize,
    origin: &str,
    q: &Questionnaire,
    sheet: &mut AnswerSheet,
    problems: &mut Vec<(usize, String)>,
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
            problems.push((
                line,
                format!("{origin}:{line}: {id} is answered twice (also on line {first}; keep one)"),
            ));
            continue;
        }
        match answer_value(value) {
            Ok(a) => {
                sheet.answers.insert(id.to_string(), a);
            }
            Err(what) => {
                let line = line_of(value.span().start);
                let item = q.item(id).expect("known id");
                problems.push((
                    line,
                    format!(
                        "{origin}:{line}: {id} = {what} (use 0 = \"{}\" … 4 = \"{}\")",
                        item.label(0, false),
                        item.label(MAX_ANSWER, false)
                    ),
                ));
            }
        }
    }
}

/// The answer as 0..=4, or what is wrong with it.
fn answer_value(value: &Spanned<DeValue>) -> Result<u8, String> {
    match value.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if (0..=i64::from(MAX_ANSWER)).contains(&n) => Ok(n as u8),
            _ => Err(format!("{i} is outside 0–4")),
        },
        DeValue::Float(f) => Err(format!(
            "{f}: the answer must be a whole number from 0 to 4"
        )),
        DeValue::String(s) => match s.trim().parse::<u8>() {
            Ok(n) if n <= MAX_ANSWER => Err(format!(
                "\"{s}\" is text: write the number without quotes, `{n}`"
            )),
            _ => Err(format!(
                "\"{s}\": the answer must be a whole number from 0 to 4"
            )),
        },
        DeValue::Boolean(b) => Err(format!(
            "{b}: the answer must be a whole number from 0 to 4"
        )),
        other => Err(format!(
            "{}: the answer must be a whole number from 0 to 4",
            other.type_str()
        )),
    }
}

fn read_notes(
    table: &DeTable,
    line_of: &dyn Fn(usize) -> usize,
    origin: &str,
    q: &Questionnaire,
    sheet: &mut AnswerSheet,
    problems: &mut Vec<(usize, String)>,
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
                    problems.push((
                        line,
                        format!("{origin}:{line}: the note for {id} is given twice (keep one)"),
                    ));
                }
            }
            other => problems.push((
                line_of(value.span().start),
                format!(
                    "{origin}:{line}: the note for {id} is not text (found {}; write it in quotes)",
                    other.type_str()
                ),
            )),
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

    fn err(text: &str) -> Vec<String> {
        parse(text, "a.toml", q()).unwrap_err()
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
