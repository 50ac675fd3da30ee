#!/usr/bin/env bash
# Export benchmark, side by side in one run (issue #6): `horetsu export` of a
# 100,000-customer demo workspace (analysis, plan, charts, six sheets) against
# Python XlsxWriter (constant_memory) writing the same cells; wall time and
# peak memory of both whole processes, and in-process medians.
# Usage: bash bench/export.sh   (the peer needs bench/.venv with xlsxwriter)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --release -p horetsu-cli
cargo build --quiet --release -p horetsu-core --example bench_export
H=target/release/horetsu
B=target/release/examples/bench_export
PY=bench/.venv/bin/python
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
$H demo --db "$WORK/big.horetsu" --customers 100000 > /dev/null
$B "$WORK/big.horetsu" "$WORK/ours.xlsx" 5 --dump "$WORK/cells.json"
$PY bench/plan_xlsxwriter.py "$WORK/cells.json" "$WORK/peer.xlsx" 5
for i in 1 2 3; do
  { /usr/bin/time -f '{"what": "horetsu export (process)", "wall_s": %e, "peak_kib": %M}' $H export --db "$WORK/big.horetsu" --out "$WORK/ours.xlsx" > /dev/null; } 2>&1
  { /usr/bin/time -f '{"what": "python plan_xlsxwriter.py, 1 run (process, incl. loading the cells)", "wall_s": %e, "peak_kib": %M}' $PY bench/plan_xlsxwriter.py "$WORK/cells.json" "$WORK/peer.xlsx" 1 > /dev/null; } 2>&1
done
ls -l "$WORK/ours.xlsx" "$WORK/peer.xlsx" | awk '{print $5, $9}'
