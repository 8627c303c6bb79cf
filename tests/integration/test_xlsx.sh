#!/usr/bin/env bash
# XLSX (issue 6), on the demo database.
#   The round trip: Biểu 1 of quận Ngô Quyền (304) by commune (--level 3) for 2023S1 exported
#   as XLSX; a script changes one cell the sheet leaves open (its style is unlocked) in the
#   sheet XML; `danvan import xlsx` writes that one value (a value.set audit entry, an
#   import.xlsx entry with "cells":1) and the annex (JSON) shows it; clearing the cell clears
#   the value (value.clear). Biểu 3 of 304 (one row, area totals): the typed total keeps what
#   the communes have and stores the unit's own part.
#   Three-way: cell X changed by a colleague (`danvan import values`) after the workbook was
#   downloaded, cell Y changed in the workbook: the import writes Y and X keeps the colleague's
#   value; X changed in the workbook too (to another value) is a conflict, refused with the sheet,
#   the cell, the value at download, now and in the file, the database unchanged (also over HTTP:
#   409). The same value on both sides is no change; a forged "danvan-values" sheet gives a no-op
#   or a refusal; a workbook of version 1 (no values as downloaded) is read as before, one of
#   version 2 without the sheet "danvan-values" is refused.
#   Refused, with the sheet and the cell named and the database unchanged (dumps equal): an
#   edited header, a changed row label, text in a number cell, a computed cell (a sum formula
#   replaced by a number), a cell outside the table, a sheet of another layout (Biểu 2's
#   workbook said to be Biểu 1), a viewer's change (--user xem), a file that is not a zip, a
#   malformed sheet XML, and, after Biểu 1 of 304 is approved, a change in the locked period.
#   The register list: `danvan export dialogues --format xlsx` holds xl/worksheets/sheet1.xml
#   and every record of the CSV export (titles, dates as dates).
#   HTTP: "Tải XLSX" on the annex and register pages, the downloads (MIME type, attachment),
#   the upload on /entry (/entry/import: the count of changed cells, or the refusal with the
#   cell; CSRF required).
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed" >&2; exit 1; }
cd "$W" || exit 1

# --- helpers on workbooks (python3 stdlib) ---------------------------------------------------
cat >xl.py <<'PY'
"""xl.py COMMAND ...: what a user's spreadsheet program would do to a workbook, done on its XML
  set IN OUT CELL n|s|blank [VALUE] [PART]   write a number, an inline string or nothing in a cell
  values IN OUT                              the formulas evaluated and replaced by their values
  open FILE                                  the cells left unlocked (where a unit types), in order
  sheets FILE                                name<TAB>state of every sheet
  parts FILE                                 the parts of the zip
  strings FILE                               every text of the workbook (shared strings), one a line
  pos FILE CELL HEADROWS                     "row col" of CELL in the report JSON (0-based; HEADROWS: the
                                             header rows and the column numbers' row, if any)
  old IN OUT FORMAT                          the workbook as a version 1 or 2 writer laid it out: no TT
                                             column (column A dropped, cells shifted left), FORMAT in danvan
  left CELL                                  the cell one column left ("C9" -> "B9")
  layout FILE                                the TT column, the column numbers' row and the open cells'
                                             fill and prompts of the annex sheet, as JSON"""
import re, sys, zipfile

def unlocked_styles(z):
    xfs = re.search(r'<cellXfs[^>]*>(.*?)</cellXfs>', z.read('xl/styles.xml').decode(), re.S).group(1)
    return {i for i, xf in enumerate(re.findall(r'<xf\b[^>]*?(?:/>|>.*?</xf>)', xfs, re.S)) if 'locked="0"' in xf}

