#!/usr/bin/env bash
# Dialogue conclusions (issue 4): each belongs to an existing dialogue (dialogue_date +
# dialogue_unit); it is overdue when not done and "today" is past its due date. "Today" is
# injected with `danvan config DB clock.today YYYY-MM-DD` while the server runs.
#   - imports are strict and all-or-nothing: a conclusion of a dialogue that does not exist,
#     done_date or due before the dialogue's date, done without done_date, an unknown unit or
#     status fail the whole file, naming the file, the line and the field;
#   - GET /api/registers/conclusions gives every record its "due" and "overdue"; the flag
#     flips the day after the due date (not on it), for open and in-progress conclusions
#     (also in progress with a done_date), never for done ones (done late included);
#   - the list page /r/conclusions marks exactly the overdue rows ("Quá hạn"), the record page
#     too, and the responsible unit's home page lists its open conclusions (also of a
#     dialogue held above it) with the overdue ones marked;
#   - marking a conclusion done through the API clears its flag; a done_date before the
#     dialogue or a dialogue that does not exist is refused (400, naming the field).
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
P,Tỉnh Kết Luận,Tỉnh,1,
D1,Huyện Đôn Đốc,Huyện,2,P
D2,Huyện Khác,Huyện,2,P
C11,Xã Đối Thoại,Xã,3,D1
C12,Xã Chịu Trách Nhiệm,Xã,3,D1
C21,Xã Huyện Khác,Xã,3,D2
CSV
cat >dialogues.csv <<'CSV'
date,unit,type,chair,title,participants
2023-01-15,P,dinh_ky,cap_uy,Đối thoại của tỉnh với doanh nghiệp,120
2023-02-10,C11,chuyen_de,chinh_quyen,Đối thoại về giải phóng mặt bằng,45
2023-05-05,D1,dot_xuat,dong_chu_tri,Đối thoại về ô nhiễm môi trường,60
CSV
HDR=dialogue_date,dialogue_unit,content,responsible_unit,due,status,done_date
cat >conclusions.csv <<CSV
$HDR
2023-02-10,C11,K1 Công khai phương án bồi thường,C11,2023-03-10,open,
2023-02-10,C11,K2 Rà soát diện tích đất,C11,2023-03-10,in_progress,
2023-02-10,C11,K3 Trả lời bằng văn bản,C11,2023-03-10,done,2023-03-01
2023-02-10,C11,K4 Tổ chức đo đạc lại,C11,2023-03-10,done,2023-04-01
2023-01-15,P,K5 Xã Chịu Trách Nhiệm hỗ trợ doanh nghiệp,C12,2023-06-30,open,
2023-05-05,D1,K6 Kiểm tra cơ sở gây ô nhiễm ngay trong ngày,D1,2023-05-05,in_progress,
2023-01-15,P,K7 Xã Huyện Khác rà soát thủ tục,C21,2023-12-31,open,
2023-02-10,C11,K8 Đang làm dù đã ghi ngày,C11,2023-03-10,in_progress,2023-02-20
CSV

if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
# conclusions before their dialogues: refused (the dialogue does not exist yet)
if run_dv o e import conclusions db conclusions.csv; then
  fail "conclusions imported before their dialogues exist"
else
  grep -q 'dòng 2' e && grep -q 'dialogue_date' e && ok || fail "conclusions without dialogues: unclear message: $(cat e)"
fi
if ! run_dv o e import dialogues db dialogues.csv; then fail "import dialogues: $(cat e)"; finish; fi
if run_dv o e import conclusions db conclusions.csv; then ok; else fail "import conclusions: $(cat e)"; finish; fi

# strict, all-or-nothing: a good row first, then the bad one (line 3)
GOOD="2023-02-10,C11,Dòng tốt đứng trước,C11,2023-03-31,open,"
reject() { # NAME FIELD WHY ROW
  printf '%s\n%s\n%s\n' "$HDR" "$GOOD" "$4" >"$1.csv"
  local before after
  before=$("$DV" export conclusions db | wc -l)
  if run_dv o e import conclusions db "$1.csv"; then
    fail "import of a conclusion with $3 was accepted"
  elif ! grep -q "^danvan: $1.csv" e || ! grep -q 'dòng 3' e || ! grep -qF "\"$2\"" e; then
    fail "import of a conclusion with $3: the message does not name $1.csv, line 3 and field \"$2\": $(cat e)"
  else ok; fi
  after=$("$DV" export conclusions db | wc -l)
  [ "$before" = "$after" ] && ok || fail "a refused import ($3) changed the register: $before → $after lines"
}
reject nodialog dialogue_date "a dialogue date that has no dialogue" "2023-02-11,C11,Không có đối thoại ngày này,C11,2023-03-10,open,"
reject wrongunit dialogue_date "a dialogue held by another unit" "2023-02-10,C12,Xã Một Hai không đối thoại ngày này,C12,2023-03-10,open,"
reject donebefore done_date "done_date before the dialogue" "2023-02-10,C11,Hoàn thành trước khi đối thoại,C11,2023-03-10,done,2023-02-09"
reject duebefore due "due before the dialogue" "2023-02-10,C11,Hạn trước ngày đối thoại,C11,2023-02-01,open,"
reject nodonedate done_date "done without done_date" "2023-02-10,C11,Xong mà không có ngày,C11,2023-03-10,done,"
reject badunit responsible_unit "an unknown responsible unit" "2023-02-10,C11,Đơn vị không có,X99,2023-03-10,open,"
reject badstatus status "the computed overdue as a status" "2023-02-10,C11,Quá hạn không phải là tình trạng,C11,2023-03-10,overdue,"
reject baddue due "a due date that does not exist" "2023-02-10,C11,Ngày không có,C11,2023-02-30,open,"

