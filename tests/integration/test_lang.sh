#!/usr/bin/env bash
# English as the second language (docs/i18n.md): po/en.po keeps every msgid's printf
# conversions, tools/po_extract.py finds no untranslated string in the tree, the pages with
# ?lang=en show no Vietnamese UI text (the demo's data aside), the choice is remembered by
# the cookie and per user across a new login, API errors come in English, and without a
# choice everything stays Vietnamese.
source "$(dirname "$0")/lib.sh" "$@"
ROOT=$(cd "$HERE/../.." && pwd)
cd "$W" || exit 1

check "every msgstr keeps its msgid's conversions" python3 - "$ROOT/po/en.po" <<'PY'
import re, sys
sys.path.insert(0, sys.argv[1].rsplit("/po/", 1)[0] + "/tools")
from po_extract import read_po
from dvtest import err, bad
conv = re.compile(r"%[-+ #0-9.*'hlLqjzt]*[a-zA-Z]")
_, entries, _ = read_po(sys.argv[1])
if len(entries) < 500: err(f"po/en.po holds only {len(entries)} entries")
for k, (v, _m) in entries.items():
    if v and conv.findall(k.replace("%%", "")) != conv.findall(v.replace("%%", "")):
        err(f"conversions differ: {k!r} → {v!r}")
sys.exit(1 if bad else 0)
PY

if python3 "$ROOT/tools/po_extract.py" --check "$ROOT" >extract.out 2>extract.err; then ok; else
  fail "po_extract.py --check: $(cat extract.err); first untranslated: $(head -20 extract.out)"
fi
if command -v msgfmt >/dev/null; then
  check "msgfmt --check po/en.po" msgfmt --check -o /dev/null "$ROOT/po/en.po"
fi

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
# the demo's data strings: unit names and the records' texts, seen on the pages
sqlite3 db "SELECT name FROM units" >data.txt
sqlite3 db "SELECT data FROM records" >>data.txt 2>/dev/null
sqlite3 db "SELECT title FROM plans; SELECT text FROM plan_items;" >>data.txt 2>/dev/null
start_server db

check "pages, cookie, preference and API errors in English" python3 - "$BASE" data.txt <<'PY'
import json, re, sys, urllib.parse
from dvtest import Client, err, bad, text_of
base, datafile = sys.argv[1], sys.argv[2]
c = Client(base)
VI = re.compile(r"[À-ỹĐđ]")
data = set()
for line in open(datafile, encoding="utf-8"):
    for piece in re.split(r'[",:{}\[\]]', line.strip()):
        if VI.search(piece) and len(piece.strip()) > 2: data.add(piece.strip())
data = sorted(data, key=len, reverse=True)
# the words of the data (a list shows a record's text cut short): not counted
data_words = {w for d in data for w in d.split()}
def leftovers(body):
    t = text_of(body)
    for d in data: t = t.replace(d, " ")
    t = t.replace("Tiếng Việt", " ")  # the switch names the other language in itself
    t = t.replace("Dân vận khéo", " ")  # the movement's name, kept (po/en.po glossary)
    words = [w for w in re.findall(r"\S+", t) if VI.search(w) and w.strip(".,;:()") not in data_words]
    return words
def ask(sess, path, lang=None):
    st, h, body = sess.get(path) if sess else c.req("GET", path)
    return st, h, body
admin = c.login("admin", "admin-dv-123")
pages = ["/", "/report", "/report?form=bieu-5&period=2023S1&unit=31", "/entry", "/r/dialogues",
         "/r/dialogues/new", "/registers", "/completeness", "/plans", "/units", "/indicators",
         "/users"]
for p in pages:
    url = p + ("&" if "?" in p else "?") + "lang=en"
    st, h, body = admin.get(url)
    if st != 200: err(f"GET {url}: {st}"); continue
    if b'<html lang="en"' not in body: err(f"GET {url}: no <html lang=\"en\">")
    w = leftovers(body)
    if w: err(f"GET {url}: Vietnamese left: {' '.join(w[:12])}")
