/* An in-memory index of one register's records by day, for the lists of
 * large subtrees (issue 13: a national list's first page sorted 300,000
 * rows in SQLite for each request; p99 9.8 s at c=100). A record is its id,
 * its unit's tree position and the day that places it in periods (the
 * `day` column). Entries sit in one bucket per day, each in id order, so a
 * page newest first (day, then id, both descending: the lists' order) is
 * read from the window's last day backwards, and the count of a subtree in
 * a window is one pass over the window. Inserts are appends in the common
 * case (a new record has the largest id). No I/O: the app fills it from the
 * store at load and keeps it with every write, under its write lock. */
#ifndef DV_RECINDEX_H
#define DV_RECINDEX_H
#include <stdint.h>

#define RECINDEX_MIN_DAY 0      /* 01/01/1970 */
#define RECINDEX_MAX_DAY 109572 /* 31/12/2269: a day outside makes the index unusable */

typedef struct rec_key {
  int64_t id;
  int unit; /* tree position */
} rec_key;

typedef struct rec_day {
  rec_key *k; /* by id */
  int n, cap;
} rec_day;

typedef struct recindex {
  int first;    /* the day of b[0] */
  int nb;       /* buckets */
  rec_day *b;
  long n;       /* entries */
  int max_unit; /* no entry has a greater unit (a bound: removes leave it) */
  int unusable; /* a day out of range was added: callers use the store */
} recindex;

void recindex_add(recindex *x, int day, int64_t id, int unit);
/* for a bulk load: appends in any order, then recindex_sort puts every day in id order
 * (recindex_add keeps the order, at a move of the day's later entries) */
void recindex_append(recindex *x, int day, int64_t id, int unit);
void recindex_sort(recindex *x);
/* 0, or -1 if (day, id) is not there */
int recindex_remove(recindex *x, int day, int64_t id);
/* the entries with day in [first, last] and unit in [lo, hi): their count in
 * *total, and the ids of up to limit of them after skipping offset, newest
 * first, in ids; returns how many ids were written */
int recindex_page(const recindex *x, int first, int last, int lo, int hi, int offset, int limit, int64_t *ids,
                  int *total);
void recindex_release(recindex *x);
#endif
