//! One cell as the importer sees it, whoever read it (calamine, the fast
//! xlsx reader or the CSV reader).

use std::borrow::Cow;

/// One cell as the importer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Nothing in the cell.
    Empty,
    /// Text.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// An Excel date or datetime serial (1900 or 1904 system as the workbook says).
    Serial(f64),
    /// An ISO date text from an OpenDocument file.
    IsoDate(Cow<'a, str>),
    /// An error cell such as `#N/A`.
    CellError(String),
}

impl Value<'_> {
    /// True for empty cells and whitespace-only text.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way it would show in a report.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) | Value::IsoDate(t) => t.to_string(),
            Value::Number(n) | Value::Serial(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            Value::Bool(b) => b.to_string(),
            Value::CellError(e) => e.clone(),
        }
    }

    /// An owned copy.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Empty => Value::Empty,
            Value::Text(t) => Value::Text(Cow::Owned(t.into_owned())),
            Value::Number(n) => Value::Number(n),
            Value::Bool(b) => Value::Bool(b),
            Value::Serial(n) => Value::Serial(n),
            Value::IsoDate(t) => Value::IsoDate(Cow::Owned(t.into_owned())),
            Value::CellError(e) => Value::CellError(e),
        }
    }
}
