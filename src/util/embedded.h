/* Files of forms/ and demo/ compiled into the binary (cmake/embed.cmake). */
#ifndef DV_EMBEDDED_H
#define DV_EMBEDDED_H
#include <stddef.h>
typedef struct embedded_file {
  const char *name;
  const char *data;
  size_t len;
} embedded_file;
extern const embedded_file embedded_files[];
/* the file of that name, or NULL */
const embedded_file *embedded_find(const char *name);
#endif
