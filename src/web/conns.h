/* Connections (conns.c): a deadline for each request's headers, and the
 * refusal of oversized URLs before libmicrohttpd parses them.
 *
 * libmicrohttpd 0.9.75 has one timeout, for silence: a client that sends a
 * header line every few seconds keeps its connection for ever. Here every
 * connection waiting for a request's headers (from its start, or from the
 * end of the previous response) has a deadline; a watcher thread shuts the
 * socket of one past it, and libmicrohttpd then closes the connection. */
#ifndef DV_WEB_CONNS_H
#define DV_WEB_CONNS_H
#include <microhttpd.h>

#define WEB_URL_MAX 8192 /* bytes of a request's path and query, else 414 */
#define WEB_ARGS_MAX 200 /* query arguments, else 414 */

typedef struct conns conns;

/* starts the watcher; header_timeout in seconds */
conns *conns_new(int header_timeout);
/* stops the watcher: after the daemon has stopped (no connection left) */
void conns_free(conns *w);

/* MHD_OPTION_NOTIFY_CONNECTION, cls = the conns */
void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);
/* the access handler's first call: the headers are in, no deadline */
void conns_request_begins(conns *w, struct MHD_Connection *c);
/* the request completed: the next one's headers have a deadline again */
void conns_request_ends(conns *w, struct MHD_Connection *c);

/* MHD_OPTION_URI_LOG_CALLBACK: a URL over WEB_URL_MAX bytes or with more
 * than WEB_ARGS_MAX arguments is answered 414 at once, on the socket, and
 * the connection shut: libmicrohttpd would parse its arguments next, and
 * when they overflow its memory pool it sends nothing and waits for the
 * timeout. Returns conns_refused for such a request (the access handler
 * then drops it), else NULL. */
void *conns_check_uri(void *cls, const char *uri, struct MHD_Connection *c);
extern char conns_refused[];
#endif
