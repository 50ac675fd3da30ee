//! Finding the columns: which field of an import each column holds.
//!
//! Headers are matched after normalisation (NFKC, lower case, spaces and
//! punctuation removed), against the Japanese and English names that real
//! exports use. The header row is the row among the first rows that names the
//! most fields, so title rows above it are skipped. Presets pin the columns of
//! known exports (Shopify, 楽天 RMS, BASE, Amazon, Online Retail); users can
//! correct any column and save their mapping as a preset in the workspace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::source::Value;
use crate::error::{Error, Result};

/// What is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ImportKind {
    /// Order lists (the default).
    #[default]
    Orders,
    /// Member lists with referrers.
    Customers,
    /// Engagement events.
    Events,
    /// NPS answers.
    Nps,
    /// Contact logs: who was reached (送付) or held out (対照) by a campaign,
    /// and when (効果測定).
    Contacts,
}

impl ImportKind {
    /// Parses `orders`, `customers`, `events`, `nps`.
    pub fn parse(text: &str) -> Option<ImportKind> {
        match text {
            "orders" => Some(ImportKind::Orders),
            "customers" => Some(ImportKind::Customers),
            "events" => Some(ImportKind::Events),
            "nps" => Some(ImportKind::Nps),
            "contacts" => Some(ImportKind::Contacts),
            _ => None,
        }
    }

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            ImportKind::Orders => "orders",
            ImportKind::Customers => "customers",
            ImportKind::Events => "events",
            ImportKind::Nps => "nps",
            ImportKind::Contacts => "contacts",
        }
    }

    /// The fields of this kind, in the order the mapping editor shows them.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            ImportKind::Orders => &[
                OrderNo,
                OrderDate,
                OrderTime,
                CustomerKey,
                Name,
                FamilyName,
                GivenName,
                Email,
                Phone,
                Amount,
                Total,
                Quantity,
                UnitPrice,
                Shipping,
                Refunded,
                Product,
                Sku,
                Status,
                CancelledAt,
                Channel,
                Coupon,
                ReferralCode,
                Consent,
                PostalCode,
                PostalCode2,
                Prefecture,
                City,
                Street,
                Building,
            ],
            ImportKind::Customers => &[
                CustomerKey,
                Name,
                FamilyName,
                GivenName,
                Email,
                Phone,
                RegisteredOn,
                ReferredBy,
                Channel,
                Consent,
                PostalCode,
                PostalCode2,
                Prefecture,
                City,
                Street,
                Building,
            ],
            ImportKind::Events => &[
                CustomerKey,
                Date,
                EventKind,
                Note,
                BrandTag,
                HasImage,
                Points,
            ],
            ImportKind::Nps => &[Date, Score, CustomerKey, Comment, ResponseId],
            ImportKind::Contacts => &[CustomerKey, Email, Date, Campaign, Channel, Group],
        }
    }
}

/// A field an import can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Field {
    /// 注文番号.
    OrderNo,
    /// 注文日 (date or datetime).
    OrderDate,
    /// 注文時間, when the time sits in its own column (楽天 old layout).
    OrderTime,
    /// 顧客ID / 会員ID / e-mail / phone: the key that identifies a customer.
    CustomerKey,
    /// 氏名.
    Name,
    /// 姓 (combined with 名 into the name).
    FamilyName,
    /// 名.
    GivenName,
    /// メールアドレス.
    Email,
    /// 電話番号.
    Phone,
    /// Line amount (金額, 小計): summed over the order's lines.
    Amount,
    /// Order total (合計金額, Total): counted once per order.
    Total,
    /// 数量.
    Quantity,
    /// 単価.
    UnitPrice,
    /// 送料 charged on a line (Amazon's shipping-price): added to the order's
    /// line sum. Not used when the file has an order total, which includes it.
    Shipping,
    /// 返金額 of an order (Shopify's Refunded Amount): counted once per order
    /// and taken off its amount.
    Refunded,
    /// 商品名.
    Product,
    /// 商品コード.
    Sku,
    /// ステータス (キャンセル, 返品 …).
    Status,
    /// キャンセル日: any value marks the order cancelled.
    CancelledAt,
    /// 販売経路 / 流入経路.
    Channel,
    /// クーポン.
    Coupon,
    /// 紹介コード.
    ReferralCode,
    /// 登録日.
    RegisteredOn,
    /// 紹介者.
    ReferredBy,
    /// Date of an event or an NPS answer.
    Date,
    /// 種別 of an event.
    EventKind,
    /// メモ.
    Note,
    /// ブランドタグ.
    BrandTag,
    /// 画像.
    HasImage,
    /// Points fixed by the file.
    Points,
    /// NPS score 0–10.
    Score,
    /// NPS comment.
    Comment,
    /// The survey tool's response id.
    ResponseId,
    /// 施策: the campaign a contact belongs to (a mail's subject).
    Campaign,
    /// 区分: 送付 (treated) or 対照 (control, held out).
    Group,
    /// メルマガ希望 / Accepts Marketing: marketing consent.
    Consent,
    /// 郵便番号.
    PostalCode,
    /// 郵便番号2: the last four digits, where a layout splits the postal
    /// code in two columns (楽天's 注文者郵便番号1 / 2); joined to PostalCode.
    PostalCode2,
    /// 都道府県.
    Prefecture,
    /// 市区町村.
    City,
    /// 番地 (address line 1).
    Street,
    /// 建物 (address line 2).
    Building,
}

