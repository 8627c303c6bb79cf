#!/usr/bin/env bash
# kill -9 (issue 13, item 6): nothing a killed process leaves behind may corrupt the database
# or keep half of what it was writing.
#   1. An import of 150,000 dialogues killed at 10 %, 40 %, 70 % and 95 % of the time a full
#      import takes (the second of two; the first warms the caches): after each kill `PRAGMA integrity_check` says ok, and the dialogues, the audit
#      rows and Biểu 5 are either all as before or all as after the whole file (never between).
#      The file imported again afterwards gives exactly the full count once.
#   2. A burst of writes (8 clients creating dialogues through POST /api/registers/dialogues)
#      with the server killed in the middle: integrity ok; every create the server answered
#      201/200 is in the database with its title and its audit row; none is there twice; no
#      record exists that was never sent.
#   3. The restart after that kill (issue 13, item 7): the server answers at once (200, or
#      503 with Retry-After while it loads), then Biểu 5 of the root counts exactly the
#      dialogues the database holds.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Thử Sập,Tỉnh,1,
D1,Huyện Một,Huyện,2,P
C11,Xã Một Một,Xã,3,D1
C12,Xã Một Hai,Xã,3,D1
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "units: $(cat e)"; finish; }
printf 'pass-crash-officer-1\n' | "$DV" user add db --login off --unit P --role officer >o 2>e ||
  { fail "user add: $(cat e)"; finish; }

N=150000
python3 - "$N" <<'EOF'
import sys
n = int(sys.argv[1])
units = ("P", "D1", "C11", "C12")
types, chairs = ("dinh_ky", "chuyen_de", "dot_xuat"), ("cap_uy", "chinh_quyen", "dong_chu_tri")
with open("big.csv", "w", encoding="utf-8") as f:
    f.write("date,unit,type,chair,title,participants\n")
    for i in range(n):
        f.write(f"2023-{1 + i % 12:02d}-{1 + i % 28:02d},{units[i % 4]},{types[i % 3]},{chairs[i // 3 % 3]},"
                f"Đối thoại nhập hàng loạt số {i},{10 + i % 90}\n")
EOF

dialogues() { sqlite3 db "SELECT count(*) FROM records WHERE reg = (SELECT id FROM registers WHERE code = 'dialogues')"; }
audits() { sqlite3 db "SELECT count(*) FROM audit"; }
integrity() { sqlite3 db "PRAGMA integrity_check"; }
# Biểu 5's grand total of the root (the last cell of its "Cộng" row) by the engine
bieu5_total() {
  "$DV" report db --form bieu-5 --period 2023 --unit P --format json 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["rows"][-1]["values"][-1] or 0)'
}

# --- 1. the import, killed ---------------------------------------------------------------
cp db clean.db
run_dv o e import dialogues db big.csv || { fail "the full import failed: $(head -c 300 e)"; finish; }
cp clean.db db && rm -f db-wal db-shm
start=$(date +%s%N)
run_dv o e import dialogues db big.csv || { fail "the second full import failed: $(head -c 300 e)"; finish; }
full_ms=$((($(date +%s%N) - start) / 1000000))
full_total=$(bieu5_total)
check "the full import holds $N dialogues" test "$(dialogues)" = "$N"
[ "$full_total" -gt 0 ] 2>/dev/null && ok || fail "Biểu 5 of P after the full import: '$full_total'"
cp clean.db db
rm -f db-wal db-shm
base_audit=$(audits)
base_total=$(bieu5_total)
hits=0
for pct in 10 40 70 95; do
  ms=$((full_ms * pct / 100))
  "$DV" import dialogues db big.csv >o 2>e &
  pid=$!
  sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then hits=$((hits + 1)); fi
  wait "$pid" 2>/dev/null; echo "import stopped at $ms of $full_ms ms: exit $?"
  got=$(integrity)
  check "integrity after the import killed at $pct % (got: $got)" test "$got" = "ok"
  n=$(dialogues)
  if [ "$n" = 0 ]; then
    check "no audit row from the killed import ($pct %)" test "$(audits)" = "$base_audit"
    check "Biểu 5 as before the killed import ($pct %)" test "$(bieu5_total)" = "$base_total"
  elif [ "$n" = "$N" ]; then
    check "Biểu 5 as after the whole import ($pct %)" test "$(bieu5_total)" = "$full_total"
    cp clean.db db && rm -f db-wal db-shm # the next kill starts from nothing again
  else
    fail "the import killed at $pct % left $n of $N dialogues (all or nothing)"
  fi
done
check "at least one kill hit the import while it ran ($hits of 4)" test "$hits" -ge 1
[ "$(dialogues)" = 0 ] || { cp clean.db db && rm -f db-wal db-shm; }
run_dv o e import dialogues db big.csv || fail "the import after the kills: $(head -c 300 e)"
check "the import after the kills holds $N dialogues once" test "$(dialogues)" = "$N"
check "Biểu 5 after it is the full import's" test "$(bieu5_total)" = "$full_total"

