/* Plans as text (core/plan.h): parse and print round trip, every error with
 * its line and directive, due forms and deadlines, target states, word diff. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/plan.h"

/* a ward plan in canonical form, after the seed 001 (Số 11-KH/ĐU, Gia Sàng) */
static const char *WARD =
    "plan 11-KH/ĐU\n"
    "unit 05692\n"
    "date 2024-01-19\n"
    "year 2024\n"
    "title Kế hoạch công tác dân vận năm 2024\n"
    "basis 136-KH/TU\n"
    "place Gia Sàng\n"
    "signer T/M ĐẢNG ỦY | PHÓ BÍ THƯ THƯỜNG TRỰC | Phạm Đình Việt\n"
    "recipient Ban Dân vận Thành ủy (báo cáo)\n"
    "recipient Thường trực Đảng ủy phường\n"
    "recipient Lưu VPĐU\n"
    "\n"
    "| Thực hiện Kế hoạch số 136-KH/TU ngày 19/01/2024 của Thành ủy về kế hoạch công tác dân vận năm 2024,\n"
    "| Đảng ủy phường xây dựng Kế hoạch công tác dân vận năm 2024, như sau:\n"
    "\n"
    "section I. MỤC ĐÍCH, YÊU CẦU\n"
    "| - Tiếp tục đổi mới và nâng cao chất lượng hoạt động công tác dân vận của hệ thống chính trị.\n"
    "|\n"
    "| - Việc xây dựng và triển khai các nội dung, nhiệm vụ công tác dân vận phải bám sát chỉ đạo.\n"
    "\n"
    "section II. NHIỆM VỤ TRỌNG TÂM\n"
    "\n"
    "item 1\n"
    "| Ban Chấp hành Đảng bộ phường lãnh đạo, chỉ đạo toàn diện công tác dân vận của hệ thống chính trị.\n"
    "lead 05692\n"
    "due 2024\n"
    "status in_progress\n"
    "target conclusions_on_time >= 100\n"
    "\n"
    "item 6\n"
    "| Phối hợp triển khai có hiệu quả Phong trào thi đua “Dân vận khéo”.\n"
    "lead 05692\n"
    "partners 05693;05694\n"
    "due yearly:10\n"
    "source 136-KH/TU 2.3\n"
    "target models_coverage >= 100 area=do_thi min=3 level=4\n"
    "target value:models_commended.tap_the > 2 unit=05693 period=2024S1\n"
    "\n"
    "section III. NHIỆM VỤ CỤ THỂ\n"
    "\n"
    "heading 1. Công tác dân vận của các cơ quan nhà nước\n"
    "| (theo chỉ đạo của Ban Dân vận Tỉnh ủy)\n"
    "\n"
    "item 1.1\n"
    "| *Đảng ủy phường*: Chỉ đạo tổng kết 25 năm thực hiện Chỉ thị số 30-CT/TW, ngày 18/02/1998\n"
    "| của Bộ Chính trị (Khóa VIII) về “Xây dựng và thực hiện Quy chế dân chủ ở cơ sở”.\n"
    "due 2024-03-10\n"
    "source 136-KH/TU 1.4\n"
    "status done\n"
    "\n"
    "item 1.2\n"
    "|   indented, kept as written\n"
    "due monthly\n"
    "target establishments_dossier <= 35.5\n"
    "target establishments_certificate = 10.25\n"
    "target value:dialogues.cap_uy.dinh_ky < 3\n"
    "\n"
    "heading 2. Công tác dân vận ở vùng đồng bào dân tộc\n"
    "\n"
    "item 2.1\n"
    "| Chỉ đạo sơ kết 05 năm thực hiện Kết luận số 65-KL/TW.\n"
    "due quarterly\n"
    "\n"
    "section IV. TỔ CHỨC THỰC HIỆN\n"
    "| 1. UBND phường, ủy ban MTTQ, các tổ chức chính trị - xã hội phường triển khai thực hiện.\n";

