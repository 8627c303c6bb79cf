#!/usr/bin/env bash
# Accounts that can be defended (issue 13, F3 and F4), through the command line and HTTP:
#   - the password policy (10 characters or more, not a common password, not the login) on
#     `user add`, `user passwd`, the /users page and the /account page;
#   - `danvan user list|disable|enable|passwd`; disabling or a new password ends the user's
#     sessions at once; the same on /users (CSRF); "Đăng xuất mọi nơi" and a change of one's
#     own password on /account;
#   - login throttling per login and per address: 429 with Retry-After, the wait doubling;
#     successes not counted; the address behind a trusted proxy (server.trust_proxy, X-Real-IP,
#     an IPv6 /64 as one address), a forged X-Real-IP ignored without it; failed logins audited
#     (the login tried, no password, no address anywhere in the database);
#   - Secure cookies with server.secure_cookies; expired sessions deleted; CSRF tokens stored
#     hashed; a database with the former sessions table moved on open.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

# --- the policy on `user add` --------------------------------------------------------------
dump_db db before.sql
for pw in 12345678 password '        ' '          ' password123 PassWord123 1234567890 qwertyuiop canbo.hb CANBO.HB; do
  if printf '%s\n' "$pw" | "$DV" user add db --login canbo.hb --unit 303 --role officer >o 2>e; then
    fail "user add accepted the password '$pw'"
  elif ! grep -q '^danvan: .*mật khẩu' e; then
    fail "user add, password '$pw': the message does not name the password: $(cat e)"
  else ok; fi
done
dump_db db after.sql
check "refused passwords left the database unchanged" cmp -s before.sql after.sql
add_user canbo.hb 303 officer
add_user canbo.x 303 officer
add_user canbo.y 303 officer

# --- user list -------------------------------------------------------------------------------
if run_dv list.out e user list db; then ok; else fail "user list: $(cat e)"; fi
check "user list: login, unit, role, state (tab-separated)" grep -qxP 'canbo\.hb\t303\tofficer\tenabled' list.out
check "user list: the demo's admin" grep -qxP 'admin\t31\tadmin\tenabled' list.out
check "user list: every user" test "$(wc -l <list.out)" -eq "$(sqlite3 db 'SELECT count(*) FROM users')"

# --- a database with the former sessions table (the CSRF token in clear) ----------------------
cp db old.db
sqlite3 old.db "DROP TABLE sessions; CREATE TABLE sessions(token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL
  REFERENCES users(id), csrf TEXT NOT NULL, expires INTEGER NOT NULL);
  INSERT INTO sessions VALUES('$(printf 'a%.0s' {1..64})', 1, '$(printf 'c%.0s' {1..64})', strftime('%s','now') + 3600);"
if run_dv o e user list old.db; then ok; else fail "user list on a database with the former sessions table: $(cat e)"; fi
check "the former sessions table is moved: csrf_hash, no csrf" \
  bash -c '[ "$(sqlite3 old.db "SELECT group_concat(name) FROM pragma_table_info(\"sessions\")")" = token_hash,user_id,csrf_hash,expires ]'
check "the sessions with a CSRF token in clear are gone" test "$(sqlite3 old.db 'SELECT count(*) FROM sessions')" = 0

start_server db

# --- disable, enable, passwd through the command line -------------------------------------------
check "disable, enable, passwd (command line) and the sessions they end" python3 - "$BASE" "$DV" <<'PY'
import subprocess, sys
from dvtest import Client, err, bad, run_dv
c, dv = Client(sys.argv[1]), sys.argv[2]

def passwd(login, pw):
    return subprocess.run([dv, "user", "passwd", "db", "--login", login], input=pw + "\n", capture_output=True, text=True)

def session_alive(s):
    st, _, _ = s.get("/api/session")
    return st == 200

def login_status(login, pw):
    st, _, _ = c.req("POST", "/api/session", '{"login":"%s","password":"%s"}' % (login, pw))
    return st

