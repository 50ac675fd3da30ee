//! `horetsu export`: the action-plan workbook, read back with calamine and
//! checked against `horetsu customers` and `horetsu summary` (and plain SQL)
//! for the same workspace and analysis date.

use std::collections::HashMap;
use std::io::Read;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};

use crate::support::*;

const SHEETS: [&str; 7] = [
    "サマリー",
    "アクションプラン",
    "セグメント別",
    "紹介ランキング",
    "NPS",
    "効果測定",
    "設定",
];

fn stage_ja(id: &str) -> &'static str {
    match id {
        "observer" => "観測",
        "landing" => "着地",
        "empathy" => "共感",
        "involvement" => "関与",
        "circulation" => "循環",
        other => panic!("unknown stage {other}"),
    }
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match r.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// `horetsu export` of a workspace to a workbook, at the default analysis date.
fn export(db: &std::path::Path, out: &std::path::Path) {
    horetsu_ok(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
}

fn read_sheet(path: &std::path::Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    wb.worksheet_range(name).expect("the sheet exists")
}

#[test]
fn the_workbook_holds_one_planned_action_per_customer_with_the_stage_the_cli_reports() {
    let (db, _) = default_demo();
    let dir = TempDir::new("export");
    let out = dir.path("plan.xlsx");
    let s: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-10-01",
        "--json",
    ]))
    .unwrap();
    assert_eq!(s["as_of"], "2026-10-01");
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        SHEETS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );

    let customers: Vec<serde_json::Value> = serde_json::from_str(&horetsu_ok(&[
        "customers",
        "--db",
        db.to_str().unwrap(),
        "--as-of",
        "2026-10-01",
        "--json",
    ]))
    .unwrap();
    let by_key: HashMap<&str, &serde_json::Value> = customers
        .iter()
        .map(|c| (c["customer_key"].as_str().unwrap(), c))
        .collect();

    let plan = read_sheet(&out, "アクションプラン");
    let header: Vec<String> = (0..plan.width()).map(|c| cell(&plan, 0, c)).collect();
    for h in [
        "顧客ID",
        "氏名",
        "ステージ",
        "温度感",
        "セグメント",
        "R",
        "F",
        "M",
        "次のアクション",
        "期日",
        "禁止施策",
        "理由",
    ] {
        assert!(header.iter().any(|x| x == h), "column {h} in {header:?}");
    }
    let col = |name: &str| header.iter().position(|x| x == name).unwrap();
    assert_eq!(plan.height() - 1, customers.len(), "one row per customer");
    let mut stage_counts: HashMap<String, u64> = HashMap::new();
    let mut previous_due = 0.0;
    for row in 1..plan.height() {
        let key = cell(&plan, row, col("顧客ID"));
        let c = by_key
            .get(key.as_str())
            .unwrap_or_else(|| panic!("{key} is a customer"));
        let stage = cell(&plan, row, col("ステージ"));
        assert_eq!(stage, stage_ja(c["stage"].as_str().unwrap()), "{key}");
        *stage_counts.entry(stage.clone()).or_default() += 1;
        assert_eq!(
            plan.get((row, col("M"))).and_then(|v| v.as_f64()),
            c["m"].as_f64(),
            "{key} M"
        );
        assert!(!cell(&plan, row, col("次のアクション")).is_empty());
        assert!(!cell(&plan, row, col("理由")).is_empty());
        // Due dates are real dates, never before the analysis date, soonest first.
        let due = match plan.get((row, col("期日"))) {
            Some(Data::DateTime(dt)) => dt.as_f64(),
            other => panic!("{key}: due date {other:?}"),
        };
        assert!(due >= 46296.0, "{key}: due {due} before 2026-10-01"); // Excel serial of 2026-10-01
        assert!(due >= previous_due);
        previous_due = due;
        // Forbidden measures are those of the stage: 観測 never gets a discount.
        if stage == "観測" {
            assert!(cell(&plan, row, col("禁止施策")).contains("登録直後の割引"));
        }
    }
    let summary = summary(db, Some("2026-10-01"));
    for (id, ja) in [
        ("observer", "観測"),
        ("landing", "着地"),
        ("empathy", "共感"),
        ("involvement", "関与"),
        ("circulation", "循環"),
    ] {
        assert_eq!(
            stage_counts.get(ja).copied().unwrap_or(0),
            summary["stages"][id].as_u64().unwrap(),
            "{ja}"
        );
    }

    // セグメント別: the stage × segment counts add up to the customers.
    let seg = read_sheet(&out, "セグメント別");
    let total: f64 = (1..seg.height())
        .filter_map(|r| seg.get((r, 2)).and_then(|v| v.as_f64()))
        .sum();
    assert_eq!(total as usize, customers.len());

    // 紹介ランキング: every customer who referred someone, most referred buyers first.
    let rank = read_sheet(&out, "紹介ランキング");
    let referrers = customers
        .iter()
        .filter(|c| c["referred_count"].as_u64().unwrap() > 0)
        .count();
    assert!(referrers > 0);
    assert_eq!(rank.height() - 1, referrers);
    let first = cell(&rank, 1, 1);
    let top = by_key[first.as_str()];
    assert_eq!(
        rank.get((1, 4)).and_then(|v| v.as_f64()),
        top["referred_count"].as_f64()
    );

    // サマリー: the headline figures and the charts as images.
    let sum = read_sheet(&out, "サマリー");
    let value_of = |label: &str| {
        (0..sum.height())
            .find(|&r| cell(&sum, r, 0) == label)
            .and_then(|r| sum.get((r, 1)).and_then(|v| v.as_f64()))
    };
    assert_eq!(value_of("顧客数"), summary["customers"].as_f64());
    assert_eq!(value_of("注文数"), summary["orders"].as_f64());
    assert!((value_of("売上").unwrap() - summary["revenue"].as_f64().unwrap()).abs() < 1e-6);
    let images = zip_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("xl/media/") && n.ends_with(".png"))
        .count();
    assert!(images >= 6, "{images} chart images");

    // 設定: the analysis date and the point rules used.
    let set = read_sheet(&out, "設定");
    assert!(
        (0..set.height()).any(|r| cell(&set, r, 0) == "基準日" && cell(&set, r, 1) == "2026-10-01")
    );
    let rules: i64 = sqlite(db)
        .query_row("SELECT count(*) FROM point_rules", [], |r| r.get(0))
        .unwrap();
    let rule_rows = (0..set.height())
        .skip_while(|&r| cell(&set, r, 0) != "ポイントの種類")
        .skip(1)
        .take_while(|&r| !cell(&set, r, 0).is_empty())
        .count();
    assert_eq!(rule_rows as i64, rules);
}

