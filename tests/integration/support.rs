//! Helpers: running the CLI, temporary folders, a shared demo workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Runs `horetsu` with arguments.
pub fn horetsu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_horetsu"))
        .args(args)
        .output()
        .expect("the horetsu binary runs")
}

/// Runs `horetsu`, asserting success, and returns stdout.
pub fn horetsu_ok(args: &[&str]) -> String {
    let out = horetsu(args);
    assert!(
        out.status.success(),
        "horetsu {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("horetsu-it-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The default demo workspace (seed 1, 3,000 customers) and its sample
/// files, made once per test run through the CLI.
pub fn default_demo() -> &'static (PathBuf, PathBuf) {
    static DEMO: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("horetsu-it-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("demo.horetsu");
        let samples = dir.join("sample");
        horetsu_ok(&[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--samples",
            samples.to_str().unwrap(),
        ]);
        (db, samples)
    })
}

/// Opens a workspace file read-only with plain SQLite (an independent view).
pub fn sqlite(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// `horetsu summary --json` parsed.
pub fn summary(db: &Path, as_of: Option<&str>) -> serde_json::Value {
    let mut args = vec!["summary", "--db", db.to_str().unwrap(), "--json"];
    if let Some(d) = as_of {
        args.push("--as-of");
        args.push(d);
    }
    serde_json::from_str(&horetsu_ok(&args)).expect("summary prints JSON")
}

/// Asserts two JSON values are equal, numbers within a relative 1e-9 (sums
/// over customers in a different order differ in the last bits).
pub fn assert_json_close(a: &serde_json::Value, b: &serde_json::Value) {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str) {
        use serde_json::Value::*;
        match (a, b) {
            (Number(x), Number(y)) => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                assert!(
                    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
                    "{path}: {x} != {y}"
                );
            }
            (Object(x), Object(y)) => {
                assert_eq!(x.len(), y.len(), "{path}: keys differ");
                for (k, v) in x {
                    walk(v, y.get(k).unwrap_or(&Null), &format!("{path}.{k}"));
                }
            }
            (Array(x), Array(y)) => {
                assert_eq!(x.len(), y.len(), "{path}: lengths differ");
                for (i, (u, v)) in x.iter().zip(y).enumerate() {
                    walk(u, v, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(a, b, "{path}"),
        }
    }
    walk(a, b, "");
}

/// `pdftotext -raw` (poppler-utils, installed by .ci/setup.sh): the PDF's
/// text in the order it is drawn, pages separated by form feeds, read by an
/// independent reader.
pub fn pdf_text(file: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed to read the PDF back");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Text without spaces and line breaks (the reader's own choice of both).
pub fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

pub fn pdf_pages(file: &Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}
