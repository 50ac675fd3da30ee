use super::*;
use crate::import::presets::detect_preset;
use std::borrow::Cow;

fn row(cells: &[&str]) -> Vec<Value<'static>> {
    cells
        .iter()
        .map(|c| {
            if c.is_empty() {
                Value::Empty
            } else {
                Value::Text(Cow::Owned(c.to_string()))
            }
        })
        .collect()
}

fn fields(m: &Mapping) -> Vec<(String, &'static str)> {
    let mut v: Vec<(String, &'static str)> = m
        .columns
        .iter()
        .filter_map(|c| c.field.map(|f| (c.header.clone(), f.id())))
        .collect();
    v.sort();
    v
}

#[test]
fn headers_are_normalised_across_widths_cases_and_punctuation() {
    assert_eq!(normalize_header("Customer ID"), "customerid");
    assert_eq!(normalize_header("customer_id"), "customerid");
    assert_eq!(normalize_header("ＣｕｓｔｏｍｅｒＩＤ"), "customerid");
    assert_eq!(normalize_header("氏名（姓）"), "氏名姓");
    assert_eq!(normalize_header(" 注文番号 "), "注文番号");
    assert_eq!(normalize_header("purchase-date"), "purchasedate");
}

#[test]
fn japanese_and_english_headers_map_to_the_same_fields() {
    let ja = map_header(
        &row(&[
            "注文番号",
            "注文日時",
            "会員ID",
            "商品名",
            "単価",
            "数量",
            "小計",
        ]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    let en = map_header(
        &row(&[
            "InvoiceNo",
            "InvoiceDate",
            "CustomerID",
            "Description",
            "UnitPrice",
            "Quantity",
        ]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    assert!(missing_required(ImportKind::Orders, &ja).is_empty());
    assert!(missing_required(ImportKind::Orders, &en).is_empty());
    assert_eq!(ja.column(Field::Amount), Some(6));
    assert_eq!(en.column(Field::CustomerKey), Some(2));
    assert_eq!(en.column(Field::UnitPrice), Some(4));
}

#[test]
fn the_email_is_the_key_when_there_is_no_id_column() {
    let m = map_header(
        &row(&["受注番号", "注文日", "メールアドレス", "合計金額"]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    assert_eq!(m.column(Field::Email), Some(2));
    assert_eq!(m.column(Field::CustomerKey), Some(2));
    assert_eq!(m.column(Field::Total), Some(3));
}

#[test]
fn duplicated_columns_use_the_first_and_say_so() {
    let m = map_header(
        &row(&["注文番号", "注文日", "顧客ID", "金額", "金額"]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    assert_eq!(m.column(Field::Amount), Some(3));
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains("D, E"), "{:?}", m.warnings);
}

#[test]
fn a_list_without_a_customer_column_says_every_order_is_anonymous() {
    let m = map_header(
        &row(&[
            "amazon-order-id",
            "purchase-date",
            "item-price",
            "shipping-price",
        ]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    assert_eq!(m.column(Field::OrderNo), Some(0));
    assert_eq!(m.column(Field::Shipping), Some(3));
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
    assert!(m.warnings[0].contains("anonymous"), "{:?}", m.warnings);
    // A phone number is a customer key: no warning.
    let m = map_header(
        &row(&["注文番号", "注文日", "金額", "電話番号"]),
        ImportKind::Orders,
        None,
        &[],
    )
    .unwrap();
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn explicit_choices_win_by_header_or_column_letter() {
    let choices = [
        FieldChoice {
            field: Field::Amount,
            column: "D".into(),
        },
        FieldChoice {
            field: Field::CustomerKey,
            column: "電話".into(),
        },
    ];
    let m = map_header(
        &row(&["注文番号", "注文日", "金額", "税込金額", "電話"]),
        ImportKind::Orders,
        None,
        &choices,
    )
    .unwrap();
    assert_eq!(m.column(Field::Amount), Some(3));
    assert_eq!(m.column(Field::CustomerKey), Some(4));
    let bad = [FieldChoice {
        field: Field::Amount,
        column: "存在しない列".into(),
    }];
    assert!(
        map_header(&row(&["注文番号"]), ImportKind::Orders, None, &bad)
            .unwrap_err()
            .contains("存在しない列")
    );
}

#[test]
fn shopify_exports_are_recognised_and_name_is_the_order_number() {
    let header = row(&[
        "Name",
        "Email",
        "Financial Status",
        "Paid at",
        "Subtotal",
        "Total",
        "Created at",
        "Lineitem quantity",
        "Lineitem name",
        "Lineitem price",
        "Billing Name",
    ]);
    let preset = detect_preset(&header).expect("shopify detected");
    assert_eq!(preset.name, "shopify");
    let m = map_header(&header, ImportKind::Orders, Some(&preset.columns), &[]).unwrap();
    assert_eq!(m.column(Field::OrderNo), Some(0));
    assert_eq!(m.column(Field::Name), Some(10));
    assert_eq!(m.column(Field::Total), Some(5));
    assert_eq!(m.column(Field::CustomerKey), Some(1));
    assert!(missing_required(ImportKind::Orders, &m).is_empty());
    let fs = fields(&m);
    assert!(fs.contains(&("Email".into(), "email")));
}

#[test]
fn title_rows_score_below_the_header_row() {
    assert_eq!(
        header_score(
            &row(&["ひだまり茶舗 受注データ", "", ""]),
            ImportKind::Orders
        ),
        0
    );
    assert_eq!(
        header_score(&row(&["注文番号", "注文日", "金額"]), ImportKind::Orders),
        3
    );
}

#[test]
fn missing_columns_are_named() {
    let m = map_header(&row(&["商品名", "数量"]), ImportKind::Orders, None, &[]).unwrap();
    assert_eq!(
        missing_required(ImportKind::Orders, &m),
        vec![Field::OrderNo, Field::OrderDate, Field::UnitPrice]
    );
}

#[test]
fn column_letters_round_trip() {
    for (i, l) in [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")] {
        assert_eq!(column_letter(i), l);
        assert_eq!(column_index(l), Some(i));
    }
    assert_eq!(column_index("1A"), None);
}

/// docs/cli.md names the key field `customer_key`; a file whose header says
/// so (as `horetsu customers --csv` writes it) maps that column to the key.
#[test]
fn a_customer_key_header_is_the_key() {
    for kind in [ImportKind::Orders, ImportKind::Customers] {
        let header = match kind {
            ImportKind::Orders => row(&["order_no", "order_date", "customer_key", "amount"]),
            _ => row(&["customer_key", "name"]),
        };
        let m = map_header(&header, kind, None, &[]).unwrap();
        let want = if kind == ImportKind::Orders { 2 } else { 0 };
        assert_eq!(m.column(Field::CustomerKey), Some(want), "{kind:?}");
    }
}
