/* test_schema.c: opening and migrating, refusing newer files untouched, the
 * code-list and urgency loaders (malformed files named by file:line,
 * re-sync marking vanished codes inactive) and the urgency rule on all 3^8
 * answer combinations. Bad input first. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu/codes.h"
#include "tsunagu/db.h"
#include "tsunagu/urgency.h"
#include "tsunagu/util.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

static struct db *fresh(const char *name)
{
	char *path = testutil_path(name);
	struct tsu_err e;
	struct db *db = NULL;

	err_clear(&e);
	if (db_open(path, DB_CREATE, &db, &e) != 0)
		fail_msg("db_open %s: %s", path, e.msg);
	free(path);
	return db;
}

static void test_open_bad_input(void **state)
{
	struct tsu_err e;
	struct db *db = (struct db *)1;
	char *missing = testutil_path("no/such/dir/x.db");
	char *junk = testutil_path("junk.db");
	size_t n1, n2;
	char *before, *after;

	(void)state;
	err_clear(&e);
	assert_int_equal(db_open("", DB_CREATE, &db, &e), TSU_EINVAL);
	assert_null(db);
	assert_int_equal(db_open(missing, 0, &db, &e), TSU_ENOTFOUND);
	assert_non_null(strstr(e.msg, missing));
	assert_null(db);
	/* a file that is not a database is reported and left alone */
	write_file(junk, "this is not a database, just some text that is long enough........"
			 "....................................................................");
	before = slurp(junk, &n1);
	assert_true(db_open(junk, DB_CREATE, &db, &e) < 0);
	assert_null(db);
	assert_non_null(strstr(e.msg, "junk.db"));
	after = slurp(junk, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
	free(missing);
	free(junk);
	db_close(&db);
	db_close(NULL);
}

static void test_migrate_empty_file(void **state)
{
	struct db *db = fresh("sub/dir/new.db");
	struct tsu_err e;
	struct code *codes;
	size_t n;
	char *s;

	(void)state;
	err_clear(&e);
	assert_true(db_schema_version_supported() >= 1);
	assert_int_equal(db_schema_version(db), db_schema_version_supported());
	assert_int_equal(codes_list(db, "status", false, &codes, &n, &e), 0);
	assert_int_equal(n, 8);
	assert_string_equal(codes[0].code, "RCV");
	assert_string_equal(codes[0].label, "受付");
	codes_free(codes, n);
	/* local codes roll up to national ones */
	s = codes_national(db, "consult_type", "YG2L1", &e);
	assert_string_equal(s, "YG2");
	free(s);
	s = codes_national(db, "consult_type", "YG1", &e);
	assert_string_equal(s, "YG1");
	free(s);
	assert_null(codes_national(db, "consult_type", "nope", &e));
	assert_int_equal(e.code, TSU_ENOTFOUND);
	s = codes_label(db, "abuse_type", "NG");
	assert_string_equal(s, "保護の怠慢・拒否(ネグレクト)");
	free(s);
	s = codes_label(db, "abuse_type", "XX");
	assert_string_equal(s, "XX");
	free(s);
	assert_true(codes_valid(db, "route", "FAM1"));
	assert_false(codes_valid(db, "route", "NOPE"));
	assert_false(codes_valid(db, "route", NULL));
	/* reopening an up-to-date file migrates nothing */
	db_close(&db);
	db = fresh("sub/dir/new.db");
	assert_int_equal(db_schema_version(db), db_schema_version_supported());
	db_close(&db);
}

