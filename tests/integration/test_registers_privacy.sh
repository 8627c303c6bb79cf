#!/usr/bin/env bash
# Letters' senders (and their content) are personal data (issue 3, Law 91/2025/QH15; issue 13,
# docs/privacy.md): through the real server
# only the officers and approvers of the receiving unit see them; a viewer of that unit, an
# officer of another commune (403 anyway) and users of the units above (district officer,
# province admin) never do; a denunciation's (to_cao) sender is seen by its handling officer
# only, not by the unit's approver nor by another officer. Checked in the JSON API
# (GET /api/registers/letters), the list page, the record page and the CSV export of the web;
# every read of a sender leaves a `private.read` audit entry, reads that show none leave
# none, and the audit never holds the names. The CLI export of the district leaves the
# commune's sender columns empty.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
T,Tỉnh Riêng Tư,Tỉnh,1,
D,Huyện Kín,Huyện,2,T
C1,Xã Một,Xã,3,D
C2,Xã Hai,Xã,3,D
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }

# users (password on stdin)
add_user c1off C1 officer
add_user c1off2 C1 officer
add_user c1view C1 viewer
add_user c1appr C1 approver
add_user c2off C2 officer
add_user doff D officer
add_user tadmin T admin

# letters of C1 (a complaint, and a denunciation handled by c1off), of D and of C2
cat >letters.csv <<'CSV'
received,unit,kind,eligible,status,resolved,sender_name,sender_address,content,handler
2023-02-01,C1,khieu_nai,yes,resolved,2023-03-01,Nguyễn Văn An,Thôn Đông An,Khiếu nại về đền bù đất đai,
2023-03-05,C1,to_cao,yes,handling,,Trần Thị Bình,Xóm Bình Yên,Tố cáo sai phạm quản lý chợ,c1off
2023-04-10,D,kien_nghi,yes,received,,Phạm Văn Cường,Phố Cường Thịnh,Kiến nghị sửa đường huyện,
2023-05-20,C2,phan_anh,no,archived,,Lê Thị Dung,Ấp Dung Hòa,Phản ánh tiếng ồn,
CSV
run_dv o e import letters db letters.csv || { fail "import letters: $(cat e)"; finish; }
# an audit entry of the import must not copy the names either
rid() { sqlite3 db "select r.id from records r join units u on u.id=r.unit_id where r.register='letters' and u.code='$1' and json_extract(r.data,'\$.kind')='$2'"; }
ID_AN=$(rid C1 khieu_nai)
ID_BINH=$(rid C1 to_cao)
ID_CUONG=$(rid D kien_nghi)
ID_DUNG=$(rid C2 phan_anh)
[ -n "$ID_AN" ] && [ -n "$ID_BINH" ] && [ -n "$ID_CUONG" ] && [ -n "$ID_DUNG" ] && ok || { fail "the imported letters not found in the records table"; finish; }
if sqlite3 db "select data, fold from records" | grep -qiE 'Nguyễn Văn An|Trần Thị Bình|nguyen van an|tran thi binh'; then
  fail "a sender's name is stored in the public record data or its search text"
else ok; fi

# CLI exports: the district's leaves C1's senders empty; C1's own holds them
run_dv xd.csv e export letters db --unit D || fail "export --unit D: $(cat e)"
if grep -qE 'Nguyễn Văn An|Thôn Đông An|Trần Thị Bình|Xóm Bình Yên|Lê Thị Dung' xd.csv; then
  fail "CLI export of D shows the sender of a commune's letter: $(cat xd.csv)"
else ok; fi
grep -q 'Phạm Văn Cường' xd.csv && ok || fail "CLI export of D lacks the sender of D's own letter"
grep -c '^2023-0[2-5]' xd.csv | grep -qx 4 && ok || fail "CLI export of D: expected 4 letters: $(cat xd.csv)"
run_dv xc.csv e export letters db --unit C1 || fail "export --unit C1: $(cat e)"
grep -q 'Nguyễn Văn An,Thôn Đông An' xc.csv && ok || fail "CLI export of C1 lacks its own sender: $(cat xc.csv)"
run_dv xt.csv e export letters db --unit T || fail "export --unit T: $(cat e)"
if grep -qE 'Nguyễn Văn An|Trần Thị Bình|Phạm Văn Cường|Lê Thị Dung' xt.csv; then fail "CLI export of T shows a sender"; else ok; fi

