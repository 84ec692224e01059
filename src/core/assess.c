/* assess.c: 緊急度アセスメント as a dated history per case: the answers are
 * graded by the rule in data/ (urgency.c), the worker's grade is kept beside
 * the suggestion (with a reason when they differ), and the severity gives
 * the suggested handler. */
#include "tsunagu/assess.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_triage.h"
#include "triage_priv.h"
#include "tsunagu/case.h"
#include "tsunagu/util.h"

static const char *const answer_code[] = {"no", "yes", "unknown"};
static const char *const answer_label[] = {"いいえ", "はい", "不明"};

int assess_parse_answer(const char *s)
{
	static const struct {
		const char *text;
		int answer;
	} forms[] = {
	    {"yes", URG_YES},      {"y", URG_YES},     {"はい", URG_YES},        {"no", URG_NO},
	    {"n", URG_NO},         {"いいえ", URG_NO}, {"unknown", URG_UNKNOWN}, {"u", URG_UNKNOWN},
	    {"不明", URG_UNKNOWN}, {"?", URG_UNKNOWN},
	};

	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (!strcmp(s, forms[i].text))
			return forms[i].answer;
	return -1;
}

const char *assess_answer_label(enum urgency_answer a)
{
	return (unsigned)a < 3 ? answer_label[a] : "?";
}

static const char *grade_name(const char *g)
{
	return *g ? g : "なし";
}

/* The grade actually decided: the suggestion, a grade, or "" for "-". */
static int decided_grade(const struct assess_input *in, const char *suggested, char out[4],
                         struct tsu_err *e)
{
	const char *d = in->decided;

	if (!d || !*d)
		d = suggested;
	else if (!strcmp(d, "-") || !strcmp(d, "なし"))
		d = "";
	else if (strcmp(d, "AA") && strcmp(d, "A") && strcmp(d, "B") && strcmp(d, "C"))
		return err_set(e, TSU_EINVAL,
		               "判定「%s」は AA, A, B, C, なし (-) のどれかにしてください", d);
	strlcpy_utf8(out, d, 4);
	if (strcmp(out, suggested) != 0 && (!in->reason || !*in->reason))
		return err_set(e, TSU_EINVAL,
		               "判定 %s は判定案 %s と異なります。判定を変えた理由を"
		               "入力してください",
		               grade_name(out), grade_name(suggested));
	return 0;
}

struct assess_calc {
	struct urgency_result sug;
	char decided[4];
	char *handler, *handler_note;
	struct date on;
};

static int assess_check(struct db *db, const struct assess_input *in, struct assess_calc *k,
                        struct tsu_err *e)
{
	int rc;

	if (!in->case_id)
		return err_set(e, TSU_EINVAL, "アセスメントのケースが指定されていません");
	if ((rc = urgency_grade(db, in->answers, &k->sug, e)) != 0 ||
	    (rc = decided_grade(in, k->sug.grade, k->decided, e)) != 0 ||
	    (rc = model_code(db, "severity", in->severity, "重症度", e)) != 0)
		return rc;
	if (in->severity && *in->severity &&
	    (rc = urgency_handler(db, in->severity, &k->handler, &k->handler_note, e)) != 0)
		return rc;
	k->on = in->on.y ? in->on : date_today();
	return 0;
}

static int answers_insert(struct db *db, int64_t id, const struct assess_input *in,
                          struct tsu_err *e)
{
	int rc = 0;

	for (int q = 0; q < URGENCY_QUESTIONS && rc == 0; q++) {
		struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ASM_ANSWER_INSERT, e);

		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, id);
		sql_bind_int(st, 2, q + 1);
		sql_bind_text(st, 3, answer_code[in->answers[q]]);
		sql_bind_text(st, 4, in->notes[q]);
		rc = sql_run(db, st, e);
	}
	return rc;
}

static int assess_insert(struct db *db, const struct staff *actor, const struct assess_input *in,
                         const struct assess_calc *k, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ASM_INSERT, e);
	char *detail;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, in->case_id);
	sql_bind_id(st, 2, in->intake_id);
	sql_bind_date(st, 3, k->on);
	sql_bind_int(st, 4, actor->id);
	sql_bind_str(st, 5, k->sug.grade);
	sql_bind_str(st, 6, k->decided);
	sql_bind_text(st, 7, in->reason);
	sql_bind_text(st, 8, in->severity);
	sql_bind_text(st, 9, k->handler);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	*id = sql_last_id(db);
	if ((rc = answers_insert(db, *id, in, e)) != 0)
		return rc;
	detail = xasprintf("判定案 %s 判定 %s", grade_name(k->sug.grade), grade_name(k->decided));
	rc = model_audit(db, actor, "assessment.create", "case", in->case_id, detail, e);
	free(detail);
	return rc;
}

