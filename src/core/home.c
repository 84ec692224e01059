/* home.c: the home screen's counts and lists (home.h), each one query of
 * sql.c. Lists of case numbers and names only: no case file is opened, so
 * no audit row (as home.h says). */
#include "tsunagu/home.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

int home_load_counts(struct db *db, const struct staff *actor, struct date today,
		     struct home_counts *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HOME_COUNTS, e);
	int *f[] = {&out->intakes_today,  &out->reports_today,   &out->meetings_today,
		    &out->notes_today,    &out->safety_due,      &out->safety_overdue,
		    &out->reviews_overdue, &out->secrecy_ending, &out->my_open_cases};
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return TSU_EDB;
	sql_bind_date(st, 1, today);
	sql_bind_id(st, 2, actor ? actor->id : 0);
	sql_bind_int(st, 3, settings_get_int(db, "secrecy_warn_days", 30));
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		*f[i] = (int)sql_int(st, (int)i);
	sql_reset(st);
	return 0;
}

/* Floor division, so that 30 seconds overdue is -1 minute, not 0. */
static long minutes(int64_t secs)
{
	return (long)(secs >= 0 ? secs / 60 : -((-secs + 59) / 60));
}

static void read_row(struct stmt *st, struct home_row *r)
{
	r->case_id = sql_int(st, 0);
	r->intake_id = sql_int(st, 1);
	r->case_no = sql_dup(st, 2);
	r->name = sql_dup(st, 3);
	r->kana = sql_dup(st, 4);
	r->birth = sql_dup(st, 5);
	r->registration = sql_dup(st, 6);
	r->status = sql_dup(st, 7);
	r->detail = sql_dup(st, 8);
	r->lead = sql_dup(st, 9);
	r->due = sql_dup(st, 10);
	r->minutes_left = sql_null(st, 11) ? 0 : minutes(sql_int(st, 11));
	r->days_since_record = (int)sql_int(st, 12);
}

static int read_rows(struct db *db, struct stmt *st, struct home_row **rows, size_t *n,
		     struct tsu_err *e)
{
	int rc;

	*rows = NULL;
	*n = 0;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		read_row(st, &(*rows)[(*n)++]);
	}
	if (rc < 0) {
		home_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

int home_safety_checks(struct db *db, time_t now, struct home_row **rows, size_t *n,
		       struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HOME_SAFETY, e);

	if (!st) {
		*rows = NULL;
		*n = 0;
		return TSU_EDB;
	}
	sql_bind_int(st, 1, (int64_t)now);
	return read_rows(db, st, rows, n, e);
}

int home_reviews_due(struct db *db, struct date today, int days_ahead, struct home_row **rows,
		     size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HOME_REVIEWS, e);

	if (!st) {
		*rows = NULL;
		*n = 0;
		return TSU_EDB;
	}
	sql_bind_date(st, 1, today);
	sql_bind_int(st, 2, days_ahead);
	return read_rows(db, st, rows, n, e);
}

int home_my_cases(struct db *db, const struct staff *actor, struct date today,
		  struct home_row **rows, size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HOME_MY, e);

	if (!st) {
		*rows = NULL;
		*n = 0;
		return TSU_EDB;
	}
	sql_bind_date(st, 1, today);
	sql_bind_id(st, 2, actor ? actor->id : 0);
	return read_rows(db, st, rows, n, e);
}

void home_rows_free(struct home_row *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++) {
		free(rows[i].case_no);
		free(rows[i].name);
		free(rows[i].kana);
		free(rows[i].birth);
		free(rows[i].registration);
		free(rows[i].status);
		free(rows[i].detail);
		free(rows[i].lead);
		free(rows[i].due);
	}
	free(rows);
}

int home_record_view(struct db *db, const struct staff *actor, size_t safety, size_t reviews,
		     size_t mine, struct tsu_err *e)
{
	char *detail = xasprintf("ホーム: 安全確認 %zu 件、見直し %zu 件、担当ケース %zu 件", safety,
				 reviews, mine);
	struct sql_tx tx;
	int rc;

	if ((rc = sql_tx_begin(db, &tx, e)) == 0) {
		rc = model_audit(db, actor, "home.read", NULL, 0, detail, e);
		rc = sql_tx_end(db, &tx, rc, e);
	}
	free(detail);
	return rc;
}
