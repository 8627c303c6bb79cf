#!/usr/bin/env bash
# Issue 10, units through time: both real trees (units-2024.csv, units-2025.csv from
# 01/07/2025) and the real mapping in one database. A record on a reused GSO code counts on
# the unit valid on its date (22561 was Phường Ninh Diêm, is Phường Đông Ninh Hòa); a
# province that no longer exists still has its 2024 annexes; the 2025 yearly annex of a new
# province is its old provinces' first half plus its own second half; a new commune made of
# whole old communes compares with exactly their records; a 2026 record on a dissolved
# district is refused and nothing is imported; the mapping's bad rows are refused naming
# line and field; a database of the layout before editions is moved on open.
source "$(dirname "$0")/lib.sh" "$@"
need_shared
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
VN="$SHARED/data/vn-admin"
cd "$W" || exit 1

run_dv o e init db || { fail "init: $(cat e)"; finish; }
check "import units-2024" run_dv o e import units db "$VN/units-2024.csv"
pristine_db
# a mapping before the new edition exists: 11948 (Đặc khu Bạch Long Vĩ, a code new in 2025)
# does not resolve on 01/07/2025
printf 'old_code,new_code,share\n318,11948,whole\n' >m0.csv
if run_dv o e import unit-mapping db m0.csv --on 2025-07-01; then fail "a mapping onto no new tree was accepted"; else
  ok
  grep -q 'dòng 2, trường "new_code"' e && ok || fail "mapping without the new tree: $(cat e)"
fi
check "import units-2025 --valid-from 2025-07-01" run_dv o e import units db "$VN/units-2025.csv" --valid-from 2025-07-01
check "import the mapping" run_dv o e import unit-mapping db "$VN/mapping-2024-2025.csv" --on 2025-07-01
grep -q "10629" o && ok || fail "the mapping's row count not reported: $(cat o)"

# the same edition again, or one before it, is refused and changes nothing
dump_db db base.sql
if run_dv o e import units db "$VN/units-2025.csv" --valid-from 2025-01-01; then fail "an edition before the last was accepted"; else
  ok
  grep -q "thứ tự thời gian" e && ok || fail "edition out of order: $(cat e)"
fi
dump_db db after.sql
cmp -s base.sql after.sql && ok || fail "a refused edition changed the database"

# ---------------- the trees, as stored ----------------
q() { sqlite3 db "$1"; }
[ "$(q "SELECT count(*) FROM units")" = "$((10794 + 3355 - $(q "SELECT count(*) FROM units WHERE valid_from IS NULL AND valid_to IS NULL")))" ] && ok ||
  fail "units: $(q "SELECT count(*) FROM units")"
# a unit with the same code, name and parent continues: 01 Thành phố Hà Nội is one unit
[ "$(q "SELECT count(*) FROM units WHERE code='01'")" = 1 ] && ok || fail "01 Hà Nội not one continuing unit"
[ "$(q "SELECT count(*) FROM units WHERE code='22561'")" = 2 ] && ok || fail "22561 should be two units"
[ "$(q "SELECT valid_to FROM units WHERE code='164'")" = "$(python3 -c 'import datetime;print((datetime.date(2025,6,30)-datetime.date(1970,1,1)).days)')" ] && ok ||
  fail "district 164 not closed on 30/06/2025"
[ "$(q "SELECT count(DISTINCT from_day) FROM level_names")" = 2 ] && ok || fail "level names of two editions"
[ "$(q "SELECT name FROM level_names WHERE from_day>0 AND level=2")" = "Xã, phường" ] && ok || fail "level 2 of the 2025 tree"
[ "$(q "SELECT count(*) FROM unit_successors WHERE is_primary=1 AND old_id IN (SELECT id FROM units WHERE level=3)")" = 10035 ] && ok ||
  fail "every old commune has one primary successor"

