/* Official documents: a unit's report for a period (narrative stored as
 * one JSON text per unit and period, annexes computed live) and a plan,
 * assembled as an official_doc and written as DOCX, or PDF through it. */
#include "app/app_documents.h"
#include "app/app_doc_check.h"
#include "app/app_internal.h"
#include "export/report_out.h"
#include "util/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_TEXT_MAX (200 * 1024) /* bytes of one section, the title or the recipients */

const report_section report_sections[] = {
    {"p1.I", "Phần thứ nhất\nKẾT QUẢ CÔNG TÁC DÂN VẬN {period}", "I. ĐẶC ĐIỂM TÌNH HÌNH"},
    {"p1.II.1", "II. KẾT QUẢ CÔNG TÁC DÂN VẬN CỦA HỆ THỐNG CHÍNH TRỊ", "1. Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng"},
    {"p1.II.2", NULL, "2. Công tác dân vận của các cơ quan nhà nước và lực lượng vũ trang"},
    {"p1.II.3", NULL, "3. Kết quả công tác dân vận của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội các cấp"},
    {"p1.II.4", NULL, "4. Kết quả công tác dân vận đối với đồng bào theo tôn giáo"},
    {"p1.II.5", NULL, "5. Kết quả công tác dân vận đồng bào dân tộc thiểu số"},
    {"p1.II.6", NULL, "6. Kết quả công tác dân vận với cộng đồng người Việt Nam ở nước ngoài"},
    {"p1.III", NULL, "III. PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”"},
    {"p1.IV", NULL, "IV. KẾT QUẢ HOẠT ĐỘNG CỦA {BOARD} CÁC CẤP"},
    {"p1.V", NULL, "V. ĐÁNH GIÁ CHUNG"},
    {"p2", "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM CÔNG TÁC DÂN VẬN {next}", NULL},
};
const int report_nsections = (int)(sizeof report_sections / sizeof report_sections[0]);

int report_variant_parse(const char *name) {
  if (name && !strcmp(name, "dang")) return REPORT_PARTY;
  if (name && !strcmp(name, "nha_nuoc")) return REPORT_STATE;
  return -1;
}

const char *report_variant_name(int state) { return state == REPORT_STATE ? "nha_nuoc" : "dang"; }

void report_doc_release(report_doc *d) {
  free(d->title);
  free(d->recipients);
  for (int i = 0; i < report_nsections; i++) free(d->sections[i]);
  memset(d, 0, sizeof *d);
}

/* the default line(s) under "BÁO CÁO", as in the seed */
static char *default_title(const period *p) {
  char now[64], next[64];
  doc_period_words(p, 0, now, sizeof now);
  doc_period_words(p, 1, next, sizeof next);
  buf b;
  buf_init(&b, 0);
  if (p->kind == PERIOD_YEAR) buf_addf(&b, "tổng kết công tác dân vận %s;\nphương hướng, nhiệm vụ %s", now, next);
  else if (p->kind == PERIOD_HALF && p->idx == 1)
    buf_addf(&b, "sơ kết công tác dân vận 6 tháng đầu năm;\nphương hướng, nhiệm vụ trọng tâm %s", next);
  else buf_addf(&b, "kết quả công tác dân vận %s;\nphương hướng, nhiệm vụ trọng tâm %s", now, next);
  return buf_detach(&b, NULL);
}

/* --- who issues: names from the unit ---------------------------------------- */

/* the header fields that have a default, per variant */
typedef struct issuer_names {
  char parent_body[256], issuer[256], issuer_long[256], place[128], symbol[32], on_behalf[128], position[128];
} issuer_names;

/* "Thành ủy Hải Phòng" -> kind "Thành ủy", symbol suffix "TU" */
static void committee_kind(const char *committee, char *kind, size_t n, const char **suffix, int *commune) {
  static const struct {
    const char *prefix, *suffix;
    int commune;
  } K[] = {{"Thành ủy", "TU", 0}, {"Tỉnh ủy", "TU", 0}, {"Thị ủy", "TU", 0}, {"Quận ủy", "QU", 0},
           {"Huyện ủy", "HU", 0}, {"Đảng ủy", "ĐU", 1}};
  for (size_t i = 0; i < sizeof K / sizeof K[0]; i++)
    if (!strncmp(committee, K[i].prefix, strlen(K[i].prefix))) {
      snprintf(kind, n, "%s", K[i].prefix);
      *suffix = K[i].suffix;
      *commune = K[i].commune;
      return;
    }
  snprintf(kind, n, "%s", committee);
  *suffix = "ĐU";
  *commune = 1;
}

