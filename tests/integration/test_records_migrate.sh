#!/usr/bin/env bash
# A database made before records.reg (the register's integer id, which the records index
# now starts with) opens: the first open moves its records to the new layout in one
# transaction and loses nothing. The old layout is made from the demo by
# records-before-reg-id.sql (the old CREATE statements); an attachment, a stage event and
# the letters' personal data hang on the records. After the move: the new columns and
# index, one id per register, every record, personal datum, attachment and event as before
# (same ids), every annex and register export as before, foreign keys and integrity ok; an
# import and a second open work on the moved database.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }

cd "$W" || exit 1
if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
sqlite3 db "INSERT INTO attachments(record_id, name, type, size, sha256, data)
              SELECT id, 'a.pdf', 'application/pdf', 3, 'ba7816bf', X'616263' FROM records
              WHERE register = 'documents' ORDER BY id LIMIT 1;
            INSERT INTO record_events(record_id, day, login, from_stage, to_stage, comment)
              SELECT id, 19500, 'admin', 'registered', 'appraising', 'thẩm định' FROM records
              WHERE register = 'models' ORDER BY id LIMIT 1;"

REGS=$("$DV" registers db list | cut -f1)
# state : everything the move must keep, as text
state() {
  sqlite3 db "SELECT id, register, unit_id, day, data, fold, created_by, created_at, updated_at FROM records ORDER BY id;
              SELECT * FROM record_private ORDER BY record_id;
              SELECT id, record_id, name, type, size, sha256, hex(data) FROM attachments ORDER BY id;
              SELECT * FROM record_events ORDER BY id;"
}
# outputs DIR : every annex of the city for two periods and every register's export
outputs() {
  mkdir -p "$1"
  for f in 1 2 3 4 5 6 7; do
    for p in 2023S1 2023; do
      "$DV" report db --form "bieu-$f" --period "$p" --unit 31 --format json >"$1/bieu-$f-$p.json" 2>>"$1/err" ||
        fail "report bieu-$f $p: $(cat "$1/err")"
    done
  done
  for r in $REGS; do
    "$DV" export "$r" db --format csv --out "$1/$r.csv" 2>>"$1/err" || fail "export $r: $(cat "$1/err")"
  done
}
outputs before
state >state-before.txt
check "the demo has records, personal data, an attachment and an event" \
  test "$(sqlite3 db "SELECT (SELECT count(*) FROM records) > 1000 AND (SELECT count(*) FROM record_private) > 0
                      AND (SELECT count(*) FROM attachments) = 1 AND (SELECT count(*) FROM record_events) = 1")" = 1

# ---------------- the old layout ----------------
if ! sqlite3 db <"$HERE/records-before-reg-id.sql" 2>e; then fail "records-before-reg-id.sql: $(cat e)"; finish; fi
check "the old layout: no reg column, no registers table, the index on the register's text" \
  test "$(sqlite3 db "SELECT (SELECT count(*) FROM pragma_table_info('records') WHERE name = 'reg'),
                             (SELECT count(*) FROM sqlite_schema WHERE name = 'registers'),
                             (SELECT group_concat(name) FROM pragma_index_info('records_reg_unit_day'))")" = \
  "0|0|register,unit_id,day"
check "the old layout holds the same records" diff -q state-before.txt <(state)

# ---------------- the first open moves it ----------------
if ! run_dv o e report db --form bieu-5 --period 2023S1 --unit 31 --format json; then
  fail "the first open of the old layout: $(cat e)"
fi
check "no error is printed on the first open" test ! -s e
check "the new layout: reg, the registers table, the index on (reg, unit_id, day)" \
  test "$(sqlite3 db "SELECT (SELECT count(*) FROM pragma_table_info('records') WHERE name = 'reg'),
                             (SELECT count(*) FROM sqlite_schema WHERE name = 'records_new'),
                             (SELECT group_concat(name) FROM pragma_index_info('records_reg_unit_day'))")" = \
  "1|0|reg,unit_id,day"
check "one id for each register of the records" \
  test "$(sqlite3 db "SELECT (SELECT count(DISTINCT register) FROM records) = (SELECT count(*) FROM registers)")" = 1
check "every record's id names its register" \
  test "$(sqlite3 db "SELECT count(*) FROM records r LEFT JOIN registers g ON g.id = r.reg
                      WHERE g.code IS NOT r.register")" = 0
check "records, personal data, attachment and event kept, with their ids" diff state-before.txt <(state)
check "foreign keys hold" test -z "$(sqlite3 db "PRAGMA foreign_key_check")"
check "integrity" test "$(sqlite3 db "PRAGMA integrity_check")" = ok
outputs after
for f in before/*.json before/*.csv; do
  check "same output after the move: ${f#before/}" cmp -s "$f" "after/${f#before/}"
done

# ---------------- the moved database works on ----------------
n0=$(sqlite3 db "SELECT count(*) FROM records WHERE register = 'dialogues'")
cat >more.csv <<'CSV'
date,unit,type,chair,title,participants
2023-03-01,31,dinh_ky,cap_uy,Đối thoại sau chuyển đổi,12
2023-03-02,31,chuyen_de,chinh_quyen,"Đối thoại thứ hai, sau chuyển đổi",
CSV
if run_dv o e import dialogues db more.csv; then ok; else fail "import after the move: $(cat e)"; fi
check "the import added two dialogues under the register's id" \
  test "$(sqlite3 db "SELECT count(*) FROM records WHERE reg = (SELECT id FROM registers WHERE code = 'dialogues')")" = \
  $((n0 + 2))
if run_dv o e report db --form bieu-5 --period 2023S1 --unit 31 --format json; then ok; else
  fail "a second open: $(cat e)"
fi
check "the second open printed nothing" test ! -s e
check "no registers were added twice" \
  test "$(sqlite3 db "SELECT count(*), count(DISTINCT code) FROM registers" | tr '|' ' ' | awk '{print ($1 == $2)}')" = 1
finish
