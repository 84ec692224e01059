/* person.h: persons, households (世帯) with their DV等支援措置 secrecy
 * measure, household membership and family relations.
 *
 * Conventions shared by all model headers (case.h, intake.h, note.h, ...):
 * - Every function takes the acting staff member, checks the permission
 *   (TSU_EPERM), and appends an audit row in the same transaction as the
 *   work, so a failure leaves neither a half-written record nor an audit row.
 *   Called inside a caller's db_begin_write, it joins that transaction (a
 *   savepoint undoes just this call on failure).
 * - Strings in input structs may be NULL or "" (both stored as NULL); strings
 *   in structs filled by *_get are never NULL ("" for absent) and owned by the
 *   struct: free them with the matching *_release, which is NULL-safe and
 *   leaves the struct zeroed.
 * - A date with y == 0 means "none".
 * - *_update uses optimistic locking: the struct's version must be the one
 *   read; TSU_ECONFLICT if someone saved in between (nothing is written);
 *   on success the struct's version is incremented.
 * - Names are stored exactly as typed (IVS selectors included). */
#ifndef TSU_PERSON_H
#define TSU_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct household {
	int64_t id;
	char *address;
	char *phone;
	bool secrecy;              /* DV等支援措置 applied */
	struct date secrecy_start;
	struct date secrecy_end;   /* one year from the application, renewable */
	char *secrecy_counterparty;/* 相手方 from whom the address is withheld */
	char *note;
	int64_t version;
};

struct person {
	int64_t id;
	char *family_name;        /* required */
	char *given_name;
	char *family_kana;
	char *given_kana;
	struct date birth;
	struct date expected_delivery; /* 特定妊婦: the unborn child */
	char *sex;                /* code list "sex" */
	char *phone;
	char *school;             /* school or nursery */
	bool deceased;
	bool moved;               /* 転出 */
	char *note;
	int64_t version;
	char *created_at, *updated_at;
};

struct relation {
	int64_t id;
	int64_t person_a, person_b; /* a is <relation> of b: a=父, b=child -> "FA" */
	char *relation;             /* code list "relation" */
	char *note;
};

int household_create(struct db *db, const struct staff *actor, struct household *h,
		     struct tsu_err *e);
int household_get(struct db *db, const struct staff *actor, int64_t id, struct household *out,
		  struct tsu_err *e);
int household_update(struct db *db, const struct staff *actor, struct household *h,
		     struct tsu_err *e);
void household_release(struct household *h);
/* Add a person to a household (relation: code of "relation" as seen from the
 * head, may be NULL). TSU_EINVAL if already a member. */
int household_add_member(struct db *db, const struct staff *actor, int64_t household_id,
			 int64_t person_id, const char *relation, struct tsu_err *e);
/* Person ids of the current members, newly allocated. */
int household_members(struct db *db, const struct staff *actor, int64_t household_id,
		      int64_t **ids, size_t *n, struct tsu_err *e);

/* Create: family_name required; p->id and p->version are set. */
int person_create(struct db *db, const struct staff *actor, struct person *p, struct tsu_err *e);
int person_get(struct db *db, const struct staff *actor, int64_t id, struct person *out,
	       struct tsu_err *e);
int person_update(struct db *db, const struct staff *actor, struct person *p, struct tsu_err *e);
void person_release(struct person *p);
/* "山田 太郎" (family and given name as typed), newly allocated. */
char *person_display_name(const struct person *p);

int relation_add(struct db *db, const struct staff *actor, int64_t person_a, int64_t person_b,
		 const char *relation, const char *note, int64_t *id_out, struct tsu_err *e);
/* Relations in which the person is a or b. */
int relation_list(struct db *db, const struct staff *actor, int64_t person_id,
		  struct relation **out, size_t *n, struct tsu_err *e);
void relations_free(struct relation *r, size_t n);

#endif
