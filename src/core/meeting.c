/* meeting.c: 実務者会議 and 個別ケース検討会議: the meeting with its
 * attendees, the agenda of cases (picked, or all due), what was decided for
 * each case (carried into the case: status with history, next review as a
 * case review), and the 会議録 as aligned text (meeting_text.c). */
#include "tsunagu/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meeting_priv.h"
#include "model.h"
#include "plan_area.h"
#include "sql_plan.h"
#include "tsunagu/agency.h"
#include "tsunagu/case.h"
#include "tsunagu/caselist.h"
#include "tsunagu/codes.h"
#include "tsunagu/util.h"

/* ---- the meeting ------------------------------------------------------------- */

static int meeting_check(struct db *db, const struct meeting *m, struct tsu_err *e)
{
	int rc;

	if (!m->kind || !*m->kind)
		return err_set(e, TSU_EINVAL, "会議の種類が指定されていません");
	if (!strcmp(m->kind, "JURI"))
		return err_set(e, TSU_EINVAL, "受理会議は受付の受理会議の記録から登録してください");
	if ((rc = model_code(db, "meeting_kind", m->kind, "会議の種類", e)) != 0)
		return rc;
	if (!m->held_on.y)
		return err_set(e, TSU_EINVAL, "会議の開催日が指定されていません");
	return 0;
}

static int meeting_insert(struct db *db, const struct staff *actor, struct meeting *m,
			  struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MTG_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, m->kind);
	sql_bind_date(st, 2, m->held_on);
	sql_bind_text(st, 3, m->title);
	sql_bind_text(st, 4, m->minutes);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	m->id = sql_last_id(db);
	return model_audit(db, actor, "meeting.create", "meeting", m->id, m->kind, e);
}

int meeting_create(struct db *db, const struct staff *actor, struct meeting *m,
		   struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "会議の登録", e)) != 0 ||
	    (rc = meeting_check(db, m, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = meeting_insert(db, actor, m, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		m->version = 1;
	else
		m->id = 0;
	return rc;
}

static void meeting_row(struct stmt *st, struct meeting *m)
{
	m->id = sql_int(st, 0);
	m->kind = sql_dup(st, 1);
	m->held_on = sql_date(st, 2);
	m->title = sql_dup(st, 3);
	m->minutes = sql_dup(st, 4);
	m->version = sql_int(st, 5);
}

int meeting_read(struct db *db, int64_t id, struct meeting *out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MTG_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "会議 (番号 %lld) が見つかりません",
					(long long)id);
	meeting_row(st, out);
	sql_reset(st);
	return 0;
}

int meeting_get(struct db *db, const struct staff *actor, int64_t id, struct meeting *out,
		struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "会議の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = meeting_read(db, id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "meeting.read", "meeting", id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		meeting_release(out);
	return rc;
}

static int meeting_save(struct db *db, const struct staff *actor, const struct meeting *m,
			struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MTG_UPDATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, m->title);
	sql_bind_text(st, 2, m->minutes);
	sql_bind_int(st, 3, m->id);
	sql_bind_int(st, 4, m->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "会議", m->id);
	return model_audit(db, actor, "meeting.update", "meeting", m->id, NULL, e);
}

int meeting_update(struct db *db, const struct staff *actor, struct meeting *m,
		   struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "会議録の保存", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = meeting_save(db, actor, m, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		m->version++;
	return rc;
}

static int list_read(struct db *db, struct date from, struct date to, struct meeting **out,
		     size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MTG_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_date(st, 1, from);
	sql_bind_date(st, 2, to);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		meeting_row(st, &(*out)[(*n)++]);
	}
	return rc;
}

