//! Carries out what the dashboard's `update` asked for, after the key that asked was handled,
//! never inside `update`: each [`Write`] is one transaction followed by a reload of the
//! portfolio; the assessment form is opened with the SME's latest answers; briefs are written
//! to files under the data directory; reads fill what a screen needs (an SME's changes, the
//! deleted SMEs).

use std::path::{Path, PathBuf};

use crate::app::{App, Effect, Lang, Prefill, Status, Write};
use crate::config::Config;
use crate::domain::Reference;
use crate::domain::readiness::{self, Questionnaire};
use crate::error::Conflict;
use crate::store::Store;

/// Who writes, with which configuration, and where files go.
pub struct Env {
    /// The advisor (config `[advisor] name` or the OS user).
    pub who: String,
    pub config: Config,
    /// Briefs go to `reports/` under this directory (the database's directory).
    pub data_dir: PathBuf,
}

impl Env {
    pub fn new(who: &str, config: Config, db_path: &Path) -> Env {
        let data_dir = match db_path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Env {
            who: who.to_string(),
            config,
            data_dir,
        }
    }

    pub fn reports_dir(&self) -> PathBuf {
        self.data_dir.join("reports")
    }
}

/// Carry out `effects` for `app`: writes (then one reload of the portfolio if any succeeded, or
/// was refused because another session saved the SME first: the form then offers their
/// version), opening the assessment form, briefs. Outcomes go to the status bar once the
/// portfolio is fresh (a saved new SME opens from it); an SME save refused by a conflict goes to
/// a dialog with the whole message. Then the reads the screen wants ([`App::wanted_reads`]: an
/// SME's changes when its detail opens, the deleted SMEs when their view opens; again after a
/// write). `Quit` is the loop's.
pub fn perform(app: &mut App, store: &mut Store, env: &Env, effects: &[Effect]) {
    let mut outcomes = Vec::new();
    let mut reload = false;
    // Any write may change the sync state (a resolution, which site last changed an SME).
    let mut reload_sync = false;
    for effect in effects {
        match effect {
            Effect::Write(write) => {
                let result = apply(store, env, app.lang, write);
                reload_sync = true;
                let refused_sme = matches!(
                    write,
                    Write::UpdateSme(_) | Write::DeleteSme { .. } | Write::RestoreSme { .. }
                );
                let conflict = refused_sme
                    && matches!(&result, Err(e) if e.downcast_ref::<Conflict>().is_some());
                reload |= result.is_ok() || conflict;
                outcomes.push(match result {
                    Ok(text) => (Ok(text), false),
                    Err(e) if conflict => (Err(crate::error::message(&e, app.lang)), true),
                    Err(e) => (Err(one_line(e, app.lang)), false),
                });
            }
            Effect::OpenAssessment { sme_id } => match latest_answers(store, *sme_id) {
                Ok(prefill) => app.open_assessment(*sme_id, prefill),
                Err(e) => app.status = Some(error_status(e, app.lang)),
            },
            Effect::Brief {
                sme_id,
                format,
                lang,
            } => {
                let result =
                    write_brief(store, &app.data.p.reference, env, *sme_id, *format, *lang);
                app.status = Some(match result {
                    Ok(path) => Status {
                        text: format!("{} {}", strings(*lang).brief_written, home_short(&path)),
                        error: false,
                    },
                    Err(e) => error_status(e, app.lang),
                });
            }
            Effect::LoadSmeChanges(_) | Effect::LoadDeletedSmes | Effect::LoadSync => {
                read(store, app, effect)
            }
            Effect::Quit => {}
        }
    }
    if reload {
        match crate::store::load_portfolio(&store.conn) {
            Ok(portfolio) => app.reload(portfolio),
            Err(e) => outcomes.push((Err(one_line(e, app.lang)), false)),
        }
    }
    if reload_sync || !app.sync.loaded {
        read(store, app, &Effect::LoadSync);
    }
    for (result, conflict) in outcomes {
        match result {
            Err(text) if conflict => app.conflicted(text),
            result => app.written(result),
        }
    }
    for effect in app.wanted_reads() {
        read(store, app, &effect);
    }
}

