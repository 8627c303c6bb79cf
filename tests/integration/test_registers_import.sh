#!/usr/bin/env bash
# Register imports (issue 3) are strict and all-or-nothing, for each of the seven registers:
# a good file imports (header in any order, optional columns may be absent); then each kind of
# bad file fails with exit status ≠ 0, a message naming the line ("dòng N") and the field, and
# leaves the database byte-for-byte unchanged (compared as `sqlite3 DB .dump`): a missing
# required column, an unknown column, an unknown unit, a date that does not exist, a bad
# enumeration value, a non-integer count, a `check` rule broken within the record, a
# `require` rule broken, the documents' symbol rules and field set, and a bad row after good
# rows (nothing of the file is written).
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }

cd "$W" || exit 1
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
cat >units.csv <<'CSV'
code,name,type,level,parent_code
T1,Tỉnh Thử Nghiệm,Tỉnh,1,
H1,Huyện Một,Huyện,2,T1
H2,Huyện Hai,Huyện,2,T1
X11,Xã Một Một,Xã,3,H1
X12,Xã Một Hai,Xã,3,H1
X21,Xã Hai Một,Xã,3,H2
CSV
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi

nrecords() { sqlite3 db "select count(*) from records where register='$1'"; }

# ---------------- good imports, one per register ----------------
# good REGISTER WANT_ROWS < csv-text : the file imports and adds WANT_ROWS records
G=0
good() {
  local reg=$1 want=$2 before after
  G=$((G + 1))
  cat >"good$G.csv"
  before=$(nrecords "$reg")
  if run_dv "good$G.out" "good$G.err" import "$reg" db "good$G.csv"; then ok; else
    fail "[$reg] good import $G failed: $(cat "good$G.err")"
    return
  fi
  after=$(nrecords "$reg")
  if [ $((after - before)) = "$want" ]; then ok; else
    fail "[$reg] good import $G added $((after - before)) records, expected $want"
  fi
}

good documents 3 <<'CSV'
kind,symbol,date,unit,issued_by,summary,fields
NQ,08-NQ/TU,2023-02-10,T1,cap_uy,"Nghị quyết về công tác dân vận, dân tộc",dan_toc;ton_giao
QD,05-QĐ/BCĐ,2023-03-01,H1,cap_uy,Quyết định thành lập ban chỉ đạo,khac
HD,12-HD/BDVTU,2023-04-15,T1,ban_dan_van,Hướng dẫn dân vận chính quyền,dan_van_chinh_quyen;mttq_ctxh
CSV
# columns in another order, the optional period present
good documents 1 <<'CSV'
period,fields,summary,issued_by,unit,date,symbol,kind
2023S1,khac,"Đề án ""dân vận khéo""",ban_dan_van,X11,2022-12-20,3-ĐA/ĐU,DA
CSV
good conferences 3 <<'CSV'
date,unit,chaired_by,title,participants
2023-01-12,T1,cap_uy,Hội nghị quán triệt Nghị quyết,250
2023-02-02,H2,ban_dan_van,"Tập huấn nghiệp vụ dân vận, khóa 1",
2023-05-30,X21,cap_uy,Hội nghị tuyên truyền,0
CSV
# the contract's columns in another order; an optional value left empty
good conferences 1 <<'CSV'
title,unit,participants,date,chaired_by
Hội nghị không ghi số người,H1,,2023-03-03,cap_uy
CSV
good inspections 3 <<'CSV'
kind,date,unit,conducted_by,subject,party_orgs,party_members
kiem_tra,2023-02-14,T1,cap_uy,Kiểm tra thực hiện quy chế dân chủ,4,20
giam_sat,2023-03-20,H1,ban_dan_van,Giám sát công tác tôn giáo,2,0
kiem_tra,2023-06-30,X12,cap_uy,Kiểm tra chi bộ,1,7
CSV
good inspections 1 <<'CSV'
party_members,party_orgs,subject,conducted_by,unit,date,kind,conclusion
3,1,Giám sát đảng viên,cap_uy,H2,2023-04-04,giam_sat,"Kết luận: tốt,
cần phát huy"
CSV
good letters 3 <<'CSV'
received,unit,kind,eligible,status,resolved,sender_name,sender_address
2023-01-05,X11,khieu_nai,yes,resolved,2023-02-01,Nguyễn Văn An,"Thôn 1, Xã Một Một"
2023-02-11,H1,to_cao,no,archived,,Trần Thị Bình,Số 2 phố Huyện
2023-03-17,T1,kien_nghi,yes,handling,,,
CSV
# empty sender columns, with other optional ones
good letters 1 <<'CSV'
unit,received,kind,eligible,status,resolved,sender_name,sender_address,jurisdiction,senders,content,handler
X21,2023-04-01,phan_anh,yes,classified,,,,no,3,Phản ánh về ô nhiễm,
CSV
good receptions 3 <<'CSV'
date,unit,people
2023-01-15,T1,12
2023-02-15,H2,0
2023-03-15,X12,5
CSV
good receptions 1 <<'CSV'
people,head_present,unit,date
7,yes,H1,2023-04-15
CSV
good supervisions 3 <<'CSV'
date,unit,subject,documents_reviewed,recommendations,accepted
2023-02-01,T1,Giám sát thực hiện chính sách,10,6,6
2023-03-01,H1,Giám sát cải cách hành chính,,4,1
2023-04-01,X11,Giám sát xây dựng nông thôn mới,2,0,0
CSV
good supervisions 1 <<'CSV'
subject,unit,date,documents_reviewed,recommendations,accepted
Giám sát không ghi số liệu,H2,2023-05-01,,,
CSV
good criticisms 3 <<'CSV'
date,unit,form,drafts,recommendations,accepted
2023-02-20,T1,hoi_nghi,,15,9
2023-03-20,H1,gui_du_thao,3,8,8
2023-04-20,X21,gui_du_thao,1,0,0
CSV
good criticisms 1 <<'CSV'
accepted,recommendations,form,unit,date,subject,drafts
2,5,hoi_nghi,X12,2023-05-05,Phản biện dự thảo quy hoạch,
CSV

