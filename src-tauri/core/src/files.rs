//! Writing the files people keep and hand on: workbooks, CSV lists and
//! workspace copies. Every such write in the product goes through
//! [`write_file`], which
//!
//! - never replaces a workspace (a SQLite file or its WAL), a file of another
//!   kind than the one being written (a CSV over a workbook, a workbook over a
//!   Word document…), a folder or a read-only file;
//! - replaces a file of the same kind only when the user said so (`replace`:
//!   the app's save dialog asked, or the CLI's `--force`);
//! - writes to a temporary `.partial` file in the target folder, which it
//!   created exclusively, flushes it to disk and renames it into place, so a
//!   failure or a kill never leaves a half-written file under the name;
//! - when not replacing, moves the file into place without ever replacing one
//!   that appeared meanwhile (a hard link, which fails if the name is taken).

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Replaced, Result};

/// What is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An `.xlsx` workbook.
    Workbook,
    /// A CSV (or other text) list.
    Csv,
    /// A workspace file (a backup or a client copy, a new workspace).
    Workspace,
    /// A PDF (address labels, postcards).
    Pdf,
}

/// What a file on disk is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Empty,
    /// A SQLite database or WAL file: a workspace, or part of one.
    Workspace,
    /// A zip with an `xl/` workbook part.
    Workbook,
    /// Any other zip (a Word document, an `.ods`, an archive…).
    OtherZip,
    /// A PDF.
    Pdf,
    /// Text: no NUL bytes at the start, or a UTF-16 byte-order mark.
    Text,
    /// Anything else (an `.xls`, an image, a program…).
    Other,
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// What the file at `path` is (it must exist and be readable).
pub fn sniff(path: &Path) -> std::io::Result<Found> {
    let mut head = Vec::with_capacity(8192);
    File::open(path)?.take(8192).read_to_end(&mut head)?;
    Ok(if head.is_empty() {
        Found::Empty
    } else if head.starts_with(SQLITE_MAGIC)
        || (head.len() >= 4 && head[..3] == [0x37, 0x7f, 0x06] && matches!(head[3], 0x82 | 0x83))
    {
        Found::Workspace
    } else if head.starts_with(b"%PDF-") {
        Found::Pdf
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        let is_workbook = File::open(path)
            .ok()
            .and_then(|f| zip::ZipArchive::new(f).ok())
            .is_some_and(|z| {
                z.file_names()
                    .any(|n| n.is_ok_and(|n| n.starts_with("xl/")))
            });
        if is_workbook {
            Found::Workbook
        } else {
            Found::OtherZip
        }
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        Found::Text
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || head.contains(&0) {
        Found::Other
    } else {
        Found::Text
    })
}

/// Whether `kind` may be written where `found` is (given the user's consent).
fn same_kind(kind: FileKind, found: Found) -> bool {
    matches!(
        (kind, found),
        (_, Found::Empty)
            | (FileKind::Workbook, Found::Workbook)
            | (FileKind::Csv, Found::Text)
            | (FileKind::Pdf, Found::Pdf)
    )
}

/// Checks that `kind` may be written at `dest` (see the module): `Ok` when
/// nothing is there or the user agreed to replace a file of the same kind.
pub fn check_target(dest: &Path, kind: FileKind, replace: bool) -> Result<()> {
    let folder = folder_of(dest);
    if !folder.is_dir() {
        return Err(Error::FileWrite {
            path: dest.to_path_buf(),
            reason: format!("the folder {} does not exist", folder.display()),
        });
    }
    let meta = match std::fs::metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(write_error(dest, e)),
    };
    let refuse = |what| {
        Err(Error::WouldReplace {
            path: dest.to_path_buf(),
            what,
        })
    };
    if meta.is_dir() {
        return refuse(Replaced::Folder);
    }
    let found = sniff(dest).map_err(|e| write_error(dest, e))?;
    if found == Found::Workspace {
        return refuse(Replaced::Workspace);
    }
    if !same_kind(kind, found) {
        return refuse(Replaced::OtherKind);
    }
    if meta.permissions().readonly() {
        return Err(Error::ReadOnly {
            path: dest.to_path_buf(),
        });
    }
    if !replace {
        return Err(Error::FileExists {
            path: dest.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes a file of `kind` at `dest` through a temporary file (see the
/// module). `write` is given the temporary file's path (an empty file this
/// call created) and fills it.
pub fn write_file(
    dest: &Path,
    kind: FileKind,
    replace: bool,
    write: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    check_target(dest, kind, replace)?;
    let tmp = Partial::reserve(dest)?;
    // A failure names the file the user chose, not the temporary one.
    write(tmp.path()).map_err(|e| e.about(tmp.path(), dest))?;
    tmp.persist(dest, kind, replace)
}

/// A temporary file beside its target, created exclusively by this process
/// (`NAME.PID-N.partial`); removed when dropped unless it was persisted.
#[derive(Debug)]
pub struct Partial {
    path: PathBuf,
    persisted: bool,
}

impl Partial {
    /// Creates an empty temporary file beside `dest`.
    pub fn reserve(dest: &Path) -> Result<Partial> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sweep_stale_partials(dest, &name);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dest.with_file_name(format!("{name}.{}-{n}.partial", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    return Ok(Partial {
                        path,
                        persisted: false,
                    })
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(write_error(dest, e)),
            }
        }
    }

    /// The temporary file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk and moves it to `dest`: over a file of the
    /// same kind when `replace` (checked again now), else only if the name is
    /// still free.
    pub fn persist(mut self, dest: &Path, kind: FileKind, replace: bool) -> Result<()> {
        let tmp = self.path.clone();
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| write_error(dest, e))?;
        // A new workspace is only ever moved to a free name (below); anything
        // else is checked again now, in case the target changed meanwhile.
        if kind != FileKind::Workspace || replace {
            check_target(dest, kind, replace)?;
        }
        if replace && dest.exists() {
            std::fs::rename(&tmp, dest).map_err(|e| write_error(dest, e))?;
        } else {
            move_no_replace(&tmp, dest, kind)?;
        }
        self.persisted = true;
        if kind == FileKind::Workspace {
            // What SQLite may have left beside the closed temporary file.
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut p = tmp.as_os_str().to_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
        }
        sync_folder(folder_of(dest));
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.persisted {
            remove_with_companions(&self.path);
        }
    }
}

/// How long a `.partial` beside a target may stay untouched before a later
/// write takes it for what a killed process left behind.
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// Removes `NAME.PID-N.partial` files (and their SQLite companions) beside
/// `dest` that nothing has written for [`STALE_PARTIAL`]: what a killed
/// export or import left. A live write touches its file (or its WAL) all
/// the time.
fn sweep_stale_partials(dest: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder_of(dest)) else {
        return;
    };
    let prefix = format!("{name}.");
    let now = std::time::SystemTime::now();
    let age = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(middle) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".partial"))
        else {
            continue;
        };
        let ours = middle
            .split_once('-')
            .is_some_and(|(pid, n)| pid.parse::<u32>().is_ok() && n.parse::<u64>().is_ok());
        if !ours {
            continue;
        }
        let path = entry.path();
        let mut wal = path.as_os_str().to_os_string();
        wal.push("-wal");
        let newest = [age(&path), age(Path::new(&wal))]
            .into_iter()
            .flatten()
            .min();
        if newest.is_some_and(|a| a > STALE_PARTIAL) {
            remove_with_companions(&path);
        }
    }
}

