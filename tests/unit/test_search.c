/* test_search.c: the known-person search: query parsing and routing, a
 * table of variant, kana and width pairs that must match and of near misses
 * that must not, ranking, birth-date narrowing in several forms, phone
 * numbers with and without hyphens, what a hit carries (household, open
 * case, history), key maintenance on update, the rebuild, audit rows per
 * call and per session, and the consistency check with the FTS5 index.
 * Bad input first. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/intake.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/search.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker, auditor;
	int64_t haruto, haruka_child, haruka_adult, takahashi, minato, kenichi, misaki;
	int64_t saito1, saito2, watanabe, yamasaki, kawasaki, takanashi, yuki, jones;
	int64_t household;
	struct search_result r;
	struct tsu_err e;
};

static struct date D(int y, int m, int d)
{
	return (struct date){y, m, d};
}

static void add_staff(struct fx *f, const char *login, const char *name, enum staff_role role,
		      struct staff *out)
{
	if (staff_add(f->db, f->boss.id ? &f->boss : NULL, login, name, role, NULL, &f->e) != 0)
		fail_msg("staff_add %s: %s", login, f->e.msg);
	if (staff_by_login(f->db, login, out, &f->e) != 0)
		fail_msg("staff_by_login %s: %s", login, f->e.msg);
}

static int64_t add(struct fx *f, const char *fam, const char *given, const char *fkana,
		   const char *gkana, struct date birth, const char *phone)
{
	struct person p = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)given;
	p.family_kana = (char *)fkana;
	p.given_kana = (char *)gkana;
	p.birth = birth;
	p.phone = (char *)phone;
	if (person_create(f->db, &f->worker, &p, &f->e) != 0)
		fail_msg("person_create %s: %s", fam, f->e.msg);
	return p.id;
}

static void add_family(struct fx *f)
{
	struct household h = {0};

	f->haruto = add(f, "髙橋", "陽翔", "たかはし", "はると", D(2019, 4, 2), "090-0000-1234");
	f->kenichi = add(f, "髙橋", "健一", "たかはし", "けんいち", D(1988, 7, 7), NULL);
	f->misaki = add(f, "髙橋", "美咲", "たかはし", "みさき", D(1990, 1, 15), NULL);
	f->minato = add(f, "髙橋", "湊", "たかはし", "みなと", D(2024, 4, 1), NULL);
	h.address = xstrdup("青空市青空町1-2-3");
	h.phone = xstrdup("0234-56-7890");
	if (household_create(f->db, &f->worker, &h, &f->e) != 0)
		fail_msg("household_create: %s", f->e.msg);
	f->household = h.id;
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->kenichi, "FA", &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->misaki, "MO", &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->haruto, NULL, &f->e), 0);
	household_release(&h);
}

/* An open case with a home visit for 陽翔; a case closed three years and a
 * bit ago for the adult 春香. */
static void add_history(struct fx *f)
{
	struct case_rec in = {0}, open, old;
	struct intake it = {0};
	struct note n = {0};
	struct date today = date_today();
	struct date closed = date_from_days(date_to_days(today) - 3 * 366 - 10);

	in.subject_id = f->haruto;
	in.household_id = f->household;
	in.lead_id = f->worker.id;
	in.registration = "P";
	assert_int_equal(case_create(f->db, &f->worker, &in, &open, &f->e), 0);
	n.case_id = open.id;
	n.kind = "HOME";
	n.at = "2026-01-20 10:00";
	n.content = "家庭訪問。本人と面接";
	assert_int_equal(note_create(f->db, &f->worker, &n, &f->e), 0);
	it.received_at = "2025-12-01 09:30";
	it.person_id = f->haruto;
	assert_int_equal(intake_create(f->db, &f->worker, &it, NULL, NULL, &f->e), 0);
	in = (struct case_rec){0};
	in.subject_id = f->haruka_adult;
	in.opened = date_from_days(date_to_days(closed) - 100);
	assert_int_equal(case_create(f->db, &f->worker, &in, &old, &f->e), 0);
	if (case_set_status(f->db, &f->worker, &old, "END", "SOLVED", NULL, closed, &f->e) != 0)
		fail_msg("case_set_status: %s", f->e.msg);
	case_release(&open);
	case_release(&old);
}

