/* An official document (văn bản) as data, before any file format: the
 * header block, title, body paragraphs, "Nơi nhận", signature, and annex
 * tables. The DOCX writer (export/docx.c) lays it out by the rules of
 * Hướng dẫn 36-HD/VPTW (a Party document) or of Decree 30/2020/NĐ-CP (a
 * state body's document, official_doc.state); the PDF is that DOCX
 * converted (export/pdf.c).
 *
 * Body text carries a small inline markup, the same everywhere (the browser
 * editor, the plan text, the figures the system offers):
 *   **bold**   *italic*   ^[footnote text]
 * and a literal '*' is written "\*"; a figure offered from an annex keeps
 * its link, {{196|bieu-5:tong:13}}, printed "196" (core/doc_link.h).
 * Everything else is kept as written. */
#ifndef DV_DOCUMENT_H
#define DV_DOCUMENT_H
#include "core/period.h"
#include "core/report.h"
#include <stddef.h>

/* every layout parameter in one place; defaults in doc_style_default(),
 * each overridable by the office with `danvan config DB doc.KEY VALUE` */
typedef struct doc_style {
  char font[64];          /* doc.font: "Times New Roman" */
  double body_pt;         /* doc.body_pt: 14 */
  double table_pt;        /* doc.table_pt: 11 (annex tables) */
  double margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm; /* 20 20 30 15 */
  double line_spacing;    /* doc.line_spacing: 1.15 (multiple of a single line) */
  double first_indent_mm; /* doc.first_indent_mm: 12.7 */
  double space_after_pt;  /* doc.space_after_pt: 6 */
  int annex_landscape;    /* doc.annex_landscape: 1 */
  char keep_empty_levels[32]; /* doc.keep_empty_levels: "" (the unit levels, "1,2", whose reports print
                               * a section's heading with no text under it; elsewhere it is left out) */
} doc_style;

typedef struct doc_style_key {
  const char *key;         /* "doc.font" */
  const char *fallback;    /* default as text */
  const char *description; /* Vietnamese, for `danvan config` and the docs */
} doc_style_key;

extern const doc_style_key doc_style_keys[];
extern const int doc_style_nkeys;
void doc_style_default(doc_style *s);
/* sets one parameter from its text; 0, or -1 if the key is unknown or the
 * value out of range (message in err) */
int doc_style_set(doc_style *s, const char *key, const char *value, char *err, int errlen);
/* 1 if level is one of s->keep_empty_levels */
int doc_style_keeps_empty(const doc_style *s, int level);

typedef enum {
  DP_BODY,      /* justified, first-line indent */
  DP_HEADING,   /* bold, no indent: "I. ĐẶC ĐIỂM TÌNH HÌNH", "1. …" */
  DP_PART,      /* centred bold: "Phần thứ nhất" and the line under it */
  DP_CENTER     /* centred, plain */
} doc_para_kind;

typedef struct doc_para {
  doc_para_kind kind;
  char *text; /* owned; inline markup as above */
} doc_para;

typedef struct doc_annex {
  const rtable *table;   /* not owned */
  char *caption;         /* owned: "BẢNG TỔNG HỢP SỐ LIỆU" (or "BẢNG TỔNG HỢP") */
  char *title;           /* owned: the annex title line */
  char *attached;        /* owned: "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của …)" */
  char *label;           /* owned: "Biểu số 4", printed above the caption at the right ("" none) */
  char *note;            /* owned: the line under the title when figures are not all approved,
                          * "Số liệu chưa được phê duyệt: 15/15 đơn vị" ("" none) */
} doc_annex;

typedef struct official_doc {
  /* 0: a Party document (Hướng dẫn 36-HD/VPTW): upper left the parent body,
   * the issuer with "*" under it and the number, upper right "ĐẢNG CỘNG SẢN
   * VIỆT NAM" and the date; recipients end in ",".
   * 1: a state body's document (Decree 30/2020/NĐ-CP): upper left the parent
   * body and the issuer with a short rule under it and "Số: 12/BC-UBND",
   * upper right the national name and motto with a rule and the date;
   * recipients end in ";". The last recipient ends in "." in both. */
  int state;
  char *parent_body;  /* "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" (may be empty) */
  char *issuer;       /* "THÀNH ỦY" */
  char *number;       /* "Số 361-BC/TU" (doc_number), "Số: 12/BC-UBND" (doc_number_state) */
  char *date_line;    /* "Hải Phòng, ngày 19 tháng 6 năm 2023" */
  char *kind_title;   /* "BÁO CÁO", "KẾ HOẠCH" */
  char *subtitle;     /* may hold '\n' for a line break; markup allowed */
  doc_para *paras;
  int nparas, cappara;
  char **recipients;  /* "Nơi nhận" lines, without the leading "- " */
  int nrecipients;
  char *sign_on_behalf; /* "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN" (may be empty) */
  char *sign_position;  /* "PHÓ BÍ THƯ" */
  char *sign_name;      /* "Đỗ Mạnh Hiến" */
  doc_annex *annexes;
  int nannexes;
  doc_style style;
} official_doc;

