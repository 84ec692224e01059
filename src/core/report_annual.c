/* report_annual.c: the fiscal-year statistics of report.h. One query reads
 * the year's intakes; the counting (roll-up through the code lists, distinct
 * children per cell, age bands at receipt) happens here, so every table
 * counts the same population by the same rules. What is counted is defined
 * at the top of report.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"
#include "sql_report.h"
#include "tsunagu/codes.h"
#include "tsunagu/util.h"

#define ABUSE_NATIONAL "YG1" /* 児童虐待相談, as intake.h's 通告 rule */
#define MAX_PATH 8
#define NBANDS 5

/* ---- the year's intakes ---------------------------------------------------- */

struct ai {
	int64_t id;
	int64_t child;      /* person id, or -intake id when no child is recorded */
	char *type;         /* consult_type code or "" */
	struct date birth;  /* y == 0 unknown */
	struct date on;     /* date of receipt */
	char *abuser;
	char *route;        /* route2 if recorded, else route1, else "" */
	int accepted;
	char **abuse;       /* abuse type codes */
	size_t nabuse;
	bool rep;           /* the child's first abuse intake of the year */
};

struct year {
	int fy;
	struct ai *v;
	size_t n;
};

static void split_abuse(struct ai *a, const char *list)
{
	const char *p = list;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		a->abuse = xreallocarray(a->abuse, a->nabuse + 1, sizeof *a->abuse);
		a->abuse[a->nabuse++] = xstrndup(p, len);
		p += len + (comma ? 1 : 0);
	}
}

static void read_ai(struct stmt *st, struct ai *a)
{
	memset(a, 0, sizeof *a);
	a->id = sql_int(st, 0);
	a->child = sql_int(st, 1) ? sql_int(st, 1) : -sql_int(st, 0);
	a->type = sql_dup(st, 2);
	if (date_parse(sql_text(st, 3), &a->birth, NULL) != 0)
		a->birth = (struct date){0, 0, 0};
	if (date_parse(sql_text(st, 4), &a->on, NULL) != 0)
		a->on = (struct date){0, 0, 0};
	a->abuser = sql_dup(st, 5);
	a->route = xstrdup(*sql_text(st, 7) ? sql_text(st, 7) : sql_text(st, 6));
	a->accepted = (int)sql_int(st, 8);
	split_abuse(a, sql_text(st, 9));
}

static void year_release(struct year *y)
{
	for (size_t i = 0; i < y->n; i++) {
		free(y->v[i].type);
		free(y->v[i].abuser);
		free(y->v[i].route);
		for (size_t k = 0; k < y->v[i].nabuse; k++)
			free(y->v[i].abuse[k]);
		free(y->v[i].abuse);
	}
	free(y->v);
	memset(y, 0, sizeof *y);
}

static int year_load(struct db *db, int fy, struct year *y, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_report_table, RSQL_ANNUAL_INTAKES, e);
	char from[16], to[16];
	int rc;

	memset(y, 0, sizeof *y);
	y->fy = fy;
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, date_format_iso((struct date){fy, 4, 1}, from, sizeof from));
	sql_bind_text(st, 2, date_format_iso((struct date){fy + 1, 4, 1}, to, sizeof to));
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		y->v = xreallocarray(y->v, y->n + 1, sizeof *y->v);
		read_ai(st, &y->v[y->n++]);
	}
	if (rc != 0)
		year_release(y);
	return rc;
}

/* ---- code lists as trees ----------------------------------------------------- */

struct clist {
	struct code *c;
	size_t n;
};

static long code_index(const struct clist *l, const char *code)
{
	for (size_t i = 0; code && *code && i < l->n; i++)
		if (strcmp(l->c[i].code, code) == 0)
			return (long)i;
	return -1;
}

/* The code a code rolls up to: its national code if local, else its parent. */
static const char *code_up(const struct code *c)
{
	return *c->national ? c->national : c->parent;
}

