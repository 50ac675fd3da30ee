#!/usr/bin/env bash
# App responsiveness (issue #5), in a release build, in the real window under
# Xvfb: start to an interactive dashboard, every screen switch (first visit and
# return), and frame times while the 100,000-row customers table scrolls.
# Runs the e2e test `the_app_records_its_startup_switch_and_scroll_timings`
# twice: on the demo workspace (3,000 customers) and on a 100,000-customer one.
# Usage: bash bench/app.sh   (needs what .ci/setup.sh installs with HORETSU_SETUP_E2E=1)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd ui && npm run build --silent)
cargo build --quiet --release -p horetsu-cli
cargo test --release --quiet -p horetsu-app --test e2e --no-run
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test --release --quiet -p horetsu-app --test e2e \
    the_app_records_its_startup_switch_and_scroll_timings -- --nocapture 2>&1 | sed -n '/^{/,/^}/p'
  # One line per screen: first visit and return, as `ms (commit_ms)`.
  if command -v python3 > /dev/null; then
    python3 -c '
import json
d = json.load(open("target/e2e-screenshots/app-timings.json"))
seen = {}
for s in d["switches"]:
    seen.setdefault(s["screen"], []).append("%d (%d)" % (s["ms"], s.get("commit_ms", -1)))
for k, v in seen.items():
    print("  %-11s %s" % (k, "  ".join(v)))
'
  fi
}
echo "== demo workspace (3,000 customers)"
run
target/release/horetsu demo --db "$WORK/big.horetsu" --customers 100000 > /dev/null
echo "== 100,000 customers"
HORETSU_BENCH_WORKSPACE="$WORK/big.horetsu" run
