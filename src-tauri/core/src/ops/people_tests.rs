//! Lists of customers as the screens show them (names, a key that opens the
//! customer) and saved whole as CSV.

use std::path::{Path, PathBuf};

use super::*;
use crate::analytics::comments::NpsGroup;
use crate::model::Lang;
use crate::plan::campaign::CampaignTarget;
use crate::plan::playbook::CampaignType;
use crate::Workspace;

fn today() -> crate::day::Day {
    crate::day::parse_iso("2026-11-01").unwrap()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("horetsu-people-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The records of a CSV the app wrote (UTF-8 with a byte-order mark).
fn read(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a CSV for spreadsheets starts with a BOM"
    );
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn save(ws: &Workspace, list: &PeopleList, path: &Path, mask: bool) -> u64 {
    save_people(ws, None, today(), list, path, mask, false, Lang::Ja)
        .unwrap()
        .rows
}

#[test]
fn the_churn_list_and_the_ranking_show_names_open_the_customer_and_save_whole() {
    let ws = crate::workspace::test_demo(1500);
    let view = analysis_view(&ws, None, today(), Lang::Ja, None, false).unwrap();
    let snap = ws.snapshot(None, today()).unwrap();
    let names = snap.names().unwrap();
    let churn = &view.report.clv.churn_risk;
    assert!(!churn.is_empty(), "the demo has customers at risk");
    for c in churn {
        let i = snap
            .resolve(&c.customer_key)
            .unwrap()
            .expect("the row's key opens the customer");
        assert_eq!(c.display_key.as_deref(), Some(snap.key(i)));
        assert_eq!(
            c.name, names[i as usize],
            "the list shows the customer's name"
        );
    }

    // The CSV holds every customer at risk (the screen shows the head),
    // most at stake first, with the name beside the key.
    let d = dir("churn");
    let path = d.join("churn.csv");
    let rows = save(&ws, &PeopleList::Churn, &path, false);
    assert_eq!(rows, view.report.clv.churn_risk_count);
    let csv = read(&path);
    assert_eq!(
        csv[0],
        [
            "顧客キー",
            "氏名",
            "段階",
            "累計購入額",
            "継続見込み",
            "365日の予想購入回数"
        ]
    );
    assert_eq!(csv.len() as u64, rows + 1);
    for (c, r) in churn.iter().zip(&csv[1..]) {
        assert_eq!(r[0], c.customer_key);
        assert_eq!(Some(&r[1]), c.name.as_ref());
        assert_eq!(r[3], format!("{:.0}", c.monetary));
    }
    // LTV × (1 − P(alive)) never rises down the list.
    let stake: Vec<f64> = csv[1..]
        .iter()
        .map(|r| r[3].parse::<f64>().unwrap() * (1.0 - r[4].parse::<f64>().unwrap()))
        .collect();
    assert!(stake.windows(2).all(|w| w[0] + 0.01 >= w[1]), "{stake:?}");
    // Every row is a buyer with P(alive) below one half.
    assert!(csv[1..].iter().all(|r| r[4].parse::<f64>().unwrap() < 0.5));

    // The ranking: everyone with heat, hottest first, ranked 1, 2, 3 …
    let path = d.join("ranking.csv");
    let rows = save(&ws, &PeopleList::Ranking, &path, false);
    let hot = snap
        .analysis
        .customers
        .iter()
        .filter(|c| c.heat > 0.0)
        .count() as u64;
    assert_eq!(rows, hot);
    let csv = read(&path);
    let heat: Vec<f64> = csv[1..].iter().map(|r| r[6].parse().unwrap()).collect();
    assert!(heat.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(csv[1][2], "1");
    for (e, r) in view.report.points.ranking.iter().zip(&csv[1..]) {
        assert_eq!(r[0], e.customer_key);
        assert_eq!(Some(&r[1]), e.name.as_ref());
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn masked_lists_name_no_one_on_screen_or_in_the_file_and_still_open_the_customer() {
    let ws = crate::workspace::test_demo(1500);
    let snap = ws.snapshot(None, today()).unwrap();
    let names = snap.names().unwrap();
    let view = analysis_view(&ws, None, today(), Lang::Ja, None, true).unwrap();
    for c in &view.report.clv.churn_risk {
        assert!(
            c.customer_key.starts_with('＃'),
            "a handle, not the key: {}",
            c.customer_key
        );
        let i = snap.resolve(&c.customer_key).unwrap().unwrap();
        let real = names[i as usize].clone().unwrap();
        assert_ne!(c.name.as_deref(), Some(real.as_str()));
        assert_eq!(c.display_key, Some(crate::plan::mask::key(snap.key(i))));
        // The handle opens the customer's page.
        let page = customer_detail(&ws, &c.customer_key, None, today(), true).unwrap();
        assert_eq!(page.name, c.name);
    }
    let d = dir("masked");
    let mut written = String::new();
    for (file, list) in [
        ("churn.csv", PeopleList::Churn),
        ("ranking.csv", PeopleList::Ranking),
        ("nps.csv", PeopleList::NpsComments { group: None }),
    ] {
        let path = d.join(file);
        save(&ws, &list, &path, true);
        written.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    for (i, c) in snap.ds.customers.iter().enumerate() {
        if let Some(n) = &names[i] {
            assert!(!written.contains(n.as_str()), "{n} is in a masked file");
        }
        if c.key.contains('@') {
            assert!(
                !written.contains(c.key.as_str()),
                "{} is in a masked file",
                c.key
            );
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn nps_comments_and_a_campaigns_exclusions_save_what_the_screen_counts() {
    let ws = crate::workspace::test_demo(1500);
    let d = dir("nps");
    let page = nps_comment_page(&ws, None, today(), Some(NpsGroup::Detractor), 5, false).unwrap();
    assert!(page.total > 5);
    for c in &page.comments {
        if c.customer_key.is_some() {
            assert!(c.display_key.is_some(), "a signed comment says who");
        }
    }
    let path = d.join("nps.csv");
    let rows = save(
        &ws,
        &PeopleList::NpsComments {
            group: Some(NpsGroup::Detractor),
        },
        &path,
        false,
    );
    assert_eq!(rows, page.total);
    let csv = read(&path);
    assert!(csv[1..]
        .iter()
        .all(|r| r[3].parse::<u8>().unwrap() <= 6 && r[4] == "批判者"));

    let target = CampaignTarget::default();
    let check = campaign_check(&ws, None, today(), CampaignType::Discount, &target, false).unwrap();
    assert!(
        !check.excluded.is_empty(),
        "discounts are forbidden somewhere"
    );
    let path = d.join("excluded.csv");
    let rows = save(
        &ws,
        &PeopleList::CampaignExcluded {
            campaign: CampaignType::Discount,
            target,
            keys_path: None,
        },
        &path,
        false,
    );
    assert_eq!(rows as usize, check.excluded.len());
    let csv = read(&path);
    assert_eq!(csv[0], ["顧客キー", "氏名", "段階", "除外の理由"]);
    assert_eq!(csv[1][3], check.excluded[0].reason_ja);

    // A second save to the same name needs consent; a workspace is never
    // replaced by a list.
    let again = save_people(
        &ws,
        None,
        today(),
        &PeopleList::Churn,
        &path,
        false,
        false,
        Lang::Ja,
    );
    assert!(again.is_err(), "an existing CSV is kept without consent");
    assert_eq!(read(&path).len(), rows as usize + 1, "and left as it was");
    save_people(
        &ws,
        None,
        today(),
        &PeopleList::Churn,
        &path,
        false,
        true,
        Lang::Ja,
    )
    .unwrap();
    let ws_file = d.join("shop.horetsu");
    save_workspace_copy(&ws, &ws_file, false).unwrap();
    let before = std::fs::read(&ws_file).unwrap();
    assert!(save_people(
        &ws,
        None,
        today(),
        &PeopleList::Churn,
        &ws_file,
        false,
        true,
        Lang::Ja
    )
    .is_err());
    assert_eq!(std::fs::read(&ws_file).unwrap(), before);
    let _ = std::fs::remove_dir_all(&d);
}
