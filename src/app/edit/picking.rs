//! The form's pickers: opening one on the field under the cursor (a typed character starts its
//! filter), keys and typing inside it, and writing what was picked into the field.

use super::form::{FIELDS, Form, Kind, Popup, parse_list, parse_products, products_text};
use super::handle::{edit_line, moves, step};
use super::pickers::{ListPicker, MultiPicker, ProductFocus, ProductPicker};
use super::{EditState, Input};
use crate::app::{Action, App, Effect};

impl App {
    /// Open the picker of the field under the cursor, its filter starting with `typed`.
    pub(super) fn open_picker(&mut self, typed: Option<char>) {
        let r = &self.data.p.reference;
        let EditState { form, hs, .. } = &mut self.edit;
        let Some(form) = form.as_mut() else {
            return;
        };
        let i = form.focus;
        let text = form.text(i).to_string();
        let mut popup = match FIELDS[i].1 {
            Kind::Text => return,
            Kind::Province => Popup::List(ListPicker::provinces(i, r, &text)),
            Kind::Sector => Popup::List(ListPicker::sectors(i, &text)),
            Kind::Experience => Popup::List(ListPicker::experience(i, &text)),
            Kind::Markets => Popup::Multi(MultiPicker::markets(i, r, parse_list(&text))),
            Kind::Certifications => {
                Popup::Multi(MultiPicker::certifications(i, r, parse_list(&text)))
            }
            Kind::Products => {
                let index = hs.get_or_insert_with(|| super::HsIndex::new(r));
                Popup::Products(ProductPicker::new(
                    i,
                    parse_products(&text),
                    index.search(""),
                ))
            }
        };
        if let Some(c) = typed {
            let mut s = [0u8; 4];
            match &mut popup {
                Popup::List(p) => {
                    p.query.insert(c.encode_utf8(&mut s));
                    p.filter();
                }
                Popup::Multi(p) => {
                    p.query.insert(c.encode_utf8(&mut s));
                    p.filter();
                }
                Popup::Products(p) => {
                    p.query.insert(c.encode_utf8(&mut s));
                    if let Some(index) = hs.as_mut() {
                        p.results = index.search(p.query.text());
                    }
                }
                _ => {}
            }
        }
        form.popup = Some(popup);
    }

    pub(super) fn picker_act(&mut self, action: Action) -> Vec<Effect> {
        let r = &self.data.p.reference;
        let page = self.hits.edit.page;
        let Some(form) = self.edit.form.as_mut() else {
            return Vec::new();
        };
        let mut close = false;
        match form.popup.as_mut() {
            Some(Popup::List(p)) => match action {
                Action::Open => {
                    if let Some(value) = p.value() {
                        let field = p.field;
                        form.set_text(field, &value);
                        form.check(field, r, &self.data.p.smes);
                    }
                    close = true;
                }
                Action::Back => close = true,
                a => {
                    if let Some(by) = moves(a, page) {
                        p.selected = step(p.selected, by, p.rows.len());
                    }
                }
            },
            Some(Popup::Multi(p)) => match action {
                Action::Open | Action::Back => close = true,
                a => {
                    if let Some(by) = moves(a, page) {
                        p.selected = step(p.selected, by, p.rows.len());
                    }
                }
            },
            Some(Popup::Products(p)) => match action {
                Action::Open => match (&p.describing, p.focus) {
                    (Some(_), _) => p.finish_description(),
                    (None, ProductFocus::Results) => p.add(r),
                    (None, ProductFocus::Chosen) => {
                        if let Some(prod) = p.chosen.get(p.chosen_selected) {
                            let line = super::LineEdit::new(&prod.description);
                            p.describing = Some((p.chosen_selected, line));
                        }
                    }
                },
                Action::Back if p.describing.is_some() => p.describing = None,
                Action::Back => close = true,
                Action::NextTab | Action::PrevTab if p.describing.is_none() => {
                    p.focus = match p.focus {
                        ProductFocus::Results if !p.chosen.is_empty() => ProductFocus::Chosen,
                        _ => ProductFocus::Results,
                    };
                }
                a => {
                    if let Some(by) = moves(a, page) {
                        match p.focus {
                            ProductFocus::Results => {
                                p.selected = step(p.selected, by, p.results.len())
                            }
                            ProductFocus::Chosen => {
                                p.chosen_selected = step(p.chosen_selected, by, p.chosen.len())
                            }
                        }
                    }
                }
            },
            _ => {}
        }
        sync_picker(form);
        if close || action == Action::Save {
            if let Some(Popup::Products(p)) = form.popup.as_mut() {
                p.finish_description();
            }
            sync_picker(form);
            let field = picker_field(form);
            form.popup = None;
            if let Some(field) = field {
                form.check(field, r, &self.data.p.smes);
            }
        }
        if action == Action::Save {
            return self.save();
        }
        Vec::new()
    }

    // Each arm edits a different picker's line: one `if` per arm reads best.
    #[allow(clippy::collapsible_match)]
    pub(super) fn picker_input(&mut self, input: Input) {
        let r = &self.data.p.reference;
        let EditState { form, hs, .. } = &mut self.edit;
        let Some(form) = form.as_mut() else {
            return;
        };
        match form.popup.as_mut() {
            Some(Popup::List(p)) => {
                if edit_line(&mut p.query, &input) {
                    p.filter();
                }
            }
            Some(Popup::Multi(p)) => match input {
                Input::Type(' ') => p.toggle(),
                input if edit_line(&mut p.query, &input) => p.filter(),
                _ => {}
            },
            Some(Popup::Products(p)) => {
                if let Some((_, line)) = p.describing.as_mut() {
                    edit_line(line, &input);
                } else if p.focus == ProductFocus::Chosen
                    && matches!(input, Input::Type('x') | Input::Delete)
                {
                    p.remove();
                } else {
                    if matches!(input, Input::Type(_) | Input::Paste(_)) {
                        p.focus = ProductFocus::Results;
                    }
                    if edit_line(&mut p.query, &input) {
                        let index = hs.get_or_insert_with(|| super::HsIndex::new(r));
                        p.results = index.search(p.query.text());
                        p.selected = 0;
                        p.offset = 0;
                    }
                }
            }
            _ => {}
        }
        sync_picker(form);
    }
}

/// The field a picker fills.
fn picker_field(form: &Form) -> Option<usize> {
    match form.popup.as_ref()? {
        Popup::List(p) => Some(p.field),
        Popup::Multi(p) => Some(p.field),
        Popup::Products(p) => Some(p.field),
        _ => None,
    }
}

/// Multi-choice pickers change their field as they go.
pub(super) fn sync_picker(form: &mut Form) {
    let update = match form.popup.as_ref() {
        Some(Popup::Multi(p)) => Some((p.field, p.chosen.join(";"))),
        Some(Popup::Products(p)) => Some((p.field, products_text(&p.chosen))),
        _ => None,
    };
    if let Some((field, text)) = update
        && form.text(field) != text
    {
        form.set_text(field, &text);
    }
}
