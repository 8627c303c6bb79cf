#!/usr/bin/env bash
# Notifications (issue 12, item 5) through the server and the command line. A province P,
# districts D1 (communes C11, C12) and D2 (commune C21). Checked:
#   - GET /api/notifications has the contract's shape {"unread","items":[{"id","kind","text",
#     "url","at","read"}]}; unread counts the items not read;
#   - due soon / overdue follow the injected clock (clock.today): Biểu 5 2023S1 (due 15/06/2023)
#     is "due_soon" on 10/06, "overdue" on 20/06, and gone once submitted;
#   - returned / approved / reopened reach the submitting unit's users only (not the sibling
#     C12, not the district's own users), with the page to act on;
#   - POST /api/notifications/ID/read needs the CSRF header, marks one user's item read (another
#     user of the unit still has it unread), sticks across days for a computed item, and 404s
#     for an item that is not the user's;
#   - the deadlines of a conclusion and of letters the unit handles (near and overdue);
#   - the district's "Nhắc" (one POST /completeness/remind) reaches its late wards only,
#     one audit row each; a viewer, a ward and another district may not send it;
#   - `danvan user email`, `danvan digest --dry-run` (sends nothing) and `danvan digest` through
#     a local SMTP sink started here: To, the Vietnamese Subject RFC 2047-encoded, the body
#     listing the unread notifications with their links.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Thông Báo,Tỉnh,1,
D1,Huyện Nhắc Việc,Huyện,2,P
D2,Huyện Khác,Huyện,2,P
C11,Xã Được Nhắc,Xã,3,D1
C12,Xã Bên Cạnh,Xã,3,D1
C21,Xã Huyện Khác,Xã,3,D2
T111,Thôn Một,Thôn,4,C11
CSV
cat >dialogues.csv <<'CSV'
date,unit,type,chair,title,participants
2023-01-15,P,dinh_ky,cap_uy,Đối thoại của tỉnh với doanh nghiệp,120
CSV
cat >conclusions.csv <<'CSV'
dialogue_date,dialogue_unit,content,responsible_unit,due,status,done_date
2023-01-15,P,KL gần hạn: công khai phương án bồi thường,C11,2023-06-25,open,
2023-01-15,P,KL quá hạn: rà soát diện tích đất,C11,2023-06-01,in_progress,
2023-01-15,P,KL đã xong,C11,2023-06-25,done,2023-06-02
2023-01-15,P,KL của xã bên cạnh,C12,2023-06-25,open,
CSV
cat >letters.csv <<'CSV'
received,unit,kind,eligible,status,resolved,sender_name,sender_address,jurisdiction,senders,content,handler,complex,extended
2023-06-12,C11,kien_nghi,yes,received,,Nguyễn Văn A,Thôn 1,yes,1,Kiến nghị sửa đường,,,
2023-05-02,C11,phan_anh,yes,classified,,Trần Thị B,Thôn 2,yes,1,Phản ánh tiếng ồn,,,
2023-05-02,C11,phan_anh,yes,resolved,2023-05-10,Lê C,Thôn 3,yes,1,Đã giải quyết,,,
CSV

run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
run_dv o e import dialogues db dialogues.csv || { fail "import dialogues: $(cat e)"; finish; }
run_dv o e import conclusions db conclusions.csv || { fail "import conclusions: $(cat e)"; finish; }
run_dv o e import letters db letters.csv || { fail "import letters: $(cat e)"; finish; }
add_user c11_off C11 officer
add_user c11_view C11 viewer
add_user c12_off C12 officer
add_user c21_off C21 officer
add_user d1_off D1 officer
add_user d1_view D1 viewer
add_user d1_appr D1 approver
add_user d2_appr D2 approver
add_user p_admin P admin
add_user t_off T111 officer
# every form but Biểu 5 reported yearly only, so that C11 owes exactly Biểu 5 in June
for f in 1 2 3 4 6 7; do run_dv o e config db "cycle.bieu-$f" Y || fail "config cycle.bieu-$f: $(cat e)"; done
check "cycle.bieu-5" run_dv o e config db cycle.bieu-5 S
check "notify.days" run_dv o e config db notify.days 7
check "clock.today" run_dv o e config db clock.today 2023-06-10

