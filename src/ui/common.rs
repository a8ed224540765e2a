//! Building blocks shared by the screens: framed panels, tables that cut text by display
//! columns, scrollable documents, text bars, word wrapping.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget,
};

use super::strings::Strings;
use super::theme::Theme;
use crate::app::{App, Column, Hits, Tab};
use crate::text::{pad, truncate, width};

/// What every screen needs to draw itself.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub s: &'static Strings,
    pub t: Theme,
    /// Below 80×24: fewer columns and panels.
    pub compact: bool,
}

/// A panel with a rounded frame and a title cut to fit.
pub fn panel<'a>(c: &Ctx, title: &str, area: Rect) -> Block<'a> {
    let title = truncate(title, area.width.saturating_sub(4) as usize);
    Block::bordered()
        .border_type(ratatui::widgets::BorderType::Rounded)
        .border_style(c.t.border)
        .title(Span::styled(format!(" {title} "), c.t.title))
}

/// A section with only a top rule carrying the title (saves columns in tables).
pub fn rule<'a>(c: &Ctx, title: &str, area: Rect) -> Block<'a> {
    let title = truncate(title, area.width.saturating_sub(4) as usize);
    Block::new()
        .borders(Borders::TOP)
        .border_style(c.t.border)
        .title(Span::styled(format!(" {title} "), c.t.title))
}

/// A table column: its title and how wide it may be.
pub struct Col {
    pub title: String,
    pub constraint: Constraint,
    pub right: bool,
}

impl Col {
    pub fn new(title: &str, constraint: Constraint) -> Col {
        Col {
            title: title.to_string(),
            constraint,
            right: false,
        }
    }

    pub fn right(mut self) -> Col {
        self.right = true;
        self
    }
}

/// Column widths in `total` columns, one column of spacing between columns: `Length` columns
/// get their width, `Fill` columns share what is left; when too narrow, columns on the left
/// are served first. Plain arithmetic: this runs on every frame.
pub fn widths(cols: &[Col], total: u16) -> Vec<u16> {
    let fixed_w = |c: &Col| match c.constraint {
        Constraint::Length(n) => Some(n),
        _ => None,
    };
    let mut left = total.saturating_sub(cols.len().saturating_sub(1) as u16);
    let fixed: u16 = cols.iter().filter_map(fixed_w).sum();
    let fills = cols.iter().filter(|c| fixed_w(c).is_none()).count() as u16;
    let spare = left.saturating_sub(fixed);
    let mut fill_i = 0;
    cols.iter()
        .map(|c| {
            let want = fixed_w(c).unwrap_or_else(|| {
                let share = spare / fills + u16::from(fill_i < spare % fills);
                fill_i += 1;
                share
            });
            let w = want.min(left);
            left -= w;
            w
        })
        .collect()
}

/// Fit `s` into `w` columns, cut with an ellipsis, left or right aligned.
pub fn fit(s: &str, w: usize, right: bool) -> String {
    let t = truncate(s, w);
    if right {
        format!("{}{t}", " ".repeat(w.saturating_sub(width(&t))))
    } else {
        pad(&t, w)
    }
}

/// A scrolling table of `total` rows; `row(i)` gives the cells of row `i` (only visible rows
/// are built). Records header and body areas in `hits`. Returns the offset drawn with.
#[allow(clippy::too_many_arguments)]
pub fn table<'a>(
    c: &Ctx,
    area: Rect,
    buf: &mut Buffer,
    cols: &[Col],
    columns_index: &[usize],
    total: usize,
    selected: usize,
    offset: usize,
    mut row: impl FnMut(usize, &[u16]) -> Vec<Span<'a>>,
    hits: &mut Hits,
) -> usize {
    if area.height == 0 || area.width == 0 {
        return offset;
    }
    let ws = widths(cols, area.width);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let mut x = area.x;
    let mut header = Vec::with_capacity(cols.len() * 2);
    for (i, (col, &w)) in cols.iter().zip(&ws).enumerate() {
        hits.headers
            .push((Rect::new(x, area.y, w, 1), columns_index[i]));
        x += w + 1;
        header.push(Span::styled(
            fit(&col.title, w as usize, col.right),
            c.t.header,
        ));
        header.push(Span::raw(" "));
    }
    buf.set_line(area.x, area.y, &Line::from(header), area.width);
    let page = body.height as usize;
    hits.page = page.max(1);
    // Keep the selection visible even when the frame got smaller since the last key.
    let mut offset = offset.min(total.saturating_sub(1));
    if selected < offset {
        offset = selected;
    } else if page > 0 && selected >= offset + page {
        offset = selected + 1 - page;
    }
    hits.rows = Some((body, offset));
    let end = (offset + page).min(total);
    // Rows are lines of cells already cut to their columns (no table layout per frame).
    for (k, i) in (offset..end).enumerate() {
        let y = body.y + k as u16;
        let is_selected = i == selected;
        let mut spans = Vec::with_capacity(cols.len() * 2);
        for ((span, col), &w) in row(i, &ws).into_iter().zip(cols).zip(&ws) {
            let style = if is_selected {
                c.t.selected
            } else {
                c.t.base.patch(span.style)
            };
            spans.push(Span::styled(
                fit(&span.content, w as usize, col.right),
                style,
            ));
            spans.push(Span::styled(
                " ",
                if is_selected { c.t.selected } else { c.t.base },
            ));
        }
        if is_selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), c.t.selected);
        }
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
    if total == 0 && body.height > 0 {
        Paragraph::new(Span::styled(
            truncate(c.s.no_rows, body.width as usize),
            c.t.dim,
        ))
        .render(body, buf);
    }
    offset
}