/* Indices of code and its ancestors (nearest first); 0 if unknown. */
static size_t code_path(const struct clist *l, const char *code, long *idx)
{
	size_t n = 0;
	long i = code_index(l, code);

	while (i >= 0 && n < MAX_PATH) {
		bool seen = false;

		for (size_t k = 0; k < n; k++)
			seen = seen || idx[k] == i;
		if (seen)
			break; /* a loop in the data: stop */
		idx[n++] = i;
		i = code_index(l, code_up(&l->c[i]));
	}
	return n;
}

static bool path_has(const struct clist *l, const char *code, const char *want)
{
	long idx[MAX_PATH];
	size_t n = code_path(l, code, idx);

	for (size_t k = 0; k < n; k++)
		if (strcmp(l->c[idx[k]].code, want) == 0)
			return true;
	return false;
}

struct tree_row {
	size_t idx;
	int level;
};

static void tree_visit(const struct clist *l, size_t i, int level, struct tree_row *out,
		       size_t *n)
{
	if (*n >= l->n || level > MAX_PATH)
		return;
	out[(*n)++] = (struct tree_row){i, level};
	for (size_t k = 0; k < l->n; k++)
		if (k != i && strcmp(code_up(&l->c[k]), l->c[i].code) == 0)
			tree_visit(l, k, level + 1, out, n);
}

/* Display order: each top-level code followed by what rolls up to it. */
static struct tree_row *tree_order(const struct clist *l, size_t *n)
{
	struct tree_row *out = xcalloc(l->n ? l->n : 1, sizeof *out);

	*n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!*code_up(&l->c[i]))
			tree_visit(l, i, 0, out, n);
	return out;
}

/* ---- distinct counting ------------------------------------------------------- */

struct tally {
	int64_t *keys;
	size_t n;
};

static void tally_add(struct tally *t, int64_t key)
{
	t->keys = xreallocarray(t->keys, t->n + 1, sizeof *t->keys);
	t->keys[t->n++] = key;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static long tally_distinct(struct tally *t)
{
	long d = 0;

	if (t->n == 0)
		return 0;
	qsort(t->keys, t->n, sizeof *t->keys, cmp_i64);
	for (size_t i = 0; i < t->n; i++)
		d += i == 0 || t->keys[i] != t->keys[i - 1];
	return d;
}

struct grid {
	size_t nr, nc;
	struct tally *t;
};

static void grid_init(struct grid *g, size_t nr, size_t nc)
{
	g->nr = nr;
	g->nc = nc;
	g->t = xcalloc(nr * nc > 0 ? nr * nc : 1, sizeof *g->t);
}

static struct tally *cell(struct grid *g, size_t r, size_t c)
{
	return &g->t[r * g->nc + c];
}

static void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->nr * g->nc; i++)
		free(g->t[i].keys);
	free(g->t);
	memset(g, 0, sizeof *g);
}

/* Row r of g as distinct counts (newly allocated); *any says if one is > 0. */
static long *grid_row(struct grid *g, size_t r, bool *any)
{
	long *v = xcalloc(g->nc ? g->nc : 1, sizeof *v);

	*any = false;
	for (size_t c = 0; c < g->nc; c++) {
		v[c] = tally_distinct(cell(g, r, c));
		*any = *any || v[c] > 0;
	}
	return v;
}

/* Rows of a tree table: grid rows 0 .. l->n-1 are the codes, row l->n the
 * "no code" row. Inactive codes are shown only when they count something. */
static void emit_tree(struct report_section *s, const struct clist *l, struct grid *g,
		      const char *none_label)
{
	size_t no;
	struct tree_row *order = tree_order(l, &no);
	bool any;

	for (size_t i = 0; i < no; i++) {
		const struct code *c = &l->c[order[i].idx];
		long *v = grid_row(g, order[i].idx, &any);

		if (c->active || any)
			rp_count_row(s, c->label, order[i].level, false, v);
		free(v);
	}
	free(order);
	{
		long *v = grid_row(g, l->n, &any);

		rp_count_row(s, none_label, 0, false, v);
		free(v);
	}
}