static char *print(const plan_doc *p) {
  buf b;
  buf_init(&b, 0);
  plan_print(p, &b);
  return buf_detach(&b, NULL);
}

static void test_round_trip(void **state) {
  (void)state;
  plan_doc p;
  plan_error err;
  int rc = plan_parse(&p, WARD, strlen(WARD), &err);
  if (rc) print_error("line %d %s: %s\n", err.line, err.directive, err.msg);
  assert_int_equal(rc, 0);
  assert_string_equal(p.symbol, "11-KH/ĐU");
  assert_string_equal(p.unit, "05692");
  assert_int_equal(p.year, 2024);
  assert_int_equal(p.day, date_from_ymd(2024, 1, 19));
  assert_string_equal(p.basis, "136-KH/TU");
  assert_string_equal(p.signer[2], "Phạm Đình Việt");
  assert_int_equal(p.nrecipients, 3);
  assert_string_equal(p.preamble, "Thực hiện Kế hoạch số 136-KH/TU ngày 19/01/2024 của Thành ủy về kế hoạch công tác"
                                  " dân vận năm 2024,\nĐảng ủy phường xây dựng Kế hoạch công tác dân vận năm 2024, như sau:");
  assert_int_equal(p.nblocks, 11);
  assert_int_equal(p.blocks[0].kind, PLAN_SECTION);
  assert_string_equal(p.blocks[0].text,
                      "- Tiếp tục đổi mới và nâng cao chất lượng hoạt động công tác dân vận của hệ thống chính trị.\n\n"
                      "- Việc xây dựng và triển khai các nội dung, nhiệm vụ công tác dân vận phải bám sát chỉ đạo.");
  plan_item **items;
  int n = plan_items(&p, &items);
  assert_int_equal(n, 5);
  assert_string_equal(items[1]->number, "6");
  assert_int_equal(items[1]->npartners, 2);
  assert_string_equal(items[1]->partners[1], "05694");
  assert_string_equal(items[1]->source_plan, "136-KH/TU");
  assert_string_equal(items[1]->source_number, "2.3");
  assert_int_equal(items[1]->source_line, 35);
  assert_int_equal(items[1]->ntargets, 2);
  assert_int_equal(items[1]->targets[0].min, 3);
  assert_int_equal(items[1]->targets[0].level, 4);
  assert_string_equal(items[1]->targets[0].area, "do_thi");
  assert_int_equal(items[1]->targets[1].line, 37);
  assert_string_equal(items[1]->targets[1].period, "2024S1");
  assert_int_equal(items[2]->status, PLAN_DONE);
  assert_int_equal(items[3]->status, PLAN_NOT_STARTED);
  assert_string_equal(items[3]->targets[2].indicator, "value:dialogues.cap_uy.dinh_ky");
  assert_true(items[3]->targets[1].threshold == 10.25);
  assert_string_equal(plan_find_item(&p, "1.2")->text, "  indented, kept as written");
  assert_null(plan_find_item(&p, "9.9"));
  free(items);
  char *out = print(&p);
  assert_string_equal(out, WARD);
  /* and again from what was printed */
  plan_doc q;
  assert_int_equal(plan_parse(&q, out, strlen(out), &err), 0);
  char *again = print(&q);
  assert_string_equal(again, WARD);
  free(out);
  free(again);
  plan_doc_release(&p);
  plan_doc_release(&q);
}