/// Draw `lines` scrolled by `scroll` into `area`; records the page and largest scroll.
pub fn document(
    lines: Vec<Line<'_>>,
    area: Rect,
    buf: &mut Buffer,
    scroll: usize,
    hits: &mut Hits,
) {
    let page = area.height as usize;
    let max = lines.len().saturating_sub(page);
    hits.page = page.max(1);
    hits.max_scroll = max;
    let scroll = scroll.min(max);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(page).collect();
    Paragraph::new(visible).render(area, buf);
}

/// A section heading in a document.
pub fn heading<'a>(c: &Ctx, text: &str) -> Line<'a> {
    Line::from(Span::styled(text.to_string(), c.t.heading))
}

/// `label: value` with the label padded to `label_w` columns; the value is cut to the line.
pub fn kv<'a>(c: &Ctx, label: &str, value: String, label_w: usize, line_w: usize) -> Line<'a> {
    let value_w = line_w.saturating_sub(label_w + 1);
    Line::from(vec![
        Span::styled(pad(label, label_w), c.t.dim),
        Span::raw(" "),
        Span::styled(truncate(&value, value_w), c.t.base),
    ])
}

/// Wrap `text` into lines of at most `w` display columns, breaking at spaces when possible.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let need = if line.is_empty() {
                width(&word)
            } else {
                width(&line) + 1 + width(&word)
            };
            if need <= w {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut it by columns.
            let (head, tail) = split_at_cols(&word, w);
            lines.push(head);
            word = tail;
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn split_at_cols(s: &str, w: usize) -> (String, String) {
    let mut used = 0;
    for (i, ch) in s.char_indices() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw > w && i > 0 {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += cw;
    }
    (s.to_string(), String::new())
}

/// A horizontal bar of `value / max` drawn in `w` columns with eighth blocks.
pub fn bar(value: f64, max: f64, w: usize) -> String {
    if w == 0 {
        return String::new();
    }
    let ratio = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (ratio * w as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    s
}

/// Rows of `label  bar  value`, the bars scaled to the largest value.
pub fn bar_rows<'a>(c: &Ctx, rows: &[(String, usize, Style)], w: usize) -> Vec<Line<'a>> {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let value_w = rows
        .iter()
        .map(|r| c.s.int(r.1 as i64).len())
        .max()
        .unwrap_or(1);
    // Labels first, but leave a bar of at least four columns.
    let label_w = rows
        .iter()
        .map(|r| width(&r.0))
        .max()
        .unwrap_or(0)
        .min(w.saturating_sub(value_w + 6));
    let bar_w = w.saturating_sub(label_w + value_w + 2);
    rows.iter()
        .map(|(label, n, style)| {
            Line::from(vec![
                Span::styled(pad(label, label_w), c.t.base),
                Span::raw(" "),
                Span::styled(pad(&bar(*n as f64, max, bar_w), bar_w), *style),
                Span::raw(" "),
                Span::styled(fit(&c.s.int(*n as i64), value_w, true), c.t.base),
            ])
        })
        .collect()
}

/// A company name as tables show it: the legal form abbreviated ("Công ty Cổ phần" → "CTCP"),
/// so the distinctive part shows.
pub fn short_company(name: &str) -> String {
    crate::domain::names::short(name)
}

/// A province name as tables show it ("Thành phố Hồ Chí Minh" → "TP Hồ Chí Minh").
pub fn short_province(name: &str) -> String {
    match name.strip_prefix("Thành phố ") {
        Some(rest) => format!("TP {rest}"),
        None => name.to_string(),
    }
}

/// A scroll position marker on the right border of `frame` when the content is longer than
/// its window (`hits` from the document just drawn).
pub fn scrollbar(c: &Ctx, frame: Rect, buf: &mut Buffer, scroll: usize, hits: &Hits) {
    if hits.max_scroll == 0 || frame.height < 3 || frame.width < 2 {
        return;
    }
    let track = Rect::new(frame.right() - 1, frame.y + 1, 1, frame.height - 2);
    let mut state = ScrollbarState::new(hits.max_scroll + 1)
        .position(scroll.min(hits.max_scroll))
        .viewport_content_length(hits.page);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_style(c.t.title)
        .track_style(c.t.border)
        .render(track, buf, &mut state);
}

/// A one-line sparkline of scores 0–100.
pub fn spark(values: &[f64]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| LEVELS[((v.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize])
        .collect()
}

/// A one-line sparkline of figures, scaled to their largest value (oldest first).
pub fn spark_figures(values: &[crate::domain::Figure]) -> String {
    let max = values.iter().map(|f| f.value).fold(0.0, f64::max);
    let scaled: Vec<f64> = values
        .iter()
        .map(|f| {
            if max > 0.0 {
                f.value / max * 100.0
            } else {
                0.0
            }
        })
        .collect();
    spark(&scaled)
}

/// A "discard?" prompt over `area`: the question, then `y yes` and `n no`, both clickable
/// ([`Zone::Confirm`](crate::app::Zone)).
pub fn confirm_prompt(
    c: &Ctx,
    (title, question): (&str, &str),
    (yes, no): (&str, &str),
    area: Rect,
    buf: &mut Buffer,
    hits: &mut Hits,
) {
    let (yes, no) = (format!("y {yes}"), format!("n {no}"));
    let content_w = width(question).max(width(&yes) + width(&no) + 3) as u16;
    let (_, inner) = popup(c, title, area, content_w + 4, 4, buf);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    buf.set_stringn(inner.x, inner.y, truncate(question, w), w, c.t.warn);
    if inner.height < 2 {
        return;
    }
    let y = inner.y + 1;
    let yes_w = (width(&yes) as u16).min(inner.width);
    buf.set_stringn(inner.x, y, &yes, yes_w as usize, c.t.header);
    hits.zones.push((
        Rect::new(inner.x, y, yes_w, 1),
        crate::app::Zone::Confirm(true),
    ));
    let no_x = inner.x + yes_w + 3;
    if no_x < inner.right() {
        let no_w = (width(&no) as u16).min(inner.right() - no_x);
        buf.set_stringn(no_x, y, &no, no_w as usize, c.t.header);
        hits.zones.push((
            Rect::new(no_x, y, no_w, 1),
            crate::app::Zone::Confirm(false),
        ));
    }
}

/// The frame of a list tab: a top rule whose title says what is shown (count, search, filters),
/// and the search line at the bottom while typing. Returns the area left for the table.
pub fn list_frame(c: &Ctx, tab: Tab, area: Rect, buf: &mut Buffer) -> Rect {
    let Some(view) = c.app.list(tab) else {
        return area;
    };
    let total = crate::app::lists::total(&c.app.data, tab);
    let mut title = format!(
        "{} {}/{}",
        c.s.tabs[tab.index()],
        c.s.int(view.rows.len() as i64),
        c.s.int(total as i64)
    );
    if !view.query.is_empty() && c.app.typing.is_none() {
        title.push_str(&format!(" · {} \"{}\"", c.s.search_label, view.query));
    }
    for (field, value) in &view.filters {
        title.push_str(&format!(
            " · {}: {}",
            c.s.field(*field),
            c.s.filter_value(*field, value)
        ));
    }
    let block = rule(c, &title, area);
    let mut inner = block.inner(area);
    block.render(area, buf);
    if c.app.typing.is_some() && inner.height > 1 {
        inner.height -= 1;
        let y = inner.bottom();
        let prompt = format!("{}: ", c.s.search_label);
        let room = (inner.width as usize).saturating_sub(width(&prompt) + 1);
        // Show the end of a long query: that is where the cursor is.
        let shown = tail(&view.query, room);
        let line = Line::from(vec![
            Span::styled(prompt, c.t.key),
            Span::styled(shown, c.t.input),
            Span::styled("▏", c.t.input),
        ]);
        Paragraph::new(line).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    inner
}

/// Column titles of a list tab, the sorted one marked ▲/▼; `keep` drops columns in compact mode.
pub fn list_columns(
    c: &Ctx,
    tab: Tab,
    spec: impl Fn(Column) -> Option<Col>,
) -> (Vec<Col>, Vec<usize>) {
    let view = c.app.list(tab);
    let mut cols = Vec::new();
    let mut index = Vec::new();
    for (i, &column) in tab.columns().iter().enumerate() {
        if let Some(mut col) = spec(column) {
            if view.is_some_and(|v| v.sort == i) {
                let arrow = if view.is_some_and(|v| v.descending) {
                    "▼"
                } else {
                    "▲"
                };
                col.title = format!("{}{arrow}", col.title);
            }
            cols.push(col);
            index.push(i);
        }
    }
    (cols, index)
}

/// The end of `s` in at most `room` columns, with `…` in front when cut (a line being typed
/// shows its end: that is where the cursor is).
pub fn tail(s: &str, room: usize) -> String {
    if width(s) <= room {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for ch in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw > room {
            break;
        }
        used += cw;
        kept.push(ch);
    }
    format!("…{}", kept.into_iter().rev().collect::<String>())
}

/// A framed popup of `w`×`h` centred in `area` over what is drawn there; returns its frame
/// and its inside.
pub fn popup(c: &Ctx, title: &str, area: Rect, w: u16, h: u16, buf: &mut Buffer) -> (Rect, Rect) {
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    buf.set_style(rect, c.t.base);
    let block = panel(c, title, rect);
    let inner = block.inner(rect);
    block.render(rect, buf);
    (rect, inner)
}

/// Centre a `w`×`h` rectangle in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_by_columns() {
        assert_eq!(wrap("Đồng Tháp là tỉnh", 9), ["Đồng Tháp", "là tỉnh"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(wrap("", 5).is_empty());
        for line in wrap("Công ty TNHH Thủy sản Mekong Xanh xuất khẩu", 7) {
            assert!(width(&line) <= 7, "{line}");
        }
    }

    #[test]
    fn short_names() {
        assert_eq!(
            short_company("Công ty TNHH Thủy sản Ngọc Triều"),
            "TNHH Thủy sản Ngọc Triều"
        );
        assert_eq!(short_province("Thành phố Hồ Chí Minh"), "TP Hồ Chí Minh");
        assert_eq!(short_province("Đồng Tháp"), "Đồng Tháp");
    }

    #[test]
    fn column_widths() {
        let cols = [
            Col::new("a", Constraint::Length(4)),
            Col::new("b", Constraint::Fill(1)),
            Col::new("c", Constraint::Length(6)),
        ];
        assert_eq!(widths(&cols, 30), [4, 18, 6]);
        // Too narrow: the left columns first, the fill gets nothing.
        assert_eq!(widths(&cols, 8), [4, 0, 2]);
        assert_eq!(widths(&cols, 0), [0, 0, 0]);
        let two = [
            Col::new("x", Constraint::Fill(1)),
            Col::new("y", Constraint::Fill(1)),
        ];
        assert_eq!(widths(&two, 10), [5, 4]);
    }

    #[test]
    fn bars() {
        assert_eq!(bar(1.0, 1.0, 4), "████");
        assert_eq!(bar(0.0, 1.0, 4), "");
        assert_eq!(bar(1.0, 2.0, 3), "█▌");
        assert_eq!(bar(5.0, 0.0, 3), "");
    }

    #[test]
    fn tail_keeps_the_end() {
        assert_eq!(tail("Đồng Tháp", 20), "Đồng Tháp");
        assert_eq!(tail("Đồng Tháp", 5), "…Tháp");
        assert_eq!(tail("中文字", 5), "…文字");
    }

    #[test]
    fn fit_aligns_by_display_columns() {
        assert_eq!(fit("Huế", 5, false), "Huế  ");
        assert_eq!(fit("12", 4, true), "  12");
        assert_eq!(width(&fit("Thành phố Hồ Chí Minh", 10, false)), 10);
    }
}
