//! Every text of the brief's pictures, in English and Vietnamese.

use super::super::Lang;

#[derive(Debug, serde::Serialize)]
pub struct ChartStrings {
    pub scores_title: &'static str,
    pub scores_desc: &'static str,
    pub points: &'static str,
    pub weight: &'static str,
    pub no_data: &'static str,
    pub bonus: &'static str,
    pub penalty: &'static str,
    pub final_score: &'static str,
    pub readiness_title: &'static str,
    pub readiness_desc: &'static str,
    pub overall: &'static str,
    pub not_answered: &'static str,
    pub capped: &'static str,
    pub bands: &'static str,
    pub map_title: &'static str,
    pub map_desc: &'static str,
    pub top_market: &'static str,
    pub shortlisted: &'static str,
    pub other_shortlisted: &'static str,
    pub in_shortlist: &'static str,
    pub viet_nam: &'static str,
    pub map_source: &'static str,
}

pub const EN: ChartStrings = ChartStrings {
    scores_title: "Score of the top markets by component",
    scores_desc: "Each bar adds up the points every component contributes to the market's \
                  score (weight × component score ÷ weights with data), then the adjustments.",
    points: "points",
    weight: "weight",
    no_data: "no data",
    bonus: "bonus",
    penalty: "penalty",
    final_score: "score",
    readiness_title: "Export readiness by domain",
    readiness_desc: "Score of each readiness domain out of 100, against the limits of the bands.",
    overall: "Overall",
    not_answered: "not answered",
    capped: "capped",
    bands: "Bands",
    map_title: "Where the markets are",
    map_desc: "World map with the top-ranked and shortlisted markets and Viet Nam.",
    top_market: "top market (rank)",
    shortlisted: "shortlisted top market",
    other_shortlisted: "other shortlisted market",
    in_shortlist: "shortlisted",
    viet_nam: "Viet Nam",
    map_source: "Coastlines: Natural Earth via gnuplotting.org and ratatui (simplified).",
};

pub const VI: ChartStrings = ChartStrings {
    scores_title: "Điểm của các thị trường hàng đầu theo thành phần",
    scores_desc: "Mỗi thanh cộng số điểm mà từng thành phần đóng góp vào điểm của thị trường \
                  (trọng số × điểm thành phần ÷ tổng trọng số có dữ liệu), rồi đến các điều chỉnh.",
    points: "điểm",
    weight: "trọng số",
    no_data: "thiếu dữ liệu",
    bonus: "điểm cộng",
    penalty: "điểm trừ",
    final_score: "điểm",
    readiness_title: "Mức sẵn sàng xuất khẩu theo lĩnh vực",
    readiness_desc: "Điểm của từng lĩnh vực trên thang 100, so với ngưỡng của các mức.",
    overall: "Tổng thể",
    not_answered: "chưa trả lời",
    capped: "bị giới hạn",
    bands: "Các mức",
    map_title: "Vị trí các thị trường",
    map_desc: "Bản đồ thế giới với các thị trường xếp hạng đầu, thị trường đã chọn và Việt Nam.",
    top_market: "thị trường hàng đầu (hạng)",
    shortlisted: "thị trường hàng đầu đã chọn",
    other_shortlisted: "thị trường khác đã chọn",
    in_shortlist: "đã chọn",
    viet_nam: "Việt Nam",
    map_source: "Đường bờ biển: Natural Earth qua gnuplotting.org và ratatui (giản lược).",
};

pub fn strings(lang: Lang) -> &'static ChartStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}
