/* Failed-attempt counters in memory, for login throttling (docs/access.md, "Accounts").
 *
 * A fixed table of slots (memory never grows): a key (a login, an address) is kept only as
 * a keyed hash (SipHash, a random key per table), so the table holds no login or address in
 * clear either. A key's failures make it wait: after `free` failures, each further one
 * doubles the wait (1 s, 2 s, 4 s … at most `cap`); `forget` seconds after its last failure
 * a key starts anew. Attempts are counted as they begin: past the free ones, a key has one
 * attempt at a time, so parallel guesses gain nothing. When the slots a key may take are
 * full, the one with the fewest failures (then the oldest) gives way. Thread-safe. */
#ifndef DV_THROTTLE_H
#define DV_THROTTLE_H
#include <stdint.h>

typedef struct throttle throttle;

typedef struct throttle_rule {
  unsigned free;   /* failures before any wait */
  unsigned cap;    /* the longest wait, seconds */
  unsigned forget; /* seconds without a failure after which a key starts anew */
  int clear_on_success; /* a success clears the key (a login), else it only is not counted */
} throttle_rule;

/* slots: the table's size (rounded up to a power of two); throttle_free frees it */
throttle *throttle_new(unsigned slots);
void throttle_free(throttle *t);
/* Begins an attempt on n keys at time now (seconds): 0 if all may try (each is then
 * counted as in progress until throttle_end), else the seconds to wait (the longest of
 * them), and nothing is counted. */
int throttle_begin(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int64_t now);
/* Ends an attempt begun with 0: ok 1 = it succeeded, 0 = it failed, -1 = it was not made
 * (the attempt is forgotten) */
void throttle_end(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int ok,
                  int64_t now);
/* the same with now in milliseconds (the server's clock): a wait of N s then lasts N s
 * whole, however close to a second's end the failure came */
int throttle_begin_ms(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int64_t now);
void throttle_end_ms(throttle *t, const char *const *keys, const throttle_rule *const *rules, int n, int ok,
                     int64_t now);
/* the keys in the table (for tests of its bounds) */
unsigned throttle_used(throttle *t);
#endif
