/* settings.h: site settings (key/value) with built-in defaults:
 * safety_check_hours 48, stale_days 60, review_cycle_months 3,
 * secrecy_warn_days 30, retention_age 25. */
#ifndef TSU_SETTINGS_H
#define TSU_SETTINGS_H

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

/* The value of key, newly allocated: the stored one, else the built-in
 * default, else NULL (unknown key). */
char *settings_get(struct db *db, const char *key);
/* The value as an integer; def if absent or not a number. */
long settings_get_int(struct db *db, const char *key, long def);
/* Store a value. Needs PERM_ADMIN; audited. value must not be NULL. */
int settings_set(struct db *db, const struct staff *actor, const char *key, const char *value,
		 struct tsu_err *e);

#endif
