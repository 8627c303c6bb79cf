/* A new database, and the Hải Phòng 2023 demo (the CSV files of demo/, embedded). */
#include "app/app_internal.h"
#include "app/app_documents.h"
#include "core/document.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "util/embedded.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCHEMA_VERSION "1"

/* public holidays by the default rules (an admin adjusts them to each
 * year's official schedule) */
static int seed_holidays(store *s, dv_err *e) {
  for (int y = 2015; y <= 2040; y++) {
    holiday h[HOLIDAYS_MAX];
    int n = holidays_of_year(y, h, HOLIDAYS_MAX);
    for (int i = 0; i < n && i < HOLIDAYS_MAX; i++)
      if (store_holiday_put(s, h[i].day, h[i].name, e)) return DV_EDB;
  }
  return 0;
}

int app_create(const char *path, dv_err *e) {
  if (access(path, F_OK) == 0) return dv_fail(e, DV_ECONFLICT, 0, "", "%s đã tồn tại: không ghi đè", path);
  store s;
  if (store_open(&s, path, 1, e)) return DV_EDB;
  int rc = store_begin(&s, e);
  if (!rc) rc = store_create_schema(&s, e);
  if (!rc) rc = store_setting_set(&s, "schema.version", SCHEMA_VERSION, e);
  if (!rc) rc = seed_holidays(&s, e);
  if (!rc) rc = store_commit(&s, e);
  if (rc) store_rollback(&s);
  store_close(&s);
  if (rc) unlink(path);
  return rc;
}

typedef int (*import_fn)(app *, const user *, const char *, const char *, size_t, int *, dv_err *);

static int load(app *a, const char *name, import_fn fn, dv_err *e) {
  const embedded_file *f = embedded_find(name);
  if (!f) return dv_fail(e, DV_EINVAL, 0, "", "demo file %s missing from the build", name);
  int n;
  return fn(a, NULL, name, f->data, f->len, &n, e);
}

static const struct {
  const char *login, *password, *unit;
  role r;
} demo_users[] = {
    {"admin", "admin-dv-123", "31", ROLE_ADMIN},      /* Ban Dân vận Thành ủy Hải Phòng */
    {"pheduyet", "pheduyet123", "31", ROLE_APPROVER}, /* city approver */
    {"ngoquyen", "ngoquyen123", "304", ROLE_OFFICER}, /* Quận Ngô Quyền */
    {"maychai", "maychai123", "11329", ROLE_OFFICER}, /* Phường Máy Chai, Ngô Quyền */
    {"xem", "xem-dv-123", "31", ROLE_VIEWER},
};

/* the day a plan file is dated ("date YYYY-MM-DD"), or 0 */
static int plan_day(const char *text, size_t len) {
  const char *p = strstr(text, "\ndate ");
  char d[11];
  int day;
  if (!p || (size_t)(p - text) + 17 > len) return 0;
  memcpy(d, p + 6, 10);
  d[10] = 0;
  return date_parse(d, &day) ? 0 : day;
}

/* The demo's plans dated before `until` (0: all) and from `from` on, the
 * plans they implement first (those without a `basis`): the 2024 plans
 * with the first tree, the 2026 ones after the new edition. */
static int demo_plans_between(app *a, int from, int until, dv_err *e) {
  int rc = 0;
  for (int pass = 0; pass < 2 && !rc; pass++)
    for (const embedded_file *f = embedded_files; f->name && !rc; f++) {
      size_t n = strlen(f->name);
      if (n < 5 || strcmp(f->name + n - 5, ".plan")) continue;
      int day = plan_day(f->data, f->len);
      if (day < from || (until && day >= until)) continue;
      int has_basis = strstr(f->data, "\nbasis ") != NULL;
      if (has_basis == pass) rc = app_plan_import(a, NULL, f->name, f->data, f->len, 0, e);
    }
  return rc;
}

/* the reform's day, 01/07/2025: the demo's second edition of the tree */
static int reform_day(void) {
  int day = 0;
  date_parse("2025-07-01", &day);
  return day;
}

/* The seeds' 2024 plans with the units of their provinces. */
static int demo_plans(app *a, dv_err *e) {
  const embedded_file *units = embedded_find("units_extra.csv");
  int rc = units ? app_import_units(a, "units_extra.csv", units->data, units->len, e) : 0;
  if (!rc) rc = demo_plans_between(a, 0, reform_day(), e);
  return rc;
}

