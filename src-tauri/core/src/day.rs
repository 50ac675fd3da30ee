//! Calendar days as plain integers.
//!
//! The analytics work on millions of dates; a day is an `i32` counting days
//! from 0001-01-01 (chrono's `num_days_from_ce`), so differences are days and
//! comparisons are integer comparisons. Text in the workspace is ISO
//! (`YYYY-MM-DD`, optionally followed by a time), parsed here without
//! allocation.

use chrono::{Datelike, NaiveDate};

/// Days since 0001-01-01 (day 1 = 0001-01-01, as chrono counts).
pub type Day = i32;

/// The day of a date.
pub fn from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce()
}

/// The date of a day.
pub fn to_date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// `YYYY-MM-DD` of a day.
pub fn format(day: Day) -> String {
    to_date(day).format("%Y-%m-%d").to_string()
}

/// Parses the leading `YYYY-MM-DD` of an ISO date or datetime.
pub fn parse_iso(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let mut v = 0u32;
        for &c in &b[range] {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        Some(v)
    };
    let year = digits(0..4)? as i32;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    NaiveDate::from_ymd_opt(year, month, day).map(from_date)
}

/// Parses a `YYYY-MM-DD` argument (CLI, settings), with a message a person can act on.
pub fn parse_arg(text: &str) -> Result<Day, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(from_date)
        .map_err(|_| format!("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31"))
}

/// The first day of the month containing `day`.
pub fn month_start(day: Day) -> Day {
    let d = to_date(day);
    from_date(d.with_day(1).unwrap_or(d))
}

/// The (year, month) of a day, for grouping without formatting.
pub fn year_month(day: Day) -> (i32, u32) {
    let d = to_date(day);
    (d.year(), d.month())
}

/// The (year, quarter 1–4) of a day.
pub fn year_quarter(day: Day) -> (i32, u32) {
    let d = to_date(day);
    (d.year(), d.month0() / 3 + 1)
}

/// `YYYY-MM` of a (year, month).
pub fn ym_label((y, m): (i32, u32)) -> String {
    format!("{y:04}-{m:02}")
}

/// `YYYY-Qn` of a (year, quarter).
pub fn yq_label((y, q): (i32, u32)) -> String {
    format!("{y:04}-Q{q}")
}

/// `YYYY-MM` of a day.
pub fn month_label(day: Day) -> String {
    to_date(day).format("%Y-%m").to_string()
}

/// `YYYY-Qn` of a day.
pub fn quarter_label(day: Day) -> String {
    let d = to_date(day);
    format!("{}-Q{}", d.year(), (d.month0() / 3) + 1)
}

/// The first day of the next month.
pub fn next_month_start(day: Day) -> Day {
    let d = to_date(day);
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(from_date)
        .unwrap_or(day + 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_datetimes_parse_to_the_same_day() {
        let d = parse_iso("2011-12-09").unwrap();
        assert_eq!(parse_iso("2011-12-09 12:50:00"), Some(d));
        assert_eq!(format(d), "2011-12-09");
        assert_eq!(parse_iso("2011-12-10").unwrap() - d, 1);
        assert_eq!(
            parse_iso("2012-03-01").unwrap() - parse_iso("2012-02-28").unwrap(),
            2
        );
    }

    #[test]
    fn malformed_text_is_not_a_day() {
        for bad in [
            "",
            "2011/12/09",
            "2011-13-01",
            "2011-02-30",
            "20111209",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_and_quarters() {
        let d = parse_iso("2024-12-15").unwrap();
        assert_eq!(format(month_start(d)), "2024-12-01");
        assert_eq!(format(next_month_start(d)), "2025-01-01");
        assert_eq!(quarter_label(d), "2024-Q4");
        assert_eq!(month_label(d), "2024-12");
    }
}
