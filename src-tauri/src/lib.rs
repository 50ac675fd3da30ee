//! The Horetsu desktop shell: window, state and thin commands over
//! `horetsu_core::ops`. Nothing here computes a figure; every command takes
//! its state, calls one operation off the UI thread, and converts the error
//! once into an [`IpcError`].

mod commands;
mod contract;
mod instance;
mod reveal;
mod state;

use std::path::{Path, PathBuf};

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
            let profile = profile(app.handle())?;
            app.manage(state::AppState::new(profile.dir, requested.clone()));
            main_window(app.handle(), profile.webview_data)?;
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

/// The file beside the executable that turns on portable mode (`portable.txt`
/// too: Windows hides the extension of a text file made in Explorer).
const PORTABLE_MARKERS: [&str; 2] = ["portable", "portable.txt"];

/// In portable mode, the folder beside the executable that holds everything.
const PORTABLE_DATA: &str = "horetsu-data";

/// Where the profile lives.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ProfileChoice {
    /// `HORETSU_PROFILE_DIR`: that folder (the webview keeps its default data folder).
    Env(PathBuf),
    /// Portable mode: `<exe dir>/horetsu-data`, the webview's data in its
    /// `webview` folder; nothing goes to the user's profile.
    Portable(PathBuf),
    /// Installed: the app's config folder, and the webview's default data folder.
    Installed,
}

/// Decides where the profile lives: `HORETSU_PROFILE_DIR` (when set and not
/// empty) wins, then portable mode (a `portable` file beside the executable),
/// else the installed app's folders.
fn choose_profile(
    env_dir: Option<std::ffi::OsString>,
    exe_dir: Option<&Path>,
    portable: bool,
) -> ProfileChoice {
    match (env_dir, exe_dir) {
        (Some(dir), _) if !dir.is_empty() => ProfileChoice::Env(PathBuf::from(dir)),
        (_, Some(exe_dir)) if portable => ProfileChoice::Portable(exe_dir.join(PORTABLE_DATA)),
        _ => ProfileChoice::Installed,
    }
}

/// The profile folder, and where the webview keeps its data (`None`: Tauri's default).
struct Profile {
    dir: PathBuf,
    webview_data: Option<PathBuf>,
}

fn profile<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Profile> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    let portable = exe_dir
        .as_deref()
        .is_some_and(|d| PORTABLE_MARKERS.iter().any(|m| d.join(m).is_file()));
    Ok(
        match choose_profile(
            std::env::var_os("HORETSU_PROFILE_DIR"),
            exe_dir.as_deref(),
            portable,
        ) {
            ProfileChoice::Env(dir) => Profile {
                dir,
                webview_data: None,
            },
            ProfileChoice::Portable(dir) => Profile {
                webview_data: Some(dir.join("webview")),
                dir,
            },
            ProfileChoice::Installed => Profile {
                dir: app.path().app_config_dir()?,
                webview_data: None,
            },
        },
    )
}

/// The profile folder (see [`choose_profile`]).
fn profile_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    profile(app).map(|p| p.dir)
}

/// The main window, as `tauri.conf.json` describes it (`"create": false`
/// there: it is made here, in every mode, so that portable mode can give the
/// webview its own data folder).
fn main_window<R: Runtime>(
    app: &AppHandle<R>,
    webview_data: Option<PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .ok_or("tauri.conf.json declares no window labelled \"main\"")?
        .clone();
    let mut window = tauri::WebviewWindowBuilder::from_config(app, &config)?;
    if let Some(dir) = webview_data {
        window = window.data_directory(dir);
    }
    window.build()?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horetsu_profile_dir_wins_over_portable_mode() {
        let exe = Path::new("/media/usb/Horetsu");
        assert_eq!(
            choose_profile(Some("/tmp/p".into()), Some(exe), true),
            ProfileChoice::Env(PathBuf::from("/tmp/p"))
        );
        assert_eq!(
            choose_profile(Some("/tmp/p".into()), Some(exe), false),
            ProfileChoice::Env(PathBuf::from("/tmp/p"))
        );
    }

    #[test]
    fn a_portable_file_beside_the_executable_keeps_the_profile_beside_it() {
        let exe = Path::new("/media/usb/Horetsu");
        assert_eq!(
            choose_profile(None, Some(exe), true),
            ProfileChoice::Portable(exe.join("horetsu-data"))
        );
        // An empty HORETSU_PROFILE_DIR counts as unset.
        assert_eq!(
            choose_profile(Some("".into()), Some(exe), true),
            ProfileChoice::Portable(exe.join("horetsu-data"))
        );
    }

    #[test]
    fn without_the_portable_file_the_installed_folders_are_used() {
        let exe = Path::new("/usr/bin");
        assert_eq!(
            choose_profile(None, Some(exe), false),
            ProfileChoice::Installed
        );
        assert_eq!(choose_profile(None, None, true), ProfileChoice::Installed);
    }
}