static int setup(void **state)
{
	static int seq;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	testutil_init_core();
	snprintf(name, sizeof name, "search%d.db", seq++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "worker", "支援 太郎", ROLE_SUPPORT, &f->worker);
	add_staff(f, "audit", "監査 次郎", ROLE_AUDITOR, &f->auditor);
	add_family(f);
	f->haruka_child = add(f, "高橋", "遥", "たかはし", "はるか", D(2020, 6, 1), NULL);
	f->haruka_adult = add(f, "髙橋", "春香", "タカハシ", "ハルカ", D(2003, 9, 9), NULL);
	f->takahashi = add(f, "高橋", NULL, "たかはし", NULL, D(1970, 3, 3), NULL);
	f->saito1 = add(f, "齋藤", "一郎", "さいとう", "いちろう", D(1985, 5, 5), NULL);
	f->saito2 = add(f, "斉藤", "花", "サイトウ", "ハナ", D(2015, 8, 8), "０８０（１１１１）２２２２");
	f->watanabe = add(f, "渡邉", "翔", "わたなべ", "しょう", D(2012, 2, 2), NULL);
	f->yamasaki = add(f, "山﨑", "優", "やまさき", "ゆう", D(2011, 1, 1), NULL);
	f->kawasaki = add(f, "川崎", "誠", "かわさき", "まこと", D(2010, 10, 10), NULL);
	f->takanashi = add(f, "高梨", "望", "たかなし", "のぞみ", D(2016, 6, 6), NULL);
	f->yuki = add(f, "山田", "ゆ〜き", "やまだ", "ゆーき", D(2014, 4, 4), NULL);
	f->jones = add(f, "ＪＯＮＥＳ", "Ａｎｎａ", "じょーんず", "あんな", D(2013, 3, 13), NULL);
	add_history(f);
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	search_result_release(&f->r);
	staff_release(&f->boss);
	staff_release(&f->worker);
	staff_release(&f->auditor);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static long long count(struct fx *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* Run sql on a plain connection (no tsunagu functions); returns the
 * SQLite result and the message in msg. */
static int raw(struct fx *f, const char *sql, bool triggers, char *msg, size_t n)
{
	sqlite3 *h;
	char *m = NULL;
	int rc;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers ? 1 : 0, NULL);
	rc = sqlite3_exec(h, sql, NULL, NULL, &m);
	if (msg)
		snprintf(msg, n, "%s", m ? m : "");
	sqlite3_free(m);
	sqlite3_close(h);
	return rc;
}

static void find(struct fx *f, const char *q)
{
	if (search_persons(f->db, &f->worker, q, 50, NULL, &f->r, &f->e) != 0)
		fail_msg("search %s: %s", q, f->e.msg);
}

static bool found(const struct fx *f, int64_t id)
{
	for (size_t i = 0; i < f->r.n; i++)
		if (f->r.hits[i].person_id == id)
			return true;
	return false;
}

static const struct search_hit *hit(const struct fx *f, int64_t id)
{
	for (size_t i = 0; i < f->r.n; i++)
		if (f->r.hits[i].person_id == id)
			return &f->r.hits[i];
	fail_msg("person %lld not among %zu hits", (long long)id, f->r.n);
	return NULL;
}

/* ---- bad input ------------------------------------------------------------ */

static void test_bad_input(void **state)
{
	struct fx *f = *state;
	long long audits = count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'");

	assert_int_equal(search_persons(f->db, NULL, "高橋", 10, NULL, &f->r, &f->e), TSU_EPERM);
	assert_int_equal(search_persons(f->db, &f->auditor, "高橋", 10, NULL, &f->r, &f->e),
			 TSU_EPERM);
	assert_int_equal(f->r.n, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"),
			 audits);
	/* nothing usable: no rows, but the call is still audited */
	const char *empty[] = {"", "   ", "\xe3\x80\x80", "・", "12", NULL};
	for (int i = 0; empty[i]; i++) {
		find(f, empty[i]);
		if (f->r.n != 0 || f->r.route != SEARCH_ROUTE_NONE)
			fail_msg("'%s': %zu hits, route %d", empty[i], f->r.n, (int)f->r.route);
	}
	find(f, NULL);
	assert_int_equal(f->r.n, 0);
	find(f, "-"); /* text, matching nobody */
	assert_int_equal(f->r.n, 0);
	/* limits: <= 0 is the default, more than the maximum is clamped */
	assert_int_equal(search_persons(f->db, &f->worker, "たかはし", 0, NULL, &f->r, &f->e), 0);
	assert_true(f->r.n >= 7);
	assert_int_equal(search_persons(f->db, &f->worker, "たかはし", 2, NULL, &f->r, &f->e), 0);
	assert_int_equal(f->r.n, 2);
	assert_int_equal(search_persons(f->db, &f->worker, "た", 1000000, NULL, &f->r, &f->e), 0);
	assert_true(f->r.n >= 8);
}

static void test_parse(void **state)
{
	struct search_query q;
	static const struct {
		const char *in, *text, *digits;
		struct date birth;
		enum search_route route;
	} cases[] = {
		{"髙橋", "高橋", "", {0, 0, 0}, SEARCH_ROUTE_SHORT},
		{"ｻｲﾄｳ", "さいとう", "", {0, 0, 0}, SEARCH_ROUTE_LONG},
		{"高橋　陽翔", "高橋陽翔", "", {0, 0, 0}, SEARCH_ROUTE_LONG},
		{"高橋 R6.4.1", "高橋", "", {2024, 4, 1}, SEARCH_ROUTE_BIRTH},
		{"2024/4/1", "", "", {2024, 4, 1}, SEARCH_ROUTE_BIRTH},
		{"令和6年 4月 1日", "", "", {0, 0, 0}, SEARCH_ROUTE_LONG},
		{"令和6年4月1日", "", "", {2024, 4, 1}, SEARCH_ROUTE_BIRTH},
		{"090-0000-1234", "", "09000001234", {0, 0, 0}, SEARCH_ROUTE_PHONE},
		{"０９０ ０００ １２３４", "", "0900001234", {0, 0, 0}, SEARCH_ROUTE_PHONE},
		{"(0234)56-7890 たかはし", "たかはし", "0234567890", {0, 0, 0}, SEARCH_ROUTE_PHONE},
		{"12 は", "は", "12", {0, 0, 0}, SEARCH_ROUTE_SHORT},
		{"\"*NEAR(", "\"*near(", "", {0, 0, 0}, SEARCH_ROUTE_LONG},
	};

	(void)state;
	testutil_init_core();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		search_parse(cases[i].in, &q);
		if (strcmp(cases[i].in, "令和6年 4月 1日") == 0) {
			/* a date with spaces inside is read as one date */
			assert_int_equal(q.route, SEARCH_ROUTE_BIRTH);
			assert_int_equal(q.birth.d, 1);
			search_query_release(&q);
			continue;
		}
		if (strcmp(q.text, cases[i].text) || strcmp(q.digits, cases[i].digits) ||
		    q.route != cases[i].route || q.birth.y != cases[i].birth.y ||
		    q.birth.m != cases[i].birth.m || q.birth.d != cases[i].birth.d)
			fail_msg("parse %s: text '%s' digits '%s' route %d birth %d-%d-%d",
				 cases[i].in, q.text, q.digits, q.route, q.birth.y, q.birth.m,
				 q.birth.d);
		search_query_release(&q);
	}
}

