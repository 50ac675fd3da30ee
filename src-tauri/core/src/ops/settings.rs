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
    ws.with_tx(|tx| store::settings::save_analysis(tx, s))?;
    settings(ws)
}

/// Restores the default analysis settings.
pub fn restore_settings(ws: &Workspace) -> Result<Settings> {
    save_settings(ws, &Settings::default())
}
