//! Reading the rows of a file: Excel and OpenDocument workbooks through
//! calamine, CSV and TSV through the csv crate with encoding detection.
//!
//! `.xlsx`/`.xlsm` sheets are streamed cell by cell (memory does not grow
//! with the row count); `.xls`, `.xlsb` and `.ods` are read a sheet at a
//! time. CSV is decoded on the fly from UTF-8 (with or without BOM) or
//! Shift_JIS (CP932), detected from the bytes unless the user says which.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx};

pub use super::cell::Value;
use crate::error::{Error, ImportProblem, Result};

fn from_data_ref(d: DataRef<'_>) -> Value<'_> {
    match d {
        DataRef::Empty => Value::Empty,
        DataRef::String(s) => Value::Text(Cow::Owned(s)),
        DataRef::SharedString(s) => Value::Text(Cow::Borrowed(s)),
        DataRef::Float(f) => Value::Number(f),
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(dt) => Value::Serial(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::IsoDate(Cow::Owned(s)),
        DataRef::Error(e) => Value::CellError(e.to_string()),
    }
}

fn from_data(d: &Data) -> Value<'_> {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(Cow::Borrowed(s.as_str())),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => Value::Serial(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::IsoDate(Cow::Borrowed(s.as_str())),
        Data::Error(e) => Value::CellError(e.to_string()),
    }
}

/// The file formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.xlsx`, `.xlsm` (streamed).
    Xlsx,
    /// `.xls`, `.xlsb`, `.ods` (a sheet at a time).
    Workbook(WorkbookKind),
    /// `.csv`, `.tsv`, `.txt`.
    Delimited,
}

/// The workbooks read a sheet at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    Xls,
    Xlsb,
    Ods,
}

/// Text encodings of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Shift_JIS as Windows writes it (CP932), with NEC and IBM extensions.
    ShiftJis,
    /// UTF-16 little-endian with a byte-order mark: Excel's 「Unicode
    /// テキスト」 (tab-separated).
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
}

impl Encoding {
    /// Parses `utf-8`, `utf8`, `shift_jis`, `sjis`, `cp932`, `windows-31j`.
    pub fn parse(text: &str) -> Option<Encoding> {
        match text.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" | "utf8bom" | "utf8sig" => Some(Encoding::Utf8),
            "shiftjis" | "sjis" | "cp932" | "windows31j" | "ms932" | "mskanji" => {
                Some(Encoding::ShiftJis)
            }
            "utf16" | "utf16le" | "unicode" => Some(Encoding::Utf16Le),
            "utf16be" => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS (CP932)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }
}

/// Detects the format from the file's content where the first bytes are
/// sure (an old `.xls` saved under another name is read as `.xls`, a
/// workbook named `.csv` as the workbook it is), else from its name; a
/// mislabelled or damaged file gets a clear message. Zip-based workbooks are
/// held to [`super::zip_guard`]'s limits before anything inflates them.
pub fn detect_format(path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let mut head = [0u8; 8];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| read_error(path, &e.to_string()))?;
    let head = &head[..n];
    let is_zip = head.starts_with(b"PK\x03\x04");
    let is_ole = head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let ours = matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" | "tsv" | "txt"
    );
    if ours && is_ole {
        // An OLE container: an old Excel workbook, or an encrypted new one.
        if ole_holds_encrypted_package(path)? {
            return Err(import_error(
                path,
                ImportProblem::Encrypted,
                "the workbook is encrypted (password-protected); open it in Excel, remove the password and save it again",
            ));
        }
        return Ok(Format::Workbook(WorkbookKind::Xls));
    }
    if ours && is_zip {
        super::zip_guard::check(path)?;
        return Ok(match zip_kind(path) {
            Some(kind) => kind,
            None if ext == "ods" => Format::Workbook(WorkbookKind::Ods),
            None if ext == "xlsb" => Format::Workbook(WorkbookKind::Xlsb),
            // The workbook reader says what is wrong with it.
            None => Format::Xlsx,
        });
    }
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let kind = if matches!(ext.as_str(), "ods") { "OpenDocument" } else { "Excel" };
            let what = if looks_like_text(path) {
                format!("the file is not a valid {kind} workbook: it is text (a CSV or TSV?) named .{ext}; rename it to .csv and import it again")
            } else {
                format!("the file is not a valid {kind} workbook (it may be damaged, or another kind of file renamed)")
            };
            Err(import_error(path, ImportProblem::NotAWorkbook, &what))
        }
        "csv" | "tsv" | "txt" => Ok(Format::Delimited),
        "" => Err(import_error(path, ImportProblem::NoExtension, "the file has no extension; name it .xlsx, .xls, .ods, .csv or .tsv")),
        other => Err(import_error(
            path,
            ImportProblem::UnknownType,
            &format!("files of type .{other} cannot be imported; use .xlsx, .xlsm, .xls, .ods, .csv or .tsv"),
        )),
    }
}

