//! Monthly stage snapshots, and the flows between them: where feelings moved,
//! where they stopped, where they cooled (domain.md §4).
//!
//! A snapshot is every customer's stage at the last day of a month. Running
//! the whole analysis once per month would cost a pass over every order per
//! month; instead each customer's history is swept once, in time order, with
//! the stage signals kept up to date at each month end. The stage rules
//! themselves are shared with the analysis ([`super::stage::classify`]), and a
//! test checks that both give the same stage for every customer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dataset::{CustomerIdx, Dataset, ANONYMOUS};
use super::stage::{self, Signals};
use crate::day::{self, Day};
use crate::model::{Axis, Stage};
use crate::points::{KIND_REFEREE_REPEAT, KIND_REFERRAL, KIND_REVIEW, KIND_SNS_POST};
use crate::settings::Settings;

/// Every customer's stage at one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The date (the last day of the month, or the analysis date).
    pub date: Day,
    /// `YYYY-MM` of the date.
    pub month: String,
    /// Stage per customer index (`None`: not yet a customer).
    pub stages: Vec<Option<Stage>>,
    /// Customers at the date, and of them the active ones (an order or an
    /// event within the active-rate window): the アクティブ率 at the date.
    pub customers: u64,
    pub active: u64,
}

/// The last day of each of the `months` months up to `as_of` (the month of
/// `as_of` ends at `as_of` itself, unless `as_of` is the first day of a month,
/// which has no data yet by default), oldest first.
pub fn month_ends(as_of: Day, months: usize) -> Vec<Day> {
    let first = if day::month_start(as_of) == as_of {
        as_of - 1
    } else {
        as_of
    };
    let mut out = vec![first];
    let mut start = day::month_start(first);
    while out.len() < months {
        let end = start - 1;
        out.push(end);
        start = day::month_start(end);
    }
    out.reverse();
    out
}

/// Support points a customer earns over time: (day, points), sorted.
fn support_entries(
    ds: &Dataset,
    first_purchase: &[Option<Day>],
    second_purchase: &[Option<Day>],
) -> Vec<Vec<(Day, f64)>> {
    let n = ds.customers.len();
    let mut out: Vec<Vec<(Day, f64)>> = vec![Vec::new(); n];
    let referral_rule = ds
        .rules
        .iter()
        .find(|r| r.kind == KIND_REFERRAL && r.axis == Axis::Support);
    let repeat_rule = ds
        .rules
        .iter()
        .find(|r| r.kind == KIND_REFEREE_REPEAT && r.axis == Axis::Support);
    for (c, referrer) in ds.referrer.iter().enumerate() {
        let Some(p) = referrer.map(|p| p as usize) else {
            continue;
        };
        if let (Some(d), Some(r)) = (first_purchase[c], referral_rule) {
            out[p].push((d, r.points as f64));
        }
        if let (Some(d), Some(r)) = (second_purchase[c], repeat_rule) {
            out[p].push((d, r.points as f64));
        }
    }
    for e in &ds.events {
        let Some(rule) = e.rule.map(|i| &ds.rules[i as usize]) else {
            continue;
        };
        if rule.axis == Axis::Support {
            let points = e
                .points_override
                .unwrap_or_else(|| rule.points_for(e.brand_tag, e.has_image));
            out[e.customer as usize].push((e.day, points as f64));
        }
    }
    for list in &mut out {
        list.sort_by_key(|(d, _)| *d);
    }
    out
}