# e-mail addresses: on add, and set later
if printf 'pass-c11_mail-123\n' | "$DV" user add db --login c11_mail --unit C11 --role officer --email "thu.c11@example.vn" >o 2>e; then ok; else
  fail "user add --email: $(cat e)"
fi
check "user email" run_dv o e user email db --login c11_off --email "can.bo@example.vn"
if run_dv o e user email db --login c11_view --email "not an address"; then fail "a bad address was accepted"; else ok; fi
[ "$(sqlite3 db "SELECT email FROM users WHERE login='c11_off'")" = "can.bo@example.vn" ] && ok || fail "the address is not stored"

start_server db

check "notifications over HTTP" python3 - "$DV" "$W" "$PORT" <<'PY'
import datetime, json, os, re, sqlite3, subprocess, sys, urllib.parse
from dvtest import bad, err, run_dv, Client, text_of
dv, w, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
DB = os.path.join(w, "db")
cl = Client(port)
U = {l: cl.login(l) for l in ["c11_off", "c11_view", "c12_off", "c21_off", "d1_off", "d1_view", "d1_appr", "d2_appr"]}

def clock(day):
    p = run_dv(dv, "config", DB, "clock.today", day)
    if p.returncode: err(f"clock.today {day}: {p.stderr}")

def notes(login):
    st, h, body = U[login].get("/api/notifications")
    if st != 200:
        raise SystemExit(f"GET /api/notifications as {login}: HTTP {st} {body[:200]!r}")
    if not h.get("content-type", "").startswith("application/json"): err(f"{login}: content type {h.get('content-type')}")
    j = json.loads(body)
    if set(j) != {"unread", "items"}: err(f"{login}: keys {sorted(j)}")
    for it in j["items"]:
        if set(it) != {"id", "kind", "text", "url", "at", "read"}: err(f"{login}: item keys {sorted(it)}")
        if not isinstance(it["read"], bool) or not isinstance(it["id"], str): err(f"{login}: types {it}")
        if not it["url"].startswith("/"): err(f"{login}: url {it['url']}")
    unread = sum(1 for it in j["items"] if not it["read"])
    if j["unread"] != unread: err(f"{login}: unread {j['unread']} but {unread} items unread")
    return j

def of(j, kind, needle=""):
    return [it for it in j["items"] if it["kind"] == kind and needle in it["url"] + " " + it["text"]]

def one(login, kind, needle=""):
    got = of(notes(login), kind, needle)
    if len(got) != 1: err(f"{login}: expected one {kind} {needle!r}, got {len(got)}: {got}"); return None
    return got[0]

def none(login, kind, needle=""):
    got = of(notes(login), kind, needle)
    if got: err(f"{login}: expected no {kind} {needle!r}, got {got}")

def act(login, action, unit="C11", form="bieu-5", comment=None):
    body = {"form": form, "period": "2023S1", "unit": unit, "action": action}
    if comment: body["comment"] = comment
    if action == "submit": body["ack"] = True
    st, _, data = U[login].api("POST", "/api/submission", body)
    if st != 200: err(f"{action} {form} {unit} by {login}: HTTP {st} {data[:300]!r}")

# a village reports nothing and is named in no record: nothing at all
U["t_off"] = cl.login("t_off")
if notes("t_off") != {"unread": 0, "items": []}: err(f"a village: {notes('t_off')}")
BIEU5 = "form=bieu-5&period=2023S1&unit=C11"
# --- due soon, then overdue, by the clock
d = one("c11_off", "due_soon", "bieu-5")
if d:
    if BIEU5 not in d["url"] or not d["url"].startswith("/report"): err(f"due_soon url {d['url']}")
    if "Biểu 5" not in d["text"] or "15/06/2023" not in d["text"]: err(f"due_soon text {d['text']!r}")
    if d["read"]: err("a new notification is read")
