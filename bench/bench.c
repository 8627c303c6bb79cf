/* dvbench: the benchmark of issue 2; the figures go to docs/benchmarks.md.
 *
 *   1. every unit of units-2024.csv under a national root VN (levels 1-4);
 *   2. N generated dialogue records (default 1,000,000) through
 *      app_record_import of the register `dialogues` (what `danvan import
 *      dialogues` runs): CSV parsing, validation, the SQLite transaction and
 *      the cube update, on a fresh copy of the units-only database;
 *   3. Biểu 5 for VN and every province, periods 2023 and 2023S1, through
 *      app_report (the table is computed, not written as JSON);
 *   4. the same numbers from a plain SQLite GROUP BY over the records table
 *      on the same file, checked cell by cell against the engine;
 *   5. resident memory of a process that holds the model (app_open), and of
 *      `danvan serve` after two requests.
 *
 * Usage: dvbench [UNITS_CSV]  (default ../shared/data/vn-admin/units-2024.csv)
 * Environment: DV_BENCH_RECORDS (1000000), DV_BENCH_RUNS (5),
 * DV_BENCH_KEEP=1 keeps the temporary directory, DV_BENCH_IMPORT_ONLY=1 stops
 * after the import (for profiling it). Run by bench/run.sh. */
#include "app/app.h"
#include "core/report.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PORT 18099
#define LOGIN "bench"
#define PASSWORD "bench-password"

/* ---------------- small helpers ---------------- */

static char dir[] = "/tmp/dvbench.XXXXXX"; /* the temporary directory, kept on failure */
static int dir_made;

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("dvbench: ", stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  if (dir_made) fprintf(stderr, " (files kept in %s)", dir);
  fputc('\n', stderr);
  exit(1);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* VmRSS of a process in kB (pid 0 = this one), -1 if unknown */
static long rss_kb(pid_t pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, pid ? "/proc/%d/status" : "/proc/self/status", (int)pid);
  FILE *f = fopen(path, "r");
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
  if (f) fclose(f);
  return kb;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open %s: %s", path, strerror(errno));
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) die("cannot read %s", path);
  fclose(f);
  s[n] = 0;
  *len = (size_t)n;
  return s;
}

/* a growable string, enough for generating CSV */
typedef struct sbuf {
  char *s;
  size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    if (!(b->s = realloc(b->s, b->cap))) die("out of memory");
  }
  memcpy(b->s + b->len, s, n);
  b->s[b->len += n] = 0;
}

static void sb_printf(sbuf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sb_add(b, tmp, (size_t)n);
}

/* splitmix64: the same records on every run */
static uint64_t rng_state = 20231122;
static uint32_t rnd(uint32_t below) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return (uint32_t)((z ^ (z >> 31)) % below);
}

/* 12,345,678 */
static const char *thousands(double v, char out[32]) {
  char raw[32];
  snprintf(raw, sizeof raw, "%.0f", v);
  int n = (int)strlen(raw), o = 0;
  for (int i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = raw[i];
  }
  out[o] = 0;
  return out;
}

/* ---------------- 1. the national unit tree ---------------- */

typedef struct units {
  sbuf csv;           /* code,name,type,level,parent_code with VN on top */
  char **codes[5];    /* codes per level 1..4 of the national tree */
  int n[5];
} units;

static void units_add(units *u, int level, const char *code) {
  u->codes[level] = realloc(u->codes[level], sizeof(char *) * (size_t)(u->n[level] + 1));
  u->codes[level][u->n[level]++] = strdup(code);
}

