//! Analysis benchmark: the whole analysis behind `horetsu summary` and
//! `horetsu customers` (per-customer analysis, CLV fit and predictions, every
//! KPI, monthly stage snapshots), in process, on a workspace file.
//!
//! `cargo run --release -p horetsu-core --example bench_analysis -- WORKSPACE [RUNS]`
//! `... -- --cdnow ../shared/data/cdnow/cdnow_customers_summary.csv [RUNS]` times the BG/NBD fit.

use std::time::Instant;

use horetsu_core::analytics::{clv, report};
use horetsu_core::plan::{actions, playbook};
use horetsu_core::{store, Workspace};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    if args.get(1).map(String::as_str) == Some("--cdnow") {
        let text = std::fs::read_to_string(args.get(2).expect("path")).expect("read");
        let data: Vec<clv::RepeatSummary> = text
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<f64> = l
                    .split(',')
                    .skip(1)
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (f.len() == 3).then(|| clv::RepeatSummary::new(f[0], f[1], f[2]))
            })
            .collect();
        let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(21);
        let mut times = Vec::new();
        let mut fit = None;
        for _ in 0..runs {
            let t = Instant::now();
            fit = Some(clv::fit_bgnbd(&data).expect("fit"));
            times.push(t.elapsed().as_secs_f64());
        }
        let p = fit.expect("fit");
        println!(
            "{{\"what\": \"bgnbd_fit_cdnow\", \"customers\": {}, \"median_ms\": {:.3}, \"r\": {:.4}, \"alpha\": {:.4}, \"a\": {:.4}, \"b\": {:.4}, \"ll\": {:.2}}}",
            data.len(),
            median(times) * 1e3,
            p.r,
            p.alpha,
            p.a,
            p.b,
            p.log_likelihood
        );
        return;
    }
    let path =
        std::path::PathBuf::from(args.get(1).expect("usage: bench_analysis WORKSPACE [RUNS]"));
    let ws = Workspace::open(&path).expect("workspace");
    let settings = ws.with_conn(store::settings::analysis).expect("settings");
    let t = Instant::now();
    let ds = ws.with_conn(store::dataset::load).expect("load");
    let load_s = t.elapsed().as_secs_f64();
    let as_of = ds.default_as_of().expect("orders");
    let mut times = Vec::new();
    let mut customers = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let built = report::build(&ds, &settings, as_of);
        customers = built.report.customers;
        std::hint::black_box(&built);
        times.push(t.elapsed().as_secs_f64());
    }
    // The plan over every customer (issue #14: phase, 後見人, milestones),
    // from the analysis, the playbook and the contact log.
    let built = report::build(&ds, &settings, as_of);
    let playbook = ws.with_conn(playbook::load).expect("playbook");
    let history = ws
        .with_conn(|c| {
            Ok(actions::ContactHistory::from_rows(
                &ds,
                as_of,
                &store::contacts::all(c)?,
                &store::contacts::statuses(c)?,
            ))
        })
        .expect("contacts");
    let ctx = actions::PlanContext {
        phase: built.report.referrals.phase.phase,
        window_days: settings.retention_window_days,
        holdout: actions::Holdout {
            seed: 1,
            share: settings.holdout_share,
        },
    };
    let mut plan_times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let plan = actions::plan(&ds, &built.analysis, &playbook, &history, &ctx);
        std::hint::black_box(&plan);
        plan_times.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{{\"what\": \"analysis\", \"workspace\": \"{}\", \"customers\": {customers}, \"orders\": {}, \"load_s\": {load_s:.3}, \"analysis_median_s\": {:.3}, \"plan_median_s\": {:.3}, \"runs\": {runs}}}",
        path.display(),
        ds.orders.len(),
        median(times),
        median(plan_times)
    );
}