def open_cells(path):
    z = zipfile.ZipFile(path)
    ok = unlocked_styles(z)
    sheet = z.read('xl/worksheets/sheet1.xml').decode()
    return [m.group(1) for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*?\bs="([0-9]+)"', sheet) if int(m.group(2)) in ok]

def set_cell(src, dst, cell, kind, value='', part='xl/worksheets/sheet1.xml'):
    zin = zipfile.ZipFile(src)
    xml = zin.read(part).decode('utf-8')
    m = re.search(r'<c r="%s"([^>]*?)(/>|>.*?</c>)' % cell, xml, re.S)
    if not m:  # a new row below the others
        row = re.match(r'[A-Z]+([0-9]+)$', cell).group(1)
        end = xml.index('</sheetData>')
        xml = xml[:end] + '<row r="%s"><c r="%s"/></row>' % (row, cell) + xml[end:]
        m = re.search(r'<c r="%s"([^>]*?)(/>|>.*?</c>)' % cell, xml, re.S)
    attrs = re.sub(r'\s+t="[^"]*"', '', m.group(1))
    value = value.replace('&', '&amp;').replace('<', '&lt;')
    new = {'n': '<c r="%s"%s><v>%s</v></c>', 's': '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>',
           'blank': '<c r="%s"%s/>'}[kind]
    new = new % ((cell, attrs, value) if kind != 'blank' else (cell, attrs))
    xml = xml[:m.start()] + new + xml[m.end():]
    zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for it in zin.infolist():
        zout.writestr(it, xml.encode('utf-8') if it.filename == part else zin.read(it.filename))
    zout.close()

def paste_values(src, dst, part='xl/worksheets/sheet1.xml'):
    """what "paste values" or a program without formulas leaves: every formula of the sheet evaluated
    (the two shapes danvan writes: IF(COUNT(..)=0,"",SUM(..)) and IF(X="","",X)) and dropped"""
    zin = zipfile.ZipFile(src)
    sst = [''.join(re.findall(r'<t[^>]*>(.*?)</t>', si, re.S))
           for si in re.findall(r'<si>(.*?)</si>', zin.read('xl/sharedStrings.xml').decode(), re.S)]
    xml = zin.read(part).decode('utf-8')
    cells = {}
    for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', xml, re.S):
        body, t = m.group(3) or '', re.search(r'\bt="([^"]*)"', m.group(2))
        v = re.search(r'<v>(.*?)</v>', body, re.S)
        f = re.search(r'<f>(.*?)</f>', body, re.S)
        val = None
        if t and t.group(1) == 's' and v: val = sst[int(v.group(1))]
        elif t and t.group(1) in ('str', 'inlineStr'): val = (v.group(1) if v else ''.join(re.findall(r'<t>(.*?)</t>', body)))
        elif v: val = float(v.group(1))
        cells[m.group(1)] = [val, f.group(1).replace('&quot;', '"') if f else None]
    def refs(args):
        out = []
        for a in args.split(','):
            if ':' in a:
                (c1, r1), (c2, r2) = [re.match(r'([A-Z]+)(\d+)', x).groups() for x in a.split(':')]
                out += ['%s%d' % (c1, r) for r in range(int(r1), int(r2) + 1)]
            else: out.append(a)
        return out
    def num(ref):
        v = cells.get(ref, [None])[0]
        return v if isinstance(v, float) else None
    for _ in range(5):  # sums of sums settle in a few passes
        for ref, (val, f) in cells.items():
            if not f: continue
            m = re.match(r'IF\(COUNT\((.*?)\)=0,"",SUM\(.*\)\)$', f)
            if m:
                ns = [x for x in map(num, refs(m.group(1))) if x is not None]
                cells[ref][0] = sum(ns) if ns else ''
                continue
            m = re.match(r'IF\(([A-Z]+\d+)="","",\1\)$', f)
            if m: cells[ref][0] = num(m.group(1)) if num(m.group(1)) is not None else ''
    def cell_xml(m):
        ref, attrs = m.group(1), re.sub(r'\s+t="[^"]*"', '', m.group(2))
        val, f = cells[ref]
        if not f: return m.group(0)
        if val == '' or val is None: return '<c r="%s"%s/>' % (ref, attrs)
        return '<c r="%s"%s><v>%s</v></c>' % (ref, attrs, repr(val) if val != int(val) else int(val))
    xml = re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', cell_xml, xml, flags=re.S)
    zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for it in zin.infolist():
        zout.writestr(it, xml.encode('utf-8') if it.filename == part else zin.read(it.filename))
    zout.close()

def col_index(letters):
    n = 0
    for ch in letters: n = n * 26 + ord(ch) - 64
    return n - 1

def col_letters(i):
    s = ''
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s

def left(cell):
    m = re.match(r'([A-Z]+)([0-9]+)$', cell)
    return col_letters(col_index(m.group(1)) - 1) + m.group(2)

def drop_column_a(xml):
    """the cells of column A gone, every other cell one column left (what the reader looks at)"""
    xml = re.sub(r'<c r="A[0-9]+"[^>]*?(?:/>|>.*?</c>)', '', xml, flags=re.S)
    xml = re.sub(r'<c r="([A-Z]+[0-9]+)"', lambda m: '<c r="%s"' % left(m.group(1)), xml)
    return re.sub(r'<(mergeCells|dataValidations|sheetViews)\b.*?</\1>', '', xml, flags=re.S)

def old_layout(src, dst, fmt):
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for it in zin.infolist():
        data = zin.read(it.filename)
        if it.filename in ('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml'):
            data = drop_column_a(data.decode()).encode()
        zout.writestr(it, data)
    zout.close()
    set_cell(dst, dst + '.tmp', 'B1', 's', fmt, 'xl/worksheets/sheet2.xml')
    import os
    os.replace(dst + '.tmp', dst)

def layout(path):
    """what a reader of the annex sheet sees: column A, the row of column numbers, the open cells'
    fills and which of them a prompt covers"""
    z = zipfile.ZipFile(path)
    sst = [''.join(re.findall(r'<t[^>]*>(.*?)</t>', si, re.S))
           for si in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
    sheet = z.read('xl/worksheets/sheet1.xml').decode()
    rows = {}
    for m in re.finditer(r'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', sheet, re.S):
        v = re.search(r'<v>(.*?)</v>', m.group(4) or '')
        if not v or not v.group(1): continue
        t = re.search(r'\bt="([^"]*)"', m.group(3))
        t = t.group(1) if t else 'n'
        val = sst[int(v.group(1))] if t == 's' else v.group(1) if t == 'str' else float(v.group(1))
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = val
    styles = z.read('xl/styles.xml').decode()
    xfs = re.findall(r'<xf\b[^>]*?(?:/>|>.*?</xf>)', re.search(r'<cellXfs[^>]*>(.*?)</cellXfs>', styles, re.S).group(1), re.S)
    filled = [re.search(r'fillId="([0-9]+)"', xf).group(1) != '0' for xf in xfs if 'locked="0"' in xf]
    prompted = set()
    for m in re.finditer(r'<dataValidation\b([^>]*)>', sheet):
        if 'promptTitle' not in m.group(1): continue
        for rng in re.search(r'sqref="([^"]*)"', m.group(1)).group(1).split():
            a, _, b = rng.partition(':')
            (c1, r1), (c2, r2) = [re.match(r'([A-Z]+)([0-9]+)$', x).groups() for x in (a, b or a)]
            for r in range(int(r1), int(r2) + 1):
                for c in range(col_index(c1), col_index(c2) + 1): prompted.add('%s%d' % (col_letters(c), r))
    return {'rows': {str(k): v for k, v in rows.items()}, 'open_filled': any(filled),
            'open_unprompted': [c for c in open_cells(path) if c not in prompted]}

if __name__ == '__main__':
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == 'values': paste_values(a[0], a[1])
    elif cmd == 'set': set_cell(a[0], a[1], a[2], a[3], a[4] if len(a) > 4 else '', a[5] if len(a) > 5 else 'xl/worksheets/sheet1.xml')
    elif cmd == 'open': print('\n'.join(open_cells(a[0])))
    elif cmd == 'sheets':
        wb = zipfile.ZipFile(a[0]).read('xl/workbook.xml').decode()
        for m in re.finditer(r'<sheet [^>]*?name="([^"]*)"[^>]*?/>', wb):
            st = re.search(r'state="([^"]*)"', m.group(0))
            print('%s\t%s' % (m.group(1), st.group(1) if st else 'visible'))
    elif cmd == 'parts': print('\n'.join(zipfile.ZipFile(a[0]).namelist()))
    elif cmd == 'strings':
        sst = zipfile.ZipFile(a[0]).read('xl/sharedStrings.xml').decode()
        for si in re.findall(r'<si>(.*?)</si>', sst, re.S):
            t = ''.join(re.findall(r'<t[^>]*>(.*?)</t>', si, re.S))
            print(t.replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"'))
    elif cmd == 'pos':
        m = re.match(r'([A-Z]+)([0-9]+)$', a[1])
        print(int(m.group(2)) - 1 - 4 - int(a[2]), col_index(m.group(1)) - 2)  # A: TT, B: the labels
    elif cmd == 'old': old_layout(a[0], a[1], a[2])
    elif cmd == 'left': print(left(a[0]))
    elif cmd == 'layout':
        import json
        print(json.dumps(layout(a[0]), ensure_ascii=False))
PY
xl() { python3 "$W/xl.py" "$@"; }

# value ROW COL : the annex value at (row, col) in report.json ("null" for blank)
value() { python3 -c 'import json,sys; d=json.load(open("report.json")); print(json.dumps(d["rows"][int(sys.argv[1])]["values"][int(sys.argv[2])]))' "$1" "$2"; }
depth() { python3 -c 'import json; d=json.load(open("report.json")); print(max(len(c) for c in d["columns"]))'; }

# refused NAME FILE WANT... [-- ARGS]: the import fails, stderr has every WANT, the database is unchanged
refused() {
  local name=$1 file=$2
  shift 2
  local wants=() extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do wants+=("$1"); shift; done
  [ "${1:-}" = "--" ] && { shift; extra=("$@"); }
  dump_db db before.sql
  if run_dv o e import xlsx db "$file" "${extra[@]}"; then
    fail "$name: the import was accepted: $(cat o)"
    return
  fi
  ok
  local w
  for w in "${wants[@]}"; do
    if grep -qF -- "$w" e; then ok; else fail "$name: the message lacks \"$w\": $(cat e)"; fi
  done
  dump_db db after.sql
  if cmp -s before.sql after.sql; then ok; else fail "$name: the database changed"; fi
}

run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
B1=(--form bieu-1 --period 2023S1 --unit 304 --level 3)

# --- the workbook --------------------------------------------------------------------------------
run_dv o e report db "${B1[@]}" --format xlsx --out b1.xlsx || { fail "report --format xlsx: $(cat e)"; finish; }
if xl parts b1.xlsx | grep -x 'xl/worksheets/sheet1.xml' >/dev/null; then ok; else fail "b1.xlsx has no xl/worksheets/sheet1.xml"; fi
xl sheets b1.xlsx >sheets.txt
if grep -qxP 'Biểu 1\tvisible' sheets.txt && grep -qxP 'danvan\thidden' sheets.txt; then ok; else
  fail "sheets: a visible \"Biểu 1\" and a hidden \"danvan\" expected: $(cat sheets.txt)"
fi
if run_dv o e report db "${B1[@]}" --format xlsx; then fail "xlsx without --out is refused"; else ok; fi
grep -q -- "--out" e && ok || fail "xlsx without --out: the message names --out: $(cat e)"

# --- the round trip --------------------------------------------------------------------------------
run_dv report.json e report db "${B1[@]}" --format json || fail "report json: $(cat e)"
D=$(depth)
CELL=$(xl open b1.xlsx | sed -n 1p)
[ -n "$CELL" ] && ok || { fail "no open cell in the Biểu 1 workbook"; finish; }
read -r ROW COL < <(xl pos b1.xlsx "$CELL" "$D")
OLD=$(value "$ROW" "$COL")
NEW=$(python3 -c 'import sys; v=sys.argv[1]; print((0 if v=="null" else int(v)) + 7)' "$OLD")
SETS=$(sqlite3 db "select count(*) from audit where action='value.set'")
xl set b1.xlsx b1m.xlsx "$CELL" n "$NEW"
if run_dv o e import xlsx db b1m.xlsx; then ok; else fail "import of the changed cell $CELL: $(cat e)"; fi
grep -q "Đã nhập 1 ô" o && ok || fail "the import reports 1 changed cell: $(cat o)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$ROW" "$COL")" = "$NEW" ] && ok || fail "the annex shows $NEW at $CELL (row $ROW, col $COL): $(value "$ROW" "$COL")"
[ "$(sqlite3 db "select count(*) from audit where action='value.set'")" = $((SETS + 1)) ] && ok ||
  fail "one value.set audit entry expected"
sqlite3 db "select after from audit where action='import.xlsx'" | grep -q '"cells":1' && ok ||
  fail "an import.xlsx audit entry with \"cells\":1 expected"
# the same file again: nothing changes
run_dv o e import xlsx db b1m.xlsx && grep -q "Không có ô nào thay đổi" o && ok || fail "re-import: $(cat o e)"
# the workbook of before the import, edited again: the cell changed since it was downloaded (by that import)
xl set b1m.xlsx b1mm.xlsx "$CELL" n $((NEW + 1))
refused "the cell changed since the download" b1mm.xlsx \
  "b1mm.xlsx: trang tính \"Biểu 1\", ô $CELL: số liệu đã được sửa thành $NEW sau khi tải tệp"
# a cleared cell clears the value (in a workbook downloaded after the import)
run_dv o e report db "${B1[@]}" --format xlsx --out b1n.xlsx || fail "export again: $(cat e)"
xl set b1n.xlsx b1c.xlsx "$CELL" blank
run_dv o e import xlsx db b1c.xlsx || fail "import of the cleared cell: $(cat e)"
grep -q "Đã nhập 1 ô" o && ok || fail "the cleared cell: 1 changed cell: $(cat o)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$ROW" "$COL")" = "null" ] && ok || fail "the cleared cell is blank in the annex: $(value "$ROW" "$COL")"
[ "$(sqlite3 db "select count(*) from audit where action='value.clear'")" -ge 1 ] && ok || fail "a value.clear entry"
# the same change through a program that keeps no formulas: sums and totals recomputed as values agree
# with the typed cell and are no change; a sum that does not agree is refused
run_dv o e report db "${B1[@]}" --format xlsx --out b1e.xlsx || fail "export again: $(cat e)"
xl set b1e.xlsx b1m.xlsx "$CELL" n "$NEW"
xl values b1m.xlsx b1v.xlsx
if grep -q '<f>' < <(unzip -p b1v.xlsx xl/worksheets/sheet1.xml 2>/dev/null || python3 -c 'import zipfile,sys; sys.stdout.write(zipfile.ZipFile("b1v.xlsx").read("xl/worksheets/sheet1.xml").decode())'); then
  fail "values only: formulas left"
fi
if run_dv o e import xlsx db b1v.xlsx; then ok; else fail "values only (sums recomputed): $(cat e)"; fi
grep -q "Đã nhập 1 ô" o && ok || fail "values only: 1 changed cell: $(cat o e)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$ROW" "$COL")" = "$NEW" ] && ok || fail "values only: the annex shows $NEW: $(value "$ROW" "$COL")"

