//! Gaps to services (DESIGN §4.3) for the markets an advisor has chosen: every unmet
//! requirement of each market and every weak readiness domain becomes a gap, with the
//! providers who could close it there (real institutions first); a chosen provider turns the
//! gap into a plan action.

use super::matching::MarketResult;
use super::portfolio::ReadinessView;
use super::readiness::{Questionnaire, service_categories};
use super::{Reference, Severity};

/// A readiness domain scoring below this is weak enough to route to a service.
pub const WEAK_DOMAIN_BELOW: f64 = 50.0;

#[derive(Debug, Clone, PartialEq)]
pub enum GapKind {
    /// A requirement of the market for the product that the SME does not yet meet.
    Requirement { code: String, severity: Severity },
    /// A readiness domain (A–F) below [`WEAK_DOMAIN_BELOW`], with its score.
    Readiness { domain: String, score: f64 },
}

/// One gap in one market, with the providers proposed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceGap {
    pub iso3: String,
    /// The product (HS code) the market was chosen for.
    pub hs: String,
    pub kind: GapKind,
    /// Ids of the providers who can help there: real institutions first, samples after.
    pub proposals: Vec<String>,
}

impl ServiceGap {
    /// What the plan item records as its gap: the requirement code, or `readiness D`.
    pub fn code(&self) -> String {
        match &self.kind {
            GapKind::Requirement { code, .. } => code.clone(),
            GapKind::Readiness { domain, .. } => format!("readiness {domain}"),
        }
    }
}

/// Readiness domains scored below [`WEAK_DOMAIN_BELOW`], weakest first (ties by code).
pub fn weak_domains(view: &ReadinessView) -> Vec<(String, f64)> {
    let mut weak: Vec<(String, f64)> = view
        .domains
        .iter()
        .filter_map(|(code, s)| {
            s.filter(|v| *v < WEAK_DOMAIN_BELOW)
                .map(|v| (code.clone(), v))
        })
        .collect();
    weak.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    weak
}

