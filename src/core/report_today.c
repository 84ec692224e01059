/* report_today.c: the actor's own due items (`tsunagu today`, report.h),
 * one section per kind, empty kinds left out. Times left are relative to the
 * `now` given, so a test can fix the clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"
#include "sql_report.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

struct today {
	int64_t staff;
	char *staff_name;
	char now[24];      /* local "YYYY-MM-DD HH:MM:SS" */
	struct date day;
	long warn_days, stale_days;
};

static struct stmt *prep(struct db *db, int id, const struct today *t, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_report_table, id, e);

	if (st) {
		sql_bind_text(st, 1, t->now);
		sql_bind_int(st, 2, t->staff);
	}
	return st;
}

/* "残り 3時間12分", "超過 1日2時間" from seconds left. */
static void time_left(long long secs, char *buf, size_t n)
{
	long long m = secs >= 0 ? secs / 60 : (-secs + 59) / 60;
	long long days = m / (24 * 60), hours = m / 60 % 24, mins = m % 60;
	const char *what = secs >= 0 ? "残り" : "超過";

	if (days > 0)
		snprintf(buf, n, "%s %lld日%lld時間", what, days, hours);
	else
		snprintf(buf, n, "%s %lld時間%lld分", what, hours, mins);
}

/* Drop the section just added if it stayed empty. */
static void drop_if_empty(struct report *r)
{
	struct report tmp = {0};

	if (r->sections[r->nsections - 1].nrows > 0)
		return;
	tmp.sections = xmalloc(sizeof *tmp.sections);
	tmp.sections[0] = r->sections[--r->nsections];
	tmp.nsections = 1;
	report_release(&tmp);
}

static struct report_section *section(struct report *r, const char *key, const char *title,
				      const char *const *cols, size_t n)
{
	struct report_section *s = rp_section(r, key, REPORT_LIST, title, NULL);

	for (size_t i = 0; i < n; i++)
		rp_col(s, cols[i]);
	return s;
}

static int sec_safety(struct db *db, struct today *t, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"状態", "期限", "ケース", "児童", "虐待種別"};
	struct report_section *s = section(r, "safety", "安全確認", cols, 5);
	struct stmt *st = prep(db, RSQL_TODAY_SAFETY, t, e);
	int rc;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char left[48], md[32];
		char *name = rp_name_age(sql_text(st, 3), sql_text(st, 4), t->day);
		const char *cells[] = {left, rp_md(sql_text(st, 6), md), sql_text(st, 2), name,
				       sql_text(st, 5)};
		struct report_row *row;

		time_left((long long)sql_int(st, 7), left, sizeof left);
		row = rp_list_row(s, cells);
		row->intake_id = sql_int(st, 0);
		row->case_id = sql_int(st, 1);
		row->alert = sql_int(st, 7) < 0;
		free(name);
	}
	return rc;
}

static void days_cell(long days, char *buf, size_t n)
{
	if (days < 0)
		snprintf(buf, n, "超過 %ld日", -days);
	else if (days == 0)
		snprintf(buf, n, "本日");
	else
		snprintf(buf, n, "あと %ld日", days);
}

static int sec_reviews(struct db *db, struct today *t, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"状態", "見直し予定", "ケース", "児童", "登録区分"};
	struct report_section *s = section(r, "reviews", "見直し (7日以内・超過)", cols, 5);
	struct stmt *st = prep(db, RSQL_TODAY_REVIEWS, t, e);
	int rc;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char when[32], md[32];
		char *name = rp_name_age(sql_text(st, 2), sql_text(st, 3), t->day);
		const char *cells[] = {when, rp_md(sql_text(st, 5), md), sql_text(st, 1), name,
				       sql_text(st, 4)};
		struct report_row *row;

		days_cell((long)sql_int(st, 6), when, sizeof when);
		row = rp_list_row(s, cells);
		row->case_id = sql_int(st, 0);
		row->alert = sql_int(st, 6) < 0;
		free(name);
	}
	return rc;
}

static int sec_secrecy(struct db *db, struct today *t, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"状態", "期限", "ケース", "児童"};
	char *title = xasprintf("DV等支援措置の期限 (%ld日以内)", t->warn_days);
	struct report_section *s = section(r, "secrecy", title, cols, 4);
	struct stmt *st = prep(db, RSQL_TODAY_SECRECY, t, e);
	int rc;

	free(title);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 3, t->warn_days);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char when[32], md[32];
		const char *cells[] = {when, rp_md(sql_text(st, 1), md), sql_text(st, 4),
				       sql_text(st, 5)};

		days_cell((long)sql_int(st, 2), when, sizeof when);
		rp_list_row(s, cells)->case_id = sql_int(st, 3);
	}
	return rc;
}

static int sec_stale(struct db *db, struct today *t, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"状態", "最終記録", "ケース", "児童"};
	char *title = xasprintf("記録が%ld日以上ない担当ケース", t->stale_days);
	struct report_section *s = section(r, "stale", title, cols, 4);
	struct stmt *st = prep(db, RSQL_TODAY_STALE, t, e);
	int rc;

	free(title);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 3, t->stale_days);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char when[32], md[32];
		char *name = rp_name_age(sql_text(st, 2), sql_text(st, 3), t->day);
		const char *cells[] = {when, *sql_text(st, 4) ? rp_md(sql_text(st, 4), md) : "記録なし",
				       sql_text(st, 1), name};
		struct report_row *row;

		snprintf(when, sizeof when, "%lld日経過", (long long)sql_int(st, 5));
		row = rp_list_row(s, cells);
		row->case_id = sql_int(st, 0);
		row->alert = true;
		free(name);
	}
	return rc;
}

static int today_body(struct db *db, void *arg, struct report *r, struct tsu_err *e)
{
	static int (*const secs[])(struct db *, struct today *, struct report *,
				   struct tsu_err *) = {sec_safety, sec_reviews, sec_secrecy,
							sec_stale};
	struct today *t = arg;
	char wa[64];
	int rc = 0;

	r->title = xasprintf("%s の予定", t->staff_name);
	rp_header(r, "%s %.5s 現在", date_format_wareki_wday(t->day, wa, sizeof wa), t->now + 11);
	for (size_t i = 0; i < sizeof secs / sizeof secs[0] && rc == 0; i++) {
		rc = secs[i](db, t, r, e);
		if (rc == 0)
			drop_if_empty(r);
	}
	return rc;
}

int report_today(struct db *db, const struct staff *actor, time_t now, struct report *out,
		 struct tsu_err *e)
{
	struct today t = {0};
	struct tm tm;
	char *detail;
	int rc;

	if (!localtime_r(&now, &tm)) {
		memset(out, 0, sizeof *out);
		return err_set(e, TSU_EINVAL, "現在時刻を読めません");
	}
	strftime(t.now, sizeof t.now, "%Y-%m-%d %H:%M:%S", &tm);
	t.day = (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	t.staff = actor ? actor->id : 0;
	t.staff_name = actor && actor->name ? actor->name : "";
	t.warn_days = settings_get_int(db, "secrecy_warn_days", 30);
	t.stale_days = settings_get_int(db, "stale_days", 60);
	detail = xasprintf("予定 %.10s", t.now);
	rc = rp_run(db, actor, "予定の表示", "report.today", detail, today_body, &t, out, e);
	free(detail);
	return rc;
}