/* demo/REGISTER.csv, or REGISTER-SUFFIX.csv, where the demo has one;
 * registers that refer to another (conclusions -> dialogues, the itemised
 * supervision_recs -> supervisions and criticism_recs -> criticisms) after
 * the others, so a record finds the activity it names */
static int demo_records(app *a, const char *suffix, dv_err *e) {
  int rc = 0;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; !rc && i < a->nregs; i++) {
      char name[64];
      if (suffix) snprintf(name, sizeof name, "%s-%s.csv", a->regs[i].code, suffix);
      else snprintf(name, sizeof name, "%s.csv", a->regs[i].code);
      const embedded_file *f = embedded_find(name);
      int n;
      if (f && (a->regs[i].ref_register != NULL) == pass)
        rc = app_record_import(a, NULL, &a->regs[i], name, f->data, f->len, &n, e);
    }
  return rc;
}

static int demo_submissions(app *a, const char *name, dv_err *e) {
  const embedded_file *f = embedded_find(name);
  return f ? app_demo_submissions(a, f->data, f->len, e) : 0;
}

static int demo_report_doc(app *a, const char *name, const char *unit, const char *period_id, dv_err *e) {
  const embedded_file *doc = embedded_find(name);
  if (!doc) return 0;
  char *json = xstrndup(doc->data, doc->len);
  int rc = app_report_doc_load(a, NULL, unit, period_id, json, e);
  free(json);
  return rc;
}

static const struct {
  const char *login, *password, *unit;
  role r;
} reform_users[] = {
    {"hongbang", "hongbang123", "11311", ROLE_OFFICER},   /* Phường Hồng Bàng (from 01/07/2025) */
    {"tuky", "tuky-dv-123", "11074", ROLE_OFFICER},       /* Xã Tứ Kỳ, of old Hải Dương */
    {"mattran", "mattran-dv-123", "31-MT", ROLE_OFFICER}, /* Ủy ban MTTQ Việt Nam thành phố (a body) */
    {"ubnd", "ubnd-dv-123", "31-UB", ROLE_OFFICER},       /* Ủy ban nhân dân thành phố: answers recommendations */
};

/* The demo's second year (demo/make_reform.py): old Hải Dương added to the
 * first tree, the records of 2024 and 2025S1 on the old units, the edition
 * of 01/07/2025 (the new Hải Phòng = old Hải Phòng + Hải Dương, 114
 * communes) and the reform's mapping, then the records of 2025S2 and 2026
 * on the new units, the 2026 plans, the reporting history of 2024–2026,
 * the city's 2026 report, users of two new communes and of two of the
 * city's bodies (the Front, the People's Committee). The edition holds
 * the bodies; their 2026 supervisions and criticisms list their
 * recommendations one by one (supervision_recs, criticism_recs). */
static int demo_reform(app *a, dv_err *e) {
  const embedded_file *hd = embedded_find("units-hd-2024.csv"), *ed = embedded_find("units-2025.csv"),
                      *map = embedded_find("mapping-2025.csv");
  if (!hd || !ed || !map) return 0; /* a build without the second year */
  int day = reform_day(), n;
  int rc = app_import_units(a, "units-hd-2024.csv", hd->data, hd->len, e);
  if (!rc) rc = demo_records(a, "2024-25", e);
  if (!rc) rc = app_import_units_from(a, "units-2025.csv", ed->data, ed->len, day, e);
  store *s = app_store(a);
  /* the demo's names for the levels of Hải Phòng's new tree, as the first's */
  if (!rc) rc = store_level_set(s, day, 1, "Thành phố", "Cấp tỉnh", "Tỉnh", e);
  if (!rc) rc = store_level_set(s, day, 2, "Xã, phường", "Cấp xã", "Xã", e);
  if (!rc) {
    pthread_rwlock_wrlock(&a->lock);
    rc = app_model_load(a, s, e);
    pthread_rwlock_unlock(&a->lock);
  }
  if (!rc) rc = app_import_unit_mapping(a, "mapping-2025.csv", map->data, map->len, day, &n, e);
  if (!rc) rc = demo_records(a, "2025-26", e);
  if (!rc) rc = demo_plans_between(a, day, 0, e);
  if (!rc) rc = demo_submissions(a, "submissions-2024-26.csv", e);
  if (!rc) rc = demo_report_doc(a, "report-31-2026.json", "31", "2026", e);
  for (size_t i = 0; !rc && i < sizeof reform_users / sizeof *reform_users; i++)
    rc = app_user_add(a, NULL, reform_users[i].login, reform_users[i].password, reform_users[i].unit, reform_users[i].r,
                      e);
  return rc;
}

