//! Charts to read from a chair and from a projector (issue #17, item 6): at
//! 1,280 × 800 every chart's text is at least 12 px on screen as the webview
//! scales the SVG into its panel, larger still in presentation mode, and no
//! text sticks out of its chart; a KPI card's figure never overflows its card.

use super::*;

/// The smallest on-screen text size in the app window (CSS px).
const MIN_PX: f64 = 12.0;

/// Every `<text>` of every drawn chart on the screen: its chart, its words,
/// its size on screen (the font size in the SVG's units times the SVG's
/// scale on screen, so rotated axis titles count too) and whether it lies
/// inside the chart's drawing (its viewBox as shown: the SVG element can be
/// wider than that, and the workbook's PNG is the viewBox only).
const CHART_TEXT: &str = r#"
const out = [];
for (const chart of document.querySelectorAll('.chart')) {
  const svg = chart.querySelector('svg');
  if (!svg) continue;
  const element = svg.getBoundingClientRect();
  if (element.width === 0 || element.height === 0) continue;
  const vb = svg.viewBox.baseVal;
  const ctm = svg.getScreenCTM();
  const a = new DOMPoint(vb.x, vb.y).matrixTransform(ctm);
  const b = new DOMPoint(vb.x + vb.width, vb.y + vb.height).matrixTransform(ctm);
  const box = { left: Math.max(a.x, element.left), top: Math.max(a.y, element.top), right: Math.min(b.x, element.right), bottom: Math.min(b.y, element.bottom) };
  for (const t of svg.querySelectorAll('text')) {
    const words = t.textContent.trim();
    if (!words) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    const r = t.getBoundingClientRect();
    const inside = r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    out.push({ chart: chart.dataset.testid, words, px, inside, rect: [r.left, r.top, r.right, r.bottom] });
  }
}
return out;
"#;

#[derive(Debug, Clone)]
struct Label {
    chart: String,
    words: String,
    px: f64,
    inside: bool,
    rect: [f64; 4],
}

fn chart_text(s: &Session) -> Vec<Label> {
    let v = s.execute(CHART_TEXT, vec![]).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| Label {
            chart: t["chart"].as_str().unwrap_or("?").to_string(),
            words: t["words"].as_str().unwrap().to_string(),
            px: t["px"].as_f64().unwrap(),
            inside: t["inside"].as_bool().unwrap(),
            rect: std::array::from_fn(|k| t["rect"][k].as_f64().unwrap()),
        })
        .collect()
}

/// Two labels of one chart drawn over each other (more than a sliver).
fn overlaps(labels: &[Label]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if a.chart != b.chart {
                continue;
            }
            let w = a.rect[2].min(b.rect[2]) - a.rect[0].max(b.rect[0]);
            let h = a.rect[3].min(b.rect[3]) - a.rect[1].max(b.rect[1]);
            let smaller = ((a.rect[2] - a.rect[0]) * (a.rect[3] - a.rect[1]))
                .min((b.rect[2] - b.rect[0]) * (b.rect[3] - b.rect[1]));
            if w > 0.0 && h > 0.0 && w * h > 0.2 * smaller {
                out.push(format!("{}: {:?} over {:?}", a.chart, a.words, b.words));
            }
        }
    }
    out
}

