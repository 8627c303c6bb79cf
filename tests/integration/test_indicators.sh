#!/usr/bin/env bash
# Indicators (issue 4) against values this test computes by hand from its own CSV files, on a
# generated tree: a province P; districts D1 (communes C11 — with villages T111, T112 — C12,
# C13), D2 (C21, C22), D3 (no commune) and D4 with its commune C41, both closed at the end of
# 2022. `danvan indicator DB --name NAME --period P --unit CODE [--area A --min N --level L]
# --format json` prints {"indicator","unit","period","numerator","denominator","value",
# "children":[{"unit","unit_name","numerator","denominator","value"}]}: value in percent (null
# when the denominator is 0), children = the unit's direct children existing in the period,
# including those whose denominator is 0.
#   - models_coverage: among the units of level L in the unit's subtree, those with at least N
#     models (in their own subtree) having area A, registered in the period's year;
#   - establishments_dossier / _certificate: land-using establishments of the subtree with a
#     dossier or a certificate / a certificate on the period's last day (by dossier_on,
#     certificate_on), over the land-using ones;
#   - conclusions_on_time: conclusions whose responsible unit lies in the subtree (wherever the
#     dialogue was held) due in the period, done with done_date <= due, over those due.
# Bad arguments are rejected with a message naming what is wrong.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >model.py <<'PY'
import datetime, json, random, subprocess, sys
import dvtest
from dvtest import window, write_csv as write, load_csv as load, show, print_units

UNITS = [  # code, name, type, level, parent, valid_from, valid_to
    ("P", "Tỉnh Chỉ Số", "Tỉnh", 1, "", "", ""),
    ("D1", "Huyện Một", "Huyện", 2, "P", "", ""), ("D2", "Huyện Hai", "Huyện", 2, "P", "", ""),
    ("D3", "Huyện Ba", "Huyện", 2, "P", "", ""), ("D4", "Huyện Đã Nhập", "Huyện", 2, "P", "", "2022-12-31"),
    ("C11", "Xã Một Một", "Xã", 3, "D1", "", ""), ("C12", "Xã Một Hai", "Xã", 3, "D1", "", ""),
    ("C13", "Xã Một Ba", "Xã", 3, "D1", "", ""),
    ("C21", "Xã Hai Một", "Xã", 3, "D2", "", ""), ("C22", "Xã Hai Hai", "Xã", 3, "D2", "", ""),
    ("C41", "Xã Bốn Một", "Xã", 3, "D4", "", "2022-12-31"),
    ("T111", "Thôn Một", "Thôn", 4, "C11", "", ""), ("T112", "Thôn Hai", "Thôn", 4, "C11", "", ""),
]
CODES = [u[0] for u in UNITS]
LEVEL = {u[0]: u[3] for u in UNITS}
PARENT = {u[0]: u[4] for u in UNITS}
NAME = {u[0]: u[1] for u in UNITS}
VALID_TO = {u[0]: u[6] for u in UNITS}
LIVE = [c for c in CODES if c not in ("D4", "C41")]   # units that exist throughout 2022–2023
def in_subtree(u, root): return dvtest.in_subtree(u, root, PARENT)

D = datetime.date
def valid(u, p):
    return not VALID_TO[u] or D.fromisoformat(VALID_TO[u]) >= window(p)[0]
def children(u, p):
    return [c for c in CODES if PARENT[c] == u and valid(c, p)]

AREAS = ("nong_thon_moi", "do_thi", "chuyen_doi_so", "khac")

M_HEADER = "name,unit,kind,field,areas,year,status,press_items,exemplary".split(",")
E_HEADER = "name,religion,unit,uses_land,status,dossier_on,certificate_on".split(",")
DL_HEADER = "date,unit,type,chair,title,participants".split(",")
C_HEADER = "dialogue_date,dialogue_unit,content,responsible_unit,due,status,done_date".split(",")

