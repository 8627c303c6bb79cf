#include "export/completeness_out.h"
#include "core/period.h"
#include "util/esc.h"

static void str_or_null(buf *b, const char *s) {
  if (s && *s) esc_json(b, s);
  else buf_adds(b, "null");
}

void completeness_write_json(buf *b, const char *form_code, const char *period_id, const char *unit,
                             const completeness_row *rows, int n, const level_tally *levels, const tree *t,
                             int today) {
  buf_adds(b, "{\"form\":");
  esc_json(b, form_code);
  buf_adds(b, ",\"period\":");
  esc_json(b, period_id);
  buf_adds(b, ",\"unit\":");
  esc_json(b, unit);
  buf_adds(b, ",\"children\":[");
  for (int i = 0; i < n; i++) {
    const submission *s = &rows[i].s;
    char due[11];
    date_format_iso(s->due_day, due);
    buf_adds(b, i ? ",{\"unit\":" : "{\"unit\":");
    esc_json(b, rows[i].unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, rows[i].unit_name);
    buf_adds(b, ",\"status\":");
    esc_json(b, s->status);
    buf_adds(b, ",\"submitted_at\":");
    str_or_null(b, s->submitted_at);
    buf_adds(b, ",\"on_time\":");
    buf_adds(b, s->on_time < 0 ? "null" : s->on_time ? "true" : "false");
    buf_addf(b, ",\"due\":\"%s\",\"state\":\"%s\"}", due, submission_state(s, today));
  }
  buf_adds(b, "],\"levels\":[");
  period p;
  int first = 0, last = 0;
  if (!period_parse(period_id, &p)) period_window(&p, NULL, &first, &last);
  const tree_edition *ed = tree_edition_on(t, last); /* the levels of the period's tree */
  for (int l = 1, k = 0; l <= TREE_MAX_LEVELS; l++) {
    if (!levels[l].units) continue;
    buf_addf(b, "%s{\"level\":%d,\"name\":", k++ ? "," : "", l);
    esc_json(b, ed->levels[l].name ? ed->levels[l].name : "");
    buf_addf(b, ",\"units\":%d,\"on_time\":%d,\"late\":%d,\"missing\":%d,\"pending\":%d}", levels[l].units,
             levels[l].on_time, levels[l].late, levels[l].missing, levels[l].pending);
  }
  buf_adds(b, "]}\n");
}
