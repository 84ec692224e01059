/* fileio.h: whole-file reads and atomic writes for imports, exports and
 * printed reports. Files hold personal data, so what is written is created
 * with mode 0600, and a half-written file never appears under its name. */
#ifndef TSU_FILEIO_H
#define TSU_FILEIO_H

#include <stddef.h>

#include "tsunagu/err.h"
#include "tsunagu/util.h"

/* Append the whole file at path to out. TSU_EIO with a Japanese message
 * naming the file if it cannot be opened or read (out may then hold part). */
int fileio_read_all(const char *path, struct sbuf *out, struct tsu_err *e);
/* Write bytes to a temporary file beside path (mode 0600), fsync it and
 * rename it over path. On failure path is untouched, the temporary file is
 * removed, and e names path and the reason (TSU_EIO). */
int fileio_write_atomic(const char *path, const char *bytes, size_t len, struct tsu_err *e);

#endif