/* the file has no quoted fields; its level 1 becomes level 2 under VN */
static void units_build(units *u, const char *path) {
  size_t len;
  char *data = slurp(path, &len), *save = NULL;
  memset(u, 0, sizeof *u);
  sb_printf(&u->csv, "code,name,type,level,parent_code\nVN,Việt Nam,Quốc gia,1,\n");
  units_add(u, 1, "VN");
  int lineno = 0;
  for (char *line = strtok_r(data, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
    if (lineno++ == 0) continue; /* header */
    char *f[5] = {0}, *p = line;
    for (int i = 0; i < 5; i++) {
      f[i] = p;
      p = i < 4 ? strchr(p, ',') : NULL;
      if (i < 4 && !p) die("%s:%d: expected 5 fields", path, lineno);
      if (p) *p++ = 0;
    }
    int level = atoi(f[3]) + 1;
    if (level < 2 || level > 4) die("%s:%d: level %s out of range", path, lineno, f[3]);
    sb_printf(&u->csv, "%s,%s,%s,%d,%s\n", f[0], f[1], f[2], level, level == 2 ? "VN" : f[4]);
    units_add(u, level, f[0]);
  }
  free(data);
}

/* ---------------- 2. the dialogue records ---------------- */

static const char *const kinds[] = {"Đối thoại về", "Đối thoại với Nhân dân về", "Hội nghị đối thoại về", "Đối thoại:"};
static const char *const topics[] = {
    "giải phóng mặt bằng đường vành đai", "cải cách thủ tục hành chính",
    "xử lý rác thải sinh hoạt", "xây dựng nông thôn mới",
    "dịch vụ công trực tuyến", "an ninh trật tự ở khu dân cư",
    "cấp giấy chứng nhận đất", "chính sách bảo hiểm xã hội, y tế",
    "tái định cư và hỗ trợ việc làm", "giá điện, nước sinh hoạt",
    "lấn chiếm vỉa hè", "chăm lo gia đình chính sách",
    "phòng, chống thiên tai", "học phí, cơ sở vật chất trường học"};
static const char *const type_codes[] = {"dinh_ky", "chuyen_de", "dot_xuat"};
static const char *const chair_codes[] = {"cap_uy", "chinh_quyen", "dong_chu_tri"};

/* header date,unit,type,chair,title,participants; dates over 2023; by unit
 * level 0.5% VN, 9.5% provinces, 20% districts, 70% communes */
static double dialogues_build(sbuf *b, const units *u, int nrec) {
  double title_bytes = 0;
  char dates[365][11];
  for (int d = 0; d < 365; d++) {
    time_t t = (time_t)(19358 + d) * 86400; /* 19358 = 2023-01-01 */
    strftime(dates[d], sizeof dates[d], "%Y-%m-%d", gmtime(&t));
  }
  sb_printf(b, "date,unit,type,chair,title,participants\n");
  for (int i = 0; i < nrec; i++) {
    uint32_t r = rnd(1000);
    int level = r < 5 ? 1 : r < 100 ? 2 : r < 300 ? 3 : 4;
    const char *unit = u->codes[level][rnd((uint32_t)u->n[level])];
    uint32_t t = rnd(100), c = rnd(100);
    int type = t < 60 ? 0 : t < 85 ? 1 : 2, chair = c < 40 ? 0 : c < 85 ? 1 : 2;
    const char *kind = kinds[rnd(4)], *topic = topics[rnd(14)];
    int quoted = strchr(kind, ',') || strchr(topic, ',');
    title_bytes += (double)(strlen(kind) + 1 + strlen(topic));
    sb_printf(b, "%s,%s,%s,%s,%s%s %s%s,", dates[rnd(365)], unit, type_codes[type], chair_codes[chair],
              quoted ? "\"" : "", kind, topic, quoted ? "\"" : "");
    if (rnd(20)) sb_printf(b, "%u\n", 20 + rnd(480));
    else sb_add(b, "\n", 1);
  }
  return title_bytes / nrec;
}

/* ---------------- 3, 4. Biểu 5 from the engine and from SQL ---------------- */

/* counts[level][type][chair]; -1 = no record (blank, as the engine says) */
typedef struct b5 {
  long c[9][3][3];
} b5;

/* a sum where -1 is blank: blank + blank stays blank, blank + n is n */
static long add_blank(long a, long b) { return a < 0 ? b : b < 0 ? a : a + b; }

/* Biểu 5's 13 columns: for each type the three chairs then their sum, and at
 * the end the grand total; what the baseline's counts give in column col */
static long b5_cell(long c[3][3], int col) {
  long v = -1;
  for (int t = 0; t < 3; t++)
    for (int ch = 0; ch < 3; ch++) {
      int in = col == 12 || (col / 4 == t && (col % 4 == 3 || col % 4 == ch));
      if (in) v = add_blank(v, c[t][ch]);
    }
  return v;
}

/* Dialogues are rows of the records table (register 'dialogues') with their
 * fields as a JSON object in `data`; `day` is the dialogue's date, unit_id
 * its unit, both indexed with the register. The level comes from units. */
#define TYPE_CHAIR "json_extract(r.data, '$.type'), json_extract(r.data, '$.chair')"
static const char *Q_ALL =
    "SELECT u.level, " TYPE_CHAIR ", count(*) FROM records r JOIN units u ON u.id = r.unit_id"
    " WHERE r.register = 'dialogues' AND r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
static const char *Q_SUBTREE =
    "WITH RECURSIVE sub(id, level) AS (SELECT id, level FROM units WHERE code = ?3"
    " UNION ALL SELECT u.id, u.level FROM units u JOIN sub ON u.parent_id = sub.id)"
    " SELECT sub.level, " TYPE_CHAIR ", count(*) FROM sub JOIN records r ON r.register = 'dialogues'"
    " AND r.unit_id = sub.id WHERE r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
/* the baseline's best case: typed columns and an index that covers the query
 * (SQLite 3.40 does not use an index on json_extract() as a covering index) */
static const char *TYPED =
    "CREATE TABLE bench_dialogues AS SELECT day, unit_id, json_extract(data, '$.type') AS type,"
    " json_extract(data, '$.chair') AS chair FROM records WHERE register = 'dialogues';"
    "CREATE INDEX bench_cover ON bench_dialogues(day, unit_id, type, chair)";
static const char *Q_TYPED =
    "SELECT u.level, d.type, d.chair, count(*) FROM bench_dialogues d JOIN units u ON u.id = d.unit_id"
    " WHERE d.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";

static int code_index(const char *const codes[3], const unsigned char *s) {
  for (int i = 0; s && i < 3; i++)
    if (strcmp(codes[i], (const char *)s) == 0) return i;
  return -1;
}

static void baseline(sqlite3 *db, const char *sql, const char *unit, int first, int last, b5 *out) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die("baseline: %s", sqlite3_errmsg(db));
  sqlite3_bind_int(st, 1, first);
  sqlite3_bind_int(st, 2, last);
  if (sqlite3_bind_parameter_count(st) >= 3) sqlite3_bind_text(st, 3, unit, -1, SQLITE_STATIC);
  memset(out->c, 0xff, sizeof out->c); /* -1 everywhere */
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int l = sqlite3_column_int(st, 0), t = code_index(type_codes, sqlite3_column_text(st, 1)),
        ch = code_index(chair_codes, sqlite3_column_text(st, 2));
    if (l < 1 || l > 8 || t < 0 || t > 2 || ch < 0 || ch > 2) die("baseline: unexpected row");
    out->c[l][t][ch] = sqlite3_column_int64(st, 3);
  }
  if (rc != SQLITE_DONE) die("baseline: %s", sqlite3_errmsg(db));
  sqlite3_finalize(st);
}

