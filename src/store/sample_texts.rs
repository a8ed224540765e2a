//! The demo portfolio in both languages. Sample rows are stored once, in one language (the
//! sample SMEs' products and notes in English from `data/sample_smes.csv`; the demo pipeline's
//! plan actions and decisions in the language of whoever created the database), so the reader
//! of the other language gets them from this table: every demo text with its twin, from
//! `data/sample_smes_vi.csv` (keyed by the sample SME's tax code and product code) and
//! `data/sample_pipeline.toml`. A text a person typed or changed is in no table: it stays as typed.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Lang;

const SAMPLE_SMES_VI: &str = include_str!("../../data/sample_smes_vi.csv");

/// English and Vietnamese of one demo text.
#[derive(Debug)]
struct Pair {
    en: String,
    vi: String,
}

/// Each demo text (in either language) → its pair.
fn table() -> &'static HashMap<String, Pair> {
    static TABLE: OnceLock<HashMap<String, Pair>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        // Both files are the program's own data, checked by the tests below: a broken one
        // leaves the demo in its stored language rather than stopping the program.
        let pairs = sme_pairs().unwrap_or_default();
        let pipeline = super::sample_pipeline::text_pairs().unwrap_or_default();
        for (en, vi) in pairs.into_iter().chain(pipeline) {
            if en.is_empty() || vi.is_empty() {
                continue;
            }
            for key in [en.clone(), vi.clone()] {
                map.insert(
                    key,
                    Pair {
                        en: en.clone(),
                        vi: vi.clone(),
                    },
                );
            }
        }
        map
    })
}

/// (English, Vietnamese) of every sample SME's product descriptions and notes.
fn sme_pairs() -> anyhow::Result<Vec<(String, String)>> {
    let english = rows(super::schema::SAMPLE_SMES_CSV, "products", "notes")?;
    let vietnamese = rows(SAMPLE_SMES_VI, "products_vi", "notes_vi")?;
    let mut out = Vec::new();
    for (tax, (products, notes)) in &english {
        let Some((products_vi, notes_vi)) = vietnamese.get(tax) else {
            anyhow::bail!("data/sample_smes_vi.csv has no row for tax code {tax}");
        };
        for (hs, en) in products {
            if let Some((_, vi)) = products_vi.iter().find(|(h, _)| h == hs) {
                out.push((en.clone(), vi.clone()));
            }
        }
        out.push((notes.clone(), notes_vi.clone()));
    }
    Ok(out)
}

type Products = Vec<(String, String)>;

/// tax code → (products as (hs, description), notes) of a sample CSV.
fn rows(
    csv_text: &str,
    products: &str,
    notes: &str,
) -> anyhow::Result<HashMap<String, (Products, String)>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| anyhow::anyhow!("sample CSV has no column {name}"))
    };
    let (tax, prod, note) = (column("tax_code")?, column(products)?, column(notes)?);
    let mut out = HashMap::new();
    for record in reader.records() {
        let record = record?;
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let list = field(prod)
            .split(';')
            .filter_map(|item| item.split_once(':'))
            .map(|(hs, d)| (hs.trim().to_string(), d.trim().to_string()))
            .collect();
        out.insert(field(tax), (list, field(note)));
    }
    Ok(out)
}

/// Every demo text as (English, Vietnamese), for the checks that both languages show theirs.
pub fn pairs() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = table()
        .values()
        .map(|p| (p.en.as_str(), p.vi.as_str()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `text` in `lang` when it is a demo text, else `text` as it is.
pub fn demo_text(lang: Lang, text: &str) -> &str {
    match table().get(text) {
        Some(p) => match lang {
            Lang::En => &p.en,
            Lang::Vi => &p.vi,
        },
        None => text,
    }
}

/// A sample SME's text (product description, notes) in `lang`; a real SME's as typed.
pub fn sme_text(lang: Lang, sample: bool, text: &str) -> &str {
    if sample { demo_text(lang, text) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_product_and_note_has_a_vietnamese_twin() {
        let english = rows(super::super::schema::SAMPLE_SMES_CSV, "products", "notes").unwrap();
        let vietnamese = rows(SAMPLE_SMES_VI, "products_vi", "notes_vi").unwrap();
        assert_eq!(english.len(), vietnamese.len());
        for (tax, (products, notes)) in &english {
            let (products_vi, notes_vi) = &vietnamese[tax];
            let hs: Vec<&String> = products.iter().map(|(h, _)| h).collect();
            let hs_vi: Vec<&String> = products_vi.iter().map(|(h, _)| h).collect();
            assert_eq!(hs, hs_vi, "{tax}");
            for (_, vi) in products_vi {
                assert!(
                    !vi.is_empty(),
                    "{tax}: a product has no Vietnamese description"
                );
            }
            assert_eq!(notes.is_empty(), notes_vi.is_empty(), "{tax}: notes");
        }
    }

    #[test]
    fn demo_texts_follow_the_reader_and_typed_texts_stay() {
        assert_eq!(
            demo_text(Lang::Vi, "Frozen pangasius fillets"),
            "Phi-lê cá tra đông lạnh"
        );
        assert_eq!(
            demo_text(Lang::En, "Phi-lê cá tra đông lạnh"),
            "Frozen pangasius fillets"
        );
        // The pipeline's plan actions and whys, whichever language they were stored in.
        assert_eq!(
            demo_text(Lang::En, "đơn hàng thứ ba trong vòng 90 ngày"),
            "third order within 90 days"
        );
        assert_eq!(
            demo_text(
                Lang::Vi,
                "List the plant with the Saudi SFDA through NAFIQAD"
            ),
            "Đăng ký nhà máy với SFDA Ả Rập Xê Út qua NAFIQAD"
        );
        assert_eq!(demo_text(Lang::Vi, "my own words"), "my own words");
        assert_eq!(
            sme_text(Lang::Vi, false, "Cashew kernels"),
            "Cashew kernels"
        );
        assert_eq!(sme_text(Lang::Vi, true, "Cashew kernels"), "Nhân điều");
    }
}
