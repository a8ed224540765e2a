//! The sentences of the data commands in both languages: `audit` lines, the `demand import`
//! summary of an ITC Trade Map file, and `gen`. Templates name their values (`{file}`), filled
//! with [`crate::say`]; codes that scripts read (`kind imports`, HS codes) stay as they are.

use serde::Serialize;

use crate::lang::{Catalog, Lang};

#[derive(Debug, Serialize)]
pub struct DataStrings {
    // audit.
    /// create, update, delete, restore, set_stage, import, purge_samples.
    pub audit_actions: [&'static str; 7],
    /// sme, assessment, plan_item, shortlist, demand.
    pub audit_entities: [&'static str; 5],
    pub audit_readiness: &'static str,
    pub audit_no_band: &'static str,
    pub audit_created: &'static str,
    pub audit_created_bare: &'static str,
    pub audit_demand: &'static str,
    pub none: &'static str,
    // demand import.
    pub dm_nothing_stored: &'static str,
    pub dm_title: &'static str,
    /// format, report, stored as, product, unit, years, indicators, not stored, rows, mirror,
    /// duplicates.
    pub dm_labels: [&'static str; 11],
    /// Text, CSV, HTML.
    pub dm_formats: [&'static str; 3],
    pub dm_meaning_imports: &'static str,
    pub dm_meaning_home: &'static str,
    pub dm_meaning_exporter: &'static str,
    pub dm_stored_as: &'static str,
    pub dm_product: &'static str,
    /// Where the product was read: title, --hs, file name.
    pub dm_product_from: [&'static str; 3],
    pub dm_all_products_note: &'static str,
    pub dm_unit: &'static str,
    pub dm_unit_assumed: &'static str,
    pub dm_years_span: &'static str,
    pub dm_ind_value: &'static str,
    pub dm_ind_growth: &'static str,
    pub dm_ind_tariff: &'static str,
    pub dm_rows: &'static str,
    pub dm_mirror: &'static str,
    pub dm_duplicates: &'static str,
    pub dm_unmapped: &'static str,
    pub dm_dry_run: &'static str,
    pub dm_stored: &'static str,
    // gen.
    pub gen_range: &'static str,
    pub gen_added: &'static str,
}

pub const EN: DataStrings = DataStrings {
    audit_actions: [
        "create",
        "update",
        "delete",
        "restore",
        "set_stage",
        "import",
        "purge_samples",
    ],
    audit_entities: ["sme", "assessment", "plan_item", "shortlist", "demand"],
    audit_readiness: "readiness {score} ({band}) by {who}",
    audit_no_band: "no band",
    audit_created: "created {label}",
    audit_created_bare: "created",
    audit_demand: "{rows} values, kind {kind}, product {hs}, years {years}",
    none: "none",
    dm_nothing_stored: "nothing was stored",
    dm_title: "ITC Trade Map file {file}",
    dm_labels: [
        "format",
        "report",
        "stored as",
        "product",
        "unit",
        "years",
        "indicators",
        "not stored",
        "rows",
        "mirror",
        "duplicates",
    ],
    dm_formats: [
        "TAB-separated text",
        "CSV",
        "HTML page (Trade Map's \"Excel\" download)",
    ],
    dm_meaning_imports: "each market's imports of the product",
    dm_meaning_home: "Viet Nam's exports to each market (its current foothold)",
    dm_meaning_exporter: "{exporter}'s exports to each market",
    dm_stored_as: "kind {kind}: {meaning}",
    dm_product: "{hs} {description} (from the {from}){note}",
    dm_product_from: ["title", "--hs", "file name"],
    dm_all_products_note: "; all-products series are context only: product scores use \
                           product-specific series",
    dm_unit: "{unit} → stored in US$",
    dm_unit_assumed: "US Dollar thousand (Trade Map's unit; the file does not say)",
    dm_years_span: "{from}–{to} ({n} years)",
    dm_ind_value: "value by year",
    dm_ind_growth: "annual growth {from}–{to} (%)",
    dm_ind_tariff: "average tariff (%)",
    dm_rows: "{n} read: {mapped} markets mapped, {totals} totals skipped, {home} Viet Nam (home), \
              {unmapped} unmapped, {empty} without figures, {duplicates} duplicates",
    dm_mirror: "{n} markets' figures are mirror data (reported by partners), stored with source \
                \"{source}\"",
    dm_duplicates: "{list} (a second row for a market already read; the first was kept)",
    dm_unmapped: "unmapped names ({n}), not stored; no market of goglobal's has these names:",
    dm_dry_run: "dry run: {n} values would be stored; nothing was stored",
    dm_stored: "stored {n} values for {markets} markets ({replaced} replaced earlier values); \
                estimate: false, source {source}, file {file}",
    gen_range: "--smes {n}: give a number from 1 to {max} (e.g. --smes 5000)",
    gen_added: "added {n} synthetic SMEs (ids {first}–{last}, seed {seed}) to {path} in \
                {seconds} s",
};

pub const VI: DataStrings = DataStrings {
    audit_actions: [
        "tạo",
        "sửa",
        "xóa",
        "khôi phục",
        "đổi giai đoạn",
        "nhập",
        "xóa DN mẫu",
    ],
    audit_entities: [
        "DN",
        "đánh giá",
        "việc kế hoạch",
        "thị trường mục tiêu",
        "nhu cầu",
    ],
    audit_readiness: "mức sẵn sàng {score} ({band}), người đánh giá {who}",
    audit_no_band: "chưa xếp mức",
    audit_created: "đã tạo {label}",
    audit_created_bare: "đã tạo",
    audit_demand: "{rows} giá trị, loại {kind}, sản phẩm {hs}, các năm {years}",
    none: "không có",
    dm_nothing_stored: "chưa lưu gì cả",
    dm_title: "Tệp ITC Trade Map {file}",
    dm_labels: [
        "định dạng",
        "báo cáo",
        "lưu thành",
        "sản phẩm",
        "đơn vị",
        "các năm",
        "chỉ số",
        "không lưu",
        "số dòng",
        "đối xứng",
        "trùng lặp",
    ],
    dm_formats: [
        "văn bản phân cách bằng TAB",
        "CSV",
        "trang HTML (bản tải \"Excel\" của Trade Map)",
    ],
    dm_meaning_imports: "nhập khẩu sản phẩm này của từng thị trường",
    dm_meaning_home: "xuất khẩu của Việt Nam sang từng thị trường (chỗ đứng hiện có)",
    dm_meaning_exporter: "xuất khẩu của {exporter} sang từng thị trường",
    dm_stored_as: "loại {kind}: {meaning}",
    dm_product: "{hs} {description} (lấy từ {from}){note}",
    dm_product_from: ["tiêu đề", "--hs", "tên tệp"],
    dm_all_products_note: "; chuỗi số liệu mọi sản phẩm chỉ để tham khảo: điểm của sản phẩm \
                           dùng chuỗi số liệu riêng của sản phẩm",
    dm_unit: "{unit} → lưu bằng USD",
    dm_unit_assumed: "nghìn đô la Mỹ (đơn vị của Trade Map; tệp không ghi)",
    dm_years_span: "{from}–{to} ({n} năm)",
    dm_ind_value: "giá trị theo năm",
    dm_ind_growth: "tăng trưởng bình quân năm {from}–{to} (%)",
    dm_ind_tariff: "thuế quan bình quân (%)",
    dm_rows: "đã đọc {n}: {mapped} thị trường khớp tên, bỏ qua {totals} dòng tổng, {home} dòng \
              Việt Nam (nước nhà), {unmapped} tên không khớp, {empty} dòng không có số liệu, \
              {duplicates} dòng trùng",
    dm_mirror: "số liệu của {n} thị trường là số liệu đối xứng (do đối tác báo cáo), lưu với \
                nguồn \"{source}\"",
    dm_duplicates: "{list} (dòng thứ hai của một thị trường đã đọc; giữ dòng đầu)",
    dm_unmapped: "các tên không khớp ({n}), không lưu; goglobal không có thị trường nào mang \
                  các tên này:",
    dm_dry_run: "chạy thử: sẽ lưu {n} giá trị; chưa lưu gì cả",
    dm_stored: "đã lưu {n} giá trị cho {markets} thị trường (thay {replaced} giá trị cũ); ước \
                tính: không (estimate: false), nguồn {source}, tệp {file}",
    gen_range: "--smes {n}: hãy nêu một số từ 1 đến {max} (ví dụ --smes 5000)",
    gen_added: "đã thêm {n} DN tổng hợp (mã {first}–{last}, hạt giống {seed}) vào {path} trong \
                {seconds} giây",
};

impl Catalog for DataStrings {
    fn of(lang: Lang) -> &'static DataStrings {
        get(lang)
    }
}

pub fn get(lang: Lang) -> &'static DataStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

/// A data-command message in both languages (for errors, shown by `main` in the reader's).
pub fn said(render: impl Fn(&'static DataStrings) -> String) -> crate::lang::Said {
    crate::lang::Said::render(render)
}

impl DataStrings {
    /// An audit action code in words (the code itself if unknown).
    pub fn action<'a>(&self, code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        let codes = EN.audit_actions;
        match codes.iter().position(|c| *c == code) {
            Some(i) => self.audit_actions[i],
            None => code,
        }
    }

    /// An audited record kind in words (the code itself if unknown).
    pub fn entity<'a>(&self, code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        let codes = EN.audit_entities;
        match codes.iter().position(|c| *c == code) {
            Some(i) => self.audit_entities[i],
            None => code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_words() {
        assert_eq!(VI.action("set_stage"), "đổi giai đoạn");
        assert_eq!(EN.action("set_stage"), "set_stage");
        assert_eq!(VI.action("merge"), "merge");
        assert_eq!(VI.entity("plan_item"), "việc kế hoạch");
    }
}
