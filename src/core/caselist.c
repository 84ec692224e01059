/* caselist.c: 進行管理: the case list (進行管理台帳) with its filters, sorting
 * and incremental search; case reviews and the review cycle; the contact
 * history shown at intake; and the case facts the plan area shares
 * (plan_area.h). The SQL gives each case its dates; what is overdue or
 * stale is decided here against the caller's `today`. */
#include "tsunagu/caselist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plan_area.h"
#include "sql_plan.h"
#include "tsunagu/key.h"
#include "tsunagu/settings.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

/* ---- shared case facts (plan_area.h) --------------------------------------- */

int case_state_read(struct db *db, int64_t case_id, struct case_state *out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_CASE_STATE, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "ケース (番号 %lld) が見つかりません",
					(long long)case_id);
	out->closed = sql_int(st, 0) != 0;
	strlcpy_utf8(out->case_no, sql_text(st, 1), sizeof out->case_no);
	out->cycle = (int)sql_int(st, 2);
	out->opened = sql_date(st, 3);
	out->lead_id = sql_int(st, 4);
	strlcpy_utf8(out->status, sql_text(st, 5), sizeof out->status);
	out->next_review = sql_date(st, 6);
	out->version = sql_int(st, 7);
	sql_reset(st);
	if (out->cycle <= 0)
		out->cycle = 3;
	return 0;
}

int case_state_open(const struct case_state *cs, const char *what, struct tsu_err *e)
{
	if (cs->closed)
		return err_set(e, TSU_EINVAL, "ケース %s は終結しているため%sはできません", cs->case_no,
			       what);
	return 0;
}

int case_state_set_review(struct db *db, const struct staff *actor, int64_t case_id,
			  const struct case_state *cs, struct date next, struct tsu_err *e)
{
	struct stmt *st;
	char detail[96], iso[16];
	int rc;

	if (date_cmp(cs->next_review, next) == 0)
		return 0;
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_CASE_SET_REVIEW, e)))
		return TSU_EDB;
	sql_bind_date(st, 1, next);
	sql_bind_int(st, 2, case_id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	snprintf(detail, sizeof detail, "%s 次回見直し %s", cs->case_no,
		 next.y ? date_format_iso(next, iso, sizeof iso) : "なし");
	return model_audit(db, actor, "case.next_review", "case", case_id, detail, e);
}

/* ---- the case list ----------------------------------------------------------- */

static char *row_search_key(const struct caselist_row *r)
{
	char *a = key_variant(r->case_no), *b = key_variant(r->name), *c = key_variant(r->kana);
	char *k = xasprintf("%s\x1f%s\x1f%s", a, b, c);

	free(a);
	free(b);
	free(c);
	return k;
}

static void row_read(struct stmt *st, struct caselist_row *r)
{
	r->case_id = sql_int(st, 0);
	r->person_id = sql_int(st, 1);
	r->case_no = sql_dup(st, 2);
	r->name = sql_dup(st, 3);
	r->kana = sql_dup(st, 4);
	r->birth = sql_date(st, 5);
	r->registration = sql_dup(st, 6);
	r->registration_label = sql_dup(st, 7);
	r->status = sql_dup(st, 8);
	r->status_label = sql_dup(st, 9);
	r->lead_id = sql_int(st, 10);
	r->lead_name = sql_dup(st, 11);
	r->tags = sql_dup(st, 12);
	r->opened = sql_date(st, 13);
	r->closed = sql_date(st, 14);
	r->last_contact = sql_date(st, 15);
	r->last_record = sql_date(st, 16);
	r->last_review = sql_date(st, 17);
	r->next_review = sql_date(st, 18);
	r->review_cycle_months = (int)sql_int(st, 19);
	r->sort_key = key_fold(*r->kana ? r->kana : r->name);
	r->search_key = row_search_key(r);
}

static void row_judge(struct caselist_row *r, struct date today, long stale_days)
{
	r->days_since_record = (int)(date_to_days(today) - date_to_days(r->last_record));
	r->stale = !r->closed.y && r->days_since_record >= stale_days;
	r->overdue = !r->closed.y && r->next_review.y && date_cmp(r->next_review, today) < 0;
}

