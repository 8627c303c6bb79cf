#include "util/mail.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int mail_address_ok(const char *s) {
  size_t n = s ? strlen(s) : 0;
  const char *at = s ? strchr(s, '@') : NULL;
  if (n < 3 || n > 254 || !at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.')) return 0;
  for (const char *p = s; *p; p++)
    if (*p <= ' ' || *p > '~' || strchr("\"<>(),;:[]\\", *p)) return 0;
  return 1;
}

static void base64_add(buf *out, const char *data, size_t len, int wrap) {
  char chunk[4 * 57 / 3 + 4];
  for (size_t i = 0; i < len; i += 57) {
    size_t k = len - i < 57 ? len - i : 57;
    sodium_bin2base64(chunk, sizeof chunk, (const unsigned char *)data + i, k, sodium_base64_VARIANT_ORIGINAL);
    buf_adds(out, chunk);
    if (wrap) buf_adds(out, "\r\n");
  }
}

/* "=?UTF-8?B?...?=" words of at most 42 bytes of text each (a folded line of at most 77
 * bytes, "Subject: " included), never cutting a character */
static void encoded_words(buf *out, const char *s) {
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    size_t k = len - i < 42 ? len - i : 42;
    while (i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80) k--;
    buf_adds(out, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
    base64_add(out, s + i, k, 0);
    buf_adds(out, "?=");
    i += k;
  }
}

void mail_compose(buf *out, const char *from, const char *to, const char *subject, const char *body) {
  char date[64];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  buf_addf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date, from, to);
  encoded_words(out, subject);
  buf_adds(out, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n");
  buf crlf; /* the body with CRLF line ends, as SMTP wants */
  buf_init(&crlf, 0);
  for (const char *p = body; *p; p++) {
    if (*p == '\n') buf_addc(&crlf, '\r');
    buf_addc(&crlf, *p);
  }
  base64_add(out, crlf.s ? crlf.s : "", crlf.len, 1);
  buf_release(&crlf);
}

typedef struct reader {
  const char *p;
  size_t left;
} reader;

static size_t read_cb(char *dst, size_t size, size_t n, void *ctx) {
  reader *r = ctx;
  size_t k = size * n < r->left ? size * n : r->left;
  memcpy(dst, r->p, k);
  r->p += k;
  r->left -= k;
  return k;
}

int mail_url_local(const char *url) {
  static const char *const local[] = {"127.0.0.1", "localhost", "[::1]"};
  if (strncmp(url, "smtp://", 7)) return 0;
  const char *host = url + 7;
  size_t n = host[0] == '[' ? strcspn(host, "]") + 1 : strcspn(host, ":/");
  for (size_t i = 0; i < sizeof local / sizeof *local; i++)
    if (strlen(local[i]) == n && !strncmp(host, local[i], n)) return 1;
  return 0;
}

int mail_send(const mail_server *srv, const char *from, const char *to, const char *msg, size_t len, char *err,
              size_t errlen) {
  const char *url = srv->url;
  int login = srv->user && *srv->user;
  CURL *h = curl_easy_init();
  if (!h) return snprintf(err, errlen, "libcurl could not start"), -1;
  char f[300], t[300], ebuf[CURL_ERROR_SIZE] = "";
  snprintf(f, sizeof f, "<%s>", from);
  snprintf(t, sizeof t, "<%s>", to);
  struct curl_slist *rcpt = curl_slist_append(NULL, t);
  reader r = {msg, len};
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, f);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(h, CURLOPT_READDATA, &r);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_USE_SSL, (long)(login && !mail_url_local(url) ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (login) {
    curl_easy_setopt(h, CURLOPT_USERNAME, srv->user);
    curl_easy_setopt(h, CURLOPT_PASSWORD, srv->password ? srv->password : "");
  }
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) snprintf(err, errlen, "%s", *ebuf ? ebuf : curl_easy_strerror(rc));
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}
