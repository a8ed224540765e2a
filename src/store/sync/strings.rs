//! Every message of the sync store (refused packages, exports, conflicts) in both languages.
//! They are built where the reader's language is unknown, so each is rendered from both
//! catalogs into a [`Said`] and the edge (CLI, dashboard) shows the reader's half.

use serde::Serialize;

use crate::lang::{Catalog, Lang, Said};

#[derive(Debug, Serialize)]
pub struct SyncErrors {
    pub unknown_peer: &'static str,
    pub not_a_file_name: &'static str,
    pub cannot_write: &'static str,
    pub own_package: &'static str,
    pub untrusted: &'static str,
    pub no_name: &'static str,
    pub unreadable_changeset: &'static str,
    pub unsynced_table: &'static str,
    pub unknown_version: &'static str,
    pub signed_no_key: &'static str,
    pub unsigned: &'static str,
    pub not_a_package: &'static str,
    pub damaged: &'static str,
    pub no_header: &'static str,
    pub bad_header: &'static str,
    pub short_changeset: &'static str,
    pub trailing_bytes: &'static str,
    pub bad_signature: &'static str,
    pub bad_checksum: &'static str,
    pub truncated: &'static str,
    pub bad_compression: &'static str,
    pub no_such_conflict: &'static str,
    pub already_resolved: &'static str,
    pub no_such_column: &'static str,
}

pub const EN: SyncErrors = SyncErrors {
    unknown_peer: "--for {peer}: no such site here (`goglobal sync sites` lists the sites this \
                   database knows; a site becomes known when one of its packages is imported)",
    not_a_file_name: "{path}: not a file name",
    cannot_write: "{path}: cannot write the package ({error})",
    own_package: "{what}: this package was exported by this database itself; import it at another \
                  site",
    untrusted: "{what}: package from site {site} ({name}) which this database does not trust; if \
                you know that site, run `goglobal sync trust {site}` or import with --trust; \
                nothing was imported",
    no_name: "no name",
    unreadable_changeset: "{what}: changeset {origin}#{seq} is not readable; nothing was imported",
    unsynced_table: "{what}: changeset {origin}#{seq} changes table {table}, which is not synced; \
                     nothing was imported",
    unknown_version: "{what}: package format version {version} is unknown (this goglobal reads \
                      version {known}); update goglobal at this site, or export the package again \
                      with the same goglobal version; nothing was imported",
    signed_no_key: "{what}: the package is signed but no shared key is set here; put the team's \
                    key in config.toml ([sync] key = \"…\"); nothing was imported",
    unsigned: "{what}: the package is not signed, but this site requires the team's shared key; \
               export it again at a site that has the key; nothing was imported",
    not_a_package: "{what}: not a goglobal sync package (it should start with \"{magic}\"); \
                    nothing was imported",
    damaged: "{what}: damaged package: {why}; ask the sender to export it again; nothing was \
              imported",
    no_header: "the header line is missing",
    bad_header: "the header is not readable ({error})",
    short_changeset: "a changeset is shorter than its header says",
    trailing_bytes: "bytes follow the last changeset",
    bad_signature: "the signature does not match (altered, or signed with another key)",
    bad_checksum: "the checksum does not match (the file was altered or damaged)",
    truncated: "the checksum line at the end is missing (the file is truncated)",
    bad_compression: "the compressed changesets are not readable",
    no_such_conflict: "conflict {id}: no such conflict here (`goglobal sync conflicts` lists them)",
    already_resolved: "conflict {id} was already resolved by {who} at {at}",
    no_such_column: "conflict {id}: table {table} has no column {field}",
};

pub const VI: SyncErrors = SyncErrors {
    unknown_peer: "--for {peer}: không có trạm này ở đây (`goglobal sync sites` liệt kê các trạm \
                   mà cơ sở dữ liệu này biết; một trạm được biết đến khi nhập một gói của trạm đó)",
    not_a_file_name: "{path}: không phải tên tệp",
    cannot_write: "{path}: không ghi được gói ({error})",
    own_package: "{what}: gói này do chính cơ sở dữ liệu này xuất ra; hãy nhập nó ở một trạm khác",
    untrusted: "{what}: gói từ trạm {site} ({name}) mà cơ sở dữ liệu này chưa tin cậy; nếu bạn \
                biết trạm đó, hãy chạy `goglobal sync trust {site}` hoặc nhập với --trust; chưa \
                nhập gì cả",
    no_name: "chưa đặt tên",
    unreadable_changeset: "{what}: không đọc được tập thay đổi {origin}#{seq}; chưa nhập gì cả",
    unsynced_table: "{what}: tập thay đổi {origin}#{seq} sửa bảng {table}, là bảng không đồng \
                     bộ; chưa nhập gì cả",
    unknown_version: "{what}: không rõ phiên bản định dạng gói {version} (goglobal này đọc phiên \
                      bản {known}); hãy cập nhật goglobal ở trạm này, hoặc xuất lại gói bằng cùng \
                      phiên bản goglobal; chưa nhập gì cả",
    signed_no_key: "{what}: gói có chữ ký nhưng ở đây chưa đặt khóa chung; hãy ghi khóa của nhóm \
                    vào config.toml ([sync] key = \"…\"); chưa nhập gì cả",
    unsigned: "{what}: gói không có chữ ký, nhưng trạm này đòi khóa chung của nhóm; hãy xuất lại \
               ở một trạm có khóa; chưa nhập gì cả",
    not_a_package: "{what}: không phải gói đồng bộ của goglobal (dòng đầu phải là \"{magic}\"); \
                    chưa nhập gì cả",
    damaged: "{what}: gói bị hỏng: {why}; hãy nhờ người gửi xuất lại; chưa nhập gì cả",
    no_header: "thiếu dòng tiêu đề",
    bad_header: "không đọc được tiêu đề ({error})",
    short_changeset: "một tập thay đổi ngắn hơn độ dài ghi ở tiêu đề",
    trailing_bytes: "còn dữ liệu thừa sau tập thay đổi cuối cùng",
    bad_signature: "chữ ký không khớp (gói bị sửa, hoặc ký bằng khóa khác)",
    bad_checksum: "mã kiểm tra không khớp (tệp đã bị sửa hoặc hỏng)",
    truncated: "thiếu dòng mã kiểm tra ở cuối (tệp bị cắt cụt)",
    bad_compression: "không giải nén được các tập thay đổi",
    no_such_conflict: "xung đột {id}: không có ở đây (`goglobal sync conflicts` liệt kê các xung \
                       đột)",
    already_resolved: "xung đột {id} đã được {who} xử lý lúc {at}",
    no_such_column: "xung đột {id}: bảng {table} không có cột {field}",
};

impl Catalog for SyncErrors {
    fn of(lang: Lang) -> &'static SyncErrors {
        match lang {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }
}

/// A sync message in both languages.
pub fn said(render: impl Fn(&'static SyncErrors) -> String) -> Said {
    Said::render(render)
}
