#!/usr/bin/env bash
# The reporting cycle (issue 5) through the command line and the server: a province P, districts D1
# (communes C11, C12) and D2 (commune C21); users: officer, approver, admin and viewer of C11,
# officer of C12, officer and approver of D1, approver of D2, approver and admin of P.
# draft → submitted (by the unit's own officers, approvers, admins; warnings of the annex must
# be acknowledged with --ack) → approved | returned (with a comment) by an approver of the unit
# it is routed to (the nearest unit above with an approver: D1 for C11, P for D1) or an admin of
# a unit strictly above; approved → returned by `reopen` (same actors). Checked:
#   - at every state of C11's Biểu 5 for 2023S1, every action by every user: the allowed ones
#     move the status (the completeness JSON of D1 shows it), write exactly one audit row
#     (submission.ACTION, the login, before/after status) and change nothing else; every
#     refused one (wrong role, wrong unit, own unit deciding, wrong state, no comment, no
#     --ack) fails with a clear message and leaves the database exactly as it was;
#   - the same matrix through the server (POST /api/submission, Biểu 1), with 403 for a wrong
#     actor, 409 for a wrong state or unacknowledged warnings, 400 without a comment, and
#     GET /api/completeness equal to the command line's JSON (skipped with a note when the
#     build has no such route);
#   - a second form (Biểu 6), another period and other units are independent;
#   - warnings: a hand-entered value that disagrees with the records blocks a submit without
#     --ack (also the district's, whose annex holds the commune), --ack lets it through;
#   - deadlines: for due.bieu-5 day:15 (and the default), workdays:2 (also over a holiday)
#     and fixed:07-05, with clock.today before, on and after the due date: the submission's
#     on_time and the completeness state (on_time, late, missing, pending) and due.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Chu Trình,Tỉnh,1,
D1,Huyện Một,Huyện,2,P
D2,Huyện Hai,Huyện,2,P
C11,Xã Một Một,Xã,3,D1
C12,Xã Một Hai,Xã,3,D1
C21,Xã Hai Một,Xã,3,D2
CSV
# C11's dialogues of 2023S1: two led by the committee's head (dinh_ky.cap_uy), one special
cat >dialogues.csv <<'CSV'
date,unit,type,chair,title,participants
2023-02-10,C11,dinh_ky,cap_uy,Đối thoại đầu năm,40
2023-04-20,C11,dinh_ky,cap_uy,Đối thoại quý hai,35
2023-05-05,C11,chuyen_de,chinh_quyen,Đối thoại về đất đai,20
2023-03-15,C12,dinh_ky,chinh_quyen,Đối thoại xã Một Hai,25
CSV

run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
run_dv o e import dialogues db dialogues.csv || { fail "import dialogues: $(cat e)"; finish; }

add_user c11_off C11 officer
add_user c11_appr C11 approver
add_user c11_admin C11 admin
add_user c11_view C11 viewer
add_user c12_off C12 officer
add_user d1_off D1 officer
add_user d1_appr D1 approver
add_user d2_appr D2 approver
add_user p_appr P approver
add_user p_admin P admin
# the deadline checks start from this state (no submission yet, no clock)
sqlite3 db ".backup fresh.db" || fail "sqlite3 .backup"
run_dv o e config db clock.today 2023-06-10 || fail "config clock.today: $(cat e)"

# the server, for the same acts through POST /api/submission and GET /api/completeness (when
# the build has them; otherwise the command line alone is checked)
start_server db

check "the reporting cycle by every role" python3 - "$DV" "$W" "$PORT" <<'PY'
import json, os, re, sqlite3, subprocess, sys
from dvtest import bad, err, run_dv, Client
dv, w, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
DB = os.path.join(w, "db")

PARENT = {"P": None, "D1": "P", "D2": "P", "C11": "D1", "C12": "D1", "C21": "D2"}
def above(u, unit):
    """u is strictly above unit"""
    p = PARENT[unit]
    while p:
        if p == u: return True
        p = PARENT[p]
    return False
def route(unit):
    """the unit a unit's submissions go to: the nearest above with an approver, else the top"""
    p, top = PARENT[unit], None
    while p:
        if any(u == p and r == "approver" for u, r in USERS.values()): return p
        p, top = PARENT[p], p
    return top
