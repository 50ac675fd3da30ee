//! The label and postcard PDFs read back by an independent reader, poppler's
//! `pdftotext` and `pdfinfo` (installed by `.ci/setup.sh`): the pages, the
//! page size, the names and where each lands.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;

fn temp_dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("horetsu-paper-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} (poppler-utils) is needed to read the PDF back: {e}; .ci/setup.sh installs it")
        });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdfinfo`'s page count and page size (pt).
fn info(file: &Path) -> (usize, f32, f32) {
    let out = Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (poppler-utils) is needed; .ci/setup.sh installs it");
    assert!(
        out.status.success(),
        "pdfinfo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_string()
    };
    let pages = field("Pages:").parse().unwrap();
    // "595.276 x 841.89 pts (A4)"
    let size = field("Page size:");
    let mut it = size.split_whitespace();
    let w = it.next().unwrap().parse().unwrap();
    it.next();
    let h = it.next().unwrap().parse().unwrap();
    (pages, w, h)
}

/// Words with their boxes, per page, from `pdftotext -bbox`.
struct Word {
    page: usize,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
    text: String,
}

fn words(file: &Path) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox"], file);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f32 {
            let from = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let to = rest[from..].find('"').unwrap();
            rest[from..from + to].parse().unwrap()
        };
        let text = rest[rest.find('>').unwrap() + 1..rest.rfind("</word>").unwrap()].to_string();
        out.push(Word {
            page,
            x_min: attr("xMin"),
            y_min: attr("yMin"),
            x_max: attr("xMax"),
            y_max: attr("yMax"),
            text,
        });
    }
    out
}

fn label(i: usize) -> LabelText {
    LabelText {
        postal_code: format!("{:03}-{:04}", 100 + i, 1000 + i),
        address: format!("東京都千代田区丸の内{}丁目{}番", 1 + i % 3, i),
        building: if i.is_multiple_of(2) {
            format!("丸の内ビル{}階", i % 9)
        } else {
            String::new()
        },
        name: format!("山田 花子{i:02}"),
    }
}

#[test]
fn labels_fill_ceil_n_over_12_a4_pages_each_name_inside_its_label() {
    let dir = temp_dir("labels");
    let labels: Vec<LabelText> = (0..25).map(label).collect();
    let file = dir.join("labels.pdf");
    std::fs::write(&file, labels_pdf(&labels, "宛名ラベル").unwrap()).unwrap();
    let (pages, w, h) = info(&file);
    assert_eq!(pages, 3, "ceil(25 / 12) pages");
    assert!(
        (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
        "A4: {w} × {h}"
    );

    let words = words(&file);
    let mm = |pt: f32| pt / MM;
    for (i, l) in labels.iter().enumerate() {
        let given = l.name.split_whitespace().nth(1).unwrap();
        let w = words
            .iter()
            .find(|w| w.text == given)
            .unwrap_or_else(|| panic!("{} not found", l.name));
        // The label this one belongs in: page, row and column of the sheet.
        let (page, slot) = (i / 12 + 1, i % 12);
        let (row, col) = (slot / 2, slot % 2);
        let left = sheet::LEFT + col as f32 * sheet::LABEL_W;
        let top = sheet::TOP + row as f32 * sheet::LABEL_H;
        assert_eq!(w.page, page, "{}", l.name);
        assert!(
            mm(w.x_min) > left && mm(w.x_max) < left + sheet::LABEL_W,
            "{} at x {}–{} mm, label {left}–{} mm",
            l.name,
            mm(w.x_min),
            mm(w.x_max),
            left + sheet::LABEL_W
        );
        assert!(
            mm(w.y_min) > top && mm(w.y_max) < top + sheet::LABEL_H,
            "{} at y {}–{} mm, label {top}–{} mm",
            l.name,
            mm(w.y_min),
            mm(w.y_max),
            top + sheet::LABEL_H
        );
        // The postal code comes first, above the name, in the same label.
        let code = format!("〒{}", l.postal_code);
        let c = words
            .iter()
            .find(|w| w.text == code)
            .unwrap_or_else(|| panic!("{code} not found"));
        assert_eq!(c.page, page);
        assert!(c.y_max < w.y_min, "〒 above the name");
        assert!(mm(c.y_min) > top && mm(c.x_min) > left);
    }
    // The honorific follows every name.
    let text = poppler("pdftotext", &["-layout"], &file);
    assert_eq!(text.matches('様').count(), 25);
    assert!(text.contains("東京都千代田区丸の内1丁目0番"), "{text}");
    assert!(text.contains("丸の内ビル0階"));
}

#[test]
fn a_long_address_is_made_smaller_or_wrapped_and_stays_inside_its_label() {
    let dir = temp_dir("long");
    let long = LabelText {
        postal_code: "060-0001".into(),
        address: "北海道札幌市中央区北一条西二十丁目三番地四十五号の六 札幌中央第一コーポラス"
            .into(),
        building: "札幌中央第一コーポラスグランドレジデンス北棟一二〇三号室(管理人室気付)".into(),
        name: "長谷川 真理子".into(),
    };
    let file = dir.join("long.pdf");
    std::fs::write(&file, labels_pdf(&[long], "x").unwrap()).unwrap();
    let right = (sheet::LEFT + sheet::LABEL_W) * MM;
    let words = words(&file);
    assert!(!words.is_empty());
    for w in &words {
        assert!(
            w.x_max <= right,
            "{} ends at {} pt, past {right}",
            w.text,
            w.x_max
        );
    }
    let text = poppler("pdftotext", &[], &file).replace(['\n', ' '], "");
    assert!(
        text.contains("北海道札幌市中央区北一条西二十丁目三番地四十五号の六"),
        "{text}"
    );
    assert!(text.contains("長谷川真理子様"), "{text}");
}

#[test]
fn postcards_are_one_100_by_148_mm_page_each_with_the_name_and_message() {
    let dir = temp_dir("cards");
    let message = "このたびはお買い上げいただき、ありがとうございます。お品物はお手元に届きましたでしょうか。\nご不明な点があれば、どうぞお気軽にご連絡ください。";
    let cards: Vec<PostcardText> = ["佐藤 一郎", "鈴木 桜", "Jane Smith"]
        .iter()
        .map(|n| PostcardText {
            name: (*n).into(),
            message: message.into(),
        })
        .collect();
    let file = dir.join("cards.pdf");
    std::fs::write(&file, postcards_pdf(&cards, "お礼状").unwrap()).unwrap();
    let (pages, w, h) = info(&file);
    assert_eq!(pages, 3);
    assert!(
        (w - 283.46).abs() < 0.5 && (h - 419.53).abs() < 0.5,
        "{w} × {h}"
    );
    let text = poppler("pdftotext", &[], &file);
    let per_page: Vec<&str> = text.split('\u{c}').collect();
    for (i, card) in cards.iter().enumerate() {
        let page = per_page[i].replace(['\n', ' '], "");
        assert!(
            page.contains(&format!("{}様", card.name.replace(' ', ""))),
            "{page}"
        );
        assert!(page.contains(&message.replace('\n', "")), "{page}");
    }
}

#[test]
fn wrapping_never_starts_a_line_with_closing_punctuation() {
    let mut font = Font::new().unwrap();
    let text = "ありがとうございます。お品物は、お手元に届きましたでしょうか。";
    for width in (40..200).step_by(3) {
        let lines = font.wrap(text, width as f32, 11.0);
        assert_eq!(lines.concat(), text, "nothing lost at {width}");
        for l in &lines[1..] {
            let first = l.chars().next().unwrap();
            assert!(!"、。".contains(first), "{l:?} at width {width}");
        }
    }
}

#[test]
fn no_labels_still_makes_a_valid_one_page_pdf() {
    let dir = temp_dir("none");
    let file = dir.join("none.pdf");
    std::fs::write(&file, labels_pdf(&[], "x").unwrap()).unwrap();
    assert_eq!(info(&file).0, 1);
}

#[test]
fn a_report_table_over_pages_repeats_its_header_and_every_page_is_numbered() {
    use super::report::{report_pdf, Block, Report, Section};
    let rows: Vec<Vec<String>> = (1..=120)
        .map(|i| vec![format!("行{i:03}"), format!("{}", i * 100)])
        .collect();
    let picture = Picture {
        width: 40,
        height: 30,
        rgb: vec![200; 40 * 30 * 3],
    };
    let doc = Report {
        title: "テストのレポート".into(),
        cover: vec!["ショップ: 試験店".into()],
        footer: "試験店 · 基準日 2026/11/01".into(),
        sections: vec![Section {
            heading: "一覧".into(),
            blocks: vec![
                Block::Table {
                    widths: vec![2.0, 1.0],
                    right: vec![false, true],
                    header: vec!["項目".into(), "金額".into()],
                    rows,
                },
                Block::Picture {
                    picture,
                    width: 0.5,
                },
            ],
            new_page: false,
        }],
    };
    let dir = temp_dir("report");
    let file = dir.join("report.pdf");
    std::fs::write(&file, report_pdf(&doc).unwrap().0).unwrap();
    let (pages, w, h) = info(&file);
    assert!(pages >= 3, "120 rows take several A4 pages: {pages}");
    assert!(
        (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0,
        "A4: {w} × {h}"
    );
    let text = poppler("pdftotext", &["-raw"], &file);
    let per_page: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(per_page.len(), pages);
    for (i, page) in per_page.iter().enumerate() {
        assert!(
            page.contains("項目"),
            "page {} repeats the header row",
            i + 1
        );
        assert!(
            page.contains(&format!("{} / {pages}", i + 1)),
            "page {} has its number",
            i + 1
        );
        assert!(page.contains("試験店 · 基準日 2026/11/01"));
    }
    // Every row once, in order.
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut at = 0;
    for i in 1..=120 {
        let needle = format!("行{i:03}{}", i * 100);
        let found = squeezed[at..]
            .find(&needle)
            .unwrap_or_else(|| panic!("{needle}"));
        at += found + needle.len();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
