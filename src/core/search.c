/* search.c: the known-person search: parsing a query into a name key, a
 * birth date and phone digits, routing it to the one index that suits it
 * (sql_search.c), reading the hits into a reusable result, auditing (per
 * call or per session), and rebuilding the keys. */
#include "tsunagu/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_search.h"
#include "tsunagu/key.h"
#include "tsunagu/utf8.h"

/* ---- parsing -------------------------------------------------------------- */

static const char *const route_labels[] = {
	[SEARCH_ROUTE_NONE] = "なし",
	[SEARCH_ROUTE_SHORT] = "氏名・よみ (1〜2 文字)",
	[SEARCH_ROUTE_LONG] = "氏名・よみ",
	[SEARCH_ROUTE_BIRTH] = "生年月日",
	[SEARCH_ROUTE_PHONE] = "電話番号",
};

const char *search_route_label(enum search_route r)
{
	if ((unsigned)r >= sizeof route_labels / sizeof route_labels[0])
		return "?";
	return route_labels[r];
}

/* Length of the white-space run (ASCII or U+3000) at s, 0 if none. */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* A word that is a phone number: after folding only digits, '-', '(',
 * ')', '+', with at least one digit. */
static bool phone_word(const char *folded)
{
	bool digit = false;

	for (const char *p = folded; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (!strchr("-()+", *p))
			return false;
	}
	return digit;
}

static void parse_word(const char *w, struct sbuf *text, struct sbuf *digits,
		       struct search_query *q)
{
	struct date d;
	char *f, *k;

	if (date_parse(w, &d, NULL) == 0) {
		q->birth = d;
		return;
	}
	f = key_fold(w);
	if (phone_word(f)) {
		k = key_digits(f);
		sbuf_adds(digits, k);
	} else {
		k = key_variant(f);
		sbuf_adds(text, k);
	}
	free(k);
	free(f);
}

static enum search_route route_of(const struct search_query *q)
{
	if (q->birth.y)
		return SEARCH_ROUTE_BIRTH;
	if (strlen(q->digits) >= SEARCH_MIN_DIGITS)
		return SEARCH_ROUTE_PHONE;
	if (q->text_chars == 0)
		return SEARCH_ROUTE_NONE;
	return q->text_chars <= 2 ? SEARCH_ROUTE_SHORT : SEARCH_ROUTE_LONG;
}

void search_parse(const char *query, struct search_query *q)
{
	struct sbuf text = {0}, digits = {0};
	const char *s = query ? query : "";
	struct date d;

	memset(q, 0, sizeof *q);
	/* a date written with spaces inside ("令和6年 4月 1日") is one date */
	if (*s && date_parse(s, &d, NULL) == 0) {
		q->birth = d;
		s = "";
	}
	while (*s) {
		size_t sp = space_len(s), n = 0;

		if (sp) {
			s += sp;
			continue;
		}
		while (s[n] && !space_len(s + n))
			n++;
		char *w = xstrndup(s, n);
		parse_word(w, &text, &digits, q);
		free(w);
		s += n;
	}
	q->text = sbuf_detach(&text);
	q->digits = sbuf_detach(&digits);
	q->text_chars = utf8_count(q->text, strlen(q->text));
	q->route = route_of(q);
}

void search_query_release(struct search_query *q)
{
	if (!q)
		return;
	free(q->text);
	free(q->digits);
	memset(q, 0, sizeof *q);
}

/* ---- lookup --------------------------------------------------------------- */

static int clamp_limit(int limit)
{
	if (limit <= 0)
		return SEARCH_DEFAULT_LIMIT;
	return limit > SEARCH_MAX_LIMIT ? SEARCH_MAX_LIMIT : limit;
}

static enum search_sql_id route_sql(enum search_route r)
{
	switch (r) {
	case SEARCH_ROUTE_SHORT: return SEARCH_SQL_SHORT;
	case SEARCH_ROUTE_LONG: return SEARCH_SQL_LONG;
	case SEARCH_ROUTE_BIRTH: return SEARCH_SQL_BIRTH;
	default: return SEARCH_SQL_PHONE;
	}
}

