/* libFuzzer: the XLSX reader (export/xlsx_in.c) past the zip. The input is
 * a worksheet's XML, then optionally a NUL byte and the shared strings' XML;
 * a real zip is built around them with libzip (stored, not deflated) so
 * that every input reaches the expat handlers of the sheet and the strings. */
#include "export/xlsx_in.h"
#include "util/buf.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Biểu 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char wb_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
static const char empty_sst[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"0\" uniqueCount=\"0\"/>";

static int add(zip_t *za, const char *name, const void *data, size_t len) {
  zip_source_t *s = zip_source_buffer(za, data, len, 0);
  zip_int64_t idx = s ? zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
  if (idx < 0) {
    zip_source_free(s);
    return -1;
  }
  return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* the zip's bytes into out; 0 or -1 */
static int build_zip(const char *sheet, size_t sn, const char *sst, size_t tn, buf *out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) abort();
  zip_source_keep(src);
  if (add(za, "_rels/.rels", rels, strlen(rels)) || add(za, "xl/workbook.xml", workbook, strlen(workbook)) ||
      add(za, "xl/_rels/workbook.xml.rels", wb_rels, strlen(wb_rels)) ||
      add(za, "xl/worksheets/sheet1.xml", sheet, sn) || add(za, "xl/sharedStrings.xml", sst, tn) ||
      zip_close(za) < 0)
    abort();
  int rc = -1;
  if (zip_source_open(src) == 0) {
    char chunk[8192];
    zip_int64_t got;
    while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0) buf_add(out, chunk, (size_t)got);
    rc = got == 0 ? 0 : -1;
    zip_source_close(src);
  }
  zip_source_free(src);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data, *nul = memchr(s, 0, size);
  size_t sn = nul ? (size_t)(nul - s) : size;
  const char *sst = nul ? nul + 1 : empty_sst;
  size_t tn = nul ? size - sn - 1 : strlen(empty_sst);
  buf z;
  buf_init(&z, 0);
  if (build_zip(s, sn, sst, tn, &z) == 0) {
    xlsx_book b;
    char err[300];
    if (xlsx_read(&b, z.s, z.len, err, sizeof err) == 0) {
      for (int i = 0; i < b.nsheets; i++)
        for (int k = 0; k < b.sheets[i].ncells; k++) {
          char cn[16];
          xlsx_cell_name(b.sheets[i].cells[k].row, b.sheets[i].cells[k].col, cn);
        }
    }
    xlsx_book_release(&b);
  }
  buf_release(&z);
  return 0;
}
