#!/usr/bin/env bash
# Records by date over HTTP (issue 10, item 3): "A record dated after a unit's end (a 2026
# dialogue on a dissolved district) is refused with file, line, field and the reason … The
# same for the web forms, the API and the XLSX import." On the demo (Quận Ngô Quyền, 304,
# closed on 30/06/2025 with every district): a 2026 dialogue on 304 is refused by the JSON
# API (400, field "unit", "không còn từ 01/07/2025"), by the form POST /r/dialogues (the
# reason at the field), by the CSV upload /r/dialogues/import (the line and field; the good
# line before it not imported either), and 304's 2024S1 Biểu 1 sheet relabelled 2026S1 by
# /entry/import and `danvan import xlsx`; nothing is stored or audited. 304's 2024 annex
# still opens on the old tree; its 2026 annex is refused with the reason and the successor
# (31). Codes the new tree reused: the new Phường Ngô Quyền's conclusions (11329) are not
# Phường Máy Chai's, the 2024 plan of the old 11311 (Phường Minh Khai) is not the new Phường
# Hồng Bàng's. The unit select lists the period's tree. An officer whose ward does not exist
# in the period asked for (maychai in 2026, hongbang in 2024) is told so. 304's 2025S1 was approved before
# the reform: the lock stays (409); a 2026 report goes from the ward straight to the city.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
check "export 304's 2024S1 Biểu 1 (xlsx)" run_dv o e report db --form bieu-1 --period 2024S1 --unit 304 --format xlsx --out b1.xlsx
state() { sqlite3 db "SELECT count(*) FROM records; SELECT count(*) FROM audit WHERE action <> 'session.login';
  SELECT count(*) FROM data_values;" | tr '\n' ' '; }
add_user ngoquyenmoi 11329 officer # the new Phường Ngô Quyền
# a 2024 plan of the old Phường Minh Khai, whose code 11311 the new Phường Hồng Bàng took
cat >minhkhai.plan <<'PLAN'
plan 7-KH/ĐU
unit 11311
date 2024-03-04
year 2024
title Kế hoạch công tác dân vận năm 2024 của Đảng ủy phường Minh Khai

section II. NHIỆM VỤ

item 1
| Việc riêng của phường Minh Khai năm 2024: khảo sát chợ Sắt.
lead 11311
due 2024
status in_progress
PLAN
check "import the 2024 plan of old 11311" run_dv o e import plan db minhkhai.plan
before=$(state)
start_server db
python3 - "$BASE" >py.out 2>&1 <<'PY'
import io, json, re, sys, urllib.parse, uuid, zipfile
from dvtest import Client, err, bad, text_of
c = Client(sys.argv[1])
adm = c.login("admin", "admin-dv-123")
GONE = "không còn từ 01/07/2025"
rec = {"date": "2026-02-01", "unit": "304", "type": "dinh_ky", "chair": "cap_uy",
       "title": "Đối thoại với tiểu thương chợ Cát Bi", "participants": 40}

# the JSON API
st, _, body = adm.api("POST", "/api/registers/dialogues", rec)
try:
    js = json.loads(body)
except ValueError:
    js = {}
if st != 400 or js.get("field") != "unit" or GONE not in js.get("error", "") or "Quận Ngô Quyền" not in js.get("error", ""):
    err(f"API: a 2026 dialogue on 304: {st} {body[:300]!r}")

# the form
fields = {"csrf": adm.csrf, **{k: str(v) for k, v in rec.items()}}
st, _, page = adm.form("/r/dialogues", fields)
page = page.decode()
if st != 422 or GONE not in page: err(f"form: a 2026 dialogue on 304: {st} {text_of(page.encode())[-400:]}")
elif not re.search(r'id="f-unit"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-unit"', page):
    err("form: the unit field is not marked invalid")

# the CSV upload: line 2 is good, line 3 is not; nothing imported
csv = ("date,unit,type,chair,title,participants\n"
       "2026-02-02,31,dinh_ky,cap_uy,Đúng,30\n"
       "2026-02-03,304,dinh_ky,cap_uy,Sai,30\n")
st, _, page = adm.upload("/r/dialogues/import", "late.csv", csv)
t = text_of(page)
if st not in (400, 422) or GONE not in t or "dòng 3" not in t or "unit" not in t:
    err(f"CSV upload: {st} {t[-400:]}")

# the annexes of 304 on either side of the reform
st, _, page = adm.get("/report?form=bieu-5&period=2024&unit=304")
if st != 200 or "Quận Ngô Quyền" not in page.decode(): err(f"304's 2024 annex: {st}")
st, _, page = adm.get("/report?form=bieu-5&period=2026&unit=304")
t = text_of(page)
if st < 400 or GONE not in t or "31" not in t: err(f"304's 2026 annex: {st} {t[-300:]}")
st, _, body = adm.get("/api/report?form=bieu-5&period=2026&unit=304")
if st < 400 or GONE not in json.loads(body).get("error", ""): err(f"/api/report 304 2026: {st} {body[:200]!r}")

# the XLSX upload: 304's 2024S1 sheet relabelled 2026S1
src = zipfile.ZipFile("b1.xlsx")
out = io.BytesIO()
changed = 0
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename.endswith(".xml") and b"2024S1" in data:
            data = data.replace(b"2024S1", b"2026S1")
            changed += 1
        z.writestr(item, data)
if not changed: err("the sheet does not carry its period 2024S1")
open("b1-2026.xlsx", "wb").write(out.getvalue())
b = uuid.uuid4().hex
parts = [("csrf", adm.csrf), ("form", "bieu-1"), ("period", "2026S1"), ("unit", "304")]
body = b"".join(f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode() for k, v in parts)
body += (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b1.xlsx\"\r\n"
         "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").encode()
body += out.getvalue() + f"\r\n--{b}--\r\n".encode()
st, _, page = c.req("POST", "/entry/import", body, cookie=adm.cookie, ctype=f"multipart/form-data; boundary={b}")
t = text_of(page)
if st != 400 or GONE not in t: err(f"XLSX upload 304 2026S1: {st} {t[-400:]}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "refusals over HTTP: $(cat py.out)"
[ "$(state)" = "$before" ] && ok || fail "a refused request changed the database: $before -> $(state)"

if run_dv o e import xlsx db b1-2026.xlsx; then fail "danvan import xlsx: 304's sheet for 2026S1 imported"; else
  grep -q "không còn từ 01/07/2025" e && ok || fail "import xlsx 2026S1 on 304: $(cat e)"
fi

# codes reused by the new tree: the new Phường Ngô Quyền took 11329, Phường Máy Chai's code.
# Conclusions assigned to the new ward after the reform are not Máy Chai's (maychai's home),
# they are the new ward's (an officer of the new 11329).
sqlite3 db "SELECT json_extract(r.data,'\$.content') FROM records r JOIN registers g ON g.id=r.reg
  WHERE g.code='conclusions' AND json_extract(r.data,'\$.responsible_unit')='11329'
  AND json_extract(r.data,'\$.status')<>'done' AND json_extract(r.data,'\$.dialogue_date')>='2025-07-01'" >new11329.txt
[ -s new11329.txt ] && ok || fail "the demo has no open conclusion of the new 11329"
python3 - "$BASE" new11329.txt >py3.out 2>&1 <<'PY'
import sys
from dvtest import Client, err, bad, text_of
c = Client(sys.argv[1])
mine = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
st, _, page = c.login("maychai", "maychai123").get("/")
t = text_of(page)
if st != 200: err(f"maychai's home: {st}")
for m in mine:
    if m in t: err(f"maychai's home lists the new ward's conclusion: {m}")
st, _, page = c.login("ngoquyenmoi").get("/")
t = text_of(page)
if "Phường Ngô Quyền" not in t: err("ngoquyenmoi's home is not the new Phường Ngô Quyền")
for m in mine:
    if m not in t: err(f"the new ward's home does not list its conclusion: {m}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "conclusions of a reused code: $(cat py3.out)"

# the plan of the old 11311 is Phường Minh Khai's: not on the new Phường Hồng Bàng's home
python3 - "$BASE" >py4.out 2>&1 <<'PY'
import json, sys
from dvtest import Client, err, bad, text_of
c = Client(sys.argv[1])
st, _, page = c.login("hongbang", "hongbang123").get("/")
t = text_of(page)
if st != 200 or "Phường Hồng Bàng" not in t: err(f"hongbang's home: {st}")
if "chợ Sắt" in t or "7-KH/ĐU" in t: err("hongbang's home lists the old Phường Minh Khai's plan")
if "3-KH/ĐU" not in t: err("hongbang's home lost its own plan 3-KH/ĐU")
st, _, page = c.login("admin", "admin-dv-123").get("/plans")
t = text_of(page)
i = t.find("7-KH/ĐU")
if i < 0 or "Phường Minh Khai" not in t[max(0, i - 300):i + 300]: err(f"/plans: 7-KH/ĐU is not Phường Minh Khai's: {t[max(0, i - 300):i + 300]}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "a plan of a reused code: $(cat py4.out)"

# the unit select follows the period's tree: 2026 lists the new wards only, 2024 the old ones;
# the record form (no period) lists both, the closed units marked with their last day
python3 - "$BASE" "$HERE/../../demo/units-2025.csv" >py5.out 2>&1 <<'PY'
import re, sys
from dvtest import Client, err, bad, load_csv
adm = Client(sys.argv[1]).login("admin", "admin-dv-123")
# 31's subtree in the demo's 2025 edition: its 114 communes and the bodies (31-MT, …, 11311-MT)
sub = {"31"}
for u in load_csv(sys.argv[2]):
    if u["parent_code"] in sub: sub.add(u["code"])
def options(path):
    st, _, page = adm.get(path)
    m = re.search(r'<select id="f-unit"[^>]*>(.*?)</select>', page.decode(), re.S)
    if st != 200 or not m: err(f"{path}: {st}, no unit select"); return []
    return [(v, re.sub(r"\s+", " ", l.replace("\xa0", " ")).strip(), bool(sel))
            for v, sel, l in re.findall(r'<option value="([^"]*)"( selected)?[^>]*>([^<]*)</option>', m.group(1))]
o26 = options("/report?form=bieu-5&period=2026&unit=31")
names26 = [l for _, l, _ in o26]
if "Phường Ngô Quyền" not in names26 or "Phường Máy Chai" in names26 or "Quận Ngô Quyền" in names26:
    err(f"2026's select is not the new tree: {names26[:8]}")
if len(o26) != len(sub) or len(sub) < 115:
    err(f"2026's select: {len(o26)} options, not 31, its 114 communes and its bodies ({len(sub)})")
if [l for _, l, s in o26 if s] != ["Thành phố Hải Phòng"]: err("2026's select: 31 not the one selected")
o24 = options("/report?form=bieu-5&period=2024&unit=11329")
if [(v, l) for v, l, s in o24 if s] != [("11329", "Phường Máy Chai")]: err(f"2024: 11329 selected is not Máy Chai: {[x for x in o24 if x[2]]}")
if ("11311", "Phường Hồng Bàng") in [(v, l) for v, l, _ in o24]:
    err("2024's select lists the new Phường Hồng Bàng")
orec = options("/r/dialogues/new")
if ("11329", "Phường Máy Chai (đến 30/06/2025)") not in [(v, l) for v, l, _ in orec]: err("the record form does not mark Máy Chai closed")
if ("11329", "Phường Ngô Quyền") not in [(v, l) for v, l, _ in orec]: err("the record form lacks the new Phường Ngô Quyền")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "the unit select by period: $(cat py5.out)"

# an officer of a dissolved ward asks for 2026 on her own code: told why, not "outside your area"
python3 - "$BASE" >py6.out 2>&1 <<'PY'
import json, sys
from dvtest import Client, err, bad, text_of
c = Client(sys.argv[1])
mc, hb = c.login("maychai", "maychai123"), c.login("hongbang", "hongbang123")
GONE = "đơn vị của bạn (11329 Phường Máy Chai) không còn từ 01/07/2025; nay thuộc 11329 Phường Ngô Quyền"
for path in ["/report?form=bieu-5&period=2026", "/entry?form=bieu-5&period=2026", "/completeness?form=bieu-5&period=2026",
             "/indicators?name=conclusions_on_time&period=2026"]:
    st, _, page = mc.get(path)
    if st != 403 or GONE not in text_of(page): err(f"maychai {path}: {st} {text_of(page)[-300:]}")
st, _, body = mc.get("/api/report?form=bieu-5&period=2026")
if st != 403 or GONE not in json.loads(body).get("error", ""): err(f"maychai /api/report 2026: {st} {body[:300]!r}")
st, _, page = mc.get("/report?form=bieu-5&period=2025S1")
if st != 200 or "Phường Máy Chai" not in text_of(page): err(f"maychai's own 2025S1: {st}")
st, _, page = hb.get("/report?form=bieu-5&period=2024")
t = text_of(page)
if st != 403 or "đơn vị của bạn (11311 Phường Hồng Bàng) có từ 01/07/2025" not in t: err(f"hongbang 2024: {st} {t[-300:]}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "a unit not in the period, the user's own: $(cat py6.out)"

# the approvals of old periods stay: 304's 2025S1 Biểu 5 was approved, its last half-year is locked
python3 - "$BASE" >py2.out 2>&1 <<'PY'
import json, sys
from dvtest import Client, err, bad
adm = Client(sys.argv[1]).login("admin", "admin-dv-123")
st, _, body = adm.api("POST", "/api/registers/dialogues", {"date": "2025-06-20", "unit": "304", "type": "dinh_ky",
                      "chair": "cap_uy", "title": "Đối thoại cuối cùng của Quận Ngô Quyền", "participants": 55})
msg = json.loads(body).get("error", "") if body else ""
if st != 409 or "6 tháng đầu năm 2025 của Quận Ngô Quyền đã được phê duyệt" not in msg: err(f"a 2025S1 dialogue on 304: {st} {msg}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "2025S1 on 304: $(cat py2.out)"
[ "$(state)" = "$before" ] && ok || fail "the locked period changed: $before -> $(state)"
# a new period is approved commune -> province: hongbang submits Biểu 6 for 2026S2, the city's
# approver sees it under 31 and approves it; the approver of the dissolved district cannot
add_user duyet304 304 approver
python3 - "$BASE" >py7.out 2>&1 <<'PY'
import json, sys
from dvtest import Client, err, bad
c = Client(sys.argv[1])
hb, city, old = c.login("hongbang", "hongbang123"), c.login("pheduyet", "pheduyet123"), c.login("duyet304")
step = lambda s, action, **kw: s.api("POST", "/api/submission", {"form": "bieu-6", "period": "2026S2", "unit": "11311",
                                                                  "action": action, "ack": True, **kw})
st, _, body = step(hb, "submit")
if st != 200 or json.loads(body).get("status") != "submitted": err(f"hongbang submits 2026S2: {st} {body[:300]!r}")
st, _, body = city.get("/api/completeness?form=bieu-6&period=2026S2&unit=31")
kids = {k["unit"]: k for k in json.loads(body).get("children", [])} if st == 200 else {}
if kids.get("11311", {}).get("status") != "submitted" or len(kids) != 114:
    err(f"31's completeness 2026S2: {st}, {len(kids)} children, 11311 {kids.get('11311')}")
st, _, body = step(old, "approve")
if st != 403: err(f"the approver of dissolved 304 approved a 2026 report: {st}")
st, _, body = step(city, "approve")
if st != 200 or json.loads(body).get("status") != "approved": err(f"the city approves: {st} {body[:300]!r}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "2026S2 approved commune -> province: $(cat py7.out)"

check_server_end
finish
