#!/usr/bin/env bash
# Personal data follows the record, not the request (issue 13, F1, F2, F9, F11; the rule is
# docs/privacy.md). Through the real server:
#   F1  an officer above a commune cannot move a letter into his unit (403); an approver can
#       (audited as letters.move), and the sender is carried to nobody but the handler the
#       move names: not to the approver, not to the other officers there; an approver
#       cannot name himself the handler to see it; moved back, the commune that first
#       recorded it sees it again and the handler left behind does not;
#   F2  a denunciation's (to_cao) sender stays with its handler when its kind becomes
#       kien_nghi, and a letter that once was a denunciation stays so;
#   both by the JSON API, by the record page's form (with its CSRF field), for letters made by
#   a CSV import (imports only create: a file with an id column is refused), and in the CSV
#   and XLSX exports (an XLSX import writes annex cells only, never records);
#   F9  every audit row of a read that showed personal data names the records (ids);
#   F11 models' person_name and position and letters' content are private: not shown above the
#       unit, not in the stored public data or the search text, not found by a search;
# and a database of the earlier layout is moved on open: the unit and kind a letter had before
# an audited change count, the search text loses the content.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
T,Tỉnh Theo Dõi,Tỉnh,1,
D,Huyện Dời,Huyện,2,T
C1,Xã Gốc,Xã,3,D
C2,Xã Bên,Xã,3,D
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
for u in "c1off C1 officer" "c1off2 C1 officer" "c1appr C1 approver" "c1view C1 viewer" \
  "doff D officer" "doff2 D officer" "dappr D approver" "tappr T approver" "tadmin T admin"; do
  add_user $u
done

# letters of C1, each for one path; the content is private too (F11)
cat >letters.csv <<'CSV'
received,unit,kind,eligible,status,resolved,sender_name,sender_address,content,handler
2023-02-01,C1,khieu_nai,yes,received,,Nguyễn Văn An,Thôn An Một,Nội dung An về đất,
2023-02-03,C1,to_cao,yes,handling,,Trần Thị Bình,Xóm Bình Hai,Nội dung Bình về chợ,c1off
2023-02-05,C1,kien_nghi,yes,received,,Lê Văn Chí,Ấp Chí Ba,Nội dung Chí về đường,
2023-02-07,C1,phan_anh,yes,received,,Phạm Thị Em,Phố Em Bốn,Nội dung Em về điện,
2023-02-09,C1,to_cao,yes,handling,,Võ Văn Giang,Bản Giang Năm,Nội dung Giang về thuế,c1off
2023-02-11,C1,kien_nghi,yes,received,,Đỗ Thị Khánh,Làng Khánh Sáu,Nội dung Khánh về nước,
2023-02-13,C1,khieu_nai,yes,received,,Bùi Văn Lan,Tổ Lan Bảy,Nội dung Lan về trường,
CSV
run_dv o e import letters db letters.csv || { fail "import letters: $(cat e)"; finish; }

start_server db

check "personal data follows the record" python3 - "$BASE" <<'PY'
import io, json, re, sqlite3, sys, urllib.parse, zipfile
from dvtest import bad, err, Client, page_form, submission
client = Client(sys.argv[1], timeout=15)
S = {u: client.login(u) for u in ("c1off", "c1off2", "c1appr", "c1view", "doff", "doff2", "dappr", "tappr", "tadmin")}

def db():
    return sqlite3.connect("db", timeout=10)

def q(sql, *args):
    con = db(); rows = con.execute(sql, args).fetchall(); con.close(); return rows

def letter_id(received):
    return q("select id from records where register='letters' and json_extract(data,'$.received')=?", received)[0][0]