def gen():
    rnd = random.Random(20231231)
    # ---- models: C13 none; C12 only in 2022; the others a mix
    models, k = [], 0
    for u in CODES:
        if u in ("C13", "D3"): continue
        years = [2022] if u in ("C12", "D4", "C41") else [2022, 2023]
        for y in years:
            for _ in range(rnd.randint(0, 5) if LEVEL[u] < 3 else rnd.randint(1, 6)):
                k += 1
                models.append(dict(name=f"Mô hình {k}", unit=u, kind=rnd.choice(["tap_the", "ca_nhan"]),
                                   field=rnd.choice(["kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang"]),
                                   areas=";".join(rnd.sample(AREAS, rnd.choice([0, 1, 1, 2, 3]))), year=str(y),
                                   status=rnd.choice(["registered", "appraising", "recognised", "not_recognised",
                                                      "commended"]), press_items="", exemplary="no"))
    # C21: exactly two nong_thon_moi models in 2023 (at --min 2 yes, at --min 3 no)
    models = [m for m in models if not (m["unit"] == "C21" and m["year"] == "2023")]
    for i in range(2):
        models.append(dict(name=f"Mô hình C21 nông thôn mới {i}", unit="C21", kind="tap_the", field="kinh_te",
                           areas="nong_thon_moi", year="2023", status="registered", press_items="", exemplary="no"))
    rnd.shuffle(models)
    write("models.csv", M_HEADER, models)
    # ---- establishments: D3 none; C13 none using land; C12 land-using, none with a dossier
    ests = []
    for u in LIVE:
        if u == "D3": continue
        for i in range(rnd.randint(2, 7) if LEVEL[u] >= 3 else rnd.randint(0, 2)):
            land = "no" if u == "C13" else rnd.choice(["yes", "yes", "yes", "no"])
            st = "none" if u == "C12" else rnd.choice(["none", "dossier", "certificate"])
            d1 = D(2021, 1, 1) + datetime.timedelta(days=rnd.randrange(900))
            d2 = d1 + datetime.timedelta(days=rnd.randrange(300))
            ests.append(dict(name=f"Cơ sở {u}-{i}", religion=rnd.choice(["Phật giáo", "Công giáo", "Tin lành", "Cao Đài"]),
                             unit=u, uses_land=land, status=st,
                             dossier_on=d1.isoformat() if st != "none" else "",
                             certificate_on=d2.isoformat() if st == "certificate" else ""))
    write("establishments.csv", E_HEADER, ests)
    # ---- dialogues, and conclusions with responsible units anywhere (even outside the dialogue's subtree)
    dls, concl = [], []
    for u in ["P", "D1", "D2", "C11", "C21", "C22", "T111"]:
        for _ in range(rnd.randint(1, 3)):
            d = D(2022, 10, 1) + datetime.timedelta(days=rnd.randrange(365))
            dls.append(dict(date=d.isoformat(), unit=u, type=rnd.choice(["dinh_ky", "chuyen_de", "dot_xuat"]),
                            chair=rnd.choice(["cap_uy", "chinh_quyen", "dong_chu_tri"]), title=f"Đối thoại ở {u}",
                            participants=str(rnd.randrange(100))))
    for dl in dls:
        d = D.fromisoformat(dl["date"])
        for i in range(rnd.randint(1, 5)):
            resp = rnd.choice(LIVE)
            due = d + datetime.timedelta(days=rnd.randrange(0, 200))
            st = rnd.choice(["open", "in_progress", "done", "done"])
            done = ""
            if st == "done" or (st == "in_progress" and rnd.random() < 0.3):   # in progress with a date: not done
                done = (due + datetime.timedelta(days=rnd.choice([-20, -1, 0, 0, 1, 15]))).isoformat()
                if done < dl["date"]: done = dl["date"]
            concl.append(dict(dialogue_date=dl["date"], dialogue_unit=dl["unit"], content=f"Kết luận {i} của {dl['unit']}",
                              responsible_unit=resp, due=due.isoformat(), status=st, done_date=done))
    # edges: C12 responsible for a P dialogue's conclusion due on 2023-03-31, done that day (on time)
    p_dl = next(x for x in dls if x["unit"] == "P")
    edge_due = max(D(2023, 3, 31), D.fromisoformat(p_dl["date"]))
    concl.append(dict(dialogue_date=p_dl["date"], dialogue_unit="P", content="Giao xã Một Hai, xong đúng hạn",
                      responsible_unit="C12", due=edge_due.isoformat(), status="done", done_date=edge_due.isoformat()))
    concl.append(dict(dialogue_date=p_dl["date"], dialogue_unit="P", content="Giao xã Một Hai, xong trễ một ngày",
                      responsible_unit="C12", due=edge_due.isoformat(), status="done",
                      done_date=(edge_due + datetime.timedelta(days=1)).isoformat()))
    write("dialogues.csv", DL_HEADER, dls)
    write("conclusions.csv", C_HEADER, concl)