int meeting_list(struct db *db, const struct staff *actor, struct date from, struct date to,
		 struct meeting **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "会議の一覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = list_read(db, from, to, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "meeting.list", "meeting", 0, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		meetings_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- attendees ---------------------------------------------------------------- */

static int attendee_tx(struct db *db, const struct staff *actor, int64_t meeting_id,
		       struct meeting_attendee *a, struct tsu_err *e)
{
	struct meeting m;
	struct stmt *st;
	int rc;

	if ((rc = meeting_read(db, meeting_id, &m, e)) != 0)
		return rc;
	meeting_release(&m);
	if (!a->agency_id && a->agency_name && *a->agency_name &&
	    (rc = agency_find_or_create(db, actor, a->agency_name, NULL, &a->agency_id, e)) != 0)
		return rc;
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_ATT_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	sql_bind_id(st, 2, a->staff_id);
	sql_bind_id(st, 3, a->agency_id);
	sql_bind_text(st, 4, a->name);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	a->id = sql_last_id(db);
	return model_audit(db, actor, "meeting.attendee", "meeting", meeting_id, NULL, e);
}

int meeting_add_attendee(struct db *db, const struct staff *actor, int64_t meeting_id,
			 struct meeting_attendee *a, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "会議の出席者の登録", e)) != 0)
		return rc;
	if (!a->staff_id && !a->agency_id && !(a->name && *a->name) &&
	    !(a->agency_name && *a->agency_name))
		return err_set(e, TSU_EINVAL, "出席者 (職員・関係機関・氏名のいずれか) が指定されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = attendee_tx(db, actor, meeting_id, a, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		a->id = 0;
	return rc;
}

int meeting_attendees_read(struct db *db, int64_t meeting_id, struct meeting_attendee **out,
			   size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_ATT_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct meeting_attendee *a;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->id = sql_int(st, 0);
		a->staff_id = sql_int(st, 1);
		a->agency_id = sql_int(st, 2);
		a->name = sql_dup(st, 3);
		a->staff_name = sql_dup(st, 4);
		a->agency_name = sql_dup(st, 5);
	}
	return rc;
}