ROLE = {"viewer": 0, "officer": 1, "approver": 2, "admin": 3}
USERS = {"c11_off": ("C11", "officer"), "c11_appr": ("C11", "approver"), "c11_admin": ("C11", "admin"),
         "c11_view": ("C11", "viewer"), "c12_off": ("C12", "officer"), "d1_off": ("D1", "officer"),
         "d1_appr": ("D1", "approver"), "d2_appr": ("D2", "approver"), "p_appr": ("P", "approver"),
         "p_admin": ("P", "admin")}

def q(sql, args=()):
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True, timeout=10)
    try: return con.execute(sql, args).fetchall()
    finally: con.close()
UNIT_ID = dict((c, i) for i, c in q("SELECT id, code FROM units"))
USER_ID = dict((l, i) for i, l in q("SELECT id, login FROM users"))

TABLES = [t for (t,) in q("SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('sessions') ORDER BY name")]
def dump():
    """the whole database but the server's sessions, as SQL text"""
    return subprocess.run(["sqlite3", DB, ".dump " + " ".join(TABLES)], capture_output=True, text=True, check=True).stdout

# ---------------- HTTP ----------------
HTTP = Client(port)
SESS = {}
def session(login):
    if login not in SESS: SESS[login] = HTTP.login(login)
    return SESS[login]

def api_completeness(login, unit, form="bieu-5", period="2023S1"):
    st, _, data = session(login).get(f"/api/completeness?form={form}&period={period}&unit={unit}")
    return st, data

def run(*args):
    p = run_dv(dv, *args)
    return p.returncode, p.stdout, p.stderr.strip()

def completeness(unit, form="bieu-5", period="2023S1"):
    rc, out, e = run("completeness", DB, "--form", form, "--period", period, "--unit", unit, "--format", "json")
    if rc:
        err(f"completeness {form} {period} {unit}: {e}")
        return None
    try: d = json.loads(out)
    except Exception as ex:
        err(f"completeness {form} {period} {unit}: not JSON ({ex}): {out[:200]!r}")
        return None
    if (d.get("form"), d.get("period"), d.get("unit")) != (form, period, unit):
        err(f"completeness {form} {period} {unit}: head {d.get('form')!r} {d.get('period')!r} {d.get('unit')!r}")
    kids = [c for c in PARENT if PARENT[c] == unit]
    got = [c.get("unit") for c in d.get("children", [])]
    if got != kids:
        err(f"completeness {form} {period} {unit}: children {got}, expected {kids}")
    for c in d.get("children", []):
        keys = {"unit", "unit_name", "status", "submitted_at", "on_time", "due", "state"}
        if set(c) != keys:
            err(f"completeness {form} {period} {unit}: child keys {sorted(c)}, expected {sorted(keys)}")
    return {c["unit"]: c for c in d.get("children", [])}

# what the test knows: the status of every (form, period, unit) it touched
STATUS = {}
def status_of(form, period, unit): return STATUS.get((form, period, unit), "draft")

def check_status(form, period, unit, when):
    c = completeness(PARENT[unit], form, period)
    if c is None: return
    want = status_of(form, period, unit)
    if c[unit]["status"] != want:
        err(f"{when}: completeness of {PARENT[unit]} shows {unit} {form} {period} as {c[unit]['status']!r}, expected {want!r}")
    if want == "draft" and (c[unit]["submitted_at"] is not None or c[unit]["on_time"] is not None):
        err(f"{when}: {unit} {form} {period} never submitted, yet submitted_at/on_time {c[unit]['submitted_at']!r}/{c[unit]['on_time']!r}")
    if want != "draft" and not c[unit]["submitted_at"]:
        err(f"{when}: {unit} {form} {period} ({want}) has no submitted_at")

NEXT = {"submit": ({"draft", "returned"}, "submitted"), "approve": ({"submitted"}, "approved"),
        "return": ({"submitted"}, "returned"), "reopen": ({"approved"}, "returned")}
WARN = {}  # (form, period, unit) -> the annex has warnings

