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
