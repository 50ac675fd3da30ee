//! Import benchmark: the floors (inflating the sheet XML; visiting every cell
//! with calamine's streaming reader; calamine's `worksheet_range`) and our
//! whole import into a fresh workspace, on the same file.
//!
//! `cargo run --release -p horetsu-core --example bench_import -- MODE FILE [RUNS]`
//! MODE: unzip | cells | fastcells | range | import (`fastcells`: every cell
//! through the import's own xlsx reader). Prints one JSON line with the median
//! wall time. `bench/import.sh` runs every mode under `/usr/bin/time -v` for
//! peak memory, beside the pandas peer.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use calamine::{Reader, Xlsx};
use horetsu_core::import::{Context, ImportOptions, ImportProgress};

fn first_sheet_path(file: &Path) -> String {
    let f = std::fs::File::open(file).expect("open");
    let mut zip = zip::ZipArchive::new(f).expect("zip");
    let mut names: Vec<String> = (0..zip.len())
        .filter_map(|i| {
            zip.by_index(i)
                .ok()
                .and_then(|e| e.name().ok().map(|n| n.to_string()))
        })
        .filter(|n| n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml"))
        .collect();
    names.sort();
    names.into_iter().next().expect("a worksheet")
}

fn unzip(file: &Path) -> u64 {
    let entry = first_sheet_path(file);
    let f = std::fs::File::open(file).expect("open");
    let mut zip = zip::ZipArchive::new(f).expect("zip");
    let mut sheet = zip.by_name(&entry).expect("sheet");
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = sheet.read(&mut buf).expect("inflate");
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    total
}

fn cells(file: &Path) -> u64 {
    let mut wb: Xlsx<_> = calamine::open_workbook(file).expect("open");
    let name = wb.sheet_names()[0].clone();
    let mut reader = wb.worksheet_cells_reader(&name).expect("sheet");
    let mut n = 0u64;
    while let Some(cell) = reader.next_cell().expect("cell") {
        std::hint::black_box(cell.get_value());
        n += 1;
    }
    n
}

/// Every cell of the first sheet through the import's own xlsx reader
/// (horetsu_core::import::xlsx_fast), as the import reads it.
fn fast_cells(file: &Path) -> u64 {
    use horetsu_core::import::source::{Flow, SourceFile, TextOptions, Value};
    let mut source = SourceFile::open(file, TextOptions::default()).expect("open");
    let name = source.sheet_names()[0].clone();
    let mask = vec![true; 64];
    let mut n = 0u64;
    source
        .visit_masked(&name, Some(&mask), |_, _, cells| {
            n += cells.iter().filter(|c| !matches!(c, Value::Empty)).count() as u64;
            std::hint::black_box(cells);
            Ok(Flow::Continue)
        })
        .expect("sheet");
    n
}

fn range(file: &Path) -> u64 {
    let mut wb: Xlsx<_> = calamine::open_workbook(file).expect("open");
    let name = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&name).expect("sheet");
    r.used_cells().count() as u64
}

fn import(file: &Path) -> u64 {
    let dir = std::env::temp_dir().join(format!("horetsu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("bench.horetsu");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let info = horetsu_core::WorkspaceInfo {
        name: "bench".into(),
        is_demo: false,
        created_at: "2026-01-01T00:00:00".into(),
    };
    let ws = horetsu_core::Workspace::create(&db, &info).expect("workspace");
    let cancel = AtomicBool::new(false);
    let progress = |_: ImportProgress| {};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let ctx = Context {
        today,
        now: "2026-11-22T00:00:00",
        cancel: &cancel,
        progress: &progress,
    };
    // Every sheet: big exports span several (Excel stops at 1,048,576 rows).
    let opts = ImportOptions {
        sheet: horetsu_core::import::SheetChoice::All,
        ..ImportOptions::default()
    };
    let report =
        horetsu_core::ops::import_files(&ws, &[file.to_path_buf()], &opts, &ctx).expect("import");
    drop(ws);
    let _ = std::fs::remove_dir_all(&dir);
    report.rows_read
}

/// Writes `rows` order lines in the Online Retail layout, one sheet per
/// million rows (Excel's limit is 1,048,576), with constant memory.
fn generate(rows: u64, out: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let headers = [
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ];
    let mut written = 0u64;
    let mut sheet_no = 0;
    while written < rows {
        sheet_no += 1;
        let ws = wb.add_worksheet_with_constant_memory().expect("sheet");
        ws.set_name(format!("Orders {sheet_no}")).expect("name");
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("header");
        }
        let mut r = 1u32;
        while r <= 1_000_000 && written < rows {
            let invoice = 500_000 + written / 10;
            let customer = 10_000 + (written / 10) % 50_000;
            let serial = 40_000.0 + (written / 10) as f64 * 0.01;
            ws.write_number(r, 0, invoice as f64).expect("cell");
            ws.write_string(r, 1, format!("SKU{}", written % 997))
                .expect("cell");
            ws.write_string(r, 2, format!("PRODUCT {}", written % 997))
                .expect("cell");
            ws.write_number(r, 3, (1 + written % 5) as f64)
                .expect("cell");
            ws.write_number_with_format(r, 4, serial, &date)
                .expect("cell");
            ws.write_number(r, 5, 1.25 + (written % 7) as f64)
                .expect("cell");
            ws.write_number(r, 6, customer as f64).expect("cell");
            ws.write_string(r, 7, "Japan").expect("cell");
            r += 1;
            written += 1;
        }
    }
    wb.save(out).expect("save");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("import");
    if mode == "generate" {
        let rows: u64 = args
            .get(2)
            .and_then(|r| r.parse().ok())
            .expect("usage: bench_import generate ROWS OUT");
        generate(
            rows,
            Path::new(args.get(3).expect("usage: bench_import generate ROWS OUT")),
        );
        return;
    }
    let file = PathBuf::from(args.get(2).expect("usage: bench_import MODE FILE [RUNS]"));
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..runs {
        let t = Instant::now();
        count = match mode {
            "unzip" => unzip(&file),
            "cells" => cells(&file),
            "fastcells" => fast_cells(&file),
            "range" => range(&file),
            "import" => import(&file),
            other => panic!("unknown mode {other}"),
        };
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{{\"mode\": \"{mode}\", \"file\": \"{}\", \"count\": {count}, \"runs\": {runs}, \"median_s\": {median:.3}, \"min_s\": {:.3}}}",
        file.display(),
        times[0]
    );
}
