//! Presets: the columns of the exports Horetsu knows (Shopify, 楽天 RMS new
//! and old, BASE, Amazon, Online Retail I and II), how a header row is
//! recognised as one of them, and the mappings a user saved in the workspace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::{normalize_header, Field, ImportKind};
use super::source::Value;
use crate::error::{Error, Result};
use crate::store::{self, Conn, Tx};

/// A preset: the columns of a known export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Preset {
    /// Name (`shopify`, `rakuten`, … or a user's own).
    pub name: String,
    /// What it imports.
    pub kind: ImportKind,
    /// Field → header text.
    pub columns: Vec<(Field, String)>,
    /// Built in (cannot be deleted).
    pub builtin: bool,
}

fn builtin(name: &str, columns: &[(Field, &str)]) -> Preset {
    Preset {
        name: name.to_string(),
        kind: ImportKind::Orders,
        columns: columns
            .iter()
            .map(|(f, h)| (*f, (*h).to_string()))
            .collect(),
        builtin: true,
    }
}

/// The built-in presets.
pub fn builtin_presets() -> Vec<Preset> {
    use Field::*;
    vec![
        builtin(
            "shopify",
            &[
                (OrderNo, "Name"),
                (OrderDate, "Created at"),
                (CustomerKey, "Email"),
                (Email, "Email"),
                (Name, "Billing Name"),
                (Phone, "Phone"),
                (Total, "Total"),
                (Quantity, "Lineitem quantity"),
                (UnitPrice, "Lineitem price"),
                (Product, "Lineitem name"),
                (Sku, "Lineitem sku"),
                (Status, "Financial Status"),
                (Refunded, "Refunded Amount"),
                (CancelledAt, "Cancelled at"),
                (Coupon, "Discount Code"),
                (Channel, "Source"),
                // The buyer's own address (the shipping one may be a gift's).
                (Consent, "Accepts Marketing"),
                (PostalCode, "Billing Zip"),
                (Prefecture, "Billing Province"),
                (City, "Billing City"),
                (Street, "Billing Address1"),
                (Building, "Billing Address2"),
            ],
        ),
        builtin(
            "rakuten",
            &[
                (OrderNo, "注文番号"),
                (OrderDate, "注文日時"),
                (CustomerKey, "注文者メールアドレス"),
                (Email, "注文者メールアドレス"),
                (Name, "注文者氏名"),
                (Phone, "注文者電話番号"),
                (Total, "合計金額"),
                (Quantity, "個数"),
                (UnitPrice, "単価"),
                (Product, "商品名"),
                (Sku, "商品管理番号"),
                (Status, "ステータス"),
                (Consent, "メルマガ希望"),
                (PostalCode, "注文者郵便番号"),
                // One cell: 都道府県 is split off it.
                (Street, "注文者住所"),
            ],
        ),
        builtin(
            "rakuten_old",
            &[
                (OrderNo, "受注番号"),
                (OrderDate, "注文日"),
                (OrderTime, "注文時間"),
                (CustomerKey, "メールアドレス"),
                (Email, "メールアドレス"),
                // The old layout splits the name (名字 / 名前) and the phone
                // number (電話番号1-3, e.g. 090 / 1234 / 5678); a part of a
                // phone number is not one, so the phone is left unmapped.
                (FamilyName, "注文者名字"),
                (GivenName, "注文者名前"),
                (Total, "合計金額"),
                (Quantity, "個数"),
                (UnitPrice, "単価"),
                (Product, "商品名"),
                (Sku, "商品番号"),
                (Status, "受注ステータス"),
                (Consent, "メルマガ希望"),
                // The postal code in two columns (810 / 0001).
                (PostalCode, "注文者郵便番号1"),
                (PostalCode2, "注文者郵便番号2"),
                (Prefecture, "注文者住所：都道府県"),
                (City, "注文者住所：都市区"),
                (Street, "注文者住所：町以降"),
            ],
        ),
        builtin(
            "base",
            &[
                (OrderNo, "注文ID"),
                (OrderDate, "注文日時"),
                (CustomerKey, "メールアドレス"),
                (Email, "メールアドレス"),
                (FamilyName, "氏名(姓)"),
                (GivenName, "氏名(名)"),
                (Phone, "電話番号"),
                (Total, "合計金額"),
                (Quantity, "数量"),
                (UnitPrice, "価格"),
                (Product, "商品名"),
                (Status, "発送状況"),
                (Consent, "メールマガジン購読"),
                (PostalCode, "郵便番号"),
                (Prefecture, "都道府県"),
                (Street, "住所"),
                (Building, "住所2"),
            ],
        ),
        builtin(
            "amazon",
            &[
                (OrderNo, "order-id"),
                (OrderDate, "purchase-date"),
                (CustomerKey, "buyer-email"),
                (Email, "buyer-email"),
                (Name, "buyer-name"),
                (Phone, "buyer-phone-number"),
                (Amount, "item-price"),
                (Shipping, "shipping-price"),
                (Quantity, "quantity-purchased"),
                (Product, "product-name"),
                (Sku, "sku"),
                (Status, "order-status"),
            ],
        ),
        // Amazon's "All Orders" report (全注文レポート): no buyer columns at
        // all, so every row is anonymous revenue (the report says so).
        builtin(
            "amazon_all_orders",
            &[
                (OrderNo, "amazon-order-id"),
                (OrderDate, "purchase-date"),
                (Amount, "item-price"),
                (Shipping, "shipping-price"),
                (Quantity, "quantity"),
                (Product, "product-name"),
                (Sku, "sku"),
                (Status, "order-status"),
                (Channel, "sales-channel"),
            ],
        ),
        builtin(
            "online_retail",
            &[
                (OrderNo, "InvoiceNo"),
                (OrderDate, "InvoiceDate"),
                (CustomerKey, "CustomerID"),
                (Quantity, "Quantity"),
                (UnitPrice, "UnitPrice"),
                (Product, "Description"),
                (Sku, "StockCode"),
            ],
        ),
        builtin(
            "online_retail_ii",
            &[
                (OrderNo, "Invoice"),
                (OrderDate, "InvoiceDate"),
                (CustomerKey, "Customer ID"),
                (Quantity, "Quantity"),
                (UnitPrice, "Price"),
                (Product, "Description"),
                (Sku, "StockCode"),
            ],
        ),
    ]
}

