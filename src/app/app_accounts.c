/* Accounts: users, passwords, sessions, login throttling (docs/access.md, "Accounts").
 *
 * A session is a random token in the browser's cookie; the database holds its hash. Its
 * CSRF token is derived from the session token (a keyed hash of it), so the pages can print
 * it on every request, and the database holds only its hash too. Failed logins are counted
 * in memory (util/throttle.h) per login and per address, and audited with the login tried,
 * never the password or the address. */
#include "app/app_internal.h"
#include "core/password.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/esc.h"
#include "util/throttle.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSION_SECONDS (12 * 3600)
#define PURGE_EVERY 60 /* seconds between deletions of expired sessions */

/* a login: 5 free failures, then 1 s, 2 s, 4 s … at most 15 minutes; an address (an office
 * behind one address has many users): 30 free failures */
static const throttle_rule login_rule = {5, 900, 3600, 1};
static const throttle_rule address_rule = {30, 900, 3600, 0};

/* ---------------- tokens and passwords ---------------- */

static void hex(const unsigned char *in, size_t n, char *out) { sodium_bin2hex(out, n * 2 + 1, in, n); }

static void token_hash(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
  hex(h, sizeof h, out);
}

/* the CSRF token of a session: a hash of "csrf" keyed by the session token (64 bytes) */
static void csrf_of(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)"csrf", 4, (const unsigned char *)token, 64);
  hex(h, sizeof h, out);
}

static int login_valid(const char *s) {
  size_t n = strlen(s);
  if (n < 3 || n > 40) return 0;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')) return 0;
  return 1;
}

/* the password policy (core/password.h) with the shipped list; e->field "password" */
static int password_ok(const char *pw, const char *login, dv_err *e) {
  const embedded_file *f = embedded_find("common-passwords.txt");
  switch (password_problem(pw, login, f ? f->data : NULL, f ? f->len : 0)) {
  case PW_OK: return 0;
  case PW_SHORT: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu phải có ít nhất %d ký tự", PASSWORD_MIN_CHARS);
  case PW_LONG: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu dài quá %d ký tự", PASSWORD_MAX_CHARS);
  case PW_CONTROL: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu có ký tự điều khiển (tab, xuống dòng…) hoặc không phải UTF-8");
  case PW_REPEATED: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu không được chỉ là một ký tự lặp lại");
  case PW_LOGIN: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu không được trùng tên đăng nhập");
  case PW_COMMON: return dv_fail(e, DV_EINVAL, 0, "password", "mật khẩu này quá phổ biến (trong danh sách mật khẩu hay bị dò); hãy chọn mật khẩu khác");
  }
  return DV_EINVAL;
}

/* the policy, then the hash to store */
static int password_hash(const char *pw, const char *login, char out[crypto_pwhash_STRBYTES], dv_err *e) {
  if (password_ok(pw, login, e)) return DV_EINVAL;
  if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
    return dv_fail(e, DV_EDB, 0, "", "không đủ bộ nhớ để băm mật khẩu");
  return 0;
}

/* 0 if password is the one of login (an enabled user, into *u); an unknown login takes as
 * long as a wrong password */
static int password_verify(app *a, const char *login, const char *password, user *u, dv_err *e) {
  char hash[crypto_pwhash_STRBYTES + 1] = "";
  memset(u, 0, sizeof *u);
  if (store_user_by_login(app_store(a), login, u, hash, sizeof hash, NULL)) {
    char tmp[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(tmp, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)) tmp[0] = 0;
    return dv_fail(e, DV_EAUTH, 0, "login", "sai tên đăng nhập hoặc mật khẩu");
  }
  if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
    return dv_fail(e, DV_EAUTH, 0, "login", "sai tên đăng nhập hoặc mật khẩu");
  return 0;
}

/* ---------------- throttling ---------------- */

void app_accounts_init(app *a) { a->logins = throttle_new(8192); }

void app_accounts_release(app *a) { throttle_free(a->logins); }

