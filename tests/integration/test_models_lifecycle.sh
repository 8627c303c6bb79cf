#!/usr/bin/env bash
# The lifecycle of "Dân vận khéo" models (issue 4) through the real server. A province P,
# districts D1 (communes C11, C12) and D2 (commune C21); users: officer and approver of C11,
# officer and approver of D1, approver of D2, approver, admin and viewer of P.
# registered → appraising → recognised | not_recognised, recognised → commended, every step
# by an approver (or admin) of a unit strictly above the model's unit (POST /r/models/ID/stage,
# fields csrf, to, stage_date, comment). Checked:
#   - every allowed step by every allowed role succeeds, moves the stage, adds one row to
#     record_events (from, to, login, day, comment) and shows in the record page's history;
#   - every forbidden one (the model's own unit, a district that is not above it, a viewer,
#     an officer above it, skipping a stage, going back, not_recognised → commended, an
#     unknown stage, a bad date) is refused (403 or 422) with a clear message and changes
#     nothing: stage, record_events and Biểu 3 (from the server and the CLI) stay;
#   - the record page offers exactly the steps the user may take;
#   - an edit (form or JSON API) cannot change the stage; a JSON edit or create that tries
#     is refused naming the field; an import sets any stage directly and the steps go on
#     from there;
#   - after every move Biểu 3 of C11, D1 and P (and D2) equals the counts of the models'
#     current stages.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Vòng Đời,Tỉnh,1,
D1,Huyện Trên,Huyện,2,P
D2,Huyện Bên,Huyện,2,P
C11,Xã Có Mô Hình,Xã,3,D1
C12,Xã Láng Giềng,Xã,3,D1
C21,Xã Huyện Bên,Xã,3,D2
CSV
# the models under test (M1…M4, M5 at the district itself) and some background ones
cat >models.csv <<'CSV'
name,unit,kind,field,areas,year,status,press_items,exemplary
M1 Dân vận khéo trong dồn điền đổi thửa,C11,tap_the,kinh_te,nong_thon_moi,2023,registered,3,yes
M2 Cá nhân tiêu biểu vận động hiến đất,C11,ca_nhan,van_hoa_xa_hoi,nong_thon_moi,2023,registered,1,no
M3 Tổ an ninh tự quản,C11,tap_the,quoc_phong_an_ninh,khac,2023,registered,,no
M4 Chi bộ bốn tốt,C11,tap_the,xay_dung_dang,,2023,registered,0,no
M5 Huyện chuyển đổi số,D1,tap_the,kinh_te,chuyen_doi_so,2023,registered,2,yes
B1 Nền ở xã láng giềng,C12,tap_the,kinh_te,nong_thon_moi,2023,recognised,4,no
B2 Nền ở huyện bên,C21,ca_nhan,kinh_te,do_thi,2023,commended,5,yes
CSV

run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
run_dv o e import models db models.csv || { fail "import models: $(cat e)"; finish; }
# steps without a date are dated "today": a fixed one
run_dv o e config db clock.today 2023-12-20 || fail "config clock.today: $(cat e)"

add_user c_off C11 officer
add_user c_appr C11 approver
add_user d1_off D1 officer
add_user d1_appr D1 approver
add_user d2_appr D2 approver
add_user p_appr P approver
add_user p_admin P admin
add_user p_view P viewer

# a second set of models, imported while the server runs (an import sets any stage)
cat >models_later.csv <<'CSV'
name,unit,kind,field,areas,year,status,press_items,exemplary
I1 Nhập ở bước thẩm định,C11,ca_nhan,kinh_te,,2023,appraising,1,no
I2 Nhập đã không công nhận,C11,tap_the,van_hoa_xa_hoi,,2023,not_recognised,,no
I3 Nhập đã khen thưởng,C11,ca_nhan,xay_dung_dang,,2023,commended,2,yes
I4 Nhập đã công nhận,C11,tap_the,kinh_te,,2023,recognised,,no
CSV

# ---------------- the server ----------------
start_server db

