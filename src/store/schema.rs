//! Schema migrations, applied in order and recorded in `PRAGMA user_version`.
//! Reference tables mirror the CSV files in `data/` column for column; user tables never
//! reference them by foreign key, so a reference refresh can replace them freely.

pub const MIGRATIONS: &[&str] = &[
    // 1: reference tables, user data, audit.
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE markets (
    iso3 TEXT PRIMARY KEY, iso2 TEXT, name TEXT NOT NULL, name_vi TEXT, region TEXT, subregion TEXT,
    priority TEXT NOT NULL, lat REAL, lon REAL, distance_km REAL,
    gdp_usd REAL, gdp_year INTEGER, gdp_per_capita_usd REAL, gdp_per_capita_year INTEGER,
    population REAL, population_year INTEGER, gdp_growth_pct REAL, gdp_growth_year INTEGER,
    lpi REAL, lpi_customs REAL, lpi_infrastructure REAL, lpi_shipments REAL, lpi_competence REAL,
    lpi_timeliness REAL, lpi_tracking REAL,
    wgi_year INTEGER, wgi_voice REAL, wgi_political_stability REAL, wgi_government_effectiveness REAL,
    wgi_regulatory_quality REAL, wgi_rule_of_law REAL, wgi_control_of_corruption REAL,
    languages TEXT, currency TEXT, muslim_share_pct REAL, halal_relevance TEXT
);
CREATE TABLE market_imports (
    iso3 TEXT NOT NULL, year INTEGER NOT NULL, imports_usd REAL NOT NULL, PRIMARY KEY (iso3, year)
);
CREATE TABLE market_groups (grp TEXT NOT NULL, iso3 TEXT NOT NULL, PRIMARY KEY (grp, iso3));
CREATE TABLE ftas (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, name_vi TEXT, status TEXT NOT NULL, year INTEGER,
    co_form TEXT, members TEXT, notes TEXT, source TEXT
);
CREATE TABLE hs (
    code TEXT PRIMARY KEY, level INTEGER NOT NULL, parent TEXT, section TEXT,
    description TEXT NOT NULL, description_vi TEXT
);
CREATE TABLE hs_sections (section TEXT PRIMARY KEY, name TEXT NOT NULL, name_vi TEXT);
CREATE TABLE trade_flows (
    chapter TEXT NOT NULL, year INTEGER NOT NULL, world_exports_usd REAL NOT NULL,
    vnm_exports_usd REAL, PRIMARY KEY (chapter, year)
);
CREATE TABLE requirements (
    code TEXT PRIMARY KEY, market TEXT NOT NULL, hs_prefixes TEXT, title TEXT NOT NULL, title_vi TEXT,
    kind TEXT, severity TEXT NOT NULL, satisfied_by TEXT, service_tag TEXT, how_to TEXT, how_to_vi TEXT,
    year INTEGER, source TEXT
);
CREATE TABLE trade_remedies (
    id TEXT PRIMARY KEY, market TEXT NOT NULL, hs_prefixes TEXT, product TEXT, product_vi TEXT,
    measure TEXT NOT NULL, case_ref TEXT, year INTEGER, status TEXT NOT NULL, detail TEXT, source TEXT
);
CREATE TABLE certifications (code TEXT PRIMARY KEY, kind TEXT, name TEXT NOT NULL, name_vi TEXT);
CREATE TABLE service_tags (tag TEXT PRIMARY KEY, name TEXT NOT NULL, name_vi TEXT);
CREATE TABLE providers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_vi TEXT, category TEXT NOT NULL, tags TEXT,
    markets TEXT, provinces TEXT, languages TEXT, website TEXT, phone TEXT, email TEXT,
    sample INTEGER NOT NULL DEFAULT 0, notes TEXT, source TEXT
);
CREATE TABLE provinces (name TEXT PRIMARY KEY, kind TEXT, region TEXT, merged_from TEXT);

