//! What a Trade Map file is about, read from its title lines (or its file name, or `--hs`): the
//! report type and exporter, the product, and the unit of the values.

use super::strings::{TradeMapStrings, said};
use super::{ALL_PRODUCTS, Countries, Direction, ProductRef, Report};
use crate::domain::Reference;
use crate::lang::Said;
use crate::say;
use crate::text::fold;

/// Report type from the title line, else the file name, else the header's columns.
pub(super) fn report(
    preamble: &[&str],
    base_name: &str,
    direction: Direction,
    countries: &Countries,
) -> Result<Report, Said> {
    let title = preamble.iter().find_map(|l| {
        let f = fold(l);
        let f = f.strip_prefix("trade map ").unwrap_or(&f).to_string();
        f.starts_with("list of").then(|| l.to_string())
    });
    let exporter = |text: &str, from_title: bool| -> Result<Report, Said> {
        let rest = crate::text::after_ignore_case(text, "exported by ")
            .ok_or_else(|| said(|t| say!(t.no_exporter, text = text)))?
            .trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        // The longest run of leading words that names a country ("Viet Nam in 2024").
        for n in (1..=words.len().min(8)).rev() {
            let candidate = words[..n].join(" ");
            if let Some(iso3) = countries.iso3(&candidate) {
                return Ok(Report::ExportsBy {
                    exporter: candidate,
                    iso3: iso3.to_string(),
                });
            }
        }
        Err(said(|t| {
            let from = if from_title {
                t.from_title
            } else {
                t.from_file_name
            };
            say!(t.unknown_exporter, country = rest, from = from)
        }))
    };
    let kind_of = |text: &str, from_title: bool| -> Option<Result<Report, Said>> {
        let f = fold(text);
        if f.contains("list of importers for the selected product") {
            Some(Ok(Report::Importers))
        } else if f.contains("list of importing markets for") && f.contains("exported by ") {
            Some(exporter(text, from_title))
        } else {
            None
        }
    };
    let found = match &title {
        Some(title) => kind_of(title, true)
            .unwrap_or_else(|| Err(said(|t| say!(t.unsupported_report, title = title)))),
        None => match kind_of(base_name, false) {
            Some(r) => r,
            None => match direction {
                Direction::Imports => Ok(Report::Importers),
                Direction::Exports => Err(said(|t| t.no_title_exporter.into())),
                Direction::Supplies => Err(said(|t| t.supplying.into())),
            },
        },
    }?;
    let expected = match found {
        Report::Importers => Direction::Imports,
        Report::ExportsBy { .. } => Direction::Exports,
    };
    if direction != expected {
        let words = |t: &TradeMapStrings| match direction {
            Direction::Imports => t.directions[0],
            Direction::Exports => t.directions[1],
            Direction::Supplies => t.directions[2],
        };
        return Err(said(|t| {
            say!(
                t.direction_mismatch,
                title = found.title(),
                direction = words(t)
            )
        }));
    }
    Ok(found)
}

