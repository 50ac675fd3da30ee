//! Running an import: the sheets of each file are found and mapped, one
//! reader thread turns rows into records ([`super::parse`]), and the calling
//! thread writes them ([`super::write`]) in one transaction.
//!
//! Why two threads: reading an xlsx is mostly inflating and parsing XML, and
//! writing is mostly SQLite; on a two-core laptop the two overlap, so a big
//! workbook imports in about the time it takes just to read it. The channel
//! between them is bounded, so memory does not grow with the row count.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use chrono::NaiveDate;

use super::mapping::{self, Field, ImportKind};
use super::parse::*;
use super::presets::{find_preset, presets, Preset};
use super::source::{self, Flow, SourceFile, TextOptions, Value};
use super::write::*;
use super::{ImportOptions, ImportProgress, ImportReport, Preview, PreviewRow, SheetChoice};
use crate::error::{Error, ImportProblem, Result};
use crate::model::Lang;
use crate::points;
use crate::store::{self, Conn, Tx};

/// How many rows are searched for the header row.
pub(super) const HEADER_SCAN_ROWS: usize = 30;
/// Rows per message between the threads.
pub(super) const BATCH_ROWS: usize = 2048;
/// Messages in flight between the threads.
pub(super) const CHANNEL_DEPTH: usize = 8;

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

pub(super) fn cancelled(ctx: &Context<'_>) -> bool {
    ctx.cancel.load(Ordering::Relaxed)
}

/// The header row of a sheet: the row among the first rows that names the
/// most fields (at least two), so title rows above it are skipped.
pub(super) fn find_header(rows: &[(u32, Vec<Value<'static>>)], kind: ImportKind) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in rows.iter().enumerate() {
        let score = mapping::header_score(cells, kind);
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

pub(super) fn no_columns_error(path: &Path, sheet: &str, kind: ImportKind) -> Error {
    let expected = match kind {
        ImportKind::Orders => {
            "注文番号 / order number, 注文日 / order date and 金額 / amount (or 数量 and 単価)"
        }
        ImportKind::Customers => "顧客ID / customer id (or メールアドレス / e-mail)",
        ImportKind::Events => "顧客ID / customer id, 日付 / date and 種別 / kind",
        ImportKind::Nps => "回答日 / date and スコア / score",
        ImportKind::Contacts => {
            "顧客ID / customer id (or メールアドレス / e-mail), 送信日 / date and 施策 / campaign"
        }
    };
    source::import_error(
        path,
        ImportProblem::NoHeader,
        &format!("no usable columns in sheet \"{sheet}\": no header row names the columns; expected headers such as {expected}"),
    )
}

pub(super) fn layout_of(
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
                source::import_error(
                    path,
                    ImportProblem::Empty,
                    &format!("sheet \"{sheet}\" is empty"),
                )
            } else {
                no_columns_error(path, sheet, opts.kind)
            }
        })?;
    let header = &rows[header_index].1;
    let preset = match &opts.preset {
        Some(name) => Some(find_preset(presets, name, opts.kind)?),
        None if opts.kind == ImportKind::Orders => super::presets::detect_preset(header),
        None => None,
    };
    let mapping = mapping::map_header(
        header,
        opts.kind,
        preset.as_ref().map(|p| p.columns.as_slice()),
        &opts.choices,
    )
    .map_err(|e| Error::invalid("--map", e))?;
    // Every field of the header line counts, named or not (a CSV's last
    // column may have no name but hold notes).
    let header_width = header.len();
    Ok(SheetLayout {
        header_index,
        header_width,
        mapping,
        preset,
    })
}

pub(super) fn missing_error(path: &Path, sheet: &str, missing: &[Field]) -> Error {
    let names: Vec<String> = missing
        .iter()
        .map(|f| format!("{} ({})", f.label(Lang::Ja), f.id()))
        .collect();
    source::import_error(
        path,
        ImportProblem::MissingColumns,
        &format!(
            "no usable columns in sheet \"{sheet}\": no column for {}; name it with --map {}=HEADER",
            names.join(", "),
            missing.first().map(|f| f.id()).unwrap_or("field")
        ),
    )
}

