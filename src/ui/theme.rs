//! Named style roles. Widgets ask for a role (`title`, `selected`, `warn`…), never a colour, so
//! the dark, light, high-contrast and monochrome (`NO_COLOR`) themes stay complete.

use ratatui::style::{Color, Modifier, Style};

use crate::app::ThemeKind;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub heading: Style,
    pub header: Style,
    pub selected: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub key: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    pub gauge: Style,
    pub gauge_empty: Style,
    pub bar: Style,
    pub sample: Style,
    pub input: Style,
    pub map: Color,
    pub marker: Color,
    pub marker_selected: Style,
    /// One style per score component, for stacked bars (letters tell them apart without colour).
    pub series: [Style; 8],
}

const B: Modifier = Modifier::BOLD;

/// Bar styles: `fg` letters on one background colour per component.
fn series(fg: Color, bg: [Color; 8]) -> [Style; 8] {
    bg.map(|c| Style::new().fg(fg).bg(c))
}

pub fn theme(kind: ThemeKind) -> Theme {
    match kind {
        ThemeKind::Dark => Theme {
            base: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(B),
            border: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::LightCyan).add_modifier(B),
            header: Style::new().fg(Color::Yellow).add_modifier(B),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(B),
            status: Style::new().fg(Color::Gray).bg(Color::Indexed(236)),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Indexed(236))
                .add_modifier(B),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::LightRed).add_modifier(B),
            gauge: Style::new().fg(Color::Cyan),
            gauge_empty: Style::new().fg(Color::DarkGray),
            bar: Style::new().fg(Color::Cyan),
            sample: Style::new().fg(Color::Magenta).add_modifier(B),
            input: Style::new().fg(Color::White).add_modifier(B),
            map: Color::DarkGray,
            marker: Color::Yellow,
            marker_selected: Style::new().fg(Color::LightRed).add_modifier(B),
            series: series(
                Color::Black,
                [
                    Color::Cyan,
                    Color::Green,
                    Color::Yellow,
                    Color::Magenta,
                    Color::Blue,
                    Color::LightCyan,
                    Color::Gray,
                    Color::LightGreen,
                ],
            ),
        },
        ThemeKind::Light => Theme {
            base: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Blue).add_modifier(B),
            border: Style::new().fg(Color::Gray),
            heading: Style::new().fg(Color::Blue).add_modifier(B),
            header: Style::new().fg(Color::Magenta).add_modifier(B),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            tab: Style::new().fg(Color::DarkGray),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(B),
            status: Style::new().fg(Color::Black).bg(Color::Indexed(252)),
            key: Style::new()
                .fg(Color::Blue)
                .bg(Color::Indexed(252))
                .add_modifier(B),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Indexed(130)),
            bad: Style::new().fg(Color::Red).add_modifier(B),
            gauge: Style::new().fg(Color::Blue),
            gauge_empty: Style::new().fg(Color::Gray),
            bar: Style::new().fg(Color::Blue),
            sample: Style::new().fg(Color::Magenta).add_modifier(B),
            input: Style::new().fg(Color::Black).add_modifier(B),
            map: Color::Gray,
            marker: Color::Blue,
            marker_selected: Style::new().fg(Color::Red).add_modifier(B),
            series: series(
                Color::White,
                [
                    Color::Blue,
                    Color::Green,
                    Color::Indexed(130),
                    Color::Magenta,
                    Color::Indexed(24),
                    Color::Cyan,
                    Color::DarkGray,
                    Color::Indexed(28),
                ],
            ),
        },
        ThemeKind::HighContrast => Theme {
            base: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::White),
            title: Style::new().fg(Color::White).add_modifier(B),
            border: Style::new().fg(Color::White),
            heading: Style::new()
                .fg(Color::Yellow)
                .add_modifier(B | Modifier::UNDERLINED),
            header: Style::new()
                .fg(Color::Yellow)
                .add_modifier(B | Modifier::UNDERLINED),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(B),
            tab: Style::new().fg(Color::White),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(B),
            status: Style::new().fg(Color::White).bg(Color::Black),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(B),
            good: Style::new().fg(Color::LightGreen).add_modifier(B),
            warn: Style::new().fg(Color::Yellow).add_modifier(B),
            bad: Style::new().fg(Color::LightRed).add_modifier(B),
            gauge: Style::new().fg(Color::Yellow),
            gauge_empty: Style::new().fg(Color::White),
            bar: Style::new().fg(Color::Yellow),
            sample: Style::new()
                .fg(Color::LightMagenta)
                .add_modifier(B | Modifier::UNDERLINED),
            input: Style::new().fg(Color::Yellow).add_modifier(B),
            map: Color::White,
            marker: Color::Yellow,
            marker_selected: Style::new()
                .fg(Color::LightRed)
                .add_modifier(B | Modifier::REVERSED),
            series: series(
                Color::Black,
                [
                    Color::LightCyan,
                    Color::LightGreen,
                    Color::Yellow,
                    Color::LightMagenta,
                    Color::LightBlue,
                    Color::White,
                    Color::Gray,
                    Color::LightYellow,
                ],
            ),
        },
        ThemeKind::Mono => {
            let plain = Style::new();
            Theme {
                base: plain,
                dim: plain.add_modifier(Modifier::DIM),
                title: plain.add_modifier(B),
                border: plain,
                heading: plain.add_modifier(B | Modifier::UNDERLINED),
                header: plain.add_modifier(B | Modifier::UNDERLINED),
                selected: plain.add_modifier(Modifier::REVERSED),
                tab: plain,
                tab_active: plain.add_modifier(Modifier::REVERSED | B),
                status: plain.add_modifier(Modifier::REVERSED),
                key: plain.add_modifier(Modifier::REVERSED | B),
                good: plain,
                warn: plain.add_modifier(B),
                bad: plain.add_modifier(B | Modifier::UNDERLINED),
                gauge: plain,
                gauge_empty: plain.add_modifier(Modifier::DIM),
                bar: plain,
                sample: plain.add_modifier(B | Modifier::ITALIC),
                input: plain.add_modifier(B),
                map: Color::Reset,
                marker: Color::Reset,
                marker_selected: plain.add_modifier(Modifier::REVERSED | B),
                // Reversed cells; alternate bold so neighbouring parts stay apart.
                series: std::array::from_fn(|i| {
                    let s = plain.add_modifier(Modifier::REVERSED);
                    if i % 2 == 1 { s.add_modifier(B) } else { s }
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour() {
        let t = theme(ThemeKind::Mono);
        for s in [
            t.base,
            t.title,
            t.selected,
            t.status,
            t.key,
            t.bad,
            t.sample,
            t.marker_selected,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn selection_is_visible_in_every_theme() {
        for k in [
            ThemeKind::Dark,
            ThemeKind::Light,
            ThemeKind::HighContrast,
            ThemeKind::Mono,
        ] {
            let t = theme(k);
            assert_ne!(t.selected, t.base, "{k:?}");
            assert_ne!(t.tab_active, t.tab, "{k:?}");
        }
    }
}
