#!/usr/bin/env bash
# Plans (issue 5, docs/plans.md) on the demo database (Hải Phòng 31, its districts and communes):
#   - round trip: a canonical plan file imports and exports byte-identical; export -> import into
#     a fresh database -> export gives the same bytes again;
#   - bad files are refused with a message naming "dòng N" and the directive, and leave the
#     database byte-for-byte unchanged (sqlite3 .dump), one case per kind of error;
#   - the cascade: an upper plan 10-KH/TU of the city, two district plans taking up its items
#     (`source`); the upper unit sees who took each item up; when the upper item's text changes
#     (`import plan --replace`), the lower plan shows the text it took up, the text now and a
#     word diff, until the lower unit acknowledges it (`plan-item --ack-source`); a lower
#     re-import keeps what it took up; a removed upper item shows as removed;
#   - targets: each comparator against hand-computed values: establishments_dossier of 31 is
#     81/228 = 35.53% (the demo's land-using religious establishments), of 303 3/10 = 30%;
#     the city's own entered models_commended (tap_the, 2023S1) is 4; the children that pull a
#     target down are recomputed here from the demo CSV files; no data gives value null;
#   - overdue from `due` and clock.today; progress by role, audited; JSON shapes.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
REPO=$(cd "$HERE/../.." && pwd)
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
check "clock.today" run_dv o e config db clock.today 2023-07-01
# the demo imports its own plans: count this test's imports from here
DEMO_PLAN_IMPORTS=$(sqlite3 db "select count(*) from audit where action in ('plan.import','plan.replace') and entity='plan'")

cat >up.plan <<'PLAN'
plan 10-KH/TU
unit 31
date 2023-01-10
year 2023
title Kế hoạch công tác dân vận năm 2023
place Hải Phòng
signer T/M BAN THƯỜNG VỤ | PHÓ BÍ THƯ | Nguyễn Văn A
recipient Ban Dân vận Trung ương (để b/c)
recipient Các quận ủy, huyện ủy
recipient Lưu VT

| Thực hiện Nghị quyết số 10-NQ/TU của Thành ủy, Ban Thường vụ Thành ủy ban hành Kế hoạch công tác dân vận năm 2023 như sau:

section I. MỤC ĐÍCH, YÊU CẦU
| 1. Tạo sự chủ động, thống nhất trong công tác tham mưu.
|
| 2. Các nội dung phải được triển khai hiệu quả, đúng tiến độ.

section II. NHIỆM VỤ

heading 1. Nhiệm vụ trọng tâm

item 1.1
| Hướng dẫn, giám sát việc lập hồ sơ đăng ký đất đai cho tối thiểu 30% số cơ sở tôn giáo đang sử dụng đất.
lead 31
partners 303;304
due 2023S1
target establishments_dossier >= 30
target establishments_dossier >= 35.53
target establishments_dossier >= 40
target establishments_dossier <= 40
target establishments_dossier <= 35.53
target establishments_dossier <= 30
target establishments_dossier > 35
target establishments_dossier > 36
target establishments_dossier < 36
target establishments_dossier < 35.53
target establishments_dossier = 35.53
target establishments_dossier = 35.5
target establishments_dossier >= 30 unit=303

item 1.2
| Biểu dương các mô hình “Dân vận khéo” tiêu biểu.
due yearly:6
status in_progress
target value:models_commended.tap_the = 4 period=2023S1
target value:models_commended.tap_the >= 5 period=2023S1
target conclusions_on_time >= 90 period=2022

heading 2. Tổng hợp

item 2.1
| Báo cáo sơ kết 6 tháng trước ngày 15/6/2023.
due 2023-06-15
status done

section III. TỔ CHỨC THỰC HIỆN
| Các quận ủy, huyện ủy căn cứ Kế hoạch xây dựng kế hoạch thực hiện.
PLAN

