/* E-mail: a plain-text message in UTF-8 (RFC 2047 subject, base64 body)
 * and its delivery over SMTP by libcurl. */
#ifndef DV_MAIL_H
#define DV_MAIL_H
#include "util/buf.h"
#include <stddef.h>

/* 1 if s is an address we accept: local@domain, 3..254 bytes, printable
 * ASCII without spaces, quotes, brackets, commas or semicolons (nothing
 * that could end a header or add a recipient) */
int mail_address_ok(const char *s);
/* appends the whole message (headers, blank line, body) to out; the
 * subject and body are UTF-8 text, body lines end with \n */
void mail_compose(buf *out, const char *from, const char *to, const char *subject, const char *body);
/* where the mail goes: url smtp://host:port or smtps://host:port; user ""
 * for a relay without authentication, else the login and its password */
typedef struct mail_server {
  const char *url, *user, *password;
} mail_server;
/* 1 if an smtp:// URL names this machine (127.0.0.1, localhost, [::1]) */
int mail_url_local(const char *url);
/* sends msg to one recipient (STARTTLS when the server offers it; with a
 * login, TLS is required unless the relay is on this machine); 0, or -1
 * with the reason in err */
int mail_send(const mail_server *srv, const char *from, const char *to, const char *msg, size_t len, char *err,
              size_t errlen);
#endif
