/* fuzz_search.c: libFuzzer target for the known-person search. Arbitrary
 * query bytes run against a small temporary database exactly as the pane
 * runs them (a session, no audit row per query). Invariants: the lookup
 * never fails (in particular no FTS5 syntax error: the query reaches FTS5
 * only as one quoted string), returns at most the limit, ranks never go
 * down the list, every hit names a real person; the parsed key holds no
 * white space; search_explain agrees with the route taken. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/key.h"
#include "tsunagu/person.h"
#include "tsunagu/search.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define check(cond) check_at((cond), __LINE__)
#define LIMIT 7

static struct db *db;
static struct staff actor;
static struct search_result res;
static struct search_session sess;
static char dir[64];

static void check_at(int cond, int line)
{
	if (!cond) {
		fprintf(stderr, "%s:%d: invariant failed\n", __FILE__, line);
		abort();
	}
}

static void die(const char *what, const struct tsu_err *e)
{
	fprintf(stderr, "fuzz_search: %s: %s\n", what, e->msg);
	abort();
}

static void add(const char *fam, const char *given, const char *fk, const char *gk, int y,
		const char *phone)
{
	struct person p = {0};
	struct tsu_err e = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)given;
	p.family_kana = (char *)fk;
	p.given_kana = (char *)gk;
	p.birth = (struct date){y, 4, 1};
	p.phone = (char *)phone;
	if (person_create(db, &actor, &p, &e) != 0)
		die("person_create", &e);
}

static void cleanup(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	search_result_release(&res);
	db_close(&db);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_search: could not remove %s\n", dir);
	free(cmd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tsu_err e = {0};
	char *path;

	check(text_init() == 0);
	if (date_load_default(&e) != 0 || key_load_default(&e) != 0)
		die("data files", &e);
	snprintf(dir, sizeof dir, "/tmp/fuzz_search-XXXXXX");
	check(mkdtemp(dir) != NULL);
	path = xasprintf("%s/f.db", dir);
	if (db_open(path, DB_CREATE, &db, &e) != 0)
		die("db_open", &e);
	free(path);
	if (staff_add(db, NULL, "fuzz", "試験 太郎", ROLE_SUPPORT, NULL, &e) != 0 ||
	    staff_by_login(db, "fuzz", &actor, &e) != 0)
		die("staff", &e);
	add("髙橋", "陽翔", "たかはし", "はると", 2019, "090-0000-1234");
	add("高橋", "遥", "タカハシ", "ハルカ", 2020, NULL);
	add("齋藤", "一郎", "ｻｲﾄｳ", "ｲﾁﾛｳ", 1985, "0234-56-7890");
	add("山﨑", NULL, "やまさき", NULL, 2011, NULL);
	add("\"*NEAR", "OR", "^-", "{a}:", 2024, "+81 (90) 1234");
	atexit(cleanup);
	search_session_begin(&sess);
	return 0;
}

static void check_key(const char *k)
{
	for (const char *p = k; *p; p++)
		check(*p != ' ' && *p != '\t' && *p != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = malloc(size + 1);
	struct search_query pq;
	struct sbuf sql = {0};
	struct tsu_err e = {0};
	int rc;

	memcpy(q, data, size);
	q[size] = '\0';
	search_parse(q, &pq);
	check_key(pq.text);
	for (const char *p = pq.digits; *p; p++)
		check(*p >= '0' && *p <= '9');
	check(search_explain(q, LIMIT, &sql) == pq.route);
	check((sql.len == 0) == (pq.route == SEARCH_ROUTE_NONE));
	rc = search_persons(db, &actor, q, LIMIT, &sess, &res, &e);
	if (rc != 0) {
		fprintf(stderr, "fuzz_search: %s\n", e.msg);
		abort();
	}
	check(res.route == pq.route);
	check(res.n <= LIMIT);
	for (size_t i = 0; i < res.n; i++) {
		check(res.hits[i].person_id >= 1 && res.hits[i].person_id <= 5);
		check(res.hits[i].name && res.hits[i].kana && res.hits[i].members);
		if (i)
			check(res.hits[i - 1].rank <= res.hits[i].rank);
	}
	search_query_release(&pq);
	sbuf_release(&sql);
	free(q);
	return 0;
}