/* ---- the matcher table ------------------------------------------------------ */

enum who { HARUTO, SAITO1, SAITO2, WATANABE, YAMASAKI, KAWASAKI, TAKANASHI, YUKI, JONES,
	   TAKAHASHI };

static int64_t id_of(const struct fx *f, enum who w)
{
	const int64_t ids[] = {f->haruto, f->saito1, f->saito2, f->watanabe, f->yamasaki,
			       f->kawasaki, f->takanashi, f->yuki, f->jones, f->takahashi};
	return ids[w];
}

static void test_pairs_match(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *q;
		enum who w;
	} pairs[] = {
		{"高橋陽翔", HARUTO}, {"髙橋陽翔", HARUTO}, {"高橋 陽翔", HARUTO},
		{"高橋　陽翔", HARUTO}, {"ﾀｶﾊｼ ﾊﾙﾄ", HARUTO}, {"タカハシハルト", HARUTO},
		{"たかはし　はると", HARUTO}, {"高橋", TAKAHASHI}, {"髙", TAKAHASHI},
		{"齋藤", SAITO1}, {"斎藤", SAITO1}, {"斉藤", SAITO1}, {"齊藤一郎", SAITO1},
		{"ｻｲﾄｳ", SAITO1}, {"さいとう", SAITO1}, {"サイトウ", SAITO1},
		{"ｻｲﾄｳ", SAITO2}, {"さいとうはな", SAITO2}, {"齋藤花", SAITO2},
		{"渡辺", WATANABE}, {"渡邊", WATANABE}, {"渡邉翔", WATANABE},
		{"山崎", YAMASAKI}, {"山﨑", YAMASAKI}, {"山崎優", YAMASAKI},
		{"ゆ～き", YUKI}, {"ゆ〜き", YUKI}, {"山田ゆ~き", YUKI}, {"ﾕｰｷ", YUKI},
		{"jones", JONES}, {"ＪＯＮＥＳ", JONES}, {"Jones Anna", JONES}, {"ｊｏｎ", JONES},
		{"090-0000-1234", HARUTO}, {"09000001234", HARUTO},
		{"０９０－００００－１２３４", HARUTO}, {"080-1111-2222", SAITO2},
		{"1234", HARUTO},
	};

	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		find(f, pairs[i].q);
		if (!found(f, id_of(f, pairs[i].w)))
			fail_msg("%s: person %d not found (%zu hits, route %d)", pairs[i].q,
				 (int)pairs[i].w, f->r.n, (int)f->r.route);
	}
}

