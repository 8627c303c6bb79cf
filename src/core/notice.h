/* A notification as a user reads it (app_notify.c, docs/notifications.md). */
#ifndef DV_NOTICE_H
#define DV_NOTICE_H

typedef struct notice {
  char id[96], kind[24], url[300];
  char at[32];  /* stored: the act's time (ISO, UTC); computed: the deadline (YYYY-MM-DD) */
  char *text;   /* owned */
  int read;
} notice;
#endif
