/* Indicators (issue 4), computed live by the app (app_indicator):
 *
 *   GET /indicators?name=&unit=&period=[&area=&min=&level=&unit_type=&base=]
 *       the five indicators of a unit for a period, then the chosen one for
 *       each child unit with a bar (inline SVG) and a link down to it
 *   GET /api/indicator?name=&unit=&period=[&area=&min=&level=&unit_type=&base=]
 *       {"indicator","unit","period","numerator","denominator","value",
 *        "children":[{"unit","unit_name","numerator","denominator","value"}]}
 *       value in percent, null when the denominator is 0; models_coverage
 *       adds "area","min","level", dialogue_heads "level", and either
 *       "unit_type" when given; the establishments "base" when given
 *
 * models_coverage takes area (default nong_thon_moi), min (default 3) and
 * level (default the commune level: the level named "Xã, phường");
 * dialogue_heads the level; both unit_type ("Xã", "Phường,Thị trấn"). The
 * establishments take base (the plan's number of establishments). A zero
 * denominator is shown as "—", never 0%.
 *
 * Also here: the establishments' progress table above /r/establishments. */
#include "util/esc.h"
#include "web/web_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_MAX 1000 /* the largest "at least N models" accepted */

typedef struct ind_def {
  const char *name, *label, *num, *den, *about;
} ind_def;

/* the labels of models_coverage and dialogue_heads are built from their parameters (title_of) */
static const ind_def defs[] = {
    {"models_coverage", "Tỷ lệ đơn vị có mô hình \"Dân vận khéo\"", "Số đơn vị đạt", "Số đơn vị",
     "Số đơn vị của cấp đã chọn (chỉ các loại đơn vị đã chọn, nếu có) có ít nhất N mô hình \"Dân vận khéo\" đăng ký "
     "trong năm của kỳ, thuộc lĩnh vực trọng tâm đã chọn, trên tổng số đơn vị đó."},
    {"dialogue_heads", "Tỷ lệ đơn vị có người đứng đầu cấp ủy, chính quyền đối thoại với Nhân dân", "Số đơn vị đạt",
     "Số đơn vị",
     "Số đơn vị của cấp đã chọn (chỉ các loại đơn vị đã chọn, nếu có) mà trong kỳ người đứng đầu cấp ủy đã chủ trì "
     "ít nhất một cuộc đối thoại với Nhân dân và người đứng đầu chính quyền cũng vậy (cuộc đối thoại đồng chủ trì "
     "tính cho cả hai), trên tổng số đơn vị đó."},
    {"establishments_dossier", "Tỷ lệ cơ sở tôn giáo sử dụng đất đã lập hồ sơ đất đai", "Đã lập hồ sơ",
     "Cơ sở sử dụng đất",
     "Cơ sở tôn giáo sử dụng đất đã lập hồ sơ đăng ký đất đai (kể cả đã được cấp giấy chứng nhận), trên tổng số "
     "cơ sở tôn giáo sử dụng đất (hoặc trên số cơ sở của kế hoạch, nếu có). Tình trạng tại ngày cuối kỳ, theo ngày "
     "nộp hồ sơ và ngày được cấp giấy chứng nhận."},
    {"establishments_certificate", "Tỷ lệ cơ sở tôn giáo sử dụng đất được cấp giấy chứng nhận", "Được cấp GCN",
     "Cơ sở sử dụng đất",
     "Cơ sở tôn giáo sử dụng đất đã được cấp giấy chứng nhận quyền sử dụng đất, trên tổng số cơ sở tôn giáo sử "
     "dụng đất (hoặc trên số cơ sở của kế hoạch, nếu có). Tình trạng tại ngày cuối kỳ, theo ngày được cấp giấy "
     "chứng nhận."},
    {"conclusions_on_time", "Tỷ lệ kết luận sau đối thoại hoàn thành đúng hạn", "Hoàn thành đúng hạn",
     "Kết luận đến hạn",
     "Kết luận của người chủ trì sau đối thoại có thời hạn trong kỳ và đã hoàn thành không muộn hơn thời hạn, trên "
     "tổng số kết luận có thời hạn trong kỳ; tính theo đơn vị chịu trách nhiệm thực hiện."},
};
#define NDEFS ((int)(sizeof defs / sizeof defs[0]))

/* the indicators counted over the units of a level */
static int by_units(const char *name) { return !strcmp(name, "models_coverage") || !strcmp(name, "dialogue_heads"); }
static int is_est(const char *name) { return !strncmp(name, "establishments_", 15); }

