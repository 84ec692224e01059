/* db.c: opening the shared database file, per-connection settings,
 * transactions, the consistency check and the online backup.
 * Order on open matters: nothing that could write to the file (journal_mode,
 * migrations) runs before user_version has been read and found not newer
 * than this build, so a database from a newer tsunagu is never touched. */
#include "tsunagu/db.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db_priv.h"
#include "sql.h"
#include "sql_func.h"
#include "tsunagu/paths.h"

#define BUSY_TIMEOUT_MS 5000
#define BACKUP_PAGES 256

/* temp_store = MEMORY: the search-key triggers' statement journals otherwise
 * spill to temporary files on every person written (measured by the gen
 * work: 57 s -> 4.5 s for 20,000 persons); sorts of our result sets are small. */
static const char setup_sql[] = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"
				"PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;";

static int exec(struct db *db, const char *sql, const char *what, struct tsu_err *e)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : sql_fail(db, rc, what, e);
}

static int open_handle(struct db *db, const char *path, unsigned flags, struct tsu_err *e)
{
	int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	struct stat stbuf;
	int rc;

	if (stat(path, &stbuf) != 0) {
		if (errno != ENOENT || !(flags & DB_CREATE) || (flags & DB_READONLY))
			return err_set(e, errno == ENOENT ? TSU_ENOTFOUND : TSU_EIO,
				       "データベース %s を開けません: %s%s", path, strerror(errno),
				       errno == ENOENT ? " (tsunagu init で作成してください)" : "");
		if ((rc = paths_make_parent(path, e)) != 0)
			return rc;
		oflags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(stbuf.st_mode)) {
		return err_set(e, TSU_EIO, "データベース %s は通常のファイルではありません", path);
	}
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		sql_fail(db, rc, "データベースを開くこと", e);
		err_prefix(e, "%s", path);
		return e ? e->code : TSU_EDB;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	/* before any migration: the search-key triggers call these */
	return sql_func_register(db, e);
}

/* Refuse newer files, then switch to WAL and migrate. */
static int prepare_file(struct db *db, unsigned flags, struct tsu_err *e)
{
	int v = schema_read_version(db, e), target = db_schema_version_supported();
	int rc;

	if (v < 0) {
		err_prefix(e, "%s", db->path);
		return TSU_EDB;
	}
	if (v > target)
		return err_set(e, TSU_ENEWER,
			       "データベース %s は新しい版の tsunagu で作られています (形式 %d、"
			       "この版が扱えるのは %d まで)。ファイルには触れていません。tsunagu を"
			       "更新してください",
			       db->path, v, target);
	if ((rc = exec(db, setup_sql, "接続の設定", e)) != 0)
		return rc;
	if (flags & DB_READONLY) {
		if (v < target)
			return err_set(e, TSU_EINVAL,
				       "データベース %s は古い形式 (%d) です。書き込みできる状態で"
				       "開いて更新してください",
				       db->path, v);
		return 0;
	}
	if ((rc = exec(db, "PRAGMA journal_mode = WAL", "WAL モードへの切り替え", e)) != 0)
		return rc;
	if (v < target && (flags & DB_NO_MIGRATE))
		return err_set(e, TSU_EINVAL,
			       "データベース %s は古い形式 (%d) です。tsunagu init で更新してください",
			       db->path, v);
	return v < target ? schema_migrate(db, e) : 0;
}

int db_open(const char *path, unsigned flags, struct db **out, struct tsu_err *e)
{
	struct db *db;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return err_set(e, TSU_EINVAL, "データベースのパスが指定されていません");
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->flags = flags;
	rc = open_handle(db, path, flags, e);
	if (rc == 0)
		rc = prepare_file(db, flags, e);
	if (rc != 0) {
		db_close(&db);
		return rc;
	}
	db->data_version = -1;
	db->change_seq = -1;
	db_changed(db);
	*out = db;
	return 0;
}

void db_close(struct db **dbp)
{
	struct db *db;

	if (!dbp || !*dbp)
		return;
	db = *dbp;
	if (db->h && db->tx != DB_TX_NONE)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	sql_cache_release(db);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db);
	*dbp = NULL;
}

const char *db_path(const struct db *db)
{
	return db->path;
}

int db_schema_version(struct db *db)
{
	return schema_read_version(db, NULL);
}

static int run_id(struct db *db, enum sql_id id, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, id, e);

	return st ? sql_run(db, st, e) : TSU_EDB;
}

