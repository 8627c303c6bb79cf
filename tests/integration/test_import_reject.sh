#!/usr/bin/env bash
# Imports are strict and all-or-nothing: each kind of bad file fails with exit status ≠ 0,
# a message naming the line and the field, and leaves the database byte-for-byte unchanged
# (compared as `sqlite3 DB .dump`). Good files import, also with a UTF-8 BOM, CRLF line
# endings and quoted fields holding commas and newlines, and their counts show in the
# reports of every period that contains them.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }

cd "$W" || exit 1
if ! run_dv init.out init.err init db --demo; then
  fail "init --demo failed: $(cat init.err)"
  finish
fi
pristine_db

# expect_reject KIND LINE FIELD DESCRIPTION < csv-text (lib.sh)
#   FIELD may be empty when the error is about the whole line (field count, CSV syntax).

DH='date,unit,type,chair,title,participants'
GOOD1='2023-03-15,31,dinh_ky,cap_uy,Đối thoại định kỳ về chỉnh trang đô thị,120'
GOOD2='2023-04-02,303,chuyen_de,chinh_quyen,"Đối thoại chuyên đề về giải phóng mặt bằng, tái định cư",45'
GOOD3='2023-05-20,11329,dot_xuat,dong_chu_tri,Đối thoại đột xuất về ô nhiễm môi trường,'

# ---------------- dialogues ----------------
printf 'date,unit,type,chair,title\n2023-03-15,31,dinh_ky,cap_uy,X\n' |
  expect_reject dialogues 1 participants "missing column"
printf '%s,remarks\n%s,ghi chú\n' "$DH" "$GOOD1" |
  expect_reject dialogues 1 remarks "unknown column"
printf '%s\n%s\n' "unit,date,type,chair,title,participants,title" "31,2023-03-15,dinh_ky,cap_uy,X,1,Y" |
  expect_reject dialogues 1 title "duplicated column"
printf '%s\n%s\n2023-03-15,99999,dinh_ky,cap_uy,X,1\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 unit "unknown unit code"
printf '%s\n2023-03-15,,dinh_ky,cap_uy,X,1\n' "$DH" |
  expect_reject dialogues 2 unit "empty unit code"
printf '%s\n%s\n2023-02-29,31,dinh_ky,cap_uy,X,1\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 date "date that does not exist (2023-02-29)"
printf '%s\n2023-04-31,31,dinh_ky,cap_uy,X,1\n' "$DH" |
  expect_reject dialogues 2 date "date that does not exist (2023-04-31)"
for d in 2023-3-15 15/03/2023 2023-13-01 2023-03-15T10:00 20230315 "" "2023-03-1x"; do
  printf '%s\n%s\n%s,31,dinh_ky,cap_uy,X,1\n' "$DH" "$GOOD1" "$d" |
    expect_reject dialogues 3 date "malformed date '$d'"
done
printf '%s\n2023-03-15,31,abc,cap_uy,X,1\n' "$DH" |
  expect_reject dialogues 2 type "bad enum type=abc"
printf '%s\n2023-03-15,31,Dinh_ky,cap_uy,X,1\n' "$DH" |
  expect_reject dialogues 2 type "enum is case-sensitive type=Dinh_ky"
printf '%s\n2023-03-15,31,dinh_ky,xyz,X,1\n' "$DH" |
  expect_reject dialogues 2 chair "bad enum chair=xyz"
printf '%s\n2023-03-15,31,dinh_ky,,X,1\n' "$DH" |
  expect_reject dialogues 2 chair "empty chair"
for p in 12a -3 1.5 " 7" 1e3 abc; do
  printf '%s\n%s\n2023-03-15,31,dinh_ky,cap_uy,X,%s\n' "$DH" "$GOOD1" "$p" |
    expect_reject dialogues 3 participants "non-integer participants '$p'"
done
printf '%s\n2023-03-15,31,dinh_ky,cap_uy,,1\n' "$DH" |
  expect_reject dialogues 2 title "empty title"
printf '%s\n%s\n%s\n%s\n2023-05-02,31,dinh_ky,chu_tich,X,3\n%s\n%s\n' "$DH" "$GOOD1" "$GOOD2" "$GOOD3" "$GOOD1" "$GOOD2" |
  expect_reject dialogues 5 chair "bad row in the middle of good rows"
