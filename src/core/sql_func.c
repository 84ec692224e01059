/* sql_func.c: application SQL functions for the search keys. The key table
 * person_key is maintained by triggers (migration 2 in schema.c) that call
 * these, so importers and the generator, which write persons through their
 * own statements, keep the keys exact without knowing about them.
 *
 *   tsu_key_variant(text) -> key_variant(text), '' for NULL
 *   tsu_key_digits(text)  -> key_digits(text),  '' for NULL
 *
 * Both are deterministic within a process (the variant table is loaded once
 * before the first connection) and innocuous (no side effects), so they may
 * be used in triggers and views whatever trusted_schema says. One of the
 * four files of the core that include sqlite3.h (with db.c, sql.c and
 * schema.c). */
#include "sql_func.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "db_priv.h"
#include "tsunagu/key.h"

struct func_def {
	const char *name;
	char *(*fn)(const char *);
};

static void call_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct func_def *def = sqlite3_user_data(ctx);
	const unsigned char *s = argc == 1 ? sqlite3_value_text(argv[0]) : NULL;
	char *k;

	if (!s && argc == 1 && sqlite3_value_type(argv[0]) != SQLITE_NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	k = def->fn(s ? (const char *)s : "");
	sqlite3_result_text(ctx, k, -1, free);
}

static struct func_def funcs[] = {
	{"tsu_key_variant", key_variant},
	{"tsu_key_digits", key_digits},
};

int sql_func_register(struct db *db, struct tsu_err *e)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	int rc;

	/* keys written without the variant pass would silently miss 髙/高 */
	if (key_variant_count() == 0 && (rc = key_load_default(e)) != 0)
		return rc;
	for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
		rc = sqlite3_create_function_v2(db->h, funcs[i].name, 1, flags, &funcs[i],
						call_key, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return sql_fail(db, rc, "検索キー関数の登録", e);
	}
	return 0;
}
