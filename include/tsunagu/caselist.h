/* caselist.h: 進行管理. The case list (進行管理台帳): every open case with its
 * registration, lead worker, last contact, next review and the days since
 * anything was recorded; filters, sorting and incremental search; the
 * review cycle per case; and the contact history of a person
 * for intake (「3年前に相談歴あり」). Conventions as in person.h.
 *
 * "Anything recorded" is the latest of: a progress note, a plan version
 * saved, a case review, a meeting record, a transfer; a case with none of
 * these counts from its opening date. "Last contact" is the latest note of
 * kind 電話, 家庭訪問 or 来所面接. A case is stale when nothing was recorded
 * for setting stale_days (60) days or more, overdue when its next review is
 * before today. Dates are computed against the `today` passed in, never the
 * clock, so screens and tests agree. */
#ifndef TSU_CASELIST_H
#define TSU_CASELIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct caselist_filter {
	bool mine;                /* lead worker is the actor */
	int64_t lead_id;          /* 0 = any (ignored when mine) */
	const char *registration; /* code (P S T N) or NULL */
	bool overdue;             /* next review before today */
	int stale_days;           /* > 0: nothing recorded for at least N days;
				   * -1: the stale_days setting; 0: no filter */
	const char *tag;          /* tag code or NULL */
	const char *query;        /* incremental search (caselist_match) or NULL */
	bool include_closed;
};

enum caselist_sort {
	CASELIST_SORT_KANA,   /* by key_fold of the reading (name if no reading) */
	CASELIST_SORT_REVIEW, /* next review, earliest first (none last) */
	CASELIST_SORT_LAST,   /* last record, oldest first (the neglected on top) */
	CASELIST_SORT_NO      /* case number */
};

struct caselist_row {
	int64_t case_id;
	int64_t person_id;
	char *case_no;
	char *name;              /* as typed */
	char *kana;              /* "やまだ たろう" as typed, "" if unknown */
	struct date birth;
	char *registration;      /* code */
	char *registration_label;
	char *status;            /* code */
	char *status_label;
	int64_t lead_id;
	char *lead_name;         /* "" if none */
	char *tags;              /* labels joined by "・", "" if none */
	struct date opened, closed;
	struct date last_contact;/* y == 0 if none */
	struct date last_record; /* never none: the opening date at worst */
	struct date last_review; /* y == 0 if never reviewed */
	struct date next_review; /* y == 0 if none */
	int review_cycle_months;
	int days_since_record;
	bool overdue, stale;
	char *sort_key;          /* key_fold of kana (or name) */
	char *search_key;        /* key_variant of no, name and kana, for caselist_match */
};

/* The case list as filtered and sorted. Needs PERM_READ_CASE; audited as
 * caselist.query (the filter in the detail). *rows newly allocated. */
int caselist_query(struct db *db, const struct staff *actor, const struct caselist_filter *f,
		   enum caselist_sort sort, struct date today, struct caselist_row **rows,
		   size_t *n, struct tsu_err *e);
/* Incremental search on a loaded row: true if every space-separated word of
 * query (folded with key_variant: kana/katakana/half-width, variant kanji)
 * occurs in the case number, the name or the reading. NULL/"" matches. */
bool caselist_match(const struct caselist_row *r, const char *query);
/* Re-sort loaded rows (stable tie-break on the case number). */
void caselist_sort(struct caselist_row *rows, size_t n, enum caselist_sort sort);
void caselist_rows_free(struct caselist_row *rows, size_t n);
/* The 進行管理台帳 as aligned text (display width), one case a line under a
 * header, for the CLI and printing. Appends to out. */
void caselist_render(const struct caselist_row *rows, size_t n, struct date today,
		     struct sbuf *out);

/* Record a review of the case held on `on` (none = today): stores it and
 * sets the case's next review to on + its review cycle (or to next when
 * next.y != 0). *next_out (may be NULL) gets the new date. meeting_id may
 * be 0. PERM_WRITE_CASE; audited. Joins the caller's transaction. */
int caselist_record_review(struct db *db, const struct staff *actor, int64_t case_id,
			   struct date on, struct date next, int64_t meeting_id, const char *note,
			   struct date *next_out, struct tsu_err *e);
/* Set the case's review cycle (1..12 months) and recompute its next review
 * from the last review (or the opening date) + the cycle. */
int caselist_set_cycle(struct db *db, const struct staff *actor, int64_t case_id, int months,
		       struct date *next_out, struct tsu_err *e);

/* What intake shows about a person who contacts the centre again. */
struct contact_history {
	int n_cases;              /* cases with the person as subject or in the household */
	int64_t open_case_id;     /* an open case, 0 if none */
	char *open_case_no;       /* "" if none */
	char *last_closed_no;     /* the most recently closed case, "" if none */
	struct date last_closed;
	int years_ago, months_ago;/* since last_closed (whole years / months) */
	int n_intakes;            /* intakes naming the person */
	char *summary;            /* 「対応中 R8-0231」「3年前に相談歴あり (R5-0110 終結)」
				   * 「相談歴なし」 */
};
/* Needs PERM_READ_CASE; audited as person.history. */
int person_contact_history(struct db *db, const struct staff *actor, int64_t person_id,
			   struct date today, struct contact_history *out, struct tsu_err *e);
void contact_history_release(struct contact_history *h);

#endif
