//! `horetsu effect` (issue #15) on the demo shop's campaigns, against plain
//! SQL over the workspace: the groups, each group's purchase rate in the
//! window, and the verdicts; and a log without controls, compared with a
//! matched group (observational).

use crate::support::*;

fn effect(db: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&horetsu_ok(&[
        "effect",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]))
    .unwrap()
}

/// Customers of a group, and how many bought in days D+1 … D+60, by SQL.
fn group_by_sql(db: &std::path::Path, campaign: &str, grp: &str) -> (i64, i64) {
    sqlite(db)
        .query_row(
            "WITH g AS (SELECT customer_id, min(contacted_on) AS d FROM contacts
                        WHERE campaign = ?1 AND grp = ?2 GROUP BY customer_id)
             SELECT count(*),
                    sum(EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = g.customer_id
                                AND o.status = 'normal' AND o.amount > 0
                                AND substr(o.ordered_at, 1, 10) > g.d
                                AND substr(o.ordered_at, 1, 10) <= date(g.d, '+60 days')))
             FROM g",
            [campaign, grp],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn the_demo_campaigns_are_measured_against_their_holdouts() {
    let (db, _) = default_demo();
    let r = effect(db);
    assert_eq!(r["window_days"], 60);
    let campaigns = r["campaigns"].as_array().unwrap();
    let by = |name: &str| campaigns.iter().find(|c| c["campaign"] == name).unwrap();
    for (name, verdict) in [
        ("新茶のご案内(メール)", "effective"),
        ("夏のお礼状(手書き)", "inconclusive"),
        ("秋の座談会のご案内", "too_early"),
    ] {
        let c = by(name);
        assert_eq!(c["method"], "randomised");
        let (nt, kt) = group_by_sql(db, name, "treated");
        let (nc, kc) = group_by_sql(db, name, "control");
        assert_eq!(c["treated"].as_i64().unwrap(), nt, "{name}");
        assert_eq!(c["control"].as_i64().unwrap(), nc, "{name}");
        // About a tenth is held out.
        let share = nc as f64 / (nt + nc) as f64;
        assert!((0.07..0.13).contains(&share), "{name}: {share}");
        let p = &c["outcomes"]["purchase"];
        let close = |v: &serde_json::Value, want: f64| {
            assert!(
                (v.as_f64().unwrap() - want).abs() < 1e-12,
                "{name}: {v} vs {want}"
            )
        };
        close(&p["treated_rate"], kt as f64 / nt as f64);
        close(&p["control_rate"], kc as f64 / nc as f64);
        close(&p["uplift"], kt as f64 / nt as f64 - kc as f64 / nc as f64);
        assert!(p["ci_low"].as_f64().unwrap() < p["uplift"].as_f64().unwrap());
        assert_eq!(p["verdict"], verdict, "{name}");
        for o in ["purchase", "revenue", "stage_up", "referral", "promoter"] {
            for k in [
                "treated_rate",
                "control_rate",
                "uplift",
                "ci_low",
                "ci_high",
                "verdict",
            ] {
                assert!(c["outcomes"][o].get(k).is_some(), "{name}.{o}.{k}");
            }
        }
    }
}

#[test]
fn a_log_without_controls_is_compared_with_a_matched_group_and_called_observational() {
    let dir = TempDir::new("effect-observational");
    let db = dir.path("shop.horetsu");
    horetsu_ok(&["demo", "--db", db.to_str().unwrap(), "--customers", "600"]);
    let keys: Vec<String> = sqlite(&db)
        .prepare(
            "SELECT c.customer_key FROM customers c
             WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
                           AND o.ordered_at < '2026-06-01')
             ORDER BY c.customer_key LIMIT 80",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut log = String::from("顧客ID,送信日,施策\n");
    for k in &keys {
        log.push_str(&format!("{k},2026-06-10,梅雨のお便り\n"));
    }
    let file = dir.path("log.csv");
    std::fs::write(&file, log).unwrap();
    horetsu_ok(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--kind",
        "contacts",
        file.to_str().unwrap(),
    ]);
    let r = effect(&db);
    let c = r["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign"] == "梅雨のお便り")
        .unwrap()
        .clone();
    assert_eq!(c["method"], "observational");
    assert_eq!(c["treated"], 80);
    let control = c["control"].as_u64().unwrap();
    assert!(control > 0 && control <= 80, "{control}");
}
