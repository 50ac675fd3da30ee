//! The built-in import presets over small, realistic exports of the shop
//! systems they are named after (`tests/fixtures/presets/`, written by
//! `make_presets.py` there).
//!
//! For every export: the preset is recognised from the headers alone, and
//! naming it with `--preset` gives the same workspace; every row is read and
//! none rejected; the report's orders, customer keys and anonymous rows, and
//! the summary's orders, customers and revenue, equal the figures worked out
//! by hand from the file below (domain.md §2: an order's amount is its total
//! counted once, else the sum of its lines; cancelled and fully refunded
//! orders are left out; returns count negative); importing the same file
//! again adds nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

/// What one export must give, computed by hand from its rows.
struct Case {
    file: &'static str,
    /// The preset `import` must detect (and accept by name).
    preset: &'static str,
    /// The encoding the CSV must be read with.
    encoding: &'static str,
    /// Data rows (one per order line).
    rows_read: u64,
    /// Orders in the file, cancelled and refunded ones included.
    orders: u64,
    /// Distinct customer keys, including keys whose only order was
    /// cancelled or returned.
    customers: u64,
    /// Rows without a customer key.
    anonymous_rows: u64,
    /// Orders marked cancelled, or refunded in full, by the file.
    cancelled: u64,
    /// Credit notes: orders with a negative amount.
    returns: u64,
    /// `summary`: orders that count (not cancelled, not refunded; returns count).
    counted_orders: u64,
    /// `summary`: the sum of the counted orders' amounts.
    revenue: f64,
    /// `summary`: the part of `revenue` without a customer key.
    anonymous_revenue: f64,
    /// `summary`: keys with at least one purchase.
    buyers: u64,
    /// Words each of the import's warnings must contain, in order (none for most).
    warnings: &'static [&'static str],
    /// What the sending lists made from the export hold.
    sending: Sending,
}

/// The sending lists of an export (issue #16), worked out by hand from the
/// consent and address columns the make_presets.py rows carry: the latest
/// consent per customer, the latest address. Lists are of the analysis's
/// customers: a key whose only order was cancelled or refunded is on none.
struct Sending {
    /// `list --format mail`: the e-mails on it, sorted.
    mailable: &'static [&'static str],
    /// Left out: declined marketing (the latest order or row says no).
    declined: u64,
    /// Left out: no e-mail.
    no_email: u64,
    /// Left out: an Amazon relay address (Amazon forbids marketing to it).
    marketplace: u64,
    /// `list --format address`: 〒, 都道府県, 市区町村, 番地, 建物, 氏名, sorted.
    addresses: &'static [[&'static str; 6]],
}

const NO_SENDING: Sending = Sending {
    mailable: &[],
    declined: 0,
    no_email: 0,
    marketplace: 0,
    addresses: &[],
};

// Shopify orders_export.csv: one row per line item; Total (goods + shipping −
// discount) only on an order's first row.
//   #1001 Hanako.Yamada@Example.jp    2 rows  2×1,200 + 1,800 = 4,200 + shipping 600 → Total 4,800
//   #1002 taro.sato@example.com       1 row   3×900 + 600                          → 3,300
//   #1003 (no e-mail: shop-front sale) 2 rows 2,000 + 3,500                        → 5,500, anonymous
//   #1004 kenji.ito@example.net       1 row   3,000 + 600 = 3,600, voided + Cancelled at → cancelled
//   #1005 HANAKO.YAMADA@EXAMPLE.JP    1 row   1,200 + 600 → 1,800 (the customer of #1001)
//   #1006 mika.kobayashi@example.org  2 rows  4,800 + 2,600 = 7,400, refunded → left out
//   #1007 taro.sato@example.com       1 row   2×1,200 − 240 + 600                  → 2,760
//   #1008 yuki.mori@example.jp        1 row   2×1,400 + 600 = 3,400, pending bank transfer: counts
//   #1009 taro.sato@example.com       2 rows  4,800 + 900 + 600 = Total 6,300, partially_refunded,
//                                             Refunded Amount 4,800                → 1,500
// Rows 2+1+2+1+1+2+1+1+2 = 13; orders 9; keys hanako, taro, kenji, mika, yuki = 5;
// anonymous rows 2 (#1003); cancelled or refunded 2 (#1004, #1006); returns 0.
// Counted orders 9 − 2 = 7; revenue 4,800 + 3,300 + 5,500 + 1,800 + 2,760 + 3,400
// + 1,500 = 23,060, anonymous 5,500; buyers hanako, taro, yuki = 3.
const SHOPIFY: Case = Case {
    file: "shopify_orders_export.csv",
    preset: "shopify",
    encoding: "utf8",
    rows_read: 13,
    orders: 9,
    customers: 5,
    anonymous_rows: 2,
    cancelled: 2,
    returns: 0,
    counted_orders: 7,
    revenue: 23_060.0,
    anonymous_revenue: 5_500.0,
    buyers: 3,
    warnings: &[],
    sending: Sending {
        // The buyers only (伊藤 cancelled, 小林 refunded: no one's customer).
        // Accepts Marketing: 山田 said yes (#1001), then no (#1005); 佐藤
        // yes; 森 no. Billing address columns, JP province names in English.
        mailable: &["taro.sato@example.com"],
        declined: 2,
        no_email: 0,
        marketplace: 0,
        addresses: &[
            [
                "100-0005",
                "東京都",
                "千代田区",
                "丸の内1-1-1",
                "丸の内ビル3F",
                "佐藤 太郎",
            ],
            [
                "420-0852",
                "静岡県",
                "静岡市葵区",
                "紺屋町1-1",
                "",
                "山田 花子",
            ],
            [
                "600-8001",
                "京都府",
                "京都市下京区",
                "四条通1",
                "",
                "森 由紀",
            ],
        ],
    },
};

