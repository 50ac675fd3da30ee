//! The workbook a consultant hands to the client (rust_xlsxwriter):
//! サマリー (KPIs against targets and the charts), アクションプラン (one row per
//! customer), セグメント別, 紹介ランキング, NPS and 設定 (what the numbers were
//! computed with).
//!
//! Every text that came from a file the user imported is written as a string,
//! and one that begins with `=`, `+`, `-` or `@` gets Excel's quote prefix, so it
//! stays text even when someone edits the cell. Names, e-mails and phones are
//! masked when asked. The big sheet is written in constant-memory mode.
//!
//! Every sheet prints on A4 (issue 18): one page wide, the header row repeated
//! on every page, the shop and the analysis date in the page header and
//! "page / pages" in the footer. サマリー prints on two landscape pages at a
//! fixed scale, each chart inside one page ([`summary_layout`]). Dates are
//! date cells shown as `yyyy/mm/dd`, the time of writing as
//! `yyyy/mm/dd hh:mm`.

use std::path::Path;

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Image, Workbook, Worksheet,
};

use super::actions::PlannedAction;
use super::mask;
use super::playbook::Playbook;
use crate::analytics::comments::NpsComment;
use crate::analytics::report::Report;
use crate::analytics::{Analysis, Dataset};
use crate::chart::charts;
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::labels;
use crate::model::Lang;
use crate::model::{Segment, Stage};
use crate::points::PointRule;
use crate::settings::Settings;

/// The font of the workbook (a Japanese font present on Windows and macOS).
pub const FONT: &str = "游ゴシック";

/// Everything the workbook is written from.
pub struct ExportData<'a> {
    pub shop_name: &'a str,
    pub generated_at: &'a str,
    pub ds: &'a Dataset,
    pub analysis: &'a Analysis,
    pub report: &'a Report,
    /// One action per customer, in `analysis.customers` order.
    pub actions: &'a [PlannedAction],
    /// Names by customer index.
    pub names: &'a [Option<String>],
    pub comments: &'a [NpsComment],
    /// Scrubs e-mails, phones and customer names out of free text (set when
    /// masking is on).
    pub scrubber: Option<&'a super::mask::Scrubber>,
    pub settings: &'a Settings,
    pub rules: &'a [PointRule],
    pub playbook: &'a Playbook,
    /// 効果測定: every campaign against its control group.
    pub effect: &'a crate::ops::EffectReport,
    /// 施策メモ, oldest first (texts scrubbed when masking is on): numbered
    /// markers on the KPI charts, listed on the 効果測定 sheet.
    pub notes: &'a [crate::ops::KpiNote],
    /// アクティブ率 at each month end.
    pub active_trend: &'a [crate::analytics::kpi::PeriodRate],
    pub mask_pii: bool,
}

/// The formats of the workbook, each in a plain and a quote-prefixed variant.
struct Styles {
    text: Format,
    text_quoted: Format,
    header: Format,
    title: Format,
    yen: Format,
    int: Format,
    decimal: Format,
    percent: Format,
    date: Format,
    datetime: Format,
    wrap: Format,
    wrap_quoted: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_font_charset(128);
        Styles {
            text_quoted: base.clone().set_quote_prefix(),
            header: base
                .clone()
                .set_bold()
                .set_background_color("#F3E3E6")
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter),
            title: base.clone().set_bold().set_font_size(14),
            yen: base.clone().set_num_format("¥#,##0"),
            int: base.clone().set_num_format("#,##0"),
            decimal: base.clone().set_num_format("#,##0.00"),
            percent: base.clone().set_num_format("0.0%"),
            date: base.clone().set_num_format("yyyy/mm/dd"),
            datetime: base.clone().set_num_format("yyyy/mm/dd hh:mm"),
            wrap: base.clone().set_text_wrap(),
            wrap_quoted: base.clone().set_text_wrap().set_quote_prefix(),
            text: base,
        }
    }
}

fn xl(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Xlsx(e)
}

/// Writes user text: always a string, quote-prefixed when it looks like a formula.
fn text(ws: &mut Worksheet, row: u32, col: u16, value: &str, st: &Styles) -> Result<()> {
    let quoted = matches!(value.chars().next(), Some('=' | '+' | '-' | '@'));
    let fmt = if quoted { &st.text_quoted } else { &st.text };
    ws.write_string_with_format(row, col, value, fmt)
        .map_err(xl)?;
    Ok(())
}

/// Writes user text as [`text`] does, wrapped in the column's `width` (in
/// characters): for long texts, whole on screen and on paper. The lines it
/// takes, by [`wrapped_lines`].
fn text_wrapped(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    width: f64,
    st: &Styles,
) -> Result<u32> {
    let quoted = matches!(value.chars().next(), Some('=' | '+' | '-' | '@'));
    let fmt = if quoted { &st.wrap_quoted } else { &st.wrap };
    ws.write_string_with_format(row, col, value, fmt)
        .map_err(xl)?;
    Ok(wrapped_lines(value, width))
}

/// The lines a text takes wrapped in a column `width` characters wide, an
/// estimate on the safe side: a full-width character is counted as two
/// digits (it is about 1.8 in 游ゴシック), a character's worth kept for the
/// cell's padding.
fn wrapped_lines(text: &str, width: f64) -> u32 {
    let per_line = (width - 1.0).max(1.0);
    text.lines()
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| {
                    if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                        1.0
                    } else {
                        2.0
                    }
                })
                .sum();
            ((w / per_line).ceil() as u32).max(1)
        })
        .sum::<u32>()
        .max(1)
}

/// Sets a row with wrapped texts to the height of `lines` lines: Excel and
/// LibreOffice keep the height a file gives a row rather than fit it to
/// the text.
fn fit_row(ws: &mut Worksheet, row: u32, lines: u32) -> Result<()> {
    if lines > 1 {
        ws.set_row_height_pixels(row, lines * ROW_PX).map_err(xl)?;
    }
    Ok(())
}

fn date_cell(d: Day) -> Result<ExcelDateTime> {
    use chrono::Datelike;
    let date = day::to_date(d);
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8).map_err(xl)
}

/// The time the workbook was written (`YYYY-MM-DDTHH:MM[:SS]`, as the app and
/// the CLI pass it) as an Excel date and time, or `None` for other text.
fn generated_cell(text: &str) -> Option<ExcelDateTime> {
    use chrono::{Datelike, Timelike};
    let t = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())?;
    ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
        .and_then(|d| d.and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64))
        .ok()
}

/// The text of a masked shop name.
pub const MASKED_SHOP: &str = "(マスク中)";

/// The shop name as the workbook shows it: in the サマリー title and in the
/// page header of every sheet. The workspace's name is usually the client
/// shop's, which is as confidential on a projector or in a shared copy as
/// its customers' names: with masking on it is 「(マスク中)」, as in the PDF
/// report.
pub fn shop_label<'a>(d: &ExportData<'a>) -> &'a str {
    if d.mask_pii {
        MASKED_SHOP
    } else {
        d.shop_name
    }
}

