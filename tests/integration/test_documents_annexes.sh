#!/usr/bin/env bash
# Annexes that say what they are, and an issued report that stays as signed (issue 14, item 4):
#   - every annex of the demo report 361-BC/TU (unit 31, 2023S1) carries "Biểu số N" (1 … 7);
#     Biểu 1–5 are draft or not approved at all 15 districts, Biểu 6 at 2 of them: each says so
#     ("Số liệu chưa được phê duyệt: 15/15 đơn vị", "… 2/15 đơn vị");
#   - wide annexes at 8 pt or more: Biểu 1 and 2 across A3, none below 8 pt;
#   - captions as the seed: Biểu 3 does not repeat "Bảng tổng hợp số liệu" in its title, Biểu 4
#     names "Thành ủy, Ban Thường vụ Thành ủy Hải Phòng";
#   - `--issue` by a viewer is refused as no write right; by the approver it issues: the number
#     and date are kept, `--show` has "issued_at", the audit has document.issue;
#   - the issued snapshot survives a change of the records: after the values of 2023S1 change,
#     the DOCX exported is byte for byte the issued one; re-issued by the approver it shows the
#     new figures;
#   - an officer issues its own unit's report (304) once; issuing again needs an approver;
#   - on the web: the preview prints Biểu 1 and 2 across A3 (as the DOCX); the editor lists the annexes not approved and has "Ban hành" for a writer (not
#     for a viewer); POST /documents/report/issue without the CSRF token is 403, with it the
#     report of 303 is issued (audited) and the editor says "Đã ban hành".
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is needed (scripts/deps.sh --test installs it)" >&2; exit 1; }
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

# the text of a DOCX's body, one paragraph a line
doc_text() { unzip -p "$1" word/document.xml | sed 's#</w:p>#\n#g; s/<[^>]*>//g'; }

check "document docx" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r0.docx
doc_text r0.docx >r0.txt
for n in 1 2 3 4 5 6 7; do
  grep -qx "Biểu số $n" r0.txt && ok || fail "no paragraph \"Biểu số $n\" in the report's annexes"
done
[ "$(grep -c '^Số liệu chưa được phê duyệt: 15/15 đơn vị$' r0.txt)" = 5 ] && ok ||
  fail "Biểu 1–5 should each say 15/15 units not approved: $(grep 'chưa được phê duyệt' r0.txt | tr '\n' '|')"
[ "$(grep -c '^Số liệu chưa được phê duyệt: 2/15 đơn vị$' r0.txt)" = 2 ] && ok ||
  fail "Biểu 6 and 7 should say 2/15 units not approved: $(grep 'chưa được phê duyệt' r0.txt | tr '\n' '|')"
grep -qx "về phong trào thi đua Dân vận khéo 6 tháng đầu năm 2023" r0.txt && ok || fail "Biểu 3's title as the seed"
grep -q "^các văn bản lãnh đạo, chỉ đạo của Thành ủy, Ban Thường vụ Thành ủy Hải Phòng về công tác dân vận" r0.txt && ok ||
  fail "Biểu 4's title as the seed: $(grep 'văn bản lãnh đạo, chỉ đạo của' r0.txt | head -1)"
[ "$(grep -c '^BẢNG TỔNG HỢP SỐ LIỆU$' r0.txt)" = 3 ] && [ "$(grep -c '^BẢNG TỔNG HỢP$' r0.txt)" = 4 ] && ok ||
  fail "captions: Biểu 1–3 BẢNG TỔNG HỢP SỐ LIỆU, Biểu 4–7 BẢNG TỔNG HỢP"

# wide annexes readable: no type below 8 pt (16 half-points; 1 pt is the section-closing mark),
# Biểu 1 and 2 across A3 (paper code 8), the others across A4
unzip -p r0.docx word/document.xml >r0.xml
small=$(grep -o '<w:sz w:val="[0-9]*"' r0.xml | grep -o '[0-9]*' | sort -n | uniq | awk '$1 > 2 && $1 < 16' | tr '\n' ' ')
[ -z "$small" ] && ok || fail "annex type below 8 pt: half-points $small"
[ "$(grep -o '<w:pgSz w:w="23811" w:h="16838" w:orient="landscape" w:code="8"/>' r0.xml | wc -l)" = 2 ] && ok ||
  fail "Biểu 1 and 2 should be across A3: $(grep -o '<w:pgSz[^>]*>' r0.xml | sort | uniq -c | tr '\n' ' ')"

# --- issuing -----------------------------------------------------------------------------------
if run_dv o e document db --report --unit 31 --period 2023S1 --issue --user xem; then fail "a viewer issued the report"
else grep -q "không có quyền ghi" e && ok || fail "a viewer's issue refused for the wrong reason: $(cat e)"; fi
grep -q "ngoài phạm vi" e && fail "a viewer of unit 31 told it is out of scope: $(cat e)"
echo '{}' >empty.json
if run_dv o e document db --report --unit 31 --period 2023S1 --load empty.json --user xem; then fail "a viewer saved the report"
else grep -q "không có quyền ghi" e && ok || fail "--load --user xem refused for the wrong reason: $(cat e)"; fi

