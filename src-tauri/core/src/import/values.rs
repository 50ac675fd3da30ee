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

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
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
}

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
        }
    }
}

impl std::error::Error for ValueError {}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// Inputs longer than this (in bytes, after trimming) cannot be a date, an
/// amount or a score; rejecting them early keeps the parsers cheap.
const MAX_SHORT_VALUE_BYTES: usize = 256;

/// The largest magnitude below which an `f64` holds every whole number.
const MAX_EXACT_F64: f64 = 9_007_199_254_740_991.0;

/// Excel's cell limit, counted as Excel counts: in UTF-16 code units.
pub const MAX_TEXT_UNITS: usize = 32_767;

/// NFKC of the whole string.
fn nfkc(s: &str) -> String {
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
fn nfkc_numeric(s: &str) -> Result<String, ValueError> {
    if let Some(c) = first_unusual_digit(s) {
        return Err(ValueError::UnusualDigit(c));
    }
    Ok(nfkc(s))
}

/// The first character that is not an ordinary digit but becomes one under
/// NFKC.
fn first_unusual_digit(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        !c.is_ascii()
            && !('\u{FF10}'..='\u{FF19}').contains(&c)
            && std::iter::once(c).nfkc().any(|d| d.is_ascii_digit())
    })
}

/// Parses a short run of ASCII digits; `None` if empty, not digits or too
/// large for `u32`.
fn digits_u32(d: &str) -> Option<u32> {
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    d.parse().ok()
}

/// True if `d` is 1..=`max` ASCII digits.
fn is_digits(d: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
}

const fn ymd_const(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

// ---------------------------------------------------------------------------
// Dates: tokens
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// A run of ASCII digits.
    Num(&'a str),
    /// A run of ASCII letters.
    Word(&'a str),
    /// Any other single non-whitespace character.
    Ch(char),
    /// A run of whitespace.
    Ws,
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut raw = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_ascii_digit() || c.is_ascii_alphabetic() {
            let digit = c.is_ascii_digit();
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                let same = if digit {
                    d.is_ascii_digit()
                } else {
                    d.is_ascii_alphabetic()
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            let text = s.get(start..end).unwrap_or("");
            raw.push(if digit {
                Tok::Num(text)
            } else {
                Tok::Word(text)
            });
        } else if c.is_whitespace() {
            while let Some(&(_, d)) = it.peek() {
                if !d.is_whitespace() {
                    break;
                }
                it.next();
            }
            raw.push(Tok::Ws);
        } else {
            raw.push(Tok::Ch(c));
        }
    }
    // Whitespace next to Japanese characters (年, 月, 日, 時, 午後, 令和 ...)
    // carries no meaning: `2024年 1月 5日` and `2024年1月5日13時` are both fine.
    let is_cjk = |t: Option<&Tok<'_>>| matches!(t, Some(Tok::Ch(c)) if !c.is_ascii());
    let mut out = Vec::with_capacity(raw.len());
    for (i, tok) in raw.iter().enumerate() {
        if *tok == Tok::Ws {
            let prev = if i == 0 { None } else { raw.get(i - 1) };
            if is_cjk(prev) || is_cjk(raw.get(i + 1)) {
                continue;
            }
        }
        out.push(*tok);
    }
    out
}

fn skip_ws<'a, 'b>(t: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    match t {
        [Tok::Ws, rest @ ..] => rest,
        _ => t,
    }
}

fn is_date_sep(c: char) -> bool {
    matches!(c, '-' | '/' | '.')
}

// ---------------------------------------------------------------------------
// Dates: calendar parts
// ---------------------------------------------------------------------------

struct Era {
    name: &'static str,
    /// Gregorian year of the era's year 0.
    offset: i32,
    first: NaiveDate,
    last: Option<NaiveDate>,
}

const REIWA: Era = Era {
    name: "令和",
    offset: 2018,
    first: ymd_const(2019, 5, 1),
    last: None,
};
const HEISEI: Era = Era {
    name: "平成",
    offset: 1988,
    first: ymd_const(1989, 1, 8),
    last: Some(ymd_const(2019, 4, 30)),
};
const SHOWA: Era = Era {
    name: "昭和",
    offset: 1925,
    first: ymd_const(1926, 12, 25),
    last: Some(ymd_const(1989, 1, 7)),
};

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::NoSuchDate { year, month, day })
}

fn ymd_text(y: &str, m: &str, d: &str) -> Result<NaiveDate, ValueError> {
    let year = digits_u32(y)
        .and_then(|v| i32::try_from(v).ok())
        .ok_or(ValueError::NotADate)?;
    let month = digits_u32(m).ok_or(ValueError::NotADate)?;
    let day = digits_u32(d).ok_or(ValueError::NotADate)?;
    ymd(year, month, day)
}

/// Resolves `a/b/year` by the date order.
fn resolve_day_month(a: u32, b: u32, year: i32, order: DateOrder) -> Result<NaiveDate, ValueError> {
    match order {
        DateOrder::MonthFirst => ymd(year, a, b),
        DateOrder::DayFirst => ymd(year, b, a),
        DateOrder::YearFirst => {
            if a == b {
                ymd(year, a, b)
            } else if a <= 12 && b <= 12 {
                match (
                    NaiveDate::from_ymd_opt(year, a, b),
                    NaiveDate::from_ymd_opt(year, b, a),
                ) {
                    (Some(month_first), Some(day_first)) => Err(ValueError::AmbiguousDate {
                        month_first,
                        day_first,
                    }),
                    // A zero part: neither reading exists.
                    _ => ymd(year, a, b),
                }
            } else if a > 12 && b <= 12 {
                ymd(year, b, a)
            } else {
                // b > 12 and a <= 12 reads month first; both above 12 is no
                // date at all and is reported in the month-first reading.
                ymd(year, a, b)
            }
        }
    }
}

/// What kind of date form was read; only ISO dash dates may be followed by
/// `T` and a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateForm {
    IsoDash,
    Other,
}

type DatePart<'a, 'b> = (NaiveDate, DateForm, &'b [Tok<'a>]);

fn parse_date_part<'a, 'b>(
    t: &'b [Tok<'a>],
    order: DateOrder,
) -> Result<DatePart<'a, 'b>, ValueError> {
    match t {
        [Tok::Num(a), Tok::Ch(s1), Tok::Num(b), Tok::Ch(s2), Tok::Num(c), rest @ ..]
            if s1 == s2 && is_date_sep(*s1) =>
        {
            if is_digits(a, 4, 4) && is_digits(b, 1, 2) && is_digits(c, 1, 2) {
                let form = if *s1 == '-' {
                    DateForm::IsoDash
                } else {
                    DateForm::Other
                };
                Ok((ymd_text(a, b, c)?, form, rest))
            } else if is_digits(a, 1, 2) && is_digits(b, 1, 2) && is_digits(c, 4, 4) {
                let first = digits_u32(a).ok_or(ValueError::NotADate)?;
                let second = digits_u32(b).ok_or(ValueError::NotADate)?;
                let year = digits_u32(c)
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or(ValueError::NotADate)?;
                Ok((
                    resolve_day_month(first, second, year, order)?,
                    DateForm::Other,
                    rest,
                ))
            } else {
                Err(ValueError::NotADate)
            }
        }
        [Tok::Num(y), Tok::Ch('年'), Tok::Num(m), Tok::Ch('月'), Tok::Num(d), Tok::Ch('日'), rest @ ..]
            if is_digits(y, 4, 4) && is_digits(m, 1, 2) && is_digits(d, 1, 2) =>
        {
            Ok((ymd_text(y, m, d)?, DateForm::Other, rest))
        }
        [Tok::Num(n), rest @ ..] if is_digits(n, 8, 8) => {
            let (y, md) = n.split_at(4);
            let (m, d) = md.split_at(2);
            Ok((ymd_text(y, m, d)?, DateForm::Other, rest))
        }
        _ => parse_era_date(t),
    }
}

fn parse_era_date<'a, 'b>(t: &'b [Tok<'a>]) -> Result<DatePart<'a, 'b>, ValueError> {
    let (era, t) = match t {
        [Tok::Ch('令'), Tok::Ch('和'), rest @ ..] => (&REIWA, rest),
        [Tok::Ch('平'), Tok::Ch('成'), rest @ ..] => (&HEISEI, rest),
        [Tok::Ch('昭'), Tok::Ch('和'), rest @ ..] => (&SHOWA, rest),
        [Tok::Word(w), rest @ ..] if w.eq_ignore_ascii_case("R") => (&REIWA, rest),
        [Tok::Word(w), rest @ ..] if w.eq_ignore_ascii_case("H") => (&HEISEI, rest),
        [Tok::Word(w), rest @ ..] if w.eq_ignore_ascii_case("S") => (&SHOWA, rest),
        _ => return Err(ValueError::NotADate),
    };
    let (era_year, t) = match t {
        [Tok::Num(y), rest @ ..] if is_digits(y, 1, 2) => {
            (digits_u32(y).ok_or(ValueError::NotADate)?, rest)
        }
        [Tok::Ch('元'), rest @ ..] => (1, rest),
        _ => return Err(ValueError::NotADate),
    };
    let (m, d, rest) = match t {
        [Tok::Ch('年'), Tok::Num(m), Tok::Ch('月'), Tok::Num(d), Tok::Ch('日'), rest @ ..] => {
            (*m, *d, rest)
        }
        [Tok::Ch(s1), Tok::Num(m), Tok::Ch(s2), Tok::Num(d), rest @ ..]
            if s1 == s2 && is_date_sep(*s1) =>
        {
            (*m, *d, rest)
        }
        _ => return Err(ValueError::NotADate),
    };
    if !is_digits(m, 1, 2) || !is_digits(d, 1, 2) {
        return Err(ValueError::NotADate);
    }
    let outside = ValueError::OutsideEra {
        era: era.name,
        first: era.first,
        last: era.last,
    };
    if era_year == 0 {
        return Err(outside);
    }
    // era_year has at most two digits, so this cannot overflow.
    let year = era.offset + i32::try_from(era_year).map_err(|_| ValueError::NotADate)?;
    let month = digits_u32(m).ok_or(ValueError::NotADate)?;
    let day = digits_u32(d).ok_or(ValueError::NotADate)?;
    let date = ymd(year, month, day)?;
    if date < era.first || era.last.is_some_and(|last| date > last) {
        return Err(outside);
    }
    Ok((date, DateForm::Other, rest))
}

// ---------------------------------------------------------------------------
// Dates: weekday, time and offset
// ---------------------------------------------------------------------------

fn is_kanji_weekday(c: char) -> bool {
    matches!(c, '月' | '火' | '水' | '木' | '金' | '土' | '日')
}

fn is_english_weekday(w: &str) -> bool {
    const NAMES: [&str; 14] = [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(w))
}

/// Skips a parenthesised weekday such as `(金)`, `(金曜日)` or `(Fri)`. The
/// weekday itself is not checked against the date.
fn skip_weekday<'a, 'b>(t: &'b [Tok<'a>]) -> Result<&'b [Tok<'a>], ValueError> {
    match t {
        [Tok::Ch('('), Tok::Ch(k), Tok::Ch('曜'), Tok::Ch('日'), Tok::Ch(')'), rest @ ..]
        | [Tok::Ch('('), Tok::Ch(k), Tok::Ch('曜'), Tok::Ch(')'), rest @ ..]
        | [Tok::Ch('('), Tok::Ch(k), Tok::Ch(')'), rest @ ..]
            if is_kanji_weekday(*k) =>
        {
            Ok(rest)
        }
        [Tok::Ch('('), Tok::Word(w), Tok::Ch(')'), rest @ ..] if is_english_weekday(w) => Ok(rest),
        _ => Err(ValueError::NotADate),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    /// English AM (suffix).
    Am,
    /// English PM (suffix).
    Pm,
    /// 午前 (prefix).
    AmJa,
    /// 午後 (prefix).
    PmJa,
}

/// The clock parts as written, before AM/PM is applied.
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    nano: u32,
    /// Written with colons (only these may carry a UTC offset).
    colon: bool,
}

fn clock_from(
    h: &str,
    m: Option<&str>,
    s: Option<&str>,
    frac: Option<&str>,
    colon: bool,
) -> Result<Clock, ValueError> {
    let num = |d: Option<&str>| match d {
        None => Ok(0),
        Some(d) => digits_u32(d).ok_or(ValueError::NotADate),
    };
    let nano = match frac {
        None => 0,
        Some(f) => {
            if !is_digits(f, 1, 9) {
                return Err(ValueError::NotADate);
            }
            let value = digits_u32(f).ok_or(ValueError::NotADate)?;
            // f has 1..=9 digits, so the exponent is 0..=8 and fits.
            let scale = 10u32
                .checked_pow(u32::try_from(9 - f.len()).map_err(|_| ValueError::NotADate)?)
                .ok_or(ValueError::NotADate)?;
            value.checked_mul(scale).ok_or(ValueError::NotADate)?
        }
    };
    Ok(Clock {
        hour: num(Some(h))?,
        minute: num(m)?,
        second: num(s)?,
        nano,
        colon,
    })
}