// Printing (issue 18): A4, narrow side margins, room for the page header and
// footer.

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// A4 in inches, short side by long side.
const A4_INCHES: (f64, f64) = (8.268, 11.693);
/// Page margins in inches: left, right, top, bottom, and the page header's
/// and footer's distance from the edge.
const MARGINS: [f64; 6] = [0.4, 0.4, 0.75, 0.6, 0.3, 0.3];

/// The printable width and height of an A4 landscape page at 100 %, in
/// pixels at 96 dpi (the unit of column widths, row heights and images).
fn landscape_printable_px() -> (f64, f64) {
    let [left, right, top, bottom, _, _] = MARGINS;
    (
        (A4_INCHES.1 - left - right) * 96.0,
        (A4_INCHES.0 - top - bottom) * 96.0,
    )
}

/// User text inside a page header or footer: `&` starts a code there, so it
/// is doubled (`&&` prints one `&`), and `&[` gets a full-width bracket so
/// rust_xlsxwriter does not read `&[Tab]` and the like as a code; control
/// characters go, and the text is cut to `max` characters (Excel's limit is
/// 255 for the whole header).
fn header_text(text: &str, max: usize) -> String {
    let mut kept: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
    if text.chars().filter(|c| !c.is_control()).count() > max {
        kept.pop();
        kept.push('…');
    }
    kept.replace('&', "&&").replace("&[", "&［")
}

/// The page header and footer of every sheet: the shop (masked with masking
/// on) at the left, the sheet's name in the middle and the analysis date at
/// the right; the time of writing, "page / pages" and, with masking on, a
/// note that personal data is masked, in the footer.
struct PageText {
    header: String,
    footer: String,
}

impl PageText {
    fn new(d: &ExportData<'_>) -> PageText {
        let shop = header_text(shop_label(d), 60);
        let as_of = day::format(d.analysis.as_of).replace('-', "/");
        let made = header_text(&crate::format::japanese_datetime(d.generated_at), 30);
        let masked = if d.mask_pii {
            "個人情報はマスクしています"
        } else {
            ""
        };
        PageText {
            header: format!("&L{shop}&C&A&R基準日 {as_of}"),
            footer: format!("&L作成 {made}&C&P / &N&R{masked}"),
        }
    }
}

/// The print setup of a table sheet: A4, one page wide (as many pages down
/// as it takes), the header rows `repeat` on every page, grid lines, the
/// page header and footer.
fn print_table(
    ws: &mut Worksheet,
    page: &PageText,
    landscape: bool,
    repeat: Option<(u32, u32)>,
) -> Result<()> {
    print_page(ws, page, landscape);
    ws.set_print_fit_to_pages(1, 0).set_print_gridlines(true);
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last).map_err(xl)?;
    }
    Ok(())
}

/// Paper, orientation, margins, page header and footer.
fn print_page(ws: &mut Worksheet, page: &PageText, landscape: bool) {
    let [left, right, top, bottom, header, footer] = MARGINS;
    ws.set_paper_size(A4)
        .set_margins(left, right, top, bottom, header, footer)
        .set_header(&page.header)
        .set_footer(&page.footer);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
}

/// The widths of サマリー's columns A–E in pixels: the KPI tables, and a
/// narrow gap before the charts. Columns from F on keep the default width.
const SUMMARY_COLUMNS_PX: [u32; 5] = [245, 133, 117, 117, 16];
/// The default column width in pixels (of the workbook's default format).
const DEFAULT_COLUMN_PX: u32 = 72;
/// The row height of サマリー in pixels, and of its title row.
const ROW_PX: u32 = 18;
const TITLE_ROW_PX: u32 = 24;
/// The space between two charts side by side, in pixels.
const CHART_GAP_PX: f64 = 16.0;
/// The space above and below a chart inside its rows, in pixels: a chart
/// whose edge lies on a page break is drawn, a sliver of it, on the other
/// page too (LibreOffice).
const CHART_PAD_PX: u32 = 3;
/// The share of the page's width and height the layout is planned on.
/// Excel draws the columns at the widths planned here (in pixels of the
/// default font, 游ゴシック 11), LibreOffice 15–17 % wider (with or without a
/// Japanese font in place of 游ゴシック): a print area planned on 84 % of the
/// width fits both. Rows have a set height, and images keep their size in
/// pixels, so the height needs less.
const SLACK_WIDTH: f64 = 0.84;
const SLACK_HEIGHT: f64 = 0.97;

/// How many charts of サマリー may go on page 1, beside the KPI tables, one
/// above the other (the first charts of the list: the trends of the stages,
/// the referral rate and the active rate), and how many side by side at most
/// on page 2.
const PAGE1_CHARTS: [usize; 2] = [3, 2];
const MAX_SIDE_BY_SIDE: usize = 3;

/// Where a chart of サマリー goes.
#[derive(Debug, Clone, PartialEq)]
struct ChartPlace {
    /// The row of its top edge.
    row: u32,
    /// Its left edge in pixels from the left of column A.
    x: u32,
    /// Its top edge in pixels below the top of `row`.
    y: u32,
    /// Its size on the sheet as a share of its natural size (≤ 1).
    scale: f64,
    /// Its size on the sheet in pixels.
    width: f64,
    height: f64,
}

/// How サマリー prints: A4 landscape at a fixed `scale` (%), and a manual page
/// break before `page_break`. Page 1 holds the KPI tables with three trend
/// charts beside them, page 2 the other charts, every chart whole on its
/// page. The scale is fixed rather than "fit to one page wide" since Excel
/// and LibreOffice drop manual page breaks under fit-to-page; the print area
/// (`last_row`, `last_col`) is planned narrow enough to fit the page width
/// at that scale.
#[derive(Debug, Clone, PartialEq)]
struct SummaryLayout {
    scale: u16,
    page_break: u32,
    last_row: u32,
    last_col: u16,
    /// The rows a page holds at the scale (planned with slack).
    page_rows: u32,
    charts: Vec<ChartPlace>,
}

