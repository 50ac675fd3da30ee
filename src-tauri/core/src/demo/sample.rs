//! The files the demo shop would export from its cart and tools: the sample
//! inputs the import pipeline is tested on (`assets/sample/`).
//!
//! - `orders.xlsx`: one row per order line, Japanese headers, real Excel datetimes;
//! - `orders_sjis.csv`: the same rows as a Shift_JIS (CP932) CSV with CRLF, as
//!   Japanese cart systems write them;
//! - `customers.xlsx`: the member list with referrers (紹介者);
//! - `events.xlsx`: engagement events (reviews, SNS posts, LINE, surveys, events);
//! - `nps.xlsx`: NPS answers, some anonymous.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::{DemoOrder, DemoShop};
use crate::day;
use crate::error::{Error, Result};
use crate::points;

/// Headers of the orders export.
pub const ORDER_HEADERS: [&str; 12] = [
    "注文番号",
    "注文日時",
    "会員ID",
    "氏名",
    "メールアドレス",
    "電話番号",
    "商品コード",
    "商品名",
    "単価",
    "数量",
    "小計",
    "ステータス",
];

/// File names written by [`write_samples`].
pub const FILES: [&str; 5] = [
    "orders.xlsx",
    "orders_sjis.csv",
    "customers.xlsx",
    "events.xlsx",
    "nps.xlsx",
];

/// Japanese label of an event kind, as the shop's sheet writes it.
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        points::KIND_REVIEW => "レビュー投稿",
        points::KIND_SNS_POST => "SNS投稿",
        points::KIND_ROUNDTABLE => "座談会参加",
        points::KIND_SURVEY => "アンケート回答",
        points::KIND_EVENT => "イベント参加",
        points::KIND_LINE_ACTION => "LINEアクション",
        points::KIND_TESTIMONIAL => "お客様の声",
        _ => "その他",
    }
}

fn status_text(o: &DemoOrder) -> &'static str {
    if o.cancelled {
        "キャンセル"
    } else if o.amount() < 0 {
        "返品"
    } else {
        "発送済み"
    }
}

fn excel_datetime(d: day::Day, seconds: u32) -> Result<ExcelDateTime> {
    let date = day::to_date(d);
    use chrono::Datelike;
    let dt = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?
        .and_hms(
            (seconds / 3600) as u16,
            (seconds / 60 % 60) as u8,
            f64::from(seconds % 60),
        )?;
    Ok(dt)
}

fn workbook() -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 11, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("ひだまり茶舗"),
    );
    Ok(wb)
}