/// The smallest text of each chart on the screen, after checking that every
/// text is at least `MIN_PX`, inside its chart and clear of the others.
fn check_charts(s: &Session, screen: &str, expected: &[&str]) -> Vec<(String, f64)> {
    let labels = chart_text(s);
    let mut smallest: Vec<(String, f64)> = Vec::new();
    for l in &labels {
        match smallest.iter_mut().find(|(c, _)| *c == l.chart) {
            Some((_, px)) => *px = px.min(l.px),
            None => smallest.push((l.chart.clone(), l.px)),
        }
    }
    for chart in expected {
        assert!(
            smallest.iter().any(|(c, _)| c == chart),
            "{screen}: no text in chart {chart}: {smallest:?}"
        );
    }
    let small: Vec<String> = labels
        .iter()
        .filter(|l| l.px < MIN_PX)
        .map(|l| format!("{} {:?} {:.1}px", l.chart, l.words, l.px))
        .collect();
    assert!(
        small.is_empty(),
        "{screen}: chart text under {MIN_PX}px on screen: {small:#?}"
    );
    let outside: Vec<String> = labels
        .iter()
        .filter(|l| !l.inside)
        .map(|l| format!("{} {:?} {:?}", l.chart, l.words, l.rect))
        .collect();
    assert!(
        outside.is_empty(),
        "{screen}: chart text cut off at the chart's edge: {outside:#?}"
    );
    let over = overlaps(&labels);
    assert!(over.is_empty(), "{screen}: chart text overlaps: {over:#?}");
    eprintln!("{screen}: smallest chart text {smallest:?}");
    smallest
}

/// Scrolls the panel holding `css` to the top of the window.
fn scroll_to(s: &Session, css: &str) {
    s.execute(
        "const e = document.querySelector(arguments[0]); (e.closest('.panel') ?? e).scrollIntoView({ block: 'start' })",
        vec![Value::from(css)],
    )
    .unwrap();
}

/// Opens a screen from the sidebar. In presentation mode the sidebar is
/// hidden but still in the DOM, so its button is clicked by script.
fn open(s: &Session, nav: &str, ready: &str) {
    s.execute(
        "document.querySelector(arguments[0]).click()",
        vec![Value::from(format!("[data-testid={nav}]"))],
    )
    .unwrap();
    s.wait_for(ready, Duration::from_secs(60)).unwrap();
}

/// The screens with charts, and the charts each must show.
const SCREENS: [(&str, &str, &[&str]); 7] = [
    (
        "nav-home",
        "[data-testid=funnel-chart] svg",
        &["funnel-chart"],
    ),
    (
        "nav-stages",
        "[data-testid=f2-chart] svg",
        &[
            "stages-funnel",
            "stages-heatmap",
            "stages-trend",
            "f2-chart",
        ],
    ),
    (
        "nav-referrals",
        "[data-testid=active-trend] svg",
        &["referral-trend", "active-trend"],
    ),
    (
        "nav-points",
        "[data-testid=quadrant-chart] svg",
        &["quadrant-chart"],
    ),
    (
        "nav-nps",
        "[data-testid=nps-distribution] svg",
        &["nps-trend", "nps-distribution"],
    ),
    ("nav-prediction", "[data-testid=cohorts] svg", &["cohorts"]),
    (
        "nav-effect",
        "[data-testid=effect-chart] svg",
        &["effect-chart"],
    ),
];

/// Every card figure on the screen fits its card.
fn check_cards(s: &Session, screen: &str) {
    let over = s
        .execute(
            "return [...document.querySelectorAll('.card .value')].filter(e => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > e.closest('.card').getBoundingClientRect().right).map(e => e.textContent + ' ' + e.scrollWidth + '>' + e.clientWidth)",
            vec![],
        )
        .unwrap();
    assert_eq!(
        over.as_array().unwrap().len(),
        0,
        "{screen}: card figures overflow their cards: {over}"
    );
}

