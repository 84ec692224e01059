/* ledger_priv.h: private to the ledger files of the core (ledger_*.c): a
 * string-keyed hash multimap, SHA-256, issue lists, the code and staff
 * lookups of the import, and the parsed rows and the plan (what the import
 * will create) passed from the checking pass to the writing pass. */
#ifndef TSU_LEDGER_PRIV_H
#define TSU_LEDGER_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/ledger.h"

/* ---- hash multimap: string key -> int64 values ---------------------------- */

struct lmap_ent {
	char *key; /* owned */
	uint32_t hash;
	int32_t next;
	int64_t val;
};

struct lmap {
	struct lmap_ent *ent;
	size_t n, cap;
	int32_t *bucket; /* heads, -1 = empty */
	size_t nbucket;  /* a power of two */
};

void lmap_init(struct lmap *m);
void lmap_release(struct lmap *m);
/* Add key -> val (a key may have several values). */
void lmap_add(struct lmap *m, const char *key, int64_t val);
/* An entry of key, or -1; lmap_next gives the others (in no particular
 * order). Values are m->ent[i].val. */
int32_t lmap_first(const struct lmap *m, const char *key);
int32_t lmap_next(const struct lmap *m, int32_t i, const char *key);
/* Number of entries of key. */
size_t lmap_count(const struct lmap *m, const char *key);

/* ---- SHA-256 ---------------------------------------------------------------- */

/* Hex digest of buf[0..len) into out (64 characters and a NUL). */
void ledger_sha256_hex(const void *buf, size_t len, char out[65]);

/* ---- issues ----------------------------------------------------------------- */

struct lissues {
	struct ledger_issue *v;
	size_t n, cap;
};
void lissue_add(struct lissues *l, size_t row, size_t col, const char *column,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void lissues_free(struct ledger_issue *v, size_t n);

/* ---- code lists and staff ----------------------------------------------------- */

enum lcl {
	LCL_CHANNEL, LCL_ROUTE, LCL_SEX, LCL_RELATION, LCL_CONSULT, LCL_ABUSE, LCL_ABUSER,
	LCL_REGISTRATION, LCL_STATUS, LCL_CLOSURE, LCL__COUNT
};

struct lcode {
	char *code, *label, *parent, *national; /* "" when absent */
};

struct lcodes {
	struct lcode *codes[LCL__COUNT];
	size_t n[LCL__COUNT];
	struct lmap alias[LCL__COUNT]; /* key_fold(label / code / alias) -> index */
	struct lmap staff;             /* key_fold(name), key_fold(login) -> id */
};

/* Load every list and the staff; 0 or TSU_EDB. Release with lcodes_release. */
int lcodes_load(struct db *db, struct lcodes *c, struct tsu_err *e);
void lcodes_release(struct lcodes *c);
/* The code of text in list, or NULL if unknown. Borrowed from c. */
const struct lcode *lcodes_find(const struct lcodes *c, enum lcl list, const char *text);
/* The Japanese name of a list for messages ("相談経路"). */
const char *lcodes_list_name(enum lcl list);
/* The staff id named by text (name or login): >0, 0 unknown, -1 ambiguous. */
int64_t lcodes_staff(const struct lcodes *c, const char *text);

/* ---- parsed rows and the plan -------------------------------------------------- */

#define LEDGER_MAX_ABUSE 8

enum lcol {
	LC_RECEIVED, LC_CHANNEL, LC_ROUTE, LC_NAME, LC_KANA, LC_BIRTH, LC_SEX, LC_ADDRESS,
	LC_PHONE, LC_GNAME, LC_GKANA, LC_GREL, LC_CONSULT, LC_ABUSE, LC_ABUSER, LC_COMPLAINT,
	LC_REGISTRATION, LC_LEAD, LC_STATUS, LC_CLOSED, LC_CLOSURE, LC__COUNT
};
extern const char *const ledger_col_names[LC__COUNT];

struct lrow {
	size_t row;                 /* 1-based, as in the file */
	char received_at[20];       /* "YYYY-MM-DD HH:MM" */
	struct date received, birth, closed;
	const char *channel, *route1, *route2, *consult, *abuser, *sex, *grel;
	const char *registration, *status, *closure;
	const char *abuse[LEDGER_MAX_ABUSE];
	size_t nabuse;
	char *name, *kana, *gname, *gkana, *address, *phone, *complaint; /* NULL if empty */
	char *key, *gkey;           /* key_variant of name, gname */
	int64_t lead_id;
	bool has_case, is_report;
	/* set by the plan */
	bool dup;
	int32_t child, guardian;    /* person indexes, -1 = none */
	int64_t hh_id;              /* the intake's household: existing id, or */
	int32_t hh_new;             /* new household index, -1 = none */
};

/* Read and check every record of text[0..len) (UTF-8; invalid bytes are
 * reported per record), total = the number of records for the progress
 * callback. *rows gets the data rows (those with errors too: they are
 * never planned, since any error stops the import); every problem goes to
 * err or warn. 0, or TSU_E* for a failure that is not the file's. */
int ledger_check_rows(const char *text, size_t len, size_t total, const struct lcodes *codes,
		      const struct ledger_import_opts *opt, struct lrow **rows, size_t *nrows,
		      struct lissues *err, struct lissues *warn);
void ledger_rows_free(struct lrow *rows, size_t n);

struct lperson {
	int64_t id;                 /* existing, or set when written */
	bool is_new, counted, guardian;
	char *key;                  /* name key (owned) */
	const struct lrow *from;    /* new: the row whose values it takes */
	struct date birth;
	int64_t hh_id;              /* current household: existing id, or */
	int32_t hh_new;             /* new household index, -1 = none */
};

struct lhouse {
	const struct lrow *from;    /* address and phone */
	int64_t id;                 /* set when written */
};

struct lmember {
	int64_t hh_id;              /* existing, or */
	int32_t hh_new;             /* new index, -1 */
	int32_t person;
	const char *relation;       /* "CH", "HEAD" */
	struct date joined;
};

struct lplan {
	struct lperson *p;
	size_t np, capp;
	struct lmap by_key;         /* name key -> person index */
	struct lmap guardians;      /* "<household>|<key>" -> person index */
	struct lmap intakes;        /* "<person>|<date>|<complaint>" of the file */
	struct lhouse *h;
	size_t nh, caph;
	struct lmember *m;
	size_t nm, capm;
};

/* Load the persons of the database into the plan's index (only those whose
 * name key is one of wanted's keys); 0 or TSU_EDB. */
int lplan_load(struct db *db, struct lplan *plan, const struct lmap *wanted,
	       struct tsu_err *e);
/* Match and plan rows[0..n) (the checked rows); counts go to res, warnings
 * to warn. Reads the database (duplicate intakes). */
int lplan_rows(struct db *db, struct lplan *plan, struct lrow *rows, size_t n,
	       struct ledger_result *res, struct lissues *warn, struct tsu_err *e);
void lplan_release(struct lplan *plan);

/* Write the plan and the rows inside the caller's write transaction, with
 * the one audit row. */
struct lwrite_ctx {
	const struct staff *actor;
	const char *name;
	const struct ledger_import_opts *opt;
	struct ledger_result *res;
};
int ledger_write(struct db *db, struct lplan *plan, struct lrow *rows, size_t n,
		 const struct lwrite_ctx *w, struct tsu_err *e);

#endif
