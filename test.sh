#!/usr/bin/env bash
# Builds danvan and runs every test: cmocka unit tests, integration tests
# through the binary and HTTP, browser tests in headless Chromium; then the
# unit and integration tests again built with AddressSanitizer and UBSan;
# then each libFuzzer harness of fuzz/ for 15 s.
# Leaves the binary at build/danvan.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh --test
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDV_SANITIZE=OFF -DDV_BROWSER_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDV_SANITIZE=ON -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")

# Fuzzing: each libFuzzer harness of fuzz/ for 15 s (docs/fuzzing.md)
bash fuzz/run.sh 15
