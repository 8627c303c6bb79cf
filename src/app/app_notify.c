/* Notifications: stored events, notices computed from the clock, read
 * marks, the district's reminder and the e-mail digest (app.h). */
#include "app/app_internal.h"
#include "util/esc.h"
#include "util/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOTIFY_STORED_MAX 100  /* newest stored events listed per unit */
#define NOTIFY_EXCERPT 90      /* bytes of a record's content in its notice */

typedef struct notices {
  notice *v;
  int n;
} notices;

void notices_free(notice *items, int n) {
  for (int i = 0; i < n; i++) free(items[i].text);
  free(items);
}

static notice *notice_add(notices *l, const char *id, const char *kind, const char *url, const char *at, char *text) {
  l->v = xrealloc(l->v, sizeof(notice) * (size_t)(l->n + 1));
  notice *x = &l->v[l->n++];
  memset(x, 0, sizeof *x);
  snprintf(x->id, sizeof x->id, "%s", id);
  snprintf(x->kind, sizeof x->kind, "%s", kind);
  snprintf(x->url, sizeof x->url, "%s", url);
  snprintf(x->at, sizeof x->at, "%s", at);
  x->text = text;
  return x;
}

static int setting_int(app *a, const char *key, int dflt) {
  char v[32];
  return store_setting_get(app_store(a), key, v, sizeof v) ? dflt : (int)strtol(v, NULL, 10);
}

typedef struct window {
  int today, soon, late; /* notify.days before a deadline, notify.overdue_days after it */
} window;

static window window_now(app *a) {
  return (window){app_today(a), setting_int(a, "notify.days", 7), setting_int(a, "notify.overdue_days", 90)};
}

/* "Biểu 5 · 6 tháng đầu năm 2023" */
static void report_label(const char *form_code, const period *p, char *out, size_t n) {
  char pl[64];
  period_label_vn(p, pl, sizeof pl);
  if (!strncmp(form_code, "bieu-", 5)) snprintf(out, n, "Biểu %s · %s", form_code + 5, pl);
  else snprintf(out, n, "%s · %s", form_code, pl);
}

static void report_url(buf *b, const char *form_code, const char *period_id, const char *unit_code) {
  buf_addf(b, "/report?form=%s&period=%s&unit=", form_code, period_id);
  esc_url(b, unit_code);
}

/* ---------------- stored events ---------------- */

static int notify_store(app *a, store *s, const user *u, int pos, const char *kind, const char *text,
                        const char *url, dv_err *e) {
  char at[32];
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  app_now_iso(a, at);
  notify_row r = {0, a->t.u[pos].id, kind, text, url, at, login, 0};
  return store_notify_insert(s, &r, e);
}

int app_notify_submission(app *a, store *s, const user *u, sub_action act, const char *form_code,
                          const char *period_id, int pos, const submission *after, dv_err *e) {
  static const char *kinds[] = {NULL, "approved", "returned", "reopened"};
  static const char *verbs[] = {NULL, "đã được phê duyệt", "bị trả lại", "được mở lại để sửa"};
  period p;
  if (act == SUB_SUBMIT || period_parse(period_id, &p)) return 0;
  char label[160];
  buf text, url;
  report_label(form_code, &p, label, sizeof label);
  buf_init(&text, 0);
  buf_init(&url, 0);
  buf_addf(&text, "%s %s", label, verbs[act]);
  if (after->comment[0]) buf_addf(&text, ": %s", after->comment);
  report_url(&url, form_code, period_id, a->t.u[pos].code);
  int rc = notify_store(a, s, u, pos, kinds[act], text.s, url.s, e);
  buf_release(&text);
  buf_release(&url);
  return rc;
}

typedef struct stored_ctx {
  notices *l;
} stored_ctx;

static void stored_row(void *ctx, const notify_row *r) {
  stored_ctx *sc = ctx;
  char id[32];
  snprintf(id, sizeof id, "e%lld", (long long)r->id);
  notice_add(sc->l, id, r->kind, r->url, r->at, xstrdup(r->text))->read = r->read;
}

/* ---------------- computed: reports owed ---------------- */

