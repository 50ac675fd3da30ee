//! End-to-end tests: the real desktop binary, in a real window under Xvfb,
//! driven through tauri-driver and WebKitWebDriver.
//!
//! These tests need `tauri-driver` (cargo install tauri-driver), Debian's
//! `webkit2gtk-driver` and an X display (`xvfb-run`). `bash .ci/run` sets all
//! of that up. Without them the tests fail with a message saying what is
//! missing; they never pass silently.
//!
//! Screenshots are written to `target/e2e-screenshots/`.

mod analysis;
mod charts;
mod customers;
mod dashboard;
mod effect;
mod import;
mod lists;
mod package;
mod plan;
mod timings;
mod webdriver;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use horetsu_core::format::thousands;
use serde_json::Value;
use webdriver::Session;

/// One window at a time: WebKitWebDriver drives one session per display well.
static SERIAL: Mutex<()> = Mutex::new(());

fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_horetsu-app"))
}

fn cli_binary() -> PathBuf {
    let path = app_binary().with_file_name(format!("horetsu{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "the horetsu CLI is not built next to the app ({}); run `cargo build -p horetsu-cli` or `cargo test --workspace`", path.display());
    path
}

fn screenshot_dir() -> PathBuf {
    let dir = app_binary()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tauri_driver() -> PathBuf {
    let candidates = [
        std::env::var_os("TAURI_DRIVER").map(PathBuf::from),
        std::env::var_os("CARGO_HOME").map(|h| PathBuf::from(h).join("bin/tauri-driver")),
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver")),
    ];
    for c in candidates.into_iter().flatten() {
        if c.exists() {
            return c;
        }
    }
    if let Ok(out) = Command::new("which").arg("tauri-driver").output() {
        let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !p.is_empty() {
            return PathBuf::from(p);
        }
    }
    panic!("tauri-driver is not installed: run `cargo install tauri-driver --locked --version '^2'` (bash .ci/run does it)");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver, stopped with SIGTERM (never SIGKILL: that would leave
/// WebKitWebDriver holding its port and hang the next run).
///
/// Now and then (about one run in twenty on a loaded 2-core machine) a fresh
/// tauri-driver answers `POST /session` with a closed connection and keeps
/// doing so. A session is therefore asked for up to three times, each time
/// from a freshly started driver on new ports; the driver's stderr is kept in
/// the screenshot directory for the failure message.
struct Driver {
    child: std::cell::RefCell<Child>,
    port: std::cell::Cell<u16>,
    profile_dir: PathBuf,
}

impl Driver {
    fn start(profile_dir: &Path) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no X display: run the end-to-end tests under xvfb-run (bash .ci/run does it)"
        );
        assert!(
            Path::new("/usr/bin/WebKitWebDriver").exists(),
            "WebKitWebDriver is missing: apt-get install webkit2gtk-driver (bash .ci/run does it)"
        );
        let (child, port) = Self::spawn(profile_dir);
        Driver {
            child: std::cell::RefCell::new(child),
            port: std::cell::Cell::new(port),
            profile_dir: profile_dir.to_path_buf(),
        }
    }

    fn log_path() -> PathBuf {
        screenshot_dir().join("tauri-driver.log")
    }

    fn spawn(profile_dir: &Path) -> (Child, u16) {
        let port = free_port();
        let mut native = free_port();
        while native == port {
            native = free_port();
        }
        let log = std::fs::File::create(Self::log_path()).expect("tauri-driver log");
        // 「フォルダを開く」 runs this stub instead of a file manager: it
        // writes what it was asked to open to `opened.txt` beside it.
        std::fs::create_dir_all(profile_dir).unwrap();
        let opener = profile_dir.join("opener.sh");
        std::fs::write(
            &opener,
            format!(
                "#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n",
                profile_dir.join("opened.txt").display()
            ),
        )
        .unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("HORETSU_PROFILE_DIR", profile_dir)
            .env("HORETSU_OPENER", &opener)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("tauri-driver starts");
        (child, port)
    }

    fn session(&self, args: &[String]) -> Session {
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
                app_binary().to_str().unwrap(),
                args,
                Duration::from_secs(30),
            ) {
                Ok(s) => return s,
                Err(e) => {
                    let log = std::fs::read_to_string(Self::log_path()).unwrap_or_default();
                    failures.push(format!(
                        "attempt {attempt}: {e}\n  tauri-driver said: {}",
                        log.trim()
                    ));
                }
            }
        }
        panic!("no WebDriver session:\n{}", failures.join("\n"));
    }
}

/// Stops a tauri-driver with SIGTERM and waits for it (SIGKILL only if it hangs).
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    for _ in 0..50 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The app first, then the driver: stopped at once, the driver now and
        // then leaves the app running on, orphaned (see wait_until_exited).
        wait_until_exited(&app_binary());
        stop(self.child.get_mut());
    }
}

/// Waits until no process runs `exe`: the app lives on a moment after its
/// WebDriver session ends, and its webview still writes then. Call it before
/// stopping the driver: stopped at once, tauri-driver now and then (about one
/// session in ten here) leaves the app running on, orphaned, until the X
/// server goes away.
pub(crate) fn wait_until_exited(exe: &Path) {
    let exe = exe.canonicalize().unwrap_or_else(|_| exe.to_path_buf());
    let deadline = Instant::now() + Duration::from_secs(20);
    // A zombie (state Z, waiting for a parent that does not reap it) has exited.
    let alive = |proc: &Path| {
        std::fs::read_to_string(proc.join("stat"))
            .ok()
            .and_then(|stat| {
                let state = stat.rsplit_once(") ")?.1.chars().next()?;
                Some(state != 'Z')
            })
            .unwrap_or(false)
    };
    let running = || {
        std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
            std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe) && alive(&e.path())
        })
    };
    while running() {
        if Instant::now() >= deadline {
            let procs: Vec<String> = std::fs::read_dir("/proc")
                .unwrap()
                .flatten()
                .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe))
                .map(|e| std::fs::read_to_string(e.path().join("stat")).unwrap_or_default())
                .collect();
            if std::thread::panicking() {
                return;
            }
            panic!(
                "{} still runs 20 s after its session ended: {procs:?}",
                exe.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
}

struct Temp(PathBuf);
impl Temp {
    fn new(tag: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("horetsu-e2e-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Temp(dir)
    }
}
impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(cli_binary()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "horetsu {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn digits(text: &str) -> u64 {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(u64::MAX)
}

const STAGES: [&str; 5] = [
    "observer",
    "landing",
    "empathy",
    "involvement",
    "circulation",
];

fn set_input(s: &Session, css: &str, value: &str) {
    s.execute(
        "const i = document.querySelector(arguments[0]); \
         const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(i), 'value').set; \
         set.call(i, arguments[1]); i.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![Value::from(css), Value::from(value)],
    )
    .unwrap();
}

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .join(name)
        .display()
        .to_string()
}

fn set_select(s: &Session, css: &str, value: &str) {
    s.execute(
        "const i = document.querySelector(arguments[0]); i.value = arguments[1]; \
         i.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![Value::from(css), Value::from(value)],
    )
    .unwrap();
}

fn js_count(s: &Session, css: &str) -> u64 {
    s.execute(
        "return document.querySelectorAll(arguments[0]).length",
        vec![Value::from(css)],
    )
    .unwrap()
    .as_u64()
    .unwrap()
}
