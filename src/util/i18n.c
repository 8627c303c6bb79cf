/* The English catalogue: po/en.po parsed once into an open-addressing hash
 * table (msgid → msgstr), plus the list of entries whose msgid is a printf
 * format, for text that was formatted before it reached the output layer. */
#include "util/i18n.h"
#include "util/embedded.h"
#include "util/esc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONV 8

typedef struct entry {
  char *id, *str;
} entry;

typedef struct catalogue {
  entry *slots; /* cap slots, id NULL = empty */
  size_t cap, n;
  entry *formats; /* entries whose msgid has a conversion */
  size_t nformats;
} catalogue;

static __thread dv_lang cur_lang;
static catalogue en_cat;
static pthread_once_t en_once = PTHREAD_ONCE_INIT;

void i18n_set(dv_lang l) { cur_lang = l; }
dv_lang i18n_get(void) { return cur_lang; }
const char *i18n_code(dv_lang l) { return l == LANG_EN ? "en" : "vi"; }

int i18n_parse(const char *s, dv_lang *l) {
  if (s && strcmp(s, "vi") == 0) *l = LANG_VI;
  else if (s && strcmp(s, "en") == 0) *l = LANG_EN;
  else return -1;
  return 0;
}

/* --- printf conversions --------------------------------------------------- */

/* the next conversion of fmt from *p ("%s", "%lld", "%.1f"; "%%" skipped):
 * its start and length, or 0 at the end */
static size_t next_conv(const char **p, const char **start) {
  for (const char *s = *p; (s = strchr(s, '%'));) {
    if (s[1] == '%') {
      s += 2;
      continue;
    }
    const char *e = s + 1;
    while (*e && strchr("-+ #0123456789.*'hlLqjzt", *e)) e++;
    if (!*e) return 0;
    *start = s;
    *p = e + 1;
    return (size_t)(e + 1 - s);
  }
  return 0;
}

/* 1 when a and b have the same conversions in the same order */
static int same_convs(const char *a, const char *b) {
  const char *sa, *sb;
  for (;;) {
    size_t na = next_conv(&a, &sa), nb = next_conv(&b, &sb);
    if (na != nb || (na && memcmp(sa, sb, na) != 0)) return 0;
    if (!na) return 1;
  }
}

static int has_conv(const char *s) {
  const char *st;
  return next_conv(&s, &st) != 0;
}

/* --- the table ------------------------------------------------------------ */

