/* triage.c: the 受理会議: one decision about one intake recorded in one
 * transaction (meeting, attendees, decision and its details, the case
 * created or joined, status and registration history, the link of the
 * intake, the investigation plan and the request to the 児童相談所). */
#include "tsunagu/triage.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_triage.h"
#include "tsunagu/agency.h"
#include "tsunagu/case.h"
#include "tsunagu/codes.h"
#include "tsunagu/date.h"
#include "tsunagu/intake.h"
#include "tsunagu/util.h"

/* Everything the steps share while the transaction is open. */
struct juri_run {
	const struct juri_decision *d;
	struct intake in;
	struct case_rec c;
	struct date on; /* the meeting's date */
	char *lead_name;
	int64_t meeting_id, decision_id, transfer_id, referred_id;
	bool joined;
};

static bool grade_ok(const char *g)
{
	return !g || !*g || !strcmp(g, "AA") || !strcmp(g, "A") || !strcmp(g, "B") ||
	       !strcmp(g, "C");
}

static int check_declined(struct db *db, const struct juri_decision *d, struct tsu_err *e)
{
	int rc;

	if (!d->outcome || !*d->outcome)
		return err_set(e, TSU_EINVAL,
		               "受理しない場合は結果 (助言終了・他機関紹介など) を"
		               "指定してください");
	if ((rc = model_code(db, "intake_outcome", d->outcome, "受理しない場合の結果", e)) != 0)
		return rc;
	if (!strcmp(d->outcome, "REFER") && (!d->referred_to || !*d->referred_to))
		return err_set(e, TSU_EINVAL, "他機関紹介では紹介先の機関名を指定してください");
	return 0;
}

static int check_accepted(struct db *db, const struct juri_decision *d, struct tsu_err *e)
{
	int rc;

	if (d->outcome && *d->outcome)
		return err_set(e, TSU_EINVAL, "受理する場合は不受理の結果を指定できません");
	if (!d->lead_id)
		return err_set(e, TSU_EINVAL, "受理する場合は主担当者を指定してください");
	if (!grade_ok(d->urgency))
		return err_set(e, TSU_EINVAL, "緊急度「%s」は AA, A, B, C のどれかにしてください",
		               d->urgency);
	if ((rc = model_code(db, "consult_type", d->consult_type, "相談種別", e)) != 0 ||
	    (rc = model_code(db, "registration", d->registration, "登録区分", e)) != 0 ||
	    (rc = model_datetime(d->safety_due, false, "安全確認の期限", e)) != 0)
		return rc;
	if (d->cgc && *d->cgc && strcmp(d->cgc, "SOUCHI") && strcmp(d->cgc, "ENJO"))
		return err_set(e, TSU_EINVAL,
		               "児童相談所へは送致 (SOUCHI) か援助依頼 (ENJO) を"
		               "指定してください (指定: %s)",
		               d->cgc);
	for (size_t i = 0; i < d->n_investigate; i++)
		if (!d->investigate[i] || !*d->investigate[i])
			return err_set(e, TSU_EINVAL, "調査先の %zu 番目の機関名が空です", i + 1);
	return 0;
}

static int juri_check(struct db *db, const struct juri_decision *d, struct date *on,
                      struct tsu_err *e)
{
	int rc;
	char day[11];

	if (!d->intake_id)
		return err_set(e, TSU_EINVAL, "受理会議の対象の受付が指定されていません");
	if ((rc = model_datetime(d->held_at, true, "受理会議の日時", e)) != 0)
		return rc;
	strlcpy_utf8(day, d->held_at, sizeof day);
	if ((rc = date_parse(day, on, e)) != 0)
		return rc;
	return d->accepted ? check_accepted(db, d, e) : check_declined(db, d, e);
}

static int staff_name(struct db *db, int64_t id, char **name, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_STAFF_NAME, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
		              : err_set(e, TSU_ENOTFOUND, "職員 (番号 %lld) が見つかりません",
		                        (long long)id);
	if (!sql_int(st, 1)) {
		rc = err_set(e, TSU_EINVAL, "職員 %s は在籍していません", sql_text(st, 0));
		sql_reset(st);
		return rc;
	}
	*name = sql_dup(st, 0);
	sql_reset(st);
	return 0;
}

