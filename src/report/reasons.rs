//! A ranking's results in words, one catalog for the `match` table and the brief: a component
//! as a reason (figure, year, estimate), Viet Nam's foothold, the largest suppliers, a source's
//! description and the plan action that closes a gap. Numbers follow the reader's language.

use serde::Serialize;

use crate::domain::gaps::{GapKind, ServiceGap};
use crate::domain::matching::component::*;
use crate::domain::matching::{Competitor, Foothold, MarketResult};
use crate::domain::readiness::Questionnaire;
use crate::domain::{Provider, Reference, TradeRemedy};
use crate::lang::{Catalog, Lang, money, number};
use crate::say;

#[derive(Debug, Serialize)]
pub struct ReasonStrings {
    /// The ranking's components in the engine's order (size, growth, income, access, distance,
    /// logistics, stability, fit): the one place their names are written, for the dashboard's
    /// wizard, `match` and the brief's pictures.
    pub components: [&'static str; 8],
    pub estimate: &'static str,
    pub size: &'static str,
    pub size_hub: &'static str,
    pub growth: &'static str,
    pub growth_proxy: &'static str,
    pub income: &'static str,
    pub fta_in_force: &'static str,
    pub no_fta: &'static str,
    pub distance: &'static str,
    pub logistics: &'static str,
    pub stability: &'static str,
    pub fit_none: &'static str,
    pub fit_one: &'static str,
    pub fit_all: &'static str,
    pub fit_some: &'static str,
    pub priority_segment: &'static str,
    pub remedy_case: &'static str,
    /// A case's note in goglobal's own translation, marked as one.
    pub remedy_note: &'static str,
    /// A case's note from the compiled sources, quoted as written (in English).
    pub remedy_note_quoted: &'static str,
    pub foothold: &'static str,
    pub foothold_none: &'static str,
    pub share: &'static str,
    pub rank: &'static str,
    pub suppliers: &'static str,
    pub rca: &'static str,
    /// Phrases of the English source descriptions (JSON's `source`), longest first, with their
    /// twin at the same place in the other language.
    pub source_words: [&'static str; 26],
    pub meet_requirement: &'static str,
    pub meet_titled: &'static str,
    pub strengthen: &'static str,
    pub with_provider: &'static str,
}

pub const EN: ReasonStrings = ReasonStrings {
    components: [
        "Size",
        "Growth",
        "Income",
        "Access",
        "Distance",
        "Logistics",
        "Stability",
        "Fit",
    ],
    estimate: "estimate",
    size: "imports of HS {hs}: {value}{when}",
    size_hub: "net imports of HS {hs}: {net} (re-export hub: imports {imports}, exports \
               {exports}){when}",
    growth: "imports {pct} in 5 years{when}",
    growth_proxy: "total imports {pct} in 5 years{when}",
    income: "GDP per capita {value}{when}",
    fta_in_force: "FTA in force: {list}",
    no_fta: "no FTA in force",
    distance: "{km} km away{when}",
    logistics: "LPI {lpi}{when}",
    stability: "stability and rule of law {score}/100{when}",
    fit_none: "no product-specific requirement",
    fit_one: "meets the market's requirement",
    fit_all: "meets all {n} requirements",
    fit_some: "{met} of {n} requirements met",
    priority_segment: "Go Global priority segment",
    remedy_case: "trade-remedy case on the product",
    remedy_note: "{note}",
    remedy_note_quoted: "{note}",
    foothold: "Viet Nam's foothold: exports {value} ({year}{share}{rank}; {source})",
    foothold_none: "Viet Nam's foothold: none recorded ({year}; {source})",
    share: "; share {pct}",
    rank: ", rank {rank}",
    suppliers: "largest suppliers: {list} (CEPII BACI {year})",
    rca: "Viet Nam's RCA in chapter {chapter}: {rca} ({year}, CEPII BACI)",
    source_words: [
        "net imports (re-export hub: its exports reach half its imports)",
        "(heading total: the HS 2022 subheading has no figure in this BACI edition)",
        "(implied by the flows' growth rates), on the 5-year scale",
        "share of world exports",
        "(no world trade figures for chapter",
        "(no merchandise imports for this market)",
        "political stability only (no rule of law estimate)",
        "rule of law only (no political stability estimate)",
        "political stability and rule of law",
        "no estimates",
        "goglobal requirements table",
        "(compiled)",
        "(proxy: no product series)",
        "total merchandise imports",
        "top-6 importer list",
        "residual estimate",
        "bilateral table",
        "no imports of HS",
        "recorded",
        "(no imports five years apart for this market)",
        "(no GDP per capita for this market)",
        "(no distance for this market)",
        "(no LPI score for this market)",
        "(file ",
        "imports",
        "chapter",
    ],
    meet_requirement: "Meet requirement {code}",
    meet_titled: "Meet {code}: {title}",
    strengthen: "Strengthen readiness domain {domain} ({name})",
    with_provider: "{what} — with {provider}",
};

pub const VI: ReasonStrings = ReasonStrings {
    components: [
        "Quy mô",
        "Tăng trưởng",
        "Thu nhập",
        "Tiếp cận",
        "Khoảng cách",
        "Logistics",
        "Ổn định",
        "Phù hợp",
    ],
    estimate: "ước tính",
    size: "nhập khẩu HS {hs}: {value}{when}",
    size_hub: "nhập khẩu ròng HS {hs}: {net} (điểm tái xuất: nhập {imports}, xuất {exports}){when}",
    growth: "nhập khẩu {pct} trong 5 năm{when}",
    growth_proxy: "tổng nhập khẩu {pct} trong 5 năm{when}",
    income: "GDP/người {value}{when}",
    fta_in_force: "FTA có hiệu lực: {list}",
    no_fta: "chưa có FTA có hiệu lực",
    distance: "cách {km} km{when}",
    logistics: "LPI {lpi}{when}",
    stability: "ổn định và pháp quyền {score}/100{when}",
    fit_none: "không có yêu cầu riêng cho sản phẩm",
    fit_one: "đáp ứng yêu cầu của thị trường",
    fit_all: "đáp ứng cả {n} yêu cầu",
    fit_some: "đáp ứng {met}/{n} yêu cầu",
    priority_segment: "thị trường ưu tiên của chương trình Go Global",
    remedy_case: "vụ việc phòng vệ thương mại với sản phẩm",
    remedy_note: "Ghi chú (bản dịch của goglobal): {note}",
    remedy_note_quoted: "Ghi chú của nguồn, trích nguyên văn tiếng Anh: {note}",
    foothold: "chỗ đứng của Việt Nam: xuất khẩu {value} ({year}{share}{rank}; {source})",
    foothold_none: "chỗ đứng của Việt Nam: chưa có xuất khẩu ({year}; {source})",
    share: "; thị phần {pct}",
    rank: ", hạng {rank}",
    suppliers: "nhà cung cấp lớn nhất: {list} (CEPII BACI {year})",
    rca: "RCA của Việt Nam (chương {chapter}): {rca} ({year}, CEPII BACI)",
    source_words: [
        "nhập khẩu ròng (điểm tái xuất: xuất khẩu đạt một nửa nhập khẩu)",
        "(tổng nhóm 4 số: phân nhóm HS 2022 chưa có số liệu trong ấn bản BACI này)",
        "(suy ra từ tốc độ tăng của các dòng thương mại), quy về 5 năm",
        "thị phần xuất khẩu thế giới",
        "(không có số liệu thương mại thế giới cho chương",
        "(thị trường này không có số nhập khẩu hàng hóa)",
        "chỉ ổn định chính trị (chưa có ước tính pháp quyền)",
        "chỉ pháp quyền (chưa có ước tính ổn định chính trị)",
        "ổn định chính trị và pháp quyền",
        "chưa có ước tính",
        "bảng yêu cầu của goglobal",
        "(tổng hợp)",
        "(số thay thế: sản phẩm không có chuỗi số liệu riêng)",
        "tổng nhập khẩu hàng hóa",
        "danh sách 6 nước nhập khẩu lớn nhất",
        "ước tính phần còn lại",
        "bảng song phương",
        "không ghi nhận nhập khẩu HS",
        "",
        "(thị trường này không có số nhập khẩu cách nhau 5 năm)",
        "(thị trường này không có GDP/người)",
        "(thị trường này không có khoảng cách)",
        "(thị trường này không có điểm LPI)",
        "(tệp ",
        "nhập khẩu",
        "chương",
    ],
    meet_requirement: "Đáp ứng yêu cầu {code}",
    meet_titled: "Đáp ứng {code}: {title}",
    strengthen: "Nâng mức sẵn sàng nhóm {domain} ({name})",
    with_provider: "{what} — với {provider}",
};

impl Catalog for ReasonStrings {
    fn of(lang: Lang) -> &'static ReasonStrings {
        strings(lang)
    }
}

pub fn strings(lang: Lang) -> &'static ReasonStrings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

/// A trade-remedy case's note for the reader: in Vietnamese goglobal's translation, marked as
/// such (the source's English, marked as a quotation, where a case has no translation); in
/// English the source's note as compiled. None for a case without a note.
pub fn remedy_note(lang: Lang, x: &TradeRemedy) -> Option<String> {
    if x.detail.is_empty() {
        return None;
    }
    let s = strings(lang);
    Some(match lang {
        Lang::Vi if !x.detail_vi.is_empty() => say!(s.remedy_note, note = x.detail_vi),
        _ => say!(s.remedy_note_quoted, note = x.detail),
    })
}

/// The names of the ranking's eight components, in the engine's order.
pub fn component_names(lang: Lang) -> &'static [&'static str; 8] {
    &strings(lang).components
}

