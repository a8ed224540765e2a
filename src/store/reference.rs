//! Seeding reference tables from the embedded CSVs, and loading them into a [`Reference`].

use std::collections::BTreeMap;

use rusqlite::{Connection, Row, Transaction, params_from_iter};

use super::schema::{REFERENCE_TABLES, TRADE_HS6_INDEX};
use crate::domain::*;

/// Release of the curated data in `data/`, plus a hash of the embedded files so that any change
/// to them refreshes existing databases.
pub fn reference_version() -> String {
    const RELEASE: &str = "2026.11";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The trade index carries each member's CRC-32, so it changes whenever the data does.
    let texts = REFERENCE_TABLES.iter().map(|(_, t)| *t);
    for text in texts.chain([TRADE_HS6_INDEX]) {
        for b in text.bytes() {
            hash ^= b as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{RELEASE}+{:08x}", hash as u32)
}

/// Replace every reference table with the embedded data (inside the caller's transaction).
pub(super) fn seed(tx: &Transaction) -> anyhow::Result<()> {
    for (table, text) in REFERENCE_TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let columns: Vec<String> = reader
            .headers()?
            .iter()
            .map(|h| {
                if h == "group" {
                    "grp".into()
                } else {
                    h.to_string()
                }
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            vec!["?"; columns.len()].join(", ")
        );
        let mut insert = tx.prepare(&sql)?;
        for (i, record) in reader.records().enumerate() {
            let record = record?;
            let values = record.iter().map(|v| {
                let v = v.trim();
                (!v.is_empty()).then(|| v.to_string())
            });
            insert
                .execute(params_from_iter(values))
                .map_err(|e| anyhow::anyhow!("data/{table}.csv:{}: {e}", i + 2))?;
        }
    }
    Ok(())
}

fn list(s: Option<String>) -> Vec<String> {
    s.unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

fn text(row: &Row, col: impl rusqlite::RowIndex) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(col)?.unwrap_or_default())
}

fn figure(row: &Row, value: &str, year: &str) -> rusqlite::Result<Option<Figure>> {
    let v: Option<f64> = row.get(value)?;
    let y: Option<u16> = row.get(year)?;
    Ok(match (v, y) {
        (Some(value), Some(year)) => Some(Figure { value, year }),
        _ => None,
    })
}

fn market(row: &Row) -> rusqlite::Result<Market> {
    let lpi = row.get::<_, Option<f64>>("lpi")?.map(|overall| Lpi {
        overall,
        customs: row.get("lpi_customs").ok().flatten(),
        infrastructure: row.get("lpi_infrastructure").ok().flatten(),
        shipments: row.get("lpi_shipments").ok().flatten(),
        competence: row.get("lpi_competence").ok().flatten(),
        timeliness: row.get("lpi_timeliness").ok().flatten(),
        tracking: row.get("lpi_tracking").ok().flatten(),
    });
    let governance = row
        .get::<_, Option<u16>>("wgi_year")?
        .map(|year| Governance {
            year,
            voice: row.get("wgi_voice").ok().flatten(),
            political_stability: row.get("wgi_political_stability").ok().flatten(),
            government_effectiveness: row.get("wgi_government_effectiveness").ok().flatten(),
            regulatory_quality: row.get("wgi_regulatory_quality").ok().flatten(),
            rule_of_law: row.get("wgi_rule_of_law").ok().flatten(),
            control_of_corruption: row.get("wgi_control_of_corruption").ok().flatten(),
        });
    Ok(Market {
        iso3: row.get("iso3")?,
        iso2: text(row, "iso2")?,
        name: row.get("name")?,
        name_vi: text(row, "name_vi")?,
        region: text(row, "region")?,
        subregion: text(row, "subregion")?,
        priority: Priority::parse(&text(row, "priority")?).unwrap_or(Priority::Other),
        lat: row.get("lat")?,
        lon: row.get("lon")?,
        distance_km: row.get("distance_km")?,
        gdp_usd: figure(row, "gdp_usd", "gdp_year")?,
        gdp_per_capita_usd: figure(row, "gdp_per_capita_usd", "gdp_per_capita_year")?,
        population: figure(row, "population", "population_year")?,
        gdp_growth_pct: figure(row, "gdp_growth_pct", "gdp_growth_year")?,
        imports: Vec::new(),
        lpi,
        governance,
        languages: list(row.get("languages")?),
        currency: list(row.get("currency")?),
        muslim_share_pct: row.get("muslim_share_pct")?,
        halal_relevance: row.get("halal_relevance")?,
    })
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> anyhow::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], map)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Load every reference table (and the imported demand series) into memory, indexed.
pub fn load_reference(conn: &Connection) -> anyhow::Result<Reference> {
    let mut reference = load_reference_without_nomenclature(conn)?;
    reference.hs = load_nomenclature(conn)?;
    Ok(reference)
}