static void test_misses(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *q;
		enum who w;
	} misses[] = {
		{"川埼", KAWASAKI},     /* 崎 and 埼 are different characters */
		{"埼", KAWASAKI},
		{"高橋", TAKANASHI},    /* 高梨 is not 高橋 */
		{"高梨", TAKAHASHI},
		{"たかはし", TAKANASHI},
		{"橋", HARUTO},         /* 1-2 characters match at the start only */
		{"陽", SAITO1},
		{"い", SAITO1},         /* いちろう is the given reading: it starts with い... */
		{"はると", SAITO1},
		{"さいとうい", SAITO2},
		{"0000-9999", HARUTO},
		{"090-1111", SAITO2},
	};

	for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
		find(f, misses[i].q);
		if (i == 7) {
			/* ...so 「い」 does find 一郎 by his given reading, and 花 not */
			assert_true(found(f, f->saito1));
			assert_false(found(f, f->saito2));
			continue;
		}
		if (found(f, id_of(f, misses[i].w)))
			fail_msg("%s must not find person %d", misses[i].q, (int)misses[i].w);
	}
	/* a 1-character query finds only names or readings starting with it */
	find(f, "橋");
	assert_int_equal(f->r.n, 0);
	find(f, "ゆ");
	for (size_t i = 0; i < f->r.n; i++)
		assert_true(strstr(f->r.hits[i].kana, "ゆ") != NULL);
	assert_true(found(f, f->yuki) && found(f, f->yamasaki));
}

/* ---- routing and ranking ---------------------------------------------------- */

static void test_routes(void **state)
{
	struct fx *f = *state;

	find(f, "髙");
	assert_int_equal(f->r.route, SEARCH_ROUTE_SHORT);
	assert_int_equal(f->r.n, 8); /* 6 髙橋/高橋 and the 高梨 by name... */
	assert_true(found(f, f->takanashi));
	find(f, "はる");
	assert_int_equal(f->r.route, SEARCH_ROUTE_SHORT);
	assert_int_equal(f->r.n, 3); /* given readings はると, はるか, はるか */
	assert_true(found(f, f->haruto) && found(f, f->haruka_child) && found(f, f->haruka_adult));
	find(f, "はると");
	assert_int_equal(f->r.route, SEARCH_ROUTE_LONG);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].person_id, f->haruto);
	/* substring only from 3 characters on */
	find(f, "橋陽");
	assert_int_equal(f->r.n, 0);
	find(f, "橋陽翔");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_SUBSTRING);
	find(f, "しはる");
	assert_int_equal(f->r.n, 3);
	/* family name converted, given name still in kana, as on the intake
	 * screen while the IME is busy */
	find(f, "高橋 はる");
	assert_int_equal(f->r.n, 3);
	assert_true(found(f, f->haruto) && found(f, f->haruka_child) && found(f, f->haruka_adult));
	find(f, "髙橋 はると");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_EXACT);
	find(f, "高橋 ゆう");
	assert_int_equal(f->r.n, 0);
}

