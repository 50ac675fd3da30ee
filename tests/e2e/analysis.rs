//! The analysis screens against the CLI, and a rule change that re-scores.

use super::*;

#[test]
fn the_analysis_screens_show_the_cli_figures_and_a_rule_change_rescores() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("analysis");
    let db = tmp.0.join("shop.horetsu");
    cli(&["demo", "--db", db.to_str().unwrap(), "--customers", "1500"]);
    let summary: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();

    let driver = Driver::start(&tmp.0.join("profile"));
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(60))
        .unwrap();

    // ステージ: the charts and the stage × segment table, which adds up to the customers.
    s.click("[data-testid=nav-stages]").unwrap();
    s.wait_for("[data-testid=stage-segment]", Duration::from_secs(60))
        .unwrap();
    for chart in ["stages-funnel", "stages-heatmap", "stages-trend"] {
        assert_eq!(
            js_count(&s, &format!("[data-testid={chart}] svg")),
            1,
            "{chart}"
        );
    }
    let total = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=stage-segment] tbody td.num')].reduce((a, e) => a + Number(e.textContent.replace(/,/g, '') || 0), 0)",
            vec![],
        )
        .unwrap();
    assert_eq!(
        total.as_u64().unwrap(),
        summary["customers"].as_u64().unwrap()
    );
    s.execute(
        "const i = document.querySelector('[data-testid=migration-from]'); \
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; \
         set.call(i, '2026-01-31'); i.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .unwrap();
    s.wait_for("[data-testid=migration]", Duration::from_secs(30))
        .unwrap();
    s.screenshot(&screenshot_dir().join("stages.png")).unwrap();
    // F2 by first-purchase month (the last 24 months), as `summary` has it.
    let cohorts = summary["f2"]["cohorts"].as_array().unwrap().len() as u64;
    assert_eq!(
        js_count(&s, "[data-testid=f2-cohorts] tbody tr"),
        cohorts.min(24)
    );
    assert_eq!(js_count(&s, "[data-testid=f2-chart] svg"), 1);
    s.execute(
        "document.querySelector('[data-testid=f2-cohorts]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("stages-f2.png"))
        .unwrap();

    // 紹介: the phase and the leaderboard.
    s.click("[data-testid=nav-referrals]").unwrap();
    s.wait_for("[data-testid=leaderboard]", Duration::from_secs(60))
        .unwrap();
    let phase = summary["referrals"]["phase"]["phase"].as_str().unwrap();
    assert!(s
        .text("[data-testid=phase]")
        .unwrap()
        .contains(if phase == "mid" { "中期" } else { "初期" }));
    s.screenshot(&screenshot_dir().join("referrals.png"))
        .unwrap();
    // The phase text is the editable playbook's, the active rate is split,
    // and the 後見人 pairs and the newcomer funnel (issue #14) are shown.
    let guidance = s.text("[data-testid=phase-guidance]").unwrap();
    assert!(
        guidance.starts_with(if phase == "mid" {
            "中期: 90日で居場所・役割・変化"
        } else {
            "初期:"
        }),
        "{guidance}"
    );
    assert!(s.text("[data-testid=active-split]").unwrap().contains('%'));
    assert!(js_count(&s, "[data-testid=guardian-pair]") > 0);
    let referred_cohort = summary["milestones"]["referred"]["cohort"]
        .as_u64()
        .unwrap();
    assert!(s
        .text("[data-testid=milestones-referred]")
        .unwrap()
        .contains(&thousands(referred_cohort)));
    s.execute(
        "document.querySelector('[data-testid=milestone-funnel]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("referrals-guardians.png"))
        .unwrap();
    // A referrer's page names the newcomer they guard, both ways: the next
    // step is the 後見人 step, or the newcomer is listed with their day.
    s.execute(
        "document.querySelector('[data-testid=guardian-pair] button').click()",
        vec![],
    )
    .unwrap();
    s.wait_for("[data-testid=customer-page]", Duration::from_secs(60))
        .unwrap();
    assert!(js_count(&s, "[data-testid=customer-guarded]") >= 1);
    let next = s.text("[data-testid=customer-next-action]").unwrap();
    if next.contains("後見人として") {
        assert!(s
            .text("[data-testid=customer-related]")
            .unwrap()
            .starts_with("ご紹介の方"));
    }
    s.screenshot(&screenshot_dir().join("customer-guardian.png"))
        .unwrap();
    s.click("[data-testid=nav-referrals]").unwrap();
    s.wait_for("[data-testid=leaderboard]", Duration::from_secs(60))
        .unwrap();

    // The referral tree: search a third-generation customer, and click through to them.
    let customers: Vec<Value> =
        serde_json::from_str(&cli(&["customers", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    let referrer_of = |key: &str| {
        customers
            .iter()
            .find(|c| c["customer_key"] == key)
            .and_then(|c| c["referrer_key"].as_str().map(str::to_string))
    };
    let deep = customers
        .iter()
        .filter_map(|c| c["customer_key"].as_str())
        .find(|k| referrer_of(k).and_then(|p| referrer_of(&p)).is_some())
        .expect("a third-generation customer in the demo")
        .to_string();
    s.wait_for("[data-testid=tree-row]", Duration::from_secs(60))
        .unwrap();
    set_input(&s, "[data-testid=tree-search]", &deep);
    s.wait_until(
        "the hit in the tree",
        "return document.querySelectorAll('[data-testid=tree-row].hit').length >= 1",
        Duration::from_secs(20),
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("referral-tree.png"))
        .unwrap();
    s.execute(
        "[...document.querySelectorAll('[data-testid=tree-row].hit')].find(r => r.textContent.includes(arguments[0])).querySelector('[data-testid=tree-open]').click()",
        vec![Value::from(deep.clone())],
    )
    .unwrap();
    s.wait_for("[data-testid=customer-page]", Duration::from_secs(60))
        .unwrap();
    assert!(s
        .execute(
            "return document.querySelector('[data-testid=customer-page]').textContent",
            vec![]
        )
        .unwrap()
        .as_str()
        .unwrap()
        .contains(&deep));

    // Presentation mode: the content only; Esc brings the window back.
    s.execute(
        "document.querySelector('[data-testid=presentation]').click()",
        vec![],
    )
    .unwrap();
    s.wait_until(
        "no chrome",
        "return getComputedStyle(document.querySelector('.sidebar')).display === 'none'",
        Duration::from_secs(10),
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("presentation.png"))
        .unwrap();
    s.execute(
        "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))",
        vec![],
    )
    .unwrap();
    s.wait_until(
        "the chrome back",
        "return getComputedStyle(document.querySelector('.sidebar')).display !== 'none'",
        Duration::from_secs(10),
    )
    .unwrap();

    // NPS: the trend, and comments filtered to detractors are all 0–6.
    s.click("[data-testid=nav-nps]").unwrap();
    s.wait_for("[data-testid=nps-trend] svg", Duration::from_secs(60))
        .unwrap();
    s.wait_for("[data-testid=nps-comments] li", Duration::from_secs(30))
        .unwrap();
    s.click("[data-testid=nps-group-detractor]").unwrap();
    s.wait_until(
        "only detractors' comments",
        "const b = [...document.querySelectorAll('[data-testid=nps-comments] li b')]; return b.length > 0 && b.every(e => Number(e.textContent) <= 6)",
        Duration::from_secs(30),
    )
    .unwrap();
    let scores = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=nps-comments] li b')].map(e => Number(e.textContent))",
            vec![],
        )
        .unwrap();
    let scores = scores.as_array().unwrap();
    assert!(
        !scores.is_empty() && scores.iter().all(|v| v.as_u64().unwrap() <= 6),
        "{scores:?}"
    );
    s.screenshot(&screenshot_dir().join("nps.png")).unwrap();

    // 予測: the churn-risk count is the CLI's.
    s.click("[data-testid=nav-prediction]").unwrap();
    s.wait_for("[data-testid=churn-list]", Duration::from_secs(60))
        .unwrap();
    assert_eq!(
        digits(&s.text("[data-testid=churn-count]").unwrap()),
        summary["clv"]["churn_risk_count"].as_u64().unwrap()
    );
    assert!(!s.text("[data-testid=fit-note]").unwrap().is_empty());
    s.screenshot(&screenshot_dir().join("prediction.png"))
        .unwrap();

    // ポイント: a review is worth 10 more points; saving re-scores without a re-import.
    s.click("[data-testid=nav-points]").unwrap();
    s.wait_for(
        "[data-testid=total-support-points]",
        Duration::from_secs(60),
    )
    .unwrap();
    let before = digits(&s.text("[data-testid=total-support-points]").unwrap());
    assert_eq!(
        before,
        summary["points"]["support_points"].as_u64().unwrap()
    );
    // The rules editor loads on its own, after the figures.
    s.wait_for("[data-testid=rule-review-points]", Duration::from_secs(30))
        .unwrap();
    let review = s
        .execute(
            "return Number(document.querySelector('[data-testid=rule-review-points]').value)",
            vec![],
        )
        .unwrap()
        .as_u64()
        .unwrap();
    set_input(
        &s,
        "[data-testid=rule-review-points]",
        &(review + 10).to_string(),
    );
    s.click("[data-testid=rules-save]").unwrap();
    s.wait_for("[data-testid=rules-message]", Duration::from_secs(30))
        .unwrap();
    let after: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    let want = after["points"]["support_points"].as_u64().unwrap();
    assert!(want > before, "the CLI sees the new rule");
    s.wait_until(
        "the re-scored total",
        &format!("return document.querySelector('[data-testid=total-support-points]')?.textContent === '{}'", thousands(want)),
        Duration::from_secs(30),
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("points.png")).unwrap();
    // The reach × depth map (binned, with the quadrant thresholds).
    s.wait_for("[data-testid=quadrant-chart] svg", Duration::from_secs(20))
        .unwrap();
    s.execute(
        "document.querySelector('[data-testid=quadrant-chart]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("points-quadrant.png"))
        .unwrap();

    // 設定: a new LTV bar is stored and the dashboard follows it.
    s.click("[data-testid=nav-settings]").unwrap();
    s.wait_for(
        "[data-testid=setting-targets\\.ltv_amount]",
        Duration::from_secs(30),
    )
    .unwrap();
    set_input(&s, "[data-testid=setting-targets\\.ltv_amount]", "30000");
    // A share is typed as a percentage: 2000 is refused with the range (and
    // Save waits), 25 is 25 %.
    let referral = "[data-testid=\"setting-targets.referral_rate\"]";
    assert_eq!(
        s.execute(
            &format!("return document.querySelector('{referral}').value"),
            vec![]
        )
        .unwrap(),
        "20"
    );
    set_input(&s, referral, "2000");
    assert!(s
        .text("[data-testid=\"setting-error-targets.referral_rate\"]")
        .unwrap()
        .contains("0%〜100%"));
    assert_eq!(
        s.execute(
            "return document.querySelector('[data-testid=settings-save]').disabled",
            vec![]
        )
        .unwrap(),
        true
    );
    s.screenshot(&screenshot_dir().join("settings-invalid.png"))
        .unwrap();
    set_input(&s, referral, "25");
    s.click("[data-testid=settings-save]").unwrap();
    s.wait_for("[data-testid=settings-message]", Duration::from_secs(30))
        .unwrap();
    let stored: Value =
        serde_json::from_str(&cli(&["summary", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(stored["ltv"]["bar_amount"].as_f64().unwrap(), 30000.0);
    assert_eq!(stored["referrals"]["rate_target"].as_f64().unwrap(), 0.25);
    s.screenshot(&screenshot_dir().join("settings.png"))
        .unwrap();
    s.end();
}
