/* gen_fill.c: filling a database with a synthetic centre (gen.h, "filling a
 * database"): the run itself (checks, transactions of ~50,000 rows, the one
 * audit row), the staff roster, and the households with their persons,
 * membership and family relations. The caseload (intakes, cases, notes) is
 * planned and written by gen_caseload.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen_priv.h"
#include "model.h"
#include "tsunagu/audit.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

#define MIN_WORKERS  6
#define KANA_MAX     256
#define NAME_MAX_LEN 128

/* ---- helpers shared with gen_caseload.c ---------------------------------- */

char *gen_fmt_day(long day, char *buf, size_t n)
{
	return date_format_iso(date_from_days(day), buf, n);
}

char *gen_fmt_time(long long minutes, char *buf, size_t n)
{
	long day = (long)(minutes >= 0 ? minutes / GEN_DAY_MIN
	                               : -((-minutes + GEN_DAY_MIN - 1) / GEN_DAY_MIN));
	int m = (int)(minutes - (long long)day * GEN_DAY_MIN);
	struct date d = date_from_days(day);

	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:00", d.y, d.m, d.d, m / 60, m % 60);
	return buf;
}

/* A tuning pragma: speed only, so a failure is not an error. */
static void pragma(struct db *db, int id)
{
	struct stmt *st = sql_get_in(db, &sql_gen_table, id, NULL);

	if (st && sql_step(db, st, NULL) == SQL_ROW)
		sql_reset(st);
}

/* Foreign keys are checked at commit, so a household's members can go in
 * before its persons: the search-index trigger on household_member then
 * finds no person yet and the person's trigger computes its keys once, with
 * the household already in place (in the other order every person is
 * indexed twice, which doubled the run). Person ids are assigned here, under
 * the write lock, after those already in the file. */
int gen_begin(struct gen_ctx *g, struct tsu_err *e)
{
	struct stmt *st;
	int rc;

	if ((rc = db_begin_write(g->db, e)) != 0)
		return rc;
	pragma(g->db, GEN_SQL_DEFER_FK);
	if (!(st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_MAX_PERSON, e)))
		return TSU_EDB;
	if ((rc = sql_step(g->db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	g->next_person = sql_int(st, 0) + 1;
	sql_reset(st);
	return 0;
}

int gen_row(struct gen_ctx *g, int n, bool at_boundary, struct tsu_err *e)
{
	int rc;

	g->rows += n;
	if (!at_boundary || g->rows < GEN_COMMIT_ROWS)
		return 0;
	if ((rc = db_commit(g->db, e)) != 0)
		return rc;
	g->committed = true;
	g->rows = 0;
	return gen_begin(g, e);
}

int gen_count_persons(struct db *db, int64_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_gen_table, GEN_SQL_PERSON_COUNT, e);
	int rc;

	*n = 0;
	if (!st)
		return TSU_EDB;
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	*n = sql_int(st, 0);
	sql_reset(st);
	return 0;
}

/* ---- options and staff ---------------------------------------------------- */

static int check_opts(const struct gen_opts *o, struct tsu_err *e)
{
	if (o->persons < 1 || o->persons > GEN_PERSONS_MAX)
		return err_set(e, TSU_EINVAL, "作成する人数 %ld は 1〜%ld にしてください",
		               o->persons, GEN_PERSONS_MAX);
	if (o->years < 0 || o->years > 30)
		return err_set(e, TSU_EINVAL, "履歴の年度数 %d は 1〜30 にしてください", o->years);
	if (o->caseload_permille < 0 || o->caseload_permille > 1000)
		return err_set(e, TSU_EINVAL, "相談のある世帯の割合 %d‰ は 0〜1000 にしてください",
		               o->caseload_permille);
	if (o->now_minute < 0 || o->now_minute >= 24 * 60)
		return err_set(e, TSU_EINVAL, "基準日の現在時刻 (%d 分) が範囲外です",
		               o->now_minute);
	if (o->ref.y && !date_valid(o->ref.y, o->ref.m, o->ref.d))
		return err_set(e, TSU_EINVAL, "基準日 %d-%d-%d は存在しない日付です", o->ref.y,
		               o->ref.m, o->ref.d);
	return 0;
}

static int refuse_existing(struct db *db, const struct gen_opts *o, struct tsu_err *e)
{
	int64_t n = 0;
	int rc;

	if ((rc = gen_count_persons(db, &n, e)) != 0)
		return rc;
	if (n > 0 && !o->add_to_existing)
		return err_set(e, TSU_EINVAL,
		               "データベース %s にはすでに人物が %lld 人登録されています。"
		               "合成データは人物のいない新しいデータベースにだけ作ります "
		               "(本番の記録に架空の人物が混ざるのを防ぐため)",
		               db_path(db), (long long)n);
	return 0;
}

static int read_workers(struct gen_ctx *g, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_WORKERS, e);
	int rc;

	free(g->workers);
	g->workers = NULL;
	g->nworkers = 0;
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(g->db, st, e)) == SQL_ROW) {
		g->workers = xreallocarray(g->workers, g->nworkers + 1, sizeof *g->workers);
		g->workers[g->nworkers++] = sql_int(st, 0);
	}
	return rc;
}