/// Charts (natural width and height in pixels) in shelves — a shelf's charts
/// side by side, a free row between shelves — inside a region `width`
/// pixels wide and `rows` rows high: every chart at most its natural size,
/// shrunk alike when they do not fit. The places (row and x relative to the
/// region) and the rows used.
fn fit_shelves(
    charts: &[(f64, f64)],
    shelves: &[usize],
    width: f64,
    rows: u32,
) -> (Vec<ChartPlace>, u32) {
    let mut by_shelf = Vec::new();
    let mut start = 0;
    for &n in shelves {
        let shelf = &charts[start..start + n];
        start += n;
        let natural: f64 = shelf.iter().map(|c| c.0).sum();
        let room = width - CHART_GAP_PX * (n as f64 - 1.0);
        let fit = (room / natural).min(1.0);
        let tallest = shelf.iter().map(|c| c.1).fold(0.0, f64::max);
        by_shelf.push((shelf, fit, tallest));
    }
    let rows_at = |k: f64| -> u32 {
        by_shelf
            .iter()
            .map(|(_, fit, tallest)| shelf_rows(tallest * fit * k))
            .sum::<u32>()
            + by_shelf.len().saturating_sub(1) as u32
    };
    let mut k: f64 = 1.0;
    while rows_at(k) > rows && k > 0.05 {
        k -= 0.01;
    }
    let mut places = Vec::new();
    let mut row = 0u32;
    for (shelf, fit, tallest) in &by_shelf {
        let scale = fit * k;
        let mut x = 0.0;
        for &(w, h) in *shelf {
            places.push(ChartPlace {
                row,
                x: x as u32,
                y: CHART_PAD_PX,
                scale,
                width: w * scale,
                height: h * scale,
            });
            x += (w * scale).ceil() + CHART_GAP_PX;
        }
        row += shelf_rows(tallest * scale) + 1;
    }
    (places, rows_at(k))
}

/// The rows a shelf of charts `height` pixels high takes, with
/// [`CHART_PAD_PX`] above and below.
fn shelf_rows(height: f64) -> u32 {
    ((height + 2.0 * f64::from(CHART_PAD_PX)) / f64::from(ROW_PX)).ceil() as u32
}

/// The ways to cut `n` charts into shelves of at most `most` charts each,
/// in order.
fn shelvings(n: usize, most: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for first in 1..=most.min(n) {
        for mut rest in shelvings(n - first, most) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// Plans サマリー's print (see [`SummaryLayout`]) for KPI tables of
/// `table_rows` rows and the charts' natural sizes, in page order. Tries
/// print areas from narrow to wide (columns of the default width after the
/// tables; a wider one prints smaller but gives the charts more room), 2 or
/// 3 charts beside the tables, and every way to set the others in rows on
/// page 2. Keeps the plan that prints the smallest chart largest, and of
/// those within 2 % the one that prints the tables largest.
fn summary_layout(table_rows: u32, charts: &[(f64, f64)]) -> SummaryLayout {
    let (page_w, page_h) = landscape_printable_px();
    let tables_px: u32 = SUMMARY_COLUMNS_PX.iter().sum();
    let mut options: Vec<(f64, SummaryLayout)> = Vec::new();
    for extra in 1..=40u32 {
        let width = tables_px + extra * DEFAULT_COLUMN_PX;
        let scale = ((SLACK_WIDTH * page_w / f64::from(width)) * 100.0)
            .floor()
            .min(100.0);
        if scale < 25.0 {
            break;
        }
        let page_px = SLACK_HEIGHT * page_h * 100.0 / scale;
        let page_rows = ((page_px - f64::from(TITLE_ROW_PX - ROW_PX)) / f64::from(ROW_PX)) as u32;
        // Page 1 holds the tables whole (always, short of a tiny scale).
        let tables_fit = table_rows <= page_rows;
        for first in PAGE1_CHARTS {
            let first = first.min(charts.len());
            let (beside, rows1) = fit_shelves(
                &charts[..first],
                &vec![1; first],
                f64::from(width - tables_px),
                page_rows,
            );
            let page_break = table_rows.max(rows1);
            let rest = &charts[first..];
            for shelves in shelvings(rest.len(), MAX_SIDE_BY_SIDE) {
                let (page2, rows2) = fit_shelves(rest, &shelves, f64::from(width), page_rows);
                let places: Vec<ChartPlace> = beside
                    .iter()
                    .map(|p| ChartPlace {
                        x: p.x + tables_px,
                        ..p.clone()
                    })
                    .chain(page2.into_iter().map(|p| ChartPlace {
                        row: p.row + page_break,
                        ..p
                    }))
                    .collect();
                let smallest = places.iter().map(|p| p.scale).fold(1.0, f64::min);
                let score = if tables_fit {
                    scale / 100.0 * smallest
                } else {
                    -1.0
                };
                options.push((
                    score,
                    SummaryLayout {
                        scale: scale as u16,
                        page_break,
                        last_row: page_break + rows2.max(1) - 1,
                        last_col: (SUMMARY_COLUMNS_PX.len() as u32 + extra - 1) as u16,
                        page_rows,
                        charts: places,
                    },
                ));
            }
        }
    }
    let best = options.iter().map(|o| o.0).fold(f64::MIN, f64::max);
    options
        .into_iter()
        .filter(|o| o.0 >= best - best.abs() * 0.02)
        .max_by_key(|o| o.1.scale)
        .map(|o| o.1)
        .unwrap_or_else(|| SummaryLayout {
            scale: 100,
            page_break: table_rows,
            last_row: table_rows,
            last_col: SUMMARY_COLUMNS_PX.len() as u16 - 1,
            page_rows: table_rows,
            charts: Vec::new(),
        })
}

fn headers(
    ws: &mut Worksheet,
    row: u32,
    names: &[&str],
    widths: &[f64],
    st: &Styles,
) -> Result<()> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &st.header)
            .map_err(xl)?;
        if let Some(w) = widths.get(c) {
            ws.set_column_width(c as u16, *w).map_err(xl)?;
        }
    }
    ws.set_freeze_panes(row + 1, 0).map_err(xl)?;
    Ok(())
}

fn stage_label(s: Stage) -> &'static str {
    labels::stage(s, Lang::Ja)
}

fn opt_percent(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>, st: &Styles) -> Result<()> {
    match v {
        Some(v) => ws
            .write_number_with_format(row, col, v, &st.percent)
            .map_err(xl)?,
        None => ws
            .write_string_with_format(row, col, "–", &st.text)
            .map_err(xl)?,
    };
    Ok(())
}

/// Writes the workbook.
pub fn write(path: &Path, d: &ExportData<'_>) -> Result<()> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    // The Japanese font for every cell, and a faster compression level: the
    // workbook is about 15 % larger than at the default level, and written in
    // two thirds of the time.
    wb.set_default_format(&st.text, 18, 72).map_err(xl)?;
    wb.set_zip_compression_level(3);
    let page = PageText::new(d);
    summary_sheet(&mut wb, d, &st, &page)?;
    plan_sheet(&mut wb, d, &st, &page)?;
    segment_sheet(&mut wb, d, &st, &page)?;
    ranking_sheet(&mut wb, d, &st, &page)?;
    nps_sheet(&mut wb, d, &st, &page)?;
    effect_sheet(&mut wb, d, &st, &page)?;
    settings_sheet(&mut wb, d, &st, &page)?;
    wb.save(path)
        .map_err(|e| crate::files::xlsx_write_error(path, e))
}

