#!/usr/bin/env bash
# Official documents out of the system (issue 6), through the command line on the demo:
#   - the report 361-BC/TU of Thành ủy Hải Phòng for 2023S1 as DOCX: LibreOffice converts it to
#     PDF without error, and the text of the PDF (pdftotext) holds the header lines ("THÀNH ỦY
#     HẢI PHÒNG" alone, Hướng dẫn 36), "Số 361-BC/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Hải Phòng, ngày
#     19 tháng 6 năm 2023"), the title, the signature, and every number of the seven annexes as
#     `danvan report` computes them (printed 1.865, pairs 243/368);
#   - `--format pdf` (the server's own conversion) gives a PDF with the same header;
#   - the first pages rendered to PNG (pdftoppm) as test artefacts, to look at;
#   - a plan (11-KH/ĐU of Đảng ủy phường Gia Sàng) as DOCX and its PDF text: "Số 11-KH/ĐU",
#     "Gia Sàng, ngày 19 tháng 01 năm 2024" (a leading zero for month 1), "KẾ HOẠCH";
#   - the stored fields: --show prints them, --load sets them all-or-nothing (a date that does
#     not exist, an unknown field, an unclosed footnote are refused and change nothing), audited;
#   - a period approved for the unit locks its report;
#   - the state body's variant (Decree 30/2020/NĐ-CP): {"variant":"nha_nuoc"} for 303 (Quận Hồng
#     Bàng) in 2023S2 turns the header fields still at the Party defaults into the People's
#     Committee's, keeps the number; its PDF shows "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập -
#     Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "Số: 362/BC-UBND", recipients ending in ";"; back to
#     "dang" gives the Party header again; an unknown variant is refused naming the field;
#   - the layout parameters are settings: doc.margin_left_mm 35 shows in the DOCX, a bad value is
#     refused.
source "$(dirname "$0")/lib.sh" "$@"
for tool in soffice pdftotext pdftoppm python3 sqlite3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is needed (scripts/deps.sh --test installs it)" >&2; exit 1; }
done
REPO=$(cd "$HERE/../.." && pwd)
ART=${DV_ARTIFACTS:-$REPO/test-artifacts}
mkdir -p "$ART"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

# --- the report as DOCX, converted by LibreOffice ---------------------------------------------
check "document docx" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r.docx
if ! python3 -c "import zipfile,sys; z=zipfile.ZipFile('r.docx'); sys.exit(0 if 'word/document.xml' in z.namelist() else 1)"; then
  fail "r.docx is not a DOCX: $(head -c 200 r.docx)"
fi
mkdir -p lo
if ! soffice --headless --norestore -env:UserInstallation=file://$W/lo/profile --convert-to pdf --outdir lo r.docx >lo/log 2>&1 ||
  [ ! -s lo/r.pdf ]; then
  fail "LibreOffice did not convert r.docx: $(cat lo/log)"
  finish
fi
pdftotext -layout lo/r.pdf r.txt
# one line per word, to look for whole numbers
tr -s ' \t' '\n\n' <r.txt >r.words
has() { grep -qF -- "$1" r.txt; }
for line in "THÀNH ỦY HẢI PHÒNG" "Số 361-BC/TU" "ĐẢNG CỘNG SẢN VIỆT NAM" \
  "Hải Phòng, ngày 19 tháng 6 năm 2023" "BÁO CÁO" "sơ kết công tác dân vận 6 tháng đầu năm;" \
  "phương hướng, nhiệm vụ trọng tâm 6 tháng cuối năm 2023" "Phần thứ nhất" "Phần thứ hai" \
  "T/M BAN THƯỜNG VỤ" "PHÓ BÍ THƯ" "Đỗ Mạnh Hiến" "Nơi nhận:" "BẢNG TỔNG HỢP SỐ LIỆU" \
  "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của Ban Thường vụ Thành ủy Hải Phòng)"; do
  if has "$line"; then ok; else fail "the PDF text lacks \"$line\""; fi
