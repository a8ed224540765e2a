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

/// The words of amounts: the scale units and where the currency goes. Vietnamese follows its
/// business press ("1,2 tỷ USD", "345 triệu USD"), English writes "US$ 1.2 bn".
#[derive(Debug, serde::Serialize)]
pub struct AmountWords {
    /// A dollar amount around its number `{n}`.
    pub usd: &'static str,
    pub million: &'static str,
    pub billion: &'static str,
    /// Empty where the language counts on in its billion unit ("27.700 tỷ").
    pub trillion: &'static str,
    /// What a figure that is not a number (NaN, infinite) shows.
    pub not_a_number: &'static str,
}

pub const AMOUNTS_EN: AmountWords = AmountWords {
    usd: "US$ {n}",
    million: "mn",
    billion: "bn",
    trillion: "tn",
    not_a_number: "—",
};

pub const AMOUNTS_VI: AmountWords = AmountWords {
    usd: "{n} USD",
    million: "triệu",
    billion: "tỷ",
    trillion: "",
    not_a_number: "—",
};

impl Catalog for AmountWords {
    fn of(lang: Lang) -> &'static AmountWords {
        match lang {
            Lang::En => &AMOUNTS_EN,
            Lang::Vi => &AMOUNTS_VI,
        }
    }
}

/// A large count in the units of the language: whole below a million ("238,417"), then one
/// decimal in millions, billions (and English trillions), none from 100 up: "1.2 bn",
/// "345 triệu", "1.300 tỷ". The unit is chosen after rounding, so 999.96 mn reads "1.0 bn".
pub fn amount(lang: Lang, x: f64) -> String {
    let words = AmountWords::of(lang);
    if !x.is_finite() {
        return words.not_a_number.to_string();
    }
    let whole = x.round();
    if whole.abs() < 1e6 {
        return number(lang, whole, 0);
    }
    // The next unit up while the rounded value reaches 1,000 and the language has one.
    let mut chosen = (x / 1e6, words.million);
    for (scale, unit) in [(1e9, words.billion), (1e12, words.trillion)] {
        if unit.is_empty() || rounded(chosen.0).0.abs() < 1000.0 {
            break;
        }
        chosen = (x / scale, unit);
    }
    let (value, decimals) = rounded(chosen.0);
    format!("{} {}", number(lang, value, decimals), chosen.1)
}

/// A value of 0–999 units: one decimal below 100, none from 100 up (after rounding).
fn rounded(v: f64) -> (f64, usize) {
    let one = (v * 10.0).round() / 10.0;
    if one.abs() >= 100.0 {
        (v.round(), 0)
    } else {
        (one, 1)
    }
}

/// A US dollar amount: "US$ 1.2 bn", "US$ 48,213" / "1,2 tỷ USD", "48.213 USD". The one money
/// formatter of the dashboard, `match`, the wizard and the brief (JSON and CSV keep raw numbers).
pub fn money(lang: Lang, usd: f64) -> String {
    if !usd.is_finite() {
        return AmountWords::of(lang).not_a_number.to_string();
    }
    say!(AmountWords::of(lang).usd, n = amount(lang, usd))
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
    fn money_in_each_language() {
        let en = |x| money(Lang::En, x);
        let vi = |x| money(Lang::Vi, x);
        assert_eq!(en(0.0), "US$ 0");
        assert_eq!(vi(0.0), "0 USD");
        assert_eq!(en(48_213.4), "US$ 48,213");
        assert_eq!(vi(48_213.4), "48.213 USD");
        assert_eq!(en(999_999.4), "US$ 999,999");
        // Rounds up into the next unit rather than writing "1,000,000" or "1.000 triệu".
        assert_eq!(en(999_999.6), "US$ 1.0 mn");
        assert_eq!(vi(345e6), "345 triệu USD");
        assert_eq!(vi(32.44e6), "32,4 triệu USD");
        assert_eq!(en(99.96e6), "US$ 100 mn");
        assert_eq!(en(999.96e6), "US$ 1.0 bn");
        assert_eq!(vi(999.96e6), "1,0 tỷ USD");
        assert_eq!(en(1.234e9), "US$ 1.2 bn");
        assert_eq!(vi(1.234e9), "1,2 tỷ USD");
        assert_eq!(en(27.7e12), "US$ 27.7 tn");
        // Vietnamese counts on in tỷ.
        assert_eq!(vi(27.7e12), "27.700 tỷ USD");
        assert_eq!(vi(1.3e12), "1.300 tỷ USD");
        assert_eq!(en(999.96e9), "US$ 1.0 tn");
        assert_eq!(en(-2.5e9), "US$ -2.5 bn");
        assert_eq!(vi(-1500.0), "-1.500 USD");
        assert_eq!(en(-0.4), "US$ 0");
        assert_eq!(en(f64::NAN), "—");
        assert_eq!(vi(f64::INFINITY), "—");
        assert_eq!(en(f64::NEG_INFINITY), "—");
        // Beyond trillions the number grows, it does not overflow or panic.
        assert!(en(f64::MAX).ends_with(" tn"));
        assert!(vi(f64::MAX).ends_with(" tỷ USD"));
    }

    #[test]
    fn amounts_are_counts_without_currency() {
        assert_eq!(amount(Lang::En, 238_417.0), "238,417");
        assert_eq!(amount(Lang::Vi, 98.9e6), "98,9 triệu");
        assert_eq!(amount(Lang::En, 1.43e9), "1.4 bn");
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
