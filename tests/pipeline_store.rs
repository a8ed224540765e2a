//! The pipeline store on an in-memory database: shortlist + plan saved together, stage changes
//! logged and audited, refused changes leave nothing behind, KPIs follow the stages.

use goglobal::domain::*;
use goglobal::error::Conflict;
use goglobal::store::{NewPlanItem, NewShortlistEntry, Store};

fn sme(name: &str, markets: &[&str]) -> Sme {
    Sme {
        name: name.into(),
        tax_code: "0312345678".into(),
        province: "Đồng Tháp".into(),
        sector: "coffee".into(),
        current_markets: markets.iter().map(|m| m.to_string()).collect(),
        products: vec![Product {
            hs: "0901".into(),
            description: "Coffee".into(),
        }],
        ..Default::default()
    }
}

fn store_with(smes: &[Sme]) -> (Store, Vec<i64>) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .conn
        .execute(
            "INSERT OR IGNORE INTO providers (id, name, category, tags, markets, sample)
             VALUES ('TEST_BANK', 'Test Bank', 'banking', 'TRADE_FINANCE', '*', 'yes')",
            [],
        )
        .unwrap();
    let ids = store.insert_smes(smes, "tester").unwrap();
    (store, ids)
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn entry(iso3: &str, score: f64) -> NewShortlistEntry {
    NewShortlistEntry {
        hs: "0901".into(),
        iso3: iso3.into(),
        score: Some(score),
        snapshot: format!("{{\"score\":{score}}}"),
        reference_version: "2026.11+test".into(),
    }
}

fn action(iso3: &str, text: &str) -> NewPlanItem {
    NewPlanItem {
        iso3: iso3.into(),
        gap: "HALAL".into(),
        action: text.into(),
        provider_id: Some("TEST_BANK".into()),
        due: Some("2027-03-31".into()),
        ..Default::default()
    }
}

#[test]
fn save_shortlist_writes_entries_plan_decisions_and_audit() {
    let (mut store, ids) = store_with(&[sme("Cà phê Test", &["USA"])]);
    let audits = count(&store, "audit");
    let saved = store
        .save_shortlist(
            ids[0],
            &[entry("are", 71.5), entry("SAU", 64.0)],
            &[action("ARE", "Get Halal certification")],
            "lan",
        )
        .unwrap();
    assert_eq!(saved.shortlist_ids.len(), 2);
    assert_eq!(saved.plan_ids.len(), 1);
    let list = store.shortlist_for(ids[0]).unwrap();
    assert_eq!(list[0].iso3, "ARE");
    assert_eq!(list[0].stage, Stage::Shortlisted);
    assert_eq!(list[0].score, Some(71.5));
    assert_eq!(list[0].reference_version, "2026.11+test");
    assert_eq!(list[0].snapshot, "{\"score\":71.5}");
    let plan = store.plan_for(ids[0]).unwrap();
    assert_eq!(plan[0].owner, "lan", "owner defaults to who");
    assert_eq!(plan[0].status, PlanStatus::Todo);
    assert_eq!(store.decisions_for(ids[0]).unwrap().len(), 3);
    assert_eq!(count(&store, "audit"), audits + 3);
    let baseline: String = store
        .conn
        .query_row(
            "SELECT baseline_markets FROM sme WHERE id = ?1",
            [ids[0]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(baseline, "USA");
}

#[test]
fn a_bad_plan_item_rolls_back_the_whole_save() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let before = (count(&store, "shortlist"), count(&store, "audit"));
    let mut bad = action("ARE", "Halal");
    bad.due = Some("2027-02-30".into());
    let err = store
        .save_shortlist(ids[0], &[entry("ARE", 70.0)], &[bad], "lan")
        .unwrap_err();
    assert!(err.to_string().contains("not a real date"), "{err}");
    assert_eq!(goglobal::error::exit_code(&err), 2);
    assert_eq!((count(&store, "shortlist"), count(&store, "audit")), before);
    assert_eq!(count(&store, "decision_log"), 0);
}

#[test]
fn resaving_keeps_an_advanced_stage_and_reopens_a_dropped_one() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    store
        .save_shortlist(
            ids[0],
            &[entry("ARE", 70.0), entry("SAU", 60.0)],
            &[],
            "lan",
        )
        .unwrap();
    store
        .set_stage(ids[0], "ARE", None, Stage::Engaged, "", "lan")
        .unwrap();
    store
        .set_stage(ids[0], "SAU", None, Stage::Dropped, "no buyer", "lan")
        .unwrap();
    store
        .save_shortlist(
            ids[0],
            &[entry("ARE", 75.0), entry("SAU", 61.0)],
            &[],
            "lan",
        )
        .unwrap();
    let list = store.shortlist_for(ids[0]).unwrap();
    assert_eq!((list[0].stage, list[0].score), (Stage::Engaged, Some(75.0)));
    assert_eq!(
        (list[1].stage, list[1].reason.as_str()),
        (Stage::Shortlisted, "")
    );
    assert_eq!(list[0].version, 3);
}

