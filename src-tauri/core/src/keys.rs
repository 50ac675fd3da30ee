//! Customer-key identity: how a key is normalised (trim, full-width to
//! half-width, e-mail lower-cased, phone digits only) and what kind of key it
//! is. The import normalises with it, masking classifies with it.

use crate::import::values::*;

// ---------------------------------------------------------------------------
// Customer keys
// ---------------------------------------------------------------------------

/// Which kind a normalised customer key was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Contains `@`.
    Email,
    /// A phone number in canonical form (see [`normalize_customer_key`]).
    Phone,
    /// Anything else: a customer number, a name.
    Id,
}

/// Dash-like characters people type in phone numbers, besides `-`.
pub(crate) fn is_phone_dash(c: char) -> bool {
    matches!(
        c,
        '-' | 'ー' // katakana long mark (half-width ｰ becomes this under NFKC)
            | '−' // minus sign
            | '‐' // hyphen
            | '‑' // non-breaking hyphen
            | '‒' // figure dash
            | '–' // en dash
            | '—' // em dash
            | '―' // horizontal bar
            | '─' // box drawing
            | '━' // heavy box drawing
            | '⁃' // hyphen bullet
    )
}

pub(crate) fn is_phone_len(digits: usize) -> bool {
    (10..=15).contains(&digits)
}

/// The canonical phone form of `collapsed` (already NFKC'd), if it is a phone
/// number: only digits, spaces, dashes, parentheses, dots and a leading `+`;
/// the first digit `0` (domestic) or a leading `+`; 10–15 digits before and
/// after canonicalisation.
pub(crate) fn canonical_phone(collapsed: &str) -> Option<String> {
    let (plus, body) = match collapsed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, collapsed),
    };
    let mut digits = String::with_capacity(body.len());
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !(c == ' ' || c == '(' || c == ')' || c == '.' || is_phone_dash(c)) {
            return None;
        }
    }
    if !is_phone_len(digits.len()) {
        return None;
    }
    let canonical = if plus {
        if digits.starts_with('0') {
            return None;
        }
        match digits.strip_prefix("81") {
            // +81 90-1234-5678 → 09012345678; +81 (0)90 ... keeps its 0.
            Some(national) if national.starts_with('0') => national.to_string(),
            Some(national) => format!("0{national}"),
            None => format!("+{digits}"),
        }
    } else if digits.starts_with('0') {
        digits
    } else {
        return None;
    };
    (classify_customer_key(&canonical) == KeyKind::Phone).then_some(canonical)
}

/// Normalises a customer key (e-mail, phone number or customer id) so the
/// same customer gets the same key across files.
///
/// NFKC, trim and collapse inner whitespace to one space. Then:
/// - containing `@`: an e-mail, lower-cased entirely
///   (`  Taro@Example.COM ` → `taro@example.com`);
/// - a phone number — only digits, spaces, dashes (including `ー − ‐ – — ―`),
///   parentheses, dots and a leading `+`, with 10–15 digits, starting with
///   `0` or `+` — keeps its digits only (`０９０−１２３４−５６７８` →
///   `09012345678`); `+81` becomes `0` (`+81 90-1234-5678` → `09012345678`);
///   another country code keeps its `+` (`+1 415 555 1234` → `+14155551234`),
///   so it cannot collide with a domestic number or a customer id;
/// - anything else: the NFKC'd, trimmed, collapsed text, case kept.
///
/// Empty → `None`. Digits that NFKC makes out of other characters (`①`)
/// never make a phone number.
pub fn normalize_customer_key(s: &str) -> Option<String> {
    let normalized = nfkc(s);
    let collapsed = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    if collapsed.contains('@') {
        // NFKC again: lower-casing can leave a non-NFKC sequence.
        return Some(nfkc(&collapsed.to_lowercase()));
    }
    if first_unusual_digit(s).is_none() {
        if let Some(phone) = canonical_phone(&collapsed) {
            return Some(phone);
        }
    }
    Some(collapsed)
}

/// Which kind a key returned by [`normalize_customer_key`] is: `Email` if it
/// contains `@`; `Phone` if it is 10–15 digits starting with `0`, or `+`
/// followed by 10–15 digits not starting with `0`; otherwise `Id`.
pub fn classify_customer_key(normalized: &str) -> KeyKind {
    if normalized.contains('@') {
        return KeyKind::Email;
    }
    let all_digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let phone = match normalized.strip_prefix('+') {
        Some(d) => all_digits(d) && is_phone_len(d.len()) && !d.starts_with('0'),
        None => {
            all_digits(normalized) && is_phone_len(normalized.len()) && normalized.starts_with('0')
        }
    };
    if phone {
        KeyKind::Phone
    } else {
        KeyKind::Id
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;

/// Text folded for search: NFKC (full-width letters and digits, half-width
/// kana), lower case, and katakana as hiragana, so that ヤマダ finds やまだ
/// and ＴＡＲＯ finds taro.
pub fn search_fold(s: &str) -> String {
    nfkc(s)
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A search that is a phone number as people type it (digits with hyphens,
/// spaces, brackets or +): its digits, to find the number however stored.
pub fn phone_needle(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let phone_like = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+' | '‐' | '−' | 'ー'));
    (phone_like && digits.len() >= 3 && digits.len() != s.chars().count()).then_some(digits)
}
