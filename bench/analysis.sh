#!/usr/bin/env bash
# Analysis benchmark, side by side in one run (issue #4):
#   - the whole analysis (everything behind `summary` and `customers`) in process,
#     on the Online Retail workspace and on a 100,000-customer, ~1,000,000-order demo;
#   - the whole `horetsu summary --json` process on the big workspace (wall, peak memory);
#   - the BG/NBD fit on the CDNOW summary;
#   - peers: pandas RFM (read CSV + RFM step) and lifetimes (BG/NBD, Gamma-Gamma).
# Usage: bash bench/analysis.sh   (peers need bench/.venv: see bench/rfm_pandas.py, bench/clv_peer.py)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --release -p horetsu-cli
cargo build --quiet --release -p horetsu-core --example bench_analysis
H=target/release/horetsu
B=target/release/examples/bench_analysis
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
$H import --db "$WORK/or.horetsu" "$DATA/online-retail/online_retail.csv" > /dev/null
$B "$WORK/or.horetsu" 11
$H demo --db "$WORK/big.horetsu" --customers 100000 --years 6 > /dev/null
$B "$WORK/big.horetsu" 5
for i in 1 2 3; do
  { /usr/bin/time -f '{"what": "horetsu summary --json (100k customers)", "wall_s": %e, "peak_kib": %M}' $H summary --db "$WORK/big.horetsu" --json > /dev/null; } 2>&1
done
{ /usr/bin/time -f '{"what": "horetsu customers --csv (Online Retail)", "wall_s": %e, "peak_kib": %M}' $H customers --db "$WORK/or.horetsu" --csv > /dev/null; } 2>&1
$B --cdnow "$DATA/cdnow/cdnow_customers_summary.csv" 21
if [ -x bench/.venv/bin/python ]; then
  bench/.venv/bin/python bench/rfm_pandas.py "$DATA/online-retail/online_retail.csv"
  bench/.venv/bin/python bench/clv_peer.py || echo "lifetimes peer skipped (see bench/clv_peer.py for its install)" >&2
else
  echo "peers skipped: create bench/.venv (see bench/rfm_pandas.py)" >&2
fi
