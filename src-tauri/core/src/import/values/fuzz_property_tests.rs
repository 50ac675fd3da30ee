//! The value parsers' promises ([`fuzz::fuzz_check`]) on stable Rust, as CI
//! runs them: the cargo-fuzz target `fuzz/fuzz_targets/values.rs` checks the
//! same function on arbitrary bytes but needs a nightly toolchain. Here it
//! runs over every cell of the import fixtures (the broken files too) and
//! over 20,000 strings from a seeded generator biased towards what shop files
//! really hold: full-width digits, ¥ and 円, thousands commas, Japanese era
//! dates, US dates, Excel serials, huge numbers, `NaN` and `inf`, and odd
//! Unicode (U+FEFF, U+3000, combining marks, circled digits, emoji).

use std::path::{Path, PathBuf};

use crate::import::source::{self, Encoding, Flow, SourceFile, TextOptions};
use crate::import::values::{self, fuzz, DateOrder};
use crate::keys::{self, KeyKind};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The cells of a file: read as a workbook or CSV where the importer can
/// read it, and its raw text split at delimiters either way.
fn cells_of(path: &Path, read: &mut usize) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut texts = vec![String::from_utf8_lossy(&bytes).into_owned()];
    if source::detect_encoding(&bytes) == Encoding::ShiftJis {
        texts.push(encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned());
    }
    let mut cells = Vec::new();
    for text in &texts {
        for line in text.lines() {
            for cell in line.split([',', '\t']) {
                cells.push(cell.to_string());
                cells.push(cell.trim_matches('"').to_string());
            }
        }
    }
    if let Ok(mut file) = SourceFile::open(path, TextOptions::default()) {
        for sheet in file.sheet_names() {
            // Broken files fail part-way; the cells read before that count.
            let _ = file.visit(&sheet, |_, _, row| {
                for cell in row {
                    cells.push(cell.display());
                    *read += 1;
                }
                Ok(Flow::Continue)
            });
        }
    }
    cells
}

#[test]
fn every_cell_of_the_import_fixtures_keeps_the_value_parsers_promises() {
    let mut files = 0;
    let mut read = 0;
    for dir in ["bad", "good", "presets"] {
        let dir = fixtures().join(dir);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        assert!(!paths.is_empty(), "{} is empty", dir.display());
        for path in paths {
            files += 1;
            for cell in cells_of(&path, &mut read) {
                fuzz::fuzz_check(&cell);
            }
        }
    }
    // The fixtures are read as the importer reads them, not only as raw text.
    assert!(files >= 30, "{files} fixture files");
    assert!(read >= 1_000, "only {read} cells read through the importer");
}

/// xorshift64: small, seeded, the same sequence everywhere.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Shapes of real cells; each `#` becomes a number from [`number`].
const TEMPLATES: &[&str] = &[
    // Dates and times.
    "#-#-#",
    "#/#/#",
    "#.#.#",
    "#",
    "{y}年#月#日",
    "{y}年 #月 #日",
    "{y}/#/# #:#",
    "{y}-#-# #:#:#",
    "{y}-#-#T#:#:#",
    "{y}-#-#T#:#:#.#Z",
    "{y}-#-# #:#:# +0900",
    "{y}-#-#T#:#:#+09:00",
    "{y}-#-#T#:#:#-08:00",
    "{y}年#月#日(金) #時#分",
    "{y}年#月#日(金曜日)",
    "{y}/#/# (Fri) #:#",
    "{y}/#/# #:# PM",
    "{y}/#/# #:# AM",
    "{y}-#-#",
    "{y}/#/#",
    "#/#/{y}",
    "#-#-{y} #:#",
    "#/#/{y} #:# PM",
    "{y}年#月#日 午後#:#",
    "{y}年#月#日 午前#時#分#秒",
    "令和#年#月#日",
    "令和元年#月#日",
    "平成#年#月#日",
    "昭和#年#月#日",
    "R#.#.#",
    "H#/#/#",
    "S#-#-#",
    "#.#",
    // Amounts and quantities.
    "¥#",
    "￥#,#",
    "#円",
    "#,#",
    "#,#,#",
    "#,#.#",
    "-#",
    "−#",
    "△#",
    "▲#,#円",
    "(#)",
    "(¥#,#)",
    "-¥#",
    "¥-#",
    "\\#",
    "+#",
    "$#.#",
    "#e#",
    "#E+#",
    "#.#E-#",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "-0",
    "#%",
    "# #",
    // Ids, keys, statuses, yes/no, scores.
    "#点",
    "#.0",
    "#.00",
    "M#",
    "C#",
    "#-#-#",
    "Taro.#@Example.COM",
    " hanako@EXAMPLE.jp ",
    "+81 #-#-#",
    "+81 (0)#-#-#",
    "0#-#-#",
    "0#(#)#",
    "+1 # # #",
    "０９０−１２３４−５６７８",
    "キャンセル",
    "キャンセル済み",
    "Cancelled",
    "partially_refunded",
    "返品済み",
    "VOID",
    "取り消し",
    "発送済み",
    "あり",
    "なし",
    "○",
    "YES",
    "✓",
    "x",
];

