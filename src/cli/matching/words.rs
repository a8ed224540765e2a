//! The human table of `goglobal match`: rank, market, score, coverage, the two strongest
//! reasons in words with their figures and years, alerts and unmet requirements.

use crate::cli::strings;
use crate::config::COMPONENTS;
use crate::domain::Sme;
use crate::domain::matching::component::*;
use crate::domain::matching::{
    Competitor, ComponentScore, Foothold, MarketResult, Matcher, Scheme,
};
use crate::domain::trade::BACI_YEAR;
use crate::lang::Lang;
use crate::say;
use crate::text::{pad, truncate};

/// US$ amounts in words: 2.1 bn, 350.0 m, 12,500.
fn usd(v: f64) -> String {
    if v >= 1e9 {
        format!("US$ {:.1} bn", v / 1e9)
    } else if v >= 1e6 {
        format!("US$ {:.1} m", v / 1e6)
    } else {
        format!("US$ {}", thousands(v))
    }
}

fn thousands(v: f64) -> String {
    crate::lang::number(crate::lang::Lang::En, v, 0)
}

fn year(c: &ComponentScore) -> String {
    c.year.map(|y| y.to_string()).unwrap_or_default()
}

/// One component as a reason, with its figure and year.
pub fn reason(i: usize, c: &ComponentScore, r: &MarketResult, vi: bool) -> String {
    let est = if c.estimate {
        if vi { ", ước tính" } else { ", estimate" }
    } else {
        ""
    };
    let fig = c.figure.unwrap_or_default();
    let hub = r.demand.as_ref().filter(|_| r.reexport_hub);
    match i {
        SIZE => match (hub, vi) {
            (Some(d), true) => format!(
                "nhập khẩu ròng {} (điểm tái xuất: nhập {}, xuất {}; {}{est})",
                usd(fig),
                usd(d.imports),
                usd(d.exports.unwrap_or_default()),
                year(c)
            ),
            (Some(d), false) => format!(
                "net imports {} (re-export hub: imports {}, exports {}; {}{est})",
                usd(fig),
                usd(d.imports),
                usd(d.exports.unwrap_or_default()),
                year(c)
            ),
            (None, true) => format!("nhập khẩu {} ({}{est})", usd(fig), year(c)),
            (None, false) => format!("imports {} ({}{est})", usd(fig), year(c)),
        },
        GROWTH => {
            let proxy = c.source.contains("proxy");
            match (vi, proxy) {
                (true, true) => format!(
                    "tổng nhập khẩu {fig:+.0}% trong 5 năm (đến {}{est})",
                    year(c)
                ),
                (true, false) => format!("nhập khẩu {fig:+.0}% trong 5 năm (đến {})", year(c)),
                (false, true) => {
                    format!("total imports {fig:+.0}% in 5 years (to {}{est})", year(c))
                }
                (false, false) => format!("imports {fig:+.0}% in 5 years (to {})", year(c)),
            }
        }
        INCOME if vi => format!("GDP/người {} ({})", usd(fig), year(c)),
        INCOME => format!("GDP per capita {} ({})", usd(fig), year(c)),
        ACCESS if !r.fta.is_empty() => {
            let label = if vi {
                "FTA có hiệu lực"
            } else {
                "FTA in force"
            };
            let more = if r.fta.len() > 3 {
                format!(" +{}", r.fta.len() - 3)
            } else {
                String::new()
            };
            format!("{label}: {}{more}", r.fta[..r.fta.len().min(3)].join(", "))
        }
        ACCESS => c.detail.clone(),
        DISTANCE if vi => format!("cách {} km (CEPII)", thousands(fig)),
        DISTANCE => format!("{} km away (CEPII)", thousands(fig)),
        LOGISTICS => format!("LPI {fig:.1} ({})", year(c)),
        STABILITY if vi => format!(
            "ổn định, pháp quyền {:.0}/100 (WGI {})",
            c.score.unwrap_or_default(),
            year(c)
        ),
        STABILITY => format!(
            "stability, rule of law {:.0}/100 (WGI {})",
            c.score.unwrap_or_default(),
            year(c)
        ),
        FIT => {
            let n = r.requirements.len();
            let met = r.requirements.iter().filter(|q| q.met).count();
            match (vi, n) {
                (true, 0) => "không có yêu cầu riêng cho sản phẩm".into(),
                (true, _) => format!("đáp ứng {met}/{n} yêu cầu"),
                (false, 0) => "no product-specific requirement".into(),
                (false, _) => format!("{met} of {n} requirements met"),
            }
        }
        _ => COMPONENTS[i].to_string(),
    }
}

