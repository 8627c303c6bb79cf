#!/usr/bin/env bash
# The seeds' headline targets measured right (issue 11, item 5), against values this test
# computes itself from the CSV files it writes, on a generated tree: a province P; a rural
# district H1 (Xã X11 with its village V111 and its People's Committee body X11-UB, Xã X12,
# Thị trấn T13), an urban district Q2 (Phường W21 with its People's Committee body W21-UB,
# Phường W22, Xã X23), and a district body H1-UB.
#   - dialogue_heads --level L [--unit-type T,…]: areas of level L (bodies are not units of a
#     level) where, in the period, a dialogue chaired by the head of the Party committee
#     (cap_uy) and one by the head of government (chinh_quyen) were held, at the area or at a
#     body of it; one co-chaired (dong_chu_tri) counts for both. A village's dialogue is the
#     village's, not its commune's.
#   - models_coverage --unit-type T,…: numerator and denominator only over units of those types.
#   - establishments_dossier|_certificate [--base N]: the status on the period's last day from
#     dossier_on / certificate_on (a stage without a date counts always); --base N is the
#     unit's denominator, the children keep theirs.
#   - plan targets with unit_type= and base=: stored, printed back, evaluated as the indicator;
#     a database made before these columns is migrated.
#   - bad arguments refused naming what is wrong.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >model.py <<'PY'
import datetime, json, random, subprocess, sys
import dvtest
from dvtest import window, write_csv as write, load_csv as load, show, print_units

UNITS = [  # code, name, type, level, parent, kind
    ("P", "Tỉnh Mục Tiêu", "Tỉnh", 1, "", ""),
    ("H1", "Huyện Một", "Huyện", 2, "P", ""), ("Q2", "Quận Hai", "Quận", 2, "P", ""),
    ("H1-UB", "Ủy ban nhân dân huyện Một", "Ủy ban nhân dân", "", "H1", "government"),
    ("X11", "Xã Một Một", "Xã", 3, "H1", ""), ("X12", "Xã Một Hai", "Xã", 3, "H1", ""),
    ("T13", "Thị trấn Một Ba", "Thị trấn", 3, "H1", ""),
    ("X11-UB", "Ủy ban nhân dân xã Một Một", "Ủy ban nhân dân", "", "X11", "government"),
    ("V111", "Thôn Một", "Thôn", 4, "X11", ""),
    ("W21", "Phường Hai Một", "Phường", 3, "Q2", ""), ("W22", "Phường Hai Hai", "Phường", 3, "Q2", ""),
    ("X23", "Xã Hai Ba", "Xã", 3, "Q2", ""),
    ("W21-UB", "Ủy ban nhân dân phường Hai Một", "Ủy ban nhân dân", "", "W21", "government"),
]
CODES = [u[0] for u in UNITS]
PARENT = {u[0]: u[4] for u in UNITS}
TYPE = {u[0]: u[2] for u in UNITS}
NAME = {u[0]: u[1] for u in UNITS}
BODY = {u[0]: u[5] not in ("", "area") for u in UNITS}
def area_of(u):                       # a body's work is its area's
    while BODY[u]: u = PARENT[u]
    return u
LEVEL = {}
for u in CODES: LEVEL[u] = LEVEL[area_of(u)] if BODY[u] else next(x[3] for x in UNITS if x[0] == u)
def in_subtree(u, root): return dvtest.in_subtree(u, root, PARENT)
def children(u): return [c for c in CODES if PARENT[c] == u]
def areas(root, level, types):
    return [x for x in CODES if not BODY[x] and LEVEL[x] == level and in_subtree(x, root)
            and (not types or TYPE[x] in types)]

D = datetime.date
AREAS = ("nong_thon_moi", "do_thi", "chuyen_doi_so", "khac")
M_HEADER = "name,unit,kind,field,areas,year,status,press_items,exemplary".split(",")
E_HEADER = "name,religion,unit,uses_land,status,dossier_on,certificate_on".split(",")
DL_HEADER = "date,unit,type,chair,title,participants".split(",")

