//! Replicas that sync by files, on SQLite's session extension (issue 12).
//!
//! Every write transaction records a changeset of the synced user tables (`capture`); changesets
//! made here or received are kept in `sync_log` by origin site and sequence number (`log`);
//! packages carry the ones a receiver has not seen, with a checksum (`package`, `exchange`);
//! received changes go through `Connection::apply_strm` with a conflict handler and a field
//! merge afterwards (`merge`); conflicts keep both values until someone resolves them
//! (`conflicts`). Reference tables are never captured: each site refreshes them itself.

mod api;
pub mod capture;
pub mod conflicts;
pub mod dump;
pub mod exchange;
pub mod keys;
pub mod log;
pub mod merge;
pub mod package;
pub mod rekey;
pub mod sha256;
pub mod strings;

use rusqlite::{Connection, OptionalExtension, params};

pub use crate::domain::sync::{ConflictInfo, SiteInfo, SmeSite, SyncOverview};
pub use capture::WriteTx;
pub use exchange::{ExportReport, ImportReport};

/// The user tables that sync, parents before children.
pub const SYNCED_TABLES: &[&str] = &[
    "sme",
    "sme_product",
    "sme_market",
    "sme_certification",
    "assessment",
    "shortlist",
    "plan_item",
    "decision_log",
    "audit",
    "sync_resolution",
];

/// Synced tables of an SME's lists, keyed by the SME (`sme_id` is their first column).
pub const LIST_TABLES: &[&str] = &["sme_product", "sme_market", "sme_certification"];
/// Synced tables with keys of their own whose second column is the SME (`id`, `sme_id`, …).
pub const OWN_ID_TABLES: &[&str] = &["assessment", "shortlist", "plan_item", "decision_log"];

/// The synced tables whose rows belong to an SME through an `sme_id` column.
pub fn sme_children() -> impl Iterator<Item = &'static str> {
    LIST_TABLES
        .iter()
        .chain(OWN_ID_TABLES)
        .chain(&["audit"])
        .copied()
}

/// A site's display name (empty when it has none).
pub fn site_name(conn: &Connection, site: &str) -> rusqlite::Result<String> {
    Ok(conn
        .query_row(
            "SELECT name FROM sync_site WHERE site_id = ?1",
            [site],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn sites(conn: &Connection) -> anyhow::Result<Vec<SiteInfo>> {
    let seen = exchange::seen_vector(conn)?;
    let mut stmt = conn.prepare(
        "SELECT s.site_id, s.name, s.is_self, s.trusted, s.last_in_at, s.last_out_at,
                (SELECT count(*) FROM sync_log l WHERE l.origin = s.site_id),
                (SELECT count(*) FROM sync_log l WHERE l.origin = s.site_id AND l.applied = 0)
         FROM sync_site s ORDER BY s.is_self DESC, s.name, s.site_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let site_id: String = r.get(0)?;
        Ok(SiteInfo {
            seen_seq: seen.get(&site_id).copied().unwrap_or(0),
            site_id,
            name: r.get(1)?,
            this_site: r.get(2)?,
            trusted: r.get(3)?,
            last_in_at: r.get(4)?,
            last_out_at: r.get(5)?,
            changesets: r.get(6)?,
            waiting: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_name(conn: &Connection, name: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE sync_site SET name = ?1 WHERE is_self = 1", [name])?;
    Ok(())
}

/// Trust `site` (created if this database has not met it yet). Returns false if the id is not
/// a site id (32 hex digits).
pub fn trust(conn: &Connection, site: &str) -> rusqlite::Result<bool> {
    if site.len() != 32 || !site.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO sync_site (site_id, trusted) VALUES (?1, 1)
         ON CONFLICT(site_id) DO UPDATE SET trusted = 1",
        params![site.to_ascii_lowercase()],
    )?;
    Ok(true)
}

/// Which site created and which last changed SME `id` (None where it was made here before
/// sync existed, or is a demo SME).
pub fn sme_sites(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<(Option<String>, Option<String>, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT (SELECT coalesce(nullif(name, ''), site_id) FROM sync_site WHERE site_id = created_site),
                    (SELECT coalesce(nullif(name, ''), site_id) FROM sync_site WHERE site_id = changed_site),
                    changed_at
             FROM sme_site WHERE sme_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or((None, None, None)))
}

/// Programme KPIs of the SMEs each site brought in (the site that created them; demo SMEs
/// under "demo", SMEs made here before sync existed under this site).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteStats {
    pub site_id: String,
    pub name: String,
    pub smes: i64,
    pub assessed: i64,
    pub in_pipeline: i64,
    /// SMEs with a first shipment or an established market.
    pub exporting: i64,
    pub open_plan_items: i64,
    /// The latest change any of its SMEs received (from whichever site).
    pub last_change_at: Option<String>,
}

pub fn stats_by_site(conn: &Connection) -> anyhow::Result<Vec<SiteStats>> {
    let mut stmt = conn.prepare(
        "WITH owner AS (
             SELECT s.id AS sme_id,
                    coalesce(ss.created_site,
                             CASE WHEN s.origin = 'sample' THEN 'demo'
                                  ELSE (SELECT site_id FROM sync_site WHERE is_self = 1) END) AS site,
                    ss.changed_at
             FROM sme s LEFT JOIN sme_site ss ON ss.sme_id = s.id
             WHERE s.deleted_at IS NULL)
         SELECT o.site, coalesce((SELECT name FROM sync_site WHERE site_id = o.site), ''),
                count(*),
                sum(EXISTS (SELECT 1 FROM assessment a WHERE a.sme_id = o.sme_id)),
                sum(EXISTS (SELECT 1 FROM shortlist p WHERE p.sme_id = o.sme_id
                            AND p.stage != 'dropped')),
                sum(EXISTS (SELECT 1 FROM shortlist p WHERE p.sme_id = o.sme_id
                            AND p.stage IN ('first_shipment', 'established'))),
                (SELECT count(*) FROM plan_item i JOIN owner w ON w.sme_id = i.sme_id
                 WHERE w.site = o.site AND i.status IN ('todo', 'in_progress')),
                max(o.changed_at)
         FROM owner o GROUP BY o.site ORDER BY count(*) DESC, o.site",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SiteStats {
            site_id: r.get(0)?,
            name: r.get(1)?,
            smes: r.get(2)?,
            assessed: r.get(3)?,
            in_pipeline: r.get(4)?,
            exporting: r.get(5)?,
            open_plan_items: r.get(6)?,
            last_change_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Everything the dashboard shows of sync: the sites, the pending conflicts and which site
/// last changed each SME (read in one go, after every write and at start).
pub fn overview(conn: &Connection) -> anyhow::Result<SyncOverview> {
    let mut stmt = conn.prepare(
        "SELECT ss.sme_id, (SELECT coalesce(nullif(name, ''), site_id) FROM sync_site
                            WHERE site_id = ss.changed_site), ss.changed_at
         FROM sme_site ss WHERE ss.changed_site IS NOT NULL",
    )?;
    let sme_sites = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SmeSite {
                    changed_site: r.get(1)?,
                    changed_at: r.get(2)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(SyncOverview {
        sites: sites(conn)?,
        conflicts: conflicts::list(conn, false)?,
        sme_sites,
    })
}
