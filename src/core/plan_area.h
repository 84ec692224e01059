/* plan_area.h: private helpers shared by the files of the plan area
 * (plan.c, progress.c, caselist.c, meeting.c, transfer.c): the few facts
 * of a case they check, and moving a case's next review. Implemented in
 * caselist.c. Not a public header. */
#ifndef TSU_PLAN_AREA_H
#define TSU_PLAN_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "sql.h"
#include "tsunagu/date.h"
#include "tsunagu/staff.h"

struct case_state {
	bool closed;
	char case_no[32];
	int cycle;              /* review cycle in months */
	struct date opened;
	struct date next_review;
	int64_t lead_id;
	char status[16];
	int64_t version;
};

/* Read the case; TSU_ENOTFOUND naming it if absent. */
int case_state_read(struct db *db, int64_t case_id, struct case_state *out,
		    struct tsu_err *e);
/* TSU_EINVAL if the case is closed; `what` names the operation. */
int case_state_open(const struct case_state *cs, const char *what, struct tsu_err *e);
/* Set the case's next review to next (inside the caller's transaction) and
 * audit it, unless it already is next. */
int case_state_set_review(struct db *db, const struct staff *actor, int64_t case_id,
			  const struct case_state *cs, struct date next, struct tsu_err *e);

#endif
