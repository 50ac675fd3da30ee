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

/// The Online Retail CSV imported once for the tests that read it.
fn online_retail_csv_workspace() -> &'static PathBuf {
    static DB: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("horetsu-it-or-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("online-retail.horetsu");
        import_json(
            &db,
            &[shared("online-retail/online_retail.csv").to_str().unwrap()],
        );
        db
    })
}

/// The raw Online Retail CSV in plain SQLite, loaded with the csv crate (no
/// Horetsu code involved): raw(invoice, quantity, invoice_date, unit_price,
/// customer_id).
fn raw_online_retail() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE raw(invoice TEXT, quantity REAL, invoice_date TEXT, unit_price REAL, customer_id TEXT)",
    )
    .unwrap();
    {
        let tx = conn.unchecked_transaction().unwrap();
        let mut insert = tx
            .prepare("INSERT INTO raw VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let mut reader = csv::Reader::from_path(shared("online-retail/online_retail.csv")).unwrap();
        for rec in reader.records() {
            let rec = rec.unwrap();
            let q: f64 = rec[3].parse().unwrap();
            let p: f64 = rec[5].parse().unwrap();
            insert
                .execute(rusqlite::params![&rec[0], q, &rec[4], p, &rec[6]])
                .unwrap();
        }
        drop(insert);
        tx.commit().unwrap();
    }
    conn
}

/// customer, recency, frequency, monetary, r, f, m, segment.
type ReferenceRow = (String, i64, i64, f64, i64, i64, i64, String);

#[test]
fn rfm_on_online_retail_matches_the_independent_sql_reference_for_every_customer() {
    // The reference: bench/rfm_reference.sql over the raw CSV, loaded here with
    // the csv crate into plain SQLite (no Horetsu code involved).
    let conn = raw_online_retail();
    let sql = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/rfm_reference.sql"),
    )
    .unwrap();
    let mut stmt = conn.prepare(&sql).unwrap();
    let reference: Vec<ReferenceRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?.to_string(),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        reference.len(),
        4_338,
        "domain.md: 4,338 purchasing customers"
    );

    let db = online_retail_csv_workspace();
    let out = horetsu_ok(&["customers", "--db", db.to_str().unwrap(), "--csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let ours: std::collections::HashMap<String, csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .map(|r| (r[col("customer_key")].to_string(), r))
        .collect();
    let mut checked = 0;
    for (key, recency, frequency, monetary, r, f, m, segment) in &reference {
        let row = ours
            .get(key)
            .unwrap_or_else(|| panic!("customer {key} missing"));
        assert_eq!(
            row[col("recency_days")].parse::<i64>().unwrap(),
            *recency,
            "R days of {key}"
        );
        assert_eq!(
            row[col("frequency")].parse::<i64>().unwrap(),
            *frequency,
            "F of {key}"
        );
        assert!(
            (row[col("monetary")].parse::<f64>().unwrap() - monetary).abs() < 0.006,
            "M of {key}"
        );
        assert_eq!(
            row[col("r")].parse::<i64>().unwrap(),
            *r,
            "R score of {key}"
        );
        assert_eq!(
            row[col("f")].parse::<i64>().unwrap(),
            *f,
            "F score of {key}"
        );
        assert_eq!(
            row[col("m")].parse::<i64>().unwrap(),
            *m,
            "M score of {key}"
        );
        assert_eq!(&row[col("segment")], segment.as_str(), "segment of {key}");
        checked += 1;
    }
    assert_eq!(checked, 4_338);
}

/// `horetsu clv --unit week` on the CDNOW cohort of Fader, Hardie & Lee
/// (2005): a shop whose purchases reproduce `cdnow_customers_summary.csv`
/// (2,357 customers, calibration period 1997-01-01 – 1997-09-30; x repeat
/// purchases on distinct days, t_x and T in weeks) gives the published
/// estimates r = 0.2426, α = 4.4135, a = 0.7929, b = 2.4258. The daily fit
/// of the same shop has the same r, a and b and α × 7.
#[test]
fn the_weekly_fit_on_the_cdnow_cohort_gives_the_published_estimates() {
    let as_of = chrono::NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    let text = std::fs::read_to_string(shared("cdnow/cdnow_customers_summary.csv")).unwrap();
    let mut csv = String::from("注文番号,注文日,会員ID,金額\n");
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let id = f[0];
        let x: i64 = f[1].parse::<f64>().unwrap() as i64;
        let t_x = (f[2].parse::<f64>().unwrap() * 7.0).round() as i64;
        let t = (f[3].parse::<f64>().unwrap() * 7.0).round() as i64;
        let first = as_of - chrono::Duration::days(t);
        // x repeat purchases on distinct days: the last at t_x, the others
        // on the days right after the first.
        assert!(
            x == 0 && t_x == 0 || x >= 1 && t_x >= x,
            "customer {id}: {x} repeats in {t_x} days"
        );
        let mut days = vec![0];
        days.extend(1..x);
        if x >= 1 {
            days.push(t_x);
        }
        for (n, d) in days.iter().enumerate() {
            let day = first + chrono::Duration::days(*d);
            csv.push_str(&format!("C{id}-{n},{day},C{id},{}\n", 10 + n));
        }
    }
    let dir = TempDir::new("cdnow-week");
    let file = dir.path("cdnow_cohort.csv");
    std::fs::write(&file, csv).unwrap();
    let db = dir.path("cdnow.horetsu");
    horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let fit = |unit: &str| -> serde_json::Value {
        serde_json::from_str(&horetsu_ok(&[
            "clv",
            "--db",
            db.to_str().unwrap(),
            "--as-of",
            "1997-09-30",
            "--unit",
            unit,
            "--json",
        ]))
        .unwrap()
    };
    let week = fit("week");
    assert_eq!(week["customers"], 2357);
    let bg = &week["bgnbd"];
    let close = |got: &serde_json::Value, want: f64| {
        let g = got.as_f64().unwrap();
        assert!(
            (g - want).abs() < 0.002 * want.abs().max(1.0),
            "{g} vs the published {want}"
        );
    };
    close(&bg["r"], 0.2426);
    close(&bg["alpha"], 4.4135);
    close(&bg["a"], 0.7929);
    close(&bg["b"], 2.4258);
    let day = fit("day");
    let dbg = &day["bgnbd"];
    for p in ["r", "a", "b"] {
        close(&dbg[p], bg[p].as_f64().unwrap());
    }
    close(&dbg["alpha"], bg["alpha"].as_f64().unwrap() * 7.0);

    // P(alive) is shown only where the model can judge it: the 1,411 CDNOW
    // customers without a repeat purchase (BG/NBD would say 1 for them by
    // construction) get none; everyone else a probability.
    let customers: Vec<serde_json::Value> = serde_json::from_str(&horetsu_ok(&[
        "customers",
        "--db",
        db.to_str().unwrap(),
        "--as-of",
        "1997-09-30",
        "--json",
    ]))
    .unwrap();
    let mut not_judged = 0;
    for c in &customers {
        let once = c["frequency"] == 1;
        match c["p_alive"].as_f64() {
            None => {
                assert!(once, "{c}");
                not_judged += 1;
            }
            Some(p) => assert!(!once && p > 0.0 && p <= 1.0, "{c}"),
        }
    }
    assert_eq!(not_judged, 1411);
}