static int begin(struct db *db, enum sql_id id, enum db_tx_state state, struct tsu_err *e)
{
	int rc;

	if (db->tx != DB_TX_NONE)
		return err_set(e, TSU_EINVAL, "内部エラー: トランザクションが入れ子になっています");
	rc = run_id(db, id, e);
	if (rc == TSU_EBUSY)
		return err_set(e, TSU_EBUSY,
			       "データベース %s は他の職員の処理で使用中です (%d 秒待ちました)。"
			       "しばらくしてからやり直してください",
			       db->path, BUSY_TIMEOUT_MS / 1000);
	if (rc == 0)
		db->tx = state;
	return rc;
}

int db_begin_read(struct db *db, struct tsu_err *e)
{
	return begin(db, SQL_BEGIN, DB_TX_READ, e);
}

int db_begin_write(struct db *db, struct tsu_err *e)
{
	return begin(db, SQL_BEGIN_IMMEDIATE, DB_TX_WRITE, e);
}

int db_commit(struct db *db, struct tsu_err *e)
{
	int rc;

	if (db->tx == DB_TX_NONE)
		return err_set(e, TSU_EINVAL, "内部エラー: トランザクションが始まっていません");
	rc = run_id(db, SQL_COMMIT, e);
	if (rc != 0)
		db_rollback(db);
	db->tx = DB_TX_NONE;
	return rc;
}

void db_rollback(struct db *db)
{
	if (!db || db->tx == DB_TX_NONE)
		return;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->tx = DB_TX_NONE;
	db->savepoints = 0;
}

int sql_tx_begin(struct db *db, struct sql_tx *tx, struct tsu_err *e)
{
	int rc;

	tx->own = tx->savepoint = false;
	if (db->tx == DB_TX_READ)
		return err_set(e, TSU_EINVAL, "内部エラー: 読み取り中に書き込もうとしました");
	if (db->tx == DB_TX_NONE) {
		rc = db_begin_write(db, e);
		tx->own = rc == 0;
		return rc;
	}
	if ((rc = run_id(db, SQL_SAVEPOINT, e)) == 0) {
		tx->savepoint = true;
		db->savepoints++;
	}
	return rc;
}

int sql_tx_end(struct db *db, struct sql_tx *tx, int rc, struct tsu_err *e)
{
	if (tx->savepoint) {
		db->savepoints--;
		if (rc != 0)
			sqlite3_exec(db->h, "ROLLBACK TO tsu_model", NULL, NULL, NULL);
		/* RELEASE also after ROLLBACK TO: it pops the savepoint */
		int rc2 = run_id(db, SQL_RELEASE, rc ? NULL : e);
		return rc ? rc : rc2;
	}
	if (!tx->own)
		return rc;
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

/* The single integer a statement returns, into *v; false if it failed. */
static bool read_int(struct db *db, enum sql_id id, int64_t *v)
{
	struct stmt *st = sql_get(db, id, NULL);

	if (!st || sql_step(db, st, NULL) != SQL_ROW)
		return false;
	*v = sql_int(st, 0);
	sql_reset(st);
	return true;
}

bool db_changed(struct db *db)
{
	int64_t v;

	if (!read_int(db, SQL_DATA_VERSION, &v) || v == db->data_version)
		return false;
	db->data_version = v;
	/* the file changed; did any record change, or only the audit log and
	 * drafts? (triggers of migration 5 count record changes) */
	if (!read_int(db, SQL_CHANGE_SEQ, &v))
		return true;
	if (v == db->change_seq)
		return false;
	db->change_seq = v;
	return true;
}

/* Run a check pragma; every row other than a single "ok" is a problem. */
static int check_rows(struct db *db, enum sql_id id, const char *title, struct sbuf *out,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, id, e);
	int rc, problems = 0;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		if (!strcmp(sql_text(st, 0), "ok"))
			continue;
		problems++;
		if (id == SQL_FK_CHECK)
			sbuf_addf(out, "  表 %s の行 %lld が存在しない %s を参照しています\n",
				  sql_text(st, 0), (long long)sql_int(st, 1), sql_text(st, 2));
		else
			sbuf_addf(out, "  %s\n", sql_text(st, 0));
	}
	if (rc < 0)
		return rc;
	sbuf_addf(out, "%s: %s\n", title, problems ? "問題あり" : "正常");
	return problems;
}

