#!/usr/bin/env bash
# Recommendations followed up one by one (issue 11, item 4): "The recommendations of a
# supervision or a social criticism can be recorded one by one (to whom, due date, answered /
# accepted / not, answer date) ... overdue computed, the addressee sees them on its home page,
# and the counts 'Số ý kiến, kiến nghị / được tiếp thu' come from them where they exist."
# A province with its Front (PF), its People's Committee (PG) and a department (PS); a district
# with its Front and its People's Committee. The Front records its supervisions and criticisms;
# on one day it leaves the totals empty and lists each recommendation, on another it writes the
# totals as before.
#   - CSV imports are strict and all-or-nothing: a recommendation of an activity that has its
#     totals (or of none), totals on a day whose recommendations are itemised, an answer before
#     the activity, accepted without an answer date, an unknown addressee: refused, naming the
#     line and the field, the database unchanged;
#   - Biểu 6 and 7 count the itemised recommendations (one each, accepted when accepted) and the
#     totals of the other activities: expected values computed here from the CSV files;
#   - through HTTP with an injected clock: the addressee's home page lists its open
#     recommendations, the overdue ones marked "Quá hạn", not the answered ones nor those of
#     another addressee; the addressee opens the record and answers it (status and answer date),
#     the home page no longer lists it, Biểu 6 counts it accepted, the audit log holds the
#     change by that login; the addressee cannot change the content, nor answer for another;
#   - a supervision with itemised recommendations is not deleted nor moved to another day or
#     unit (409 naming the field); one without may be.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code,kind
P,Tỉnh Kiến Nghị,Tỉnh,1,,
PF,Ủy ban MTTQ Việt Nam tỉnh Kiến Nghị,Ủy ban Mặt trận,,P,front
PG,Ủy ban nhân dân tỉnh Kiến Nghị,Ủy ban nhân dân,,P,government
PS,Sở Y tế tỉnh Kiến Nghị,Sở,,P,agency
D1,Huyện Trả Lời,Huyện,2,P,
D1F,Ủy ban MTTQ Việt Nam huyện Trả Lời,Ủy ban Mặt trận,,D1,front
D1G,Ủy ban nhân dân huyện Trả Lời,Ủy ban nhân dân,,D1,government
CSV
# 2026-03-10 and 2026-02-15: itemised below; 2026-04-20: the totals, as before
cat >supervisions.csv <<'CSV'
date,unit,subject,documents_reviewed,recommendations,accepted
2026-03-10,PF,Giám sát thực hiện chính sách bảo hiểm y tế học sinh,4,,
2026-04-20,PF,Giám sát công tác giải phóng mặt bằng,2,5,3
2026-02-15,D1F,Giám sát việc cấp giấy chứng nhận quyền sử dụng đất,1,,
CSV
RHDR=activity_date,unit,content,addressee,due,status,answer_date,answer
cat >supervision_recs.csv <<CSV
$RHDR
2026-03-10,PF,R1 Bố trí kinh phí mua thẻ bảo hiểm cho học sinh hộ cận nghèo,PG,2026-04-10,open,,
2026-03-10,PF,R2 Công khai danh mục thuốc tại trạm y tế xã,PS,2026-05-31,in_progress,,
2026-03-10,PF,R3 Ban hành hướng dẫn thanh toán chi phí khám chữa bệnh,PG,2026-03-31,accepted,2026-03-25,Đã ban hành văn bản hướng dẫn
2026-03-10,PF,R4 Miễn phí khám sức khỏe định kỳ cho mọi học sinh,PG,2026-06-30,rejected,2026-04-02,Chưa đủ nguồn lực; sẽ xem xét năm sau
2026-03-10,PF,R5 Rà soát đối tượng được hỗ trợ mua thẻ,PG,2026-09-30,open,,
2026-02-15,D1F,R6 Giải quyết dứt điểm hồ sơ tồn đọng,D1G,2026-03-15,open,,
CSV
cat >criticisms.csv <<'CSV'
date,unit,form,drafts,recommendations,accepted,subject
2026-03-20,PF,hoi_nghi,,,,Phản biện dự thảo đề án phát triển y tế cơ sở
2026-05-05,PF,gui_du_thao,2,4,1,Phản biện dự thảo quy định mức thu phí
CSV
cat >criticism_recs.csv <<CSV
$RHDR
2026-03-20,PF,C1 Bổ sung chỉ tiêu bác sĩ về trạm y tế,PS,2026-04-30,accepted,2026-04-20,Đã bổ sung vào dự thảo
2026-03-20,PF,C2 Làm rõ nguồn kinh phí thực hiện đề án,PS,2026-04-15,open,,
CSV

