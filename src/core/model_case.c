/* model_case.c: case files: numbering per fiscal year, optimistic locking,
 * status and registration changes with history, closure and retention. */
#include "tsunagu/case.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

bool case_status_closes(const char *status)
{
	return status && (!strcmp(status, "END") || !strcmp(status, "SND") ||
			  !strcmp(status, "MOV"));
}

static int case_check(struct db *db, const struct case_rec *c, struct tsu_err *e)
{
	int rc;

	if (c->review_cycle_months < 0 || c->review_cycle_months > 12)
		return err_set(e, TSU_EINVAL, "見直しの周期 %d か月は 1〜12 にしてください",
			       c->review_cycle_months);
	if ((rc = model_code(db, "consult_type", c->consult_type, "相談種別", e)) != 0)
		return rc;
	return 0;
}

/* A new case's values after defaults, and its number. */
struct case_new {
	const char *status, *registration;
	int cycle;
	struct date opened, next_review;
	int fy, seq;
	char *case_no;
};

static void case_defaults(struct db *db, const struct case_rec *in, struct case_new *n)
{
	n->opened = in->opened.y ? in->opened : date_today();
	n->status = in->status && *in->status ? in->status : "ACC";
	n->registration = in->registration && *in->registration ? in->registration : "N";
	n->cycle = in->review_cycle_months ? in->review_cycle_months
					   : (int)settings_get_int(db, "review_cycle_months", 3);
	n->next_review = in->next_review.y ? in->next_review
					   : model_add_months(n->opened, n->cycle);
}

/* "R8-0001": the next number of the fiscal year, under the write lock. */
static int case_number(struct db *db, struct case_new *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_NEXT_SEQ, e);
	char era[16];
	int rc;

	if (!st)
		return TSU_EDB;
	n->fy = date_fiscal_year(n->opened);
	sql_bind_int(st, 1, n->fy);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	n->seq = (int)sql_int(st, 0);
	sql_reset(st);
	date_era_short_year(n->fy, era, sizeof era);
	n->case_no = xasprintf("%s-%04d", era, n->seq);
	return 0;
}

static int case_insert(struct db *db, const struct staff *actor, const struct case_rec *in,
		       struct case_new *n, int64_t *id, struct tsu_err *e)
{
	struct stmt *st;
	int rc;

	if ((rc = case_number(db, n, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_CASE_INSERT, e)))
		return TSU_EDB;
	sql_bind_text(st, 1, n->case_no);
	sql_bind_int(st, 2, n->fy);
	sql_bind_int(st, 3, n->seq);
	sql_bind_int(st, 4, in->subject_id);
	sql_bind_id(st, 5, in->household_id);
	sql_bind_text(st, 6, in->consult_type);
	sql_bind_text(st, 7, n->registration);
	sql_bind_text(st, 8, n->status);
	sql_bind_id(st, 9, in->lead_id);
	sql_bind_text(st, 10, in->team);
	sql_bind_int(st, 11, n->cycle);
	sql_bind_date(st, 12, n->next_review);
	sql_bind_date(st, 13, n->opened);
	sql_bind_int(st, 14, in->special_adoption);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	*id = sql_last_id(db);
	return model_audit(db, actor, "case.create", "case", *id, n->case_no, e);
}

static int case_create_check(struct db *db, const struct case_rec *in, const struct case_new *n,
			     struct tsu_err *e)
{
	int rc;

	if (!in->subject_id)
		return err_set(e, TSU_EINVAL, "ケースの対象児童 (人物) が指定されていません");
	if (case_status_closes(n->status))
		return err_set(e, TSU_EINVAL, "終結・送致・移管の状態でケースを登録することはできません");
	if ((rc = case_check(db, in, e)) != 0 ||
	    (rc = model_code(db, "status", n->status, "状態", e)) != 0 ||
	    (rc = model_code(db, "registration", n->registration, "登録区分", e)) != 0)
		return rc;
	if (!date_eras_loaded())
		return date_load_default(e);
	return 0;
}

static int case_read(struct db *db, enum sql_id id, int64_t key, const char *no,
		     struct case_rec *out, struct tsu_err *e);