static void owed_notices(app *a, int pos, window w, notices *l) {
  owed_report *rows;
  int n, today = w.today;
  app_reports_owed(a, pos, today - w.late, today + w.soon, &rows, &n);
  for (int i = 0; i < n; i++) {
    char pid[8], label[160], id[96], dv[11], at[11];
    int overdue = today > rows[i].due;
    period_format(&rows[i].p, pid);
    report_label(rows[i].form, &rows[i].p, label, sizeof label);
    date_format_vn(rows[i].due, dv);
    date_format_iso(rows[i].due, at);
    snprintf(id, sizeof id, "%s.%s.%s.%lld", overdue ? "overdue" : "due_soon", rows[i].form, pid,
             (long long)a->t.u[pos].id);
    buf text, url;
    buf_init(&text, 0);
    buf_init(&url, 0);
    if (overdue) buf_addf(&text, "%s: quá hạn gửi từ %s", label, dv);
    else if (rows[i].due == today) buf_addf(&text, "%s: hạn gửi hôm nay, %s", label, dv);
    else buf_addf(&text, "%s: hạn gửi %s, còn %d ngày", label, dv, rows[i].due - today);
    report_url(&url, rows[i].form, pid, a->t.u[pos].code);
    notice_add(l, id, overdue ? "overdue" : "due_soon", url.s, at, buf_detach(&text, NULL));
    buf_release(&url);
  }
  free(rows);
}

/* ---------------- computed: reports waiting for the user's decision ---------------- */

static void waiting_notices(app *a, const user *u, notices *l) {
  waiting_row *rows;
  int n;
  if (u->role < ROLE_APPROVER || app_submissions_waiting(a, u, &rows, &n)) return;
  for (int i = 0; i < n; i++) {
    period p;
    if (period_parse(rows[i].period, &p)) continue;
    char label[160], id[128], dv[11], at[11];
    report_label(rows[i].form, &p, label, sizeof label);
    date_format_vn(rows[i].submitted_day, dv);
    date_format_iso(rows[i].submitted_day, at);
    snprintf(id, sizeof id, "waiting.%s.%s.%s.%d", rows[i].form, rows[i].period, rows[i].unit, rows[i].submitted_day);
    buf text, url;
    buf_init(&text, 0);
    buf_init(&url, 0);
    buf_addf(&text, "%s của %s chờ bạn phê duyệt (gửi ngày %s)", label, rows[i].unit_name, dv);
    report_url(&url, rows[i].form, rows[i].period, rows[i].unit);
    notice_add(l, id, "waiting", url.s, at, buf_detach(&text, NULL));
    buf_release(&url);
  }
  free(rows);
}

/* ---------------- computed: register deadlines ---------------- */

/* the first searchable text field that is not personal data */
static int content_field(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].search && !r->fields[i].private_ &&
        (r->fields[i].type == FT_LONGTEXT || r->fields[i].type == FT_TEXT))
      return i;
  return -1;
}

