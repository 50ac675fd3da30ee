//! Parsing rows: the cells of a mapped row become an order line, a member,
//! an event or an NPS answer, or a rejection naming the cell and the reason.
//! Runs on the reader thread when reading is quick, else on the writer's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::address::{self, Address};
use super::mapping::{ColumnMap, Field, ImportKind, Mapping};
use super::presets::Preset;
use super::source::{SheetMeta, Value};
use super::values::{self, OrderStatus, ValueError};
use super::{ImportOptions, Rejection};
use crate::model::Lang;

/// Rows packed for the trip between the threads: every text lives in one
/// buffer, each cell is a small fixed-size record.
#[derive(Default)]
pub(super) struct RawBatch {
    pub(super) text: String,
    pub(super) cells: Vec<RawCell>,
    /// Row number and the range of its cells.
    pub(super) rows: Vec<(u32, u32, u32)>,
}

#[derive(Clone, Copy)]
pub(super) enum RawCell {
    Empty,
    Text(u32, u32),
    Number(f64),
    Bool(bool),
    Serial(f64),
    Iso(u32, u32),
    Error(u32, u32),
}

impl RawBatch {
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(super) fn put_text(&mut self, t: &str) -> (u32, u32) {
        let start = self.text.len() as u32;
        self.text.push_str(t);
        (start, t.len() as u32)
    }

