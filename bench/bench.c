/* dvbench: the benchmarks of issues 2 and 3; the figures go to
 * docs/benchmarks.md.
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
 *      `danvan serve` after two requests;
 *   6. (issue 3) M more records (default 1,000,000) spread over the nine
 *      registers that feed the annexes, valid by each register's rules,
 *      imported register by register with app_record_import into a copy of
 *      the database of step 2: per register and total records/s;
 *   7. all seven annexes (Biểu 1-7) for VN and every province, periods 2023
 *      and 2023S1, from the engine and from plain SQL GROUP BYs (json_extract
 *      of the fields the rules use, the level from units) on the same file,
 *      every cell checked; then memory and app_open with all the records;
 *   8-10. (issue 10) both editions: units-2024.csv, then units-2025.csv (from
 *      the same directory) from 2025-07-01 and mapping-2024-2025.csv; K
 *      dialogues (default 1,000,000) over 2024-2026 on the tree of their
 *      date; Biểu 5 for VN 2026 plain and --compare 2024, and 2025 (spans the
 *      reform), each against a SQL baseline through the successor mapping;
 *      app_open and memory with both editions.
 *
 * Usage: dvbench [UNITS_CSV]  (default ../shared/data/vn-admin/units-2024.csv)
 *        dvbench --make-db N OUT [UNITS_CSV]  a database of N records over the
 *        registers for bench/load.sh (users bench and load at VN)
 * Environment: DV_BENCH_RECORDS (1000000), DV_BENCH_RUNS (3),
 * DV_BENCH_REGISTERS (1000000; 0 skips 6 and 7), DV_BENCH_REGISTER_RUNS (3),
 * DV_BENCH_SQL_RUNS (3: SQL runs on the root VN), DV_BENCH_KEEP=1 keeps the
 * temporary directory, DV_BENCH_IMPORT_ONLY=1 stops after the imports (for
 * profiling them), DV_BENCH_SKIP_BIEU5=1 skips 3-5, DV_BENCH_REFORM_RECORDS
 * (1000000; 0 skips 8-10). Run by bench/run.sh. */
#include "app/app.h"
#include "core/report.h"
#include "core/view.h"
#include <arpa/inet.h>
#include <stddef.h>
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
 * its unit, both indexed with the register's integer id (records.reg; the
 * codes are in the table registers). The level comes from units. */
#define REG_ID(code) "(SELECT id FROM registers WHERE code = '" code "')"
#define TYPE_CHAIR "json_extract(r.data, '$.type'), json_extract(r.data, '$.chair')"
static const char *Q_ALL =
    "SELECT u.level, " TYPE_CHAIR ", count(*) FROM records r JOIN units u ON u.id = r.unit_id"
    " WHERE r.reg = " REG_ID("dialogues") " AND r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
static const char *Q_SUBTREE =
    "WITH RECURSIVE sub(id, level) AS (SELECT id, level FROM units WHERE code = ?3"
    " UNION ALL SELECT u.id, u.level FROM units u JOIN sub ON u.parent_id = sub.id)"
    " SELECT sub.level, " TYPE_CHAIR ", count(*) FROM sub JOIN records r ON r.reg = " REG_ID("dialogues")
    " AND r.unit_id = sub.id WHERE r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
/* the baseline's best case: typed columns and an index that covers the query
 * (SQLite 3.40 does not use an index on json_extract() as a covering index) */
static const char *TYPED =
    "CREATE TABLE bench_dialogues AS SELECT day, unit_id, json_extract(data, '$.type') AS type,"
    " json_extract(data, '$.chair') AS chair FROM records WHERE reg = " REG_ID("dialogues") ";"
    "CREATE INDEX bench_cover ON bench_dialogues(day, unit_id, type, chair)";
static const char *Q_TYPED =
    "SELECT u.level, d.type, d.chair, count(*) FROM bench_dialogues d JOIN units u ON u.id = d.unit_id"
    " WHERE d.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";

static int code_index(const char *const codes[3], const unsigned char *s) {
  for (int i = 0; s && i < 3; i++)
    if (strcmp(codes[i], (const char *)s) == 0) return i;
  return -1;
}

/* the rows (level, type, chair, count) of a prepared baseline into out */
static void b5_collect(sqlite3 *db, sqlite3_stmt *st, b5 *out) {
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

static void baseline(sqlite3 *db, const char *sql, const char *unit, int first, int last, b5 *out) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die("baseline: %s", sqlite3_errmsg(db));
  sqlite3_bind_int(st, 1, first);
  sqlite3_bind_int(st, 2, last);
  if (sqlite3_bind_parameter_count(st) >= 3) sqlite3_bind_text(st, 3, unit, -1, SQLITE_STATIC);
  b5_collect(db, st, out);
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

#define Q_SERVE_2023 "form=bieu-5&period=2023S1" /* the requests of parts 1 and 2 */
/* starts `danvan serve`, logs in, asks for two reports (query: the
 * parameters before &unit=, for VN and 31), reads VmRSS */
static long server_rss(const char *danvan, const char *db, const char *query, char *note, size_t notelen) {
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
      snprintf(req, sizeof req, "GET /api/report?%s&unit=%s HTTP/1.0\r\nCookie: %s\r\n\r\n", query, codes[i], cookie);
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
static int sql_runs = 3; /* SQL on the root VN: median of this many runs (DV_BENCH_SQL_RUNS) */

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
    double all = time_baseline(sql, Q_ALL, "VN", windows[p], sql_runs, &b);
    check_equal(&t, &b, "VN", per);
    double cte = time_baseline(sql, Q_SUBTREE, "VN", windows[p], sql_runs, &b);
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
    double cov = time_baseline(sql, Q_TYPED, "VN", windows[p], sql_runs, &b);
    report_once(a, "VN", periods[p], &t);
    check_equal(&t, &b, "VN", periods[p]);
    rtable_release(&t);
    snprintf(label, sizeof label, "SQL GROUP BY, period %s", periods[p]);
    row(label, "", 0, "%.1f ms", cov * 1e3);
    row("  ratio SQL / engine", ">= 100 x", cov / root[p] >= 100, "%s x", thousands(cov / root[p], num));
  }
  printf("  (every cell of every table above equals the SQL baseline)\n");
  /* the copy is the baseline's, not the application's: step 6 copies this file */
  if (sqlite3_exec(sql, "DROP TABLE bench_dialogues", NULL, NULL, NULL)) die("drop: %s", sqlite3_errmsg(sql));
  sqlite3_close(sql);
  app_close(a);
}

/* 5: a fresh process that only opens the database, then the real server
 * (its two requests: `query`, see server_rss) */
static void bench_memory(const char *db, const char *what, const char *query) {
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
  printf("\n  Memory (VmRSS) and start-up, %s\n", what);
  row("app_open: load tree and cube from the database", "", 0, "%.2f s", t_open);
  row("process after app_open", "<= 200 MB", after <= 200 * 1024, "%.1f MB", (double)after / 1024);
  row("  of which the model (after - before app_open)", "", 0, "%.1f MB", (double)(after - before) / 1024);
  *strrchr(exe, '/') = 0;
  snprintf(danvan, sizeof danvan, "%s/danvan", exe);
  long srv = server_rss(danvan, db, query, note, sizeof note);
  if (srv >= 0) row("danvan serve", "<= 200 MB", srv <= 200 * 1024, "%.1f MB", (double)srv / 1024);
  printf("  danvan serve: %s\n", note);
}

/* ---------------- 6. records of every register (issue 3) ---------------- */

/* 2023-01-01 onwards: the records' dates, and resolutions running into 2024 */
#define NDATES 460
static char dates[NDATES][11];

static void dates_init(void) {
  for (int d = 0; d < NDATES; d++) {
    time_t t = (time_t)(19358 + d) * 86400; /* 19358 = 2023-01-01 */
    strftime(dates[d], sizeof dates[d], "%Y-%m-%d", gmtime(&t));
  }
}

/* a unit by the level mix of the dialogues: 0.5 % VN, 9.5 % provinces, 20 %
 * districts, 70 % communes */
static const char *pick_unit(const units *u, int *level) {
  uint32_t r = rnd(1000);
  int l = r < 5 ? 1 : r < 100 ? 2 : r < 300 ? 3 : 4;
  if (level) *level = l;
  return u->codes[l][rnd((uint32_t)u->n[l])];
}

/* an index drawn with the given weights */
static int pick(const int *w, int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += w[i];
  int r = (int)rnd((uint32_t)sum);
  for (int i = 0; i < n; i++)
    if ((r -= w[i]) < 0) return i;
  return n - 1;
}

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* a CSV field, quoted when it holds a comma or a quote */
static void sb_field(sbuf *b, const char *s) {
  if (!strpbrk(s, ",\"\n")) {
    sb_add(b, s, strlen(s));
    return;
  }
  sb_add(b, "\"", 1);
  for (const char *p = s; *p; p++) {
    if (*p == '"') sb_add(b, "\"", 1);
    sb_add(b, p, 1);
  }
  sb_add(b, "\"", 1);
}

static const char *const doc_kinds[] = {"NQ", "CT", "KL", "QD", "KH", "CTr", "BC", "TB", "TT", "HD", "CV", "DA"};
static const char *const doc_kinds_written[] = {"NQ", "CT", "KL", "QĐ", "KH", "CTr", "BC", "TB", "TT", "HD", "CV", "ĐA"};
static const int doc_kind_w[] = {6, 4, 5, 8, 20, 6, 15, 12, 3, 10, 9, 2};
/* the issuer in the symbol: committee, its Ban Dân vận; by level */
static const char *const doc_issuer[2][5] = {{"", "TW", "TU", "HU", "ĐU"}, {"", "BDVTW", "BDVTU", "BDVHU", "BDVĐU"}};
static const char *const doc_fields[] = {"dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh", "khac"};
static const char *const doc_summaries[] = {
    "Về tăng cường công tác dân vận trong tình hình mới",
    "Về thực hiện Quy chế dân chủ ở cơ sở năm 2023",
    "Về công tác dân tộc, tôn giáo trên địa bàn",
    "Về đẩy mạnh phong trào thi đua \"Dân vận khéo\"",
    "Về tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
    "Về nâng cao chất lượng hoạt động của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "Hướng dẫn tổng kết công tác dân vận năm 2023",
    "Về lãnh đạo công tác giải phóng mặt bằng, tái định cư",
    "Về thực hiện công tác dân vận chính quyền",
    "Về phát huy vai trò giám sát và phản biện xã hội của Mặt trận"};

