/* XLSX reading: the zip from memory (libzip), then the parts that give
 * values: _rels/.rels -> the workbook, its sheets and their relationships,
 * the shared strings, each worksheet's cells (expat). */
#include "export/xlsx_in.h"
#include "util/buf.h"
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_MAX_ROW 1048576
#define XLSX_MAX_COL 16384

static int fail(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
  return -1;
}

void xlsx_cell_name(int row, int col, char out[16]) {
  char letters[8];
  int n = 0;
  for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
  int o = 0;
  while (n) out[o++] = letters[--n];
  snprintf(out + o, (size_t)(16 - o), "%d", row + 1);
}

/* "AB12" -> (11, 27); 0 or -1 */
static int parse_ref(const char *s, int *row, int *col) {
  int c = 0, r = 0, nl = 0, nd = 0;
  for (; *s >= 'A' && *s <= 'Z'; s++, nl++) {
    if (nl == 3) return -1;
    c = c * 26 + (*s - 'A' + 1);
  }
  if (!nl || *s < '1' || *s > '9') return -1;
  for (; *s >= '0' && *s <= '9'; s++, nd++) {
    if (nd == 7) return -1;
    r = r * 10 + (*s - '0');
  }
  if (*s || c > XLSX_MAX_COL || r > XLSX_MAX_ROW) return -1;
  *row = r - 1;
  *col = c - 1;
  return 0;
}

/* --- zip parts ------------------------------------------------------------- */

/* the part into out (NUL-terminated); 0, 1 when absent and not required, -1.
 * *total counts what every part inflated to, against XLSX_TOTAL_MAX */
static int read_part(zip_t *z, size_t *total, const char *name, int required, buf *out, char *err, size_t n) {
  buf_reset(out);
  zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE);
  if (idx < 0) return required ? fail(err, n, "thiếu phần %s", name) : 1;
  zip_stat_t st;
  if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st)) return fail(err, n, "không đọc được phần %s", name);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_PART_MAX)
    return fail(err, n, "phần %s quá lớn khi giải nén (%llu MB, tối đa %zu MB)", name,
                (unsigned long long)(st.size >> 20), XLSX_PART_MAX >> 20);
  zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
  if (!f) return fail(err, n, "không đọc được phần %s: %s", name, zip_strerror(z));
  char chunk[65536];
  zip_int64_t got;
  int rc = 0;
  /* the declared size may lie: the bytes actually inflated are counted */
  while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
    if (out->len + (size_t)got > XLSX_PART_MAX) {
      rc = fail(err, n, "phần %s quá lớn khi giải nén (tối đa %zu MB)", name, XLSX_PART_MAX >> 20);
      break;
    }
    if ((*total += (size_t)got) > XLSX_TOTAL_MAX) {
      rc = fail(err, n, "tệp quá lớn khi giải nén (tối đa %zu MB cho mọi phần)", XLSX_TOTAL_MAX >> 20);
      break;
    }
    buf_add(out, chunk, (size_t)got);
  }
  if (!rc && got < 0) rc = fail(err, n, "phần %s bị hỏng: %s", name, zip_file_strerror(f));
  zip_fclose(f);
  return rc;
}

/* --- XML ------------------------------------------------------------------- */

/* the first member of every parser state: a handler stops the parse with a
 * reason through it */
typedef struct xctx {
  XML_Parser p;
  int stopped;
  char msg[240];
} xctx;

static void xstop(xctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void xstop(xctx *x, const char *fmt, ...) {
  if (x->stopped) return;
  x->stopped = 1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->msg, sizeof x->msg, fmt, ap);
  va_end(ap);
  XML_StopParser(x->p, XML_FALSE);
}

/* element and attribute names arrive as "namespace|local" */
static const char *local(const char *name) {
  const char *s = strrchr(name, '|');
  return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *lname) {
  for (int i = 0; atts[i]; i += 2)
    if (!strcmp(local(atts[i]), lname)) return atts[i + 1];
  return NULL;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal) {
  (void)name, (void)sys, (void)pub, (void)internal;
  xstop(ud, "khai báo DOCTYPE không được phép");
}

