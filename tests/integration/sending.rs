//! What sending needs (issue #16): marketing consent and postal addresses
//! read from order exports and member lists — Shopify's `Accepts Marketing`
//! and `JP-13` provinces, 〒 and full-width digits, a one-cell 住所 — the
//! latest per customer kept, re-importing harmless, undo exact; checked with
//! plain SQL against the values worked out by hand below.

use std::path::Path;

use crate::support::*;

fn import(db: &Path, kind: &str, file: &Path) -> serde_json::Value {
    serde_json::from_str(&horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--kind",
        kind,
        "--json",
        file.to_str().unwrap(),
    ]))
    .unwrap()
}

/// (key, 〒, 都道府県, 市区町村, 番地, 建物) of every customer's latest address.
type Row = (String, String, String, String, String, String);

fn latest_addresses(db: &Path) -> Vec<Row> {
    let conn = sqlite(db);
    let mut stmt = conn
        .prepare(
            "SELECT c.customer_key, a.postal_code, a.prefecture, a.city, a.street, a.building
             FROM addresses a JOIN customers c ON c.id = a.customer_id
             WHERE a.id = (SELECT id FROM addresses b WHERE b.customer_id = a.customer_id
                           ORDER BY seen_on DESC, id DESC LIMIT 1)
             ORDER BY c.customer_key",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// (key, accepts) of every customer's latest consent.
fn latest_consents(db: &Path) -> Vec<(String, bool)> {
    let conn = sqlite(db);
    let mut stmt = conn
        .prepare(
            "SELECT c.customer_key, min(k.accepts) FROM consents k JOIN customers c ON c.id = k.customer_id
             WHERE k.seen_on = (SELECT max(seen_on) FROM consents x WHERE x.customer_id = k.customer_id)
             GROUP BY c.customer_key ORDER BY c.customer_key",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? == 1)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

#[test]
fn consent_and_the_latest_address_come_from_orders_and_member_lists() {
    let dir = TempDir::new("sending-import");
    let db = dir.path("shop.horetsu");
    // A Shopify-style order export. By hand:
    // - a@: 03-01 accepts, billing 〒150-0001 JP-13 渋谷区 神南１－２－３ (a gift
    //   goes to Osaka: the shipping columns are not the buyer's); 05-01 moved
    //   to 〒０６００００１ Hokkaido 札幌市中央区 and declined → 060-0001 北海道, declined.
    // - b@: 04-01 accepts, 5300001 Ōsaka 大阪市北区 梅田１ー１ → 530-0001 大阪府.
    // - c@: 04-02 says nothing, no address → neither.
    let orders = dir.path("orders_export.csv");
    std::fs::write(
        &orders,
        "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Total,Accepts Marketing,\
Billing Name,Billing Zip,Billing Province,Billing City,Billing Address1,Billing Address2,\
Shipping Zip,Shipping Province,Shipping City,Shipping Address1\n\
#1,a@example.jp,paid,2024-03-01 10:00:00 +0900,1,煎茶,1200,1200,yes,山田 花子,150-0001,JP-13,渋谷区,神南１－２－３,ひだまりビル　５０１,530-0001,JP-27,大阪市北区,梅田2-2\n\
#2,a@example.jp,paid,2024-05-01 10:00:00 +0900,1,煎茶,1200,1200,no,山田 花子,〒０６００００１,Hokkaido,札幌市中央区,北一条西2-1,,,,,\n\
#3,b@example.jp,paid,2024-04-01 10:00:00 +0900,1,玉露,3000,3000,yes,佐藤 太郎,5300001,Ōsaka,大阪市北区,梅田１ー１,,,,,\n\
#4,c@example.jp,paid,2024-04-02 10:00:00 +0900,1,抹茶,2000,2000,,伊藤 健二,,,,,,,,,\n",
    )
    .unwrap();
    let r = import(&db, "orders", &orders);
    assert_eq!(r["rejected"].as_array().unwrap().len(), 0, "{r}");
    assert_eq!(
        (r["addresses"].as_u64(), r["consents"].as_u64()),
        (Some(3), Some(3))
    );

    // A member list: one-cell 住所 with the prefecture in it, メルマガ希望 in words.
    // - M001 (d@): 〒１５４－０００１ 東京都世田谷区池尻1-1, 希望しない → 154-0001 東京都, declined.
    // - b@ again as a member, 希望しない: seen today (after 04-01) → declined.
    let members = dir.path("members.csv");
    std::fs::write(
        &members,
        "会員ID,メールアドレス,氏名,郵便番号,住所,メルマガ希望\n\
M001,d@example.jp,鈴木 一郎,〒１５４－０００１,東京都世田谷区池尻1-1,希望しない\n\
b@example.jp,b@example.jp,佐藤 太郎,,,希望しない\n",
    )
    .unwrap();
    let r = import(&db, "customers", &members);
    assert_eq!(r["rejected"].as_array().unwrap().len(), 0, "{r}");

    let m001 = s("M001");
    assert_eq!(
        latest_addresses(&db),
        vec![
            (
                m001.clone(),
                s("154-0001"),
                s("東京都"),
                s(""),
                s("世田谷区池尻1-1"),
                s("")
            ),
            (
                s("a@example.jp"),
                s("060-0001"),
                s("北海道"),
                s("札幌市中央区"),
                s("北一条西2-1"),
                s("")
            ),
            (
                s("b@example.jp"),
                s("530-0001"),
                s("大阪府"),
                s("大阪市北区"),
                s("梅田1-1"),
                s("")
            ),
        ]
    );
    assert_eq!(
        latest_consents(&db),
        vec![
            (m001.clone(), false),
            (s("a@example.jp"), false),
            (s("b@example.jp"), false),
        ]
    );
    // The building of a@'s first address was kept too (half-width, one space).
    let first_building: String = sqlite(&db)
        .query_row(
            "SELECT building FROM addresses WHERE postal_code = '150-0001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(first_building, "ひだまりビル 501");

    // Importing both again adds nothing.
    let again = import(&db, "orders", &orders);
    assert_eq!(
        (again["addresses"].as_u64(), again["consents"].as_u64()),
        (Some(0), Some(0))
    );
    let again = import(&db, "customers", &members);
    assert_eq!(
        (again["addresses"].as_u64(), again["consents"].as_u64()),
        (Some(0), Some(0))
    );

    // Undoing the member list takes its address and consents back: b@'s
    // consent is the order's again (accepts), M001 has neither.
    let batch: i64 = sqlite(&db)
        .query_row(
            "SELECT max(id) FROM import_batches WHERE kind = 'customers' AND undone_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    horetsu_ok(&[
        "undo",
        "--db",
        db.to_str().unwrap(),
        "--batch",
        &batch.to_string(),
    ]);
    assert_eq!(
        latest_consents(&db),
        vec![(s("a@example.jp"), false), (s("b@example.jp"), true)]
    );
    assert!(latest_addresses(&db).iter().all(|r| r.0 != m001));
}

/// A small shop for the lists. By hand:
/// - a@ declined (its latest order says no), lives at 060-0001 北海道;
/// - b@ accepts, 530-0001 大阪府;
/// - c@ says nothing (may be mailed), no address;
/// - M001 (d@) declined as a member, 154-0001 東京都;
/// - M002 has no e-mail, 100-0001 東京都千代田区.
fn list_shop(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path("shop.horetsu");
    let orders = dir.path("orders_export.csv");
    std::fs::write(
        &orders,
        "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Total,\
Accepts Marketing,Billing Name,Billing Zip,Billing Province,Billing City,Billing Address1\n\
#1,a@example.jp,paid,2024-03-01 10:00:00 +0900,1,煎茶,1200,1200,yes,山田 花子,150-0001,JP-13,渋谷区,神南1-2-3\n\
#2,a@example.jp,paid,2024-05-01 10:00:00 +0900,1,煎茶,1200,1200,no,山田 花子,060-0001,JP-01,札幌市中央区,北一条西2-1\n\
#3,b@example.jp,paid,2024-04-01 10:00:00 +0900,1,玉露,3000,3000,yes,佐藤 太郎,530-0001,JP-27,大阪市北区,梅田1-1\n\
#4,c@example.jp,paid,2024-04-02 10:00:00 +0900,1,抹茶,2000,2000,,伊藤 健二,,,,\n",
    )
    .unwrap();
    import(&db, "orders", &orders);
    let members = dir.path("members.csv");
    std::fs::write(
        &members,
        "会員ID,メールアドレス,氏名,郵便番号,住所,メルマガ希望\n\
M001,d@example.jp,鈴木 一郎,〒１５４－０００１,東京都世田谷区池尻1-1,希望しない\n\
M002,,高橋 二郎,100-0001,東京都千代田区千代田1-1,\n",
    )
    .unwrap();
    import(&db, "customers", &members);
    db
}

fn list(db: &Path, out: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "list",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&horetsu_ok(&args)).unwrap()
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn lists_leave_out_who_declined_or_cannot_be_reached_and_say_why() {
    let dir = TempDir::new("sending-lists");
    let db = list_shop(&dir);

    // Mail: b@ and c@; a@ and M001 declined, M002 has no e-mail.
    let mail = dir.path("mail.csv");
    let r = list(&db, &mail, &["--format", "mail"]);
    assert_eq!(r["included"], 2, "{r}");
    assert_eq!(r["excluded"]["declined"], 2);
    assert_eq!(r["excluded"]["no_email"], 1);
    let rows = read_csv(&mail);
    assert_eq!(rows[0], ["email", "name", "stage", "next_step"]);
    let mut emails: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    emails.sort();
    assert_eq!(emails, ["b@example.jp", "c@example.jp"]);
    // The text report says it in words.
    let text = horetsu_ok(&[
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "mail",
        "--force",
        "--out",
        mail.to_str().unwrap(),
    ]);
    assert!(
        text.contains("除外: 配信停止 2人, メールなし 1人"),
        "{text}"
    );

    // Address: everyone with a postal code, 様 added, in the documented columns.
    let labels = dir.path("address.csv");
    let r = list(&db, &labels, &["--format", "address"]);
    assert_eq!(
        (r["included"].as_u64(), r["excluded"]["no_address"].as_u64()),
        (Some(4), Some(1))
    );
    let rows = read_csv(&labels);
    assert_eq!(
        rows[0],
        [
            "郵便番号",
            "都道府県",
            "市区町村",
            "番地",
            "建物",
            "氏名",
            "敬称"
        ]
    );
    assert!(rows.contains(
        &[
            "154-0001",
            "東京都",
            "",
            "世田谷区池尻1-1",
            "",
            "鈴木 一郎",
            "様"
        ]
        .map(String::from)
        .to_vec()
    ));
    assert!(rows.contains(
        &[
            "060-0001",
            "北海道",
            "札幌市中央区",
            "北一条西2-1",
            "",
            "山田 花子",
            "様"
        ]
        .map(String::from)
        .to_vec()
    ));

    // The same list in Shift_JIS reads back the same.
    let sjis = dir.path("address_sjis.csv");
    list(
        &db,
        &sjis,
        &["--format", "address", "--encoding", "shift_jis"],
    );
    let bytes = std::fs::read(&sjis).unwrap();
    assert!(String::from_utf8(bytes.clone()).is_err(), "not UTF-8");
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    let utf8_text = std::fs::read_to_string(&labels).unwrap();
    assert_eq!(
        text.replace("\r\n", "\n"),
        utf8_text
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n")
    );

    // Shopify: one tag per stage, the family name first, and the caution.
    let shop = dir.path("shopify.csv");
    let r = list(&db, &shop, &["--format", "shopify"]);
    assert!(r["warning"].as_str().unwrap().contains("タグ"));
    let rows = read_csv(&shop);
    assert_eq!(rows[0], ["First Name", "Last Name", "Email", "Tags"]);
    let b = rows.iter().find(|r| r[2] == "b@example.jp").unwrap();
    assert_eq!((b[0].as_str(), b[1].as_str()), ("太郎", "佐藤"));
    assert!(b[3].starts_with("惚れ通:"), "{b:?}");

    // A file there is replaced only with --force.
    let refused = horetsu(&[
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "mail",
        "--out",
        mail.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
}

#[test]
fn a_list_recorded_as_sent_holds_out_customers_and_is_measured() {
    let dir = TempDir::new("sending-record");
    let db = dir.path("shop.horetsu");
    horetsu_ok(&["demo", "--db", db.to_str().unwrap(), "--customers", "600"]);
    let out = dir.path("dm.csv");
    let r = list(
        &db,
        &out,
        &[
            "--format",
            "mail",
            "--holdout",
            "0.2",
            "--record",
            "冬のDM",
            "--date",
            "2026-08-01",
        ],
    );
    let (included, held) = (
        r["included"].as_u64().unwrap(),
        r["held_out"].as_u64().unwrap(),
    );
    assert_eq!(r["recorded"].as_u64(), Some(included + held));
    assert!(
        held > 0 && held < (included + held) / 2,
        "{held} of {}",
        included + held
    );
    assert_eq!(read_csv(&out).len() as u64, included + 1);
    let (treated, control): (i64, i64) = sqlite(&db)
        .query_row(
            "SELECT count(*) FILTER (WHERE grp = 'treated'), count(*) FILTER (WHERE grp = 'control')
             FROM contacts WHERE campaign = '冬のDM' AND contacted_on = '2026-08-01'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((treated as u64, control as u64), (included, held));
    let effect: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "effect",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let c = effect["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign"] == "冬のDM")
        .expect("measured");
    assert_eq!(c["method"], "randomised");
    assert_eq!(
        (c["treated"].as_u64(), c["control"].as_u64()),
        (Some(included), Some(held))
    );
}

#[test]
fn address_labels_print_everyone_with_an_address_twelve_to_a_sheet() {
    let dir = TempDir::new("sending-labels");
    let db = list_shop(&dir);
    // The four with a postal code, c@ left out (no address); consent does
    // not filter paper.
    let pdf = dir.path("labels.pdf");
    let r = list(&db, &pdf, &["--format", "labels"]);
    assert_eq!(r["format"], "labels");
    assert_eq!(
        (r["included"].as_u64(), r["excluded"]["no_address"].as_u64()),
        (Some(4), Some(1)),
        "{r}"
    );
    assert_eq!(pdf_pages(&pdf), 1);
    let text = squeezed(&pdf_text(&pdf));
    for name in ["山田花子", "佐藤太郎", "鈴木一郎", "高橋二郎"] {
        assert!(text.contains(&format!("{name}様")), "{name} in {text}");
    }
    assert!(!text.contains("伊藤"), "no address, no label");
    assert!(text.contains("〒060-0001"), "{text}");
    assert!(text.contains("北海道札幌市中央区北一条西2-1"), "{text}");

    // The demo: ceil(n / 12) A4 pages for n labels, each name once.
    let (demo, _) = default_demo();
    let pdf = dir.path("demo_labels.pdf");
    let r = list(demo, &pdf, &["--format", "labels", "--stage", "landing"]);
    let n = r["included"].as_u64().unwrap() as usize;
    assert!(n > 24, "{r}");
    assert_eq!(pdf_pages(&pdf), n.div_ceil(12));
    let csv = dir.path("demo_address.csv");
    list(demo, &csv, &["--format", "address", "--stage", "landing"]);
    let rows = read_csv(&csv);
    assert_eq!(rows.len() - 1, n, "the address list and the labels agree");
    let text = squeezed(&pdf_text(&pdf));
    for row in &rows[1..] {
        assert!(text.contains(&format!("〒{}", row[0])), "{row:?}");
        assert!(
            text.contains(&format!("{}様", squeezed(&row[5]))),
            "{row:?}"
        );
    }

    // A PDF is replaced only with --force, and never over a CSV.
    let again = horetsu(&[
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "labels",
        "--out",
        dir.path("labels.pdf").to_str().unwrap(),
    ]);
    assert!(!again.status.success());
    let address = dir.path("address.csv");
    list(&db, &address, &["--format", "address"]);
    let over_csv = horetsu(&[
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "labels",
        "--force",
        "--out",
        address.to_str().unwrap(),
    ]);
    assert!(!over_csv.status.success());
    assert!(
        read_csv(&address)[0][0] == "郵便番号",
        "the CSV is untouched"
    );
    list(
        &db,
        &dir.path("labels.pdf"),
        &["--format", "labels", "--force"],
    );
}

#[test]
fn postcards_carry_each_customers_name_and_their_stages_message() {
    let dir = TempDir::new("sending-postcards");
    let db = list_shop(&dir);
    let pdf = dir.path("cards.pdf");
    let r = list(&db, &pdf, &["--format", "postcards"]);
    // Every selected customer gets a card: consent and addresses do not
    // matter (a thank-you note may go in the parcel).
    assert_eq!(
        (r["selected"].as_u64(), r["included"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(pdf_pages(&pdf), 5);
    // Each page: the name with 様 and the default message of that
    // customer's stage (as `customers --json` gives it).
    let customers: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "customers",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let text = pdf_text(&pdf);
    let pages: Vec<String> = text.split('\u{c}').map(squeezed).collect();
    let landing = "このたびはお買い上げいただき、ありがとうございます。";
    let observer = "このたびは私たちのお店にお越しいただき、ありがとうございます。";
    let mut seen = 0;
    let names = [
        ("a@example.jp", "山田花子"),
        ("b@example.jp", "佐藤太郎"),
        ("c@example.jp", "伊藤健二"),
        ("M001", "鈴木一郎"),
        ("M002", "高橋二郎"),
    ];
    for c in customers.as_array().unwrap() {
        let key = c["customer_key"].as_str().unwrap();
        let name = names.iter().find(|(k, _)| *k == key).unwrap().1;
        let page = pages
            .iter()
            .find(|p| p.contains(&format!("{name}様")))
            .unwrap_or_else(|| panic!("{name} has no card: {text}"));
        let message = match c["stage"].as_str().unwrap() {
            "landing" => landing,
            "observer" => observer,
            other => panic!("the shop's customers are new: {other}"),
        };
        assert!(page.contains(message), "{name} ({}): {page}", c["stage"]);
        seen += 1;
    }
    assert_eq!(seen, 5);
}