# ---------------- the server ----------------
start_server db

check "senders' visibility over HTTP" python3 - "$BASE" "$ID_AN" "$ID_BINH" "$ID_CUONG" "$ID_DUNG" <<'PY'
import json, sqlite3, sys, urllib.parse
from dvtest import bad, err, Client
base, id_an, id_binh, id_cuong, id_dung = sys.argv[1:6]
req = Client(base, timeout=10).req

def text_of(hdrs, data):
    """the body as text; JSON re-dumped without \\u escapes so names can be searched"""
    t = data.decode("utf-8", "replace")
    if "json" in hdrs.get("content-type", ""):
        try: t = json.dumps(json.loads(t), ensure_ascii=False)
        except Exception as e: err(f"not JSON: {e}: {t[:200]!r}")
    return t

def login(user):
    st, hdrs, data = req("POST", "/api/session", json.dumps({"login": user, "password": f"pass-{user}-123"}))
    ck = hdrs.get("set-cookie", "")
    if st != 200 or not ck.startswith("dv_session="):
        err(f"login {user}: HTTP {st} {data[:200]!r}"); return None
    return ck.split(";")[0]

def private_reads():
    con = sqlite3.connect("db")
    n = con.execute("select count(*) from audit where action='private.read'").fetchone()[0]
    con.close()
    return n

# the sender of each letter and its content (private as well), and a public value of it that
# readers of the unit must see (the day it was received; on a record page as dd/mm/yyyy)
AN, BINH, CUONG, DUNG = "Nguyễn Văn An", "Trần Thị Bình", "Phạm Văn Cường", "Lê Thị Dung"
ADDR = {AN: "Thôn Đông An", BINH: "Xóm Bình Yên", CUONG: "Phố Cường Thịnh", DUNG: "Ấp Dung Hòa"}
CONTENT = {AN: "Khiếu nại về đền bù đất đai", BINH: "Tố cáo sai phạm quản lý chợ",
           CUONG: "Kiến nghị sửa đường huyện", DUNG: "Phản ánh tiếng ồn"}
PUBLIC = {AN: "2023-02-01", BINH: "2023-03-05", CUONG: "2023-04-10", DUNG: "2023-05-20"}
def vn_date(name): y, m, d = PUBLIC[name].split("-"); return f"{d}/{m}/{y}"

def api(unit): return "/api/registers/letters?" + urllib.parse.urlencode({"unit": unit, "period": "2023S1"})
def page(unit): return "/r/letters?" + urllib.parse.urlencode({"unit": unit, "period": "2023S1"})
def export(unit): return "/r/letters/export.csv?" + urllib.parse.urlencode({"unit": unit, "period": "2023S1"})

# without a session
st, _, data = req("GET", api("C1"))
if st != 401: err(f"GET {api('C1')} without a session: HTTP {st}, expected 401")

# the API must exist (it may still be missing while the web part is written)
users = {u: login(u) for u in ("c1off", "c1off2", "c1view", "c1appr", "c2off", "doff", "tadmin")}
st, _, data = req("GET", api("C1"), cookie=users["c1off"])
if st == 404:
    err(f"GET {api('C1')}: 404 — the registers API is not there")

UNIT_OF = {AN: "C1", BINH: "C1", CUONG: "D", DUNG: "C2"}
UNDER = {"T": {"T", "D", "C1", "C2"}, "D": {"D", "C1", "C2"}, "C1": {"C1"}, "C2": {"C2"}}

ID = {AN: id_an, BINH: id_binh, CUONG: id_cuong, DUNG: id_dung}

def expect(user, path, status, shows, hides, what, listed=None, marker=lambda name: PUBLIC[name]):
    """GET path as user: the status; the senders in shows appear, those in hides do not; every
    letter in listed is there (its marker: by default its public text) when 200"""
    ck = users[user]
    if not ck: return
    before = private_reads()
    st, hdrs, data = req("GET", path, cookie=ck)
    if st != status:
        err(f"{user} GET {path} ({what}): HTTP {st}, expected {status} {data[:160]!r}")
        return
    t = text_of(hdrs, data)
    for name in shows:
        if name not in t or ADDR[name] not in t or CONTENT[name] not in t:
            err(f"{user} GET {path} ({what}): the sender {name} (or the letter's content) is not shown")
    for name in hides:
        for s in (name, ADDR[name], CONTENT[name]):
            if s in t: err(f"{user} GET {path} ({what}): the sender's '{s}' is shown")
    if status == 200:
        for name in listed or []:
            if marker(name) not in t: err(f"{user} GET {path} ({what}): the letter '{marker(name)}' is missing")
    else:
        for name in PUBLIC:
            for s in (PUBLIC[name], vn_date(name)):
                if s in t: err(f"{user} GET {path} ({what}): HTTP {st} shows the letter '{s}'")
    after = private_reads()
    if shows and after <= before: err(f"{user} GET {path} ({what}): the read of a sender left no private.read audit entry")
    if not shows and after != before: err(f"{user} GET {path} ({what}): private.read logged although no sender was shown")