/* kind,symbol,date,unit,issued_by,summary,fields,period: the symbol carries
 * the kind as written (QĐ, ĐA); one to three fields; 1 in 5 documents of the
 * first half of July counts in the half-year before (period 2023S1) */
static void gen_document(sbuf *b, const units *u) {
  int level, d = (int)rnd(365), k = pick(doc_kind_w, NELEM(doc_kind_w)), by = rnd(100) >= 55;
  const char *unit = pick_unit(u, &level);
  uint32_t number = 1 + rnd(1500);
  sb_printf(b, "%s,%u-%s/%s,%s,%s,%s,", doc_kinds[k], number, doc_kinds_written[k], doc_issuer[by][level], dates[d], unit,
            by ? "ban_dan_van" : "cap_uy");
  sb_field(b, doc_summaries[rnd(NELEM(doc_summaries))]);
  int mask = 0, want = 1 + (int)rnd(3), have = 0;
  while (have < want) {
    int f = (int)rnd(5);
    if (!(mask & 1 << f)) mask |= 1 << f, have++;
  }
  for (int f = 0, first = 1; f < 5; f++)
    if (mask & 1 << f) sb_printf(b, "%s%s", first ? "," : ";", doc_fields[f]), first = 0;
  sb_printf(b, ",%s\n", d >= 181 && d < 196 && rnd(5) == 0 ? "2023S1" : "");
}

static const char *const conf_titles[] = {
    "Hội nghị quán triệt Kết luận 43-KL/TW về công tác dân vận", "Tập huấn nghiệp vụ công tác dân vận",
    "Hội nghị tuyên truyền Quy chế dân chủ ở cơ sở", "Lớp bồi dưỡng kỹ năng dân vận cho cán bộ cơ sở",
    "Hội nghị tập huấn công tác dân tộc, tôn giáo", "Hội nghị sơ kết phong trào \"Dân vận khéo\""};

/* date,unit,chaired_by,title,participants (1 in 10 without a number) */
static void gen_conference(sbuf *b, const units *u) {
  const char *date = dates[rnd(365)], *unit = pick_unit(u, NULL), *by = rnd(2) ? "ban_dan_van" : "cap_uy";
  sb_printf(b, "%s,%s,%s,", date, unit, by);
  sb_field(b, conf_titles[rnd(NELEM(conf_titles))]);
  if (rnd(10)) sb_printf(b, ",%u\n", 20 + rnd(480));
  else sb_add(b, ",\n", 2);
}

static const char *const insp_subjects[] = {
    "Việc thực hiện Quy chế dân chủ ở cơ sở", "Công tác dân vận chính quyền",
    "Việc giải quyết đơn thư, khiếu nại của Nhân dân", "Công tác tôn giáo trên địa bàn",
    "Việc thực hiện Nghị quyết 25-NQ/TW", "Công tác dân tộc và chính sách dân tộc"};

/* kind,date,unit,conducted_by,subject,party_orgs,party_members */
static void gen_inspection(sbuf *b, const units *u) {
  const char *kind = rnd(100) < 55 ? "kiem_tra" : "giam_sat", *date = dates[rnd(365)], *unit = pick_unit(u, NULL);
  const char *by = rnd(2) ? "ban_dan_van" : "cap_uy";
  sb_printf(b, "%s,%s,%s,%s,", kind, date, unit, by);
  sb_field(b, insp_subjects[rnd(NELEM(insp_subjects))]);
  uint32_t orgs = 1 + rnd(30), members = orgs * (3 + rnd(38));
  sb_printf(b, ",%u,%u\n", orgs, members);
}

static const char *const letter_kinds[] = {"khieu_nai", "to_cao", "kien_nghi", "phan_anh"};
static const int letter_kind_w[] = {30, 15, 30, 25};
static const char *const letter_status[] = {"received", "classified", "handling", "resolved", "transferred", "archived"};
static const int letter_status_w[] = {10, 10, 20, 45, 10, 5};
static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                     "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
static const char *const middle[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"};
static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Long",
                                    "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân"};
static const char *const streets[] = {"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung",
                                      "Lý Thường Kiệt"};

/* received,unit,kind,eligible,status,resolved,sender_name,sender_address:
 * a resolved letter is resolved 1-60 days after it came (some in 2024);
 * 85 % name their sender (personal data, stored apart) */
static void gen_letter(sbuf *b, const units *u) {
  int d = (int)rnd(365), st = pick(letter_status_w, NELEM(letter_status_w));
  const char *unit = pick_unit(u, NULL), *kind = letter_kinds[pick(letter_kind_w, NELEM(letter_kind_w))];
  const char *eligible = rnd(100) < 80 ? "yes" : "no";
  sb_printf(b, "%s,%s,%s,%s,%s,%s,", dates[d], unit, kind, eligible, letter_status[st],
            st == 3 ? dates[d + 1 + (int)rnd(60)] : "");
  if (rnd(100) < 85) {
    const char *f = family[rnd(NELEM(family))], *m = middle[rnd(NELEM(middle))], *g = given[rnd(NELEM(given))];
    char addr[160];
    uint32_t no = 1 + rnd(300);
    const char *street = streets[rnd(NELEM(streets))];
    snprintf(addr, sizeof addr, "Số %u đường %s, tổ dân phố %u", no, street, 1 + rnd(30));
    sb_printf(b, "%s %s %s,", f, m, g);
    sb_field(b, addr);
    sb_add(b, "\n", 1);
  } else sb_add(b, ",\n", 2);
}

/* date,unit,people,head_present */
static void gen_reception(sbuf *b, const units *u) {
  const char *date = dates[rnd(365)], *unit = pick_unit(u, NULL);
  uint32_t people = 1 + rnd(60);
  sb_printf(b, "%s,%s,%u,%s\n", date, unit, people, rnd(10) < 7 ? "yes" : "no");
}

static const char *const fs_subjects[] = {
    "Việc thực hiện chính sách bảo hiểm y tế", "Việc bồi thường, hỗ trợ tái định cư",
    "Việc giải quyết kiến nghị của cử tri", "Việc thực hiện Chương trình xây dựng nông thôn mới",
    "Việc quản lý, sử dụng đất đai", "Công tác phòng, chống tham nhũng, lãng phí"};

/* date,unit,subject,documents_reviewed,recommendations,accepted: each number
 * missing 1 time in 20; accepted <= recommendations */
static void gen_supervision(sbuf *b, const units *u) {
  const char *date = dates[rnd(365)], *unit = pick_unit(u, NULL);
  sb_printf(b, "%s,%s,", date, unit);
  sb_field(b, fs_subjects[rnd(NELEM(fs_subjects))]);
  if (rnd(20)) sb_printf(b, ",%u", rnd(21));
  else sb_add(b, ",", 1);
  if (rnd(20)) {
    uint32_t recs = rnd(31);
    sb_printf(b, ",%u,%u\n", recs, rnd(recs + 1));
  } else sb_add(b, ",,\n", 3);
}

static const char *const fc_subjects[] = {
    "Dự thảo Nghị quyết về phát triển kinh tế - xã hội năm 2024", "Dự thảo quy hoạch sử dụng đất",
    "Dự thảo Đề án sắp xếp đơn vị hành chính cấp xã", "Dự thảo Luật Đất đai (sửa đổi)",
    "Dự thảo quy định hỗ trợ hộ nghèo, cận nghèo"};

/* date,unit,form,drafts,recommendations,accepted,subject: drafts is required
 * for gui_du_thao; 1 criticism conference in 5 gives a drafts number too,
 * which the rule must not count */
static void gen_criticism(sbuf *b, const units *u) {
  const char *date = dates[rnd(365)], *unit = pick_unit(u, NULL);
  int conf = rnd(100) < 40;
  sb_printf(b, "%s,%s,%s,", date, unit, conf ? "hoi_nghi" : "gui_du_thao");
  if (!conf) sb_printf(b, "%u", 1 + rnd(5));
  else if (rnd(5) == 0) sb_add(b, "1", 1);
  uint32_t recs = rnd(41);
  sb_printf(b, ",%u,%u,", recs, rnd(recs + 1));
  if (rnd(4)) sb_field(b, fc_subjects[rnd(NELEM(fc_subjects))]);
  sb_add(b, "\n", 1);
}

static const char *const model_names[] = {
    "Tổ tự quản an ninh trật tự", "Con đường hoa nông thôn mới", "Chi hội phụ nữ tiết kiệm",
    "Camera an ninh khu dân cư", "Chung tay xây nhà cho hộ nghèo", "Chuyển đổi số trong thủ tục hành chính",
    "Sạch làng, tốt ruộng", "Dân vận khéo trong giải phóng mặt bằng"};
static const char *const model_fields[] = {"kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang"};
static const int model_field_w[] = {35, 30, 15, 20};
static const char *const model_areas[] = {"nong_thon_moi", "do_thi", "chuyen_doi_so", "khac"};
static const char *const model_status[] = {"registered", "appraising", "recognised", "not_recognised", "commended"};
static const int model_status_w[] = {40, 20, 25, 10, 5};

/* name,unit,kind,field,areas,year,status,press_items,exemplary: all of
 * 2023; exemplary: 1 commended model in 5, 1 recognised in 50 */