static int attendee_add(struct db *db, int64_t meeting, int64_t staff, const char *name,
                        struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_ATTENDEE_INSERT, e);

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, meeting);
	sql_bind_id(st, 2, staff);
	sql_bind_null(st, 3);
	sql_bind_text(st, 4, name);
	return sql_run(db, st, e);
}

static int meeting_insert(struct db *db, const struct staff *actor, struct juri_run *r,
                          struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_MEETING_INSERT, e);
	const struct juri_decision *d = r->d;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_date(st, 1, r->on);
	sql_bind_text(st, 2, "受理会議");
	sql_bind_text(st, 3, d->minutes);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	r->meeting_id = sql_last_id(db);
	if ((rc = attendee_add(db, r->meeting_id, actor->id, NULL, e)) != 0)
		return rc;
	for (size_t i = 0; i < d->n_attendees && rc == 0; i++) {
		char *name = NULL;

		if (d->attendees[i] == actor->id)
			continue;
		if ((rc = staff_name(db, d->attendees[i], &name, e)) == 0)
			rc = attendee_add(db, r->meeting_id, d->attendees[i], NULL, e);
		free(name);
	}
	for (size_t i = 0; i < d->n_guests && rc == 0; i++)
		if (d->guests[i] && *d->guests[i])
			rc = attendee_add(db, r->meeting_id, 0, d->guests[i], e);
	return rc;
}

static int open_case_of(struct db *db, int64_t person, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_OPEN_CASE_OF, e);
	int rc;

	*id = 0;
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, person);
	if ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*id = sql_int(st, 0);
		sql_reset(st);
		return 0;
	}
	return rc;
}

static bool differs(const char *want, const char *have)
{
	return want && *want && strcmp(want, model_nz(have)) != 0;
}

/* Apply the decision's lead, team and type to a joined case. */
static int case_join(struct db *db, const struct staff *actor, struct juri_run *r,
                     struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	bool change = false;

	if (d->lead_id != r->c.lead_id) {
		r->c.lead_id = d->lead_id;
		change = true;
	}
	if (differs(d->team, r->c.team)) {
		free(r->c.team);
		r->c.team = xstrdup(d->team);
		change = true;
	}
	if (differs(d->consult_type, r->c.consult_type)) {
		free(r->c.consult_type);
		r->c.consult_type = xstrdup(d->consult_type);
		change = true;
	}
	return change ? case_update(db, actor, &r->c, e) : 0;
}

static int case_open(struct db *db, const struct staff *actor, struct juri_run *r,
                     struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	struct case_rec in = {0};
	int rc;

	in.subject_id = r->in.person_id;
	in.household_id = r->in.household_id;
	in.consult_type =
	    d->consult_type && *d->consult_type ? (char *)d->consult_type : r->in.consult_type;
	in.status = "RCV";
	in.registration = "N";
	in.lead_id = d->lead_id;
	in.team = (char *)d->team;
	in.opened = r->on;
	if ((rc = case_create(db, actor, &in, &r->c, e)) != 0)
		return rc;
	return case_set_status(db, actor, &r->c, "ACC", NULL, "受理会議で受理", r->on, e);
}

static int case_accept(struct db *db, const struct staff *actor, struct juri_run *r,
                       struct tsu_err *e)
{
	const char *reg = r->d->registration;
	int64_t id;
	int rc;

	if (!r->in.person_id)
		return err_set(e, TSU_EINVAL,
		               "受付 (番号 %lld) に子ども (人物) が登録されていない"
		               "ため受理できません",
		               (long long)r->in.id);
	if ((rc = open_case_of(db, r->in.person_id, &id, e)) != 0)
		return rc;
	if (id) {
		r->joined = true;
		if ((rc = case_get(db, actor, id, &r->c, e)) != 0 ||
		    (rc = case_join(db, actor, r, e)) != 0)
			return rc;
	} else if ((rc = case_open(db, actor, r, e)) != 0) {
		return rc;
	}
	if (differs(reg, r->c.registration))
		rc = case_set_registration(db, actor, &r->c, reg, "受理会議", e);
	return rc;
}

