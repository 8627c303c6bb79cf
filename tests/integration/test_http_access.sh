#!/usr/bin/env bash
# HTTP access control through the real server: 401 without a session or with a forged
# cookie, login sets dv_session, a commune user reads its own commune and gets 403 for
# another commune, its district and the city; /api/report answers exactly the CLI's JSON.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

start_server db

# a commune officer, created with the CLI while the server runs
if printf 'xa11338pass\n' | "$DV" user add db --login xa11338 --unit 11338 --role officer >ua.out 2>ua.err; then ok; else
  fail "user add while the server runs: $(cat ua.err)"
fi

# the CLI's JSON for every query the API is asked
q=0
for args in "bieu-5 2023S1 31" "bieu-1 2023S1 31" "bieu-3 2023S1 31" "bieu-4 2023S1 31" "bieu-6 2023S1 304" \
  "bieu-7 2023 31" "bieu-5 2023S1 11338" "bieu-2 2023S1 11338" "bieu-5 2023S1 304 3"; do
  set -- $args
  q=$((q + 1))
  lv=()
  [ $# -ge 4 ] && lv=(--level "$4")
  if ! "$DV" report db --form "$1" --period "$2" --unit "$3" "${lv[@]}" --format json >"cli$q.json" 2>cli.err; then
    fail "CLI report $args: $(cat cli.err)"
  fi
  echo "$1 $2 $3 ${4:-}" >>queries.txt
done

check "HTTP access control and report JSON" python3 - "$BASE" "$W" <<'PY'
import http.client, json, os, sys, urllib.parse
base, w = sys.argv[1], sys.argv[2]
host = urllib.parse.urlparse(base)
bad = []
def err(m): bad.append(m)

def req(method, path, body=None, cookie=None):
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    h = {}
    if body is not None:
        body = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if cookie: h["Cookie"] = cookie
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    out = (r.status, r.getheaders(), data)
    c.close()
    return out

def report_path(form, period, unit, level=None):
    q = {"form": form, "period": period, "unit": unit}
    if level: q["level"] = level
    return "/api/report?" + urllib.parse.urlencode(q)

def expect(status, want, what, data=b""):
    if status != want:
        err(f"{what}: HTTP {status}, expected {want} {data[:200]!r}")
        return False
    return True

def login(user, pw):
    st, hdrs, data = req("POST", "/api/session", {"login": user, "password": pw})
    cookies = [v for k, v in hdrs if k.lower() == "set-cookie" and v.startswith("dv_session=")]
    return st, cookies, data

# no session
st, _, data = req("GET", report_path("bieu-5", "2023S1", "31"))
expect(st, 401, "GET /api/report without a cookie", data)
st, _, data = req("GET", report_path("bieu-5", "2023S1", "11338"))
expect(st, 401, "GET /api/report (a commune) without a cookie", data)

# bad credentials
st, cookies, data = login("admin", "wrong-password")
expect(st, 401, "login with a wrong password", data)
if cookies: err(f"a wrong password set a session cookie: {cookies}")
st, cookies, data = login("nobody", "admin-dv-123")
expect(st, 401, "login of an unknown user", data)

def csrf_of(data):
    try: return json.loads(data).get("csrf")
    except Exception: return None

# admin
st, cookies, data = login("admin", "admin-dv-123")
admin, admin_csrf = None, csrf_of(data)
if expect(st, 200, "login admin/admin-dv-123", data):
    if not cookies:
        err("login admin: no dv_session cookie")
    else:
        attrs = [a.strip().lower() for a in cookies[0].split(";")]
        admin = cookies[0].split(";")[0]
        if "httponly" not in attrs: err(f"dv_session is not HttpOnly: {cookies[0]}")
        if "samesite=strict" not in attrs: err(f"dv_session is not SameSite=Strict: {cookies[0]}")
        if len(admin.split("=", 1)[1]) < 16: err(f"dv_session token is short: {admin}")

# the API's JSON equals the CLI's
if admin:
    with open(os.path.join(w, "queries.txt")) as fh:
        queries = [l.split() for l in fh if l.strip()]
    for i, qy in enumerate(queries, 1):
        st, hdrs, data = req("GET", report_path(*qy), cookie=admin)
        if not expect(st, 200, f"admin GET /api/report {qy}", data): continue
        ctype = dict((k.lower(), v) for k, v in hdrs).get("content-type", "")
        if "application/json" not in ctype: err(f"/api/report {qy}: Content-Type {ctype!r}")
        try:
            api = json.loads(data)
        except Exception as e:
            err(f"/api/report {qy}: not JSON: {e}"); continue
        cli = json.load(open(os.path.join(w, f"cli{i}.json"), encoding="utf-8"))
        if api != cli:
            keys = sorted(set(api) | set(cli))
            diff = [k for k in keys if api.get(k) != cli.get(k)]
            err(f"/api/report {qy}: JSON differs from the CLI's in {diff}")
    for path, want, what in (
        (report_path("bieu-5", "2023S1", "99999"), 404, "unknown unit"),
        (report_path("bieu-9", "2023S1", "31"), 400, "unknown form"),
        (report_path("bieu-5", "2023S3", "31"), 400, "bad period"),
    ):
        st, _, data = req("GET", path, cookie=admin)
        expect(st, want, f"admin GET /api/report, {what}", data)

def form_post(path, fields, cookie):
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    c.request("POST", path, body=urllib.parse.urlencode(fields).encode(),
              headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data

def api_total(cookie, unit="31"):
    st, _, data = req("GET", report_path("bieu-5", "2023S1", unit), cookie=cookie)
    return json.loads(data)["rows"][-1]["values"][-1] if st == 200 else f"HTTP {st}"

# a form POST needs the session's CSRF token; with it the report changes at once
DLG = {"date": "15/03/2023", "unit": "31", "type": "dinh_ky", "chair": "cap_uy",
       "title": "Đối thoại qua web", "participants": "12", "issues": "", "conclusions": ""}
if admin:
    st, data = form_post("/r/dialogues", DLG, admin)
    expect(st, 403, "POST /r/dialogues without a CSRF token", data)
    st, data = form_post("/r/dialogues", dict(DLG, csrf="0" * 64), admin)
    expect(st, 403, "POST /r/dialogues with a wrong CSRF token", data)
    if api_total(admin) != 196: err(f"rejected POSTs changed the Biểu 5 total: {api_total(admin)}")
    if not admin_csrf:
        err("POST /api/session: no csrf in the body")
    else:
        st, data = form_post("/r/dialogues", dict(DLG, csrf=admin_csrf), admin)
        if st not in (200, 201, 302, 303): err(f"POST /r/dialogues with the CSRF token: HTTP {st} {data[:200]!r}")
        if api_total(admin) != 197: err(f"after a dialogue entered on the web the total is {api_total(admin)}, expected 197")

# forged and tampered cookies
for forged in ("dv_session=" + "A" * 43, "dv_session=", "dv_session=../../etc/passwd",
               (admin[:-1] + ("A" if admin[-1] != "A" else "B")) if admin else "dv_session=x"):
    st, _, data = req("GET", report_path("bieu-5", "2023S1", "31"), cookie=forged)
    expect(st, 401, f"GET /api/report with a forged cookie {forged[:30]!r}", data)

# a commune officer
st, cookies, data = login("xa11338", "xa11338pass")
commune = cookies[0].split(";")[0] if cookies else None
commune_csrf = csrf_of(data)
if expect(st, 200, "login xa11338", data) and commune:
    st, _, data = req("GET", report_path("bieu-5", "2023S1", "11338"), cookie=commune)
    if expect(st, 200, "commune user, own commune 11338", data):
        q = [l.split() for l in open(os.path.join(w, "queries.txt"))].index(["bieu-5", "2023S1", "11338"]) + 1
        if json.loads(data) != json.load(open(os.path.join(w, f"cli{q}.json"), encoding="utf-8")):
            err("commune user, own commune: JSON differs from the CLI's")
    for unit, what in (("11335", "another commune of the same district"), ("11320", "a commune of another district"),
                       ("304", "its own district"), ("31", "the city")):
        st, _, data = req("GET", report_path("bieu-5", "2023S1", unit), cookie=commune)
        expect(st, 403, f"commune user, {what} ({unit})", data)
        if st == 200: err(f"commune user read unit {unit}: {data[:200]!r}")
    st, _, data = req("GET", report_path("bieu-5", "2023S1", "304", "3"), cookie=commune)
    expect(st, 403, "commune user, drill-down of its district", data)
    for path, what in (("/api/registers/dialogues?unit=11335&period=2023S1", "dialogues of another commune (API)"),
                       ("/report?form=bieu-5&period=2023S1&unit=11335", "report page of another commune"),
                       ("/entry?form=bieu-5&period=2023S1&unit=11335", "entry page of another commune"),
                       ("/r/dialogues?unit=11335", "dialogue page of another commune"),
                       ("/users", "the users page (admin only)"), ("/audit", "the audit page (admin only)")):
        st, _, data = req("GET", path, cookie=commune)
        expect(st, 403, f"commune user, {what}", data)
    st, _, data = req("GET", "/api/registers/dialogues?unit=11338&period=2023S1", cookie=commune)
    expect(st, 200, "commune user, own dialogues (API)", data)
    if commune_csrf:
        st, data = form_post("/r/dialogues", dict(DLG, unit="11335", csrf=commune_csrf), commune)
        expect(st, 403, "commune user, POST a dialogue for another commune", data)
        if admin and api_total(admin) != 197: err(f"a forbidden POST changed the total: {api_total(admin)}")
    # logout needs the X-CSRF-Token header, then ends the session
    st, _, data = req("DELETE", "/api/session", cookie=commune)
    expect(st, 403, "DELETE /api/session without X-CSRF-Token", data)
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    c.request("DELETE", "/api/session", headers={"Cookie": commune, "X-CSRF-Token": commune_csrf or ""})
    r = c.getresponse(); r.read(); c.close()
    if r.status not in (200, 204): err(f"DELETE /api/session with X-CSRF-Token: HTTP {r.status}")
    st, _, data = req("GET", report_path("bieu-5", "2023S1", "11338"), cookie=commune)
    expect(st, 401, "the commune user's cookie after logout", data)
elif st == 200:
    err("login xa11338: no dv_session cookie")

for m in bad: print("  " + m)
sys.exit(1 if bad else 0)
PY

# the CLI reads the dialogue entered on the web (same database file, WAL)
tot=$("$DV" report db --form bieu-5 --period 2023S1 --unit 31 --format json 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][-1]["values"][-1])')
[ "$tot" = 197 ] && ok || fail "CLI Biểu 5 total after the web entry is '$tot', expected 197"

# the server is still alive after all of that, and stops cleanly on SIGTERM
check "the server is still running" kill -0 "$SPID"
kill -TERM "$SPID"
for _ in $(seq 1 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SPID" 2>/dev/null; then
  fail "the server did not stop within 10 s of SIGTERM"
  kill -KILL "$SPID" 2>/dev/null
  wait "$SPID" 2>/dev/null
else
  wait "$SPID"
  st=$?
  [ "$st" = 0 ] && ok || fail "the server exited with status $st after SIGTERM"
fi
SPID=
check_serve_log
finish
