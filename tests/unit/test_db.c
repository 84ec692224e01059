/* test_db.c: connection settings, transactions (nesting, TSU_EBUSY),
 * data_version, the consistency check (healthy, foreign-key violation, FTS
 * tables), the append-only audit table and the online backup while another
 * process writes. Raw SQL stays inside this file, through sqlite3 directly.
 * Bad input first. */
#include "testutil.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tsunagu/audit.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

static struct db *fresh(const char *name, char **path_out)
{
	char *path = testutil_path(name);
	struct tsu_err e;
	struct db *db = NULL;

	err_clear(&e);
	if (db_open(path, DB_CREATE, &db, &e) != 0)
		fail_msg("db_open %s: %s", path, e.msg);
	if (path_out)
		*path_out = path;
	else
		free(path);
	return db;
}

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	return h;
}

static int raw_exec(sqlite3 *h, const char *sql, char **msg)
{
	return sqlite3_exec(h, sql, NULL, NULL, msg);
}

static long long raw_count(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_transactions_bad_use(void **state)
{
	struct db *db = fresh("tx.db", NULL);
	struct tsu_err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(db_commit(db, &e), TSU_EINVAL);
	db_rollback(db); /* harmless without a transaction */
	db_rollback(NULL);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(db_begin_write(db, &e), TSU_EINVAL);
	assert_int_equal(db_begin_read(db, &e), TSU_EINVAL);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(db_begin_read(db, &e), 0);
	/* a model write inside a read transaction is refused, not upgraded */
	assert_int_equal(staff_add(db, NULL, "boss", "所長", ROLE_DIRECTOR, NULL, &e), TSU_EINVAL);
	db_rollback(db);
	db_close(&db);
}

static void test_connection_settings(void **state)
{
	char *path;
	struct db *db = fresh("settings.db", &path);
	sqlite3 *h = raw_open(path);
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_string_equal(db_path(db), path);
	sqlite3_close(h);
	db_close(&db);
	free(path);
}

static void test_busy_when_locked(void **state)
{
	char *path;
	struct db *db = fresh("busy.db", &path);
	sqlite3 *h = raw_open(path);
	struct tsu_err e;

	(void)state;
	assert_int_equal(raw_exec(h, "BEGIN IMMEDIATE", NULL), SQLITE_OK);
	err_clear(&e);
	assert_int_equal(db_begin_write(db, &e), TSU_EBUSY);
	assert_non_null(strstr(e.msg, "使用中"));
	assert_non_null(strstr(e.msg, "busy.db"));
	raw_exec(h, "ROLLBACK", NULL);
	assert_int_equal(db_begin_write(db, &e), 0);
	db_rollback(db);
	sqlite3_close(h);
	db_close(&db);
	free(path);
}

static void test_data_version(void **state)
{
	char *path;
	struct db *db = fresh("dv.db", &path);
	struct db *other = fresh("dv.db", NULL);
	struct tsu_err e;

	(void)state;
	err_clear(&e);
	db_changed(db);
	assert_false(db_changed(db));
	/* another screen that only audited a read is not a change: reacting to
	 * it would make every open screen reload (and audit) for ever */
	assert_int_equal(audit_append(other, NULL, "test.read", NULL, 0, NULL, &e), 0);
	assert_false(db_changed(db));
	/* a record written by another connection is */
	assert_int_equal(staff_add(other, NULL, "dvtest", "変更 検知", ROLE_COORDINATOR, NULL, &e), 0);
	assert_true(db_changed(db));
	assert_false(db_changed(db));
	/* its own writes do not count */
	assert_int_equal(audit_append(db, NULL, "test.self", NULL, 0, NULL, &e), 0);
	assert_false(db_changed(db));
	db_close(&other);
	db_close(&db);
	free(path);
}

static void test_check_healthy_and_fk_violation(void **state)
{
	char *path;
	struct db *db = fresh("check.db", &path);
	struct sbuf out = {0};
	struct tsu_err e;
	sqlite3 *h;

	(void)state;
	err_clear(&e);
	assert_int_equal(db_check(db, false, &out, &e), 0);
	assert_non_null(strstr(out.buf, "quick_check"));
	assert_null(strstr(out.buf, "問題あり"));
	sbuf_reset(&out);
	assert_int_equal(db_check(db, true, &out, &e), 0);
	assert_non_null(strstr(out.buf, "integrity_check"));
	sbuf_reset(&out);
	/* a note pointing at a case that does not exist, written with FKs off */
	h = raw_open(path);
	assert_int_equal(raw_exec(h, "PRAGMA foreign_keys = OFF;"
				     "INSERT INTO note (case_id, kind, at, content, staff_id)"
				     " VALUES (4242, 'TEL', '2026-04-01 10:00', 'x', 99);",
				  NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_check(db, false, &out, &e), TSU_EDB);
	assert_non_null(strstr(out.buf, "表 note"));
	assert_non_null(strstr(out.buf, "cases"));
	assert_non_null(strstr(e.msg, "問題"));
	sbuf_release(&out);
	db_close(&db);
	free(path);
}

static void test_check_fts_tables(void **state)
{
	char *path;
	struct db *db = fresh("fts.db", &path);
	struct sbuf out = {0};
	struct tsu_err e;
	sqlite3 *h = raw_open(path);

	(void)state;
	assert_int_equal(raw_exec(h, "CREATE VIRTUAL TABLE k USING fts5 (name, tokenize='trigram');"
				     "INSERT INTO k VALUES ('やまだたろう');",
				  NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	err_clear(&e);
	assert_int_equal(db_check(db, false, &out, &e), 0);
	assert_non_null(strstr(out.buf, "全文検索索引 (2 表): 正常")); /* person_key_fts and k */
	sbuf_release(&out);
	db_close(&db);
	free(path);
}

static void test_audit_append_only(void **state)
{
	char *path;
	struct db *db = fresh("audit.db", &path);
	struct tsu_err e;
	sqlite3 *h;
	char *msg = NULL;

	(void)state;
	err_clear(&e);
	assert_int_equal(audit_append(db, NULL, NULL, NULL, 0, NULL, &e), TSU_EINVAL);
	assert_int_equal(audit_append(db, NULL, "test.one", "case", 1, "detail", &e), 0);
	h = raw_open(path);
	assert_int_equal(raw_exec(h, "UPDATE audit SET action = 'x'", &msg), SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "監査ログは変更できません"));
	sqlite3_free(msg);
	assert_int_equal(raw_exec(h, "DELETE FROM audit", &msg), SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "削除できません"));
	sqlite3_free(msg);
	assert_int_equal(raw_count(h, "SELECT count(*) FROM audit WHERE action = 'test.one'"), 1);
	sqlite3_close(h);
	db_close(&db);
	free(path);
}

/* A child that appends audit rows as fast as it can until killed. */
static pid_t start_writer(const char *path)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *db = NULL;
		struct tsu_err e;

		if (db_open(path, 0, &db, &e) != 0)
			_exit(3);
		for (;;)
			if (audit_append(db, NULL, "test.writer", NULL, 0, "xxxxxxxxxxxxxxxxxxxxxxxx",
					 &e) != 0 && e.code != TSU_EBUSY)
				_exit(4);
	}
	return pid;
}

