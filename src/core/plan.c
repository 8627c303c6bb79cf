#include "core/plan.h"
#include "core/indicator.h"
#include "util/buf.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------- due ---------------- */

int plan_due_parse(const char *s, plan_due *d) {
  memset(d, 0, sizeof *d);
  if (!strcmp(s, "monthly")) return d->kind = PLAN_DUE_MONTHLY, 0;
  if (!strcmp(s, "quarterly")) return d->kind = PLAN_DUE_QUARTERLY, 0;
  if (!strncmp(s, "yearly:", 7)) {
    const char *m = s + 7;
    size_t n = strlen(m);
    if (n < 1 || n > 2 || m[0] < '0' || m[0] > '9' || (n == 2 && (m[1] < '0' || m[1] > '9'))) return -1;
    d->month = n == 1 ? m[0] - '0' : (m[0] - '0') * 10 + (m[1] - '0');
    if (d->month < 1 || d->month > 12) return -1;
    d->kind = PLAN_DUE_YEARLY;
    return 0;
  }
  if (!date_parse(s, &d->day)) return d->kind = PLAN_DUE_DATE, 0;
  if (!period_parse(s, &d->p)) return d->kind = PLAN_DUE_PERIOD, 0;
  return -1;
}

void plan_due_format(const plan_due *d, char *out, size_t n) {
  char t[11];
  switch (d->kind) {
  case PLAN_DUE_NONE: snprintf(out, n, "%s", ""); return;
  case PLAN_DUE_DATE: date_format_iso(d->day, t); snprintf(out, n, "%s", t); return;
  case PLAN_DUE_PERIOD: period_format(&d->p, t); snprintf(out, n, "%s", t); return;
  case PLAN_DUE_MONTHLY: snprintf(out, n, "monthly"); return;
  case PLAN_DUE_QUARTERLY: snprintf(out, n, "quarterly"); return;
  case PLAN_DUE_YEARLY: snprintf(out, n, "yearly:%d", d->month); return;
  }
}

int plan_due_deadline(const plan_due *d, int year, const period_cfg *cfg) {
  period p = {PERIOD_YEAR, year, 0};
  int first, last;
  switch (d->kind) {
  case PLAN_DUE_NONE: return 0;
  case PLAN_DUE_DATE: return d->day;
  case PLAN_DUE_PERIOD: p = d->p; break;
  case PLAN_DUE_YEARLY: p = (period){PERIOD_MONTH, year, d->month}; break;
  case PLAN_DUE_MONTHLY:
  case PLAN_DUE_QUARTERLY: break;
  }
  period_window(&p, cfg, &first, &last);
  return last;
}

/* ---------------- status, comparators, states ---------------- */

static const char *status_names[] = {"not_started", "in_progress", "done"};
static const char *status_labels[] = {"Chưa thực hiện", "Đang thực hiện", "Hoàn thành"};
const char *plan_status_name(plan_status s) { return status_names[s]; }
const char *plan_status_label_vn(plan_status s) { return status_labels[s]; }
int plan_status_parse(const char *s, plan_status *out) {
  for (int i = 0; i < 3; i++)
    if (s && !strcmp(s, status_names[i])) return *out = (plan_status)i, 0;
  return -1;
}

int plan_overdue(plan_status s, int deadline, int today) { return s != PLAN_DONE && deadline && today > deadline; }

static const char *cmp_names[] = {">=", "<=", "=", ">", "<"};
const char *plan_cmp_name(plan_cmp c) { return cmp_names[c]; }
int plan_cmp_parse(const char *s, plan_cmp *out) {
  for (int i = 0; i < 5; i++)
    if (s && !strcmp(s, cmp_names[i])) return *out = (plan_cmp)i, 0;
  return -1;
}

static const char *state_names[] = {"not_yet", "achieved", "exceeded"};
const char *target_state_name(target_state s) { return state_names[s]; }

target_state plan_target_state(plan_cmp c, double threshold, double value) {
  if (isnan(value)) return TARGET_NOT_YET;
  /* compare what is shown: 2 decimals, in hundredths as integers */
  double v = round(value * 100), t = round(threshold * 100);
  switch (c) {
  case PLAN_CMP_GE: return v < t ? TARGET_NOT_YET : v == t ? TARGET_ACHIEVED : TARGET_EXCEEDED;
  case PLAN_CMP_LE: return v > t ? TARGET_NOT_YET : v == t ? TARGET_ACHIEVED : TARGET_EXCEEDED;
  case PLAN_CMP_GT: return v > t ? TARGET_ACHIEVED : TARGET_NOT_YET;
  case PLAN_CMP_LT: return v < t ? TARGET_ACHIEVED : TARGET_NOT_YET;
  case PLAN_CMP_EQ: return v == t ? TARGET_ACHIEVED : TARGET_NOT_YET;
  }
  return TARGET_NOT_YET;
}

