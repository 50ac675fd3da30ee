//! 効果測定 (domain.md §7), the statistics: did a step or a campaign change
//! what its customers did, against a control group, with honest uncertainty.
//!
//! - A rate in each group and the uplift (treated − control) with Newcombe's
//!   hybrid score interval (method 10 of Newcombe 1998: the two groups' Wilson
//!   intervals combined), which keeps its coverage with small groups and rates
//!   near 0 or 1.
//! - Revenue per customer: the difference of means with Welch's interval
//!   (Student's t with Welch–Satterthwaite degrees of freedom).
//! - A verdict: 効果あり when the interval excludes 0, 差は誤差の範囲 when it
//!   does not, 判定にはまだ早い while the window has not elapsed or a group has
//!   fewer than [`MIN_GROUP`] customers; and the smallest uplift the group sizes
//!   could detect at 80 % power.
//! - The holdout: whether a customer is held out of a campaign, drawn from a
//!   seed kept in the workspace, so the same draw comes out again.
//!
//! Everything here is a pure function of counts and values.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::collections::HashMap;

use super::clv::ln_gamma;
use super::dataset::{CustomerIdx, Dataset, ANONYMOUS};
use crate::day::Day;
use crate::model::{Segment, Stage, Temperature};
use crate::settings::Settings;

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;
/// z for 80 % power (one-sided).
pub const Z80: f64 = 0.841_621_233_572_914_3;
/// Fewest customers in each group before a verdict is given.
pub const MIN_GROUP: u64 = 30;

/// The Wilson score interval (95 %) of k successes in n trials.
pub fn wilson(k: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || k > n {
        return None;
    }
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// An estimate with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Interval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    /// The interval holds `x`.
    pub fn covers(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// The difference of two proportions k1/n1 − k2/n2 with Newcombe's hybrid
/// score interval (95 %).
pub fn newcombe(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<Interval> {
    let (l1, u1) = wilson(k1, n1)?;
    let (l2, u2) = wilson(k2, n2)?;
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    let d = p1 - p2;
    Some(Interval {
        estimate: d,
        low: d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        high: d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    })
}

/// Mean and sample variance (n − 1).
fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = if x.len() > 1 {
        x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var)
}

/// The difference of means mean(x1) − mean(x2) with Welch's 95 % interval.
/// `None` with fewer than two values in a group. When both groups have no
/// spread the interval is the difference itself.
pub fn welch(x1: &[f64], x2: &[f64]) -> Option<Interval> {
    if x1.len() < 2 || x2.len() < 2 {
        return None;
    }
    let (m1, v1) = mean_var(x1);
    let (m2, v2) = mean_var(x2);
    let (a, b) = (v1 / x1.len() as f64, v2 / x2.len() as f64);
    let se = (a + b).sqrt();
    let d = m1 - m2;
    if se == 0.0 {
        return Some(Interval {
            estimate: d,
            low: d,
            high: d,
        });
    }
    let df = (a + b).powi(2) / (a * a / (x1.len() as f64 - 1.0) + b * b / (x2.len() as f64 - 1.0));
    let t = t_quantile(0.975, df);
    Some(Interval {
        estimate: d,
        low: d - t * se,
        high: d + t * se,
    })
}

/// The regularised incomplete beta function I_x(a, b) (continued fraction,
/// modified Lentz).
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The fraction converges fast for x < (a + 1) / (a + b + 2).
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - incomplete_beta(1.0 - x, b, a);
    }
    let tiny = 1e-300;
    let (mut c, mut d) = (1.0, 1.0 - (a + b) * x / (a + 1.0));
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut f = d;
    for m in 1..300 {
        let m = f64::from(m);
        for numerator in [
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)),
        ] {
            d = 1.0 + numerator * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + numerator / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            f *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-15 {
            break;
        }
    }
    front * f / a
}

/// P(T ≤ t) for Student's t with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The `p` quantile of Student's t with `df` degrees of freedom (bisection
/// on [`t_cdf`]; `df` may be fractional, as Welch's is).
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(0.0..1.0).contains(&p) || p == 0.0 || df <= 0.0 {
        return f64::NAN;
    }
    let (mut lo, mut hi) = (-1e3, 1e3);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// The smallest difference of rates two groups of these sizes could detect