/// Viet Nam's current exports of the product to the market, with share, rank, year and source.
pub fn foothold(f: &Foothold, vi: bool) -> String {
    let share = f
        .share
        .map(|s| {
            if vi {
                format!("; thị phần {:.1}%", 100.0 * s)
            } else {
                format!("; share {:.1}%", 100.0 * s)
            }
        })
        .unwrap_or_default();
    let rank = f
        .rank
        .map(|r| {
            if vi {
                format!(", hạng {r}")
            } else {
                format!(", rank {r}")
            }
        })
        .unwrap_or_default();
    if vi {
        format!(
            "chỗ đứng của Việt Nam: xuất khẩu {} ({}{share}{rank}; {})",
            usd(f.value),
            f.year,
            f.source
        )
    } else {
        format!(
            "Viet Nam's foothold: exports {} ({}{share}{rank}; {})",
            usd(f.value),
            f.year,
            f.source
        )
    }
}

/// The largest suppliers with their shares (context, not scored).
pub fn competitors(list: &[Competitor], vi: bool) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let items: Vec<String> = list
        .iter()
        .map(|c| format!("{} {:.0}%", c.iso3, 100.0 * c.share))
        .collect();
    Some(if vi {
        format!(
            "nhà cung cấp lớn nhất: {} (CEPII BACI {})",
            items.join(" · "),
            BACI_YEAR
        )
    } else {
        format!(
            "largest suppliers: {} (CEPII BACI {})",
            items.join(" · "),
            BACI_YEAR
        )
    })
}

/// The two strongest reasons: components with the largest weighted contribution. `fit` with a
/// requirement still unmet is no reason to go: that gap has its own line below the market.
pub fn two_reasons(r: &MarketResult, vi: bool) -> String {
    r.strongest()
        .into_iter()
        .filter(|&i| i != FIT || r.unmet().next().is_none())
        .take(2)
        .map(|i| reason(i, &r.components.0[i], r, vi))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why these weights, in the reader's language (the scheme's own `why` is English, for JSON).
fn scheme_why(scheme: &Scheme, band: Option<&str>, lang: Lang) -> String {
    let t = strings::get(lang);
    let vi = lang == Lang::Vi;
    let band_name = |b: &str| {
        crate::domain::readiness::Band::parse(b).map_or(b.to_string(), |x| x.label(vi).to_string())
    };
    let below = band.is_some_and(crate::domain::matching::below_ready);
    let mut out = match (&scheme.preset, band) {
        (Some(p), Some(b)) if below && p == "first_time" && !scheme.why.contains("(chosen)") => {
            say!(t.why_below_ready, preset = p, band = band_name(b))
        }
        (Some(p), _) => say!(t.why_chosen, preset = p),
        (None, Some(b)) => say!(t.why_band, band = band_name(b)),
        (None, None) => t.why_no_assessment.to_string(),
    };
    if let Some((_, list)) = scheme.why.split_once(", overridden: ") {
        out.push_str(&say!(t.why_overridden, list = list));
    }
    out
}