def reasons(login, action, form, period, unit, comment, ack):
    """why the act is refused: a set of reasons ("" for none)"""
    uu, role = USERS[login]
    why = set()
    if action == "return" and not comment: why.add("comment")
    if action == "submit":
        if uu != unit or ROLE[role] < ROLE["officer"]: why.add("role")
    elif not above(uu, unit) or not (role == "admin" or (role == "approver" and uu == route(unit))): why.add("role")
    if status_of(form, period, unit) not in NEXT[action][0]: why.add("status")
    if action == "submit" and WARN.get((form, period, unit)) and not ack: why.add("warnings")
    return why

# the words the refusal must contain, by reason
MSG = {"comment": ("lý do", "nhận xét", "ghi chú"), "role": ("chỉ cán bộ của đơn vị", "chỉ người phê duyệt", "cấp trên"),
       "status": ("trạng thái",), "warnings": ("cảnh báo",)}

ACTS = [0]
REFUSED = [0]
def act(login, action, unit="C11", form="bieu-5", period="2023S1", comment=None, ack=False, want=None, why="", via="cli"):
    """one act (command line, or via="api"), checked against the rules (and against want: True/False when given)"""
    rs = reasons(login, action, form, period, unit, comment, ack)
    allowed = not rs
    what = (f"{login} {action} {form} {period} {unit} (at {status_of(form, period, unit)}"
            f"{', comment' if comment else ''}{', --ack' if ack else ''})" + (f" [{why}]" if why else ""))
    if want is not None and want != allowed:
        err(f"test error: {what}: the rules say {'allowed' if allowed else sorted(rs)}, the test expects {want}")
    args = [action, DB, "--form", form, "--period", period, "--unit", unit, "--user", login]
    if comment is not None: args += ["--comment", comment]
    if ack: args.append("--ack")
    before = dump()
    nbefore = q("SELECT max(id) FROM audit")[0][0]
    if via == "api":
        what = "POST /api/submission: " + what
        body = {"form": form, "period": period, "unit": unit, "action": action, "ack": ack}
        if comment is not None: body["comment"] = comment
        st, _, data = session(login).api("POST", "/api/submission", body)
        try: js = json.loads(data)
        except Exception: js = {}
        rc = 0 if st == 200 else st
        out = f"{form} {period} {unit}: {js.get('status')}" if st == 200 else ""
        e = "danvan: " + str(js.get("error", data[:200]))
        if st != 200 and len(rs) == 1:
            want_st = {"role": 403, "status": 409, "warnings": 409, "comment": 400}[next(iter(rs))]
            if st != want_st: err(f"{what}: HTTP {st}, expected {want_st} for {sorted(rs)}")
        elif st not in (200, 400, 403, 409): err(f"{what}: HTTP {st}")
    else:
        rc, out, e = run(*args)
    if allowed:
        ACTS[0] += 1
        old = status_of(form, period, unit)
        new = NEXT[action][1]
        if rc:
            err(f"{what}: refused: {e}")
            return False
        if f"{form} {period} {unit}: {new}" not in out:
            err(f"{what}: output {out.strip()!r}, expected it to name the status {new}")
        STATUS[(form, period, unit)] = new
        rows = q("SELECT user_id, login, action, entity, entity_id, before, after FROM audit WHERE id > ?", (nbefore,))
        want_row = (USER_ID[login], login, f"submission.{action}", "submission", UNIT_ID[unit])
        if len(rows) != 1 or rows[0][:5] != want_row:
            err(f"{what}: audit rows {rows}, expected one {want_row}")
        else:
            try:
                b, a = json.loads(rows[0][5]), json.loads(rows[0][6])
                if b.get("status") != old or a.get("status") != new or a.get("form") != form or a.get("period") != period:
                    err(f"{what}: audit before/after {rows[0][5]} / {rows[0][6]}")
            except Exception as ex:
                err(f"{what}: audit before/after are not JSON: {rows[0][5:]!r} ({ex})")
        sub = q("SELECT status, submitted_by, decided_by, comment FROM submissions WHERE form=? AND period=? AND unit_id=?",
                (form, period, UNIT_ID[unit]))
        if not sub or sub[0][0] != new:
            err(f"{what}: submissions row {sub}, expected status {new}")
        elif action == "submit" and sub[0][1] != login:
            err(f"{what}: submitted_by {sub[0][1]!r}")
        elif action != "submit" and (sub[0][2] != login or (comment and sub[0][3] != comment)):
            err(f"{what}: decided_by/comment {sub[0][2]!r}/{sub[0][3]!r}, expected {login!r}/{comment!r}")
        check_status(form, period, unit, what)
        return True
    REFUSED[0] += 1
    if rc == 0:
        err(f"{what}: accepted ({out.strip()!r}), expected a refusal for {sorted(rs)}")
        STATUS[(form, period, unit)] = NEXT[action][1]
        return True
    if not e.startswith("danvan: "):
        err(f"{what}: the error does not start with 'danvan: ': {e!r}")
    words = [wd for r in rs for wd in MSG[r]]
    if not any(wd in e.lower() for wd in words):
        err(f"{what}: refused for {sorted(rs)} with an unclear message: {e!r}")
    if dump() != before:
        err(f"{what}: refused, yet the database changed")
    return False

