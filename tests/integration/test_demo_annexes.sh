#!/usr/bin/env bash
# The demo database (Hải Phòng, unit 31, period 2023S1) reproduces the seven annexes of
# the seed report, as transcribed in ../shared/data/seed-annexes/004-annexes.json:
# Biểu 1, 2, 3, 5, 6, 7 cell by cell (with two listed exceptions where the seed's own
# figures contradict the system's rules), Biểu 4 as the list of 24 documents.
# Also checks the JSON shape of the contract, the CSV header rows and the HTML table.
source "$(dirname "$0")/lib.sh" "$@"
need_shared
SEED=$SHARED/data/seed-annexes/004-annexes.json

cd "$W" || exit 1
if ! run_dv init.out init.err init demo.db --demo; then
  fail "init --demo failed: $(cat init.err)"
  finish
fi

for n in 1 2 3 4 5 6 7; do
  for fmt in json csv html; do
    if ! run_dv "b$n.$fmt" "b$n.$fmt.err" report demo.db --form "bieu-$n" --period 2023S1 --unit 31 --format "$fmt"; then
      fail "report bieu-$n --format $fmt failed: $(cat "b$n.$fmt.err")"
    fi
  done
done

# ---- JSON shape, CSV header rows, HTML table: every form ----
check "JSON shape / CSV / HTML of the reports" python3 - "$W" <<'PY'
import csv, io, json, os, sys
w = sys.argv[1]
bad = []
def err(m): bad.append(m)

def is_num(v): return isinstance(v, (int, float)) and not isinstance(v, bool)

def csv_cell(v):
    if v is None: return ""
    if is_num(v):
        return str(int(v)) if float(v).is_integer() else repr(v)
    return v

for n in range(1, 8):
    f = f"bieu-{n}"
    try:
        with open(os.path.join(w, f"b{n}.json"), encoding="utf-8") as fh:
            d = json.load(fh)
    except Exception as e:
        err(f"{f}: JSON output does not parse: {e}"); continue
    if not isinstance(d, dict):
        err(f"{f}: JSON top level is not an object"); continue
    for k, want in (("form", f), ("period", "2023S1"), ("unit", "31")):
        if d.get(k) != want:
            err(f"{f}: key {k!r} is {d.get(k)!r}, expected {want!r}")
    cols, rows = d.get("columns"), d.get("rows")
    if not isinstance(cols, list) or not cols or not all(
            isinstance(c, list) and c and all(isinstance(s, str) and s for s in c) for c in cols):
        err(f"{f}: 'columns' must be a non-empty list of non-empty lists of strings"); continue
    if not isinstance(rows, list) or not rows:
        err(f"{f}: 'rows' must be a non-empty list"); continue
    shape_ok = True
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or not isinstance(r.get("label"), str) or not isinstance(r.get("values"), list):
            err(f"{f}: row {i} is not {{label: string, values: list}}: {r!r}"); shape_ok = False; continue
        if len(r["values"]) != len(cols):
            err(f"{f}: row {i} ({r['label']}) has {len(r['values'])} values for {len(cols)} columns"); shape_ok = False
        for j, v in enumerate(r["values"]):
            if not (v is None or is_num(v) or isinstance(v, str)):
                err(f"{f}: row {i} column {j+1}: value {v!r} is not a number, string or null"); shape_ok = False
    if not shape_ok:
        continue

    # CSV: one header row per header level (column i+1 of header row r = path[r], or ""
    # under a shorter path), then one line per JSON row with the same cells.
    with open(os.path.join(w, f"b{n}.csv"), encoding="utf-8") as fh:
        text = fh.read()
    if text.startswith("\ufeff"): text = text[1:]
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except Exception as e:
        err(f"{f}: CSV does not parse: {e}"); continue
    depth = max(len(c) for c in cols)
    if len(lines) != depth + len(rows):
        err(f"{f}: CSV has {len(lines)} lines, expected {depth} header rows + {len(rows)} rows")
    else:
        for r in range(depth):
            line = lines[r]
            if len(line) != len(cols) + 1:
                err(f"{f}: CSV header row {r+1} has {len(line)} cells, expected {len(cols)+1}"); continue
            for i, c in enumerate(cols):
                want = c[r] if r < len(c) else ""
                if line[i + 1] != want:
                    err(f"{f}: CSV header row {r+1}, column {i+1}: {line[i+1]!r} != {want!r}")
        for k, row in enumerate(rows):
            line = lines[depth + k]
            want = [row["label"]] + [csv_cell(v) for v in row["values"]]
            if line != want:
                err(f"{f}: CSV row {k+1} differs from JSON:\n   csv  {line}\n   json {want}")

    with open(os.path.join(w, f"b{n}.html"), encoding="utf-8") as fh:
        html = fh.read()
    if "<table" not in html or "</table>" not in html:
        err(f"{f}: --format html has no <table>")

