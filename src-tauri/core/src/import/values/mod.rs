//! Pure value parsers every import goes through: dates, Excel serials,
//! amounts, ids, customer keys, free text, order statuses, yes/no cells and
//! NPS scores.
//!
//! # Why these parsers are strict
//!
//! A shop's order list is the ground truth of its business. A parser that
//! *guesses* — reads `03/04/2024` as March when the shop meant April, takes
//! the comma in `3,39` for a decimal point, or fills in the digits Excel
//! dropped from `1.23457E+11` — silently corrupts the numbers every chart and
//! analysis is then built on, and nobody can tell afterwards. An error, on the
//! other hand, is reported to the user with its row and column, and fixing
//! the cell takes a minute. So every parser here accepts only forms whose
//! meaning is certain, and returns a [`ValueError`] (whose `Display` names
//! what was expected) for everything else.
//!
//! Nothing here panics on any input: there is no indexing that can go out of
//! bounds, no `unwrap` on user data and no unchecked arithmetic on it.
//! [`fuzz_all`] feeds arbitrary bytes to every parser for a fuzz target, and
//! [`fuzz_check`] checks the parsers' promises on one cell's text.
//!
//! Decisions worth knowing:
//! - Numbers typed with full-width digits (`１２３`) are read, but other
//!   "compatibility digits" that NFKC would turn into ASCII digits (`①`, `²`,
//!   `㏠`) are rejected with [`ValueError::UnusualDigit`]: `10²` must not
//!   become 102.
//! - A comma is always a thousands separator (groups of three); a point is
//!   always the decimal point. Spaces (including NBSP and thin spaces) are
//!   *not* accepted as thousands separators.
//! - With [`DateOrder::YearFirst`], a day/month/year-looking date is only
//!   accepted when one reading is impossible; otherwise
//!   [`ValueError::AmbiguousDate`] lets the UI ask the user for the order.
//! - `refunded`, `返品` and `返金` are [`OrderStatus::Returned`]; partial
//!   refunds and returns (`partially_refunded`, `一部返金`) are `Normal`.
//! - Text is capped at 32,767 UTF-16 code units, as Excel and the xlsx writer
//!   count a cell, so an emoji-heavy cell still exports.
//! - Phone keys: `+81` becomes a leading `0`; other country codes keep their
//!   `+` so they never collide with domestic numbers or numeric ids.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// How ambiguous numeric dates like `03/04/2024` are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Year-month-day (Japan, ISO). A day/month/year-looking date is accepted
    /// only when it is unambiguous (one part is above 12, or both are equal);
    /// otherwise it is a [`ValueError::AmbiguousDate`].
    #[default]
    YearFirst,
    /// US order: `3/4/2024` is March 4.
    MonthFirst,
    /// UK order: `3/4/2024` is 3 April.
    DayFirst,
}

/// Why a cell could not be read. One variant per reason; `Display` gives a
/// short English sentence that names what was expected.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueError {
    /// The cell is empty (or only whitespace) where a value is required.
    Empty,
    /// A digit-like character that NFKC would turn into a digit but that is
    /// not an ordinary (ASCII or full-width) digit, such as `①` or `²`.
    UnusualDigit(char),
    /// The text is not in any accepted date or datetime form.
    NotADate,
    /// The parts are in an accepted form but name no calendar day
    /// (`2023/02/29`, `2024年13月1日`).
    NoSuchDate {
        /// The year as written (after era conversion).
        year: i32,
        /// The month as written.
        month: u32,
        /// The day as written.
        day: u32,
    },
    /// The time parts name no time of day (`24:00`, `13:60`, `13:04 PM`).
    NoSuchTime {
        /// The hour as written.
        hour: u32,
        /// The minute as written.
        minute: u32,
        /// The second as written.
        second: u32,
    },
    /// A day/month/year date that reads as two different days; the user must
    /// choose a [`DateOrder`].
    AmbiguousDate {
        /// The reading with the month first (US).
        month_first: NaiveDate,
        /// The reading with the day first (UK).
        day_first: NaiveDate,
    },
    /// `午前12時` / `午後12時`: Japanese usage differs on whether these are
    /// noon or midnight.
    AmbiguousTime,
    /// A Japanese era date outside that era (`令和元年4月30日`, `平成32年`).
    OutsideEra {
        /// The era's name, e.g. `平成`.
        era: &'static str,
        /// The era's first day.
        first: NaiveDate,
        /// The era's last day, if it has ended.
        last: Option<NaiveDate>,
    },
    /// A plain number in a date column where Excel serials written as text
    /// are not accepted.
    SerialTextNotAllowed,
    /// Excel serial 60, the nonexistent 1900-02-29 of Excel's leap-year bug.
    ExcelLeapDay1900,
    /// An Excel serial below the first or beyond the last representable day
    /// (9999-12-31), or not a finite number.
    SerialOutOfRange {
        /// Whether the workbook uses the 1904 date system.
        date1904: bool,
    },
    /// A date that parsed but is implausible for an order.
    DateOutOfRange {
        /// The date that was read.
        date: NaiveDateTime,
        /// The earliest accepted day.
        earliest: NaiveDate,
        /// The latest accepted day (inclusive).
        latest: NaiveDate,
    },
    /// The text is not an amount in any accepted form.
    NotAnAmount,
    /// A comma that does not separate groups of three digits (`1,20,000`,
    /// `3,39`).
    BadThousandsSeparator,
    /// An amount whose magnitude is 2^53 or more: a float no longer holds
    /// every whole number there, so digits would be invented.
    AmountTooLarge,
    /// A number cell that cannot be an id: not finite, or with a fraction.
    NotAnId,
    /// A number cell too large to hold every digit of an id (2^53 or more).
    IdNotExact,
    /// An id written in Excel's scientific notation (`1.23457E+11`): the
    /// digits are lost.
    IdInScientificNotation,
    /// Not a recognised yes/no value.
    NotABool,
    /// Not a whole number, so not an NPS score.
    NotAnNpsScore,
    /// A whole number outside 0–10.
    NpsScoreOutOfRange,
    /// A customer key longer than [`MAX_KEY_CHARS`] characters: not a key
    /// (a wrong column, or a hostile file), and too long for the workbook.
    KeyTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A CSV row with more cells than the header names: a delimiter inside
    /// an unquoted value (`¥4,500`) split it, and every cell after it sits
    /// one column to the right (the amount would read ¥4).
    ExtraCells {
        /// Cells in the row (up to its last non-empty one).
        cells: usize,
        /// Columns the header names.
        header: usize,
    },
}