impl Field {
    /// Stable id, as `--map` writes it.
    pub fn id(self) -> &'static str {
        use Field::*;
        match self {
            OrderNo => "order_no",
            OrderDate => "order_date",
            OrderTime => "order_time",
            CustomerKey => "customer_key",
            Name => "name",
            FamilyName => "family_name",
            GivenName => "given_name",
            Email => "email",
            Phone => "phone",
            Amount => "amount",
            Total => "total",
            Quantity => "quantity",
            UnitPrice => "unit_price",
            Shipping => "shipping",
            Refunded => "refunded",
            Product => "product",
            Sku => "sku",
            Status => "status",
            CancelledAt => "cancelled_at",
            Channel => "channel",
            Coupon => "coupon",
            ReferralCode => "referral_code",
            RegisteredOn => "registered_on",
            ReferredBy => "referred_by",
            Date => "date",
            EventKind => "kind",
            Note => "note",
            BrandTag => "brand_tag",
            HasImage => "has_image",
            Points => "points",
            Score => "score",
            Comment => "comment",
            ResponseId => "response_id",
            Campaign => "campaign",
            Group => "group",
            Consent => "consent",
            PostalCode => "postal_code",
            PostalCode2 => "postal_code2",
            Prefecture => "prefecture",
            City => "city",
            Street => "street",
            Building => "building",
        }
    }

    /// Parses a field id (also accepts `amount` synonyms `line_amount`, `order_total`).
    pub fn parse(id: &str, kind: ImportKind) -> Option<Field> {
        let id = match id {
            "line_amount" => "amount",
            "order_total" => "total",
            "event_kind" => "kind",
            "key" | "customer" | "customer_id" => "customer_key",
            other => other,
        };
        kind.fields().iter().copied().find(|f| f.id() == id)
    }

    /// The field's name as the mapping editor shows it.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::labels::label(lang, "field", self.id())
    }

    /// Header names that mean this field, normalised (see [`normalize_header`]).
    /// Earlier names win when several columns match.
    fn aliases(self) -> &'static [&'static str] {
        use Field::*;
        match self {
            OrderNo => &[
                "注文番号",
                "受注番号",
                "注文id",
                "注文no",
                "注文コード",
                "オーダー番号",
                "オーダーid",
                "伝票番号",
                "invoiceno",
                "invoice",
                "orderno",
                "orderid",
                "amazonorderid",
                "ordernumber",
                "注文",
            ],
            OrderDate => &[
                "注文日時",
                "注文日",
                "受注日時",
                "受注日",
                "購入日時",
                "購入日",
                "注文日付",
                "createdat",
                "invoicedate",
                "purchasedate",
                "orderdate",
                "ordereddate",
                "orderedat",
            ],
            OrderTime => &[
                "注文時間",
                "注文時刻",
                "受注時間",
                "受注時刻",
                "購入時間",
                "ordertime",
            ],
            CustomerKey => &[
                "顧客id",
                "会員id",
                "顧客番号",
                "会員番号",
                "顧客コード",
                "会員コード",
                "お客様番号",
                "ユーザーid",
                "customerid",
                "customerkey",
                "顧客キー",
                "customer",
                "memberid",
                "userid",
                "clientid",
            ],
            Name => &[
                "氏名",
                "名前",
                "お名前",
                "顧客名",
                "会員名",
                "注文者名",
                "注文者氏名",
                "購入者名",
                "購入者氏名",
                "customername",
                "buyername",
                "billingname",
                "fullname",
            ],
            FamilyName => &[
                "氏名姓",
                "姓",
                "お名前姓",
                "注文者姓",
                "lastname",
                "familyname",
            ],
            GivenName => &[
                "氏名名",
                "名",
                "お名前名",
                "注文者名名",
                "firstname",
                "givenname",
            ],
            // The buyer's own (billing) address before the shipping one: a
            // parcel may go to someone else.
            Consent => &[
                "acceptsemailmarketing",
                "acceptsmarketing",
                "メルマガ希望",
                "メルマガ配信希望",
                "メルマガ購読",
                "メルマガ配信",
                "メルマガ",
                "メールマガジン希望",
                "メールマガジン購読",
                "メールマガジン",
                "ニュースレター",
                "配信可否",
                "配信希望",
                "メール配信",
                "dm希望",
                "案内希望",
                "newsletter",
                "marketingconsent",
                "optin",
            ],
            PostalCode => &[
                "郵便番号",
                "郵便番号1",
                "注文者郵便番号1",
                "送付先郵便番号1",
                "注文者郵便番号",
                "購入者郵便番号",
                "請求先郵便番号",
                "会員郵便番号",
                "billingzip",
                "defaultaddresszip",
                "zip",
                "zipcode",
                "postalcode",
                "postcode",
                "送付先郵便番号",
                "配送先郵便番号",
                "お届け先郵便番号",
                "shippingzip",
                "shippostalcode",
                "〒",
            ],
            PostalCode2 => &["郵便番号2", "注文者郵便番号2", "送付先郵便番号2"],
            Prefecture => &[
                "都道府県",
                "注文者都道府県",
                "注文者住所都道府県",
                "購入者都道府県",
                "請求先都道府県",
                "billingprovincecode",
                "billingprovince",
                "billingprovincename",
                "defaultaddressprovincecode",
                "province",
                "provincecode",
                "prefecture",
                "state",
                "送付先都道府県",
                "送付先住所都道府県",
                "配送先都道府県",
                "お届け先都道府県",
                "shippingprovincecode",
                "shippingprovince",
                "shippingprovincename",
                "shipstate",
            ],
            City => &[
                "市区町村",
                "注文者市区町村",
                "注文者住所郡市区",
                "住所郡市区",
                "注文者住所都市区",
                "購入者市区町村",
                "請求先市区町村",
                "billingcity",
                "defaultaddresscity",
                "city",
                "送付先市区町村",
                "送付先住所郡市区",
                "配送先市区町村",
                "お届け先市区町村",
                "shippingcity",
                "shipcity",
            ],
            Street => &[
                "番地",
                "住所",
                "住所1",
                "町名番地",
                "注文者住所",
                "注文者住所それ以降の住所",
                "注文者住所町以降",
                "購入者住所",
                "請求先住所",
                "billingaddress1",
                "defaultaddressaddress1",
                "address1",
                "address",
                "送付先住所それ以降の住所",
                "送付先住所",
                "配送先住所",
                "お届け先住所",
                "shippingaddress1",
                "shipaddress1",
            ],
            Building => &[
                "建物",
                "建物名",
                "住所2",
                "建物名部屋番号",
                "マンション名",
                "注文者住所2",
                "購入者住所2",
                "billingaddress2",
                "defaultaddressaddress2",
                "address2",
                "送付先住所2",
                "お届け先住所2",
                "shippingaddress2",
                "shipaddress2",
            ],
            Email => &[
                "メールアドレス",
                "メール",
                "eメール",
                "eメールアドレス",
                "注文者メールアドレス",
                "購入者メールアドレス",
                "email",
                "emailaddress",
                "buyeremail",
                "mail",
            ],
            Phone => &[
                "電話番号",
                "電話",
                "tel",
                "注文者電話番号",
                "購入者電話番号",
                "phone",
                "phonenumber",
                "buyerphonenumber",
                "telephone",
            ],
            Amount => &[
                "金額",
                "小計",
                "商品小計",
                "明細金額",
                "販売金額",
                "売上金額",
                "売上",
                "amount",
                "lineamount",
                "linetotal",
                "itemprice",
                "lineitemtotal",
            ],
            Total => &[
                "合計金額",
                "合計",
                "注文合計",
                "注文金額",
                "請求金額",
                "お支払い金額",
                "支払金額",
                "総合計",
                "total",
                "ordertotal",
                "grandtotal",
                "subtotal",
            ],
            Quantity => &[
                "数量",
                "個数",
                "注文数",
                "購入数",
                "quantity",
                "qty",
                "lineitemquantity",
                "quantitypurchased",
            ],
            UnitPrice => &[
                "単価",
                "価格",
                "販売価格",
                "商品価格",
                "税込単価",
                "unitprice",
                "price",
                "lineitemprice",
            ],
            Shipping => &[
                "送料",
                "配送料",
                "送料明細",
                "shippingprice",
                "shipping",
                "shippingcharge",
            ],
            Refunded => &[
                "返金額",
                "返金金額",
                "返金",
                "refundedamount",
                "refundamount",
                "refunded",
            ],
            Product => &[
                "商品名",
                "品名",
                "商品",
                "アイテム名",
                "description",
                "lineitemname",
                "productname",
                "itemname",
                "product",
            ],
            Sku => &[
                "商品コード",
                "商品番号",
                "品番",
                "商品管理番号",
                "sku",
                "stockcode",
                "lineitemsku",
                "productcode",
                "itemcode",
            ],
            Status => &[
                "ステータス",
                "状態",
                "注文ステータス",
                "受注ステータス",
                "注文状況",
                "対応状況",
                "status",
                "financialstatus",
                "orderstatus",
            ],
            CancelledAt => &[
                "キャンセル日時",
                "キャンセル日",
                "取消日",
                "cancelledat",
                "canceledat",
            ],
            Channel => &[
                "販売経路",
                "流入経路",
                "チャネル",
                "チャネル名",
                "channel",
                "saleschannel",
                "source",
            ],
            Coupon => &[
                "クーポン",
                "クーポンコード",
                "クーポン名",
                "coupon",
                "couponcode",
                "discountcode",
            ],
            ReferralCode => &["紹介コード", "referralcode"],
            RegisteredOn => &[
                "登録日",
                "入会日",
                "会員登録日",
                "登録日時",
                "registeredon",
                "registeredat",
                "signupdate",
                "joined",
            ],
            ReferredBy => &[
                "紹介者id",
                "紹介者",
                "紹介者会員id",
                "紹介元",
                "referrer",
                "referrerid",
                "referredby",
            ],
            Date => &[
                "日付",
                "回答日",
                "回答日時",
                "実施日",
                "参加日",
                "投稿日",
                "date",
                "answeredat",
                "answeredon",
                "submittedat",
                "timestamp",
                "eventdate",
                "送信日",
                "送信日時",
                "配信日",
                "配信日時",
                "送付日",
                "連絡日",
                "sentdate",
                "sentat",
                "sent",
                "senddate",
                "sendat",
                "contactdate",
                "contactedon",
            ],
            EventKind => &[
                "種別",
                "種類",
                "アクション",
                "区分",
                "kind",
                "type",
                "action",
                "eventtype",
            ],
            Note => &["メモ", "内容", "備考", "note", "memo", "detail"],
            BrandTag => &[
                "ブランドタグ",
                "ブランドタグあり",
                "タグ",
                "brandtag",
                "hasbrandtag",
            ],
            HasImage => &["画像", "画像あり", "写真", "image", "hasimage", "photo"],
            Points => &["ポイント", "付与ポイント", "points"],
            Score => &["スコア", "点数", "推奨度", "nps", "score", "rating"],
            Comment => &[
                "コメント",
                "自由回答",
                "ご意見",
                "感想",
                "comment",
                "feedback",
            ],
            ResponseId => &["回答id", "回答番号", "responseid"],
            Campaign => &[
                "施策",
                "施策名",
                "キャンペーン",
                "キャンペーン名",
                "件名",
                "メール件名",
                "配信名",
                "campaign",
                "campaignname",
                "subject",
                "mailing",
            ],
            Group => &[
                "区分",
                "送付区分",
                "グループ",
                "群",
                "group",
                "arm",
                "variant",
                "treatment",
            ],
        }
    }
}