static int check_fts(struct db *db, struct sbuf *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_FTS_TABLES, e);
	char **names = NULL;
	size_t n = 0;
	int rc, problems = 0;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = sql_dup(st, 0);
	}
	for (size_t i = 0; i < n; i++) {
		struct tsu_err fe;

		err_clear(&fe);
		if (rc >= 0 && sql_fts_check(db, names[i], &fe) != 0) {
			sbuf_addf(out, "  %s\n", fe.msg);
			problems++;
		}
		free(names[i]);
	}
	free(names);
	if (rc < 0)
		return rc;
	sbuf_addf(out, "全文検索索引 (%zu 表): %s\n", n, problems ? "問題あり" : "正常");
	return problems;
}

int db_check(struct db *db, bool full, struct sbuf *out, struct tsu_err *e)
{
	int r1, r2, r3;

	sbuf_addf(out, "データベース %s (形式 %d)\n", db->path, db_schema_version(db));
	r1 = check_rows(db, full ? SQL_INTEGRITY_CHECK : SQL_QUICK_CHECK,
			full ? "完全検査 (integrity_check)" : "簡易検査 (quick_check)", out, e);
	if (r1 < 0)
		return r1;
	r2 = check_rows(db, SQL_FK_CHECK, "参照の検査 (foreign_key_check)", out, e);
	if (r2 < 0)
		return r2;
	r3 = check_fts(db, out, e);
	if (r3 < 0)
		return r3;
	if (r1 + r2 + r3 > 0)
		return err_set(e, TSU_EDB, "データベース %s の検査で %d 件の問題が見つかりました",
			       db->path, r1 + r2 + r3);
	return 0;
}

static int backup_copy(struct db *db, sqlite3 *dst, const char *dest, struct tsu_err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
	int rc;

	if (!b)
		return err_set(e, TSU_EDB, "バックアップ %s を開始できません: %s", dest,
			       sqlite3_errmsg(dst));
	do {
		rc = sqlite3_backup_step(b, BACKUP_PAGES);
		/* let writers in between steps; a change restarts the copy */
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return err_set(e, rc == SQLITE_FULL ? TSU_EIO : TSU_EDB,
			       "バックアップ %s に失敗しました: %s", dest, sqlite3_errstr(rc));
	return 0;
}

/* Copy from one read snapshot of the source: writers go on appending to the
 * WAL, and the copy neither restarts nor mixes two states. */
static int backup_snapshot(struct db *db, sqlite3 *dst, const char *dest, struct tsu_err *e)
{
	bool own = db->tx == DB_TX_NONE;
	struct stmt *st;
	int rc = 0;

	if (own && (rc = db_begin_read(db, e)) != 0)
		return rc;
	if ((st = sql_get(db, SQL_SNAPSHOT, e)) == NULL)
		rc = TSU_EDB;
	else if ((rc = sql_step(db, st, e)) == SQL_ROW)
		rc = 0;
	sql_reset(st);
	if (rc == 0)
		rc = backup_copy(db, dst, dest, e);
	if (own)
		db_rollback(db);
	return rc;
}

static int backup_verify(sqlite3 *dst, const char *dest, struct tsu_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL);
	bool ok = false;

	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	if (!ok)
		return err_set(e, TSU_EDB, "バックアップ %s の検査 (quick_check) に失敗しました",
			       dest);
	return 0;
}

int db_backup(struct db *db, const char *dest, struct tsu_err *e)
{
	sqlite3 *dst = NULL;
	struct stat stbuf;
	int rc;

	if (!dest || !*dest)
		return err_set(e, TSU_EINVAL, "バックアップ先が指定されていません");
	if (lstat(dest, &stbuf) == 0)
		return err_set(e, TSU_EINVAL, "バックアップ先 %s はすでに存在します (上書きしません)",
			       dest);
	if ((rc = paths_make_parent(dest, e)) != 0)
		return rc;
	if (sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = err_set(e, TSU_EIO, "バックアップ先 %s を作成できません: %s", dest,
			     dst ? sqlite3_errmsg(dst) : "");
		sqlite3_close(dst);
		return rc;
	}
	rc = backup_snapshot(db, dst, dest, e);
	if (rc == 0)
		rc = backup_verify(dst, dest, e);
	sqlite3_close(dst);
	if (rc != 0)
		remove(dest);
	return rc;
}