static int parse_xml(const char *part, const buf *data, xctx *x, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler chars, char *err, size_t n) {
  XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
  if (!p) return fail(err, n, "hết bộ nhớ");
  x->p = p;
  x->stopped = 0;
  x->msg[0] = 0;
  XML_SetUserData(p, x);
  XML_SetElementHandler(p, start, end);
  if (chars) XML_SetCharacterDataHandler(p, chars);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  int rc = 0;
  if (XML_Parse(p, data->s, (int)data->len, 1) == XML_STATUS_ERROR) {
    unsigned long line = (unsigned long)XML_GetCurrentLineNumber(p);
    if (x->stopped) rc = fail(err, n, "phần %s, dòng %lu: %s", part, line, x->msg);
    else rc = fail(err, n, "phần %s: XML không hợp lệ ở dòng %lu (%s)", part, line, XML_ErrorString(XML_GetErrorCode(p)));
  }
  XML_ParserFree(p);
  return rc;
}

/* --- relationships ----------------------------------------------------------- */

typedef struct rel {
  char *id, *type, *target;
} rel;

typedef struct rels_state {
  xctx x;
  rel *v;
  int n;
} rels_state;

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  rels_state *s = ud;
  if (strcmp(local(name), "Relationship")) return;
  const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
  if (!id || !type || !target) return xstop(&s->x, "quan hệ thiếu Id, Type hoặc Target");
  if (s->n >= 4 * XLSX_SHEETS_MAX) return xstop(&s->x, "quá nhiều quan hệ");
  s->v = xrealloc(s->v, sizeof(rel) * (size_t)(s->n + 1));
  s->v[s->n++] = (rel){xstrdup(id), xstrdup(type), xstrdup(target)};
}

static void XMLCALL no_end(void *ud, const XML_Char *name) { (void)ud, (void)name; }

static void rels_free(rels_state *s) {
  for (int i = 0; i < s->n; i++) free(s->v[i].id), free(s->v[i].type), free(s->v[i].target);
  free(s->v);
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

/* a relationship's target as a part name: absolute ("/xl/x.xml") or
 * relative to the directory of `from` ("xl/") */
static char *resolve(const char *from_dir, const char *target) {
  buf b;
  buf_init(&b, 0);
  if (target[0] == '/') buf_adds(&b, target + 1);
  else {
    buf_adds(&b, from_dir);
    if (!strncmp(target, "./", 2)) target += 2;
    buf_adds(&b, target);
  }
  return buf_detach(&b, NULL);
}

/* --- the workbook ------------------------------------------------------------- */

typedef struct sheet_ref {
  char *name, *rid;
  int hidden;
} sheet_ref;

typedef struct wb_state {
  xctx x;
  sheet_ref *v;
  int n;
} wb_state;

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  wb_state *s = ud;
  if (strcmp(local(name), "sheet")) return;
  const char *nm = attr(atts, "name"), *rid = attr(atts, "id"), *state = attr(atts, "state");
  if (!nm || !rid) return xstop(&s->x, "trang tính thiếu tên hoặc r:id");
  if (s->n >= XLSX_SHEETS_MAX) return xstop(&s->x, "quá nhiều trang tính (tối đa %d)", XLSX_SHEETS_MAX);
  s->v = xrealloc(s->v, sizeof(sheet_ref) * (size_t)(s->n + 1));
  s->v[s->n++] = (sheet_ref){xstrdup(nm), xstrdup(rid), state && strcmp(state, "visible") != 0};
}

/* --- shared strings ------------------------------------------------------------- */

typedef struct sst_state {
  xctx x;
  char **v;
  int n, cap;
  int in_si, in_t, in_rph;
  buf cur;
} sst_state;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  sst_state *s = ud;
  (void)atts;
  const char *l = local(name);
  if (!strcmp(l, "si")) {
    s->in_si = 1;
    buf_reset(&s->cur);
  } else if (!strcmp(l, "rPh")) {
    s->in_rph++; /* phonetic runs are not part of the value */
  } else if (!strcmp(l, "t") && s->in_si && !s->in_rph) {
    s->in_t = 1;
  }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name) {
  sst_state *s = ud;
  const char *l = local(name);
  if (!strcmp(l, "t")) s->in_t = 0;
  else if (!strcmp(l, "rPh")) s->in_rph--;
  else if (!strcmp(l, "si") && s->in_si) {
    s->in_si = 0;
    if (s->n >= XLSX_CELLS_MAX) return xstop(&s->x, "quá nhiều chuỗi");
    if (s->n == s->cap) s->v = xrealloc(s->v, sizeof(char *) * (size_t)(s->cap = s->cap ? s->cap * 2 : 256));
    s->v[s->n++] = xstrndup(s->cur.s, s->cur.len);
  }
}

