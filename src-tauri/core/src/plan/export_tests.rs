//! The workbook prints (issue 18): the page setup, page header and footer
//! read back from the sheets' XML, サマリー's chart layout checked against
//! the pages it plans, and the dates in the Japanese form.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};

use super::*;
use crate::{Workspace, WorkspaceInfo};

/// The natural sizes of the demo shop's サマリー charts, in page order.
const DEMO_CHARTS: [(f64, f64); 8] = [
    (720.0, 320.0),
    (720.0, 300.0),
    (720.0, 300.0),
    (500.0, 300.0),
    (420.0, 380.0),
    (480.0, 360.0),
    (720.0, 320.0),
    (840.0, 320.0),
];

/// The rows of サマリー's KPI tables (title to the last funnel stage).
const TABLE_ROWS: u32 = 43;

/// The width in pixels of サマリー's columns up to `last_col`.
fn area_width(last_col: u16) -> u32 {
    (0..=last_col as usize)
        .map(|c| {
            SUMMARY_COLUMNS_PX
                .get(c)
                .copied()
                .unwrap_or(DEFAULT_COLUMN_PX)
        })
        .sum()
}

/// Every chart whole on one of the two pages, beside (not over) the
/// tables, clear of the other charts, and the print area one page wide.
fn check_layout(l: &SummaryLayout, charts: &[(f64, f64)]) {
    assert_eq!(l.charts.len(), charts.len());
    let (page_w, page_h) = landscape_printable_px();
    let width = area_width(l.last_col);
    let k = f64::from(l.scale) / 100.0;
    assert!(
        f64::from(width) * k <= page_w,
        "{l:?}: {width} px at {k} is wider than the page"
    );
    // The page holds `page_rows` rows and the taller title row, with room.
    let page_px = f64::from(l.page_rows * ROW_PX + TITLE_ROW_PX - ROW_PX);
    assert!(page_px * k <= page_h, "{l:?}");
    assert!(
        TABLE_ROWS <= l.page_break && l.page_break <= l.page_rows,
        "{l:?}"
    );
    assert!(l.last_row + 1 - l.page_break <= l.page_rows, "{l:?}");
    let tables_px: u32 = SUMMARY_COLUMNS_PX.iter().sum();
    let boxes: Vec<(f64, f64, f64, f64)> = l
        .charts
        .iter()
        .map(|p| {
            let top = f64::from(p.row * ROW_PX + p.y);
            (
                f64::from(p.x),
                top,
                f64::from(p.x) + p.width,
                top + p.height,
            )
        })
        .collect();
    for (i, (p, (w, h))) in l.charts.iter().zip(charts).enumerate() {
        assert!(p.scale > 0.0 && p.scale <= 1.0, "{p:?}");
        assert!((p.width - w * p.scale).abs() < 1e-6 && (p.height - h * p.scale).abs() < 1e-6);
        let (left, top, right, bottom) = boxes[i];
        assert!(
            right <= f64::from(width),
            "chart {i} {p:?} right of the print area"
        );
        // Rows have a set height: the pages' edges are row edges.
        let page1 = f64::from(l.page_break * ROW_PX);
        let end = f64::from((l.last_row + 1) * ROW_PX);
        if top < page1 {
            assert!(bottom < page1, "chart {i} {p:?} crosses the page break");
            assert!(
                left >= f64::from(tables_px),
                "chart {i} {p:?} over the tables"
            );
        } else {
            assert!(top > page1 && bottom < end, "chart {i} {p:?} off page 2");
        }
        for (j, other) in boxes.iter().enumerate().skip(i + 1) {
            let apart = right <= other.0 || other.2 <= left || bottom <= other.1 || other.3 <= top;
            assert!(apart, "charts {i} and {j} overlap");
        }
    }
}

#[test]
fn the_summary_charts_sit_whole_on_two_pages_beside_the_tables() {
    let l = summary_layout(TABLE_ROWS, &DEMO_CHARTS);
    check_layout(&l, &DEMO_CHARTS);
    // The three trends beside the tables, the other charts on page 2.
    assert!(l.charts[..3].iter().all(|p| p.row < l.page_break));
    assert!(l.charts[3..].iter().all(|p| p.row >= l.page_break));
    // Printed no smaller than this (text of the tables at 11 pt × scale).
    assert!(l.scale >= 60, "{l:?}");
    assert!(l.charts.iter().all(|p| p.scale >= 0.8), "{l:?}");
}

