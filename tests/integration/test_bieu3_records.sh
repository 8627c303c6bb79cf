#!/usr/bin/env bash
# Biểu 3 ("Dân vận khéo") from the models register (issue 4) at three levels of a generated
# tree: a province P, districts D1 (C11, C12, C13), D2 (C21, C22) and D3 (no commune), models
# of 2022, 2023 and 2024 at every level (one commune holds 230, more than a page of records).
# Every unit's Biểu 3, for several periods, must equal what this test computes from its CSV:
#   - every column counts the unit's whole subtree; a model counts from 1 January of its year:
#     in 2023, 2023S1, 2023Q1, 202301, 2023C9, not in 2023S2, 2023Q2 or 202302;
#   - registered = every model; recognised (tập thể / cá nhân) = recognised or commended;
#     by field × kind = every model; commended = commended; press = the sum of press_items
#     (an empty number adds nothing, an explicit 0 is 0);
#   - a unit's cell is its records' total where its records contribute to the cell, else its
#     hand-entered value, else null; the subtree adds the units' cells (null if all are);
#   - the exemplary text is the unit's own hand-entered text where it wrote one, else the names
#     of its subtree's models with exemplary=yes counted in the period, "; "-joined.
# Then models added later replace entered values where they contribute, and the figures are
# checked again.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >model.py <<'PY'
import csv, datetime, json, random, subprocess, sys
import dvtest
from dvtest import window, write_csv, load_csv as load, show, print_units

UNITS = [("P", "Tỉnh Biểu Ba", "Tỉnh", 1, ""),
         ("D1", "Huyện Một", "Huyện", 2, "P"), ("D2", "Huyện Hai", "Huyện", 2, "P"),
         ("D3", "Huyện Ba", "Huyện", 2, "P"),
         ("C11", "Xã Một Một", "Xã", 3, "D1"), ("C12", "Xã Một Hai", "Xã", 3, "D1"),
         ("C13", "Xã Một Ba", "Xã", 3, "D1"),
         ("C21", "Xã Hai Một", "Xã", 3, "D2"), ("C22", "Xã Hai Hai", "Xã", 3, "D2")]
PARENT = {u[0]: u[4] for u in UNITS}
CODES = [u[0] for u in UNITS]
def in_subtree(u, root): return dvtest.in_subtree(u, root, PARENT)

D = datetime.date
def counts_in(year, p):
    a, b = window(p)
    return a <= D(int(year), 1, 1) <= b

HEADER = "name,unit,kind,field,areas,year,status,press_items,exemplary".split(",")
KINDS = ("tap_the", "ca_nhan")
FIELDS = ("kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang")
AREAS = ("nong_thon_moi", "do_thi", "chuyen_doi_so", "khac")
STATUSES = ("registered", "appraising", "recognised", "not_recognised", "commended")

def write(name, rows): write_csv(name, HEADER, rows)

