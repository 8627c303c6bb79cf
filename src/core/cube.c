#include "core/cube.h"
#include "util/buf.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t cube_key(int element, int combo, int period_key) {
  /* +1 keeps the key non-zero */
  return ((uint64_t)(element + 1) << 48) | ((uint64_t)(combo & 0xffff) << 32) | (uint32_t)period_key;
}

void cube_init(cube *c, int nunits) {
  c->nunits = nunits;
  c->cap = 256;
  c->used = 0;
  c->slots = xcalloc((size_t)c->cap, sizeof(cube_slice));
}

void cube_release(cube *c) {
  for (int i = 0; i < c->cap; i++) {
    free(c->slots[i].count);
    free(c->slots[i].rec);
    free(c->slots[i].entered);
  }
  free(c->slots);
  memset(c, 0, sizeof *c);
}

static uint64_t mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

static cube_slice *probe(const cube *c, uint64_t key) {
  size_t m = (size_t)c->cap - 1;
  for (size_t i = mix(key) & m;; i = (i + 1) & m) {
    cube_slice *s = &c->slots[i];
    if (s->key == key || s->key == 0) return s;
  }
}

static void grow(cube *c) {
  cube old = *c;
  c->cap *= 2;
  c->slots = xcalloc((size_t)c->cap, sizeof(cube_slice));
  for (int i = 0; i < old.cap; i++)
    if (old.slots[i].key) *probe(c, old.slots[i].key) = old.slots[i];
  free(old.slots);
}

const cube_slice *cube_get(const cube *c, uint64_t key) {
  cube_slice *s = probe(c, key);
  return s->key ? s : NULL;
}

static cube_slice *slice_for(cube *c, uint64_t key) {
  if ((c->used + 1) * 4 > c->cap * 3) grow(c);
  cube_slice *s = probe(c, key);
  if (!s->key) {
    s->key = key;
    s->count = xcalloc((size_t)c->nunits + 1, sizeof(int32_t));
    s->rec = xcalloc((size_t)c->nunits + 1, sizeof(double));
    s->entered = NULL; /* most slices are counted from records only: allocated on the first entered value */
    c->used++;
  }
  return s;
}

void cube_record_add(cube *c, uint64_t key, int pos, double value, int n) {
  if (pos < 0 || pos >= c->nunits) return;
  cube_slice *s = slice_for(c, key);
  s->count[pos] += n;
  s->rec[pos] = s->count[pos] ? s->rec[pos] + value : 0; /* no drift once the last record is gone */
}

void cube_count_add(cube *c, uint64_t key, int pos, int delta) { cube_record_add(c, key, pos, delta, delta); }

void cube_set_entered(cube *c, uint64_t key, int pos, double v) {
  if (pos < 0 || pos >= c->nunits) return;
  cube_slice *s = slice_for(c, key);
  if (!s->entered) {
    if (isnan(v)) return;
    s->entered = xmalloc(sizeof(double) * ((size_t)c->nunits + 1));
    for (int i = 0; i <= c->nunits; i++) s->entered[i] = NAN;
  }
  s->entered[pos] = v;
}

/* the entered value of a unit, NaN when none */
static double entered_at(const cube_slice *s, int pos) { return s->entered ? s->entered[pos] : NAN; }

double cube_unit_value(const cube_slice *s, int pos) {
  if (!s) return NAN;
  return s->count[pos] ? s->rec[pos] : entered_at(s, pos);
}

double cube_range_sum(const cube_slice *s, int lo, int hi) {
  if (!s) return NAN;
  double sum = 0;
  int any = 0;
  for (int i = lo; i < hi; i++) {
    if (s->count[i]) {
      sum += s->rec[i];
      any = 1;
    } else if (s->entered && !isnan(s->entered[i])) {
      sum += s->entered[i];
      any = 1;
    }
  }
  return any ? sum : NAN;
}

void cube_level_sums(const cube_slice *s, const uint8_t *levels, int lo, int hi, double *out) {
  double sum[TREE_MAX_LEVELS + 1] = {0};
  int any[TREE_MAX_LEVELS + 1] = {0};
  for (int i = lo; s && i < hi; i++) {
    double v = s->count[i] ? s->rec[i] : entered_at(s, i);
    if (isnan(v)) continue;
    sum[levels[i]] += v;
    any[levels[i]] = 1;
  }
  for (int l = 0; l <= TREE_MAX_LEVELS; l++) out[l] = any[l] ? sum[l] : NAN;
}
