/* One error convention (issue 15): a code and a message that names its
 * place — file line, field — in the request's language (util/i18n.h). Every
 * layer below app/ reports through it. */
#ifndef DV_ERR_H
#define DV_ERR_H

typedef enum { DV_OK = 0, DV_EINVAL = -1, DV_ENOTFOUND = -2, DV_EFORBIDDEN = -3, DV_EAUTH = -4, DV_EDB = -5,
               DV_ECONFLICT = -6, DV_ETOOLARGE = -7 /* over a size limit */,
               DV_ETHROTTLED = -8 /* too many failed logins */ } dv_code;

/* An error names its place: file, line, field; msg is Vietnamese. */
typedef struct dv_err {
  int code;
  int line;        /* 0 if none */
  char field[64];  /* "" if none */
  char msg[400];
} dv_err;

int dv_fail(dv_err *e, int code, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#endif