static void gen_model(sbuf *b, const units *u) {
  const char *name = model_names[rnd(NELEM(model_names))], *unit = pick_unit(u, NULL);
  const char *kind = rnd(100) < 75 ? "tap_the" : "ca_nhan", *field = model_fields[pick(model_field_w, 4)];
  char full[160];
  snprintf(full, sizeof full, "%s %u", name, 1 + rnd(999));
  sb_field(b, full);
  sb_printf(b, ",%s,%s,%s,", unit, kind, field);
  if (rnd(2)) {
    int a = (int)rnd(4), c = (int)rnd(4);
    if (c == a || rnd(2)) sb_printf(b, "%s", model_areas[a]);
    else sb_printf(b, "%s;%s", model_areas[a < c ? a : c], model_areas[a < c ? c : a]);
  }
  int st = pick(model_status_w, NELEM(model_status_w));
  sb_printf(b, ",2023,%s,", model_status[st]);
  if (rnd(10) < 6) sb_printf(b, "%u", rnd(11));
  int exemplary = (st == 4 && rnd(5) == 0) || (st == 2 && rnd(50) == 0);
  sb_printf(b, ",%s\n", exemplary ? "yes" : "no");
}

/* the registers in the order of their import; dialogues take the rest */
typedef struct regset {
  const char *code, *header;
  double share;
  void (*gen)(sbuf *, const units *);
  int n;
  sbuf csv;
  double wall[99], cpu[99];
} regset;

static regset regsets[] = {
    {"documents", "kind,symbol,date,unit,issued_by,summary,fields,period", 0.15, gen_document, 0, {0}, {0}, {0}},
    {"conferences", "date,unit,chaired_by,title,participants", 0.10, gen_conference, 0, {0}, {0}, {0}},
    {"inspections", "kind,date,unit,conducted_by,subject,party_orgs,party_members", 0.10, gen_inspection, 0, {0}, {0}, {0}},
    {"letters", "received,unit,kind,eligible,status,resolved,sender_name,sender_address", 0.15, gen_letter, 0, {0}, {0}, {0}},
    {"receptions", "date,unit,people,head_present", 0.05, gen_reception, 0, {0}, {0}, {0}},
    {"supervisions", "date,unit,subject,documents_reviewed,recommendations,accepted", 0.10, gen_supervision, 0, {0}, {0}, {0}},
    {"criticisms", "date,unit,form,drafts,recommendations,accepted,subject", 0.10, gen_criticism, 0, {0}, {0}, {0}},
    {"models", "name,unit,kind,field,areas,year,status,press_items,exemplary", 0.10, gen_model, 0, {0}, {0}, {0}},
    {"dialogues", NULL, 0, NULL, 0, {0}, {0}, {0}},
};
#define NREGSETS NELEM(regsets)

static void registers_build(const units *u, int total) {
  int rest = total;
  dates_init();
  for (int i = 0; i < NREGSETS - 1; i++) {
    regset *r = &regsets[i];
    r->n = (int)(total * r->share + 0.5);
    rest -= r->n;
    sb_printf(&r->csv, "%s\n", r->header);
    for (int k = 0; k < r->n; k++) r->gen(&r->csv, u);
  }
  regsets[NREGSETS - 1].n = rest;
  dialogues_build(&regsets[NREGSETS - 1].csv, u, rest);
}

/* each run: a fresh copy of `from` (the database with the dialogues), then
 * every register's CSV through app_record_import, one transaction each */
static void registers_import(const char *from, const char *db, int runs) {
  dv_err e;
  for (int r = 0; r < runs; r++) {
    remove_db(db);
    copy_file(from, db);
    app *a = app_open(db, &e);
    if (!a) die("%s", e.msg);
    double wall = 0, cpu = 0;
    for (int i = 0; i < NREGSETS; i++) {
      regset *rs = &regsets[i];
      const reg_def *def = app_register(a, rs->code);
      char file[64];
      int count = 0;
      if (!def) die("no register %s", rs->code);
      snprintf(file, sizeof file, "%s.csv", rs->code);
      double t0 = now(), c0 = cpu_now();
      if (app_record_import(a, NULL, def, file, rs->csv.s, rs->csv.len, &count, &e))
        die("import %s: line %d, %s: %s", rs->code, e.line, e.field, e.msg);
      wall += rs->wall[r] = now() - t0;
      cpu += rs->cpu[r] = cpu_now() - c0;
      if (count != rs->n) die("%s: imported %d of %d records", rs->code, count, rs->n);
    }
    app_close(a);
    printf("  import run %d: %.2f s (CPU %.2f s)\n", r + 1, wall, cpu);
    fflush(stdout);
  }
}

/* ---------------- 7. the seven annexes from the engine and from SQL ---------------- */

#define NL 9 /* levels 1..8 */

/* what the plain-SQL baseline finds, by level of the unit that holds the
 * records (-1 = no record: blank); one part per register */
typedef struct agg {
  struct { long n[NL][2], people[NL][2]; } conf;           /* [cap_uy, ban_dan_van] */
  struct { long n[NL][2], field[NL][4]; } doc;             /* field: ban_dan_van's, dan_toc .. mttq_ctxh */
  struct { long n[NL][2][2], orgs[NL][2][2], members[NL][2][2]; } insp; /* [by][kiem_tra, giam_sat] */
  struct { long received[NL], resolved[NL]; } let;
  struct { long n[NL], people[NL]; } rec;
  struct { long reg[NL], recog[NL][2], field[NL][4][2], comm[NL][2], press[NL]; } mod; /* [tap_the, ca_nhan] */
  struct { long v[NL][4]; } fs; /* count, documents reviewed, recommendations, accepted */
  struct { long v[NL][4]; } fc; /* conferences, drafts, recommendations, accepted */
} agg;

static long col_long(sqlite3_stmt *st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}
/* a count: 0 is blank, as no record */
static long col_count(sqlite3_stmt *st, int i) {
  long v = col_long(st, i);
  return v > 0 ? v : -1;
}
static int col_code(sqlite3_stmt *st, int i, const char *const *codes, int n) {
  const unsigned char *s = sqlite3_column_text(st, i);
  for (int k = 0; s && k < n; k++)
    if (!strcmp((const char *)s, codes[k])) return k;
  die("baseline: unexpected value \"%s\" in column %d", s ? (const char *)s : "NULL", i);
  return -1;
}

static const char *const by_codes[] = {"cap_uy", "ban_dan_van"};
static const char *const insp_kinds[] = {"kiem_tra", "giam_sat"};
static const char *const model_kinds[] = {"tap_the", "ca_nhan"};

static void row_conf(sqlite3_stmt *st, int l, agg *g) {
  int k = col_code(st, 1, by_codes, 2);
  g->conf.n[l][k] = col_count(st, 2);
  g->conf.people[l][k] = col_long(st, 3);
}
static void row_doc(sqlite3_stmt *st, int l, agg *g) {
  int k = col_code(st, 1, by_codes, 2);
  g->doc.n[l][k] = col_count(st, 2);
  for (int f = 0; k == 1 && f < 4; f++) g->doc.field[l][f] = col_count(st, 3 + f);
}
static void row_insp(sqlite3_stmt *st, int l, agg *g) {
  int k = col_code(st, 1, by_codes, 2), kind = col_code(st, 2, insp_kinds, 2);
  g->insp.n[l][k][kind] = col_count(st, 3);
  g->insp.orgs[l][k][kind] = col_long(st, 4);
  g->insp.members[l][k][kind] = col_long(st, 5);
}
static void row_let(sqlite3_stmt *st, int l, agg *g) {
  g->let.received[l] = col_count(st, 1);
  g->let.resolved[l] = col_count(st, 2);
}
static void row_rec(sqlite3_stmt *st, int l, agg *g) {
  g->rec.n[l] = col_count(st, 1);
  g->rec.people[l] = col_long(st, 2);
}
static void row_mod(sqlite3_stmt *st, int l, agg *g) {
  int k = col_code(st, 1, model_kinds, 2), f = col_code(st, 2, model_fields, 4), s = col_code(st, 3, model_status, 5);
  long n = col_count(st, 4);
  g->mod.reg[l] = add_blank(g->mod.reg[l], n);
  g->mod.field[l][f][k] = add_blank(g->mod.field[l][f][k], n);
  if (s == 2 || s == 4) g->mod.recog[l][k] = add_blank(g->mod.recog[l][k], n);
  if (s == 4) g->mod.comm[l][k] = add_blank(g->mod.comm[l][k], n);
  g->mod.press[l] = add_blank(g->mod.press[l], col_long(st, 5));
}
static void row_fs(sqlite3_stmt *st, int l, agg *g) {
  g->fs.v[l][0] = col_count(st, 1);
  for (int c = 1; c < 4; c++) g->fs.v[l][c] = col_long(st, 1 + c);
}
static void row_fc(sqlite3_stmt *st, int l, agg *g) {
  g->fc.v[l][0] = col_count(st, 1);
  for (int c = 1; c < 4; c++) g->fc.v[l][c] = col_long(st, 1 + c);
}

/* One GROUP BY per register: ?1, ?2 the period's first and last day
 * (numbers, as records.day), ?3, ?4 the same as ISO dates (for letters'
 * `resolved`, which only the JSON holds), ?9 the unit's code (subtree form).
 * The fields come from json_extract of records.data, the level from units. */
typedef struct bq {
  const char *reg, *inner, *where, *outer, *group;
  void (*row)(sqlite3_stmt *, int, agg *);
  size_t off, size;
  char *sql[2]; /* root VN: the whole table; any unit: its subtree by a recursive CTE */
} bq;