# Biểu 3 of 304: one row of area totals; the unit types the total, its own part is stored
run_dv report.json e report db --form bieu-3 --period 2023S1 --unit 304 --format json
run_dv o e report db --form bieu-3 --period 2023S1 --unit 304 --format xlsx --out b3.xlsx || fail "Biểu 3 xlsx: $(cat e)"
for C in $(xl open b3.xlsx); do
  read -r R K < <(xl pos b3.xlsx "$C" $(($(depth) + 1)))  # Biểu 3 numbers its columns under the header
  V=$(value "$R" "$K")
  [ "$V" != "null" ] && [ "$V" -gt 0 ] 2>/dev/null && { A3=$C; A3R=$R; A3K=$K; A3V=$V; break; }
done
if [ -n "${A3:-}" ]; then
  xl set b3.xlsx b3m.xlsx "$A3" n $((A3V + 5))
  run_dv o e import xlsx db b3m.xlsx || fail "Biểu 3 area total: $(cat e)"
  run_dv report.json e report db --form bieu-3 --period 2023S1 --unit 304 --format json
  [ "$(value "$A3R" "$A3K")" = $((A3V + 5)) ] && ok || fail "Biểu 3 $A3 shows $((A3V + 5)): $(value "$A3R" "$A3K")"
else
  fail "Biểu 3 of 304: no open cell with a value"
