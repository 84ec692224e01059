/* gen_write.c: writing gen_fill's planned caseload in time order: cases
 * numbered per fiscal year after any already there (as case_create numbers
 * them), with abuse types, tags and history; intakes with their reporter and
 * safety check; notes. Also the phrase index the planner draws from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_priv.h"
#include "tsunagu/util.h"

static const char *const pkind_label[PK__COUNT] = {
    "通告:学校", "通告:保育所", "通告:警察",    "通告:近隣", "通告:医療機関", "通告:親族",
    "育児相談",  "家庭訪問",    "関係機関連絡", "電話",      "来所"};

struct order {
	long long t;
	size_t i;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static struct order *sorted(size_t n, long long (*key)(const struct gen_load *, size_t),
                            const struct gen_load *L)
{
	struct order *o = xreallocarray(NULL, n ? n : 1, sizeof *o);

	for (size_t i = 0; i < n; i++)
		o[i] = (struct order){key(L, i), i};
	qsort(o, n, sizeof *o, order_cmp);
	return o;
}

static long long case_key(const struct gen_load *L, size_t i)
{
	return L->cs[i].opened;
}

static long long intake_key(const struct gen_load *L, size_t i)
{
	return L->in[i].recv;
}

static long long note_key(const struct gen_load *L, size_t i)
{
	return L->nt[i].at;
}

struct writer {
	struct gen_ctx *g;
	long done, total, next;
};

/* One case, intake or note written (rows: with its abuse types, tags,
 * history, reporter, safety check). */
static int wrote(struct writer *w, int rows, struct tsu_err *e)
{
	w->done++;
	if (w->g->progress && w->done >= w->next && w->done < w->total) {
		w->g->progress(w->g->arg, "受付・ケース・経過記録", w->done, w->total);
		w->next = w->done + 2000;
	}
	return gen_row(w->g, rows, true, e);
}

/* Case numbers as case_create gives them: per fiscal year, after any
 * already there, in the order the cases were opened. */
static int case_number(struct gen_ctx *g, int *seqs, int fy0, struct gen_case *c, struct tsu_err *e)
{
	int *seq = &seqs[c->fy - fy0];
	struct stmt *st;
	int rc;

	if (*seq < 0) {
		if (!(st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_MAX_SEQ, e)))
			return TSU_EDB;
		sql_bind_int(st, 1, c->fy);
		if ((rc = sql_step(g->db, st, e)) != SQL_ROW)
			return rc < 0 ? rc : TSU_EDB;
		*seq = (int)sql_int(st, 0);
		sql_reset(st);
	}
	c->seq = ++*seq;
	return 0;
}

static int insert_pair(struct gen_ctx *g, int id, int64_t key, const char *code, const char *t,
                       struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, id, e);

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, key);
	sql_bind_text(st, 2, code);
	if (t)
		sql_bind_text(st, 3, t);
	return sql_run(g->db, st, e);
}

static int insert_history(struct gen_ctx *g, const struct gen_case *c, struct tsu_err *e)
{
	char t[32];
	int rc = 0;

	struct gen_event ev[6];

	memcpy(ev, c->hist, sizeof ev);
	for (int i = 1; i < c->nhist; i++) /* registration may fall between steps */
		for (int j = i; j > 0 && ev[j].at < ev[j - 1].at; j--) {
			struct gen_event tmp = ev[j];
			ev[j] = ev[j - 1];
			ev[j - 1] = tmp;
		}
	for (int i = 0; i < c->nhist && rc == 0; i++) {
		const struct gen_event *h = &ev[i];
		struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_CASE_HIST, e);
		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, c->id);
		sql_bind_text(st, 2, gen_fmt_time(h->at, t, sizeof t));
		sql_bind_int(st, 3, c->lead_id);
		sql_bind_text(st, 4, h->field);
		sql_bind_text(st, 5, h->old);
		sql_bind_text(st, 6, h->new);
		sql_bind_text(st, 7, h->reason);
		sql_bind_text(st, 8, h->why);
		rc = sql_run(g->db, st, e);
	}
	return rc;
}