static bool row_wanted(const struct caselist_row *r, const struct caselist_filter *f,
		       long stale_setting)
{
	if (f->overdue && !r->overdue)
		return false;
	if (f->stale_days > 0 && r->days_since_record < f->stale_days)
		return false;
	if (f->stale_days < 0 && r->days_since_record < stale_setting)
		return false;
	return caselist_match(r, f->query);
}

static void row_release(struct caselist_row *r)
{
	free(r->case_no);
	free(r->name);
	free(r->kana);
	free(r->registration);
	free(r->registration_label);
	free(r->status);
	free(r->status_label);
	free(r->lead_name);
	free(r->tags);
	free(r->sort_key);
	free(r->search_key);
	memset(r, 0, sizeof *r);
}

static int rows_read(struct db *db, struct stmt *st, const struct caselist_filter *f,
		     struct date today, struct caselist_row **rows, size_t *n, struct tsu_err *e)
{
	long stale = settings_get_int(db, "stale_days", 60);
	struct caselist_row r;
	int rc;

	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		memset(&r, 0, sizeof r);
		row_read(st, &r);
		row_judge(&r, today, stale);
		if (!row_wanted(&r, f, stale)) {
			row_release(&r);
			continue;
		}
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[(*n)++] = r;
	}
	return rc;
}

static char *filter_detail(const struct caselist_filter *f, int64_t lead)
{
	return xasprintf("lead=%lld reg=%s overdue=%d stale=%d tag=%s closed=%d q=%s",
			 (long long)lead, model_nz(f->registration), f->overdue, f->stale_days,
			 model_nz(f->tag), f->include_closed, f->query && *f->query ? "yes" : "");
}

static int list_tx(struct db *db, const struct staff *actor, const struct caselist_filter *f,
		   struct date today, struct caselist_row **rows, size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_CASELIST, e);
	int64_t lead = f->mine ? actor->id : f->lead_id;
	char *detail;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, f->include_closed);
	sql_bind_id(st, 2, lead);
	sql_bind_text(st, 3, f->registration);
	sql_bind_text(st, 4, f->tag);
	if ((rc = rows_read(db, st, f, today, rows, n, e)) != 0)
		return rc;
	detail = filter_detail(f, lead);
	rc = model_audit(db, actor, "caselist.query", "case", 0, detail, e);
	free(detail);
	return rc;
}

int caselist_query(struct db *db, const struct staff *actor, const struct caselist_filter *f,
		   enum caselist_sort sort, struct date today, struct caselist_row **rows,
		   size_t *n, struct tsu_err *e)
{
	struct caselist_filter none = {0};
	struct sql_tx tx;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!f)
		f = &none;
	if ((rc = model_perm(actor, PERM_READ_CASE, "ケース一覧の閲覧", e)) != 0 ||
	    (rc = model_code(db, "registration", f->registration, "登録区分", e)) != 0 ||
	    (rc = model_code(db, "tag", f->tag, "タグ", e)) != 0)
		return rc;
	if (!today.y)
		return err_set(e, TSU_EINVAL, "基準日が指定されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = list_tx(db, actor, f, today, rows, n, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		caselist_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return rc;
	}
	caselist_sort(*rows, *n, sort);
	return 0;
}

/* Split on ASCII and ideographic spaces; every word must occur. */
bool caselist_match(const struct caselist_row *r, const char *query)
{
	const char *p = query;
	bool ok = true;

	while (ok && p && *p) {
		size_t len;
		char *word, *k;

		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (!strncmp(p, "\u3000", 3)) {
			p += 3;
			continue;
		}
		for (len = 0; p[len] && p[len] != ' ' && p[len] != '\t' &&
			      strncmp(p + len, "\u3000", 3) != 0;
		     len++)
			;
		word = xstrndup(p, len);
		k = key_variant(word);
		ok = !*k || strstr(r->search_key ? r->search_key : "", k) != NULL;
		free(k);
		free(word);
		p += len;
	}
	return ok;
}

