/* Registers (sổ theo dõi) are declared in text files (registers/NAME.reg,
 * embedded at build time): their fields, the checks a record must pass, and
 * the rules that count records into the cells of the forms. One engine
 * then gives every register its list, form, CSV import and export, audit
 * and live counting.
 *
 *   register conferences
 *   title Hội nghị, tập huấn
 *   date date                      the field that places a record in periods
 *   field date date required Ngày
 *   field chaired_by enum required Chủ trì
 *     option cap_uy Cấp ủy
 *   count conf_count {chaired_by}
 *   sum conf_people participants {chaired_by}
 *   count letters_resolved default on resolved
 *   count fc_conferences default when form=hoi_nghi
 *   check accepted <= recommendations Thông báo lỗi
 *   require resolved when status=resolved
 *   text models_exemplary name when exemplary=yes
 *   ref dialogues dialogue_date dialogue_unit   the record belongs to a dialogue
 *   ref supervisions activity_date unit replaces recommendations,accepted
 *                                  itemised records stand for those totals of
 *                                  the referred record: one or the other, never both
 *   overdue due while status=open|in_progress   late past `due` in those states
 *   todo addressee Kiến nghị cần trả lời   the home page of the unit named
 *                                  in `addressee` lists its open records
 *   attachments                    records take attached files
 *   stage status                   the field moved only by transitions
 *   transition registered appraising above
 * A `when` condition may list values: when status=recognised|commended.
 * `date` may name a year field (a record then counts from 1 January) and
 * may be left out by a register of state, not events (no count rules).
 */
#ifndef DV_REGISTER_H
#define DV_REGISTER_H
#include "core/form.h"

typedef enum { FT_DATE, FT_UNIT, FT_ENUM, FT_SET, FT_TEXT, FT_LONGTEXT, FT_INT, FT_YESNO, FT_PERIOD, FT_SYMBOL,
               FT_LOGIN, FT_YEAR, FT_UNITREF } field_type; /* UNITREF: any existing unit, not only the writer's */

#define REG_MAX_FIELDS 24

typedef struct reg_option {
  char *code, *label;
} reg_option;

typedef struct reg_field {
  char *name, *label;
  field_type type;
  int required;
  int private_; /* personal data: kept apart, shown only to the handling unit */
  int search;   /* part of the diacritic-insensitive search text */
  int list;     /* a column of the list page */
  int noimport; /* not a CSV column */
  int column;   /* optional value, but its CSV column must be there (the contract's header) */
  int progress; /* the responsible unit (a unitref field) may change it */
  int assign;   /* only approvers set it (a denunciation's handling officer) */
  int nopt;
  reg_option *opts;
} reg_field;

/* RULE_TEXT: a text cell listing a field of the matching records ("the
 * models flagged exemplary"), used where the unit wrote no text itself */
typedef enum { RULE_COUNT, RULE_SUM, RULE_TEXT } rule_kind;

typedef struct reg_rule {
  rule_kind kind;
  int element;        /* catalog index */
  char *combo;        /* template: "{chaired_by}.{kind}", "default" */
  int value_field;    /* RULE_SUM: the summed field */
  int date_field;     /* -1 = the register's date */
  int when_field;     /* -1 = always */
  char *when_value;
} reg_rule;

typedef enum { CHECK_LE, CHECK_GE } check_op;

typedef struct reg_check {
  int left, right;    /* fields */
  check_op op;
  char *message;
} reg_check;

typedef struct reg_require {
  int field, when_field;
  char *when_value;
} reg_require;

/* who may move a record from one stage to the next */
typedef enum { ACTOR_OWN, ACTOR_ABOVE } stage_actor;

typedef struct reg_transition {
  char *from, *to;
  stage_actor by; /* ACTOR_OWN: officers/approvers of the record's unit; ACTOR_ABOVE: approvers of a unit above it */
} reg_transition;

