/* case.h: case files (ケース). Conventions as in person.h (actor, audit in
 * the same transaction, owned strings, optimistic locking).
 * Case numbers are "<era short year of the fiscal year>-<4 digits>", R8-0001
 * being the first case of FY2026, allocated inside the creating BEGIN
 * IMMEDIATE transaction so concurrent writers never collide.
 * Open cases are those with no closed date; the statuses END (終結), SND (送致)
 * and MOV (移管) close a case and need a closure reason code. */
#ifndef TSU_CASE_H
#define TSU_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct case_rec {
	int64_t id;
	char *case_no;           /* set by case_create */
	int fiscal_year;         /* of the opened date */
	int seq;
	int64_t subject_id;      /* person; required */
	int64_t household_id;    /* 0 = none */
	char *consult_type;      /* code list "consult_type" */
	char *registration;      /* "registration": P S T N; default N */
	char *status;            /* "status"; default ACC */
	int64_t lead_id;         /* 主担当者; 0 = none */
	char *team;
	int review_cycle_months; /* 0 -> setting review_cycle_months (3) */
	struct date next_review; /* none -> opened + cycle */
	struct date opened;      /* none -> today */
	struct date closed;
	char *closure_reason;    /* "closure" */
	struct date dispose_from;/* retention: may be disposed of from (25th birthday) */
	bool special_adoption;   /* 特別養子縁組: kept permanently */
	int64_t version;
	char *created_at, *updated_at;
};

struct case_event {
	int64_t id;
	char *at;
	int64_t staff_id;
	char *staff_name;
	char *field;      /* "status" or "registration" */
	char *old_value;  /* codes */
	char *new_value;
	char *reason;     /* closure reason code or "" */
	char *why;
};

/* Create from in (status ACC, registration N, opened today, review cycle
 * and next review defaulted when absent) and fill out with the stored row
 * (case_no, fiscal_year, seq, version 1, ...; release with case_release).
 * in's strings are only read. Needs PERM_WRITE_CASE. */
int case_create(struct db *db, const struct staff *actor, const struct case_rec *in,
		struct case_rec *out, struct tsu_err *e);
/* Read (audited as case.read). Needs PERM_READ_CASE. */
int case_get(struct db *db, const struct staff *actor, int64_t id, struct case_rec *out,
	     struct tsu_err *e);
int case_get_by_no(struct db *db, const struct staff *actor, const char *case_no,
		   struct case_rec *out, struct tsu_err *e);
/* Save the editable fields (household, consult type, lead, team, review
 * cycle, next review, special adoption). Status, registration and closure
 * change only through the two functions below. Optimistic locking. */
int case_update(struct db *db, const struct staff *actor, struct case_rec *c,
		struct tsu_err *e);
/* Change the status, recording who, when and why. A closing status needs
 * reason (code list "closure"); closing sets closed, closure_reason and
 * dispose_from; reopening clears them. on: date of the change (none = today).
 * Optimistic locking on c->version; c is updated on success. */
int case_set_status(struct db *db, const struct staff *actor, struct case_rec *c,
		    const char *status, const char *reason, const char *why, struct date on,
		    struct tsu_err *e);
/* Change the 要対協 registration, recording history. */
int case_set_registration(struct db *db, const struct staff *actor, struct case_rec *c,
			  const char *registration, const char *why, struct tsu_err *e);
/* Status and registration history, oldest first. */
int case_history(struct db *db, const struct staff *actor, int64_t case_id,
		 struct case_event **out, size_t *n, struct tsu_err *e);
void case_events_free(struct case_event *ev, size_t n);
void case_release(struct case_rec *c);
/* True for END, SND, MOV. */
bool case_status_closes(const char *status);

#endif