check "issue by the approver" run_dv o e document db --report --unit 31 --period 2023S1 --issue --user pheduyet
check "show after issue" run_dv o e document db --report --unit 31 --period 2023S1 --show
grep -q '"issued_at":"20[0-9-]*T' o && ok || fail "--show has no issued_at: $(tail -c 120 o)"
grep -q '"number":361' o && grep -q '"date":"2023-06-19"' o && ok || fail "the issue changed the number or date"
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='document.issue'")" = 1 ] && ok || fail "no document.issue in the audit"
check "export issued" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r1.docx

# the records change: every value of 2023S1 at the districts grows
sqlite3 db "UPDATE data_values SET num = num + 1000 WHERE period = '2023S1' AND num IS NOT NULL" || fail "update values"
check "export after change" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r2.docx
cmp -s r1.docx r2.docx && ok || fail "the issued report changed with the records"

check "re-issue by the approver" run_dv o e document db --report --unit 31 --period 2023S1 --issue --user pheduyet
check "export re-issued" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r3.docx
doc_text r2.docx >r2.txt
doc_text r3.docx >r3.txt
cmp -s r2.txt r3.txt && fail "re-issued after the change, the annexes still show the old figures" || ok

# --- an officer issues once; again needs an approver ------------------------------------------
check "officer issues 304" run_dv o e document db --report --unit 304 --period 2023S1 --issue --user ngoquyen
if run_dv o e document db --report --unit 304 --period 2023S1 --issue --user ngoquyen; then fail "an officer re-issued"
else grep -q "chỉ người phê duyệt" e && ok || fail "re-issue by an officer refused for the wrong reason: $(cat e)"; fi
check "approver re-issues 304" run_dv o e document db --report --unit 304 --period 2023S1 --issue --user pheduyet
check "show 304" run_dv o e document db --report --unit 304 --period 2023S1 --show
grep -q '"number":[1-9]' o && grep -q '"date":"20' o && ok || fail "issuing did not fix a number and a date: $(head -c 300 o)"
if run_dv o e document db --report --unit 304 --period 2023S1 --issue; then fail "--issue without --user accepted"; else ok; fi


# --- on the web ---------------------------------------------------------------------------------
start_server db
check "issue over HTTP" python3 - "$BASE" <<'PY'
import sys, urllib.parse
from dvtest import Client
HTTP = Client(sys.argv[1], timeout=120)
req = HTTP.req
bad = 0
def login(user, pw):
    s = HTTP.login(user, pw)
    return s.cookie, s.csrf
def issue(cookie, fields):
    return req("POST", "/documents/report/issue", urllib.parse.urlencode(fields),
               {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
def expect(what, cond):
    global bad
    print(("ok   " if cond else "FAIL ") + what)
    bad += not cond
admin, acsrf = login("admin", "admin-dv-123")
viewer, vcsrf = login("xem", "xem-dv-123")
st, _, page = req("GET", "/documents/report?unit=303&period=2023S1", headers={"Cookie": admin})
expect("the editor lists the unapproved annexes", st == 200 and "Biểu số 1: ".encode() in page and
       "chưa được phê duyệt".encode() in page)
expect("the editor has the issue form", b'action="/documents/report/issue"' in page and "Ban hành".encode() in page)
st, _, page = req("GET", "/documents/report?unit=303&period=2023S1", headers={"Cookie": viewer})
expect("a viewer has no issue form", st == 200 and b'action="/documents/report/issue"' not in page)
st, _, page = req("GET", "/documents/report/preview?unit=31&period=2023S1", headers={"Cookie": admin})
expect("the preview prints Biểu 1 and 2 across A3", st == 200 and page.count(b'od-annex od-a3"') == 2 and
       page.count("Biểu số ".encode()) >= 7)
st, _, css = req("GET", "/documents/style.css", headers={"Cookie": admin})
expect("the stylesheet has the A3 page", b"@page annex3{size:A3 landscape" in css)
form = {"unit": "303", "period": "2023S1"}
st, _, _ = issue(admin, form)
expect("issue without CSRF: 403", st == 403)
st, _, _ = issue(viewer, dict(form, csrf=vcsrf))
expect("a viewer cannot issue: 403", st == 403)
st, h, _ = issue(admin, dict(form, csrf=acsrf))
expect("issued: 303 back to the editor", st == 303 and "issued=1" in h.get("location", ""))
st, _, page = req("GET", "/documents/report?unit=303&period=2023S1", headers={"Cookie": admin})
expect("the editor says it is issued", "Đã ban hành lúc".encode() in page and "Ban hành lại".encode() in page)
sys.exit(1 if bad else 0)
PY
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='document.issue' AND login='admin'")" = 1 ] && ok ||
  fail "the web issue is not in the audit"

finish