#[test]
fn set_stage_logs_who_what_why_and_audits_before_after() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    store
        .save_shortlist(ids[0], &[entry("ARE", 70.0)], &[], "lan")
        .unwrap();
    let changes = store
        .set_stage(ids[0], "are", None, Stage::Dropped, "price too low", "minh")
        .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].before, Some(Stage::Shortlisted));
    assert_eq!(changes[0].entry.stage, Stage::Dropped);
    assert_eq!(changes[0].entry.version, 2);
    let last = store.decisions_for(ids[0]).unwrap().pop().unwrap();
    assert_eq!(last.who, "minh");
    assert_eq!(
        goglobal::store::strings::EN.decision(&last.fact),
        "ARE (HS 0901): shortlisted → dropped"
    );
    assert_eq!(last.why, "price too low");
    let (before, after): (String, String) = store
        .conn
        .query_row(
            "SELECT before, after FROM audit WHERE action = 'set_stage'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(before.contains("\"shortlisted\"") && after.contains("\"dropped\""));
    // Setting the same stage and reason again changes nothing.
    let again = store
        .set_stage(ids[0], "ARE", None, Stage::Dropped, "price too low", "minh")
        .unwrap();
    assert!(again.is_empty());
}

#[test]
fn set_stage_creates_an_entry_for_a_market_not_in_the_pipeline() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let changes = store
        .set_stage(ids[0], "BRA", None, Stage::Engaged, "met at a fair", "lan")
        .unwrap();
    assert_eq!(changes[0].before, None);
    assert_eq!(changes[0].entry.hs, "0901", "the SME's first product");
    let last = store.decisions_for(ids[0]).unwrap().pop().unwrap();
    assert_eq!(
        goglobal::store::strings::EN.decision(&last.fact),
        "BRA (HS 0901): candidate → engaged"
    );
}