def refuse_all_but(allowed, unit="C11", form="bieu-5", period="2023S1", via="cli"):
    """every (user, action) but the allowed (login, action) pairs is refused at the current state
    (a return without a comment is refused for everyone)"""
    for login in USERS:
        for action, comment in (("submit", None), ("approve", None), ("return", "Lý do trả lại"), ("return", None),
                                ("reopen", "Mở lại"), ("reopen", None)):
            if (login, action) in allowed and not (action == "return" and comment is None): continue
            act(login, action, unit, form, period, comment=comment, want=False, via=via)

OWN_C11 = {("c11_off", "submit"), ("c11_appr", "submit"), ("c11_admin", "submit")}
ABOVE_C11 = ("d1_appr", "p_admin")  # not p_appr: C11 reports to D1, which has an approver
DECIDE = lambda acts: {(l, a) for l in ABOVE_C11 for a in acts}

check_status("bieu-5", "2023S1", "C11", "at the start")

# ---- draft: only C11's own officer, approver or admin submits
refuse_all_but(OWN_C11)
act("c11_off", "submit", want=True, why="the unit's own officer")
# ---- submitted: an approver or admin of D1 or P approves or returns (with a comment)
refuse_all_but(DECIDE(("approve", "return")))
act("d1_appr", "return", comment="Thiếu số liệu đối thoại chuyên đề", want=True, why="the district's approver")
# ---- returned: resubmitted by the unit itself
refuse_all_but(OWN_C11)

# ---- warnings: a hand-entered value that disagrees with the records: typed (5 dot_xuat.dong_chu_tri)
# before the register had the dialogue (a value where records count is refused, docs/entry.md)
def typed_then_recorded(unit, value, name):
    with open(os.path.join(w, name + ".csv"), "w", encoding="utf-8") as fh:
        fh.write(f"element,combo,period,unit,value\ndialogues,dot_xuat.dong_chu_tri,2023S1,{unit},{value}\n")
    rc, out, e = run("import", "values", DB, os.path.join(w, name + ".csv"))
    if rc: err(f"import values (a value for {unit} before its record): {e}")
    with open(os.path.join(w, name + "-d.csv"), "w", encoding="utf-8") as fh:
        fh.write(f"date,unit,type,chair,title,participants\n2023-06-01,{unit},dot_xuat,dong_chu_tri,Đối thoại đột xuất,12\n")
    rc, out, e = run("import", "dialogues", DB, os.path.join(w, name + "-d.csv"))
    if rc: err(f"import dialogues (the record after the value for {unit}): {e}")
typed_then_recorded("C11", 5, "values")
rc, out, e = run("report", DB, "--form", "bieu-5", "--period", "2023S1", "--unit", "C11", "--format", "json")
warns = json.loads(out).get("warnings") if rc == 0 else e
if not isinstance(warns, list) or len(warns) != 1 or "nhập tay 5" not in warns[0]:
    err(f"Biểu 5 of C11 should warn once about the entered 5 against 2 records: {warns!r}")
WARN[("bieu-5", "2023S1", "C11")] = WARN[("bieu-5", "2023S1", "D1")] = WARN[("bieu-5", "2023S1", "P")] = True
for login in ("c11_appr", "c11_off", "c11_admin"):
    act(login, "submit", want=False, why="warnings not acknowledged")
