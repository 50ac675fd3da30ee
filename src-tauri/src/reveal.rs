//! 「フォルダを開く」: shows a saved file in the system's file manager, with
//! the system's own opener (no plugin, no shell): Explorer with the file
//! selected on Windows, Finder on macOS, the folder through `xdg-open`
//! elsewhere. `HORETSU_OPENER` names another program (the end-to-end tests
//! use it to see what would be opened); it gets the folder.

use std::path::Path;
use std::process::{Command, Stdio};

/// Opens the folder holding `file` (which the caller checked the app wrote).
pub fn reveal(file: &Path) -> std::io::Result<()> {
    let folder = file.parent().unwrap_or(Path::new("."));
    let mut cmd = if let Some(opener) = std::env::var_os("HORETSU_OPENER") {
        let mut c = Command::new(opener);
        c.arg(folder);
        c
    } else if cfg!(target_os = "windows") {
        let mut c = Command::new("explorer");
        let mut arg = std::ffi::OsString::from("/select,");
        arg.push(file.as_os_str());
        c.arg(arg);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg("-R").arg(file);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(folder);
        c
    };
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // The opener returns at once (it hands over to the file manager); reap
    // it off the calling thread.
    std::thread::spawn(move || child.wait());
    Ok(())
}