/* ---------------- the document ---------------- */

void plan_doc_init(plan_doc *p) { memset(p, 0, sizeof *p); }

static void item_release(plan_item *it) {
  for (int i = 0; i < it->npartners; i++) free(it->partners[i]);
  free(it->partners);
  free(it->targets);
  free(it->source_text);
}

void plan_doc_release(plan_doc *p) {
  free(p->title);
  free(p->place);
  free(p->preamble);
  for (int i = 0; i < 3; i++) free(p->signer[i]);
  free(p->issuer[0]), free(p->issuer[1]);
  for (int i = 0; i < p->nrecipients; i++) free(p->recipients[i]);
  free(p->recipients);
  for (int i = 0; i < p->nblocks; i++) {
    free(p->blocks[i].title);
    free(p->blocks[i].text);
    if (p->blocks[i].kind == PLAN_ITEM) item_release(&p->blocks[i].item);
  }
  free(p->blocks);
  plan_doc_init(p);
}

int plan_items(const plan_doc *p, plan_item ***items) {
  int n = 0;
  *items = xmalloc(sizeof(plan_item *) * (size_t)(p->nblocks + 1));
  for (int i = 0; i < p->nblocks; i++)
    if (p->blocks[i].kind == PLAN_ITEM) (*items)[n++] = &p->blocks[i].item;
  return n;
}

plan_block *plan_find_item(const plan_doc *p, const char *number) {
  for (int i = 0; i < p->nblocks; i++)
    if (p->blocks[i].kind == PLAN_ITEM && !strcmp(p->blocks[i].item.number, number)) return &p->blocks[i];
  return NULL;
}

/* ---------------- parsing ---------------- */

typedef struct parser {
  plan_doc *doc;
  plan_error *err;
  int line;
  const char *dir;   /* the directive of the line */
  buf text;          /* the current block's text lines */
  int ntext;         /* how many text lines it has */
  int seen_lead, seen_partners, seen_due, seen_source, seen_status; /* of the current item */
  int header_line[16]; /* where each header directive was given (0 = not yet) */
  int first_block_line;
} parser;