int meeting_attendees(struct db *db, const struct staff *actor, int64_t meeting_id,
		      struct meeting_attendee **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "会議の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = meeting_attendees_read(db, meeting_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "meeting.read", "meeting", meeting_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		meeting_attendees_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- the agenda ----------------------------------------------------------------- */

static int agenda_add(struct db *db, int64_t meeting_id, int64_t case_id, size_t *added,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MC_NEXT_SORT, e);
	struct case_state cs;
	int sort, rc;

	if ((rc = case_state_read(db, case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "会議での検討", e)) != 0)
		return rc;
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	sort = (int)sql_int(st, 0);
	sql_reset(st);
	if (!(st = sql_get_in(db, &sql_plan_table, PLS_MC_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	sql_bind_int(st, 2, case_id);
	sql_bind_int(st, 3, sort);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	*added += (size_t)sql_changes(db);
	return 0;
}

static int agenda_tx(struct db *db, const struct staff *actor, int64_t meeting_id,
		     const int64_t *ids, size_t n, size_t *added, struct tsu_err *e)
{
	struct meeting m;
	char detail[32];
	int rc;

	if ((rc = meeting_read(db, meeting_id, &m, e)) != 0)
		return rc;
	meeting_release(&m);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = agenda_add(db, meeting_id, ids[i], added, e);
	if (rc != 0)
		return rc;
	snprintf(detail, sizeof detail, "追加 %zu件", *added);
	return model_audit(db, actor, "meeting.cases", "meeting", meeting_id, detail, e);
}

int meeting_add_cases(struct db *db, const struct staff *actor, int64_t meeting_id,
		      const int64_t *case_ids, size_t n, size_t *added, struct tsu_err *e)
{
	struct sql_tx tx;
	size_t k = 0;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "検討ケースの選択", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = agenda_tx(db, actor, meeting_id, case_ids, n, &k, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (added)
		*added = rc == 0 ? k : 0;
	return rc;
}

static int due_ids(struct db *db, struct date due_by, bool registered_only, int64_t **ids,
		   size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MC_DUE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_date(st, 1, due_by);
	sql_bind_int(st, 2, registered_only);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sql_int(st, 0);
	}
	return rc;
}

int meeting_add_due(struct db *db, const struct staff *actor, int64_t meeting_id,
		    struct date due_by, bool registered_only, size_t *added, struct tsu_err *e)
{
	int64_t *ids = NULL;
	struct sql_tx tx;
	size_t n = 0, k = 0;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "検討ケースの選択", e)) != 0)
		return rc;
	if (!due_by.y)
		return err_set(e, TSU_EINVAL, "見直し期限の基準日が指定されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = due_ids(db, due_by, registered_only, &ids, &n, e);
	if (rc == 0)
		rc = agenda_tx(db, actor, meeting_id, ids, n, &k, e);
	rc = sql_tx_end(db, &tx, rc, e);
	free(ids);
	if (added)
		*added = rc == 0 ? k : 0;
	return rc;
}

static void mc_row(struct stmt *st, struct meeting_case *mc)
{
	mc->id = sql_int(st, 0);
	mc->case_id = sql_int(st, 1);
	mc->sort = (int)sql_int(st, 2);
	mc->recorded = sql_int(st, 3) != 0;
	mc->status = sql_dup(st, 4);
	mc->lead_agency_id = sql_int(st, 5);
	mc->key_person = sql_dup(st, 6);
	mc->policy = sql_dup(st, 7);
	mc->decision = sql_dup(st, 8);
	mc->next_review = sql_date(st, 9);
	mc->version = sql_int(st, 10);
	mc->case_no = sql_dup(st, 11);
	mc->name = sql_dup(st, 12);
	mc->kana = sql_dup(st, 13);
	mc->registration_label = sql_dup(st, 14);
	mc->status_label = sql_dup(st, 15);
	mc->lead_agency_name = sql_dup(st, 16);
	mc->case_next_review = sql_date(st, 17);
}

int meeting_cases_read(struct db *db, int64_t meeting_id, struct meeting_case **out, size_t *n,
		       struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MC_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		mc_row(st, &(*out)[(*n)++]);
	}
	return rc;
}

int meeting_cases(struct db *db, const struct staff *actor, int64_t meeting_id,
		  struct meeting_case **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "会議の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = meeting_cases_read(db, meeting_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "meeting.read", "meeting", meeting_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		meeting_cases_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- recording a case --------------------------------------------------------------- */

static int record_check(struct db *db, const struct meeting_case *mc, struct tsu_err *e)
{
	int rc;

	if ((!mc->policy || !*mc->policy) && (!mc->decision || !*mc->decision))
		return err_set(e, TSU_EINVAL, "支援方針または決定事項を入力してください");
	if ((rc = model_code(db, "status", mc->status, "状態", e)) != 0)
		return rc;
	if (case_status_closes(mc->status))
		return err_set(e, TSU_EINVAL,
			       "会議の記録ではケースを閉じられません。終結・送致・移管はケースの画面で行ってください");
	return 0;
}

/* The case's status, changed with history when the meeting changed it. */
static int record_status(struct db *db, const struct staff *actor, const struct meeting *m,
			 const struct meeting_case *mc, const struct case_state *cs,
			 struct tsu_err *e)
{
	struct case_rec c;
	char *why, *label, iso[16];
	int rc;

	if (!mc->status || !*mc->status || !strcmp(mc->status, cs->status))
		return 0;
	if ((rc = case_get(db, actor, mc->case_id, &c, e)) != 0)
		return rc;
	label = codes_label(db, "meeting_kind", m->kind);
	why = xasprintf("%s (%s) の決定", label, date_format_iso(m->held_on, iso, sizeof iso));
	free(label);
	rc = case_set_status(db, actor, &c, mc->status, NULL, why, m->held_on, e);
	free(why);
	case_release(&c);
	return rc;
}

static int record_save(struct db *db, const struct staff *actor, int64_t agenda_id,
		       const struct meeting_case *mc, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MC_RECORD, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, mc->status);
	sql_bind_id(st, 2, mc->lead_agency_id);
	sql_bind_text(st, 3, mc->key_person);
	sql_bind_text(st, 4, mc->policy);
	sql_bind_text(st, 5, mc->decision);
	sql_bind_date(st, 6, mc->next_review);
	sql_bind_int(st, 7, actor->id);
	sql_bind_int(st, 8, agenda_id);
	sql_bind_int(st, 9, mc->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	return sql_changes(db) == 0 ? model_conflict(e, "検討ケースの記録", agenda_id) : 0;
}

static int agenda_state(struct db *db, int64_t meeting_id, int64_t case_id, int64_t *id,
			int64_t *version, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_MC_STATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, meeting_id);
	sql_bind_int(st, 2, case_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND,
					"ケース (番号 %lld) はこの会議の検討ケースにありません",
					(long long)case_id);
	*id = sql_int(st, 0);
	*version = sql_int(st, 1);
	sql_reset(st);
	return 0;
}