/// (two-sided 5 %, 80 % power), around the control rate `p` (0.5 when the
/// control rate is 0 or 1, the widest case).
pub fn mde_rate(p: f64, n1: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let p = if p <= 0.0 || p >= 1.0 { 0.5 } else { p };
    Some((Z95 + Z80) * (p * (1.0 - p) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt())
}

/// The smallest difference of means two groups could detect (two-sided 5 %,
/// 80 % power) from their values' spread.
pub fn mde_mean(x1: &[f64], x2: &[f64]) -> Option<f64> {
    if x1.len() < 2 || x2.len() < 2 {
        return None;
    }
    let (_, v1) = mean_var(x1);
    let (_, v2) = mean_var(x2);
    Some((Z95 + Z80) * (v1 / x1.len() as f64 + v2 / x2.len() as f64).sqrt())
}

/// What the numbers allow one to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Verdict {
    /// 効果あり: the interval excludes 0.
    Effective,
    /// 差は誤差の範囲: the interval holds 0.
    Inconclusive,
    /// 判定にはまだ早い: the window has not elapsed, or a group is too small.
    TooEarly,
}

impl Verdict {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Effective => "effective",
            Verdict::Inconclusive => "inconclusive",
            Verdict::TooEarly => "too_early",
        }
    }
}

/// The verdict of an uplift interval.
pub fn verdict(interval: Option<&Interval>, treated: u64, control: u64, elapsed: bool) -> Verdict {
    match interval {
        Some(i) if elapsed && treated >= MIN_GROUP && control >= MIN_GROUP => {
            if i.low > 0.0 || i.high < 0.0 {
                Verdict::Effective
            } else {
                Verdict::Inconclusive
            }
        }
        _ => Verdict::TooEarly,
    }
}

/// A stable 64-bit hash of a seed, a campaign and a customer key (FNV-1a,
/// then SplitMix64's finaliser): the same on every machine and in every
/// version.
pub fn stable_hash(seed: u64, campaign: &str, key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in campaign.bytes().chain([0u8]).chain(key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// Whether a customer is held out of a campaign: the stable hash of the
/// workspace's seed, the campaign and the customer key, below `share`. The
/// same seed, campaign and key always give the same answer.
pub fn held_out(seed: u64, campaign: &str, key: &str, share: f64) -> bool {
    ((stable_hash(seed, campaign, key) >> 11) as f64 / (1u64 << 53) as f64) < share
}

/// One customer reached by a campaign (treated) or held out of it (control)
/// on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure {
    pub customer: CustomerIdx,
    /// The contact date D.
    pub day: Day,
    /// Held out (対照) rather than contacted (送付).
    pub control: bool,
}

/// How the control group came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Method {
    /// A random holdout: a controlled comparison.
    Randomised,
    /// A matched comparison from a log without controls: 観察.
    Observational,
}

/// One outcome in both groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct OutcomeEffect {
    /// A rate (or, for revenue, the mean per customer) among the treated.
    pub treated_rate: Option<f64>,
    pub control_rate: Option<f64>,
    /// treated − control.
    pub uplift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub verdict: Verdict,
    /// The smallest uplift the group sizes could detect (80 % power).
    pub detectable: Option<f64>,
}

/// The five outcomes of domain.md §7.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Outcomes {
    /// A purchase in the window.
    pub purchase: OutcomeEffect,
    /// Revenue per customer in the window (means, not rates).
    pub revenue: OutcomeEffect,
    /// The stage at D + W above the stage at D.
    pub stage_up: OutcomeEffect,
    /// Referred someone whose first purchase falls in the window.
    pub referral: OutcomeEffect,
    /// An NPS answer ≥ 9 in the window.
    pub promoter: OutcomeEffect,
}

/// What one customer did in the window after their contact date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Observed {
    pub purchased: bool,
    pub revenue: f64,
    pub stage_up: bool,
    pub referred: bool,
    pub promoter: bool,
}

/// Where a customer stood at a day: stage, temperature and RFM segment.
pub type Profile = (Stage, Temperature, Option<Segment>);

/// Every customer's profile at a day (`None`: not a customer then), made
/// once per day asked for.
pub struct StagesAt<'a> {
    ds: &'a Dataset,
    settings: &'a Settings,
    made: HashMap<Day, Vec<Option<Profile>>>,
    /// Stages only, for many days in one sweep ([`super::snapshots::stages_at`]).
    stages: std::collections::BTreeMap<Day, Vec<Option<Stage>>>,
    /// Referees and NPS answers by customer, made once.
    index: Option<std::sync::Arc<Index>>,
}

impl<'a> StagesAt<'a> {
    pub fn new(ds: &'a Dataset, settings: &'a Settings) -> Self {
        StagesAt {
            ds,
            settings,
            made: HashMap::new(),
            stages: std::collections::BTreeMap::new(),
            index: None,
        }
    }

    /// The per-customer index the outcomes read (made on first use).
    pub fn index(&mut self) -> std::sync::Arc<Index> {
        let ds = self.ds;
        self.index
            .get_or_insert_with(|| std::sync::Arc::new(index(ds)))
            .clone()
    }