act("c11_view", "submit", ack=True, want=False, why="a viewer, even with --ack")
act("c12_off", "submit", ack=True, want=False, why="another commune's officer, even with --ack")
act("c11_appr", "submit", ack=True, want=True, why="the unit's approver acknowledges the warnings")
# a district's annex holds its communes: D1's own submit needs --ack too
act("d1_appr", "submit", unit="D1", want=False, why="C11's warning is in D1's annex")
act("p_appr", "return", comment="Số nhập tay khác sổ", want=False, why="the province's approver: C11's reports go to D1")
act("d1_appr", "return", comment="Số nhập tay khác sổ", want=True, why="the district's approver, C11's route")
act("c11_admin", "submit", ack=True, want=True, why="the unit's admin")
act("p_admin", "approve", want=True, why="the province's admin")
# ---- approved: nothing but a reopen by an approver or admin above
refuse_all_but(DECIDE(("reopen",)))
act("d1_appr", "reopen", comment="Mở lại để sửa số nhập tay", want=True, why="reopen by the district's approver")
refuse_all_but(OWN_C11)
act("c11_off", "submit", ack=True, want=True)
act("d1_appr", "approve", want=True)
act("p_appr", "reopen", want=False, why="the province's approver, not C11's route")
act("p_admin", "reopen", want=True, why="reopen without a comment by the province's admin")
act("c11_off", "submit", ack=True, want=True)
act("d1_appr", "approve", want=True)
act("p_admin", "reopen", comment="Kiểm tra lại", want=True, why="reopen by the province's admin")
act("c11_appr", "submit", ack=True, want=True)
act("d1_appr", "approve", want=True)

# every reopen is in the audit with its login
rows = q("SELECT login, before, after FROM audit WHERE action='submission.reopen' AND entity_id=? ORDER BY id",
         (UNIT_ID["C11"],))
if [r[0] for r in rows] != ["d1_appr", "p_admin", "p_admin"]:
    err(f"submission.reopen audit rows: {rows}, expected by d1_appr, p_admin, p_admin")

# ---- the district's own report: its officer and approver submit, only P decides
act("d1_off", "submit", unit="D1", want=False, why="warnings (C11's) not acknowledged")
act("d1_off", "submit", unit="D1", ack=True, want=True, why="the district's officer")
for login in ("d1_appr", "d1_off", "c11_appr", "d2_appr", "c11_admin"):
    act(login, "approve", unit="D1", want=False, why="not above D1")
act("p_appr", "approve", unit="D1", want=True)
act("d1_appr", "reopen", unit="D1", comment="tự mở", want=False, why="D1 reopening its own")
act("p_admin", "reopen", unit="D1", comment="Mở lại", want=True)
act("d1_appr", "submit", unit="D1", ack=True, want=True, why="the district's approver submits its own")
act("d2_appr", "return", unit="D1", comment="x", want=False, why="a sibling district")
act("p_admin", "return", unit="D1", comment="Bổ sung số liệu", want=True)
c = completeness("P")
if c and (c["D1"]["status"], c["D2"]["status"]) != ("returned", "draft"):
    err(f"completeness of P: D1 {c['D1']['status']!r}, D2 {c['D2']['status']!r}; expected returned, draft")