static const ind_def *def_of(const char *name) {
  for (int i = 0; i < NDEFS; i++)
    if (name && !strcmp(defs[i].name, name)) return &defs[i];
  return NULL;
}

/* the arguments of both routes */
typedef struct ind_args {
  const ind_def *def;
  const char *unit, *period;
  period p;
  const char *area, *area_label;
  int min, level;
  const char *unit_types; /* NULL = every type */
  int base;               /* 0 = none */
  int unit_pos, unit_level, unit_has_kids;
  int level_ok;      /* level lies strictly below the unit and within the tree */
  char unit_name[256], parent_code[32], parent_name[256];
  char level_name[64];
} ind_args;

/* the field "areas" of the models register: its options are the areas */
static const reg_field *areas_field(ctx *c) {
  const reg_def *r = app_register(c->a, "models");
  int i = r ? reg_field_index(r, "areas") : -1;
  return i >= 0 ? &r->fields[i] : NULL;
}

static const char *area_label_of(ctx *c, const char *code) {
  const reg_field *f = areas_field(c);
  int k = f ? reg_option_index(f, code) : -1;
  return k >= 0 ? f->opts[k].label : NULL;
}

/* the level whose units are communes and wards ("Xã, phường"), else the deepest */
static int commune_level(const tree *t) {
  const tree_edition *ed = tree_edition_on(t, 0);
  for (int l = 1; l <= t->maxlevel && l <= TREE_MAX_LEVELS; l++) {
    const char *n = ed->levels[l].name ? ed->levels[l].name : "";
    const char *s = ed->levels[l].shortn ? ed->levels[l].shortn : "";
    if (!strncmp(n, "Xã", strlen("Xã")) || !strcmp(s, "Xã")) return l;
  }
  return t->maxlevel;
}

/* "Xã, phường" -> "xã, phường" (an ASCII first letter, or Đ) */
static const char *lower_first(ctx *c, const char *s) {
  char *o = c_strdup(c, s);
  if (o[0] >= 'A' && o[0] <= 'Z') o[0] = (char)(o[0] - 'A' + 'a');
  else if ((unsigned char)o[0] == 0xC4 && (unsigned char)o[1] == 0x90) o[1] = (char)0x91;
  return o;
}

/* NULL, or the message for a 400; *status 404/403 when the unit is not
 * found / not the user's. api: name and period are required. */
