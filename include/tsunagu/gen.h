/* gen.h: synthetic families for the demo database and for load tests.
 * Everything here is pure: a seedable PRNG, the vocabulary in data/gen/
 * (surnames with variant kanji, given names by generation, one fictional
 * city's places, phrases for case records) and makers of people and
 * households. Nothing touches the database.
 *
 * Determinism: for a given seed and the same data files, every function
 * returns the same values on every machine. The PRNG is xoshiro256**
 * seeded by splitmix64; every draw is integer arithmetic (no libm, no
 * locale, no hash order), and vocabulary order is file order. A caller that
 * wants household i to be the same whatever else it generates seeds one
 * stream per household with gen_rng_seed_stream(). */
#ifndef TSU_GEN_H
#define TSU_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/err.h"

/* ---- PRNG ---------------------------------------------------------------- */

struct gen_rng {
	uint64_t s[4];
};

/* Seed r from one 64-bit number (splitmix64 fills the state; never all zero). */
void gen_rng_seed(struct gen_rng *r, uint64_t seed);
/* Seed an independent stream: the same (seed, stream) always gives the same
 * sequence, and different streams do not overlap in practice. */
void gen_rng_seed_stream(struct gen_rng *r, uint64_t seed, uint64_t stream);
/* The next 64 random bits. */
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n) without modulo bias (rejection); n == 0 returns 0. */
uint64_t gen_rng_below(struct gen_rng *r, uint64_t n);
/* Uniform in [lo, hi], both included; lo > hi returns lo. Any int range. */
int gen_rng_range(struct gen_rng *r, int lo, int hi);
/* True with probability p (p <= 0 never, p >= 1 always). Exact: compares a
 * 53-bit integer with p scaled by 2^53, so no rounding differs by machine. */
bool gen_rng_chance(struct gen_rng *r, double p);
/* Bell-shaped integer around mean with standard deviation sd (Irwin-Hall sum
 * of 12 uniforms, integer only), redrawn while outside [lo, hi] and clamped
 * after a few tries. For ages and gaps in days. */
long gen_rng_normal(struct gen_rng *r, long mean, long sd, long lo, long hi);
/* Weighted choice: cum[] holds running totals of the weights (non-decreasing,
 * cum[n-1] > 0); returns i with probability (cum[i] - cum[i-1]) / cum[n-1],
 * by binary search. n must be > 0. */
size_t gen_rng_pick(struct gen_rng *r, const uint64_t *cum, size_t n);

/* ---- vocabulary ---------------------------------------------------------- */

/* The files in data/gen/, in load order. */
enum gen_list {
	GEN_SURNAMES, /* surnames.tsv */
	GEN_GIVEN_M,  /* given_m.tsv */
	GEN_GIVEN_F,  /* given_f.tsv */
	GEN_PLACES,   /* places.tsv */
	GEN_PHRASES,  /* phrases.tsv */
	GEN_LIST_COUNT
};

/* Generation of a given name (世代 column). */
enum gen_cohort { GEN_COHORT_CHILD, GEN_COHORT_ADULT, GEN_COHORT_ELDER, GEN_COHORT_COUNT };

/* 種別 of a place. */
enum gen_place_kind {
	GEN_PLACE_CITY,         /* 市 */
	GEN_PLACE_TOWN,         /* 町名 */
	GEN_PLACE_BUILDING,     /* 建物 */
	GEN_PLACE_NURSERY,      /* 保育所 */
	GEN_PLACE_KINDERGARTEN, /* 幼稚園 */
	GEN_PLACE_ELEMENTARY,   /* 小学校 */
	GEN_PLACE_JUNIOR_HIGH,  /* 中学校 */
	GEN_PLACE_HIGH,         /* 高校 */
	GEN_PLACE_COUNT
};

/* One row of a vocabulary file. Strings live as long as the vocabulary. */
struct gen_entry {
	const char *text;  /* 表記, 名称, or the phrase */
	const char *kana;  /* reading in hiragana; NULL for phrases */
	const char *std;   /* surnames: the common spelling this is a variant of,
	                      or text itself; NULL for other lists */
	const char *label; /* given: "child"/"adult"/"elder"; places: 種別;
	                      phrases: 種別; NULL for surnames */
	uint32_t weight;   /* surnames and given names; 1 for places and phrases */
	int kind;          /* given: enum gen_cohort; places: enum gen_place_kind;
	                      phrases: index of the 種別 in file order; else 0 */
	int chome;         /* places of kind 町名: number of 丁目 (0: none) */
	unsigned line;     /* line number in its file */
};

struct gen_vocab;