SENDER = {"A": ("Nguyễn Văn An", "Thôn An Một", "Nội dung An về đất", "2023-02-01"),
          "B": ("Trần Thị Bình", "Xóm Bình Hai", "Nội dung Bình về chợ", "2023-02-03"),
          "C": ("Lê Văn Chí", "Ấp Chí Ba", "Nội dung Chí về đường", "2023-02-05"),
          "E": ("Phạm Thị Em", "Phố Em Bốn", "Nội dung Em về điện", "2023-02-07"),
          "G": ("Võ Văn Giang", "Bản Giang Năm", "Nội dung Giang về thuế", "2023-02-09"),
          "K": ("Đỗ Thị Khánh", "Làng Khánh Sáu", "Nội dung Khánh về nước", "2023-02-11"),
          "L": ("Bùi Văn Lan", "Tổ Lan Bảy", "Nội dung Lan về trường", "2023-02-13")}
ID = {k: letter_id(v[3]) for k, v in SENDER.items()}

def api(user, method, path, obj=None):
    st, _, data = S[user].api(method, path, obj)
    try: js = json.loads(data) if data else None
    except Exception: js = None
    return st, js, data

def text(data):
    """a body as text, JSON without \\u escapes, so that names can be searched"""
    t = data.decode("utf-8", "replace")
    try: return json.dumps(json.loads(t), ensure_ascii=False)
    except Exception: return t

def private_texts(k):
    return SENDER[k][:3]

def sees(user, k, what, path=None):
    """True if the GET (default: the record in the API) as user shows letter k's private data;
    None if the GET failed"""
    st, _, data = S[user].get(path or f"/api/registers/letters/{ID[k]}")
    if st != 200:
        err(f"{what}: {user} GET {path or 'the letter'}: HTTP {st} {data[:200]!r}"); return None
    t = text(data)
    shown = [s for s in private_texts(k) if s in t]
    if shown and len(shown) < 3 and not path: err(f"{what}: {user} sees part of letter {k}'s private data: {shown}")
    return bool(shown)

def expect_sees(users, k, what, path=None):
    for u in users:
        if sees(u, k, what, path) is False: err(f"{what}: {u} should see letter {k}'s sender but does not")

def expect_blind(users, k, what, path=None):
    for u in users:
        if sees(u, k, what, path): err(f"{what}: {u} sees letter {k}'s sender ({SENDER[k][0]})")

def unit_of(k):
    return q("select u.code from records r join units u on u.id=r.unit_id where r.id=?", ID[k])[0][0]

def audit_max():
    return q("select coalesce(max(id),0) from audit")[0][0]

def audit_since(i):
    return q("select action, login, entity_id, before, after from audit where id > ? order by id", i)

def no_private_in_audit(what):
    dump = "\n".join(str(r) for r in q("select * from audit"))
    for k in SENDER:
        for s in private_texts(k):
            if s in dump: err(f"{what}: the audit log holds the private text {s!r}")

# ---------------- before anything: the unit that first recorded each letter ----------------
expect_sees(["c1off", "c1off2", "c1appr"], "A", "before: a complaint")
expect_blind(["c1view", "doff", "dappr", "tappr", "tadmin"], "A", "before: a complaint")

# ---------------- F1, JSON API ----------------
since = audit_max()
st, _, data = api("doff", "POST", f"/api/registers/letters/{ID['A']}", {"unit": "D"})
if st != 403: err(f"F1: a district officer moves a commune's letter into the district: HTTP {st}, expected 403 {data[:200]!r}")
if unit_of("A") != "C1": err(f"F1: the refused move changed the letter's unit to {unit_of('A')}")
if audit_since(since): err(f"F1: the refused move left audit rows {audit_since(since)}")
expect_blind(["doff"], "A", "F1: after an officer's refused move")

since = audit_max()
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['A']}", {"unit": "D"})
if st != 200: err(f"F1: the district approver moves a letter into the district: HTTP {st} {data[:300]!r}")
if unit_of("A") != "D": err(f"F1: after the approver's move the letter is at {unit_of('A')}, expected D")
rows = audit_since(since)
moves = [r for r in rows if r[0] == "letters.move" and r[1] == "dappr" and r[2] == ID["A"]]
if len(moves) != 1 or any(r[0] == "letters.update" for r in rows):
    err(f"F1: the move is not audited as one letters.move row: {[(r[0], r[1]) for r in rows]}")
