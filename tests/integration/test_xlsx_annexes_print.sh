#!/usr/bin/env bash
# The XLSX annexes as they print (issue 14, item 5): Biểu 1 and 2 of the demo (unit 31, 2023S1)
# carry in row 4 the "(Kèm theo Báo cáo số 361-BC/TU …)" line; are set to print across A3 (paperSize 8), over the pages wide that keep the type at 8 pt
# (fitToWidth), TT and the row labels (columns A:B) repeated with the header rows; Biểu 5 stays across A4;
# Biểu 4's "Ngày, tháng, năm" are dates (numbers with the dd/mm/yyyy format), not texts. Biểu 1
# and 4 converted by LibreOffice Calc to PDF (A3 for Biểu 1, no word smaller than 8 pt) and
# rendered to PNG (pdftoppm) as artefacts under build/artefacts/ to look at.
# The cells a unit types into do not print shaded: Biểu 1 of quận Ngô Quyền by commune (open
# cells) converted to PDF and rendered has no pixel of a pale fill, while the header's grey
# fill (so fills do print) is there; its text has the TT column's "TT".
source "$(dirname "$0")/lib.sh" "$@"
for tool in soffice pdftotext pdftoppm pdfinfo python3 unzip; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is needed (scripts/deps.sh --test installs it)" >&2; exit 1; }
done
REPO=$(cd "$HERE/../.." && pwd)
ART=${DV_ARTIFACTS:-$REPO/build/artefacts}
mkdir -p "$ART"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
for n in 1 2 4 5; do
  check "xlsx Biểu $n" run_dv o e report db --form bieu-$n --unit 31 --period 2023S1 --format xlsx --out b$n.xlsx
done
sheet() { unzip -p "$1" xl/worksheets/sheet1.xml; }
for n in 1 2; do
  sheet b$n.xlsx | grep -q '<pageSetup paperSize="8" fitToWidth="[2-9]" fitToHeight="0" orientation="landscape"/>' && ok ||
    fail "Biểu $n not across A3 over pages wide: $(sheet b$n.xlsx | grep -o '<pageSetup[^>]*>')"
  unzip -p b$n.xlsx xl/workbook.xml | grep -q "'Biểu $n'!\$A:\$B," && ok || fail "Biểu $n: TT and the row labels not repeated"
done
sheet b5.xlsx | grep -q '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' && ok ||
  fail "Biểu 5 should stay across A4, one page wide: $(sheet b5.xlsx | grep -o '<pageSetup[^>]*>')"
# Biểu 4, row 6: "06/12/2022" as the date serial 44901, its style a dd/mm/yyyy format
cell=$(sheet b4.xlsx | grep -o '<c r="D6"[^>]*><v>[^<]*</v></c>')
[[ "$cell" == *'<v>44901</v>'* && "$cell" != *'t="s"'* ]] && ok || fail "Biểu 4's date not a date: $cell"
unzip -p b4.xlsx xl/styles.xml | grep -q 'formatCode="dd/mm/yyyy"' && ok || fail "no dd/mm/yyyy format in Biểu 4"

# row 4: the report it goes with, "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của …)"
unzip -p b1.xlsx xl/sharedStrings.xml | grep -q "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của Ban Thường vụ Thành ủy Hải Phòng)" &&
  sheet b1.xlsx | grep -q '<c r="A4" s="[0-9]*" t="s">' && ok || fail "Biểu 1 has no (Kèm theo …) line in row 4"

mkdir -p lo
for n in 1 4; do
  if ! soffice --headless --norestore -env:UserInstallation=file://$W/lo/profile --convert-to pdf --outdir lo b$n.xlsx \
    >lo/log 2>&1 || [ ! -s lo/b$n.pdf ]; then
    fail "LibreOffice did not convert b$n.xlsx: $(cat lo/log)"
    continue
  fi
  pdftoppm -r 70 -png lo/b$n.pdf "$ART/xlsx-bieu-$n" || fail "pdftoppm b$n.pdf"
done
pdfinfo lo/b1.pdf | grep -q "(A3)" && ok || fail "Biểu 1's PDF not A3: $(pdfinfo lo/b1.pdf | grep 'Page size')"
# the smallest line of text (pdftotext -bbox: a word's box is about 1.15 times its type size)
small=$(pdftotext -bbox lo/b1.pdf - | python3 -c '
import re, sys
h = [float(b) - float(a) for a, b in re.findall(r"yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\"", sys.stdin.read())]
print("%.1f" % (min(h) / 1.15 if h else 0))')
python3 -c "import sys; sys.exit(0 if float('$small') >= 8 else 1)" && ok || fail "Biểu 1 prints at $small pt (< 8)"
# the open cells' marking is for the screen: nothing of it prints
check "xlsx Biểu 1 of 304 by commune" run_dv o e report db --form bieu-1 --unit 304 --period 2023S1 --level 3 --format xlsx --out open.xlsx
unzip -p open.xlsx xl/styles.xml | grep -q 'locked="0"' && ok || fail "Biểu 1 of 304 has no open cell to look at"
if soffice --headless --norestore -env:UserInstallation=file://$W/lo/profile --convert-to pdf --outdir lo open.xlsx \
  >lo/log 2>&1 && [ -s lo/open.pdf ]; then
  pdftoppm -r 50 lo/open.pdf lo/open || fail "pdftoppm open.pdf"
  pdftotext lo/open.pdf - | grep -qx "TT" && ok || fail "the printed Biểu 1 has no TT column"
  python3 - lo/open-*.ppm <<'PY' && ok || fail "the open cells print shaded (above)"
import sys
pale = grey = 0
for path in sys.argv[1:]:  # binary PPM (P6): four header fields, one space, then RGB bytes
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace(): pos += 1
        end = pos
        while not data[end:end + 1].isspace(): end += 1
        fields.append(data[pos:end]); pos = end
    px = data[pos + 1:]
    for i in range(0, len(px) - 2, 3):
        r, g, b = px[i], px[i + 1], px[i + 2]
        if r > 245 and 240 <= g <= 252 and 215 <= b <= 232: pale += 1                # FFF8E1, the old fill
        elif 230 <= r <= 240 and abs(r - g) < 3 and abs(r - b) < 3: grey += 1        # EDEDED, the header
if grey == 0: print('FAIL: no grey header pixel: are fills printed at all?', file=sys.stderr)
if pale: print('FAIL: %d pixels of the pale input fill' % pale, file=sys.stderr)
sys.exit(0 if grey and not pale else 1)
PY
else
  fail "LibreOffice did not convert open.xlsx: $(cat lo/log)"
fi
finish