s = c.login("canbo.hb")
p = run_dv(dv, "user", "disable", "db", "--login", "canbo.hb")
if p.returncode: err(f"user disable: {p.stderr}")
if session_alive(s): err("the session of a disabled user still works")
if login_status("canbo.hb", "pass-canbo.hb-123") != 401: err("a disabled user can log in")
lst = run_dv(dv, "user", "list", "db").stdout
if "canbo.hb\t303\tofficer\tdisabled\n" not in lst: err(f"user list does not show canbo.hb disabled: {lst}")
p = run_dv(dv, "user", "enable", "db", "--login", "canbo.hb")
if p.returncode: err(f"user enable: {p.stderr}")
s = c.login("canbo.hb")
s2 = c.login("canbo.hb")
for pw in ["short", "password123", "canbo.hb", "          "]:
    p = passwd("canbo.hb", pw)
    if p.returncode == 0: err(f"user passwd accepted '{pw}'")
    elif "mật khẩu" not in p.stderr: err(f"user passwd '{pw}': the message does not name the password: {p.stderr}")
if not session_alive(s): err("a refused passwd ended the session")
p = passwd("canbo.hb", "Mat-khau-moi-cua-HB")
if p.returncode: err(f"user passwd: {p.stderr}")
if "Mat-khau-moi" in p.stdout + p.stderr: err("user passwd echoed the password")
if session_alive(s) or session_alive(s2): err("a session survived the new password")
if login_status("canbo.hb", "pass-canbo.hb-123") != 401: err("the old password still logs in")
if login_status("canbo.hb", "Mat-khau-moi-cua-HB") != 200: err("the new password does not log in")
p = run_dv(dv, "user", "enable", "db", "--login", "khong-co-ai")
if p.returncode == 0 or "khong-co-ai" not in p.stderr: err(f"user enable of an unknown login: {p.returncode} {p.stderr}")
sys.exit(1 if bad else 0)
PY

# --- the audit of these changes ------------------------------------------------------------------
check "disable, enable, passwd are audited" bash -c '[ "$(sqlite3 db "SELECT group_concat(action) FROM (SELECT action FROM audit
  WHERE entity=\"user\" AND action IN (\"user.disable\",\"user.enable\",\"user.password\") ORDER BY id)")" = user.disable,user.enable,user.password ]'
check "no password hash in the audit" bash -c '! sqlite3 db "SELECT before || after FROM audit" | grep -q argon2'

# --- /users (admin) and /account -----------------------------------------------------------------
check "/users: disable, enable, set a password; /account: own password, log out everywhere" python3 - "$BASE" <<'PY'
import re, sys
from dvtest import Client, err, bad, text_of
c = Client(sys.argv[1])
adm = c.login("admin", "admin-dv-123")

def alive(s):
    return s.get("/api/session")[0] == 200

u = c.login("canbo.x")
st, _, page = adm.get("/users")
if st != 200: err(f"/users: HTTP {st}")
if "Đang dùng" not in text_of(page): err("/users does not show the state of the accounts")
st, _, _ = adm.form("/users", {"action": "disable", "login": "canbo.x"})
if st != 403: err(f"/users disable without CSRF: HTTP {st}, expected 403")
if not alive(u): err("a refused disable ended the session")
st, h, _ = adm.form("/users", {"action": "disable", "login": "canbo.x", "csrf": adm.csrf})
if st != 303: err(f"/users disable: HTTP {st}, expected 303")
if alive(u): err("/users disable: the user's session still works")
st, _, page = adm.get("/users")
if not re.search(r"canbo\.x.*?Đã khóa", text_of(page)): err("/users does not show canbo.x disabled")
st, _, page = adm.form("/users", {"action": "disable", "login": "admin", "csrf": adm.csrf})
if st != 422: err(f"/users: an admin disabling themself: HTTP {st}, expected 422")
st, _, _ = adm.form("/users", {"action": "enable", "login": "canbo.x", "csrf": adm.csrf})
if st != 303: err(f"/users enable: HTTP {st}")
u = c.login("canbo.x")
for pw in ["12345678", "password123", "canbo.x", "          "]:
    st, _, page = adm.form("/users", {"action": "passwd", "login": "canbo.x", "password": pw, "csrf": adm.csrf})
    if st != 422: err(f"/users passwd '{pw}': HTTP {st}, expected 422")
    elif "mật khẩu" not in text_of(page).lower(): err(f"/users passwd '{pw}': no message about the password")