/* A small centre: who a こども家庭センター typically has besides the lead. */
static const enum staff_role roster[] = {ROLE_SUPPORT, ROLE_ABUSE,    ROLE_SUPPORT, ROLE_NURSE,
                                         ROLE_PSYCH,   ROLE_YOTAIKYO, ROLE_SUPPORT, ROLE_CLERK};

/* Add the roster through staff_add (audited each) when fewer than
 * MIN_WORKERS caseworkers are active; logins gen01.. that exist are kept. */
static int add_roster(struct gen_ctx *g, struct tsu_err *e)
{
	struct gen_rng r;
	int rc;

	if ((rc = read_workers(g, e)) != 0 || g->nworkers >= MIN_WORKERS)
		return rc;
	gen_rng_seed_stream(&r, g->seed, GEN_STREAM_STAFF);
	for (size_t i = 0; i < sizeof roster / sizeof roster[0]; i++) {
		struct date from = date_from_days(g->ref - 60 * 366),
		            to = date_from_days(g->ref - 24 * 366);
		struct gen_person p;
		struct staff old = {0};
		char login[16], name[NAME_MAX_LEN];

		gen_person_make(g->v, &r, gen_rng_chance(&r, 0.7) ? GEN_SEX_FEMALE : GEN_SEX_MALE,
		                from, to, &p);
		snprintf(login, sizeof login, "gen%02zu", i + 1);
		snprintf(name, sizeof name, "%s %s", p.family, p.given);
		if (staff_by_login(g->db, login, &old, NULL) == 0) {
			staff_release(&old);
			continue;
		}
		if ((rc = staff_add(g->db, g->actor, login, name, roster[i], NULL, e)) != 0)
			return rc;
		g->st->staff_added++;
	}
	if ((rc = read_workers(g, e)) != 0)
		return rc;
	if (g->nworkers == 0)
		return err_set(e, TSU_EINVAL, "ケースを担当できる職員がいません");
	return 0;
}

/* ---- households ----------------------------------------------------------- */

static const char *const counterparties[] = {"元夫", "夫 (別居中)", "元交際相手", "元夫の親族"};

/* DV等支援措置: one year from the application. The first measure of a run,
 * and about one in twelve after it (as many as start in any month), is in
 * its last 30 days on the reference date, the renewal the home screen warns
 * about, so even a small demo shows one. */
static void secrecy_dates(struct gen_ctx *g, struct gen_rng *r, struct date *from, struct date *to)
{
	long start;

	if (g->st->secrecy == 0 || gen_rng_chance(r, 1.0 / 12))
		start = g->ref - 365 + gen_rng_range(r, 1, 30);
	else
		start = g->ref - gen_rng_range(r, 0, 334);
	*from = date_from_days(start);
	*to = date_from_days(date_to_days(model_add_months(*from, 12)) - 1);
	g->st->secrecy++;
}

static int insert_household(struct gen_ctx *g, struct gen_rng *r, const struct gen_household *hh,
                            long created, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_HOUSEHOLD, e);
	struct date from = {0, 0, 0}, to = {0, 0, 0};
	char stamp[32];
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, hh->address);
	sql_bind_text(st, 2, hh->phone);
	sql_bind_int(st, 3, hh->address_secret);
	if (hh->address_secret) {
		secrecy_dates(g, r, &from, &to);
		sql_bind_date(st, 4, from);
		sql_bind_date(st, 5, to);
		sql_bind_text(st, 6, counterparties[gen_rng_below(r, 4)]);
	}
	sql_bind_text(st, 7, gen_fmt_time(created * GEN_DAY_MIN + 9 * 60, stamp, sizeof stamp));
	if ((rc = sql_run(g->db, st, e)) != 0)
		return rc;
	*id = sql_last_id(g->db);
	g->st->households++;
	return 0;
}