/* Load the five files from dir, or from the data directory's gen/ when dir
 * is NULL. On failure returns TSU_EIO, TSU_EINVAL or TSU_EENCODING with a
 * Japanese message naming the file and line, and leaves *out NULL. Every
 * reading must be hiragana (ぁ..ゖ, ゝゞ, and ー). */
int gen_vocab_load(const char *dir, struct gen_vocab **out, struct tsu_err *e);
/* Free the vocabulary and set *v to NULL; NULL and *v == NULL are fine. */
void gen_vocab_free(struct gen_vocab **v);
/* Rows of a list and one row (i < count), in file order. */
size_t gen_vocab_count(const struct gen_vocab *v, enum gen_list l);
const struct gen_entry *gen_vocab_entry(const struct gen_vocab *v, enum gen_list l, size_t i);
/* The one city (places.tsv kind 市), never NULL. */
const struct gen_entry *gen_vocab_city(const struct gen_vocab *v);

/* Weighted draws, never NULL. sex is GEN_SEX_MALE or GEN_SEX_FEMALE. */
const struct gen_entry *gen_surname(const struct gen_vocab *v, struct gen_rng *r);
const struct gen_entry *gen_given(const struct gen_vocab *v, struct gen_rng *r, int sex,
				  enum gen_cohort c);
/* Uniform draws of a place of a kind, never NULL. */
const struct gen_entry *gen_place(const struct gen_vocab *v, struct gen_rng *r,
				  enum gen_place_kind k);
/* A uniform phrase of a 種別 ("家庭訪問", "通告:学校", ...); NULL if the kind
 * has no phrases. */
const char *gen_phrase(const struct gen_vocab *v, struct gen_rng *r, const char *kind);

/* ---- kana ---------------------------------------------------------------- */

enum gen_kana_form { GEN_KANA_HIRAGANA, GEN_KANA_KATAKANA, GEN_KANA_HALFWIDTH };

/* True if s is non-empty and only hiragana (ぁ..ゖ, ゝ, ゞ) and ー. */
bool gen_kana_is_hiragana(const char *s);
/* Hiragana to full-width katakana (さいとう → サイトウ); other characters are
 * copied. Writes a NUL-terminated string to buf (size n); returns 0, or
 * TSU_EINVAL (buf left empty) if it does not fit; n = 2 * strlen(s) + 1
 * always does, for all three converters. Invalid UTF-8 is copied as is. */
int gen_kana_katakana(const char *s, char *buf, size_t n);
/* Hiragana or katakana to half-width katakana as old ledgers have it:
 * がくせい → ｶﾞｸｾｲ, ぱぴ → ﾊﾟﾋﾟ; small letters without a half-width form
 * (ゎ ゕ ゖ) and ゐ ゑ become their plain neighbours (ﾜ ｶ ｹ ｲ ｴ); ー 。「」、・
 * and the ideographic space become ｰ ｡ ｢ ｣ ､ ･ and " ". Same return as above. */
int gen_kana_halfwidth(const char *s, char *buf, size_t n);
/* Convert to form f (GEN_KANA_HIRAGANA copies). Same return as above. */
int gen_kana_to_form(const char *s, enum gen_kana_form f, char *buf, size_t n);

/* ---- people and households ---------------------------------------------- */

/* ISO 5218 codes, as the database stores them. */
enum { GEN_SEX_MALE = 1, GEN_SEX_FEMALE = 2 };

/* A member's relation to the children; the parent kinds match the national
 * 主たる虐待者 categories (実父, 実父以外の父, 実母, 実母以外の母). */
enum gen_relation {
	GEN_REL_CHILD,
	GEN_REL_FATHER,      /* 実父 */
	GEN_REL_MOTHER,      /* 実母 */
	GEN_REL_STEPFATHER,  /* 実父以外の父 (継父, 内縁の夫) */
	GEN_REL_STEPMOTHER,  /* 実母以外の母 */
	GEN_REL_GRANDFATHER, /* 祖父 */
	GEN_REL_GRANDMOTHER  /* 祖母 */
};

#define GEN_PHONE_MAX 16

/* A synthetic person. The name strings are borrowed from the vocabulary and
 * live as long as it does; kana are hiragana, and kana_form says how this
 * person's record writes them (convert with gen_kana_to_form). */
struct gen_person {
	const char *family, *given;
	const char *family_kana, *given_kana;
	const char *family_std; /* common spelling of family (== family unless a variant) */
	int sex;                /* GEN_SEX_MALE or GEN_SEX_FEMALE */
	struct date birth;
	char phone[GEN_PHONE_MAX]; /* "090-0000-1234" (fictional range) or "" */
	enum gen_relation rel;
	enum gen_kana_form kana_form;
	const char *school; /* children in a nursery or school on the reference
	                       date: its name; otherwise NULL */
};

