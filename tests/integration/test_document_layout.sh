#!/usr/bin/env bash
# The documents as a Chánh Văn phòng signs them (issue 14, items 1, 3 and 5's body):
#   - the issuer block by Hướng dẫn 36-HD/VPTW, read from the DOCX: a Thành ủy by its name alone
#     (report 361-BC/TU of 31: the DOCX begins "THÀNH ỦY HẢI PHÒNG", then "*"), a Tỉnh ủy alike
#     (plan 226-KH/TU: "TỈNH ỦY LẠNG SƠN"), a Ban under its committee (85-KH/BDVTU: "THÀNH ỦY
#     HẢI PHÒNG" / "BAN DÂN VẬN" "*"), a district ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" / "QUẬN ỦY HỒNG
#     BÀNG") and a ward committee ("ĐẢNG BỘ QUẬN NGÔ QUYỀN" / "ĐẢNG ỦY PHƯỜNG MÁY CHAI" "*"); a plan's
#     own "issuer" line wins;
#   - sections a unit has no text for are left out, headings and all, unless doc.keep_empty_levels
#     names its level;
#   - no heading breaks inside the period's words ("… DÂN VẬN 6 / THÁNG CUỐI NĂM 2023");
#   - each plan opens with its basis paragraph ("Thực hiện …", "Căn cứ …") right after the title;
#   - keep-with-signature: plan 11-KH/ĐU ends at a page break; the page with "Nơi nhận:" also
#     holds the body's last paragraph (before, the Nơi nhận/signature table stood alone on p. 6);
#   - "Nơi nhận:" underlined, recipients hanging after their dash, "(để b/c)" in italics and
#     the "+" sub-list of 85-KH/BDVTU kept;
#   - the report and the three plans rendered to PNG (pdftoppm) under build/artefacts/.
source "$(dirname "$0")/lib.sh" "$@"
for tool in pdftotext pdftoppm python3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is needed (scripts/deps.sh --test installs it)" >&2; exit 1; }
done
REPO=$(cd "$HERE/../.." && pwd)
ART=${DV_ARTIFACTS:-$REPO/build/artefacts}
mkdir -p "$ART"
cd "$W" || exit 1
if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi

