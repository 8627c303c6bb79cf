/* PDF from DOCX: LibreOffice converts the file in a fresh temporary
 * directory with its own profile (two conversions at once would otherwise
 * fight over one profile and one lock), as a child in its own process group
 * so that a timeout kills soffice and everything it started.
 *
 * Safe in a threaded server: no global state; posix_spawnp (vfork + exec in
 * glibc) runs nothing but exec in the child. */
#include "export/pdf.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { PDF_MAX_BYTES = 256 << 20 };

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

/* removes dir and everything under it (symbolic links are not followed) */
static void remove_tree(const char *dir) { nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

static int write_file(const char *path, const char *data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  while (len) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return -1;
    }
    data += n, len -= (size_t)n;
  }
  return close(fd);
}

static int read_file(const char *path, buf *out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char chunk[16384];
  size_t total = 0;
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) break;
    total += (size_t)(n > 0 ? n : 0);
    if (n < 0 || total > PDF_MAX_BYTES) {
      close(fd);
      return -1;
    }
    buf_add(out, chunk, (size_t)n);
  }
  close(fd);
  return out->overflow ? -1 : 0;
}

/* "file://" + path with everything but unreserved characters and '/'
 * percent-encoded (TMPDIR may hold spaces) */
static void file_url(buf *b, const char *path) {
  buf_adds(b, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
      buf_addc(b, (char)*p);
    else buf_addf(b, "%%%02X", *p);
  }
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Waits for the child pid up to timeout_s seconds, polling. The child's
 * group is killed while the child is still unreaped (a zombie holds its
 * process group id, so the signal cannot reach a later group that reused
 * it): after a timeout, and after a normal exit too, for anything soffice
 * left behind. *status gets the exit status, or -1 when the child was
 * reaped by the system (SIGCHLD ignored). 0, or -1 on timeout. */
static int wait_child(pid_t pid, int timeout_s, int *status) {
  double deadline = now_s() + timeout_s;
  long pause_ns = 10 * 1000 * 1000;
  for (;;) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
    if (r < 0 && errno == ECHILD) { /* reaped already: nothing of its group is known any more */
      *status = -1;
      return 0;
    }
    if (r == 0 && si.si_pid == pid) break; /* exited, not yet reaped */
    if (now_s() >= deadline) {
      kill(-pid, SIGKILL);
      while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
      }
      return -1;
    }
    struct timespec ts = {0, pause_ns};
    nanosleep(&ts, NULL);
    if (pause_ns < 100 * 1000 * 1000) pause_ns *= 2;
  }
  kill(-pid, SIGKILL);
  while (waitpid(pid, status, 0) < 0) {
    if (errno != EINTR) {
      *status = -1;
      break;
    }
  }
  return 0;
}

/* runs soffice on dir/doc.docx; 0 when it exited with status 0 (or was
 * reaped by the system, the caller then looks for the PDF) */
static int run_soffice(const char *dir, int timeout_s, char *err, int errlen) {
  buf profile, env_arg, doc;
  buf_init(&profile, 0), buf_init(&env_arg, 0), buf_init(&doc, 0);
  buf_addf(&profile, "%s/profile", dir);
  buf_adds(&env_arg, "-env:UserInstallation=");
  file_url(&env_arg, profile.s);
  buf_addf(&doc, "%s/doc.docx", dir);
  char *argv[] = {
      "soffice",  "--headless", "--norestore", "--nologo", env_arg.s, "--convert-to", "pdf:writer_pdf_Export",
      "--outdir", (char *)dir,  doc.s,         NULL};

  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawnattr_init(&attr);
  sigset_t none, deflt;
  sigemptyset(&none);
  sigemptyset(&deflt);
  sigaddset(&deflt, SIGPIPE); /* the server ignores SIGPIPE; soffice should not inherit that */
  sigaddset(&deflt, SIGCHLD);
  sigaddset(&deflt, SIGTERM);
  sigaddset(&deflt, SIGINT);
  sigaddset(&deflt, SIGHUP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &deflt);
  posix_spawnattr_setpgroup(&attr, 0); /* its own group: a timeout kills all of it */
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid;
  int rc = posix_spawnp(&pid, "soffice", &fa, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  buf_release(&profile), buf_release(&env_arg), buf_release(&doc);
  if (rc == ENOENT) {
    snprintf(err, (size_t)errlen, "không tìm thấy LibreOffice (soffice) để tạo PDF");
    return -1;
  }
  if (rc) {
    snprintf(err, (size_t)errlen, "không chạy được LibreOffice (soffice) để tạo PDF: %s", strerror(rc));
    return -1;
  }
  int status;
  if (wait_child(pid, timeout_s, &status)) {
    snprintf(err, (size_t)errlen, "LibreOffice không tạo xong PDF sau %d giây; đã dừng", timeout_s);
    return -1;
  }
  if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) == 0)) return 0;
  if (WIFEXITED(status))
    snprintf(err, (size_t)errlen, "LibreOffice không chuyển được DOCX sang PDF (mã thoát %d)", WEXITSTATUS(status));
  else snprintf(err, (size_t)errlen, "LibreOffice dừng bất thường khi tạo PDF (tín hiệu %d)", WTERMSIG(status));
  return -1;
}

int pdf_from_docx(const char *docx, size_t len, buf *out, int timeout_s, char *err, int errlen) {
  if (timeout_s <= 0) timeout_s = 60;
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  char dir[4096], path[4200];
  if ((size_t)snprintf(dir, sizeof dir, "%s/danvan-pdf-XXXXXX", tmp) >= sizeof dir) {
    snprintf(err, (size_t)errlen, "đường dẫn thư mục tạm quá dài: %s", tmp);
    return -1;
  }
  if (!mkdtemp(dir)) {
    snprintf(err, (size_t)errlen, "không tạo được thư mục tạm để tạo PDF trong %s: %s", tmp, strerror(errno));
    return -1;
  }
  int rc = -1;
  snprintf(path, sizeof path, "%s/doc.docx", dir);
  if (write_file(path, docx, len)) {
    snprintf(err, (size_t)errlen, "không ghi được tệp DOCX tạm để tạo PDF: %s", strerror(errno));
  } else if (run_soffice(dir, timeout_s, err, errlen) == 0) {
    snprintf(path, sizeof path, "%s/doc.pdf", dir);
    size_t start = out->len;
    if (read_file(path, out)) {
      snprintf(err, (size_t)errlen, "LibreOffice không tạo ra tệp PDF");
    } else if (out->len - start < 5 || memcmp(out->s + start, "%PDF-", 5)) {
      snprintf(err, (size_t)errlen, "LibreOffice tạo ra một tệp không phải PDF");
    } else {
      rc = 0;
    }
    if (rc && out->len > start) out->len = start, out->s[start] = 0; /* nothing half-read */
  }
  remove_tree(dir);
  return rc;
}
