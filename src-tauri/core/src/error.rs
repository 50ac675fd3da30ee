//! One error type for the domain crate.
//!
//! Every variant is a sentence a shop owner can act on: it names the file,
//! the row, the column or the setting, and what was expected. Each variant
//! also has a stable machine-readable [`ErrorCode`], so the desktop UI picks
//! its message by code in the UI's language (`labels.rs`, `error.<code>`),
//! and scripts never match on message text.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as the UI and scripts tell errors apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ErrorCode {
    WorkspaceOpen,
    WorkspaceExists,
    NotAWorkspace,
    WorkspaceTooNew,
    WorkspaceDamaged,
    WorkspaceUntrusted,
    WorkspaceLocked,
    FileRead,
    FileWrite,
    FileExists,
    WouldReplaceWorkspace,
    WouldReplaceOther,
    ReadOnly,
    DiskFull,
    InvalidInput,
    ImportFailed,
    ImportEncrypted,
    ImportUnknownType,
    ImportNoExtension,
    ImportNotAWorkbook,
    ImportDamaged,
    ImportEmpty,
    ImportNoHeader,
    ImportMissingColumns,
    ImportNoSheet,
    ImportNoRows,
    ImportTooLarge,
    Cancelled,
    NoData,
    Database,
    Xlsx,
    Chart,
    Internal,
}

impl ErrorCode {
    /// The stable id (`workspace_open`, …), as serialised.
    pub fn id(self) -> &'static str {
        use ErrorCode::*;
        match self {
            WorkspaceOpen => "workspace_open",
            WorkspaceExists => "workspace_exists",
            NotAWorkspace => "not_a_workspace",
            WorkspaceTooNew => "workspace_too_new",
            WorkspaceDamaged => "workspace_damaged",
            WorkspaceUntrusted => "workspace_untrusted",
            WorkspaceLocked => "workspace_locked",
            FileRead => "file_read",
            FileWrite => "file_write",
            FileExists => "file_exists",
            WouldReplaceWorkspace => "would_replace_workspace",
            WouldReplaceOther => "would_replace_other",
            ReadOnly => "read_only",
            DiskFull => "disk_full",
            InvalidInput => "invalid_input",
            ImportFailed => "import_failed",
            ImportEncrypted => "import_encrypted",
            ImportUnknownType => "import_unknown_type",
            ImportNoExtension => "import_no_extension",
            ImportNotAWorkbook => "import_not_a_workbook",
            ImportDamaged => "import_damaged",
            ImportEmpty => "import_empty",
            ImportNoHeader => "import_no_header",
            ImportMissingColumns => "import_missing_columns",
            ImportNoSheet => "import_no_sheet",
            ImportNoRows => "import_no_rows",
            ImportTooLarge => "import_too_large",
            Cancelled => "cancelled",
            NoData => "no_data",
            Database => "database",
            Xlsx => "xlsx",
            Chart => "chart",
            Internal => "internal",
        }
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Why nothing could be imported from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProblem {
    /// Any other cause (the reason says which).
    Other,
    /// A password-protected workbook.
    Encrypted,
    /// An extension Horetsu does not read.
    UnknownType,
    /// No extension at all.
    NoExtension,
    /// Named as a workbook, but not one.
    NotAWorkbook,
    /// A workbook that is cut short or damaged.
    Damaged,
    /// The sheet is empty.
    Empty,
    /// No header row names the columns.
    NoHeader,
    /// A required column is missing.
    MissingColumns,
    /// No sheet to import (or the named one is not there).
    NoSheet,
    /// A header row but no data rows.
    NoRows,
    /// Over the limits for untrusted files (a zip bomb, a part too big).
    TooLarge,
}

/// What a write refused to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    /// A workspace (or its WAL): never replaced by an export or a copy.
    Workspace,
    /// A file of another kind than the one being written.
    OtherKind,
    /// A folder.
    Folder,
}