cat >low.plan <<'PLAN'
plan 5-KH/QU
unit 303
date 2023-02-01
year 2023
title Kế hoạch công tác dân vận năm 2023 của Quận ủy Hồng Bàng
basis 10-KH/TU

section I. NHIỆM VỤ

item 1
| Lập hồ sơ đăng ký đất đai cho các cơ sở tôn giáo trên địa bàn quận (tối thiểu 30%).
lead 303
due 2023Q2
source 10-KH/TU 1.1
status in_progress
target establishments_dossier >= 30

item 2
| Biểu dương mô hình “Dân vận khéo” của quận.
due monthly
source 10-KH/TU 1.2
PLAN

cat >low2.plan <<'PLAN'
plan 7-KH/QU
unit 304
date 2023-02-03
year 2023
title Kế hoạch công tác dân vận năm 2023 của Quận ủy Ngô Quyền
basis 10-KH/TU

section I. NHIỆM VỤ

item 1
| Chỉ đạo lập hồ sơ đất đai cho cơ sở tôn giáo.
source 10-KH/TU 1.1
status done
PLAN

# ---------------- bad files: refused, named, nothing written ----------------
# reject NAME FILE DIRECTIVE LINE [import options]: refused, "dòng LINE, "DIRECTIVE"" in the message
reject() {
  local name=$1 file=$2 dir=$3 line=$4
  shift 4
  dump_db db before.sql
  if run_dv o e import plan db "$file" "$@"; then
    fail "[$name] accepted"
    return
  fi
  if grep -qF "dòng $line, \"$dir\"" e; then ok; else fail "[$name] message: $(cat e) (want: dòng $line, \"$dir\")"; fi
  dump_db db after.sql
  if cmp -s before.sql after.sql; then ok; else fail "[$name] the database changed"; fi
}
# line NUMBER-OF-THE-FIRST-LINE-MATCHING PATTERN FILE
line_of() { grep -n -m1 -F -- "$1" "$2" | cut -d: -f1; }
# mutate FILE SED-SCRIPT > bad.plan
mutate() { sed "$2" "$1" >bad.plan; }

reject "basis not imported yet" low.plan basis "$(line_of 'basis ' low.plan)"
mutate up.plan 's/^unit 31$/unit 99999/'
reject "unknown unit" bad.plan unit 2
mutate up.plan 's/^lead 31$/lead 31x/'
reject "unknown lead" bad.plan lead "$(line_of 'lead ' up.plan)"
mutate up.plan 's/^partners 303;304$/partners 303;nope/'
reject "unknown partner" bad.plan partners "$(line_of 'partners ' up.plan)"
mutate up.plan 's/^due 2023S1$/due 2023S3/'
reject "bad due" bad.plan due "$(line_of 'due 2023S1' up.plan)"
mutate up.plan 's/^target establishments_dossier >= 40$/target establishments_dossier => 40/'
reject "bad comparator" bad.plan target "$(line_of 'dossier >= 40' up.plan)"
mutate up.plan 's/^target establishments_dossier >= 40$/target establishments_happiness >= 40/'
reject "unknown indicator" bad.plan target "$(line_of 'dossier >= 40' up.plan)"
mutate up.plan 's/^target establishments_dossier >= 40$/target models_coverage >= 100 area=do_thi/'
reject "models_coverage without level" bad.plan target "$(line_of 'dossier >= 40' up.plan)"
mutate up.plan 's/^target establishments_dossier >= 40$/target models_coverage >= 100 area=moon level=3/'
reject "models_coverage bad area" bad.plan target "$(line_of 'dossier >= 40' up.plan)"
mutate up.plan 's/^target establishments_dossier >= 40$/target establishments_dossier >= 40 level=3/'
reject "option of another indicator" bad.plan target "$(line_of 'dossier >= 40' up.plan)"
mutate up.plan 's/value:models_commended.tap_the = 4/value:models_praised.tap_the = 4/'
reject "value: unknown element" bad.plan target "$(line_of 'tap_the = 4' up.plan)"
mutate up.plan 's/value:models_commended.tap_the = 4/value:models_exemplary.default = 4/'
reject "value: a text element" bad.plan target "$(line_of 'tap_the = 4' up.plan)"
mutate up.plan 's/^item 2.1$/item 1.2/'
reject "duplicate item" bad.plan item "$(line_of 'item 2.1' up.plan)"
mutate up.plan 's/^status done$/status overdue/'
reject "overdue is computed" bad.plan status "$(line_of 'status done' up.plan)"
mutate up.plan '/^title /d'
reject "missing title" bad.plan title "$(($(line_of 'section I.' up.plan) - 1))"
mutate up.plan 's/^place /lieu /'
reject "unknown directive" bad.plan lieu "$(line_of 'place ' up.plan)"
mutate up.plan 's/^| Các quận ủy, huyện ủy căn cứ.*$/section/'
reject "bad last line" bad.plan section "$(wc -l <up.plan)"
mutate up.plan 's/^year 2023$/year 2023\xff/'
if run_dv o e import plan db bad.plan; then fail "[bad utf-8] accepted"; elif grep -qF "dòng 4" e; then ok; else fail "[bad utf-8] $(cat e)"; fi

