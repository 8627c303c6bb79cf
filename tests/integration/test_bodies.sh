#!/usr/bin/env bash
# Bodies in the tree and access by body (issue 11, items 1-2). A city (31) with its Front
# (31-MT), the Women's Union under the Front (31-PN), a department (31-SCT) and two wards, each
# with its Front, one with its police. "A user at a body sees its own records and those of the
# same kind of body in the subtree of its area (the city Front sees every district and ward Front
# and the member organisations), and never the area's own records: the letters' senders stay
# with the Party committee that received them." The test writes the rule again in python
# (docs/access.md) and checks it as a matrix through HTTP: every role (viewer, officer,
# approver) at every unit × a supervision record of every unit × read (GET), write (POST a
# change) and approve (the actions offered on a submitted Biểu 6: to the approver of the unit
# it is routed to, the nearest above with an approver, here its parent). Then: a body's records count
# into its area's annexes, at the area's level, and Biểu 6 shows a row per kind of body under
# each level (totals unchanged); the city Front's Biểu 6 of the city counts the Front's bodies only; a Front officer lists no letter of the city and cannot open its sender;
# bad kind/level rows in units.csv are refused with the line and field, nothing imported.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'EOF'
code,name,type,level,parent_code,kind
31,Thành phố Hải Phòng,Thành phố trực thuộc trung ương,1,,
31-MT,Ủy ban MTTQ Việt Nam thành phố Hải Phòng,Ủy ban Mặt trận,,31,front
31-PN,Hội Liên hiệp Phụ nữ thành phố Hải Phòng,Hội,,31-MT,organisation
31-SCT,Sở Công Thương Hải Phòng,Sở,1,31,agency
11311,Phường Hồng Bàng,Phường,2,31,
11311-MT,Ủy ban MTTQ Việt Nam phường Hồng Bàng,Ủy ban Mặt trận,,11311,front
11311-CA,Công an phường Hồng Bàng,Công an,2,11311,police
11329,Phường Ngô Quyền,Phường,2,31,
11329-MT,Ủy ban MTTQ Việt Nam phường Ngô Quyền,Ủy ban Mặt trận,,11329,front
EOF
run_dv o e init db || { fail "init: $(cat e)"; finish; }
check "import units with kinds" run_dv o e import units db units.csv
[ "$(sqlite3 db "SELECT group_concat(code||':'||level||':'||kind, ' ') FROM (SELECT * FROM units ORDER BY code)")" = \
  "11311:2:area 11311-CA:2:police 11311-MT:2:front 11329:2:area 11329-MT:2:front 31:1:area 31-MT:1:front 31-PN:1:organisation 31-SCT:1:agency" ] &&
  ok || fail "units stored: $(sqlite3 db "SELECT code, level, kind FROM units")"
[ "$(sqlite3 db "SELECT name FROM level_names WHERE level=1")" = "Thành phố" ] && ok || fail "bodies' types renamed level 1"

# the export is the import format: it imports back into an empty database, bodies under their areas
check "units list" run_dv list.csv e units db list
head -1 list.csv | grep -qx "code,name,type,level,parent_code,kind" && ok || fail "units list header: $(head -1 list.csv)"
grep -qx "31-PN,Hội Liên hiệp Phụ nữ thành phố Hải Phòng,Hội,1,31-MT,organisation" list.csv && ok || fail "31-PN listed: $(cat list.csv)"
run_dv o e init db2 && check "import the export" run_dv o e import units db2 list.csv
run_dv list2.csv e units db2 list
cmp -s list.csv list2.csv && ok || fail "the round trip changed the units: $(diff list.csv list2.csv)"