static double report_once(app *a, const char *unit, const char *per, rtable *out) {
  dv_err e;
  double t0 = now();
  if (app_report(a, NULL, "bieu-5", unit, per, 0, out, &e)) die("report %s %s: %s", unit, per, e.msg);
  return now() - t0;
}

/* every level row and the total row of the engine's table equal the baseline */
static void check_equal(const rtable *t, const b5 *b, const char *unit, const char *per) {
  if (t->ncols != 13) die("bieu-5 has %d columns, the benchmark expects 13", t->ncols);
  long total[3][3];
  memset(total, 0xff, sizeof total); /* -1 everywhere */
  for (int l = 1; l <= 8; l++)
    for (int k = 0; k < 9; k++) total[k / 3][k % 3] = add_blank(total[k / 3][k % 3], b->c[l][k / 3][k % 3]);
  int seen[9] = {0};
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    if (!row->is_total && (row->level < 1 || row->level > 8))
      die("%s %s: row \"%s\" has no level", unit, per, row->label);
    long(*c)[3] = row->is_total ? total : (long(*)[3])b->c[row->level];
    if (!row->is_total) seen[row->level] = 1;
    for (int col = 0; col < 13; col++) {
      long want = b5_cell(c, col);
      const rcell *got = &row->cells[col];
      int ok = want < 0 ? got->kind == CELL_NULL : got->kind == CELL_NUM && got->num == (double)want;
      if (!ok)
        die("MISMATCH %s %s row \"%s\" column %d: engine %s%g, SQL baseline %ld (-1 = blank)", unit, per, row->label,
            col + 1, got->kind == CELL_NULL ? "blank " : "", got->num, want);
    }
  }
  for (int l = 1; l <= 8; l++)
    for (int k = 0; k < 9; k++)
      if (!seen[l] && b->c[l][k / 3][k % 3] >= 0)
        die("MISMATCH %s %s: the engine has no row for level %d", unit, per, l);
}

