/* transfer.c: 児相送致, 援助依頼 and ケース移管 with the status change they
 * bring, and the record of every disclosure to someone outside the centre
 * (守秘義務: who received what, when, why, on what legal basis). */
#include "tsunagu/transfer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"
#include "plan_area.h"
#include "sql_plan.h"
#include "tsunagu/agency.h"
#include "tsunagu/case.h"
#include "tsunagu/util.h"

/* ---- transfers ----------------------------------------------------------------- */

static int transfer_check(struct db *db, const struct transfer *t, struct tsu_err *e)
{
	int rc;

	if (!t->case_id)
		return err_set(e, TSU_EINVAL, "送致・移管するケースが指定されていません");
	if (!t->kind || !*t->kind)
		return err_set(e, TSU_EINVAL, "送致・援助依頼・移管の別が指定されていません");
	if ((rc = model_code(db, "transfer_kind", t->kind, "送致・移管の種類", e)) != 0)
		return rc;
	if (!t->agency_id && (!t->to_name || !*t->to_name))
		return err_set(e, TSU_EINVAL, "送致・移管先が指定されていません");
	if (!t->reason || !*t->reason)
		return err_set(e, TSU_EINVAL, "送致・移管の理由が入力されていません");
	return 0;
}

/* SOUCHI closes as 送致, IKAN as 移管; ENJO leaves the case open. */
static int transfer_status(struct db *db, const struct staff *actor, const struct transfer *t,
			   struct date on, struct tsu_err *e)
{
	const char *status = NULL, *reason = NULL;
	struct case_rec c;
	int rc;

	if (!strcmp(t->kind, "SOUCHI"))
		status = "SND", reason = "SENT";
	else if (!strcmp(t->kind, "IKAN"))
		status = "MOV", reason = "MOVED";
	if (!status)
		return 0;
	if ((rc = case_get(db, actor, t->case_id, &c, e)) != 0)
		return rc;
	rc = case_set_status(db, actor, &c, status, reason, t->reason, on, e);
	case_release(&c);
	return rc;
}

static int transfer_tx(struct db *db, const struct staff *actor, struct transfer *t,
		       struct date on, struct tsu_err *e)
{
	struct case_state cs;
	struct stmt *st;
	int rc;

	if ((rc = case_state_read(db, t->case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "送致・移管", e)) != 0)
		return rc;
	if (!t->agency_id &&
	    (rc = agency_find_or_create(db, actor, t->to_name, NULL, &t->agency_id, e)) != 0)
		return rc;
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_TR_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, t->case_id);
	sql_bind_text(st, 2, t->kind);
	sql_bind_id(st, 3, t->agency_id);
	sql_bind_text(st, 4, t->to_name);
	sql_bind_date(st, 5, on);
	sql_bind_text(st, 6, t->reason);
	sql_bind_int(st, 7, actor->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	t->id = sql_last_id(db);
	if ((rc = transfer_status(db, actor, t, on, e)) != 0)
		return rc;
	return model_audit(db, actor, "transfer.record", "case", t->case_id, t->kind, e);
}

int transfer_record(struct db *db, const struct staff *actor, struct transfer *t,
		    struct tsu_err *e)
{
	struct date on = t->on.y ? t->on : date_today();
	int64_t agency = t->agency_id;
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "送致・移管の記録", e)) != 0 ||
	    (rc = transfer_check(db, t, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = transfer_tx(db, actor, t, on, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		t->id = 0;
		t->agency_id = agency;
		return rc;
	}
	t->on = on;
	return 0;
}

static int transfers_read(struct db *db, int64_t case_id, struct transfer **out, size_t *n,
			  struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_TR_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct transfer *t;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		t = &(*out)[(*n)++];
		t->id = sql_int(st, 0);
		t->case_id = sql_int(st, 1);
		t->kind = sql_dup(st, 2);
		t->agency_id = sql_int(st, 3);
		t->to_name = sql_dup(st, 4);
		t->on = sql_date(st, 5);
		t->reason = sql_dup(st, 6);
		t->staff_id = sql_int(st, 7);
		t->staff_name = sql_dup(st, 8);
		t->agency_name = sql_dup(st, 9);
	}
	return rc;
}

