//! The effect statistics checked against published and hand-computed
//! figures, and by simulation (coverage of the intervals).

use super::*;
use crate::demo::rng::Rng;

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b}");
}

/// Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10
/// (the hybrid score interval): (a) 56/70 − 48/80 → 0.0524 to 0.3339;
/// (b) 9/10 − 3/10 → 0.1705 to 0.8090.
#[test]
fn the_hybrid_score_interval_matches_newcombes_worked_examples() {
    let a = newcombe(56, 70, 48, 80).unwrap();
    close(a.estimate, 56.0 / 70.0 - 0.6, 1e-12);
    close(a.low, 0.0524, 5e-5);
    close(a.high, 0.3339, 5e-5);
    let b = newcombe(9, 10, 3, 10).unwrap();
    close(b.low, 0.1705, 5e-5);
    close(b.high, 0.8090, 5e-5);
    // 0/10 − 0/10: each Wilson upper bound is z²/(n + z²) = 3.8415/13.8415.
    let z = newcombe(0, 10, 0, 10).unwrap();
    close(z.high, 3.841_459 / 13.841_459, 1e-6);
    close(z.low, -z.high, 1e-12);
    assert!(newcombe(1, 0, 0, 5).is_none());
}

/// Student's t quantiles from the standard table.
#[test]
fn t_quantiles_match_the_table() {
    for (df, t) in [
        (1.0, 12.706_205),
        (5.0, 2.570_582),
        (10.0, 2.228_139),
        (30.0, 2.042_272),
        (1000.0, 1.962_339),
    ] {
        close(t_quantile(0.975, df), t, 2e-5);
    }
    close(t_cdf(0.0, 7.0), 0.5, 1e-12);
}

/// Hand-computed: x1 = 1…6, x2 = 2…7 (each variance 3.5, n = 6): the
/// Welch–Satterthwaite df is (2 × 3.5/6)² / (2 × (3.5/6)² / 5) = 10 exactly,
/// se = √(7/6) = 1.080123, t(0.975, 10) = 2.228139, half-width 2.406664.
#[test]
fn welchs_interval_by_hand() {
    let x1: Vec<f64> = (1..=6).map(f64::from).collect();
    let x2: Vec<f64> = (2..=7).map(f64::from).collect();
    let w = welch(&x1, &x2).unwrap();
    close(w.estimate, -1.0, 1e-12);
    close(w.low, -1.0 - 2.406_664, 2e-5);
    close(w.high, -1.0 + 2.406_664, 2e-5);
    assert!(welch(&[1.0], &x2).is_none());
}

/// Hand-computed: p = 0.2, 100 per group: (1.95996 + 0.84162) ×
/// √(0.2 × 0.8 × 0.02) = 2.80158 × 0.0565685 = 0.158481.
#[test]
fn the_detectable_uplift_by_hand() {
    close(mde_rate(0.2, 100, 100).unwrap(), 0.158_481, 1e-5);
    // No control rate to go by: the widest case p = 0.5.
    close(
        mde_rate(0.0, 100, 100).unwrap(),
        2.801_585 * (0.25f64 * 0.02).sqrt(),
        1e-5,
    );
    assert!(mde_rate(0.2, 0, 100).is_none());
}

#[test]
fn the_verdict_needs_the_window_and_thirty_customers_a_group() {
    let up = Interval {
        estimate: 0.1,
        low: 0.02,
        high: 0.18,
    };
    let flat = Interval {
        estimate: 0.01,
        low: -0.05,
        high: 0.07,
    };
    assert_eq!(verdict(Some(&up), 40, 30, true), Verdict::Effective);
    assert_eq!(verdict(Some(&flat), 40, 30, true), Verdict::Inconclusive);
    assert_eq!(verdict(Some(&up), 40, 29, true), Verdict::TooEarly);
    assert_eq!(verdict(Some(&up), 40, 30, false), Verdict::TooEarly);
    assert_eq!(verdict(None, 40, 30, true), Verdict::TooEarly);
    let down = Interval {
        estimate: -0.1,
        low: -0.18,
        high: -0.02,
    };
    assert_eq!(verdict(Some(&down), 40, 30, true), Verdict::Effective);
}

/// 2,000 seeded shops (well over the 200 the issue asks for, so that the
/// band is ±4 standard errors wide rather than ±1.3): with no true effect the
/// 95 % interval covers 0 in 93–97 % of them; with a true uplift of 10
/// points it covers the truth as often. Group sizes and base rates vary by
/// shop, as small shops do.
#[test]
fn the_rate_interval_covers_the_truth_95_percent_of_the_time() {
    for uplift in [0.0, 0.10] {
        let mut rng = Rng::new(20_261_201);
        let shops = 2_000;
        let mut covered = 0;
        for _ in 0..shops {
            let n_t = rng.range(60, 400) as u64;
            let n_c = rng.range(30, 200) as u64;
            let base = 0.05 + 0.4 * rng.f64();
            let k_t = (0..n_t).filter(|_| rng.chance(base + uplift)).count() as u64;
            let k_c = (0..n_c).filter(|_| rng.chance(base)).count() as u64;
            if newcombe(k_t, n_t, k_c, n_c).unwrap().covers(uplift) {
                covered += 1;
            }
        }
        let share = f64::from(covered) / f64::from(shops);
        assert!(
            (0.93..=0.97).contains(&share),
            "uplift {uplift}: covered in {share}"
        );
    }
}