done
# the seed's numbering row under the header of Biểu 2 ("A B 1 … ") and Biểu 3 ("A B 01 … 15": the seed prints 16 over 15 columns)
python3 - <<'PY' && ok || fail "the column-numbering rows of Biểu 2 and 3 are not in the DOCX"
import re, zipfile
x = zipfile.ZipFile("r.docx").read("word/document.xml").decode()
text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", x))
assert "AB" + "".join("%02d" % i for i in range(1, 16)) + "1" in text, "Biểu 3"
assert "AB" + "".join(str(i) for i in range(1, 34)) + "1" in text, "Biểu 2"
PY
# a footnote of the seed, at the foot of its page
if has "Toàn thành phố đã tổ chức được 196 cuộc đối thoại"; then ok; else fail "footnote 6 missing"; fi

# every number of the seven annexes, as danvan report computes them
for f in 1 2 3 4 5 6 7; do
  run_dv "b$f.json" e report db --form bieu-$f --period 2023S1 --unit 31 --format json || fail "report bieu-$f: $(cat e)"
done
python3 - b1.json b2.json b3.json b4.json b5.json b6.json b7.json >numbers.txt <<'PY'
import json, re, sys
def vn(n):
    s = "%d" % n
    out = ""
    while len(s) > 3: out, s = "." + s[-3:] + out, s[:-3]
    return s + out
for path in sys.argv[1:]:
    t = json.load(open(path))
    for row in t["rows"]:
        for v in row["values"]:
            if isinstance(v, (int, float)) and not isinstance(v, bool): print(t["form"], vn(int(v)))
            elif isinstance(v, str) and re.fullmatch(r"\d+/\d+", v): print(t["form"], v)
PY
total=$(wc -l <numbers.txt)
[ "$total" -gt 150 ] && ok || fail "expected the seven annexes' numbers, got $total"
missing=0
while read -r form num; do
  if ! grep -qxF -- "$num" r.words; then
    missing=$((missing + 1))
    [ $missing -le 5 ] && echo "  $form: $num not in the PDF text" >&2
  fi
done <numbers.txt
[ $missing -eq 0 ] && ok || fail "$missing of $total annex numbers missing from the PDF text"

pdftoppm -png -r 60 -f 1 -l 2 lo/r.pdf "$ART/document-report-page" && ok || fail "pdftoppm"
pages=$(pdftoppm -png -r 40 lo/r.pdf annex >/dev/null 2>&1; ls annex*.png | wc -l)
cp "$(ls annex*.png | tail -7 | head -1)" "$ART/document-report-annex1.png" 2>/dev/null
[ "$pages" -gt 10 ] && ok || fail "a report of $pages pages"

# --- the server's own PDF ---------------------------------------------------------------------------
check "document pdf" run_dv o e document db --report --unit 31 --period 2023S1 --format pdf --out r.pdf
if [ "$(head -c 5 r.pdf)" = "%PDF-" ] && pdftotext r.pdf - | grep -qF "Số 361-BC/TU"; then ok; else fail "--format pdf: $(cat e)"; fi

# --- a plan -----------------------------------------------------------------------------------------
check "plan docx" run_dv o e document db --plan 11-KH/ĐU --format pdf --out p.pdf
pdftotext p.pdf p.txt
for line in "Số 11-KH/ĐU" "Gia Sàng, ngày 19 tháng 01 năm 2024" "KẾ HOẠCH" "công tác dân vận năm 2024" \
  "ĐẢNG CỘNG SẢN VIỆT NAM" "I. MỤC ĐÍCH, YÊU CẦU"; do
  if grep -qF -- "$line" p.txt; then ok; else fail "the plan's PDF lacks \"$line\""; fi