/// The built-in preset whose signature columns a header row carries, if any.
pub fn detect_preset(header: &[Value<'_>]) -> Option<Preset> {
    let norms: Vec<String> = header
        .iter()
        .map(|v| normalize_header(&v.display()))
        .collect();
    let has = |h: &str| norms.iter().any(|n| *n == normalize_header(h));
    let name = if has("Lineitem quantity") && has("Financial Status") {
        "shopify"
    } else if has("受注番号") && has("注文時間") {
        "rakuten_old"
    } else if has("注文者メールアドレス") && has("合計金額") {
        "rakuten"
    } else if has("氏名(姓)") && has("注文ID") {
        "base"
    } else if has("order-id") && has("purchase-date") {
        "amazon"
    } else if has("amazon-order-id") && has("purchase-date") {
        "amazon_all_orders"
    } else if has("InvoiceNo") && has("CustomerID") {
        "online_retail"
    } else if has("Invoice") && has("Customer ID") {
        "online_retail_ii"
    } else {
        return None;
    };
    builtin_presets().into_iter().find(|p| p.name == name)
}

/// Every preset the workspace knows: built-in ones and the user's own.
pub fn presets(c: Conn<'_>) -> Result<Vec<Preset>> {
    let mut all = builtin_presets();
    all.extend(saved_presets(c)?);
    Ok(all)
}

pub(super) fn find_preset(all: &[Preset], name: &str, kind: ImportKind) -> Result<Preset> {
    all.iter()
        .find(|p| p.name == name && p.kind == kind)
        .cloned()
        .ok_or_else(|| {
            Error::invalid(
                "--preset",
                format!(
                    "no {} preset named \"{name}\"; built in: shopify, rakuten, rakuten_old, base, amazon, online_retail, online_retail_ii",
                    kind.id()
                ),
            )
        })
}

/// The user's saved presets.
pub fn saved_presets(c: Conn<'_>) -> Result<Vec<Preset>> {
    Ok(store::batches::presets(c)?
        .into_iter()
        .filter_map(|row| {
            Some(Preset {
                kind: ImportKind::parse(&row.kind)?,
                columns: serde_json::from_str(&row.columns).unwrap_or_default(),
                name: row.name,
                builtin: false,
            })
        })
        .collect())
}

/// Saves (or replaces) a preset of the user's.
pub fn save_preset(tx: &Tx<'_>, preset: &Preset, now: &str) -> Result<()> {
    if builtin_presets().iter().any(|p| p.name == preset.name) {
        return Err(Error::invalid(
            "preset",
            format!(
                "\"{}\" is a built-in preset; choose another name",
                preset.name
            ),
        ));
    }
    if preset.name.trim().is_empty() {
        return Err(Error::invalid("preset", "give the preset a name"));
    }
    let columns = serde_json::to_string(&preset.columns)
        .map_err(|e| Error::invalid("preset", e.to_string()))?;
    store::batches::save_preset(
        tx,
        &store::batches::PresetRow {
            name: preset.name.trim().to_string(),
            kind: preset.kind.id().to_string(),
            columns,
        },
        now,
    )
}