typedef struct attempt {
  char login_key[80], address_key[80];
  const char *keys[2];
  const throttle_rule *rules[2];
  int n;
  int64_t at;
} attempt;

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* begins an attempt on login (and address, unless NULL): 0, or DV_ETHROTTLED with the
 * seconds to wait in *retry_after */
static int attempt_begin(app *a, attempt *t, const char *login, const char *address, int *retry_after, dv_err *e) {
  snprintf(t->login_key, sizeof t->login_key, "l:%s", login);
  t->keys[0] = t->login_key, t->rules[0] = &login_rule, t->n = 1;
  if (address) {
    snprintf(t->address_key, sizeof t->address_key, "a:%s", address);
    t->keys[1] = t->address_key, t->rules[1] = &address_rule, t->n = 2;
  }
  t->at = now_ms();
  int w = throttle_begin_ms(a->logins, t->keys, t->rules, t->n, t->at);
  if (retry_after) *retry_after = w;
  if (!w) return 0;
  return dv_fail(e, DV_ETHROTTLED, 0, "login", "đăng nhập sai quá nhiều lần: hãy thử lại sau %d giây", w);
}

static void attempt_end(app *a, const attempt *t, int ok) {
  throttle_end_ms(a->logins, t->keys, t->rules, t->n, ok, now_ms());
}

/* the audit row of a failed login: the login tried (a name that cannot be a login, perhaps
 * a password typed in the wrong box, is not written), the user's id when it is one */
static void audit_failed_login(app *a, const char *login, int64_t user_id) {
  dv_err ignore;
  const char *shown = login_valid(login) ? login : "(tên không hợp lệ)";
  store_audit(app_store(a), user_id, shown, "session.fail", "user", user_id, NULL, NULL, &ignore);
}

/* ---------------- sessions ---------------- */

/* deletes the expired sessions, at most once a PURGE_EVERY seconds (force: now) */
static void sessions_purge(app *a, int64_t now, int force) {
  int64_t last = __atomic_load_n(&a->sessions_purged, __ATOMIC_RELAXED);
  if (!force && now - last < PURGE_EVERY) return;
  if (!__atomic_compare_exchange_n(&a->sessions_purged, &last, now, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED) && !force)
    return; /* another thread does it */
  store_sessions_purge(app_store(a), now);
}

/* a new session of u: the token into token */
static int session_new(app *a, const user *u, char token[65], dv_err *e) {
  unsigned char raw[32];
  char th[65], csrf[65], ch[65];
  randombytes_buf(raw, sizeof raw);
  hex(raw, sizeof raw, token);
  token_hash(token, th);
  csrf_of(token, csrf);
  token_hash(csrf, ch);
  int64_t now = (int64_t)time(NULL);
  sessions_purge(a, now, 1);
  return store_session_insert(app_store(a), th, u->id, ch, now + SESSION_SECONDS, e);
}

int app_login(app *a, const char *login, const char *password, const char *address, char token[65],
              int *retry_after, dv_err *e) {
  if (!login || !password) return dv_fail(e, DV_EAUTH, 0, "login", "sai tên đăng nhập hoặc mật khẩu");
  attempt t;
  if (attempt_begin(a, &t, login, address, retry_after, e)) return DV_ETHROTTLED;
  user u;
  int rc = password_verify(a, login, password, &u, e);
  attempt_end(a, &t, rc == 0);
  if (rc) {
    audit_failed_login(a, login, u.id);
    return rc;
  }
  rc = session_new(a, &u, token, e);
  if (!rc) store_audit(app_store(a), u.id, u.login, "session.login", "user", u.id, NULL, NULL, e);
  return rc;
}

