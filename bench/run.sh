#!/usr/bin/env bash
# The benchmark of issue 2 (figures in docs/benchmarks.md): builds danvan and
# dvbench in Release mode into build-bench/ and runs dvbench once.
# Usage: bash bench/run.sh [UNITS_CSV]
# Environment: DV_BENCH_RECORDS (default 1000000), DV_BENCH_RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
units="${1:-../shared/data/vn-admin/units-2024.csv}"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target dvbench danvan >/dev/null
exec ./build-bench/dvbench "$units"