/// Errors of the Horetsu domain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The workspace file could not be opened or created.
    #[error("cannot open the workspace {path}: {reason}")]
    WorkspaceOpen { path: PathBuf, reason: String },

    /// A workspace was to be created where a file already is.
    #[error("cannot create the workspace {path}: the file already exists; choose another name or open it")]
    WorkspaceExists { path: PathBuf },

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

    /// The file is a Horetsu workspace, but damaged.
    #[error("the workspace {path} is damaged ({reason}); open a backup, or ask whoever sent it for a new copy")]
    WorkspaceDamaged { path: PathBuf, reason: String },

    /// The workspace holds code Horetsu never writes (triggers, views): a
    /// file someone changed. It is not opened.
    #[error("the workspace {path} contains {found}, which Horetsu never creates; it was not opened, since a workspace from someone else must not run code. Ask for a new copy")]
    WorkspaceUntrusted { path: PathBuf, found: String },

    /// A file the user named does not exist or cannot be read.
    #[error("cannot read {path}: {reason}")]
    FileRead { path: PathBuf, reason: String },

    /// A file could not be written.
    #[error("cannot write {path}: {reason}")]
    FileWrite { path: PathBuf, reason: String },

    /// A file of the same kind is at the target and the user did not say to
    /// replace it.
    #[error("{path} already exists; choose another name, or confirm that it is to be replaced (horetsu: --force)")]
    FileExists { path: PathBuf },

    /// The target is something a write must never replace.
    #[error("{path} {}; nothing was written, choose another name", match what {
        Replaced::Workspace => "is a Horetsu workspace (or part of one) and is never replaced by an export or a copy",
        Replaced::OtherKind => "is another kind of file than the one being written",
        Replaced::Folder => "is a folder",
    })]
    WouldReplace { path: PathBuf, what: Replaced },

    /// The file or its folder cannot be written to.
    #[error("{path} is read-only (or its folder is); choose another place or allow writing")]
    ReadOnly { path: PathBuf },

    /// The disk is full.
    #[error("the disk is full while writing {path}; free some space and try again")]
    DiskFull { path: PathBuf },

    /// A user-supplied value (a flag, a setting) is not valid.
    #[error("{what}: {reason}")]
    InvalidInput { what: String, reason: String },

    /// Nothing could be imported from a file.
    #[error("nothing imported from {file}: {reason}")]
    ImportFailed {
        file: String,
        problem: ImportProblem,
        reason: String,
    },

    /// The user cancelled a long operation; nothing was changed.
    #[error("cancelled; the workspace was left unchanged")]
    Cancelled,

    /// The workspace has no data for what was asked.
    #[error("{0}")]
    NoData(String),

    /// SQLite reported an error (worded by its kind: never with SQL text).
    #[error("{}", sqlite_text(.0))]
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
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WorkspaceOpen { .. } => ErrorCode::WorkspaceOpen,
            Error::WorkspaceExists { .. } => ErrorCode::WorkspaceExists,
            Error::NotAWorkspace { .. } => ErrorCode::NotAWorkspace,
            Error::WorkspaceTooNew { .. } => ErrorCode::WorkspaceTooNew,
            Error::WorkspaceDamaged { .. } => ErrorCode::WorkspaceDamaged,
            Error::WorkspaceUntrusted { .. } => ErrorCode::WorkspaceUntrusted,
            Error::FileRead { .. } => ErrorCode::FileRead,
            Error::FileWrite { .. } => ErrorCode::FileWrite,
            Error::FileExists { .. } => ErrorCode::FileExists,
            Error::WouldReplace { what, .. } => match what {
                Replaced::Workspace => ErrorCode::WouldReplaceWorkspace,
                Replaced::OtherKind | Replaced::Folder => ErrorCode::WouldReplaceOther,
            },
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
            Error::DiskFull { .. } => ErrorCode::DiskFull,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::ImportFailed { problem, .. } => match problem {
                ImportProblem::Other => ErrorCode::ImportFailed,
                ImportProblem::Encrypted => ErrorCode::ImportEncrypted,
                ImportProblem::UnknownType => ErrorCode::ImportUnknownType,
                ImportProblem::NoExtension => ErrorCode::ImportNoExtension,
                ImportProblem::NotAWorkbook => ErrorCode::ImportNotAWorkbook,
                ImportProblem::Damaged => ErrorCode::ImportDamaged,
                ImportProblem::Empty => ErrorCode::ImportEmpty,
                ImportProblem::NoHeader => ErrorCode::ImportNoHeader,
                ImportProblem::MissingColumns => ErrorCode::ImportMissingColumns,
                ImportProblem::NoSheet => ErrorCode::ImportNoSheet,
                ImportProblem::NoRows => ErrorCode::ImportNoRows,
                ImportProblem::TooLarge => ErrorCode::ImportTooLarge,
            },
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NoData(_) => ErrorCode::NoData,
            Error::Sqlite(e) => match sqlite_kind(e) {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    ErrorCode::WorkspaceLocked
                }
                Some(rusqlite::ErrorCode::DiskFull) => ErrorCode::DiskFull,
                Some(rusqlite::ErrorCode::ReadOnly) => ErrorCode::ReadOnly,
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    ErrorCode::WorkspaceDamaged
                }
                _ => ErrorCode::Database,
            },
            Error::SqlValue(_) => ErrorCode::Database,
            Error::Xlsx(_) => ErrorCode::Xlsx,
            Error::Chart(_) => ErrorCode::Chart,
        }
    }

    /// The file the error is about (its name), if any: the `{file}` of the
    /// UI's message.
    pub fn file(&self) -> Option<String> {
        let name = |p: &PathBuf| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        };
        match self {
            Error::WorkspaceOpen { path, .. }
            | Error::WorkspaceExists { path }
            | Error::NotAWorkspace { path, .. }
            | Error::WorkspaceTooNew { path, .. }
            | Error::WorkspaceDamaged { path, .. }
            | Error::WorkspaceUntrusted { path, .. }
            | Error::FileRead { path, .. }
            | Error::FileWrite { path, .. }
            | Error::FileExists { path }
            | Error::WouldReplace { path, .. }
            | Error::ReadOnly { path }
            | Error::DiskFull { path } => Some(name(path)),
            Error::ImportFailed { file, .. } => Some(file.clone()),
            _ => None,
        }
    }

    /// The same error about `to` where it was about the file `from` (a
    /// temporary file stands for the file the user chose).
    pub fn about(self, from: &std::path::Path, to: &std::path::Path) -> Error {
        let swap = |p: PathBuf| if p == from { to.to_path_buf() } else { p };
        match self {
            Error::FileWrite { path, reason } => Error::FileWrite {
                path: swap(path),
                reason,
            },
            Error::ReadOnly { path } => Error::ReadOnly { path: swap(path) },
            Error::DiskFull { path } => Error::DiskFull { path: swap(path) },
            Error::Xlsx(e) => crate::files::xlsx_write_error(to, e),
            other => other,
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

/// The kind of a SQLite failure, if it is one.
fn sqlite_kind(e: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

/// A SQLite error in words a shop owner can act on. SQLite's own message
/// can quote SQL or schema text; it is never shown, only the kind.
fn sqlite_text(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DatabaseBusy | C::DatabaseLocked => "the workspace is being written by another Horetsu window or import; try again when it is done".into(),
            C::DiskFull => "the disk is full; free some space and try again".into(),
            C::ReadOnly => "the workspace file is read-only (or its folder is); allow writing or open a copy".into(),
            C::DatabaseCorrupt | C::NotADatabase => "the workspace file is damaged; open a backup".into(),
            C::CannotOpen => "the workspace file cannot be opened; check where it is".into(),
            _ => format!("workspace database error ({f})"),
        },
        rusqlite::Error::SqlInputError { error, .. } => format!("workspace database error ({error})"),
        other => format!("workspace database error ({other})"),
    }
}

/// Result with the domain [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
