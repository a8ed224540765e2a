//! Build a [`Brief`] from domain values: the SME, the reference data, its readiness and market
//! ranking (already turned into view rows), the chosen market, its pipeline and plan.

use std::collections::BTreeMap;

use super::strings::{code_name, strings};
use super::*;
use crate::domain::matching::MarketResult;
use crate::domain::readiness::{Band, Questionnaire, Readiness};
use crate::domain::reference::sources;
use crate::domain::*;
use crate::store::sample_texts::{demo_text, sme_text};

/// The SME's latest readiness assessment.
pub struct Assessed<'a> {
    pub result: &'a Readiness,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub assessor: &'a str,
    /// Scores where the bands "preparing", "ready" and "ready to diversify" start (config).
    pub band_limits: [f64; 3],
}

/// A readiness domain below this score makes its gaps worth a proposed service (DESIGN §4.3).
pub use crate::domain::gaps::WEAK_DOMAIN_BELOW;

/// What the brief is made of. Readiness and ranking come in as view rows so that the brief
/// does not depend on how they were computed.
pub struct BriefInput<'a> {
    pub lang: Lang,
    /// `YYYY-MM-DD` the brief is prepared on.
    pub date: String,
    pub advisor: String,
    pub reference: &'a Reference,
    pub sme: &'a Sme,
    pub assessment: Option<Assessed<'a>>,
    /// Match results of the SME's products (any number, each product's full ranking).
    pub matches: &'a [MarketResult],
    /// `[matching] min_coverage`: markets with less data rank after the others.
    pub min_coverage: f64,
    /// The market to detail (ISO3); `None`: the top-ranked, else the first open shortlisted.
    pub market: Option<String>,
    pub shortlist: &'a [ShortlistEntry],
    pub plan: &'a [PlanItem],
}

pub fn assemble(input: BriefInput) -> Brief {
    let BriefInput {
        lang,
        date,
        advisor,
        reference: r,
        sme,
        assessment,
        matches,
        min_coverage,
        market,
        shortlist,
        plan,
    } = input;
    let (ranking, ranking_sources) = ranking::top_markets(lang, matches, min_coverage);
    let market = market
        .or_else(|| ranking.first().map(|m| m.iso3.clone()))
        .or_else(|| {
            shortlist
                .iter()
                .find(|e| e.stage != Stage::Dropped)
                .map(|e| e.iso3.clone())
        });
    // The product: the one the market ranks best for, else the one shortlisted, else the first.
    let market = market.and_then(|iso3| {
        let hs = best_match(matches, &iso3)
            .map(|m| m.hs.clone())
            .or_else(|| {
                let mut entries: Vec<_> = shortlist.iter().filter(|e| e.iso3 == iso3).collect();
                entries.sort_by_key(|e| e.stage == Stage::Dropped);
                entries.first().map(|e| e.hs.clone())
            })
            .or_else(|| sme.products.first().map(|p| p.hs.clone()))?;
        Some((iso3, hs))
    });
    let vi = lang == Lang::Vi;
    let market_name = |iso3: &str| {
        r.market(iso3)
            .map(|m| format!("{} ({iso3})", m.display_name(vi)))
            .unwrap_or_else(|| iso3.to_string())
    };
    let pipeline = shortlist
        .iter()
        .map(|e| PipelineRow {
            market: market_name(&e.iso3),
            hs: e.hs.clone(),
            stage: code_name(lang, e.stage.code()),
            reason: demo_text(lang, &e.reason).to_string(),
            score: e.score,
            updated: e.updated_at.chars().take(10).collect(),
        })
        .collect();
    let plan_rows = plan
        .iter()
        .map(|p| PlanRow {
            market: market_name(&p.iso3),
            gap: p.gap.clone(),
            action: demo_text(lang, &p.action).to_string(),
            provider: p
                .provider_id
                .as_deref()
                .map(|id| {
                    r.provider(id)
                        .map(|pr| provider_name(pr, vi))
                        .unwrap_or_else(|| id.to_string())
                })
                .unwrap_or_default(),
            owner: p.owner.clone(),
            due: p.due.clone().unwrap_or_default(),
            status: code_name(lang, p.status.code()),
        })
        .collect();
    Brief {
        lang,
        date,
        advisor,
        reference_version: r.version.clone(),
        sme_id: sme.id,
        sme_name: sme.name.clone(),
        sample: sme.is_sample(),
        profile: profile(lang, r, sme),
        readiness: assessment.as_ref().map(|a| readiness_view(lang, a)),
        ranking_sources,
        market: market.map(|(iso3, hs)| {
            let tags = assessment
                .as_ref()
                .map(|a| readiness_gap_tags(a.result))
                .unwrap_or_default();
            let demand = matches
                .iter()
                .find(|m| m.market == iso3 && m.hs == hs)
                .map(|m| ranking::demand_lines(lang, m))
                .unwrap_or_default();
            market_brief(lang, r, sme, (&iso3, &hs), demand, &tags, plan)
        }),
        pipeline,
        plan: plan_rows,
        map: map_markers(lang, r, &ranking, shortlist),
        ranking,
    }
}