fn zip_names(path: &std::path::Path) -> Vec<String> {
    let f = std::fs::File::open(path).unwrap();
    let z = zip::ZipArchive::new(f).unwrap();
    z.file_names().map(|n| n.unwrap().into_owned()).collect()
}

fn zip_text(path: &std::path::Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A tiny shop whose names and comments try formula injection: orders by
/// e-mail, and a member list with a name and an e-mail column only.
fn injection_shop(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path("shop.horetsu");
    let orders = dir.path("orders.csv");
    std::fs::write(
        &orders,
        "注文番号,注文日,メールアドレス,合計金額\n\
         1001,2026-01-05,hanako@example.jp,5000\n\
         1002,2026-03-05,hanako@example.jp,4000\n\
         1003,2026-02-10,taro@example.jp,3000\n\
         1004,2026-02-11,evil@example.jp,2500\n",
    )
    .unwrap();
    let members = dir.path("members.csv");
    std::fs::write(
        &members,
        "氏名,メールアドレス\n\
         山田 花子,hanako@example.jp\n\
         \"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",taro@example.jp\n\
         @SUM(A1:A2),evil@example.jp\n",
    )
    .unwrap();
    horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        orders.to_str().unwrap(),
    ]);
    horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--kind",
        "customers",
        members.to_str().unwrap(),
    ]);
    db
}

