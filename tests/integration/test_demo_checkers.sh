#!/usr/bin/env bash
# The demo's own checkers (demo/check_demo.py, demo/check_reform.py) recompute the annexes
# from the demo's CSV files without the binary and compare them with the seed (2023S1) and
# with the 2026 report; they also check the register rules they apply against registers/*.reg.
# They run here so that a change to a register, a form or the demo files that they no longer
# understand fails the suite instead of being found by hand.
source "$(dirname "$0")/lib.sh" "$@"
need_shared
ROOT=$(cd "$HERE/../.." && pwd)
for c in check_demo check_reform; do
  if python3 "$ROOT/demo/$c.py" --shared "$SHARED" >"$W/$c.out" 2>&1; then ok; else
    fail "demo/$c.py: $(grep -E 'MISMATCH|problem|Error' "$W/$c.out" | head -20)"
  fi
done
finish
