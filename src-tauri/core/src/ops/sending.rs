//! Sending (domain.md §7): a list the shop sends with, recorded as sent.
//!
//! A list recorded as sent keeps a random share of its customers out (対照):
//! drawn with the workspace's seed from the campaign name and the customer
//! key, so the same list and name always hold out the same customers. The
//! held-out customers are left out of the saved file; both groups are
//! written to the contact log as one import batch of kind `contacts` (listed
//! in the import history, and undone like any import), which 効果測定 reads.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::store::{self, Tx};
use crate::Workspace;

/// Recording a list as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SendRecord {
    /// The campaign (施策) the 効果 screen names it by.
    pub campaign: String,
    /// The share held out (対照), 0 … 0.5.
    pub holdout_share: f64,
    /// The sending date `YYYY-MM-DD` (today when absent).
    pub date: Option<String>,
}

/// What a saved list holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SavedList {
    /// Customers in the saved file.
    pub included: u64,
    /// Customers held out (対照): not in the file, recorded as the control group.
    pub held_out: u64,
    /// Contacts newly recorded (0 when the list was not recorded, or was
    /// recorded before under the same name and date).
    pub recorded: u64,
    /// The campaign it was recorded as.
    pub campaign: Option<String>,
}

/// The campaign name a list is recorded as, checked: not empty, at most 100
/// characters, and not a plan step's (`plan:`).
pub fn campaign_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "campaign",
            "a recorded list needs a campaign name",
        ));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid(
            "campaign",
            "a campaign name has at most 100 characters",
        ));
    }
    if name.starts_with("plan:") {
        return Err(Error::invalid(
            "campaign",
            "names starting with plan: are the plan's own",
        ));
    }
    Ok(name.to_string())
}

/// Splits keys into the ones sent and the ones held out, by the workspace's
/// seeded draw for the campaign (order kept).
pub fn split_holdout(
    seed: u64,
    campaign: &str,
    keys: &[String],
    share: f64,
) -> (Vec<String>, Vec<String>) {
    let share = share.clamp(0.0, 0.5);
    keys.iter()
        .cloned()
        .partition(|k| !crate::analytics::effect::held_out(seed, campaign, k, share))
}

/// Records a list as sent: its treated and held-out customers as contacts of
/// the campaign on `on`, as one import batch named after the campaign and
/// the file (a batch that adds nothing, a list recorded before, is
/// forgotten). Returns the contacts added.
pub(crate) fn record_sent(
    tx: &Tx<'_>,
    campaign: &str,
    on: Day,
    sent: &[String],
    held: &[String],
    source_name: &str,
    now: &str,
) -> Result<u64> {
    let batch = store::batches::begin(
        tx,
        &store::batches::NewBatch {
            kind: "contacts",
            source_name,
            source_path: None,
            source_hash: None,
            imported_at: now,
        },
    )?;
    let date = day::format(on);
    let mut added = 0u64;
    for (keys, control) in [(sent, false), (held, true)] {
        for key in keys {
            let Some(id) = store::customers::id_of(**tx, key)? else {
                return Err(Error::invalid(
                    "customer",
                    format!("no customer with the key {key}"),
                ));
            };
            let row_key = format!("sent:{campaign}:{date}:{id}");
            added += u64::from(store::contacts::insert_imported(
                tx,
                &store::contacts::ImportedContact {
                    customer_id: id,
                    day: &date,
                    campaign,
                    channel: None,
                    control,
                    row_key: &row_key,
                    batch,
                },
            )?);
        }
    }
    let n = (sent.len() + held.len()) as u64;
    if added == 0 {
        store::batches::forget(tx, batch)?;
    } else {
        store::batches::record(
            tx,
            batch,
            &store::batches::Figures {
                rows_read: n,
                rows_imported: added,
                rows_duplicate: n - added,
                ..Default::default()
            },
        )?;
    }
    Ok(added)
}

/// Saves a list of customer keys (a one-column CSV) and, with `record`,
/// records it as sent with its holdout, all or nothing: the contacts are
/// written in the transaction that the file is written in, so a file that
/// cannot be written records nothing.
pub fn save_key_list(
    ws: &Workspace,
    path: &Path,
    keys: &[String],
    replace: bool,
    record: Option<&SendRecord>,
    today: Day,
    now: &str,
) -> Result<SavedList> {
    let Some(record) = record else {
        super::plan::write_key_list(path, keys, replace)?;
        return Ok(SavedList {
            included: keys.len() as u64,
            held_out: 0,
            recorded: 0,
            campaign: None,
        });
    };
    let campaign = campaign_name(&record.campaign)?;
    if !(0.0..=0.5).contains(&record.holdout_share) {
        return Err(Error::invalid(
            "holdout",
            "the share held out is between 0 and 0.5",
        ));
    }
    let on = match &record.date {
        Some(d) => day::parse_iso(d)
            .ok_or_else(|| Error::invalid("date", format!("{d} is not a date (YYYY-MM-DD)")))?,
        None => today,
    };
    let seed = ws.with_conn(store::settings::holdout_seed)?;
    let (sent, held) = split_holdout(seed, &campaign, keys, record.holdout_share);
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = format!("送付記録: {campaign} ({file})");
    let recorded = ws.with_tx(|tx| {
        let added = record_sent(tx, &campaign, on, &sent, &held, &source, now)?;
        super::plan::write_key_list(path, &sent, replace)?;
        Ok(added)
    })?;
    Ok(SavedList {
        included: sent.len() as u64,
        held_out: held.len() as u64,
        recorded,
        campaign: Some(campaign),
    })
}
