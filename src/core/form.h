/* Forms (biểu mẫu) are text files (forms/NAME.form, forms/elements.txt),
 * embedded in the binary at build time. A form is a list of value columns,
 * each with its header path (top header first) and a binding:
 *   ELEMENT COMBO [@scope]   a data cell
 *   sum 3 5 | sum 8-15       the sum of other columns of the same row
 *   pair A / B               two data cells printed "a/b"
 *   list FIELD               a field of a register list (Biểu 4)
 * Rows are `self` (one row: the unit), `levels` (one row per level under the
 * unit, then a total row) or `list REGISTER`. Header text may hold {cap+K},
 * {short+K} (the names of the unit's level + K) and {committee}.
 * `column_numbers 1` (or `01`) prints under the header the seed's row that
 * numbers the columns ("A B 1 2 3 …", "A B 01 02 …").
 * `breakdown kinds` (a `levels` form) follows each level row with a row per
 * kind of body at that level ("trong đó: Mặt trận Tổ quốc"): Biểu 6 and 7
 * show the Front and the member organisations apart, totals unchanged.
 * `reporters above_commune`: by default the form is asked of the areas above
 * the commune only (Biểu 2: a xã, phường has no Ban Dân vận); without it,
 * of every area down to the commune (setting reporters.FORM overrides).
 *   check error fs_accepted default <= fs_recs default Số ý kiến được tiếp thu …
 * is a validation rule run when the unit submits the form. */
#ifndef DV_FORM_H
#define DV_FORM_H

typedef enum { VT_INTEGER, VT_NUMBER, VT_PERCENT, VT_TEXT, VT_YESNO, VT_COUNT_NOTE } value_type;
typedef enum { AGG_SUM, AGG_AVERAGE, AGG_MAX, AGG_LAST, AGG_NONE } aggregation;
typedef enum { BIND_DATA, BIND_SUM, BIND_PAIR, BIND_LIST } bind_kind;
typedef enum { SCOPE_ROW, SCOPE_SELF, SCOPE_BELOW, SCOPE_SELF_BELOW, SCOPE_SUBTREE } scope;
typedef enum { ROWS_SELF, ROWS_LEVELS, ROWS_LIST } rows_mode;

typedef struct element {
  char *code, *name;
  value_type type;
  aggregation agg;
} data_element;

typedef struct data_ref {
  int element, combo; /* indexes into the catalog */
  scope sc;
} data_ref;

typedef struct form_col {
  char **path;
  int depth;
  bind_kind kind;
  data_ref a, b;
  int *sum; /* 0-based column indexes */
  int nsum;
  char *field; /* list field */
} form_col;

/* a validation rule of a form: left <= right (or >=) over the totals of the
 * unit's area; an error blocks a submission, a warning must be acknowledged */
typedef struct form_rule {
  data_ref left, right; /* scope SCOPE_SUBTREE */
  int ge;               /* 1: left >= right; 0: left <= right */
  int error;
  char *message;
} form_rule;

typedef struct form {
  char *code, *title, *row_header, *row_label, *total_label, *list;
  rows_mode rows;
  int by_kind; /* `breakdown kinds` */
  int above_commune; /* `reporters above_commune`: by default only units above the commune report it (Biểu 2: a ward has no Ban Dân vận) */
  int colnums; /* `column_numbers 1|01`: under the header a row "A B 1 2 3 …" (or "01 02 …"), as the seed's Biểu 2 and 3 */
  int ncols;
  form_col *cols;
  int nrules;
  form_rule *rules;
} form;

typedef struct catalog {
  int nelements;
  data_element *elements;
  int ncombos;
  char **combos;
  int nforms;
  form *forms;
} catalog;

/* parses the element list; 0 or -1 with err */
int catalog_load_elements(catalog *c, const char *text, char *err, int errlen);
/* parses one form and adds it; 0 or -1 with err naming the line */
int catalog_add_form(catalog *c, const char *text, char *err, int errlen);
void catalog_release(catalog *c);
int catalog_element(const catalog *c, const char *code);
int catalog_combo(const catalog *c, const char *code);
/* the index of a combo, added if new (registers count into combos that no
 * form shows, e.g. models by area for the indicators) */
int catalog_intern_combo(catalog *c, const char *code);
const form *catalog_form(const catalog *c, const char *code);
/* Which columns of a form take the unit's own values by hand: the rule of
 * the web entry grid and of the XLSX import, so both accept the same cells.
 * A data or pair column whose scope is @row or @self takes input. A column
 * over the unit's whole area (@subtree, @self_below) takes the unit's own
 * part only when the form has no @self column for the same element and
 * option (Biểu 3 is all @subtree); its `area` flag says so. An element and
 * option is typed once per form: the first column wins. Sums, list fields
 * and @below columns never take input. */
typedef struct form_input {
  int editable;
  int pair;    /* two values printed "a/b" */
  int area;    /* the input is the unit's own part of an area total */
  int counted; /* (form_inputs_at) the unit's records make this value: shown computed */
} form_input;
/* fills out[0..f->ncols) */
void form_inputs(const form *f, form_input *out);
/* The same for one unit and period: a cell that would take input but whose
 * value the unit's records make there (counted(ctx, ref) true: records win
 * in the cube, core/cube.h) is shown computed with its count and takes no
 * input (counted 1, editable 0). Where the unit has no record for it, it
 * takes the unit's own figure as before (the seed's hand-entered cells). */
typedef int (*form_counted_fn)(void *ctx, const data_ref *d);
void form_inputs_at(const form *f, form_counted_fn counted, void *ctx, form_input *out);

/* 1 if some form uses this element with this combo */
int catalog_pair_used(const catalog *c, int element, int combo);
const char *value_type_name(value_type t);
/* a typed value: 1 if s is one or more ASCII digits */
int value_all_digits(const char *s);
/* "1.865" -> "1865" in place when the dots group thousands; else unchanged */
void value_drop_thousand_dots(char *s);
#endif