# ---- Biểu 6: a second form, its own statuses; Biểu 5 does not move
b5 = completeness("D1")
act("c11_view", "submit", form="bieu-6", want=False)
act("d1_appr", "approve", form="bieu-6", want=False, why="approve a draft")
act("c11_appr", "submit", form="bieu-6", want=True)
act("c11_appr", "approve", form="bieu-6", want=False, why="C11's approver approves its own")
act("d2_appr", "approve", form="bieu-6", want=False, why="the approver of another district")
act("d1_off", "approve", form="bieu-6", want=False, why="an officer above")
act("d1_appr", "reopen", form="bieu-6", comment="x", want=False, why="reopen a submitted one")
act("d1_appr", "return", form="bieu-6", comment="", want=False, why="an empty comment")
act("d1_appr", "return", form="bieu-6", comment="Sai số văn bản", want=True)
act("c11_off", "submit", form="bieu-6", want=True)
act("d1_appr", "approve", form="bieu-6", want=True)
act("c11_off", "submit", form="bieu-6", want=False, why="submit an approved one")
act("p_admin", "approve", form="bieu-6", want=False, why="approve an approved one")
act("p_admin", "reopen", form="bieu-6", comment="Mở lại", want=True)
act("c11_off", "submit", form="bieu-6", want=True)
act("p_appr", "approve", form="bieu-6", want=False, why="the province's approver, not C11's route")
act("d1_appr", "approve", form="bieu-6", want=True)
if completeness("D1") != b5: err("acts on Biểu 6 changed the completeness of Biểu 5")
c6 = completeness("D1", "bieu-6")
if c6 and (c6["C11"]["status"], c6["C12"]["status"]) != ("approved", "draft"):
    err(f"Biểu 6 completeness of D1: C11 {c6['C11']['status']!r}, C12 {c6['C12']['status']!r}")

# ---- the same through the HTTP API (Biểu 1), when the server has it
st, _ = api_completeness("p_admin", "D1")
for login in USERS: session(login)  # a login is audited: all of them before the acts
if st == 404:
    print("  NOTE: GET /api/completeness answers 404: the HTTP API of the cycle is not built, only the CLI is checked")
else:
    F1 = dict(form="bieu-1", via="api")
    refuse_all_but(OWN_C11, form="bieu-1", via="api")
    act("c11_appr", "submit", want=True, **F1)
    refuse_all_but(DECIDE(("approve", "return")), form="bieu-1", via="api")
    act("d1_appr", "return", comment="Thiếu số hội nghị", want=True, **F1)
    refuse_all_but(OWN_C11, form="bieu-1", via="api")
    act("c11_off", "submit", want=True, **F1)
    act("d1_appr", "approve", want=True, **F1)
    refuse_all_but(DECIDE(("reopen",)), form="bieu-1", via="api")
    act("p_admin", "reopen", comment="Mở lại qua API", want=True, **F1)
    act("c11_admin", "submit", want=True, **F1)
    act("p_admin", "approve", want=True, **F1)
    # warnings through the API: Biểu 5 of C12 gets a disagreeing value
    typed_then_recorded("C12", 4, "values12")
    WARN[("bieu-5", "2023S1", "C12")] = True
    act("c12_off", "submit", unit="C12", want=False, why="warnings not acknowledged", via="api")
    act("c12_off", "submit", unit="C12", ack=True, want=True, via="api")
    act("c12_off", "submit", unit="C12", ack=True, want=False, why="submit a submitted one", via="api")
    act("d1_appr", "return", unit="C12", comment="Số nhập tay khác sổ", want=True, via="api")
    # the API's completeness is the command line's, for every reader above
    for form in ("bieu-1", "bieu-5", "bieu-6"):
        for unit, login in (("D1", "d1_appr"), ("P", "p_appr"), ("D1", "p_admin")):
            st, data = api_completeness(login, unit, form)
            rc, out, e = run("completeness", DB, "--form", form, "--period", "2023S1", "--unit", unit, "--format", "json")
            if st != 200 or rc or json.loads(data) != json.loads(out):
                err(f"GET /api/completeness {form} {unit} as {login}: HTTP {st} {data[:300]!r} differs from the CLI's {out[:300]!r}")
    st, data = api_completeness("c12_off", "D1")
    if st != 403: err(f"GET /api/completeness of D1 as C12's officer: HTTP {st}, expected 403")

# ---- other periods and units are untouched; C12 and C21 by their own people
for per in ("2023S2", "2023Q1", "2023"):
    c = completeness("D1", "bieu-5", per)
    if c and any(x["status"] != "draft" for x in c.values()):
        err(f"bieu-5 {per}: statuses {[(k, x['status']) for k, x in c.items()]}, expected all draft")
act("c11_off", "submit", unit="C12", want=False, why="C11's officer for C12")
act("c12_off", "submit", unit="C12", ack=True, want=True)
act("d2_appr", "approve", unit="C12", want=False, why="D2 is not above C12")
act("p_appr", "approve", unit="C12", want=False, why="C12 reports to D1")
act("d1_appr", "approve", unit="C12", want=True)
act("c12_off", "submit", unit="C21", want=False, why="another district's commune")
act("d2_appr", "submit", unit="C21", want=False, why="the district submits for its commune")