check "the model lifecycle through the server" python3 - "$PORT" "$DV" "$W" <<'PY'
import datetime, json, re, sqlite3, subprocess, sys, urllib.parse
import dvtest
from dvtest import bad, err, Client, in_subtree
port, dv, w = int(sys.argv[1]), sys.argv[2], sys.argv[3]

PARENT = {"P": None, "D1": "P", "D2": "P", "C11": "D1", "C12": "D1", "C21": "D2"}

HTTP = Client(port)
U = {l: HTTP.login(l) for l in ("c_off", "c_appr", "d1_off", "d1_appr", "d2_appr", "p_appr", "p_admin", "p_view")}
ADMIN = U["p_admin"]

def text_of(data):
    """the page's text, tags removed and entities decoded, white space as it is (for message checks)"""
    return dvtest.text_of(data, squeeze=False)

# ---------------- state: the database and the annex ----------------
def db():
    return sqlite3.connect(f"file:{w}/db?mode=ro", uri=True, timeout=10)

def events(rid=None):
    with db() as con:
        q = "SELECT id, record_id, day, login, from_stage, to_stage, comment FROM record_events"
        rows = con.execute(q + (" WHERE record_id=?" if rid else "") + " ORDER BY id", (rid,) if rid else ()).fetchall()
    return rows

def models():
    st, _, data = ADMIN.get("/api/registers/models?unit=P&period=&limit=500")
    if st != 200:
        raise SystemExit(f"GET /api/registers/models: HTTP {st} {data[:300]!r}")
    out = {}
    for r in json.loads(data)["records"]:
        v = r["values"]
        out[v["name"].split()[0]] = dict(v, id=r["id"])
    return out

M = models()
ID = {k: v["id"] for k, v in M.items()}
STAGE = {k: v["status"] for k, v in M.items()}   # what the stages must be (the test's own record)
if sorted(ID) != ["B1", "B2", "M1", "M2", "M3", "M4", "M5"]:
    raise SystemExit(f"unexpected models listed by the API: {sorted(ID)}")

def stage_of(key):
    st, _, data = ADMIN.get(f"/api/registers/models/{ID[key]}")
    if st != 200:
        err(f"GET /api/registers/models/{ID[key]}: HTTP {st}")
        return None
    return json.loads(data)["record"]["values"]["status"]

KINDS, FIELDS = ("tap_the", "ca_nhan"), ("kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang")
def expected_bieu3(unit):
    """Biểu 3's numeric columns 1–14 for the unit (its subtree), from the models' values and STAGE"""
    ms = [dict(v, status=STAGE[k]) for k, v in M.items() if in_subtree(v["unit"], unit, PARENT)]
    n = lambda xs: len(xs) or None
    row = [n(ms)]
    row += [n([m for m in ms if m["kind"] == k and m["status"] in ("recognised", "commended")]) for k in KINDS]
    for f in FIELDS:
        row += [n([m for m in ms if m["field"] == f and m["kind"] == k]) for k in KINDS]
    row += [n([m for m in ms if m["kind"] == k and m["status"] == "commended"]) for k in KINDS]
    press = [int(m["press_items"]) for m in ms if m["press_items"] != ""]
    row.append(sum(press) if press else None)
    return row

def norm(v): return int(v) if isinstance(v, float) and v == int(v) else v

def bieu3_api(unit):
    st, _, data = ADMIN.get("/api/report?" + urllib.parse.urlencode({"form": "bieu-3", "period": "2023", "unit": unit}))
    if st != 200:
        return f"HTTP {st} {data[:200]!r}"
    return [norm(v) for v in json.loads(data)["rows"][0]["values"]]

def bieu3_cli(unit):
    p = subprocess.run([dv, "report", f"{w}/db", "--form", "bieu-3", "--period", "2023", "--unit", unit,
                        "--format", "json"], capture_output=True, text=True)
    if p.returncode: return f"CLI failed: {p.stderr.strip()}"
    return [norm(v) for v in json.loads(p.stdout)["rows"][0]["values"]]