/// Characters that parsers treat specially or that real files carry by
/// accident.
const TRICKY: &[char] = &[
    '\u{FEFF}', '\u{3000}', '\u{00A0}', '\u{2009}', '\u{200B}', '\u{0301}', '\u{0308}', '\u{0338}',
    '\u{3099}', '\u{0085}', '\r', '\n', '\t', '\0', '①', '²', '㏠', '⓪', 'ℌ', 'İ', 'ß', 'ǅ', '¨',
    '😀', '𠮷', '髙', '﨑', '－', '−', '‐', 'ー', '，', '．', '／', '：', '¥', '￥', '円', '年',
    '月', '日', '時', '分', '秒', '午', '後', '令', '元', '(', ')', '（', '）', '@', '+', '-', '.',
    ',', '/', ':', 'T', 'Z', 'E', 'e', '0', '1', '9', '９', ' ',
];

/// A number as it shows up in a cell: mostly small, sometimes a year at an
/// edge, sometimes far too many digits.
fn number(rng: &mut XorShift) -> String {
    match rng.below(20) {
        0..=10 => (1 + rng.below(12)).to_string(),
        11..=13 => format!("{:02}", rng.below(60)),
        14 => rng
            .pick(&[
                "0", "00", "1899", "1900", "1926", "1989", "1990", "2019", "2024", "2100", "9999",
                "10000", "45296", "60", "61", "2958465", "2958466", "24", "59", "31", "29",
            ])
            .to_string(),
        15 | 16 => rng.below(100_000).to_string(),
        17 => format!("{:03}", rng.below(1_000)),
        18 => rng.next().to_string(),
        _ => (0..1 + rng.below(25))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect(),
    }
}

/// A year: mostly one a shop's orders could carry, sometimes one at the edge
/// of what the parsers accept.
fn year(rng: &mut XorShift) -> String {
    if rng.chance(4) {
        number(rng)
    } else {
        (1985 + rng.below(50)).to_string()
    }
}

fn generated(rng: &mut XorShift) -> String {
    let template = *rng.pick(TEMPLATES);
    let mut text = String::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{y}") {
            text.push_str(&year(rng));
            rest = after;
            continue;
        }
        if c == '#' {
            text.push_str(&number(rng));
        } else {
            text.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mutations = if rng.chance(2) { 0 } else { 1 + rng.below(3) };
    for _ in 0..mutations {
        let at = rng.below(chars.len() + 1);
        let tricky = *rng.pick(TRICKY);
        match rng.below(3) {
            0 => chars.insert(at, tricky),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = tricky,
            _ => chars.push(tricky),
        }
    }
    let mut text: String = chars.into_iter().collect();
    if rng.chance(5) {
        // Typed in full-width mode.
        text = text
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
                ' ' => '\u{3000}',
                _ => c,
            })
            .collect();
    }
    if rng.chance(8) {
        text = format!("{}{text}{}", rng.pick(TRICKY), rng.pick(TRICKY));
    }
    text
}

#[test]
fn twenty_thousand_generated_cells_keep_the_value_parsers_promises() {
    let mut rng = XorShift(0x5EED_F00D_4A11_CE11);
    // How many cells each parser accepted, so that the generator is known to
    // reach the parsers' success paths and not only their errors.
    let mut dates = 0;
    let mut ambiguous = 0;
    let mut amounts = 0;
    let mut emails = 0;
    let mut phones = 0;
    for i in 0..20_000 {
        let cell = if i % 2_000 == 1_999 {
            // Cells beyond the parsers' length limits and Excel's cell limit,
            // with characters that take two UTF-16 units.
            let piece = generated(&mut rng) + "😀";
            piece.repeat(40_000 / piece.len() + 1)
        } else {
            generated(&mut rng)
        };
        fuzz::fuzz_check(&cell);
        match values::parse_datetime_text(&cell, DateOrder::YearFirst, true) {
            Ok(_) => dates += 1,
            Err(values::ValueError::AmbiguousDate { .. }) => ambiguous += 1,
            Err(_) => {}
        }
        if values::parse_amount_text(&cell).is_ok() {
            amounts += 1;
        }
        match keys::normalize_customer_key(&cell).map(|k| keys::classify_customer_key(&k)) {
            Some(KeyKind::Email) => emails += 1,
            Some(KeyKind::Phone) => phones += 1,
            _ => {}
        }
    }
    for (what, count) in [
        ("dates", dates),
        ("ambiguous dates", ambiguous),
        ("amounts", amounts),
        ("e-mail keys", emails),
        ("phone keys", phones),
    ] {
        assert!(count >= 50, "only {count} {what} among the generated cells");
    }
}