for m in bad: print("  " + m)
sys.exit(1 if bad else 0)
PY

# ---- Biểu 1, 2, 3, 5, 6, 7: every cell against the seed ----
check "Biểu 1, 2, 3, 5, 6, 7 equal the seed cell by cell" python3 - "$W" "$SEED" "$(dirname "$0")/../../demo" <<'PY'
import json, os, sys
w, seed_path = sys.argv[1], sys.argv[2]
seed = json.load(open(seed_path, encoding="utf-8"))
# the seed's mistyped words as the demo corrects them (demo/seed_corrections.py, docs/corrections.md)
sys.path.insert(0, sys.argv[3]); from seed_corrections import correct
def fixed(v):
    if isinstance(v, dict): return {k: fixed(x) for k, x in v.items()}
    if isinstance(v, list): return [fixed(x) for x in v]
    return correct(v)[0] if isinstance(v, str) else v
seed = fixed(seed)
bad = []
def err(m): bad.append(m)
def is_num(v): return isinstance(v, (int, float)) and not isinstance(v, bool)
def same(a, b):
    if a is None or b is None: return a is None and b is None
    if is_num(a) and is_num(b): return float(a) == float(b)
    return type(a) is type(b) and a == b

# The only cells where the system differs from the seed: (form, row label, column index
# 0-based) -> (seed value, system value, reason).
ALLOWED = {
    ("bieu-5", "Thành phố", 3): (0, None,
        "seed prints 0 for 'Đối thoại định kỳ / Cộng' over three blank cells; "
        "a total of no data is no data (blank)"),
    ("bieu-7", "Tổng", 1): (800, 734,
        "seed prints 800 drafts in 'Tổng', but its level rows give 2 + 94 + 638 = 734"),
}
# Biểu 5–7 rows: the level names of the demo hierarchy, then the total row. The seed
# spells them variously ("xã, phường", "Quận huyện", "Xã, phường, thị trấn").
LEVEL_LABELS = {
    "bieu-5": ["Thành phố", "Quận, huyện", "Xã, phường", "Cộng"],
    "bieu-6": ["Thành phố", "Quận, huyện", "Xã, phường", "Tổng"],
    "bieu-7": ["Thành phố", "Quận, huyện", "Xã, phường", "Tổng"],
}
used = set()
for n in (1, 2, 3, 5, 6, 7):
    f = f"bieu-{n}"
    s = seed[f]
    try:
        d = json.load(open(os.path.join(w, f"b{n}.json"), encoding="utf-8"))
    except Exception as e:
        err(f"{f}: no JSON report: {e}"); continue
    if d.get("columns") != s["columns"]:
        sc, dc = s["columns"], d.get("columns") or []
        if len(sc) != len(dc):
            err(f"{f}: {len(dc)} columns, seed has {len(sc)}")
        for i, (a, b) in enumerate(zip(dc, sc)):
            if a != b: err(f"{f}: column {i+1} header {a} != seed {b}")
    rows, srows = d.get("rows") or [], s["rows"]
    if len(rows) != len(srows):
        err(f"{f}: {len(rows)} rows, seed has {len(srows)}: {[r.get('label') for r in rows]}")
        continue
    labels = [r["label"] for r in rows]
    want_labels = LEVEL_LABELS.get(f, [r["label"] for r in srows])
    if labels != want_labels:
        err(f"{f}: row labels {labels}, expected {want_labels}")
    for k, (r, sr) in enumerate(zip(rows, srows)):
        label = want_labels[k]
        vals, svals = r["values"], sr["values"]
        if len(vals) != len(svals):
            err(f"{f}: row {label!r} has {len(vals)} values, seed {len(svals)}"); continue
        for j, (v, sv) in enumerate(zip(vals, svals)):
            key = (f, label, j)
            if key in ALLOWED:
                seed_v, sys_v, why = ALLOWED[key]
                if not same(sv, seed_v):
                    err(f"{f}: row {label!r} column {j+1}: seed value {sv!r} is not the listed {seed_v!r}")
                if not same(v, sys_v):
                    err(f"{f}: row {label!r} column {j+1}: system gives {v!r}, expected {sys_v!r} ({why})")
                used.add(key)
                continue
            if not same(v, sv):
                err(f"{f}: row {label!r} column {j+1} {'/'.join(d['columns'][j]) if j < len(d.get('columns') or []) else ''}: system {v!r} != seed {sv!r}")
