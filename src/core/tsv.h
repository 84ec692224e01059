/* tsv.h: private reader for the master-data tables in data/: UTF-8 lines,
 * fields separated by TAB, '#' comment lines and blank lines skipped, a CR
 * before the newline tolerated. Errors name "<path>:<line>". */
#ifndef TSU_TSV_H
#define TSU_TSV_H

#include <stdio.h>

#include "tsunagu/err.h"

#define TSV_MAX_FIELDS 8

struct tsv {
	FILE *f;
	char *path;
	int line;
	char *buf;
	size_t cap;
	char *field[TSV_MAX_FIELDS];
	int n; /* fields in the current row */
};

int tsv_open(struct tsv *t, const char *path, struct tsu_err *e);
/* Next data row: 1, 0 at the end, or TSU_E* (too many fields, bad UTF-8). */
int tsv_next(struct tsv *t, struct tsu_err *e);
/* Set e to "<path>:<line>: <message>" and return TSU_EINVAL. */
int tsv_fail(const struct tsv *t, struct tsu_err *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tsv_close(struct tsv *t);

#endif
