/* report_daily.c: the end-of-day summary (業務日誌) of report.h: one
 * section per kind of work done or due on the day, and a first section of
 * counts that the screen's summary line and the CSV use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"
#include "sql_report.h"
#include "tsunagu/codes.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

/* Rows of the first section, in order. */
enum daily_count {
	DC_INTAKES, DC_REPORTS, DC_DECISIONS, DC_SAFETY_DONE, DC_SAFETY_PENDING,
	DC_SAFETY_OVERDUE, DC_NOTES, DC_PLANS, DC_REVIEWS_TOMORROW, DC_REVIEWS_OVERDUE,
	DC_SECRECY, DC_HANDOVER, DC__COUNT
};

static const char *const count_labels[DC__COUNT] = {
	"受付", "うち通告", "受理会議の決定", "安全確認 (実施)", "安全確認 (期限内・未了)",
	"安全確認 (期限超過)", "経過記録", "支援計画の作成・変更", "明日の見直し予定",
	"見直し期限超過", "支援措置の期限が近い世帯", "申し送り",
};

struct daily {
	struct date day;
	char iso[16];
	int64_t staff;
	long warn_days;
	long n[DC__COUNT];
};

static struct stmt *prep(struct db *db, int id, const struct daily *d, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_report_table, id, e);

	if (st) {
		sql_bind_text(st, 1, d->iso);
		sql_bind_id(st, 2, d->staff);
	}
	return st;
}

static char *type_cell(const char *type, const char *abuse)
{
	if (!*type)
		return xstrdup(*abuse ? abuse : "(種別未入力)");
	return *abuse ? xasprintf("%s (%s)", type, abuse) : xstrdup(type);
}

static char *accept_cell(int accepted, const char *case_no)
{
	if (accepted == 1)
		return *case_no ? xasprintf("受理 %s", case_no) : xstrdup("受理");
	return xstrdup(accepted == 0 ? "不受理" : "未決定");
}

static int sec_intakes(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"時刻", "区分", "方法", "相談種別", "緊急度",
					   "児童", "受付者", "受理"};
	struct report_section *s = rp_section(r, "intakes", REPORT_LIST, "受付", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_INTAKES, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char hhmm[8];
		const char *grade = *sql_text(st, 7) ? sql_text(st, 7)
						     : sql_int(st, 6) ? "緊急" : "";
		char *type = type_cell(sql_text(st, 4), sql_text(st, 5));
		char *name = rp_name_age(sql_text(st, 8), sql_text(st, 9), d->day);
		char *acc = accept_cell((int)sql_int(st, 11), sql_text(st, 12));
		const char *cells[] = {rp_hhmm(sql_text(st, 2), hhmm),
				       sql_int(st, 13) ? "通告" : "相談", sql_text(st, 3), type,
				       grade, name, sql_text(st, 10), acc};
		struct report_row *row = rp_list_row(s, cells);

		row->intake_id = sql_int(st, 0);
		row->case_id = sql_int(st, 1);
		row->alert = *grade != '\0';
		d->n[DC_INTAKES]++;
		d->n[DC_REPORTS] += sql_int(st, 13) != 0;
		free(type);
		free(name);
		free(acc);
	}
	return rc;
}

static char *decision_detail(const char *decision, bool send)
{
	if (!send)
		return xstrdup(decision);
	return *decision ? xasprintf("児童相談所へ送致。%s", decision) : xstrdup("児童相談所へ送致");
}

static int sec_decisions(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"ケース", "児童", "決定", "相談種別", "緊急度",
					   "主担当", "登録区分"};
	struct report_section *s = rp_section(r, "decisions", REPORT_LIST, "受理会議の決定", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_DECISIONS, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int acc = (int)sql_int(st, 6);
		char *name = rp_name_age(sql_text(st, 4), sql_text(st, 5), d->day);
		const char *cells[] = {sql_text(st, 3), name,
				       acc == 1 ? "受理" : acc == 0 ? "不受理" : "保留",
				       sql_text(st, 7), sql_text(st, 8), sql_text(st, 9),
				       sql_text(st, 11)};
		struct report_row *row = rp_list_row(s, cells);

		row->case_id = sql_int(st, 1);
		row->intake_id = sql_int(st, 2);
		row->detail = decision_detail(sql_text(st, 12), sql_int(st, 10) != 0);
		d->n[DC_DECISIONS]++;
		free(name);
	}
	return rc;
}