/* comments, blank lines, CRLF, spaces, header order: the same plan, printed canonically */
static void test_canonical(void **state) {
  (void)state;
  const char *in = "# a comment\r\n"
                   "title   Kế hoạch   \r\n"
                   "year 2024\r\n"
                   "\r\n"
                   "recipient Lưu\r\n"
                   "| opening\r\n"
                   "date 2024-02-01\r\n"
                   "unit 31\r\n"
                   "plan 5-KH/BDV\r\n"
                   "section A\r\n"
                   "  # indented comment\r\n"
                   "item 1\r\n"
                   "|one\r\n"
                   "partners  31 ; 303 \r\n"
                   "|two\r\n"
                   "|\r\n"
                   "|\r\n"
                   "due yearly:03\r\n"
                   "target establishments_dossier >= 030.50 period=2024";
  const char *want = "plan 5-KH/BDV\n"
                     "unit 31\n"
                     "date 2024-02-01\n"
                     "year 2024\n"
                     "title Kế hoạch\n"
                     "recipient Lưu\n"
                     "\n"
                     "| opening\n"
                     "\n"
                     "section A\n"
                     "\n"
                     "item 1\n"
                     "| one\n"
                     "| two\n"
                     "partners 31;303\n"
                     "due yearly:3\n"
                     "target establishments_dossier >= 30.5 period=2024\n";
  plan_doc p;
  plan_error err;
  int rc = plan_parse(&p, in, strlen(in), &err);
  if (rc) print_error("line %d %s: %s\n", err.line, err.directive, err.msg);
  assert_int_equal(rc, 0);
  char *out = print(&p);
  assert_string_equal(out, want);
  free(out);
  plan_doc_release(&p);
}

static const char *HEAD = "plan 1-KH/X\nunit 31\ndate 2024-01-01\nyear 2024\ntitle T\nsection S\n"; /* 6 lines */

/* bad files: text after HEAD (or alone), the line and directive of the error */
typedef struct bad {
  int with_head;
  const char *text;
  int line;
  const char *directive;
  const char *msg_part;
} bad;

static const bad BAD[] = {
    {1, "item 1\n| x\nfoo bar\n", 9, "foo", "không có"},
    {1, "Item 1\n", 7, "Item", "không hiểu"},
    {1, "item 1\n| x\nlead:31\n", 9, "lead:31", "không hiểu"},
    {0, "| opening text, and no header\n", 2, "plan", "thiếu"},
    {0, "heading H\n", 1, "heading", "section"},
    {0, "item 1\n| x\n", 1, "item", "section"},
    {1, "plan 2-KH/X\n", 7, "plan", "trước section"},
    {0, "plan 1-KH/X\nplan 2-KH/X\n", 2, "plan", "dòng 1"},
    {0, "plan 1 KH\n", 1, "plan", "dấu cách"},
    {0, "unit\n", 1, "unit", "thiếu giá trị"},
    {0, "date 2024-02-30\n", 1, "date", "ngày"},
    {0, "date 19/01/2024\n", 1, "date", "ngày"},
    {0, "year 24\n", 1, "year", "năm"},
    {0, "signer A | B\n", 1, "signer", "3 phần"},
    {0, "signer A | | C\n", 1, "signer", "phần 2"},
    {0, "signer | | C\n", 1, "signer", "phần 2"},
    {0, "signer A | B |\n", 1, "signer", "phần 3"},
    {0, "signer A | B | C | D\n", 1, "signer", "3 phần"},
    {0, "unit 31\ndate 2024-01-01\nyear 2024\ntitle T\nsection S\n", 5, "plan", "thiếu"},
    {0, "plan P\nunit 31\ndate 2024-01-01\nyear 2024\n", 5, "title", "thiếu"},
    {0, "plan P\nbasis P\nunit 31\ndate 2024-01-01\nyear 2024\ntitle T\n", 2, "basis", "chính nó"},
    {1, "section\n", 7, "section", "tiêu đề"},
    {1, "item 1\n", 7, "item", "nội dung"},
    {1, "item 1\nlead 31\nitem 2\n| y\n", 7, "item", "nội dung"},
    {1, "item 1\n| x\nitem 1\n| y\n", 9, "item", "dòng 7"},
    {1, "item 1.1 a\n", 7, "item", "dấu cách"},
    {1, "lead 31\n", 7, "lead", "item"},
    {1, "item 1\n| x\nlead 31\nlead 32\n", 10, "lead", "dòng 9"},
    {1, "item 1\n| x\npartners 31;;32\n", 9, "partners", "thiếu"},
    {1, "item 1\n| x\npartners 31;31\n", 9, "partners", "lặp lại"},
    {1, "item 1\n| x\ndue next week\n", 9, "due", "thời hạn"},
    {1, "item 1\n| x\ndue yearly:13\n", 9, "due", "thời hạn"},
    {1, "item 1\n| x\ndue 2024Q5\n", 9, "due", "thời hạn"},
    {1, "item 1\n| x\nsource 136-KH/TU\n", 9, "source", "SỐ_MỤC"},
    {1, "item 1\n| x\nsource 1-KH/X 2\n", 9, "source", "chính kế hoạch"},
    {1, "item 1\n| x\nstatus overdue\n", 9, "status", "tính từ thời hạn"},
    {1, "item 1\n| x\nstatus finished\n", 9, "status", "trạng thái"},
    {1, "item 1\n| x\ntarget establishments_dossier >=\n", 9, "target", "NGƯỠNG"},
    {1, "item 1\n| x\ntarget Establishments >= 3\n", 9, "target", "chỉ số"},
    {1, "item 1\n| x\ntarget value:dialogues >= 3\n", 9, "target", "chỉ số"},
    {1, "item 1\n| x\ntarget establishments_dossier => 3\n", 9, "target", "so sánh"},
    {1, "item 1\n| x\ntarget establishments_dossier >= -3\n", 9, "target", "ngưỡng"},
    {1, "item 1\n| x\ntarget establishments_dossier >= 3%\n", 9, "target", "ngưỡng"},
    {1, "item 1\n| x\ntarget establishments_dossier >= 3 scope=all\n", 9, "target", "không xác định"},
    {1, "item 1\n| x\ntarget establishments_dossier >= 3 period=2024H1\n", 9, "target", "kỳ"},
    {1, "item 1\n| x\ntarget models_coverage >= 3 min=0\n", 9, "target", "min"},
    {1, "item 1\n| x\ntarget models_coverage >= 3 level=2 level=3\n", 9, "target", "lặp lại"},
    {1, "item 1\n| x\ntarget models_coverage >= 3 area\n", 9, "target", "tên=giá_trị"},
};

