//! Why a Trade Map file is refused, in both languages. The reader's language is not known
//! here: each message is rendered from both catalogs into a [`Said`] and the command line
//! shows the reader's half. Trade Map's own wording (report titles, column names) is quoted
//! as the file has it.

use serde::Serialize;

use crate::lang::{Catalog, Lang, Said};

#[derive(Debug, Serialize)]
pub struct TradeMapStrings {
    // The bytes.
    pub empty: &'static str,
    pub xlsx: &'static str,
    pub xls: &'static str,
    pub binary: &'static str,
    pub utf16: &'static str,
    pub bad_row: &'static str,
    pub html_truncated: &'static str,
    // The header.
    pub no_header: &'static str,
    pub header_year_twice: &'static str,
    pub header_no_values: &'static str,
    pub header_mixed: &'static str,
    // The title: report, exporter, product, unit.
    pub no_exporter: &'static str,
    pub unknown_exporter: &'static str,
    pub from_title: &'static str,
    pub from_file_name: &'static str,
    pub unsupported_report: &'static str,
    pub no_title_exporter: &'static str,
    pub supplying: &'static str,
    pub direction_mismatch: &'static str,
    /// Imports, Exports, Supplies.
    pub directions: [&'static str; 3],
    pub hs_not_code: &'static str,
    pub product_unknown: &'static str,
    pub hs_contradicts: &'static str,
    pub hs_contradicts_name: &'static str,
    pub no_product: &'static str,
    pub unit_not_money: &'static str,
    // The rows.
    pub row_no_name: &'static str,
    pub row_short: &'static str,
    pub cell_not_number: &'static str,
    pub cell_negative: &'static str,
    pub no_rows: &'static str,
    pub no_markets: &'static str,
}

pub const EN: TradeMapStrings = TradeMapStrings {
    empty: "empty file (download the table from Trade Map again)",
    xlsx: "this is an Excel workbook (.xlsx), not a Trade Map download; download the table from \
           Trade Map as Text, CSV or Excel, or save it as CSV",
    xls: "this is a binary Excel workbook (.xls); download the table from Trade Map again, or save \
          it as CSV",
    binary: "binary data, not a Trade Map download (expected the Text, CSV or Excel export of a \
             Trade Map table)",
    utf16: "invalid UTF-16 text (save the file again)",
    bad_row: "line {line}: cannot read the row: {error}",
    html_truncated: "the HTML page ends in the middle of a table: the file is truncated \
                     (download it again)",
    no_header: "no header row starting with `Importers`: this is not a Trade Map \"List of \
                importers\" or \"List of importing markets\" download (or it is cut off before \
                the table)",
    header_year_twice: "line {line}: the header has two columns for the value in {year} \
                        (download the file again)",
    header_no_values: "line {line}: the header has no yearly value column such as `Imported \
                       value in 2020` or `Value imported in 2024 (USD thousand)` (quarterly and \
                       monthly tables are not supported)",
    header_mixed: "line {line}: the header mixes imported and exported values (download one \
                   table)",
    no_exporter: "`{text}` does not say which country exported (keep Trade Map's wording, `… \
                  exported by COUNTRY`)",
    unknown_exporter: "the exporting country `{country}` ({from}) is not a known country name \
                       (use the file as Trade Map wrote it)",
    from_title: "from the title",
    from_file_name: "from the file name",
    unsupported_report: "report type `{title}` is not supported (goglobal reads Trade Map's \
                         \"List of importers for the selected product\" and \"List of importing \
                         markets for a product exported by …\")",
    no_title_exporter: "the file has no title and its name does not say which country exported \
                        (keep Trade Map's file name, `…exported_by_COUNTRY…`, or download the \
                        CSV, which has a title line)",
    supplying: "this is a list of exporting (supplying) countries: not supported (goglobal reads \
                Trade Map's \"List of importers for the selected product\" and \"List of \
                importing markets for a product exported by …\")",
    direction_mismatch: "the title says \"{title}\" but the columns hold {direction} values (is \
                         the file edited?)",
    directions: ["imported", "exported", "supplying countries'"],
    hs_not_code: "--hs {hs}: not an HS code (use 2, 4 or 6 digits such as 0901, or TOTAL)",
    product_unknown: "product {code} ({from}) is not an HS 2022 code in goglobal's nomenclature",
    hs_contradicts: "--hs {hs} contradicts the file, which covers product {code} \
                     ({description}); leave out --hs",
    hs_contradicts_name: "--hs {hs} contradicts the file name, which says the table covers All \
                          products (import it without --hs, or download the table for product \
                          {hs})",
    no_product: "the file does not say which product it covers (no `Product:` line); pass --hs \
                 CODE (e.g. --hs 0901), or --hs TOTAL for all products",
    unit_not_money: "unit `{unit}` is not a value in US dollars (download the values, not \
                     quantities)",
    row_no_name: "{file}:{line}: a row with figures but no country name (download the file \
                  again)",
    row_short: "{file}:{line}: the row for `{name}` has {cells} cells where the table has \
                {needed}: the file is truncated or was edited (download it again)",
    cell_not_number: "{file}:{line}: column `{column}` for `{name}`: `{cell}` is not a number \
                      (download the file again)",
    cell_negative: "{file}:{line}: column `{column}` for `{name}`: {cell} is negative (a traded \
                    value is never negative; download the file again)",
    no_rows: "{file}: the header is there but no rows follow: the file is truncated (download it \
              again)",
    no_markets: "{file}: none of the {n} rows is a market with figures ({unmapped} unmapped \
                 names, {totals} totals)",
};

pub const VI: TradeMapStrings = TradeMapStrings {
    empty: "tệp rỗng (hãy tải lại bảng từ Trade Map)",
    xlsx: "đây là sổ tính Excel (.xlsx), không phải tệp tải từ Trade Map; hãy tải bảng từ Trade \
           Map dạng Text, CSV hoặc Excel, hoặc lưu lại thành CSV",
    xls: "đây là sổ tính Excel nhị phân (.xls); hãy tải lại bảng từ Trade Map, hoặc lưu lại thành \
          CSV",
    binary: "dữ liệu nhị phân, không phải tệp tải từ Trade Map (cần bản xuất Text, CSV hoặc Excel \
             của một bảng Trade Map)",
    utf16: "văn bản UTF-16 không hợp lệ (hãy lưu lại tệp)",
    bad_row: "dòng {line}: không đọc được dòng này: {error}",
    html_truncated: "trang HTML dừng giữa một bảng: tệp bị cắt cụt (hãy tải lại)",
    no_header: "không có dòng tiêu đề cột bắt đầu bằng `Importers`: đây không phải bản tải \"List \
                of importers\" hay \"List of importing markets\" của Trade Map (hoặc tệp bị cắt \
                trước bảng)",
    header_year_twice: "dòng {line}: tiêu đề có hai cột giá trị cho năm {year} (hãy tải lại tệp)",
    header_no_values: "dòng {line}: tiêu đề không có cột giá trị theo năm như `Imported value in \
                       2020` hay `Value imported in 2024 (USD thousand)` (chưa hỗ trợ bảng theo \
                       quý và theo tháng)",
    header_mixed: "dòng {line}: tiêu đề trộn giá trị nhập khẩu và xuất khẩu (hãy tải từng bảng \
                   một)",
    no_exporter: "`{text}` không cho biết nước nào xuất khẩu (giữ nguyên cách ghi của Trade Map, \
                  `… exported by TÊN NƯỚC`)",
    unknown_exporter: "nước xuất khẩu `{country}` ({from}) không phải tên nước đã biết (hãy dùng \
                       tệp đúng như Trade Map xuất ra)",
    from_title: "lấy từ tiêu đề",
    from_file_name: "lấy từ tên tệp",
    unsupported_report: "chưa hỗ trợ loại báo cáo `{title}` (goglobal đọc các báo cáo \"List of \
                         importers for the selected product\" và \"List of importing markets for \
                         a product exported by …\" của Trade Map)",
    no_title_exporter: "tệp không có tiêu đề và tên tệp không cho biết nước nào xuất khẩu (giữ \
                        nguyên tên tệp của Trade Map, `…exported_by_TÊN_NƯỚC…`, hoặc tải bản \
                        CSV, có dòng tiêu đề)",
    supplying: "đây là danh sách các nước xuất khẩu (cung cấp): chưa hỗ trợ (goglobal đọc các báo \
                cáo \"List of importers for the selected product\" và \"List of importing markets \
                for a product exported by …\" của Trade Map)",
    direction_mismatch: "tiêu đề ghi \"{title}\" nhưng các cột chứa giá trị {direction} (tệp đã \
                         bị sửa?)",
    directions: ["nhập khẩu", "xuất khẩu", "của các nước cung cấp"],
    hs_not_code: "--hs {hs}: không phải mã HS (dùng 2, 4 hoặc 6 chữ số như 0901, hoặc TOTAL)",
    product_unknown: "sản phẩm {code} ({from}) không phải mã HS 2022 trong danh mục của goglobal",
    hs_contradicts: "--hs {hs} mâu thuẫn với tệp, vốn là số liệu của sản phẩm {code} \
                     ({description}); hãy bỏ --hs",
    hs_contradicts_name: "--hs {hs} mâu thuẫn với tên tệp, vốn cho biết bảng gồm mọi sản phẩm \
                          (hãy nhập mà không dùng --hs, hoặc tải bảng của sản phẩm {hs})",
    no_product: "tệp không cho biết là số liệu của sản phẩm nào (không có dòng `Product:`); hãy \
                 nêu --hs MÃ (ví dụ --hs 0901), hoặc --hs TOTAL cho mọi sản phẩm",
    unit_not_money: "đơn vị `{unit}` không phải giá trị bằng đô la Mỹ (hãy tải giá trị, không \
                     phải số lượng)",
    row_no_name: "{file}:{line}: một dòng có số liệu nhưng không có tên nước (hãy tải lại tệp)",
    row_short: "{file}:{line}: dòng của `{name}` có {cells} ô trong khi bảng có {needed}: tệp bị \
                cắt cụt hoặc đã bị sửa (hãy tải lại)",
    cell_not_number: "{file}:{line}: cột `{column}` của `{name}`: `{cell}` không phải là số (hãy \
                      tải lại tệp)",
    cell_negative: "{file}:{line}: cột `{column}` của `{name}`: {cell} là số âm (giá trị thương \
                    mại không bao giờ âm; hãy tải lại tệp)",
    no_rows: "{file}: có dòng tiêu đề nhưng không có dòng số liệu nào: tệp bị cắt cụt (hãy tải \
              lại)",
    no_markets: "{file}: không dòng nào trong {n} dòng là một thị trường có số liệu ({unmapped} \
                 tên không khớp, {totals} dòng tổng)",
};

impl Catalog for TradeMapStrings {
    fn of(lang: Lang) -> &'static TradeMapStrings {
        match lang {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }
}

/// A refusal in both languages: `render` fills one catalog's template.
pub fn said(render: impl Fn(&'static TradeMapStrings) -> String) -> Said {
    Said::render(render)
}
