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
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
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