static int record_tx(struct db *db, const struct staff *actor, int64_t meeting_id,
		     struct meeting_case *mc, struct tsu_err *e)
{
	struct meeting m = {0};
	struct case_state cs;
	int64_t agenda_id = 0, version = 0;
	int rc;

	if ((rc = meeting_read(db, meeting_id, &m, e)) != 0 ||
	    (rc = agenda_state(db, meeting_id, mc->case_id, &agenda_id, &version, e)) != 0)
		goto done;
	if (version != mc->version) {
		rc = model_conflict(e, "検討ケースの記録", agenda_id);
		goto done;
	}
	if ((rc = case_state_read(db, mc->case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "会議の記録", e)) != 0 ||
	    (rc = record_status(db, actor, &m, mc, &cs, e)) != 0 ||
	    (rc = caselist_record_review(db, actor, mc->case_id, m.held_on, mc->next_review,
					 meeting_id, mc->policy, &mc->next_review, e)) != 0 ||
	    (rc = record_save(db, actor, agenda_id, mc, e)) != 0)
		goto done;
	rc = model_audit(db, actor, "meeting.record", "case", mc->case_id, cs.case_no, e);
done:
	meeting_release(&m);
	return rc;
}

int meeting_record_case(struct db *db, const struct staff *actor, int64_t meeting_id,
			struct meeting_case *mc, struct tsu_err *e)
{
	struct date asked = mc->next_review;
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_DECIDE, "会議の決定の記録", e)) != 0 ||
	    (rc = record_check(db, mc, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = record_tx(db, actor, meeting_id, mc, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		mc->next_review = asked;
		return rc;
	}
	mc->recorded = true;
	mc->version++;
	return 0;
}

/* ---- release -------------------------------------------------------------------------- */

void meeting_release(struct meeting *m)
{
	if (!m)
		return;
	free(m->kind);
	free(m->title);
	free(m->minutes);
	memset(m, 0, sizeof *m);
}

void meetings_free(struct meeting *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		meeting_release(&m[i]);
	free(m);
}

void meeting_attendees_free(struct meeting_attendee *a, size_t n)
{
	if (!a)
		return;
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].staff_name);
		free(a[i].agency_name);
	}
	free(a);
}

void meeting_case_release(struct meeting_case *mc)
{
	if (!mc)
		return;
	free(mc->status);
	free(mc->key_person);
	free(mc->policy);
	free(mc->decision);
	free(mc->case_no);
	free(mc->name);
	free(mc->kana);
	free(mc->registration_label);
	free(mc->status_label);
	free(mc->lead_agency_name);
	memset(mc, 0, sizeof *mc);
}

void meeting_cases_free(struct meeting_case *mc, size_t n)
{
	if (!mc)
		return;
	for (size_t i = 0; i < n; i++)
		meeting_case_release(&mc[i]);
	free(mc);
}