def gen():
    rnd = random.Random(20241231)
    # ---- dialogues in 2023-2024 at random, then the edges of 2023S1 (January-June 2023)
    dls = []
    for u in CODES:
        if u in ("X11", "X11-UB", "V111", "X12", "W21", "W21-UB", "X23"): continue   # the edges below
        for _ in range(rnd.randint(0, 6)):
            d = D(2023, 1, 2) + datetime.timedelta(days=rnd.randrange(730))
            dls.append(dict(date=d.isoformat(), unit=u, type=rnd.choice(["dinh_ky", "chuyen_de", "dot_xuat"]),
                            chair=rnd.choice(["cap_uy", "chinh_quyen", "dong_chu_tri"]), title=f"Đối thoại ở {u}",
                            participants=str(rnd.randrange(100))))
    def dl(date, unit, chair, title):
        dls.append(dict(date=date, unit=unit, type="dinh_ky", chair=chair, title=title, participants="40"))
    dl("2023-03-15", "X23", "dong_chu_tri", "X23: một cuộc đồng chủ trì (đủ cả hai)")
    dl("2023-03-16", "X11", "cap_uy", "X11: cấp ủy (chính quyền chỉ ở thôn)")
    dl("2023-04-10", "X12", "cap_uy", "X12: chỉ người đứng đầu cấp ủy")
    dl("2023-05-10", "X12", "cap_uy", "X12: lại chỉ người đứng đầu cấp ủy")
    dl("2023-07-03", "X12", "chinh_quyen", "X12: chính quyền, nhưng sau 6 tháng đầu năm")
    dl("2023-02-20", "W21", "cap_uy", "W21: cấp ủy")
    dl("2023-06-30", "W21-UB", "chinh_quyen", "W21: chính quyền, ghi ở Ủy ban nhân dân phường")
    dl("2023-02-01", "V111", "chinh_quyen", "Thôn của X11: không tính cho xã")
    rnd.shuffle(dls)
    write("dialogues.csv", DL_HEADER, dls)
    # ---- models of 2023 and 2024, bodies too
    models, k = [], 0
    for u in CODES:
        for y in (2023, 2024):
            for _ in range(rnd.randint(0, 4)):
                k += 1
                models.append(dict(name=f"Mô hình {k}", unit=u, kind="tap_the", field="kinh_te",
                                   areas=";".join(rnd.sample(AREAS, rnd.choice([0, 1, 1, 2]))), year=str(y),
                                   status="registered", press_items="", exemplary="no"))
    write("models.csv", M_HEADER, models)
    # ---- establishments with dates 2019-2025; X12's only one: a dossier of 2025
    ests = []
    for u in ("X11", "T13", "W21", "W22", "X23", "V111"):
        for i in range(rnd.randint(3, 9)):
            land = rnd.choice(["yes", "yes", "yes", "no"])
            st = rnd.choice(["none", "dossier", "certificate"]) if land == "yes" else "none"
            d1 = D(2019, 1, 2) + datetime.timedelta(days=rnd.randrange(2300))
            d2 = d1 + datetime.timedelta(days=rnd.randrange(60, 700))
            undated = rnd.random() < 0.1
            ests.append(dict(name=f"Cơ sở {u}-{i}", religion=rnd.choice(["Phật giáo", "Công giáo"]), unit=u,
                             uses_land=land, status=st,
                             dossier_on=d1.isoformat() if st != "none" and not undated else "",
                             certificate_on=d2.isoformat() if st == "certificate" and not undated else ""))
    ests.append(dict(name="Chùa Một Hai", religion="Phật giáo", unit="X12", uses_land="yes", status="dossier",
                     dossier_on="2025-03-03", certificate_on=""))
    ests.append(dict(name="Nhà thờ Một Hai", religion="Công giáo", unit="X12", uses_land="no", status="none",
                     dossier_on="", certificate_on=""))
    write("establishments.csv", E_HEADER, ests)

# ---------------- expected values ----------------
def pct(n, d): return None if d == 0 else 100.0 * n / d

def exp_heads(root, period, level, types):
    a, b = window(period)
    heads = {}
    for x in load("dialogues.csv"):
        if a <= D.fromisoformat(x["date"]) <= b:
            u = area_of(x["unit"])
            heads.setdefault(u, set()).update({"cap_uy": {"p"}, "chinh_quyen": {"g"}, "dong_chu_tri": {"p", "g"}}[x["chair"]])
    def part(r):
        xs = areas(r, level, types)
        return sum(1 for x in xs if heads.get(x, set()) == {"p", "g"}), len(xs)
    return part(root), {c: part(c) for c in children(root)}