elif '"unit":"C1"' not in (moves[0][3] or "") or '"unit":"D"' not in (moves[0][4] or ""):
    err(f"F1: the letters.move row does not say from C1 to D: {moves[0]}")
expect_blind(["dappr", "doff", "doff2", "tappr", "tadmin"], "A", "F1: moved by the approver, no handler named")

# the approver cannot name himself the handler of a letter whose sender he does not see
since = audit_max()
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['A']}", {"handler": "dappr"})
if st != 403: err(f"F1: the approver names himself the handler of the moved letter: HTTP {st}, expected 403 {data[:200]!r}")
if audit_since(since): err("F1: the refused self-assignment left audit rows")
expect_blind(["dappr"], "A", "F1: after the refused self-assignment")

# the handler he names sees it, nobody else
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['A']}", {"handler": "doff2"})
if st != 200: err(f"F1: the approver names a district officer the handler: HTTP {st} {data[:200]!r}")
expect_sees(["doff2"], "A", "F1: moved, then a handler named")
expect_blind(["dappr", "doff", "tappr", "tadmin"], "A", "F1: moved, then a handler named")

# moved back: the commune that first recorded it sees it again, the handler left behind does not
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['A']}", {"unit": "C1"})
if st != 200: err(f"F1: the approver moves the letter back: HTTP {st} {data[:200]!r}")
expect_sees(["c1off", "c1off2", "c1appr"], "A", "F1: moved back to the commune")
expect_blind(["doff2", "doff", "dappr"], "A", "F1: moved back to the commune")

# the province's approver pulls a letter to the province: he sees nothing
st, _, data = api("tappr", "POST", f"/api/registers/letters/{ID['K']}", {"unit": "T"})
if st != 200: err(f"F1: the province approver moves a letter to the province: HTTP {st} {data[:200]!r}")
expect_blind(["tappr", "tadmin"], "K", "F1: pulled to the province")

# a move that names the handler at once carries the sender to that handler only
since = audit_max()
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['L']}", {"unit": "D", "handler": "doff2"})
if st != 200: err(f"F1: a move naming its handler: HTTP {st} {data[:200]!r}")
if not any(r[0] == "letters.move" for r in audit_since(since)): err("F1: the move naming its handler is not audited as letters.move")
expect_sees(["doff2"], "L", "F1: moved with its handler")
expect_blind(["dappr", "doff", "tappr"], "L", "F1: moved with its handler")

# the exports of the district: the handler's holds L's sender, the other officer's none
def export_csv(user):
    st, _, data = S[user].get("/r/letters/export.csv?unit=D&period=2023S1")
    if st != 200: err(f"export.csv as {user}: HTTP {st}")
    return data.decode("utf-8", "replace")

def export_xlsx(user):
    st, _, data = S[user].get("/r/letters/export.xlsx?unit=D&period=2023S1")
    if st != 200: err(f"export.xlsx as {user}: HTTP {st}"); return ""
    z = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))

for kind, get in (("CSV", export_csv), ("XLSX", export_xlsx)):
    t = get("doff2")
    if SENDER["L"][0] not in t: err(f"F1: the {kind} export of D by L's handler lacks L's sender")
    for k in SENDER:
        if k != "L" and SENDER[k][0] in t: err(f"F1: the {kind} export of D by doff2 shows {k}'s sender")
    t = get("doff")
    for k in SENDER:
        if SENDER[k][0] in t: err(f"F1: the {kind} export of D by doff shows {k}'s sender")

# ---------------- F2, JSON API ----------------
st, _, data = api("c1appr", "POST", f"/api/registers/letters/{ID['B']}", {"kind": "kien_nghi"})
if st != 200: err(f"F2: the commune approver changes a denunciation's kind: HTTP {st} {data[:200]!r}")
expect_sees(["c1off"], "B", "F2: a denunciation made a petition")
expect_blind(["c1off2", "c1appr", "c1view", "doff", "dappr"], "B", "F2: a denunciation made a petition")

