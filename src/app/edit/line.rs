//! A one-line text editor: insert at a cursor, move, erase. Text is kept in NFC (a base letter
//! followed by a combining accent, as some input methods send it, becomes one character); the
//! cursor is a byte offset on a character boundary, and its screen column is measured in
//! display columns.

use unicode_width::UnicodeWidthChar;

use crate::text::{nfc, width};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

impl LineEdit {
    /// `text` with the cursor at its end.
    pub fn new(text: &str) -> LineEdit {
        let text = nfc(text);
        LineEdit {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replace the whole text (cursor at the end).
    pub fn set(&mut self, text: &str) {
        *self = LineEdit::new(text);
    }

    /// Insert `s` at the cursor; line breaks and other control characters become spaces.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let before = nfc(&format!("{}{clean}", &self.text[..self.cursor]));
        let after = self.text[self.cursor..].to_string();
        self.cursor = before.len();
        self.text = before + &after;
    }

    pub fn backspace(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].char_indices().next_back() {
            self.text.replace_range(i..self.cursor, "");
            self.cursor = i;
        }
    }

    pub fn delete(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.text
                .replace_range(self.cursor..self.cursor + c.len_utf8(), "");
        }
    }

    pub fn left(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].char_indices().next_back() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Display column of the cursor.
    pub fn cursor_col(&self) -> usize {
        width(&self.text[..self.cursor])
    }

    /// What to show in `w` columns so that the cursor stays visible: the text from some
    /// character on, and the cursor's column in it. Long text scrolls so the cursor sits near
    /// the right edge.
    pub fn view(&self, w: usize) -> (String, usize) {
        let w = w.max(1);
        let col = self.cursor_col();
        // Leave one column for the cursor after the last character.
        let mut skip_cols = col.saturating_sub(w - 1);
        let mut start = 0;
        for (i, c) in self.text.char_indices() {
            if skip_cols == 0 {
                start = i;
                break;
            }
            let cw = c.width().unwrap_or(0);
            skip_cols = skip_cols.saturating_sub(cw);
            start = i + c.len_utf8();
        }
        let shown = &self.text[start..];
        let mut out = String::new();
        let mut used = 0;
        for c in shown.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w {
                break;
            }
            out.push(c);
            used += cw;
        }
        (out, width(&self.text[start..self.cursor]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor() {
        let mut l = LineEdit::new("Hà Nội");
        l.left();
        l.left();
        l.left();
        l.insert("x");
        assert_eq!(l.text(), "Hà xNội");
        l.backspace();
        l.delete();
        assert_eq!(l.text(), "Hà ội");
        l.home();
        l.delete();
        assert_eq!(l.text(), "à ội");
        l.end();
        l.insert("\n!");
        assert_eq!(l.text(), "à ội !");
        l.clear();
        l.backspace();
        l.left();
        assert_eq!((l.text(), l.cursor_col()), ("", 0));
    }

    #[test]
    fn combining_accents_compose_into_one_character() {
        let mut l = LineEdit::default();
        for s in ["Nguye", "\u{302}", "\u{303}", "n"] {
            l.insert(s);
        }
        assert_eq!(l.text(), "Nguyễn");
        assert_eq!(l.cursor_col(), 6);
        l.backspace();
        l.backspace();
        assert_eq!(l.text(), "Nguy");
    }

    #[test]
    fn the_view_keeps_the_cursor_visible_by_display_columns() {
        let l = LineEdit::new("中文中文中文");
        let (shown, col) = l.view(5);
        assert!(width(&shown) <= 5, "{shown}");
        assert_eq!(col, width(&shown));
        assert!(col <= 4);
        let mut l = LineEdit::new("abcdefghij");
        l.home();
        assert_eq!(l.view(4), ("abcd".to_string(), 0));
        l.end();
        assert_eq!(l.view(4), ("hij".to_string(), 3));
    }
}