def check_bieu3(when, cli=False):
    for u in ("C11", "D1", "P", "D2"):
        want = expected_bieu3(u)
        got = bieu3_api(u)
        if not isinstance(got, list) or got[:14] != want:
            err(f"{when}: Biểu 3 of {u} (server) is {got if not isinstance(got, list) else got[:14]}, expected {want}")
        if cli:
            got = bieu3_cli(u)
            if not isinstance(got, list) or got[:14] != want:
                err(f"{when}: Biểu 3 of {u} (CLI) is {got if not isinstance(got, list) else got[:14]}, expected {want}")

def check_stages(when):
    for k in ID:
        s = stage_of(k)
        if s != STAGE[k]:
            err(f"{when}: {k} is at stage {s!r}, expected {STAGE[k]!r}")

LABEL = {"registered": "Đã đăng ký", "appraising": "Đang thẩm định", "recognised": "Được công nhận",
         "not_recognised": "Không được công nhận", "commended": "Được biểu dương, khen thưởng"}
EPOCH = datetime.date(1970, 1, 1)
def day_of(ddmmyyyy):
    d, m, y = map(int, ddmmyyyy.split("/"))
    return (datetime.date(y, m, d) - EPOCH).days
TODAY = (datetime.date(2023, 12, 20) - EPOCH).days

check_bieu3("at the start", cli=True)
check_stages("at the start")

# ---------------- the moves ----------------
def offered(user, key):
    """the stages the record page offers this user (None: no access to the page)"""
    st, _, data = user.get(f"/r/models/{ID[key]}")
    if st != 200: return None
    page = data.decode("utf-8", "replace")
    m = re.search(r'<select[^>]*name="to"[^>]*>(.*?)</select>', page, re.S)
    return sorted(re.findall(r'<option[^>]*value="([^"]*)"', m.group(1))) if m else []

def allowed_for(login, key, to):
    """what the rules say: (allowed, http status when refused)"""
    trans = {("registered", "appraising"), ("appraising", "recognised"), ("appraising", "not_recognised"),
             ("recognised", "commended")}
    unit = M[key]["unit"]
    user_unit = {"c_off": "C11", "c_appr": "C11", "d1_off": "D1", "d1_appr": "D1", "d2_appr": "D2",
                 "p_appr": "P", "p_admin": "P", "p_view": "P"}[login]
    role = {"c_off": 1, "c_appr": 2, "d1_off": 1, "d1_appr": 2, "d2_appr": 2, "p_appr": 2, "p_admin": 3, "p_view": 0}[login]
    if not in_subtree(unit, user_unit, PARENT):
        return False, 403                    # cannot even read the record
    if role == 0:
        return False, 403                    # a viewer changes nothing (refused before the step is looked at)
    if (STAGE[key], to) not in trans:
        return False, 422
    if user_unit == unit or role < 2:
        return False, 403
    return True, None

