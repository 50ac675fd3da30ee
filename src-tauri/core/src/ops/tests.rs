//! The operations checked on the demo shop: each screen's data, as the shell
//! and the CLI receive it.

use super::*;
use crate::analytics::Dataset;
use crate::model::Lang;
use crate::model::{Stage, Temperature};
use crate::store::{self, WorkspaceInfo};
use crate::Workspace;

fn demo() -> Workspace {
    crate::workspace::test_demo(400)
}

#[test]
fn the_search_finds_a_customer_by_e_mail_phone_or_kana() {
    let ws = demo();
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let all = customer_list(&ws, None, today).unwrap();
    let search = |text: &str| {
        let q = CustomerQuery {
            search: text.into(),
            limit: 1000,
            ..Default::default()
        };
        query_customers(&all, &q)
            .rows
            .into_iter()
            .map(|c| c.row.customer_key)
            .collect::<Vec<_>>()
    };
    // A member with an e-mail and a phone, read straight from the store.
    let (key, email, phone) = all
        .iter()
        .find_map(|c| {
            let key = c.row.customer_key.clone();
            let (email, phone) = ws
                .with_conn(|conn| {
                    let id = store::customers::id_of(conn, &key)?.unwrap();
                    store::customers::contact_of(conn, id)
                })
                .unwrap();
            match (email, phone) {
                (Some(e), Some(p)) if p.contains('-') => Some((key, e, p)),
                _ => None,
            }
        })
        .expect("a demo member with an e-mail and a phone");
    let local = email.split('@').next().unwrap();
    assert!(search(local).contains(&key), "{local}");
    assert!(
        search(&email.to_uppercase()).contains(&key),
        "case does not matter"
    );
    // The phone as typed with hyphens, without them, and in full-width digits.
    assert_eq!(search(&phone), vec![key.clone()], "{phone}");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(search(&digits), vec![key.clone()]);
    let wide: String = digits
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect();
    assert_eq!(search(&wide), vec![key]);
    // Kana: katakana and hiragana find each other, half-width too.
    assert_eq!(crate::keys::search_fold("ヤマダ　ＴＡＲＯ"), "やまだ taro");
    assert_eq!(crate::keys::search_fold("ﾔﾏﾀﾞ"), "やまだ");
    assert_eq!(
        crate::keys::phone_needle("090-1234"),
        Some("0901234".into())
    );
    assert_eq!(
        crate::keys::phone_needle("0901234"),
        None,
        "plain digits match as text"
    );
    assert_eq!(crate::keys::phone_needle("M-12"), None);
}

