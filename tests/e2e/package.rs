//! What a shop owner installs (issue #18): the Linux package and portable mode.
//!
//! - The `.deb` is made by `tauri bundle` from the binaries this `cargo test`
//!   built (no second build: a few seconds), unpacked with `dpkg-deb -x` (not
//!   installed), checked (desktop entry, MIME type, both binaries), and the
//!   unpacked app is started on a workspace the unpacked CLI made.
//! - Portable mode: a copy of the app beside a `portable` file keeps its
//!   profile and the webview's data beside itself, and writes nothing into
//!   the (here: a fresh, fake) home folder.

use std::ffi::OsString;
use std::time::Instant;

use super::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn require_tool(path: &str, package: &str) {
    assert!(
        Path::new(path).exists(),
        "{path} is missing: apt-get install {package} (bash .ci/run does it)"
    );
}

impl Driver {
    /// A session of another copy of the app (`Driver::session` starts the
    /// binary cargo built), asked for up to three times like `session`.
    fn session_of(&self, app: &Path, args: &[String]) -> Session {
        let mut failures = Vec::new();
        for attempt in 1..=3 {
            if attempt > 1 {
                stop(&mut self.child.borrow_mut());
                let (child, port) = Self::spawn(&self.profile_dir);
                *self.child.borrow_mut() = child;
                self.port.set(port);
            }
            match Session::start(
                self.port.get(),
                app.to_str().unwrap(),
                args,
                Duration::from_secs(30),
            ) {
                Ok(s) => return s,
                Err(e) => failures.push(format!("attempt {attempt}: {e}")),
            }
        }
        panic!(
            "no WebDriver session for {}:\n{}",
            app.display(),
            failures.join("\n")
        );
    }
}

/// The `.deb` of this build: `tauri bundle --debug` packs the app and CLI
/// this `cargo test` built as they are, so it costs seconds, not a second
/// build. It packs copies in a target folder of its own (`CARGO_TARGET_DIR`):
/// the bundler opens the app binary for writing, even with
/// `--no-binary-patching` (which keeps it from changing the binary), and that
/// fails ("Text file busy") while another test runs the binary.
fn bundle_deb(tmp: &Path) -> PathBuf {
    let tauri = repo().join("ui/node_modules/.bin/tauri");
    assert!(
        tauri.exists(),
        "{} is missing: run `npm ci` in ui (bash .ci/run does it)",
        tauri.display()
    );
    let target = tmp.join("target");
    let debug = target.join("debug");
    std::fs::create_dir_all(&debug).unwrap();
    let app = debug.join("horetsu-app");
    let cli = debug.join("horetsu");
    std::fs::copy(app_binary(), &app).unwrap();
    std::fs::copy(cli_binary(), &cli).unwrap();
    // The release build maps target/release/horetsu; this one, the copied debug CLI.
    let config = serde_json::json!({
        "bundle": { "linux": { "deb": { "files": { "/usr/bin/horetsu": cli } } } }
    });
    let started = Instant::now();
    run(Command::new(&tauri)
        .current_dir(repo())
        .env("CARGO_TARGET_DIR", &target)
        .args([
            "bundle",
            "--debug",
            "--bundles",
            "deb",
            "--no-binary-patching",
            "--ci",
            "--config",
            &config.to_string(),
        ]));
    println!(
        "tauri bundle --bundles deb: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let out_dir = debug.join("bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}: {debs:?}", out_dir.display());
    // The copies and the bundler's staging folder are not needed any more.
    for p in [app, cli, out_dir.join(debs[0].file_stem().unwrap())] {
        let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
    }
    debs[0].clone()
}