fi

# --- as the seed prints them (issue 14, item 5): TT, the column numbers, no fill where a unit types --------
# LAYOUT FILE REPORT.JSON NUMBERS: column A is "TT" over the header and numbers the rows that are not
# totals (1, 2, 3 …; a "Tổng"/"Cộng" row has none); NUMBERS "" = no row of column numbers, else its
# format ("1" or "01"): the row under the header reads A B 1 2 3 … (or 01 02 …) over every column;
# the open cells have no fill (it would print) and each has the prompt (a data validation)
layout_ok() {
  xl layout "$1" >layout.json
  python3 - layout.json "$2" "$3" <<'PY2'
import json, sys
lay, rep, nums = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
rows = {int(k): v for k, v in lay['rows'].items()}
depth = max(len(c) for c in rep['columns'])
assert rows[5].get('A') == 'TT', ('A5', rows[5].get('A'))
first = 5 + depth + (1 if nums else 0)
if nums:
    want = ['A', 'B'] + [('%02d' if nums == '01' else '%d') % (i + 1) for i in range(len(rep['columns']))]
    got = [rows[5 + depth].get(chr(65 + i) if i < 26 else 'A' + chr(65 + i - 26)) for i in range(len(want))]
    assert got == want, ('column numbers', got, want)
else:
    assert rows.get(5 + depth, {}).get('A') not in ('A',), 'a column numbers row where the form has none'
n = 0
for i, r in enumerate(rep['rows']):
    tt = rows.get(first + i, {}).get('A')
    assert rows.get(first + i, {}).get('B') == r['label'], ('label', first + i, r['label'])
    if r['label'] in ('Tổng', 'Cộng'):
        assert tt is None, ('a total numbered', first + i, tt)
    else:
        n += 1
        assert tt == n, ('TT', first + i, tt, n)
assert not lay['open_filled'], 'an open cell has a fill (it prints)'
assert not lay['open_unprompted'], ('open cells without the prompt', lay['open_unprompted'][:5])
PY2
}
run_dv report.json e report db "${B1[@]}" --format json
if layout_ok b1.xlsx report.json ""; then ok; else fail "Biểu 1 by commune: TT, no column numbers, open cells (above)"; fi
run_dv report.json e report db --form bieu-3 --period 2023S1 --unit 304 --format json
if layout_ok b3.xlsx report.json 01; then ok; else fail "Biểu 3: TT and the column numbers 01 02 … (above)"; fi
run_dv report.json e report db --form bieu-2 --period 2023S1 --unit 304 --format json
run_dv o e report db --form bieu-2 --period 2023S1 --unit 304 --format xlsx --out b2s.xlsx || fail "Biểu 2 xlsx: $(cat e)"
if layout_ok b2s.xlsx report.json 1; then ok; else fail "Biểu 2: TT and the column numbers 1 2 … (above)"; fi
# Biểu 2's round trip under its column numbers: an open cell typed, imported, shown
C2=$(xl open b2s.xlsx | sed -n 1p)
if [ -n "$C2" ]; then
  read -r R2 K2 < <(xl pos b2s.xlsx "$C2" $(($(depth) + 1)))
  V2=$(value "$R2" "$K2")
  N2=$(python3 -c 'import sys; v=sys.argv[1]; print((0 if v=="null" else int(v)) + 9)' "$V2")
  xl set b2s.xlsx b2m.xlsx "$C2" n "$N2"
  run_dv o e import xlsx db b2m.xlsx && grep -q "Đã nhập 1 ô" o && ok || fail "Biểu 2 import of $C2: $(cat o e)"
  run_dv report.json e report db --form bieu-2 --period 2023S1 --unit 304 --format json
  [ "$(value "$R2" "$K2")" = "$N2" ] && ok || fail "Biểu 2 $C2 shows $N2: $(value "$R2" "$K2")"