#[test]
fn chart_text_is_12px_or_more_at_1280x800_and_larger_when_presenting() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("charts");
    let db = tmp.0.join("shop.horetsu");
    cli(&["demo", "--db", db.to_str().unwrap()]);

    let driver = Driver::start(&tmp.0.join("profile"));
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=funnel-chart] svg", Duration::from_secs(60))
        .unwrap();
    let size = s
        .execute("return [window.innerWidth, window.innerHeight]", vec![])
        .unwrap();
    eprintln!("window {size}");
    assert!(
        size[0].as_f64().unwrap() <= 1280.0,
        "the window is the 1,280 × 800 one: {size}"
    );

    // Normal mode, in Japanese.
    let mut normal: Vec<(String, f64)> = Vec::new();
    for (nav, ready, charts) in SCREENS {
        open(&s, nav, ready);
        if nav == "nav-effect" {
            s.wait_until(
                "the first campaign's chart",
                "return !!document.querySelector('[data-testid=effect-chart] svg text')",
                Duration::from_secs(30),
            )
            .unwrap();
        }
        normal.extend(check_charts(&s, nav, charts));
        check_cards(&s, nav);
        let shot = match nav {
            "nav-home" => {
                scroll_to(&s, "[data-testid=funnel-chart]");
                Some("charts-funnel.png")
            }
            "nav-stages" => {
                scroll_to(&s, "[data-testid=stages-heatmap]");
                Some("charts-heatmap.png")
            }
            "nav-points" => {
                scroll_to(&s, "[data-testid=quadrant-chart]");
                Some("charts-quadrant.png")
            }
            "nav-prediction" => {
                scroll_to(&s, "[data-testid=cohorts]");
                Some("charts-cohorts.png")
            }
            "nav-effect" => {
                scroll_to(&s, "[data-testid=effect-chart]");
                Some("charts-effect.png")
            }
            _ => None,
        };
        if let Some(name) = shot {
            s.screenshot(&screenshot_dir().join(name)).unwrap();
        }
    }
    // The axes say what they are.
    open(&s, "nav-stages", "[data-testid=stages-heatmap] svg");
    let heatmap = s.text("[data-testid=stages-heatmap]").unwrap();
    let heatmap_svg = s
        .execute(
            "return document.querySelector('[data-testid=stages-heatmap] svg').textContent",
            vec![],
        )
        .unwrap();
    let heatmap_svg = heatmap_svg.as_str().unwrap();
    assert!(
        heatmap_svg.contains("最近の購入") && heatmap_svg.contains("購入回数"),
        "{heatmap}"
    );
    open(&s, "nav-points", "[data-testid=quadrant-chart] svg");
    let quadrant = s
        .execute(
            "return document.querySelector('[data-testid=quadrant-chart] svg').textContent",
            vec![],
        )
        .unwrap();
    assert!(
        quadrant.as_str().unwrap().contains("平方根目盛"),
        "{quadrant}"
    );
    // The cohort lines have a key: each line's first-purchase month.
    open(&s, "nav-prediction", "[data-testid=cohorts] svg");
    let cohorts = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=cohorts] svg text')].map(t => t.textContent.trim())",
            vec![],
        )
        .unwrap();
    let cohorts: Vec<&str> = cohorts
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let key = cohorts
        .iter()
        .position(|t| *t == "初回購入月")
        .unwrap_or_else(|| panic!("no key: {cohorts:?}"));
    assert!(
        cohorts[key + 1..]
            .iter()
            .take(2)
            .all(|t| t.len() == 7 && t.starts_with("20")),
        "{cohorts:?}"
    );

    // Presentation mode: the same screens, every chart's text larger, and
    // every card figure inside its card.
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
    for (nav, ready, charts) in SCREENS {
        open(&s, nav, ready);
        if nav == "nav-effect" {
            s.wait_until(
                "the first campaign's chart",
                "return !!document.querySelector('[data-testid=effect-chart] svg text')",
                Duration::from_secs(30),
            )
            .unwrap();
        }
        for (chart, px) in check_charts(&s, &format!("{nav} (presentation)"), charts) {
            let before = normal
                .iter()
                .find(|(c, _)| *c == chart)
                .map(|(_, px)| *px)
                .unwrap_or(f64::INFINITY);
            assert!(
                px > before * 1.1,
                "{chart}: presentation text {px:.1}px is not larger than {before:.1}px"
            );
        }
        check_cards(&s, &format!("{nav} (presentation)"));
        match nav {
            "nav-home" => {
                s.execute("document.querySelector('.content').scrollTo(0, 0)", vec![])
                    .unwrap();
                s.screenshot(&screenshot_dir().join("charts-presentation-dashboard.png"))
                    .unwrap();
                // A card narrower than its figure (here: the content 720 px
                // wide; a bigger shop's ¥1,234,567,890 in the 960 px window
                // does the same) shows the revenue in 万, with the exact
                // figure as the card's tooltip, and back when there is room.
                let value = "document.querySelector('[data-testid=kpi-revenue] .value')";
                let revenue = s.text("[data-testid=kpi-revenue] .value").unwrap();
                assert!(
                    revenue.starts_with('¥') && revenue.contains(','),
                    "{revenue}"
                );
                s.execute(
                    "document.querySelector('.content > section').style.maxWidth = '720px'",
                    vec![],
                )
                .unwrap();
                s.wait_until(
                    "the revenue in 万",
                    &format!("return /^¥[0-9,.]+(万|億)$/.test({value}.textContent)"),
                    Duration::from_secs(10),
                )
                .unwrap();
                let title = s.execute(&format!("return {value}.title"), vec![]).unwrap();
                assert_eq!(title.as_str().unwrap(), revenue);
                check_cards(&s, "nav-home (presentation, 720 px)");
                s.screenshot(&screenshot_dir().join("charts-presentation-dashboard-narrow.png"))
                    .unwrap();
                s.execute(
                    "document.querySelector('.content > section').style.maxWidth = ''",
                    vec![],
                )
                .unwrap();
                s.wait_until(
                    "the full revenue again",
                    &format!("return {value}.textContent === '{revenue}' && {value}.title === ''"),
                    Duration::from_secs(10),
                )
                .unwrap();
            }
            "nav-stages" => {
                scroll_to(&s, "[data-testid=stages-heatmap]");
                s.screenshot(&screenshot_dir().join("charts-presentation-heatmap.png"))
                    .unwrap();
            }
            "nav-prediction" => {
                scroll_to(&s, "[data-testid=cohorts]");
                s.screenshot(&screenshot_dir().join("charts-presentation-cohorts.png"))
                    .unwrap();
            }
            "nav-points" => {
                scroll_to(&s, "[data-testid=quadrant-chart]");
                s.screenshot(&screenshot_dir().join("charts-presentation-quadrant.png"))
                    .unwrap();
            }
            _ => {}
        }
    }
    s.execute(
        "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))",
        vec![],
    )
    .unwrap();

    // English: the same sizes and the axes in English.
    s.click("[data-testid=lang-en]").unwrap();
    for (nav, ready, charts) in SCREENS {
        open(&s, nav, ready);
        if nav == "nav-effect" {
            s.wait_until(
                "the first campaign's chart",
                "return !!document.querySelector('[data-testid=effect-chart] svg text')",
                Duration::from_secs(30),
            )
            .unwrap();
        }
        s.wait_until(
            "English charts",
            "return [...document.querySelectorAll('.chart svg')].every(svg => !/[ぁ-んァ-ン]/.test(svg.textContent))",
            Duration::from_secs(30),
        )
        .unwrap();
        check_charts(&s, &format!("{nav} (en)"), charts);
        check_cards(&s, &format!("{nav} (en)"));
        if nav == "nav-stages" {
            let svg = s
                .execute(
                    "return document.querySelector('[data-testid=stages-heatmap] svg').textContent",
                    vec![],
                )
                .unwrap();
            assert!(svg.as_str().unwrap().contains("recent"), "{svg}");
            scroll_to(&s, "[data-testid=stages-heatmap]");
            s.screenshot(&screenshot_dir().join("charts-heatmap-en.png"))
                .unwrap();
        }
        if nav == "nav-prediction" {
            scroll_to(&s, "[data-testid=cohorts]");
            s.screenshot(&screenshot_dir().join("charts-cohorts-en.png"))
                .unwrap();
        }
    }
    s.end();
}