/// Moves `tmp` to `dest` unless `dest` exists: a hard link (atomic, fails if
/// the name is taken) where the file system has them, else a rename after a
/// last look.
fn move_no_replace(tmp: &Path, dest: &Path, kind: FileKind) -> Result<()> {
    let taken = || -> Error {
        if kind == FileKind::Workspace {
            Error::WorkspaceExists {
                path: dest.to_path_buf(),
            }
        } else {
            Error::FileExists {
                path: dest.to_path_buf(),
            }
        }
    };
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(taken()),
        // No hard links here (FAT and exFAT sticks, some network shares).
        Err(_) => {
            if dest.exists() {
                return Err(taken());
            }
            std::fs::rename(tmp, dest).map_err(|e| write_error(dest, e))
        }
    }
}

/// Removes a file and, for a workspace, its `-wal`, `-shm` and `-journal`.
pub fn remove_with_companions(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename durable (Unix: the folder's entry is flushed too).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The error for a workbook that could not be saved at `path`: by the cause
/// of the I/O failure inside it (a full disk, a read-only place), found
/// through the error's sources (the zip writer wraps it).
pub fn xlsx_write_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> Error {
    if let rust_xlsxwriter::XlsxError::IoError(io) = e {
        return write_error(path, io);
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return write_error(path, std::io::Error::new(io.kind(), io.to_string()));
        }
        if let Some(zip::result::ZipError::Io(io)) = c.downcast_ref::<zip::result::ZipError>() {
            return write_error(path, std::io::Error::new(io.kind(), io.to_string()));
        }
        cause = c.source();
    }
    Error::FileWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// The error for a failed write of `path`, told apart by cause: a read-only
/// file or folder, a full disk, or anything else.
pub fn write_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::ReadOnly {
            path: path.to_path_buf(),
        },
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull {
            path: path.to_path_buf(),
        },
        _ => Error::FileWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
