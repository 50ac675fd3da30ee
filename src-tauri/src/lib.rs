//! The Horetsu desktop shell: window, state and thin commands over
//! `horetsu_core::ops`. Nothing here computes a figure; every command takes
//! its state, calls one operation off the UI thread, and converts the error
//! once into an [`IpcError`].

mod commands;
mod contract;
mod state;

use std::path::PathBuf;

use tauri::Manager;

/// Starts the desktop app.
pub fn run() {
    let requested = requested_workspace();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let profile_dir = match std::env::var_os("HORETSU_PROFILE_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_config_dir()?,
            };
            app.manage(state::AppState::new(profile_dir, requested.clone()));
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Horetsu could not start: {e}");
            std::process::exit(1);
        });
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