/// A share 0–1 as a percentage with one decimal: "94.2%", "94,2%".
pub fn percent(lang: Lang, share: f64) -> String {
    format!("{}%", number(lang, 100.0 * share, 1))
}

/// A signed whole change in percent: "+12%", "−3%".
fn signed_percent(lang: Lang, v: f64) -> String {
    let text = number(lang, v.abs(), 0);
    if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("−{text}%")
    } else {
        format!("+{text}%")
    }
}

/// " (2024)", " (2024, estimate)" or nothing.
pub fn year_note(lang: Lang, year: Option<u16>, estimate: bool) -> String {
    let mut parts: Vec<String> = year.map(|y| y.to_string()).into_iter().collect();
    if estimate {
        parts.push(strings(lang).estimate.to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Component `i` of result `r` as a reason, with its figure and year.
pub fn reason(lang: Lang, r: &MarketResult, i: usize) -> String {
    let s = strings(lang);
    let c = &r.components.0[i];
    let when = year_note(lang, c.year, c.estimate);
    let fig = c.figure.unwrap_or_default();
    match i {
        SIZE => match r.demand.as_ref().filter(|_| r.reexport_hub) {
            Some(d) => say!(
                s.size_hub,
                hs = c.detail,
                net = money(lang, fig),
                imports = money(lang, d.imports),
                exports = money(lang, d.exports.unwrap_or_default()),
                when = when
            ),
            None => say!(s.size, hs = c.detail, value = money(lang, fig), when = when),
        },
        // The growth proxy is the total of all goods, not the product (its source says so).
        GROWTH if c.source.contains("proxy") => {
            say!(s.growth_proxy, pct = signed_percent(lang, fig), when = when)
        }
        GROWTH => say!(s.growth, pct = signed_percent(lang, fig), when = when),
        INCOME => say!(s.income, value = money(lang, fig), when = when),
        ACCESS if !r.fta.is_empty() => {
            let more = match r.fta.len() {
                n if n > 3 => format!(" +{}", n - 3),
                _ => String::new(),
            };
            let shown: Vec<&str> = r.fta.iter().take(3).map(String::as_str).collect();
            say!(s.fta_in_force, list = format!("{}{more}", shown.join(", ")))
        }
        ACCESS => s.no_fta.to_string(),
        DISTANCE => say!(s.distance, km = number(lang, fig, 0), when = when),
        LOGISTICS => say!(s.logistics, lpi = number(lang, fig, 1), when = when),
        STABILITY => say!(
            s.stability,
            score = number(lang, c.score.unwrap_or_default(), 0),
            when = when
        ),
        _ => {
            let n = r.requirements.len();
            let met = r.requirements.iter().filter(|q| q.met).count();
            match n {
                0 => s.fit_none.to_string(),
                1 if met == 1 => s.fit_one.to_string(),
                _ if met == n => say!(s.fit_all, n = n),
                _ => say!(s.fit_some, met = met, n = n),
            }
        }
    }
}

/// What a score adjustment is, in words.
pub fn adjustment_label(lang: Lang, kind: &str) -> &'static str {
    let s = strings(lang);
    match kind {
        "priority_region" => s.priority_segment,
        _ => s.remedy_case,
    }
}

/// A source description (English in the JSON) in the reader's language: the kind of figure
/// ("bilateral table", "residual estimate") is a phrase; names and codes stay as they are.
pub fn source(lang: Lang, text: &str) -> String {
    let (en, mine) = (&strings(Lang::En).source_words, &strings(lang).source_words);
    let mut out = text.to_string();
    for (from, to) in en.iter().zip(mine) {
        if from != to && out.contains(from) {
            out = out.replace(from, to);
        }
    }
    // A phrase translated to nothing can leave a double space or a space before ")".
    while out.contains("  ") {
        out = out.replace("  ", " ");
    }
    out.replace(" )", ")").trim_end().to_string()
}

/// Viet Nam's current exports of the product to the market, with share, rank, year and source;
/// "none recorded" where the bilateral table has none.
pub fn foothold(lang: Lang, f: &Foothold) -> String {
    let s = strings(lang);
    let source = source(lang, &f.source);
    if f.value <= 0.0 {
        return say!(s.foothold_none, year = f.year, source = source);
    }
    let share = f
        .share
        .map(|x| say!(s.share, pct = percent(lang, x)))
        .unwrap_or_default();
    let rank = f.rank.map(|r| say!(s.rank, rank = r)).unwrap_or_default();
    say!(
        s.foothold,
        value = money(lang, f.value),
        year = f.year,
        share = share,
        rank = rank,
        source = source
    )
}

/// The largest suppliers with their shares (context, not scored); None when there are none.
pub fn competitors(lang: Lang, list: &[Competitor]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let items: Vec<String> = list
        .iter()
        .map(|c| format!("{} {}%", c.iso3, number(lang, 100.0 * c.share, 0)))
        .collect();
    Some(say!(
        strings(lang).suppliers,
        list = items.join(" · "),
        year = crate::domain::trade::BACI_YEAR
    ))
}

/// Viet Nam's revealed comparative advantage in the product's chapter.
pub fn rca(lang: Lang, hs: &str, value: f64, year: u16) -> String {
    say!(
        strings(lang).rca,
        chapter = hs.get(..2).unwrap_or(hs),
        rca = number(lang, value, 2),
        year = year
    )
}

fn provider_name(p: &Provider, lang: Lang) -> &str {
    if lang == Lang::Vi && !p.name_vi.is_empty() {
        &p.name_vi
    } else {
        &p.name
    }
}

/// The plan action for a gap closed with `provider`, in the advisor's language:
/// "Meet GCC-HALAL-MEAT: Halal certificate for meat… — with Vinacert".
pub fn plan_action(
    r: &Reference,
    gap: &ServiceGap,
    provider: Option<&Provider>,
    lang: Lang,
) -> String {
    let s = strings(lang);
    let vi = lang == Lang::Vi;
    let what = match &gap.kind {
        GapKind::Requirement { code, .. } => {
            let title = r
                .requirements
                .iter()
                .find(|q| &q.code == code)
                .map(|q| {
                    if vi && !q.title_vi.is_empty() {
                        q.title_vi.as_str()
                    } else {
                        q.title.as_str()
                    }
                })
                .unwrap_or("");
            if title.is_empty() {
                say!(s.meet_requirement, code = code)
            } else {
                say!(s.meet_titled, code = code, title = title)
            }
        }
        GapKind::Readiness { domain, .. } => {
            let name = Questionnaire::builtin()
                .domain(domain)
                .map(|d| d.name(vi).to_string())
                .unwrap_or_default();
            say!(s.strengthen, domain = domain, name = name)
        }
    };
    match provider {
        Some(p) => say!(
            s.with_provider,
            what = what,
            provider = provider_name(p, lang)
        ),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remedy_note_is_the_translation_in_vietnamese_and_the_source_in_english() {
        let mut x = TradeRemedy {
            id: "T1".into(),
            market: "USA".into(),
            hs_prefixes: vec!["0304".into()],
            measure: "anti_dumping".into(),
            year: Some(2003),
            status: "active".into(),
            detail: "Order 2003-08-12".into(),
            detail_vi: "Lệnh áp thuế ngày 2003-08-12".into(),
            ..TradeRemedy::default()
        };
        assert_eq!(
            remedy_note(Lang::En, &x).as_deref(),
            Some("Order 2003-08-12")
        );
        assert_eq!(
            remedy_note(Lang::Vi, &x).as_deref(),
            Some("Ghi chú (bản dịch của goglobal): Lệnh áp thuế ngày 2003-08-12")
        );
        x.detail_vi.clear();
        assert_eq!(
            remedy_note(Lang::Vi, &x).as_deref(),
            Some("Ghi chú của nguồn, trích nguyên văn tiếng Anh: Order 2003-08-12")
        );
        x.detail.clear();
        assert_eq!(remedy_note(Lang::Vi, &x), None);
    }

    #[test]
    fn percentages_in_each_language() {
        assert_eq!(percent(Lang::Vi, 0.942), "94,2%");
        assert_eq!(signed_percent(Lang::En, -3.2), "−3%");
        assert_eq!(signed_percent(Lang::En, 12.0), "+12%");
    }

    #[test]
    fn sources_say_the_kind_of_figure_in_the_language() {
        let text = "CEPII BACI 2024 (HS 2017, bilateral table), HS 030462";
        assert_eq!(source(Lang::En, text), text);
        assert_eq!(
            source(Lang::Vi, text),
            "CEPII BACI 2024 (HS 2017, bảng song phương), HS 030462"
        );
        assert_eq!(
            source(
                Lang::Vi,
                "CEPII BACI 2024 (HS 2017, bilateral table): no imports of HS 0901 recorded"
            ),
            "CEPII BACI 2024 (HS 2017, bảng song phương): không ghi nhận nhập khẩu HS 0901"
        );
        assert_eq!(
            source(Lang::Vi, "ITC Trade Map (file a.txt), HS 0901"),
            "ITC Trade Map (tệp a.txt), HS 0901"
        );
    }

    #[test]
    fn a_size_source_reads_in_vietnamese() {
        assert_eq!(
            source(
                Lang::Vi,
                "CEPII BACI 2024 (HS 2022, residual estimate): HS 0901 imports"
            ),
            "CEPII BACI 2024 (HS 2022, ước tính phần còn lại): HS 0901 nhập khẩu"
        );
        assert_eq!(
            source(
                Lang::Vi,
                "World Bank WDI TM.VAL.MRCH.CD.WT: total merchandise imports 2019–2024 (proxy: no product series)"
            ),
            "World Bank WDI TM.VAL.MRCH.CD.WT: tổng nhập khẩu hàng hóa 2019–2024 (số thay thế: sản phẩm không có chuỗi số liệu riêng)"
        );
    }

    #[test]
    fn every_source_phrase_has_a_twin() {
        for (en, vi) in EN.source_words.iter().zip(VI.source_words) {
            assert!(!en.is_empty());
            // Only "recorded" goes away: Vietnamese says it before the code.
            assert!(!vi.is_empty() || *en == "recorded", "{en}");
        }
    }

    #[test]
    fn plan_actions_in_both_languages() {
        let r = crate::domain::gaps::tests::reference();
        let gap = ServiceGap {
            iso3: "ARE".into(),
            hs: "160100".into(),
            kind: GapKind::Requirement {
                code: "HALAL".into(),
                severity: crate::domain::Severity::Mandatory,
            },
            proposals: vec!["b-real".into()],
        };
        let p = r.provider("b-real");
        assert_eq!(
            plan_action(&r, &gap, p, Lang::En),
            "Meet HALAL: HALAL title — with Provider b-real"
        );
        assert_eq!(
            plan_action(&r, &gap, p, Lang::Vi),
            "Đáp ứng HALAL: HALAL tiêu đề — với Đơn vị b-real"
        );
        let weak = ServiceGap {
            kind: GapKind::Readiness {
                domain: "F".into(),
                score: 20.0,
            },
            ..gap
        };
        let text = plan_action(&r, &weak, None, Lang::En);
        assert!(
            text.starts_with("Strengthen readiness domain F ("),
            "{text}"
        );
        assert!(!text.contains("with"));
    }
}
