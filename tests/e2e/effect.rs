//! 効果測定 (issue #15): the demo shop's campaigns against their holdouts, as
//! `horetsu effect` measures them, in the real window.

use super::*;

#[test]
fn the_effect_screen_shows_each_campaign_with_its_verdict_as_the_cli_does() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("effect");
    let db = tmp.0.join("shop.horetsu");
    cli(&["demo", "--db", db.to_str().unwrap()]);
    let effect: Value =
        serde_json::from_str(&cli(&["effect", "--db", db.to_str().unwrap(), "--json"])).unwrap();
    let campaigns = effect["campaigns"].as_array().unwrap();

    let driver = Driver::start(&tmp.0.join("profile"));
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(60))
        .unwrap();
    s.click("[data-testid=nav-effect]").unwrap();
    s.wait_for("[data-testid=effect-campaign]", Duration::from_secs(60))
        .unwrap();
    assert_eq!(
        js_count(&s, "[data-testid=effect-campaign]"),
        campaigns.len() as u64
    );
    assert_eq!(
        js_count(&s, "[data-testid=effect-chart]"),
        campaigns.len() as u64
    );
    // Charts below the first few are drawn as they scroll into view.
    s.execute(
        "const all = document.querySelectorAll('[data-testid=effect-campaign]'); all[all.length - 1].scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.wait_until(
        "every chart drawn",
        &format!(
            "return document.querySelectorAll('[data-testid=effect-chart] svg').length === {}",
            campaigns.len()
        ),
        Duration::from_secs(20),
    )
    .unwrap();
    s.execute(
        "window.scrollTo(0, 0); document.querySelector('main, .content')?.scrollTo?.(0, 0)",
        vec![],
    )
    .unwrap();
    let verdicts = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=effect-verdict]')].map(e => e.textContent)",
            vec![],
        )
        .unwrap();
    let verdicts: Vec<String> = verdicts
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    for (c, text) in campaigns.iter().zip(&verdicts) {
        let p = &c["outcomes"]["purchase"];
        let word = match p["verdict"].as_str().unwrap() {
            "effective" => "効果あり",
            "inconclusive" => "差は誤差の範囲",
            _ => "判定にはまだ早い",
        };
        assert!(text.contains(word), "{text}");
        let rate = format!("{:.1}%", p["treated_rate"].as_f64().unwrap() * 100.0);
        assert!(text.contains(&rate), "{text} lacks {rate}");
    }
    assert!(verdicts.iter().any(|v| v.contains("効果あり")));
    s.screenshot(&screenshot_dir().join("effect.png")).unwrap();
    // The drill-down: the first campaign's customers, reached and held out.
    s.click("[data-testid=effect-open-customers]").unwrap();
    s.wait_for("[data-testid=effect-customer]", Duration::from_secs(60))
        .unwrap();
    let first = &campaigns[0];
    let everyone = first["treated"].as_u64().unwrap() + first["control"].as_u64().unwrap();
    assert_eq!(
        js_count(&s, "[data-testid=effect-customer]"),
        everyone.min(500)
    );
    s.execute(
        "document.querySelector('[data-testid=effect-customers]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("effect-customers.png"))
        .unwrap();

    // 施策メモ: a dated note becomes marker 1 on the referral-rate chart.
    let trend_svg = |s: &Session| -> String {
        s.execute(
            "return document.querySelector('[data-testid=referral-trend] svg').outerHTML",
            vec![],
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
    };
    s.click("[data-testid=nav-referrals]").unwrap();
    s.wait_for("[data-testid=referral-trend] svg", Duration::from_secs(60))
        .unwrap();
    // plotters writes a text element's content on its own line.
    assert!(
        !trend_svg(&s).contains(">\n1\n</text>"),
        "no marker before a note"
    );
    let active_svg = |s: &Session| -> String {
        s.execute(
            "return document.querySelector('[data-testid=active-trend] svg').outerHTML",
            vec![],
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
    };
    assert!(!active_svg(&s).contains(">\n1\n</text>"));
    s.click("[data-testid=nav-effect]").unwrap();
    s.wait_for("[data-testid=kpi-notes]", Duration::from_secs(60))
        .unwrap();
    s.execute(
        "const i = document.querySelector('[data-testid=kpi-note-day]'); \
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; \
         set.call(i, '2026/08/01'); i.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .unwrap();
    set_input(&s, "[data-testid=kpi-note-text]", "座談会を月1回に");
    s.wait_until(
        "the add button",
        "return !document.querySelector('[data-testid=kpi-note-add]').disabled",
        Duration::from_secs(10),
    )
    .unwrap();
    s.click("[data-testid=kpi-note-add]").unwrap();
    s.wait_until(
        "the note listed",
        "return document.querySelectorAll('[data-testid=kpi-note]').length === 1",
        Duration::from_secs(30),
    )
    .unwrap();
    assert!(s
        .text("[data-testid=kpi-note-list]")
        .unwrap()
        .contains("座談会を月1回に"));
    s.click("[data-testid=nav-referrals]").unwrap();
    s.wait_until(
        "the marker on the chart",
        "const e = document.querySelector('[data-testid=referral-trend] svg'); return !!e && e.outerHTML.includes('>\\n1\\n</text>')",
        Duration::from_secs(60),
    )
    .unwrap();
    // The アクティブ率 chart carries the same marker.
    assert!(active_svg(&s).contains(">\n1\n</text>"));
    s.execute(
        "document.querySelector('[data-testid=referral-trend]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("referrals-note.png"))
        .unwrap();
    s.execute(
        "document.querySelector('[data-testid=active-trend]').scrollIntoView({block: 'center'})",
        vec![],
    )
    .unwrap();
    s.screenshot(&screenshot_dir().join("referrals-active-trend.png"))
        .unwrap();
    s.end();
}
