#!/usr/bin/env bash
# Builds danvan and runs it on its embedded database with the demo data.
# Usage: ./run.sh [DB] [ADDR:PORT]   (defaults: danvan-demo.db, 127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")"
db="${1:-danvan-demo.db}"
listen="${2:-127.0.0.1:8080}"
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDV_BROWSER_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target danvan
[[ -f "$db" ]] || ./build/danvan init "$db" --demo
exec ./build/danvan serve "$db" --listen "$listen"
