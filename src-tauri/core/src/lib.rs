//! Horetsu's domain: the workspace store, the demo shop, import, analytics,
//! charts and export.
//!
//! This crate knows nothing of Tauri or of any UI. It never reads the clock,
//! the environment or a fixed path: the analysis date, "now", file paths and
//! seeds come in as parameters, so every result is reproducible. The desktop
//! shell (`src-tauri/src`) and the `horetsu` CLI (`src-tauri/cli`) both call
//! [`ops`], the one API layer over the modules below.

pub mod analytics;
pub mod bindings;
pub mod chart;
pub mod day;
pub mod demo;
pub mod error;
pub mod format;
pub mod import;
pub mod model;
pub mod ops;
pub mod plan;
pub mod points;
pub mod profile;
pub mod settings;
pub mod store;

pub use error::{Error, Result};
pub use store::{Workspace, WorkspaceInfo};