#[test]
fn refused_stage_changes_write_nothing() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let before = count(&store, "audit");
    for (sme_id, iso3, stage, reason, expect) in [
        (ids[0], "ARE", Stage::Dropped, " ", "needs a reason"),
        (ids[0], "XXX", Stage::Engaged, "", "unknown market"),
        (999, "ARE", Stage::Engaged, "", "unknown SME id 999"),
    ] {
        let err = store
            .set_stage(sme_id, iso3, None, stage, reason, "lan")
            .unwrap_err();
        assert!(err.to_string().contains(expect), "{err}");
        assert_eq!(goglobal::error::exit_code(&err), 2);
    }
    assert_eq!(count(&store, "audit"), before);
    assert_eq!(count(&store, "shortlist"), 0);
    let baseline: Option<String> = store
        .conn
        .query_row(
            "SELECT baseline_markets FROM sme WHERE id = ?1",
            [ids[0]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(baseline, None);
}

#[test]
fn plan_item_updates_are_version_checked() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let id = store
        .add_plan_item(ids[0], &action("ARE", "Open an LC line"), "lan")
        .unwrap();
    let item = store.update_plan_item(id, PlanStatus::InProgress, Some("2027-04-15"), 1, "lan");
    let item = item.unwrap();
    assert_eq!((item.status, item.version), (PlanStatus::InProgress, 2));
    assert_eq!(item.due.as_deref(), Some("2027-04-15"));
    let audits = count(&store, "audit");
    // A second session still holding version 1 must not overwrite the change.
    let err = store
        .update_plan_item(id, PlanStatus::Done, None, 1, "minh")
        .unwrap_err();
    assert!(err.downcast_ref::<Conflict>().is_some(), "{err}");
    let conflict = err.downcast_ref::<Conflict>().unwrap();
    assert_eq!((conflict.your_version, conflict.current_version), (1, 2));
    assert_eq!(conflict.theirs.len(), 1, "the other session's save");
    assert_eq!(conflict.theirs[0].who, "lan");
    assert!(
        err.to_string().contains("was changed by another session"),
        "{err}"
    );
    assert_eq!(goglobal::error::exit_code(&err), 2);
    assert_eq!(count(&store, "audit"), audits);
    assert_eq!(
        store.plan_for(ids[0]).unwrap()[0].status,
        PlanStatus::InProgress
    );
    let last = store.decisions_for(ids[0]).unwrap().pop().unwrap();
    assert_eq!(
        goglobal::store::strings::EN.decision(&last.fact),
        "plan ARE \"Open an LC line\": status to do → in progress, due 2027-03-31 → 2027-04-15"
    );
}

#[test]
fn add_plan_item_validates_every_field() {
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let cases = [
        (action("ARE", "  "), "action is empty"),
        (action("ZZZ", "x"), "unknown market"),
        (
            NewPlanItem {
                provider_id: Some("NOPE".into()),
                ..action("ARE", "x")
            },
            "unknown service provider",
        ),
        (
            NewPlanItem {
                due: Some("31/03/2027".into()),
                ..action("ARE", "x")
            },
            "YYYY-MM-DD",
        ),
    ];
    for (item, expect) in cases {
        let err = store.add_plan_item(ids[0], &item, "lan").unwrap_err();
        assert!(err.to_string().contains(expect), "{err}");
    }
    assert_eq!(count(&store, "plan_item"), 0);
}

#[test]
fn kpis_change_as_stages_change() {
    let (mut store, ids) = store_with(&[sme("A", &["USA"]), sme("B", &[])]);
    let kpis = store.pipeline_kpis().unwrap();
    assert_eq!(kpis.smes_with_new_market, 0);
    store
        .save_shortlist(
            ids[0],
            &[entry("USA", 80.0), entry("ARE", 70.0)],
            &[],
            "lan",
        )
        .unwrap();
    let kpis = store.pipeline_kpis().unwrap();
    assert_eq!(kpis.funnel[&Stage::Shortlisted], 2);
    assert_eq!(kpis.smes_with_new_market, 0);

    // A shipment to an existing market is not a new market.
    store
        .set_stage(ids[0], "USA", None, Stage::FirstShipment, "", "lan")
        .unwrap();
    assert_eq!(store.pipeline_kpis().unwrap().smes_with_new_market, 0);

    store
        .set_stage(ids[0], "ARE", None, Stage::FirstShipment, "", "lan")
        .unwrap();
    store
        .set_stage(ids[1], "ARE", None, Stage::Established, "", "lan")
        .unwrap();
    let kpis = store.pipeline_kpis().unwrap();
    assert_eq!(
        (kpis.smes_with_new_market, kpis.distinct_new_markets),
        (2, 1)
    );
    assert_eq!(kpis.funnel[&Stage::FirstShipment], 2);
    assert_eq!(kpis.funnel[&Stage::Shortlisted], 0);

    // Adding the market to the SME's current markets later does not un-count it: the
    // baseline was taken at the first pipeline change.
    store
        .conn
        .execute(
            "INSERT INTO sme_market (sme_id, iso3) VALUES (?1, 'ARE')",
            [ids[0]],
        )
        .unwrap();
    assert_eq!(store.pipeline_kpis().unwrap().smes_with_new_market, 2);

    store
        .set_stage(ids[1], "ARE", None, Stage::Dropped, "buyer left", "lan")
        .unwrap();
    let kpis = store.pipeline_kpis().unwrap();
    assert_eq!(
        (kpis.smes_with_new_market, kpis.distinct_new_markets),
        (1, 1)
    );
    assert_eq!(kpis.funnel[&Stage::Dropped], 1);
}