static int insert_case(struct gen_ctx *g, struct gen_case *c, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_CASE, e);
	char era[16], no[32], t0[32], t1[32];
	int rc;

	if (!st)
		return TSU_EDB;
	date_era_short_year(c->fy, era, sizeof era);
	snprintf(no, sizeof no, "%s-%04d", era, c->seq);
	sql_bind_text(st, 1, no);
	sql_bind_int(st, 2, c->fy);
	sql_bind_int(st, 3, c->seq);
	sql_bind_int(st, 4, c->subject_id);
	sql_bind_int(st, 5, c->household_id);
	sql_bind_text(st, 6, c->consult);
	sql_bind_text(st, 7, c->registration);
	sql_bind_text(st, 8, c->status);
	sql_bind_int(st, 9, c->lead_id);
	sql_bind_int(st, 10, c->cycle);
	sql_bind_date(st, 11, date_from_days(c->next_review));
	sql_bind_date(st, 12, date_from_days((long)(c->opened / GEN_DAY_MIN)));
	if (c->closed >= 0) {
		sql_bind_date(st, 13, date_from_days(c->closed));
		sql_bind_text(st, 14, c->reason);
		sql_bind_date(st, 15, date_from_days(c->dispose));
	}
	sql_bind_int(st, 16, 1 + c->nhist);
	sql_bind_text(st, 17, gen_fmt_time(c->opened, t0, sizeof t0));
	sql_bind_text(st, 18,
	              gen_fmt_time(c->nhist ? c->hist[c->nhist - 1].at : c->opened, t1, sizeof t1));
	if ((rc = sql_run(g->db, st, e)) != 0)
		return rc;
	c->id = sql_last_id(g->db);
	g->st->cases++;
	g->st->open_cases += c->closed < 0;
	for (int i = 0; i < c->nabuse && rc == 0; i++)
		rc = insert_pair(g, GEN_SQL_CASE_ABUSE, c->id, c->abuse[i], NULL, e);
	for (int i = 0; i < c->ntags && rc == 0; i++)
		rc = insert_pair(g, GEN_SQL_CASE_TAG, c->id, c->tags[i], t0, e);
	return rc ? rc : insert_history(g, c, e);
}

static int write_cases(struct writer *w, struct tsu_err *e)
{
	struct gen_ctx *g = w->g;
	struct gen_load *L = g->load;
	int fy0 = date_fiscal_year(date_from_days(g->start)) - 1;
	int nfy = date_fiscal_year(date_from_days(g->ref)) - fy0 + 1;
	int *seqs = xreallocarray(NULL, (size_t)nfy, sizeof *seqs);
	struct order *o = sorted(L->ncs, case_key, L);
	int rc = 0;

	for (int i = 0; i < nfy; i++)
		seqs[i] = -1;
	for (size_t k = 0; k < L->ncs && rc == 0; k++) {
		struct gen_case *c = &L->cs[o[k].i];
		c->fy = date_fiscal_year(date_from_days((long)(c->opened / GEN_DAY_MIN)));
		if (c->fy < fy0 || c->fy >= fy0 + nfy)
			rc = err_set(e, TSU_EINVAL, "内部エラー: ケースの年度 %d が範囲外です",
			             c->fy);
		if (rc == 0 && (rc = case_number(g, seqs, fy0, c, e)) == 0 &&
		    (rc = insert_case(g, c, e)) == 0)
			rc = wrote(w, 1 + c->nabuse + c->ntags + c->nhist, e);
	}
	free(o);
	free(seqs);
	return rc;
}

static void bind_intake(struct stmt *st, const struct gen_load *L, const struct gen_intake *in)
{
	long long upd = in->recv;
	char t[4][32];

	if (in->case_idx >= 0 && L->cs[in->case_idx].opened > upd)
		upd = L->cs[in->case_idx].opened;
	if (in->done > upd)
		upd = in->done;
	sql_bind_text(st, 1, gen_fmt_time(in->recv, t[0], sizeof t[0]));
	sql_bind_int(st, 2, in->staff_id);
	sql_bind_text(st, 3, in->channel);
	sql_bind_text(st, 4, in->route1);
	sql_bind_text(st, 5, in->route2);
	sql_bind_int(st, 6, in->subject_id);
	sql_bind_int(st, 7, in->household_id);
	sql_bind_text(st, 8, in->consult);
	sql_bind_text(st, 9, in->abuser);
	sql_bind_text(st, 10, in->complaint);
	sql_bind_text(st, 11, in->narrative);
	sql_bind_text(st, 12, in->past);
	sql_bind_int(st, 13, in->urgent);
	sql_bind_int(st, 14, in->report);
	sql_bind_id(st, 15, in->case_idx >= 0 ? L->cs[in->case_idx].id : 0);
	if (in->accepted >= 0)
		sql_bind_int(st, 16, in->accepted);
	if (in->due >= 0)
		sql_bind_text(st, 17, gen_fmt_time(in->due, t[1], sizeof t[1]));
	if (in->done >= 0)
		sql_bind_text(st, 18, gen_fmt_time(in->done, t[2], sizeof t[2]));
	sql_bind_int(st, 19, 1 + (in->accepted >= 0) + (in->done >= 0));
	sql_bind_text(st, 20, gen_fmt_time(upd, t[3], sizeof t[3]));
}

static int insert_caller(struct gen_ctx *g, int64_t id, const struct gen_intake *in,
                         struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_CALLER, e);
	char t[32];

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, in->caller_name);
	sql_bind_text(st, 3, in->caller_rel);
	sql_bind_text(st, 4, in->contact);
	sql_bind_int(st, 5, in->anonymous);
	sql_bind_text(st, 6, in->intent);
	sql_bind_text(st, 7, gen_fmt_time(in->recv, t, sizeof t));
	return sql_run(g->db, st, e);
}

