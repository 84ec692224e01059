/* sql_triage.h: private to the core. Ids of the statements of the triage
 * area (受理会議, 緊急度アセスメント, tags, the case file) in sql_triage.c. */
#ifndef TSU_SQL_TRIAGE_H
#define TSU_SQL_TRIAGE_H

#include "sql.h"

enum triage_sql_id {
	/* 受理会議 */
	TRI_OPEN_CASE_OF,
	TRI_MEETING_INSERT,
	TRI_ATTENDEE_INSERT,
	TRI_DECISION_INSERT,
	TRI_DETAIL_INSERT,
	TRI_INVEST_INSERT,
	TRI_TRANSFER_INSERT,
	TRI_INTAKE_SAFETY_DUE,
	TRI_STAFF_NAME,
	/* assessments */
	TRI_ASM_INSERT,
	TRI_ASM_ANSWER_INSERT,
	TRI_ASM_LIST,
	TRI_ASM_GET,
	TRI_ASM_ANSWERS,
	/* tags */
	TRI_TAG_INSERT,
	TRI_TAG_DELETE,
	TRI_TAG_LIST,
	/* the case file */
	TRI_CF_CASE,
	TRI_CF_HOUSEHOLD,
	TRI_CF_MEMBERS,
	TRI_CF_HISTORY,
	TRI_CF_EVENTS,
	TRI_CF_INVEST,
	/* intakes awaiting 受理 */
	TRI_PENDING,
	TRI_SQL__COUNT
};

extern const struct sql_table sql_triage_table;

#endif
