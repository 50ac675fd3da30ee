# Installs what is missing on a Debian 12 machine, and nothing that is there.
# Sourced by .ci/run (tests) and .ci/start (the app). Safe to run again.
#   HORETSU_SETUP_E2E=1  also installs tauri-driver (end-to-end tests).

set -euo pipefail
cd "$(git rev-parse --show-toplevel 2>/dev/null || dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Tauri's Linux prerequisites, Xvfb for a window without a screen,
# WebKitWebDriver for end-to-end tests, ImageMagick for screenshots, poppler's
# pdftotext and pdfinfo to read the label and postcard PDFs back, LibreOffice
# Calc (soffice, headless: 86 MB download, 257 MB installed) to print the
# workbook to PDF (tests/integration/print.rs).
apt_packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick
  poppler-utils
  libreoffice-calc-nogui)
# The .deb check (tests/e2e/package.rs): dpkg-deb is there; desktop-file-validate
# and update-mime-database read its desktop entry and MIME type back. yamllint
# checks the release workflow.
apt_packages+=(desktop-file-utils shared-mime-info yamllint)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "cargo is missing: install Rust from https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or newer" >&2; exit 1; }

# UI dependencies, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  log "npm ci (ui)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "${HORETSU_SETUP_E2E:-0}" = 1 ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if ! command -v tauri-driver >/dev/null; then
    log "cargo install tauri-driver"
    cargo install tauri-driver --locked --version '^2' --quiet
  fi
fi