/* The values of a lookup, by parameter number (NULL: bind NULL; params
 * a statement does not name are skipped). */
struct params {
	const char *v[6];
	bool used[6];
	char birth[16];
	char limit[16];
};

static void params_of(const struct search_query *q, int limit, struct params *p)
{
	memset(p, 0, sizeof *p);
	snprintf(p->limit, sizeof p->limit, "%d", limit);
	p->v[1] = *q->text ? q->text : NULL;
	p->v[2] = p->limit;
	p->used[1] = p->used[2] = true;
	if (q->route == SEARCH_ROUTE_BIRTH) {
		p->v[3] = date_format_iso(q->birth, p->birth, sizeof p->birth);
		p->used[3] = true;
	}
	if (q->route == SEARCH_ROUTE_BIRTH || q->route == SEARCH_ROUTE_PHONE) {
		p->v[4] = strlen(q->digits) >= SEARCH_MIN_DIGITS ? q->digits : NULL;
		p->v[5] = q->text_chars >= 3 ? "1" : "0";
		p->used[4] = p->used[5] = true;
	}
}

static void bind_params(struct stmt *st, const struct params *p)
{
	for (int i = 1; i < 6; i++) {
		if (!p->used[i])
			continue;
		if (i == 2 || i == 5)
			sql_bind_int(st, i, atoi(p->v[i]));
		else
			sql_bind_text(st, i, p->v[i]);
	}
}

/* Strings are collected in the pool while it may still move; hit fields
 * hold offsets (as pointers) until fix_pointers turns them into addresses. */
static const char *pool_add(struct search_result *r, const char *s)
{
	size_t off = r->pool.len;

	sbuf_add(&r->pool, s, strlen(s) + 1);
	return (const char *)(uintptr_t)off;
}

static const char *pool_join(struct search_result *r, const char *a, const char *b)
{
	size_t off = r->pool.len;

	sbuf_adds(&r->pool, a);
	if (*a && *b)
		sbuf_addc(&r->pool, ' ');
	sbuf_add(&r->pool, b, strlen(b) + 1);
	return (const char *)(uintptr_t)off;
}

static void fix_pointers(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct search_hit *h = &r->hits[i];
		const char **f[] = {&h->name, &h->kana, &h->members, &h->case_no, &h->status,
				    &h->registration, &h->lead, &h->last_contact_kind};

		for (size_t j = 0; j < sizeof f / sizeof f[0]; j++)
			*f[j] = r->pool.buf + (uintptr_t)*f[j];
	}
}

static void read_contact(struct search_result *r, struct stmt *st, struct search_hit *h)
{
	struct date note = sql_date(st, SEARCH_COL_LAST_NOTE);
	struct date intake = sql_date(st, SEARCH_COL_LAST_INTAKE);

	if (note.y && (!intake.y || date_cmp(note, intake) >= 0)) {
		h->last_contact = note;
		h->last_contact_kind = pool_add(r, sql_text(st, SEARCH_COL_LAST_NOTE_KIND));
	} else {
		h->last_contact = intake;
		h->last_contact_kind = pool_add(r, intake.y ? "受付" : "");
	}
}

