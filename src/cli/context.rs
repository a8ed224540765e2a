//! What every command shares: where the database is and the configuration.

use std::path::PathBuf;

use crate::config::Config;
use crate::lang::Lang;
use crate::store::{self, Store, open_or_create_in};

use super::Cli;

/// Shared by every command: where the database is and the configuration.
pub struct Ctx {
    pub db_path: PathBuf,
    pub config: Config,
}

impl Ctx {
    pub fn new(cli: &Cli) -> anyhow::Result<Ctx> {
        let mut config = Config::load(cli.config.as_deref())?;
        if let Some(lang) = &cli.lang {
            config.ui.language = lang.clone();
        }
        crate::clock::set_zone(config.zone()?);
        let db_path = cli.db.clone().unwrap_or_else(store::default_db_path);
        Ok(Ctx { db_path, config })
    }

    /// Open the database, creating and seeding it (with the demo portfolio) on first use.
    pub fn open(&self) -> anyhow::Result<Store> {
        open_or_create_in(&self.db_path, true, self.lang())
    }

    pub fn who(&self) -> String {
        self.config.advisor_name()
    }

    /// The reader's language (`--lang`, else the config's).
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.config.ui.language)
    }
}
