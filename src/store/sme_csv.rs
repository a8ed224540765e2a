//! The SME CSV format (DESIGN §6): validate every row before anything is stored, and export.
//! Problems read `FILE:LINE: column: what is wrong (how to fix)`.

use std::collections::{HashMap, HashSet};

use super::strings::{StoreStrings, said};
use crate::domain::*;
use crate::lang::Said;
use crate::say;
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

impl super::Store {
    /// Validate a user's SME file as `smes import` does, against the reference data and the tax
    /// codes of the SMEs here (a second copy is refused). Nothing is written.
    pub fn check_sme_csv(
        &self,
        bytes: &[u8],
        file: &str,
    ) -> anyhow::Result<Result<Vec<Sme>, Vec<Said>>> {
        let reference = super::load_reference(&self.conn)?;
        let existing: HashSet<String> = self
            .conn
            .prepare("SELECT tax_code FROM sme WHERE deleted_at IS NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(parse(bytes, file, &reference, &existing))
    }
}

/// Parse and validate a whole file. On any problem returns every problem found, and no SME.
/// `existing_tax_codes` are those already in the database (a second copy is refused).
pub fn parse(
    bytes: &[u8],
    file: &str,
    reference: &Reference,
    existing_tax_codes: &HashSet<String>,
) -> Result<Vec<Sme>, Vec<Said>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![said(|t| {
            say!(t.csv_empty_file, file = file, columns = COLUMNS.join(","))
        })]);
    }
    // Lines from the reader's byte offsets: its own line count is one short on CRLF files.
    let lines = crate::text::LineIndex::new(bytes);
    let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| lines.record_line(p.byte()) as u64);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(vec![said(|t| {
                say!(t.csv_bad_header, file = file, error = e)
            })]);
        }
        None => return Err(vec![said(|t| say!(t.csv_empty, file = file))]),
    };
    let header: Vec<String> = match header
        .iter()
        .map(|f| std::str::from_utf8(f).map(|s| s.trim().to_ascii_lowercase()))
        .collect::<Result<_, _>>()
    {
        Ok(h) => h,
        Err(_) => {
            return Err(vec![said(|t| say!(t.csv_header_utf8, file = file))]);
        }
    };
    let mut problems = Vec::new();
    if !header.iter().any(|h| h == "name") {
        return Err(vec![said(|t| {
            say!(t.csv_no_header, file = file, columns = COLUMNS.join(","))
        })]);
    }
    let mut seen = HashSet::new();
    for h in &header {
        if !COLUMNS.contains(&h.as_str()) {
            problems.push(said(|t| {
                say!(
                    t.csv_unknown_column,
                    file = file,
                    column = h,
                    columns = COLUMNS.join(", ")
                )
            }));
        } else if !seen.insert(h.clone()) {
            problems.push(said(|t| say!(t.csv_column_twice, file = file, column = h)));
        }
    }
    for r in REQUIRED {
        if !header.iter().any(|h| h == r) {
            problems.push(said(|t| {
                say!(t.csv_column_missing, file = file, column = r)
            }));
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
                let line = line_of(e.position());
                problems.push(said(|t| {
                    say!(t.csv_bad_row, file = file, line = line, error = e)
                }));
                continue;
            }
        };
        let line = line_of(record.position());
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // blank line
        }
        if record.len() > header.len() {
            problems.push(said(|t| {
                say!(
                    t.csv_row_too_long,
                    file = file,
                    line = line,
                    fields = record.len(),
                    columns = header.len()
                )
            }));
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
                    problems.push(said(|t| {
                        say!(
                            t.csv_cell_utf8,
                            file = file,
                            line = line,
                            column = header[i]
                        )
                    }));
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
                problems.push(said(|t| {
                    say!(
                        t.csv_tax_code_in_db,
                        file = file,
                        line = line,
                        tax_code = sme.tax_code
                    )
                }));
            } else if let Some(first) = tax_codes.insert(sme.tax_code.clone(), line) {
                problems.push(said(|t| {
                    say!(
                        t.csv_tax_code_twice,
                        file = file,
                        line = line,
                        tax_code = sme.tax_code,
                        first = first
                    )
                }));
            } else {
                smes.push(sme);
            }
        }
    }
    if problems.is_empty() && smes.is_empty() {
        problems.push(said(|t| say!(t.csv_no_rows, file = file)));
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
    problems: &'a mut Vec<Said>,
}

impl RowCheck<'_> {
    fn sme(&mut self, fields: &Fields, r: &Reference) -> Option<Sme> {
        let before = self.problems.len();
        let mut sme = Sme::default();
        for column in COLUMNS {
            if let Err(problems) = set_field(&mut sme, column, fields.get(column), r) {
                for what in problems {
                    let at = Said::from(format!("{}:{}: {column}", self.file, self.line));
                    self.problems.push(at.join(": ", &what));
                }
            }
        }
        (self.problems.len() == before).then_some(sme)
    }
}

