//! SME records: load the portfolio, insert in one transaction, soft delete, purge samples.

use super::strings::said;
use crate::lang::Said;
use crate::say;
use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, params, params_from_iter};

use super::Store;
use crate::domain::*;

const SME_COLUMNS: &str = "id, name, tax_code, province, sector, employees, revenue_usd, founded, \
     export_experience, languages, contact_name, contact_email, contact_phone, notes, origin, version";

fn split(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

fn sme_from_row(r: &rusqlite::Row) -> rusqlite::Result<Sme> {
    Ok(Sme {
        id: r.get(0)?,
        name: r.get(1)?,
        tax_code: r.get(2)?,
        province: r.get(3)?,
        sector: r.get(4)?,
        employees: r.get(5)?,
        revenue_usd: r.get(6)?,
        founded: r.get(7)?,
        export_experience: r
            .get::<_, Option<String>>(8)?
            .and_then(|s| ExportExperience::parse(&s)),
        languages: split(&r.get::<_, String>(9)?),
        contact_name: r.get(10)?,
        contact_email: r.get(11)?,
        contact_phone: r.get(12)?,
        notes: r.get(13)?,
        origin: Origin::parse(&r.get::<_, String>(14)?).unwrap_or_default(),
        version: r.get(15)?,
        ..Default::default()
    })
}

/// Every SME not deleted, with products, certifications and markets, ordered by id.
pub fn load_smes(conn: &Connection) -> anyhow::Result<Vec<Sme>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SME_COLUMNS} FROM sme WHERE deleted_at IS NULL ORDER BY id"
    ))?;
    let mut smes: Vec<Sme> = stmt
        .query_map([], sme_from_row)?
        .collect::<Result<_, _>>()?;
    let index: HashMap<i64, usize> = smes.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut products =
        conn.prepare("SELECT sme_id, hs, description FROM sme_product ORDER BY sme_id, pos")?;
    for row in products.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })? {
        let (id, hs, description) = row?;
        if let Some(&i) = index.get(&id) {
            smes[i].products.push(Product { hs, description });
        }
    }
    for (sql, certs) in [
        (
            "SELECT sme_id, code FROM sme_certification ORDER BY sme_id, rowid",
            true,
        ),
        (
            "SELECT sme_id, iso3 FROM sme_market ORDER BY sme_id, rowid",
            false,
        ),
    ] {
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, code) = row?;
            if let Some(&i) = index.get(&id) {
                if certs {
                    smes[i].certifications.push(code);
                } else {
                    smes[i].current_markets.push(code);
                }
            }
        }
    }
    Ok(smes)
}

/// One SME by id (not deleted).
pub fn load_sme(conn: &Connection, id: i64) -> anyhow::Result<Option<Sme>> {
    load_sme_with(conn, id, "AND deleted_at IS NULL")
}

/// One SME by id, deleted or not.
pub fn load_sme_any(conn: &Connection, id: i64) -> anyhow::Result<Option<Sme>> {
    load_sme_with(conn, id, "")
}