def exp_coverage(root, period, area, mn, level, types):
    models = load("models.csv")
    y = period[:4]
    def count(x):
        return sum(1 for m in models if in_subtree(m["unit"], x) and m["year"] == y and area in m["areas"].split(";"))
    def part(r):
        xs = areas(r, level, types)
        return sum(1 for x in xs if count(x) >= mn), len(xs)
    return part(root), {c: part(c) for c in children(root)}

def exp_est(root, period, cert, base):
    last = window(period)[1].isoformat()
    def by(date): return not date or date <= last
    def has(e):
        if e["status"] == "certificate" and by(e["certificate_on"]): return True
        return not cert and e["status"] in ("dossier", "certificate") and by(e["dossier_on"])
    ests = load("establishments.csv")
    def part(r):
        land = [e for e in ests if in_subtree(e["unit"], r) and e["uses_land"] == "yes"]
        return sum(1 for e in land if has(e)), len(land)
    n, d = part(root)
    return (n, base or d), {c: part(c) for c in children(root)}

def run(dv, args):
    p = subprocess.run([dv, "indicator", "db"] + args + ["--format", "json"], capture_output=True, text=True)
    if p.returncode: return None, p.stderr.strip()
    try: return json.loads(p.stdout), None
    except Exception as e: return None, f"not JSON: {e}: {p.stdout[:200]!r}"

def same(got, n, d):
    w = pct(n, d)
    return got is None if w is None else isinstance(got, (int, float)) and abs(got - w) < 0.006

def compare(bad, what, got, total, kids):
    if set(got) != {"indicator", "unit", "period", "numerator", "denominator", "value", "children"}:
        bad.append(f"{what}: keys {sorted(got)}")
    n, d = total
    if (got["numerator"], got["denominator"]) != (n, d) or not same(got["value"], n, d):
        bad.append(f"{what}: {got['numerator']}/{got['denominator']} = {got['value']}, expected {n}/{d}")
    ch = {c["unit"]: c for c in got["children"]}
    if set(ch) != set(kids):
        bad.append(f"{what}: children {sorted(ch)}, expected {sorted(kids)}")
        return
    for code, (n, d) in kids.items():
        c = ch[code]
        if (c["numerator"], c["denominator"]) != (n, d) or not same(c["value"], n, d):
            bad.append(f"{what}: child {code}: {c['numerator']}/{c['denominator']}, expected {n}/{d}")

TYPE_SETS = [None, ["Xã"], ["Phường", "Thị trấn"], ["Thị trấn"], ["Phường"], ["Huyện"], ["Quận", "Huyện"]]

def check(dv):
    bad, n = [], 0
    for root in ("P", "H1", "Q2", "X11"):
        for level in (2, 3, 4):
            if level <= LEVEL[root]: continue
            for types in TYPE_SETS:
                if types and not any(TYPE[x] in types and LEVEL[x] == level for x in CODES if not BODY[x]): continue
                targs = ["--unit-type", ",".join(types)] if types else []
                for period in ("2023S1", "2023", "2024", "2023Q3"):
                    args = ["--name", "dialogue_heads", "--period", period, "--unit", root, "--level", str(level)] + targs
                    got, e = run(dv, args); n += 1
                    what = " ".join(args[1:])
                    if e: bad.append(f"{what}: {e}"); continue
                    compare(bad, what, got, *exp_heads(root, period, level, types))
                for period in ("2023", "2024"):
                    for area in ("nong_thon_moi", "do_thi"):
                        for mn in (1, 2):
                            args = ["--name", "models_coverage", "--period", period, "--unit", root, "--area", area,
                                    "--min", str(mn), "--level", str(level)] + targs
                            got, e = run(dv, args); n += 1
                            what = " ".join(args[1:])
                            if e: bad.append(f"{what}: {e}"); continue
                            compare(bad, what, got, *exp_coverage(root, period, area, mn, level, types))
    for name, cert in (("establishments_dossier", False), ("establishments_certificate", True)):
        for root in ("P", "H1", "Q2", "X11", "X12"):
            for period in ("2019", "2021S1", "2023", "2024", "2024Q3", "2025"):
                for base in (None, 130, 7):
                    args = ["--name", name, "--period", period, "--unit", root] + (["--base", str(base)] if base else [])
                    got, e = run(dv, args); n += 1
                    what = " ".join(args[1:])
                    if e: bad.append(f"{what}: {e}"); continue
                    compare(bad, what, got, *exp_est(root, period, cert, base))
    show(bad, 50)
    print(f"  {n} indicators compared")
    return not bad

