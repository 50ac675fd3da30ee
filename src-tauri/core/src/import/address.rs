//! Postal addresses and marketing consent as the exports write them
//! (issue #16): 郵便番号 with 〒, full-width digits or odd hyphens, 都道府県
//! as names, JIS codes (`JP-13`, `13`) or English (`Tokyo`, `Hyōgo`), and
//! consent as `yes` / `true` / 希望する / 配信可 and their opposites.

/// A postal address as read from a row (each part cleaned; `None` parts
/// were empty or unreadable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    /// `123-4567`.
    pub postal_code: Option<String>,
    /// 都道府県 name.
    pub prefecture: Option<&'static str>,
    /// 市区町村.
    pub city: Option<String>,
    /// 番地 (the rest of the address).
    pub street: Option<String>,
    /// 建物.
    pub building: Option<String>,
}

impl Address {
    /// An address worth keeping: one a label can be written to (a postal
    /// code or a street line).
    pub fn is_usable(&self) -> bool {
        self.postal_code.is_some() || self.street.is_some()
    }

    /// A street that starts with a prefecture (a one-cell 住所 of a hand-kept
    /// sheet) gives its prefecture when the row has none.
    pub fn split_prefecture(mut self) -> Address {
        if self.prefecture.is_none() {
            if let Some(street) = &self.street {
                if let Some((ja, _)) = PREFECTURES.iter().find(|(ja, _)| street.starts_with(ja)) {
                    let rest = street[ja.len()..].trim().to_string();
                    self.prefecture = Some(ja);
                    self.street = (!rest.is_empty()).then_some(rest);
                }
            }
        }
        self
    }
}

/// A 郵便番号 cell that held a number (a spreadsheet drops the leading zero
/// of 060-0001).
pub fn postal_code_number(n: f64) -> Option<String> {
    (n.fract() == 0.0 && (0.0..10_000_000.0).contains(&n))
        .then(|| postal_code(&format!("{:07}", n as u64)))
        .flatten()
}

/// The 47 prefectures in JIS order (code = index + 1), with their English names.
const PREFECTURES: [(&str, &str); 47] = [
    ("北海道", "hokkaido"),
    ("青森県", "aomori"),
    ("岩手県", "iwate"),
    ("宮城県", "miyagi"),
    ("秋田県", "akita"),
    ("山形県", "yamagata"),
    ("福島県", "fukushima"),
    ("茨城県", "ibaraki"),
    ("栃木県", "tochigi"),
    ("群馬県", "gunma"),
    ("埼玉県", "saitama"),
    ("千葉県", "chiba"),
    ("東京都", "tokyo"),
    ("神奈川県", "kanagawa"),
    ("新潟県", "niigata"),
    ("富山県", "toyama"),
    ("石川県", "ishikawa"),
    ("福井県", "fukui"),
    ("山梨県", "yamanashi"),
    ("長野県", "nagano"),
    ("岐阜県", "gifu"),
    ("静岡県", "shizuoka"),
    ("愛知県", "aichi"),
    ("三重県", "mie"),
    ("滋賀県", "shiga"),
    ("京都府", "kyoto"),
    ("大阪府", "osaka"),
    ("兵庫県", "hyogo"),
    ("奈良県", "nara"),
    ("和歌山県", "wakayama"),
    ("鳥取県", "tottori"),
    ("島根県", "shimane"),
    ("岡山県", "okayama"),
    ("広島県", "hiroshima"),
    ("山口県", "yamaguchi"),
    ("徳島県", "tokushima"),
    ("香川県", "kagawa"),
    ("愛媛県", "ehime"),
    ("高知県", "kochi"),
    ("福岡県", "fukuoka"),
    ("佐賀県", "saga"),
    ("長崎県", "nagasaki"),
    ("熊本県", "kumamoto"),
    ("大分県", "oita"),
    ("宮崎県", "miyazaki"),
    ("鹿児島県", "kagoshima"),
    ("沖縄県", "okinawa"),
];

/// Full-width ASCII (digits, letters, signs) to half-width, the ideographic
/// space to a space, and dash-like characters to `-`; the long-vowel mark
/// (ー, ｰ) only between digits (`１ー２` is 1-2; センター stays).
pub fn half_width(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '―' | '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
            _ => c,
        })
        .collect();
    let digit = |i: Option<&char>| i.is_some_and(|c| c.is_ascii_digit());
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if matches!(c, 'ー' | 'ｰ')
                && i > 0
                && digit(chars.get(i - 1))
                && digit(chars.get(i + 1))
            {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// A 郵便番号 as `123-4567`, from `〒123-4567`, `１２３－４５６７`, `1234567`
/// or `123 4567`; `None` unless it has exactly seven digits.
pub fn postal_code(text: &str) -> Option<String> {
    let digits: String = half_width(text)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    let rest: String = half_width(text)
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '〒' | '-' | ' '))
        .collect();
    (digits.len() == 7 && rest.is_empty()).then(|| format!("{}-{}", &digits[..3], &digits[3..]))
}

