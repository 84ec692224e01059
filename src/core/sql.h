/* sql.h: private to the core. Every SQL statement of the program is an entry
 * of the table in sql.c, named by an id below; statements are prepared lazily
 * once per connection and cached; values are always bound, never formatted
 * into the text. Model files use these helpers and never see sqlite3.h.
 * Parameters are numbered ?1..?N as in sql.c; columns from 0. */
#ifndef TSU_SQL_H
#define TSU_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/err.h"

enum sql_id {
	/* transactions and maintenance (db.c) */
	SQL_BEGIN, SQL_BEGIN_IMMEDIATE, SQL_COMMIT, SQL_ROLLBACK,
	SQL_SAVEPOINT, SQL_RELEASE, SQL_ROLLBACK_TO,
	SQL_DATA_VERSION, SQL_CHANGE_SEQ, SQL_QUICK_CHECK, SQL_INTEGRITY_CHECK, SQL_FK_CHECK, SQL_FTS_TABLES,
	SQL_SNAPSHOT,
	/* master data */
	SQL_CODE_DEACTIVATE, SQL_CODE_UPSERT, SQL_CODE_LIST, SQL_CODE_GET,
	SQL_UQ_UPSERT, SQL_UQ_LIST, SQL_URULE_CLEAR, SQL_URULE_INSERT, SQL_URULE_LIST,
	SQL_SEVH_CLEAR, SQL_SEVH_INSERT, SQL_SEVH_GET,
	/* audit, staff, settings */
	SQL_AUDIT_INSERT, SQL_AUDIT_LIST,
	SQL_STAFF_BY_LOGIN, SQL_STAFF_COUNT, SQL_STAFF_INSERT, SQL_STAFF_LIST,
	SQL_SETTING_GET, SQL_SETTING_SET,
	/* households, persons, relations */
	SQL_HH_INSERT, SQL_HH_GET, SQL_HH_UPDATE, SQL_HM_INSERT, SQL_HM_LIST,
	SQL_PERSON_INSERT, SQL_PERSON_GET, SQL_PERSON_UPDATE, SQL_PERSON_BIRTH,
	SQL_REL_INSERT, SQL_REL_LIST,
	/* cases */
	SQL_CASE_NEXT_SEQ, SQL_CASE_INSERT, SQL_CASE_GET, SQL_CASE_GET_NO, SQL_CASE_UPDATE,
	SQL_CASE_SET_STATUS, SQL_CASE_SET_REG, SQL_CASE_HIST_INSERT, SQL_CASE_HIST_LIST,
	/* intakes, safety checks */
	SQL_INTAKE_INSERT, SQL_INTAKE_ABUSE_INSERT, SQL_INTAKE_CALLER_INSERT, SQL_INTAKE_GET,
	SQL_INTAKE_ABUSE_LIST, SQL_INTAKE_CALLER_GET, SQL_INTAKE_LINK, SQL_INTAKE_SAFETY_DONE,
	SQL_INTAKE_SAFETY_DONE_CASE, SQL_DEADLINE, SQL_SAFETY_INSERT,
	/* notes, drafts */
	SQL_NOTE_INSERT, SQL_NOTE_LIST,
	SQL_DRAFT_INSERT, SQL_DRAFT_UPDATE, SQL_DRAFT_GET, SQL_DRAFT_LIST, SQL_DRAFT_DELETE,
	/* home */
	SQL_HOME_COUNTS, SQL_HOME_SAFETY, SQL_HOME_REVIEWS, SQL_HOME_MY,
	SQL__COUNT
};

enum { SQL_DONE = 0, SQL_ROW = 1 };

/* Statement tables. The core's own statements are the table above (sql.c);
 * each later area keeps its statements in its own table in its own
 * sql_<area>.c file with its ids in sql_<area>.h, so that the SQL stays in
 * the sql module while areas are built side by side. Each table has a fixed
 * slot in the per-connection cache. */
enum sql_table_slot {
	SQLT_CORE,
	SQLT_SEARCH,  /* sql_search.c: the name index and the known-person lookup */
	SQLT_GEN,     /* sql_gen.c: synthetic data */
	SQLT_TRIAGE,  /* sql_triage.c: 受理会議, assessments, the case file */
	SQLT_PLAN,    /* sql_plan.c: support plans, meetings, transfers */
	SQLT_REPORT,  /* sql_report.c: daily and annual reports */
	SQLT_LEDGER,  /* sql_ledger.c: CSV import and export */
	SQLT_EXTRA,   /* spare */
	SQLT__COUNT
};

struct sql_def {
	const char *what; /* Japanese, for messages: "<what>に失敗しました" */
	const char *text; /* the SQL, with ?1..?N parameters */
};

struct sql_table {
	enum sql_table_slot slot;
	const struct sql_def *defs; /* indexed by the area's ids */
	int count;
};

struct stmt; /* a cached prepared statement */

/* The statement id, reset and with its bindings cleared, ready to bind.
 * NULL with e set if it cannot be prepared. Owned by the connection. */
struct stmt *sql_get(struct db *db, enum sql_id id, struct tsu_err *e);
/* The same for statement id of another area's table. */
struct stmt *sql_get_in(struct db *db, const struct sql_table *t, int id, struct tsu_err *e);

/* Bind parameter i (1-based). Text NULL or "" binds NULL; sql_bind_id binds
 * NULL for 0; sql_bind_date binds NULL for y == 0, else "YYYY-MM-DD". A
 * failure to bind is a programming error (fatal). */
void sql_bind_text(struct stmt *st, int i, const char *s);
/* Text where "" is a value (binds NULL only for NULL). */
void sql_bind_str(struct stmt *st, int i, const char *s);
void sql_bind_int(struct stmt *st, int i, int64_t v);
void sql_bind_id(struct stmt *st, int i, int64_t v);
void sql_bind_null(struct stmt *st, int i);
void sql_bind_date(struct stmt *st, int i, struct date d);

/* Step: SQL_ROW, SQL_DONE (the statement is then reset) or a negative TSU_E*
 * with e set (and the statement reset). */
int sql_step(struct db *db, struct stmt *st, struct tsu_err *e);
/* Step once expecting no row (INSERT/UPDATE/DELETE); 0 or TSU_E*. */
int sql_run(struct db *db, struct stmt *st, struct tsu_err *e);
/* Reset a statement whose rows were not all read. */
void sql_reset(struct stmt *st);

/* Columns of the current row (0-based). */
int64_t sql_int(struct stmt *st, int col);
bool sql_null(struct stmt *st, int col);
/* Borrowed text, "" for NULL; valid until the next step or reset. */
const char *sql_text(struct stmt *st, int col);
/* Newly allocated copy, "" for NULL. */
char *sql_dup(struct stmt *st, int col);
/* A "YYYY-MM-DD..." column as a date; y == 0 for NULL or unparsable. */
struct date sql_date(struct stmt *st, int col);

int64_t sql_last_id(struct db *db);
int sql_changes(struct db *db);

/* Transactions for model functions: begin a BEGIN IMMEDIATE transaction, or
 * join the caller's write transaction through a savepoint. sql_tx_end
 * commits (rc == 0) or undoes just this call, and returns rc or the commit
 * error. */
struct sql_tx {
	bool own;
	bool savepoint;
};
int sql_tx_begin(struct db *db, struct sql_tx *tx, struct tsu_err *e);
int sql_tx_end(struct db *db, struct sql_tx *tx, int rc, struct tsu_err *e);

#endif
