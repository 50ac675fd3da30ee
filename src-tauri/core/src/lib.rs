//! Horetsu's domain: the workspace store, the demo shop, import, analytics,
//! charts and export.
//!
//! This crate knows nothing of Tauri or of any UI. It never reads the clock,
//! the environment or a fixed path: the analysis date, "now", file paths and
//! seeds come in as parameters, so every result is reproducible. The desktop
//! shell (`src-tauri/src`) and the `horetsu` CLI (`src-tauri/cli`) both call
//! [`ops`], the one API layer, over an open [`Workspace`]: its [`store`] holds
//! every SQL statement, and its [`snapshot`] is the one analysis of each
//! workspace generation and date that every operation reads.

pub mod analytics;
pub mod bindings;
pub mod chart;
pub mod csv_out;
pub mod day;
pub mod demo;
pub mod error;
pub mod files;
pub mod format;
pub mod import;
pub mod keys;
pub mod labels;
pub mod model;
pub mod ops;
pub mod paper;
pub mod plan;
pub mod points;
pub mod profile;
pub mod settings;
pub mod snapshot;
pub mod store;
pub mod workspace;

pub use error::{Error, Result};
pub use store::WorkspaceInfo;
pub use workspace::Workspace;