/* ---- the lists and the abuse population -------------------------------------- */

struct lists {
	struct clist consult, abuse, abuser, route;
	long *acol;     /* abuse list indices shown as columns / rows */
	size_t nacol;
	char *yg_top;   /* the group 児童虐待相談 belongs to (養護相談) */
};

static int lists_load(struct db *db, struct lists *L, struct tsu_err *e)
{
	long idx[MAX_PATH];
	size_t n;
	int rc;

	memset(L, 0, sizeof *L);
	if ((rc = codes_list(db, "consult_type", true, &L->consult.c, &L->consult.n, e)) != 0 ||
	    (rc = codes_list(db, "abuse_type", true, &L->abuse.c, &L->abuse.n, e)) != 0 ||
	    (rc = codes_list(db, "abuser", true, &L->abuser.c, &L->abuser.n, e)) != 0 ||
	    (rc = codes_list(db, "route", true, &L->route.c, &L->route.n, e)) != 0)
		return rc;
	n = code_path(&L->consult, ABUSE_NATIONAL, idx);
	if (n == 0)
		return err_set(e, TSU_ENOTFOUND,
			       "相談種別のコード表に児童虐待相談 (%s) がありません", ABUSE_NATIONAL);
	L->yg_top = xstrdup(L->consult.c[idx[n - 1]].code);
	return 0;
}

static void lists_release(struct lists *L)
{
	codes_free(L->consult.c, L->consult.n);
	codes_free(L->abuse.c, L->abuse.n);
	codes_free(L->abuser.c, L->abuser.n);
	codes_free(L->route.c, L->route.n);
	free(L->acol);
	free(L->yg_top);
	memset(L, 0, sizeof *L);
}

struct rep_key {
	int64_t child;
	size_t i;
};

static int cmp_rep(const void *a, const void *b)
{
	const struct rep_key *x = a, *y = b;

	if (x->child != y->child)
		return (x->child > y->child) - (x->child < y->child);
	return (x->i > y->i) - (x->i < y->i);
}

/* Mark each child's first abuse intake of the year; returns how many. */
static size_t mark_reps(struct year *y, const struct lists *L)
{
	struct rep_key *k = xcalloc(y->n ? y->n : 1, sizeof *k);
	size_t n = 0, reps = 0;

	for (size_t i = 0; i < y->n; i++)
		if (path_has(&L->consult, y->v[i].type, ABUSE_NATIONAL))
			k[n++] = (struct rep_key){y->v[i].child, i};
	if (n > 0)
		qsort(k, n, sizeof *k, cmp_rep);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || k[i].child != k[i - 1].child) {
			y->v[k[i].i].rep = true;
			reps++;
		}
	}
	free(k);
	return reps;
}

/* Abuse columns: the active abuse types, and inactive ones some intake of
 * the years uses. */
static void abuse_columns(struct lists *L, const struct year *ys, size_t ny)
{
	for (size_t c = 0; c < L->abuse.n; c++) {
		bool used = L->abuse.c[c].active;

		for (size_t j = 0; !used && j < ny; j++)
			for (size_t i = 0; i < ys[j].n; i++)
				for (size_t k = 0; k < ys[j].v[i].nabuse; k++)
					used = used || !strcmp(ys[j].v[i].abuse[k], L->abuse.c[c].code);
		if (used) {
			L->acol = xreallocarray(L->acol, L->nacol + 1, sizeof *L->acol);
			L->acol[L->nacol++] = (long)c;
		}
	}
}

/* Position of abuse code in the columns, or -1. */
static long acol_of(const struct lists *L, const char *code)
{
	for (size_t k = 0; k < L->nacol; k++)
		if (!strcmp(L->abuse.c[L->acol[k]].code, code))
			return (long)k;
	return -1;
}

