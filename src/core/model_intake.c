/* model_intake.c: intakes (受付), the protected caller record and safety
 * checks with their deadline. */
#include "tsunagu/intake.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/codes.h"
#include "tsunagu/settings.h"
#include "tsunagu/util.h"

static int route_check(struct db *db, const struct intake *in, struct tsu_err *e)
{
	struct code c;
	int rc;

	if ((rc = model_code(db, "route", in->route1, "相談経路", e)) != 0 ||
	    (rc = model_code(db, "route", in->route2, "相談経路 (詳細)", e)) != 0)
		return rc;
	if (!in->route2 || !*in->route2)
		return 0;
	if ((rc = codes_get(db, "route", in->route2, &c, e)) != 0)
		return rc;
	if (!in->route1 || strcmp(c.parent, in->route1) != 0)
		rc = err_set(e, TSU_EINVAL, "相談経路の詳細「%s」は経路「%s」の内訳ではありません",
			     c.label, model_nz(in->route1));
	code_release(&c);
	return rc;
}

static int intake_check(struct db *db, const struct intake *in, struct tsu_err *e)
{
	int rc;

	if ((rc = model_datetime(in->received_at, true, "受付日時", e)) != 0 ||
	    (rc = model_datetime(in->safety_due, false, "安全確認の期限", e)) != 0 ||
	    (rc = model_code(db, "channel", in->channel, "受付方法", e)) != 0 ||
	    (rc = route_check(db, in, e)) != 0 ||
	    (rc = model_code(db, "consult_type", in->consult_type, "相談種別", e)) != 0 ||
	    (rc = model_code(db, "abuser", in->main_abuser, "主たる虐待者", e)) != 0)
		return rc;
	for (size_t i = 0; i < in->n_abuse_types; i++)
		if ((rc = model_code(db, "abuse_type", in->abuse_types[i], "虐待種別", e)) != 0)
			return rc;
	return 0;
}

/* An abuse report (通告): any abuse type, or a type rolling up to 児童虐待相談. */
static bool is_report(struct db *db, const struct intake *in)
{
	char *nat;
	bool r;

	if (in->n_abuse_types > 0)
		return true;
	if (!in->consult_type || !*in->consult_type)
		return false;
	nat = codes_national(db, "consult_type", in->consult_type, NULL);
	r = nat && !strcmp(nat, "YG1");
	free(nat);
	return r;
}

/* received_at + hours, or the given deadline normalised; newly allocated. */
static int deadline(struct db *db, const char *at, long hours, char **out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_DEADLINE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, at);
	sql_bind_int(st, 2, hours);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	*out = sql_dup(st, 0);
	sql_reset(st);
	return 0;
}

static void intake_bind(struct stmt *st, const struct intake *in, int64_t staff_id,
			bool report, const char *due)
{
	sql_bind_text(st, 1, in->received_at);
	sql_bind_int(st, 2, staff_id);
	sql_bind_text(st, 3, in->channel);
	sql_bind_text(st, 4, in->route1);
	sql_bind_text(st, 5, in->route2);
	sql_bind_id(st, 6, in->person_id);
	sql_bind_id(st, 7, in->household_id);
	sql_bind_text(st, 8, in->consult_type);
	sql_bind_text(st, 9, in->main_abuser);
	sql_bind_text(st, 10, in->complaint);
	sql_bind_text(st, 11, in->narrative);
	sql_bind_text(st, 12, in->situation);
	sql_bind_text(st, 13, in->wishes);
	sql_bind_text(st, 14, in->past);
	sql_bind_int(st, 15, in->urgent);
	sql_bind_int(st, 16, report);
	sql_bind_id(st, 17, in->case_id);
	sql_bind_text(st, 18, due);
}

static int abuse_insert(struct db *db, int64_t id, const struct intake *in, struct tsu_err *e)
{
	int rc = 0;

	for (size_t i = 0; i < in->n_abuse_types && rc == 0; i++) {
		struct stmt *st = sql_get(db, SQL_INTAKE_ABUSE_INSERT, e);

		if (!st)
			return TSU_EDB;
		sql_bind_int(st, 1, id);
		sql_bind_text(st, 2, in->abuse_types[i]);
		rc = sql_run(db, st, e);
	}
	return rc;
}

