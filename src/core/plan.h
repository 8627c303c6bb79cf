/* Plans (kế hoạch) as text: the format of docs/plans.md, parsed into a
 * plan_doc and printed back canonically, so that print(parse(x)) == x for
 * every x that print wrote. No I/O: the application checks what needs the
 * database (units exist, the basis plan and source items exist).
 *
 *   plan 11-KH/ĐU
 *   unit 01234
 *   date 2024-01-19
 *   year 2024
 *   title Kế hoạch công tác dân vận năm 2024
 *   section III. NHIỆM VỤ CỤ THỂ
 *   heading 1. Công tác dân vận của các cơ quan nhà nước
 *   item 1.1
 *   | *Đảng ủy phường*: Chỉ đạo tổng kết ...
 *   lead 01234
 *   due 2024Q2
 *   source 136-KH/TU 2.3
 *   target establishments_dossier >= 30 base=130
 *   target models_coverage >= 100 area=do_thi level=3 unit_type="Phường,Thị trấn"
 *
 * A plan is a header and a list of blocks in print order: sections,
 * headings (inside a section) and items (inside a section), each with its
 * text lines. */
#ifndef DV_PLAN_H
#define DV_PLAN_H
#include "core/period.h"
#include "util/buf.h"
#include <stddef.h>
#include <stdint.h>

#define PLAN_SYMBOL_MAX 64 /* "11-KH/ĐU": bytes, NUL included */
#define PLAN_NUMBER_MAX 32 /* an item's number as printed: "1.1", "2.3" */
#define PLAN_CODE_MAX 32   /* a unit code */

/* --- due: when an item must be done --- */
typedef enum { PLAN_DUE_NONE, PLAN_DUE_DATE, PLAN_DUE_PERIOD, PLAN_DUE_MONTHLY, PLAN_DUE_QUARTERLY,
               PLAN_DUE_YEARLY } plan_due_kind;
typedef struct plan_due {
  plan_due_kind kind;
  int day;  /* PLAN_DUE_DATE: a day number */
  period p; /* PLAN_DUE_PERIOD */
  int month; /* PLAN_DUE_YEARLY: 1-12 ("tháng 10 hằng năm") */
} plan_due;
/* "2024-03-10", "2024Q2" (any period id), "monthly", "quarterly",
 * "yearly:10"; 0, or -1 if the text is none of these */
int plan_due_parse(const char *s, plan_due *d);
/* canonical text ("" for none) */
void plan_due_format(const plan_due *d, char *out, size_t n);
/* The day by which an item must be done, for a plan of that year: the date;
 * the last day of the period; for yearly:M the last day of month M of the
 * year; for monthly and quarterly (work that recurs all year) the last day
 * of the year. 0 for none. */
int plan_due_deadline(const plan_due *d, int year, const period_cfg *cfg);

/* --- status of an item (overdue is computed, never stored) --- */
typedef enum { PLAN_NOT_STARTED, PLAN_IN_PROGRESS, PLAN_DONE } plan_status;
const char *plan_status_name(plan_status s);    /* "not_started" ... */
const char *plan_status_label_vn(plan_status s); /* "Chưa thực hiện" ... */
int plan_status_parse(const char *s, plan_status *out);
/* 1 if not done and today is past the deadline (a deadline of 0 never is) */
int plan_overdue(plan_status s, int deadline, int today);

/* --- targets --- */
typedef enum { PLAN_CMP_GE, PLAN_CMP_LE, PLAN_CMP_EQ, PLAN_CMP_GT, PLAN_CMP_LT } plan_cmp;
const char *plan_cmp_name(plan_cmp c); /* ">=" ... */
int plan_cmp_parse(const char *s, plan_cmp *out);

typedef enum { TARGET_NOT_YET, TARGET_ACHIEVED, TARGET_EXCEEDED } target_state;
const char *target_state_name(target_state s); /* "not_yet", "achieved", "exceeded" */
/* The state of a value (NaN = no value: not_yet) against a target. The value
 * is first rounded to 2 decimals, as shown. >= and <=: exactly the threshold
 * is achieved, beyond it in the comparator's direction exceeded; > and <:
 * met is achieved (being beyond is what they ask); =: equal is achieved.
 * Anything else is not_yet. */
target_state plan_target_state(plan_cmp c, double threshold, double value);

