//! Every sentence of `goglobal assess` (the human output and its messages), in both languages.

use serde::Serialize;

use crate::lang::{Catalog, Lang};

#[derive(Debug, Serialize)]
pub struct AssessStrings {
    pub not_utf8: &'static str,
    pub assessor_empty: &'static str,
    pub problems: &'static str,
    pub no_assessment: &'static str,
    /// date, assessor, score, band, coverage, gaps: the columns of `--history`.
    pub columns: [&'static str; 6],
    pub gates_not_met: &'static str,
    pub capped_note: &'static str,
    pub assessment: &'static str,
    pub overall: &'static str,
    pub capped_at: &'static str,
    pub gate_items_not_met: &'static str,
    pub coverage: &'static str,
    pub coverage_line: &'static str,
    pub weight: &'static str,
    pub not_answered: &'static str,
    pub left_out: &'static str,
    pub no_gaps: &'static str,
    pub gaps: &'static str,
    pub gate: &'static str,
}

pub const EN: AssessStrings = AssessStrings {
    not_utf8: "{path}:1: not UTF-8 text (save the file as UTF-8)",
    assessor_empty: "--assessor is empty (give the advisor's name, e.g. --assessor \"Nguyễn Thu \
                     Hằng\")",
    problems: "{path}: {n} problem(s); nothing was stored",
    no_assessment: "No assessment yet (goglobal assess ID --answers FILE.toml).",
    columns: ["date", "assessor", "score", "band", "cover", "gaps"],
    gates_not_met: "gates not met: {list}",
    capped_note: "capped by a failed gate item",
    assessment: "Assessment #{id} · {date} · {assessor} · questionnaire {version}",
    overall: "Overall",
    capped_at: " — overall capped at {cap}",
    gate_items_not_met: "gate items not met: {list}",
    coverage: "Coverage",
    coverage_line: "{pct} of the weight ({answered}/{total} items answered)",
    weight: "(weight {weight})",
    not_answered: "not answered",
    left_out: "(left out, weight {weight})",
    no_gaps: "No gaps: every answered item is at 3 or 4.",
    gaps: "Gaps, weakest first ({n}):",
    gate: "gate",
};

pub const VI: AssessStrings = AssessStrings {
    not_utf8: "{path}:1: không phải văn bản UTF-8 (hãy lưu tệp dưới dạng UTF-8)",
    assessor_empty: "--assessor đang trống (nêu tên cán bộ tư vấn, ví dụ --assessor \"Nguyễn Thu \
                     Hằng\")",
    problems: "{path}: có {n} vấn đề; chưa lưu gì cả",
    no_assessment: "Chưa có đánh giá nào (goglobal assess ID --answers FILE.toml).",
    columns: [
        "ngày",
        "người đánh giá",
        "điểm",
        "mức",
        "phủ",
        "khoảng trống",
    ],
    gates_not_met: "chưa đạt: {list}",
    capped_note: "bị giới hạn do chưa đạt điều kiện bắt buộc",
    assessment: "Đánh giá #{id} · {date} · {assessor} · bộ câu hỏi {version}",
    overall: "Tổng điểm",
    capped_at: " — tổng điểm bị giới hạn ở {cap}",
    gate_items_not_met: "điều kiện bắt buộc chưa đạt: {list}",
    coverage: "Độ bao phủ",
    coverage_line: "{pct} trọng số ({answered}/{total} câu đã trả lời)",
    weight: "(trọng số {weight})",
    not_answered: "chưa trả lời",
    left_out: "(không tính, trọng số {weight})",
    no_gaps: "Không có khoảng trống: mọi câu đã trả lời đều đạt 3 hoặc 4.",
    gaps: "Khoảng trống, yếu nhất trước ({n}):",
    gate: "bắt buộc",
};

impl Catalog for AssessStrings {
    fn of(lang: Lang) -> &'static AssessStrings {
        get(lang)
    }
}

pub fn get(lang: Lang) -> &'static AssessStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}
