#!/usr/bin/env bash
# The benchmarks of issues 2, 3 and 10 (figures in docs/benchmarks.md): builds
# danvan and dvbench in Release mode into build-bench/ and runs dvbench once.
# Usage: bash bench/run.sh [UNITS_CSV]
# Environment: DV_BENCH_RECORDS (default 1000000 dialogues), DV_BENCH_RUNS
# (default 3), DV_BENCH_REGISTERS (default 1000000 records over the registers,
# 0 = skip), DV_BENCH_REGISTER_RUNS (default 3), DV_BENCH_SQL_RUNS (default 3),
# DV_BENCH_REFORM_RECORDS (default 1000000 dialogues over both editions of the
# tree, issue 10; 0 = skip);
# see bench/bench.c.
set -euo pipefail
cd "$(dirname "$0")/.."
units="${1:-../shared/data/vn-admin/units-2024.csv}"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target dvbench danvan >/dev/null
exec ./build-bench/dvbench "$units"