fn parse_clock<'a, 'b>(t: &'b [Tok<'a>]) -> Result<(Clock, &'b [Tok<'a>]), ValueError> {
    let hh = |h: &str| is_digits(h, 1, 2);
    let two = |m: &str| is_digits(m, 2, 2);
    let kanji = |m: &str| is_digits(m, 1, 2);
    match t {
        [Tok::Num(h), Tok::Ch(':'), Tok::Num(m), Tok::Ch(':'), Tok::Num(s), Tok::Ch('.'), Tok::Num(f), rest @ ..]
            if hh(h) && two(m) && two(s) =>
        {
            Ok((clock_from(h, Some(m), Some(s), Some(f), true)?, rest))
        }
        [Tok::Num(h), Tok::Ch(':'), Tok::Num(m), Tok::Ch(':'), Tok::Num(s), rest @ ..]
            if hh(h) && two(m) && two(s) =>
        {
            Ok((clock_from(h, Some(m), Some(s), None, true)?, rest))
        }
        [Tok::Num(h), Tok::Ch(':'), Tok::Num(m), rest @ ..] if hh(h) && two(m) => {
            Ok((clock_from(h, Some(m), None, None, true)?, rest))
        }
        [Tok::Num(h), Tok::Ch('時'), Tok::Num(m), Tok::Ch('分'), Tok::Num(s), Tok::Ch('秒'), rest @ ..]
            if kanji(h) && kanji(m) && kanji(s) =>
        {
            Ok((clock_from(h, Some(m), Some(s), None, false)?, rest))
        }
        [Tok::Num(h), Tok::Ch('時'), Tok::Num(m), Tok::Ch('分'), rest @ ..]
            if kanji(h) && kanji(m) =>
        {
            Ok((clock_from(h, Some(m), None, None, false)?, rest))
        }
        [Tok::Num(h), Tok::Ch('時'), rest @ ..] if kanji(h) => {
            Ok((clock_from(h, None, None, None, false)?, rest))
        }
        _ => Err(ValueError::NotADate),
    }
}

/// Skips a trailing UTC offset (`Z`, `+09:00`, `+0900`, `+09`, `-08:00`),
/// which is dropped: the shop's local wall time is kept. Returns `None` when
/// there is no (valid) offset.
fn skip_offset<'a, 'b>(t: &'b [Tok<'a>]) -> Option<&'b [Tok<'a>]> {
    let valid = |h: &str, m: &str| matches!((digits_u32(h), digits_u32(m)), (Some(h), Some(m)) if h <= 14 && m <= 59);
    match skip_ws(t) {
        [Tok::Word(w), rest @ ..] if w.eq_ignore_ascii_case("Z") => Some(rest),
        [Tok::Ch('+' | '-'), Tok::Num(h), Tok::Ch(':'), Tok::Num(m), rest @ ..]
            if h.len() == 2 && m.len() == 2 && valid(h, m) =>
        {
            Some(rest)
        }
        [Tok::Ch('+' | '-'), Tok::Num(hm), rest @ ..] if hm.len() == 4 => {
            let (h, m) = hm.split_at(2);
            valid(h, m).then_some(rest)
        }
        [Tok::Ch('+' | '-'), Tok::Num(h), rest @ ..] if h.len() == 2 && valid(h, "00") => {
            Some(rest)
        }
        _ => None,
    }
}

fn parse_time<'a, 'b>(t: &'b [Tok<'a>]) -> Result<(NaiveTime, &'b [Tok<'a>]), ValueError> {
    let (mut meridiem, t) = match t {
        [Tok::Ch('午'), Tok::Ch('前'), rest @ ..] => (Some(Meridiem::AmJa), skip_ws(rest)),
        [Tok::Ch('午'), Tok::Ch('後'), rest @ ..] => (Some(Meridiem::PmJa), skip_ws(rest)),
        _ => (None, t),
    };
    let (clock, mut rest) = parse_clock(t)?;
    if meridiem.is_none() {
        if let [Tok::Word(w), more @ ..] = skip_ws(rest) {
            if w.eq_ignore_ascii_case("AM") {
                meridiem = Some(Meridiem::Am);
                rest = more;
            } else if w.eq_ignore_ascii_case("PM") {
                meridiem = Some(Meridiem::Pm);
                rest = more;
            }
        }
    }
    if meridiem.is_none() && clock.colon {
        if let Some(after) = skip_offset(rest) {
            rest = after;
        }
    }
    let no_such = ValueError::NoSuchTime {
        hour: clock.hour,
        minute: clock.minute,
        second: clock.second,
    };
    let hour = match meridiem {
        None => clock.hour,
        Some(_) if clock.hour > 12 => return Err(no_such),
        Some(Meridiem::AmJa | Meridiem::PmJa) if clock.hour == 12 => {
            return Err(ValueError::AmbiguousTime)
        }
        Some(Meridiem::Am | Meridiem::AmJa) => {
            if clock.hour == 12 {
                0
            } else {
                clock.hour
            }
        }
        Some(Meridiem::Pm | Meridiem::PmJa) => {
            if clock.hour == 12 {
                12
            } else {
                clock.hour + 12
            }
        }
    };
    let time = NaiveTime::from_hms_nano_opt(hour, clock.minute, clock.second, clock.nano)
        .ok_or(no_such)?;
    Ok((time, rest))
}

fn parse_after_date(rest: &[Tok<'_>], form: DateForm) -> Result<NaiveTime, ValueError> {
    // ISO `T` separator: directly after an ISO dash date, and a time must follow.
    if let [Tok::Word(w), after @ ..] = rest {
        if w.eq_ignore_ascii_case("T") && form == DateForm::IsoDash {
            let (time, tail) = parse_time(after)?;
            return if tail.is_empty() {
                Ok(time)
            } else {
                Err(ValueError::NotADate)
            };
        }
    }
    let mut r = skip_ws(rest);
    if let [Tok::Ch('('), ..] = r {
        r = skip_ws(skip_weekday(r)?);
    }
    if r.is_empty() {
        return Ok(NaiveTime::MIN);
    }
    let (time, tail) = parse_time(r)?;
    if tail.is_empty() {
        Ok(time)
    } else {
        Err(ValueError::NotADate)
    }
}

/// True for a plain unsigned decimal number (`45296`, `45296.5`) that is not
/// an 8-digit `YYYYMMDD` date.
fn looks_like_serial(t: &str) -> bool {
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let int_ok = !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit());
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    int_ok && frac_ok && !(frac.is_none() && int.len() == 8)
}

/// Reads a text cell that should be a date or a datetime.
///
/// Accepted after NFKC and trimming (full-width digits and punctuation are
/// fine):
/// - ISO: `2024-01-05`, `2024-01-05 13:04`, `2024-01-05 13:04:05`,
///   `2024-01-05T13:04:05`, with optional fractional seconds (up to 9 digits,
///   kept) and an optional trailing `Z`, `+09:00`, `+0900` or `+09` offset
///   (also after a space, as Shopify writes it), which is dropped: the shop's
///   local wall time is kept.
/// - `2024/01/05`, `2024/1/5 13:04`, `2024.01.05`, `20240105`.
/// - `2024年1月5日`, `2024年1月5日 13時04分`, `2024年1月5日13時4分5秒`.
/// - A parenthesised weekday after the date: `2024年01月05日(金)`,
///   `2024/01/05(金曜日) 13:04`, `2024/01/05 (Fri)`. It must be a weekday
///   name, but is not checked against the date.
/// - Japanese eras 令和, 平成 and 昭和, in kanji or as R/H/S: `令和6年1月5日`,
///   `令和元年5月1日`, `R6.1.5`, `H31/4/30`. A date outside its era is
///   [`ValueError::OutsideEra`].
/// - Day/month/year forms with a 4-digit year: `1/5/2024`, `01-05-2024`,
///   `1/5/2024 1:04 PM`, read by `order`. With [`DateOrder::YearFirst`] they
///   are accepted only when unambiguous (one part above 12, or both parts
///   equal); otherwise [`ValueError::AmbiguousDate`].
/// - Times `13:04`, `13:04:05`, `13時04分`, `1:04 PM`, `午後1:04`, `午前0時30分`
///   (`午前12時`/`午後12時` are [`ValueError::AmbiguousTime`]).
/// - When `allow_serial_text` is true, a plain number that looks like an Excel
///   serial of the 1900 date system (`45296`, `45296.5`); when false such a
///   number is [`ValueError::SerialTextNotAllowed`].
///
/// Two-digit years, month names and time-zone names are not accepted. A
/// date-only value is returned at midnight.
pub fn parse_datetime_text(
    s: &str,
    order: DateOrder,
    allow_serial_text: bool,
) -> Result<NaiveDateTime, ValueError> {
    let raw = s.trim();
    if raw.is_empty() {
        return Err(ValueError::Empty);
    }
    if raw.len() > MAX_SHORT_VALUE_BYTES {
        return Err(ValueError::NotADate);
    }
    let normalized = nfkc_numeric(raw)?;
    let t = normalized.trim();
    if t.is_empty() {
        return Err(ValueError::Empty);
    }
    if looks_like_serial(t) {
        if !allow_serial_text {
            return Err(ValueError::SerialTextNotAllowed);
        }
        let serial: f64 = t.parse().map_err(|_| ValueError::NotADate)?;
        return excel_serial_to_datetime(serial, false);
    }
    let toks = tokenize(t);
    let (date, form, rest) = parse_date_part(&toks, order)?;
    let time = parse_after_date(rest, form)?;
    Ok(date.and_time(time))
}

// ---------------------------------------------------------------------------
// Excel serials and the plausibility range
// ---------------------------------------------------------------------------

const SECONDS_PER_DAY: i64 = 86_400;
/// Day 0 for serials 1..=59 of the 1900 system (serial 1 = 1900-01-01).
const EXCEL_1900_EARLY_EPOCH: NaiveDate = ymd_const(1899, 12, 31);
/// Day 0 for serials above 60 (one day earlier, absorbing the fake 1900-02-29).
const EXCEL_1900_EPOCH: NaiveDate = ymd_const(1899, 12, 30);
/// Day 0 of the 1904 system.
const EXCEL_1904_EPOCH: NaiveDate = ymd_const(1904, 1, 1);
/// The last day Excel can show.
const EXCEL_LAST_DAY: NaiveDate = ymd_const(9999, 12, 31);
/// The earliest plausible order date.
pub const EARLIEST_ORDER_DATE: NaiveDate = ymd_const(1990, 1, 1);

/// Converts an Excel serial date to a datetime.
///
/// In the 1900 date system (`date1904 == false`) this reproduces Excel
/// exactly, including its leap-year bug: serials 1..=59 are 1900-01-01 to
/// 1900-02-28, serial 60 is the nonexistent 1900-02-29 and is an error
/// ([`ValueError::ExcelLeapDay1900`]), and serials from 61 (1900-03-01) on
/// are shifted back by one day. In the 1904 system serial 0 is 1904-01-01.
///
/// The fraction is the time of day, rounded to the nearest second (so a
/// fraction that rounds up to midnight moves to the next day). A serial below
/// the first day (1 in the 1900 system, 0 in the 1904 system), beyond
/// 9999-12-31, or not finite is [`ValueError::SerialOutOfRange`].
pub fn excel_serial_to_datetime(serial: f64, date1904: bool) -> Result<NaiveDateTime, ValueError> {
    let out_of_range = ValueError::SerialOutOfRange { date1904 };
    let min = if date1904 { 0.0 } else { 1.0 };
    // The upper guard only keeps the cast below exact; the real upper bound
    // (9999-12-31) is checked on the date.
    if !serial.is_finite() || serial < min || serial >= 3_000_000.0 {
        return Err(out_of_range);
    }
    // In range: at most 2.6e11 seconds, exactly representable and castable.
    let total = (serial * SECONDS_PER_DAY as f64).round() as i64;
    let days = total.div_euclid(SECONDS_PER_DAY);
    let secs = total.rem_euclid(SECONDS_PER_DAY);
    let days_u = u64::try_from(days).map_err(|_| out_of_range.clone())?;
    let date = if date1904 {
        EXCEL_1904_EPOCH.checked_add_days(Days::new(days_u))
    } else if days == 60 {
        return Err(ValueError::ExcelLeapDay1900);
    } else if days < 60 {
        EXCEL_1900_EARLY_EPOCH.checked_add_days(Days::new(days_u))
    } else {
        EXCEL_1900_EPOCH.checked_add_days(Days::new(days_u))
    };
    let date = date
        .filter(|d| *d <= EXCEL_LAST_DAY)
        .ok_or(out_of_range.clone())?;
    let secs = u32::try_from(secs).map_err(|_| out_of_range.clone())?;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).ok_or(out_of_range)?;
    Ok(date.and_time(time))
}

/// The plausibility check the importer applies to every parsed date: the day
/// must lie between [`EARLIEST_ORDER_DATE`] (1990-01-01) and `latest`, both
/// inclusive (any time on `latest` is accepted). Otherwise
/// [`ValueError::DateOutOfRange`].
pub fn check_date_range(d: NaiveDateTime, latest: NaiveDate) -> Result<NaiveDateTime, ValueError> {
    let day = d.date();
    if day >= EARLIEST_ORDER_DATE && day <= latest {
        Ok(d)
    } else {
        Err(ValueError::DateOutOfRange {
            date: d,
            earliest: EARLIEST_ORDER_DATE,
            latest,
        })
    }
}

// ---------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------

/// Reads a money or quantity amount written as text.
///
/// Accepted after NFKC and trimming:
/// - digits with an optional decimal point and at least one digit on each
///   side of it: `12800`, `12800.50`;
/// - commas as thousands separators, only between groups of exactly three
///   digits and only before the decimal point: `12,800`, `1,234,567.5`. A
///   comma is never a decimal point, so `3,39` and `1,20,000` are
///   [`ValueError::BadThousandsSeparator`], and so is a first group starting
///   with 0 (`0,125` is a European decimal);
/// - one currency sign in front (`¥`, `￥`, `$`, `£`, `€`, or `\`, which is how
///   the yen sign shows in Shift_JIS files) or `円` behind, not both;
/// - one negative marker in front of or after the currency sign: `-`, `−`
///   (U+2212), `△` or `▲` (Japanese accounting), or accounting parentheses
///   around the whole amount: `-¥1,200`, `¥-1,200`, `△1,200`, `(1,200)`,
///   `(¥1,200)`. A `+` is allowed and changes nothing.
///
/// Not accepted: spaces (including NBSP and thin spaces) as thousands
/// separators — `1 200` is an error, as it may be two numbers —, exponents
/// (`1.2e3`), `.5` or `5.`, percentages, and magnitudes of 2^53 or more, where
/// an `f64` loses whole units ([`ValueError::AmountTooLarge`]). Empty is
/// [`ValueError::Empty`]. `-0` is returned as `0.0`.
pub fn parse_amount_text(s: &str) -> Result<f64, ValueError> {
    let raw = s.trim();
    if raw.is_empty() {
        return Err(ValueError::Empty);
    }
    if raw.len() > MAX_SHORT_VALUE_BYTES {
        return Err(ValueError::NotAnAmount);
    }
    let normalized = nfkc_numeric(raw)?;
    let mut body = normalized.trim();
    if body.is_empty() {
        return Err(ValueError::Empty);
    }
    let mut negative = false;
    let mut sign_seen = false;
    let mut currency_seen = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        sign_seen = true;
        body = inner.trim();
    }
    loop {
        let mut chars = body.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '-' | '−' | '△' | '▲' | '+' => {
                if sign_seen {
                    return Err(ValueError::NotAnAmount);
                }
                sign_seen = true;
                negative = c != '+';
            }
            '¥' | '$' | '£' | '€' | '\\' => {
                if currency_seen {
                    return Err(ValueError::NotAnAmount);
                }
                currency_seen = true;
            }
            _ => break,
        }
        body = chars.as_str().trim_start();
    }
    if let Some(rest) = body.strip_suffix('円') {
        if currency_seen {
            return Err(ValueError::NotAnAmount);
        }
        body = rest.trim_end();
    }
    let magnitude = parse_plain_decimal(body)?;
    let value = if negative { -magnitude } else { magnitude };
    // Adding zero turns -0.0 into 0.0.
    Ok(value + 0.0)
}