none("c11_off", "overdue")
none("c11_off", "due_soon", "bieu-1")   # yearly: due 15/12/2023, not within 7 days
none("c12_off", "due_soon", "C11")      # the sibling sees its own, not C11's
if not of(notes("c12_off"), "due_soon", "unit=C12"): err("C12 owes Biểu 5 too but has no due_soon")
none("d1_off", "due_soon", "C11")
clock("2023-06-05")
none("c11_off", "due_soon", "bieu-5")   # 10 days before: not yet
clock("2023-06-20")
none("c11_off", "due_soon", "bieu-5")
o = one("c11_off", "overdue", "bieu-5")
if o and ("15/06/2023" not in o["text"] or BIEU5 not in o["url"]): err(f"overdue {o}")

# --- the register deadlines of C11 (clock 20/06/2023)
k = one("c11_off", "deadline_soon", "/r/conclusions/")
if k and "công khai phương án" not in k["text"]: err(f"conclusion near: {k['text']!r}")
k = one("c11_off", "deadline_overdue", "/r/conclusions/")
if k and "rà soát diện tích" not in k["text"]: err(f"conclusion overdue: {k['text']!r}")
l = one("c11_off", "deadline_soon", "/r/letters/")
if l and ("26/06/2023" not in l["text"] or "Nguyễn" in l["text"]): err(f"letter near (due 26/06, no sender): {l['text']!r}")
one("c11_off", "deadline_overdue", "/r/letters/")
none("c12_off", "deadline_overdue")
if len(of(notes("c12_off"), "deadline_soon")) != 1: err("C12: its own conclusion only")
none("d1_off", "deadline_soon")

# --- read sticks (a computed one, across days) and is per user
before = notes("c11_off")["unread"]
st, _, _ = U["c11_off"].client.req("POST", f"/api/notifications/{o['id']}/read", cookie=U["c11_off"].cookie)
if st != 403: err(f"read without the CSRF header: HTTP {st}")
st, _, data = U["c11_off"].api("POST", f"/api/notifications/{urllib.parse.quote(o['id'])}/read")
if st != 200: err(f"read: HTTP {st} {data[:200]!r}")
j = notes("c11_off")
if j["unread"] != before - 1: err(f"unread {before} → {j['unread']} after one read")
if not of(j, "overdue", "bieu-5")[0]["read"]: err("the item read is not marked read")
clock("2023-06-21")
j = notes("c11_off")
x = of(j, "overdue", "bieu-5")
if not x or not x[0]["read"] or x[0]["id"] != o["id"]: err(f"read does not stick the next day: {x}")
if not of(notes("c11_view"), "overdue", "bieu-5")[0]["read"] is False: err("another user's read state changed")
st, _, _ = U["c12_off"].api("POST", f"/api/notifications/{urllib.parse.quote(o['id'])}/read")
if st != 404: err(f"C12 marking C11's notification read: HTTP {st}")
st, _, _ = U["c11_off"].api("POST", "/api/notifications/no.such.thing/read")
if st != 404: err(f"an unknown id: HTTP {st}")

# --- returned, approved, reopened: the submitting unit's users only
act("c11_off", "submit")
none("c11_off", "overdue", "bieu-5")
act("d1_appr", "return", comment="Thiếu số liệu hội nghị")
r = one("c11_off", "returned", "bieu-5")
if r:
    if "Thiếu số liệu hội nghị" not in r["text"] or BIEU5 not in r["url"] or r["read"]: err(f"returned {r}")
    # the act's time is UTC; its day in Vietnam (UTC+7) is the clock's
    at = datetime.datetime.strptime(r["at"], "%Y-%m-%dT%H:%M:%SZ") if re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r["at"]) else None
    if not at or (at + datetime.timedelta(hours=7)).date() != datetime.date(2023, 6, 21): err(f"returned at {r['at']}")
