//! The real public data sets in `../shared/data/` (beside the checkout; CI
//! has them). Figures are the known facts of `../shared/data/README.md` and
//! domain.md, not the code's own earlier output. A missing data set fails
//! the test with a message, never skips it.

use std::path::PathBuf;

use crate::support::*;

fn shared(file: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(file);
    assert!(
        path.exists(),
        "{} is missing: the real-data tests read ../shared/data beside the checkout",
        path.display()
    );
    println!("reading {}", path.display());
    path
}

fn import_json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["import", "--db", db.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&horetsu_ok(&all)).unwrap()
}

/// Every order of a workspace as text, for comparing two workspaces.
fn orders_fingerprint(db: &std::path::Path) -> (i64, String) {
    let conn = sqlite(db);
    let n: i64 = conn
        .query_row("SELECT count(*) FROM order_lines", [], |r| r.get(0))
        .unwrap();
    let text: String = conn
        .query_row(
            "SELECT group_concat(x, char(10)) FROM (
                 SELECT o.order_no || '|' || ifnull(c.customer_key, '') || '|' || o.ordered_at || '|'
                        || printf('%.6f', o.amount) || '|' || o.status
                        || '|' || (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS x
                 FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY x)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (n, text)
}

#[test]
fn online_retail_xlsx_and_csv_import_every_row_into_identical_workspaces() {
    let dir = TempDir::new("online-retail");
    let xlsx_db = dir.path("xlsx.horetsu");
    let csv_db = dir.path("csv.horetsu");
    let from_xlsx = import_json(
        &xlsx_db,
        &[shared("online-retail/online_retail.xlsx").to_str().unwrap()],
    );
    let from_csv = import_json(
        &csv_db,
        &[shared("online-retail/online_retail.csv").to_str().unwrap()],
    );
    for r in [&from_xlsx, &from_csv] {
        // README: 541,909 rows, 135,080 without a CustomerID, 25,900 invoices, 4,372 ids.
        assert_eq!(r["rows_read"], 541_909);
        assert_eq!(r["rows_imported"], 541_909);
        assert_eq!(r["anonymous_rows"], 135_080);
        assert_eq!(r["orders"], 25_900);
        assert_eq!(r["customers"], 4_372);
        assert_eq!(r["rejected"].as_array().unwrap().len(), 0);
    }
    let s = summary(&xlsx_db, None);
    // domain.md rules: 4,338 customers with a purchase (amount > 0).
    assert_eq!(s["customers"], 4_338);
    // README: Σ Quantity × UnitPrice = 9,747,747.934 (C invoices are returns, counted in revenue).
    assert!(
        (s["revenue"].as_f64().unwrap() - 9_747_747.934).abs() < 0.01,
        "{}",
        s["revenue"]
    );
    assert_eq!(s["as_of"], "2011-12-10");
    assert_eq!(summary(&csv_db, None), s);
    assert_eq!(orders_fingerprint(&xlsx_db), orders_fingerprint(&csv_db));
    // Re-importing the same file adds nothing.
    let again = import_json(
        &xlsx_db,
        &[shared("online-retail/online_retail.csv").to_str().unwrap()],
    );
    assert_eq!(again["orders"], 0);
    assert_eq!(again["rows_duplicate"], 541_909);
    assert_eq!(summary(&xlsx_db, None), s);
}

#[test]
fn online_retail_ii_imports_both_sheets_with_all_sheets() {
    let dir = TempDir::new("online-retail-ii");
    let db = dir.path("ii.horetsu");
    let file = shared("online-retail/online_retail_II_subset.xlsx");
    let r = import_json(&db, &["--all-sheets", file.to_str().unwrap()]);
    // README: 14,269 + 20,497 rows in the two sheets.
    assert_eq!(r["rows_read"], 14_269 + 20_497);
    assert_eq!(r["sheets"].as_array().unwrap().len(), 2);
    assert_eq!(r["rejected"].as_array().unwrap().len(), 0);
    let one = TempDir::new("online-retail-ii-one");
    let db_one = one.path("one.horetsu");
    let r = import_json(
        &db_one,
        &["--sheet", "Year 2010-2011", file.to_str().unwrap()],
    );
    assert_eq!(r["rows_read"], 20_497);
}