# ---- malformed acts change nothing either
before = dump()
for args, words in (
    (["submit", DB, "--form", "bieu-5", "--period", "2023S1", "--unit", "C11", "--user", "nobody"], ("tài khoản",)),
    (["approve", DB, "--form", "bieu-5", "--period", "2023S1", "--unit", "C99", "--user", "d1_appr"], ("đơn vị",)),
    (["approve", DB, "--form", "bieu-9", "--period", "2023S1", "--unit", "C11", "--user", "d1_appr"], ("biểu",)),
    (["approve", DB, "--form", "bieu-5", "--period", "2023S3", "--unit", "C11", "--user", "d1_appr"], ("kỳ",)),
    (["return", DB, "--form", "bieu-5", "--period", "2023S1", "--unit", "C11", "--user", "d1_appr"], ("lý do",)),
    (["submit", DB, "--form", "bieu-5", "--period", "2023S1", "--unit", "C11"], ("--user",)),
):
    rc, out, e = run(*args)
    if rc == 0 or not any(wd in e.lower() for wd in words):
        err(f"danvan {' '.join(args[:1] + args[2:])}: status {rc}, message {e!r} (expected one naming {words})")
if dump() != before: err("malformed acts changed the database")

audits = q("SELECT count(*) FROM audit WHERE action LIKE 'submission.%'")[0][0]
if audits != ACTS[0]:
    err(f"{audits} submission.* audit rows, expected one per accepted act ({ACTS[0]})")
print(f"  {ACTS[0]} accepted acts, {REFUSED[0]} refused ones checked")
sys.exit(1 if bad else 0)
PY

# ---------------- deadlines ----------------
# For each rule, on a copy of the database before any submission: the day before the due date
# everything is pending and C11 submits on time; on the due date C12 is still pending and D2
# submits on time; the day after, C12 is missing (D1 too, in P's view) and then submits late.
check "deadlines: on time, late, missing, pending" python3 - "$DV" "$W" <<'PY'
import datetime, json, os, shutil, sys
from dvtest import bad, err, run_dv
dv, w = sys.argv[1], sys.argv[2]
D = datetime.date

def run(db, *args):
    p = run_dv(dv, args[0], db, *args[1:])
    return p.returncode, p.stdout, p.stderr.strip()

def completeness(db, unit):
    rc, out, e = run(db, "completeness", "--form", "bieu-5", "--period", "2023S1", "--unit", unit, "--format", "json")
    if rc:
        err(f"completeness {unit}: {e}")
        return {}
    return {c["unit"]: c for c in json.loads(out)["children"]}

