//! The SME form: one field per column of the SME CSV, in that order, each held as the text the
//! CSV would hold and checked with the importer's own rules (`sme_csv::set_field`) when the
//! cursor leaves it and before saving. Remembers the record and version it was opened at.

use super::line::LineEdit;
use super::pickers::{ListPicker, MultiPicker, ProductPicker};
use crate::domain::{Product, Reference, Sme};
use crate::lang::Said;
use crate::store::sme_csv::set_field;

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Province,
    Sector,
    Experience,
    Markets,
    Certifications,
    Products,
}

impl Kind {
    pub fn is_text(self) -> bool {
        self == Kind::Text
    }
}

/// The fields in the order of the SME CSV columns (a test checks the order).
pub const FIELDS: [(&str, Kind); 16] = [
    ("name", Kind::Text),
    ("tax_code", Kind::Text),
    ("province", Kind::Province),
    ("sector", Kind::Sector),
    ("employees", Kind::Text),
    ("revenue_usd", Kind::Text),
    ("founded", Kind::Text),
    ("export_experience", Kind::Experience),
    ("current_markets", Kind::Markets),
    ("certifications", Kind::Certifications),
    ("languages", Kind::Text),
    ("products", Kind::Products),
    ("contact_name", Kind::Text),
    ("contact_email", Kind::Text),
    ("contact_phone", Kind::Text),
    ("notes", Kind::Text),
];

/// Fields every SME needs (the importer's required columns).
pub const REQUIRED: [&str; 4] = ["name", "tax_code", "province", "sector"];

pub fn field_index(column: &str) -> Option<usize> {
    FIELDS.iter().position(|(c, _)| *c == column)
}

