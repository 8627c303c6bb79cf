/* A register's records as the layers above the store see them (the
 * register's definition: core/register.h), their stage moves and their
 * attached files. */
#ifndef DV_RECORD_H
#define DV_RECORD_H
#include "core/register.h"
#include <stddef.h>
#include <stdint.h>

/* a record as strings, one per field of its register ("" = empty); the
 * unit field holds the unit code, dates YYYY-MM-DD */
typedef struct record {
  int64_t id;
  char *values[REG_MAX_FIELDS];
  int64_t unit_id;   /* the record's unit (its code may name another unit on another day) */
  int private_shown; /* the private fields were filled for this reader (and the read audited) */
  int private_ok;    /* this reader may see (and so edit) them, whether or not any is filled */
  int overdue;       /* letters: past the deadline and not closed */
  char due[11];      /* letters: deadline YYYY-MM-DD, "" if none */
} record;

/* one stage move of a record (a register's `stage` field moves only by its transitions) */
typedef struct stage_event {
  char date[11], login[64], from[64], to[64], at[32];
  char *comment;
} stage_event;

/* an attached file (documents: PDF, DOCX, PNG, JPEG; at most ATTACH_MAX bytes; the type is
 * checked by content; stored with its SHA-256) */
#define ATTACH_MAX (10u << 20)
typedef struct attachment_info {
  int64_t id, record_id;
  char name[256], type[96], sha256[65], created_at[32];
  size_t size;
} attachment_info;
#endif