static void excerpt(buf *b, const char *s) {
  size_t n = strcspn(s, "\n");
  int cut = n > NOTIFY_EXCERPT;
  if (cut) {
    n = NOTIFY_EXCERPT;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  buf_add(b, s, n);
  if (cut) buf_adds(b, "…");
}

/* one record near or past its deadline: conclusions name their content,
 * letters only their day of receipt (the sender is personal data) */
static void deadline_notice(const reg_def *r, const record *rec, window w, notices *l) {
  int due, today = w.today;
  if (!rec->due[0] || date_parse(rec->due, &due) || due - today > w.soon || today - due > w.late) return;
  if (r->due_field >= 0 && !reg_is_open(r, (const char *const *)rec->values)) return;
  char id[96], url[128], dv[11];
  const char *kind = rec->overdue ? "deadline_overdue" : "deadline_soon";
  snprintf(id, sizeof id, "%s.%s.%lld", kind, r->code, (long long)rec->id);
  snprintf(url, sizeof url, "/r/%s/%lld", r->code, (long long)rec->id);
  date_format_vn(due, dv);
  buf text;
  buf_init(&text, 0);
  int cf = content_field(r), rf = r->date_field;
  if (r->due_field >= 0 && cf >= 0) {
    buf_addf(&text, "%s: ", r->todo_title ? r->todo_title : r->title);
    excerpt(&text, rec->values[cf]);
  } else {
    int day;
    buf_adds(&text, r->title);
    if (rf >= 0 && !date_parse(rec->values[rf], &day)) {
      char rv[11];
      date_format_vn(day, rv);
      buf_addf(&text, " nhận ngày %s", rv);
    }
  }
  if (rec->overdue) buf_addf(&text, " — quá hạn từ %s", dv);
  else buf_addf(&text, " — hạn %s, còn %d ngày", dv, due - today);
  notice_add(l, id, kind, url, rec->due, buf_detach(&text, NULL));
}

/* conclusions and recommendations name the responsible unit (`todo`);
 * letters are the handling unit's own records */
static void register_notices(app *a, const user *u, const reg_def *r, window w, notices *l) {
  int n = 0, total = 0;
  record *rows = NULL;
  dv_err e;
  if (r->todo_field >= 0 && r->due_field >= 0) {
    if (app_record_assigned(a, u, r, r->fields[r->todo_field].name, NULL, &rows, &n, &total, &e)) return;
  } else if (!strcmp(r->code, "letters")) {
    record_query q = {r->code, u->unit_id, -2000000000, 2000000000, NULL, NULL, NULL, 0, 0, 1, 0, NULL};
    pthread_rwlock_rdlock(&a->lock);
    app_record_rows(a, NULL, r, &q, &rows, &n, &total, &e);
    pthread_rwlock_unlock(&a->lock);
  }
  for (int i = 0; i < n; i++) deadline_notice(r, &rows[i], w, l);
  records_free(rows, n);
}

/* ---------------- listing ---------------- */

static int notice_cmp(const void *x, const void *y) {
  const notice *a = x, *b = y;
  if (a->read != b->read) return a->read - b->read;
  int c = strcmp(b->at, a->at);
  return c ? c : strcmp(a->id, b->id);
}

int app_notifications(app *a, const user *u, notice **items, int *n, int *unread, dv_err *e) {
  notices l = {NULL, 0};
  window w = window_now(a);
  *items = NULL;
  *n = *unread = 0;
  if (!u) return dv_fail(e, DV_EINVAL, 0, "", "cần người dùng");
  pthread_rwlock_rdlock(&a->lock);
  int pos = tree_find_id(&a->t, u->unit_id);
  if (pos >= 0) owed_notices(a, pos, w, &l);
  pthread_rwlock_unlock(&a->lock);
  if (pos >= 0) waiting_notices(a, u, &l);
  for (int i = 0; pos >= 0 && i < app_register_count(a); i++) register_notices(a, u, app_register_at(a, i), w, &l);
  store *s = app_store(a);
  for (int i = 0; i < l.n; i++) l.v[i].read = store_notify_is_read(s, u->id, l.v[i].id);
  stored_ctx sc = {&l};
  if (store_notify_list(s, u->unit_id, u->id, NOTIFY_STORED_MAX, stored_row, &sc)) {
    notices_free(l.v, l.n);
    return dv_fail(e, DV_EDB, 0, "", "không đọc được thông báo");
  }
  if (l.n) qsort(l.v, (size_t)l.n, sizeof *l.v, notice_cmp);
  for (int i = 0; i < l.n; i++) *unread += !l.v[i].read;
  *items = l.v;
  *n = l.n;
  return 0;
}

int app_notification_read(app *a, const user *u, const char *id, dv_err *e) {
  notice *v;
  int n, unread, found = 0;
  int rc = app_notifications(a, u, &v, &n, &unread, e);
  for (int i = 0; !rc && i < n; i++) found |= !strcmp(v[i].id, id ? id : "");
  notices_free(v, n);
  if (rc) return rc;
  if (!found) return dv_fail(e, DV_ENOTFOUND, 0, "id", "không có thông báo này");
  return store_notify_mark_read(app_store(a), u->id, id, e);
}

/* ---------------- "Nhắc": reminders to the late children ---------------- */

int app_may_remind(app *a, const user *u, const char *unit_code) {
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_readable(a, u, unit_code, NULL);
  int ok = u && pos >= 0 && u->role >= ROLE_OFFICER && app_can_write(a, u, pos) && a->t.u[pos].end > pos + 1;
  pthread_rwlock_unlock(&a->lock);
  return ok;
}

static int remind_one(app *a, store *s, const user *u, const char *form_code, const period *p, const char *pid,
                      const char *from, const completeness_row *row, dv_err *e) {
  int pos = app_unit_pos_period(a, row->unit, pid);
  if (pos < 0) return 0;
  char label[160], dv[11];
  buf text, url, after;
  report_label(form_code, p, label, sizeof label);
  date_format_vn(row->s.due_day, dv);
  buf_init(&text, 0);
  buf_init(&url, 0);
  buf_init(&after, 0);
  buf_addf(&text, "Nhắc từ %s: đề nghị gửi %s (hạn %s)", from, label, dv);
  report_url(&url, form_code, pid, row->unit);
  buf_addf(&after, "{\"form\":\"%s\",\"period\":\"%s\",\"unit\":", form_code, pid);
  esc_json(&after, row->unit);
  buf_adds(&after, ",\"text\":");
  esc_json(&after, text.s);
  buf_addc(&after, '}');
  int rc = notify_store(a, s, u, pos, "reminder", text.s, url.s, e);
  if (!rc) rc = store_audit(s, u->id, u->login, "notify.remind", "unit", a->t.u[pos].id, NULL, after.s, e);
  buf_release(&text);
  buf_release(&url);
  buf_release(&after);
  return rc;
}

int app_remind_late(app *a, const user *u, const char *form_code, const char *period_id, const char *unit_code,
                    int *sent, dv_err *e) {
  completeness_row *rows;
  int n, today = app_today(a);
  period p;
  *sent = 0;
  if (!app_may_remind(a, u, unit_code))
    return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "chỉ cán bộ của đơn vị cấp trên được nhắc đơn vị trực thuộc");
  int rc = app_completeness(a, u, form_code, period_id, unit_code, &rows, &n, e);
  if (rc) return rc;
  period_parse(period_id, &p);
  store *s = app_store(a);
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_readable(a, u, unit_code, period_id);
  char from[160];
  snprintf(from, sizeof from, "%s", pos >= 0 ? a->t.u[pos].name : unit_code);
  rc = store_begin(s, e);
  for (int i = 0; !rc && i < n; i++)
    if (!strcmp(submission_state(&rows[i].s, today), "missing")) {
      rc = remind_one(a, s, u, form_code, &p, period_id, from, &rows[i], e);
      *sent += !rc;
    }
  pthread_rwlock_unlock(&a->lock);
  if (!rc && !*sent) rc = dv_fail(e, DV_EINVAL, 0, "unit", "không có đơn vị trực thuộc nào quá hạn chưa gửi");
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s), *sent = 0;
  free(rows);
  return rc;
}