/// Normalises a header for matching: NFKC, lower case, without spaces,
/// punctuation or brackets. `Customer ID` → `customerid`, `氏名(姓)` → `氏名姓`.
pub fn normalize_header(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-'
                        | '.'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '「'
                        | '」'
                        | '・'
                        | '/'
                        | ':'
                        | '#'
                        | '*'
                        | '　'
                )
        })
        .collect()
}

/// One column of the sheet and what it maps to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ColumnMap {
    /// 0-based column index.
    pub index: u32,
    /// Excel column letter (A, B, …, AA).
    pub letter: String,
    /// The header text.
    pub header: String,
    /// The field it fills, if any.
    pub field: Option<Field>,
}

/// Excel column letter of a 0-based index.
pub fn column_letter(index: u32) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// 0-based index of an Excel column letter.
pub fn column_index(letter: &str) -> Option<u32> {
    if letter.is_empty() || letter.len() > 3 || !letter.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0u32;
    for b in letter.bytes() {
        n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    Some(n - 1)
}

/// How well a row of cells looks like a header for `kind`: the number of
/// distinct fields its cells name.
pub fn header_score(cells: &[Value<'_>], kind: ImportKind) -> usize {
    let mut seen: Vec<Field> = Vec::new();
    for cell in cells {
        let Value::Text(text) = cell else { continue };
        let norm = normalize_header(text);
        if let Some(f) = kind
            .fields()
            .iter()
            .copied()
            .find(|f| f.aliases().contains(&norm.as_str()))
        {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
    }
    seen.len()
}

/// Result of mapping a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Every column with its field.
    pub columns: Vec<ColumnMap>,
    /// Notes for the user (duplicate columns, unknown `--map` headers …).
    pub warnings: Vec<String>,
}

impl Mapping {
    /// The column of a field.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.index as usize)
    }

    /// The columns of a field (a header may map to two fields, e.g. Email as key and e-mail).
    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }
}

