//! Number formatting shared by charts, reasons and exports.

/// An integer with thousands separators: 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A yen amount rounded to the yen: 12800.4 → "¥12,800", −1200 → "-¥1,200".
pub fn yen(v: f64) -> String {
    let n = v.round();
    let text = thousands(n.abs() as u64);
    if n < 0.0 {
        format!("-¥{text}")
    } else {
        format!("¥{text}")
    }
}

/// A timestamp `YYYY-MM-DDTHH:MM[:SS]` in the Japanese form
/// `YYYY/MM/DD HH:MM` (a date alone as `YYYY/MM/DD`); other text as it is.
pub fn japanese_datetime(text: &str) -> String {
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let ok_date = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
    if !ok_date {
        return text.to_string();
    }
    let date = date.replace('-', "/");
    match time {
        Some(t) if t.len() >= 5 => format!("{date} {}", &t[..5]),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_dates_and_times() {
        assert_eq!(japanese_datetime("2026-12-01T13:38:11"), "2026/12/01 13:38");
        assert_eq!(japanese_datetime("2026-12-01 09:05"), "2026/12/01 09:05");
        assert_eq!(japanese_datetime("2026-12-01"), "2026/12/01");
        assert_eq!(japanese_datetime("昨日"), "昨日");
    }

    #[test]
    fn separators_and_signs() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(yen(2000.0), "¥2,000");
        assert_eq!(yen(-1200.4), "-¥1,200");
        assert_eq!(yen(18_000.5), "¥18,001");
    }
}
