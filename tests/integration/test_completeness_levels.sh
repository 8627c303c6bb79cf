#!/usr/bin/env bash
# Completeness by level (`danvan completeness … --format json`, "levels"): every unit of the
# subtree that reports the form, counted by level and timeliness. On the demo (Biểu 6, 2023S1,
# Hải Phòng 31): the level-2 tally equals the states of the city's own children as listed in
# "children"; the level-3 tally equals the sum, over the districts, of their children's states;
# a commune that submits moves from missing to on_time in both; a form's reporting levels
# (reporters.FORM) leave the other levels out.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1
if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
check "clock" run_dv o e config db clock.today 2023-07-20

compare() { # the levels of 31 against the children lists of 31 and of each district
  run_dv c31.json e completeness db --form bieu-6 --period 2023S1 --unit 31 --format json || { fail "completeness 31: $(cat e)"; return; }
  for d in $(python3 -c "import json; [print(c['unit']) for c in json.load(open('c31.json'))['children']]"); do
    run_dv "c$d.json" e completeness db --form bieu-6 --period 2023S1 --unit "$d" --format json || fail "completeness $d: $(cat e)"
  done
  python3 - <<'PY' && ok || fail "levels disagree with the children lists"
import json, glob, collections
top = json.load(open("c31.json"))
lv = {l["level"]: l for l in top["levels"]}
def tally(children):
    t = collections.Counter(c["state"] for c in children)
    t["units"] = len(children)
    return t
want2 = tally(top["children"])
want3 = collections.Counter()
for f in glob.glob("c*.json"):
    if f != "c31.json": want3 += tally(json.load(open(f))["children"])
for level, want in ((2, want2), (3, want3)):
    got = lv[level]
    for k in ("units", "on_time", "late", "missing", "pending"):
        assert got[k] == want.get(k, 0), (level, k, got[k], want.get(k, 0))
assert lv[2]["name"] == "Quận, huyện" and lv[3]["name"] == "Xã, phường", lv
assert lv[3]["units"] > 100 and lv[2]["units"] == 15
PY
}
compare
before=$(python3 -c "import json; print([l['on_time'] for l in json.load(open('c31.json'))['levels'] if l['level']==3][0])")
# Máy Chai (11329, a ward of Ngô Quyền) submits on time, by its officer
check "clock back" run_dv o e config db clock.today 2023-06-10
check "submit" run_dv o e submit db --form bieu-6 --period 2023S1 --unit 11329 --user maychai --ack
check "clock" run_dv o e config db clock.today 2023-07-20
compare
after=$(python3 -c "import json; print([l['on_time'] for l in json.load(open('c31.json'))['levels'] if l['level']==3][0])")
[ "$after" -eq $((before + 1)) ] && ok || fail "level 3 on_time $before -> $after after a submission"
# only districts report Biểu 6: communes leave the tally
check "reporters" run_dv o e config db reporters.bieu-6 2
run_dv c31.json e completeness db --form bieu-6 --period 2023S1 --unit 31 --format json
python3 -c "import json; l=json.load(open('c31.json'))['levels']; assert [x['level'] for x in l]==[2], l" && ok || fail "reporters.bieu-6 2: $(cat c31.json | head -c 300)"
# the same on the web: the completeness page's table by level
check "reporters back" run_dv o e config db reporters.bieu-6 2,3
run_dv c31.json e completeness db --form bieu-6 --period 2023S1 --unit 31 --format json
start_server db
check "the page's table by level" python3 - "$BASE" <<'PY'
import json, re, sys
from dvtest import Client, Session
s = Session(Client(sys.argv[1]), "admin", "admin-dv-123")
st, _, page = s.get("/completeness?form=bieu-6&period=2023S1&unit=31")
page = page.decode()
assert st == 200 and "Theo cấp" in page, st
table = page[page.index('class="list by-level"'):]
table = table[:table.index("</table>")]
rows = re.findall(r'<tr><th scope="row">([^<]*)</th>((?:<td class="num">\d+</td>)+)</tr>', table)
got = {name: [int(x) for x in re.findall(r"(\d+)</td>", cells)] for name, cells in rows}
for l in json.load(open("c31.json"))["levels"]:
    want = [l["units"], l["on_time"], l["late"], l["missing"], l["pending"]]
    assert got.get(l["name"]) == want, (l["name"], got.get(l["name"]), want)
PY
check_server_end
finish