enum { Q_CONF, Q_DOC, Q_INSP, Q_LET, Q_REC, Q_MOD, Q_FS, Q_FC, NQ };
#define JX(f) "json_extract(r.data, '$." f "')"
#define NUM(f) "CAST(NULLIF(" JX(f) ", '') AS INTEGER)"
#define PART(p) offsetof(agg, p), sizeof(((agg *)0)->p)
static bq qs[NQ] = {
    {"conferences", JX("chaired_by") " AS k, " NUM("participants") " AS n", "r.day BETWEEN ?1 AND ?2",
     "level, k, count(*), sum(n)", "1, 2", row_conf, PART(conf), {0}},
    {"documents", JX("issued_by") " AS k, ';' || " JX("fields") " || ';' AS f", "r.day BETWEEN ?1 AND ?2",
     "level, k, count(*), sum(instr(f, ';dan_toc;') > 0), sum(instr(f, ';ton_giao;') > 0),"
     " sum(instr(f, ';dan_van_chinh_quyen;') > 0), sum(instr(f, ';mttq_ctxh;') > 0)",
     "1, 2", row_doc, PART(doc), {0}},
    {"inspections", JX("conducted_by") " AS k, " JX("kind") " AS kind, " NUM("party_orgs") " AS o, " NUM("party_members") " AS m",
     "r.day BETWEEN ?1 AND ?2", "level, k, kind, count(*), sum(o), sum(m)", "1, 2, 3", row_insp, PART(insp), {0}},
    /* received in the period, resolved in the period (resolved >= received,
     * so every letter resolved in it was received by its last day) */
    {"letters", "r.day AS day, " JX("resolved") " AS res", "r.day <= ?2",
     "level, sum(day >= ?1), sum(res BETWEEN ?3 AND ?4)", "1", row_let, PART(let), {0}},
    {"receptions", NUM("people") " AS n", "r.day BETWEEN ?1 AND ?2", "level, count(*), sum(n)", "1", row_rec, PART(rec), {0}},
    {"models", JX("kind") " AS kind, " JX("field") " AS field, " JX("status") " AS st, " NUM("press_items") " AS p",
     "r.day BETWEEN ?1 AND ?2", "level, kind, field, st, count(*), sum(p)", "1, 2, 3, 4", row_mod, PART(mod), {0}},
    {"supervisions", NUM("documents_reviewed") " AS d, " NUM("recommendations") " AS n, " NUM("accepted") " AS a",
     "r.day BETWEEN ?1 AND ?2", "level, count(*), sum(d), sum(n), sum(a)", "1", row_fs, PART(fs), {0}},
    {"criticisms", JX("form") " AS k, " NUM("drafts") " AS d, " NUM("recommendations") " AS n, " NUM("accepted") " AS a",
     "r.day BETWEEN ?1 AND ?2", "level, sum(k = 'hoi_nghi'), sum(CASE WHEN k = 'gui_du_thao' THEN d END), sum(n), sum(a)",
     "1", row_fc, PART(fc), {0}},
};

#define CTE_SUB                                                                                                      \
  "WITH RECURSIVE sub(id, level) AS (SELECT id, level FROM units WHERE code = ?9"                                   \
  " UNION ALL SELECT u.id, u.level FROM units u JOIN sub ON u.parent_id = sub.id) "
#define FROM_ALL(reg) " FROM records r JOIN units u ON u.id = r.unit_id WHERE r.reg = " REG_ID(reg) " AND "
#define FROM_SUB(reg) " FROM sub u JOIN records r ON r.reg = " REG_ID(reg) " AND r.unit_id = u.id WHERE "
/* Biểu 3's text column: the names of the exemplary models of the subtree,
 * in the order they were entered */
#define EXEMPLARY(from)                                                                                              \
  "SELECT group_concat(name, '; ') FROM (SELECT " JX("name") " AS name" from "r.day BETWEEN ?1 AND ?2"           \
  " AND " JX("exemplary") " = 'yes' ORDER BY r.day, r.id)"
static const char *const Q_TEXT[2] = {EXEMPLARY(FROM_ALL("models")), CTE_SUB EXEMPLARY(FROM_SUB("models"))};
/* Biểu 4: the documents the unit itself issued as committee, by date */
static const char *const Q_LIST =
    "SELECT " JX("kind") ", " JX("symbol") ", " JX("summary") ", " JX("date") " FROM records r"
    " WHERE r.reg = " REG_ID("documents") " AND r.unit_id = (SELECT id FROM units WHERE code = ?9)"
    " AND r.day BETWEEN ?1 AND ?2 AND " JX("issued_by") " = 'cap_uy' ORDER BY " JX("date") ", r.id";

static void queries_build(void) {
  char sql[2048];
  for (int q = 0; q < NQ; q++) {
    bq *b = &qs[q];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM (SELECT u.level AS level, %s FROM records r JOIN units u ON u.id = r.unit_id"
             " WHERE r.reg = " REG_ID("%s") " AND %s) GROUP BY %s",
             b->outer, b->inner, b->reg, b->where, b->group);
    b->sql[0] = strdup(sql);
    snprintf(sql, sizeof sql,
             CTE_SUB "SELECT %s FROM (SELECT u.level AS level, %s FROM sub u JOIN records r ON r.reg = " REG_ID("%s")
                     " AND r.unit_id = u.id WHERE %s) GROUP BY %s",
             b->outer, b->inner, b->reg, b->where, b->group);
    b->sql[1] = strdup(sql);
  }
}

typedef struct span {
  int day[2];
  char iso[2][11];
} span;

static sqlite3_stmt *prepare_bound(sqlite3 *db, const char *sql, const char *unit, const span *w) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die("baseline: %s\n%s", sqlite3_errmsg(db), sql);
  int n = sqlite3_bind_parameter_count(st);
  sqlite3_bind_int(st, 1, w->day[0]);
  sqlite3_bind_int(st, 2, w->day[1]);
  if (n >= 4) {
    sqlite3_bind_text(st, 3, w->iso[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, w->iso[1], -1, SQLITE_STATIC);
  }
  if (n >= 9) sqlite3_bind_text(st, 9, unit, -1, SQLITE_STATIC);
  return st;
}

static void step_done(sqlite3 *db, sqlite3_stmt *st, int rc) {
  if (rc != SQLITE_DONE) die("baseline: %s", sqlite3_errmsg(db));
  sqlite3_finalize(st);
}

/* one register's GROUP BY into its part of g; seconds */
static double run_query(sqlite3 *db, const bq *q, int sub, const char *unit, const span *w, agg *g) {
  double t0 = now();
  sqlite3_stmt *st = prepare_bound(db, q->sql[sub], unit, w);
  memset((char *)g + q->off, 0xff, q->size); /* -1 everywhere */
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int l = sqlite3_column_int(st, 0);
    if (l < 1 || l >= NL) die("baseline: level %d", l);
    q->row(st, l, g);
  }
  step_done(db, st, rc);
  return now() - t0;
}

static double run_text(sqlite3 *db, int sub, const char *unit, const span *w, char **out) {
  double t0 = now();
  sqlite3_stmt *st = prepare_bound(db, Q_TEXT[sub], unit, w);
  int rc = sqlite3_step(st);
  free(*out);
  *out = NULL;
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) *out = strdup((const char *)sqlite3_column_text(st, 0));
  if (rc == SQLITE_ROW) rc = sqlite3_step(st);
  step_done(db, st, rc);
  return now() - t0;
}

typedef struct doclist {
  int n, cap;
  char *(*row)[4]; /* kind, symbol, summary, date */
} doclist;

static void doclist_clear(doclist *l) {
  for (int i = 0; i < l->n; i++)
    for (int k = 0; k < 4; k++) free(l->row[i][k]);
  l->n = 0;
}

static double run_list(sqlite3 *db, const char *unit, const span *w, doclist *out) {
  double t0 = now();
  sqlite3_stmt *st = prepare_bound(db, Q_LIST, unit, w);
  doclist_clear(out);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->n == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 64;
      if (!(out->row = realloc(out->row, sizeof *out->row * (size_t)out->cap))) die("out of memory");
    }
    for (int k = 0; k < 4; k++) {
      const unsigned char *s = sqlite3_column_text(st, k);
      out->row[out->n][k] = strdup(s ? (const char *)s : "");
    }
    out->n++;
  }
  step_done(db, st, rc);
  return now() - t0;
}

/* what a cell of the engine's table must be */
typedef struct ecell {
  cell_kind kind;
  double num;
  const char *text;
  char buf[48];
} ecell;

static void want_num(ecell *c, long v) {
  memset(c, 0, sizeof *c);
  if (v >= 0) c->kind = CELL_NUM, c->num = (double)v;
}
static void want_text(ecell *c, const char *s) {
  memset(c, 0, sizeof *c);
  if (s) c->kind = CELL_TEXT, c->text = s;
}
/* "sessions/people", blank only when both are */
static void want_pair(ecell *c, long a, long b) {
  memset(c, 0, sizeof *c);
  if (a < 0 && b < 0) return;
  snprintf(c->buf, sizeof c->buf, "%ld/%ld", a < 0 ? 0 : a, b < 0 ? 0 : b);
  c->kind = CELL_TEXT;
  c->text = c->buf;
}

static void describe(char *out, size_t n, cell_kind kind, double num, const char *text) {
  if (kind == CELL_NULL) snprintf(out, n, "blank");
  else if (kind == CELL_NUM) snprintf(out, n, "%g", num);
  else snprintf(out, n, "\"%.80s%s\"", text, strlen(text) > 80 ? "…" : "");
}

static void check_cell(const rcell *got, const ecell *want, const char *form_code, const char *unit, const char *per,
                       const char *row, int col) {
  int ok = got->kind == want->kind && (want->kind != CELL_NUM || got->num == want->num) &&
           (want->kind != CELL_TEXT || !strcmp(got->text, want->text));
  if (ok) return;
  char g[128], w[128];
  describe(g, sizeof g, got->kind, got->num, got->text);
  describe(w, sizeof w, want->kind, want->num, want->text);
  die("MISMATCH %s %s %s row \"%s\" column %d: engine %s, SQL baseline %s", form_code, unit, per, row, col, g, w);
}

/* a value of an expected row (column from 1) for the form's sums */
static long wv(const ecell *w, int col) { return w[col - 1].kind == CELL_NUM ? (long)w[col - 1].num : -1; }
#define N(col, v) want_num(&w[(col)-1], v)
#define S(col, a, b) want_num(&w[(col)-1], add_blank(wv(w, a), wv(w, b)))

/* Biểu 1 (by = 0, the committee) and 2 (by = 1, its Ban Dân vận): the unit
 * itself (level s) and the level directly under it (s + 1) */
