/* Font coverage and linked figures of the official documents. */
#include "app/app_doc_check.h"
#include "app/app_internal.h"
#include "core/doc_link.h"
#include "export/font_cover.h"
#include "export/report_out.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- every character in the document font ------------------------------------- */

/* "ký tự U+8C8C “貌” không có trong phông chữ Times New Roman (Liberation Serif)" */
static int font_refusal(const char *family, const font_gap *g, const char *field, const char *where, dv_err *e) {
  char name[128], ch[5] = "";
  font_cover_font_name(family, name, sizeof name);
  unsigned c = g->cp;
  if (c < 0x800) snprintf(ch, sizeof ch, "%c%c", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
  else if (c < 0x10000) snprintf(ch, sizeof ch, "%c%c%c", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
  else snprintf(ch, sizeof ch, "%c%c%c%c", 0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
  return dv_fail(e, DV_EINVAL, g->line, field,
                 "%s, dòng %d, cột %d: ký tự U+%04X “%s” không có trong phông chữ %s (%s) của văn bản, sẽ in ra "
                 "thành ô trống; hãy gõ lại chữ đúng",
                 where, g->line, g->col, c, ch, family, name[0] ? name : "?");
}

static int check_text(const char *family, const char *text, const char *field, const char *where, dv_err *e) {
  font_gap g;
  return font_cover_gap(family, text, &g) ? font_refusal(family, &g, field, where, e) : 0;
}

/* "mục p1.V “V. ĐÁNH GIÁ CHUNG”": the heading when it has no placeholder */
static void section_words(const report_section *s, char *out, size_t n) {
  const char *h = s->heading ? s->heading : s->group;
  if (h && !strchr(h, '{')) snprintf(out, n, "mục %s “%s”", s->key, h);
  else snprintf(out, n, "mục %s", s->key);
}

int app_report_doc_fonts(app *a, const report_doc *d, dv_err *e) {
  doc_style st;
  app_doc_style(a, &st);
  const struct {
    const char *field, *where, *text;
  } F[] = {{"title", "trích yếu", d->title},
           {"recipients", "nơi nhận", d->recipients},
           {"place", "nơi ban hành", d->place},
           {"parent_body", "cơ quan cấp trên", d->parent_body},
           {"issuer", "cơ quan ban hành", d->issuer},
           {"issuer_long", "tên đầy đủ của cơ quan ban hành", d->issuer_long},
           {"sign_on_behalf", "thẩm quyền ký", d->sign_on_behalf},
           {"sign_position", "chức vụ người ký", d->sign_position},
           {"sign_name", "họ và tên người ký", d->sign_name}};
  for (size_t i = 0; i < sizeof F / sizeof F[0]; i++)
    if (check_text(st.font, F[i].text, F[i].field, F[i].where, e)) return e->code;
  for (int i = 0; i < report_nsections; i++) {
    char where[300];
    section_words(&report_sections[i], where, sizeof where);
    if (check_text(st.font, d->sections[i], report_sections[i].key, where, e)) return e->code;
  }
  return 0;
}

static int check_annex(const char *family, const doc_annex *x, const char *what, dv_err *e) {
  const rtable *t = x->table;
  char where[300];
  snprintf(where, sizeof where, "%s, %s, tiêu đề", what, t->form);
  if (check_text(family, x->title, "", where, e) || check_text(family, x->attached, "", where, e)) return e->code;
  for (int c = 0; c < t->ncols; c++)
    for (char **p = t->paths[c]; p && *p; p++) {
      snprintf(where, sizeof where, "%s, %s, tiêu đề cột %d", what, t->form, c + 1);
      if (check_text(family, *p, "", where, e)) return e->code;
    }
  for (int r = 0; r < t->nrows; r++) {
    snprintf(where, sizeof where, "%s, %s, dòng %d", what, t->form, r + 1);
    if (check_text(family, t->rows[r].label, "", where, e)) return e->code;
    for (int c = 0; c < t->ncols; c++) {
      if (t->rows[r].cells[c].kind != CELL_TEXT) continue;
      snprintf(where, sizeof where, "%s, %s, dòng %d, ô cột %d", what, t->form, r + 1, c + 1);
      if (check_text(family, t->rows[r].cells[c].text, "", where, e)) return e->code;
    }
  }
  return 0;
}

int app_official_doc_fonts(const official_doc *d, const char *what, dv_err *e) {
  const char *family = d->style.font;
  char where[300];
  const char *head[] = {d->parent_body, d->issuer, d->number, d->date_line, d->kind_title, d->subtitle,
                        d->sign_on_behalf, d->sign_position, d->sign_name};
  snprintf(where, sizeof where, "%s, phần đầu hoặc chữ ký", what);
  for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
    if (check_text(family, head[i], "", where, e)) return e->code;
  for (int i = 0; i < d->nparas; i++) {
    snprintf(where, sizeof where, "%s, đoạn %d", what, i + 1);
    if (check_text(family, d->paras[i].text, "", where, e)) return e->code;
  }
  for (int i = 0; i < d->nrecipients; i++) {
    snprintf(where, sizeof where, "%s, nơi nhận thứ %d", what, i + 1);
    if (check_text(family, d->recipients[i], "recipients", where, e)) return e->code;
  }
  for (int i = 0; i < d->nannexes; i++)
    if (check_annex(family, &d->annexes[i], what, e)) return e->code;
  return 0;
}

/* --- linked figures ------------------------------------------------------------ */

/* the annexes a report links to, computed once each */
typedef struct annex_cache {
  char form[32];
  rtable t;
  int ok;
} annex_cache;

typedef struct stale_list {
  doc_stale *v;
  int n, cap;
} stale_list;

static const rtable *annex_for(app *a, const user *u, const report_doc *d, const char *code, annex_cache **cache,
                               int *ncache) {
  for (int i = 0; i < *ncache; i++)
    if (!strcmp((*cache)[i].form, code)) return (*cache)[i].ok ? &(*cache)[i].t : NULL;
  *cache = xrealloc(*cache, sizeof **cache * (size_t)(*ncache + 1));
  annex_cache *c = &(*cache)[(*ncache)++];
  memset(c, 0, sizeof *c);
  snprintf(c->form, sizeof c->form, "%s", code);
  dv_err ignore;
  c->ok = app_report(a, u, code, d->unit_code, d->period, 0, &c->t, &ignore) == 0;
  return c->ok ? &c->t : NULL;
}

/* the annex's figure the link names, formatted as offered; "" when blank or gone */
static void figure_now(const rtable *t, const doc_link *l, buf *out) {
  if (!t || !t->nrows || l->col > t->ncols) return;
  int level = doc_link_row_level(l->row);
  const rrow *row = NULL;
  if (level == 0) row = &t->rows[t->nrows - 1];
  for (int r = 0; level > 0 && r < t->nrows && !row; r++)
    if (!t->rows[r].is_total && t->rows[r].level == level) row = &t->rows[r];
  if (row && row->cells[l->col - 1].kind == CELL_NUM) format_number_vn(out, row->cells[l->col - 1].num);
}

/* the end of a sentence: ". " or a line's end (a "." inside "1.493" is not one) */
static int sentence_end(const char *p) { return *p == '\n' || ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || !p[1])); }

/* the sentence of text around [at, at+len) as printed: markup resolved, footnotes left out */
static char *sentence_at(const char *text, const char *at) {
  const char *from = at, *to = at;
  while (from > text && !sentence_end(from - 1)) from--;
  while (*from == ' ') from++;
  while (*to && !sentence_end(to)) to++;
  if (*to && *to != '\n') to++;
  char *raw = xstrndup(from, (size_t)(to - from)), *storage;
  doc_run *runs;
  int nr = doc_runs(raw, &runs, &storage);
  buf b;
  buf_init(&b, 0);
  for (int i = 0; i < nr; i++)
    if (!runs[i].footnote) buf_add(&b, runs[i].text, (size_t)runs[i].len);
  free(runs), free(storage), free(raw);
  return buf_detach(&b, NULL);
}

static void push_stale(stale_list *l, const char *section, const char *text, const char *at, const doc_link *k,
                       const char *now) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 4;
    l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
  }
  doc_stale *s = &l->v[l->n++];
  memset(s, 0, sizeof *s);
  s->section = section;
  s->sentence = sentence_at(text, at);
  s->shown = xstrndup(k->shown, (size_t)k->shown_len);
  s->now = xstrdup(now);
  snprintf(s->form, sizeof s->form, "%s", k->form);
}