static int fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(parser *ps, const char *fmt, ...) {
  ps->err->line = ps->line;
  snprintf(ps->err->directive, sizeof ps->err->directive, "%s", ps->dir ? ps->dir : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
  va_end(ap);
  return -1;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* a symbol, unit code or item number: one word of limited length */
static int word_ok(const char *s, size_t max) {
  if (!*s || strlen(s) >= max) return 0;
  for (; *s; s++)
    if (is_space(*s) || *s == ';') return 0;
  return 1;
}

static int check_word(parser *ps, const char *v, size_t max, const char *what) {
  if (!*v) return fail(ps, "thiếu %s", what);
  if (strlen(v) >= max) return fail(ps, "%s quá dài (tối đa %zu byte): %s", what, max - 1, v);
  if (!word_ok(v, max)) return fail(ps, "%s không được chứa dấu cách hoặc ';': %s", what, v);
  return 0;
}

/* the text collected so far goes to the last block; an item must have text */
static int close_block(parser *ps) {
  plan_doc *d = ps->doc;
  while (ps->text.len && ps->text.s[ps->text.len - 1] == '\n') ps->text.s[--ps->text.len] = 0; /* trailing empty lines */
  if (!d->nblocks) { /* the opening text, before the first section */
    if (ps->text.len) {
      free(d->preamble);
      d->preamble = xstrndup(ps->text.s, ps->text.len);
    }
    buf_reset(&ps->text);
    ps->ntext = 0;
    return 0;
  }
  plan_block *b = &d->blocks[d->nblocks - 1];
  if (b->kind == PLAN_ITEM && !ps->text.len) {
    ps->line = b->line;
    ps->dir = "item";
    return fail(ps, "mục %s không có nội dung (các dòng \"| \" ngay dưới item)", b->item.number);
  }
  free(b->text);
  b->text = xstrndup(ps->text.s, ps->text.len);
  buf_reset(&ps->text);
  ps->ntext = 0;
  return 0;
}

static plan_block *new_block(parser *ps, plan_block_kind k, const char *title) {
  if (close_block(ps)) return NULL;
  plan_doc *d = ps->doc;
  d->blocks = xrealloc(d->blocks, sizeof(plan_block) * (size_t)(d->nblocks + 1));
  plan_block *b = &d->blocks[d->nblocks++];
  memset(b, 0, sizeof *b);
  b->kind = k;
  b->line = ps->line;
  b->title = title ? xstrdup(title) : NULL;
  b->text = xstrdup("");
  ps->seen_lead = ps->seen_partners = ps->seen_due = ps->seen_source = ps->seen_status = 0;
  if (!ps->first_block_line) ps->first_block_line = ps->line;
  return b;
}

static plan_item *current_item(parser *ps) {
  plan_doc *d = ps->doc;
  if (!d->nblocks || d->blocks[d->nblocks - 1].kind != PLAN_ITEM) {
    fail(ps, "\"%s\" chỉ dùng trong một item (đặt ngay dưới dòng item)", ps->dir);
    return NULL;
  }
  return &d->blocks[d->nblocks - 1].item;
}

static int once(parser *ps, int *seen) {
  if (*seen) return fail(ps, "\"%s\" đã có ở dòng %d của mục này", ps->dir, *seen);
  *seen = ps->line;
  return 0;
}

static int parse_number(const char *s, double *v) {
  int digits = 0, dot = 0;
  for (const char *p = s; *p; p++) {
    if (*p >= '0' && *p <= '9') digits++;
    else if (*p == '.' && !dot && digits) dot = 1;
    else return -1;
  }
  if (!digits || s[strlen(s) - 1] == '.' || strlen(s) > 20) return -1;
  *v = strtod(s, NULL);
  return 0;
}

static int parse_small_int(const char *s, int lo, int hi, int *v) {
  if (!*s || strlen(s) > 7) return -1;
  long n = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    n = n * 10 + (*p - '0');
  }
  if (n < lo || n > hi) return -1;
  *v = (int)n;
  return 0;
}

static int code_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

/* an indicator name [a-z0-9_]+, or value:ELEMENT.COMBO (a combo may hold dots: "cap_uy.dinh_ky") */
static int indicator_ok(const char *s) {
  if (strlen(s) >= 96) return 0;
  int value = !strncmp(s, "value:", 6);
  const char *p = value ? s + 6 : s, *start = p;
  while (code_char(*p)) p++;
  if (p == start) return 0;
  if (!value) return !*p;
  if (*p++ != '.' || !code_char(*p)) return 0;
  for (; *p; p++)
    if (!code_char(*p) && !(*p == '.' && code_char(p[1]))) return 0;
  return 1;
}

static int area_ok(const char *s) {
  const char *p = s;
  while (code_char(*p)) p++;
  return p > s && !*p && p - s < 32;
}

/* a list of unit types: items not empty, no quote or control character */
static int unit_types_ok(const char *s, size_t cap) {
  if (!*s || strlen(s) >= cap) return -1;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < ' ' || *p == '"') return -1;
  char item[96];
  for (const char *p = s; unit_types_next(&p, item, sizeof item);)
    if (!*item) return -1;
  return 0;
}