static void set_upper(char *out, size_t n, const char *prefix, const char *s) {
  char *u = text_upper(s);
  snprintf(out, n, "%s%s", prefix, u ? u : s);
  free(u);
}

/* "thành phố Hải Phòng" from "Thành phố Hải Phòng": the first letter in lower case */
static void lower_first(char *out, size_t n, const char *s) {
  size_t k = 1;
  while (s[0] && s[k] && ((unsigned char)s[k] & 0xC0) == 0x80) k++;
  char *first = xstrndup(s, s[0] ? k : 0), *low = text_lower(first);
  snprintf(out, n, "%s%s", low ? low : first, s[0] ? s + k : "");
  free(low);
  free(first);
}

/* Decree 30: the People's Committee of the unit, under that of its parent
 * ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" over "ỦY BAN NHÂN DÂN QUẬN NGÔ
 * QUYỀN"); a province's has none above it. Caller holds the read lock. */
static void state_issuer_of(const tree *t, int pos, issuer_names *o) {
  const unit_node *u = &t->u[pos];
  snprintf(o->symbol, sizeof o->symbol, "BC-UBND");
  /* a People's Committee prints its own name alone (no body above it, as
   * the chủ quản line is for the departments under a committee) */
  set_upper(o->issuer, sizeof o->issuer, "ỦY BAN NHÂN DÂN ", u->name);
  char name[200];
  lower_first(name, sizeof name, u->name);
  snprintf(o->issuer_long, sizeof o->issuer_long, "Ủy ban nhân dân %s", name);
  snprintf(o->on_behalf, sizeof o->on_behalf, "TM. ỦY BAN NHÂN DÂN");
  snprintf(o->position, sizeof o->position, "CHỦ TỊCH");
}

/* the defaults of a variant; caller holds the read lock */
static void issuer_of(const tree *t, int pos, int state, issuer_names *o) {
  memset(o, 0, sizeof *o);
  const unit_node *u = &t->u[pos];
  snprintf(o->place, sizeof o->place, "%s", u->short_name ? u->short_name : unit_short_name(u->name, u->type));
  if (state == REPORT_STATE) {
    state_issuer_of(t, pos, o);
    return;
  }
  char committee[256], kind[64];
  const char *suffix;
  int commune;
  tree_committee_name(t, pos, committee, sizeof committee);
  committee_kind(committee, kind, sizeof kind, &suffix, &commune);
  snprintf(o->symbol, sizeof o->symbol, "BC/%s", suffix);
  snprintf(o->position, sizeof o->position, "BÍ THƯ");
  char *parent_body, *issuer; /* Hướng dẫn 36: "THÀNH ỦY HẢI PHÒNG" alone; "ĐẢNG BỘ …" over a district's, a commune's */
  doc_party_issuer(committee, u->parent < 0 ? NULL : t->u[u->parent].name, NULL, &parent_body, &issuer);
  snprintf(o->parent_body, sizeof o->parent_body, "%s", parent_body);
  snprintf(o->issuer, sizeof o->issuer, "%s", issuer);
  free(parent_body), free(issuer);
  if (commune) {
    snprintf(o->issuer_long, sizeof o->issuer_long, "%s", committee);
    set_upper(o->on_behalf, sizeof o->on_behalf, "T/M ", kind);
  } else {
    snprintf(o->issuer_long, sizeof o->issuer_long, "Ban Thường vụ %s", committee);
    snprintf(o->on_behalf, sizeof o->on_behalf, "T/M BAN THƯỜNG VỤ");
  }
}

/* the fields a variant gives a default: report_doc field, issuer_names field */
#define VARIANT_FIELDS(X)                                                                                  \
  X(symbol, symbol) X(parent_body, parent_body) X(issuer, issuer) X(issuer_long, issuer_long)             \
  X(sign_on_behalf, on_behalf) X(sign_position, position)

