/* ledger_write.c: writing a checked and planned ledger inside the caller's
 * write transaction: households, persons, memberships, relations, cases
 * (numbered after the existing ones of each 年度), intakes, and the one
 * audit row that names the file, its SHA-256, the counts and the id range
 * of every kind of row created (ledger.h says why one row, not one per
 * record). */
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "model.h"
#include "sql_ledger.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

struct ids {
	int64_t lo, hi;
};

struct fyseq {
	int fy, seq;
};

struct wstate {
	struct db *db;
	const struct lwrite_ctx *w;
	struct lplan *pl;
	struct ids person, house, intake, kase;
	int cycle, retention;
	struct date today;
	struct fyseq *fys;
	size_t nfy;
};

static void ids_note(struct ids *r, int64_t id)
{
	if (!r->lo || id < r->lo)
		r->lo = id;
	if (id > r->hi)
		r->hi = id;
}

static struct stmt *stmt(struct wstate *ws, int id, struct tsu_err *e)
{
	return sql_get_in(ws->db, &sql_ledger_table, id, e);
}

/* Split "山田 太郎" (ASCII or ideographic space) into two new strings. */
static void split_name(const char *s, char **family, char **given)
{
	const char *sp = NULL, *rest;

	*family = *given = NULL;
	if (!s)
		return;
	for (const char *p = s; *p && !sp; p++)
		if (*p == ' ' || strncmp(p, "\xE3\x80\x80", 3) == 0)
			sp = p;
	if (!sp) {
		*family = xstrdup(s);
		return;
	}
	*family = xstrndup(s, (size_t)(sp - s));
	for (rest = sp; *rest == ' ' || strncmp(rest, "\xE3\x80\x80", 3) == 0;)
		rest += *rest == ' ' ? 1 : 3;
	*given = *rest ? xstrdup(rest) : NULL;
}

static int write_households(struct wstate *ws, struct tsu_err *e)
{
	for (size_t i = 0; i < ws->pl->nh; i++) {
		struct stmt *st = stmt(ws, LEDGER_SQL_HH_INSERT, e);
		int rc;

		if (!st)
			return TSU_EDB;
		sql_bind_text(st, 1, ws->pl->h[i].from->address);
		sql_bind_text(st, 2, ws->pl->h[i].from->phone);
		if ((rc = sql_run(ws->db, st, e)) != 0)
			return rc;
		ws->pl->h[i].id = sql_last_id(ws->db);
		ids_note(&ws->house, ws->pl->h[i].id);
	}
	return 0;
}

static int person_insert(struct wstate *ws, struct lperson *p, struct tsu_err *e)
{
	const struct lrow *r = p->from;
	struct stmt *st = stmt(ws, LEDGER_SQL_PERSON_INSERT, e);
	char *fam, *giv, *fk, *gk;
	int rc;

	if (!st)
		return TSU_EDB;
	split_name(p->guardian ? r->gname : r->name, &fam, &giv);
	split_name(p->guardian ? r->gkana : r->kana, &fk, &gk);
	sql_bind_text(st, 1, fam);
	sql_bind_text(st, 2, giv);
	sql_bind_text(st, 3, fk);
	sql_bind_text(st, 4, gk);
	sql_bind_date(st, 5, p->birth);
	sql_bind_text(st, 6, p->guardian ? NULL : r->sex);
	rc = sql_run(ws->db, st, e);
	free(fam);
	free(giv);
	free(fk);
	free(gk);
	if (rc == 0) {
		p->id = sql_last_id(ws->db);
		ids_note(&ws->person, p->id);
	}
	return rc;
}

static int write_persons(struct wstate *ws, struct tsu_err *e)
{
	int rc;

	for (size_t i = 0; i < ws->pl->np; i++)
		if (ws->pl->p[i].is_new && (rc = person_insert(ws, &ws->pl->p[i], e)) != 0)
			return rc;
	return 0;
}

static int64_t hh_of(const struct lplan *pl, int64_t hh_id, int32_t hh_new)
{
	return hh_id ? hh_id : hh_new >= 0 ? pl->h[hh_new].id : 0;
}

static int write_members(struct wstate *ws, struct tsu_err *e)
{
	for (size_t i = 0; i < ws->pl->nm; i++) {
		const struct lmember *m = &ws->pl->m[i];
		struct stmt *st = stmt(ws, LEDGER_SQL_HM_INSERT, e);
		int rc;

		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, hh_of(ws->pl, m->hh_id, m->hh_new));
		sql_bind_int(st, 2, ws->pl->p[m->person].id);
		sql_bind_text(st, 3, m->relation);
		sql_bind_date(st, 4, m->joined);
		if ((rc = sql_run(ws->db, st, e)) != 0)
			return rc;
	}
	return 0;
}

