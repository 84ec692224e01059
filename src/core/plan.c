/* plan.c: 支援計画 (サポートプラン): a chain of versions per case; drafts are
 * edited in place under the plan row's optimistic lock, approved versions
 * are frozen and changed only by a revision that copies them. The diff of
 * two versions is in plan_diff.c. */
#include "tsunagu/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plan_area.h"
#include "sql_plan.h"
#include "tsunagu/util.h"

bool plan_can_approve(const struct staff *who)
{
	return who && who->active &&
	       (who->role == ROLE_DIRECTOR || who->role == ROLE_COORDINATOR);
}

/* ---- reading -------------------------------------------------------------- */

static void plan_read_row(struct stmt *st, struct plan *p)
{
	p->id = sql_int(st, 0);
	p->case_id = sql_int(st, 1);
	p->plan_no = (int)sql_int(st, 2);
	p->needs = sql_dup(st, 3);
	p->strengths = sql_dup(st, 4);
	p->long_goal = sql_dup(st, 5);
	p->short_goal = sql_dup(st, 6);
	p->family_wishes = sql_dup(st, 7);
	p->explained_on = sql_date(st, 8);
	p->handed_on = sql_date(st, 9);
	p->next_review = sql_date(st, 10);
	p->approved_by = sql_int(st, 11);
	p->approved_by_name = sql_dup(st, 12);
	p->approved_at = sql_dup(st, 13);
	p->supersedes = sql_int(st, 14);
	p->superseded_by = sql_int(st, 15);
	p->version = sql_int(st, 16);
	p->created_at = sql_dup(st, 17);
	p->updated_at = sql_dup(st, 18);
}

static void item_read_row(struct stmt *st, struct plan_item *it)
{
	it->id = sql_int(st, 0);
	it->plan_id = sql_int(st, 1);
	it->what = sql_dup(st, 2);
	it->provider_staff = sql_int(st, 3);
	it->provider_agency = sql_int(st, 4);
	it->provider_service = sql_dup(st, 5);
	it->frequency = sql_dup(st, 6);
	it->from = sql_date(st, 7);
	it->to = sql_date(st, 8);
	it->result = sql_dup(st, 9);
	it->sort = (int)sql_int(st, 10);
	it->origin_id = sql_int(st, 11);
	it->provider_staff_name = sql_dup(st, 12);
	it->provider_agency_name = sql_dup(st, 13);
}

static int items_read(struct db *db, struct plan *p, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_ITEM_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, p->id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		p->items = xreallocarray(p->items, p->n_items + 1, sizeof *p->items);
		memset(&p->items[p->n_items], 0, sizeof *p->items);
		item_read_row(st, &p->items[p->n_items++]);
	}
	return rc;
}

/* One plan row by id (PLS_PLAN_GET) or the case's newest (PLS_PLAN_CURRENT). */
static int plan_read(struct db *db, int sql, int64_t key, struct plan *out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, sql, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, key);
	if ((rc = sql_step(db, st, e)) != SQL_ROW) {
		if (rc < 0)
			return rc;
		if (sql == PLS_PLAN_CURRENT)
			return err_set(e, TSU_ENOTFOUND, "このケースには支援計画がありません");
		return err_set(e, TSU_ENOTFOUND, "支援計画 (番号 %lld) が見つかりません",
			       (long long)key);
	}
	plan_read_row(st, out);
	sql_reset(st);
	return items_read(db, out, e);
}

static int plan_get_by(struct db *db, const struct staff *actor, int sql, int64_t key,
		       struct plan *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "支援計画の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = plan_read(db, sql, key, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "plan.read", "case", out->case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		plan_release(out);
	return rc;
}

int plan_get(struct db *db, const struct staff *actor, int64_t plan_id, struct plan *out,
	     struct tsu_err *e)
{
	return plan_get_by(db, actor, PLS_PLAN_GET, plan_id, out, e);
}

int plan_current(struct db *db, const struct staff *actor, int64_t case_id, struct plan *out,
		 struct tsu_err *e)
{
	return plan_get_by(db, actor, PLS_PLAN_CURRENT, case_id, out, e);
}

