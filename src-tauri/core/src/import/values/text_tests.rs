use super::*;
use crate::import::values::test_support::*;

// ----- text -----

#[test]
fn text_cleaning() {
    let cases: &[(&str, &str)] = &[
        ("髙橋", "髙橋"),
        ("  髙橋\u{3000}", "髙橋"),
        ("﨑田", "﨑田"),
        ("ｶﾀｶﾅ", "ｶﾀｶﾅ"),
        ("ＡＢＣ", "ＡＢＣ"),
        ("①", "①"),
        ("a\u{0}b", "ab"),
        ("\u{7}bell", "bell"),
        ("a\u{1b}[31mb", "a[31mb"),
        ("a\u{7f}b", "ab"),
        ("a\u{85}b", "ab"),
        ("a\u{9f}b", "ab"),
        ("\u{feff}名前", "名前"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\nb", "a\nb"),
        ("a\tb", "a\tb"),
        ("\n a \n", "a"),
        ("\u{0} x \u{0}", "x"),
        ("👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧"),
        ("", ""),
        ("   ", ""),
    ];
    for (input, expected) in cases {
        assert_eq!(
            clean_text(input),
            (expected.to_string(), false),
            "input {input:?}"
        );
    }
}

#[test]
fn text_truncation() {
    let long = "a".repeat(40_000);
    let (text, truncated) = clean_text(&long);
    assert!(truncated);
    assert_eq!(text.chars().count(), 32_767);

    let exact = "a".repeat(32_767);
    assert_eq!(clean_text(&exact), (exact.clone(), false));

    let over = "髙".repeat(32_768);
    let (text, truncated) = clean_text(&over);
    assert!(truncated);
    assert_eq!(text, "髙".repeat(32_767));

    // Surrounding whitespace is trimmed before the cap is applied.
    let padded = format!("   {}   ", "a".repeat(32_767));
    assert_eq!(clean_text(&padded), ("a".repeat(32_767), false));

    // Emoji count two units each, as Excel counts them, and are never split.
    let emoji = "😀".repeat(20_000);
    let (text, truncated) = clean_text(&emoji);
    assert!(truncated);
    assert_eq!(text, "😀".repeat(16_383));
    assert_eq!(text.encode_utf16().count(), 32_766);
}

// ----- statuses, bools, NPS -----

#[test]
fn statuses() {
    use OrderStatus::{Cancelled, Normal, Returned};
    let cases: &[(&str, OrderStatus)] = &[
        ("キャンセル", Cancelled),
        ("ｷｬﾝｾﾙ", Cancelled),
        ("キャンセル済み", Cancelled),
        ("キャンセル済", Cancelled),
        ("キャンセル確定", Cancelled),
        ("取消", Cancelled),
        ("取消し", Cancelled),
        ("取り消し", Cancelled),
        ("取消済み", Cancelled),
        (" cancelled ", Cancelled),
        ("Cancelled", Cancelled),
        ("CANCELED", Cancelled),
        ("canceled", Cancelled),
        ("voided", Cancelled),
        ("Voided", Cancelled),
        ("ｃａｎｃｅｌｌｅｄ", Cancelled),
        ("返品", Returned),
        ("返品済み", Returned),
        ("返金", Returned),
        ("返金済み", Returned),
        ("returned", Returned),
        ("Returned", Returned),
        ("refunded", Returned),
        ("REFUNDED", Returned),
        ("発送済み", Normal),
        ("完了", Normal),
        ("paid", Normal),
        ("fulfilled", Normal),
        ("unfulfilled", Normal),
        ("", Normal),
        ("   ", Normal),
        ("新規受付", Normal),
        ("発送待ち", Normal),
        ("pending", Normal),
        ("shipped", Normal),
        ("partially_refunded", Normal),
        ("partially refunded", Normal),
        ("一部返金", Normal),
        ("一部キャンセル", Normal),
        ("キャンセル不可", Normal),
        ("返品不可", Normal),
        ("not cancelled", Normal),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_status(input), *expected, "input {input:?}");
    }
}

#[test]
fn bools() {
    let cases: &[(&str, Result<bool, ValueError>)] = &[
        ("1", Ok(true)),
        ("１", Ok(true)),
        ("true", Ok(true)),
        ("TRUE", Ok(true)),
        ("True", Ok(true)),
        ("yes", Ok(true)),
        ("Yes", Ok(true)),
        ("y", Ok(true)),
        ("Y", Ok(true)),
        ("あり", Ok(true)),
        ("有り", Ok(true)),
        ("有", Ok(true)),
        ("○", Ok(true)),
        ("◯", Ok(true)),
        ("〇", Ok(true)),
        ("✓", Ok(true)),
        ("✔", Ok(true)),
        ("はい", Ok(true)),
        (" はい ", Ok(true)),
        ("0", Ok(false)),
        ("０", Ok(false)),
        ("false", Ok(false)),
        ("FALSE", Ok(false)),
        ("no", Ok(false)),
        ("No", Ok(false)),
        ("n", Ok(false)),
        ("なし", Ok(false)),
        ("無し", Ok(false)),
        ("無", Ok(false)),
        ("×", Ok(false)),
        ("✕", Ok(false)),
        ("いいえ", Ok(false)),
        ("", Err(ValueError::Empty)),
        ("  ", Err(ValueError::Empty)),
        ("2", Err(ValueError::NotABool)),
        ("-1", Err(ValueError::NotABool)),
        ("x", Err(ValueError::NotABool)),
        ("X", Err(ValueError::NotABool)),
        ("-", Err(ValueError::NotABool)),
        ("maybe", Err(ValueError::NotABool)),
        ("yes!", Err(ValueError::NotABool)),
        ("ok", Err(ValueError::NotABool)),
        ("あり?", Err(ValueError::NotABool)),
        ("1.0", Err(ValueError::NotABool)),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_bool(input), *expected, "input {input:?}");
    }
}

#[test]
fn nps_scores() {
    let cases: &[(&str, Result<u8, ValueError>)] = &[
        ("0", Ok(0)),
        ("7", Ok(7)),
        ("10", Ok(10)),
        ("１０", Ok(10)),
        ("１０点", Ok(10)),
        ("10点", Ok(10)),
        ("7 点", Ok(7)),
        (" 8 ", Ok(8)),
        ("07", Ok(7)),
        ("00", Ok(0)),
        ("7.0", Ok(7)),
        ("10.00", Ok(10)),
        ("", Err(ValueError::Empty)),
        ("  ", Err(ValueError::Empty)),
        ("11", Err(ValueError::NpsScoreOutOfRange)),
        ("100", Err(ValueError::NpsScoreOutOfRange)),
        ("99999999999999999999", Err(ValueError::NpsScoreOutOfRange)),
        ("-1", Err(ValueError::NpsScoreOutOfRange)),
        ("7.5", Err(ValueError::NotAnNpsScore)),
        ("7.", Err(ValueError::NotAnNpsScore)),
        (".0", Err(ValueError::NotAnNpsScore)),
        ("abc", Err(ValueError::NotAnNpsScore)),
        ("点", Err(ValueError::NotAnNpsScore)),
        ("7点点", Err(ValueError::NotAnNpsScore)),
        ("+7", Err(ValueError::NotAnNpsScore)),
        ("7/10", Err(ValueError::NotAnNpsScore)),
        ("1 0", Err(ValueError::NotAnNpsScore)),
        ("⑩", Err(ValueError::UnusualDigit('⑩'))),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_nps_score(input), *expected, "input {input:?}");
    }
}
