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
//! - [`export`]: the workbook;
//! - [`settings`]: analysis settings and point rules.

pub mod analysis;
pub mod customers;
pub mod export;
pub mod import;
pub mod plan;
pub mod settings;
pub mod workspace;

pub use analysis::*;
pub use customers::*;
pub use export::*;
pub use import::*;
pub use plan::*;
pub use settings::*;
pub use workspace::*;

use serde::Serialize;
use ts_rs::TS;

use crate::error::Error;

/// An error as the UI receives it: a stable code and a sentence to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IpcError {
    /// Stable code (see [`Error::code`]).
    pub code: String,
    /// A sentence a shop owner can act on.
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// Masks `text` with `mask` when asked.
fn masked(text: &str, mask_pii: bool, mask: fn(&str) -> String) -> String {
    if mask_pii {
        mask(text)
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests;