static int versions_read(struct db *db, int64_t case_id, struct plan **out, size_t *n,
			 struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_VERSIONS, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		plan_read_row(st, &(*out)[(*n)++]);
	}
	return rc;
}

int plan_versions(struct db *db, const struct staff *actor, int64_t case_id, struct plan **out,
		  size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "支援計画の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = versions_read(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "plan.list", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		plans_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- checks ------------------------------------------------------------------ */

static int item_check(const struct plan_item *it, size_t i, struct tsu_err *e)
{
	if (!it->what || !*it->what)
		return err_set(e, TSU_EINVAL, "支援内容 %zu の「何を」が入力されていません", i + 1);
	if (it->from.y && it->to.y && date_cmp(it->to, it->from) < 0)
		return err_set(e, TSU_EINVAL, "支援内容 %zu の終了日が開始日より前です", i + 1);
	return 0;
}

struct plan_state {
	int64_t version;
	bool approved, superseded;
	int64_t case_id;
	int plan_no;
};

static int plan_state(struct db *db, int64_t id, struct plan_state *s, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_STATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "支援計画 (番号 %lld) が見つかりません",
					(long long)id);
	s->version = sql_int(st, 0);
	s->approved = sql_int(st, 1) != 0;
	s->superseded = sql_int(st, 2) != 0;
	s->case_id = sql_int(st, 3);
	s->plan_no = (int)sql_int(st, 4);
	sql_reset(st);
	return 0;
}

/* The version p may be changed: the one read, a draft, the newest. */
static int plan_editable(struct db *db, const struct plan *p, struct plan_state *s,
			 struct tsu_err *e)
{
	int rc = plan_state(db, p->id, s, e);

	if (rc != 0)
		return rc;
	if (s->version != p->version)
		return model_conflict(e, "支援計画", p->id);
	if (s->superseded)
		return err_set(e, TSU_EINVAL, "支援計画 第%d版には新しい版があるため変更できません",
			       s->plan_no);
	if (s->approved)
		return err_set(e, TSU_EINVAL,
			       "支援計画 第%d版は承認済みのため変更できません。改訂して新しい版を作ってください",
			       s->plan_no);
	return 0;
}

/* ---- writing ------------------------------------------------------------------ */

static int item_insert(struct db *db, int64_t plan_id, const struct plan_item *it, int sort,
		       int64_t origin, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_ITEM_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, plan_id);
	sql_bind_text(st, 2, it->what);
	sql_bind_id(st, 3, it->provider_staff);
	sql_bind_id(st, 4, it->provider_agency);
	sql_bind_text(st, 5, it->provider_service);
	sql_bind_text(st, 6, it->frequency);
	sql_bind_date(st, 7, it->from);
	sql_bind_date(st, 8, it->to);
	sql_bind_text(st, 9, it->result);
	sql_bind_int(st, 10, sort);
	sql_bind_id(st, 11, origin);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	*id = sql_last_id(db);
	return 0;
}

static int plan_insert(struct db *db, const struct plan *p, int plan_no, int64_t supersedes,
		       int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, p->case_id);
	sql_bind_int(st, 2, plan_no);
	sql_bind_text(st, 3, p->needs);
	sql_bind_text(st, 4, p->strengths);
	sql_bind_text(st, 5, p->long_goal);
	sql_bind_text(st, 6, p->short_goal);
	sql_bind_text(st, 7, p->family_wishes);
	sql_bind_date(st, 8, p->next_review);
	sql_bind_id(st, 9, supersedes);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	*id = sql_last_id(db);
	return 0;
}

static int next_plan_no(struct db *db, int64_t case_id, int *no, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_NEXT_NO, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	*no = (int)sql_int(st, 0);
	sql_reset(st);
	return 0;
}

static int plan_create_tx(struct db *db, const struct staff *actor, struct plan *p,
			  struct tsu_err *e)
{
	struct case_state cs;
	int no, rc;