static void test_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
    const bad *b = &BAD[i];
    char text[1024];
    snprintf(text, sizeof text, "%s%s", b->with_head ? HEAD : "", b->text);
    plan_doc p;
    plan_error err;
    int rc = plan_parse(&p, text, strlen(text), &err);
    if (rc != -1 || err.line != b->line || strcmp(err.directive, b->directive) || !strstr(err.msg, b->msg_part))
      print_error("case %zu (%s): rc %d line %d directive \"%s\": %s\n", i, b->text, rc, err.line, err.directive, err.msg);
    assert_int_equal(rc, -1);
    assert_int_equal(err.line, b->line);
    assert_string_equal(err.directive, b->directive);
    assert_non_null(strstr(err.msg, b->msg_part));
    plan_doc_release(&p);
  }
}

static void test_nul(void **state) {
  (void)state;
  const char text[] = "plan P\nti\0tle T\n";
  plan_doc p;
  plan_error err;
  assert_int_equal(plan_parse(&p, text, sizeof text - 1, &err), -1);
  assert_int_equal(err.line, 2);
  plan_doc_release(&p);
}

static int deadline(const char *due, int year, int cutoff) {
  plan_due d;
  period_cfg cfg = {cutoff};
  assert_int_equal(plan_due_parse(due, &d), 0);
  char back[16];
  plan_due_format(&d, back, sizeof back);
  assert_string_equal(back, due); /* canonical forms print as they read */
  return plan_due_deadline(&d, year, &cfg);
}

