/* sql_plan.h: ids of the statements of the plan area (support plans,
 * progress notes, the case list, review meetings, transfers, disclosures,
 * agencies) in sql_plan.c. Private to the core. */
#ifndef TSU_SQL_PLAN_H
#define TSU_SQL_PLAN_H

#include "sql.h"

enum plan_sql_id {
	/* agencies */
	PLS_AGENCY_LIST, PLS_AGENCY_GET, PLS_AGENCY_INSERT, PLS_AGENCY_UPDATE,
	PLS_AGENCY_BY_NAME,
	/* the case as this area needs it */
	PLS_CASE_STATE, PLS_CASE_SET_REVIEW, PLS_CASE_SET_CYCLE, PLS_CASE_LAST_REVIEW,
	/* plans */
	PLS_PLAN_GET, PLS_PLAN_CURRENT, PLS_PLAN_VERSIONS, PLS_PLAN_STATE, PLS_PLAN_NEXT_NO,
	PLS_PLAN_INSERT, PLS_PLAN_UPDATE, PLS_PLAN_BUMP, PLS_PLAN_DELIVERY, PLS_PLAN_APPROVE,
	PLS_ITEM_LIST, PLS_ITEM_INSERT, PLS_ITEM_UPDATE, PLS_ITEM_DELETE, PLS_ITEM_NEXT_SORT,
	/* notes */
	PLS_NOTES,
	/* case list, reviews, contact history */
	PLS_CASELIST, PLS_REVIEW_INSERT, PLS_HISTORY_CASES, PLS_HISTORY_INTAKES,
	/* meetings */
	PLS_MTG_INSERT, PLS_MTG_GET, PLS_MTG_UPDATE, PLS_MTG_LIST, PLS_ATT_INSERT, PLS_ATT_LIST,
	PLS_MC_NEXT_SORT, PLS_MC_INSERT, PLS_MC_DUE, PLS_MC_LIST, PLS_MC_STATE, PLS_MC_RECORD,
	/* transfers and disclosures */
	PLS_TR_INSERT, PLS_TR_LIST, PLS_DS_INSERT, PLS_DS_LIST,
	PLAN_SQL__COUNT
};

extern const struct sql_table sql_plan_table;

#endif