	if ((rc = case_state_read(db, p->case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "支援計画の作成", e)) != 0 ||
	    (rc = next_plan_no(db, p->case_id, &no, e)) != 0)
		return rc;
	if (no != 1)
		return err_set(e, TSU_EINVAL,
			       "ケース %s には既に支援計画があります。改訂して新しい版を作ってください",
			       cs.case_no);
	if ((rc = plan_insert(db, p, 1, 0, &p->id, e)) != 0)
		return rc;
	for (size_t i = 0; i < p->n_items && rc == 0; i++) {
		p->items[i].sort = (int)i + 1;
		p->items[i].plan_id = p->id;
		rc = item_insert(db, p->id, &p->items[i], (int)i + 1, 0, &p->items[i].id, e);
	}
	if (rc == 0 && p->next_review.y)
		rc = case_state_set_review(db, actor, p->case_id, &cs, p->next_review, e);
	if (rc == 0)
		rc = model_audit(db, actor, "plan.create", "case", p->case_id, "第1版", e);
	p->plan_no = 1;
	return rc;
}

int plan_create(struct db *db, const struct staff *actor, int64_t case_id, struct plan *p,
		struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援計画の作成", e)) != 0)
		return rc;
	for (size_t i = 0; i < p->n_items; i++)
		if ((rc = item_check(&p->items[i], i, e)) != 0)
			return rc;
	p->case_id = case_id;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = plan_create_tx(db, actor, p, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		p->id = 0;
		p->plan_no = 0;
		for (size_t i = 0; i < p->n_items; i++)
			p->items[i].id = 0;
		return rc;
	}
	p->version = 1;
	return 0;
}

static int plan_save(struct db *db, const struct staff *actor, const struct plan *p,
		     struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_UPDATE, e);
	struct plan_state s;
	struct case_state cs;
	char detail[32];
	int rc;

	if ((rc = plan_editable(db, p, &s, e)) != 0)
		return rc;
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, p->needs);
	sql_bind_text(st, 2, p->strengths);
	sql_bind_text(st, 3, p->long_goal);
	sql_bind_text(st, 4, p->short_goal);
	sql_bind_text(st, 5, p->family_wishes);
	sql_bind_date(st, 6, p->next_review);
	sql_bind_int(st, 7, p->id);
	sql_bind_int(st, 8, p->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "支援計画", p->id);
	if (p->next_review.y &&
	    ((rc = case_state_read(db, s.case_id, &cs, e)) != 0 ||
	     (rc = case_state_set_review(db, actor, s.case_id, &cs, p->next_review, e)) != 0))
		return rc;
	snprintf(detail, sizeof detail, "第%d版", s.plan_no);
	return model_audit(db, actor, "plan.update", "case", s.case_id, detail, e);
}

int plan_update(struct db *db, const struct staff *actor, struct plan *p, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援計画の保存", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = plan_save(db, actor, p, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		p->version++;
	return rc;
}

static int delivery_check(struct date ex, struct date handed, struct tsu_err *e)
{
	struct date today = date_today();

	if ((ex.y && date_cmp(ex, today) > 0) || (handed.y && date_cmp(handed, today) > 0))
		return err_set(e, TSU_EINVAL, "説明日・交付日に未来の日付は指定できません");
	if (ex.y && handed.y && date_cmp(handed, ex) < 0)
		return err_set(e, TSU_EINVAL, "交付日が説明日より前です");
	return 0;
}

static int delivery_save(struct db *db, const struct staff *actor, const struct plan *p,
			 struct date ex, struct date handed, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_DELIVERY, e);
	struct plan_state s;
	int rc;

	if ((rc = plan_state(db, p->id, &s, e)) != 0)
		return rc;
	if (!st)
		return TSU_EDB;
	sql_bind_date(st, 1, ex);
	sql_bind_date(st, 2, handed);
	sql_bind_int(st, 3, p->id);
	sql_bind_int(st, 4, p->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "支援計画", p->id);
	return model_audit(db, actor, "plan.deliver", "case", s.case_id, NULL, e);
}

