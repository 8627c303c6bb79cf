#!/usr/bin/env bash
# Biểu 5 over a generated 3-level tree (a province, 2 districts, 3 communes each), with
# dialogues at every level: the by-level rows and the total for the province, a district
# and a commune; drill-down to the communes; blank (no data → null) versus an entered 0.
# The expected tables are computed here from the same records, independently of the engine.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >model.py <<'PY'
"""The test tree, its dialogue records, and the expected Biểu 5 (the engine's rules:
a unit's cell is its record count where it has records, else its entered value, else
blank; a sum of blanks is blank, otherwise blanks count as nothing)."""
import json, subprocess, sys

UNITS = [  # code, name, type, level, parent
    ("T99", "Tỉnh Thử Nghiệm", "Tỉnh", 1, ""),
    ("H991", "Huyện Một", "Huyện", 2, "T99"),
    ("X9911", "Xã Một Một", "Xã", 3, "H991"),
    ("X9912", "Xã Một Hai", "Xã", 3, "H991"),
    ("X9913", "Xã Một Ba", "Xã", 3, "H991"),
    ("H992", "Huyện Hai", "Huyện", 2, "T99"),
    ("X9921", "Xã Hai Một", "Xã", 3, "H992"),
    ("X9922", "Xã Hai Hai", "Xã", 3, "H992"),
    ("X9923", "Xã Hai Ba", "Xã", 3, "H992"),
]
# (date, unit, type, chair, how many)
RECORDS = [
    ("2023-01-10", "T99", "dinh_ky", "cap_uy", 2),
    ("2023-05-05", "T99", "dot_xuat", "chinh_quyen", 1),
    ("2023-08-01", "T99", "dinh_ky", "cap_uy", 1),        # second half: not in 2023S1
    ("2023-02-14", "H991", "dinh_ky", "cap_uy", 1),
    ("2023-03-01", "H991", "chuyen_de", "dong_chu_tri", 2),
    ("2023-06-30", "H992", "dot_xuat", "dong_chu_tri", 3),
    ("2023-01-01", "X9911", "dinh_ky", "chinh_quyen", 1),
    ("2023-04-20", "X9912", "dinh_ky", "chinh_quyen", 2),
    ("2023-04-21", "X9912", "chuyen_de", "cap_uy", 1),
    ("2023-03-03", "X9921", "dot_xuat", "cap_uy", 4),
    ("2023-06-15", "X9922", "dinh_ky", "dong_chu_tri", 1),
    ("2022-12-31", "X9922", "chuyen_de", "chinh_quyen", 1),  # previous year
]
VALUES = [("dialogues", "dinh_ky.cap_uy", "2023S1", "X9923", 0)]
TYPES = ["dinh_ky", "chuyen_de", "dot_xuat"]
CHAIRS = ["cap_uy", "chinh_quyen", "dong_chu_tri"]
PERIODS = {"2023S1": ("2023-01-01", "2023-06-30"), "2023S2": ("2023-07-01", "2023-12-31"),
           "2023": ("2023-01-01", "2023-12-31"), "2023Q1": ("2023-01-01", "2023-03-31"),
           "2022": ("2022-01-01", "2022-12-31")}

def write_csvs():
    with open("units.csv", "w", encoding="utf-8") as f:
        f.write("code,name,type,level,parent_code\n")
        for u in UNITS: f.write("%s,%s,%s,%d,%s\n" % u)
    with open("dialogues.csv", "w", encoding="utf-8") as f:
        f.write("date,unit,type,chair,title,participants\n")
        k = 0
        for date, unit, t, c, n in RECORDS:
            for _ in range(n):
                k += 1
                f.write(f'{date},{unit},{t},{c},"Đối thoại số {k}, {unit}",{10 + k}\n')
    with open("values.csv", "w", encoding="utf-8") as f:
        f.write("element,combo,period,unit,value\n")
        for v in VALUES: f.write("%s,%s,%s,%s,%s\n" % v)

def add(a, b):
    if a is None: return b
    if b is None: return a
    return a + b

def total(xs):
    r = None
    for x in xs: r = add(r, x)
    return r

LEVEL = {u[0]: u[3] for u in UNITS}
PARENT = {u[0]: u[4] for u in UNITS}
NAME = {u[0]: u[1] for u in UNITS}

def in_subtree(u, root):
    while u:
        if u == root: return True
        u = PARENT[u]
    return False

def own_cells(unit, period, with_values):
    """13 values of Biểu 5 for the unit alone"""
    lo, hi = PERIODS[period]
    base = []
    for t in TYPES:
        for c in CHAIRS:
            n = sum(k for d, u, tt, cc, k in RECORDS if u == unit and tt == t and cc == c and lo <= d <= hi)
            v = n if n else None
            if v is None and with_values:
                for e, combo, p, vu, val in VALUES:
                    if e == "dialogues" and combo == f"{t}.{c}" and p == period and vu == unit: v = val
            base.append(v)
    return row13(base)