MOVES, REFUSED = [0], [0]
def move(login, key, to, date=None, comment=None, want_ok=None, why=""):
    """one POST /r/models/ID/stage; checks the outcome against the rules (and want_ok when given)"""
    user = U[login]
    ok_rule, want_status = allowed_for(login, key, to)
    if want_ok is not None and want_ok != ok_rule:
        err(f"test error: {login} {key} {STAGE[key]}→{to}: rules say {ok_rule}, the test {want_ok} ({why})")
    comment = comment if comment is not None else f"{login}: {STAGE[key]} → {to}"
    fields = {"csrf": user.csrf, "to": to, "comment": comment}
    if date is not None: fields["stage_date"] = date
    before_ev = events()
    before_stage = STAGE[key]
    what = f"{login} moves {key} ({M[key]['unit']}) {before_stage} → {to}" + (f" [{why}]" if why else "")
    if ok_rule:
        opts = offered(user, key)
        if opts is None or to not in opts:
            err(f"{what}: the record page does not offer the step to this user (offers {opts})")
    st, hdrs, data = user.form(f"/r/models/{ID[key]}/stage", fields)
    after_ev = events()
    if ok_rule:
        if st not in (302, 303):
            err(f"{what}: HTTP {st}, expected a redirect: {text_of(data)[:300]!r}")
            return
        STAGE[key] = to
        MOVES[0] += 1
        s = stage_of(key)
        if s != to: err(f"{what}: the stage is now {s!r}")
        new = after_ev[len(before_ev):]
        if after_ev[:len(before_ev)] != before_ev or len(new) != 1:
            err(f"{what}: record_events gained {len(new)} rows (expected 1): {new}")
        else:
            _, rid, day, lg, fr, t, cm = new[0]
            want_day = day_of(date) if date else TODAY
            if (rid, lg, fr, t, cm, day) != (ID[key], login, before_stage, to, comment, want_day):
                err(f"{what}: event {new[0]}, expected record {ID[key]}, {login}, {before_stage}→{to}, "
                    f"day {want_day}, comment {comment!r}")
        # the history on the record page, as the approver of the unit above sees it
        st2, _, page = U["p_admin"].get(f"/r/models/{ID[key]}")
        t2 = text_of(page)
        if st2 != 200 or login not in t2 or comment not in t2 or LABEL[to] not in t2:
            err(f"{what}: the record page's history lacks the step ({login}, {comment!r}, {LABEL[to]})")
        check_bieu3(f"after {what}")
    else:
        REFUSED[0] += 1
        if st != want_status:
            err(f"{what}: HTTP {st}, expected {want_status}")
        t = text_of(data)
        if want_status == 403 and not any(m in t for m in ("người phê duyệt của đơn vị cấp trên", "ngoài phạm vi",
                                                                      "chỉ có quyền xem")):
            err(f"{what}: refused without saying who may do it: {t.strip()[:300]!r}")
        if want_status == 422 and not ("không chuyển được" in t.lower() or "không hợp lệ" in t.lower()):
            err(f"{what}: refused without a clear message: {t.strip()[:300]!r}")
        if st == 422 and LABEL.get(to, to) not in t and to in LABEL:
            err(f"{what}: the message does not name the stage {LABEL[to]!r}")
        if after_ev != before_ev:
            err(f"{what}: record_events changed: {after_ev[len(before_ev):]}")
        s = stage_of(key)
        if s != before_stage: err(f"{what}: refused, yet the stage is now {s!r}")
        check_bieu3(f"after the refused {what}")

ALL = list(U)
ABOVE_C = ("d1_appr", "p_appr", "p_admin")          # the only ones who may move a model of C11
NOT_ABOVE = ("c_off", "c_appr", "d1_off", "d2_appr", "p_view")
STAGES = ("registered", "appraising", "recognised", "not_recognised", "commended")

def refuse_all_but(key, allowed_to):
    """at the current stage every (user, target) but the allowed steps by ABOVE users is refused"""
    for to in STAGES + ("bogus",):
        for login in ALL:
            if to in allowed_to and login in ABOVE_C and M[key]["unit"] == "C11":
                continue
            if to in allowed_to and M[key]["unit"] == "D1" and login in ("p_appr", "p_admin"):
                continue
            move(login, key, to, want_ok=False, why="forbidden")

def check_offers(key, allowed_to):
    for login in ALL:
        o = offered(U[login], key)
        ok_rule = [t for t in STAGES if allowed_for(login, key, t)[0]]
        if in_subtree(M[key]["unit"], {"c_off": "C11", "c_appr": "C11", "d1_off": "D1", "d1_appr": "D1",
                                         "d2_appr": "D2"}.get(login, "P"), PARENT):
            if o != sorted(ok_rule):
                err(f"{key} at {STAGE[key]}: the page offers {login} {o}, expected {sorted(ok_rule)}")
        elif o is not None:
            err(f"{key}: {login} (outside the subtree) can open the record page")

# M1: D1's approver appraises and recognises, P's approver commends
check_offers("M1", ("appraising",))
refuse_all_but("M1", ("appraising",))
move("d1_appr", "M1", "appraising", date="15/03/2023", comment="Hồ sơ đủ, đưa vào thẩm định",
     want_ok=True, why="D1 is above C11")
