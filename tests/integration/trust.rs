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
