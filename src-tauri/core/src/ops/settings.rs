//! What the shop can tune: the analysis settings and the point rules. Every
//! figure is recomputed from the stored rows on the next read.

use crate::error::{Error, Result};
use crate::store;
use crate::Workspace;

pub use crate::points::PointRule;
pub use crate::settings::Settings;

/// The point rules of the workspace.
pub fn point_rules(ws: &Workspace) -> Result<Vec<PointRule>> {
    ws.with_conn(store::rules::load)
}

/// Saves edited point rules: the next analysis re-scores every customer from
/// the stored events, without a re-import.
pub fn save_point_rules(ws: &Workspace, rules: &[PointRule]) -> Result<Vec<PointRule>> {
    for r in rules {
        if r.points < 0 || r.brand_tag_bonus < 0 || r.image_bonus < 0 {
            return Err(Error::invalid(
                "point rules",
                format!("{}: points cannot be negative", r.label_ja),
            ));
        }
    }
    ws.with_tx(|tx| store::rules::save(tx, rules))?;
    point_rules(ws)
}

/// Restores the default point rules (domain.md §3).
pub fn restore_point_rules(ws: &Workspace) -> Result<Vec<PointRule>> {
    ws.with_tx(store::rules::restore_defaults)?;
    point_rules(ws)
}

/// The analysis settings of the workspace.
pub fn settings(ws: &Workspace) -> Result<Settings> {
    ws.with_conn(store::settings::analysis)
}

/// Saves edited analysis settings.
pub fn save_settings(ws: &Workspace, s: &Settings) -> Result<Settings> {
    if let Some(why) = s.problem() {
        return Err(Error::invalid("settings", why));
    }
    ws.with_tx(|tx| store::settings::save_analysis(tx, s))?;
    settings(ws)
}

/// Restores the default analysis settings.
pub fn restore_settings(ws: &Workspace) -> Result<Settings> {
    save_settings(ws, &Settings::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_typed_as_a_whole_number_is_refused_and_nothing_is_saved() {
        let ws = crate::workspace::test_demo(50);
        let before = settings(&ws).unwrap();
        assert_eq!(Settings::default().problem(), None);
        let mut s = before.clone();
        s.targets.referral_rate = 20.0;
        let e = save_settings(&ws, &s).unwrap_err().to_string();
        assert!(
            e.contains("referral_rate") && e.contains("0.2 = 20 %"),
            "{e}"
        );
        assert_eq!(settings(&ws).unwrap(), before, "nothing saved");
        s.targets.referral_rate = 0.2;
        s.temperature.cold_ratio = 1.0;
        assert!(save_settings(&ws, &s)
            .unwrap_err()
            .to_string()
            .contains("cold_ratio"));
        s.temperature.cold_ratio = 3.0;
        s.holdout_share = 0.6;
        assert!(save_settings(&ws, &s).is_err());
        s.holdout_share = 0.1;
        assert_eq!(save_settings(&ws, &s).unwrap().targets.referral_rate, 0.2);
    }
}