#[test]
fn a_schema_1_database_gains_the_baseline_column() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(goglobal::store::schema::MIGRATIONS[0])
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO sme (name, province, sector, created_at, updated_at)
             VALUES ('Old', 'Cà Mau', 'seafood', 'x', 'x')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO sme_market (sme_id, iso3) VALUES (1, 'JPN')",
            [],
        )
        .unwrap();
    }
    let (store, report) = Store::open(&db).unwrap();
    assert_eq!(report.migrated_from, Some(1));
    assert!(report.backup.is_some_and(|b| b.exists()));
    // Never assessed: the baseline is the current markets. (Its old id is now its handle.)
    let id = store.sme_key(1).unwrap();
    assert_eq!(store.baselines().unwrap()[&id], ["JPN"]);
    let column: Option<String> = store
        .conn
        .query_row(
            "SELECT baseline_markets FROM sme WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(column, None);
}

#[test]
fn the_first_assessment_fixes_the_baseline() {
    use goglobal::domain::readiness::{Questionnaire, score};
    let (mut store, ids) = store_with(&[sme("A", &["USA"])]);
    let q = Questionnaire::builtin();
    let answers: std::collections::BTreeMap<String, u8> =
        q.items.iter().map(|i| (i.id.clone(), 3)).collect();
    let cfg = goglobal::config::Config::default().readiness;
    let result = score(q, &cfg, &answers);
    let notes = Default::default();
    store
        .save_assessment(ids[0], &answers, &notes, "lan", &result)
        .unwrap();
    // The SME later starts exporting to the UAE and lists it as a current market; a second
    // assessment does not move the baseline, so the UAE still counts as a new market.
    store
        .conn
        .execute(
            "INSERT INTO sme_market (sme_id, iso3) VALUES (?1, 'ARE')",
            [ids[0]],
        )
        .unwrap();
    store
        .save_assessment(ids[0], &answers, &notes, "lan", &result)
        .unwrap();
    assert_eq!(store.baselines().unwrap()[&ids[0]], ["USA"]);
    store
        .set_stage(ids[0], "ARE", None, Stage::FirstShipment, "", "lan")
        .unwrap();
    assert_eq!(store.pipeline_kpis().unwrap().smes_with_new_market, 1);
}

#[test]
fn a_match_result_is_saved_with_its_snapshot() {
    use goglobal::domain::matching::{Matcher, choose_scheme};
    let (mut store, ids) = store_with(&[sme("A", &[])]);
    let reference = goglobal::store::load_reference(&store.conn).unwrap();
    let config = goglobal::config::Config::default();
    let scheme = choose_scheme(&config.matching, None, &[], None).unwrap();
    let sme = store.sme(ids[0]).unwrap().unwrap();
    let results = Matcher::new(&reference, &config).rank(&sme, "0901", &scheme);
    let top = &results[0];
    let entry = NewShortlistEntry::from_match(top, &reference.version).unwrap();
    store.save_shortlist(ids[0], &[entry], &[], "lan").unwrap();
    let saved = &store.shortlist_for(ids[0]).unwrap()[0];
    assert_eq!((&saved.iso3, saved.score), (&top.market, top.score));
    assert_eq!(saved.reference_version, reference.version);
    let snap: serde_json::Value = serde_json::from_str(&saved.snapshot).unwrap();
    assert_eq!(snap["score"].as_f64(), top.score);
    for c in goglobal::config::COMPONENTS {
        assert!(snap["components"][c].get("source").is_some(), "{c}");
    }
}

