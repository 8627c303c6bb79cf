/* Private to src/store: the small helpers every store file uses. */
#ifndef DV_STORE_INT_H
#define DV_STORE_INT_H
#include "store/store.h"
#include <sqlite3.h>

/* records the connection's error in e; returns DV_EDB */
int store_fail(store *s, dv_err *e, const char *what);
/* a prepared statement, or NULL (logged) */
sqlite3_stmt *store_prep(store *s, const char *sql);
/* binds text, or NULL for v NULL */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* a column's text, malloc'd, or NULL */
char *store_col_dup(sqlite3_stmt *st, int i);
/* a column's text into out ("" for NULL) */
void store_col_copy(sqlite3_stmt *st, int i, char *out, size_t n);
/* ends a read loop: finalizes st; 0 if the last step was SQLITE_DONE (every row read), else
 * store_fail naming what (a failed prepare, st NULL, is an error too, never "no rows") */
int store_scan_end(store *s, sqlite3_stmt *st, int last_step, const char *what, dv_err *e);
/* steps a write statement once and finalizes it: 0, or store_fail naming what */
int store_step_done(store *s, sqlite3_stmt *st, const char *what, dv_err *e);
#endif
