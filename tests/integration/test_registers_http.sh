#!/usr/bin/env bash
# Every register through the real server (issue 3: "Each register: create/edit/delete
# through HTTP with audit entries"). On the demo database, as ngoquyen (officer of district
# 304), for each of the registers:
#   1. create record A with the JSON API (POST /api/registers/REG): one audit row REG.create
#      by ngoquyen whose `after` holds exactly the values (a letter's sender masked as
#      "(dữ liệu cá nhân)"); GET /api/registers/REG/A answers them; the annex cells that
#      count it (Biểu 1/2/5/6/7 of 304 for 2023S2, Biểu 3 for 2023, Biểu 4's list) change by
#      what it contributes — and no other cell of any annex changes;
#   2. edit one field of A with the API (POST /api/registers/REG/A): a REG.update row whose
#      before and after differ in that field only; the annex follows;
#   3. edit another field on the record page (GET /r/REG/A, its form submitted as a browser
#      would, one field changed): another REG.update differing in that field only — so the
#      page's form carries every other value (dates, sets, private fields) unchanged;
#   4. create record B on the "new" page (POST /r/REG): REG.create; the annex adds it;
#      delete B with the API (DELETE): REG.delete, before = B; the annex drops it;
#   5. delete A on the record page: without the confirm checkbox 422 and nothing happens;
#      with it REG.delete whose before is A as last edited, after empty; every annex is
#      back to its first value; GET /api/registers/REG/A and /r/REG/A answer 404.
# Refused writes leave no audit row and change nothing: a viewer's (xem) POST/DELETE, the
# officer's writes without (or with a wrong) CSRF token, an officer of a commune below 304
# writing for 304. A letter's sender name and address never appear in any audit row.
source "$(dirname "$0")/lib.sh" "$@"
command -v curl >/dev/null || { echo "FAIL: curl is needed" >&2; exit 1; }
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
# a dialogue of 304 itself (a conclusion must name an existing dialogue)
if ! run_dv dlg304.csv e export dialogues db --unit 304; then fail "export dialogues --unit 304: $(cat e)"; finish; fi
DLG_DATE=$(python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if row["unit"] == "304":
        print(row["date"]); break' dlg304.csv)
[ -n "$DLG_DATE" ] && ok || { fail "no dialogue of unit 304 itself in the demo"; finish; }

# a supervision and a social criticism of 304 whose recommendations are recorded one by one
# (their totals left empty: the itemised records count instead)
printf 'date,unit,subject,documents_reviewed,recommendations,accepted\n2023-09-25,304,Giám sát có kiến nghị ghi từng cái,2,,\n' >fs304.csv
printf 'date,unit,form,drafts,recommendations,accepted,subject\n2023-09-26,304,hoi_nghi,,,,Phản biện có kiến nghị ghi từng cái\n' >fc304.csv
run_dv o e import supervisions db fs304.csv && run_dv o e import criticisms db fc304.csv && ok ||
  { fail "import of a supervision and a criticism without totals: $(cat e)"; finish; }

start_server db

check "create/edit/delete of every register over HTTP, with audit and annexes" \
  python3 - "$BASE" "$W/db" "$DLG_DATE" <<'PY'
import json, sqlite3, sys, urllib.parse
import dvtest
from dvtest import bad, err, Client, page_form, submission

base, dbpath, dlg_date = sys.argv[1:4]

# ---------------- HTTP ----------------
HTTP = Client(base, timeout=20)

class Session(dvtest.Session):
    """api() with or without (or with another) CSRF token, answering (status, JSON or None, body);
    form() answering (status, Location, body)"""
    def __init__(self, login, password):
        super().__init__(HTTP, login, password)

    def api(self, method, path, obj=None, csrf=True, token=None):
        h = {"Cookie": self.cookie}
        if csrf: h["X-CSRF-Token"] = token if token is not None else self.csrf
        body = None
        if obj is not None:
            body = json.dumps(obj).encode()
            h["Content-Type"] = "application/json"
        st, hdrs, data = self.client.req(method, path, body, h)
        try: js = json.loads(data) if data else None
        except Exception: js = None
        return st, js, data

    def form(self, path, pairs):
        body = urllib.parse.urlencode(pairs).encode()
        st, hdrs, data = self.client.req("POST", path, body, {"Cookie": self.cookie,
                                                              "Content-Type": "application/x-www-form-urlencoded"})
        return st, hdrs.get("location", ""), data

# ---------------- the database ----------------
def db():
    con = sqlite3.connect(dbpath, timeout=10)
    return con

def audit_max():
    con = db(); n = con.execute("select coalesce(max(id), 0) from audit").fetchone()[0]; con.close(); return n

def audit_since(i):
    con = db()
    rows = con.execute("select id, action, entity, entity_id, login, before, after from audit where id > ? order by id",
                       (i,)).fetchall()
    con.close()
    return rows

def records_state(reg):
    con = db()
    rows = con.execute("select id, unit_id, data from records where register = ? order by id", (reg,)).fetchall()
    priv = con.execute("select count(*), coalesce(group_concat(data, '|'), '') from record_private").fetchone()
    con.close()
    return rows, priv

# ---------------- the annexes of 304 ----------------
ANNEX = [("bieu-1", "2023S2"), ("bieu-2", "2023S2"), ("bieu-3", "2023"), ("bieu-4", "2023S2"),
         ("bieu-5", "2023S2"), ("bieu-6", "2023S2"), ("bieu-7", "2023S2")]

def snapshot(s):
    out = {}
    for form, period in ANNEX:
        st, _, data = s.get("/api/report?" + urllib.parse.urlencode({"form": form, "period": period, "unit": "304"}))
        if st != 200:
            err(f"GET /api/report {form} {period} 304: HTTP {st} {data[:200]!r}")
            out[form] = None
            continue
        out[form] = json.loads(data)
    return out

def find_col(rep, frags):
    """the column whose header path has one element per fragment, each starting with it"""
    hits = [i for i, path in enumerate(rep["columns"])
            if len(path) == len(frags) and all(p.startswith(f) for p, f in zip(path, frags))]
    if len(hits) != 1:
        raise SystemExit(f"{rep['form']}: {len(hits)} columns match {frags}")
    return hits[0]

def find_row(rep, sel):
    rows = rep["rows"]
    if sel == "self": return 0
    if sel == "total": return len(rows) - 1
    hits = [i for i, r in enumerate(rows) if r["label"] == sel]
    if len(hits) != 1: raise SystemExit(f"{rep['form']}: {len(hits)} rows labelled {sel!r}")
    return hits[0]

def add(old, d):
    if isinstance(d, tuple):
        a, b = (0, 0) if old is None else tuple(int(x) for x in str(old).split("/"))
        return f"{a + d[0]}/{b + d[1]}"
    return (0 if old is None else old) + d

def expected(snap0, contribs):
    """snap0 with the contributions of the records that exist now applied"""
    exp = json.loads(json.dumps(snap0))
    acc = {}
    for form, rowsel, frags, d in contribs:
        rep = exp[form]
        key = (form, find_row(rep, rowsel), find_col(rep, frags))
        acc[key] = d if key not in acc else (tuple(x + y for x, y in zip(acc[key], d)) if isinstance(d, tuple) else acc[key] + d)
    for (form, r, c), d in acc.items():
        exp[form]["rows"][r]["values"][c] = add(exp[form]["rows"][r]["values"][c], d)
    return exp

def compare(step, snap0, snap, contribs, doc_symbols):
    exp = expected(snap0, contribs)
    for form, _ in ANNEX:
        if snap.get(form) is None or exp.get(form) is None: continue
        if form == "bieu-4":
            # the list of the unit's own committee documents: the demo's plus ours
            base = [r["values"] for r in snap0[form]["rows"]]
            got = [r["values"] for r in snap[form]["rows"]]
            if len(got) != len(base) + len(doc_symbols):
                err(f"{step}: Biểu 4 lists {len(got)} documents, expected {len(base) + len(doc_symbols)}")
            for sym in doc_symbols:
                if not any(sym in str(v[1]) for v in got): err(f"{step}: Biểu 4 does not list {sym}")
            if not doc_symbols and got != base: err(f"{step}: Biểu 4 is not back to its first list")
            continue
        e, g = exp[form], snap[form]
        for ri, (er, gr) in enumerate(zip(e["rows"], g["rows"])):
            for ci, (ev, gv) in enumerate(zip(er["values"], gr["values"])):
                if ev != gv:
                    err(f"{step}: {form} row '{gr['label']}', column '{' | '.join(e['columns'][ci])[-70:]}': "
                        f"{gv!r}, expected {ev!r} (first {snap0[form]['rows'][ri]['values'][ci]!r})")
        if len(e["rows"]) != len(g["rows"]): err(f"{step}: {form} has {len(g['rows'])} rows, expected {len(e['rows'])}")

# ---------------- the registers ----------------
def self_(form, frags, d): return [(form, "self", frags, d)]
def levels(form, frags, d): return [(form, "Quận, huyện", frags, d), (form, "total", frags, d)]

DLG_TYPE = {"dinh_ky": "Đối thoại định kỳ", "chuyen_de": "Đối thoại chuyên đề", "dot_xuat": "Đối thoại đột xuất"}
DLG_CHAIR = {"cap_uy": "Người đứng đầu cấp ủy", "chinh_quyen": "Người đứng đầu chính quyền", "dong_chu_tri": "Đồng chủ trì"}
def c_dialogues(v):
    t = DLG_TYPE[v["type"]]
    return (levels("bieu-5", (t, DLG_CHAIR[v["chair"]]), 1) + levels("bieu-5", (t, "Cộng"), 1)
            + levels("bieu-5", ("Tổng (số cuộc)",), 1))

B2_FIELD = {"dan_toc": "Công tác dân tộc", "ton_giao": "Công tác tôn giáo",
            "dan_van_chinh_quyen": "Công tác dân vận chính quyền", "mttq_ctxh": "Công tác Dân vận của MTTQ"}
def c_documents(v):
    if v["issued_by"] == "cap_uy":
        g = "Ban hành văn bản lãnh đạo"
        return self_("bieu-1", (g, "Tổng số"), 1) + self_("bieu-1", (g, "Cấp huyện"), 1)
    g = "Ban Dân vận các cấp ban hành văn bản"
    out = self_("bieu-2", (g, "Tổng số"), 1)
    for f in v["fields"].split(";"):
        if f in B2_FIELD: out += self_("bieu-2", (g, B2_FIELD[f], "Cấp huyện"), 1)
    return out

def c_conferences(v):
    n = int(v["participants"])
    if v["chaired_by"] == "cap_uy":
        g, lv, f = "Tổ chức hội nghị tuyên truyền", "Cấp huyện", "bieu-1"
    else:
        g, lv, f = "Ban Dân vận các cấp chủ trì", "Huyện", "bieu-2"
    return (self_(f, (g, "Tổng số", "Số hội nghị"), 1) + self_(f, (g, "Tổng số", "Số người tham gia"), n)
            + self_(f, (g, lv, "Số hội nghị"), 1) + self_(f, (g, lv, "Số người tham gia"), n))

def c_inspections(v):
    f, g = ("bieu-1", "Thực hiện kiểm tra") if v["conducted_by"] == "cap_uy" else ("bieu-2", "Công tác kiểm tra")
    k = "Kiểm tra" if v["kind"] == "kiem_tra" else "Giám sát"
    out = []
    for lv in ("Tổng số", "Cấp huyện"):
        out += self_(f, (g, k, lv, "Số cuộc"), 1)
        out += self_(f, (g, k, lv, "Số tổ chức"), int(v["party_orgs"]))
        out += self_(f, (g, k, lv, "Số đảng viên"), int(v["party_members"]))
    return out

def c_letters(v):
    out = []
    for lv in ("Tổng số", "Cấp huyện"):
        out += self_("bieu-1", ("Số lượng đơn, thư nhân dân", lv), 1)   # received in 2023S2
        if v["resolved"][:7] >= "2023-07": out += self_("bieu-1", ("Số lượng đơn, thư đã giải quyết", lv), 1)
    return out

def c_receptions(v):
    return [("bieu-1", "self", ("Số buổi tiếp dân", lv), (1, int(v["people"]))) for lv in ("Tổng số", "Cấp huyện")]

def c_supervisions(v):
    return (levels("bieu-6", ("Số cuộc giám sát",), 1) + levels("bieu-6", ("Số văn bản",), int(v["documents_reviewed"]))
            + levels("bieu-6", ("Số ý kiến, kiến nghị đề xuất",), int(v["recommendations"]))
            + levels("bieu-6", ("Số ý kiến, kiến nghị được tiếp thu",), int(v["accepted"])))

def c_criticisms(v):
    out = []
    if v["form"] == "hoi_nghi": out += levels("bieu-7", ("Phản biện bằng hình thức tổ chức hội nghị",), 1)
    else: out += levels("bieu-7", ("Phản biện bằng hình thức gửi dự thảo",), int(v["drafts"]))
    return (out + levels("bieu-7", ("Số ý kiến, kiến nghị đề xuất",), int(v["recommendations"]))
            + levels("bieu-7", ("Số ý kiến, kiến nghị được cơ quan",), int(v["accepted"])))

B3_FIELD = {"kinh_te": "Kinh tế", "van_hoa_xa_hoi": "Văn hoá Xã hội", "quoc_phong_an_ninh": "Quốc phòng An Ninh",
            "xay_dung_dang": "Xây dựng Đảng"}
def c_models(v):
    out = self_("bieu-3", ("Tổng số mô hình",), 1)
    out += self_("bieu-3", ("Trong đó mô hình theo lĩnh vực", B3_FIELD[v["field"]],
                            "Tập thể" if v["kind"] == "tap_the" else "Cá nhân"), 1)
    if v.get("press_items"): out += self_("bieu-3", ("Số lượng tin bài",), int(v["press_items"]))
    return out

def c_recs(form, accepted_col):
    """an itemised recommendation: one in the recommendations column, one accepted when it is"""
    return lambda v: (levels(form, ("Số ý kiến, kiến nghị đề xuất",), 1)
                      + (levels(form, (accepted_col,), 1) if v["status"] == "accepted" else []))
c_fs_recs = c_recs("bieu-6", "Số ý kiến, kiến nghị được tiếp thu")
c_fc_recs = c_recs("bieu-7", "Số ý kiến, kiến nghị được cơ quan")

def c_none(v): return []

def vn(iso): return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"

SENDERS = ["Hoàng Thị Thử Nghiệm", "Số 7 ngõ Thử Nghiệm", "Đỗ Văn Mẫu Thử", "Tổ 5 phường Thử Nghiệm"]

# A: created with the API (ISO dates); B: typed on the "new" page (dd/mm/yyyy, sets as
# checkbox lists); api_edit / form_edit: one field each
REGS = [
    dict(reg="dialogues", contrib=c_dialogues,
         A={"date": "2023-09-12", "unit": "304", "type": "dinh_ky", "chair": "cap_uy",
            "title": "Đối thoại thử nghiệm qua API về chỉnh trang đô thị", "participants": "40",
            "issues": "Nhân dân đề nghị lát lại vỉa hè", "conclusions": ""},
         api_edit=("type", "chuyen_de"), form_edit=("title", "Đối thoại thử nghiệm (sửa trên trang)"),
         B={"date": "20/11/2023", "type": "dot_xuat", "chair": "chinh_quyen", "title": "Đối thoại đột xuất thử nghiệm",
            "participants": "25"}),
    dict(reg="documents", contrib=c_documents,
         A={"kind": "NQ", "symbol": "99-NQ/QU", "date": "2023-08-15", "unit": "304", "issued_by": "cap_uy",
            "summary": "Nghị quyết thử nghiệm về công tác dân vận", "fields": "dan_toc;ton_giao", "period": ""},
         api_edit=("summary", "Nghị quyết thử nghiệm (sửa qua API)"), form_edit=("fields", ["dan_toc", "ton_giao", "mttq_ctxh"]),
         B={"kind": "HD", "symbol": "77-HD/BDVQU", "date": "05/10/2023", "issued_by": "ban_dan_van",
            "summary": "Hướng dẫn thử nghiệm của Ban Dân vận", "fields": ["dan_toc", "ton_giao"]}),
    dict(reg="conferences", contrib=c_conferences,
         A={"date": "2023-07-20", "unit": "304", "chaired_by": "cap_uy", "title": "Hội nghị thử nghiệm quán triệt",
            "participants": "30"},
         api_edit=("participants", "45"), form_edit=("title", "Hội nghị thử nghiệm (sửa trên trang)"),
         B={"date": "12/12/2023", "chaired_by": "ban_dan_van", "title": "Lớp tập huấn thử nghiệm", "participants": "18"}),
    dict(reg="inspections", contrib=c_inspections,
         A={"kind": "giam_sat", "date": "2023-08-22", "unit": "304", "conducted_by": "ban_dan_van",
            "subject": "Giám sát thử nghiệm việc thực hiện quy chế dân chủ", "party_orgs": "2", "party_members": "7",
            "conclusion": ""},
         api_edit=("party_members", "9"), form_edit=("subject", "Giám sát thử nghiệm (sửa trên trang)"),
         B={"kind": "kiem_tra", "date": "03/11/2023", "conducted_by": "cap_uy", "subject": "Kiểm tra thử nghiệm",
            "party_orgs": "1", "party_members": "4"}),
    dict(reg="letters", contrib=c_letters,
         A={"received": "2023-08-10", "unit": "304", "kind": "kien_nghi", "eligible": "yes", "status": "resolved",
            "resolved": "2023-09-05", "sender_name": SENDERS[0], "sender_address": SENDERS[1], "jurisdiction": "yes",
            "senders": "1", "content": "Kiến nghị thử nghiệm về chiếu sáng ngõ phố"},
         api_edit=("content", "Kiến nghị thử nghiệm (sửa qua API)"), form_edit=("senders", "3"),
         B={"received": "15/10/2023", "kind": "phan_anh", "eligible": "no", "status": "received",
            "sender_name": SENDERS[2], "sender_address": SENDERS[3], "content": "Phản ánh thử nghiệm"}),
    dict(reg="receptions", contrib=c_receptions,
         A={"date": "2023-10-03", "unit": "304", "people": "12", "head_present": "yes"},
         api_edit=("people", "20"), form_edit=("head_present", "no"),
         B={"date": "07/12/2023", "people": "5", "head_present": "no"}),
    dict(reg="supervisions", contrib=c_supervisions,
         A={"date": "2023-09-18", "unit": "304", "subject": "Giám sát thử nghiệm công tác thu gom rác",
            "documents_reviewed": "3", "recommendations": "5", "accepted": "4"},
         api_edit=("accepted", "2"), form_edit=("subject", "Giám sát thử nghiệm (sửa trên trang)"),
         B={"date": "10/10/2023", "subject": "Giám sát thử nghiệm thứ hai", "documents_reviewed": "1",
            "recommendations": "2", "accepted": "2"}),
    dict(reg="criticisms", contrib=c_criticisms,
         A={"date": "2023-11-08", "unit": "304", "form": "hoi_nghi", "drafts": "", "recommendations": "6", "accepted": "5",
            "subject": "Phản biện thử nghiệm dự thảo quy hoạch"},
         api_edit=("recommendations", "8"), form_edit=("subject", "Phản biện thử nghiệm (sửa trên trang)"),
         B={"date": "20/12/2023", "form": "gui_du_thao", "drafts": "2", "recommendations": "3", "accepted": "1"}),
    dict(reg="models", contrib=c_models,
         A={"name": "Mô hình thử nghiệm “Ngõ phố văn minh”", "unit": "304", "kind": "tap_the", "field": "kinh_te",
            "areas": "chuyen_doi_so", "year": "2023", "status": "registered", "press_items": "2", "exemplary": "no",
            "goals": "100% hộ dân ký cam kết"},
         api_edit=("press_items", "5"), form_edit=("goals", "90% hộ dân ký cam kết (sửa trên trang)"),
         B={"name": "Cá nhân thử nghiệm dân vận khéo", "kind": "ca_nhan", "field": "quoc_phong_an_ninh", "year": "2023",
            "person_name": "Nguyễn Văn Điển", "position": "Tổ trưởng tổ dân phố", "areas": ["do_thi", "khac"]}),
    dict(reg="establishments", contrib=c_none,
         A={"name": "Chùa Thử Nghiệm", "religion": "Phật giáo", "unit": "304", "uses_land": "yes", "status": "dossier",
            "dossier_on": "2023-09-01", "certificate_on": "", "notes": ""},
         api_edit=("status", "certificate"), form_edit=("notes", "Đã kiểm tra hồ sơ (sửa trên trang)"),
         B={"name": "Nhà thờ Thử Nghiệm", "religion": "Công giáo", "uses_land": "no", "status": "none"}),
    dict(reg="conclusions", contrib=c_none,
         A={"dialogue_date": dlg_date, "dialogue_unit": "304", "content": "Kết luận thử nghiệm: sửa đèn chiếu sáng",
            "responsible_unit": "304", "due": "2023-10-31", "status": "open"},
         api_edit=("status", "in_progress"), form_edit=("result", "Đã khảo sát, đang lắp đặt"),
         B={"dialogue_date": vn(dlg_date), "dialogue_unit": "304", "content": "Kết luận thử nghiệm thứ hai",
            "responsible_unit": "304", "due": "30/11/2023", "status": "done", "done_date": "15/11/2023",
            "result": "Đã hoàn thành"}),
    dict(reg="supervision_recs", contrib=c_fs_recs,
         A={"activity_date": "2023-09-25", "unit": "304", "content": "Kiến nghị thử nghiệm: công khai lịch thu gom rác",
            "addressee": "304", "due": "2023-10-25", "status": "open", "answer_date": "", "answer": ""},
         api_edit=("due", "2023-11-05"), form_edit=("answer", "Đang xây dựng lịch thu gom"),
         B={"activity_date": "25/09/2023", "content": "Kiến nghị thử nghiệm thứ hai", "addressee": "304",
            "due": "31/10/2023", "status": "rejected", "answer_date": "15/10/2023", "answer": "Đã giải trình"}),
    dict(reg="criticism_recs", contrib=c_fc_recs,
         A={"activity_date": "2023-09-26", "unit": "304", "content": "Ý kiến thử nghiệm: bổ sung quỹ đất cây xanh",
            "addressee": "304", "due": "2023-10-26", "status": "in_progress", "answer_date": "", "answer": ""},
         api_edit=("answer", "Cơ quan soạn thảo đang tổng hợp"), form_edit=("status", "open"),
         B={"activity_date": "26/09/2023", "content": "Ý kiến thử nghiệm thứ hai", "addressee": "304",
            "due": "30/11/2023", "status": "accepted", "answer_date": "01/11/2023", "answer": "Đã tiếp thu"}),
]

off = Session("ngoquyen", "ngoquyen123")
viewer = Session("xem", "xem-dv-123")
admin = Session("admin", "admin-dv-123")
st, defs, _ = off.api("GET", "/api/registers")
DEFS = {r["code"]: r for r in defs["registers"]} if st == 200 and defs else {}
if not DEFS: raise SystemExit(f"GET /api/registers: HTTP {st}")
missing = sorted(set(DEFS) - {s["reg"] for s in REGS})
if missing: err(f"registers not covered by this test: {missing}")

# a commune officer under 304 (writes for 304 are refused)
con = db()
has_child_officer = con.execute("select count(*) from users where login = 'maychai'").fetchone()[0]
con.close()
child = Session("maychai", "maychai123") if has_child_officer else None
# a unit outside district 304
con = db()
OUTSIDE = con.execute("select code from units where level = 2 and code <> '304' order by code limit 1").fetchone()[0]
con.close()

def norm_iso(field, v):
    """what a value typed on the page is stored as"""
    if isinstance(v, list): return ";".join(o["code"] for o in field.get("options", []) if o["code"] in v)
    if field["type"] == "date" and v and "/" in v: return f"{v[6:10]}-{v[3:5]}-{v[0:2]}"
    return v

def stored(reg, given):
    """the full record as the app keeps it, from the values given (ISO already)"""
    out = {}
    for f in DEFS[reg]["fields"]:
        out[f["name"]] = given.get(f["name"], "")
    if reg == "models" and not out["status"]: out["status"] = "registered"
    return out

def audit_view(reg, vals):
    """the audit JSON of a record: private values masked"""
    return {f["name"]: ("(dữ liệu cá nhân)" if vals[f["name"]] else "") if f["private"] else vals[f["name"]]
            for f in DEFS[reg]["fields"]}

def one_row(step, since, action, reg, rid, before, after):
    rows = [r for r in audit_since(since) if r[1] != "private.read"]
    if len(rows) != 1:
        err(f"{step}: {len(rows)} audit rows (besides private.read), expected one {action}: {[r[1] for r in rows]}")
        rows = [r for r in rows if r[1] == action]
        if not rows: return None
    _, act, ent, eid, login, b, a = rows[-1]
    if act != action: err(f"{step}: audit action {act!r}, expected {action!r}")
    if ent != reg: err(f"{step}: audit entity {ent!r}, expected {reg!r}")
    if rid is not None and eid != rid: err(f"{step}: audit entity_id {eid!r}, expected {rid}")
    if login != "ngoquyen": err(f"{step}: audit login {login!r}, expected ngoquyen")
    for what, got, want in (("before", b, before), ("after", a, after)):
        if want is None:
            if got is not None: err(f"{step}: audit {what} is {got[:200]!r}, expected empty")
            continue
        try: g = json.loads(got) if got else None
        except Exception: g = None
        if g != want:
            diff = sorted(k for k in set(want) | set(g or {}) if (g or {}).get(k) != want.get(k))
            err(f"{step}: audit {what} differs in {diff}: {got!r}")
    return rows[-1]

def no_change(step, since, reg, st, want, data, recs0):
    if st != want: err(f"{step}: HTTP {st}, expected {want} {data[:160]!r}")
    rows = [r for r in audit_since(since) if r[1] != "private.read"]
    if rows: err(f"{step}: left audit rows {[r[1] for r in rows]}")
    if records_state(reg) != recs0: err(f"{step}: the records changed")

def get_record(step, reg, rid):
    st, js, data = off.api("GET", f"/api/registers/{reg}/{rid}", csrf=False)
    if st != 200:
        err(f"{step}: GET /api/registers/{reg}/{rid}: HTTP {st} {data[:160]!r}")
        return None
    return js["record"]["values"]

for spec in REGS:
    reg = spec["reg"]
    if reg not in DEFS:
        err(f"register {reg} is not served by GET /api/registers")
        continue
    fields = {f["name"]: f for f in DEFS[reg]["fields"]}
    contrib = spec["contrib"]
    snap0 = snapshot(off)
    doc_syms = []

    # ---- refused creates: no audit row, nothing stored ----
    recs0, since = records_state(reg), audit_max()
    st, js, data = viewer.api("POST", f"/api/registers/{reg}", spec["A"])
    no_change(f"{reg}: viewer POST /api/registers/{reg}", since, reg, st, 403, data, recs0)
    st, js, data = off.api("POST", f"/api/registers/{reg}", spec["A"], csrf=False)
    no_change(f"{reg}: POST /api/registers/{reg} without X-CSRF-Token", since, reg, st, 403, data, recs0)
    st, js, data = off.api("POST", f"/api/registers/{reg}", spec["A"], token="0" * 64)
    no_change(f"{reg}: POST /api/registers/{reg} with a wrong X-CSRF-Token", since, reg, st, 403, data, recs0)
    if child:
        st, js, data = child.api("POST", f"/api/registers/{reg}", spec["A"])
        no_change(f"{reg}: a commune officer POSTs a record of 304", since, reg, st, 403, data, recs0)

    # ---- 1. create A with the API ----
    since = audit_max()
    st, js, data = off.api("POST", f"/api/registers/{reg}", spec["A"])
    if st != 200 or not js or not isinstance(js.get("id"), int):
        err(f"{reg}: POST /api/registers/{reg}: HTTP {st} {data[:300]!r}")
        continue
    a_id = js["id"]
    a_vals = stored(reg, spec["A"])
    one_row(f"{reg}: API create", since, f"{reg}.create", reg, a_id, None, audit_view(reg, a_vals))
    got = get_record(f"{reg}: after the API create", reg, a_id)
    if got is not None and got != a_vals:
        err(f"{reg}: GET after create differs in {sorted(k for k in a_vals if got.get(k) != a_vals[k])}: {got}")
    if reg == "documents" and a_vals["issued_by"] == "cap_uy": doc_syms = [a_vals["symbol"]]
    compare(f"{reg}: after the API create", snap0, snapshot(off), contrib(a_vals), doc_syms)

    # ---- refused edits and deletes of A ----
    recs0, since = records_state(reg), audit_max()
    k, v = spec["api_edit"]
    st, js, data = viewer.api("POST", f"/api/registers/{reg}/{a_id}", {k: v})
    no_change(f"{reg}: viewer POST /api/registers/{reg}/{a_id}", since, reg, st, 403, data, recs0)
    st, js, data = viewer.api("DELETE", f"/api/registers/{reg}/{a_id}")
    no_change(f"{reg}: viewer DELETE /api/registers/{reg}/{a_id}", since, reg, st, 403, data, recs0)
    st, js, data = off.api("POST", f"/api/registers/{reg}/{a_id}", {k: v}, csrf=False)
    no_change(f"{reg}: POST /api/registers/{reg}/{a_id} without X-CSRF-Token", since, reg, st, 403, data, recs0)
    st, js, data = off.api("DELETE", f"/api/registers/{reg}/{a_id}", csrf=False)
    no_change(f"{reg}: DELETE /api/registers/{reg}/{a_id} without X-CSRF-Token", since, reg, st, 403, data, recs0)
    st, _, data = viewer.form(f"/r/{reg}/{a_id}/delete", [("csrf", viewer.csrf), ("confirm", "1")])
    no_change(f"{reg}: viewer POST /r/{reg}/{a_id}/delete", since, reg, st, 403, data, recs0)
    st, _, data = off.form(f"/r/{reg}/{a_id}/delete", [("confirm", "1")])
    no_change(f"{reg}: POST /r/{reg}/{a_id}/delete without the csrf field", since, reg, st, 403, data, recs0)
    # the record moved to a unit outside the officer's district
    uf = [f["name"] for f in DEFS[reg]["fields"] if f["type"] == "unit"][0]
    st, js, data = off.api("POST", f"/api/registers/{reg}/{a_id}", {uf: OUTSIDE})
    no_change(f"{reg}: POST /api/registers/{reg}/{a_id} {{{uf}: {OUTSIDE}}}", since, reg, st, 403, data, recs0)
    # the id under another register's name is not this record
    other = REGS[(REGS.index(spec) + 1) % len(REGS)]["reg"]
    st, js, data = off.api("DELETE", f"/api/registers/{other}/{a_id}")
    no_change(f"{reg}: DELETE /api/registers/{other}/{a_id} (a {reg} record)", since, reg, st, 404, data, recs0)
    st, _, data = off.form(f"/r/{other}/{a_id}/delete", [("csrf", off.csrf), ("confirm", "1")])
    no_change(f"{reg}: POST /r/{other}/{a_id}/delete (a {reg} record)", since, reg, st, 404, data, recs0)

    # ---- 2. edit one field with the API ----
    since = audit_max()
    st, js, data = off.api("POST", f"/api/registers/{reg}/{a_id}", {k: v})
    if st != 200 or not js or js.get("id") != a_id:
        err(f"{reg}: POST /api/registers/{reg}/{a_id} {{{k}: {v}}}: HTTP {st} {data[:300]!r}")
    else:
        a1 = dict(a_vals, **{k: v})
        one_row(f"{reg}: API edit of {k}", since, f"{reg}.update", reg, a_id, audit_view(reg, a_vals), audit_view(reg, a1))
        a_vals = a1
    got = get_record(f"{reg}: after the API edit", reg, a_id)
    if got is not None and got != a_vals:
        err(f"{reg}: GET after the API edit differs in {sorted(k for k in a_vals if got.get(k) != a_vals[k])}")
    compare(f"{reg}: after the API edit of {k}", snap0, snapshot(off), contrib(a_vals), doc_syms)

    # ---- 3. edit another field on the record page ----
    st, _, page = off.get(f"/r/{reg}/{a_id}")
    form = page_form(page.decode("utf-8", "replace"), f"/r/{reg}/{a_id}") if st == 200 else None
    k, v = spec["form_edit"]
    if not form:
        err(f"{reg}: GET /r/{reg}/{a_id}: HTTP {st}, or no edit form on the page")
    else:
        pairs = submission(form, {k: v})
        if ("csrf", off.csrf) not in pairs: err(f"{reg}: the record page's form carries no csrf field")
        # a viewer and a missing token are refused first
        recs0, since = records_state(reg), audit_max()
        st, _, data = viewer.form(f"/r/{reg}/{a_id}", [(n, x) if n != "csrf" else (n, viewer.csrf) for n, x in pairs])
        no_change(f"{reg}: viewer POST /r/{reg}/{a_id}", since, reg, st, 403, data, recs0)
        st, _, data = off.form(f"/r/{reg}/{a_id}", [(n, x) for n, x in pairs if n != "csrf"])
        no_change(f"{reg}: POST /r/{reg}/{a_id} without the csrf field", since, reg, st, 403, data, recs0)
        st, loc, data = off.form(f"/r/{reg}/{a_id}", pairs)
        if st != 303 or not loc.startswith(f"/r/{reg}/{a_id}"):
            err(f"{reg}: POST /r/{reg}/{a_id} (edit {k}): HTTP {st} {loc!r} {data[:300]!r}")
        else:
            a2 = dict(a_vals, **{k: norm_iso(fields[k], v)})
            one_row(f"{reg}: page edit of {k}", since, f"{reg}.update", reg, a_id, audit_view(reg, a_vals),
                    audit_view(reg, a2))
            a_vals = a2
    got = get_record(f"{reg}: after the page edit", reg, a_id)
    if got is not None and got != a_vals:
        err(f"{reg}: GET after the page edit differs in {sorted(k for k in a_vals if got.get(k) != a_vals[k])}: "
            f"{ {k: got.get(k) for k in a_vals if got.get(k) != a_vals[k]} }")
    compare(f"{reg}: after the page edit of {k}", snap0, snapshot(off), contrib(a_vals), doc_syms)

    # ---- 4. create B on the "new" page, delete it with the API ----
    st, _, page = off.get(f"/r/{reg}/new?unit=304")
    form = page_form(page.decode("utf-8", "replace"), f"/r/{reg}") if st == 200 else None
    if not form:
        err(f"{reg}: GET /r/{reg}/new: HTTP {st}, or no form posting to /r/{reg}")
    else:
        pairs = submission(form, dict(spec["B"], **({"unit": "304"} if "unit" in fields else {})))
        recs0, since = records_state(reg), audit_max()
        st, _, data = viewer.form(f"/r/{reg}", [(n, x) if n != "csrf" else (n, viewer.csrf) for n, x in pairs])
        no_change(f"{reg}: viewer POST /r/{reg}", since, reg, st, 403, data, recs0)
        st, _, data = off.form(f"/r/{reg}", [(n, x) for n, x in pairs if n != "csrf"])
        no_change(f"{reg}: POST /r/{reg} without the csrf field", since, reg, st, 403, data, recs0)
        st, _, data = off.form(f"/r/{reg}", [(n, x) if n != "csrf" else (n, "f" * 64) for n, x in pairs])
        no_change(f"{reg}: POST /r/{reg} with a wrong csrf field", since, reg, st, 403, data, recs0)
        st, loc, data = off.form(f"/r/{reg}", pairs)
        b_id = None
        if st == 303 and loc.startswith(f"/r/{reg}/"):
            try: b_id = int(loc[len(f"/r/{reg}/"):].split("?")[0])
            except ValueError: pass
        if not b_id:
            err(f"{reg}: POST /r/{reg} (new record): HTTP {st} {loc!r} {data[:400]!r}")
        else:
            b_vals = stored(reg, {n: norm_iso(fields[n], x) for n, x in spec["B"].items()})
            if "unit" in fields: b_vals["unit"] = "304"
            one_row(f"{reg}: page create", since, f"{reg}.create", reg, b_id, None, audit_view(reg, b_vals))
            got = get_record(f"{reg}: after the page create", reg, b_id)
            if got is not None and got != b_vals:
                err(f"{reg}: GET after the page create differs: { {k: (got.get(k), b_vals[k]) for k in b_vals if got.get(k) != b_vals[k]} }")
            syms = doc_syms + ([b_vals["symbol"]] if reg == "documents" and b_vals["issued_by"] == "cap_uy" else [])
            compare(f"{reg}: after the page create", snap0, snapshot(off), contrib(a_vals) + contrib(b_vals), syms)
            since = audit_max()
            st, js, data = off.api("DELETE", f"/api/registers/{reg}/{b_id}")
            if st != 200 or js != {"ok": True}:
                err(f"{reg}: DELETE /api/registers/{reg}/{b_id}: HTTP {st} {data[:200]!r}")
            else:
                one_row(f"{reg}: API delete", since, f"{reg}.delete", reg, b_id, audit_view(reg, b_vals), None)
            st, js, data = off.api("GET", f"/api/registers/{reg}/{b_id}", csrf=False)
            if st != 404: err(f"{reg}: GET of the record deleted with the API: HTTP {st}, expected 404")
            compare(f"{reg}: after the API delete", snap0, snapshot(off), contrib(a_vals), doc_syms)

    # ---- 5. delete A on the record page ----
    st, _, page = off.get(f"/r/{reg}/{a_id}")
    form = page_form(page.decode("utf-8", "replace"), f"/r/{reg}/{a_id}/delete") if st == 200 else None
    if not form:
        err(f"{reg}: GET /r/{reg}/{a_id}: HTTP {st}, or no delete form on the page")
        continue
    boxes = [c for c in form["controls"] if c["kind"] == "checkbox"]
    if len(boxes) != 1 or boxes[0]["checked"]:
        err(f"{reg}: the delete form should have one unchecked confirm checkbox: {boxes}")
        continue
    recs0, since = records_state(reg), audit_max()
    st, _, data = off.form(f"/r/{reg}/{a_id}/delete", submission(form, {}))
    no_change(f"{reg}: POST /r/{reg}/{a_id}/delete without the confirm box", since, reg, st, 422, data, recs0)
    st, loc, data = off.form(f"/r/{reg}/{a_id}/delete", submission(form, {boxes[0]["name"]: boxes[0]["value"]}))
    if st != 303 or not loc.startswith(f"/r/{reg}"):
        err(f"{reg}: POST /r/{reg}/{a_id}/delete with the confirm box: HTTP {st} {loc!r} {data[:300]!r}")
    else:
        one_row(f"{reg}: page delete", since, f"{reg}.delete", reg, a_id, audit_view(reg, a_vals), None)
    st, js, data = off.api("GET", f"/api/registers/{reg}/{a_id}", csrf=False)
    if st != 404: err(f"{reg}: GET /api/registers/{reg}/{a_id} after the delete: HTTP {st}, expected 404")
    st, _, data = off.get(f"/r/{reg}/{a_id}")
    if st != 404: err(f"{reg}: GET /r/{reg}/{a_id} after the delete: HTTP {st}, expected 404")
    compare(f"{reg}: after the page delete", snap0, snapshot(off), [], [])
    # a second delete of the same record: 404, no row
    recs0, since = records_state(reg), audit_max()
    st, js, data = off.api("DELETE", f"/api/registers/{reg}/{a_id}")
    no_change(f"{reg}: DELETE of a deleted record", since, reg, st, 404, data, recs0)

# ---- the audit log as a whole ----
con = db()
rows = con.execute("select action, entity, login, coalesce(before, ''), coalesce(after, '') from audit").fetchall()
con.close()
for s in SENDERS:
    hits = [r[0] for r in rows if s in r[3] or s in r[4] or s in r[0] or s in r[1]]
    if hits: err(f"the letter's sender data {s!r} is in the audit log ({hits})")
counts = {}
for a, e, l, b, af in rows:
    if l == "ngoquyen" and a.split(".")[-1] in ("create", "update", "delete"): counts[a] = counts.get(a, 0) + 1
for spec in REGS:
    r = spec["reg"]
    want = {f"{r}.create": 2, f"{r}.update": 2, f"{r}.delete": 2}
    got = {a: counts.get(a, 0) for a in want}
    if got != want: err(f"{r}: audit rows by ngoquyen {got}, expected {want}")
left = sorted({a for a, e, l, b, af in rows if l in ("xem", "maychai") and a not in ("private.read", "session.login")})
if left: err(f"refused writers left audit rows: {left}")
sys.exit(1 if bad else 0)
PY

check_server_end
finish