else
  fail "Biểu 2 of 304: no open cell"
fi
# an edited column number is another layout: refused
xl set b2s.xlsx b2num.xlsx C$((5 + $(depth))) s "7"
refused "an edited column number" b2num.xlsx "ô C$((5 + $(depth))): tiêu đề cột khác mẫu (\"7\" thay vì \"1\")"

# --- changed by others since the download: three-way -----------------------------------------------
run_dv forms.txt e forms show bieu-1 || fail "forms show: $(cat e)"
# key CELL: "element,combo,unit" of an open cell of the Biểu 1 drill-down (report.json, forms.txt, units)
key() {
  local r k
  read -r r k < <(xl pos b1.xlsx "$1" "$D")
  python3 - "$r" "$k" <<'PY'
import json, re, sqlite3, sys
r, k = int(sys.argv[1]), int(sys.argv[2])
label = json.load(open('report.json'))['rows'][r]['label']
lines, col = open('forms.txt', encoding='utf-8').read().split('\n'), None
for i, l in enumerate(lines):
    m = re.match(r'\s*(\d+)\s', l)
    if m and int(m.group(1)) == k + 1:
        col = re.match(r'\s*= (\S+) (\S+) @', lines[i + 1])
        break
units = sqlite3.connect('db').execute('select code from units where name = ?', (label,)).fetchall()
assert col and len(units) == 1, (label, k)
print('%s,%s,%s' % (col.group(1), col.group(2), units[0][0]))
PY
}
# colleague KEY VALUE: the value changed through another path (a values CSV); "" clears it
colleague() {
  local el=${1%%,*} rest=${1#*,}
  printf 'element,combo,period,unit,value\n%s,%s,2023S1,%s,%s\n' "$el" "${rest%,*}" "${rest#*,}" "$2" >c.csv
  run_dv o e import values db c.csv || fail "import values $1=$2: $(cat e)"
}
run_dv o e report db "${B1[@]}" --format xlsx --out old.xlsx || fail "export: $(cat e)"
run_dv report.json e report db "${B1[@]}" --format json
mapfile -t OPEN < <(xl open old.xlsx)
X=${OPEN[1]} Y=${OPEN[2]}
read -r XR XK < <(xl pos old.xlsx "$X" "$D")
read -r YR YK < <(xl pos old.xlsx "$Y" "$D")
XKEY=$(key "$X")
[ -n "$XKEY" ] && ok || fail "no element, option and unit for $X"
XOLD=$(value "$XR" "$XK") YOLD=$(value "$YR" "$YK")
XC=$(python3 -c 'import sys; v=sys.argv[1]; print((0 if v=="null" else int(v)) + 3)' "$XOLD")
YNEW=$(python3 -c 'import sys; v=sys.argv[1]; print((0 if v=="null" else int(v)) + 11)' "$YOLD")
colleague "$XKEY" "$XC"
xl set old.xlsx old-y.xlsx "$Y" n "$YNEW"
if run_dv o e import xlsx db old-y.xlsx; then ok; else fail "three-way: Y changed in the workbook, X by a colleague: $(cat e)"; fi
grep -q "Đã nhập 1 ô" o && ok || fail "three-way: 1 changed cell: $(cat o)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$XR" "$XK")" = "$XC" ] && ok || fail "three-way: $X keeps the colleague's $XC: $(value "$XR" "$XK")"
[ "$(value "$YR" "$YK")" = "$YNEW" ] && ok || fail "three-way: $Y shows $YNEW: $(value "$YR" "$YK")"
# a forged value as downloaded (the sheet's own) makes the user's change no change: nothing written
xl set old.xlsx forged.xlsx "$X" n 500
xl set forged.xlsx forged2.xlsx "$X" n 500 xl/worksheets/sheet3.xml
run_dv o e import xlsx db forged2.xlsx && grep -q "Không có ô nào thay đổi" o && ok || fail "forged: no change: $(cat o e)"
# X changed on both sides: refused, all or nothing (Y changed too)
run_dv o e report db "${B1[@]}" --format xlsx --out old2.xlsx || fail "export: $(cat e)"
XC2=$((XC + 1)) MINE=$((XC + 40))
colleague "$XKEY" "$XC2"
xl set old2.xlsx old2-y.xlsx "$Y" n $((YNEW + 1))
xl set old2-y.xlsx both.xlsx "$X" n "$MINE"
refused "a cell changed on both sides" both.xlsx \
  "both.xlsx: trang tính \"Biểu 1\", ô $X: số liệu đã được sửa thành $XC2 sau khi tải tệp (lúc tải: $XC, trong tệp: $MINE) — hãy tải lại tệp"
