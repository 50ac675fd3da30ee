//! Order numbers and other ids, from text or from numbers Excel stored as floats.

use super::*;

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

/// A number cell read as an id, with the reason when it cannot be one: a
/// whole number below 2^53 in size is written with all its digits and no
/// exponent (`536365.0` → `"536365"`, `1.2345678901e10` → `"12345678901"`);
/// a fraction or a non-finite value is [`ValueError::NotAnId`]; 2^53 or more
/// is [`ValueError::IdNotExact`] (the float no longer holds every digit).
pub fn id_from_float_checked(v: f64) -> Result<String, ValueError> {
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(ValueError::NotAnId);
    }
    if v.abs() > MAX_EXACT_F64 {
        return Err(ValueError::IdNotExact);
    }
    // Whole and at most 2^53: the integer conversion is exact (and -0.0 becomes 0),
    // and integer formatting is much cheaper than float formatting.
    Ok((v as i64).to_string())
}

/// A number cell read as an id; see [`id_from_float_checked`]. `None` when the
/// number cannot be an id (not finite, fractional, or 2^53 and above) — the
/// importer should call the checked form to report why.
pub fn id_from_float(v: f64) -> Option<String> {
    id_from_float_checked(v).ok()
}

/// True for Excel's scientific notation of a large number: `1.23457E+11`,
/// `1E+15`, `-4.5e-07`.
pub(crate) fn is_scientific_notation(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent
        .strip_prefix('+')
        .or_else(|| exponent.strip_prefix('-'))
        .unwrap_or(exponent);
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => is_digits(i, 1, 1) && is_digits(f, 1, 30),
        None => is_digits(mantissa, 1, 1),
    };
    mantissa_ok && is_digits(exponent, 1, 3)
}

/// A text id cell to canonical text, with the reason when its digits are
/// lost: NFKC and trim; a whole number written with a zero fraction
/// (`17850.0`, `17850.00`) loses the fraction; leading zeros are kept;
/// Excel's scientific notation (`1.23457E+11`) is
/// [`ValueError::IdInScientificNotation`]. Empty is `Ok(None)`.
pub fn id_from_text_checked(s: &str) -> Result<Option<String>, ValueError> {
    match id_from_text(s) {
        Some(id) if is_scientific_notation(&id) => Err(ValueError::IdInScientificNotation),
        other => Ok(other),
    }
}

/// A text id cell to canonical text: NFKC and trim; `17850.0` → `"17850"`
/// (only when the fraction is all zeros and the rest all digits); everything
/// else as written. Empty → `None`. Use [`id_from_text_checked`] to reject
/// ids whose digits Excel dropped.
pub fn id_from_text(s: &str) -> Option<String> {
    let normalized = nfkc(s);
    let t = normalized.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((int, frac)) = t.split_once('.') {
        if !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b == b'0')
        {
            return Some(int.to_string());
        }
    }
    Some(t.to_string())
}

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
