/* casefile.h: everything the case-file screen (ケース) shows, loaded in one
 * audited read; the tags of a case; the deliberate reveal of an address
 * under a secrecy measure; saving the case with both versions on a
 * conflict; and the compact text family tree (genogram). Conventions as
 * in person.h.
 *
 * Addresses of households under a DV等支援措置 still in force on the day of
 * the read are masked (「(支援措置中: 住所非表示)」) unless revealed through
 * casefile_reveal_address, which needs PERM_REVEAL_ADDRESS and a reason and
 * writes its own audit row. */
#ifndef TSU_CASEFILE_H
#define TSU_CASEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/assess.h"
#include "tsunagu/case.h"
#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

#define CASEFILE_MASKED "(支援措置中: 住所非表示)"

/* Kinds of time-line entries; masks are 1u << kind. */
enum cf_kind {
	CF_INTAKE,   /* 受付 */
	CF_MEETING,  /* 会議 (受理会議 and others) */
	CF_ASSESS,   /* アセスメント */
	CF_SAFETY,   /* 安全確認 */
	CF_NOTE,     /* 記録 (経過記録) */
	CF_STATUS,   /* 状態 (status and registration changes) */
	CF_TRANSFER, /* 送致 (送致, 援助依頼, 移管) */
	CF_PLAN,     /* 計画 (support plans) */
	CF_KIND_COUNT
};
#define CF_ALL ((1u << CF_KIND_COUNT) - 1)

struct cf_event {
	enum cf_kind kind;
	char *at;       /* "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" for a dated row */
	int64_t ref_id; /* id of the row in its own table */
	char *summary;  /* one line, display text (no newlines) */
	char *staff;    /* name of the staff member, "" if none */
};

/* A member of the family as the subject sees them. */
struct cf_member {
	int64_t person_id;
	char *name;  /* "髙橋 陽翔" as typed */
	char *given; /* given name, or the family name if there is none */
	char *kana;
	char *sex; /* code list "sex": M, F, U or "" */
	struct date birth;
	int age;        /* on the read date; -1 if unknown */
	char grade[16]; /* "小1" or "" */
	char *relation; /* code (list "relation") of the member to the subject:
	                 * FA = the member is the subject's 実父; "SELF" for
	                 * the subject; "SIB" for a sibling through a shared
	                 * parent; "" if not recorded */
	char *relation_label;
	bool subject;
	bool deceased;
	bool in_household;
};

struct cf_tag {
	char *code;
	char *label;
};

struct cf_history {
	char *at; /* "YYYY-MM-DD HH:MM" */
	char *staff;
	char *field; /* "status" or "registration" */
	char *old_label, *new_label;
	char *reason; /* closure reason label or "" */
	char *why;
};

struct cf_invest {
	int64_t id;
	char *agency, *what;
	struct date due, done;
	char *result;
};

struct casefile {
	struct date as_of; /* the day ages, grades and the secrecy are taken on */
	struct case_rec c;
	/* labels of the case's codes and the lead's name ("" if none) */
	char *consult_label, *registration_label, *status_label, *lead_name, *closure_label;
	struct cf_member *subject; /* points into members */
	struct cf_member *members; /* the subject first, then by birth date */
	size_t n_members;
	/* household */
	char *address; /* real, or CASEFILE_MASKED while address_masked */
	bool address_masked;
	bool secrecy; /* a secrecy measure in force on as_of */
	struct date secrecy_end;
	char *phone;
	struct cf_tag *tags;
	size_t n_tags;
	struct cf_history *history; /* oldest first */
	size_t n_history;
	struct assessment *assessments; /* newest first */
	size_t n_assessments;
	struct cf_invest *invest;
	size_t n_invest;
	struct cf_event *events; /* newest first */
	size_t n_events;
};

/* Load the case file of case_id (PERM_READ_CASE) in one read transaction
 * with one audit row (case.read, detail "ケースファイル"). Ages on today.
 * *out is filled (release with casefile_release); on failure it is zeroed. */
int casefile_load(struct db *db, const struct staff *actor, int64_t case_id, struct casefile *out,
                  struct tsu_err *e);
/* The same with ages, grades and the secrecy measure taken on as_of. */
int casefile_load_at(struct db *db, const struct staff *actor, int64_t case_id, struct date as_of,
                     struct casefile *out, struct tsu_err *e);
/* Load by case number ("R8-0123"); TSU_ENOTFOUND names the number. */
int casefile_load_no(struct db *db, const struct staff *actor, const char *case_no,
                     struct date as_of, struct casefile *out, struct tsu_err *e);
void casefile_release(struct casefile *cf);

/* Reveal the masked address of cf's household (PERM_REVEAL_ADDRESS; reason
 * required): cf->address becomes the stored address and address_masked
 * false; audited as address.reveal with the reason. A no-op (still audited)
 * when nothing was masked. */
int casefile_reveal_address(struct db *db, const struct staff *actor, struct casefile *cf,
                            const char *reason, struct tsu_err *e);

/* Time line filter: the indexes of cf's events whose kind is in mask, newest
 * first; returns the count and a newly allocated array in *idx (NULL when
 * 0). */
size_t casefile_filter(const struct casefile *cf, unsigned mask, size_t **idx);
/* Japanese label of a kind (受付, 会議, ...), never NULL. */
const char *casefile_kind_label(enum cf_kind kind);
/* A kind from its label or ASCII name (intake, meeting, assess, safety, note,
 * status, transfer, plan); -1 if unknown. */
int casefile_kind_parse(const char *s);

/* Tags from code list "tag" (PERM_WRITE_CASE to change, audited as
 * case.tag.add / case.tag.remove with the code). Adding a tag the case
 * has, or removing one it does not have, is TSU_EINVAL naming the tag. */
int casefile_tag_add(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                     struct tsu_err *e);
int casefile_tag_remove(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                        struct tsu_err *e);
/* PERM_READ_CASE; audited as case.tags. *out newly allocated (cf_tags_free). */
int casefile_tags(struct db *db, const struct staff *actor, int64_t case_id, struct cf_tag **out,
                  size_t *n, struct tsu_err *e);
void cf_tags_free(struct cf_tag *t, size_t n);

/* Save the case's editable fields (as case_update). On TSU_ECONFLICT
 * (another worker saved first) nothing is written and *theirs (may be NULL)
 * is filled with the stored row (audited read), so the screen can show
 * both versions; mine is untouched. Release theirs with case_release. */
int casefile_save(struct db *db, const struct staff *actor, struct case_rec *mine,
                  struct case_rec *theirs, struct tsu_err *e);
/* "Keep mine" after a conflict: save mine over the stored version
 * their_version that the worker was shown (mine->version is set to it
 * first). If the case changed again since then, TSU_ECONFLICT again (and
 * *theirs refilled): nothing is overwritten unseen. Audited as
 * case.overwrite ("版 N を上書き") besides case.update. */
int casefile_save_mine(struct db *db, const struct staff *actor, struct case_rec *mine,
                       int64_t their_version, struct case_rec *theirs, struct tsu_err *e);

/* The compact family tree of cf as lines of exactly `width` columns
 * (text_width; names are cut to fit, lines padded with spaces). ASCII
 * chrome only: [name] male, (name) female, <name> unknown; the subject
 * doubled ([[name]]); == a couple; | and +--+ descent; ages (and 故 for the
 * deceased) under the names. Rows: grandparents, parents, the subject with
 * siblings (eldest first); other members follow as one line each with
 * their relation. width < 8 gives 0 lines. *lines newly allocated (free
 * with text_lines_free). */
int genogram_render(const struct casefile *cf, int width, char ***lines, size_t *n);

#endif