static int parse_target(parser *ps, plan_item *it, char *v) {
  plan_target t;
  memset(&t, 0, sizeof t);
  t.line = ps->line;
  char *tok[16];
  int n = 0;
  for (char *p = v; *p && n < 16;) {
    while (is_space(*p)) *p++ = 0;
    if (!*p) break;
    tok[n++] = p;
    while (*p && !is_space(*p)) {
      if (p[0] == '=' && p[1] == '"') { /* name="a value, with spaces": the quotes dropped */
        char *q = strchr(p + 2, '"');
        if (!q) return fail(ps, "thiếu dấu \" đóng sau %s", tok[n - 1]);
        memmove(p + 1, p + 2, (size_t)(q - p - 2));
        q[-1] = 0;
        p = q + 1;
        if (*p && !is_space(*p)) return fail(ps, "cần dấu cách sau dấu \" đóng");
        break;
      }
      p++;
    }
  }
  if (n < 3)
    return fail(ps, "cần: CHỈ_SỐ SO_SÁNH NGƯỠNG [area=… min=… level=… unit_type=… base=… unit=… period=…]");
  if (n == 16) return fail(ps, "quá nhiều tham số");
  if (!indicator_ok(tok[0]))
    return fail(ps, "chỉ số không hợp lệ: %s (một tên như establishments_dossier, hoặc value:CHỈ_TIÊU.PHÂN_TỔ)", tok[0]);
  snprintf(t.indicator, sizeof t.indicator, "%s", tok[0]);
  if (plan_cmp_parse(tok[1], &t.cmp)) return fail(ps, "phép so sánh không hợp lệ: %s (>=, <=, =, >, <)", tok[1]);
  if (parse_number(tok[2], &t.threshold)) return fail(ps, "ngưỡng không phải số không âm: %s", tok[2]);
  for (int i = 3; i < n; i++) {
    char *eq = strchr(tok[i], '=');
    if (!eq) return fail(ps, "tham số không hợp lệ: %s (dạng tên=giá_trị)", tok[i]);
    *eq = 0;
    const char *k = tok[i], *val = eq + 1;
    int dup = 0;
    if (!strcmp(k, "area")) {
      dup = *t.area != 0;
      if (!dup && !area_ok(val))
        return fail(ps, "area không hợp lệ: %s", val);
      snprintf(t.area, sizeof t.area, "%s", val);
    } else if (!strcmp(k, "min")) {
      dup = t.min != 0;
      if (!dup && parse_small_int(val, 1, 1000000, &t.min)) return fail(ps, "min phải là số nguyên từ 1: %s", val);
    } else if (!strcmp(k, "level")) {
      dup = t.level != 0;
      if (!dup && parse_small_int(val, 1, 99, &t.level)) return fail(ps, "level phải là số nguyên từ 1: %s", val);
    } else if (!strcmp(k, "unit_type")) {
      dup = *t.unit_types != 0;
      if (!dup && unit_types_ok(val, sizeof t.unit_types))
        return fail(ps, "unit_type không hợp lệ: \"%s\" (loại đơn vị, vd. Xã hoặc \"Phường,Thị trấn\")", val);
      snprintf(t.unit_types, sizeof t.unit_types, "%s", val);
    } else if (!strcmp(k, "base")) {
      dup = t.base != 0;
      if (!dup && parse_small_int(val, 1, 9999999, &t.base)) return fail(ps, "base phải là số nguyên từ 1: %s", val);
    } else if (!strcmp(k, "unit")) {
      dup = *t.unit != 0;
      if (!dup && check_word(ps, val, sizeof t.unit, "mã đơn vị")) return -1;
      snprintf(t.unit, sizeof t.unit, "%s", val);
    } else if (!strcmp(k, "period")) {
      period p;
      dup = *t.period != 0;
      if (!dup && period_parse(val, &p)) return fail(ps, "kỳ không hợp lệ: %s (2024, 2024S1, 2024Q2, 202405, 2024C9)", val);
      if (!dup) period_format(&p, t.period);
    } else {
      return fail(ps, "tham số không xác định: %s (area, min, level, unit_type, base, unit, period)", k);
    }
    if (dup) return fail(ps, "tham số %s lặp lại", k);
  }
  it->targets = xrealloc(it->targets, sizeof(plan_target) * (size_t)(it->ntargets + 1));
  it->targets[it->ntargets++] = t;
  return 0;
}

static int parse_partners(parser *ps, plan_item *it, char *v) {
  for (char *p = v;;) {
    char *semi = strchr(p, ';');
    if (semi) *semi = 0;
    while (is_space(*p)) p++;
    size_t n = strlen(p);
    while (n && is_space(p[n - 1])) p[--n] = 0;
    if (check_word(ps, p, PLAN_CODE_MAX, "mã đơn vị phối hợp")) return -1;
    for (int i = 0; i < it->npartners; i++)
      if (!strcmp(it->partners[i], p)) return fail(ps, "đơn vị %s lặp lại", p);
    it->partners = xrealloc(it->partners, sizeof(char *) * (size_t)(it->npartners + 1));
    it->partners[it->npartners++] = xstrdup(p);
    if (!semi) return 0;
    p = semi + 1;
  }
}

static int parse_source(parser *ps, plan_item *it, char *v) {
  char *sp = v;
  while (*sp && !is_space(*sp)) sp++;
  if (!*sp) return fail(ps, "cần: SỐ_KÝ_HIỆU_KẾ_HOẠCH SỐ_MỤC (vd. 136-KH/TU 2.3)");
  *sp++ = 0;
  while (is_space(*sp)) sp++;
  if (check_word(ps, v, PLAN_SYMBOL_MAX, "số, ký hiệu kế hoạch") || check_word(ps, sp, PLAN_NUMBER_MAX, "số mục"))
    return -1;
  if (*ps->doc->symbol && !strcmp(v, ps->doc->symbol)) return fail(ps, "một mục không lấy từ chính kế hoạch này");
  snprintf(it->source_plan, sizeof it->source_plan, "%s", v);
  snprintf(it->source_number, sizeof it->source_number, "%s", sp);
  return 0;
}