/// Products as the CSV writes them: `HS[:description]` joined with `;`.
pub fn products_text(products: &[Product]) -> String {
    products
        .iter()
        .map(|p| {
            if p.description.is_empty() {
                p.hs.clone()
            } else {
                format!("{}:{}", p.hs, p.description)
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Products from their CSV text (already validated codes; used to seed the picker).
pub fn parse_products(text: &str) -> Vec<Product> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.split_once(':') {
            Some((hs, d)) => Product {
                hs: hs.trim().to_string(),
                description: d.trim().to_string(),
            },
            None => Product {
                hs: item.to_string(),
                description: String::new(),
            },
        })
        .collect()
}

/// Codes from a `;`-separated list.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The value of `column` as the SME CSV writes it.
pub fn field_text(sme: &Sme, column: &str) -> String {
    let opt = |v: Option<String>| v.unwrap_or_default();
    match column {
        "name" => sme.name.clone(),
        "tax_code" => sme.tax_code.clone(),
        "province" => sme.province.clone(),
        "sector" => sme.sector.clone(),
        "employees" => opt(sme.employees.map(|v| v.to_string())),
        "revenue_usd" => opt(sme.revenue_usd.map(|v| v.to_string())),
        "founded" => opt(sme.founded.map(|v| v.to_string())),
        "export_experience" => opt(sme.export_experience.map(|e| e.code().to_string())),
        "current_markets" => sme.current_markets.join(";"),
        "certifications" => sme.certifications.join(";"),
        "languages" => sme.languages.join(";"),
        "products" => products_text(&sme.products),
        "contact_name" => sme.contact_name.clone(),
        "contact_email" => sme.contact_email.clone(),
        "contact_phone" => sme.contact_phone.clone(),
        "notes" => sme.notes.clone(),
        _ => String::new(),
    }
}

/// Something over the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    List(ListPicker),
    Multi(MultiPicker),
    Products(ProductPicker),
    /// Save refused: every problem, with the field it is in.
    Problems(Vec<(usize, Said)>),
    /// Another session saved this SME since it was opened: their version, and the choice
    /// between reloading it (0) and keeping on editing (1).
    Conflict {
        text: String,
        choice: usize,
    },
    /// Esc with unsaved changes: discard them (0) or keep editing (1).
    Discard {
        choice: usize,
    },
    /// The store refused the save for another reason (e.g. a tax code already taken).
    Refused(String),
}

impl Popup {
    /// Whether the popup takes typed text (a picker's filter line).
    pub fn takes_text(&self) -> bool {
        matches!(self, Popup::List(_) | Popup::Multi(_) | Popup::Products(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// None for a new SME.
    pub sme_id: Option<i64>,
    /// The record as opened (a default one for a new SME); its version is the one a save states.
    pub opened: Sme,
    /// Each field's text when opened, to tell what changed.
    pub baseline: Vec<String>,
    pub values: Vec<LineEdit>,
    /// Problems of each field from its last check.
    pub errors: Vec<Vec<Said>>,
    pub focus: usize,
    pub scroll: usize,
    pub popup: Option<Popup>,
    /// A save was asked for and its outcome has not come back yet.
    pub saving: bool,
}

impl Form {
    /// A form for `sme`, or an empty one for a new SME.
    pub fn new(sme: Option<&Sme>) -> Form {
        let opened = sme.cloned().unwrap_or_default();
        let baseline: Vec<String> = FIELDS.iter().map(|(c, _)| field_text(&opened, c)).collect();
        Form {
            sme_id: sme.map(|s| s.id),
            values: baseline.iter().map(|t| LineEdit::new(t)).collect(),
            errors: vec![Vec::new(); FIELDS.len()],
            baseline,
            opened,
            focus: 0,
            scroll: 0,
            popup: None,
            saving: false,
        }
    }

    pub fn column(&self) -> &'static str {
        FIELDS[self.focus].0
    }

    pub fn kind(&self) -> Kind {
        FIELDS[self.focus].1
    }

    pub fn text(&self, field: usize) -> &str {
        self.values[field].text()
    }

    pub fn set_text(&mut self, field: usize, text: &str) {
        self.values[field].set(text);
    }

    /// Any field differs from the record as opened.
    pub fn dirty(&self) -> bool {
        self.values
            .iter()
            .zip(&self.baseline)
            .any(|(v, b)| v.text() != b)
    }

    /// Check field `i` with the importer's rules, and that a tax code is not another SME's.
    pub fn check(&mut self, i: usize, r: &Reference, smes: &[Sme]) {
        let column = FIELDS[i].0;
        let mut scratch = Sme::default();
        let mut problems = match set_field(&mut scratch, column, self.values[i].text(), r) {
            Ok(()) => Vec::new(),
            Err(p) => p,
        };
        if column == "tax_code" && problems.is_empty() {
            let own = self.sme_id;
            if let Some(other) = smes
                .iter()
                .find(|s| s.tax_code == scratch.tax_code && Some(s.id) != own)
            {
                problems.push(crate::store::strings::said(|t| {
                    crate::say!(
                        t.tax_code_taken_named,
                        tax_code = scratch.tax_code,
                        id = other.id,
                        name = other.name,
                        how = t.taken_edit_how
                    )
                }));
            }
        }
        self.errors[i] = problems;
    }

    /// Check every field; the problems found, each with its field.
    pub fn check_all(&mut self, r: &Reference, smes: &[Sme]) -> Vec<(usize, Said)> {
        (0..FIELDS.len())
            .flat_map(|i| {
                self.check(i, r, smes);
                self.errors[i]
                    .iter()
                    .map(move |e| (i, e.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The record to save: the opened one (id, origin, version kept) with every field set.
    /// Call after `check_all` found nothing.
    pub fn record(&self, r: &Reference) -> Sme {
        let mut sme = self.opened.clone();
        for (i, (column, _)) in FIELDS.iter().enumerate() {
            // Checked already; a field that fails now keeps its opened value.
            let _ = set_field(&mut sme, column, self.values[i].text(), r);
        }
        sme
    }

    /// Take `theirs` (the version stored now) as the new base: fields this form did not
    /// change take their value; fields it changed keep the typed value. A save then states
    /// their version, so it goes through only over what was shown.
    pub fn rebase(&mut self, theirs: &Sme) {
        for (i, (column, _)) in FIELDS.iter().enumerate() {
            let new_base = field_text(theirs, column);
            if self.values[i].text() == self.baseline[i] {
                self.values[i].set(&new_base);
            }
            self.baseline[i] = new_base;
        }
        self.opened = theirs.clone();
    }

    /// Number of fields with problems.
    pub fn problem_count(&self) -> usize {
        self.errors.iter().filter(|e| !e.is_empty()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ExportExperience, Origin};

    #[test]
    fn fields_follow_the_csv_columns() {
        let ours: Vec<&str> = FIELDS.iter().map(|(c, _)| *c).collect();
        assert_eq!(ours, crate::store::sme_csv::COLUMNS);
    }

    #[test]
    fn text_round_trips_through_the_importer_rules() {
        let r = crate::store::load_reference(&crate::store::Store::open_in_memory().unwrap().conn)
            .unwrap();
        let sme = Sme {
            id: 7,
            name: "Công ty TNHH Cà phê Thử".into(),
            tax_code: "0312345678001".into(),
            province: "Đắk Lắk".into(),
            sector: "coffee".into(),
            employees: Some(42),
            revenue_usd: Some(1_250_000.5),
            founded: Some(2011),
            export_experience: Some(ExportExperience::Occasional),
            current_markets: vec!["JPN".into(), "DEU".into()],
            certifications: vec!["HACCP".into()],
            languages: vec!["vi".into(), "en".into()],
            products: vec![
                Product {
                    hs: "090111".into(),
                    description: "Robusta: hạt".into(),
                },
                Product {
                    hs: "2101".into(),
                    description: String::new(),
                },
            ],
            contact_name: "Nguyễn Văn A".into(),
            contact_email: "a@thu.vn".into(),
            contact_phone: "+84 90".into(),
            notes: "ghi chú".into(),
            origin: Origin::Sample,
            version: 3,
        };
        let mut form = Form::new(Some(&sme));
        assert!(!form.dirty());
        assert!(form.check_all(&r, std::slice::from_ref(&sme)).is_empty());
        assert_eq!(form.record(&r), sme);
        assert_eq!(parse_products(&form.baseline[11]), sme.products);
    }
}
