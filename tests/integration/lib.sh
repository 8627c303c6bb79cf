# Shared helpers for the integration tests (sourced, not run by CTest).
#   source "$(dirname "$0")/lib.sh" "$@"
# Sets DV (absolute path of the binary), HERE (this directory), SHARED (../shared of the
# repository), W (a fresh work directory, removed on exit) and provides fail / check helpers.
# A test calls `finish` at the end: it exits 1 if any check failed. KEEP=1 in the environment
# leaves W in place (to look at a failure).
# Python parts import dvtest.py (this directory is on PYTHONPATH): errors, HTTP, periods.

set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash $(basename "$0") /path/to/danvan" >&2
  exit 2
fi
DV=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=$(cd "$HERE/../../../shared" 2>/dev/null && pwd || true)
W=$(mktemp -d "${TMPDIR:-/tmp}/dv-it.XXXXXX")
export LC_ALL=C.UTF-8
export PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
FAILS=0
CHECKS=0

cleanup_workdir() { [ -n "${KEEP:-}" ] || rm -rf "$W"; }
trap cleanup_workdir EXIT

fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL: $*" >&2
}

ok() { CHECKS=$((CHECKS + 1)); }

# check "description" command args... : the command must succeed
check() {
  local what=$1
  shift
  if "$@"; then ok; else fail "$what"; fi
}

# run_dv OUT ERR args... : run the binary, stdout to OUT, stderr to ERR; returns its status
run_dv() {
  local out=$1 err=$2
  shift 2
  "$DV" "$@" >"$out" 2>"$err"
}

# reject_indicator WORD WHY ARGS... : `danvan indicator db ARGS --format json` must fail with
# a 'danvan: ' message naming WORD and print nothing on stdout
reject_indicator() {
  local word=$1 why=$2
  shift 2
  if "$DV" indicator db "$@" --format json >o 2>e; then
    fail "indicator $* ($why) was accepted: $(head -c 300 o)"
  elif ! grep -q '^danvan: ' e || ! grep -qF -- "$word" e; then
    fail "indicator $* ($why): the message does not name '$word': $(cat e)"
  elif [ -s o ]; then
    fail "indicator $* ($why): printed something on stdout: $(head -c 200 o)"
  else ok; fi
}

# dump DB FILE : the whole database as SQL text (sorted-independent of pages)
dump_db() {
  sqlite3 "$1" .dump >"$2"
}

need_shared() {
  if [ -z "$SHARED" ] || [ ! -d "$SHARED/data" ]; then
    echo "FAIL: shared directory not found at $HERE/../../../shared" >&2
    exit 1
  fi
}

finish() {
  if [ "$FAILS" -gt 0 ]; then
    echo "$(basename "$0"): $FAILS check(s) FAILED ($CHECKS passed)" >&2
    exit 1
  fi
  echo "$(basename "$0"): all $CHECKS checks passed"
  exit 0
}

# `printf ... | f` runs f in this shell, so its fail/ok counts are kept
shopt -s lastpipe

# pristine_db : the database db as it is now is what every refused import must leave: it is
# copied to pristine.db and dumped to base.sql (for expect_reject)
pristine_db() {
  rm -f db-wal db-shm
  cp db pristine.db
  dump_db db base.sql
}

# expect_reject KIND LINE FIELD DESCRIPTION [MESSAGE-FRAGMENT] < csv-text
#   `danvan import KIND db` of the text must fail, with a message on stderr naming line LINE
#   ("dòng LINE"), the field FIELD (unless empty: an error about the whole line) and holding
#   MESSAGE-FRAGMENT when given; the database must be left as pristine_db saved it (else it
#   is restored from pristine.db). One check each: the refusal, the line, the field, the
#   fragment, the unchanged database. The files are badN.csv, badN.out, badN.err.
REJECTS=0
expect_reject() {
  local kind=$1 line=$2 field=$3 desc=$4 frag=${5:-}
  REJECTS=$((REJECTS + 1))
  local f="bad$REJECTS"
  cat >"$f.csv"
  if run_dv "$f.out" "$f.err" import "$kind" db "$f.csv"; then
    fail "[$kind: $desc] import succeeded (exit 0), expected a rejection"
  else
    ok
    if [ ! -s "$f.err" ]; then
      fail "[$kind: $desc] no message on stderr"
    else
      if grep -qE "dòng $line([^0-9]|$)" "$f.err"; then ok; else
        fail "[$kind: $desc] message does not name line $line: $(cat "$f.err")"
      fi
      if [ -n "$field" ]; then
        if grep -qwF -- "$field" "$f.err"; then ok; else
          fail "[$kind: $desc] message does not name the field '$field': $(cat "$f.err")"
        fi
      fi
      if [ -n "$frag" ]; then
        if grep -qF -- "$frag" "$f.err"; then ok; else
          fail "[$kind: $desc] message lacks '$frag': $(cat "$f.err")"
        fi
      fi
    fi
  fi
  dump_db db after.sql
  if cmp -s base.sql after.sql; then ok; else
    fail "[$kind: $desc] the database changed although the import failed:"
    diff base.sql after.sql | head -10 >&2
    cp pristine.db db
    rm -f db-wal db-shm
  fi
}

# add_user LOGIN UNIT ROLE : adds a user to the database db with the password pass-LOGIN-123
# (the one dvtest.Session signs in with); one check
add_user() {
  if printf '%s\n' "pass-$1-123" | "$DV" user add db --login "$1" --unit "$2" --role "$3" >o 2>e; then ok; else
    fail "user add $1: $(cat e)"
  fi
}

# pick_port : sets PORT to a free port of 18000-18999; finishes the test when there is none
pick_port() {
  PORT=
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    local p=$((18000 + RANDOM % 1000))
    if python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$p" 2>/dev/null; then
      PORT=$p
      break
    fi
  done
  [ -n "$PORT" ] || { fail "no free port found"; finish; }
}

# start_server DB : runs `danvan serve DB` on a free port of 18000-18999 in the background,
# waits for /healthz, and stops it on exit. Sets PORT, BASE and SPID; the server's output is
# in serve.log. On failure it reports and finishes the test. One check.
SPID=
stop_server() {
  if [ -n "$SPID" ]; then
    kill "$SPID" 2>/dev/null
    wait "$SPID" 2>/dev/null
  fi
  cleanup_workdir
}
start_server() {
  pick_port
  BASE="http://127.0.0.1:$PORT"
  trap stop_server EXIT
  "$DV" serve "$1" --listen "127.0.0.1:$PORT" >serve.log 2>&1 &
  SPID=$!
  local up=
  for _ in $(seq 1 100); do
    if ! kill -0 "$SPID" 2>/dev/null; then break; fi
    if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  if [ -z "$up" ]; then
    fail "the server did not answer $BASE/healthz within 10 s; its output:"
    cat serve.log >&2
    finish
  fi
  ok
}

# check_serve_log : serve.log holds no sanitizer report; one check
check_serve_log() {
  if grep -qE 'Sanitizer|runtime error:' serve.log; then
    fail "sanitizer report in the server's output:"
    head -40 serve.log >&2
  else ok; fi
}

# check_server_end : the server started by start_server still runs, and check_serve_log; two checks
check_server_end() {
  check "the server is still running" kill -0 "$SPID"
  check_serve_log
}
