use super::*;
use crate::domain::{HsCode, Market, Priority};

fn market(iso3: &str, name: &str) -> Market {
    Market::new(iso3, name, Priority::Other)
}

fn hs(code: &str, description: &str) -> HsCode {
    HsCode {
        code: code.into(),
        parent: String::new(),
        section: String::new(),
        description: description.into(),
        description_vi: String::new(),
    }
}

fn reference() -> Reference {
    Reference {
        markets: vec![
            market("USA", "United States"),
            market("KOR", "South Korea"),
            market("DZA", "Algeria"),
            market("FRA", "France"),
            market("TUR", "Türkiye"),
        ],
        hs: vec![
            hs("09", "Coffee, tea, maté and spices"),
            hs("0901", "Coffee"),
            hs("69", "Ceramic products"),
        ],
        ..Default::default()
    }
    .index()
}

/// Read `text`; a refusal as its English text (the Vietnamese one is checked below).
fn read(text: &str, file: &str, hs: Option<&str>) -> Result<TradeMapFile, String> {
    parse(text.as_bytes(), file, hs, &reference()).map_err(|e| e.en)
}

#[test]
fn refusals_are_said_in_both_languages() {
    let err = parse(b"", "x.csv", None, &reference()).unwrap_err();
    assert_eq!(err.vi, "x.csv: tệp rỗng (hãy tải lại bảng từ Trade Map)");
    let cut = &TEXT[..TEXT.find("\t7").unwrap()];
    let err = parse(cut.as_bytes(), "cut.txt", Some("TOTAL"), &reference()).unwrap_err();
    assert!(err.vi.starts_with("cut.txt:4: dòng của `"), "{err:?}");
    assert!(err.vi.contains("tệp bị cắt cụt"), "{err:?}");
}

const TEXT: &str = "\u{feff}Importers\tImported value in 2019\tImported value in 2020\t\r\n\
\"World\"\t100\t200\t\r\n\
\"United States of America\"\t10\t12.5\t\r\n\
\"Korea, Republic of\"\t\t7\t\r\n\
\"Viet Nam\"\t1\t2\t\r\n\
\"Neutral Zone\"\t3\t\t\r\n\
\"France\"\t\t\t\r\n";

#[test]
fn text_export_with_product_from_file_name() {
    let f = read(
        TEXT,
        "dir/Trade_Map_-_List_of_importers_for_the_selected_product_(All_products).txt",
        None,
    )
    .unwrap();
    assert_eq!(f.format, Format::Text);
    assert_eq!(f.report, Report::Importers);
    assert_eq!(f.product.hs, ALL_PRODUCTS);
    assert_eq!(f.product.from, "file name");
    assert_eq!(f.years, vec![2019, 2020]);
    assert_eq!(f.factor, 1e3);
    assert_eq!(f.data_rows, 6);
    assert_eq!(f.aggregates, vec!["World"]);
    assert_eq!(f.home_rows, vec!["Viet Nam"]);
    assert_eq!(f.unmapped, vec![("Neutral Zone".to_string(), 6)]);
    assert_eq!(f.without_values, vec!["France"]);
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[0].iso3, "USA");
    assert_eq!(
        f.rows[0].values,
        vec![
            Figure {
                year: 2019,
                value: 10_000.0
            },
            Figure {
                year: 2020,
                value: 12_500.0
            }
        ]
    );
    assert_eq!(f.rows[1].iso3, "KOR");
    assert_eq!(f.rows[1].values.len(), 1);
    let rows = f.demand_rows();
    assert_eq!(rows.len(), 3);
    // All-products totals are never filed under one product.
    let err = read(
        TEXT,
        "Trade_Map_-_List_of_importers_for_the_selected_product_(All_products).txt",
        Some("0901"),
    )
    .unwrap_err();
    assert!(err.contains("contradicts the file name"), "{err}");
    assert!(
        rows.iter()
            .all(|r| r.kind == "imports" && r.hs == "TOTAL" && r.source == SOURCE)
    );
}

