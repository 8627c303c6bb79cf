/* Feeds files to a harness's LLVMFuzzerTestOneInput without libFuzzer:
 * replay_NAME DIR|FILE... runs every file given or in the directories
 * given, so the inputs the fuzzers found stay fixed in ctest. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", path);
    return -1;
  }
  size_t cap = 4096, n = 0;
  uint8_t *data = malloc(cap);
  for (size_t got; data && (got = fread(data + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) data = realloc(data, cap *= 2);
  }
  fclose(f);
  if (!data) return -1;
  LLVMFuzzerTestOneInput(data, n);
  free(data);
  return 0;
}

static int run_path(const char *path, int *count) {
  struct stat st;
  if (stat(path, &st)) {
    fprintf(stderr, "%s: not found\n", path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return (*count)++, run_file(path);
  DIR *d = opendir(path);
  if (!d) return -1;
  int rc = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    if (run_path(sub, count)) rc = -1;
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  int rc = 0, count = 0;
  for (int i = 1; i < argc; i++)
    if (run_path(argv[i], &count)) rc = 1;
  printf("%d inputs replayed\n", count);
  return rc || count == 0;
}
