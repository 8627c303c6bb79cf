#!/usr/bin/env bash
# The CLI contract: init never overwrites, user add reads the password from stdin and
# checks role and unit, forms show prints element and combo codes, report fails clearly
# on bad input, and a unit name full of markup is escaped in HTML and verbatim in JSON/CSV.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

# expect_fail DESCRIPTION PATTERN args... : exit ≠ 0, a message on stderr matching PATTERN
# (fixed string), nothing on stdout
expect_fail() {
  local desc=$1 pat=$2
  shift 2
  if run_dv ef.out ef.err "$@" </dev/null; then
    fail "$desc: exit status 0, expected failure"
    return
  fi
  ok
  if [ -n "$pat" ] && ! grep -qF -- "$pat" ef.err; then
    fail "$desc: stderr does not mention '$pat': $(cat ef.err)"
  else ok; fi
  if [ -s ef.out ]; then fail "$desc: wrote to stdout on failure: $(head -c 200 ef.out)"; else ok; fi
}

# ---------------- init ----------------
printf 'not a database\n' >existing.txt
cp existing.txt existing.orig
expect_fail "init over an existing file" "existing.txt" init existing.txt
expect_fail "init --demo over an existing file" "existing.txt" init existing.txt --demo
check "init left the existing file unchanged" cmp -s existing.txt existing.orig
: >empty.db
expect_fail "init over an existing empty file" "empty.db" init empty.db
check "init left the empty file empty" test ! -s empty.db
if run_dv init.out init.err init db --demo; then ok; else fail "init --demo: $(cat init.err)"; finish; fi
dump_db db before.sql
expect_fail "init --demo over an existing database" "db" init db --demo
expect_fail "init over an existing database" "db" init db
dump_db db after.sql
check "init left the existing database unchanged" cmp -s before.sql after.sql
if run_dv init2.out init2.err init plain.db; then ok; else fail "init (no demo): $(cat init2.err)"; fi
check "init created the file" test -s plain.db

# ---------------- user add ----------------
PW='Mat-khau-rat-dai-9317'
if printf '%s\n' "$PW" | "$DV" user add db --login canbo.hb --unit 303 --role officer >ua.out 2>ua.err; then ok; else
  fail "user add (password on stdin): $(cat ua.err)"
fi
check "user add: the password is not echoed" bash -c '! grep -qF -- "$1" ua.out ua.err' _ "$PW"
check "user add: the password is not stored in clear" python3 - db "$PW" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for (t,) in con.execute("select name from sqlite_master where type='table'"):
    for row in con.execute(f'select * from "{t}"'):
        if any(isinstance(v, str) and sys.argv[2] in v for v in row):
            print(f"  the clear password is in table {t}"); sys.exit(1)
PY
for r in admin approver viewer; do
  if printf 'Mat-khau-%s-12345\n' "$r" | "$DV" user add db --login "u.$r" --unit 31 --role "$r" >ua.out 2>ua.err; then ok; else
    fail "user add --role $r: $(cat ua.err)"
  fi
done
dump_db db before.sql
for role in boss ADMIN "" officer,viewer; do
  if printf '%s\n' "$PW" | "$DV" user add db --login canbo.x --unit 303 --role "$role" >ua.out 2>ua.err; then
    fail "user add accepted --role '$role'"
  else
    ok
    [ -s ua.err ] && ok || fail "user add --role '$role': no message"
  fi
done
if printf '%s\n' "$PW" | "$DV" user add db --login canbo.x --unit 99999 --role officer >ua.out 2>ua.err; then
  fail "user add accepted the unknown unit 99999"
else
  ok
  grep -qF 99999 ua.err && ok || fail "user add, unknown unit: message does not name 99999: $(cat ua.err)"
fi
if printf '%s\n' "$PW" | "$DV" user add db --login canbo.hb --unit 303 --role officer >ua.out 2>ua.err; then
  fail "user add accepted a duplicate login"
else ok; fi
if "$DV" user add db --login canbo.y --unit 303 --role officer </dev/null >ua.out 2>ua.err; then
  fail "user add without a password on stdin succeeded"
else ok; fi
dump_db db after.sql
check "rejected user adds left the database unchanged" cmp -s before.sql after.sql

# ---------------- forms ----------------
if run_dv fl.out fl.err forms list; then ok; else fail "forms list: $(cat fl.err)"; fi
for n in 1 2 3 4 5 6 7; do
  grep -q "^bieu-$n\b" fl.out && ok || fail "forms list does not list bieu-$n"