# nor does the commune's approver get it by naming himself its handler
st, _, data = api("c1appr", "POST", f"/api/registers/letters/{ID['B']}", {"handler": "c1appr"})
if st != 403: err(f"F2: the approver names himself the denunciation's handler: HTTP {st}, expected 403 {data[:200]!r}")
expect_blind(["c1appr"], "B", "F2: after the refused self-assignment")

st, _, data = api("c1off", "POST", f"/api/registers/letters/{ID['C']}", {"kind": "to_cao"})
if st != 200: err(f"F2: a petition made a denunciation: HTTP {st} {data[:200]!r}")
expect_blind(["c1off", "c1off2", "c1appr"], "C", "F2: a petition made a denunciation (no handler)")
st, _, data = api("c1appr", "POST", f"/api/registers/letters/{ID['C']}", {"kind": "kien_nghi"})
if st != 200: err(f"F2: the denunciation made a petition again: HTTP {st} {data[:200]!r}")
expect_blind(["c1off", "c1off2", "c1appr"], "C", "F2: once a denunciation, a petition again")
st, _, data = api("c1appr", "POST", f"/api/registers/letters/{ID['C']}", {"handler": "c1off2"})
if st != 200: err(f"F2: the approver names a handler: HTTP {st} {data[:200]!r}")
expect_sees(["c1off2"], "C", "F2: once a denunciation, its handler named")
expect_blind(["c1off", "c1appr"], "C", "F2: once a denunciation, its handler named")

# ---------------- the record page's form ----------------
def form_post(user, k, overrides, want):
    st, _, page = S[user].get(f"/r/letters/{ID[k]}")
    form = page_form(page.decode("utf-8", "replace"), f"/r/letters/{ID[k]}") if st == 200 else None
    if not form:
        err(f"form: {user} GET /r/letters/{ID[k]}: HTTP {st}, or no edit form"); return
    names = {c["name"] for c in form["controls"]}
    if "sender_name" in names: err(f"form: {user} is offered letter {k}'s sender field")
    pairs = submission(form, overrides)
    if ("csrf", S[user].csrf) not in pairs: err("form: the record page's form carries no csrf field")
    st, _, data = S[user].form(f"/r/letters/{ID[k]}", pairs)
    if st != want: err(f"form: {user} POST /r/letters/{ID[k]} {overrides}: HTTP {st}, expected {want} {data[:200]!r}")

form_post("doff", "E", {"unit": "D"}, 403)
if unit_of("E") != "C1": err("F1 form: the officer's refused move changed the unit")
since = audit_max()
form_post("dappr", "E", {"unit": "D"}, 303)
if unit_of("E") != "D": err(f"F1 form: after the approver's move the letter is at {unit_of('E')}")
if not any(r[0] == "letters.move" and r[1] == "dappr" for r in audit_since(since)): err("F1 form: the move is not audited as letters.move")
for u in ("dappr", "doff"):
    if sees(u, "E", "F1 form", f"/r/letters/{ID['E']}"): err(f"F1 form: {u}'s record page shows the moved letter's sender")
    st, _, page = S[u].get(f"/r/letters/{ID['E']}")
    if 'name="sender_name"' in page.decode("utf-8", "replace"): err(f"F1 form: {u} is offered the moved letter's sender field")
expect_blind(["dappr", "doff", "doff2"], "E", "F1 form")
# the sender was kept (not emptied by the form that did not carry it)
st, _, data = api("dappr", "POST", f"/api/registers/letters/{ID['E']}", {"unit": "C1"})
expect_sees(["c1off"], "E", "F1 form: moved back, the sender kept")

form_post("c1appr", "G", {"kind": "kien_nghi"}, 303)
if sees("c1off2", "G", "F2 form", f"/r/letters/{ID['G']}"): err("F2 form: another officer's record page shows the sender")
expect_sees(["c1off"], "G", "F2 form: changed on the page")
expect_blind(["c1off2", "c1appr"], "G", "F2 form: changed on the page")

# ---------------- a CSV import by the web ----------------
csv_text = ("received,unit,kind,eligible,status,resolved,sender_name,sender_address,content,handler\n"
            "2023-03-01,C1,to_cao,yes,handling,,Hồ Văn Minh,Đội Minh Tám,Nội dung Minh về rừng,c1off\n")
