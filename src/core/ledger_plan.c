/* ledger_plan.c: who each ledger row is about and what it will create. The
 * known persons are read once into an in-memory index keyed by
 * key_variant(氏名) (a query per row would cost 100,000 lookups), then every
 * row is matched by the rules of ledger.h: name key and birth date,
 * guardians within the child's household, duplicate intakes against the
 * database and the earlier rows. */
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "sql_ledger.h"
#include "tsunagu/key.h"
#include "tsunagu/util.h"

static int32_t person_new(struct lplan *pl)
{
	struct lperson *p;

	if (pl->np == pl->capp) {
		pl->capp = pl->capp ? pl->capp * 2 : 1024;
		pl->p = xreallocarray(pl->p, pl->capp, sizeof *pl->p);
	}
	p = &pl->p[pl->np];
	memset(p, 0, sizeof *p);
	p->hh_new = -1;
	return (int32_t)pl->np++;
}

static int32_t house_new(struct lplan *pl, const struct lrow *from)
{
	if (pl->nh == pl->caph) {
		pl->caph = pl->caph ? pl->caph * 2 : 256;
		pl->h = xreallocarray(pl->h, pl->caph, sizeof *pl->h);
	}
	pl->h[pl->nh].from = from;
	pl->h[pl->nh].id = 0;
	return (int32_t)pl->nh++;
}

static void member_add(struct lplan *pl, int64_t hh_id, int32_t hh_new, int32_t person,
		       const char *relation, struct date joined)
{
	struct lmember *m;

	if (pl->nm == pl->capm) {
		pl->capm = pl->capm ? pl->capm * 2 : 256;
		pl->m = xreallocarray(pl->m, pl->capm, sizeof *pl->m);
	}
	m = &pl->m[pl->nm++];
	m->hh_id = hh_id;
	m->hh_new = hh_new;
	m->person = person;
	m->relation = relation;
	m->joined = joined;
}

/* "h<id>|key" for an existing household, "n<index>|key" for a new one. */
static char *guardian_key(int64_t hh_id, int32_t hh_new, const char *key)
{
	return hh_id ? xasprintf("h%lld|%s", (long long)hh_id, key)
		     : xasprintf("n%d|%s", (int)hh_new, key);
}

static int32_t by_id(const struct lplan *pl, size_t nexisting, int64_t id)
{
	size_t lo = 0, hi = nexisting;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pl->p[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nexisting && pl->p[lo].id == id ? (int32_t)lo : -1;
}

static int load_members(struct db *db, struct lplan *pl, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_ledger_table, LEDGER_SQL_MEMBERS, e);
	size_t nexisting = pl->np;
	int rc;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int32_t i = by_id(pl, nexisting, sql_int(st, 1));
		char *k;

		if (i < 0)
			continue;
		k = guardian_key(sql_int(st, 0), -1, pl->p[i].key);
		lmap_add(&pl->guardians, k, i);
		free(k);
	}
	return rc;
}

int lplan_load(struct db *db, struct lplan *pl, const struct lmap *wanted, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_ledger_table, LEDGER_SQL_PERSONS, e);
	int rc;

	lmap_init(&pl->by_key);
	lmap_init(&pl->guardians);
	lmap_init(&pl->intakes);
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		char *name = xasprintf("%s%s", sql_text(st, 1), sql_text(st, 2));
		char *key = key_variant(name);
		int32_t i;

		free(name);
		if (lmap_first(wanted, key) < 0) {
			free(key);
			continue;
		}
		i = person_new(pl);
		pl->p[i].id = sql_int(st, 0);
		pl->p[i].key = key;
		pl->p[i].birth = sql_date(st, 3);
		pl->p[i].hh_id = sql_int(st, 4);
		lmap_add(&pl->by_key, key, i);
	}
	return rc < 0 ? rc : load_members(db, pl, e);
}

void lplan_release(struct lplan *pl)
{
	for (size_t i = 0; i < pl->np; i++)
		free(pl->p[i].key);
	free(pl->p);
	free(pl->h);
	free(pl->m);
	lmap_release(&pl->by_key);
	lmap_release(&pl->guardians);
	lmap_release(&pl->intakes);
	memset(pl, 0, sizeof *pl);
}

/* ---- children ----------------------------------------------------------------- */

struct cands {
	int32_t exact, any;   /* smallest index (= oldest record) or -1 */
	size_t nexact, nany, nnobirth;
};

static void candidates(const struct lplan *pl, const struct lrow *r, struct cands *c)
{
	memset(c, 0, sizeof *c);
	c->exact = c->any = -1;
	for (int32_t i = lmap_first(&pl->by_key, r->key); i >= 0;
	     i = lmap_next(&pl->by_key, i, r->key)) {
		int32_t p = (int32_t)pl->by_key.ent[i].val;
		struct date b = pl->p[p].birth;

		c->nany++;
		if (c->any < 0 || p < c->any)
			c->any = p;
		if (!b.y)
			c->nnobirth++;
		if (r->birth.y && b.y && date_cmp(b, r->birth) == 0) {
			c->nexact++;
			if (c->exact < 0 || p < c->exact)
				c->exact = p;
		}
	}
}

