//! Importing the demo shop's own export files (assets/sample) into an empty
//! workspace gives the same workspace figures as the demo itself: the import
//! pipeline loses nothing and invents nothing.

use crate::support::*;

#[test]
fn importing_the_four_sample_exports_reproduces_the_demo_shop() {
    let (demo_db, samples) = default_demo();
    let dir = TempDir::new("samples");
    let db = dir.path("imported.horetsu");
    let file = |name: &str| samples.join(name).to_str().unwrap().to_string();
    let orders: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--json",
        &file("orders.xlsx"),
    ]))
    .unwrap();
    let lines: i64 = sqlite(demo_db)
        .query_row("SELECT count(*) FROM order_lines", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orders["rows_read"], lines);
    assert_eq!(orders["rejected"].as_array().unwrap().len(), 0);
    for (kind, name) in [
        ("customers", "customers.xlsx"),
        ("events", "events.xlsx"),
        ("nps", "nps.xlsx"),
    ] {
        let r: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--kind",
            kind,
            "--json",
            &file(name),
        ]))
        .unwrap();
        assert_eq!(r["rejected"].as_array().unwrap().len(), 0, "{name}");
    }
    assert_json_close(&summary(&db, None), &summary(demo_db, None));
    assert_json_close(
        &summary(&db, Some("2025-03-31")),
        &summary(demo_db, Some("2025-03-31")),
    );

    // The Shift_JIS CSV carries the same orders: importing it on top adds nothing.
    let again: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--json",
        &file("orders_sjis.csv"),
    ]))
    .unwrap();
    assert_eq!(again["encoding"], "shift_jis");
    assert_eq!(again["orders"], 0);
    assert_eq!(again["rows_duplicate"], lines);
}

#[test]
fn undoing_the_last_import_restores_the_workspace_exactly() {
    let (_, samples) = default_demo();
    let dir = TempDir::new("undo");
    let db = dir.path("undo.horetsu");
    let d = db.to_str().unwrap();
    let file = |name: &str| samples.join(name).to_str().unwrap().to_string();
    horetsu_ok(&["import", "--db", d, &file("orders.xlsx")]);
    horetsu_ok(&[
        "import",
        "--db",
        d,
        "--kind",
        "events",
        &file("events.xlsx"),
    ]);
    let before = summary(&db, None);
    let counts = |db: &std::path::Path| -> Vec<i64> {
        let c = sqlite(db);
        [
            "customers",
            "orders",
            "order_lines",
            "events",
            "nps_responses",
            "referrals",
        ]
        .iter()
        .map(|t| {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
    };
    let registered_before: i64 = sqlite(&db)
        .query_row(
            "SELECT count(*) FROM customers WHERE registered = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let counts_before = counts(&db);
    // The member list marks existing buyers as registered and adds referrals.
    horetsu_ok(&[
        "import",
        "--db",
        d,
        "--kind",
        "customers",
        &file("customers.xlsx"),
    ]);
    assert_ne!(summary(&db, None), before);
    let batches: serde_json::Value =
        serde_json::from_str(&horetsu_ok(&["batches", "--db", d, "--json"])).unwrap();
    let last = batches[0]["id"].as_i64().unwrap();
    assert_eq!(batches[0]["kind"], "customers");
    horetsu_ok(&["undo", "--db", d, "--batch", &last.to_string()]);
    assert_eq!(summary(&db, None), before);
    assert_eq!(counts(&db), counts_before);
    let registered_after: i64 = sqlite(&db)
        .query_row(
            "SELECT count(*) FROM customers WHERE registered = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(registered_after, registered_before);
    // The history keeps the undone import, marked.
    let batches: serde_json::Value =
        serde_json::from_str(&horetsu_ok(&["batches", "--db", d, "--json"])).unwrap();
    assert!(batches[0]["undone_at"].is_string());
    // Undoing twice is refused with a sentence.
    let out = horetsu(&["undo", "--db", d, "--batch", &last.to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already undone"));
}

#[test]
fn a_cancelled_import_leaves_the_workspace_exactly_as_it_was_and_progress_is_reported() {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use horetsu_core::import::{Context, ImportOptions, ImportProgress};

    let (_, samples) = default_demo();
    let dir = TempDir::new("cancel");
    let db = dir.path("cancel.horetsu");
    let d = db.to_str().unwrap();
    horetsu_ok(&[
        "import",
        "--db",
        d,
        "--kind",
        "nps",
        samples.join("nps.xlsx").to_str().unwrap(),
    ]);
    let before = summary(&db, None);

    let ws = horetsu_core::Workspace::open(&db).unwrap();
    let files = vec![samples.join("orders.xlsx")];
    let opts = ImportOptions::default();
    // Cancel after the first progress report.
    let cancel = AtomicBool::new(false);
    let reports = AtomicU64::new(0);
    let progress = |p: ImportProgress| {
        reports.fetch_add(1, Ordering::SeqCst);
        assert_eq!(p.files, 1);
        cancel.store(true, Ordering::SeqCst);
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let ctx = Context {
        today,
        now: "2026-11-22T10:00:00",
        cancel: &cancel,
        progress: &progress,
    };
    let err = horetsu_core::ops::import_files(&ws, &files, &opts, &ctx).unwrap_err();
    assert_eq!(err.code(), "cancelled", "{err}");
    assert!(reports.load(Ordering::SeqCst) >= 1);
    drop(ws);
    assert_eq!(summary(&db, None), before);
    let batches: serde_json::Value =
        serde_json::from_str(&horetsu_ok(&["batches", "--db", d, "--json"])).unwrap();
    assert_eq!(batches.as_array().unwrap().len(), 1, "no batch left behind");

    // Without cancelling, the same import goes through and reports its rows.
    let ws = horetsu_core::Workspace::open(&db).unwrap();
    let never = AtomicBool::new(false);
    let last = AtomicU64::new(0);
    let progress = |p: ImportProgress| last.store(p.rows, Ordering::SeqCst);
    let ctx = Context {
        today,
        now: "2026-11-22T10:01:00",
        cancel: &never,
        progress: &progress,
    };
    let report = horetsu_core::ops::import_files(&ws, &files, &opts, &ctx).unwrap();
    assert_eq!(last.load(Ordering::SeqCst), report.rows_read);
}