/// Service tags of the readiness gaps worth a service in the brief: failed gates, and items
/// of domains below [`WEAK_DOMAIN_BELOW`]; weakest first, each tag once.
pub fn readiness_gap_tags(result: &Readiness) -> Vec<String> {
    let weak = result.weak_domains(WEAK_DOMAIN_BELOW);
    let mut tags: Vec<String> = Vec::new();
    for g in &result.gaps {
        if (g.gate || weak.contains(&g.domain.as_str()))
            && !g.tag.is_empty()
            && !tags.contains(&g.tag)
        {
            tags.push(g.tag.clone());
        }
    }
    tags
}

/// Overall score, band and one bar per domain, with domain names from the questionnaire.
pub fn readiness_view(lang: Lang, a: &Assessed) -> ReadinessView {
    let vi = lang == Lang::Vi;
    let q = Questionnaire::builtin();
    ReadinessView {
        date: a.date.to_string(),
        assessor: a.assessor.to_string(),
        overall: a.result.overall,
        band: a
            .result
            .band
            .map(|b| b.label(vi).to_string())
            .unwrap_or_else(|| "—".into()),
        capped: a.result.capped_by_gate,
        coverage: a.result.answered_share(),
        domains: a
            .result
            .domains
            .iter()
            .map(|(code, d)| DomainBar {
                name: q
                    .domain(code)
                    .map(|x| format!("{code} {}", x.name(vi)))
                    .unwrap_or_else(|| code.clone()),
                score: d.score,
            })
            .collect(),
        bands: Band::ALL
            .iter()
            .zip([0.0, a.band_limits[0], a.band_limits[1], a.band_limits[2]])
            .map(|(band, from)| BandLimit {
                from,
                name: band.label(vi).to_string(),
            })
            .collect(),
    }
}

/// The top markets and the open shortlisted ones, where the reference data place them.
fn map_markers(
    lang: Lang,
    r: &Reference,
    ranking: &[RankedMarket],
    shortlist: &[ShortlistEntry],
) -> Vec<MapMarker> {
    let mut markers: Vec<MapMarker> = Vec::new();
    let open = shortlist.iter().filter(|e| e.stage != Stage::Dropped);
    let codes = ranking
        .iter()
        .map(|m| m.iso3.as_str())
        .chain(open.map(|e| e.iso3.as_str()));
    for iso3 in codes {
        if markers.iter().any(|m| m.iso3 == iso3) {
            continue;
        }
        let Some(m) = r.market(iso3) else { continue };
        let (Some(lat), Some(lon)) = (m.lat, m.lon) else {
            continue;
        };
        markers.push(MapMarker {
            iso3: iso3.to_string(),
            name: m.display_name(lang == Lang::Vi).to_string(),
            lat,
            lon,
            rank: ranking.iter().find(|x| x.iso3 == iso3).map(|x| x.rank),
            shortlisted: shortlist
                .iter()
                .any(|e| e.iso3 == iso3 && e.stage != Stage::Dropped),
        });
    }
    markers
}

/// The best-scoring match of market `iso3` over all products.
fn best_match<'m>(matches: &'m [MarketResult], iso3: &str) -> Option<&'m MarketResult> {
    matches
        .iter()
        .filter(|m| m.market == iso3 && m.score.is_some())
        .max_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)))
}

fn provider_name(p: &Provider, vi: bool) -> String {
    if vi && !p.name_vi.is_empty() {
        p.name_vi.clone()
    } else {
        p.name.clone()
    }
}

fn or_none(lang: Lang, items: Vec<String>) -> String {
    if items.is_empty() {
        strings(lang).none.to_string()
    } else {
        items.join(", ")
    }
}