static void read_hit(struct search_result *r, struct stmt *st, struct date today)
{
	struct search_hit *h;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->hits = xreallocarray(r->hits, r->cap, sizeof *r->hits);
	}
	h = &r->hits[r->n++];
	memset(h, 0, sizeof *h);
	h->person_id = sql_int(st, SEARCH_COL_ID);
	h->rank = (enum search_rank)sql_int(st, SEARCH_COL_RANK);
	h->name = pool_join(r, sql_text(st, SEARCH_COL_FAMILY), sql_text(st, SEARCH_COL_GIVEN));
	h->kana = pool_join(r, sql_text(st, SEARCH_COL_FAMILY_KANA),
			    sql_text(st, SEARCH_COL_GIVEN_KANA));
	h->birth = sql_date(st, SEARCH_COL_BIRTH);
	h->age = h->birth.y ? date_age(h->birth, today) : -1;
	h->household_id = sql_int(st, SEARCH_COL_HOUSEHOLD);
	h->members = pool_add(r, sql_text(st, SEARCH_COL_MEMBERS));
	h->case_id = sql_int(st, SEARCH_COL_CASE_ID);
	h->case_no = pool_add(r, sql_text(st, SEARCH_COL_CASE_NO));
	h->status = pool_add(r, sql_text(st, SEARCH_COL_STATUS));
	h->registration = pool_add(r, sql_text(st, SEARCH_COL_REGISTRATION));
	h->lead = pool_add(r, sql_text(st, SEARCH_COL_LEAD));
	h->intakes = (int)sql_int(st, SEARCH_COL_INTAKES);
	h->cases = (int)sql_int(st, SEARCH_COL_CASES);
	read_contact(r, st, h);
	h->last_closed = sql_date(st, SEARCH_COL_LAST_CLOSED);
	h->years_since_closed = h->last_closed.y ? date_age(h->last_closed, today) : -1;
}

static void result_clear(struct search_result *r)
{
	r->n = 0;
	sbuf_reset(&r->pool);
	r->route = SEARCH_ROUTE_NONE;
}

static int lookup(struct db *db, const struct search_query *q, int limit,
		  struct search_result *out, struct tsu_err *e)
{
	struct params p;
	struct stmt *st;
	struct date today;
	int rc;

	out->route = q->route;
	if (q->route == SEARCH_ROUTE_NONE)
		return 0;
	if (!(st = sql_get_in(db, &sql_search_table, route_sql(q->route), e)))
		return TSU_EDB;
	params_of(q, limit, &p);
	bind_params(st, &p);
	today = date_today();
	while ((rc = sql_step(db, st, e)) == SQL_ROW)
		read_hit(out, st, today);
	fix_pointers(out);
	if (rc < 0) {
		err_prefix(e, "人物の検索 (%s)", search_route_label(q->route));
		result_clear(out);
		return rc;
	}
	return 0;
}

void search_result_release(struct search_result *r)
{
	if (!r)
		return;
	free(r->hits);
	sbuf_release(&r->pool);
	memset(r, 0, sizeof *r);
}

/* ---- auditing ------------------------------------------------------------- */

void search_session_begin(struct search_session *s)
{
	memset(s, 0, sizeof *s);
}

/* "生年月日・氏名・よみ" from a set of route bits. */
/* Appends the labels of the routes used, joined by ・ (sb may hold text). */
static void routes_text(unsigned routes, struct sbuf *sb)
{
	int written = 0;

	for (int r = SEARCH_ROUTE_SHORT; r <= SEARCH_ROUTE_PHONE; r++) {
		if (!(routes & (1u << r)))
			continue;
		if (written++)
			sbuf_adds(sb, "・");
		sbuf_adds(sb, search_route_label((enum search_route)r));
	}
	if (!written)
		sbuf_adds(sb, search_route_label(SEARCH_ROUTE_NONE));
}

int search_session_end(struct db *db, const struct staff *actor, struct search_session *s,
		       int64_t picked_person_id, struct tsu_err *e)
{
	struct sbuf detail = {0};
	struct sql_tx tx;
	int rc;

	if (s->lookups == 0)
		return 0;
	sbuf_adds(&detail, "照会 (");
	routes_text(s->routes, &detail);
	sbuf_addf(&detail, ") %d 回、最後の結果 %d 件、%s", s->lookups, s->last_count,
		  picked_person_id ? "該当者を選択" : "選択なし");
	if ((rc = sql_tx_begin(db, &tx, e)) == 0) {
		rc = model_audit(db, actor, "person.search", picked_person_id ? "person" : NULL,
				 picked_person_id, detail.buf, e);
		rc = sql_tx_end(db, &tx, rc, e);
	}
	sbuf_release(&detail);
	if (rc == 0)
		search_session_begin(s);
	return rc;
}

static int audit_call(struct db *db, const struct staff *actor, const struct search_query *q,
		      size_t n, struct tsu_err *e)
{
	char *detail = xasprintf("照会 (%s) 1 回、結果 %zu 件", search_route_label(q->route), n);
	int rc = model_audit(db, actor, "person.search", NULL, 0, detail, e);

	free(detail);
	return rc;
}

