#!/usr/bin/env bash
# Import benchmark, side by side in one run (issue #3):
#   floors  - inflating the sheet XML; calamine's streaming cell reader; calamine's worksheet_range
#   reader  - every cell through the import's own xlsx reader (import/xlsx_fast.rs)
#   ours    - `horetsu import` into a fresh workspace (the whole import)
#   peer    - pandas read_excel (openpyxl), one run (it takes ~40 s)
# Wall time is the median of RUNS runs (bench_import prints it); peak memory
# comes from /usr/bin/time -v of a single run of each mode.
# Usage: bash bench/import.sh [FILE] [RUNS]   (default: ../shared/data/online-retail/online_retail.xlsx, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
FILE="${1:-../shared/data/online-retail/online_retail.xlsx}"
RUNS="${2:-3}"
cargo build --quiet --release -p horetsu-core --example bench_import
BIN=target/release/examples/bench_import
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in unzip cells fastcells range import; do
  json=$($BIN "$mode" "$FILE" "$RUNS")
  peak=$( { /usr/bin/time -v $BIN "$mode" "$FILE" 1 >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
  echo "${json%\}}, \"peak_kib\": $peak}"
done
if [ -x bench/.venv/bin/python ]; then
  peak=$( { /usr/bin/time -v bench/.venv/bin/python bench/pandas_read_excel.py "$FILE" > /tmp/horetsu-pandas.json; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
  json=$(cat /tmp/horetsu-pandas.json)
  echo "${json%\}}, \"peak_kib\": $peak}"
else
  echo "pandas peer skipped: create bench/.venv (see bench/pandas_read_excel.py)" >&2
fi