# the paragraphs of a DOCX's body, one a line
docx_paras() {
  python3 -c "
import re,sys,zipfile
x=zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode()
for p in re.findall(r'<w:p[ >].*?</w:p>', x):
    t=''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', p))
    if t: print(t)" "$1"
}
# the issuer block: the first paragraphs of the header table's left column ("*" after the
# issuer): FILE WANT…
issuer_is() {
  local f=$1 got
  shift
  got=$(python3 -c "
import re,sys,zipfile
x=zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode()
tbl=re.search(r'<w:tbl>.*?</w:tbl>', x).group(0)
lines=[]
for row in re.findall(r'<w:tr>.*?</w:tr>', tbl):
    cell=re.search(r'<w:tc>.*?</w:tc>', row).group(0)
    for p in re.findall(r'<w:p[ >].*?</w:p>', cell):
        t=''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', p))
        if t: lines.append(t)
print('|'.join(lines[:int(sys.argv[2])]))" "$f" $#)
  local want
  want=$(printf '%s|' "$@")
  [ "$got|" = "$want" ] && ok || fail "$f: issuer block \"$got\", want \"${want%|}\""
}
check "report 31 docx" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r31.docx
issuer_is r31.docx "THÀNH ỦY HẢI PHÒNG" "*" "Số 361-BC/TU"
[ "$(docx_paras r31.docx | head -1)" = "THÀNH ỦY HẢI PHÒNG" ] && ok || fail "r31.docx begins \"$(docx_paras r31.docx | head -1)\""
check "report 303 docx" run_dv o e document db --report --unit 303 --period 2023S1 --format docx --out r303.docx
issuer_is r303.docx "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" "QUẬN ỦY HỒNG BÀNG" "*"
check "report 11329 docx" run_dv o e document db --report --unit 11329 --period 2023S1 --format docx --out r11329.docx
issuer_is r11329.docx "ĐẢNG BỘ QUẬN NGÔ QUYỀN" "ĐẢNG ỦY PHƯỜNG MÁY CHAI" "*"
for p in 85-KH/BDVTU 11-KH/ĐU 226-KH/TU; do
  f=plan-$(echo "$p" | tr '/' '-')
  check "plan $p docx" run_dv o e document db --plan "$p" --format docx --out "$f.docx"
  check "plan $p pdf" run_dv o e document db --plan "$p" --format pdf --out "$f.pdf"
done
issuer_is plan-85-KH-BDVTU.docx "THÀNH ỦY HẢI PHÒNG" "BAN DÂN VẬN" "*"
issuer_is plan-226-KH-TU.docx "TỈNH ỦY LẠNG SƠN" "*"
issuer_is plan-11-KH-ĐU.docx "ĐẢNG BỘ THÀNH PHỐ THÁI NGUYÊN" "ĐẢNG ỦY PHƯỜNG GIA SÀNG" "*"

# a plan's own issuer lines are printed as written
run_dv o e export plan db --plan 226-KH/TU
sed 's/^place /issuer ĐẢNG BỘ TỈNH LẠNG SƠN | BAN THƯỜNG VỤ TỈNH ỦY\nplace /' o >p226.plan
check "replace 226 with an issuer line" run_dv o e import plan db p226.plan --replace
check "plan 226 docx again" run_dv o e document db --plan 226-KH/TU --format docx --out p226.docx
issuer_is p226.docx "ĐẢNG BỘ TỈNH LẠNG SƠN" "BAN THƯỜNG VỤ TỈNH ỦY" "*"
run_dv o e export plan db --plan 226-KH/TU
grep -qx "issuer ĐẢNG BỘ TỈNH LẠNG SƠN | BAN THƯỜNG VỤ TỈNH ỦY" o && ok || fail "export plan lost the issuer line"

# sections a unit wrote nothing for are left out (the ward's report has no text yet), unless
# its level keeps them (doc.keep_empty_levels)
docx_paras r11329.docx >w.txt
grep -q "người Việt Nam ở nước ngoài\|^Phần thứ nhất\|^I. ĐẶC ĐIỂM" w.txt && fail "empty sections printed: $(head -12 w.txt)" || ok
grep -q "Phần thứ nhất" <(docx_paras r31.docx) && grep -q "6. Kết quả công tác dân vận với cộng đồng người Việt Nam" <(docx_paras r31.docx) &&
  ok || fail "the written sections of 361-BC/TU are missing"
check "keep empty at level 3" run_dv o e config db doc.keep_empty_levels 1,3
check "ward report again" run_dv o e document db --report --unit 11329 --period 2023S1 --format docx --out w2.docx
grep -q "6. Kết quả công tác dân vận với cộng đồng người Việt Nam ở nước ngoài" <(docx_paras w2.docx) && ok ||
  fail "doc.keep_empty_levels 1,3: the empty sections are not printed"
check "keep none" run_dv o e config db doc.keep_empty_levels ""
run_dv o e config db doc.keep_empty_levels x && fail "doc.keep_empty_levels x accepted" || ok

# no heading breaks inside the period's words: they are bound by no-break spaces
python3 - r31.docx <<'PY' && ok || fail "the part heading's period words are not bound"
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
assert "KẾT QUẢ CÔNG TÁC DÂN VẬN 6\u00a0THÁNG\u00a0ĐẦU\u00a0NĂM\u00a02023" in x
assert "DÂN VẬN 6\u00a0THÁNG\u00a0CUỐI\u00a0NĂM\u00a02023" in x
PY

# the basis paragraph opens each plan, right after the title's rule
opening() { docx_paras "$1" | grep -A1 -x -- "-----" | sed -n 2p; }
opening plan-85-KH-BDVTU.docx | grep -q "^Thực hiện Nghị quyết số 10-NQ/TU" && ok || fail "85: $(opening plan-85-KH-BDVTU.docx)"
opening plan-11-KH-ĐU.docx | grep -q "^Thực hiện Kế hoạch số 136-KH/TU" && ok || fail "11: $(opening plan-11-KH-ĐU.docx)"
opening plan-226-KH-TU.docx | grep -q "^Căn cứ Quyết định số 593-QĐ/TU" && ok || fail "226: $(opening plan-226-KH-TU.docx)"

# keep-with-signature: the page of "Nơi nhận:" holds the last paragraph of the body too
python3 - plan-11-KH-ĐU.pdf <<'PY' && ok || fail "11-KH/ĐU: the signature page has no body text"
import subprocess, sys
pages = subprocess.run(["pdftotext", "-layout", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")
sig = [i for i, p in enumerate(pages) if "Nơi nhận:" in p]
assert sig, "no Nơi nhận"
page = pages[sig[0]]
assert "Trong quá trình thực hiện kế hoạch" in page, page[:400]
assert page.index("Trong quá trình") < page.index("Nơi nhận:")
PY

# Nơi nhận by Hướng dẫn 36: underlined label, hanging recipients, italics and sub-list kept
python3 - plan-85-KH-BDVTU.docx <<'PY' && ok || fail "85-KH/BDVTU: Nơi nhận layout"
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
paras = re.findall(r"<w:p[ >].*?</w:p>", x)
text = lambda p: "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
label = [p for p in paras if text(p) == "Nơi nhận:"][0]
assert '<w:u w:val="single"/>' in label and "<w:i/>" not in label, label
first = [p for p in paras if text(p).startswith("- Ban Dân vận Trung ương")][0]
assert text(first) == "- Ban Dân vận Trung ương (để b/c),", text(first)
assert re.search(r'<w:i/>.*?để b/c', first) and 'w:hanging="' in first, first
assert [text(p) for p in paras if text(p).startswith(("- BDVTU", "+ "))] == \
    ["- BDVTU:", "+ Lãnh đạo Ban,", "+ Các phòng chuyên môn,", "+ Lưu."]
PY

# the documents as pictures, to look at beside the seeds
check "report 31 pdf" run_dv o e document db --report --unit 31 --period 2023S1 --format pdf --out r31.pdf
pdftoppm -r 60 -png r31.pdf "$ART/layout-report-361-BC-TU" && ok || fail "pdftoppm report"
for f in plan-85-KH-BDVTU plan-11-KH-ĐU plan-226-KH-TU; do
  pdftoppm -r 60 -png "$f.pdf" "$ART/layout-$f" && ok || fail "pdftoppm $f"
done
ls "$ART"/layout-plan-11-KH-ĐU-*.png >/dev/null 2>&1 && ok || fail "no PNG of 11-KH/ĐU in $ART"
finish