pristine_db

# ---------------- bad files ----------------
# expect_reject REGISTER LINE FIELD DESCRIPTION [MESSAGE-FRAGMENT] < csv-text (lib.sh)

# missing_column REGISTER HEADER GOOD-ROW COLUMN : the header without COLUMN (a required one)
# and the row without its value
missing_column() {
  local reg=$1 hdr=$2 good=$3 drop=$4
  python3 - "$hdr" "$good" "$drop" >"miss.csv" <<'PY'
import csv, io, sys
hdr, row, drop = sys.argv[1].split(","), next(csv.reader([sys.argv[2]])), sys.argv[3]
k = hdr.index(drop)
del hdr[k], row[k]
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(hdr); w.writerow(row)
sys.stdout.write(out.getvalue())
PY
  expect_reject "$reg" 1 "$drop" "missing required column $drop" <miss.csv
}

# common_cases REGISTER HEADER GOOD-ROW : the cases every register shares (the row's unit is T1)
common_cases() {
  local reg=$1 hdr=$2 good=$3
  printf '%s,remarks\n%s,ghi chú\n' "$hdr" "$good" |
    expect_reject "$reg" 1 remarks "unknown column"
  printf '%s,unit\n%s,T1\n' "$hdr" "$good" |
    expect_reject "$reg" 1 unit "repeated column" "lặp lại"
  printf '%s\n%s\n%s\n' "$hdr" "$good" "${good/,T1,/,Z99,}" |
    expect_reject "$reg" 3 unit "unknown unit Z99"
  printf '%s\n%s\n%s\n' "$hdr" "$good" "${good/,T1,/,,}" |
    expect_reject "$reg" 3 unit "empty unit"
  printf '%s\n%s\n%s,extra\n' "$hdr" "$good" "$good" |
    expect_reject "$reg" 3 "" "too many fields"
}

# with_field HEADER ROW FIELD VALUE : the row with FIELD set to VALUE (CSV-quoted as needed)
with_field() {
  python3 - "$@" <<'PY'
import csv, io, sys
hdr, row = sys.argv[1].split(","), next(csv.reader([sys.argv[2]]))
for name, value in zip(sys.argv[3::2], sys.argv[4::2]):
    row[hdr.index(name)] = value
out = io.StringIO()
csv.writer(out, lineterminator="").writerow(row)
sys.stdout.write(out.getvalue())
PY
}

# bad REGISTER LINE-IN-FILE FIELD DESC FIELD=VALUE... [-- MESSAGE-FRAGMENT]
#   a file: header, (LINE-2) good rows, the row with the overrides, then one more good row
bad() {
  local reg=$1 line=$2 field=$3 desc=$4
  shift 4
  local hdr=${HDR[$reg]} gd=${GOOD[$reg]} frag= args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then frag=$2; break; fi
    args+=("${1%%=*}" "${1#*=}")
    shift
  done
  local row
  row=$(with_field "$hdr" "$gd" "${args[@]}")
  {
    echo "$hdr"
    for _ in $(seq 3 "$line"); do echo "$gd"; done
    echo "$row"
    echo "$gd"
  } | expect_reject "$reg" "$line" "$field" "$desc" "$frag"
}