#[test]
fn the_deb_declares_the_workspace_type_ships_the_cli_and_opens_a_workspace() {
    require_tool("/usr/bin/dpkg-deb", "dpkg");
    require_tool("/usr/bin/desktop-file-validate", "desktop-file-utils");
    require_tool("/usr/bin/update-mime-database", "shared-mime-info");
    let tmp = Temp::new("deb");
    let deb = bundle_deb(&tmp.0);

    // The control file: the package needs the WebKitGTK runtime.
    let depends = run(Command::new("dpkg-deb").arg("-f").arg(&deb).arg("Depends"));
    assert!(depends.contains("libwebkit2gtk-4.1-0"), "{depends}");

    let root = tmp.0.join("root");
    let started = Instant::now();
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&root));
    println!("dpkg-deb -x: {:.1} s", started.elapsed().as_secs_f64());

    // The desktop entry opens the files it is handed, and claims the workspace type.
    let apps = root.join("usr/share/applications");
    let entries: Vec<PathBuf> = std::fs::read_dir(&apps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = std::fs::read_to_string(&entries[0]).unwrap();
    let lines: Vec<&str> = entry.lines().collect();
    assert!(lines.contains(&"Exec=horetsu-app %F"), "{entry}");
    assert!(
        lines.contains(&"MimeType=application/x-horetsu;"),
        "{entry}"
    );
    assert!(lines.contains(&"Icon=horetsu-app"), "{entry}");
    run(Command::new("desktop-file-validate").arg(&entries[0]));
    assert!(root
        .join("usr/share/icons/hicolor/128x128/apps/horetsu-app.png")
        .exists());

    // The MIME type: *.horetsu is application/x-horetsu, as
    // update-mime-database (dpkg's trigger on install) reads it.
    let xml = root.join("usr/share/mime/packages/horetsu.xml");
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(
        text.contains(r#"<mime-type type="application/x-horetsu">"#),
        "{text}"
    );
    assert!(text.contains(r#"<glob pattern="*.horetsu"/>"#), "{text}");
    let mime = tmp.0.join("mime");
    std::fs::create_dir_all(mime.join("packages")).unwrap();
    std::fs::copy(&xml, mime.join("packages/horetsu.xml")).unwrap();
    run(Command::new("update-mime-database").arg(&mime));
    let globs = std::fs::read_to_string(mime.join("globs2")).unwrap();
    assert!(
        globs
            .lines()
            .any(|l| l.ends_with("application/x-horetsu:*.horetsu")),
        "{globs}"
    );

    // Both programs, on the PATH an installed package gives them.
    let app = root.join("usr/bin/horetsu-app");
    let horetsu = root.join("usr/bin/horetsu");
    for bin in [&app, &horetsu] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(bin).unwrap().permissions().mode();
        assert!(mode & 0o111 != 0, "{} is executable", bin.display());
    }
    let version = run(Command::new(&horetsu).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("horetsu {}", env!("CARGO_PKG_VERSION"))
    );

    // The unpacked app opens a workspace the unpacked CLI made, handed over as
    // a bare path, as the desktop entry's %F hands it.
    let db = tmp.0.join("ひだまり.horetsu");
    run(Command::new(&horetsu)
        .args(["demo", "--db"])
        .arg(&db)
        .args(["--customers", "400"]));
    let summary: Value = serde_json::from_str(&run(Command::new(&horetsu)
        .args(["summary", "--json", "--db"])
        .arg(&db)))
    .unwrap();
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let profile = tmp.0.join("profile");
    let driver = Driver::start(&profile);
    let s = driver.session_of(&app, &[db.display().to_string()]);
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(120))
        .unwrap();
    assert_eq!(s.text("[data-testid=demo-badge]").unwrap(), "デモ");
    assert!(s
        .text("[data-testid=workspace-name]")
        .unwrap()
        .contains("ひだまり茶舗"));
    assert_eq!(
        digits(&s.text("[data-testid=kpi-customers] .value").unwrap()),
        summary["customers"].as_u64().unwrap()
    );
    s.screenshot(&screenshot_dir().join("deb-unpacked-app.png"))
        .unwrap();
    s.end();
    wait_until_exited(&app);
    drop(driver);
    let recent = std::fs::read_to_string(profile.join("profile.json")).unwrap();
    assert!(recent.contains("ひだまり.horetsu"), "{recent}");
}

/// tauri-driver with the environment given (and no `HORETSU_PROFILE_DIR`),
/// stopped with SIGTERM like `Driver`.
struct PlainDriver {
    child: Child,
    port: u16,
}

impl PlainDriver {
    fn start(env: &[(&str, OsString)]) -> PlainDriver {
        let port = free_port();
        let mut native = free_port();
        while native == port {
            native = free_port();
        }
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env_remove("HORETSU_PROFILE_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        PlainDriver {
            child: cmd.spawn().expect("tauri-driver starts"),
            port,
        }
    }
}

impl Drop for PlainDriver {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            out.push(p.strip_prefix(base).unwrap().display().to_string());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                walk(base, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn a_portable_copy_keeps_its_profile_and_webview_data_beside_itself() {
    let _one = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no X display: run the end-to-end tests under xvfb-run (bash .ci/run does it)"
    );
    let tmp = Temp::new("portable");
    // The stick: the app and an empty `portable` file beside it.
    let stick = tmp.0.join("usb/Horetsu");
    std::fs::create_dir_all(&stick).unwrap();
    let app = stick.join("horetsu-app");
    std::fs::copy(app_binary(), &app).unwrap();
    std::fs::write(stick.join("portable"), "").unwrap();
    // A fresh home folder, to see what the app writes there: nothing of its own.
    let home = tmp.0.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let env = [
        ("HOME", home.clone().into_os_string()),
        ("XDG_CONFIG_HOME", home.join(".config").into_os_string()),
        ("XDG_DATA_HOME", home.join(".local/share").into_os_string()),
        ("XDG_CACHE_HOME", home.join(".cache").into_os_string()),
        ("XDG_STATE_HOME", home.join(".local/state").into_os_string()),
    ];

    let mut failures = Vec::new();
    let mut session = None;
    let mut driver = None;
    for attempt in 1..=3 {
        let d = PlainDriver::start(&env);
        match Session::start(d.port, app.to_str().unwrap(), &[], Duration::from_secs(30)) {
            Ok(s) => {
                session = Some(s);
                driver = Some(d);
                break;
            }
            Err(e) => failures.push(format!("attempt {attempt}: {e}")),
        }
    }
    let s = session.unwrap_or_else(|| panic!("no WebDriver session:\n{}", failures.join("\n")));
    // The first start opens the demo, made in the stick's profile.
    s.wait_for("[data-testid=dashboard]", Duration::from_secs(120))
        .unwrap();
    assert_eq!(s.text("[data-testid=demo-badge]").unwrap(), "デモ");
    // Something for the webview to keep: local storage.
    s.execute(
        "localStorage.setItem('horetsu-portable-check', '1')",
        vec![],
    )
    .unwrap();
    s.end();
    wait_until_exited(&app);
    drop(driver);

    let data = stick.join("horetsu-data");
    assert!(data.join("demo.horetsu").exists(), "{:?}", tree(&stick));
    let recent = std::fs::read_to_string(data.join("profile.json")).unwrap();
    assert!(recent.contains("demo.horetsu"), "{recent}");
    // The webview's own data (local storage, caches) is on the stick too.
    assert!(
        data.join("webview/localstorage").is_dir(),
        "{:?}",
        tree(&stick)
    );
    println!("written beside the app: {:?}", tree(&stick));
    let written = tree(&home);
    println!("written into the home folder: {written:?}");
    let ours: Vec<&String> = written
        .iter()
        .filter(|p| p.to_lowercase().contains("horetsu"))
        .collect();
    assert!(
        ours.is_empty(),
        "portable mode wrote into the home folder: {ours:?}"
    );
}