typedef struct reg_def {
  char *code, *title, *item; /* item: "văn bản", used in messages */
  int date_field;            /* places a record in periods */
  int period_field;          /* -1, or a period field overriding the date */
  int kind_field;            /* -1, or the enum a symbol's kind must match */
  int nfields;
  reg_field fields[REG_MAX_FIELDS];
  int nrules;
  reg_rule *rules;
  int nchecks;
  reg_check *checks;
  int nreqs;
  reg_require *reqs;
  char *ref_register;        /* NULL, or: a record of that register with this date and unit must exist */
  int ref_date, ref_unit;    /* fields giving that date and unit */
  char *ref_replaces;        /* NULL, or "f1,f2": fields of the referred record these records itemise */
  int due_field;             /* -1, or the date past which an open record is overdue */
  int open_field;            /* with due_field: the enum whose open_value keeps a record open */
  char *open_value;          /* "open|in_progress" */
  int todo_field;            /* -1, or the unitref whose unit's home page lists the open records */
  char *todo_title;          /* that list's heading */
  int attachments;           /* records take attached files (a document's scan, a model's evidence) */
  int stage_field;           /* -1, or the enum moved only by transitions */
  int ntrans;
  reg_transition *trans;
} reg_def;

/* parses a definition against the catalog (elements must exist); 0 or -1 */
int reg_parse(reg_def *r, const catalog *cat, const char *text, char *err, int errlen);
void reg_release(reg_def *r);
int reg_field_index(const reg_def *r, const char *name);
int reg_option_index(const reg_field *f, const char *code);
/* the most characters (code points, after NFC) a value of the field may
 * hold: what the app checks and the form's maxlength; 0 = no text limit
 * (choices, dates and numbers are checked by their format) */
int reg_field_max_chars(const reg_field *f);

/* A record as strings, one per field ("" = empty), already validated. */
typedef struct reg_contrib {
  int element;
  char combo[96];
  int day;
  double value;
} reg_contrib;

/* the cells a record counts into; days_of gives the day of each date field
 * (-1 if empty) and period_day the first day of the period field's window
 * (or -1); returns the count written (at most max) */
int reg_contributions(const reg_def *r, const char *const *values, const int *days, int period_day, reg_contrib *out,
                      int max);

/* 1 if the record is still open (overdue possible): values as strings */
int reg_is_open(const reg_def *r, const char *const *values);
/* 1 if name is one of the fields the register's records itemise (ref ... replaces) */
int reg_replaces(const reg_def *r, const char *name);

/* 1 if value matches a when-list "a|b|c" */
int reg_when_matches(const char *list, const char *value);
/* the transition from -> to, or NULL */
const reg_transition *reg_transition_find(const reg_def *r, const char *from, const char *to);

/* Which records make a cell: for (element, combo), the register rules that
 * count or sum records into it, each with the field conditions a record
 * must meet (the options the combo names, "{type}.{chair}" = "dinh_ky.cap_uy"
 * gives type=dinh_ky and chair=cap_uy; the rule's `when`) and the date
 * field that places it in a period (-1: the register's own, or its period
 * field). The drill-down of an annex and the entry grid read it; the list
 * filter of those conditions (app record_filter) selects exactly the
 * records a count cell counts. */
#define REG_MAX_CONDS 6
typedef struct reg_cond {
  int field;
  char value[96]; /* an option code, or a `when` list "a|b" */
} reg_cond;
typedef struct reg_source {
  const reg_def *reg;
  const reg_rule *rule;
  int date_field; /* -1: the register's date (or period field) */
  int ncond;
  reg_cond cond[REG_MAX_CONDS];
} reg_source;
/* fills out (at most max) from regs[0..nregs); returns how many */
int reg_sources(const reg_def *regs, int nregs, int element, const char *combo, reg_source *out, int max);
/* 1 if value (a record's field: an option, or a set "a;b") meets the condition list "x|y" */
int reg_cond_matches(const reg_field *f, const char *list, const char *value);

/* parses "08-NQ/TU" into its number and kind code (QĐ -> QD, ĐA -> DA); 0 or -1 */
int symbol_parse(const char *symbol, char *kind, int kindlen);
#endif