# bad rows: each refused naming line and field; nothing imported
bad_units() { # $1 line to add, $2 expected text
  { head -1 units.csv; echo "$1"; } >bad.csv
  before=$(sqlite3 db "SELECT count(*) FROM units")
  if run_dv o e import units db bad.csv; then fail "imported: $1"; else
    grep -q "$2" e && ok || fail "bad row $1: $(cat e)"
  fi
  [ "$(sqlite3 db "SELECT count(*) FROM units")" = "$before" ] && ok || fail "a refused file changed the units"
}
bad_units "31-X,Tổ chức X,Hội,,31,club" 'dòng 2, trường "kind"'
bad_units "31-Y,Hội Nông dân,Hội,2,31,organisation" 'dòng 2, trường "level"'
bad_units "31-Z,Mặt trận không địa bàn,Ủy ban Mặt trận,1,,front" 'dòng 2, trường "parent_code"'
bad_units "11999,Phường dưới Mặt trận,Phường,2,31-MT," 'địa bàn không thể thuộc cơ quan, tổ chức'

# one supervision per unit, a letter with its sender at the city and at a ward
{ echo "date,unit,subject,documents_reviewed,recommendations,accepted"
  n=0; for u in 31 31-MT 31-PN 31-SCT 11311 11311-MT 11311-CA 11329 11329-MT; do n=$((n + 1))
    echo "2026-03-0$((n % 9 + 1)),$u,Giám sát của $u,$n,$((n * 10)),$n"; done; } >sup.csv
check "import supervisions" run_dv o e import supervisions db sup.csv
printf 'received,unit,kind,eligible,status,resolved,sender_name,sender_address,content,handler\n2026-03-02,31,kien_nghi,yes,received,,Nguyễn Văn An,,Đơn gửi Bí thư Thành ủy,\n2026-03-03,11311,phan_anh,yes,received,,Trần Thị Bình,,Đơn gửi Bí thư Đảng ủy phường,\n' >let.csv
check "import letters" run_dv o e import letters db let.csv
UNITS="31 31-MT 31-PN 31-SCT 11311 11311-MT 11311-CA 11329 11329-MT"
for u in $UNITS; do for r in viewer officer approver; do
  printf '%s\n' "pass-$u-$r" | "$DV" user add db --login "$r-${u,,}" --unit "$u" --role "$r" >o 2>e || fail "user add $r-$u: $(cat e)"
done; done
# reporting duties by default (the seed's): areas down to the commune report, bodies do not
# (their work is in their area's annex); Biểu 2 is not asked of a ward (no Ban Dân vận)
run_dv o e submit db --form bieu-6 --period 2026S1 --unit 11311-MT --user officer-11311-mt; rc=$?
[[ $rc -ne 0 ]] && grep -q "không phải báo cáo biểu bieu-6" e \
  && ok "a ward's Front is not asked for Biểu 6 by default" || fail "Front submits Biểu 6 by default: $rc $(cat e)"
run_dv o e completeness db --form bieu-6 --period 2026S1 --unit 31 --format json
[[ $(python3 -c 'import json,sys; print(",".join(r["unit"] for r in json.load(open("o"))["children"]))') == "11311,11329" ]] \
  && ok "Biểu 6 is asked of the two wards, not of the city's bodies" || fail "bieu-6 reporters: $(cat o e)"
run_dv o e completeness db --form bieu-2 --period 2026S1 --unit 31 --format json
[[ $(python3 -c 'import json,sys; print(len(json.load(open("o"))["children"]))') == 0 ]] \
  && ok "Biểu 2 is asked of no ward" || fail "bieu-2 reporters: $(cat o e)"
run_dv o e config db reporters.bieu-6 "2,fronts"; rc=$?
[[ $rc -ne 0 ]] && grep -q '"fronts" không phải cấp' e && ok "reporters: an unknown kind is refused, named" \
  || fail "reporters 2,fronts: $rc $(cat e)"
# for the matrix, every unit reports Biểu 6 (levels and kinds)
check "reporters.bieu-6: every kind" run_dv o e config db reporters.bieu-6 area,party,front,organisation,government,agency,police,military,court
sqlite3 -csv db "SELECT u.code, u.kind, COALESCE(p.code,''), r.id FROM records r JOIN units u ON u.id=r.unit_id
  LEFT JOIN units p ON p.id=u.parent_id JOIN registers g ON g.id=r.reg WHERE g.code='supervisions'" >recs.csv