    pub(super) fn push_row(&mut self, number: u32, cells: &[Value<'_>], wanted: &[bool]) {
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
    pub(super) fn row_into<'a>(&'a self, i: usize, out: &mut Vec<Value<'a>>) -> u32 {
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
pub(super) type Shared = Arc<str>;

/// Reuses `prev` when it holds the same text.
pub(super) fn share(prev: Option<&Shared>, text: String) -> Shared {
    match prev {
        Some(p) if **p == *text => p.clone(),
        _ => Shared::from(text),
    }
}

pub(super) fn share_opt(prev: Option<&Shared>, text: Option<String>) -> Option<Shared> {
    text.map(|t| share(prev, t))
}

/// FxHash (as in rustc): the writer's maps are keyed by our own data, so a
/// fast non-keyed hash is safe and much cheaper than SipHash.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

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
    pub(super) fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Column index of each field (a field enum indexes the array).
pub(super) struct Cols([Option<usize>; 64]);

impl Cols {
    pub(super) fn get(&self, f: &Field) -> Option<&usize> {
        self.0.get(*f as usize).and_then(Option::as_ref)
    }
    pub(super) fn contains_key(&self, f: &Field) -> bool {
        self.get(f).is_some()
    }
}

/// An order line as read.
pub(super) struct OrderRow {
    pub(super) row: u32,
    pub(super) order_no: Shared,
    pub(super) key: Option<Shared>,
    pub(super) at: NaiveDateTime,
    pub(super) name: Option<Shared>,
    pub(super) email: Option<Shared>,
    pub(super) phone: Option<Shared>,
    pub(super) line_amount: Option<f64>,
    pub(super) total: Option<f64>,
    pub(super) quantity: Option<f64>,
    pub(super) unit_price: Option<f64>,
    pub(super) shipping: Option<f64>,
    pub(super) refunded: Option<f64>,
    pub(super) product: Option<String>,
    pub(super) sku: Option<String>,
    pub(super) status: OrderStatus,
    pub(super) channel: Option<String>,
    pub(super) coupon: Option<String>,
    pub(super) referral_code: Option<String>,
    pub(super) address: Option<Address>,
    pub(super) consent: Option<bool>,
}

pub(super) struct CustomerRow {
    pub(super) row: u32,
    pub(super) key: String,
    pub(super) name: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) registered_on: Option<NaiveDate>,
    pub(super) referred_by: Option<String>,
    pub(super) channel: Option<String>,
    pub(super) address: Option<Address>,
    pub(super) consent: Option<bool>,
}

pub(super) struct EventRow {
    pub(super) row: u32,
    pub(super) key: String,
    pub(super) day: NaiveDate,
    pub(super) kind: String,
    pub(super) note: Option<String>,
    pub(super) brand_tag: bool,
    pub(super) has_image: bool,
    pub(super) points: Option<i64>,
}

pub(super) struct ContactRow {
    pub(super) row: u32,
    pub(super) key: String,
    pub(super) day: NaiveDate,
    pub(super) campaign: String,
    pub(super) channel: Option<String>,
    /// The group as written (送付 / 対照 …); treated when absent.
    pub(super) group: Option<String>,
}

pub(super) struct NpsRow {
    pub(super) key: Option<String>,
    pub(super) day: NaiveDate,
    pub(super) score: u8,
    pub(super) comment: Option<String>,
    pub(super) response_id: Option<String>,
}

/// Where each field sits, and the state carried from row to row.
pub(super) struct RowParser {
    pub(super) kind: ImportKind,
    pub(super) cols: Cols,
    pub(super) headers: Vec<String>,
    pub(super) file: String,
    pub(super) sheet: String,
    pub(super) date1904: bool,
    pub(super) order: values::DateOrder,
    pub(super) latest: NaiveDate,
    /// Order-level values of the previous row, inherited by the next rows of
    /// the same order where they are blank (Shopify writes them once).
    pub(super) carry: Option<Carry>,
    pub(super) warned_truncation: bool,
    /// Columns the header names; a text file's row with more non-empty
    /// cells than this is rejected (its cells have shifted).
    pub(super) width: usize,
    /// The sheet is a CSV or other delimited text (a workbook's cells
    /// cannot shift; notes right of a table are common there).
    pub(super) delimited: bool,
    pub(super) warned_short: bool,
}

#[derive(Clone)]
pub(super) struct Carry {
    pub(super) order_no: Shared,
    pub(super) key: Option<Shared>,
    pub(super) at: Option<NaiveDateTime>,
    pub(super) name: Option<Shared>,
    pub(super) email: Option<Shared>,
    pub(super) phone: Option<Shared>,
}

/// A cell that could not be read.
pub(super) struct CellError {
    pub(super) field: Field,
    pub(super) error: ValueError,
    pub(super) value: String,
}

pub(super) type CellResult<T> = std::result::Result<T, CellError>;

impl RowParser {
    /// Which columns any field reads.
    pub(super) fn wanted_columns(&self) -> Vec<bool> {
        let mut wanted = Vec::new();
        for i in self.cols.0.iter().flatten() {
            if wanted.len() <= *i {
                wanted.resize(*i + 1, false);
            }
            wanted[*i] = true;
        }
        wanted
    }

    pub(super) fn new(
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
            width: layout.header_width,
            delimited: meta.encoding.is_some(),
            warned_short: false,
        }
    }

    /// Whether the row's cells line up with the header: `Err` for a
    /// delimited row with non-empty cells right of the header's last column.
    pub(super) fn shape(&self, cells: &[Value<'_>]) -> std::result::Result<(), ValueError> {
        if !self.delimited || self.width == 0 || cells.len() <= self.width {
            return Ok(());
        }
        match cells.iter().rposition(|v| !v.is_blank()) {
            Some(last) if last >= self.width => Err(ValueError::ExtraCells {
                cells: last + 1,
                header: self.width,
            }),
            _ => Ok(()),
        }
    }

    pub(super) fn cell<'c, 'v>(
        &self,
        cells: &'c [Value<'v>],
        field: Field,
    ) -> Option<&'c Value<'v>> {
        self.cols
            .get(&field)
            .and_then(|&i| cells.get(i))
            .filter(|v| !v.is_blank())
    }

    pub(super) fn text(
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

    /// The row's postal address (`None` when it has none a label can use).
    pub(super) fn address(
        &mut self,
        cells: &[Value<'_>],
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<Address> {
        let postal_code = match (
            self.cell(cells, Field::PostalCode),
            self.cell(cells, Field::PostalCode2),
        ) {
            // Two columns (810 / 0001): the first three digits and the last
            // four, which a spreadsheet may have turned into numbers (1).
            (Some(_), Some(_)) => {
                let mut part =
                    |me: &mut Self, field: Field, width: usize| match me.cell(cells, field) {
                        Some(Value::Number(n)) if n.fract() == 0.0 && *n >= 0.0 => {
                            Some(format!("{:0width$}", *n as u64))
                        }
                        _ => me.text(cells, field, row, out),
                    };
                let first = part(self, Field::PostalCode, 3);
                let last = part(self, Field::PostalCode2, 4);
                first
                    .zip(last)
                    .and_then(|(a, b)| address::postal_code(&format!("{a}{b}")))
            }
            (Some(Value::Number(n)), None) => address::postal_code_number(*n),
            (Some(_), None) => self
                .text(cells, Field::PostalCode, row, out)
                .and_then(|t| address::postal_code(&t)),
            (None, _) => None,
        };
        let a = Address {
            postal_code,
            prefecture: self
                .text(cells, Field::Prefecture, row, out)
                .and_then(|t| address::prefecture(&t)),
            city: self
                .text(cells, Field::City, row, out)
                .and_then(|t| address::line(&t)),
            street: self
                .text(cells, Field::Street, row, out)
                .and_then(|t| address::line(&t)),
            building: self
                .text(cells, Field::Building, row, out)
                .and_then(|t| address::line(&t)),
        }
        .split_prefecture();
        a.is_usable().then_some(a)
    }

    /// The row's marketing consent (`None` when the cell does not say).
    pub(super) fn consent(
        &mut self,
        cells: &[Value<'_>],
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<bool> {
        match self.cell(cells, Field::Consent)? {
            Value::Bool(b) => Some(*b),
            _ => self
                .text(cells, Field::Consent, row, out)
                .and_then(|t| address::consent(&t)),
        }
    }

    /// Every mapped field with its column label (for the writer's reports).
    pub(super) fn labels(&self) -> Vec<(Field, String)> {
        self.kind
            .fields()
            .iter()
            .filter(|f| self.cols.contains_key(f))
            .map(|&f| (f, self.column_label(f)))
            .collect()
    }

    pub(super) fn column_label(&self, field: Field) -> String {
        self.cols
            .get(&field)
            .and_then(|&i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.label(Lang::Ja).to_string())
    }

    pub(super) fn err(&self, field: Field, v: &Value<'_>, error: ValueError) -> CellError {
        // A rejected cell is quoted in the report; a huge one (a hostile
        // file) is quoted by its start.
        let mut value = v.display();
        if value.chars().count() > 200 {
            value = value.chars().take(200).chain("…".chars()).collect();
        }
        CellError {
            field,
            error,
            value,
        }
    }

    pub(super) fn number(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<f64>> {
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

    pub(super) fn datetime(
        &self,
        cells: &[Value<'_>],
        field: Field,
    ) -> CellResult<Option<NaiveDateTime>> {
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

    pub(super) fn time_of_day(
        &self,
        cells: &[Value<'_>],
        field: Field,
    ) -> CellResult<Option<NaiveTime>> {
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

    pub(super) fn id(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<String>> {
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

    pub(super) fn key(&self, cells: &[Value<'_>], field: Field) -> CellResult<Option<String>> {
        let Some(v) = self.cell(cells, field) else {
            return Ok(None);
        };
        match v {
            Value::Number(n) | Value::Serial(n) => values::id_from_float_checked(*n)
                .map(Some)
                .map_err(|e| self.err(field, v, e)),
            // A numeric id stored as text keeps no ".0" (17850.0 and 17850 are one customer).
            Value::Text(t) | Value::IsoDate(t) => {
                let key =
                    values::id_from_text(t).and_then(|id| crate::keys::normalize_customer_key(&id));
                match key.as_ref().map(|k| k.chars().count()) {
                    Some(chars) if chars > values::MAX_KEY_CHARS => {
                        Err(self.err(field, v, ValueError::KeyTooLong { chars }))
                    }
                    _ => Ok(key),
                }
            }
            Value::Bool(_) | Value::CellError(_) => Err(self.err(field, v, ValueError::NotAnId)),
            Value::Empty => Ok(None),
        }
    }

    /// What the import stores for a mapped cell (the preview shows it beside
    /// the raw cell): parsed by the same functions the import uses.
    pub(super) fn stored(&self, cells: &[Value<'_>], field: Field) -> Option<super::StoredValue> {
        use Field as F;
        let v = self.cell(cells, field)?;
        let number = |n: f64| {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", n as i64)
            } else {
                format!("{n}")
            }
        };
        let result: CellResult<Option<String>> = match field {
            F::OrderDate => self.datetime(cells, field).map(|d| {
                d.map(|d| {
                    if d.time() == NaiveTime::MIN {
                        d.format("%Y-%m-%d").to_string()
                    } else {
                        d.format("%Y-%m-%d %H:%M").to_string()
                    }
                })
            }),
            F::RegisteredOn | F::Date => self
                .datetime(cells, field)
                .map(|d| d.map(|d| d.format("%Y-%m-%d").to_string())),
            F::OrderTime => self
                .time_of_day(cells, field)
                .map(|t| t.map(|t| t.format("%H:%M:%S").to_string())),
            F::CustomerKey | F::ReferredBy => self.key(cells, field),
            F::OrderNo | F::ResponseId => self.id(cells, field),
            F::Amount
            | F::Total
            | F::UnitPrice
            | F::Shipping
            | F::Refunded
            | F::Quantity
            | F::Points => self.number(cells, field).map(|n| n.map(number)),
            F::Score => match v {
                Value::Number(n) if n.fract() != 0.0 => {
                    Err(self.err(field, v, ValueError::NotAnNpsScore))
                }
                Value::Number(n) if (0.0..=10.0).contains(n) => Ok(Some(number(*n))),
                Value::Number(_) => Err(self.err(field, v, ValueError::NpsScoreOutOfRange)),
                other => values::parse_nps_score(&other.display())
                    .map(|s| Some(s.to_string()))
                    .map_err(|e| self.err(field, v, e)),
            },
            F::BrandTag | F::HasImage => match v {
                Value::Bool(b) => Ok(Some(b.to_string())),
                Value::Number(n) if *n == 0.0 || *n == 1.0 => Ok(Some((*n == 1.0).to_string())),
                other => values::parse_bool(&other.display())
                    .map(|b| Some(b.to_string()))
                    .map_err(|e| self.err(field, v, e)),
            },
            _ => {
                let raw = match v {
                    Value::Text(t) => Cow::Borrowed(t.as_ref()),
                    other => Cow::Owned(other.display()),
                };
                let (text, _) = values::clean_text(&raw);
                Ok((!text.is_empty()).then_some(text))
            }
        };
        Some(match result {
            Ok(value) => super::StoredValue {
                value: value.unwrap_or_default(),
                problem: None,
            },
            Err(e) => super::StoredValue {
                value: String::new(),
                problem: Some(e.error.code().to_string()),
            },
        })
    }

    pub(super) fn reject(
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

    pub(super) fn parse(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        if let Err(error) = self.shape(cells) {
            let first_extra = self.width;
            out.push(Msg::Reject(
                Box::new(Rejection {
                    file: self.file.clone(),
                    sheet: self.sheet.clone(),
                    row,
                    column: super::mapping::column_letter(first_extra as u32),
                    value: cells[first_extra..]
                        .iter()
                        .map(Value::display)
                        .collect::<Vec<_>>()
                        .join(","),
                    reason: error.to_string(),
                    reason_ja: reason_ja(&error),
                    code: error.code().to_string(),
                }),
                None,
            ));
            return;
        }
        if self.delimited && !self.warned_short && cells.len() < self.width {
            self.warned_short = true;
            out.push(Msg::Warning(format!(
                "{} / {}: row {row} has {} cells, the header {}: the missing cells were read as empty (later such rows too)",
                self.file,
                self.sheet,
                cells.len(),
                self.width
            )));
        }
        match self.kind {
            ImportKind::Orders => self.parse_order(row, cells, out),
            ImportKind::Customers => self.parse_customer(row, cells, out),
            ImportKind::Events => self.parse_event(row, cells, out),
            ImportKind::Nps => self.parse_nps(row, cells, out),
            ImportKind::Contacts => self.parse_contact(row, cells, out),
        }
    }

    pub(super) fn parse_order(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
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
                    address: self.address(cells, row, out),
                    consent: self.consent(cells, row, out),
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
    pub(super) fn order_values(
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

    pub(super) fn name(
        &mut self,
        cells: &[Value<'_>],
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<String> {
        self.text(cells, Field::Name, row, out).or_else(|| {
            let family = self.text(cells, Field::FamilyName, row, out);
            let given = self.text(cells, Field::GivenName, row, out);
            match (family, given) {
                (Some(f), Some(g)) => Some(format!("{f} {g}")),
                (f, g) => f.or(g),
            }
        })
    }

    pub(super) fn required_key(
        &self,
        cells: &[Value<'_>],
        row: u32,
        out: &mut Vec<Msg>,
    ) -> Option<String> {
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

    pub(super) fn required_day(
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

    pub(super) fn parse_customer(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
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
        let address = self.address(cells, row, out);
        let consent = self.consent(cells, row, out);
        out.push(Msg::Customer(Box::new(CustomerRow {
            row,
            key,
            name,
            email,
            phone,
            registered_on,
            referred_by,
            channel,
            address,
            consent,
        })));
    }

    pub(super) fn parse_event(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
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

    pub(super) fn parse_contact(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
        let Some(key) = self.required_key(cells, row, out) else {
            return;
        };
        let Some(day) = self.required_day(cells, Field::Date, row, out) else {
            return;
        };
        let Some(campaign) = self.text(cells, Field::Campaign, row, out) else {
            let e = self.err(Field::Campaign, &Value::Empty, ValueError::Empty);
            return self.reject(row, e, None, out);
        };
        let channel = self.text(cells, Field::Channel, row, out);
        let group = self.text(cells, Field::Group, row, out);
        out.push(Msg::Contact(Box::new(ContactRow {
            row,
            key,
            day,
            campaign,
            channel,
            group,
        })));
    }

    pub(super) fn parse_nps(&mut self, row: u32, cells: &[Value<'_>], out: &mut Vec<Msg>) {
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
        ValueError::KeyTooLong { chars } => format!(
            "顧客IDが{chars}文字あります(顧客IDは{}文字まで)。列の選び方を確かめてください",
            values::MAX_KEY_CHARS
        ),
        ValueError::ExtraCells { cells, header } => format!(
            "この行はセルが{cells}個あり、見出し({header}列)より多くなっています。引用符で囲まれていない値の中のカンマ(¥4,500 など)で区切られ、それより右の値が1列ずつずれています。その値を\"\"で囲むか、書き出し直してください"
        ),
    }
}

pub(super) struct SheetLayout {
    pub(super) header_index: usize,
    /// Cells in the header row (a CSV header line's fields, named or not).
    pub(super) header_width: usize,
    pub(super) mapping: Mapping,
    pub(super) preset: Option<Preset>,
}

/// A row (or a note) on its way to the writer.
// Order rows are the common case and live only briefly in a small reused
// vector on the writer's side, so they are not boxed.
#[allow(clippy::large_enum_variant)]
pub(super) enum Msg {
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
    Contact(Box<ContactRow>),
    Reject(Box<Rejection>, Option<(Shared, Option<Shared>)>),
    Warning(String),
}

pub(super) struct SheetStart {
    pub(super) sheet: String,
    pub(super) encoding: Option<super::Encoding>,
    pub(super) preset: Option<String>,
    pub(super) mapping: Vec<ColumnMap>,
}
