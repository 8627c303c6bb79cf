#!/usr/bin/env bash
# Register round trip (issue 3): for each register, a file imported into a fresh database
# (a small tree from a units CSV), exported with --unit ROOT, imported into a second fresh
# database with the same units and exported again gives byte-identical exports; the stored
# records are the same, and the reports (Biểu 1, 2, 4, 6, 7 as JSON) of the two databases
# are equal. Letters: an export of the receiving unit holds its senders; an export of the
# unit above it leaves the private columns (sender, content; models: the person) of that
# unit's records empty (and its own filled).
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
R,Tỉnh Khứ Hồi,Tỉnh,1,
D1,Huyện Đông,Huyện,2,R
D2,Huyện Tây,Huyện,2,R
C11,Xã Đông Một,Xã,3,D1
C12,Xã Đông Hai,Xã,3,D1
C21,Xã Tây Một,Xã,3,D2
CSV

fresh() { # DB : a new database with the tree
  run_dv o e init "$1" || { fail "init $1: $(cat e)"; return 1; }
  run_dv o e import units "$1" units.csv || { fail "import units into $1: $(cat e)"; return 1; }
}

# The input files: several units and levels, several periods, the same day twice, empty
# optional values, texts with commas, quotes, line breaks, leading/trailing spaces and a
# decomposed (NFD) Vietnamese word (stored NFC), columns in an unusual order.
python3 - <<'PY'
import unicodedata
nfd = unicodedata.normalize("NFD", "Nghị quyết về dân vận")
files = {
"documents": [
    "fields,kind,symbol,date,unit,issued_by,summary,period",
    'dan_toc;ton_giao,NQ,08-NQ/TU,2023-02-10,R,cap_uy,"Nghị quyết về công tác dân vận, ""dân vận khéo""",',
    f'khac,NQ,09-NQ/TU,2023-02-10,R,cap_uy,{nfd},',
    'dan_van_chinh_quyen,HD,12-HD/BDVTU,2023-04-15,R,ban_dan_van,"Hướng dẫn nhiều dòng:\n- một\n- hai",',
    'mttq_ctxh;khac,QD,05-QĐ/BCĐ,2023-03-01,D1,cap_uy,  Quyết định có khoảng trắng  ,',
    'dan_toc,DA,3-ĐA/ĐU,2022-12-20,C11,ban_dan_van,Đề án tính vào kỳ 2023S1,2023S1',
    'khac,CV,1462-CV/HU,2023-08-01,D2,cap_uy,Công văn 6 tháng cuối năm,',
    'ton_giao,BC,77-BC/ĐU,2022-11-11,C21,cap_uy,Báo cáo năm trước,',
],
"conferences": [
    "date,unit,chaired_by,title,participants",
    "2023-01-12,R,cap_uy,Hội nghị quán triệt,250",
    '2023-01-12,D1,ban_dan_van,"Tập huấn, khóa 1",',
    "2023-05-30,C11,cap_uy,Hội nghị tuyên truyền ở xã,0",
    "2023-09-09,D2,cap_uy,Hội nghị quý III,40",
],
"inspections": [
    "kind,date,unit,conducted_by,subject,party_orgs,party_members,conclusion",
    'kiem_tra,2023-02-14,R,cap_uy,Kiểm tra quy chế dân chủ,4,20,"Kết luận: tốt,\ncần ""phát huy"""',
    "giam_sat,2023-03-20,D1,ban_dan_van,Giám sát công tác tôn giáo,2,0,",
    "kiem_tra,2023-06-30,C12,cap_uy,Kiểm tra chi bộ,1,7,",
    "giam_sat,2023-06-30,D2,cap_uy,Giám sát đảng viên,0,3,Đạt",
],
"letters": [
    "received,unit,kind,eligible,status,resolved,sender_name,sender_address,jurisdiction,senders,content,handler",
    '2023-01-05,C11,khieu_nai,yes,resolved,2023-02-01,Nguyễn Văn An,"Thôn 1, Xã Đông Một",yes,1,Khiếu nại đất đai,',
    "2023-02-11,C11,to_cao,no,archived,,Trần Thị Bình,Xóm 2,,,,",
    '2023-03-17,D1,kien_nghi,yes,handling,,Phạm Văn Cường,"Số 5, phố Huyện",no,12,"Kiến nghị chung, nhiều người",',
    "2023-03-18,R,phan_anh,yes,resolved,2023-07-02,Lê Thị Dung,Tỉnh lộ 1,,,,",
    "2023-04-01,C21,phan_anh,yes,classified,,,,,,,",
],
"receptions": [
    "date,unit,people,head_present",
    "2023-01-15,R,12,yes",
    "2023-02-15,D2,0,",
    "2023-03-15,C12,5,no",
    "2023-03-15,C12,6,yes",
],
"supervisions": [
    "date,unit,subject,documents_reviewed,recommendations,accepted",
    "2023-02-01,R,Giám sát chính sách,10,6,6",
    "2023-03-01,D1,Giám sát cải cách hành chính,,4,1",
    "2023-04-01,C11,Giám sát nông thôn mới,2,0,0",
    "2023-05-01,D2,Giám sát không ghi số liệu,,,",
],
"criticisms": [
    "date,unit,form,drafts,recommendations,accepted,subject",
    "2023-02-20,R,hoi_nghi,,15,9,Phản biện quy hoạch",
    "2023-03-20,D1,gui_du_thao,3,8,8,",
    "2023-04-20,C21,gui_du_thao,1,0,0,\"Dự thảo, lần 2\"",
    "2023-11-20,C12,hoi_nghi,0,2,1,",
],
}
for reg, lines in files.items():
    with open(f"in_{reg}.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(lines) + "\n")
PY

REGS="documents conferences inspections letters receptions supervisions criticisms"
fresh db1 || finish
fresh db2 || finish
for reg in $REGS; do
  if run_dv o e import "$reg" db1 "in_$reg.csv"; then ok; else fail "[$reg] import of the input file: $(cat e)"; continue; fi
  if run_dv "x1_$reg.csv" e export "$reg" db1 --unit R; then ok; else fail "[$reg] export from db1: $(cat e)"; continue; fi
  if run_dv o e import "$reg" db2 "x1_$reg.csv"; then ok; else fail "[$reg] import of the export into db2: $(cat e)"; continue; fi
  if run_dv "x2_$reg.csv" e export "$reg" db2 --unit R; then ok; else fail "[$reg] export from db2: $(cat e)"; continue; fi
  if cmp -s "x1_$reg.csv" "x2_$reg.csv"; then ok; else
    fail "[$reg] the two exports differ:"
    diff "x1_$reg.csv" "x2_$reg.csv" | head -10 >&2
  fi
  # a third generation (the export of db2 into db3) changes nothing either
  fresh "db3_$reg" || continue
  if run_dv o e import "$reg" "db3_$reg" "x2_$reg.csv" && run_dv "x3_$reg.csv" e export "$reg" "db3_$reg" --unit R; then
    cmp -s "x1_$reg.csv" "x3_$reg.csv" && ok || fail "[$reg] the third export differs from the first"
  else fail "[$reg] third generation: $(cat e)"; fi
done

# the export is the import format: a header of the register's columns, one line per record,
# every input record exactly once, values as imported (NFC, trimmed)
check "exports hold every record, in the import format" python3 - $REGS <<'PY'
import csv, sys, unicodedata
bad = []
for reg in sys.argv[1:]:
    with open(f"in_{reg}.csv", encoding="utf-8", newline="") as fh:
        inp = list(csv.DictReader(fh))
    with open(f"x1_{reg}.csv", encoding="utf-8", newline="") as fh:
        text = fh.read()
        fh.seek(0)
        out = list(csv.DictReader(fh))
    if text.startswith("\ufeff"):
        bad.append(f"{reg}: the export starts with a BOM")
    # the private fields (registers/*.reg) are not exported above the unit that recorded them
    private = {"letters": ("sender_name", "sender_address", "content"), "models": ("person_name", "position")}
    def norm(r):
        d = {k: unicodedata.normalize("NFC", (v or "").strip()) for k, v in r.items()}
        if d["unit"] != "R":
            for k in private.get(reg, ()):
                if k in d: d[k] = ""
        return d
    want = sorted(tuple(sorted(norm(r).items())) for r in inp)
    # the export may have more optional columns: compare on the input's columns, the others empty
    extra = set(out[0].keys()) - set(inp[0].keys()) if out else set()
    for r in out:
        for k in extra:
            if r[k] != "": bad.append(f"{reg}: column {k} not in the input but '{r[k]}' in the export")
    got = sorted(tuple(sorted((k, v) for k, v in r.items() if k in inp[0])) for r in out)
    if got != want:
        bad.append(f"{reg}: exported records differ from the input:\n    got  {got}\n    want {want}")
    dates = [r.get("date") or r.get("received") for r in out]
    # oldest first (documents: by the day that places them in periods, so not checked)
    if reg != "documents" and dates != sorted(dates):
        bad.append(f"{reg}: export not oldest first: {dates}")
for b in bad: print("  " + b)
sys.exit(1 if bad else 0)
PY

# the stored records of db1 and db2 are the same (apart from the private fields of the
# units under the root, which the root's export does not carry)
check "db1 and db2 hold the same records" python3 - <<'PY'
import sqlite3, sys
def rows(path):
    con = sqlite3.connect(path)
    out = []
    for reg, code, day, data, fold, priv in con.execute(
            "select r.register, u.code, r.day, r.data, r.fold, p.data from records r join units u on u.id = r.unit_id"
            " left join record_private p on p.record_id = r.id"):
        if reg in ("letters", "models") and code != "R":   # the registers with private fields
            priv = None
        out.append((reg, code, day, data, fold, priv or ""))
    return sorted(out)
a, b = rows("db1"), rows("db2")
if a != b:
    for x in sorted(set(a) ^ set(b))[:8]: print("  only in one:", x)
    sys.exit(1)
if len(a) != 7 + 4 + 4 + 5 + 4 + 4 + 4:
    print(f"  {len(a)} records in db1"); sys.exit(1)
PY

# reports of the two databases are equal
for form in bieu-1 bieu-2 bieu-4 bieu-6 bieu-7; do
  for unit in R D1 D2 C11 C12; do
    for period in 2023S1 2023S2 2023 2022; do
      a=$("$DV" report db1 --form "$form" --period "$period" --unit "$unit" --format json 2>&1)
      b=$("$DV" report db2 --form "$form" --period "$period" --unit "$unit" --format json 2>&1)
      if [ "$a" = "$b" ] && [ -n "$a" ]; then ok; else
        fail "$form $period $unit: reports of db1 and db2 differ:"
        diff <(echo "$a") <(echo "$b") | head -6 >&2
      fi
    done
  done
done
# and they are not trivially empty
v=$("$DV" report db2 --form bieu-1 --period 2023S1 --unit R --format json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["values"][6])')
[ "$v" = 3 ] && ok || fail "db2 Biểu 1 2023S1 R: documents total is '$v', expected 3 (2 of R + 1 of D1)"

# ---------------- letters: who sees the sender in an export ----------------
# sender NAME ADDRESS of the letter of UNIT received on DATE in export FILE
sender_of() {
  python3 - "$@" <<'PY'
import csv, sys
f, unit, date = sys.argv[1:4]
with open(f, encoding="utf-8", newline="") as fh:
    rows = [r for r in csv.DictReader(fh) if r["unit"] == unit and r["received"] == date]
print("|".join(f'{r["sender_name"]}#{r["sender_address"]}' for r in rows) if rows else "NO-ROW")
PY
}
expect_sender() { # EXPORT-UNIT LETTER-UNIT DATE WANT
  local got
  run_dv xl.csv e export letters db1 --unit "$1" || { fail "export letters --unit $1: $(cat e)"; return; }
  got=$(sender_of xl.csv "$2" "$3")
  if [ "$got" = "$4" ]; then ok; else
    fail "export letters --unit $1: the letter of $2 received $3 has sender '$got', expected '$4'"
  fi
}
expect_sender C11 C11 2023-01-05 'Nguyễn Văn An#Thôn 1, Xã Đông Một'
expect_sender C11 C11 2023-02-11 'Trần Thị Bình#Xóm 2'
expect_sender D1 C11 2023-01-05 '#'
expect_sender D1 C11 2023-02-11 '#'
expect_sender D1 D1 2023-03-17 'Phạm Văn Cường#Số 5, phố Huyện'
expect_sender R C11 2023-01-05 '#'
expect_sender R D1 2023-03-17 '#'
expect_sender R R 2023-03-18 'Lê Thị Dung#Tỉnh lộ 1'
expect_sender D2 C11 2023-01-05 'NO-ROW'
# no export of a unit above the receiving one holds a sender's name anywhere in its text
for u in D1 R; do
  run_dv xl.csv e export letters db1 --unit "$u"
  if grep -qE 'Nguyễn Văn An|Trần Thị Bình|Thôn 1|Xóm 2' xl.csv; then fail "export --unit $u shows a sender of C11"; else ok; fi
done
# the senders are kept apart from the public data, in the database too
if sqlite3 db1 "select data, fold from records where register='letters'" | grep -qE 'Nguyễn Văn An|Thôn 1|nguyen van an'; then
  fail "a sender's identity is stored in the public record data or its search text"
else ok; fi
# an export without --unit is the root's
run_dv xa.csv e export letters db1 && cmp -s xa.csv x1_letters.csv && ok || fail "export letters without --unit differs from --unit R"
# --period filters by the register's date (received): only 2023Q1 letters
run_dv xq.csv e export letters db1 --unit R --period 2023Q1 || fail "export --period: $(cat e)"
n=$(($(wc -l <xq.csv) - 1))
[ "$n" = 4 ] && ok || fail "export letters --period 2023Q1: $n rows, expected 4"

finish
