/* err.h: error codes and the per-context message buffer.
 * Functions return 0 or a negative TSU_E* code and, when given a struct
 * tsu_err, leave a Japanese message there that the UI shows on the status
 * line and the CLI prints to stderr. Messages say what failed and on what. */
#ifndef TSU_ERR_H
#define TSU_ERR_H

#include <stddef.h>

enum tsu_errcode {
	TSU_OK = 0,
	TSU_EINVAL = -1,    /* bad input from the user or a file */
	TSU_ENOMEM = -2,
	TSU_EDB = -3,       /* SQLite failed */
	TSU_ECONFLICT = -4, /* optimistic lock: someone else saved first */
	TSU_ENOTFOUND = -5,
	TSU_EPERM = -6,     /* the acting staff member may not do this */
	TSU_EIO = -7,       /* file system */
	TSU_EBUSY = -8,     /* database locked beyond the busy timeout */
	TSU_ENEWER = -9,    /* database made by a newer tsunagu */
	TSU_EENCODING = -10 /* bytes that are not valid in the expected encoding */
};

struct tsu_err {
	int code;
	char msg[512];
};

/* Clear e (may be NULL). */
void err_clear(struct tsu_err *e);
/* Set code and message (printf-style) and return code; e may be NULL. */
int err_set(struct tsu_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefix the existing message with more context: "<prefix>: <old>". */
void err_prefix(struct tsu_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A short Japanese name for a code, never NULL. */
const char *err_name(int code);

#endif