run_dv o e init db || { fail "init: $(cat e)"; finish; }
for f in units supervisions criticisms; do
  run_dv o e import "$f" db "$f.csv" || { fail "import $f: $(cat e)"; finish; }
done
for f in supervision_recs criticism_recs; do
  check "import $f" run_dv o e import "$f" db "$f.csv"
done

# ---------------- refused imports: line, field, nothing changed ----------------
pristine_db
expect_reject supervision_recs 2 activity_date "a recommendation of a supervision that has its totals" "đã ghi tổng" <<CSV
$RHDR
2026-04-20,PF,Kiến nghị của cuộc đã ghi tổng,PG,2026-05-20,open,,
CSV
expect_reject supervisions 3 recommendations "totals on a day whose recommendations are itemised" "ghi từng" <<'CSV'
date,unit,subject,documents_reviewed,recommendations,accepted
2026-06-01,PF,Một cuộc khác hợp lệ,1,2,1
2026-03-10,PF,Ghi tổng cho ngày đã ghi từng kiến nghị,1,3,2
CSV
expect_reject supervision_recs 3 activity_date "a recommendation of no supervision" <<CSV
$RHDR
2026-03-10,PF,Dòng tốt đứng trước,PG,2026-04-30,open,,
2026-03-11,PF,Không có cuộc giám sát ngày này,PG,2026-04-30,open,,
CSV
expect_reject supervision_recs 2 activity_date "a supervision of another unit that day" <<CSV
$RHDR
2026-03-10,D1F,Huyện không giám sát ngày này,D1G,2026-04-30,open,,
CSV
expect_reject supervision_recs 2 answer_date "an answer before the supervision" <<CSV
$RHDR
2026-03-10,PF,Trả lời trước khi giám sát,PG,2026-04-30,accepted,2026-03-09,Sớm quá
CSV
expect_reject supervision_recs 2 answer_date "accepted without an answer date" <<CSV
$RHDR
2026-03-10,PF,Tiếp thu mà không có ngày trả lời,PG,2026-04-30,accepted,,
CSV
expect_reject supervision_recs 2 due "a due date before the supervision" <<CSV
$RHDR
2026-03-10,PF,Hạn trước ngày giám sát,PG,2026-03-01,open,,
CSV
expect_reject supervision_recs 2 addressee "an unknown addressee" <<CSV
$RHDR
2026-03-10,PF,Gửi cơ quan không có,X99,2026-04-30,open,,
CSV
expect_reject supervision_recs 2 status "the computed 'overdue' as a status" <<CSV
$RHDR
2026-03-10,PF,Quá hạn là tình trạng tính ra,PG,2026-04-30,overdue,,
CSV
expect_reject criticism_recs 2 activity_date "a recommendation of a criticism that has its totals" "đã ghi tổng" <<CSV
$RHDR
2026-05-05,PF,Kiến nghị của cuộc phản biện đã ghi tổng,PS,2026-06-05,open,,
CSV
expect_reject criticisms 2 recommendations "criticism totals on a day whose recommendations are itemised" "ghi từng" <<'CSV'
date,unit,form,drafts,recommendations,accepted,subject
2026-03-20,PF,gui_du_thao,1,2,1,Ghi tổng cho ngày đã ghi từng kiến nghị
CSV

