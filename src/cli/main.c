/* danvan: the command line. One table of subcommands, one file each. */
#include "cli/cli.h"
#include "util/i18n.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char *name;
  int (*fn)(int, char **);
  const char *help;
} commands[] = {
    {"init", cmd_init, "init DB [--demo]              tạo cơ sở dữ liệu (--demo: Hải Phòng 6 tháng đầu năm 2023)"},
    {"serve", cmd_serve, "serve DB [--listen ADDR:PORT] chạy máy chủ web (mặc định 127.0.0.1:8080)"},
    {"import", cmd_import, "import units|dialogues|values|REGISTER|plan DB FILE   nhập CSV (tất cả hoặc không)\n"
                           "                                import xlsx DB FILE [--user LOGIN]   nhập số liệu từ biểu XLSX đã điền"},
    {"export", cmd_export, "export REGISTER DB [--unit CODE] [--period P] [--format csv|xlsx] [--out FILE]   xuất sổ"},
    {"report", cmd_report, "report DB --form bieu-N --period P --unit CODE [--format json|csv|html|xlsx] [--level L] [--out FILE]"},
    {"document", cmd_document, "document DB --report --unit U --period P | --plan SỐ  --format docx|pdf --out FILE   văn bản (báo cáo, kế hoạch)"},
    {"indicator", cmd_indicator, "indicator DB --name NAME --period P --unit CODE [--area A --min N --level L]   chỉ số (%)"},
    {"submit", cmd_submission, "submit DB --form F --period P --unit U --user LOGIN [--ack]   gửi báo cáo"},
    {"approve", cmd_submission, "approve DB --form F --period P --unit U --user LOGIN   phê duyệt (đơn vị cấp trên)"},
    {"return", cmd_submission, "return DB --form F --period P --unit U --user LOGIN --comment C   trả lại"},
    {"reopen", cmd_submission, "reopen DB --form F --period P --unit U --user LOGIN [--comment C]   mở lại"},
    {"completeness", cmd_completeness, "completeness DB --form F --period P --unit U --format json   tình hình gửi báo cáo"},
    {"user", cmd_user, "user add DB --login L --unit CODE --role admin|approver|officer|viewer (mật khẩu từ stdin)\n"
                       "                                user passwd DB --login L (stdin) | user disable|enable DB --login L | user list DB"},
    {"config", cmd_config, "config DB KEY VALUE            period.cutoff_day N (0 = theo lịch; 15 = Nghị định 09/2019),\n"
                           "                                deadline.classify_workdays|complaint_days|denunciation_days N, clock.today,\n"
                           "                                smtp.url, smtp.from, site.url, digest.hour, notify.days, notify.overdue_days,\n"
                           "                                server.secure_cookies 0|1 (TLS ở trước), server.trust_proxy 0|1 (X-Real-IP)"},
    {"digest", cmd_digest, "digest DB [--dry-run]           gửi ngay thư tổng hợp thông báo chưa đọc (smtp.url, smtp.from, site.url)"},
    {"holidays", cmd_holidays, "holidays DB set YYYY-MM-DD TÊN | remove YYYY-MM-DD   ngày nghỉ lễ (tính hạn theo ngày làm việc)"},
    {"bodies", cmd_bodies, "bodies DB list | bodies DB set board YYYY-MM-DD TÊN VIẾT_TẮT   tên cơ quan theo thời gian"},
    {"units", cmd_units, "units DB list [--on NGÀY] [--unit MÃ] [--format csv|json] | units DB successors [--on YYYY-MM-DD] [--unit MÃ] [--format csv|json] | units DB successor CŨ MỚI --on NGÀY"},
    {"registers", cmd_registers, "registers DB list | registers DB show REGISTER   các sổ, cột CSV, quy tắc đếm"},
    {"forms", cmd_forms, "forms list | forms show FORM   các biểu và mã chỉ tiêu, phân tổ của từng ô"},
    {"plans", cmd_plans, "plans DB [--format json]        các kế hoạch (import plan DB FILE [--replace]; export plan DB --plan SỐ)"},
    {"target", cmd_target, "target DB --plan SỐ [--unit MÃ] --format json   chỉ tiêu của kế hoạch: giá trị, ngưỡng, trạng thái"},
    {"cascade", cmd_cascade, "cascade DB --plan SỐ [--unit MÃ] --format json  mục nào cấp dưới đã nhận, nội dung cấp trên đổi"},
    {"plan-item", cmd_plan_item, "plan-item DB --plan SỐ --item N [--status S] [--note T] [--evidence SỔ:SỐ|URL] [--ack-source]"},
};

int cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("danvan: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return 1;
}

int cli_fail(const dv_err *e) { return cli_error("%s", e->msg); }

const char *cli_opt(int argc, char **argv, const char *name) {
  for (int i = 0; i + 1 < argc; i++)
    if (strcmp(argv[i], name) == 0) return argv[i + 1];
  return NULL;
}

int cli_read_file(const char *path, size_t max, buf *out) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return cli_error("không mở được %s: %s", path, strerror(errno));
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (out->len + n > max) {
      if (f != stdin) fclose(f);
      return cli_error("%s: tệp quá lớn (tối đa %zu MB)", path, max >> 20);
    }
    buf_add(out, chunk, n);
  }
  int err = ferror(f);
  if (f != stdin) fclose(f);
  return err ? cli_error("lỗi đọc %s", path) : 0;
}

int cli_write_file(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) return cli_error("không ghi được %s: %s", path, strerror(errno));
  int bad = fwrite(data, 1, len, f) != len;
  if (fclose(f) || bad) return cli_error("không ghi được %s", path);
  return 0;
}

app *cli_open(const char *path) {
  dv_err e;
  app *a = app_open(path, &e);
  if (!a) cli_fail(&e);
  return a;
}

static int usage(FILE *f) {
  fputs("Cách dùng: danvan LỆNH ...\n", f);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) fprintf(f, "  danvan %s\n", commands[i].help);
  return f == stderr ? 2 : 0;
}

int main(int argc, char **argv) {
  dv_lang lang; /* DANVAN_LANG=en: the errors of the checks (import, validation) in English */
  if (getenv("DANVAN_LANG") && !i18n_parse(getenv("DANVAN_LANG"), &lang)) i18n_set(lang);
  if (argc < 2) return usage(stderr);
  if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) return usage(stdout);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
  cli_error("không có lệnh \"%s\"", argv[1]);
  return usage(stderr);
}