/* the header fields of d that still hold from's defaults (all if force) take to's */
static void apply_names(report_doc *d, const issuer_names *from, const issuer_names *to, int force) {
#define APPLY(f, g)                                                                                        \
  if (force || !from || !strcmp(d->f, from->g)) snprintf(d->f, sizeof d->f, "%s", to->g);
  VARIANT_FIELDS(APPLY)
#undef APPLY
}

/* the defaults but the variant's names (apply_names) */
static void fill_defaults(const tree *t, int pos, const period *p, report_doc *d) {
  issuer_names o;
  issuer_of(t, pos, REPORT_PARTY, &o);
  snprintf(d->place, sizeof d->place, "%s", o.place);
  d->title = default_title(p);
  d->recipients = xstrdup("");
  for (int i = 0; i < report_nsections; i++) d->sections[i] = xstrdup("");
}

/* --- JSON of a stored document ------------------------------------------------ */

#define STR_FIELDS(X)                                                                                  \
  X(symbol) X(date) X(place) X(parent_body) X(issuer) X(issuer_long) X(sign_on_behalf) X(sign_position) \
  X(sign_name)

char *report_doc_to_json(const report_doc *d) {
  json_t *o = json_object(), *secs = json_object();
  json_object_set_new(o, "variant", json_string(report_variant_name(d->state)));
  json_object_set_new(o, "number", json_integer(d->number));
#define PUT(f) json_object_set_new(o, #f, json_string(d->f));
  STR_FIELDS(PUT)
#undef PUT
  json_object_set_new(o, "title", json_string(d->title ? d->title : ""));
  json_object_set_new(o, "recipients", json_string(d->recipients ? d->recipients : ""));
  for (int i = 0; i < report_nsections; i++)
    if (d->sections[i] && *d->sections[i]) json_object_set_new(secs, report_sections[i].key, json_string(d->sections[i]));
  json_object_set_new(o, "sections", secs);
  char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(o);
  return s;
}

static void take_str(json_t *o, const char *key, char *out, size_t n) {
  const char *v = json_string_value(json_object_get(o, key));
  if (v) snprintf(out, n, "%s", v);
}

static void take_text(json_t *o, const char *key, char **out) {
  const char *v = json_string_value(json_object_get(o, key));
  if (!v) return;
  free(*out);
  *out = xstrdup(v);
}

/* the variant of a stored document (REPORT_PARTY when it names none) */
static int stored_variant(const char *data) {
  json_t *o = json_loads(data, 0, NULL);
  int v = report_variant_parse(json_string_value(json_object_get(o, "variant")));
  json_decref(o);
  return v < 0 ? REPORT_PARTY : v;
}

/* overlays the stored fields on the defaults in d */
static void doc_from_json(report_doc *d, const char *data) {
  json_t *o = json_loads(data, 0, NULL);
  if (!o) return;
  int v = report_variant_parse(json_string_value(json_object_get(o, "variant")));
  if (v >= 0) d->state = v;
  json_t *num = json_object_get(o, "number"); /* left out: the number stays */
  json_int_t n = json_integer_value(num);
  if (num) d->number = n > 0 && n < 1000000 ? (int)n : 0;
#define TAKE(f) take_str(o, #f, d->f, sizeof d->f);
  STR_FIELDS(TAKE)
#undef TAKE
  take_text(o, "title", &d->title);
  take_text(o, "recipients", &d->recipients);
  json_t *secs = json_object_get(o, "sections");
  for (int i = 0; i < report_nsections; i++) take_text(secs, report_sections[i].key, &d->sections[i]);
  json_decref(o);
}

/* {period}, {next}: the period and the next in capitals ("6 THÁNG ĐẦU NĂM
 * 2023"); {BOARD}: the committee's board on the period's last day ("BAN DÂN
 * VẬN", "BAN TUYÊN GIÁO VÀ DÂN VẬN") */