#[test]
fn lf_without_bom_and_hs_flag() {
    let text = TEXT.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let f = read(&text, "importers.txt", Some("'0901")).unwrap();
    assert_eq!(f.product.hs, "0901");
    assert_eq!(f.product.from, "--hs");
    assert_eq!(f.product.description, "Coffee");
    assert_eq!(f.rows.len(), 2);
    let err = read(&text, "importers.txt", None).unwrap_err();
    assert!(err.contains("pass --hs"), "{err}");
    let err = read(&text, "importers.txt", Some("0999")).unwrap_err();
    assert!(err.contains("not an HS 2022 code"), "{err}");
    let err = read(&text, "importers.txt", Some("abc")).unwrap_err();
    assert!(err.contains("--hs abc"), "{err}");
}

const CSV: &str = "\u{feff}List of importing markets for a product exported by Viet Nam ,,,\r\n\
Product: '0901 Coffee, whether or not roasted,,,\r\n\
,,,\r\n\
Unit : US Dollar thousand,,,\r\n\
Importers,Exported value in 2022,Exported value in 2023,Growth in exported value between 2019-2023 (%, p.a.)\r\n\
World ,500,600,4\r\n\
\"Korea, Republic of \",50,60,-2\r\n\
Turkey ,1,...,\r\n";

#[test]
fn csv_export_of_viet_nam() {
    let f = read(CSV, "x.csv", None).unwrap();
    assert_eq!(f.format, Format::Csv);
    assert_eq!(
        f.report,
        Report::ExportsBy {
            exporter: "Viet Nam".into(),
            iso3: HOME.into()
        }
    );
    assert_eq!(f.report.series_kind(), "vn_exports");
    assert_eq!(f.product.hs, "0901");
    assert_eq!(f.product.description, "Coffee, whether or not roasted");
    assert_eq!(f.unit, "US Dollar thousand");
    assert_eq!(f.growth_periods, vec![(2019, 2023)]);
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[1].iso3, "TUR");
    assert_eq!(f.rows[1].values.len(), 1);
    let rows = f.demand_rows();
    assert!(
        rows.iter()
            .any(|r| r.kind == "vn_exports:growth_pct:2019-2023"
                && r.iso3 == "KOR"
                && r.year == 2023
                && r.value == -2.0)
    );
    // --hs that agrees is fine; one that contradicts the title is refused.
    assert!(read(CSV, "x.csv", Some("0901")).is_ok());
    let err = read(CSV, "x.csv", Some("69")).unwrap_err();
    assert!(err.contains("contradicts"), "{err}");
}

#[test]
fn exporter_other_than_viet_nam_and_from_file_name() {
    let csv = CSV.replace("Viet Nam", "Algeria");
    let f = read(&csv, "x.csv", None).unwrap();
    assert_eq!(f.report.series_kind(), "exports:DZA");
    // Without a title, the exporter comes from Trade Map's file name.
    let body: String = CSV.lines().skip(4).collect::<Vec<_>>().join("\n");
    let f = read(
        &body,
        "Trade_Map_-_List_of_importing_markets_for_a_product_exported_by_Algeria_(1).csv",
        Some("0901"),
    )
    .unwrap();
    assert_eq!(f.report.series_kind(), "exports:DZA");
    let err = read(&body, "exports.csv", Some("0901")).unwrap_err();
    assert!(err.contains("which country exported"), "{err}");
    let err = read(&CSV.replace("Viet Nam", "Atlantis"), "x.csv", None).unwrap_err();
    assert!(err.contains("`Atlantis`"), "{err}");
}

const HTML: &str = r#"<html><body><table align="center"><tr><td colspan="6"><center><b>List of importers for the selected product in 2024 </b></center></td></tr><tr><td colspan="6"><center>   Product : 69 Ceramic products</center></td></tr></table>
<table id="ctl00_PageContent_MyGridView1">
<tr><th rowspan="2" scope="col">Importers</th><td align="center" colspan="4">Select your indicators</td></tr>
<tr><th>Value imported in 2024 (USD thousand)</th><th>Trade balance in 2024 (USD thousand)</th><th>Annual growth in value between 2020-2024 (%)</th><th>Average tariff (estimated) applied by the country (%)</th></tr>
<tr style="color:BlueViolet;"><td>
   World
      </td><td>54951712</td><td>6184648</td><td>3</td><td></td></tr>
