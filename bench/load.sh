#!/usr/bin/env bash
# The load benchmark of issue 13, item 7 (figures in docs/benchmarks.md, "Under load").
# Builds danvan and dvbench in Release mode (build-bench/), makes a database of RECORDS
# records over the registers on the national tree (dvbench --make-db, kept in build-bench/
# for the next run), serves it and measures with wrk, each figure next to its baseline of
# the same run:
#   1. Biểu 5 of VN for 2023 (GET /api/report) at c=20 readers, alone and while 32
#      writers create dialogues (POST /api/registers/dialogues) counted into it;
#      baseline: GET /healthz at c=20. Goal: p99 <= 100 ms with the writers.
#   2. The first page of the dialogues of VN for 2023 (GET /api/registers/dialogues) at
#      c=100; baseline: GET /healthz at c=100. Goal: p99 <= 100 ms.
#   3. A restart: the time to the first answer (503 while loading, or 200) and to 200.
# Usage: bash bench/load.sh [RECORDS]   (default 1000000; DV_LOAD_SECONDS per run, default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
secs=${DV_LOAD_SECONDS:-15}
port=${DV_LOAD_PORT:-18190}
base="http://127.0.0.1:$port"
units_csv=../shared/data/vn-admin/units-2024.csv
command -v wrk >/dev/null || { echo "load.sh: wrk is needed: scripts/deps.sh --bench" >&2; exit 1; }
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target dvbench danvan >/dev/null
db=build-bench/load-$n.db
[ -f "$db" ] || ./build-bench/dvbench --make-db "$n" "$db" "$units_csv"

spid=
stop() { [ -z "$spid" ] || { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true; spid=; }; }
trap stop EXIT
# serve : starts the server; sets first and ready: the ms to its first answer and to its first 200
serve() {
  local t0 code
  first=
  t0=$(date +%s%N)
  ./build-bench/danvan serve "$db" --listen "127.0.0.1:$port" >build-bench/load-serve.log 2>&1 &
  spid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)
    [ -n "$first" ] || { [ "$code" = 000 ] || first=$((($(date +%s%N) - t0) / 1000000)); }
    [ "$code" = 200 ] && break
    kill -0 "$spid" 2>/dev/null || { echo "load.sh: the server stopped:" >&2; cat build-bench/load-serve.log >&2; exit 1; }
    sleep 0.01
  done
  ready=$((($(date +%s%N) - t0) / 1000000))
}
# login LOGIN PASSWORD : prints "cookie csrf"
login() {
  curl -s -D - -o build-bench/load-login.json -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$2\"}" "$base/api/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(dv_session=[^;]*\).*/\1/p' | tr -d '\r\n'
  python3 -c 'import json; print("", json.load(open("build-bench/load-login.json"))["csrf"])'
}
# wrk_run C URL [SCRIPT] : one wrk run of secs seconds; prints "p50_ms p99_ms req/s errors"
wrk_run() {
  local c=$1 url=$2 script=${3:-bench/read.lua}
  wrk -t1 -c"$c" -d"${secs}s" --timeout 10s --latency -s "$script" "$url" 2>build-bench/load-wrk.err |
    python3 bench/wrk_figures.py
}

serve
echo "load: $n records in $db; server ready in $ready ms"
read -r rcookie _ < <(login bench bench-password)
read -r wcookie wcsrf < <(login load load-password)
export DV_COOKIE=$rcookie
DV_UNITS=$(awk -F, 'NR > 1 && $4 == 3 && k++ < 200 { printf "%s%s", (k > 1 ? "," : ""), $1 }' "$units_csv")
export DV_UNITS

annex="$base/api/report?form=bieu-5&unit=VN&period=2023"
list="$base/api/registers/dialogues?unit=VN&period=2023"
row() { printf '%-44s %8s %8s %8s %6s\n' "$@"; }
row "run" "p50 ms" "p99 ms" "req/s" "errors"
read -r h20_50 h20_99 h20_rps h20_err < <(wrk_run 20 "$base/healthz")
row "GET /healthz, c=20 (baseline)" "$h20_50" "$h20_99" "$h20_rps" "$h20_err"
read -r a_50 a_99 a_rps a_err < <(wrk_run 20 "$annex")
row "Biểu 5 of VN, c=20, no writers" "$a_50" "$a_99" "$a_rps" "$a_err"
before=$(sqlite3 "$db" "SELECT count(*) FROM records")
(DV_COOKIE=$wcookie DV_CSRF=$wcsrf secs=$((secs + 2)) wrk -t1 -c32 -d"$((secs + 2))s" --timeout 10s --latency \
  -s bench/write.lua "$base/api/registers/dialogues" >build-bench/load-writers.txt 2>build-bench/load-writers.err) &
wpid=$!
sleep 1
read -r w_50 w_99 w_rps w_err < <(wrk_run 20 "$annex")
wait "$wpid"
writes=$(( $(sqlite3 "$db" "SELECT count(*) FROM records") - before ))
row "Biểu 5 of VN, c=20, 32 writers" "$w_50" "$w_99" "$w_rps" "$w_err"
read -r _ wr_99 _ _ < <(python3 bench/wrk_figures.py <build-bench/load-writers.txt)
row "  the writers: $writes dialogues created" "" "$wr_99" "$((writes / (secs + 2)))" \
  "$(grep -c 'write: HTTP' build-bench/load-writers.err || true)"
read -r h100_50 h100_99 h100_rps h100_err < <(wrk_run 100 "$base/healthz")
row "GET /healthz, c=100 (baseline)" "$h100_50" "$h100_99" "$h100_rps" "$h100_err"
read -r l_50 l_99 l_rps l_err < <(wrk_run 100 "$list")
row "dialogues of VN (page 1), c=100" "$l_50" "$l_99" "$l_rps" "$l_err"
stop
serve
row "restart: first answer / ready (ms)" "$first" "$ready" "" ""
python3 - "$a_99" "$w_99" "$h20_99" "$l_99" "$h100_99" <<'PY'
import sys
a, w, h20, l, h100 = map(float, sys.argv[1:])
print(f"ratios: annex p99 with writers / alone {w / a:.2f}x, / healthz {w / h20:.1f}x; "
      f"list p99 / healthz at c=100 {l / h100:.1f}x")
print(f"goals: annex p99 with 32 writers {w:.1f} ms ({'met' if w <= 100 else 'NOT met'}, <= 100); "
      f"list p99 at c=100 {l:.1f} ms ({'met' if l <= 100 else 'NOT met'}, <= 100)")
PY
