//! The API layer: what the desktop shell and the CLI do, one plain function
//! per operation over a [`Workspace`](crate::Workspace). Commands in the shell and subcommands
//! in the CLI stay thin: parse input, call one function here, present.
//!
//! Reads take the workspace's [`Snapshot`](crate::snapshot::Snapshot) for the
//! analysis date and never run the analysis themselves; writes are one
//! [`Workspace::with_tx`](crate::Workspace::with_tx) each. The areas:
//!
//! - [`workspace`]: open, create, the demo, copies, the user's profile;
//! - [`import`]: import, preview, history, undo, presets;
//! - [`analysis`]: the report, the dashboard, the analysis screens, CLV, NPS
//!   comments, the referral forest;
//! - [`customers`]: the customers table and the customer page;
//! - [`plan`]: the action plan, statuses, the campaign check, the playbook;
//! - [`effect`]: 効果測定, each campaign against its control group;
//! - [`sending`]: lists the shop sends with, recorded as sent with a holdout;
//! - [`export`]: the workbook;
//! - [`people`]: any list of customers on screen, saved as CSV;
//! - [`report`]: the workshop report (帳票), an A4 PDF for the client;
//! - [`settings`]: analysis settings and point rules.

pub mod analysis;
pub mod customers;
pub mod effect;
pub mod export;
pub mod import;
pub mod people;
pub mod plan;
pub mod report;
pub mod sending;
pub mod settings;
pub mod workspace;

pub use analysis::*;
pub use customers::*;
pub use effect::*;
pub use export::*;
pub use import::*;
pub use people::*;
pub use plan::*;
pub use report::*;
pub use sending::*;
pub use settings::*;
pub use workspace::*;

/// The words of the domain's ids, for the CLI's text output.
pub use crate::csv_out::CsvEncoding;
pub use crate::labels;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode};

/// An error as the UI receives it: a stable code, from which the UI words
/// the message in its language (`labels.rs`, `error.<code>`), the file it is
/// about, and the full English sentence as a detail.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IpcError {
    pub code: ErrorCode,
    /// The file the error is about (its name), for the message's `{file}`.
    pub file: Option<String>,
    /// The full sentence in English (a detail; never the message itself).
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code(),
            file: e.file(),
            message: e.to_string(),
        }
    }
}

impl IpcError {
    /// An error the shell itself ran into (a task that could not finish).
    pub fn internal(message: String) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            file: None,
            message,
        }
    }
}

/// Masks `text` with `mask` when asked.
/// Fills in who a listed customer is, for a list on screen: `key` becomes
/// the reference commands take (the key, or its handle while masking is on),
/// and the key to show and the name are set (masked when asked). A key that
/// names no customer is only masked.
pub(crate) fn identify(
    snap: &crate::snapshot::Snapshot,
    names: &[Option<String>],
    mask_pii: bool,
    key: &mut String,
    display_key: &mut Option<String>,
    name: &mut Option<String>,
) -> crate::error::Result<()> {
    match snap.resolve(key)? {
        Some(i) => {
            *display_key = Some(masked(snap.key(i), mask_pii, crate::plan::mask::key));
            *name = names[i as usize]
                .as_deref()
                .map(|n| masked(n, mask_pii, crate::plan::mask::name));
            *key = snap.reference(i, mask_pii);
        }
        None => {
            *key = masked(key, mask_pii, crate::plan::mask::key);
            *display_key = Some(key.clone());
        }
    }
    Ok(())
}

fn masked(text: &str, mask_pii: bool, mask: fn(&str) -> String) -> String {
    if mask_pii {
        mask(text)
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod masking_tests;
#[cfg(test)]
mod people_tests;
#[cfg(test)]
mod tests;
