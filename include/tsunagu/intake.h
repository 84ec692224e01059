/* intake.h: 相談・通告の受付 and 安全確認. Conventions as in person.h.
 * The reporter's identity (caller name, relation, contact, anonymity, wish)
 * lives in a separate table, read only through intake_get_caller (audited
 * separately) and never shown to the family.
 * An abuse report (any abuse type, or a consultation type rolling up to
 * 児童虐待相談 YG1) gets a safety-check deadline of received_at +
 * setting safety_check_hours (48) unless one is given; a safety check with
 * the child seen in person clears it. Datetimes are local
 * "YYYY-MM-DD HH:MM[:SS]". */
#ifndef TSU_INTAKE_H
#define TSU_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct intake_caller {
	char *name;
	char *relation;  /* free text: 近隣住民, 担任 ... */
	char *contact;
	bool anonymous;
	char *intent;    /* 通告者の意向: 名前を出さないでほしい ... */
};

struct intake {
	int64_t id;
	char *received_at;     /* required */
	int64_t staff_id;      /* receiving staff; 0 -> the actor */
	char *channel;         /* code list "channel" */
	char *route1, *route2; /* "route": route2 must be a child of route1 */
	int64_t person_id;     /* the child (or expectant mother); 0 = none */
	int64_t household_id;
	char *consult_type;    /* "consult_type" */
	char **abuse_types;    /* "abuse_type", n_abuse_types of them */
	size_t n_abuse_types;
	char *main_abuser;     /* "abuser" */
	char *complaint;       /* 主訴 */
	char *narrative;
	char *situation;
	char *wishes;
	char *past;            /* past consultations */
	bool urgent;
	bool is_report;        /* set by intake_create (通告) */
	int64_t case_id;
	int accepted;          /* -1 undecided, 0 not accepted, 1 accepted */
	char *safety_due;      /* deadline, "" if none */
	char *safety_done_at;  /* "" while pending */
	int64_t version;
	char *created_at, *updated_at;
};

/* Create the intake (and its caller row when caller is not NULL). Needs
 * PERM_WRITE_CASE. in's strings are only read; is_report, accepted and
 * safety_done_at are ignored (derived); read the stored row back with
 * intake_get. *id_out may be NULL. */
int intake_create(struct db *db, const struct staff *actor, const struct intake *in,
		  const struct intake_caller *caller, int64_t *id_out, struct tsu_err *e);
/* Read without the caller (audited as intake.read). */
int intake_get(struct db *db, const struct staff *actor, int64_t id, struct intake *out,
	       struct tsu_err *e);
/* Read the protected caller fields (audited as intake.caller). Needs
 * PERM_WRITE_CASE. TSU_ENOTFOUND if none was recorded. */
int intake_get_caller(struct db *db, const struct staff *actor, int64_t intake_id,
		      struct intake_caller *out, struct tsu_err *e);
/* Link to a case and record acceptance (受理会議); optimistic locking. */
int intake_link_case(struct db *db, const struct staff *actor, struct intake *in,
		     int64_t case_id, bool accepted, struct tsu_err *e);
void intake_release(struct intake *in);
void intake_caller_release(struct intake_caller *c);

struct safety_check {
	int64_t id;
	int64_t intake_id; /* at least one of intake_id, case_id */
	int64_t case_id;
	int64_t staff_id;  /* 0 -> the actor */
	char *at;          /* when the check was made; required */
	char *method;      /* 家庭訪問, 学校で確認, ... */
	bool seen;         /* child seen in person: clears the deadline of the intake
			    * (or, given only a case, of the case's pending intakes) */
	char *note;
};

/* Record a check (PERM_WRITE_CASE); sets s->id. */
int safety_check_record(struct db *db, const struct staff *actor, struct safety_check *s,
			struct tsu_err *e);

#endif
