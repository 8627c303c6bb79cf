/* danvan serve DB [--listen ADDR:PORT]: runs the web server until SIGINT or
 * SIGTERM, then stops the server and closes the database cleanly. */
#include "cli/cli.h"
#include "web/web.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

static void install_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

static int serve_usage(void) {
  fputs("Cách dùng: danvan serve DB [--listen ĐỊA_CHỈ:CỔNG]   (mặc định 127.0.0.1:8080)\n", stderr);
  return 2;
}

/* the e-mail digest once a day from digest.hour (docs/notifications.md) */
static void daily_digest(app *a) {
  dv_err e;
  int sent, rc = app_digest_daily(a, &sent, &e);
  if (rc < 0) fprintf(stderr, "digest: %s\n", e.msg);
  else if (rc) printf("Thư tổng hợp hằng ngày: đã gửi %d thư\n", sent);
  fflush(stdout);
}

int cmd_serve(int argc, char **argv) {
  const char *db = NULL, *listen = "127.0.0.1:8080";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) listen = argv[++i];
    else if (strncmp(argv[i], "--listen=", 9) == 0) listen = argv[i] + 9;
    else if (argv[i][0] == '-' || db) return serve_usage();
    else db = argv[i];
  }
  if (!db) return serve_usage();
  char host[256];
  int port;
  if (web_parse_listen(listen, host, sizeof host, &port))
    return cli_error("địa chỉ lắng nghe không hợp lệ: %s (cần dạng 127.0.0.1:8080)", listen);
  dv_err e;
  app *a = app_open_serving(db, &e); /* listens at once; the model loads meanwhile */
  if (!a) return cli_fail(&e);
  install_signals();
  web *w = web_start(a, listen);
  if (!w) {
    app_close(a);
    return 1;
  }
  const char *shown = strcmp(host, "0.0.0.0") == 0 || strcmp(host, "::") == 0 ? "127.0.0.1" : host;
  int v6 = strchr(shown, ':') != NULL;
  printf("danvan đang chạy: http://%s%s%s:%d/\n", v6 ? "[" : "", shown, v6 ? "]" : "", port);
  printf("Đăng nhập: http://%s%s%s:%d/login — tài khoản và mật khẩu của dữ liệu mẫu: xem README.\n",
         v6 ? "[" : "", shown, v6 ? "]" : "", port);
  puts("Nhấn Ctrl+C để dừng.");
  fflush(stdout);
  long tick = 0;
  while (!stop_requested && app_ready(a) != -1) {
    if (app_ready(a) == 1 && tick++ % 300 == 0) daily_digest(a); /* once loaded, then every minute */
    struct timespec ts = {0, 200 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  int failed = app_ready(a) == -1;
  web_stop(w);
  app_close(a);
  puts("Đã dừng máy chủ.");
  return failed;
}