int app_load_demo(app *a, dv_err *e) {
  const embedded_file *units = embedded_find("units.csv");
  if (!units) return dv_fail(e, DV_EINVAL, 0, "", "demo units.csv missing from the build");
  int rc = app_import_units(a, "units.csv", units->data, units->len, e);
  store *s = app_store(a);
  /* the seed's level names for Hải Phòng */
  if (!rc) rc = store_level_set(s, 0, 1, "Thành phố", "Cấp tỉnh", "Tỉnh", e);
  if (!rc) rc = store_level_set(s, 0, 2, "Quận, huyện", "Cấp huyện", "Huyện", e);
  if (!rc) rc = store_level_set(s, 0, 3, "Xã, phường", "Cấp xã", "Xã", e);
  if (!rc) {
    pthread_rwlock_wrlock(&a->lock);
    rc = app_model_load(a, s, e);
    pthread_rwlock_unlock(&a->lock);
  }
  if (!rc) rc = load(a, "values.csv", app_import_values, e);
  if (!rc) rc = demo_records(a, NULL, e);
  if (!rc) rc = demo_plans(a, e);
  if (!rc) rc = demo_submissions(a, "submissions.csv", e);
  if (!rc) rc = demo_report_doc(a, "report-31-2023S1.json", "31", "2023S1", e);
  /* the users of 2023 on the units of 2023 (ngoquyen and maychai on units
   * dissolved in 2025), before the new tree reuses their codes */
  for (size_t i = 0; !rc && i < sizeof demo_users / sizeof *demo_users; i++)
    rc = app_user_add(a, NULL, demo_users[i].login, demo_users[i].password, demo_users[i].unit, demo_users[i].r, e);
  if (!rc) rc = demo_reform(a, e);
  return rc;
}

/* reporters.FORM: levels (1–8) and kinds of body (front, …), comma-separated */
static int reporters_value(const char *value, char *out, size_t n, dv_err *e) {
  char v[128];
  int items = 0;
  snprintf(v, sizeof v, "%s", value);
  for (char *s = v, *save = NULL, *t; (t = strtok_r(s, ",", &save)); s = NULL, items++) {
    int level = t[0] >= '1' && t[0] <= '8' && !t[1];
    if (!level && unit_kind_parse(t) < 0)
      return dv_fail(e, DV_EINVAL, 0, "value", "reporters: \"%s\" không phải cấp (1–8) hay loại đơn vị (area, front, …); ví dụ 2,3 hoặc 3,front", t);
  }
  if (!items || strlen(value) >= sizeof v || strstr(value, ",,") || value[strlen(value) - 1] == ',')
    return dv_fail(e, DV_EINVAL, 0, "value", "reporters: các cấp (1–8) hoặc loại đơn vị cách nhau bởi dấu phẩy, ví dụ 2,3");
  snprintf(out, n, "%s", value);
  return 0;
}

