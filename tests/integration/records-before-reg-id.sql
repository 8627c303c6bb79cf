-- The records table as danvan made it before records.reg (up to commit e813fdb): the
-- register's code in every row and, as text, first in the index. Run with sqlite3 on a
-- database of the current layout, it gives the same records in the old layout, for
-- test_records_migrate.sh. The CREATE statements are the old ones, word for word.
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE records_old(id INTEGER PRIMARY KEY, register TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id), day INTEGER NOT NULL, data TEXT NOT NULL, fold TEXT NOT NULL, created_by INTEGER, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
INSERT INTO records_old SELECT id, register, unit_id, day, data, fold, created_by, created_at, updated_at FROM records ORDER BY id;
DROP TABLE records;
ALTER TABLE records_old RENAME TO records;
CREATE INDEX records_reg_unit_day ON records(register, unit_id, day);
DROP TABLE registers;
COMMIT;