done
pdftoppm -png -r 60 -f 1 -l 1 p.pdf "$ART/document-plan-page" && ok || fail "pdftoppm plan"
# the board's plan: its head signs in their own right (no "T/M" line), as the seed 000 prints it
check "plan 85 docx" run_dv o e document db --plan 85-KH/BDVTU --format docx --out p85.docx
python3 - <<'PY' && ok || fail "the plan 85-KH/BDVTU: issuer or signature"
import re, zipfile
x = zipfile.ZipFile("p85.docx").read("word/document.xml").decode()
t = "|".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", x))
assert t.startswith("THÀNH ỦY HẢI PHÒNG|") and "|BAN DÂN VẬN|*|" in t and "|TRƯỞNG BAN|" in t and "Lê Trí Vũ" in t and "T/M" not in t, t[:300]
PY

# --- the stored fields -----------------------------------------------------------------------------
check "show" run_dv show.json e document db --report --unit 31 --period 2023S1 --show
python3 -c "import json; d=json.load(open('show.json')); assert d['number']==361 and d['symbol']=='BC/TU' and len(d['sections'])==11" &&
  ok || fail "--show: $(head -c 300 show.json)"
dump_db db before.sql
printf '{"date":"2023-02-30"}' >bad-date.json
printf '{"numero":5}' >bad-field.json
printf '{"sections":{"p1.I":"Văn bản ^[chú thích chưa đóng"}}' >bad-note.json
printf '{"sections":{"p9":"x"}}' >bad-section.json
for bad in bad-date:date bad-field:numero bad-note:p1.I bad-section:p9; do
  file=${bad%%:*}
  if run_dv o e document db --report --unit 31 --period 2023S1 --load $file.json; then
    fail "$file accepted"
  elif grep -qF "$file.json" e && grep -qF "${bad#*:}" e; then ok; else fail "$file: the error names neither file nor field: $(cat e)"; fi
done
dump_db db after.sql
cmp -s before.sql after.sql && ok || fail "a refused load changed the database"
printf '{"number":362,"sections":{"p2":"**Nhiệm vụ** mới^[Chú thích mới.]"}}' >good.json
check "load" run_dv o e document db --report --unit 31 --period 2023S1 --load good.json --user admin
run_dv show.json e document db --report --unit 31 --period 2023S1 --show
python3 -c "
import json; d=json.load(open('show.json'))
assert d['number']==362 and d['sections']['p2'].startswith('**Nhiệm vụ**') and d['sections']['p1.I'], d" && ok || fail "load did not keep the other fields"
n=$(sqlite3 db "select count(*) from audit where action='document.save' and login='admin' and after like '%362%'")
[ "$n" = 1 ] && ok || fail "document.save audit entries by admin: $n"
# numbered per kind: the city's next report of 2023 (a quarter's) would be 363 after 362
run_dv show.json e document db --report --unit 31 --period 2023Q3 --show
python3 -c "import json; d=json.load(open('show.json')); assert d['number']==0 and d['next_number']==363, d['next_number']" &&
  ok || fail "next_number: $(cat show.json | head -c 200)"
# an officer of a district cannot write the city's report
if run_dv o e document db --report --unit 31 --period 2023S1 --load good.json --user ngoquyen; then fail "officer of 304 wrote 31's report"; else ok; fi

# a unit whose report for the period is approved (the demo: Biểu 6 of 303 for 2023S1) is locked
if run_dv o e document db --report --unit 303 --period 2023S1 --load good.json; then
  fail "the report of 303 for an approved period was changed"
elif grep -qF "phê duyệt" e; then ok; else fail "approved period: $(cat e)"; fi
check "303 for 2023S2 is open" run_dv o e document db --report --unit 303 --period 2023S2 --load good.json