# ... also when the colleague cleared it
colleague "$XKEY" ""
refused "a cell cleared since the download" both.xlsx "ô $X: số liệu đã bị xóa sau khi tải tệp (lúc tải: $XC, trong tệp: $MINE)"
# the same value on both sides: nothing to write there; Y is still written
colleague "$XKEY" "$MINE"
run_dv o e import xlsx db both.xlsx || fail "the same value on both sides: $(cat e)"
grep -q "Đã nhập 1 ô" o && ok || fail "the same value on both sides: only Y: $(cat o)"
# a forged value as downloaded can only refuse
xl set old2.xlsx forged3.xlsx "$X" n 901
xl set forged3.xlsx forged4.xlsx "$X" n 7 xl/worksheets/sheet3.xml
refused "a forged value as downloaded" forged4.xlsx "ô $X: số liệu đã được sửa thành $MINE sau khi tải tệp (lúc tải: 7, trong tệp: 901)"
# version 1 (no values as downloaded): compared with the annex now, as before
run_dv o e report db "${B1[@]}" --format xlsx --out v2.xlsx || fail "export: $(cat e)"
xl old v2.xlsx v1.xlsx danvan-annex-1
xl set v1.xlsx v1x.xlsx "$(xl left "$X")" n $((MINE + 1))
run_dv o e import xlsx db v1x.xlsx && grep -q "Đã nhập 1 ô" o && ok || fail "a version 1 workbook: $(cat o e)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$XR" "$XK")" = $((MINE + 1)) ] && ok || fail "version 1: $X (at $(xl left "$X") then) shows $((MINE + 1)): $(value "$XR" "$XK")"
# version 2 (before the TT column), with its values as downloaded: read where that writer put them
run_dv o e report db "${B1[@]}" --format xlsx --out v3.xlsx || fail "export: $(cat e)"
xl old v3.xlsx v2old.xlsx danvan-annex-2
xl set v2old.xlsx v2x.xlsx "$(xl left "$Y")" n 4242
run_dv o e import xlsx db v2x.xlsx && grep -q "Đã nhập 1 ô" o && ok || fail "a version 2 workbook: $(cat o e)"
run_dv report.json e report db "${B1[@]}" --format json
[ "$(value "$YR" "$YK")" = 4242 ] && ok || fail "version 2: $Y shows 4242: $(value "$YR" "$YK")"
python3 - v2.xlsx nov.xlsx <<'PY'
import sys, zipfile
zin, zout = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    data = zin.read(it.filename)
    zout.writestr(it, data.replace(b'name="danvan-values"', b'name="khac"') if it.filename == 'xl/workbook.xml' else data)