# ---------------- the mapping's errors: line, field, nothing changed ----------------
pristine_db
reject_map() { # LINE FIELD FRAGMENT < csv
  cat >bad.csv
  if run_dv o e import unit-mapping db bad.csv --on 2025-07-01; then fail "bad mapping accepted: $(cat bad.csv)"; return; fi
  ok
  grep -q "dòng $1, trường \"$2\"" e && ok || fail "mapping error does not name line $1 field $2: $(cat e)"
  grep -qF "$3" e && ok || fail "mapping error lacks '$3': $(cat e)"
  dump_db db after.sql
  cmp -s base.sql after.sql && ok || fail "a refused mapping changed the database"
}
printf 'old_code,new_code,share\n05449,05443,whole\n99999,05443,whole\n' | reject_map 3 old_code "không có đơn vị mã này ngày 30/06/2025"
printf 'old_code,new_code,share\n05449,05443,whole\n05449,164,whole\n' | reject_map 3 new_code "ngày 01/07/2025"
printf 'old_code,new_code,share\n05461,05443,part\n05461,05443,part\n' | reject_map 3 new_code "lặp lại"
printf 'old_code,new_code,share\n05449,05443,half\n' | reject_map 2 share "whole hoặc part"
printf 'old_code,new_code,share\n05461,05443,whole\n05461,05467,part\n' | reject_map 3 share "part"
printf 'old,new_code,share\n' >bad.csv
if run_dv o e import unit-mapping db bad.csv --on 2025-07-01; then fail "a bad header accepted"; else grep -q 'thiếu cột "old_code"' e && ok || fail "header: $(cat e)"; fi
if run_dv o e import unit-mapping db "$VN/mapping-2024-2025.csv" --on 2025-02-30; then fail "--on 2025-02-30 accepted"; else ok; fi

# ---------------- records by date ----------------
DH='date,unit,type,chair,title,participants'
python3 - "$VN" <<'EOF' || fail "building the records failed"
import csv, random, sys
from dvtest import write_csv, load_csv
vn = sys.argv[1]
u24 = {r["code"]: r for r in load_csv(f"{vn}/units-2024.csv")}
u25 = {r["code"]: r for r in load_csv(f"{vn}/units-2025.csv")}
m = load_csv(f"{vn}/mapping-2024-2025.csv")
rnd = random.Random(10)
def prov24(c):
    while u24[c]["parent_code"]: c = u24[c]["parent_code"]
    return c
# old Thái Nguyên (19) and Bắc Kạn (06) went into the new 19; records in 2025S1 on their
# communes and districts, in 2025S2 on the new communes of 19
old = [c for c, r in u24.items() if r["level"] in ("2", "3") and prov24(c) in ("06", "19")]
new = [c for c, r in u25.items() if r["parent_code"] == "19"]
rows = []
types, chairs = ["dinh_ky", "chuyen_de", "dot_xuat"], ["cap_uy", "chinh_quyen", "dong_chu_tri"]
def add(day, unit):
    rows.append({"date": day, "unit": unit, "type": rnd.choice(types), "chair": rnd.choice(chairs),
                 "title": "Đối thoại với Nhân dân", "participants": rnd.randint(10, 90)})
for i in range(400): add(f"2025-{rnd.randint(1,6):02d}-{rnd.randint(1,28):02d}", rnd.choice(old))
for i in range(300): add(f"2025-{rnd.randint(7,12):02d}-{rnd.randint(1,28):02d}", rnd.choice(new))
for i in range(120): add(f"2025-{rnd.randint(1,6):02d}-{rnd.randint(1,28):02d}", "06")  # the old province itself
for i in range(80): add(f"2024-{rnd.randint(1,12):02d}-{rnd.randint(1,28):02d}", rnd.choice([c for c in old if c.startswith("0")] or old))
# a new commune made only of whole old communes (none split into it), with its sources
into = {}
for r in m:
    if len(r["old_code"]) == 5: into.setdefault(r["new_code"], []).append(r)
whole = sorted(n for n, rs in into.items() if len(rs) >= 2 and all(r["share"] == "whole" for r in rs)
               and u25[n]["parent_code"] == "19")
target = whole[0]
sources = [r["old_code"] for r in into[target]]
for i, s in enumerate(sources):
    for k in range(i + 1): add(f"2024-0{k % 9 + 1}-1{k % 9}", s)
