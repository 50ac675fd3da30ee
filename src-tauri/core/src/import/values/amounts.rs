//! Amounts: yen signs, 円, thousands commas and full-width digits; never a guess.

use super::*;

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
pub(crate) fn parse_plain_decimal(body: &str) -> Result<f64, ValueError> {
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

#[cfg(test)]
#[path = "amounts_tests.rs"]
mod tests;