int app_session(app *a, const char *token, user *u, char csrf[65]) {
  if (!token || strlen(token) != 64) return DV_EAUTH;
  for (const char *p = token; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return DV_EAUTH;
  char th[65], stored[65] = "", ch[65];
  int64_t now = (int64_t)time(NULL);
  sessions_purge(a, now, 0);
  token_hash(token, th);
  int rc = store_session_get(app_store(a), th, now, u, stored);
  if (rc) return rc;
  csrf_of(token, csrf);
  token_hash(csrf, ch);
  return sodium_memcmp(ch, stored, 64) == 0 ? 0 : DV_EAUTH;
}

void app_logout(app *a, const char *token) {
  if (!token || strlen(token) != 64) return;
  char th[65];
  token_hash(token, th);
  store_session_delete(app_store(a), th);
}

/* one audited change of user id's account in a transaction: fn(s, id, arg) then the entry */
typedef int (*account_change)(store *s, int64_t id, const void *arg, dv_err *e);

static int account_write(app *a, const user *actor, int64_t id, const char *action, account_change fn, const void *arg,
                         const char *before, const char *after, dv_err *e) {
  store *s = app_store(a);
  int64_t uid;
  const char *alogin;
  actor_of(actor, &uid, &alogin);
  int rc = store_begin(s, e);
  if (!rc) rc = fn(s, id, arg, e);
  if (!rc) rc = store_audit(s, uid, alogin, action, "user", id, before, after, e);
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  return rc;
}

static int end_sessions(store *s, int64_t id, const void *keep_hash, dv_err *e) { return store_sessions_end(s, id, keep_hash, e); }

int app_logout_everywhere(app *a, const user *u, dv_err *e) {
  return account_write(a, u, u->id, "session.logout_all", end_sessions, NULL, NULL, NULL, e);
}

/* ---------------- users ---------------- */

int app_user_add(app *a, const user *actor, const char *login, const char *password, const char *unit_code, role r,
                 dv_err *e) {
  if (!login_valid(login))
    return dv_fail(e, DV_EINVAL, 0, "login", "tên đăng nhập 3–40 ký tự: chữ thường không dấu, số, . _ -");
  if (password_ok(password, login, e)) return DV_EINVAL;
  if (actor && actor->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên được tạo tài khoản");
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos(a, unit_code);
  int ok = pos >= 0 && app_can_read(a, actor, pos);
  int64_t unit_id = pos >= 0 ? a->t.u[pos].id : 0;
  pthread_rwlock_unlock(&a->lock);
  if (pos < 0) return dv_fail(e, DV_EINVAL, 0, "unit", "không có đơn vị mã %s", unit_code);
  if (!ok) return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị %s ngoài phạm vi của bạn", unit_code);
  char hash[crypto_pwhash_STRBYTES];
  if (password_hash(password, login, hash, e)) return e->code;
  store *s = app_store(a);
  int64_t id = 0;
  int rc = store_begin(s, e);
  if (!rc) rc = store_user_insert(s, login, hash, unit_id, r, &id, e);
  if (!rc) {
    buf b;
    buf_init(&b, 0);
    buf_adds(&b, "{\"login\":");
    esc_json(&b, login);
    buf_adds(&b, ",\"unit\":");
    esc_json(&b, unit_code);
    buf_addf(&b, ",\"role\":\"%s\"}", role_name(r));
    int64_t uid;
    const char *alogin;
    actor_of(actor, &uid, &alogin);
    rc = store_audit(s, uid, alogin, "user.create", "user", id, NULL, b.s, e);
    buf_release(&b);
  }
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  return rc;
}

int app_user_list(app *a, const user *actor, user_row **rows, int *n, dv_err *e) {
  user_row *all;
  int m;
  int rc = store_user_list(app_store(a), &all, &m, e);
  if (rc) return rc;
  *n = 0;
  *rows = xcalloc((size_t)m + 1, sizeof(user_row));
  pthread_rwlock_rdlock(&a->lock);
  for (int i = 0; i < m; i++)
    if (app_can_read(a, actor, tree_find_id(&a->t, all[i].unit_id))) (*rows)[(*n)++] = all[i];
  pthread_rwlock_unlock(&a->lock);
  free(all);
  return 0;
}

/* the user of login in the actor's subtree; disabled NULL: enabled users only, else any
 * (*disabled set); caller holds the read lock */
static int user_of_login(app *a, const user *actor, const char *login, user *u, int *pos, int *disabled, dv_err *e) {
  char hash[crypto_pwhash_STRBYTES + 1];
  if (!login || store_user_by_login(app_store(a), login, u, hash, sizeof hash, disabled))
    return dv_fail(e, DV_ENOTFOUND, 0, "login", disabled ? "không có tài khoản %s" : "không có tài khoản %s (hoặc đã bị khóa)",
                   login ? login : "");
  *pos = tree_find_id(&a->t, u->unit_id);
  if (*pos < 0 || !app_can_read(a, actor, *pos))
    return dv_fail(e, DV_EFORBIDDEN, 0, "login", "tài khoản %s ngoài phạm vi của bạn", login);
  return 0;
}

/* the user an admin (NULL: the command line) acts on, enabled or not */
static int admin_target(app *a, const user *actor, const char *login, user *u, int *disabled, dv_err *e) {
  int pos;
  pthread_rwlock_rdlock(&a->lock);
  int rc = user_of_login(a, actor, login, u, &pos, disabled, e);
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_user_target(app *a, const user *actor, const char *login, user *u, dv_err *e) {
  int disabled;
  return admin_target(a, actor, login, u, &disabled, e);
}

static int set_disabled(store *s, int64_t id, const void *disabled, dv_err *e) {
  return store_user_set_disabled(s, id, *(const int *)disabled, e);
}

int app_user_set_disabled(app *a, const user *actor, const char *login, int disabled, dv_err *e) {
  if (disabled && actor && login && !strcmp(actor->login, login))
    return dv_fail(e, DV_EINVAL, 0, "login", "không tự khóa tài khoản của mình");
  if (actor && actor->role != ROLE_ADMIN)
    return disabled ? dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên khóa tài khoản")
                    : dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên mở khóa tài khoản");
  user u;
  int was;
  if (admin_target(a, actor, login, &u, &was, e)) return e->code;
  if (was == disabled) return 0; /* nothing changes */
  return account_write(a, actor, u.id, disabled ? "user.disable" : "user.enable", set_disabled, &disabled,
                       disabled ? "{\"disabled\":false}" : "{\"disabled\":true}",
                       disabled ? "{\"disabled\":true}" : "{\"disabled\":false}", e);
}

typedef struct new_password {
  const char *hash;
  const char *keep; /* the session hash that goes on, NULL: none */
} new_password;

static int set_password(store *s, int64_t id, const void *arg, dv_err *e) {
  const new_password *np = arg;
  return store_user_set_password(s, id, np->hash, e) || store_sessions_end(s, id, np->keep, e) ? DV_EDB : 0;
}

int app_user_set_password(app *a, const user *actor, const char *login, const char *password, dv_err *e) {
  if (actor && actor->role != ROLE_ADMIN)
    return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên đặt mật khẩu cho người khác");
  user u;
  int disabled;
  if (admin_target(a, actor, login, &u, &disabled, e)) return e->code;
  char hash[crypto_pwhash_STRBYTES];
  if (password_hash(password, u.login, hash, e)) return e->code;
  new_password np = {hash, NULL};
  return account_write(a, actor, u.id, "user.password", set_password, &np, NULL, NULL, e);
}

int app_password_change(app *a, const user *u, const char *token, const char *old, const char *password,
                        int *retry_after, dv_err *e) {
  attempt t;
  if (attempt_begin(a, &t, u->login, NULL, retry_after, e)) return DV_ETHROTTLED;
  user me;
  dv_err ignore;
  int rc = password_verify(a, u->login, old, &me, &ignore);
  attempt_end(a, &t, rc == 0);
  if (rc) {
    audit_failed_login(a, u->login, u->id);
    return dv_fail(e, DV_EINVAL, 0, "old", "mật khẩu hiện tại không đúng");
  }
  char hash[crypto_pwhash_STRBYTES], th[65];
  if (password_hash(password, u->login, hash, e)) return e->code;
  token_hash(token, th);
  new_password np = {hash, th};
  return account_write(a, u, u->id, "user.password", set_password, &np, NULL, NULL, e);
}

/* ---------------- users across the reform ---------------- */

int app_user_list_dissolved(app *a, const user *actor, dissolved_user **rows, int *n, dv_err *e) {
  *rows = NULL;
  *n = 0;
  if (actor && actor->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên xem tài khoản");
  user_row *all;
  int m;
  int rc = store_user_list(app_store(a), &all, &m, e);
  if (rc) return rc;
  *rows = xcalloc((size_t)m + 1, sizeof(dissolved_user));
  pthread_rwlock_rdlock(&a->lock);
  const tree *t = &a->t;
  int today = app_today(a);
  for (int i = 0; i < m; i++) {
    user u;
    int pos;
    dv_err ignore;
    if (user_of_login(a, actor, all[i].login, &u, &pos, NULL, &ignore)) continue;
    if (unit_valid_on(&t->u[pos], today)) continue;
    dissolved_user *d = &(*rows)[(*n)++];
    memset(d, 0, sizeof *d);
    d->id = u.id;
    d->role = u.role;
    snprintf(d->login, sizeof d->login, "%s", u.login);
    snprintf(d->unit_code, sizeof d->unit_code, "%s", t->u[pos].code);
    snprintf(d->unit_name, sizeof d->unit_name, "%s", t->u[pos].name);
    int s = tree_target_on(t, pos, today);
    if (s >= 0) {
      snprintf(d->suggested_code, sizeof d->suggested_code, "%s", t->u[s].code);
      snprintf(d->suggested_name, sizeof d->suggested_name, "%s", t->u[s].name);
    }
  }
  pthread_rwlock_unlock(&a->lock);
  free(all);
  return 0;
}

int app_user_move(app *a, const user *actor, const char *login, const char *unit_code, dv_err *e) {
  if (actor && actor->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên chuyển tài khoản");
  user u;
  int pos, rc;
  pthread_rwlock_rdlock(&a->lock);
  rc = user_of_login(a, actor, login, &u, &pos, NULL, e);
  int np = -1;
  char oldc[32] = "";
  if (!rc) {
    snprintf(oldc, sizeof oldc, "%s", a->t.u[pos].code);
    rc = app_unit_resolve(a, unit_code ? unit_code : "", app_today(a), &np, e);
    if (!rc && !app_can_read(a, actor, np))
      rc = dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị %s ngoài phạm vi của bạn", unit_code);
  }
  int64_t unit_id = !rc ? a->t.u[np].id : 0;
  pthread_rwlock_unlock(&a->lock);
  if (rc) {
    if (oldc[0]) snprintf(e->field, sizeof e->field, "unit"); /* the login resolved: the unit is wrong */
    return rc;
  }
  store *s = app_store(a);
  rc = store_begin(s, e);
  if (!rc) rc = store_user_set_unit(s, u.id, unit_id, e);
  if (!rc) {
    buf b, af;
    buf_init(&b, 0), buf_init(&af, 0);
    buf_adds(&b, "{\"unit\":");
    esc_json(&b, oldc);
    buf_adds(&b, "}");
    buf_adds(&af, "{\"unit\":");
    esc_json(&af, unit_code);
    buf_adds(&af, "}");
    int64_t uid;
    const char *alogin;
    actor_of(actor, &uid, &alogin);
    rc = store_audit(s, uid, alogin, "user.move", "user", u.id, b.s, af.s, e);
    buf_release(&b), buf_release(&af);
  }
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  return rc;
}

int app_user_set_lang(app *a, const user *u, const char *lang, dv_err *e) {
  if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
    return dv_fail(e, DV_EINVAL, 0, "lang", "ngôn ngữ không hợp lệ: %s", lang);
  store *s = app_store(a);
  char before[48], after[48];
  snprintf(before, sizeof before, "{\"lang\":\"%s\"}", u->lang);
  snprintf(after, sizeof after, "{\"lang\":\"%s\"}", lang);
  int rc = store_begin(s, e);
  if (!rc) rc = store_user_set_lang(s, u->id, lang, e);
  if (!rc) rc = store_audit(s, u->id, u->login, "user.lang", "user", u->id, before, after, e);
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  return rc;
}