# --- the state body's variant (Decree 30/2020/NĐ-CP) ---------------------------------------------
printf '%s' '{"variant":"nha_nuoc","recipients":"Thường trực Quận ủy\nỦy ban nhân dân thành phố,\nLưu: VT"}' >state.json
check "variant nha_nuoc" run_dv o e document db --report --unit 303 --period 2023S2 --load state.json
run_dv show.json e document db --report --unit 303 --period 2023S2 --show
python3 -c "
import json; d=json.load(open('show.json'))
want = {'variant': 'nha_nuoc', 'number': 362, 'symbol': 'BC-UBND', 'parent_body': '',
        'issuer': 'ỦY BAN NHÂN DÂN QUẬN HỒNG BÀNG', 'issuer_long': 'Ủy ban nhân dân quận Hồng Bàng',
        'sign_on_behalf': 'TM. ỦY BAN NHÂN DÂN', 'sign_position': 'CHỦ TỊCH', 'place': 'Hồng Bàng'}
bad = {k: d.get(k) for k in want if d.get(k) != want[k]}
assert not bad and d['sections']['p2'].startswith('**Nhiệm vụ**'), bad" && ok || fail "the state defaults: $(head -c 400 show.json)"
check "state pdf" run_dv o e document db --report --unit 303 --period 2023S2 --format pdf --out s.pdf
pdftotext -layout s.pdf s.txt
for line in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "ỦY BAN NHÂN DÂN" "QUẬN HỒNG BÀNG" \
  "Số: 362/BC-UBND" "Hồng Bàng, ngày" "TM. ỦY BAN NHÂN DÂN" "CHỦ TỊCH" "- Thường trực Quận ủy;" \
  "- Ủy ban nhân dân thành phố;" "- Lưu: VT." "(Kèm theo Báo cáo số 362/BC-UBND của Ủy ban nhân dân quận Hồng Bàng)"; do
  if grep -qF -- "$line" s.txt; then ok; else fail "the state PDF lacks \"$line\""; fi
done
for line in "ĐẢNG CỘNG SẢN VIỆT NAM" "Số 362-BC/QU" "T/M BAN THƯỜNG VỤ"; do
  if grep -qF -- "$line" s.txt; then fail "the state PDF has \"$line\""; else ok; fi
done
if grep -qE '^ *\* *$' s.txt; then fail "a \"*\" line in the state PDF"; else ok; fi
pdftoppm -png -r 70 -f 1 -l 1 s.pdf "$ART/document-state-page" && ok || fail "pdftoppm state"
# an unknown variant is refused naming the field, and changes nothing
dump_db db before.sql
printf '{"variant":"dang_uy","symbol":"BC/X"}' >bad-variant.json
if run_dv o e document db --report --unit 303 --period 2023S2 --load bad-variant.json; then
  fail "variant dang_uy accepted"
elif grep -qF 'bad-variant.json' e && grep -qF '"variant"' e; then ok; else fail "bad variant: $(cat e)"; fi
dump_db db after.sql
cmp -s before.sql after.sql && ok || fail "a refused variant changed the database"
# back to the Party's layout: its defaults again
printf '{"variant":"dang"}' >party.json
check "variant dang" run_dv o e document db --report --unit 303 --period 2023S2 --load party.json
run_dv show.json e document db --report --unit 303 --period 2023S2 --show
python3 -c "
import json; d=json.load(open('show.json'))
assert (d['variant'], d['symbol'], d['issuer'], d['parent_body'], d['sign_on_behalf'], d['sign_position']) == \
  ('dang', 'BC/QU', 'QUẬN ỦY HỒNG BÀNG', 'ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'), d" &&
  ok || fail "back to dang: $(head -c 400 show.json)"

# --- layout parameters --------------------------------------------------------------------------------
check "doc.margin_left_mm" run_dv o e config db doc.margin_left_mm 35
run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out m.docx
# 35 mm = 1984 twips
python3 -c "import zipfile; x=zipfile.ZipFile('m.docx').read('word/document.xml').decode(); assert 'w:left=\"1984\"' in x" &&
  ok || fail "doc.margin_left_mm 35 not in the DOCX"
if run_dv o e config db doc.margin_left_mm 500; then fail "margin 500 mm accepted"; else ok; fi
if run_dv o e config db doc.colour red; then fail "unknown doc.* key accepted"; else ok; fi
finish
