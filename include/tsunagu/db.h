/* db.h: the one SQLite database file shared by every user's process.
 * Every connection: WAL, foreign_keys on, busy timeout, synchronous FULL.
 * Every transaction that may write starts with BEGIN IMMEDIATE; none stays
 * open while the program waits for a key. Schema changes are numbered
 * migrations tracked by PRAGMA user_version; a database made by a newer
 * tsunagu is refused, never altered. Only src/core/db.c, sql.c and schema.c
 * include sqlite3.h. */
#ifndef TSU_DB_H
#define TSU_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "tsunagu/err.h"
#include "tsunagu/util.h"

struct db;

enum db_open_flags {
	DB_CREATE = 1 << 0,   /* create the file (and its directory) if missing */
	DB_READONLY = 1 << 1, /* open read-only; no migration */
	DB_NO_MIGRATE = 1 << 2 /* refuse (TSU_EINVAL) instead of migrating an older schema */
};

/* Open (and with DB_CREATE create) the database at path, apply pending
 * migrations and load the code lists from data/ when the schema is new or
 * upgraded. On failure *out is NULL and e says why (TSU_ENEWER for a file
 * from a newer version, TSU_EDB, TSU_EIO, TSU_ENOTFOUND without DB_CREATE). */
int db_open(const char *path, unsigned flags, struct db **out, struct tsu_err *e);
/* Close and set *dbp to NULL; NULL-safe. */
void db_close(struct db **dbp);
const char *db_path(const struct db *db);
/* The schema version this build writes, and the one in the open file. */
int db_schema_version_supported(void);
int db_schema_version(struct db *db);

/* Transactions. db_begin_write issues BEGIN IMMEDIATE (waiting up to the busy
 * timeout; TSU_EBUSY after). Nested calls are an error. */
int db_begin_read(struct db *db, struct tsu_err *e);
int db_begin_write(struct db *db, struct tsu_err *e);
int db_commit(struct db *db, struct tsu_err *e);
void db_rollback(struct db *db);

/* True if another connection changed a record since the last call (PRAGMA
 * data_version, then the change counter kept by triggers): writes that touch
 * only the audit log or drafts do not count, so screens that reload on a
 * change and audit their reads never set each other off. */
bool db_changed(struct db *db);

/* quick_check (or integrity_check when full), foreign_key_check and the FTS
 * integrity checks; a human-readable Japanese report is appended to out.
 * Returns 0 if all is well, TSU_EDB with e set if anything is wrong. */
int db_check(struct db *db, bool full, struct sbuf *out, struct tsu_err *e);
/* Online backup to dest (must not exist), safe while others write, then
 * quick_check of the copy. */
int db_backup(struct db *db, const char *dest, struct tsu_err *e);

/* Reload the master data (data/codes/<list>.tsv, urgency.tsv, urgency_rule.tsv)
 * from data_dir (NULL: the data directory of paths.h) in one write
 * transaction: codes are upserted and those gone from the files marked
 * inactive; the urgency rule is replaced. What `tsunagu init` runs on an
 * existing database. Errors name file and line. */
int db_sync_data(struct db *db, const char *data_dir, struct tsu_err *e);

#endif
