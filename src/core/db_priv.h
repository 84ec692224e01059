/* db_priv.h: the inside of struct db, shared by db.c, sql.c, schema.c and
 * sql_func.c only (the four files that may include sqlite3.h; sql_func.c
 * registers the search-key functions). Everything else in the core reaches
 * the database through sql.h and the model functions. */
#ifndef TSU_DB_PRIV_H
#define TSU_DB_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "sql.h"
#include "tsunagu/db.h"

struct sqlite3;
struct sqlite3_stmt;

enum db_tx_state { DB_TX_NONE, DB_TX_READ, DB_TX_WRITE };

struct db {
	struct sqlite3 *h;
	char *path;
	unsigned flags;
	enum db_tx_state tx;
	int savepoints;              /* model calls nested inside a caller's write tx */
	int64_t data_version;
	int64_t change_seq;          /* change_seq.n when last looked at (db_changed) */
	/* cached prepared statements, one array per statement table (sql.c) */
	struct sqlite3_stmt **stmts[SQLT__COUNT];
};

/* sql.c: finalize every cached statement (before sqlite3_close). */
void sql_cache_release(struct db *db);
/* sql.c: map a SQLite result code to a TSU_E* code and a Japanese message
 * "<what>に失敗しました: <reason> (<sqlite message>)". */
int sql_fail(struct db *db, int rc, const char *what, struct tsu_err *e);

/* sql.c: FTS5 'integrity-check' of one table (a name from sqlite_schema). */
int sql_fts_check(struct db *db, const char *table, struct tsu_err *e);

/* schema.c: bring the schema up to date (the caller has checked that the
 * file is not newer); loads data/ in the last migration's transaction. */
int schema_migrate(struct db *db, struct tsu_err *e);
/* schema.c: PRAGMA user_version of the open file, or negative on error. */
int schema_read_version(struct db *db, struct tsu_err *e);

#endif
