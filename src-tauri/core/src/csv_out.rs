//! The one CSV writer of the product: every CSV Horetsu writes (rejected
//! rows, customer lists, `horetsu customers --csv`) goes through it.
//!
//! Text cells are formula-safe: a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading apostrophe (OWASP's advice for
//! CSV injection), so a spreadsheet shows it instead of running it. Numbers
//! are written as they are. Files for people get a UTF-8 byte-order mark and
//! CRLF line ends, which Excel on Windows reads correctly; Shift_JIS when
//! asked (older Japanese tools read nothing else), refusing a character
//! Shift_JIS cannot hold rather than writing a substitute.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One cell of a record.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text from the shop's data or ours: made formula-safe.
    Text(&'a str),
    /// A number (or an empty cell), written as it is.
    Number(&'a str),
}

/// A CSV stream over any writer.
pub struct CsvOut<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    /// A stream with `\n` line ends and no byte-order mark (standard output).
    pub fn plain(w: W) -> Self {
        CsvOut {
            inner: csv::Writer::from_writer(w),
        }
    }

    /// A stream for a file people open in a spreadsheet: a UTF-8 byte-order
    /// mark first, CRLF line ends.
    pub fn for_spreadsheets(mut w: W) -> std::io::Result<Self> {
        w.write_all(b"\xEF\xBB\xBF")?;
        Ok(CsvOut {
            inner: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(w),
        })
    }

    /// Writes one record.
    pub fn record<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) -> csv::Result<()> {
        for cell in cells {
            match cell {
                Cell::Text(t) => self.inner.write_field(safe_cell(t).as_bytes())?,
                Cell::Number(n) => self.inner.write_field(n.as_bytes())?,
            }
        }
        self.inner.write_record(None::<&[u8]>)
    }

    /// Flushes what was written.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Text that a spreadsheet must show as text: a leading `=`, `+`, `-`, `@`
/// (or a tab / carriage return) would make Excel run it as a formula, so such
/// text gets a leading apostrophe.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// The encoding of a CSV people open.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum CsvEncoding {
    /// UTF-8 (with a byte-order mark in files for people).
    #[default]
    Utf8,
    /// Shift_JIS (CP932), for tools that read nothing else.
    ShiftJis,
}

impl CsvEncoding {
    /// Parses `utf-8` or `shift_jis` (and their usual spellings).
    pub fn parse(text: &str) -> Option<CsvEncoding> {
        match text.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Some(CsvEncoding::Utf8),
            "shiftjis" | "sjis" | "cp932" | "windows31j" => Some(CsvEncoding::ShiftJis),
            _ => None,
        }
    }
}

/// `text` (UTF-8 CSV) as Shift_JIS bytes; an error names the first character
/// Shift_JIS cannot hold (an emoji, 𠮷…), since a substitute would change the
/// shop's data.
pub fn to_shift_jis(text: &str) -> Result<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    if unmappable {
        let c = text
            .chars()
            .find(|c| encoding_rs::SHIFT_JIS.encode(&c.to_string()).2)
            .unwrap_or('?');
        return Err(Error::invalid(
            "encoding",
            format!("「{c}」 cannot be written in Shift_JIS; write the CSV as UTF-8"),
        ));
    }
    Ok(bytes.into_owned())
}

/// A CSV for standard output through the product's one writer (no byte-order
/// mark, `\n` line ends): `rows` writes the header and the records; with
/// Shift_JIS the UTF-8 text is re-encoded, refusing what Shift_JIS cannot hold.
pub fn to_stdout(
    mut out: impl Write,
    encoding: CsvEncoding,
    rows: impl FnOnce(&mut CsvOut<&mut Vec<u8>>) -> csv::Result<()>,
) -> Result<()> {
    let failed = |e: String| Error::invalid("output", e);
    let mut utf8 = Vec::new();
    {
        let mut w = CsvOut::plain(&mut utf8);
        rows(&mut w).map_err(|e| failed(e.to_string()))?;
        w.flush().map_err(|e| failed(e.to_string()))?;
    }
    let bytes = match encoding {
        CsvEncoding::Utf8 => utf8,
        CsvEncoding::ShiftJis => {
            let text = String::from_utf8(utf8).map_err(|e| failed(e.to_string()))?;
            to_shift_jis(&text)?
        }
    };
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .map_err(|e| failed(e.to_string()))
}