# ---------------- the server ----------------
add_user p_admin P admin
add_user c11_off C11 officer
add_user c12_off C12 officer
run_dv o e config db clock.today 2023-03-09 || fail "config clock.today: $(cat e)"

# One server process runs throughout: it picks up a clock.today set by the command line on its
# next request (LIVE_CLOCK=0 restarts it after each change instead).
LIVE_CLOCK=${LIVE_CLOCK:-1}
pick_port

check "overdue conclusions by the injected clock" python3 - "$PORT" "$DV" "$W" "$LIVE_CLOCK" <<'PY'
import atexit, html, json, re, subprocess, sys, time
from dvtest import bad, err, Client
port, dv, w, live = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"

SERVER = [None]
def stop():
    p = SERVER[0]
    if p and p.poll() is None:
        p.terminate()
        try: p.wait(10)
        except subprocess.TimeoutExpired: p.kill(); p.wait()
        if p.returncode != 0: err(f"the server exited with status {p.returncode} after SIGTERM")
    SERVER[0] = None
atexit.register(stop)

def start():
    log = open(f"{w}/serve.log", "a")
    SERVER[0] = subprocess.Popen([dv, "serve", f"{w}/db", "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    for _ in range(100):
        if SERVER[0].poll() is not None: break
        try:
            if Client(port, timeout=2).req("GET", "/healthz")[0] == 200: return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server did not answer /healthz within 10 s: {open(f'{w}/serve.log').read()[-2000:]}")
start()

HTTP = Client(port)
admin, c11, c12 = HTTP.login("p_admin"), HTTP.login("c11_off"), HTTP.login("c12_off")

def records():
    st, _, data = admin.get("/api/registers/conclusions?unit=P&limit=500")
    if st != 200: raise SystemExit(f"GET /api/registers/conclusions: HTTP {st} {data[:200]!r}")
    return {r["values"]["content"].split()[0]: r for r in json.loads(data)["records"]}

R = records()
if sorted(R) != [f"K{i}" for i in range(1, 9)]:
    raise SystemExit(f"unexpected conclusions listed: {sorted(R)}")
ID = {k: r["id"] for k, r in R.items()}

def set_clock(day):
    p = subprocess.run([dv, "config", f"{w}/db", "clock.today", day], capture_output=True, text=True)
    if p.returncode: err(f"config clock.today {day}: {p.stderr.strip()}")
    if not live:     # sessions live in the database: the cookies stay valid
        stop(); start()

def expect_overdue(today):
    """the conclusions' own fields → which are overdue on that day"""
    out = {}
    for k, r in records().items():
        v = r["values"]
        out[k] = v["status"] != "done" and today > v["due"]
    return out

def late_rows(page):
    """the first words of the content cells of the list page's rows marked late, and of the others"""
    s = page.decode("utf-8", "replace")
    body = s[s.find("<tbody>"):s.find("</tbody>")] if "<tbody>" in s else ""
    late, other = set(), set()
    for tr in re.findall(r"<tr[^>]*>.*?</tr>", body, re.S):
        m = re.search(r"\b(K\d)\b", html.unescape(re.sub(r"<[^>]+>", " ", tr)))
        if not m: continue
        marked = 'class="late"' in tr.split(">", 1)[0] or "Quá hạn" in tr
        (late if marked else other).add(m.group(1))
    return late, other

def check_day(today, note=""):
    set_clock(today)
    want = expect_overdue(today)
    got = records()
    for k in sorted(got):
        r = got[k]
        if r.get("due") != r["values"]["due"]:
            err(f"{today}: {k} has due {r.get('due')!r}, its due field is {r['values']['due']!r}")
        if r.get("overdue") is not want[k]:
            err(f"{today}{note}: {k} ({r['values']['status']}, due {r['values']['due']}) overdue={r.get('overdue')!r}, "
                f"expected {want[k]}")
    # the list page marks exactly the overdue rows
    st, _, page = admin.get("/r/conclusions?unit=P&period=")
    if st != 200:
        err(f"{today}: GET /r/conclusions: HTTP {st}")
    else:
        late, other = late_rows(page)
        wl = {k for k, v in want.items() if v}
        if late != wl or other != set(want) - wl:
            err(f"{today}: the list page marks {sorted(late)} late (shows {sorted(other)} unmarked), expected {sorted(wl)}")
    # the record page of one overdue and one not
    for k in ("K1", "K3"):
        st, _, page = admin.get(f"/r/conclusions/{ID[k]}")
        shown = "Quá hạn" in html.unescape(page.decode("utf-8", "replace"))
        if st != 200 or shown != want[k]:
            err(f"{today}: the record page of {k}: HTTP {st}, 'Quá hạn' shown={shown}, expected {want[k]}")
    return want

# before, on, after the due dates
w1 = check_day("2023-03-09")
if any(w1.values()): err(f"test error: something overdue on 2023-03-09: {w1}")
w2 = check_day("2023-03-10", " (the due day itself)")
if any(w2.values()): err(f"test error: something overdue on the due day: {w2}")
w3 = check_day("2023-03-11")
if sorted(k for k, v in w3.items() if v) != ["K1", "K2", "K8"]:
    err(f"2023-03-11: expected K1, K2 (open, in progress) and K8 (in progress with a date) overdue, got {w3}")
w4 = check_day("2023-05-06")
if not w4.get("K6"): err("2023-05-06: K6 (due 2023-05-05) not expected overdue")
# the responsible commune's home page: K5 of a dialogue of the province, not yet late
def home_conclusions(user):
    """the conclusions section of the user's home page (empty when there is none)"""
    st, _, page = user.get("/")
    sec = page.decode("utf-8", "replace")
    sec = sec[sec.find('id="conclusions"'):] if 'id="conclusions"' in sec else ""
    return sec[:sec.find("</section>")]
sec = home_conclusions(c12)
if "K5" not in sec: err("the home page of C12 does not list K5 (C12 is responsible, the dialogue was the province's)")
elif "Quá hạn" in sec: err("the home page of C12 marks K5 overdue before its due date")
w5 = check_day("2023-07-01")
if not w5.get("K5"): err("2023-07-01: K5 (due 2023-06-30) not expected overdue")
sec = home_conclusions(c12)
if "K5" not in sec or "Quá hạn" not in sec: err("after its due date the home page of C12 does not mark K5 overdue")
for k in ("K3", "K4"):
    if w5.get(k): err(f"test error: done {k} expected overdue")

# marking K1 done through the API clears its flag; K2 cannot be done before its dialogue
st, _, data = c11.api("POST", f"/api/registers/conclusions/{ID['K1']}", {"status": "done", "done_date": "2023-06-15",
                                                                  "result": "Đã niêm yết công khai"})
if st != 200: err(f"c11_off marks K1 done: HTTP {st} {data[:200]!r}")
st, _, data = c11.api("POST", f"/api/registers/conclusions/{ID['K2']}", {"status": "done", "done_date": "2023-02-01"})
try: body = json.loads(data)
except Exception: body = {}
if st != 400 or body.get("field") != "done_date":
    err(f"K2 done before its dialogue (2023-02-10): HTTP {st} {body or data[:200]!r}, expected 400 naming done_date")
st, _, data = c11.api("POST", "/api/registers/conclusions", {"dialogue_date": "2023-02-11", "dialogue_unit": "C11",
                                                      "content": "Không có đối thoại", "responsible_unit": "C11",
                                                      "due": "2023-03-10", "status": "open"})
try: body = json.loads(data)
except Exception: body = {}
if st != 400 or body.get("field") != "dialogue_date":
    err(f"a conclusion of a dialogue that does not exist through the API: HTTP {st} {body or data[:200]!r}, "
        f"expected 400 naming dialogue_date")
w6 = check_day("2023-07-01", " (after K1 was done)")
if w6.get("K1") or not w6.get("K2"): err(f"after K1 was done: K1 must not be overdue, K2 still must: {w6}")
# after every due date: all but the done ones
w7 = check_day("2024-01-01")
if sorted(k for k, v in w7.items() if v) != ["K2", "K5", "K6", "K7", "K8"]:
    err(f"2024-01-01: overdue {sorted(k for k, v in w7.items() if v)}, expected K2 K5 K6 K7 K8")
# back in time: the flags follow the clock both ways
check_day("2023-03-09", " (the clock set back)")

if SERVER[0] is None or SERVER[0].poll() is not None: err("the server is not running at the end")
stop()
sys.exit(1 if bad else 0)
PY

check_serve_log
finish