printf '%s\n%s\n2023-03-16,31,dinh_ky,cap_uy,"Đối thoại chưa đóng nháy,5\n2023-03-17,31,dinh_ky,cap_uy,X,5\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 "" "malformed CSV: unterminated quote"
printf '%s\n%s\n2023-03-16,31,dinh_ky,cap_uy,Tiêu "đề" sai,5\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 "" "malformed CSV: quote inside an unquoted field"
printf '%s\n%s\n2023-03-16,31,dinh_ky,cap_uy,X\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 "" "too few fields"
printf '%s\n%s\n2023-03-16,31,dinh_ky,cap_uy,X,5,extra\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 "" "too many fields"
printf '%s\n%s\n2023-03-16,31,dinh_ky,cap_uy,\xff\xfe bad,5\n' "$DH" "$GOOD1" |
  expect_reject dialogues 3 "" "invalid UTF-8"

# ---------------- values ----------------
VH='element,combo,period,unit,value'
VGOOD='fs_docs,default,2023S1,31,5'
printf '%s\n' 'element,combo,period,value' 'fs_docs,default,2023S1,5' |
  expect_reject values 1 unit "missing column"
printf '%s,note\n%s,x\n' "$VH" "$VGOOD" |
  expect_reject values 1 note "unknown column"
printf '%s\n%s\nno_such_element,default,2023S1,31,5\n' "$VH" "$VGOOD" |
  expect_reject values 3 element "unknown element"
printf '%s\n%s\ndialogues,cap_uy,2023S1,31,5\n' "$VH" "$VGOOD" |
  expect_reject values 3 combo "combo not used by the element"
printf '%s\n%s\ndialogues,dinh_ky.no_such,2023S1,31,5\n' "$VH" "$VGOOD" |
  expect_reject values 3 combo "unknown combo"
for p in 2023S3 2023Q5 202313 23S1 2023s1 ""; do
  printf '%s\n%s\nfs_docs,default,%s,31,5\n' "$VH" "$VGOOD" "$p" |
    expect_reject values 3 period "bad period '$p'"
done
printf '%s\n%s\nfs_docs,default,2023S1,99999,5\n' "$VH" "$VGOOD" |
  expect_reject values 3 unit "unknown unit"
for v in abc 12a 1.5 -2; do
  printf '%s\n%s\nfs_docs,default,2023S1,303,%s\n' "$VH" "$VGOOD" "$v" |
    expect_reject values 3 value "text in an integer cell '$v'"
done
printf '%s\n%s\nfs_docs,default,2023S1,303,7\nfs_docs,default,2023S1,304,x\nfs_docs,default,2023S1,305,8\n' "$VH" "$VGOOD" |
  expect_reject values 4 value "bad row in the middle of good rows"
printf '%s\n%s\nfs_docs,default,2023S1\n' "$VH" "$VGOOD" |
  expect_reject values 3 "" "too few fields"

# ---------------- units ----------------
UH='code,name,type,level,parent_code'
printf '%s\n' 'code,name,level,parent_code' '99001,Xã Thử,3,303' |
  expect_reject units 1 type "missing column"
printf '%s,population\n99001,Xã Thử,Xã,3,303,1000\n' "$UH" |
  expect_reject units 1 population "unknown column"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,Xã Mồ Côi,Xã,3,88888\n' "$UH" |
  expect_reject units 3 parent_code "parent that does not exist"
printf '%s\n99001,Xã Thử,Xã,3,303\n303,Quận Trùng Mã,Quận,2,31\n' "$UH" |
  expect_reject units 3 code "duplicate of an existing code"
printf '%s\n99001,Xã Thử,Xã,3,303\n99001,Xã Thử Hai,Xã,3,303\n' "$UH" |
  expect_reject units 3 code "duplicate code within the file"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,Xã Sai Cấp,Xã,2,303\n' "$UH" |
  expect_reject units 3 level "level not parent+1 (2 under a level-2 unit)"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,Xã Sai Cấp,Xã,4,303\n' "$UH" |
  expect_reject units 3 level "level not parent+1 (4 under a level-2 unit)"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,Xã Sai Cấp,Xã,ba,303\n' "$UH" |
  expect_reject units 3 level "non-integer level"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,,Xã,3,303\n' "$UH" |
  expect_reject units 3 name "empty name"
printf '%s\n99001,Xã Thử,Xã,3,303\n99002,Xã Thử,Xã,3\n' "$UH" |
  expect_reject units 3 "" "too few fields"