/// Whether the file starts like text: no NUL byte in its first 8 KB, or a
/// UTF-16 byte-order mark.
fn looks_like_text(path: &Path) -> bool {
    let mut head = Vec::new();
    if File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .is_err()
    {
        return false;
    }
    !head.is_empty() && (utf16_bom(&head).is_some() || !head.contains(&0))
}

/// Which workbook a zip holds, by its parts.
fn zip_kind(path: &Path) -> Option<Format> {
    let zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Some(Format::Workbook(WorkbookKind::Xlsb))
    } else if has("content.xml") {
        Some(Format::Workbook(WorkbookKind::Ods))
    } else {
        None
    }
}

/// Whether an OLE container holds an `EncryptedPackage` stream (an
/// encrypted `.xlsx`) rather than an old `.xls` workbook: its directory
/// names the stream in UTF-16LE.
fn ole_holds_encrypted_package(path: &Path) -> Result<bool> {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut file = File::open(path).map_err(|e| read_error(path, &e.to_string()))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut carry = 0usize;
    loop {
        let n = file
            .read(&mut buf[carry..])
            .map_err(|e| read_error(path, &e.to_string()))?;
        if n == 0 {
            return Ok(false);
        }
        let end = carry + n;
        if memchr::memmem::find(&buf[..end], &needle).is_some() {
            return Ok(true);
        }
        // Keep the tail, in case the name straddles two reads.
        let keep = needle.len().min(end);
        buf.copy_within(end - keep..end, 0);
        carry = keep;
    }
}

pub(crate) fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn import_error(path: &Path, problem: ImportProblem, reason: &str) -> Error {
    Error::ImportFailed {
        file: file_label(path),
        problem,
        reason: reason.to_string(),
    }
}

fn read_error(path: &Path, reason: &str) -> Error {
    Error::FileRead {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Explains a calamine error in words a shop owner can act on. The reader's
/// own text (zip, XML or compound-file internals) is not shown.
fn workbook_error(path: &Path, e: impl std::fmt::Display) -> Error {
    let lower = e.to_string().to_ascii_lowercase();
    let (problem, reason) = if lower.contains("password") || lower.contains("encrypt") {
        (
            ImportProblem::Encrypted,
            "the workbook is encrypted (password-protected); remove the password in Excel and save it again",
        )
    } else if lower.contains("zip")
        || lower.contains("eof")
        || lower.contains("end of")
        || lower.contains("invalid")
        || lower.contains("cfb")
    {
        (
            ImportProblem::Damaged,
            "the workbook is damaged or incomplete (was it fully downloaded?); open it in Excel and save it again, or download it again",
        )
    } else {
        (
            ImportProblem::Other,
            "the workbook cannot be read (it may be damaged, or written by a program Excel does not read either); open it in Excel and save it again as .xlsx",
        )
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if problem != ImportProblem::Encrypted && ext != "xls" && is_ole(path) {
        return import_error(
            path,
            problem,
            &format!(
                "the file is an old Excel workbook (.xls) named .{ext}, and it {}",
                reason.trim_start_matches("the workbook ")
            ),
        );
    }
    import_error(path, problem, reason)
}

fn is_ole(path: &Path) -> bool {
    let mut head = [0u8; 4];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == [0xD0, 0xCF, 0x11, 0xE0])
}

/// The sheet names of a workbook (a CSV file has one sheet, named after the file).
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    Ok(SourceFile::open(path, TextOptions::default())?.sheet_names())
}

/// Options for reading delimited text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// The encoding, or `None` to detect it.
    pub encoding: Option<Encoding>,
}