# --- 2. a burst of writes, the server killed ----------------------------------------------
cp clean.db db && rm -f db-wal db-shm
start_server db
python3 - "$PORT" "$SPID" <<'EOF' || fail "the write burst (above)"
import json, os, signal, sys, threading, time
from dvtest import Client
port, spid = int(sys.argv[1]), int(sys.argv[2])
cl = Client(port, timeout=5)
s = cl.login("off", "pass-crash-officer-1")
acked, sent, lock, stop = {}, set(), threading.Lock(), threading.Event()

def writer(w):
    i = 0
    while not stop.is_set():
        title = f"Ghi dồn {w}-{i}"
        with lock: sent.add(title)
        try:
            st, _, data = s.api("POST", "/api/registers/dialogues",
                                {"date": "2023-03-0%d" % (1 + i % 9), "unit": ("C11", "C12", "D1")[i % 3],
                                 "type": "dinh_ky", "chair": "cap_uy", "title": title, "participants": "12"})
        except OSError:
            return  # the server is gone
        if st in (200, 201):
            with lock: acked[title] = json.loads(data)["id"]
        elif st != 503:
            print(f"FAIL: create {title}: HTTP {st} {data[:200]!r}")
            return
        i += 1

ts = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
for t in ts: t.start()
while len(acked) < 200: time.sleep(0.02)
os.kill(spid, signal.SIGKILL)
stop.set()
for t in ts: t.join()
json.dump({"acked": acked, "sent": sorted(sent)}, open("burst.json", "w"), ensure_ascii=False)
print(f"burst: {len(acked)} acknowledged of {len(sent)} sent before the kill")
EOF
wait "$SPID" 2>/dev/null
SPID=
got=$(integrity)
check "integrity after the server was killed mid-burst (got: $got)" test "$got" = "ok"
sqlite3 -json db "SELECT r.id, json_extract(r.data, '\$.title') AS title,
    (SELECT count(*) FROM audit a WHERE a.entity_id = r.id AND a.action LIKE '%create%') AS audited
  FROM records r WHERE json_extract(r.data, '\$.title') LIKE 'Ghi dồn %'" >burst-db.json
python3 - <<'EOF' || fail "the burst's records (above)"
import json, sys
b = json.load(open("burst.json"))
text = open("burst-db.json").read().strip()
rows = json.loads(text) if text else []
by_title = {}
for r in rows: by_title.setdefault(r["title"], []).append(r)
bad = []
for title, rid in b["acked"].items():
    got = by_title.get(title, [])
    if len(got) != 1 or got[0]["id"] != rid: bad.append(f"acknowledged {title} (id {rid}) stored as {got}")
    elif not got[0]["audited"]: bad.append(f"acknowledged {title} (id {rid}) has no audit row")
for title, got in by_title.items():
    if title not in b["sent"]: bad.append(f"{title} was never sent")
    if len(got) > 1: bad.append(f"{title} stored {len(got)} times")
for m in bad[:10]: print("FAIL:", m)
print(f"burst: {len(b['acked'])} acknowledged, {len(rows)} stored")
sys.exit(1 if bad else 0)
EOF
check "at least 200 creates were acknowledged before the kill" \
  python3 -c 'import json; assert len(json.load(open("burst.json"))["acked"]) >= 200'

# --- 3. the restart --------------------------------------------------------------------------
pick_port
BASE="http://127.0.0.1:$PORT"
trap stop_server EXIT
start=$(date +%s%N)
"$DV" serve db --listen "127.0.0.1:$PORT" >serve.log 2>&1 &
SPID=$!
first=
for _ in $(seq 1 200); do
  code=$(curl -s -o /dev/null -D h.txt -w '%{http_code}' "$BASE/healthz" 2>/dev/null)
  if [ "$code" = 200 ] || [ "$code" = 503 ]; then first=$code; break; fi
  sleep 0.05
done
first_ms=$((($(date +%s%N) - start) / 1000000))
check "the restarted server answers (got '$first' after $first_ms ms)" test -n "$first"
if [ "$first" = 503 ]; then
  check "its 503 while loading carries Retry-After" grep -qi '^Retry-After:' h.txt
fi
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 200 ] && break
  sleep 0.1
done
python3 - "$PORT" "$(dialogues)" <<'EOF' || fail "Biểu 5 after the restart (above)"
import json, sys
from dvtest import Client
port, n = int(sys.argv[1]), int(sys.argv[2])
s = Client(port).login("off", "pass-crash-officer-1")
st, _, data = s.get("/api/report?form=bieu-5&unit=P&period=2023")
if st != 200: sys.exit(print(f"FAIL: GET /api/report: HTTP {st} {data[:200]!r}"))
total = json.loads(data)["rows"][-1]["values"][-1] or 0
print(f"restart: Biểu 5 of P counts {total}; the database holds {n} dialogues")
if total != n: sys.exit(print("FAIL: Biểu 5 of P after the restart is not the database's count"))
EOF
check_server_end
finish
