//! What the dashboard and the command line show of sync between replicas (issue 12): the sites
//! this database knows, the conflicts waiting for a decision, and which site last changed each
//! SME. Pure data: `store::sync` fills it.

use std::collections::HashMap;

/// A site this database knows (itself included).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct SiteInfo {
    pub site_id: String,
    pub name: String,
    pub this_site: bool,
    pub trusted: bool,
    /// The last package imported from it / exported (for it, or from here).
    pub last_in_at: Option<String>,
    pub last_out_at: Option<String>,
    /// Its changesets held here, and the highest sequence number held without a gap.
    pub changesets: i64,
    pub seen_seq: i64,
    /// Changesets from it waiting for earlier ones.
    pub waiting: i64,
}

impl SiteInfo {
    /// The name people gave the site, else the first digits of its id.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            self.site_id.get(..8).unwrap_or(&self.site_id)
        } else {
            &self.name
        }
    }
}

/// The same field of one row changed at two sites.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConflictInfo {
    /// The number to type in `sync resolve ID` (local to this database).
    pub id: i64,
    /// The same at every site.
    pub key: String,
    pub table: String,
    pub row: serde_json::Value,
    pub sme_id: Option<i64>,
    pub sme_name: Option<String>,
    /// The column, or "*" for the whole row (a delete against an edit).
    pub field: String,
    pub mine: serde_json::Value,
    pub theirs: serde_json::Value,
    /// The site, person and time of the change that met this database's value.
    pub site: String,
    pub site_name: String,
    pub who: String,
    pub at: String,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
    pub kept: Option<serde_json::Value>,
}

impl ConflictInfo {
    /// The other site's name, else its id.
    pub fn site_label(&self) -> &str {
        if self.site_name.is_empty() {
            &self.site
        } else {
            &self.site_name
        }
    }
}

/// A conflict value as a person reads it: text without quotes, `null` as nothing.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Which site last changed an SME, and when (a stored UTC timestamp).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SmeSite {
    /// The site's name (its id where it has none).
    pub changed_site: Option<String>,
    pub changed_at: Option<String>,
}

/// The sync state of this database, read in one go for the dashboard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncOverview {
    /// This site first, then the others by name.
    pub sites: Vec<SiteInfo>,
    /// Pending conflicts, oldest first.
    pub conflicts: Vec<ConflictInfo>,
    /// SME id → the site that last changed it (SMEs changed since sync existed).
    pub sme_sites: HashMap<i64, SmeSite>,
}

impl SyncOverview {
    pub fn this_site(&self) -> Option<&SiteInfo> {
        self.sites.iter().find(|s| s.this_site)
    }

    /// The other sites this database knows.
    pub fn others(&self) -> impl Iterator<Item = &SiteInfo> {
        self.sites.iter().filter(|s| !s.this_site)
    }

    /// The pending conflicts of one SME.
    pub fn conflicts_of(&self, sme_id: i64) -> impl Iterator<Item = &ConflictInfo> {
        self.conflicts
            .iter()
            .filter(move |c| c.sme_id == Some(sme_id))
    }

    pub fn has_conflict(&self, sme_id: i64) -> bool {
        self.conflicts_of(sme_id).next().is_some()
    }

    /// Pending conflicts from site `site_id`.
    pub fn conflicts_from(&self, site_id: &str) -> usize {
        self.conflicts.iter().filter(|c| c.site == site_id).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_values_read_as_text() {
        let mut s = SiteInfo {
            site_id: "0123456789abcdef0123456789abcdef".into(),
            ..Default::default()
        };
        assert_eq!(s.label(), "01234567");
        s.name = "An (Cà Mau)".into();
        assert_eq!(s.label(), "An (Cà Mau)");
        assert_eq!(value_text(&serde_json::json!("Giao hàng")), "Giao hàng");
        assert_eq!(value_text(&serde_json::json!(90)), "90");
        assert_eq!(value_text(&serde_json::Value::Null), "");
    }
}