# ---------------- expected values ----------------
def pct(n, d): return None if d == 0 else 100.0 * n / d

def exp_coverage(unit, period, area, mn, level):
    models = load("models.csv")
    y = period[:4]
    def count(x):
        return sum(1 for m in models if in_subtree(m["unit"], x) and m["year"] == y and area in m["areas"].split(";"))
    def part(root):
        xs = [x for x in CODES if LEVEL[x] == level and in_subtree(x, root) and valid(x, period)]
        return sum(1 for x in xs if count(x) >= mn), len(xs)
    return part(unit), [(c, part(c)) for c in children(unit, period)]

def exp_establishments(unit, period, cert):
    ests = load("establishments.csv")
    last = window(period)[1].isoformat()
    def by(date): return not date or date <= last      # a stage counts from its date (undated: always)
    def stage(e):   # the status on the period's last day
        if e["status"] == "certificate" and by(e["certificate_on"]): return "certificate"
        if e["status"] in ("dossier", "certificate") and by(e["dossier_on"]): return "dossier"
        return "none"
    def part(root):
        land = [e for e in ests if in_subtree(e["unit"], root) and e["uses_land"] == "yes"]
        ok = [e for e in land if stage(e) == "certificate" or (not cert and stage(e) == "dossier")]
        return len(ok), len(land)
    return part(unit), [(c, part(c)) for c in children(unit, period)]

def exp_conclusions(unit, period):
    cs = load("conclusions.csv")
    a, b = window(period)
    def part(root):
        due = [c for c in cs if in_subtree(c["responsible_unit"], root) and a <= D.fromisoformat(c["due"]) <= b]
        ok = [c for c in due if c["status"] == "done" and c["done_date"] and c["done_date"] <= c["due"]]
        return len(ok), len(due)
    return part(unit), [(c, part(c)) for c in children(unit, period)]

def run(dv, args):
    p = subprocess.run([dv, "indicator", "db"] + args + ["--format", "json"], capture_output=True, text=True)
    if p.returncode: return None, p.stderr.strip()
    try: return json.loads(p.stdout), None
    except Exception as e: return None, f"not JSON: {e}: {p.stdout[:200]!r}"

def same_value(got, n, d):
    want = pct(n, d)
    if want is None: return got is None
    return isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - want) < 0.006

def compare(bad, what, got, name, unit, period, total, kids):
    keys = {"indicator", "unit", "period", "numerator", "denominator", "value", "children"}
    if set(got) != keys:
        bad.append(f"{what}: keys {sorted(got)}, expected {sorted(keys)}")
    if (got.get("indicator"), got.get("unit"), got.get("period")) != (name, unit, period):
        bad.append(f"{what}: indicator/unit/period {got.get('indicator')}/{got.get('unit')}/{got.get('period')}")
    n, d = total
    if (got.get("numerator"), got.get("denominator")) != (n, d) or not same_value(got.get("value"), n, d):
        bad.append(f"{what}: {got.get('numerator')}/{got.get('denominator')} = {got.get('value')}, expected {n}/{d} = {pct(n, d)}")
    ch = got.get("children", [])
    if [c.get("unit") for c in ch] != [c for c, _ in kids]:
        bad.append(f"{what}: children {[c.get('unit') for c in ch]}, expected {[c for c, _ in kids]}")
        return
    for c, (code, (n, d)) in zip(ch, kids):
        if c.get("unit_name") != NAME[code]:
            bad.append(f"{what}: child {code} unit_name {c.get('unit_name')!r}")
        if (c.get("numerator"), c.get("denominator")) != (n, d) or not same_value(c.get("value"), n, d):
            bad.append(f"{what}: child {code}: {c.get('numerator')}/{c.get('denominator')} = {c.get('value')}, "
                       f"expected {n}/{d} = {pct(n, d)}")