static int expect_b1(const agg *g, int s, ecell *w) {
  int b = s + 1, by = 0;
  N(3, g->conf.n[s][by]), N(4, g->conf.people[s][by]), N(5, g->conf.n[b][by]), N(6, g->conf.people[b][by]);
  S(1, 3, 5), S(2, 4, 6);
  N(8, g->doc.n[s][by]), N(9, g->doc.n[b][by]), S(7, 8, 9);
  for (int k = 0; k < 2; k++) { /* Kiểm tra from column 10, Giám sát from 19 */
    int c = k ? 19 : 10;
    N(c + 3, g->insp.n[s][by][k]), N(c + 4, g->insp.orgs[s][by][k]), N(c + 5, g->insp.members[s][by][k]);
    N(c + 6, g->insp.n[b][by][k]), N(c + 7, g->insp.orgs[b][by][k]), N(c + 8, g->insp.members[b][by][k]);
    S(c, c + 3, c + 6), S(c + 1, c + 4, c + 7), S(c + 2, c + 5, c + 8);
  }
  N(29, g->let.received[s]), N(30, g->let.received[b]), S(28, 29, 30);
  N(32, g->let.resolved[s]), N(33, g->let.resolved[b]), S(31, 32, 33);
  want_pair(&w[33], add_blank(g->rec.n[s], g->rec.n[b]), add_blank(g->rec.people[s], g->rec.people[b]));
  want_pair(&w[34], g->rec.n[s], g->rec.people[s]);
  want_pair(&w[35], g->rec.n[b], g->rec.people[b]);
  return 36;
}

static int expect_b2(const agg *g, int s, ecell *w) {
  int b = s + 1, by = 1;
  N(3, g->conf.n[s][by]), N(4, g->conf.people[s][by]), N(5, g->conf.n[b][by]), N(6, g->conf.people[b][by]);
  S(1, 3, 5), S(2, 4, 6);
  N(7, add_blank(g->doc.n[s][by], g->doc.n[b][by]));
  for (int f = 0; f < 4; f++) N(8 + 2 * f, g->doc.field[s][f]), N(9 + 2 * f, g->doc.field[b][f]);
  for (int k = 0; k < 2; k++) { /* Kiểm tra from column 16, Giám sát from 25 */
    int c = k ? 25 : 16;
    N(c + 3, g->insp.n[s][by][k]), N(c + 4, g->insp.orgs[s][by][k]), N(c + 5, g->insp.members[s][by][k]);
    N(c + 6, g->insp.n[b][by][k]), N(c + 7, g->insp.orgs[b][by][k]), N(c + 8, g->insp.members[b][by][k]);
    S(c, c + 3, c + 6), S(c + 1, c + 4, c + 7), S(c + 2, c + 5, c + 8);
  }
  return 33;
}

/* Biểu 3: the whole subtree */
static int expect_b3(const agg *g, const char *exemplary, ecell *w) {
  long reg = -1, recog[2] = {-1, -1}, field[4][2] = {{-1, -1}, {-1, -1}, {-1, -1}, {-1, -1}}, comm[2] = {-1, -1}, press = -1;
  for (int l = 1; l < NL; l++) {
    reg = add_blank(reg, g->mod.reg[l]);
    press = add_blank(press, g->mod.press[l]);
    for (int k = 0; k < 2; k++) {
      recog[k] = add_blank(recog[k], g->mod.recog[l][k]);
      comm[k] = add_blank(comm[k], g->mod.comm[l][k]);
      for (int f = 0; f < 4; f++) field[f][k] = add_blank(field[f][k], g->mod.field[l][f][k]);
    }
  }
  N(1, reg), N(2, recog[0]), N(3, recog[1]);
  for (int f = 0; f < 4; f++) N(4 + 2 * f, field[f][0]), N(5 + 2 * f, field[f][1]);
  N(12, comm[0]), N(13, comm[1]), N(14, press);
  want_text(&w[14], exemplary);
  return 15;
}
#undef N
#undef S

static void check_self(const rtable *t, const ecell *w, int ncols, const char *unit, const char *per) {
  if (t->ncols != ncols || t->nrows != 1)
    die("%s has %d columns and %d rows, the benchmark expects %d and 1", t->form, t->ncols, t->nrows, ncols);
  for (int c = 0; c < ncols; c++) check_cell(&t->rows[0].cells[c], &w[c], t->form, unit, per, t->rows[0].label, c + 1);
}

/* Biểu 6 and 7: a row per level under the unit, then the total */
static void check_levels(const rtable *t, const long (*v)[4], const char *unit, const char *per) {
  if (t->ncols != 4) die("%s has %d columns, the benchmark expects 4", t->form, t->ncols);
  long total[4] = {-1, -1, -1, -1};
  for (int l = 1; l < NL; l++)
    for (int c = 0; c < 4; c++) total[c] = add_blank(total[c], v[l][c]);
  int seen[NL] = {0};
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    if (!row->is_total && (row->level < 1 || row->level >= NL)) die("%s %s: row \"%s\" has no level", t->form, unit, row->label);
    const long *want = row->is_total ? total : v[row->level];
    if (!row->is_total) seen[row->level] = 1;
    for (int c = 0; c < 4; c++) {
      ecell w;
      want_num(&w, want[c]);
      check_cell(&row->cells[c], &w, t->form, unit, per, row->label, c + 1);
    }
  }
  for (int l = 1; l < NL; l++)
    for (int c = 0; c < 4; c++)
      if (!seen[l] && v[l][c] >= 0) die("MISMATCH %s %s %s: the engine has no row for level %d", t->form, unit, per, l);
}

/* Biểu 4: the same documents in the same order, each cell as the engine writes it */
static void check_list(app *a, const rtable *t, const doclist *l, const char *unit, const char *per) {
  const reg_def *r = app_register(a, "documents");
  const reg_field *kf = &r->fields[reg_field_index(r, "kind")];
  if (t->nrows != l->n) die("MISMATCH bieu-4 %s %s: engine %d documents, SQL baseline %d", unit, per, t->nrows, l->n);
  for (int i = 0; i < l->n; i++) {
    char sym[256];
    int k = reg_option_index(kf, l->row[i][0]), y, m, d;
    snprintf(sym, sizeof sym, "%s số %s", k >= 0 ? kf->opts[k].label : l->row[i][0], l->row[i][1]);
    ecell w[4];
    want_num(&w[0], i + 1);
    want_text(&w[1], sym);
    want_text(&w[2], l->row[i][2]);
    if (sscanf(l->row[i][3], "%d-%d-%d", &y, &m, &d) != 3) die("bad date %s", l->row[i][3]);
    char vn[16];
    snprintf(vn, sizeof vn, "%02d/%02d/%04d", d, m, y);
    want_text(&w[3], vn);
    for (int c = 0; c < 4; c++) check_cell(&t->rows[i].cells[c], &w[c], "bieu-4", unit, per, t->rows[i].label, c + 1);
  }
}

#define NFORMS 7
static const char *const forms7[NFORMS] = {"bieu-1", "bieu-2", "bieu-3", "bieu-4", "bieu-5", "bieu-6", "bieu-7"};
/* the registers (queries) each annex reads in the baseline */
static const int form_queries[NFORMS] = {1 << Q_CONF | 1 << Q_DOC | 1 << Q_INSP | 1 << Q_LET | 1 << Q_REC,
                                         1 << Q_CONF | 1 << Q_DOC | 1 << Q_INSP, 1 << Q_MOD, 0, 0, 1 << Q_FS,
                                         1 << Q_FC};

static double report_form(app *a, const char *form_code, const char *unit, const char *per, rtable *out) {
  dv_err e;
  double t0 = now();
  if (app_report(a, NULL, form_code, unit, per, 0, out, &e)) die("report %s %s %s: %s", form_code, unit, per, e.msg);
  return now() - t0;
}

/* Every baseline of one unit and period (median of `runs` for each query),
 * then every annex of the engine checked against it; sql[f] = the seconds
 * of annex f's queries */
static void baseline_unit(app *a, sqlite3 *db, const char *unit, int level, int p, const span *w, int runs,
                          double sql[NFORMS]) {
  int sub = level > 1; /* the root holds every unit: no subtree needed */
  agg g;
  b5 d;
  char *text = NULL;
  doclist list = {0};
  double tq[NQ], t[9], t_text, t_list, t_b5;
  for (int q = 0; q < NQ; q++) {
    for (int k = 0; k < runs; k++) t[k] = run_query(db, &qs[q], sub, unit, w, &g);
    tq[q] = median(t, runs);
  }
  for (int k = 0; k < runs; k++) t[k] = run_text(db, sub, unit, w, &text);
  t_text = median(t, runs);
  for (int k = 0; k < runs; k++) t[k] = run_list(db, unit, w, &list);
  t_list = median(t, runs);
  t_b5 = time_baseline(db, sub ? Q_SUBTREE : Q_ALL, unit, w->day, runs, &d);
  for (int f = 0; f < NFORMS; f++) {
    sql[f] = f == 2 ? t_text : f == 3 ? t_list : f == 4 ? t_b5 : 0;
    for (int q = 0; q < NQ; q++)
      if (form_queries[f] & 1 << q) sql[f] += tq[q];
  }

  const char *per = periods[p];
  ecell want[40];
  for (int f = 0; f < NFORMS; f++) {
    rtable tb;
    report_form(a, forms7[f], unit, per, &tb);
    switch (f) {
    case 0: check_self(&tb, want, expect_b1(&g, level, want), unit, per); break;
    case 1: check_self(&tb, want, expect_b2(&g, level, want), unit, per); break;
    case 2: check_self(&tb, want, expect_b3(&g, text, want), unit, per); break;
    case 3: check_list(a, &tb, &list, unit, per); break;
    case 4: check_equal(&tb, &d, unit, per); break;
    case 5: check_levels(&tb, (const long(*)[4])g.fs.v, unit, per); break;
    case 6: check_levels(&tb, (const long(*)[4])g.fc.v, unit, per); break;
    }
    rtable_release(&tb);
  }
  free(text);
  doclist_clear(&list);
  free(list.row);
}

/* a ratio: 12,345 / 45 / 0.31 */
static const char *ratio(double r, char out[32]) {
  if (r >= 10) return thousands(r, out);
  snprintf(out, 32, "%.2f", r);
  return out;
}

/* the headline figures, kept for the summary at the end */
typedef struct annex_fig {
  double eng_vn, sql_vn, eng_one, eng_prov, sql_prov;
  int rows_vn; /* Biểu 4: documents listed for VN */
} annex_fig;

static annex_fig figs[2][NFORMS];