int search_persons(struct db *db, const struct staff *actor, const char *query, int limit,
		   struct search_session *session, struct search_result *out, struct tsu_err *e)
{
	struct search_query q;
	struct sql_tx tx;
	int rc;

	result_clear(out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "人物の検索", e)) != 0)
		return rc;
	search_parse(query, &q);
	limit = clamp_limit(limit);
	if (session) {
		rc = lookup(db, &q, limit, out, e);
		if (rc == 0) {
			session->lookups++;
			session->last_count = (int)out->n;
			session->routes |= 1u << q.route;
		}
	} else if ((rc = sql_tx_begin(db, &tx, e)) == 0) {
		rc = lookup(db, &q, limit, out, e);
		if (rc == 0)
			rc = audit_call(db, actor, &q, out->n, e);
		rc = sql_tx_end(db, &tx, rc, e);
		if (rc != 0)
			result_clear(out);
	}
	search_query_release(&q);
	return rc;
}

/* ---- maintenance and benchmark -------------------------------------------- */

static int run(struct db *db, enum search_sql_id id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_search_table, id, e);

	return st ? sql_run(db, st, e) : TSU_EDB;
}

static int64_t key_count(struct db *db, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_search_table, SEARCH_SQL_KEY_COUNT, e);
	int64_t n;

	if (!st || sql_step(db, st, e) != SQL_ROW)
		return -1;
	n = sql_int(st, 0);
	sql_reset(st);
	return n;
}

int search_rebuild(struct db *db, const struct staff *actor, int64_t *changed, int64_t *total,
		   struct tsu_err *e)
{
	struct sql_tx tx;
	int64_t n = 0, all = 0;
	char *detail;
	int rc;

	if ((rc = model_perm(actor, PERM_ADMIN, "検索キーの再構築", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if ((rc = run(db, SEARCH_SQL_REBUILD_KEYS, e)) == 0) {
		n = sql_changes(db);
		rc = run(db, SEARCH_SQL_REBUILD_ORPHANS, e);
	}
	if (rc == 0) {
		n += sql_changes(db);
		rc = run(db, SEARCH_SQL_REBUILD_FTS, e);
	}
	if (rc == 0 && (all = key_count(db, e)) < 0)
		rc = TSU_EDB;
	if (rc == 0) {
		detail = xasprintf("変更 %lld 件、全 %lld 件", (long long)n, (long long)all);
		rc = model_audit(db, actor, "search.rebuild", NULL, 0, detail, e);
		free(detail);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && changed)
		*changed = n;
	if (rc == 0 && total)
		*total = all;
	return rc;
}

/* A value for the sqlite3 shell's .parameter set: text as a cast hex blob,
 * so that no byte of a key can be read as shell or SQL syntax. */
static void shell_param(struct sbuf *out, int i, const char *v, bool integer)
{
	sbuf_addf(out, ".parameter set ?%d ", i);
	if (!v) {
		sbuf_adds(out, "NULL\n");
	} else if (integer) {
		sbuf_addf(out, "%s\n", v);
	} else {
		sbuf_adds(out, "\"CAST(x'");
		for (const unsigned char *p = (const unsigned char *)v; *p; p++)
			sbuf_addf(out, "%02X", *p);
		sbuf_adds(out, "' AS TEXT)\"\n");
	}
}

enum search_route search_explain(const char *query, int limit, struct sbuf *out)
{
	struct search_query q;
	struct params p;
	enum search_route r;

	search_parse(query, &q);
	r = q.route;
	if (r != SEARCH_ROUTE_NONE) {
		params_of(&q, clamp_limit(limit), &p);
		sbuf_adds(out, ".parameter clear\n");
		for (int i = 1; i < 6; i++)
			if (p.used[i])
				shell_param(out, i, p.v[i], i == 2 || i == 5);
		sbuf_addf(out, "%s;\n", sql_search_table.defs[route_sql(r)].text);
	}
	search_query_release(&q);
	return r;
}