/// An explicit choice: a field and a header name (or a column letter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct FieldChoice {
    /// The field.
    pub field: Field,
    /// A header text as it appears in the file, or an Excel column letter; empty to unmap.
    pub column: String,
}

/// Maps a header row. Explicit choices win, then the preset's columns, then aliases.
/// A field that two columns could fill takes the earlier column (with a warning).
pub fn map_header(
    header: &[Value<'_>],
    kind: ImportKind,
    preset: Option<&[(Field, String)]>,
    choices: &[FieldChoice],
) -> Result<Mapping, String> {
    let texts: Vec<String> = header
        .iter()
        .map(|v| v.display().trim().to_string())
        .collect();
    let norms: Vec<String> = texts.iter().map(|t| normalize_header(t)).collect();
    let mut assigned: Vec<Option<Field>> = vec![None; texts.len()];
    // A second field per column: one header may fill both the key and the e-mail.
    let mut extra: Vec<(usize, Field)> = Vec::new();
    let mut warnings = Vec::new();
    let mut taken: Vec<Field> = Vec::new();

    let find_column = |wanted: &str| -> Option<usize> {
        let exact = texts.iter().position(|t| t == wanted);
        exact
            .or_else(|| {
                let n = normalize_header(wanted);
                norms.iter().position(|h| !n.is_empty() && *h == n)
            })
            .or_else(|| {
                column_index(wanted)
                    .filter(|&i| (i as usize) < texts.len())
                    .map(|i| i as usize)
            })
    };
    let place = |col: usize,
                 field: Field,
                 assigned: &mut Vec<Option<Field>>,
                 extra: &mut Vec<(usize, Field)>| {
        if assigned[col].is_none() {
            assigned[col] = Some(field);
        } else {
            extra.push((col, field));
        }
    };

    for choice in choices {
        if !kind.fields().contains(&choice.field) {
            return Err(format!(
                "{} is not a field of a {} import",
                choice.field.id(),
                kind.id()
            ));
        }
        taken.push(choice.field);
        if choice.column.trim().is_empty() {
            continue;
        }
        match find_column(&choice.column) {
            Some(col) => place(col, choice.field, &mut assigned, &mut extra),
            None => {
                return Err(format!(
                    "no column named \"{}\" (for {})",
                    choice.column,
                    choice.field.id()
                ))
            }
        }
    }
    if let Some(preset) = preset {
        for (field, head) in preset {
            if taken.contains(field) {
                continue;
            }
            if let Some(col) = find_column(head) {
                taken.push(*field);
                place(col, *field, &mut assigned, &mut extra);
            }
        }
    }
    for &field in kind.fields() {
        if taken.contains(&field) {
            continue;
        }
        // The first alias that any free column carries, in alias priority order.
        let mut found: Option<usize> = None;
        for alias in field.aliases() {
            let cols: Vec<usize> = (0..norms.len())
                .filter(|&c| norms[c] == *alias && assigned[c].is_none())
                .collect();
            if let Some(&first) = cols.first() {
                if cols.len() > 1 {
                    warnings.push(format!(
                        "two columns are named \"{}\" ({}): using column {} for {}",
                        texts[first],
                        cols.iter()
                            .map(|&c| column_letter(c as u32))
                            .collect::<Vec<_>>()
                            .join(", "),
                        column_letter(first as u32),
                        field.id()
                    ));
                }
                found = Some(first);
                break;
            }
        }
        if let Some(col) = found {
            assigned[col] = Some(field);
            taken.push(field);
        }
    }
    // Without an id column, the e-mail (else the phone) is the customer key.
    let has_key = assigned.contains(&Some(Field::CustomerKey))
        || extra.iter().any(|(_, f)| *f == Field::CustomerKey);
    if kind.fields().contains(&Field::CustomerKey)
        && !has_key
        && !choices.iter().any(|c| c.field == Field::CustomerKey)
    {
        for fallback in [Field::Email, Field::Phone] {
            if let Some(col) = assigned.iter().position(|f| *f == Some(fallback)) {
                extra.push((col, Field::CustomerKey));
                break;
            }
        }
    }
    let keyed = assigned.contains(&Some(Field::CustomerKey))
        || extra.iter().any(|(_, f)| *f == Field::CustomerKey);
    if kind == ImportKind::Orders && !keyed {
        warnings.push(
            "no customer column (顧客ID, メールアドレス or 電話番号): every order is counted as anonymous revenue, and no customer is created (Amazon's All Orders report has no buyer columns: import the order report with buyer-email for customers)".to_string(),
        );
    }
    let mut columns: Vec<ColumnMap> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| ColumnMap {
            index: i as u32,
            letter: column_letter(i as u32),
            header: t.clone(),
            field: assigned[i],
        })
        .collect();
    for (col, field) in extra {
        columns.push(ColumnMap {
            index: col as u32,
            letter: column_letter(col as u32),
            header: texts[col].clone(),
            field: Some(field),
        });
    }
    Ok(Mapping { columns, warnings })
}

