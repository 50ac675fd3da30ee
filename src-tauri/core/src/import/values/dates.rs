//! Dates and times: the text forms shops write (ISO, slashes, 年月日, Japanese
//! eras, AM/PM), Excel serials in both date systems, and the plausible range.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::*;

// ---------------------------------------------------------------------------
// Dates: tokens
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    /// A run of ASCII digits.
    Num(&'a str),
    /// A run of ASCII letters.
    Word(&'a str),
    /// Any other single non-whitespace character.
    Ch(char),
    /// A run of whitespace.
    Ws,
}

pub(crate) fn tokenize(s: &str) -> Vec<Tok<'_>> {
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

pub(crate) fn skip_ws<'a, 'b>(t: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    match t {
        [Tok::Ws, rest @ ..] => rest,
        _ => t,
    }
}

pub(crate) fn is_date_sep(c: char) -> bool {
    matches!(c, '-' | '/' | '.')
}

// ---------------------------------------------------------------------------
// Dates: calendar parts
// ---------------------------------------------------------------------------

pub(crate) struct Era {
    pub(crate) name: &'static str,
    /// Gregorian year of the era's year 0.
    pub(crate) offset: i32,
    pub(crate) first: NaiveDate,
    pub(crate) last: Option<NaiveDate>,
}

pub(crate) const REIWA: Era = Era {
    name: "令和",
    offset: 2018,
    first: ymd_const(2019, 5, 1),
    last: None,
};
pub(crate) const HEISEI: Era = Era {
    name: "平成",
    offset: 1988,
    first: ymd_const(1989, 1, 8),
    last: Some(ymd_const(2019, 4, 30)),
};
pub(crate) const SHOWA: Era = Era {
    name: "昭和",
    offset: 1925,
    first: ymd_const(1926, 12, 25),
    last: Some(ymd_const(1989, 1, 7)),
};

pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::NoSuchDate { year, month, day })
}

pub(crate) fn ymd_text(y: &str, m: &str, d: &str) -> Result<NaiveDate, ValueError> {
    let year = digits_u32(y)
        .and_then(|v| i32::try_from(v).ok())
        .ok_or(ValueError::NotADate)?;
    let month = digits_u32(m).ok_or(ValueError::NotADate)?;
    let day = digits_u32(d).ok_or(ValueError::NotADate)?;
    ymd(year, month, day)
}

/// Resolves `a/b/year` by the date order.
pub(crate) fn resolve_day_month(
    a: u32,
    b: u32,
    year: i32,
    order: DateOrder,
) -> Result<NaiveDate, ValueError> {
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
pub(crate) enum DateForm {
    IsoDash,
    Other,
}

type DatePart<'a, 'b> = (NaiveDate, DateForm, &'b [Tok<'a>]);

pub(crate) fn parse_date_part<'a, 'b>(
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

pub(crate) fn parse_era_date<'a, 'b>(t: &'b [Tok<'a>]) -> Result<DatePart<'a, 'b>, ValueError> {
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

pub(crate) fn is_kanji_weekday(c: char) -> bool {
    matches!(c, '月' | '火' | '水' | '木' | '金' | '土' | '日')
}

pub(crate) fn is_english_weekday(w: &str) -> bool {
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
pub(crate) fn skip_weekday<'a, 'b>(t: &'b [Tok<'a>]) -> Result<&'b [Tok<'a>], ValueError> {
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
pub(crate) enum Meridiem {
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
pub(crate) struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    nano: u32,
    /// Written with colons (only these may carry a UTC offset).
    colon: bool,
}

pub(crate) fn clock_from(
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

pub(crate) fn parse_clock<'a, 'b>(t: &'b [Tok<'a>]) -> Result<(Clock, &'b [Tok<'a>]), ValueError> {
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
pub(crate) fn skip_offset<'a, 'b>(t: &'b [Tok<'a>]) -> Option<&'b [Tok<'a>]> {
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

pub(crate) fn parse_time<'a, 'b>(
    t: &'b [Tok<'a>],
) -> Result<(NaiveTime, &'b [Tok<'a>]), ValueError> {
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

pub(crate) fn parse_after_date(rest: &[Tok<'_>], form: DateForm) -> Result<NaiveTime, ValueError> {
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
pub(crate) fn looks_like_serial(t: &str) -> bool {
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

pub(crate) const SECONDS_PER_DAY: i64 = 86_400;
/// Day 0 for serials 1..=59 of the 1900 system (serial 1 = 1900-01-01).
pub(crate) const EXCEL_1900_EARLY_EPOCH: NaiveDate = ymd_const(1899, 12, 31);
/// Day 0 for serials above 60 (one day earlier, absorbing the fake 1900-02-29).
pub(crate) const EXCEL_1900_EPOCH: NaiveDate = ymd_const(1899, 12, 30);
/// Day 0 of the 1904 system.
pub(crate) const EXCEL_1904_EPOCH: NaiveDate = ymd_const(1904, 1, 1);
/// The last day Excel can show.
pub(crate) const EXCEL_LAST_DAY: NaiveDate = ymd_const(9999, 12, 31);
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

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
