use super::*;
use crate::import::values::test_support::*;

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
