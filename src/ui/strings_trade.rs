//! Words of the product-trade context (BACI 2024) in the market details, in both languages.

pub struct TradeStrings {
    pub sec_trade: &'static str,
    pub note: &'static str,
    pub imports: &'static str,
    pub none_recorded: &'static str,
    pub heading: &'static str,
    pub hub: &'static str,
    pub exports: &'static str,
    pub net: &'static str,
    pub vn: &'static str,
    pub share: &'static str,
    pub rank: &'static str,
    pub vn_unknown: &'static str,
    pub suppliers: &'static str,
    pub estimate: &'static str,
}

pub const EN: TradeStrings = TradeStrings {
    sec_trade: "Trade in the product (CEPII BACI 2024)",
    note: "Viet Nam's exports and the largest suppliers are context: never in the score.",
    imports: "Imports",
    none_recorded: "none recorded",
    heading: "heading total",
    hub: "Re-export hub: size uses net imports",
    exports: "own exports",
    net: "net",
    vn: "Viet Nam's exports here",
    share: "share",
    rank: "rank",
    vn_unknown: "not in the bilateral table (unknown)",
    suppliers: "Largest suppliers",
    estimate: "estimate",
};

pub const VI: TradeStrings = TradeStrings {
    sec_trade: "Thương mại sản phẩm (CEPII BACI 2024)",
    note: "Xuất khẩu của Việt Nam và các nhà cung cấp lớn nhất chỉ để tham khảo: không tính điểm.",
    imports: "Nhập khẩu",
    none_recorded: "không ghi nhận",
    heading: "tổng nhóm 4 số",
    hub: "Điểm tái xuất: quy mô tính theo nhập khẩu ròng",
    exports: "tự xuất khẩu",
    net: "ròng",
    vn: "Việt Nam xuất sang đây",
    share: "thị phần",
    rank: "hạng",
    vn_unknown: "không có trong bảng song phương (chưa rõ)",
    suppliers: "Nhà cung cấp lớn nhất",
    estimate: "ước tính",
};
