#!/usr/bin/env bash
# Sending lists and paper (issue #16), side by side in one run: the whole
# `horetsu list` process for each format over the 100,000-customer demo, and
# address labels for 10,000 addresses against ReportLab drawing the same
# sheets from the same addresses in the same font (target ≤ 5 s); wall time
# and peak memory. Usage: bash bench/paper.sh
#   (the peer needs bench/.venv with reportlab; see bench/labels_reportlab.py)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --release -p horetsu-cli
H=target/release/horetsu
PY=bench/.venv/bin/python
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
$H demo --db "$WORK/big.horetsu" --customers 100000 > /dev/null
$H demo --db "$WORK/10k.horetsu" --customers 10000 > /dev/null
run() { # what, command…
  local what=$1; shift
  { /usr/bin/time -f "{\"what\": \"$what\", \"wall_s\": %e, \"peak_kib\": %M}" "$@" > /dev/null; } 2>&1
}
for i in 1 2 3; do
  for f in mail address shopify; do
    run "horetsu list --format $f (100k customers)" $H list --db "$WORK/big.horetsu" --format $f --out "$WORK/$f.csv" --force
  done
  run "horetsu list --format labels (10k customers)" $H list --db "$WORK/10k.horetsu" --format labels --out "$WORK/labels10k.pdf" --force
  run "horetsu list --format postcards (10k customers)" $H list --db "$WORK/10k.horetsu" --format postcards --out "$WORK/cards10k.pdf" --force
  run "horetsu list --format labels (100k customers)" $H list --db "$WORK/big.horetsu" --format labels --out "$WORK/labels100k.pdf" --force
done
$H list --db "$WORK/10k.horetsu" --format address --out "$WORK/addresses10k.csv" --force
echo "labels: $(($(wc -l < "$WORK/addresses10k.csv") - 1)) addresses, $(pdfinfo "$WORK/labels10k.pdf" | awk '/^Pages/ {print $2}') pages"
if [ -x "$PY" ]; then
  for i in 1 2 3; do
    run "python labels_reportlab.py (10k addresses, from the CSV)" $PY bench/labels_reportlab.py "$WORK/addresses10k.csv" "$WORK/peer10k.pdf"
  done
  echo "peer: $(pdfinfo "$WORK/peer10k.pdf" | awk '/^Pages/ {print $2}') pages"
else
  echo "peer skipped: create bench/.venv with reportlab (see bench/labels_reportlab.py)" >&2
fi
ls -l "$WORK"/*.pdf | awk '{print $5, $9}'
