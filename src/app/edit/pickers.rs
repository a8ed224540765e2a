//! The form's pickers: one choice from a list filtered by typing (province — current or former
//! name —, sector, export experience), several codes toggled with Space (certifications, current
//! markets), and the products picker over the HS nomenclature. Filtering folds accents and case.

use super::line::LineEdit;
use crate::domain::{ExportExperience, KNOWN_SECTORS, Product, Reference};
use crate::text::fold;

/// Whether every word of `query` (folded) occurs in `key` (folded), or the query without
/// spaces occurs in the key without spaces: Space toggles in the multi-choice pickers, so
/// "nhatban" must find "Nhật Bản".
fn words_in(query: &str, key: &str) -> bool {
    let q = fold(query);
    q.split(' ').all(|w| key.contains(w)) || key.replace(' ', "").contains(&q.replace(' ', ""))
}

/// One entry of a single-choice list.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// What goes into the field.
    pub value: String,
    pub key: String,
    /// Other names that find this entry (former provinces), with their folded keys.
    pub aliases: Vec<(String, String)>,
}

/// A row of a filtered single-choice list.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// An entry, and the former name the query matched (shown as "former → current").
    Item(usize, Option<String>),
    /// The typed text itself, as a new value (sectors outside the known list).
    New(String),
}

/// One choice from a list, filtered by typing.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPicker {
    /// Index of the form field it fills.
    pub field: usize,
    pub items: Vec<Choice>,
    pub query: LineEdit,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub offset: usize,
    /// Typed text may be taken as a new value.
    pub free_text: bool,
}

impl ListPicker {
    fn new(field: usize, items: Vec<Choice>, free_text: bool, current: &str) -> ListPicker {
        let mut p = ListPicker {
            field,
            items,
            query: LineEdit::default(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            free_text,
        };
        p.filter();
        p.selected = p
            .rows
            .iter()
            .position(|r| matches!(r, Row::Item(i, _) if p.items[*i].value == current))
            .unwrap_or(0);
        p
    }

    /// The 34 current provinces; a former name finds the province it is now part of.
    pub fn provinces(field: usize, r: &Reference, current: &str) -> ListPicker {
        let items = r
            .provinces
            .iter()
            .map(|p| Choice {
                value: p.name.clone(),
                key: fold(&p.name),
                aliases: p
                    .merged_from
                    .iter()
                    .filter(|old| **old != p.name)
                    .map(|old| (old.clone(), fold(old)))
                    .collect(),
            })
            .collect();
        ListPicker::new(field, items, false, current)
    }

    /// The known sectors (and the current one if it is another); typed text may be a new one.
    pub fn sectors(field: usize, current: &str) -> ListPicker {
        let mut codes: Vec<String> = KNOWN_SECTORS.iter().map(|s| s.to_string()).collect();
        if !current.is_empty() && !codes.iter().any(|c| c == current) {
            codes.push(current.to_string());
        }
        let items = codes
            .into_iter()
            .map(|c| Choice {
                key: fold(&c),
                value: c,
                aliases: Vec::new(),
            })
            .collect();
        ListPicker::new(field, items, true, current)
    }

    /// Not given, none, indirect, occasional, regular.
    pub fn experience(field: usize, current: &str) -> ListPicker {
        let items = std::iter::once("")
            .chain(ExportExperience::ALL.iter().map(|e| e.code()))
            .map(|c| Choice {
                value: c.to_string(),
                key: fold(c),
                aliases: Vec::new(),
            })
            .collect();
        ListPicker::new(field, items, false, current)
    }

    /// Recompute the rows for the query.
    pub fn filter(&mut self) {
        let q = self.query.text();
        let mut rows = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if q.trim().is_empty() || words_in(q, &item.key) {
                rows.push(Row::Item(i, None));
            } else if let Some((old, _)) = item.aliases.iter().find(|(_, k)| words_in(q, k)) {
                rows.push(Row::Item(i, Some(old.clone())));
            }
        }
        let typed = q.trim();
        if self.free_text && !typed.is_empty() {
            let code = typed.to_lowercase().replace([' ', '-'], "_");
            if !self.items.iter().any(|i| i.value == code) {
                rows.push(Row::New(typed.to_string()));
            }
        }
        self.rows = rows;
        self.selected = 0;
        self.offset = 0;
    }