/* 受理 or 調査 move on to アセスメント. */
static int status_advance(struct db *db, const struct staff *actor, int64_t case_id,
                          const struct assess_calc *k, struct tsu_err *e)
{
	struct case_rec c;
	char *why;
	int rc;

	if ((rc = case_get(db, actor, case_id, &c, e)) != 0)
		return rc;
	if (!strcmp(c.status, "ACC") || !strcmp(c.status, "INV")) {
		why = xasprintf("緊急度アセスメント (判定 %s)", grade_name(k->decided));
		rc = case_set_status(db, actor, &c, "ASM", NULL, why, k->on, e);
		free(why);
	}
	case_release(&c);
	return rc;
}

static int assess_read_one(struct db *db, int64_t id, struct assessment *out, struct tsu_err *e);

int assess_save(struct db *db, const struct staff *actor, const struct assess_input *in,
                struct assessment *out, struct tsu_err *e)
{
	struct assess_calc k = {0};
	struct sql_tx tx;
	int64_t id = 0;
	int rc;

	if (out)
		memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "緊急度アセスメントの記録", e)) != 0 ||
	    (rc = assess_check(db, in, &k, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		goto done;
	rc = status_advance(db, actor, in->case_id, &k, e);
	if (rc == 0)
		rc = assess_insert(db, actor, in, &k, &id, e);
	if (rc == 0 && out)
		rc = assess_read_one(db, id, out, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0 && out)
		assess_release(out);
done:
	free(k.handler);
	free(k.handler_note);
	return rc;
}

static void assess_read_row(struct stmt *st, struct assessment *a)
{
	a->id = sql_int(st, 0);
	a->case_id = sql_int(st, 1);
	a->intake_id = sql_int(st, 2);
	a->on = sql_date(st, 3);
	a->staff_id = sql_int(st, 4);
	a->staff_name = sql_dup(st, 5);
	strlcpy_utf8(a->suggested, sql_text(st, 6), sizeof a->suggested);
	strlcpy_utf8(a->decided, sql_text(st, 7), sizeof a->decided);
	a->reason = sql_dup(st, 8);
	a->severity = sql_dup(st, 9);
	a->severity_label = sql_dup(st, 10);
	a->handler = sql_dup(st, 11);
	a->handler_label = sql_dup(st, 12);
	a->version = sql_int(st, 13);
	a->created_at = sql_dup(st, 14);
}

/* Answers, notes, and the suggestion's reason by the rule in force. */
static int assess_read_answers(struct db *db, struct assessment *a, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ASM_ANSWERS, e);
	struct urgency_result res;
	int rc;

	if (!st)
		return TSU_EDB;
	for (int q = 0; q < URGENCY_QUESTIONS; q++)
		a->answers[q] = URG_UNKNOWN;
	sql_bind_int(st, 1, a->id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int q = (int)sql_int(st, 0) - 1;
		const char *ans = sql_text(st, 1);

		if (q < 0 || q >= URGENCY_QUESTIONS)
			continue;
		a->answers[q] = !strcmp(ans, "yes")  ? URG_YES
		                : !strcmp(ans, "no") ? URG_NO
		                                     : URG_UNKNOWN;
		free(a->notes[q]);
		a->notes[q] = sql_dup(st, 2);
	}
	for (int q = 0; q < URGENCY_QUESTIONS; q++)
		if (!a->notes[q])
			a->notes[q] = xstrdup("");
	if (rc < 0)
		return rc;
	if ((rc = urgency_grade(db, a->answers, &res, e)) != 0)
		return rc;
	a->suggested_reason = xstrdup(strcmp(res.grade, a->suggested) ? "" : res.reason);
	return 0;
}

static int assess_read_one(struct db *db, int64_t id, struct assessment *out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ASM_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
		              : err_set(e, TSU_ENOTFOUND,
		                        "アセスメント (番号 %lld) が"
		                        "見つかりません",
		                        (long long)id);
	assess_read_row(st, out);
	sql_reset(st);
	return assess_read_answers(db, out, e);
}

int assess_read_case(struct db *db, int64_t case_id, struct assessment **out, size_t *n,
                     struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ASM_LIST, e);
	size_t first = *n;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		assess_read_row(st, &(*out)[(*n)++]);
	}
	/* answers after the list: one statement at a time per table slot */
	for (size_t i = first; rc == 0 && i < *n; i++)
		rc = assess_read_answers(db, &(*out)[i], e);
	return rc;
}

int assess_list(struct db *db, const struct staff *actor, int64_t case_id, struct assessment **out,
                size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "緊急度アセスメントの閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = assess_read_case(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "assessment.list", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		assessments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void assess_release(struct assessment *a)
{
	if (!a)
		return;
	for (int q = 0; q < URGENCY_QUESTIONS; q++)
		free(a->notes[q]);
	free(a->suggested_reason);
	free(a->reason);
	free(a->severity);
	free(a->severity_label);
	free(a->handler);
	free(a->handler_label);
	free(a->staff_name);
	free(a->created_at);
	memset(a, 0, sizeof *a);
}

void assessments_free(struct assessment *a, size_t n)
{
	if (!a)
		return;
	for (size_t i = 0; i < n; i++)
		assess_release(&a[i]);
	free(a);
}
