/* core rules behind the entry grid and the drill-down (docs/entry.md):
 * reg_sources names the register rule and field conditions that make a
 * cell; form_inputs_at shows a cell the unit's records make as computed;
 * a form check must say its severity; form_rule_broken / form_rule_message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/register.h"
#include "core/report.h"
#include "util/embedded.h"

typedef struct fixture {
  catalog cat;
  reg_def regs[3];
} fixture;

static const char *REGS[] = {"dialogues.reg", "letters.reg", "models.reg"};

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  char err[256] = "";
  const embedded_file *el = embedded_find("elements.txt");
  if (!el || catalog_load_elements(&fx->cat, el->data, err, sizeof err)) return -1;
  const embedded_file *f = embedded_find("bieu-5.form");
  if (!f || catalog_add_form(&fx->cat, f->data, err, sizeof err)) return -1;
  for (int i = 0; i < 3; i++) {
    const embedded_file *r = embedded_find(REGS[i]);
    if (!r || reg_parse(&fx->regs[i], &fx->cat, r->data, err, sizeof err)) return -1;
  }
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  for (int i = 0; i < 3; i++) reg_release(&fx->regs[i]);
  catalog_release(&fx->cat);
  free(fx);
  return 0;
}

static const char *cond_of(const reg_source *s, const char *field) {
  for (int i = 0; i < s->ncond; i++)
    if (!strcmp(s->reg->fields[s->cond[i].field].name, field)) return s->cond[i].value;
  return NULL;
}

static void test_sources_of_a_dialogue_cell(void **state) {
  fixture *fx = *state;
  reg_source s[4];
  int n = reg_sources(fx->regs, 3, catalog_element(&fx->cat, "dialogues"), "dinh_ky.cap_uy", s, 4);
  assert_int_equal(n, 1);
  assert_string_equal(s[0].reg->code, "dialogues");
  assert_int_equal(s[0].ncond, 2);
  assert_string_equal(cond_of(&s[0], "type"), "dinh_ky");
  assert_string_equal(cond_of(&s[0], "chair"), "cap_uy");
  assert_int_equal(s[0].date_field, -1);
  /* not an option of the field, or a combo of another shape: no source */
  assert_int_equal(reg_sources(fx->regs, 3, catalog_element(&fx->cat, "dialogues"), "dinh_ky.nobody", s, 4), 0);
  assert_int_equal(reg_sources(fx->regs, 3, catalog_element(&fx->cat, "dialogues"), "dinh_ky", s, 4), 0);
}

static void test_sources_with_date_and_when(void **state) {
  fixture *fx = *state;
  reg_source s[4];
  assert_int_equal(reg_sources(fx->regs, 3, catalog_element(&fx->cat, "letters_resolved"), "default", s, 4), 1);
  assert_string_equal(s[0].reg->fields[s[0].date_field].name, "resolved");
  assert_int_equal(reg_sources(fx->regs, 3, catalog_element(&fx->cat, "models_recognised"), "tap_the", s, 4), 1);
  assert_string_equal(cond_of(&s[0], "kind"), "tap_the");
  assert_string_equal(cond_of(&s[0], "status"), "recognised|commended");
  const reg_field *status = &s[0].reg->fields[reg_field_index(s[0].reg, "status")];
  assert_true(reg_cond_matches(status, "recognised|commended", "commended"));
  assert_false(reg_cond_matches(status, "recognised|commended", "registered"));
}

/* records of the unit make dinh_ky.dong_chu_tri: that column alone is computed */
static int counted_dong_chu_tri(void *ctx, const data_ref *d) {
  const catalog *cat = ctx;
  return !strcmp(cat->combos[d->combo], "dinh_ky.dong_chu_tri");
}

static void test_inputs_at_a_unit(void **state) {
  fixture *fx = *state;
  const form *f = catalog_form(&fx->cat, "bieu-5");
  form_input in[16];
  form_inputs_at(f, counted_dong_chu_tri, &fx->cat, in);
  assert_true(in[0].editable && !in[0].counted);
  assert_true(!in[2].editable && in[2].counted);
  assert_true(!in[3].editable && !in[3].counted); /* a sum */
}

static void test_check_needs_its_severity(void **state) {
  fixture *fx = *state;
  char err[256] = "";
  const char *no_level = "form x\nrows self\ncol A = fs_recs default\ncheck fs_accepted default <= fs_recs default M\n";
  assert_int_equal(catalog_add_form(&fx->cat, no_level, err, sizeof err), -1);
  assert_non_null(strstr(err, "line 4"));
  const char *ok = "form y\nrows self\ncol A = fs_recs default\ncheck warning fs_accepted default <= fs_recs default M\n";
  assert_int_equal(catalog_add_form(&fx->cat, ok, err, sizeof err), 0);
  const form *y = catalog_form(&fx->cat, "y");
  assert_int_equal(y->rules[0].error, 0);
  assert_true(form_rule_broken(&y->rules[0], 1865, 9));
  assert_false(form_rule_broken(&y->rules[0], NAN, 9)); /* blank holds */
  char msg[128];
  form_rule_message(&y->rules[0], 1865, 9, msg, sizeof msg);
  assert_string_equal(msg, "M (1.865 > 9)");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sources_of_a_dialogue_cell),
      cmocka_unit_test(test_sources_with_date_and_when),
      cmocka_unit_test(test_inputs_at_a_unit),
      cmocka_unit_test(test_check_needs_its_severity),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