start_server db

python3 - "$BASE" "$UNITS" >py.out 2>&1 <<'PY'
import csv, json, sys
from dvtest import Client, err, bad
c = Client(sys.argv[1])
units = sys.argv[2].split()
recs = {code: (kind, parent, int(rid)) for code, kind, parent, rid in csv.reader(open("recs.csv"))}
kind = {u: recs[u][0] for u in units}
parent = {u: recs[u][1] for u in units}
# the rule of docs/access.md, written again
def ancestors(u):
    while u: yield u; u = parent[u]
def in_subtree(top, u): return top in ancestors(u)
def area_of(u): return next(a for a in ancestors(u) if kind[a] == "area")
FAMILY = {"front": {"front", "organisation"}}
def can_read(me, u):
    if in_subtree(me, u): return True
    if kind[me] == "area": return False
    return in_subtree(area_of(me), u) and kind[u] in FAMILY.get(kind[me], {kind[me]})
ROLES = ["viewer", "officer", "approver"]
def route(u):
    """where u's reports go: the nearest unit above with an approver; every unit has one here"""
    return parent[u] or None
sess = {(me, r): c.login(f"{r}-{me.lower()}", f"pass-{me}-{r}") for me in units for r in ROLES}
cells = 0
for (me, role), s in sess.items():
    for u in units:
        rid = recs[u][2]
        st, _, body = s.get(f"/api/registers/supervisions/{rid}")
        want = can_read(me, u)
        cells += 1
        if (st == 200) != want: err(f"read: {role}-{me} -> {u}: {st}, want {'200' if want else 'refused'}")
        st, _, body = s.api("POST", f"/api/registers/supervisions/{rid}", {"documents_reviewed": "7"})
        want = can_read(me, u) and role != "viewer"
        cells += 1
        if (st == 200) != want: err(f"write: {role}-{me} -> {u}: {st} {body[:120]!r}, want {'200' if want else 'refused'}")
# approve: every unit's officer submits Biểu 6 of 2026S1; the steps each approver is offered
for u in units:
    st, _, body = sess[(u, "officer")].api("POST", "/api/submission", {"form": "bieu-6", "period": "2026S1", "unit": u,
                                                                     "action": "submit", "ack": True})
    if st != 200: err(f"submit {u}: {st} {body[:200]!r}")
for me in units:
    for role in ROLES:
        for u in units:
            st, _, body = sess[(me, role)].get(f"/api/submission?form=bieu-6&period=2026S1&unit={u}")
            acts = json.loads(body).get("actions", []) if st == 200 else []
            want = role == "approver" and route(u) == me
            cells += 1
            if ("approve" in acts) != want: err(f"approve: {role}-{me} -> {u}: {st} {acts}, want {want}")
print(f"{cells} cells")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "the access matrix: $(cat py.out)"
grep -q "^729 cells" py.out && ok || fail "the matrix is not 9 units x 3 roles x 9 records x 3: $(tail -1 py.out)"

python3 - "$BASE" >py2.out 2>&1 <<'PY'
import csv, json, sys
from dvtest import Client, err, bad
c = Client(sys.argv[1])
sup = list(csv.DictReader(open("sup.csv")))
recs = {r["unit"]: int(r["recommendations"]) for r in sup}
def annex(s, unit):
    st, _, body = s.get(f"/api/report?form=bieu-6&period=2026S1&unit={unit}")
    if st != 200: err(f"Biểu 6 of {unit}: {st} {body[:200]!r}"); return {}
    return {r["label"]: r["values"][2] for r in json.loads(body)["rows"]}
# the city's annex: a body's work at its area's level
city = annex(c.login("officer-31", "pass-31-officer"), "31")
lvl1 = sum(recs[u] for u in ("31", "31-MT", "31-PN", "31-SCT"))
lvl2 = sum(recs[u] for u in ("11311", "11311-MT", "11311-CA", "11329", "11329-MT"))
if city.get("Thành phố") != lvl1 or city.get("Xã, phường") != lvl2 or city.get("Tổng") != lvl1 + lvl2:
    err(f"the city's Biểu 6: {city}, want {lvl1} / {lvl2}")
