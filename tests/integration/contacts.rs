//! `horetsu import --kind contacts` (issue #15): contact logs with Japanese
//! and English headers and a mail tool's send log, every bad row reported,
//! re-importing harmless, undo exact — checked with plain SQL.

use crate::support::*;

fn import(db: &std::path::Path, file: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--kind",
        "contacts",
        "--json",
        file.to_str().unwrap(),
    ]))
    .unwrap()
}

fn contacts(db: &std::path::Path) -> Vec<(String, String, String, String, Option<String>)> {
    let conn = sqlite(db);
    let mut stmt = conn
        .prepare(
            "SELECT c.customer_key, k.contacted_on, k.campaign, k.grp, k.channel
             FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE k.batch_id IN (SELECT id FROM import_batches WHERE kind = 'contacts')
             ORDER BY c.customer_key, k.campaign",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn contact_logs_import_with_groups_and_mail_tool_logs_by_e_mail() {
    let dir = TempDir::new("contacts-import");
    let db = dir.path("shop.horetsu");
    horetsu_ok(&["demo", "--db", db.to_str().unwrap(), "--customers", "200"]);
    let email2: String = sqlite(&db)
        .query_row(
            "SELECT email FROM customers WHERE customer_key = 'M000002'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // Japanese headers: 送付 / 対照 / blank (treated); an unknown key and an
    // unknown group are rejected with their row, column and reason.
    let ja = dir.path("log_ja.csv");
    std::fs::write(
        &ja,
        "顧客ID,送信日,施策,チャネル,区分\n\
         M000001,2026/09/01,秋のお便り,手紙,送付\n\
         M000003,2026-09-01,秋のお便り,手紙,対照\n\
         M000004,2026年9月1日,秋のお便り,,\n\
         M999999,2026-09-01,秋のお便り,手紙,送付\n\
         M000005,2026-09-01,秋のお便り,手紙,たぶん\n\
         M000006,2026-09-01,,手紙,送付\n",
    )
    .unwrap();
    let r = import(&db, &ja);
    assert_eq!(r["contacts"], 3);
    let rejected: Vec<(u64, String, String)> = r["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["row"].as_u64().unwrap(),
                x["column"].as_str().unwrap().to_string(),
                x["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rejected,
        vec![
            (5, "顧客ID (A)".into(), "unknown_customer".into()),
            (6, "区分 (E)".into(), "unknown_group".into()),
            (7, "施策 (C)".into(), "empty".into()),
        ]
    );
    // A mail tool's send log: e-mail, sent date, subject. The shop's key is a
    // member number; the e-mail finds the customer.
    let mail = dir.path("mail_log.csv");
    std::fs::write(
        &mail,
        format!(
            "Email,Sent Date,Subject\n{},2026-10-05 09:00,新茶のご案内\n",
            email2.to_uppercase()
        ),
    )
    .unwrap();
    let r = import(&db, &mail);
    assert_eq!(r["contacts"], 1, "{r}");
    assert_eq!(
        contacts(&db),
        vec![
            (
                "M000001".into(),
                "2026-09-01".into(),
                "秋のお便り".into(),
                "treated".into(),
                Some("手紙".into())
            ),
            (
                "M000002".into(),
                "2026-10-05".into(),
                "新茶のご案内".into(),
                "treated".into(),
                None
            ),
            (
                "M000003".into(),
                "2026-09-01".into(),
                "秋のお便り".into(),
                "control".into(),
                Some("手紙".into())
            ),
            (
                "M000004".into(),
                "2026-09-01".into(),
                "秋のお便り".into(),
                "treated".into(),
                None
            ),
        ]
    );
    // Importing the same log again adds nothing.
    let again = import(&db, &ja);
    assert_eq!(
        (again["contacts"].as_u64(), again["rows_duplicate"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(contacts(&db).len(), 4);
    // Undo the Japanese log: its three lines go, the mail log's stays.
    let batches: Vec<serde_json::Value> = serde_json::from_str(&horetsu_ok(&[
        "batches",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let first_log = batches
        .iter()
        .filter(|b| b["kind"] == "contacts")
        .map(|b| b["id"].as_i64().unwrap())
        .min()
        .unwrap();
    let out = horetsu_ok(&[
        "undo",
        "--db",
        db.to_str().unwrap(),
        "--batch",
        &first_log.to_string(),
    ]);
    assert!(out.contains("3 contact-log lines"), "{out}");
    assert_eq!(contacts(&db).len(), 1);
}