void app_outline_text(app *a, const char *tmpl, const period *p, buf *out) {
  char now[64], next[64];
  doc_period_words(p, 0, now, sizeof now);
  doc_period_words(p, 1, next, sizeof next);
  pthread_rwlock_rdlock(&a->lock);
  char *up_now = text_upper(now), *up_next = text_upper(next),
       *board = text_upper(app_body_name(a, "board", app_period_day(a, p), NULL));
  pthread_rwlock_unlock(&a->lock);
  for (const char *s = tmpl; *s; s++) {
    if (!strncmp(s, "{period}", 8)) buf_adds(out, up_now ? up_now : now), s += 7;
    else if (!strncmp(s, "{next}", 6)) buf_adds(out, up_next ? up_next : next), s += 5;
    else if (!strncmp(s, "{BOARD}", 7)) buf_adds(out, board ? board : ""), s += 6;
    else buf_addc(out, *s);
  }
  free(up_now), free(up_next), free(board);
}

/* --- get and save -------------------------------------------------------------- */

/* the unit of the report: its code on the period's last day */
static int unit_for(app *a, const user *u, const char *unit_code, const period *p, int write, int *pos, dv_err *e) {
  if (app_unit_resolve(a, unit_code ? unit_code : "", app_period_day(a, p), pos, e)) return e->code;
  if (write && !app_can_write(a, u, *pos)) return app_unit_unwritable(a, u, unit_code, *pos, app_period_day(a, p), e);
  if (!app_can_read(a, u, *pos)) return app_unit_forbidden(a, u, unit_code, *pos, app_period_day(a, p), e);
  return 0;
}