for kind, url in (("API", api), ("list page", page), ("web CSV export", export)):
    def lst(unit, user, status, shows, hides, what):
        listed = [n for n, u in UNIT_OF.items() if u in UNDER[unit]]
        if kind == "list page":
            # the list page shows no sender to anyone (nor the content): each letter is there
            # as a link to its record page
            expect(user, url(unit), status, [], shows + hides, f"{kind}: {what}", listed,
                   lambda name: f'href="/r/letters/{ID[name]}')
        else:
            expect(user, url(unit), status, shows, hides, f"{kind}: {what}", listed)
    # the receiving unit: its handling officer sees both; another officer and the approver
    # see the complaint's sender only; the viewer none
    lst("C1", "c1off", 200, [AN, BINH], [], "C1 officer, handler of the denunciation")
    lst("C1", "c1off2", 200, [AN], [BINH], "another C1 officer")
    lst("C1", "c1appr", 200, [AN], [BINH], "C1 approver")
    lst("C1", "c1view", 200, [], [AN, BINH], "C1 viewer")
    # another commune: 403, nothing shown
    lst("C1", "c2off", 403, [], [AN, BINH], "C2 officer asks for C1")
    # the district: C1's letters listed without senders; its own letter with its sender
    lst("C1", "doff", 200, [], [AN, BINH], "D officer (parent) asks for C1")
    lst("D", "doff", 200, [CUONG], [AN, BINH, DUNG], "D officer, the whole district")
    # the province's admin: never a sender of a unit below
    lst("T", "tadmin", 200, [], [AN, BINH, CUONG, DUNG], "T admin, the whole province")

# record pages
def rec(user, i, name, status, shown, what):
    expect(user, f"/r/letters/{i}", status, [name] if shown else [], [] if shown else [name], what, [name], vn_date)
rec("c1off", id_an, AN, 200, True, "record page of the complaint, C1 officer")
rec("c1appr", id_an, AN, 200, True, "record page of the complaint, C1 approver")
rec("c1view", id_an, AN, 200, False, "record page of the complaint, C1 viewer")
rec("doff", id_an, AN, 200, False, "record page of the complaint, D officer")
rec("tadmin", id_an, AN, 200, False, "record page of the complaint, T admin")
rec("c2off", id_an, AN, 403, False, "record page of the complaint, C2 officer")
rec("c1off", id_binh, BINH, 200, True, "record page of the denunciation, its handler")
rec("c1off2", id_binh, BINH, 200, False, "record page of the denunciation, another C1 officer")
rec("c1appr", id_binh, BINH, 200, False, "record page of the denunciation, C1 approver")
rec("c1view", id_binh, BINH, 200, False, "record page of the denunciation, C1 viewer")
rec("doff", id_cuong, CUONG, 200, True, "record page of D's letter, D officer")

# the audit log records reads of senders, never the names themselves
con = sqlite3.connect("db")
acts = [a for (a,) in con.execute("select action from audit")]
if "private.read" not in acts: err(f"no private.read entry in the audit: {sorted(set(acts))}")
dump = "\n".join(str(r) for r in con.execute("select * from audit"))
for name in (AN, BINH, CUONG, DUNG):
    if name in dump or ADDR[name] in dump or CONTENT[name] in dump: err(f"the audit log holds the sender data '{name}'")
who = {l for (l,) in con.execute("select login from audit where action='private.read'")}
if who - {"c1off", "c1off2", "c1appr", "doff", "(dòng lệnh)"}:   # (dòng lệnh): the CLI exports above
    err(f"private.read entries by users who may not read senders: {sorted(who)}")
con.close()
sys.exit(1 if bad else 0)
PY

check_server_end
finish