# Biểu 6 by organisation: a row per kind of body under each level row, the totals unchanged
st, _, body = c.login("officer-31", "pass-31-officer").get("/api/report?form=bieu-6&period=2026S1&unit=31")
rows = [(r["label"], r["values"][2]) for r in json.loads(body)["rows"]] if st == 200 else []
want = [("Thành phố", lvl1), ("trong đó: Mặt trận Tổ quốc", recs["31-MT"]),
        ("trong đó: Tổ chức chính trị - xã hội", recs["31-PN"]), ("trong đó: Sở, ban, ngành", recs["31-SCT"]),
        ("Xã, phường", lvl2), ("trong đó: Mặt trận Tổ quốc", recs["11311-MT"] + recs["11329-MT"]),
        ("trong đó: Công an", recs["11311-CA"]), ("Tổng", lvl1 + lvl2)]
if rows != want: err(f"Biểu 6 by organisation: {rows}, want {want}")
# the city Front's annex of the city: the Fronts and the member organisation only
front = annex(c.login("officer-31-mt", "pass-31-MT-officer"), "31")
st, _, body = c.login("officer-31-mt", "pass-31-MT-officer").get("/api/report?form=bieu-6&period=2026S1&unit=31")
labels = [r["label"] for r in json.loads(body)["rows"]] if st == 200 else []
if "trong đó: Sở, ban, ngành" in labels or "trong đó: Công an" in labels: err(f"the Front's annex shows other bodies: {labels}")
f1, f2 = recs["31-MT"] + recs["31-PN"], recs["11311-MT"] + recs["11329-MT"]
if front.get("Thành phố") != f1 or front.get("Xã, phường") != f2: err(f"the city Front's Biểu 6 of 31: {front}, want {f1} / {f2}")
# a ward's police sees only police: its own record, none of the ward's Front
st, _, body = c.login("officer-11311-ca", "pass-11311-CA-officer").get("/api/report?form=bieu-6&period=2026S1&unit=11311")
pol = {r["label"]: r["values"][2] for r in json.loads(body)["rows"]} if st == 200 else {}
if pol.get("Tổng") != recs["11311-CA"]: err(f"the ward police's Biểu 6 of 11311: {st} {pol}")
# /units shows a body under its area with its kind
st, _, page = c.login("officer-31", "pass-31-officer").get("/units")
pg = page.decode()
i = pg.find("Ủy ban MTTQ Việt Nam phường Hồng Bàng")
if st != 200 or i < 0 or pg.find("Phường Hồng Bàng <span") > i or '<span class="kind">Mặt trận Tổ quốc</span>' not in pg[i:i + 300]:
    err(f"/units: the ward Front is not shown under its ward with its kind ({st})")
# letters: the Front lists none of the city's, cannot open the city's letter or its sender
mt = c.login("officer-31-mt", "pass-31-MT-officer")
st, _, body = mt.get("/api/registers/letters?unit=31")
js = json.loads(body) if st == 200 else {}
if st != 200 or js.get("total") != 0: err(f"the Front lists letters of 31: {st} {body[:200]!r}")
if b"Nguy" in body: err("a letter's sender reached the Front")
tp = c.login("officer-31", "pass-31-officer")
st, _, body = tp.get("/api/registers/letters?unit=31")
ids = [r["id"] for r in json.loads(body)["records"]] if st == 200 else []
if len(ids) != 2: err(f"the city's committee lists {len(ids)} letters")
for i in ids:
    st, _, body = mt.get(f"/api/registers/letters/{i}")
    if st not in (403, 404) or "Nguyễn Văn An".encode() in body or "Trần Thị Bình".encode() in body:
        err(f"the Front opened letter {i}: {st}")
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "bodies in the annexes and letters: $(cat py2.out)"
check_server_end
finish