static const char *read_args(ctx *c, ind_args *ia, int api, int *status) {
  memset(ia, 0, sizeof *ia);
  *status = 400;
  const char *name = param(c, "name");
  if (!name || !*name) {
    if (api) return "Thiếu tham số name (models_coverage, dialogue_heads, establishments_dossier, "
                    "establishments_certificate, conclusions_on_time).";
    name = "models_coverage";
  }
  if (!(ia->def = def_of(name)))
    return "Tham số name không hợp lệ (models_coverage, dialogue_heads, establishments_dossier, "
           "establishments_certificate, conclusions_on_time).";
  const char *pv = param(c, "period");
  if (api && (!pv || !*pv)) return "Thiếu tham số period (ví dụ 2023, 2023S1).";
  if (!(ia->period = period_arg(c, &ia->p))) return PERIOD_HINT;
  const char *area = param(c, "area");
  ia->area = area && *area ? area : "nong_thon_moi";
  if (strlen(ia->area) > 64 || !(ia->area_label = area_label_of(c, ia->area)))
    return "Tham số area không hợp lệ (nong_thon_moi, do_thi, chuyen_doi_so, khac).";
  const char *mn = param(c, "min");
  long long m = mn && *mn ? parse_id(mn, MIN_MAX) : 3;
  if (m < 1) return "Tham số min phải là số nguyên từ 1 đến 1.000.";
  ia->min = (int)m;
  const char *lv = param(c, "level");
  long long level = lv && *lv ? parse_id(lv, TREE_MAX_LEVELS) : 0;
  if (level < 0) return "Tham số level không hợp lệ (số thứ tự của cấp, 1 là cấp cao nhất).";
  const char *ut = param(c, "unit_type");
  if (ut && *ut && by_units(name)) {
    if (strlen(ut) > 95) return "Tham số unit_type quá dài.";
    ia->unit_types = ut;
  }
  const char *bs = param(c, "base");
  if (bs && *bs && is_est(name)) {
    long long v = parse_id(bs, 100000000);
    if (v < 1) return "Tham số base phải là số nguyên dương (số cơ sở của kế hoạch).";
    ia->base = (int)v;
  }
  ia->unit = unit_arg(c);
  if (strlen(ia->unit) > 31) {
    *status = 404;
    return "Không có đơn vị có mã này.";
  }
  const tree *t = app_read_begin(c->a);
  int up = user_pos(t, &c->u), p = app_unit_pos_period(c->a, ia->unit, ia->period);
  const char *bad = NULL;
  if (p < 0) *status = 404, bad = "Không có đơn vị có mã này.";
  else if (up < 0 || !tree_in_subtree(t, up, p)) {
    dv_err why = {0};
    app_unit_forbidden(c->a, &c->u, ia->unit, p, app_period_day(c->a, &ia->p), &why);
    *status = 403, bad = c_printf(c, "Không mở được: %s.", why.msg);
  }
  if (!bad) {
    ia->unit_pos = p;
    ia->unit_level = t->u[p].level;
    ia->unit_has_kids = t->u[p].end > p + 1;
    snprintf(ia->unit_name, sizeof ia->unit_name, "%s", t->u[p].name);
    int par = t->u[p].parent;
    if (par >= 0 && tree_in_subtree(t, up, par)) {
      snprintf(ia->parent_code, sizeof ia->parent_code, "%s", t->u[par].code);
      snprintf(ia->parent_name, sizeof ia->parent_name, "%s", t->u[par].name);
    }
    ia->level = level ? (int)level : commune_level(t);
    ia->level_ok = ia->level > ia->unit_level && ia->level <= t->maxlevel;
    const level_name *ln = ia->level >= 1 && ia->level <= TREE_MAX_LEVELS ? &app_period_edition(c->a, ia->period)->levels[ia->level] : NULL;
    if (ln && ln->name) snprintf(ia->level_name, sizeof ia->level_name, "%s", ln->name);
    else snprintf(ia->level_name, sizeof ia->level_name, "cấp %d", ia->level);
  }
  app_read_end(c->a);
  return bad;
}

static int compute(ctx *c, const ind_args *ia, const ind_def *d, indicator_result *out, dv_err *e) {
  indicator_params ip = {ia->area, ia->min, ia->level, by_units(d->name) ? ia->unit_types : NULL,
                         is_est(d->name) ? ia->base : 0};
  return app_indicator(c->a, &c->u, d->name, &ip, ia->period, ia->unit, out, e);
}

/* "Tỷ lệ xã, phường có ít nhất 3 mô hình ... Xây dựng nông thôn mới kiểu mẫu" */
static const char *title_of(ctx *c, const ind_args *ia, const ind_def *d) {
  const char *types = ia->unit_types ? c_printf(c, " (%s)", ia->unit_types) : "";
  if (!strcmp(d->name, "dialogue_heads"))
    return c_printf(c, "Tỷ lệ %s%s có người đứng đầu cấp ủy, chính quyền đối thoại với Nhân dân",
                    lower_first(c, ia->level_name), types);
  if (is_est(d->name) && ia->base) return c_printf(c, "%s (trên tổng số %d cơ sở)", d->label, ia->base);
  if (strcmp(d->name, "models_coverage")) return d->label;
  return c_printf(c, "Tỷ lệ %s%s có ít nhất %d mô hình \"Dân vận khéo\" về %s", lower_first(c, ia->level_name), types,
                  ia->min, lower_first(c, ia->area_label));
}

/* the indicator page for another indicator, unit or the same with other
 * parameters */
static const char *ind_url(ctx *c, const ind_args *ia, const char *name, const char *unit) {
  int cov = !strcmp(name, "models_coverage"), lv = by_units(name);
  return c_url(c, "/indicators", "name", name, "unit", unit, "period", ia->period, "area", cov ? ia->area : NULL,
               "min", cov ? c_printf(c, "%d", ia->min) : NULL, "level", lv ? c_printf(c, "%d", ia->level) : NULL,
               "unit_type", lv ? ia->unit_types : NULL, "base",
               is_est(name) && ia->base ? c_printf(c, "%d", ia->base) : NULL, NULL);
}

/* --- GET /api/indicator -------------------------------------------------------------------- */

