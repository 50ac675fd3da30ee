//! The app's own timings for `bench/app.sh`.

use super::*;

/// The app's own timings (ui/src/perf.ts): start to an interactive dashboard,
/// every screen switch (first visit and return), and frame times while the
/// customers table scrolls. Written to `target/e2e-screenshots/app-timings.json`
/// for `bench/app.sh`, which runs this test on a 100,000-customer workspace
/// (`HORETSU_BENCH_WORKSPACE`) in a release build. Asserts only that every
/// figure was recorded: timings are measured, never asserted.
#[test]
fn the_app_records_its_startup_switch_and_scroll_timings() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = Temp::new("timings");
    let db = match std::env::var_os("HORETSU_BENCH_WORKSPACE") {
        Some(path) => PathBuf::from(path),
        None => {
            let db = tmp.0.join("shop.horetsu");
            cli(&["demo", "--db", db.to_str().unwrap()]);
            db
        }
    };
    let driver = Driver::start(&tmp.0.join("profile"));
    let started = std::time::Instant::now();
    let s = driver.session(&["--workspace".into(), db.display().to_string()]);
    s.wait_for("[data-testid=kpi-customers]", Duration::from_secs(180))
        .unwrap();
    s.wait_until(
        "the dashboard timing",
        "return !!window.__horetsu && window.__horetsu.dashboard_ms !== null",
        Duration::from_secs(30),
    )
    .unwrap();
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Let the background warm-up of the analysis screens finish, as a user reading the dashboard would.
    std::thread::sleep(Duration::from_secs(3));

    let screens = [
        "customers",
        "stages",
        "referrals",
        "points",
        "nps",
        "prediction",
        "plan",
        "effect",
        "settings",
        "home",
    ];
    for round in 0..2 {
        for screen in screens {
            let before = s
                .execute("return window.__horetsu.switches.length", vec![])
                .unwrap()
                .as_u64()
                .unwrap();
            s.click(&format!("[data-testid=nav-{screen}]")).unwrap();
            s.wait_until(
                &format!("{screen} ready (round {round})"),
                &format!("return window.__horetsu.switches.length > {before}"),
                Duration::from_secs(120),
            )
            .unwrap();
        }
    }

    // Scroll the customers table one screen per frame for 60 frames, after
    // 60 idle frames (the window's own frame rhythm under this display).
    s.click("[data-testid=nav-customers]").unwrap();
    s.wait_for("[data-testid=customer-row]", Duration::from_secs(60))
        .unwrap();
    s.set_script_timeout(Duration::from_secs(180)).unwrap();
    let idle = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; const times = []; let last = performance.now(); let n = 0; \
             function step(now) { times.push(now - last); last = now; if (++n < 60) requestAnimationFrame(step); else done(times); } \
             requestAnimationFrame(step);",
            vec![],
        )
        .unwrap();
    let mut idle: Vec<f64> = idle
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|v| v.as_f64().unwrap())
        .collect();
    idle.sort_by(f64::total_cmp);
    let frames = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const el = document.querySelector('[data-testid=customer-scroller]'); \
             const times = []; let last = performance.now(); let n = 0; \
             function step(now) { times.push(now - last); last = now; el.scrollTop += el.clientHeight; \
               if (++n < 60) requestAnimationFrame(step); else done(times); } \
             requestAnimationFrame(step);",
            vec![],
        )
        .unwrap();
    // The same scrolling in a plain element of the same size with nothing in it:
    // what this display costs per scrolled frame, whatever the app does.
    let plain = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const el = document.createElement('div'); el.style.cssText = 'position:fixed;left:0;top:0;width:1000px;height:480px;overflow:auto;z-index:99;background:#fff'; \
             const inner = document.createElement('div'); inner.style.height = '680000px'; el.appendChild(inner); document.body.appendChild(el); \
             const times = []; let last = performance.now(); let n = 0; \
             function step(now) { times.push(now - last); last = now; el.scrollTop += 100; \
               if (++n < 60) requestAnimationFrame(step); else { el.remove(); done(times); } } \
             requestAnimationFrame(step);",
            vec![],
        )
        .unwrap();
    let mut plain: Vec<f64> = plain
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|v| v.as_f64().unwrap())
        .collect();
    plain.sort_by(f64::total_cmp);
    // Wheel-like scrolling: 100 px per frame, 60 frames.
    let wheel = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const el = document.querySelector('[data-testid=customer-scroller]'); \
             const times = []; let last = performance.now(); let n = 0; \
             function step(now) { times.push(now - last); last = now; el.scrollTop += 100; \
               if (++n < 60) requestAnimationFrame(step); else done(times); } \
             requestAnimationFrame(step);",
            vec![],
        )
        .unwrap();
    let mut wheel: Vec<f64> = wheel
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|v| v.as_f64().unwrap())
        .collect();
    wheel.sort_by(f64::total_cmp);
    let rows_in_dom = js_count(
        &s,
        "[data-testid=customer-row], [data-testid=customer-row-loading]",
    );

    // Opening customers once the snapshot is built: the click to the page with
    // its data (the app's own timing, as for a screen), and the customer_detail
    // answer itself, timed in the page.
    s.execute(
        "document.querySelector('[data-testid=customer-scroller]').scrollTop = 0",
        vec![],
    )
    .unwrap();
    let opened = 8;
    for i in 0..opened {
        s.wait_for("[data-testid=customer-row]", Duration::from_secs(60))
            .unwrap();
        let before = s
            .execute("return window.__horetsu.switches.length", vec![])
            .unwrap()
            .as_u64()
            .unwrap();
        s.execute(
            "document.querySelectorAll('[data-testid=customer-row]')[arguments[0]].click()",
            vec![Value::from(i)],
        )
        .unwrap();
        s.wait_until(
            "a customer page",
            &format!("return window.__horetsu.switches.length > {before}"),
            Duration::from_secs(60),
        )
        .unwrap();
        s.click("[data-testid=customer-back]").unwrap();
    }
    s.wait_for("[data-testid=customer-row]", Duration::from_secs(60))
        .unwrap();
    let answers = s
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const keys = [...document.querySelectorAll('[data-testid=customer-row] [data-testid=customer-key]')].slice(0, 20).map((e) => e.textContent); \
             (async () => { const times = []; \
               for (const key of keys) { const t = performance.now(); \
                 await window.__TAURI_INTERNALS__.invoke('customer_detail', { key, asOf: null, maskPii: false }); \
                 times.push(performance.now() - t); } \
               done(times); })();",
            vec![],
        )
        .unwrap();
    let mut answers: Vec<f64> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    answers.sort_by(f64::total_cmp);
    let timings = s.execute("return window.__horetsu", vec![]).unwrap();
    let customers = digits(&s.text("[data-testid=customer-total]").unwrap());
    s.end();

    let frames: Vec<f64> = frames
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|v| v.as_f64().unwrap())
        .collect();
    let mut sorted = frames.clone();
    sorted.sort_by(f64::total_cmp);
    let out = serde_json::json!({
        "workspace_customers": customers,
        "start_to_dashboard_wall_ms": wall_ms,
        "dashboard_ms_in_webview": timings["dashboard_ms"],
        "switches": timings["switches"],
        "idle_frame_median_ms": idle[idle.len() / 2],
        "wheel_scroll_100px_frame_median_ms": wheel[wheel.len() / 2],
        "empty_scroller_100px_frame_median_ms": plain[plain.len() / 2],
        "wheel_scroll_100px_frame_p95_ms": wheel[wheel.len() * 95 / 100],
        "scroll_frames": frames.len(),
        "scroll_frame_median_ms": sorted[sorted.len() / 2],
        "scroll_frame_p95_ms": sorted[sorted.len() * 95 / 100],
        "scroll_frames_over_33ms": frames.iter().filter(|&&f| f > 33.4).count(),
        "rows_in_dom_after_scrolling": rows_in_dom,
        "customer_detail_answers": answers.len(),
        "customer_detail_answer_median_ms": answers[answers.len() / 2],
        "customer_detail_answer_max_ms": answers[answers.len() - 1],
    });
    std::fs::write(
        screenshot_dir().join("app-timings.json"),
        serde_json::to_string_pretty(&out).unwrap(),
    )
    .unwrap();
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
    assert!(timings["dashboard_ms"].as_f64().unwrap() > 0.0);
    // Two rounds over the screens, the switch to the customers table before
    // scrolling, and each customer opened.
    assert_eq!(
        timings["switches"].as_array().unwrap().len(),
        2 * screens.len() + 1 + opened as usize
    );
    assert_eq!(answers.len(), 20);
    assert_eq!(frames.len(), 59);
    assert!(rows_in_dom < 80, "{rows_in_dom} rows in the DOM");
}