CREATE TABLE sme (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, tax_code TEXT NOT NULL DEFAULT '', province TEXT NOT NULL, sector TEXT NOT NULL,
    employees INTEGER, revenue_usd REAL, founded INTEGER, export_experience TEXT,
    languages TEXT NOT NULL DEFAULT '', contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '', contact_phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT 'user',
    deleted_at TEXT, version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX sme_origin ON sme(origin);
CREATE TABLE sme_product (
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE, pos INTEGER NOT NULL,
    hs TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', PRIMARY KEY (sme_id, pos)
);
CREATE TABLE sme_market (
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE, iso3 TEXT NOT NULL,
    PRIMARY KEY (sme_id, iso3)
);
CREATE TABLE sme_certification (
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE, code TEXT NOT NULL,
    PRIMARY KEY (sme_id, code)
);

CREATE TABLE assessment (
    id INTEGER PRIMARY KEY,
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE,
    assessed_at TEXT NOT NULL, assessor TEXT NOT NULL, questionnaire_version TEXT NOT NULL,
    answers TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '{}',
    overall REAL, band TEXT, capped_by_gate INTEGER NOT NULL DEFAULT 0, coverage REAL NOT NULL,
    domains TEXT NOT NULL
);
CREATE INDEX assessment_sme ON assessment(sme_id, assessed_at);

CREATE TABLE shortlist (
    id INTEGER PRIMARY KEY,
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE,
    hs TEXT NOT NULL, iso3 TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    score REAL, snapshot TEXT NOT NULL DEFAULT '{}', reference_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (sme_id, hs, iso3)
);
CREATE TABLE plan_item (
    id INTEGER PRIMARY KEY,
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE,
    iso3 TEXT NOT NULL, gap TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, provider_id TEXT,
    owner TEXT NOT NULL, due TEXT, status TEXT NOT NULL DEFAULT 'todo', notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE decision_log (
    id INTEGER PRIMARY KEY,
    sme_id INTEGER NOT NULL REFERENCES sme(id) ON DELETE CASCADE,
    at TEXT NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, entity TEXT NOT NULL,
    entity_id TEXT NOT NULL, sme_id INTEGER, action TEXT NOT NULL, before TEXT, after TEXT
);
CREATE INDEX audit_sme ON audit(sme_id);

-- Real demand series imported from ITC Trade Map files (user data: kept across refreshes).
CREATE TABLE demand (
    iso3 TEXT NOT NULL, hs TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL,
    value_usd REAL NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, imported_at TEXT NOT NULL,
    PRIMARY KEY (iso3, hs, kind, year)
);
"#,
    // 2: the SME's current markets when it was first assessed (`;`-joined), so that a market
    // reached later counts as new even after it is added to the SME's current markets.
    r#"
ALTER TABLE sme ADD COLUMN baseline_markets TEXT;
"#,
    // 3: BACI 2024 product-level trade, one row per product code (HS 6, 4 or 2 digits) holding
    // all its markets as one gzip member (data/trade_hs6.tsv.gz): ≈ 6,900 rows, read one code
    // at a time. Reference data, replaced on refresh.
    r#"
CREATE TABLE trade_hs (code TEXT PRIMARY KEY, markets INTEGER NOT NULL, member BLOB NOT NULL);
"#,
    // 4: Viet Nam's 8-digit national lines (AHTN 2022), each described by the part of its label
    // under its 6-digit subheading (empty when the line is the subheading itself).
    r#"
CREATE TABLE hs_lines (
    code TEXT PRIMARY KEY, parent TEXT NOT NULL, description TEXT, description_vi TEXT
);
"#,
    // 5: the decision log keeps facts (JSON in `fact`: kind, market, from, to, …) rendered in
    // the reader's language. English lines of the three shapes the store wrote are converted
    // (and their `what` emptied); any other line is kept as written. SQLite's substr/instr count
    // characters, so the 3-character " → " is skipped with + 3.
    r#"
ALTER TABLE decision_log ADD COLUMN fact TEXT;

-- "SAU (HS 030462): shortlisted → engaged[, score 71.2]"
CREATE TEMP TABLE m3_stage AS
SELECT id, substr(what, 1, 3) AS market,
       substr(what, 9, instr(what, '): ') - 9) AS hs,
       substr(what, instr(what, '): ') + 3) AS rest,
       why
FROM decision_log WHERE fact IS NULL AND what GLOB '[A-Z][A-Z][A-Z] (HS *): * → *';
CREATE TEMP TABLE m3_stage2 AS
SELECT id, market, hs, why,
       substr(rest, 1, instr(rest, ' → ') - 1) AS from_code,
       substr(rest, instr(rest, ' → ') + 3) AS tail
FROM m3_stage;
CREATE TEMP TABLE m3_stage3 AS
SELECT id, market, hs, why, from_code,
       CASE WHEN instr(tail, ', score ') > 0 THEN substr(tail, 1, instr(tail, ', score ') - 1)
            ELSE tail END AS to_code,
       CASE WHEN instr(tail, ', score ') > 0
            THEN CAST(substr(tail, instr(tail, ', score ') + 8) AS REAL) END AS score
FROM m3_stage2;
UPDATE decision_log SET
    fact = (SELECT json_object('kind', 'stage', 'market', t.market, 'hs', t.hs,
                'from', CASE WHEN t.from_code = 'new' THEN NULL ELSE t.from_code END,
                'to', t.to_code, 'score', t.score,
                'from_match', json(CASE WHEN t.why = 'shortlisted from the market match'
                                        THEN 'true' ELSE 'false' END))
            FROM m3_stage3 t WHERE t.id = decision_log.id),
    why = CASE WHEN why = 'shortlisted from the market match' THEN '' ELSE why END,
    what = ''
WHERE id IN (SELECT id FROM m3_stage3
             WHERE from_code IN ('new', 'candidate', 'shortlisted', 'engaged', 'first_shipment',
                                 'established', 'dropped')
               AND to_code IN ('candidate', 'shortlisted', 'engaged', 'first_shipment',
                               'established', 'dropped'));

-- plan SAU: added "List the plant" (owner Lan[, due 2026-06-30])
CREATE TEMP TABLE m3_added AS
SELECT id, substr(what, 6, 3) AS market,
       substr(what, 18, instr(what, '" (owner ') - 18) AS action,
       substr(what, instr(what, '" (owner ') + 9,
              length(what) - instr(what, '" (owner ') - 9) AS tail
FROM decision_log WHERE fact IS NULL AND what GLOB 'plan [A-Z][A-Z][A-Z]: added "*" (owner *)';
UPDATE decision_log SET
    fact = (SELECT json_object('kind', 'plan_added', 'market', t.market, 'action', t.action,
                'owner', CASE WHEN instr(t.tail, ', due ') > 0
                              THEN substr(t.tail, 1, instr(t.tail, ', due ') - 1) ELSE t.tail END,
                'due', CASE WHEN instr(t.tail, ', due ') > 0
                            THEN substr(t.tail, instr(t.tail, ', due ') + 6) END)
            FROM m3_added t WHERE t.id = decision_log.id),
    what = ''
WHERE id IN (SELECT id FROM m3_added);

-- plan SAU "List the plant": status todo → done[, due 2026-06-30 → none]
CREATE TEMP TABLE m3_changed AS
SELECT id, substr(what, 6, 3) AS market,
       substr(what, 11, instr(what, '": ') - 11) AS action,
       substr(what, instr(what, '": ') + 3) AS changes
FROM decision_log WHERE fact IS NULL AND what GLOB 'plan [A-Z][A-Z][A-Z] "*": *';
CREATE TEMP TABLE m3_changed2 AS
SELECT id, market, action,
       CASE WHEN changes GLOB 'status *' THEN
            CASE WHEN instr(changes, ', due ') > 0
                 THEN substr(changes, 8, instr(changes, ', due ') - 8)
                 ELSE substr(changes, 8) END END AS status,
       CASE WHEN changes GLOB 'due *' THEN substr(changes, 5)
            WHEN instr(changes, ', due ') > 0 THEN substr(changes, instr(changes, ', due ') + 6)
       END AS due
FROM m3_changed;
UPDATE decision_log SET
    fact = (SELECT json_object('kind', 'plan_changed', 'market', t.market, 'action', t.action,
                'status', CASE WHEN t.status IS NOT NULL THEN json_array(
                    substr(t.status, 1, instr(t.status, ' → ') - 1),
                    substr(t.status, instr(t.status, ' → ') + 3)) END,
                'due', CASE WHEN t.due IS NOT NULL THEN json_array(
                    nullif(substr(t.due, 1, instr(t.due, ' → ') - 1), 'none'),
                    nullif(substr(t.due, instr(t.due, ' → ') + 3), 'none')) END)
            FROM m3_changed2 t WHERE t.id = decision_log.id),
    what = ''
WHERE id IN (SELECT id FROM m3_changed2
             WHERE (status IS NULL OR instr(status, ' → ') > 0)
               AND (due IS NULL OR instr(due, ' → ') > 0)
               AND (status IS NOT NULL OR due IS NOT NULL));

DROP TABLE m3_stage;
DROP TABLE m3_stage2;
DROP TABLE m3_stage3;
DROP TABLE m3_added;
DROP TABLE m3_changed;
DROP TABLE m3_changed2;
"#,
    // 6: sync between replicas (issue 12). This site's identity and the sites it knows; the log
    // of changesets (made here or received) by origin site and sequence number; what each peer
    // told us it has; field conflicts kept with both values; resolutions (synced); the short
    // numeric handles people type (local, never synced); which site created/last changed an SME.
    r#"
CREATE TABLE sync_site (
    site_id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', is_self INTEGER NOT NULL DEFAULT 0,
    trusted INTEGER NOT NULL DEFAULT 0, last_in_at TEXT, last_out_at TEXT
);
INSERT INTO sync_site (site_id, name, is_self, trusted)
    VALUES (lower(hex(randomblob(16))), '', 1, 1);
CREATE TABLE sync_log (
    origin TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL DEFAULT '',
    changeset BLOB NOT NULL, applied INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (origin, seq)
);
CREATE TABLE sync_peer_seen (
    peer TEXT NOT NULL, origin TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (peer, origin)
);
CREATE TABLE sync_conflict (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, tbl TEXT NOT NULL, row_key TEXT NOT NULL,
    sme_id INTEGER, field TEXT NOT NULL, mine TEXT NOT NULL, theirs TEXT NOT NULL,
    site TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL, detected_at TEXT NOT NULL,
    resolved_at TEXT, resolved_by TEXT, kept TEXT
);
CREATE TABLE sync_resolution (
    key TEXT PRIMARY KEY, keep TEXT NOT NULL, value TEXT NOT NULL, at TEXT NOT NULL,
    who TEXT NOT NULL, site TEXT NOT NULL
);
CREATE TABLE local_handle (
    kind TEXT NOT NULL, handle INTEGER NOT NULL, key INTEGER NOT NULL,
    PRIMARY KEY (kind, handle), UNIQUE (kind, key)
);
CREATE TABLE sme_site (
    sme_id INTEGER PRIMARY KEY, created_site TEXT, changed_site TEXT, changed_at TEXT
);
"#,
    // 7: short handles for assessments and plan items (issue 12): people read them by number
    // (`Assessment #3`, `plan item 12 added`), and their global keys are 16 digits long. Rows
    // that already have global keys and no handle yet (a database migrated from before sync
    // got them in migration 6) get the next free handles in creation (key) order; new rows
    // get theirs when created or received (`store::sync::log::note_rows`).
    r#"
INSERT INTO local_handle (kind, handle, key)
SELECT 'assessment',
       max((SELECT coalesce(max(id), 0) FROM assessment WHERE id < 4294967296),
           (SELECT coalesce(max(handle), 0) FROM local_handle WHERE kind = 'assessment'))
         + row_number() OVER (ORDER BY id),
       id
FROM assessment WHERE id >= 4294967296
  AND id NOT IN (SELECT key FROM local_handle WHERE kind = 'assessment');
INSERT INTO local_handle (kind, handle, key)
SELECT 'plan_item',
       max((SELECT coalesce(max(id), 0) FROM plan_item WHERE id < 4294967296),
           (SELECT coalesce(max(handle), 0) FROM local_handle WHERE kind = 'plan_item'))
         + row_number() OVER (ORDER BY id),
       id
FROM plan_item WHERE id >= 4294967296
  AND id NOT IN (SELECT key FROM local_handle WHERE kind = 'plan_item');
"#,
    // 8: goglobal's Vietnamese translation of each trade-remedy case note (`detail` stays the
    // source's English). The reference table is rebuilt (so the step also runs on a file that
    // has the column) and the stored version cleared: the refresh after migrating refills it.
    r#"
DROP TABLE trade_remedies;
CREATE TABLE trade_remedies (
    id TEXT PRIMARY KEY, market TEXT NOT NULL, hs_prefixes TEXT, product TEXT, product_vi TEXT,
    measure TEXT NOT NULL, case_ref TEXT, year INTEGER, status TEXT NOT NULL, detail TEXT,
    detail_vi TEXT, source TEXT
);
DELETE FROM meta WHERE key = 'reference_version';
"#,
];

/// Product-level trade (BACI 2024): concatenated gzip members, one per code, and their index.
pub const TRADE_HS6_GZ: &[u8] = include_bytes!("../../data/trade_hs6.tsv.gz");
pub const TRADE_HS6_INDEX: &str = include_str!("../../data/trade_hs6_index.csv");

/// Reference tables, in seeding order, with the embedded CSV each is filled from.
/// The table's columns are the CSV header (with `group` renamed to `grp`).
pub const REFERENCE_TABLES: &[(&str, &str)] = &[
    ("markets", include_str!("../../data/markets.csv")),
    (
        "market_imports",
        include_str!("../../data/market_imports.csv"),
    ),
    (
        "market_groups",
        include_str!("../../data/market_groups.csv"),
    ),
    ("ftas", include_str!("../../data/ftas.csv")),
    ("hs", include_str!("../../data/hs.csv")),
    ("hs_lines", include_str!("../../data/hs_lines.csv")),
    ("hs_sections", include_str!("../../data/hs_sections.csv")),
    ("trade_flows", include_str!("../../data/trade_flows.csv")),
    ("requirements", include_str!("../../data/requirements.csv")),
    (
        "trade_remedies",
        include_str!("../../data/trade_remedies.csv"),
    ),
    (
        "certifications",
        include_str!("../../data/certifications.csv"),
    ),
    ("service_tags", include_str!("../../data/service_tags.csv")),
    ("providers", include_str!("../../data/providers.csv")),
    ("provinces", include_str!("../../data/provinces.csv")),
];

/// The fictional demo portfolio, loaded through the same importer as a user's file.
pub const SAMPLE_SMES_CSV: &str = include_str!("../../data/sample_smes.csv");