int case_create(struct db *db, const struct staff *actor, const struct case_rec *in,
		struct case_rec *out, struct tsu_err *e)
{
	struct case_new n = {0};
	struct sql_tx tx;
	int64_t id = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "ケースの登録", e)) != 0)
		return rc;
	case_defaults(db, in, &n);
	if ((rc = case_create_check(db, in, &n, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = case_insert(db, actor, in, &n, &id, e);
	if (rc == 0)
		rc = case_read(db, SQL_CASE_GET, id, NULL, out, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		case_release(out);
	free(n.case_no);
	return rc;
}

void case_read_row(struct stmt *st, struct case_rec *c)
{
	c->id = sql_int(st, 0);
	c->case_no = sql_dup(st, 1);
	c->fiscal_year = (int)sql_int(st, 2);
	c->seq = (int)sql_int(st, 3);
	c->subject_id = sql_int(st, 4);
	c->household_id = sql_int(st, 5);
	c->consult_type = sql_dup(st, 6);
	c->registration = sql_dup(st, 7);
	c->status = sql_dup(st, 8);
	c->lead_id = sql_int(st, 9);
	c->team = sql_dup(st, 10);
	c->review_cycle_months = (int)sql_int(st, 11);
	c->next_review = sql_date(st, 12);
	c->opened = sql_date(st, 13);
	c->closed = sql_date(st, 14);
	c->closure_reason = sql_dup(st, 15);
	c->dispose_from = sql_date(st, 16);
	c->special_adoption = sql_int(st, 17) != 0;
	c->version = sql_int(st, 18);
	c->created_at = sql_dup(st, 19);
	c->updated_at = sql_dup(st, 20);
}

static int case_read(struct db *db, enum sql_id id, int64_t key, const char *no,
		     struct case_rec *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, id, e);
	int rc;

	if (!st)
		return TSU_EDB;
	if (no)
		sql_bind_text(st, 1, no);
	else
		sql_bind_int(st, 1, key);
	if ((rc = sql_step(db, st, e)) != SQL_ROW) {
		if (rc < 0)
			return rc;
		if (no)
			return err_set(e, TSU_ENOTFOUND, "ケース %s が見つかりません", no);
		return err_set(e, TSU_ENOTFOUND, "ケース (番号 %lld) が見つかりません",
			       (long long)key);
	}
	case_read_row(st, out);
	sql_reset(st);
	return 0;
}

static int case_get_by(struct db *db, const struct staff *actor, enum sql_id id, int64_t key,
		       const char *no, struct case_rec *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "ケースの閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = case_read(db, id, key, no, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "case.read", "case", out->id, out->case_no, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		case_release(out);
	return rc;
}

int case_get(struct db *db, const struct staff *actor, int64_t id, struct case_rec *out,
	     struct tsu_err *e)
{
	return case_get_by(db, actor, SQL_CASE_GET, id, NULL, out, e);
}

int case_get_by_no(struct db *db, const struct staff *actor, const char *case_no,
		   struct case_rec *out, struct tsu_err *e)
{
	if (!case_no || !*case_no) {
		memset(out, 0, sizeof *out);
		return err_set(e, TSU_EINVAL, "ケース番号が入力されていません");
	}
	return case_get_by(db, actor, SQL_CASE_GET_NO, 0, case_no, out, e);
}

static int case_save(struct db *db, const struct staff *actor, const struct case_rec *c,
		     struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_UPDATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_id(st, 1, c->household_id);
	sql_bind_text(st, 2, c->consult_type);
	sql_bind_id(st, 3, c->lead_id);
	sql_bind_text(st, 4, c->team);
	sql_bind_int(st, 5, c->review_cycle_months ? c->review_cycle_months : 3);
	sql_bind_date(st, 6, c->next_review);
	sql_bind_int(st, 7, c->special_adoption);
	sql_bind_int(st, 8, c->id);
	sql_bind_int(st, 9, c->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, c->case_no && *c->case_no ? c->case_no : "ケース", c->id);
	return model_audit(db, actor, "case.update", "case", c->id, c->case_no, e);
}

int case_update(struct db *db, const struct staff *actor, struct case_rec *c,
		struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "ケースの保存", e)) != 0 ||
	    (rc = case_check(db, c, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = case_save(db, actor, c, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		c->version++;
	return rc;
}

static int history_add(struct db *db, const struct staff *actor, int64_t case_id,
		       const char *field, const char *old, const char *new, const char *reason,
		       const char *why, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_HIST_INSERT, e);

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	sql_bind_int(st, 2, actor->id);
	sql_bind_text(st, 3, field);
	sql_bind_text(st, 4, old);
	sql_bind_text(st, 5, new);
	sql_bind_text(st, 6, reason);
	sql_bind_text(st, 7, why);
	return sql_run(db, st, e);
}

/* The retention date: the subject's 25th (retention_age) birthday, or the
 * closing date if later; none for special adoption or an unknown birth. */
static struct date dispose_date(struct db *db, const struct case_rec *c, struct date closed)
{
	struct stmt *st = sql_get(db, SQL_PERSON_BIRTH, NULL);
	struct date none = {0, 0, 0}, birth = none, d;

	if (c->special_adoption || !st)
		return none;
	sql_bind_int(st, 1, c->subject_id);
	if (sql_step(db, st, NULL) == SQL_ROW) {
		birth = sql_date(st, 0);
		sql_reset(st);
	}
	if (!birth.y)
		return none;
	d = model_add_months(birth, 12 * (int)settings_get_int(db, "retention_age", 25));
	return date_cmp(d, closed) < 0 ? closed : d;
}

struct status_change {
	const char *status, *reason, *why;
	struct date closed, dispose;
};

static int status_save(struct db *db, const struct staff *actor, const struct case_rec *c,
		       const struct status_change *ch, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_SET_STATUS, e);
	char *detail;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, ch->status);
	sql_bind_date(st, 2, ch->closed);
	sql_bind_text(st, 3, ch->reason);
	sql_bind_date(st, 4, ch->dispose);
	sql_bind_int(st, 5, c->id);
	sql_bind_int(st, 6, c->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, c->case_no && *c->case_no ? c->case_no : "ケース", c->id);
	if ((rc = history_add(db, actor, c->id, "status", c->status, ch->status, ch->reason,
			      ch->why, e)) != 0)
		return rc;
	detail = xasprintf("%s %s->%s", model_nz(c->case_no), model_nz(c->status), ch->status);
	rc = model_audit(db, actor, "case.status", "case", c->id, detail, e);
	free(detail);
	return rc;
}