/// Read what the dashboard's first frame went without into the app: the HS nomenclature, the
/// decision logs and the BACI trade of the portfolio's products (it starts without them to
/// draw sooner); a failure shows in the status bar.
pub fn load_after_first_frame(app: &mut App, store: &Store) {
    if let Err(e) = crate::store::load_portfolio_after_first_frame(&store.conn, &mut app.data.p) {
        app.status = Some(error_status(e, app.lang));
    }
}

/// Read what `effect` asks for into the app (a failure shows where the data would be).
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
        Effect::LoadSync => {
            let overview = store.sync_overview().map_err(|e| format!("{e:#}"));
            app.sync_loaded(overview);
        }
        _ => {}
    }
}

/// A path as the status bar shows it: the home folder as `~`, so the file name fits.
fn home_short(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

fn strings(lang: Lang) -> &'static crate::ui::strings_follow::FollowStrings {
    crate::ui::strings::get(lang).follow
}

/// The status bar has one line: the lines of a long message (in `lang`) are joined.
fn one_line(e: anyhow::Error, lang: Lang) -> String {
    crate::error::message(&e, lang)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

fn error_status(e: anyhow::Error, lang: Lang) -> Status {
    Status {
        text: one_line(e, lang),
        error: true,
    }
}

/// Perform `write` as the advisor; returns a short confirmation for the status bar in `lang`.
pub fn apply(store: &mut Store, env: &Env, lang: Lang, write: &Write) -> anyhow::Result<String> {
    let who = env.who.as_str();
    let ui = crate::ui::strings::get(lang);
    let s = ui.follow;
    match write {
        Write::SetStage {
            sme_id,
            iso3,
            hs,
            stage,
            reason,
        } => {
            let changes = store.set_stage(*sme_id, iso3, hs.as_deref(), *stage, reason, who)?;
            let what = match hs {
                Some(hs) => format!("{iso3} (HS {hs})"),
                None => iso3.clone(),
            };
            Ok(if changes.is_empty() {
                format!("{what}: {} ({})", ui.stage(*stage), s.unchanged)
            } else {
                format!("{} {what}: {}", s.stage_saved, ui.stage(*stage))
            })
        }
        Write::UpdatePlanItem {
            id,
            status,
            due,
            version,
        } => {
            let item = store.update_plan_item(*id, *status, due.as_deref(), *version, who)?;
            Ok(format!(
                "{} \"{}\": {} · {} {}",
                s.plan_saved,
                item.action,
                ui.plan_status(item.status),
                ui.due,
                item.due.as_deref().unwrap_or(ui.dash)
            ))
        }
        Write::SaveAssessment {
            sme_id,
            answers,
            notes,
        } => {
            let q = Questionnaire::builtin();
            if let Some(id) = answers.keys().find(|id| q.item(id).is_none()) {
                return Err(crate::error::bad_input(format!(
                    "unknown questionnaire item {id} (use {})",
                    q.id_ranges()
                )));
            }
            let result = readiness::score(q, &env.config.readiness, answers);
            store.save_assessment(*sme_id, answers, notes, who, &result)?;
            let a = ui.assess;
            let score = result
                .overall
                .map_or(ui.dash.to_string(), |v| format!("{}/100", ui.num(v, 0)));
            Ok(format!(
                "{} {score} {} · {}/{} {}",
                a.saved,
                ui.band(result.band.map(|b| b.code())),
                result.answered_items,
                result.total_items,
                a.answered
            ))
        }
        Write::CreateSme(sme) => {
            let key = store.create_sme(sme, who)?;
            let id = store.sme_handle(key)?;
            Ok(format!("{}: #{id} \"{}\"", ui.edit.created, sme.name))
        }
        Write::UpdateSme(sme) => {
            let e = ui.edit;
            let version = store.update_sme(sme, who)?;
            let handle = store.sme_handle(sme.id)?;
            Ok(if version == sme.version {
                format!("{}: #{handle} \"{}\"", e.unchanged, sme.name)
            } else {
                format!(
                    "{}: #{handle} \"{}\" ({} {version})",
                    e.saved, sme.name, e.version
                )
            })
        }
        Write::DeleteSme { id, version } => {
            store.delete_sme(*id, *version, who)?;
            Ok(format!("{}: #{}", ui.edit.deleted, store.sme_handle(*id)?))
        }
        Write::RestoreSme { id, version } => {
            store.restore_sme(*id, *version, who)?;
            Ok(format!("{}: #{}", ui.edit.restored, store.sme_handle(*id)?))
        }
        Write::ResolveConflict { id, keep_mine } => {
            let c = store.sync_resolve(*id, *keep_mine, who)?;
            let t = ui.sync;
            let field = if c.field == "*" {
                t.whole_row
            } else {
                &c.field
            };
            let value = c
                .kept
                .as_ref()
                .map(crate::domain::sync::value_text)
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| t.empty.to_string());
            Ok(crate::say!(
                t.resolved,
                id = id,
                field = field,
                value = value
            ))
        }
        Write::SaveShortlist {
            sme_id,
            entries,
            plan,
        } => {
            let saved = store.save_shortlist(*sme_id, entries, plan, who)?;
            let markets: Vec<&str> = entries.iter().map(|e| e.iso3.as_str()).collect();
            Ok(format!(
                "{} {} · {} {}",
                ui.wizard.saved_shortlist,
                markets.join(", "),
                saved.plan_ids.len(),
                ui.wizard.saved_plan_items
            ))
        }
    }
}