typedef struct plan_target {
  int line;
  char indicator[96];          /* a name, or "value:ELEMENT.COMBO" */
  plan_cmp cmp;
  double threshold;
  char area[32];               /* models_coverage: area=, "" if not given */
  int min, level;              /* min=, level=: 0 if not given */
  char unit_types[96];         /* unit_type=Xã, unit_type="Phường,Thị trấn": "" = every type */
  int base;                    /* base=130: the establishments' fixed denominator, 0 if not given */
  char unit[PLAN_CODE_MAX];    /* unit=: "" = the plan's unit */
  char period[8];              /* period=: "" = the plan's year */
} plan_target;

typedef struct plan_item {
  char number[PLAN_NUMBER_MAX];
  char lead[PLAN_CODE_MAX];    /* "" if none */
  int lead_line;
  char **partners;             /* unit codes, owned */
  int npartners, partners_line;
  plan_due due;
  int due_line;
  char source_plan[PLAN_SYMBOL_MAX], source_number[PLAN_NUMBER_MAX]; /* "" if none */
  int source_line;
  plan_status status;
  plan_target *targets;
  int ntargets;
  /* not in the text: filled by the application */
  char *source_text;           /* the source item's text when it was taken up, owned */
  int deadline, overdue;
} plan_item;

typedef enum { PLAN_SECTION, PLAN_HEADING, PLAN_ITEM } plan_block_kind;
typedef struct plan_block {
  plan_block_kind kind;
  int line;
  char *title;                 /* section and heading: as printed; item: NULL */
  char *text;                  /* the "| " lines joined by '\n' ("" if none), owned */
  plan_item item;              /* PLAN_ITEM only */
} plan_block;

typedef struct plan_doc {
  char symbol[PLAN_SYMBOL_MAX];
  int symbol_line;             /* lines: where the directive was, for the application's errors */
  char unit[PLAN_CODE_MAX];
  int unit_line;
  int day;                     /* date of issue */
  int year;
  char *title;
  char basis[PLAN_SYMBOL_MAX]; /* "" if none */
  int basis_line;
  char *place;                 /* NULL if none */
  char *preamble;              /* text lines before the first section ("Thực hiện Nghị quyết số …"), NULL if none */
  char *signer[3];             /* NULL if none: "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", the name */
  char *issuer[2];             /* the header block's lines as printed, NULL if not given (then derived
                                * from the unit): "THÀNH ỦY HẢI PHÒNG" alone, or the body above and the
                                * issuer ("ĐẢNG BỘ TỈNH THÁI NGUYÊN", "HUYỆN ỦY ĐỊNH HÓA") */
  char **recipients;
  int nrecipients;
  plan_block *blocks;
  int nblocks;
} plan_doc;

typedef struct plan_error {
  int line;                    /* 1-based; the line after the last for what is missing at the end */
  char directive[16];          /* "" when the line has none */
  char msg[300];               /* Vietnamese */
} plan_error;

/* parses text[0..len) (UTF-8 already checked by the caller); 0, or -1 with
 * err naming the line and directive. out is initialised either way and
 * must be released. */
int plan_parse(plan_doc *out, const char *text, size_t len, plan_error *err);
/* the canonical text */
void plan_print(const plan_doc *p, buf *out);
void plan_doc_init(plan_doc *p);
void plan_doc_release(plan_doc *p);
/* the items in order (pointers into p->blocks); caller frees the array */
int plan_items(const plan_doc *p, plan_item ***items);
/* the block of the item numbered so, or NULL */
plan_block *plan_find_item(const plan_doc *p, const char *number);
/* a target's indicator and options as printed after "target " */
void plan_target_format(const plan_target *t, buf *out);

/* A word diff of two texts, git's --word-diff=plain style: unchanged words
 * as they are, removed ones as [-…-], added ones as {+…+}. Caller frees.
 * Texts of more than 2,000 words each are shown as a whole replacement. */
char *plan_word_diff(const char *before, const char *after);
/* a plan as the list of plans shows it */
typedef struct plan_info {
  int64_t id, unit_id; /* unit_id: the issuing unit (its code may name another unit on another day) */
  char symbol[PLAN_SYMBOL_MAX], unit[PLAN_CODE_MAX], unit_name[160];
  char basis[PLAN_SYMBOL_MAX], basis_unit[PLAN_CODE_MAX]; /* "" if none */
  char date[11];
  int year;
  char *title;                                  /* owned */
  int items, done, overdue, targets;
} plan_info;
/* a progress note on a plan item */
typedef struct plan_note {
  char date[11], login[64], status[16], at[32];
  char *note, *evidence;          /* owned, "" if none */
} plan_note;
#endif