static void test_due(void **state) {
  (void)state;
  assert_int_equal(deadline("2024-03-10", 2024, 0), date_from_ymd(2024, 3, 10));
  assert_int_equal(deadline("2024Q1", 2024, 0), date_from_ymd(2024, 3, 31));
  assert_int_equal(deadline("2024S1", 2024, 0), date_from_ymd(2024, 6, 30));
  assert_int_equal(deadline("2024S1", 2024, 15), date_from_ymd(2024, 6, 14)); /* Decree 09/2019 windows */
  assert_int_equal(deadline("202402", 2024, 0), date_from_ymd(2024, 2, 29));
  assert_int_equal(deadline("2023", 2024, 0), date_from_ymd(2023, 12, 31));
  assert_int_equal(deadline("2024C9", 2024, 0), date_from_ymd(2024, 9, 30));
  assert_int_equal(deadline("yearly:10", 2024, 0), date_from_ymd(2024, 10, 31));
  assert_int_equal(deadline("yearly:2", 2023, 0), date_from_ymd(2023, 2, 28));
  assert_int_equal(deadline("yearly:12", 2024, 0), date_from_ymd(2024, 12, 31));
  assert_int_equal(deadline("monthly", 2024, 0), date_from_ymd(2024, 12, 31));
  assert_int_equal(deadline("quarterly", 2024, 0), date_from_ymd(2024, 12, 31));
  plan_due d;
  assert_int_equal(plan_due_parse("yearly:0", &d), -1);
  assert_int_equal(plan_due_parse("yearly:", &d), -1);
  assert_int_equal(plan_due_parse("yearly:123", &d), -1);
  assert_int_equal(plan_due_parse("weekly", &d), -1);
  assert_int_equal(plan_due_parse("2024-13-01", &d), -1);
  assert_int_equal(plan_due_parse("", &d), -1);
  d.kind = PLAN_DUE_NONE;
  period_cfg cfg = {0};
  assert_int_equal(plan_due_deadline(&d, 2024, &cfg), 0);
  /* overdue: not done and past the deadline */
  int dl = date_from_ymd(2024, 3, 10);
  assert_false(plan_overdue(PLAN_IN_PROGRESS, dl, dl));
  assert_true(plan_overdue(PLAN_IN_PROGRESS, dl, dl + 1));
  assert_true(plan_overdue(PLAN_NOT_STARTED, dl, dl + 1));
  assert_false(plan_overdue(PLAN_DONE, dl, dl + 100));
  assert_false(plan_overdue(PLAN_NOT_STARTED, 0, dl));
}

static void test_target_state(void **state) {
  (void)state;
  /* >= and <=: exactly met is achieved, beyond it exceeded */
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 30, 29.99), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 30, 30), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 30, 35.526), TARGET_EXCEEDED);
  assert_int_equal(plan_target_state(PLAN_CMP_LE, 10, 10.01), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_LE, 10, 10), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_LE, 10, 0), TARGET_EXCEEDED);
  /* > and <: met is achieved */
  assert_int_equal(plan_target_state(PLAN_CMP_GT, 3, 3), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_GT, 3, 4), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_LT, 3, 3), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_LT, 3, 2), TARGET_ACHIEVED);
  /* = : equal only */
  assert_int_equal(plan_target_state(PLAN_CMP_EQ, 100, 100), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_EQ, 100, 99), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_EQ, 4, 5), TARGET_NOT_YET);
  /* compared as shown, at 2 decimals: 81/228 = 35.526...% shows as 35.53 */
  double v = 100.0 * 81 / 228;
  assert_int_equal(plan_target_state(PLAN_CMP_EQ, 35.53, v), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 35.53, v), TARGET_ACHIEVED);
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 35.5, v), TARGET_EXCEEDED);
  assert_int_equal(plan_target_state(PLAN_CMP_LE, 35.5, v), TARGET_NOT_YET);
  /* 100 * 1/3 * 3 is 100 */
  assert_int_equal(plan_target_state(PLAN_CMP_EQ, 100, 100.0 / 3 * 3), TARGET_ACHIEVED);
  /* no value: not yet */
  assert_int_equal(plan_target_state(PLAN_CMP_GE, 0, NAN), TARGET_NOT_YET);
  assert_int_equal(plan_target_state(PLAN_CMP_LE, 100, NAN), TARGET_NOT_YET);
  assert_string_equal(target_state_name(TARGET_EXCEEDED), "exceeded");
  plan_cmp c;
  assert_int_equal(plan_cmp_parse("<=", &c), 0);
  assert_int_equal(c, PLAN_CMP_LE);
  assert_int_equal(plan_cmp_parse("==", &c), -1);
}

