//! `horetsu import` against damaged files, odd layouts, odd values and odd
//! text: the corpus in tests/fixtures/bad, made by
//! tests/fixtures/make_bad_inputs.py.
//!
//! Every fixture has one row in [`CASES`]: either the import fails (non-zero
//! exit, one line on stderr naming the problem, nothing written: a new
//! workspace is removed again and an existing one keeps exactly its content),
//! or it succeeds with the listed figures, rejected rows and orders. The
//! expectations were worked out by hand from what the script writes into each
//! file; when a fixture changes, its row here changes with it.
//!
//! Every workspace an import is tried on starts from
//! tests/fixtures/good/small_orders.csv (6 rows, 5 orders, 3 customer keys,
//! 1 anonymous order, 1 cancelled order).

use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::support::*;

// ---------------------------------------------------------------------------
// The table

/// What importing a fixture must do.
enum Expect {
    /// Exit non-zero with one stderr line that contains this phrase.
    Fails(&'static str),
    /// Exit 0 with these figures.
    Imports(Imported),
}
use Expect::*;

/// The figures of a successful import into a new workspace.
struct Imported {
    /// The sheet rejections name (a CSV's sheet is its file name).
    sheet: &'static str,
    rows_read: u64,
    rows_imported: u64,
    customers: u64,
    anonymous_rows: u64,
    returns: u64,
    cancelled: u64,
    /// Every order the workspace must hold afterwards, and nothing else.
    orders: &'static [Order],
    /// Every rejected row (any order).
    rejected: &'static [Rej],
    /// A phrase one of the warnings must contain.
    warning: Option<&'static str>,
    /// The CSV encoding reported (`None` for workbooks).
    encoding: Option<&'static str>,
}

/// An order in the workspace: number, day, amount, status.
struct Order(&'static str, &'static str, f64, &'static str);

/// A rejected row: row number, column (header and letter), value, code.
struct Rej(u32, &'static str, &'static str, &'static str);

struct Case {
    file: &'static str,
    args: &'static [&'static str],
    expect: Expect,
}

const N: &str = "normal";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // -- File damage ---------------------------------------------------------
    // The first half of a valid workbook: no zip central directory.
    Case { file: "truncated.xlsx", args: &[], expect: Fails("damaged") },
    // An OLE container (ECMA-376 agile encryption, password "horetsu").
    Case { file: "encrypted.xlsx", args: &[], expect: Fails("encrypted") },
    // One sheet without a single cell.
    Case { file: "empty_sheet.xlsx", args: &[], expect: Fails("is empty") },
    // The header row and nothing under it.
    Case { file: "header_only.xlsx", args: &[], expect: Fails("no data rows") },
    // CSV text named .xlsx.
    Case { file: "wrong_extension.xlsx", args: &[], expect: Fails("not a valid Excel workbook") },
    // Zero bytes.
    Case { file: "empty.csv", args: &[], expect: Fails("is empty") },
    // An empty first sheet "空"; the orders are on the second sheet "注文".
    Case {
        file: "empty_first_sheet.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("EF-001", "2024-04-10", 1200.0, N),
                Order("EF-002", "2024-04-11", 3000.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: None,
        }),
    },
    // -- Hostile files (issue 13; tests/fixtures/make_hostile_inputs.py) ------
    // 30 MB of sheet XML packed about 1,000 times: refused before inflating.
    Case { file: "bomb_sheet.xlsx", args: &[], expect: Fails("zip bomb") },
    // One 30,000,000-character shared string packed about 1,000 times.
    Case { file: "bomb_shared_string.xlsx", args: &[], expect: Fails("zip bomb") },
    // Sheet 1 "旧データ" hidden (decoy order HID-1); sheet 2 "注文" visible and
    // active: the visible sheet is imported, with a warning naming the hidden one.
    Case {
        file: "hidden_first_sheet.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("VIS-1", "2024-05-02", 1500.0, N),
                Order("VIS-2", "2024-05-03", 2500.0, N),
            ],
            rejected: &[],
            warning: Some("hidden sheet not read: 旧データ"),
            encoding: None,
        }),
    },
    // An OLE container with a "Workbook" stream (an old .xls, damaged) named
    // .xlsx and .csv: read as .xls (not called encrypted, nor bad Shift_JIS).
    Case { file: "old_xls_named_xlsx.xlsx", args: &[], expect: Fails("old Excel workbook (.xls) named .xlsx") },
    Case { file: "old_xls_named_csv.csv", args: &[], expect: Fails("old Excel workbook (.xls) named .csv") },
    // Excel's 「Unicode テキスト」: UTF-16LE with a BOM, tab-separated.
    Case {
        file: "utf16_unicode_text.txt",
        args: &[],
        expect: Imports(Imported {
            sheet: "utf16_unicode_text.txt",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("U-1", "2024-06-01", 2400.0, N),
                Order("U-2", "2024-06-02", 900.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: Some("utf16_le"),
        }),
    },
    // UTF-16LE without a BOM: said so, with what to do.
    Case { file: "utf16_without_bom.csv", args: &[], expect: Fails("UTF-16 without a byte-order mark") },
    // Row 2: a 300-character customer key (rejected; the report quotes its
    // first 200 characters); row 3: an ordinary order.
    Case {
        file: "long_key.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "long_key.csv",
            rows_read: 2,
            rows_imported: 1,
            customers: 1,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[Order("LK-2", "2024-07-02", 2000.0, N)],
            rejected: &[Rej(2, "会員ID (C)", "KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK…", "key_too_long")],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    // -- Layout --------------------------------------------------------------
    // 倉庫 / 棚番 / 在庫数 / 更新者: nothing an order import knows.
    Case { file: "wrong_columns.xlsx", args: &[], expect: Fails("no usable columns") },
    // 注文番号 / 注文日 / 会員ID / 商品名: no amount of any kind.
    Case { file: "missing_amount.csv", args: &[], expect: Fails("no column for 金額") },
    // Two columns named 金額 (D: 1000, 2000; E: 1100, 2200): the first one
    // counts, with a warning.
    Case {
        file: "duplicate_columns.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("F-7001", "2024-10-01", 1000.0, N),
                Order("F-7002", "2024-10-02", 2000.0, N),
            ],
            rejected: &[],
            warning: Some("two columns are named \"金額\" (D, E)"),
            encoding: None,
        }),
    },
    // Row 1: merged group titles (A1:C1, D1:E1); row 2: the header; row 4: 2024-13-01.
    Case {
        file: "merged_header.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 3,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("G-8001", "2024-11-01", 1500.0, N),
                Order("G-8003", "2024-11-03", 900.0, N),
            ],
            rejected: &[Rej(4, "注文日 (B)", "2024-13-01", "no_such_date")],
            warning: None,
            encoding: None,
        }),
    },
    // Title, export date and a blank row above the header (row 4); "abc" on
    // row 6; a blank row 7; the last order on row 8.
    Case {
        file: "title_rows.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文一覧",
            rows_read: 3,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("H-9001", "2024-12-01", 1200.0, N),
                Order("H-9003", "2024-12-03", 800.0, N),
            ],
            rejected: &[Rej(6, "金額 (E)", "abc", "not_an_amount")],
            warning: None,
            encoding: None,
        }),
    },
    // The same layout as CSV, with empty lines 3 and 7: a spreadsheet shows
    // the bad amount on row 6.
    Case {
        file: "title_rows.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "title_rows.csv",
            rows_read: 3,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("H-9101", "2024-12-01", 1200.0, N),
                Order("H-9103", "2024-12-03", 800.0, N),
            ],
            rejected: &[Rej(6, "金額 (E)", "abc", "not_an_amount")],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    // -- Values --------------------------------------------------------------
    // 金額: 12800, "１２，８００円", "¥1,200" and "1200.50" are amounts; "abc",
    // "1,20,000", "①", "ten" and TRUE are not. Order D-5007 (rows 8 and 9)
    // loses its good line 8 because line 9 is rejected.
    Case {
        file: "mixed_types.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 10,
            rows_imported: 4,
            customers: 4,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("D-5001", "2024-08-01", 12800.0, N),
                Order("D-5002", "2024-08-02", 12800.0, N),
                Order("D-5003", "2024-08-03", 1200.0, N),
                Order("D-5009", "2024-08-09", 1200.5, N),
            ],
            rejected: &[
                Rej(5, "金額 (E)", "abc", "not_an_amount"),
                Rej(6, "金額 (E)", "1,20,000", "bad_thousands_separator"),
                Rej(7, "金額 (E)", "①", "unusual_digit"),
                Rej(8, "注文番号 (A)", "D-5007", "order_incomplete"),
                Rej(9, "金額 (E)", "ten", "not_an_amount"),
                Rej(10, "金額 (E)", "true", "not_an_amount"),
            ],
            warning: None,
            encoding: None,
        }),
    },
    // Formulas without cached values (openpyxl cannot compute them) read as
    // empty cells: row 2's 金額 (=E2*F2) falls back to 数量×単価 = 2400; row 3
    // (=1000+500, no 数量/単価) and row 4 (注文日 =DATE(2024,9,3)) are rejected.
    Case {
        file: "formula.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 4,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("E-6001", "2024-09-01", 2400.0, N),
                Order("E-6004", "2024-09-04", 2500.0, N),
            ],
            rejected: &[
                Rej(3, "金額 (G)", "", "empty"),
                Rej(4, "注文日 (B)", "", "empty"),
            ],
            warning: None,
            encoding: None,
        }),
    },
    // Row 3's 注文日 is the serial 60 (Excel's nonexistent 1900-02-29).
    Case {
        file: "leap_day_1900.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 3,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("A-2001", "2024-05-01", 2400.0, N),
                Order("A-2003", "2024-05-03", 800.0, N),
            ],
            rejected: &[Rej(3, "注文日 (B)", "60", "excel_leap_day_1900")],
            warning: None,
            encoding: None,
        }),
    },
    // Only 2024-06-01 (row 2) and the boundary 1990-01-01 (row 6) are plausible.
    // Row 3: serial 0 (1899-12-31 / "1900-01-00"); row 4: serial 1
    // (1900-01-01); row 5: 1989-12-31 (serial 32873); rows 7-8: year 2200 as
    // text; row 9: the number 1899 (1905-03-13); row 10: "1899/12/31".
    Case {
        file: "dates_out_of_range.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 9,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("B-3001", "2024-06-01", 1200.0, N),
                Order("B-3005", "1990-01-01", 1200.0, N),
            ],
            rejected: &[
                Rej(3, "注文日 (B)", "0", "serial_out_of_range"),
                Rej(4, "注文日 (B)", "1", "date_out_of_range"),
                Rej(5, "注文日 (B)", "32873", "date_out_of_range"),
                Rej(7, "注文日 (B)", "2200-01-01", "date_out_of_range"),
                Rej(8, "注文日 (B)", "2200年1月1日", "date_out_of_range"),
                Rej(9, "注文日 (B)", "1899", "date_out_of_range"),
                Rej(10, "注文日 (B)", "1899/12/31", "date_out_of_range"),
            ],
            warning: None,
            encoding: None,
        }),
    },
    // 0 (a free sample: a normal order, not a return); -1200 marked 返品 (the
    // credit note itself: stays normal, a return); -3000; 2500 marked
    // キャンセル; "△1,200" and "(800)" (accounting negatives).
    Case {
        file: "zero_negative_amounts.xlsx",
        args: &[],
        expect: Imports(Imported {
            sheet: "注文",
            rows_read: 6,
            rows_imported: 6,
            customers: 6,
            anonymous_rows: 0,
            returns: 4,
            cancelled: 1,
            orders: &[
                Order("C-4001", "2024-07-01", 0.0, N),
                Order("C-4002", "2024-07-02", -1200.0, N),
                Order("C-4003", "2024-07-03", -3000.0, N),
                Order("C-4004", "2024-07-04", 2500.0, "cancelled"),
                Order("C-4005", "2024-07-05", -1200.0, N),
                Order("C-4006", "2024-07-06", -800.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: None,
        }),
    },
    // 03/04/2024 (row 2) is 3 April or 4 March; 13/04/2024 (row 3) can only be
    // 13 April; 2024/03/04 (row 4) is year first; 04/04/2024 (row 5) reads
    // the same both ways.
    Case {
        file: "ambiguous_date.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "ambiguous_date.csv",
            rows_read: 4,
            rows_imported: 3,
            customers: 3,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("I-1002", "2024-04-13", 3000.0, N),
                Order("I-1003", "2024-03-04", 800.0, N),
                Order("I-1004", "2024-04-04", 2500.0, N),
            ],
            rejected: &[Rej(2, "注文日 (B)", "03/04/2024", "ambiguous_date")],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    Case {
        file: "ambiguous_date.csv",
        args: &["--date-order", "dmy"],
        expect: Imports(Imported {
            sheet: "ambiguous_date.csv",
            rows_read: 4,
            rows_imported: 4,
            customers: 4,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("I-1001", "2024-04-03", 1200.0, N),
                Order("I-1002", "2024-04-13", 3000.0, N),
                Order("I-1003", "2024-03-04", 800.0, N),
                Order("I-1004", "2024-04-04", 2500.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    Case {
        file: "ambiguous_date.csv",
        args: &["--date-order", "mdy"],
        expect: Imports(Imported {
            sheet: "ambiguous_date.csv",
            rows_read: 4,
            rows_imported: 3,
            customers: 3,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("I-1001", "2024-03-04", 1200.0, N),
                Order("I-1003", "2024-03-04", 800.0, N),
                Order("I-1004", "2024-04-04", 2500.0, N),
            ],
            rejected: &[Rej(3, "注文日 (B)", "13/04/2024", "no_such_date")],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    // -- Text ----------------------------------------------------------------
    // A byte-order mark before the first (quoted) header: the order numbers
    // must not start with U+FEFF.
    Case {
        file: "utf8_bom.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "utf8_bom.csv",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("J-1001", "2024-05-01", 1200.0, N),
                Order("J-1002", "2024-05-02", 3000.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: Some("utf8"),
        }),
    },
    // CP932 with 髙, 﨑, ①, ②, ～ and ￥ (see the dedicated tests below for the text).
    Case {
        file: "shift_jis.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "shift_jis.csv",
            rows_read: 3,
            rows_imported: 3,
            customers: 3,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("K-1001", "2024-05-10", 3200.0, N),
                Order("K-1002", "2024-05-11", 1500.0, N),
                Order("K-1003", "2024-05-12", 2000.0, N),
            ],
            rejected: &[],
            warning: None,
            encoding: Some("shift_jis"),
        }),
    },
    // 商品名 on row 2 is 33,000 characters: cut to 32,767 with a warning.
    Case {
        file: "long_text.csv",
        args: &[],
        expect: Imports(Imported {
            sheet: "long_text.csv",
            rows_read: 2,
            rows_imported: 2,
            customers: 2,
            anonymous_rows: 0,
            returns: 0,
            cancelled: 0,
            orders: &[
                Order("L-1001", "2024-06-01", 1200.0, N),
                Order("L-1002", "2024-06-02", 800.0, N),
            ],
            rejected: &[],
            warning: Some("row 2, 商品名 (D): text longer than Excel's 32,767 characters was cut"),
            encoding: Some("utf8"),
        }),
    },
];

// ---------------------------------------------------------------------------
// One test per row of the table

#[test]
fn truncated_xlsx() {
    check("truncated.xlsx", &[]);
}

#[test]
fn encrypted_xlsx() {
    check("encrypted.xlsx", &[]);
}

#[test]
fn empty_sheet_xlsx() {
    check("empty_sheet.xlsx", &[]);
}

#[test]
fn empty_first_sheet_xlsx() {
    check("empty_first_sheet.xlsx", &[]);
}

#[test]
fn header_only_xlsx() {
    check("header_only.xlsx", &[]);
}

#[test]
fn wrong_extension_xlsx() {
    check("wrong_extension.xlsx", &[]);
}

#[test]
fn zero_byte_csv() {
    check("empty.csv", &[]);
}

#[test]
fn wrong_columns_xlsx() {
    check("wrong_columns.xlsx", &[]);
}

#[test]
fn missing_amount_csv() {
    check("missing_amount.csv", &[]);
}

#[test]
fn duplicate_columns_xlsx() {
    check("duplicate_columns.xlsx", &[]);
}

#[test]
fn merged_header_xlsx() {
    check("merged_header.xlsx", &[]);
}

#[test]
fn title_rows_xlsx() {
    check("title_rows.xlsx", &[]);
}

#[test]
fn title_rows_csv_with_empty_lines() {
    check("title_rows.csv", &[]);
}

#[test]
fn mixed_types_xlsx() {
    check("mixed_types.xlsx", &[]);
}

#[test]
fn formula_xlsx() {
    check("formula.xlsx", &[]);
}

#[test]
fn leap_day_1900_xlsx() {
    check("leap_day_1900.xlsx", &[]);
}

#[test]
fn dates_out_of_range_xlsx() {
    check("dates_out_of_range.xlsx", &[]);
}

#[test]
fn zero_negative_amounts_xlsx() {
    check("zero_negative_amounts.xlsx", &[]);
}

#[test]
fn ambiguous_date_csv_year_first() {
    check("ambiguous_date.csv", &[]);
}

#[test]
fn ambiguous_date_csv_day_first() {
    check("ambiguous_date.csv", &["--date-order", "dmy"]);
}

#[test]
fn ambiguous_date_csv_month_first() {
    check("ambiguous_date.csv", &["--date-order", "mdy"]);
}

#[test]
fn utf8_bom_csv() {
    check("utf8_bom.csv", &[]);
}

#[test]
fn shift_jis_csv() {
    check("shift_jis.csv", &[]);
}

#[test]
fn long_text_csv() {
    check("long_text.csv", &[]);
}

#[test]
fn bomb_sheet_xlsx() {
    check("bomb_sheet.xlsx", &[]);
}

#[test]
fn bomb_shared_string_xlsx() {
    check("bomb_shared_string.xlsx", &[]);
}

#[test]
fn hidden_first_sheet_xlsx() {
    check("hidden_first_sheet.xlsx", &[]);
}

#[test]
fn old_xls_named_xlsx() {
    check("old_xls_named_xlsx.xlsx", &[]);
}

#[test]
fn old_xls_named_csv() {
    check("old_xls_named_csv.csv", &[]);
}

#[test]
fn utf16_unicode_text_txt() {
    check("utf16_unicode_text.txt", &[]);
}

#[test]
fn utf16_without_bom_csv() {
    check("utf16_without_bom.csv", &[]);
}

#[test]
fn long_key_csv() {
    check("long_key.csv", &[]);
}

#[test]
fn every_fixture_has_a_case() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(bad_dir()).expect("tests/fixtures/bad exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !CASES.iter().any(|c| c.file == name) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures without a row in CASES: {missing:?}"
    );
    for case in CASES {
        let path = bad(case.file);
        assert!(
            path.exists(),
            "{} is in CASES but not in tests/fixtures/bad",
            case.file
        );
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(
            size < 50 * 1024,
            "{} is {size} bytes; fixtures stay below 50 KB",
            case.file
        );
    }
}

// ---------------------------------------------------------------------------
// Cases beyond the table

/// Importing the same file twice: the second import adds nothing and the
/// workspace is exactly as after the first.
#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let dir = TempDir::new("robust-twice");
    let db = dir.path("twice.horetsu");
    let first = import_ok(&db, &good("small_orders.csv"), &[]);
    assert_eq!(first["rows_read"], 6);
    assert_eq!(first["rows_imported"], 6);
    assert_eq!(first["rows_duplicate"], 0);
    assert_eq!(first["orders"], 5);
    assert_eq!(first["customers"], 3);
    assert_eq!(first["anonymous_rows"], 1);
    assert_eq!(first["cancelled"], 1);
    assert_eq!(first["returns"], 0);
    assert_eq!(rejected_of(&first).len(), 0);
    let state = Snapshot::of(&db);

    let second = import_ok(&db, &good("small_orders.csv"), &[]);
    assert_eq!(second["rows_read"], 6);
    assert_eq!(second["orders"], 0, "second import: {second}");
    assert_eq!(second["customers"], 0, "second import: {second}");
    assert_eq!(second["rows_imported"], 0, "second import: {second}");
    assert_eq!(second["rows_duplicate"], 6, "second import: {second}");
    assert_eq!(second["batch_ids"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        Snapshot::of(&db),
        state,
        "the second import changed the workspace"
    );
}

/// Shift_JIS (CP932) text reaches the workspace unchanged: IBM extension
/// kanji in both the codes Windows writes (髙 0xFBFC, 﨑 0xFAB1) and the
/// NEC-selected duplicate (髙 0xEEE0), and NEC circled digits.
#[test]
fn shift_jis_names_and_products_round_trip() {
    let dir = TempDir::new("robust-sjis");
    let db = dir.path("sjis.horetsu");
    let report = import_ok(&db, &bad("shift_jis.csv"), &[]);
    assert_eq!(report["encoding"], "shift_jis");
    let conn = sqlite(&db);
    let name = |key: &str| -> String {
        conn.query_row(
            "SELECT name FROM customers WHERE customer_key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("customer {key}: {e}"))
    };
    assert_eq!(name("M1001"), "髙橋 一郎");
    assert_eq!(name("M1002"), "﨑山 次郎");
    assert_eq!(name("M1003"), "髙橋 三郎");
    let product = |order: &str| -> String { product_of(&conn, order) };
    assert!(
        product("K-1001").starts_with("① 特上煎茶"),
        "{:?}",
        product("K-1001")
    );
    assert_eq!(product("K-1002"), "ほうじ茶②");
    let takahashi: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE name LIKE '髙橋%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(takahashi, 2);
}

/// CP932 0x8160 is U+FF5E FULLWIDTH TILDE (～), the character a Windows user
/// typed; it must not turn into U+301C WAVE DASH (〜), or the same product
/// gets two names depending on whether it came from a CSV or a workbook.
#[test]
fn shift_jis_fullwidth_tilde_round_trips() {
    let dir = TempDir::new("robust-tilde");
    let db = dir.path("tilde.horetsu");
    import_ok(&db, &bad("shift_jis.csv"), &[]);
    let product = product_of(&sqlite(&db), "K-1001");
    let codes: Vec<String> = product
        .chars()
        .filter(|c| matches!(c, '～' | '〜'))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert_eq!(
        product, "① 特上煎茶～限定～",
        "the tildes came back as {codes:?}, expected U+FF5E (as CP932 0x8160 decodes on Windows)"
    );
}

/// A Shift_JIS file whose first 64 KiB happen to be plain ASCII (English
/// headers, romaji names) and whose first Japanese name comes later. The
/// encoding is guessed from the first 64 KiB only; whatever the importer
/// does, it must not silently store U+FFFD replacement characters: either
/// the name arrives as written, or the import stops with a message about the
/// encoding. (Made at run time: the file is over the corpus' 50 KB limit.)
#[test]
fn shift_jis_after_64_kib_of_ascii_is_not_silently_garbled() {
    let dir = TempDir::new("robust-late-sjis");
    let csv = dir.path("late_sjis.csv");
    let mut text = String::from("order-id,purchase-date,buyer-email,buyer-name,item-price\r\n");
    let mut i = 0;
    while text.len() < 70_000 {
        i += 1;
        text.push_str(&format!(
            "A{i:06},2024-05-01,b{i}@example.com,Taro Yamada,1200\r\n"
        ));
    }
    text.push_str("Z000001,2024-05-02,z@example.com,髙橋 一郎,1500\r\n");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    std::fs::write(&csv, &bytes).unwrap();

    let db = dir.path("late.horetsu");
    let out = import_files(&db, std::slice::from_ref(&csv), &[]);
    assert_no_panic(&out, "late_sjis.csv");
    if out.status.success() {
        let name: String = sqlite(&db)
            .query_row(
                "SELECT name FROM customers WHERE customer_key = 'z@example.com'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            name, "髙橋 一郎",
            "the Japanese name after the first 64 KiB was stored garbled"
        );
    } else {
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(
            message.contains("Shift_JIS") || message.contains("encoding"),
            "a refused file should say the encoding is the problem: {message}"
        );
        assert_no_workspace(&db);
    }
}

/// A cell beyond Excel's 32,767 characters is cut there, and only there.
#[test]
fn long_text_is_cut_at_excels_limit() {
    let dir = TempDir::new("robust-long");
    let db = dir.path("long.horetsu");
    import_ok(&db, &bad("long_text.csv"), &[]);
    let product = product_of(&sqlite(&db), "L-1001");
    assert_eq!(product.chars().count(), 32_767);
    assert_eq!(product.encode_utf16().count(), 32_767);
    assert!(product.starts_with("説明aaa"));
    assert!(product.chars().skip(2).all(|c| c == 'a'));
    assert_eq!(product_of(&sqlite(&db), "L-1002"), "煎茶");
}

/// A failure in the second file of one import undoes the rows the first file
/// already wrote (one transaction for the whole import).
#[test]
fn a_failing_later_file_rolls_back_the_earlier_ones() {
    let files = [bad("utf8_bom.csv"), bad("header_only.xlsx")];
    let dir = TempDir::new("robust-multi");

    // Into an existing workspace: unchanged.
    let db = dir.path("existing.horetsu");
    import_ok(&db, &good("small_orders.csv"), &[]);
    let before = Snapshot::of(&db);
    let out = import_files(&db, &files, &[]);
    assert_fails(&out, "no data rows", "utf8_bom.csv + header_only.xlsx");
    assert_eq!(
        Snapshot::of(&db),
        before,
        "the failed import changed the workspace"
    );

    // Into a new workspace: no file left behind.
    let fresh = dir.path("fresh.horetsu");
    let out = import_files(&fresh, &files, &[]);
    assert_fails(
        &out,
        "no data rows",
        "utf8_bom.csv + header_only.xlsx (new workspace)",
    );
    assert_no_workspace(&fresh);
}

// ---------------------------------------------------------------------------
// The checks

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bad")
}

fn bad(name: &str) -> PathBuf {
    bad_dir().join(name)
}

fn good(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/good")
        .join(name)
}

fn import_files(db: &Path, files: &[PathBuf], args: &[&str]) -> Output {
    let mut all = vec!["import", "--db", db.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    for f in files {
        all.push(f.to_str().unwrap());
    }
    horetsu(&all)
}

/// Imports one file, asserting success and a clean stderr; returns the report.
fn import_ok(db: &Path, file: &Path, args: &[&str]) -> Value {
    let out = import_files(db, &[file.to_path_buf()], args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "importing {} {args:?} failed ({:?}): {stderr}",
        file.display(),
        out.status.code()
    );
    assert!(
        stderr.trim().is_empty(),
        "importing {} wrote to stderr: {stderr}",
        file.display()
    );
    serde_json::from_slice(&out.stdout).expect("import --json prints JSON")
}

fn assert_no_panic(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("RUST_BACKTRACE")
            && out.status.code() != Some(101),
        "{what}: the CLI panicked: {stderr}"
    );
}

/// A failure: non-zero exit, no panic, nothing on stdout, one stderr line
/// `horetsu: …` containing `phrase`.
fn assert_fails(out: &Output, phrase: &str, what: &str) {
    assert_no_panic(out, what);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "{what}: expected a failure mentioning {phrase:?}, but it exited 0: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let message = stderr.trim_end();
    assert!(
        !message.contains('\n'),
        "{what}: expected a one-line message, got:\n{message}"
    );
    assert!(message.starts_with("horetsu: "), "{what}: {message}");
    assert!(
        message.contains(phrase),
        "{what}: the message should mention {phrase:?}: {message}"
    );
    assert!(
        out.stdout.is_empty(),
        "{what}: printed {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn assert_no_workspace(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(suffix);
        assert!(
            !Path::new(&p).exists(),
            "a failed first import left {} behind",
            Path::new(&p).display()
        );
    }
}

/// Everything a workspace holds: the summary and every row of every table.
#[derive(Debug, PartialEq)]
struct Snapshot {
    summary: Value,
    tables: Vec<(String, Vec<Vec<SqlValue>>)>,
}

impl Snapshot {
    fn of(db: &Path) -> Snapshot {
        let summary = summary(db, None);
        let conn = sqlite(db);
        let names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let tables = names
            .into_iter()
            .map(|t| {
                let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| (0..n).map(|i| r.get::<_, SqlValue>(i)).collect())
                    .unwrap()
                    .map(Result::unwrap)
                    .collect::<Vec<Vec<SqlValue>>>();
                // Every row, in a stable order (some tables have no rowid).
                let mut rows = rows;
                rows.sort_by_key(|r| format!("{r:?}"));
                (t, rows)
            })
            .collect();
        Snapshot { summary, tables }
    }
}

fn product_of(conn: &rusqlite::Connection, order_no: &str) -> String {
    conn.query_row(
        "SELECT l.product FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_no = ?1",
        [order_no],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("order {order_no}: {e}"))
}

fn rejected_of(report: &Value) -> Vec<Value> {
    report["rejected"]
        .as_array()
        .expect("rejected is an array")
        .clone()
}

fn check(file: &str, args: &[&str]) {
    let case = CASES
        .iter()
        .find(|c| c.file == file && c.args == args)
        .unwrap_or_else(|| panic!("no case for {file} {args:?}"));
    match &case.expect {
        Fails(phrase) => check_failure(case, phrase),
        Imports(expected) => check_import(case, expected),
    }
}

fn check_failure(case: &Case, phrase: &str) {
    let what = format!("{} {:?}", case.file, case.args);
    let dir = TempDir::new("robust-fail");

    // A new workspace: the import fails and leaves no file behind.
    let fresh = dir.path("fresh.horetsu");
    let out = import_files(&fresh, &[bad(case.file)], case.args);
    assert_fails(&out, phrase, &what);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(case.file),
        "{what}: the message should name the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_workspace(&fresh);

    // An existing workspace: the import fails the same way and changes nothing.
    let db = dir.path("existing.horetsu");
    import_ok(&db, &good("small_orders.csv"), &[]);
    let before = Snapshot::of(&db);
    let out = import_files(&db, &[bad(case.file)], case.args);
    assert_fails(&out, phrase, &format!("{what} (existing workspace)"));
    assert_eq!(
        Snapshot::of(&db),
        before,
        "{what}: the failed import changed the workspace"
    );
}

fn check_import(case: &Case, e: &Imported) {
    let what = format!("{} {:?}", case.file, case.args);
    let dir = TempDir::new("robust-import");
    let db = dir.path("ws.horetsu");
    // `--dry-run` first: the same report (figures, every rejected row),
    // and no workspace file.
    let mut dry_args = case.args.to_vec();
    dry_args.push("--dry-run");
    let dry = import_ok(&db, &bad(case.file), &dry_args);
    assert_no_workspace(&db);
    let report = import_ok(&db, &bad(case.file), case.args);
    for key in [
        "rows_read",
        "rows_imported",
        "rows_duplicate",
        "orders",
        "customers",
        "rejected",
        "warnings",
    ] {
        assert_eq!(
            dry[key], report[key],
            "{what}: --dry-run's {key} differs from the import's"
        );
    }
    assert_eq!(
        dry["batch_ids"],
        serde_json::json!([]),
        "{what}: a dry run has no batch"
    );

    // The report's figures.
    let figures = |r: &Value| -> Vec<(&'static str, Value)> {
        [
            "rows_read",
            "rows_imported",
            "rows_duplicate",
            "orders",
            "customers",
            "anonymous_rows",
            "returns",
            "cancelled",
        ]
        .into_iter()
        .map(|k| (k, r[k].clone()))
        .collect()
    };
    let expected_figures: Vec<(&'static str, Value)> = vec![
        ("rows_read", e.rows_read.into()),
        ("rows_imported", e.rows_imported.into()),
        ("rows_duplicate", 0.into()),
        ("orders", (e.orders.len() as u64).into()),
        ("customers", e.customers.into()),
        ("anonymous_rows", e.anonymous_rows.into()),
        ("returns", e.returns.into()),
        ("cancelled", e.cancelled.into()),
    ];
    assert_eq!(figures(&report), expected_figures, "{what}: report figures");
    assert_eq!(
        report["encoding"],
        e.encoding.map_or(Value::Null, Value::from),
        "{what}: encoding"
    );
    if let Some(w) = e.warning {
        let warnings = report["warnings"].as_array().cloned().unwrap_or_default();
        assert!(
            warnings
                .iter()
                .any(|x| x.as_str().is_some_and(|s| s.contains(w))),
            "{what}: no warning containing {w:?} in {warnings:?}"
        );
    }

    // The workspace holds exactly the expected orders, their lines and customers.
    let conn = sqlite(&db);
    let mut stmt = conn
        .prepare("SELECT order_no, substr(ordered_at, 1, 10), amount, status FROM orders ORDER BY order_no")
        .unwrap();
    let actual: Vec<(String, String, f64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected: Vec<(String, String, f64, String)> = e
        .orders
        .iter()
        .map(|o| (o.0.to_string(), o.1.to_string(), o.2, o.3.to_string()))
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(actual, expected, "{what}: orders in the workspace");
    let count =
        |sql: &str| -> u64 { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64 };
    assert_eq!(
        count("SELECT count(*) FROM order_lines"),
        e.rows_imported,
        "{what}: order lines"
    );
    assert_eq!(
        count("SELECT count(*) FROM customers"),
        e.customers,
        "{what}: customer keys"
    );
    drop(stmt);
    drop(conn);

    // The rejected rows: file, sheet, row, column, value, code, and a reason in both languages.
    let rejected = rejected_of(&report);
    for r in &rejected {
        for key in ["reason", "reason_ja"] {
            assert!(
                r[key].as_str().is_some_and(|s| !s.trim().is_empty()),
                "{what}: rejection without a {key}: {r}"
            );
        }
    }
    let mut actual: Vec<(String, String, u64, String, String, String)> = rejected
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap_or("?").to_string(),
                r["sheet"].as_str().unwrap_or("?").to_string(),
                r["row"].as_u64().unwrap_or(0),
                r["column"].as_str().unwrap_or("?").to_string(),
                r["value"].as_str().unwrap_or("?").to_string(),
                r["code"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect();
    actual.sort();
    let mut expected: Vec<(String, String, u64, String, String, String)> = e
        .rejected
        .iter()
        .map(|r| {
            (
                case.file.to_string(),
                e.sheet.to_string(),
                u64::from(r.0),
                r.1.to_string(),
                r.2.to_string(),
                r.3.to_string(),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(
        actual, expected,
        "{what}: rejected rows (file, sheet, row, column, value, code)"
    );

    // Importing the same file again adds nothing and changes nothing.
    let state = Snapshot::of(&db);
    let again = import_ok(&db, &bad(case.file), case.args);
    assert_eq!(
        again["rows_read"], report["rows_read"],
        "{what}: second import"
    );
    assert_eq!(
        again["orders"], 0,
        "{what}: second import added orders: {again}"
    );
    assert_eq!(
        again["customers"], 0,
        "{what}: second import added customers: {again}"
    );
    assert_eq!(again["rows_imported"], 0, "{what}: second import: {again}");
    assert_eq!(
        again["rows_duplicate"], e.rows_imported,
        "{what}: second import duplicates"
    );
    assert_eq!(
        rejected_of(&again).len(),
        e.rejected.len(),
        "{what}: the second import rejects the same rows"
    );
    assert_eq!(
        Snapshot::of(&db),
        state,
        "{what}: the second import changed the workspace"
    );
}

/// A CSV row with a cell more than its header (an unquoted `¥4,500` split
/// in two) is rejected, naming the file, row and first extra column: read
/// as it stands its amount would be ¥4 and its product "500". A trailing
/// empty cell is harmless; a short row is read with its missing cells empty,
/// and the report says so once.
#[test]
fn a_csv_row_with_more_cells_than_its_header_is_rejected_not_shifted() {
    let dir = TempDir::new("extra-cells");
    let file = dir.path("手書き注文.csv");
    std::fs::write(
        &file,
        "注文番号,注文日,顧客ID,金額,商品名\n\
A1,2024-01-05,c1,3000,煎茶\n\
A2,2024-01-06,c2,¥4,500,玉露\n\
A3,2024-01-07,c3,1200,ほうじ茶,\n\
A4,2024-01-08,c1,800\n",
    )
    .unwrap();
    let db = dir.path("shop.horetsu");
    let r: Value = serde_json::from_str(&horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--json",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(r["rows_read"], 4, "{r}");
    assert_eq!(r["rows_imported"], 3, "{r}");
    // The report's span and total: A1, A3, A4 (2024-01-05 … 01-08), ¥5,000.
    assert_eq!(
        (r["first_day"].as_str(), r["last_day"].as_str()),
        (Some("2024-01-05"), Some("2024-01-08")),
        "{r}"
    );
    assert_eq!(r["amount"], 5000.0, "{r}");
    let rejected = r["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{r}");
    let x = &rejected[0];
    assert_eq!(x["file"], "手書き注文.csv");
    assert_eq!(x["row"], 3);
    assert_eq!(x["column"], "F");
    assert_eq!(x["value"], "玉露");
    assert_eq!(x["code"], "extra_cells");
    assert!(
        x["reason_ja"].as_str().unwrap().contains("セルが6個")
            && x["reason"].as_str().unwrap().contains("header 5"),
        "{x}"
    );
    let warnings = r["warnings"].to_string();
    assert!(
        warnings.contains("row 5 has 4 cells, the header 5"),
        "{warnings}"
    );
    // Nothing of A2 was written; the others count: 3,000 + 1,200 + 800.
    let s = summary(&db, None);
    assert_eq!(s["orders"], 3, "{s}");
    let conn = sqlite(&db);
    let a2: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE order_no = 'A2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(a2, 0);
    let total: f64 = conn
        .query_row("SELECT sum(amount) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 5000.0);
}