/// The HS 2022 nomenclature with Viet Nam's AHTN national lines merged in, in code order (what
/// [`Reference::hs`] holds). The biggest reference read (18,353 codes): the dashboard's first
/// frame shows no product label, so it reads this just after drawing.
pub fn load_nomenclature(conn: &Connection) -> anyhow::Result<Vec<HsCode>> {
    // Read in storage order, sorted in memory (walking the code index costs a table seek per
    // row), with columns by position (a lookup by name scans the column names for every value).
    let hs = collect(
        conn,
        "SELECT code, parent, section, description, description_vi FROM hs",
        |r| {
            Ok(HsCode {
                code: r.get(0)?,
                parent: text(r, 1)?,
                section: text(r, 2)?,
                description: r.get(3)?,
                description_vi: text(r, 4)?,
            })
        },
    )?;
    let lines = collect(
        conn,
        "SELECT code, parent, description, description_vi FROM hs_lines",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                text(r, 2)?,
                text(r, 3)?,
            ))
        },
    )?;
    Ok(crate::domain::hs::with_national_lines(hs, lines))
}

/// Every reference table but the nomenclature ([`Reference::hs`] is left empty): what the
/// dashboard's first frame needs.
pub fn load_reference_without_nomenclature(conn: &Connection) -> anyhow::Result<Reference> {
    let mut markets = collect(conn, "SELECT * FROM markets ORDER BY iso3", market)?;
    let mut imports: BTreeMap<String, Vec<Figure>> = BTreeMap::new();
    for (iso3, fig) in collect(
        conn,
        "SELECT iso3, year, imports_usd FROM market_imports ORDER BY iso3, year",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                Figure {
                    year: r.get(1)?,
                    value: r.get(2)?,
                },
            ))
        },
    )? {
        imports.entry(iso3).or_default().push(fig);
    }
    for m in &mut markets {
        m.imports = imports.remove(&m.iso3).unwrap_or_default();
    }
    let ftas = collect(conn, "SELECT * FROM ftas ORDER BY code", |r| {
        Ok(Fta {
            code: r.get("code")?,
            name: r.get("name")?,
            name_vi: text(r, "name_vi")?,
            status: FtaStatus::parse(&text(r, "status")?).unwrap_or(FtaStatus::Unverified),
            year: r.get("year")?,
            co_form: text(r, "co_form")?,
            members: list(r.get("members")?),
            notes: text(r, "notes")?,
            source: text(r, "source")?,
        })
    })?;
    let hs_sections = collect(
        conn,
        "SELECT section, name, name_vi FROM hs_sections",
        |r| Ok((r.get(0)?, r.get(1)?, text(r, "name_vi")?)),
    )?;
    let mut trade_flows: BTreeMap<String, Vec<TradeFlow>> = BTreeMap::new();
    for (chapter, flow) in collect(
        conn,
        "SELECT chapter, year, world_exports_usd, vnm_exports_usd FROM trade_flows
         ORDER BY chapter, year",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                TradeFlow {
                    year: r.get(1)?,
                    world_exports_usd: r.get(2)?,
                    vnm_exports_usd: r.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
                },
            ))
        },
    )? {
        trade_flows.entry(chapter).or_default().push(flow);
    }
    let requirements = collect(conn, "SELECT * FROM requirements ORDER BY code", |r| {
        Ok(Requirement {
            code: r.get("code")?,
            market: r.get("market")?,
            hs_prefixes: list(r.get("hs_prefixes")?),
            title: r.get("title")?,
            title_vi: text(r, "title_vi")?,
            kind: text(r, "kind")?,
            severity: Severity::parse(&text(r, "severity")?).unwrap_or(Severity::Expected),
            satisfied_by: list(r.get("satisfied_by")?),
            service_tag: text(r, "service_tag")?,
            how_to: text(r, "how_to")?,
            how_to_vi: text(r, "how_to_vi")?,
            year: r.get("year")?,
            source: text(r, "source")?,
        })
    })?;
    let remedies = collect(conn, "SELECT * FROM trade_remedies ORDER BY id", |r| {
        Ok(TradeRemedy {
            id: r.get("id")?,
            market: r.get("market")?,
            hs_prefixes: list(r.get("hs_prefixes")?),
            product: text(r, "product")?,
            product_vi: text(r, "product_vi")?,
            measure: r.get("measure")?,
            case_ref: text(r, "case_ref")?,
            year: r.get("year")?,
            status: r.get("status")?,
            detail: text(r, "detail")?,
            detail_vi: text(r, "detail_vi")?,
            source: text(r, "source")?,
        })
    })?;
    let certifications = collect(conn, "SELECT * FROM certifications ORDER BY code", |r| {
        Ok(Certification {
            code: r.get("code")?,
            kind: text(r, "kind")?,
            name: r.get("name")?,
            name_vi: text(r, "name_vi")?,
        })
    })?;
    let service_tags = collect(conn, "SELECT * FROM service_tags ORDER BY tag", |r| {
        Ok(ServiceTag {
            tag: r.get("tag")?,
            name: r.get("name")?,
            name_vi: text(r, "name_vi")?,
        })
    })?;
    let providers = collect(conn, "SELECT * FROM providers ORDER BY id", |r| {
        Ok(Provider {
            id: r.get("id")?,
            name: r.get("name")?,
            name_vi: text(r, "name_vi")?,
            category: r.get("category")?,
            tags: list(r.get("tags")?),
            markets: list(r.get("markets")?),
            provinces: list(r.get("provinces")?),
            languages: list(r.get("languages")?),
            website: text(r, "website")?,
            phone: text(r, "phone")?,
            email: text(r, "email")?,
            sample: flag(r.get("sample")?),
            notes: text(r, "notes")?,
            source: text(r, "source")?,
        })
    })?;
    let provinces = collect(conn, "SELECT * FROM provinces ORDER BY name", |r| {
        Ok(Province {
            name: r.get("name")?,
            kind: text(r, "kind")?,
            region: text(r, "region")?,
            merged_from: list(r.get("merged_from")?),
        })
    })?;
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (g, iso3) in collect(
        conn,
        "SELECT grp, iso3 FROM market_groups ORDER BY grp, iso3",
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )? {
        groups.entry(g).or_default().push(iso3);
    }
    let demand = load_demand(conn)?;
    let version = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'reference_version'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    let mut reference = Reference {
        version,
        markets,
        ftas,
        hs_sections,
        trade_flows,
        requirements,
        remedies,
        certifications,
        service_tags,
        providers,
        provinces,
        groups,
        demand,
        ..Default::default()
    };
    reference = reference.index();
    Ok(reference)
}