void official_doc_init(official_doc *d);
void official_doc_release(official_doc *d);
void official_doc_add_para(official_doc *d, doc_para_kind kind, const char *text);
void official_doc_add_recipient(official_doc *d, const char *text);
/* Recipient i as printed, the same in the DOCX and the preview: "- X," ("- X;" in a state
 * document), "." after the last; a line "+ X" is an item of the list above it (a line ending
 * in ":", "BDVTU:"), one step in (*sub = 1); a line ending in ":" keeps it. Its *italic*
 * markup ("(*để b/c*)") is left for the writer. Appends to out. */
struct buf;
void official_doc_recipient_line(const official_doc *d, int i, struct buf *out, int *sub);
void official_doc_add_annex(official_doc *d, const rtable *t, const char *caption, const char *title,
                            const char *attached);
/* the label ("Biểu số 4") and the approval note of the last annex added */
void official_doc_annex_marks(official_doc *d, const char *label, const char *note);

/* "Hải Phòng, ngày 19 tháng 6 năm 2023": day below 10 and months 1, 2 with a
 * leading zero ("ngày 05 tháng 01 năm 2024"); day = days since 1970-01-01 */
char *doc_date_line(const char *place, int day);
/* "6 tháng đầu năm 2023", "năm 2023", "quý II năm 2023", "tháng 5 năm 2023",
 * "9 tháng đầu năm 2023"; next: the period after p (the report's outlook) */
void doc_period_words(const period *p, int next, char *out, size_t n);
/* "Số 361-BC/TU" from 361 and "BC/TU"; 0: "Số     -BC/TU" (written by hand) */
char *doc_number(int number, const char *symbol);
/* Decree 30: "Số: 12/BC-UBND" from 12 and "BC-UBND", below 10 with a
 * leading zero ("Số: 05/BC-UBND"); 0: "Số:      /BC-UBND" */
char *doc_number_state(int number, const char *symbol);
/* Where a state body's name in the header block breaks into two lines by
 * custom: after "ỦY BAN NHÂN DÂN" or "HỘI ĐỒNG NHÂN DÂN" when a place name
 * follows ("ỦY BAN NHÂN DÂN\nQUẬN NGÔ QUYỀN"). The length of the first line,
 * or 0 if the name has no such break. */
size_t doc_state_name_break(const char *name);
/* The issuer block of a Party document, by Hướng dẫn 36-HD/VPTW: the name
 * of the body directly above (parent_body, "" if none) over the issuer's.
 *   a Tỉnh ủy, Thành ủy (parent_area NULL): "" / "THÀNH ỦY HẢI PHÒNG"
 *   a board of a committee (board "Ban Dân vận"): "THÀNH ỦY HẢI PHÒNG" / "BAN DÂN VẬN"
 *   a district or commune committee: "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" / "QUẬN ỦY NGÔ QUYỀN"
 * committee: "Thành ủy Hải Phòng"; parent_area: the area above a district
 * or commune ("Thành phố Hải Phòng"); both results upper case, caller frees */
void doc_party_issuer(const char *committee, const char *parent_area, const char *board, char **parent_body,
                      char **issuer);
/* the national name and motto of a state document (Decree 30, Phụ lục I) */
extern const char DOC_NATION_NAME[]; /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" */
extern const char DOC_NATION_MOTTO[]; /* "Độc lập - Tự do - Hạnh phúc" */

/* one run of inline text after markup is resolved */
typedef struct doc_run {
  const char *text; /* not NUL-terminated: len bytes, escapes already removed by the caller's copy */
  int len;
  int bold, italic;
  int footnote;     /* 1: this run is a footnote placed here; its text is itself
                     * marked-up text (escapes kept): split it again with doc_runs */
} doc_run;

/* splits marked-up text into runs (escapes "\*" resolved into a copy the
 * caller frees with the runs); returns the number of runs */
int doc_runs(const char *text, doc_run **runs, char **storage);
#endif