/// `12,800.50` → 12800.5 (no sign, no currency).
fn parse_plain_decimal(body: &str) -> Result<f64, ValueError> {
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(ValueError::NotAnAmount);
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            // Empty fraction, a second point, or a comma after the point.
            return Err(if f.contains(',') {
                ValueError::BadThousandsSeparator
            } else {
                ValueError::NotAnAmount
            });
        }
    }
    if int.is_empty() {
        return Err(ValueError::NotAnAmount);
    }
    let mut plain = String::with_capacity(body.len());
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if !is_digits(first, 1, 3) || first.starts_with('0') {
            return Err(ValueError::BadThousandsSeparator);
        }
        plain.push_str(first);
        for g in groups {
            if !is_digits(g, 3, 3) {
                return Err(ValueError::BadThousandsSeparator);
            }
            plain.push_str(g);
        }
    } else {
        plain.push_str(int);
    }
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    let value: f64 = plain.parse().map_err(|_| ValueError::NotAnAmount)?;
    if !value.is_finite() || value > MAX_EXACT_F64 {
        return Err(ValueError::AmountTooLarge);
    }
    Ok(value)
}

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

/// A number cell read as an id, with the reason when it cannot be one: a
/// whole number below 2^53 in size is written with all its digits and no
/// exponent (`536365.0` → `"536365"`, `1.2345678901e10` → `"12345678901"`);
/// a fraction or a non-finite value is [`ValueError::NotAnId`]; 2^53 or more
/// is [`ValueError::IdNotExact`] (the float no longer holds every digit).
pub fn id_from_float_checked(v: f64) -> Result<String, ValueError> {
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(ValueError::NotAnId);
    }
    if v.abs() > MAX_EXACT_F64 {
        return Err(ValueError::IdNotExact);
    }
    // Whole and at most 2^53: the integer conversion is exact (and -0.0 becomes 0),
    // and integer formatting is much cheaper than float formatting.
    Ok((v as i64).to_string())
}

/// A number cell read as an id; see [`id_from_float_checked`]. `None` when the
/// number cannot be an id (not finite, fractional, or 2^53 and above) — the
/// importer should call the checked form to report why.
pub fn id_from_float(v: f64) -> Option<String> {
    id_from_float_checked(v).ok()
}

/// True for Excel's scientific notation of a large number: `1.23457E+11`,
/// `1E+15`, `-4.5e-07`.
fn is_scientific_notation(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent
        .strip_prefix('+')
        .or_else(|| exponent.strip_prefix('-'))
        .unwrap_or(exponent);
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => is_digits(i, 1, 1) && is_digits(f, 1, 30),
        None => is_digits(mantissa, 1, 1),
    };
    mantissa_ok && is_digits(exponent, 1, 3)
}

/// A text id cell to canonical text, with the reason when its digits are
/// lost: NFKC and trim; a whole number written with a zero fraction
/// (`17850.0`, `17850.00`) loses the fraction; leading zeros are kept;
/// Excel's scientific notation (`1.23457E+11`) is
/// [`ValueError::IdInScientificNotation`]. Empty is `Ok(None)`.
pub fn id_from_text_checked(s: &str) -> Result<Option<String>, ValueError> {
    match id_from_text(s) {
        Some(id) if is_scientific_notation(&id) => Err(ValueError::IdInScientificNotation),
        other => Ok(other),
    }
}

/// A text id cell to canonical text: NFKC and trim; `17850.0` → `"17850"`
/// (only when the fraction is all zeros and the rest all digits); everything
/// else as written. Empty → `None`. Use [`id_from_text_checked`] to reject
/// ids whose digits Excel dropped.
pub fn id_from_text(s: &str) -> Option<String> {
    let normalized = nfkc(s);
    let t = normalized.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((int, frac)) = t.split_once('.') {
        if !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b == b'0')
        {
            return Some(int.to_string());
        }
    }
    Some(t.to_string())
}

// ---------------------------------------------------------------------------
// Customer keys
// ---------------------------------------------------------------------------

/// Which kind a normalised customer key was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Contains `@`.
    Email,
    /// A phone number in canonical form (see [`normalize_customer_key`]).
    Phone,
    /// Anything else: a customer number, a name.
    Id,
}

/// Dash-like characters people type in phone numbers, besides `-`.
fn is_phone_dash(c: char) -> bool {
    matches!(
        c,
        '-' | 'ー' // katakana long mark (half-width ｰ becomes this under NFKC)
            | '−' // minus sign
            | '‐' // hyphen
            | '‑' // non-breaking hyphen
            | '‒' // figure dash
            | '–' // en dash
            | '—' // em dash
            | '―' // horizontal bar
            | '─' // box drawing
            | '━' // heavy box drawing
            | '⁃' // hyphen bullet
    )
}

fn is_phone_len(digits: usize) -> bool {
    (10..=15).contains(&digits)
}

/// The canonical phone form of `collapsed` (already NFKC'd), if it is a phone
/// number: only digits, spaces, dashes, parentheses, dots and a leading `+`;
/// the first digit `0` (domestic) or a leading `+`; 10–15 digits before and
/// after canonicalisation.
fn canonical_phone(collapsed: &str) -> Option<String> {
    let (plus, body) = match collapsed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, collapsed),
    };
    let mut digits = String::with_capacity(body.len());
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !(c == ' ' || c == '(' || c == ')' || c == '.' || is_phone_dash(c)) {
            return None;
        }
    }
    if !is_phone_len(digits.len()) {
        return None;
    }
    let canonical = if plus {
        if digits.starts_with('0') {
            return None;
        }
        match digits.strip_prefix("81") {
            // +81 90-1234-5678 → 09012345678; +81 (0)90 ... keeps its 0.
            Some(national) if national.starts_with('0') => national.to_string(),
            Some(national) => format!("0{national}"),
            None => format!("+{digits}"),
        }
    } else if digits.starts_with('0') {
        digits
    } else {
        return None;
    };
    (classify_customer_key(&canonical) == KeyKind::Phone).then_some(canonical)
}

/// Normalises a customer key (e-mail, phone number or customer id) so the
/// same customer gets the same key across files.
///
/// NFKC, trim and collapse inner whitespace to one space. Then:
/// - containing `@`: an e-mail, lower-cased entirely
///   (`  Taro@Example.COM ` → `taro@example.com`);
/// - a phone number — only digits, spaces, dashes (including `ー − ‐ – — ―`),
///   parentheses, dots and a leading `+`, with 10–15 digits, starting with
///   `0` or `+` — keeps its digits only (`０９０−１２３４−５６７８` →
///   `09012345678`); `+81` becomes `0` (`+81 90-1234-5678` → `09012345678`);
///   another country code keeps its `+` (`+1 415 555 1234` → `+14155551234`),
///   so it cannot collide with a domestic number or a customer id;
/// - anything else: the NFKC'd, trimmed, collapsed text, case kept.
///
/// Empty → `None`. Digits that NFKC makes out of other characters (`①`)
/// never make a phone number.
pub fn normalize_customer_key(s: &str) -> Option<String> {
    let normalized = nfkc(s);
    let collapsed = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    if collapsed.contains('@') {
        // NFKC again: lower-casing can leave a non-NFKC sequence.
        return Some(nfkc(&collapsed.to_lowercase()));
    }
    if first_unusual_digit(s).is_none() {
        if let Some(phone) = canonical_phone(&collapsed) {
            return Some(phone);
        }
    }
    Some(collapsed)
}

/// Which kind a key returned by [`normalize_customer_key`] is: `Email` if it
/// contains `@`; `Phone` if it is 10–15 digits starting with `0`, or `+`
/// followed by 10–15 digits not starting with `0`; otherwise `Id`.
pub fn classify_customer_key(normalized: &str) -> KeyKind {
    if normalized.contains('@') {
        return KeyKind::Email;
    }
    let all_digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let phone = match normalized.strip_prefix('+') {
        Some(d) => all_digits(d) && is_phone_len(d.len()) && !d.starts_with('0'),
        None => {
            all_digits(normalized) && is_phone_len(normalized.len()) && normalized.starts_with('0')
        }
    };
    if phone {
        KeyKind::Phone
    } else {
        KeyKind::Id
    }
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// Cleans a free-text cell (names, addresses, product titles, comments).
///
/// NFKC is *not* applied: names are kept exactly as typed (`髙橋` stays
/// `髙橋`, half-width katakana stays half-width). Line breaks are unified to
/// `\n` (`\r\n` and a lone `\r` both become `\n`); other control characters
/// (C0 and C1, except `\n` and `\t`) and byte-order marks (U+FEFF) are
/// removed; the result is trimmed. It is then capped at 32,767 — Excel's cell
/// limit, counted as Excel and the xlsx writer count it, in UTF-16 code units
/// (a character outside the BMP, such as most emoji, counts two), never
/// splitting a character. Returns the text and whether it was truncated.
pub fn clean_text(s: &str) -> (String, bool) {
    // Fast path: no control character, no BOM, no C1 control (U+0080–U+009F),
    // and short enough: the text only needs trimming.
    let bytes = s.as_bytes();
    let plain = bytes.len() <= MAX_TEXT_UNITS
        && !bytes.iter().any(|&b| b < 0x20 || b == 0x7F)
        && !s.contains('\u{FEFF}')
        && !bytes
            .windows(2)
            .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]));
    if plain {
        return (s.trim().to_string(), false);
    }
    let mut cleaned = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cleaned.push('\n');
            }
            '\n' | '\t' => cleaned.push(c),
            '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => cleaned.push(c),
        }
    }
    let trimmed = cleaned.trim();
    let mut units = 0usize;
    for (i, c) in trimmed.char_indices() {
        units += c.len_utf16();
        if units > MAX_TEXT_UNITS {
            let kept = trimmed.get(..i).unwrap_or("");
            return (kept.to_string(), true);
        }
    }
    (trimmed.to_string(), false)
}

// ---------------------------------------------------------------------------
// Statuses, yes/no, NPS
// ---------------------------------------------------------------------------

pub use crate::model::OrderStatus;

const CANCELLED_MARKERS: &[&str] = &[
    "キャンセル",
    "キャンセル済",
    "キャンセル済み",
    "キャンセル確定",
    "キャンセル完了",
    "キャンセル処理済",
    "キャンセル処理済み",
    "注文キャンセル",
    "取消",
    "取消し",
    "取消済",
    "取消済み",
    "取消完了",
    "取り消し",
    "取り消し済",
    "取り消し済み",
    "cancelled",
    "canceled",
    "cancel",
    "voided",
    "void",
];

const RETURNED_MARKERS: &[&str] = &[
    "返品",
    "返品済",
    "返品済み",
    "返品完了",
    "返金",
    "返金済",
    "返金済み",
    "返金完了",
    "返品・返金",
    "returned",
    "refunded",
];

/// Reads a status cell. NFKC, case-insensitive; spaces, `_` and `-` are
/// ignored. The whole cell must be one of the markers:
/// - cancelled: キャンセル, キャンセル済(み), キャンセル確定, キャンセル完了,
///   取消, 取消し, 取消済(み), 取り消し, 取り消し済(み), cancelled, canceled,
///   voided (and a few close variants);
/// - returned: 返品, 返金, 返品済(み), 返金済(み), 返品完了, 返金完了, returned,
///   refunded — a refund in full undoes the sale like a return does;
/// - everything else is `Normal`: 発送済み, 完了, 新規受付, paid, fulfilled,
///   the empty cell, and partial refunds or returns (`partially_refunded`,
///   `一部返金`, `一部キャンセル`), since the order itself still stands.
pub fn parse_status(s: &str) -> OrderStatus {
    let key: String = nfkc(s)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect();
    if CANCELLED_MARKERS.contains(&key.as_str()) {
        OrderStatus::Cancelled
    } else if RETURNED_MARKERS.contains(&key.as_str()) {
        OrderStatus::Returned
    } else {
        OrderStatus::Normal
    }
}

/// Reads a yes/no cell (ブランドタグ有無, 画像あり ...). NFKC,
/// case-insensitive, trimmed.
/// - yes: `1`, `true`, `yes`, `y`, `あり`, `有り`, `有`, `○`, `◯`, `〇`, `✓`,
///   `✔`, `☑`, `はい`
/// - no: `0`, `false`, `no`, `n`, `なし`, `無し`, `無`, `×`, `✕`, `✗`, `✘`,
///   `いいえ`
///
/// Empty is [`ValueError::Empty`]; anything else (including `x`, which
/// means "checked" on some forms and "no" on others) is
/// [`ValueError::NotABool`].
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    let key = nfkc(s).trim().to_lowercase();
    match key.as_str() {
        "" => Err(ValueError::Empty),
        "1" | "true" | "yes" | "y" | "あり" | "有り" | "有" | "○" | "◯" | "〇" | "✓" | "✔"
        | "☑" | "はい" => Ok(true),
        "0" | "false" | "no" | "n" | "なし" | "無し" | "無" | "×" | "✕" | "✗" | "✘" | "いいえ" => {
            Ok(false)
        }
        _ => Err(ValueError::NotABool),
    }
}

