/* Failed-attempt counters in a fixed table (throttle.h). */
#include "util/throttle.h"
#include "util/buf.h"
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PROBE 8 /* the slots a key may take, from its hash on */

typedef struct slot {
  uint64_t h; /* 0: free */
  unsigned fails, inflight;
  int64_t until;   /* no attempt before */
  int64_t expires; /* the failures are forgotten from then on */
} slot;

struct throttle {
  pthread_mutex_t mu;
  unsigned mask;
  slot *s;
  unsigned char key[crypto_shorthash_KEYBYTES];
};

throttle *throttle_new(unsigned slots) {
  throttle *t = xcalloc(1, sizeof *t);
  unsigned n = PROBE;
  while (n < slots) n *= 2;
  t->mask = n - 1;
  t->s = xcalloc(n, sizeof(slot));
  pthread_mutex_init(&t->mu, NULL);
  if (sodium_init() < 0) abort();
  crypto_shorthash_keygen(t->key);
  return t;
}

void throttle_free(throttle *t) {
  if (!t) return;
  pthread_mutex_destroy(&t->mu);
  free(t->s);
  free(t);
}

static uint64_t key_hash(const throttle *t, const char *k) {
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, (const unsigned char *)k, strlen(k), t->key);
  uint64_t h;
  memcpy(&h, out, sizeof h);
  return h ? h : 1;
}

static int stale(const slot *s, int64_t now) { return !s->h || (!s->inflight && now >= s->expires && now >= s->until); }

static slot *lookup(throttle *t, uint64_t h) {
  for (unsigned i = 0; i < PROBE; i++)
    if (t->s[(h + i) & t->mask].h == h) return &t->s[(h + i) & t->mask];
  return NULL;
}

/* the key's slot, its failures forgotten when they are old; NULL if it has none */
static slot *find(throttle *t, uint64_t h, int64_t now) {
  slot *s = lookup(t, h);
  if (s && stale(s, now)) memset(s, 0, sizeof *s), s->h = h;
  return s;
}

/* a free or forgotten slot of the window, else the one with the fewest failures, then the
 * oldest: that key starts anew */
static slot *take(throttle *t, uint64_t h, int64_t now) {
  slot *best = NULL;
  for (unsigned i = 0; i < PROBE; i++) {
    slot *s = &t->s[(h + i) & t->mask];
    if (stale(s, now)) {
      best = s;
      break;
    }
    if (!best || s->fails < best->fails || (s->fails == best->fails && s->expires < best->expires)) best = s;
  }
  memset(best, 0, sizeof *best);
  best->h = h;
  return best;
}

static int64_t wait_of(const slot *s, const throttle_rule *r, int64_t now) {
  if (!s) return 0;
  if (now < s->until) return s->until - now;
  return s->fails + s->inflight >= r->free && s->inflight ? 1000 : 0; /* one attempt at a time */
}

int throttle_begin_ms(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int64_t now) {
  pthread_mutex_lock(&t->mu);
  int64_t w = 0;
  for (int i = 0; i < n; i++) {
    int64_t wi = wait_of(find(t, key_hash(t, keys[i]), now), rules[i], now);
    if (wi > w) w = wi;
  }
  for (int i = 0; !w && i < n; i++) {
    uint64_t h = key_hash(t, keys[i]);
    slot *s = find(t, h, now);
    if (!s) s = take(t, h, now);
    s->inflight++;
  }
  pthread_mutex_unlock(&t->mu);
  w = (w + 999) / 1000; /* whole seconds, rounded up: a wait of 1 s is never shorter */
  return w > 0x7fffffff ? 0x7fffffff : (int)w;
}

static int64_t backoff(const throttle_rule *r, unsigned k) { return k >= 30 || (1u << k) > r->cap ? r->cap : 1u << k; }

void throttle_end_ms(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int ok,
                     int64_t now) {
  pthread_mutex_lock(&t->mu);
  for (int i = 0; i < n; i++) {
    slot *s = lookup(t, key_hash(t, keys[i]));
    if (!s) continue; /* given way to another key meanwhile */
    if (s->inflight) s->inflight--;
    const throttle_rule *r = rules[i];
    if (ok == 0) {
      s->fails++;
      s->expires = now + (int64_t)r->forget * 1000;
      if (s->fails >= r->free) s->until = now + backoff(r, s->fails - r->free) * 1000;
    } else if (ok == 1 && r->clear_on_success) {
      s->fails = 0;
      s->until = 0;
    }
  }
  pthread_mutex_unlock(&t->mu);
}

int throttle_begin(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int64_t now) {
  return throttle_begin_ms(t, keys, rules, n, now * 1000);
}

void throttle_end(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int ok, int64_t now) {
  throttle_end_ms(t, keys, rules, n, ok, now * 1000);
}

unsigned throttle_used(throttle *t) {
  pthread_mutex_lock(&t->mu);
  unsigned n = 0;
  for (unsigned i = 0; i <= t->mask; i++) n += t->s[i].h != 0;
  pthread_mutex_unlock(&t->mu);
  return n;
}
