//! An import's batch: started per file, its figures recorded at the end, and
//! the user's saved presets. The rows live in `store::batches`, which also
//! holds the history and exact undo.

use std::path::Path;

use super::mapping::{self, ImportKind, Preset};
use super::ImportReport;
use crate::error::{Error, Result};
use crate::store::{self, Conn, Tx};

/// Starts a batch for one file.
pub fn begin(tx: &Tx<'_>, kind: ImportKind, path: &Path, now: &str) -> Result<i64> {
    let name = super::source::file_label(path);
    let full = path.display().to_string();
    let hash = fingerprint(path);
    store::batches::begin(
        tx,
        &store::batches::NewBatch {
            kind: kind.id(),
            source_name: &name,
            source_path: Some(&full),
            source_hash: hash.as_deref(),
            imported_at: now,
        },
    )
}

/// A cheap fingerprint of a file (size and a hash of its first and last
/// 64 KiB), to tell the user when the same file comes again.
fn fingerprint(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut buf = vec![0u8; 1 << 16];
    let n = f.read(&mut buf).ok()?;
    feed(&buf[..n]);
    if len > (1 << 17) {
        f.seek(SeekFrom::End(-(1 << 16))).ok()?;
        let n = f.read(&mut buf).ok()?;
        feed(&buf[..n]);
    }
    Some(format!("{len}:{hash:016x}"))
}

/// Records a file's figures on its batch. A batch that added nothing (a
/// re-import) is removed again, so the history lists only real changes.
/// Returns whether the batch was kept.
pub fn finish(tx: &Tx<'_>, batch: i64, r: &ImportReport) -> Result<bool> {
    if !store::batches::changed_anything(**tx, batch)? {
        store::batches::forget(tx, batch)?;
        return Ok(false);
    }
    store::batches::record(
        tx,
        batch,
        &store::batches::Figures {
            sheets: Some(r.sheets.join("\n")),
            rows_read: r.rows_read,
            rows_imported: r.rows_imported,
            rows_rejected: r.rejected.len() as u64,
            rows_duplicate: r.rows_duplicate,
            anonymous_rows: r.anonymous_rows,
            orders_added: r.orders,
            customers_added: r.customers,
            warnings: Some(serde_json::to_string(&r.warnings).unwrap_or_default()),
            mapping: Some(serde_json::to_string(&r.mapping).unwrap_or_default()),
        },
    )?;
    Ok(true)
}

/// The user's saved presets.
pub fn saved_presets(c: Conn<'_>) -> Result<Vec<Preset>> {
    Ok(store::batches::presets(c)?
        .into_iter()
        .filter_map(|row| {
            Some(Preset {
                kind: ImportKind::parse(&row.kind)?,
                columns: serde_json::from_str(&row.columns).unwrap_or_default(),
                name: row.name,
                builtin: false,
            })
        })
        .collect())
}

/// Saves (or replaces) a preset of the user's.
pub fn save_preset(tx: &Tx<'_>, preset: &Preset, now: &str) -> Result<()> {
    if mapping::builtin_presets()
        .iter()
        .any(|p| p.name == preset.name)
    {
        return Err(Error::invalid(
            "preset",
            format!(
                "\"{}\" is a built-in preset; choose another name",
                preset.name
            ),
        ));
    }
    if preset.name.trim().is_empty() {
        return Err(Error::invalid("preset", "give the preset a name"));
    }
    let columns = serde_json::to_string(&preset.columns)
        .map_err(|e| Error::invalid("preset", e.to_string()))?;
    store::batches::save_preset(
        tx,
        &store::batches::PresetRow {
            name: preset.name.trim().to_string(),
            kind: preset.kind.id().to_string(),
            columns,
        },
        now,
    )
}
