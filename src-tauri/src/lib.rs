//! The Horetsu desktop shell: window, state and thin commands over
//! `horetsu_core::ops`. Nothing here computes a figure; every command takes
//! its state, calls one operation off the UI thread, and converts the error
//! once into an [`IpcError`].

mod commands;
mod contract;
mod instance;
mod reveal;
mod state;

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event that tells the page to open a workspace the OS handed over.
const OPEN_EVENT: &str = "open-workspace";

/// Starts the desktop app.
pub fn run() {
    let requested = requested_workspace();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(one_instance(requested.clone()))
        .setup(move |app| {
            let dir = profile_dir(app.handle())?;
            app.manage(state::AppState::new(dir, requested.clone()));
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Horetsu could not start: {e}");
            std::process::exit(1);
        });
    app.run(|_app, _event| {
        // macOS hands a double-clicked workspace to the running app as an event.
        #[cfg(any(target_os = "macos", target_os = "ios"))]
        if let tauri::RunEvent::Opened { urls } = &_event {
            for url in urls {
                if let Ok(path) = url.to_file_path() {
                    open_from_os(_app, Some(path));
                }
            }
        }
    });
}

/// The profile folder: `HORETSU_PROFILE_DIR`, else the app's config folder.
fn profile_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match std::env::var_os("HORETSU_PROFILE_DIR") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => app.path().app_config_dir(),
    }
}

/// One window per profile (see `instance.rs`): a later launch hands its
/// workspace over here and exits before it opens a window.
fn one_instance<R: Runtime>(requested: Option<PathBuf>) -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("one-instance")
        .setup(move |app, _api| {
            match instance::claim(&profile_dir(app)?, requested.as_deref()) {
                Ok(instance::Claim::HandedOver) => {
                    app.cleanup_before_exit();
                    std::process::exit(0);
                }
                Ok(instance::Claim::First(listener, token)) => {
                    let handle = app.clone();
                    instance::serve(listener, token, move |file| open_from_os(&handle, file));
                }
                // Without the guard the app still works: a second launch opens a second window.
                Err(e) => eprintln!("Horetsu: cannot watch for a second launch: {e}"),
            }
            Ok(())
        })
        .build()
}

/// A workspace the OS handed over (a second launch, or macOS's open event):
/// the window comes to the front, and the page opens it (or, before the page
/// has opened anything, start-up does).
fn open_from_os<R: Runtime>(app: &AppHandle<R>, file: Option<PathBuf>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    let Some(file) = file else { return };
    match app.try_state::<state::AppState>() {
        Some(state) if !state.is_open() => {
            *state.requested.write().unwrap_or_else(|p| p.into_inner()) = Some(file);
        }
        _ => {
            let _ = app.emit(OPEN_EVENT, file.display().to_string());
        }
    }
}

/// `--workspace PATH` (or a bare path, as a file manager passes it).
fn requested_workspace() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            return args.next().map(PathBuf::from);
        }
        let path = PathBuf::from(&arg);
        if path.extension().is_some_and(|e| e == "horetsu") {
            return Some(path);
        }
    }
    None
}
