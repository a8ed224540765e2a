//! The SME CSV format (DESIGN §6): validate every row before anything is stored, and export.
//! Problems read `FILE:LINE: column: what is wrong (how to fix)`.

use std::collections::{HashMap, HashSet};

use crate::domain::*;
use crate::text::nfc;

pub const COLUMNS: [&str; 16] = [
    "name",
    "tax_code",
    "province",
    "sector",
    "employees",
    "revenue_usd",
    "founded",
    "export_experience",
    "current_markets",
    "certifications",
    "languages",
    "products",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
];

const REQUIRED: [&str; 4] = ["name", "tax_code", "province", "sector"];

/// Parse and validate a whole file. On any problem returns every problem found, and no SME.
/// `existing_tax_codes` are those already in the database (a second copy is refused).
pub fn parse(
    bytes: &[u8],
    file: &str,
    reference: &Reference,
    existing_tax_codes: &HashSet<String>,
) -> Result<Vec<Sme>, Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![format!(
            "{file}:1: empty file (expected a header row `{}` and one row per SME)",
            COLUMNS.join(",")
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![format!("{file}:1: cannot read the header: {e}")]),
        None => return Err(vec![format!("{file}:1: empty file")]),
    };
    let header: Vec<String> = match header
        .iter()
        .map(|f| std::str::from_utf8(f).map(|s| s.trim().to_ascii_lowercase()))
        .collect::<Result<_, _>>()
    {
        Ok(h) => h,
        Err(_) => {
            return Err(vec![format!(
                "{file}:1: header is not valid UTF-8 (save the file as CSV UTF-8)"
            )]);
        }
    };
    let mut problems = Vec::new();
    if !header.iter().any(|h| h == "name") {
        return Err(vec![format!(
            "{file}:1: missing header row (the first line must name the columns, e.g. `{}`)",
            COLUMNS.join(",")
        )]);
    }
    let mut seen = HashSet::new();
    for h in &header {
        if !COLUMNS.contains(&h.as_str()) {
            problems.push(format!(
                "{file}:1: {h}: unknown column (remove it; known columns: {})",
                COLUMNS.join(", ")
            ));
        } else if !seen.insert(h.clone()) {
            problems.push(format!("{file}:1: {h}: column appears twice (keep one)"));
        }
    }
    for r in REQUIRED {
        if !header.iter().any(|h| h == r) {
            problems.push(format!(
                "{file}:1: {r}: required column missing (add a `{r}` column)"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut smes = Vec::new();
    let mut tax_codes: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(format!("{file}:{line}: cannot read row: {e}"));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // blank line
        }
        if record.len() > header.len() {
            problems.push(format!(
                "{file}:{line}: row has {} fields but the header has {} (quote cells that contain commas)",
                record.len(),
                header.len()
            ));
            continue;
        }
        let mut fields = Fields::default();
        let mut utf8_ok = true;
        for (i, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => {
                    fields.0.insert(header[i].clone(), nfc(s.trim()));
                }
                Err(_) => {
                    problems.push(format!(
                        "{file}:{line}: {}: not valid UTF-8 text (save the file as CSV UTF-8)",
                        header[i]
                    ));
                    utf8_ok = false;
                }
            }
        }
        if !utf8_ok {
            continue;
        }
        let mut row = RowCheck {
            file,
            line,
            problems: &mut problems,
        };
        let sme = row.sme(&fields, reference);
        if let Some(sme) = sme {
            if existing_tax_codes.contains(&sme.tax_code) {
                problems.push(format!(
                    "{file}:{line}: tax_code: {} is already in the database (remove the row or edit that SME)",
                    sme.tax_code
                ));
            } else if let Some(first) = tax_codes.insert(sme.tax_code.clone(), line) {
                problems.push(format!(
                    "{file}:{line}: tax_code: {} also appears on line {first} (keep one row per SME)",
                    sme.tax_code
                ));
            } else {
                smes.push(sme);
            }
        }
    }
    if problems.is_empty() && smes.is_empty() {
        problems.push(format!(
            "{file}:2: no SME rows after the header (add one row per SME)"
        ));
    }
    if problems.is_empty() {
        Ok(smes)
    } else {
        Err(problems)
    }
}

/// One row's cells by column name (trimmed, NFC).
#[derive(Default)]
struct Fields(HashMap<String, String>);

impl Fields {
    fn get(&self, column: &str) -> &str {
        self.0.get(column).map(String::as_str).unwrap_or("")
    }
}

struct RowCheck<'a> {
    file: &'a str,
    line: u64,
    problems: &'a mut Vec<String>,
}