# ---------------- the upper plan: round trip ----------------
if run_dv o e import plan db up.plan; then ok; else fail "import up.plan: $(cat e)"; fi
if run_dv up.out e export plan db --plan 10-KH/TU && cmp -s up.out up.plan; then ok; else
  fail "export of up.plan differs: $(diff up.plan up.out | head -20) $(cat e)"
fi
reject "same symbol, same unit" up.plan plan 1
mutate up.plan 's/^target establishments_dossier >= 30 unit=303$/target establishments_dossier >= 30 unit=11296/'
sed -i 's/^unit 31$/unit 303/; s/^plan 10-KH\/TU$/plan 9-KH\/QU/; s/^lead 31$/lead 303/' bad.plan
if run_dv o e import plan db bad.plan; then ok; else fail "[target unit in the plan unit's subtree] refused: $(cat e)"; fi
mutate low.plan 's/^target establishments_dossier >= 30$/target establishments_dossier >= 30 unit=304/'
reject "target unit outside the plan's unit" bad.plan target "$(line_of 'target ' low.plan)"
mutate low.plan 's/^source 10-KH\/TU 1.1$/source 11-KH\/TU 1.1/'
reject "source plan missing" bad.plan source "$(line_of 'source 10-KH/TU 1.1' low.plan)"
mutate low.plan 's/^source 10-KH\/TU 1.1$/source 10-KH\/TU 9.9/'
reject "source item missing" bad.plan source "$(line_of 'source 10-KH/TU 1.1' low.plan)"

# ---------------- lower plans ----------------
for f in low.plan low2.plan; do
  if run_dv o e import plan db "$f"; then ok; else fail "import $f: $(cat e)"; fi
done
if run_dv low.out e export plan db --plan 5-KH/QU && cmp -s low.out low.plan; then ok; else fail "export of low.plan differs: $(diff low.plan low.out)"; fi

# export -> import into a fresh database -> export: the same bytes
if ! run_dv o e init db2 --demo; then fail "init db2: $(cat e)"; fi
for s in 10-KH/TU 5-KH/QU 7-KH/QU; do
  f=$(echo "$s" | tr / _)
  run_dv "$f.1" e export plan db --plan "$s" || fail "export $s: $(cat e)"
  if run_dv o e import plan db2 "$f.1"; then ok; else fail "import $s into db2: $(cat e)"; fi
  run_dv "$f.2" e export plan db2 --plan "$s" || fail "export $s from db2: $(cat e)"
  if cmp -s "$f.1" "$f.2"; then ok; else fail "$s: export -> import -> export differs"; fi
done