/* ---------------- 5. memory ---------------- */

/* `dvbench --open DB`: prints VmRSS before and after app_open, and its time */
static int open_only(const char *db) {
  long before = rss_kb(0);
  dv_err e;
  double t0 = now();
  app *a = app_open(db, &e);
  double t = now() - t0;
  if (!a) die("%s", e.msg);
  printf("%ld %ld %.6f\n", before, rss_kb(0), t);
  app_close(a);
  return 0;
}

/* one HTTP/1.0 exchange; returns the status, copies the response */
static int http(const char *req, char *resp, size_t cap) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(PORT)};
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
    close(fd);
    return -1;
  }
  if (write(fd, req, strlen(req)) < 0) die("write: %s", strerror(errno));
  size_t n = 0;
  ssize_t k;
  while ((k = read(fd, resp + n, cap - 1 - n)) > 0 && n + (size_t)k < cap - 1) n += (size_t)k;
  if (k > 0) n += (size_t)k;
  resp[n] = 0;
  close(fd);
  int status = 0;
  sscanf(resp, "HTTP/1.%*d %d", &status);
  return status;
}

/* starts `danvan serve`, logs in, asks for two reports, reads VmRSS */
static long server_rss(const char *danvan, const char *db, char *note, size_t notelen) {
  char log[512];
  snprintf(log, sizeof log, "%s/serve.log", dir);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(log, "w", stdout) || !freopen(log, "a", stderr)) _exit(127);
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", PORT);
    execl(danvan, danvan, "serve", db, "--listen", listen, (char *)NULL);
    _exit(127);
  }
  static char resp[1 << 20];
  long kb = -1;
  int up = 0, status;
  for (int i = 0; i < 600 && !up; i++) { /* up to 60 s for the model to load */
    if (waitpid(pid, &status, WNOHANG) == pid) {
      size_t n;
      char *text = slurp(log, &n);
      text[strcspn(text, "\n")] = 0;
      snprintf(note, notelen, "skipped: `danvan serve` exited: %s", text);
      free(text);
      return -1;
    }
    up = http("GET / HTTP/1.0\r\n\r\n", resp, sizeof resp) > 0;
    if (!up) usleep(100000);
  }
  char req[1024], cookie[512] = "";
  const char *body = "{\"login\":\"" LOGIN "\",\"password\":\"" PASSWORD "\"}";
  snprintf(req, sizeof req,
           "POST /api/session HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
           strlen(body), body);
  int st = up ? http(req, resp, sizeof resp) : -1;
  const char *sc = strcasestr(resp, "\nSet-Cookie: ");
  if (sc) snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(sc + 13, ";\r\n"), sc + 13);
  if (!up) snprintf(note, notelen, "skipped: the server did not answer on port %d", PORT);
  else if (st != 200 || !cookie[0]) snprintf(note, notelen, "login answered %d without a cookie", st);
  else {
    const char *codes[] = {"VN", "31"};
    int ok = 1;
    for (int i = 0; i < 2; i++) {
      snprintf(req, sizeof req, "GET /api/report?form=bieu-5&period=2023S1&unit=%s HTTP/1.0\r\nCookie: %s\r\n\r\n",
               codes[i], cookie);
      ok &= http(req, resp, sizeof resp) == 200;
    }
    kb = rss_kb(pid);
    snprintf(note, notelen, "after login and 2 report requests%s", ok ? "" : " (a request FAILED)");
  }
  kill(pid, SIGTERM);
  waitpid(pid, &status, 0);
  return kb;
}

