/* Character coverage of the document font through fontconfig: FcFontMatch
 * for the family (the substitution LibreOffice makes), the matched font's
 * charset kept for the next call, FcCharSetHasChar per character. */
#include "export/font_cover.h"
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* the charset of the last family asked for: documents use one font */
static pthread_mutex_t cover_lock = PTHREAD_MUTEX_INITIALIZER;
static char cached_family[128];
static char cached_name[128];
static FcCharSet *cached_set;
static int cached;

/* at exit: the cached charset and fontconfig's own state given back, so that
 * a leak check at exit (the ASan build) sees nothing of ours or fontconfig's */
__attribute__((destructor)) static void font_cover_fini(void) {
  if (cached_set) FcCharSetDestroy(cached_set);
  cached_set = NULL;
  if (cached) FcFini();
}

/* fills the cache for family; caller holds cover_lock */
static void load_family(const char *family) {
  if (cached && !strcmp(cached_family, family)) return;
  if (cached_set) FcCharSetDestroy(cached_set);
  cached_set = NULL;
  cached_name[0] = 0;
  snprintf(cached_family, sizeof cached_family, "%s", family);
  cached = 1;
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcConfigSubstitute(NULL, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *match = FcFontMatch(NULL, pat, &res);
  FcPatternDestroy(pat);
  if (!match) return;
  FcCharSet *cs;
  FcChar8 *name;
  if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch) cached_set = FcCharSetCopy(cs);
  if (FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch)
    snprintf(cached_name, sizeof cached_name, "%s", (const char *)name);
  FcPatternDestroy(match);
}

/* the code point at s (UTF-8, already validated), its length in *len */
static unsigned next_cp(const unsigned char *s, int *len) {
  if (s[0] < 0x80) return *len = 1, s[0];
  if ((s[0] & 0xE0) == 0xC0 && s[1]) return *len = 2, ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
  if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2])
    return *len = 3, ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3])
    return *len = 4, ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
  return *len = 1, 0xFFFD; /* not UTF-8: the save refuses it on its own */
}

int font_cover_gap(const char *family, const char *text, font_gap *gap) {
  if (!text || !*text) return 0;
  pthread_mutex_lock(&cover_lock);
  load_family(family && *family ? family : "serif");
  int found = 0, line = 1, col = 0;
  for (const unsigned char *s = (const unsigned char *)text; cached_set && *s && !found;) {
    int len;
    unsigned cp = next_cp(s, &len);
    s += len;
    if (cp == '\n') {
      line++, col = 0;
      continue;
    }
    col++;
    if (cp < 0x20 || cp == 0x7F || FcCharSetHasChar(cached_set, cp)) continue;
    *gap = (font_gap){cp, line, col};
    found = 1;
  }
  pthread_mutex_unlock(&cover_lock);
  return found;
}

void font_cover_font_name(const char *family, char *out, size_t n) {
  pthread_mutex_lock(&cover_lock);
  load_family(family && *family ? family : "serif");
  snprintf(out, n, "%s", cached_name);
  pthread_mutex_unlock(&cover_lock);
}