# the same symbol at another unit; references resolve to the nearest unit above
sed 's/^unit 303$/unit 304/; s/^lead 303$/lead 304/; /^target /d; /^source /d' low.plan >low304.plan
if run_dv o e import plan db low304.plan; then ok; else fail "same symbol at 304: $(cat e)"; fi
if run_dv o e export plan db --plan 5-KH/QU; then fail "ambiguous symbol exported"; elif grep -q "304" e && grep -q "303" e; then ok; else fail "ambiguous: $(cat e)"; fi
if run_dv o e export plan db --plan 5-KH/QU --unit 303 && cmp -s o low.plan; then ok; else fail "export --unit 303: $(cat e)"; fi
cat >commune.plan <<'PLAN'
plan 2-KH/ĐU
unit 11296
date 2023-02-10
year 2023
title Kế hoạch của Đảng ủy phường Quán Toan
basis 5-KH/QU

section I. NHIỆM VỤ

item 1
| Rà soát cơ sở tôn giáo trên địa bàn phường.
source 5-KH/QU 1
PLAN
if run_dv o e import plan db commune.plan; then ok; else fail "commune plan: $(cat e)"; fi
if run_dv o e plans db --format json && python3 - o <<'PY'; then ok; else fail "commune plan's basis is 303's 5-KH/QU: $(cat o)"; fi
import json, sys
rows = {(r["symbol"], r["unit"]): r for r in json.load(open(sys.argv[1]))}
assert rows[("2-KH/ĐU", "11296")]["basis"] == "5-KH/QU" and rows[("2-KH/ĐU", "11296")]["basis_unit"] == "303", rows
PY

# ---------------- plans: JSON shape, overdue ----------------
# today 2023-07-01: 1.1 (due 2023S1, not started) and 1.2 (yearly:6, in progress) are overdue, 2.1 is done
if run_dv plans.json e plans db --format json && python3 - plans.json <<'PY'; then ok; else fail "plans JSON: $(cat plans.json) $(cat e)"; fi
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list)
for r in rows:
    for k in ("symbol", "unit", "unit_name", "title", "basis", "basis_unit", "year", "date", "items", "done", "overdue", "targets"):
        assert k in r, (k, r)
up = [r for r in rows if r["symbol"] == "10-KH/TU"][0]
assert up == {"symbol": "10-KH/TU", "unit": "31", "unit_name": "Thành phố Hải Phòng",
              "title": "Kế hoạch công tác dân vận năm 2023", "basis": None, "basis_unit": None, "year": 2023,
              "date": "2023-01-10", "items": 3, "done": 1, "overdue": 2, "targets": 16}, up
low = [r for r in rows if r["symbol"] == "7-KH/QU"][0]
assert low["basis"] == "10-KH/TU" and low["basis_unit"] == "31" and low["overdue"] == 0, low
PY

# ---------------- targets ----------------
python3 - "$REPO/demo" >expect.json <<'PY'
# children of 31 that pull each target down, from the demo's own files
import csv, json, sys
demo = sys.argv[1]
parent = {r["code"]: r["parent_code"] for r in csv.DictReader(open(demo + "/units.csv", encoding="utf-8"))}
districts = sorted(c for c, p in parent.items() if p == "31")
def district(c):
    while parent.get(c) and parent[c] != "31": c = parent[c]
    return c if parent.get(c) == "31" else None
num = {d: 0 for d in districts}; den = {d: 0 for d in districts}
for r in csv.DictReader(open(demo + "/establishments.csv", encoding="utf-8")):
    d = district(r["unit"])
    if d and r["uses_land"] == "yes":
        den[d] += 1
        num[d] += r["status"] != "none"
dossier = {d: round(100 * num[d] / den[d], 2) for d in districts if den[d]}
commended = {}
for r in csv.DictReader(open(demo + "/values.csv", encoding="utf-8")):
    if r["element"] == "models_commended" and r["combo"] == "tap_the" and r["period"] == "2023S1" and r["unit"] in districts:
        commended[r["unit"]] = float(r["value"])
