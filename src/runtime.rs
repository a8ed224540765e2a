//! Carries out the dashboard's writes against the store: each [`Write`] is one transaction,
//! run after the key that asked for it has been handled, never inside `update`.

use crate::app::Write;
use crate::store::Store;

/// Perform `write` as `who`; returns a short confirmation for the status bar.
pub fn apply(store: &mut Store, who: &str, write: &Write) -> anyhow::Result<String> {
    match write {
        Write::SetStage {
            sme_id,
            iso3,
            hs,
            stage,
            reason,
        } => {
            let changes = store.set_stage(*sme_id, iso3, hs.as_deref(), *stage, reason, who)?;
            Ok(format!(
                "{iso3}: {} ({} entries)",
                stage.code(),
                changes.len()
            ))
        }
        Write::UpdatePlanItem {
            id,
            status,
            due,
            version,
        } => {
            let item = store.update_plan_item(*id, *status, due.as_deref(), *version, who)?;
            Ok(format!("#{}: {}", item.id, item.status.code()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Product, Sme, Stage};

    #[test]
    fn a_stage_change_is_written_and_a_bad_one_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let sme = Sme {
            name: "A".into(),
            tax_code: "0312345678".into(),
            province: "Hà Nội".into(),
            sector: "coffee".into(),
            products: vec![Product {
                hs: "090111".into(),
                description: String::new(),
            }],
            ..Default::default()
        };
        let id = store.insert_smes(&[sme], "test").unwrap()[0];
        let ok = Write::SetStage {
            sme_id: id,
            iso3: "DEU".into(),
            hs: None,
            stage: Stage::Engaged,
            reason: String::new(),
        };
        assert!(apply(&mut store, "test", &ok).unwrap().contains("engaged"));
        let dropped_without_reason = Write::SetStage {
            sme_id: id,
            iso3: "DEU".into(),
            hs: None,
            stage: Stage::Dropped,
            reason: String::new(),
        };
        assert!(apply(&mut store, "test", &dropped_without_reason).is_err());
        assert_eq!(store.shortlist_for(id).unwrap()[0].stage, Stage::Engaged);
    }
}