static size_t multi_type_reps(const struct year *y)
{
	size_t n = 0;

	for (size_t i = 0; i < y->n; i++)
		n += y->v[i].rep && y->v[i].nabuse > 1;
	return n;
}

/* ---- tables ------------------------------------------------------------------ */

static void sec_consult(struct report *r, const struct lists *L, const struct year *y)
{
	struct report_section *s =
		rp_section(r, "consult", REPORT_COUNTS, "相談種別別の相談件数", "相談種別");
	size_t n = L->consult.n;
	struct grid g;
	long idx[MAX_PATH];
	long *v;
	bool any;

	rp_col(s, "実件数");
	rp_col(s, "延件数");
	grid_init(&g, n + 2, 2);
	for (size_t i = 0; i < y->n; i++) {
		size_t np = code_path(&L->consult, y->v[i].type, idx);

		for (size_t k = 0; k < np; k++) {
			tally_add(cell(&g, (size_t)idx[k], 0), y->v[i].child);
			tally_add(cell(&g, (size_t)idx[k], 1), y->v[i].id);
		}
		if (np == 0) {
			tally_add(cell(&g, n, 0), y->v[i].child);
			tally_add(cell(&g, n, 1), y->v[i].id);
		}
		tally_add(cell(&g, n + 1, 0), y->v[i].child);
		tally_add(cell(&g, n + 1, 1), y->v[i].id);
	}
	v = grid_row(&g, n + 1, &any);
	rp_count_row(s, "総数", 0, true, v);
	free(v);
	emit_tree(s, &L->consult, &g, "種別未入力");
	grid_release(&g);
	rp_note(s, "実件数は欄ごとに重複のない児童の数、延件数は受付の件数。独自コード (養育力不足など) は"
		   "集約先の国の分類の下に字下げして示す。児童が記録されていない受付は1件を1人と数える。");
}

static int age_band(const struct ai *a, int scheme)
{
	int b;

	if (a->birth.y == 0 || a->on.y == 0)
		return NBANDS;
	b = scheme == 1 ? date_age_band1(date_age(a->birth, a->on))
			: date_age_band2(a->birth, a->on);
	return b < 0 || b >= NBANDS ? NBANDS : b;
}

static void abuse_note(struct report_section *s, const struct year *y, bool first)
{
	if (first)
		rp_note(s, "児童虐待相談 (相談種別が児童虐待相談に集約される受付) の児童を、年度内の"
			   "最初の受付で1人1回数える (年齢は受付日の年齢)。複数の虐待種別がある受付は"
			   "各種別に数えるため、種別の合計は総数を上回ることがある (該当 %zu 人)。",
			multi_type_reps(y));
	else
		rp_note(s, "数え方は「児童虐待相談の虐待種別×年齢」と同じ (複数の虐待種別がある児童 "
			   "%zu 人は各種別に数える)。",
			multi_type_reps(y));
}