static void XMLCALL sst_chars(void *ud, const XML_Char *text, int len) {
  sst_state *s = ud;
  if (!s->in_t) return;
  buf_add(&s->cur, text, (size_t)len);
  if (s->cur.overflow) xstop(&s->x, "chuỗi dài quá %zu KB", XLSX_STRING_MAX >> 10);
}

/* --- a worksheet ------------------------------------------------------------------ */

typedef struct sheet_state {
  xctx x;
  const sst_state *sst;
  xlsx_sheet *sh;
  int cap;
  int *total;           /* cells in the book so far */
  int row, col;         /* current position */
  int in_data;          /* inside <sheetData>: other parts of a sheet may reuse the names */
  int in_c, in_v, in_is, in_t, in_rph, has_value, formula;
  char type[16];
  buf val;
} sheet_state;

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  sheet_state *s = ud;
  const char *l = local(name);
  if (!strcmp(l, "sheetData")) {
    s->in_data = 1;
    return;
  }
  if (!s->in_data) return;
  if (!strcmp(l, "row")) {
    const char *r = attr(atts, "r");
    if (r) {
      char *end;
      long v = strtol(r, &end, 10);
      if (*end || v < 1 || v > XLSX_MAX_ROW) return xstop(&s->x, "số hàng không hợp lệ \"%.20s\"", r);
      s->row = (int)v - 1;
    } else {
      s->row++;
    }
    s->col = -1;
  } else if (!strcmp(l, "c")) {
    const char *r = attr(atts, "r"), *t = attr(atts, "t");
    if (r) {
      int row, col;
      if (parse_ref(r, &row, &col)) return xstop(&s->x, "địa chỉ ô không hợp lệ \"%.20s\"", r);
      if (s->row >= 0 && row != s->row) return xstop(&s->x, "ô %.20s nằm ngoài hàng %d", r, s->row + 1);
      s->row = row, s->col = col;
    } else {
      if (s->row < 0) s->row = 0;
      if (++s->col >= XLSX_MAX_COL) return xstop(&s->x, "quá nhiều cột");
    }
    snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
    s->in_c = 1;
    s->has_value = s->formula = 0;
    buf_reset(&s->val);
  } else if (s->in_c && !strcmp(l, "v")) {
    s->in_v = 1;
    s->has_value = 1;
  } else if (s->in_c && !strcmp(l, "f")) {
    s->formula = 1;
  } else if (s->in_c && !strcmp(l, "is")) {
    s->in_is = 1;
    s->has_value = 1;
  } else if (s->in_is && !strcmp(l, "rPh")) {
    s->in_rph++;
  } else if (s->in_is && !s->in_rph && !strcmp(l, "t")) {
    s->in_t = 1;
  }
}

static int parse_double(const char *s, double *v) {
  char *end;
  if (!*s) return -1;
  *v = strtod(s, &end);
  return *end ? -1 : 0;
}

/* the finished <c>: its value by type */
static void sheet_cell(sheet_state *s) {
  char ref[16];
  xlsx_cell_name(s->row, s->col, ref);
  if (!s->has_value) return; /* a styled blank */
  xlsx_cell c = {s->row, s->col, XV_BLANK, s->formula, 0, NULL};
  const char *v = s->val.s;
  const char *t = s->type;
  if (!strcmp(t, "s")) {
    char *end;
    long i = strtol(v, &end, 10);
    if (!*v || *end || i < 0 || i >= s->sst->n) return xstop(&s->x, "ô %s: chỉ số chuỗi không hợp lệ", ref);
    c.kind = XV_TEXT;
    c.text = xstrdup(s->sst->v[i]);
  } else if (!strcmp(t, "str") || !strcmp(t, "inlineStr") || !strcmp(t, "d")) {
    c.kind = XV_TEXT;
    c.text = xstrndup(v, s->val.len);
  } else if (!strcmp(t, "b")) {
    if (strcmp(v, "0") && strcmp(v, "1")) return xstop(&s->x, "ô %s: giá trị đúng/sai không hợp lệ", ref);
    c.kind = XV_BOOL;
    c.num = v[0] == '1';
  } else if (!strcmp(t, "e")) {
    c.kind = XV_ERROR;
    c.text = xstrndup(v, s->val.len);
  } else if (!strcmp(t, "n")) {
    if (!*v) return; /* no value */
    if (parse_double(v, &c.num) || !isfinite(c.num)) return xstop(&s->x, "ô %s: số không hợp lệ \"%.40s\"", ref, v);
    c.kind = XV_NUM;
  } else {
    return xstop(&s->x, "ô %s: kiểu ô không hợp lệ \"%s\"", ref, t);
  }
  if (*s->total >= XLSX_CELLS_MAX) {
    free(c.text);
    return xstop(&s->x, "quá nhiều ô (tối đa %d)", XLSX_CELLS_MAX);
  }
  if (s->sh->ncells == s->cap) s->sh->cells = xrealloc(s->sh->cells, sizeof(xlsx_cell) * (size_t)(s->cap = s->cap ? s->cap * 2 : 256));
  s->sh->cells[s->sh->ncells++] = c;
  (*s->total)++;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name) {
  sheet_state *s = ud;
  const char *l = local(name);
  if (!strcmp(l, "sheetData")) s->in_data = 0;
  if (!s->in_data) return;
  if (!strcmp(l, "v")) s->in_v = 0;
  else if (!strcmp(l, "t")) s->in_t = 0;
  else if (!strcmp(l, "rPh") && s->in_rph) s->in_rph--;
  else if (!strcmp(l, "is")) s->in_is = 0;
  else if (!strcmp(l, "c") && s->in_c) {
    s->in_c = s->in_v = s->in_is = s->in_t = s->in_rph = 0;
    sheet_cell(s);
  }
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *text, int len) {
  sheet_state *s = ud;
  if (!s->in_v && !s->in_t) return;
  buf_add(&s->val, text, (size_t)len);
  if (s->val.overflow) xstop(&s->x, "chuỗi dài quá %zu KB", XLSX_STRING_MAX >> 10);
}

