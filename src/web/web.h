/* The web application: server-rendered HTML pages and a small JSON API over
 * the app layer, served by libmicrohttpd with a thread pool. */
#ifndef DV_WEB_H
#define DV_WEB_H
#include "app/app.h"

/* Serves until *stop becomes non-zero (stop may be NULL: serve forever).
 * listen_addr is "ADDR:PORT" ("127.0.0.1:8080", "[::1]:8080"). Returns 0
 * after a clean stop, -1 if the address is bad or cannot be bound (a
 * message in Vietnamese is printed on stderr). */
int web_serve(app *a, const char *listen_addr, volatile int *stop);

/* The same in two steps, for callers that report once the port is bound:
 * web_start returns NULL (message printed) or a running server. */
typedef struct web web;
web *web_start(app *a, const char *listen_addr);
void web_stop(web *w);

/* Parses "ADDR:PORT" into host and port; 0 or -1. host gets at most hostlen-1
 * bytes; brackets of an IPv6 address are removed. */
int web_parse_listen(const char *s, char *host, int hostlen, int *port);
#endif