#[test]
fn charts_of_other_sizes_are_shrunk_to_stay_whole_on_their_page() {
    let big = [(1200.0, 700.0); 8];
    let small = [(200.0, 120.0); 8];
    let mixed = [
        (900.0, 420.0),
        (300.0, 600.0),
        (720.0, 300.0),
        (500.0, 300.0),
        (1000.0, 380.0),
        (480.0, 360.0),
        (720.0, 320.0),
        (840.0, 500.0),
    ];
    for charts in [
        &big[..],
        &small[..],
        &mixed[..],
        &DEMO_CHARTS[..5],
        &DEMO_CHARTS[..2],
    ] {
        let l = summary_layout(TABLE_ROWS, charts);
        check_layout(&l, charts);
    }
    // Small charts keep their size.
    let l = summary_layout(TABLE_ROWS, &small);
    assert!(l.charts.iter().all(|p| p.scale == 1.0), "{l:?}");
}

#[test]
fn user_text_in_a_page_header_is_not_read_as_codes() {
    assert_eq!(header_text("Tea & Co.", 60), "Tea && Co.");
    assert_eq!(header_text("&P&[Tab]", 60), "&&P&&［Tab]");
    assert_eq!(header_text("一\n二\t三", 60), "一二三");
    let long = "長".repeat(100);
    let cut = header_text(&long, 60);
    assert_eq!(cut.chars().count(), 60);
    assert!(cut.ends_with('…'));
}

#[test]
fn wrapped_lines_count_full_width_characters_double() {
    assert_eq!(wrapped_lines("short", 40.0), 1);
    assert_eq!(wrapped_lines("", 40.0), 1);
    // 25 full-width characters are 50 digits: two lines of 39.
    assert_eq!(wrapped_lines(&"あ".repeat(25), 40.0), 2);
    assert_eq!(wrapped_lines("一行目\n二行目", 40.0), 2);
}