/// F2転換率 on Online Retail against an independent SQL computation straight
/// from domain.md §2 over the raw CSV: of the customers whose first purchase
/// is at least 90 days before the analysis date, those with a purchase on a
/// later calendar day within 90 days; overall and for every first-purchase month.
#[test]
fn f2_on_online_retail_matches_an_independent_sql_computation() {
    let conn = raw_online_retail();
    let sql = "WITH
        lines AS (
          SELECT invoice,
                 CASE WHEN customer_id = '' THEN NULL
                      ELSE CAST(CAST(customer_id AS REAL) AS INTEGER) END AS customer,
                 substr(invoice_date, 1, 10) AS day, quantity * unit_price AS amount
          FROM raw),
        analysis AS (SELECT date(max(day), '+1 day') AS as_of FROM lines),
        orders AS (
          SELECT invoice, customer, min(day) AS day, sum(amount) AS amount
          FROM lines WHERE customer IS NOT NULL GROUP BY invoice, customer),
        purchases AS (SELECT customer, day FROM orders WHERE amount > 0),
        firsts AS (SELECT customer, min(day) AS first FROM purchases GROUP BY customer),
        pairs AS (
          SELECT f.customer, f.first,
                 (SELECT min(p.day) FROM purchases p
                  WHERE p.customer = f.customer AND p.day > f.first) AS second
          FROM firsts f
          WHERE julianday((SELECT as_of FROM analysis)) - julianday(f.first) >= 90)
        SELECT substr(first, 1, 7), count(*),
               sum(second IS NOT NULL AND julianday(second) - julianday(first) <= 90)
        FROM pairs GROUP BY 1 ORDER BY 1";
    let mut stmt = conn.prepare(sql).unwrap();
    let reference: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let eligible: i64 = reference.iter().map(|r| r.1).sum();
    let converted: i64 = reference.iter().map(|r| r.2).sum();
    assert!(eligible > 3_000, "{eligible}");

    let s = summary(online_retail_csv_workspace(), None);
    let f2 = &s["f2"];
    assert_eq!(f2["window_days"], 90);
    assert_eq!(f2["eligible"].as_i64().unwrap(), eligible);
    assert_eq!(f2["converted"].as_i64().unwrap(), converted);
    // Online Retail has no referrals: everyone is organic.
    assert_eq!(f2["organic"]["eligible"].as_i64().unwrap(), eligible);
    assert_eq!(f2["referred"]["eligible"], 0);
    let ours: Vec<(String, i64, i64)> = f2["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["month"].as_str().unwrap().to_string(),
                c["eligible"].as_i64().unwrap(),
                c["converted"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ours, reference);
    println!("F2 on Online Retail: {converted} of {eligible}");
}