static int parse_signer(parser *ps, char *v) {
  char *part[3];
  int n = 0;
  for (char *p = v; n < 3;) {
    char *bar = strchr(p, '|');
    if (bar) *bar = 0;
    while (is_space(*p)) p++;
    size_t len = strlen(p);
    while (len && is_space(p[len - 1])) p[--len] = 0;
    part[n++] = p;
    if (!bar) break;
    p = bar + 1;
    if (n == 3) return fail(ps, "cần đúng 3 phần, ngăn bởi \"|\": T/M ĐẢNG ỦY | PHÓ BÍ THƯ | Họ tên");
  }
  if (n != 3) return fail(ps, "cần đúng 3 phần, ngăn bởi \"|\": T/M ĐẢNG ỦY | PHÓ BÍ THƯ | Họ tên");
  for (int i = 1; i < 3; i++) /* the first ("T/M …", "K/T …") is empty when the head signs in their own right */
    if (!*part[i]) return fail(ps, "phần %d của khối chữ ký trống", i + 1);
  for (int i = 0; i < 3; i++) ps->doc->signer[i] = xstrdup(part[i]);
  return 0;
}

/* "issuer THÀNH ỦY HẢI PHÒNG" or "issuer ĐẢNG BỘ TỈNH THÁI NGUYÊN | HUYỆN ỦY ĐỊNH HÓA" */
static int parse_issuer(parser *ps, char *v) {
  char *bar = strchr(v, '|'), *part[2] = {v, NULL};
  if (bar) {
    *bar = 0;
    part[1] = bar + 1;
    if (strchr(part[1], '|')) return fail(ps, "tối đa 2 dòng, ngăn bởi \"|\": ĐẢNG BỘ TỈNH … | HUYỆN ỦY …");
  }
  for (int i = 0; i < 2 && part[i]; i++) {
    char *p = part[i];
    while (is_space(*p)) p++;
    size_t len = strlen(p);
    while (len && is_space(p[len - 1])) p[--len] = 0;
    if (!*p) return fail(ps, "dòng %d của tên cơ quan ban hành trống", i + 1);
    ps->doc->issuer[i] = xstrdup(p);
  }
  return 0;
}

static const char *header_names[] = {"plan", "unit", "date", "year", "title", "basis", "place", "issuer", "signer", "recipient"};
enum { H_PLAN, H_UNIT, H_DATE, H_YEAR, H_TITLE, H_BASIS, H_PLACE, H_ISSUER, H_SIGNER, H_RECIPIENT, H_COUNT };

static int header(parser *ps, int h, char *v) {
  plan_doc *d = ps->doc;
  if (d->nblocks) return fail(ps, "\"%s\" thuộc phần đầu kế hoạch, phải đứng trước section đầu tiên", ps->dir);
  if (h != H_RECIPIENT && ps->header_line[h]) return fail(ps, "\"%s\" đã có ở dòng %d", ps->dir, ps->header_line[h]);
  if (!*v) return fail(ps, "\"%s\" thiếu giá trị", ps->dir);
  ps->header_line[h] = ps->line;
  switch (h) {
  case H_PLAN:
    if (check_word(ps, v, sizeof d->symbol, "số, ký hiệu kế hoạch")) return -1;
    snprintf(d->symbol, sizeof d->symbol, "%s", v);
    d->symbol_line = ps->line;
    return 0;
  case H_UNIT:
    if (check_word(ps, v, sizeof d->unit, "mã đơn vị")) return -1;
    snprintf(d->unit, sizeof d->unit, "%s", v);
    d->unit_line = ps->line;
    return 0;
  case H_DATE:
    if (date_parse(v, &d->day)) return fail(ps, "ngày không hợp lệ: %s (YYYY-MM-DD)", v);
    return 0;
  case H_YEAR:
    if (parse_small_int(v, 1900, 2999, &d->year) || strlen(v) != 4) return fail(ps, "năm không hợp lệ: %s", v);
    return 0;
  case H_TITLE: d->title = xstrdup(v); return 0;
  case H_BASIS:
    if (check_word(ps, v, sizeof d->basis, "số, ký hiệu kế hoạch căn cứ")) return -1;
    snprintf(d->basis, sizeof d->basis, "%s", v);
    d->basis_line = ps->line;
    return 0;
  case H_PLACE: d->place = xstrdup(v); return 0;
  case H_ISSUER: return parse_issuer(ps, v);
  case H_SIGNER: return parse_signer(ps, v);
  case H_RECIPIENT:
    d->recipients = xrealloc(d->recipients, sizeof(char *) * (size_t)(d->nrecipients + 1));
    d->recipients[d->nrecipients++] = xstrdup(v);
    return 0;
  }
  return 0;
}