/// Detects the encoding of CSV bytes: a UTF-16 byte-order mark means
/// UTF-16 (Excel's 「Unicode テキスト」); a UTF-8 BOM or valid UTF-8 means
/// UTF-8; anything else is read as Shift_JIS (CP932), the other encoding
/// Japanese shop tools write.
pub fn detect_encoding(sample: &[u8]) -> Encoding {
    if let Some(e) = utf16_bom(sample) {
        return e;
    }
    if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => Encoding::Utf8,
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && sample.len() - e.valid_up_to() < 4 => Encoding::Utf8,
        Err(_) => Encoding::ShiftJis,
    }
}

/// The UTF-16 encoding a byte-order mark names.
fn utf16_bom(sample: &[u8]) -> Option<Encoding> {
    if sample.starts_with(&[0xFF, 0xFE]) {
        Some(Encoding::Utf16Le)
    } else if sample.starts_with(&[0xFE, 0xFF]) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether text bytes look like UTF-16 without a byte-order mark: many
/// NUL bytes, nearly all at odd (little-endian) or at even positions.
fn looks_like_utf16_without_bom(sample: &[u8]) -> bool {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let half = sample.len() / 2;
    half >= 8
        && (odd * 10 >= half * 3 && even * 20 < odd || even * 10 >= half * 3 && odd * 20 < even)
}

/// Decodes a whole (small) text file in its detected encoding, as the
/// import reads CSV files: UTF-16 with a BOM, UTF-8 with or without one,
/// else Shift_JIS.
pub fn decode_text(bytes: &[u8]) -> String {
    let encoding = detect_encoding(bytes);
    encoding.encoding_rs().decode(bytes).0.into_owned()
}

/// A `Read` that turns Shift_JIS or UTF-8 (with BOM) bytes into UTF-8.
struct Decoding<R: Read> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    input_start: usize,
    input_end: usize,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    eof: bool,
    pending_error: bool,
}

impl<R: Read> Decoding<R> {
    fn new(inner: R, encoding: Encoding) -> Self {
        let decoder = match encoding {
            Encoding::ShiftJis => encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling(),
            other => other.encoding_rs().new_decoder_with_bom_removal(),
        };
        Decoding {
            inner,
            decoder,
            input: vec![0; 1 << 16],
            input_start: 0,
            input_end: 0,
            output: vec![0; 3 << 16],
            output_start: 0,
            output_end: 0,
            eof: false,
            pending_error: false,
        }
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.output_start < self.output_end {
                let n = buf.len().min(self.output_end - self.output_start);
                buf[..n].copy_from_slice(&self.output[self.output_start..self.output_start + n]);
                self.output_start += n;
                return Ok(n);
            }
            if self.pending_error {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "invalid byte sequence for the encoding",
                ));
            }
            if self.eof && self.input_start == self.input_end {
                return Ok(0);
            }
            if self.input_start == self.input_end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.input_start = 0;
                self.input_end = n;
                if n == 0 {
                    self.eof = true;
                }
            }
            // Strict: a byte sequence the encoding does not allow is an error,
            // never a silent U+FFFD in a shop's data.
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.input_start..self.input_end],
                &mut self.output,
                self.eof,
            );
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                // Hand out what was decoded first; the error comes on the next call.
                self.pending_error = true;
                continue;
            }
            if written == 0 && self.eof && self.input_start == self.input_end {
                return Ok(0);
            }
        }
    }
}

