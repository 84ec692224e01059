/* urgency.c: the 緊急度アセスメント rule as data. The questions and the
 * top-down first-yes-wins grading rule come from data/urgency.tsv and
 * data/urgency_rule.tsv; nothing here knows which question gives which
 * grade. */
#include "tsunagu/urgency.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/codes.h"
#include "tsunagu/util.h"
#include "tsv.h"

static bool parse_no(const char *s, int *no)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 1 || v > 99)
		return false;
	*no = (int)v;
	return true;
}

static int load_questions(struct db *db, const char *path, struct tsu_err *e)
{
	struct tsv t;
	int rc, no, count = 0;

	if ((rc = tsv_open(&t, path, e)) != 0)
		return rc;
	while ((rc = tsv_next(&t, e)) == 1) {
		struct stmt *st;

		if (t.n < 2 || t.n > 3 || !parse_no(t.field[0], &no) || !*t.field[1]) {
			rc = tsv_fail(&t, e, "番号<TAB>設問[<TAB>例] の形ではありません");
			break;
		}
		if (!(st = sql_get(db, SQL_UQ_UPSERT, e))) {
			rc = TSU_EDB;
			break;
		}
		sql_bind_int(st, 1, no);
		sql_bind_text(st, 2, t.field[1]);
		sql_bind_text(st, 3, t.n > 2 ? t.field[2] : NULL);
		if ((rc = sql_run(db, st, e)) != 0)
			break;
		count++;
	}
	if (rc == 0 && count == 0)
		rc = tsv_fail(&t, e, "設問が 1 件もありません");
	tsv_close(&t);
	return rc;
}

static bool question_exists(struct db *db, int no)
{
	struct stmt *st = sql_get(db, SQL_UQ_LIST, NULL);
	bool found = false;

	while (st && sql_step(db, st, NULL) == SQL_ROW)
		if (sql_int(st, 0) == no)
			found = true;
	return found;
}