/// Stages at each of `dates` (ascending), one sweep per customer.
pub fn stages_at(ds: &Dataset, settings: &Settings, dates: &[Day]) -> Vec<Snapshot> {
    let n = ds.customers.len();
    let rules = &settings.stages;
    let window = rules.involvement_window_days as i32;
    // First and second purchase of every customer (all time; each date filters).
    let mut first_purchase = vec![None; n];
    let mut second_purchase = vec![None; n];
    for c in 0..n {
        let mut purchases = ds
            .orders_of(c as CustomerIdx)
            .iter()
            .filter(|o| o.amount > 0.0);
        first_purchase[c] = purchases.next().map(|o| o.day);
        second_purchase[c] = purchases.next().map(|o| o.day);
    }
    // First purchase days of each referrer's referees, sorted.
    let mut referee_days: Vec<Vec<Day>> = vec![Vec::new(); n];
    for (c, referrer) in ds.referrer.iter().enumerate() {
        if let (Some(p), Some(d)) = (referrer, first_purchase[c]) {
            referee_days[*p as usize].push(d);
        }
    }
    for list in &mut referee_days {
        list.sort_unstable();
    }
    // NPS answers per customer, by day.
    let mut nps: Vec<Vec<(Day, u8)>> = vec![Vec::new(); n];
    for a in ds.nps.iter().filter(|a| a.customer != ANONYMOUS) {
        nps[a.customer as usize].push((a.day, a.score));
    }
    let support = support_entries(ds, &first_purchase, &second_purchase);

    let mut snapshots: Vec<Snapshot> = dates
        .iter()
        .map(|&d| Snapshot {
            date: d,
            month: day::month_label(d),
            stages: vec![None; n],
            customers: 0,
            active: 0,
        })
        .collect();
    let mut participation_days: Vec<Day> = Vec::new();
    for c in 0..n {
        let rec = &ds.customers[c];
        let orders = ds.orders_of(c as CustomerIdx);
        let events = ds.events_of(c as CustomerIdx);
        participation_days.clear();
        // Cursors into the sorted lists, and the running counts.
        let (mut oi, mut ei, mut ni, mut ri) = (0usize, 0usize, 0usize, 0usize);
        let (mut wi_start, mut si, mut si_start) = (0usize, 0usize, 0usize);
        let mut purchases = 0u32;
        let mut above_trial = 0u32;
        let mut last_purchase: Option<Day> = None;
        let mut last_event: Option<Day> = None;
        let mut posts = 0u32;
        let mut two_way = 0u32;
        let mut latest_nps: Option<u8> = None;
        let mut support_sum = 0f64;
        for (k, &date) in dates.iter().enumerate() {
            while oi < orders.len() && orders[oi].day <= date {
                let o = orders[oi];
                if o.amount > 0.0 {
                    purchases += 1;
                    if o.amount > settings.trial_threshold {
                        above_trial += 1;
                    }
                    last_purchase = Some(o.day);
                }
                oi += 1;
            }
            while ei < events.len() && events[ei].day <= date {
                let e = events[ei];
                last_event = Some(e.day);
                if let Some(rule) = e.rule.map(|i| &ds.rules[i as usize]) {
                    if rule.participation {
                        participation_days.push(e.day);
                    }
                    if rule.two_way {
                        two_way += 1;
                    }
                    if rule.kind == KIND_REVIEW || rule.kind == KIND_SNS_POST {
                        posts += 1;
                    }
                }
                ei += 1;
            }
            while ni < nps[c].len() && nps[c][ni].0 <= date {
                let score = nps[c][ni].1;
                latest_nps = Some(score);
                if i64::from(score) >= rules.empathy_min_nps {
                    two_way += 1;
                }
                ni += 1;
            }
            while ri < referee_days[c].len() && referee_days[c][ri] <= date {
                ri += 1;
            }
            // Sliding windows: participations and support points within the last `window` days.
            while wi_start < participation_days.len()
                && participation_days[wi_start] < date - window
            {
                wi_start += 1;
            }
            while si < support[c].len() && support[c][si].0 <= date {
                support_sum += support[c][si].1;
                si += 1;
            }
            while si_start < si && support[c][si_start].0 < date - window {
                support_sum -= support[c][si_start].1;
                si_start += 1;
            }
            let registered = rec.registered && rec.registered_on.is_none_or(|d| d <= date);
            if purchases == 0 && !registered {
                continue;
            }
            let last_activity = match (last_purchase, last_event) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            let signals = Signals {
                registered,
                purchases,
                purchases_above_trial: above_trial,
                referred_buyers: ri as u32,
                latest_nps,
                posts,
                days_since_activity: last_activity.map(|d| date - d),
                participations_in_window: (participation_days.len() - wi_start) as u32,
                support_points_in_window: support_sum,
                two_way,
            };
            let (s, _, _) = stage::classify(&signals, rules, settings.trial_threshold);
            snapshots[k].stages[c] = Some(s);
            snapshots[k].customers += 1;
            snapshots[k].active += u64::from(
                signals
                    .days_since_activity
                    .is_some_and(|d| i64::from(d) <= settings.active_window_days),
            );
        }
    }
    snapshots
}