// 楽天 RMS, new layout (Shift_JIS): 合計金額 = goods + shipping, repeated on
// every line row of the order.
//   …0101 髙橋 a41f…  2 rows  2×1,080 + 660 + 550        = 3,370
//   …0102 佐藤 5c03…  1 row   3×540 + 550                = 2,170
//   …0103 鈴木 9e7b…  1 row   3,240 + 550 = 3,790, キャンセル確定 → cancelled
//   …0104 髙橋 a41f…  3 rows  1,080 + 864 + 2,160 (free)  = 4,104
//   …0105 田中 31d6…  1 row   2×1,296 + 550 = 3,142, 発送待ち: counts
//   …0106 佐藤 5c03…  1 row   2×864 + 550                = 2,278
//   …0107 渡邉 c8a2…  2 rows  3,780 + 220 (free)          = 4,000
// Rows 2+1+1+3+1+1+2 = 11; orders 7; keys 5; anonymous 0; cancelled 1.
// Counted 6; revenue 3,370 + 2,170 + 4,104 + 3,142 + 2,278 + 4,000 = 19,064;
// buyers 4 (鈴木 only cancelled).
const RAKUTEN_NEW: Case = Case {
    file: "rakuten_rms_new.csv",
    preset: "rakuten",
    encoding: "shift_jis",
    rows_read: 11,
    orders: 7,
    customers: 5,
    anonymous_rows: 0,
    cancelled: 1,
    returns: 0,
    counted_orders: 6,
    revenue: 19_064.0,
    anonymous_revenue: 0.0,
    buyers: 4,
    warnings: &[],
    sending: Sending {
        // The four buyers (鈴木 only cancelled). メルマガ希望 1/0: 佐藤 and
        // 田中 0. The address is one cell (注文者住所): 都道府県 split off it.
        mailable: &[
            "a41f0c9be27d5@pc.fw.rakuten.ne.jp",
            "c8a2e5b91f307@pc.fw.rakuten.ne.jp",
        ],
        declined: 2,
        no_email: 0,
        marketplace: 0,
        addresses: &[
            [
                "060-0001",
                "北海道",
                "",
                "札幌市中央区北一条西2-1",
                "",
                "渡邉 真一",
            ],
            [
                "100-0001",
                "東京都",
                "",
                "千代田区千代田1-1",
                "",
                "佐藤 一郎",
            ],
            [
                "420-0001",
                "静岡県",
                "",
                "静岡市葵区追手町9-6",
                "",
                "髙橋 美咲",
            ],
            [
                "812-0011",
                "福岡県",
                "",
                "福岡市博多区博多駅前2-1",
                "",
                "田中 健",
            ],
        ],
    },
};