if __name__ == "__main__":
    if sys.argv[1] == "gen": gen()
    elif sys.argv[1] == "units":
        print_units([(u[0], u[1], u[2], u[3], u[4], u[5]) for u in UNITS],
                    ("code", "name", "type", "level", "parent_code", "kind"))
    elif sys.argv[1] == "check": sys.exit(0 if check(sys.argv[2]) else 1)
    elif sys.argv[1] == "expect":   # expect NAME UNIT PERIOD ...: "n/d" of the unit
        a = sys.argv[2:]
        if a[0] == "dialogue_heads": (n, d), _ = exp_heads(a[1], a[2], int(a[3]), a[4].split(",") if len(a) > 4 else None)
        else: (n, d), _ = exp_est(a[1], a[2], a[0].endswith("certificate"), int(a[3]) if len(a) > 3 else None)
        print(f"{n}/{d}")
PY

check "generate the tree and the records" python3 model.py gen
python3 model.py units >units.csv
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
for reg in models establishments dialogues; do
  if run_dv o e import "$reg" db "$reg.csv"; then ok; else fail "import $reg: $(cat e)"; fi
done

check "every indicator of every unit equals the values computed from the CSV files" python3 model.py check "$DV"

# the rules, spelled out on the edges the generator placed
# kid ARGS... : "n/d" of the child unit CHILD (first argument)
kid() {
  local child=$1
  shift
  "$DV" indicator db "$@" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
c = [c for c in r["children"] if c["unit"] == sys.argv[1]]
print("%s/%s" % (c[0]["numerator"], c[0]["denominator"]) if c else "none")' "$child"
}
top() { "$DV" indicator db "$@" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%s/%s=%s" % (r["numerator"], r["denominator"], json.dumps(r["value"])))'; }
expect() { # WANT GOT WHY
  if [ "$2" = "$1" ]; then ok; else fail "$3: got '$2', expected '$1'"; fi
}
H="--name dialogue_heads --period 2023S1 --level 3"
expect 1/1 "$(kid X23 $H --unit Q2 --unit-type Xã)" "X23 held one co-chaired dialogue in 2023S1: both heads"
expect 0/1 "$(kid X11 $H --unit H1 --unit-type Xã)" "X11: the Party head's; the government's dialogue was its village's"
expect 0/1 "$(kid X12 $H --unit H1 --unit-type Xã)" "X12: only the Party head in 2023S1 (the government's dialogue is of July)"
expect 1/1 "$(kid X12 --name dialogue_heads --period 2023 --level 3 --unit H1 --unit-type Xã)" \
  "X12 over 2023: the Party head's and, in July, the government head's"
expect 1/1 "$(kid W21 $H --unit Q2 --unit-type Phường)" "W21: the government head's dialogue recorded at its People's Committee"
expect 0/0 "$(kid H1-UB $H --unit H1)" "a body is no unit of a level"
expect 0/1 "$(top --name dialogue_heads --period 2023S1 --unit X11 --level 4 | cut -d= -f1)" \
  "the village held only the government head's dialogue"
# --unit-type restricts numerator and denominator
all=$(top --name models_coverage --period 2024 --unit P --area do_thi --min 1 --level 3)
xa=$(top --name models_coverage --period 2024 --unit P --area do_thi --min 1 --level 3 --unit-type Xã)
urb=$(top --name models_coverage --period 2024 --unit P --area do_thi --min 1 --level 3 --unit-type "Phường,Thị trấn")
d_all=${all%%=*}; d_all=${d_all#*/}; d_xa=${xa%%=*}; d_xa=${d_xa#*/}; d_urb=${urb%%=*}; d_urb=${d_urb#*/}
expect "6 3 3" "$d_all $d_xa $d_urb" "denominators: every commune-level area (6), the xã (3), the phường and thị trấn (3)"
n_all=${all%%/*}; n_xa=${xa%%/*}; n_urb=${urb%%/*}
expect "$n_all" "$((n_xa + n_urb))" "the numerators of the xã and of the phường and thị trấn add up to all's"
# establishments: X12's only land-using one filed its dossier on 2025-03-03
E="--name establishments_dossier --unit X12"
expect "0/1=0" "$(top $E --period 2024)" "a dossier of 2025 does not count for 2024"
expect "1/1=100" "$(top $E --period 2025)" "it counts for 2025"
expect "0/1=0" "$(top $E --period 202502)" "nor for February 2025"
expect "1/1=100" "$(top $E --period 202503)" "it counts for March 2025 (filed on 3 March)"
expect "1/4=25" "$(top $E --period 2025 --base 4)" "--base 4: the denominator is the base"
got19=$(top --name establishments_dossier --unit P --period 2019); got24=$(top --name establishments_dossier --unit P --period 2024)
[ "$got19" != "$got24" ] && ok || fail "2019 and 2024 give the same value ($got19): the dossiers' dates are not used"
base_kid=$(kid X11 --name establishments_dossier --unit H1 --period 2024 --base 130)
plain_kid=$(kid X11 --name establishments_dossier --unit H1 --period 2024)
expect "$plain_kid" "$base_kid" "with --base the children keep their own denominators"
expect "130" "$(top --name establishments_certificate --unit P --period 2024 --base 130 | cut -d= -f1 | cut -d/ -f2)" \
  "--base 130: the certificate share is over 130"

# bad arguments: refused, naming what is wrong, nothing on stdout
reject_indicator "Phuong" "an unknown unit type" $H --unit P --unit-type Phuong
reject_indicator "Thị trấn" "the message lists the level's types" $H --unit P --unit-type Phuong
reject_indicator "--unit-type" "an empty item" $H --unit P --unit-type "Xã,"
reject_indicator "--unit-type" "an empty list" $H --unit P --unit-type ""
reject_indicator "--unit-type" "--unit-type on establishments" --name establishments_dossier --period 2024 --unit P --unit-type Xã
reject_indicator "--level" "dialogue_heads without --level" --name dialogue_heads --period 2024 --unit P
reject_indicator "--level" "dialogue_heads at the unit's own level" --name dialogue_heads --period 2024 --unit H1 --level 2
reject_indicator "--base" "--base 0" --name establishments_dossier --period 2024 --unit P --base 0
reject_indicator "--base" "--base -5" --name establishments_dossier --period 2024 --unit P --base -5
reject_indicator "--base" "--base abc" --name establishments_dossier --period 2024 --unit P --base abc
reject_indicator "--base" "--base 12.5" --name establishments_dossier --period 2024 --unit P --base 12.5
reject_indicator "--base" "--base on models_coverage" --name models_coverage --period 2024 --unit P --area khac --level 3 --base 10
reject_indicator "dialogue_heads" "an unknown name lists dialogue_heads" --name dialogue_head --period 2024 --unit P

# ---- plan targets carry the unit types and the base
cat >t.plan <<'EOF'
plan 1-KH/TU
unit P
date 2024-01-10
year 2024
title Kế hoạch công tác dân vận năm 2024

section I. CHỈ TIÊU

item 1
| 100% người đứng đầu cấp ủy, chính quyền các xã đối thoại với Nhân dân.
target dialogue_heads >= 100 level=3 unit_type=Xã
target dialogue_heads >= 100 level=3 unit_type="Phường,Thị trấn" period=2023S1

item 2
| 100% các xã có mô hình; 100% các phường, thị trấn có mô hình.
target models_coverage >= 100 area=nong_thon_moi min=1 level=3 unit_type=Xã
target models_coverage >= 100 area=do_thi min=1 level=3 unit_type="Phường,Thị trấn"

item 3
| Tối thiểu 30% cơ sở tôn giáo lập hồ sơ (trên tổng số 130 cơ sở).
target establishments_dossier >= 30 base=130
target establishments_certificate >= 10 base=7 unit=H1
EOF
check "import a plan with unit_type= and base=" run_dv o e import plan db t.plan
run_dv exported.plan e export plan db --plan 1-KH/TU || fail "export plan: $(cat e)"
grep -v '^#' t.plan | diff - exported.plan >d && ok || { fail "the plan does not print back as written:"; cat d >&2; }
if run_dv tg.json e target db --plan 1-KH/TU --format json; then ok; else fail "target: $(cat e)"; fi
python3 - "$DV" <<'PY' && ok || fail "plan targets differ from the indicators"
import json, subprocess, sys
bad = []
rows = json.load(open("tg.json"))
want = [("dialogue_heads", {"level": 3, "unit_type": "Xã"}, "P", "2024", ["--level", "3", "--unit-type", "Xã"]),
        ("dialogue_heads", {"level": 3, "unit_type": "Phường,Thị trấn"}, "P", "2023S1",
         ["--level", "3", "--unit-type", "Phường,Thị trấn"]),
        ("models_coverage", {"unit_type": "Xã"}, "P", "2024", ["--area", "nong_thon_moi", "--min", "1", "--level", "3", "--unit-type", "Xã"]),
        ("models_coverage", {"unit_type": "Phường,Thị trấn"}, "P", "2024",
         ["--area", "do_thi", "--min", "1", "--level", "3", "--unit-type", "Phường,Thị trấn"]),
        ("establishments_dossier", {"base": 130}, "P", "2024", ["--base", "130"]),
        ("establishments_certificate", {"base": 7}, "H1", "2024", ["--base", "7"])]
if len(rows) != len(want): bad.append(f"{len(rows)} targets, expected {len(want)}")
for r, (name, opts, unit, period, args) in zip(rows, want):
    if r["indicator"] != name or r["unit"] != unit or r["period"] != period:
        bad.append(f"target {r['indicator']} {r['unit']} {r['period']}: expected {name} {unit} {period}")
    for k, v in opts.items():
        if r.get(k) != v: bad.append(f"target {name}: {k} = {r.get(k)!r}, expected {v!r}")
    p = subprocess.run([sys.argv[1], "indicator", "db", "--name", name, "--period", period, "--unit", unit, *args,
                        "--format", "json"], capture_output=True, text=True)
    if p.returncode: bad.append(f"indicator {name}: {p.stderr}"); continue
    i = json.loads(p.stdout)
    if (r["numerator"], r["denominator"], r["value"]) != (i["numerator"], i["denominator"], i["value"]):
        bad.append(f"target {name} {opts}: {r['numerator']}/{r['denominator']}={r['value']}, the indicator "
                   f"{i['numerator']}/{i['denominator']}={i['value']}")
for m in bad: print("  " + m)
sys.exit(1 if bad else 0)
PY
# refused targets: the line and the option named
badplan() { # SED WORD WHY
  sed "$1" t.plan >bad.plan
  if "$DV" import plan db bad.plan --replace >o 2>e; then fail "$3: the plan was accepted"
  elif grep -qF -- "$2" e; then ok; else fail "$3: the message does not name '$2': $(cat e)"; fi
}
badplan 's/base=130$/base=0/' "base" "base=0"
badplan 's/base=130$/base=abc/' "base" "base=abc"
badplan 's/ base=130$/ area=khac level=3 base=130/' "area=" "base= with area= on establishments"
badplan 's/^target models_coverage >= 100 area=nong_thon_moi min=1 level=3 unit_type=Xã$/& base=10/' "base=" \
  "base= on models_coverage"
badplan 's/^target establishments_dossier >= 30 base=130$/target establishments_dossier >= 30 unit_type=Xã/' \
  "unit_type=" "unit_type= on establishments"
badplan 's/unit_type=Xã$/unit_type=Phuong/' "Phuong" "an unknown unit type"
badplan 's/unit_type="Phường,Thị trấn" period/unit_type="Phường,Thị trấn period/' '"' "an unclosed quote"
badplan 's/^target dialogue_heads >= 100 level=3 unit_type=Xã$/target dialogue_heads >= 100/' "level=" \
  "dialogue_heads without level="

# a database whose plan_targets predate unit_type and base is migrated when opened
cp db old.db
sqlite3 old.db "DELETE FROM plan_targets; ALTER TABLE plan_targets DROP COLUMN unit_types; ALTER TABLE plan_targets DROP COLUMN base;" \
  || fail "could not make an old database"
if "$DV" import plan old.db t.plan --replace >o 2>e; then ok; else fail "import into an old database: $(cat e)"; fi
"$DV" export plan old.db --plan 1-KH/TU >old.plan 2>e
cmp -s old.plan exported.plan && ok || fail "the old database's plan does not keep unit_type= and base=: $(diff old.plan exported.plan | head -5)"
finish
