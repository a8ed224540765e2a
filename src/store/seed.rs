//! Opening a database for a command or the dashboard, and seeding a new one with the demo
//! portfolio through the same importer as a user's file.

use std::collections::HashSet;
use std::path::Path;

use crate::domain::Origin;
use crate::lang::Lang;
use crate::store::{self, Store, sme_csv};

/// Open `path`; a database created now gets the sample portfolio (in English) when `samples`
/// is set.
pub fn open_or_create(path: &Path, samples: bool) -> anyhow::Result<Store> {
    open_or_create_in(path, samples, Lang::En)
}

/// [`open_or_create`] with the demo texts in `lang`.
pub fn open_or_create_in(path: &Path, samples: bool, lang: Lang) -> anyhow::Result<Store> {
    let (mut store, report) = Store::open(path)?;
    if let Some(from) = report.migrated_from {
        crate::errln!(
            "goglobal: database upgraded from schema {from}; backup at {}",
            report
                .backup
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
    }
    if report.created && samples {
        seed_samples_in(&mut store, lang)?;
    }
    Ok(store)
}

/// Load the demo portfolio (texts in English) through the same importer as a user's file.
pub fn seed_samples(store: &mut Store) -> anyhow::Result<usize> {
    seed_samples_in(store, Lang::En)
}

/// [`seed_samples`] with the demo texts (plans, decisions) in `lang`.
pub fn seed_samples_in(store: &mut Store, lang: Lang) -> anyhow::Result<usize> {
    let reference = store::load_reference(&store.conn)?;
    let mut smes = sme_csv::parse(
        store::schema::SAMPLE_SMES_CSV.as_bytes(),
        "data/sample_smes.csv",
        &reference,
        &HashSet::new(),
    )
    .map_err(|problems| {
        let lines: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        anyhow::anyhow!("shipped sample data is invalid:\n{}", lines.join("\n"))
    })?;
    for s in &mut smes {
        s.origin = Origin::Sample;
    }
    // The demo rows are the same at every site: small keys, not captured for sync.
    store::sync::keys::seeding(|| -> anyhow::Result<()> {
        store.insert_smes(&smes, "goglobal (sample data)")?;
        store.seed_sample_assessments()?;
        store.seed_sample_pipeline(lang)?;
        Ok(())
    })?;
    Ok(smes.len())
}