if not alive(u): err("a refused password ended the session")
st, _, _ = adm.form("/users", {"action": "passwd", "login": "canbo.x", "password": "Mat-khau-X-tu-quan-tri", "csrf": adm.csrf})
if st != 303: err(f"/users passwd: HTTP {st}, expected 303")
if alive(u): err("/users passwd: the user's session still works")
u = c.login("canbo.x", "Mat-khau-X-tu-quan-tri")
for pw in ["12345678", "password"]:
    st, _, page = adm.form("/users", {"login": "moi.ne", "password": pw, "unit": "303", "role": "officer", "csrf": adm.csrf})
    if st != 422: err(f"/users add with '{pw}': HTTP {st}, expected 422")

# /account: one's own password
other = c.login("canbo.x", "Mat-khau-X-tu-quan-tri")
st, _, page = u.get("/account")
if st != 200 or "Đăng xuất mọi nơi" not in text_of(page): err(f"/account: HTTP {st}, or no 'Đăng xuất mọi nơi'")
st, _, page = u.form("/account", {"action": "password", "old": "sai-mat-khau-cu", "new": "Mat-khau-X-cua-toi", "confirm": "Mat-khau-X-cua-toi", "csrf": u.csrf})
if st != 422: err(f"/account with a wrong current password: HTTP {st}, expected 422")
st, _, page = u.form("/account", {"action": "password", "old": "Mat-khau-X-tu-quan-tri", "new": "password123", "confirm": "password123", "csrf": u.csrf})
if st != 422: err(f"/account with a common new password: HTTP {st}, expected 422")
st, _, page = u.form("/account", {"action": "password", "old": "Mat-khau-X-tu-quan-tri", "new": "Mat-khau-X-cua-toi", "confirm": "Mat-khau-X-cua-toj", "csrf": u.csrf})
if st != 422: err(f"/account with a confirmation that differs: HTTP {st}, expected 422")
st, _, _ = u.form("/account", {"action": "password", "old": "Mat-khau-X-tu-quan-tri", "new": "Mat-khau-X-cua-toi", "confirm": "Mat-khau-X-cua-toi"})
if st != 403: err(f"/account without CSRF: HTTP {st}, expected 403")
if not alive(other): err("refused changes ended the other session")
st, _, _ = u.form("/account", {"action": "password", "old": "Mat-khau-X-tu-quan-tri", "new": "Mat-khau-X-cua-toi", "confirm": "Mat-khau-X-cua-toi", "csrf": u.csrf})
if st != 303: err(f"/account password: HTTP {st}, expected 303")
if not alive(u): err("/account password: the session that changed it ended")
if alive(other): err("/account password: another session of the user still works")
# log out everywhere
s2 = c.login("canbo.x", "Mat-khau-X-cua-toi")
st, _, _ = u.form("/account", {"action": "logout_all"})
if st != 403: err(f"log out everywhere without CSRF: HTTP {st}, expected 403")
st, h, _ = u.form("/account", {"action": "logout_all", "csrf": u.csrf})
if st != 303 or not h.get("location", "").startswith("/login"): err(f"log out everywhere: HTTP {st} {h.get('location')}")
if alive(u) or alive(s2): err("log out everywhere: a session still works")
if not alive(adm): err("log out everywhere ended another user's session")
sys.exit(1 if bad else 0)
PY

