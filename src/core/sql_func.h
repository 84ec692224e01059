/* sql_func.h: private to the core. The application SQL functions that the
 * search-key triggers of migration 2 call (tsu_key_variant, tsu_key_digits).
 * They are registered on every connection by db_open, before any migration,
 * so every write made through tsunagu keeps person_key exact. A connection
 * without them (the sqlite3 shell) can read every table but cannot write a
 * person, household or membership: the trigger fails with "no such function"
 * and nothing is written. */
#ifndef TSU_SQL_FUNC_H
#define TSU_SQL_FUNC_H

#include "tsunagu/db.h"
#include "tsunagu/err.h"

/* Register the functions on db's connection. Loads the variant-kanji table
 * (key_load_default) if none is loaded yet, so keys never miss the variant
 * pass. TSU_EDB or the loader's error with e set. */
int sql_func_register(struct db *db, struct tsu_err *e);

#endif