/// A 都道府県 name from a name (`東京都`, `東京`), a JIS code (`JP-13`, `13`)
/// or an English name (`Tokyo`, `Tokyo-to`, `Hyōgo Prefecture`).
pub fn prefecture(text: &str) -> Option<&'static str> {
    let t = half_width(text.trim());
    if t.is_empty() {
        return None;
    }
    if let Some(p) = PREFECTURES
        .iter()
        .find(|(ja, _)| *ja == t || ja.strip_suffix(['都', '府', '県']) == Some(t.as_str()))
    {
        return Some(p.0);
    }
    let code = t
        .strip_prefix("JP-")
        .or_else(|| t.strip_prefix("jp-"))
        .unwrap_or(&t);
    if let Ok(n) = code.parse::<usize>() {
        return (1..=47).contains(&n).then(|| PREFECTURES[n - 1].0);
    }
    let latin: String = t
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ō' | 'ô' => 'o',
            'ū' | 'û' => 'u',
            _ => c,
        })
        .collect();
    let latin = latin.trim_end_matches(" prefecture");
    let latin = ["-to", "-fu", "-ken", " to", " fu", " ken"]
        .iter()
        .find_map(|s| latin.strip_suffix(s))
        .unwrap_or(latin);
    // "hokkaido" has no suffix; "oosaka"-style spellings double the vowel.
    let latin = latin.replace("oo", "o").replace("ou", "o");
    PREFECTURES
        .iter()
        .find(|(_, en)| en.replace("ou", "o") == latin)
        .map(|p| p.0)
}

/// Marketing consent from a cell: `Some(true)` for yes, `Some(false)` for
/// no, `None` when the cell does not say.
pub fn consent(text: &str) -> Option<bool> {
    let t = half_width(text.trim()).to_lowercase();
    const YES: [&str; 15] = [
        "yes",
        "y",
        "true",
        "1",
        "subscribed",
        "accepted",
        "opt-in",
        "希望する",
        "希望",
        "配信可",
        "可",
        "受け取る",
        "購読",
        "○",
        "する",
    ];
    const NO: [&str; 16] = [
        "no",
        "n",
        "false",
        "0",
        "unsubscribed",
        "not_subscribed",
        "opt-out",
        "希望しない",
        "不要",
        "配信不可",
        "不可",
        "停止",
        "配信停止",
        "受け取らない",
        "×",
        "しない",
    ];
    if YES.contains(&t.as_str()) {
        Some(true)
    } else if NO.contains(&t.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// An address line (市区町村, 番地, 建物): half-width digits and hyphens,
/// single spaces, trimmed; `None` when empty.
pub fn line(text: &str) -> Option<String> {
    let t = half_width(text);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_come_out_as_three_hyphen_four() {
        for (given, want) in [
            ("〒150-0001", Some("150-0001")),
            ("〒１５０－０００１", Some("150-0001")),
            ("1500001", Some("150-0001")),
            ("150 0001", Some("150-0001")),
            ("150ー0001", Some("150-0001")),
            ("'150-0001", None),
            ("150-001", None),
            ("", None),
            ("東京都", None),
        ] {
            assert_eq!(postal_code(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn prefectures_from_names_codes_and_english() {
        for (given, want) in [
            ("東京都", Some("東京都")),
            ("東京", Some("東京都")),
            ("JP-13", Some("東京都")),
            ("13", Some("東京都")),
            ("JP-01", Some("北海道")),
            ("JP-47", Some("沖縄県")),
            ("JP-48", None),
            ("Tokyo", Some("東京都")),
            ("tokyo-to", Some("東京都")),
            ("Hyōgo", Some("兵庫県")),
            ("Hyogo Prefecture", Some("兵庫県")),
            ("Kōchi", Some("高知県")),
            ("Oosaka", Some("大阪府")),
            ("Ōita", Some("大分県")),
            ("Hokkaido", Some("北海道")),
            ("大阪", Some("大阪府")),
            ("京都", Some("京都府")),
            ("California", None),
            ("", None),
        ] {
            assert_eq!(prefecture(given), want, "{given}");
        }
    }

    #[test]
    fn numbers_get_their_leading_zero_back_and_one_cell_addresses_give_the_prefecture() {
        assert_eq!(postal_code_number(600001.0).as_deref(), Some("060-0001"));
        assert_eq!(postal_code_number(1500001.0).as_deref(), Some("150-0001"));
        assert_eq!(postal_code_number(1.5), None);
        let a = Address {
            street: Some("東京都渋谷区神南1-2-3".into()),
            ..Default::default()
        }
        .split_prefecture();
        assert_eq!(a.prefecture, Some("東京都"));
        assert_eq!(a.street.as_deref(), Some("渋谷区神南1-2-3"));
    }

    #[test]
    fn consent_says_yes_no_or_nothing() {
        for (given, want) in [
            ("yes", Some(true)),
            ("TRUE", Some(true)),
            ("希望する", Some(true)),
            ("配信可", Some(true)),
            ("１", Some(true)),
            ("no", Some(false)),
            ("false", Some(false)),
            ("希望しない", Some(false)),
            ("配信停止", Some(false)),
            ("", None),
            ("maybe", None),
        ] {
            assert_eq!(consent(given), want, "{given}");
        }
    }

    #[test]
    fn address_lines_are_half_width_and_single_spaced() {
        assert_eq!(line("  神南１－２－３　 ").as_deref(), Some("神南1-2-3"));
        assert_eq!(
            line("ひだまりビル　５０１号").as_deref(),
            Some("ひだまりビル 501号")
        );
        assert_eq!(line("センター１ー２").as_deref(), Some("センター1-2"));
        assert_eq!(line("　"), None);
    }
}