static void diff_is(const char *a, const char *b, const char *want) {
  char *d = plan_word_diff(a, b);
  assert_string_equal(d, want);
  free(d);
}

static void test_word_diff(void **state) {
  (void)state;
  diff_is("a b c", "a b c", "a b c");
  diff_is("a b c", "a x c", "a [-b-] {+x+} c");
  diff_is("tối thiểu 30% số cơ sở", "tối thiểu 40% số cơ sở tôn giáo", "tối thiểu [-30%-] {+40%+} số cơ sở {+tôn giáo+}");
  diff_is("a b c d", "a d", "a [-b c-] d");
  diff_is("", "new text", "{+new text+}");
  diff_is("old", "", "[-old-]");
  diff_is("x a y b z", "a q b", "[-x-] a [-y-] {+q+} b [-z-]");
  diff_is("one\ntwo", "one two", "one two");
}

/* Mutated plans (bytes changed, lines dropped or repeated, cut short): the parser either
 * refuses with a line inside the file, or accepts, and then printing is a fixed point:
 * print(parse(print(p))) == print(p). */
static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  unsigned long long z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (unsigned)((z ^ (z >> 31)) % n);
}

static void test_mutations(void **state) {
  (void)state;
  static const char alphabet[] = "| \n#;:=<>.0123456789abcdelmnprstuyQS-/\r\t";
  size_t len = strlen(WARD);
  int lines = 0;
  for (const char *p = WARD; *p; p++) lines += *p == '\n';
  for (int round = 0; round < 3000; round++) {
    char *m = malloc(len * 2 + 2);
    size_t n = 0;
    memcpy(m, WARD, len);
    n = len;
    for (int k = 0, edits = 1 + (int)rnd(4); k < edits; k++) {
      size_t at = rnd((unsigned)n);
      switch (rnd(4)) {
      case 0: m[at] = alphabet[rnd(sizeof alphabet - 1)]; break;      /* change a byte */
      case 1: memmove(m + at, m + at + 1, n - at - 1), n--; break;    /* drop a byte */
      case 2: n = at; break;                                          /* cut short */
      case 3: {                                                       /* repeat a stretch */
        size_t k2 = rnd(40);
        if (at + k2 > n) k2 = n - at;
        if (n + k2 > len * 2) break;
        memmove(m + at + k2, m + at, n - at);
        n += k2;
        break;
      }
      }
      if (!n) break;
    }
    plan_doc p;
    plan_error err;
    if (plan_parse(&p, m, n, &err)) {
      assert_true(err.line >= 1 && err.line <= lines * 2 + 2);
      assert_true(err.msg[0] != 0);
    } else {
      char *once = print(&p);
      plan_doc q;
      int rc = plan_parse(&q, once, strlen(once), &err);
      if (rc) print_error("round %d: reparse failed at %d %s: %s\n%s\n", round, err.line, err.directive, err.msg, once);
      assert_int_equal(rc, 0);
      char *twice = print(&q);
      assert_string_equal(once, twice);
      free(once);
      free(twice);
      plan_doc_release(&q);
    }
    plan_doc_release(&p);
    free(m);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip), cmocka_unit_test(test_canonical), cmocka_unit_test(test_errors),
      cmocka_unit_test(test_nul),        cmocka_unit_test(test_due),       cmocka_unit_test(test_target_state),
      cmocka_unit_test(test_word_diff),  cmocka_unit_test(test_mutations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
