//! The import pipeline: one reader thread turns rows into records, the
//! calling thread writes them in the open transaction.
//!
//! Why two threads: reading an xlsx is mostly inflating and parsing XML, and
//! writing is mostly SQLite; on a two-core laptop the two overlap, so a big
//! workbook imports in about the time it takes just to read it. The channel
//! between them is bounded, so memory does not grow with the row count.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::mapping::{self, ColumnMap, Field, FieldChoice, ImportKind, Mapping, Preset};
use super::source::{self, Flow, SheetMeta, SourceFile, TextOptions, Value};
use super::values::{self, OrderStatus, ValueError};
use super::{
    batches, ImportOptions, ImportProgress, ImportReport, Preview, PreviewRow, Rejection,
    SheetChoice,
};
use crate::error::{Error, Result};
use crate::points;
use crate::store::customers::{Column, NewCustomer};
use crate::store::orders::{NewLine, NewOrder};
use crate::store::{self, Tx};
use crate::Workspace;

/// How many rows are searched for the header row.
const HEADER_SCAN_ROWS: usize = 30;
/// Rows per message between the threads.
const BATCH_ROWS: usize = 2048;
/// Messages in flight between the threads.
const CHANNEL_DEPTH: usize = 8;

/// What an import needs from the outside world: the clock, a cancel flag
/// and a progress callback (core never reads the clock itself).
pub struct Context<'a> {
    /// Today, for the plausibility check of dates (nothing after today + 1 year).
    pub today: NaiveDate,
    /// The time stamp written on the import batch.
    pub now: &'a str,
    /// Set to cancel; the transaction is then rolled back.
    pub cancel: &'a AtomicBool,
    /// Called now and then with the progress.
    pub progress: &'a (dyn Fn(ImportProgress) + Sync),
}

fn cancelled(ctx: &Context<'_>) -> bool {
    ctx.cancel.load(Ordering::Relaxed)
}

/// Every preset the workspace knows: built-in ones and the user's own.
pub fn presets(ws: &Workspace) -> Result<Vec<Preset>> {
    let mut all = mapping::builtin_presets();
    all.extend(ws.with_conn(batches::saved_presets)?);
    Ok(all)
}

fn find_preset(all: &[Preset], name: &str, kind: ImportKind) -> Result<Preset> {
    all.iter()
        .find(|p| p.name == name && p.kind == kind)
        .cloned()
        .ok_or_else(|| {
            Error::invalid(
                "--preset",
                format!(
                    "no {} preset named \"{name}\"; built in: shopify, rakuten, rakuten_old, base, amazon, online_retail, online_retail_ii",
                    kind.id()
                ),
            )
        })
}