# --- sessions: CSRF tokens hashed, expired ones deleted, Secure cookies -----------------------------
uid=$(sqlite3 db "SELECT id FROM users WHERE login='canbo.y'")
sqlite3 db "INSERT INTO sessions(token_hash,user_id,csrf_hash,expires) VALUES('$(printf 'e%.0s' {1..64})', $uid, 'x', 1000)" 2>/dev/null ||
  fail "could not insert an expired session (is the column csrf_hash there?)"
check "sessions: the CSRF token is not stored, expired sessions are deleted, Secure cookies" python3 - "$BASE" "$DV" <<'PY'
import sqlite3, sys
from dvtest import Client, err, bad, run_dv
c, dv = Client(sys.argv[1]), sys.argv[2]
s = c.login("canbo.y")
db = sqlite3.connect("db")
dump = "\n".join(db.iterdump())
if s.csrf in dump: err("the CSRF token is stored in clear")
if s.cookie.split("=", 1)[1] in dump: err("the session token is stored in clear")
if db.execute("SELECT count(*) FROM sessions WHERE expires < strftime('%s','now')").fetchone()[0]:
    err("an expired session is still stored after a login")
st, h, _ = c.req("POST", "/api/session", '{"login":"canbo.y","password":"pass-canbo.y-123"}')
if "secure" in h.get("set-cookie", "").lower(): err(f"Secure without server.secure_cookies: {h.get('set-cookie')}")
p = run_dv(dv, "config", "db", "server.secure_cookies", "1")
if p.returncode: err(f"config server.secure_cookies 1: {p.stderr}")
st, h, _ = c.req("POST", "/api/session", '{"login":"canbo.y","password":"pass-canbo.y-123"}')
ck = h.get("set-cookie", "")
if st != 200 or "; Secure" not in ck: err(f"server.secure_cookies 1: the session cookie is not Secure: {st} {ck}")
st, h, _ = c.req("GET", "/login")
if "; Secure" not in h.get("set-cookie", ""): err(f"server.secure_cookies 1: the login form's cookie is not Secure: {h.get('set-cookie')}")
run_dv(dv, "config", "db", "server.secure_cookies", "0")
p = run_dv(dv, "config", "db", "server.secure_cookies", "yes")
if p.returncode == 0: err("config server.secure_cookies yes was accepted")
sys.exit(1 if bad else 0)
PY

# --- throttling ---------------------------------------------------------------------------------
check "throttling: per login, per address, 429 with Retry-After, failures audited" python3 - "$BASE" "$DV" <<'PY'
import json, sqlite3, sys, time, urllib.parse
from dvtest import Client, err, bad, run_dv
c, dv = Client(sys.argv[1]), sys.argv[2]

def api_login(login, pw, ip=None):
    h = {"X-Real-IP": ip} if ip else {}
    st, hdr, _ = c.req("POST", "/api/session", json.dumps({"login": login, "password": pw}), h)
    return st, hdr.get("retry-after")

# successes are not counted: many in a row from one address
for i in range(40):
    st, _ = api_login("canbo.y", "pass-canbo.y-123")
    if st != 200:
        err(f"successful login {i + 1} from one address: HTTP {st}")
        break

# per login: 5 failures, then 429 with Retry-After, doubling
for i in range(5):
    st, ra = api_login("canbo.y", f"sai-{i}-mat-khau")
    if st != 401: err(f"failure {i + 1} of canbo.y: HTTP {st}, expected 401")
st, ra = api_login("canbo.y", "pass-canbo.y-123")
if st != 429 or not ra or not ra.isdigit() or int(ra) < 1:
    err(f"after 5 failures: HTTP {st}, Retry-After {ra!r}; expected 429 with a number of seconds")
