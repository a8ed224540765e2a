//! The sync operations as `Store` methods (one transaction each).

use std::path::Path;

use super::{
    ConflictInfo, ExportReport, ImportReport, SiteInfo, conflicts, exchange, log, package,
};
use crate::store::{Store, tx};

impl Store {
    /// This replica's site id and name.
    pub fn sync_identity(&self) -> anyhow::Result<(String, String)> {
        let site = log::self_site(&self.conn)?;
        let name = super::site_name(&self.conn, &site)?;
        Ok((site, name))
    }

    pub fn sync_set_name(&mut self, name: &str) -> anyhow::Result<()> {
        let tx = self.write()?;
        super::set_name(&tx, name)?;
        tx.commit()
    }

    /// The SME a typed number stands for: its short handle here, or its key.
    pub fn sme_key(&self, typed: i64) -> anyhow::Result<i64> {
        Ok(log::resolve_handle(&self.conn, "sme", typed)?)
    }

    /// The short number people see and type for SME `key` at this site.
    pub fn sme_handle(&self, key: i64) -> anyhow::Result<i64> {
        Ok(log::handle_of(&self.conn, "sme", key)?)
    }

    /// The short number people see for row `key` of `table` (`assessment`, `plan_item`).
    pub fn row_handle(&self, table: &str, key: i64) -> anyhow::Result<i64> {
        Ok(log::handle_of(&self.conn, table, key)?)
    }

    /// Every SME key that has a handle other than itself, with that handle.
    pub fn sme_handles(&self) -> anyhow::Result<std::collections::HashMap<i64, i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, handle FROM local_handle WHERE kind = 'sme'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn sync_sites(&self) -> anyhow::Result<Vec<SiteInfo>> {
        super::sites(&self.conn)
    }

    pub fn sync_trust(&mut self, site: &str) -> anyhow::Result<bool> {
        let tx = self.write()?;
        let ok = super::trust(&tx, site)?;
        tx.commit()?;
        Ok(ok)
    }

    pub fn sync_export(
        &mut self,
        file: &Path,
        for_site: Option<&str>,
        key: Option<&[u8]>,
    ) -> anyhow::Result<ExportReport> {
        exchange::export(&self.conn, file, for_site, key)
    }

    /// Apply a verified package in one transaction (not captured: received changes are relayed
    /// from the log as they came).
    pub fn sync_import(
        &mut self,
        pkg: &package::Package,
        what: &str,
        trust: bool,
    ) -> anyhow::Result<ImportReport> {
        let tx = tx::begin_immediate(&self.conn)?;
        let report = exchange::import(&tx, pkg, what, trust)?;
        tx.commit()?;
        Ok(report)
    }

    /// The sites, pending conflicts and last-changing site of each SME, for the dashboard.
    pub fn sync_overview(&self) -> anyhow::Result<super::SyncOverview> {
        super::overview(&self.conn)
    }

    pub fn sync_conflicts(&self, all: bool) -> anyhow::Result<Vec<ConflictInfo>> {
        conflicts::list(&self.conn, all)
    }

    /// Resolve a conflict as a captured change, so that the resolution syncs.
    pub fn sync_resolve(
        &mut self,
        id: i64,
        keep_mine: bool,
        who: &str,
    ) -> anyhow::Result<ConflictInfo> {
        let tx = self.write()?;
        let c = conflicts::resolve(&tx, id, keep_mine, who)?;
        tx.commit()?;
        Ok(c)
    }
}