static int status_check(struct db *db, const char *status, const char *reason,
			struct tsu_err *e)
{
	int rc;

	if (!status || !*status)
		return err_set(e, TSU_EINVAL, "新しい状態が指定されていません");
	if ((rc = model_code(db, "status", status, "状態", e)) != 0)
		return rc;
	if (case_status_closes(status)) {
		if (!reason || !*reason)
			return err_set(e, TSU_EINVAL, "終結・送致・移管には終結理由の指定が必要です");
		return model_code(db, "closure", reason, "終結理由", e);
	}
	if (reason && *reason)
		return err_set(e, TSU_EINVAL, "終結理由は終結・送致・移管のときだけ指定できます");
	return 0;
}

int case_set_status(struct db *db, const struct staff *actor, struct case_rec *c,
		    const char *status, const char *reason, const char *why, struct date on,
		    struct tsu_err *e)
{
	struct status_change ch = {status, NULL, why, {0, 0, 0}, {0, 0, 0}};
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "ケースの状態の変更", e)) != 0 ||
	    (rc = status_check(db, status, reason, e)) != 0)
		return rc;
	if (case_status_closes(status)) {
		ch.reason = reason;
		ch.closed = on.y ? on : date_today();
		if (c->opened.y && date_cmp(ch.closed, c->opened) < 0)
			return err_set(e, TSU_EINVAL, "終結日が開始日より前です");
	}
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (ch.closed.y)
		ch.dispose = dispose_date(db, c, ch.closed);
	rc = status_save(db, actor, c, &ch, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		return rc;
	free(c->status);
	c->status = xstrdup(status);
	free(c->closure_reason);
	c->closure_reason = xstrdup(model_nz(ch.reason));
	c->closed = ch.closed;
	c->dispose_from = ch.dispose;
	c->version++;
	return 0;
}

static int registration_save(struct db *db, const struct staff *actor, const struct case_rec *c,
			     const char *reg, const char *why, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_SET_REG, e);
	char *detail;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, reg);
	sql_bind_int(st, 2, c->id);
	sql_bind_int(st, 3, c->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, c->case_no && *c->case_no ? c->case_no : "ケース", c->id);
	rc = history_add(db, actor, c->id, "registration", c->registration, reg, NULL, why, e);
	if (rc != 0)
		return rc;
	detail = xasprintf("%s %s->%s", model_nz(c->case_no), model_nz(c->registration), reg);
	rc = model_audit(db, actor, "case.registration", "case", c->id, detail, e);
	free(detail);
	return rc;
}

int case_set_registration(struct db *db, const struct staff *actor, struct case_rec *c,
			  const char *registration, const char *why, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "登録区分の変更", e)) != 0)
		return rc;
	if (!registration || !*registration)
		return err_set(e, TSU_EINVAL, "新しい登録区分が指定されていません");
	if ((rc = model_code(db, "registration", registration, "登録区分", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = registration_save(db, actor, c, registration, why, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0) {
		free(c->registration);
		c->registration = xstrdup(registration);
		c->version++;
	}
	return rc;
}

static int history_read(struct db *db, int64_t case_id, struct case_event **out, size_t *n,
			struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CASE_HIST_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct case_event *ev;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		ev = &(*out)[(*n)++];
		ev->id = sql_int(st, 0);
		ev->at = sql_dup(st, 1);
		ev->staff_id = sql_int(st, 2);
		ev->staff_name = sql_dup(st, 3);
		ev->field = sql_dup(st, 4);
		ev->old_value = sql_dup(st, 5);
		ev->new_value = sql_dup(st, 6);
		ev->reason = sql_dup(st, 7);
		ev->why = sql_dup(st, 8);
	}
	return rc;
}

int case_history(struct db *db, const struct staff *actor, int64_t case_id,
		 struct case_event **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "ケースの履歴の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = history_read(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "case.history", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		case_events_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void case_events_free(struct case_event *ev, size_t n)
{
	if (!ev)
		return;
	for (size_t i = 0; i < n; i++) {
		free(ev[i].at);
		free(ev[i].staff_name);
		free(ev[i].field);
		free(ev[i].old_value);
		free(ev[i].new_value);
		free(ev[i].reason);
		free(ev[i].why);
	}
	free(ev);
}

void case_release(struct case_rec *c)
{
	if (!c)
		return;
	free(c->case_no);
	free(c->consult_type);
	free(c->registration);
	free(c->status);
	free(c->team);
	free(c->closure_reason);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof *c);
}