/// A workspace of the demo shop (300 customers) under a shop name with an
/// `&`, and its workbook written at 2026-12-01 13:38:11.
fn workbook(test: &str, mask: bool) -> (PathBuf, String) {
    let shop_name = "ひだまり&茶舗";
    let demo = crate::demo::generate(&crate::demo::DemoOptions {
        customers: 300,
        ..Default::default()
    });
    let ws = Workspace::in_memory(&WorkspaceInfo {
        name: shop_name.into(),
        is_demo: true,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    ws.with_tx(|tx| demo.write(tx, "2026-11-01T00:00:00"))
        .unwrap();
    let dir = std::env::temp_dir().join(format!("horetsu-print-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.xlsx");
    let today = day::parse_iso("2026-12-01").unwrap();
    let s = crate::ops::export_plan(&ws, &path, None, today, "2026-12-01T13:38:11", mask, false)
        .unwrap();
    (path, s.as_of.replace('-', "/"))
}

fn zip_text(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The sheets' XML, in order (the workbook writes sheet1.xml … sheet7.xml).
fn sheets(path: &Path) -> Vec<(&'static str, String)> {
    crate::ops::export::EXPORT_SHEETS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                *name,
                zip_text(path, &format!("xl/worksheets/sheet{}.xml", i + 1)),
            )
        })
        .collect()
}

#[test]
fn every_sheet_prints_on_a4_with_the_shop_the_date_and_page_numbers() {
    let (path, as_of) = workbook("setup", false);
    let book = zip_text(&path, "xl/workbook.xml");
    for (name, xml) in sheets(&path) {
        assert!(xml.contains(r#"paperSize="9""#), "{name}: A4");
        assert!(
            xml.contains(&format!(
                "<oddHeader>&amp;Lひだまり&amp;&amp;茶舗&amp;C&amp;A&amp;R基準日 {as_of}</oddHeader>"
            )),
            "{name}: page header"
        );
        assert!(
            xml.contains(
                "<oddFooter>&amp;L作成 2026/12/01 13:38&amp;C&amp;P / &amp;N&amp;R</oddFooter>"
            ),
            "{name}: page footer"
        );
        assert!(
            book.contains(&format!(
                r#"<definedName name="_xlnm.Print_Area" localSheetId="{}">"#,
                crate::ops::export::EXPORT_SHEETS
                    .iter()
                    .position(|s| *s == name)
                    .unwrap()
            )),
            "{name}: a print area"
        );
        let landscape = xml.contains(r#"orientation="landscape""#);
        if name == "サマリー" {
            // A fixed scale and a manual break (fit-to-page would drop the break).
            assert!(landscape);
            assert!(!xml.contains("fitToPage"), "{name}");
            assert!(
                xml.contains(r#"<pageSetup paperSize="9" scale=""#),
                "{name}"
            );
            assert!(
                xml.contains(r#"<rowBreaks count="1" manualBreakCount="1">"#),
                "{name}"
            );
        } else {
            // One page wide, as many down as it takes.
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}");
            assert!(
                xml.contains(r#"fitToHeight="0""#) && !xml.contains("fitToWidth="),
                "{name}: fitToWidth defaults to 1"
            );
            assert!(xml.contains(r#"gridLines="1""#), "{name}");
            let wide = ["アクションプラン", "セグメント別", "効果測定", "設定"];
            assert_eq!(landscape, wide.contains(&name), "{name}");
        }
    }
    // The header rows repeat on every page.
    for titles in [
        "アクションプラン!$1:$1",
        "セグメント別!$1:$1",
        "紹介ランキング!$1:$1",
        "効果測定!$1:$1",
    ] {
        assert!(
            book.contains(&format!(">{titles}</definedName>")),
            "print titles {titles} in {book}"
        );
    }
    // NPS repeats the header of its comments, the table that runs on.
    let nps = book
        .split("<definedName ")
        .find(|d| d.contains("_xlnm.Print_Titles") && d.contains(">NPS!$"))
        .expect("NPS print titles");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = wb.worksheet_range("NPS").unwrap();
    let header_row = (0..sheet.height())
        .find(|&r| matches!(sheet.get((r, 0)), Some(Data::String(s)) if s == "回答日"))
        .unwrap();
    assert!(
        nps.contains(&format!(">NPS!${0}:${0}<", header_row + 1)),
        "{nps}"
    );
}

#[test]
fn with_masking_on_the_shop_name_is_masked_in_the_title_and_the_page_header() {
    let (path, _) = workbook("mask", true);
    for (name, xml) in sheets(&path) {
        assert!(xml.contains("<oddHeader>&amp;L(マスク中)&amp;C"), "{name}");
        assert!(
            xml.contains("&amp;R個人情報はマスクしています</oddFooter>"),
            "{name}"
        );
        assert!(!xml.contains("ひだまり"), "{name}");
    }
    assert!(!zip_text(&path, "xl/sharedStrings.xml").contains("ひだまり"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let summary = wb.worksheet_range("サマリー").unwrap();
    assert_eq!(
        summary.get((0, 0)),
        Some(&Data::String("(マスク中) 惚れ通レポート".into()))
    );
}

#[test]
fn dates_and_times_are_date_cells_in_the_japanese_form() {
    let (path, _) = workbook("dates", false);
    let styles = zip_text(&path, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="yyyy/mm/dd""#), "{styles}");
    assert!(
        styles.contains(r#"formatCode="yyyy/mm/dd hh:mm""#),
        "{styles}"
    );
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let summary = wb.worksheet_range("サマリー").unwrap();
    let made = match summary.get((2, 1)) {
        Some(Data::DateTime(t)) => t.as_f64(),
        other => panic!("作成日時 {other:?}"),
    };
    let expected = ExcelDateTime::from_ymd(2026, 12, 1)
        .unwrap()
        .and_hms(13, 38, 11)
        .unwrap()
        .to_excel();
    assert!((made - expected).abs() < 1e-6);
    assert!(
        matches!(summary.get((1, 1)), Some(Data::DateTime(_))),
        "基準日"
    );
    // NPS: every answer's date is a date.
    let nps = wb.worksheet_range("NPS").unwrap();
    let header_row = (0..nps.height())
        .find(|&r| matches!(nps.get((r, 0)), Some(Data::String(s)) if s == "回答日"))
        .unwrap();
    let answers = (header_row + 1..nps.height()).filter(|&r| nps.get((r, 1)).is_some());
    let mut n = 0;
    for r in answers {
        assert!(
            matches!(nps.get((r, 0)), Some(Data::DateTime(_))),
            "row {r}: {:?}",
            nps.get((r, 0))
        );
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn the_time_of_writing_is_an_excel_date_and_time() {
    let t = generated_cell("2026-12-01T13:38:11").unwrap();
    let expected = ExcelDateTime::from_ymd(2026, 12, 1)
        .unwrap()
        .and_hms(13, 38, 11)
        .unwrap();
    assert_eq!(t.to_excel(), expected.to_excel());
    assert!(generated_cell("2026-13-01T00:00:00").is_none());
}