/* Label of a relation: "子", "実父", "実母", "継父", "継母", "祖父", "祖母". */
const char *gen_relation_label(enum gen_relation rel);

/* A person of the given sex born in [from, to] (uniform by day; from > to is
 * treated as to), with a weighted surname and a given name of the generation
 * that fits the birth year; no phone, rel GEN_REL_CHILD, hiragana form. */
void gen_person_make(const struct gen_vocab *v, struct gen_rng *r, int sex, struct date from,
		     struct date to, struct gen_person *out);

#define GEN_HOUSEHOLD_MAX 8
#define GEN_ADDRESS_MAX 192

/* A household as of a reference date: one or two parents (sometimes a
 * step-parent with another surname), 1-4 children under 18 on that date with
 * plausible gaps (rarely twins), sometimes grandparents. Every child is at
 * least 16 years younger than every parent and grandparent. Members are in
 * order: parents, children (eldest first), grandparents. */
struct gen_household {
	struct gen_person member[GEN_HOUSEHOLD_MAX];
	size_t n;
	const struct gen_entry *town;  /* places.tsv 町名 */
	char address[GEN_ADDRESS_MAX]; /* "ひばり野市中央町二丁目5番12号　コーポ青葉203号室" */
	char phone[GEN_PHONE_MAX];     /* landline "0000-00-1234" (fictional) or "" */
	bool address_secret;           /* DV等支援措置: address withheld from a counterparty */
	enum gen_kana_form kana_form;  /* shared by all members */
};

/* Fill out with a new household as of ref. Consumes a varying number of
 * draws from r; deterministic for a given state of r. */
void gen_household_make(const struct gen_vocab *v, struct gen_rng *r, struct date ref,
			struct gen_household *out);

/* ---- filling a database -------------------------------------------------
 * gen_fill writes a whole synthetic centre into a database: households and
 * persons (names as typed, variant kanji and IVS included; kana in the
 * household's form), membership and family relations, and for a share of
 * the households intakes over several fiscal years, cases numbered per
 * fiscal year as case_create numbers them, status and registration history,
 * progress notes, reporters and safety checks. Everything is relative to a
 * reference date, so a test can pin "today".
 *
 * Rows go in through bulk statements in transactions of about 50,000 rows,
 * not through the model functions (which audit every row): ONE audit row
 * ("gen") records the run. Staff are the exception: when fewer than six
 * caseworkers are active, a roster of synthetic staff (logins gen01...) is
 * added through staff_add, which audits each.
 *
 * Determinism: the same options (seed, persons, ref, now_minute, years,
 * caseload_permille) on databases holding the same staff give the same rows,
 * ids included. Household i draws from gen_rng_seed_stream(seed, i); its
 * caseload and each case's notes draw from streams of their own, so changing
 * the caseload share does not change the families. */

struct db;
struct staff;

#define GEN_PERSONS_MAX 20000000L
#define GEN_DEFAULT_YEARS 4
#define GEN_DEFAULT_CASELOAD_PERMILLE 40

struct gen_opts {
	long persons;          /* persons to create, 1..GEN_PERSONS_MAX (exactly) */
	uint64_t seed;
	struct date ref;       /* the reference date ("today"); y == 0: today */
	int now_minute;        /* minutes after midnight of ref that count as now:
	                          intakes of the reference day come before it;
	                          0: nothing happens on the reference day */
	int years;             /* fiscal years of history before ref's; 0: 4 */
	int caseload_permille; /* households with intakes, per mille; 0: 40 */
	bool add_to_existing;  /* allow a database that already holds persons */
	const char *vocab_dir; /* NULL: data/gen of the data directory */
};

struct gen_stats {
	long households, persons, relations, secrecy;
	long intakes, reports, cases, open_cases, notes, safety_checks, staff_added;
	double seconds;
};

/* Progress: phase is a Japanese label, done of total units (persons, then
 * rows of the caseload). Called at most every few thousand rows. */
typedef void (*gen_progress_fn)(void *arg, const char *phase, long done, long total);

/* Fill db as described above, acting as actor, who needs PERM_ADMIN (a
 * センター長 or 統括支援員). Refuses with TSU_EINVAL, writing nothing, when
 * the database already holds persons and add_to_existing is false, or when
 * an option is out of range. progress and stats may be NULL. On failure
 * after some transactions were committed those rows stay (they are complete
 * households) and a "gen" audit row saying the run was interrupted is
 * attempted; e says what failed. */
int gen_fill(struct db *db, const struct staff *actor, const struct gen_opts *opt,
	     gen_progress_fn progress, void *arg, struct gen_stats *stats, struct tsu_err *e);
/* The number of persons in db (for the "is this a new database" check). */
int gen_count_persons(struct db *db, int64_t *n, struct tsu_err *e);

#endif
