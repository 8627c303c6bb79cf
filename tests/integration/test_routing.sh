#!/usr/bin/env bash
# Approval routing (issue 12, item 3) through the server: a submission goes to the nearest unit
# above that has an approver. A province P (approver p_appr, admin p_admin), district D1 with an
# approver (d1_appr), district D2 without one; communes C11 (under D1) and C21 (under D2), each
# with an officer. Checked, with clock.today set so the ages are known:
#   - GET /api/submission names the route: C21 → P (p_appr), C11 → D1 (d1_appr), D1 → P;
#   - after both communes submit, GET /api/submissions/waiting lists C21 for p_appr (its
#     grandchild, with its age in days) and C11 for d1_appr, not the other way round;
#   - p_appr may not approve C11 (403, naming D1; its box says the report goes to Huyện Một),
#     d1_appr may (200); C11's box names its route;
#   - p_appr's home page lists "Xã Hai Một — Biểu 6 … chờ 3 ngày" in "Báo cáo chờ bạn phê duyệt";
#     with no approver at D2, p_appr returns C21's report (200);
#   - an approver added at D2 takes C21's route over: P's approver no longer sees it or decides;
#   - an admin above decides whatever the route (p_admin returns C11);
#   - per form: d1_appr limited to Biểu 5 (`danvan user forms`, audited) no longer receives C11's
#     Biểu 6 — it goes on to P, whose approver sees it waiting, in the bell as `waiting`, and
#     decides; d1_appr is refused; unknown forms and non-approvers are refused by the command;
#     the admin's /users page sets the forms too (CSRF, admins only) and shows them.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Chu Trình,Tỉnh,1,
D1,Huyện Một,Huyện,2,P
D2,Huyện Hai,Huyện,2,P
C11,Xã Một Một,Xã,3,D1
C21,Xã Hai Một,Xã,3,D2
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
add_user c11_off C11 officer
add_user c21_off C21 officer
add_user d1_appr D1 approver
add_user p_appr P approver
add_user p_admin P admin
run_dv o e config db clock.today 2023-06-10 || fail "config clock.today: $(cat e)"
start_server db

check "routing to the nearest approver above" python3 - "$DV" "$W" "$PORT" <<'PY'
import json, os, subprocess, sys
from dvtest import bad, err, run_dv, Client, text_of
dv, w, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
DB = os.path.join(w, "db")
HTTP = Client(port)
S = {l: HTTP.login(l) for l in ("c11_off", "c21_off", "d1_appr", "p_appr", "p_admin")}

def sub(login, unit, form="bieu-6"):
    st, _, data = S[login].get(f"/api/submission?form={form}&period=2023S1&unit={unit}")
    if st != 200:
        err(f"GET /api/submission {form} {unit} as {login}: HTTP {st} {data[:200]!r}")
        return {}
    return json.loads(data)

def route(login, unit, want_unit, want_approvers):
    r = sub(login, unit).get("route")
    if not isinstance(r, dict) or r.get("unit") != want_unit or r.get("approvers") != want_approvers:
        err(f"route of {unit} (as {login}): {r!r}, expected unit {want_unit} approvers {want_approvers}")

def act(login, unit, action, want, comment=None, form="bieu-6"):
    body = {"form": form, "period": "2023S1", "unit": unit, "action": action, "ack": True}
    if comment: body["comment"] = comment
    st, _, data = S[login].api("POST", "/api/submission", body)
    if st != want:
        err(f"{login} {action} {unit}: HTTP {st}, expected {want}: {data[:300]!r}")
    return st, data

def waiting(login):
    st, _, data = S[login].get("/api/submissions/waiting")
    if st != 200:
        err(f"GET /api/submissions/waiting as {login}: HTTP {st} {data[:200]!r}")
        return []
    return [(i.get("form"), i.get("period"), i.get("unit"), i.get("days")) for i in json.loads(data).get("items", [])]

def config(key, value):
    p = run_dv(dv, "config", DB, key, value)
    if p.returncode: err(f"config {key} {value}: {p.stderr}")

# ---- the routes before anything is submitted
route("c21_off", "C21", "P", ["p_appr"])   # no approver at D2: the province
route("c11_off", "C11", "D1", ["d1_appr"]) # the district's own approver
route("d1_appr", "D1", "P", ["p_appr"])