fn summary_sheet(
    wb: &mut Workbook,
    d: &ExportData<'_>,
    st: &Styles,
    page: &PageText,
) -> Result<()> {
    let r = d.report;
    let ws = wb.add_worksheet();
    ws.set_name("サマリー").map_err(xl)?;
    for (col, px) in SUMMARY_COLUMNS_PX.iter().enumerate() {
        ws.set_column_width_pixels(col as u16, *px).map_err(xl)?;
    }
    ws.write_string_with_format(0, 0, format!("{} 惚れ通レポート", shop_label(d)), &st.title)
        .map_err(xl)?;
    ws.write_string_with_format(1, 0, "基準日", &st.text)
        .map_err(xl)?;
    ws.write_datetime_with_format(1, 1, &date_cell(d.analysis.as_of)?, &st.date)
        .map_err(xl)?;
    ws.write_string_with_format(2, 0, "作成日時", &st.text)
        .map_err(xl)?;
    match generated_cell(d.generated_at) {
        Some(t) => ws.write_datetime_with_format(2, 1, &t, &st.datetime),
        None => ws.write_string_with_format(2, 1, d.generated_at, &st.text),
    }
    .map_err(xl)?;
    if d.mask_pii {
        ws.write_string_with_format(3, 0, "個人情報はマスクしています", &st.text)
            .map_err(xl)?;
    }

    headers(ws, 5, &["指標", "値", "目標", "状況"], &[], st)?;
    ws.set_freeze_panes(0, 0).map_err(xl)?;
    let mut row = 6u32;
    let mut kpi = |ws: &mut Worksheet,
                   label: &str,
                   value: Option<f64>,
                   fmt: &Format,
                   target: Option<f64>,
                   target_fmt: &Format|
     -> Result<()> {
        ws.write_string_with_format(row, 0, label, &st.text)
            .map_err(xl)?;
        match value {
            Some(v) => ws.write_number_with_format(row, 1, v, fmt).map_err(xl)?,
            None => ws
                .write_string_with_format(row, 1, "–", &st.text)
                .map_err(xl)?,
        };
        if let Some(t) = target {
            ws.write_number_with_format(row, 2, t, target_fmt)
                .map_err(xl)?;
            let status = match value {
                Some(v) if v >= t => "達成",
                Some(_) => "未達",
                None => "–",
            };
            ws.write_string_with_format(row, 3, status, &st.text)
                .map_err(xl)?;
        }
        row += 1;
        Ok(())
    };
    kpi(
        ws,
        "顧客数",
        Some(r.customers as f64),
        &st.int,
        None,
        &st.int,
    )?;
    kpi(ws, "注文数", Some(r.orders as f64), &st.int, None, &st.int)?;
    kpi(ws, "売上", Some(r.revenue), &st.yen, None, &st.yen)?;
    kpi(
        ws,
        "紹介率(直近の四半期)",
        r.referrals.rate_last_quarter.or(r.referrals.rate),
        &st.percent,
        Some(r.referrals.rate_target),
        &st.percent,
    )?;
    kpi(
        ws,
        "アクティブ率(90日)",
        r.referrals.active.rate,
        &st.percent,
        Some(r.referrals.active.target),
        &st.percent,
    )?;
    let nps = r.nps.latest_quarter.as_ref().unwrap_or(&r.nps.overall);
    kpi(
        ws,
        &format!("NPS({})", nps.period),
        nps.nps,
        &st.decimal,
        None,
        &st.decimal,
    )?;
    kpi(
        ws,
        "NPSの誤差幅(±、95%)",
        nps.margin,
        &st.decimal,
        None,
        &st.decimal,
    )?;
    kpi(
        ws,
        "LTV ¥18,000 × 3回 達成率",
        r.ltv.share,
        &st.percent,
        None,
        &st.percent,
    )?;
    kpi(ws, "平均LTV", r.ltv.average, &st.yen, None, &st.yen)?;
    kpi(
        ws,
        "予測LTV(今後365日)",
        r.clv.predicted_clv_365,
        &st.yen,
        None,
        &st.yen,
    )?;
    kpi(
        ws,
        "90日定着率(紹介)",
        r.referrals.retention.referred.rate,
        &st.percent,
        None,
        &st.percent,
    )?;
    kpi(
        ws,
        "90日定着率(紹介以外)",
        r.referrals.retention.organic.rate,
        &st.percent,
        None,
        &st.percent,
    )?;
    kpi(
        ws,
        "ファンの数(3要素: 数)",
        Some(r.community.fans as f64),
        &st.int,
        None,
        &st.int,
    )?;
    kpi(
        ws,
        "推奨者のファンの割合(3要素: 質)",
        r.community.fans_promoter_share,
        &st.percent,
        None,
        &st.percent,
    )?;
    kpi(
        ws,
        "関与・循環の割合(3要素: 深さ)",
        r.community.depth_share,
        &st.percent,
        None,
        &st.percent,
    )?;
    kpi(
        ws,
        "質の分母: NPSに回答したファン(人)",
        Some(r.community.fans_answered as f64),
        &st.int,
        None,
        &st.int,
    )?;
    // F2 and the active rate, split referred against organic (issue #14).
    for (label, value) in [
        (
            format!("F2転換率({}日以内・別の日に2回目)", r.f2.window_days),
            r.f2.rate,
        ),
        ("F2転換率(紹介)".to_string(), r.f2.referred.rate),
        ("F2転換率(紹介以外)".to_string(), r.f2.organic.rate),
        (
            "アクティブ率(紹介)".to_string(),
            r.referrals.active.referred.rate,
        ),
        (
            "アクティブ率(紹介以外)".to_string(),
            r.referrals.active.organic.rate,
        ),
    ] {
        kpi(ws, &label, value, &st.percent, None, &st.percent)?;
    }
    // The newcomer funnel 居場所 → 役割 → 変化: overall, referred, organic.
    let m = &r.milestones;
    for (group, cohort, counts) in [
        ("", m.cohort, [m.place, m.role, m.change]),
        (
            "・紹介",
            m.referred.cohort,
            [m.referred.place, m.referred.role, m.referred.change],
        ),
        (
            "・紹介以外",
            m.organic.cohort,
            [m.organic.place, m.organic.role, m.organic.change],
        ),
    ] {
        for (name, n) in ["居場所", "役割", "変化"].iter().zip(counts) {
            kpi(
                ws,
                &format!("90日で{name}に届いた割合{group}"),
                (cohort > 0).then(|| n as f64 / cohort as f64),
                &st.percent,
                None,
                &st.percent,
            )?;
        }
    }

    row += 1;
    headers(
        ws,
        row,
        &["ステージ", "顧客数", "累計購入額", "次のステージへ"],
        &[],
        st,
    )?;
    ws.set_freeze_panes(0, 0).map_err(xl)?;
    for step in &r.funnel {
        row += 1;
        ws.write_string_with_format(row, 0, stage_label(step.stage), &st.text)
            .map_err(xl)?;
        ws.write_number_with_format(row, 1, step.customers as f64, &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 2, step.revenue, &st.yen)
            .map_err(xl)?;
        opt_percent(ws, row, 3, step.conversion, st)?;
    }

    let table_rows = row + 1;

    // The charts, drawn by the same code as the app's, at twice the
    // resolution, in the order of the printed pages (see `summary_layout`):
    // beside the tables the trends of the stages, the referral rate and the
    // active rate; then the funnel, the RFM heat map and the quadrants, the
    // NPS trend and the LTV cohorts.
    let lang = Lang::Ja;
    let q = &r.points.quadrants;
    let quadrant_counts = [q[0].1, q[1].1, q[2].1, q[3].1];
    let points: Vec<(i64, i64)> = d
        .analysis
        .customers
        .iter()
        .map(|c| (c.referral_points, c.support_points))
        .collect();
    let notes: Vec<Day> = d
        .notes
        .iter()
        .filter_map(|n| day::parse_iso(&n.day))
        .collect();
    let pngs: Vec<Vec<u8>> = vec![
        charts::png(
            &charts::StageTrend {
                flows: &r.stage_flows,
            },
            lang,
            2,
        )?,
        charts::png(
            &charts::ReferralTrend {
                periods: &r.referrals.quarterly,
                target: r.referrals.rate_target,
                caption: "chart.referral_trend",
                notes: &notes,
            },
            lang,
            2,
        )?,
        charts::png(
            &charts::ReferralTrend {
                periods: d.active_trend,
                target: r.referrals.active.target,
                caption: "chart.active_trend",
                notes: &notes,
            },
            lang,
            2,
        )?,
        charts::png(&charts::Funnel { counts: &r.stages }, lang, 2)?,
        charts::png(
            &charts::Heatmap {
                cells: &r.rfm_heatmap,
            },
            lang,
            2,
        )?,
        charts::png(
            &charts::QuadrantMap {
                points: &points,
                thresholds: r.points.thresholds,
                counts: quadrant_counts,
            },
            lang,
            2,
        )?,
        charts::png(
            &charts::NpsTrend {
                periods: &r.nps.monthly,
                notes: &notes,
            },
            lang,
            2,
        )?,
        charts::png(
            &charts::Cohorts {
                cohorts: &r.ltv.cohorts,
                bar: r.ltv.bar_amount,
            },
            lang,
            2,
        )?,
    ];
    let images = pngs
        .iter()
        .map(|png| Image::new_from_buffer(png).map_err(xl))
        .collect::<Result<Vec<Image>>>()?;
    // Drawn at twice the size: half the pixels (at 96 dpi) is the natural size.
    let sizes: Vec<(f64, f64)> = images
        .iter()
        .map(|i| {
            (
                i.width() * 48.0 / i.width_dpi(),
                i.height() * 48.0 / i.height_dpi(),
            )
        })
        .collect();
    let layout = summary_layout(table_rows, &sizes);
    for (image, place) in images.into_iter().zip(&layout.charts) {
        let k = place.scale / 2.0;
        let image = image.set_scale_width(k).set_scale_height(k);
        ws.insert_image_with_offset(place.row, 0, &image, place.x, place.y)
            .map_err(xl)?;
    }
    // Every row at a set height, so that the pages hold what was planned.
    ws.set_row_height_pixels(0, TITLE_ROW_PX).map_err(xl)?;
    for r in 1..=layout.last_row {
        ws.set_row_height_pixels(r, ROW_PX).map_err(xl)?;
    }
    print_page(ws, page, true);
    ws.set_print_scale(layout.scale)
        .set_print_center_horizontally(true);
    ws.set_page_breaks(&[layout.page_break]).map_err(xl)?;
    ws.set_print_area(0, 0, layout.last_row, layout.last_col)
        .map_err(xl)?;
    Ok(())
}