int transfer_list(struct db *db, const struct staff *actor, int64_t case_id,
		  struct transfer **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "送致・移管の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = transfers_read(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "transfer.list", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		transfers_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void transfer_release(struct transfer *t)
{
	if (!t)
		return;
	free(t->kind);
	free(t->to_name);
	free(t->reason);
	free(t->staff_name);
	free(t->agency_name);
	memset(t, 0, sizeof *t);
}

void transfers_free(struct transfer *t, size_t n)
{
	if (!t)
		return;
	for (size_t i = 0; i < n; i++)
		transfer_release(&t[i]);
	free(t);
}

/* ---- disclosures ------------------------------------------------------------------ */

static int disclosure_check(const struct disclosure *d, struct tsu_err *e)
{
	int rc;

	if (!d->case_id && !d->person_id)
		return err_set(e, TSU_EINVAL, "情報提供の対象 (ケースまたは人物) が指定されていません");
	if (!d->agency_id && (!d->recipient || !*d->recipient))
		return err_set(e, TSU_EINVAL, "情報の提供先が指定されていません");
	if (!d->what || !*d->what)
		return err_set(e, TSU_EINVAL, "提供した情報の内容が入力されていません");
	if (!d->why || !*d->why)
		return err_set(e, TSU_EINVAL, "情報提供の目的が入力されていません");
	if ((rc = model_datetime(d->at, false, "情報提供の日時", e)) != 0)
		return rc;
	return 0;
}

static int disclosure_tx(struct db *db, const struct staff *actor, struct disclosure *d,
			 const char *at, struct tsu_err *e)
{
	struct case_state cs;
	struct stmt *st;
	int rc;

	if (d->case_id && (rc = case_state_read(db, d->case_id, &cs, e)) != 0)
		return rc;
	if (!d->agency_id && d->as_agency &&
	    (rc = agency_find_or_create(db, actor, d->recipient, NULL, &d->agency_id, e)) != 0)
		return rc;
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_DS_INSERT, e)))
		return TSU_EDB;
	sql_bind_id(st, 1, d->case_id);
	sql_bind_id(st, 2, d->person_id);
	sql_bind_id(st, 3, d->agency_id);
	sql_bind_text(st, 4, d->recipient);
	sql_bind_text(st, 5, at);
	sql_bind_text(st, 6, d->what);
	sql_bind_text(st, 7, d->why);
	sql_bind_text(st, 8, d->legal_basis);
	sql_bind_int(st, 9, actor->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	d->id = sql_last_id(db);
	return model_audit(db, actor, "disclosure.record", d->case_id ? "case" : "person",
			   d->case_id ? d->case_id : d->person_id, NULL, e);
}

int disclosure_record(struct db *db, const struct staff *actor, struct disclosure *d,
		      struct tsu_err *e)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	struct sql_tx tx;
	int64_t agency = d->agency_id;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "情報提供の記録", e)) != 0 ||
	    (rc = disclosure_check(d, e)) != 0)
		return rc;
	if (!localtime_r(&t, &tm) || !strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm))
		return err_set(e, TSU_EINVAL, "現在時刻を取得できません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = disclosure_tx(db, actor, d, d->at && *d->at ? d->at : now, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		d->id = 0;
		d->agency_id = agency;
	}
	return rc;
}

static int disclosures_read(struct db *db, int64_t case_id, struct disclosure **out,
			    size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_DS_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct disclosure *d;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		d = &(*out)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = sql_int(st, 0);
		d->case_id = sql_int(st, 1);
		d->person_id = sql_int(st, 2);
		d->agency_id = sql_int(st, 3);
		d->recipient = sql_dup(st, 4);
		d->at = sql_dup(st, 5);
		d->what = sql_dup(st, 6);
		d->why = sql_dup(st, 7);
		d->legal_basis = sql_dup(st, 8);
		d->staff_id = sql_int(st, 9);
		d->staff_name = sql_dup(st, 10);
		d->agency_name = sql_dup(st, 11);
		d->as_agency = d->agency_id != 0;
	}
	return rc;
}

int disclosure_list(struct db *db, const struct staff *actor, int64_t case_id,
		    struct disclosure **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "情報提供の記録の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = disclosures_read(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "disclosure.list", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		disclosures_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void disclosure_release(struct disclosure *d)
{
	if (!d)
		return;
	free(d->recipient);
	free(d->at);
	free(d->what);
	free(d->why);
	free(d->legal_basis);
	free(d->staff_name);
	free(d->agency_name);
	memset(d, 0, sizeof *d);
}

void disclosures_free(struct disclosure *d, size_t n)
{
	if (!d)
		return;
	for (size_t i = 0; i < n; i++)
		disclosure_release(&d[i]);
	free(d);
}