/// The fields an import cannot do without, given what else is mapped.
pub fn missing_required(kind: ImportKind, m: &Mapping) -> Vec<Field> {
    use Field::*;
    let mut missing = Vec::new();
    let need = |f: Field, missing: &mut Vec<Field>| {
        if !m.has(f) {
            missing.push(f);
        }
    };
    match kind {
        ImportKind::Orders => {
            need(OrderNo, &mut missing);
            need(OrderDate, &mut missing);
            let has_amount = m.has(Amount) || m.has(Total) || (m.has(Quantity) && m.has(UnitPrice));
            if !has_amount {
                missing.push(if m.has(Quantity) { UnitPrice } else { Amount });
            }
        }
        ImportKind::Customers => need(CustomerKey, &mut missing),
        ImportKind::Events => {
            need(CustomerKey, &mut missing);
            need(Date, &mut missing);
            need(EventKind, &mut missing);
        }
        ImportKind::Nps => {
            need(Date, &mut missing);
            need(Score, &mut missing);
        }
        ImportKind::Contacts => {
            need(CustomerKey, &mut missing);
            need(Date, &mut missing);
            need(Campaign, &mut missing);
        }
    }
    missing
}

/// Parses `field=Header` (as `--map` takes it).
pub fn parse_choice(text: &str, kind: ImportKind) -> Result<FieldChoice> {
    let (field, column) = text.split_once('=').ok_or_else(|| {
        Error::invalid(
            "--map",
            format!("\"{text}\": write it as field=Header, e.g. amount=税込金額"),
        )
    })?;
    let field = Field::parse(field.trim(), kind).ok_or_else(|| {
        let ids: Vec<&str> = kind.fields().iter().map(|f| f.id()).collect();
        Error::invalid(
            "--map",
            format!(
                "\"{}\" is not a field of a {} import; fields: {}",
                field.trim(),
                kind.id(),
                ids.join(", ")
            ),
        )
    })?;
    Ok(FieldChoice {
        field,
        column: column.trim().to_string(),
    })
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
