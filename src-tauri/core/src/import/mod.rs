//! Importing the files a shop already has (domain.md §1–2, issue #3).
//!
//! A file goes through four steps: its rows are read ([`source`]), the
//! header row is found and mapped to fields ([`mapping`]), every cell is
//! parsed strictly ([`values`]), and the records are written in one
//! transaction ([`pipeline`]). A wrong guess silently corrupts a shop's
//! numbers, while a rejected cell is reported with its file, sheet, row,
//! column, value and reason, so the parsers refuse rather than guess.
//!
//! Re-importing a file adds nothing: orders are identified by order number
//! and customer, events and NPS answers by a key made of their content.
//! Every row written points at its import batch, and every value a batch
//! changed on an older row is logged, so any batch can be undone exactly.

pub mod address;
mod cell;
pub mod mapping;
mod parse;
pub mod presets;
pub mod run;
pub mod source;
pub mod values;
mod write;
pub mod xlsx_fast;
mod zip_guard;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use mapping::{ColumnMap, Field, FieldChoice, ImportKind};
pub use presets::Preset;
pub use run::Context;
pub use source::Encoding;
pub use values::DateOrder;

/// Which sheets of a workbook to import.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(tag = "mode", content = "name", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum SheetChoice {
    /// The first sheet that has a usable header row.
    #[default]
    First,
    /// One sheet by name.
    Named(String),
    /// Every sheet whose header row has the same layout as the first one's.
    All,
}

/// What the user chose for an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ImportOptions {
    /// What the file holds.
    pub kind: ImportKind,
    /// A built-in or saved preset by name; `None` to detect.
    pub preset: Option<String>,
    /// Which sheets.
    pub sheet: SheetChoice,
    /// Columns chosen by the user (they win over presets and detection).
    pub choices: Vec<FieldChoice>,
    /// CSV encoding; `None` to detect.
    pub encoding: Option<Encoding>,
    /// How to read ambiguous dates such as 03/04/2024.
    pub date_order: DateOrderChoice,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            kind: ImportKind::Orders,
            preset: None,
            sheet: SheetChoice::First,
            choices: Vec::new(),
            encoding: None,
            date_order: DateOrderChoice::YearFirst,
        }
    }
}

/// How ambiguous numeric dates are read (mirrors [`DateOrder`] for the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum DateOrderChoice {
    /// 2024/03/04 is 4 March; d/m/y forms only when unambiguous.
    #[default]
    YearFirst,
    /// US: 03/04/2024 is 4 March.
    MonthFirst,
    /// UK: 03/04/2024 is 3 April.
    DayFirst,
}

impl DateOrderChoice {
    pub(crate) fn order(self) -> DateOrder {
        match self {
            DateOrderChoice::YearFirst => DateOrder::YearFirst,
            DateOrderChoice::MonthFirst => DateOrder::MonthFirst,
            DateOrderChoice::DayFirst => DateOrder::DayFirst,
        }
    }

