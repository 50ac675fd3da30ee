//! One error type for the domain crate.
//!
//! Every variant is a sentence a shop owner can act on: it names the file,
//! the row, the column or the setting, and what was expected. Each variant
//! also has a stable machine-readable [`Error::code`], so the desktop UI and
//! scripts never match on message text.

use std::path::PathBuf;

/// Errors of the Horetsu domain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The workspace file could not be opened or created.
    #[error("cannot open the workspace {path}: {reason}")]
    WorkspaceOpen { path: PathBuf, reason: String },

    /// The file exists but is not a Horetsu workspace (or is damaged).
    #[error(
        "{path} is not a Horetsu workspace (expected a .horetsu file made by Horetsu): {reason}"
    )]
    NotAWorkspace { path: PathBuf, reason: String },

    /// The workspace was written by a newer Horetsu.
    #[error("the workspace {path} has schema version {found}, newer than this Horetsu understands ({supported}); update Horetsu to open it")]
    WorkspaceTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// A file the user named does not exist or cannot be read.
    #[error("cannot read {path}: {reason}")]
    FileRead { path: PathBuf, reason: String },

    /// A file could not be written.
    #[error("cannot write {path}: {reason}")]
    FileWrite { path: PathBuf, reason: String },

    /// A user-supplied value (a flag, a setting) is not valid.
    #[error("{what}: {reason}")]
    InvalidInput { what: String, reason: String },

    /// Nothing could be imported from a file.
    #[error("nothing imported from {file}: {reason}")]
    ImportFailed { file: String, reason: String },

    /// The user cancelled a long operation; nothing was changed.
    #[error("cancelled; the workspace was left unchanged")]
    Cancelled,

    /// The workspace has no data for what was asked.
    #[error("{0}")]
    NoData(String),

    /// SQLite reported an error.
    #[error("workspace database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A value in the workspace has an unexpected type.
    #[error("workspace database error: {0}")]
    SqlValue(#[from] rusqlite::types::FromSqlError),

    /// Writing a workbook failed.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// Rendering a chart failed.
    #[error("cannot draw the chart: {0}")]
    Chart(String),
}

impl Error {
    /// A stable code for the UI and scripts (never shown alone to users).
    pub fn code(&self) -> &'static str {
        match self {
            Error::WorkspaceOpen { .. } => "workspace_open",
            Error::NotAWorkspace { .. } => "not_a_workspace",
            Error::WorkspaceTooNew { .. } => "workspace_too_new",
            Error::FileRead { .. } => "file_read",
            Error::FileWrite { .. } => "file_write",
            Error::InvalidInput { .. } => "invalid_input",
            Error::ImportFailed { .. } => "import_failed",
            Error::Cancelled => "cancelled",
            Error::NoData(_) => "no_data",
            Error::Sqlite(_) | Error::SqlValue(_) => "database",
            Error::Xlsx(_) => "xlsx",
            Error::Chart(_) => "chart",
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            what: what.into(),
            reason: reason.into(),
        }
    }
}

/// Result with the domain [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
