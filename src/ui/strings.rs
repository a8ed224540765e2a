//! Every user-visible string of the dashboard, in one catalog: one field per string and one
//! `const` instance per language, so the compiler checks that both languages are complete.
//! Also the number formats of each language.

use crate::app::{Action, Lang};

#[derive(serde::Serialize)]
pub struct Strings {
    pub lang_code: &'static str,
    pub app_title: &'static str,
    pub too_small: &'static str,
    pub tabs: [&'static str; 4],
    pub tabs_short: [&'static str; 4],
    pub dash: &'static str,
    pub no_rows: &'static str,
    pub search_label: &'static str,
    pub filter_title: &'static str,
    pub filter_all: &'static str,
    pub help_title: &'static str,
    pub help_ctrl_c: &'static str,
    pub help_mouse: &'static str,
    // Status-bar hints.
    pub hint_open: &'static str,
    pub hint_back: &'static str,
    pub hint_search: &'static str,
    pub hint_filter: &'static str,
    pub hint_sort: &'static str,
    pub hint_help: &'static str,
    pub hint_quit: &'static str,
    pub hint_tabs: &'static str,
    pub hint_move: &'static str,
    pub hint_scroll: &'static str,
    pub hint_language: &'static str,
    pub hint_confirm: &'static str,
    pub hint_cancel: &'static str,
    pub hint_choose: &'static str,
    pub hint_close: &'static str,
    // Help: one line per action.
    pub act_quit: &'static str,
    pub act_help: &'static str,
    pub act_language: &'static str,
    pub act_next_tab: &'static str,
    pub act_prev_tab: &'static str,
    pub act_tab: [&'static str; 4],
    pub act_up: &'static str,
    pub act_down: &'static str,
    pub act_page_up: &'static str,
    pub act_page_down: &'static str,
    pub act_home: &'static str,
    pub act_end: &'static str,
    pub act_open: &'static str,
    pub act_back: &'static str,
    pub act_search: &'static str,
    pub act_filter: &'static str,
    pub act_clear_filters: &'static str,
    pub act_sort: &'static str,
    pub act_sort_reverse: &'static str,
    // Dashboard.
    pub kpi_smes: &'static str,
    pub kpi_assessed: &'static str,
    pub kpi_new_market_smes: &'static str,
    pub kpi_new_markets: &'static str,
    pub kpi_targets: &'static str,
    pub dash_bands: &'static str,
    pub dash_funnel: &'static str,
    pub dash_coverage: &'static str,
    pub dash_alerts: &'static str,
    pub dash_due: &'static str,
    pub coverage_none: &'static str,
    pub coverage_markets: &'static str,
    pub alerts_remedies: &'static str,
    pub alerts_requirements: &'static str,
    pub no_remedy_alerts: &'static str,
    pub no_shortlist: &'static str,
    pub no_unmet: &'static str,
    pub no_due: &'static str,
    pub overdue: &'static str,
    pub smes_unit: &'static str,
    pub sme_unit_one: &'static str,
    pub unmet_in: &'static str,
    /// not_yet, preparing, ready, ready_to_diversify, not assessed.
    pub bands: [&'static str; 5],
    pub bands_short: [&'static str; 5],
    /// candidate … dropped, in `Stage::ALL` order.
    pub stages: [&'static str; 6],
    /// `Priority::ALL` order.
    pub priorities: [&'static str; 8],
    /// Africa, Americas, Asia, Europe, Oceania.
    pub regions: [&'static str; 5],
    /// anti_dumping, countervailing, safeguard, anti_circumvention.
    pub measures: [&'static str; 4],
    /// active, investigating, terminated.
    pub remedy_status: [&'static str; 3],
    // SMEs.
    pub col_name: &'static str,
    pub col_province: &'static str,
    pub col_sector: &'static str,
    pub col_readiness: &'static str,
    pub col_stage: &'static str,
    /// `KNOWN_SECTORS` order.
    pub sectors: [&'static str; 13],
    pub field_province: &'static str,
    pub field_sector: &'static str,
    pub field_band: &'static str,
    pub field_region: &'static str,
    pub field_priority: &'static str,
    pub field_fta: &'static str,
    pub field_category: &'static str,
    pub field_served: &'static str,
    // SME detail.
    pub sec_profile: &'static str,
    pub sec_products: &'static str,
    pub sec_certs: &'static str,
    pub sec_readiness: &'static str,
    pub sec_shortlist: &'static str,
    pub sec_plan: &'static str,
    pub tax_code: &'static str,
    pub size: &'static str,
    /// micro, small, medium, large.
    pub size_classes: [&'static str; 4],
    pub employees: &'static str,
    pub revenue: &'static str,
    pub founded: &'static str,
    pub experience: &'static str,
    /// none, indirect, occasional, regular.
    pub experiences: [&'static str; 4],
    pub current_markets: &'static str,
    pub languages: &'static str,
    pub contact: &'static str,
    pub notes: &'static str,
    pub sample_sme: &'static str,
    pub none: &'static str,
    pub not_assessed: &'static str,
    pub assessed_on: &'static str,
    pub answered: &'static str,
    pub capped: &'static str,
    pub history: &'static str,
    /// Readiness domains A–F.
    pub domains: [&'static str; 6],
    pub no_sme_shortlist: &'static str,
    pub no_plan: &'static str,
    /// todo, in_progress, done, cancelled.
    pub plan_status: [&'static str; 4],
    pub due: &'static str,
    pub owner: &'static str,
    pub score: &'static str,
    // Markets.
    pub col_iso3: &'static str,
    pub col_market: &'static str,
    pub col_region: &'static str,
    pub col_priority: &'static str,
    pub col_fta: &'static str,
    pub col_gdp_pc: &'static str,
    pub col_distance: &'static str,
    /// in_force, signed, negotiating, proposed, preferential, unverified, none.
    pub fta_status: [&'static str; 7],
    pub map_title: &'static str,
    pub sec_indicators: &'static str,
    pub sec_ftas: &'static str,
    pub sec_requirements: &'static str,
    pub sec_remedies: &'static str,
    pub ind_region: &'static str,
    pub ind_segment: &'static str,
    pub ind_gdp: &'static str,
    pub ind_gdp_pc: &'static str,
    pub ind_population: &'static str,
    pub ind_growth: &'static str,
    pub ind_imports: &'static str,
    pub ind_distance: &'static str,
    pub ind_lpi: &'static str,
    pub ind_stability: &'static str,
    pub ind_rule_of_law: &'static str,
    pub ind_muslim: &'static str,
    pub ind_halal: &'static str,
    pub ind_currency: &'static str,
    pub no_data: &'static str,
    pub co_form: &'static str,
    pub no_fta: &'static str,
    /// mandatory, expected.
    pub severity: [&'static str; 2],
    pub met_by: &'static str,
    pub all_products: &'static str,
    pub no_requirements: &'static str,
    pub no_remedies: &'static str,
    pub source: &'static str,
    pub source_label: &'static str,
    /// high, medium, low.
    pub halal_levels: [&'static str; 3],
    // Services.
    pub col_provider: &'static str,
    pub col_category: &'static str,
    pub col_served: &'static str,
    pub col_kind: &'static str,
    pub kind_real: &'static str,
    pub kind_sample: &'static str,
    /// `PROVIDER_CATEGORIES` order.
    pub categories: [&'static str; 7],
    pub all_markets: &'static str,
    pub sec_provider: &'static str,
    pub services: &'static str,
    pub markets_served: &'static str,
    pub provinces: &'static str,
    pub website: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub sample_provider: &'static str,
    // Number formats.
    /// The SME form, its dialogs, the SME's changes, imported Trade Map series.
    pub edit: &'static super::strings_edit::EditStrings,
    pub assess: &'static super::strings_assess::AssessStrings,
    pub follow: &'static super::strings_follow::FollowStrings,
    /// The matching wizard.
    pub wizard: &'static super::strings_wizard::WizardStrings,
    /// The sync panel and view.
    pub sync: &'static super::strings_sync::SyncStrings,
}

pub const EN: Strings = Strings {
    lang_code: "EN",
    app_title: "goglobal",
    too_small: "Terminal too small",
    tabs: ["Dashboard", "SMEs", "Markets", "Services"],
    tabs_short: ["Dash", "SMEs", "Mkts", "Svcs"],
    dash: "—",
    no_rows: "Nothing matches the search and filters",
    search_label: "Search",
    filter_title: "Filter",
    filter_all: "All",
    help_title: "Keys",
    help_ctrl_c: "Quit from anywhere",
    help_mouse: "Mouse: click a tab or a row; double-click opens; the wheel scrolls",
    hint_open: "open",
    hint_back: "back",
    hint_search: "search",
    hint_filter: "filter",
    hint_sort: "sort",
    hint_help: "help",
    hint_quit: "quit",
    hint_tabs: "tabs",
    hint_move: "move",
    hint_scroll: "scroll",
    hint_language: "tiếng Việt",
    hint_confirm: "keep",
    hint_cancel: "cancel",
    hint_choose: "choose",
    hint_close: "close",
    act_quit: "Quit (top level); elsewhere go back",
    act_help: "Show or hide this help",
    act_language: "Switch Vietnamese / English",
    act_next_tab: "Next tab",
    act_prev_tab: "Previous tab",
    act_tab: [
        "Go to the Dashboard",
        "Go to the SMEs",
        "Go to the Markets",
        "Go to the Services",
    ],
    act_up: "Move up / scroll up",
    act_down: "Move down / scroll down",
    act_page_up: "Page up",
    act_page_down: "Page down",
    act_home: "First row / top",
    act_end: "Last row / bottom",
    act_open: "Open the selected row",
    act_back: "Go back, close, clear the search",
    act_search: "Search (accents and case ignored)",
    act_filter: "Filter the table",
    act_clear_filters: "Clear every filter",
    act_sort: "Sort by the next column",
    act_sort_reverse: "Reverse the sort order",
    kpi_smes: "Portfolio SMEs",
    kpi_assessed: "Assessed",
    kpi_new_market_smes: "New-market SMEs",
    kpi_new_markets: "New markets",
    kpi_targets: "target",
    dash_bands: "Readiness",
    dash_funnel: "Pipeline",
    dash_coverage: "Priority regions",
    dash_alerts: "Alerts",
    dash_due: "Plan items due in 14 days",
    coverage_none: "not yet",
    coverage_markets: "mkts",
    alerts_remedies: "Trade remedies on portfolio products",
    alerts_requirements: "Unmet mandatory requirements",
    no_remedy_alerts: "No live trade remedy touches a portfolio product",
    no_shortlist: "No shortlisted markets yet",
    no_unmet: "Every mandatory requirement is met",
    no_due: "Nothing due in the next 14 days",
    overdue: "overdue",
    smes_unit: "SMEs",
    sme_unit_one: "SME",
    unmet_in: "unmet in",
    bands: [
        "Not yet ready",
        "Preparing",
        "Ready (near/FTA markets)",
        "Ready to diversify",
        "Not assessed",
    ],
    bands_short: ["Not yet", "Preparing", "Ready", "Diversify", "Not assessed"],
    stages: [
        "Candidate",
        "Shortlisted",
        "Engaged",
        "First shipment",
        "Established",
        "Dropped",
    ],
    priorities: [
        "Middle East",
        "Africa",
        "Latin America",
        "Central Asia",
        "Eastern Europe",
        "Halal markets",
        "Traditional",
        "Other",
    ],
    regions: ["Africa", "Americas", "Asia", "Europe", "Oceania"],
    measures: [
        "Anti-dumping",
        "Countervailing",
        "Safeguard",
        "Anti-circumvention",
    ],
    remedy_status: ["active", "investigating", "terminated"],
    col_name: "Name",
    col_province: "Province",
    col_sector: "Sector",
    col_readiness: "Readiness",
    col_stage: "Stage",
    sectors: [
        "Seafood",
        "Coffee",
        "Cashew",
        "Rice",
        "Pepper",
        "Fruit",
        "Bird's nest",
        "Furniture & wood",
        "Textiles",
        "Footwear",
        "Handicrafts",
        "Processed food",
        "Electronics parts",
    ],
    field_province: "Province",
    field_sector: "Sector",
    field_band: "Readiness band",
    field_region: "Region",
    field_priority: "Priority segment",
    field_fta: "FTA status",
    field_category: "Category",
    field_served: "Market served",
    sec_profile: "Profile",
    sec_products: "Products",
    sec_certs: "Certifications",
    sec_readiness: "Readiness",
    sec_shortlist: "Target markets",
    sec_plan: "Action plan",
    tax_code: "Tax code",
    size: "Size",
    size_classes: ["micro", "small", "medium", "large"],
    employees: "employees",
    revenue: "Revenue",
    founded: "Founded",
    experience: "Export history",
    experiences: ["none", "indirect", "occasional", "regular"],
    current_markets: "Sells to",
    languages: "Languages",
    contact: "Contact",
    notes: "Notes",
    sample_sme: "Sample SME (fictional demo data)",
    none: "none",
    not_assessed: "Not assessed yet",
    assessed_on: "assessed",
    answered: "answered",
    capped: "capped by a gate",
    history: "History",
    domains: [
        "A Commitment",
        "B Capacity",
        "C Product",
        "D Compliance",
        "E Market know.",
        "F Ecosystem",
    ],
    no_sme_shortlist: "No target market saved yet",
    no_plan: "No plan items yet",
    plan_status: ["to do", "in progress", "done", "cancelled"],
    due: "due",
    owner: "owner",
    score: "score",
    col_iso3: "ISO3",
    col_market: "Market",
    col_region: "Region",
    col_priority: "Segment",
    col_fta: "FTA",
    col_gdp_pc: "GDP/cap",
    col_distance: "km",
    fta_status: [
        "in force",
        "signed",
        "negotiating",
        "proposed",
        "preferential",
        "unverified",
        "none",
    ],
    map_title: "World",
    sec_indicators: "Indicators",
    sec_ftas: "Trade agreements with Viet Nam",
    sec_requirements: "Requirements",
    sec_remedies: "Trade remedies on Vietnamese goods",
    ind_region: "Region",
    ind_segment: "Programme segment",
    ind_gdp: "GDP",
    ind_gdp_pc: "GDP per capita",
    ind_population: "Population",
    ind_growth: "GDP growth",
    ind_imports: "Merchandise imports",
    ind_distance: "Distance from Viet Nam",
    ind_lpi: "Logistics (LPI)",
    ind_stability: "Political stability",
    ind_rule_of_law: "Rule of law",
    ind_muslim: "Muslim population",
    ind_halal: "Halal relevance",
    ind_currency: "Currency",
    no_data: "no data",
    co_form: "C/O",
    no_fta: "No FTA with Viet Nam",
    severity: ["mandatory", "expected"],
    met_by: "met by",
    all_products: "all products",
    no_requirements: "No requirement recorded for this market",
    no_remedies: "No trade remedy recorded",
    source: "source",
    source_label: "Source",
    halal_levels: ["high", "medium", "low"],
    col_provider: "Provider",
    col_category: "Category",
    col_served: "Markets",
    col_kind: "Kind",
    kind_real: "real",
    kind_sample: "sample",
    categories: [
        "Banking",
        "Logistics",
        "Legal",
        "Certification",
        "HR & training",
        "Insurance",
        "Promotion",
    ],
    all_markets: "all markets",
    sec_provider: "Provider",
    services: "Services",
    markets_served: "Markets served",
    provinces: "Provinces",
    website: "Website",
    phone: "Phone",
    email: "Email",
    sample_provider: "SAMPLE: illustrative provider, not a real company",
    edit: &super::strings_edit::EN,
    assess: &super::strings_assess::EN,
    follow: &super::strings_follow::EN,
    wizard: &super::strings_wizard::EN,
    sync: &super::strings_sync::EN,
};

pub const VI: Strings = Strings {
    lang_code: "VI",
    app_title: "goglobal",
    too_small: "Cửa sổ quá nhỏ",
    tabs: ["Tổng quan", "Doanh nghiệp", "Thị trường", "Dịch vụ"],
    tabs_short: ["T.quan", "DN", "T.trường", "D.vụ"],
    dash: "—",
    no_rows: "Không có kết quả phù hợp",
    search_label: "Tìm",
    filter_title: "Lọc",
    filter_all: "Tất cả",
    help_title: "Phím tắt",
    help_ctrl_c: "Thoát từ bất kỳ đâu",
    help_mouse: "Chuột: bấm vào thẻ hoặc dòng; bấm đúp để mở; cuộn bánh xe",
    hint_open: "mở",
    hint_back: "quay lại",
    hint_search: "tìm",
    hint_filter: "lọc",
    hint_sort: "sắp xếp",
    hint_help: "trợ giúp",
    hint_quit: "thoát",
    hint_tabs: "thẻ",
    hint_move: "di chuyển",
    hint_scroll: "cuộn",
    hint_language: "English",
    hint_confirm: "giữ",
    hint_cancel: "hủy",
    hint_choose: "chọn",
    hint_close: "đóng",
    act_quit: "Thoát (ở màn hình chính); nơi khác thì quay lại",
    act_help: "Hiện hoặc ẩn trợ giúp này",
    act_language: "Chuyển tiếng Việt / tiếng Anh",
    act_next_tab: "Thẻ tiếp theo",
    act_prev_tab: "Thẻ trước",
    act_tab: [
        "Đến Tổng quan",
        "Đến Doanh nghiệp",
        "Đến Thị trường",
        "Đến Dịch vụ",
    ],
    act_up: "Lên / cuộn lên",
    act_down: "Xuống / cuộn xuống",
    act_page_up: "Lên một trang",
    act_page_down: "Xuống một trang",
    act_home: "Dòng đầu / đầu trang",
    act_end: "Dòng cuối / cuối trang",
    act_open: "Mở dòng đang chọn",
    act_back: "Quay lại, đóng, xóa tìm kiếm",
    act_search: "Tìm (không phân biệt dấu, hoa thường)",
    act_filter: "Lọc bảng",
    act_clear_filters: "Bỏ mọi bộ lọc",
    act_sort: "Sắp xếp theo cột kế tiếp",
    act_sort_reverse: "Đảo thứ tự sắp xếp",
    kpi_smes: "Danh mục DN",
    kpi_assessed: "Đã đánh giá",
    kpi_new_market_smes: "DN vào TT mới",
    kpi_new_markets: "Thị trường mới",
    kpi_targets: "mục tiêu",
    dash_bands: "Mức sẵn sàng",
    dash_funnel: "Tiến trình",
    dash_coverage: "Khu vực ưu tiên",
    dash_alerts: "Cảnh báo",
    dash_due: "Việc đến hạn trong 14 ngày",
    coverage_none: "chưa có",
    coverage_markets: "TT",
    alerts_remedies: "Phòng vệ thương mại với SP của danh mục",
    alerts_requirements: "Yêu cầu bắt buộc chưa đáp ứng",
    no_remedy_alerts: "Không có biện pháp PVTM nào với sản phẩm trong danh mục",
    no_shortlist: "Chưa có thị trường nào được chọn",
    no_unmet: "Mọi yêu cầu bắt buộc đều đã đáp ứng",
    no_due: "Không có việc đến hạn trong 14 ngày tới",
    overdue: "quá hạn",
    smes_unit: "DN",
    sme_unit_one: "DN",
    unmet_in: "chưa đáp ứng tại",
    bands: [
        "Chưa sẵn sàng",
        "Đang chuẩn bị",
        "Sẵn sàng (TT gần/có FTA)",
        "Sẵn sàng đa dạng hóa",
        "Chưa đánh giá",
    ],
    bands_short: [
        "Chưa đạt",
        "Chuẩn bị",
        "Sẵn sàng",
        "Đa dạng",
        "Chưa đánh giá",
    ],
    stages: [
        "Ứng viên",
        "Đã chọn",
        "Đang tiếp cận",
        "Lô hàng đầu",
        "Ổn định",
        "Đã dừng",
    ],
    priorities: [
        "Trung Đông",
        "Châu Phi",
        "Mỹ Latinh",
        "Trung Á",
        "Đông Âu",
        "Nhóm Halal",
        "Truyền thống",
        "Khác",
    ],
    regions: ["Châu Phi", "Châu Mỹ", "Châu Á", "Châu Âu", "Châu Đại Dương"],
    measures: [
        "Chống bán phá giá",
        "Chống trợ cấp",
        "Tự vệ",
        "Chống lẩn tránh",
    ],
    remedy_status: ["đang áp dụng", "đang điều tra", "đã chấm dứt"],
    col_name: "Tên",
    col_province: "Tỉnh/TP",
    col_sector: "Ngành",
    col_readiness: "Sẵn sàng",
    col_stage: "Giai đoạn",
    sectors: [
        "Thủy sản",
        "Cà phê",
        "Điều",
        "Gạo",
        "Hồ tiêu",
        "Trái cây",
        "Yến sào",
        "Gỗ & nội thất",
        "Dệt may",
        "Giày dép",
        "Thủ công mỹ nghệ",
        "Thực phẩm chế biến",
        "Linh kiện điện tử",
    ],
    field_province: "Tỉnh/TP",
    field_sector: "Ngành",
    field_band: "Mức sẵn sàng",
    field_region: "Khu vực",
    field_priority: "Nhóm ưu tiên",
    field_fta: "Tình trạng FTA",
    field_category: "Lĩnh vực",
    field_served: "Thị trường phục vụ",
    sec_profile: "Hồ sơ",
    sec_products: "Sản phẩm",
    sec_certs: "Chứng nhận",
    sec_readiness: "Mức sẵn sàng",
    sec_shortlist: "Thị trường mục tiêu",
    sec_plan: "Kế hoạch hành động",
    tax_code: "Mã số thuế",
    size: "Quy mô",
    size_classes: ["siêu nhỏ", "nhỏ", "vừa", "lớn"],
    employees: "lao động",
    revenue: "Doanh thu",
    founded: "Thành lập",
    experience: "Kinh nghiệm XK",
    experiences: ["chưa có", "gián tiếp", "thỉnh thoảng", "thường xuyên"],
    current_markets: "Đang xuất sang",
    languages: "Ngôn ngữ",
    contact: "Liên hệ",
    notes: "Ghi chú",
    sample_sme: "DN mẫu (dữ liệu minh họa, hư cấu)",
    none: "chưa có",
    not_assessed: "Chưa đánh giá",
    assessed_on: "đánh giá ngày",
    answered: "đã trả lời",
    capped: "bị giới hạn bởi điều kiện bắt buộc",
    history: "Lịch sử",
    domains: [
        "A Cam kết",
        "B Năng lực",
        "C Sản phẩm",
        "D Tuân thủ",
        "E Hiểu biết TT",
        "F Hệ sinh thái",
    ],
    no_sme_shortlist: "Chưa lưu thị trường mục tiêu nào",
    no_plan: "Chưa có việc nào trong kế hoạch",
    plan_status: ["cần làm", "đang làm", "xong", "đã hủy"],
    due: "hạn",
    owner: "phụ trách",
    score: "điểm",
    col_iso3: "ISO3",
    col_market: "Thị trường",
    col_region: "Khu vực",
    col_priority: "Nhóm",
    col_fta: "FTA",
    col_gdp_pc: "GDP/người",
    col_distance: "km",
    fta_status: [
        "có hiệu lực",
        "đã ký",
        "đang đàm phán",
        "đề xuất",
        "ưu đãi",
        "chưa xác minh",
        "chưa có",
    ],
    map_title: "Thế giới",
    sec_indicators: "Chỉ số",
    sec_ftas: "Hiệp định thương mại với Việt Nam",
    sec_requirements: "Yêu cầu",
    sec_remedies: "Phòng vệ thương mại với hàng Việt Nam",
    ind_region: "Khu vực",
    ind_segment: "Nhóm chương trình",
    ind_gdp: "GDP",
    ind_gdp_pc: "GDP bình quân đầu người",
    ind_population: "Dân số",
    ind_growth: "Tăng trưởng GDP",
    ind_imports: "Nhập khẩu hàng hóa",
    ind_distance: "Khoảng cách từ Việt Nam",
    ind_lpi: "Logistics (LPI)",
    ind_stability: "Ổn định chính trị",
    ind_rule_of_law: "Pháp quyền",
    ind_muslim: "Dân số Hồi giáo",
    ind_halal: "Mức liên quan Halal",
    ind_currency: "Tiền tệ",
    no_data: "không có số liệu",
    co_form: "C/O",
    no_fta: "Chưa có FTA với Việt Nam",
    severity: ["bắt buộc", "nên có"],
    met_by: "đáp ứng bằng",
    all_products: "mọi sản phẩm",
    no_requirements: "Chưa ghi nhận yêu cầu nào cho thị trường này",
    no_remedies: "Chưa ghi nhận biện pháp nào",
    source: "nguồn",
    source_label: "Nguồn",
    halal_levels: ["cao", "trung bình", "thấp"],
    col_provider: "Đơn vị",
    col_category: "Lĩnh vực",
    col_served: "Thị trường",
    col_kind: "Loại",
    kind_real: "thực",
    kind_sample: "mẫu",
    categories: [
        "Ngân hàng",
        "Logistics",
        "Pháp lý",
        "Chứng nhận",
        "Nhân lực",
        "Bảo hiểm",
        "Xúc tiến",
    ],
    all_markets: "mọi thị trường",
    sec_provider: "Đơn vị",
    services: "Dịch vụ",
    markets_served: "Thị trường phục vụ",
    provinces: "Tỉnh/TP",
    website: "Website",
    phone: "Điện thoại",
    email: "Email",
    sample_provider: "MẪU: đơn vị minh họa, không phải doanh nghiệp thật",
    edit: &super::strings_edit::VI,
    assess: &super::strings_assess::VI,
    follow: &super::strings_follow::VI,
    wizard: &super::strings_wizard::VI,
    sync: &super::strings_sync::VI,
};

pub fn get(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

impl Strings {
    pub fn action(&self, a: Action) -> &'static str {
        match a {
            Action::Quit => self.act_quit,
            Action::Help => self.act_help,
            Action::Language => self.act_language,
            Action::NextTab => self.act_next_tab,
            Action::PrevTab => self.act_prev_tab,
            Action::Tab1 => self.act_tab[0],
            Action::Tab2 => self.act_tab[1],
            Action::Tab3 => self.act_tab[2],
            Action::Tab4 => self.act_tab[3],
            Action::Up => self.act_up,
            Action::Down => self.act_down,
            Action::PageUp => self.act_page_up,
            Action::PageDown => self.act_page_down,
            Action::Home => self.act_home,
            Action::End => self.act_end,
            Action::Open => self.act_open,
            Action::Back => self.act_back,
            Action::Search => self.act_search,
            Action::Filter => self.act_filter,
            Action::ClearFilters => self.act_clear_filters,
            Action::Sort => self.act_sort,
            Action::SortReverse => self.act_sort_reverse,
            Action::NewSme => self.edit.act_new_sme,
            Action::EditSme => self.edit.act_edit_sme,
            Action::DeleteSme => self.edit.act_delete_sme,
            Action::DeletedSmes => self.edit.act_deleted_smes,
            Action::RestoreSme => self.edit.act_restore_sme,
            Action::Save => self.edit.act_save,
            Action::Assess => self.follow.act_assess,
            Action::Report => self.follow.act_report,
            Action::ReportHtml => self.follow.act_report_html,
            Action::FocusNext => self.follow.act_focus_next,
            Action::FocusPrev => self.follow.act_focus_prev,
            Action::SetStage => self.follow.act_set_stage,
            Action::PlanStatus => self.follow.act_plan_status,
            Action::PlanCancel => self.follow.act_plan_cancel,
            Action::DueLater => self.follow.act_due_later,
            Action::DueEarlier => self.follow.act_due_earlier,
            Action::Answer0 => self.assess.act_answer[0],
            Action::Answer1 => self.assess.act_answer[1],
            Action::Answer2 => self.assess.act_answer[2],
            Action::Answer3 => self.assess.act_answer[3],
            Action::Answer4 => self.assess.act_answer[4],
            Action::PrevDomain => self.assess.act_prev_domain,
            Action::NextDomain => self.assess.act_next_domain,
            Action::EditNote => self.assess.act_edit_note,
            Action::SaveAssessment => self.assess.act_save,
            Action::Match => self.wizard.act_match,
            Action::Mark => self.wizard.act_mark,
            Action::Compare => self.wizard.act_compare,
            Action::Preset => self.wizard.act_preset,
            Action::Weights => self.wizard.act_weights,
            Action::Less => self.wizard.act_less,
            Action::More => self.wizard.act_more,
            Action::SyncView => self.sync.act_sync,
            Action::KeepMine => self.sync.act_keep_mine,
            Action::KeepTheirs => self.sync.act_keep_theirs,
        }
    }

    /// A code from a fixed list shown in this language; an unknown code is shown as it is.
    fn lookup<'a>(&self, codes: &[&str], labels: &[&'static str], code: &'a str) -> &'a str
    where
        'static: 'a,
    {
        codes
            .iter()
            .position(|c| *c == code)
            .and_then(|i| labels.get(i).copied())
            .unwrap_or(code)
    }

    pub fn sector<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(&crate::domain::KNOWN_SECTORS, &self.sectors, code)
    }

    pub fn band(&self, code: Option<&str>) -> &'static str {
        let i = code
            .and_then(|c| {
                crate::domain::portfolio::BAND_CODES
                    .iter()
                    .position(|b| *b == c)
            })
            .unwrap_or(4);
        self.bands[i]
    }

    pub fn band_short(&self, code: Option<&str>) -> &'static str {
        let i = code
            .and_then(|c| {
                crate::domain::portfolio::BAND_CODES
                    .iter()
                    .position(|b| *b == c)
            })
            .unwrap_or(4);
        self.bands_short[i]
    }

    pub fn stage(&self, s: crate::domain::Stage) -> &'static str {
        let i = crate::domain::Stage::ALL
            .iter()
            .position(|x| *x == s)
            .unwrap_or(0);
        self.stages[i]
    }

    pub fn priority<'a>(&self, code: &'a str) -> &'a str {
        let codes = crate::domain::Priority::ALL.map(|p| p.code());
        self.lookup(&codes, &self.priorities, code)
    }

    pub fn region<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &["Africa", "Americas", "Asia", "Europe", "Oceania"],
            &self.regions,
            code,
        )
    }

    pub fn halal_level<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(&["high", "medium", "low"], &self.halal_levels, code)
    }

    pub fn measure<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &[
                "anti_dumping",
                "countervailing",
                "safeguard",
                "anti_circumvention",
            ],
            &self.measures,
            code,
        )
    }

    pub fn remedy_status<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &["active", "investigating", "terminated"],
            &self.remedy_status,
            code,
        )
    }

    pub fn fta_status<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &[
                "in_force",
                "signed",
                "negotiating",
                "proposed",
                "preferential",
                "unverified",
                "none",
            ],
            &self.fta_status,
            code,
        )
    }

    pub fn category<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(&crate::domain::PROVIDER_CATEGORIES, &self.categories, code)
    }

    pub fn size_class<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &["micro", "small", "medium", "large"],
            &self.size_classes,
            code,
        )
    }