fn header(ws: &mut Worksheet, headers: &[&str]) -> Result<()> {
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn save(mut wb: Workbook, path: &Path) -> Result<()> {
    wb.save(path).map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Writes every sample file into `dir` (created if missing).
pub fn write_samples(shop: &DemoShop, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::FileWrite {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_orders_xlsx(shop, &dir.join(FILES[0]))?;
    write_orders_csv(shop, &dir.join(FILES[1]))?;
    write_customers_xlsx(shop, &dir.join(FILES[2]))?;
    write_events_xlsx(shop, &dir.join(FILES[3]))?;
    write_nps_xlsx(shop, &dir.join(FILES[4]))?;
    Ok(())
}

fn write_orders_xlsx(shop: &DemoShop, path: &Path) -> Result<()> {
    let mut wb = workbook()?;
    let date_format = Format::new().set_num_format("yyyy/mm/dd hh:mm");
    let yen = Format::new().set_num_format("#,##0");
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("受注データ")?;
    header(ws, &ORDER_HEADERS)?;
    let mut row = 1u32;
    for o in &shop.orders {
        let c = &shop.customers[o.customer];
        let at = excel_datetime(o.day, o.seconds)?;
        for l in &o.lines {
            ws.write_string(row, 0, &o.order_no)?;
            ws.write_datetime_with_format(row, 1, &at, &date_format)?;
            ws.write_string(row, 2, &c.key)?;
            ws.write_string(row, 3, &c.name)?;
            ws.write_string(row, 4, &c.email)?;
            ws.write_string(row, 5, &c.phone)?;
            ws.write_string(row, 6, l.product.sku)?;
            ws.write_string(row, 7, l.product.name)?;
            ws.write_number_with_format(row, 8, l.product.price as f64, &yen)?;
            ws.write_number(row, 9, l.quantity as f64)?;
            ws.write_number_with_format(row, 10, l.amount() as f64, &yen)?;
            ws.write_string(row, 11, status_text(o))?;
            row += 1;
        }
    }
    save(wb, path)
}

fn write_orders_csv(shop: &DemoShop, path: &Path) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    w.write_record(ORDER_HEADERS).map_err(csv_err)?;
    for o in &shop.orders {
        let c = &shop.customers[o.customer];
        let at = o.ordered_at().replace('-', "/");
        for l in &o.lines {
            w.write_record([
                o.order_no.as_str(),
                at.as_str(),
                c.key.as_str(),
                c.name.as_str(),
                c.email.as_str(),
                c.phone.as_str(),
                l.product.sku,
                l.product.name,
                &l.product.price.to_string(),
                &l.quantity.to_string(),
                &l.amount().to_string(),
                status_text(o),
            ])
            .map_err(csv_err)?;
        }
    }
    let utf8 = w.into_inner().map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8(utf8).map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    if unmappable {
        return Err(Error::FileWrite {
            path: path.to_path_buf(),
            reason: "a character has no Shift_JIS (CP932) code".into(),
        });
    }
    std::fs::write(path, &bytes).map_err(|e| Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

fn write_customers_xlsx(shop: &DemoShop, path: &Path) -> Result<()> {
    let mut wb = workbook()?;
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let ws = wb.add_worksheet();
    ws.set_name("会員リスト")?;
    header(
        ws,
        &[
            "会員ID",
            "氏名",
            "メールアドレス",
            "電話番号",
            "登録日",
            "紹介者ID",
            "流入経路",
        ],
    )?;
    for (i, c) in shop.customers.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &c.key)?;
        ws.write_string(row, 1, &c.name)?;
        ws.write_string(row, 2, &c.email)?;
        ws.write_string(row, 3, &c.phone)?;
        ws.write_datetime_with_format(row, 4, &excel_datetime(c.registered_on, 0)?, &date_format)?;
        if let Some(p) = c.referrer {
            ws.write_string(row, 5, &shop.customers[p].key)?;
        }
        ws.write_string(row, 6, c.channel)?;
    }
    ws.autofit();
    save(wb, path)
}

fn write_events_xlsx(shop: &DemoShop, path: &Path) -> Result<()> {
    let mut wb = workbook()?;
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let ws = wb.add_worksheet();
    ws.set_name("応援・紹介アクション")?;
    header(
        ws,
        &["会員ID", "日付", "種別", "ブランドタグ", "画像", "メモ"],
    )?;
    for (i, e) in shop.events.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &shop.customers[e.customer].key)?;
        ws.write_datetime_with_format(row, 1, &excel_datetime(e.day, 0)?, &date_format)?;
        ws.write_string(row, 2, event_label(e.kind))?;
        ws.write_string(row, 3, if e.brand_tag { "あり" } else { "なし" })?;
        ws.write_string(row, 4, if e.has_image { "あり" } else { "なし" })?;
        ws.write_string(row, 5, e.note)?;
    }
    save(wb, path)
}

fn write_nps_xlsx(shop: &DemoShop, path: &Path) -> Result<()> {
    let mut wb = workbook()?;
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let ws = wb.add_worksheet();
    ws.set_name("NPS回答")?;
    header(ws, &["回答日", "会員ID", "スコア", "コメント"])?;
    for (i, a) in shop.nps.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, &excel_datetime(a.day, 0)?, &date_format)?;
        if let Some(c) = a.customer {
            ws.write_string(row, 1, &shop.customers[c].key)?;
        }
        ws.write_number(row, 2, f64::from(a.score))?;
        if let Some(text) = a.comment {
            ws.write_string(row, 3, text)?;
        }
    }
    save(wb, path)
}
