#!/usr/bin/env bash
# Issue 12 item 1: a cell fed by a register takes no hand-entered value where the unit has
# records for it in the period (docs/entry.md), whichever way the value comes.
#   Demo: Phường Máy Chai (11329) held one periodic dialogue co-chaired (dinh_ky.dong_chu_tri)
#   in 2024S2 and none chaired by the committee's head (dinh_ky.cap_uy).
#   - `danvan import values` of dinh_ky.dong_chu_tri for 11329 2024S2 is refused, the message
#     naming the line, the element and option and the register; the database is unchanged
#     (dumps equal). The same value of dinh_ky.cap_uy (no record) is taken.
#   - The XLSX of Biểu 5 for 11329 2024S2 leaves the cap_uy cell open and locks the
#     dong_chu_tri cell; a workbook whose locked cell was changed is refused naming the cell
#     and the register, the database unchanged.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

"$DV" init db --demo >/dev/null 2>&1 || { fail "init --demo"; finish; }
dump() { sqlite3 db .dump | grep -v -i 'audit\|sessions' >"$1"; }

# --- values CSV -------------------------------------------------------------------------------
printf 'element,combo,period,unit,value\ndialogues,dinh_ky.dong_chu_tri,2024S2,11329,5\n' >fed.csv
dump before.sql
if run_dv o e import values db fed.csv; then
  fail "import values of a register-fed cell with records was accepted"
else
  grep -q 'dinh_ky.dong_chu_tri' e && grep -qi 'sổ' e && grep -q 'dòng 2\|line 2\|:2' e && ok ||
    fail "the refusal names the line, the cell and the register: $(cat e)"
fi
dump after.sql
cmp -s before.sql after.sql && ok || fail "the refused import changed the database"

printf 'element,combo,period,unit,value\ndialogues,dinh_ky.cap_uy,2024S2,11329,2\n' >open.csv
check "import values of a register-fed cell without records of the unit" run_dv o e import values db open.csv

# --- XLSX -------------------------------------------------------------------------------------
run_dv o e report db --form bieu-5 --period 2024S2 --unit 11329 --level 3 --format xlsx --out b5.xlsx ||
  { fail "report xlsx: $(cat e)"; finish; }
cat >cells.py <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xfs = re.search(r'<cellXfs[^>]*>(.*?)</cellXfs>', z.read('xl/styles.xml').decode(), re.S).group(1)
unlocked = {i for i, xf in enumerate(re.findall(r'<xf\b[^>]*?(?:/>|>.*?</xf>)', xfs, re.S)) if 'locked="0"' in xf}
sheet = z.read('xl/worksheets/sheet1.xml').decode()
if sys.argv[2] == 'open':
    print(' '.join(m.group(1) for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*?\bs="([0-9]+)"', sheet)
                   if int(m.group(2)) in unlocked))
else:  # set CELL VALUE OUT
    cell, value, out = sys.argv[3:6]
    m = re.search(r'<c r="%s"([^>]*?)(/>|>.*?</c>)' % cell, sheet, re.S)
    attrs = re.sub(r'\s+t="[^"]*"', '', m.group(1))
    sheet = sheet[:m.start()] + '<c r="%s"%s><v>%s</v></c>' % (cell, attrs, value) + sheet[m.end():]
    zo = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
    for it in z.infolist():
        zo.writestr(it, sheet.encode() if it.filename == 'xl/worksheets/sheet1.xml' else z.read(it.filename))
    zo.close()
PY
OPEN=$(python3 cells.py b5.xlsx open)
# column A is TT, B the row labels: cap_uy (the form's column 1) in C, dong_chu_tri (3) in E
ROW=$(echo "$OPEN" | tr ' ' '\n' | sed -n 1p | tr -d 'A-Z')
case " $OPEN " in *" C$ROW "*) ok ;; *) fail "the cap_uy cell (C$ROW) is open: open cells $OPEN" ;; esac
case " $OPEN " in *" E$ROW "*) fail "the register-fed cell E$ROW is locked: open cells $OPEN" ;; *) ok ;; esac
python3 cells.py b5.xlsx set "E$ROW" 7 b5-changed.xlsx
dump before.sql
if run_dv o e import xlsx db b5-changed.xlsx --user maychai; then
  fail "a changed register-fed cell in the workbook was accepted"
else
  grep -q "E$ROW" e && grep -qi 'sổ' e && ok || fail "the refusal names the cell and the register: $(cat e)"
fi
dump after.sql
cmp -s before.sql after.sql && ok || fail "the refused workbook changed the database"
finish