/* Abuse types (rows) x age bands of one scheme (columns). */
static void sec_abuse_age(struct report *r, const struct lists *L, const struct year *y,
			  int scheme)
{
	struct report_section *s = rp_section(
		r, scheme == 1 ? "abuse_age1" : "abuse_age2", REPORT_COUNTS,
		scheme == 1 ? "児童虐待相談の虐待種別×年齢" : "児童虐待相談の虐待種別×年齢 (学齢)",
		"虐待種別");
	size_t na = L->nacol, tot = na + 1, sum = NBANDS + 1;
	struct grid g;
	long *v;
	bool any;

	for (int b = 0; b < NBANDS; b++)
		rp_col(s, date_age_band_label(scheme, b));
	rp_col(s, "不明・その他");
	rp_col(s, "計");
	grid_init(&g, na + 2, NBANDS + 2);
	for (size_t i = 0; i < y->n; i++) {
		const struct ai *a = &y->v[i];
		size_t b = (size_t)age_band(a, scheme);
		bool typed = false;

		if (!a->rep)
			continue;
		for (size_t k = 0; k < a->nabuse; k++) {
			long c = acol_of(L, a->abuse[k]);

			if (c < 0)
				continue;
			typed = true;
			tally_add(cell(&g, (size_t)c, b), a->child);
			tally_add(cell(&g, (size_t)c, sum), a->child);
		}
		if (!typed) {
			tally_add(cell(&g, na, b), a->child);
			tally_add(cell(&g, na, sum), a->child);
		}
		tally_add(cell(&g, tot, b), a->child);
		tally_add(cell(&g, tot, sum), a->child);
	}
	v = grid_row(&g, tot, &any);
	rp_count_row(s, "総数", 0, true, v);
	free(v);
	for (size_t k = 0; k <= na; k++) {
		v = grid_row(&g, k, &any);
		rp_count_row(s, k < na ? L->abuse.c[L->acol[k]].label : "種別未入力", 0, false, v);
		free(v);
	}
	grid_release(&g);
	abuse_note(s, y, scheme == 1);
}

/* A table of a code list (main abuser or route) x (総数 + abuse types). */
static void sec_abuse_by(struct report *r, const struct lists *L, const struct year *y,
			 const struct clist *l, bool abuser)
{
	struct report_section *s = rp_section(
		r, abuser ? "abuse_abuser" : "abuse_route", REPORT_COUNTS,
		abuser ? "児童虐待相談の主たる虐待者別" : "児童虐待相談の相談経路別",
		abuser ? "主たる虐待者" : "相談経路");
	size_t n = l->n;
	struct grid g;
	long idx[MAX_PATH];
	long *v;
	bool any;

	rp_col(s, "総数");
	for (size_t k = 0; k < L->nacol; k++)
		rp_col(s, L->abuse.c[L->acol[k]].label);
	grid_init(&g, n + 2, L->nacol + 1);
	for (size_t i = 0; i < y->n; i++) {
		const struct ai *a = &y->v[i];
		size_t np;

		if (!a->rep)
			continue;
		np = code_path(l, abuser ? a->abuser : a->route, idx);
		if (np == 0)
			idx[np++] = (long)n; /* 未入力 */
		idx[np++] = (long)n + 1; /* 総数 */
		for (size_t p = 0; p < np; p++) {
			tally_add(cell(&g, (size_t)idx[p], 0), a->child);
			for (size_t k = 0; k < a->nabuse; k++) {
				long c = acol_of(L, a->abuse[k]);

				if (c >= 0)
					tally_add(cell(&g, (size_t)idx[p], (size_t)c + 1), a->child);
			}
		}
	}
	v = grid_row(&g, n + 1, &any);
	rp_count_row(s, "総数", 0, true, v);
	free(v);
	emit_tree(s, l, &g, "未入力");
	grid_release(&g);
	abuse_note(s, y, false);
}

/* ---- the Izumo-shaped table: 養護相談 per 年度 -------------------------------- */

#define IZUMO_YEARS 3

struct izumo {
	long *types;       /* per abuse column */
	long *yg;          /* per consult code: children with exactly that 養護 code */
	long other;        /* その他の相談 */
	long group_direct; /* coded 養護相談 itself, without a breakdown */
	long untyped;      /* abuse children without an abuse type */
};

/* True for the consult codes shown as 養護 columns beside 児童虐待: codes of
 * the 養護 group outside 児童虐待相談 (養育力不足, その他の養護相談 ...). */
static bool yg_column(const struct lists *L, size_t i)
{
	const char *code = L->consult.c[i].code;

	return strcmp(code, L->yg_top) != 0 && path_has(&L->consult, code, L->yg_top) &&
	       !path_has(&L->consult, code, ABUSE_NATIONAL);
}

static void izumo_abuse(const struct lists *L, const struct ai *a, struct tally *types,
			struct tally *untyped)
{
	bool typed = false;