/* ---------------- e-mail addresses ---------------- */

int app_user_email_set(app *a, const user *actor, const char *login, const char *email, dv_err *e) {
  user t;
  if (actor && actor->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên đặt địa chỉ thư");
  if (email && *email && !mail_address_ok(email))
    return dv_fail(e, DV_EINVAL, 0, "email", "địa chỉ thư không hợp lệ: cần dạng ten@don-vi.gov.vn");
  if (app_user_target(a, actor, login, &t, e)) return e->code;
  store *s = app_store(a);
  char before[256];
  buf bj, aj;
  int64_t uid;
  const char *by;
  actor_of(actor, &uid, &by);
  store_user_email(s, t.id, before, sizeof before);
  buf_init(&bj, 0);
  buf_init(&aj, 0);
  buf_adds(&bj, "{\"email\":"), esc_json(&bj, before), buf_addc(&bj, '}');
  buf_adds(&aj, "{\"email\":"), esc_json(&aj, email ? email : ""), buf_addc(&aj, '}');
  int rc = store_begin(s, e);
  if (!rc) rc = store_user_email_set(s, t.id, email, e);
  if (!rc) rc = store_audit(s, uid, by, "user.email", "user", t.id, bj.s, aj.s, e);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  buf_release(&bj);
  buf_release(&aj);
  return rc;
}

int app_user_email_get(app *a, int64_t user_id, char *out, int n) { return store_user_email(app_store(a), user_id, out, n); }

/* ---------------- settings ---------------- */

int app_notify_key(const char *key) {
  static const char *keys[] = {"smtp.url",    "smtp.from",   "smtp.user",          "site.url",
                               "digest.hour", "notify.days", "notify.overdue_days"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    if (!strcmp(key, keys[i])) return 1;
  return 0;
}

static int url_ok(const char *v, const char *const *schemes) {
  if (strlen(v) > 120 || strpbrk(v, " \"\\<>\t\r\n")) return 0;
  for (; *schemes; schemes++)
    if (!strncmp(v, *schemes, strlen(*schemes)) && v[strlen(*schemes)]) return 1;
  return 0;
}

int app_notify_setting(const char *key, const char *value, char *out, size_t n, dv_err *e) {
  static const char *smtp[] = {"smtp://", "smtps://", NULL}, *web[] = {"http://", "https://", NULL};
  char *end;
  long v = strtol(value, &end, 10);
  int num = *value && !*end;
  if (!strcmp(key, "smtp.url") && !url_ok(value, smtp))
    return dv_fail(e, DV_EINVAL, 0, "value", "smtp.url có dạng smtp://máy:cổng hoặc smtps://máy:cổng");
  if (!strcmp(key, "site.url") && !url_ok(value, web))
    return dv_fail(e, DV_EINVAL, 0, "value", "site.url có dạng https://máy (địa chỉ của hệ thống trong thư)");
  if (!strcmp(key, "smtp.user") && (strlen(value) > 120 || strpbrk(value, " \"\\<>\t\r\n")))
    return dv_fail(e, DV_EINVAL, 0, "value", "smtp.user là tên đăng nhập máy chủ thư, không có khoảng trắng");
  if (!strcmp(key, "smtp.from") && !mail_address_ok(value))
    return dv_fail(e, DV_EINVAL, 0, "value", "smtp.from phải là một địa chỉ thư");
  if (!strcmp(key, "digest.hour") && (!num || v < 0 || v > 23))
    return dv_fail(e, DV_EINVAL, 0, "value", "digest.hour là giờ trong ngày, 0–23");
  if (!strcmp(key, "notify.days") && (!num || v < 1 || v > 60))
    return dv_fail(e, DV_EINVAL, 0, "value", "notify.days là số ngày báo trước hạn, 1–60");
  if (!strcmp(key, "notify.overdue_days") && (!num || v < 1 || v > 366))
    return dv_fail(e, DV_EINVAL, 0, "value", "notify.overdue_days là số ngày còn báo quá hạn, 1–366");
  snprintf(out, n, "%s", value);
  size_t len = strlen(out);
  if (!strcmp(key, "site.url") && len && out[len - 1] == '/') out[len - 1] = 0;
  return 0;
}

/* ---------------- the digest ---------------- */

typedef struct addressee {
  char login[64], email[256];
} addressee;

typedef struct addressees {
  addressee *v;
  int n;
} addressees;

static void add_addressee(void *ctx, const char *login, const char *email) {
  addressees *l = ctx;
  l->v = xrealloc(l->v, sizeof(addressee) * (size_t)(l->n + 1));
  snprintf(l->v[l->n].login, sizeof l->v[l->n].login, "%s", login);
  snprintf(l->v[l->n].email, sizeof l->v[l->n].email, "%s", email);
  l->n++;
}

/* the body: each unread notice with its link; *count of them */
static void digest_body(app *a, const user *u, const char *site, buf *body, int *count) {
  notice *v;
  int n, unread;
  dv_err e;
  *count = 0;
  if (app_notifications(a, u, &v, &n, &unread, &e)) return;
  buf_addf(body, "Kính gửi %s,\n\nBạn có %d thông báo chưa đọc trên hệ thống thông tin công tác dân vận:\n\n",
           u->login, unread);
  for (int i = 0; i < n; i++)
    if (!v[i].read) buf_addf(body, "%d. %s\n   %s%s\n\n", ++*count, v[i].text, site, v[i].url);
  buf_addf(body, "Xem tất cả: %s/notifications\n\n-- \nThư tự động của hệ thống danvan.\n", site);
  notices_free(v, n);
}

static int digest_one(app *a, const addressee *to, int dry_run, const mail_server *srv, const char *from,
                      const char *site, buf *out, dv_err *e) {
  user u;
  if (app_user_find(a, to->login, &u, e)) return 0;
  buf body, msg;
  int count;
  buf_init(&body, 0);
  digest_body(a, &u, site, &body, &count);
  char subject[128], err[256];
  snprintf(subject, sizeof subject, "Thông báo công tác dân vận: %d việc chưa đọc", count);
  int rc = 0;
  if (count && dry_run) buf_addf(out, "To: %s\nSubject: %s\n\n%s\n", to->email, subject, body.s);
  if (count && !dry_run) {
    buf_init(&msg, 0);
    mail_compose(&msg, from, to->email, subject, body.s);
    rc = mail_send(srv, from, to->email, msg.s, msg.len, err, sizeof err);
    buf_release(&msg);
    if (rc) fprintf(stderr, "digest: %s <%s>: %s\n", to->login, to->email, err);
    char aj[400];
    snprintf(aj, sizeof aj, "{\"to\":\"%s\",\"count\":%d}", to->email, count);
    if (!rc) store_audit(app_store(a), 0, "(dòng lệnh)", "digest.send", "user", u.id, NULL, aj, e);
  }
  buf_release(&body);
  return rc ? -1 : count > 0;
}

int app_digest(app *a, int dry_run, buf *out, int *sent, dv_err *e) {
  store *s = app_store(a);
  char url[160] = "", from[256] = "", site[160] = "http://localhost:8080";
  store_setting_get(s, "smtp.url", url, sizeof url);
  store_setting_get(s, "smtp.from", from, sizeof from);
  store_setting_get(s, "site.url", site, sizeof site);
  *sent = 0;
  if (!dry_run && (!*url || !*from))
    return dv_fail(e, DV_EINVAL, 0, "smtp.url", "chưa đặt smtp.url và smtp.from (danvan config DB smtp.url smtp://máy:cổng)");
  char login[128] = "";
  store_setting_get(s, "smtp.user", login, sizeof login);
  /* the password is never stored: it comes from the environment of the command */
  const char *password = getenv("DANVAN_SMTP_PASSWORD");
  if (!dry_run && *login && (!password || !*password))
    return dv_fail(e, DV_EINVAL, 0, "smtp.user", "smtp.user là %s nhưng chưa có mật khẩu: đặt biến môi trường DANVAN_SMTP_PASSWORD", login);
  mail_server srv = {url, login, password};
  addressees l = {NULL, 0};
  if (store_user_emails(s, add_addressee, &l)) return dv_fail(e, DV_EDB, 0, "", "không đọc được địa chỉ thư");
  int failed = 0;
  for (int i = 0; i < l.n; i++) {
    int r = digest_one(a, &l.v[i], dry_run, &srv, from, site, out, e);
    if (r < 0) failed++;
    else *sent += r;
  }
  free(l.v);
  if (failed) return dv_fail(e, DV_EINVAL, 0, "smtp.url", "%d thư không gửi được qua %s (xem thông báo lỗi)", failed, url);
  return 0;
}

/* the hour in Vietnam (UTC+7, no daylight saving) */
static int hour_vn(void) { return (int)((time(NULL) / 3600 + 7) % 24); }

int app_digest_daily(app *a, int *sent, dv_err *e) {
  store *s = app_store(a);
  char hour[8], last[16] = "", today[16];
  *sent = 0;
  if (store_setting_get(s, "digest.hour", hour, sizeof hour) || hour_vn() < strtol(hour, NULL, 10)) return 0;
  snprintf(today, sizeof today, "%d", app_today(a));
  store_setting_get(s, "digest.last", last, sizeof last);
  if (!strcmp(last, today)) return 0;
  /* marked first: a failed delivery waits for tomorrow rather than retrying every minute */
  if (store_setting_set(s, "digest.last", today, e)) return e->code;
  buf none;
  buf_init(&none, 0);
  int rc = app_digest(a, 0, &none, sent, e);
  buf_release(&none);
  return rc ? rc : 1;
}