// 楽天 RMS, old layout (Shift_JIS): 受注番号, 注文日 and 注文時間 in two
// columns, 合計金額 repeated on every row.
//   …0001 中村 0b7d…  2 rows  1,620 + 5,400 (free)        = 7,020  2023/11/03 14:22:05
//   …0002 小林 e45a…  1 row   4×432 + 540                = 2,268
//   …0003 加藤 71c9…  1 row   2×2,160 = 4,320, キャンセル → cancelled
//   …0004 中村 0b7d…  1 row   2×648 + 540                = 1,836
//   …0005 山﨑 d2f8…  3 rows  2,700 + 3,240 + 1,080 (free) = 7,020  at 00:00:00
//   …0006 小林 e45a…  2 rows  2×540 + 1,296 + 540        = 2,916
// Rows 2+1+1+1+3+2 = 10; orders 6; keys 4; anonymous 0; cancelled 1.
// Counted 5; revenue 7,020 + 2,268 + 1,836 + 7,020 + 2,916 = 21,060; buyers 3.
const RAKUTEN_OLD: Case = Case {
    file: "rakuten_rms_old.csv",
    preset: "rakuten_old",
    encoding: "shift_jis",
    rows_read: 10,
    orders: 6,
    customers: 4,
    anonymous_rows: 0,
    cancelled: 1,
    returns: 0,
    counted_orders: 5,
    revenue: 21_060.0,
    anonymous_revenue: 0.0,
    buyers: 3,
    warnings: &[],
    sending: Sending {
        // The three buyers (加藤 only cancelled). メルマガ希望: 小林 0. 〒
        // in two columns (810 / 0001), the address in three.
        mailable: &[
            "0b7d3e9f21ac6@pc.fw.rakuten.ne.jp",
            "d2f86b4c09e7a@pc.fw.rakuten.ne.jp",
        ],
        declined: 1,
        no_email: 0,
        marketplace: 0,
        addresses: &[
            ["150-0001", "東京都", "渋谷区", "神宮前1-1", "", "小林 誠"],
            [
                "810-0001",
                "福岡県",
                "福岡市中央区",
                "天神1-1",
                "",
                "中村 由美",
            ],
            ["920-0962", "石川県", "金沢市", "広坂1-1", "", "山﨑 隆"],
        ],
    },
};

// BASE (UTF-8 with BOM): 合計金額 = goods + shipping, repeated on every row.
//   B5F2… 伊藤 sakura.ito@example.jp     2 rows  1,500 + 2×980 + 700        = 4,160
//   C8E1… 松本 daisuke.m@example.com     1 row   1,280 + 700                = 1,980
//   D2A7… 井上 yoko.inoue@example.net    1 row   3,200 + 700 = 3,900, キャンセル → cancelled
//   E9B3… 伊藤 "Sakura.Ito@Example.JP "  3 rows  2×1,500 + 600 + 1,100 (free) = 4,700
//   F1C8… 木村 sho.kimura@example.org    1 row   2×2,200 (free) = 4,400, 未対応: counts
//   A4D9… 松本 daisuke.m@example.com     2 rows  1,500 + 1,200 + 700        = 3,400
// Rows 2+1+1+3+1+2 = 10; orders 6; keys 4; anonymous 0; cancelled 1.
// Counted 5; revenue 4,160 + 1,980 + 4,700 + 4,400 + 3,400 = 18,640; buyers 3.
const BASE: Case = Case {
    file: "base_orders.csv",
    preset: "base",
    encoding: "utf8",
    rows_read: 10,
    orders: 6,
    customers: 4,
    anonymous_rows: 0,
    cancelled: 1,
    returns: 0,
    counted_orders: 5,
    revenue: 18_640.0,
    anonymous_revenue: 0.0,
    buyers: 3,
    warnings: &[],
    sending: Sending {
        // The three buyers (井上 only cancelled). メールマガジン購読: 伊藤
        // 希望する, then 希望しない (E9B3…, later); 松本 希望する; 木村 blank
        // (says nothing: may be mailed).
        mailable: &["daisuke.m@example.com", "sho.kimura@example.org"],
        declined: 1,
        no_email: 0,
        marketplace: 0,
        addresses: &[
            [
                "520-0044",
                "滋賀県",
                "",
                "大津市京町4-4",
                "京町ハイツ101",
                "木村 翔",
            ],
            [
                "600-8001",
                "京都府",
                "",
                "京都市下京区四条通1-1",
                "四条ビル2F",
                "伊藤 さくら",
            ],
            [
                "604-8005",
                "京都府",
                "",
                "京都市中京区河原町通2-2",
                "",
                "松本 大輔",
            ],
        ],
    },
};