# a reused code: 22561 in 2024 (Phường Ninh Diêm) and in 2026 (Phường Đông Ninh Hòa)
rows.append({"date": "2024-03-05", "unit": "22561", "type": "dinh_ky", "chair": "cap_uy", "title": "Ninh Diêm 2024", "participants": 30})
rows.append({"date": "2024-04-05", "unit": "22561", "type": "dinh_ky", "chair": "cap_uy", "title": "Ninh Diêm 2024", "participants": 31})
rows.append({"date": "2026-03-05", "unit": "22561", "type": "chuyen_de", "chair": "chinh_quyen", "title": "Đông Ninh Hòa 2026", "participants": 40})
write_csv("dialogues.csv", ["date", "unit", "type", "chair", "title", "participants"], rows)
open("whole.txt", "w").write(target + " " + " ".join(sources) + "\n")
EOF
check "import dialogues over both trees" run_dv o e import dialogues db dialogues.csv
[ -s e ] && fail "stderr: $(cat e)"

# a 2026 record on a dissolved district is refused with line, field and why; nothing imported
pristine_db
printf '%s\n2026-02-01,05449,dinh_ky,cap_uy,Đúng,3\n2026-02-01,164,dinh_ky,cap_uy,X,3\n' "$DH" >late.csv
# 05449 (old Phường Phan Đình Phùng) is not a unit in 2026 either: the first bad line is 2
if run_dv o e import dialogues db late.csv; then fail "a 2026 record on a dissolved unit imported"; else
  ok
  grep -q 'dòng 2, trường "unit"' e && ok || fail "dissolved unit: line/field: $(cat e)"
fi
printf '%s\n2026-02-01,05443,dinh_ky,cap_uy,Đúng,3\n2026-02-01,164,dinh_ky,cap_uy,X,3\n' "$DH" >late.csv
if run_dv o e import dialogues db late.csv; then fail "a 2026 record on district 164 imported"; else
  ok
  grep -q 'dòng 3, trường "unit"' e && ok || fail "district 164: line/field: $(cat e)"
  grep -q "đơn vị 164 không còn từ 01/07/2025" e && ok || fail "district 164: reason: $(cat e)"
fi
dump_db db after.sql
cmp -s base.sql after.sql && ok || fail "a refused import changed the database"
# a 2024 record on a 2025 unit that did not exist then
printf '%s\n2024-02-01,11948,dinh_ky,cap_uy,X,3\n' "$DH" >early.csv
if run_dv o e import dialogues db early.csv; then fail "a 2024 record on a unit of 2025 imported"; else
  grep -q "chưa có ngày 01/02/2024" e && ok || fail "unit before its start: $(cat e)"
fi

# ---------------- the annexes ----------------
python3 - "$DV" "$VN" <<'EOF'
import json, sys
from dvtest import bad, err, run_dv, load_csv, window
dv, vn = sys.argv[1], sys.argv[2]
u24 = {r["code"]: r for r in load_csv(f"{vn}/units-2024.csv")}
u25 = {r["code"]: r for r in load_csv(f"{vn}/units-2025.csv")}
m = load_csv(f"{vn}/mapping-2024-2025.csv")
recs = load_csv("dialogues.csv")
COLS = {("dinh_ky", "cap_uy"): 0, ("dinh_ky", "chinh_quyen"): 1, ("dinh_ky", "dong_chu_tri"): 2,
        ("chuyen_de", "cap_uy"): 4, ("chuyen_de", "chinh_quyen"): 5, ("chuyen_de", "dong_chu_tri"): 6,
        ("dot_xuat", "cap_uy"): 8, ("dot_xuat", "chinh_quyen"): 9, ("dot_xuat", "dong_chu_tri"): 10}

def report(*args):
    p = run_dv(dv, "report", "db", "--form", "bieu-5", "--format", "json", *args)
    if p.returncode: err(f"report {args}: {p.stderr}"); return None
    return json.loads(p.stdout)

def total(d, rows="rows"):
    return {r["label"]: r["values"][12] for r in (d[rows] if rows == "rows" else d["compare"]["rows"])}

def expect(records):
    """Biểu 5's 13 columns for these records (None = blank)"""
    v = [None] * 13
    for r in records:
        c = COLS[(r["type"], r["chair"])]
        v[c] = (v[c] or 0) + 1
    for grp in range(3):
        parts = [v[4 * grp + k] for k in range(3)]
        v[4 * grp + 3] = None if all(x is None for x in parts) else sum(x or 0 for x in parts)
    sums = [v[3], v[7], v[11]]
    v[12] = None if all(x is None for x in sums) else sum(x or 0 for x in sums)
    return v