static int sec_safety_done(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"時刻", "ケース", "児童", "方法", "目視", "確認者"};
	struct report_section *s =
		rp_section(r, "safety_done", REPORT_LIST, "安全確認 (本日実施)", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_SAFETY_DONE, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char hhmm[8];
		char *name = rp_name_age(sql_text(st, 5), sql_text(st, 6), d->day);
		const char *cells[] = {rp_hhmm(sql_text(st, 3), hhmm), sql_text(st, 4), name,
				       sql_text(st, 7), sql_int(st, 8) ? "目視" : "未確認",
				       sql_text(st, 9)};
		struct report_row *row = rp_list_row(s, cells);

		row->intake_id = sql_int(st, 1);
		row->case_id = sql_int(st, 2);
		row->alert = sql_int(st, 8) == 0;
		d->n[DC_SAFETY_DONE]++;
		free(name);
	}
	return rc;
}

static int sec_safety_pending(struct db *db, struct daily *d, struct report *r,
			      struct tsu_err *e)
{
	static const char *const cols[] = {"状態", "期限", "ケース", "児童", "虐待種別", "担当"};
	struct report_section *s = rp_section(r, "safety_pending", REPORT_LIST,
					      "安全確認 (未了: 本日終了時点)", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_SAFETY_PENDING, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char md[32];
		bool over = sql_int(st, 7) != 0;
		char *name = rp_name_age(sql_text(st, 3), sql_text(st, 4), d->day);
		const char *cells[] = {over ? "超過" : "期限内", rp_md(sql_text(st, 6), md),
				       sql_text(st, 2), name, sql_text(st, 5), sql_text(st, 8)};
		struct report_row *row = rp_list_row(s, cells);

		row->intake_id = sql_int(st, 0);
		row->case_id = sql_int(st, 1);
		row->alert = over;
		d->n[over ? DC_SAFETY_OVERDUE : DC_SAFETY_PENDING]++;
		free(name);
	}
	return rc;
}

/* ---- notes per worker ----------------------------------------------------- */

struct note_count {
	int64_t staff;
	char *name;
	char *kind;
	long n;
};

static int read_note_counts(struct db *db, const struct daily *d, struct note_count **out,
			    size_t *n, struct tsu_err *e)
{
	struct stmt *st = prep(db, RSQL_DAILY_NOTES, d, e);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n] = (struct note_count){sql_int(st, 0), sql_dup(st, 1), sql_dup(st, 2),
						 (long)sql_int(st, 3)};
		(*n)++;
	}
	return rc;
}

static bool kind_used(const struct note_count *nc, size_t n, const char *kind)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(nc[i].kind, kind) == 0)
			return true;
	return false;
}

/* Columns: 計, then the note kinds written that day in code-list order. */
static void notes_table(struct report_section *s, const struct note_count *nc, size_t n,
			const struct code *kinds, size_t nk, long *total)
{
	const char **used = xcalloc(nk + 1, sizeof *used);
	size_t nu = 0;

	rp_col(s, "計");
	for (size_t k = 0; k < nk; k++)
		if (kind_used(nc, n, kinds[k].code)) {
			used[nu++] = kinds[k].code;
			rp_col(s, kinds[k].label);
		}
	for (size_t i = 0; i < n; i++) {
		struct report_row *row;

		if (i > 0 && nc[i].staff == nc[i - 1].staff)
			row = &s->rows[s->nrows - 1];
		else
			row = rp_count_row(s, nc[i].name, 0, false, NULL);
		row->counts[0] += nc[i].n;
		*total += nc[i].n;
		for (size_t u = 0; u < nu; u++)
			if (strcmp(used[u], nc[i].kind) == 0)
				row->counts[1 + u] += nc[i].n;
	}
	free(used);
}