// Amazon flat-file order report (tab-separated): no order total, so an
// order's amount is the sum of its item-price cells (price × quantity) and
// their shipping-price (what the buyer paid, as the other shops' totals are).
//   …0001 7kq2…  2 rows  2,400 + 1,800           = 4,200
//   …0002 p3v8…  1 row   2,000 + shipping 410    = 2,410
//   …0003 (no buyer-email) 1 row 2,700, anonymous
//   …0004 7kq2…  1 row   3,240
//   …0005 z9m4…  3 rows  3,500 + 1,000 + 4,800   = 9,300
//   …0006 p3v8…  1 row   2,800
//   …0007 b6n1…  1 row   980
// Rows 2+1+1+1+3+1+1 = 10; orders 7; keys 4; anonymous 1; cancelled 0.
// Counted 7; revenue 4,200 + 2,410 + 2,700 + 3,240 + 9,300 + 2,800 + 980 =
// 25,630, anonymous 2,700; buyers 4.
const AMAZON: Case = Case {
    file: "amazon_order_report.txt",
    preset: "amazon",
    encoding: "utf8",
    rows_read: 10,
    orders: 7,
    customers: 4,
    anonymous_rows: 1,
    cancelled: 0,
    returns: 0,
    counted_orders: 7,
    revenue: 25_630.0,
    anonymous_revenue: 2_700.0,
    buyers: 4,
    warnings: &[],
    sending: Sending {
        // Every buyer-email is Amazon's relay: no marketing mail. The report
        // has no billing address: the ship-* one (postal code and state only
        // in this report) is taken.
        mailable: &[],
        declined: 0,
        no_email: 0,
        marketplace: 4,
        addresses: &[
            ["150-0001", "東京都", "", "", "", "佐々木 亮"],
            ["150-0001", "東京都", "", "", "", "岡田 恵子"],
            ["150-0001", "東京都", "", "", "", "石川 直樹"],
            ["150-0001", "東京都", "", "", "", "西村 彩"],
        ],
    },
};

// Amazon "All Orders" report (tab-separated): no buyer columns, so every row
// is anonymous; a cancelled item has quantity 0 and a blank item-price.
//   503-…01  2 rows  2,400 + 1,800              = 4,200
//   503-…02  1 row   2,000 + shipping 410       = 2,410
//   503-…03  1 row   Cancelled, no price         → cancelled
//   503-…04  1 row   2,800, Pending: counts
// Rows 5; orders 4; keys 0; anonymous 5; cancelled 1. Counted 3; revenue
// 4,200 + 2,410 + 2,800 = 9,410, all of it anonymous; buyers 0.
const AMAZON_ALL_ORDERS: Case = Case {
    file: "amazon_all_orders.txt",
    preset: "amazon_all_orders",
    encoding: "utf8",
    rows_read: 5,
    orders: 4,
    customers: 0,
    anonymous_rows: 5,
    cancelled: 1,
    returns: 0,
    counted_orders: 3,
    revenue: 9_410.0,
    anonymous_revenue: 9_410.0,
    buyers: 0,
    warnings: &["no customer column"],
    sending: NO_SENDING,
};

// Online Retail: amount = Quantity × UnitPrice summed per invoice; `C`
// invoices are credit notes with negative quantities.
//   536365  17850  2 rows  6×2.55 + 6×3.39 = 15.30 + 20.34 = 35.64
//   536366  17850  2 rows  6×1.85 + 6×1.85                = 22.20
//   536367  13047  1 row   32×1.69                        = 54.08
//   536368  (none) 1 row   6×4.25 = 25.50, anonymous
//   C536379 14527  1 row   −1×27.50 = −27.50, a return (14527 has nothing else)
//   C536383 13047  1 row   −1×4.65  = −4.65, a return
//   536370  12583  2 rows  24×3.75 + 24×3.75              = 180.00
// Rows 10; orders 7; keys 17850, 13047, 14527, 12583 = 4; anonymous 1;
// returns 2. Counted 7 (returns count); revenue 35.64 + 22.20 + 54.08 +
// 25.50 − 27.50 − 4.65 + 180.00 = 285.27, anonymous 25.50; buyers 3 (14527
// only returned something).
const ONLINE_RETAIL: Case = Case {
    file: "online_retail.csv",
    preset: "online_retail",
    encoding: "utf8",
    rows_read: 10,
    orders: 7,
    customers: 4,
    anonymous_rows: 1,
    cancelled: 0,
    returns: 2,
    counted_orders: 7,
    revenue: 285.27,
    anonymous_revenue: 25.50,
    buyers: 3,
    warnings: &[],
    sending: Sending {
        // Customer ids only: no e-mail, no address (the three buyers).
        no_email: 3,
        ..NO_SENDING
    },
};