static int transfer_insert(struct db *db, const struct staff *actor, struct juri_run *r,
                           struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	const char *name = d->cgc_name && *d->cgc_name ? d->cgc_name : "児童相談所";
	int64_t agency = 0;
	struct stmt *st;
	int rc;

	if (!d->cgc || !*d->cgc)
		return 0;
	if ((rc = agency_find_or_create(db, actor, name, "児童相談所", &agency, e)) != 0)
		return rc;
	if (!(st = sql_get_in(db, &sql_triage_table, TRI_TRANSFER_INSERT, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, r->c.id);
	sql_bind_text(st, 2, d->cgc);
	sql_bind_int(st, 3, agency);
	sql_bind_text(st, 4, name);
	sql_bind_date(st, 5, r->on);
	sql_bind_text(st, 6, d->cgc_reason ? d->cgc_reason : "受理会議の決定");
	sql_bind_int(st, 7, actor->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	r->transfer_id = sql_last_id(db);
	return model_audit(db, actor, "transfer.create", "case", r->c.id, d->cgc, e);
}

/* The one-line summary kept with the decision (time line, 本日のまとめ). */
static char *decision_text(struct db *db, const struct juri_run *r)
{
	const struct juri_decision *d = r->d;
	struct sbuf sb = {0};
	char *label;

	if (!d->accepted) {
		label = codes_label(db, "intake_outcome", d->outcome);
		sbuf_addf(&sb, "不受理 %s", label);
		if (d->referred_to && *d->referred_to)
			sbuf_addf(&sb, " (%s)", d->referred_to);
		free(label);
		return sbuf_detach(&sb);
	}
	sbuf_adds(&sb, r->joined ? "受理 (継続中のケースに追加)" : "受理");
	if (d->urgency && *d->urgency)
		sbuf_addf(&sb, " 緊急度%s", d->urgency);
	sbuf_addf(&sb, " 主担当 %s", r->lead_name);
	label = codes_label(db, "registration", r->c.registration);
	if (r->c.registration && strcmp(r->c.registration, "N") != 0)
		sbuf_addf(&sb, " %s", label);
	free(label);
	if (d->cgc && *d->cgc) {
		label = codes_label(db, "transfer_kind", d->cgc);
		sbuf_addf(&sb, " %s", label);
		free(label);
	}
	return sbuf_detach(&sb);
}

static int decision_insert(struct db *db, struct juri_run *r, struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_DECISION_INSERT, e);
	char *text;
	int rc;

	if (!st)
		return TSU_EDB;
	text = decision_text(db, r);
	sql_bind_int(st, 1, r->meeting_id);
	sql_bind_id(st, 2, r->c.id);
	sql_bind_int(st, 3, r->in.id);
	sql_bind_int(st, 4, d->accepted);
	sql_bind_text(st, 5, d->accepted ? r->c.consult_type : r->in.consult_type);
	sql_bind_text(st, 6, d->accepted ? d->urgency : NULL);
	sql_bind_id(st, 7, d->accepted ? d->lead_id : 0);
	sql_bind_text(st, 8, d->accepted ? d->safety_due : NULL);
	sql_bind_text(st, 9, d->accepted ? r->c.registration : NULL);
	sql_bind_int(st, 10, d->accepted && d->cgc && !strcmp(d->cgc, "SOUCHI"));
	sql_bind_text(st, 11, d->policy);
	sql_bind_text(st, 12, text);
	rc = sql_run(db, st, e);
	free(text);
	if (rc == 0)
		r->decision_id = sql_last_id(db);
	return rc;
}

static int detail_insert(struct db *db, const struct staff *actor, struct juri_run *r,
                         struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_DETAIL_INSERT, e);

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, r->decision_id);
	sql_bind_text(st, 2, d->held_at);
	sql_bind_text(st, 3, d->accepted ? NULL : d->outcome);
	sql_bind_id(st, 4, r->referred_id);
	sql_bind_text(st, 5, d->accepted ? d->team : NULL);
	sql_bind_text(st, 6, d->accepted ? d->safety_method : NULL);
	sql_bind_text(st, 7, d->accepted ? d->cgc : NULL);
	sql_bind_id(st, 8, r->transfer_id);
	sql_bind_int(st, 9, actor->id);
	return sql_run(db, st, e);
}