declare -A HDR GOOD
HDR[documents]='kind,symbol,date,unit,issued_by,summary,fields,period'
GOOD[documents]='CV,901-CV/TU,2023-06-01,T1,cap_uy,"Công văn về tiếp dân, đối thoại",dan_van_chinh_quyen,'
HDR[conferences]='date,unit,chaired_by,title,participants'
GOOD[conferences]='2023-03-15,T1,cap_uy,Hội nghị tập huấn,120'
HDR[inspections]='kind,date,unit,conducted_by,subject,party_orgs,party_members,conclusion'
GOOD[inspections]='kiem_tra,2023-03-15,T1,cap_uy,Kiểm tra dân vận,2,15,'
HDR[letters]='received,unit,kind,eligible,status,resolved,sender_name,sender_address,jurisdiction,senders,content,handler'
GOOD[letters]='2023-03-15,T1,khieu_nai,yes,resolved,2023-03-20,Lê Văn Cường,Thôn 3,yes,1,Khiếu nại về đất đai,'
HDR[receptions]='date,unit,people,head_present'
GOOD[receptions]='2023-03-15,T1,25,yes'
HDR[supervisions]='date,unit,subject,documents_reviewed,recommendations,accepted'
GOOD[supervisions]='2023-03-15,T1,Giám sát thực hiện chính sách,4,6,5'
HDR[criticisms]='date,unit,form,drafts,recommendations,accepted,subject'
GOOD[criticisms]='2023-03-15,T1,gui_du_thao,2,6,5,Phản biện dự thảo'

# the good row of each register really is good (else every case below would prove nothing)
for reg in documents conferences inspections letters receptions supervisions criticisms; do
  printf '%s\n%s\n' "${HDR[$reg]}" "${GOOD[$reg]}" >probe.csv
  cp db probe.db
  if run_dv o e import "$reg" probe.db probe.csv; then ok; else fail "[$reg] the reference good row is rejected: $(cat e)"; fi
  rm -f probe.db probe.db-wal probe.db-shm
done

# --- documents
common_cases documents "${HDR[documents]}" "${GOOD[documents]}"
missing_column documents "${HDR[documents]}" "${GOOD[documents]}" summary
missing_column documents "${HDR[documents]}" "${GOOD[documents]}" symbol
bad documents 3 date "date that does not exist" date=2023-02-30
bad documents 2 date "malformed date" date=01/06/2023
bad documents 4 kind "bad enum kind" kind=XX symbol=902-XX/TU
bad documents 3 issued_by "bad enum issued_by" issued_by=thanh_uy
bad documents 3 symbol "kind of the symbol differs from kind (NQ vs 12-CT/TU)" kind=NQ symbol=12-CT/TU
bad documents 3 symbol "malformed symbol NQ/TU" kind=NQ symbol=NQ/TU
bad documents 3 symbol "malformed symbol 12-NQ" kind=NQ symbol=12-NQ
bad documents 3 symbol "malformed symbol a12-NQ/TU" kind=NQ symbol=a12-NQ/TU
bad documents 3 fields "bad fields member" fields='dan_toc;kinh_te'
bad documents 3 fields "fields member repeated" fields='dan_toc;dan_toc'
bad documents 3 fields "fields with an empty member" fields='dan_toc;'
bad documents 3 fields "empty fields (required)" fields=
bad documents 3 summary "empty summary (required)" summary=
bad documents 3 period "bad period" period=2023S3
bad documents 6 kind "bad row after good rows" kind=Nq

# --- conferences
common_cases conferences "${HDR[conferences]}" "${GOOD[conferences]}"
missing_column conferences "${HDR[conferences]}" "${GOOD[conferences]}" chaired_by
bad conferences 3 date "date that does not exist" date=2023-02-30
bad conferences 3 chaired_by "bad enum chaired_by" chaired_by=chinh_quyen
bad conferences 3 participants "non-integer participants 3a" participants=3a
bad conferences 3 participants "negative participants -1" participants=-1
bad conferences 3 title "empty title" title=
bad conferences 6 participants "bad row after good rows" participants=1.5

