//! The two languages of the program and the few tools every catalog shares: a sentence kept
//! in both languages until it is shown ([`Said`]), `{name}` placeholders filled at the edge
//! ([`fill`], the [`crate::say`] macro) and the one number format of each language.
//!
//! Catalogs are structs of `&'static str` with one `const` per language (the compiler checks
//! that both are complete); a message built deep in `store` or `domain`, where the reader's
//! language is not known, is rendered from both catalogs at once into a [`Said`] and the edge
//! (the CLI, the dashboard) picks the reader's half.

use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// `en` is English; anything else Vietnamese, the default language.
    pub fn parse(code: &str) -> Lang {
        if code.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// A catalog with one instance per language.
pub trait Catalog: 'static {
    fn of(lang: Lang) -> &'static Self;
}

/// A sentence in both languages, for messages built where the reader's language is unknown
/// (validation in `store`, conflicts): the edge shows [`Said::get`] of the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    /// Render the message from the catalog of each language.
    pub fn render<C: Catalog>(render: impl Fn(&'static C) -> String) -> Said {
        Said {
            vi: render(C::of(Lang::Vi)),
            en: render(C::of(Lang::En)),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// `self` then `sep` then `other`, in each language.
    pub fn join(&self, sep: &str, other: &Said) -> Said {
        Said {
            vi: format!("{}{sep}{}", self.vi, other.vi),
            en: format!("{}{sep}{}", self.en, other.en),
        }
    }
}

/// Text that is the same in both languages (a file name, an OS error, a firm's name).
impl From<String> for Said {
    fn from(s: String) -> Said {
        Said {
            vi: s.clone(),
            en: s,
        }
    }
}

impl From<&str> for Said {
    fn from(s: &str) -> Said {
        s.to_string().into()
    }
}

/// Replace each `{name}` of `template` by its value; unknown names stay as written.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name.and_then(|n| values.iter().find(|(k, _)| *k == n)) {
            Some((_, v)) => {
                out.push_str(&v.to_string());
                rest = &after[close.unwrap_or(0) + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, in order (for the catalog tests).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// `say!(template, name = value, …)`: [`fill`] with named values.
#[macro_export]
macro_rules! say {
    ($template:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::fill($template, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),*])
    };
}

/// A number with thousands separators and `decimals` decimals in the language's convention
/// (English 1,234.5; Vietnamese 1.234,5). The one digit-grouping function of the program.
pub fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (thousands, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Vi => ('.', ','),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    if value < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(number(Lang::En, 1234567.0, 0), "1,234,567");
        assert_eq!(number(Lang::Vi, 1234567.0, 0), "1.234.567");
        assert_eq!(number(Lang::En, -1234.56, 1), "-1,234.6");
        assert_eq!(number(Lang::Vi, 1234.56, 2), "1.234,56");
        assert_eq!(number(Lang::En, 999.0, 0), "999");
        assert_eq!(number(Lang::En, -0.01, 0), "0");
    }

    #[test]
    fn fill_replaces_known_names_and_keeps_the_rest() {
        assert_eq!(say!("{n} SMEs in {p}", n = 3, p = "Huế"), "3 SMEs in Huế");
        assert_eq!(fill("{a} {unknown} {", &[("a", &1)]), "1 {unknown} {");
        assert_eq!(placeholders("{a} x {b_c} {not one}"), vec!["a", "b_c"]);
    }

    #[test]
    fn lang_parse_defaults_to_vietnamese() {
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse(" EN "), Lang::En);
        assert_eq!(Lang::parse("vi"), Lang::Vi);
        assert_eq!(Lang::parse("fr"), Lang::Vi);
    }
}