static void test_backup_while_writing(void **state)
{
	char *path, *dest = testutil_path("backup/copy.db");
	struct db *db = fresh("live.db", &path);
	struct db *copy = NULL;
	struct sbuf out = {0};
	struct tsu_err e;
	pid_t pid;
	int status;

	(void)state;
	err_clear(&e);
	assert_int_equal(db_backup(db, "", &e), TSU_EINVAL);
	assert_int_equal(db_backup(db, path, &e), TSU_EINVAL); /* never overwrite */
	assert_non_null(strstr(e.msg, "すでに存在"));
	for (int i = 0; i < 2000; i++)
		audit_append(db, NULL, "test.fill", NULL, i, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
			     &e);
	pid = start_writer(path);
	usleep(100000);
	if (db_backup(db, dest, &e) != 0)
		fail_msg("db_backup: %s", e.msg);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status)); /* the writer was still running */
	assert_int_equal(db_open(dest, DB_NO_MIGRATE, &copy, &e), 0);
	assert_int_equal(db_check(copy, true, &out, &e), 0);
	db_close(&copy);
	{
		sqlite3 *h = raw_open(dest);
		assert_true(raw_count(h, "SELECT count(*) FROM audit WHERE action = 'test.fill'") ==
			    2000);
		sqlite3_close(h);
	}
	sbuf_release(&out);
	db_close(&db);
	free(path);
	free(dest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transactions_bad_use),
		cmocka_unit_test(test_connection_settings),
		cmocka_unit_test(test_busy_when_locked),
		cmocka_unit_test(test_data_version),
		cmocka_unit_test(test_check_healthy_and_fk_violation),
		cmocka_unit_test(test_check_fts_tables),
		cmocka_unit_test(test_audit_append_only),
		cmocka_unit_test(test_backup_while_writing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
