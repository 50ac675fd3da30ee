//! The user's profile: recent workspaces, the last one opened, the language
//! and the PII-masking default. A small JSON file in the app's config folder;
//! the path comes in as a parameter (tests use a temporary folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How many recent workspaces are remembered.
pub const MAX_RECENT: usize = 10;

/// The profile file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct Profile {
    /// Recently opened workspaces, most recent first.
    pub recent: Vec<String>,
    /// UI language: `ja` or `en`.
    pub language: String,
    /// Mask names, e-mails and phones by default.
    pub mask_pii: bool,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            recent: Vec::new(),
            language: "ja".into(),
            mask_pii: false,
        }
    }
}

impl Profile {
    /// Reads the profile; a missing or unreadable file gives the defaults
    /// (a broken profile must never stop the app from starting).
    pub fn load(path: &Path) -> Profile {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the profile atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        let write_err = |e: std::io::Error| Error::FileWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::invalid("profile", e.to_string()))?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(write_err)
    }

    /// Puts `workspace` first in the recent list.
    pub fn remember(&mut self, workspace: &Path) {
        let text = workspace.display().to_string();
        self.recent.retain(|p| p != &text);
        self.recent.insert(0, text);
        self.recent.truncate(MAX_RECENT);
    }

    /// Forgets a workspace (e.g. one that no longer opens).
    pub fn forget(&mut self, workspace: &Path) {
        let text = workspace.display().to_string();
        self.recent.retain(|p| p != &text);
    }

    /// The most recent workspace that still exists.
    pub fn last_existing(&self) -> Option<PathBuf> {
        self.recent.iter().map(PathBuf::from).find(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_workspaces_are_most_recent_first_without_duplicates() {
        let mut p = Profile::default();
        for name in ["a", "b", "a", "c"] {
            p.remember(Path::new(name));
        }
        assert_eq!(p.recent, vec!["c", "a", "b"]);
        for i in 0..20 {
            p.remember(Path::new(&format!("w{i}")));
        }
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], "w19");
    }

    #[test]
    fn a_missing_or_broken_profile_gives_defaults() {
        let dir = std::env::temp_dir().join(format!("horetsu-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("profile.json");
        assert_eq!(Profile::load(&path), Profile::default());
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Profile::load(&path), Profile::default());
        let p = Profile {
            language: "en".into(),
            ..Profile::default()
        };
        p.save(&path).unwrap();
        assert_eq!(Profile::load(&path).language, "en");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