one("c11_view", "returned", "bieu-5")
for who in ["c12_off", "d1_off", "d1_appr", "c21_off", "d2_appr"]: none(who, "returned")
if not of(notes("c11_off"), "overdue", "bieu-5"): err("a returned report is owed again: overdue expected")
act("c11_off", "submit")
act("d1_appr", "approve")
a = one("c11_off", "approved", "bieu-5")
if a and "phê duyệt" not in a["text"]: err(f"approved text {a['text']!r}")
for who in ["c12_off", "d1_off", "c21_off"]: none(who, "approved")
act("d1_appr", "reopen", comment="Sửa số người dự")
one("c11_off", "reopened", "bieu-5")
none("c12_off", "reopened")
# a stored one read by one user stays unread for the other
st, _, _ = U["c11_off"].api("POST", f"/api/notifications/{a['id']}/read")
if st != 200: err(f"read approved: HTTP {st}")
if not one("c11_off", "approved")["read"] or one("c11_view", "approved")["read"]: err("stored read state")
st, _, _ = U["c12_off"].api("POST", f"/api/notifications/{a['id']}/read")
if st != 404: err(f"C12 reading C11's stored notification: HTTP {st}")

# --- "Nhắc": the district reminds its late wards (Biểu 1 2023S1: C12 submits, C11 does not)
for f in ["bieu-1"]:
    p = run_dv(dv, "config", DB, f"cycle.{f}", "S")
    if p.returncode: err(p.stderr)
act("c12_off", "submit", unit="C12", form="bieu-1")
st, _, page = U["d1_off"].get("/completeness?form=bieu-1&period=2023S1&unit=D1")
t = text_of(page)
if st != 200 or "Nhắc" not in t: err(f"the completeness page offers no reminder: HTTP {st}")
m = re.search(rb'<form[^>]*action="/completeness/remind"(.*?)</form>', page, re.S)
if not m: err("no reminder form on the completeness page")
elif b'name="csrf"' not in m.group(1): err("the reminder form has no csrf field")
st, _, page = U["c11_off"].get("/completeness?form=bieu-1&period=2023S1&unit=C11")
if re.search(rb'action="/completeness/remind"', page): err("a ward without children is offered the reminder")
audits = lambda: sqlite3.connect(DB).execute("SELECT count(*) FROM audit WHERE action='notify.remind'").fetchone()[0]
fields = {"form": "bieu-1", "period": "2023S1", "unit": "D1"}
for who in ["d1_view", "c11_off", "d2_appr"]:
    st, _, _ = U[who].form("/completeness/remind", dict(fields, csrf=U[who].csrf))
    if st != 403: err(f"reminder by {who}: HTTP {st}")
st, _, _ = U["d1_off"].form("/completeness/remind", fields)
if st != 403: err(f"reminder without csrf: HTTP {st}")
if audits() != 0: err("refused reminders were audited")
st, h, page = U["d1_off"].form("/completeness/remind", dict(fields, csrf=U["d1_off"].csrf))
if st not in (200, 303): err(f"reminder: HTTP {st} {page[:300]!r}")
if st == 303 and "/completeness" not in h.get("location", ""): err(f"reminder redirects to {h.get('location')}")
rm = one("c11_off", "reminder", "bieu-1")
if rm and ("Huyện Nhắc Việc" not in rm["text"] or "form=bieu-1&period=2023S1&unit=C11" not in rm["url"]): err(f"reminder {rm}")
one("c11_view", "reminder")
for who in ["c12_off", "c21_off", "d1_off"]: none(who, "reminder")
rows = sqlite3.connect(DB).execute("SELECT login, entity, after FROM audit WHERE action='notify.remind'").fetchall()
if len(rows) != 1 or rows[0][0] != "d1_off" or "C11" not in (rows[0][2] or ""): err(f"reminder audit rows {rows}")

