//! Issue 13, "trust": what a user does or opens never loses data. Each test
//! is a case that lost data or wrote where it must not before the fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/sample")
        .join(name)
}

fn small_demo(dir: &TempDir) -> PathBuf {
    let db = dir.path("shop.horetsu");
    horetsu_ok(&["demo", "--db", db.to_str().unwrap(), "--customers", "300"]);
    db
}

fn stderr_of(args: &[&str]) -> String {
    let out = horetsu(args);
    assert!(!out.status.success(), "horetsu {args:?} should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file in the folder, by name.
fn listing(dir: &TempDir) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_export_never_replaces_the_workspace_even_with_force() {
    let dir = TempDir::new("trust-export-ws");
    let db = small_demo(&dir);
    let before = std::fs::read(&db).unwrap();
    let err = stderr_of(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        db.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("workspace"), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the workspace is untouched"
    );
    assert_eq!(summary(&db, None)["customers"], 300);
    assert_eq!(listing(&dir), vec!["shop.horetsu"]);
}

#[test]
fn an_export_replaces_an_existing_workbook_only_with_force() {
    let dir = TempDir::new("trust-export-force");
    let db = small_demo(&dir);
    let out = dir.path("plan.xlsx");
    let args = [
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    horetsu_ok(&args);
    let first = std::fs::metadata(&out).unwrap().len();
    let err = stderr_of(&args);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    horetsu_ok(&forced);
    assert!(std::fs::metadata(&out).unwrap().len() > 0 && first > 0);
    assert_eq!(
        listing(&dir),
        vec!["plan.xlsx", "shop.horetsu"],
        "no .partial left"
    );
}

#[test]
fn an_export_never_replaces_a_file_of_another_kind() {
    let dir = TempDir::new("trust-export-kind");
    let db = small_demo(&dir);
    let csv = dir.path("customers.csv");
    std::fs::write(&csv, "customer_key\r\nC1\r\n").unwrap();
    let err = stderr_of(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        csv.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("another kind"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "customer_key\r\nC1\r\n"
    );
}

#[test]
fn a_failed_first_import_leaves_no_workspace_and_no_partial_file() {
    let dir = TempDir::new("trust-import-fail");
    let bad = dir.path("注文一覧.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really a workbook").unwrap();
    let db = dir.path("new.horetsu");
    stderr_of(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(listing(&dir), vec!["注文一覧.xlsx"]);
}

#[test]
fn a_stub_left_by_an_interrupted_create_is_replaced_but_a_workspace_is_not() {
    let dir = TempDir::new("trust-stub");
    let db = dir.path("new.horetsu");
    std::fs::write(&db, b"").unwrap();
    horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        sample("orders.xlsx").to_str().unwrap(),
    ]);
    assert!(summary(&db, None)["orders"].as_u64().unwrap() > 0);
    // A real workspace is never replaced by `demo`.
    let err = stderr_of(&["demo", "--db", db.to_str().unwrap(), "--customers", "50"]);
    assert!(err.contains("already exists"), "{err}");
    assert!(summary(&db, None)["orders"].as_u64().unwrap() > 0);
}

/// Import A (a bad file) and import B (a good one) start at once on a
/// workspace that does not exist yet. Before the fix, A's clean-up deleted
/// the file B had just filled and reported as done.
#[test]
fn a_failed_import_never_deletes_a_concurrent_imports_workspace() {
    let bin = env!("CARGO_BIN_EXE_horetsu");
    for round in 0..4 {
        let dir = TempDir::new(&format!("trust-concurrent-{round}"));
        let bad = dir.path("broken.xlsx");
        std::fs::write(&bad, b"PK\x03\x04 broken").unwrap();
        let db = dir.path("shop.horetsu");
        let spawn = |file: &Path| {
            Command::new(bin)
                .args([
                    "import",
                    "--db",
                    db.to_str().unwrap(),
                    file.to_str().unwrap(),
                ])
                .output()
        };
        let good = sample("orders.xlsx");
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn(&bad).unwrap());
            let b = s.spawn(|| spawn(&good).unwrap());
            (a.join().unwrap(), b.join().unwrap())
        });
        assert!(!a.status.success());
        assert!(
            b.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&b.stderr)
        );
        assert!(
            summary(&db, None)["orders"].as_u64().unwrap() > 0,
            "round {round}: B's orders are in the workspace"
        );
        assert_eq!(
            listing(&dir),
            vec!["broken.xlsx", "shop.horetsu"],
            "round {round}: nothing else is left"
        );
    }
}

