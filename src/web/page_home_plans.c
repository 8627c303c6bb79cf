/* The plans part of a unit's home page (issue 5, dashboard): the targets of
 * the unit's own plans with their state, evaluated live (app_plan_targets),
 * and the plan items that fall to the unit, overdue or due within
 * PLAN_SOON_DAYS: the items of its own plans and those it leads in the
 * plans of the units above it. Nothing is written when no plan concerns
 * the unit. */
#include "web/web_int.h"
#include "util/i18n.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_SOON_DAYS 30  /* "due soon": within this many days */
#define PLAN_ITEMS_MAX 15  /* items listed on the home page */
#define PLAN_TEXT_MAX 240  /* bytes of an item's text shown */

typedef struct due_item {
  const char *symbol, *unit, *number, *text, *lead;
  int deadline, overdue;
  plan_status status;
} due_item;

static int due_item_cmp(const void *a, const void *b) {
  const due_item *x = a, *y = b;
  if (x->deadline != y->deadline) return x->deadline < y->deadline ? -1 : 1;
  int d = strcmp(x->symbol, y->symbol);
  return d ? d : strcmp(x->number, y->number);
}

const char *target_indicator_label(ctx *c, const plan_target *t) {
  static const struct {
    const char *name, *label;
  } names[] = {
      {"models_coverage", "Tỷ lệ đơn vị có mô hình \"Dân vận khéo\""},
      {"dialogue_heads", "Tỷ lệ đơn vị có người đứng đầu cấp ủy, chính quyền đối thoại với Nhân dân"},
      {"establishments_dossier", "Tỷ lệ cơ sở tôn giáo sử dụng đất đã lập hồ sơ đất đai"},
      {"establishments_certificate", "Tỷ lệ cơ sở tôn giáo sử dụng đất được cấp giấy chứng nhận"},
      {"conclusions_on_time", "Tỷ lệ kết luận sau đối thoại hoàn thành đúng hạn"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(t->indicator, names[i].name)) return names[i].label;
  if (!strncmp(t->indicator, "value:", 6)) {
    const catalog *cat = app_catalog(c->a);
    const char *code = t->indicator + 6;
    size_t n = strcspn(code, ".");
    for (int i = 0; i < cat->nelements; i++)
      if (strlen(cat->elements[i].code) == n && !strncmp(cat->elements[i].code, code, n))
        return cat->elements[i].name;
  }
  return t->indicator;
}

/* "Phường,Thị trấn" with each type in the page's language */
static const char *unit_types_label(ctx *c, const char *types) {
  buf b;
  buf_init(&b, 0);
  for (const char *p = types; *p;) {
    size_t n = strcspn(p, ",");
    char *one = xstrndup(p, n);
    buf_addf(&b, "%s%s", b.len ? ", " : "", tr(one));
    free(one);
    p += n + (p[n] == ',');
  }
  const char *out = c_strdup(c, b.s);
  buf_release(&b);
  return out;
}

const char *target_scope_note(ctx *c, const plan_target *t, int with_min) {
  const char *s = "";
  if (t->area[0]) s = tr(target_area_label(c, t->area));
  if (t->area[0] && with_min && t->min > 1) s = c_printf(c, "%s, ít nhất %d mô hình", s, t->min);
  if (t->unit_types[0]) s = c_printf(c, "%s%sloại đơn vị: %s", s, *s ? "; " : "", unit_types_label(c, t->unit_types));
  if (t->base) s = c_printf(c, "%s%strên tổng số %d cơ sở", s, *s ? "; " : "", t->base);
  return *s ? s : NULL;
}

/* models_coverage's area as the models register labels it */
const char *target_area_label(ctx *c, const char *code) {
  const reg_def *r = app_register(c->a, "models");
  int f = r ? reg_field_index(r, "areas") : -1;
  int k = f >= 0 ? reg_option_index(&r->fields[f], code) : -1;
  return k >= 0 ? r->fields[f].opts[k].label : code;
}

const char *target_cmp_symbol(plan_cmp cmp) {
  switch (cmp) {
  case PLAN_CMP_GE: return "≥";
  case PLAN_CMP_LE: return "≤";
  case PLAN_CMP_GT: return ">";
  case PLAN_CMP_LT: return "<";
  default: return "=";
  }
}

static int is_percent(const plan_target *t) { return strncmp(t->indicator, "value:", 6) != 0; }

static void value_text(buf *b, const plan_target *t, double v) {
  if (isnan(v)) h_lit(b, "—");
  else if (is_percent(t)) h_percent(b, v);
  else h_num(b, v);
}

static void targets_table(ctx *c, const plan_info *plans, int nplans, const int *lead_ok) {
  buf *b = &c->out;
  int any = 0;
  for (int i = 0; i < nplans; i++) {
    if (lead_ok[i] != 2 || !plans[i].targets) continue;
    target_result *rows = NULL;
    int n = 0;
    dv_err e = {0};
    if (app_plan_targets(c->a, &c->u, plans[i].symbol, plans[i].unit, &rows, &n, &e)) {
      h_open(b, "p", "class", "alert", NULL);
      h_text(b, e.msg);
      h_close(b, "p");
      continue;
    }
    if (!n) {
      target_results_free(rows, n);
      continue;
    }
    if (!any++)
      h_lit(b, "<h3 id=\"targets-h\">Chỉ tiêu</h3><div class=\"table-wrap\" role=\"region\" "
               "aria-labelledby=\"targets-h\" tabindex=\"0\"><table class=\"list records targets\"><thead><tr>"
               "<th scope=\"col\">Chỉ tiêu</th><th scope=\"col\">Yêu cầu</th><th scope=\"col\">Đạt được</th>"
               "<th scope=\"col\">Tình trạng</th><th scope=\"col\">Đơn vị chưa đạt</th></tr></thead><tbody>");
    for (int k = 0; k < n; k++) {
      const target_result *r = &rows[k];
      const char *st = target_state_name(r->state);
      h_lit(b, "<tr><th scope=\"row\">");
      h_text(b, target_indicator_label(c, &r->t));
      const char *note = target_scope_note(c, &r->t, 0);
      if (note) {
        h_lit(b, " <span class=\"hint\">(");
        h_text(b, note);
        h_lit(b, ")</span>");
      }
      h_lit(b, "<span class=\"hint target-src\">");
      h_text(b, c_printf(c, "%s, mục %s · %s · kỳ %s", plans[i].symbol, r->item, r->unit_name, r->period));
      h_lit(b, "</span></th><td data-label=\"Yêu cầu\" class=\"nowrap\">");
      h_text(b, target_cmp_symbol(r->t.cmp));
      h_lit(b, " ");
      value_text(b, &r->t, r->t.threshold);
      h_lit(b, "</td><td data-label=\"Đạt được\" class=\"nowrap\">");
      if (r->error[0]) {
        h_open(b, "span", "class", "hint", NULL);
        h_text(b, r->error);
        h_close(b, "span");
      } else {
        value_text(b, &r->t, r->value);
        if (is_percent(&r->t)) h_bar(b, r->value);
      }
      h_lit(b, "</td><td data-label=\"Tình trạng\">");
      h_open(b, "span", "class", c_printf(c, "badge tg-%s", st), NULL);
      h_text(b, r->state == TARGET_EXCEEDED ? "Vượt" : r->state == TARGET_ACHIEVED ? "Đạt" : "Chưa đạt");
      h_close(b, "span");
      h_lit(b, "</td><td data-label=\"Đơn vị chưa đạt\">");
      for (int j = 0; j < r->nbelow && j < 3; j++) {
        if (j) h_lit(b, ", ");
        h_link(b, c_url(c, "/", "unit", r->below[j].unit, NULL), r->below[j].unit_name);
      }
      if (r->nbelow > 3) {
        h_lit(b, " và ");
        h_int(b, r->nbelow - 3);
        h_lit(b, " đơn vị khác");
      }
      h_lit(b, "</td></tr>");
    }
    target_results_free(rows, n);
  }
  if (any) h_lit(b, "</tbody></table></div>");
}

/* the plan's day of issue */
static int plan_day(const plan_info *p) {
  int day;
  return date_parse(p->date, &day) ? 0 : day;
}

/* lead_ok[i]: 2 for the unit's own plans, 1 where the unit's code named the
 * unit on the plan's day (so an item it leads is its own), else 0 */
static void items_table(ctx *c, const char *unit, const plan_info *plans, int nplans, const char *const *mine,
                        const int *lead_ok) {
  buf *b = &c->out;
  int today = app_today(c->a), n = 0, cap = 16;
  due_item *list = c_alloc(c, sizeof(due_item) * (size_t)cap);
  for (int i = 0; i < nplans; i++) {
    if (!mine[i]) continue;
    int own = lead_ok[i] == 2;
    plan_doc d;
    dv_err e = {0};
    if (app_plan_get(c->a, &c->u, plans[i].symbol, plans[i].unit, &d, NULL, &e)) {
      plan_doc_release(&d);
      continue;
    }
    for (int k = 0; k < d.nblocks; k++) {
      const plan_block *bl = &d.blocks[k];
      if (bl->kind != PLAN_ITEM) continue;
      const plan_item *it = &bl->item;
      if (!own && (!lead_ok[i] || strcmp(it->lead, unit))) continue;
      if (it->status == PLAN_DONE || !it->deadline) continue;
      if (!it->overdue && it->deadline - today > PLAN_SOON_DAYS) continue;
      if (n == cap) {
        due_item *bigger = c_alloc(c, sizeof(due_item) * (size_t)cap * 2);
        memcpy(bigger, list, sizeof(due_item) * (size_t)cap);
        list = bigger;
        cap *= 2;
      }
      list[n++] = (due_item){c_strdup(c, plans[i].symbol), c_strdup(c, plans[i].unit), c_strdup(c, it->number),
                             c_excerpt(c, bl->text ? bl->text : "", PLAN_TEXT_MAX), c_strdup(c, it->lead),
                             it->deadline, it->overdue, it->status};
    }
    plan_doc_release(&d);
  }
  h_lit(b, "<h3 id=\"items-h\">Nhiệm vụ quá hạn hoặc sắp đến hạn</h3>");
  if (!n) {
    h_lit(b, "<p class=\"hint\">Không có nhiệm vụ nào của đơn vị quá hạn hoặc đến hạn trong 30 ngày tới.</p>");
    return;
  }
  qsort(list, (size_t)n, sizeof *list, due_item_cmp);
  int late = 0;
  for (int i = 0; i < n; i++) late += list[i].overdue;
  h_open(b, "p", "class", late ? "notice" : "hint", NULL);
  h_int(b, late);
  h_lit(b, " nhiệm vụ quá hạn · ");
  h_int(b, n - late);
  h_lit(b, " nhiệm vụ đến hạn trong 30 ngày tới.</p>");
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"items-h\" tabindex=\"0\">"
           "<table class=\"list records plan-items\"><thead><tr><th scope=\"col\">Thời hạn</th>"
           "<th scope=\"col\">Nhiệm vụ</th><th scope=\"col\">Kế hoạch</th><th scope=\"col\">Tình trạng</th>"
           "</tr></thead><tbody>");
  for (int i = 0; i < n && i < PLAN_ITEMS_MAX; i++) {
    const due_item *x = &list[i];
    h_open(b, "tr", "class", x->overdue ? "late" : NULL, NULL);
    h_lit(b, "<td class=\"nowrap\" data-label=\"Thời hạn\">");
    h_date(b, x->deadline);
    if (x->overdue) h_lit(b, " <span class=\"badge late\">Quá hạn</span>");
    else h_lit(b, " <span class=\"badge st-pending\">Sắp đến hạn</span>");
    h_lit(b, "</td><td data-label=\"Nhiệm vụ\">");
    h_text(b, x->text[0] ? x->text : "(không có nội dung)");
    h_lit(b, "</td><td data-label=\"Kế hoạch\" class=\"nowrap\">");
    h_text(b, c_printf(c, "%s, mục %s", x->symbol, x->number));
    h_lit(b, "</td><td data-label=\"Tình trạng\">");
    h_text(b, plan_status_label_vn(x->status));
    h_lit(b, "</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
  if (n > PLAN_ITEMS_MAX) {
    h_lit(b, "<p class=\"hint\">Và ");
    h_int(b, n - PLAN_ITEMS_MAX);
    h_lit(b, " nhiệm vụ khác có thời hạn muộn hơn.</p>");
  }
}

void h_home_plans(ctx *c, const char *unit) {
  plan_info *plans = NULL;
  int n = 0;
  dv_err e = {0};
  if (app_plan_list(c->a, &c->u, &plans, &n, &e) || !n) {
    plan_infos_free(plans, n);
    return;
  }
  /* the plans that concern the unit: its own and those of the units above
   * it (where it may lead an item) */
  const char **mine = c_alloc(c, sizeof(char *) * (size_t)(n + 1));
  int *lead_ok = c_alloc(c, sizeof(int) * (size_t)(n + 1));
  int any = 0, own = 0;
  const tree *t = app_read_begin(c->a);
  int p = unit_pos_of(c, unit);
  for (int i = 0; i < n && p >= 0; i++) {
    int q = tree_find_id(t, plans[i].unit_id);
    if (q >= 0 && tree_in_subtree(t, q, p)) {
      mine[i] = plans[i].symbol;
      any = 1;
      own |= q == p;
      lead_ok[i] = q == p ? 2 : app_unit_pos_on(c->a, unit, plan_day(&plans[i])) == p;
    }
  }
  app_read_end(c->a);
  if (any) {
    buf *b = &c->out;
    h_lit(b, "<section aria-labelledby=\"plans-h\" id=\"plans\"><h2 id=\"plans-h\">Kế hoạch</h2>");
    if (own) targets_table(c, plans, n, lead_ok);
    items_table(c, unit, plans, n, mine, lead_ok);
    h_lit(b, "</section>");
  }
  plan_infos_free(plans, n);
}
