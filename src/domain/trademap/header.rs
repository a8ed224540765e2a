//! The header of a Trade Map table: the row that starts with `Importers` (sometimes two rows,
//! as in the HTML download's "Select your indicators" banner), and what each column holds.

use super::cells::Row;
use super::strings::said;
use crate::lang::Said;
use crate::say;
use crate::text::fold;

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The country name (first column).
    Name,
    /// Traded value in a year.
    Value(u16),
    /// Annual growth in value between two years, in %.
    Growth(u16, u16),
    /// Average tariff (applied by the market, or faced by the exporter), in %.
    Tariff,
    /// Any other indicator (trade balance, share, distance, quantity…): read, not stored.
    Other,
}

/// Whose trade the value columns hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `Imported value in …` with `Importers` rows.
    Imports,
    /// `Exported value in …` with `Importers` rows: an exporter's sales to each market.
    Exports,
    /// Rows of `Exporters`: a list of supplying countries (not supported).
    Supplies,
}

#[derive(Debug, Clone)]
pub struct Header {
    /// Index of the (first) header row in the file's rows.
    pub index: usize,
    /// 1, or 2 for a two-row header.
    pub rows: usize,
    pub cells: Vec<String>,
    pub columns: Vec<Column>,
    pub direction: Direction,
}

impl Header {
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self
            .columns
            .iter()
            .filter_map(|c| match c {
                Column::Value(y) => Some(*y),
                _ => None,
            })
            .collect();
        years.sort_unstable();
        years
    }

    pub fn growth_periods(&self) -> Vec<(u16, u16)> {
        self.columns
            .iter()
            .filter_map(|c| match c {
                Column::Growth(a, b) => Some((*a, *b)),
                _ => None,
            })
            .collect()
    }

    pub fn other_columns(&self) -> Vec<String> {
        self.columns
            .iter()
            .zip(&self.cells)
            .filter(|(c, h)| **c == Column::Other && !h.is_empty())
            .map(|(_, h)| h.clone())
            .collect()
    }

    /// A data row needs at least this many cells to reach the last column that is read.
    pub fn needed_cells(&self) -> usize {
        self.columns
            .iter()
            .rposition(|c| !matches!(c, Column::Other))
            .map_or(1, |i| i + 1)
    }
}

const FIRST_CELLS: [&str; 4] = ["importers", "exporters", "importing markets", "markets"];

/// Find the header and classify its columns.
pub fn find(rows: &[Row]) -> Result<Header, Said> {
    let Some(index) = rows
        .iter()
        .position(|r| FIRST_CELLS.contains(&fold(r.cell(0)).as_str()))
    else {
        return Err(said(|t| t.no_header.into()));
    };
    let line = rows[index].line;
    let mut cells = rows[index].cells.clone();
    let mut used = 1;
    if !cells.iter().skip(1).any(|c| is_figure(&classify(c).0)) {
        // Two-row header: the indicator names are on the next row.
        if let Some(next) = rows.get(index + 1) {
            let merged: Vec<String> = (0..cells.len().max(next.cells.len()))
                .map(|i| {
                    let lower = next.cell(i);
                    if lower.is_empty() {
                        cells.get(i).cloned().unwrap_or_default()
                    } else {
                        lower.to_string()
                    }
                })
                .collect();
            if merged.iter().skip(1).any(|c| is_figure(&classify(c).0)) {
                cells = merged;
                used = 2;
            }
        }
    }
    let mut columns = vec![Column::Name];
    let mut directions = Vec::new();
    for c in cells.iter().skip(1) {
        let (column, direction) = classify(c);
        if let Column::Value(year) = column {
            if columns.contains(&column) {
                return Err(said(|t| {
                    say!(t.header_year_twice, line = line, year = year)
                }));
            }
        }
        columns.push(column);
        directions.extend(direction);
    }
    if !columns.iter().any(|c| matches!(c, Column::Value(_))) {
        return Err(said(|t| say!(t.header_no_values, line = line)));
    }
    let direction = if fold(&cells[0]) == "exporters" {
        Direction::Supplies
    } else if directions.iter().all(|d| *d == Direction::Imports) {
        Direction::Imports
    } else if directions.iter().all(|d| *d == Direction::Exports) {
        Direction::Exports
    } else {
        return Err(said(|t| say!(t.header_mixed, line = line)));
    };
    Ok(Header {
        index,
        rows: used,
        cells,
        columns,
        direction,
    })
}

fn is_figure(c: &Column) -> bool {
    !matches!(c, Column::Name | Column::Other)
}

/// What a header cell names.
pub fn classify(cell: &str) -> (Column, Option<Direction>) {
    let l = cell.to_lowercase();
    for (pattern, direction) in [
        ("imported value in ", Direction::Imports),
        ("value imported in ", Direction::Imports),
        ("exported value in ", Direction::Exports),
        ("value exported in ", Direction::Exports),
    ] {
        let Some(i) = l.find(pattern) else { continue };
        let rest = &l[i + pattern.len()..];
        let year: String = rest.chars().take(4).collect();
        let after = rest.get(4..).unwrap_or("");
        if year.len() == 4
            && year.chars().all(|c| c.is_ascii_digit())
            && (after.is_empty() || after.starts_with([' ', '(']))
        {
            if let Ok(y) = year.parse() {
                return (Column::Value(y), Some(direction));
            }
        }
        return (Column::Other, None);
    }
    if l.contains("growth") && l.contains("value") && !l.contains("quantity") {
        if let Some(i) = l.find("between") {
            let years: Vec<u16> = l[i..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|t| t.len() == 4)
                .filter_map(|t| t.parse().ok())
                .collect();
            if let [from, to, ..] = years[..] {
                return (Column::Growth(from, to), None);
            }
        }
    }
    if l.contains("tariff") {
        return (Column::Tariff, None);
    }
    (Column::Other, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_trade_map_columns() {
        use Column::*;
        assert_eq!(classify("Imported value in 2009").0, Value(2009));
        assert_eq!(
            classify("Exported value in 2013").1,
            Some(Direction::Exports)
        );
        assert_eq!(
            classify("Value imported in 2024 (USD thousand)").0,
            Value(2024)
        );
        assert_eq!(classify("Imported value in 2024-Q1").0, Other);
        assert_eq!(
            classify("Annual growth in value between 2020-2024 (%)").0,
            Growth(2020, 2024)
        );
        assert_eq!(
            classify("Growth in exported value between 2020-2024 (%, p.a.)").0,
            Growth(2020, 2024)
        );
        assert_eq!(
            classify("Annual growth in quantity between 2020-2024 (%)").0,
            Other
        );
        assert_eq!(
            classify("Average tariff (estimated) applied by the country (%)").0,
            Tariff
        );
        assert_eq!(classify("Trade balance in 2024 (USD thousand)").0, Other);
    }
}