static void json_number(buf *b, double v) {
  if (isnan(v) || isinf(v)) buf_adds(b, "null");
  else if (v == floor(v) && fabs(v) < 1e15) buf_addf(b, "%.0f", v);
  else buf_addf(b, "%.2f", v);
}

static void json_value(buf *b, const indicator_value *v) {
  buf_adds(b, "\"numerator\":");
  json_number(b, v->numerator);
  buf_adds(b, ",\"denominator\":");
  json_number(b, v->denominator);
  buf_adds(b, ",\"value\":");
  json_number(b, v->denominator > 0 ? v->value : NAN);
}

void api_indicator(ctx *c) {
  ind_args ia;
  int status;
  const char *bad = read_args(c, &ia, 1, &status);
  if (!bad && by_units(ia.def->name) && !ia.level_ok)
    bad = "Tham số level phải là một cấp dưới cấp của đơn vị.";
  if (bad) {
    reply_json_error(c, status, bad);
    return;
  }
  indicator_result r;
  dv_err e = {0};
  int rc = compute(c, &ia, ia.def, &r, &e);
  if (rc) {
    reply_json_error(c, http_status_of(rc), e.msg);
    return;
  }
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"indicator\":");
  esc_json(b, r.name);
  buf_adds(b, ",\"unit\":");
  esc_json(b, r.total.unit);
  buf_adds(b, ",\"period\":");
  esc_json(b, r.period);
  if (!strcmp(r.name, "models_coverage")) {
    buf_adds(b, ",\"area\":");
    esc_json(b, ia.area);
    buf_addf(b, ",\"min\":%d,\"level\":%d", ia.min, ia.level);
  }
  if (!strcmp(r.name, "dialogue_heads")) buf_addf(b, ",\"level\":%d", ia.level);
  if (by_units(r.name) && ia.unit_types) buf_adds(b, ",\"unit_type\":"), esc_json(b, ia.unit_types);
  if (is_est(r.name) && ia.base) buf_addf(b, ",\"base\":%d", ia.base);
  buf_addc(b, ',');
  json_value(b, &r.total);
  buf_adds(b, ",\"children\":[");
  for (int i = 0; i < r.nchildren; i++) {
    buf_adds(b, i ? ",{\"unit\":" : "{\"unit\":");
    esc_json(b, r.children[i].unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, r.children[i].unit_name);
    buf_addc(b, ',');
    json_value(b, &r.children[i]);
    buf_addc(b, '}');
  }
  buf_adds(b, "]}\n");
  indicator_result_release(&r);
  reply_json(c, 200);
}

/* --- GET /indicators ------------------------------------------------------------------------ */

static void filters(ctx *c, const ind_args *ia) {
  buf *b = &c->out;
  h_lit(b, "<form method=\"get\" action=\"/indicators\" class=\"filters\"><div class=\"field\">"
           "<label for=\"f-name\">Chỉ số</label><select id=\"f-name\" name=\"name\">");
  for (int i = 0; i < NDEFS; i++) h_option(b, defs[i].name, defs[i].label, ia->def == &defs[i]);
  h_lit(b, "</select></div><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", ia->unit, NULL, ia->period);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", ia->period, 0);
  h_lit(b, "</div>");
  if (is_est(ia->def->name)) {
    h_lit(b, "<div class=\"field\"><label for=\"f-base\">Số cơ sở của kế hoạch (để trống: theo sổ)</label>");
    h_open(b, "input", "id", "f-base", "name", "base", "type", "number", "min", "1", "value",
           ia->base ? c_printf(c, "%d", ia->base) : "", "class", "short", NULL);
    h_lit(b, "</div>");
  }
  if (by_units(ia->def->name)) {
    h_lit(b, "<div class=\"field\"><label for=\"f-unit-type\">Loại đơn vị (vd. Xã; Phường,Thị trấn; để trống: tất cả)"
             "</label>");
    h_open(b, "input", "id", "f-unit-type", "name", "unit_type", "type", "text", "maxlength", "95", "value",
           ia->unit_types ? ia->unit_types : "", NULL);
    h_lit(b, "</div>");
  }
  if (by_units(ia->def->name)) {
    const reg_field *f = areas_field(c);
    int cov = !strcmp(ia->def->name, "models_coverage");
    if (cov) {
      h_lit(b, "<div class=\"field\"><label for=\"f-area\">Lĩnh vực trọng tâm</label>"
               "<select id=\"f-area\" name=\"area\">");
      for (int k = 0; f && k < f->nopt; k++)
        h_option(b, f->opts[k].code, f->opts[k].label, !strcmp(f->opts[k].code, ia->area));
      h_lit(b, "</select></div><div class=\"field\"><label for=\"f-min\">Số mô hình tối thiểu</label>");
      h_open(b, "input", "id", "f-min", "name", "min", "type", "number", "min", "1", "max", "1000", "value",
             c_printf(c, "%d", ia->min), "class", "short", NULL);
      h_lit(b, "</div>");
    }
    const tree *t = app_read_begin(c->a);
    int any = 0;
    for (int l = ia->unit_level + 1; l <= t->maxlevel; l++) any = 1;
    if (any) {
      h_lit(b, "<div class=\"field\"><label for=\"f-level\">Cấp đơn vị</label><select id=\"f-level\" name=\"level\">");
      for (int l = ia->unit_level + 1; l <= t->maxlevel; l++)
        h_option(b, c_printf(c, "%d", l), app_period_edition(c->a, ia->period)->levels[l].name ? app_period_edition(c->a, ia->period)->levels[l].name : c_printf(c, "Cấp %d", l),
                 l == ia->level);
      h_lit(b, "</select></div>");
    }
    app_read_end(c->a);
  }
  h_lit(b, "<div class=\"field actions\"><button type=\"submit\">Xem</button></div></form>");
}