    /// The value of the selected row.
    pub fn value(&self) -> Option<String> {
        match self.rows.get(self.selected)? {
            Row::Item(i, _) => Some(self.items[*i].value.clone()),
            Row::New(text) => Some(text.clone()),
        }
    }
}

/// A code with its names, in a multi-choice list.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiItem {
    pub code: String,
    pub name: String,
    pub name_vi: String,
    key: String,
}

/// Several codes, toggled with Space; the list is filtered by typing.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiPicker {
    pub field: usize,
    pub items: Vec<MultiItem>,
    /// Chosen codes, in the order chosen.
    pub chosen: Vec<String>,
    pub query: LineEdit,
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

impl MultiPicker {
    fn new(field: usize, items: Vec<MultiItem>, chosen: Vec<String>) -> MultiPicker {
        let mut p = MultiPicker {
            field,
            items,
            chosen,
            query: LineEdit::default(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        p.filter();
        p
    }

    fn item(code: &str, name: &str, name_vi: &str) -> MultiItem {
        MultiItem {
            code: code.to_string(),
            name: name.to_string(),
            name_vi: name_vi.to_string(),
            key: fold(&format!("{code} {name} {name_vi}")),
        }
    }

    pub fn markets(field: usize, r: &Reference, chosen: Vec<String>) -> MultiPicker {
        let items = r
            .markets
            .iter()
            .map(|m| MultiPicker::item(&m.iso3, &m.name, &m.name_vi))
            .collect();
        MultiPicker::new(field, items, chosen)
    }

    pub fn certifications(field: usize, r: &Reference, chosen: Vec<String>) -> MultiPicker {
        let items = r
            .certifications
            .iter()
            .map(|c| MultiPicker::item(&c.code, &c.name, &c.name_vi))
            .collect();
        MultiPicker::new(field, items, chosen)
    }

    pub fn filter(&mut self) {
        let q = self.query.text().trim().to_string();
        self.rows = (0..self.items.len())
            .filter(|&i| q.is_empty() || words_in(&q, &self.items[i].key))
            .collect();
        self.selected = 0;
        self.offset = 0;
    }

    pub fn is_chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }

    /// Choose or drop the selected code.
    pub fn toggle(&mut self) {
        let Some(&i) = self.rows.get(self.selected) else {
            return;
        };
        let code = &self.items[i].code;
        if self.is_chosen(code) {
            self.chosen.retain(|c| c != code);
        } else {
            self.chosen.push(code.clone());
        }
    }
}

/// Which list of the products picker has the arrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductFocus {
    Results,
    Chosen,
}

/// The SME's products: search the HS nomenclature, Enter adds a code (then an optional
/// description), the chosen list takes `x`/Delete to remove and Enter to re-describe.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductPicker {
    pub field: usize,
    pub chosen: Vec<Product>,
    pub query: LineEdit,
    /// Indexes into `Reference::hs`, best first.
    pub results: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub focus: ProductFocus,
    pub chosen_selected: usize,
    /// Describing chosen product `.0`.
    pub describing: Option<(usize, LineEdit)>,
}

impl ProductPicker {
    pub fn new(field: usize, chosen: Vec<Product>, results: Vec<usize>) -> ProductPicker {
        ProductPicker {
            field,
            chosen,
            query: LineEdit::default(),
            results,
            selected: 0,
            offset: 0,
            focus: ProductFocus::Results,
            chosen_selected: 0,
            describing: None,
        }
    }

