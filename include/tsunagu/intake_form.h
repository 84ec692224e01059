/* intake_form.h: the 相談・通告受付票 as a worker fills it in during a call,
 * and the rule for saving it. The form holds every field as typed (dates,
 * names, free text) or as a code picked from a list, so that a half-filled
 * form can be kept as a draft and resumed with every character intact; the
 * core alone decides what is required, how typed dates are read and what is
 * written: intake_save_new creates, in ONE transaction, the child (or the
 * expectant mother, 特定妊婦) unless a known person was picked, the
 * household, the other household members with their relation to the child,
 * the intake with its abuse types and the protected caller record (see
 * intake.h). Conventions as in person.h. */
#ifndef TSU_INTAKE_FORM_H
#define TSU_INTAKE_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

#define INTAKE_FORM_MEMBERS  4        /* guardians and other household members */
#define INTAKE_DRAFT_KIND    "intake" /* the kind of note.h draft */
#define INTAKE_DRAFT_VERSION 1

/* The text fields of the form. Each has an ASCII key (drafts) and a Japanese
 * label (messages). Codes are codes of the list named in the comment. */
enum intake_field {
	IF_RECEIVED_AT,     /* as typed: "2026-11-24 14:05", "R8.11.24 14:05" */
	IF_CHANNEL,         /* "channel" */
	IF_ROUTE,           /* "route", either level (FAM1 implies FAM) */
	IF_CALLER_NAME,     /* the caller or reporter: protected */
	IF_CALLER_RELATION, /* free text: 担任, 近隣住民 */
	IF_CALLER_CONTACT,
	IF_CALLER_INTENT, /* 相談意図: 保護, 調査, 相談 or "" */
	IF_CHILD_NAME,    /* the child, or the expectant mother (特定妊婦) */
	IF_CHILD_KANA,
	IF_CHILD_BIRTH,   /* a date in any form date_parse accepts */
	IF_CHILD_SEX,     /* "sex" */
	IF_CHILD_ADDRESS, /* the household's address */
	IF_CHILD_PHONE,
	IF_CHILD_SCHOOL,      /* school or nursery */
	IF_EXPECTED_DELIVERY, /* 特定妊婦: 出産予定日 */
	IF_CONSULT_TYPE,      /* "consult_type" */
	IF_ABUSE_TYPES,       /* "abuse_type" codes separated by spaces */
	IF_MAIN_ABUSER,       /* "abuser" */
	IF_COMPLAINT,         /* 主訴 */
	IF_NARRATIVE,         /* 内容: long, multi-line */
	IF_CHILD_SITUATION,
	IF_FAMILY_SITUATION,
	IF_LIVING_SITUATION,
	IF_PAST, /* past consultations */
	IF_CHILD_WISHES,
	IF_GUARDIAN_WISHES,
	IF_LINK_LABEL, /* display text of the picked known person */
	IF_STARTED_AT, /* when the form was opened ("YYYY-MM-DD HH:MM:SS") */
	IF__COUNT
};

/* One guardian or other household member. */
enum intake_member_field {
	IM_RELATION, /* "relation": what the member is to the child (FA = 実父) */
	IM_NAME,
	IM_KANA,
	IM_BIRTH, /* a date, or an age: "35", "35歳" */
	IM_OCCUPATION,
	IM__COUNT
};

struct intake_form {
	char *s[IF__COUNT];                      /* NULL or "" = empty; owned */
	char *m[INTAKE_FORM_MEMBERS][IM__COUNT]; /* likewise */
	int64_t staff_id;                        /* receiving worker; 0 -> the actor */
	int64_t person_id;    /* a known person picked: linked, not created; 0 = new */
	int64_t household_id; /* the picked person's household; 0 = none / new */
	bool anonymous;       /* the caller did not give a name */
	bool pregnant;        /* 特定妊婦: the subject is the expectant mother */
	int urgent;           /* 緊急対応: -1 not answered, 0 不要, 1 要 */
};

/* ASCII key ("child_name") and Japanese label ("子どもの氏名"). */
const char *intake_field_key(enum intake_field f);
const char *intake_field_label(enum intake_field f);
const char *intake_member_key(enum intake_member_field f);
const char *intake_member_label(enum intake_member_field f);

/* Zero the form (urgent = -1). */
void intake_form_init(struct intake_form *f);
/* Free the strings and re-initialise; NULL-safe. */
void intake_form_release(struct intake_form *f);
/* Replace a field with a copy of v (NULL clears it). */
void intake_form_set(struct intake_form *f, enum intake_field k, const char *v);
void intake_form_set_member(struct intake_form *f, int i, enum intake_member_field k,
                            const char *v);
/* The value, "" when empty; never NULL. */
const char *intake_form_get(const struct intake_form *f, enum intake_field k);
const char *intake_form_member(const struct intake_form *f, int i, enum intake_member_field k);

/* A problem with the form, shown beside its field. member is -1 for the
 * fields of enum intake_field, else the member's index and mfield. */
struct intake_form_issue {
	enum intake_field field;
	int member;
	enum intake_member_field mfield;
	char *msg; /* Japanese, short: "入力してください (必須)" */
};
/* What stops the form from being saved: required fields (receipt date and
 * time; the child's name, or the expectant mother's for 特定妊婦, unless a
 * known person was picked; the consultation type), dates that cannot be
 * read, members with details but no name. Codes are checked by the model
 * functions when saving. *out newly allocated (NULL when none). Returns the
 * number of issues. */
size_t intake_form_check(const struct intake_form *f, struct intake_form_issue **out);
void intake_form_issues_free(struct intake_form_issue *is, size_t n);

/* Read a typed receipt time: a date in any form date_parse accepts, a space,
 * then H:MM or HH:MM (full-width digits and ： allowed; no time = 00:00).
 * out gets "YYYY-MM-DD HH:MM". TSU_EINVAL with a Japanese message. */
int intake_form_datetime(const char *typed, char out[20], struct tsu_err *e);

struct intake_saved {
	int64_t intake_id;
	int64_t person_id;    /* the subject (created or picked) */
	int64_t household_id; /* 0 if none */
	int persons_created;  /* subject and members written now */
	bool report;          /* 通告: a safety-check deadline was set */
	char *safety_due;     /* "YYYY-MM-DD HH:MM:SS" or "" */
};

/* Save a new intake from the form in one write transaction: nothing is
 * written unless everything is (a bad code anywhere undoes the persons and
 * household written before it). Needs PERM_WRITE_CASE. The form is checked
 * first (intake_form_check; TSU_EINVAL naming the first issue). Audited
 * (intake.form, plus the rows of the model functions). out is filled on
 * success (release with intake_saved_release); may be NULL. */
int intake_save_new(struct db *db, const struct staff *actor, const struct intake_form *f,
                    struct intake_saved *out, struct tsu_err *e);
void intake_saved_release(struct intake_saved *s);

/* Drafts: a versioned text ("tsunagu-intake-draft 1" then one
 * "key<TAB>value" line per non-empty field, \\ \n \t \r escaped), so any
 * text (newlines, tabs, Japanese, IVS) survives. Newly allocated. */
char *intake_form_serialize(const struct intake_form *f);
/* Read a draft into out (initialised here; release it also on failure).
 * Unknown keys are skipped and invalid UTF-8 is replaced by U+FFFD, so a
 * draft written by a later minor change still loads; TSU_EINVAL if it is
 * not an intake draft or its version is newer than this program's. */
int intake_form_parse(const char *payload, struct intake_form *out, struct tsu_err *e);

#endif