// Online Retail II (Invoice, Price, Customer ID):
//   489434  13085  2 rows  12×6.95 + 12×6.75 = 83.40 + 81.00 = 164.40
//   489435  13085  1 row   12×2.55                          = 30.60
//   489436  13078  2 rows  10×5.95 + 18×5.45 = 59.50 + 98.10 = 157.60
//   489437  (none) 1 row   6×2.10 = 12.60, anonymous
//   C489449 16321  1 row   −12×2.95 = −35.40, a return
//   489438  18102  1 row   28×0.98                          = 27.44
// Rows 8; orders 6; keys 4; anonymous 1; returns 1. Counted 6; revenue
// 164.40 + 30.60 + 157.60 + 12.60 − 35.40 + 27.44 = 357.24, anonymous 12.60;
// buyers 3.
const ONLINE_RETAIL_II: Case = Case {
    file: "online_retail_ii.csv",
    preset: "online_retail_ii",
    encoding: "utf8",
    rows_read: 8,
    orders: 6,
    customers: 4,
    anonymous_rows: 1,
    cancelled: 0,
    returns: 1,
    counted_orders: 6,
    revenue: 357.24,
    anonymous_revenue: 12.60,
    buyers: 3,
    warnings: &[],
    sending: Sending {
        no_email: 3,
        ..NO_SENDING
    },
};

const CASES: [&Case; 8] = [
    &SHOPIFY,
    &RAKUTEN_NEW,
    &RAKUTEN_OLD,
    &BASE,
    &AMAZON,
    &AMAZON_ALL_ORDERS,
    &ONLINE_RETAIL,
    &ONLINE_RETAIL_II,
];

// ---------------------------------------------------------------------------
// One test per export

#[test]
fn shopify_export_counts_each_order_total_once_and_leaves_out_cancelled_and_refunded_orders() {
    let (_dir, db) = check(&SHOPIFY);
    let conn = sqlite(&db);
    // The order total from the first row, shipping included, not the line sum (4,200).
    assert_eq!(amount_of(&conn, "#1001"), 4_800.0);
    assert_eq!(lines_of(&conn, "#1001"), 2);
    // Shopify's "+0900" is the shop's own clock: the wall time is kept.
    assert_eq!(ordered_at(&conn, "#1001"), "2024-03-02 10:15:22");
    // The e-mail's case does not split a customer.
    assert_eq!(orders_of_key(&conn, "hanako.yamada@example.jp"), 2);
    // Cancelled and refunded orders stay on record, marked.
    assert_eq!(status_of(&conn, "#1004"), "cancelled");
    assert_eq!(status_of(&conn, "#1006"), "returned");
    // A partial refund is taken off the order's Total: 6,300 − 4,800.
    assert_eq!(amount_of(&conn, "#1009"), 1_500.0);
    assert_eq!(status_of(&conn, "#1009"), "normal");
    // The walk-in sale has no customer.
    let anonymous: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE order_no = '#1003' AND customer_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(anonymous, 1);
}

#[test]
fn rakuten_new_layout_in_shift_jis_counts_the_repeated_order_total_once() {
    let (_dir, db) = check(&RAKUTEN_NEW);
    let conn = sqlite(&db);
    // 合計金額 4,104 on each of three rows: counted once.
    assert_eq!(amount_of(&conn, "377777-20240115-0000000104"), 4_104.0);
    assert_eq!(lines_of(&conn, "377777-20240115-0000000104"), 3);
    assert_eq!(orders_of_key(&conn, "a41f0c9be27d5@pc.fw.rakuten.ne.jp"), 2);
    // Shift_JIS text arrives intact (髙 is an IBM extension kanji, ～ is 0x8160).
    assert_eq!(
        name_of(&conn, "a41f0c9be27d5@pc.fw.rakuten.ne.jp").as_deref(),
        Some("髙橋 美咲")
    );
    let product: String = conn
        .query_row(
            "SELECT product FROM order_lines WHERE product LIKE '茶葉セット%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(product, "茶葉セット～春～");
    assert_eq!(status_of(&conn, "377777-20240111-0000000103"), "cancelled");
}

#[test]
fn rakuten_old_layout_joins_the_date_and_time_columns_and_the_two_name_columns() {
    let (_dir, db) = check(&RAKUTEN_OLD);
    let conn = sqlite(&db);
    assert_eq!(
        ordered_at(&conn, "377777-20231103-10000001"),
        "2023-11-03 14:22:05"
    );
    assert_eq!(
        ordered_at(&conn, "377777-20231124-10000005"),
        "2023-11-24 00:00:00"
    );
    assert_eq!(amount_of(&conn, "377777-20231124-10000005"), 7_020.0);
    // 注文者名字 + 注文者名前, not the family name alone (many customers share one).
    assert_eq!(
        name_of(&conn, "0b7d3e9f21ac6@pc.fw.rakuten.ne.jp").as_deref(),
        Some("中村 由美")
    );
    assert_eq!(
        name_of(&conn, "d2f86b4c09e7a@pc.fw.rakuten.ne.jp").as_deref(),
        Some("山﨑 隆")
    );
    // The phone is split over 電話番号1-3: a part of it ("090") is not a phone
    // number, and a wrong one would never be replaced (contacts are only filled in).
    let fragments: Vec<String> = conn
        .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|p: &String| p.chars().filter(char::is_ascii_digit).count() < 10)
        .collect();
    assert!(
        fragments.is_empty(),
        "phone fragments stored: {fragments:?}"
    );
}