static int insert_person(struct gen_ctx *g, const struct gen_person *p, const struct gen_hplan *hp,
                         size_t i, long created, int64_t id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, GEN_SQL_PERSON, e);
	char fk[KANA_MAX], gk[KANA_MAX], stamp[32];

	if (!st)
		return TSU_EDB;
	if (gen_kana_to_form(p->family_kana, p->kana_form, fk, sizeof fk) != 0 ||
	    gen_kana_to_form(p->given_kana, p->kana_form, gk, sizeof gk) != 0)
		return err_set(e, TSU_EINVAL, "読み %s %s が長すぎます", p->family_kana,
		               p->given_kana);
	sql_bind_text(st, 1, p->family);
	sql_bind_text(st, 2, p->given);
	sql_bind_text(st, 3, fk);
	sql_bind_text(st, 4, gk);
	sql_bind_date(st, 5, p->birth);
	if (hp->pregnant == (int)i)
		sql_bind_date(st, 6, date_from_days(hp->expected_day));
	sql_bind_text(st, 7, p->sex == GEN_SEX_MALE ? "M" : "F");
	sql_bind_text(st, 8, p->phone);
	sql_bind_text(st, 9, p->school);
	sql_bind_int(st, 10, hp->moved);
	sql_bind_text(st, 11, gen_fmt_time(created * GEN_DAY_MIN + 9 * 60, stamp, sizeof stamp));
	sql_bind_int(st, 12, id);
	return sql_run(g->db, st, e);
}

/* The relation code of a parent or grandparent towards the children. A
 * step-parent whose surname differs from the other parent's is taken as
 * not married in: 父母の交際相手. */
static const char *adult_code(const struct gen_household *hh, const struct gen_person *p)
{
	const struct gen_person *other = NULL;

	for (size_t i = 0; i < hh->n; i++)
		if (hh->member[i].rel == GEN_REL_MOTHER || hh->member[i].rel == GEN_REL_FATHER)
			other = &hh->member[i];
	switch (p->rel) {
	case GEN_REL_FATHER: return "FA";
	case GEN_REL_MOTHER: return "MO";
	case GEN_REL_STEPFATHER:
	case GEN_REL_STEPMOTHER:
		if (other && strcmp(other->family, p->family) != 0)
			return "PT";
		return p->rel == GEN_REL_STEPFATHER ? "SF" : "SM";
	case GEN_REL_GRANDFATHER: return "GF";
	case GEN_REL_GRANDMOTHER: return "GM";
	default: return "CH";
	}
}

static int insert_link(struct gen_ctx *g, int id, int64_t a, int64_t b, const char *code, long day,
                       struct tsu_err *e)
{
	struct stmt *st = sql_get_in(g->db, &sql_gen_table, id, e);
	char stamp[32];

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, a);
	sql_bind_int(st, 2, b);
	sql_bind_text(st, 3, code);
	if (id == GEN_SQL_MEMBER) {
		sql_bind_date(st, 4, date_from_days(day));
		sql_bind_text(st, 5, gen_fmt_day(day, stamp, sizeof stamp));
	} else {
		sql_bind_text(st, 4, gen_fmt_day(day, stamp, sizeof stamp));
	}
	return sql_run(g->db, st, e);
}

/* The day a member joined: a child at birth, the others when the eldest
 * child was born, a step-parent some time later. */
static long joined_day(struct gen_rng *r, const struct gen_household *hh, size_t i, long ref)
{
	const struct gen_person *p = &hh->member[i];
	long eldest = ref, youngest = 0;

	for (size_t k = 0; k < hh->n; k++) {
		long b = date_to_days(hh->member[k].birth);
		if (hh->member[k].rel != GEN_REL_CHILD)
			continue;
		eldest = b < eldest ? b : eldest;
		youngest = b > youngest ? b : youngest;
	}
	if (p->rel == GEN_REL_CHILD)
		return date_to_days(p->birth);
	if (p->rel == GEN_REL_STEPFATHER || p->rel == GEN_REL_STEPMOTHER)
		return youngest + (long)gen_rng_below(
		                      r, (uint64_t)(ref - youngest > 30 ? ref - youngest - 30 : 1));
	return eldest;
}

