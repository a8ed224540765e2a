//! Every sentence the store writes for a person, in both languages: validation and import
//! problems, refusals over another session's change, and the decision log. The store does not
//! know the reader's language, so it renders from both catalogs into a [`Said`]; the edge picks
//! one. Templates name their values (`{id}`), filled with [`crate::say`].

use serde::Serialize;

use super::sample_texts::demo_text;
use crate::lang::{Catalog, Lang, Said};
use crate::say;

#[derive(Debug, Serialize)]
pub struct StoreStrings {
    // Lookups.
    pub unknown_sme: &'static str,
    pub unknown_market: &'static str,
    pub unknown_hs: &'static str,
    pub unknown_provider: &'static str,
    pub unknown_plan_item: &'static str,
    pub bad_due: &'static str,
    pub empty_action: &'static str,
    pub drop_needs_reason: &'static str,
    pub no_products: &'static str,
    // SME records.
    pub tax_code_taken: &'static str,
    pub tax_code_taken_named: &'static str,
    pub taken_deleted_how: &'static str,
    pub taken_edit_how: &'static str,
    pub already_deleted: &'static str,
    pub not_deleted: &'static str,
    pub restore_tax_code_taken: &'static str,
    pub backup_exists: &'static str,
    // Conflicts.
    pub conflict: &'static str,
    pub conflict_deleted: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_yours: &'static str,
    pub conflict_reopen: &'static str,
    pub entity_sme: &'static str,
    pub entity_plan_item: &'static str,
    /// create, update, delete, restore, set_stage.
    pub actions: [&'static str; 5],
    pub empty_value: &'static str,
    pub no_values: &'static str,
    // The SME CSV and one-field edits.
    pub csv_empty_file: &'static str,
    pub csv_bad_header: &'static str,
    pub csv_empty: &'static str,
    pub csv_header_utf8: &'static str,
    pub csv_no_header: &'static str,
    pub csv_unknown_column: &'static str,
    pub csv_column_twice: &'static str,
    pub csv_column_missing: &'static str,
    pub csv_bad_row: &'static str,
    pub csv_row_too_long: &'static str,
    pub csv_cell_utf8: &'static str,
    pub csv_tax_code_in_db: &'static str,
    pub csv_tax_code_twice: &'static str,
    pub csv_no_rows: &'static str,
    pub csv_invalid_samples: &'static str,
    pub field_name_empty: &'static str,
    pub field_tax_code: &'static str,
    pub field_province: &'static str,
    pub field_sector_empty: &'static str,
    pub field_not_a: &'static str,
    pub expect_whole: &'static str,
    pub expect_amount: &'static str,
    pub expect_year: &'static str,
    pub field_not_number: &'static str,
    pub field_negative: &'static str,
    pub field_year: &'static str,
    pub field_experience: &'static str,
    pub field_market: &'static str,
    pub field_certification: &'static str,
    pub field_hs: &'static str,
    pub field_email: &'static str,
    pub field_unknown: &'static str,
    // `goglobal check`.
    pub check_integrity: &'static str,
    pub check_foreign_key: &'static str,
    pub check_province: &'static str,
    pub check_hs: &'static str,
    pub check_market: &'static str,
    pub check_certification: &'static str,
    // The decision log.
    pub log_stage: &'static str,
    pub log_score: &'static str,
    pub log_plan_added: &'static str,
    pub log_plan_due: &'static str,
    pub log_plan_changed: &'static str,
    pub log_status: &'static str,
    pub log_due: &'static str,
    pub log_no_date: &'static str,
    pub log_new: &'static str,
    pub why_matched: &'static str,
    /// candidate, shortlisted, engaged, first_shipment, established, dropped.
    pub stages: [&'static str; 6],
    /// todo, in_progress, done, cancelled.
    pub statuses: [&'static str; 4],
}

pub const EN: StoreStrings = StoreStrings {
    unknown_sme: "unknown SME id {id} (run `goglobal smes list` to see the ids)",
    unknown_market: "unknown market {code} (use an ISO3 code; run `goglobal markets` to list them)",
    unknown_hs: "unknown HS code {code} (use 2, 4 or 6 digits of HS 2022 or an 8-digit AHTN 2022 line)",
    unknown_provider: "unknown service provider {id} (see the Services tab or data/providers.csv for ids)",
    unknown_plan_item: "unknown plan item {id}",
    bad_due: "due date {date} is not a real date (use YYYY-MM-DD, e.g. 2027-03-31)",
    empty_action: "the action is empty (say what is to be done, e.g. --action \"Apply for HACCP\")",
    drop_needs_reason: "dropping a market needs a reason (e.g. --reason \"buyer chose another supplier\")",
    no_products: "SME {id} has no products: add one, or name the product (--product HS)",
    tax_code_taken: "tax_code: {tax_code} already belongs to SME {other} (one record per company)",
    tax_code_taken_named: "tax_code: {tax_code} already belongs to SME {id} \"{name}\" ({how})",
    taken_deleted_how: "it is deleted: restore it from the deleted SMEs instead",
    taken_edit_how: "edit that SME instead",
    already_deleted: "SME {id} is already deleted (`goglobal smes restore {id}` brings it back)",
    not_deleted: "SME {id} is not deleted",
    restore_tax_code_taken: "cannot restore SME {id}: its tax code {tax_code} now belongs to SME {other}",
    backup_exists: "{path}: already exists (choose a new file name)",
    conflict: "{entity} {id} \"{name}\" was changed by another session since you opened it \
               (you opened version {yours}, the database has version {current}); nothing was saved.",
    conflict_deleted: "{entity} {id} \"{name}\" was changed by another session and deleted it since \
                       you opened it (you opened version {yours}, the database has version \
                       {current}); nothing was saved.",
    conflict_theirs: "  {action} by {who} at {at}",
    conflict_yours: "  your change (not saved): {changes}",
    conflict_reopen: "Open it again (version {current}) and re-apply your change.",
    entity_sme: "SME",
    entity_plan_item: "plan item",
    actions: ["create", "update", "delete", "restore", "set_stage"],
    empty_value: "(empty)",
    no_values: "(none)",
    csv_empty_file: "{file}:1: empty file (expected a header row `{columns}` and one row per SME)",
    csv_bad_header: "{file}:1: cannot read the header: {error}",
    csv_empty: "{file}:1: empty file",
    csv_header_utf8: "{file}:1: header is not valid UTF-8 (save the file as CSV UTF-8)",
    csv_no_header: "{file}:1: missing header row (the first line must name the columns, e.g. `{columns}`)",
    csv_unknown_column: "{file}:1: {column}: unknown column (remove it; known columns: {columns})",
    csv_column_twice: "{file}:1: {column}: column appears twice (keep one)",
    csv_column_missing: "{file}:1: {column}: required column missing (add a `{column}` column)",
    csv_bad_row: "{file}:{line}: cannot read row: {error}",
    csv_row_too_long: "{file}:{line}: row has {fields} fields but the header has {columns} \
                       (quote cells that contain commas)",
    csv_cell_utf8: "{file}:{line}: {column}: not valid UTF-8 text (save the file as CSV UTF-8)",
    csv_tax_code_in_db: "{file}:{line}: tax_code: {tax_code} is already in the database \
                         (remove the row or edit that SME)",
    csv_tax_code_twice: "{file}:{line}: tax_code: {tax_code} also appears on line {first} \
                         (keep one row per SME)",
    csv_no_rows: "{file}:2: no SME rows after the header (add one row per SME)",
    csv_invalid_samples: "shipped sample data is invalid:",
    field_name_empty: "empty (every SME needs a name)",
    field_tax_code: "`{value}` is not a Vietnamese tax code (use 10 digits, or 13 digits with the \
                     branch suffix)",
    field_province: "`{value}` is not a province (use one of the 34 current provinces or a former name)",
    field_sector_empty: "empty (e.g. {examples})",
    field_not_a: "`{value}` is not {expected}",
    expect_whole: "a whole number ≥ 0",
    expect_amount: "an amount in US$ ≥ 0",
    expect_year: "a year such as 2015",
    field_not_number: "{value} is not a number (use an amount ≥ 0)",
    field_negative: "{value} is negative (use an amount ≥ 0)",
    field_year: "{value} is not a plausible year (e.g. 2015)",
    field_experience: "`{value}` is unknown (use none, indirect, occasional or regular)",
    field_market: "`{value}` is not a known market ISO3 code (e.g. USA, JPN, DEU; `goglobal markets` \
                   lists them)",
    field_certification: "`{value}` is not a known certification code (see data/certifications.csv, \
                          e.g. HACCP, HALAL)",
    field_hs: "`{value}` is not an HS 2022 code or an AHTN 2022 line (use 2, 4 or 6 digits of HS 2022, e.g. 090111 or 0901.11, or the 8 digits of the customs declaration, e.g. 03061721)",
    field_email: "`{value}` is not an e-mail address (e.g. name@company.vn)",
    field_unknown: "`{value}` is not an SME field (fields: {columns})",
    check_integrity: "integrity: {detail}",
    check_foreign_key: "foreign key: table {table} row {row} refers to a missing {parent}",
    check_province: "sme {id}: unknown province {value}",
    check_hs: "sme {id}: unknown HS code {value}",
    check_market: "sme {id}: unknown market {value}",
    check_certification: "sme {id}: unknown certification {value}",
    log_stage: "{market} (HS {hs}): {from} → {to}",
    log_score: ", score {score}",
    log_plan_added: "plan {market}: added \"{action}\" (owner {owner}{due})",
    log_plan_due: ", due {date}",
    log_plan_changed: "plan {market} \"{action}\": {changes}",
    log_status: "status {from} → {to}",
    log_due: "due {from} → {to}",
    log_no_date: "none",
    log_new: "new",
    why_matched: "shortlisted from the market match",
    stages: [
        "candidate",
        "shortlisted",
        "engaged",
        "first shipment",
        "established",
        "dropped",
    ],
    statuses: ["to do", "in progress", "done", "cancelled"],
};

pub const VI: StoreStrings = StoreStrings {
    unknown_sme: "không có DN mã {id} (chạy `goglobal smes list` để xem các mã)",
    unknown_market: "không có thị trường {code} (dùng mã ISO3; chạy `goglobal markets` để xem danh sách)",
    unknown_hs: "không có mã HS {code} (dùng 2, 4 hoặc 6 chữ số của HS 2022 hoặc dòng 8 số AHTN 2022)",
    unknown_provider: "không có nhà cung cấp dịch vụ {id} (xem thẻ Dịch vụ hoặc data/providers.csv để biết mã)",
    unknown_plan_item: "không có việc {id} trong kế hoạch",
    bad_due: "hạn {date} không phải ngày có thật (dùng YYYY-MM-DD, ví dụ 2027-03-31)",
    empty_action: "việc cần làm đang trống (ghi rõ việc gì, ví dụ --action \"Xin chứng nhận HACCP\")",
    drop_needs_reason: "bỏ một thị trường cần có lý do (ví dụ --reason \"người mua chọn nhà cung cấp khác\")",
    no_products: "DN {id} chưa có sản phẩm nào: thêm một sản phẩm, hoặc nêu sản phẩm (--product HS)",
    tax_code_taken: "tax_code: {tax_code} đã thuộc về DN {other} (mỗi công ty một hồ sơ)",
    tax_code_taken_named: "tax_code: {tax_code} đã thuộc về DN {id} \"{name}\" ({how})",
    taken_deleted_how: "DN đó đã bị xóa: hãy khôi phục nó từ danh sách DN đã xóa",
    taken_edit_how: "hãy sửa DN đó",
    already_deleted: "DN {id} đã bị xóa rồi (`goglobal smes restore {id}` sẽ khôi phục)",
    not_deleted: "DN {id} chưa bị xóa",
    restore_tax_code_taken: "không thể khôi phục DN {id}: mã số thuế {tax_code} của nó nay thuộc về DN {other}",
    backup_exists: "{path}: tệp đã tồn tại (hãy chọn tên tệp mới)",
    conflict: "{entity} {id} \"{name}\" đã được một phiên làm việc khác thay đổi từ khi bạn mở \
               (bạn mở phiên bản {yours}, cơ sở dữ liệu đang ở phiên bản {current}); chưa lưu gì cả.",
    conflict_deleted: "{entity} {id} \"{name}\" đã được một phiên làm việc khác thay đổi và xóa từ \
                       khi bạn mở (bạn mở phiên bản {yours}, cơ sở dữ liệu đang ở phiên bản \
                       {current}); chưa lưu gì cả.",
    conflict_theirs: "  {action} bởi {who} lúc {at}",
    conflict_yours: "  thay đổi của bạn (chưa lưu): {changes}",
    conflict_reopen: "Hãy mở lại (phiên bản {current}) rồi làm lại thay đổi của bạn.",
    entity_sme: "DN",
    entity_plan_item: "Việc trong kế hoạch",
    actions: ["tạo", "sửa", "xóa", "khôi phục", "đổi giai đoạn"],
    empty_value: "(trống)",
    no_values: "(không có)",
    csv_empty_file: "{file}:1: tệp trống (cần một dòng tiêu đề `{columns}` và mỗi DN một dòng)",
    csv_bad_header: "{file}:1: không đọc được dòng tiêu đề: {error}",
    csv_empty: "{file}:1: tệp trống",
    csv_header_utf8: "{file}:1: dòng tiêu đề không phải UTF-8 hợp lệ (hãy lưu tệp dạng CSV UTF-8)",
    csv_no_header: "{file}:1: thiếu dòng tiêu đề (dòng đầu phải ghi tên các cột, ví dụ `{columns}`)",
    csv_unknown_column: "{file}:1: {column}: cột không biết (hãy bỏ cột này; các cột hợp lệ: {columns})",
    csv_column_twice: "{file}:1: {column}: cột xuất hiện hai lần (giữ một cột)",
    csv_column_missing: "{file}:1: {column}: thiếu cột bắt buộc (thêm cột `{column}`)",
    csv_bad_row: "{file}:{line}: không đọc được dòng: {error}",
    csv_row_too_long: "{file}:{line}: dòng có {fields} ô nhưng tiêu đề có {columns} cột \
                       (đặt trong ngoặc kép những ô có dấu phẩy)",
    csv_cell_utf8: "{file}:{line}: {column}: không phải văn bản UTF-8 hợp lệ (hãy lưu tệp dạng CSV UTF-8)",
    csv_tax_code_in_db: "{file}:{line}: tax_code: {tax_code} đã có trong cơ sở dữ liệu \
                         (bỏ dòng này hoặc sửa DN đó)",
    csv_tax_code_twice: "{file}:{line}: tax_code: {tax_code} cũng có ở dòng {first} \
                         (mỗi DN chỉ một dòng)",
    csv_no_rows: "{file}:2: không có dòng DN nào sau tiêu đề (thêm mỗi DN một dòng)",
    csv_invalid_samples: "dữ liệu mẫu đi kèm chương trình không hợp lệ:",
    field_name_empty: "đang trống (DN nào cũng cần có tên)",
    field_tax_code: "`{value}` không phải mã số thuế Việt Nam (dùng 10 chữ số, hoặc 13 chữ số kèm \
                     mã chi nhánh)",
    field_province: "`{value}` không phải tỉnh, thành (dùng một trong 34 tỉnh, thành hiện nay hoặc tên cũ)",
    field_sector_empty: "đang trống (ví dụ {examples})",
    field_not_a: "`{value}` không phải {expected}",
    expect_whole: "số nguyên ≥ 0",
    expect_amount: "số tiền USD ≥ 0",
    expect_year: "một năm, ví dụ 2015",
    field_not_number: "{value} không phải một số (dùng số tiền ≥ 0)",
    field_negative: "{value} là số âm (dùng số tiền ≥ 0)",
    field_year: "{value} không phải năm hợp lý (ví dụ 2015)",
    field_experience: "`{value}` không hợp lệ (dùng none, indirect, occasional hoặc regular)",
    field_market: "`{value}` không phải mã ISO3 của thị trường nào (ví dụ USA, JPN, DEU; \
                   `goglobal markets` liệt kê các mã)",
    field_certification: "`{value}` không phải mã chứng nhận đã biết (xem data/certifications.csv, \
                          ví dụ HACCP, HALAL)",
    field_hs: "`{value}` không phải mã HS 2022 hay dòng AHTN 2022 (dùng 2, 4 hoặc 6 chữ số HS 2022, ví dụ 090111 hoặc 0901.11, hoặc 8 chữ số trên tờ khai hải quan, ví dụ 03061721)",
    field_email: "`{value}` không phải địa chỉ thư điện tử (ví dụ ten@congty.vn)",
    field_unknown: "`{value}` không phải trường của DN (các trường: {columns})",
    check_integrity: "toàn vẹn: {detail}",
    check_foreign_key: "khóa ngoại: bảng {table} dòng {row} trỏ tới {parent} không còn tồn tại",
    check_province: "DN {id}: không có tỉnh, thành {value}",
    check_hs: "DN {id}: không có mã HS {value}",
    check_market: "DN {id}: không có thị trường {value}",
    check_certification: "DN {id}: không có chứng nhận {value}",
    log_stage: "{market} (HS {hs}): {from} → {to}",
    log_score: ", điểm {score}",
    log_plan_added: "kế hoạch {market}: thêm \"{action}\" (phụ trách {owner}{due})",
    log_plan_due: ", hạn {date}",
    log_plan_changed: "kế hoạch {market} \"{action}\": {changes}",
    log_status: "trạng thái {from} → {to}",
    log_due: "hạn {from} → {to}",
    log_no_date: "chưa có",
    log_new: "mới",
    why_matched: "chọn vào danh sách từ kết quả khớp thị trường",
    stages: [
        "ứng viên",
        "đã chọn",
        "đang tiếp xúc",
        "lô hàng đầu tiên",
        "đã ổn định",
        "đã bỏ",
    ],
    statuses: ["cần làm", "đang làm", "xong", "đã hủy"],
};

impl Catalog for StoreStrings {
    fn of(lang: Lang) -> &'static StoreStrings {
        get(lang)
    }
}

pub fn get(lang: Lang) -> &'static StoreStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

/// A store message in both languages: `render` fills one catalog's template.
pub fn said(render: impl Fn(&'static StoreStrings) -> String) -> Said {
    Said::render(render)
}

impl StoreStrings {
    /// The name of a conflicting record's kind (`SME`, `plan item`).
    pub fn entity<'a>(&self, entity: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match entity {
            "SME" | "sme" => self.entity_sme,
            "plan item" | "plan_item" => self.entity_plan_item,
            other => other,
        }
    }

    /// An audit action code in words.
    pub fn action<'a>(&self, code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match code {
            "create" => self.actions[0],
            "update" => self.actions[1],
            "delete" => self.actions[2],
            "restore" => self.actions[3],
            "set_stage" => self.actions[4],
            other => other,
        }
    }

    /// A stage code in words (the code itself if unknown).
    pub fn stage<'a>(&self, code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match crate::domain::Stage::ALL
            .iter()
            .position(|s| s.code() == code)
        {
            Some(i) => self.stages[i],
            None if code == "new" => self.log_new,
            None => code,
        }
    }

    /// A plan status code in words (the code itself if unknown).
    pub fn status<'a>(&self, code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match crate::domain::PlanStatus::ALL
            .iter()
            .position(|s| s.code() == code)
        {
            Some(i) => self.statuses[i],
            None => code,
        }
    }

    /// What a decision changed, as a sentence of this language.
    pub fn decision(&self, fact: &crate::domain::DecisionFact) -> String {
        use crate::domain::DecisionFact;
        match fact {
            DecisionFact::Stage {
                market,
                hs,
                from,
                to,
                score,
                ..
            } => {
                let mut out = say!(
                    self.log_stage,
                    market = market,
                    hs = hs,
                    from = self.stage(from.as_deref().unwrap_or("new")),
                    to = self.stage(to)
                );
                if let Some(score) = score {
                    out.push_str(&say!(
                        self.log_score,
                        score = crate::lang::number(self.lang(), *score, 1)
                    ));
                }
                out
            }
            DecisionFact::PlanAdded {
                market,
                action,
                owner,
                due,
            } => {
                let due = due
                    .as_deref()
                    .map(|d| say!(self.log_plan_due, date = d))
                    .unwrap_or_default();
                say!(
                    self.log_plan_added,
                    market = market,
                    action = demo_text(self.lang(), action),
                    owner = owner,
                    due = due
                )
            }
            DecisionFact::PlanChanged {
                market,
                action,
                status,
                due,
            } => {
                let mut parts = Vec::new();
                if let Some((from, to)) = status {
                    parts.push(say!(
                        self.log_status,
                        from = self.status(from),
                        to = self.status(to)
                    ));
                }
                if let Some((from, to)) = due {
                    let show = |d: &Option<String>| d.clone().unwrap_or(self.log_no_date.into());
                    parts.push(say!(self.log_due, from = show(from), to = show(to)));
                }
                say!(
                    self.log_plan_changed,
                    market = market,
                    action = demo_text(self.lang(), action),
                    changes = parts.join(", ")
                )
            }
            DecisionFact::Note { text } => text.clone(),
        }
    }

    /// Why, in the advisor's words, or the reason that goes without saying.
    pub fn why(&self, d: &crate::domain::Decision) -> String {
        match &d.fact {
            crate::domain::DecisionFact::Stage {
                from_match: true, ..
            } if d.why.is_empty() => self.why_matched.to_string(),
            // The demo pipeline's whys follow the reader; an advisor's own stay as written.
            _ => demo_text(self.lang(), &d.why).to_string(),
        }
    }

    /// The language of this catalog.
    fn lang(&self) -> Lang {
        if std::ptr::eq(self, &VI) {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}