static int date_order(struct date a, struct date b)
{
	if (!a.y || !b.y)
		return (a.y == 0) - (b.y == 0); /* none last */
	return date_cmp(a, b);
}

static int by_id(const struct caselist_row *a, const struct caselist_row *b)
{
	return (a->case_id > b->case_id) - (a->case_id < b->case_id);
}

static int by_kana(const void *pa, const void *pb)
{
	const struct caselist_row *a = pa, *b = pb;
	int c = strcmp(a->sort_key, b->sort_key);

	return c ? c : by_id(a, b);
}

static int by_review(const void *pa, const void *pb)
{
	const struct caselist_row *a = pa, *b = pb;
	int c = date_order(a->next_review, b->next_review);

	return c ? c : by_id(a, b);
}

static int by_last(const void *pa, const void *pb)
{
	const struct caselist_row *a = pa, *b = pb;
	int c = date_order(a->last_record, b->last_record);

	return c ? c : by_id(a, b);
}

static int by_no(const void *pa, const void *pb)
{
	return by_id(pa, pb);
}

void caselist_sort(struct caselist_row *rows, size_t n, enum caselist_sort sort)
{
	int (*cmp[])(const void *, const void *) = {
		[CASELIST_SORT_KANA] = by_kana,
		[CASELIST_SORT_REVIEW] = by_review,
		[CASELIST_SORT_LAST] = by_last,
		[CASELIST_SORT_NO] = by_no,
	};

	if (n < 2 || (unsigned)sort >= sizeof cmp / sizeof cmp[0])
		return;
	qsort(rows, n, sizeof *rows, cmp[sort]);
}

void caselist_rows_free(struct caselist_row *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++)
		row_release(&rows[i]);
	free(rows);
}

/* ---- the 進行管理台帳 as text ---------------------------------------------------- */

enum { COL_NO, COL_NAME, COL_KANA, COL_REG, COL_STATUS, COL_LEAD, COL_CONTACT, COL_REVIEW,
       COL_DAYS, COL_MARK, COL__COUNT };

static const char *const col_head[COL__COUNT] = {
	"番号", "氏名", "よみ", "登録", "状態", "主担当", "最終接触", "次回見直し", "経過", "注意",
};
static const int col_max[COL__COUNT] = {10, 16, 16, 10, 12, 10, 10, 10, 6, 24};

static char *short_date(struct date d)
{
	char buf[32];

	return xstrdup(d.y ? date_format_short(d, buf, sizeof buf) : "-");
}

static void row_cells(const struct caselist_row *r, char *cell[COL__COUNT])
{
	struct sbuf mark = {0};

	cell[COL_NO] = xstrdup(r->case_no);
	cell[COL_NAME] = xstrdup(r->name);
	cell[COL_KANA] = xstrdup(r->kana);
	cell[COL_REG] = xstrdup(r->registration_label);
	cell[COL_STATUS] = xstrdup(r->status_label);
	cell[COL_LEAD] = xstrdup(*r->lead_name ? r->lead_name : "-");
	cell[COL_CONTACT] = short_date(r->last_contact);
	cell[COL_REVIEW] = short_date(r->next_review);
	cell[COL_DAYS] = xasprintf("%d日", r->days_since_record);
	sbuf_adds(&mark, "");
	if (r->overdue)
		sbuf_adds(&mark, "見直し超過");
	if (r->stale)
		sbuf_addf(&mark, "%s記録途絶", mark.len ? "・" : "");
	if (*r->tags)
		sbuf_addf(&mark, "%s[%s]", mark.len ? " " : "", r->tags);
	cell[COL_MARK] = sbuf_detach(&mark);
}

static void cells_free(char *cell[COL__COUNT])
{
	for (int c = 0; c < COL__COUNT; c++)
		free(cell[c]);
}