# --- overdue notices last notify.overdue_days after the deadline (then the registers show them)
def setting(k, v):
    p = run_dv(dv, "config", DB, k, v)
    if p.returncode: err(f"config {k}: {p.stderr}")
setting("notify.overdue_days", "10")
none("c11_off", "deadline_overdue")      # the letter due 17/05 and the conclusion due 01/06
if not of(notes("c11_off"), "overdue", "bieu-5"): err("Biểu 5, 6 days overdue, is within 10 days")
setting("notify.overdue_days", "90")
one("c11_off", "deadline_overdue", "/r/letters/")
sys.exit(1 if bad else 0)
PY

# --- the e-mail digest through a local SMTP sink
cat >sink.py <<'PY'
# A minimal SMTP server: each message's envelope and data into OUT/N.eml; the port into OUT/port;
# each AUTH PLAIN's "authzid|user|password" into OUT/auth.
import asyncio, base64, os, sys
out = sys.argv[1]
n = 0
async def session(r, wr):
    global n
    wr.write(b"220 sink ESMTP\r\n")
    rcpt, data = [], None
    while True:
        line = await r.readline()
        if not line: break
        cmd = line.decode("utf-8", "replace").strip()
        up = cmd.upper()
        if up.startswith("EHLO"): wr.write(b"250-sink\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 10000000\r\n")
        elif up.startswith("AUTH PLAIN"):
            b64 = cmd[10:].strip()
            if not b64:
                wr.write(b"334 \r\n"); await wr.drain()
                b64 = (await r.readline()).decode().strip()
            with open(os.path.join(out, "auth"), "a") as f: f.write(base64.b64decode(b64).decode("utf-8", "replace").replace("\0", "|") + "\n")
            wr.write(b"235 OK\r\n")
        elif up.startswith("HELO"): wr.write(b"250 sink\r\n")
        elif up.startswith("MAIL FROM"): rcpt = []; wr.write(b"250 OK\r\n")
        elif up.startswith("RCPT TO"): rcpt.append(cmd[8:].strip()); wr.write(b"250 OK\r\n")
        elif up == "DATA":
            wr.write(b"354 go\r\n"); await wr.drain()
            lines = []
            while True:
                l = await r.readline()
                if not l or l in (b".\r\n", b".\n"): break
                lines.append(l[1:] if l.startswith(b"..") else l)
            n += 1
            with open(os.path.join(out, f"{n}.eml"), "wb") as f:
                f.write(b"X-Rcpt: " + ",".join(rcpt).encode() + b"\r\n" + b"".join(lines))
            wr.write(b"250 queued\r\n")
        elif up == "QUIT": wr.write(b"221 bye\r\n"); await wr.drain(); break
        elif up in ("RSET", "NOOP"): wr.write(b"250 OK\r\n")
        else: wr.write(b"502 no\r\n")
        await wr.drain()
    wr.close()
async def main():
    srv = await asyncio.start_server(session, "127.0.0.1", 0)
    with open(os.path.join(out, "port.tmp"), "w") as f: f.write(str(srv.sockets[0].getsockname()[1]))
    os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))
    await srv.serve_forever()
asyncio.run(main())
PY
mkdir -p mail
python3 sink.py mail &
SINK=$!
trap 'kill $SINK 2>/dev/null; stop_server' EXIT
for _ in $(seq 1 50); do [ -s mail/port ] && break; sleep 0.1; done
SMTP_PORT=$(cat mail/port 2>/dev/null)
[ -n "$SMTP_PORT" ] && ok || { fail "the SMTP sink did not start"; finish; }
check "smtp.url" run_dv o e config db smtp.url "smtp://127.0.0.1:$SMTP_PORT"
check "smtp.from" run_dv o e config db smtp.from "danvan@example.vn"
check "site.url" run_dv o e config db site.url "http://danvan.example.vn"
if run_dv o e config db smtp.url "ftp://x"; then fail "smtp.url ftp:// accepted"; else ok; fi