    pub fn experience<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(
            &["none", "indirect", "occasional", "regular"],
            &self.experiences,
            code,
        )
    }

    pub fn plan_status(&self, s: crate::domain::PlanStatus) -> &'static str {
        let i = crate::domain::PlanStatus::ALL
            .iter()
            .position(|x| *x == s)
            .unwrap_or(0);
        self.plan_status[i]
    }

    pub fn severity(&self, s: crate::domain::Severity) -> &'static str {
        match s {
            crate::domain::Severity::Mandatory => self.severity[0],
            crate::domain::Severity::Expected => self.severity[1],
        }
    }

    pub fn domain<'a>(&self, code: &'a str) -> &'a str {
        self.lookup(&["A", "B", "C", "D", "E", "F"], &self.domains, code)
    }

    pub fn field(&self, f: crate::app::Field) -> &'static str {
        use crate::app::Field;
        match f {
            Field::Province => self.field_province,
            Field::Sector => self.field_sector,
            Field::Band => self.field_band,
            Field::Region => self.field_region,
            Field::Priority => self.field_priority,
            Field::Fta => self.field_fta,
            Field::Category => self.field_category,
            Field::Served => self.field_served,
        }
    }

    pub fn column(&self, c: crate::app::Column) -> &'static str {
        use crate::app::Column;
        match c {
            Column::SmeName => self.col_name,
            Column::Province => self.col_province,
            Column::Sector => self.col_sector,
            Column::Readiness => self.col_readiness,
            Column::Stage => self.col_stage,
            Column::Iso3 => self.col_iso3,
            Column::MarketName => self.col_market,
            Column::Region => self.col_region,
            Column::Priority => self.col_priority,
            Column::Fta => self.col_fta,
            Column::GdpPerCapita => self.col_gdp_pc,
            Column::Distance => self.col_distance,
            Column::ProviderName => self.col_provider,
            Column::Category => self.col_category,
            Column::Served => self.col_served,
            Column::Kind => self.col_kind,
        }
    }

    /// A filter value as shown in the picker and the table title.
    pub fn filter_value<'a>(&self, f: crate::app::Field, v: &'a str) -> &'a str {
        use crate::app::Field;
        match f {
            Field::Sector => self.sector(v),
            Field::Band => self.band_short((v != crate::app::lists::NONE).then_some(v)),
            Field::Priority => self.priority(v),
            Field::Fta => self.fta_status(v),
            Field::Category => self.category(v),
            Field::Region => self.region(v),
            _ => v,
        }
    }

    /// 12345 → "12,345" (en) or "12.345" (vi).
    pub fn int(&self, n: i64) -> String {
        self.num(n as f64, 0)
    }

    /// A number with `decimals` digits after the decimal mark of this language.
    pub fn num(&self, x: f64, decimals: usize) -> String {
        crate::lang::number(self.lang(), x, decimals)
    }

    /// A large count in the units of this language: 1.2e9 → "1.2 bn" / "1,2 tỷ".
    pub fn big(&self, x: f64) -> String {
        crate::lang::amount(self.lang(), x)
    }

    /// US dollars, as everywhere in the program: "US$ 1.2 bn" / "1,2 tỷ USD".
    pub fn usd(&self, x: f64) -> String {
        crate::lang::money(self.lang(), x)
    }

    fn lang(&self) -> crate::lang::Lang {
        crate::lang::Lang::parse(self.lang_code)
    }

    /// "1 SME", "2 SMEs" (Vietnamese has no plural).
    pub fn smes(&self, n: usize) -> String {
        let unit = if n == 1 {
            self.sme_unit_one
        } else {
            self.smes_unit
        };
        format!("{} {unit}", self.int(n as i64))
    }

    pub fn pct(&self, x: f64, decimals: usize) -> String {
        format!("{}%", self.num(x, decimals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(EN.int(5000), "5,000");
        assert_eq!(VI.int(5000), "5.000");
        assert_eq!(EN.int(-1234567), "-1,234,567");
        assert_eq!(EN.int(999), "999");
        assert_eq!(EN.num(4.567, 2), "4.57");
        assert_eq!(VI.num(1234.5, 1), "1.234,5");
        assert_eq!(EN.num(-0.04, 1), "0.0");
        assert_eq!(EN.usd(1.234e9), "US$ 1.2 bn");
        assert_eq!(VI.usd(1.234e9), "1,2 tỷ USD");
        assert_eq!(EN.pct(19.4, 0), "19%");
    }

    #[test]
    fn codes_are_labelled_or_passed_through() {
        assert_eq!(VI.sector("seafood"), "Thủy sản");
        assert_eq!(EN.sector("spaceships"), "spaceships");
        assert_eq!(EN.band(Some("ready_to_diversify")), "Ready to diversify");
        assert_eq!(VI.band(None), "Chưa đánh giá");
        assert_eq!(EN.priority("latin_america"), "Latin America");
        assert_eq!(VI.measure("anti_dumping"), "Chống bán phá giá");
    }

    #[test]
    fn every_action_has_help_text_in_both_languages() {
        for a in Action::ALL {
            assert!(!EN.action(a).is_empty());
            assert!(!VI.action(a).is_empty());
            assert_ne!(EN.action(a), VI.action(a), "{}", a.name());
        }
    }
}