def in_period(r, p):
    a, b = window(p)
    return a.isoformat() <= r["date"] <= b.isoformat()

def prov24(c):
    while u24[c]["parent_code"]: c = u24[c]["parent_code"]
    return c

# a reused code counts on the right unit in 2024 and in 2026
d = report("--period", "2024", "--unit", "22561")
if d and (d["unit_name"] != "Phường Ninh Diêm" or total(d).get("Cộng") != 2):
    err(f"22561 in 2024: {d['unit_name']} {total(d)}")
d = report("--period", "2026", "--unit", "22561")
if d and (d["unit_name"] != "Phường Đông Ninh Hòa" or total(d).get("Cộng") != 1):
    err(f"22561 in 2026: {d['unit_name']} {total(d)}")
d = report("--period", "2024", "--unit", "572")  # its 2024 district counts it
if d and total(d).get("Xã, phường") != 2: err(f"district 572 in 2024: {total(d)}")
d = report("--period", "2026", "--unit", "56")
if d and (total(d).get("Xã, phường") != 1 or "Quận, huyện" in total(d)):
    err(f"56 Khánh Hòa in 2026 (no district row, one commune record): {total(d)}")

# a province that no longer exists still has its 2024 annexes, on the 2024 tree
d = report("--period", "2024", "--unit", "06")
want = expect([r for r in recs if in_period(r, "2024") and r["unit"] in u24 and prov24(r["unit"]) == "06"])
if d:
    if d["unit_name"] != "Tỉnh Bắc Kạn": err(f"06 in 2024 named {d['unit_name']}")
    labels = [r["label"] for r in d["rows"]]
    if labels != ["Tỉnh, thành phố", "Quận, huyện", "Xã, phường", "Cộng"]: err(f"06 in 2024 rows {labels}")
    if d["rows"][-1]["values"] != want: err(f"06 in 2024: {d['rows'][-1]['values']} != {want}")
p = run_dv(dv, "report", "db", "--form", "bieu-5", "--format", "json", "--period", "2026", "--unit", "06")
if p.returncode == 0 or "không còn từ 01/07/2025" not in p.stderr: err(f"06 in 2026: {p.returncode} {p.stderr}")

# the 2025 yearly annex of new 19 = old 06 + old 19's first half + new 19's second half
d = report("--period", "2025", "--unit", "19")
s1 = [r for r in recs if in_period(r, "2025S1") and r["unit"] in u24 and prov24(r["unit"]) in ("06", "19")]
s2 = [r for r in recs if in_period(r, "2025S2") and r["unit"] in u25 and u25[r["unit"]]["parent_code"] == "19"]
if d:
    labels = [r["label"] for r in d["rows"]]
    if labels != ["Tỉnh, thành phố", "Xã, phường", "Cộng"]: err(f"19 in 2025 rows {labels} (the 2025 tree has no districts)")
    if d["rows"][-1]["values"] != expect(s1 + s2): err(f"19 in 2025: {d['rows'][-1]['values']} != {expect(s1 + s2)}")
    # by level on the new tree: old communes into new communes; old districts and old 06 into the province
    prov = [r for r in s1 if len(r["unit"]) < 5]
    if d["rows"][0]["values"] != expect(prov): err(f"19 in 2025, province row {d['rows'][0]['values']} != {expect(prov)}")
    s1c = [r for r in s1 if len(r["unit"]) == 5]
    if d["rows"][1]["values"] != expect(s1c + s2): err(f"19 in 2025, commune row {d['rows'][1]['values']}")
    # and the half-years add up to the year
    a, b = report("--period", "2025S1", "--unit", "19"), report("--period", "2025S2", "--unit", "19")
    if a and b:
        if a["unit_name"] != "Tỉnh Thái Nguyên": err("2025S1 of 19 on the old tree")
        if a["rows"][-1]["values"] != expect([r for r in s1 if prov24(r["unit"]) == "19"]):
            err(f"old 19 in 2025S1 counts only itself: {a['rows'][-1]['values']}")

