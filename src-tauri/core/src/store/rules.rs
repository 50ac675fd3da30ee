//! The `point_rules` table: each kind of action, its axis and points, and the
//! meaning shown beside it (domain.md §3).

use super::{Conn, Tx};
use crate::error::Result;
use crate::model::{Axis, Milestone};
use crate::points::{default_rules, PointRule};

/// The rules in their display order.
pub fn load(c: Conn<'_>) -> Result<Vec<PointRule>> {
    let mut stmt = c.c.prepare_cached(
        "SELECT kind, axis, points, brand_tag_bonus, image_bonus, participation, two_way,
                label_ja, label_en, meaning_ja, meaning_en, milestone, milestone_marked
         FROM point_rules ORDER BY sort_order, kind",
    )?;
    let rows = stmt.query_map([], |r| {
        let axis: String = r.get(1)?;
        Ok(PointRule {
            kind: r.get(0)?,
            axis: Axis::from_id(&axis).unwrap_or(Axis::Support),
            points: r.get(2)?,
            brand_tag_bonus: r.get(3)?,
            image_bonus: r.get(4)?,
            participation: r.get(5)?,
            two_way: r.get(6)?,
            label_ja: r.get(7)?,
            label_en: r.get(8)?,
            meaning_ja: r.get(9)?,
            meaning_en: r.get(10)?,
            milestone: r
                .get::<_, Option<String>>(11)?
                .and_then(|m| Milestone::from_id(&m)),
            milestone_marked: r
                .get::<_, Option<String>>(12)?
                .and_then(|m| Milestone::from_id(&m)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Inserts or updates rules (by kind), keeping their order.
pub fn save(tx: &Tx<'_>, rules: &[PointRule]) -> Result<()> {
    let mut stmt = tx.c.prepare(
        "INSERT INTO point_rules(kind, axis, points, brand_tag_bonus, image_bonus, participation,
                                 two_way, label_ja, label_en, meaning_ja, meaning_en, sort_order,
                                 milestone, milestone_marked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(kind) DO UPDATE SET axis = excluded.axis, points = excluded.points,
             brand_tag_bonus = excluded.brand_tag_bonus, image_bonus = excluded.image_bonus,
             participation = excluded.participation, two_way = excluded.two_way,
             label_ja = excluded.label_ja, label_en = excluded.label_en,
             meaning_ja = excluded.meaning_ja, meaning_en = excluded.meaning_en,
             sort_order = excluded.sort_order, milestone = excluded.milestone,
             milestone_marked = excluded.milestone_marked",
    )?;
    for (order, r) in rules.iter().enumerate() {
        stmt.execute(rusqlite::params![
            r.kind,
            r.axis.id(),
            r.points,
            r.brand_tag_bonus,
            r.image_bonus,
            r.participation,
            r.two_way,
            r.label_ja,
            r.label_en,
            r.meaning_ja,
            r.meaning_en,
            order as i64,
            r.milestone.map(Milestone::id),
            r.milestone_marked.map(Milestone::id),
        ])?;
    }
    Ok(())
}

/// Replaces the rules table with the defaults of domain.md §3.
pub fn restore_defaults(tx: &Tx<'_>) -> Result<()> {
    tx.c.execute("DELETE FROM point_rules", [])?;
    save(tx, &default_rules())
}