	for (size_t k = 0; k < a->nabuse; k++) {
		long c = acol_of(L, a->abuse[k]);

		if (c >= 0) {
			tally_add(&types[c], a->child);
			typed = true;
		}
	}
	if (!typed)
		tally_add(untyped, a->child);
}

static void izumo_count(const struct lists *L, const struct year *y, struct izumo *z)
{
	size_t nc = L->consult.n;
	struct tally *types = xcalloc(L->nacol + 1, sizeof *types);
	struct tally *yg = xcalloc(nc + 1, sizeof *yg);
	struct tally other = {0}, direct = {0}, untyped = {0};

	for (size_t i = 0; i < y->n; i++) {
		const struct ai *a = &y->v[i];
		long idx = code_index(&L->consult, a->type);

		if (a->rep)
			izumo_abuse(L, a, types, &untyped);
		else if (!*a->type || path_has(&L->consult, a->type, ABUSE_NATIONAL))
			continue;
		else if (idx >= 0 && !strcmp(a->type, L->yg_top))
			tally_add(&direct, a->child);
		else if (idx >= 0 && yg_column(L, (size_t)idx))
			tally_add(&yg[idx], a->child);
		else if (!path_has(&L->consult, a->type, L->yg_top))
			tally_add(&other, a->child);
	}
	z->types = xcalloc(L->nacol + 1, sizeof *z->types);
	z->yg = xcalloc(nc + 1, sizeof *z->yg);
	for (size_t k = 0; k < L->nacol; k++) {
		z->types[k] = tally_distinct(&types[k]);
		free(types[k].keys);
	}
	for (size_t k = 0; k < nc; k++) {
		z->yg[k] = tally_distinct(&yg[k]);
		free(yg[k].keys);
	}
	z->other = tally_distinct(&other);
	z->group_direct = tally_distinct(&direct);
	z->untyped = tally_distinct(&untyped);
	free(types);
	free(yg);
	free(other.keys);
	free(direct.keys);
	free(untyped.keys);
}

static void izumo_row(struct report_section *s, const struct lists *L, const struct izumo *z,
		      const bool *show, int fy)
{
	long *v = xcalloc(s->ncols, sizeof *v);
	size_t c = 2;
	char label[32];

	for (size_t k = 0; k < L->nacol; k++) {
		v[c++] = z->types[k];
		v[1] += z->types[k];
	}
	v[0] = v[1];
	for (size_t k = 0; k < L->consult.n; k++) {
		if (show[k])
			v[c++] = z->yg[k];
		v[0] += z->yg[k];
	}
	v[c] = z->other;
	rp_count_row(s, date_format_fiscal_year(fy, label, sizeof label), 0, false, v);
	free(v);
}

static void izumo_notes(struct report_section *s, const struct izumo *z)
{
	long direct = 0, untyped = 0;

	for (size_t j = 0; j < IZUMO_YEARS; j++) {
		direct += z[j].group_direct;
		untyped += z[j].untyped;
	}
	rp_note(s, "市の対応分のみ (児童相談所の対応分はこのシステムに記録がない)。各欄は重複のない児童の数。");
	rp_note(s, "養護相談 = 児童虐待小計 + その右の養護の各欄 (養育力不足など) の合計。児童虐待小計は"
		   "虐待種別の合計で、複数の種別がある児童は各種別に数える。三年度とも 0 の独自コードの欄は省く。");
	if (direct > 0)
		rp_note(s, "種別が「養護相談」のみで内訳のない受付の児童 (三年度で延べ %ld 人) は含まない。",
			direct);
	if (untyped > 0)
		rp_note(s, "虐待種別が未入力の児童虐待相談の児童 (三年度で延べ %ld 人) は含まない。",
			untyped);
}

