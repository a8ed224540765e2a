//! ITC Trade Map downloads → real demand series. Pure: the bytes of a file in, a checked
//! [`TradeMapFile`] (or the reason it cannot be read) out.
//!
//! Two report types are understood: "List of importers for the selected product" (each market's
//! imports of the product) and "List of importing markets for a product exported by X" (X's
//! exports to each market; Viet Nam's are its current foothold). Values are in US$ thousand in
//! Trade Map and are converted to US$.

mod cells;
mod countries;
mod header;
mod html;
pub mod strings;
mod title;

pub use cells::Format;
pub use countries::{Countries, HOME, Place, is_aggregate};
pub use header::{Column, Direction};
pub use title::{UNIT_ASSUMED, normalise_hs};

use crate::domain::{Figure, Reference};
use crate::lang::Said;
use crate::say;
use strings::said;

/// HS code stored for "All products" series. Not digits, so product matching never picks it up
/// (`Reference::demand_series` matches digit prefixes); shown as context only.
pub const ALL_PRODUCTS: &str = "TOTAL";
pub const SOURCE: &str = crate::domain::reference::sources::TRADE_MAP;
pub const SOURCE_MIRROR: &str = "ITC Trade Map (mirror data)";

/// Which Trade Map table the file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// "List of importers for the selected product".
    Importers,
    /// "List of importing markets for a product exported by X".
    ExportsBy { exporter: String, iso3: String },
}

impl Report {
    pub fn title(&self) -> String {
        match self {
            Report::Importers => "List of importers for the selected product".into(),
            Report::ExportsBy { exporter, .. } => {
                format!("List of importing markets for a product exported by {exporter}")
            }
        }
    }

    /// `kind` of the stored series: `imports`, `vn_exports`, or `exports:ISO3` for another
    /// exporter.
    pub fn series_kind(&self) -> String {
        match self {
            Report::Importers => "imports".into(),
            Report::ExportsBy { iso3, .. } if iso3 == HOME => "vn_exports".into(),
            Report::ExportsBy { iso3, .. } => format!("exports:{iso3}"),
        }
    }
}

/// The product a file covers, and where that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRef {
    /// HS digits (2, 4 or 6) or [`ALL_PRODUCTS`].
    pub hs: String,
    pub description: String,
    /// "title", "--hs" or "file name".
    pub from: &'static str,
}

impl ProductRef {
    pub fn is_all(&self) -> bool {
        self.hs == ALL_PRODUCTS
    }
}

/// One market's figures from one row of the file, in US$ (percentages as written).
#[derive(Debug, Clone, PartialEq)]
pub struct MarketRow {
    pub line: u64,
    pub name: String,
    pub iso3: String,
    pub values: Vec<Figure>,
    /// (from, to, % per year).
    pub growth: Vec<(u16, u16, f64)>,
    pub tariff: Option<f64>,
    pub mirror: bool,
}

/// A Trade Map file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeMapFile {
    pub format: Format,
    pub report: Report,
    pub product: ProductRef,
    /// The unit as the file states it, and the factor to US$.
    pub unit: String,
    pub factor: f64,
    pub years: Vec<u16>,
    pub growth_periods: Vec<(u16, u16)>,
    pub has_tariff: bool,
    /// Header cells of indicators that are read but not stored (trade balance, share, …).
    pub other_columns: Vec<String>,
    pub rows: Vec<MarketRow>,
    /// Non-blank rows after the header.
    pub data_rows: usize,
    pub aggregates: Vec<String>,
    /// Rows for Viet Nam itself (not a target market).
    pub home_rows: Vec<String>,
    /// Names that map to no market, with their line.
    pub unmapped: Vec<(String, u64)>,
    /// Markets whose row has no figure at all.
    pub without_values: Vec<String>,
    /// A second row for a market already read (kept: the first).
    pub duplicates: Vec<String>,
}

/// One value to store in the `demand` table.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandRow {
    pub iso3: String,
    pub hs: String,
    pub kind: String,
    pub year: u16,
    pub value: f64,
    pub source: &'static str,
}

impl TradeMapFile {
    /// The rows to store: values by year under [`Report::series_kind`], plus the growth rates
    /// (`KIND:growth_pct:FROM-TO`, year = TO) and the average tariff (`KIND:tariff_pct`, year =
    /// the latest year), in %.
    pub fn demand_rows(&self) -> Vec<DemandRow> {
        let kind = self.report.series_kind();
        let latest = self.years.last().copied().unwrap_or_default();
        let mut out = Vec::new();
        for r in &self.rows {
            let source = if r.mirror { SOURCE_MIRROR } else { SOURCE };
            let row = |kind: String, year: u16, value: f64| DemandRow {
                iso3: r.iso3.clone(),
                hs: self.product.hs.clone(),
                kind,
                year,
                value,
                source,
            };
            for f in &r.values {
                out.push(row(kind.clone(), f.year, f.value));
            }
            for (from, to, g) in &r.growth {
                out.push(row(format!("{kind}:growth_pct:{from}-{to}"), *to, *g));
            }
            if let Some(t) = r.tariff {
                out.push(row(format!("{kind}:tariff_pct"), latest, t));
            }
        }
        out
    }

    pub fn mirror_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.mirror).count()
    }
}

