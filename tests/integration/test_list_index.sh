#!/usr/bin/env bash
# The register lists of large subtrees come from the in-memory list index (core/recindex.h,
# issue 13 item 7: a national list's first page cost a sort of 300,000 rows). Its pages and
# totals must be exactly the store's: GET /api/registers/REG for the city (31, 200+ units:
# the index), the old district Ngô Quyền (304) and a ward (11311, few units: SQLite), over
# several periods and pages, compared with the reference query on the database itself
# (WITH RECURSIVE over units.parent_id, ORDER BY day DESC, id DESC) — before and after
# creates, an edit that changes the date, a move to another unit, deletes, a stage move of a
# model, a CSV import through the page and one by the command line while the server runs.
# Letters (with their private fields) and models are checked as well as dialogues.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1
run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
start_server db

cat >compare.py <<'EOF'
import datetime, json, sqlite3, sys
from dvtest import bad, err, window, Client
port = int(sys.argv[1])
s = Client(port).login("admin", "admin-dv-123")
con = sqlite3.connect("db")
EPOCH = datetime.date(1970, 1, 1)

def reference(reg, code, period):
    first, last = (-10**9, 10**9)
    if period:
        a, b = window(period)
        first, last = (a - EPOCH).days, (b - EPOCH).days
    # the unit of that code during the period (the newest if several), as the API reads it
    uid = con.execute("SELECT id FROM units WHERE code = ? ORDER BY (coalesce(valid_from, 0) <= ? AND "
                      "coalesce(valid_to, 10000000) >= ?) DESC, coalesce(valid_from, 0) DESC LIMIT 1",
                      (code, last, first)).fetchone()[0]
    return [r[0] for r in con.execute(
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) "
        "SELECT id FROM records WHERE reg = (SELECT id FROM registers WHERE code = ?) AND unit_id IN sub "
        "AND day BETWEEN ? AND ? ORDER BY day DESC, id DESC", (uid, reg, first, last))]

checked = 0
for reg in ("dialogues", "letters", "models"):
    for code in ("31", "304", "11311"):
        for period in ("2023S1", "2023", "2026", ""):
            if code == "304" and period == "2026": continue  # the district ended on 30/06/2025: 404
            want = reference(reg, code, period)
            got, total = [], None
            for limit, offset in ((50, 0), (50, 50), (37, 100), (500, 137), (20, len(want) - 10)):
                offset = max(offset, 0)
                st, _, data = s.get(f"/api/registers/{reg}?unit={code}&period={period}&limit={limit}&offset={offset}")
                if st != 200:
                    err(f"GET /api/registers/{reg}?unit={code}&period={period}&offset={offset}: HTTP {st} {data[:200]!r}")
                    break
                j = json.loads(data)
                total = j["total"]
                ids = [r["id"] for r in j["records"]]
                if ids != want[offset:offset + limit]:
                    err(f"{reg} of {code}, period '{period}', limit {limit} offset {offset}: got {ids[:3]}… "
                        f"({len(ids)}), the database {want[offset:offset + 3]}… ({len(want[offset:offset + limit])})")
                got += ids
            if total != len(want):
                err(f"{reg} of {code}, period '{period}': total {total}, the database {len(want)}")
            checked += 1
print(f"{sys.argv[2]}: {checked} lists compared with the database")
sys.exit(1 if bad else 0)
EOF
check "the lists before any change" python3 compare.py "$PORT" before

check "creates" python3 - "$PORT" <<'EOF'
import json, sqlite3, sys
from dvtest import bad, err, Client, page_form, submission
s = Client(int(sys.argv[1])).login("admin", "admin-dv-123")
def ok(what, r, want=(200, 201)):
    st, _, data = r
    if st not in want: err(f"{what}: HTTP {st} {data[:300]!r}")
    return json.loads(data) if data and data[:1] == b"{" else {}
made = []
for i, (day, unit) in enumerate((("2023-02-01", "11311"), ("2023-06-30", "304"), ("2023-03-15", "31"), ("2023-03-15", "11578"))):
    j = ok(f"create {i}", s.api("POST", "/api/registers/dialogues",
                                {"date": day, "unit": unit, "type": "dinh_ky", "chair": "cap_uy",
                                 "title": f"Đối thoại thêm số {i}", "participants": "20"}))
    made.append(j.get("id"))