/// Monthly snapshots: the ends of the last `months` months up to `as_of`.
pub fn monthly(ds: &Dataset, settings: &Settings, as_of: Day, months: usize) -> Vec<Snapshot> {
    stages_at(ds, settings, &month_ends(as_of, months.max(1)))
}

/// How stages changed from one snapshot to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StageFlow {
    /// `YYYY-MM` of the later snapshot.
    pub month: String,
    /// The later snapshot's date.
    pub date: String,
    /// Customers in a higher stage than a month before.
    pub moved_up: u64,
    /// Customers in the same stage.
    pub stalled: u64,
    /// Customers in a lower stage (their feelings cooled).
    pub cooled: u64,
    /// New customers since the previous snapshot.
    pub entered: u64,
    /// `matrix[from][to]`: customers from each stage to each stage (観測 = 0 … 循環 = 4).
    pub matrix: Vec<Vec<u64>>,
    /// Customers per stage at the later snapshot.
    pub counts: Vec<u64>,
}

/// The flows between consecutive snapshots.
pub fn flows(snapshots: &[Snapshot]) -> Vec<StageFlow> {
    snapshots
        .windows(2)
        .map(|w| {
            let mut f = StageFlow {
                month: w[1].month.clone(),
                date: day::format(w[1].date),
                moved_up: 0,
                stalled: 0,
                cooled: 0,
                entered: 0,
                matrix: vec![vec![0; 5]; 5],
                counts: vec![0; 5],
            };
            for (before, after) in w[0].stages.iter().zip(&w[1].stages) {
                let Some(after) = after else { continue };
                f.counts[after.index()] += 1;
                match before {
                    None => f.entered += 1,
                    Some(b) => {
                        f.matrix[b.index()][after.index()] += 1;
                        match after.cmp(b) {
                            std::cmp::Ordering::Greater => f.moved_up += 1,
                            std::cmp::Ordering::Equal => f.stalled += 1,
                            std::cmp::Ordering::Less => f.cooled += 1,
                        }
                    }
                }
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends_are_the_last_days_of_the_months() {
        let as_of = day::parse_iso("2024-03-15").unwrap();
        let ends: Vec<String> = month_ends(as_of, 4).into_iter().map(day::format).collect();
        assert_eq!(
            ends,
            vec!["2023-12-31", "2024-01-31", "2024-02-29", "2024-03-15"]
        );
        let first_of_month = day::parse_iso("2024-03-01").unwrap();
        let ends: Vec<String> = month_ends(first_of_month, 2)
            .into_iter()
            .map(day::format)
            .collect();
        assert_eq!(ends, vec!["2024-01-31", "2024-02-29"]);
    }

    #[test]
    fn flows_count_moves_stalls_cools_and_entries() {
        use Stage::*;
        let snap = |stages: Vec<Option<Stage>>| Snapshot {
            date: 0,
            month: String::new(),
            stages,
            customers: 0,
            active: 0,
        };
        let a = snap(vec![
            Some(Observer),
            Some(Landing),
            Some(Empathy),
            None,
            Some(Circulation),
        ]);
        let b = snap(vec![
            Some(Landing),
            Some(Landing),
            Some(Landing),
            Some(Observer),
            Some(Circulation),
        ]);
        let f = &flows(&[a, b])[0];
        assert_eq!((f.moved_up, f.stalled, f.cooled, f.entered), (1, 2, 1, 1));
        assert_eq!(f.matrix[Observer.index()][Landing.index()], 1);
        assert_eq!(f.matrix[Empathy.index()][Landing.index()], 1);
        assert_eq!(f.counts, vec![1, 3, 0, 0, 1]);
    }
}