fn plan_sheet(wb: &mut Workbook, d: &ExportData<'_>, st: &Styles, page: &PageText) -> Result<()> {
    let ws = wb.add_worksheet_with_constant_memory().map_err(xl)?;
    ws.set_name("アクションプラン").map_err(xl)?;
    let names = [
        "顧客ID",
        "氏名",
        "ステージ",
        "温度感",
        "セグメント",
        "R",
        "F",
        "M",
        "累計購入額",
        "紹介ポイント",
        "応援ポイント",
        "熱量",
        "次のアクション",
        "期日",
        "チャネル",
        "理由",
        "禁止施策",
        "状態",
        "種類",
        "関係する顧客",
    ];
    let widths = [
        14.0, 14.0, 8.0, 8.0, 12.0, 4.0, 4.0, 4.0, 12.0, 10.0, 10.0, 8.0, 30.0, 11.0, 18.0, 48.0,
        48.0, 8.0, 12.0, 16.0,
    ];
    headers(ws, 0, &names, &widths, st)?;
    print_table(ws, page, true, Some((0, 0)))?;
    // Number and date formats by column: cells below need no format of their own.
    for (col, fmt) in [
        (5, &st.int),
        (6, &st.int),
        (7, &st.int),
        (8, &st.yen),
        (9, &st.int),
        (10, &st.int),
        (11, &st.decimal),
        (13, &st.date),
    ] {
        ws.set_column_format(col, fmt).map_err(xl)?;
    }
    // The order a consultant works in: soonest first, then the warmest.
    let mut order: Vec<usize> = (0..d.analysis.customers.len()).collect();
    order.sort_by(|&x, &y| {
        d.actions[x].due_on.cmp(&d.actions[y].due_on).then(
            d.analysis.customers[y]
                .heat
                .total_cmp(&d.analysis.customers[x].heat),
        )
    });
    let never: Vec<String> = Stage::ALL
        .iter()
        .map(|&s| {
            d.playbook
                .stage(s)
                .map(|p| {
                    p.never
                        .iter()
                        .map(|n| n.text_ja.as_str())
                        .collect::<Vec<_>>()
                        .join("・")
                })
                .unwrap_or_default()
        })
        .collect();
    let mut row = 1u32;
    for i in order {
        let c = &d.analysis.customers[i];
        let a = &d.actions[i];
        let key = &d.ds.customers[c.idx as usize].key;
        let key = if d.mask_pii {
            mask::key(key)
        } else {
            key.clone()
        };
        text(ws, row, 0, &key, st)?;
        if let Some(name) = d.names.get(c.idx as usize).and_then(|n| n.as_deref()) {
            text(ws, row, 1, &mask::maybe(d.mask_pii, name, mask::name), st)?;
        }
        ws.write_string(row, 2, labels::stage(c.stage, Lang::Ja))
            .map_err(xl)?;
        ws.write_string(row, 3, labels::temperature(c.temperature, Lang::Ja))
            .map_err(xl)?;
        if let Some(seg) = c.segment {
            ws.write_string(row, 4, labels::segment(seg, Lang::Ja))
                .map_err(xl)?;
            ws.write_number(row, 5, f64::from(c.r)).map_err(xl)?;
            ws.write_number(row, 6, f64::from(c.f)).map_err(xl)?;
            ws.write_number(row, 7, f64::from(c.m)).map_err(xl)?;
        }
        ws.write_number(row, 8, c.monetary).map_err(xl)?;
        ws.write_number(row, 9, c.referral_points as f64)
            .map_err(xl)?;
        ws.write_number(row, 10, c.support_points as f64)
            .map_err(xl)?;
        ws.write_number(row, 11, c.heat).map_err(xl)?;
        ws.write_string(row, 12, a.kind.label(Lang::Ja))
            .map_err(xl)?;
        if let Some(due) = day::parse_iso(&a.due_on) {
            ws.write_datetime(row, 13, date_cell(due)?).map_err(xl)?;
        }
        ws.write_string(row, 14, a.channel.label(Lang::Ja))
            .map_err(xl)?;
        text(ws, row, 15, &a.reason.text(Lang::Ja), st)?;
        ws.write_string(row, 16, &never[c.stage.index()])
            .map_err(xl)?;
        ws.write_string(row, 17, labels::label(Lang::Ja, "status", a.status.id()))
            .map_err(xl)?;
        ws.write_string(row, 18, labels::label(Lang::Ja, "step", a.step.id()))
            .map_err(xl)?;
        if let Some(r) = a.related {
            let key = &d.ds.customers[r as usize].key;
            let key = if d.mask_pii {
                mask::key(key)
            } else {
                key.clone()
            };
            text(ws, row, 19, &key, st)?;
        }
        row += 1;
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), (names.len() - 1) as u16)
        .map_err(xl)?;
    ws.set_print_area(0, 0, row.saturating_sub(1).max(1), (names.len() - 1) as u16)
        .map_err(xl)?;
    Ok(())
}

