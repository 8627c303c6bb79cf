/* The rules behind the targets (core/indicator.h): a dialogue's chair as
 * heads, lists of unit types, an establishment's land status on a day;
 * and plan targets carrying unit_type= and base= (core/plan.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/indicator.h"
#include "core/period.h"
#include "core/plan.h"

static void test_heads(void **state) {
  (void)state;
  assert_int_equal(dialogue_heads_of("cap_uy"), HEAD_PARTY);
  assert_int_equal(dialogue_heads_of("chinh_quyen"), HEAD_GOVERNMENT);
  assert_int_equal(dialogue_heads_of("dong_chu_tri"), HEADS_BOTH);
  assert_int_equal(dialogue_heads_of("cap_uy") | dialogue_heads_of("chinh_quyen"), HEADS_BOTH);
  assert_int_equal(dialogue_heads_of(""), 0);
  assert_int_equal(dialogue_heads_of("Cap_uy"), 0);
  assert_int_equal(dialogue_heads_of(NULL), 0);
}

static void test_unit_types(void **state) {
  (void)state;
  char item[32];
  const char *p = " Phường , Thị trấn";
  assert_true(unit_types_next(&p, item, sizeof item));
  assert_string_equal(item, "Phường");
  assert_true(unit_types_next(&p, item, sizeof item));
  assert_string_equal(item, "Thị trấn");
  assert_false(unit_types_next(&p, item, sizeof item));
  /* empty items are returned, so that callers can refuse them */
  const char *cases[] = {"Xã,", ",Xã", "Xã,,Phường", ""};
  for (int i = 0; i < 4; i++) {
    int empty = 0;
    p = cases[i];
    while (unit_types_next(&p, item, sizeof item)) empty |= !*item;
    assert_true(empty);
  }
  assert_true(unit_types_hold("Xã", "Xã"));
  assert_false(unit_types_hold("Xã", "Phường"));
  assert_true(unit_types_hold("Phường,Thị trấn", "Thị trấn"));
  assert_false(unit_types_hold("Phường,Thị trấn", "Thị"));
  assert_false(unit_types_hold("Phường,Thị trấn", "Xã"));
  assert_true(unit_types_hold(NULL, "Xã"));
  assert_true(unit_types_hold("", "Quận"));
  assert_false(unit_types_hold("Xã", NULL));
}

static void test_land_stage(void **state) {
  (void)state;
  int end2024 = date_from_ymd(2024, 12, 31), end2025 = date_from_ymd(2025, 12, 31);
  int d0303 = date_from_ymd(2025, 3, 3), d0302 = date_from_ymd(2025, 3, 2);
  assert_int_equal(land_stage_on("none", "", "", end2025), LAND_NONE);
  assert_int_equal(land_stage_on("dossier", "2025-03-03", "", end2024), LAND_NONE);
  assert_int_equal(land_stage_on("dossier", "2025-03-03", "", end2025), LAND_DOSSIER);
  assert_int_equal(land_stage_on("dossier", "2025-03-03", "", d0303), LAND_DOSSIER); /* its own day */
  assert_int_equal(land_stage_on("dossier", "2025-03-03", "", d0302), LAND_NONE);
  /* a certificate of 2025 is a dossier on 31/12/2024 when the dossier was in */
  assert_int_equal(land_stage_on("certificate", "2023-05-02", "2025-03-03", end2024), LAND_DOSSIER);
  assert_int_equal(land_stage_on("certificate", "2023-05-02", "2025-03-03", end2025), LAND_CERTIFICATE);
  assert_int_equal(land_stage_on("certificate", "2024-05-02", "2025-03-03", date_from_ymd(2023, 12, 31)), LAND_NONE);
  /* without a date a stage counts on every day */
  assert_int_equal(land_stage_on("dossier", "", "", date_from_ymd(1990, 1, 1)), LAND_DOSSIER);
  assert_int_equal(land_stage_on("certificate", "", "", date_from_ymd(1990, 1, 1)), LAND_CERTIFICATE);
  assert_int_equal(land_stage_on("certificate", "", "2025-03-03", end2024), LAND_DOSSIER);
  assert_int_equal(land_stage_on("bogus", "2020-01-01", "2020-02-01", end2025), LAND_NONE);
  assert_int_equal(land_stage_on(NULL, "", "", end2025), LAND_NONE);
}

static const char *PLAN_HEAD = "plan 1-KH/TU\nunit 31\ndate 2024-01-05\nyear 2024\ntitle Kế hoạch\n\n"
                               "section I. CHỈ TIÊU\n\nitem 1\n| Chỉ tiêu.\n";

static int parse_target_line(const char *line, plan_doc *p, plan_error *err) {
  char text[1024];
  snprintf(text, sizeof text, "%s%s\n", PLAN_HEAD, line);
  return plan_parse(p, text, strlen(text), err);
}

static void test_plan_target_options(void **state) {
  (void)state;
  plan_doc p;
  plan_error err;
  int rc = parse_target_line("target models_coverage >= 100 area=do_thi level=3 unit_type=\"Phường,Thị trấn\"", &p, &err);
  if (rc) print_error("line %d %s: %s\n", err.line, err.directive, err.msg);
  assert_int_equal(rc, 0);
  const plan_target *t = &p.blocks[1].item.targets[0];
  assert_string_equal(t->unit_types, "Phường,Thị trấn");
  assert_int_equal(t->level, 3);
  buf b;
  buf_init(&b, 0);
  plan_target_format(t, &b);
  assert_string_equal(b.s, "models_coverage >= 100 area=do_thi level=3 unit_type=\"Phường,Thị trấn\"");
  buf_release(&b);
  plan_doc_release(&p);

  assert_int_equal(parse_target_line("target establishments_dossier >= 30 base=130 unit=303", &p, &err), 0);
  t = &p.blocks[1].item.targets[0];
  assert_int_equal(t->base, 130);
  buf_init(&b, 0);
  plan_target_format(t, &b);
  assert_string_equal(b.s, "establishments_dossier >= 30 base=130 unit=303");
  buf_release(&b);
  plan_doc_release(&p);

  assert_int_equal(parse_target_line("target dialogue_heads >= 100 unit_type=\"Xã\" level=2", &p, &err), 0);
  t = &p.blocks[1].item.targets[0];
  assert_string_equal(t->unit_types, "Xã");
  buf_init(&b, 0);
  plan_target_format(t, &b); /* quoted only when it holds a space */
  assert_string_equal(b.s, "dialogue_heads >= 100 level=2 unit_type=Xã");
  buf_release(&b);
  plan_doc_release(&p);

  const char *bad[] = {"target establishments_dossier >= 30 base=0", "target establishments_dossier >= 30 base=-1",
                       "target establishments_dossier >= 30 base=1.5", "target models_coverage >= 1 unit_type=Xã,",
                       "target models_coverage >= 1 unit_type=\"Phường,Thị trấn",
                       "target models_coverage >= 1 unit_type=\"Phường\"x", "target models_coverage >= 1 unit_type=",
                       "target establishments_dossier >= 30 base=1 base=2"};
  for (int i = 0; i < 8; i++) {
    assert_int_equal(parse_target_line(bad[i], &p, &err), -1);
    assert_string_equal(err.directive, "target");
    plan_doc_release(&p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_heads),
      cmocka_unit_test(test_unit_types),
      cmocka_unit_test(test_land_stage),
      cmocka_unit_test(test_plan_target_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
