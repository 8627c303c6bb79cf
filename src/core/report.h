/* A computed annex: header paths and rows of cells, independent of the
 * output format (JSON, CSV, HTML, XLSX writers read this). */
#ifndef DV_REPORT_H
#define DV_REPORT_H
#include "core/cube.h"
#include "core/form.h"
#include "core/period.h"
#include "core/tree.h"
#include "core/view.h"
#include <stddef.h>

typedef enum { CELL_NULL, CELL_NUM, CELL_TEXT } cell_kind;

typedef struct rcell {
  cell_kind kind;
  double num;
  char *text; /* owned */
} rcell;

typedef struct rrow {
  char *label;   /* owned */
  int level;     /* for level rows: the level (drill-down target); 0 otherwise */
  int unit_pos;  /* for unit rows: the unit's position; -1 otherwise */
  int64_t record_id; /* for a list form's rows: the record listed; 0 otherwise */
  int is_total;
  rcell *cells;  /* ncols, owned */
} rrow;

typedef struct rtable {
  char *form, *title, *period, *unit_code, *unit_name, *row_header; /* owned */
  int ncols;
  int colnums;   /* the form's column numbering row: 0 none, 1 "1 2 3", 2 "01 02 03" */
  char ***paths; /* ncols header paths, each NULL-terminated, owned */
  int *depth;
  int nrows, caprows;
  rrow *rows;
  /* checks across records: a unit's hand-entered value that disagrees with
   * its records (records win; the value is shown so it can be fixed) */
  char **warnings; /* owned, at most REPORT_MAX_WARNINGS */
  int nwarnings, warnings_total;
  int errors;      /* validation rules of the form broken at error level (listed first among warnings) */
  struct rtable *compare; /* the same annex for another period on this one's tree, owned; NULL if none */
} rtable;

#define REPORT_MAX_WARNINGS 20

/* the unit's own text for a text or count_note cell, or NULL */
typedef const char *(*report_text_fn)(void *ctx, int element, int combo, int unit_pos);

typedef struct report_req {
  const catalog *cat;
  const form *f;
  const tree *t;
  const cube *c;
  int unit;            /* position */
  period p;
  int drill_level;     /* 0, or a level: rows are the units of that level */
  report_text_fn text;
  void *text_ctx;
  const period_cfg *cfg; /* reporting windows; NULL = calendar */
  int day;             /* the tree of this day (level names, which units are rows); 0 = the newest */
  const tview *view;   /* NULL: each unit counts its own work; else the units
                          of the period counted into their targets on `day` */
  const char *board;   /* {board} in the form's texts: the committee's board on `day`
                          ("Ban Dân vận"; from 1/7/2025 "Ban Tuyên giáo và Dân vận"); NULL = "Ban Dân vận" */
  unsigned kinds;      /* 0: every unit; else only the work of units of these kinds
                          (1 << unit_kind): the Front's view of an area */
} report_req;

/* 1 if the rule does not hold for those totals (blank on either side holds) */
int form_rule_broken(const form_rule *fr, double left, double right);
/* "message (1.865 > 9)" */
void form_rule_message(const form_rule *fr, double left, double right, char *out, size_t n);
/* fills headers and, for self and level forms, rows; list forms get headers only */
void report_compute(rtable *out, const report_req *r);
void rtable_release(rtable *t);
rrow *rtable_add_row(rtable *t, const char *label);
/* A merged cell of an annex's header, as the seed prints it: at header row
 * d, neighbouring columns whose paths agree down to d (both ending at d, or
 * both going deeper) share one cell; a path that ends at d spans the rows
 * below; a column without a header is one empty cell over all rows. */
typedef struct rhead {
  int row, col, rows, cols;
  const char *text; /* borrowed from the table */
} rhead;
/* the number of header rows (at least 1) */
int rtable_head_depth(const rtable *t);
/* the merged header cells, row by row, left to right; returns the count,
 * *out to free */
int rtable_head_cells(const rtable *t, rhead **out);
/* replaces {committee}, {cap+K}, {short+K} with the names of the edition of day */
char *report_expand(const tree *t, int unit, int day, const char *text);
#endif
