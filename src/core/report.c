/* report.c: the report structure (report.h): building it (report_priv.h),
 * looking things up in it, freeing it, and the permission + transaction +
 * audit frame shared by the daily, today and annual reports. */
#include "tsunagu/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "report_priv.h"
#include "tsunagu/util.h"

static void push_str(char ***arr, size_t *n, char *s)
{
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = s;
}

void rp_header(struct report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_str(&r->header, &r->nheader, xvasprintf(fmt, ap));
	va_end(ap);
}

struct report_section *rp_section(struct report *r, const char *key, enum report_kind kind,
				  const char *title, const char *corner)
{
	struct report_section *s;

	r->sections = xreallocarray(r->sections, r->nsections + 1, sizeof *r->sections);
	s = &r->sections[r->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->kind = kind;
	s->title = xstrdup(title);
	s->corner = xstrdup(corner ? corner : "");
	return s;
}

void rp_col(struct report_section *s, const char *label)
{
	push_str(&s->cols, &s->ncols, xstrdup(label ? label : ""));
}

static struct report_row *new_row(struct report_section *s)
{
	struct report_row *row;

	s->rows = xreallocarray(s->rows, s->nrows + 1, sizeof *s->rows);
	row = &s->rows[s->nrows++];
	memset(row, 0, sizeof *row);
	return row;
}

struct report_row *rp_count_row(struct report_section *s, const char *label, int level,
				bool total, const long *counts)
{
	struct report_row *row = new_row(s);

	row->label = xstrdup(label ? label : "");
	row->level = level;
	row->total = total;
	row->counts = xcalloc(s->ncols ? s->ncols : 1, sizeof *row->counts);
	if (counts)
		memcpy(row->counts, counts, s->ncols * sizeof *row->counts);
	return row;
}

struct report_row *rp_list_row(struct report_section *s, const char *const *cells)
{
	struct report_row *row = new_row(s);

	row->cells = xcalloc(s->ncols ? s->ncols : 1, sizeof *row->cells);
	for (size_t i = 0; i < s->ncols; i++)
		row->cells[i] = xstrdup(cells[i] ? cells[i] : "");
	return row;
}

void rp_line(struct report_section *s, const char *fmt, ...)
{
	struct report_row *row = new_row(s);
	va_list ap;

	row->cells = xcalloc(1, sizeof *row->cells);
	va_start(ap, fmt);
	row->cells[0] = xvasprintf(fmt, ap);
	va_end(ap);
}

void rp_note(struct report_section *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_str(&s->notes, &s->nnotes, xvasprintf(fmt, ap));
	va_end(ap);
}

void rp_empty(struct report_section *s, const char *text)
{
	free(s->empty);
	s->empty = xstrdup(text);
}

int rp_run(struct db *db, const struct staff *actor, const char *what, const char *action,
	   const char *detail, rp_body_fn body, void *arg, struct report *out,
	   struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, what, e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = body(db, arg, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, action, "report", 0, detail, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		report_release(out);
	return rc;
}

char *rp_name_age(const char *name, const char *birth_iso, struct date on)
{
	struct date b;
	int age = -1;

	if (!name || !*name)
		return xstrdup("(児童未特定)");
	if (birth_iso && *birth_iso && date_parse(birth_iso, &b, NULL) == 0)
		age = date_age(b, on);
	return age >= 0 ? xasprintf("%s (%d)", name, age) : xstrdup(name);
}

const char *rp_hhmm(const char *datetime, char buf[8])
{
	buf[0] = '\0';
	if (datetime && strlen(datetime) >= 16) {
		memcpy(buf, datetime + 11, 5);
		buf[5] = '\0';
	}
	return buf;
}

const char *rp_md(const char *datetime, char buf[32])
{
	int y, m, d, hh, mm;

	buf[0] = '\0';
	if (!datetime)
		return buf;
	if (sscanf(datetime, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) == 5)
		snprintf(buf, 32, "%d/%d %02d:%02d", m, d, hh, mm);
	else if (sscanf(datetime, "%d-%d-%d", &y, &m, &d) == 3)
		snprintf(buf, 32, "%d/%d", m, d);
	return buf;
}

const struct report_section *report_section_find(const struct report *r, const char *key)
{
	for (size_t i = 0; r && key && i < r->nsections; i++)
		if (strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}

int report_count(const struct report_section *s, const char *row, const char *col, long *out)
{
	size_t c;

	if (!s || s->kind != REPORT_COUNTS || !row || !col)
		return TSU_ENOTFOUND;
	for (c = 0; c < s->ncols && strcmp(s->cols[c], col) != 0; c++)
		;
	if (c == s->ncols)
		return TSU_ENOTFOUND;
	for (size_t i = 0; i < s->nrows; i++) {
		if (strcmp(s->rows[i].label, row) == 0) {
			*out = s->rows[i].counts[c];
			return 0;
		}
	}
	return TSU_ENOTFOUND;
}

static void free_strs(char **a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

static void section_release(struct report_section *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		struct report_row *row = &s->rows[i];

		free(row->label);
		free(row->counts);
		if (row->cells)
			free_strs(row->cells, s->kind == REPORT_LINES ? 1 : s->ncols);
		free(row->detail);
	}
	free(s->rows);
	free(s->title);
	free(s->corner);
	free_strs(s->cols, s->ncols);
	free_strs(s->notes, s->nnotes);
	free(s->empty);
}

void report_release(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nsections; i++)
		section_release(&r->sections[i]);
	free(r->sections);
	free(r->title);
	free_strs(r->header, r->nheader);
	memset(r, 0, sizeof *r);
}
