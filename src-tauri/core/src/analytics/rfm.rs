//! RFM scores and segments (domain.md §2).
//!
//! Quintile scores: rank customers ascending (R by *negative* recency, so the
//! most recent rank highest), ties take the minimum rank, and
//! `score = 1 + floor(5 × (rank_min − 1) / N)`. Tied values therefore always
//! share a score.

use crate::model::Segment;
use crate::settings::RfmScoring;

/// Quintile scores of `values` (higher value = higher score).
///
/// `values` are integer keys so that equal amounts compare equal exactly
/// (amounts are rounded to micro-units by the caller).
pub fn quintile_scores(values: &[i64]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by_key(|&i| values[i as usize]);
    let mut scores = vec![0u8; n];
    let mut pos = 0usize;
    while pos < n {
        let value = values[order[pos] as usize];
        let mut end = pos;
        while end < n && values[order[end] as usize] == value {
            end += 1;
        }
        // rank_min − 1 = pos (0-based position of the first of the tie group).
        let score = 1 + (5 * pos / n) as u8;
        for &i in &order[pos..end] {
            scores[i as usize] = score;
        }
        pos = end;
    }
    scores
}

/// Score by fixed lower bounds: `bounds` holds the lower bounds of scores 2–5.
pub fn threshold_score(value: f64, bounds: &[f64]) -> u8 {
    1 + bounds.iter().take(4).filter(|&&b| value >= b).count() as u8
}

/// Score recency by fixed bounds: `bounds` holds, increasing, the upper bounds
/// (inclusive) of scores 5, 4, 3 and 2 in days.
pub fn recency_threshold_score(days: f64, bounds: &[f64]) -> u8 {
    5 - bounds.iter().take(4).filter(|&&b| days > b).count() as u8
}

/// Rounds an amount to an integer key in micro-units, so that sums computed in
/// different orders still tie exactly.
pub fn money_key(amount: f64) -> i64 {
    (amount * 1e6).round() as i64
}

/// R, F and M scores for a population.
pub fn scores(
    scoring: &RfmScoring,
    recency_days: &[i32],
    frequency: &[u32],
    monetary: &[f64],
) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    match scoring {
        RfmScoring::Quintiles => {
            let r: Vec<i64> = recency_days.iter().map(|&d| -i64::from(d)).collect();
            let f: Vec<i64> = frequency.iter().map(|&x| i64::from(x)).collect();
            let m: Vec<i64> = monetary.iter().map(|&x| money_key(x)).collect();
            (
                quintile_scores(&r),
                quintile_scores(&f),
                quintile_scores(&m),
            )
        }
        RfmScoring::Fixed {
            recency_days: rb,
            frequency: fb,
            monetary: mb,
        } => (
            recency_days
                .iter()
                .map(|&d| recency_threshold_score(f64::from(d), rb))
                .collect(),
            frequency
                .iter()
                .map(|&x| threshold_score(f64::from(x), fb))
                .collect(),
            monetary.iter().map(|&x| threshold_score(x, mb)).collect(),
        ),
    }
}

/// FM = floor((F + M + 1) / 2): the mean of F and M, half rounded up.
pub fn fm_score(f: u8, m: u8) -> u8 {
    (f + m).div_ceil(2)
}

/// The segment of R, F and M scores.
pub fn segment(r: u8, f: u8, m: u8) -> Segment {
    Segment::from_scores(r, fm_score(f, m))
}

/// One cell of the R × F heatmap.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct HeatCell {
    /// R score 1–5.
    pub r: u8,
    /// F score 1–5.
    pub f: u8,
    /// Customers in the cell.
    pub customers: u64,
    /// Their M (revenue).
    pub revenue: f64,
}

/// The R × F heatmap: 25 cells, R then F ascending.
pub fn heatmap(a: &super::Analysis) -> Vec<HeatCell> {
    let mut cells: Vec<HeatCell> = (1..=5)
        .flat_map(|r| {
            (1..=5).map(move |f| HeatCell {
                r,
                f,
                customers: 0,
                revenue: 0.0,
            })
        })
        .collect();
    for c in a.customers.iter().filter(|c| c.r > 0 && c.f > 0) {
        let cell = &mut cells[usize::from(c.r - 1) * 5 + usize::from(c.f - 1)];
        cell.customers += 1;
        cell.revenue += c.monetary;
    }
    cells
}

/// How many customers moved from each segment to each other one between two
/// analyses. Index 11 is "no segment yet" (no purchase at that date).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct Migration {
    /// The earlier date.
    pub from: String,
    /// The later date.
    pub to: String,
    /// Segment ids in matrix order (the 11 segments, then `none`).
    pub segments: Vec<String>,
    /// `matrix[i][j]`: customers in segment i at `from` and segment j at `to`.
    pub matrix: Vec<Vec<u64>>,
}