/// A workspace is a file people e-mail: one with a planted trigger (which
/// before the fix ran during an import and changed amounts) is not opened.
#[test]
fn a_workspace_with_a_planted_trigger_is_refused_and_runs_nothing() {
    let dir = TempDir::new("trust-trigger");
    let db = small_demo(&dir);
    assert!(horetsu_ok(&["check", "--db", db.to_str().unwrap()]).contains("ok"));
    let revenue = summary(&db, None)["revenue"].as_f64().unwrap();
    {
        let raw = rusqlite::Connection::open(&db).unwrap();
        raw.execute_batch(
            "CREATE TRIGGER inflate AFTER INSERT ON orders BEGIN
               UPDATE orders SET amount = amount * 100;
             END;",
        )
        .unwrap();
    }
    let err = stderr_of(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        sample("orders.xlsx").to_str().unwrap(),
    ]);
    assert!(
        err.contains("trigger inflate") && err.contains("not opened"),
        "{err}"
    );
    let err = stderr_of(&["check", "--db", db.to_str().unwrap()]);
    assert!(err.contains("trigger inflate"), "{err}");
    // Read with plain SQLite: the amounts are what they were.
    let total: f64 = sqlite(&db)
        .query_row(
            "SELECT sum(amount) FROM orders WHERE status = 'normal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!((total - revenue).abs() < 1.0, "{total} vs {revenue}");
}

/// The workspace at `db` is either absent or whole: it opens, passes the
/// quick check, and every import batch in it holds all its orders.
fn absent_or_whole(db: &Path, what: &str) -> bool {
    if !db.exists() {
        return false;
    }
    let out = horetsu(&["check", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{what}: the workspace left behind does not pass the check: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = sqlite(db);
    let mut stmt = conn
        .prepare(
            "SELECT b.id, b.orders_added, (SELECT count(*) FROM orders o WHERE o.batch_id = b.id)
             FROM import_batches b WHERE b.kind = 'orders'",
        )
        .unwrap();
    let batches: Vec<(i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, added, held) in batches {
        assert_eq!(added, held, "{what}: batch {id} is half there");
    }
    true
}

/// Create and import are killed at points spread over their run: what is
/// left is never a broken workspace nor a half import (issue 13).
#[test]
fn killing_create_and_import_at_any_point_leaves_no_broken_workspace() {
    let bin = env!("CARGO_BIN_EXE_horetsu");
    let orders = sample("orders.xlsx");
    let dir = TempDir::new("trust-kill");
    // The figures of a complete run, to compare with.
    let whole = dir.path("whole.horetsu");
    horetsu_ok(&[
        "import",
        "--db",
        whole.to_str().unwrap(),
        orders.to_str().unwrap(),
    ]);
    let complete = summary(&whole, None)["orders"].as_u64().unwrap();
    let run_and_kill = |args: &[&str], after_ms: u64| {
        let mut child = Command::new(bin)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        let _ = child.kill();
        child.wait().unwrap()
    };
    let (mut present, mut absent) = (0, 0);
    for (i, after_ms) in [0u64, 3, 8, 15, 25, 40, 60, 90, 130, 180, 240, 320]
        .into_iter()
        .enumerate()
    {
        // A first import, creating the workspace.
        let db = dir.path(&format!("new-{i}.horetsu"));
        run_and_kill(
            &[
                "import",
                "--db",
                db.to_str().unwrap(),
                orders.to_str().unwrap(),
            ],
            after_ms,
        );
        if absent_or_whole(&db, &format!("import killed after {after_ms} ms")) {
            assert_eq!(summary(&db, None)["orders"].as_u64().unwrap(), complete);
            present += 1;
        } else {
            absent += 1;
        }
        // The demo shop, created.
        let demo = dir.path(&format!("demo-{i}.horetsu"));
        run_and_kill(&["demo", "--db", demo.to_str().unwrap()], after_ms / 2);
        if absent_or_whole(&demo, &format!("demo killed after {} ms", after_ms / 2)) {
            assert_eq!(summary(&demo, None)["customers"], 3000);
        }
        // An import into an existing workspace: all of it or none of it.
        let existing = dir.path(&format!("existing-{i}.horetsu"));
        std::fs::copy(&whole, &existing).unwrap();
        let csv = dir.path("more.csv");
        std::fs::write(
            &csv,
            "注文番号,注文日,会員ID,金額\nK-1,2024-05-01,K001,1000\nK-2,2024-05-02,K002,2000\n",
        )
        .unwrap();
        let more = orders.to_str().unwrap();
        run_and_kill(
            &[
                "import",
                "--db",
                existing.to_str().unwrap(),
                csv.to_str().unwrap(),
                more,
            ],
            after_ms,
        );
        assert!(absent_or_whole(
            &existing,
            &format!("second import killed after {after_ms} ms")
        ));
        let n = summary(&existing, None)["orders"].as_u64().unwrap();
        assert!(
            n == complete || n == complete + 2,
            "{n} orders: a half import"
        );
    }
    // The delays span the run: some kills came before the end, some after.
    assert!(absent > 0, "no kill landed before the workspace appeared");
    let _ = present;
    // Whatever a kill left beside the workspaces is a `.partial` file, never
    // a file under a workspace's name that does not open.
    for entry in std::fs::read_dir(&dir.0).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".horetsu")
                || name.contains(".partial")
                || name.ends_with(".csv")
                || name.ends_with("-wal")
                || name.ends_with("-shm"),
            "unexpected file {name}"
        );
    }
}