zout.close()
PY
refused "no values as downloaded" nov.xlsx 'nov.xlsx: không có trang tính "danvan-values"'

# --- refusals ------------------------------------------------------------------------------------
run_dv o e report db "${B1[@]}" --format xlsx --out ref.xlsx
xl set ref.xlsx bad-head.xlsx C5 s "Tổ chức hội nghị (sửa)"
refused "an edited header" bad-head.xlsx 'bad-head.xlsx: trang tính "Biểu 1", ô C5: tiêu đề cột khác mẫu'
xl set ref.xlsx bad-tt.xlsx A5 s "STT"
refused "an edited TT header" bad-tt.xlsx 'ô A5: tiêu đề cột khác mẫu ("STT" thay vì "TT")'
xl set ref.xlsx bad-label.xlsx B$((5 + D)) s "Phường Không Có"
refused "a changed row label" bad-label.xlsx "ô B$((5 + D)): tên hàng khác mẫu"
xl set ref.xlsx bad-text.xlsx "$CELL" s "abc"
refused "text in a number cell" bad-text.xlsx "trang tính \"Biểu 1\", ô $CELL: có chữ \"abc\" trong ô số"
xl set ref.xlsx bad-neg.xlsx "$CELL" n -3
refused "a negative count" bad-neg.xlsx "ô $CELL: -3 không phải số nguyên không âm"
xl set ref.xlsx bad-sum.xlsx C$((5 + D)) n 12345
refused "a computed cell" bad-sum.xlsx "ô C$((5 + D)): ô này được tính tự động"
xl set ref.xlsx bad-out.xlsx A40 s "ghi chú"
refused "a cell outside the table" bad-out.xlsx "ô A40: nằm ngoài bảng số liệu"
xl set ref.xlsx bad-user.xlsx "$CELL" n 99
refused "a viewer's change" bad-user.xlsx "ô $CELL: không có quyền nhập số liệu" -- --user xem
run_dv o e report db --form bieu-2 --period 2023S1 --unit 304 --level 3 --format xlsx --out b2.xlsx
xl set b2.xlsx b2as1.xlsx B2 s bieu-1 xl/worksheets/sheet2.xml
refused "another layout" b2as1.xlsx 'b2as1.xlsx: trang tính "Biểu 2", ô ' "tiêu đề cột khác mẫu"
printf 'element,combo,period,unit,value\n' >notzip.xlsx
refused "not a zip" notzip.xlsx "notzip.xlsx: không phải tệp XLSX"
python3 - ref.xlsx broken.xlsx <<'PY'
import sys, zipfile
zin, zout = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    data = zin.read(it.filename)
    zout.writestr(it, data[:len(data) // 2] if it.filename == 'xl/worksheets/sheet1.xml' else data)
zout.close()
PY
refused "malformed sheet XML" broken.xlsx "broken.xlsx: phần xl/worksheets/sheet1.xml: XML không hợp lệ"

# --- the register list ---------------------------------------------------------------------------
run_dv dialogues.csv e export dialogues db --unit 304 --period 2023S1 || fail "export dialogues csv: $(cat e)"
run_dv o e export dialogues db --unit 304 --period 2023S1 --format xlsx --out dialogues.xlsx || fail "export xlsx: $(cat e)"
xl parts dialogues.xlsx | grep -x 'xl/worksheets/sheet1.xml' >/dev/null && ok || fail "dialogues.xlsx has no sheet1.xml"
xl strings dialogues.xlsx >dstrings.txt
python3 - dialogues.csv dstrings.txt dialogues.xlsx <<'PY' && ok || fail "the XLSX list lacks records of the CSV export"
import csv, re, sys, zipfile
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
strings = set(open(sys.argv[2], encoding='utf-8').read().split('\n'))
assert rows, 'no dialogues of 304 in 2023S1'
missing = [r['title'] for r in rows if r['title'] not in strings]
assert not missing, missing
assert 'Ngày đối thoại' in strings or any('Ngày' in s for s in strings), 'Vietnamese headings'
sheet = zipfile.ZipFile(sys.argv[3]).read('xl/worksheets/sheet1.xml').decode()
data_rows = [r for r in re.findall(r'<row r="(\d+)"', sheet) if int(r) >= 5]
assert len(data_rows) == len(rows), (len(data_rows), len(rows))
PY

# --- HTTP ------------------------------------------------------------------------------------------
start_server db
python3 - "$BASE" "$W/xl.py" <<'PY' && ok || fail "HTTP checks (above)"
import sys, uuid
sys.path.insert(0, sys.argv[2].rsplit('/', 1)[0])
import xl
from dvtest import Client
bad = []

me = Client(sys.argv[1], timeout=30).login("maychai", "maychai123")
cookie, csrf = me.cookie, me.csrf
get = me.get
request = me.client.req
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
q = "form=bieu-1&period=2023S1&unit=11329"

st, h, page = get("/report?" + q)
if b"T\xe1\xba\xa3i XLSX" not in page or b"format=xlsx" not in page: bad.append("/report has no \"Tải XLSX\" link")
st, h, book = get("/report?" + q + "&format=xlsx")
if st != 200 or h.get("content-type") != XLSX or not book.startswith(b"PK"):
    bad.append("GET /report format=xlsx: %d %s" % (st, h.get("content-type")))
if not h.get("content-disposition", "").startswith("attachment;") or ".xlsx" not in h.get("content-disposition", ""):
    bad.append("the workbook is an attachment .xlsx: %s" % h.get("content-disposition"))
open("web.xlsx", "wb").write(book)
st, h, page = get("/entry?" + q)
if b'action="/entry/import"' not in page or b"multipart/form-data" not in page: bad.append("/entry has no XLSX upload form")

def upload(path, fields, name, content):
    b = uuid.uuid4().hex
    body = b""
    for k, v in fields.items():
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
    body += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
             % (b, name, XLSX)).encode() + content + ("\r\n--%s--\r\n" % b).encode()
    return request("POST", path, body, {"Cookie": cookie, "Content-Type": "multipart/form-data; boundary=" + b})

cells = xl.open_cells("web.xlsx")
if not cells: bad.append("no open cell in Biểu 1 of 11329")
else:
    xl.set_cell("web.xlsx", "web-ok.xlsx", cells[0], "n", "4321")
    fields = {"csrf": csrf, "form": "bieu-1", "period": "2023S1", "unit": "11329"}
    st, h, page = upload("/entry/import", fields, "bieu1.xlsx", open("web-ok.xlsx", "rb").read())
    if st != 200 or "Đã nhập 1 ô thay đổi".encode() not in page: bad.append("upload: %d %r" % (st, page[:300]))
    st, h, data = get("/api/report?" + q)
    if b"4321" not in data: bad.append("the annex shows the uploaded value")
    # the workbook of before the upload, changed again: refused, the cell changed since the download
    xl.set_cell("web.xlsx", "web-old.xlsx", cells[0], "n", "1234")
    st, h, page = upload("/entry/import", fields, "bieu1.xlsx", open("web-old.xlsx", "rb").read())
    want = ("ô %s: số liệu đã được sửa thành 4321 sau khi tải tệp" % cells[0]).encode()
    if st != 409 or want not in page: bad.append("a cell changed since the download: %d %r" % (st, page[:300]))
    st, h, book = get("/report?" + q + "&format=xlsx")
    open("web2.xlsx", "wb").write(book)
    xl.set_cell("web2.xlsx", "web-bad.xlsx", cells[0], "s", "mười")
    st, h, page = upload("/entry/import", fields, "bieu1.xlsx", open("web-bad.xlsx", "rb").read())
    want = ('trang tính "Biểu 1", ô %s: có chữ' % cells[0]).encode()
    if st != 422 or want not in page.replace(b"&quot;", b'"'): bad.append("bad upload: %d, the cell named?" % st)
    f2 = dict(fields, csrf="0" * 64)
    st, h, page = upload("/entry/import", f2, "bieu1.xlsx", open("web-ok.xlsx", "rb").read())
    if st != 403: bad.append("upload without the CSRF token: %d" % st)

q = "unit=11329&period=2023S1"
st, h, page = get("/r/dialogues?" + q)
if b"export.xlsx" not in page: bad.append("/r/dialogues has no XLSX download")
st, h, data = get("/r/dialogues/export.xlsx?" + q)
if st != 200 or h.get("content-type") != XLSX or not data.startswith(b"PK") or \
   not h.get("content-disposition", "").startswith("attachment;"):
    bad.append("GET /r/dialogues/export.xlsx: %d %s" % (st, h.get("content-type")))
st, h, page = get("/registers?unit=11329&period=2023S1")
if b"export.xlsx" not in page: bad.append("/registers has no XLSX download")
for b in bad: print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# --- a locked period (last: the approval locks 304's subtree) ---------------------------------------
run_dv o e submit db --form bieu-1 --period 2023S1 --unit 304 --user ngoquyen --ack || fail "submit: $(cat e)"
run_dv o e approve db --form bieu-1 --period 2023S1 --unit 304 --user pheduyet || fail "approve: $(cat e)"
run_dv o e report db "${B1[@]}" --format xlsx --out locked.xlsx
[ -z "$(xl open locked.xlsx)" ] && ok || fail "a locked annex leaves no cell open"
xl set ref.xlsx bad-lock.xlsx "$CELL" n 77
refused "a locked period" bad-lock.xlsx "trang tính \"Biểu 1\", ô $CELL: số liệu đã khóa"
finish
