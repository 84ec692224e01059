/* report_priv.h: private to the report files (report.c, report_daily.c,
 * report_today.c, report_annual.c): building a struct report piece by piece,
 * and the transaction + permission + audit frame every report runs in. */
#ifndef TSU_REPORT_PRIV_H
#define TSU_REPORT_PRIV_H

#include <stdarg.h>

#include "sql.h"
#include "tsunagu/report.h"

/* Append a header line (printf-style). */
void rp_header(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a section; the pointer is valid until the next rp_section call.
 * key must be a string literal (it is not copied). corner may be NULL. */
struct report_section *rp_section(struct report *r, const char *key, enum report_kind kind,
				  const char *title, const char *corner);
/* Append a column heading (COUNTS: before the first row). */
void rp_col(struct report_section *s, const char *label);
/* Append a COUNTS row with ncols counts (counts may be NULL: zeros). */
struct report_row *rp_count_row(struct report_section *s, const char *label, int level,
				bool total, const long *counts);
/* Append a LIST row; cells are copied (NULL -> ""), ncols of them. */
struct report_row *rp_list_row(struct report_section *s, const char *const *cells);
/* Append a LINES row (printf-style). */
void rp_line(struct report_section *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a footnote (printf-style). */
void rp_note(struct report_section *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What to say when the section has no rows (default "なし"). */
void rp_empty(struct report_section *s, const char *text);

/* The frame: check PERM_READ_CASE, open a transaction, run body, append the
 * audit row (action, detail) and end the transaction; on failure the report
 * is released. */
typedef int (*rp_body_fn)(struct db *db, void *arg, struct report *out, struct tsu_err *e);
int rp_run(struct db *db, const struct staff *actor, const char *what, const char *action,
	   const char *detail, rp_body_fn body, void *arg, struct report *out,
	   struct tsu_err *e);

/* "山田 太郎 (7)" from a name and an age at some date (-1: no age shown);
 * "(児童未特定)" for an empty name. Newly allocated. */
char *rp_name_age(const char *name, const char *birth_iso, struct date on);
/* "HH:MM" part of a "YYYY-MM-DD HH:MM[:SS]" string, or "" (borrowed copy in buf). */
const char *rp_hhmm(const char *datetime, char buf[8]);
/* "M/D HH:MM" of a datetime, or "M/D" of a date, into buf. */
const char *rp_md(const char *datetime, char buf[32]);

#endif
