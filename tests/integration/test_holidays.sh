#!/usr/bin/env bash
# Public holidays edited by an admin on the web (/holidays): added and removed, audited with
# the login; a viewer is refused; a bad date is refused with nothing changed.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

start_server db

count_day() { sqlite3 db "select count(*) from holidays where day = cast(julianday('$1') - 2440587.5 as integer)"; }
if [ "$(count_day 2023-07-03)" = 0 ]; then ok; else fail "2023-07-03 is a holiday before the test"; fi

python3 - "$BASE" >py.out 2>&1 <<'PY'
import http.client, json, sys, urllib.parse
base = sys.argv[1].replace("http://", "")
def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(base, timeout=10)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    return r.status, r.getheader("Set-Cookie") or "", r.read().decode("utf-8", "replace")
def login(user, pw):
    st, ck, body = req("POST", "/api/session", json.dumps({"login": user, "password": pw}), {"Content-Type": "application/json"})
    return ck.split(";")[0], json.loads(body)["csrf"]
def post(cookie, csrf, **f):
    f["csrf"] = csrf
    st, _, body = req("POST", "/holidays", urllib.parse.urlencode(f), {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    return st, body
bad = 0
admin, acsrf = login("admin", "admin-dv-123")
st, _ = post(admin, acsrf, action="set", date="03/07/2023", name="Nghỉ bù thử nghiệm")
print("set", st); bad += st != 303
st, _, page = req("GET", "/holidays?year=2023", headers={"Cookie": admin})
print("list", st, "Nghỉ bù thử nghiệm" in page); bad += st != 200 or "Nghỉ bù thử nghiệm" not in page
st, body = post(admin, acsrf, action="set", date="31/02/2023", name="x")
print("bad date", st); bad += st != 422
viewer, vcsrf = login("xem", "xem-dv-123")
st, _ = post(viewer, vcsrf, action="remove", date="2023-07-03")
print("viewer", st); bad += st != 403
st, _ = post(admin, "0" * 64, action="remove", date="2023-07-03")
print("forged csrf", st); bad += st != 403
sys.exit(1 if bad else 0)
PY
if [ $? = 0 ]; then ok; else fail "holidays over HTTP: $(cat py.out)"; fi
if [ "$(count_day 2023-07-03)" = 1 ]; then ok; else fail "2023-07-03 not stored as a holiday"; fi
n=$(sqlite3 db "select count(*) from audit where action='holiday.set' and login='admin'")
if [ "$n" = 1 ]; then ok; else fail "holiday.set audited $n times by admin, expected 1"; fi
python3 - "$BASE" >py2.out 2>&1 <<'PY'
import http.client, json, sys, urllib.parse
base = sys.argv[1].replace("http://", "")
c = http.client.HTTPConnection(base, timeout=10)
c.request("POST", "/api/session", json.dumps({"login": "admin", "password": "admin-dv-123"}), {"Content-Type": "application/json"})
r = c.getresponse(); ck = r.getheader("Set-Cookie").split(";")[0]; csrf = json.loads(r.read())["csrf"]
c.request("POST", "/holidays", urllib.parse.urlencode({"csrf": csrf, "action": "remove", "date": "03/07/2023"}),
          {"Cookie": ck, "Content-Type": "application/x-www-form-urlencoded"})
r = c.getresponse(); r.read(); sys.exit(0 if r.status == 303 else 1)
PY
if [ $? = 0 ]; then ok; else fail "remove over HTTP: $(cat py2.out)"; fi
if [ "$(count_day 2023-07-03)" = 0 ]; then ok; else fail "2023-07-03 still a holiday after removing it"; fi
finish
