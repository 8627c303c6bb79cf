#!/usr/bin/env bash
# Control characters in input (issue 13, F8; docs/contract.md "Control characters"): a NUL
# or another C0 control (all but tab, and CR/LF inside quoted CSV cells or in a text) is
# refused, never cut or stored:
#   - CSV imports (`danvan import documents|units`, and POST /r/REG/import): refused with
#     the line, the column's name and the character; the database is left as it was
#     (sqlite3 .dump before and after), all or nothing;
#   - JSON bodies ("a\u0000b", "a\u0001b"), form posts (a%00b, a%07b), multipart text
#     fields and query arguments: 400 or 422 with a message naming the field, and nothing
#     stored;
#   - a tab in a text, a line break in a quoted CSV cell are still taken.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
R,Tỉnh Ký Tự,Tỉnh,1,
D1,Huyện Một,Huyện,2,R
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
add_user offr R officer
pristine_db

H='kind,symbol,date,unit,issued_by,summary,fields'
printf '%s\nNQ,01-NQ/TU,2023-03-01,R,cap_uy,Đúng,khac\nNQ,02-NQ/TU,2023-03-01,R,cap_uy,a\0b,khac\n' "$H" |
  expect_reject documents 3 summary "a NUL in an unquoted cell" "0x00"
printf '%s\nNQ,01-NQ/TU,2023-03-01,R,cap_uy,"a\0b",khac\n' "$H" |
  expect_reject documents 2 summary "a NUL in a quoted cell" "0x00"
printf '%s\nNQ,01-NQ/TU,2023-03-01,R,cap_uy,"hai\ndòng",khac\nNQ,02-NQ/TU,2023-03-01,R,cap_uy,"chuông\a",khac\n' "$H" |
  expect_reject documents 4 summary "a BEL after a quoted line break (the record of line 4)" "0x07"
printf '%s\nNQ,01-NQ/TU,2023-03-01,R,cap_\x1bcuy,x,khac\n' "$H" |
  expect_reject documents 2 issued_by "an ESC" "0x1B"
printf 'code,name,type,level,parent_code\nD2,Huyện\x01Hai,Huyện,2,R\n' |
  expect_reject units 2 name "a control character in a unit's name" "0x01"

# still taken: a tab in a text, a line break in a quoted cell
printf '%s\nNQ,01-NQ/TU,2023-03-01,R,cap_uy,"có\ttab và\nxuống dòng",khac\n' "$H" >good.csv
if run_dv o e import documents db good.csv; then ok; else fail "a tab and a quoted line break: $(cat e)"; fi
check "the tab and the line break are stored" python3 - <<'PY'
import json, sqlite3, sys
got = [json.loads(d)["summary"] for (d,) in sqlite3.connect("db").execute("select data from records")]
sys.exit(0 if got == ["có\ttab và\nxuống dòng"] else print(got) or 1)
PY
pristine_db

start_server db
check "JSON, forms, uploads and query arguments with control characters" python3 - "$PORT" <<'PY'
import json, re, sqlite3, sys, urllib.parse
from dvtest import bad, err, Client, text_of
port = int(sys.argv[1])
c = Client(port)
s = c.login("offr")
def dump():
    con = sqlite3.connect("db")
    out = ("\n".join(con.iterdump()), con.execute("select count(*) from records").fetchone()[0])
    con.close()
    return out
doc = {"kind": "NQ", "symbol": "30-NQ/TU", "date": "2023-03-01", "unit": "R", "issued_by": "cap_uy",
       "summary": "Nghị quyết", "fields": "khac"}

def refused(what, st, body, field="summary"):
    t = json.loads(body)["error"] if body[:1] == b"{" else text_of(body)
    if st not in (400, 422): err(f"{what}: HTTP {st}, expected 400 or 422: {t[:200]!r}")
    elif f'"{field}"' not in t or "điều khiển" not in t:
        err(f"{what}: the message does not name the field \"{field}\" and the control character: {t[:300]!r}")

base = dump()
# JSON bodies: \u0000 and \u0001 in a value
for ch in ("\u0000", "\u0001", "\u001f"):
    st, _, body = s.api("POST", "/api/registers/documents", dict(doc, summary=f"a{ch}b"))
    refused(f"JSON summary with U+{ord(ch):04X}", st, body)
st, _, body = c.req("POST", "/api/registers/documents", b'{"summary":"a\\u0000b","kind":"NQ"}',
                    {"X-CSRF-Token": s.csrf}, s.cookie)
refused("raw JSON with \\u0000", st, body)
# form posts
for ch in ("%00", "%07", "%1B"):
    fields = dict(doc, summary="a" + ch + "b", csrf=s.csrf)
    enc = "&".join(f"{k}={urllib.parse.quote(v) if k != 'summary' else v}" for k, v in fields.items())
    st, _, body = c.req("POST", "/r/documents", enc.encode(), cookie=s.cookie, ctype="application/x-www-form-urlencoded")
    refused(f"form summary with {ch}", st, body)
# a multipart text field (the import form's csrf field carries a NUL)
st, _, body = c.req("POST", "/r/documents/import",
                    b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\na\x00b\r\n--BOUNDARY--\r\n",
                    cookie=s.cookie, ctype="multipart/form-data; boundary=BOUNDARY")
refused("a multipart field with a NUL", st, body, "note")
# a query argument
st, _, body = s.get("/r/documents?q=a%00b")
refused("a query argument with %00", st, body, "q")
# an import over HTTP: refused, with the line and the field
st, _, body = s.upload("/r/documents/import", "docs.csv",
                       "kind,symbol,date,unit,issued_by,summary,fields\nNQ,40-NQ/TU,2023-03-01,R,cap_uy,a\x00b,khac\n")
t = text_of(body)
if st not in (400, 422) or "dòng 2" not in t or "summary" not in t:
    err(f"POST /r/documents/import with a NUL: HTTP {st} {t[:300]!r}")
if dump() != base: err("a refused request changed the database")
# a tab is text
st, _, body = s.api("POST", "/api/registers/documents", dict(doc, summary="có\ttab"))
if st not in (200, 201): err(f"JSON summary with a tab: HTTP {st} {body[:200]!r}")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