print(json.dumps({"dossier": dossier, "commended": commended, "total": [sum(num.values()), sum(den.values())]}))
PY
if run_dv targets.json e target db --plan 10-KH/TU --format json && python3 - targets.json expect.json <<'PY'; then ok; else fail "targets: $(cat e)"; fi
import json, sys
rows = json.load(open(sys.argv[1])); ex = json.load(open(sys.argv[2]))
assert ex["total"] == [81, 228], ex["total"]
keys = {"item", "indicator", "comparator", "threshold", "unit", "unit_name", "period", "value", "numerator",
        "denominator", "state", "error", "below"}
for r in rows:
    assert keys <= set(r), r
want = [  # item, indicator, comparator, threshold, unit, period, value, state
    ("1.1", "establishments_dossier", ">=", 30, "31", "2023", 35.53, "exceeded"),
    ("1.1", "establishments_dossier", ">=", 35.53, "31", "2023", 35.53, "achieved"),
    ("1.1", "establishments_dossier", ">=", 40, "31", "2023", 35.53, "not_yet"),
    ("1.1", "establishments_dossier", "<=", 40, "31", "2023", 35.53, "exceeded"),
    ("1.1", "establishments_dossier", "<=", 35.53, "31", "2023", 35.53, "achieved"),
    ("1.1", "establishments_dossier", "<=", 30, "31", "2023", 35.53, "not_yet"),
    ("1.1", "establishments_dossier", ">", 35, "31", "2023", 35.53, "achieved"),
    ("1.1", "establishments_dossier", ">", 36, "31", "2023", 35.53, "not_yet"),
    ("1.1", "establishments_dossier", "<", 36, "31", "2023", 35.53, "achieved"),
    ("1.1", "establishments_dossier", "<", 35.53, "31", "2023", 35.53, "not_yet"),
    ("1.1", "establishments_dossier", "=", 35.53, "31", "2023", 35.53, "achieved"),
    ("1.1", "establishments_dossier", "=", 35.5, "31", "2023", 35.53, "not_yet"),
    ("1.1", "establishments_dossier", ">=", 30, "303", "2023", 30, "achieved"),
    ("1.2", "value:models_commended.tap_the", "=", 4, "31", "2023S1", 4, "achieved"),
    ("1.2", "value:models_commended.tap_the", ">=", 5, "31", "2023S1", 4, "not_yet"),
    ("1.2", "conclusions_on_time", ">=", 90, "31", "2022", None, "not_yet"),
]
got = [(r["item"], r["indicator"], r["comparator"], r["threshold"], r["unit"], r["period"], r["value"], r["state"]) for r in rows]
assert got == want, "\n".join(map(str, got))
assert rows[0]["numerator"] == 81 and rows[0]["denominator"] == 228 and rows[0]["unit_name"] == "Thành phố Hải Phòng"
assert rows[12]["numerator"] == 3 and rows[12]["denominator"] == 10
assert rows[15]["error"] and rows[15]["denominator"] == 0, rows[15]
assert rows[13]["numerator"] is None and rows[13]["error"] is None
# the children that pull a target down, worst first
def below(r): return [(b["unit"], b["value"]) for b in r["below"]]
d = ex["dossier"]
def check(r, pred, reverse):
    exp = sorted(((u, v) for u, v in d.items() if pred(v)), key=lambda x: x[1], reverse=reverse)
    got = below(r)
    assert sorted(got) == sorted(exp), (r["comparator"], r["threshold"], got, exp)
    vals = [v for _, v in got]
    assert vals == sorted(vals, reverse=reverse), vals
