#!/usr/bin/env bash
# The report document over HTTP (issue 6): on the demo database,
#   - a POST to /documents/report without (or with a forged) CSRF token is refused (403) and
#     saves nothing;
#   - the viewer (xem) may read the editor but not save (403); the officer of 304 may not read
#     the city's (31) editor nor download its files (403);
#   - admin saves a new number and a section text (303 to the editor, "saved"): the stored
#     document has them, fields not sent keep their value, and the audit has exactly one
#     document.save by admin;
#   - an impossible date is refused (422) with the message, nothing saved;
#   - /documents/report.docx is a zip with Content-Disposition: attachment and the DOCX MIME
#     type; the preview holds the new number and Biểu 1's 1.865;
#   - a plan's DOCX (85-KH/BDVTU) and, once, its PDF (LibreOffice) download.
source "$(dirname "$0")/lib.sh" "$@"
command -v curl >/dev/null || { echo "FAIL: curl is needed" >&2; exit 1; }
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
# the office's layout settings reach the preview's stylesheet; a font name cannot break out of CSS
check "doc.margin_left_mm" run_dv o e config db doc.margin_left_mm 35
check "doc.font" run_dv o e config db doc.font "Liberation Serif"
if run_dv o e config db doc.font 'x";}body{display:none'; then fail "a font name with CSS accepted"; else ok; fi
start_server db

check "the report document over HTTP" python3 - "$BASE" <<'PY'
import sys, urllib.parse
from dvtest import Client
HTTP = Client(sys.argv[1], timeout=120)
req = HTTP.req
bad = 0
def login(user, pw):
    s = HTTP.login(user, pw)
    return s.cookie, s.csrf
def post(cookie, fields):
    return req("POST", "/documents/report", urllib.parse.urlencode(fields),
               {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
def expect(what, cond):
    global bad
    print(("ok   " if cond else "FAIL ") + what)
    bad += not cond

admin, acsrf = login("admin", "admin-dv-123")
viewer, vcsrf = login("xem", "xem-dv-123")
officer, ocsrf = login("ngoquyen", "ngoquyen123")
new = {"unit": "31", "period": "2023S1", "number": "362", "sec-p1.II.6": "Đoạn văn thử nghiệm **đậm**."}

st, _, _ = post(admin, new)
expect("POST without a CSRF token: 403", st == 403)
st, _, _ = post(admin, dict(new, csrf="0" * 64))
expect("POST with a forged CSRF token: 403", st == 403)
st, _, page = req("GET", "/documents/report?unit=31&period=2023S1", headers={"Cookie": viewer})
expect("the viewer reads the editor (200, as text: no field, no save)", st == 200 and b"ro-value" in page and
       b"<textarea" not in page and b"<form method=\"post\" action=\"/documents/report\"" not in page and
       "Lưu báo cáo".encode() not in page)
st, _, _ = post(viewer, dict(new, csrf=vcsrf))
expect("the viewer cannot save: 403", st == 403)
st, _, _ = req("GET", "/documents/report?unit=31&period=2023S1", headers={"Cookie": officer})
expect("the officer of 304 cannot open unit 31's editor: 403", st == 403)
st, _, _ = req("GET", "/documents/report.docx?unit=31&period=2023S1", headers={"Cookie": officer})
expect("nor download its DOCX: 403", st == 403)
st, h, _ = req("GET", "/documents/report?unit=31&period=2023S1")
expect("without a session: 303 to /login", st == 303 and h.get("location", "").startswith("/login"))

st, _, page = post(admin, dict(new, csrf=acsrf, date="2023-02-31"))
expect("an impossible date: 422 with the message", st == 422 and "Ngày ban hành không có thật: 2023-02-31".encode() in page)
st, h, _ = post(admin, dict(new, csrf=acsrf))
expect("admin saves: 303 back to the editor", st == 303 and "saved=1" in h.get("location", ""))
st, _, page = req("GET", h.get("location", "/"), headers={"Cookie": admin})
expect("the editor confirms and shows the new number", st == 200 and "Đã lưu báo cáo".encode() in page and b'value="362"' in page)

st, h, body = req("GET", "/documents/report.docx?unit=31&period=2023S1", headers={"Cookie": admin})
expect("report.docx: 200, a zip", st == 200 and body[:2] == b"PK")
expect("report.docx: the DOCX MIME type", h.get("content-type") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
expect("report.docx: Content-Disposition attachment; filename=\"BaoCao-31-2023S1.docx\"",
       h.get("content-disposition") == 'attachment; filename="BaoCao-31-2023S1.docx"')
st, _, page = req("GET", "/documents/report/preview?unit=31&period=2023S1", headers={"Cookie": admin})
text = page.decode()
expect("the preview: Số 362-BC/TU, the new paragraph, Biểu 1's 1.865",
       st == 200 and "Số 362-BC/TU" in text and "Đoạn văn thử nghiệm <strong>đậm</strong>." in text and ">1.865<" in text)
expect("the preview links the settings' stylesheet", '<link rel="stylesheet" href="/documents/style.css">' in text)
st, h, css = req("GET", "/documents/style.css", headers={"Cookie": admin})
css = css.decode()
expect("style.css: the settings (left margin 35 mm, the font)",
       st == 200 and h.get("content-type", "").startswith("text/css") and "padding:20mm 15mm 20mm 35mm" in css
       and "@page odoc{size:A4 portrait;margin:20mm 15mm 20mm 35mm}" in css and '"Liberation Serif"' in css)
st, _, _ = req("GET", "/documents/report.odt?unit=31&period=2023S1", headers={"Cookie": admin})
expect("an unknown format: 404", st == 404)

plan = urllib.parse.quote("85-KH/BDVTU")
st, h, body = req("GET", "/documents/plan.docx?plan=" + plan, headers={"Cookie": admin})
expect("plan.docx: a zip, attachment", st == 200 and body[:2] == b"PK" and h.get("content-disposition", "").startswith("attachment"))
st, h, body = req("GET", "/documents/plan.pdf?plan=" + plan, headers={"Cookie": admin})
expect("plan.pdf: a PDF, application/pdf, attachment",
       st == 200 and body[:5] == b"%PDF-" and h.get("content-type") == "application/pdf"
       and h.get("content-disposition", "").endswith('.pdf"'))
sys.exit(1 if bad else 0)
PY

# the demo's own save of the seed report is audited as "(dòng lệnh)"; the web adds one by admin
n=$(sqlite3 db "select count(*) from audit where action='document.save' and login <> '(dòng lệnh)'")
na=$(sqlite3 db "select count(*) from audit where action='document.save' and login='admin'")
if [ "$n" = 1 ] && [ "$na" = 1 ]; then ok; else fail "document.save audited $n times over the web ($na by admin), expected exactly 1 by admin"; fi
doc=$(sqlite3 db "select data from report_docs d join units u on u.id = d.unit_id where u.code='31' and d.period='2023S1'")
check "the stored document has the new number" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(d["number"] != 362)' "$doc"
check "and the new section text" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(d["sections"]["p1.II.6"] != "Đoạn văn thử nghiệm **đậm**.")' "$doc"
check "fields not sent keep their value" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(d["sign_name"] != "Đỗ Mạnh Hiến" or len(d["sections"]["p1.I"]) < 1000)' "$doc"
audit_after=$(sqlite3 db "select after from audit where action='document.save' and login='admin'")
check "the audit entry's after holds the new text" grep -q "Đoạn văn thử nghiệm" <<<"$audit_after"
finish