done
if run_dv fs.out fs.err forms show bieu-5; then ok; else fail "forms show bieu-5: $(cat fs.err)"; fi
for t in dinh_ky chuyen_de dot_xuat; do
  for c in cap_uy chinh_quyen dong_chu_tri; do
    grep -qF "dialogues $t.$c" fs.out && ok || fail "forms show bieu-5 does not print 'dialogues $t.$c'"
  done
done
if run_dv fs6.out fs6.err forms show bieu-6; then ok; else fail "forms show bieu-6: $(cat fs6.err)"; fi
for e in fs_count fs_docs fs_recs fs_accepted; do
  grep -qw "$e" fs6.out && ok || fail "forms show bieu-6 does not print element $e"
done
expect_fail "forms show of an unknown form" "bieu-99" forms show bieu-99

# ---------------- report errors ----------------
expect_fail "report, unknown form" "bieu-9" report db --form bieu-9 --period 2023S1 --unit 31 --format json
expect_fail "report, bad period 2023S3" "2023S3" report db --form bieu-5 --period 2023S3 --unit 31 --format json
expect_fail "report, bad period 2023-06" "2023-06" report db --form bieu-5 --period 2023-06 --unit 31 --format json
expect_fail "report, unknown unit" "99999" report db --form bieu-5 --period 2023S1 --unit 99999 --format json
expect_fail "report, unknown format" "xml" report db --form bieu-5 --period 2023S1 --unit 31 --format xml
expect_fail "report, missing --unit" "" report db --form bieu-5 --period 2023S1
for l in abc 0 -1 2x; do
  expect_fail "report, bad --level $l" "$l" report db --form bieu-5 --period 2023S1 --unit 31 --level "$l" --format json
done
expect_fail "report, missing database" "" report nosuch.db --form bieu-5 --period 2023S1 --unit 31
check "report on a missing database did not create it" test ! -e nosuch.db
expect_fail "import into a missing database" "" import dialogues nosuch.db existing.txt
check "import into a missing database did not create it" test ! -e nosuch.db
expect_fail "unknown command" "" frobnicate db

# ---------------- escaping ----------------
XSS='<script>alert(1)</script>'
NAME2='Phường "Ngã Năm" & Chợ <b>'
cat >xss.csv <<'EOF'
code,name,type,level,parent_code
99100,<script>alert(1)</script>,Quận,2,31
99101,"Phường ""Ngã Năm"" & Chợ <b>",Phường,3,99100
EOF
if run_dv x.out x.err import units db xss.csv; then ok; else fail "import of the <script> unit: $(cat x.err)"; fi
printf 'date,unit,type,chair,title,participants\n2023-02-01,99100,dinh_ky,cap_uy,<img src=x onerror=alert(2)>,10\n' >xd.csv
if run_dv x.out x.err import dialogues db xd.csv; then ok; else fail "import of a dialogue in the <script> unit: $(cat x.err)"; fi

n=0
for args in "--unit 31 --level 2" "--unit 99100" "--unit 99100 --level 3"; do
  for form in bieu-1 bieu-5; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! "$DV" report db --form $form --period 2023S1 $args --format html >x$n.html 2>x.err; then
      fail "report $form $args --format html: $(cat x.err)"
      continue
    fi
    if grep -qiF '<script' x$n.html; then fail "report $form $args --format html contains a raw <script"; else ok; fi
    if grep -qF '<b>' x$n.html; then fail "report $form $args --format html contains a raw <b>"; else ok; fi
  done
done
check "HTML drill-down shows the <script> unit escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' x1.html x2.html
check "HTML drill-down shows the second unit escaped" grep -qE 'Phường (&quot;|&#34;|&#x22;)Ngã Năm(&quot;|&#34;|&#x22;) &amp; Chợ &lt;b&gt;' x6.html

# a text cell (Biểu 3) and a document summary (Biểu 4) with markup
printf 'element,combo,period,unit,value\nmodels_exemplary,default,2023S1,99100,<script>alert(3)</script> & <b>x</b>\n' >xv.csv
if run_dv x.out x.err import values db xv.csv; then ok; else fail "import of a text value with markup: $(cat x.err)"; fi
printf 'kind,symbol,date,unit,issued_by,summary,fields\nCV,990-CV/TU,2023-03-01,99100,cap_uy,"<script>alert(4)</script> ""x"" & y",khac\n' >xdoc.csv
if run_dv x.out x.err import documents db xdoc.csv; then ok; else fail "import of a document with markup: $(cat x.err)"; fi
for form in bieu-3 bieu-4; do
  if "$DV" report db --form $form --period 2023S1 --unit 99100 --format html >xt.html 2>x.err; then
    if grep -qiF '<script' xt.html || grep -qF '<b>' xt.html; then fail "$form html contains raw markup from a text cell"; else ok; fi
    grep -qF '&lt;script&gt;alert(' xt.html && ok || fail "$form html does not show the escaped text"
  else
    fail "report $form 99100 --format html: $(cat x.err)"
  fi