#[test]
fn names_from_a_member_list_reach_the_plan_and_user_text_never_becomes_a_formula() {
    let dir = TempDir::new("export-inject");
    let db = injection_shop(&dir);
    let out = dir.path("plan.xlsx");
    export(&db, &out);
    let plan = read_sheet(&out, "アクションプラン");
    let names: HashMap<String, String> = (1..plan.height())
        .map(|r| (cell(&plan, r, 0), cell(&plan, r, 1)))
        .collect();
    assert_eq!(names["hanako@example.jp"], "山田 花子");
    assert_eq!(
        names["taro@example.jp"],
        "=HYPERLINK(\"http://x\",\"click\")"
    );
    assert_eq!(names["evil@example.jp"], "@SUM(A1:A2)");

    // No formula anywhere in the plan sheet, and the hostile names carry
    // Excel's quote prefix, so editing the cell keeps them text.
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let formulas = wb.worksheet_formula("アクションプラン").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula in the plan"
    );
    let sheet = zip_text(&out, "xl/worksheets/sheet2.xml");
    assert!(!sheet.contains("<f>"));
    let styles = zip_text(&out, "xl/styles.xml");
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let style_of = |needle: &str| -> usize {
        let at = sheet
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in the sheet"));
        let c = &sheet[sheet[..at].rfind("<c ").unwrap()..at];
        // A cell without a style attribute has style 0 (the default format).
        c.split(" s=\"")
            .nth(1)
            .map_or(0, |s| s.split('"').next().unwrap().parse().unwrap())
    };
    assert!(xfs[style_of("=HYPERLINK")].contains("quotePrefix=\"1\""));
    assert!(xfs[style_of("@SUM(A1:A2)")].contains("quotePrefix=\"1\""));
    assert!(!xfs[style_of("山田 花子")].contains("quotePrefix"));
    // A Japanese font throughout, and yen and date formats.
    assert!(styles.contains("游ゴシック"));
    assert!(styles.contains("¥#,##0") && styles.contains("yyyy/mm/dd"));
}

#[test]
fn masking_hides_every_name_and_e_mail_in_every_sheet() {
    let dir = TempDir::new("export-mask");
    let db = injection_shop(&dir);
    let out = dir.path("masked.xlsx");
    let s: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--mask-pii",
        "--json",
    ]))
    .unwrap();
    assert_eq!(s["mask_pii"], true);
    let plan = read_sheet(&out, "アクションプラン");
    let keys: Vec<String> = (1..plan.height()).map(|r| cell(&plan, r, 0)).collect();
    assert!(keys.contains(&"h***@example.jp".to_string()), "{keys:?}");
    let names: Vec<String> = (1..plan.height()).map(|r| cell(&plan, r, 1)).collect();
    assert!(names.contains(&"山＊ ＊＊".to_string()), "{names:?}");
    // Nothing personal anywhere in the file, in any sheet.
    let mut all = String::new();
    for name in zip_names(&out).iter().filter(|n| n.ends_with(".xml")) {
        all.push_str(&zip_text(&out, name));
    }
    for secret in ["hanako", "taro@", "evil@", "山田", "花子"] {
        assert!(
            !all.contains(secret),
            "{secret} leaked into the masked workbook"
        );
    }
}