    /// Makes every customer's stage at these days, in one sweep over the
    /// history (the outcomes ask for the stage at D and at D + W of every
    /// contact).
    pub fn prepare(&mut self, days: &[Day]) {
        let mut missing: Vec<Day> = days
            .iter()
            .copied()
            .filter(|d| !self.stages.contains_key(d))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return;
        }
        for snap in super::snapshots::stages_at(self.ds, self.settings, &missing) {
            self.stages.insert(snap.date, snap.stages);
        }
    }

    /// Every customer's profile at a day.
    pub fn all(&mut self, day: Day) -> &[Option<Profile>] {
        let (ds, settings) = (self.ds, self.settings);
        self.made.entry(day).or_insert_with(|| {
            let a = super::analyze(ds, settings, day);
            let mut v = vec![None; ds.customers.len()];
            for r in &a.customers {
                v[r.idx as usize] = Some((r.stage, r.temperature, r.segment));
            }
            v
        })
    }

    /// A customer's stage at a day.
    pub fn of(&mut self, c: CustomerIdx, day: Day) -> Option<Stage> {
        if let Some(v) = self.stages.get(&day) {
            return v.get(c as usize).copied().flatten();
        }
        self.prepare(&[day]);
        self.stages
            .get(&day)
            .and_then(|v| v.get(c as usize).copied())
            .flatten()
    }
}

/// A matched comparison group for contacts without a control (always
/// observational): for each treated customer contacted on day D, one
/// customer with the same stage, temperature and RFM segment at D who was
/// not contacted within ±W days of D, chosen by a stable hash (so the same
/// log gives the same group), each used once.
pub fn matched_controls(
    ds: &Dataset,
    stages: &mut StagesAt<'_>,
    treated: &[Exposure],
    contacted: &HashMap<CustomerIdx, Vec<Day>>,
    campaign: &str,
    window: i32,
) -> Vec<Exposure> {
    let treated_set: std::collections::HashSet<CustomerIdx> =
        treated.iter().map(|e| e.customer).collect();
    let mut used = std::collections::HashSet::new();
    let mut days: Vec<Day> = treated.iter().map(|e| e.day).collect();
    days.sort_unstable();
    days.dedup();
    let mut out = Vec::new();
    for d in days {
        let profiles = stages.all(d).to_vec();
        // Candidates by profile, in hash order.
        let mut pool: HashMap<Profile, Vec<(u64, CustomerIdx)>> = HashMap::new();
        for (c, p) in profiles.iter().enumerate() {
            let c = c as CustomerIdx;
            let Some(p) = p else { continue };
            if treated_set.contains(&c) {
                continue;
            }
            let near = contacted
                .get(&c)
                .is_some_and(|days| days.iter().any(|&x| (x - d).abs() <= window));
            if near {
                continue;
            }
            pool.entry(*p).or_default().push((
                stable_hash(u64::from(d as u32), campaign, &ds.customers[c as usize].key),
                c,
            ));
        }
        for v in pool.values_mut() {
            v.sort_unstable();
            v.reverse();
        }
        for e in treated.iter().filter(|e| e.day == d) {
            let Some(p) = profiles.get(e.customer as usize).copied().flatten() else {
                continue;
            };
            let Some(v) = pool.get_mut(&p) else { continue };
            while let Some((_, c)) = v.pop() {
                if used.insert(c) {
                    out.push(Exposure {
                        customer: c,
                        day: d,
                        control: true,
                    });
                    break;
                }
            }
        }
    }
    out
}

/// What a customer did in days D+1 … D+W, as known at `as_of`: nothing
/// after the analysis date counts (the stage "after" is the one at the
/// window's end or at `as_of`, whichever comes first).
pub fn observe(
    ds: &Dataset,
    stages: &mut StagesAt<'_>,
    index: &Index,
    c: CustomerIdx,
    d: Day,
    window: i32,
    as_of: Day,
) -> Observed {
    let end = (d + window).min(as_of);
    let inside = |day: Day| day > d && day <= end;
    let mut o = Observed::default();
    for order in ds.orders_of(c).iter().filter(|o| inside(o.day)) {
        o.revenue += order.amount;
        o.purchased |= order.amount > 0.0;
    }
    o.referred = index.referees[c as usize].iter().any(|&r| {
        ds.orders_of(r)
            .iter()
            .find(|o| o.amount > 0.0)
            .is_some_and(|o| inside(o.day))
    });
    o.promoter = index.answers[c as usize]
        .iter()
        .any(|&(day, score)| score >= 9 && inside(day));
    let before = stages.of(c, d);
    let after = stages.of(c, end.max(d));
    o.stage_up = matches!((before, after), (b, Some(a)) if b.is_none_or(|b| a > b));
    o
}

/// Per customer: whom they referred, and their NPS answers (day, score).
pub struct Index {
    pub referees: Vec<Vec<CustomerIdx>>,
    pub answers: Vec<Vec<(Day, u8)>>,
}