/// The product: from a `Product:` line (or "(All products)" in the title), `--hs`, or the file
/// name, in that order. `--hs` that contradicts the file is refused.
pub(super) fn product(
    preamble: &[&str],
    base_name: &str,
    hs: Option<&str>,
    reference: &Reference,
) -> Result<ProductRef, Said> {
    let from_file = preamble.iter().find_map(|l| {
        let f = fold(l);
        if let Some(rest) = f.strip_prefix("product") {
            let rest = rest.trim_start();
            if rest.starts_with(':') {
                let colon = l.find(':')?;
                return product_text(&l[colon + 1..]);
            }
        }
        f.contains("(all products)")
            .then(|| (ALL_PRODUCTS.to_string(), "All products".to_string()))
    });
    let hint = match hs {
        Some(h) => Some(normalise_hs(h).ok_or_else(|| said(|t| say!(t.hs_not_code, hs = h)))?),
        None => None,
    };
    // `from` says where the code was read, in the reader's words.
    let check = |code: &str, from: fn(&TradeMapStrings) -> &'static str| -> Result<(), Said> {
        if code != ALL_PRODUCTS && reference.hs_code(code).is_none() {
            return Err(said(|t| {
                say!(t.product_unknown, code = code, from = from(t))
            }));
        }
        Ok(())
    };
    let describe = |code: &str| {
        if code == ALL_PRODUCTS {
            "All products".to_string()
        } else {
            reference.hs_description(code, false)
        }
    };
    if let Some((code, description)) = from_file {
        if let Some(h) = &hint {
            if *h != code {
                return Err(said(|t| {
                    say!(
                        t.hs_contradicts,
                        hs = h,
                        code = code,
                        description = description
                    )
                }));
            }
        }
        check(&code, |t| t.from_title)?;
        let description = if description.is_empty() {
            describe(&code)
        } else {
            description
        };
        return Ok(ProductRef {
            hs: code,
            description,
            from: "title",
        });
    }
    let squashed: String = fold(base_name).chars().filter(|c| *c != ' ').collect();
    let all_in_name = squashed.contains("allproducts");
    if let Some(h) = hint {
        // Totals filed under one product would swamp its real demand: refuse the mix-up.
        if all_in_name && h != ALL_PRODUCTS {
            return Err(said(|t| say!(t.hs_contradicts_name, hs = h)));
        }
        check(&h, |_| "--hs")?;
        return Ok(ProductRef {
            description: describe(&h),
            hs: h,
            from: "--hs",
        });
    }
    let from_name = if all_in_name {
        Some(ALL_PRODUCTS.to_string())
    } else {
        squashed.match_indices("hs").find_map(|(i, _)| {
            let digits: String = squashed[i + 2..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            matches!(digits.len(), 2 | 4 | 6).then_some(digits)
        })
    };
    match from_name {
        Some(code) => {
            check(&code, |t| t.from_file_name)?;
            Ok(ProductRef {
                description: describe(&code),
                hs: code,
                from: "file name",
            })
        }
        None => Err(said(|t| t.no_product.into())),
    }
}

/// `TOTAL All products` / `'0901 Coffee…` / `69 Ceramic products` → (code, description).
fn product_text(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let (code, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let code = normalise_hs(code)?;
    let description = if code == ALL_PRODUCTS && rest.trim().is_empty() {
        "All products".to_string()
    } else {
        rest.trim().to_string()
    };
    Some((code, description))
}

/// `'0901`, `09.01`, `0901` → `0901`; `TOTAL`/`ALL` → [`ALL_PRODUCTS`]; else None.
pub fn normalise_hs(s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches('\'');
    if s.eq_ignore_ascii_case("total") || s.eq_ignore_ascii_case("all") {
        return Some(ALL_PRODUCTS.into());
    }
    let digits: String = s.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    (digits.chars().all(|c| c.is_ascii_digit()) && matches!(digits.len(), 2 | 4 | 6))
        .then_some(digits)
}

/// The unit when the file does not state one: Trade Map's own (the reader is told so).
pub const UNIT_ASSUMED: &str = "US Dollar thousand (Trade Map's unit; the file does not say)";

/// The unit line (`Unit : US Dollar thousand`) or the header's `(USD thousand)`; Trade Map's
/// default when neither says.
pub(super) fn unit(preamble: &[&str], header_cells: &[String]) -> Result<(String, f64), Said> {
    let stated = preamble
        .iter()
        .find_map(|l| {
            let f = fold(l);
            f.starts_with("unit")
                .then(|| l.split_once(':').map(|(_, u)| u.trim().to_string()))
                .flatten()
        })
        .or_else(|| {
            header_cells.iter().find_map(|h| {
                let i = crate::text::find_ignore_case(h, "(usd")?;
                let end = h[i..].find(')')? + i;
                Some(h[i + 1..end].to_string())
            })
        });
    let Some(label) = stated else {
        return Ok((UNIT_ASSUMED.into(), 1e3));
    };
    let f = fold(&label);
    let money = f.contains("dollar") || f.contains("usd") || f.contains("us$");
    let factor = if f.contains("thousand") {
        1e3
    } else if f.contains("million") {
        1e6
    } else {
        1.0
    };
    if !money {
        return Err(said(|t| say!(t.unit_not_money, unit = label)));
    }
    Ok((label, factor))
}
