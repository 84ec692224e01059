/* sql_report.h: ids of the report statements (sql_report.c, slot
 * SQLT_REPORT). Private to the core. */
#ifndef TSU_SQL_REPORT_H
#define TSU_SQL_REPORT_H

#include "sql.h"

enum sql_report_id {
	RSQL_STAFF_NAME,
	/* 業務日誌: ?1 the day (YYYY-MM-DD), ?2 staff id or NULL */
	RSQL_DAILY_INTAKES, RSQL_DAILY_DECISIONS, RSQL_DAILY_SAFETY_DONE,
	RSQL_DAILY_SAFETY_PENDING, RSQL_DAILY_NOTES, RSQL_DAILY_PLANS, RSQL_DAILY_REVIEWS,
	RSQL_DAILY_SECRECY, RSQL_DAILY_HANDOVER,
	/* today: ?1 now (YYYY-MM-DD HH:MM:SS), ?2 the actor's staff id */
	RSQL_TODAY_SAFETY, RSQL_TODAY_REVIEWS, RSQL_TODAY_SECRECY, RSQL_TODAY_STALE,
	/* annual: ?1 first day, ?2 the day after the last */
	RSQL_ANNUAL_INTAKES,
	RSQL__COUNT
};

extern const struct sql_table sql_report_table;

#endif
