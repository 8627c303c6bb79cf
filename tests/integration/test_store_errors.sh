#!/usr/bin/env bash
# A database read that fails is an error, never "no rows" (issue 15, item 3): the model's
# loads (units, level names, hand-entered values) read through store_scan_end, and
# app_model_load stops at the first that fails. A database whose level_names or data_values
# table lost a column (a damaged file, a wrong hand edit) makes `danvan report` fail with a
# message naming the table, instead of printing an annex from an empty model; the intact copy
# still reports.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1
printf 'code,name,type,level,parent_code\nP,Tỉnh Lỗi,Tỉnh,1,\nC1,Xã Một,Xã,2,P\n' >units.csv
printf 'element,combo,period,unit,value\nfs_count,default,2023S1,C1,3\n' >values.csv
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "units: $(cat e)"; finish; }
run_dv o e import values db values.csv || { fail "values: $(cat e)"; finish; }
run_dv o e report db --form bieu-6 --period 2023S1 --unit P --format json || fail "the intact database: $(cat e)"

# damaged TABLE COLUMN NEW : a copy with the column renamed must fail naming the table
damaged() {
  cp db "$1.db"
  sqlite3 "$1.db" "ALTER TABLE $1 RENAME COLUMN $2 TO $3" || { fail "sqlite3 could not rename $1.$2"; return; }
  if run_dv o e report "$1.db" --form bieu-6 --period 2023S1 --unit P --format json; then
    fail "a report from a database whose $1 lost its column $2 printed: $(head -c 200 o)"
  elif ! grep -q "danvan: .*($1)" e; then
    fail "the refusal does not name $1: $(cat e)"
  elif [ -s o ]; then
    fail "the refusal printed something on stdout: $(head -c 200 o)"
  else ok; fi
}
damaged data_values num numx
damaged level_names short shortx
finish