static void render_line(struct sbuf *out, char *const cell[COL__COUNT],
			const int width[COL__COUNT])
{
	for (int c = 0; c < COL__COUNT; c++) {
		char *cut = text_cut(cell[c], col_max[c], true, NULL);
		char *pad = c == COL__COUNT - 1 ? xstrdup(cut)
						: text_pad(cut, width[c], c == COL_DAYS ? 1 : -1);

		sbuf_adds(out, pad);
		if (c < COL__COUNT - 1)
			sbuf_adds(out, "  ");
		free(pad);
		free(cut);
	}
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	sbuf_addc(out, '\n');
}

void caselist_render(const struct caselist_row *rows, size_t n, struct date today,
		     struct sbuf *out)
{
	int width[COL__COUNT];
	char *(*cells)[COL__COUNT] = xcalloc(n ? n : 1, sizeof *cells);
	char day[64];
	int overdue = 0, stale = 0;

	for (int c = 0; c < COL__COUNT; c++)
		width[c] = text_width(col_head[c]);
	for (size_t i = 0; i < n; i++) {
		row_cells(&rows[i], cells[i]);
		overdue += rows[i].overdue;
		stale += rows[i].stale;
		for (int c = 0; c < COL__COUNT; c++) {
			int w = text_width(cells[i][c]);

			w = w > col_max[c] ? col_max[c] : w;
			width[c] = w > width[c] ? w : width[c];
		}
	}
	sbuf_addf(out, "進行管理台帳  %s現在\n", date_format_wareki_wday(today, day, sizeof day));
	render_line(out, (char *const *)col_head, width);
	for (size_t i = 0; i < n; i++) {
		render_line(out, cells[i], width);
		cells_free(cells[i]);
	}
	free(cells);
	sbuf_addf(out, "%zu件 (見直し超過 %d件、記録途絶 %d件)\n", n, overdue, stale);
}

/* ---- reviews and the review cycle ------------------------------------------------ */

static int review_insert(struct db *db, const struct staff *actor, int64_t case_id,
			 struct date on, struct date next, int64_t meeting_id, const char *note,
			 struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_REVIEW_INSERT, e);

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	sql_bind_date(st, 2, on);
	sql_bind_int(st, 3, actor->id);
	sql_bind_id(st, 4, meeting_id);
	sql_bind_date(st, 5, next);
	sql_bind_text(st, 6, note);
	return sql_run(db, st, e);
}

static int review_tx(struct db *db, const struct staff *actor, int64_t case_id, struct date on,
		     struct date *next, int64_t meeting_id, const char *note, struct tsu_err *e)
{
	struct case_state cs;
	char detail[96], iso[16];
	int rc;

	if ((rc = case_state_read(db, case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "見直しの記録", e)) != 0)
		return rc;
	if (!next->y)
		*next = model_add_months(on, cs.cycle);
	if (date_cmp(*next, on) <= 0)
		return err_set(e, TSU_EINVAL, "次回見直し日は見直し日より後にしてください");
	if ((rc = review_insert(db, actor, case_id, on, *next, meeting_id, note, e)) != 0)
		return rc;
	cs.next_review = (struct date){0, 0, 0}; /* always store and audit the new date */
	if ((rc = case_state_set_review(db, actor, case_id, &cs, *next, e)) != 0)
		return rc;
	snprintf(detail, sizeof detail, "%s 見直し %s", cs.case_no,
		 date_format_iso(on, iso, sizeof iso));
	return model_audit(db, actor, "case.review", "case", case_id, detail, e);
}

int caselist_record_review(struct db *db, const struct staff *actor, int64_t case_id,
			   struct date on, struct date next, int64_t meeting_id, const char *note,
			   struct date *next_out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "見直しの記録", e)) != 0)
		return rc;
	if (!on.y)
		on = date_today();
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = review_tx(db, actor, case_id, on, &next, meeting_id, note, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && next_out)
		*next_out = next;
	return rc;
}

static int cycle_tx(struct db *db, const struct staff *actor, int64_t case_id, int months,
		    struct date *next, struct tsu_err *e)
{
	struct stmt *st;
	struct case_state cs;
	struct date base;
	char detail[96];
	int rc;

