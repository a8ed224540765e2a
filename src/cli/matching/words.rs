//! The human table of `goglobal match`: rank, market, score, coverage, the two strongest
//! reasons in words with their figures and years, alerts and unmet requirements. The reasons,
//! footholds and suppliers are the brief's sentences ([`crate::report::reasons`]).

use crate::cli::strings;
use crate::domain::Sme;
use crate::domain::matching::component::*;
use crate::domain::matching::{MarketResult, Matcher, Scheme, WeightsWhy};
use crate::domain::readiness::Band;
use crate::lang::{Lang, number};
use crate::report::reasons;
use crate::report::strings::code_name;
use crate::say;
use crate::store::sample_texts;
use crate::text::{pad, truncate};

/// The two strongest reasons: components with the largest weighted contribution. `fit` with a
/// requirement still unmet is no reason to go: that gap has its own line below the market.
pub fn two_reasons(lang: Lang, r: &MarketResult) -> String {
    r.strongest()
        .into_iter()
        .filter(|&i| i != FIT || r.unmet().next().is_none())
        .take(2)
        .map(|i| reasons::reason(lang, r, i))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A readiness band as stored ("preparing"), in words of the language.
fn band_name(band: &str, lang: Lang) -> String {
    Band::parse(band).map_or(band.to_string(), |b| b.label(lang == Lang::Vi).to_string())
}

/// Why these weights, in the reader's language.
fn scheme_why(scheme: &Scheme, lang: Lang) -> String {
    let t = strings::get(lang);
    let preset = scheme.preset.as_deref().unwrap_or("");
    let mut out = match &scheme.why {
        WeightsWhy::PresetChosen => say!(t.why_chosen, preset = preset),
        WeightsWhy::BelowReady { band } => {
            say!(
                t.why_below_ready,
                preset = preset,
                band = band_name(band, lang)
            )
        }
        WeightsWhy::DefaultWithBand { band } => say!(t.why_band, band = band_name(band, lang)),
        WeightsWhy::DefaultUnassessed => t.why_no_assessment.to_string(),
    };
    if !scheme.overridden.is_empty() {
        let list: Vec<String> = scheme
            .overridden
            .iter()
            .map(|&(i, w)| {
                let name = crate::config::COMPONENTS.get(i).copied().unwrap_or("?");
                format!(
                    "{name}={}",
                    number(lang, w, if w.fract() == 0.0 { 0 } else { 1 })
                )
            })
            .collect();
        out.push_str(&say!(t.why_overridden, list = list.join(", ")));
    }
    out
}

pub fn print_human(
    matcher: &Matcher,
    sme: &Sme,
    scheme: &Scheme,
    band: Option<&str>,
    per_product: &[(String, Vec<MarketResult>)],
    lang: Lang,
) -> anyhow::Result<()> {
    let reference = matcher.reference;
    let vi = lang == Lang::Vi;
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
    let weights: Vec<String> = reasons::component_names(lang)
        .iter()
        .zip(scheme.weights)
        .map(|(c, w)| format!("{} {}", c.to_lowercase(), number(lang, w, 0)))
        .collect();
    match band {
        Some(b) => crate::outln!(
            "{} · {}",
            say!(t.readiness, band = band_name(b, lang)),
            scheme_why(scheme, lang)
        ),
        // The default weights already say the SME has no assessment.
        None => crate::outln!("{}", scheme_why(scheme, lang)),
    }
    crate::outln!("{} {}", t.weights, weights.join(", "));
    for (hs, results) in per_product {
        crate::outln!();
        // The SME's own words, then the nomenclature's label (Vietnamese from AHTN 2022).
        let official = reference.hs_description(hs, vi);
        let description = match sme
            .products
            .iter()
            .find(|p| p.hs == *hs && !p.description.is_empty())
        {
            Some(p) => {
                let own = sample_texts::sme_text(lang, sme.is_sample(), &p.description);
                format!(
                    "{own} — {}",
                    crate::domain::hs::fit(
                        &official,
                        80usize.saturating_sub(crate::text::width(own))
                    )
                )
            }
            None => crate::domain::hs::fit(&official, 80),
        };
        let rca = matcher
            .product(hs)
            .rca
            .map(|(v, y)| format!(" · {}", reasons::rca(lang, hs, v, y)))
            .unwrap_or_default();
        crate::outln!(
            "{}{rca}",
            say!(t.match_product, hs = hs, description = description)
        );
        let [hash, market, score, cov, why] = t.match_columns;
        crate::outln!(
            "{}  {}  {:>6}  {:>5}  {}",
            pad(hash, 3),
            pad(market, 28),
            pad_left(score, 6),
            pad_left(cov, 5),
            why
        );
        for r in results {
            let name = if vi && !r.market_name_vi.is_empty() {
                &r.market_name_vi
            } else {
                &r.market_name
            };
            let mut flags = Vec::new();
            if r.existing_market {
                flags.push(t.flag_existing);
            }
            if r.priority_region {
                flags.push(t.flag_priority);
            }
            if r.coverage + 1e-9 < matcher.config.min_coverage {
                flags.push(t.flag_thin);
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
                    .map(|s| number(lang, s, 1))
                    .unwrap_or_else(|| "—".into()),
                (r.coverage * 100.0).round(),
                two_reasons(lang, r)
            );
            let indent = " ".repeat(5);
            if let Some(f) = &r.vn_exports {
                crate::outln!("{indent}{}", reasons::foothold(lang, f));
            }
            if let Some(line) = reasons::competitors(lang, &r.competitors) {
                crate::outln!("{indent}{line}");
            }
            for x in reference
                .remedies_for(&r.market, &r.hs)
                .filter(|x| x.is_live())
            {
                let product = if vi && !x.product_vi.is_empty() {
                    &x.product_vi
                } else {
                    &x.product
                };
                let case = if x.case_ref.is_empty() {
                    &x.id
                } else {
                    &x.case_ref
                };
                let alert = say!(
                    t.remedy_alert,
                    measure = code_name(lang, &x.measure),
                    status = code_name(lang, &x.status),
                    product = product,
                    case = case
                );
                crate::outln!("{indent}{} {alert}", t.alert);
                if let Some(note) = reasons::remedy_note(lang, x) {
                    crate::outln!("{indent}  {note}");
                }
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
                        let name = reference
                            .provider(&s.id)
                            .filter(|p| vi && !p.name_vi.is_empty())
                            .map_or(s.name.as_str(), |p| p.name_vi.as_str());
                        if s.sample && !name.contains(t.sample_tag) {
                            format!("{name} {}", t.sample_tag)
                        } else {
                            name.to_string()
                        }
                    })
                    .collect();
                let via = if services.is_empty() {
                    String::new()
                } else {
                    format!(" → {}", services.join("; "))
                };
                let severity = code_name(lang, q.severity.code());
                crate::outln!("{indent}✗ {} ({severity}): {title}{via}", q.code);
            }
        }
    }
    Ok(())
}

/// `text` right-aligned in `width` columns (by display width, not bytes).
fn pad_left(text: &str, width: usize) -> String {
    let w = crate::text::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}
