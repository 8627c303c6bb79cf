/* Official documents out of the system: the report of a unit for a period
 * (its narrative written by the officers in the browser, its annexes
 * computed live) and a plan, as DOCX or PDF. */
#ifndef DV_APP_DOCUMENTS_H
#define DV_APP_DOCUMENTS_H
#include "app/app.h"
#include "core/document.h"
#include "util/buf.h"

/* the narrative sections of a report, in order (the outline of seed 004) */
typedef struct report_section {
  const char *key;     /* "p1.I", "p1.II.1", … "p2" */
  const char *group;   /* a heading printed before the first section of its group, or NULL */
  const char *heading; /* the section's own heading; may hold {period} (upper-case period words) */
} report_section;

extern const report_section report_sections[];
extern const int report_nsections;

/* the two layouts of a report ("variant" in the stored JSON) */
enum { REPORT_PARTY = 0, REPORT_STATE = 1 };
/* "dang" -> REPORT_PARTY (Hướng dẫn 36-HD/VPTW), "nha_nuoc" -> REPORT_STATE
 * (Decree 30/2020/NĐ-CP); -1 for anything else */
int report_variant_parse(const char *name);
const char *report_variant_name(int state);

typedef struct report_doc {
  int64_t id;               /* 0: nothing saved yet (the fields are the defaults) */
  char unit_code[32], period[8];
  int state;                /* REPORT_PARTY or REPORT_STATE: the layout, and whose defaults */
  int number;               /* 0: not numbered yet (written by hand when signed) */
  int next_number;          /* not stored: the number after the unit's highest of this
                             * symbol in the year of the period (numbered per kind) */
  char symbol[32];          /* "BC/TU", "BC-UBND" */
  char date[11];            /* ISO date of issue, "" if not set */
  char place[128];          /* "Hải Phòng" */
  char parent_body[256];    /* "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" */
  char issuer[256];         /* "THÀNH ỦY" */
  char issuer_long[256];    /* "Ban Thường vụ Thành ủy Hải Phòng", for "(Kèm theo … của …)" */
  char *title;              /* owned: the line(s) under "BÁO CÁO"; '\n' breaks a line */
  char *recipients;         /* owned: "Nơi nhận", one per line */
  char sign_on_behalf[128], sign_position[128], sign_name[128];
  char *sections[32];       /* owned, by index into report_sections; "" if empty */
  char updated_at[32], updated_by[64];
  char issued_at[32];       /* not stored with the fields: when it was issued, "" if not */
} report_doc;

void report_doc_release(report_doc *d);

/* the stored document of a unit for a period, or the defaults derived from
 * the unit and the period when none is saved (id 0); the defaults are those
 * of the stored variant: the Party committee's ("THÀNH ỦY", "BC/TU",
 * "T/M BAN THƯỜNG VỤ") or the People's Committee's ("ỦY BAN NHÂN DÂN THÀNH
 * PHỐ HẢI PHÒNG", "BC-UBND", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"); needs read
 * access */
int app_report_doc_get(app *a, const user *u, const char *unit_code, const char *period, report_doc *out,
                       dv_err *e);
/* Changes d to the variant state (d->unit_code must be a unit): the header
 * fields with a default (symbol, parent body, issuer, its long name, the
 * signing authority and position) take the new variant's default where they
 * still held the old variant's, or all of them when force. Nothing is saved. */
int app_report_doc_set_variant(app *a, report_doc *d, int state, int force, dv_err *e);
/* validates (the date exists, number >= 0, texts UTF-8 and below 200 kB,
 * markup footnotes closed) and saves in one transaction with an audit entry
 * "document.save" (before and after); needs write access to the unit and a
 * period not approved for it. e->field names the field at fault. */
int app_report_doc_save(app *a, const user *u, const report_doc *d, dv_err *e);

/* the stored fields as JSON (docs/contract.md): {"variant","number","symbol","date",
 * "place","parent_body","issuer","issuer_long","title","recipients",
 * "sign_on_behalf","sign_position","sign_name","sections":{KEY:text}};
 * caller frees */
char *report_doc_to_json(const report_doc *d);
/* sets the given fields of the unit's document for the period from JSON
 * (fields left out keep their value), validated and saved as above; an
 * unknown field, section or variant is refused. A "variant" that changes
 * the layout changes the defaults first (app_report_doc_set_variant, not
 * forced), then the file's other fields apply. */
int app_report_doc_load(app *a, const user *u, const char *unit_code, const char *period, const char *json,
                        dv_err *e);

/* a sentence the system offers from the live figures, for a section */
typedef struct doc_figure {
  const char *section; /* a key of report_sections */
  char *text;          /* owned; markup-free but for its figures' links,
                        * {{196|bieu-5:tong:13}} (core/doc_link.h) */
} doc_figure;
int app_report_doc_figures(app *a, const user *u, const char *unit_code, const char *period, doc_figure **out,
                           int *n, dv_err *e);
void doc_figures_release(doc_figure *f, int n);

/* the document assembled (for the HTML preview and the writers): the
 * annex tables it points to are owned by it */
typedef struct built_doc {
  official_doc doc;
  rtable *tables;
  int ntables;
} built_doc;
int app_document_build(app *a, const user *u, const char *kind, const char *key, const char *period,
                       built_doc *out, dv_err *e);
void built_doc_release(built_doc *b);

/* the layout parameters: the defaults, then the office's doc.* settings */
void app_doc_style(app *a, doc_style *st);

/* the finished file: kind "report" (unit_code + period) or "plan" (symbol),
 * format "docx" or "pdf"; *filename is a suggested ASCII file name (owned) */
int app_document_file(app *a, const user *u, const char *kind, const char *key, const char *period,
                      const char *format, buf *out, char **filename, dv_err *e);
/* Issues the unit's report for the period: the number fixed (the next of
 * its kind when 0) and the date (today when empty), then the DOCX made
 * from the records as they are now stored with it, so that every later
 * export of the report (DOCX, PDF) is that document whatever the records
 * become. Needs write access to the unit; issuing again (the figures made
 * anew) needs an approver or admin. Audited "document.issue". */
int app_report_doc_issue(app *a, const user *u, const char *unit_code, const char *period, dv_err *e);
/* the issued DOCX of the report (appended to docx): 1 issued, 0 not, <0 error; needs read access */
int app_report_issued(app *a, const user *u, const char *unit_code, const char *period, buf *docx, char *issued_at,
                      size_t n, dv_err *e);
/* the line under each annex's title, "(Kèm theo Báo cáo số 361-BC/TU, ngày
 * 19/6/2023 của Ban Thường vụ Thành ủy Hải Phòng)" (Decree 30's for a state
 * document), the number blank when not given yet; caller frees */
char *app_report_attached_line(const report_doc *rd);
/* an outline heading's placeholders for the period: {period}, {next}, {BOARD} */
void app_outline_text(app *a, const char *tmpl, const period *p, buf *out);
#endif