/// Providers for a weak readiness domain: those of the domain's categories who serve every
/// market of `markets`; real first, then those offering more of the services the domain's
/// questionnaire items call for, then in the order of the categories, then by id.
fn providers_for_domain(r: &Reference, domain: &str, markets: &[&str]) -> Vec<String> {
    let categories = service_categories(domain);
    let tags: Vec<&str> = Questionnaire::builtin()
        .items_in(domain)
        .map(|i| i.tag.as_str())
        .collect();
    let mut found: Vec<(bool, std::cmp::Reverse<usize>, usize, &str)> = r
        .providers
        .iter()
        .filter_map(|p| {
            let cat = categories.iter().position(|c| *c == p.category)?;
            let serves = markets
                .iter()
                .all(|iso3| p.markets.iter().any(|m| r.scope_covers(m, iso3)));
            let offered = p.tags.iter().filter(|t| tags.contains(&t.as_str())).count();
            serves.then_some((p.sample, std::cmp::Reverse(offered), cat, p.id.as_str()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(.., id)| id.to_string()).collect()
}

/// The gaps of the chosen markets: market by market in the order given, their unmet
/// requirements (mandatory first); then each weak readiness domain once (weakest first), with
/// the providers who serve every chosen market, planned under the first market.
pub fn service_gaps(
    r: &Reference,
    markets: &[&MarketResult],
    readiness: Option<&ReadinessView>,
) -> Vec<ServiceGap> {
    let weak = readiness.map(weak_domains).unwrap_or_default();
    let mut gaps = Vec::new();
    for m in markets {
        let mut unmet: Vec<_> = m.unmet().collect();
        unmet.sort_by_key(|q| q.severity != Severity::Mandatory);
        for q in unmet {
            let tag = r
                .requirements
                .iter()
                .find(|x| x.code == q.code)
                .map(|x| x.service_tag.as_str())
                .unwrap_or("");
            let proposals = if tag.is_empty() {
                Vec::new()
            } else {
                r.providers_for(tag, &m.market)
                    .into_iter()
                    .map(|p| p.id.clone())
                    .collect()
            };
            gaps.push(ServiceGap {
                iso3: m.market.clone(),
                hs: m.hs.clone(),
                kind: GapKind::Requirement {
                    code: q.code.clone(),
                    severity: q.severity,
                },
                proposals,
            });
        }
    }
    // Readiness is the firm's, not a market's: one gap per weak domain.
    let Some(first) = markets.first() else {
        return gaps;
    };
    let isos: Vec<&str> = markets.iter().map(|m| m.market.as_str()).collect();
    for (domain, score) in weak {
        gaps.push(ServiceGap {
            iso3: first.market.clone(),
            hs: first.hs.clone(),
            proposals: providers_for_domain(r, &domain, &isos),
            kind: GapKind::Readiness { domain, score },
        });
    }
    gaps
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::Config;
    use crate::domain::matching::{choose_scheme, rank};
    use crate::domain::{Market, Provider, Requirement, Sme};

    fn market(iso3: &str) -> Market {
        Market {
            distance_km: Some(3000.0),
            ..Market::new(iso3, iso3, crate::domain::Priority::Other)
        }
    }

    fn provider(
        id: &str,
        category: &str,
        tags: &[&str],
        markets: &[&str],
        sample: bool,
    ) -> Provider {
        Provider {
            id: id.into(),
            name: format!("Provider {id}"),
            name_vi: format!("Đơn vị {id}"),
            category: category.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            markets: markets.iter().map(|m| m.to_string()).collect(),
            provinces: Vec::new(),
            languages: Vec::new(),
            website: String::new(),
            phone: String::new(),
            email: String::new(),
            sample,
            notes: String::new(),
            source: String::new(),
        }
    }

    fn requirement(
        code: &str,
        scope: &str,
        severity: Severity,
        by: &str,
        tag: &str,
    ) -> Requirement {
        Requirement {
            code: code.into(),
            market: scope.into(),
            hs_prefixes: vec!["16".into()],
            title: format!("{code} title"),
            title_vi: format!("{code} tiêu đề"),
            kind: "certification".into(),
            severity,
            satisfied_by: vec![by.into()],
            service_tag: tag.into(),
            how_to: String::new(),
            how_to_vi: String::new(),
            year: Some(2024),
            source: "test".into(),
        }
    }

    pub(crate) fn reference() -> Reference {
        let mut groups = BTreeMap::new();
        groups.insert(
            "GCC".to_string(),
            vec!["ARE".to_string(), "SAU".to_string()],
        );
        Reference {
            markets: vec![market("ARE"), market("SAU"), market("USA")],
            requirements: vec![
                requirement("LABEL", "*", Severity::Expected, "LABEL_OK", ""),
                requirement("HALAL", "GCC", Severity::Mandatory, "HALAL", "HALAL_CERT"),
                requirement("HACCP", "*", Severity::Expected, "HACCP", "FOOD_SAFETY"),
            ],
            providers: vec![
                provider("a-sample", "certification", &["HALAL_CERT"], &["*"], true),
                provider("b-real", "certification", &["HALAL_CERT"], &["GCC"], false),
                provider("c-usa", "certification", &["HALAL_CERT"], &["USA"], false),
                provider("d-bank", "banking", &[], &["*"], false),
                provider("e-law", "legal", &[], &["SAU"], true),
                provider("f-cert", "certification", &[], &["ARE"], false),
                provider("a0-cert", "certification", &[], &["ARE"], false),
            ],
            groups,
            ..Reference::default()
        }
        .index()
    }

    fn ranked(r: &Reference, sme: &Sme) -> Vec<MarketResult> {
        let config = Config::default();
        let scheme = choose_scheme(&config.matching, None, &[], None).unwrap();
        rank(r, &config, sme, "160100", &scheme)
    }

    fn view(domains: &[(&str, Option<f64>)]) -> ReadinessView {
        ReadinessView {
            domains: domains.iter().map(|(d, s)| (d.to_string(), *s)).collect(),
            ..ReadinessView::default()
        }
    }

    #[test]
    fn unmet_requirements_then_weak_domains_with_real_providers_first() {
        let r = reference();
        let sme = Sme {
            certifications: vec!["HACCP".into()],
            ..Sme::default()
        };
        let res = ranked(&r, &sme);
        let are = res.iter().find(|m| m.market == "ARE").unwrap();
        let usa = res.iter().find(|m| m.market == "USA").unwrap();
        let readiness = view(&[("B", Some(75.0)), ("D", Some(25.0)), ("F", None)]);
        let gaps = service_gaps(&r, &[are, usa], Some(&readiness));
        let codes: Vec<(String, String)> =
            gaps.iter().map(|g| (g.iso3.clone(), g.code())).collect();
        assert_eq!(
            codes,
            [
                ("ARE".to_string(), "HALAL".to_string()),
                ("ARE".into(), "LABEL".into()),
                ("USA".into(), "LABEL".into()),
                ("ARE".into(), "readiness D".into()),
            ]
        );
        // Halal in the UAE: the real GCC institution before the sample; not the US one.
        assert_eq!(gaps[0].proposals, ["b-real", "a-sample"]);
        // A requirement without a service tag has no proposal (the advisor plans it alone).
        assert!(gaps[1].proposals.is_empty());
        // D (compliance), once: certification and legal providers serving both the UAE and the
        // US — only the one serving every market.
        assert!(matches!(gaps[3].kind, GapKind::Readiness { score, .. } if score == 25.0));
        assert_eq!(gaps[3].proposals, ["a-sample"]);
        // With the UAE alone: the real ones serving it first, the one offering a service of
        // the domain's items (Halal, D2) before those by id; the legal one serves Saudi Arabia
        // only.
        let alone = service_gaps(&r, &[are], Some(&readiness));
        assert_eq!(
            alone[2].proposals,
            ["b-real", "a0-cert", "f-cert", "a-sample"]
        );
    }

    #[test]
    fn weak_domains_weakest_first() {
        let v = view(&[
            ("A", Some(49.9)),
            ("B", Some(10.0)),
            ("C", Some(50.0)),
            ("E", Some(10.0)),
        ]);
        let codes: Vec<String> = weak_domains(&v).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, ["B", "E", "A"]);
    }
}