/// A short hint for each segment, beside the stage's own approach.
fn segment_hint(s: Option<Segment>) -> &'static str {
    match s {
        Some(Segment::Champions) => "感謝を言葉に。体験を贈り、割引はしない",
        Some(Segment::Loyal) => "役割や共創の場を",
        Some(Segment::PotentialLoyalist) => "個別のやりとりを重ねる",
        Some(Segment::New) => "お届け後のフォローで安心を深める",
        Some(Segment::Promising) => "使い方や楽しみ方を静かに届ける",
        Some(Segment::NeedAttention) => "近況を伺う",
        Some(Segment::AboutToSleep) => "売り込まず、思い出してもらう",
        Some(Segment::AtRisk) => "個別に理由を伺う",
        Some(Segment::CantLoseThem) => "オーナーから直接、個別に",
        Some(Segment::Hibernating) => "負担のない近況のお便り",
        Some(Segment::Lost) => "無理に追わない",
        None => "まだ購入がない: 安心してもらうことを最優先に",
    }
}

fn segment_sheet(
    wb: &mut Workbook,
    d: &ExportData<'_>,
    st: &Styles,
    page: &PageText,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("セグメント別").map_err(xl)?;
    headers(
        ws,
        0,
        &[
            "ステージ",
            "RFMセグメント",
            "顧客数",
            "累計購入額",
            "おすすめの関わり方",
        ],
        &[10.0, 14.0, 10.0, 14.0, 80.0],
        st,
    )?;
    print_table(ws, page, true, Some((0, 0)))?;
    let mut cells: Vec<(Stage, Option<Segment>, u64, f64)> = Vec::new();
    for &stage in &Stage::ALL {
        for seg in Segment::ALL
            .iter()
            .map(|s| Some(*s))
            .chain(std::iter::once(None))
        {
            let (n, m) = d
                .analysis
                .customers
                .iter()
                .filter(|c| c.stage == stage && c.segment == seg)
                .fold((0u64, 0f64), |(n, m), c| (n + 1, m + c.monetary));
            if n > 0 {
                cells.push((stage, seg, n, m));
            }
        }
    }
    for (i, (stage, seg, n, m)) in cells.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, labels::stage(*stage, Lang::Ja), &st.text)
            .map_err(xl)?;
        ws.write_string_with_format(
            row,
            1,
            seg.map_or("(購入なし)", |s| labels::segment(s, Lang::Ja)),
            &st.text,
        )
        .map_err(xl)?;
        ws.write_number_with_format(row, 2, *n as f64, &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 3, *m, &st.yen)
            .map_err(xl)?;
        let approach = d
            .playbook
            .stage(*stage)
            .map(|p| p.do_ja.join("・"))
            .unwrap_or_default();
        ws.write_string_with_format(
            row,
            4,
            format!("{approach}({})", segment_hint(*seg)),
            &st.text,
        )
        .map_err(xl)?;
    }
    ws.autofilter(0, 0, cells.len().max(1) as u32, 4)
        .map_err(xl)?;
    ws.set_print_area(0, 0, cells.len().max(1) as u32, 4)
        .map_err(xl)?;
    Ok(())
}

fn ranking_sheet(
    wb: &mut Workbook,
    d: &ExportData<'_>,
    st: &Styles,
    page: &PageText,
) -> Result<()> {
    let ws = wb.add_worksheet_with_constant_memory().map_err(xl)?;
    ws.set_name("紹介ランキング").map_err(xl)?;
    headers(
        ws,
        0,
        &[
            "順位",
            "顧客ID",
            "氏名",
            "紹介して購入した人",
            "紹介した人",
            "紹介した人の累計購入額",
            "紹介ポイント",
            "熱量",
            "ステージ",
        ],
        &[6.0, 14.0, 14.0, 16.0, 12.0, 20.0, 12.0, 10.0, 10.0],
        st,
    )?;
    print_table(ws, page, false, Some((0, 0)))?;
    let mut referee_ltv = vec![0f64; d.ds.customers.len()];
    for c in &d.analysis.customers {
        if let Some(p) = c.referrer {
            referee_ltv[p as usize] += c.monetary;
        }
    }
    let mut referrers: Vec<&crate::analytics::CustomerResult> = d
        .analysis
        .customers
        .iter()
        .filter(|c| c.referred_count > 0)
        .collect();
    referrers.sort_by(|x, y| {
        y.referred_buyers
            .cmp(&x.referred_buyers)
            .then(y.referral_points.cmp(&x.referral_points))
            .then(y.heat.total_cmp(&x.heat))
    });
    for (i, c) in referrers.iter().enumerate() {
        let row = i as u32 + 1;
        let key = &d.ds.customers[c.idx as usize].key;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.int)
            .map_err(xl)?;
        text(ws, row, 1, &mask::maybe(d.mask_pii, key, mask::key), st)?;
        if let Some(name) = d.names.get(c.idx as usize).and_then(|n| n.as_deref()) {
            text(ws, row, 2, &mask::maybe(d.mask_pii, name, mask::name), st)?;
        }
        ws.write_number_with_format(row, 3, f64::from(c.referred_buyers), &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 4, f64::from(c.referred_count), &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 5, referee_ltv[c.idx as usize], &st.yen)
            .map_err(xl)?;
        ws.write_number_with_format(row, 6, c.referral_points as f64, &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 7, c.heat, &st.decimal)
            .map_err(xl)?;
        ws.write_string_with_format(row, 8, labels::stage(c.stage, Lang::Ja), &st.text)
            .map_err(xl)?;
    }
    ws.autofilter(0, 0, referrers.len().max(1) as u32, 8)
        .map_err(xl)?;
    ws.set_print_area(0, 0, referrers.len().max(1) as u32, 8)
        .map_err(xl)?;
    Ok(())
}