static int sec_notes(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	struct report_section *s =
		rp_section(r, "notes", REPORT_COUNTS, "経過記録 (職員別)", "職員");
	struct note_count *nc;
	struct code *kinds = NULL;
	size_t n, nk = 0;
	int rc = read_note_counts(db, d, &nc, &n, e);

	if (rc == 0)
		rc = codes_list(db, "note_kind", true, &kinds, &nk, e);
	if (rc == 0)
		notes_table(s, nc, n, kinds, nk, &d->n[DC_NOTES]);
	for (size_t i = 0; i < n; i++) {
		free(nc[i].name);
		free(nc[i].kind);
	}
	free(nc);
	codes_free(kinds, nk);
	return rc;
}

/* ---- plans, reviews, secrecy, hand-over ---------------------------------- */

static int sec_plans(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"ケース", "児童", "計画", "内容", "主担当", "次回見直し"};
	struct report_section *s =
		rp_section(r, "plans", REPORT_LIST, "支援計画の作成・変更", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_PLANS, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char no[32], md[32];
		char *name = rp_name_age(sql_text(st, 3), sql_text(st, 4), d->day);
		const char *cells[] = {sql_text(st, 2), name, no, sql_text(st, 6), sql_text(st, 7),
				       rp_md(sql_text(st, 8), md)};

		snprintf(no, sizeof no, "第%lld版", (long long)sql_int(st, 5));
		rp_list_row(s, cells)->case_id = sql_int(st, 1);
		d->n[DC_PLANS]++;
		free(name);
	}
	return rc;
}

static int sec_reviews(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"区分", "見直し予定", "ケース", "児童", "登録区分",
					   "主担当", "最終記録"};
	struct report_section *s = rp_section(r, "reviews", REPORT_LIST,
					      "見直し (期限超過・明日)", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_REVIEWS, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char md[32], last[32];
		bool tomorrow = sql_int(st, 6) != 0;
		long days = (long)sql_int(st, 8);
		char *name = rp_name_age(sql_text(st, 2), sql_text(st, 3), d->day);
		const char *cells[] = {tomorrow ? "明日" : "超過", rp_md(sql_text(st, 5), md),
				       sql_text(st, 1), name, sql_text(st, 4), sql_text(st, 7),
				       last};
		struct report_row *row;

		if (days < 0)
			snprintf(last, sizeof last, "記録なし");
		else if (days == 0)
			snprintf(last, sizeof last, "本日");
		else
			snprintf(last, sizeof last, "%ld日前", days);
		row = rp_list_row(s, cells);
		row->case_id = sql_int(st, 0);
		row->alert = !tomorrow;
		d->n[tomorrow ? DC_REVIEWS_TOMORROW : DC_REVIEWS_OVERDUE]++;
		free(name);
	}
	return rc;
}

static int sec_secrecy(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"期限", "残り", "世帯", "ケース", "児童", "主担当"};
	char *title = xasprintf("DV等支援措置の期限 (%ld日以内)", d->warn_days);
	struct report_section *s = rp_section(r, "secrecy", REPORT_LIST, title, NULL);
	struct stmt *st = prep(db, RSQL_DAILY_SECRECY, d, e);
	int64_t last_hh = 0;
	int rc;

	free(title);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 3, d->warn_days);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char md[32], left[32], hh[32];
		const char *cells[] = {rp_md(sql_text(st, 1), md), left, hh, sql_text(st, 4),
				       sql_text(st, 5), sql_text(st, 6)};

		snprintf(left, sizeof left, "%lld日", (long long)sql_int(st, 2));
		snprintf(hh, sizeof hh, "世帯 %lld", (long long)sql_int(st, 0));
		rp_list_row(s, cells)->case_id = sql_int(st, 3);
		if (sql_int(st, 0) != last_hh)
			d->n[DC_SECRECY]++;
		last_hh = sql_int(st, 0);
	}
	rp_note(s, "住所は表示しません (支援措置中の世帯の住所は報告書に載せない)。");
	return rc;
}

