//! Helpers shared by the parsers' tests.

#![allow(dead_code)]

pub use chrono::{NaiveDate, NaiveDateTime};

pub use super::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

pub fn dt(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, mi, s).expect("test datetime")
}

pub fn dt_nano(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32, nano: u32) -> NaiveDateTime {
    d(y, m, day)
        .and_hms_nano_opt(h, mi, s, nano)
        .expect("test datetime")
}

pub fn no_date(year: i32, month: u32, day: u32) -> ValueError {
    ValueError::NoSuchDate { year, month, day }
}

pub fn no_time(hour: u32, minute: u32, second: u32) -> ValueError {
    ValueError::NoSuchTime {
        hour,
        minute,
        second,
    }
}

pub fn check_date(input: &str, order: DateOrder, expected: Result<NaiveDateTime, ValueError>) {
    assert_eq!(
        parse_datetime_text(input, order, false),
        expected,
        "input {input:?} with {order:?}"
    );
}