/* 7: all seven annexes for VN and the 63 provinces, both periods */
static void bench_annexes(const char *db, const units *u, int vn_runs, int eng_runs, int rounds) {
  dv_err e;
  double t0 = now();
  app *a = app_open(db, &e);
  if (!a) die("%s", e.msg);
  double t_open = now() - t0;
  sqlite3 *sql;
  if (sqlite3_open_v2(db, &sql, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) die("sqlite3_open: %s", db);
  queries_build();
  int np = u->n[2];
  char num[32], num2[32];
  printf("\n  The seven annexes (model loaded by app_open in %.2f s). Engine: app_report, median of %d calls for VN,\n"
         "  %d rounds over the %d provinces. SQL: median of %d runs for VN, 1 for each province (recursive CTE).\n",
         t_open, eng_runs, rounds, np, vn_runs);
  for (int p = 0; p < 2; p++) {
    const char *per = periods[p];
    span w;
    w.day[0] = day_of(2023, 1, 1);
    w.day[1] = p ? day_of(2023, 6, 30) : day_of(2023, 12, 31);
    snprintf(w.iso[0], sizeof w.iso[0], "2023-01-01");
    snprintf(w.iso[1], sizeof w.iso[1], "%s", p ? "2023-06-30" : "2023-12-31");
    double *calls = malloc(sizeof(double) * (size_t)np * (size_t)rounds);
    for (int f = 0; f < NFORMS; f++) {
      annex_fig *fg = &figs[p][f];
      rtable t;
      double eng[99], rsum[99];
      for (int k = 0; k < eng_runs; k++) {
        eng[k] = report_form(a, forms7[f], "VN", per, &t);
        if (f == 3) fg->rows_vn = t.nrows;
        rtable_release(&t);
      }
      fg->eng_vn = median(eng, eng_runs);
      for (int k = 0; k < rounds; k++) {
        rsum[k] = 0;
        for (int i = 0; i < np; i++) {
          rsum[k] += calls[k * np + i] = report_form(a, forms7[f], u->codes[2][i], per, &t);
          rtable_release(&t);
        }
      }
      fg->eng_one = median(calls, np * rounds);
      fg->eng_prov = median(rsum, rounds);
    }
    free(calls);
    double s[NFORMS];
    baseline_unit(a, sql, "VN", 1, p, &w, vn_runs, s);
    for (int f = 0; f < NFORMS; f++) figs[p][f].sql_vn = s[f], figs[p][f].sql_prov = 0;
    for (int i = 0; i < np; i++) {
      baseline_unit(a, sql, u->codes[2][i], 2, p, &w, 1, s);
      for (int f = 0; f < NFORMS; f++) figs[p][f].sql_prov += s[f];
    }
    printf("\n  Period %s: engine and SQL in ms, ratio SQL / engine (every table checked cell by cell)\n", per);
    printf("  %-7s %10s %10s %9s  %11s %11s %11s %9s\n", "annex", "VN engine", "VN SQL", "ratio", "1 province",
           "63 engine", "63 SQL", "ratio");
    for (int f = 0; f < NFORMS; f++) {
      const annex_fig *fg = &figs[p][f];
      printf("  %-7s %10.3f %10.1f %8sx  %11.3f %11.2f %11.1f %8sx\n", forms7[f], fg->eng_vn * 1e3, fg->sql_vn * 1e3,
             ratio(fg->sql_vn / fg->eng_vn, num), fg->eng_one * 1e3, fg->eng_prov * 1e3, fg->sql_prov * 1e3,
             ratio(fg->sql_prov / fg->eng_prov, num2));
    }
    double ev = 0, sv = 0, ep = 0, sp = 0;
    for (int f = 0; f < NFORMS; f++) ev += figs[p][f].eng_vn, sv += figs[p][f].sql_vn, ep += figs[p][f].eng_prov, sp += figs[p][f].sql_prov;
    printf("  %-7s %10.3f %10.1f %8sx  %11s %11.2f %11.1f %8sx\n", "all 7", ev * 1e3, sv * 1e3, ratio(sv / ev, num), "",
           ep * 1e3, sp * 1e3, ratio(sp / ep, num2));
    printf("  (Biểu 4 for VN lists %d documents)\n", figs[p][3].rows_vn);
    fflush(stdout);
  }
  printf("  (every cell of every annex above, VN and all %d provinces, equals the SQL baseline)\n", np);
  sqlite3_close(sql);
  app_close(a);
}

/* 6: the median of each register's import and of the whole run */
static void registers_report(int runs) {
  double total_w[99] = {0}, total_c[99] = {0}, v[99];
  int total_n = 0;
  char a[32], b[32], c[32];
  printf("\n  %-14s %10s %7s %9s %12s %15s\n", "register", "records", "CSV MB", "median s", "records/s",
         "records/CPU-s");
  for (int i = 0; i < NREGSETS; i++) {
    regset *rs = &regsets[i];
    for (int r = 0; r < runs; r++) total_w[r] += rs->wall[r], total_c[r] += rs->cpu[r];
    memcpy(v, rs->wall, sizeof v);
    double w = median(v, runs);
    memcpy(v, rs->cpu, sizeof v);
    double cpu = median(v, runs);
    total_n += rs->n;
    printf("  %-14s %10s %7.1f %9.2f %12s %15s\n", rs->code, thousands(rs->n, a), (double)rs->csv.len / 1e6, w,
           thousands(rs->n / w, b), thousands(rs->n / cpu, c));
  }
  double w = median(total_w, runs), cpu = median(total_c, runs);
  printf("  %-14s %10s %7s %9.2f %12s %15s\n", "all", thousands(total_n, a), "", w, thousands(total_n / w, b),
         thousands(total_n / cpu, c));
}

/* ---------------- 8-10. both editions of the tree (issue 10) ---------------- */

/* `name` in the directory of `path` */
static void sibling(char *out, size_t n, const char *path, const char *name) {
  const char *slash = strrchr(path, '/');
  snprintf(out, n, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path, name);
}

/* header date,unit,type,chair,title,participants; dates uniform over
 * [first, first + ndays); a dialogue dated before `reform` is on a unit of
 * the old tree by the mix 0.5 / 9.5 / 20 / 70 % (VN, provinces, districts,
 * communes), one from `reform` on a unit of the new tree by 0.5 / 9.5 / 90 %
 * (VN, provinces, communes): its code resolves on its date. Returns how many
 * are dated before the reform. */
static int dialogues_editions_build(sbuf *b, const units *old, const units *cur, int nrec, int first, int ndays,
                                    int reform) {
  char (*days)[11] = malloc(sizeof *days * (size_t)ndays);
  for (int d = 0; d < ndays; d++) {
    time_t t = (time_t)(first + d) * 86400;
    strftime(days[d], sizeof days[d], "%Y-%m-%d", gmtime(&t));
  }
  int before = 0;
  sb_printf(b, "date,unit,type,chair,title,participants\n");
  for (int i = 0; i < nrec; i++) {
    int d = (int)rnd((uint32_t)ndays), is_old = first + d < reform;
    uint32_t r = rnd(1000);
    const units *u = is_old ? old : cur;
    int level = r < 5 ? 1 : r < 100 ? 2 : !is_old ? 3 : r < 300 ? 3 : 4;
    const char *unit = u->codes[level][rnd((uint32_t)u->n[level])];
    uint32_t t = rnd(100), c = rnd(100);
    int type = t < 60 ? 0 : t < 85 ? 1 : 2, chair = c < 40 ? 0 : c < 85 ? 1 : 2;
    const char *kind = kinds[rnd(4)], *topic = topics[rnd(14)];
    int quoted = strchr(kind, ',') || strchr(topic, ',');
    sb_printf(b, "%s,%s,%s,%s,%s%s %s%s,", days[d], unit, type_codes[type], chair_codes[chair], quoted ? "\"" : "",
              kind, topic, quoted ? "\"" : "");
    if (rnd(20)) sb_printf(b, "%u\n", 20 + rnd(480));
    else sb_add(b, "\n", 1);
    before += is_old;
  }
  free(days);
  return before;
}

/* Where a unit's records count on the tree of day ?N, in SQL: a closed
 * unit hops to its primary successor (unit_successors, the mapping), else
 * to its parent (a dissolved district to its province, which hops on),
 * until a unit open on that day — what tree_target_on does in the engine. */
#define OPEN_ON(u, d) "(coalesce(nullif(" u ".valid_to, 0), 1e9) >= " d " AND coalesce(" u ".valid_from, 0) <= " d ")"
#define HOP_CTE(d)                                                                                                  \
  "hop(id, cur, n) AS (SELECT id, id, 0 FROM units"                                                                 \
  " UNION ALL SELECT h.id, coalesce((SELECT s.new_id FROM unit_successors s WHERE s.old_id = u.id"                   \
  " AND s.is_primary = 1), u.parent_id), h.n + 1 FROM hop h JOIN units u ON u.id = h.cur"                            \
  " WHERE NOT " OPEN_ON("u", d) " AND h.n < 64)"
/* the mapping as a table, built once per day (bench_map(day, old_id, new_id)) */
static const char *MAP_TABLE = "CREATE TABLE bench_map(day INTEGER, old_id INTEGER, new_id INTEGER,"
                               " PRIMARY KEY(day, old_id)) WITHOUT ROWID";
static const char *MAP_FILL = "INSERT INTO bench_map WITH RECURSIVE " HOP_CTE("?1")
                              " SELECT ?1, h.id, h.cur FROM hop h JOIN units u ON u.id = h.cur WHERE " OPEN_ON("u", "?1");
/* Biểu 5 on the tree of day ?3: each record's unit through the table to its
 * target, the level the target's */
static const char *Q_MAPPED =
    "SELECT t.level, " TYPE_CHAIR ", count(*) FROM records r JOIN bench_map m ON m.day = ?3 AND m.old_id = r.unit_id"
    " JOIN units t ON t.id = m.new_id WHERE r.reg = " REG_ID("dialogues") " AND r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
/* the same with the mapping worked out in the query itself */
static const char *Q_MAPPED_CTE =
    "WITH RECURSIVE " HOP_CTE("?3") ", map(old_id, new_id) AS (SELECT h.id, h.cur FROM hop h JOIN units u"
    " ON u.id = h.cur WHERE " OPEN_ON("u", "?3") ")"
    " SELECT t.level, " TYPE_CHAIR ", count(*) FROM records r JOIN map m ON m.old_id = r.unit_id"
    " JOIN units t ON t.id = m.new_id WHERE r.reg = " REG_ID("dialogues") " AND r.day BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";

static void sql_exec(sqlite3 *db, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg)) die("sql: %s\n%s", msg ? msg : "", sql);
}

