/* date_priv.h: what date.c and date_parse.c share: the loaded era table and
 * a few calendar facts. Not for use outside the date module. */
#ifndef TSU_DATE_PRIV_H
#define TSU_DATE_PRIV_H

#include "tsunagu/date.h"

#define ERA_MAX 32
#define ERA_NAME_MAX 32 /* bytes, with the NUL */

struct era {
	char name[ERA_NAME_MAX]; /* 令和 */
	char abbr[ERA_NAME_MAX]; /* 令 */
	char letter;             /* R (upper case) */
	struct date start;
	long start_days;         /* date_to_days(start) */
};

/* In date order; date_eras[i] ends the day before date_eras[i + 1] starts.
 * Written only by date_load_eras. */
extern struct era date_eras[ERA_MAX];
extern int date_n_eras;

/* "日" .. "土", 0 = Sunday. */
extern const char *const date_wday_names[7];

/* Days in month m (1..12) of year y. */
int date_month_days(int y, int m);

#endif
