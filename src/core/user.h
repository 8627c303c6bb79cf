/* Users and their roles: admin > approver > officer > viewer (viewer reads
 * only); a user sees and changes only the subtree of their unit. */
#ifndef DV_USER_H
#define DV_USER_H
#include <stdint.h>

typedef enum { ROLE_VIEWER, ROLE_OFFICER, ROLE_APPROVER, ROLE_ADMIN } role;
const char *role_name(role r);        /* "admin" ... */
const char *role_label_vn(role r);    /* "Quản trị" ... */
int role_parse(const char *s, role *r);

typedef struct user {
  int64_t id;
  char login[64];
  int64_t unit_id;
  char unit_code[32];
  role role;
  char lang[4]; /* the interface language chosen ("en", "vi"), "" = none yet */
} user;
/* a user as the users' list shows it */
typedef struct user_row {
  int64_t id, unit_id;
  char login[64], unit_code[32];
  role role;
  int disabled;
} user_row;
#endif