static void test_ranking(void **state)
{
	struct fx *f = *state;

	/* the person whose whole name is 高橋 comes first, then prefixes */
	find(f, "髙橋");
	assert_int_equal(f->r.hits[0].person_id, f->takahashi);
	assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_EXACT);
	for (size_t i = 1; i < f->r.n; i++)
		assert_int_equal(f->r.hits[i].rank, SEARCH_RANK_PREFIX);
	assert_int_equal(f->r.n, 7);
	find(f, "たかはし");
	assert_int_equal(f->r.hits[0].person_id, f->takahashi);
	assert_false(found(f, f->takanashi));
	/* exact reading before prefix before substring */
	find(f, "さいとう");
	assert_int_equal(f->r.n, 2);
	find(f, "サイトウイチロウ");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_EXACT);
	find(f, "かはし");
	for (size_t i = 0; i < f->r.n; i++)
		assert_int_equal(f->r.hits[i].rank, SEARCH_RANK_SUBSTRING);
	assert_int_equal(f->r.n, 7);
	/* ranks never go down the list */
	find(f, "たか");
	for (size_t i = 1; i < f->r.n; i++)
		assert_true(f->r.hits[i - 1].rank <= f->r.hits[i].rank);
}

static void test_birth(void **state)
{
	struct fx *f = *state;
	const char *forms[] = {"R6.4.1", "2024/4/1", "令和6年4月1日", "2024-04-01", "R06.04.01",
			       "２０２４／４／１", NULL};

	for (int i = 0; forms[i]; i++) {
		char *q = xasprintf("たかはし %s", forms[i]);

		find(f, q);
		assert_int_equal(f->r.route, SEARCH_ROUTE_BIRTH);
		if (f->r.n != 1 || f->r.hits[0].person_id != f->minato)
			fail_msg("%s: %zu hits", q, f->r.n);
		free(q);
		find(f, forms[i]); /* the date alone */
		assert_int_equal(f->r.n, 1);
		assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_OTHER);
	}
	find(f, "H31.4.2 髙橋");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].person_id, f->haruto);
	find(f, "平成31年4月2日 はると");
	assert_int_equal(f->r.n, 1);
	find(f, "H31.4.2 はるか"); /* the date narrows: 遥 and 春香 were born elsewhen */
	assert_int_equal(f->r.n, 0);
	find(f, "H31.4.2 0234-56-7890");
	assert_int_equal(f->r.n, 1);
	find(f, "H31.4.2 0800");
	assert_int_equal(f->r.n, 0);
}

static void test_phone(void **state)
{
	struct fx *f = *state;

	find(f, "090-0000-1234");
	assert_int_equal(f->r.route, SEARCH_ROUTE_PHONE);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].rank, SEARCH_RANK_EXACT);
	/* the household's number finds every current member */
	find(f, "0234-56-7890");
	assert_int_equal(f->r.n, 3);
	assert_true(found(f, f->haruto) && found(f, f->kenichi) && found(f, f->misaki));
	find(f, "0234-56-7890 けんいち");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].person_id, f->kenichi);
	find(f, "080-1111-2222");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].person_id, f->saito2);
	find(f, "090-9999-9999");
	assert_int_equal(f->r.n, 0);
}

/* ---- what a hit carries ------------------------------------------------------- */