# ---- both communes submit (on 07/06/2023), nothing else waits
config("clock.today", "2023-06-07")
act("c21_off", "C21", "submit", 200)
act("c11_off", "C11", "submit", 200)
config("clock.today", "2023-06-10")
if waiting("p_appr") != [("bieu-6", "2023S1", "C21", 3)]:
    err(f"waiting for p_appr: {waiting('p_appr')}, expected C21's Biểu 6, 3 days")
if waiting("d1_appr") != [("bieu-6", "2023S1", "C11", 3)]:
    err(f"waiting for d1_appr: {waiting('d1_appr')}, expected C11's Biểu 6, 3 days")
if waiting("c11_off") != []:
    err(f"waiting for an officer: {waiting('c11_off')}, expected nothing")
# the actions each one is offered follow the route
if sub("p_appr", "C21").get("actions") != ["approve", "return"]:
    err(f"p_appr on C21: actions {sub('p_appr', 'C21').get('actions')}, expected approve, return")
if sub("p_appr", "C11").get("actions") != []:
    err(f"p_appr on C11: actions {sub('p_appr', 'C11').get('actions')}, expected none (C11 reports to D1)")

# ---- the province's approver may not decide for C11; the district's may
st, data = act("p_appr", "C11", "approve", 403)
if st == 403 and "Huyện Một" not in json.loads(data).get("error", ""):
    err(f"p_appr approving C11: the refusal does not name Huyện Một: {data[:300]!r}")
st, _, page = S["p_appr"].get("/report?form=bieu-6&period=2023S1&unit=C11")
if "được gửi tới Huyện Một" not in text_of(page):
    err("p_appr on C11's annex: the box does not say the report goes to Huyện Một")
st, _, page = S["c11_off"].get("/report?form=bieu-6&period=2023S1&unit=C11")
if "Gửi tới Huyện Một (người phê duyệt: d1_appr)" not in text_of(page):
    err(f"C11's box does not name its route: {text_of(page)[:400]!r}")
act("d1_appr", "C11", "return", 200, comment="Bổ sung số liệu")

# ---- the home page of the province's approver shows the grandchild's report and its age
st, _, page = S["p_appr"].get("/")
txt = text_of(page)
if st != 200 or "Báo cáo chờ bạn phê duyệt" not in txt or "Xã Hai Một — Biểu 6" not in txt or "chờ 3 ngày" not in txt:
    err(f"p_appr's home: no 'Xã Hai Một — Biểu 6 … chờ 3 ngày' under 'Báo cáo chờ bạn phê duyệt': {txt[:600]!r}")
st, _, page = S["d1_appr"].get("/")
if "Xã Hai Một" in text_of(page):
    err("d1_appr's home names Xã Hai Một, which is not routed to D1")

# ---- with no approver at D2 the province's decides: it returns C21's report, C21 resubmits today
act("p_appr", "C21", "return", 200, comment="Thiếu số liệu giám sát")
act("c21_off", "C21", "submit", 200)

# ---- an approver at D2 takes C21's route over
p = subprocess.run([dv, "user", "add", DB, "--login", "d2_appr", "--unit", "D2", "--role", "approver"],
                   input="pass-d2_appr-123\n", capture_output=True, text=True)
if p.returncode: err(f"user add d2_appr: {p.stderr}")
S["d2_appr"] = HTTP.login("d2_appr")
route("c21_off", "C21", "D2", ["d2_appr"])
if waiting("p_appr") != []:
    err(f"waiting for p_appr once D2 has an approver: {waiting('p_appr')}, expected nothing")
if waiting("d2_appr") != [("bieu-6", "2023S1", "C21", 0)]:
    err(f"waiting for d2_appr: {waiting('d2_appr')}, expected C21's Biểu 6")
act("p_appr", "C21", "approve", 403)
act("d2_appr", "C21", "approve", 200)
# ---- an admin above decides whatever the route
act("c11_off", "C11", "submit", 200)
act("p_admin", "C11", "return", 200, comment="Quản trị trả lại")