check_offers("M1", ("recognised", "not_recognised"))
refuse_all_but("M1", ("recognised", "not_recognised"))
move("d1_appr", "M1", "recognised", date="20/11/2023", comment="Đạt, công nhận mô hình", want_ok=True)
check_offers("M1", ("commended",))
refuse_all_but("M1", ("commended",))
move("p_appr", "M1", "commended", comment="Khen thưởng cấp tỉnh", want_ok=True, why="no date: today")
check_offers("M1", ())
refuse_all_but("M1", ())

# M2 (ca_nhan): P's approver appraises and recognises (any unit above, not only the parent)
move("p_appr", "M2", "appraising", date="01/04/2023", want_ok=True)
move("p_appr", "M2", "recognised", date="01/12/2023", want_ok=True, why="recognition by P's approver")
move("d1_appr", "M2", "commended", date="15/12/2023", want_ok=True)

# M3: P's admin appraises, D1's approver does not recognise it; then nobody can commend it
move("p_admin", "M3", "appraising", date="02/04/2023", want_ok=True, why="an admin above")
move("d1_appr", "M3", "not_recognised", date="02/12/2023", comment="Chưa có kết quả đo được", want_ok=True)
check_offers("M3", ())
for login in ALL:
    move(login, "M3", "commended", want_ok=False, why="not_recognised → commended")
    move(login, "M3", "recognised", want_ok=False, why="not_recognised → recognised")

# M4: a bad date is refused and changes nothing
ev0 = events()
st, _, data = U["d1_appr"].form(f"/r/models/{ID['M4']}/stage", {"csrf": U["d1_appr"].csrf, "to": "appraising",
                                                                 "stage_date": "31/02/2023"})
if st != 422 or "ngày" not in text_of(data).lower():
    err(f"a bad stage date: HTTP {st}, expected 422 naming the date: {text_of(data).strip()[:200]!r}")
# without the CSRF token nothing moves either
st, _, data = U["d1_appr"].form(f"/r/models/{ID['M4']}/stage", {"to": "appraising"})
if st != 403: err(f"a stage POST without the CSRF token: HTTP {st}, expected 403")
if stage_of("M4") != "registered": err("M4 moved with a bad date or without a CSRF token")
if events() != ev0: err("a refused stage POST (bad date, no CSRF token) added an event")

# M5 belongs to D1 itself: D1's approver is not above it, P's approver is
for login in ("d1_appr", "d1_off", "c_appr", "d2_appr", "p_view"):
    move(login, "M5", "appraising", want_ok=False, why="not strictly above D1")
move("p_appr", "M5", "appraising", date="05/05/2023", want_ok=True)
move("d1_appr", "M5", "recognised", want_ok=False, why="D1 recognising its own model")
move("p_admin", "M5", "recognised", date="05/12/2023", want_ok=True)
check_stages("after the moves")

# ---------------- edits cannot move the stage ----------------
ev0 = events()
# the JSON API: another status is refused, naming the field
for login, key, to in (("c_off", "M4", "recognised"), ("d1_appr", "M4", "appraising"), ("p_admin", "M3", "commended"),
                       ("p_admin", "M1", "registered")):
    st, _, data = U[login].api("POST", f"/api/registers/models/{ID[key]}", {"status": to})
    try: body = json.loads(data)
    except Exception: body = {}
    if st != 400 or body.get("field") != "status" or "bước" not in body.get("error", ""):
        err(f"{login}: JSON edit of {key} to status {to}: HTTP {st} {body or data[:200]!r}, expected 400 naming "
            f"the field status and the steps")
# the same stage is accepted with other changes (press items move Biểu 3)
st, _, data = U["c_off"].api("POST", f"/api/registers/models/{ID['M4']}", {"status": "registered", "press_items": "6"})
if st != 200: err(f"c_off: JSON edit of M4 keeping its stage: HTTP {st} {data[:200]!r}")
else: M["M4"]["press_items"] = "6"
st, _, data = U["c_off"].api("POST", f"/api/registers/models/{ID['M1']}", {"press_items": "4"})
if st != 200: err(f"c_off: JSON edit of M1's press items: HTTP {st} {data[:200]!r}")
else: M["M1"]["press_items"] = "4"
# a new model through the API starts registered; another status is refused
st, _, data = U["c_off"].api("POST", "/api/registers/models", {"name": "N1 Mới qua API", "unit": "C11", "kind": "tap_the",
                                                              "field": "kinh_te", "year": "2023", "status": "recognised"})