static int insert_check(struct gen_ctx *g, int64_t id, size_t k, const struct gen_intake *in,
                        struct tsu_err *e)
{
	static const char *const seen[] = {
	    "外傷なし。表情は落ち着いている。", "外傷なし。衣服の汚れが目立つ。",
	    "腕に古いあざ。写真で記録。", "本児は問いかけに小声で答える。"};
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_SAFETY, e);
	char t[32];

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	sql_bind_id(st, 2, in->case_idx >= 0 ? g->load->cs[in->case_idx].id : 0);
	sql_bind_int(st, 3, in->check_staff);
	sql_bind_text(st, 4, gen_fmt_time(in->done, t, sizeof t));
	sql_bind_text(st, 5, in->method);
	sql_bind_text(st, 6, seen[k % 4]);
	g->st->safety_checks++;
	return sql_run(g->db, st, e);
}

static int insert_intake(struct gen_ctx *g, size_t k, const struct gen_intake *in, int *rows,
                         struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_INTAKE, e);
	int64_t id;
	int rc;

	if (!st)
		return TSU_EDB;
	bind_intake(st, g->load, in);
	if ((rc = sql_run(g->db, st, e)) != 0)
		return rc;
	id = sql_last_id(g->db);
	g->st->intakes++;
	g->st->reports += in->report;
	*rows = 1 + in->nabuse + in->caller + (in->done >= 0);
	for (int i = 0; i < in->nabuse && rc == 0; i++)
		rc = insert_pair(g, GEN_SQL_INTAKE_ABUSE, id, in->abuse[i], NULL, e);
	if (rc == 0 && in->caller)
		rc = insert_caller(g, id, in, e);
	if (rc == 0 && in->done >= 0)
		rc = insert_check(g, id, k, in, e);
	return rc;
}

static int write_intakes(struct writer *w, struct tsu_err *e)
{
	struct gen_load *L = w->g->load;
	struct order *o = sorted(L->nin, intake_key, L);
	int rc = 0, rows = 0;

	for (size_t k = 0; k < L->nin && rc == 0; k++)
		if ((rc = insert_intake(w->g, k, &L->in[o[k].i], &rows, e)) == 0)
			rc = wrote(w, rows, e);
	free(o);
	return rc;
}

static int insert_note(struct gen_ctx *g, const struct gen_note *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_NOTE, e);
	char t[32];

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, g->load->cs[n->case_idx].id);
	sql_bind_text(st, 2, n->kind);
	sql_bind_text(st, 3, gen_fmt_time(n->at, t, sizeof t));
	sql_bind_text(st, 4, n->counterpart);
	sql_bind_text(st, 5, n->content);
	sql_bind_text(st, 6, n->source);
	sql_bind_int(st, 7, n->restricted);
	sql_bind_int(st, 8, n->staff_id);
	g->st->notes++;
	return sql_run(g->db, st, e);
}

static long long note_order_key(const struct gen_load *L, size_t i)
{
	return note_key(L, i);
}

static int write_notes(struct writer *w, struct tsu_err *e)
{
	struct gen_load *L = w->g->load;
	struct order *o = sorted(L->nnt, note_order_key, L);
	int rc = 0;

	for (size_t k = 0; k < L->nnt && rc == 0; k++)
		if ((rc = insert_note(w->g, &L->nt[o[k].i], e)) == 0)
			rc = wrote(w, 1, e);
	free(o);
	return rc;
}

int gen_caseload_write(struct gen_ctx *g, struct tsu_err *e)
{
	struct gen_load *L = g->load;
	struct writer w = {g, 0, (long)(L->ncs + L->nin + L->nnt), 0};
	int rc;

	if ((rc = write_cases(&w, e)) != 0 || (rc = write_intakes(&w, e)) != 0 ||
	    (rc = write_notes(&w, e)) != 0)
		return rc;
	if (g->progress)
		g->progress(g->arg, "受付・ケース・経過記録", w.total, w.total);
	return 0;
}

int gen_caseload_init(struct gen_ctx *g, struct tsu_err *e)
{
	struct gen_load *L = xcalloc(1, sizeof *L);
	size_t n = gen_vocab_count(g->v, GEN_PHRASES);

	g->load = L;
	for (size_t i = 0; i < n; i++) {
		const struct gen_entry *p = gen_vocab_entry(g->v, GEN_PHRASES, i);
		for (int k = 0; k < PK__COUNT; k++) {
			struct pset *ps = &L->ph[k];
			if (!p->label || strcmp(p->label, pkind_label[k]) != 0)
				continue;
			ps->p = xreallocarray(ps->p, ps->n + 1, sizeof *ps->p);
			ps->p[ps->n++] = p->text;
		}
	}
	for (int k = 0; k < PK__COUNT; k++)
		if (L->ph[k].n == 0)
			return err_set(e, TSU_EINVAL,
			               "data/gen/phrases.tsv に種別「%s」の文例がありません",
			               pkind_label[k]);
	return 0;
}

void gen_caseload_free(struct gen_ctx *g)
{
	struct gen_load *L = g->load;

	if (!L)
		return;
	for (size_t i = 0; i < L->nin; i++) {
		free(L->in[i].narrative);
		free(L->in[i].past);
		free(L->in[i].caller_name);
	}
	for (int k = 0; k < PK__COUNT; k++)
		free(L->ph[k].p);
	free(L->cs);
	free(L->in);
	free(L->nt);
	free(L);
	g->load = NULL;
}