/* the value a setting takes in the database, or an error */
static int setting_value(const char *key, const char *value, char *out, size_t n, dv_err *e) {
  char *end;
  long v = strtol(value, &end, 10);
  int isnum = *value && !*end;
  if (!strcmp(key, "period.cutoff_day")) {
    if (!isnum || v < 0 || v == 1 || v > 28)
      return dv_fail(e, DV_EINVAL, 0, "value", "period.cutoff_day phải là 0 (theo lịch) hoặc từ 2 đến 28");
  } else if (!strncmp(key, "deadline.", 9) &&
             (!strcmp(key + 9, "classify_workdays") || !strcmp(key + 9, "complaint_days") ||
              !strcmp(key + 9, "denunciation_days"))) {
    if (!isnum || v < 1 || v > 365) return dv_fail(e, DV_EINVAL, 0, "value", "%s phải là số ngày từ 1 đến 365", key);
  } else if (!strncmp(key, "reporters.", 10)) {
    return reporters_value(value, out, n, e);
  } else if (!strncmp(key, "due.", 4) || !strncmp(key, "cycle.", 6)) {
    due_rule r;
    report_cycle c;
    if (*key == 'd' ? due_rule_parse(value, &r) : report_cycle_parse(value, &c))
      return dv_fail(e, DV_EINVAL, 0, "value", *key == 'd' ? "hạn báo cáo: day:N, workdays:N hoặc fixed:MM-DD"
                                                             : "chu kỳ: các mã Y, S, Q, M, C9 cách nhau bởi dấu phẩy");
    snprintf(out, n, "%s", value);
    return 0;
  } else if (!strncmp(key, "doc.", 4)) {
    doc_style st;
    char err[160];
    doc_style_default(&st);
    if (doc_style_set(&st, key, value, err, sizeof err)) return dv_fail(e, DV_EINVAL, 0, "value", "%s", err);
    snprintf(out, n, "%s", value);
    return 0;
  } else if (!strcmp(key, "server.secure_cookies") || !strcmp(key, "server.trust_proxy")) {
    if (!isnum || (v != 0 && v != 1)) return dv_fail(e, DV_EINVAL, 0, "value", "%s phải là 0 (tắt) hoặc 1 (bật)", key);
  } else if (!strcmp(key, "clock.today")) {
    int day;
    if (strcmp(value, "0") && date_parse(value, &day))
      return dv_fail(e, DV_EINVAL, 0, "value", "clock.today phải là YYYY-MM-DD hoặc 0 (đồng hồ thật)");
    snprintf(out, n, "%d", strcmp(value, "0") ? day : 0);
    return 0;
  } else if (app_notify_key(key)) {
    return app_notify_setting(key, value, out, n, e);
  } else if (app_server_key(key)) {
    return app_server_setting(key, value, out, n, e);
  } else {
    return dv_fail(e, DV_EINVAL, 0, "key", "không có thiết lập %s", key);
  }
  snprintf(out, n, "%ld", v);
  return 0;
}

int app_setting_set(app *a, const char *key, const char *value, dv_err *e) {
  char stored[128];
  if (setting_value(key, value, stored, sizeof stored, e)) return DV_EINVAL;
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  /* approved reports were counted under the windows in force: changing them
   * would change figures that are signed off */
  int rc = !strcmp(key, "period.cutoff_day") && a->nlocks
               ? dv_fail(e, DV_ECONFLICT, 0, "key", "đã có %d báo cáo được phê duyệt: mở lại trước khi đổi kỳ báo cáo", a->nlocks)
               : store_begin(s, e);
  char before[80] = "null";
  store_setting_get(s, key, before, sizeof before);
  if (!rc) rc = store_setting_set(s, key, stored, e);
  if (!rc) {
    char bj[200], aj[200];
    snprintf(bj, sizeof bj, "{\"%s\":\"%s\"}", key, before);
    snprintf(aj, sizeof aj, "{\"%s\":\"%s\"}", key, stored);
    rc = store_audit(s, 0, "(dòng lệnh)", "setting.set", "setting", 0, bj, aj, e);
  }
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  else rc = app_model_load(a, s, e); /* records count into other windows now */
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_holiday_set(app *a, const user *u, const char *date, const char *name, dv_err *e) {
  if (u && u->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên sửa ngày nghỉ lễ");
  int day;
  if (date_parse(date, &day)) return dv_fail(e, DV_EINVAL, 0, "date", "ngày không hợp lệ: %s", date);
  if (name && (!*name || strlen(name) > 60)) return dv_fail(e, DV_EINVAL, 0, "name", "tên ngày lễ 1–60 ký tự");
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  int rc = store_begin(s, e);
  if (!rc) rc = store_holiday_put(s, day, name, e);
  if (!rc) {
    json_t *o = json_pack("{s:s, s:s?}", "date", date, "name", name);
    char *after = json_dumps(o, JSON_COMPACT);
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    rc = store_audit(s, uid, login, name ? "holiday.set" : "holiday.remove", "holiday", day, NULL, after, e);
    free(after);
    json_decref(o);
  }
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  else rc = app_model_load(a, s, e);
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_holiday_list(app *a, int year, holiday_row **rows, int *n) {
  return store_holidays_list(app_store(a), date_from_ymd(year, 1, 1), date_from_ymd(year, 12, 31), rows, n);
}