int plan_set_delivery(struct db *db, const struct staff *actor, struct plan *p,
		      struct date explained_on, struct date handed_on, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援計画の説明・交付の記録", e)) != 0 ||
	    (rc = delivery_check(explained_on, handed_on, e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = delivery_save(db, actor, p, explained_on, handed_on, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0) {
		p->explained_on = explained_on;
		p->handed_on = handed_on;
		p->version++;
	}
	return rc;
}

static int approve_save(struct db *db, const struct staff *actor, const struct plan *p,
			struct plan *stored, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_APPROVE, e);
	struct plan_state s;
	int rc;

	if ((rc = plan_editable(db, p, &s, e)) != 0 ||
	    (rc = plan_read(db, PLS_PLAN_GET, p->id, stored, e)) != 0)
		return rc;
	if (!*stored->long_goal && !*stored->short_goal)
		return err_set(e, TSU_EINVAL, "目標 (長期または短期) のない支援計画は承認できません");
	if (stored->n_items == 0)
		return err_set(e, TSU_EINVAL, "支援内容のない支援計画は承認できません");
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, actor->id);
	sql_bind_int(st, 2, p->id);
	sql_bind_int(st, 3, p->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "支援計画", p->id);
	plan_release(stored);
	if ((rc = plan_read(db, PLS_PLAN_GET, p->id, stored, e)) != 0)
		return rc;
	return model_audit(db, actor, "plan.approve", "case", s.case_id, NULL, e);
}

int plan_approve(struct db *db, const struct staff *actor, struct plan *p, struct tsu_err *e)
{
	struct plan stored = {0};
	struct sql_tx tx;
	int rc;

	if (!plan_can_approve(actor))
		return err_set(e, TSU_EPERM,
			       "支援計画の承認はセンター長または統括支援員が行います (%s には権限がありません)",
			       actor && actor->name ? actor->name : "この職員");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = approve_save(db, actor, p, &stored, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0) {
		p->approved_by = stored.approved_by;
		free(p->approved_by_name);
		p->approved_by_name = xstrdup(stored.approved_by_name);
		free(p->approved_at);
		p->approved_at = xstrdup(stored.approved_at);
		p->version = stored.version;
	}
	plan_release(&stored);
	return rc;
}

static int revise_tx(struct db *db, const struct staff *actor, const struct plan *p,
		     struct plan *out, struct tsu_err *e)
{
	struct plan src = {0};
	struct plan_state s;
	int64_t id = 0, item_id;
	int no, rc;

	if ((rc = plan_state(db, p->id, &s, e)) != 0)
		return rc;
	if (s.version != p->version)
		return model_conflict(e, "支援計画", p->id);
	if (s.superseded)
		return err_set(e, TSU_EINVAL, "支援計画 第%d版には既に新しい版があります", s.plan_no);
	if (!s.approved)
		return err_set(e, TSU_EINVAL, "支援計画 第%d版は下書きです。改訂せずにそのまま編集してください",
			       s.plan_no);
	if ((rc = plan_read(db, PLS_PLAN_GET, p->id, &src, e)) != 0 ||
	    (rc = next_plan_no(db, src.case_id, &no, e)) != 0 ||
	    (rc = plan_insert(db, &src, no, src.id, &id, e)) != 0)
		goto done;
	for (size_t i = 0; i < src.n_items && rc == 0; i++)
		rc = item_insert(db, id, &src.items[i], (int)i + 1, src.items[i].id, &item_id, e);
	if (rc == 0)
		rc = plan_read(db, PLS_PLAN_GET, id, out, e);
	if (rc == 0) {
		char detail[48];

		snprintf(detail, sizeof detail, "第%d版→第%d版", src.plan_no, no);
		rc = model_audit(db, actor, "plan.revise", "case", src.case_id, detail, e);
	}
done:
	plan_release(&src);
	return rc;
}

int plan_revise(struct db *db, const struct staff *actor, const struct plan *p,
		struct plan *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援計画の改訂", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = revise_tx(db, actor, p, out, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		plan_release(out);
	return rc;
}

/* ---- items ------------------------------------------------------------------ */

/* Check and bump the plan row's version: the lock that covers its items. */
static int plan_bump(struct db *db, const struct plan *p, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_PLAN_BUMP, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, p->id);
	sql_bind_int(st, 2, p->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	return sql_changes(db) == 0 ? model_conflict(e, "支援計画", p->id) : 0;
}