# ---------------- documents ----------------
DOH='kind,symbol,date,unit,issued_by,summary,fields,period'
DGOOD='CV,901-CV/TU,2023-06-01,31,cap_uy,"Công văn về tổ chức đối thoại, tiếp dân",dan_van_chinh_quyen,'
printf '%s\n' 'kind,symbol,date,unit,issued_by,summary,period' 'CV,901-CV/TU,2023-06-01,31,cap_uy,X,' |
  expect_reject documents 1 fields "missing column"
printf '%s,signer\n%s,X\n' "$DOH" "$DGOOD" |
  expect_reject documents 1 signer "unknown column"
printf '%s\n%s\nCV,902-CV/TU,2023-02-29,31,cap_uy,X,khac,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 date "date that does not exist"
printf '%s\n%s\nCV,902-CV/TU,01/06/2023,31,cap_uy,X,khac,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 date "malformed date"
printf '%s\n%s\nCV,902-CV/TU,2023-06-01,99999,cap_uy,X,khac,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 unit "unknown unit"
printf '%s\n%s\nXX,902-XX/TU,2023-06-01,31,cap_uy,X,khac,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 kind "bad enum kind"
printf '%s\n%s\nCV,902-CV/TU,2023-06-01,31,thanh_uy,X,khac,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 issued_by "bad enum issued_by"
printf '%s\n%s\nCV,902-CV/TU,2023-06-01,31,cap_uy,X,kinh_te,\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 fields "bad enum fields"
printf '%s\n%s\nCV,902-CV/TU,2023-06-01,31,cap_uy,X,khac,2023S3\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 period "bad period"
printf '%s\n%s\nCV,902-CV/TU,2023-06-01,31,cap_uy,X,khac\n' "$DOH" "$DGOOD" |
  expect_reject documents 3 "" "too few fields"

# ---------------- good imports ----------------
# cell FORM PERIOD UNIT ROW COL : one cell of a JSON report (row by label, column 1-based)
cell() {
  "$DV" report db --form "$1" --period "$2" --unit "$3" --format json |
    python3 -c '
import json, sys
d = json.load(sys.stdin)
row, col = sys.argv[1], int(sys.argv[2])
for r in d["rows"]:
    if r["label"] == row:
        print(json.dumps(r["values"][col - 1])); break
else:
    print("NO-ROW")' "$4" "$5"
}
expect_cell() { # FORM PERIOD UNIT ROW COL WANT
  local got
  got=$(cell "$1" "$2" "$3" "$4" "$5")
  if [ "$got" = "$6" ]; then ok; else
    fail "$1 $2 unit $3 row '$4' column $5: got $got, expected $6"
  fi
}

# before: the city has no định kỳ / cấp ủy dialogue in any period
for p in 2023S1 2023 2023Q1 202303 2023C9 2023S2 2023Q2; do
  expect_cell bieu-5 "$p" 31 "Thành phố" 1 null
done
expect_cell bieu-5 2023S1 31 "Cộng" 13 196

printf '%s\n%s\n' "$DH" "$GOOD1" >good1.csv
if run_dv g.out g.err import dialogues db good1.csv; then ok; else fail "good dialogue import failed: $(cat g.err)"; fi
expect_cell bieu-5 2023S1 31 "Thành phố" 1 1
expect_cell bieu-5 2023S1 31 "Thành phố" 4 1
expect_cell bieu-5 2023S1 31 "Thành phố" 13 6
expect_cell bieu-5 2023S1 31 "Cộng" 1 4
expect_cell bieu-5 2023S1 31 "Cộng" 13 197
for p in 2023 2023Q1 202303 2023C9; do
  expect_cell bieu-5 "$p" 31 "Thành phố" 1 1
done
for p in 2023S2 2023Q2 202304 2022 2024; do
  expect_cell bieu-5 "$p" 31 "Thành phố" 1 null
done