static int caller_insert(struct db *db, int64_t id, const struct intake_caller *c,
			 struct tsu_err *e)
{
	struct stmt *st;

	if (!c)
		return 0;
	if (!(st = sql_get(db, SQL_INTAKE_CALLER_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, c->name);
	sql_bind_text(st, 3, c->relation);
	sql_bind_text(st, 4, c->contact);
	sql_bind_int(st, 5, c->anonymous);
	sql_bind_text(st, 6, c->intent);
	return sql_run(db, st, e);
}

static int intake_insert(struct db *db, const struct staff *actor, const struct intake *in,
			 const struct intake_caller *caller, int64_t *id, struct tsu_err *e)
{
	bool report = is_report(db, in);
	char *due = NULL;
	struct stmt *st;
	int rc = 0;

	if (in->safety_due && *in->safety_due)
		rc = deadline(db, in->safety_due, 0, &due, e);
	else if (report)
		rc = deadline(db, in->received_at, settings_get_int(db, "safety_check_hours", 48),
			      &due, e);
	if (rc == 0 && !(st = sql_get(db, SQL_INTAKE_INSERT, e)))
		rc = TSU_EDB;
	if (rc == 0) {
		intake_bind(st, in, in->staff_id ? in->staff_id : actor->id, report, due);
		rc = sql_run(db, st, e);
	}
	free(due);
	if (rc != 0)
		return rc;
	*id = sql_last_id(db);
	if ((rc = abuse_insert(db, *id, in, e)) != 0 || (rc = caller_insert(db, *id, caller, e)))
		return rc;
	return model_audit(db, actor, "intake.create", "intake", *id, report ? "通告" : NULL, e);
}

int intake_create(struct db *db, const struct staff *actor, const struct intake *in,
		  const struct intake_caller *caller, int64_t *id_out, struct tsu_err *e)
{
	struct sql_tx tx;
	int64_t id = 0;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "受付の登録", e)) != 0 ||
	    (rc = intake_check(db, in, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = intake_insert(db, actor, in, caller, &id, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && id_out)
		*id_out = id;
	return rc;
}

static void intake_read_row(struct stmt *st, struct intake *o)
{
	o->id = sql_int(st, 0);
	o->received_at = sql_dup(st, 1);
	o->staff_id = sql_int(st, 2);
	o->channel = sql_dup(st, 3);
	o->route1 = sql_dup(st, 4);
	o->route2 = sql_dup(st, 5);
	o->person_id = sql_int(st, 6);
	o->household_id = sql_int(st, 7);
	o->consult_type = sql_dup(st, 8);
	o->main_abuser = sql_dup(st, 9);
	o->complaint = sql_dup(st, 10);
	o->narrative = sql_dup(st, 11);
	o->situation = sql_dup(st, 12);
	o->wishes = sql_dup(st, 13);
	o->past = sql_dup(st, 14);
	o->urgent = sql_int(st, 15) != 0;
	o->is_report = sql_int(st, 16) != 0;
	o->case_id = sql_int(st, 17);
	o->accepted = sql_null(st, 18) ? -1 : (int)sql_int(st, 18);
	o->safety_due = sql_dup(st, 19);
	o->safety_done_at = sql_dup(st, 20);
	o->version = sql_int(st, 21);
	o->created_at = sql_dup(st, 22);
	o->updated_at = sql_dup(st, 23);
}

static int intake_read(struct db *db, int64_t id, struct intake *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_INTAKE_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "受付 (番号 %lld) が見つかりません",
					(long long)id);
	intake_read_row(st, out);
	sql_reset(st);
	if (!(st = sql_get(db, SQL_INTAKE_ABUSE_LIST, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		out->abuse_types = xreallocarray(out->abuse_types, out->n_abuse_types + 1,
						 sizeof *out->abuse_types);
		out->abuse_types[out->n_abuse_types++] = sql_dup(st, 0);
	}
	return rc;
}

int intake_get(struct db *db, const struct staff *actor, int64_t id, struct intake *out,
	       struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "受付の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = intake_read(db, id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "intake.read", "intake", id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		intake_release(out);
	return rc;
}

static int caller_read(struct db *db, int64_t id, struct intake_caller *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_INTAKE_CALLER_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "受付 (番号 %lld) に通告者の記録はありません",
					(long long)id);
	out->name = sql_dup(st, 0);
	out->relation = sql_dup(st, 1);
	out->contact = sql_dup(st, 2);
	out->anonymous = sql_int(st, 3) != 0;
	out->intent = sql_dup(st, 4);
	sql_reset(st);
	return 0;
}

int intake_get_caller(struct db *db, const struct staff *actor, int64_t intake_id,
		      struct intake_caller *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "通告者情報の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = caller_read(db, intake_id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "intake.caller", "intake", intake_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		intake_caller_release(out);
	return rc;
}

static int link_save(struct db *db, const struct staff *actor, const struct intake *in,
		     int64_t case_id, bool accepted, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_INTAKE_LINK, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_id(st, 1, case_id);
	sql_bind_int(st, 2, accepted);
	sql_bind_int(st, 3, in->id);
	sql_bind_int(st, 4, in->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "受付", in->id);
	return model_audit(db, actor, accepted ? "intake.accept" : "intake.decline", "intake",
			   in->id, NULL, e);
}

int intake_link_case(struct db *db, const struct staff *actor, struct intake *in,
		     int64_t case_id, bool accepted, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "受付の受理・ケースへの関連付け", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = link_save(db, actor, in, case_id, accepted, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0) {
		in->case_id = case_id;
		in->accepted = accepted;
		in->version++;
	}
	return rc;
}

void intake_release(struct intake *in)
{
	if (!in)
		return;
	free(in->received_at);
	free(in->channel);
	free(in->route1);
	free(in->route2);
	free(in->consult_type);
	for (size_t i = 0; i < in->n_abuse_types; i++)
		free(in->abuse_types[i]);
	free(in->abuse_types);
	free(in->main_abuser);
	free(in->complaint);
	free(in->narrative);
	free(in->situation);
	free(in->wishes);
	free(in->past);
	free(in->safety_due);
	free(in->safety_done_at);
	free(in->created_at);
	free(in->updated_at);
	memset(in, 0, sizeof *in);
}

void intake_caller_release(struct intake_caller *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->relation);
	free(c->contact);
	free(c->intent);
	memset(c, 0, sizeof *c);
}

/* ---- safety checks ------------------------------------------------------ */

static int safety_insert(struct db *db, const struct staff *actor, struct safety_check *s,
			 struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_SAFETY_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_id(st, 1, s->intake_id);
	sql_bind_id(st, 2, s->case_id);
	sql_bind_int(st, 3, s->staff_id ? s->staff_id : actor->id);
	sql_bind_text(st, 4, s->at);
	sql_bind_text(st, 5, s->method);
	sql_bind_int(st, 6, s->seen);
	sql_bind_text(st, 7, s->note);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	s->id = sql_last_id(db);
	if (s->seen) {
		bool by_intake = s->intake_id != 0;

		if (!(st = sql_get(db, by_intake ? SQL_INTAKE_SAFETY_DONE : SQL_INTAKE_SAFETY_DONE_CASE,
				   e)))
			return TSU_EDB;
		sql_bind_int(st, 1, by_intake ? s->intake_id : s->case_id);
		sql_bind_text(st, 2, s->at);
		if ((rc = sql_run(db, st, e)) != 0)
			return rc;
	}
	return model_audit(db, actor, "safety.record", s->intake_id ? "intake" : "case",
			   s->intake_id ? s->intake_id : s->case_id, s->seen ? "目視確認" : NULL, e);
}

int safety_check_record(struct db *db, const struct staff *actor, struct safety_check *s,
			struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "安全確認の記録", e)) != 0 ||
	    (rc = model_datetime(s->at, true, "安全確認の日時", e)) != 0)
		return rc;
	if (!s->intake_id && !s->case_id)
		return err_set(e, TSU_EINVAL, "安全確認の対象 (受付またはケース) が指定されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = safety_insert(db, actor, s, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		s->id = 0;
	return rc;
}
