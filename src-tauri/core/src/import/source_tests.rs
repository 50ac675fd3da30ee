use super::*;

#[test]
fn encodings_are_detected_from_the_bytes() {
    assert_eq!(
        detect_encoding("注文番号,金額\n".as_bytes()),
        Encoding::Utf8
    );
    assert_eq!(detect_encoding(b"\xEF\xBB\xBForder"), Encoding::Utf8);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("注文番号,髙橋,①,～");
    assert_eq!(detect_encoding(&sjis), Encoding::ShiftJis);
    // A UTF-8 character cut by the sample's end.
    let text = "ab注".as_bytes();
    assert_eq!(detect_encoding(&text[..text.len() - 1]), Encoding::Utf8);
    assert_eq!(detect_encoding(b"plain ascii"), Encoding::Utf8);
}

#[test]
fn shift_jis_is_decoded_across_chunk_boundaries() {
    let text = "髙橋①～".repeat(30_000);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let mut out = String::new();
    Decoding::new(std::io::Cursor::new(bytes.into_owned()), Encoding::ShiftJis)
        .read_to_string(&mut out)
        .unwrap();
    assert_eq!(out, text);
}

#[test]
fn encoding_names() {
    assert_eq!(Encoding::parse("Shift_JIS"), Some(Encoding::ShiftJis));
    assert_eq!(Encoding::parse("cp932"), Some(Encoding::ShiftJis));
    assert_eq!(Encoding::parse("UTF-8"), Some(Encoding::Utf8));
    assert_eq!(Encoding::parse("latin1"), None);
}