def check(dv):
    bad, n = [], 0
    roots = ["P", "D1", "D2", "D3", "C11", "C12", "C13", "C21", "T111"]
    # models coverage
    for period in ("2023", "2023S2", "2022"):
        for unit in roots:
            for level in range(LEVEL[unit] + 1, 5):
                for area in AREAS:
                    for mn in (1, 2, 3):
                        if unit not in ("P", "D1") and (area not in ("nong_thon_moi", "do_thi") or mn == 3): continue
                        args = ["--name", "models_coverage", "--period", period, "--unit", unit, "--area", area,
                                "--min", str(mn), "--level", str(level)]
                        got, e = run(dv, args)
                        n += 1
                        what = "models_coverage " + " ".join(args[3:])
                        if e: bad.append(f"{what}: {e}"); continue
                        total, kids = exp_coverage(unit, period, area, mn, level)
                        compare(bad, what, got, "models_coverage", unit, period, total, kids)
    # establishments: the status on the period's last day (dates 2021 … 2024)
    for name, cert in (("establishments_dossier", False), ("establishments_certificate", True)):
        for unit in roots + ["D4"]:
            for period in ("2023", "2022", "2021S1", "2024"):
                if unit == "D4" and period == "2024": continue
                if unit == "D4" and period == "2023": continue
                got, e = run(dv, ["--name", name, "--period", period, "--unit", unit])
                n += 1
                what = f"{name} {period} {unit}"
                if e: bad.append(f"{what}: {e}"); continue
                total, kids = exp_establishments(unit, period, cert)
                compare(bad, what, got, name, unit, period, total, kids)
    # conclusions on time, across periods
    for period in ("2023", "2023S1", "2023S2", "2023Q1", "2023Q2", "2023Q3", "2023Q4", "202303", "2023C9",
                   "2022", "2022S2", "202212", "2024"):
        for unit in roots:
            got, e = run(dv, ["--name", "conclusions_on_time", "--period", period, "--unit", unit])
            n += 1
            what = f"conclusions_on_time {period} {unit}"
            if e: bad.append(f"{what}: {e}"); continue
            total, kids = exp_conclusions(unit, period)
            compare(bad, what, got, "conclusions_on_time", unit, period, total, kids)
    show(bad, 50)
    print(f"  {n} indicators compared")
    return not bad

if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen()
    elif sys.argv[1] == "units":
        print_units(UNITS, ("code", "name", "type", "level", "parent_code", "valid_from", "valid_to"))
    elif sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    elif sys.argv[1] == "expect":   # expect NAME UNIT PERIOD [AREA MIN LEVEL]: "n/d" of the unit
        a = sys.argv[2:]
        if a[0] == "models_coverage": (n, d), _ = exp_coverage(a[1], a[2], a[3], int(a[4]), int(a[5]))
        elif a[0] == "conclusions_on_time": (n, d), _ = exp_conclusions(a[1], a[2])
        else: (n, d), _ = exp_establishments(a[1], a[2], a[0].endswith("certificate"))
        print(f"{n}/{d}")
PY

check "generate the tree and the records" python3 model.py gen
python3 model.py units >units.csv
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
for reg in models establishments dialogues conclusions; do
  if run_dv o e import "$reg" db "$reg.csv"; then ok; else fail "import $reg: $(cat e)"; fi
done

check "every indicator of every unit equals the values computed from the CSV files" python3 model.py check "$DV"

# a few of the rules, spelled out
# ind ARGS... : prints "numerator/denominator=value children-json"
ind() {
  "$DV" indicator db "$@" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%s/%s=%s" % (r["numerator"], r["denominator"], json.dumps(r["value"])),
      json.dumps([[c["unit"], c["denominator"], c["value"]] for c in r["children"]]))'
}
expect_ind() { # WANT WHY ARGS...
  local want=$1 why=$2 got
  shift 2
  got=$(ind "$@" 2>&1)
  if [ "$got" = "$want" ]; then ok; else fail "indicator $*: got '$got', expected '$want' ($why)"; fi
}
expect_ind '0/0=null []' "D3 has no commune: no denominator, value null" \
  --name models_coverage --period 2023 --unit D3 --area nong_thon_moi --min 1 --level 3