static int cmp_cell(const void *x, const void *y) {
  const xlsx_cell *a = x, *b = y;
  if (a->row != b->row) return a->row - b->row;
  return a->col - b->col;
}

/* --- the whole book ------------------------------------------------------------------ */

typedef struct book_job {
  zip_t *z;
  size_t inflated; /* bytes every part read so far inflated to */
  buf part;
  rels_state root, wbrels;
  wb_state wb;
  sst_state sst;
  char *wb_path, *wb_dir;
} book_job;

static void job_release(book_job *j) {
  if (j->z) zip_discard(j->z);
  buf_release(&j->part);
  rels_free(&j->root);
  rels_free(&j->wbrels);
  for (int i = 0; i < j->wb.n; i++) free(j->wb.v[i].name), free(j->wb.v[i].rid);
  free(j->wb.v);
  for (int i = 0; i < j->sst.n; i++) free(j->sst.v[i]);
  free(j->sst.v);
  buf_release(&j->sst.cur);
  free(j->wb_path), free(j->wb_dir);
}

static int open_zip(book_job *j, const void *data, size_t len, char *err, size_t n) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return fail(err, n, "hết bộ nhớ");
  }
  j->z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!j->z) {
    zip_source_free(src);
    zip_error_fini(&ze);
    return fail(err, n, "không phải tệp XLSX (không mở được dạng nén zip)");
  }
  zip_error_fini(&ze);
  return 0;
}

/* _rels/.rels names the workbook part; the default is xl/workbook.xml */
static int find_workbook(book_job *j, char *err, size_t n) {
  int rc = read_part(j->z, &j->inflated, "_rels/.rels", 0, &j->part, err, n);
  if (rc < 0) return -1;
  if (rc == 0 && parse_xml("_rels/.rels", &j->part, &j->root.x, rels_start, no_end, NULL, err, n)) return -1;
  for (int i = 0; i < j->root.n; i++)
    if (ends_with(j->root.v[i].type, "/officeDocument")) j->wb_path = resolve("", j->root.v[i].target);
  if (!j->wb_path) j->wb_path = xstrdup("xl/workbook.xml");
  const char *slash = strrchr(j->wb_path, '/');
  j->wb_dir = xstrndup(j->wb_path, slash ? (size_t)(slash - j->wb_path + 1) : 0);
  return 0;
}

static int read_workbook(book_job *j, char *err, size_t n) {
  if (read_part(j->z, &j->inflated, j->wb_path, 1, &j->part, err, n)) return -1;
  if (parse_xml(j->wb_path, &j->part, &j->wb.x, wb_start, no_end, NULL, err, n)) return -1;
  char rels[512];
  snprintf(rels, sizeof rels, "%s_rels/%s.rels", j->wb_dir, j->wb_path + strlen(j->wb_dir));
  if (read_part(j->z, &j->inflated, rels, 1, &j->part, err, n)) return -1;
  if (parse_xml(rels, &j->part, &j->wbrels.x, rels_start, no_end, NULL, err, n)) return -1;
  for (int i = 0; i < j->wbrels.n; i++) {
    if (!ends_with(j->wbrels.v[i].type, "/sharedStrings")) continue;
    char *path = resolve(j->wb_dir, j->wbrels.v[i].target);
    int rc = read_part(j->z, &j->inflated, path, 1, &j->part, err, n);
    if (!rc) rc = parse_xml(path, &j->part, &j->sst.x, sst_start, sst_end, sst_chars, err, n);
    free(path);
    if (rc) return -1;
    break;
  }
  return 0;
}