/* the numerator, denominator, share and bar cells of a row */
static void value_cells(ctx *c, const ind_def *d, const indicator_value *v) {
  buf *b = &c->out;
  int none = !(v->denominator > 0);
  h_open(b, "td", "class", "num", "data-label", d->num, NULL);
  h_num(b, v->numerator);
  h_lit(b, "</td>");
  h_open(b, "td", "class", "num", "data-label", d->den, NULL);
  h_num(b, v->denominator);
  h_lit(b, "</td><td class=\"num pct\" data-label=\"Tỷ lệ\">");
  h_percent(b, none ? NAN : v->value);
  h_lit(b, "</td><td class=\"barcell\" data-label=\"Biểu đồ\">");
  h_bar(b, none ? NAN : v->value);
  h_lit(b, "</td>");
}

/* the four indicators of the unit, one row each */
static void summary(ctx *c, const ind_args *ia) {
  buf *b = &c->out;
  h_lit(b, "<section aria-labelledby=\"sum\"><h2 id=\"sum\">Các chỉ số của đơn vị</h2>"
           "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"sum\" tabindex=\"0\">"
           "<table class=\"list records indicators\"><thead><tr><th scope=\"col\">Chỉ số</th>"
           "<th scope=\"col\" class=\"num\">Tử số</th><th scope=\"col\" class=\"num\">Mẫu số</th>"
           "<th scope=\"col\" class=\"num\">Tỷ lệ</th><th scope=\"col\">Biểu đồ</th></tr></thead><tbody>");
  for (int i = 0; i < NDEFS; i++) {
    const ind_def *d = &defs[i];
    h_open(b, "tr", "class", d == ia->def ? "current" : NULL, NULL);
    h_lit(b, "<th scope=\"row\">");
    h_open(b, "a", "href", ind_url(c, ia, d->name, ia->unit), "aria-current", d == ia->def ? "true" : NULL, NULL);
    h_text(b, title_of(c, ia, d));
    h_lit(b, "</a></th>");
    indicator_result r;
    dv_err e = {0};
    if (by_units(d->name) && !ia->level_ok) {
      h_lit(b, "<td colspan=\"4\" class=\"hint\" data-label=\"Tỷ lệ\">Không tính: đơn vị không có cấp dưới.</td></tr>");
      continue;
    }
    if (compute(c, ia, d, &r, &e)) {
      h_open(b, "td", "colspan", "4", "class", "err", "data-label", "Lỗi", NULL);
      h_text(b, e.msg);
      h_lit(b, "</td></tr>");
      continue;
    }
    value_cells(c, d, &r.total);
    indicator_result_release(&r);
    h_lit(b, "</tr>");
  }
  h_lit(b, "</tbody></table></div></section>");
}

/* 1 if the child at that code has units below it worth opening for d */
static int drillable(ctx *c, const ind_args *ia, const ind_def *d, const char *code) {
  const tree *t = app_read_begin(c->a);
  int p = app_unit_pos_period(c->a, code, ia->period), ok = p >= 0 && t->u[p].end > p + 1;
  if (ok && by_units(d->name)) ok = t->u[p].level < ia->level;
  app_read_end(c->a);
  return ok;
}

