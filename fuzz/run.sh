#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang (ASan + UBSan, in
# build-fuzz) and runs each for SECONDS on its seed corpus fuzz/corpus/NAME;
# fails if any harness crashes, leaks or times out. New inputs libFuzzer
# keeps go to build-fuzz/corpus/NAME (not the repository); a crash leaves
# its input in build-fuzz/crashes/NAME and the log in build-fuzz/logs.
#   bash fuzz/run.sh SECONDS [NAME...]      (default: every harness)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: fuzz/run.sh SECONDS [NAME...]}
shift
names=("$@")
((${#names[@]})) || names=(csv form register xlsx_sheet json_body urlenc)
out=build-fuzz

CC=clang cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDV_FUZZ=ON -DDV_SANITIZE=OFF \
  -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build "$out" -j"$(nproc)" --target "${names[@]/#/fuzz_}" >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for n in "${names[@]}"; do
  mkdir -p "$out/corpus/$n" "$out/crashes/$n" "$out/logs"
  log="$out/logs/$n.log"
  start=$(date +%s)
  if "$out/fuzz/fuzz_$n" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$out/crashes/$n/" "$out/corpus/$n" "fuzz/corpus/$n" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$n")
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  echo "fuzz $n: $status in $(($(date +%s) - start)) s, $execs runs, ${cov:-no coverage line} (log $log)"
done
if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]}: inputs in $out/crashes/" >&2
  exit 1
fi