# ---------------- Biểu 6 and 7 from the records ----------------
add_user pf_off PF officer
add_user pg_off PG officer
add_user ps_off PS officer
add_user d1g_off D1G officer
run_dv o e config db clock.today 2026-05-01 || fail "config clock.today: $(cat e)"
start_server db

check "recommendations counted, listed, answered" python3 - "$PORT" "$DV" "$W" <<'PY'
import html, json, re, subprocess, sys
from dvtest import bad, err, Client, load_csv, text_of
port, dv, w = int(sys.argv[1]), sys.argv[2], sys.argv[3]
F6 = ("Số cuộc giám sát", "Số văn bản", "Số ý kiến, kiến nghị đề xuất", "Số ý kiến, kiến nghị được tiếp thu")
F7 = (None, None, "Số ý kiến, kiến nghị đề xuất", "Số ý kiến, kiến nghị được cơ quan")
LEVEL = {"PF": 1, "D1F": 2}

def n(x): return int(x) if x else 0

def expected(acts, recs, form):
    """the 'Tổng' row and the rows of levels 1 and 2 of the annex, from the CSV files: an activity
    whose totals are empty counts its itemised recommendations instead"""
    rows = {lv: [0, 0, 0, 0] for lv in ("Tổng", 1, 2)}
    for a in acts:
        if not "2026-01-01" <= a["date"] <= "2026-06-30": continue
        v = ([1, n(a["documents_reviewed"])] if form == "bieu-6"
             else [1 if a["form"] == "hoi_nghi" else 0, n(a["drafts"]) if a["form"] == "gui_du_thao" else 0])
        if a["recommendations"]:
            v += [n(a["recommendations"]), n(a["accepted"])]
        else:
            mine = [r for r in recs if (r["activity_date"], r["unit"]) == (a["date"], a["unit"])]
            v += [len(mine), sum(r["status"] == "accepted" for r in mine)]
        for lv in ("Tổng", LEVEL[a["unit"]]):
            rows[lv] = [x + y for x, y in zip(rows[lv], v)]
    return rows

def report(form):
    p = subprocess.run([dv, "report", f"{w}/db", "--form", form, "--period", "2026S1", "--unit", "P", "--format", "json"],
                       capture_output=True, text=True)
    if p.returncode: raise SystemExit(f"report {form}: {p.stderr}")
    d = json.loads(p.stdout)
    return d, {r["label"]: [v or 0 for v in r["values"]] for r in d["rows"]}

def check_annex(form, acts, recs, cols, note):
    d, got = report(form)
    want = expected(acts, recs, form)
    first = d["rows"][0]["label"]          # the province's own level
    for i, head in enumerate(cols):
        if head is None: continue
        j = next((k for k, c in enumerate(d["columns"]) if " ".join(c).startswith(head)), None)
        if j is None: err(f"{form}: no column '{head}' in {d['columns']}"); continue
        for lv, lab in (("Tổng", "Tổng"), (1, first)):
            if got.get(lab, [None] * 9)[j] != want[lv][i]:
                err(f"{form} 2026S1 P{note}, row '{lab}', '{head}': {got.get(lab)} (column {j}), expected {want[lv][i]}")
    return got

SUP, CRI = load_csv(f"{w}/supervisions.csv"), load_csv(f"{w}/criticisms.csv")
SREC, CREC = load_csv(f"{w}/supervision_recs.csv"), load_csv(f"{w}/criticism_recs.csv")
if not any(r["status"] == "accepted" for r in SREC) or not any(not s["recommendations"] for s in SUP):
    raise SystemExit("test error: the data has no itemised day or no accepted recommendation")
b6 = check_annex("bieu-6", SUP, SREC, F6, "")
check_annex("bieu-7", CRI, CREC, F7, "")
# sanity of the expectation itself: 5 + 6 recommendations, 3 + 1 accepted in Biểu 6
if b6.get("Tổng", [0] * 4)[2:4] != [5 + 6, 3 + 1]:
    err(f"Biểu 6 'Tổng' counts {b6.get('Tổng')}, expected 11 recommendations and 4 accepted")