fn load_sme_with(conn: &Connection, id: i64, filter: &str) -> anyhow::Result<Option<Sme>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SME_COLUMNS} FROM sme WHERE id = ?1 {filter}"
    ))?;
    let mut rows = stmt.query_map([id], sme_from_row)?;
    let Some(mut sme) = rows.next().transpose()? else {
        return Ok(None);
    };
    let mut p =
        conn.prepare("SELECT hs, description FROM sme_product WHERE sme_id = ?1 ORDER BY pos")?;
    sme.products = p
        .query_map([id], |r| {
            Ok(Product {
                hs: r.get(0)?,
                description: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut c =
        conn.prepare("SELECT code FROM sme_certification WHERE sme_id = ?1 ORDER BY rowid")?;
    sme.certifications = c.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut m = conn.prepare("SELECT iso3 FROM sme_market WHERE sme_id = ?1 ORDER BY rowid")?;
    sme.current_markets = m.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(Some(sme))
}

/// The values of the columns a person edits, in the order both the insert and the update
/// below name them (`name` … `notes`).
pub(super) fn editable_values(sme: &Sme) -> [Value; 13] {
    [
        sme.name.clone().into(),
        sme.tax_code.clone().into(),
        sme.province.clone().into(),
        sme.sector.clone().into(),
        sme.employees.map(i64::from).into(),
        sme.revenue_usd.into(),
        sme.founded.map(i64::from).into(),
        sme.export_experience.map(|e| e.code().to_string()).into(),
        sme.languages.join(";").into(),
        sme.contact_name.clone().into(),
        sme.contact_email.clone().into(),
        sme.contact_phone.clone().into(),
        sme.notes.clone().into(),
    ]
}

/// Insert `sme` (its id is ignored) with its lists; returns the new id.
pub fn insert_sme(tx: &Transaction, sme: &Sme, now: &str) -> anyhow::Result<i64> {
    let key = super::sync::keys::new_key(tx, "sme")?;
    let tail: [Value; 3] = [
        sme.origin.code().to_string().into(),
        now.to_string().into(),
        key.into(),
    ];
    tx.prepare_cached(
        "INSERT INTO sme (name, tax_code, province, sector, employees, revenue_usd, founded,
             export_experience, languages, contact_name, contact_email, contact_phone, notes,
             origin, created_at, updated_at, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
    )?
    .execute(params_from_iter(
        editable_values(sme).into_iter().chain(tail),
    ))?;
    let id = tx.last_insert_rowid();
    insert_lists(tx, id, sme)?;
    Ok(id)
}

/// Insert `sme` as [`insert_sme`] does and record its creation in the audit trail.
pub fn insert_audited(tx: &Transaction, sme: &Sme, now: &str, who: &str) -> anyhow::Result<i64> {
    let id = insert_sme(tx, sme, now)?;
    let after = serde_json::to_string(&Sme {
        id,
        version: 1,
        ..sme.clone()
    })?;
    audit(
        tx,
        who,
        Change {
            entity: "sme",
            entity_id: id.to_string(),
            sme_id: Some(id),
            action: "create",
            before: None,
            after: Some(after),
        },
    )?;
    Ok(id)
}

/// Replace the products, certifications and markets of SME `id` with those of `sme`.
pub fn write_lists(tx: &Transaction, id: i64, sme: &Sme) -> anyhow::Result<()> {
    tx.execute("DELETE FROM sme_product WHERE sme_id = ?1", [id])?;
    tx.execute("DELETE FROM sme_certification WHERE sme_id = ?1", [id])?;
    tx.execute("DELETE FROM sme_market WHERE sme_id = ?1", [id])?;
    insert_lists(tx, id, sme)
}

/// Insert the products, certifications and markets of `sme` as SME `id`'s (it has none yet).
fn insert_lists(tx: &Transaction, id: i64, sme: &Sme) -> anyhow::Result<()> {
    let mut p = tx.prepare_cached(
        "INSERT INTO sme_product (sme_id, pos, hs, description) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, product) in sme.products.iter().enumerate() {
        p.execute(params![id, pos as i64, product.hs, product.description])?;
    }
    let mut c = tx
        .prepare_cached("INSERT OR IGNORE INTO sme_certification (sme_id, code) VALUES (?1, ?2)")?;
    for code in &sme.certifications {
        c.execute(params![id, code])?;
    }
    let mut m =
        tx.prepare_cached("INSERT OR IGNORE INTO sme_market (sme_id, iso3) VALUES (?1, ?2)")?;
    for iso3 in &sme.current_markets {
        m.execute(params![id, iso3])?;
    }
    Ok(())
}

/// A change to user data, for the audit trail.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: String,
    pub sme_id: Option<i64>,
    pub action: &'a str,
    /// JSON of the record before the change (None when created).
    pub before: Option<String>,
    /// JSON of the record after the change (None when deleted).
    pub after: Option<String>,
}

/// Record a change to user data: who, when, what, and the values before and after.
pub fn audit(tx: &Transaction, who: &str, change: Change) -> anyhow::Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (at, who, entity, entity_id, sme_id, action, before, after, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        crate::clock::now_iso(),
        who,
        change.entity,
        change.entity_id,
        change.sme_id,
        change.action,
        change.before,
        change.after,
        super::sync::keys::new_key(tx, "audit")?,
    ])?;
    Ok(())
}

impl Store {
    /// Insert many SMEs in one transaction (all or nothing), with an audit row each.
    pub fn insert_smes(&mut self, smes: &[Sme], who: &str) -> anyhow::Result<Vec<i64>> {
        let now = crate::clock::now_iso();
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(smes.len());
        for sme in smes {
            let id = insert_audited(&tx, sme, &now, who)?;
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Delete every sample SME (and everything hanging off it). Returns how many went.
    pub fn purge_samples(&mut self, who: &str) -> anyhow::Result<usize> {
        let tx = self.write()?;
        let n = tx.execute("DELETE FROM sme WHERE origin = 'sample'", [])?;
        audit(
            &tx,
            who,
            Change {
                entity: "sme",
                entity_id: "*".into(),
                sme_id: None,
                action: "purge_samples",
                before: None,
                after: Some(format!("{{\"deleted\":{n}}}")),
            },
        )?;
        tx.commit()?;
        Ok(n)
    }

    pub fn smes(&self) -> anyhow::Result<Vec<Sme>> {
        load_smes(&self.conn)
    }

    pub fn sme(&self, id: i64) -> anyhow::Result<Option<Sme>> {
        load_sme(&self.conn, id)
    }

    /// The SME with `id`, or a bad-input error that says how to find ids.
    pub fn require_sme(&self, id: i64) -> anyhow::Result<Sme> {
        self.sme(id)?.ok_or_else(|| {
            crate::error::bad_input(super::strings::said(|t| {
                crate::say!(t.unknown_sme, id = id)
            }))
        })
    }

    /// Number of SMEs per origin (user, sample, synthetic), deleted ones excluded.
    pub fn sme_counts(&self) -> anyhow::Result<HashMap<String, i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT origin, COUNT(*) FROM sme WHERE deleted_at IS NULL GROUP BY origin")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// User data that refers to reference codes that no longer exist.
pub(super) fn sanity(conn: &Connection, r: &Reference) -> anyhow::Result<Vec<Said>> {
    let mut problems = Vec::new();
    for sme in load_smes(conn)? {
        if r.province(&sme.province).is_none() {
            problems.push(said(|t| {
                say!(t.check_province, id = sme.id, value = sme.province)
            }));
        }
        for p in &sme.products {
            if r.hs_code(&p.hs).is_none() {
                problems.push(said(|t| say!(t.check_hs, id = sme.id, value = p.hs)));
            }
        }
        for m in &sme.current_markets {
            if r.market(m).is_none() {
                problems.push(said(|t| say!(t.check_market, id = sme.id, value = m)));
            }
        }
        for c in &sme.certifications {
            if r.certification(c).is_none() {
                problems.push(said(|t| {
                    say!(t.check_certification, id = sme.id, value = c)
                }));
            }
        }
    }
    Ok(problems)
}