/// The per-customer index the outcomes read.
pub fn index(ds: &Dataset) -> Index {
    let n = ds.customers.len();
    let mut referees = vec![Vec::new(); n];
    for (c, p) in ds.referrer.iter().enumerate() {
        if let Some(p) = p.filter(|&p| p != ANONYMOUS) {
            referees[p as usize].push(c as CustomerIdx);
        }
    }
    let mut answers = vec![Vec::new(); n];
    for a in ds.nps.iter().filter(|a| a.customer != ANONYMOUS) {
        if let Some(v) = answers.get_mut(a.customer as usize) {
            v.push((a.day, a.score));
        }
    }
    Index { referees, answers }
}

/// The effect of one campaign: each customer counted once (their first
/// exposure), outcomes over days D+1 … D+W, the verdict 判定にはまだ早い
/// until the latest contact's window has passed `as_of`.
pub fn measure(
    ds: &Dataset,
    settings: &Settings,
    as_of: Day,
    exposures: &[Exposure],
    window: i32,
) -> (u64, u64, Outcomes) {
    measure_with(
        ds,
        &mut StagesAt::new(ds, settings),
        as_of,
        exposures,
        window,
    )
}

/// What each customer of a campaign did: each counted once, at their first
/// exposure, in day order.
pub fn observations(
    ds: &Dataset,
    stages: &mut StagesAt<'_>,
    exposures: &[Exposure],
    window: i32,
    as_of: Day,
) -> Vec<(Exposure, Observed)> {
    // Each customer once, at their first exposure (held out before
    // contacted on the same day, as a holdout is drawn before sending).
    let mut exposures: Vec<Exposure> = exposures.to_vec();
    exposures.sort_unstable_by_key(|e| (e.customer, e.day, !e.control));
    exposures.dedup_by_key(|e| e.customer);
    exposures.sort_unstable_by_key(|e| (e.day, e.customer));
    let index = stages.index();
    let days: Vec<Day> = exposures
        .iter()
        .flat_map(|e| [e.day, (e.day + window).min(as_of).max(e.day)])
        .collect();
    stages.prepare(&days);
    exposures
        .into_iter()
        .map(|e| {
            (
                e,
                observe(ds, stages, &index, e.customer, e.day, window, as_of),
            )
        })
        .collect()
}

/// [`measure`] with the profiles of days already made.
pub fn measure_with(
    ds: &Dataset,
    stages: &mut StagesAt<'_>,
    as_of: Day,
    exposures: &[Exposure],
    window: i32,
) -> (u64, u64, Outcomes) {
    let seen = observations(ds, stages, exposures, window, as_of);
    let elapsed = seen.iter().all(|(e, _)| e.day + window <= as_of);
    let (mut t, mut c): (Vec<Observed>, Vec<Observed>) = (Vec::new(), Vec::new());
    for (e, o) in seen {
        if e.control {
            c.push(o);
        } else {
            t.push(o);
        }
    }
    let (nt, nc) = (t.len() as u64, c.len() as u64);
    let rate = |f: fn(&Observed) -> bool| -> OutcomeEffect {
        let kt = t.iter().filter(|o| f(o)).count() as u64;
        let kc = c.iter().filter(|o| f(o)).count() as u64;
        let i = newcombe(kt, nt, kc, nc);
        let control_rate = (nc > 0).then(|| kc as f64 / nc as f64);
        OutcomeEffect {
            treated_rate: (nt > 0).then(|| kt as f64 / nt as f64),
            control_rate,
            uplift: i.map(|i| i.estimate),
            ci_low: i.map(|i| i.low),
            ci_high: i.map(|i| i.high),
            verdict: verdict(i.as_ref(), nt, nc, elapsed),
            detectable: mde_rate(control_rate.unwrap_or(0.0), nt, nc),
        }
    };
    let rt: Vec<f64> = t.iter().map(|o| o.revenue).collect();
    let rc: Vec<f64> = c.iter().map(|o| o.revenue).collect();
    let w = welch(&rt, &rc);
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let revenue = OutcomeEffect {
        treated_rate: mean(&rt),
        control_rate: mean(&rc),
        uplift: w.map(|i| i.estimate),
        ci_low: w.map(|i| i.low),
        ci_high: w.map(|i| i.high),
        verdict: verdict(w.as_ref(), nt, nc, elapsed),
        detectable: mde_mean(&rt, &rc),
    };
    (
        nt,
        nc,
        Outcomes {
            purchase: rate(|o| o.purchased),
            revenue,
            stage_up: rate(|o| o.stage_up),
            referral: rate(|o| o.referred),
            promoter: rate(|o| o.promoter),
        },
    )
}

#[cfg(test)]
mod tests;
