use super::*;

// ----- amounts -----

fn check_amount(input: &str, expected: Result<f64, ValueError>) {
    let got = parse_amount_text(input);
    assert_eq!(got, expected, "input {input:?}");
    if let Ok(v) = got {
        // No negative zero.
        assert!(v != 0.0 || v.is_sign_positive(), "input {input:?} gave -0");
    }
}

#[test]
fn amounts_accepted() {
    let cases: &[(&str, f64)] = &[
        ("12800", 12800.0),
        ("12,800", 12800.0),
        ("¥12,800", 12800.0),
        ("￥12,800", 12800.0),
        ("¥ 12,800", 12800.0),
        ("\\12,800", 12800.0),
        ("12,800円", 12800.0),
        ("12,800 円", 12800.0),
        ("１２，８００", 12800.0),
        ("１２，８００円", 12800.0),
        ("￥１２，８００", 12800.0),
        ("12800.50", 12800.5),
        ("1,234,567.25", 1_234_567.25),
        ("0.5", 0.5),
        ("0", 0.0),
        ("007", 7.0),
        ("-1,200", -1200.0),
        ("−1,200", -1200.0),
        ("－１，２００", -1200.0),
        ("+1,200", 1200.0),
        ("△1,200", -1200.0),
        ("▲1,200", -1200.0),
        ("▲ 1,200円", -1200.0),
        ("△¥1,200", -1200.0),
        ("(1,200)", -1200.0),
        ("（１，２００）", -1200.0),
        ("( 1,200 )", -1200.0),
        ("(¥1,200)", -1200.0),
        ("(1,200円)", -1200.0),
        ("¥-1,200", -1200.0),
        ("-¥1,200", -1200.0),
        ("-1,200円", -1200.0),
        ("£3.39", 3.39),
        ("$3.39", 3.39),
        ("€3.39", 3.39),
        ("＄３．３９", 3.39),
        ("-$3.39", -3.39),
        ("-0", 0.0),
        ("(0)", 0.0),
        ("  12,800  ", 12800.0),
        ("\u{a0}12,800\u{a0}", 12800.0),
        ("\u{3000}12800\u{3000}", 12800.0),
        ("9007199254740991", 9_007_199_254_740_991.0),
    ];
    for (input, expected) in cases {
        check_amount(input, Ok(*expected));
    }
}

#[test]
fn amounts_rejected() {
    let cases: &[(&str, ValueError)] = &[
        ("", ValueError::Empty),
        ("   ", ValueError::Empty),
        ("\u{3000}", ValueError::Empty),
        // Commas only in groups of three, never a decimal point.
        ("1,20,000", ValueError::BadThousandsSeparator),
        ("€3,39", ValueError::BadThousandsSeparator),
        ("3,39", ValueError::BadThousandsSeparator),
        ("12,80", ValueError::BadThousandsSeparator),
        ("1234,567", ValueError::BadThousandsSeparator),
        ("0,125", ValueError::BadThousandsSeparator),
        (",800", ValueError::BadThousandsSeparator),
        ("12,800,", ValueError::BadThousandsSeparator),
        ("12,,800", ValueError::BadThousandsSeparator),
        ("1.234,5", ValueError::BadThousandsSeparator),
        // Spaces are not thousands separators.
        ("1 200", ValueError::NotAnAmount),
        ("1\u{a0}200", ValueError::NotAnAmount),
        ("1\u{2009}200", ValueError::NotAnAmount),
        ("1\u{202f}200", ValueError::NotAnAmount),
        ("1'200", ValueError::NotAnAmount),
        ("1.234.567", ValueError::NotAnAmount),
        ("1.2e3", ValueError::NotAnAmount),
        ("1E3", ValueError::NotAnAmount),
        ("inf", ValueError::NotAnAmount),
        ("NaN", ValueError::NotAnAmount),
        ("0x10", ValueError::NotAnAmount),
        (".5", ValueError::NotAnAmount),
        ("5.", ValueError::NotAnAmount),
        ("12%", ValueError::NotAnAmount),
        ("¥", ValueError::NotAnAmount),
        ("円", ValueError::NotAnAmount),
        ("-", ValueError::NotAnAmount),
        ("△", ValueError::NotAnAmount),
        ("()", ValueError::NotAnAmount),
        ("--1", ValueError::NotAnAmount),
        ("-△1", ValueError::NotAnAmount),
        ("(-1,200)", ValueError::NotAnAmount),
        ("¥¥1", ValueError::NotAnAmount),
        ("¥1,200円", ValueError::NotAnAmount),
        ("1,200-", ValueError::NotAnAmount),
        ("(1,200", ValueError::NotAnAmount),
        ("1,200)", ValueError::NotAnAmount),
        ("¥(1,200)", ValueError::NotAnAmount),
        ("12,800円(税込)", ValueError::NotAnAmount),
        ("1,200 JPY", ValueError::NotAnAmount),
        ("abc", ValueError::NotAnAmount),
        ("１２ー３", ValueError::NotAnAmount),
        ("12 800", ValueError::NotAnAmount),
        ("①", ValueError::UnusualDigit('①')),
        ("10²", ValueError::UnusualDigit('²')),
        ("9007199254740992", ValueError::AmountTooLarge),
        ("99999999999999999999", ValueError::AmountTooLarge),
    ];
    for (input, expected) in cases {
        check_amount(input, Err(expected.clone()));
    }
    let huge = "9".repeat(400);
    check_amount(&huge, Err(ValueError::NotAnAmount));
    let many_digits = "9".repeat(200);
    check_amount(&many_digits, Err(ValueError::AmountTooLarge));
}