static int write_relation(struct wstate *ws, const struct lrow *r, struct tsu_err *e)
{
	struct stmt *st;

	if (r->guardian < 0 || !r->grel)
		return 0;
	if (!(st = stmt(ws, LEDGER_SQL_REL_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, ws->pl->p[r->guardian].id);
	sql_bind_int(st, 2, ws->pl->p[r->child].id);
	sql_bind_text(st, 3, r->grel);
	return sql_run(ws->db, st, e);
}

/* ---- cases ---------------------------------------------------------------------- */

static int next_seq(struct wstate *ws, int fy, int *seq, struct tsu_err *e)
{
	struct stmt *st;
	int rc;

	for (size_t i = 0; i < ws->nfy; i++)
		if (ws->fys[i].fy == fy) {
			*seq = ++ws->fys[i].seq;
			return 0;
		}
	if (!(st = stmt(ws, LEDGER_SQL_CASE_MAX_SEQ, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, fy);
	if ((rc = sql_step(ws->db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	*seq = (int)sql_int(st, 0) + 1;
	sql_reset(st);
	ws->fys = xreallocarray(ws->fys, ws->nfy + 1, sizeof *ws->fys);
	ws->fys[ws->nfy].fy = fy;
	ws->fys[ws->nfy++].seq = *seq;
	return 0;
}

/* An open case's next review: the first cycle date from the opening that
 * is today or later. */
static struct date next_review(const struct wstate *ws, struct date opened)
{
	struct date d = opened;

	for (int k = 1; k < 12 * 200 && date_cmp(d, ws->today) < 0; k++)
		d = model_add_months(opened, k * ws->cycle);
	return d;
}

/* As case_set_status: the 25th (retention_age) birthday, or the closing
 * date if later; none without a birth date. */
static struct date dispose_from(const struct wstate *ws, struct date birth, struct date closed)
{
	struct date none = {0, 0, 0}, d;

	if (!birth.y)
		return none;
	d = model_add_months(birth, 12 * ws->retention);
	return date_cmp(d, closed) < 0 ? closed : d;
}

static void case_bind(struct wstate *ws, struct stmt *st, const struct lrow *r, int fy, int seq,
		      const char *case_no)
{
	bool closed = r->closed.y != 0;
	struct date none = {0, 0, 0};

	sql_bind_text(st, 1, case_no);
	sql_bind_int(st, 2, fy);
	sql_bind_int(st, 3, seq);
	sql_bind_int(st, 4, ws->pl->p[r->child].id);
	sql_bind_id(st, 5, hh_of(ws->pl, r->hh_id, r->hh_new));
	sql_bind_text(st, 6, r->consult);
	sql_bind_text(st, 7, r->registration ? r->registration : "N");
	sql_bind_text(st, 8, r->status ? r->status : "ACC");
	sql_bind_id(st, 9, r->lead_id);
	sql_bind_int(st, 10, ws->cycle);
	sql_bind_date(st, 11, closed ? none : next_review(ws, r->received));
	sql_bind_date(st, 12, r->received);
	sql_bind_date(st, 13, r->closed);
	sql_bind_text(st, 14, r->closure);
	sql_bind_date(st, 15, closed ? dispose_from(ws, ws->pl->p[r->child].birth, r->closed)
				     : none);
}

static int abuse_rows(struct wstate *ws, int sql_id, int64_t id, const struct lrow *r,
		      struct tsu_err *e)
{
	for (size_t i = 0; i < r->nabuse; i++) {
		struct stmt *st = stmt(ws, sql_id, e);
		int rc;

		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, id);
		sql_bind_text(st, 2, r->abuse[i]);
		if ((rc = sql_run(ws->db, st, e)) != 0)
			return rc;
	}
	return 0;
}

static int write_case(struct wstate *ws, const struct lrow *r, int64_t *id, struct tsu_err *e)
{
	int fy = date_fiscal_year(r->received), seq, rc;
	char era[16], *no;
	struct stmt *st;

	*id = 0;
	if (!r->has_case)
		return 0;
	if ((rc = next_seq(ws, fy, &seq, e)) != 0)
		return rc;
	if (!(st = stmt(ws, LEDGER_SQL_CASE_INSERT, e)))
		return TSU_EDB;
	date_era_short_year(fy, era, sizeof era);
	no = xasprintf("%s-%04d", era, seq);
	case_bind(ws, st, r, fy, seq, no);
	rc = sql_run(ws->db, st, e);
	free(no);
	if (rc != 0)
		return rc;
	*id = sql_last_id(ws->db);
	ids_note(&ws->kase, *id);
	return abuse_rows(ws, LEDGER_SQL_CASE_ABUSE_INSERT, *id, r, e);
}

static int write_intake(struct wstate *ws, const struct lrow *r, int64_t case_id,
			struct tsu_err *e)
{
	struct stmt *st = stmt(ws, LEDGER_SQL_INTAKE_INSERT, e);
	int64_t id;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, r->received_at);
	sql_bind_int(st, 2, ws->w->actor->id);
	sql_bind_text(st, 3, r->channel);
	sql_bind_text(st, 4, r->route1);
	sql_bind_text(st, 5, r->route2);
	sql_bind_int(st, 6, ws->pl->p[r->child].id);
	sql_bind_id(st, 7, hh_of(ws->pl, r->hh_id, r->hh_new));
	sql_bind_text(st, 8, r->consult);
	sql_bind_text(st, 9, r->abuser);
	sql_bind_text(st, 10, r->complaint);
	sql_bind_int(st, 11, r->is_report);
	sql_bind_id(st, 12, case_id);
	if (case_id)
		sql_bind_int(st, 13, 1);
	if ((rc = sql_run(ws->db, st, e)) != 0)
		return rc;
	id = sql_last_id(ws->db);
	ids_note(&ws->intake, id);
	return abuse_rows(ws, LEDGER_SQL_INTAKE_ABUSE_INSERT, id, r, e);
}

static int write_rows(struct wstate *ws, const struct lrow *rows, size_t n, struct tsu_err *e)
{
	const struct ledger_import_opts *opt = ws->w->opt;
	int rc;

	for (size_t i = 0; i < n; i++) {
		int64_t case_id;

		if (opt->progress && i % 1000 == 0)
			opt->progress(opt->progress_ctx, LEDGER_PHASE_WRITE, i, n);
		if (rows[i].dup)
			continue;
		if ((rc = write_relation(ws, &rows[i], e)) != 0 ||
		    (rc = write_case(ws, &rows[i], &case_id, e)) != 0 ||
		    (rc = write_intake(ws, &rows[i], case_id, e)) != 0) {
			err_prefix(e, "%zu 行目の書き込み", rows[i].row);
			return rc;
		}
	}
	if (opt->progress)
		opt->progress(opt->progress_ctx, LEDGER_PHASE_WRITE, n, n);
	return 0;
}

static void range(struct sbuf *sb, const char *what, const struct ids *r)
{
	if (r->lo)
		sbuf_addf(sb, " %s=%lld-%lld", what, (long long)r->lo, (long long)r->hi);
}

static int audit(struct wstate *ws, struct tsu_err *e)
{
	const struct ledger_result *res = ws->w->res;
	struct sbuf sb = {0};
	int rc;

	sbuf_addf(&sb, "file=%s sha256=%s rows=%zu persons+%zu persons=%zu guardians+%zu"
		  " guardians=%zu households+%zu intakes+%zu cases+%zu duplicates=%zu ids:",
		  ws->w->name && *ws->w->name ? ws->w->name : "-", res->sha256, res->rows,
		  res->persons_created, res->persons_matched, res->guardians_created,
		  res->guardians_matched, res->households, res->intakes, res->cases,
		  res->duplicates);
	range(&sb, "person", &ws->person);
	range(&sb, "household", &ws->house);
	range(&sb, "case", &ws->kase);
	range(&sb, "intake", &ws->intake);
	rc = model_audit(ws->db, ws->w->actor, "ledger.import", "import", 0, sb.buf, e);
	sbuf_release(&sb);
	return rc;
}

int ledger_write(struct db *db, struct lplan *pl, struct lrow *rows, size_t n,
		 const struct lwrite_ctx *w, struct tsu_err *e)
{
	struct wstate ws = {.db = db, .w = w, .pl = pl};
	int rc;

	ws.cycle = (int)settings_get_int(db, "review_cycle_months", 3);
	if (ws.cycle < 1 || ws.cycle > 12)
		ws.cycle = 3;
	ws.retention = (int)settings_get_int(db, "retention_age", 25);
	ws.today = date_today();
	if ((rc = write_households(&ws, e)) == 0 && (rc = write_persons(&ws, e)) == 0 &&
	    (rc = write_members(&ws, e)) == 0 && (rc = write_rows(&ws, rows, n, e)) == 0)
		rc = audit(&ws, e);
	free(ws.fys);
	return rc;
}