check(rows[0], lambda v: v < 30, False)            # >= 30
check(rows[2], lambda v: v < 40, False)            # >= 40
check(rows[5], lambda v: v > 30, True)             # <= 30
check(rows[1], lambda v: v < 35.53, False)         # >= 35.53
c = ex["commended"]
assert sorted(below(rows[14])) == sorted((u, v) for u, v in c.items() if v < 5), below(rows[14])
assert sorted(below(rows[13])) == sorted((u, v) for u, v in c.items() if v != 4), below(rows[13])
assert below(rows[15]) == []
PY
# a viewer of a district reads the district's plan targets, not the city's
printf 'secretpass1\n' | "$DV" user add db --login v303 --unit 303 --role viewer >/dev/null 2>&1
printf 'secretpass1\n' | "$DV" user add db --login o303 --unit 303 --role officer >/dev/null 2>&1
printf 'secretpass1\n' | "$DV" user add db --login o305 --unit 305 --role officer >/dev/null 2>&1
if run_dv o e target db --plan 5-KH/QU --unit 303 --format json --user v303 &&
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [(t["value"], t["state"]) for t in r] == [(30, "achieved")], r' o; then ok; else
  fail "district targets as v303: $(cat o) $(cat e)"
fi
if run_dv o e target db --plan 5-KH/QU --unit 303 --format json --user o305; then fail "o305 read 303's plan"; else ok; fi

# ---------------- the cascade ----------------
cascade() { run_dv "$1" e cascade db --plan "$2" --unit "$3" --format json || fail "cascade $2: $(cat e)"; }
cascade c1.json 10-KH/TU 31
if python3 - c1.json <<'PY'; then ok; else fail "upper cascade: $(cat c1.json)"; fi
import json, sys
c = json.load(open(sys.argv[1]))
assert c["plan"] == "10-KH/TU" and c["unit"] == "31" and c["basis"] is None
items = {i["item"]: i for i in c["items"]}
assert list(items) == ["1.1", "1.2", "2.1"]
t = [(x["plan"], x["unit"], x["item"], x["status"], x["overdue"], x["outdated"]) for x in items["1.1"]["taken_up_by"]]
assert t == [("5-KH/QU", "303", "1", "in_progress", True, False), ("7-KH/QU", "304", "1", "done", False, False)], t
t = [(x["plan"], x["unit"], x["item"], x["status"], x["overdue"]) for x in items["1.2"]["taken_up_by"]]
assert t == [("5-KH/QU", "303", "2", "not_started", False)], t
assert items["2.1"]["taken_up_by"] == [] and items["2.1"]["source"] is None
assert items["1.1"]["overdue"] is True and items["1.2"]["overdue"] is True and items["2.1"]["overdue"] is False
assert items["1.1"]["status"] == "not_started" and items["2.1"]["status"] == "done"
PY

