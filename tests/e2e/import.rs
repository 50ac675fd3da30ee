//! Importing a sample file in the window.

use super::*;

#[test]
fn importing_the_sample_orders_in_the_window_changes_the_dashboard() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("import");
    let db = tmp.0.join("new-shop.horetsu");
    let info = horetsu_core::WorkspaceInfo {
        name: "新しいお店".into(),
        is_demo: false,
        created_at: "2026-11-01T09:00:00".into(),
    };
    drop(horetsu_core::Workspace::create(&db, &info).unwrap());

    let driver = Driver::start(&tmp.0.join("profile"));
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=empty-state]", Duration::from_secs(60))
        .unwrap();
    // はじめにやること: nothing ticked on a new shop.
    let done = |s: &Session, step: &str| -> String {
        s.execute(
            &format!("return document.querySelector('[data-testid=first-step-{step}]')?.dataset.done ?? 'missing'"),
            vec![],
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
    };
    for step in ["orders", "members", "events", "nps", "plan"] {
        assert_eq!(done(&s, step), "no", "{step}");
    }
    assert_eq!(
        digits(&s.text("[data-testid=kpi-customers] .value").unwrap()),
        0
    );
    // A real workspace is not marked as a demo.
    assert!(s
        .execute(
            "return document.querySelector('[data-testid=demo-badge]') === null",
            vec![]
        )
        .unwrap()
        .as_bool()
        .unwrap());

    // The analysis screens say what to import, in order.
    s.click("[data-testid=nav-stages]").unwrap();
    s.wait_for("[data-testid=analysis-empty]", Duration::from_secs(30))
        .unwrap();
    assert!(s
        .text("[data-testid=analysis-empty]")
        .unwrap()
        .contains("注文一覧"));
    // The customers table of a new shop says what to do, not "no customer
    // matches these filters" (no filter is set).
    s.click("[data-testid=nav-customers]").unwrap();
    s.wait_for("[data-testid=customer-empty]", Duration::from_secs(30))
        .unwrap();
    let empty = s.text("[data-testid=customer-empty]").unwrap();
    assert!(
        empty.contains("まだ顧客がいません") && !empty.contains("条件に合う"),
        "{empty}"
    );
    s.click("[data-testid=nav-home]").unwrap();
    s.wait_for("[data-testid=empty-import]", Duration::from_secs(30))
        .unwrap();
    s.click("[data-testid=empty-import]").unwrap();
    s.wait_for("[data-testid=drop-zone]", Duration::from_secs(10))
        .unwrap();

    // A file named as a workbook that is not one: the Japanese UI says so in
    // Japanese, naming the file and what to do (the English detail only on hover).
    let bad = tmp.0.join("注文一覧.xlsx");
    std::fs::write(&bad, "注文番号,注文日\n1,2024-01-01\n").unwrap();
    set_input(&s, "[data-testid=path-input]", &bad.display().to_string());
    s.click("[data-testid=path-open]").unwrap();
    s.wait_for("[data-testid=error-message]", Duration::from_secs(30))
        .unwrap();
    let message = s.text("[data-testid=error-message]").unwrap();
    assert!(
        message.contains("「注文一覧.xlsx」はブックとして読めません")
            && message.contains("名前を変えたもの"),
        "{message}"
    );
    assert!(!message.contains("not a valid"), "{message}");
    s.screenshot(&screenshot_dir().join("import-bad-file-ja.png"))
        .unwrap();
    s.click("[data-testid=error] button").unwrap();

    // A zip bomb (30 MB of sheet XML packed 1,000 times) is refused before
    // anything is unpacked, in Japanese.
    let bomb =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/bomb_sheet.xlsx");
    set_input(&s, "[data-testid=path-input]", &bomb.display().to_string());
    s.click("[data-testid=path-open]").unwrap();
    s.wait_for("[data-testid=error-message]", Duration::from_secs(30))
        .unwrap();
    let message = s.text("[data-testid=error-message]").unwrap();
    assert!(
        message.contains("「bomb_sheet.xlsx」は展開すると大きすぎる")
            && message.contains("ZIP爆弾"),
        "{message}"
    );
    s.screenshot(&screenshot_dir().join("import-bomb-ja.png"))
        .unwrap();
    s.click("[data-testid=error] button").unwrap();

    // Where each service's export is, one click away.
    s.execute(
        "document.querySelector('[data-testid=export-help]').open = true",
        vec![],
    )
    .unwrap();
    let help = s.text("[data-testid=export-help]").unwrap();
    assert!(
        help.contains("Shopify") && help.contains("RMS") && help.contains("BASE"),
        "{help}"
    );
    s.screenshot(&screenshot_dir().join("import-export-help.png"))
        .unwrap();

    // A CSV row with a cell more than its header (an unquoted ¥4,500) is
    // flagged in the preview, before anything is written.
    let shifted = tmp.0.join("手書き注文.csv");
    std::fs::write(
        &shifted,
        "注文番号,注文日,顧客ID,金額,倉庫\nA1,2024-01-05,c1,3000,東京\nA2,2024-01-06,c2,¥4,500,大阪\nA3,,c3,1200,東京\n",
    )
    .unwrap();
    set_input(
        &s,
        "[data-testid=path-input]",
        &shifted.display().to_string(),
    );
    s.click("[data-testid=path-open]").unwrap();
    s.wait_for("[data-testid=preview-row-problem]", Duration::from_secs(30))
        .unwrap();
    assert_eq!(js_count(&s, "[data-testid=preview-row-problem]"), 1);
    assert!(s
        .text("[data-testid=preview-extra-cells]")
        .unwrap()
        .contains("プレビューの1行は取り込まれません"));
    // Every row checked before anything is written: one row imports, two
    // cannot (the shifted one, and the one without a date), with reasons.
    s.wait_for(
        "[data-testid=import-check-summary]",
        Duration::from_secs(30),
    )
    .unwrap();
    let summary = s.text("[data-testid=import-check-summary]").unwrap();
    assert!(
        summary.contains("全3行")
            && summary.contains("取り込む行 1")
            && summary.contains("取り込めない行 2"),
        "{summary}"
    );
    assert_eq!(js_count(&s, "[data-testid=import-check-reasons] li"), 2);
    // 「使う列だけ」 hides the warehouse column no field reads.
    let headers = || js_count(&s, "[data-testid=preview-table] thead th");
    let all = headers();
    s.click("[data-testid=preview-used-only]").unwrap();
    s.wait_until(
        "the unused column hidden",
        &format!("return document.querySelectorAll('[data-testid=preview-table] thead th').length === {}", all - 1),
        Duration::from_secs(10),
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("import-preview-extra-cells.png"))
        .unwrap();
    s.click("[data-testid=preview-back]").unwrap();

    set_input(&s, "[data-testid=path-input]", &sample("orders.xlsx"));
    s.click("[data-testid=path-open]").unwrap();
    s.wait_for("[data-testid=mapping-editor]", Duration::from_secs(30))
        .unwrap();
    // The columns were found from the Japanese headers, before anything was written.
    let mapped = |field: &str| {
        s.execute(
            &format!("return document.querySelector('[data-testid=map-{field}]').value"),
            vec![],
        )
        .unwrap()
    };
    assert_eq!(mapped("order_no"), "A");
    assert_eq!(mapped("order_date"), "B");
    assert_eq!(mapped("customer_key"), "C");
    assert_eq!(mapped("amount"), "K");
    let table = s.text("[data-testid=preview-table]").unwrap();
    assert!(table.contains("注文番号"));
    // Each mapped cell as it will be stored, beside the file's own value:
    // the first order's date, which the file holds as an Excel serial.
    assert!(table.contains("2023-11-01 12:01"), "{table}");
    assert!(
        s.text("[data-testid=preview-raw]")
            .unwrap()
            .contains("45231.501"),
        "the file's own value is shown beside it"
    );
    s.screenshot(&screenshot_dir().join("import-preview.png"))
        .unwrap();

    s.click("[data-testid=start-import]").unwrap();
    s.wait_for("[data-testid=import-report]", Duration::from_secs(120))
        .unwrap();
    let lines = digits(
        &s.text("[data-testid=report-import_rows_read] .value")
            .unwrap(),
    );
    let expected_lines = horetsu_core::demo::generate(&horetsu_core::demo::DemoOptions::default())
        .orders
        .iter()
        .map(|o| o.lines.len() as u64)
        .sum::<u64>();
    assert_eq!(lines, expected_lines, "every line of the sample was read");
    assert_eq!(
        digits(
            &s.text("[data-testid=report-import_rows_rejected] .value")
                .unwrap()
        ),
        0
    );
    assert!(s
        .text("[data-testid=import-history]")
        .unwrap()
        .contains("orders.xlsx"));
    // The new orders' span and total, as the CLI counts them.
    let span = s.text("[data-testid=import-span]").unwrap();
    assert!(span.contains("2023/11/01") && span.contains('¥'), "{span}");
    assert!(s
        .text("[data-testid=import-report-title]")
        .unwrap()
        .starts_with("取り込みました"));
    s.screenshot(&screenshot_dir().join("import-report.png"))
        .unwrap();

    // The same file again adds nothing, and says so.
    s.click("[data-testid=import-report] .preview-head button")
        .unwrap();
    set_input(&s, "[data-testid=path-input]", &sample("orders.xlsx"));
    s.click("[data-testid=path-open]").unwrap();
    s.wait_for("[data-testid=start-import]", Duration::from_secs(30))
        .unwrap();
    s.click("[data-testid=start-import]").unwrap();
    s.wait_until(
        "the second report",
        "return (document.querySelector('[data-testid=import-report-title]')?.textContent ?? '').startsWith('すでに取り込み済み')",
        Duration::from_secs(120),
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("import-again.png"))
        .unwrap();

    // The dashboard now shows the imported shop, as the CLI computes it.
    let summary: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    assert!(summary["customers"].as_u64().unwrap() > 2000);
    s.click("[data-testid=nav-home]").unwrap();
    let want = thousands(summary["customers"].as_u64().unwrap());
    s.wait_until(
        "the imported customers on the dashboard",
        &format!("return document.querySelector('[data-testid=kpi-customers] .value')?.textContent === '{want}'"),
        Duration::from_secs(30),
    )
    .unwrap();
    assert_eq!(
        digits(&s.text("[data-testid=kpi-orders] .value").unwrap()),
        summary["orders"].as_u64().unwrap()
    );
    // The orders are ticked off; the member list is next. Each KPI explains
    // itself in one sentence with the seed's target.
    assert_eq!(done(&s, "orders"), "yes");
    assert_eq!(done(&s, "members"), "no");
    let help = s
        .execute(
            "return document.querySelector('[data-testid=kpi-help-referral-rate]').title",
            vec![],
        )
        .unwrap();
    assert!(help.as_str().unwrap().contains("20%"), "{help}");
    // Orders alone carry no referral: 紹介率 says the data is missing, not 0 %.
    assert_eq!(summary["referrals"]["referred_customers"], 0);
    let referral = s.text("[data-testid=kpi-referral-rate]").unwrap();
    assert!(referral.contains("紹介データが未取り込み"), "{referral}");
    assert_eq!(
        s.text("[data-testid=kpi-referral-rate] .value").unwrap(),
        "—",
        "no 0.0 % computed from nothing"
    );
    s.screenshot(&screenshot_dir().join("dashboard-after-import.png"))
        .unwrap();

    s.click("[data-testid=nav-import]").unwrap();
    s.wait_for("[data-testid=undo-1]", Duration::from_secs(30))
        .unwrap();
    // Undo asks in a dialog: Esc and a click outside cancel it, nothing
    // undone; 元に戻す takes the orders out again.
    let esc = "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))";
    s.click("[data-testid=undo-1]").unwrap();
    s.wait_for("[data-testid=undo-dialog]", Duration::from_secs(10))
        .unwrap();
    assert!(s
        .text("[data-testid=undo-dialog]")
        .unwrap()
        .contains("orders.xlsx"));
    s.screenshot(&screenshot_dir().join("import-undo-dialog.png"))
        .unwrap();
    s.execute(esc, vec![]).unwrap();
    s.wait_until(
        "Esc cancels",
        "return !document.querySelector('[data-testid=undo-dialog]')",
        Duration::from_secs(5),
    )
    .unwrap();
    s.click("[data-testid=undo-1]").unwrap();
    s.wait_for("[data-testid=undo-dialog]", Duration::from_secs(10))
        .unwrap();
    s.execute(
        "document.querySelector('.modal-backdrop').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))",
        vec![],
    )
    .unwrap();
    s.wait_until(
        "a click outside cancels",
        "return !document.querySelector('[data-testid=undo-dialog]')",
        Duration::from_secs(5),
    )
    .unwrap();
    let orders = || -> u64 {
        let v: Value =
            serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"]))
                .unwrap();
        v["orders"].as_u64().unwrap()
    };
    assert!(orders() > 0, "nothing undone yet");
    s.click("[data-testid=undo-1]").unwrap();
    s.wait_for("[data-testid=confirm-undo-1]", Duration::from_secs(10))
        .unwrap();
    s.click("[data-testid=confirm-undo-1]").unwrap();
    s.wait_until(
        "the undone import",
        "return (document.querySelector('[data-testid=import-history]')?.textContent ?? '').includes('取り消し済み')",
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(orders(), 0);

    // The recent-files menu closes on Esc and on a click outside.
    s.click("[data-testid=recent-button]").unwrap();
    s.wait_for("[data-testid=recent-menu]", Duration::from_secs(5))
        .unwrap();
    s.execute(esc, vec![]).unwrap();
    s.wait_until(
        "the menu closed",
        "return !document.querySelector('[data-testid=recent-menu]')",
        Duration::from_secs(5),
    )
    .unwrap();
    s.click("[data-testid=recent-button]").unwrap();
    s.wait_for("[data-testid=recent-menu]", Duration::from_secs(5))
        .unwrap();
    s.execute(
        "document.querySelector('[data-testid=import-history]').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))",
        vec![],
    )
    .unwrap();
    s.wait_until(
        "the menu closed",
        "return !document.querySelector('[data-testid=recent-menu]')",
        Duration::from_secs(5),
    )
    .unwrap();
    s.end();
}
