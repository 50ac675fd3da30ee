//! Store-level guarantees that need the raw connection (moved here from the
//! integration tests, which see the store only through its functions).

use super::*;

fn info() -> WorkspaceInfo {
    WorkspaceInfo {
        name: "テスト商店".into(),
        is_demo: false,
        created_at: "2026-01-01T09:00:00".into(),
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("horetsu-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn foreign_keys_are_enforced() {
    let dir = TempDir::new("fk");
    let mut ws = Store::create(&dir.0.join("fk.horetsu"), &info()).unwrap();
    let err = ws
        .with_tx(|tx| {
            tx.c.execute(
                "INSERT INTO orders(order_no, customer_id, ordered_at, amount, batch_id) VALUES ('1', 999, '2024-01-01', 1, 999)",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    // SQLite's own message is not shown (it can quote schema text); the
    // failure is SQLite's foreign-key constraint.
    assert!(
        matches!(
            &err,
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
        ),
        "{err:?}"
    );
}

#[test]
fn a_failed_transaction_leaves_the_workspace_as_it_was() {
    let dir = TempDir::new("tx");
    let path = dir.0.join("tx.horetsu");
    let mut ws = Store::create(&path, &info()).unwrap();
    let before = ws.generation();
    let result: crate::Result<()> = ws.with_tx(|tx| {
        tx.c.execute(
            "INSERT INTO import_batches(kind, source_name, imported_at) VALUES ('orders', 'a.csv', 'now')",
            [],
        )?;
        Err(crate::Error::invalid("test", "abort"))
    });
    assert!(result.is_err());
    let n: i64 = ws
        .with_conn(|c| {
            Ok(c.c.query_row("SELECT count(*) FROM import_batches", [], |r| r.get(0))?)
        })
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(
        ws.generation(),
        before,
        "a rolled-back write changes nothing"
    );
    ws.with_tx(|tx| {
        batches::begin(
            tx,
            &batches::NewBatch {
                kind: "orders",
                source_name: "a.csv",
                source_path: None,
                source_hash: None,
                imported_at: "now",
            },
        )
    })
    .unwrap();
    assert_eq!(
        ws.generation(),
        before + 1,
        "a committed write bumps the generation"
    );
}

/// A workspace someone changed with another SQLite tool (a plain connection,
/// as an attacker would use).
fn tampered(dir: &TempDir, name: &str, sql: &str) -> PathBuf {
    let path = dir.0.join(name);
    drop(Store::create(&path, &info()).unwrap());
    let raw = Connection::open(&path).unwrap();
    raw.execute_batch(sql).unwrap();
    drop(raw);
    path
}

#[test]
fn a_workspace_with_a_planted_trigger_or_view_is_not_opened() {
    let dir = TempDir::new("planted");
    let trigger = tampered(
        &dir,
        "trigger.horetsu",
        "CREATE TRIGGER inflate AFTER INSERT ON orders BEGIN UPDATE orders SET amount = amount * 10 WHERE id = NEW.id; END;",
    );
    let before = std::fs::read(&trigger).unwrap();
    let e = Store::open(&trigger).unwrap_err();
    assert_eq!(e.code(), crate::error::ErrorCode::WorkspaceUntrusted);
    assert!(e.to_string().contains("trigger inflate"), "{e}");
    assert!(
        !e.to_string().contains("UPDATE"),
        "no SQL in the message: {e}"
    );
    assert_eq!(
        std::fs::read(&trigger).unwrap(),
        before,
        "the file is not changed"
    );

    let view = tampered(
        &dir,
        "view.horetsu",
        "CREATE VIEW v AS SELECT * FROM orders;",
    );
    let e = Store::open(&view).unwrap_err();
    assert_eq!(e.code(), crate::error::ErrorCode::WorkspaceUntrusted);
    assert!(e.to_string().contains("view v"), "{e}");
}

#[test]
fn triggers_never_run_even_if_one_slips_past_the_check() {
    // Defence in depth: the connection itself runs no triggers.
    let mut store = Store::in_memory(&info()).unwrap();
    store
        .with_tx(|tx| {
            // Horetsu creates no triggers; this one stands for one that got in.
            tx.c.execute_batch(
                "CREATE TABLE t(x INTEGER); CREATE TABLE log(x INTEGER);
                 CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.x); END;
                 INSERT INTO t VALUES (1);",
            )?;
            let logged: i64 =
                tx.c.query_row("SELECT count(*) FROM log", [], |r| r.get(0))?;
            assert_eq!(logged, 0, "the trigger did not run");
            Ok(())
        })
        .unwrap();
}

#[test]
fn odd_schema_versions_are_a_damaged_workspace_without_sql_in_the_message() {
    let dir = TempDir::new("versions");
    for (name, version) in [
        ("negative.horetsu", -3),
        ("zero.horetsu", 0),
        ("one.horetsu", 1),
    ] {
        let path = tampered(&dir, name, &format!("PRAGMA user_version = {version};"));
        let e = Store::open(&path).unwrap_err();
        assert_eq!(
            e.code(),
            crate::error::ErrorCode::WorkspaceDamaged,
            "{name}: {e}"
        );
        let text = e.to_string();
        for sql in ["CREATE", "TABLE", "already exists", "SELECT"] {
            assert!(!text.contains(sql), "{name}: SQL in the message: {text}");
        }
    }
}

#[test]
fn sqlite_failures_are_worded_by_kind_and_coded() {
    use crate::error::{Error, ErrorCode};
    let failure = |code: i32, msg: &str| {
        Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some(msg.to_string()),
        ))
    };
    let busy = failure(rusqlite::ffi::SQLITE_BUSY, "database is locked");
    assert_eq!(busy.code(), ErrorCode::WorkspaceLocked);
    assert!(busy
        .to_string()
        .contains("another Horetsu window or import"));
    let full = failure(rusqlite::ffi::SQLITE_FULL, "database or disk is full");
    assert_eq!(full.code(), ErrorCode::DiskFull);
    let corrupt = failure(rusqlite::ffi::SQLITE_CORRUPT, "malformed");
    assert_eq!(corrupt.code(), ErrorCode::WorkspaceDamaged);
    let other = failure(
        rusqlite::ffi::SQLITE_ERROR,
        "near \"SELEC\": syntax error in SELEC * FROM customers",
    );
    assert_eq!(other.code(), ErrorCode::Database);
    assert!(!other.to_string().contains("customers"), "{other}");
}

#[test]
fn the_quick_check_finds_a_damaged_file() {
    let dir = TempDir::new("quick-check");
    let path = dir.0.join("shop.horetsu");
    {
        let mut store = Store::create(&path, &info()).unwrap();
        store
            .with_tx(|tx| {
                for i in 0..3000 {
                    tx.c.execute(
                        "INSERT INTO settings(key, value) VALUES (?1, ?2)",
                        rusqlite::params![format!("k{i:05}"), "x".repeat(200)],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        assert!(store.quick_check().unwrap().is_empty());
        store.checkpoint().unwrap();
    }
    // Scribble over pages in the middle of the file (a bad disk or a cut
    // download), keeping the header readable.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages > 20, "{pages} pages");
    for p in [pages / 2, pages / 2 + 1] {
        bytes[p * page..p * page + 200].fill(0x5A);
    }
    std::fs::write(&path, &bytes).unwrap();
    let problems = Store::open(&path)
        .and_then(|s| s.quick_check())
        .map_err(|e| e.code());
    match problems {
        Ok(p) => assert!(!p.is_empty(), "the quick check saw the damage"),
        Err(code) => assert_eq!(code, crate::error::ErrorCode::WorkspaceDamaged),
    }
}

/// The milestone tags are edited beside the point rules: a saved change is
/// what the next load (and so the next analysis) reads.
#[test]
fn edited_milestone_tags_are_kept() {
    use crate::model::Milestone;
    let dir = TempDir::new("milestones");
    let mut ws = Store::create(&dir.0.join("m.horetsu"), &info()).unwrap();
    let mut rules = ws.with_conn(rules::load).unwrap();
    let line = rules.iter().position(|r| r.kind == "line_action").unwrap();
    assert_eq!(rules[line].milestone, Some(Milestone::Place));
    let t = rules.iter().find(|r| r.kind == "testimonial").unwrap();
    assert_eq!((t.milestone, t.points), (Some(Milestone::Change), 50));
    rules[line].milestone = Some(Milestone::Role);
    rules[line].milestone_marked = None;
    let sns = rules.iter().position(|r| r.kind == "sns_post").unwrap();
    rules[sns].milestone_marked = None;
    ws.with_tx(|tx| rules::save(tx, &rules)).unwrap();
    let again = ws.with_conn(rules::load).unwrap();
    assert_eq!(again[line].milestone, Some(Milestone::Role));
    assert_eq!(again[sns].milestone_marked, None);
    assert_eq!(again[sns].milestone_for(true, true), None);
}