static int grade_row(struct db *db, struct tsv *t, int ord, struct tsu_err *e)
{
	const char *g = t->field[2];
	struct stmt *st;
	int no;

	if (t->n != 4 || !parse_no(t->field[1], &no) || !*t->field[3])
		return tsv_fail(t, e, "grade<TAB>設問番号<TAB>緊急度<TAB>理由 の形ではありません");
	if (strcmp(g, "AA") && strcmp(g, "A") && strcmp(g, "B") && strcmp(g, "C"))
		return tsv_fail(t, e, "緊急度「%s」は AA, A, B, C のどれかにしてください", g);
	if (!question_exists(db, no))
		return tsv_fail(t, e, "設問 %d は urgency.tsv にありません", no);
	if (!(st = sql_get(db, SQL_URULE_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, ord);
	sql_bind_int(st, 2, no);
	sql_bind_text(st, 3, g);
	sql_bind_text(st, 4, t->field[3]);
	return sql_run(db, st, e);
}

static int severity_row(struct db *db, struct tsv *t, struct tsu_err *e)
{
	struct stmt *st;

	if (t->n < 3 || t->n > 4)
		return tsv_fail(t, e, "severity<TAB>重症度<TAB>対応機関[<TAB>説明] の形ではありません");
	if (!codes_valid(db, "severity", t->field[1]))
		return tsv_fail(t, e, "重症度「%s」はコード表 severity にありません", t->field[1]);
	if (!codes_valid(db, "handler", t->field[2]))
		return tsv_fail(t, e, "対応機関「%s」はコード表 handler にありません", t->field[2]);
	if (!(st = sql_get(db, SQL_SEVH_INSERT, e)))
		return TSU_EDB;
	sql_bind_text(st, 1, t->field[1]);
	sql_bind_text(st, 2, t->field[2]);
	sql_bind_text(st, 3, t->n > 3 ? t->field[3] : NULL);
	return sql_run(db, st, e);
}

static int clear_rules(struct db *db, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_URULE_CLEAR, e);
	int rc = st ? sql_run(db, st, e) : TSU_EDB;

	if (rc == 0)
		rc = (st = sql_get(db, SQL_SEVH_CLEAR, e)) ? sql_run(db, st, e) : TSU_EDB;
	return rc;
}

static int load_rules(struct db *db, const char *path, struct tsu_err *e)
{
	struct tsv t;
	int rc, ord = 0;

	if ((rc = tsv_open(&t, path, e)) != 0)
		return rc;
	if ((rc = clear_rules(db, e)) != 0) {
		tsv_close(&t);
		return rc;
	}
	while (rc == 0 && (rc = tsv_next(&t, e)) == 1) {
		if (!strcmp(t.field[0], "grade"))
			rc = grade_row(db, &t, ++ord, e);
		else if (!strcmp(t.field[0], "severity"))
			rc = severity_row(db, &t, e);
		else
			rc = tsv_fail(&t, e, "1 列目は grade か severity にしてください (「%s」)",
				      t.field[0]);
	}
	if (rc == 0 && ord == 0)
		rc = tsv_fail(&t, e, "grade の行が 1 件もありません");
	tsv_close(&t);
	return rc;
}

int urgency_load(struct db *db, const char *questions_path, const char *rule_path,
		 struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = load_questions(db, questions_path, e);
	if (rc == 0)
		rc = load_rules(db, rule_path, e);
	return sql_tx_end(db, &tx, rc, e);
}

int urgency_grade(struct db *db, const enum urgency_answer answers[URGENCY_QUESTIONS],
		  struct urgency_result *out, struct tsu_err *e)
{
	struct stmt *st;
	int rc, rules = 0;

	memset(out, 0, sizeof *out);
	for (int i = 0; i < URGENCY_QUESTIONS; i++)
		if (answers[i] != URG_NO && answers[i] != URG_YES && answers[i] != URG_UNKNOWN)
			return err_set(e, TSU_EINVAL, "設問 %d の回答が正しくありません", i + 1);
	if (!(st = sql_get(db, SQL_URULE_LIST, e)))
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int q = (int)sql_int(st, 0);

		rules++;
		if (q < 1 || q > URGENCY_QUESTIONS || answers[q - 1] != URG_YES)
			continue;
		strlcpy_utf8(out->grade, sql_text(st, 1), sizeof out->grade);
		strlcpy_utf8(out->reason, sql_text(st, 2), sizeof out->reason);
		out->question = q;
		sql_reset(st);
		return 0;
	}
	if (rc < 0)
		return rc;
	if (rules == 0)
		return err_set(e, TSU_EDB, "緊急度の判定規則が読み込まれていません (tsunagu init を"
					   "実行してください)");
	strlcpy_utf8(out->reason, "該当なし: 緊急度の判定なし", sizeof out->reason);
	return 0;
}

int urgency_questions(struct db *db, struct urgency_question **out, size_t *n,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_UQ_LIST, e);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct urgency_question *q;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		q = &(*out)[(*n)++];
		q->no = (int)sql_int(st, 0);
		q->text = sql_dup(st, 1);
		q->examples = sql_dup(st, 2);
	}
	if (rc < 0) {
		urgency_questions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void urgency_questions_free(struct urgency_question *q, size_t n)
{
	if (!q)
		return;
	for (size_t i = 0; i < n; i++) {
		free(q[i].text);
		free(q[i].examples);
	}
	free(q);
}

int urgency_handler(struct db *db, const char *severity, char **handler, char **note,
		    struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_SEVH_GET, e);
	int rc;

	*handler = *note = NULL;
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, severity);
	rc = sql_step(db, st, e);
	if (rc != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "重症度「%s」の対応機関が定められていません",
					model_nz(severity));
	*handler = sql_dup(st, 0);
	*note = sql_dup(st, 1);
	sql_reset(st);
	return 0;
}