/// The width of NPS's comment column (E), in characters.
const NPS_COMMENT_WIDTH: f64 = 50.0;

fn nps_sheet(wb: &mut Workbook, d: &ExportData<'_>, st: &Styles, page: &PageText) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("NPS").map_err(xl)?;
    headers(
        ws,
        0,
        &[
            "期間",
            "回答数",
            "推奨者",
            "中立者",
            "批判者",
            "NPS",
            "誤差幅(±)",
        ],
        &[12.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        st,
    )?;
    // The comments (column E, below) wrap in a width that shows them whole.
    ws.set_column_width(4, NPS_COMMENT_WIDTH).map_err(xl)?;
    let mut row = 1u32;
    for p in d
        .report
        .nps
        .quarterly
        .iter()
        .chain(d.report.nps.monthly.iter())
    {
        ws.write_string_with_format(row, 0, &p.period, &st.text)
            .map_err(xl)?;
        for (k, v) in [p.responses, p.promoters, p.passives, p.detractors]
            .iter()
            .enumerate()
        {
            ws.write_number_with_format(row, 1 + k as u16, *v as f64, &st.int)
                .map_err(xl)?;
        }
        if let Some(v) = p.nps {
            ws.write_number_with_format(row, 5, v, &st.decimal)
                .map_err(xl)?;
        }
        if let Some(v) = p.margin {
            ws.write_number_with_format(row, 6, v, &st.decimal)
                .map_err(xl)?;
        }
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "推奨者の平均LTV ÷ 批判者の平均LTV", &st.text)
        .map_err(xl)?;
    if let Some(v) = d.report.nps.ltv.ratio {
        ws.write_number_with_format(row, 1, v, &st.decimal)
            .map_err(xl)?;
    }
    row += 2;
    // The comments run over many pages: their header row repeats.
    print_table(ws, page, false, Some((row, row)))?;
    for (c, h) in ["回答日", "スコア", "区分", "顧客ID", "コメント", "カテゴリ"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)
            .map_err(xl)?;
    }
    for cm in d.comments {
        row += 1;
        match day::parse_iso(&cm.answered_on) {
            Some(day) => ws.write_datetime_with_format(row, 0, date_cell(day)?, &st.date),
            None => ws.write_string_with_format(row, 0, &cm.answered_on, &st.text),
        }
        .map_err(xl)?;
        ws.write_number_with_format(row, 1, f64::from(cm.score), &st.int)
            .map_err(xl)?;
        let group = match cm.group {
            crate::analytics::comments::NpsGroup::Promoter => "推奨者",
            crate::analytics::comments::NpsGroup::Passive => "中立者",
            crate::analytics::comments::NpsGroup::Detractor => "批判者",
        };
        ws.write_string_with_format(row, 2, group, &st.text)
            .map_err(xl)?;
        if let Some(k) = &cm.customer_key {
            text(ws, row, 3, &mask::maybe(d.mask_pii, k, mask::key), st)?;
        }
        let lines = match d.scrubber {
            Some(s) => text_wrapped(ws, row, 4, &s.scrub(&cm.comment), NPS_COMMENT_WIDTH, st)?,
            None => text_wrapped(ws, row, 4, &cm.comment, NPS_COMMENT_WIDTH, st)?,
        };
        fit_row(ws, row, lines)?;
        let cats: Vec<&str> = cm.categories.iter().map(|c| c.label(Lang::Ja)).collect();
        ws.write_string_with_format(row, 5, cats.join("・"), &st.text)
            .map_err(xl)?;
    }
    ws.set_print_area(0, 0, row, 6).map_err(xl)?;
    Ok(())
}

/// 効果測定: one row per campaign and outcome (domain.md §7).
fn effect_sheet(wb: &mut Workbook, d: &ExportData<'_>, st: &Styles, page: &PageText) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("効果測定").map_err(xl)?;
    headers(
        ws,
        0,
        &[
            "施策",
            "比較の方法",
            "送付",
            "対照",
            "測る期間(日)",
            "最初の連絡日",
            "最後の連絡日",
            "指標",
            "送付の値",
            "対照の値",
            "差",
            "95%区間の下限",
            "95%区間の上限",
            "判定",
            "見分けられる最小の差",
        ],
        &[
            24.0, 22.0, 8.0, 8.0, 10.0, 12.0, 12.0, 18.0, 10.0, 10.0, 10.0, 12.0, 12.0, 16.0, 16.0,
        ],
        st,
    )?;
    print_table(ws, page, true, Some((0, 0)))?;
    let mut row = 1u32;
    for c in &d.effect.campaigns {
        let o = &c.outcomes;
        for (id, e) in [
            ("purchase", &o.purchase),
            ("revenue", &o.revenue),
            ("stage_up", &o.stage_up),
            ("referral", &o.referral),
            ("promoter", &o.promoter),
        ] {
            let name = match c.campaign.strip_prefix("plan:") {
                Some(action) => format!(
                    "プランの一歩: {}",
                    labels::label(Lang::Ja, "action", action)
                ),
                None => c.campaign.clone(),
            };
            // A campaign is the shop's own words: scrubbed like other free text.
            let name = match d.scrubber {
                Some(s) => s.scrub(&name),
                None => name,
            };
            text(ws, row, 0, &name, st)?;
            ws.write_string(
                row,
                1,
                labels::label(Lang::Ja, "method", method_id(c.method)),
            )
            .map_err(xl)?;
            ws.write_number_with_format(row, 2, c.treated as f64, &st.int)
                .map_err(xl)?;
            ws.write_number_with_format(row, 3, c.control as f64, &st.int)
                .map_err(xl)?;
            ws.write_number_with_format(row, 4, c.window_days as f64, &st.int)
                .map_err(xl)?;
            for (col, day) in [(5u16, &c.first_contact), (6, &c.last_contact)] {
                if let Some(day) = day::parse_iso(day) {
                    ws.write_datetime_with_format(row, col, date_cell(day)?, &st.date)
                        .map_err(xl)?;
                }
            }
            ws.write_string(row, 7, labels::label(Lang::Ja, "outcome", id))
                .map_err(xl)?;
            let fmt = if id == "revenue" {
                &st.yen
            } else {
                &st.percent
            };
            for (col, v) in [
                (8u16, e.treated_rate),
                (9, e.control_rate),
                (10, e.uplift),
                (11, e.ci_low),
                (12, e.ci_high),
                (14, e.detectable),
            ] {
                if let Some(v) = v {
                    ws.write_number_with_format(row, col, v, fmt).map_err(xl)?;
                }
            }
            ws.write_string(row, 13, labels::label(Lang::Ja, "verdict", e.verdict.id()))
                .map_err(xl)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xl)?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 14)
        .map_err(xl)?;
    // 施策メモ, numbered as the サマリー charts mark them.
    if !d.notes.is_empty() {
        row += 1;
        for (c, name) in ["施策メモ(グラフの番号)", "日付", "メモ"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row, c as u16, *name, &st.header)
                .map_err(xl)?;
        }
        for (i, n) in d.notes.iter().enumerate() {
            row += 1;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &st.int)
                .map_err(xl)?;
            if let Some(day) = day::parse_iso(&n.day) {
                ws.write_datetime_with_format(row, 1, date_cell(day)?, &st.date)
                    .map_err(xl)?;
            }
            text(ws, row, 2, &n.text, st)?;
        }
    }
    ws.set_print_area(0, 0, row.max(1), 14).map_err(xl)?;
    Ok(())
}