first = int(ra) if ra and ra.isdigit() else 1
time.sleep(first)
st, ra = api_login("canbo.y", "sai-lan-sau-mat-khau")
if st != 401: err(f"after the wait: HTTP {st}, expected 401 (the attempt is made)")
st, ra = api_login("canbo.y", "sai-lan-nua-mat-khau")
if st != 429 or not ra or int(ra) <= first: err(f"the next wait does not grow: HTTP {st} Retry-After {ra!r} after {first}")
st, _ = api_login("canbo.x", "Mat-khau-X-cua-toi")
if st != 200: err(f"another login from the same address is throttled: HTTP {st}")
# the login form too
st, h, page = c.req("GET", "/login")
tok = h.get("set-cookie", "").split(";")[0]
lcsrf = tok.split("=", 1)[1]
st, h, page = c.req("POST", "/login", urllib.parse.urlencode({"login": "canbo.y", "password": "pass-canbo.y-123", "lcsrf": lcsrf}),
                    cookie=tok, ctype="application/x-www-form-urlencoded")
if st != 429 or not h.get("retry-after"): err(f"POST /login while throttled: HTTP {st}, Retry-After {h.get('retry-after')!r}")
elif "thử lại sau" not in page.decode(): err("POST /login while throttled: the page does not say when to try again")
# wait it out: the right password logs in and clears the login's failures
time.sleep(int(ra) if ra and ra.isdigit() else 2)
st, _ = api_login("canbo.y", "pass-canbo.y-123")
if st != 200: err(f"after the wait, the right password: HTTP {st}")
st, _ = api_login("canbo.y", "sai-mot-lan-nua")
if st != 401: err(f"a success did not clear the login's failures: HTTP {st}")

# per address, behind a trusted proxy (X-Real-IP from 127.0.0.1)
p = run_dv(dv, "config", "db", "server.trust_proxy", "1")
if p.returncode: err(f"config server.trust_proxy 1: {p.stderr}")
for i in range(30):  # 30 failures, each on another login (none throttled by its login)
    st, _ = api_login(f"khach{i}", "khong-dung-dau", "2001:db8::%x" % (i + 1))
    if st != 401: err(f"address failure {i + 1}: HTTP {st}, expected 401"); break
st, ra = api_login("canbo.x", "Mat-khau-X-cua-toi", "2001:db8::ffff")
if st != 429 or not ra: err(f"after 30 failures from 2001:db8::/64: HTTP {st}, Retry-After {ra!r}; expected 429")
st, _ = api_login("canbo.x", "Mat-khau-X-cua-toi", "2001:db8:1::1")
if st != 200: err(f"another /64 is throttled with it: HTTP {st}")
st, _ = api_login("canbo.x", "Mat-khau-X-cua-toi", "10.0.0.7")
if st != 200: err(f"another address is throttled with it: HTTP {st}")

# without a trusted proxy, X-Real-IP is ignored: the connection's address counts
run_dv(dv, "config", "db", "server.trust_proxy", "0")
for i in range(30):
    st, _ = api_login(f"la{i}", "khong-dung-dau", f"192.0.2.{i + 1}")
    if st == 429: break
st, ra = api_login("canbo.x", "Mat-khau-X-cua-toi", "198.51.100.1")
if st != 429: err(f"a forged X-Real-IP escaped the address's throttle: HTTP {st}")

# the audit: failed logins with the login tried; no password, no address
db = sqlite3.connect("db")
fails = [r[0] for r in db.execute("SELECT login FROM audit WHERE action='session.fail' ORDER BY id")]
if fails.count("canbo.y") < 7: err(f"failed logins of canbo.y audited: {fails.count('canbo.y')}, expected at least 7")
if "khach0" not in fails: err("the failed login of an unknown login is not audited")
dump = "\n".join(db.iterdump())
for secret in ["sai-0-mat-khau", "khong-dung-dau", "127.0.0.1", "2001:db8", "10.0.0.7", "192.0.2."]:
    if secret in dump: err(f"the database holds '{secret}'")
sys.exit(1 if bad else 0)
PY

check_server_end
finish
