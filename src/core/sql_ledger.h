/* sql_ledger.h: private to the core. Ids of the statements of the ledger
 * area (CSV import of the legacy ledgers and CSV export) in sql_ledger.c.
 * The import reads what it matches against once (persons, memberships,
 * staff), then writes through the bulk inserts below in one transaction. */
#ifndef TSU_SQL_LEDGER_H
#define TSU_SQL_LEDGER_H

#include "sql.h"

enum ledger_sql_id {
	/* import: what is matched against */
	LEDGER_SQL_PERSONS,      /* id, family, given, birth, current household */
	LEDGER_SQL_MEMBERS,      /* household_id, person_id of current members */
	LEDGER_SQL_STAFF,        /* id, login, name of every staff member */
	LEDGER_SQL_INTAKE_DUP,   /* ?1 person, ?2 date, ?3 complaint: a row if present */
	LEDGER_SQL_CASE_MAX_SEQ, /* ?1 fiscal year */
	/* import: bulk writes */
	LEDGER_SQL_HH_INSERT, LEDGER_SQL_PERSON_INSERT, LEDGER_SQL_HM_INSERT,
	LEDGER_SQL_REL_INSERT, LEDGER_SQL_CASE_INSERT, LEDGER_SQL_CASE_ABUSE_INSERT,
	LEDGER_SQL_INTAKE_INSERT, LEDGER_SQL_INTAKE_ABUSE_INSERT,
	/* export: ?1 from, ?2 before ("YYYY-MM-DD" or NULL), ?3 the mask text */
	LEDGER_SQL_EXPORT_INTAKES,
	LEDGER_SQL_EXPORT_CASES,   /* ?1 fiscal year or NULL, ?3 mask */
	LEDGER_SQL_EXPORT_NOTES,   /* ?1, ?2 as intakes; ?4 actor id, ?5 may see all */
	LEDGER_SQL__COUNT
};

extern const struct sql_table sql_ledger_table;

#endif