# BOM + CRLF + quoted fields with embedded commas, quotes and newlines; optional columns
TITLE_A='Đối thoại chuyên đề về "chợ tạm", bãi đỗ xe
và trật tự đô thị'
CONC_A='Thống nhất: (1) công khai phương án, (2) hỗ trợ di dời'
python3 - "$TITLE_A" "$CONC_A" >good2.csv <<'PY'
import sys
title, conc = sys.argv[1], sys.argv[2]
def q(s): return '"' + s.replace('"', '""') + '"'
rows = [
    "date,unit,type,chair,title,participants,issues,conclusions",
    ",".join(["2023-04-03", "31", "chuyen_de", "cap_uy", q(title), "80", q("Ý kiến về phí, lệ phí"), q(conc)]),
    ",".join(["2023-04-04", "31", "chuyen_de", "cap_uy", "Đối thoại về môi trường", "", "", ""]),
]
# records end in CRLF; the line break inside the quoted title is a bare LF, as
# spreadsheet programs write it
text = "\ufeff" + "\r\n".join(rows) + "\r\n"
sys.stdout.buffer.write(text.encode("utf-8"))
PY
if run_dv g.out g.err import dialogues db good2.csv; then ok; else fail "BOM/CRLF/quoted dialogue import failed: $(cat g.err)"; fi
expect_cell bieu-5 2023S1 31 "Thành phố" 5 2
expect_cell bieu-5 2023S1 31 "Cộng" 13 199
# the texts are stored verbatim (a multi-line title keeps its newline, no CR, no BOM)
check "quoted multi-line fields stored verbatim" python3 - db "$TITLE_A" "$CONC_A" <<'PY'
import json, sqlite3, sys
db, want = sys.argv[1], sys.argv[2:]
con = sqlite3.connect(db)
found = set()
for (t,) in con.execute("select name from sqlite_master where type='table'"):
    for row in con.execute(f'select * from "{t}"'):
        for v in row:
            if isinstance(v, str):
                texts = [v]
                if v.startswith("{"):  # register records keep their fields as a JSON object
                    try: texts += [x for x in json.loads(v).values() if isinstance(x, str)]
                    except ValueError: pass
                for w in want:
                    if w in texts: found.add(w)
                if "\r" in v and ("Đối thoại" in v or "Thống nhất" in v):
                    print(f"  a CR survived in {t}: {v!r}"); sys.exit(1)
missing = [w for w in want if w not in found]
for m in missing: print(f"  not stored verbatim: {m!r}")
sys.exit(1 if missing else 0)
PY

# values: an aggregate value shows in Biểu 6 and in the total
expect_cell bieu-6 2023S1 31 "Thành phố" 2 null
printf '%s\r\n%s\r\n' "$VH" "$VGOOD" >goodv.csv
if run_dv g.out g.err import values db goodv.csv; then ok; else fail "good values import failed: $(cat g.err)"; fi
expect_cell bieu-6 2023S1 31 "Thành phố" 2 5
expect_cell bieu-6 2023S1 31 "Tổng" 2 911

# documents: Biểu 4 grows from 24 to 25 rows, in date order
printf '%s\n%s\n' "$DOH" "$DGOOD" >goodd.csv
if run_dv g.out g.err import documents db goodd.csv; then ok; else fail "good documents import failed: $(cat g.err)"; fi
check "Biểu 4 lists the imported document" python3 -c '
import json, subprocess, sys
d = json.loads(subprocess.run([sys.argv[1], "report", "db", "--form", "bieu-4", "--period", "2023S1", "--unit", "31",
                               "--format", "json"], capture_output=True, check=True).stdout)
rows = d["rows"]
hits = [r for r in rows if "901-CV/TU" in r["values"][1]]
if len(rows) != 25 or len(hits) != 1 or hits[0]["values"][3] != "01/06/2023":
    print(f"  bieu-4: {len(rows)} rows, new document: {hits}"); sys.exit(1)
' "$DV"

# units: a commune under Quận Hồng Bàng, then a dialogue in it counts at the commune level
printf '%s\n99001,Xã Thử Nghiệm,Xã,3,303\n' "$UH" >goodu.csv
if run_dv g.out g.err import units db goodu.csv; then ok; else fail "good units import failed: $(cat g.err)"; fi
printf '%s\n2023-02-10,99001,dot_xuat,chinh_quyen,Đối thoại tại xã thử nghiệm,30\n' "$DH" >goodu2.csv
if run_dv g.out g.err import dialogues db goodu2.csv; then ok; else fail "dialogue in the new unit failed: $(cat g.err)"; fi
expect_cell bieu-5 2023S1 303 "Xã, phường" 10 2
expect_cell bieu-5 2023S1 31 "Xã, phường" 10 56
expect_cell bieu-5 2023S1 31 "Cộng" 13 200
expect_cell bieu-5 2023S1 99001 "Cộng" 13 1

finish
