//! The dashboard against `horetsu summary`, and the first start on a fresh profile.

use super::*;

#[test]
fn the_dashboard_funnel_shows_the_same_counts_as_horetsu_summary() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("funnel");
    let db = tmp.0.join("shop.horetsu");
    cli(&[
        "demo",
        "--db",
        db.to_str().unwrap(),
        "--seed",
        "3",
        "--customers",
        "1500",
    ]);
    let summary: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();

    let driver = Driver::start(&tmp.0.join("profile"));
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=funnel-table]", Duration::from_secs(60))
        .unwrap();

    for stage in STAGES {
        let shown = digits(
            &s.text(&format!("[data-testid=stage-count-{stage}]"))
                .unwrap(),
        );
        assert_eq!(
            shown,
            summary["stages"][stage].as_u64().unwrap(),
            "funnel count of {stage}"
        );
    }
    assert_eq!(
        digits(&s.text("[data-testid=kpi-customers] .value").unwrap()),
        summary["customers"].as_u64().unwrap()
    );
    assert_eq!(
        digits(&s.text("[data-testid=kpi-orders] .value").unwrap()),
        summary["orders"].as_u64().unwrap()
    );
    // F2 (issue #14): the card shows the CLI's rate and its counts.
    let f2 = &summary["f2"];
    let f2_text = s.text("[data-testid=kpi-f2]").unwrap();
    assert!(
        f2_text.contains(&format!("{:.1}%", f2["rate"].as_f64().unwrap() * 100.0)),
        "{f2_text}"
    );
    assert!(
        f2_text.contains(&format!(
            "{} / {}",
            thousands(f2["converted"].as_u64().unwrap()),
            thousands(f2["eligible"].as_u64().unwrap())
        )),
        "{f2_text}"
    );
    // The plotters SVG names each stage with its count, in the bundled font.
    let svg = s
        .execute(
            "return document.querySelector('[data-testid=funnel-chart] svg').outerHTML",
            vec![],
        )
        .unwrap();
    let svg = svg.as_str().unwrap();
    let observer = summary["stages"]["observer"].as_u64().unwrap();
    assert!(
        svg.contains(&format!("{}人", thousands(observer))),
        "SVG shows the 観測 count"
    );
    assert!(svg.contains("IPAexGothic"));
    // 前月比: each card's change since the same day a month before, as
    // `horetsu summary --as-of` that day counts it.
    let as_of =
        chrono::NaiveDate::parse_from_str(summary["as_of"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let before = as_of
        .checked_sub_months(chrono::Months::new(1))
        .unwrap()
        .to_string();
    let then: Value = serde_json::from_str(&cli(&[
        "summary",
        "--db",
        db.to_str().unwrap(),
        "--as-of",
        &before,
        "--json",
    ]))
    .unwrap();
    s.wait_for("[data-testid=kpi-delta-orders]", Duration::from_secs(30))
        .unwrap();
    let orders_delta = summary["orders"].as_u64().unwrap() - then["orders"].as_u64().unwrap();
    assert_eq!(
        s.text("[data-testid=kpi-delta-orders]").unwrap(),
        format!("前月比 +{}", thousands(orders_delta))
    );
    let ltv_pt = (summary["ltv"]["share"].as_f64().unwrap()
        - then["ltv"]["share"].as_f64().unwrap())
        * 100.0;
    let ltv_text = s.text("[data-testid=kpi-delta-ltv-bar]").unwrap();
    if ltv_pt.abs() >= 0.05 {
        assert!(
            ltv_text.ends_with(&format!(
                "{}{:.1}pt",
                if ltv_pt > 0.0 { "+" } else { "−" },
                ltv_pt.abs()
            )),
            "{ltv_text} vs {ltv_pt}"
        );
    } else {
        assert!(ltv_text.ends_with("±0"), "{ltv_text}");
    }
    // `horetsu demo` makes a demo workspace, and the window says so.
    assert_eq!(s.text("[data-testid=demo-badge]").unwrap(), "デモ");
    s.screenshot(&screenshot_dir().join("dashboard-ja.png"))
        .unwrap();

    // Switch to English: labels change, figures stay.
    s.click("[data-testid=lang-en]").unwrap();
    s.wait_until(
        "English labels",
        "return document.querySelector('[data-testid=kpi-customers] .label').firstChild.textContent === 'Customers'",
        Duration::from_secs(20),
    )
    .unwrap();
    assert!(s
        .text("[data-testid=funnel-table]")
        .unwrap()
        .contains("Observer"));
    assert_eq!(
        digits(&s.text("[data-testid=stage-count-circulation]").unwrap()),
        summary["stages"]["circulation"].as_u64().unwrap()
    );
    s.screenshot(&screenshot_dir().join("dashboard-en.png"))
        .unwrap();

    // A new analysis date recomputes without a re-import.
    let earlier: Value = serde_json::from_str(&cli(&[
        "summary",
        "--db",
        db.to_str().unwrap(),
        "--json",
        "--as-of",
        "2025-01-31",
    ]))
    .unwrap();
    s.execute(
        "const i = document.querySelector('[data-testid=as-of]'); \
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; \
         set.call(i, '2025-01-31'); i.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .unwrap();
    let want = thousands(earlier["customers"].as_u64().unwrap());
    s.wait_until(
        "the customers at 2025-01-31",
        &format!("return document.querySelector('[data-testid=kpi-customers] .value').textContent === '{want}'"),
        Duration::from_secs(20),
    )
    .unwrap();
    // Each card opens its screen: the NPS card opens NPS, at the same analysis date.
    s.click("[data-testid=kpi-nps]").unwrap();
    s.wait_for("[data-testid=nps-screen]", Duration::from_secs(60))
        .unwrap();
    s.end();
}

#[test]
fn the_first_start_on_a_fresh_profile_opens_the_demo_marked_as_demo() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("first-start");
    let profile = tmp.0.join("profile");
    let driver = Driver::start(&profile);
    let s = driver.session(&[]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(120))
        .unwrap();
    assert_eq!(s.text("[data-testid=demo-badge]").unwrap(), "デモ");
    assert!(s
        .text("[data-testid=demo-notice]")
        .unwrap()
        .contains("デモ"));
    assert!(s
        .text("[data-testid=workspace-name]")
        .unwrap()
        .contains("ひだまり茶舗"));
    let customers = digits(&s.text("[data-testid=kpi-customers] .value").unwrap());
    assert_eq!(customers, 3000);
    // The buttons to leave the demo for a real workspace are there.
    assert!(s
        .text("[data-testid=new-workspace]")
        .unwrap()
        .contains("新規作成"));
    assert!(s
        .text("[data-testid=open-workspace]")
        .unwrap()
        .contains("開く"));
    s.screenshot(&screenshot_dir().join("first-start-demo.png"))
        .unwrap();
    s.end();
    drop(driver);
    // The demo lives in the profile and is remembered as a recent file.
    assert!(profile.join("demo.horetsu").exists());
    let recent = std::fs::read_to_string(profile.join("profile.json")).unwrap();
    assert!(recent.contains("demo.horetsu"));
}

#[test]
fn a_second_launch_hands_its_workspace_to_the_running_window() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("second-launch");
    let first = tmp.0.join("first.horetsu");
    let second = tmp.0.join("second.horetsu");
    for (db, customers) in [(&first, "300"), (&second, "450")] {
        cli(&[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--customers",
            customers,
        ]);
    }
    let count = |db: &Path| -> String {
        let s: Value =
            serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"]))
                .unwrap();
        thousands(s["customers"].as_u64().unwrap())
    };
    let profile = tmp.0.join("profile");
    let driver = Driver::start(&profile);
    let s = driver.session(&["--workspace".into(), first.display().to_string()]);
    let shows = |want: &str, what: &str| {
        s.wait_until(
            what,
            &format!("return document.querySelector('[data-testid=kpi-customers] .value')?.textContent === '{want}'"),
            Duration::from_secs(60),
        )
        .unwrap();
    };
    shows(&count(&first), "the first workspace");

    // As a file manager starts the app with a double-clicked workspace.
    let mut later = Command::new(app_binary())
        .arg(&second)
        .env("HORETSU_PROFILE_DIR", &profile)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = later.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second launch kept running instead of handing over"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    shows(
        &count(&second),
        "the handed-over workspace in the running window",
    );
    s.screenshot(&screenshot_dir().join("second-launch.png"))
        .unwrap();
    s.end();
}