st, _, data = S["c1off"].upload("/r/letters/import", "thu.csv", csv_text)
if st not in (200, 303): err(f"import: upload by c1off: HTTP {st} {data[:300]!r}")
SENDER["M"] = ("Hồ Văn Minh", "Đội Minh Tám", "Nội dung Minh về rừng", "2023-03-01")
ID["M"] = letter_id("2023-03-01")
st, _, data = api("c1appr", "POST", f"/api/registers/letters/{ID['M']}", {"kind": "phan_anh"})
if st != 200: err(f"import: the approver changes an imported denunciation's kind: HTTP {st}")
expect_sees(["c1off"], "M", "import: an imported denunciation made a report")
expect_blind(["c1off2", "c1appr"], "M", "import: an imported denunciation made a report")
# an import only creates: a file naming a record's id is refused, nothing changes
before = q("select id, unit_id, data from records order by id")
st, _, data = S["dappr"].upload("/r/letters/import", "doi.csv",
                                "id,received,unit,kind,eligible,status\n%d,2023-02-01,D,kien_nghi,yes,received\n" % ID["A"])
if st in (200, 303) or q("select id, unit_id, data from records order by id") != before:
    err(f"import: a file with an id column was taken: HTTP {st}")

# ---------------- F9: reads of personal data name their records ----------------
def private_reads_since(i):
    out = []
    for action, login, eid, b, a in audit_since(i):
        if action == "private.read":
            try: ids = json.loads(a or "{}").get("records")
            except Exception: ids = None
            out.append((login, eid, ids))
    return out

def shown_ids(t, ks):
    return sorted(ID[k] for k in ks if SENDER[k][0] in t)

for what, path in (("API list", "/api/registers/letters?unit=C1&period=2023S1"),
                   ("CSV export", "/r/letters/export.csv?unit=C1&period=2023S1"),
                   ("XLSX export", "/r/letters/export.xlsx?unit=C1&period=2023S1"),
                   ("API record", f"/api/registers/letters/{ID['A']}")):
    since = audit_max()
    st, _, data = S["c1off"].get(path)
    if st != 200: err(f"F9: {what}: HTTP {st}"); continue
    if path.endswith("xlsx") or "xlsx?" in path:
        z = zipfile.ZipFile(io.BytesIO(data))
        t = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    else:
        t = text(data)
    want = shown_ids(t, SENDER)
    reads = private_reads_since(since)
    if not want: err(f"F9: {what}: c1off sees no sender at all"); continue
    if len(reads) != 1: err(f"F9: {what}: {len(reads)} private.read rows, expected one: {reads}"); continue
    ids = reads[0][2]
    if not isinstance(ids, list) or sorted(ids) != want:
        err(f"F9: {what}: the private.read row names {ids}, the senders shown were of {want}")

# ---------------- F11: models' person and letters' content ----------------
defs = json.loads(S["c1off"].get("/api/registers")[2])
priv = {(r["code"], f["name"]): f["private"] for r in defs["registers"] for f in r["fields"]}
for key in (("models", "person_name"), ("models", "position"), ("letters", "content")):
    if not priv.get(key): err(f"F11: {key[0]}.{key[1]} is not private in /api/registers")
st, js, data = api("c1off", "POST", "/api/registers/models",
                   {"name": "Mô hình gương sáng", "unit": "C1", "kind": "ca_nhan", "field": "kinh_te", "year": "2023",
                    "person_name": "Hoàng Thị Mẫu", "position": "Chi hội trưởng phụ nữ thôn Mẫu"})
