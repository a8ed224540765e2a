//! The messages of the layers below the command line, in both languages: a file or database
//! that cannot be used, `config.toml` and its time zone, `--weights`, and who the program's own
//! writers are in the audit trail. These are built where the reader's language is not known
//! yet (a config error comes before the config says the language), so they are rendered from
//! both catalogs into a [`Said`] and the edge shows the reader's half: `--lang` or
//! `GOGLOBAL_LANG` when given, else the config's language, else Vietnamese.

use serde::Serialize;

use crate::lang::{Catalog, Lang, Said};

#[derive(Debug, Serialize)]
pub struct MessageStrings {
    // Writers of the audit trail.
    /// Who wrote the demo portfolio.
    pub who_samples: &'static str,
    /// Who wrote a synthetic portfolio (`{who}` ran `goglobal gen`).
    pub who_gen: &'static str,
    // Files and databases.
    pub stdout: &'static str,
    /// cannot write, cannot use, cannot create the backup, cannot read, cannot create the
    /// folder.
    pub path_actions: [&'static str; 5],
    pub io_not_found: &'static str,
    pub io_permission: &'static str,
    pub io_is_dir: &'static str,
    pub io_not_dir: &'static str,
    pub io_disk_full: &'static str,
    pub io_read_only_fs: &'static str,
    pub io_exists: &'static str,
    pub db_is_folder: &'static str,
    pub db_not_a_database: &'static str,
    pub db_corrupt: &'static str,
    pub db_cannot_open: &'static str,
    pub db_read_only: &'static str,
    pub db_io: &'static str,
    pub db_newer: &'static str,
    pub db_busy: &'static str,
    // config.toml.
    pub cfg_built_in: &'static str,
    pub cfg_not_found: &'static str,
    pub cfg_unknown_key: &'static str,
    pub cfg_bad_type: &'static str,
    pub cfg_not_toml: &'static str,
    pub cfg_unknown_component: &'static str,
    pub cfg_bad_weight: &'static str,
    pub cfg_unknown_domain: &'static str,
    pub cfg_bad_readiness_weight: &'static str,
    pub cfg_bounds: &'static str,
    pub cfg_governance: &'static str,
    pub cfg_preset_bonus: &'static str,
    pub cfg_points: &'static str,
    pub cfg_min_coverage: &'static str,
    pub cfg_access: &'static str,
    pub cfg_segment: &'static str,
    pub cfg_theme: &'static str,
    pub cfg_language: &'static str,
    pub zone_unknown: &'static str,
    // --weights.
    pub weights_example: &'static str,
    pub weights_syntax: &'static str,
    pub weights_unknown: &'static str,
    pub weights_not_number: &'static str,
    pub weights_not_finite: &'static str,
    pub weights_negative: &'static str,
    pub weights_none: &'static str,
    pub preset_unknown: &'static str,
    pub weights_all_zero: &'static str,
    // The answers file of `goglobal assess` (its reading errors: cli::strings_assess).
    pub ans_not_toml: &'static str,
    pub ans_not_table: &'static str,
    pub ans_unknown_key: &'static str,
    pub ans_no_answers: &'static str,
    pub ans_empty: &'static str,
    pub ans_unknown_item: &'static str,
    pub ans_twice: &'static str,
    pub ans_value: &'static str,
    pub ans_outside: &'static str,
    pub ans_not_whole: &'static str,
    pub ans_text: &'static str,
    pub ans_note_twice: &'static str,
    pub ans_note_not_text: &'static str,
    /// TOML's kinds of value: string, integer, float, boolean, datetime, array, table.
    pub toml_types: [&'static str; 7],
}

pub const EN: MessageStrings = MessageStrings {
    who_samples: "goglobal (sample data)",
    who_gen: "{who} (goglobal gen)",
    stdout: "standard output",
    path_actions: [
        "cannot write",
        "cannot use",
        "cannot create the backup",
        "cannot read",
        "cannot create the folder",
    ],
    io_not_found: "no such file or folder (check the path; create the folder first)",
    io_permission: "permission denied (check the permissions of the file and its folder)",
    io_is_dir: "this is a folder (give a file name)",
    io_not_dir: "a part of the path is a file, not a folder (check the path)",
    io_disk_full: "the disk is full (free some space and try again)",
    io_read_only_fs: "the file system is read-only (choose another place)",
    io_exists: "already exists (choose a new name)",
    db_is_folder: "is a folder, not a database file (give a file path, e.g. --db goglobal.db)",
    db_not_a_database: "not a goglobal database: the file is not SQLite (check the --db path, or \
                        move the file away)",
    db_corrupt: "the database file is damaged (restore a backup)",
    db_cannot_open: "cannot open the database (the path must be a file in an existing folder \
                     you can write to)",
    db_read_only: "the database is read-only (goglobal writes to it: give write permission to \
                   the file and its folder)",
    db_io: "input/output error while reading or writing the file (check the disk)",
    db_newer: "database schema version {current} is newer than this goglobal supports \
               ({target}); use a newer goglobal",
    db_busy: "another session has been writing to the database for too long ({error}); nothing \
              was saved, try again in a moment",
    cfg_built_in: "config.toml (built-in)",
    cfg_not_found: "{path}: config file not found (check the --config path)",
    cfg_unknown_key: "{at}: unknown key `{key}` (use one of: {known}; see the shipped config.toml \
                      for every key and its type)",
    cfg_bad_type: "{at}: invalid type: {found}, expected {expected} (see the shipped config.toml \
                   for every key and its type)",
    cfg_not_toml: "{at}: {detail} (see the shipped config.toml for every key and its type)",
    cfg_unknown_component: "unknown component `{key}` in {set} (use one of: {list})",
    cfg_bad_weight: "weight `{key}` in {set} is {value}; weights must be zero or positive",
    cfg_unknown_domain: "unknown readiness domain `{key}` (use A to F)",
    cfg_bad_readiness_weight: "readiness weight `{key}` is {value}; use zero or more",
    cfg_bounds: "bounds for `{key}` must be positive with the floor below the ceiling",
    cfg_governance: "governance_floor must be below governance_ceiling",
    cfg_preset_bonus: "`priority_region_bonus` of preset {name} is {value}; give points as zero \
                       or more",
    cfg_points: "`{key}` is {value}; give points as zero or more (penalties are subtracted)",
    cfg_min_coverage: "`min_coverage` is {value}; use a share from 0 to 1 (e.g. 0.6)",
    cfg_access: "access score `{key}` is {value}; use a score from 0 to 100",
    cfg_segment: "unknown priority segment `{segment}` (use {list})",
    cfg_theme: "unknown theme `{theme}` (use dark, light or high-contrast)",
    cfg_language: "unknown language `{language}` (use vi or en)",
    zone_unknown: "unknown time zone `{name}` (use an IANA name such as Asia/Ho_Chi_Minh, `local` \
                   for the computer's zone, or an offset such as +07:00)",
    weights_example: "e.g. --weights size=30,distance=5",
    weights_syntax: "--weights: `{item}` is not NAME=NUMBER ({example})",
    weights_unknown: "--weights: unknown component `{name}` (use {list}; {example})",
    weights_not_number: "--weights: `{value}` for {name} is not a number ({example})",
    weights_not_finite: "--weights: {name}={value} is not a number; give a finite weight ≥ 0 \
                         ({example})",
    weights_negative: "--weights: {name}={value} is negative; weights must be zero or positive \
                       ({example})",
    weights_none: "--weights: no weight given ({example})",
    preset_unknown: "unknown preset `{name}` (use one of: {list}; presets live in config.toml \
                     [matching.presets])",
    weights_all_zero: "every component weight is zero: give at least one a positive weight \
                       (e.g. --weights size=30)",
    ans_not_toml: "{at}: not valid TOML: {detail} (write `[answers]` then one `A1 = 3` line per \
                   item)",
    ans_not_table: "{at}: `{name}` is not a table (found {found}; write `[{name}]` on its own \
                    line)",
    ans_unknown_key: "{at}: unknown key or table `{key}` (the file holds an [answers] table and an \
                      optional [notes] table)",
    ans_no_answers: "{at}: no [answers] table (write `[answers]` then one `ITEM_ID = 0..4` line \
                     per item, e.g. `A1 = 3`)",
    ans_empty: "{at}: [answers] is empty (answer at least one item, e.g. `A1 = 3`)",
    ans_unknown_item: "{at}: unknown item `{key}` (the items are {items})",
    ans_twice: "{at}: {id} is answered twice (also on line {first}; keep one)",
    ans_value: "{at}: {id} = {what} (use 0 = \"{low}\" … 4 = \"{high}\")",
    ans_outside: "{value} is outside 0–4",
    ans_not_whole: "{value}: the answer must be a whole number from 0 to 4",
    ans_text: "\"{text}\" is text: write the number without quotes, `{n}`",
    ans_note_twice: "{at}: the note for {id} is given twice (keep one)",
    ans_note_not_text: "{at}: the note for {id} is not text (found {found}; write it in quotes)",
    toml_types: [
        "string", "integer", "float", "boolean", "datetime", "array", "table",
    ],
};

pub const VI: MessageStrings = MessageStrings {
    who_samples: "goglobal (dữ liệu mẫu)",
    who_gen: "{who} (goglobal gen, dữ liệu tổng hợp)",
    stdout: "đầu ra chuẩn",
    path_actions: [
        "không ghi được",
        "không dùng được",
        "không tạo được bản sao lưu",
        "không đọc được",
        "không tạo được thư mục",
    ],
    io_not_found: "không có tệp hay thư mục này (kiểm tra đường dẫn; tạo thư mục trước)",
    io_permission: "không có quyền truy cập (kiểm tra quyền của tệp và thư mục chứa nó)",
    io_is_dir: "đây là một thư mục (hãy nêu tên một tệp)",
    io_not_dir: "một phần của đường dẫn là tệp, không phải thư mục (kiểm tra đường dẫn)",
    io_disk_full: "ổ đĩa đã đầy (giải phóng bớt dung lượng rồi thử lại)",
    io_read_only_fs: "hệ thống tệp chỉ cho phép đọc (hãy chọn nơi khác)",
    io_exists: "đã có rồi (hãy chọn tên mới)",
    db_is_folder: "là một thư mục, không phải tệp cơ sở dữ liệu (hãy nêu đường dẫn tới một tệp, \
                   ví dụ --db goglobal.db)",
    db_not_a_database: "không phải cơ sở dữ liệu goglobal: tệp không phải SQLite (kiểm tra đường \
                        dẫn --db, hoặc chuyển tệp này đi chỗ khác)",
    db_corrupt: "tệp cơ sở dữ liệu bị hỏng (hãy khôi phục từ bản sao lưu)",
    db_cannot_open: "không mở được cơ sở dữ liệu (đường dẫn phải là một tệp trong thư mục có sẵn \
                     mà bạn có quyền ghi)",
    db_read_only: "cơ sở dữ liệu chỉ cho phép đọc (goglobal cần ghi vào đó: hãy cấp quyền ghi cho \
                   tệp và thư mục chứa nó)",
    db_io: "lỗi vào/ra khi đọc hoặc ghi tệp (kiểm tra ổ đĩa)",
    db_newer: "cơ sở dữ liệu có phiên bản lược đồ {current}, mới hơn mức goglobal này hỗ trợ \
               ({target}); hãy dùng goglobal mới hơn",
    db_busy: "một phiên làm việc khác đang ghi vào cơ sở dữ liệu quá lâu ({error}); chưa lưu gì \
              cả, hãy thử lại sau giây lát",
    cfg_built_in: "config.toml (cài sẵn)",
    cfg_not_found: "{path}: không tìm thấy tệp cấu hình (kiểm tra đường dẫn --config)",
    cfg_unknown_key: "{at}: không có khóa `{key}` (dùng một trong: {known}; xem tệp config.toml \
                      đi kèm để biết mọi khóa và kiểu giá trị của chúng)",
    cfg_bad_type: "{at}: sai kiểu giá trị: có {found}, cần {expected} (xem tệp config.toml đi kèm \
                   để biết mọi khóa và kiểu giá trị của chúng)",
    cfg_not_toml: "{at}: tệp không đúng cú pháp TOML ({detail}; xem tệp config.toml đi kèm để biết \
                   mọi khóa và kiểu giá trị của chúng)",
    cfg_unknown_component: "không có thành phần `{key}` trong {set} (dùng một trong: {list})",
    cfg_bad_weight: "trọng số `{key}` trong {set} là {value}; trọng số phải bằng 0 hoặc dương",
    cfg_unknown_domain: "không có lĩnh vực sẵn sàng `{key}` (dùng A đến F)",
    cfg_bad_readiness_weight: "trọng số sẵn sàng `{key}` là {value}; hãy dùng số từ 0 trở lên",
    cfg_bounds: "giới hạn của `{key}` phải dương, với mức sàn thấp hơn mức trần",
    cfg_governance: "governance_floor phải thấp hơn governance_ceiling",
    cfg_preset_bonus: "`priority_region_bonus` của bộ trọng số {name} là {value}; hãy cho số \
                       điểm từ 0 trở lên",
    cfg_points: "`{key}` là {value}; hãy cho số điểm từ 0 trở lên (điểm phạt được trừ đi)",
    cfg_min_coverage: "`min_coverage` là {value}; hãy dùng một tỷ lệ từ 0 đến 1 (ví dụ 0.6)",
    cfg_access: "điểm tiếp cận `{key}` là {value}; hãy dùng điểm từ 0 đến 100",
    cfg_segment: "không có nhóm ưu tiên `{segment}` (dùng {list})",
    cfg_theme: "không có giao diện màu `{theme}` (dùng dark, light hoặc high-contrast)",
    cfg_language: "không có ngôn ngữ `{language}` (dùng vi hoặc en)",
    zone_unknown: "không có múi giờ `{name}` (dùng tên IANA như Asia/Ho_Chi_Minh, `local` cho múi \
                   giờ của máy, hoặc độ lệch như +07:00)",
    weights_example: "ví dụ --weights size=30,distance=5",
    weights_syntax: "--weights: `{item}` không có dạng TÊN=SỐ ({example})",
    weights_unknown: "--weights: không có thành phần `{name}` (dùng {list}; {example})",
    weights_not_number: "--weights: `{value}` của {name} không phải là số ({example})",
    weights_not_finite: "--weights: {name}={value} không phải là số; hãy cho một trọng số hữu hạn \
                         ≥ 0 ({example})",
    weights_negative: "--weights: {name}={value} là số âm; trọng số phải bằng 0 hoặc dương \
                       ({example})",
    weights_none: "--weights: chưa cho trọng số nào ({example})",
    preset_unknown: "không có bộ trọng số `{name}` (dùng một trong: {list}; các bộ trọng số nằm \
                     trong config.toml [matching.presets])",
    weights_all_zero: "mọi trọng số thành phần đều bằng 0: hãy cho ít nhất một thành phần trọng số \
                       dương (ví dụ --weights size=30)",
    ans_not_toml: "{at}: không đúng cú pháp TOML: {detail} (viết `[answers]` rồi mỗi câu một dòng \
                   như `A1 = 3`)",
    ans_not_table: "{at}: `{name}` không phải một bảng (đang là {found}; hãy viết `[{name}]` trên \
                    một dòng riêng)",
    ans_unknown_key: "{at}: không có khóa hay bảng `{key}` (tệp gồm bảng [answers] và bảng [notes] \
                      không bắt buộc)",
    ans_no_answers: "{at}: thiếu bảng [answers] (viết `[answers]` rồi mỗi câu một dòng `MÃ_CÂU = \
                     0..4`, ví dụ `A1 = 3`)",
    ans_empty: "{at}: bảng [answers] đang trống (hãy trả lời ít nhất một câu, ví dụ `A1 = 3`)",
    ans_unknown_item: "{at}: không có câu hỏi `{key}` (các câu hỏi là {items})",
    ans_twice: "{at}: câu {id} được trả lời hai lần (cả ở dòng {first}; hãy giữ một)",
    ans_value: "{at}: {id} = {what} (dùng 0 = \"{low}\" … 4 = \"{high}\")",
    ans_outside: "{value} nằm ngoài khoảng 0–4",
    ans_not_whole: "{value}: câu trả lời phải là số nguyên từ 0 đến 4",
    ans_text: "\"{text}\" là chữ: hãy viết số không có dấu ngoặc kép, `{n}`",
    ans_note_twice: "{at}: ghi chú của câu {id} có hai lần (hãy giữ một)",
    ans_note_not_text: "{at}: ghi chú của câu {id} không phải là chữ (đang là {found}; hãy viết \
                        trong dấu ngoặc kép)",
    toml_types: [
        "chuỗi chữ",
        "số nguyên",
        "số thực",
        "giá trị đúng/sai",
        "ngày giờ",
        "mảng",
        "bảng",
    ],
};

impl Catalog for MessageStrings {
    fn of(lang: Lang) -> &'static MessageStrings {
        get(lang)
    }
}

pub fn get(lang: Lang) -> &'static MessageStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

/// A message in both languages: `render` fills one catalog's template.
pub fn said(render: impl Fn(&'static MessageStrings) -> String) -> Said {
    Said::render(render)
}

/// [`said`] for a message that also quotes a text kept in both languages elsewhere (a
/// questionnaire's answer labels): `render` learns which language it writes.
pub fn said_in(render: impl Fn(&'static MessageStrings, Lang) -> String) -> Said {
    Said {
        vi: render(&VI, Lang::Vi),
        en: render(&EN, Lang::En),
    }
}

impl MessageStrings {
    /// A TOML kind of value (`integer`) in words (the name itself if unknown).
    pub fn toml_type<'a>(&self, name: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match EN.toml_types.iter().position(|t| *t == name) {
            Some(i) => self.toml_types[i],
            None => name,
        }
    }

    /// Who made a change as the reader says it: the program's own writers in words, people
    /// by their name.
    pub fn who(&self, who: &str) -> String {
        if who == EN.who_samples {
            return self.who_samples.to_string();
        }
        match who.strip_suffix(" (goglobal gen)") {
            Some(person) => crate::say!(self.who_gen, who = person),
            None => who.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programs_own_writers_in_words() {
        assert_eq!(VI.who("goglobal (sample data)"), "goglobal (dữ liệu mẫu)");
        assert_eq!(
            VI.who("Lan (goglobal gen)"),
            "Lan (goglobal gen, dữ liệu tổng hợp)"
        );
        assert_eq!(EN.who("Lan (goglobal gen)"), "Lan (goglobal gen)");
        assert_eq!(VI.who("Lan"), "Lan");
    }
}
