/* audit.h: the append-only access log (児童福祉法 25条の5: who saw, searched,
 * changed, printed or exported what). Triggers refuse UPDATE and DELETE on
 * the table. Model functions append their row inside their own transaction,
 * so an operation that fails leaves no audit row behind. */
#ifndef TSU_AUDIT_H
#define TSU_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct audit_row {
	int64_t id;
	char *at;        /* "YYYY-MM-DD HH:MM:SS" local time */
	int64_t staff_id;/* 0 if none */
	char *login;     /* login at the time */
	char *action;    /* "case.read", "person.update", "export", ... */
	char *entity;    /* "case", "person", ... or "" */
	int64_t entity_id;
	char *detail;    /* never names the people in the record */
};

/* Append one row. actor may be NULL only for system events (init). Joins the
 * caller's transaction if one is open. Strings may be NULL. */
int audit_append(struct db *db, const struct staff *actor, const char *action,
		 const char *entity, int64_t entity_id, const char *detail, struct tsu_err *e);

struct audit_filter {
	const char *since;   /* "YYYY-MM-DD" or NULL */
	const char *until;   /* inclusive date, or NULL */
	int64_t staff_id;    /* 0 = all */
	const char *entity;  /* NULL = all */
	int64_t entity_id;   /* 0 = all */
	int limit;           /* 0 = 1000 */
};

/* Newest first. Needs PERM_READ_AUDIT (TSU_EPERM otherwise); reading the log
 * is itself logged. *rows newly allocated (audit_rows_free). */
int audit_list(struct db *db, const struct staff *actor, const struct audit_filter *f,
	       struct audit_row **rows, size_t *n, struct tsu_err *e);
void audit_rows_free(struct audit_row *rows, size_t n);

#endif
