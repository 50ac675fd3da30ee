//! Export benchmark (issue #6): the whole `horetsu export` operation in
//! process (opening the workspace, the analysis, plan, charts, six sheets),
//! repeated, each run on a freshly opened workspace (so no run reuses the
//! analysis snapshot of the one before); then, with
//! `--dump FILE`, the workbook's cells as JSON so that the peer
//! (bench/plan_xlsxwriter.py) writes exactly the same cells.
//!
//! Usage: bench_export WORKSPACE OUT.xlsx RUNS [--dump CELLS.json]

use std::time::Instant;

use calamine::{open_workbook, Data, Reader, Xlsx};
use horetsu_core::{day, ops, Workspace};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: bench_export WORKSPACE OUT.xlsx RUNS [--dump CELLS.json]");
        std::process::exit(2);
    }
    let db = std::path::PathBuf::from(&args[1]);
    let out = std::path::PathBuf::from(&args[2]);
    let runs: usize = args[3].parse().expect("runs");
    let today = day::parse_iso("2026-11-30").unwrap();
    let mut times = Vec::new();
    let mut customers = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let ws = Workspace::open(&db).expect("workspace");
        let s = ops::export_plan(&ws, &out, None, today, "2026-11-30T00:00:00", false, true)
            .expect("export");
        times.push(t.elapsed().as_secs_f64());
        customers = s.customers;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"what\": \"horetsu export in process\", \"customers\": {customers}, \"runs\": {runs}, \"median_s\": {:.3}, \"min_s\": {:.3}}}",
        times[runs / 2],
        times[0]
    );
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let path = &args[i + 1];
        let mut wb: Xlsx<_> = open_workbook(&out).expect("read back");
        let mut sheets = Vec::new();
        let mut cells = 0usize;
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).expect("sheet");
            let rows: Vec<serde_json::Value> = range
                .rows()
                .map(|row| {
                    serde_json::Value::Array(
                        row.iter()
                            .map(|c| {
                                if !matches!(c, Data::Empty) {
                                    cells += 1;
                                }
                                match c {
                                    Data::Empty => serde_json::Value::Null,
                                    Data::String(s) => serde_json::json!(["s", s]),
                                    Data::Float(f) => serde_json::json!(["n", f]),
                                    Data::Int(n) => serde_json::json!(["n", *n as f64]),
                                    Data::DateTime(d) => serde_json::json!(["d", d.as_f64()]),
                                    other => serde_json::json!(["s", other.to_string()]),
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
            sheets.push(serde_json::json!({"name": name, "rows": rows}));
        }
        std::fs::write(path, serde_json::to_vec(&sheets).unwrap()).expect("dump");
        eprintln!("dumped {cells} cells");
    }
}