if st != 400 or json.loads(data).get("field") != "status":
    err(f"creating a model at stage recognised through the API: HTTP {st} {data[:200]!r}, expected 400 (status)")
st, _, data = U["c_off"].api("POST", "/api/registers/models", {"name": "N1 Mới qua API", "unit": "C11", "kind": "tap_the",
                                                              "field": "kinh_te", "year": "2023"})
if st != 200: err(f"creating a model through the API: HTTP {st} {data[:200]!r}")
else:
    ID["N1"] = json.loads(data)["id"]
    M["N1"] = {"name": "N1 Mới qua API", "unit": "C11", "kind": "tap_the", "field": "kinh_te", "press_items": "",
               "year": "2023", "exemplary": "", "id": ID["N1"]}
    STAGE["N1"] = "registered"
    if stage_of("N1") != "registered": err(f"a model created through the API is at {stage_of('N1')!r}")
# the web form has no stage input; a posted one is ignored or refused, never applied
cur = json.loads(ADMIN.get(f"/api/registers/models/{ID['M4']}")[2])["record"]["values"]
fields = [("csrf", U["d1_appr"].csrf)] + [(k, v) for k, v in cur.items() if k not in ("status", "areas")]
fields += [("areas", a) for a in cur["areas"].split(";") if a] + [("status", "commended")]
st, _, data = U["d1_appr"].form(f"/r/models/{ID['M4']}", fields)
if st not in (302, 303, 400, 403, 422):
    err(f"form edit of M4 with status=commended: HTTP {st}")
print(f"  a form edit posting status=commended: HTTP {st} (the stage input is ignored)")
if stage_of("M4") != "registered": err(f"a form edit moved M4 to {stage_of('M4')!r}")
page = U["d1_appr"].get(f"/r/models/{ID['M4']}")[2].decode()
if re.search(r'<(select|input)[^>]*name="status"', page):
    err("the record form has an input for the stage (status)")
if events() != ev0: err(f"edits added stage events: {events()[len(ev0):]}")
check_stages("after the edits")
check_bieu3("after the edits", cli=True)

# ---------------- an import sets any stage; the steps go on from there ----------------
ev0 = events()
p = subprocess.run([dv, "import", "models", f"{w}/db", f"{w}/models_later.csv"], capture_output=True, text=True)
if p.returncode: err(f"import models while the server runs: {p.stderr.strip()}")
new = models()
for k, want in (("I1", "appraising"), ("I2", "not_recognised"), ("I3", "commended"), ("I4", "recognised")):
    if k not in new:
        err(f"the imported {k} is not listed"); continue
    M[k] = new[k]; ID[k] = new[k]["id"]; STAGE[k] = want
    if new[k]["status"] != want: err(f"the imported {k} is at {new[k]['status']!r}, expected {want!r}")
    for ev in events(ID[k]):
        if ev[5] != want: err(f"the imported {k} has a history event {ev} before its imported stage {want}")
check_bieu3("after the import of models at every stage", cli=True)
move("c_appr", "I1", "recognised", want_ok=False, why="imported appraising, own unit")
move("d1_appr", "I1", "recognised", date="10/12/2023", want_ok=True, why="imported appraising")
for login in ("d1_appr", "p_appr", "p_admin"):
    move(login, "I2", "commended", want_ok=False, why="imported not_recognised")
    move(login, "I3", "recognised", want_ok=False, why="imported commended: no step back")
move("p_admin", "I4", "commended", date="28/12/2023", want_ok=True, why="imported recognised")
check_stages("at the end")
check_bieu3("at the end", cli=True)

# every refused move above left no trace: one event per allowed step
if len(events()) != MOVES[0]:
    err(f"record_events holds {len(events())} rows, expected one per allowed step ({MOVES[0]})")
print(f"  {MOVES[0]} allowed steps, {REFUSED[0]} refused ones checked")
sys.exit(1 if bad else 0)
PY

check_server_end
finish
