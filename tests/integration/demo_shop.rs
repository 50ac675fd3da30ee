//! The demo shop is believable and gives every screen something to show
//! (issue #2 §3), checked with plain SQL over the workspace and by reading
//! the sample files back.

use calamine::{open_workbook_auto, Data, DataType, Reader};

use crate::support::*;

fn count(db: &std::path::Path, sql: &str) -> i64 {
    sqlite(db).query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn about_three_thousand_customers_over_three_years() {
    let (db, _) = default_demo();
    assert_eq!(count(db, "SELECT count(*) FROM customers"), 3000);
    let (first, last): (String, String) = sqlite(db)
        .query_row(
            "SELECT min(ordered_at), max(ordered_at) FROM orders",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        first.as_str() >= "2023-11-01" && first.as_str() < "2023-12-01",
        "{first}"
    );
    assert!(last.starts_with("2026-10"), "{last}");
}

#[test]
fn customers_have_japanese_names_and_products_have_japanese_names() {
    let (db, _) = default_demo();
    let name: String = sqlite(db)
        .query_row("SELECT name FROM customers WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        name.chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{name}"
    );
    assert!(
        count(
            db,
            "SELECT count(*) FROM customers WHERE email NOT LIKE '%@example.jp'"
        ) == 0,
        "only reserved example domains"
    );
    assert!(count(db, "SELECT count(DISTINCT product) FROM order_lines") >= 10);
}

#[test]
fn trials_repeats_returns_and_cancellations_all_occur() {
    let (db, _) = default_demo();
    assert!(
        count(
            db,
            "SELECT count(*) FROM orders WHERE amount > 0 AND amount <= 2000"
        ) > 100,
        "trial purchases"
    );
    assert!(
        count(db, "SELECT count(*) FROM (SELECT customer_id FROM orders WHERE status='normal' AND amount > 0 GROUP BY customer_id HAVING count(*) >= 3)") > 500,
        "repeat buyers"
    );
    assert!(
        count(db, "SELECT count(*) FROM orders WHERE amount < 0") > 20,
        "returns"
    );
    assert!(
        count(db, "SELECT count(*) FROM orders WHERE status = 'cancelled'") > 50,
        "cancellations"
    );
    assert!(count(db, "SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)") > 50, "registered without purchase");
}

#[test]
fn about_fifteen_percent_of_new_customers_are_referred_in_chains_up_to_four_generations() {
    let (db, _) = default_demo();
    let referred = count(db, "SELECT count(*) FROM referrals") as f64;
    let share = referred / 3000.0;
    assert!((0.10..=0.20).contains(&share), "referred share {share}");
    let depth = count(
        db,
        "WITH RECURSIVE chain(id, depth) AS (
             SELECT id, 0 FROM customers WHERE id NOT IN (SELECT referee_id FROM referrals)
             UNION ALL
             SELECT r.referee_id, chain.depth + 1 FROM referrals r JOIN chain ON r.referrer_id = chain.id)
         SELECT max(depth) FROM chain",
    );
    assert_eq!(depth, 4, "chains reach four generations and no deeper");
}

#[test]
fn every_engagement_kind_and_monthly_nps_are_present() {
    let (db, _) = default_demo();
    for kind in [
        "review",
        "sns_post",
        "roundtable",
        "survey",
        "event",
        "line_action",
    ] {
        let n = count(
            db,
            &format!("SELECT count(*) FROM events WHERE kind = '{kind}'"),
        );
        assert!(n > 0, "no {kind} events");
    }
    assert!(count(db, "SELECT count(*) FROM events WHERE kind = 'sns_post' AND brand_tag = 1 AND has_image = 1") > 0);
    let months = count(
        db,
        "SELECT count(DISTINCT substr(answered_on, 1, 7)) FROM nps_responses",
    );
    assert!(months >= 35, "NPS answers in {months} months");
    assert!(
        count(
            db,
            "SELECT count(*) FROM nps_responses WHERE customer_id IS NULL"
        ) > 0,
        "anonymous answers"
    );
    for (lo, hi) in [(0, 6), (7, 8), (9, 10)] {
        assert!(
            count(
                db,
                &format!("SELECT count(*) FROM nps_responses WHERE score BETWEEN {lo} AND {hi}")
            ) > 50
        );
    }
}

#[test]
fn customers_cool_and_lapse() {
    let (db, _) = default_demo();
    // Bought at least three times, but not in the last 180 days of the data.
    let lapsed = count(
        db,
        "SELECT count(*) FROM (SELECT customer_id, max(ordered_at) AS last FROM orders
          WHERE status = 'normal' AND amount > 0 GROUP BY customer_id HAVING count(*) >= 3 AND last < '2026-05-01')",
    );
    assert!(lapsed > 100, "{lapsed} lapsed repeat buyers");
}

fn rows(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_sample_exports_carry_the_same_orders_as_the_workspace() {
    let (db, samples) = default_demo();
    let xlsx = rows(&samples.join("orders.xlsx"));
    let header: Vec<String> = xlsx[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header[..4], ["注文番号", "注文日時", "会員ID", "氏名"]);
    let lines = count(db, "SELECT count(*) FROM order_lines");
    assert_eq!(xlsx.len() as i64 - 1, lines, "one row per order line");
    assert!(
        matches!(xlsx[1][1], Data::DateTime(_)),
        "real Excel datetimes"
    );

    let bytes = std::fs::read(samples.join("orders_sjis.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the CSV is Shift_JIS, not UTF-8"
    );
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!malformed);
    assert!(
        text.contains("髙橋") || text.contains("季節の茶箱～秋～"),
        "CP932 characters survive"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(csv_rows.len(), xlsx.len() - 1);
    for (c, x) in csv_rows.iter().zip(&xlsx[1..]).step_by(997) {
        assert_eq!(c[0], x[0].to_string());
        assert_eq!(c[2], x[2].to_string());
        assert_eq!(c[10].parse::<f64>().unwrap(), x[10].as_f64().unwrap());
    }
    let total: f64 = csv_rows.iter().map(|r| r[10].parse::<f64>().unwrap()).sum();
    let in_db: f64 = sqlite(db)
        .query_row("SELECT total(amount) FROM order_lines", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, in_db);

    let events = rows(&samples.join("events.xlsx"));
    assert_eq!(
        events.len() as i64 - 1,
        count(db, "SELECT count(*) FROM events")
    );
    let nps = rows(&samples.join("nps.xlsx"));
    assert_eq!(
        nps.len() as i64 - 1,
        count(db, "SELECT count(*) FROM nps_responses")
    );
    let members = rows(&samples.join("customers.xlsx"));
    assert_eq!(members.len() as i64 - 1, 3000);
    assert_eq!(members[0][5].to_string(), "紹介者ID");
}

#[test]
fn the_committed_sample_files_are_what_the_demo_generator_writes() {
    let (_, fresh) = default_demo();
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample");
    assert_eq!(
        std::fs::read(committed.join("orders_sjis.csv")).unwrap(),
        std::fs::read(fresh.join("orders_sjis.csv")).unwrap(),
        "assets/sample is stale: regenerate with `horetsu demo --db /tmp/demo.horetsu --samples assets/sample`"
    );
    for file in ["orders.xlsx", "customers.xlsx", "events.xlsx", "nps.xlsx"] {
        assert!(
            rows(&committed.join(file)) == rows(&fresh.join(file)),
            "assets/sample/{file} is stale: regenerate with `horetsu demo --db /tmp/demo.horetsu --samples assets/sample`"
        );
    }
}