impl RowCheck<'_> {
    fn fail(&mut self, column: &str, what: String) {
        self.problems
            .push(format!("{}:{}: {column}: {what}", self.file, self.line));
    }

    fn sme(&mut self, fields: &Fields, r: &Reference) -> Option<Sme> {
        let get = |c: &str| fields.get(c);
        let before = self.problems.len();
        let name = get("name").to_string();
        if name.is_empty() {
            self.fail("name", "empty (every SME needs a name)".into());
        }
        let tax_code = normalise_tax_code(get("tax_code"));
        if tax_code.is_none() {
            self.fail(
                "tax_code",
                format!(
                    "`{}` is not a Vietnamese tax code (use 10 digits, or 13 digits with the branch suffix)",
                    get("tax_code")
                ),
            );
        }
        let province = match r.province(get("province")) {
            Some(p) => p.name.clone(),
            None => {
                self.fail(
                    "province",
                    format!(
                        "`{}` is not a province (use one of the 34 current provinces or a former name)",
                        get("province")
                    ),
                );
                String::new()
            }
        };
        let sector = get("sector").to_lowercase().replace([' ', '-'], "_");
        if sector.is_empty() {
            self.fail(
                "sector",
                format!("empty (e.g. {})", KNOWN_SECTORS[..4].join(", ")),
            );
        }
        let employees = self.number::<u32>(get("employees"), "employees", "a whole number ≥ 0");
        let revenue_usd = self
            .number::<f64>(get("revenue_usd"), "revenue_usd", "an amount in US$ ≥ 0")
            .filter(|v| {
                let ok = v.is_finite() && *v >= 0.0;
                if !ok {
                    self.fail(
                        "revenue_usd",
                        format!("{v} is negative (use an amount ≥ 0)"),
                    );
                }
                ok
            });
        let founded = self
            .number::<u16>(get("founded"), "founded", "a year such as 2015")
            .filter(|y| {
                let ok = (1800..=2100).contains(y);
                if !ok {
                    self.fail(
                        "founded",
                        format!("{y} is not a plausible year (e.g. 2015)"),
                    );
                }
                ok
            });
        let export_experience = match get("export_experience") {
            "" => None,
            s => {
                let e = ExportExperience::parse(s);
                if e.is_none() {
                    self.fail(
                        "export_experience",
                        format!("`{s}` is unknown (use none, indirect, occasional or regular)"),
                    );
                }
                e
            }
        };
        let mut current_markets = Vec::new();
        for m in split(get("current_markets")) {
            let code = m.to_ascii_uppercase();
            if r.market(&code).is_some() {
                current_markets.push(code);
            } else {
                self.fail(
                    "current_markets",
                    format!("`{m}` is not a known market ISO3 code (e.g. USA, JPN, DEU; `goglobal markets` lists them)"),
                );
            }
        }
        let mut certifications = Vec::new();
        for c in split(get("certifications")) {
            let code = c.to_ascii_uppercase().replace([' ', '-'], "_");
            if r.certification(&code).is_some() {
                certifications.push(code);
            } else {
                self.fail(
                    "certifications",
                    format!("`{c}` is not a known certification code (see data/certifications.csv, e.g. HACCP, HALAL)"),
                );
            }
        }
        let languages = split(get("languages"))
            .into_iter()
            .map(|l| l.to_lowercase())
            .collect();
        let mut products = Vec::new();
        for item in split(get("products")) {
            let (code, description) = match item.split_once(':') {
                Some((c, d)) => (c.trim(), d.trim()),
                None => (item.as_str(), ""),
            };
            let digits: String = code.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
            if r.hs_code(&digits).is_some() {
                products.push(Product {
                    hs: digits,
                    description: description.to_string(),
                });
            } else {
                self.fail(
                    "products",
                    format!("`{code}` is not an HS 2022 code (use 2, 4 or 6 digits, e.g. 090111 or 0901.11)"),
                );
            }
        }
        let contact_email = get("contact_email").to_string();
        if !contact_email.is_empty() && !email_shape(&contact_email) {
            self.fail(
                "contact_email",
                format!("`{contact_email}` is not an e-mail address (e.g. name@company.vn)"),
            );
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Sme {
            name,
            tax_code: tax_code.unwrap_or_default(),
            province,
            sector,
            employees,
            revenue_usd,
            founded,
            export_experience,
            current_markets,
            certifications,
            languages,
            products,
            contact_name: get("contact_name").to_string(),
            contact_email,
            contact_phone: get("contact_phone").to_string(),
            notes: get("notes").to_string(),
            ..Default::default()
        })
    }

    fn number<T: std::str::FromStr>(&mut self, s: &str, column: &str, expected: &str) -> Option<T> {
        if s.is_empty() {
            return None;
        }
        let cleaned: String = s.chars().filter(|c| *c != '_' && *c != ' ').collect();
        match cleaned.parse::<T>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.fail(column, format!("`{s}` is not {expected}"));
                None
            }
        }
    }
}

fn split(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

/// Digits of a Vietnamese tax code (MST): 10, or 13 with a branch suffix ("0312345678-001").
pub fn normalise_tax_code(s: &str) -> Option<String> {
    let s = s.trim();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let only_allowed = s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    (only_allowed && (digits.len() == 10 || digits.len() == 13)).then_some(digits)
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn email_shape(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// Write SMEs in the import format (the same columns, lists joined with `;`).
pub fn export(smes: &[Sme]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for s in smes {
        let products: Vec<String> = s
            .products
            .iter()
            .map(|p| {
                if p.description.is_empty() {
                    p.hs.clone()
                } else {
                    format!("{}:{}", p.hs, p.description)
                }
            })
            .collect();
        let opt = |v: Option<String>| v.unwrap_or_default();
        w.write_record([
            s.name.clone(),
            s.tax_code.clone(),
            s.province.clone(),
            s.sector.clone(),
            opt(s.employees.map(|v| v.to_string())),
            opt(s.revenue_usd.map(|v| v.to_string())),
            opt(s.founded.map(|v| v.to_string())),
            opt(s.export_experience.map(|e| e.code().to_string())),
            s.current_markets.join(";"),
            s.certifications.join(";"),
            s.languages.join(";"),
            products.join(";"),
            s.contact_name.clone(),
            s.contact_email.clone(),
            s.contact_phone.clone(),
            s.notes.clone(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
