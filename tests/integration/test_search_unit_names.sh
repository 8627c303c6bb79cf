#!/usr/bin/env bash
# Register search by unit name (issue 12, item 7): the searched text of a record holds the
# name of its unit, so "hai phong" (no marks, any case) finds the dialogues of the unit named
# "Thành phố Hải Phòng" (31) whose own text never says so; "ngo quyen" finds those of 304.
#   1. on a fresh demo database, GET /api/registers/dialogues?q=hai phong holds the
#      2024-02-28 dialogue of 31 about pollution ("ô nhiễm môi trường", no "Hải Phòng" in it)
#      and the list page /r/dialogues?q=hai+phong shows it;
#   2. a database made before unit names were folded in (every record's fold emptied of
#      them, the fold version setting removed) finds it too once it is opened again: the
#      folds of existing rows are recomputed at start-up, once (the setting is written);
#   3. a record saved through the API is found by its unit's name at once.
source "$(dirname "$0")/lib.sh" "$@"
command -v curl >/dev/null || { echo "FAIL: curl is needed" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is needed" >&2; exit 1; }
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

search() { # search LABEL : the API and the list page find the pollution dialogue of 31
  python3 - "$BASE" "$1" <<'EOF' || fail "$1"
import sys, json, urllib.parse
from dvtest import Client, text_of
base, label = sys.argv[1], sys.argv[2]
s = Client(base).login("admin", "admin-dv-123")
st, _, data = s.get("/api/registers/dialogues?q=" + urllib.parse.quote("hai phong") + "&limit=500")
assert st == 200, f"{label}: HTTP {st}"
recs = json.loads(data)["records"]
titles = [r["values"].get("title", "") for r in recs]
hit = [t for t in titles if "ô nhiễm môi trường tại khu vực giáp ranh" in t]
assert hit, f"{label}: q=hai phong did not find the dialogue of 31 about pollution ({len(recs)} found)"
st, _, data = s.get("/api/registers/dialogues?q=" + urllib.parse.quote("NGO QUYEN") + "&limit=500")
recs = json.loads(data)["records"]
assert any(r["values"]["unit"] == "304" for r in recs), f"{label}: q=NGO QUYEN found no dialogue of 304"
st, _, data = s.get("/r/dialogues?q=hai+phong&period=")
assert st == 200 and "ô nhiễm môi trường tại khu vực giáp ranh" in data.decode(), \
    f"{label}: /r/dialogues?q=hai+phong does not list it (HTTP {st})"
print(f"ok - {label}")
EOF
  ok
}

start_server db
search "a fresh demo database"

# a record saved now, for 11329 in 2026: the unit of that code since 1/7/2025 is "Phường Ngô
# Quyền" (before, "Phường Máy Chai"): found by the name it has on the record's day only
python3 - "$BASE" <<'EOF' || fail "a new record is found by its unit's name"
import sys, json, urllib.parse
from dvtest import Client
s = Client(sys.argv[1]).login("admin", "admin-dv-123")
st, _, data = s.api("POST", "/api/registers/dialogues", {"date": "2026-10-05", "unit": "11329", "type": "dot_xuat",
    "chair": "cap_uy", "title": "Đối thoại thử về chợ tạm", "participants": "12"})
assert st == 200, f"create: HTTP {st} {data[:300]!r}"
rid = json.loads(data)["id"]
ids = lambda q: [r["id"] for r in json.loads(s.get("/api/registers/dialogues?limit=500&q=" + urllib.parse.quote(q))[2])["records"]]
assert rid in ids("PHUONG NGO QUYEN"), "q=PHUONG NGO QUYEN does not find the new dialogue of Phường Ngô Quyền"
assert rid not in ids("may chai"), "q=may chai finds a dialogue of 2026, when 11329 is no longer Máy Chai"
EOF
ok
kill "$SPID" && wait "$SPID" 2>/dev/null

# an older database: the folds without unit names, no fold version
sqlite3 db "UPDATE records SET fold = '';" "DELETE FROM settings WHERE key = 'records.fold_version';" ||
  fail "could not age the database"
BEFORE=$(sqlite3 db "SELECT count(*) FROM records WHERE fold = ''")
[ "$BEFORE" -gt 1000 ] && ok || fail "the aged database has only $BEFORE emptied folds"
SPID=
start_server db
search "a database whose folds were made before unit names"
V=$(sqlite3 db "SELECT value FROM settings WHERE key = 'records.fold_version'")
[ -n "$V" ] && ok || fail "the fold version setting was not written after the recompute"
EMPTY=$(sqlite3 db "SELECT count(*) FROM records WHERE fold = ''")
[ "$EMPTY" = 0 ] && ok || fail "$EMPTY records still have an empty fold after the recompute"
check_server_end
finish