fn method_id(m: crate::analytics::effect::Method) -> &'static str {
    match m {
        crate::analytics::effect::Method::Randomised => "randomised",
        crate::analytics::effect::Method::Observational => "observational",
    }
}

/// The widths of 設定's columns A–C, and of F (the point rules' 意味), in
/// characters: the playbook's やること and 禁止施策 (B, C) and 意味 wrap.
const SETTINGS_WIDTHS: [f64; 3] = [44.0, 40.0, 36.0];
const SETTINGS_MEANING_WIDTH: f64 = 40.0;

fn settings_sheet(
    wb: &mut Workbook,
    d: &ExportData<'_>,
    st: &Styles,
    page: &PageText,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("設定").map_err(xl)?;
    headers(ws, 0, &["項目", "値"], &SETTINGS_WIDTHS[..2], st)?;
    ws.set_column_width(2, SETTINGS_WIDTHS[2]).map_err(xl)?;
    ws.set_column_width(5, SETTINGS_MEANING_WIDTH).map_err(xl)?;
    // Three tables one under the other: no header row to repeat.
    print_table(ws, page, true, None)?;
    let s = d.settings;
    let rows: Vec<(&str, String)> = vec![
        ("基準日", day::format(d.analysis.as_of)),
        (
            "お試しの上限(これ以下はお試し購入)",
            format!("{}", s.trial_threshold),
        ),
        ("熱量の半減期(日)", format!("{}", s.heat_half_life_days)),
        ("紹介率の目標", format!("{}", s.targets.referral_rate)),
        ("アクティブ率の目標", format!("{}", s.targets.active_rate)),
        (
            "効果測定: 手順ごとに対照として送らない割合",
            format!("{}", s.holdout_share),
        ),
        ("LTVの基準(金額)", format!("{}", s.targets.ltv_amount)),
        (
            "LTVの基準(購入回数)",
            format!("{}", s.targets.ltv_purchases),
        ),
        (
            "循環: 活動の期限(日)",
            format!("{}", s.stages.circulation_active_days),
        ),
        (
            "循環: NPSの下限",
            format!("{}", s.stages.circulation_min_nps),
        ),
        (
            "関与: 期間(日)",
            format!("{}", s.stages.involvement_window_days),
        ),
        (
            "関与: 参加回数の下限",
            format!("{}", s.stages.involvement_min_participations),
        ),
        (
            "関与: 応援ポイントの下限",
            format!("{}", s.stages.involvement_min_support_points),
        ),
        ("共感: NPSの下限", format!("{}", s.stages.empathy_min_nps)),
        (
            "共感: 購入回数の下限",
            format!("{}", s.stages.empathy_min_frequency),
        ),
        (
            "温度感: 温かい(間隔の倍率)",
            format!("{}", s.temperature.warm_ratio),
        ),
        (
            "温度感: 冷めかけ(間隔の倍率)",
            format!("{}", s.temperature.cooling_ratio),
        ),
        (
            "温度感: 冷えた(間隔の倍率)",
            format!("{}", s.temperature.cold_ratio),
        ),
        (
            "温度感: 1回購入 温かい(日)",
            format!("{}", s.temperature.single_warm_days),
        ),
        (
            "温度感: 1回購入 冷めかけ(日)",
            format!("{}", s.temperature.single_cooling_days),
        ),
        (
            "温度感: 1回購入 冷えた(日)",
            format!("{}", s.temperature.single_cold_days),
        ),
        (
            "RFMの採点",
            serde_json::to_string(&s.rfm).unwrap_or_default(),
        ),
        ("四象限: 上位の割合", format!("{}", s.quadrant_top_share)),
        (
            "アクティブ率の期間(日)",
            format!("{}", s.active_window_days),
        ),
        ("定着率の期間(日)", format!("{}", s.retention_window_days)),
        ("中期フェーズの基準(割合)", format!("{}", s.mid_phase_share)),
        (
            "お願いの間隔(日)",
            format!("{}", d.playbook.ask_cooldown_days),
        ),
        (
            "同じアクションの間隔(日)",
            format!("{}", d.playbook.repeat_cooldown_days),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 1, 0, *k, &st.text)
            .map_err(xl)?;
        ws.write_string_with_format(i as u32 + 1, 1, v, &st.text)
            .map_err(xl)?;
    }
    let mut row = rows.len() as u32 + 2;
    for (c, h) in [
        "ポイントの種類",
        "軸",
        "ポイント",
        "ブランドタグ加点",
        "画像加点",
        "意味",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)
            .map_err(xl)?;
    }
    for r in d.rules {
        row += 1;
        text(ws, row, 0, &r.label_ja, st)?;
        ws.write_string_with_format(
            row,
            1,
            if r.axis == crate::model::Axis::Referral {
                "紹介"
            } else {
                "応援"
            },
            &st.text,
        )
        .map_err(xl)?;
        ws.write_number_with_format(row, 2, r.points as f64, &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 3, r.brand_tag_bonus as f64, &st.int)
            .map_err(xl)?;
        ws.write_number_with_format(row, 4, r.image_bonus as f64, &st.int)
            .map_err(xl)?;
        let lines = text_wrapped(ws, row, 5, &r.meaning_ja, SETTINGS_MEANING_WIDTH, st)?;
        fit_row(ws, row, lines)?;
    }
    row += 2;
    for (c, h) in ["ステージ", "やること", "禁止施策"].iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)
            .map_err(xl)?;
    }
    for p in &d.playbook.stages {
        row += 1;
        ws.write_string_with_format(row, 0, labels::stage(p.stage, Lang::Ja), &st.text)
            .map_err(xl)?;
        let never = p
            .never
            .iter()
            .map(|n| n.text_ja.as_str())
            .collect::<Vec<_>>()
            .join("・");
        let lines = text_wrapped(ws, row, 1, &p.do_ja.join("・"), SETTINGS_WIDTHS[1], st)?
            .max(text_wrapped(ws, row, 2, &never, SETTINGS_WIDTHS[2], st)?);
        fit_row(ws, row, lines)?;
    }
    ws.set_print_area(0, 0, row, 5).map_err(xl)?;
    Ok(())
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