static void test_hit_details(void **state)
{
	struct fx *f = *state;
	const struct search_hit *h;

	find(f, "はると");
	h = hit(f, f->haruto);
	assert_string_equal(h->name, "髙橋 陽翔");
	assert_string_equal(h->kana, "たかはし はると");
	assert_int_equal(h->birth.y, 2019);
	assert_true(h->age >= 6);
	assert_int_equal(h->household_id, f->household);
	assert_non_null(strstr(h->members, "髙橋 健一(実父)"));
	assert_non_null(strstr(h->members, "髙橋 美咲(実母)"));
	assert_null(strstr(h->members, "陽翔"));
	assert_true(h->case_id > 0);
	assert_true(strlen(h->case_no) > 0);
	assert_string_equal(h->registration, "要保護児童");
	assert_true(strlen(h->status) > 0);
	assert_string_equal(h->lead, "支援 太郎");
	assert_int_equal(h->intakes, 1);
	assert_int_equal(h->cases, 1);
	assert_int_equal(h->last_contact.y, 2026);
	assert_int_equal(h->last_contact.m, 1);
	assert_string_equal(h->last_contact_kind, "家庭訪問");
	assert_int_equal(h->years_since_closed, -1);
	find(f, "はるか");
	h = hit(f, f->haruka_adult);
	assert_string_equal(h->kana, "タカハシ ハルカ");
	assert_int_equal(h->case_id, 0);
	assert_string_equal(h->case_no, "");
	assert_int_equal(h->cases, 1);
	assert_int_equal(h->years_since_closed, 3);
	h = hit(f, f->haruka_child);
	assert_int_equal(h->cases, 0);
	assert_int_equal(h->intakes, 0);
	assert_int_equal(h->household_id, 0);
	assert_string_equal(h->members, "");
	assert_int_equal(h->last_contact.y, 0);
	assert_int_equal(h->years_since_closed, -1);
}

/* ---- key maintenance ---------------------------------------------------------- */

static void test_keys_follow_updates(void **state)
{
	struct fx *f = *state;
	struct person p;
	struct household h;

	assert_int_equal(person_get(f->db, &f->worker, f->takanashi, &p, &f->e), 0);
	free(p.family_name);
	free(p.family_kana);
	p.family_name = xstrdup("佐々木");
	p.family_kana = xstrdup("ささき");
	assert_int_equal(person_update(f->db, &f->worker, &p, &f->e), 0);
	person_release(&p);
	find(f, "高梨");
	assert_false(found(f, f->takanashi));
	find(f, "たかなし");
	assert_int_equal(f->r.n, 0);
	find(f, "佐々木");
	assert_true(found(f, f->takanashi));
	find(f, "ｻｻｷ");
	assert_true(found(f, f->takanashi));
	/* a new household phone replaces the old one for every member */
	assert_int_equal(household_get(f->db, &f->worker, f->household, &h, &f->e), 0);
	free(h.phone);
	h.phone = xstrdup("0234-11-2233");
	assert_int_equal(household_update(f->db, &f->worker, &h, &f->e), 0);
	household_release(&h);
	find(f, "0234-56-7890");
	assert_int_equal(f->r.n, 0);
	find(f, "0234112233");
	assert_int_equal(f->r.n, 3);
	/* a new member gets the household's number at once */
	assert_int_equal(household_add_member(f->db, &f->worker, f->household, f->minato, NULL,
					      &f->e), 0);
	find(f, "0234112233");
	assert_int_equal(f->r.n, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM person_key"),
			 count(f, "SELECT count(*) FROM person"));
}

