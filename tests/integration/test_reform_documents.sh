#!/usr/bin/env bash
# Documents across the 2025 reform (issue 10, item 6): names of bodies are data with validity.
#   - `danvan bodies DB list` holds the board's two names: Ban Dân vận (BDV) from the
#     beginning, Ban Tuyên giáo và Dân vận (BTGDV) from 01/07/2025; a bad name or date is
#     refused; a change is audited;
#   - a plan of the board dated 2026 ("01-KH/BTGDVTU") is issued by "BAN TUYÊN GIÁO VÀ DÂN VẬN"
#     under "THÀNH ỦY HẢI PHÒNG"; the 2024 plan 85-KH/BDVTU still by "BAN DÂN VẬN";
#   - the 2026 report's heading IV names the merged board, the 2023 report's the old one; so do
#     Biểu 2's row ("Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng") and headers;
#   - the report editor offers Biểu 5's sentence with the change against the same period a year
#     before ("tăng 2 cuộc so với cùng kỳ năm trước"), counted on the 2026 tree through the
#     mapping; a ward of the new tree (its parent the city: no district) gets "ĐẢNG BỘ THÀNH
#     PHỐ HẢI PHÒNG" over its own committee.
source "$(dirname "$0")/lib.sh" "$@"
need_shared
command -v curl >/dev/null || { echo "FAIL: curl is needed" >&2; exit 1; }
VN="$SHARED/data/vn-admin"
DEMO="$HERE/../../demo"
cd "$W" || exit 1

# the old city (the demo's tree), then a 2025 edition of new Hải Phòng with three of its wards
run_dv o e init db && run_dv o e import units db "$DEMO/units.csv" || { fail "setup: $(cat e)"; finish; }
check "import plan 85-KH/BDVTU" run_dv o e import plan db "$DEMO/plans/000-85-KH-BDVTU.plan"
python3 - "$VN" <<'PY' || fail "edition files"
import sys
from dvtest import load_csv, write_csv
vn = sys.argv[1]
u25 = load_csv(f"{vn}/units-2025.csv")
m = load_csv(f"{vn}/mapping-2024-2025.csv")
city = [r for r in u25 if r["code"] == "31"]
wards = [r for r in u25 if r["parent_code"] == "31"]
write_csv("units-2025.csv", ["code", "name", "type", "level", "parent_code"], city + wards)
codes = {r["code"] for r in city + wards}
write_csv("mapping.csv", ["old_code", "new_code", "share"], [r for r in m if r["new_code"] in codes])
PY
# keep only mapping rows whose old units this database has
python3 - "$DEMO/units.csv" <<'PY'
import sys
from dvtest import load_csv, write_csv
have = {r["code"] for r in load_csv(sys.argv[1])}
rows = [r for r in load_csv("mapping.csv") if r["old_code"] in have]
write_csv("mapping.csv", ["old_code", "new_code", "share"], rows)
PY
check "import the 2025 edition" run_dv o e import units db units-2025.csv --valid-from 2025-07-01
check "import the mapping" run_dv o e import unit-mapping db mapping.csv --on 2025-07-01
# Máy Chai (11329) went into a new ward: two dialogues in 2025S1 there, four in 2026S1
NEWW=$(sqlite3 db "SELECT n.code FROM unit_successors s JOIN units o ON o.id=s.old_id JOIN units n ON n.id=s.new_id WHERE o.code='11329' AND s.is_primary=1")
NEWNAME=$(sqlite3 db "SELECT name FROM units WHERE code='$NEWW' AND valid_from IS NOT NULL")
[ -n "$NEWW" ] && ok || fail "11329 has no successor"
{
  echo 'date,unit,type,chair,title,participants'
  echo '2025-03-01,11329,dinh_ky,cap_uy,Đối thoại 2025 (1),20'
  echo '2025-04-01,11329,dinh_ky,cap_uy,Đối thoại 2025 (2),20'
  for d in 2026-02-01 2026-03-01 2026-04-01 2026-05-01; do echo "$d,$NEWW,dinh_ky,cap_uy,Đối thoại 2026,30"; done
} >dialogues.csv
check "import dialogues" run_dv o e import dialogues db dialogues.csv

