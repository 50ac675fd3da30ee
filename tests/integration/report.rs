//! `horetsu report` (issue #18): the workshop report, read back with
//! poppler's `pdftotext` (an independent reader) and checked against
//! `horetsu summary --json`.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

fn report(db: &Path, out: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "report",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&horetsu_ok(&args)).unwrap()
}

fn pct(x: &Value) -> String {
    format!("{:.1}%", x.as_f64().unwrap() * 100.0)
}

fn thousands(n: u64) -> String {
    horetsu_core::format::thousands(n)
}

#[test]
fn the_report_holds_the_summarys_figures_and_names_no_customer() {
    let (db, _) = default_demo();
    let dir = TempDir::new("report");
    let out = dir.path("report.pdf");
    let written = report(db, &out, &[]);
    let s = summary(db, None);
    assert_eq!(written["pages"].as_u64().unwrap() as usize, pdf_pages(&out));
    assert_eq!(written["as_of"], s["as_of"]);
    let text = squeezed(&pdf_text(&out));

    // The cover: shop, analysis date, masking off.
    let shop: String = sqlite(db)
        .query_row("SELECT value FROM settings WHERE key = 'name'", [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|_| "ひだまり茶舗".into());
    assert!(text.contains(&squeezed(&shop)), "the shop's name");
    let as_of = s["as_of"].as_str().unwrap().replace('-', "/");
    assert!(text.contains(&format!("基準日:{as_of}")));
    assert!(text.contains("個人情報マスク:オフ"));

    // The KPIs as summary --json has them.
    let kpis = [
        ("顧客数", thousands(s["customers"].as_u64().unwrap())),
        ("注文数", thousands(s["orders"].as_u64().unwrap())),
        (
            "売上",
            horetsu_core::format::yen(s["revenue"].as_f64().unwrap()),
        ),
        (
            "紹介率(直近の四半期)",
            pct(&s["referrals"]["rate_last_quarter"]),
        ),
        ("アクティブ率", pct(&s["referrals"]["active"]["rate"])),
        ("F2転換率", pct(&s["f2"]["rate"])),
    ];
    for (label, value) in kpis {
        assert!(text.contains(&format!("{label}{value}")), "{label} {value}");
    }
    let ltv = &s["ltv"];
    assert!(text.contains(&format!(
        "{}人/{}人({})",
        thousands(ltv["meeting_bar"].as_u64().unwrap()),
        thousands(ltv["customers"].as_u64().unwrap()),
        pct(&ltv["share"])
    )));
    let nps = if s["nps"]["latest_quarter"].is_null() {
        &s["nps"]["overall"]
    } else {
        &s["nps"]["latest_quarter"]
    };
    assert!(text.contains(&format!(
        "{:.1}±{:.1}",
        nps["nps"].as_f64().unwrap(),
        nps["margin"].as_f64().unwrap()
    )));
    // Each stage's count and the F2 groups.
    for (stage, name) in [
        ("observer", "観測"),
        ("landing", "着地"),
        ("empathy", "共感"),
        ("involvement", "関与"),
        ("circulation", "循環"),
    ] {
        let n = thousands(s["stages"][stage].as_u64().unwrap());
        assert!(text.contains(&format!("{name}{n}")), "{name} {n}");
    }
    let f2 = &s["f2"];
    assert!(text.contains(&format!(
        "紹介{}{}{}",
        thousands(f2["referred"]["eligible"].as_u64().unwrap()),
        thousands(f2["referred"]["converted"].as_u64().unwrap()),
        pct(&f2["referred"]["rate"])
    )));
    // The plan by stage and the playbook's never-list.
    assert!(text.contains("ステージ別のアクション"));
    assert!(text.contains("禁止:即オファー・即販売"));
    // Effect results: the demo has campaigns.
    let effect: Value = serde_json::from_str(&horetsu_ok(&[
        "effect",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    for c in effect["campaigns"].as_array().unwrap() {
        let name = c["campaign"].as_str().unwrap();
        if !name.starts_with("plan:") {
            assert!(text.contains(&squeezed(name)), "campaign {name}");
        }
    }

    // No customer is named.
    let conn = sqlite(db);
    let mut stmt = conn
        .prepare(
            "SELECT name FROM customers WHERE name IS NOT NULL AND length(name) >= 3 LIMIT 400",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!names.is_empty());
    for n in &names {
        assert!(!text.contains(&squeezed(n)), "{n} is in the report");
    }
}

#[test]
fn a_masked_report_hides_the_shop_and_says_so_and_files_are_not_replaced_unasked() {
    let (db, _) = default_demo();
    let dir = TempDir::new("report-masked");
    let out = dir.path("masked.pdf");
    let written = report(db, &out, &["--mask-pii", "--lang", "ja"]);
    assert_eq!(written["masked"], true);
    let text = squeezed(&pdf_text(&out));
    assert!(text.contains("個人情報マスク:オン"));
    assert!(text.contains("ショップ:(マスク中)"));
    assert!(!text.contains("ひだまり茶舗"), "the shop's name is masked");

    // An existing PDF needs --force; a workspace is never replaced.
    let again = horetsu(&[
        "report",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!again.status.success());
    report(db, &out, &["--force"]);
    let before = std::fs::read(db).unwrap();
    let over = horetsu(&[
        "report",
        "--db",
        db.to_str().unwrap(),
        "--out",
        db.to_str().unwrap(),
        "--force",
    ]);
    assert!(!over.status.success());
    assert_eq!(std::fs::read(db).unwrap(), before);

    // In English, at an earlier analysis date: that date's figures.
    let en = dir.path("en.pdf");
    let written = report(db, &en, &["--lang", "en", "--as-of", "2025-06-30"]);
    assert_eq!(written["as_of"], "2025-06-30");
    let s = summary(db, Some("2025-06-30"));
    let text = squeezed(&pdf_text(&en));
    assert!(text.contains(&format!(
        "Customers{}",
        thousands(s["customers"].as_u64().unwrap())
    )));
    assert!(text.contains(&format!(
        "Orders{}",
        thousands(s["orders"].as_u64().unwrap())
    )));
    assert!(text.contains("Actionsbystage"));
}