    /// Add the selected result (once) and start describing it.
    pub fn add(&mut self, r: &Reference) {
        let Some(h) = self.results.get(self.selected).and_then(|&i| r.hs.get(i)) else {
            return;
        };
        let at = match self.chosen.iter().position(|p| p.hs == h.code) {
            Some(at) => at,
            None => {
                self.chosen.push(Product {
                    hs: h.code.clone(),
                    description: String::new(),
                });
                self.chosen.len() - 1
            }
        };
        self.chosen_selected = at;
        self.describing = Some((at, LineEdit::new(&self.chosen[at].description)));
    }

    /// Keep the description being typed (`;` separates products in the CSV: it becomes `,`).
    pub fn finish_description(&mut self) {
        if let Some((at, line)) = self.describing.take()
            && let Some(p) = self.chosen.get_mut(at)
        {
            p.description = line.text().trim().replace(';', ",");
        }
    }

    pub fn remove(&mut self) {
        if self.chosen_selected < self.chosen.len() {
            self.chosen.remove(self.chosen_selected);
            self.chosen_selected = self
                .chosen_selected
                .min(self.chosen.len().saturating_sub(1));
        }
        if self.chosen.is_empty() {
            self.focus = ProductFocus::Results;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Province;

    fn reference() -> Reference {
        let province = |name: &str, from: &[&str]| Province {
            name: name.into(),
            kind: String::new(),
            region: String::new(),
            merged_from: from.iter().map(|s| s.to_string()).collect(),
        };
        Reference {
            provinces: vec![
                province("Hà Nội", &["Hà Nội"]),
                province(
                    "Thành phố Hồ Chí Minh",
                    &["Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
                ),
                province("Đồng Tháp", &["Đồng Tháp", "Tiền Giang"]),
            ],
            ..Reference::default()
        }
        .index()
    }

    #[test]
    fn provinces_filter_by_current_and_former_names() {
        let r = reference();
        let mut p = ListPicker::provinces(2, &r, "Đồng Tháp");
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.value().as_deref(), Some("Đồng Tháp"));
        p.query.insert("binh duong");
        p.filter();
        assert_eq!(p.rows, [Row::Item(1, Some("Bình Dương".into()))]);
        assert_eq!(p.value().as_deref(), Some("Thành phố Hồ Chí Minh"));
        p.query.set("DONG");
        p.filter();
        assert_eq!(p.rows, [Row::Item(2, None)]);
        p.query.set("xyz");
        p.filter();
        assert!(p.rows.is_empty() && p.value().is_none());
    }

    #[test]
    fn sectors_take_typed_text_as_a_new_one() {
        let mut p = ListPicker::sectors(3, "");
        p.query.set("coffee");
        p.filter();
        assert_eq!(p.rows, [Row::Item(1, None)]);
        p.query.set("Tea leaves");
        p.filter();
        assert_eq!(p.rows, [Row::New("Tea leaves".into())]);
        assert_eq!(p.value().as_deref(), Some("Tea leaves"));
        let e = ListPicker::experience(7, "occasional");
        assert_eq!(e.value().as_deref(), Some("occasional"));
    }

    #[test]
    fn multi_toggles_the_selected_code() {
        let r = Reference {
            certifications: ["HACCP", "HALAL", "ISO22000"]
                .iter()
                .map(|c| crate::domain::Certification {
                    code: c.to_string(),
                    kind: String::new(),
                    name: format!("{c} name"),
                    name_vi: "Chứng nhận".into(),
                })
                .collect(),
            ..Reference::default()
        };
        let mut p = MultiPicker::certifications(9, &r, vec!["HALAL".into()]);
        p.query.set("iso");
        p.filter();
        p.toggle();
        assert_eq!(p.chosen, ["HALAL", "ISO22000"]);
        p.query.set("chung nhan halal");
        p.filter();
        p.toggle();
        assert_eq!(p.chosen, ["ISO22000"]);
    }
}
