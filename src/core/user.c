#include "core/user.h"
#include <string.h>

static const char *role_names[] = {"viewer", "officer", "approver", "admin"};
static const char *role_labels[] = {"Xem", "Cán bộ nhập liệu", "Phê duyệt", "Quản trị"};
const char *role_name(role r) { return role_names[r]; }
const char *role_label_vn(role r) { return role_labels[r]; }
int role_parse(const char *s, role *r) {
  for (int i = 0; s && i < 4; i++)
    if (strcmp(s, role_names[i]) == 0) {
      *r = (role)i;
      return 0;
    }
  return -1;
}