# ---------------- names of bodies ----------------
run_dv o e bodies db list
grep -qP '^board\t-\tBan Dân vận\tBDV$' o && ok || fail "bodies list, first name: $(cat o)"
grep -qP '^board\t2025-07-01\tBan Tuyên giáo và Dân vận\tBTGDV$' o && ok || fail "bodies list, merged name: $(cat o)"
if run_dv o e bodies db set board 2025-02-30 X Y; then fail "a date that does not exist accepted"; else ok; fi
if run_dv o e bodies db set board 2025-07-01 "Ban X" "A/B"; then fail "an abbreviation with / accepted"; else ok; fi
if run_dv o e bodies db set front 2025-07-01 "Mặt trận" MT; then fail "an unknown body accepted"; else ok; fi
check "bodies set" run_dv o e bodies db set board 2025-07-01 "Ban Tuyên giáo và Dân vận" BTGDV
[ "$(sqlite3 db "SELECT count(*) FROM audit WHERE action='body.name'")" = 1 ] && ok || fail "body.name not audited once"

# Biểu 2 is the board's annex: its row and headers carry the board's name of the period
label() { "$DV" report db --form bieu-2 --period "$1" --unit 31 --format json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['rows'][0]['label'], '|', d['columns'][0][0])"; }
[ "$(label 2026S1)" = "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng | Ban Tuyên giáo và Dân vận các cấp chủ trì, phối hợp tổ chức hội nghị, tập huấn về công tác dân vận" ] &&
  ok || fail "Biểu 2 in 2026S1: $(label 2026S1)"
[ "$(label 2023S1)" = "Ban Dân vận Thành ủy Hải Phòng | Ban Dân vận các cấp chủ trì, phối hợp tổ chức hội nghị, tập huấn về công tác dân vận" ] &&
  ok || fail "Biểu 2 in 2023S1: $(label 2023S1)"

# ---------------- plans ----------------
cat >p2026.plan <<'EOF'
plan 01-KH/BTGDVTU
unit 31
date 2026-01-10
year 2026
title Kế hoạch công tác dân vận năm 2026
place Hải Phòng
signer | TRƯỞNG BAN | Người Ký

section I. MỤC ĐÍCH, YÊU CẦU
| 1. Tiếp tục nâng cao chất lượng công tác dân vận trên địa bàn thành phố sau sắp xếp.
EOF
check "import the 2026 plan" run_dv o e import plan db p2026.plan
[ -s e ] && cat e >&2
docx_text() { python3 -c "import re,sys,zipfile; x=zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode(); print(re.sub(r'<[^>]+>','',re.sub(r'</w:p>','\n',x)))" "$1"; }
check "plan 2026 docx" run_dv o e document db --plan 01-KH/BTGDVTU --format docx --out p26.docx
docx_text p26.docx >p26.txt
grep -qx "BAN TUYÊN GIÁO VÀ DÂN VẬN" p26.txt && ok || fail "the 2026 plan's issuer: $(head -8 p26.txt)"
grep -qx "THÀNH ỦY HẢI PHÒNG" p26.txt && ok || fail "the 2026 plan's committee: $(head -8 p26.txt)"
check "plan 2024 docx" run_dv o e document db --plan 85-KH/BDVTU --format docx --out p24.docx
docx_text p24.docx >p24.txt
grep -qx "BAN DÂN VẬN" p24.txt && ok || fail "the 2024 plan's issuer: $(head -8 p24.txt)"

