/* assess.h: 緊急度アセスメント of a case, kept as a dated history (each
 * assessment is a new row; a correction is a new assessment, never an edit,
 * so the history shows what was decided on which day). Conventions as in
 * person.h.
 *
 * The eight answers (yes, no, unknown, each with a note) are graded by the
 * rule in data/ (urgency.h: urgency_grade); the screen calls urgency_grade
 * on every change to show the suggestion and its reason live. The worker's
 * decided grade may differ from the suggestion, but then needs a reason.
 * The severity (code list "severity": 生命の危険 重度 中度 軽度 危惧) gives
 * the suggested handler (code list "handler") by the rule in data/. */
#ifndef TSU_ASSESS_H
#define TSU_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"
#include "tsunagu/urgency.h"

/* What the worker entered. Strings are only read; NULL or "" for none. */
struct assess_input {
	int64_t case_id;   /* required */
	int64_t intake_id; /* 0 = none */
	struct date on;    /* none -> today */
	enum urgency_answer answers[URGENCY_QUESTIONS];
	const char *notes[URGENCY_QUESTIONS];
	/* NULL or "" adopts the suggestion; else "AA", "A", "B", "C", or "-"
	 * for "no grade" */
	const char *decided;
	const char *reason;   /* required when decided differs from the suggestion */
	const char *severity; /* code list "severity" */
};

/* A stored assessment; strings owned, never NULL ("" for none). */
struct assessment {
	int64_t id;
	int64_t case_id;
	int64_t intake_id;
	struct date on;
	enum urgency_answer answers[URGENCY_QUESTIONS];
	char *notes[URGENCY_QUESTIONS];
	char suggested[4];      /* "" for no grade */
	char *suggested_reason; /* 「③に該当: ...」, by the rule in force when read;
	                         * "" if the rule has changed so that it no longer
	                         * gives the stored suggestion */
	char decided[4];        /* "" for no grade */
	char *reason;
	char *severity;
	char *severity_label;
	char *handler; /* code list "handler" */
	char *handler_label;
	int64_t staff_id;
	char *staff_name;
	int64_t version;
	char *created_at;
};

/* Grade the answers, check the decision, and store the assessment with its
 * answers (PERM_WRITE_CASE; audited as assessment.create). If the case is
 * 受理 or 調査 its status moves to アセスメント with a history row. out (may
 * be NULL) gets the stored row (release with assess_release).
 * TSU_EINVAL, with a message naming the missing reason or the bad field,
 * when the decided grade differs from the suggestion without a reason, an
 * answer is out of range, the grade or severity is unknown; TSU_ENOTFOUND
 * for the case; TSU_ECONFLICT if the case changed while its status moved. */
int assess_save(struct db *db, const struct staff *actor, const struct assess_input *in,
                struct assessment *out, struct tsu_err *e);
/* The case's assessments, newest first (by date, then by id), with answers
 * and notes (PERM_READ_CASE; audited as assessment.list). *out newly
 * allocated; free with assessments_free. */
int assess_list(struct db *db, const struct staff *actor, int64_t case_id, struct assessment **out,
                size_t *n, struct tsu_err *e);
/* Parse an answer: yes/no/unknown, y/n/u, はい/いいえ/不明; -1 if none. */
int assess_parse_answer(const char *s);
/* はい, いいえ, 不明. */
const char *assess_answer_label(enum urgency_answer a);
/* Free the strings of a and zero it; NULL-safe. */
void assess_release(struct assessment *a);
void assessments_free(struct assessment *a, size_t n);

#endif