/// Reads an NPS score (0–10). Full-width digits and a trailing `点` are
/// accepted (`１０点`), as is a zero fraction (`7.0`, as a number cell may be
/// written). A fraction (`7.5`) or other text is
/// [`ValueError::NotAnNpsScore`]; a whole number outside 0–10 (including a
/// negative one) is [`ValueError::NpsScoreOutOfRange`].
pub fn parse_nps_score(s: &str) -> Result<u8, ValueError> {
    let raw = s.trim();
    if raw.is_empty() {
        return Err(ValueError::Empty);
    }
    if raw.len() > MAX_SHORT_VALUE_BYTES {
        return Err(ValueError::NotAnNpsScore);
    }
    let normalized = nfkc_numeric(raw)?;
    let t = normalized.trim();
    if t.is_empty() {
        return Err(ValueError::Empty);
    }
    let t = t.strip_suffix('点').map_or(t, str::trim_end);
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let int = match t.split_once('.') {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        Some(_) => return Err(ValueError::NotAnNpsScore),
        None => t,
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotAnNpsScore);
    }
    let significant = int.trim_start_matches('0');
    if significant.is_empty() {
        return Ok(0);
    }
    if negative || significant.len() > 2 {
        return Err(ValueError::NpsScoreOutOfRange);
    }
    match significant.parse::<u8>() {
        Ok(v) if v <= 10 => Ok(v),
        _ => Err(ValueError::NpsScoreOutOfRange),
    }
}

// ---------------------------------------------------------------------------
// Fuzzing
// ---------------------------------------------------------------------------

