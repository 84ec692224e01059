/* model.h: private helpers shared by the model files (permissions, code
 * checks, messages). Not a public header. */
#ifndef TSU_MODEL_H
#define TSU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "sql.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

/* TSU_EPERM unless actor is an active staff member allowed p; `what` names
 * the operation ("ケースの登録"). */
int model_perm(const struct staff *actor, enum perm p, const char *what, struct tsu_err *e);
/* TSU_EINVAL unless code is NULL/"" or an active code of list; `what` names
 * the field ("状態"). */
int model_code(struct db *db, const char *list, const char *code, const char *what,
	       struct tsu_err *e);
/* TSU_EINVAL unless s is "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" naming a
 * real moment; required says whether empty is an error. */
int model_datetime(const char *s, bool required, const char *what, struct tsu_err *e);
/* The optimistic-lock failure message. */
int model_conflict(struct tsu_err *e, const char *what, int64_t id);
/* Append the audit row of an operation (inside the caller's transaction). */
int model_audit(struct db *db, const struct staff *actor, const char *action,
		const char *entity, int64_t id, const char *detail, struct tsu_err *e);
/* s, or "" for NULL. */
const char *model_nz(const char *s);
/* d plus months, the day clamped to the month's end (1/31 + 1 -> 2/28). */
struct date model_add_months(struct date d, int months);

struct case_rec;
/* model_case.c: fill c from the first 21 columns of a row in the order of
 * CASE_COLS in sql.c (id .. updated_at); other statements that select those
 * columns first (the case file) reuse it. */
void case_read_row(struct stmt *st, struct case_rec *c);

#endif