static int read_sheet(book_job *j, const sheet_ref *ref, xlsx_sheet *out, int *total, char *err, size_t n) {
  const char *target = NULL;
  for (int i = 0; i < j->wbrels.n; i++)
    if (!strcmp(j->wbrels.v[i].id, ref->rid)) target = j->wbrels.v[i].target;
  if (!target) return fail(err, n, "trang tính \"%s\" không có phần dữ liệu (r:id %s)", ref->name, ref->rid);
  char *path = resolve(j->wb_dir, target);
  sheet_state s;
  memset(&s, 0, sizeof s);
  s.sst = &j->sst;
  s.sh = out;
  s.total = total;
  s.row = -1;
  buf_init(&s.val, XLSX_STRING_MAX);
  int rc = read_part(j->z, &j->inflated, path, 1, &j->part, err, n);
  if (!rc) rc = parse_xml(path, &j->part, &s.x, sheet_start, sheet_end, sheet_chars, err, n);
  buf_release(&s.val);
  if (!rc && out->ncells > 1) {
    qsort(out->cells, (size_t)out->ncells, sizeof *out->cells, cmp_cell);
    for (int i = 1; i < out->ncells; i++)
      if (!cmp_cell(&out->cells[i], &out->cells[i - 1])) {
        char cn[16];
        xlsx_cell_name(out->cells[i].row, out->cells[i].col, cn);
        rc = fail(err, n, "phần %s: ô %s có hai lần", path, cn);
        break;
      }
  }
  free(path);
  return rc;
}

int xlsx_read(xlsx_book *b, const void *data, size_t len, char *err, size_t errlen) {
  memset(b, 0, sizeof *b);
  if (len > XLSX_IN_MAX) return fail(err, errlen, "tệp quá lớn (tối đa %zu MB)", XLSX_IN_MAX >> 20);
  if (len < 4 || memcmp(data, "PK\003\004", 4)) return fail(err, errlen, "không phải tệp XLSX (không phải tệp nén zip)");
  book_job j;
  memset(&j, 0, sizeof j);
  buf_init(&j.part, 0);
  buf_init(&j.sst.cur, XLSX_STRING_MAX);
  int rc = open_zip(&j, data, len, err, errlen);
  if (!rc) rc = find_workbook(&j, err, errlen);
  if (!rc) rc = read_workbook(&j, err, errlen);
  if (!rc && !j.wb.n) rc = fail(err, errlen, "tệp không có trang tính nào");
  if (!rc) {
    b->sheets = xcalloc((size_t)j.wb.n, sizeof(xlsx_sheet));
    int total = 0;
    for (int i = 0; !rc && i < j.wb.n; i++) {
      b->nsheets++;
      b->sheets[i].name = xstrdup(j.wb.v[i].name);
      b->sheets[i].hidden = j.wb.v[i].hidden;
      rc = read_sheet(&j, &j.wb.v[i], &b->sheets[i], &total, err, errlen);
    }
  }
  job_release(&j);
  if (rc) xlsx_book_release(b);
  return rc;
}

void xlsx_book_release(xlsx_book *b) {
  for (int i = 0; i < b->nsheets; i++) {
    for (int k = 0; k < b->sheets[i].ncells; k++) free(b->sheets[i].cells[k].text);
    free(b->sheets[i].cells);
    free(b->sheets[i].name);
  }
  free(b->sheets);
  memset(b, 0, sizeof *b);
}

const xlsx_sheet *xlsx_sheet_find(const xlsx_book *b, const char *name) {
  for (int i = 0; i < b->nsheets; i++)
    if (!strcmp(b->sheets[i].name, name)) return &b->sheets[i];
  return NULL;
}

const xlsx_cell *xlsx_cell_get(const xlsx_sheet *s, int row, int col) {
  xlsx_cell key = {row, col, XV_BLANK, 0, 0, NULL};
  return s->ncells ? bsearch(&key, s->cells, (size_t)s->ncells, sizeof key, cmp_cell) : NULL;
}
