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

/// A customer key: e-mail and phone keys are masked, member ids are not personal data.
pub fn key(text: &str) -> String {
    match classify_customer_key(text) {
        KeyKind::Email => email(text),
        KeyKind::Phone => phone(text),
        KeyKind::Id => text.to_string(),
    }
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
}