# a new commune made of whole old communes compares with exactly their records
target, *sources = open("whole.txt").read().split()
d = report("--period", "2026", "--unit", target, "--compare", "2024")
if d:
    if "compare" not in d or d["compare"]["period"] != "2024": err(f"no compare in {list(d)}")
    else:
        want = expect([r for r in recs if in_period(r, "2024") and r["unit"] in sources])
        got = d["compare"]["rows"][-1]["values"]
        if got != want or want[12] is None: err(f"{target} compared with 2024: {got} != {want} (sources {sources})")
        if [r["label"] for r in d["compare"]["rows"]] != [r["label"] for r in d["rows"]]:
            err("the comparison's rows differ from the annex's")
        if d["rows"][-1]["values"][12] is not None: err(f"{target} has no 2026 records: {d['rows'][-1]}")

# a split commune's records go to its primary successor only (05461 Gia Sàng → 05467 Gia Sàng, by name)
d = report("--period", "2026", "--unit", "19", "--level", "2", "--compare", "2025S1")
if d:
    rows = {r["label"]: r["values"][12] for r in d["compare"]["rows"]}
    gs = [r for r in recs if in_period(r, "2025S1") and r["unit"] == "05461"]
    pdp = [r for r in recs if in_period(r, "2025S1") and r["unit"] in [x["old_code"] for x in m if x["new_code"] == "05443" and x["share"] == "whole"]]
    if gs and rows.get("Phường Gia Sàng") is None: err(f"Gia Sàng's 2025S1 records not in new Gia Sàng: {rows}")
    if (rows.get("Phường Phan Đình Phùng") or None) != (len(pdp) or None):
        err(f"Phan Đình Phùng compare {rows.get('Phường Phan Đình Phùng')} != its whole sources' {len(pdp)}")
p = run_dv(dv, "report", "db", "--form", "bieu-4", "--format", "json", "--period", "2026", "--unit", "19", "--compare", "2025")
if p.returncode == 0: err("a list form (Biểu 4) compared")
p = run_dv(dv, "report", "db", "--form", "bieu-5", "--format", "json", "--period", "2026", "--unit", "19", "--compare", "2025X")
if p.returncode == 0 or "compare" not in p.stderr and "so sánh" not in p.stderr: err(f"bad compare period: {p.stderr}")
sys.exit(1 if bad else 0)
EOF
[ $? -eq 0 ] && ok || fail "annex checks (above)"

# ---------------- a database made before editions is moved on open ----------------
DEMO="$HERE/../../demo"
for d in old.db new.db; do
  run_dv o e init $d && run_dv o e import units $d "$DEMO/units.csv" && run_dv o e import dialogues $d "$DEMO/dialogues.csv" ||
    fail "$d: $(cat e)"
done
sqlite3 old.db <<'EOF'
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE u2(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL, level INTEGER NOT NULL, parent_id INTEGER REFERENCES units(id), valid_from INTEGER, valid_to INTEGER);
INSERT INTO u2 SELECT id, code, name, type, level, parent_id, valid_from, valid_to FROM units;
DROP TABLE units;
ALTER TABLE u2 RENAME TO units;
CREATE INDEX units_parent ON units(parent_id);
CREATE TABLE levels(level INTEGER PRIMARY KEY, name TEXT NOT NULL, cap TEXT NOT NULL, short TEXT NOT NULL);
INSERT INTO levels SELECT level, name, cap, short FROM level_names;
DROP TABLE level_names;
DROP TABLE unit_successors;
COMMIT;
EOF
"$DV" report old.db --form bieu-5 --period 2023S1 --unit 31 --format json >before.json 2>e || fail "old layout: $(cat e)"
[ "$(sqlite3 old.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('levels')")" = 0 ] && ok || fail "levels table still there"
sqlite3 old.db "SELECT sql FROM sqlite_schema WHERE name='units'" | grep -q UNIQUE && fail "units.code still UNIQUE" || ok
"$DV" report new.db --form bieu-5 --period 2023S1 --unit 31 --format json >after.json
cmp -s before.json after.json && ok || fail "the moved database reports differently"
[ "$(sqlite3 old.db "SELECT count(*) FROM level_names")" = "$(sqlite3 new.db "SELECT count(*) FROM level_names WHERE from_day=0")" ] && ok ||
  fail "level names not moved"
finish