if run_dv dry.out dry.err digest db --dry-run; then ok; else fail "digest --dry-run: $(cat dry.err)"; fi
grep -q "To: can.bo@example.vn" dry.out && ok || fail "the dry run does not show the message to c11_off: $(head -c 400 dry.out)"
[ -z "$(ls mail/*.eml 2>/dev/null)" ] && ok || fail "the dry run sent mail"
if run_dv o e digest db; then ok; else fail "digest: $(cat e)"; fi
grep -q "2 " o && ok || fail "digest: does not say it sent 2 messages: $(cat o)"

check "the digest received by the sink" python3 - "$W" <<'PY'
import email, email.header, email.policy, glob, os, sys
from dvtest import bad, err
w = sys.argv[1]
msgs = {}
for p in sorted(glob.glob(os.path.join(w, "mail", "*.eml"))):
    raw = open(p, "rb").read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    msgs[m["X-Rcpt"]] = (m, raw)
# c11_off and c11_mail have addresses and unread notifications; nobody else has an address
if sorted(msgs) != ["<can.bo@example.vn>", "<thu.c11@example.vn>"]: err(f"recipients {sorted(msgs)}")
m, raw = msgs.get("<can.bo@example.vn>", (None, b""))
if m:
    if m["To"] != "can.bo@example.vn": err(f"To {m['To']}")
    if "danvan@example.vn" not in m["From"]: err(f"From {m['From']}")
    subj_raw = next((l for l in raw.split(b"\r\n") if l.startswith(b"Subject:")), b"")
    if b"=?UTF-8?" not in subj_raw.upper(): err(f"the Subject is not RFC 2047-encoded: {subj_raw!r}")
    subj = str(email.header.make_header(email.header.decode_header(subj_raw[8:].decode().strip())))
    if "Thông báo" not in subj: err(f"Subject {subj!r}")
    body = m.get_body(("plain",)).get_content()
    for want in ["Biểu 5", "bị trả lại", "http://danvan.example.vn/report?form=bieu-5&period=2023S1&unit=C11",
                 "http://danvan.example.vn/r/conclusions/", "Nhắc"]:
        if want not in body: err(f"the body lacks {want!r}: {body[:600]!r}")
    if "phê duyệt" in body and "đã được phê duyệt" in body: err("a notification read (approved) is in the digest")
sys.exit(1 if bad else 0)
PY
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='digest.send'")" = 2 ] && ok || fail "the digest is not audited per message"
[ ! -e mail/auth ] && ok || fail "the digest logged in without smtp.user"
# --- a relay that wants a login: smtp.user in the settings, the password only in the environment
check "smtp.user" run_dv o e config db smtp.user "danvan-relay"
if run_dv o e config db smtp.user "a b"; then fail "smtp.user with a space accepted"; else ok; fi
if run_dv o e digest db; then fail "digest with smtp.user and no password ran"; else
  grep -q "DANVAN_SMTP_PASSWORD" e && ok || fail "digest without a password does not say what is missing: $(cat e)"; fi
