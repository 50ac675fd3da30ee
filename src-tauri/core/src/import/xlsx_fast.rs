//! A streaming reader for the cells of one `.xlsx` worksheet, for the import.
//!
//! calamine reads everything else (sheet names, previews, `.xls`, `.ods`) and
//! remains the reference: this module reads the same cells as calamine's
//! `worksheet_cells_reader` (a test compares the two on every workbook in the
//! fixtures and on the real data), 1.8× faster on Online Retail
//! (`bash bench/import.sh`), because it scans the sheet XML for the few
//! elements a worksheet's cells use (`row`, `c`, `v`, `is`, `t`) with `memchr`
//! instead of tokenising every event, and reads the common `<v>…</v></c>` in
//! place. The small parts (workbook, relationships, shared strings, styles) are
//! read with quick-xml, as calamine does. A file it cannot open is read by
//! calamine.
//!
//! Memory: the sheet is inflated and scanned through a 256 KiB window, so a
//! sheet of any size is read in constant memory (plus the shared strings).
//!
//! What a cell becomes (as calamine's `DataRef`, converted by `source.rs`):
//! `t="s"` a shared string; `t="str"`, `t="inlineStr"` text; `t="b"` a bool;
//! `t="e"` an error; `t="d"` ISO date text; a number otherwise, as a date
//! serial when its style's number format is a date or time format.
//! A self-closing `<c/>` is no cell (calamine skips it too).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::Event;

use super::cell::Value;

/// Why the fast reader could not read a workbook (the caller then uses calamine).
#[derive(Debug)]
pub struct FastError(pub String);

impl std::fmt::Display for FastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, FastError> {
    Err(FastError(msg.into()))
}

type Archive = zip::ZipArchive<BufReader<File>>;

/// An opened workbook: where its sheets are, its shared strings and which
/// cell styles are dates.
pub struct Book {
    archive: Archive,
    sheets: Vec<(String, String)>,
    strings: Vec<String>,
    date_styles: Vec<bool>,
    date1904: bool,
}

impl Book {
    /// Opens a workbook and reads its workbook part, relationships, shared
    /// strings and styles.
    pub fn open(path: &Path) -> Result<Book, FastError> {
        let file = File::open(path).map_err(|e| FastError(e.to_string()))?;
        let mut archive =
            zip::ZipArchive::new(BufReader::new(file)).map_err(|e| FastError(e.to_string()))?;
        let (names, date1904) = read_workbook(&mut archive)?;
        let targets = read_rels(&mut archive)?;
        let mut sheets = Vec::new();
        for (name, rid) in names {
            let Some(target) = targets.iter().find(|(id, _)| *id == rid).map(|(_, t)| t) else {
                return err(format!("no part for sheet {name}"));
            };
            let path = if let Some(abs) = target.strip_prefix('/') {
                abs.to_string()
            } else {
                format!("xl/{target}")
            };
            sheets.push((name, path));
        }
        let strings = read_shared_strings(&mut archive)?;
        let date_styles = read_styles(&mut archive)?;
        Ok(Book {
            archive,
            sheets,
            strings,
            date_styles,
            date1904,
        })
    }

    /// True when the workbook counts dates from 1904.
    pub fn date1904(&self) -> bool {
        self.date1904
    }

