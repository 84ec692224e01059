/* gen_priv.h: private to gen_fill.c and gen_caseload.c. The state of one
 * gen_fill run: options resolved to day numbers, the staff who can lead a
 * case, the row counter behind the ~50,000-row transactions, and the planned
 * caseload (written after the households, in time order, so that ids and
 * case numbers follow the calendar as they would in a real centre). */
#ifndef TSU_GEN_PRIV_H
#define TSU_GEN_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <string.h>

#include "sql_gen.h"
#include "tsunagu/gen.h"
#include "tsunagu/util.h"

#define GEN_COMMIT_ROWS 50000
#define GEN_DAY_MIN     1440LL

/* RNG streams: household i uses stream i; these bits mark the others. */
#define GEN_STREAM_CASELOAD (UINT64_C(1) << 56)
#define GEN_STREAM_NOTES    (UINT64_C(2) << 56)
#define GEN_STREAM_STAFF    (UINT64_C(3) << 56)

struct gen_load; /* gen_caseload.c */

struct gen_ctx {
	struct db *db;
	const struct staff *actor;
	struct gen_vocab *v;
	uint64_t seed;
	long ref;      /* day number of the reference date */
	long start;    /* first day of the history (1 April) */
	long long now; /* "now" in minutes since 1970-01-01 (local) */
	int permille;  /* households with a caseload */
	int safety_hours, cycle_months, retention_age;
	int64_t *workers; /* staff who may lead a case, by id */
	size_t nworkers;
	long rows;           /* rows since the last commit */
	int64_t next_person; /* id of the next person (read in each transaction) */
	bool committed;      /* some transaction of this run was committed */
	gen_progress_fn progress;
	void *arg;
	struct gen_stats *st;
	struct gen_load *load;
};

/* What the caseload planner tells the household writer before the persons
 * are inserted. */
struct gen_hplan {
	bool active;      /* this household has intakes */
	uint64_t h;       /* household number (names the notes' streams) */
	struct gen_rng r; /* its caseload stream, carried to gen_caseload_add */
	int scenario;
	int pregnant;      /* member index expecting a child, or -1 */
	long expected_day; /* her expected delivery */
	bool moved;        /* the family moved away (ケース移管) */
	long first_day;    /* day of the first intake (the record's creation) */
	long spec_day[3], spec_end[3];
	int spec_kind[3], nspec;
	const char *reason; /* closure reason of the last episode, if closed */
};

/* Begin a write transaction of the run (foreign keys deferred to commit). */
int gen_begin(struct gen_ctx *g, struct tsu_err *e);
/* Count a written row; commit and begin again past GEN_COMMIT_ROWS when
 * at_boundary (a point where every written row is complete). */
int gen_row(struct gen_ctx *g, int n, bool at_boundary, struct tsu_err *e);
/* "YYYY-MM-DD HH:MM:SS" of minutes since the epoch; buf of 20+ bytes. */
char *gen_fmt_time(long long minutes, char *buf, size_t n);
/* "YYYY-MM-DD" of a day number. */
char *gen_fmt_day(long day, char *buf, size_t n);

/* ---- the caseload (gen_caseload.c plans, gen_write.c writes) ---------- */

/* The scenario of a household's latest episode. */
enum kind {
	EK_CLOSED,       /* a case opened and closed in the history */
	EK_OPEN,         /* a case under support, its review ahead */
	EK_OVERDUE,      /* a case under support whose review date has passed */
	EK_NOTACC,       /* an intake the 受理会議 did not accept */
	EK_PENDING,      /* a report yesterday, no decision yet, safety check due */
	EK_PENDING_CASE, /* a report days ago, accepted, safety check overdue */
	EK_RECENT,       /* a report in the last two weeks, child seen, case young */
	EK_TODAY,        /* a report this morning (only when now_minute allows) */
	EK_PREGNANT,     /* 特定妊婦: an expectant mother passed on by the health centre */
	EK__COUNT
};

/* A planned case; id and number are given when written. */
struct gen_case {
	long long opened; /* minutes */
	long closed;      /* day, or -1 while open */
	long next_review; /* day */
	long birth;       /* the subject's */
	int64_t subject_id, household_id, lead_id, id;
	const char *consult, *registration, *status, *reason;
	const char *abuse[2], *tags[2];
	int nabuse, ntags, cycle, fy, seq, nhist;
	long dispose; /* day, or -1 */
	struct gen_event {
		long long at;
		const char *field, *old, *new, *reason, *why;
	} hist[6];
};