/// The latest answers and notes of SME `sme_id`, if it was ever assessed.
pub fn latest_answers(store: &Store, sme_id: i64) -> anyhow::Result<Option<Prefill>> {
    Ok(store.assessment_history(sme_id)?.pop().map(|a| Prefill {
        date: a.date().to_string(),
        answers: a.answers,
        notes: a.notes,
    }))
}

/// Write the client brief of `sme_id` (the same content as `goglobal report`) to
/// `<data dir>/reports/<id>-<slug>-<date>.md|html`; returns the path. Today's brief of the same
/// SME is replaced.
pub fn write_brief(
    store: &Store,
    reference: &Reference,
    env: &Env,
    sme_id: i64,
    format: crate::report::Format,
    lang: Lang,
) -> anyhow::Result<PathBuf> {
    let brief =
        crate::report::build_brief(store, reference, &env.config, sme_id, None, lang, &env.who)?;
    let text = crate::report::render(&brief, format);
    let dir = env.reports_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| crate::error::PathError::io(&dir, "cannot create the folder", &e))?;
    let ext = match format {
        crate::report::Format::Markdown => "md",
        crate::report::Format::Html => "html",
    };
    // The name without its legal form ("Công ty TNHH"): shorter, and the part that tells SMEs apart.
    let name = crate::domain::names::distinctive(&brief.sme_name);
    let path = dir.join(format!(
        "{sme_id}-{}-{}.{ext}",
        crate::text::slug(name, 32),
        brief.date
    ));
    std::fs::write(&path, text)
        .map_err(|e| crate::error::PathError::io(&path, "cannot write", &e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PlanStatus, Product, Sme, Stage};

    /// An in-memory store holding one coffee SME (product 090111); returns the store and its id.
    fn store_with_coffee_sme(name: &str, tax_code: &str) -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let sme = Sme {
            name: name.into(),
            tax_code: tax_code.into(),
            province: "Hà Nội".into(),
            sector: "coffee".into(),
            products: vec![Product {
                hs: "090111".into(),
                description: String::new(),
            }],
            ..Default::default()
        };
        let id = store.insert_smes(&[sme], "test").unwrap()[0];
        (store, id)
    }

    fn env() -> Env {
        Env::new("test", Config::default(), Path::new("goglobal.db"))
    }

    #[test]
    fn a_stage_change_is_written_and_a_bad_one_refused() {
        let (mut store, id) = store_with_coffee_sme("A", "0312345678");
        let ok = Write::SetStage {
            sme_id: id,
            iso3: "DEU".into(),
            hs: None,
            stage: Stage::Engaged,
            reason: String::new(),
        };
        let text = apply(&mut store, &env(), Lang::En, &ok).unwrap();
        assert!(text.contains("DEU: Engaged"), "{text}");
        let dropped_without_reason = Write::SetStage {
            sme_id: id,
            iso3: "DEU".into(),
            hs: None,
            stage: Stage::Dropped,
            reason: String::new(),
        };
        assert!(apply(&mut store, &env(), Lang::En, &dropped_without_reason).is_err());
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
        let created = apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::CreateSme(Box::new(sme.clone())),
        );
        assert!(created.unwrap().starts_with("SME created: #"));
        let again = apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::CreateSme(Box::new(sme)),
        )
        .unwrap_err();
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
            &env(),
            Lang::En,
            &Write::UpdateSme(Box::new(opened.clone())),
        );
        let err = refused.unwrap_err();
        assert!(err.downcast_ref::<Conflict>().is_some(), "{err}");
        assert!(format!("{err:#}").contains("update by minh"), "{err:#}");
        assert_eq!(store.require_sme(opened.id).unwrap().notes, "theirs");
        opened.version = 2;
        let saved = apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::UpdateSme(Box::new(opened.clone())),
        );
        assert!(saved.unwrap().contains("(version 3)"));
        let nothing = apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::UpdateSme(Box::new(Sme {
                version: 3,
                ..opened.clone()
            })),
        );
        assert!(nothing.unwrap().starts_with("Nothing changed"));
        let id = opened.id;
        let stale = apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::DeleteSme { id, version: 2 },
        )
        .unwrap_err();
        assert!(stale.downcast_ref::<Conflict>().is_some(), "{stale}");
        apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::DeleteSme { id, version: 3 },
        )
        .unwrap();
        assert!(store.sme(id).unwrap().is_none());
        apply(
            &mut store,
            &env(),
            Lang::En,
            &Write::RestoreSme { id, version: 4 },
        )
        .unwrap();
        assert!(store.sme(id).unwrap().is_some());
        assert!(
            apply(
                &mut store,
                &env(),
                Lang::En,
                &Write::RestoreSme { id, version: 5 }
            )
            .is_err()
        );
    }

    #[test]
    fn the_wizard_save_writes_shortlist_and_plan_or_nothing() {
        use crate::store::{NewPlanItem, NewShortlistEntry};
        let (mut store, id) = store_with_coffee_sme("B", "0312345679");
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
        let text = apply(&mut store, &env(), Lang::En, &ok).unwrap();
        assert_eq!(text, "Shortlisted DEU, JPN · 1 plan items");
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
        assert!(apply(&mut store, &env(), Lang::En, &bad).is_err());
        assert_eq!(store.shortlist_for(id).unwrap().len(), 2);
        assert_eq!(store.plan_for(id).unwrap().len(), 1);
    }

    /// A store with the sample portfolio, an app on it and an environment writing into `dir`.
    fn session(dir: &Path, config: Config) -> (Store, App, Env) {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        let portfolio = crate::store::load_portfolio(&store.conn).unwrap();
        let app = App::new(
            portfolio,
            &config,
            crate::app::Keymap::default(),
            "2026-11-23",
            crate::app::ThemeKind::Dark,
        );
        let env = Env::new("Lan", config, &dir.join("goglobal.db"));
        (store, app, env)
    }

    #[test]
    fn an_assessment_is_scored_with_the_configured_weights_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        // Only domain A counts.
        for (code, w) in config.readiness.weights.iter_mut() {
            *w = if code == "A" { 100.0 } else { 0.0 };
        }
        let (mut store, mut app, env) = session(dir.path(), config);
        let sme = app.data.p.smes[0].id;
        let before = store.assessment_history(sme).unwrap().len();
        perform(
            &mut app,
            &mut store,
            &env,
            &[Effect::OpenAssessment { sme_id: sme }],
        );
        let prefilled = app.assess.as_ref().unwrap().prefilled_from.is_some();
        assert_eq!(prefilled, before > 0);
        let answers = [("A1".to_string(), 4), ("B1".to_string(), 0)].into();
        let notes = [("A1".to_string(), "ERC seen".to_string())].into();
        let write = Write::SaveAssessment {
            sme_id: sme,
            answers,
            notes,
        };
        app.assess.as_mut().unwrap().saving = true;
        perform(&mut app, &mut store, &env, &[Effect::Write(write)]);
        let status = app.status.clone().unwrap();
        assert!(!status.error, "{}", status.text);
        assert!(
            status.text.starts_with("Đã lưu đánh giá: 100/100"),
            "{}",
            status.text
        );
        assert!(app.assess.is_none(), "a saved form closes");
        let history = store.assessment_history(sme).unwrap();
        assert_eq!(history.len(), before + 1);
        let last = history.last().unwrap();
        assert_eq!(
            (last.assessor.as_str(), last.result.overall),
            ("Lan", Some(100.0))
        );
        assert_eq!(last.notes["A1"], "ERC seen");
        // The portfolio was reloaded: the dashboard shows the new score.
        assert_eq!(app.data.p.readiness[&sme].overall, Some(100.0));
        // The form opens on these answers next time.
        let prefill = latest_answers(&store, sme).unwrap().unwrap();
        assert_eq!(prefill.answers.len(), 2);
        let bad = Write::SaveAssessment {
            sme_id: sme,
            answers: [("Z9".to_string(), 1)].into(),
            notes: Default::default(),
        };
        let err = apply(&mut store, &env, Lang::En, &bad).unwrap_err();
        assert!(format!("{err}").contains("unknown questionnaire item Z9"));
        assert_eq!(store.assessment_history(sme).unwrap().len(), before + 1);
    }

    #[test]
    fn a_refused_plan_change_is_one_line_in_the_status_bar() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, mut app, env) = session(dir.path(), Config::default());
        let item = app
            .data
            .p
            .plan
            .iter()
            .find(|p| p.status == PlanStatus::Todo);
        let item = item.unwrap().clone();
        let stale = Write::UpdatePlanItem {
            id: item.id,
            status: PlanStatus::Done,
            due: item.due.clone(),
            version: item.version - 1,
        };
        perform(&mut app, &mut store, &env, &[Effect::Write(stale)]);
        let status = app.status.clone().unwrap();
        assert!(status.error);
        // In the app's language (Vietnamese by default).
        assert!(
            status.text.contains("một phiên làm việc khác thay đổi"),
            "{}",
            status.text
        );
        assert!(!status.text.contains('\n'));
        let fresh = Write::UpdatePlanItem {
            id: item.id,
            status: PlanStatus::Done,
            due: item.due.clone(),
            version: item.version,
        };
        perform(&mut app, &mut store, &env, &[Effect::Write(fresh)]);
        assert!(!app.status.clone().unwrap().error);
        let reloaded = app.data.p.plan.iter().find(|p| p.id == item.id).unwrap();
        assert_eq!(
            (reloaded.status, reloaded.version),
            (PlanStatus::Done, item.version + 1)
        );
    }

    #[test]
    fn a_brief_is_written_under_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, mut app, env) = session(dir.path(), Config::default());
        let sme = app.data.p.smes[0].clone();
        for format in [crate::report::Format::Markdown, crate::report::Format::Html] {
            let brief = Effect::Brief {
                sme_id: sme.id,
                format,
                lang: Lang::En,
            };
            perform(&mut app, &mut store, &env, &[brief]);
            let status = app.status.clone().unwrap();
            assert!(!status.error, "{}", status.text);
            let path = status.text.strip_prefix("Brief written to ").unwrap();
            let path = Path::new(path);
            assert!(
                path.is_absolute(),
                "the temporary folder is not under HOME: {path:?}"
            );
            assert_eq!(path.parent().unwrap(), dir.path().join("reports"));
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with(&format!("{}-", sme.id)), "{name}");
            let text = std::fs::read_to_string(path).unwrap();
            assert!(text.contains(&sme.name));
        }
        let unknown = Effect::Brief {
            sme_id: 999_999,
            format: crate::report::Format::Markdown,
            lang: Lang::Vi,
        };
        perform(&mut app, &mut store, &env, &[unknown]);
        assert!(app.status.clone().unwrap().error);
    }

    #[test]
    fn data_dir_is_the_database_folder() {
        let e = Env::new("x", Config::default(), Path::new("/tmp/a/b.db"));
        assert_eq!(e.reports_dir(), Path::new("/tmp/a/reports"));
        assert_eq!(env().data_dir, Path::new("."));
    }
}