/// Feeds arbitrary bytes (as lossy UTF-8, and 8-byte chunks as `f64`) to every
/// parser and checks the invariants that must hold for any input. Meant for a
/// cargo-fuzz target; it panics only if a parser panics or breaks an
/// invariant.
pub fn fuzz_all(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let latest = ymd_const(2100, 12, 31);
    for order in [
        DateOrder::YearFirst,
        DateOrder::MonthFirst,
        DateOrder::DayFirst,
    ] {
        for allow in [false, true] {
            match parse_datetime_text(&s, order, allow) {
                Ok(dt) => {
                    let _ = check_date_range(dt, latest);
                    let _ = check_date_range(dt, NaiveDate::MIN);
                    assert!((0..=9999).contains(&dt.year()));
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
    let mut floats: Vec<f64> = data
        .chunks_exact(8)
        .filter_map(|c| <[u8; 8]>::try_from(c).ok())
        .map(f64::from_le_bytes)
        .collect();
    if let Ok(v) = s.trim().parse::<f64>() {
        floats.push(v);
    }
    for v in floats {
        for date1904 in [false, true] {
            match excel_serial_to_datetime(v, date1904) {
                Ok(dt) => assert!(dt.date() <= EXCEL_LAST_DAY),
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
        if let Some(id) = id_from_float(v) {
            assert!(!id.is_empty() && !id.contains(['e', 'E']));
        }
    }
    match parse_amount_text(&s) {
        Ok(v) => assert!(v.is_finite() && v.abs() <= MAX_EXACT_F64),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if let Some(id) = id_from_text(&s) {
        assert!(!id.is_empty());
    }
    let _ = id_from_text_checked(&s);
    if let Some(key) = normalize_customer_key(&s) {
        assert!(!key.is_empty());
        let _ = classify_customer_key(&key);
    }
    let _ = classify_customer_key(&s);
    let (text, truncated) = clean_text(&s);
    assert!(text.encode_utf16().count() <= MAX_TEXT_UNITS);
    assert!(truncated || text.chars().count() <= s.chars().count());
    let _ = parse_status(&s);
    let _ = parse_bool(&s);
    if let Ok(score) = parse_nps_score(&s) {
        assert!(score <= 10);
    }
}

/// Checks, on one cell's text, the promises the parsers above make for any
/// input, and panics naming the input when one is broken:
/// - nothing panics, and every error names what was expected;
/// - stray spaces around a cell (including U+3000) never change what it
///   reads as, and neither does typing ASCII text in its full-width forms
///   (`２０２４／０１／０５`, `￥１２，８００`), within the parsers' length limit;
/// - a date lies in the years 0–9999; reading plain numbers as Excel serials
///   only adds readings; [`DateOrder::YearFirst`] never picks one of two
///   valid day/month readings, and accepts only what an explicit order reads
///   the same way;
/// - an amount is finite, at most 2^53 in size and never `-0`, and its
///   thousands separators do not change it; an NPS score is 0–10;
/// - a number read as an Excel serial or an id is read exactly;
/// - ids, customer keys and cleaned text are canonical: trimmed, and read
///   again they stay the same (so a key copied out of the app finds the same
///   customer; checked for keys typed without `①`-like digits, which are
///   deliberately not read as phone numbers); an e-mail key has no
///   upper-case letters;
/// - status and yes/no cells ignore ASCII case (statuses also `_` and `-`).
///
/// Shared by the cargo-fuzz target (`fuzz/fuzz_targets/values.rs`) and the
/// stable property test (`import/values_fuzz_tests.rs`). Pure.
#[doc(hidden)]
pub fn fuzz_check(input: &str) {
    let padded = format!(" {input}\u{3000}");
    let wide = input.is_ascii().then(|| to_full_width(input));
    // The date, amount and score parsers refuse inputs over their byte limit,
    // and full-width forms take three bytes each.
    let wide_short = wide
        .as_deref()
        .filter(|w| w.trim().len() <= MAX_SHORT_VALUE_BYTES);
    fuzz_check_dates(input, &padded, wide_short);
    fuzz_check_amounts(input, &padded, wide_short);
    fuzz_check_serials(input);
    fuzz_check_ids_and_keys(input, &padded, wide.as_deref());
    fuzz_check_text(input, &padded);
    fuzz_check_flags(input, &padded, wide.as_deref());
}

/// ASCII text as a Japanese IME types it in full-width mode: `!`–`~` as
/// U+FF01–U+FF5E and the space as U+3000 (NFKC maps them all back).
fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The input as a failed check names it: whole when short, else its start.
fn shown(input: &str) -> String {
    if input.chars().count() <= 80 {
        format!("{input:?}")
    } else {
        let start: String = input.chars().take(60).collect();
        format!("{start:?}… ({} bytes)", input.len())
    }
}

fn fuzz_check_dates(input: &str, padded: &str, wide: Option<&str>) {
    let s = shown(input);
    for allow in [false, true] {
        let read = |s: &str, order| parse_datetime_text(s, order, allow);
        let year_first = read(input, DateOrder::YearFirst);
        let month_first = read(input, DateOrder::MonthFirst);
        let day_first = read(input, DateOrder::DayFirst);
        for (order, result) in [
            (DateOrder::YearFirst, &year_first),
            (DateOrder::MonthFirst, &month_first),
            (DateOrder::DayFirst, &day_first),
        ] {
            match result {
                Ok(dt) => {
                    assert!((0..=9999).contains(&dt.year()), "{s}: year {dt}");
                    let _ = check_date_range(*dt, EXCEL_LAST_DAY);
                    if !allow {
                        assert_eq!(
                            parse_datetime_text(input, order, true).as_ref(),
                            Ok(dt),
                            "{s}: accepting serials changed a reading"
                        );
                    }
                }
                Err(e) => assert!(!e.to_string().is_empty() && !e.code().is_empty()),
            }
            assert_eq!(
                &read(padded, order),
                result,
                "{s}: padding changed the date"
            );
            if let Some(w) = wide {
                assert_eq!(&read(w, order), result, "{s}: full-width differs");
            }
        }
        if let Ok(d) = &year_first {
            assert!(
                month_first.as_ref() == Ok(d) || day_first.as_ref() == Ok(d),
                "{s}: year-first read {d}, which neither explicit order reads"
            );
        }
        if let (Ok(m), Ok(d)) = (&month_first, &day_first) {
            if m != d {
                assert!(
                    year_first.is_err(),
                    "{s}: year-first picked one of {m} and {d}"
                );
            }
        }
        if let Err(ValueError::AmbiguousDate {
            month_first: m,
            day_first: d,
        }) = &year_first
        {
            assert_ne!(m, d, "{s}: an ambiguity between equal days");
            if let Ok(x) = &month_first {
                assert_eq!(x.date(), *m, "{s}: month-first reading");
            }
            if let Ok(x) = &day_first {
                assert_eq!(x.date(), *d, "{s}: day-first reading");
            }
        }
    }
}

fn fuzz_check_amounts(input: &str, padded: &str, wide: Option<&str>) {
    let s = shown(input);
    let amount = parse_amount_text(input);
    match &amount {
        Ok(v) => {
            assert!(v.is_finite() && v.abs() <= MAX_EXACT_F64, "{s}: {v}");
            assert!(!(*v == 0.0 && v.is_sign_negative()), "{s}: -0");
            if input.is_ascii() && input.contains(',') {
                assert_eq!(
                    parse_amount_text(&input.replace(',', "")).as_ref(),
                    Ok(v),
                    "{s}: the thousands separators changed the amount"
                );
            }
        }
        Err(e) => assert!(!e.to_string().is_empty() && !e.code().is_empty()),
    }
    assert_eq!(parse_amount_text(padded), amount, "{s}: padding");
    let score = parse_nps_score(input);
    if let Ok(s) = score {
        assert!(s <= 10, "{s}: score {s}");
    }
    assert_eq!(parse_nps_score(padded), score, "{s}: padding");
    if let Some(w) = wide {
        assert_eq!(parse_amount_text(w), amount, "{s}: full-width");
        assert_eq!(parse_nps_score(w), score, "{s}: full-width");
    }
}

fn fuzz_check_serials(input: &str) {
    let Ok(v) = input.trim().parse::<f64>() else {
        return;
    };
    let s = shown(input);
    let day = |epoch: NaiveDate, n: f64| epoch.checked_add_days(Days::new(n as u64));
    for date1904 in [false, true] {
        let read = excel_serial_to_datetime(v, date1904);
        if let Ok(dt) = &read {
            let first = if date1904 {
                EXCEL_1904_EPOCH
            } else {
                ymd_const(1900, 1, 1)
            };
            assert!(
                dt.date() >= first && dt.date() <= EXCEL_LAST_DAY,
                "{s}: serial read as {dt}"
            );
        }
        if !v.is_finite() {
            assert!(read.is_err(), "{s}: a non-finite serial was read");
        } else if v.fract() == 0.0 {
            // Whole serials are whole days, exactly as Excel shows them.
            let expected = match (date1904, v) {
                (true, v) if (0.0..=2_957_003.0).contains(&v) => day(EXCEL_1904_EPOCH, v),
                (false, v) if (1.0..=59.0).contains(&v) => day(EXCEL_1900_EARLY_EPOCH, v),
                (false, v) if (61.0..=2_958_465.0).contains(&v) => day(EXCEL_1900_EPOCH, v),
                _ => None,
            };
            if let Some(date) = expected {
                assert_eq!(read, Ok(date.and_time(NaiveTime::MIN)), "{s}");
            }
            if !date1904 && v == 60.0 {
                assert_eq!(read, Err(ValueError::ExcelLeapDay1900), "{s}");
            }
        }
    }
    match id_from_float_checked(v) {
        Ok(id) => {
            assert!(!id.contains(['e', 'E', '.']), "{s}: id {id}");
            assert_eq!(id.parse::<f64>().ok(), Some(v), "{s}: id {id} lost digits");
        }
        Err(e) => assert!(
            !v.is_finite() || v.fract() != 0.0 || v.abs() > MAX_EXACT_F64,
            "{s}: refused as {e:?}"
        ),
    }
}

fn fuzz_check_ids_and_keys(input: &str, padded: &str, wide: Option<&str>) {
    let s = shown(input);
    let id = id_from_text(input);
    if let Some(id) = &id {
        assert!(!id.is_empty() && id.trim() == id, "{s}: id {id:?}");
        assert_eq!(id_from_text(id).as_ref(), Some(id), "{s}: id not canonical");
    }
    match id_from_text_checked(input) {
        Ok(checked) => assert_eq!(checked, id, "{s}"),
        Err(e) => assert_eq!(e, ValueError::IdInScientificNotation, "{s}"),
    }
    assert_eq!(id_from_text(padded), id, "{s}: padding changed the id");
    let key = normalize_customer_key(input);
    if let Some(key) = &key {
        assert!(!key.is_empty() && key.trim() == key, "{s}: key {key:?}");
        assert!(
            !key.contains("  ") && !key.chars().any(|c| c.is_whitespace() && c != ' '),
            "{s}: whitespace in key {key:?} not collapsed"
        );
        if classify_customer_key(key) == KeyKind::Email {
            assert!(
                !key.chars().any(|c| c.is_ascii_uppercase()),
                "{s}: e-mail key {key:?} not lower-cased"
            );
        }
        // Digits NFKC makes out of ① and the like are deliberately not read
        // as a phone number the first time, so only ordinary keys are checked.
        if first_unusual_digit(input).is_none() {
            assert_eq!(
                normalize_customer_key(key).as_ref(),
                Some(key),
                "{s}: key {key:?} not canonical"
            );
        }
    }
    assert_eq!(
        normalize_customer_key(padded),
        key,
        "{s}: padding changed the key"
    );
    if let Some(w) = wide {
        assert_eq!(id_from_text(w), id, "{s}: full-width id");
        assert_eq!(normalize_customer_key(w), key, "{s}: full-width key");
    }
}

fn fuzz_check_text(input: &str, padded: &str) {
    let s = shown(input);
    let (text, truncated) = clean_text(input);
    assert!(
        text.encode_utf16().count() <= MAX_TEXT_UNITS,
        "{s}: too long"
    );
    assert!(
        !text
            .chars()
            .any(|c| c == '\u{FEFF}' || (c.is_control() && c != '\n' && c != '\t')),
        "{s}: control characters kept in {text:?}"
    );
    // Trimmed, then capped: only a cut text may end in whitespace.
    assert_eq!(text.trim_start(), text, "{s}: not trimmed");
    let again = clean_text(&text);
    if truncated {
        assert!(input.encode_utf16().count() > MAX_TEXT_UNITS, "{s}: cut");
        assert_eq!(
            again,
            (text.trim_end().to_string(), false),
            "{s}: not canonical"
        );
    } else {
        assert_eq!(text.trim_end(), text, "{s}: not trimmed");
        assert_eq!(again, (text.clone(), false), "{s}: not canonical");
    }
    assert_eq!(clean_text(padded), (text, truncated), "{s}: padding");
}

fn fuzz_check_flags(input: &str, padded: &str, wide: Option<&str>) {
    let s = shown(input);
    let status = parse_status(input);
    assert_eq!(parse_status(padded), status, "{s}: padding");
    assert_eq!(
        parse_status(&input.to_ascii_uppercase()),
        status,
        "{s}: case"
    );
    assert_eq!(parse_status(&format!("_{input}-")), status, "{s}: _ and -");
    let flag = parse_bool(input);
    assert_eq!(parse_bool(padded), flag, "{s}: padding");
    assert_eq!(parse_bool(&input.to_ascii_uppercase()), flag, "{s}: case");
    if let Some(w) = wide {
        assert_eq!(parse_status(w), status, "{s}: full-width");
        assert_eq!(parse_bool(w), flag, "{s}: full-width");
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn dt(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, mi, s).expect("test datetime")
    }

    fn dt_nano(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32, nano: u32) -> NaiveDateTime {
        d(y, m, day)
            .and_hms_nano_opt(h, mi, s, nano)
            .expect("test datetime")
    }

    fn no_date(year: i32, month: u32, day: u32) -> ValueError {
        ValueError::NoSuchDate { year, month, day }
    }

    fn no_time(hour: u32, minute: u32, second: u32) -> ValueError {
        ValueError::NoSuchTime {
            hour,
            minute,
            second,
        }
    }

    fn check_date(input: &str, order: DateOrder, expected: Result<NaiveDateTime, ValueError>) {
        assert_eq!(
            parse_datetime_text(input, order, false),
            expected,
            "input {input:?} with {order:?}"
        );
    }

    // ----- dates: accepted forms -----

    #[test]
    fn dates_iso_forms() {
        let cases: &[(&str, NaiveDateTime)] = &[
            ("2024-01-05", dt(2024, 1, 5, 0, 0, 0)),
            ("2024-1-5", dt(2024, 1, 5, 0, 0, 0)),
            ("2024-01-05 13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("2024-01-05 13:04:05", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("2024-01-05t13:04:05", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05Z", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05+09:00", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05-08:00", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05+0900", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05T13:04:05+09", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05 13:04:05 +0900", dt(2024, 1, 5, 13, 4, 5)),
            ("2024-01-05 13:04 +09:00", dt(2024, 1, 5, 13, 4, 0)),
            ("2024-01-05 8:26", dt(2024, 1, 5, 8, 26, 0)),
            ("2024-01-05 00:00:00", dt(2024, 1, 5, 0, 0, 0)),
            ("2024-01-05 23:59:59", dt(2024, 1, 5, 23, 59, 59)),
            ("  2024-01-05  ", dt(2024, 1, 5, 0, 0, 0)),
            ("\u{3000}2024-01-05\u{3000}", dt(2024, 1, 5, 0, 0, 0)),
            ("2024-02-29", dt(2024, 2, 29, 0, 0, 0)),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Ok(*expected));
        }
    }

    #[test]
    fn dates_fractional_seconds_are_kept() {
        let cases: &[(&str, NaiveDateTime)] = &[
            (
                "2024-01-05T13:04:05.5Z",
                dt_nano(2024, 1, 5, 13, 4, 5, 500_000_000),
            ),
            (
                "2024-01-05T13:04:05.123+09:00",
                dt_nano(2024, 1, 5, 13, 4, 5, 123_000_000),
            ),
            (
                "2024-01-05 13:04:05.123456",
                dt_nano(2024, 1, 5, 13, 4, 5, 123_456_000),
            ),
            (
                "2024-01-05T13:04:05.123456789Z",
                dt_nano(2024, 1, 5, 13, 4, 5, 123_456_789),
            ),
            ("2024-01-05T13:04:05.000Z", dt(2024, 1, 5, 13, 4, 5)),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Ok(*expected));
        }
    }

    #[test]
    fn dates_slash_dot_and_compact_forms() {
        let cases: &[(&str, NaiveDateTime)] = &[
            ("2024/01/05", dt(2024, 1, 5, 0, 0, 0)),
            ("2024/1/5", dt(2024, 1, 5, 0, 0, 0)),
            ("2024/1/5 13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("2024/01/05 13:04:05", dt(2024, 1, 5, 13, 4, 5)),
            ("2024.01.05", dt(2024, 1, 5, 0, 0, 0)),
            ("2024.1.5 9:00", dt(2024, 1, 5, 9, 0, 0)),
            ("20240105", dt(2024, 1, 5, 0, 0, 0)),
            ("20240105 13:04", dt(2024, 1, 5, 13, 4, 0)),
            // Full-width digits, slash, colon and ideographic space.
            ("２０２４／０１／０５　１３：０４", dt(2024, 1, 5, 13, 4, 0)),
            ("２０２４０１０５", dt(2024, 1, 5, 0, 0, 0)),
            ("２０２４－０１－０５", dt(2024, 1, 5, 0, 0, 0)),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Ok(*expected));
        }
    }

    #[test]
    fn dates_japanese_forms() {
        let cases: &[(&str, NaiveDateTime)] = &[
            ("2024年1月5日", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日", dt(2024, 1, 5, 0, 0, 0)),
            ("2024 年 1 月 5 日", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年1月5日 13時04分", dt(2024, 1, 5, 13, 4, 0)),
            ("2024年1月5日13時4分5秒", dt(2024, 1, 5, 13, 4, 5)),
            ("2024年1月5日 13時", dt(2024, 1, 5, 13, 0, 0)),
            ("2024年1月5日 13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("2024年01月05日(金)", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日（金）", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日(金曜日)", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日(金曜)", dt(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日（金） 13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("2024/01/05(金) 13:04:05", dt(2024, 1, 5, 13, 4, 5)),
            ("2024/01/05 (Fri)", dt(2024, 1, 5, 0, 0, 0)),
            ("2024/01/05 (friday) 09:30", dt(2024, 1, 5, 9, 30, 0)),
            ("２０２４年１月５日", dt(2024, 1, 5, 0, 0, 0)),
            // Weekday is not checked against the date.
            ("2024年01月05日(月)", dt(2024, 1, 5, 0, 0, 0)),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Ok(*expected));
        }
    }

    #[test]
    fn dates_japanese_eras() {
        let cases: &[(&str, NaiveDateTime)] = &[
            ("令和6年1月5日", dt(2024, 1, 5, 0, 0, 0)),
            ("令和06年01月05日", dt(2024, 1, 5, 0, 0, 0)),
            ("令和 6年 1月 5日", dt(2024, 1, 5, 0, 0, 0)),
            ("令和元年5月1日", dt(2019, 5, 1, 0, 0, 0)),
            ("令和6年1月5日 13時04分", dt(2024, 1, 5, 13, 4, 0)),
            ("令和6年1月5日(金)", dt(2024, 1, 5, 0, 0, 0)),
            ("㋿6年1月5日", dt(2024, 1, 5, 0, 0, 0)),
            ("R6.1.5", dt(2024, 1, 5, 0, 0, 0)),
            ("R06.01.05", dt(2024, 1, 5, 0, 0, 0)),
            ("r6/1/5", dt(2024, 1, 5, 0, 0, 0)),
            ("R6-1-5 13:04", dt(2024, 1, 5, 13, 4, 0)),
            ("Ｒ６．１．５", dt(2024, 1, 5, 0, 0, 0)),
            ("令和6.1.5", dt(2024, 1, 5, 0, 0, 0)),
            ("R6年1月5日", dt(2024, 1, 5, 0, 0, 0)),
            ("平成31年4月30日", dt(2019, 4, 30, 0, 0, 0)),
            ("H31.4.30", dt(2019, 4, 30, 0, 0, 0)),
            ("平成元年1月8日", dt(1989, 1, 8, 0, 0, 0)),
            ("㍻2年3月4日", dt(1990, 3, 4, 0, 0, 0)),
            ("H2.3.4", dt(1990, 3, 4, 0, 0, 0)),
            ("昭和64年1月7日", dt(1989, 1, 7, 0, 0, 0)),
            ("S63.12.31", dt(1988, 12, 31, 0, 0, 0)),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Ok(*expected));
        }
    }

    #[test]
    fn dates_japanese_era_boundaries_rejected() {
        let outside = |era: &Era| ValueError::OutsideEra {
            era: era.name,
            first: era.first,
            last: era.last,
        };
        let cases: &[(&str, ValueError)] = &[
            ("令和元年4月30日", outside(&REIWA)),
            ("R1.4.30", outside(&REIWA)),
            ("令和0年5月1日", outside(&REIWA)),
            ("平成31年5月1日", outside(&HEISEI)),
            ("平成32年1月1日", outside(&HEISEI)),
            ("平成元年1月7日", outside(&HEISEI)),
            ("昭和64年1月8日", outside(&SHOWA)),
            ("平成31年2月29日", no_date(2019, 2, 29)),
            ("令和6年13月1日", no_date(2024, 13, 1)),
            ("令和123年1月1日", ValueError::NotADate),
            ("令和6年1月", ValueError::NotADate),
            ("X6.1.5", ValueError::NotADate),
            ("R6.1/5", ValueError::NotADate),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Err(expected.clone()));
        }
    }

    #[test]
    fn dates_meridiem() {
        let cases: &[(&str, DateOrder, NaiveDateTime)] = &[
            (
                "2024/01/05 午後1:04",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 13, 4, 0),
            ),
            (
                "2024/01/05 午後 1:04:05",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 13, 4, 5),
            ),
            (
                "2024/01/05 午前0:30",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 0, 30, 0),
            ),
            (
                "2024/01/05 午前11時59分",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 11, 59, 0),
            ),
            (
                "2024/01/05 午後0時30分",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 12, 30, 0),
            ),
            (
                "2024-01-05 1:04 PM",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 13, 4, 0),
            ),
            (
                "2024-01-05 1:04pm",
                DateOrder::YearFirst,
                dt(2024, 1, 5, 13, 4, 0),
            ),
            (
                "1/5/2024 1:04 PM",
                DateOrder::MonthFirst,
                dt(2024, 1, 5, 13, 4, 0),
            ),
            (
                "1/5/2024 1:04 PM",
                DateOrder::DayFirst,
                dt(2024, 5, 1, 13, 4, 0),
            ),
            (
                "1/5/2024 12:00 AM",
                DateOrder::MonthFirst,
                dt(2024, 1, 5, 0, 0, 0),
            ),
            (
                "1/5/2024 12:00 PM",
                DateOrder::MonthFirst,
                dt(2024, 1, 5, 12, 0, 0),
            ),
            (
                "1/5/2024 11:59:59 PM",
                DateOrder::MonthFirst,
                dt(2024, 1, 5, 23, 59, 59),
            ),
            (
                "1/5/2024 9:15 am",
                DateOrder::MonthFirst,
                dt(2024, 1, 5, 9, 15, 0),
            ),
        ];
        for (input, order, expected) in cases {
            check_date(input, *order, Ok(*expected));
        }
    }

    #[test]
    fn dates_day_month_orders() {
        let cases: &[(&str, DateOrder, Result<NaiveDateTime, ValueError>)] = &[
            // The ambiguous case with each order.
            (
                "03/04/2024",
                DateOrder::YearFirst,
                Err(ValueError::AmbiguousDate {
                    month_first: d(2024, 3, 4),
                    day_first: d(2024, 4, 3),
                }),
            ),
            (
                "03/04/2024",
                DateOrder::MonthFirst,
                Ok(dt(2024, 3, 4, 0, 0, 0)),
            ),
            (
                "03/04/2024",
                DateOrder::DayFirst,
                Ok(dt(2024, 4, 3, 0, 0, 0)),
            ),
            (
                "1/5/2024 1:04 PM",
                DateOrder::YearFirst,
                Err(ValueError::AmbiguousDate {
                    month_first: d(2024, 1, 5),
                    day_first: d(2024, 5, 1),
                }),
            ),
            (
                "01-05-2024",
                DateOrder::MonthFirst,
                Ok(dt(2024, 1, 5, 0, 0, 0)),
            ),
            (
                "01-05-2024",
                DateOrder::DayFirst,
                Ok(dt(2024, 5, 1, 0, 0, 0)),
            ),
            ("1.5.2024", DateOrder::DayFirst, Ok(dt(2024, 5, 1, 0, 0, 0))),
            // UCI Online Retail style.
            (
                "12/1/2010 8:26",
                DateOrder::MonthFirst,
                Ok(dt(2010, 12, 1, 8, 26, 0)),
            ),
            // Unambiguous with YearFirst.
            (
                "25/12/2024",
                DateOrder::YearFirst,
                Ok(dt(2024, 12, 25, 0, 0, 0)),
            ),
            (
                "12/25/2024",
                DateOrder::YearFirst,
                Ok(dt(2024, 12, 25, 0, 0, 0)),
            ),
            (
                "05/05/2024",
                DateOrder::YearFirst,
                Ok(dt(2024, 5, 5, 0, 0, 0)),
            ),
            (
                "12/25/2024 13:04",
                DateOrder::YearFirst,
                Ok(dt(2024, 12, 25, 13, 4, 0)),
            ),
            // The order is not a fallback: a US file with a UK date errs.
            (
                "25/12/2024",
                DateOrder::MonthFirst,
                Err(no_date(2024, 25, 12)),
            ),
            (
                "12/25/2024",
                DateOrder::DayFirst,
                Err(no_date(2024, 25, 12)),
            ),
            (
                "13/13/2024",
                DateOrder::YearFirst,
                Err(no_date(2024, 13, 13)),
            ),
            ("00/05/2024", DateOrder::YearFirst, Err(no_date(2024, 0, 5))),
            (
                "31/02/2024",
                DateOrder::YearFirst,
                Err(no_date(2024, 2, 31)),
            ),
            (
                "02/30/2024",
                DateOrder::MonthFirst,
                Err(no_date(2024, 2, 30)),
            ),
            // Year-first forms ignore the order.
            (
                "2024/03/04",
                DateOrder::MonthFirst,
                Ok(dt(2024, 3, 4, 0, 0, 0)),
            ),
            (
                "2024/03/04",
                DateOrder::DayFirst,
                Ok(dt(2024, 3, 4, 0, 0, 0)),
            ),
            // Two-digit years are never guessed.
            ("1/5/24", DateOrder::MonthFirst, Err(ValueError::NotADate)),
            ("24/1/5", DateOrder::YearFirst, Err(ValueError::NotADate)),
            (
                "03/04-2024",
                DateOrder::MonthFirst,
                Err(ValueError::NotADate),
            ),
            // `T` only follows ISO dash dates.
            (
                "01-05-2024T13:04",
                DateOrder::MonthFirst,
                Err(ValueError::NotADate),
            ),
        ];
        for (input, order, expected) in cases {
            check_date(input, *order, expected.clone());
        }
    }

    #[test]
    fn dates_rejected() {
        let cases: &[(&str, ValueError)] = &[
            ("", ValueError::Empty),
            ("   ", ValueError::Empty),
            ("\u{3000}", ValueError::Empty),
            ("2023/02/29", no_date(2023, 2, 29)),
            ("2023-02-29", no_date(2023, 2, 29)),
            ("2024年13月1日", no_date(2024, 13, 1)),
            ("2024-00-10", no_date(2024, 0, 10)),
            ("2024-01-32", no_date(2024, 1, 32)),
            ("2024-04-31", no_date(2024, 4, 31)),
            ("20241305", no_date(2024, 13, 5)),
            ("2024-01-05 24:00", no_time(24, 0, 0)),
            ("2024-01-05 13:60", no_time(13, 60, 0)),
            ("2024-01-05 23:59:60", no_time(23, 59, 60)),
            ("2024-01-05 25時", no_time(25, 0, 0)),
            ("2024-01-05 13:04 PM", no_time(13, 4, 0)),
            ("2024/01/05 午後13:00", no_time(13, 0, 0)),
            ("2024/01/05 午後12時", ValueError::AmbiguousTime),
            ("2024/01/05 午前12:00", ValueError::AmbiguousTime),
            ("2024-01-05 13:4", ValueError::NotADate),
            ("2024-01-05 13", ValueError::NotADate),
            ("2024-01-05 13:04:5", ValueError::NotADate),
            ("2024-01-05 13:04:05.", ValueError::NotADate),
            ("2024-01-05 13:04:05.1234567891", ValueError::NotADate),
            ("2024-01-05T", ValueError::NotADate),
            ("2024-01-05 T13:04", ValueError::NotADate),
            ("2024/01/05T13:04", ValueError::NotADate),
            ("2024-01-05T13:04:05+25:00", ValueError::NotADate),
            ("2024-01-05T13:04:05+09:60", ValueError::NotADate),
            ("2024-01-05T13:04:05 UTC", ValueError::NotADate),
            ("2024-01-05 1:04 PM +09:00", ValueError::NotADate),
            ("2024-01-05 13時04分+09:00", ValueError::NotADate),
            ("2024-01-05 13:04:05 extra", ValueError::NotADate),
            ("2024/01-05", ValueError::NotADate),
            ("2024/01/05/", ValueError::NotADate),
            ("2024/001/05", ValueError::NotADate),
            ("02024/01/05", ValueError::NotADate),
            ("2024年1月", ValueError::NotADate),
            ("2024年1月5", ValueError::NotADate),
            ("2024-01-05(予定)", ValueError::NotADate),
            ("2024-01-05 (Fry)", ValueError::NotADate),
            ("2024-01-05 金", ValueError::NotADate),
            ("Jan 5, 2024", ValueError::NotADate),
            ("5 January 2024", ValueError::NotADate),
            ("yesterday", ValueError::NotADate),
            ("-45296", ValueError::NotADate),
            ("45,296", ValueError::NotADate),
            ("2024-01-05 2024-01-06", ValueError::NotADate),
            ("2024/①/5", ValueError::UnusualDigit('①')),
            ("2024/1/5 1²:00", ValueError::UnusualDigit('²')),
            ("2024年1月㏠", ValueError::UnusualDigit('㏠')),
        ];
        for (input, expected) in cases {
            check_date(input, DateOrder::YearFirst, Err(expected.clone()));
        }
    }

    #[test]
    fn dates_overlong_input_rejected() {
        let long = format!("2024-01-05{}", " ".repeat(10) + &"1".repeat(300));
        check_date(&long, DateOrder::YearFirst, Err(ValueError::NotADate));
    }

    #[test]
    fn dates_serial_text() {
        let cases: &[(&str, bool, Result<NaiveDateTime, ValueError>)] = &[
            ("45296", true, Ok(dt(2024, 1, 5, 0, 0, 0))),
            ("45296.5", true, Ok(dt(2024, 1, 5, 12, 0, 0))),
            ("４５２９６", true, Ok(dt(2024, 1, 5, 0, 0, 0))),
            (" 45296 ", true, Ok(dt(2024, 1, 5, 0, 0, 0))),
            ("61", true, Ok(dt(1900, 3, 1, 0, 0, 0))),
            ("60", true, Err(ValueError::ExcelLeapDay1900)),
            (
                "0",
                true,
                Err(ValueError::SerialOutOfRange { date1904: false }),
            ),
            (
                "0.5",
                true,
                Err(ValueError::SerialOutOfRange { date1904: false }),
            ),
            (
                "2958466",
                true,
                Err(ValueError::SerialOutOfRange { date1904: false }),
            ),
            (
                "123456789",
                true,
                Err(ValueError::SerialOutOfRange { date1904: false }),
            ),
            ("45296.", true, Err(ValueError::NotADate)),
            (".5", true, Err(ValueError::NotADate)),
            ("45296", false, Err(ValueError::SerialTextNotAllowed)),
            ("45296.5", false, Err(ValueError::SerialTextNotAllowed)),
            // Eight digits are always YYYYMMDD, never a serial.
            ("20240105", true, Ok(dt(2024, 1, 5, 0, 0, 0))),
            ("20240105", false, Ok(dt(2024, 1, 5, 0, 0, 0))),
        ];
        for (input, allow, expected) in cases {
            assert_eq!(
                parse_datetime_text(input, DateOrder::YearFirst, *allow),
                *expected,
                "input {input:?} allow {allow}"
            );
        }
    }

    // ----- Excel serials -----

    #[test]
    fn excel_serials_1900() {
        let out = Err(ValueError::SerialOutOfRange { date1904: false });
        let cases: &[(f64, Result<NaiveDateTime, ValueError>)] = &[
            (1.0, Ok(dt(1900, 1, 1, 0, 0, 0))),
            (2.0, Ok(dt(1900, 1, 2, 0, 0, 0))),
            (31.0, Ok(dt(1900, 1, 31, 0, 0, 0))),
            (59.0, Ok(dt(1900, 2, 28, 0, 0, 0))),
            (59.5, Ok(dt(1900, 2, 28, 12, 0, 0))),
            (60.0, Err(ValueError::ExcelLeapDay1900)),
            (60.5, Err(ValueError::ExcelLeapDay1900)),
            // Rounds to midnight of serial 60.
            (59.999_999_99, Err(ValueError::ExcelLeapDay1900)),
            (61.0, Ok(dt(1900, 3, 1, 0, 0, 0))),
            (367.0, Ok(dt(1901, 1, 1, 0, 0, 0))),
            (32874.0, Ok(dt(1990, 1, 1, 0, 0, 0))),
            (45292.0, Ok(dt(2024, 1, 1, 0, 0, 0))),
            (45296.0, Ok(dt(2024, 1, 5, 0, 0, 0))),
            (45296.5, Ok(dt(2024, 1, 5, 12, 0, 0))),
            (45296.25, Ok(dt(2024, 1, 5, 6, 0, 0))),
            (45296.0 + 1.0 / 86_400.0, Ok(dt(2024, 1, 5, 0, 0, 1))),
            (45296.0 + 0.4 / 86_400.0, Ok(dt(2024, 1, 5, 0, 0, 0))),
            (45296.0 + 0.6 / 86_400.0, Ok(dt(2024, 1, 5, 0, 0, 1))),
            (45296.0 + 45_845.0 / 86_400.0, Ok(dt(2024, 1, 5, 12, 44, 5))),
            // Rounds up across midnight.
            (45_296.999_999_9, Ok(dt(2024, 1, 6, 0, 0, 0))),
            (2_958_465.0, Ok(dt(9999, 12, 31, 0, 0, 0))),
            (2_958_465.5, Ok(dt(9999, 12, 31, 12, 0, 0))),
            (2_958_465.999_999_99, out.clone()),
            (2_958_466.0, out.clone()),
            (0.0, out.clone()),
            (0.5, out.clone()),
            (0.999_999, out.clone()),
            (-1.0, out.clone()),
            (-45296.0, out.clone()),
            (-0.0, out.clone()),
            (f64::NAN, out.clone()),
            (f64::INFINITY, out.clone()),
            (f64::NEG_INFINITY, out.clone()),
            (1e300, out.clone()),
            (f64::MAX, out.clone()),
            (f64::MIN, out),
        ];
        for (serial, expected) in cases {
            assert_eq!(
                excel_serial_to_datetime(*serial, false),
                *expected,
                "serial {serial}"
            );
        }
    }

    #[test]
    fn excel_serials_1904() {
        let out = Err(ValueError::SerialOutOfRange { date1904: true });
        let cases: &[(f64, Result<NaiveDateTime, ValueError>)] = &[
            (0.0, Ok(dt(1904, 1, 1, 0, 0, 0))),
            (0.5, Ok(dt(1904, 1, 1, 12, 0, 0))),
            (1.0, Ok(dt(1904, 1, 2, 0, 0, 0))),
            // No leap-year bug in the 1904 system.
            (60.0, Ok(dt(1904, 3, 1, 0, 0, 0))),
            (43834.0, Ok(dt(2024, 1, 5, 0, 0, 0))),
            (43834.5, Ok(dt(2024, 1, 5, 12, 0, 0))),
            (2_957_003.0, Ok(dt(9999, 12, 31, 0, 0, 0))),
            (2_957_004.0, out.clone()),
            (-1.0, out.clone()),
            (-0.000_001, out.clone()),
            (f64::NAN, out),
        ];
        for (serial, expected) in cases {
            assert_eq!(
                excel_serial_to_datetime(*serial, true),
                *expected,
                "serial {serial}"
            );
        }
    }

    #[test]
    fn date_range_check() {
        let latest = d(2025, 6, 1);
        let err = |date: NaiveDateTime| {
            Err(ValueError::DateOutOfRange {
                date,
                earliest: d(1990, 1, 1),
                latest,
            })
        };
        let cases: &[(NaiveDateTime, Result<NaiveDateTime, ValueError>)] = &[
            (dt(1990, 1, 1, 0, 0, 0), Ok(dt(1990, 1, 1, 0, 0, 0))),
            (dt(2024, 1, 5, 13, 4, 5), Ok(dt(2024, 1, 5, 13, 4, 5))),
            (dt(2025, 6, 1, 23, 59, 59), Ok(dt(2025, 6, 1, 23, 59, 59))),
            (
                dt(1989, 12, 31, 23, 59, 59),
                err(dt(1989, 12, 31, 23, 59, 59)),
            ),
            (dt(1900, 1, 1, 0, 0, 0), err(dt(1900, 1, 1, 0, 0, 0))),
            (dt(2025, 6, 2, 0, 0, 0), err(dt(2025, 6, 2, 0, 0, 0))),
            (dt(9999, 12, 31, 0, 0, 0), err(dt(9999, 12, 31, 0, 0, 0))),
        ];
        for (input, expected) in cases {
            assert_eq!(check_date_range(*input, latest), *expected, "{input}");
        }
        // A serial of 1 is a valid serial but not a plausible order date.
        let serial_one = excel_serial_to_datetime(1.0, false).expect("serial 1");
        assert!(check_date_range(serial_one, latest).is_err());
    }

    // ----- amounts -----

    fn check_amount(input: &str, expected: Result<f64, ValueError>) {
        let got = parse_amount_text(input);
        assert_eq!(got, expected, "input {input:?}");
        if let Ok(v) = got {
            // No negative zero.
            assert!(v != 0.0 || v.is_sign_positive(), "input {input:?} gave -0");
        }
    }

    #[test]
    fn amounts_accepted() {
        let cases: &[(&str, f64)] = &[
            ("12800", 12800.0),
            ("12,800", 12800.0),
            ("¥12,800", 12800.0),
            ("￥12,800", 12800.0),
            ("¥ 12,800", 12800.0),
            ("\\12,800", 12800.0),
            ("12,800円", 12800.0),
            ("12,800 円", 12800.0),
            ("１２，８００", 12800.0),
            ("１２，８００円", 12800.0),
            ("￥１２，８００", 12800.0),
            ("12800.50", 12800.5),
            ("1,234,567.25", 1_234_567.25),
            ("0.5", 0.5),
            ("0", 0.0),
            ("007", 7.0),
            ("-1,200", -1200.0),
            ("−1,200", -1200.0),
            ("－１，２００", -1200.0),
            ("+1,200", 1200.0),
            ("△1,200", -1200.0),
            ("▲1,200", -1200.0),
            ("▲ 1,200円", -1200.0),
            ("△¥1,200", -1200.0),
            ("(1,200)", -1200.0),
            ("（１，２００）", -1200.0),
            ("( 1,200 )", -1200.0),
            ("(¥1,200)", -1200.0),
            ("(1,200円)", -1200.0),
            ("¥-1,200", -1200.0),
            ("-¥1,200", -1200.0),
            ("-1,200円", -1200.0),
            ("£3.39", 3.39),
            ("$3.39", 3.39),
            ("€3.39", 3.39),
            ("＄３．３９", 3.39),
            ("-$3.39", -3.39),
            ("-0", 0.0),
            ("(0)", 0.0),
            ("  12,800  ", 12800.0),
            ("\u{a0}12,800\u{a0}", 12800.0),
            ("\u{3000}12800\u{3000}", 12800.0),
            ("9007199254740991", 9_007_199_254_740_991.0),
        ];
        for (input, expected) in cases {
            check_amount(input, Ok(*expected));
        }
    }

    #[test]
    fn amounts_rejected() {
        let cases: &[(&str, ValueError)] = &[
            ("", ValueError::Empty),
            ("   ", ValueError::Empty),
            ("\u{3000}", ValueError::Empty),
            // Commas only in groups of three, never a decimal point.
            ("1,20,000", ValueError::BadThousandsSeparator),
            ("€3,39", ValueError::BadThousandsSeparator),
            ("3,39", ValueError::BadThousandsSeparator),
            ("12,80", ValueError::BadThousandsSeparator),
            ("1234,567", ValueError::BadThousandsSeparator),
            ("0,125", ValueError::BadThousandsSeparator),
            (",800", ValueError::BadThousandsSeparator),
            ("12,800,", ValueError::BadThousandsSeparator),
            ("12,,800", ValueError::BadThousandsSeparator),
            ("1.234,5", ValueError::BadThousandsSeparator),
            // Spaces are not thousands separators.
            ("1 200", ValueError::NotAnAmount),
            ("1\u{a0}200", ValueError::NotAnAmount),
            ("1\u{2009}200", ValueError::NotAnAmount),
            ("1\u{202f}200", ValueError::NotAnAmount),
            ("1'200", ValueError::NotAnAmount),
            ("1.234.567", ValueError::NotAnAmount),
            ("1.2e3", ValueError::NotAnAmount),
            ("1E3", ValueError::NotAnAmount),
            ("inf", ValueError::NotAnAmount),
            ("NaN", ValueError::NotAnAmount),
            ("0x10", ValueError::NotAnAmount),
            (".5", ValueError::NotAnAmount),
            ("5.", ValueError::NotAnAmount),
            ("12%", ValueError::NotAnAmount),
            ("¥", ValueError::NotAnAmount),
            ("円", ValueError::NotAnAmount),
            ("-", ValueError::NotAnAmount),
            ("△", ValueError::NotAnAmount),
            ("()", ValueError::NotAnAmount),
            ("--1", ValueError::NotAnAmount),
            ("-△1", ValueError::NotAnAmount),
            ("(-1,200)", ValueError::NotAnAmount),
            ("¥¥1", ValueError::NotAnAmount),
            ("¥1,200円", ValueError::NotAnAmount),
            ("1,200-", ValueError::NotAnAmount),
            ("(1,200", ValueError::NotAnAmount),
            ("1,200)", ValueError::NotAnAmount),
            ("¥(1,200)", ValueError::NotAnAmount),
            ("12,800円(税込)", ValueError::NotAnAmount),
            ("1,200 JPY", ValueError::NotAnAmount),
            ("abc", ValueError::NotAnAmount),
            ("１２ー３", ValueError::NotAnAmount),
            ("12 800", ValueError::NotAnAmount),
            ("①", ValueError::UnusualDigit('①')),
            ("10²", ValueError::UnusualDigit('²')),
            ("9007199254740992", ValueError::AmountTooLarge),
            ("99999999999999999999", ValueError::AmountTooLarge),
        ];
        for (input, expected) in cases {
            check_amount(input, Err(expected.clone()));
        }
        let huge = "9".repeat(400);
        check_amount(&huge, Err(ValueError::NotAnAmount));
        let many_digits = "9".repeat(200);
        check_amount(&many_digits, Err(ValueError::AmountTooLarge));
    }

    // ----- ids -----

    #[test]
    fn ids_from_float() {
        let cases: &[(f64, Result<&str, ValueError>)] = &[
            (536365.0, Ok("536365")),
            (17850.0, Ok("17850")),
            (1.234_567_890_1e10, Ok("12345678901")),
            (0.0, Ok("0")),
            (-0.0, Ok("0")),
            (-5.0, Ok("-5")),
            (1e15, Ok("1000000000000000")),
            (9_007_199_254_740_991.0, Ok("9007199254740991")),
            (9_007_199_254_740_992.0, Err(ValueError::IdNotExact)),
            (1e20, Err(ValueError::IdNotExact)),
            (536365.5, Err(ValueError::NotAnId)),
            (0.1, Err(ValueError::NotAnId)),
            (f64::NAN, Err(ValueError::NotAnId)),
            (f64::INFINITY, Err(ValueError::NotAnId)),
            (f64::NEG_INFINITY, Err(ValueError::NotAnId)),
        ];
        for (v, expected) in cases {
            let expected = expected.clone().map(str::to_string);
            assert_eq!(id_from_float_checked(*v), expected, "value {v}");
            assert_eq!(id_from_float(*v), expected.ok(), "value {v}");
        }
    }

    #[test]
    fn ids_from_text() {
        let cases: &[(&str, Option<&str>)] = &[
            ("17850", Some("17850")),
            ("17850.0", Some("17850")),
            ("17850.00", Some("17850")),
            ("17850.5", Some("17850.5")),
            ("17850.", Some("17850.")),
            ("0017850", Some("0017850")),
            ("0017850.0", Some("0017850")),
            ("-17850.0", Some("-17850.0")),
            (" C536379 ", Some("C536379")),
            ("ＡＢＣ－１２３", Some("ABC-123")),
            ("１７８５０．０", Some("17850")),
            ("85123A", Some("85123A")),
            ("a.0", Some("a.0")),
            ("1.2.0", Some("1.2.0")),
            ("#1001", Some("#1001")),
            ("", None),
            ("   ", None),
            ("\u{3000}", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                id_from_text(input),
                expected.map(str::to_string),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn ids_from_text_checked() {
        let cases: &[(&str, Result<Option<&str>, ValueError>)] = &[
            ("1.23457E+11", Err(ValueError::IdInScientificNotation)),
            ("1.23457e+11", Err(ValueError::IdInScientificNotation)),
            ("1E+15", Err(ValueError::IdInScientificNotation)),
            ("-4.5E-07", Err(ValueError::IdInScientificNotation)),
            (
                "１．２３４５７Ｅ＋１１",
                Err(ValueError::IdInScientificNotation),
            ),
            ("17850.0", Ok(Some("17850"))),
            ("3E10A", Ok(Some("3E10A"))),
            ("12E345678", Ok(Some("12E345678"))),
            ("E10", Ok(Some("E10"))),
            ("", Ok(None)),
        ];
        for (input, expected) in cases {
            let expected = expected.clone().map(|o| o.map(str::to_string));
            assert_eq!(id_from_text_checked(input), expected, "input {input:?}");
        }
        // The lenient form keeps such text as written.
        assert_eq!(id_from_text("1.23457E+11"), Some("1.23457E+11".to_string()));
    }

    // ----- customer keys -----

    #[test]
    fn customer_keys() {
        let cases: &[(&str, Option<&str>, KeyKind)] = &[
            (
                "  Taro@Example.COM ",
                Some("taro@example.com"),
                KeyKind::Email,
            ),
            (
                "ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯＭ",
                Some("taro@example.com"),
                KeyKind::Email,
            ),
            (
                "Taro Yamada@Example.com",
                Some("taro yamada@example.com"),
                KeyKind::Email,
            ),
            (
                "０９０−１２３４−５６７８",
                Some("09012345678"),
                KeyKind::Phone,
            ),
            (
                "０９０－１２３４－５６７８",
                Some("09012345678"),
                KeyKind::Phone,
            ),
            ("090-1234-5678", Some("09012345678"), KeyKind::Phone),
            ("090ー1234ー5678", Some("09012345678"), KeyKind::Phone),
            (
                "０９０ｰ１２３４ｰ５６７８",
                Some("09012345678"),
                KeyKind::Phone,
            ),
            ("090−1234−5678", Some("09012345678"), KeyKind::Phone),
            ("090‐1234‐5678", Some("09012345678"), KeyKind::Phone),
            ("090‑1234‑5678", Some("09012345678"), KeyKind::Phone),
            ("090–1234–5678", Some("09012345678"), KeyKind::Phone),
            ("090—1234—5678", Some("09012345678"), KeyKind::Phone),
            ("090―1234―5678", Some("09012345678"), KeyKind::Phone),
            ("090 1234 5678", Some("09012345678"), KeyKind::Phone),
            ("090.1234.5678", Some("09012345678"), KeyKind::Phone),
            ("09012345678", Some("09012345678"), KeyKind::Phone),
            ("(03) 1234-5678", Some("0312345678"), KeyKind::Phone),
            ("03(1234)5678", Some("0312345678"), KeyKind::Phone),
            ("0120-123-456", Some("0120123456"), KeyKind::Phone),
            ("+81 90-1234-5678", Some("09012345678"), KeyKind::Phone),
            ("+819012345678", Some("09012345678"), KeyKind::Phone),
            ("+81 (0)90 1234 5678", Some("09012345678"), KeyKind::Phone),
            ("+81 3-1234-5678", Some("0312345678"), KeyKind::Phone),
            (
                "＋８１　９０－１２３４－５６７８",
                Some("09012345678"),
                KeyKind::Phone,
            ),
            ("+1 415 555 1234", Some("+14155551234"), KeyKind::Phone),
            ("+44 20 7946 0958", Some("+442079460958"), KeyKind::Phone),
            // Not phones: too short, too long, no leading 0 or +, other chars.
            ("090-1234", Some("090-1234"), KeyKind::Id),
            (
                "090-1234-5678-9999-9999",
                Some("090-1234-5678-9999-9999"),
                KeyKind::Id,
            ),
            ("+81 1234 5678", Some("+81 1234 5678"), KeyKind::Id),
            ("+0 90 1234 5678", Some("+0 90 1234 5678"), KeyKind::Id),
            ("1234567890", Some("1234567890"), KeyKind::Id),
            ("6543210987654", Some("6543210987654"), KeyKind::Id),
            ("tel 090-1234-5678", Some("tel 090-1234-5678"), KeyKind::Id),
            ("090-1234-5678+1", Some("090-1234-5678+1"), KeyKind::Id),
            ("①②③④⑤⑥⑦⑧⑨⑩", Some("12345678910"), KeyKind::Id),
            // Ids and names: NFKC, trimmed, whitespace collapsed, case kept.
            ("17850", Some("17850"), KeyKind::Id),
            ("C-1001", Some("C-1001"), KeyKind::Id),
            ("  山田   太郎 ", Some("山田 太郎"), KeyKind::Id),
            ("山田\u{3000}太郎", Some("山田 太郎"), KeyKind::Id),
            ("Taro Yamada", Some("Taro Yamada"), KeyKind::Id),
            ("ＡＢＣ１２３", Some("ABC123"), KeyKind::Id),
            ("ﾔﾏﾀﾞ", Some("ヤマダ"), KeyKind::Id),
            ("", None, KeyKind::Id),
            ("   ", None, KeyKind::Id),
            ("\u{3000}\t", None, KeyKind::Id),
        ];
        for (input, expected, kind) in cases {
            let got = normalize_customer_key(input);
            assert_eq!(got.as_deref(), *expected, "input {input:?}");
            if let Some(key) = got {
                assert_eq!(classify_customer_key(&key), *kind, "input {input:?}");
                // Normalising a normalised key changes nothing.
                assert_eq!(
                    normalize_customer_key(&key).as_deref(),
                    Some(key.as_str()),
                    "input {input:?}"
                );
            }
        }
    }

    #[test]
    fn customer_key_classification() {
        let cases: &[(&str, KeyKind)] = &[
            ("taro@example.com", KeyKind::Email),
            ("@", KeyKind::Email),
            ("09012345678", KeyKind::Phone),
            ("0312345678", KeyKind::Phone),
            ("012345678901234", KeyKind::Phone),
            ("0123456789012345", KeyKind::Id),
            ("031234567", KeyKind::Id),
            ("+14155551234", KeyKind::Phone),
            ("+04155551234", KeyKind::Id),
            ("+1415", KeyKind::Id),
            ("17850", KeyKind::Id),
            ("090-1234-5678", KeyKind::Id),
            ("", KeyKind::Id),
            ("+", KeyKind::Id),
        ];
        for (input, expected) in cases {
            assert_eq!(classify_customer_key(input), *expected, "input {input:?}");
        }
    }

    // ----- text -----

    #[test]
    fn text_cleaning() {
        let cases: &[(&str, &str)] = &[
            ("髙橋", "髙橋"),
            ("  髙橋\u{3000}", "髙橋"),
            ("﨑田", "﨑田"),
            ("ｶﾀｶﾅ", "ｶﾀｶﾅ"),
            ("ＡＢＣ", "ＡＢＣ"),
            ("①", "①"),
            ("a\u{0}b", "ab"),
            ("\u{7}bell", "bell"),
            ("a\u{1b}[31mb", "a[31mb"),
            ("a\u{7f}b", "ab"),
            ("a\u{85}b", "ab"),
            ("a\u{9f}b", "ab"),
            ("\u{feff}名前", "名前"),
            ("a\r\nb", "a\nb"),
            ("a\rb", "a\nb"),
            ("a\nb", "a\nb"),
            ("a\tb", "a\tb"),
            ("\n a \n", "a"),
            ("\u{0} x \u{0}", "x"),
            ("👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(
                clean_text(input),
                (expected.to_string(), false),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn text_truncation() {
        let long = "a".repeat(40_000);
        let (text, truncated) = clean_text(&long);
        assert!(truncated);
        assert_eq!(text.chars().count(), 32_767);

        let exact = "a".repeat(32_767);
        assert_eq!(clean_text(&exact), (exact.clone(), false));

        let over = "髙".repeat(32_768);
        let (text, truncated) = clean_text(&over);
        assert!(truncated);
        assert_eq!(text, "髙".repeat(32_767));

        // Surrounding whitespace is trimmed before the cap is applied.
        let padded = format!("   {}   ", "a".repeat(32_767));
        assert_eq!(clean_text(&padded), ("a".repeat(32_767), false));

        // Emoji count two units each, as Excel counts them, and are never split.
        let emoji = "😀".repeat(20_000);
        let (text, truncated) = clean_text(&emoji);
        assert!(truncated);
        assert_eq!(text, "😀".repeat(16_383));
        assert_eq!(text.encode_utf16().count(), 32_766);
    }

    // ----- statuses, bools, NPS -----

    #[test]
    fn statuses() {
        use OrderStatus::{Cancelled, Normal, Returned};
        let cases: &[(&str, OrderStatus)] = &[
            ("キャンセル", Cancelled),
            ("ｷｬﾝｾﾙ", Cancelled),
            ("キャンセル済み", Cancelled),
            ("キャンセル済", Cancelled),
            ("キャンセル確定", Cancelled),
            ("取消", Cancelled),
            ("取消し", Cancelled),
            ("取り消し", Cancelled),
            ("取消済み", Cancelled),
            (" cancelled ", Cancelled),
            ("Cancelled", Cancelled),
            ("CANCELED", Cancelled),
            ("canceled", Cancelled),
            ("voided", Cancelled),
            ("Voided", Cancelled),
            ("ｃａｎｃｅｌｌｅｄ", Cancelled),
            ("返品", Returned),
            ("返品済み", Returned),
            ("返金", Returned),
            ("返金済み", Returned),
            ("returned", Returned),
            ("Returned", Returned),
            ("refunded", Returned),
            ("REFUNDED", Returned),
            ("発送済み", Normal),
            ("完了", Normal),
            ("paid", Normal),
            ("fulfilled", Normal),
            ("unfulfilled", Normal),
            ("", Normal),
            ("   ", Normal),
            ("新規受付", Normal),
            ("発送待ち", Normal),
            ("pending", Normal),
            ("shipped", Normal),
            ("partially_refunded", Normal),
            ("partially refunded", Normal),
            ("一部返金", Normal),
            ("一部キャンセル", Normal),
            ("キャンセル不可", Normal),
            ("返品不可", Normal),
            ("not cancelled", Normal),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_status(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn bools() {
        let cases: &[(&str, Result<bool, ValueError>)] = &[
            ("1", Ok(true)),
            ("１", Ok(true)),
            ("true", Ok(true)),
            ("TRUE", Ok(true)),
            ("True", Ok(true)),
            ("yes", Ok(true)),
            ("Yes", Ok(true)),
            ("y", Ok(true)),
            ("Y", Ok(true)),
            ("あり", Ok(true)),
            ("有り", Ok(true)),
            ("有", Ok(true)),
            ("○", Ok(true)),
            ("◯", Ok(true)),
            ("〇", Ok(true)),
            ("✓", Ok(true)),
            ("✔", Ok(true)),
            ("はい", Ok(true)),
            (" はい ", Ok(true)),
            ("0", Ok(false)),
            ("０", Ok(false)),
            ("false", Ok(false)),
            ("FALSE", Ok(false)),
            ("no", Ok(false)),
            ("No", Ok(false)),
            ("n", Ok(false)),
            ("なし", Ok(false)),
            ("無し", Ok(false)),
            ("無", Ok(false)),
            ("×", Ok(false)),
            ("✕", Ok(false)),
            ("いいえ", Ok(false)),
            ("", Err(ValueError::Empty)),
            ("  ", Err(ValueError::Empty)),
            ("2", Err(ValueError::NotABool)),
            ("-1", Err(ValueError::NotABool)),
            ("x", Err(ValueError::NotABool)),
            ("X", Err(ValueError::NotABool)),
            ("-", Err(ValueError::NotABool)),
            ("maybe", Err(ValueError::NotABool)),
            ("yes!", Err(ValueError::NotABool)),
            ("ok", Err(ValueError::NotABool)),
            ("あり?", Err(ValueError::NotABool)),
            ("1.0", Err(ValueError::NotABool)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_bool(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn nps_scores() {
        let cases: &[(&str, Result<u8, ValueError>)] = &[
            ("0", Ok(0)),
            ("7", Ok(7)),
            ("10", Ok(10)),
            ("１０", Ok(10)),
            ("１０点", Ok(10)),
            ("10点", Ok(10)),
            ("7 点", Ok(7)),
            (" 8 ", Ok(8)),
            ("07", Ok(7)),
            ("00", Ok(0)),
            ("7.0", Ok(7)),
            ("10.00", Ok(10)),
            ("", Err(ValueError::Empty)),
            ("  ", Err(ValueError::Empty)),
            ("11", Err(ValueError::NpsScoreOutOfRange)),
            ("100", Err(ValueError::NpsScoreOutOfRange)),
            ("99999999999999999999", Err(ValueError::NpsScoreOutOfRange)),
            ("-1", Err(ValueError::NpsScoreOutOfRange)),
            ("7.5", Err(ValueError::NotAnNpsScore)),
            ("7.", Err(ValueError::NotAnNpsScore)),
            (".0", Err(ValueError::NotAnNpsScore)),
            ("abc", Err(ValueError::NotAnNpsScore)),
            ("点", Err(ValueError::NotAnNpsScore)),
            ("7点点", Err(ValueError::NotAnNpsScore)),
            ("+7", Err(ValueError::NotAnNpsScore)),
            ("7/10", Err(ValueError::NotAnNpsScore)),
            ("1 0", Err(ValueError::NotAnNpsScore)),
            ("⑩", Err(ValueError::UnusualDigit('⑩'))),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_nps_score(input), *expected, "input {input:?}");
        }
    }

    // ----- errors -----

    #[test]
    fn error_messages_name_what_was_expected() {
        assert_eq!(
            ValueError::NotADate.to_string(),
            "not a date: expected 2024-01-05, 2024/01/05, 2024年1月5日 or an Excel date"
        );
        let all = [
            ValueError::Empty,
            ValueError::UnusualDigit('①'),
            ValueError::NotADate,
            no_date(2023, 2, 29),
            no_time(24, 0, 0),
            ValueError::AmbiguousDate {
                month_first: d(2024, 3, 4),
                day_first: d(2024, 4, 3),
            },
            ValueError::AmbiguousTime,
            ValueError::OutsideEra {
                era: HEISEI.name,
                first: HEISEI.first,
                last: HEISEI.last,
            },
            ValueError::OutsideEra {
                era: REIWA.name,
                first: REIWA.first,
                last: REIWA.last,
            },
            ValueError::SerialTextNotAllowed,
            ValueError::ExcelLeapDay1900,
            ValueError::SerialOutOfRange { date1904: false },
            ValueError::SerialOutOfRange { date1904: true },
            ValueError::DateOutOfRange {
                date: dt(1989, 1, 1, 0, 0, 0),
                earliest: EARLIEST_ORDER_DATE,
                latest: d(2025, 6, 1),
            },
            ValueError::NotAnAmount,
            ValueError::BadThousandsSeparator,
            ValueError::AmountTooLarge,
            ValueError::NotAnId,
            ValueError::IdNotExact,
            ValueError::IdInScientificNotation,
            ValueError::NotABool,
            ValueError::NotAnNpsScore,
            ValueError::NpsScoreOutOfRange,
        ];
        let mut codes = std::collections::HashSet::new();
        for e in &all {
            let msg = e.to_string();
            assert!(msg.contains("expected"), "{e:?}: {msg}");
            assert!(!msg.ends_with('.'), "{e:?}: {msg}");
            codes.insert(e.code());
        }
        // One code per variant: 21 variants, listed above.
        assert_eq!(codes.len(), 21);
        assert!(ValueError::ExcelLeapDay1900
            .to_string()
            .contains("1900-02-29"));
        assert!(ValueError::AmbiguousDate {
            month_first: d(2024, 3, 4),
            day_first: d(2024, 4, 3),
        }
        .to_string()
        .contains("2024-03-04"));
    }

    #[test]
    fn empty_cells_everywhere() {
        for input in ["", " ", "\t", "\u{3000}", "\u{a0}", " \u{3000} \n"] {
            for order in [
                DateOrder::YearFirst,
                DateOrder::MonthFirst,
                DateOrder::DayFirst,
            ] {
                for allow in [false, true] {
                    assert_eq!(
                        parse_datetime_text(input, order, allow),
                        Err(ValueError::Empty),
                        "{input:?}"
                    );
                }
            }
            assert_eq!(
                parse_amount_text(input),
                Err(ValueError::Empty),
                "{input:?}"
            );
            assert_eq!(parse_bool(input), Err(ValueError::Empty), "{input:?}");
            assert_eq!(parse_nps_score(input), Err(ValueError::Empty), "{input:?}");
            assert_eq!(id_from_text(input), None, "{input:?}");
            assert_eq!(id_from_text_checked(input), Ok(None), "{input:?}");
            assert_eq!(normalize_customer_key(input), None, "{input:?}");
            assert_eq!(parse_status(input), OrderStatus::Normal, "{input:?}");
            assert_eq!(clean_text(input), (String::new(), false), "{input:?}");
        }
    }

    #[test]
    fn unusual_digits_are_found() {
        let cases: &[(&str, Option<char>)] = &[
            ("2024", None),
            ("２０２４", None),
            ("令和6年", None),
            ("①", Some('①')),
            ("1²", Some('²')),
            ("x₃", Some('₃')),
            ("⑴", Some('⑴')),
            ("⒈", Some('⒈')),
            ("𝟙", Some('𝟙')),
            ("㏠", Some('㏠')),
            ("٣", None), // Arabic-Indic digits stay non-ASCII and fail later.
        ];
        for (input, expected) in cases {
            assert_eq!(first_unusual_digit(input), *expected, "input {input:?}");
        }
        assert_eq!(parse_amount_text("٣"), Err(ValueError::NotAnAmount));
    }

    #[test]
    fn serial_lookalikes() {
        let cases: &[(&str, bool)] = &[
            ("45296", true),
            ("45296.5", true),
            ("1", true),
            ("2024010", true),
            ("202401051", true),
            ("20240105", false),
            ("45296.", false),
            (".5", false),
            ("-1", false),
            ("1.2.3", false),
            ("1e5", false),
            ("", false),
        ];
        for (input, expected) in cases {
            assert_eq!(looks_like_serial(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn tokens_ignore_space_next_to_japanese() {
        assert_eq!(
            tokenize("2024 年 1 月"),
            vec![
                Tok::Num("2024"),
                Tok::Ch('年'),
                Tok::Num("1"),
                Tok::Ch('月')
            ]
        );
        assert_eq!(
            tokenize("1:04  PM"),
            vec![
                Tok::Num("1"),
                Tok::Ch(':'),
                Tok::Num("04"),
                Tok::Ws,
                Tok::Word("PM")
            ]
        );
    }

    // ----- no panics -----

    /// A small deterministic generator, so the test needs no extra crate.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    #[test]
    fn fuzz_does_not_panic() {
        let seeds: &[&str] = &[
            "2024-01-05T13:04:05.123+09:00",
            "令和6年1月5日(金) 午後1時04分",
            "1/5/2024 1:04 PM",
            "（¥-1,200円）",
            "△１２，８００",
            "+81 (0)90-1234-5678",
            "Taro@Example.COM",
            "45296.5",
            "R1.4.30",
            "10点",
            "キャンセル済み",
            "1.23457E+11",
            "\r\n\u{feff}\u{0}髙橋",
        ];
        // Characters the parsers treat specially, to mutate seeds with.
        let specials: Vec<char> = "0123456789９-/.:年月日時分秒()（）T Z+−△▲¥円,令和平成元午前後AMP@ー①²\u{3000}\u{feff}\r\n"
            .chars()
            .collect();
        let mut rng = Lcg(42);
        for seed in seeds {
            fuzz_all(seed.as_bytes());
            for _ in 0..300 {
                let mut chars: Vec<char> = seed.chars().collect();
                for _ in 0..=(rng.next() % 4) {
                    let pos = usize::try_from(rng.next()).unwrap_or(0) % (chars.len() + 1);
                    let pick = usize::try_from(rng.next()).unwrap_or(0) % specials.len();
                    match rng.next() % 3 {
                        0 => chars.insert(pos, specials[pick]),
                        1 if pos < chars.len() => {
                            chars.remove(pos);
                        }
                        _ if pos < chars.len() => chars[pos] = specials[pick],
                        _ => chars.push(specials[pick]),
                    }
                }
                let mutated: String = chars.into_iter().collect();
                fuzz_all(mutated.as_bytes());
            }
        }
        for _ in 0..3_000 {
            let len = usize::try_from(rng.next() % 64).unwrap_or(0);
            let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
            fuzz_all(&bytes);
        }
        // Edge-case floats as raw bytes.
        for v in [
            f64::NAN,
            f64::INFINITY,
            f64::MIN,
            f64::MAX,
            f64::MIN_POSITIVE,
            -0.0,
            60.0,
            2_958_465.999_999,
            9_007_199_254_740_992.0,
        ] {
            fuzz_all(&v.to_le_bytes());
        }
        fuzz_all(&[]);
        fuzz_all(&[0xff; 1000]);
        fuzz_all("9".repeat(100_000).as_bytes());
        fuzz_all("髙".repeat(40_000).as_bytes());
    }
}