/// The longest customer key accepted, in characters.
pub const MAX_KEY_CHARS: usize = 256;

impl ValueError {
    /// A stable machine-readable code for the UI and scripts, so that nothing
    /// matches on message text.
    pub fn code(&self) -> &'static str {
        match self {
            ValueError::Empty => "empty",
            ValueError::UnusualDigit(_) => "unusual_digit",
            ValueError::NotADate => "not_a_date",
            ValueError::NoSuchDate { .. } => "no_such_date",
            ValueError::NoSuchTime { .. } => "no_such_time",
            ValueError::AmbiguousDate { .. } => "ambiguous_date",
            ValueError::AmbiguousTime => "ambiguous_time",
            ValueError::OutsideEra { .. } => "outside_era",
            ValueError::SerialTextNotAllowed => "serial_text_not_allowed",
            ValueError::ExcelLeapDay1900 => "excel_leap_day_1900",
            ValueError::SerialOutOfRange { .. } => "serial_out_of_range",
            ValueError::DateOutOfRange { .. } => "date_out_of_range",
            ValueError::NotAnAmount => "not_an_amount",
            ValueError::BadThousandsSeparator => "bad_thousands_separator",
            ValueError::AmountTooLarge => "amount_too_large",
            ValueError::NotAnId => "not_an_id",
            ValueError::IdNotExact => "id_not_exact",
            ValueError::IdInScientificNotation => "id_in_scientific_notation",
            ValueError::NotABool => "not_a_bool",
            ValueError::NotAnNpsScore => "not_an_nps_score",
            ValueError::NpsScoreOutOfRange => "nps_score_out_of_range",
            ValueError::KeyTooLong { .. } => "key_too_long",
            ValueError::ExtraCells { .. } => "extra_cells",
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Empty => write!(f, "empty cell: expected a value"),
            ValueError::UnusualDigit(c) => write!(
                f,
                "unusual digit '{c}': expected numbers written with the digits 0-9 (half- or full-width)"
            ),
            ValueError::NotADate => write!(
                f,
                "not a date: expected 2024-01-05, 2024/01/05, 2024年1月5日 or an Excel date"
            ),
            ValueError::NoSuchDate { year, month, day } => write!(
                f,
                "no such date: year {year}, month {month}, day {day} is not on the calendar; expected a month from 1 to 12 and a day that exists in it"
            ),
            ValueError::NoSuchTime {
                hour,
                minute,
                second,
            } => write!(
                f,
                "no such time: {hour:02}:{minute:02}:{second:02}; expected hours 0-23 (1-12 with AM/PM) and minutes and seconds 0-59"
            ),
            ValueError::AmbiguousDate {
                month_first,
                day_first,
            } => write!(
                f,
                "ambiguous date: it reads as {month_first} (month first) or {day_first} (day first); expected the date order to be chosen"
            ),
            ValueError::AmbiguousTime => write!(
                f,
                "ambiguous time: 午前12時 and 午後12時 can mean noon or midnight; expected 0:00-23:59, e.g. 0:00 or 12:00"
            ),
            ValueError::OutsideEra { era, first, last } => match last {
                Some(last) => write!(
                    f,
                    "date outside the {era} era: expected a {era} date from {first} to {last}"
                ),
                None => write!(
                    f,
                    "date outside the {era} era: expected a {era} date from {first} on"
                ),
            },
            ValueError::SerialTextNotAllowed => write!(
                f,
                "a number, not a date: expected a date such as 2024-01-05 (Excel date numbers written as text are not accepted in this column)"
            ),
            ValueError::ExcelLeapDay1900 => write!(
                f,
                "not a date: Excel serial 60 is 1900-02-29, a day that does not exist (Excel's 1900 leap-year bug); expected any other serial"
            ),
            ValueError::SerialOutOfRange { date1904: false } => write!(
                f,
                "Excel date out of range: expected a serial from 1 (1900-01-01) to 2958465 (9999-12-31)"
            ),
            ValueError::SerialOutOfRange { date1904: true } => write!(
                f,
                "Excel date out of range: expected a serial from 0 (1904-01-01) to 2957003 (9999-12-31) in the 1904 date system"
            ),
            ValueError::DateOutOfRange {
                date,
                earliest,
                latest,
            } => write!(
                f,
                "implausible date: {date} is not between {earliest} and {latest}; expected an order date in that span"
            ),
            ValueError::NotAnAmount => write!(
                f,
                "not an amount: expected a number such as 12800, 12,800.50, ¥12,800, 12,800円, -1,200, △1,200 or (1,200)"
            ),
            ValueError::BadThousandsSeparator => write!(
                f,
                "misplaced comma: expected commas only between groups of three digits, as in 12,800 (a comma is never a decimal point)"
            ),
            ValueError::AmountTooLarge => write!(
                f,
                "amount too large: expected at most 9,007,199,254,740,991 in size (larger numbers lose digits)"
            ),
            ValueError::NotAnId => write!(
                f,
                "not an id: expected a whole number or text"
            ),
            ValueError::IdNotExact => write!(
                f,
                "id too long for a number cell: expected at most 15 digits; format the id column as text to keep longer ids"
            ),
            ValueError::IdInScientificNotation => write!(
                f,
                "id in scientific notation (like 1.23457E+11): expected the full id; Excel dropped its digits, so format the column as text and export again"
            ),
            ValueError::NotABool => write!(
                f,
                "not yes/no: expected 1/0, true/false, yes/no, y/n, あり/なし, 有/無, ○/×, ✓ or はい/いいえ"
            ),
            ValueError::NotAnNpsScore => write!(
                f,
                "not an NPS score: expected a whole number from 0 to 10"
            ),
            ValueError::NpsScoreOutOfRange => write!(
                f,
                "NPS score out of range: expected a whole number from 0 to 10"
            ),
            ValueError::KeyTooLong { chars } => write!(
                f,
                "a customer key of {chars} characters: keys are at most {MAX_KEY_CHARS} characters (is the right column chosen?)"
            ),
            ValueError::ExtraCells { cells, header } => write!(
                f,
                "the row has {cells} cells but the header {header}: a comma inside an unquoted value (such as ¥4,500) splits it and shifts the cells after it; put such values in double quotes, or export the file again"
            ),
        }
    }
}

