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
        Write::SaveShortlist {
            sme_id,
            entries,
            plan,
        } => {
            let saved = store.save_shortlist(*sme_id, entries, plan, who)?;
            let markets: Vec<&str> = entries.iter().map(|e| e.iso3.as_str()).collect();
            Ok(format!(
                "SME {sme_id}: shortlisted {} · {} plan items",
                markets.join(", "),
                saved.plan_ids.len()
            ))
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

    #[test]
    fn the_wizard_save_writes_shortlist_and_plan_or_nothing() {
        use crate::store::{NewPlanItem, NewShortlistEntry};
        let mut store = Store::open_in_memory().unwrap();
        let sme = Sme {
            name: "B".into(),
            tax_code: "0312345679".into(),
            province: "Hà Nội".into(),
            sector: "coffee".into(),
            products: vec![Product {
                hs: "090111".into(),
                description: String::new(),
            }],
            ..Default::default()
        };
        let id = store.insert_smes(&[sme], "test").unwrap()[0];
        let entry = |iso3: &str| NewShortlistEntry {
            hs: "090111".into(),
            iso3: iso3.into(),
            score: Some(61.5),
            snapshot: "{\"score\":61.5}".into(),
            reference_version: "test".into(),
        };
        let item = NewPlanItem {
            iso3: "DEU".into(),
            gap: "EU27-EUDR".into(),
            action: "Meet EU27-EUDR — with VIETRADE".into(),
            provider_id: Some("P001".into()),
            owner: "Lan".into(),
            due: Some("2026-12-23".into()),
            notes: String::new(),
        };
        let ok = Write::SaveShortlist {
            sme_id: id,
            entries: vec![entry("DEU"), entry("JPN")],
            plan: vec![item.clone()],
        };
        let text = apply(&mut store, "Lan", &ok).unwrap();
        assert!(
            text.contains("DEU, JPN") && text.contains("1 plan items"),
            "{text}"
        );
        let shortlist = store.shortlist_for(id).unwrap();
        assert_eq!(shortlist.len(), 2);
        assert!(shortlist.iter().all(|e| e.stage == Stage::Shortlisted));
        assert_eq!(
            store.plan_for(id).unwrap()[0].provider_id.as_deref(),
            Some("P001")
        );
        // An unknown market refuses the whole save: no entry, no plan item is added.
        let bad = Write::SaveShortlist {
            sme_id: id,
            entries: vec![entry("FRA"), entry("XXX")],
            plan: vec![item],
        };
        assert!(apply(&mut store, "Lan", &bad).is_err());
        assert_eq!(store.shortlist_for(id).unwrap().len(), 2);
        assert_eq!(store.plan_for(id).unwrap().len(), 1);
    }
}
