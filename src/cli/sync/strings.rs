//! Every sentence `goglobal sync …` and `stats --by site` print for a person, in both
//! languages (JSON output stays as it is). Templates name their values, filled with `say!`.

use serde::Serialize;

use crate::lang::{Catalog, Lang};

#[derive(Debug, Serialize)]
pub struct SyncCliStrings {
    // sync id, name.
    pub id_line: &'static str,
    pub no_name: &'static str,
    pub name_empty: &'static str,
    pub named: &'static str,
    // sync sites.
    pub col_site_id: &'static str,
    pub col_name: &'static str,
    pub col_status: &'static str,
    pub col_last_in: &'static str,
    pub col_last_out: &'static str,
    pub col_changes: &'static str,
    pub this_site: &'static str,
    pub trusted: &'static str,
    pub untrusted: &'static str,
    pub changes_held: &'static str,
    pub waiting: &'static str,
    pub sites_count: &'static str,
    // sync trust.
    pub not_a_site_id: &'static str,
    pub now_trusted: &'static str,
    // sync export, import.
    pub exported: &'static str,
    pub exported_site: &'static str,
    pub cannot_read: &'static str,
    pub imported: &'static str,
    pub see_conflicts: &'static str,
    // sync conflicts, resolve.
    pub conflict_line: &'static str,
    pub conflict_from: &'static str,
    pub conflict_resolved: &'static str,
    pub whole_row: &'static str,
    pub empty_value: &'static str,
    pub conflicts_count: &'static str,
    pub resolved: &'static str,
    // stats --by site.
    pub stats_site: &'static str,
    pub stats_smes: &'static str,
    pub stats_assessed: &'static str,
    pub stats_pipeline: &'static str,
    pub stats_exporting: &'static str,
    pub stats_open_items: &'static str,
    pub stats_last_change: &'static str,
    pub stats_demo: &'static str,
}

pub const EN: SyncCliStrings = SyncCliStrings {
    id_line: "site {site} · {name}",
    no_name: "(no name yet: `goglobal sync name NAME`)",
    name_empty: "the site name is empty (e.g. `goglobal sync name \"Văn phòng chương trình\"`)",
    named: "this site is now called {name}",
    col_site_id: "site id",
    col_name: "name",
    col_status: "status",
    col_last_in: "last package in",
    col_last_out: "last package out",
    col_changes: "changes",
    this_site: "this site",
    trusted: "trusted",
    untrusted: "not trusted",
    changes_held: "{n} (up to #{seq})",
    waiting: "{n} waiting for earlier changes",
    sites_count: "{n} sites",
    not_a_site_id: "{text} is not a site id (32 hexadecimal digits; `goglobal sync id` prints it \
                    at that site)",
    now_trusted: "packages from site {site} are accepted here",
    exported: "wrote {file} ({n} changesets)",
    exported_site: "  {site} {name}: #{from}–#{to} ({n})",
    cannot_read: "{path}: cannot read the package: {error}",
    imported: "imported {file} from {name} ({site}): {applied} applied, {skipped} already here, \
               {waiting} waiting for earlier changes, {conflicts} new conflicts",
    see_conflicts: "see them with `goglobal sync conflicts` or on the dashboard (key y)",
    conflict_line: "{id}  {sme} · {field}: mine {mine} · theirs {theirs}",
    conflict_from: "      from {site}, {who}, {at}",
    conflict_resolved: "      resolved by {who} at {at}: kept {kept}",
    whole_row: "deleted against an edit",
    empty_value: "(empty)",
    conflicts_count: "{n} conflicts",
    resolved: "conflict {id} resolved: {field} keeps {value}",
    stats_site: "site",
    stats_smes: "SMEs",
    stats_assessed: "assessed",
    stats_pipeline: "pipeline",
    stats_exporting: "exporting",
    stats_open_items: "open items",
    stats_last_change: "last change",
    stats_demo: "demo SMEs",
};

pub const VI: SyncCliStrings = SyncCliStrings {
    id_line: "trạm {site} · {name}",
    no_name: "(chưa đặt tên: `goglobal sync name TÊN`)",
    name_empty: "tên trạm đang để trống (ví dụ `goglobal sync name \"Văn phòng chương trình\"`)",
    named: "trạm này giờ mang tên {name}",
    col_site_id: "mã trạm",
    col_name: "tên",
    col_status: "trạng thái",
    col_last_in: "gói nhận gần nhất",
    col_last_out: "gói gửi gần nhất",
    col_changes: "thay đổi",
    this_site: "trạm này",
    trusted: "tin cậy",
    untrusted: "chưa tin cậy",
    changes_held: "{n} (tới #{seq})",
    waiting: "{n} đang chờ các thay đổi trước đó",
    sites_count: "{n} trạm",
    not_a_site_id: "{text} không phải mã trạm (32 chữ số thập lục phân; `goglobal sync id` in mã \
                    đó ở trạm kia)",
    now_trusted: "từ nay trạm này nhận các gói từ trạm {site}",
    exported: "đã ghi {file} ({n} tập thay đổi)",
    exported_site: "  {site} {name}: #{from}–#{to} ({n})",
    cannot_read: "{path}: không đọc được gói: {error}",
    imported: "đã nhập {file} từ {name} ({site}): áp dụng {applied}, đã có sẵn {skipped}, chờ thay \
               đổi trước đó {waiting}, xung đột mới {conflicts}",
    see_conflicts: "xem chúng bằng `goglobal sync conflicts` hoặc trên bảng điều khiển (phím y)",
    conflict_line: "{id}  {sme} · {field}: của tôi {mine} · của họ {theirs}",
    conflict_from: "      từ {site}, {who}, {at}",
    conflict_resolved: "      {who} đã xử lý lúc {at}: giữ {kept}",
    whole_row: "bị xóa trong khi trạm kia sửa",
    empty_value: "(trống)",
    conflicts_count: "{n} xung đột",
    resolved: "đã xử lý xung đột {id}: {field} giữ {value}",
    stats_site: "trạm",
    stats_smes: "DN",
    stats_assessed: "đã đánh giá",
    stats_pipeline: "đang theo",
    stats_exporting: "đã xuất khẩu",
    stats_open_items: "việc còn mở",
    stats_last_change: "thay đổi gần nhất",
    stats_demo: "DN mẫu",
};

impl Catalog for SyncCliStrings {
    fn of(lang: Lang) -> &'static SyncCliStrings {
        get(lang)
    }
}

pub fn get(lang: Lang) -> &'static SyncCliStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}
