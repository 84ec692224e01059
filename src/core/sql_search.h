/* sql_search.h: private to the core. Ids of the known-person search
 * statements in sql_search.c (the SQL stays in the sql module; search.c
 * binds and steps them). The key table, its FTS5 trigram index and the
 * triggers that maintain them are migration "人物検索の索引" in schema.c.
 *
 * Parameters of the lookups (only those a statement names are bound):
 *   ?1 text key (key_variant of the name or reading, no spaces)
 *   ?2 limit
 *   ?3 birth date "YYYY-MM-DD"            (SEARCH_SQL_BIRTH)
 *   ?4 phone digits, 3 or more, or NULL   (SEARCH_SQL_BIRTH, SEARCH_SQL_PHONE)
 *   ?5 1 if ?1 has 3+ characters (substring match allowed), else 0
 *                                         (SEARCH_SQL_BIRTH, SEARCH_SQL_PHONE)
 * Every lookup returns the same columns, in rank order (see SEARCH_COL_*). */
#ifndef TSU_SQL_SEARCH_H
#define TSU_SQL_SEARCH_H

#include "sql.h"

enum search_sql_id {
	SEARCH_SQL_SHORT,   /* 1-2 characters: prefix ranges of the B-tree indexes */
	SEARCH_SQL_LONG,    /* 3+ characters: prefix ranges, then FTS5 trigram */
	SEARCH_SQL_BIRTH,   /* birth date (index), narrowed by text and digits */
	SEARCH_SQL_PHONE,   /* phone digits (FTS5 trigram), narrowed by text */
	SEARCH_SQL_REBUILD_KEYS,    /* recompute every key, write the changed ones */
	SEARCH_SQL_REBUILD_ORPHANS, /* drop keys of persons that no longer exist */
	SEARCH_SQL_REBUILD_FTS,     /* rebuild the trigram index from person_key */
	SEARCH_SQL_KEY_COUNT,       /* rows in person_key */
	SEARCH_SQL__COUNT
};

/* Result columns of the four lookups. */
enum search_col {
	SEARCH_COL_ID, SEARCH_COL_RANK, SEARCH_COL_FAMILY, SEARCH_COL_GIVEN,
	SEARCH_COL_FAMILY_KANA, SEARCH_COL_GIVEN_KANA, SEARCH_COL_BIRTH,
	SEARCH_COL_HOUSEHOLD, SEARCH_COL_MEMBERS, SEARCH_COL_CASE_ID, SEARCH_COL_CASE_NO,
	SEARCH_COL_STATUS, SEARCH_COL_REGISTRATION, SEARCH_COL_LEAD, SEARCH_COL_INTAKES,
	SEARCH_COL_CASES, SEARCH_COL_LAST_NOTE, SEARCH_COL_LAST_NOTE_KIND,
	SEARCH_COL_LAST_INTAKE, SEARCH_COL_LAST_CLOSED
};

extern const struct sql_table sql_search_table;

#endif
