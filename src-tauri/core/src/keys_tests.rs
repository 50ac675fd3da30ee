use super::*;

// ----- customer keys -----

#[test]
fn customer_keys() {
    let cases: &[(&str, Option<&str>, KeyKind)] = &[
        (
            "  Taro@Example.COM ",
            Some("taro@example.com"),
            KeyKind::Email,
        ),
        (
            "ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯＭ",
            Some("taro@example.com"),
            KeyKind::Email,
        ),
        (
            "Taro Yamada@Example.com",
            Some("taro yamada@example.com"),
            KeyKind::Email,
        ),
        (
            "０９０−１２３４−５６７８",
            Some("09012345678"),
            KeyKind::Phone,
        ),
        (
            "０９０－１２３４－５６７８",
            Some("09012345678"),
            KeyKind::Phone,
        ),
        ("090-1234-5678", Some("09012345678"), KeyKind::Phone),
        ("090ー1234ー5678", Some("09012345678"), KeyKind::Phone),
        (
            "０９０ｰ１２３４ｰ５６７８",
            Some("09012345678"),
            KeyKind::Phone,
        ),
        ("090−1234−5678", Some("09012345678"), KeyKind::Phone),
        ("090‐1234‐5678", Some("09012345678"), KeyKind::Phone),
        ("090‑1234‑5678", Some("09012345678"), KeyKind::Phone),
        ("090–1234–5678", Some("09012345678"), KeyKind::Phone),
        ("090—1234—5678", Some("09012345678"), KeyKind::Phone),
        ("090―1234―5678", Some("09012345678"), KeyKind::Phone),
        ("090 1234 5678", Some("09012345678"), KeyKind::Phone),
        ("090.1234.5678", Some("09012345678"), KeyKind::Phone),
        ("09012345678", Some("09012345678"), KeyKind::Phone),
        ("(03) 1234-5678", Some("0312345678"), KeyKind::Phone),
        ("03(1234)5678", Some("0312345678"), KeyKind::Phone),
        ("0120-123-456", Some("0120123456"), KeyKind::Phone),
        ("+81 90-1234-5678", Some("09012345678"), KeyKind::Phone),
        ("+819012345678", Some("09012345678"), KeyKind::Phone),
        ("+81 (0)90 1234 5678", Some("09012345678"), KeyKind::Phone),
        ("+81 3-1234-5678", Some("0312345678"), KeyKind::Phone),
        (
            "＋８１　９０－１２３４－５６７８",
            Some("09012345678"),
            KeyKind::Phone,
        ),
        ("+1 415 555 1234", Some("+14155551234"), KeyKind::Phone),
        ("+44 20 7946 0958", Some("+442079460958"), KeyKind::Phone),
        // Not phones: too short, too long, no leading 0 or +, other chars.
        ("090-1234", Some("090-1234"), KeyKind::Id),
        (
            "090-1234-5678-9999-9999",
            Some("090-1234-5678-9999-9999"),
            KeyKind::Id,
        ),
        ("+81 1234 5678", Some("+81 1234 5678"), KeyKind::Id),
        ("+0 90 1234 5678", Some("+0 90 1234 5678"), KeyKind::Id),
        ("1234567890", Some("1234567890"), KeyKind::Id),
        ("6543210987654", Some("6543210987654"), KeyKind::Id),
        ("tel 090-1234-5678", Some("tel 090-1234-5678"), KeyKind::Id),
        ("090-1234-5678+1", Some("090-1234-5678+1"), KeyKind::Id),
        ("①②③④⑤⑥⑦⑧⑨⑩", Some("12345678910"), KeyKind::Id),
        // Ids and names: NFKC, trimmed, whitespace collapsed, case kept.
        ("17850", Some("17850"), KeyKind::Id),
        ("C-1001", Some("C-1001"), KeyKind::Id),
        ("  山田   太郎 ", Some("山田 太郎"), KeyKind::Id),
        ("山田\u{3000}太郎", Some("山田 太郎"), KeyKind::Id),
        ("Taro Yamada", Some("Taro Yamada"), KeyKind::Id),
        ("ＡＢＣ１２３", Some("ABC123"), KeyKind::Id),
        ("ﾔﾏﾀﾞ", Some("ヤマダ"), KeyKind::Id),
        ("", None, KeyKind::Id),
        ("   ", None, KeyKind::Id),
        ("\u{3000}\t", None, KeyKind::Id),
    ];
    for (input, expected, kind) in cases {
        let got = normalize_customer_key(input);
        assert_eq!(got.as_deref(), *expected, "input {input:?}");
        if let Some(key) = got {
            assert_eq!(classify_customer_key(&key), *kind, "input {input:?}");
            // Normalising a normalised key changes nothing.
            assert_eq!(
                normalize_customer_key(&key).as_deref(),
                Some(key.as_str()),
                "input {input:?}"
            );
        }
    }
}

#[test]
fn customer_key_classification() {
    let cases: &[(&str, KeyKind)] = &[
        ("taro@example.com", KeyKind::Email),
        ("@", KeyKind::Email),
        ("09012345678", KeyKind::Phone),
        ("0312345678", KeyKind::Phone),
        ("012345678901234", KeyKind::Phone),
        ("0123456789012345", KeyKind::Id),
        ("031234567", KeyKind::Id),
        ("+14155551234", KeyKind::Phone),
        ("+04155551234", KeyKind::Id),
        ("+1415", KeyKind::Id),
        ("17850", KeyKind::Id),
        ("090-1234-5678", KeyKind::Id),
        ("", KeyKind::Id),
        ("+", KeyKind::Id),
    ];
    for (input, expected) in cases {
        assert_eq!(classify_customer_key(input), *expected, "input {input:?}");
    }
}
