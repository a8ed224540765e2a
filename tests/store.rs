//! Store behaviour on temporary databases: seeding, reference refresh, migrations, permissions.

use goglobal::domain::{Origin, Product, Sme};
use goglobal::store::{self, Store};

fn sme(name: &str, tax: &str) -> Sme {
    Sme {
        name: name.into(),
        tax_code: tax.into(),
        province: "Hà Nội".into(),
        sector: "handicrafts".into(),
        products: vec![Product {
            hs: "460211".into(),
            description: "Giỏ mây".into(),
        }],
        current_markets: vec!["JPN".into()],
        certifications: vec!["ISO9001".into()],
        ..Default::default()
    }
}

#[test]
fn in_memory_store_is_seeded() {
    let store = Store::open_in_memory().unwrap();
    let r = store::load_reference(&store.conn).unwrap();
    assert!(r.markets.len() >= 190);
    assert!(r.market("USA").is_some());
    assert!(r.market("VNM").is_none());
    assert_eq!(r.hs_code("090111").unwrap().chapter(), "09");
    assert_eq!(r.version, store::reference_version());
    assert!(
        store.check().unwrap().is_empty(),
        "{:?}",
        store.check().unwrap()
    );
}

#[test]
fn newer_reference_data_refreshes_without_touching_user_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        let (mut s, report) = Store::open(&path).unwrap();
        assert!(report.created && report.reference_refreshed);
        s.insert_smes(&[sme("Làng nghề Mây tre Thử", "0100000001")], "test")
            .unwrap();
        // Pretend this database was seeded by an older release whose data differed.
        s.conn
            .execute(
                "UPDATE meta SET value = '2025.01+old' WHERE key = 'reference_version'",
                [],
            )
            .unwrap();
        s.conn
            .execute("DELETE FROM markets WHERE iso3 = 'JPN'", [])
            .unwrap();
        s.conn
            .execute("UPDATE markets SET name = 'Stale' WHERE iso3 = 'USA'", [])
            .unwrap();
    }
    let (s, report) = Store::open(&path).unwrap();
    assert!(!report.created);
    assert!(report.reference_refreshed);
    let r = store::load_reference(&s.conn).unwrap();
    assert!(r.market("JPN").is_some(), "deleted market restored");
    assert_ne!(r.market("USA").unwrap().name, "Stale");
    assert_eq!(r.version, store::reference_version());
    let smes = s.smes().unwrap();
    assert_eq!(smes.len(), 1, "user data kept");
    assert_eq!(smes[0].name, "Làng nghề Mây tre Thử");
    assert_eq!(smes[0].current_markets, vec!["JPN".to_string()]);
    // Same version: opening again does not refresh.
    drop(s);
    let (_, report) = Store::open(&path).unwrap();
    assert!(!report.reference_refreshed);
}

#[test]
fn database_file_is_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/p.db");
    let (s, _) = Store::open(&path).unwrap();
    let mode: String = s
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn insert_round_trips_and_purge_keeps_user_smes() {
    let mut s = Store::open_in_memory().unwrap();
    let mut sample = sme("Mẫu", "0100000002");
    sample.origin = Origin::Sample;
    let ids = s
        .insert_smes(&[sme("Người dùng", "0100000003"), sample], "test")
        .unwrap();
    let loaded = s.sme(ids[0]).unwrap().unwrap();
    assert_eq!(loaded.products[0].description, "Giỏ mây");
    assert_eq!(loaded.certifications, vec!["ISO9001".to_string()]);
    assert_eq!(s.purge_samples("test").unwrap(), 1);
    let left = s.smes().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, "Người dùng");
    let audits: i64 = s
        .conn
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audits, 3, "two creations and one purge audited");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("newer"), "{err}");
}