static void test_newer_file_refused_untouched(void **state)
{
	char *path = testutil_path("newer.db");
	char sql[128];
	struct tsu_err e;
	struct db *db = NULL;
	size_t n1, n2;
	char *before, *after;
	struct stat st;

	(void)state;
	snprintf(sql, sizeof sql, "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
				  "PRAGMA user_version = %d;", db_schema_version_supported() + 1);
	raw_exec(path, sql);
	before = slurp(path, &n1);
	err_clear(&e);
	assert_int_equal(db_open(path, DB_CREATE, &db, &e), TSU_ENEWER);
	assert_null(db);
	assert_non_null(strstr(e.msg, "新しい版"));
	assert_int_equal(db_open(path, DB_READONLY, &db, &e), TSU_ENEWER);
	after = slurp(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	/* not switched to WAL either */
	{
		char *wal = xasprintf("%s-wal", path);
		assert_int_not_equal(stat(wal, &st), 0);
		free(wal);
	}
	free(before);
	free(after);
	free(path);
}

static void test_no_migrate_and_readonly(void **state)
{
	char *path = testutil_path("old.db");
	struct tsu_err e;
	struct db *db = NULL;

	(void)state;
	raw_exec(path, "CREATE TABLE t (x);");
	err_clear(&e);
	assert_int_equal(db_open(path, DB_NO_MIGRATE, &db, &e), TSU_EINVAL);
	assert_int_equal(db_open(path, DB_READONLY, &db, &e), TSU_EINVAL);
	assert_int_equal(db_open(path, 0, &db, &e), 0);
	db_close(&db);
	assert_int_equal(db_open(path, DB_READONLY, &db, &e), 0);
	assert_int_equal(db_schema_version(db), db_schema_version_supported());
	db_close(&db);
	free(path);
}

/* Load a one-file code list and expect a file:line error mentioning want. */
static void bad_codes(struct db *db, const char *text, int line, const char *want)
{
	char *path = testutil_path("bad_list.tsv");
	char *where;
	struct tsu_err e;

	write_file(path, text);
	err_clear(&e);
	assert_int_equal(codes_load_file(db, path, &e), TSU_EINVAL);
	where = xasprintf("%s:%d: ", path, line);
	if (!strstr(e.msg, where) || !strstr(e.msg, want))
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", e.msg, where, want);
	free(where);
	free(path);
}

static void test_code_loader_rejects_malformed(void **state)
{
	struct db *db = fresh("codes.db");
	struct code *codes;
	size_t n;
	struct tsu_err e;

	(void)state;
	bad_codes(db, "# header\nA\tいち\nB\n", 3, "列の数");
	bad_codes(db, "A\tいち\nB\tに\tA\tA\tX\n", 2, "列の数");
	bad_codes(db, "# c\n\nあ\tいち\n", 3, "半角英数字");
	bad_codes(db, "A\tいち\nA\tに\n", 2, "重複");
	bad_codes(db, "A\tいち\nB\tに\tZ\n", 2, "親コード");
	bad_codes(db, "A\tいち\nB\tに\t\tQ\n", 2, "国の分類");
	bad_codes(db, "A\t\n", 1, "名称が空");
	bad_codes(db, "A\t\xff\xfe\n", 1, "UTF-8");
	bad_codes(db, "# nothing\n", 1, "1 件もありません");
	/* nothing of the bad list reached the table */
	err_clear(&e);
	assert_int_equal(codes_list(db, "bad_list", true, &codes, &n, &e), 0);
	assert_int_equal(n, 0);
	codes_free(codes, n);
	db_close(&db);
}

static void test_code_resync_marks_inactive(void **state)
{
	struct db *db = fresh("resync.db");
	char *path = testutil_path("colours.tsv");
	struct tsu_err e;
	struct code *codes;
	struct code c;
	size_t n;

	(void)state;
	err_clear(&e);
	write_file(path, "R\t赤\nG\t緑\nB\t青\n");
	assert_int_equal(codes_load_file(db, path, &e), 0);
	write_file(path, "B\t青色\nR\t赤\n");
	assert_int_equal(codes_load_file(db, path, &e), 0);
	assert_int_equal(codes_list(db, "colours", false, &codes, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(codes[0].code, "B"); /* file order */
	assert_string_equal(codes[0].label, "青色");
	codes_free(codes, n);
	assert_int_equal(codes_list(db, "colours", true, &codes, &n, &e), 0);
	assert_int_equal(n, 3);
	codes_free(codes, n);
	assert_int_equal(codes_get(db, "colours", "G", &c, &e), 0);
	assert_false(c.active);
	code_release(&c);
	code_release(&c);
	assert_false(codes_valid(db, "colours", "G"));
	free(path);
	db_close(&db);
}

static void test_sync_data_dir(void **state)
{
	struct db *db = fresh("sync.db");
	char *dir = testutil_path("data2");
	char *cdir = xasprintf("%s/codes", dir);
	char *p;
	struct tsu_err e;

	(void)state;
	err_clear(&e);
	/* missing directory */
	assert_int_equal(db_sync_data(db, dir, &e), TSU_ENOTFOUND);
	mkdir(dir, 0700);
	mkdir(cdir, 0700);
	p = xasprintf("%s/severity.tsv", cdir);
	write_file(p, "X\tえっくす\n");
	free(p);
	/* codes fine, urgency files missing: the whole sync is undone */
	assert_int_equal(db_sync_data(db, dir, &e), TSU_ENOTFOUND);
	assert_non_null(strstr(e.msg, "urgency.tsv"));
	assert_false(codes_valid(db, "severity", "X"));
	assert_true(codes_valid(db, "severity", "LIFE"));
	/* and the real data dir syncs cleanly again */
	assert_int_equal(db_sync_data(db, NULL, &e), 0);
	free(cdir);
	free(dir);
	db_close(&db);
}

static void bad_rule(struct db *db, const char *qtext, const char *rtext, const char *file,
		     int line, const char *want)
{
	char *q = testutil_path("q.tsv"), *r = testutil_path("r.tsv");
	char *where = xasprintf("%s:%d: ", !strcmp(file, "q") ? q : r, line);
	struct tsu_err e;

	write_file(q, qtext);
	write_file(r, rtext);
	err_clear(&e);
	assert_int_equal(urgency_load(db, q, r, &e), TSU_EINVAL);
	if (!strstr(e.msg, where) || !strstr(e.msg, want))
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", e.msg, where, want);
	free(where);
	free(q);
	free(r);
}

static void test_urgency_loader_rejects_malformed(void **state)
{
	struct db *db = fresh("urg_bad.db");
	static const char q[] = "1\t保護を求めている\n2\t差し迫っている\n";
	enum urgency_answer a[URGENCY_QUESTIONS] = {URG_YES};
	struct urgency_result res;
	struct tsu_err e;

	(void)state;
	bad_rule(db, "x\t問\n", "grade\t1\tAA\t理由\n", "q", 1, "番号");
	bad_rule(db, q, "grade\t1\tAAA\t理由\n", "r", 1, "AA, A, B, C");
	bad_rule(db, q, "# c\ngrade\t9\tA\t理由\n", "r", 2, "設問 9");
	bad_rule(db, q, "grade\t1\tA\n", "r", 1, "grade<TAB>");
	bad_rule(db, q, "grade\t1\tA\tr\nseverity\tNOPE\tCGC\n", "r", 2, "重症度");
	bad_rule(db, q, "grade\t1\tA\tr\nseverity\tLIFE\tNOPE\n", "r", 2, "対応機関");
	bad_rule(db, q, "rule\t1\tA\tr\n", "r", 1, "grade か severity");
	bad_rule(db, q, "# none\n", "r", 1, "1 件もありません");
	/* the loaded rule is untouched by the failed loads */
	err_clear(&e);
	assert_int_equal(urgency_grade(db, a, &res, &e), 0);
	assert_string_equal(res.grade, "AA");
	a[0] = (enum urgency_answer)7;
	assert_int_equal(urgency_grade(db, a, &res, &e), TSU_EINVAL);
	db_close(&db);
}

/* The rule of GUIDE section 3, written independently of the data. */
static const char *expected_grade(const enum urgency_answer a[8], int *q)
{
	static const char *const g[8] = {"AA", "AA", "AA", "A", "B", "B", "C", "C"};

	for (int i = 0; i < 8; i++) {
		if (a[i] == URG_YES) {
			*q = i + 1;
			return g[i];
		}
	}
	*q = 0;
	return "";
}

static void test_urgency_all_combinations(void **state)
{
	struct db *db = fresh("urg.db");
	enum urgency_answer a[URGENCY_QUESTIONS];
	struct urgency_result res;
	struct tsu_err e;
	int combos = 0;

	(void)state;
	err_clear(&e);
	for (int k = 0; k < 6561; k++) {
		int v = k, q;
		const char *want;

		for (int i = 0; i < 8; i++, v /= 3)
			a[i] = (enum urgency_answer)(v % 3);
		want = expected_grade(a, &q);
		if (urgency_grade(db, a, &res, &e) != 0)
			fail_msg("urgency_grade: %s", e.msg);
		if (strcmp(res.grade, want) || res.question != q)
			fail_msg("combination %d: got %s (%d), want %s (%d)", k, res.grade,
				 res.question, want, q);
		if (q && !strstr(res.reason, "に該当"))
			fail_msg("combination %d: reason \"%s\"", k, res.reason);
		combos++;
	}
	assert_int_equal(combos, 6561);
	db_close(&db);
}

static void test_urgency_questions_and_handler(void **state)
{
	struct db *db = fresh("urgq.db");
	struct urgency_question *q;
	struct urgency_result res;
	enum urgency_answer a[URGENCY_QUESTIONS] = {URG_UNKNOWN, URG_NO, URG_UNKNOWN, URG_NO,
						    URG_NO, URG_UNKNOWN, URG_YES, URG_NO};
	char *h, *note;
	size_t n;
	struct tsu_err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(urgency_questions(db, &q, &n, &e), 0);
	assert_int_equal(n, 8);
	assert_int_equal(q[2].no, 3);
	assert_non_null(strstr(q[6].text, "保護者に虐待につながる危険"));
	urgency_questions_free(q, n);
	assert_int_equal(urgency_grade(db, a, &res, &e), 0);
	assert_string_equal(res.grade, "C");
	assert_string_equal(res.reason, "⑦に該当: 継続的・総合的な援助");
	assert_int_equal(urgency_handler(db, "MODERATE", &h, &note, &e), 0);
	assert_string_equal(h, "BOTH");
	free(h);
	free(note);
	assert_int_equal(urgency_handler(db, "NOPE", &h, &note, &e), TSU_ENOTFOUND);
	assert_null(h);
	db_close(&db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_bad_input),
		cmocka_unit_test(test_migrate_empty_file),
		cmocka_unit_test(test_newer_file_refused_untouched),
		cmocka_unit_test(test_no_migrate_and_readonly),
		cmocka_unit_test(test_code_loader_rejects_malformed),
		cmocka_unit_test(test_code_resync_marks_inactive),
		cmocka_unit_test(test_sync_data_dir),
		cmocka_unit_test(test_urgency_loader_rejects_malformed),
		cmocka_unit_test(test_urgency_all_combinations),
		cmocka_unit_test(test_urgency_questions_and_handler),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