static int item_directive(parser *ps, const char *name, char *v) {
  plan_item *it = current_item(ps);
  if (!it) return -1;
  if (!*v) return fail(ps, "\"%s\" thiếu giá trị", name);
  if (!strcmp(name, "lead")) {
    if (once(ps, &ps->seen_lead) || check_word(ps, v, sizeof it->lead, "mã đơn vị chủ trì")) return -1;
    snprintf(it->lead, sizeof it->lead, "%s", v);
    it->lead_line = ps->line;
    return 0;
  }
  if (!strcmp(name, "partners")) {
    if (once(ps, &ps->seen_partners) || parse_partners(ps, it, v)) return -1;
    it->partners_line = ps->line;
    return 0;
  }
  if (!strcmp(name, "due")) {
    if (once(ps, &ps->seen_due)) return -1;
    if (plan_due_parse(v, &it->due))
      return fail(ps, "thời hạn không hợp lệ: %s (một ngày 2024-03-10, một kỳ 2024Q2, monthly, quarterly, yearly:10)", v);
    it->due_line = ps->line;
    return 0;
  }
  if (!strcmp(name, "source")) {
    if (once(ps, &ps->seen_source) || parse_source(ps, it, v)) return -1;
    it->source_line = ps->line;
    return 0;
  }
  if (!strcmp(name, "status")) {
    if (once(ps, &ps->seen_status)) return -1;
    if (!strcmp(v, "overdue")) return fail(ps, "\"overdue\" (quá hạn) được tính từ thời hạn, không ghi vào tệp");
    if (plan_status_parse(v, &it->status)) return fail(ps, "trạng thái không hợp lệ: %s (not_started, in_progress, done)", v);
    return 0;
  }
  return parse_target(ps, it, v);
}

static int directive(parser *ps, char *s) {
  char name[16];
  size_t n = 0;
  while (s[n] >= 'a' && s[n] <= 'z') n++;
  if (n == 0 || n >= sizeof name || (s[n] && !is_space(s[n]))) {
    size_t w = 0;
    while (s[w] && !is_space(s[w]) && w < sizeof name - 1) w++;
    memcpy(name, s, w);
    name[w] = 0;
    ps->dir = name;
    return fail(ps, "không hiểu dòng: chỉ dẫn \"%s\" không có (xem docs/plans.md)", name);
  }
  memcpy(name, s, n);
  name[n] = 0;
  ps->dir = name;
  char *v = s + n;
  while (is_space(*v)) v++;
  size_t len = strlen(v);
  while (len && is_space(v[len - 1])) v[--len] = 0;
  for (int h = 0; h < H_COUNT; h++)
    if (!strcmp(name, header_names[h])) return header(ps, h, v);
  if (!strcmp(name, "section") || !strcmp(name, "heading")) {
    if (!*v) return fail(ps, "\"%s\" thiếu tiêu đề", name);
    int heading = name[0] == 'h';
    if (heading && !ps->doc->nblocks) return fail(ps, "\"heading\" phải nằm trong một section");
    return new_block(ps, heading ? PLAN_HEADING : PLAN_SECTION, v) ? 0 : -1;
  }
  if (!strcmp(name, "item")) {
    if (check_word(ps, v, PLAN_NUMBER_MAX, "số mục")) return -1;
    if (!ps->doc->nblocks) return fail(ps, "\"item\" phải nằm trong một section");
    plan_block *dup = plan_find_item(ps->doc, v);
    if (dup) return fail(ps, "mục %s đã có ở dòng %d (số mục không được trùng trong một kế hoạch)", v, dup->line);
    plan_block *b = new_block(ps, PLAN_ITEM, NULL);
    if (!b) return -1;
    snprintf(b->item.number, sizeof b->item.number, "%s", v);
    return 0;
  }
  static const char *item_names[] = {"lead", "partners", "due", "source", "status", "target"};
  for (size_t i = 0; i < sizeof item_names / sizeof *item_names; i++)
    if (!strcmp(name, item_names[i])) return item_directive(ps, name, v);
  return fail(ps, "chỉ dẫn \"%s\" không có (xem docs/plans.md)", name);
}

static int text_line(parser *ps, const char *s) {
  ps->dir = "|";
  s++;
  if (*s == ' ') s++;
  if (ps->ntext++) buf_addc(&ps->text, '\n');
  buf_adds(&ps->text, s);
  return 0;
}