static void sec_izumo(struct report *r, const struct lists *L, struct year *ys)
{
	struct report_section *s =
		rp_section(r, "izumo", REPORT_COUNTS, "養護相談の推移 (市の対応分・実件数)", "年度");
	struct izumo z[IZUMO_YEARS];
	bool *show = xcalloc(L->consult.n + 1, sizeof *show);

	for (size_t j = 0; j < IZUMO_YEARS; j++)
		izumo_count(L, &ys[j], &z[j]);
	rp_col(s, "養護相談");
	rp_col(s, "児童虐待小計");
	for (size_t k = 0; k < L->nacol; k++)
		rp_col(s, L->abuse.c[L->acol[k]].label);
	for (size_t k = 0; k < L->consult.n; k++) {
		for (size_t j = 0; j < IZUMO_YEARS; j++)
			show[k] = show[k] || z[j].yg[k] > 0;
		if (show[k])
			rp_col(s, L->consult.c[k].label);
	}
	rp_col(s, "その他の相談");
	for (size_t j = 0; j < IZUMO_YEARS; j++)
		izumo_row(s, L, &z[j], show, ys[j].fy);
	izumo_notes(s, z);
	for (size_t j = 0; j < IZUMO_YEARS; j++) {
		free(z[j].types);
		free(z[j].yg);
	}
	free(show);
}

/* ---- the report ---------------------------------------------------------------- */

static void annual_header(struct report *r, const struct year *y)
{
	char label[32];
	long acc = 0, dec = 0, und = 0;
	struct tally kids = {0};

	for (size_t i = 0; i < y->n; i++) {
		acc += y->v[i].accepted == 1;
		dec += y->v[i].accepted == 0;
		und += y->v[i].accepted < 0;
		tally_add(&kids, y->v[i].child);
	}
	r->title = xstrdup("年度統計");
	rp_header(r, "%s (%d-04-01〜%d-03-31 に受け付けた相談)",
		  date_format_fiscal_year(y->fy, label, sizeof label), y->fy, y->fy + 1);
	rp_header(r, "受付 %zu 件 (受理 %ld・不受理 %ld・未決定 %ld)、児童 %ld 人", y->n, acc, dec,
		  und, tally_distinct(&kids));
	free(kids.keys);
}

static int annual_body(struct db *db, void *arg, struct report *r, struct tsu_err *e)
{
	int fy = *(int *)arg;
	struct year ys[IZUMO_YEARS] = {0};
	struct year *y = &ys[IZUMO_YEARS - 1];
	struct lists L;
	int rc = lists_load(db, &L, e);

	for (size_t j = 0; j < IZUMO_YEARS && rc == 0; j++)
		rc = year_load(db, fy - (int)(IZUMO_YEARS - 1 - j), &ys[j], e);
	if (rc == 0) {
		for (size_t j = 0; j < IZUMO_YEARS; j++)
			mark_reps(&ys[j], &L);
		abuse_columns(&L, ys, IZUMO_YEARS);
		annual_header(r, y);
		sec_consult(r, &L, y);
		sec_abuse_age(r, &L, y, 1);
		sec_abuse_age(r, &L, y, 2);
		sec_abuse_by(r, &L, y, &L.abuser, true);
		sec_abuse_by(r, &L, y, &L.route, false);
		sec_izumo(r, &L, ys);
	}
	for (size_t j = 0; j < IZUMO_YEARS; j++)
		year_release(&ys[j]);
	lists_release(&L);
	return rc;
}

int report_annual(struct db *db, const struct staff *actor, int fy, struct report *out,
		  struct tsu_err *e)
{
	char detail[32];

	if (fy < 1900 || fy > 9998) {
		memset(out, 0, sizeof *out);
		return err_set(e, TSU_EINVAL, "年度 %d は範囲外です (1900〜9998 年度)", fy);
	}
	snprintf(detail, sizeof detail, "年度統計 %d", fy);
	return rp_run(db, actor, "年度統計の作成", "report.annual", detail, annual_body, &fy, out,
		      e);
}