pub fn print_human(
    matcher: &Matcher,
    sme: &Sme,
    scheme: &Scheme,
    band: Option<&str>,
    per_product: &[(String, Vec<MarketResult>)],
    vi: bool,
) -> anyhow::Result<()> {
    let reference = matcher.reference;
    let lang = if vi { Lang::Vi } else { Lang::En };
    let (t, ui) = (strings::get(lang), crate::ui::strings::get(lang));
    crate::outln!(
        "{}",
        say!(
            t.match_sme,
            id = sme.id,
            name = sme.name,
            province = sme.province,
            sector = ui.sector(&sme.sector)
        )
    );
    let names = ui.wizard.components;
    let weights: Vec<String> = names
        .iter()
        .zip(scheme.weights)
        .map(|(c, w)| format!("{} {}", c.to_lowercase(), crate::lang::number(lang, w, 0)))
        .collect();
    let band_name = |b: &str| {
        crate::domain::readiness::Band::parse(b).map_or(b.to_string(), |x| x.label(vi).to_string())
    };
    let readiness = match band {
        Some(b) => say!(t.readiness, band = band_name(b)),
        None => t.not_assessed.to_string(),
    };
    crate::outln!("{readiness} · {}", scheme_why(scheme, band, lang));
    crate::outln!("{} {}", t.weights, weights.join(", "));
    for (hs, results) in per_product {
        crate::outln!();
        // The SME's own words, then the nomenclature's label (Vietnamese from AHTN 2022).
        let official = reference.hs_description(hs, vi);
        let desc = match sme
            .products
            .iter()
            .find(|p| p.hs == *hs && !p.description.is_empty())
        {
            Some(p) => format!(
                "{} — {}",
                p.description,
                crate::domain::hs::fit(
                    &official,
                    80usize.saturating_sub(crate::text::width(&p.description))
                )
            ),
            None => crate::domain::hs::fit(&official, 80),
        };
        let product = matcher.product(hs);
        let rca = product
            .rca
            .map(|(v, y)| {
                if vi {
                    format!(
                        " · RCA của Việt Nam (chương {}): {v:.2} ({y}, CEPII BACI)",
                        &hs[..2]
                    )
                } else {
                    format!(
                        " · Viet Nam's RCA in chapter {}: {v:.2} ({y}, CEPII BACI)",
                        &hs[..2]
                    )
                }
            })
            .unwrap_or_default();
        crate::outln!(
            "{} {hs} {}{rca}",
            if vi { "Sản phẩm" } else { "Product" },
            desc
        );
        crate::outln!(
            "{}  {}  {:>6}  {:>5}  {}",
            pad("#", 3),
            pad(if vi { "Thị trường" } else { "Market" }, 28),
            if vi { "Điểm" } else { "Score" },
            if vi { "Đủ" } else { "Cov." },
            if vi {
                "Lý do chính"
            } else {
                "Strongest reasons"
            }
        );
        for r in results {
            let name = if vi && !r.market_name_vi.is_empty() {
                &r.market_name_vi
            } else {
                &r.market_name
            };
            let mut flags = Vec::new();
            if r.existing_market {
                flags.push(if vi {
                    "đang xuất khẩu"
                } else {
                    "existing market"
                });
            }
            if r.priority_region {
                flags.push(if vi { "ưu tiên" } else { "priority region" });
            }
            if r.coverage + 1e-9 < matcher.config.min_coverage {
                flags.push(if vi {
                    "thiếu dữ liệu"
                } else {
                    "thin data"
                });
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            crate::outln!(
                "{}  {}  {:>6}  {:>4}%  {}{flags}",
                pad(&r.rank.to_string(), 3),
                pad(&truncate(&format!("{name} ({})", r.market), 28), 28),
                r.score
                    .map(|s| format!("{s:.1}"))
                    .unwrap_or_else(|| "—".into()),
                (r.coverage * 100.0).round(),
                two_reasons(r, vi)
            );
            let indent = " ".repeat(5);
            if let Some(f) = &r.vn_exports {
                crate::outln!("{indent}{}", foothold(f, vi));
            }
            if let Some(line) = competitors(&r.competitors, vi) {
                crate::outln!("{indent}{line}");
            }
            for a in r.alerts.iter().filter(|a| a.kind == "trade_remedy") {
                crate::outln!(
                    "{indent}{} {}",
                    if vi { "⚠ cảnh báo:" } else { "⚠ alert:" },
                    a.detail
                );
            }
            for q in r.unmet() {
                let title = if vi && !q.title_vi.is_empty() {
                    &q.title_vi
                } else {
                    &q.title
                };
                let services: Vec<String> = q
                    .services
                    .iter()
                    .map(|s| {
                        if s.sample && !s.name.contains("(sample)") {
                            format!("{} {}", s.name, t.sample_tag)
                        } else {
                            s.name.clone()
                        }
                    })
                    .collect();
                let via = if services.is_empty() {
                    String::new()
                } else {
                    format!(" → {}", services.join("; "))
                };
                crate::outln!("{indent}✗ {} ({}): {title}{via}", q.code, q.severity.code());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_thousands() {
        assert_eq!(usd(2.14e9), "US$ 2.1 bn");
        assert_eq!(usd(3.5e8), "US$ 350.0 m");
        assert_eq!(usd(48_213.4), "US$ 48,213");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(999.0), "999");
    }
}
