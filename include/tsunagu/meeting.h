/* meeting.h: 要対協 meetings that review cases: 実務者会議 (JITSUMU),
 * 個別ケース検討会議 (KOBETSU), 合同ケース会議 (GODO). (受理会議, kind JURI,
 * belongs to triage.h.) Conventions as in person.h.
 *
 * Meeting mode: create the meeting with its attendees (staff and agencies),
 * choose the cases (all due by a date, or picked), then walk through them
 * one at a time recording status, lead agency, key person, policy,
 * decisions and next review. Recording a case also changes the case: its
 * status (with history; closing statuses are refused here: close a case
 * with case_set_status or transfer_record) and its next review (a case
 * review tied to the meeting, see caselist_record_review). The minutes
 * (会議録) are free text on the meeting, and meeting_minutes_text renders
 * the whole record as aligned text.
 *
 * Creating, choosing cases and recording need PERM_DECIDE (the council's
 * decisions); reading needs PERM_READ_CASE; the text export PERM_EXPORT. */
#ifndef TSU_MEETING_H
#define TSU_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct meeting {
	int64_t id;
	char *kind;          /* meeting_kind code, not JURI; required */
	struct date held_on; /* required */
	char *title;
	char *minutes;       /* 会議録 */
	int64_t version;
};

struct meeting_attendee {
	int64_t id;
	int64_t staff_id;    /* one of staff_id, agency_id, name */
	int64_t agency_id;
	char *name;          /* a person's name (with agency: who came from it) */
	char *staff_name;    /* filled by reads */
	char *agency_name;   /* filled by reads */
};

/* One case on a meeting's agenda and what was recorded for it. */
struct meeting_case {
	int64_t id;
	int64_t case_id;
	int sort;            /* position in the walk-through, from 1 */
	bool recorded;
	char *status;        /* status code (not closing); "" = unchanged */
	int64_t lead_agency_id;
	char *key_person;    /* キーパーソン */
	char *policy;        /* 支援方針 */
	char *decision;      /* 決定事項 */
	struct date next_review; /* none -> held_on + the case's cycle */
	int64_t version;
	/* filled by reads */
	char *case_no, *name, *kana, *registration_label, *status_label, *lead_agency_name;
	struct date case_next_review;
};

/* Create (kind, held_on required); sets m->id and m->version. */
int meeting_create(struct db *db, const struct staff *actor, struct meeting *m,
		   struct tsu_err *e);
int meeting_get(struct db *db, const struct staff *actor, int64_t id, struct meeting *out,
		struct tsu_err *e);
/* Save title and minutes; optimistic locking on m->version. */
int meeting_update(struct db *db, const struct staff *actor, struct meeting *m,
		   struct tsu_err *e);
/* Meetings held from..to (either none = open), newest first, without minutes. */
int meeting_list(struct db *db, const struct staff *actor, struct date from, struct date to,
		 struct meeting **out, size_t *n, struct tsu_err *e);

/* Add an attendee: a staff member, an agency (by id, or by name through
 * agency_find_or_create when agency_id is 0 and agency_name is set), or a
 * named person; a->id set. */
int meeting_add_attendee(struct db *db, const struct staff *actor, int64_t meeting_id,
			 struct meeting_attendee *a, struct tsu_err *e);
int meeting_attendees(struct db *db, const struct staff *actor, int64_t meeting_id,
		      struct meeting_attendee **out, size_t *n, struct tsu_err *e);

/* Put cases on the agenda, appended in the given order; a case already on
 * it is skipped; a closed case is TSU_EINVAL. *added (may be NULL) counts
 * the new ones. */
int meeting_add_cases(struct db *db, const struct staff *actor, int64_t meeting_id,
		      const int64_t *case_ids, size_t n, size_t *added, struct tsu_err *e);
/* Put every open case whose next review is on or before due_by on the
 * agenda, earliest review first; registered_only keeps 要保護・要支援・
 * 特定妊婦 (registration other than N). */
int meeting_add_due(struct db *db, const struct staff *actor, int64_t meeting_id,
		    struct date due_by, bool registered_only, size_t *added, struct tsu_err *e);
/* The agenda in walk-through order (audited as meeting.read). */
int meeting_cases(struct db *db, const struct staff *actor, int64_t meeting_id,
		  struct meeting_case **out, size_t *n, struct tsu_err *e);
/* Record (or correct) what the meeting decided for mc->case_id, which must
 * be on the agenda: policy or decision required; mc->version must match
 * (TSU_ECONFLICT). Updates the case (status, next review) in the same
 * transaction; mc->next_review is set to the date used. */
int meeting_record_case(struct db *db, const struct staff *actor, int64_t meeting_id,
			struct meeting_case *mc, struct tsu_err *e);

/* The 会議録 as text: kind, date, title, attendees, then each case (number,
 * name, registration, status, lead agency, key person, policy, decisions,
 * next review) with labels aligned by display width, then the minutes.
 * Newly allocated in *text. PERM_EXPORT; audited as meeting.export. */
int meeting_minutes_text(struct db *db, const struct staff *actor, int64_t meeting_id,
			 char **text, struct tsu_err *e);

void meeting_release(struct meeting *m);
void meetings_free(struct meeting *m, size_t n);
void meeting_attendees_free(struct meeting_attendee *a, size_t n);
void meeting_case_release(struct meeting_case *mc);
void meeting_cases_free(struct meeting_case *mc, size_t n);

#endif