static int insert_members(struct gen_ctx *g, struct gen_rng *r, const struct gen_household *hh,
                          int64_t hid, const int64_t *ids, struct tsu_err *e)
{
	int rc = 0;

	for (size_t i = 0; i < hh->n && rc == 0; i++)
		rc = insert_link(g, GEN_SQL_MEMBER, hid, ids[i], adult_code(hh, &hh->member[i]),
		                 joined_day(r, hh, i, g->ref), e);
	return rc;
}

static int insert_relations(struct gen_ctx *g, const struct gen_household *hh, const int64_t *ids,
                            struct tsu_err *e)
{
	int rc = 0;

	for (size_t a = 0; a < hh->n && rc == 0; a++) {
		const struct gen_person *pa = &hh->member[a];
		for (size_t b = 0; b < hh->n && rc == 0; b++) {
			const struct gen_person *pb = &hh->member[b];
			const char *code;
			if (pb->rel != GEN_REL_CHILD || a == b)
				continue;
			if (pa->rel != GEN_REL_CHILD)
				code = adult_code(hh, pa);
			else if (a < b) /* children are eldest first */
				code = pa->sex == GEN_SEX_MALE ? "EB" : "ES";
			else
				continue;
			rc = insert_link(g, GEN_SQL_RELATION, ids[a], ids[b], code,
			                 date_to_days(pb->birth), e);
			g->st->relations++;
		}
	}
	return rc;
}

/* One household: made, planned, written. Returns the persons written. */
static int write_household(struct gen_ctx *g, uint64_t h, long want, long *written,
                           struct tsu_err *e)
{
	struct gen_household hh;
	struct gen_hplan hp;
	struct gen_rng r;
	int64_t hid = 0, ids[GEN_HOUSEHOLD_MAX];
	long created;
	int rc;

	gen_rng_seed_stream(&r, g->seed, h);
	gen_household_make(g->v, &r, date_from_days(g->ref), &hh);
	if ((long)hh.n > want) /* the last household: as many as are still wanted */
		hh.n = (size_t)want;
	created = g->start + (long)gen_rng_below(&r, (uint64_t)(g->ref - g->start));
	gen_caseload_plan(g, h, &hh, &hp);
	if (hp.active && hp.first_day < created)
		created = hp.first_day;
	for (size_t i = 0; i < hh.n; i++)
		ids[i] = g->next_person++;
	/* members before persons: see gen_begin */
	if ((rc = insert_household(g, &r, &hh, created, &hid, e)) != 0 ||
	    (rc = insert_members(g, &r, &hh, hid, ids, e)) != 0)
		return rc;
	for (size_t i = 0; i < hh.n; i++)
		if ((rc = insert_person(g, &hh.member[i], &hp, i, created, ids[i], e)) != 0)
			return rc;
	if ((rc = insert_relations(g, &hh, ids, e)) != 0)
		return rc;
	if (hp.active)
		gen_caseload_add(g, &hp, &hh, hid, ids);
	*written = (long)hh.n;
	g->st->persons += (long)hh.n;
	return gen_row(g, 1 + 3 * (int)hh.n, true, e);
}

static int write_households(struct gen_ctx *g, long persons, struct tsu_err *e)
{
	long done = 0, next_report = 0;
	int rc;

	for (uint64_t h = 0; done < persons; h++) {
		long n = 0;
		if ((rc = write_household(g, h, persons - done, &n, e)) != 0)
			return rc;
		done += n;
		if (g->progress && done >= next_report && done < persons) {
			g->progress(g->arg, "世帯・人物", done, persons);
			next_report = done + 5000;
		}
	}
	if (g->progress)
		g->progress(g->arg, "世帯・人物", done, persons);
	return 0;
}

/* ---- the run -------------------------------------------------------------- */