def row13(base):  # 9 leaf cells -> 13 columns with the three "Cộng" and "Tổng"
    out, sums = [], []
    for i in range(3):
        part = base[3 * i:3 * i + 3]
        s = total(part)
        out += part + [s]
        sums.append(s)
    return out + [total(sums)]

def colsum(rows):
    return [total(col) for col in zip(*rows)]

def expected(root, period, with_values):
    """(level rows, total row) for the report on root"""
    levels = sorted({LEVEL[u] for u in LEVEL if in_subtree(u, root)})
    rows = []
    for l in levels:
        units = [u for u in LEVEL if LEVEL[u] == l and in_subtree(u, root)]
        rows.append(colsum([own_cells(u, period, with_values) for u in units]))
    return rows, colsum(rows)

def report(dv, unit, period, level=None):
    cmd = [dv, "report", "db", "--form", "bieu-5", "--period", period, "--unit", unit, "--format", "json"]
    if level: cmd += ["--level", str(level)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"  report {unit} {period} level {level}: exit {p.returncode}: {p.stderr}")
    return json.loads(p.stdout)

def same(a, b):
    return len(a) == len(b) and all((x is None and y is None) or
                                    (x is not None and y is not None and not isinstance(x, bool) and x == y)
                                    for x, y in zip(a, b))

def check(dv, with_values):
    bad = []
    labels = {}
    for root in [u[0] for u in UNITS]:
        for period in PERIODS:
            d = report(dv, root, period)
            want_rows, want_total = expected(root, period, with_values)
            rows = d["rows"]
            if len(rows) != len(want_rows) + 1:
                bad.append(f"{root} {period}: {len(rows)} rows {[r['label'] for r in rows]}, "
                           f"expected {len(want_rows)} level rows + total"); continue
            lv0 = LEVEL[root]
            for i, (r, w) in enumerate(zip(rows, want_rows)):
                l = lv0 + i
                if labels.setdefault(l, r["label"]) != r["label"]:
                    bad.append(f"{root} {period}: level {l} row labelled {r['label']!r}, elsewhere {labels[l]!r}")
                if not same(r["values"], w):
                    bad.append(f"{root} {period}: level row {r['label']!r}: {r['values']} expected {w}")
            if rows[-1]["label"] != "Cộng":
                bad.append(f"{root} {period}: last row {rows[-1]['label']!r}, expected 'Cộng'")
            if not same(rows[-1]["values"], want_total):
                bad.append(f"{root} {period}: total {rows[-1]['values']} expected {want_total}")
    if len(set(labels.values())) != len(labels) or not all(labels.values()):
        bad.append(f"level labels not distinct and non-empty: {labels}")

    # drill-down: --level L lists the units of level L under the root with their own cells;
    # the total row equals the level row of the plain report
    for root, level in (("T99", 3), ("T99", 2), ("H991", 3), ("H992", 3)):
        for period in ("2023S1", "2023"):
            d = report(dv, root, period, level)
            units = [u for u in LEVEL if LEVEL[u] == level and in_subtree(u, root)]
            rows = d["rows"]
            got = [r["label"] for r in rows[:-1]]
            if got != [NAME[u] for u in units]:
                bad.append(f"{root} --level {level} {period}: rows {got}, expected {[NAME[u] for u in units]}")
                continue
            for u, r in zip(units, rows):
                w = own_cells(u, period, with_values)
                if not same(r["values"], w):
                    bad.append(f"{root} --level {level} {period}: {NAME[u]} {r['values']} expected {w}")
            level_row = report(dv, root, period)["rows"][level - LEVEL[root]]["values"]
            if not same(rows[-1]["values"], level_row):
                bad.append(f"{root} --level {level} {period}: total {rows[-1]['values']} != level row {level_row}")
    return bad

if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_csvs()
    else:
        bad = check(sys.argv[2], sys.argv[1] == "after-values")
        for m in bad: print("  " + m)
        sys.exit(1 if bad else 0)
PY

python3 model.py write || { fail "generating the test data"; finish; }
if run_dv o e init db; then ok; else fail "init: $(cat e)"; finish; fi
if run_dv o e import units db units.csv; then ok; else fail "import units: $(cat e)"; finish; fi
if run_dv o e import dialogues db dialogues.csv; then ok; else fail "import dialogues: $(cat e)"; fi

check "Biểu 5 by level, total and drill-down (records only)" python3 model.py before-values "$DV"