#[test]
fn export_errors_are_sentences_and_leave_no_file() {
    let (db, _) = default_demo();
    let dir = TempDir::new("export-err");
    let out = dir.path("no/such/folder/plan.xlsx");
    let r = horetsu(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_campaign_check_lists_forbidden_recipients_from_a_key_file() {
    let dir = TempDir::new("campaign");
    let db = injection_shop(&dir);
    let keys = dir.path("list.csv");
    std::fs::write(
        &keys,
        "メールアドレス,メモ\nHanako@Example.jp,x\ntaro@example.jp,y\nnobody@example.jp,z\n",
    )
    .unwrap();
    let c: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "campaign",
        "--db",
        db.to_str().unwrap(),
        "--type",
        "discount",
        "--keys",
        keys.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    // Two recipients known (the key is normalised), one unknown.
    assert_eq!(c["recipients"], 2);
    assert_eq!(c["unknown_keys"], serde_json::json!(["nobody@example.jp"]));
    // Stages from the CLI: a discount is forbidden at 観測, 共感 and 循環.
    let customers: Vec<serde_json::Value> = serde_json::from_str(&horetsu_ok(&[
        "customers",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let forbidden = customers
        .iter()
        .filter(|x| {
            ["hanako@example.jp", "taro@example.jp"].contains(&x["customer_key"].as_str().unwrap())
        })
        .filter(|x| ["observer", "empathy", "circulation"].contains(&x["stage"].as_str().unwrap()))
        .count();
    assert_eq!(c["forbidden"].as_u64().unwrap() as usize, forbidden);
    let r = horetsu(&["campaign", "--db", db.to_str().unwrap(), "--type", "coupon"]);
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("--type coupon"));
}

/// Issue #14: the plan sheet names each step's kind and the related customer
/// (the 後見人's newcomer, a newcomer's referrer), as `horetsu plan` does, and
/// サマリー carries F2 as `horetsu summary` computes it.
#[test]
fn the_workbook_carries_the_step_kind_the_related_customer_and_f2() {
    let (db, _) = default_demo();
    let dir = TempDir::new("export-method");
    let out = dir.path("plan.xlsx");
    export(db, &out);
    let lines: Vec<serde_json::Value> = serde_json::from_str(&horetsu_ok(&[
        "plan",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let related: HashMap<&str, Option<&str>> = lines
        .iter()
        .map(|l| {
            (
                l["customer_key"].as_str().unwrap(),
                l["related_customer_key"].as_str(),
            )
        })
        .collect();
    let plan = read_sheet(&out, "アクションプラン");
    let header: Vec<String> = (0..plan.width()).map(|c| cell(&plan, 0, c)).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("column {name} in {header:?}"))
    };
    let (kind, rel, key) = (col("種類"), col("関係する顧客"), col("顧客ID"));
    let mut guardians = 0;
    for row in 1..plan.height() {
        let k = cell(&plan, row, key);
        let r = cell(&plan, row, rel);
        assert_eq!(
            related[k.as_str()].unwrap_or(""),
            r.as_str(),
            "related customer of {k}"
        );
        if cell(&plan, row, kind) == "後見人" {
            guardians += 1;
            assert!(!r.is_empty(), "{k}'s 後見人 step names the newcomer");
        }
    }
    assert_eq!(
        guardians,
        lines.iter().filter(|l| l["kind"] == "guardian").count()
    );
    assert!(guardians > 0);
    let s = summary(db, None);
    let sheet = read_sheet(&out, "サマリー");
    let f2_row = (0..sheet.height())
        .find(|&r| cell(&sheet, r, 0).starts_with("F2転換率(90日"))
        .expect("an F2 row on サマリー");
    let shown = sheet
        .get((f2_row, 1))
        .and_then(|d| d.as_f64())
        .expect("F2 is a number");
    assert!((shown - s["f2"]["rate"].as_f64().unwrap()).abs() < 1e-12);
    assert!((0..sheet.height()).any(|r| cell(&sheet, r, 0) == "90日で変化に届いた割合・紹介"));
}

/// 効果測定 (issue #15): one row per campaign and outcome, with the figures
/// `horetsu effect` prints.
#[test]
fn the_workbook_carries_the_effect_of_each_campaign() {
    let (db, _) = default_demo();
    let dir = TempDir::new("export-effect");
    let out = dir.path("plan.xlsx");
    export(db, &out);
    let effect: serde_json::Value = serde_json::from_str(&horetsu_ok(&[
        "effect",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    let sheet = read_sheet(&out, "効果測定");
    let campaigns = effect["campaigns"].as_array().unwrap();
    assert_eq!(sheet.height() - 1, campaigns.len() * 5);
    for (k, c) in campaigns.iter().enumerate() {
        let row = 1 + 5 * k;
        assert_eq!(cell(&sheet, row, 0), c["campaign"].as_str().unwrap());
        assert_eq!(cell(&sheet, row, 7), "購入");
        let shown = sheet.get((row, 10)).and_then(|d| d.as_f64()).unwrap();
        assert!((shown - c["outcomes"]["purchase"]["uplift"].as_f64().unwrap()).abs() < 1e-12);
        let verdict = match c["outcomes"]["purchase"]["verdict"].as_str().unwrap() {
            "effective" => "効果あり",
            "inconclusive" => "差は誤差の範囲",
            _ => "判定にはまだ早い",
        };
        assert_eq!(cell(&sheet, row, 13), verdict);
    }
}