    /// Calls `visit(row_number, cells)` for every row with cells, in order, until
    /// it returns false. Row numbers are 1-based; only the columns marked in
    /// `wanted` are filled (the row is `wanted.len()` wide).
    pub fn visit<E>(
        &mut self,
        sheet: &str,
        wanted: &[bool],
        visit: impl FnMut(u32, &[Value<'_>]) -> Result<bool, E>,
        wrap: impl Fn(FastError) -> E,
    ) -> Result<(), E> {
        let Some((_, part)) = self.sheets.iter().find(|(n, _)| n == sheet) else {
            return Err(wrap(FastError(format!("no sheet named {sheet}"))));
        };
        let part = part.clone();
        let entry = self
            .archive
            .by_name(&part)
            .map_err(|e| wrap(FastError(format!("{part}: {e}"))))?;
        let ctx = Ctx {
            strings: &self.strings,
            date_styles: &self.date_styles,
        };
        scan_sheet(entry, &ctx, wanted, visit, wrap)
    }
}

/// The rows of a worksheet's XML, as [`Book::visit`] gives them.
fn scan_sheet<'s, R: Read, E>(
    xml: R,
    ctx: &Ctx<'s>,
    wanted: &[bool],
    mut visit: impl FnMut(u32, &[Value<'_>]) -> Result<bool, E>,
    wrap: impl Fn(FastError) -> E,
) -> Result<(), E> {
    let mut scan = Scanner::new(xml);
    let width = wanted.len();
    let mut row: Vec<Value<'_>> = vec![Value::Empty; width];
    // Positions as calamine keeps them: 0-based, advanced by </row> and by each cell.
    let mut row_index: u32 = 0;
    let mut col_index: u32 = 0;
    let mut current: Option<u32> = None;
    let mut in_data = false;
    let mut tag = Tag::default();
    loop {
        if !scan.next_tag(&mut tag).map_err(&wrap)? {
            return Err(wrap(FastError(
                "the sheet ends before its data does".into(),
            )));
        }
        let name = tag.local_name();
        if !in_data {
            if name == b"sheetData" && !tag.closing {
                if tag.empty {
                    return Ok(());
                }
                in_data = true;
            }
            continue;
        }
        match (name, tag.closing) {
            (b"row", false) => {
                tag.index_rst();
                if let Some(r) = tag.rst(0) {
                    row_index = parse_u32(r)
                        .and_then(|r| r.checked_sub(1))
                        .ok_or_else(|| wrap(FastError("a row number is not a number".into())))?;
                }
                if tag.empty {
                    row_index += 1;
                    col_index = 0;
                }
            }
            (b"row", true) => {
                row_index += 1;
                col_index = 0;
            }
            (b"c", false) => {
                if tag.empty {
                    // calamine reads only <c> elements with content.
                    continue;
                }
                tag.index_rst();
                let (r, c) = match tag.rst(0) {
                    Some(reference) => {
                        let (r, c) = cell_position(reference).ok_or_else(|| {
                            wrap(FastError("a cell reference is not A1 style".into()))
                        })?;
                        col_index = c;
                        (r, c)
                    }
                    None => (row_index, col_index),
                };
                let style = tag.rst(1).and_then(parse_u32);
                let kind = CellKind::of(tag.rst(2));
                if current != Some(r) {
                    if let Some(prev) = current {
                        if !visit(prev + 1, &row)? {
                            return Ok(());
                        }
                    }
                    row.clear();
                    row.resize(width, Value::Empty);
                    current = Some(r);
                }
                let keep = wanted.get(c as usize).copied().unwrap_or(false);
                let value = scan.cell_value(kind, style, ctx, keep).map_err(&wrap)?;
                if keep {
                    row[c as usize] = value;
                }
                col_index += 1;
            }
            (b"sheetData", true) => {
                if let Some(prev) = current {
                    visit(prev + 1, &row)?;
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

struct Ctx<'a> {
    strings: &'a [String],
    date_styles: &'a [bool],
}

#[derive(Clone, Copy, PartialEq)]
enum CellKind {
    Number,
    Shared,
    Str,
    Inline,
    Bool,
    Error,
    Date,
}

impl CellKind {
    fn of(t: Option<&[u8]>) -> CellKind {
        match t {
            None | Some(b"n") => CellKind::Number,
            Some(b"s") => CellKind::Shared,
            Some(b"str") => CellKind::Str,
            Some(b"inlineStr") | Some(b"is") => CellKind::Inline,
            Some(b"b") => CellKind::Bool,
            Some(b"e") => CellKind::Error,
            Some(b"d") => CellKind::Date,
            Some(_) => CellKind::Number,
        }
    }
}

/// One start or end tag: its name and its attribute bytes.
#[derive(Default)]
struct Tag {
    raw: Vec<u8>,
    name_end: usize,
    closing: bool,
    empty: bool,
    /// Where the `r`, `s` and `t` attributes' values are in `raw` (cells and rows).
    rst: [Option<(u32, u32)>; 3],
}

impl Tag {
    fn local_name(&self) -> &[u8] {
        let name = &self.raw[..self.name_end];
        match memchr::memchr(b':', name) {
            Some(i) => &name[i + 1..],
            None => name,
        }
    }

    /// Finds `r`, `s` and `t` in one pass (called for `c` and `row`).
    fn index_rst(&mut self) {
        self.rst = [None; 3];
        let raw = &self.raw;
        let mut i = self.name_end;
        while i < raw.len() {
            while i < raw.len() && raw[i].is_ascii_whitespace() {
                i += 1;
            }
            let Some(eq) = memchr::memchr(b'=', &raw[i..]) else {
                return;
            };
            let key = raw[i..i + eq].trim_ascii_end();
            let mut j = i + eq + 1;
            while j < raw.len() && raw[j].is_ascii_whitespace() {
                j += 1;
            }
            let Some(&quote) = raw.get(j) else { return };
            if quote != b'"' && quote != b'\'' {
                return;
            }
            let Some(len) = memchr::memchr(quote, &raw[j + 1..]) else {
                return;
            };
            let slot = match key {
                b"r" => Some(0),
                b"s" => Some(1),
                b"t" => Some(2),
                _ => None,
            };
            if let Some(k) = slot {
                self.rst[k] = Some(((j + 1) as u32, (j + 1 + len) as u32));
            }
            i = j + len + 2;
        }
    }

    fn rst(&self, k: usize) -> Option<&[u8]> {
        self.rst[k].map(|(a, b)| &self.raw[a as usize..b as usize])
    }

    /// The raw value of an attribute (cell attributes never hold entities).
    fn attr(&self, key: &[u8]) -> Option<&[u8]> {
        let mut rest = &self.raw[self.name_end..];
        loop {
            let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            rest = &rest[start..];
            let eq = memchr::memchr(b'=', rest)?;
            let name = rest[..eq].trim_ascii_end();
            let after = rest[eq + 1..].trim_ascii_start();
            let quote = *after.first()?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let end = memchr::memchr(quote, &after[1..])?;
            let value = &after[1..1 + end];
            let local = match memchr::memchr(b':', name) {
                Some(i) => &name[i + 1..],
                None => name,
            };
            if local == key {
                return Some(value);
            }
            rest = &after[end + 2..];
        }
    }
}

/// The sheet XML, inflated through a window.
struct Scanner<R: Read> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    spare_tag: Tag,
    spare_text: Vec<u8>,
}

const WINDOW: usize = 256 * 1024;

impl<R: Read> Scanner<R> {
    fn new(inner: R) -> Self {
        Scanner {
            inner,
            buf: vec![0; WINDOW],
            pos: 0,
            end: 0,
            eof: false,
            spare_tag: Tag::default(),
            spare_text: Vec::new(),
        }
    }

    /// Reads more bytes, keeping those from `pos` on. False at the end.
    fn fill(&mut self) -> Result<bool, FastError> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            let grown = self.buf.len() * 2;
            self.buf.resize(grown, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return err(format!("the sheet cannot be inflated: {e}")),
            }
        }
    }

    /// The offset (from `pos`) of the next `byte`, reading more as needed.
    fn find(&mut self, byte: u8) -> Result<Option<usize>, FastError> {
        let mut from = 0;
        loop {
            if let Some(i) = memchr::memchr(byte, &self.buf[self.pos + from..self.end]) {
                return Ok(Some(from + i));
            }
            from = self.end - self.pos;
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Moves to the next start or end tag (skipping text, comments,
    /// declarations and processing instructions) and reads it into `tag`.
    /// False at the end of the stream.
    fn next_tag(&mut self, tag: &mut Tag) -> Result<bool, FastError> {
        loop {
            let Some(lt) = self.find(b'<')? else {
                return Ok(false);
            };
            self.pos += lt;
            // Make sure the next bytes are here to tell what this is.
            while self.end - self.pos < 4 {
                if !self.fill()? {
                    break;
                }
            }
            let head = &self.buf[self.pos..self.end];
            if head.starts_with(b"<!--") {
                self.skip_past(b"-->")?;
                continue;
            }
            if head.starts_with(b"<!") || head.starts_with(b"<?") {
                self.pos += 1;
                let Some(gt) = self.find(b'>')? else {
                    return Ok(false);
                };
                self.pos += gt + 1;
                continue;
            }
            let gt = self.tag_end()?;
            let inner = &self.buf[self.pos + 1..self.pos + gt];
            let (closing, inner) = match inner.first() {
                Some(b'/') => (true, &inner[1..]),
                _ => (false, inner),
            };
            let (empty, inner) = match inner.last() {
                Some(b'/') => (true, &inner[..inner.len() - 1]),
                _ => (false, inner),
            };
            tag.raw.clear();
            tag.raw.extend_from_slice(inner);
            tag.name_end = inner
                .iter()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(inner.len());
            tag.closing = closing;
            tag.empty = empty;
            self.pos += gt + 1;
            return Ok(true);
        }
    }

    /// The offset of the `>` that ends the tag at `pos` (quotes respected).
    fn tag_end(&mut self) -> Result<usize, FastError> {
        // The common case: the first `>` ends it, with no quote left open.
        if let Some(gt) = memchr::memchr(b'>', &self.buf[self.pos..self.end]) {
            let inner = &self.buf[self.pos..self.pos + gt];
            let dq = memchr::memchr_iter(b'"', inner).count();
            if dq.is_multiple_of(2) && memchr::memchr(b'\'', inner).is_none() {
                return Ok(gt);
            }
        }
        let mut from = 1;
        let mut quote: Option<u8> = None;
        loop {
            while self.pos + from < self.end {
                let b = self.buf[self.pos + from];
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None if b == b'"' || b == b'\'' => quote = Some(b),
                    None if b == b'>' => return Ok(from),
                    None => {}
                }
                from += 1;
            }
            if !self.fill()? {
                return err("the sheet XML ends inside a tag");
            }
        }
    }

    fn skip_past(&mut self, pattern: &[u8]) -> Result<(), FastError> {
        loop {
            let hay = &self.buf[self.pos..self.end];
            if let Some(i) = memchr::memmem::find(hay, pattern) {
                self.pos += i + pattern.len();
                return Ok(());
            }
            // Keep the last bytes: the pattern may straddle the window.
            self.pos = self.end.saturating_sub(pattern.len()).max(self.pos);
            if !self.fill()? {
                return err("the sheet XML ends inside a comment");
            }
        }
    }

    /// The text up to the next `<`, with entities resolved and CDATA sections
    /// included, appended to `out`; stops before the next tag.
    fn text_into(&mut self, out: &mut Vec<u8>) -> Result<(), FastError> {
        loop {
            let Some(lt) = self.find(b'<')? else {
                return err("the sheet XML ends inside a value");
            };
            let raw = &self.buf[self.pos..self.pos + lt];
            if memchr::memchr(b'\r', raw).is_some() {
                // XML line ends: CR LF and a lone CR read as LF (as quick-xml does).
                let mut eol = Vec::with_capacity(raw.len());
                let mut i = 0;
                while i < raw.len() {
                    if raw[i] == b'\r' {
                        eol.push(b'\n');
                        if raw.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                    } else {
                        eol.push(raw[i]);
                    }
                    i += 1;
                }
                unescape_into(&eol, out)?;
            } else {
                unescape_into(raw, out)?;
            }
            self.pos += lt;
            while self.end - self.pos < 9 {
                if !self.fill()? {
                    break;
                }
            }
            if self.buf[self.pos..self.end].starts_with(b"<![CDATA[") {
                self.pos += 9;
                loop {
                    let hay = &self.buf[self.pos..self.end];
                    if let Some(i) = memchr::memmem::find(hay, b"]]>") {
                        out.extend_from_slice(&hay[..i]);
                        self.pos += i + 3;
                        break;
                    }
                    let keep = self.end.saturating_sub(2).max(self.pos);
                    out.extend_from_slice(&self.buf[self.pos..keep]);
                    self.pos = keep;
                    if !self.fill()? {
                        return err("the sheet XML ends inside CDATA");
                    }
                }
                continue;
            }
            return Ok(());
        }
    }

    /// Reads a cell's content up to its `</c>` and makes its value (only when
    /// `keep`; otherwise the content is skipped).
    fn cell_value<'s>(
        &mut self,
        kind: CellKind,
        style: Option<u32>,
        ctx: &Ctx<'s>,
        keep: bool,
    ) -> Result<Value<'s>, FastError> {
        // The common case, `<v>plain</v></c>`, read in place.
        while self.end - self.pos < 64 {
            if !self.fill()? {
                break;
            }
        }
        let here = &self.buf[self.pos..self.end];
        if kind != CellKind::Inline && here.starts_with(b"<v>") {
            if let Some(lt) = memchr::memchr(b'<', &here[3..]) {
                let text = &here[3..3 + lt];
                let rest = &here[3 + lt..];
                if rest.starts_with(b"</v></c>") && memchr::memchr2(b'&', b'\r', text).is_none() {
                    let value = if keep {
                        v_value(text, kind, style, ctx)?
                    } else {
                        Value::Empty
                    };
                    self.pos += 3 + lt + 8;
                    return Ok(value);
                }
            }
        }
        let mut tag = std::mem::take(&mut self.spare_tag);
        let mut text = std::mem::take(&mut self.spare_text);
        let value = self.cell_value_slow(kind, style, ctx, keep, &mut tag, &mut text);
        self.spare_tag = tag;
        self.spare_text = text;
        value
    }

    fn cell_value_slow<'s>(
        &mut self,
        kind: CellKind,
        style: Option<u32>,
        ctx: &Ctx<'s>,
        keep: bool,
        tag: &mut Tag,
        text: &mut Vec<u8>,
    ) -> Result<Value<'s>, FastError> {
        let mut value = Value::Empty;
        loop {
            if !self.next_tag(tag)? {
                return err("the sheet XML ends inside a cell");
            }
            match (tag.local_name(), tag.closing) {
                (b"c", true) => return Ok(value),
                (b"v", false) if !tag.empty => {
                    text.clear();
                    self.text_into(text)?;
                    self.skip_to_end(b"v")?;
                    if keep && kind != CellKind::Inline {
                        value = v_value(text, kind, style, ctx)?;
                    }
                }
                (b"f", false) if !tag.empty => {
                    self.skip_to_end(b"f")?;
                }
                (b"is", false) if !tag.empty => {
                    let s = self.rich_text(b"is")?;
                    if keep {
                        value = Value::Text(Cow::Owned(s));
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips past the end tag of the element `name` (nested ones included).
    fn skip_to_end(&mut self, name: &[u8]) -> Result<(), FastError> {
        let mut tag = Tag::default();
        let mut depth = 0u32;
        loop {
            if !self.next_tag(&mut tag)? {
                return err("the sheet XML ends inside an element");
            }
            if tag.local_name() == name {
                if tag.closing {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                } else if !tag.empty {
                    depth += 1;
                }
            }
        }
    }

    /// The text of an inline string (`<is>`): its `<t>` runs, without the
    /// phonetic guides (`<rPh>`), as calamine reads them.
    fn rich_text(&mut self, closing: &[u8]) -> Result<String, FastError> {
        let mut out = String::new();
        let mut tag = Tag::default();
        let mut phonetic = false;
        let mut run: Vec<u8> = Vec::new();
        loop {
            if !self.next_tag(&mut tag)? {
                return err("the sheet XML ends inside a string");
            }
            let name = tag.local_name();
            match (name, tag.closing) {
                (n, true) if n == closing => return Ok(out),
                (b"rPh", false) if !tag.empty => phonetic = true,
                (b"rPh", true) => phonetic = false,
                (b"t", false) if !tag.empty => {
                    let preserve = tag.attr(b"space") == Some(b"preserve");
                    run.clear();
                    self.text_into(&mut run)?;
                    self.skip_to_end(b"t")?;
                    if !phonetic {
                        let s = String::from_utf8_lossy(&run);
                        let s = if preserve {
                            &s[..]
                        } else {
                            s.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        out.push_str(&unescape_excel(s));
                    }
                }
                _ => {}
            }
        }
    }
}

/// A `<v>` value by the cell's type.
fn v_value<'s>(
    text: &[u8],
    kind: CellKind,
    style: Option<u32>,
    ctx: &Ctx<'s>,
) -> Result<Value<'s>, FastError> {
    let s = std::str::from_utf8(text).map_err(|_| FastError("a value is not UTF-8".into()))?;
    Ok(match kind {
        CellKind::Shared => {
            if s.is_empty() {
                return Ok(Value::Empty);
            }
            let idx: usize = s.trim().parse().unwrap_or(0);
            match ctx.strings.get(idx) {
                Some(t) => Value::Text(Cow::Borrowed(t.as_str())),
                None => return err("a cell's string index is not in the shared strings"),
            }
        }
        CellKind::Bool => match s {
            "1" | "true" => Value::Bool(true),
            "0" | "false" => Value::Bool(false),
            _ => return err("a boolean cell is neither 0 nor 1"),
        },
        CellKind::Error => Value::CellError(s.to_string()),
        CellKind::Date => Value::IsoDate(Cow::Owned(s.to_string())),
        CellKind::Str => Value::Text(Cow::Owned(unescape_excel(s).into_owned())),
        CellKind::Inline => Value::Empty,
        CellKind::Number => {
            if s.is_empty() {
                return Ok(Value::Empty);
            }
            match s.parse::<f64>() {
                Ok(n) => {
                    let is_date = match style {
                        Some(i) => ctx.date_styles.get(i as usize).copied().unwrap_or(false),
                        None => false,
                    };
                    if is_date {
                        Value::Serial(n)
                    } else {
                        Value::Number(n)
                    }
                }
                Err(_) => Value::Text(Cow::Owned(s.to_string())),
            }
        }
    })
}

/// Resolves `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and character
/// references in text bytes.
fn unescape_into(raw: &[u8], out: &mut Vec<u8>) -> Result<(), FastError> {
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest) {
        out.extend_from_slice(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = memchr::memchr(b';', after) else {
            return err("an entity in a value has no ';'");
        };
        let entity = &after[..semi];
        match entity {
            b"amp" => out.push(b'&'),
            b"lt" => out.push(b'<'),
            b"gt" => out.push(b'>'),
            b"quot" => out.push(b'"'),
            b"apos" => out.push(b'\''),
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix(b"#x")
                    .or_else(|| entity.strip_prefix(b"#X"))
                {
                    std::str::from_utf8(hex)
                        .ok()
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                } else if let Some(dec) = entity.strip_prefix(b"#") {
                    std::str::from_utf8(dec).ok().and_then(|d| d.parse().ok())
                } else {
                    None
                };
                let Some(c) = code.and_then(char::from_u32) else {
                    return err(format!(
                        "unknown entity &{};",
                        String::from_utf8_lossy(entity)
                    ));
                };
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
        rest = &after[semi + 1..];
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// Excel's own escapes: `_x000D_` is a UTF-16 code unit (surrogate pairs as
/// two escapes), and `_x005F_` escapes the underscore of a literal `_xHHHH_`.
fn unescape_excel(s: &str) -> Cow<'_, str> {
    fn unit_at(s: &str, i: usize) -> Option<u16> {
        let b = s.as_bytes();
        if b.len() >= i + 7
            && b[i] == b'_'
            && (b[i + 1] == b'x' || b[i + 1] == b'X')
            && b[i + 6] == b'_'
        {
            let hex = &s[i + 2..i + 6];
            if hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return u16::from_str_radix(hex, 16).ok();
            }
        }
        None
    }
    let first = (0..s.len()).find(|&i| unit_at(s, i).is_some());
    let Some(mut i) = first else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    while i < s.len() {
        let Some(unit) = unit_at(s, i) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        match unit {
            0xD800..=0xDBFF => match unit_at(s, i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let cp =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                    i += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => out.push(char::REPLACEMENT_CHARACTER),
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = i;
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

fn parse_u32(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 10 {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(c - b'0');
    }
    u32::try_from(n).ok()
}

/// `AB12` → (11, 27), 0-based (row, column).
fn cell_position(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for &b in &r[..letters] {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row = parse_u32(&r[letters..])?;
    Some((row.checked_sub(1)?, col - 1))
}

// ---------------------------------------------------------------------------
// The small parts, with quick-xml.

type PartReader<'a> = quick_xml::Reader<BufReader<zip::read::ZipFile<'a, BufReader<File>>>>;

fn part_reader<'a>(
    archive: &'a mut Archive,
    name: &str,
) -> Result<Option<PartReader<'a>>, FastError> {
    match archive.by_name(name) {
        Ok(f) => Ok(Some(quick_xml::Reader::from_reader(BufReader::new(f)))),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => err(format!("{name}: {e}")),
    }
}

fn xml_err(e: impl std::fmt::Display) -> FastError {
    FastError(e.to_string())
}

fn attr_value(
    e: &quick_xml::events::BytesStart<'_>,
    key: &str,
) -> Result<Option<String>, FastError> {
    for a in e.attributes() {
        let a = a.map_err(xml_err)?;
        if a.key.local_name().as_ref() == key {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(xml_err)?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// Sheet names with their relationship ids, and the 1904 flag.
fn read_workbook(archive: &mut Archive) -> Result<(Vec<(String, String)>, bool), FastError> {
    let Some(mut xml) = part_reader(archive, "xl/workbook.xml")? else {
        return err("no xl/workbook.xml");
    };
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    let mut date1904 = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sheet" => {
                    let name = attr_value(&e, "name")?.unwrap_or_default();
                    let rid = attr_value(&e, "id")?.unwrap_or_default();
                    sheets.push((name, rid));
                }
                "workbookPr" => {
                    if let Some(v) = attr_value(&e, "date1904")? {
                        date1904 = v == "1" || v == "true";
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((sheets, date1904))
}

/// Relationship id → target of the workbook part.
fn read_rels(archive: &mut Archive) -> Result<Vec<(String, String)>, FastError> {
    let Some(mut xml) = part_reader(archive, "xl/_rels/workbook.xml.rels")? else {
        return err("no workbook relationships");
    };
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr_value(&e, "Id")?, attr_value(&e, "Target")?)
                {
                    out.push((id, target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The shared strings, read as calamine reads them: the `<t>` runs of each
/// `<si>` without phonetic guides, trimmed unless `xml:space="preserve"`,
/// Excel escapes resolved.
fn read_shared_strings(archive: &mut Archive) -> Result<Vec<String>, FastError> {
    let Some(mut xml) = part_reader(archive, "xl/sharedStrings.xml")? else {
        return Ok(Vec::new());
    };
    let mut buf = Vec::new();
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut phonetic = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "rPh" => phonetic = true,
                "t" => {
                    let preserve = attr_value(&e, "space")?.as_deref() == Some("preserve");
                    let mut text = String::new();
                    let mut inner = Vec::new();
                    loop {
                        inner.clear();
                        match xml.read_event_into(&mut inner).map_err(xml_err)? {
                            Event::Text(t) => text.push_str(&t.xml10_content()),
                            Event::CData(t) => text.push_str(&t.xml10_content()),
                            Event::GeneralRef(r) => {
                                let name: &str = r.as_ref();
                                match name {
                                    "amp" => text.push('&'),
                                    "lt" => text.push('<'),
                                    "gt" => text.push('>'),
                                    "quot" => text.push('"'),
                                    "apos" => text.push('\''),
                                    _ => match r.resolve_char_ref().map_err(xml_err)? {
                                        Some(c) => text.push(c),
                                        None => return err("unknown entity in a shared string"),
                                    },
                                }
                            }
                            Event::End(_) => break,
                            Event::Eof => return err("the shared strings end inside a string"),
                            _ => {}
                        }
                    }
                    if !phonetic {
                        let t = if preserve {
                            &text[..]
                        } else {
                            text.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        if let Some(s) = current.as_mut() {
                            s.push_str(&unescape_excel(t));
                        }
                    }
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => strings.push(current.take().unwrap_or_default()),
                "rPh" => phonetic = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(strings)
}

/// For each cell style (`cellXfs`), whether its number format is a date or time.
fn read_styles(archive: &mut Archive) -> Result<Vec<bool>, FastError> {
    let Some(mut xml) = part_reader(archive, "xl/styles.xml")? else {
        return Ok(Vec::new());
    };
    let mut buf = Vec::new();
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut xf_ids: Vec<Option<u32>> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_err)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr_value(&e, "numFmtId")?.and_then(|v| v.parse().ok());
                    let code = attr_value(&e, "formatCode")?.unwrap_or_default();
                    if let Some(id) = id {
                        custom.push((id, is_date_format(&code)));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    xf_ids.push(attr_value(&e, "numFmtId")?.and_then(|v| v.parse().ok()));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(xf_ids
        .into_iter()
        .map(|id| match id {
            Some(id) => match custom.iter().find(|(c, _)| *c == id) {
                Some((_, date)) => *date,
                None => is_builtin_date(id),
            },
            None => false,
        })
        .collect())
}

/// Excel's built-in date and time formats (Japanese ones included: 27–36, 50–58).
fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date or time: a d, m, h, y or s
/// outside quotes, escapes and brackets in its first section, or an elapsed
/// time such as `[h]` (the rule calamine applies).
fn is_date_format(format: &str) -> bool {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return false,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return true,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return true,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return true
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    false
}

#[cfg(test)]
#[path = "xlsx_fast_tests.rs"]
mod tests;