# spot checks written out by hand, so that a mistake in the model cannot hide one in the engine
# cell FORM-ARGS ROW COL
cell() {
  local row=$1 col=$2
  shift 2
  "$DV" report db --form bieu-5 --format json "$@" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["rows"]
r = rows[int(sys.argv[1])] if sys.argv[1].lstrip("-").isdigit() else next(r for r in rows if r["label"] == sys.argv[1])
print(json.dumps(r["values"][int(sys.argv[2]) - 1]))' "$row" "$col"
}
expect() { # WANT ROW COL args...
  local want=$1 got
  shift
  got=$(cell "$@")
  if [ "$got" = "$want" ]; then ok; else fail "bieu-5 ${*:3}: row $1 column $2 is $got, expected $want"; fi
}
P="--period 2023S1"
expect 2    0 1  $P --unit T99                 # province: định kỳ / cấp ủy
expect 3    0 13 $P --unit T99                 # province total (2 + 1; August not counted)
expect 6    1 13 $P --unit T99                 # districts: 1 + 2 + 3
expect 9    2 13 $P --unit T99                 # communes: 1 + 3 + 4 + 1
expect 18   -1 13 $P --unit T99                # Cộng
expect null 2 1  $P --unit T99                 # communes, định kỳ / cấp ủy: nobody → blank
expect null 2 6  $P --unit T99                 # communes, chuyên đề / chính quyền (2022 record only)
expect 3    0 13 $P --unit H991                # district H991: its own row
expect 4    1 13 $P --unit H991                # its communes 1 + 3
expect 7    -1 13 $P --unit H991
expect null 0 13 $P --unit X9913               # a commune with no data at all
expect null -1 13 $P --unit X9913
expect 4    0 9  $P --unit X9921
expect 19   -1 13 --period 2023 --unit T99     # the August record counts in the year
expect 1    -1 13 --period 2023S2 --unit T99
expect 1    -1 13 --period 2022 --unit T99

# an entered 0 is not blank
if run_dv o e import values db values.csv; then ok; else fail "import values: $(cat e)"; fi
expect 0    0 1  $P --unit X9923
expect 0    0 4  $P --unit X9923               # "Cộng" of a 0 is 0
expect 0    0 13 $P --unit X9923
expect 0    2 1  $P --unit T99                 # the commune level row now shows 0, not blank
expect 0    2 1  $P --unit H992
expect null 0 1  --period 2023S2 --unit X9923  # another period stays blank
check "Biểu 5 by level, total and drill-down (with the entered 0)" python3 model.py after-values "$DV"

# an empty value clears it: back to blank, and to the state before the values
printf 'element,combo,period,unit,value\ndialogues,dinh_ky.cap_uy,2023S1,X9923,\n' >clear.csv
if run_dv o e import values db clear.csv; then ok; else fail "import values (clearing): $(cat e)"; fi
expect null 0 1  $P --unit X9923
expect null 2 1  $P --unit T99
check "Biểu 5 after clearing the value" python3 model.py before-values "$DV"

# cut-off windows (Decree 09/2019: month m runs from 15 of m-1 to 14 of m): the records
# are recounted, ids do not change. 2023S1 = 15/12/2022 – 14/06/2023: loses H992's three
# of 30/06 and X9922's one of 15/06, gains X9922's one of 31/12/2022.
if run_dv o e config db period.cutoff_day 15; then
  ok
  expect 15 -1 13 $P --unit T99
  expect 1  2 6   $P --unit T99                # X9922 chuyên đề / chính quyền of 31/12/2022
  expect null 0 11 $P --unit H992              # H992 đột xuất / đồng chủ trì of 30/06 → S2
  expect 5  -1 13 --period 2023S2 --unit T99   # 01/08 + 3 × 30/06 + 15/06
  expect 4  -1 13 --period 202307 --unit T99   # July = 15/06–14/07: 15/06 + 3 × 30/06
  expect 11 -1 13 --period 2023Q1 --unit T99   # 15/12/2022–14/03/2023: 2 + 3 + 1 + 4 + 1
  if run_dv o e config db period.cutoff_day 0; then ok; else fail "config period.cutoff_day 0: $(cat e)"; fi
  expect 18 -1 13 $P --unit T99
  check "Biểu 5 back on calendar windows" python3 model.py before-values "$DV"
else
  fail "config period.cutoff_day 15: $(cat e)"
fi

# validity dates: a commune created on 01/07/2023 is listed in the drill-down of the
# second half only
printf 'code,name,type,level,parent_code,valid_from,valid_to\nX9924,Xã Hai Bốn,Xã,3,H992,2023-07-01,\n' >new.csv
if run_dv o e import units db new.csv; then ok; else fail "import units with valid_from: $(cat e)"; fi
check "drill-down lists only the units valid in the period" python3 - "$DV" <<'PY'
import json, subprocess, sys
def names(period):
    p = subprocess.run([sys.argv[1], "report", "db", "--form", "bieu-5", "--period", period, "--unit", "H992",
                        "--level", "3", "--format", "json"], capture_output=True, text=True, check=True)
    return [r["label"] for r in json.loads(p.stdout)["rows"][:-1]]
a, b = names("2023S1"), names("2023S2")
ok = a == ["Xã Hai Một", "Xã Hai Hai", "Xã Hai Ba"] and b == a + ["Xã Hai Bốn"]
if not ok: print(f"  2023S1: {a}\n  2023S2: {b}")
sys.exit(0 if ok else 1)
PY

finish
