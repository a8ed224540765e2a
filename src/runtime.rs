//! Carries out the dashboard's effects against the store, after the key that asked for them
//! has been handled, never inside `update`: each [`Write`] is one transaction, followed by a
//! reload of the portfolio; reads fill what a screen asked for.

use crate::app::{App, Effect, Write};
use crate::error::Conflict;
use crate::store::Store;

/// Carry out the effects of one update (quitting aside): the writes, then a reload of the
/// portfolio if anything was written (or refused because another session wrote: the screen
/// then shows their version), then the outcomes, then the reads the screens want.
pub fn perform(store: &mut Store, who: &str, app: &mut App, effects: &[Effect]) {
    let mut outcomes = Vec::new();
    let mut reload = false;
    for effect in effects {
        if let Effect::Write(write) = effect {
            let result = apply(store, who, write);
            let conflict = matches!(&result, Err(e) if e.downcast_ref::<Conflict>().is_some());
            reload |= result.is_ok() || conflict;
            outcomes.push((result.map_err(|e| format!("{e:#}")), conflict));
        }
    }
    if reload {
        match crate::store::load_portfolio(&store.conn) {
            Ok(portfolio) => app.reload(portfolio),
            Err(e) => outcomes.push((Err(format!("{e:#}")), false)),
        }
    }
    for (result, conflict) in outcomes {
        match result {
            Err(text) if conflict => app.conflicted(text),
            result => app.written(result),
        }
    }
    let mut reads: Vec<&Effect> = effects
        .iter()
        .filter(|e| !matches!(e, Effect::Write(_) | Effect::Quit))
        .collect();
    let wanted = if reload {
        app.wanted_reads()
    } else {
        Vec::new()
    };
    reads.extend(wanted.iter().filter(|w| !effects.contains(w)));
    for effect in reads {
        read(store, app, effect);
    }
}

/// Read what `effect` asks for into the app (a failure is shown where the data would be).
pub fn read(store: &Store, app: &mut App, effect: &Effect) {
    match effect {
        Effect::LoadSmeChanges(id) => {
            let entries = store.sme_changes(*id).map_err(|e| format!("{e:#}"));
            app.changes_loaded(*id, entries);
        }
        Effect::LoadDeletedSmes => {
            let rows = crate::store::load_deleted_smes(&store.conn).map_err(|e| format!("{e:#}"));
            app.deleted_loaded(rows);
        }
        Effect::Write(_) | Effect::Quit => {}
    }
}

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
        Write::CreateSme(sme) => {
            let id = store.create_sme(sme, who)?;
            Ok(format!("SME {id} \"{}\" created", sme.name))
        }
        Write::UpdateSme(sme) => {
            let version = store.update_sme(sme, who)?;
            Ok(if version == sme.version {
                format!("SME {} \"{}\": nothing changed", sme.id, sme.name)
            } else {
                format!("SME {} \"{}\" saved (version {version})", sme.id, sme.name)
            })
        }
        Write::DeleteSme { id, version } => {
            store.delete_sme(*id, *version, who)?;
            Ok(format!(
                "SME {id} deleted (D lists deleted SMEs, u restores)"
            ))
        }
        Write::RestoreSme { id, version } => {
            store.restore_sme(*id, *version, who)?;
            Ok(format!("SME {id} restored"))
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
    fn sme_writes_create_update_delete_restore_and_refuse_stale_versions() {
        let mut store = Store::open_in_memory().unwrap();
        let sme = Sme {
            name: "Công ty Thử".into(),
            tax_code: "0312345678".into(),
            province: "Huế".into(),
            sector: "coffee".into(),
            ..Default::default()
        };
        let created = apply(&mut store, "lan", &Write::CreateSme(Box::new(sme.clone())));
        assert!(created.unwrap().contains("created"));
        let again = apply(&mut store, "lan", &Write::CreateSme(Box::new(sme))).unwrap_err();
        assert!(
            again.downcast_ref::<crate::error::BadInput>().is_some(),
            "{again}"
        );
        let mut opened = store.smes().unwrap().remove(0);
        assert_eq!(opened.version, 1);
        // Another session saves first.
        let mut theirs = opened.clone();
        theirs.notes = "theirs".into();
        store.update_sme(&theirs, "minh").unwrap();
        opened.notes = "mine".into();
        let refused = apply(
            &mut store,
            "lan",
            &Write::UpdateSme(Box::new(opened.clone())),
        );
        let err = refused.unwrap_err();
        assert!(err.downcast_ref::<Conflict>().is_some(), "{err}");
        assert!(format!("{err:#}").contains("update by minh"), "{err:#}");
        assert_eq!(store.require_sme(opened.id).unwrap().notes, "theirs");
        opened.version = 2;
        let saved = apply(
            &mut store,
            "lan",
            &Write::UpdateSme(Box::new(opened.clone())),
        );
        assert!(saved.unwrap().contains("version 3"));
        let nothing = apply(
            &mut store,
            "lan",
            &Write::UpdateSme(Box::new(Sme {
                version: 3,
                ..opened.clone()
            })),
        );
        assert!(nothing.unwrap().contains("nothing changed"));
        let id = opened.id;
        let stale = apply(&mut store, "lan", &Write::DeleteSme { id, version: 2 }).unwrap_err();
        assert!(stale.downcast_ref::<Conflict>().is_some(), "{stale}");
        apply(&mut store, "lan", &Write::DeleteSme { id, version: 3 }).unwrap();
        assert!(store.sme(id).unwrap().is_none());
        apply(&mut store, "lan", &Write::RestoreSme { id, version: 4 }).unwrap();
        assert!(store.sme(id).unwrap().is_some());
        assert!(apply(&mut store, "lan", &Write::RestoreSme { id, version: 5 }).is_err());
    }
}