DANVAN_SMTP_PASSWORD='mật-khẩu relay' "$DV" digest db >o 2>e && ok || fail "digest with a login: $(cat e)"
grep -qx "|danvan-relay|mật-khẩu relay" mail/auth && ok || fail "the sink did not get the login: $(cat mail/auth 2>/dev/null)"
[ "$(ls mail/*.eml | wc -l)" -ge 3 ] && ok || fail "no message sent after the login"
sqlite3 db "SELECT value FROM settings" | grep -q "mật-khẩu" && fail "the password is in the database" || ok
check "smtp.user cleared" run_dv o e config db smtp.user ""
rm -f mail/*.eml
# --- the admin's users page: an address set in place and on adding a user, audited
check "the users page sets addresses" python3 - "$W" "$PORT" <<'PY'
import os, re, sqlite3, sys
from dvtest import bad, err, Client
w, port = sys.argv[1], int(sys.argv[2])
db = lambda q: sqlite3.connect(os.path.join(w, "db")).execute(q).fetchall()
a = Client(port).login("p_admin")
st, _, page = a.get("/users")
if st != 200 or b'name="email"' not in page or b"can.bo@example.vn" not in page: err(f"/users shows no addresses: HTTP {st}")
st, _, _ = a.form("/users", {"action": "email", "login": "c12_off", "email": "c12@example.vn"})
if st != 403: err(f"no csrf: HTTP {st}")
st, h, _ = a.form("/users", {"action": "email", "login": "c12_off", "email": "c12@example.vn", "csrf": a.csrf})
if st != 303: err(f"set email: HTTP {st}")
st, _, page = a.form("/users", {"action": "email", "login": "c12_off", "email": "x@y\r\nBcc: z@q.vn", "csrf": a.csrf})
if st != 422 or "không hợp lệ" not in page.decode(): err(f"a header-injecting address: HTTP {st}")
if db("SELECT email FROM users WHERE login='c12_off'") != [("c12@example.vn",)]: err("the address is not the one set")
st, _, _ = a.form("/users", {"login": "c21_mail", "password": "pass-c21_mail-123", "unit": "C21", "role": "officer",
                             "email": "c21@example.vn", "csrf": a.csrf})
if st != 303 or db("SELECT email FROM users WHERE login='c21_mail'") != [("c21@example.vn",)]: err(f"add with email: HTTP {st}")
st, _, _ = a.form("/users", {"login": "c21_bad", "password": "pass-c21_bad-123", "unit": "C21", "role": "officer",
                             "email": "no-at-sign", "csrf": a.csrf})
if st != 422 or db("SELECT count(*) FROM users WHERE login='c21_bad'") != [(0,)]: err(f"add with a bad email: HTTP {st}")
n = db("SELECT count(*) FROM audit WHERE action='user.email' AND login='p_admin'")[0][0]
if n != 2: err(f"user.email audited {n} times by the admin, expected 2")
c = Client(port).login("c11_off")
st, _, _ = c.form("/users", {"action": "email", "login": "c11_off", "email": "me@example.vn", "csrf": c.csrf})
if st != 403: err(f"an officer setting an address: HTTP {st}")
sys.exit(1 if bad else 0)
PY
# --- the server's daily digest from digest.hour (0: due at once), once a day
check "digest.hour" run_dv o e config db digest.hour 0
if run_dv o e config db digest.hour 24; then fail "digest.hour 24 accepted"; else ok; fi
sent_count() { sqlite3 db "SELECT count(*) FROM audit WHERE action='digest.send'"; }
serve_once() { # LOG: a second server on the same database for a few seconds
  pick_port
  "$DV" serve db --listen "127.0.0.1:$PORT" >"$1" 2>&1 &
  local pid=$! before
  before=$(sent_count)
  for _ in $(seq 1 50); do [ "$(sent_count)" != "$before" ] && break; sleep 0.1; done
  sleep 1
  kill "$pid"; wait "$pid" 2>/dev/null
}
N0=$(sent_count); M0=$(ls mail/*.eml | wc -l)
serve_once serve2.log
N1=$(sent_count); M1=$(ls mail/*.eml | wc -l)
[ "$N1" -eq $((N0 + 4)) ] && [ "$M1" -eq $((M0 + 4)) ] && ok ||
  fail "the server's daily digest: $N0 → $N1 audited, $M0 → $M1 received (4 users with addresses); $(cat serve2.log)"
grep -q "đã gửi 4 thư" serve2.log && ok || fail "the server does not say it sent the digest: $(cat serve2.log)"
grep -l "c12@example.vn" mail/*.eml >/dev/null && ok || fail "the address set on the users page got no digest"
serve_once serve3.log
[ "$(sent_count)" -eq "$N1" ] && [ "$(ls mail/*.eml | wc -l)" -eq "$M1" ] && ok || fail "the digest was sent twice the same day"
check_server_end
finish