for key in ALLOWED:
    if key not in used:
        err(f"allowed difference {key} was never reached (row or column missing)")
for m in bad: print("  " + m)
if not bad:
    for key, (a, b, why) in ALLOWED.items():
        print(f"  known difference {key[0]} row {key[1]!r} column {key[2]+1}: seed {a!r}, system {b!r} — {why}")
sys.exit(1 if bad else 0)
PY

# ---- Biểu 4: the 24 documents ----
check "Biểu 4 lists the seed's 24 documents in date order" python3 - "$W" "$SEED" "$(dirname "$0")/../../demo" <<'PY'
import datetime, json, os, re, sys
w, seed_path = sys.argv[1], sys.argv[2]
seed = json.load(open(seed_path, encoding="utf-8"))
# the seed's mistyped words as the demo corrects them (demo/seed_corrections.py, docs/corrections.md)
sys.path.insert(0, sys.argv[3]); from seed_corrections import correct
def fixed(v):
    if isinstance(v, dict): return {k: fixed(x) for k, x in v.items()}
    if isinstance(v, list): return [fixed(x) for x in v]
    return correct(v)[0] if isinstance(v, str) else v
seed = fixed(seed)["bieu-4"]
bad = []
def err(m): bad.append(m)
def pdate(s):
    d, m, y = (int(x) for x in s.split("/"))
    return datetime.date(y, m, d)
# seed typo: "Kết luận số Số 244-KL/TU"
def fix(sym): return sym.replace("số Số ", "số ")
try:
    d = json.load(open(os.path.join(w, "b4.json"), encoding="utf-8"))
except Exception as e:
    print(f"  bieu-4: no JSON report: {e}"); sys.exit(1)
if d.get("columns") != seed["columns"]:
    err(f"bieu-4: columns {d.get('columns')} != seed {seed['columns']}")
rows = d.get("rows") or []
if len(rows) != 24:
    err(f"bieu-4: {len(rows)} rows, expected 24")
want = {}
for r in seed["rows"]:
    stt, sym, summary, date = r["values"]
    want[fix(sym)] = (summary, pdate(date))
got = {}
prev = None
for i, r in enumerate(rows):
    v = r.get("values") or []
    if len(v) != 4:
        err(f"bieu-4: row {i+1} has {len(v)} values"); continue
    stt, sym, summary, date = v
    if stt != i + 1 or r.get("label") != str(i + 1):
        err(f"bieu-4: row {i+1}: STT {stt!r} / label {r.get('label')!r}, expected {i+1}")
    if sym in got: err(f"bieu-4: {sym!r} listed twice")
    if not isinstance(date, str) or not re.fullmatch(r"\d\d/\d\d/\d{4}", date):
        err(f"bieu-4: row {i+1}: date {date!r} is not dd/mm/yyyy (with leading zeros)")
    try:
        dt = pdate(date)
    except Exception:
        err(f"bieu-4: row {i+1}: date {date!r} is not a date"); got[sym] = (summary, None); continue
    if prev and dt < prev:
        err(f"bieu-4: row {i+1} ({sym}, {date}) is before the row above: rows not in date order")
    prev = dt
    got[sym] = (summary, dt)
if set(got) != set(want):
    for s in sorted(set(want) - set(got)): err(f"bieu-4: missing {s!r}")
    for s in sorted(set(got) - set(want)): err(f"bieu-4: not in the seed: {s!r}")
for s in sorted(set(got) & set(want)):
    if got[s][0] != want[s][0]:
        err(f"bieu-4: {s}: summary differs:\n   system {got[s][0]!r}\n   seed   {want[s][0]!r}")
    if got[s][1] != want[s][1]:
        err(f"bieu-4: {s}: date {got[s][1]} != seed {want[s][1]}")
for m in bad: print("  " + m)
sys.exit(1 if bad else 0)
PY

finish