int app_report_doc_stale(app *a, const user *u, const report_doc *d, doc_stale **out, int *n) {
  stale_list l = {0};
  annex_cache *cache = NULL;
  int ncache = 0;
  for (int i = 0; i < report_nsections; i++) {
    const char *text = d->sections[i] ? d->sections[i] : "";
    for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
      doc_link k;
      if (!doc_link_parse(p, &k)) {
        p += 2;
        continue;
      }
      buf now;
      buf_init(&now, 0);
      figure_now(annex_for(a, u, d, k.form, &cache, &ncache), &k, &now);
      if (now.len != (size_t)k.shown_len || strncmp(now.s, k.shown, now.len))
        push_stale(&l, report_sections[i].key, text, p, &k, now.s);
      buf_release(&now);
      p += k.len;
    }
  }
  for (int i = 0; i < ncache; i++)
    if (cache[i].ok) rtable_release(&cache[i].t);
  free(cache);
  *out = l.v;
  *n = l.n;
  return 0;
}

void doc_stale_release(doc_stale *s, int n) {
  for (int i = 0; i < n; i++) free(s[i].sentence), free(s[i].shown), free(s[i].now);
  free(s);
}

void doc_stale_describe(const doc_stale *s, buf *out) {
  if (s->now[0])
    buf_addf(out, "mục %s: số %s trong câu “%s” nay là %s theo %s", s->section, s->shown, s->sentence, s->now, s->form);
  else
    buf_addf(out, "mục %s: số %s trong câu “%s” nay không còn trong %s", s->section, s->shown, s->sentence, s->form);
}
