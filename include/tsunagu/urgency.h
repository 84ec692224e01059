/* urgency.h: the 緊急度アセスメント rule, read from the tables loaded from
 * data/urgency.tsv (the eight questions) and data/urgency_rule.tsv (which
 * question gives which grade, read top-down, first yes wins; and severity ->
 * handler). Only a yes counts: no and unknown never raise the grade. */
#ifndef TSU_URGENCY_H
#define TSU_URGENCY_H

#include <stddef.h>

#include "tsunagu/db.h"

#define URGENCY_QUESTIONS 8

enum urgency_answer { URG_NO = 0, URG_YES = 1, URG_UNKNOWN = 2 };

struct urgency_result {
	char grade[4];    /* "AA", "A", "B", "C" or "" (no grade) */
	int question;     /* the deciding question, 0 if none */
	char reason[256]; /* 「③に該当: 緊急一時保護を検討」 or 該当なし */
};

/* Grade the answers (answers[0] is question 1). TSU_EDB if the rule cannot
 * be read, TSU_EINVAL for an answer outside the enum. */
int urgency_grade(struct db *db, const enum urgency_answer answers[URGENCY_QUESTIONS],
		  struct urgency_result *out, struct tsu_err *e);

struct urgency_question {
	int no;
	char *text;
	char *examples; /* example signs, separated by " / " */
};

int urgency_questions(struct db *db, struct urgency_question **out, size_t *n,
		      struct tsu_err *e);
void urgency_questions_free(struct urgency_question *q, size_t n);
/* Who should handle a severity code (code list "severity"): the handler code
 * (code list "handler") and its note, newly allocated; TSU_ENOTFOUND. */
int urgency_handler(struct db *db, const char *severity, char **handler, char **note,
		    struct tsu_err *e);
/* Load the two files into the rule tables (replacing the rules; questions
 * are upserted, never deleted). Errors name file and line. Joins the
 * caller's write transaction when there is one. */
int urgency_load(struct db *db, const char *questions_path, const char *rule_path,
		 struct tsu_err *e);

#endif
