//! The import's fast `.xlsx` sheet reader (import/xlsx_fast.rs) against
//! calamine's `worksheet_cells_reader`, the reference: on every workbook in
//! the fixtures and samples and on the real Online Retail files, every sheet
//! gives the same rows, with the same row numbers and the same values.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use horetsu_core::import::source::{Flow, SourceFile, TextOptions, Value};

/// Rows, and a digest of every row (number and values) in order; the first
/// rows are kept for a readable failure.
#[derive(Debug, PartialEq)]
struct Read {
    rows: u64,
    digest: u64,
    first: Vec<(u32, Vec<Value<'static>>)>,
}

fn read(path: &Path, sheet: &str, width: usize, fast: bool) -> Result<Read, String> {
    let mut source = SourceFile::open(path, TextOptions::default()).map_err(|e| e.to_string())?;
    if !fast {
        source.calamine_only();
    }
    let mask = vec![true; width];
    let mut out = Read {
        rows: 0,
        digest: 0,
        first: Vec::new(),
    };
    let mut hasher = DefaultHasher::new();
    source
        .visit_masked(sheet, Some(&mask), |_, n, cells| {
            out.rows += 1;
            n.hash(&mut hasher);
            for c in cells {
                format!("{c:?}").hash(&mut hasher);
            }
            if out.first.len() < 20 {
                out.first
                    .push((n, cells.iter().cloned().map(Value::into_owned).collect()));
            }
            Ok(Flow::Continue)
        })
        .map_err(|e| e.to_string())?;
    out.digest = hasher.finish();
    Ok(out)
}

fn same_cells(path: &Path, width: usize) -> usize {
    let source = match SourceFile::open(path, TextOptions::default()) {
        Ok(s) => s,
        // Files calamine cannot open (encrypted, truncated) never reach a sheet read.
        Err(_) => return 0,
    };
    let sheets = source.sheet_names();
    for sheet in &sheets {
        let fast = read(path, sheet, width, true);
        let reference = read(path, sheet, width, false);
        match (&fast, &reference) {
            (Ok(f), Ok(r)) => {
                assert_eq!(f.first, r.first, "{} [{sheet}]: first rows", path.display());
                assert_eq!(f.rows, r.rows, "{} [{sheet}]: row count", path.display());
                assert_eq!(
                    f.digest,
                    r.digest,
                    "{} [{sheet}]: some row differs",
                    path.display()
                );
            }
            // Both readers refuse a damaged sheet.
            (Err(_), Err(_)) => {}
            _ => panic!(
                "{} [{sheet}]: fast {:?} but calamine {:?}",
                path.display(),
                fast.as_ref().map(|r| r.rows),
                reference.as_ref().map(|r| r.rows)
            ),
        }
    }
    sheets.len()
}

fn workbooks_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            workbooks_under(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("xlsx" | "xlsm")
        ) {
            out.push(path);
        }
    }
}

#[test]
fn the_fast_reader_reads_every_fixture_and_sample_workbook_as_calamine_does() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    workbooks_under(&root.join("tests/fixtures"), &mut files);
    workbooks_under(&root.join("assets/sample"), &mut files);
    assert!(files.len() >= 15, "workbooks found: {files:?}");
    let sheets: usize = files.iter().map(|f| same_cells(f, 64)).sum();
    // No sheet to compare in truncated.xlsx, encrypted.xlsx, wrong_extension.xlsx
    // (CSV text) and old_xls_named_xlsx.xlsx (an OLE container).
    assert!(sheets >= files.len() - 4, "sheets compared: {sheets}");
}

#[test]
fn the_fast_reader_reads_the_real_online_retail_workbooks_as_calamine_does() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/online-retail");
    for name in ["online_retail.xlsx", "online_retail_II_subset.xlsx"] {
        let path = data.join(name);
        assert!(
            path.exists(),
            "{} is missing: the real-data tests read ../shared/data beside the checkout",
            path.display()
        );
        assert!(same_cells(&path, 12) >= 1, "{name}");
    }
}