# ---- per form: the district's approver decides only Biểu 5; C11's Biểu 6 goes on to the province
def forms(login, value, ok=True):
    p = run_dv(dv, "user", "forms", DB, "--login", login, "--forms", value)
    if (p.returncode == 0) != ok:
        err(f"user forms {login} {value!r}: exit {p.returncode}, expected {'0' if ok else 'an error'}: {p.stderr}")
    return p
p = forms("d1_appr", "bieu-99", ok=False)
if "bieu-99" not in p.stderr: err(f"user forms with an unknown form does not name it: {p.stderr!r}")
p = forms("c11_off", "bieu-5", ok=False)
if "phê duyệt" not in p.stderr: err(f"user forms for an officer: {p.stderr!r}")
forms("d1_appr", "bieu-5")
audit = subprocess.run(["sqlite3", DB, "SELECT count(*) FROM audit WHERE action='user.forms'"],
                       capture_output=True, text=True).stdout.strip()
if audit != "1": err(f"audit rows of user.forms: {audit}, expected 1")
route("c11_off", "C11", "P", ["p_appr"])
st, _, data = S["c11_off"].get("/api/submission?form=bieu-5&period=2023S1&unit=C11")
if json.loads(data).get("route", {}).get("unit") != "D1": err(f"C11's Biểu 5 no longer routed to D1: {data[:300]!r}")
act("c11_off", "C11", "submit", 200)
if ("bieu-6", "2023S1", "C11", 0) not in waiting("p_appr"):
    err(f"p_appr does not see C11's Biểu 6 once D1's approver decides only Biểu 5: {waiting('p_appr')}")
if waiting("d1_appr") != []: err(f"d1_appr still sees {waiting('d1_appr')}")
st, _, data = S["p_appr"].get("/api/notifications")
notes = [i for i in json.loads(data).get("items", []) if i.get("kind") == "waiting"]
if not any("Xã Một Một" in n.get("text", "") and "unit=C11" in n.get("url", "") and not n.get("read") for n in notes):
    err(f"p_appr has no unread 'waiting' notice for C11's Biểu 6: {notes!r}")
st, _, data = S["d1_appr"].get("/api/notifications")
if any(i.get("kind") == "waiting" for i in json.loads(data).get("items", [])):
    err("d1_appr has a waiting notice for a form it does not decide")
act("d1_appr", "C11", "approve", 403)
act("p_appr", "C11", "approve", 200)
st, _, data = S["p_appr"].get("/api/notifications")
if any(i.get("kind") == "waiting" and "unit=C11" in i.get("url", "") for i in json.loads(data).get("items", [])):
    err("the waiting notice stays after the decision")
forms("d1_appr", "")
route("c11_off", "C11", "D1", ["d1_appr"])

# ---- the same on the admin's /users page: CSRF, admins only, shown in the approver's row
st, _, _ = S["p_admin"].form("/users", {"action": "forms", "login": "d1_appr", "forms": "bieu-6"})
if st != 403: err(f"/users forms without the CSRF token: HTTP {st}, expected 403")
st, _, _ = S["c11_off"].form("/users", {"action": "forms", "login": "d1_appr", "forms": "bieu-6", "csrf": S["c11_off"].csrf})
if st != 403: err(f"/users forms by an officer: HTTP {st}, expected 403")
st, _, data = S["p_admin"].form("/users", {"action": "forms", "login": "d1_appr", "forms": "bieu-6", "csrf": S["p_admin"].csrf})
if st != 303: err(f"/users forms by the admin: HTTP {st}, expected 303: {data[:200]!r}")
st, _, data = S["c11_off"].get("/api/submission?form=bieu-5&period=2023S1&unit=C11")
if json.loads(data).get("route", {}).get("unit") != "P": err(f"C11's Biểu 5 not routed to P once D1 decides only Biểu 6: {data[:300]!r}")
route("c11_off", "C11", "D1", ["d1_appr"])
st, _, page = S["p_admin"].get("/users")
if b'name="forms" value="bieu-6"' not in page: err("the /users page does not show d1_appr's forms")
st, _, data = S["p_admin"].form("/users", {"action": "forms", "login": "d1_appr", "forms": "bieu-99", "csrf": S["p_admin"].csrf})
if st != 422 or "bieu-99" not in text_of(data): err(f"/users forms with an unknown form: HTTP {st}")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
