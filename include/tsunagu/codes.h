/* codes.h: the code lists (相談種別, 虐待種別, 相談経路, 状態, ...). Rows store
 * short ASCII codes; labels live in data/codes/<list>.tsv and are loaded into
 * the `code` table at init and by every migration (upsert by (list, code);
 * codes that vanished from the file are marked inactive, never deleted, since
 * old rows still use them). Local codes roll up to a national code through
 * the `national` column (養育力不足 -> その他の養護相談). Master data only:
 * these calls read no personal data and write no audit row. */
#ifndef TSU_CODES_H
#define TSU_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/db.h"

struct code {
	char *list;     /* "consult_type" */
	char *code;     /* "YG2L1" */
	char *label;    /* "養育力不足" */
	char *parent;   /* "" at the top level, else a code of the same list */
	char *national; /* "" if the code is itself national, else its roll-up */
	int sort;
	bool active;
};

/* The codes of a list in file order; inactive ones only if asked. *out is
 * newly allocated (codes_free); an unknown list gives 0 rows, not an error. */
int codes_list(struct db *db, const char *list, bool include_inactive, struct code **out,
	       size_t *n, struct tsu_err *e);
void codes_free(struct code *codes, size_t n);
/* One code (active or not); TSU_ENOTFOUND naming list and code. *out is
 * filled; release with code_release. */
int codes_get(struct db *db, const char *list, const char *code, struct code *out,
	      struct tsu_err *e);
void code_release(struct code *c);
/* The label of a code, newly allocated; the code itself if unknown, "" for
 * NULL or "". Never NULL. */
char *codes_label(struct db *db, const char *list, const char *code);
/* The national code a code rolls up to (itself when national), newly
 * allocated; NULL with TSU_ENOTFOUND if the code is unknown. */
char *codes_national(struct db *db, const char *list, const char *code, struct tsu_err *e);
/* True if code is an active code of list. */
bool codes_valid(struct db *db, const char *list, const char *code);

/* Load one code list file (the list name is the file's base name without
 * .tsv) into the code table. Format: '#' comment lines, then
 * code<TAB>label[<TAB>parent[<TAB>national]]. Errors name "<path>:<line>".
 * Runs inside the caller's write transaction when there is one. */
int codes_load_file(struct db *db, const char *path, struct tsu_err *e);

#endif