expect_ind '0/0=null []' "C21 has no village: level 4 under it is empty, value null" \
  --name models_coverage --period 2023 --unit C21 --area nong_thon_moi --min 1 --level 4
# C21 has exactly two nong_thon_moi models in 2023: covered at --min 2, not at --min 3
got=$(ind --name models_coverage --period 2023 --unit D2 --area nong_thon_moi --min 2 --level 3)
case "$got" in *'["C21", 1, 100]'*) ok ;; *) fail "D2 --min 2: C21 (two models) not covered: $got" ;; esac
got=$(ind --name models_coverage --period 2023 --unit D2 --area nong_thon_moi --min 3 --level 3)
case "$got" in *'["C21", 1, 0]'*) ok ;; *) fail "D2 --min 3: C21 (two models) covered: $got" ;; esac
# P at level 3 in 2023: D3 (no commune) and D4 (closed) — D3 listed with a null value, D4 not
got=$(ind --name models_coverage --period 2023 --unit P --area do_thi --min 1 --level 3)
case "$got" in *'["D3", 0, null]'*) ok ;; *) fail "P's children at level 3 in 2023 lack D3 with 0 and null: $got" ;; esac
case "$got" in *'"D4"'*) fail "D4 (closed at the end of 2022) is a child of P in 2023: $got" ;; *) ok ;; esac
got=$(ind --name models_coverage --period 2022 --unit P --area do_thi --min 1 --level 3)
case "$got" in *'"D4"'*) ok ;; *) fail "D4 is not a child of P in 2022: $got" ;; esac
# establishments: C13 has establishments, none using land (null); C12's land-using ones have no dossier (0, not null)
expect_ind "0/0=null []" "C13: no land-using establishment" --name establishments_dossier --period 2023 --unit C13
c=$(python3 model.py expect establishments_dossier C12 2023)
expect_ind "0/${c#*/}=0 []" "C12: land-using establishments, none with a dossier" \
  --name establishments_dossier --period 2023 --unit C12
# conclusions: C12 answers for a dialogue of P: one done on its due day (on time), one a day late
c=$(python3 model.py expect conclusions_on_time C12 2023)
[ "$c" != "0/0" ] && ok || fail "the generated data gives C12 no conclusion (test error)"
got=$(ind --name conclusions_on_time --period 2023 --unit C12)
[ "${got%%=*}" = "$c" ] && ok || fail "conclusions_on_time 2023 C12 (responsible for a dialogue of P): got $got, expected $c"

# bad arguments: rejected, with a message naming what is wrong, nothing on stdout
reject_indicator "no_such_indicator" "an unknown name" --name no_such_indicator --period 2023 --unit P
reject_indicator "models_coverage" "an unknown name lists the known ones" --name no_such_indicator --period 2023 --unit P
reject_indicator "--area" "models_coverage without --area" --name models_coverage --period 2023 --unit P --min 1 --level 3
reject_indicator "--area" "an unknown area" --name models_coverage --period 2023 --unit P --area bogus --min 1 --level 3
reject_indicator "--level" "models_coverage without --level" --name models_coverage --period 2023 --unit P --area khac --min 1
reject_indicator "--level" "a level not below the unit (its own)" --name models_coverage --period 2023 --unit D1 --area khac --min 1 --level 2
reject_indicator "--level" "a level above the unit" --name models_coverage --period 2023 --unit C11 --area khac --min 1 --level 1
reject_indicator "--level" "a level deeper than the tree" --name models_coverage --period 2023 --unit P --area khac --min 1 --level 5
reject_indicator "--min" "--min 0" --name models_coverage --period 2023 --unit P --area khac --min 0 --level 3
reject_indicator "ZZ9" "an unknown unit" --name establishments_dossier --period 2023 --unit ZZ9
reject_indicator "2023S3" "a bad period" --name conclusions_on_time --period 2023S3 --unit P
reject_indicator "--name" "no --name" --period 2023 --unit P
finish