static int finish(parser *ps, int last_line) {
  if (close_block(ps)) return -1;
  static const int required[] = {H_PLAN, H_UNIT, H_DATE, H_YEAR, H_TITLE};
  for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
    int h = required[i];
    if (ps->header_line[h]) continue;
    ps->line = ps->first_block_line ? ps->first_block_line : last_line + 1;
    ps->dir = header_names[h];
    return fail(ps, "thiếu \"%s\" ở phần đầu kế hoạch", header_names[h]);
  }
  plan_doc *d = ps->doc;
  if (*d->basis && !strcmp(d->basis, d->symbol)) {
    ps->line = d->basis_line;
    ps->dir = "basis";
    return fail(ps, "kế hoạch không căn cứ vào chính nó");
  }
  for (int i = 0; i < d->nblocks; i++) { /* a source given before the plan line */
    plan_item *it = &d->blocks[i].item;
    if (d->blocks[i].kind == PLAN_ITEM && *it->source_plan && !strcmp(it->source_plan, d->symbol)) {
      ps->line = it->source_line;
      ps->dir = "source";
      return fail(ps, "một mục không lấy từ chính kế hoạch này");
    }
  }
  return 0;
}

int plan_parse(plan_doc *out, const char *text, size_t len, plan_error *err) {
  plan_doc_init(out);
  memset(err, 0, sizeof *err);
  parser ps;
  memset(&ps, 0, sizeof ps);
  ps.doc = out;
  ps.err = err;
  buf_init(&ps.text, 0);
  int rc = 0;
  const char *p = text, *end = text + len;
  while (!rc && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t full = nl ? (size_t)(nl - p) : (size_t)(end - p), n = full;
    if (n && p[n - 1] == '\r') n--; /* CRLF files read as LF */
    int has_nul = memchr(p, 0, n) != NULL;
    char *line = xstrndup(p, n);
    p += full + (nl ? 1 : 0);
    ps.line++;
    ps.dir = NULL;
    char *s = line;
    while (is_space(*s)) s++;
    if (has_nul) rc = fail(&ps, "dòng có ký tự NUL");
    else if (!*s || *s == '#') rc = 0;
    else if (*s == '|') rc = text_line(&ps, s);
    else rc = directive(&ps, s);
    free(line);
  }
  if (!rc) rc = finish(&ps, ps.line);
  buf_release(&ps.text);
  return rc;
}

/* ---------------- printing ---------------- */

static void print_text(buf *out, const char *text) {
  if (!*text) return;
  for (const char *p = text;;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n) {
      buf_adds(out, "| ");
      buf_add(out, p, n);
      buf_addc(out, '\n');
    } else {
      buf_adds(out, "|\n");
    }
    if (!nl) return;
    p = nl + 1;
  }
}

void plan_target_format(const plan_target *t, buf *out) {
  buf_addf(out, "%s %s %.15g", t->indicator, plan_cmp_name(t->cmp), t->threshold);
  if (*t->area) buf_addf(out, " area=%s", t->area);
  if (t->min) buf_addf(out, " min=%d", t->min);
  if (t->level) buf_addf(out, " level=%d", t->level);
  if (*t->unit_types) buf_addf(out, strchr(t->unit_types, ' ') ? " unit_type=\"%s\"" : " unit_type=%s", t->unit_types);
  if (t->base) buf_addf(out, " base=%d", t->base);
  if (*t->unit) buf_addf(out, " unit=%s", t->unit);
  if (*t->period) buf_addf(out, " period=%s", t->period);
}

static void print_item(buf *out, const plan_block *b) {
  const plan_item *it = &b->item;
  buf_addf(out, "item %s\n", it->number);
  print_text(out, b->text);
  if (*it->lead) buf_addf(out, "lead %s\n", it->lead);
  for (int i = 0; i < it->npartners; i++) buf_addf(out, "%s%s", i ? ";" : "partners ", it->partners[i]);
  if (it->npartners) buf_addc(out, '\n');
  if (it->due.kind != PLAN_DUE_NONE) {
    char d[16];
    plan_due_format(&it->due, d, sizeof d);
    buf_addf(out, "due %s\n", d);
  }
  if (*it->source_plan) buf_addf(out, "source %s %s\n", it->source_plan, it->source_number);
  if (it->status != PLAN_NOT_STARTED) buf_addf(out, "status %s\n", plan_status_name(it->status));
  for (int i = 0; i < it->ntargets; i++) {
    buf_adds(out, "target ");
    plan_target_format(&it->targets[i], out);
    buf_addc(out, '\n');
  }
}

