/* search.h: the known-person search (該当しそうな人): while a worker types a
 * name, reading, birth date or phone number, the persons already on file
 * with their household, open case and history. The same lookup serves the
 * intake pane (on every keystroke) and `tsunagu search`.
 *
 * Matching works on keys (key.h), never on the names as typed: hiragana,
 * katakana and half-width kana, full and half width, spaces, 〜/～ and the
 * curated variant kanji all fold (髙橋 finds 高橋; ｻｲﾄｳ finds 齋藤 through
 * its reading さいとう). The keys live in the table person_key, maintained
 * by triggers whenever a person, household or membership is written through
 * tsunagu (see sql_func.h), and can be rebuilt with search_rebuild.
 *
 * A query is free text split at white space. Each word that date_parse
 * accepts (R6.4.1, 2024/4/1, 令和6年4月1日, ...) is the birth date; each
 * word made only of digits, hyphens, parentheses and + (any width) adds to
 * the phone number; the other words, folded and joined without spaces, are
 * the name or reading. Routing:
 *   birth date        -> persons born that day, narrowed by name and phone;
 *   3+ phone digits   -> phone numbers (own or current household's)
 *                        containing them, narrowed by name;
 *   1-2 characters    -> family name, given name, either reading, or the
 *                        family name followed by the given name's reading
 *                        (高橋 はる: the IME has not converted it yet)
 *                        starting with them (B-tree prefix ranges);
 *   3+ characters     -> the same prefixes, then the whole name or reading
 *                        containing them (FTS5 trigram index);
 *   nothing usable    -> no rows, no SQL (fewer than 3 digits alone too).
 * Rank: the whole name or reading equal to the query first, then prefix,
 * then substring, then birth date / phone alone; ties by key, then id. A
 * phone lookup ranks exact numbers first among the first `limit` found.
 *
 * Auditing (児童福祉法 25条の5: who searched what must be traceable; the
 * row holds the kind of query and the count, never the names typed):
 * without a session every search_persons call appends one audit row in the
 * same write transaction as the lookup. The pane, which looks up on every
 * keystroke, passes a search_session instead: lookups then run as plain
 * reads (no write lock per keystroke) and search_session_end appends one row
 * for the whole session (lookups, kinds, last count, the person picked). A
 * caller that opens a session must end it, also when the intake is
 * abandoned. */
#ifndef TSU_SEARCH_H
#define TSU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/err.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 1000
#define SEARCH_MIN_DIGITS 3 /* a phone number shorter than this is ignored */

enum search_route {
	SEARCH_ROUTE_NONE,
	SEARCH_ROUTE_SHORT, /* name or reading, 1-2 characters */
	SEARCH_ROUTE_LONG,  /* name or reading, 3+ characters */
	SEARCH_ROUTE_BIRTH, /* birth date (with or without name / phone) */
	SEARCH_ROUTE_PHONE  /* phone digits (with or without name) */
};

enum search_rank {
	SEARCH_RANK_EXACT,     /* whole name or reading equals the query */
	SEARCH_RANK_PREFIX,    /* name, given name or a reading starts with it */
	SEARCH_RANK_SUBSTRING, /* contains it */
	SEARCH_RANK_OTHER      /* birth date or phone only */
};

struct search_query {
	char *text;        /* folded key of the name words, "" if none */
	size_t text_chars; /* its length in characters */
	struct date birth; /* y == 0: none */
	char *digits;      /* phone digits, "" if none */
	enum search_route route;
};

/* Parse query (NULL is ""); never fails: what is not a date or a phone
 * number is text. Strings in *q newly allocated; search_query_release. */
void search_parse(const char *query, struct search_query *q);
void search_query_release(struct search_query *q);
/* Japanese name of a route for messages and the audit row ("氏名", ...). */
const char *search_route_label(enum search_route r);

/* One person found. Strings are never NULL ("" if absent) and point into the
 * result that holds the hit (valid until the next search into it or its
 * release). */
struct search_hit {
	int64_t person_id;
	enum search_rank rank;
	const char *name;          /* "髙橋 陽翔" as typed */
	const char *kana;          /* "たかはし はると" */
	struct date birth;         /* y == 0: unknown */
	int age;                   /* today; -1 if unknown */
	int64_t household_id;      /* current household, 0 if none */
	const char *members;       /* other current members: "髙橋 健一(実父) 髙橋 美咲(実母)" */
	int64_t case_id;           /* open case with this person as subject, 0 if none */
	const char *case_no;       /* "R8-0231" */
	const char *status;        /* label: "調査" */
	const char *registration;  /* label: "要保護児童" */
	const char *lead;          /* lead worker's name */
	int intakes;               /* past intakes about this person */
	int cases;                 /* cases (open and closed) with this subject */
	struct date last_contact;  /* latest progress note or intake; y == 0: none */
	const char *last_contact_kind; /* note kind label, or "受付" */
	struct date last_closed;   /* latest closure; y == 0: never closed */
	int years_since_closed;    /* full years since last_closed; -1 if none */
};

/* Zero-initialise. Reuse one result across keystrokes: its buffers keep
 * their capacity, so a lookup allocates almost nothing. */
struct search_result {
	struct search_hit *hits;
	size_t n;
	enum search_route route; /* the route the last lookup took */
	size_t cap;              /* private */
	struct sbuf pool;        /* private: the hits' strings */
};
/* Free and zero; NULL-safe. */
void search_result_release(struct search_result *r);

/* A lookup session of the pane (see the top of this file). Zero or
 * search_session_begin; plain data, nothing to free. */
struct search_session {
	int lookups;      /* search_persons calls since begin */
	int last_count;   /* hits of the last one */
	unsigned routes;  /* bit (1 << route) of every route taken */
};
void search_session_begin(struct search_session *s);
/* Append the session's one audit row ("person.search"; entity person and
 * picked_person_id if one was picked, else 0) and reset s. Nothing is
 * written if no lookup ran. Needs the actor of the lookups. */
int search_session_end(struct db *db, const struct staff *actor, struct search_session *s,
		       int64_t picked_person_id, struct tsu_err *e);

/* Look up query (limit <= 0: SEARCH_DEFAULT_LIMIT; at most
 * SEARCH_MAX_LIMIT) into *out (its previous hits are dropped). Needs
 * PERM_READ_CASE. With session NULL: one write transaction holding the
 * lookup and its audit row (must not be called inside a read transaction).
 * With a session: a plain read, counted in the session. On failure out is
 * empty and e set. */
int search_persons(struct db *db, const struct staff *actor, const char *query, int limit,
		   struct search_session *session, struct search_result *out, struct tsu_err *e);

/* Recompute every person's keys from the names as stored (after editing
 * data/variants.tsv or writing persons with triggers disabled), drop keys of
 * persons that no longer exist and rebuild the trigram index. Needs
 * PERM_ADMIN; audited. *changed (may be NULL): keys written; *total (may be
 * NULL): keys in the table afterwards. */
int search_rebuild(struct db *db, const struct staff *actor, int64_t *changed, int64_t *total,
		   struct tsu_err *e);

/* For scripts/bench-search: append to out a sqlite3-shell script that runs
 * the lookup of query exactly as search_persons would (the same statement
 * text, the same values bound with .parameter set). Returns the route; for
 * SEARCH_ROUTE_NONE nothing is appended. */
enum search_route search_explain(const char *query, int limit, struct sbuf *out);

#endif
