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

#[cfg(test)]
mod tests {
    use super::*;

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

/// Text that a spreadsheet must show as text: a leading `=`, `+`, `-`, `@`
/// (or a tab / carriage return) would make Excel run it as a formula, so such
/// text gets a leading apostrophe in CSV files.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod safe_cell_tests {
    #[test]
    fn formula_like_text_is_defused() {
        assert_eq!(super::safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::safe_cell("-1+1"), "'-1+1");
        assert_eq!(super::safe_cell("髙橋"), "髙橋");
        assert_eq!(super::safe_cell(""), "");
    }
}