# --- inspections
common_cases inspections "${HDR[inspections]}" "${GOOD[inspections]}"
missing_column inspections "${HDR[inspections]}" "${GOOD[inspections]}" party_members
bad inspections 3 date "date that does not exist" date=2023-02-30
bad inspections 3 kind "bad enum kind" kind=thanh_tra
bad inspections 3 conducted_by "bad enum conducted_by" conducted_by=mttq
bad inspections 3 party_orgs "non-integer party_orgs 3a" party_orgs=3a
bad inspections 3 party_members "negative party_members -1" party_members=-1
bad inspections 3 party_orgs "empty party_orgs (required)" party_orgs=
bad inspections 5 kind "bad row after good rows" kind=Kiem_tra

# --- letters
common_cases letters "${HDR[letters]}" "${GOOD[letters]}"
missing_column letters "${HDR[letters]}" "${GOOD[letters]}" eligible
bad letters 3 received "date that does not exist" received=2023-02-30
bad letters 3 resolved "resolved date that does not exist" resolved=2023-02-30
bad letters 3 kind "bad enum kind" kind=khieu_kien
bad letters 3 status "bad enum status" status=closed
bad letters 3 eligible "bad yes/no eligible" eligible=co
bad letters 3 senders "non-integer senders 3a" senders=3a
bad letters 3 senders "negative senders -1" senders=-1
bad letters 3 resolved "check: resolved before received" received=2023-03-15 resolved=2023-03-14 -- "Ngày giải quyết không được trước ngày nhận"
bad letters 3 resolved "require: status resolved with an empty resolved date" status=resolved resolved=
bad letters 7 status "bad row after good rows" status=Resolved

# --- receptions
common_cases receptions "${HDR[receptions]}" "${GOOD[receptions]}"
missing_column receptions "${HDR[receptions]}" "${GOOD[receptions]}" people
bad receptions 3 date "date that does not exist" date=2023-02-30
bad receptions 3 head_present "bad yes/no head_present (receptions have no enum)" head_present=maybe
bad receptions 3 people "non-integer people 3a" people=3a
bad receptions 3 people "negative people -1" people=-1
bad receptions 3 people "empty people (required)" people=
bad receptions 4 people "bad row after good rows" people=" 4x"

# --- supervisions (no enumeration field)
common_cases supervisions "${HDR[supervisions]}" "${GOOD[supervisions]}"
missing_column supervisions "${HDR[supervisions]}" "${GOOD[supervisions]}" subject
bad supervisions 3 date "date that does not exist" date=2023-02-30
bad supervisions 3 documents_reviewed "non-integer documents_reviewed 3a" documents_reviewed=3a
bad supervisions 3 recommendations "negative recommendations -1" recommendations=-1
bad supervisions 3 accepted "non-integer accepted 1e3" accepted=1e3
bad supervisions 3 accepted "check: accepted > recommendations" recommendations=3 accepted=4 -- "không được nhiều hơn"
bad supervisions 5 accepted "bad row after good rows: accepted > recommendations" recommendations=0 accepted=1

# --- criticisms
common_cases criticisms "${HDR[criticisms]}" "${GOOD[criticisms]}"
missing_column criticisms "${HDR[criticisms]}" "${GOOD[criticisms]}" recommendations
bad criticisms 3 date "date that does not exist" date=2023-02-30
bad criticisms 3 form "bad enum form" form=hoi_thao
bad criticisms 3 drafts "non-integer drafts 3a" drafts=3a
bad criticisms 3 recommendations "negative recommendations -1" recommendations=-1
bad criticisms 3 accepted "non-integer accepted 2.5" accepted=2.5
bad criticisms 3 accepted "check: accepted > recommendations" recommendations=5 accepted=6 -- "không được nhiều hơn"
bad criticisms 3 drafts "require: gui_du_thao with empty drafts" form=gui_du_thao drafts=
bad criticisms 6 form "bad row after good rows" form=GUI_DU_THAO

# an unknown register
printf 'date,unit\n2023-03-15,T1\n' >unknown.csv
if run_dv o e import meetings db unknown.csv; then fail "import of an unknown register 'meetings' succeeded"; else ok; fi
dump_db db after.sql
cmp -s base.sql after.sql && ok || fail "an import of an unknown register changed the database"

# after all of that the good data is still there, exactly once
for reg in documents conferences inspections letters receptions supervisions criticisms; do
  n=$(nrecords "$reg")
  [ "$n" = 4 ] && ok || fail "[$reg] $n records after the bad imports, expected 4"
done

finish
