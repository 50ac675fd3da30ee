//! Free text, order statuses, yes/no cells and NPS scores.

use super::*;

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// Cleans a free-text cell (names, addresses, product titles, comments).
///
/// NFKC is *not* applied: names are kept exactly as typed (`髙橋` stays
/// `髙橋`, half-width katakana stays half-width). Line breaks are unified to
/// `\n` (`\r\n` and a lone `\r` both become `\n`); other control characters
/// (C0 and C1, except `\n` and `\t`) and byte-order marks (U+FEFF) are
/// removed; the result is trimmed. It is then capped at 32,767 — Excel's cell
/// limit, counted as Excel and the xlsx writer count it, in UTF-16 code units
/// (a character outside the BMP, such as most emoji, counts two), never
/// splitting a character. Returns the text and whether it was truncated.
pub fn clean_text(s: &str) -> (String, bool) {
    // Fast path: no control character, no BOM, no C1 control (U+0080–U+009F),
    // and short enough: the text only needs trimming.
    let bytes = s.as_bytes();
    let plain = bytes.len() <= MAX_TEXT_UNITS
        && !bytes.iter().any(|&b| b < 0x20 || b == 0x7F)
        && !s.contains('\u{FEFF}')
        && !bytes
            .windows(2)
            .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]));
    if plain {
        return (s.trim().to_string(), false);
    }
    let mut cleaned = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cleaned.push('\n');
            }
            '\n' | '\t' => cleaned.push(c),
            '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => cleaned.push(c),
        }
    }
    let trimmed = cleaned.trim();
    let mut units = 0usize;
    for (i, c) in trimmed.char_indices() {
        units += c.len_utf16();
        if units > MAX_TEXT_UNITS {
            let kept = trimmed.get(..i).unwrap_or("");
            return (kept.to_string(), true);
        }
    }
    (trimmed.to_string(), false)
}

// ---------------------------------------------------------------------------
// Statuses, yes/no, NPS
// ---------------------------------------------------------------------------

pub use crate::model::OrderStatus;

pub(crate) const CANCELLED_MARKERS: &[&str] = &[
    "キャンセル",
    "キャンセル済",
    "キャンセル済み",
    "キャンセル確定",
    "キャンセル完了",
    "キャンセル処理済",
    "キャンセル処理済み",
    "注文キャンセル",
    "取消",
    "取消し",
    "取消済",
    "取消済み",
    "取消完了",
    "取り消し",
    "取り消し済",
    "取り消し済み",
    "cancelled",
    "canceled",
    "cancel",
    "voided",
    "void",
];

pub(crate) const RETURNED_MARKERS: &[&str] = &[
    "返品",
    "返品済",
    "返品済み",
    "返品完了",
    "返金",
    "返金済",
    "返金済み",
    "返金完了",
    "返品・返金",
    "returned",
    "refunded",
];

/// Reads a status cell. NFKC, case-insensitive; spaces, `_` and `-` are
/// ignored. The whole cell must be one of the markers:
/// - cancelled: キャンセル, キャンセル済(み), キャンセル確定, キャンセル完了,
///   取消, 取消し, 取消済(み), 取り消し, 取り消し済(み), cancelled, canceled,
///   voided (and a few close variants);
/// - returned: 返品, 返金, 返品済(み), 返金済(み), 返品完了, 返金完了, returned,
///   refunded — a refund in full undoes the sale like a return does;
/// - everything else is `Normal`: 発送済み, 完了, 新規受付, paid, fulfilled,
///   the empty cell, and partial refunds or returns (`partially_refunded`,
///   `一部返金`, `一部キャンセル`), since the order itself still stands.
pub fn parse_status(s: &str) -> OrderStatus {
    let key: String = nfkc(s)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect();
    if CANCELLED_MARKERS.contains(&key.as_str()) {
        OrderStatus::Cancelled
    } else if RETURNED_MARKERS.contains(&key.as_str()) {
        OrderStatus::Returned
    } else {
        OrderStatus::Normal
    }
}

/// Reads a yes/no cell (ブランドタグ有無, 画像あり ...). NFKC,
/// case-insensitive, trimmed.
/// - yes: `1`, `true`, `yes`, `y`, `あり`, `有り`, `有`, `○`, `◯`, `〇`, `✓`,
///   `✔`, `☑`, `はい`
/// - no: `0`, `false`, `no`, `n`, `なし`, `無し`, `無`, `×`, `✕`, `✗`, `✘`,
///   `いいえ`
///
/// Empty is [`ValueError::Empty`]; anything else (including `x`, which
/// means "checked" on some forms and "no" on others) is
/// [`ValueError::NotABool`].
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    let key = nfkc(s).trim().to_lowercase();
    match key.as_str() {
        "" => Err(ValueError::Empty),
        "1" | "true" | "yes" | "y" | "あり" | "有り" | "有" | "○" | "◯" | "〇" | "✓" | "✔"
        | "☑" | "はい" => Ok(true),
        "0" | "false" | "no" | "n" | "なし" | "無し" | "無" | "×" | "✕" | "✗" | "✘" | "いいえ" => {
            Ok(false)
        }
        _ => Err(ValueError::NotABool),
    }
}

/// Reads an NPS score (0–10). Full-width digits and a trailing `点` are
/// accepted (`１０点`), as is a zero fraction (`7.0`, as a number cell may be
/// written). A fraction (`7.5`) or other text is
/// [`ValueError::NotAnNpsScore`]; a whole number outside 0–10 (including a
/// negative one) is [`ValueError::NpsScoreOutOfRange`].
pub fn parse_nps_score(s: &str) -> Result<u8, ValueError> {
    let raw = s.trim();
    if raw.is_empty() {
        return Err(ValueError::Empty);
    }
    if raw.len() > MAX_SHORT_VALUE_BYTES {
        return Err(ValueError::NotAnNpsScore);
    }
    let normalized = nfkc_numeric(raw)?;
    let t = normalized.trim();
    if t.is_empty() {
        return Err(ValueError::Empty);
    }
    let t = t.strip_suffix('点').map_or(t, str::trim_end);
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let int = match t.split_once('.') {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        Some(_) => return Err(ValueError::NotAnNpsScore),
        None => t,
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotAnNpsScore);
    }
    let significant = int.trim_start_matches('0');
    if significant.is_empty() {
        return Ok(0);
    }
    if negative || significant.len() > 2 {
        return Err(ValueError::NpsScoreOutOfRange);
    }
    match significant.parse::<u8>() {
        Ok(v) if v <= 10 => Ok(v),
        _ => Err(ValueError::NpsScoreOutOfRange),
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
