#!/usr/bin/env bash
# A public field may not repeat a private one (found by the authorisation matrix, issue 13): the
# demo's individual exemplars were named "Gương … : Phạm Văn E2" while person_name, private,
# held "Phạm Văn E2", so every reader of the list saw the person. Now, on every path (CSV import,
# JSON API create and edit, the register's page form), a model whose name, goals or results
# contain its person_name or position — whatever the case or the diacritics — is refused with a
# message naming the line and the field, and nothing is stored. The demo's models hold no echo.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
T,Tỉnh Kín Tiếng,Tỉnh,1,
C1,Xã Một,Xã,2,T
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
add_user c1off C1 officer
models() { sqlite3 db "SELECT count(*) FROM records WHERE reg = (SELECT id FROM registers WHERE code = 'models')"; }
H=name,unit,kind,field,areas,year,status,press_items,exemplary,person_name,position,goals,results,commend_level

# --- the CSV import: all or nothing, the line and the field named
cat >echo.csv <<CSV
$H
Gương “Dân vận khéo” vận động hiến đất làm đường,C1,ca_nhan,kinh_te,,2023,registered,,no,Trần Thị Bình,Chủ tịch Hội Phụ nữ xã,,,
Gương của chị tran thi binh,C1,ca_nhan,kinh_te,,2023,registered,,no,Trần Thị Bình,Chủ tịch Hội Phụ nữ xã,,,
CSV
if run_dv o e import models db echo.csv; then fail "a model named after its person was imported"; else
  check "the import names line 3 and the field name: $(cat e)" grep -q 'dòng 3, trường "name".*person_name' e
fi
check "nothing of that file is stored" test "$(models)" = 0
cat >goals.csv <<CSV
$H
Gương “Dân vận khéo” giữ gìn vệ sinh môi trường,C1,ca_nhan,kinh_te,,2023,registered,,no,Lê Văn Cường,Bí thư Chi bộ thôn Đông,Là BÍ THƯ CHI BỘ THÔN ĐÔNG vận động bà con,,
CSV
if run_dv o e import models db goals.csv; then fail "a model whose goals repeat the position was imported"; else
  check "the import names the field goals and position: $(cat e)" grep -q 'dòng 2, trường "goals".*position' e
fi
cat >fine.csv <<CSV
$H
Gương “Dân vận khéo” vận động hiến đất làm đường,C1,ca_nhan,kinh_te,,2023,registered,,no,Trần Thị Bình,Chủ tịch Hội Phụ nữ xã,Vận động 20 hộ hiến đất,,
Mô hình “Khu dân cư tự quản” của Hội Phụ nữ xã,C1,tap_the,kinh_te,,2023,registered,,no,,,,,
CSV
run_dv o e import models db fine.csv || fail "models without echo refused: $(cat e)"
check "the two models without echo are stored" test "$(models)" = 2

# --- the HTTP paths
start_server db
check "API and page form refuse the echo" python3 - "$PORT" <<'EOF'
import json, sqlite3, sys
from dvtest import bad, err, Client, page_form, submission
s = Client(int(sys.argv[1])).login("c1off")
model = {"name": "Gương của đồng chí Trần Văn Dũng", "unit": "C1", "kind": "ca_nhan", "field": "kinh_te",
         "year": "2023", "status": "registered", "person_name": "Trần Văn Dũng", "position": "Trưởng thôn Tây"}
st, _, data = s.api("POST", "/api/registers/models", model)
body = json.loads(data or b"{}")
if st != 400 or body.get("field") != "name":
    err(f"POST /api/registers/models with the person in its name: HTTP {st} {data[:300]!r}")
mid = sqlite3.connect("db").execute("SELECT min(r.id) FROM records r JOIN registers g ON g.id = r.reg "
                                    "WHERE g.code = 'models' AND r.data LIKE '%hiến đất%'").fetchone()[0]
st, _, data = s.api("POST", f"/api/registers/models/{mid}", {"results": "Chị trần thị bình vận động 20 hộ"})
body = json.loads(data or b"{}")
if st != 400 or body.get("field") != "results":
    err(f"POST /api/registers/models/{mid} putting the person in its results: HTTP {st} {data[:300]!r}")
st, _, page = s.get("/r/models/new")
form = page_form(page.decode(), "/r/models")
if not form:
    err("GET /r/models/new: no form posting to /r/models")
else:
    fields = submission(form, {"name": "Gương ông Trần Văn Dũng", "unit": "C1", "kind": "ca_nhan",
                               "field": "kinh_te", "year": "2023",
                               "person_name": "Trần Văn Dũng", "position": "Trưởng thôn Tây"})
    st, _, data = s.form("/r/models", fields)
    text = data.decode()
    if st == 303 or "nhắc lại" not in text:
        err(f"POST /r/models with the person in its name: HTTP {st}, the page does not say why: {text[:300]!r}")
n = sqlite3.connect("db").execute("SELECT count(*) FROM records r JOIN registers g ON g.id = r.reg "
                                  "WHERE g.code = 'models'").fetchone()[0]
if n != 2: err(f"{n} models stored after the refused creates (want 2)")
sys.exit(1 if bad else 0)
EOF
check_server_end

# --- the demo: no model's public text holds its private fields
run_dv o e init demo.db --demo || fail "init --demo: $(cat e)"
check "the demo's models hold no echo" python3 - <<'EOF'
import json, sqlite3, sys
con = sqlite3.connect("demo.db")
bad = 0
for data, priv in con.execute("SELECT r.data, p.data FROM records r JOIN registers g ON g.id = r.reg "
                              "JOIN record_private p ON p.record_id = r.id WHERE g.code = 'models'"):
    d, p = json.loads(data), json.loads(priv)
    for k in ("person_name", "position"):
        v = (p.get(k) or "").lower()
        if len(v) >= 4 and any(v in (d.get(f) or "").lower() for f in ("name", "goals", "results")):
            bad += 1
            if bad <= 3: print(f"FAIL: the demo's model {d.get('name')!r} repeats its {k}")
sys.exit(1 if bad else 0)
EOF
finish
