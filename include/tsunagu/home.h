/* home.h: what the home screen (ホーム) and `tsunagu today` show: today's
 * counts, safety checks by deadline, reviews due and the actor's open cases,
 * all from real queries. The queries are read-only; the screen records what
 * it showed with home_record_view. */
#ifndef TSU_HOME_H
#define TSU_HOME_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct home_counts {
	int intakes_today;        /* 受付 */
	int reports_today;        /* of which 通告 (abuse reports) */
	int meetings_today;       /* 受理会議 decisions today */
	int notes_today;          /* 経過記録 */
	int safety_due;           /* open safety checks */
	int safety_overdue;       /* of which past the deadline */
	int reviews_overdue;      /* 見直し超過 (open cases) */
	int secrecy_ending;       /* 支援措置 ending within 30 days */
	int my_open_cases;
};

struct home_row {
	int64_t case_id;      /* 0 if not yet a case (an intake awaiting 受理) */
	int64_t intake_id;    /* for safety checks */
	char *case_no;        /* "R8-0231" or "" */
	char *name;           /* subject's name as typed */
	char *kana;
	char *birth;          /* ISO or "" */
	char *registration;   /* label or "" */
	char *status;         /* label */
	char *detail;         /* abuse type, last record, ... */
	char *lead;           /* lead worker's name */
	char *due;            /* ISO date or "YYYY-MM-DD HH:MM" */
	long minutes_left;    /* safety checks: minutes to the deadline, negative when overdue */
	int days_since_record;/* -1 if never */
};

int home_load_counts(struct db *db, const struct staff *actor, struct date today,
		     struct home_counts *out, struct tsu_err *e);
/* Open safety checks, earliest deadline first, minutes_left relative to now. */
int home_safety_checks(struct db *db, time_t now, struct home_row **rows, size_t *n,
		       struct tsu_err *e);
/* Open cases whose next review is on or before today + days_ahead, earliest first. */
int home_reviews_due(struct db *db, struct date today, int days_ahead, struct home_row **rows,
		     size_t *n, struct tsu_err *e);
/* The actor's open cases (lead worker), by next review date. */
int home_my_cases(struct db *db, const struct staff *actor, struct date today,
		  struct home_row **rows, size_t *n, struct tsu_err *e);
void home_rows_free(struct home_row *rows, size_t n);
/* The lists above show children's names: the screen that showed them records
 * that the actor saw them, as one audit row "home.read" with the row counts.
 * Call once per load from the database (not per redraw). */
int home_record_view(struct db *db, const struct staff *actor, size_t safety, size_t reviews,
		     size_t mine, struct tsu_err *e);

#endif