	if ((rc = case_state_read(db, case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "見直しの周期の変更", e)) != 0)
		return rc;
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_CASE_LAST_REVIEW, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	base = sql_date(st, 0);
	sql_reset(st);
	*next = model_add_months(base.y ? base : cs.opened, months);
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_CASE_SET_CYCLE, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, months);
	sql_bind_date(st, 2, *next);
	sql_bind_int(st, 3, case_id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	snprintf(detail, sizeof detail, "%s 周期 %dか月", cs.case_no, months);
	return model_audit(db, actor, "case.cycle", "case", case_id, detail, e);
}

int caselist_set_cycle(struct db *db, const struct staff *actor, int64_t case_id, int months,
		       struct date *next_out, struct tsu_err *e)
{
	struct date next = {0, 0, 0};
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "見直しの周期の変更", e)) != 0)
		return rc;
	if (months < 1 || months > 12)
		return err_set(e, TSU_EINVAL, "見直しの周期 %d か月は 1〜12 にしてください", months);
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = cycle_tx(db, actor, case_id, months, &next, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && next_out)
		*next_out = next;
	return rc;
}

/* ---- contact history for intake ------------------------------------------------- */

/* Whole months from a to b (b >= a), by the calendar. */
static int months_between(struct date a, struct date b)
{
	int m = (b.y - a.y) * 12 + (b.m - a.m);

	if (b.d < a.d)
		m--;
	return m < 0 ? 0 : m;
}

static char *history_summary(const struct contact_history *h)
{
	if (*h->open_case_no)
		return xasprintf("対応中のケースあり (%s)", h->open_case_no);
	if (*h->last_closed_no && h->years_ago >= 1)
		return xasprintf("%d年前に相談歴あり (%s 終結)", h->years_ago, h->last_closed_no);
	if (*h->last_closed_no && h->months_ago >= 1)
		return xasprintf("%dか月前に相談歴あり (%s 終結)", h->months_ago, h->last_closed_no);
	if (*h->last_closed_no)
		return xasprintf("今月に相談歴あり (%s 終結)", h->last_closed_no);
	if (h->n_intakes > 0)
		return xasprintf("受付歴 %d件 (ケースなし)", h->n_intakes);
	return xstrdup("相談歴なし");
}

static int history_read(struct db *db, int64_t person_id, struct date today,
			struct contact_history *h, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_HISTORY_CASES, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, person_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		h->n_cases++;
		if (sql_null(st, 2) && !h->open_case_id) {
			h->open_case_id = sql_int(st, 0);
			free(h->open_case_no);
			h->open_case_no = sql_dup(st, 1);
		} else if (!sql_null(st, 2) && !h->last_closed.y) {
			free(h->last_closed_no);
			h->last_closed_no = sql_dup(st, 1);
			h->last_closed = sql_date(st, 2);
		}
	}
	if (rc != 0 || !(st = sql_get_in(db, &sql_plan_table, PLS_HISTORY_INTAKES, e)))
		return rc ? rc : TSU_EDB;
	sql_bind_int(st, 1, person_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	h->n_intakes = (int)sql_int(st, 0);
	sql_reset(st);
	if (h->last_closed.y && date_cmp(h->last_closed, today) <= 0) {
		h->months_ago = months_between(h->last_closed, today);
		h->years_ago = h->months_ago / 12;
	}
	return 0;
}

int person_contact_history(struct db *db, const struct staff *actor, int64_t person_id,
			   struct date today, struct contact_history *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	out->open_case_no = xstrdup("");
	out->last_closed_no = xstrdup("");
	if ((rc = model_perm(actor, PERM_READ_CASE, "相談歴の確認", e)) != 0)
		goto fail;
	if (!today.y)
		today = date_today();
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		goto fail;
	rc = history_read(db, person_id, today, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "person.history", "person", person_id, NULL, e);
	if ((rc = sql_tx_end(db, &tx, rc, e)) != 0)
		goto fail;
	out->summary = history_summary(out);
	return 0;
fail:
	contact_history_release(out);
	return rc;
}

void contact_history_release(struct contact_history *h)
{
	if (!h)
		return;
	free(h->open_case_no);
	free(h->last_closed_no);
	free(h->summary);
	memset(h, 0, sizeof *h);
}