static int period_of(const char *id, period *p, dv_err *e) {
  if (!id || period_parse(id, p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", id ? id : "");
  return 0;
}

int app_report_doc_get(app *a, const user *u, const char *unit_code, const char *period_id, report_doc *out,
                       dv_err *e) {
  memset(out, 0, sizeof *out);
  period p;
  issuer_names names[2];
  int pos, rc = period_of(period_id, &p, e);
  pthread_rwlock_rdlock(&a->lock);
  if (!rc) rc = unit_for(a, u, unit_code, &p, 0, &pos, e);
  int64_t unit_id = rc ? 0 : a->t.u[pos].id;
  if (!rc) {
    fill_defaults(&a->t, pos, &p, out);
    issuer_of(&a->t, pos, REPORT_PARTY, &names[REPORT_PARTY]);
    issuer_of(&a->t, pos, REPORT_STATE, &names[REPORT_STATE]);
    snprintf(out->unit_code, sizeof out->unit_code, "%s", a->t.u[pos].code);
    period_format(&p, out->period);
  }
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  store_doc_row row;
  int found = store_report_doc_get(app_store(a), unit_id, out->period, &row);
  if (found < 0) {
    report_doc_release(out);
    return dv_fail(e, DV_EDB, 0, "", "không đọc được văn bản");
  }
  out->state = found ? stored_variant(row.data) : REPORT_PARTY;
  apply_names(out, NULL, &names[out->state], 1);
  if (found) {
    out->id = row.id;
    doc_from_json(out, row.data);
    snprintf(out->updated_at, sizeof out->updated_at, "%s", row.updated_at);
    snprintf(out->updated_by, sizeof out->updated_by, "%s", row.updated_by);
    free(row.data);
  }
  int y = 0, m, dd, day; /* numbered per kind: after the unit's highest of the year */
  if (out->date[0] && !date_parse(out->date, &day)) date_to_ymd(day, &y, &m, &dd);
  else y = p.year + (p.kind == PERIOD_YEAR || (p.kind == PERIOD_HALF && p.idx == 2));
  out->next_number = store_report_doc_max_number(app_store(a), unit_id, out->symbol, y) + 1;
  store_report_issue_get(app_store(a), unit_id, out->period, NULL, out->issued_at, sizeof out->issued_at);
  return 0;
}

int app_report_doc_set_variant(app *a, report_doc *d, int state, int force, dv_err *e) {
  if (state != REPORT_PARTY && state != REPORT_STATE)
    return dv_fail(e, DV_EINVAL, 0, "variant", "thể thức văn bản không hợp lệ");
  issuer_names names[2];
  period p;
  pthread_rwlock_rdlock(&a->lock);
  int pos = period_parse(d->period, &p) ? -1 : app_unit_pos_on(a, d->unit_code, app_period_day(a, &p));
  if (pos >= 0) {
    issuer_of(&a->t, pos, REPORT_PARTY, &names[REPORT_PARTY]);
    issuer_of(&a->t, pos, REPORT_STATE, &names[REPORT_STATE]);
  }
  pthread_rwlock_unlock(&a->lock);
  if (pos < 0) return dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị mã %s", d->unit_code);
  if (state != d->state || force) apply_names(d, &names[d->state], &names[state], force);
  d->state = state;
  return 0;
}

/* the first problem of a marked-up text: "" if none */
static const char *text_problem(const char *s) {
  if (!s) return "";
  size_t n = strlen(s);
  if (n > DOC_TEXT_MAX) return "quá dài (tối đa 200 kB)";
  if (!text_valid_utf8(s, n)) return "không phải UTF-8 hợp lệ";
  for (const char *p = s; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (p[0] == '^' && p[1] == '[') {
      int depth = 0;
      const char *q = p + 1;
      for (; *q; q++) {
        if (*q == '\\' && q[1]) q++;
        else if (*q == '[') depth++;
        else if (*q == ']' && --depth == 0) break;
      }
      if (!*q) return "chú thích \"^[\" chưa đóng bằng \"]\"";
      p = q;
    }
  }
  return "";
}

static int check_doc(const report_doc *d, dv_err *e) {
  int day;
  if (d->state != REPORT_PARTY && d->state != REPORT_STATE)
    return dv_fail(e, DV_EINVAL, 0, "variant", "thể thức văn bản không hợp lệ");
  if (d->number < 0 || d->number > 999999) return dv_fail(e, DV_EINVAL, 0, "number", "số văn bản không hợp lệ");
  if (d->date[0] && date_parse(d->date, &day))
    return dv_fail(e, DV_EINVAL, 0, "date", "ngày ban hành không có thật: %s (dạng YYYY-MM-DD)", d->date);
  if (!d->symbol[0] || strchr(d->symbol, ' '))
    return dv_fail(e, DV_EINVAL, 0, "symbol", "ký hiệu văn bản không hợp lệ (ví dụ BC/TU, BC-UBND)");
  const char *probs[] = {text_problem(d->title), text_problem(d->recipients)};
  if (*probs[0]) return dv_fail(e, DV_EINVAL, 0, "title", "tiêu đề: %s", probs[0]);
  if (*probs[1]) return dv_fail(e, DV_EINVAL, 0, "recipients", "nơi nhận: %s", probs[1]);
  for (int i = 0; i < report_nsections; i++) {
    const char *pr = text_problem(d->sections[i]);
    if (*pr) return dv_fail(e, DV_EINVAL, 0, report_sections[i].key, "mục %s: %s", report_sections[i].key, pr);
  }
  const char *shorts[] = {d->place, d->parent_body, d->issuer, d->issuer_long,
                          d->sign_on_behalf, d->sign_position, d->sign_name};
  for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
    if (!text_valid_utf8(shorts[i], strlen(shorts[i]))) return dv_fail(e, DV_EINVAL, 0, "", "văn bản không phải UTF-8 hợp lệ");
  return 0;
}

int app_report_doc_save(app *a, const user *u, const report_doc *d, dv_err *e) {
  period p;
  int pos, rc = period_of(d->period, &p, e);
  if (!rc) rc = check_doc(d, e);
  if (!rc) rc = app_report_doc_fonts(a, d, e);
  if (rc) return rc;
  pthread_rwlock_rdlock(&a->lock);
  rc = unit_for(a, u, d->unit_code, &p, 1, &pos, e);
  int64_t unit_id = rc ? 0 : a->t.u[pos].id;
  for (int i = 0; !rc && i < a->nlocks; i++) /* the report goes with its annexes: signed off together */
    if (a->locks[i].unit_id == unit_id && !strcmp(a->locks[i].period, d->period))
      rc = dv_fail(e, DV_ECONFLICT, 0, "", "báo cáo kỳ %s của đơn vị đã được phê duyệt (%s): cấp trên mở lại trước khi sửa",
                   d->period, a->locks[i].form);
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  store *s = app_store(a);
  char *after = report_doc_to_json(d), *before = NULL;
  store_doc_row old;
  if (store_report_doc_get(s, unit_id, d->period, &old) > 0) before = old.data;
  int64_t uid, id = 0;
  const char *login;
  actor_of(u, &uid, &login);
  rc = store_begin(s, e);
  if (!rc) rc = store_report_doc_put(s, unit_id, d->period, after, login, &id, e);
  if (!rc) rc = store_audit(s, uid, login, "document.save", "report_doc", id, before, after, e);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  free(before);
  free(after);
  return rc;
}

static int known_keys(json_t *o, dv_err *e) {
  static const char *const KEYS[] = {"variant", "number", "symbol", "date", "place", "parent_body", "issuer",
                                     "issuer_long", "title", "recipients", "sign_on_behalf", "sign_position",
                                     "sign_name", "sections"};
  const char *k;
  json_t *v;
  json_object_foreach(o, k, v) {
    size_t i = 0;
    while (i < sizeof KEYS / sizeof KEYS[0] && strcmp(k, KEYS[i])) i++;
    if (i == sizeof KEYS / sizeof KEYS[0]) return dv_fail(e, DV_EINVAL, 0, k, "không có trường %s", k);
    int want_string = strcmp(k, "number") && strcmp(k, "sections");
    if ((want_string && !json_is_string(v)) || (!strcmp(k, "number") && !json_is_integer(v)) ||
        (!strcmp(k, "sections") && !json_is_object(v)))
      return dv_fail(e, DV_EINVAL, 0, k, "trường %s sai kiểu", k);
    if (!strcmp(k, "variant") && report_variant_parse(json_string_value(v)) < 0)
      return dv_fail(e, DV_EINVAL, 0, k,
                     "thể thức văn bản là \"dang\" (văn bản của Đảng) hoặc \"nha_nuoc\" (văn bản hành chính nhà "
                     "nước), không phải \"%s\"",
                     json_string_value(v));
  }
  json_t *secs = json_object_get(o, "sections");
  json_object_foreach(secs, k, v) {
    int i = 0;
    while (i < report_nsections && strcmp(k, report_sections[i].key)) i++;
    if (i == report_nsections) return dv_fail(e, DV_EINVAL, 0, k, "không có mục %s", k);
    if (!json_is_string(v)) return dv_fail(e, DV_EINVAL, 0, k, "mục %s phải là văn bản", k);
  }
  return 0;
}

int app_report_doc_load(app *a, const user *u, const char *unit_code, const char *period_id, const char *json,
                        dv_err *e) {
  json_error_t je;
  json_t *o = json_loads(json, 0, &je);
  if (!o || !json_is_object(o)) {
    json_decref(o);
    return dv_fail(e, DV_EINVAL, je.line, "", "JSON không hợp lệ, dòng %d cột %d: %s", je.line, je.column, je.text);
  }
  int rc = known_keys(o, e);
  int variant = report_variant_parse(json_string_value(json_object_get(o, "variant")));
  json_decref(o);
  report_doc d;
  if (!rc) rc = app_report_doc_get(a, u, unit_code, period_id, &d, e);
  if (rc) return rc;
  if (variant >= 0) rc = app_report_doc_set_variant(a, &d, variant, 0, e); /* before the file's own fields */
  if (!rc) doc_from_json(&d, json);
  if (rc) {
    report_doc_release(&d);
    return rc;
  }
  rc = app_report_doc_save(a, u, &d, e);
  report_doc_release(&d);
  return rc;
}

/* --- figures offered as sentences --------------------------------------------- */

/* {N}: column N (1-based) of the annex's last row (the unit, or the total);
 * {levels:N}: "cấp thành phố: 5 cuộc; cấp huyện: 53 cuộc; …" over the level
 * rows; {area}: "thành phố", "tỉnh", "quận", …; {board}: the committee's
 * board on the period's last day ("Ban Dân vận", from 1/7/2025 "Ban Tuyên
 * giáo và Dân vận"); {change:N:WORD}: ", tăng 12 cuộc so với cùng kỳ năm
 * trước" against the same annex a year before (on this period's tree), or
 * nothing when either figure is blank. A sentence is offered only when every
 * figure it names is there. */
typedef struct figure_rule {
  const char *section, *form, *text;
} figure_rule;

static const figure_rule FIGURES[] = {
    {"p1.II.1", "bieu-1",
     "Các cấp ủy đã tổ chức {1} hội nghị tuyên truyền, tập huấn về công tác dân vận với {2} lượt người tham gia"
     "{change:1:hội nghị}."},
    {"p1.II.1", "bieu-1", "Ban hành {7} văn bản lãnh đạo, chỉ đạo thực hiện về công tác dân vận."},
    {"p1.II.1", "bieu-1",
     "Thực hiện {10} cuộc kiểm tra đối với {11} tổ chức đảng, {12} đảng viên và {19} cuộc giám sát đối với {20} tổ "
     "chức đảng, {21} đảng viên về công tác dân vận, dân tộc, tôn giáo, dân chủ cơ sở."},
    {"p1.II.1", "bieu-1", "Người đứng đầu cấp ủy, tổ chức đảng đã nhận {28} đơn, thư của Nhân dân; đã giải quyết {31} đơn, thư."},
    {"p1.II.1", "bieu-5",
     "Toàn {area} đã tổ chức được {13} cuộc đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp với "
     "Nhân dân ({levels:13}){change:13:cuộc}."},
    {"p1.II.3", "bieu-6",
     "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội các cấp đã tổ chức {1} cuộc giám sát ({levels:1}"
     "{change:1:cuộc}); "
     "nghiên cứu, xem xét {2} văn bản; đề xuất {3} ý kiến, kiến nghị, trong đó {4} ý kiến, kiến nghị được tiếp thu, "
     "giải quyết."},
    {"p1.II.3", "bieu-7",
     "Tổ chức {1} hội nghị phản biện xã hội và phản biện {2} dự thảo văn bản bằng hình thức gửi dự thảo; đề xuất {3} "
     "ý kiến, kiến nghị, trong đó {4} ý kiến, kiến nghị được cơ quan dự thảo tiếp thu."},
    {"p1.III", "bieu-3",
     "Toàn {area} có {1} mô hình “Dân vận khéo” được đăng ký xây dựng trên các lĩnh vực của đời sống xã hội; biểu "
     "dương, khen thưởng {12} tập thể, {13} cá nhân."},
    {"p1.IV", "bieu-2",
     "{board} các cấp chủ trì, phối hợp tổ chức {1} hội nghị, tập huấn về công tác dân vận với {2} lượt người "
     "tham gia; ban hành {7} văn bản hướng dẫn, đôn đốc thực hiện về công tác dân vận."},
    {"p1.IV", "bieu-2",
     "{board} các cấp thực hiện {16} cuộc kiểm tra đối với {17} tổ chức đảng, {18} đảng viên và {25} cuộc giám sát "
     "đối với {26} tổ chức đảng, {27} đảng viên về công tác dân vận."},
};

/* "thành phố" for "Thành phố Hải Phòng", "tỉnh", "quận", … */
static void area_word(const unit_node *u, char *out, size_t n) {
  const char *ty = u->type ? u->type : "";
  char *low = text_lower(strncmp(ty, "Thành phố", strlen("Thành phố")) ? ty : "Thành phố");
  snprintf(out, n, "%s", low && *low ? low : "địa bàn");
  free(low);
}

static int number_at(const rrow *row, int col, int ncols, double *v) {
  if (col < 1 || col > ncols || row->cells[col - 1].kind != CELL_NUM) return 0;
  *v = row->cells[col - 1].num;
  return 1;
}

/* a figure with its link to the annex cell: {{196|bieu-5:tong:13}} (core/doc_link.h) */
static void linked_number(buf *b, double v, const char *code, const char *row, int col) {
  buf_adds(b, "{{");
  format_number_vn(b, v);
  buf_addf(b, "|%s:%s:%d}}", code, row, col);
}

/* "cấp thành phố: 5 cuộc; cấp quận, huyện: 53 cuộc" */
static int level_list(buf *b, const rtable *t, int col) {
  int any = 0;
  for (int r = 0; r < t->nrows; r++) {
    double v;
    if (t->rows[r].is_total || !t->rows[r].level || !number_at(&t->rows[r], col, t->ncols, &v)) continue;
    char *low = text_lower(t->rows[r].label);
    buf_addf(b, "%scấp %s: ", any ? "; " : "", low ? low : t->rows[r].label);
    free(low);
    char row[16];
    snprintf(row, sizeof row, "cap%d", t->rows[r].level);
    linked_number(b, v, t->form, row, col);
    buf_adds(b, " cuộc");
    any = 1;
  }
  return any;
}

/* ", tăng 12 cuộc so với cùng kỳ năm trước"; nothing when a figure is blank */
static void change_words(buf *b, const rtable *t, int col, const char *word) {
  const rtable *c = t->compare;
  double now, then;
  if (!c || !c->nrows || !number_at(&t->rows[t->nrows - 1], col, t->ncols, &now) ||
      !number_at(&c->rows[c->nrows - 1], col, c->ncols, &then))
    return;
  if (now == then) {
    buf_adds(b, ", bằng cùng kỳ năm trước");
    return;
  }
  buf_adds(b, now > then ? ", tăng " : ", giảm ");
  format_number_vn(b, now > then ? now - then : then - now);
  buf_addf(b, " %s so với cùng kỳ năm trước", word);
}

/* the sentence, or NULL when a figure is missing */
static char *figure_text(const char *tmpl, const rtable *t, const char *area, const char *board) {
  if (!t->nrows) return NULL;
  const rrow *last = &t->rows[t->nrows - 1];
  buf b;
  buf_init(&b, 0);
  for (const char *s = tmpl; *s;) {
    if (*s != '{') {
      buf_addc(&b, *s++);
      continue;
    }
    const char *close = strchr(s, '}');
    int col;
    double v;
    int ok = 1;
    char word[32];
    if (!strncmp(s, "{area}", 6)) buf_adds(&b, area);
    else if (!strncmp(s, "{board}", 7)) buf_adds(&b, board);
    else if (sscanf(s, "{change:%d:%31[^}]}", &col, word) == 2) change_words(&b, t, col, word);
    else if (sscanf(s, "{levels:%d}", &col) == 1) ok = level_list(&b, t, col);
    else if (sscanf(s, "{%d}", &col) == 1 && number_at(last, col, t->ncols, &v)) linked_number(&b, v, t->form, "tong", col);
    else ok = 0;
    if (!ok || !close) {
      buf_release(&b);
      return NULL;
    }
    s = close + 1;
  }
  return buf_detach(&b, NULL);
}

void doc_figures_release(doc_figure *f, int n) {
  for (int i = 0; i < n; i++) free(f[i].text);
  free(f);
}

int app_report_doc_figures(app *a, const user *u, const char *unit_code, const char *period_id, doc_figure **out,
                           int *n, dv_err *e) {
  *out = NULL;
  *n = 0;
  period p;
  int pos, rc = period_of(period_id, &p, e);
  char area[64] = "", board[128] = "", before[8] = "";
  pthread_rwlock_rdlock(&a->lock);
  if (!rc) rc = unit_for(a, u, unit_code, &p, 0, &pos, e);
  if (!rc) area_word(&a->t.u[pos], area, sizeof area);
  if (!rc) snprintf(board, sizeof board, "%s", app_body_name(a, "board", app_period_day(a, &p), NULL));
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  period prev = p;
  prev.year--;
  period_format(&prev, before);
  int nrules = (int)(sizeof FIGURES / sizeof FIGURES[0]);
  doc_figure *f = xcalloc((size_t)nrules, sizeof *f);
  for (int i = 0; i < nrules; i++) {
    rtable t;
    dv_err ignore;
    report_args ra = {FIGURES[i].form, unit_code, period_id, strstr(FIGURES[i].text, "{change:") ? before : NULL, 0};
    if (app_report_ex(a, u, &ra, &t, &ignore)) continue;
    char *text = figure_text(FIGURES[i].text, &t, area, board);
    rtable_release(&t);
    if (!text) continue;
    f[*n].section = FIGURES[i].section;
    f[*n].text = text;
    (*n)++;
  }
  *out = f;
  return 0;
}
