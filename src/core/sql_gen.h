/* sql_gen.h: private to the core. Ids of the synthetic-data statements
 * (sql_gen.c): bulk inserts that set every column, stamps included, so that
 * a generated database is the same for the same options. */
#ifndef TSU_SQL_GEN_H
#define TSU_SQL_GEN_H

#include "sql.h"

enum gen_sql_id {
	GEN_SQL_PERSON_COUNT,
	GEN_SQL_WORKERS,
	GEN_SQL_CACHE_BIG,
	GEN_SQL_CACHE_DEFAULT,
	GEN_SQL_TEMP_MEMORY,
	GEN_SQL_TEMP_DEFAULT,
	GEN_SQL_DEFER_FK,
	GEN_SQL_MAX_PERSON,
	GEN_SQL_HOUSEHOLD,
	GEN_SQL_PERSON,
	GEN_SQL_MEMBER,
	GEN_SQL_RELATION,
	GEN_SQL_MAX_SEQ,
	GEN_SQL_CASE,
	GEN_SQL_CASE_ABUSE,
	GEN_SQL_CASE_TAG,
	GEN_SQL_CASE_HIST,
	GEN_SQL_INTAKE,
	GEN_SQL_INTAKE_ABUSE,
	GEN_SQL_CALLER,
	GEN_SQL_SAFETY,
	GEN_SQL_NOTE,
	GEN_SQL__COUNT
};

extern const struct sql_table sql_gen_table;

#endif