<tr><td>United States of America</td><td>8137117</td><td>-5902053</td><td>5</td><td>4.4</td></tr>
<tr style="color:Goldenrod;"><td>Korea, Republic of</td><td>21</td><td>-21</td><td>-16</td><td>...</td></tr>
</table></body></html>"#;

#[test]
fn html_export_with_indicators() {
    let f = read(HTML, "page.xls", None).unwrap();
    assert_eq!(f.format, Format::Html);
    assert_eq!(f.report, Report::Importers);
    assert_eq!(f.product.hs, "69");
    assert_eq!(f.unit, "USD thousand");
    assert_eq!(f.years, vec![2024]);
    assert!(f.has_tariff);
    assert_eq!(
        f.other_columns,
        vec!["Trade balance in 2024 (USD thousand)"]
    );
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[0].values[0].value, 8_137_117_000.0);
    assert_eq!(f.rows[0].tariff, Some(4.4));
    assert!(f.rows[1].mirror);
    assert_eq!(f.mirror_rows(), 1);
    let rows = f.demand_rows();
    let kinds: Vec<&str> = rows
        .iter()
        .filter(|r| r.iso3 == "USA")
        .map(|r| r.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "imports",
            "imports:growth_pct:2020-2024",
            "imports:tariff_pct"
        ]
    );
    assert!(
        rows.iter()
            .filter(|r| r.iso3 == "KOR")
            .all(|r| r.source == SOURCE_MIRROR)
    );
}

#[test]
fn unsupported_and_broken_files() {
    let other = CSV.replace(
        "List of importing markets for a product exported by Viet Nam",
        "List of exporters for the selected product",
    );
    let err = read(&other, "x.csv", None).unwrap_err();
    assert!(err.contains("not supported"), "{err}");
    let err = read("", "x.csv", None).unwrap_err();
    assert!(err.starts_with("x.csv: empty file"), "{err}");
    let err = read("hello,world\n1,2\n", "x.csv", None).unwrap_err();
    assert!(err.contains("no header row"), "{err}");
    // Cut in the middle of a row: too few cells.
    let cut = &TEXT[..TEXT.find("\t7").unwrap()];
    let err = read(cut, "cut.txt", Some("TOTAL")).unwrap_err();
    assert!(
        err.contains("cut.txt:4:") && err.contains("truncated"),
        "{err}"
    );
    // Cut inside the last figure of a row: the row lacks the trailing TAB's empty cell.
    let cut = &TEXT[..TEXT.find("12.5").unwrap() + 2];
    let err = read(cut, "cut.txt", Some("TOTAL")).unwrap_err();
    assert!(
        err.contains("cut.txt:3:") && err.contains("truncated"),
        "{err}"
    );
    // Cut right after the header.
    let err = read(TEXT.lines().next().unwrap(), "h.txt", Some("TOTAL")).unwrap_err();
    assert!(err.contains("no rows follow"), "{err}");
    let bad = TEXT.replace("12.5", "12,5x");
    let err = read(&bad, "b.txt", Some("TOTAL")).unwrap_err();
    assert!(err.contains("b.txt:3:") && err.contains("`12,5x`"), "{err}");
    let neg = TEXT.replace("12.5", "-1");
    assert!(read(&neg, "n.txt", Some("TOTAL")).is_err());
    let quantities = CSV.replace("US Dollar thousand", "Tons");
    assert!(
        read(&quantities, "q.csv", None)
            .unwrap_err()
            .contains("Tons")
    );
    let html_cut = &HTML[..HTML.find("Korea").unwrap()];
    assert!(
        read(html_cut, "p.xls", None)
            .unwrap_err()
            .contains("truncated")
    );
}

#[test]
fn hs_codes_normalise() {
    assert_eq!(normalise_hs("'0901").as_deref(), Some("0901"));
    assert_eq!(normalise_hs("09.01.11").as_deref(), Some("090111"));
    assert_eq!(normalise_hs("total").as_deref(), Some("TOTAL"));
    assert_eq!(normalise_hs("090"), None);
    assert_eq!(number("1e3"), Ok(Some(1000.0)));
    assert_eq!(number(" ... "), Ok(None));
    assert_eq!(number("1,000"), Err(()));
}