static void test_rebuild(void **state)
{
	struct fx *f = *state;
	int64_t changed = -1, total = -1;
	char msg[256];

	assert_int_equal(search_rebuild(f->db, &f->worker, &changed, &total, &f->e), TSU_EPERM);
	assert_int_equal(search_rebuild(f->db, &f->boss, &changed, &total, &f->e), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(total, count(f, "SELECT count(*) FROM person"));
	/* the sqlite3 shell cannot write persons: the key triggers need tsunagu */
	assert_int_not_equal(raw(f, "UPDATE person SET family_name = '佐藤' WHERE family_name"
				    " = '川崎'", true, msg, sizeof msg), SQLITE_OK);
	assert_non_null(strstr(msg, "tsu_key_variant"));
	/* written with triggers off, the keys go stale until a rebuild */
	assert_int_equal(raw(f, "UPDATE person SET family_name = '佐藤' WHERE family_name"
				" = '川崎'", false, NULL, 0), SQLITE_OK);
	find(f, "佐藤誠");
	assert_int_equal(f->r.n, 0);
	assert_int_equal(search_rebuild(f->db, &f->boss, &changed, &total, &f->e), 0);
	assert_int_equal(changed, 1);
	find(f, "佐藤誠");
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.hits[0].person_id, f->kawasaki);
	find(f, "川崎");
	assert_int_equal(f->r.n, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'search.rebuild'"), 2);
}

/* ---- audit and check ------------------------------------------------------------ */

static void test_audit(void **state)
{
	struct fx *f = *state;
	struct search_session s;
	const char *typed[] = {"髙", "髙橋", "髙橋 は", "髙橋 はる", "髙橋 はると"};
	long long before = count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'");

	find(f, "齋藤");
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"),
			 before + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"
				  " AND staff_id IS NOT NULL AND detail LIKE '%2 件%'"
				  " AND detail NOT LIKE '%齋藤%'"), 1);
	/* the pane: one row per session, none per keystroke */
	search_session_begin(&s);
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
		assert_int_equal(search_persons(f->db, &f->worker, typed[i], 10, &s, &f->r, &f->e), 0);
	assert_int_equal(s.lookups, 5);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"),
			 before + 1);
	assert_int_equal(search_session_end(f->db, &f->worker, &s, f->r.hits[0].person_id, &f->e),
			 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"),
			 before + 2);
	char *sql = xasprintf("SELECT count(*) FROM audit WHERE action = 'person.search'"
			      " AND entity = 'person' AND entity_id = %lld AND detail LIKE '%%5 回%%'",
			      (long long)f->haruto);
	assert_int_equal(count(f, sql), 1);
	free(sql);
	/* the kinds of lookup are listed without a stray separator */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"
				  " AND detail LIKE '照会 (%' AND detail NOT LIKE '照会 (・%'"), 2);
	/* an empty session writes nothing */
	assert_int_equal(s.lookups, 0);
	assert_int_equal(search_session_end(f->db, &f->worker, &s, 0, &f->e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'person.search'"),
			 before + 2);
}

static void test_check(void **state)
{
	struct fx *f = *state;
	struct sbuf out = {0};
	struct db *ro = NULL;

	if (db_check(f->db, true, &out, &f->e) != 0)
		fail_msg("check: %s\n%s", f->e.msg, out.buf);
	assert_non_null(strstr(out.buf, "全文検索索引 (1 表): 正常"));
	sbuf_reset(&out);
	/* read-only, as tsunagu check opens it */
	if (db_open(f->path, DB_READONLY, &ro, &f->e) != 0)
		fail_msg("open read-only: %s", f->e.msg);
	if (db_check(ro, false, &out, &f->e) != 0)
		fail_msg("check read-only: %s\n%s", f->e.msg, out.buf);
	db_close(&ro);
	/* a damaged index is found */
	assert_int_equal(raw(f, "UPDATE person_key SET name_key = 'x' WHERE rowid = 1", false, NULL,
			     0), SQLITE_OK);
	sbuf_reset(&out);
	assert_int_equal(db_check(f->db, false, &out, &f->e), TSU_EDB);
	assert_non_null(strstr(out.buf, "person_key_fts"));
	sbuf_release(&out);
}

static void test_explain(void **state)
{
	struct sbuf out = {0};

	(void)state;
	testutil_init_core();
	assert_int_equal(search_explain("", 10, &out), SEARCH_ROUTE_NONE);
	assert_int_equal(out.len, 0);
	assert_int_equal(search_explain("髙橋", 10, &out), SEARCH_ROUTE_SHORT);
	/* the key goes in as hex: 高橋 = E9AB98 E6A98B */
	assert_non_null(strstr(out.buf, ".parameter set ?1 \"CAST(x'E9AB98E6A98B' AS TEXT)\""));
	assert_non_null(strstr(out.buf, ".parameter set ?2 10\n"));
	assert_non_null(strstr(out.buf, "person_key"));
	sbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_pairs_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_birth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_details, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_follow_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebuild, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