done
check "JSON carries text cells verbatim" python3 -c '
import json, subprocess, sys
def rep(form):
    return json.loads(subprocess.run([sys.argv[1], "report", "db", "--form", form, "--period", "2023S1", "--unit", "99100",
                                      "--format", "json"], capture_output=True, check=True).stdout)
v3 = rep("bieu-3")["rows"][0]["values"]
v4 = [r["values"][2] for r in rep("bieu-4")["rows"]]
ok = "<script>alert(3)</script> & <b>x</b>" in v3 and "<script>alert(4)</script> \"x\" & y" in v4
if not ok: print(f"  bieu-3 {v3}\n  bieu-4 {v4}")
sys.exit(0 if ok else 1)' "$DV"

check "JSON and CSV carry the names verbatim" python3 - "$DV" "$XSS" "$NAME2" <<'PY'
import csv, io, json, subprocess, sys
dv, xss, name2 = sys.argv[1:4]
def rep(*args, fmt="json"):
    p = subprocess.run([dv, "report", "db", "--period", "2023S1", "--format", fmt, *args], capture_output=True, text=True)
    if p.returncode: print(f"  report {args}: {p.stderr}"); sys.exit(1)
    return p.stdout
bad = []
d = json.loads(rep("--form", "bieu-5", "--unit", "31", "--level", "2"))
rows = {r["label"]: r["values"] for r in d["rows"]}
if xss not in rows: bad.append(f"JSON drill-down rows do not include {xss!r}: {list(rows)}")
elif rows[xss][0] != 1 or rows[xss][-1] != 1: bad.append(f"JSON row {xss!r}: {rows[xss]}")
d = json.loads(rep("--form", "bieu-5", "--unit", "99100", "--level", "3"))
if name2 not in [r["label"] for r in d["rows"]]: bad.append(f"JSON rows do not include {name2!r}")
d = json.loads(rep("--form", "bieu-5", "--unit", "99100"))
if d.get("unit") != "99100": bad.append(f"JSON unit is {d.get('unit')!r}")
if "unit_name" in d and d["unit_name"] != xss: bad.append(f"JSON unit_name {d['unit_name']!r} != {xss!r}")
text = rep("--form", "bieu-5", "--unit", "99100", "--level", "3", fmt="csv").lstrip("\ufeff")
if name2 not in [r[0] for r in csv.reader(io.StringIO(text)) if r]: bad.append(f"CSV rows do not include {name2!r}")
for m in bad: print("  " + m)
sys.exit(1 if bad else 0)
PY

# ---------------- export without --unit: every top-level unit's records ----------------
# a dialogue of Thái Nguyên (19) joins those of Hải Phòng (31) and the demo's other provinces
"$DV" export dialogues db --unit 31 | head -2 | python3 -c "
import csv, sys
rows = list(csv.reader(sys.stdin))
rows[1][rows[0].index('unit')] = '19'
csv.writer(open('tn.csv', 'w', newline='')).writerows(rows)"
if run_dv o e import dialogues db tn.csv; then ok; else fail "import a dialogue of 19: $(cat e)"; fi
all=$("$DV" export dialogues db | wc -l)
only31=$("$DV" export dialogues db --unit 31 | wc -l)
# the demo's top-level units over both trees (old Hải Dương, new and old provinces): their
# exports together are the export without --unit, one header line
sum=1
for top in $(sqlite3 db "SELECT DISTINCT code FROM units WHERE parent_id IS NULL"); do
  sum=$((sum + $("$DV" export dialogues db --unit "$top" | wc -l) - 1))
done
[ "$all" -eq "$sum" ] && [ "$all" -gt "$only31" ] && ok || fail "export without --unit: $all lines, the top-level units' $sum, --unit 31: $only31"
[ "$("$DV" export dialogues db | grep -c '^date,')" = 1 ] && ok || fail "export without --unit: one header line"
expect_fail "xlsx list of several provinces" "--unit" export dialogues db --format xlsx --out all.xlsx

finish