def gen():
    rnd = random.Random(4032023)
    rows, seq = [], [0]
    def model(u, year, **kw):
        seq[0] += 1
        m = dict(name=f"Mô hình {seq[0]} ở {u} năm {year}", unit=u, kind=rnd.choice(KINDS), field=rnd.choice(FIELDS),
                 areas=";".join(rnd.sample(AREAS, rnd.randint(0, 2))), year=str(year),
                 status=rnd.choice(STATUSES), press_items=rnd.choice(["", "0", str(rnd.randint(1, 9))]),
                 exemplary=rnd.choice(["yes", "no", "no", "no"]))
        m.update(kw)
        rows.append(m)
    for u in CODES:
        if u == "D3": continue                      # D3: nothing but hand-entered values and, later, one model
        for year in (2022, 2023, 2024):
            for _ in range(rnd.randint(1, 6)):
                if u == "C13" and year == 2023: break   # C13: no model in 2023 (its entered values are used)
                if u == "C22" and year == 2023: break   # C22's 2023 models: the 230 below
                kw = {}
                if u == "C12" and year == 2023 and rnd.random() < 0.7: kw["kind"] = "tap_the"
                if u == "C12" and year == 2023:      # no ca_nhan model of C12 is recognised in 2023
                    kw["status"] = rnd.choice(["registered", "appraising", "not_recognised"])
                if u == "C21" and year == 2023: kw["press_items"] = ""   # press only entered by hand
                model(u, year, **kw)
    # C22: more models than a page; exemplary ones among the first, the middle and the last
    for i in range(230):
        model("C22", 2023, exemplary="yes" if i in (0, 1, 117, 229) else "no",
              status="commended" if i % 50 == 0 else "registered")
    # fixed edges
    model("C11", 2023, kind="ca_nhan", field="xay_dung_dang", status="commended", press_items="0", exemplary="yes")
    model("P", 2023, kind="tap_the", field="kinh_te", status="recognised", press_items="12", exemplary="yes")
    model("D2", 2023, kind="ca_nhan", field="quoc_phong_an_ninh", status="not_recognised", exemplary="yes")
    c22 = [m for m in rows if m["unit"] == "C22" and m["year"] == "2023"]
    rest = [m for m in rows if not (m["unit"] == "C22" and m["year"] == "2023")]
    rnd.shuffle(rest)
    write("models.csv", c22 + rest)   # C22's first exemplary models are the first records stored
    vals = [
        ("models_registered", "default", "2023", "C13", "7"),     # C13 has no 2023 model: used
        ("models_recognised", "tap_the", "2023", "C13", "2"),
        ("press_items", "default", "2023", "C13", "9"),
        ("models_exemplary", "default", "2023", "C13", "Mô hình nhập tay của xã Một Ba"),
        ("models_registered", "default", "2023", "C11", "99"),    # C11 has 2023 models: records win
        ("models_recognised", "ca_nhan", "2023", "C12", "4"),     # C12: no recognised ca_nhan record: used
        ("press_items", "default", "2023", "C21", "8"),           # C21: every 2023 press_items empty: used
        ("models_exemplary", "default", "2023", "D1", "Huyện tự viết: mô hình dồn điền đổi thửa"),
        ("models_registered", "default", "2023S1", "C13", "3"),   # another period: only there
        ("models_commended", "ca_nhan", "2023S2", "D3", "1"),
        ("models_registered", "default", "2023", "D3", "5"),
        ("models_exemplary", "default", "2023S1", "P", "Tỉnh tự viết cho 6 tháng"),
    ]
    with open("values.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["element", "combo", "period", "unit", "value"])
        w.writerows(vals)
    # added later: C13's 2023 model replaces the entered registered count (7), not the entered
    # recognised (it is registered only) nor press (it leaves press_items empty); D3's replaces 5
    write("models_later.csv", [
        dict(name="Mô hình bổ sung ở C13", unit="C13", kind="tap_the", field="van_hoa_xa_hoi", areas="", year="2023",
             status="registered", press_items="", exemplary="yes"),
        dict(name="Mô hình bổ sung ở D3", unit="D3", kind="ca_nhan", field="kinh_te", areas="do_thi", year="2023",
             status="commended", press_items="3", exemplary="yes"),
    ])

def expected(models, vals, period, u):
    """the Biểu 3 row of unit u: 14 numbers and the text"""
    def contributions(m):
        out = [("models_registered", "default", 1), ("models_by_field", f"{m['field']}.{m['kind']}", 1)]
        if m["status"] in ("recognised", "commended"): out.append(("models_recognised", m["kind"], 1))
        if m["status"] == "commended": out.append(("models_commended", m["kind"], 1))
        if m["press_items"] != "": out.append(("press_items", "default", int(m["press_items"])))
        return out
    cells = {}
    for m in models:
        if counts_in(m["year"], period):
            for el, co, v in contributions(m):
                cells[(el, co, m["unit"])] = cells.get((el, co, m["unit"]), 0) + v
    def unit_val(el, co, x):
        if (el, co, x) in cells: return cells[(el, co, x)]
        v = vals.get((el, co, period, x))
        return int(v) if v is not None else None
    def subtree(el, co):
        vs = [unit_val(el, co, x) for x in CODES if in_subtree(x, u)]
        vs = [v for v in vs if v is not None]
        return sum(vs) if vs else None
    row = [subtree("models_registered", "default")]
    row += [subtree("models_recognised", k) for k in KINDS]
    row += [subtree("models_by_field", f"{f}.{k}") for f in FIELDS for k in KINDS]
    row += [subtree("models_commended", k) for k in KINDS]
    row.append(subtree("press_items", "default"))
    own = vals.get(("models_exemplary", "default", period, u))
    if own is not None:
        text = own
    else:
        names = [m["name"] for m in models if in_subtree(m["unit"], u) and m["exemplary"] == "yes"
                 and counts_in(m["year"], period)]
        text = "; ".join(names) if names else None
    return row, text

def norm(v): return int(v) if isinstance(v, float) and v == int(v) else v

def check(dv, phase, periods):
    models = load("models.csv") + (load("models_later.csv") if phase == "after" else [])
    vals = {(r["element"], r["combo"], r["period"], r["unit"]): r["value"] for r in load("values.csv")}
    bad, n = [], 0
    for period in periods:
        for u in CODES:
            n += 1
            p = subprocess.run([dv, "report", "db", "--form", "bieu-3", "--period", period, "--unit", u, "--format", "json"],
                               capture_output=True, text=True)
            if p.returncode:
                bad.append(f"{period} {u}: {p.stderr.strip()}"); continue
            got = json.loads(p.stdout)
            if len(got["rows"]) != 1 or len(got["columns"]) != 15:
                bad.append(f"{period} {u}: {len(got['rows'])} rows, {len(got['columns'])} columns (expected 1, 15)")
                continue
            vals_got = [norm(v) for v in got["rows"][0]["values"]]
            want, text = expected(models, vals, period, u)
            for j, (a, b) in enumerate(zip(vals_got[:14], want)):
                if a != b:
                    bad.append(f"{period} {u} column {j + 1} ({' > '.join(got['columns'][j])}): got {a!r}, expected {b!r}")
            t = vals_got[14]
            # the order of the listed names is not part of the contract: compare them as a set
            split = lambda s: sorted(s.split("; ")) if isinstance(s, str) else s
            if split(t) != split(text):
                gs, ws = set(split(t) or []), set(split(text) or [])
                bad.append(f"{period} {u} exemplary text: got {t!r:.200}, expected {text!r:.200}"
                           + (f" (missing {sorted(ws - gs)[:5]}, extra {sorted(gs - ws)[:5]})" if gs or ws else ""))
    show(bad, 40)
    print(f"  {n} reports compared ({phase})")
    return not bad

if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen()
    elif sys.argv[1] == "units":
        print_units(UNITS)
    elif sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2], sys.argv[3], sys.argv[4].split(",")) else 1)