/// The migration matrix between two analyses of the same dataset.
pub fn migration(before: &super::Analysis, after: &super::Analysis) -> Migration {
    let index = |s: Option<Segment>| {
        s.map_or(11, |s| {
            Segment::ALL.iter().position(|x| *x == s).unwrap_or(11)
        })
    };
    let mut matrix = vec![vec![0u64; 12]; 12];
    for c in &after.customers {
        let from = before.of(c.idx).and_then(|b| b.segment);
        matrix[index(from)][index(c.segment)] += 1;
    }
    let mut segments: Vec<String> = Segment::ALL.iter().map(|s| s.id().to_string()).collect();
    segments.push("none".into());
    Migration {
        from: crate::day::format(before.as_of),
        to: crate::day::format(after.as_of),
        segments,
        matrix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed: N = 10, values 1..=10 → scores 1,1,2,2,3,3,4,4,5,5.
    #[test]
    fn distinct_values_fall_into_even_quintiles() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(quintile_scores(&v), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    /// Hand-computed with ties: values [1,1,1,1,1,1,2,3,4,9], N = 10.
    /// The six 1s have rank_min 1 → score 1; 2 has rank_min 7 → 1 + floor(5·6/10) = 4;
    /// 3 → rank 8 → 1 + floor(35/10) = 4; 4 → rank 9 → 1 + floor(40/10) = 5; 9 → rank 10 → 5.
    #[test]
    fn ties_take_the_minimum_rank_and_share_a_score() {
        let v = vec![1, 1, 1, 1, 1, 1, 2, 3, 4, 9];
        assert_eq!(quintile_scores(&v), vec![1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    }

    /// R ranks by negative recency: 1 day ago beats 100 days ago.
    #[test]
    fn recent_customers_score_high_on_r() {
        let (r, _, _) = scores(
            &RfmScoring::Quintiles,
            &[100, 1, 50, 50, 10],
            &[1, 1, 1, 1, 1],
            &[1.0; 5],
        );
        // negative recencies: -100,-1,-50,-50,-10 → ascending ranks: -100:1, -50:2 (tie, min), -10:4, -1:5
        // scores: 1+floor(5·0/5)=1, 1+floor(5·1/5)=2, 1+floor(5·3/5)=4, 1+floor(5·4/5)=5
        assert_eq!(r, vec![1, 5, 2, 2, 4]);
    }

    #[test]
    fn a_single_customer_scores_one() {
        assert_eq!(quintile_scores(&[42]), vec![1]);
    }

    #[test]
    fn fm_rounds_half_up_and_segments_follow_the_map() {
        assert_eq!(fm_score(4, 5), 5);
        assert_eq!(fm_score(3, 4), 4);
        assert_eq!(fm_score(1, 2), 2);
        assert_eq!(segment(5, 4, 5), Segment::Champions); // R5 FM5
        assert_eq!(segment(5, 1, 1), Segment::New); // R5 FM1
        assert_eq!(segment(1, 1, 2), Segment::Hibernating); // R1 FM2 (1+2+1)/2 = 2
        assert_eq!(segment(1, 1, 1), Segment::Lost);
        assert_eq!(segment(2, 1, 1), Segment::AboutToSleep);
        assert_eq!(segment(1, 3, 2), Segment::AtRisk); // FM = 3
        assert_eq!(segment(1, 5, 4), Segment::CantLoseThem); // FM = 5
        assert_eq!(segment(3, 1, 2), Segment::NeedAttention); // FM = 2
        assert_eq!(segment(4, 1, 1), Segment::Promising);
        assert_eq!(segment(3, 3, 3), Segment::PotentialLoyalist);
        assert_eq!(segment(3, 5, 5), Segment::Loyal);
    }

    #[test]
    fn every_cell_of_the_map_has_exactly_one_segment() {
        let mut count = std::collections::HashMap::new();
        for r in 1..=5 {
            for fm in 1..=5 {
                *count.entry(Segment::from_scores(r, fm)).or_insert(0) += 1;
            }
        }
        assert_eq!(count.values().sum::<i32>(), 25);
        assert_eq!(count.len(), 11);
        assert_eq!(count[&Segment::Loyal], 4);
        assert_eq!(count[&Segment::Lost], 1);
    }

    #[test]
    fn fixed_thresholds_follow_the_small_shop_table() {
        let fb = [2.0, 3.0, 5.0, 10.0];
        let got: Vec<u8> = [1.0, 2.0, 3.0, 4.0, 5.0, 9.0, 10.0, 25.0]
            .iter()
            .map(|&f| threshold_score(f, &fb))
            .collect();
        assert_eq!(got, vec![1, 2, 3, 3, 4, 4, 5, 5]);
        let rb = [30.0, 90.0, 180.0, 365.0];
        assert_eq!(recency_threshold_score(30.0, &rb), 5);
        assert_eq!(recency_threshold_score(31.0, &rb), 4);
        assert_eq!(recency_threshold_score(400.0, &rb), 1);
    }
}