static int sec_handover(struct db *db, struct daily *d, struct report *r, struct tsu_err *e)
{
	static const char *const cols[] = {"時刻", "ケース", "児童", "記録者"};
	struct report_section *s = rp_section(r, "handover", REPORT_LIST, "申し送り", NULL);
	struct stmt *st = prep(db, RSQL_DAILY_HANDOVER, d, e);
	int rc;

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		rp_col(s, cols[i]);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char hhmm[8];
		const char *cells[] = {rp_hhmm(sql_text(st, 2), hhmm), sql_text(st, 3),
				       sql_text(st, 4), sql_text(st, 5)};
		struct report_row *row = rp_list_row(s, cells);

		row->case_id = sql_int(st, 1);
		row->detail = sql_dup(st, 6);
		d->n[DC_HANDOVER]++;
	}
	return rc;
}

/* The counts section, built last and moved to the front. */
static void sec_counts(struct daily *d, struct report *r)
{
	struct report_section *s = rp_section(r, "summary", REPORT_COUNTS, "本日の件数", "項目");
	struct report_section tmp;

	rp_col(s, "件数");
	for (int i = 0; i < DC__COUNT; i++)
		rp_count_row(s, count_labels[i], i == DC_REPORTS, false, &d->n[i]);
	tmp = r->sections[r->nsections - 1];
	memmove(&r->sections[1], &r->sections[0], (r->nsections - 1) * sizeof *r->sections);
	r->sections[0] = tmp;
}

static int daily_body(struct db *db, void *arg, struct report *r, struct tsu_err *e)
{
	static int (*const secs[])(struct db *, struct daily *, struct report *,
				   struct tsu_err *) = {
		sec_intakes, sec_decisions, sec_safety_done, sec_safety_pending, sec_notes,
		sec_plans,   sec_reviews,   sec_secrecy,     sec_handover,
	};
	struct daily *d = arg;
	char wa[64];
	int rc = 0;

	r->title = xstrdup("業務日誌");
	rp_header(r, "%s", date_format_wareki_wday(d->day, wa, sizeof wa));
	if (d->staff) {
		struct stmt *st = sql_get_in(db, &sql_report_table, RSQL_STAFF_NAME, e);

		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, d->staff);
		if ((rc = sql_step(db, st, e)) != SQL_ROW)
			return rc < 0 ? rc
				      : err_set(e, TSU_ENOTFOUND, "職員 (番号 %lld) が見つかりません",
						(long long)d->staff);
		rp_header(r, "対象: %s の担当分", sql_text(st, 0));
		sql_reset(st);
		rc = 0;
	} else {
		rp_header(r, "対象: 全職員");
	}
	for (size_t i = 0; i < sizeof secs / sizeof secs[0] && rc == 0; i++)
		rc = secs[i](db, d, r, e);
	if (rc == 0)
		sec_counts(d, r);
	return rc;
}

int report_daily(struct db *db, const struct staff *actor, struct date day, int64_t staff_id,
		 struct report *out, struct tsu_err *e)
{
	struct daily d = {0};
	char *detail;
	int rc;

	d.day = day.y ? day : date_today();
	if (!date_valid(d.day.y, d.day.m, d.day.d)) {
		memset(out, 0, sizeof *out);
		return err_set(e, TSU_EINVAL, "業務日誌の日付 %d-%d-%d は正しい日付ではありません",
			       day.y, day.m, day.d);
	}
	date_format_iso(d.day, d.iso, sizeof d.iso);
	d.staff = staff_id;
	d.warn_days = settings_get_int(db, "secrecy_warn_days", 30);
	detail = staff_id ? xasprintf("業務日誌 %s 職員 %lld", d.iso, (long long)staff_id)
			  : xasprintf("業務日誌 %s", d.iso);
	rc = rp_run(db, actor, "業務日誌の作成", "report.daily", detail, daily_body, &d, out, e);
	free(detail);
	return rc;
}