# ---------------- reports ----------------
# these reports hold no text: print the whole outline at the province (sections with no text are
# left out otherwise, docs/documents.md)
check "keep empty sections at level 1" run_dv o e config db doc.keep_empty_levels 1
check "report 2026S1 docx" run_dv o e document db --report --unit 31 --period 2026S1 --format docx --out r26.docx
docx_text r26.docx >r26.txt
grep -qF "IV. KẾT QUẢ HOẠT ĐỘNG CỦA BAN TUYÊN GIÁO VÀ DÂN VẬN CÁC CẤP" r26.txt && ok || fail "2026 heading IV: $(grep -F 'IV.' r26.txt)"
grep -q "Quận, huyện" r26.txt && fail "a 2026 annex has a district row" || ok
check "report 2023S1 docx" run_dv o e document db --report --unit 31 --period 2023S1 --format docx --out r23.docx
docx_text r23.docx >r23.txt
grep -qF "IV. KẾT QUẢ HOẠT ĐỘNG CỦA BAN DÂN VẬN CÁC CẤP" r23.txt && ok || fail "2023 heading IV: $(grep -F 'IV.' r23.txt)"
check "ward report 2026S1 docx" run_dv o e document db --report --unit "$NEWW" --period 2026S1 --format docx --out w26.docx
docx_text w26.docx >w26.txt
grep -qx "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" w26.txt && ok || fail "the ward's parent body: $(head -6 w26.txt)"
grep -q "^ĐẢNG ỦY PHƯỜNG" w26.txt && ok || fail "the ward's committee: $(head -6 w26.txt)"
# 11329 was Phường Máy Chai until 30/06/2025 and is Phường Ngô Quyền since: each period's
# report is the unit of that day; a ward whose code was not reused has no 2026 report
check "11329 report 2025S1" run_dv o e document db --report --unit 11329 --period 2025S1 --format docx --out mc.docx
docx_text mc.docx | grep -q "^ĐẢNG ỦY PHƯỜNG MÁY CHAI" && ok || fail "11329 in 2025S1 is not Máy Chai"
check "11329 report 2026S1" run_dv o e document db --report --unit 11329 --period 2026S1 --format docx --out nq.docx
docx_text nq.docx | grep -q "^ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN" && ok || fail "11329 in 2026S1 is not Phường Ngô Quyền"
GONE=$(sqlite3 db "SELECT o.code FROM units o WHERE o.valid_to IS NOT NULL AND o.level=3 AND NOT EXISTS
  (SELECT 1 FROM units n WHERE n.code=o.code AND n.valid_from IS NOT NULL) ORDER BY o.code LIMIT 1")
if run_dv o e document db --report --unit "$GONE" --period 2026S1 --format docx --out x.docx; then
  fail "a report of dissolved ward $GONE for 2026"
else
  grep -q "không còn từ 01/07/2025" e && ok || fail "dissolved ward's 2026 report: $(cat e)"
fi

# ---------------- the offered sentences cite the change ----------------
add_user admin 31 admin
start_server db
check "sentences with the change against last year" python3 - "$BASE" "$NEWW" "$NEWNAME" <<'PY'
import sys
from dvtest import Client, text_of, err, bad
base, ward, name = sys.argv[1:4]
s = Client(base).login("admin")
st, _, body = s.get("/documents/report?unit=31&period=2026S1")
t = text_of(body)
if st != 200: err(f"editor: {st}")
want = "tổ chức được 4 cuộc đối thoại"
if want not in t: err(f"the 2026S1 sentence: {want!r} not in the page")
if "tăng 2 cuộc so với cùng kỳ năm trước" not in t: err("no 'tăng 2 cuộc so với cùng kỳ năm trước' in the offered sentences")
st, _, body = s.get("/documents/report?unit=31&period=2025S1")
if "so với cùng kỳ năm trước" in text_of(body): err("2025S1 has no 2024S1 records: no change to cite")
st, _, body = s.get(f"/documents/report?unit={ward}&period=2026S1")
t = text_of(body)
if "tăng 2 cuộc so với cùng kỳ năm trước" not in t: err(f"{name}: the change through the mapping is not cited")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