fn profile(lang: Lang, r: &Reference, sme: &Sme) -> Vec<(String, String)> {
    let s = strings(lang);
    let vi = lang == Lang::Vi;
    let mut rows = vec![(s.tax_code, sme.tax_code.clone())];
    rows.push((s.province, sme.province.clone()));
    rows.push((s.sector, code_name(lang, &sme.sector)));
    if let (Some(class), Some(n)) = (sme.size_class(), sme.employees) {
        rows.push((
            s.size,
            format!(
                "{} ({} {})",
                code_name(lang, class),
                number(lang, n as f64, 0),
                s.employees.to_lowercase()
            ),
        ));
    }
    if let Some(rev) = sme.revenue_usd {
        rows.push((
            s.revenue,
            format!("{} ({})", money(lang, rev), s.declared_by_sme),
        ));
    }
    if let Some(y) = sme.founded {
        rows.push((s.founded, y.to_string()));
    }
    if let Some(e) = sme.export_experience {
        rows.push((s.experience, code_name(lang, e.code())));
    }
    let products = sme
        .products
        .iter()
        .map(|p| {
            let official = r.hs_description(&p.hs, vi);
            let own = sme_text(lang, sme.is_sample(), &p.description);
            let desc = match (own.is_empty(), official.is_empty()) {
                (true, _) => official,
                (false, true) => own.to_string(),
                (false, false) => format!("{own} — {official}"),
            };
            format!("{} {desc}", p.hs).trim().to_string()
        })
        .collect();
    rows.push((s.products, or_none(lang, products)));
    let markets = sme
        .current_markets
        .iter()
        .map(|m| {
            r.market(m)
                .map(|x| x.display_name(vi).to_string())
                .unwrap_or_else(|| m.clone())
        })
        .collect();
    rows.push((s.current_markets, or_none(lang, markets)));
    let certs = sme
        .certifications
        .iter()
        .map(|c| match r.certification(c) {
            Some(cert) if vi && !cert.name_vi.is_empty() => cert.name_vi.clone(),
            Some(cert) if !cert.name.is_empty() => cert.name.clone(),
            _ => c.clone(),
        })
        .collect();
    rows.push((s.certifications, or_none(lang, certs)));
    if !sme.languages.is_empty() {
        rows.push((s.languages, sme.languages.join(", ")));
    }
    let contact: Vec<String> = [&sme.contact_name, &sme.contact_email, &sme.contact_phone]
        .into_iter()
        .filter(|v| !v.is_empty())
        .cloned()
        .collect();
    if !contact.is_empty() {
        rows.push((s.contact, contact.join(" · ")));
    }
    rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The HS description: Vietnamese from AHTN 2022 (a parent path where the line alone says only
/// "Loại khác"), English from HS 2022.
fn hs_label(r: &Reference, hs: &str, vi: bool) -> String {
    r.hs_description(hs, vi)
}

fn figures(lang: Lang, m: &Market, demand: Vec<FigureLine>) -> Vec<FigureLine> {
    let s = strings(lang);
    let line = |label: &str, value: String, year: u16, source: &str| FigureLine {
        label: label.to_string(),
        value,
        year: Some(year),
        source: source.to_string(),
        estimate: false,
    };
    let mut out = Vec::new();
    if let Some(f) = m.gdp_usd {
        out.push(line(s.gdp, money(lang, f.value), f.year, sources::WDI_GDP));
    }
    if let Some(f) = m.gdp_per_capita_usd {
        let value = money(lang, f.value);
        out.push(line(s.gdp_per_capita, value, f.year, sources::WDI_GDP_PC));
    }
    if let Some(f) = m.population {
        let value = crate::lang::amount(lang, f.value);
        out.push(line(s.population, value, f.year, sources::WDI_POP));
    }
    if let Some(f) = m.latest_imports() {
        out.push(line(
            s.imports_total,
            money(lang, f.value),
            f.year,
            sources::WDI_IMPORTS,
        ));
    }
    out.extend(demand);
    if let Some(l) = &m.lpi {
        out.push(line(
            s.lpi,
            number(lang, l.overall, 1),
            sources::LPI_YEAR,
            sources::LPI,
        ));
    }
    if let Some(km) = m.distance_km {
        out.push(line(
            s.distance,
            s.km.replace("{}", &number(lang, km, 0)),
            sources::CEPII_DIST_YEAR,
            sources::CEPII_DIST,
        ));
    }
    out
}

fn market_brief(
    lang: Lang,
    r: &Reference,
    sme: &Sme,
    (iso3, hs): (&str, &str),
    demand: Vec<FigureLine>,
    readiness_tags: &[String],
    plan: &[PlanItem],
) -> MarketBrief {
    let vi = lang == Lang::Vi;
    let pick = |en: &str, vi_text: &str| {
        if vi && !vi_text.is_empty() {
            vi_text.to_string()
        } else {
            en.to_string()
        }
    };
    let m = r.market(iso3);
    let mut ftas: Vec<&Fta> = r.ftas_with(iso3).collect();
    ftas.sort_by(|a, b| a.status.cmp(&b.status).then(a.code.cmp(&b.code)));
    let fta_rows = ftas
        .iter()
        .map(|f| FtaRow {
            code: f.code.clone(),
            name: pick(&f.name, &f.name_vi),
            status: code_name(lang, f.status.code()),
            year: f.year,
            co_form: f.co_form.clone(),
            source: sources::FTA.to_string(),
        })
        .collect();
    let mut reqs: Vec<&Requirement> = r.requirements_for(iso3, hs).collect();
    let met = |q: &Requirement| q.satisfied_by.iter().any(|c| sme.holds(c));
    reqs.sort_by_key(|q| (met(q), q.severity, q.code.clone()));
    let remedies: Vec<&TradeRemedy> = r.remedies_for(iso3, hs).filter(|x| x.is_live()).collect();

    // Services: for each unmet requirement, each live remedy and the origin certificate,
    // the providers who offer the matching tag in this market; then those named in the plan.
    let tag_name = |tag: &str| {
        r.service_tags
            .iter()
            .find(|t| t.tag == tag)
            .map(|t| pick(&t.name, &t.name_vi))
            .unwrap_or_else(|| tag.to_string())
    };
    let mut wanted: Vec<(String, usize)> = Vec::new();
    for q in reqs.iter().filter(|q| !met(q) && !q.service_tag.is_empty()) {
        wanted.push((q.service_tag.clone(), 2));
    }
    if !remedies.is_empty() {
        wanted.push(("TRADE_REMEDY_DEFENCE".into(), 2));
    }
    if ftas.iter().any(|f| f.status == FtaStatus::InForce) {
        wanted.push(("CO_ISSUANCE".into(), 1));
    }
    let mut services: BTreeMap<String, (usize, ServiceRow)> = BTreeMap::new();
    let mut add = |p: &Provider, gap: String| {
        let next = services.len();
        let row = &mut services
            .entry(p.id.clone())
            .or_insert_with(|| {
                (
                    next,
                    ServiceRow {
                        gaps: Vec::new(),
                        name: provider_name(p, vi),
                        category: code_name(lang, &p.category),
                        contact: [&p.website, &p.phone, &p.email]
                            .into_iter()
                            .filter(|v| !v.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" · "),
                        sample: p.sample,
                    },
                )
            })
            .1;
        if !gap.is_empty() && !row.gaps.contains(&gap) {
            row.gaps.push(gap);
        }
    };
    for (tag, n) in &wanted {
        for p in r.providers_for(tag, iso3).into_iter().take(*n) {
            add(p, tag_name(tag));
        }
    }
    // Readiness gaps (gate items, and items of weak domains): the first provider of each
    // gap's service tag in this market.
    for tag in readiness_tags {
        if let Some(p) = r.providers_for(tag, iso3).first() {
            add(p, tag_name(tag));
        }
    }
    for item in plan.iter().filter(|p| p.iso3 == iso3) {
        if let Some(p) = item.provider_id.as_deref().and_then(|id| r.provider(id)) {
            let gap = if item.gap.is_empty() {
                item.action.clone()
            } else {
                item.gap.clone()
            };
            add(p, gap);
        }
    }
    let mut services: Vec<(usize, ServiceRow)> = services.into_values().collect();
    services.sort_by_key(|(order, _)| *order);

    MarketBrief {
        iso3: iso3.to_string(),
        name: m
            .map(|m| m.display_name(vi).to_string())
            .unwrap_or_else(|| iso3.to_string()),
        hs: hs.to_string(),
        hs_description: hs_label(r, hs, vi),
        figures: m.map(|m| figures(lang, m, demand)).unwrap_or_default(),
        ftas: fta_rows,
        requirements: reqs
            .iter()
            .map(|q| RequirementRow {
                code: q.code.clone(),
                title: pick(&q.title, &q.title_vi),
                severity: code_name(lang, q.severity.code()),
                met: met(q),
                how_to: pick(&q.how_to, &q.how_to_vi),
                year: q.year,
                source: q.source.clone(),
            })
            .collect(),
        remedies: remedies
            .iter()
            .map(|x| RemedyRow {
                measure: code_name(lang, &x.measure),
                product: pick(&x.product, &x.product_vi),
                case_ref: x.case_ref.clone(),
                year: x.year,
                status: code_name(lang, &x.status),
                // goglobal's translation in Vietnamese, marked as one.
                detail: super::reasons::remedy_note(lang, x).unwrap_or_default(),
                source: x.source.clone(),
            })
            .collect(),
        services: services.into_iter().map(|(_, row)| row).collect(),
    }
}
