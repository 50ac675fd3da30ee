use super::*;
use crate::error::ErrorCode;

fn dir() -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let d = std::env::temp_dir().join(format!(
        "horetsu-files-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_text(text: &'static str) -> impl FnOnce(&Path) -> Result<()> {
    move |tmp: &Path| std::fs::write(tmp, text).map_err(|e| write_error(tmp, e))
}

/// Every file in `d`, by name (to see that no `.partial` is left behind).
fn names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A minimal zip holding the given entry names.
fn zip_with(path: &Path, entries: &[&str]) {
    let mut z = zip::ZipWriter::new(File::create(path).unwrap());
    for e in entries {
        z.start_file(*e, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"<x/>").unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn a_new_file_is_written_whole_and_no_partial_is_left() {
    let d = dir();
    let dest = d.join("list.csv");
    write_file(&dest, FileKind::Csv, false, write_text("a,b\r\n")).unwrap();
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "a,b\r\n");
    assert_eq!(names(&d), vec!["list.csv"]);
}

#[test]
fn a_failed_write_leaves_neither_the_target_nor_a_partial() {
    let d = dir();
    let dest = d.join("plan.xlsx");
    let e = write_file(&dest, FileKind::Workbook, false, |tmp| {
        std::fs::write(tmp, b"half").unwrap();
        Err(Error::invalid("test", "the writer failed"))
    })
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(names(&d).is_empty(), "{:?}", names(&d));
}

#[test]
fn an_export_never_replaces_a_workspace_even_when_told_to() {
    let d = dir();
    let ws = d.join("shop.horetsu");
    let mut bytes = SQLITE_MAGIC.to_vec();
    bytes.extend_from_slice(&[7u8; 100]);
    std::fs::write(&ws, &bytes).unwrap();
    // Its WAL companion is refused too.
    let wal = d.join("shop.horetsu-wal");
    std::fs::write(&wal, [0x37, 0x7f, 0x06, 0x82, 0, 0, 0, 1]).unwrap();
    for (target, kind) in [
        (&ws, FileKind::Workbook),
        (&ws, FileKind::Csv),
        (&ws, FileKind::Workspace),
        (&wal, FileKind::Csv),
    ] {
        let e = write_file(target, kind, true, write_text("x")).unwrap_err();
        assert_eq!(
            e.code(),
            ErrorCode::WouldReplaceWorkspace,
            "{target:?} {kind:?}"
        );
    }
    assert_eq!(std::fs::read(&ws).unwrap(), bytes);
    assert_eq!(names(&d), vec!["shop.horetsu", "shop.horetsu-wal"]);
}

#[test]
fn a_file_of_another_kind_is_never_replaced() {
    let d = dir();
    let csv = d.join("customers.csv");
    std::fs::write(&csv, "customer_key\r\nC1\r\n").unwrap();
    let book = d.join("plan.xlsx");
    zip_with(&book, &["[Content_Types].xml", "xl/workbook.xml"]);
    let docx = d.join("notes.xlsx");
    zip_with(&docx, &["[Content_Types].xml", "word/document.xml"]);
    let xls = d.join("old.xlsx");
    std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    let folder = d.join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    for (target, kind) in [
        (&csv, FileKind::Workbook),
        (&book, FileKind::Csv),
        (&docx, FileKind::Workbook),
        (&xls, FileKind::Workbook),
        (&csv, FileKind::Workspace),
        (&folder, FileKind::Csv),
    ] {
        let e = write_file(target, kind, true, write_text("x")).unwrap_err();
        assert_eq!(
            e.code(),
            ErrorCode::WouldReplaceOther,
            "{target:?} {kind:?}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "customer_key\r\nC1\r\n"
    );
    assert_eq!(sniff(&book).unwrap(), Found::Workbook);
    assert_eq!(sniff(&docx).unwrap(), Found::OtherZip);
}

#[test]
fn a_file_of_the_same_kind_is_replaced_only_when_the_user_agreed() {
    let d = dir();
    let dest = d.join("keys.csv");
    std::fs::write(&dest, "old\r\n").unwrap();
    let e = write_file(&dest, FileKind::Csv, false, write_text("new\r\n")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old\r\n");
    write_file(&dest, FileKind::Csv, true, write_text("new\r\n")).unwrap();
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new\r\n");
    // UTF-16 text (Excel's 「Unicode テキスト」) counts as text.
    std::fs::write(&dest, [0xFF, 0xFE, b'a', 0, b'\n', 0]).unwrap();
    write_file(&dest, FileKind::Csv, true, write_text("again\r\n")).unwrap();
    assert_eq!(names(&d), vec!["keys.csv"]);
}

#[test]
fn a_read_only_file_is_never_replaced() {
    let d = dir();
    let dest = d.join("locked.csv");
    std::fs::write(&dest, "keep\r\n").unwrap();
    let mut perms = std::fs::metadata(&dest).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&dest, perms).unwrap();
    let e = write_file(&dest, FileKind::Csv, true, write_text("x")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReadOnly);
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "keep\r\n");
}

#[test]
fn a_file_that_appears_while_writing_is_not_replaced() {
    let d = dir();
    let dest = d.join("plan.csv");
    let e = write_file(&dest, FileKind::Csv, false, |tmp| {
        // Somebody else saves a file of that name meanwhile.
        std::fs::write(&dest, "theirs\r\n").unwrap();
        std::fs::write(tmp, "ours\r\n").map_err(|e| write_error(tmp, e))
    })
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "theirs\r\n");
    assert_eq!(names(&d), vec!["plan.csv"]);
}

#[test]
fn a_missing_folder_is_named() {
    let d = dir();
    let e = write_file(
        &d.join("nope/plan.xlsx"),
        FileKind::Workbook,
        true,
        write_text("x"),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileWrite);
    assert!(e.to_string().contains("does not exist"), "{e}");
}

#[test]
fn io_errors_are_told_apart_by_cause() {
    let p = Path::new("x.csv");
    let code = |k: ErrorKind| write_error(p, std::io::Error::from(k)).code();
    assert_eq!(code(ErrorKind::PermissionDenied), ErrorCode::ReadOnly);
    assert_eq!(code(ErrorKind::ReadOnlyFilesystem), ErrorCode::ReadOnly);
    assert_eq!(code(ErrorKind::StorageFull), ErrorCode::DiskFull);
    assert_eq!(code(ErrorKind::Other), ErrorCode::FileWrite);
}

#[test]
fn a_workbook_that_cannot_be_saved_says_why() {
    let p = Path::new("plan.xlsx");
    let full = rust_xlsxwriter::XlsxError::IoError(std::io::Error::from(ErrorKind::StorageFull));
    assert_eq!(xlsx_write_error(p, full).code(), ErrorCode::DiskFull);
    let denied =
        rust_xlsxwriter::XlsxError::IoError(std::io::Error::from(ErrorKind::PermissionDenied));
    assert_eq!(xlsx_write_error(p, denied).code(), ErrorCode::ReadOnly);
    // A failure while writing the temporary file names the file the user chose.
    let d = dir();
    let dest = d.join("plan.xlsx");
    let e = write_file(&dest, FileKind::Workbook, false, |tmp| {
        Err(Error::DiskFull {
            path: tmp.to_path_buf(),
        })
    })
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DiskFull);
    assert!(
        e.to_string().contains("plan.xlsx;")
            || e.to_string()
                .ends_with("plan.xlsx; free some space and try again"),
        "{e}"
    );
    assert!(!e.to_string().contains(".partial"), "{e}");
}

#[test]
fn a_partial_left_by_a_killed_write_long_ago_is_swept_a_fresh_one_is_not() {
    let d = dir();
    let dest = d.join("plan.xlsx");
    let old = d.join("plan.xlsx.4242-0.partial");
    let fresh = d.join("plan.xlsx.4243-0.partial");
    let other = d.join("notes.txt.partial");
    for p in [&old, &fresh, &other] {
        std::fs::write(p, b"x").unwrap();
    }
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let tmp = Partial::reserve(&dest).unwrap();
    assert!(!old.exists(), "the stale partial is gone");
    assert!(
        fresh.exists() && other.exists(),
        "a fresh one and a foreign file stay"
    );
    drop(tmp);
    assert!(!names(&d)
        .iter()
        .any(|n| n.contains(&std::process::id().to_string())));
}
