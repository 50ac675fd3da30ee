//! Masking personal data for workshops on a projector and for client copies:
//! names, e-mails and phone numbers keep just enough to be told apart by the
//! people who know them.

use crate::keys::{classify_customer_key, KeyKind};

/// `山田 太郎` → `山＊ ＊＊`; `Taro Yamada` → `T*** ******`: the first character
/// stays, everything else but spaces is hidden.
pub fn name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for c in text.chars() {
        if c.is_whitespace() {
            out.push(c);
        } else if first {
            out.push(c);
            first = false;
        } else if c.is_ascii() {
            out.push('*');
        } else {
            out.push('＊');
        }
    }
    out
}

/// `taro.yamada@example.jp` → `t***@example.jp`.
pub fn email(text: &str) -> String {
    match text.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => name(text),
    }
}

/// `090-1234-5678` → `***-****-**78`: only the last two digits stay.
pub fn phone(text: &str) -> String {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + 2 > digits {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// A customer key as shown with masking on. E-mail and phone keys are
/// masked as such; a member number (ASCII letters, digits and `-_./#`, with a
/// digit and no run of ten digits) stays, since it names nobody without the
/// shop's records. Anything else is taken for personal data: a key with ten
/// or more digits (`tel:090-…`) is masked like a phone, the rest (a name used
/// as the key) like a name.
/// A postal address while masking is on: the prefecture alone (a workshop
/// may see where customers live by region, never a street).
pub fn address(a: &crate::store::addresses::StoredAddress) -> String {
    if a.prefecture.is_empty() {
        "＊＊＊".to_string()
    } else {
        format!("{} ＊＊＊", a.prefecture)
    }
}

pub fn key(text: &str) -> String {
    match classify_customer_key(text) {
        KeyKind::Email => email(text),
        KeyKind::Phone => phone(text),
        KeyKind::Id if is_member_number(text) => text.to_string(),
        KeyKind::Id if text.chars().filter(char::is_ascii_digit).count() >= 10 => phone(text),
        KeyKind::Id => name(text),
    }
}

/// A shop's member or customer number: nothing in it names a person. ASCII
/// letters, digits and `-_./#:` only, with a digit, and fewer than ten
/// digits in all (ten or more could be a phone number however written).
fn is_member_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (1..10).contains(&digits)
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./#:".contains(c))
}

/// Scrubs personal data out of free text (NPS comments, contact notes,
/// event notes) when masking is on: e-mail addresses, phone numbers, and the
/// workspace's own customer names (whole, without the space, and each part of
/// two characters or more).
pub struct Scrubber {
    names: Option<aho_corasick::AhoCorasick>,
}

impl Scrubber {
    /// A scrubber for the names of a workspace's customers.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Scrubber {
        let mut patterns: Vec<String> = Vec::new();
        for full in names {
            let full = full.trim();
            if full.chars().count() < 2 {
                continue;
            }
            patterns.push(full.to_string());
            let parts: Vec<&str> = full.split_whitespace().collect();
            if parts.len() > 1 {
                patterns.push(parts.concat());
                patterns.extend(
                    parts
                        .iter()
                        .filter(|p| p.chars().count() >= 2)
                        .map(|p| (*p).to_string()),
                );
            }
        }
        patterns.sort_unstable();
        patterns.dedup();
        let names = (!patterns.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Scrubber { names }
    }

    /// `text` with e-mails, phone numbers and customer names masked.
    pub fn scrub(&self, text: &str) -> String {
        let text = scrub_phones(&scrub_emails(text));
        let Some(ac) = &self.names else {
            return text;
        };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in ac.find_iter(&text) {
            let (start, end) = (m.start(), m.end());
            let found = &text[start..end];
            // An ASCII name inside a longer ASCII word (`Ken` in `Kentucky`)
            // is not that name.
            let inside_word = found.is_ascii()
                && (text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    || text[end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()));
            if inside_word {
                continue;
            }
            out.push_str(&text[last..start]);
            out.push_str(&name(found));
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }
}

fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "._%+-".contains(c)
        || ('ａ'..='ｚ').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('０'..='９').contains(&c)
}

/// Every `local@domain.tld` (also with a full-width `＠`) masked as [`email`].
fn scrub_emails(text: &str) -> String {
    if !text.contains(['@', '＠']) {
        return text.to_string();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut last = 0; // byte offset copied so far
    let mut i = 0;
    while i < chars.len() {
        let (at_byte, c) = chars[i];
        if c != '@' && c != '＠' {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && is_email_char(chars[start - 1].1) && chars[start - 1].0 >= last {
            start -= 1;
        }
        let mut end = i + 1;
        while end < chars.len()
            && (chars[end].1.is_ascii_alphanumeric() || ".-".contains(chars[end].1))
        {
            end += 1;
        }
        while end > i + 1 && chars[end - 1].1 == '.' {
            end -= 1;
        }
        let domain: String = chars[i + 1..end].iter().map(|x| x.1).collect();
        if start < i && domain.contains('.') {
            let start_byte = chars[start].0;
            let end_byte = chars.get(end).map_or(text.len(), |x| x.0);
            out.push_str(&text[last..start_byte]);
            let local = &text[start_byte..at_byte];
            out.push_str(&email(&format!("{local}@{domain}")));
            last = end_byte;
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Every run of 10–15 digits (ASCII or full-width, with the separators
/// people type in phone numbers) masked as [`phone`]: all but the last two
/// digits hidden.
fn scrub_phones(text: &str) -> String {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let is_sep = |c: char| " -‐‑–—―−ー－()（）.+".contains(c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !(is_digit(chars[i]) || chars[i] == '+' || chars[i] == '(' || chars[i] == '（') {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number may not continue a word or a longer number.
        let mut end = i;
        while end < chars.len() && (is_digit(chars[end]) || is_sep(chars[end])) {
            end += 1;
        }
        while end > i && !is_digit(chars[end - 1]) {
            end -= 1;
        }
        if end == i {
            // A `+` or `(` that starts no number.
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[i..end];
        let digits = run.iter().filter(|c| is_digit(**c)).count();
        let mut seen = 0;
        for &c in run {
            if is_digit(c) && (10..=15).contains(&digits) {
                seen += 1;
                out.push(if seen + 2 > digits { c } else { '*' });
            } else {
                out.push(c);
            }
        }
        i = end;
    }
    out
}

/// Applies a mask when `on`.
pub fn maybe(on: bool, text: &str, f: fn(&str) -> String) -> String {
    if on {
        f(text)
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_emails_phones_and_keys_are_masked() {
        assert_eq!(name("山田 太郎"), "山＊ ＊＊");
        assert_eq!(name("Taro Yamada"), "T*** ******");
        assert_eq!(email("taro.yamada@example.jp"), "t***@example.jp");
        assert_eq!(phone("090-1234-5678"), "***-****-**78");
        assert_eq!(phone("09012345678"), "*********78");
        assert_eq!(key("taro@example.jp"), "t***@example.jp");
        assert_eq!(key("09012345678"), "*********78");
        assert_eq!(key("M000123"), "M000123");
        assert!(!email("hanako@example.com").contains("hanako"));
    }

    #[test]
    fn keys_that_are_names_or_phone_like_text_are_masked_member_numbers_are_not() {
        assert_eq!(key("山田 花子"), "山＊ ＊＊");
        assert_eq!(key("Hanako Yamada"), "H***** ******");
        assert_eq!(key("tel:090-1111-2222"), "tel:***-****-**22");
        assert_eq!(key("12346"), "12346");
        assert_eq!(key("C-2024-0001"), "C-2024-0001");
        assert_eq!(
            key("gid://shopify/Customer/7234567"),
            "gid://shopify/Customer/7234567"
        );
        // Thirteen digits in a row are not a member number one can show.
        assert_eq!(key("7234567890123"), "***********23");
    }

    #[test]
    fn free_text_loses_emails_phones_and_the_shops_customer_names() {
        let s = Scrubber::new(["山田 花子", "Ken Sato", "林"]);
        assert_eq!(
            s.scrub("山田花子です。連絡は hanako.y@example.jp か 090-3333-4444 まで。"),
            "山＊＊＊です。連絡は h***@example.jp か ***-****-**44 まで。"
        );
        assert_eq!(s.scrub("山田さんと花子さん"), "山＊さんと花＊さん");
        assert_eq!(s.scrub("ken sato? Ken Sato!"), "ken sato? K** ****!");
        // Parts inside longer ASCII words are not names; one-character names
        // are too common to scrub.
        assert_eq!(s.scrub("Kentucky 林檎"), "Kentucky 林檎");
        // Full-width digits and @, and +81.
        assert_eq!(s.scrub("０９０ー１２３４ー５６７８"), "***ー****ー**７８");
        assert_eq!(s.scrub("+81 90 1234 5678 宛"), "+** ** **** **78 宛");
        assert_eq!(
            s.scrub("mail：ｔａｒｏ＠example.jp"),
            "mail：ｔ***@example.jp"
        );
        // Dates, amounts and order numbers stay.
        assert_eq!(
            s.scrub("2026-10-17に¥12,800、注文番号 100000-20240101-0000000001"),
            "2026-10-17に¥12,800、注文番号 100000-20240101-0000000001"
        );
    }
}