#[test]
fn the_table_filters_sorts_pages_and_masks() {
    let ws = demo();
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let all = customer_list(&ws, None, today).unwrap();
    assert!(all.iter().any(|c| c.name.is_some()));
    let q = |f: &dyn Fn(&mut CustomerQuery)| {
        let mut q = CustomerQuery {
            limit: 1000,
            ..Default::default()
        };
        f(&mut q);
        query_customers(&all, &q)
    };
    // Everyone, in key order, by default.
    let page = q(&|_| {});
    assert_eq!(page.total as usize, all.len());
    assert!(page
        .rows
        .windows(2)
        .all(|w| w[0].row.customer_key < w[1].row.customer_key));
    // Filters combine.
    let landing_warm = q(&|q| {
        q.stages = vec![Stage::Landing];
        q.temperatures = vec![Temperature::Warm];
    });
    let want = all
        .iter()
        .filter(|c| c.row.stage == Stage::Landing && c.row.temperature == Temperature::Warm)
        .count();
    assert_eq!(landing_warm.total as usize, want);
    let referred = q(&|q| q.referred = Some(true));
    assert!(referred.total > 0 && referred.rows.iter().all(|c| c.row.referrer_key.is_some()));
    // Sorted by monetary, largest first; by p_alive with missing values last.
    let rich = q(&|q| {
        q.sort = Some(CustomerSort::Monetary);
        q.descending = true;
    });
    assert!(rich
        .rows
        .windows(2)
        .all(|w| w[0].row.monetary >= w[1].row.monetary));
    let alive = q(&|q| q.sort = Some(CustomerSort::PAlive));
    let first_missing = alive
        .rows
        .iter()
        .position(|c| c.row.p_alive.is_none())
        .unwrap_or(alive.rows.len());
    assert!(alive.rows[first_missing..]
        .iter()
        .all(|c| c.row.p_alive.is_none()));
    assert!(alive.rows[..first_missing]
        .windows(2)
        .all(|w| w[0].row.p_alive <= w[1].row.p_alive));
    // Paging.
    let second = q(&|q| {
        q.offset = 100;
        q.limit = 50;
    });
    assert_eq!(second.rows.len(), 50);
    assert_eq!(
        second.rows[0].row.customer_key,
        page.rows[100].row.customer_key
    );
    // Search by name, and masking.
    let someone = all.iter().find(|c| c.name.is_some()).unwrap();
    let name = someone.name.clone().unwrap();
    let found = q(&|q| {
        q.search = name.clone();
        q.mask_pii = true;
    });
    assert!(found.total >= 1);
    let hit = found
        .rows
        .iter()
        .find(|c| c.row.customer_key == someone.row.customer_key)
        .unwrap();
    assert_ne!(hit.name.as_deref(), Some(name.as_str()));
    assert!(hit.name.as_deref().unwrap().contains('＊'));
}