# words of the pages without marks are English too: the print button, the pager
st, h, body = admin.get("/report?form=bieu-5&period=2023S1&unit=31&lang=en")
if b">Print</button>" not in body or b">In</button>" in body: err("the annex's print button is not 'Print'")
st, h, body = admin.get("/r/dialogues?lang=en")
if b"Page " not in body or b"Trang " in body: err("the register list's pager does not say 'Page'")
st, h, body = admin.get("/completeness?form=bieu-5&period=2023S1&unit=31&lang=en")
if b"On time: " not in body: err("the completeness chart's label is not 'On time: N, …'")
# the report editor: its UI in English, the document it edits stays Vietnamese
st, h, body = admin.get("/documents/report?lang=en")
if st != 200 or b'<html lang="en"' not in body or b"Save report" not in body:
    err(f"/documents/report?lang=en: {st}, not in English")
st, h, body = c.req("GET", "/login?lang=en")
w = leftovers(body)
if w: err(f"/login?lang=en: Vietnamese left: {' '.join(w[:12])}")
import http.client
hc = http.client.HTTPConnection(c.host, c.port, timeout=10)
hc.request("GET", "/login?lang=en")
cookies = hc.getresponse().headers.get_all("Set-Cookie") or []
if not any(ck.startswith("lang=en") for ck in cookies): err(f"/login?lang=en sets no lang cookie: {cookies}")
# the cookie alone keeps English; without anything Vietnamese stays
st, h, body = c.req("GET", "/login", cookie="lang=en")
if b'<html lang="en"' not in body: err("/login with the cookie lang=en is not in English")
st, h, body = c.req("GET", "/login")
if b'<html lang="vi"' not in body or "Đăng nhập".encode() not in body: err("/login without a choice is not Vietnamese")
if b"English" not in body: err("/login has no switch to English")
# the preference of a signed-in user, seen again after a new login without the cookie
u = c.login("ngoquyen", "ngoquyen123")
u.get("/?lang=en")
u2 = c.login("ngoquyen", "ngoquyen123")
st, h, body = u2.get("/")
if b'<html lang="en"' not in body: err("the preference en is not kept across a new login")
st, h, body = u2.get("/report")
if "Biểu tổng hợp".encode() in body: err("/report for a user who chose en shows the Vietnamese menu")
st, h, body = c.login("maychai", "maychai123").get("/")
if b'<html lang="vi"' not in body: err("another user's home is not Vietnamese")
# API errors in English, by ?lang=en and by the preference
st, h, body = c.req("GET", "/api/report?lang=en")
if st != 401 or VI.search(json.loads(body)["error"]): err(f"/api/report?lang=en without a session: {st} {body!r}")
st, h, body = u2.get("/api/report?form=nope&period=2023S1&unit=304")
msg = json.loads(body).get("error", "") if body.startswith(b"{") else body
if st < 400 or VI.search(msg): err(f"API error for a user who chose en: {st} {msg!r}")
st, h, body = c.login("maychai", "maychai123").get("/api/report?form=nope&period=2023S1&unit=11329")
if not VI.search(json.loads(body).get("error", "")): err(f"API error without a choice is not Vietnamese: {body!r}")
# the switch back
st, h, body = u2.get("/?lang=vi")
if b'<html lang="vi"' not in body: err("?lang=vi does not switch back")
sys.exit(1 if bad else 0)
PY
check "the preference is audited" bash -c "sqlite3 db \"SELECT count(*) FROM audit WHERE action='user.lang'\" | grep -qv '^0$'"
printf 'code,name,type,level,parent_code\nX,Tỉnh X,Tỉnh,1,\nY,Huyện Y,Huyện,2,NOPE\n' >bad-units.csv
run_dv o e init lang.db
DANVAN_LANG=en "$DV" import units lang.db bad-units.csv >o 2>e
check "DANVAN_LANG=en: a command's check in English, with its place" \
  grep -q 'bad-units.csv: line 3, field "parent_code": no unit above with code "NOPE"' e
"$DV" import units lang.db bad-units.csv >o 2>e
check "without DANVAN_LANG the command speaks Vietnamese" grep -q 'dòng 3, trường "parent_code"' e
check_server_end
finish