/* median seconds of n runs of a baseline on the tree of `day` (?3) */
static double time_mapped(sqlite3 *db, const char *sql, int first, int last, int day, int n, b5 *out) {
  double t[9];
  for (int k = 0; k < n; k++) {
    double t0 = now();
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die("baseline: %s\n%s", sqlite3_errmsg(db), sql);
    sqlite3_bind_int(st, 1, first);
    sqlite3_bind_int(st, 2, last);
    if (sqlite3_bind_parameter_count(st) >= 3) sqlite3_bind_int(st, 3, day);
    b5_collect(db, st, out);
    t[k] = now() - t0;
  }
  return median(t, n);
}

static double report_ex_once(app *a, const char *per, const char *cmp, rtable *out) {
  dv_err e;
  report_args ra = {"bieu-5", "VN", per, cmp, 0};
  double t0 = now();
  if (app_report_ex(a, NULL, &ra, out, &e)) die("report VN %s%s%s: %s", per, cmp ? " --compare " : "", cmp ? cmp : "", e.msg);
  return now() - t0;
}

/* a period's window under the database's settings */
static void window_of(app *a, const char *per, int *first, int *last) {
  period p;
  period_cfg cfg = app_period_cfg(a);
  if (period_parse(per, &p)) die("period %s", per);
  period_window(&p, &cfg, first, last);
}

#define ED_RUNS 15 /* engine calls of each kind, after the first */

/* 8: both trees and the mapping into a fresh database; 9: the records;
 * 10: the annexes, their baselines, memory */
static void bench_editions(const units *u24, const char *path25, const char *map_path, int nrec) {
  char base[600], db[600], num[32], label[96];
  snprintf(base, sizeof base, "%s/editions-units.db", dir);
  snprintf(db, sizeof db, "%s/editions.db", dir);
  units u25;
  units_build(&u25, path25);
  size_t map_len;
  char *map = slurp(map_path, &map_len);
  int reform = day_of(2025, 7, 1), first = day_of(2024, 1, 1), ndays = day_of(2026, 12, 31) - first + 1;
  dv_err e;
  if (app_create(base, &e)) die("%s", e.msg);
  app *a = app_open(base, &e);
  if (!a) die("%s", e.msg);
  double t0 = now();
  if (app_import_units(a, "units-2024.csv", u24->csv.s, u24->csv.len, &e)) die("import units 2024: %s", e.msg);
  double t_24 = now() - t0;
  t0 = now();
  if (app_import_units_from(a, "units-2025.csv", u25.csv.s, u25.csv.len, reform, &e))
    die("import units 2025: line %d, %s: %s", e.line, e.field, e.msg);
  double t_25 = now() - t0;
  int mapped = 0;
  t0 = now();
  if (app_import_unit_mapping(a, "mapping-2024-2025.csv", map, map_len, reform, &mapped, &e))
    die("import mapping: line %d, %s: %s", e.line, e.field, e.msg);
  double t_map = now() - t0;
  free(map);
  if (app_user_add(a, NULL, LOGIN, PASSWORD, "VN", ROLE_VIEWER, &e)) die("user add: %s", e.msg);
  const tree *t = app_read_begin(a);
  int nunits = t->n, cont = 0, closed = 0, vn = tree_find_code(t, "VN");
  for (int i = 0; i < t->n; i++) cont += !t->u[i].valid_from && !t->u[i].valid_to, closed += t->u[i].valid_to != 0;
  int vn_continues = vn >= 0 && !t->u[vn].valid_from && !t->u[vn].valid_to;
  app_read_end(a);
  app_close(a);
  if (!vn_continues) die("VN does not continue into the 2025 edition");
  int n24 = u24->n[1] + u24->n[2] + u24->n[3] + u24->n[4], n25 = u25.n[1] + u25.n[2] + u25.n[3] + u25.n[4];

  sbuf csv = {0};
  t0 = now();
  int before = dialogues_editions_build(&csv, u24, &u25, nrec, first, ndays, reform);
  double t_gen = now() - t0;
  printf("\n\nBoth editions (issue 10): %d + %d units (VN, %d provinces, %d districts, %d communes from 2024;\n"
         "  VN, %d provinces, %d communes from 01/07/2025), %s dialogue records over 2024-2026\n",
         n24, n25, u24->n[2], u24->n[3], u24->n[4], u25.n[2], u25.n[3], thousands(nrec, num));
  printf("  in the database: %d units, %d of them continuing (VN and the provinces with the same code, name and\n"
         "  parent), %d closed on 30/06/2025; mapping %d rows\n",
         nunits, cont, closed, mapped);
  printf("  units-2024 imported in %.2f s, units-2025 (--valid-from 2025-07-01) in %.2f s, the mapping in %.2f s\n",
         t_24, t_25, t_map);
  printf("  CSV in memory: %.1f MB, generated in %.2f s; %s records dated before 01/07/2025 on 2024 units, %s after\n"
         "  on 2025 units\n",
         (double)csv.len / 1e6, t_gen, thousands(before, num), thousands(nrec - before, label));
  double wall, cpu;
  bench_import(base, db, &csv, nrec, 1, &wall, &cpu);
  free(csv.s);
  printf("  (%s records/s; every code resolved on its record's date)\n", thousands(nrec / wall, num));

  t0 = now();
  a = app_open(db, &e);
  if (!a) die("%s", e.msg);
  double t_open = now() - t0;
  sqlite3 *sql;
  if (sqlite3_open_v2(db, &sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("sqlite3_open: %s", db);
  int w26[2], w25[2], w24[2];
  window_of(a, "2026", &w26[0], &w26[1]);
  window_of(a, "2025", &w25[0], &w25[1]);
  window_of(a, "2024", &w24[0], &w24[1]);

  /* the engine: the first call of each (the compare's and the 2025 annex's
   * views are built then, app_view caches them), then ED_RUNS rounds */
  rtable plain, cmp, y25;
  double f_plain = report_ex_once(a, "2026", NULL, &plain);
  rtable_release(&plain);
  double f_cmp = report_ex_once(a, "2026", "2024", &cmp);
  rtable_release(&cmp);
  double f_25 = report_ex_once(a, "2025", NULL, &y25);
  rtable_release(&y25);
  double tp[ED_RUNS], tc[ED_RUNS], ty[ED_RUNS], tb[ED_RUNS], tb25[ED_RUNS];
  for (int k = 0; k < ED_RUNS; k++) {
    int last = k == ED_RUNS - 1;
    tp[k] = report_ex_once(a, "2026", NULL, &plain);
    tc[k] = report_ex_once(a, "2026", "2024", &cmp);
    ty[k] = report_ex_once(a, "2025", NULL, &y25);
    if (!last) rtable_release(&plain), rtable_release(&cmp), rtable_release(&y25);
  }
  double m_plain = median(tp, ED_RUNS), m_cmp = median(tc, ED_RUNS), m_25 = median(ty, ED_RUNS);
  /* the views alone, as app_view builds them */
  int pairs24 = 0, pairs25 = 0;
  t = app_read_begin(a);
  for (int k = 0; k < ED_RUNS; k++) {
    tview v;
    double s = now();
    tview_build(&v, t, w26[1], w24[0], w24[1]);
    tb[k] = now() - s;
    pairs24 = v.n;
    tview_release(&v);
    s = now();
    tview_build(&v, t, w25[1], w25[0], w25[1]);
    tb25[k] = now() - s;
    pairs25 = v.n;
    tview_release(&v);
  }
  app_read_end(a);
  double m_build = median(tb, ED_RUNS), m_build25 = median(tb25, ED_RUNS);

  /* SQL */
  b5 b;
  double s26 = time_baseline(sql, Q_ALL, "VN", w26, sql_runs, &b);
  check_equal(&plain, &b, "VN", "2026");
  check_equal(&cmp, &b, "VN", "2026 (the compare call)");
  t0 = now();
  sql_exec(sql, MAP_TABLE);
  for (int k = 0; k < 2; k++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sql, MAP_FILL, -1, &st, NULL) != SQLITE_OK) die("bench_map: %s", sqlite3_errmsg(sql));
    sqlite3_bind_int(st, 1, k ? w25[1] : w26[1]);
    if (sqlite3_step(st) != SQLITE_DONE) die("bench_map: %s", sqlite3_errmsg(sql));
    sqlite3_finalize(st);
  }
  double t_maptab = now() - t0;
  double s24 = time_mapped(sql, Q_MAPPED, w24[0], w24[1], w26[1], sql_runs, &b);
  if (!cmp.compare) die("the compare call has no compare table");
  check_equal(cmp.compare, &b, "VN", "2024 on the 2026 tree");
  double s24cte = time_mapped(sql, Q_MAPPED_CTE, w24[0], w24[1], w26[1], sql_runs, &b);
  check_equal(cmp.compare, &b, "VN", "2024 on the 2026 tree (CTE)");
  double s25 = time_mapped(sql, Q_MAPPED, w25[0], w25[1], w25[1], sql_runs, &b);
  check_equal(&y25, &b, "VN", "2025");
  double s25cte = time_mapped(sql, Q_MAPPED_CTE, w25[0], w25[1], w25[1], sql_runs, &b);
  check_equal(&y25, &b, "VN", "2025 (CTE)");
  /* the plain tree would count 2025's first half on the old units: not the annex */
  double s25plain = time_baseline(sql, Q_ALL, "VN", w25, 1, &b);
  sql_exec(sql, "DROP TABLE bench_map");
  rtable_release(&plain), rtable_release(&cmp), rtable_release(&y25);
  sqlite3_close(sql);
  app_close(a);

  printf("\n  Biểu 5 for VN (model loaded by app_open in %.2f s). Engine: app_report_ex, the first call, then the\n"
         "  median of %d; SQL: median of %d runs; every table checked cell by cell against the SQL\n",
         t_open, ED_RUNS, sql_runs);
  printf("\n  %-52s %16s  %-12s\n", "measure", "median", "goal");
  row("engine, 2026 (plain tree)", "", 0, "%.3f ms", m_plain * 1e3);
  row("  first call", "", 0, "%.3f ms", f_plain * 1e3);
  row("engine, 2026 --compare 2024 (cached view)", "", 0, "%.3f ms", m_cmp * 1e3);
  row("  ratio compare / plain", "<= 2 x", m_cmp / m_plain <= 2, "%.2f x", m_cmp / m_plain);
  row("  of which the 2024 annex (compare - plain)", "", 0, "%.3f ms", (m_cmp - m_plain) * 1e3);
  row("  first call (builds the view)", "", 0, "%.3f ms", f_cmp * 1e3);
  row("  first call / plain", "", 0, "%.2f x", f_cmp / m_plain);
  snprintf(label, sizeof label, "tview_build, 2024 on the 2026 tree (%d pairs)", pairs24);
  row(label, "", 0, "%.3f ms", m_build * 1e3);
  row("SQL GROUP BY, 2026 (records join units)", "", 0, "%.1f ms", s26 * 1e3);
  row("SQL GROUP BY, 2024 through the mapping table", "", 0, "%.1f ms", s24 * 1e3);
  row("  ratio SQL (2026 + 2024) / engine compare", ">= 100 x", (s26 + s24) / m_cmp >= 100, "%s x",
      thousands((s26 + s24) / m_cmp, num));
  row("  ratio SQL 2024 alone / engine compare", "", 0, "%s x", thousands(s24 / m_cmp, num));
  row("SQL GROUP BY, 2024, mapping in the query (CTE)", "", 0, "%.1f ms", s24cte * 1e3);
  row("  ratio SQL (2026 + 2024 CTE) / engine compare", "", 0, "%s x", thousands((s26 + s24cte) / m_cmp, num));
  row("SQL: the mapping table, both days (once)", "", 0, "%.1f ms", t_maptab * 1e3);
  row("engine, 2025 (spans the reform; cached view)", "", 0, "%.3f ms", m_25 * 1e3);
  row("  first call (builds the view)", "", 0, "%.3f ms", f_25 * 1e3);
  snprintf(label, sizeof label, "tview_build, 2025 on the 2025 tree (%d pairs)", pairs25);
  row(label, "", 0, "%.3f ms", m_build25 * 1e3);
  row("SQL GROUP BY, 2025 through the mapping table", "", 0, "%.1f ms", s25 * 1e3);
  row("  ratio SQL / engine", ">= 100 x", s25 / m_25 >= 100, "%s x", thousands(s25 / m_25, num));
  row("SQL GROUP BY, 2025, mapping in the query (CTE)", "", 0, "%.1f ms", s25cte * 1e3);
  row("  ratio SQL / engine", "", 0, "%s x", thousands(s25cte / m_25, num));
  row("SQL GROUP BY, 2025 on the units as recorded (1 run)", "", 0, "%.1f ms", s25plain * 1e3);
  printf("  (every cell of the 2026, 2024-on-2026 and 2025 tables equals the SQL baseline; the last query,\n"
         "  not mapped, is only a cost reference)\n");
  fflush(stdout);

  snprintf(label, sizeof label, "both editions, %s records over 2024-2026", thousands(nrec, num));
  bench_memory(db, label, "form=bieu-5&period=2026&compare=2024");
  remove_db(base), remove_db(db);
  for (int l = 1; l <= 4; l++) {
    for (int i = 0; i < u25.n[l]; i++) free(u25.codes[l][i]);
    free(u25.codes[l]);
  }
  free(u25.csv.s);
}