static void detail(ctx *c, const ind_args *ia) {
  buf *b = &c->out;
  const ind_def *d = ia->def;
  h_lit(b, "<section aria-labelledby=\"det\"><h2 id=\"det\">");
  h_text(b, title_of(c, ia, d));
  h_lit(b, "</h2><p class=\"hint\">");
  h_text(b, d->about);
  h_lit(b, "</p>");
  if (by_units(d->name) && !ia->level_ok) {
    h_lit(b, "<p class=\"notice\">Chỉ số này tính trên các đơn vị cấp dưới; ");
    h_text(b, ia->unit_name);
    h_lit(b, " không có đơn vị cấp dưới ở cấp đã chọn. Hãy chọn đơn vị cấp trên.</p></section>");
    return;
  }
  indicator_result r;
  dv_err e = {0};
  int rc = compute(c, ia, d, &r, &e);
  if (rc) {
    h_open(b, "p", "class", "alert", "role", "alert", NULL);
    h_text(b, e.msg);
    h_lit(b, "</p></section>");
    if (!c->status) c->status = http_status_of(rc);
    return;
  }
  /* the unit's own figure, large */
  int none = !(r.total.denominator > 0);
  h_lit(b, "<div class=\"figure\"><p class=\"big\">");
  h_percent(b, none ? NAN : r.total.value);
  h_lit(b, "</p><p>");
  h_text(b, ia->unit_name);
  h_lit(b, ": ");
  h_text(b, d->num);
  h_lit(b, " <strong>");
  h_num(b, r.total.numerator);
  h_lit(b, "</strong> / ");
  h_text(b, lower_first(c, d->den));
  h_lit(b, " <strong>");
  h_num(b, r.total.denominator);
  h_lit(b, "</strong>");
  if (none) h_lit(b, " (mẫu số bằng 0: không tính được tỷ lệ)");
  h_lit(b, "</p>");
  h_bar(b, none ? NAN : r.total.value);
  h_lit(b, "</div>");
  if (!r.nchildren) {
    h_lit(b, "<p class=\"hint\">Đơn vị không có đơn vị trực thuộc.</p></section>");
    indicator_result_release(&r);
    return;
  }
  h_lit(b, "<h3 id=\"kids\">Theo đơn vị trực thuộc</h3>"
           "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"kids\" tabindex=\"0\">"
           "<table class=\"list records indicators\"><thead><tr><th scope=\"col\">Đơn vị</th>");
  h_open(b, "th", "scope", "col", "class", "num", NULL);
  h_text(b, d->num);
  h_close(b, "th");
  h_open(b, "th", "scope", "col", "class", "num", NULL);
  h_text(b, d->den);
  h_close(b, "th");
  h_lit(b, "<th scope=\"col\" class=\"num\">Tỷ lệ</th><th scope=\"col\">Biểu đồ</th></tr></thead><tbody>");
  for (int i = 0; i < r.nchildren; i++) {
    const indicator_value *v = &r.children[i];
    h_lit(b, "<tr><th scope=\"row\">");
    if (drillable(c, ia, d, v->unit)) h_link(b, ind_url(c, ia, d->name, v->unit), v->unit_name);
    else h_text(b, v->unit_name);
    h_lit(b, "</th>");
    value_cells(c, d, v);
    h_lit(b, "</tr>");
  }
  h_lit(b, "<tr class=\"total\"><th scope=\"row\">Cộng</th>");
  value_cells(c, d, &r.total);
  h_lit(b, "</tr></tbody></table></div><p class=\"hint\">—: mẫu số bằng 0, không tính được tỷ lệ. "
           "Bấm tên đơn vị để xem các đơn vị trực thuộc của nó.</p></section>");
  indicator_result_release(&r);
}