static uint64_t hash_n(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

static void cat_put(catalogue *c, char *id, char *str);

static void cat_grow(catalogue *c) {
  catalogue old = *c;
  c->cap = old.cap ? old.cap * 2 : 1024;
  c->slots = xcalloc(c->cap, sizeof(entry));
  c->n = 0;
  for (size_t i = 0; i < old.cap; i++)
    if (old.slots[i].id) cat_put(c, old.slots[i].id, old.slots[i].str);
  free(old.slots);
}

/* takes id and str; a second entry of the same id replaces the first */
static void cat_put(catalogue *c, char *id, char *str) {
  if ((c->n + 1) * 2 > c->cap) cat_grow(c);
  size_t i = hash_n(id, strlen(id)) & (c->cap - 1);
  while (c->slots[i].id && strcmp(c->slots[i].id, id) != 0) i = (i + 1) & (c->cap - 1);
  if (!c->slots[i].id) c->n++;
  c->slots[i].id = id;
  c->slots[i].str = str;
}

static const char *cat_get(const catalogue *c, const char *s, size_t n) {
  if (!c->cap) return NULL;
  size_t i = hash_n(s, n) & (c->cap - 1);
  for (; c->slots[i].id; i = (i + 1) & (c->cap - 1))
    if (strncmp(c->slots[i].id, s, n) == 0 && c->slots[i].id[n] == 0) return c->slots[i].str;
  return NULL;
}

static void cat_index_formats(catalogue *c) {
  for (size_t i = 0; i < c->cap; i++) {
    if (!c->slots[i].id || !has_conv(c->slots[i].id)) continue;
    c->formats = xrealloc(c->formats, sizeof(entry) * (c->nformats + 1));
    c->formats[c->nformats++] = c->slots[i];
  }
}

/* --- the PO parser -------------------------------------------------------- */

/* appends the C-escaped string of a "..." token at *p to b; -1 if it is not one */
static int po_string(const char **p, buf *b) {
  const char *s = *p;
  while (*s == ' ' || *s == '\t') s++;
  if (*s++ != '"') return -1;
  for (; *s && *s != '"' && *s != '\n'; s++) {
    if (*s != '\\') {
      buf_addc(b, *s);
      continue;
    }
    s++;
    char ch = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
    if (!strchr("nt\"\\", *s)) return -1;
    buf_addc(b, ch);
  }
  if (*s != '"') return -1;
  *p = s + 1;
  return 0;
}

typedef struct po_state {
  buf id, str;
  int in_str, have, fuzzy, kept, bad;
} po_state;

static void po_flush(po_state *st, catalogue *c) {
  if (st->have && st->id.len && st->str.len && !st->fuzzy) {
    if (same_convs(st->id.s, st->str.s)) {
      cat_put(c, buf_detach(&st->id, NULL), buf_detach(&st->str, NULL));
      st->kept++;
    } else {
      st->bad++;
    }
  }
  buf_reset(&st->id);
  buf_reset(&st->str);
  st->have = st->fuzzy = st->in_str = 0;
}

/* one line of PO text; -1 on a syntax error */
static int po_line(po_state *st, catalogue *c, const char *l) {
  while (*l == ' ' || *l == '\t') l++;
  if (*l == '#') {
    if (strncmp(l, "#,", 2) == 0 && strstr(l, "fuzzy") && !st->have) st->fuzzy = 1;
    return 0; /* comments, references, obsolete "#~" entries */
  }
  if (*l == '\n' || !*l) return 0;
  if (*l == '"') return po_string(&l, st->in_str ? &st->str : &st->id);
  if (strncmp(l, "msgid ", 6) == 0) {
    int fuzzy = st->fuzzy;
    po_flush(st, c);
    st->fuzzy = fuzzy;
    st->have = 1;
    l += 6;
    return po_string(&l, &st->id);
  }
  if (strncmp(l, "msgstr ", 7) == 0 && st->have && !st->in_str) {
    st->in_str = 1;
    l += 7;
    return po_string(&l, &st->str);
  }
  return -1;
}

static int po_parse(const char *text, catalogue *c, int *bad, int *line) {
  po_state st = {0};
  buf_init(&st.id, 0);
  buf_init(&st.str, 0);
  int ln = 0, rc = 0;
  for (const char *p = text; p && *p && !rc;) {
    ln++;
    const char *nl = strchr(p, '\n');
    char *l = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
    rc = po_line(&st, c, l);
    free(l);
    p = nl ? nl + 1 : NULL;
  }
  if (!rc) po_flush(&st, c);
  buf_release(&st.id);
  buf_release(&st.str);
  if (bad) *bad = st.bad;
  if (line) *line = rc ? ln : 0;
  if (!rc) cat_index_formats(c);
  return rc ? -1 : st.kept;
}

int i18n_check_po(const char *text, int *bad, int *line) {
  catalogue c = {0};
  int n = po_parse(text, &c, bad, line);
  for (size_t i = 0; i < c.cap; i++) {
    free(c.slots[i].id);
    free(c.slots[i].str);
  }
  free(c.slots);
  free(c.formats);
  return n;
}

static void en_load(void) {
  const embedded_file *f = embedded_find("en.po");
  int bad = 0, line = 0;
  if (!f || po_parse(f->data, &en_cat, &bad, &line) < 0)
    fprintf(stderr, "i18n: en.po %s (line %d)\n", f ? "does not parse" : "missing", line);
  if (bad) fprintf(stderr, "i18n: en.po: %d entries skipped (conversions differ)\n", bad);
}

static const catalogue *en(void) {
  pthread_once(&en_once, en_load);
  return &en_cat;
}

/* --- look-ups ------------------------------------------------------------- */

const char *tr(const char *s) {
  if (cur_lang != LANG_EN || !s) return s;
  const char *t = cat_get(en(), s, strlen(s));
  return t ? t : s;
}

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

/* how much of s a conversion of kind conv may take at the least: digits
 * for integers, anything for the others */
static int conv_int(const char *conv, size_t n) { return strchr("diuxX", conv[n - 1]) != NULL; }

/* s[0..n) against the format pat; the text of each conversion in caps;
 * *budget bounds the backtracking */
static int fmt_match(const char *pat, const char *s, size_t n, const char **caps, size_t *lens, int k, int *budget) {
  if (--*budget < 0) return 0;
  const char *start, *q = pat;
  size_t cn = next_conv(&q, &start);
  size_t lit = cn ? (size_t)(start - pat) : strlen(pat);
  /* the literal before the conversion, "%%" as one "%" */
  size_t i = 0, j = 0;
  for (; i < lit; i++, j++) {
    if (pat[i] == '%' && pat[i + 1] == '%') i++;
    if (j >= n || s[j] != pat[i]) return 0;
  }
  if (!cn) return j == n;
  if (k >= MAX_CONV) return 0;
  int digits = conv_int(start, cn);
  for (size_t m = j + 1; m <= n; m++) {
    if (digits && !((s[m - 1] >= '0' && s[m - 1] <= '9') || (m - 1 == j && s[j] == '-'))) return 0;
    caps[k] = s + j;
    lens[k] = m - j;
    if (fmt_match(q, s + m, n - m, caps, lens, k + 1, budget)) return 1;
  }
  return 0;
}

/* 1 when the first literal piece of the format pat (up to 8 bytes) is in s */
static int fmt_maybe(const char *pat, const char *s, size_t n) {
  const char *p = pat, *start;
  size_t cn = next_conv(&p, &start), lit = cn ? (size_t)(start - pat) : strlen(pat);
  if (!cn) return 0; /* an entry without conversions matches exactly or not at all */
  if (lit == 0) { /* "%s …": the piece after the first conversion */
    const char *q = p, *st2;
    size_t c2 = next_conv(&q, &st2);
    pat = p;
    lit = c2 ? (size_t)(st2 - p) : strlen(p);
  }
  if (lit > 8) lit = 8;
  if (!lit || memchr(pat, '%', lit)) return 1;
  return memmem(s, n, pat, lit) != NULL;
}

static void tr_add_one(buf *b, const char *s, size_t n);

/* str with its conversions replaced by the captured texts, in order, each
 * translated in turn ("6 tháng %s năm %d" with "đầu") */
static void fmt_fill(buf *b, const char *str, const char **caps, const size_t *lens) {
  const char *p = str, *start;
  int k = 0;
  for (size_t cn; (cn = next_conv(&p, &start)); k++) {
    for (const char *s = str; s < start; s++) {
      buf_addc(b, *s);
      if (s[0] == '%' && s[1] == '%') s++;
    }
    tr_add_one(b, caps[k], lens[k]);
    str = p;
  }
  for (const char *s = str; *s; s++) {
    buf_addc(b, *s);
    if (s[0] == '%' && s[1] == '%') s++;
  }
}

static int has_high(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return 1;
  return 0;
}

static int tr_format(buf *b, const catalogue *c, const char *s, size_t n) {
  const char *caps[MAX_CONV];
  size_t lens[MAX_CONV];
  for (size_t i = 0; i < c->nformats; i++) {
    int budget = 2000;
    if (!fmt_maybe(c->formats[i].id, s, n) || !fmt_match(c->formats[i].id, s, n, caps, lens, 0, &budget)) continue;
    fmt_fill(b, c->formats[i].str, caps, lens);
    return 1;
  }
  return 0;
}

static __thread int depth; /* captures translated in turn, not without end */

void tr_add(buf *b, const char *s, size_t n) { tr_add_one(b, s, n); }

void tr_add_lit(buf *b, const char *s, size_t n) {
  if (cur_lang != LANG_EN || has_high(s, n)) {
    tr_add_one(b, s, n);
    return;
  }
  size_t a = 0, z = n; /* a word of the page's own text without any mark: "In", "Trang " */
  while (a < z && is_space(s[a])) a++;
  while (z > a && is_space(s[z - 1])) z--;
  const char *t = a < z ? cat_get(en(), s + a, z - a) : NULL;
  buf_add(b, s, a);
  if (t) buf_adds(b, t);
  else buf_add(b, s + a, z - a);
  buf_add(b, s + z, n - z);
}

void tr_esc_html(buf *b, const char *s) {
  if (cur_lang != LANG_EN || !s) {
    esc_html(b, s);
    return;
  }
  buf t;
  buf_init(&t, 0);
  tr_add(&t, s, strlen(s));
  esc_html(b, t.s);
  buf_release(&t);
}

static void tr_add_one(buf *b, const char *s, size_t n) {
  if (cur_lang != LANG_EN || !has_high(s, n) || depth > 2) {
    buf_add(b, s, n);
    return;
  }
  const catalogue *c = en();
  const char *t = cat_get(c, s, n);
  if (t) {
    buf_adds(b, t);
    return;
  }
  size_t a = 0, z = n;
  while (a < z && is_space(s[a])) a++;
  while (z > a && is_space(s[z - 1])) z--;
  t = a < z && (a > 0 || z < n) ? cat_get(c, s + a, z - a) : NULL;
  buf_add(b, s, a);
  depth++;
  if (t) buf_adds(b, t);
  else if (!tr_format(b, c, s + a, z - a)) buf_add(b, s + a, z - a);
  depth--;
  buf_add(b, s + z, n - z);
}

/* a JS string literal's text in the language, its quote and backslash escaped */
static void js_piece(buf *b, const char *s, size_t n) {
  buf t;
  buf_init(&t, 0);
  tr_add_one(&t, s, n);
  for (size_t i = 0; i < t.len; i++) {
    if (t.s[i] == '\'' || t.s[i] == '\\') buf_addc(b, '\\');
    buf_addc(b, t.s[i]);
  }
  buf_release(&t);
}

void tr_js(buf *b, const char *js, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (js[i] != '\'') {
      buf_addc(b, js[i++]);
      continue;
    }
    size_t end = i + 1, high = 0;
    while (end < n && js[end] != '\'' && js[end] != '\n') {
      if (js[end] == '\\' && end + 1 < n) end++;
      high |= (unsigned char)js[end] >= 0x80;
      end++;
    }
    if (end >= n || js[end] != '\'' || !high || cur_lang != LANG_EN || memchr(js + i + 1, '\\', end - i - 1)) {
      buf_add(b, js + i, end - i + (end < n));
    } else {
      buf_addc(b, '\'');
      js_piece(b, js + i + 1, end - i - 1);
      buf_addc(b, '\'');
    }
    i = end + 1;
  }
}

void tr_vaddf(buf *b, const char *fmt, va_list ap) {
  const char *en_fmt = cur_lang == LANG_EN ? cat_get(en(), fmt, strlen(fmt)) : NULL;
  if (!en_fmt) {
    buf_vaddf(b, fmt, ap);
    return;
  }
  buf vi; /* formatted in Vietnamese, then its pieces put into the English */
  buf_init(&vi, 0);
  buf_vaddf(&vi, fmt, ap);
  const char *caps[MAX_CONV];
  size_t lens[MAX_CONV];
  int budget = 2000;
  if (fmt_match(fmt, vi.s, vi.len, caps, lens, 0, &budget)) {
    depth++;
    fmt_fill(b, en_fmt, caps, lens);
    depth--;
  } else {
    buf_add(b, vi.s, vi.len);
  }
  buf_release(&vi);
}