/// What a row visitor says after each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Give me the next row.
    Continue,
    /// Stop reading (enough rows for a preview, or cancelled).
    Stop,
}

/// Facts about the sheet being read.
#[derive(Debug, Clone)]
pub struct SheetMeta {
    /// The sheet (or, for CSV, file) name.
    pub sheet: String,
    /// The workbook uses the 1904 date system.
    pub date1904: bool,
    /// The encoding a CSV was read with.
    pub encoding: Option<Encoding>,
}

/// A file opened once for everything an import reads from it: the sheet
/// names, the first rows of each sheet (to find the header), and the rows.
/// Opening an xlsx parses its shared strings, which for a big export takes
/// as long as reading many rows; doing it once matters.
pub struct SourceFile {
    path: std::path::PathBuf,
    text: TextOptions,
    opened: Opened,
    /// The fast sheet reader for `.xlsx` imports: not tried yet, opened, or
    /// not usable for this file (calamine reads it then).
    fast: FastState,
}

enum FastState {
    Untried,
    Open(Box<super::xlsx_fast::Book>),
    Off,
}

enum Opened {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    Workbook(Box<calamine::Sheets<BufReader<File>>>),
    Delimited,
}

impl SourceFile {
    /// Opens a file (checking its format first).
    pub fn open(path: &Path, text: TextOptions) -> Result<SourceFile> {
        let opened = match detect_format(path)? {
            Format::Xlsx => Opened::Xlsx(Box::new(
                calamine::open_workbook(path).map_err(|e| workbook_error(path, e))?,
            )),
            Format::Workbook(kind) => Opened::Workbook(Box::new(
                open_by_kind(path, kind).map_err(|e| workbook_error(path, e))?,
            )),
            Format::Delimited => Opened::Delimited,
        };
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
            opened,
            fast: FastState::Untried,
        })
    }

    /// Reads `.xlsx` sheets with calamine only (the reference the fast reader
    /// is compared with).
    pub fn calamine_only(&mut self) {
        self.fast = FastState::Off;
    }

    /// True when reading the rows is quick next to writing them (xlsx, whose
    /// sheets the fast reader streams, and CSV); false for xls and ods, read a
    /// whole sheet at a time by calamine.
    pub fn reads_quickly(&self) -> bool {
        !matches!(self.opened, Opened::Workbook(_))
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The sheet names (a CSV file has one sheet, named after the file).
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.opened {
            Opened::Xlsx(wb) => wb.sheet_names(),
            Opened::Workbook(wb) => wb.sheet_names(),
            Opened::Delimited => vec![file_label(&self.path)],
        }
    }

    /// Every sheet with whether it is visible (hidden and "very hidden"
    /// sheets are not).
    fn sheets_with_visibility(&self) -> Vec<(String, bool)> {
        let of = |sheets: &[calamine::Sheet]| {
            sheets
                .iter()
                .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
                .collect()
        };
        match &self.opened {
            Opened::Xlsx(wb) => of(wb.sheets_metadata()),
            Opened::Workbook(wb) => of(wb.sheets_metadata()),
            Opened::Delimited => vec![(file_label(&self.path), true)],
        }
    }

    /// The sheets an import reads unless a sheet is named: the visible ones,
    /// the workbook's active sheet (the one Excel shows on opening) first.
    /// Hidden sheets are read only when named: a workbook can hide a sheet
    /// nobody looking at it would expect to be imported.
    pub fn default_sheets(&self) -> Vec<String> {
        let all = self.sheets_with_visibility();
        let mut visible: Vec<String> = all.iter().filter(|s| s.1).map(|s| s.0.clone()).collect();
        if let Opened::Xlsx(_) = &self.opened {
            let active = active_tab(&self.path)
                .and_then(|i| all.get(i))
                .filter(|s| s.1);
            if let Some((name, _)) = active {
                visible.retain(|n| n != name);
                visible.insert(0, name.clone());
            }
        }
        visible
    }

    /// The hidden (and very hidden) sheets.
    pub fn hidden_sheets(&self) -> Vec<String> {
        self.sheets_with_visibility()
            .into_iter()
            .filter(|s| !s.1)
            .map(|s| s.0)
            .collect()
    }

    /// Reads up to `limit` rows of a sheet, owned.
    pub fn first_rows(&mut self, sheet: &str, limit: usize) -> Result<(SheetMeta, OwnedRows)> {
        let mut rows = Vec::new();
        let meta = self.visit(sheet, |_, n, cells| {
            rows.push((n, cells.iter().cloned().map(Value::into_owned).collect()));
            Ok(if rows.len() >= limit {
                Flow::Stop
            } else {
                Flow::Continue
            })
        })?;
        Ok((meta, rows))
    }

    /// Calls `visit(meta, row_number, cells)` for every row of one sheet, in
    /// order, until it returns [`Flow::Stop`]. Row numbers are 1-based as a
    /// spreadsheet shows them; `sheet` is ignored for CSV. Cells borrow from
    /// the reader, so nothing is copied that the visitor does not keep.
    pub fn visit(
        &mut self,
        sheet: &str,
        visit: impl FnMut(&SheetMeta, u32, &[Value<'_>]) -> Result<Flow>,
    ) -> Result<SheetMeta> {
        self.visit_masked(sheet, None, visit)
    }

    /// As [`SourceFile::visit`], but only the columns marked in `wanted` are
    /// read into the row (others stay empty, and so do columns beyond the
    /// mask): the importer reads only the columns it maps.
    pub fn visit_masked(
        &mut self,
        sheet: &str,
        wanted: Option<&[bool]>,
        mut visit: impl FnMut(&SheetMeta, u32, &[Value<'_>]) -> Result<Flow>,
    ) -> Result<SheetMeta> {
        let path = self.path.clone();
        let path = path.as_path();
        match &mut self.opened {
            Opened::Xlsx(workbook) => {
                let meta = SheetMeta {
                    sheet: sheet.to_string(),
                    date1904: workbook.has_1904_epoch(),
                    encoding: None,
                };
                // A whole-sheet read for the import goes through the fast
                // reader when it can open the file; previews use calamine.
                if let Some(mask) = wanted {
                    if let FastState::Untried = self.fast {
                        self.fast = match super::xlsx_fast::Book::open(path) {
                            Ok(book) if book.date1904() == meta.date1904 => {
                                FastState::Open(Box::new(book))
                            }
                            _ => FastState::Off,
                        };
                    }
                    if let FastState::Open(book) = &mut self.fast {
                        book.visit(
                            sheet,
                            mask,
                            |n, cells| Ok(visit(&meta, n, cells)? == Flow::Continue),
                            |e| workbook_error(path, e),
                        )?;
                        return Ok(meta);
                    }
                }
                let mut reader = workbook
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| workbook_error(path, e))?;
                let mut row: Vec<Value<'_>> = Vec::new();
                let mut current: Option<u32> = None;
                let width = wanted.map(<[bool]>::len);
                while let Some(cell) = reader.next_cell().map_err(|e| workbook_error(path, e))? {
                    let (r, c) = cell.get_position();
                    if current != Some(r) {
                        if let Some(prev) = current {
                            if visit(&meta, prev + 1, &row)? == Flow::Stop {
                                return Ok(meta);
                            }
                        }
                        row.clear();
                        if let Some(w) = width {
                            row.resize(w, Value::Empty);
                        }
                        current = Some(r);
                    }
                    match wanted {
                        None => put(&mut row, c, from_data_ref(cell.get_value().clone())),
                        Some(mask) => {
                            if mask.get(c as usize).copied().unwrap_or(false) {
                                row[c as usize] = from_data_ref(cell.get_value().clone());
                            }
                        }
                    }
                }
                if let Some(prev) = current {
                    visit(&meta, prev + 1, &row)?;
                }
                Ok(meta)
            }
            Opened::Workbook(wb) => {
                let range = wb
                    .worksheet_range(sheet)
                    .map_err(|e| workbook_error(path, e))?;
                let meta = SheetMeta {
                    sheet: sheet.to_string(),
                    date1904: false,
                    encoding: None,
                };
                let (start_row, start_col) = range.start().unwrap_or((0, 0));
                let mut row: Vec<Value<'_>> = Vec::new();
                for (i, cells) in range.rows().enumerate() {
                    row.clear();
                    row.resize(start_col as usize, Value::Empty);
                    row.extend(cells.iter().map(from_data));
                    if visit(&meta, start_row + i as u32 + 1, &row)? == Flow::Stop {
                        break;
                    }
                }
                Ok(meta)
            }
            Opened::Delimited => visit_delimited(path, self.text, visit),
        }
    }
}

/// The index of the active sheet of an `.xlsx` (`activeTab` of its
/// workbook view; absent means the first sheet).
fn active_tab(path: &Path) -> Option<usize> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut xml)
        .ok()?;
    let view = &xml[xml.find("<workbookView")?..];
    let view = &view[..view.find('>')?];
    let at = view.find("activeTab=")? + "activeTab=".len();
    view[at..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// Opens a workbook read a sheet at a time by what it is (not by its name:
/// an `.xls` saved as `.xlsx` is read as `.xls`).
fn open_by_kind(
    path: &Path,
    kind: WorkbookKind,
) -> std::result::Result<calamine::Sheets<BufReader<File>>, calamine::Error> {
    Ok(match kind {
        WorkbookKind::Xls => calamine::Sheets::Xls(calamine::open_workbook(path)?),
        WorkbookKind::Xlsb => calamine::Sheets::Xlsb(calamine::open_workbook(path)?),
        WorkbookKind::Ods => calamine::Sheets::Ods(calamine::open_workbook(path)?),
    })
}

/// [`SourceFile::visit`] for a file opened just for this.
pub fn visit_rows(
    path: &Path,
    sheet: &str,
    text: TextOptions,
    visit: impl FnMut(&SheetMeta, u32, &[Value<'_>]) -> Result<Flow>,
) -> Result<SheetMeta> {
    SourceFile::open(path, text)?.visit(sheet, visit)
}

fn visit_delimited(
    path: &Path,
    text: TextOptions,
    mut visit: impl FnMut(&SheetMeta, u32, &[Value<'_>]) -> Result<Flow>,
) -> Result<SheetMeta> {
    let mut file = File::open(path).map_err(|e| read_error(path, &e.to_string()))?;
    let mut sample = vec![0u8; 1 << 16];
    let n = read_full(&mut file, &mut sample).map_err(|e| read_error(path, &e.to_string()))?;
    sample.truncate(n);
    let encoding = match text.encoding {
        Some(e) => e,
        None => {
            if utf16_bom(&sample).is_none() {
                if looks_like_utf16_without_bom(&sample) {
                    return Err(import_error(
                        path,
                        ImportProblem::UnknownType,
                        "the text is UTF-16 without a byte-order mark; save it again from Excel as 「Unicode テキスト」 or as CSV UTF-8",
                    ));
                }
                if sample.contains(&0) {
                    return Err(import_error(
                        path,
                        ImportProblem::UnknownType,
                        "the file is not text (it is named like a CSV but holds something else); export the list again as CSV",
                    ));
                }
            }
            detect_file_encoding(path, &sample)?
        }
    };
    let delimiter = detect_delimiter(path, &encoding.encoding_rs().decode(&sample).0);
    let meta = SheetMeta {
        sheet: file_label(path),
        date1904: false,
        encoding: Some(encoding),
    };
    let chained = std::io::Cursor::new(sample).chain(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(Decoding::new(chained, encoding));
    let mut record = csv::StringRecord::new();
    // Row numbers as a spreadsheet shows the file: the csv reader skips empty
    // lines, which are rows in Excel; a quoted cell spanning lines is one row.
    let mut row_number = 0u32;
    let mut next_line = 1u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let reason = if e.to_string().contains("invalid")
                    || e.to_string().contains("stream did not contain valid UTF-8")
                {
                    format!(
                        "the text after row {row_number} is not valid {}; choose the file's encoding (UTF-8 or Shift_JIS) and import again",
                        encoding.label()
                    )
                } else {
                    format!("the CSV cannot be read after row {row_number}: {e}")
                };
                return Err(import_error(path, ImportProblem::Other, &reason));
            }
        }
        let start_line = record.position().map(|p| p.line()).unwrap_or(next_line);
        row_number += 1 + start_line.saturating_sub(next_line) as u32;
        let inner_breaks: u64 = record
            .iter()
            .map(|f| f.bytes().filter(|&b| b == b'\n').count() as u64)
            .sum();
        next_line = start_line + 1 + inner_breaks;
        let row: Vec<Value<'_>> = record
            .iter()
            .map(|f| {
                if f.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(Cow::Borrowed(f))
                }
            })
            .collect();
        if visit(&meta, row_number, &row)? == Flow::Stop {
            break;
        }
    }
    Ok(meta)
}

/// The encoding of a CSV file: decided on the first stretch of text that is
/// not plain ASCII (which reads the same in both encodings), wherever in the
/// file it is. A file that is ASCII throughout is UTF-8.
fn detect_file_encoding(path: &Path, sample: &[u8]) -> Result<Encoding> {
    if let Some(e) = utf16_bom(sample) {
        return Ok(e);
    }
    if !sample.is_ascii() {
        return Ok(detect_encoding(sample));
    }
    let mut file = File::open(path).map_err(|e| read_error(path, &e.to_string()))?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = read_full(&mut file, &mut buf).map_err(|e| read_error(path, &e.to_string()))?;
        if n == 0 {
            return Ok(Encoding::Utf8);
        }
        if let Some(first) = buf[..n].iter().position(|b| !b.is_ascii()) {
            // Take a sample starting at the first non-ASCII byte.
            let mut window = buf[first..n].to_vec();
            if window.len() < 4096 {
                let mut more = vec![0u8; 4096];
                let m = read_full(&mut file, &mut more)
                    .map_err(|e| read_error(path, &e.to_string()))?;
                window.extend_from_slice(&more[..m]);
            }
            return Ok(detect_encoding(&window));
        }
        if n < buf.len() {
            return Ok(Encoding::Utf8);
        }
    }
}

fn put<'a>(out: &mut Vec<Value<'a>>, col: u32, v: Value<'a>) {
    let col = col as usize;
    if col > 16_384 {
        return;
    }
    if out.len() <= col {
        out.resize(col + 1, Value::Empty);
    }
    out[col] = v;
}

/// Rows with their numbers, owned.
pub type OwnedRows = Vec<(u32, Vec<Value<'static>>)>;

/// Reads up to `limit` rows of a sheet, owned (for header detection and previews).
pub fn first_rows(
    path: &Path,
    sheet: &str,
    text: TextOptions,
    limit: usize,
) -> Result<(SheetMeta, OwnedRows)> {
    SourceFile::open(path, text)?.first_rows(sheet, limit)
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = file.read(&mut buf[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

/// Tab or comma, from the name (`.tsv`) or the first line of the decoded text.
fn detect_delimiter(path: &Path, sample: &str) -> u8 {
    if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
    {
        return b'\t';
    }
    let first_line = sample.split('\n').next().unwrap_or(sample);
    let tabs = first_line.matches('\t').count();
    let commas = first_line.matches(',').count();
    if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