#[test]
fn a_schema_2_decision_log_becomes_facts_where_it_can() {
    use goglobal::domain::DecisionFact;
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        for m in &goglobal::store::schema::MIGRATIONS[..2] {
            conn.execute_batch(m).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute(
            "INSERT INTO sme (name, province, sector, created_at, updated_at)
             VALUES ('Old', 'Cà Mau', 'seafood', 'x', 'x')",
            [],
        )
        .unwrap();
        let lines = [
            (
                "SAU (HS 030462): new → shortlisted, score 71.2",
                "shortlisted from the market match",
            ),
            ("EGY (HS 030462): shortlisted → engaged", "price offer sent"),
            (
                "plan SAU: added \"List the plant → SFDA\" (owner Lan, due 2026-06-30)",
                "SAU-SFDA",
            ),
            ("plan EGY: added \"Halal\" (owner Minh)", ""),
            (
                "plan SAU \"List the plant\": status todo → done, due 2026-06-30 → none",
                "",
            ),
            ("plan SAU \"List the plant\": due none → 2026-07-01", ""),
            ("called the buyer", ""),
        ];
        for (what, why) in lines {
            conn.execute(
                "INSERT INTO decision_log (sme_id, at, who, what, why) VALUES (1, 'x', 'lan', ?1, ?2)",
                [what, why],
            )
            .unwrap();
        }
    }
    let (store, _) = Store::open(&db).unwrap();
    // The sync migration gives the user's SME a global key; 1 stays its handle.
    let log = store.decisions_for(store.sme_key(1).unwrap()).unwrap();
    let s = |x: &str| x.to_string();
    assert_eq!(
        log[0].fact,
        DecisionFact::Stage {
            market: s("SAU"),
            hs: s("030462"),
            from: None,
            to: s("shortlisted"),
            score: Some(71.2),
            from_match: true
        }
    );
    assert_eq!(log[0].why, "");
    assert!(
        matches!(&log[1].fact, DecisionFact::Stage { from: Some(f), to, from_match: false, .. }
        if f == "shortlisted" && to == "engaged")
    );
    assert_eq!(log[1].why, "price offer sent");
    assert_eq!(
        log[2].fact,
        DecisionFact::PlanAdded {
            market: s("SAU"),
            action: s("List the plant → SFDA"),
            owner: s("Lan"),
            due: Some(s("2026-06-30"))
        }
    );
    assert!(
        matches!(&log[3].fact, DecisionFact::PlanAdded { owner, due: None, .. } if owner == "Minh")
    );
    assert_eq!(
        log[4].fact,
        DecisionFact::PlanChanged {
            market: s("SAU"),
            action: s("List the plant"),
            status: Some((s("todo"), s("done"))),
            due: Some((Some(s("2026-06-30")), None))
        }
    );
    assert_eq!(
        log[5].fact,
        DecisionFact::PlanChanged {
            market: s("SAU"),
            action: s("List the plant"),
            status: None,
            due: Some((None, Some(s("2026-07-01"))))
        }
    );
    assert_eq!(
        log[6].fact,
        DecisionFact::Note {
            text: s("called the buyer")
        }
    );
    // Rendered in the reader's language.
    let vi = goglobal::store::strings::get(goglobal::lang::Lang::Vi);
    assert_eq!(
        vi.decision(&log[1].fact),
        "EGY (HS 030462): đã chọn → đang tiếp xúc"
    );
    assert_eq!(vi.why(&log[0]), vi.why_matched);
}
