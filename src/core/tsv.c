/* tsv.c: the reader for data/ tables (see tsv.h). */
#include "tsv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

int tsv_open(struct tsv *t, const char *path, struct tsu_err *e)
{
	memset(t, 0, sizeof *t);
	t->f = fopen(path, "r");
	if (!t->f)
		return err_set(e, errno == ENOENT ? TSU_ENOTFOUND : TSU_EIO,
			       "データファイル %s を開けません: %s", path, strerror(errno));
	t->path = xstrdup(path);
	return 0;
}

int tsv_fail(const struct tsv *t, struct tsu_err *e, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	err_set(e, TSU_EINVAL, "%s:%d: %s", t->path, t->line, msg);
	free(msg);
	return TSU_EINVAL;
}

static int split(struct tsv *t, char *s, struct tsu_err *e)
{
	t->n = 0;
	for (;;) {
		char *tab = strchr(s, '\t');

		if (t->n == TSV_MAX_FIELDS)
			return tsv_fail(t, e, "列が多すぎます (最大 %d 列)", TSV_MAX_FIELDS);
		t->field[t->n++] = s;
		if (!tab)
			return 1;
		*tab = '\0';
		s = tab + 1;
	}
}

int tsv_next(struct tsv *t, struct tsu_err *e)
{
	ssize_t len;

	while ((len = getline(&t->buf, &t->cap, t->f)) >= 0) {
		t->line++;
		while (len > 0 && (t->buf[len - 1] == '\n' || t->buf[len - 1] == '\r'))
			t->buf[--len] = '\0';
		if (!utf8_valid(t->buf, (size_t)len))
			return tsv_fail(t, e, "UTF-8 として正しくないバイトがあります");
		if (len == 0 || t->buf[0] == '#')
			continue;
		if (strspn(t->buf, " \t") == (size_t)len)
			continue;
		return split(t, t->buf, e);
	}
	if (ferror(t->f))
		return err_set(e, TSU_EIO, "データファイル %s を読めません", t->path);
	return 0;
}

void tsv_close(struct tsv *t)
{
	if (t->f)
		fclose(t->f);
	free(t->buf);
	free(t->path);
	memset(t, 0, sizeof *t);
}
