#!/usr/bin/env bash
# Successors and people across the reform: with the real trees and mapping, the split commune
# 05461 (Phường Gia Sàng) goes by default to 05467 (by name); `danvan units DB successor`
# makes 05443 its primary, audited, and its 2025S1 work then compares in 05443's row; the
# /reform page refuses a non-admin and a form without CSRF. On the demo: ngoquyen (on a
# dissolved district) is listed, moved to a new ward (audited); maychai is disabled, her
# session ends and she cannot sign in.
source "$(dirname "$0")/lib.sh" "$@"
need_shared
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
VN="$SHARED/data/vn-admin"
cd "$W" || exit 1

run_dv o e init db || { fail "init: $(cat e)"; finish; }
check "import units-2024" run_dv o e import units db "$VN/units-2024.csv"
check "import units-2025" run_dv o e import units db "$VN/units-2025.csv" --valid-from 2025-07-01
check "import the mapping" run_dv o e import unit-mapping db "$VN/mapping-2024-2025.csv" --on 2025-07-01

# ---------------- the successors, listed ----------------
check "units successors" run_dv o e units db successors
head -1 o | grep -qx "old_code,old_name,new_code,new_name,share,primary" && ok || fail "csv header: $(head -1 o)"
grep -qx "05461,Phường Gia Sàng,05467,Phường Gia Sàng,part,1" o && ok || fail "05461's default primary is not 05467: $(grep ^05461 o)"
grep -qx "05461,Phường Gia Sàng,05443,Phường Phan Đình Phùng,part,0" o && ok || fail "05461 → 05443 not listed: $(grep ^05461 o)"
check "units successors --unit 19 --format json" run_dv o e units db successors --unit 19 --format json
python3 - o <<'PY' && ok || fail "successors --unit 19 json: $(head -c 400 o)"
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows and all(set(r) == {"old_code", "old_name", "new_code", "new_name", "share", "primary"} for r in rows)
assert {"old_code": "05461", "old_name": "Phường Gia Sàng", "new_code": "05467", "new_name": "Phường Gia Sàng",
        "share": "part", "primary": True} in rows
assert not any(r["old_code"] == "164" for r in rows)  # a district of another province
PY
if run_dv o e units db successor 05461 99999 --on 2025-07-01; then fail "an unknown successor accepted"; else
  ok; grep -q "99999" e && ok || fail "error does not name the code: $(cat e)"
fi

# ---------------- a 2025S1 dialogue on 05461 follows the primary ----------------
printf 'date,unit,type,chair,title,participants\n2025-03-05,05461,dinh_ky,cap_uy,Gia Sàng 1,20\n2025-04-05,05461,dinh_ky,cap_uy,Gia Sàng 2,21\n' >dlg.csv
check "import dialogues" run_dv o e import dialogues db dlg.csv
compare_rows() { # prints "label=value" of the 2025S1 compare rows
  run_dv r.json r.err report db --form bieu-5 --period 2026 --unit 19 --level 2 --format json --compare 2025S1 ||
    { fail "report: $(cat r.err)"; return; }
  python3 -c 'import json; d=json.load(open("r.json")); [print("%s=%s" % (r["label"], r["values"][12])) for r in d["compare"]["rows"]]'
}
compare_rows >c1
grep -qx "Phường Gia Sàng=2" c1 && ok || fail "before: Gia Sàng's compare: $(grep -E 'Gia Sàng|Phan Đình' c1)"
grep -qx "Phường Phan Đình Phùng=None" c1 && ok || fail "before: Phan Đình Phùng's compare: $(grep 'Phan Đình' c1)"
check "units successor 05461 05443" run_dv o e units db successor 05461 05443 --on 2025-07-01
run_dv o e units db successors --unit 05461
grep -qx "05461,Phường Gia Sàng,05443,Phường Phan Đình Phùng,part,1" o && ok || fail "05443 not primary: $(cat o)"
grep -qx "05461,Phường Gia Sàng,05467,Phường Gia Sàng,part,0" o && ok || fail "05467 still primary: $(cat o)"
[ "$(sqlite3 db "SELECT before||' '||after FROM audit WHERE action='unit.successor'")" = '{"successor":"05467"} {"successor":"05443"}' ] && ok ||
  fail "unit.successor audit: $(sqlite3 db "SELECT * FROM audit WHERE action='unit.successor'")"
compare_rows >c2
grep -qx "Phường Phan Đình Phùng=2" c2 && ok || fail "after: Phan Đình Phùng's compare: $(grep -E 'Gia Sàng|Phan Đình' c2)"
grep -qx "Phường Gia Sàng=None" c2 && ok || fail "after: Gia Sàng's compare: $(grep 'Gia Sàng' c2)"