#[test]
fn base_orders_join_the_two_name_columns_and_merge_e_mails_that_differ_in_case() {
    let (_dir, db) = check(&BASE);
    let conn = sqlite(&db);
    assert_eq!(
        name_of(&conn, "sakura.ito@example.jp").as_deref(),
        Some("伊藤 さくら")
    );
    // "Sakura.Ito@Example.JP " is the same customer.
    assert_eq!(orders_of_key(&conn, "sakura.ito@example.jp"), 2);
    assert_eq!(amount_of(&conn, "E9B3C6A1F4D72850"), 4_700.0);
    assert_eq!(status_of(&conn, "D2A7F5C9E3B81604"), "cancelled");
}

#[test]
fn amazon_order_report_sums_item_prices_per_order_and_keeps_rows_without_e_mail_anonymous() {
    let (_dir, db) = check(&AMAZON);
    let conn = sqlite(&db);
    assert_eq!(amount_of(&conn, "250-1000005-0000005"), 9_300.0);
    // Shipping is part of what the buyer paid, as in the other shops' totals.
    assert_eq!(amount_of(&conn, "250-1000002-0000002"), 2_410.0);
    assert_eq!(lines_of(&conn, "250-1000005-0000005"), 3);
    // ISO time with "T" and "+09:00".
    assert_eq!(
        ordered_at(&conn, "250-1000001-0000001"),
        "2024-02-01 09:12:45"
    );
    // Double quotes inside an unquoted tab-separated field are text.
    let quoted: i64 = conn
        .query_row(
            "SELECT count(*) FROM order_lines WHERE product = '茶筅 \"百本立\" 国産'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(quoted, 1);
    assert_eq!(
        orders_of_key(&conn, "7kq2xw9d4f1m8zt@marketplace.amazon.co.jp"),
        2
    );
}

#[test]
fn amazon_all_orders_report_is_anonymous_revenue_with_cancelled_items_kept_marked() {
    let (_dir, db) = check(&AMAZON_ALL_ORDERS);
    let conn = sqlite(&db);
    assert_eq!(amount_of(&conn, "503-2000001-0000001"), 4_200.0);
    assert_eq!(amount_of(&conn, "503-2000002-0000002"), 2_410.0);
    // The cancelled item, with no price, is on record and counts nowhere.
    assert_eq!(status_of(&conn, "503-2000003-0000003"), "cancelled");
    assert_eq!(amount_of(&conn, "503-2000003-0000003"), 0.0);
    let with_customer: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE customer_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(with_customer, 0);
}

#[test]
fn online_retail_credit_notes_are_negative_returns_that_make_nobody_a_customer() {
    let (_dir, db) = check(&ONLINE_RETAIL);
    let conn = sqlite(&db);
    assert_eq!(amount_of(&conn, "C536379"), -27.5);
    assert_eq!(status_of(&conn, "C536379"), "normal");
    // CustomerID 17850.0 is customer 17850.
    assert_eq!(orders_of_key(&conn, "17850"), 2);
    assert!((amount_of(&conn, "536365") - 35.64).abs() < 1e-9);
}

#[test]
fn online_retail_ii_is_recognised_by_its_own_headers() {
    let (_dir, db) = check(&ONLINE_RETAIL_II);
    let conn = sqlite(&db);
    assert!((amount_of(&conn, "C489449") + 35.40).abs() < 1e-9);
    assert_eq!(orders_of_key(&conn, "13085"), 2);
}

#[test]
fn every_preset_fixture_has_a_case() {
    let mut files: Vec<String> = std::fs::read_dir(presets_dir())
        .expect("tests/fixtures/presets exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv") || n.ends_with(".txt"))
        .collect();
    files.sort();
    let mut named: Vec<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    named.sort();
    assert_eq!(
        files, named,
        "every export in tests/fixtures/presets has a Case"
    );
    // Every built-in preset has an export.
    let mut presets: Vec<&str> = CASES.iter().map(|c| c.preset).collect();
    presets.sort_unstable();
    assert_eq!(
        presets,
        [
            "amazon",
            "amazon_all_orders",
            "base",
            "online_retail",
            "online_retail_ii",
            "rakuten",
            "rakuten_old",
            "shopify"
        ]
    );
}

