//! Limits for zip-based workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) before
//! anything inflates them: files people hand each other are hostile input,
//! and a 2 MB workbook can hold a sheet that inflates to gigabytes.
//!
//! The limits are read from the zip's central directory. The zip reader
//! stops any entry that inflates past its declared size, so checking the
//! declared sizes bounds what reading can cost. As Apache POI does, an entry
//! may not inflate more than 100 times its compressed size (once it is over
//! 1 MiB: small parts legitimately compress better); besides, a worksheet
//! part may not exceed 4 GiB, any other part (shared strings, styles, an
//! OpenDocument's content, which are held in memory whole) 256 MiB, and a
//! workbook may not hold more than 10,000 parts. Real exports are far below
//! every limit: the Online Retail sheet (541,909 rows) is 159 MB at a ratio
//! of 8.

use std::path::Path;

use crate::error::{ImportProblem, Result};

use super::source::import_error;

/// The most an entry may inflate, as a multiple of its compressed size.
pub const MAX_RATIO: u64 = 100;
/// Entries up to this size are not held to [`MAX_RATIO`].
pub const RATIO_GRACE: u64 = 1 << 20;
/// The largest worksheet part.
pub const MAX_SHEET: u64 = 4 << 30;
/// The largest other part (held in memory whole by the readers).
pub const MAX_PART: u64 = 256 << 20;
/// The most parts a workbook may have.
pub const MAX_ENTRIES: usize = 10_000;

/// Whether a part is a worksheet (streamed row by row, so it may be big).
fn is_sheet(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml")
        || name.starts_with("xl/worksheets/") && name.ends_with(".bin")
}

/// Refuses a zip-based workbook over the limits, naming the part.
pub fn check(path: &Path) -> Result<()> {
    let refuse = |reason: String| Err(import_error(path, ImportProblem::TooLarge, &reason));
    let file = std::fs::File::open(path).map_err(|e| crate::error::Error::FileRead {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        // Not a readable zip: the workbook reader says so in its own words.
        Err(_) => return Ok(()),
    };
    if zip.len() > MAX_ENTRIES {
        return refuse(format!(
            "the workbook holds {} parts (a workbook has a few dozen); it is not read",
            zip.len()
        ));
    }
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            return Ok(());
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let (packed, size) = (entry.compressed_size(), entry.size());
        let limit = if is_sheet(&name) { MAX_SHEET } else { MAX_PART };
        if size > limit {
            return refuse(format!(
                "its part {name} would take {} MB once unpacked (the most read is {} MB); it is not read",
                size >> 20,
                limit >> 20
            ));
        }
        if size > RATIO_GRACE && size > packed.saturating_mul(MAX_RATIO) {
            return refuse(format!(
                "its part {name} unpacks to {} times its size (a workbook unpacks to about 10 times); it looks like a zip bomb and is not read",
                size / packed.max(1)
            ));
        }
    }
    Ok(())
}