# the city changes item 1.1 (30% -> 40%) and re-imports its plan
sed 's/cho tối thiểu 30% số cơ sở/cho tối thiểu 40% số cơ sở/' up.plan >up2.plan
if run_dv o e import plan db up2.plan --replace; then ok; else fail "replace up: $(cat e)"; fi
if run_dv o e export plan db --plan 10-KH/TU && cmp -s o up2.plan; then ok; else fail "export after replace differs"; fi
cascade c2.json 5-KH/QU 303
if python3 - c2.json <<'PY'; then ok; else fail "lower cascade after the change: $(cat c2.json)"; fi
import json, sys
c = json.load(open(sys.argv[1]))
assert c["basis"] == "10-KH/TU"
i = {x["item"]: x for x in c["items"]}
s = i["1"]["source"]
assert s["plan"] == "10-KH/TU" and s["unit"] == "31" and s["item"] == "1.1", s
assert s["changed"] is True and s["removed"] is False
assert "tối thiểu 30% số" in s["text_then"] and "tối thiểu 40% số" in s["text_now"], s
assert "[-30%-] {+40%+}" in s["diff"], s["diff"]
assert i["2"]["source"]["changed"] is False and i["2"]["source"]["diff"] is None
PY
cascade c3.json 10-KH/TU 31
if python3 -c '
import json, sys
c = json.load(open(sys.argv[1])); t = c["items"][0]["taken_up_by"]
assert [(x["unit"], x["outdated"]) for x in t] == [("303", True), ("304", True)], t' c3.json; then ok; else fail "upper sees outdated takers: $(cat c3.json)"; fi
# a lower re-import keeps the text it took up: still changed
if run_dv o e import plan db low2.plan --replace; then ok; else fail "replace low2: $(cat e)"; fi
cascade c4.json 7-KH/QU 304
if python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["items"][0]["source"]; assert s["changed"] and "30%" in s["text_then"], s' c4.json; then ok; else fail "low2 replace lost its snapshot: $(cat c4.json)"; fi
# 303 acknowledges the new text: no difference any more, for 303 only
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 1 --ack-source --user v303; then fail "a viewer acknowledged"; else ok; fi
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 1 --ack-source --user o303; then ok; else fail "ack: $(cat e)"; fi
cascade c5.json 5-KH/QU 303
if python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["items"][0]["source"]; assert not s["changed"] and s["diff"] is None and "40%" in s["text_then"], s' c5.json; then ok; else fail "after ack: $(cat c5.json)"; fi
cascade c6.json 10-KH/TU 31
if python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["items"][0]["taken_up_by"]
assert [(x["unit"], x["outdated"]) for x in t] == [("303", False), ("304", True)], t' c6.json; then ok; else fail "upper after ack: $(cat c6.json)"; fi
# the city removes item 1.2: the lower item shows its source removed
awk '/^item 1.2$/{skip=1} /^heading 2\./{skip=0} !skip' up2.plan >up3.plan
if run_dv o e import plan db up3.plan --replace; then ok; else fail "replace without 1.2: $(cat e)"; fi
cascade c7.json 5-KH/QU 303
if python3 -c '
import json, sys
s = {x["item"]: x for x in json.load(open(sys.argv[1]))["items"]}["2"]["source"]
assert s["removed"] and s["changed"] and s["text_now"] is None and "[-" in s["diff"], s' c7.json; then ok; else fail "removed source: $(cat c7.json)"; fi
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 2 --ack-source; then fail "ack of a removed source"; else ok; fi

# ---------------- progress ----------------
n0=$(sqlite3 db "select count(*) from audit where action='plan.item'")
if run_dv o e plan-item db --plan 7-KH/QU --item 1 --status in_progress --user o303; then fail "o303 changed 304's plan"; else ok; fi
doc=$(sqlite3 db "select id from records where register='documents' and unit_id=(select id from units where code='303') limit 1")
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 2 --status done --note "Đã biểu dương 2 mô hình" --evidence "documents:$doc" --user o303; then ok; else fail "progress: $(cat e)"; fi
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 2 --evidence documents:999999999; then fail "evidence of no record"; else ok; fi
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 2 --status late; then fail "bad status accepted"; else ok; fi
if run_dv o e plan-item db --plan 5-KH/QU --unit 303 --item 9 --status done; then fail "unknown item accepted"; else ok; fi
if run_dv notes.json e plan-item db --plan 5-KH/QU --unit 303 --item 2 && python3 - notes.json "$doc" <<'PY'; then ok; else fail "notes: $(cat notes.json)"; fi
import json, sys
n = json.load(open(sys.argv[1]))
assert [(x["login"], x["status"], x["note"], x["evidence"], x["date"]) for x in n] == [
    ("o303", "done", "Đã biểu dương 2 mô hình", "documents:" + sys.argv[2], "2023-07-01")], n
PY
n1=$(sqlite3 db "select count(*) from audit where action='plan.item'")
if [ $((n1 - n0)) = 1 ]; then ok; else fail "plan.item audited $((n1 - n0)) times, expected 1"; fi
if grep -q '^status done$' <("$DV" export plan db --plan 5-KH/QU --unit 303); then ok; else fail "export shows the new status"; fi
n=$(sqlite3 db "select count(*) from audit where action in ('plan.import','plan.replace') and entity='plan'")
n=$((n - DEMO_PLAN_IMPORTS))
if [ "$n" = 9 ]; then ok; else fail "plan imports audited $n times, expected 9"; fi
finish
