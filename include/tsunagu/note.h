/* note.h: 経過記録 (progress notes) and form drafts. Conventions as in
 * person.h. A note's source (本人, 家族, 第三者, 関係機関, 職員所見) lets a
 * disclosure copy for the family withhold third-party statements;
 * restricted notes are for staff eyes only. */
#ifndef TSU_NOTE_H
#define TSU_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct note {
	int64_t id;
	int64_t case_id;   /* required */
	char *kind;        /* code list "note_kind"; required */
	char *at;          /* "YYYY-MM-DD HH:MM"; required */
	char *counterpart; /* 相手方: 母, ○○小学校 担任 ... */
	char *content;     /* required */
	char *source;      /* code list "source" */
	bool restricted;
	int64_t staff_id;  /* 0 -> the actor */
	char *staff_name;  /* filled by note_list */
	int64_t version;
};

/* PERM_WRITE_CASE; sets id and version. */
int note_create(struct db *db, const struct staff *actor, struct note *n, struct tsu_err *e);
/* The case's notes, oldest first (audited as note.list). */
int note_list(struct db *db, const struct staff *actor, int64_t case_id, struct note **out,
	      size_t *n, struct tsu_err *e);
void note_release(struct note *n);
void notes_free(struct note *notes, size_t n);

/* Drafts: one staff member's unfinished forms (e.g. kind "intake"), kept so
 * that nothing typed is lost; only the owner sees them. */
struct draft {
	int64_t id;
	char *kind;
	char *payload;
	char *updated_at;
};

/* Save payload: *id == 0 creates a draft and sets *id; otherwise replaces the
 * owner's draft *id (TSU_ENOTFOUND if it is not the actor's). Audited. */
int draft_save(struct db *db, const struct staff *actor, const char *kind, const char *payload,
	       int64_t *id, struct tsu_err *e);
int draft_load(struct db *db, const struct staff *actor, int64_t id, struct draft *out,
	       struct tsu_err *e);
/* The actor's drafts of a kind (NULL = all), newest first. */
int draft_list(struct db *db, const struct staff *actor, const char *kind, struct draft **out,
	       size_t *n, struct tsu_err *e);
int draft_delete(struct db *db, const struct staff *actor, int64_t id, struct tsu_err *e);
void draft_release(struct draft *d);
void drafts_free(struct draft *d, size_t n);

#endif