# ---------------- the page: admins only, CSRF ----------------
add_user quantri 19 admin
add_user canbo 19 officer
start_server db
python3 - "$BASE" >py.out 2>&1 <<'PY'
import sys
from dvtest import Client, err, bad
c = Client(sys.argv[1])
adm, off = c.login("quantri"), c.login("canbo")
st, _, page = adm.get("/reform")
page = page.decode()
if st != 200: err(f"admin GET /reform: {st}")
import re
if not re.search(r'<option value="05443" selected[^>]*>05443 Phường Phan Đình Phùng \(chính\)</option>', page):
    err("05461's select does not show 05443 as the current primary")
if '<option value="05467">05467 Phường Gia Sàng</option>' not in page: err("05467 not a candidate of 05461")
if page.count('name="csrf"') < 1: err("no CSRF field on the page's forms")
st, _, _ = off.get("/reform")
if st != 403: err(f"officer GET /reform: {st}")
st, _, _ = off.form("/reform", {"csrf": off.csrf, "action": "successor", "old": "05461", "new": "05467", "on": "2025-07-01"})
if st != 403: err(f"officer POST /reform: {st}")
st, _, _ = adm.form("/reform", {"action": "successor", "old": "05461", "new": "05467", "on": "2025-07-01"})
if st != 403: err(f"POST without CSRF: {st}")
st, _, body = adm.form("/reform", {"csrf": adm.csrf, "action": "successor", "old": "05461", "new": "99999", "on": "2025-07-01"})
if st != 422 or "99999" not in body.decode(): err(f"a bad successor: {st}")
st, h, _ = adm.form("/reform", {"csrf": adm.csrf, "action": "successor", "old": "05461", "new": "05467", "on": "2025-07-01"})
if st != 303: err(f"admin POST successor: {st}")
st, _, page = adm.get(h.get("location", "/reform"))
if "Đã chọn 05467" not in page.decode(): err("no success message")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "the /reform page: $(cat py.out)"
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='unit.successor' AND login='quantri'")" = 1 ] && ok || fail "page choice not audited"
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='unit.successor'")" = 2 ] && ok || fail "a refused POST changed the successor"
check_server_end
kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=  # (stop_server would remove the work directory)

# ---------------- the demo: people of dissolved units ----------------
rm -f db db-wal db-shm
run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
check "user dissolved" run_dv o e user dissolved db
grep -q "^ngoquyen	304	Quận Ngô Quyền	" o && ok || fail "ngoquyen not listed as dissolved: $(cat o)"
grep -q "^maychai	11329	Phường Máy Chai	11329	Phường Ngô Quyền$" o && ok || fail "maychai's suggestion: $(cat o)"
if run_dv o e user move db --login ngoquyen --unit 304; then fail "moved onto a dissolved unit"; else ok; fi
check "user move ngoquyen 11329" run_dv o e user move db --login ngoquyen --unit 11329
[ "$(sqlite3 db "SELECT before||' '||after FROM audit WHERE action='user.move'")" = '{"unit":"304"} {"unit":"11329"}' ] && ok ||
  fail "user.move audit: $(sqlite3 db "SELECT * FROM audit WHERE action='user.move'")"
[ "$(sqlite3 db "SELECT un.name FROM users us JOIN units un ON un.id=us.unit_id WHERE login='ngoquyen'")" = "Phường Ngô Quyền" ] && ok ||
  fail "ngoquyen not on the new ward"
run_dv o e user dissolved db
grep -q "^ngoquyen" o && fail "ngoquyen still listed after the move" || ok
start_server db
python3 - "$BASE" >py2.out 2>&1 <<'PY'
import json, sys
from dvtest import Client, err, bad
c = Client(sys.argv[1])
adm, mc = c.login("admin", "admin-dv-123"), c.login("maychai", "maychai123")
st, _, page = adm.get("/reform")
if st != 200 or "maychai" not in page.decode(): err(f"maychai not on the page: {st}")
st, _, _ = adm.form("/reform", {"action": "disable", "login": "maychai"})
if st != 403: err(f"disable without CSRF: {st}")
st, _, _ = adm.form("/reform", {"csrf": adm.csrf, "action": "disable", "login": "maychai"})
if st != 303: err(f"disable: {st}")
st, _, _ = mc.get("/")
if st == 200: err("maychai's session still works")
st, _, _ = c.req("POST", "/api/session", json.dumps({"login": "maychai", "password": "maychai123"}))
if st == 200: err("a disabled user signed in")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "disable over HTTP: $(cat py2.out)"
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='user.disable' AND login='admin'")" = 1 ] && ok || fail "user.disable not audited"
if run_dv o e user disable db --login nobody; then fail "disabled an unknown login"; else ok; fi
check_server_end
finish
