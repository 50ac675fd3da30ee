//! The parsers' promises on any input, for the cargo-fuzz target (feature
//! `fuzzing`) and the stable property test. Not part of the API.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::*;
use crate::keys::{classify_customer_key, normalize_customer_key, KeyKind};

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
pub(crate) fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The input as a failed check names it: whole when short, else its start.
pub(crate) fn shown(input: &str) -> String {
    if input.chars().count() <= 80 {
        format!("{input:?}")
    } else {
        let start: String = input.chars().take(60).collect();
        format!("{start:?}… ({} bytes)", input.len())
    }
}

pub(crate) fn fuzz_check_dates(input: &str, padded: &str, wide: Option<&str>) {
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

pub(crate) fn fuzz_check_amounts(input: &str, padded: &str, wide: Option<&str>) {
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

pub(crate) fn fuzz_check_serials(input: &str) {
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

pub(crate) fn fuzz_check_ids_and_keys(input: &str, padded: &str, wide: Option<&str>) {
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

pub(crate) fn fuzz_check_text(input: &str, padded: &str) {
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

pub(crate) fn fuzz_check_flags(input: &str, padded: &str, wide: Option<&str>) {
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

#[cfg(test)]
#[path = "fuzz_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "fuzz_property_tests.rs"]
mod property_tests;