static int32_t child_new(struct lplan *pl, const struct lrow *r, struct ledger_result *res)
{
	int32_t i = person_new(pl);

	pl->p[i].is_new = pl->p[i].counted = true;
	pl->p[i].from = r;
	pl->p[i].birth = r->birth;
	pl->p[i].key = xstrdup(r->key);
	lmap_add(&pl->by_key, r->key, i);
	res->persons_created++;
	return i;
}

static int32_t match_child(struct lplan *pl, const struct lrow *r, struct ledger_result *res,
			   struct lissues *warn)
{
	struct cands c;
	int32_t p = -1;

	candidates(pl, r, &c);
	if (r->birth.y && c.nexact) {
		p = c.exact;
		if (c.nexact > 1)
			lissue_add(warn, r->row, 0, NULL,
				   "同じ氏名・生年月日の人物が %zu 人います。最も古い記録 (人物 ID %lld) に結び付けます",
				   c.nexact, (long long)pl->p[p].id);
	} else if (r->birth.y) {
		if (c.nnobirth)
			lissue_add(warn, r->row, 0, NULL,
				   "同じ氏名で生年月日のない人物が %zu 人いますが、同一人物とは限らないため新しく登録します",
				   c.nnobirth);
	} else if (c.nany == 1) {
		p = c.any;
	} else if (c.nany > 1) {
		lissue_add(warn, r->row, 0, NULL,
			   "生年月日がなく、同じ氏名の人物が %zu 人いるため、新しい人物として登録します",
			   c.nany);
	}
	if (p < 0)
		return child_new(pl, r, res);
	if (!pl->p[p].counted) {
		pl->p[p].counted = true;
		res->persons_matched++;
	}
	return p;
}

/* ---- duplicates, households, guardians --------------------------------------------- */

static int is_dup(struct db *db, struct lplan *pl, const struct lrow *r, bool *dup,
		  struct tsu_err *e)
{
	const struct lperson *p = &pl->p[r->child];
	char date[11], *k;
	struct stmt *st;
	int rc;

	date_format_iso(r->received, date, sizeof date);
	k = xasprintf("%d|%s|%s", (int)r->child, date, r->complaint ? r->complaint : "");
	*dup = lmap_first(&pl->intakes, k) >= 0;
	if (!*dup)
		lmap_add(&pl->intakes, k, 0);
	free(k);
	if (*dup || p->is_new)
		return 0;
	if (!(st = sql_get_in(db, &sql_ledger_table, LEDGER_SQL_INTAKE_DUP, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, p->id);
	sql_bind_text(st, 2, date);
	sql_bind_text(st, 3, r->complaint);
	if ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*dup = true;
		sql_reset(st);
	}
	return rc < 0 ? rc : 0;
}

static void household(struct lplan *pl, struct lrow *r)
{
	struct lperson *c = &pl->p[r->child];

	if (!c->hh_id && c->hh_new < 0 && (r->address || r->phone || r->gname)) {
		c->hh_new = house_new(pl, r);
		member_add(pl, 0, c->hh_new, r->child, "CH", r->received);
	}
	r->hh_id = c->hh_id;
	r->hh_new = c->hh_new;
}

static void guardian(struct lplan *pl, struct lrow *r, struct ledger_result *res)
{
	char *k;
	int32_t i, g;

	if (!r->gkey || (!r->hh_id && r->hh_new < 0))
		return;
	k = guardian_key(r->hh_id, r->hh_new, r->gkey);
	if ((i = lmap_first(&pl->guardians, k)) >= 0) {
		g = (int32_t)pl->guardians.ent[i].val;
		if (!pl->p[g].is_new && !pl->p[g].counted) {
			pl->p[g].counted = true;
			res->guardians_matched++;
		}
	} else {
		g = person_new(pl);
		pl->p[g].is_new = pl->p[g].counted = pl->p[g].guardian = true;
		pl->p[g].from = r;
		pl->p[g].key = xstrdup(r->gkey);
		pl->p[g].hh_id = r->hh_id;
		pl->p[g].hh_new = r->hh_new;
		lmap_add(&pl->guardians, k, g);
		member_add(pl, r->hh_id, r->hh_new, g, "HEAD", r->received);
		res->guardians_created++;
	}
	free(k);
	r->guardian = g;
}

int lplan_rows(struct db *db, struct lplan *pl, struct lrow *rows, size_t n,
	       struct ledger_result *res, struct lissues *warn, struct tsu_err *e)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct lrow *r = &rows[i];

		r->child = match_child(pl, r, res, warn);
		if ((rc = is_dup(db, pl, r, &r->dup, e)) != 0)
			return rc;
		if (r->dup) {
			res->duplicates++;
			lissue_add(warn, r->row, 0, NULL,
				   "同じ児童・受付日・主訴の受付が既にあるため、この行は取り込みません");
			continue;
		}
		household(pl, r);
		guardian(pl, r, res);
		res->intakes++;
		res->cases += r->has_case;
	}
	res->households = pl->nh;
	return 0;
}
