/* Connections: the header deadline and the URL limits (conns.h). */
#include "web/conns.h"
#include "util/buf.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

char conns_refused[1];

/* one open connection; deadline 0 while a request is being handled */
typedef struct conn_entry {
  int fd;
  double deadline;
  struct conn_entry *prev, *next;
} conn_entry;

struct conns {
  pthread_mutex_t lock; /* the list and every deadline */
  pthread_cond_t wake;
  pthread_t watcher;
  int stopping;
  double header_ms;
  conn_entry *head;
};

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Every 200 ms, the sockets past their deadline are shut down. The entry of
 * a connection is removed (on MHD_CONNECTION_NOTIFY_CLOSED) before
 * libmicrohttpd closes its socket, under the same lock: a descriptor shut
 * here is always still the connection's. */
static void *watch(void *arg) {
  conns *w = arg;
  pthread_mutex_lock(&w->lock);
  while (!w->stopping) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 200 * 1000 * 1000;
    if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
    pthread_cond_timedwait(&w->wake, &w->lock, &until);
    double now = now_ms();
    for (conn_entry *e = w->head; e; e = e->next)
      if (e->deadline && now > e->deadline) {
        shutdown(e->fd, SHUT_RDWR);
        e->deadline = 0;
      }
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

conns *conns_new(int header_timeout) {
  conns *w = xcalloc(1, sizeof *w);
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->wake, NULL);
  w->header_ms = header_timeout * 1e3;
  if (pthread_create(&w->watcher, NULL, watch, w)) {
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
    return NULL;
  }
  return w;
}

void conns_free(conns *w) {
  if (!w) return;
  pthread_mutex_lock(&w->lock);
  w->stopping = 1;
  pthread_cond_signal(&w->wake);
  pthread_mutex_unlock(&w->lock);
  pthread_join(w->watcher, NULL);
  while (w->head) {
    conn_entry *e = w->head;
    w->head = e->next;
    free(e);
  }
  pthread_cond_destroy(&w->wake);
  pthread_mutex_destroy(&w->lock);
  free(w);
}

void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                  enum MHD_ConnectionNotificationCode code) {
  conns *w = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    conn_entry *e = xcalloc(1, sizeof *e);
    e->fd = fd ? fd->connect_fd : -1;
    pthread_mutex_lock(&w->lock);
    e->deadline = e->fd >= 0 ? now_ms() + w->header_ms : 0;
    e->next = w->head;
    if (w->head) w->head->prev = e;
    w->head = e;
    pthread_mutex_unlock(&w->lock);
    *socket_context = e;
    return;
  }
  conn_entry *e = *socket_context;
  if (!e) return;
  pthread_mutex_lock(&w->lock);
  if (e->prev) e->prev->next = e->next;
  else w->head = e->next;
  if (e->next) e->next->prev = e->prev;
  pthread_mutex_unlock(&w->lock);
  free(e);
  *socket_context = NULL;
}

static void set_deadline(conns *w, struct MHD_Connection *c, double deadline) {
  const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  conn_entry *e = i ? i->socket_context : NULL;
  if (!e) return;
  pthread_mutex_lock(&w->lock);
  e->deadline = deadline;
  pthread_mutex_unlock(&w->lock);
}

void conns_request_begins(conns *w, struct MHD_Connection *c) { set_deadline(w, c, 0); }

void conns_request_ends(conns *w, struct MHD_Connection *c) { set_deadline(w, c, now_ms() + w->header_ms); }

/* the number of query arguments of uri (pieces between '&' after the '?') */
static size_t count_args(const char *uri) {
  const char *q = strchr(uri, '?');
  if (!q) return 0;
  size_t n = 1;
  for (const char *p = q + 1; *p; p++) n += *p == '&';
  return n;
}

/* writes a whole 414 answer on the socket, which libmicrohttpd has not
 * written to since the previous response was sent in full */
static void send_414(int fd, const char *msg) {
  buf b;
  buf_init(&b, 0);
  buf_addf(&b,
           "HTTP/1.1 414 URI Too Long\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: %zu\r\n"
           "Connection: close\r\n\r\n%s",
           strlen(msg), msg);
  for (size_t off = 0; off < b.len;) {
    ssize_t k = send(fd, b.s + off, b.len - off, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k <= 0) break; /* a client that does not read loses the answer, not the server */
    off += (size_t)k;
  }
  buf_release(&b);
}

void *conns_check_uri(void *cls, const char *uri, struct MHD_Connection *c) {
  (void)cls;
  size_t len = uri ? strlen(uri) : 0, nargs = uri ? count_args(uri) : 0;
  if (len <= WEB_URL_MAX && nargs <= WEB_ARGS_MAX) return NULL;
  char msg[160];
  if (len > WEB_URL_MAX)
    snprintf(msg, sizeof msg, "Địa chỉ quá dài: %zu byte, tối đa %d byte.\n", len, WEB_URL_MAX);
  else
    snprintf(msg, sizeof msg, "Địa chỉ có quá nhiều tham số: %zu, tối đa %d.\n", nargs, WEB_ARGS_MAX);
  const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
  if (fd) {
    send_414(fd->connect_fd, msg);
    shutdown(fd->connect_fd, SHUT_RDWR);
  }
  fprintf(stderr, "414: a URL of %zu bytes with %zu arguments refused\n", len, nargs);
  return conns_refused;
}