CASES = (  # name, settings, holidays, due
    ("default (day:15)", [], [], D(2023, 6, 15)),
    ("day:15", [("due.bieu-5", "day:15")], [], D(2023, 6, 15)),
    ("day:31 (June has 30)", [("due.bieu-5", "day:31")], [], D(2023, 6, 30)),
    ("workdays:2", [("due.bieu-5", "workdays:2")], [], D(2023, 7, 4)),  # 30/6 is a Friday
    ("workdays:2 over a holiday", [("due.bieu-5", "workdays:2")], ["2023-07-03"], D(2023, 7, 5)),
    ("fixed:07-05", [("due.bieu-5", "fixed:07-05")], [], D(2023, 7, 5)),
)
for name, settings, hols, due in CASES:
    db = os.path.join(w, "dl-" + "".join(ch if ch.isalnum() else "_" for ch in name) + ".db")
    shutil.copyfile(os.path.join(w, "fresh.db"), db)
    for k, v in settings:
        rc, _, e = run(db, "config", k, v)
        if rc: err(f"{name}: config {k} {v}: {e}")
    for h in hols:
        rc, _, e = run(db, "holidays", "set", h, "Nghỉ thử")
        if rc: err(f"{name}: holidays set {h}: {e}")
    iso = due.isoformat()
    def expect(unit, parent, state, status, on_time, when):
        c = completeness(db, parent).get(unit)
        if not c:
            err(f"{name}, {when}: {unit} not in the completeness of {parent}")
            return
        got = (c["state"], c["status"], c["on_time"], c["due"])
        if got != (state, status, on_time, iso):
            err(f"{name}, {when}: {unit} is {got}, expected {(state, status, on_time, iso)}")
    def today(d):
        rc, _, e = run(db, "config", "clock.today", d.isoformat())
        if rc: err(f"{name}: config clock.today {d}: {e}")
    def submit(login, unit, want_on_time, when):
        rc, out, e = run(db, "submit", "--form", "bieu-5", "--period", "2023S1", "--unit", unit, "--user", login)
        if rc:
            err(f"{name}, {when}: {login} submit {unit}: {e}")
            return
        word = "đúng hạn" if want_on_time else "quá hạn"
        if word not in out: err(f"{name}, {when}: {login} submit {unit} printed {out.strip()!r}, expected {word!r}")

    day_before, day_after = due - datetime.timedelta(days=1), due + datetime.timedelta(days=1)
    today(day_before)
    for u in ("C11", "C12"): expect(u, "D1", "pending", "draft", None, f"today {day_before}, nothing submitted")
    for u in ("D1", "D2"): expect(u, "P", "pending", "draft", None, f"today {day_before}, nothing submitted")
    submit("c11_off", "C11", True, f"the day before {iso}")
    expect("C11", "D1", "on_time", "submitted", True, f"submitted on {day_before}")
    today(due)
    expect("C12", "D1", "pending", "draft", None, f"today is the due date {iso}")
    submit("d2_appr", "D2", True, f"on the due date {iso}")
    expect("D2", "P", "on_time", "submitted", True, f"submitted on the due date {iso}")
    today(day_after)
    expect("C12", "D1", "missing", "draft", None, f"today {day_after}, not submitted")
    expect("D1", "P", "missing", "draft", None, f"today {day_after}, not submitted")
    expect("C11", "D1", "on_time", "submitted", True, f"today {day_after}, C11 submitted on {day_before}")
    submit("c12_off", "C12", False, f"the day after {iso}")
    expect("C12", "D1", "late", "submitted", False, f"submitted on {day_after}")
    # a decision keeps the timeliness of the submission
    rc, _, e = run(db, "approve", "--form", "bieu-5", "--period", "2023S1", "--unit", "C12", "--user", "d1_appr")
    if rc: err(f"{name}: d1_appr approve C12: {e}")
    expect("C12", "D1", "late", "approved", False, "approved after a late submission")
    rc, _, e = run(db, "approve", "--form", "bieu-5", "--period", "2023S1", "--unit", "C11", "--user", "p_admin")
    if rc: err(f"{name}: p_admin approve C11: {e}")
    expect("C11", "D1", "on_time", "approved", True, "approved after an on-time submission")
    # the stored day of submission agrees with on_time
    import sqlite3
    con = sqlite3.connect(db)
    for unit, sub_day in (("C11", day_before), ("D2", due), ("C12", day_after)):
        row = con.execute("SELECT s.submitted_day, s.due_day, s.on_time FROM submissions s JOIN units u ON u.id=s.unit_id "
                          "WHERE s.form='bieu-5' AND s.period='2023S1' AND u.code=?", (unit,)).fetchone()
        want = ((sub_day - D(1970, 1, 1)).days, (due - D(1970, 1, 1)).days, int(sub_day <= due))
        if row != want: err(f"{name}: the stored submission of {unit} is {row}, expected (day, due, on_time) {want}")
    con.close()

# a bad rule is refused and the deadline stays
db = os.path.join(w, "dl-bad.db")
shutil.copyfile(os.path.join(w, "fresh.db"), db)
for v in ("day:0", "day:32", "workdays:x", "fixed:02-30", "fixed:7-5", "weekly"):
    rc, _, e = run(db, "config", "due.bieu-5", v)
    if rc == 0: err(f"config due.bieu-5 {v!r} accepted")
rc, _, e = run(db, "config", "clock.today", "2023-06-01")
c = completeness(db, "D1")
if c and c["C11"]["due"] != "2023-06-15": err(f"after refused rules the due date is {c['C11']['due']}")

sys.exit(1 if bad else 0)
PY
check_server_end
finish
