#include "export/report_out.h"
#include "util/esc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_num(buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15) buf_addf(b, "%.0f", v);
  else buf_addf(b, "%.15g", v);
}

static void json_cell(buf *b, const rcell *c) {
  if (c->kind == CELL_NUM) json_num(b, c->num);
  else if (c->kind == CELL_TEXT) esc_json(b, c->text);
  else buf_adds(b, "null");
}

static void json_rows(buf *b, const rtable *t) {
  buf_addc(b, '[');
  for (int r = 0; r < t->nrows; r++) {
    buf_adds(b, r ? ",{\"label\":" : "{\"label\":");
    esc_json(b, t->rows[r].label);
    buf_adds(b, ",\"values\":[");
    for (int c = 0; c < t->ncols; c++) {
      if (c) buf_addc(b, ',');
      json_cell(b, &t->rows[r].cells[c]);
    }
    buf_adds(b, "]}");
  }
  buf_addc(b, ']');
}

void report_write_json(buf *b, const rtable *t) {
  buf_adds(b, "{\"form\":");
  esc_json(b, t->form);
  buf_adds(b, ",\"period\":");
  esc_json(b, t->period);
  buf_adds(b, ",\"unit\":");
  esc_json(b, t->unit_code);
  buf_adds(b, ",\"unit_name\":");
  esc_json(b, t->unit_name);
  buf_adds(b, ",\"title\":");
  esc_json(b, t->title);
  buf_adds(b, ",\"columns\":[");
  for (int i = 0; i < t->ncols; i++) {
    buf_adds(b, i ? ",[" : "[");
    for (int d = 0; d < t->depth[i]; d++) {
      if (d) buf_addc(b, ',');
      esc_json(b, t->paths[i][d]);
    }
    buf_addc(b, ']');
  }
  buf_adds(b, "],\"rows\":");
  json_rows(b, t);
  if (t->compare) {
    buf_adds(b, ",\"compare\":{\"period\":");
    esc_json(b, t->compare->period);
    buf_adds(b, ",\"rows\":");
    json_rows(b, t->compare);
    buf_addc(b, '}');
  }
  buf_adds(b, ",\"warnings\":[");
  for (int i = 0; i < t->nwarnings; i++) {
    if (i) buf_addc(b, ',');
    esc_json(b, t->warnings[i]);
  }
  buf_adds(b, "]}\n");
}

void report_write_csv(buf *b, const rtable *t) {
  int depth = 0;
  for (int i = 0; i < t->ncols; i++)
    if (t->depth[i] > depth) depth = t->depth[i];
  for (int d = 0; d < depth; d++) {
    esc_csv(b, d == 0 ? t->row_header : "");
    for (int i = 0; i < t->ncols; i++) {
      buf_addc(b, ',');
      if (d < t->depth[i]) esc_csv(b, t->paths[i][d]);
    }
    buf_addc(b, '\n');
  }
  for (int r = 0; r < t->nrows; r++) {
    esc_csv(b, t->rows[r].label);
    for (int c = 0; c < t->ncols; c++) {
      const rcell *cell = &t->rows[r].cells[c];
      buf_addc(b, ',');
      if (cell->kind == CELL_NUM) json_num(b, cell->num);
      else if (cell->kind == CELL_TEXT) esc_csv(b, cell->text);
    }
    buf_addc(b, '\n');
  }
}

void format_number_vn(buf *b, double v) {
  if (isnan(v)) return;
  if (v != floor(v)) {
    char s[64];
    snprintf(s, sizeof s, "%.2f", v);
    for (char *p = s; *p; p++)
      if (*p == '.') *p = ',';
    buf_adds(b, s);
    return;
  }
  char s[32];
  snprintf(s, sizeof s, "%.0f", fabs(v));
  if (v < 0) buf_addc(b, '-');
  int n = (int)strlen(s);
  for (int i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, s[i]);
  }
}

void report_write_html_head(buf *b, const rtable *t) {
  rhead *cells;
  int n = rtable_head_cells(t, &cells), depth = rtable_head_depth(t);
  buf_adds(b, "<thead>");
  for (int d = 0, k = 0; d < depth; d++) {
    buf_adds(b, "<tr>");
    if (d == 0) {
      buf_addf(b, "<th scope=\"col\" rowspan=\"%d\">", depth);
      esc_html(b, t->row_header);
      buf_adds(b, "</th>");
    }
    for (; k < n && cells[k].row == d; k++) {
      buf_adds(b, "<th scope=\"col\"");
      if (cells[k].cols > 1) buf_addf(b, " colspan=\"%d\"", cells[k].cols);
      if (cells[k].rows > 1) buf_addf(b, " rowspan=\"%d\"", cells[k].rows);
      buf_addc(b, '>');
      esc_html(b, cells[k].text);
      buf_adds(b, "</th>");
    }
    buf_adds(b, "</tr>");
  }
  if (t->colnums) { /* the seed's numbering row (B: the names; A, the row number, is the seed's own column) */
    buf_adds(b, "<tr class=\"colnums\"><th scope=\"col\">B</th>");
    for (int i = 0; i < t->ncols; i++) buf_addf(b, t->colnums == 2 ? "<th scope=\"col\">%02d</th>" : "<th scope=\"col\">%d</th>", i + 1);
    buf_adds(b, "</tr>");
  }
  buf_adds(b, "</thead>");
  free(cells);
}

void report_write_html(buf *b, const rtable *t) {
  buf_adds(b, "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
  esc_html(b, t->title);
  buf_adds(b, "</title><style>table{border-collapse:collapse}th,td{border:1px solid #000;padding:2px 4px}"
              "td.n{text-align:right}</style></head><body><h1>BẢNG TỔNG HỢP SỐ LIỆU</h1><h2>");
  esc_html(b, t->title);
  buf_adds(b, "</h2><table>");
  report_write_html_head(b, t);
  buf_adds(b, "<tbody>");
  for (int r = 0; r < t->nrows; r++) {
    buf_adds(b, "<tr><th scope=\"row\">");
    esc_html(b, t->rows[r].label);
    buf_adds(b, "</th>");
    for (int c = 0; c < t->ncols; c++) {
      const rcell *cell = &t->rows[r].cells[c];
      if (cell->kind == CELL_NUM) {
        buf_adds(b, "<td class=\"n\">");
        format_number_vn(b, cell->num);
      } else {
        buf_adds(b, "<td>");
        if (cell->kind == CELL_TEXT) esc_html(b, cell->text);
      }
      buf_adds(b, "</td>");
    }
    buf_adds(b, "</tr>");
  }
  buf_adds(b, "</tbody></table></body></html>\n");
}
