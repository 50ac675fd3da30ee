//! Importing the files a shop already has (issue #3). The value parsers are
//! strict: a wrong guess silently corrupts a shop's numbers, while a rejected
//! cell is reported with its file, sheet, row and column.

pub mod values;