/// The header row of a sheet: the row among the first rows that names the
/// most fields (at least two), so title rows above it are skipped.
fn find_header(rows: &[(u32, Vec<Value<'static>>)], kind: ImportKind) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in rows.iter().enumerate() {
        let score = mapping::header_score(cells, kind);
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

fn no_columns_error(path: &Path, sheet: &str, kind: ImportKind) -> Error {
    let expected = match kind {
        ImportKind::Orders => {
            "注文番号 / order number, 注文日 / order date and 金額 / amount (or 数量 and 単価)"
        }
        ImportKind::Customers => "顧客ID / customer id (or メールアドレス / e-mail)",
        ImportKind::Events => "顧客ID / customer id, 日付 / date and 種別 / kind",
        ImportKind::Nps => "回答日 / date and スコア / score",
    };
    source::import_error(
        path,
        &format!("no usable columns in sheet \"{sheet}\": no header row names the columns; expected headers such as {expected}"),
    )
}

struct SheetLayout {
    header_index: usize,
    mapping: Mapping,
    preset: Option<Preset>,
}

fn layout_of(
    presets: &[Preset],
    path: &Path,
    sheet: &str,
    rows: &[(u32, Vec<Value<'static>>)],
    opts: &ImportOptions,
) -> Result<SheetLayout> {
    let header_index = find_header(rows, opts.kind)
        .or_else(|| {
            // With explicit choices the header row may name nothing we know.
            (!opts.choices.is_empty())
                .then(|| {
                    rows.iter()
                        .position(|(_, c)| c.iter().any(|v| !v.is_blank()))
                })
                .flatten()
        })
        .ok_or_else(|| {
            if rows.iter().all(|(_, c)| c.iter().all(Value::is_blank)) {
                source::import_error(path, &format!("sheet \"{sheet}\" is empty"))
            } else {
                no_columns_error(path, sheet, opts.kind)
            }
        })?;
    let header = &rows[header_index].1;
    let preset = match &opts.preset {
        Some(name) => Some(find_preset(presets, name, opts.kind)?),
        None if opts.kind == ImportKind::Orders => mapping::detect_preset(header),
        None => None,
    };
    let mapping = mapping::map_header(header, opts.kind, preset.as_ref(), &opts.choices)
        .map_err(|e| Error::invalid("--map", e))?;
    Ok(SheetLayout {
        header_index,
        mapping,
        preset,
    })
}

fn missing_error(path: &Path, sheet: &str, missing: &[Field]) -> Error {
    let names: Vec<String> = missing
        .iter()
        .map(|f| format!("{} ({})", f.label_ja(), f.id()))
        .collect();
    source::import_error(
        path,
        &format!(
            "no usable columns in sheet \"{sheet}\": no column for {}; name it with --map {}=HEADER",
            names.join(", "),
            missing.first().map(|f| f.id()).unwrap_or("field")
        ),
    )
}

/// Shows a file before anything is written: sheets, header row, mapping,
/// the first rows, and what is missing.
pub fn preview(ws: &Workspace, path: &Path, opts: &ImportOptions, limit: usize) -> Result<Preview> {
    let presets = presets(ws)?;
    let mut file = SourceFile::open(
        path,
        TextOptions {
            encoding: opts.encoding,
        },
    )?;
    let sheets = file.sheet_names();
    let sheet = match &opts.sheet {
        SheetChoice::Named(name) => {
            if !sheets.contains(name) {
                return Err(sheet_not_found(path, name, &sheets));
            }
            name.clone()
        }
        _ => first_usable_sheet(&mut file, &sheets, opts)?,
    };
    let (meta, rows) = file.first_rows(&sheet, HEADER_SCAN_ROWS + limit)?;
    let layout = layout_of(&presets, path, &sheet, &rows, opts)?;
    let missing = mapping::missing_required(opts.kind, &layout.mapping);
    let preview_rows = rows[layout.header_index + 1..]
        .iter()
        .filter(|(_, c)| !c.iter().all(Value::is_blank))
        .take(limit)
        .map(|(n, cells)| PreviewRow {
            row: *n,
            cells: cells.iter().map(Value::display).collect(),
        })
        .collect();
    Ok(Preview {
        file: source::file_label(path),
        sheets,
        sheet,
        encoding: meta.encoding,
        header_row: rows[layout.header_index].0,
        preset: layout.preset.map(|p| p.name),
        columns: layout.mapping.columns,
        fields: opts.kind.fields().to_vec(),
        missing,
        rows: preview_rows,
        warnings: layout.mapping.warnings,
    })
}

fn sheet_not_found(path: &Path, name: &str, sheets: &[String]) -> Error {
    source::import_error(
        path,
        &format!(
            "there is no sheet named \"{name}\"; the sheets are: {}",
            sheets.join(", ")
        ),
    )
}

fn first_usable_sheet(
    file: &mut SourceFile,
    sheets: &[String],
    opts: &ImportOptions,
) -> Result<String> {
    for sheet in sheets {
        let (_, rows) = file.first_rows(sheet, HEADER_SCAN_ROWS)?;
        if find_header(&rows, opts.kind).is_some() {
            return Ok(sheet.clone());
        }
    }
    sheets
        .first()
        .cloned()
        .ok_or_else(|| source::import_error(file.path(), "the workbook has no sheets"))
}

/// The sheets to import from one file, each with its layout.
fn plan_file(
    file: &mut SourceFile,
    opts: &ImportOptions,
    presets: &[Preset],
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, SheetLayout)>> {
    let path = file.path().to_path_buf();
    let label = source::file_label(&path);
    let sheets = file.sheet_names();
    let chosen: Vec<String> = match &opts.sheet {
        SheetChoice::Named(name) => {
            if !sheets.contains(name) {
                return Err(sheet_not_found(&path, name, &sheets));
            }
            vec![name.clone()]
        }
        SheetChoice::First => vec![first_usable_sheet(file, &sheets, opts)?],
        SheetChoice::All => {
            let mut chosen = Vec::new();
            let mut layout: Option<Vec<String>> = None;
            for sheet in &sheets {
                let (_, rows) = file.first_rows(sheet, HEADER_SCAN_ROWS)?;
                let Some(h) = find_header(&rows, opts.kind) else {
                    warnings.push(format!("{label}: sheet \"{sheet}\" skipped: no header row"));
                    continue;
                };
                let names: Vec<String> = rows[h]
                    .1
                    .iter()
                    .map(|v| mapping::normalize_header(&v.display()))
                    .collect();
                match &layout {
                    None => {
                        layout = Some(names);
                        chosen.push(sheet.clone());
                    }
                    Some(first) if *first == names => chosen.push(sheet.clone()),
                    Some(_) => warnings.push(format!("{label}: sheet \"{sheet}\" skipped: its columns differ from the first sheet's")),
                }
            }
            if chosen.is_empty() {
                return Err(no_columns_error(
                    &path,
                    sheets.first().map(String::as_str).unwrap_or(""),
                    opts.kind,
                ));
            }
            chosen
        }
    };
    let mut plan = Vec::new();
    for sheet in chosen {
        let (_, rows) = file.first_rows(&sheet, HEADER_SCAN_ROWS)?;
        let layout = layout_of(presets, &path, &sheet, &rows, opts)?;
        let missing = mapping::missing_required(opts.kind, &layout.mapping);
        if !missing.is_empty() {
            return Err(missing_error(&path, &sheet, &missing));
        }
        warnings.extend(
            layout
                .mapping
                .warnings
                .iter()
                .map(|w| format!("{label} / {sheet}: {w}")),
        );
        plan.push((sheet, layout));
    }
    Ok(plan)
}

/// Imports files in one transaction: all of them, or (on any error or a
/// cancel) none, leaving the workspace exactly as it was.
pub fn import_files(
    ws: &Workspace,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
) -> Result<ImportReport> {
    if paths.is_empty() {
        return Err(Error::invalid("import", "name at least one file"));
    }
    for path in paths {
        if !path.exists() {
            return Err(Error::FileRead {
                path: path.clone(),
                reason: "no such file".into(),
            });
        }
    }
    let presets = presets(ws)?;
    let rules = ws.with_conn(store::rules::load)?;
    let files = paths.len() as u32;
    import_in_tx(ws, paths, opts, ctx, &presets, &rules, files)
}

#[allow(clippy::too_many_arguments)]
fn import_in_tx(
    ws: &Workspace,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
    presets: &[Preset],
    rules: &[points::PointRule],
    files: u32,
) -> Result<ImportReport> {
    ws.with_tx(|tx| {
        let mut report = ImportReport {
            kind: opts.kind,
            ..ImportReport::default()
        };
        for (file_index, path) in paths.iter().enumerate() {
            let batch = batches::begin(tx, opts.kind, path, ctx.now)?;
            let mut file_report = ImportReport {
                kind: opts.kind,
                ..ImportReport::default()
            };
            file_report.files.push(source::file_label(path));
            let mut writer = Writer::new(tx, batch, opts.kind, rules)?;
            writer.file = source::file_label(path);
            let progress = |rows: u64| {
                (ctx.progress)(ImportProgress {
                    file_index: file_index as u32,
                    files,
                    rows,
                })
            };
            import_file(
                &mut writer,
                path,
                opts,
                presets,
                ctx,
                &progress,
                &mut file_report,
            )?;
            writer.finish(&mut file_report)?;
            if file_report.rows_read == 0 && file_report.rejected.is_empty() {
                return Err(source::import_error(
                    path,
                    "the sheet has a header row but no data rows",
                ));
            }
            if batches::finish(tx, batch, &file_report)? {
                file_report.batch_ids.push(batch);
            }
            report.absorb(file_report);
        }
        Ok(report)
    })
}

/// Reads one file on a reader thread (opening it once: sheet names, header
/// rows and rows) and writes its records here.
#[allow(clippy::too_many_arguments)]
fn import_file(
    writer: &mut Writer<'_, '_>,
    path: &Path,
    opts: &ImportOptions,
    presets: &[Preset],
    ctx: &Context<'_>,
    progress: &(dyn Fn(u64) + Sync),
    report: &mut ImportReport,
) -> Result<()> {
    let (tx_rows, rx_rows) = sync_channel::<Vec<Msg>>(CHANNEL_DEPTH);
    let file = source::file_label(path);
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("horetsu-import-reader".into())
            .spawn_scoped(scope, || {
                read_file(path, opts, presets, ctx, &file, tx_rows)
            })
            .map_err(|e| Error::ImportFailed {
                file: file.clone(),
                reason: format!("cannot start the reader: {e}"),
            })?;
        let written = drain(writer, rx_rows, progress, report);
        let read = reader.join().unwrap_or_else(|_| {
            Err(Error::ImportFailed {
                file: file.clone(),
                reason: "the reader stopped unexpectedly".into(),
            })
        });
        read.and(written)
    })?;
    if cancelled(ctx) {
        return Err(Error::Cancelled);
    }
    Ok(())
}

fn drain(
    writer: &mut Writer<'_, '_>,
    rx: Receiver<Vec<Msg>>,
    progress: &(dyn Fn(u64) + Sync),
    report: &mut ImportReport,
) -> Result<()> {
    let mut next_report = 0u64;
    for batch in rx {
        for msg in batch {
            writer.handle(msg, report)?;
        }
        if report.rows_read >= next_report {
            progress(report.rows_read);
            next_report = report.rows_read + 20_000;
        }
    }
    progress(report.rows_read);
    Ok(())
}

/// A row (or a note) on its way to the writer.
// Order rows are the common case and live only briefly in a small reused
// vector on the writer's side, so they are not boxed.
#[allow(clippy::large_enum_variant)]
enum Msg {
    /// The parser for the rows that follow.
    Parser(Box<RowParser>),
    /// The column labels of the rows that follow, when the reader parses them.
    Labels(Vec<(Field, String)>),
    /// Data rows: their numbers and their mapped cells (others empty).
    Rows(Box<RawBatch>),
    /// The reader starts a sheet: its name, encoding, preset and columns.
    Sheet(Box<SheetStart>),
    Order(OrderRow),
    Customer(Box<CustomerRow>),
    Event(Box<EventRow>),
    Nps(Box<NpsRow>),
    Reject(Box<Rejection>, Option<(Shared, Option<Shared>)>),
    Warning(String),
}

struct SheetStart {
    sheet: String,
    encoding: Option<super::Encoding>,
    preset: Option<String>,
    mapping: Vec<ColumnMap>,
}

/// Reads a file and sends parsed rows; runs on the reader thread.
fn read_file(
    path: &Path,
    opts: &ImportOptions,
    presets: &[Preset],
    ctx: &Context<'_>,
    file: &str,
    tx: SyncSender<Vec<Msg>>,
) -> Result<()> {
    let mut source = SourceFile::open(
        path,
        TextOptions {
            encoding: opts.encoding,
        },
    )?;
    let mut warnings = Vec::new();
    let plan = plan_file(&mut source, opts, presets, &mut warnings)?;
    let mut first: Vec<Msg> = warnings.into_iter().map(Msg::Warning).collect();
    for (sheet, layout) in &plan {
        first.push(Msg::Sheet(Box::new(SheetStart {
            sheet: sheet.clone(),
            encoding: None,
            preset: layout.preset.as_ref().map(|p| p.name.clone()),
            mapping: layout
                .mapping
                .columns
                .iter()
                .filter(|c| c.field.is_some())
                .cloned()
                .collect(),
        })));
        if tx.send(std::mem::take(&mut first)).is_err() {
            return Ok(());
        }
        if !read_sheet(&mut source, sheet, layout, opts, ctx, file, &tx)? {
            return Ok(());
        }
    }
    Ok(())
}

fn layout_mask(layout: &SheetLayout) -> Vec<bool> {
    let mut mask = Vec::new();
    for c in layout.mapping.columns.iter().filter(|c| c.field.is_some()) {
        let i = c.index as usize;
        if mask.len() <= i {
            mask.resize(i + 1, false);
        }
        mask[i] = true;
    }
    mask
}

/// Reads one sheet; `false` when the writer has stopped listening.
fn read_sheet(
    source: &mut SourceFile,
    sheet: &str,
    layout: &SheetLayout,
    opts: &ImportOptions,
    ctx: &Context<'_>,
    file: &str,
    tx: &SyncSender<Vec<Msg>>,
) -> Result<bool> {
    let mut header_seen = false;
    let mut rows_seen = 0usize;
    let mut wanted: Vec<bool> = Vec::new();
    let mut batch: Vec<Msg> = Vec::new();
    let mut raw = RawBatch::default();
    let mut send_failed = false;
    // Where rows are parsed: here when the file reads quickly (xlsx through
    // the fast reader, CSV), which leaves the writer thread only SQLite;
    // on the writer otherwise (xls, ods), whose reading is the longer job.
    let parse_here = source.reads_quickly();
    let mut parser: Option<RowParser> = None;
    // The columns the mapping reads; the header row itself is not needed again.
    let mask = layout_mask(layout);
    let meta = source.visit_masked(sheet, Some(&mask), |meta, number, cells| {
        if cancelled(ctx) {
            return Err(Error::Cancelled);
        }
        rows_seen += 1;
        if !header_seen {
            if rows_seen - 1 == layout.header_index {
                header_seen = true;
                if let Some(encoding) = meta.encoding {
                    batch.push(Msg::Sheet(Box::new(SheetStart {
                        sheet: meta.sheet.clone(),
                        encoding: Some(encoding),
                        preset: None,
                        mapping: Vec::new(),
                    })));
                }
                let p = RowParser::new(layout, opts, ctx.today, meta, file);
                wanted = p.wanted_columns();
                if parse_here {
                    batch.push(Msg::Labels(p.labels()));
                    parser = Some(p);
                } else {
                    batch.push(Msg::Parser(Box::new(p)));
                }
            }
            return Ok(Flow::Continue);
        }
        if cells.iter().all(Value::is_blank) {
            return Ok(Flow::Continue);
        }
        if let Some(p) = parser.as_mut() {
            p.parse(number, cells, &mut batch);
            if batch.len() >= BATCH_ROWS && tx.send(std::mem::take(&mut batch)).is_err() {
                send_failed = true;
                return Ok(Flow::Stop);
            }
            return Ok(Flow::Continue);
        }
        // Only the mapped cells travel, packed into one buffer per batch; the
        // writer thread parses them, which balances the two threads (reading
        // the XML is the longer job) and keeps allocations off the hot path.
        raw.push_row(number, cells, &wanted);
        if raw.len() >= BATCH_ROWS {
            batch.push(Msg::Rows(Box::new(std::mem::take(&mut raw))));
        }
        if !batch.is_empty() && tx.send(std::mem::take(&mut batch)).is_err() {
            send_failed = true;
            return Ok(Flow::Stop);
        }
        Ok(Flow::Continue)
    })?;
    let _ = meta;
    if raw.len() > 0 {
        batch.push(Msg::Rows(Box::new(raw)));
    }
    if send_failed {
        return Ok(false);
    }
    if !batch.is_empty() && tx.send(batch).is_err() {
        return Ok(false);
    }
    Ok(true)
}

/// Rows packed for the trip between the threads: every text lives in one
/// buffer, each cell is a small fixed-size record.
#[derive(Default)]
struct RawBatch {
    text: String,
    cells: Vec<RawCell>,
    /// Row number and the range of its cells.
    rows: Vec<(u32, u32, u32)>,
}

#[derive(Clone, Copy)]
enum RawCell {
    Empty,
    Text(u32, u32),
    Number(f64),
    Bool(bool),
    Serial(f64),
    Iso(u32, u32),
    Error(u32, u32),
}

impl RawBatch {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn put_text(&mut self, t: &str) -> (u32, u32) {
        let start = self.text.len() as u32;
        self.text.push_str(t);
        (start, t.len() as u32)
    }

    fn push_row(&mut self, number: u32, cells: &[Value<'_>], wanted: &[bool]) {
        let first = self.cells.len() as u32;
        for (i, v) in cells.iter().take(wanted.len()).enumerate() {
            let cell = if !wanted[i] {
                RawCell::Empty
            } else {
                match v {
                    Value::Empty => RawCell::Empty,
                    Value::Text(t) => {
                        let (a, b) = self.put_text(t);
                        RawCell::Text(a, b)
                    }
                    Value::Number(n) => RawCell::Number(*n),
                    Value::Bool(b) => RawCell::Bool(*b),
                    Value::Serial(n) => RawCell::Serial(*n),
                    Value::IsoDate(t) => {
                        let (a, b) = self.put_text(t);
                        RawCell::Iso(a, b)
                    }
                    Value::CellError(e) => {
                        let (a, b) = self.put_text(e);
                        RawCell::Error(a, b)
                    }
                }
            };
            self.cells.push(cell);
        }
        self.rows
            .push((number, first, self.cells.len() as u32 - first));
    }

    /// Row `i` into `out` (borrowing this batch's text); returns its number.
    fn row_into<'a>(&'a self, i: usize, out: &mut Vec<Value<'a>>) -> u32 {
        out.clear();
        let (number, first, count) = self.rows[i];
        let text = |a: u32, b: u32| self.text.get(a as usize..(a + b) as usize).unwrap_or("");
        for cell in &self.cells[first as usize..(first + count) as usize] {
            out.push(match *cell {
                RawCell::Empty => Value::Empty,
                RawCell::Text(a, b) => Value::Text(Cow::Borrowed(text(a, b))),
                RawCell::Number(n) => Value::Number(n),
                RawCell::Bool(b) => Value::Bool(b),
                RawCell::Serial(n) => Value::Serial(n),
                RawCell::Iso(a, b) => Value::IsoDate(Cow::Borrowed(text(a, b))),
                RawCell::Error(a, b) => Value::CellError(text(a, b).to_string()),
            });
        }
        number
    }
}

// ---------------------------------------------------------------------------
// Parsing rows (reader thread for xlsx and CSV, writer thread for xls and ods)

/// Shared text: the order-level values repeat on every line of an order, so
/// lines share one allocation.
type Shared = Arc<str>;

/// Reuses `prev` when it holds the same text.
fn share(prev: Option<&Shared>, text: String) -> Shared {
    match prev {
        Some(p) if **p == *text => p.clone(),
        _ => Shared::from(text),
    }
}

fn share_opt(prev: Option<&Shared>, text: Option<String>) -> Option<Shared> {
    text.map(|t| share(prev, t))
}

/// FxHash (as in rustc): the writer's maps are keyed by our own data, so a
/// fast non-keyed hash is safe and much cheaper than SipHash.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_i64(&mut self, i: i64) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Column index of each field (a field enum indexes the array).
struct Cols([Option<usize>; 64]);

impl Cols {
    fn get(&self, f: &Field) -> Option<&usize> {
        self.0.get(*f as usize).and_then(Option::as_ref)
    }
    fn contains_key(&self, f: &Field) -> bool {
        self.get(f).is_some()
    }
}

/// An order line as read.
struct OrderRow {
    row: u32,
    order_no: Shared,
    key: Option<Shared>,
    at: NaiveDateTime,
    name: Option<Shared>,
    email: Option<Shared>,
    phone: Option<Shared>,
    line_amount: Option<f64>,
    total: Option<f64>,
    quantity: Option<f64>,
    unit_price: Option<f64>,
    shipping: Option<f64>,
    refunded: Option<f64>,
    product: Option<String>,
    sku: Option<String>,
    status: OrderStatus,
    channel: Option<String>,
    coupon: Option<String>,
    referral_code: Option<String>,
}

struct CustomerRow {
    row: u32,
    key: String,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    registered_on: Option<NaiveDate>,
    referred_by: Option<String>,
    channel: Option<String>,
}

struct EventRow {
    row: u32,
    key: String,
    day: NaiveDate,
    kind: String,
    note: Option<String>,
    brand_tag: bool,
    has_image: bool,
    points: Option<i64>,
}

struct NpsRow {
    key: Option<String>,
    day: NaiveDate,
    score: u8,
    comment: Option<String>,
    response_id: Option<String>,
}

/// Where each field sits, and the state carried from row to row.
struct RowParser {
    kind: ImportKind,
    cols: Cols,
    headers: Vec<String>,
    file: String,
    sheet: String,
    date1904: bool,
    order: values::DateOrder,
    latest: NaiveDate,
    /// Order-level values of the previous row, inherited by the next rows of
    /// the same order where they are blank (Shopify writes them once).
    carry: Option<Carry>,
    warned_truncation: bool,
}

#[derive(Clone)]
struct Carry {
    order_no: Shared,
    key: Option<Shared>,
    at: Option<NaiveDateTime>,
    name: Option<Shared>,
    email: Option<Shared>,
    phone: Option<Shared>,
}

/// A cell that could not be read.
struct CellError {
    field: Field,
    error: ValueError,
    value: String,
}

type CellResult<T> = std::result::Result<T, CellError>;

impl RowParser {
    /// Which columns any field reads.
    fn wanted_columns(&self) -> Vec<bool> {
        let mut wanted = Vec::new();
        for i in self.cols.0.iter().flatten() {
            if wanted.len() <= *i {
                wanted.resize(*i + 1, false);
            }
            wanted[*i] = true;
        }
        wanted
    }

    fn new(
        layout: &SheetLayout,
        opts: &ImportOptions,
        today: NaiveDate,
        meta: &SheetMeta,
        file: &str,
    ) -> Self {
        let mut cols = Cols([None; 64]);
        let mut headers = Vec::new();
        for c in &layout.mapping.columns {
            if let Some(f) = c.field {
                let slot = &mut cols.0[f as usize];
                if slot.is_none() {
                    *slot = Some(c.index as usize);
                }
            }
            let i = c.index as usize;
            if headers.len() <= i {
                headers.resize(i + 1, String::new());
            }
            headers[i] = format!("{} ({})", c.header, c.letter);
        }
        RowParser {
            kind: opts.kind,
            cols,
            headers,
            file: file.to_string(),
            sheet: meta.sheet.clone(),
            date1904: meta.date1904,
            order: opts.date_order.order(),
            latest: today
                .checked_add_signed(chrono::Duration::days(366))
                .unwrap_or(today),
            carry: None,
            warned_truncation: false,
        }
    }

    fn cell<'c, 'v>(&self, cells: &'c [Value<'v>], field: Field) -> Option<&'c Value<'v>> {
        self.cols
            .get(&field)
            .and_then(|&i| cells.get(i))
            .filter(|v| !v.is_blank())
    }

    fn text(
        &mut self,
        cells: &[Value<'_>],
        field: Field,
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<String> {
        let v = self.cell(cells, field)?;
        let raw = match v {
            Value::Text(t) => Cow::Borrowed(t.as_ref()),
            other => Cow::Owned(other.display()),
        };
        let (text, truncated) = values::clean_text(&raw);
        if truncated && !self.warned_truncation {
            self.warned_truncation = true;
            out.push(Msg::Warning(format!(
                "{} / {}: row {row}, {}: text longer than Excel's 32,767 characters was cut (later such cells are cut too)",
                self.file,
                self.sheet,
                self.column_label(field)
            )));
        }
        (!text.is_empty()).then_some(text)
    }

    /// Every mapped field with its column label (for the writer's reports).
    fn labels(&self) -> Vec<(Field, String)> {
        self.kind
            .fields()
            .iter()
            .filter(|f| self.cols.contains_key(f))
            .map(|&f| (f, self.column_label(f)))
            .collect()
    }

    fn column_label(&self, field: Field) -> String {
        self.cols
            .get(&field)
            .and_then(|&i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.label_ja().to_string())
    }

    fn err(&self, field: Field, v: &Value<'_>, error: ValueError) -> CellError {
        CellError {
            field,
            error,
            value: v.display(),
        }
    }

    fn number(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<f64>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        match v {
            Value::Number(n) | Value::Serial(n) => Ok(Some(*n)),
            Value::Text(t) | Value::IsoDate(t) => values::parse_amount_text(t)
                .map(Some)
                .map_err(|e| self.err(field, v, e)),
            Value::Bool(_) | Value::CellError(_) => {
                Err(self.err(field, v, ValueError::NotAnAmount))
            }
            Value::Empty => Ok(None),
        }
    }

    fn datetime(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<NaiveDateTime>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        let parsed = match v {
            Value::Serial(n) => values::excel_serial_to_datetime(*n, self.date1904),
            Value::Number(n) if n.fract() == 0.0 && (19_000_101.0..=21_001_231.0).contains(n) => {
                values::parse_datetime_text(&format!("{}", *n as i64), self.order, false)
            }
            Value::Number(n) => values::excel_serial_to_datetime(*n, self.date1904),
            Value::Text(t) | Value::IsoDate(t) => values::parse_datetime_text(t, self.order, true),
            Value::Bool(_) | Value::CellError(_) => Err(ValueError::NotADate),
            Value::Empty => return Ok(None),
        };
        parsed
            .and_then(|d| values::check_date_range(d, self.latest))
            .map(Some)
            .map_err(|e| self.err(field, v, e))
    }

    fn time_of_day(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<NaiveTime>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        let secs = match v {
            Value::Serial(n) | Value::Number(n) if (0.0..1.0).contains(&n.fract()) => {
                Some((n.fract() * 86_400.0).round() as u32)
            }
            Value::Text(t) => {
                let t = t.trim();
                ["%H:%M:%S", "%H:%M"]
                    .iter()
                    .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
                    .map(|tm| tm.num_seconds_from_midnight())
            }
            _ => None,
        };
        secs.and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s.min(86_399), 0))
            .map(Some)
            .ok_or_else(|| self.err(field, v, ValueError::NotADate))
    }

    fn id(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<String>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        match v {
            Value::Number(n) | Value::Serial(n) => values::id_from_float_checked(*n)
                .map(Some)
                .map_err(|e| self.err(field, v, e)),
            Value::Text(t) => values::id_from_text_checked(t).map_err(|e| self.err(field, v, e)),
            Value::IsoDate(t) => Ok(values::id_from_text(t)),
            Value::Bool(_) | Value::CellError(_) => Err(self.err(field, v, ValueError::NotAnId)),
            Value::Empty => Ok(None),
        }
    }

    fn key(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<String>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        match v {
            Value::Number(n) | Value::Serial(n) => values::id_from_float_checked(*n)
                .map(Some)
                .map_err(|e| self.err(field, v, e)),
            // A numeric id stored as text keeps no ".0" (17850.0 and 17850 are one customer).
            Value::Text(t) | Value::IsoDate(t) => {
                Ok(values::id_from_text(t).and_then(|id| values::normalize_customer_key(&id)))
            }
            Value::Bool(_) | Value::CellError(_) => Err(self.err(field, v, ValueError::NotAnId)),
            Value::Empty => Ok(None),
        }
    }

    fn reject(
        &self,
        row: u32,
        e: CellError,
        ident: Option<(Shared, Option<Shared>)>,
        out: &mut Vec<Msg>,
    ) {
        out.push(Msg::Reject(
            Box::new(Rejection {
                file: self.file.clone(),
                sheet: self.sheet.clone(),
                row,
                column: self.column_label(e.field),
                value: e.value,
                reason: e.error.to_string(),
                reason_ja: reason_ja(&e.error),
                code: e.error.code().to_string(),
            }),
            ident,
        ));
    }

    fn parse(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        match self.kind {
            ImportKind::Orders => self.parse_order(row, cells, out),
            ImportKind::Customers => self.parse_customer(row, cells, out),
            ImportKind::Events => self.parse_event(row, cells, out),
            ImportKind::Nps => self.parse_nps(row, cells, out),
        }
    }

    fn parse_order(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        let order_no = match self.id(cells, Field::OrderNo) {
            Ok(Some(no)) => share(self.carry.as_ref().map(|c| &c.order_no), no),
            Ok(None) => {
                let e = self.err(Field::OrderNo, &Value::Empty, ValueError::Empty);
                return self.reject(row, e, None, out);
            }
            Err(e) => return self.reject(row, e, None, out),
        };
        let carry = self.carry.take().filter(|c| c.order_no == order_no);
        let key = match self.key(cells, Field::CustomerKey) {
            Ok(Some(k)) => Some(share(carry.as_ref().and_then(|c| c.key.as_ref()), k)),
            Ok(None) => carry.as_ref().and_then(|c| c.key.clone()),
            Err(e) => {
                self.carry = carry;
                return self.reject(row, e, Some((order_no, None)), out);
            }
        };
        match self.order_values(row, cells, carry.as_ref(), out) {
            Ok((at, numbers, status)) => {
                let [line_amount, total, quantity, unit_price, shipping, refunded] = numbers;
                let name = share_opt(
                    carry.as_ref().and_then(|c| c.name.as_ref()),
                    self.name(cells, row, out),
                )
                .or_else(|| carry.as_ref().and_then(|c| c.name.clone()));
                let email = share_opt(
                    carry.as_ref().and_then(|c| c.email.as_ref()),
                    self.text(cells, Field::Email, row, out)
                        .map(|e| e.to_lowercase()),
                )
                .or_else(|| carry.as_ref().and_then(|c| c.email.clone()));
                let phone = share_opt(
                    carry.as_ref().and_then(|c| c.phone.as_ref()),
                    self.text(cells, Field::Phone, row, out),
                )
                .or_else(|| carry.as_ref().and_then(|c| c.phone.clone()));
                let record = OrderRow {
                    row,
                    order_no: order_no.clone(),
                    key: key.clone(),
                    at,
                    name: name.clone(),
                    email: email.clone(),
                    phone: phone.clone(),
                    line_amount,
                    total,
                    quantity,
                    unit_price,
                    shipping,
                    refunded,
                    product: self.text(cells, Field::Product, row, out),
                    sku: self.text(cells, Field::Sku, row, out),
                    status,
                    channel: self.text(cells, Field::Channel, row, out),
                    coupon: self.text(cells, Field::Coupon, row, out),
                    referral_code: self.text(cells, Field::ReferralCode, row, out),
                };
                self.carry = Some(Carry {
                    order_no,
                    key,
                    at: Some(at),
                    name,
                    email,
                    phone,
                });
                out.push(Msg::Order(record));
            }
            Err(e) => {
                self.carry = carry;
                self.reject(row, e, Some((order_no, key)), out);
            }
        }
    }

    /// The date, the amounts and the status of an order line.
    #[allow(clippy::type_complexity)]
    fn order_values(
        &mut self,
        _row: u32,
        cells: &[Value<'_>],
        carry: Option<&Carry>,
        _out: &mut Vec<Msg>,
    ) -> CellResult<(NaiveDateTime, [Option<f64>; 6], OrderStatus)> {
        let mut at = match self.datetime(cells, Field::OrderDate)? {
            Some(d) => d,
            None => match carry.and_then(|c| c.at) {
                Some(d) => d,
                None => return Err(self.err(Field::OrderDate, &Value::Empty, ValueError::Empty)),
            },
        };
        if let Some(t) = self.time_of_day(cells, Field::OrderTime)? {
            if at.time() == NaiveTime::MIN {
                at = at.date().and_time(t);
            }
        }
        let mut numbers = [None; 6];
        for (slot, field) in [
            Field::Amount,
            Field::Total,
            Field::Quantity,
            Field::UnitPrice,
            Field::Shipping,
            Field::Refunded,
        ]
        .into_iter()
        .enumerate()
        {
            numbers[slot] = self.number(cells, field)?;
        }
        let [line_amount, total, quantity, unit_price, _, _] = numbers;
        let mut status = self
            .cell(cells, Field::Status)
            .map(|v| match v {
                Value::Text(t) => values::parse_status(t),
                other => values::parse_status(&other.display()),
            })
            .unwrap_or(OrderStatus::Normal);
        if status == OrderStatus::Normal && self.cell(cells, Field::CancelledAt).is_some() {
            status = OrderStatus::Cancelled;
        }
        let has_line_value = line_amount.is_some() || (quantity.is_some() && unit_price.is_some());
        // Shopify writes the total only on an order's first line: later lines may carry none.
        let continuing = carry.is_some() && self.cols.contains_key(&Field::Total);
        // A cancelled line may carry no price at all (Amazon's All Orders report
        // blanks it): it is kept, marked, with no amount.
        if !has_line_value && total.is_none() && !continuing && status != OrderStatus::Cancelled {
            let missing = if self.cols.contains_key(&Field::Amount) {
                Field::Amount
            } else if quantity.is_none() {
                Field::Quantity
            } else {
                Field::UnitPrice
            };
            return Err(self.err(missing, &Value::Empty, ValueError::Empty));
        }
        Ok((at, numbers, status))
    }

    fn name(&mut self, cells: &[Value<'_>], row: u32, out: &mut Vec<Msg>) -> Option<String> {
        self.text(cells, Field::Name, row, out).or_else(|| {
            let family = self.text(cells, Field::FamilyName, row, out);
            let given = self.text(cells, Field::GivenName, row, out);
            match (family, given) {
                (Some(f), Some(g)) => Some(format!("{f} {g}")),
                (f, g) => f.or(g),
            }
        })
    }

    fn required_key(&self, cells: &[Value<'_>], row: u32, out: &mut Vec<Msg>) -> Option<String> {
        match self.key(cells, Field::CustomerKey) {
            Ok(Some(k)) => Some(k),
            Ok(None) => {
                let v = Value::Empty;
                let e = self.err(Field::CustomerKey, &v, ValueError::Empty);
                self.reject(row, e, None, out);
                None
            }
            Err(e) => {
                self.reject(row, e, None, out);
                None
            }
        }
    }

    fn required_day(
        &self,
        cells: &[Value<'_>],
        field: Field,
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<NaiveDate> {
        match self.datetime(cells, field) {
            Ok(Some(d)) => Some(d.date()),
            Ok(None) => {
                let v = Value::Empty;
                let e = self.err(field, &v, ValueError::Empty);
                self.reject(row, e, None, out);
                None
            }
            Err(e) => {
                self.reject(row, e, None, out);
                None
            }
        }
    }

    fn parse_customer(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        let Some(key) = self.required_key(cells, row, out) else {
            return;
        };
        let registered_on = match self.datetime(cells, Field::RegisteredOn) {
            Ok(d) => d.map(|d| d.date()),
            Err(e) => return self.reject(row, e, None, out),
        };
        let referred_by = match self.key(cells, Field::ReferredBy) {
            Ok(k) => k,
            Err(e) => return self.reject(row, e, None, out),
        };
        let name = self.name(cells, row, out);
        let email = self
            .text(cells, Field::Email, row, out)
            .map(|e| e.to_lowercase());
        let phone = self.text(cells, Field::Phone, row, out);
        let channel = self.text(cells, Field::Channel, row, out);
        out.push(Msg::Customer(Box::new(CustomerRow {
            row,
            key,
            name,
            email,
            phone,
            registered_on,
            referred_by,
            channel,
        })));
    }

    fn parse_event(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        let Some(key) = self.required_key(cells, row, out) else {
            return;
        };
        let Some(day) = self.required_day(cells, Field::Date, row, out) else {
            return;
        };
        let Some(kind) = self.text(cells, Field::EventKind, row, out) else {
            let v = Value::Empty;
            let e = self.err(Field::EventKind, &v, ValueError::Empty);
            return self.reject(row, e, None, out);
        };
        let mut flags = [false; 2];
        for (slot, field) in [Field::BrandTag, Field::HasImage].into_iter().enumerate() {
            if let Some(v) = self.cell(cells, field) {
                let parsed = match v {
                    Value::Bool(b) => Ok(*b),
                    Value::Number(n) if *n == 0.0 || *n == 1.0 => Ok(*n == 1.0),
                    other => values::parse_bool(&other.display()),
                };
                match parsed {
                    Ok(b) => flags[slot] = b,
                    Err(e) => {
                        let e = self.err(field, v, e);
                        return self.reject(row, e, None, out);
                    }
                }
            }
        }
        let points = match self.number(cells, Field::Points) {
            Ok(Some(p)) if p.fract() == 0.0 && p.abs() < 1e9 => Some(p as i64),
            Ok(Some(_)) => {
                let v = self
                    .cell(cells, Field::Points)
                    .cloned()
                    .unwrap_or(Value::Empty);
                let e = self.err(Field::Points, &v, ValueError::NotAnId);
                return self.reject(row, e, None, out);
            }
            Ok(None) => None,
            Err(e) => return self.reject(row, e, None, out),
        };
        let note = self.text(cells, Field::Note, row, out);
        out.push(Msg::Event(Box::new(EventRow {
            row,
            key,
            day,
            kind,
            note,
            brand_tag: flags[0],
            has_image: flags[1],
            points,
        })));
    }

    fn parse_nps(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        let Some(day) = self.required_day(cells, Field::Date, row, out) else {
            return;
        };
        let score = match self.cell(cells, Field::Score) {
            None => {
                let v = Value::Empty;
                let e = self.err(Field::Score, &v, ValueError::Empty);
                return self.reject(row, e, None, out);
            }
            Some(v) => {
                let parsed = match v {
                    Value::Number(n) if n.fract() != 0.0 => Err(ValueError::NotAnNpsScore),
                    Value::Number(n) if (0.0..=10.0).contains(n) => Ok(*n as u8),
                    Value::Number(_) => Err(ValueError::NpsScoreOutOfRange),
                    other => values::parse_nps_score(&other.display()),
                };
                match parsed {
                    Ok(s) => s,
                    Err(e) => {
                        let e = self.err(Field::Score, v, e);
                        return self.reject(row, e, None, out);
                    }
                }
            }
        };
        let key = match self.key(cells, Field::CustomerKey) {
            Ok(k) => k,
            Err(e) => return self.reject(row, e, None, out),
        };
        let response_id = match self.id(cells, Field::ResponseId) {
            Ok(id) => id,
            Err(e) => return self.reject(row, e, None, out),
        };
        let comment = self.text(cells, Field::Comment, row, out);
        out.push(Msg::Nps(Box::new(NpsRow {
            key,
            day,
            score,
            comment,
            response_id,
        })));
    }
}

/// The Japanese reason for a rejected cell.
pub fn reason_ja(e: &ValueError) -> String {
    match e {
        ValueError::Empty => "空欄です(値が必要です)".into(),
        ValueError::UnusualDigit(c) => format!("数字として読めない文字「{c}」があります"),
        ValueError::NotADate => "日付として読めません(2024-01-05、2024/01/05、2024年1月5日 などの形で)".into(),
        ValueError::NoSuchDate { year, month, day } => format!("{year}年{month}月{day}日という日はありません"),
        ValueError::NoSuchTime { .. } => "時刻として読めません".into(),
        ValueError::AmbiguousDate { month_first, day_first } => format!(
            "月と日のどちらが先か分かりません({month_first} か {day_first})。日付の並びを選んでください"
        ),
        ValueError::AmbiguousTime => "午前12時・午後12時は正午か深夜か分かりません".into(),
        ValueError::OutsideEra { era, .. } => format!("{era}の期間外の日付です"),
        ValueError::SerialTextNotAllowed => "数字だけで、日付として読めません".into(),
        ValueError::ExcelLeapDay1900 => "Excelの1900年2月29日(存在しない日)です".into(),
        ValueError::SerialOutOfRange { .. } => "Excelの日付の範囲外です".into(),
        ValueError::DateOutOfRange { date, earliest, latest } => {
            format!("{} は注文日としてありえない日付です({earliest}〜{latest} の範囲で)", date.date())
        }
        ValueError::NotAnAmount => "金額・数量として読めません".into(),
        ValueError::BadThousandsSeparator => "桁区切りのカンマの位置が正しくありません".into(),
        ValueError::AmountTooLarge => "金額が大きすぎます".into(),
        ValueError::NotAnId => "番号・IDとして読めません".into(),
        ValueError::IdNotExact => "桁数が多すぎて番号を正確に読めません(文字列として保存してください)".into(),
        ValueError::IdInScientificNotation => "指数表記(1.23E+11 など)で桁が失われています。列を文字列にして書き出し直してください".into(),
        ValueError::NotABool => "あり/なし(はい/いいえ)として読めません".into(),
        ValueError::NotAnNpsScore => "NPSのスコア(0〜10の整数)ではありません".into(),
        ValueError::NpsScoreOutOfRange => "NPSのスコアは0〜10です".into(),
    }
}

// ---------------------------------------------------------------------------
// Writing records (calling thread, inside the transaction)

/// The order the last line belonged to. Lines of one order are almost always
/// next to each other; when an order comes back later, its state is read
/// again from the workspace, so memory does not grow with the file.
struct CurrentOrder {
    ident: (Shared, i64),
    /// Row id when created by this import; `None` when it was already in the workspace.
    id: Option<i64>,
    next_line: i64,
    has_total: bool,
    has_refund: bool,
    status: OrderStatus,
    /// Line amounts since the order was (re)opened, added to `amount` on close.
    run_sum: f64,
}

struct Writer<'t, 'c> {
    tx: &'t Tx<'c>,
    batch: i64,
    kind: ImportKind,
    /// Customer ids by key (cleared when large, so memory stays bounded).
    customers: FastMap<Shared, (i64, bool)>,
    current: Option<CurrentOrder>,
    /// Orders with a rejected line, left out entirely at the end.
    tainted: FastMap<(Shared, i64), ()>,
    tainted_ids: Vec<(i64, Shared, String)>,
    /// The statements run once per row, prepared once.
    keys: store::customers::Keys<'c>,
    orders: store::orders::Orders<'c>,
    rule_of: HashMap<String, String>,
    occurrences: HashMap<String, u32>,
    referrers: HashMap<i64, i64>,
    file: String,
    sheet: String,
    parser: Option<Box<RowParser>>,
    /// Column labels sent by a reader that parses its rows itself.
    labels: Vec<(Field, String)>,
    parsed: Vec<Msg>,
}

impl<'t, 'c> Writer<'t, 'c> {
    fn new(
        tx: &'t Tx<'c>,
        batch: i64,
        kind: ImportKind,
        rules: &[points::PointRule],
    ) -> Result<Self> {
        let mut rule_of = HashMap::new();
        for r in rules {
            for name in [&r.kind, &r.label_ja, &r.label_en] {
                rule_of.insert(mapping::normalize_header(name), r.kind.clone());
            }
        }
        for (alias, kind) in [
            ("レビュー", points::KIND_REVIEW),
            ("口コミ", points::KIND_REVIEW),
            ("sns", points::KIND_SNS_POST),
            ("インスタ投稿", points::KIND_SNS_POST),
            ("座談会", points::KIND_ROUNDTABLE),
            ("アンケート", points::KIND_SURVEY),
            ("イベント", points::KIND_EVENT),
            ("line", points::KIND_LINE_ACTION),
        ] {
            rule_of
                .entry(mapping::normalize_header(alias))
                .or_insert_with(|| kind.to_string());
        }
        Ok(Writer {
            tx,
            batch,
            kind,
            customers: FastMap::default(),
            current: None,
            tainted: FastMap::default(),
            tainted_ids: Vec::new(),
            keys: store::customers::Keys::new(tx)?,
            orders: store::orders::Orders::new(tx)?,
            rule_of,
            occurrences: HashMap::new(),
            referrers: HashMap::new(),
            file: String::new(),
            sheet: String::new(),
            parser: None,
            labels: Vec::new(),
            parsed: Vec::with_capacity(4),
        })
    }

    /// The id of a customer key, creating the key when new.
    fn customer_id(&mut self, key: &str, report: &mut ImportReport) -> Result<i64> {
        if let Some((id, _)) = self.customers.get(key) {
            return Ok(*id);
        }
        let id = match self.keys.find(key)? {
            Some(id) => id,
            None => {
                report.customers += 1;
                self.keys.insert(&NewCustomer {
                    key,
                    batch: self.batch,
                    ..Default::default()
                })?
            }
        };
        if self.customers.len() >= 200_000 {
            self.customers.clear();
        }
        self.customers.insert(Shared::from(key), (id, false));
        Ok(id)
    }

    /// Fills a customer's name, e-mail and phone where the workspace has none
    /// (never overwrites), logging the old values for undo.
    fn fill_contact(
        &mut self,
        id: i64,
        key: &str,
        fields: [(Column, Option<&str>); 3],
    ) -> Result<()> {
        if self.customers.get(key).is_some_and(|(_, done)| *done) {
            return Ok(());
        }
        let mut any = false;
        for (column, value) in fields {
            let Some(value) = value else { continue };
            any = true;
            if store::customers::fill_if_empty(self.tx, id, column, value)? {
                store::batches::log_change(
                    self.tx,
                    self.batch,
                    id,
                    column,
                    store::batches::OldValue::Null,
                )?;
            }
        }
        if any {
            if let Some(entry) = self.customers.get_mut(key) {
                entry.1 = true;
            }
        }
        Ok(())
    }

    fn handle(&mut self, msg: Msg, report: &mut ImportReport) -> Result<()> {
        match msg {
            Msg::Parser(p) => {
                self.parser = Some(p);
                Ok(())
            }
            Msg::Labels(labels) => {
                self.parser = None;
                self.labels = labels;
                Ok(())
            }
            Msg::Rows(batch) => {
                let mut parsed = std::mem::take(&mut self.parsed);
                let mut cells: Vec<Value<'_>> = Vec::new();
                for i in 0..batch.len() {
                    let number = batch.row_into(i, &mut cells);
                    if let Some(p) = self.parser.as_mut() {
                        p.parse(number, &cells, &mut parsed);
                    }
                    for m in parsed.drain(..) {
                        self.handle(m, report)?;
                    }
                }
                self.parsed = parsed;
                Ok(())
            }
            Msg::Order(o) => self.order(o, report),
            Msg::Customer(c) => self.customer(*c, report),
            Msg::Event(e) => self.event(*e, report),
            Msg::Nps(n) => self.nps(*n, report),
            Msg::Warning(w) => {
                report.warnings.push(w);
                Ok(())
            }
            Msg::Sheet(start) => {
                if let Some(encoding) = start.encoding {
                    report.encoding.get_or_insert(encoding);
                    return Ok(());
                }
                self.sheet = start.sheet.clone();
                report
                    .sheets
                    .push(format!("{}: {}", self.file, start.sheet));
                if report.preset.is_none() {
                    report.preset = start.preset;
                }
                if report.mapping.is_empty() {
                    report.mapping = start.mapping;
                }
                Ok(())
            }
            Msg::Reject(r, ident) => {
                report.rows_read += 1;
                if let Some((no, key)) = ident {
                    let cid = match key {
                        Some(k) => self.customer_id(&k, report)?,
                        None => 0,
                    };
                    let ident = (no, cid);
                    match &self.current {
                        Some(c) if c.ident == ident => {
                            if let Some(id) = c.id {
                                self.taint(id, &ident.0);
                            }
                        }
                        _ => {
                            // The order may exist already (created by this import) or come later.
                            let found = self.orders.find(&ident.0, cid)?.map(|o| (o.id, o.batch));
                            match found {
                                Some((id, batch)) if batch == self.batch => {
                                    self.taint(id, &ident.0)
                                }
                                Some(_) => {}
                                None => {
                                    self.tainted.insert(ident, ());
                                }
                            }
                        }
                    }
                }
                report.rejected.push(*r);
                Ok(())
            }
        }
    }

    fn taint(&mut self, id: i64, order_no: &Shared) {
        if !self.tainted_ids.iter().any(|(t, _, _)| *t == id) {
            self.tainted_ids
                .push((id, order_no.clone(), self.sheet.clone()));
        }
    }

    /// The state of an order this line belongs to: created, continued or a duplicate.
    fn open_order(&mut self, o: &OrderRow, cid: i64) -> Result<()> {
        let ident = (o.order_no.clone(), cid);
        if self.current.as_ref().is_some_and(|c| c.ident == ident) {
            return Ok(());
        }
        self.close_order()?;
        let found = self.orders.find(&o.order_no, cid)?;
        let current = match found {
            Some(e) if e.batch == self.batch => CurrentOrder {
                ident,
                id: Some(e.id),
                next_line: e.last_line + 1,
                has_total: e.has_total,
                has_refund: e.has_refund,
                status: e.status,
                run_sum: 0.0,
            },
            Some(_) => CurrentOrder {
                ident,
                id: None,
                next_line: 0,
                has_total: false,
                has_refund: false,
                status: OrderStatus::Normal,
                run_sum: 0.0,
            },
            None => {
                let ordered_at = o.at.format("%Y-%m-%d %H:%M:%S").to_string();
                let id = self.orders.insert(&NewOrder {
                    order_no: &o.order_no,
                    customer_id: (cid != 0).then_some(cid),
                    ordered_at: &ordered_at,
                    amount: 0.0,
                    total: o.total,
                    status: o.status,
                    channel: o.channel.as_deref(),
                    coupon: o.coupon.as_deref(),
                    referral_code: o.referral_code.as_deref(),
                    batch: self.batch,
                })?;
                if self.tainted.remove(&ident).is_some() {
                    self.taint(id, &ident.0);
                }
                CurrentOrder {
                    ident,
                    id: Some(id),
                    next_line: 1,
                    has_total: o.total.is_some(),
                    has_refund: false,
                    status: o.status,
                    run_sum: 0.0,
                }
            }
        };
        self.current = Some(current);
        Ok(())
    }

    /// Adds the current order's line amounts to its stored sum.
    fn close_order(&mut self) -> Result<()> {
        if let Some(c) = self.current.take() {
            if let (Some(id), true) = (c.id, c.run_sum != 0.0) {
                self.orders.add_amount(id, c.run_sum)?;
            }
        }
        Ok(())
    }

    fn order(&mut self, o: OrderRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let cid = match &o.key {
            Some(k) => {
                let id = self.customer_id(k, report)?;
                self.fill_contact(
                    id,
                    k,
                    [
                        (Column::Name, o.name.as_deref()),
                        (Column::Email, o.email.as_deref()),
                        (Column::Phone, o.phone.as_deref()),
                    ],
                )?;
                id
            }
            None => {
                report.anonymous_rows += 1;
                0
            }
        };
        self.open_order(&o, cid)?;
        let Some(current) = self.current.as_mut() else {
            return Err(Error::invalid("import", "order state lost"));
        };
        let Some(order_id) = current.id else {
            report.rows_duplicate += 1;
            return Ok(());
        };
        // The order total counts once: the first line that carries one sets it.
        if let (Some(total), false) = (o.total, current.has_total) {
            current.has_total = true;
            store::orders::set_total(self.tx, order_id, total)?;
        }
        // So does a refund: the first line that carries one (Shopify: the first line).
        if let (Some(refunded), false) = (o.refunded.filter(|r| *r != 0.0), current.has_refund) {
            current.has_refund = true;
            store::orders::set_refunded(self.tx, order_id, refunded.abs())?;
        }
        if o.status != OrderStatus::Normal && current.status == OrderStatus::Normal {
            current.status = o.status;
            store::orders::set_status(self.tx, order_id, o.status)?;
        }
        let line_no = current.next_line;
        current.next_line += 1;
        let line_amount = o.line_amount.or(match (o.quantity, o.unit_price) {
            (Some(q), Some(p)) => Some(q * p),
            _ => None,
        });
        current.run_sum += line_amount.unwrap_or(0.0) + o.shipping.unwrap_or(0.0);
        self.orders.insert_line(&NewLine {
            order_id,
            line_no,
            product: o.product.as_deref(),
            sku: o.sku.as_deref(),
            quantity: o.quantity,
            unit_price: o.unit_price,
            amount: line_amount.unwrap_or(0.0),
            source_row: Some(o.row),
        })?;
        Ok(())
    }

    fn customer(&mut self, c: CustomerRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let before = report.customers;
        let id = self.customer_id(&c.key, report)?;
        let created = report.customers > before;
        let mut changed = created;
        // Registration, and the member-list details where the workspace has none.
        let (registered, registered_on, channel) = store::customers::registration(**self.tx, id)?;
        if !registered {
            store::customers::mark_registered(self.tx, id)?;
            if !created {
                store::batches::log_change(
                    self.tx,
                    self.batch,
                    id,
                    Column::Registered,
                    store::batches::OldValue::Int(0),
                )?;
            }
            changed = true;
        }
        if let (None, Some(d)) = (&registered_on, c.registered_on) {
            let d = d.format("%Y-%m-%d").to_string();
            store::customers::fill_if_empty(self.tx, id, Column::RegisteredOn, &d)?;
            if !created {
                store::batches::log_change(
                    self.tx,
                    self.batch,
                    id,
                    Column::RegisteredOn,
                    store::batches::OldValue::Null,
                )?;
            }
            changed = true;
        }
        if let (None, Some(ch)) = (&channel, &c.channel) {
            store::customers::fill_if_empty(self.tx, id, Column::Channel, ch)?;
            if !created {
                store::batches::log_change(
                    self.tx,
                    self.batch,
                    id,
                    Column::Channel,
                    store::batches::OldValue::Null,
                )?;
            }
            changed = true;
        }
        self.fill_contact(
            id,
            &c.key,
            [
                (Column::Name, c.name.as_deref()),
                (Column::Email, c.email.as_deref()),
                (Column::Phone, c.phone.as_deref()),
            ],
        )?;
        if let Some(referrer_key) = &c.referred_by {
            if *referrer_key == c.key {
                report.rejected.push(self.rejection(
                    c.row,
                    Field::ReferredBy,
                    referrer_key,
                    "a customer cannot refer themselves",
                    "本人を紹介者にはできません",
                    "self_referral",
                ));
                return Ok(());
            }
            let referrer = self.customer_id(referrer_key, report)?;
            let current: Option<i64> = store::referrals::referrer_of(**self.tx, id)?
                .or_else(|| self.referrers.get(&id).copied());
            match current {
                Some(r) if r == referrer => {}
                Some(_) => {
                    report.rejected.push(self.rejection(
                        c.row,
                        Field::ReferredBy,
                        referrer_key,
                        "this customer already has another referrer in the workspace",
                        "この顧客には別の紹介者がすでに登録されています",
                        "referrer_conflict",
                    ));
                    return Ok(());
                }
                None => {
                    if self.would_loop(id, referrer)? {
                        report.rejected.push(self.rejection(
                            c.row,
                            Field::ReferredBy,
                            referrer_key,
                            "the referral would make a loop (they referred each other)",
                            "紹介が循環してしまいます(お互いを紹介しています)",
                            "referral_loop",
                        ));
                        return Ok(());
                    }
                    let on = c.registered_on.map(|d| d.format("%Y-%m-%d").to_string());
                    store::referrals::insert(self.tx, id, referrer, on.as_deref(), self.batch)?;
                    self.referrers.insert(id, referrer);
                    report.referrals += 1;
                    changed = true;
                }
            }
        }
        if changed {
            report.rows_imported += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    /// A column's header and letter, e.g. `注文番号 (A)`, as rejections name it.
    fn column_label(&self, field: Field) -> String {
        match &self.parser {
            Some(p) => p.column_label(field),
            None => self
                .labels
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| field.label_ja().to_string()),
        }
    }

    /// True if `referrer` is `referee` or descends from them.
    fn would_loop(&self, referee: i64, referrer: i64) -> Result<bool> {
        let mut current = Some(referrer);
        let mut steps = 0;
        while let Some(c) = current {
            if c == referee {
                return Ok(true);
            }
            steps += 1;
            if steps > 10_000 {
                return Ok(true);
            }
            current = store::referrals::referrer_of(**self.tx, c)?;
        }
        Ok(false)
    }

    #[allow(clippy::too_many_arguments)]
    fn rejection(
        &self,
        row: u32,
        field: Field,
        value: &str,
        reason: &str,
        reason_ja: &str,
        code: &str,
    ) -> Rejection {
        Rejection {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: self.column_label(field),
            value: value.to_string(),
            reason: reason.to_string(),
            reason_ja: reason_ja.to_string(),
            code: code.to_string(),
        }
    }

    fn occurrence(&mut self, content: String) -> String {
        let n = self.occurrences.entry(content.clone()).or_insert(0);
        *n += 1;
        format!("{content}|#{n}")
    }

    fn event(&mut self, e: EventRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let Some(kind) = self
            .rule_of
            .get(&mapping::normalize_header(&e.kind))
            .cloned()
        else {
            let known: Vec<String> = points::default_rules()
                .into_iter()
                .filter(|r| {
                    r.kind != points::KIND_REFERRAL && r.kind != points::KIND_REFEREE_REPEAT
                })
                .map(|r| r.label_ja)
                .collect();
            report.rejected.push(self.rejection(
                e.row,
                Field::EventKind,
                &e.kind,
                &format!(
                    "unknown kind of event; expected one of {}",
                    known.join(", ")
                ),
                &format!("種別が分かりません({} のいずれかで)", known.join("、")),
                "unknown_event_kind",
            ));
            return Ok(());
        };
        let id = self.customer_id(&e.key, report)?;
        let day = e.day.format("%Y-%m-%d").to_string();
        let row_key = self.occurrence(format!(
            "ev|{}|{day}|{kind}|{}|{}|{}|{}",
            e.key,
            e.note.as_deref().unwrap_or(""),
            u8::from(e.brand_tag),
            u8::from(e.has_image),
            e.points.map(|p| p.to_string()).unwrap_or_default()
        ));
        let added = store::events::insert(
            self.tx,
            &store::events::NewEvent {
                customer_id: id,
                day: &day,
                kind: &kind,
                note: e.note.as_deref(),
                brand_tag: e.brand_tag,
                has_image: e.has_image,
                points_override: e.points,
                row_key: &row_key,
                batch: self.batch,
            },
        )?;
        if added {
            report.rows_imported += 1;
            report.events += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    fn nps(&mut self, n: NpsRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let id = match &n.key {
            Some(k) => Some(self.customer_id(k, report)?),
            None => {
                report.anonymous_rows += 1;
                None
            }
        };
        let day = n.day.format("%Y-%m-%d").to_string();
        let row_key = match &n.response_id {
            Some(r) => format!("nps|id|{r}"),
            None => self.occurrence(format!(
                "nps|{}|{day}|{}|{}",
                n.key.as_deref().unwrap_or(""),
                n.score,
                n.comment.as_deref().unwrap_or("")
            )),
        };
        let added = store::nps::insert(
            self.tx,
            &store::nps::NewAnswer {
                customer_id: id,
                day: &day,
                score: n.score,
                comment: n.comment.as_deref(),
                row_key: &row_key,
                batch: self.batch,
            },
        )?;
        if added {
            report.rows_imported += 1;
            report.nps_responses += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    /// Settles the new orders: amounts, statuses, and orders with a rejected row.
    fn finish(&mut self, report: &mut ImportReport) -> Result<()> {
        if self.kind != ImportKind::Orders {
            return Ok(());
        }
        self.close_order()?;
        // An order is all or nothing: the other lines of an order with a
        // rejected line are reported too, and the order is left out.
        let tainted = std::mem::take(&mut self.tainted_ids);
        for (id, order_no, sheet) in tainted {
            let rows = store::orders::delete_with_rows(self.tx, id)?;
            for row in rows {
                report.rejected.push(Rejection {
                    file: self.file.clone(),
                    sheet: sheet.clone(),
                    row,
                    column: self.column_label(Field::OrderNo),
                    value: order_no.to_string(),
                    reason: "another line of the same order was rejected, so the whole order was left out".into(),
                    reason_ja: "同じ注文の別の行が取り込めなかったため、注文全体を取り込みませんでした".into(),
                    code: "order_incomplete".into(),
                });
            }
        }
        let settled = store::orders::settle_batch(self.tx, self.batch)?;
        report.orders += settled.orders;
        report.cancelled += settled.cancelled;
        report.returns += settled.returns;
        report.rows_imported += settled.lines;
        // Customer keys created by this import that ended with no order (all rejected).
        report.customers = store::customers::drop_orderless_of_batch(self.tx, self.batch)?;
        Ok(())
    }
}

/// Parses `field=Header` (as `--map` takes it).
pub fn parse_choice(text: &str, kind: ImportKind) -> Result<FieldChoice> {
    let (field, column) = text.split_once('=').ok_or_else(|| {
        Error::invalid(
            "--map",
            format!("\"{text}\": write it as field=Header, e.g. amount=税込金額"),
        )
    })?;
    let field = Field::parse(field.trim(), kind).ok_or_else(|| {
        let ids: Vec<&str> = kind.fields().iter().map(|f| f.id()).collect();
        Error::invalid(
            "--map",
            format!(
                "\"{}\" is not a field of a {} import; fields: {}",
                field.trim(),
                kind.id(),
                ids.join(", ")
            ),
        )
    })?;
    Ok(FieldChoice {
        field,
        column: column.trim().to_string(),
    })
}
