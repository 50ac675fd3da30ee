use super::*;

// ----- ids -----

#[test]
fn ids_from_float() {
    let cases: &[(f64, Result<&str, ValueError>)] = &[
        (536365.0, Ok("536365")),
        (17850.0, Ok("17850")),
        (1.234_567_890_1e10, Ok("12345678901")),
        (0.0, Ok("0")),
        (-0.0, Ok("0")),
        (-5.0, Ok("-5")),
        (1e15, Ok("1000000000000000")),
        (9_007_199_254_740_991.0, Ok("9007199254740991")),
        (9_007_199_254_740_992.0, Err(ValueError::IdNotExact)),
        (1e20, Err(ValueError::IdNotExact)),
        (536365.5, Err(ValueError::NotAnId)),
        (0.1, Err(ValueError::NotAnId)),
        (f64::NAN, Err(ValueError::NotAnId)),
        (f64::INFINITY, Err(ValueError::NotAnId)),
        (f64::NEG_INFINITY, Err(ValueError::NotAnId)),
    ];
    for (v, expected) in cases {
        let expected = expected.clone().map(str::to_string);
        assert_eq!(id_from_float_checked(*v), expected, "value {v}");
        assert_eq!(id_from_float(*v), expected.ok(), "value {v}");
    }
}

#[test]
fn ids_from_text() {
    let cases: &[(&str, Option<&str>)] = &[
        ("17850", Some("17850")),
        ("17850.0", Some("17850")),
        ("17850.00", Some("17850")),
        ("17850.5", Some("17850.5")),
        ("17850.", Some("17850.")),
        ("0017850", Some("0017850")),
        ("0017850.0", Some("0017850")),
        ("-17850.0", Some("-17850.0")),
        (" C536379 ", Some("C536379")),
        ("ＡＢＣ－１２３", Some("ABC-123")),
        ("１７８５０．０", Some("17850")),
        ("85123A", Some("85123A")),
        ("a.0", Some("a.0")),
        ("1.2.0", Some("1.2.0")),
        ("#1001", Some("#1001")),
        ("", None),
        ("   ", None),
        ("\u{3000}", None),
    ];
    for (input, expected) in cases {
        assert_eq!(
            id_from_text(input),
            expected.map(str::to_string),
            "input {input:?}"
        );
    }
}

#[test]
fn ids_from_text_checked() {
    let cases: &[(&str, Result<Option<&str>, ValueError>)] = &[
        ("1.23457E+11", Err(ValueError::IdInScientificNotation)),
        ("1.23457e+11", Err(ValueError::IdInScientificNotation)),
        ("1E+15", Err(ValueError::IdInScientificNotation)),
        ("-4.5E-07", Err(ValueError::IdInScientificNotation)),
        (
            "１．２３４５７Ｅ＋１１",
            Err(ValueError::IdInScientificNotation),
        ),
        ("17850.0", Ok(Some("17850"))),
        ("3E10A", Ok(Some("3E10A"))),
        ("12E345678", Ok(Some("12E345678"))),
        ("E10", Ok(Some("E10"))),
        ("", Ok(None)),
    ];
    for (input, expected) in cases {
        let expected = expected.clone().map(|o| o.map(str::to_string));
        assert_eq!(id_from_text_checked(input), expected, "input {input:?}");
    }
    // The lenient form keeps such text as written.
    assert_eq!(id_from_text("1.23457E+11"), Some("1.23457E+11".to_string()));
}
