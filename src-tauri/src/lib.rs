//! The Horetsu desktop shell: window, state and thin commands over
//! `horetsu_core::ops`. Nothing here computes a figure; every command takes
//! its state, calls one operation off the UI thread, and converts the error
//! once into an [`IpcError`].

mod commands;
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
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::dashboard,
            commands::open_workspace,
            commands::create_workspace,
            commands::set_language,
            commands::profile,
            commands::preview_import,
            commands::start_import,
            commands::cancel_import,
            commands::import_batches,
            commands::undo_import,
            commands::import_presets,
            commands::save_import_preset,
            commands::export_rejections,
            commands::plan_page,
            commands::set_action_statuses,
            commands::export_plan,
            commands::campaign_check,
            commands::save_key_list,
            commands::playbook,
            commands::save_playbook,
            commands::restore_playbook,
            commands::customer_page,
            commands::customer_detail,
            commands::analysis_view,
            commands::point_rules,
            commands::save_point_rules,
            commands::restore_point_rules,
            commands::settings,
            commands::save_settings,
            commands::restore_settings,
            commands::set_mask_default,
            commands::save_workspace_copy,
            commands::nps_comments,
            commands::referral_forest,
        ])
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