void plan_print(const plan_doc *p, buf *out) {
  char date[11];
  date_format_iso(p->day, date);
  buf_addf(out, "plan %s\nunit %s\ndate %s\nyear %d\ntitle %s\n", p->symbol, p->unit, date, p->year,
           p->title ? p->title : "");
  if (*p->basis) buf_addf(out, "basis %s\n", p->basis);
  if (p->place) buf_addf(out, "place %s\n", p->place);
  if (p->issuer[1]) buf_addf(out, "issuer %s | %s\n", p->issuer[0], p->issuer[1]);
  else if (p->issuer[0]) buf_addf(out, "issuer %s\n", p->issuer[0]);
  if (p->signer[0] && *p->signer[0]) buf_addf(out, "signer %s | %s | %s\n", p->signer[0], p->signer[1], p->signer[2]);
  else if (p->signer[0]) buf_addf(out, "signer | %s | %s\n", p->signer[1], p->signer[2]);
  for (int i = 0; i < p->nrecipients; i++) buf_addf(out, "recipient %s\n", p->recipients[i]);
  if (p->preamble && *p->preamble) {
    buf_addc(out, '\n');
    print_text(out, p->preamble);
  }
  for (int i = 0; i < p->nblocks; i++) {
    const plan_block *b = &p->blocks[i];
    buf_addc(out, '\n');
    if (b->kind == PLAN_ITEM) {
      print_item(out, b);
      continue;
    }
    buf_addf(out, "%s %s\n", b->kind == PLAN_SECTION ? "section" : "heading", b->title);
    print_text(out, b->text);
  }
}

/* ---------------- word diff ---------------- */

#define DIFF_MAX_WORDS 2000

typedef struct words {
  const char **w;
  int *len;
  int n;
} words;

static void split_words(const char *s, words *out) {
  out->n = 0;
  out->w = NULL;
  out->len = NULL;
  int cap = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    if (!*p) break;
    const char *st = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
    if (out->n == cap) {
      cap = cap ? cap * 2 : 64;
      out->w = xrealloc(out->w, sizeof(char *) * (size_t)cap);
      out->len = xrealloc(out->len, sizeof(int) * (size_t)cap);
    }
    out->w[out->n] = st;
    out->len[out->n++] = (int)(p - st);
  }
}

static int word_eq(const words *a, int i, const words *b, int j) {
  return a->len[i] == b->len[j] && !memcmp(a->w[i], b->w[j], (size_t)a->len[i]);
}

static void emit(buf *out, const words *w, int from, int to, const char *open, const char *close) {
  if (from >= to) return;
  if (out->len) buf_addc(out, ' ');
  buf_adds(out, open);
  for (int i = from; i < to; i++) {
    if (i > from) buf_addc(out, ' ');
    buf_add(out, w->w[i], (size_t)w->len[i]);
  }
  buf_adds(out, close);
}

char *plan_word_diff(const char *before, const char *after) {
  words a, b;
  split_words(before ? before : "", &a);
  split_words(after ? after : "", &b);
  buf out;
  buf_init(&out, 0);
  int pre = 0, suf = 0;
  while (pre < a.n && pre < b.n && word_eq(&a, pre, &b, pre)) pre++;
  while (suf < a.n - pre && suf < b.n - pre && word_eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf)) suf++;
  emit(&out, &a, 0, pre, "", "");
  int n = a.n - pre - suf, m = b.n - pre - suf;
  if (n > DIFF_MAX_WORDS || m > DIFF_MAX_WORDS || (n && m && (size_t)n * (size_t)m > 4000000)) {
    emit(&out, &a, pre, pre + n, "[-", "-]");
    emit(&out, &b, pre, pre + m, "{+", "+}");
  } else {
    /* lcs[i][j]: the longest common run of a[pre+i..] and b[pre+j..] */
    size_t w = (size_t)m + 1;
    unsigned short *lcs = xcalloc(((size_t)n + 1) * w, sizeof *lcs);
    for (int i = n - 1; i >= 0; i--)
      for (int j = m - 1; j >= 0; j--)
        lcs[i * w + j] = word_eq(&a, pre + i, &b, pre + j) ? (unsigned short)(lcs[(i + 1) * w + j + 1] + 1)
                         : lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] ? lcs[(i + 1) * w + j]
                                                                     : lcs[i * w + j + 1];
    int i = 0, j = 0, di = 0, dj = 0; /* a[di..i) removed and b[dj..j) added since the last common word */
    while (i < n || j < m) {
      if (i < n && j < m && word_eq(&a, pre + i, &b, pre + j)) {
        emit(&out, &a, pre + di, pre + i, "[-", "-]");
        emit(&out, &b, pre + dj, pre + j, "{+", "+}");
        emit(&out, &a, pre + i, pre + i + 1, "", "");
        di = ++i;
        dj = ++j;
      } else if (j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
        i++;
      } else {
        j++;
      }
    }
    emit(&out, &a, pre + di, pre + i, "[-", "-]");
    emit(&out, &b, pre + dj, pre + j, "{+", "+}");
    free(lcs);
  }
  emit(&out, &a, a.n - suf, a.n, "", "");
  free(a.w), free(a.len), free(b.w), free(b.len);
  return buf_detach(&out, NULL);
}
