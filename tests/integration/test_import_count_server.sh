#!/usr/bin/env bash
# A register import into a running server counts its records into the server's annexes
# (the counting runs beside the SQLite transaction), and an import whose transaction fails
# after the first rows were written leaves the annexes as they were: the counts made beside
# it are taken back. The failure is forced by a trigger that aborts the insert of one
# marked row, the last of the file. After a good import the server's Biểu 5 equals the one
# a fresh process computes from the database.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }

cd "$W" || exit 1
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
cat >units.csv <<'CSV'
code,name,type,level,parent_code
T1,Tỉnh Thử Nghiệm,Tỉnh,1,
H1,Huyện Một,Huyện,2,T1
X11,Xã Một Một,Xã,3,H1
X12,Xã Một Hai,Xã,3,H1
CSV
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
add_user can T1 officer

# 400 dialogues over the four units and the three types; the last row is marked
python3 - <<'PY'
units = ["T1", "H1", "X11", "X12"]
types = ["dinh_ky", "chuyen_de", "dot_xuat"]
chairs = ["cap_uy", "chinh_quyen", "dong_chu_tri"]
with open("good.csv", "w") as f:
    f.write("date,unit,type,chair,title,participants\n")
    for i in range(400):
        f.write(f"2023-{1 + i % 12:02d}-{1 + i % 28:02d},{units[i % 4]},{types[i % 3]},{chairs[i % 7 % 3]},"
                f"Đối thoại số {i},{10 + i}\n")
with open("bad.csv", "w") as f:
    f.write(open("good.csv").read().replace("Đối thoại số 399,", "Đối thoại số 399 HỎNG,"))
PY
sqlite3 db "CREATE TRIGGER fail_marked BEFORE INSERT ON records WHEN NEW.data LIKE '%HỎNG%'
            BEGIN SELECT RAISE(ABORT, 'forced failure'); END;"

start_server db
python3 - "$BASE" "$DV" <<'PY' && ok || fail "HTTP checks (above)"
import json, subprocess, sys
from dvtest import bad, err, run_dv, Client

can = Client(sys.argv[1], timeout=60).login("can")

def report():
    st, _, data = can.get("/api/report?form=bieu-5&period=2023&unit=T1")
    if st != 200: err(f"GET /api/report: HTTP {st}")
    return json.loads(data)["rows"] if st == 200 else None

def records():
    return subprocess.run(["sqlite3", "db", "SELECT count(*) FROM records"], capture_output=True, text=True).stdout.strip()

empty = report()
st, _, page = can.upload("/r/dialogues/import", "bad.csv", open("bad.csv", "rb").read())
if st != 422: err(f"the import that fails in its transaction: HTTP {st}, want 422")
if records() != "0": err(f"the failed import left {records()} records")
if report() != empty: err("the failed import changed the server's Biểu 5 (its counts were not taken back)")

subprocess.run(["sqlite3", "db", "DROP TRIGGER fail_marked"], check=True)
st, _, page = can.upload("/r/dialogues/import", "good.csv", open("good.csv", "rb").read())
if st != 200 or records() != "400": err(f"the good import: HTTP {st}, {records()} records")
served = report()
fresh = run_dv(sys.argv[2], "report", "db", "--form", "bieu-5", "--period", "2023", "--unit", "T1", "--format", "json")
if fresh.returncode or json.loads(fresh.stdout)["rows"] != served:
    err("the server's Biểu 5 after the import differs from a fresh process's")
total = served[-1]["values"][-1] if served else None
if total != 400: err(f"Biểu 5 total after the import: {total!r}, want 400")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