    /// Parses `ymd`, `mdy`, `dmy`.
    pub fn parse(text: &str) -> Option<DateOrderChoice> {
        match text {
            "ymd" | "year_first" => Some(DateOrderChoice::YearFirst),
            "mdy" | "us" | "month_first" => Some(DateOrderChoice::MonthFirst),
            "dmy" | "uk" | "day_first" => Some(DateOrderChoice::DayFirst),
            _ => None,
        }
    }
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Rejection {
    /// File name.
    pub file: String,
    /// Sheet name (the file name for CSV).
    pub sheet: String,
    /// Row number as the spreadsheet shows it (1-based, header included).
    pub row: u32,
    /// The column's header (and letter), e.g. `注文日 (B)`.
    pub column: String,
    /// The cell as it was written.
    pub value: String,
    /// Why, in English.
    pub reason: String,
    /// Why, in Japanese.
    pub reason_ja: String,
    /// A stable code for the reason.
    pub code: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ImportReport {
    /// What was imported.
    pub kind: ImportKind,
    /// The import batches written (one per file that added something).
    pub batch_ids: Vec<i64>,
    /// Files read.
    pub files: Vec<String>,
    /// Sheets read, as `file: sheet`.
    pub sheets: Vec<String>,
    /// Data rows read (blank rows not counted).
    pub rows_read: u64,
    /// Rows written.
    pub rows_imported: u64,
    /// Rows already in the workspace (same order, event or answer).
    pub rows_duplicate: u64,
    /// New orders.
    pub orders: u64,
    /// The first and last day of the new orders (`YYYY-MM-DD`).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// The amount of the new counted orders (cancelled ones left out,
    /// returns negative), in the shop's currency.
    pub amount: f64,
    /// New customer keys.
    pub customers: u64,
    /// Rows without a customer key (anonymous revenue or answers).
    pub anonymous_rows: u64,
    /// New orders that are returns or credit notes (amount ≤ 0 … < 0).
    pub returns: u64,
    /// New orders marked cancelled or returned by a status column.
    pub cancelled: u64,
    /// New referrals.
    pub referrals: u64,
    /// New engagement events.
    pub events: u64,
    /// New NPS answers.
    pub nps_responses: u64,
    /// New lines of a contact log.
    pub contacts: u64,
    /// Postal addresses kept (new ones; the latest per customer counts).
    pub addresses: u64,
    /// Marketing consents kept (new ones; the latest per customer counts).
    pub consents: u64,
    /// Rows not imported, each with its reason.
    pub rejected: Vec<Rejection>,
    /// Notes (duplicate columns, sheets skipped …).
    pub warnings: Vec<String>,
    /// The encoding a CSV was read with.
    pub encoding: Option<Encoding>,
    /// The preset used, if any.
    pub preset: Option<String>,
    /// The columns used: field → header.
    pub mapping: Vec<ColumnMap>,
}

impl ImportReport {
    pub(crate) fn absorb(&mut self, other: ImportReport) {
        self.batch_ids.extend(other.batch_ids);
        self.files.extend(other.files);
        self.sheets.extend(other.sheets);
        self.rows_read += other.rows_read;
        self.rows_imported += other.rows_imported;
        self.rows_duplicate += other.rows_duplicate;
        self.orders += other.orders;
        self.first_day = match (self.first_day.take(), other.first_day) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_day = match (self.last_day.take(), other.last_day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.amount += other.amount;
        self.customers += other.customers;
        self.anonymous_rows += other.anonymous_rows;
        self.returns += other.returns;
        self.cancelled += other.cancelled;
        self.referrals += other.referrals;
        self.events += other.events;
        self.nps_responses += other.nps_responses;
        self.contacts += other.contacts;
        self.addresses += other.addresses;
        self.consents += other.consents;
        self.rejected.extend(other.rejected);
        self.warnings.extend(other.warnings);
        if self.encoding.is_none() {
            self.encoding = other.encoding;
        }
        if self.preset.is_none() {
            self.preset = other.preset;
        }
        if self.mapping.is_empty() {
            self.mapping = other.mapping;
        }
    }
}

/// Progress of a running import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ImportProgress {
    /// 0-based index of the file being read.
    pub file_index: u32,
    /// Number of files.
    pub files: u32,
    /// Rows read so far in this file.
    pub rows: u64,
}

/// A look at a file before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Preview {
    /// File name.
    pub file: String,
    /// Every sheet of the workbook.
    pub sheets: Vec<String>,
    /// The hidden ones among them (read only when chosen by name).
    pub hidden_sheets: Vec<String>,
    /// The sheet shown.
    pub sheet: String,
    /// The detected (or chosen) CSV encoding.
    pub encoding: Option<Encoding>,
    /// Row number of the header row (rows above it are titles).
    pub header_row: u32,
    /// The preset that matched or was chosen.
    pub preset: Option<String>,
    /// Every column with its field.
    pub columns: Vec<ColumnMap>,
    /// The fields of this kind of import, in the editor's order.
    pub fields: Vec<Field>,
    /// Required fields no column fills.
    pub missing: Vec<Field>,
    /// The first data rows, as text, with their row numbers.
    pub rows: Vec<PreviewRow>,
    /// Notes.
    pub warnings: Vec<String>,
}

/// One row of a preview.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PreviewRow {
    /// Row number.
    pub row: u32,
    /// Cells as text, as the file holds them (an Excel date is its serial).
    pub cells: Vec<String>,
    /// Each mapped cell as the import will store it (`None` for a column
    /// no field reads, and for empty cells).
    pub stored: Vec<Option<StoredValue>>,
    /// The rejection code when the whole row would be rejected before its
    /// cells are read (`extra_cells`: a CSV row with more cells than its
    /// header, its values shifted).
    pub problem: Option<String>,
}

/// A mapped cell as the import will store it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StoredValue {
    /// The value as stored: a date as `YYYY-MM-DD` (with `HH:MM` for an
    /// order time), an amount or count as a plain number, a customer key
    /// normalised, `true`/`false` for a yes/no, text cleaned. Empty when the
    /// cell cannot be read.
    pub value: String,
    /// The rejection code when the cell would reject its row.
    pub problem: Option<String>,
}