json.dump({"made": made}, open("ids.json", "w"))
sys.exit(1 if bad else 0)
EOF
# compared after each kind of change: a record the index lost would otherwise be noticed by the
# next change of it, which gives the register back to the store
check "the lists after creates" python3 compare.py "$PORT" after-creates
check "edits and moves" python3 - "$PORT" <<'EOF'
import json, sqlite3, sys
from dvtest import bad, err, Client
s = Client(int(sys.argv[1])).login("admin", "admin-dv-123")
def ok(what, r, want=(200, 201)):
    st, _, data = r
    if st not in want: err(f"{what}: HTTP {st} {data[:300]!r}")
made = json.load(open("ids.json"))["made"]
con = sqlite3.connect("db")
# old dialogues that no conclusion refers to (those keep their unit and date)
old = [r[0] for r in con.execute(
    "SELECT r.id FROM records r JOIN registers g ON g.id = r.reg WHERE g.code = 'dialogues' "
    "AND r.day BETWEEN 19358 AND 19538 AND NOT EXISTS (SELECT 1 FROM records c JOIN registers h ON h.id = c.reg "
    "WHERE h.code = 'conclusions' AND c.unit_id = r.unit_id AND json_extract(c.data, '$.dialogue_date') = "
    "json_extract(r.data, '$.date')) ORDER BY r.id LIMIT 3")]
if len(old) < 3: err(f"only {len(old)} dialogues of 2023S1 without conclusions")
ok("edit: a new date", s.api("POST", f"/api/registers/dialogues/{old[0]}", {"date": "2023-06-29"}))
ok("edit: another unit", s.api("POST", f"/api/registers/dialogues/{old[1]}", {"unit": "11311"}))
ok("edit: another date and unit", s.api("POST", f"/api/registers/dialogues/{made[2]}", {"date": "2023-01-05", "unit": "304"}))
json.dump({"old": old, "made": made}, open("ids.json", "w"))
sys.exit(1 if bad else 0)
EOF
check "the lists after edits" python3 compare.py "$PORT" after-edits
check "deletes, a stage move, an import through the page" python3 - "$PORT" <<'EOF'
import json, sqlite3, sys
from dvtest import bad, err, Client, page_form, submission
s = Client(int(sys.argv[1])).login("admin", "admin-dv-123")
con = sqlite3.connect("db")
def ok(what, r, want=(200, 201)):
    st, _, data = r
    if st not in want: err(f"{what}: HTTP {st} {data[:300]!r}")
ids = json.load(open("ids.json"))
old, made = ids["old"], ids["made"]
ok("delete", s.api("DELETE", f"/api/registers/dialogues/{old[2]}"))
ok("delete a new one", s.api("DELETE", f"/api/registers/dialogues/{made[3]}"))
csv = ("date,unit,type,chair,title,participants\n" +
       "".join(f"2023-0{1 + k % 6}-1{k % 9},{('31', '304', '11311')[k % 3]},chuyen_de,chinh_quyen,Nhập qua trang {k},15\n"
               for k in range(12)))
ok("import through the page", s.upload("/r/dialogues/import", "more.csv", csv), (200, 303))
# a model the admin may move a step (appraised by the unit above: a ward's of 2026)
moved = False
for (mid,) in con.execute("SELECT r.id FROM records r JOIN registers g ON g.id = r.reg WHERE g.code = 'models' "
                          "AND json_extract(r.data, '$.status') = 'registered' ORDER BY r.id DESC LIMIT 40"):
    st, _, page = s.get(f"/r/models/{mid}")
    form = page_form(page.decode(), f"/r/models/{mid}/stage")
    if form:
        ok("a model's stage move", s.form(f"/r/models/{mid}/stage", submission(form, {"to": "appraising"})), (200, 303))
        moved = True
        break
if not moved: err("no model the admin may move a step")
sys.exit(1 if bad else 0)
EOF
check "the lists after the changes" python3 compare.py "$PORT" after-http

printf 'date,unit,type,chair,title,participants\n2023-04-04,304,dot_xuat,cap_uy,Nhập bằng dòng lệnh,9\n2023-04-04,31,dot_xuat,cap_uy,Nhập bằng dòng lệnh 2,9\n' >cli.csv
run_dv o e import dialogues db cli.csv || fail "CLI import: $(cat e)"
check "the lists after a CLI import while the server runs" python3 compare.py "$PORT" after-cli
check_server_end
finish