/// Read a Trade Map download. `file` names it in messages (and its name can say the report and
/// product when the file itself does not, as in the Text export); `hs` is the user's `--hs`.
pub fn parse(
    bytes: &[u8],
    file: &str,
    hs: Option<&str>,
    reference: &Reference,
) -> Result<TradeMapFile, Said> {
    let at = |msg: Said| Said::from(file).join(": ", &msg);
    let text = cells::decode(bytes).map_err(at)?;
    let (format, rows) = cells::rows(&text).map_err(at)?;
    let countries = Countries::new(reference);
    let head = header::find(&rows).map_err(at)?;
    // A preamble line split at its commas by the CSV reader is joined back.
    let preamble: Vec<String> = rows[..head.index]
        .iter()
        .filter(|r| !r.is_blank())
        .map(|r| {
            let cells: Vec<&str> = r
                .cells
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            cells.join(", ")
        })
        .collect();
    let preamble: Vec<&str> = preamble.iter().map(String::as_str).collect();
    let base_name = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().replace('_', " "))
        .unwrap_or_default();
    let report = title::report(&preamble, &base_name, head.direction, &countries).map_err(at)?;
    let product = title::product(&preamble, &base_name, hs, reference).map_err(at)?;
    let (unit, factor) = title::unit(&preamble, &head.cells).map_err(at)?;
    let mut out = TradeMapFile {
        format,
        report,
        product,
        unit,
        factor,
        years: head.years(),
        growth_periods: head.growth_periods(),
        has_tariff: head.columns.contains(&Column::Tariff),
        other_columns: head.other_columns(),
        rows: Vec::new(),
        data_rows: 0,
        aggregates: Vec::new(),
        home_rows: Vec::new(),
        unmapped: Vec::new(),
        without_values: Vec::new(),
        duplicates: Vec::new(),
    };
    let data = &rows[(head.index + head.rows).min(rows.len())..];
    // A row cut short has fewer cells than the others (Trade Map pads every row alike).
    let needed = head.needed_cells().max(usual_len(data));
    for row in data {
        if row.is_blank() {
            continue;
        }
        out.data_rows += 1;
        let line = row.line;
        let name = row.cell(0).to_string();
        if name.is_empty() {
            return Err(said(|t| say!(t.row_no_name, file = file, line = line)));
        }
        if row.cells.len() < needed {
            return Err(said(|t| {
                say!(
                    t.row_short,
                    file = file,
                    line = line,
                    name = name,
                    cells = row.cells.len(),
                    needed = needed
                )
            }));
        }
        let mut parsed = MarketRow {
            line,
            name: name.clone(),
            iso3: String::new(),
            values: Vec::new(),
            growth: Vec::new(),
            tariff: None,
            mirror: row.mirror,
        };
        for (i, column) in head.columns.iter().enumerate() {
            if matches!(column, Column::Name | Column::Other) {
                continue;
            }
            let cell = row.cell(i);
            let column_name = &head.cells[i];
            let value = number(cell).map_err(|()| {
                said(|t| {
                    say!(
                        t.cell_not_number,
                        file = file,
                        line = line,
                        column = column_name,
                        name = name,
                        cell = cell
                    )
                })
            })?;
            let Some(value) = value else { continue };
            match *column {
                Column::Value(year) => {
                    if value < 0.0 {
                        return Err(said(|t| {
                            say!(
                                t.cell_negative,
                                file = file,
                                line = line,
                                column = column_name,
                                name = name,
                                cell = cell
                            )
                        }));
                    }
                    parsed.values.push(Figure {
                        year,
                        value: value * factor,
                    });
                }
                Column::Growth(from, to) => parsed.growth.push((from, to, value)),
                Column::Tariff => parsed.tariff = Some(value),
                Column::Name | Column::Other => {}
            }
        }
        parsed.values.sort_by_key(|f| f.year);
        match countries.place(&name) {
            Place::Aggregate => out.aggregates.push(name),
            Place::Home => out.home_rows.push(name),
            Place::Unknown => out.unmapped.push((name, line)),
            Place::Market(iso3) => {
                if parsed.values.is_empty() && parsed.growth.is_empty() && parsed.tariff.is_none() {
                    out.without_values.push(name);
                } else if out.rows.iter().any(|r| r.iso3 == iso3) {
                    out.duplicates.push(name);
                } else {
                    parsed.iso3 = iso3;
                    out.rows.push(parsed);
                }
            }
        }
    }
    if out.data_rows == 0 {
        return Err(said(|t| say!(t.no_rows, file = file)));
    }
    if out.rows.is_empty() {
        return Err(said(|t| {
            say!(
                t.no_markets,
                file = file,
                n = out.data_rows,
                unmapped = out.unmapped.len(),
                totals = out.aggregates.len()
            )
        }));
    }
    Ok(out)
}

/// The most common number of cells in the non-blank rows.
fn usual_len(rows: &[cells::Row]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for r in rows.iter().filter(|r| !r.is_blank()) {
        *counts.entry(r.cells.len()).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(len, n)| (n, len))
        .map_or(0, |(len, _)| len)
}

/// A figure cell: empty or `...` (not available) → None; otherwise a plain decimal number.
fn number(cell: &str) -> Result<Option<f64>, ()> {
    let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || matches!(s.as_str(), "..." | "…" | "-" | "n.a." | "n/a" | "N/A") {
        return Ok(None);
    }
    let plain = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
    match s.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests;
