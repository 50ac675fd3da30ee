//! The workspace file: one SQLite file, WAL, foreign keys, versioned schema.

use horetsu_core::store::schema;
use horetsu_core::{Workspace, WorkspaceInfo};

use crate::support::*;

fn info() -> WorkspaceInfo {
    WorkspaceInfo {
        name: "テスト商店".into(),
        is_demo: false,
        created_at: "2026-01-01T09:00:00".into(),
    }
}

#[test]
fn a_new_workspace_is_a_marked_wal_file_at_the_current_schema() {
    let dir = TempDir::new("store");
    let path = dir.path("shop.horetsu");
    let ws = Workspace::create(&path, &info()).unwrap();
    assert_eq!(ws.info().unwrap(), info());
    drop(ws);
    let conn = sqlite(&path);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(version, schema::SCHEMA_VERSION);
    assert_eq!(app, schema::APPLICATION_ID);
    let rules: i64 = conn
        .query_row("SELECT count(*) FROM point_rules", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        rules, 9,
        "the default point rules of domain.md §3 and お客様の声 (§5)"
    );
}

#[test]
fn a_workspace_from_a_newer_horetsu_is_refused_not_guessed_at() {
    let dir = TempDir::new("newer");
    let path = dir.path("newer.horetsu");
    drop(Workspace::create(&path, &info()).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema::SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Workspace::open(&path).unwrap_err();
    assert_eq!(err.code(), "workspace_too_new");
    assert!(err.to_string().contains("update Horetsu"));
}

#[test]
fn an_ordinary_sqlite_file_is_not_taken_for_a_workspace() {
    let dir = TempDir::new("plain");
    let path = dir.path("plain.horetsu");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t(x)").unwrap();
    }
    assert_eq!(
        Workspace::open(&path).unwrap_err().code(),
        "not_a_workspace"
    );
}

#[test]
fn save_copy_writes_one_self_contained_file_that_opens() {
    let (db, _) = default_demo();
    let dir = TempDir::new("copy");
    let copy = dir.path("client-copy.horetsu");
    let ws = Workspace::open(db).unwrap();
    ws.save_copy(&copy).unwrap();
    assert_eq!(summary(&copy, None), summary(db, None));
    assert!(ws.save_copy(&copy).is_err(), "never overwrites");
}

#[test]
fn a_killed_demo_run_never_leaves_a_half_written_workspace() {
    let dir = TempDir::new("kill");
    let db = dir.path("big.horetsu");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_horetsu"))
        .args(["demo", "--db", db.to_str().unwrap(), "--customers", "20000"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    if db.exists() {
        // The run finished before the kill: the file must then be complete.
        assert_eq!(summary(&db, None)["customers"], 20000);
    }
    // Either way a retry works (a leftover partial file is replaced).
    let _ = std::fs::remove_file(&db);
    horetsu_ok(&["demo", "--db", db.to_str().unwrap(), "--customers", "50"]);
    assert_eq!(summary(&db, None)["customers"], 50);
}

#[test]
fn a_workspace_of_the_previous_schema_is_upgraded_in_place_with_its_data() {
    // A version-2 workspace (before the contact log) as the previous build
    // left it: the demo shop without the version-3 tables and version 4's
    // refund column.
    let (demo, _) = default_demo();
    let dir = TempDir::new("migrate");
    let path = dir.path("v2.horetsu");
    {
        let src = sqlite(demo);
        src.execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE addresses; DROP TABLE consents;
             DROP TABLE action_status; DROP TABLE contacts;
             ALTER TABLE orders DROP COLUMN refunded;
             ALTER TABLE point_rules DROP COLUMN milestone;
             ALTER TABLE point_rules DROP COLUMN milestone_marked;
             DELETE FROM point_rules WHERE kind = 'testimonial';
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let before = summary(demo, None);
    // Opening it migrates: the figures are unchanged and the plan can log contacts.
    assert_json_close(&summary(&path, None), &before);
    let conn = sqlite(&path);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('contacts', 'action_status')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 2);
    // Version 5 tagged the engagement kinds with their milestones and added
    // the testimonial (お客様の声, 変化).
    let tagged: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare("SELECT kind, milestone, milestone_marked FROM point_rules ORDER BY kind")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let of = |k: &str| tagged.iter().find(|t| t.0 == k).cloned().unwrap();
    assert_eq!(of("line_action").1.as_deref(), Some("place"));
    assert_eq!(of("review").2.as_deref(), Some("role"));
    assert_eq!(of("roundtable").1.as_deref(), Some("role"));
    assert_eq!(of("testimonial").1.as_deref(), Some("change"));
    // Version 4's refund column is there, empty.
    let refunds: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE refunded IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(refunds, 0);
    let orders: i64 = conn
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        orders,
        before["orders"].as_i64().unwrap() + {
            // summary counts normal orders; the table also holds returns and cancellations
            conn.query_row(
                "SELECT count(*) FROM orders WHERE status <> 'normal'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
        }
    );
}
