use super::*;

#[test]
fn cell_references_and_numbers() {
    assert_eq!(cell_position(b"A1"), Some((0, 0)));
    assert_eq!(cell_position(b"AB12"), Some((11, 27)));
    assert_eq!(cell_position(b"XFD1048576"), Some((1_048_575, 16_383)));
    assert_eq!(cell_position(b"12"), None);
    assert_eq!(cell_position(b"A0"), None);
    assert_eq!(parse_u32(b"4294967296"), None);
}

#[test]
fn escapes() {
    let mut out = Vec::new();
    unescape_into(b"a &amp; b &lt;c&gt; &#x9AD9;&#26481;", &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "a & b <c> 髙東");
    assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
    assert_eq!(unescape_excel("_xD83D__xDCF7_"), "📷");
    assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
    assert_eq!(unescape_excel("no_escape_"), "no_escape_");
}

#[test]
fn date_formats() {
    assert!(is_date_format("yyyy/mm/dd"));
    assert!(is_date_format("[$-411]ggge\"年\"m\"月\"d\"日\""));
    assert!(is_date_format("[h]:mm:ss"));
    assert!(!is_date_format("#,##0\"円\""));
    assert!(!is_date_format("\"¥\"#,##0;[Red]\\-\"¥\"#,##0"));
    assert!(!is_date_format("0.00"));
    assert!(is_builtin_date(14) && is_builtin_date(57) && !is_builtin_date(3));
}

#[test]
fn a_sheet_with_every_kind_of_cell_is_scanned() {
    let xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F3"/><sheetData>
<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45292.5</v></c><c r="C1" t="inlineStr"><is><r><t xml:space="preserve">Ta </t></r><r><t>ro</t></r><rPh sb="0" eb="1"><t>ta</t></rPh></is></c><c r="D1" t="str"><f>A1&amp;"x"</f><v>a&amp;b</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c></row>
<row r="3"><c r="A3"/><c r="B3"><v>-1.5E3</v></c><!-- a comment --><c r="C3" t="s"><v>1</v></c></row>
</sheetData></worksheet>"#;
    let mut scan = Scanner::new(&xml[..]);
    let strings = vec!["注文番号".to_string(), "x".to_string()];
    let styles = vec![false, true];
    let ctx = Ctx {
        strings: &strings,
        date_styles: &styles,
    };
    // Drive the scanner as Book::visit does.
    let mut tag = Tag::default();
    let mut got: Vec<(u32, u32, Value<'_>)> = Vec::new();
    let mut row = 0;
    while scan.next_tag(&mut tag).unwrap() {
        match (tag.local_name(), tag.closing) {
            (b"row", false) => row = parse_u32(tag.attr(b"r").unwrap()).unwrap(),
            (b"c", false) if !tag.empty => {
                let (_, c) = cell_position(tag.attr(b"r").unwrap()).unwrap();
                let style = tag.attr(b"s").and_then(parse_u32);
                let kind = CellKind::of(tag.attr(b"t"));
                let v = scan.cell_value(kind, style, &ctx, true).unwrap();
                got.push((row, c, v));
            }
            _ => {}
        }
    }
    assert_eq!(
        got,
        vec![
            (1, 0, Value::Text(Cow::Borrowed("注文番号"))),
            (1, 1, Value::Serial(45292.5)),
            (1, 2, Value::Text(Cow::Owned("Ta ro".into()))),
            (1, 3, Value::Text(Cow::Owned("a&b".into()))),
            (1, 4, Value::Bool(true)),
            (1, 5, Value::CellError("#N/A".into())),
            (3, 1, Value::Number(-1500.0)),
            (3, 2, Value::Text(Cow::Borrowed("x"))),
        ]
    );
}

/// Damaged sheet XML (bytes changed, cut short, tags torn) gives rows or
/// an error, never a panic or an endless loop.
#[test]
fn damaged_sheet_xml_never_panics() {
    let base: &[u8] = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45292.5</v></c><c r="C1" t="inlineStr"><is><r><t xml:space="preserve">Ta </t></r><rPh><t>x</t></rPh></is></c><c r="D1" t="str"><f>A1&amp;"x"</f><v>a&amp;b&#x9AD9;_x000D_</v></c><c r="E1" t="b"><v>1</v></c></row><row><c><v>7</v></c><c r="AB2" t="e"><v>#N/A</v></c></row><!-- c --><row r="9"><c r="A9" t="d"><v>2024-01-05</v></c><c r="B9"><v><![CDATA[12]]></v></c></row></sheetData></worksheet>"#;
    let strings = vec!["注文".to_string()];
    let styles = vec![false, true];
    let ctx = Ctx {
        strings: &strings,
        date_styles: &styles,
    };
    let wanted = vec![true; 40];
    let alphabet = b"<>/=\"' &;#x_:abcrvtis0123456789";
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut read_ok = 0;
    for case in 0..3_000 {
        let mut xml = base.to_vec();
        match case % 3 {
            0 => {
                let cut = (next() as usize) % xml.len();
                xml.truncate(cut);
            }
            1 => {
                for _ in 0..(1 + next() % 4) {
                    let at = (next() as usize) % xml.len();
                    xml[at] = alphabet[(next() as usize) % alphabet.len()];
                }
            }
            _ => {
                let at = (next() as usize) % xml.len();
                let len = ((next() as usize) % 12).min(xml.len() - at);
                xml.drain(at..at + len);
            }
        }
        let mut rows = 0;
        let result = scan_sheet(
            &xml[..],
            &ctx,
            &wanted,
            |_, cells| {
                rows += 1;
                assert_eq!(cells.len(), 40);
                Ok::<bool, FastError>(true)
            },
            |e| e,
        );
        if result.is_ok() {
            read_ok += 1;
        }
        // A changed reference can move a cell to a row of its own, no more.
        assert!(
            rows <= 9,
            "case {case}: {rows} rows from a sheet of 9 cells"
        );
    }
    // The undamaged sheet reads, and so do some damaged ones (a changed letter in a value).
    let mut rows = 0;
    scan_sheet(
        base,
        &ctx,
        &wanted,
        |_, _| {
            rows += 1;
            Ok::<bool, FastError>(true)
        },
        |e| e,
    )
    .unwrap();
    assert_eq!(rows, 3);
    assert!(read_ok > 0);
}

#[test]
fn a_tag_split_across_the_window_is_read_whole() {
    // A reader that hands out one byte at a time.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }
    let xml = b"<sheetData><row r=\"2\"><c r=\"B2\" t=\"str\"><v>&lt;&#x9AD9;&gt;\r\na\rb&#13;</v></c></row></sheetData>";
    let mut scan = Scanner::new(Trickle(xml));
    let ctx = Ctx {
        strings: &[],
        date_styles: &[],
    };
    let mut tag = Tag::default();
    let mut value = None;
    while scan.next_tag(&mut tag).unwrap() {
        if tag.local_name() == b"c" && !tag.closing {
            value = Some(scan.cell_value(CellKind::Str, None, &ctx, true).unwrap());
        }
    }
    // Line ends read as LF, a CR written as a character reference stays.
    assert_eq!(value, Some(Value::Text(Cow::Owned("<髙>\na\nb\r".into()))));
}