static int item_update(struct db *db, const struct plan *p, const struct plan_item *it,
		       struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_ITEM_UPDATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, it->what);
	sql_bind_id(st, 2, it->provider_staff);
	sql_bind_id(st, 3, it->provider_agency);
	sql_bind_text(st, 4, it->provider_service);
	sql_bind_text(st, 5, it->frequency);
	sql_bind_date(st, 6, it->from);
	sql_bind_date(st, 7, it->to);
	sql_bind_text(st, 8, it->result);
	sql_bind_int(st, 9, it->id);
	sql_bind_int(st, 10, p->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return err_set(e, TSU_ENOTFOUND, "支援内容 (番号 %lld) はこの計画にありません",
			       (long long)it->id);
	return 0;
}

static int item_save_tx(struct db *db, const struct staff *actor, const struct plan *p,
			struct plan_item *it, struct tsu_err *e)
{
	struct stmt *st;
	struct plan_state s;
	int rc;

	if ((rc = plan_editable(db, p, &s, e)) != 0)
		return rc;
	if (it->id) {
		rc = item_update(db, p, it, e);
	} else {
		if (!(st = sql_get_in(db, &sql_plan_table, PLS_ITEM_NEXT_SORT, e)))
			return TSU_EDB;
		sql_bind_int(st, 1, p->id);
		if ((rc = sql_step(db, st, e)) != SQL_ROW)
			return rc < 0 ? rc : TSU_EDB;
		it->sort = (int)sql_int(st, 0);
		sql_reset(st);
		rc = item_insert(db, p->id, it, it->sort, it->origin_id, &it->id, e);
	}
	if (rc == 0)
		rc = plan_bump(db, p, e);
	if (rc == 0)
		rc = model_audit(db, actor, "plan.item", "case", s.case_id, NULL, e);
	return rc;
}

int plan_item_save(struct db *db, const struct staff *actor, struct plan *p,
		   struct plan_item *it, struct tsu_err *e)
{
	struct sql_tx tx;
	int64_t old_id = it->id;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援内容の保存", e)) != 0 ||
	    (rc = item_check(it, p->n_items, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = item_save_tx(db, actor, p, it, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		it->id = old_id;
		return rc;
	}
	it->plan_id = p->id;
	p->version++;
	return 0;
}

static int item_delete_tx(struct db *db, const struct staff *actor, const struct plan *p,
			  int64_t item_id, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_ITEM_DELETE, e);
	struct plan_state s;
	int rc;

	if ((rc = plan_editable(db, p, &s, e)) != 0)
		return rc;
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, item_id);
	sql_bind_int(st, 2, p->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return err_set(e, TSU_ENOTFOUND, "支援内容 (番号 %lld) はこの計画にありません",
			       (long long)item_id);
	if ((rc = plan_bump(db, p, e)) != 0)
		return rc;
	return model_audit(db, actor, "plan.item.delete", "case", s.case_id, NULL, e);
}

int plan_item_delete(struct db *db, const struct staff *actor, struct plan *p, int64_t item_id,
		     struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "支援内容の削除", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = item_delete_tx(db, actor, p, item_id, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		p->version++;
	return rc;
}

/* ---- release ------------------------------------------------------------------ */

void plan_item_release(struct plan_item *it)
{
	if (!it)
		return;
	free(it->what);
	free(it->provider_service);
	free(it->frequency);
	free(it->result);
	free(it->provider_staff_name);
	free(it->provider_agency_name);
	memset(it, 0, sizeof *it);
}

void plan_release(struct plan *p)
{
	if (!p)
		return;
	free(p->needs);
	free(p->strengths);
	free(p->long_goal);
	free(p->short_goal);
	free(p->family_wishes);
	free(p->approved_by_name);
	free(p->approved_at);
	for (size_t i = 0; i < p->n_items; i++)
		plan_item_release(&p->items[i]);
	free(p->items);
	free(p->created_at);
	free(p->updated_at);
	memset(p, 0, sizeof *p);
}

void plans_free(struct plan *p, size_t n)
{
	if (!p)
		return;
	for (size_t i = 0; i < n; i++)
		plan_release(&p[i]);
	free(p);
}
