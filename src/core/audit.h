/* Rows of the audit log: every change of data, and the history of a
 * hand-entered value read from it. */
#ifndef DV_AUDIT_H
#define DV_AUDIT_H
#include <stdint.h>

typedef struct audit_row {
  int64_t id;
  char at[32], login[64], action[32], entity[32];
  int64_t entity_id;
  char *before, *after; /* JSON text or NULL, owned */
} audit_row;
/* one change of a hand-entered value, from the audit log (value.set/clear) */
typedef struct value_change {
  char at[32], login[64], unit[32]; /* at: ISO UTC; unit: the unit's code */
  char *before, *after;             /* the value as text, NULL = blank; owned */
} value_change;
#endif