/* --make-db N OUT [UNITS_CSV]: the load benchmark's database (bench/load.sh):
 * the national tree, N records over the registers in the shares of part 2
 * (one app_record_import each), users `bench` (viewer) and `load` (officer,
 * password `load-password`) at VN */
static int make_db(int n, const char *out, const char *units_path) {
  units u;
  dv_err e;
  units_build(&u, units_path);
  unlink(out);
  if (app_create(out, &e)) die("%s", e.msg);
  app *a = app_open(out, &e);
  if (!a) die("%s", e.msg);
  if (app_import_units(a, "units.csv", u.csv.s, u.csv.len, &e)) die("import units: %s", e.msg);
  if (app_user_add(a, NULL, LOGIN, PASSWORD, "VN", ROLE_VIEWER, &e) ||
      app_user_add(a, NULL, "load", "load-password", "VN", ROLE_OFFICER, &e))
    die("user add: %s", e.msg);
  double t0 = now();
  registers_build(&u, n);
  for (int i = 0; i < NREGSETS; i++) {
    regset *rs = &regsets[i];
    const reg_def *def = app_register(a, rs->code);
    char file[64];
    int count = 0;
    if (!def) die("no register %s", rs->code);
    snprintf(file, sizeof file, "%s.csv", rs->code);
    if (app_record_import(a, NULL, def, file, rs->csv.s, rs->csv.len, &count, &e))
      die("import %s: line %d, %s: %s", rs->code, e.line, e.field, e.msg);
    free(rs->csv.s), rs->csv.s = NULL;
  }
  app_close(a);
  printf("%s: %d records in %.1f s\n", out, n, now() - t0);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--open") == 0) return open_only(argv[2]);
  if ((argc == 4 || argc == 5) && strcmp(argv[1], "--make-db") == 0)
    return make_db(atoi(argv[2]), argv[3], argc == 5 ? argv[4] : "../shared/data/vn-admin/units-2024.csv");
  const char *units_path = argc > 1 ? argv[1] : "../shared/data/vn-admin/units-2024.csv";
  int nrec = getenv("DV_BENCH_RECORDS") ? atoi(getenv("DV_BENCH_RECORDS")) : 1000000;
  int runs = getenv("DV_BENCH_RUNS") ? atoi(getenv("DV_BENCH_RUNS")) : 3;
  int nreg = getenv("DV_BENCH_REGISTERS") ? atoi(getenv("DV_BENCH_REGISTERS")) : 1000000;
  int reg_runs = getenv("DV_BENCH_REGISTER_RUNS") ? atoi(getenv("DV_BENCH_REGISTER_RUNS")) : 3;
  if (getenv("DV_BENCH_SQL_RUNS")) sql_runs = atoi(getenv("DV_BENCH_SQL_RUNS"));
  if (nrec < 1 || runs < 1 || runs > 99) die("bad DV_BENCH_RECORDS or DV_BENCH_RUNS");
  if (nreg < 0 || reg_runs < 1 || reg_runs > 99 || sql_runs < 1 || sql_runs > 9)
    die("bad DV_BENCH_REGISTERS, DV_BENCH_REGISTER_RUNS or DV_BENCH_SQL_RUNS");
  char base[600], db[600], num[32], num2[32];
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
  printf("  medians of %d runs for the import, 7 for engine reports, %d for SQL on the root\n", runs, sql_runs);
  double wall, cpu;
  bench_import(base, db, &csv, nrec, runs, &wall, &cpu);
  free(csv.s);
  printf("\n  %-52s %16s  %-12s\n", "measure", "median", "goal");
  row("import dialogues, records/s", ">= 200,000", nrec / wall >= 200000, "%s", thousands(nrec / wall, num));
  row("  time for all records", "", 0, "%.2f s", wall);
  row("  records per CPU-second of the process", "", 0, "%s", thousands(nrec / cpu, num));

  if (!getenv("DV_BENCH_IMPORT_ONLY") && !getenv("DV_BENCH_SKIP_BIEU5")) {
    bench_reports(db, &u);
    bench_memory(db, "the dialogues only", Q_SERVE_2023);
  }

  /* 6, 7: records of every register, on top of the dialogues */
  char db2[600];
  snprintf(db2, sizeof db2, "%s/registers.db", dir);
  if (nreg > 0) {
    t0 = now();
    registers_build(&u, nreg);
    t_gen = now() - t0;
    size_t bytes = 0;
    for (int i = 0; i < NREGSETS; i++) bytes += regsets[i].csv.len;
    printf("\n\nRegisters (issue 3): %s records over the %d registers that feed the annexes, on top of the %s dialogues\n",
           thousands(nreg, num), NREGSETS, thousands(nrec, num2));
    printf("  CSV in memory: %.1f MB, generated in %.2f s; each run imports every register into a fresh copy of\n"
           "  the database above (one app_record_import, one transaction, per register); medians of %d runs\n",
           (double)bytes / 1e6, t_gen, reg_runs);
    registers_import(db, db2, reg_runs);
    registers_report(reg_runs);
    for (int i = 0; i < NREGSETS; i++) free(regsets[i].csv.s), regsets[i].csv.s = NULL;
    if (!getenv("DV_BENCH_IMPORT_ONLY")) {
      bench_annexes(db2, &u, sql_runs, 5, 3);
      char what[64];
      snprintf(what, sizeof what, "%s records", thousands(nrec + nreg, num));
      bench_memory(db2, what, Q_SERVE_2023);
    }
  }

  /* 8-10: both editions of the tree (issue 10) */
  int nref = getenv("DV_BENCH_REFORM_RECORDS") ? atoi(getenv("DV_BENCH_REFORM_RECORDS")) : 1000000;
  if (nref > 0 && !getenv("DV_BENCH_IMPORT_ONLY")) {
    char p25[600], pmap[600];
    sibling(p25, sizeof p25, units_path, "units-2025.csv");
    sibling(pmap, sizeof pmap, units_path, "mapping-2024-2025.csv");
    bench_editions(&u, p25, pmap, nref);
  }

  if (getenv("DV_BENCH_KEEP")) printf("\n  kept %s\n", dir);
  else {
    char log[640];
    snprintf(log, sizeof log, "%s/serve.log", dir);
    remove_db(base), remove_db(db), remove_db(db2);
    unlink(log);
    rmdir(dir);
  }
  return 0;
}