PY

check "generate the tree and the models" python3 model.py gen
python3 model.py units >units.csv
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
# the values first: typed before the records came; a value where the unit has records is refused (docs/entry.md)
if run_dv o e import values db values.csv; then ok; else fail "import values: $(cat e)"; fi
if run_dv o e import models db models.csv; then ok; else fail "import models: $(cat e)"; finish; fi

PERIODS=2023,2023S1,2023S2,2023Q1,2023Q2,202301,202302,2023C9,2022,2022S2,2024S1
check "Biểu 3 of every unit equals the counts computed from the CSV files" python3 model.py check "$DV" before "$PERIODS"

# a few of the rules, spelled out (the model above computes them too)
cell() { # PERIOD UNIT COL (1-based)
  "$DV" report db --form bieu-3 --period "$1" --unit "$2" --format json |
    python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["rows"][0]["values"][int(sys.argv[1])-1], ensure_ascii=False))' "$3"
}
expect_cell() { # PERIOD UNIT COL WANT WHY
  local got
  got=$(cell "$1" "$2" "$3")
  if [ "$got" = "$4" ]; then ok; else fail "Biểu 3 $1 $2 column $3: got $got, expected $4 ($5)"; fi
}
expect_cell 2023 C13 1 7 "C13 has no 2023 model: its entered 7"
expect_cell 2023S1 C13 1 3 "C13's value entered for 2023S1"
expect_cell 2023S2 C13 1 null "nothing of C13 counts in 2023S2"
expect_cell 2023S2 C22 1 null "C22's 230 models of 2023 count from 1 January: not in 2023S2"
expect_cell 2023S1 C22 1 230 "C22's 230 models of 2023 count in 2023S1"
expect_cell 202301 C22 1 230 "… and in January"
expect_cell 202302 C22 1 null "… not in February"
expect_cell 2023 C21 14 8 "C21's 2023 models leave press_items empty: its entered 8"
expect_cell 2023 C13 15 '"Mô hình nhập tay của xã Một Ba"' "C13's own text"
expect_cell 2023 D1 15 '"Huyện tự viết: mô hình dồn điền đổi thửa"' "D1's own text, though its communes have exemplary models"
expect_cell 2023S2 D1 15 null "D1's text was entered for 2023 only; no model counts in 2023S2"
expect_cell 2023S1 P 15 '"Tỉnh tự viết cho 6 tháng"' "P's own text for 2023S1"
expect_cell 2023 D3 1 5 "D3: its entered 5"
expect_cell 2023S2 D3 13 1 "D3: commended ca_nhan entered for 2023S2"
# the first of C22's 230 models is exemplary: listed though many models came after it
first=$(python3 -c '
import csv
rows = [r for r in csv.DictReader(open("models.csv", encoding="utf-8")) if r["unit"] == "C22" and r["year"] == "2023" and r["exemplary"] == "yes"]
print(min(rows, key=lambda r: int(r["name"].split()[2]))["name"])')
if cell 2023 C22 15 | grep -qF "$first"; then ok; else fail "C22's exemplary text lacks its first exemplary model \"$first\": $(cell 2023 C22 15 | head -c 300)"; fi

# models added later replace the entered values where they contribute
if run_dv o e import models db models_later.csv; then ok; else fail "import models_later: $(cat e)"; fi
check "after models replace entered values, Biểu 3 equals the computed counts" python3 model.py check "$DV" after "$PERIODS"
expect_cell 2023 C13 1 1 "C13: one model now, not the entered 7"
expect_cell 2023 C13 2 2 "C13: its model is registered only: the entered recognised 2 stays"
expect_cell 2023 C13 14 9 "C13: its model leaves press_items empty: the entered 9 stays"
expect_cell 2023 C13 15 '"Mô hình nhập tay của xã Một Ba"' "C13's own text wins over its exemplary model"
expect_cell 2023 D3 1 1 "D3: its model, not the entered 5"
expect_cell 2023 D3 15 '"Mô hình bổ sung ở D3"' "D3: the exemplary model listed"
finish