#[test]
fn the_default_analysis_date_from_one_query_is_the_datasets() {
    let ws = demo();
    let ds: Dataset = ws.with_conn(store::dataset::load).unwrap();
    assert_eq!(default_as_of(&ws).unwrap(), ds.default_as_of());
    assert!(ds.default_as_of().is_some());
    let empty = Workspace::in_memory(&WorkspaceInfo {
        name: "e".into(),
        is_demo: false,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    assert_eq!(default_as_of(&empty).unwrap(), None);
}

#[test]
fn the_customer_page_holds_their_whole_story() {
    let ws = demo();
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let all = customer_list(&ws, None, today).unwrap();
    // A referrer with someone who bought.
    let c = all
        .iter()
        .find(|c| c.row.referred_count > 0 && c.row.frequency >= 2)
        .unwrap();
    let d = customer_detail(&ws, &c.row.customer_key, None, today, false).unwrap();
    assert_eq!(d.row, c.row);
    let orders = d
        .timeline
        .iter()
        .filter(|t| t.kind == TimelineKind::Order)
        .count() as u32;
    assert!(
        orders >= d.row.frequency,
        "{orders} orders for F {}",
        d.row.frequency
    );
    assert!(
        d.timeline.windows(2).all(|w| w[0].day >= w[1].day),
        "newest first"
    );
    assert_eq!(
        d.referred.len() as u32,
        d.row.referred_count.max(d.referred.len() as u32)
    );
    assert!(d
        .referred
        .iter()
        .all(|r| r.stage.is_some() || r.first_purchase.is_none()));
    let sum: i64 = d
        .ledger
        .iter()
        .filter(|e| e.axis == crate::model::Axis::Referral)
        .map(|e| e.points)
        .sum();
    assert_eq!(sum, d.row.referral_points);
    assert_eq!(d.stage_history.len(), 12);
    assert_eq!(d.stage_history.last().unwrap().stage, Some(d.row.stage));
    assert!(!d.play.as_ref().unwrap().never.is_empty() || d.row.stage == Stage::Involvement);
    // Masked: no name, e-mail or phone in the clear.
    let m = customer_detail(&ws, &c.row.customer_key, None, today, true).unwrap();
    if let (Some(plain), Some(masked)) = (d.email.as_deref(), m.email.as_deref()) {
        assert_ne!(plain, masked);
    }
    assert_ne!(d.name, m.name);
    // An unknown key is a sentence, not a panic.
    let e = customer_detail(&ws, "nobody", None, today, false).unwrap_err();
    assert!(e.to_string().contains("nobody"));
}

#[test]
fn rule_changes_rescore_without_a_reimport_and_the_view_has_every_chart() {
    let ws = crate::workspace::test_demo(300);
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let before = report(&ws, None, today).unwrap().points.support_points;
    let reviews = ws
        .with_conn(|c| store::events::count_of_kind(c, "review", None, false))
        .unwrap();
    assert!(reviews > 0);
    // Reviews worth 10 more points each (and no bonus change): support points grow by 10 per review.
    let mut rules = point_rules(&ws).unwrap();
    let review = rules
        .iter_mut()
        .find(|r| r.kind == crate::points::KIND_REVIEW)
        .unwrap();
    assert_eq!(review.axis, crate::model::Axis::Support);
    review.points += 10;
    save_point_rules(&ws, &rules).unwrap();
    let after = report(&ws, None, today).unwrap().points.support_points;
    let as_of = report(&ws, None, today).unwrap().as_of;
    let counted = ws
        .with_conn(|c| store::events::count_of_kind(c, "review", Some(&as_of), true))
        .unwrap();
    assert_eq!(after - before, 10 * counted);
    // Negative points are refused; defaults come back.
    rules[0].points = -1;
    assert!(save_point_rules(&ws, &rules).is_err());
    restore_point_rules(&ws).unwrap();
    assert_eq!(
        report(&ws, None, today).unwrap().points.support_points,
        before
    );

    let v = analysis_view(
        &ws,
        None,
        today,
        Lang::Ja,
        crate::day::parse_iso("2026-05-01"),
        true,
    )
    .unwrap();
    for svg in [
        &v.charts.funnel,
        &v.charts.heatmap,
        &v.charts.stage_trend,
        &v.charts.nps_trend_monthly,
        &v.charts.quadrant,
        &v.charts.cohorts,
    ] {
        assert!(svg.starts_with("<svg") && svg.contains("IPAexGothic"));
    }
    let total: u64 = v.stage_segment.iter().map(|c| c.customers).sum();
    assert_eq!(total, v.report.customers);
    let m = v.migration.unwrap();
    assert_eq!(m.matrix.iter().flatten().sum::<u64>(), v.report.customers);
}

#[test]
fn the_forest_holds_every_referral_once_in_depth_first_order() {
    let ws = crate::workspace::test_demo(1500);
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let f = referral_forest(&ws, None, today, false).unwrap();
    let referrals = ws.with_conn(store::referrals::count).unwrap() as i64;
    // Every node but the roots has exactly one parent: one edge per referral.
    let edges = f.nodes.iter().filter(|x| x.parent.is_some()).count() as i64;
    assert_eq!(edges, referrals);
    assert_eq!(
        f.nodes.iter().filter(|x| x.parent.is_none()).count() as u32,
        f.trees
    );
    // Depth-first: a parent comes before its children, one generation up; a
    // subtree is the run after a node with a greater generation.
    for (i, x) in f.nodes.iter().enumerate() {
        if let Some(p) = x.parent {
            assert!((p as usize) < i);
            assert_eq!(f.nodes[p as usize].generation + 1, x.generation);
        }
        let run = f.nodes[i + 1..]
            .iter()
            .take_while(|y| y.generation > x.generation)
            .count() as u32;
        assert_eq!(run, x.descendants, "node {i}");
    }
    let report = report(&ws, None, today).unwrap();
    assert_eq!(u64::from(f.trees), report.referrals.trees);
    assert_eq!(u64::from(f.max_generation), report.referrals.max_generation);
    assert!(f.max_generation >= 2, "the demo shop has chains");
}

#[test]
fn the_preview_flags_a_csv_row_with_more_cells_than_its_header() {
    let ws = Workspace::in_memory(&WorkspaceInfo {
        name: "t".into(),
        is_demo: false,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    let dir = std::env::temp_dir().join(format!("horetsu-extra-cells-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("orders.csv");
    std::fs::write(
        &path,
        "注文番号,注文日,顧客ID,金額\nA1,2024-01-05,c1,3000\nA2,2024-01-06,c2,¥4,500\nA3,2024-01-07,c3,1200,\n",
    )
    .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let p = preview_import(&ws, &path, &ImportOptions::default(), today).unwrap();
    let problems: Vec<(u32, Option<&str>)> = p
        .rows
        .iter()
        .map(|r| (r.row, r.problem.as_deref()))
        .collect();
    // Row 3 would read ¥4 and is flagged; row 4's trailing empty cell is not.
    assert_eq!(
        problems,
        vec![(2, None), (3, Some("extra_cells")), (4, None)]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_preview_shows_each_mapped_cell_as_it_will_be_stored() {
    // The demo's orders.xlsx writes 注文日時 as an Excel date (a serial).
    let ws = Workspace::in_memory(&WorkspaceInfo {
        name: "t".into(),
        is_demo: false,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample/orders.xlsx");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let p = preview_import(&ws, &path, &ImportOptions::default(), today).unwrap();
    let col = |header: &str| {
        p.columns
            .iter()
            .find(|c| c.header == header)
            .unwrap_or_else(|| panic!("{header}"))
            .index as usize
    };
    let row = &p.rows[0];
    assert_eq!(row.row, 2);
    // Raw: the serial 45231.50105324074; stored: 2023-11-01 12:01:31 → minutes.
    assert!(
        row.cells[col("注文日時")].starts_with("45231.5"),
        "{:?}",
        row.cells
    );
    let stored = |h: &str| {
        row.stored[col(h)]
            .clone()
            .unwrap_or_else(|| panic!("{h} not stored"))
    };
    assert_eq!(stored("注文日時").value, "2023-11-01 12:01");
    assert_eq!(stored("注文日時").problem, None);
    assert_eq!(stored("注文番号").value, "100001");
    assert_eq!(stored("会員ID").value, "M000002");
    assert_eq!(stored("氏名").value, "長谷川 悠真");
    let amount: f64 = stored("小計").value.parse().unwrap();
    let unit: f64 = stored("単価").value.parse().unwrap();
    let qty: f64 = stored("数量").value.parse().unwrap();
    assert_eq!(amount, unit * qty);

    // A cell the import would reject says why, by code.
    let dir = std::env::temp_dir().join(format!("horetsu-preview-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("o.csv");
    std::fs::write(
        &csv,
        "注文番号,注文日,会員ID,金額\nA-1,2024-13-01,M1,１，２００\n",
    )
    .unwrap();
    let p = preview_import(&ws, &csv, &ImportOptions::default(), today).unwrap();
    let s = &p.rows[0].stored;
    assert_eq!(
        s[1].as_ref().unwrap().problem.as_deref(),
        Some("no_such_date")
    );
    assert_eq!(s[3].as_ref().unwrap().value, "1200");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_effect_is_the_same_measured_alone_or_from_the_apps_snapshot() {
    let ws = crate::workspace::test_demo(1500);
    let today = crate::day::parse_iso("2026-12-01").unwrap();
    // The CLI's way: no snapshot kept, the dataset read alone.
    assert!(ws.kept_snapshot(None).is_none());
    let alone = effect(&ws, None, today, 60).unwrap();
    assert!(
        ws.kept_snapshot(None).is_none(),
        "measuring builds no snapshot"
    );
    // The app's way: from the kept snapshot, its log read once and kept.
    ws.snapshot(None, today).unwrap();
    let kept = effect(&ws, None, today, 60).unwrap();
    assert_eq!(alone, kept);
    assert!(alone.campaigns.len() >= 3, "{}", alone.campaigns.len());
    // The screen's view is made once per window and language, and equals a fresh one.
    let first = effect_view(&ws, None, today, 30, Lang::Ja).unwrap();
    let again = effect_view(&ws, None, today, 30, Lang::Ja).unwrap();
    assert_eq!(first, again);
    assert_eq!(first.report, effect(&ws, None, today, 30).unwrap());
    // A write (a note) makes a new snapshot: the view is measured again.
    save_kpi_notes(
        &ws,
        &[KpiNote {
            day: "2026-10-01".into(),
            text: "新茶".into(),
        }],
    )
    .unwrap();
    assert_eq!(
        effect_view(&ws, None, today, 30, Lang::Ja).unwrap().report,
        first.report
    );
}

#[test]
fn a_list_recorded_as_sent_holds_out_a_seeded_share_and_is_measured_and_undone() {
    let ws = crate::workspace::test_demo(1500);
    let today = crate::day::parse_iso("2026-11-01").unwrap();
    let now = "2026-11-01T10:00:00";
    let dir = std::env::temp_dir().join(format!("horetsu-sending-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let keys: Vec<String> = ws
        .snapshot(None, today)
        .unwrap()
        .ds
        .customers
        .iter()
        .take(1000)
        .map(|c| c.key.clone())
        .collect();
    let record = SendRecord {
        campaign: "冬の新茶DM".into(),
        holdout_share: 0.1,
        date: Some("2026-08-01".into()),
    };
    let contacts = |ws: &Workspace| -> (i64, i64) {
        let rows = ws.with_conn(store::contacts::all).unwrap();
        let of = |control: bool| {
            rows.iter()
                .filter(|r| r.campaign.as_deref() == Some("冬の新茶DM") && r.control == control)
                .count() as i64
        };
        (of(false), of(true))
    };

    // A file that may not be replaced records nothing.
    let taken = dir.join("taken.csv");
    std::fs::write(&taken, "mine").unwrap();
    assert!(save_key_list(&ws, &taken, &keys, false, Some(&record), today, now).is_err());
    assert_eq!(contacts(&ws), (0, 0));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");

    let first = dir.join("dm.csv");
    let saved = save_key_list(&ws, &first, &keys, false, Some(&record), today, now).unwrap();
    assert_eq!(saved.included + saved.held_out, 1000);
    assert!((60..=140).contains(&saved.held_out), "{}", saved.held_out);
    assert_eq!(saved.recorded, 1000);
    // The file holds the customers sent to, not the held-out ones.
    let text = std::fs::read_to_string(&first).unwrap();
    assert_eq!(text.lines().count() as u64, saved.included + 1);
    assert_eq!(
        contacts(&ws),
        (saved.included as i64, saved.held_out as i64)
    );
    // The same list under the same name holds out the same customers, and
    // recording it again adds nothing (and no history entry).
    let history = |ws: &Workspace| import_batches(ws).unwrap().len();
    let before = history(&ws);
    let again = dir.join("dm-again.csv");
    let saved2 = save_key_list(&ws, &again, &keys, false, Some(&record), today, now).unwrap();
    assert_eq!((saved2.held_out, saved2.recorded), (saved.held_out, 0));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    assert_eq!(history(&ws), before);

    // 効果測定 measures it against its holdout.
    let r = effect(&ws, None, today, 60).unwrap();
    let c = r
        .campaigns
        .iter()
        .find(|c| c.campaign == "冬の新茶DM")
        .expect("the recorded list is a campaign");
    assert_eq!(c.method, crate::analytics::effect::Method::Randomised);
    assert_eq!((c.treated, c.control), (saved.included, saved.held_out));
    assert_eq!(c.first_contact, "2026-08-01");

    // Undone from the import history like any import.
    let batch = import_batches(&ws)
        .unwrap()
        .into_iter()
        .find(|b| b.source_name.contains("冬の新茶DM"))
        .expect("the recording is in the history");
    assert_eq!(batch.kind, "contacts");
    undo_import(&ws, batch.id, now).unwrap();
    assert_eq!(contacts(&ws), (0, 0));

    // Names the plan owns, empty names and shares over a half are refused.
    for (name, share) in [("plan:thanks", 0.1), ("  ", 0.1), ("DM", 0.6)] {
        let bad = SendRecord {
            campaign: name.into(),
            holdout_share: share,
            date: None,
        };
        assert!(save_key_list(
            &ws,
            &dir.join("x.csv"),
            &keys,
            false,
            Some(&bad),
            today,
            now
        )
        .is_err());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_effect_view_draws_the_first_charts_and_the_others_on_request() {
    let ws = crate::workspace::test_demo(1500);
    let today = crate::day::parse_iso("2026-11-01").unwrap();
    // Enough campaigns: record a few lists as sent.
    let keys: Vec<String> = ws
        .snapshot(None, today)
        .unwrap()
        .ds
        .customers
        .iter()
        .take(200)
        .map(|c| c.key.clone())
        .collect();
    let dir = std::env::temp_dir().join(format!("horetsu-charts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for k in 0..3 {
        let record = SendRecord {
            campaign: format!("DM {k}"),
            holdout_share: 0.2,
            date: Some(format!("2026-0{}-01", k + 5)),
        };
        let path = dir.join(format!("{k}.csv"));
        save_key_list(&ws, &path, &keys, false, Some(&record), today, "t").unwrap();
    }
    let view = effect_view(&ws, None, today, 60, Lang::Ja).unwrap();
    let n = view.report.campaigns.len();
    assert!(n > EAGER_CHARTS, "{n}");
    for (i, c) in view.report.campaigns.iter().enumerate() {
        let asked = effect_chart(&ws, None, today, 60, &c.campaign, Lang::Ja).unwrap();
        assert!(asked.starts_with("<svg"), "{}", c.campaign);
        if i < EAGER_CHARTS {
            assert_eq!(view.charts[i], asked);
        } else {
            assert!(view.charts[i].is_empty());
        }
    }
    assert!(effect_chart(&ws, None, today, 60, "no such", Lang::Ja).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_list_is_the_same_written_alone_or_from_the_apps_snapshot() {
    let ws = crate::workspace::test_demo(800);
    let today = crate::day::parse_iso("2026-11-01").unwrap();
    let dir = std::env::temp_dir().join(format!("horetsu-list-basis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for format in [
        ListFormat::Mail,
        ListFormat::Address,
        ListFormat::Shopify,
        ListFormat::Labels,
        ListFormat::Postcards,
    ] {
        let request = ListRequest {
            format,
            target: crate::plan::campaign::CampaignTarget::default(),
            step: None,
            holdout: 0.1,
            record: None,
            date: None,
            encoding: crate::csv_out::CsvEncoding::Utf8,
        };
        // The CLI's way: no snapshot kept, the analysis and plan alone.
        let fresh = crate::workspace::test_demo(800);
        assert!(fresh.kept_snapshot(None).is_none());
        let alone = dir.join(format!("{format:?}-alone.csv"));
        let r1 = write_list(&fresh, &alone, &request, false, None, today, "t", Lang::Ja).unwrap();
        assert!(
            fresh.kept_snapshot(None).is_none(),
            "writing a list builds no snapshot"
        );
        // The app's way: from the kept snapshot.
        ws.snapshot(None, today).unwrap();
        let kept = dir.join(format!("{format:?}-kept.csv"));
        let r2 = write_list(&ws, &kept, &request, false, None, today, "t", Lang::Ja).unwrap();
        assert_eq!(r1, r2);
        assert!(r1.included > 100, "{r1:?}");
        assert_eq!(
            std::fs::read(&alone).unwrap(),
            std::fs::read(&kept).unwrap()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postcards_say_the_playbooks_message_as_the_shop_edited_it() {
    let ws = crate::workspace::test_demo(300);
    let today = crate::day::parse_iso("2026-11-01").unwrap();
    let dir = std::env::temp_dir().join(format!("horetsu-postcards-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut book = playbook(&ws).unwrap();
    let landing = book
        .stages
        .iter_mut()
        .find(|p| p.stage == crate::model::Stage::Landing)
        .unwrap();
    assert!(
        landing.thank_you_ja.contains("お買い上げ"),
        "a default message"
    );
    landing.thank_you_ja = "手書きの一筆をそえて。茶葉の香りはいかがでしたか。".into();
    save_playbook(&ws, &book).unwrap();
    let request = ListRequest {
        format: ListFormat::Postcards,
        target: crate::plan::campaign::CampaignTarget {
            stages: vec![crate::model::Stage::Landing],
            ..Default::default()
        },
        step: None,
        holdout: 0.0,
        record: None,
        date: None,
        encoding: crate::csv_out::CsvEncoding::Utf8,
    };
    let path = dir.join("cards.pdf");
    let r = write_list(&ws, &path, &request, false, None, today, "t", Lang::Ja).unwrap();
    assert!(r.included > 3, "{r:?}");
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF back; .ci/setup.sh installs it");
    let text = String::from_utf8(out.stdout).unwrap();
    let pages: Vec<String> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.replace('\n', ""))
        .collect();
    assert_eq!(pages.len() as u64, r.included);
    for page in &pages {
        assert!(
            page.contains("手書きの一筆をそえて。茶葉の香りはいかがでしたか。"),
            "{page}"
        );
        assert!(!page.contains("お買い上げ"), "{page}");
        assert!(page.contains('様'));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_apps_plan_puts_this_weeks_complaints_and_most_at_stake_first() {
    use crate::plan::actions::{ActionKind, ActionStatus};
    let ws = crate::workspace::test_demo(800);
    let today = crate::day::parse_iso("2026-11-30").unwrap();
    let page = plan_page(
        &ws,
        None,
        today,
        &PlanQuery {
            limit: 100_000,
            ..Default::default()
        },
    )
    .unwrap();
    let snap = ws.snapshot(None, today).unwrap();
    let week_end = crate::day::format(snap.analysis.as_of + 7);
    assert!(page.rows.len() > 100);
    // Each row's place follows the documented keys, independently recomputed.
    let stake = |r: &PlanRow| {
        let cold = match r.temperature {
            Temperature::Warm | Temperature::Unknown => 0,
            Temperature::Steady => 1,
            Temperature::Cooling => 2,
            Temperature::Cold => 3,
        };
        (r.stage.index() as u32 + 1) * cold
    };
    let class = |r: &PlanRow| {
        (
            r.action.due_on > week_end,
            r.action.status != ActionStatus::Todo,
            !matches!(
                r.action.kind,
                ActionKind::RecoveryContact | ActionKind::PersonalReply
            ),
        )
    };
    for w in page.rows.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(class(a) <= class(b), "{:?} before {:?}", a.action, b.action);
        if class(a) == class(b) {
            assert!(
                stake(a) >= stake(b),
                "{} before {}",
                a.customer_key,
                b.customer_key
            );
        }
    }
    // The first rows are this week's to-dos; complaints lead when there are any.
    let first = &page.rows[0];
    assert!(first.action.due_on <= week_end && first.action.status == ActionStatus::Todo);
    let complaints = page
        .rows
        .iter()
        .take_while(|r| class(r) == (false, false, false))
        .count();
    let all_complaints = page
        .rows
        .iter()
        .filter(|r| class(r) == (false, false, false))
        .count();
    assert_eq!(complaints, all_complaints, "complaints first, together");
}

#[test]
fn checking_a_file_reports_what_the_import_would_do_and_writes_nothing() {
    let ws = Workspace::in_memory(&WorkspaceInfo {
        name: "t".into(),
        is_demo: false,
        created_at: "2026-11-01T00:00:00".into(),
    })
    .unwrap();
    let dir = std::env::temp_dir().join(format!("horetsu-check-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("orders.csv");
    // Row 3 has one cell too many (an unquoted ¥4,500); row 5 has no date;
    // row 6 repeats row 2's order.
    std::fs::write(
        &path,
        "注文番号,注文日,顧客ID,金額\nA1,2024-01-05,c1,3000\nA2,2024-01-06,c2,¥4,500\nA3,2024-01-07,c3,1200\nA4,,c4,800\nA1,2024-01-05,c1,3000\n",
    )
    .unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let ctx = Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        now: "2026-11-30T10:00:00",
        cancel: &cancel,
        progress: &|_| {},
    };
    let generation = ws.generation();
    let opts = ImportOptions::default();
    let checked = check_import(&ws, std::slice::from_ref(&path), &opts, &ctx).unwrap();
    assert_eq!(ws.generation(), generation, "a check commits nothing");
    assert!(
        import_batches(&ws).unwrap().is_empty(),
        "and leaves no batch"
    );
    let rejected: Vec<(u32, &str)> = checked
        .rejected
        .iter()
        .map(|r| (r.row, r.code.as_str()))
        .collect();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!(rejected[0], (3, "extra_cells"));
    assert_eq!(rejected[1].0, 5);
    assert!(checked.batch_ids.is_empty());

    // The import then does exactly what the check said.
    let done = import_files(&ws, std::slice::from_ref(&path), &opts, &ctx).unwrap();
    assert_eq!(done.rows_read, checked.rows_read);
    assert_eq!(done.orders, checked.orders);
    assert_eq!(done.orders, 2, "A1 and A3 (A1's repeat is one order)");
    assert_eq!(done.rejected, checked.rejected);
    // A second check of the same file: nothing new would come in.
    let again = check_import(&ws, std::slice::from_ref(&path), &opts, &ctx).unwrap();
    assert_eq!(again.orders, 0);
    assert_eq!(
        again.rows_duplicate,
        again.rows_read - again.rejected.len() as u64
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_month_before_is_the_same_day_or_the_months_last() {
    let d = |s: &str| crate::day::parse_iso(s).unwrap();
    assert_eq!(month_before(d("2026-11-01")), d("2026-10-01"));
    assert_eq!(month_before(d("2026-03-31")), d("2026-02-28"));
    assert_eq!(month_before(d("2024-03-31")), d("2024-02-29"));
    assert_eq!(month_before(d("2026-01-15")), d("2025-12-15"));
}

#[test]
fn last_months_kpis_are_the_dashboards_at_that_date() {
    let ws = demo();
    let today = crate::day::parse_iso("2026-11-01").unwrap();
    let now = dashboard(&ws, None, today, Lang::Ja).unwrap();
    let prev = previous_month(&ws, None, today)
        .unwrap()
        .expect("the demo has a month of history");
    let at = crate::day::parse_iso(&prev.as_of).unwrap();
    assert_eq!(
        at,
        month_before(crate::day::parse_iso(&now.report.as_of).unwrap())
    );
    // The same figures as the dashboard opened at that date.
    let then = dashboard(&ws, Some(at), today, Lang::Ja).unwrap().report;
    let r = &prev.report;
    assert_eq!(r.as_of, then.as_of);
    assert_eq!(r.customers, then.customers);
    assert_eq!(r.orders, then.orders);
    assert!((r.revenue - then.revenue).abs() < 0.5);
    assert_eq!(
        r.referrals.rate_last_quarter,
        then.referrals.rate_last_quarter
    );
    assert_eq!(r.referrals.active.rate, then.referrals.active.rate);
    assert_eq!(r.f2.rate, then.f2.rate);
    assert_eq!(r.ltv.share, then.ltv.share);
    assert_eq!(r.nps.overall.nps, then.nps.overall.nps);
    // A month of orders: fewer orders and no more customers than now.
    assert!(r.orders < now.report.orders);
    assert!(r.customers <= now.report.customers);
    assert!(r.clv.churn_risk.is_empty() && r.points.ranking.is_empty());
}