static void ctx_init(struct gen_ctx *g, struct db *db, const struct staff *actor,
                     const struct gen_opts *o)
{
	struct date ref = o->ref.y ? o->ref : date_today();
	int fy = date_fiscal_year(ref);

	g->db = db;
	g->actor = actor;
	g->seed = o->seed;
	g->ref = date_to_days(ref);
	g->start =
	    date_to_days((struct date){fy - (o->years ? o->years : GEN_DEFAULT_YEARS), 4, 1});
	g->now = (long long)g->ref * GEN_DAY_MIN + o->now_minute;
	g->permille = o->caseload_permille ? o->caseload_permille : GEN_DEFAULT_CASELOAD_PERMILLE;
	g->safety_hours = (int)settings_get_int(db, "safety_check_hours", 48);
	g->cycle_months = (int)settings_get_int(db, "review_cycle_months", 3);
	g->retention_age = (int)settings_get_int(db, "retention_age", 25);
	if (g->cycle_months < 1 || g->cycle_months > 12)
		g->cycle_months = 3;
}

static void audit_detail(const struct gen_ctx *g, const struct gen_opts *o, bool done,
                         struct sbuf *sb)
{
	char day[16];

	sbuf_addf(sb,
	          "合成データ%s: 世帯 %ld, 人物 %ld, 続柄 %ld, 受付 %ld (通告 %ld), ケース %ld "
	          "(継続中 %ld), 経過記録 %ld, 安全確認 %ld, 職員追加 %ld; 種 %llu, 基準日 %s, "
	          "履歴 %d 年度, 相談世帯 %d‰",
	          done ? "" : " (中断)", g->st->households, g->st->persons, g->st->relations,
	          g->st->intakes, g->st->reports, g->st->cases, g->st->open_cases, g->st->notes,
	          g->st->safety_checks, g->st->staff_added, (unsigned long long)o->seed,
	          gen_fmt_day(g->ref, day, sizeof day), o->years ? o->years : GEN_DEFAULT_YEARS,
	          g->permille);
}

static int gen_audit(struct gen_ctx *g, const struct gen_opts *o, bool done, struct tsu_err *e)
{
	struct sbuf sb = {0};
	int rc;

	audit_detail(g, o, done, &sb);
	rc = audit_append(g->db, g->actor, "gen", NULL, 0, sb.buf, e);
	sbuf_release(&sb);
	return rc;
}

static int run(struct gen_ctx *g, const struct gen_opts *o, struct tsu_err *e)
{
	int rc;

	if ((rc = gen_caseload_init(g, e)) != 0 || (rc = gen_begin(g, e)) != 0)
		return rc;
	if ((rc = refuse_existing(g->db, o, e)) != 0 || (rc = add_roster(g, e)) != 0)
		goto fail;
	pragma(g->db, GEN_SQL_CACHE_BIG);
	if ((rc = write_households(g, o->persons, e)) != 0 ||
	    (rc = gen_caseload_write(g, e)) != 0 || (rc = gen_audit(g, o, true, e)) != 0)
		goto fail;
	if ((rc = db_commit(g->db, e)) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(g->db);
	if (g->committed && db_begin_write(g->db, NULL) == 0) {
		/* what was committed stays: say so in the log */
		if (gen_audit(g, o, false, NULL) == 0)
			db_commit(g->db, NULL);
		else
			db_rollback(g->db);
	}
	return rc;
}

int gen_fill(struct db *db, const struct staff *actor, const struct gen_opts *opt,
             gen_progress_fn progress, void *arg, struct gen_stats *stats, struct tsu_err *e)
{
	struct gen_stats local = {0};
	struct gen_ctx g = {0};
	struct timespec t0, t1;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if ((rc = model_perm(actor, PERM_ADMIN, "合成データの作成", e)) != 0 ||
	    (rc = check_opts(opt, e)) != 0)
		return rc;
	if (!date_eras_loaded() && (rc = date_load_default(e)) != 0)
		return rc;
	if ((rc = gen_vocab_load(opt->vocab_dir, &g.v, e)) != 0)
		return rc;
	ctx_init(&g, db, actor, opt);
	g.progress = progress;
	g.arg = arg;
	g.st = stats;
	pragma(db, GEN_SQL_TEMP_MEMORY);
	rc = run(&g, opt, e);
	pragma(db, GEN_SQL_CACHE_DEFAULT);
	pragma(db, GEN_SQL_TEMP_DEFAULT);
	gen_caseload_free(&g);
	gen_vocab_free(&g.v);
	free(g.workers);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return rc;
}
