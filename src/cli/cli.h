/* Subcommands of the danvan binary, one file each (git's builtin/ style). */
#ifndef DV_CLI_H
#define DV_CLI_H
#include "app/app.h"
#include "util/buf.h"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_forms(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_submission(int argc, char **argv);
int cmd_completeness(int argc, char **argv);
int cmd_indicator(int argc, char **argv);
int cmd_registers(int argc, char **argv);
int cmd_holidays(int argc, char **argv);
int cmd_bodies(int argc, char **argv);
int cmd_document(int argc, char **argv);
int cmd_units(int argc, char **argv); /* cmd_units.c */
int cmd_digest(int argc, char **argv); /* cmd_digest.c: the e-mail digest */
/* plans: cmd_plans.c */
int cmd_import_plan(int argc, char **argv);
int cmd_export_plan(int argc, char **argv);
int cmd_plans(int argc, char **argv);
int cmd_target(int argc, char **argv);
int cmd_cascade(int argc, char **argv);
int cmd_plan_item(int argc, char **argv);

/* prints "danvan: <msg>" to stderr, returns 1 */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_fail(const dv_err *e);
/* value of --name in argv, or NULL */
const char *cli_opt(int argc, char **argv, const char *name);
/* reads a whole file (or "-" for stdin) up to max bytes; 0 or -1 */
int cli_read_file(const char *path, size_t max, buf *out);
/* writes a whole file; 0, or 1 with the error printed */
int cli_write_file(const char *path, const void *data, size_t len);
/* danvan import xlsx DB FILE [--user LOGIN] (cmd_xlsx.c) */
int cmd_import_xlsx(int argc, char **argv);
/* opens the database named by argv[i] */
app *cli_open(const char *path);
#endif