/// [`load_reference`] plus the BACI trade of every SME product in the database (one indexed
/// read per code): what a ranking needs. Commands that do not rank skip the reads.
pub fn load_reference_for_matching(conn: &Connection) -> anyhow::Result<Reference> {
    let mut reference = load_reference(conn)?;
    let products = super::trade::sme_products(conn)?;
    super::trade::load_trade(conn, &mut reference, products.iter().map(String::as_str))?;
    Ok(reference)
}

/// A yes/no cell: the column has INTEGER affinity, so `1` arrives as a number and `true` as text.
fn flag(value: rusqlite::types::Value) -> bool {
    match value {
        rusqlite::types::Value::Integer(n) => n != 0,
        rusqlite::types::Value::Text(s) => truthy(&s),
        _ => false,
    }
}

fn truthy(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "y"
    )
}

/// Imported Trade Map series, grouped per market × product × kind.
fn load_demand(conn: &Connection) -> anyhow::Result<Vec<DemandSeries>> {
    let rows = collect(
        conn,
        "SELECT iso3, hs, kind, year, value_usd, source, file FROM demand
         ORDER BY iso3, hs, kind, year",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                Figure {
                    year: r.get(3)?,
                    value: r.get(4)?,
                },
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )?;
    let mut out: Vec<DemandSeries> = Vec::new();
    for (iso3, hs, kind, fig, source, file) in rows {
        let Some(kind) = SeriesKind::parse(&kind) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if last.iso3 == iso3 && last.hs == hs && last.kind == kind => {
                last.values.push(fig);
                last.file = file;
            }
            _ => out.push(DemandSeries {
                iso3,
                hs,
                kind,
                values: vec![fig],
                source,
                file,
            }),
        }
    }
    Ok(out)
}

/// Cross-table checks on the reference data.
pub(super) fn sanity(r: &Reference) -> Vec<String> {
    let mut problems = Vec::new();
    let scope_ok = |s: &str| s == "*" || r.market(s).is_some() || r.groups.contains_key(s);
    for f in &r.ftas {
        for m in &f.members {
            if r.market(m).is_none() {
                problems.push(format!("fta {}: unknown member market {m}", f.code));
            }
        }
    }
    for q in &r.requirements {
        if !scope_ok(&q.market) {
            problems.push(format!(
                "requirement {}: unknown market {}",
                q.code, q.market
            ));
        }
        for c in &q.satisfied_by {
            if r.certification(c).is_none() {
                problems.push(format!("requirement {}: unknown certification {c}", q.code));
            }
        }
    }
    for t in &r.remedies {
        if !scope_ok(&t.market) {
            problems.push(format!(
                "trade remedy {}: unknown market {}",
                t.id, t.market
            ));
        }
    }
    for p in &r.providers {
        if !PROVIDER_CATEGORIES.contains(&p.category.as_str()) {
            problems.push(format!(
                "provider {}: unknown category {}",
                p.id, p.category
            ));
        }
        for m in &p.markets {
            if !scope_ok(m) {
                problems.push(format!("provider {}: unknown market {m}", p.id));
            }
        }
    }
    for (g, members) in &r.groups {
        for m in members {
            if r.market(m).is_none() {
                problems.push(format!("group {g}: unknown market {m}"));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value;

    #[test]
    fn sample_flag_reads_numbers_and_words() {
        assert!(flag(Value::Integer(1)));
        assert!(!flag(Value::Integer(0)));
        assert!(flag(Value::Text("true".into())));
        assert!(flag(Value::Text("Yes".into())));
        assert!(!flag(Value::Text("false".into())));
        assert!(!flag(Value::Null));
    }
}