// ---------------------------------------------------------------------------
// The checks

fn presets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/presets")
}

fn import(db: &Path, file: &Path, args: &[&str]) -> Value {
    let mut all = vec!["import", "--db", db.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    all.push(file.to_str().unwrap());
    serde_json::from_str(&horetsu_ok(&all)).expect("import --json prints JSON")
}

/// Imports the export into a fresh workspace with the preset detected, checks
/// the report and the summary against the hand-computed figures, checks that
/// naming the preset gives the same, and that a second import adds nothing.
/// Returns the workspace's folder (removed when dropped) and the workspace.
fn check(case: &Case) -> (TempDir, PathBuf) {
    let file = presets_dir().join(case.file);
    assert!(file.exists(), "{} is missing", file.display());
    let dir = TempDir::new(&format!("preset-{}", case.preset));
    let db = dir.path("detected.horetsu");

    let report = import(&db, &file, &[]);
    check_report(case, &report);
    let figures = summary(&db, None);
    check_summary(case, &figures);
    check_sql(case, &db);

    // Naming the preset reads the file the same way.
    let named_db = dir.path("named.horetsu");
    let named = import(&named_db, &file, &["--preset", case.preset]);
    check_report(case, &named);
    assert_json_close(&summary(&named_db, None), &figures);

    // The same file again adds nothing and changes no figure.
    let again = import(&db, &file, &[]);
    assert_eq!(again["orders"], 0, "{}: second import {again}", case.file);
    assert_eq!(
        again["customers"], 0,
        "{}: second import {again}",
        case.file
    );
    assert_eq!(again["rows_imported"], 0, "{}: second import", case.file);
    assert_eq!(again["rows_duplicate"], case.rows_read, "{}", case.file);
    assert_eq!(rejected(&again), 0, "{}: second import {again}", case.file);
    assert_json_close(&summary(&db, None), &figures);
    check_sending(case, &dir, &db);
    (dir, db)
}

/// The mail and address lists of the export: who is on them, who was left
/// out and why.
fn check_sending(case: &Case, dir: &TempDir, db: &Path) {
    let f = case.file;
    let want = &case.sending;
    let list = |format: &str| -> (Value, Vec<Vec<String>>) {
        let out = dir.path(&format!("{format}.csv"));
        let r: Value = serde_json::from_str(&horetsu_ok(&[
            "list",
            "--db",
            db.to_str().unwrap(),
            "--format",
            format,
            "--force",
            "--json",
            "--out",
            out.to_str().unwrap(),
        ]))
        .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        let rows = csv::ReaderBuilder::new()
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (r, rows)
    };
    let (r, rows) = list("mail");
    let mut emails: Vec<&str> = rows.iter().map(|r: &Vec<String>| r[0].as_str()).collect();
    emails.sort();
    assert_eq!(emails, want.mailable, "{f}: the mail list {r}");
    assert_eq!(
        r["excluded"]["declined"], want.declined,
        "{f}: declined {r}"
    );
    assert_eq!(
        r["excluded"]["no_email"], want.no_email,
        "{f}: no e-mail {r}"
    );
    assert_eq!(
        r["excluded"]["marketplace"], want.marketplace,
        "{f}: Amazon relay {r}"
    );
    let (r, rows) = list("address");
    let mut got: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            assert_eq!(r.pop().as_deref(), Some("様"));
            r
        })
        .collect();
    got.sort();
    let want_rows: Vec<Vec<String>> = want
        .addresses
        .iter()
        .map(|a| a.iter().map(|x| x.to_string()).collect())
        .collect();
    assert_eq!(got, want_rows, "{f}: the address list {r}");
}

fn rejected(report: &Value) -> usize {
    report["rejected"].as_array().map_or(usize::MAX, Vec::len)
}