impl std::error::Error for ValueError {}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// Inputs longer than this (in bytes, after trimming) cannot be a date, an
/// amount or a score; rejecting them early keeps the parsers cheap.
pub(crate) const MAX_SHORT_VALUE_BYTES: usize = 256;

/// The largest magnitude below which an `f64` holds every whole number.
pub(crate) const MAX_EXACT_F64: f64 = 9_007_199_254_740_991.0;

/// Excel's cell limit, counted as Excel counts: in UTF-16 code units.
pub const MAX_TEXT_UNITS: usize = 32_767;

/// NFKC of the whole string.
pub(crate) fn nfkc(s: &str) -> String {
    // ASCII text is already in NFKC.
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfkc().collect()
}

/// NFKC for numeric parsers: as [`nfkc`], but rejects compatibility
/// characters other than the full-width digits that NFKC would turn into ASCII
/// digits (`①` → `1`, `²` → `2`, `㏠` → `1日`), so that `10²` can never be
/// read as 102.
pub(crate) fn nfkc_numeric(s: &str) -> Result<String, ValueError> {
    if let Some(c) = first_unusual_digit(s) {
        return Err(ValueError::UnusualDigit(c));
    }
    Ok(nfkc(s))
}

/// The first character that is not an ordinary digit but becomes one under
/// NFKC.
pub(crate) fn first_unusual_digit(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        !c.is_ascii()
            && !('\u{FF10}'..='\u{FF19}').contains(&c)
            && std::iter::once(c).nfkc().any(|d| d.is_ascii_digit())
    })
}

/// Parses a short run of ASCII digits; `None` if empty, not digits or too
/// large for `u32`.
pub(crate) fn digits_u32(d: &str) -> Option<u32> {
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    d.parse().ok()
}

/// True if `d` is 1..=`max` ASCII digits.
pub(crate) fn is_digits(d: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) const fn ymd_const(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

mod amounts;
mod dates;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzz;
mod ids;
#[cfg(test)]
pub(crate) mod test_support;
mod text;

pub use amounts::*;
pub use dates::*;
pub use ids::*;
pub use text::*;

#[cfg(test)]
#[path = "errors_tests.rs"]
mod tests;
