/* staff.h: staff members, roles and permissions. The acting staff member is
 * the Unix login of the process, matched against staff.login. */
#ifndef TSU_STAFF_H
#define TSU_STAFF_H

#include <stdbool.h>
#include <stdint.h>

#include "tsunagu/db.h"

enum staff_role {
	ROLE_DIRECTOR = 1,   /* センター長 */
	ROLE_COORDINATOR,    /* 統括支援員 */
	ROLE_SUPPORT,        /* 子ども家庭支援員 */
	ROLE_ABUSE,          /* 虐待対応専門員 */
	ROLE_PSYCH,          /* 心理担当支援員 */
	ROLE_NURSE,          /* 保健師 */
	ROLE_YOTAIKYO,       /* 要対協調整担当者 */
	ROLE_CLERK,          /* 事務 */
	ROLE_AUDITOR         /* 監査 (read-only audit review) */
};

enum perm {
	PERM_READ_CASE,     /* open a case file */
	PERM_WRITE_CASE,    /* create or change intakes, cases, notes, plans */
	PERM_DECIDE,        /* record 受理会議 decisions, approve plans */
	PERM_EXPORT,        /* export and reports with personal data */
	PERM_REVEAL_ADDRESS,/* reveal an address under a secrecy measure */
	PERM_ADMIN,         /* manage staff */
	PERM_READ_AUDIT     /* read the audit log */
};

struct staff {
	int64_t id;
	char *login;
	char *name;
	enum staff_role role;
	bool active;
};

/* Japanese label of a role (never NULL) and parse of a label or its ASCII
 * name (director, coordinator, support, abuse, psych, nurse, yotaikyo, clerk,
 * auditor); 0 if unknown. */
const char *staff_role_label(enum staff_role role);
enum staff_role staff_role_parse(const char *s);
bool staff_can(const struct staff *who, enum perm p);

/* Look up an active staff member by login; TSU_ENOTFOUND with a message that
 * says how to register (tsunagu staff add). *out is filled; release with
 * staff_release. */
int staff_by_login(struct db *db, const char *login, struct staff *out, struct tsu_err *e);
/* The login of this process (getpwuid of the real uid, else $USER). */
const char *staff_current_login(void);
/* Add a staff member (actor may be NULL only when the staff table is empty:
 * the first one registered bootstraps the database). Audited. */
int staff_add(struct db *db, const struct staff *actor, const char *login, const char *name,
	      enum staff_role role, int64_t *id_out, struct tsu_err *e);
void staff_release(struct staff *s);
/* All staff members (active ones first, then by registration order; inactive
 * ones only with include_inactive) as a newly allocated array in *out (NULL
 * when *n is 0); free with staff_list_free. The roster holds no case data, so
 * listing it is not audited. */
int staff_list(struct db *db, bool include_inactive, struct staff **out, size_t *n,
	       struct tsu_err *e);
void staff_list_free(struct staff *s, size_t n);

#endif