# ---------------- the addressee's day ----------------
HTTP = Client(port)
pg, ps, pf, d1g = (HTTP.login(u) for u in ("pg_off", "ps_off", "pf_off", "d1g_off"))

def records(reg):
    st, _, data = pf.get(f"/api/registers/{reg}?unit=P&limit=500")
    if st != 200: raise SystemExit(f"GET /api/registers/{reg}: HTTP {st} {data[:200]!r}")
    return {r["values"]["content"].split()[0]: r for r in json.loads(data)["records"]}

def home_section(user, reg):
    st, _, page = user.get("/")
    s = page.decode("utf-8", "replace")
    if st != 200: err(f"home page: HTTP {st}")
    i = s.find(f'id="{reg}"')
    return s[i:s.find("</section>", i)] if i >= 0 else ""

def listed(sec):
    """the keys (R1, C2 …) of the rows of a home section, and those marked overdue"""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", sec, re.S)
    keys, late = set(), set()
    for tr in rows:
        m = re.search(r"\b([RC]\d)\b", html.unescape(re.sub(r"<[^>]+>", " ", tr)))
        if m:
            keys.add(m.group(1))
            if "Quá hạn" in html.unescape(tr): late.add(m.group(1))
    return keys, late

SR = records("supervision_recs")
CR = records("criticism_recs")
TODAY = "2026-05-01"
for k, r in list(SR.items()) + list(CR.items()):
    v = r["values"]
    want = v["status"] in ("open", "in_progress") and TODAY > v["due"]
    if r.get("overdue") is not want:
        err(f"{k}: overdue={r.get('overdue')!r} on {TODAY}, expected {want} ({v['status']}, due {v['due']})")

def expect_home(user, who, reg, recs):
    keys, late = listed(home_section(user, reg))
    want = {k for k, r in recs.items() if r["values"]["addressee"] == who and r["values"]["status"] in ("open", "in_progress")}
    want_late = {k for k in want if TODAY > recs[k]["values"]["due"]}
    if keys != want or late != want_late:
        err(f"home page of {who}, section {reg}: lists {sorted(keys)} (overdue {sorted(late)}), "
            f"expected {sorted(want)} (overdue {sorted(want_late)})")
    return want

if expect_home(pg, "PG", "supervision_recs", SR) != {"R1", "R5"}: err("test error: PG should have R1 and R5 open")
expect_home(ps, "PS", "supervision_recs", SR)
expect_home(ps, "PS", "criticism_recs", CR)
expect_home(d1g, "D1G", "supervision_recs", SR)
keys, _ = listed(home_section(pf, "supervision_recs"))
if keys: err(f"the Front's own home page lists recommendations addressed to others: {sorted(keys)}")

# the addressee opens R1 and answers it
r1 = SR["R1"]["id"]
st, _, page = pg.get(f"/r/supervision_recs/{r1}")
t = text_of(page)
if st != 200 or "R1" not in t or "Quá hạn" not in t:
    err(f"PG opens R1: HTTP {st}, R1 and 'Quá hạn' shown: {'R1' in t}, {'Quá hạn' in t}")

def api(user, path, obj):
    st, _, data = user.api("POST", path, obj)
    try: body = json.loads(data)
    except Exception: body = {}
    return st, body, data

con = __import__("sqlite3").connect(f"{w}/db")
audit0 = con.execute("select coalesce(max(id), 0) from audit").fetchone()[0]
st, body, data = api(pg, f"/api/registers/supervision_recs/{r1}", {"content": "Sửa nội dung của Mặt trận"})
if st != 403 or "content" not in data.decode("utf-8", "replace"):
    err(f"PG changes R1's content: HTTP {st} {data[:300]!r}, expected 403 naming content")