void page_indicators(ctx *c) {
  buf *b = &c->out;
  ind_args ia;
  int status;
  const char *bad = read_args(c, &ia, 0, &status);
  if (bad) {
    reply_html_error(c, status,
                     status == 404 ? "Không tìm thấy" : status == 403 ? "Không có quyền truy cập" : "Tham số không hợp lệ",
                     bad);
    return;
  }
  char plabel[64];
  period_label_vn(&ia.p, plabel, sizeof plabel);
  page_begin(c, "Chỉ số");
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">");
  h_text(b, ia.unit_name);
  h_lit(b, " · ");
  h_text(b, plabel);
  if (ia.parent_code[0]) {
    h_lit(b, " · thuộc ");
    h_link(b, ind_url(c, &ia, ia.def->name, ia.parent_code), ia.parent_name);
  }
  h_lit(b, "</p><h1>Chỉ số</h1></header>");
  filters(c, &ia);
  summary(c, &ia);
  detail(c, &ia);
  h_lit(b, "<p class=\"hint\">Tính trực tiếp từ các sổ theo dõi tại thời điểm xem. Dữ liệu dạng JSON: ");
  int cov = !strcmp(ia.def->name, "models_coverage"), lv = by_units(ia.def->name);
  h_link(b, c_url(c, "/api/indicator", "name", ia.def->name, "unit", ia.unit, "period", ia.period, "area",
                  cov ? ia.area : NULL, "min", cov ? c_printf(c, "%d", ia.min) : NULL, "level",
                  lv ? c_printf(c, "%d", ia.level) : NULL, "unit_type", lv ? ia.unit_types : NULL, "base",
                  is_est(ia.def->name) && ia.base ? c_printf(c, "%d", ia.base) : NULL, NULL),
         "/api/indicator");
  h_lit(b, "</p>");
  page_end(c);
  page_send(c);
}

/* --- the establishments' progress ------------------------------------------------------------ */

/* a table of the unit's children: land-using establishments, with a
 * dossier, with a certificate, and the shares (the two indicators) */
void h_establishments_progress(ctx *c, const char *unit) {
  buf *b = &c->out;
  indicator_result dos, cert;
  dv_err e = {0};
  indicator_params ip = {NULL, 1, 0, NULL, 0};
  /* the status on the last day of the default period */
  if (app_indicator(c->a, &c->u, "establishments_dossier", &ip, default_period_id(c), unit, &dos, &e)) return;
  if (app_indicator(c->a, &c->u, "establishments_certificate", &ip, default_period_id(c), unit, &cert, &e)) {
    indicator_result_release(&dos);
    return;
  }
  h_lit(b, "<section aria-labelledby=\"prog\"><h2 id=\"prog\">Tiến độ lập hồ sơ, cấp giấy chứng nhận</h2>");
  int n = dos.nchildren == cert.nchildren ? dos.nchildren : 0;
  /* four narrow columns, a plain table on a phone too: number (share) */
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"prog\" tabindex=\"0\">"
           "<table class=\"list progress\"><thead><tr><th scope=\"col\">Đơn vị</th>"
           "<th scope=\"col\" class=\"num\">Cơ sở sử dụng đất</th>"
           "<th scope=\"col\" class=\"num\">Đã lập hồ sơ (tỷ lệ)</th>"
           "<th scope=\"col\" class=\"num\">Được cấp GCN (tỷ lệ)</th></tr></thead><tbody>");
  for (int i = 0; i <= n; i++) {
    const indicator_value *d = i < n ? &dos.children[i] : &dos.total, *g = i < n ? &cert.children[i] : &cert.total;
    int none = !(d->denominator > 0);
    h_open(b, "tr", "class", i == n ? "total" : NULL, NULL);
    h_lit(b, "<th scope=\"row\">");
    if (i == n) h_text(b, c_printf(c, "Cộng: %s", dos.total.unit_name));
    else h_link(b, c_url(c, "/r/establishments", "unit", d->unit, NULL), d->unit_name);
    h_lit(b, "</th><td class=\"num\">");
    h_num(b, d->denominator);
    h_lit(b, "</td><td class=\"num\">");
    h_num(b, d->numerator);
    h_lit(b, " <span class=\"pct\">(");
    h_percent(b, none ? NAN : d->value);
    h_lit(b, ")</span></td><td class=\"num\">");
    h_num(b, g->numerator);
    h_lit(b, " <span class=\"pct\">(");
    h_percent(b, none ? NAN : g->value);
    h_lit(b, ")</span></td></tr>");
  }
  h_lit(b, "</tbody></table></div><p class=\"hint\">Đã lập hồ sơ: kể cả cơ sở đã được cấp giấy chứng nhận. "
           "—: không có cơ sở sử dụng đất. ");
  h_link(b, c_url(c, "/indicators", "name", "establishments_dossier", "unit", unit, NULL), "Xem theo chỉ số");
  h_lit(b, "</p></section>");
  indicator_result_release(&dos);
  indicator_result_release(&cert);
}