/// Validate `value` for SME field `column` (a CSV column name) and set it on `sme`. The same
/// rules serve the CSV importer (every column of a row) and a one-field edit. On a problem the
/// field is left as it was and each problem says what is wrong and how to fix it.
pub fn set_field(sme: &mut Sme, column: &str, value: &str, r: &Reference) -> Result<(), Vec<Said>> {
    let value = nfc(value.trim());
    let value = value.as_str();
    let one = |what: Said| Err(vec![what]);
    match column {
        "name" => {
            if value.is_empty() {
                return one(said(|t| t.field_name_empty.to_string()));
            }
            sme.name = value.to_string();
        }
        "tax_code" => match normalise_tax_code(value) {
            Some(t) => sme.tax_code = t,
            None => {
                return one(said(|t| say!(t.field_tax_code, value = value)));
            }
        },
        "province" => match r.province(value) {
            Some(p) => sme.province = p.name.clone(),
            None => {
                return one(said(|t| say!(t.field_province, value = value)));
            }
        },
        "sector" => {
            let sector = value.to_lowercase().replace([' ', '-'], "_");
            if sector.is_empty() {
                let examples = KNOWN_SECTORS
                    .iter()
                    .take(4)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                return one(said(|t| say!(t.field_sector_empty, examples = examples)));
            }
            sme.sector = sector;
        }
        "employees" => {
            sme.employees = number::<u32>(value, |t| t.expect_whole).map_err(|e| vec![e])?
        }
        "revenue_usd" => {
            let v = number::<f64>(value, |t| t.expect_amount).map_err(|e| vec![e])?;
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                return one(said(|t| say!(t.field_not_number, value = v)));
            }
            if let Some(v) = v.filter(|v| *v < 0.0) {
                return one(said(|t| say!(t.field_negative, value = v)));
            }
            sme.revenue_usd = v;
        }
        "founded" => {
            let y = number::<u16>(value, |t| t.expect_year).map_err(|e| vec![e])?;
            if let Some(y) = y.filter(|y| !(1800..=2100).contains(y)) {
                return one(said(|t| say!(t.field_year, value = y)));
            }
            sme.founded = y;
        }
        "export_experience" => {
            sme.export_experience = match value {
                "" => None,
                s => match ExportExperience::parse(s) {
                    Some(e) => Some(e),
                    None => {
                        return one(said(|t| say!(t.field_experience, value = s)));
                    }
                },
            }
        }
        "current_markets" => {
            let mut markets = Vec::new();
            let mut problems = Vec::new();
            for m in split(value) {
                let code = m.to_ascii_uppercase();
                if r.market(&code).is_some() {
                    markets.push(code);
                } else {
                    problems.push(said(|t| say!(t.field_market, value = m)));
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            sme.current_markets = markets;
        }
        "certifications" => {
            let mut certifications = Vec::new();
            let mut problems = Vec::new();
            for c in split(value) {
                let code = c.to_ascii_uppercase().replace([' ', '-'], "_");
                if r.certification(&code).is_some() {
                    certifications.push(code);
                } else {
                    problems.push(said(|t| say!(t.field_certification, value = c)));
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            sme.certifications = certifications;
        }
        "languages" => sme.languages = split(value).into_iter().map(|l| l.to_lowercase()).collect(),
        "products" => {
            let mut products = Vec::new();
            let mut problems = Vec::new();
            for item in split(value) {
                let (code, description) = match item.split_once(':') {
                    Some((c, d)) => (c.trim(), d.trim()),
                    None => (item.as_str(), ""),
                };
                // HS 2022 (2, 4 or 6 digits) or a national AHTN 2022 line (8 digits), kept as
                // entered; an 8-digit code must be a line of Viet Nam's nomenclature.
                match crate::domain::hs::digits(code).filter(|d| r.hs_code(d).is_some()) {
                    Some(digits) => products.push(Product {
                        hs: digits,
                        description: description.to_string(),
                    }),
                    None => problems.push(said(|t| say!(t.field_hs, value = code))),
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            sme.products = products;
        }
        "contact_name" => sme.contact_name = value.to_string(),
        "contact_email" => {
            if !value.is_empty() && !email_shape(value) {
                return one(said(|t| say!(t.field_email, value = value)));
            }
            sme.contact_email = value.to_string();
        }
        "contact_phone" => sme.contact_phone = value.to_string(),
        "notes" => sme.notes = value.to_string(),
        other => {
            return one(said(|t| {
                say!(t.field_unknown, value = other, columns = COLUMNS.join(", "))
            }));
        }
    }
    Ok(())
}

/// An optional number: empty → None; `_` and spaces allowed as digit separators.
fn number<T: std::str::FromStr>(
    s: &str,
    expected: fn(&StoreStrings) -> &'static str,
) -> Result<Option<T>, Said> {
    if s.is_empty() {
        return Ok(None);
    }
    let cleaned: String = s.chars().filter(|c| *c != '_' && *c != ' ').collect();
    cleaned
        .parse::<T>()
        .map(Some)
        .map_err(|_| said(|t| say!(t.field_not_a, value = s, expected = expected(t))))
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