/// The same for revenue per customer (Welch): most customers buy nothing,
/// buyers spend an exponential amount; the true difference of means is
/// known.
#[test]
fn the_revenue_interval_covers_the_truth_95_percent_of_the_time() {
    for extra in [0.0, 1_500.0] {
        let mut rng = Rng::new(7);
        let shops = 2_000;
        let mut covered = 0;
        for _ in 0..shops {
            let draw = |rng: &mut Rng, n: usize, mean: f64| -> Vec<f64> {
                (0..n)
                    .map(|_| if rng.chance(0.3) { rng.exp(mean) } else { 0.0 })
                    .collect()
            };
            let t = draw(&mut rng, 300, 5_000.0 + extra);
            let c = draw(&mut rng, 150, 5_000.0);
            if welch(&t, &c).unwrap().covers(0.3 * extra) {
                covered += 1;
            }
        }
        let share = f64::from(covered) / f64::from(shops);
        assert!(
            (0.93..=0.97).contains(&share),
            "extra {extra}: covered in {share}"
        );
    }
}

/// The holdout draw is reproducible: the same seed, campaign and key give
/// the same answer; about the asked share is held out; another seed or
/// campaign draws differently.
#[test]
fn the_holdout_draw_comes_out_the_same_again() {
    let keys: Vec<String> = (0..10_000).map(|i| format!("M{i:06}")).collect();
    let draw = |seed: u64, campaign: &str| -> Vec<bool> {
        keys.iter()
            .map(|k| held_out(seed, campaign, k, 0.10))
            .collect()
    };
    let first = draw(42, "秋の座談会");
    assert_eq!(first, draw(42, "秋の座談会"));
    let held = first.iter().filter(|h| **h).count();
    assert!((900..=1_100).contains(&held), "{held} of 10,000 held out");
    assert_ne!(first, draw(43, "秋の座談会"));
    assert_ne!(first, draw(42, "お礼状"));
    // Pinned (computed independently in Python from the definition: FNV-1a
    // over seed, campaign, NUL, key, then SplitMix64's finaliser): the draw
    // must not change between versions, or old holdouts would move.
    let held: Vec<u32> = (0..20)
        .filter(|i| held_out(1, "test", &format!("C{i}"), 0.5))
        .collect();
    assert_eq!(held, vec![1, 4, 10, 15, 18]);
}

/// The tiny shop of the analytics tests (analysis date 2024-07-01), worked
/// by hand with a 60-day window:
/// - A, contacted 2024-03-15: buys ¥4,000 on 2024-04-10 (inside 03-16 … 05-14);
///   B's first purchase (02-01) is before the window, the NPS 10 (06-15)
///   after it; 循環 at both ends.
/// - D, held out on 2024-03-15: nothing in the window; 着地 at both ends.
/// - B, contacted 2024-01-20, before any purchase: the trial purchase on
///   02-01 makes B a customer (観測) by 03-20: a stage moved up.
#[test]
fn what_each_customer_did_in_the_window_by_hand() {
    use crate::analytics::tests::shop;
    use crate::day::parse_iso;
    let ds = shop();
    let s = Settings::default();
    let d = |x: &str| parse_iso(x).unwrap();
    let refs = index(&ds);
    let mut stages = StagesAt::new(&ds, &s);
    // What customer c did after a contact on `day`, as known at `until`.
    let mut at =
        |c, day: &str, until: &str| observe(&ds, &mut stages, &refs, c, d(day), 60, d(until));
    let a = at(0, "2024-03-15", "2030-01-01");
    assert_eq!(
        a,
        Observed {
            purchased: true,
            revenue: 4_000.0,
            stage_up: false,
            referred: false,
            promoter: false,
        }
    );
    let dd = at(3, "2024-03-15", "2030-01-01");
    assert_eq!(dd, Observed::default());
    let b = at(1, "2024-01-20", "2030-01-01");
    assert!(b.stage_up && b.purchased);
    // A contacted on 2024-01-05: B's first purchase (01-05 + 27 days) is a
    // referral made in the window.
    let early = at(0, "2024-01-05", "2030-01-01");
    assert!(early.referred);
    // Known at 2024-04-01, A's purchase of 04-10 has not happened yet: an
    // analysis date cuts the window short, nothing later counts.
    let then = at(0, "2024-03-15", "2024-04-01");
    assert_eq!(then, Observed::default());
    let then = at(0, "2024-01-05", "2024-01-31");
    assert!(
        !then.referred,
        "B's first purchase (02-01) is after the date"
    );

    // As a campaign: one treated, one control, too few for a verdict.
    let (nt, nc, o) = measure(
        &ds,
        &s,
        d("2024-07-01"),
        &[
            Exposure {
                customer: 0,
                day: d("2024-03-15"),
                control: false,
            },
            Exposure {
                customer: 0,
                day: d("2024-04-01"),
                control: false,
            },
            Exposure {
                customer: 3,
                day: d("2024-03-15"),
                control: true,
            },
        ],
        60,
    );
    assert_eq!((nt, nc), (1, 1), "A counted once, at the first contact");
    assert_eq!(o.purchase.treated_rate, Some(1.0));
    assert_eq!(o.purchase.control_rate, Some(0.0));
    assert_eq!(o.purchase.uplift, Some(1.0));
    assert_eq!(o.purchase.verdict, Verdict::TooEarly);
    assert_eq!(o.revenue.treated_rate, Some(4_000.0));
    assert_eq!(o.revenue.uplift, None, "Welch needs two customers a group");
}
