/* progress.h: 経過記録 as the caseworker writes and reads them, on top of
 * note.h: phrase templates for recurring lines, quick entry (a note from the
 * case list, optionally clearing a pending safety check), a reading that
 * hides restricted notes from those who may not see them, and the
 * disclosure copy for the family (GUIDE 1.7).
 *
 * Who sees a restricted note: its author, the case's lead worker, and
 * staff with PERM_DECIDE (センター長, 統括支援員, 要対協調整担当者). Everyone
 * else with PERM_READ_CASE gets the case's other notes and a count of the
 * hidden ones.
 *
 * The disclosure copy withholds restricted notes, notes whose source is
 * 第三者 (THIRD), and notes with no source recorded (they may hold a third
 * party's statement; record the source to release them). It needs
 * PERM_EXPORT and is audited as an export. */
#ifndef TSU_PROGRESS_H
#define TSU_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/note.h"
#include "tsunagu/staff.h"

/* ---- phrase templates (data/templates.tsv) ------------------------------ */

struct template {
	char *kind;  /* note_kind code (HOME) or "" for any kind */
	char *key;   /* short ASCII key, unique in the file: "h1", "tel-ok" */
	char *text;  /* 家庭訪問。本児を目視で確認、外傷なし。 */
};

struct template_set {
	struct template *t;
	size_t n;
};

/* Load a templates file: '#' comments, then kind<TAB>key<TAB>text. kind is
 * a note_kind code or "*" for any; key is 1-16 characters of [A-Za-z0-9_-],
 * unique; text non-empty valid UTF-8 without control characters. Errors
 * name "<path>:<line>"; on error *set is empty. Release with
 * template_set_release. */
int template_load(const char *path, struct template_set *set, struct tsu_err *e);
/* data/templates.tsv from the data directory. */
int template_load_default(struct template_set *set, struct tsu_err *e);
void template_set_release(struct template_set *set);
/* The template with this key, or NULL. Borrowed from set. */
const struct template *template_find(const struct template_set *set, const char *key);
/* Indexes of the templates offered for a note kind (its own and the "any"
 * ones), in file order, into idx (capacity cap); returns how many there
 * are (may exceed cap). */
size_t template_for_kind(const struct template_set *set, const char *kind, size_t *idx,
			 size_t cap);
/* The text with the local time of now stamped in front: "14:05 家庭訪問。…".
 * Newly allocated. */
char *template_expand(const struct template *tpl, time_t now);

/* ---- writing ------------------------------------------------------------- */

struct progress_entry {
	struct note note;   /* case_id, kind, content required; at "" -> now;
			     * staff_id 0 -> the actor */
	bool child_seen;    /* a 家庭訪問 (HOME) or 来所面接 (VISIT) where the child
			     * was seen in person: also records a safety check on
			     * the case, clearing its pending deadlines */
};

/* Write the note (and the safety check) in one transaction; entry->note.id set.
 * child_seen with another kind is TSU_EINVAL. The case must be open. */
int progress_add(struct db *db, const struct staff *actor, struct progress_entry *entry,
		 struct tsu_err *e);

/* ---- reading ------------------------------------------------------------- */

/* True if actor may see restricted notes of a case whose lead is lead_id
 * (author checked per note). */
bool progress_can_see_restricted(const struct staff *actor, int64_t lead_id);
/* The case's notes the actor may see, oldest first (audited as note.list);
 * *hidden (may be NULL) gets the number of restricted notes left out. */
int progress_list(struct db *db, const struct staff *actor, int64_t case_id,
		  struct note **out, size_t *n, size_t *hidden, struct tsu_err *e);

struct disclosure_copy {
	char *text;           /* the rendered copy, newly allocated */
	size_t shown;         /* notes included */
	size_t withheld_third;/* 第三者 or source unknown */
	size_t withheld_restricted;
};
/* Render the case's notes for the family: header with the case number and
 * the date, each note as "日時 種類 相手方" and its content, then a line
 * saying how many were withheld. Needs PERM_EXPORT; audited as
 * note.disclosure_copy. today names the date printed on it. */
int progress_disclosure_copy(struct db *db, const struct staff *actor, int64_t case_id,
			     struct date today, struct disclosure_copy *out, struct tsu_err *e);
void disclosure_copy_release(struct disclosure_copy *c);

#endif
