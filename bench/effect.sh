#!/usr/bin/env bash
# 効果測定 benchmark (issue #15): the whole `horetsu effect --json` process over
# 100,000 customers and 1,000,000 contact-log lines (20 campaigns of 50,000
# customers each, 10 % held out), wall time and peak memory; the issue's
# target is 1 s. Usage: bash bench/effect.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --release -p horetsu-cli
H=target/release/horetsu
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
$H demo --db "$WORK/big.horetsu" --customers 100000 --years 6 > /dev/null
python3 - "$WORK/log.csv" <<'PY'
import random, sys
random.seed(15)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("顧客ID,送信日,施策,区分\n")
    for k in range(20):
        day = f"2026-{1 + k % 9:02d}-{1 + (k * 7) % 27:02d}"
        for c in random.sample(range(1, 100001), 50000):
            group = "対照" if random.random() < 0.1 else "送付"
            f.write(f"M{c:06d},{day},施策{k + 1:02d},{group}\n")
PY
{ /usr/bin/time -f '{"what": "horetsu import --kind contacts (1,000,000 lines)", "wall_s": %e, "peak_kib": %M}' $H import --db "$WORK/big.horetsu" --kind contacts "$WORK/log.csv" > /dev/null; } 2>&1
for i in 1 2 3; do
  { /usr/bin/time -f '{"what": "horetsu effect --json (100k customers, 1M contacts)", "wall_s": %e, "peak_kib": %M}' $H effect --db "$WORK/big.horetsu" --json > /dev/null; } 2>&1
done