fn check_report(case: &Case, r: &Value) {
    let f = case.file;
    assert_eq!(rejected(r), 0, "{f}: rejected rows {}", r["rejected"]);
    assert_eq!(r["preset"], case.preset, "{f}: preset");
    assert_eq!(r["encoding"], case.encoding, "{f}: encoding");
    assert_eq!(r["rows_read"], case.rows_read, "{f}: rows_read");
    assert_eq!(r["rows_imported"], case.rows_read, "{f}: rows_imported");
    assert_eq!(r["rows_duplicate"], 0, "{f}: rows_duplicate");
    assert_eq!(r["orders"], case.orders, "{f}: orders");
    assert_eq!(r["customers"], case.customers, "{f}: customers");
    assert_eq!(
        r["anonymous_rows"], case.anonymous_rows,
        "{f}: anonymous_rows"
    );
    assert_eq!(r["cancelled"], case.cancelled, "{f}: cancelled");
    assert_eq!(r["returns"], case.returns, "{f}: returns");
    let warnings: Vec<&str> = r["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        warnings.len(),
        case.warnings.len(),
        "{f}: warnings {warnings:?}"
    );
    for (w, want) in warnings.iter().zip(case.warnings) {
        assert!(w.contains(want), "{f}: warning {w:?} should say {want:?}");
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn check_summary(case: &Case, s: &Value) {
    let f = case.file;
    assert_eq!(s["orders"], case.counted_orders, "{f}: summary orders");
    assert_eq!(s["customers"], case.buyers, "{f}: summary customers");
    let revenue = s["revenue"].as_f64().unwrap();
    assert!(
        close(revenue, case.revenue),
        "{f}: revenue {revenue}, by hand {}",
        case.revenue
    );
    let anonymous = s["anonymous_revenue"].as_f64().unwrap();
    assert!(
        close(anonymous, case.anonymous_revenue),
        "{f}: anonymous revenue {anonymous}, by hand {}",
        case.anonymous_revenue
    );
}

/// The same figures straight from the workspace tables, without the analytics.
fn check_sql(case: &Case, db: &Path) {
    let f = case.file;
    let conn = sqlite(db);
    let (orders, lines, keys): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines),
                    (SELECT count(*) FROM customers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(orders as u64, case.orders, "{f}: orders table");
    assert_eq!(lines as u64, case.rows_read, "{f}: order_lines table");
    assert_eq!(keys as u64, case.customers, "{f}: customers table");
    let (counted, revenue, anonymous): (i64, f64, f64) = conn
        .query_row(
            "SELECT count(*), total(amount), total(CASE WHEN customer_id IS NULL THEN amount END)
             FROM orders WHERE status = 'normal'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(counted as u64, case.counted_orders, "{f}: counted orders");
    assert!(close(revenue, case.revenue), "{f}: SQL revenue {revenue}");
    assert!(
        close(anonymous, case.anonymous_revenue),
        "{f}: SQL anonymous revenue {anonymous}"
    );
    let buyers: i64 = conn
        .query_row(
            "SELECT count(DISTINCT customer_id) FROM orders WHERE status = 'normal' AND amount > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(buyers as u64, case.buyers, "{f}: buyers");
}

/// The one value `sql` gives for `arg`.
fn one<T: rusqlite::types::FromSql>(conn: &rusqlite::Connection, sql: &str, arg: &str) -> T {
    conn.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

fn amount_of(conn: &rusqlite::Connection, order_no: &str) -> f64 {
    one(
        conn,
        "SELECT amount FROM orders WHERE order_no = ?1",
        order_no,
    )
}

fn lines_of(conn: &rusqlite::Connection, order_no: &str) -> i64 {
    one(
        conn,
        "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_no = ?1",
        order_no,
    )
}

fn ordered_at(conn: &rusqlite::Connection, order_no: &str) -> String {
    one(
        conn,
        "SELECT ordered_at FROM orders WHERE order_no = ?1",
        order_no,
    )
}

fn status_of(conn: &rusqlite::Connection, order_no: &str) -> String {
    one(
        conn,
        "SELECT status FROM orders WHERE order_no = ?1",
        order_no,
    )
}

fn orders_of_key(conn: &rusqlite::Connection, key: &str) -> i64 {
    one(
        conn,
        "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.customer_key = ?1",
        key,
    )
}

fn name_of(conn: &rusqlite::Connection, key: &str) -> Option<String> {
    one(
        conn,
        "SELECT name FROM customers WHERE customer_key = ?1",
        key,
    )
}