/// A CSV file for people, written in memory and then to `path` at
/// [`CsvFile::finish`], through [`crate::files::write_file`] (never over a
/// workspace or another kind of file; over an existing CSV only when
/// `replace`).
pub struct CsvFile {
    path: PathBuf,
    replace: bool,
    encoding: CsvEncoding,
    out: CsvOut<Vec<u8>>,
}

impl CsvFile {
    /// Starts a file (nothing is written to disk before `finish`); refuses
    /// at once a target it could not replace.
    pub fn create(path: &Path, replace: bool) -> Result<CsvFile> {
        CsvFile::create_in(path, replace, CsvEncoding::Utf8)
    }

    /// As [`CsvFile::create`], in an encoding (Shift_JIS has no byte-order mark).
    pub fn create_in(path: &Path, replace: bool, encoding: CsvEncoding) -> Result<CsvFile> {
        crate::files::check_target(path, crate::files::FileKind::Csv, replace)?;
        let out = match encoding {
            CsvEncoding::Utf8 => {
                CsvOut::for_spreadsheets(Vec::new()).map_err(|e| write_error(path, e))?
            }
            CsvEncoding::ShiftJis => CsvOut {
                inner: csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new()),
            },
        };
        Ok(CsvFile {
            path: path.to_path_buf(),
            replace,
            encoding,
            out,
        })
    }

    /// Adds one record.
    pub fn record<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) -> Result<()> {
        self.out
            .record(cells)
            .map_err(|e| write_error(&self.path, e))
    }

    /// Writes the file.
    pub fn finish(self) -> Result<()> {
        let bytes = self
            .out
            .inner
            .into_inner()
            .map_err(|e| write_error(&self.path, e))?;
        let bytes = match self.encoding {
            CsvEncoding::Utf8 => bytes,
            CsvEncoding::ShiftJis => {
                to_shift_jis(std::str::from_utf8(&bytes).map_err(|e| write_error(&self.path, e))?)?
            }
        };
        crate::files::write_file(
            &self.path,
            crate::files::FileKind::Csv,
            self.replace,
            |tmp| std::fs::write(tmp, &bytes).map_err(|e| crate::files::write_error(&self.path, e)),
        )
    }
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_defused() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("-1+1"), "'-1+1");
        assert_eq!(safe_cell("髙橋"), "髙橋");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn a_file_for_people_has_a_bom_crlf_quoted_fields_and_safe_text() {
        let mut out = CsvOut::for_spreadsheets(Vec::new()).unwrap();
        out.record([Cell::Text("key"), Cell::Text("amount")])
            .unwrap();
        out.record([
            Cell::Text("=2+5+cmd|'/C calc'!A0@evil.jp"),
            Cell::Number("-1200"),
        ])
        .unwrap();
        out.record([Cell::Text("髙橋, \"一郎\""), Cell::Number("")])
            .unwrap();
        let bytes = out.inner.into_inner().unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "key,amount\r\n'=2+5+cmd|'/C calc'!A0@evil.jp,-1200\r\n\"髙橋, \"\"一郎\"\"\",\r\n"
        );
        // Read back by a CSV reader, the cells are what was meant.
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..]);
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows[2], vec!["髙橋, \"一郎\"".to_string(), String::new()]);
    }

    #[test]
    fn shift_jis_when_asked_and_never_a_substitute() {
        let sjis = to_shift_jis("会員ID,氏名\r\nM1,髙橋 一郎\r\n").unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&sjis);
        assert!(!bad);
        assert_eq!(back, "会員ID,氏名\r\nM1,髙橋 一郎\r\n");
        assert!(!sjis.starts_with(b"\xEF\xBB\xBF"));
        let e = to_shift_jis("M2,𠮷野家🍵\r\n").unwrap_err();
        assert!(e.to_string().contains("「𠮷」"), "{e}");
        assert_eq!(CsvEncoding::parse("Shift_JIS"), Some(CsvEncoding::ShiftJis));
        assert_eq!(CsvEncoding::parse("utf-8"), Some(CsvEncoding::Utf8));
        assert_eq!(CsvEncoding::parse("latin1"), None);
    }

    #[test]
    fn standard_output_has_no_bom_and_plain_line_ends() {
        let mut out = CsvOut::plain(Vec::new());
        out.record([Cell::Text("a"), Cell::Number("1")]).unwrap();
        assert_eq!(out.inner.into_inner().unwrap(), b"a,1\n");
    }
}