if st != 200: err(f"F11: create a model: HTTP {st} {data[:300]!r}")
else:
    mid = js["id"]
    person = ("Hoàng Thị Mẫu", "Chi hội trưởng phụ nữ thôn Mẫu")
    for u, want in (("c1off", True), ("c1appr", True), ("c1view", False), ("doff", False), ("dappr", False), ("tadmin", False)):
        for path in (f"/api/registers/models/{mid}", f"/r/models/{mid}", "/api/registers/models?unit=C1"):
            st, _, data = S[u].get(path)
            t = text(data)
            if st != 200: err(f"F11: {u} GET {path}: HTTP {st}"); continue
            if want and not all(s in t for s in person): err(f"F11: {u} GET {path}: the model's person is not shown")
            if not want and any(s in t for s in person): err(f"F11: {u} GET {path}: the model's person is shown")
    st, _, data = S["c1off"].get("/api/registers/models?unit=C1&q=" + urllib.parse.quote("hoang thi mau"))
    if st != 200 or json.loads(data)["total"] != 0: err(f"F11: a search finds the model by its person's name: {data[:200]!r}")
st, _, data = S["c1off"].get("/api/registers/letters?unit=C1&q=" + urllib.parse.quote("noi dung an"))
if st != 200 or json.loads(data)["total"] != 0: err(f"F11: a search finds a letter by its content: {data[:200]!r}")
for data_, fold in q("select data, fold from records where register in ('letters','models')"):
    for s in ("Nội dung", "noi dung", "Hoàng Thị Mẫu", "hoang thi mau", "Chi hội trưởng", "chi hoi truong"):
        if s in data_ or s in fold: err(f"F11: {s!r} is in a record's public data or search text"); break

no_private_in_audit("the end")
sys.exit(1 if bad else 0)
PY
check_server_end

# ---------------- a database of the earlier layout ----------------
mkdir "$W/old" && cd "$W/old" || exit 1
run_dv o e init db && run_dv o e import units db ../units.csv || { fail "old: init: $(cat e)"; finish; }
cat >old.csv <<'CSV'
received,unit,kind,eligible,status,resolved,sender_name,sender_address,content,handler
2023-02-01,C1,kien_nghi,yes,received,,Ngô Văn Phúc,Thôn Phúc,Nội dung Phúc,
2023-02-02,C1,khieu_nai,yes,received,,Lý Thị Quý,Xóm Quý,Nội dung Quý,
CSV
run_dv o e import letters db old.csv || { fail "old: import: $(cat e)"; finish; }
# Phúc's letter was a denunciation before an audited change; Quý's was recorded at D, then moved
# to C1 by an update audited before the fix. The earlier layout had neither column, and its
# search text held the content.
sqlite3 db <<'SQL' || fail "old: making the earlier layout"
ALTER TABLE records DROP COLUMN first_unit_id;
ALTER TABLE records DROP COLUMN handler_only;
INSERT INTO audit(login, action, entity, entity_id, before, after)
  SELECT 'x', 'letters.update', 'letters', id, '{"unit":"C1","kind":"to_cao"}', '{"unit":"C1","kind":"kien_nghi"}'
  FROM records WHERE json_extract(data, '$.received') = '2023-02-01';
INSERT INTO audit(login, action, entity, entity_id, before, after)
  SELECT 'x', 'letters.update', 'letters', id, '{"unit":"D","kind":"khieu_nai"}', '{"unit":"C1","kind":"khieu_nai"}'
  FROM records WHERE json_extract(data, '$.received') = '2023-02-02';
UPDATE records SET fold = fold || char(10) || 'noi dung phuc' WHERE json_extract(data, '$.received') = '2023-02-01';
UPDATE settings SET value = '2' WHERE key = 'records.fold_version';
DELETE FROM settings WHERE key = 'records.origin_version';
SQL
run_dv o e export letters db --unit D || fail "old: open and export: $(cat e)"
got=$(sqlite3 db "select json_extract(r.data,'\$.received') || ':' || u.code || ':' || r.handler_only from records r
  join units u on u.id = r.first_unit_id order by r.id" | tr '\n' ' ')
[ "$got" = "2023-02-01:C1:1 2023-02-02:D:0 " ] && ok || fail "old: the first unit and the denunciation mark from the audit: got '$got', expected '2023-02-01:C1:1 2023-02-02:D:0 '"
if sqlite3 db "select fold from records" | grep -q "noi dung"; then fail "old: the search text still holds the content"; else ok; fi
finish