/// Shows a file before anything is written: sheets, header row, mapping,
/// the first rows (each mapped cell also as it will be stored, parsed by
/// the import's own parser, with `today` bounding plausible dates), and
/// what is missing.
pub fn preview(
    c: Conn<'_>,
    path: &Path,
    opts: &ImportOptions,
    limit: usize,
    today: NaiveDate,
) -> Result<Preview> {
    let presets = presets(c)?;
    let mut file = SourceFile::open(
        path,
        TextOptions {
            encoding: opts.encoding,
        },
    )?;
    let sheets = file.sheet_names();
    let hidden_sheets = file.hidden_sheets();
    let sheet = match &opts.sheet {
        SheetChoice::Named(name) => {
            if !sheets.contains(name) {
                return Err(sheet_not_found(path, name, &sheets));
            }
            name.clone()
        }
        _ => {
            let visible = file.default_sheets();
            first_usable_sheet(&mut file, &visible, opts)?
        }
    };
    let (meta, rows) = file.first_rows(&sheet, HEADER_SCAN_ROWS + limit)?;
    let layout = layout_of(&presets, path, &sheet, &rows, opts)?;
    let missing = mapping::missing_required(opts.kind, &layout.mapping);
    let parser = RowParser::new(&layout, opts, today, &meta, &source::file_label(path));
    // The field each column feeds (the first column of a field counts).
    let mut field_of: Vec<Option<Field>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in &layout.mapping.columns {
        if let Some(f) = c.field.filter(|f| seen.insert(*f)) {
            let i = c.index as usize;
            if field_of.len() <= i {
                field_of.resize(i + 1, None);
            }
            field_of[i] = Some(f);
        }
    }
    let preview_rows = rows[layout.header_index + 1..]
        .iter()
        .filter(|(_, c)| !c.iter().all(Value::is_blank))
        .take(limit)
        .map(|(n, cells)| PreviewRow {
            row: *n,
            problem: parser.shape(cells).err().map(|e| e.code().to_string()),
            cells: cells.iter().map(Value::display).collect(),
            stored: (0..cells.len().max(field_of.len()))
                .map(|i| {
                    field_of
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|f| parser.stored(cells, f))
                })
                .collect(),
        })
        .collect();
    Ok(Preview {
        file: source::file_label(path),
        sheets,
        hidden_sheets,
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

pub(super) fn sheet_not_found(path: &Path, name: &str, sheets: &[String]) -> Error {
    source::import_error(
        path,
        ImportProblem::NoSheet,
        &format!(
            "there is no sheet named \"{name}\"; the sheets are: {}",
            sheets.join(", ")
        ),
    )
}

pub(super) fn first_usable_sheet(
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
    sheets.first().cloned().ok_or_else(|| {
        let hidden = file.hidden_sheets();
        let reason = if hidden.is_empty() {
            "the workbook has no sheets".to_string()
        } else {
            format!(
                "every sheet of the workbook is hidden ({}); name the sheet to import",
                hidden.join(", ")
            )
        };
        source::import_error(file.path(), ImportProblem::NoSheet, &reason)
    })
}

/// The sheets to import from one file, each with its layout.
pub(super) fn plan_file(
    file: &mut SourceFile,
    opts: &ImportOptions,
    presets: &[Preset],
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, SheetLayout)>> {
    let path = file.path().to_path_buf();
    let label = source::file_label(&path);
    let sheets = file.sheet_names();
    let visible = file.default_sheets();
    let hidden = file.hidden_sheets();
    if !hidden.is_empty() && !matches!(opts.sheet, SheetChoice::Named(_)) {
        warnings.push(format!(
            "{label}: hidden sheet{} not read: {} (name a sheet to import it)",
            if hidden.len() == 1 { "" } else { "s" },
            hidden.join(", ")
        ));
    }
    let chosen: Vec<String> = match &opts.sheet {
        SheetChoice::Named(name) => {
            if !sheets.contains(name) {
                return Err(sheet_not_found(&path, name, &sheets));
            }
            vec![name.clone()]
        }
        SheetChoice::First => vec![first_usable_sheet(file, &visible, opts)?],
        SheetChoice::All => {
            let mut chosen = Vec::new();
            let mut layout: Option<Vec<String>> = None;
            for sheet in &visible {
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

/// Imports files in the transaction `tx`: all of them, or (on any error or
/// a cancel, when the caller rolls back) none, leaving the workspace exactly
/// as it was.
pub fn import_files(
    tx: &Tx<'_>,
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
    let presets = presets(**tx)?;
    let rules = store::rules::load(**tx)?;
    let files = paths.len() as u32;
    import_in_tx(tx, paths, opts, ctx, &presets, &rules, files)
}

#[allow(clippy::too_many_arguments)]
fn import_in_tx(
    tx: &Tx<'_>,
    paths: &[PathBuf],
    opts: &ImportOptions,
    ctx: &Context<'_>,
    presets: &[Preset],
    rules: &[points::PointRule],
    files: u32,
) -> Result<ImportReport> {
    {
        let mut report = ImportReport {
            kind: opts.kind,
            ..ImportReport::default()
        };
        for (file_index, path) in paths.iter().enumerate() {
            let batch = super::write::begin_batch(tx, opts.kind, path, ctx.now)?;
            let mut file_report = ImportReport {
                kind: opts.kind,
                ..ImportReport::default()
            };
            file_report.files.push(source::file_label(path));
            let mut writer = Writer::new(tx, batch, opts.kind, rules)?;
            writer.file = source::file_label(path);
            writer.today = ctx.today.format("%Y-%m-%d").to_string();
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
                    ImportProblem::NoRows,
                    "the sheet has a header row but no data rows",
                ));
            }
            if super::write::finish_batch(tx, batch, &file_report)? {
                file_report.batch_ids.push(batch);
            }
            report.absorb(file_report);
        }
        Ok(report)
    }
}

/// Reads one file on a reader thread (opening it once: sheet names, header
/// rows and rows) and writes its records here.
#[allow(clippy::too_many_arguments)]
pub(super) fn import_file(
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
                problem: ImportProblem::Other,
                reason: format!("cannot start the reader: {e}"),
            })?;
        let written = drain(writer, rx_rows, progress, report);
        let read = reader.join().unwrap_or_else(|_| {
            Err(Error::ImportFailed {
                file: file.clone(),
                problem: ImportProblem::Other,
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

pub(super) fn drain(
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

/// Reads a file and sends parsed rows; runs on the reader thread.
pub(super) fn read_file(
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

pub(super) fn layout_mask(layout: &SheetLayout) -> Vec<bool> {
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
pub(super) fn read_sheet(
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