/* A planned intake with its reporter and safety check. */
struct gen_intake {
	long long recv, due, done; /* minutes; due/done -1 for none/pending */
	int64_t household_id, subject_id, staff_id, check_staff;
	int case_idx; /* -1 none */
	int accepted; /* -1 undecided */
	bool report, urgent, anonymous, caller;
	const char *channel, *route1, *route2, *consult, *abuser, *complaint;
	const char *abuse[2], *caller_rel, *intent, *method;
	int nabuse;
	char *narrative, *past, *caller_name;
	char contact[GEN_PHONE_MAX];
};

/* A planned progress note (ord keeps notes of one minute in plan order). */
struct gen_note {
	long long at;
	int case_idx, ord;
	int64_t staff_id;
	const char *kind, *content, *counterpart, *source;
	bool restricted;
};

/* The phrases of one kind (data/gen/phrases.tsv), borrowed from the vocabulary. */
struct pset {
	const char **p;
	size_t n;
};

/* Phrase kinds, in the order of pkind_label in gen_write.c. */
enum pkind {
	PK_SCHOOL,
	PK_NURSERY,
	PK_POLICE,
	PK_NEIGHBOUR,
	PK_MEDICAL,
	PK_RELATIVE,
	PK_PARENT,
	PK_HOME,
	PK_AGENCY,
	PK_TEL,
	PK_VISIT,
	PK__COUNT
};

/* A household as the text sees it on one day, about one member. */
struct fam {
	const struct gen_household *hh;
	int mother, father, partner; /* member index or -1 (partner: step-father) */
	int nkids;
	bool twins;
	int subject; /* member index */
	long day;    /* of the event */
	bool pregnant;
	bool dv; /* violence between the adults is on record */
};

/* Everything planned by a run, written at its end. */
struct gen_load {
	struct pset ph[PK__COUNT];
	struct gen_case *cs;
	struct gen_intake *in;
	struct gen_note *nt;
	size_t ncs, nin, nnt, capcs, capin, capnt;
	long k; /* households dealt a scenario so far */
};

/* Small helpers of the caseload files. */
static inline void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 256;
	return xreallocarray(p, *cap, size);
}

static inline long office_day(long day)
{
	int w = date_weekday(date_from_days(day));

	return w == 6 ? day - 1 : w == 0 ? day - 2 : day;
}

static inline long next_office_day(long day)
{
	int w = date_weekday(date_from_days(day));

	return w == 6 ? day + 2 : w == 0 ? day + 1 : day;
}

static inline int office_minute(struct gen_rng *r)
{
	return gen_rng_range(r, 8 * 60 + 30, 17 * 60 + 15);
}

static inline long long at(long day, int minute)
{
	return (long long)day * GEN_DAY_MIN + minute;
}

static inline long pick_between(struct gen_rng *r, long lo, long hi)
{
	return hi <= lo ? lo : lo + (long)gen_rng_below(r, (uint64_t)(hi - lo) + 1);
}

static inline bool has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

/* gen_text.c: what the records say, following the family. */
void gen_fam_init(struct fam *f, const struct gen_household *hh);
int gen_fam_age(const struct fam *f);   /* the subject's age on f->day */
int gen_fam_grade(const struct fam *f); /* the subject's school grade then */
/* A phrase of kind k that fits f (NULL: any) and contains needle (NULL:
 * any); never NULL. */
const char *gen_phrase_fit(struct gen_load *L, struct gen_rng *r, enum pkind k, const char *needle,
                           const struct fam *f);
/* A child born at least a month before day (member index), or -1. */
int gen_pick_child(struct gen_rng *r, const struct gen_household *hh, long day);
int64_t gen_worker(const struct gen_ctx *g, struct gen_rng *r);
/* Fill an intake: an abuse report by route, a parent's consultation, or the
 * health centre passing on an expectant mother (特定妊婦). */
void gen_intake_report(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                       const struct fam *f);
void gen_intake_consult(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                        const struct fam *f);
void gen_intake_pregnant(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                         const struct fam *f, long expected);
long long gen_receive_time(const struct gen_ctx *g, struct gen_rng *r, const struct gen_intake *in,
                           long day);
/* A report's deadline and when the child was seen (done -1: pending). */
void gen_safety(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in, int kind,
                const struct fam *f);
/* Whom a call or visit was with, as the phrase begins. */
const char *gen_counterpart(const char *s, const struct fam *f);

/* gen_caseload.c and gen_write.c */
int gen_caseload_init(struct gen_ctx *g, struct tsu_err *e);
void gen_caseload_plan(struct gen_ctx *g, uint64_t h, const struct gen_household *hh,
                       struct gen_hplan *hp);
void gen_caseload_add(struct gen_ctx *g, struct gen_hplan *hp, const struct gen_household *hh,
                      int64_t household_id, const int64_t *person_ids);
int gen_caseload_write(struct gen_ctx *g, struct tsu_err *e);
void gen_caseload_free(struct gen_ctx *g);

#endif
