/* meeting_priv.h: reads shared by meeting.c and meeting_text.c, inside the
 * caller's transaction, without permission check or audit (the public
 * functions of meeting.h do those). Not a public header. */
#ifndef TSU_MEETING_PRIV_H
#define TSU_MEETING_PRIV_H

#include "tsunagu/meeting.h"

int meeting_read(struct db *db, int64_t id, struct meeting *out, struct tsu_err *e);
int meeting_attendees_read(struct db *db, int64_t meeting_id, struct meeting_attendee **out,
			   size_t *n, struct tsu_err *e);
int meeting_cases_read(struct db *db, int64_t meeting_id, struct meeting_case **out, size_t *n,
		       struct tsu_err *e);

#endif
