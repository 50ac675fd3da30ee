use super::*;
use crate::import::values::test_support::*;
use crate::keys::*;

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
