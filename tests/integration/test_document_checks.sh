#!/usr/bin/env bash
# The report's text is checked before it is saved and written (issue 14, items 2 and 6):
#   - a section holding a character the document font lacks (the seed's "lễ l貌") is refused
#     on --load and on the editor's save (422), naming the section, line, column and U+8C8C;
#     nothing is saved; Vietnamese text passes (the demo's whole report loads);
#   - a text stored before the check (written into the database) is refused on generation,
#     and so is an annex cell (a Biểu 4 summary) holding such a character;
#   - a figure offered from an annex keeps its link, {{196|bieu-5:tong:13}}: the DOCX prints
#     "196"; once a dialogue is added, the CLI still writes the file (exit 0) but warns on
#     stderr with the sentence and the new figure, and the editor and the preview list it;
#     the editor offers the sentence with its link (data-text) and shows it without.
source "$(dirname "$0")/lib.sh" "$@"
command -v curl >/dev/null || { echo "FAIL: curl is needed" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
command -v unzip >/dev/null || { echo "FAIL: unzip is needed" >&2; exit 1; }
cd "$W" || exit 1
doc() { run_dv o e document db --report --unit 31 --period 2023S1 "$@"; }
body_xml() { unzip -p r.docx word/document.xml; }

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

# --- font coverage on save
printf '{"sections":{"p1.V":"# 1. Ưu điểm\\nThái độ, lễ l\xe8\xb2\x8c, tác phong làm việc."}}' >bad.json
if doc --load bad.json; then fail "a character the font lacks was saved"; else
  grep -q 'trường "p1.V"' e && grep -q 'dòng 2, cột 14' e && grep -q 'U+8C8C' e && ok ||
    fail "the refusal does not name the section, the position and U+8C8C: $(cat e)"
fi
doc --show && ! grep -q $'\xe8\xb2\x8c' o && grep -q 'lề lối' o && ok || fail "the refused load changed the text"
printf '{"sections":{"p1.II.6":"Đồng bào ở nước ngoài hướng về quê hương: “Tết Việt” 2023 – ước mơ, nguyện vọng."}}' >good.json
check "Vietnamese letters, curly quotes and dashes pass" doc --load good.json

# --- font coverage on generation: a text saved before the check, an annex cell
cp db db.keep
sqlite3 db "UPDATE report_docs SET data = replace(data, 'lề lối', 'lễ l' || char(35980)) WHERE period = '2023S1'"
if doc --format docx --out r.docx; then fail "a stored text the font lacks was written"; else
  grep -q 'p1.V' e && grep -q 'U+8C8C' e && ok || fail "generation refusal: $(cat e)"
fi
cp db.keep db
sqlite3 db "UPDATE records SET data = replace(data, 'Thông báo về tình hình', 'Thông báo về ' || char(35980)) WHERE data LIKE '%1429-TB/TU%'"
if doc --format docx --out r.docx; then fail "an annex cell the font lacks was written"; else
  grep -q 'bieu-4' e && grep -q 'U+8C8C' e && ok || fail "annex refusal: $(cat e)"
fi
cp db.keep db

# --- linked figures
printf '{"sections":{"p1.II.1":"Toàn thành phố đã tổ chức được {{196|bieu-5:tong:13}} cuộc đối thoại. Câu khác."}}' >link.json
check "a linked figure loads" doc --load link.json
check "generation" doc --format docx --out r.docx
[ ! -s e ] && ok || fail "a current figure warned: $(cat e)"
body_xml | grep -q 'tổ chức được 196 cuộc' && ! body_xml | grep -q '{{' && ok || fail "the DOCX does not print the link as its number"
cat >one.csv <<'CSV'
date,unit,type,chair,title,participants,issues,conclusions
2023-05-10,31,chuyen_de,cap_uy,Đối thoại chuyên đề thêm,30,,
CSV
check "one more dialogue" run_dv o e import dialogues db one.csv
check "generation with a stale figure still writes the file" doc --format docx --out r.docx
grep -q 'cảnh báo: mục p1.II.1: số 196 trong câu “Toàn thành phố đã tổ chức được 196 cuộc đối thoại.” nay là 197 theo bieu-5' e &&
  ! grep -q 'Câu khác' e && ok || fail "no stale warning on stderr: $(cat e)"

start_server db
check "the editor and the preview" python3 - "$BASE" <<'PY'
import sys, urllib.parse, re, html
from dvtest import Client
HTTP = Client(sys.argv[1], timeout=120)
bad = 0
def expect(what, cond):
    global bad
    print(("ok   " if cond else "FAIL ") + what)
    bad += not cond
s = HTTP.login("admin", "admin-dv-123")
st, _, page = HTTP.req("GET", "/documents/report?unit=31&period=2023S1", headers={"Cookie": s.cookie})
page = page.decode()
expect("the editor warns of the stale sentence", st == 200 and 'id="stale"' in page and
       "số 196 trong câu" in page and "nay là 197" in page)
texts = [html.unescape(t) for t in re.findall(r'data-text="([^"]*)"', page)]
expect("the offered dialogue sentence keeps its links", any("{{197|bieu-5:tong:13}}" in t and "|bieu-5:cap1:13}}" in t for t in texts))
shown = re.search(r'<p id="fig-\d+" class="fig-text">([^<]*đối thoại trực tiếp[^<]*)</p>', page)
expect("and is shown without them", shown is not None and "{{" not in shown.group(1) and "197" in shown.group(1))
st, _, prev = HTTP.req("GET", "/documents/report/preview?unit=31&period=2023S1", headers={"Cookie": s.cookie})
prev = prev.decode()
expect("the preview warns too and prints the number", st == 200 and 'id="stale"' in prev and
       "tổ chức được 196 cuộc" in prev and "{{196" not in prev)
fields = {"unit": "31", "period": "2023S1", "csrf": s.csrf, "sec-p1.V": "Thái độ, lễ l\u8c8c, tác phong."}
st, _, page = HTTP.req("POST", "/documents/report", urllib.parse.urlencode(fields),
                       {"Cookie": s.cookie, "Content-Type": "application/x-www-form-urlencoded"})
page = page.decode()
expect("the editor's save refuses the character (422) naming the section", st == 422 and "U+8C8C" in page and
       "#f-sec-p1.V" in page and "dòng 1, cột 14" in page)
sys.exit(1 if bad else 0)
PY
check "nothing saved by the refused POST" doc --show
! grep -q $'\xe8\xb2\x8c' o && ok || fail "the refused POST saved the character"
finish
