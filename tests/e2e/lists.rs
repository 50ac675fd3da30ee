//! Lists to act on (issue #17): every list of customers shows names, opens
//! the customer on click, and saves whole as CSV; a saved file offers
//! 「フォルダを開く」 for that file only.

use super::*;

/// Reads a CSV the app saved: its records, without the byte-order mark.
fn csv_records(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    text.lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

/// Clicks a 「フォルダを開く」 and returns what the harness's opener stub
/// was asked to open.
fn opened_folder(s: &webdriver::Session, profile: &Path, button: &str) -> String {
    let opened = profile.join("opened.txt");
    let _ = std::fs::remove_file(&opened);
    s.click(button).unwrap();
    for _ in 0..50 {
        if opened.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&opened).unwrap_or_default()
}

#[test]
fn the_churn_list_names_opens_and_saves_every_customer_at_risk() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("lists");
    let db = tmp.0.join("shop.horetsu");
    cli(&["demo", "--db", db.to_str().unwrap()]);
    let summary: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    let at_risk = summary["clv"]["churn_risk_count"].as_u64().unwrap();
    let head_key = summary["clv"]["churn_risk"][0]["customer_key"]
        .as_str()
        .unwrap()
        .to_string();
    let profile = tmp.0.join("profile");
    let driver = Driver::start(&profile);
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(60))
        .unwrap();
    s.click("[data-testid=nav-prediction]").unwrap();
    s.wait_for(
        "[data-testid=churn-list] [data-testid=open-customer]",
        Duration::from_secs(60),
    )
    .unwrap();
    // The first row shows a name, not the key, and opens that customer.
    let shown = s
        .text("[data-testid=churn-list] [data-testid=open-customer]")
        .unwrap();
    assert!(!shown.is_empty());
    assert_ne!(shown, head_key, "the list shows the name");
    s.screenshot(&screenshot_dir().join("lists-churn.png"))
        .unwrap();

    // The whole list as CSV (the screen shows the head).
    let out = tmp.0.join("churn.csv");
    s.execute(
        "window.__horetsuNextSavePath = arguments[0]",
        vec![Value::from(out.display().to_string())],
    )
    .unwrap();
    s.click("[data-testid=churn-csv]").unwrap();
    s.wait_for("[data-testid=churn-csv-saved]", Duration::from_secs(30))
        .unwrap();
    let rows = csv_records(&out);
    assert_eq!(
        rows.len() as u64,
        at_risk + 1,
        "a header and every customer at risk"
    );
    assert_eq!(rows[0][0], "顧客キー");
    assert_eq!(rows[1][0], head_key);
    assert_eq!(rows[1][1], shown);

    // 「フォルダを開く」 shows that file's folder.
    assert_eq!(
        opened_folder(
            &s,
            &profile,
            "[data-testid=churn-csv-saved] [data-testid=open-folder]"
        ),
        tmp.0.display().to_string()
    );
    s.screenshot(&screenshot_dir().join("lists-churn-saved.png"))
        .unwrap();
    // A path the app did not write is refused.
    let refused = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI_INTERNALS__.invoke('reveal_file', { path: arguments[0] }) \
               .then(() => done('opened'), (e) => done(e.code || String(e)));",
            vec![Value::from(db.display().to_string())],
        )
        .unwrap();
    assert_ne!(refused, Value::from("opened"));

    // Clicking the name opens the customer's page.
    s.click("[data-testid=churn-list] [data-testid=open-customer]")
        .unwrap();
    s.wait_for("[data-testid=customer-title]", Duration::from_secs(30))
        .unwrap();
    assert_eq!(s.text("[data-testid=customer-title]").unwrap(), shown);

    // The ranking, with masking on: masked names, still opening the customer.
    s.click("[data-testid=mask-pii]").unwrap();
    s.click("[data-testid=nav-referrals]").unwrap();
    s.wait_for(
        "[data-testid=leaderboard] [data-testid=open-customer]",
        Duration::from_secs(60),
    )
    .unwrap();
    let masked = s
        .text("[data-testid=leaderboard] [data-testid=open-customer]")
        .unwrap();
    let first_hot = summary["points"]["ranking"][0]["customer_key"]
        .as_str()
        .unwrap();
    assert_ne!(masked, first_hot);
    s.execute(
        "document.querySelector('[data-testid=leaderboard]').scrollIntoView({block: 'center'})",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("lists-ranking-masked.png"))
        .unwrap();
    s.click("[data-testid=leaderboard] [data-testid=open-customer]")
        .unwrap();
    s.wait_for("[data-testid=customer-title]", Duration::from_secs(30))
        .unwrap();
    assert_eq!(s.text("[data-testid=customer-title]").unwrap(), masked);
    s.end();
}

#[test]
fn the_report_button_writes_the_workshop_report_with_the_dashboards_figures() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("report");
    let db = tmp.0.join("shop.horetsu");
    cli(&["demo", "--db", db.to_str().unwrap()]);
    let profile = tmp.0.join("profile");
    let driver = Driver::start(&profile);
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(60))
        .unwrap();
    let customers = s.text("[data-testid=kpi-customers] .value").unwrap();
    let revenue = s
        .execute(
            "return document.querySelector('[data-testid=kpi-revenue] .value').title || document.querySelector('[data-testid=kpi-revenue] .value').textContent",
            vec![],
        )
        .unwrap();
    s.click("[data-testid=nav-plan]").unwrap();
    s.wait_for("[data-testid=export-report]", Duration::from_secs(60))
        .unwrap();
    let out = tmp.0.join("レポート.pdf");
    s.execute(
        "window.__horetsuNextSavePath = arguments[0]",
        vec![Value::from(out.display().to_string())],
    )
    .unwrap();
    s.click("[data-testid=export-report]").unwrap();
    s.wait_for("[data-testid=report-done]", Duration::from_secs(60))
        .unwrap();
    s.screenshot(&screenshot_dir().join("plan-report-written.png"))
        .unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-raw", out.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&format!("顧客数{customers}")), "{customers}");
    let revenue = revenue.as_str().unwrap().to_string();
    assert!(text.contains(&format!("売上{revenue}")), "{revenue}");
    assert!(text.contains("個人情報マスク:オフ"));
    // 「フォルダを開く」 shows the report's folder.
    assert_eq!(
        opened_folder(
            &s,
            &profile,
            "[data-testid=report-done] [data-testid=open-folder]"
        ),
        tmp.0.display().to_string()
    );
    s.end();
}