static int investigation_insert(struct db *db, const struct staff *actor, struct juri_run *r,
                                struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	int rc = 0;

	for (size_t i = 0; i < d->n_investigate && rc == 0; i++) {
		struct stmt *st;
		int64_t agency = 0;

		if ((rc = agency_find_or_create(db, actor, d->investigate[i], NULL, &agency, e)))
			break;
		if (!(st = sql_get_in(db, &sql_triage_table, TRI_INVEST_INSERT, e)))
			return TSU_EDB;
		sql_bind_int(st, 1, r->c.id);
		sql_bind_int(st, 2, r->decision_id);
		sql_bind_int(st, 3, agency);
		sql_bind_text(st, 4, "情報提供の依頼");
		sql_bind_null(st, 5);
		rc = sql_run(db, st, e);
	}
	return rc;
}

/* Link the intake and move its safety deadline: to the decided one, or
 * away when the intake is not accepted. */
static int intake_close(struct db *db, const struct staff *actor, struct juri_run *r,
                        struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	struct stmt *st;
	int rc;

	if ((rc = intake_link_case(db, actor, &r->in, r->c.id, d->accepted, e)) != 0)
		return rc;
	if (d->accepted && (!d->safety_due || !*d->safety_due))
		return 0;
	if (!(st = sql_get_in(db, &sql_triage_table, TRI_INTAKE_SAFETY_DUE, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, r->in.id);
	sql_bind_text(st, 2, d->accepted ? d->safety_due : NULL);
	return sql_run(db, st, e);
}

static int juri_steps(struct db *db, const struct staff *actor, struct juri_run *r,
                      struct tsu_err *e)
{
	const struct juri_decision *d = r->d;
	char *detail;
	int rc;

	if ((rc = intake_get(db, actor, d->intake_id, &r->in, e)) != 0)
		return rc;
	if (r->in.accepted != -1)
		return err_set(e, TSU_EINVAL,
		               "受付 (番号 %lld) はすでに受理会議で%sと決定されています",
		               (long long)r->in.id, r->in.accepted ? "受理" : "不受理");
	if (d->accepted && (rc = staff_name(db, d->lead_id, &r->lead_name, e)) != 0)
		return rc;
	if ((rc = meeting_insert(db, actor, r, e)) != 0)
		return rc;
	if (d->accepted) {
		if ((rc = case_accept(db, actor, r, e)) != 0 ||
		    (rc = transfer_insert(db, actor, r, e)) != 0)
			return rc;
	} else if (d->referred_to && *d->referred_to &&
	           (rc = agency_find_or_create(db, actor, d->referred_to, NULL, &r->referred_id,
	                                       e)) != 0) {
		return rc;
	}
	if ((rc = decision_insert(db, r, e)) != 0 || (rc = detail_insert(db, actor, r, e)) != 0 ||
	    (rc = investigation_insert(db, actor, r, e)) != 0 ||
	    (rc = intake_close(db, actor, r, e)) != 0)
		return rc;
	detail = xasprintf("受付 %lld %s%s", (long long)r->in.id, d->accepted ? "受理 " : "不受理 ",
	                   d->accepted ? model_nz(r->c.case_no) : model_nz(d->outcome));
	rc = model_audit(db, actor, "juri.decide", "meeting", r->meeting_id, detail, e);
	free(detail);
	return rc;
}

int juri_decide(struct db *db, const struct staff *actor, const struct juri_decision *d,
                struct juri_result *out, struct tsu_err *e)
{
	struct juri_run r = {.d = d};
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_DECIDE, "受理会議の決定の記録", e)) != 0 ||
	    (rc = juri_check(db, d, &r.on, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = juri_steps(db, actor, &r, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0) {
		out->meeting_id = r.meeting_id;
		out->decision_id = r.decision_id;
		out->case_id = r.c.id;
		strlcpy_utf8(out->case_no, model_nz(r.c.case_no), sizeof out->case_no);
		out->joined = r.joined;
	}
	intake_release(&r.in);
	case_release(&r.c);
	free(r.lead_name);
	return rc;
}