/* ---------------- the run ---------------- */

static void copy_file(const char *from, const char *to) {
  size_t n;
  char *s = slurp(from, &n);
  FILE *f = fopen(to, "wb");
  if (!f || fwrite(s, 1, n, f) != n || fclose(f)) die("cannot write %s", to);
  free(s);
}

static void remove_db(const char *path) {
  char p[600];
  const char *suffix[] = {"", "-wal", "-shm"};
  for (int i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s%s", path, suffix[i]);
    unlink(p);
  }
}

/* one line of the table: what, the value (printf format), the goal and whether it is met */
static void row(const char *what, const char *goal, int ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void row(const char *what, const char *goal, int ok, const char *fmt, ...) {
  char value[64];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(value, sizeof value, fmt, ap);
  va_end(ap);
  printf("  %-52s %16s  %-12s %s\n", what, value, goal, goal[0] ? (ok ? "ok" : "MISSED") : "");
}

static int day_of(int y, int m, int d) {
  struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
  return (int)(timegm(&tm) / 86400);
}

/* median seconds of n runs of a baseline query; *b holds its counts */
static double time_baseline(sqlite3 *db, const char *sql, const char *unit, const int window[2], int n, b5 *b) {
  double t[9];
  for (int k = 0; k < n; k++) {
    double t0 = now();
    baseline(db, sql, unit, window[0], window[1], b);
    t[k] = now() - t0;
  }
  return median(t, n);
}

/* 2: the median seconds (wall and CPU) of importing the records into fresh copies of base */
static void bench_import(const char *base, const char *db, const sbuf *csv, int nrec, int runs, double *wall,
                         double *cpu) {
  double w[99], c[99];
  dv_err e;
  for (int r = 0; r < runs; r++) {
    remove_db(db);
    copy_file(base, db);
    app *a = app_open(db, &e);
    if (!a) die("%s", e.msg);
    int count = 0;
    double t0 = now(), c0 = cpu_now();
    if (app_record_import(a, NULL, app_register(a, "dialogues"), "dialogues.csv", csv->s, csv->len, &count, &e))
      die("import: %s", e.msg);
    w[r] = now() - t0;
    c[r] = cpu_now() - c0;
    if (count != nrec) die("imported %d of %d records", count, nrec);
    app_close(a);
    printf("  import run %d: %.2f s (CPU %.2f s)\n", r + 1, w[r], c[r]);
    fflush(stdout);
  }
  *wall = median(w, runs);
  *cpu = median(c, runs);
}

static const char *const periods[] = {"2023", "2023S1"};

/* 3, 4: Biểu 5 from the engine and from SQL, every table checked */
static void bench_reports(const char *db, const units *u) {
  dv_err e;
  app *a = app_open(db, &e);
  sqlite3 *sql;
  if (!a) die("%s", e.msg);
  if (sqlite3_open_v2(db, &sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("sqlite3_open: %s", db);
  const int windows[2][2] = {{day_of(2023, 1, 1), day_of(2023, 12, 31)}, {day_of(2023, 1, 1), day_of(2023, 6, 30)}};
  double root[2];
  char label[80], num[32];
  for (int p = 0; p < 2; p++) {
    const char *per = periods[p];
    rtable t;
    b5 b;
    double eng[7];
    for (int k = 0; k < 7; k++) {
      eng[k] = report_once(a, "VN", per, &t);
      if (k < 6) rtable_release(&t);
    }
    double me = root[p] = median(eng, 7);
    double all = time_baseline(sql, Q_ALL, "VN", windows[p], 5, &b);
    check_equal(&t, &b, "VN", per);
    double cte = time_baseline(sql, Q_SUBTREE, "VN", windows[p], 5, &b);
    check_equal(&t, &b, "VN", per);
    rtable_release(&t);
    printf("\n  Biểu 5, period %s\n", per);
    row("engine, root VN (app_report)", "<= 1 ms", me <= 1e-3, "%.3f ms", me * 1e3);
    row("SQL GROUP BY, root VN (whole table join units)", "", 0, "%.1f ms", all * 1e3);
    row("  ratio SQL / engine", ">= 100 x", all / me >= 100, "%s x", thousands(all / me, num));
    row("SQL GROUP BY, root VN (recursive-CTE subtree)", "", 0, "%.1f ms", cte * 1e3);
    row("  ratio SQL / engine", "", 0, "%s x", thousands(cte / me, num));

    /* provinces: 7 rounds over all of them for the engine, 1 for SQL */
    int np = u->n[2];
    double *calls = malloc(sizeof(double) * (size_t)np * 7), rounds[7], sql_total = 0;
    for (int k = 0; k < 7; k++) {
      rounds[k] = 0;
      for (int i = 0; i < np; i++) {
        rounds[k] += calls[k * np + i] = report_once(a, u->codes[2][i], per, &t);
        if (k == 6) {
          sql_total += time_baseline(sql, Q_SUBTREE, u->codes[2][i], windows[p], 1, &b);
          check_equal(&t, &b, u->codes[2][i], per);
        }
        rtable_release(&t);
      }
    }
    double one = median(calls, np * 7), each_round = median(rounds, 7);
    free(calls);
    row("engine, one province (median of all calls)", "", 0, "%.3f ms", one * 1e3);
    snprintf(label, sizeof label, "engine, all %d provinces", np);
    row(label, "", 0, "%.2f ms", each_round * 1e3);
    snprintf(label, sizeof label, "SQL recursive CTE, all %d provinces", np);
    row(label, "", 0, "%.1f ms", sql_total * 1e3);
    row("  ratio SQL / engine", "", 0, "%s x", thousands(sql_total / each_round, num));
  }

  if (sqlite3_exec(sql, TYPED, NULL, NULL, NULL))
    die("covering index: %s", sqlite3_errmsg(sql));
  printf("\n  Baseline's best case: the dialogues copied to a table dialogues(day, unit_id, type, chair)\n"
         "  with an index on all four columns (covering), root VN\n");
  for (int p = 0; p < 2; p++) {
    rtable t;
    b5 b;
    double cov = time_baseline(sql, Q_TYPED, "VN", windows[p], 5, &b);
    report_once(a, "VN", periods[p], &t);
    check_equal(&t, &b, "VN", periods[p]);
    rtable_release(&t);
    snprintf(label, sizeof label, "SQL GROUP BY, period %s", periods[p]);
    row(label, "", 0, "%.1f ms", cov * 1e3);
    row("  ratio SQL / engine", ">= 100 x", cov / root[p] >= 100, "%s x", thousands(cov / root[p], num));
  }
  printf("  (every cell of every table above equals the SQL baseline)\n");
  sqlite3_close(sql);
  app_close(a);
}

/* 5: a fresh process that only opens the database, then the real server */
static void bench_memory(const char *db) {
  char cmd[1400], exe[512], danvan[600], note[600];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) die("readlink /proc/self/exe");
  exe[n] = 0;
  snprintf(cmd, sizeof cmd, "'%s' --open '%s'", exe, db);
  fflush(stdout);
  FILE *f = popen(cmd, "r");
  long before = 0, after = 0;
  double t_open = 0;
  if (!f || fscanf(f, "%ld %ld %lf", &before, &after, &t_open) != 3) die("%s failed", cmd);
  pclose(f);
  printf("\n  Memory (VmRSS) and start-up\n");
  row("app_open: load tree and cube from the database", "", 0, "%.2f s", t_open);
  row("process after app_open", "<= 200 MB", after <= 200 * 1024, "%.1f MB", (double)after / 1024);
  row("  of which the model (after - before app_open)", "", 0, "%.1f MB", (double)(after - before) / 1024);
  *strrchr(exe, '/') = 0;
  snprintf(danvan, sizeof danvan, "%s/danvan", exe);
  long srv = server_rss(danvan, db, note, sizeof note);
  if (srv >= 0) row("danvan serve", "<= 200 MB", srv <= 200 * 1024, "%.1f MB", (double)srv / 1024);
  printf("  danvan serve: %s\n", note);
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--open") == 0) return open_only(argv[2]);
  const char *units_path = argc > 1 ? argv[1] : "../shared/data/vn-admin/units-2024.csv";
  int nrec = getenv("DV_BENCH_RECORDS") ? atoi(getenv("DV_BENCH_RECORDS")) : 1000000;
  int runs = getenv("DV_BENCH_RUNS") ? atoi(getenv("DV_BENCH_RUNS")) : 5;
  if (nrec < 1 || runs < 1 || runs > 99) die("bad DV_BENCH_RECORDS or DV_BENCH_RUNS");
  char base[600], db[600], num[32];
  dv_err e;

  /* 1. units, into a database that every import run copies */
  units u;
  units_build(&u, units_path);
  if (!mkdtemp(dir)) die("mkdtemp: %s", strerror(errno));
  dir_made = 1;
  snprintf(base, sizeof base, "%s/units.db", dir);
  snprintf(db, sizeof db, "%s/bench.db", dir);
  if (app_create(base, &e)) die("%s", e.msg);
  app *a = app_open(base, &e);
  if (!a) die("%s", e.msg);
  double t0 = now();
  if (app_import_units(a, "units.csv", u.csv.s, u.csv.len, &e)) die("import units: %s", e.msg);
  double t_units = now() - t0;
  if (app_user_add(a, NULL, LOGIN, PASSWORD, "VN", ROLE_VIEWER, &e)) die("user add: %s", e.msg);
  app_close(a);

  /* 2. dialogues */
  sbuf csv = {0};
  t0 = now();
  double title_bytes = dialogues_build(&csv, &u, nrec);
  double t_gen = now() - t0;
  printf("danvan benchmark: %d units (VN, %d provinces, %d districts, %d communes), %s dialogue records\n",
         u.n[1] + u.n[2] + u.n[3] + u.n[4], u.n[2], u.n[3], u.n[4], thousands(nrec, num));
  printf("  CSV in memory: %.1f MB, %.0f bytes a record (title %.0f bytes), generated in %.2f s\n",
         (double)csv.len / 1e6, (double)csv.len / nrec, title_bytes, t_gen);
  printf("  units imported in %.2f s\n", t_units);
  printf("  medians of %d runs for the import, 7 for engine reports, 5 for SQL on the root\n", runs);
  double wall, cpu;
  bench_import(base, db, &csv, nrec, runs, &wall, &cpu);
  free(csv.s);
  printf("\n  %-52s %16s  %-12s\n", "measure", "median", "goal");
  row("import dialogues, records/s", ">= 200,000", nrec / wall >= 200000, "%s", thousands(nrec / wall, num));
  row("  time for all records", "", 0, "%.2f s", wall);
  row("  records per CPU-second of the process", "", 0, "%s", thousands(nrec / cpu, num));

  if (!getenv("DV_BENCH_IMPORT_ONLY")) {
    bench_reports(db, &u);
    bench_memory(db);
  }

  if (getenv("DV_BENCH_KEEP")) printf("\n  kept %s\n", dir);
  else {
    char log[640];
    snprintf(log, sizeof log, "%s/serve.log", dir);
    remove_db(base), remove_db(db);
    unlink(log);
    rmdir(dir);
  }
  return 0;
}