st, body, data = api(ps, f"/api/registers/supervision_recs/{r1}", {"status": "accepted", "answer_date": "2026-04-28"})
if st != 403: err(f"PS answers R1 addressed to PG: HTTP {st} {data[:200]!r}, expected 403")
st, body, data = api(pg, f"/api/registers/supervision_recs/{r1}", {"status": "accepted"})
if st != 400 or body.get("field") != "answer_date":
    err(f"PG accepts R1 without an answer date: HTTP {st} {body or data[:200]!r}, expected 400 naming answer_date")
if con.execute("select count(*) from audit where id > ?", (audit0,)).fetchone()[0]:
    err("refused answers left audit rows")
st, body, data = api(pg, f"/api/registers/supervision_recs/{r1}",
                     {"status": "accepted", "answer_date": "2026-04-28", "answer": "Đã bố trí kinh phí từ ngân sách tỉnh"})
if st != 200: err(f"PG answers R1: HTTP {st} {data[:300]!r}")
rows = con.execute("select action, login, entity_id, after from audit where id > ?", (audit0,)).fetchall()
if len(rows) != 1 or rows[0][1] != "pg_off" or str(rows[0][2]) != str(r1) or "accepted" not in (rows[0][3] or ""):
    err(f"audit of PG's answer: {rows}")
SR2 = records("supervision_recs")
if SR2["R1"].get("overdue") is not False or SR2["R1"]["values"]["content"] != SR["R1"]["values"]["content"]:
    err(f"R1 after the answer: {SR2['R1']}")
keys, _ = listed(home_section(pg, "supervision_recs"))
if keys != {"R5"}: err(f"PG's home page after answering R1 lists {sorted(keys)}, expected R5 only")
b6b = check_annex("bieu-6", SUP, [dict(r, status="accepted") if r["content"].startswith("R1 ") else r for r in SREC], F6,
                  " after R1 was accepted")
if b6b.get("Tổng", [0] * 4)[3] != b6.get("Tổng", [0] * 4)[3] + 1:
    err(f"Biểu 6 accepted: {b6.get('Tổng')} → {b6b.get('Tổng')}, expected +1")

# the supervision keeps its recommendations: not deleted, its date and unit not changed while
# they exist (they would point at no activity); its subject may change; one without any goes
st, _, data = pf.get("/api/registers/supervisions?unit=P&limit=50")
SUPS = {r["values"]["date"]: r for r in json.loads(data)["records"]} if st == 200 else {}
s1, s2 = SUPS.get("2026-03-10"), SUPS.get("2026-04-20")
if not s1 or not s2: raise SystemExit(f"supervisions listed: {sorted(SUPS)}")
audit1 = con.execute("select coalesce(max(id), 0) from audit").fetchone()[0]
for what, obj, field in (("moves to another day", {"date": "2026-03-11"}, "date"),
                         ("moves to another unit", {"unit": "D1F"}, "unit")):
    st, body, data = api(pf, f"/api/registers/supervisions/{s1['id']}", obj)
    if st != 409 or body.get("field") != field or "kiến nghị" not in body.get("error", ""):
        err(f"the supervision with recommendations {what}: HTTP {st} {body or data[:200]!r}, expected 409 naming {field}")
st, _, data = pf.api("DELETE", f"/api/registers/supervisions/{s1['id']}")
if st != 409 or "kiến nghị" not in data.decode("utf-8", "replace"):
    err(f"DELETE of the supervision with recommendations: HTTP {st} {data[:200]!r}, expected 409")
if con.execute("select count(*) from audit where id > ?", (audit1,)).fetchone()[0]:
    err("refused changes of the supervision left audit rows")
st, body, data = api(pf, f"/api/registers/supervisions/{s1['id']}", {"subject": "Giám sát chính sách bảo hiểm y tế học sinh năm 2026"})
if st != 200: err(f"the supervision's subject changed: HTTP {st} {data[:200]!r}")
st, _, data = pf.api("DELETE", f"/api/registers/supervisions/{s2['id']}")
if st != 200: err(f"DELETE of a supervision without itemised recommendations: HTTP {st} {data[:200]!r}")
con.close()
sys.exit(1 if bad else 0)
PY

check_server_end
finish
