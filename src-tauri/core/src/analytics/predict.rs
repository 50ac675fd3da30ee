//! Predicted CLV: BG/NBD for the number of future orders and P(alive),
//! Gamma-Gamma for the value of an order, fitted on the workspace's own
//! customers at the analysis date (see [`super::clv`] for the models).
//!
//! Repeat purchases are counted on distinct calendar days, as in the
//! literature (the CDNOW convention) and in `lifetimes`: purchases on the
//! same day are one transaction whose value is their sum. For a customer with
//! purchase days d₀ < d₁ < … < dₓ: frequency x = number of days − 1, recency
//! t_x = dₓ − d₀, T = analysis date − d₀, in the period unit (days, or
//! days / 7 for weeks). The unit only scales time: a weekly fit has the same
//! r, a and b as the daily one and α ÷ 7. Returns are left out of the models.
//!
//! **P(alive) is left out (`None`) for a customer without a repeat purchase.**
//! BG/NBD sets it to 1 for them by construction (drop-out happens only after
//! a repeat purchase): a property of the model, not a finding, and a
//! one-time buyer of 2023 marked 離脱 would read 継続見込み 100 %. The
//! modified BG/NBD ([`clv::fit_mbgnbd`]) gives them a real P(alive), but on
//! CDNOW's 39 + 39 weeks it predicts the holdout purchases worse (weighted
//! error 0.159 against BG/NBD's 0.119; one-time buyers 0.180 against 0.231
//! for 0.251 bought; `clv::tests`), so the predictions stay BG/NBD's and the
//! screens say 判定不可(購入1回) instead of a probability.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clv::{self, BgNbdParams, FitError, GammaGammaParams, RepeatSummary};
use super::{Analysis, Dataset};
use crate::day::Day;

/// The period in which repeat purchases are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum PeriodUnit {
    /// Calendar days (the default).
    #[default]
    Day,
    /// Weeks of 7 days (time divided by 7; purchases still counted by day).
    Week,
}

impl PeriodUnit {
    /// Parses `day` / `week`.
    pub fn parse(text: &str) -> Option<PeriodUnit> {
        match text {
            "day" | "days" => Some(PeriodUnit::Day),
            "week" | "weeks" => Some(PeriodUnit::Week),
            _ => None,
        }
    }

    /// Days per period.
    pub fn days(self) -> f64 {
        match self {
            PeriodUnit::Day => 1.0,
            PeriodUnit::Week => 7.0,
        }
    }
}

/// One customer's inputs to the models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerSummary {
    /// Position in [`Analysis::customers`].
    pub position: usize,
    /// x, t_x and T in period units.
    pub repeat: RepeatSummary,
    /// Mean value of the repeat periods (0 without a repeat).
    pub mean_repeat_value: f64,
}

/// The summaries of every customer with a purchase.
pub fn summaries(ds: &Dataset, a: &Analysis, unit: PeriodUnit) -> Vec<CustomerSummary> {
    let mut out = Vec::with_capacity(a.customers.len());
    let mut periods: Vec<(Day, f64)> = Vec::new();
    for (position, res) in a.customers.iter().enumerate() {
        let (Some(first), Some(last)) = (res.first_purchase, res.last_purchase) else {
            continue;
        };
        periods.clear();
        for o in ds
            .orders_of(res.idx)
            .iter()
            .filter(|o| o.day <= a.as_of && o.amount > 0.0)
        {
            let p = o.day;
            match periods.last_mut() {
                Some((q, v)) if *q == p => *v += o.amount,
                _ => periods.push((p, o.amount)),
            }
        }
        let x = periods.len().saturating_sub(1);
        let repeat_value: f64 = periods.iter().skip(1).map(|(_, v)| v).sum();
        out.push(CustomerSummary {
            position,
            repeat: RepeatSummary::new(
                x as f64,
                f64::from(last - first) / unit.days(),
                f64::from(a.as_of - first) / unit.days(),
            ),
            mean_repeat_value: if x > 0 { repeat_value / x as f64 } else { 0.0 },
        });
    }
    out
}

/// The fitted models.
#[derive(Debug, Clone, PartialEq)]
pub struct Models {
    /// The period unit.
    pub unit: PeriodUnit,
    /// Customers the BG/NBD model was fitted on.
    pub customers: usize,
    /// Customers the Gamma-Gamma model was fitted on.
    pub repeat_buyers: usize,
    /// BG/NBD, or why it could not be fitted.
    pub bgnbd: Result<BgNbdParams, FitError>,
    /// Gamma-Gamma, or why it could not be fitted.
    pub gamma_gamma: Result<GammaGammaParams, FitError>,
}

/// Fits both models on the summaries.
pub fn fit(unit: PeriodUnit, data: &[CustomerSummary]) -> Models {
    let repeat: Vec<RepeatSummary> = data.iter().map(|c| c.repeat).collect();
    let spend: Vec<(f64, f64)> = data
        .iter()
        .filter(|c| c.repeat.frequency > 0.0 && c.mean_repeat_value > 0.0)
        .map(|c| (c.repeat.frequency, c.mean_repeat_value))
        .collect();
    Models {
        unit,
        customers: repeat.len(),
        repeat_buyers: spend.len(),
        bgnbd: clv::fit_bgnbd(&repeat),
        gamma_gamma: clv::fit_gamma_gamma(&spend),
    }
}

/// Fills P(alive), expected orders and predicted CLV into the analysis.
pub fn predict(a: &mut Analysis, data: &[CustomerSummary], m: &Models) {
    let Ok(bg) = &m.bgnbd else { return };
    let h90 = 90.0 / m.unit.days();
    let h365 = 365.0 / m.unit.days();
    for c in data {
        let res = &mut a.customers[c.position];
        let e365 = bg.expected_purchases(h365, &c.repeat);
        res.p_alive = (c.repeat.frequency > 0.0).then(|| bg.p_alive(&c.repeat));
        res.expected_orders_90 = Some(bg.expected_purchases(h90, &c.repeat));
        res.expected_orders_365 = Some(e365);
        res.predicted_clv_365 =
            m.gamma_gamma.as_ref().ok().map(|gg| {
                e365 * gg.expected_average_value(c.repeat.frequency, c.mean_repeat_value)
            });
    }
}

/// Runs the whole prediction at the analysis date: summaries, fit, predictions.
pub fn run(ds: &Dataset, a: &mut Analysis, unit: PeriodUnit) -> Models {
    let data = summaries(ds, a, unit);
    let models = fit(unit, &data);
    predict(a, &data, &models);
    models
}
