/* model_person.c: households, persons, membership and family relations. */
#include "tsunagu/person.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/util.h"

/* ---- households --------------------------------------------------------- */

static int household_check(const struct household *h, struct tsu_err *e)
{
	if (h->secrecy && h->secrecy_end.y && h->secrecy_start.y &&
	    date_cmp(h->secrecy_end, h->secrecy_start) < 0)
		return err_set(e, TSU_EINVAL, "支援措置の終了日が開始日より前です");
	return 0;
}

static void household_bind(struct stmt *st, const struct household *h)
{
	sql_bind_text(st, 1, h->address);
	sql_bind_text(st, 2, h->phone);
	sql_bind_int(st, 3, h->secrecy);
	sql_bind_date(st, 4, h->secrecy_start);
	sql_bind_date(st, 5, h->secrecy_end);
	sql_bind_text(st, 6, h->secrecy_counterparty);
	sql_bind_text(st, 7, h->note);
}

int household_create(struct db *db, const struct staff *actor, struct household *h,
		     struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "世帯の登録", e)) != 0 ||
	    (rc = household_check(h, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_HH_INSERT, e))) {
		rc = TSU_EDB;
	} else {
		household_bind(st, h);
		rc = sql_run(db, st, e);
	}
	if (rc == 0) {
		h->id = sql_last_id(db);
		rc = model_audit(db, actor, "household.create", "household", h->id, NULL, e);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		h->version = 1;
	return rc;
}

static int household_read(struct db *db, int64_t id, struct household *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HH_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "世帯 (番号 %lld) が見つかりません",
					(long long)id);
	out->id = sql_int(st, 0);
	out->address = sql_dup(st, 1);
	out->phone = sql_dup(st, 2);
	out->secrecy = sql_int(st, 3) != 0;
	out->secrecy_start = sql_date(st, 4);
	out->secrecy_end = sql_date(st, 5);
	out->secrecy_counterparty = sql_dup(st, 6);
	out->note = sql_dup(st, 7);
	out->version = sql_int(st, 8);
	sql_reset(st);
	return 0;
}

int household_get(struct db *db, const struct staff *actor, int64_t id, struct household *out,
		  struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "世帯の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = household_read(db, id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "household.read", "household", id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		household_release(out);
	return rc;
}

int household_update(struct db *db, const struct staff *actor, struct household *h,
		     struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "世帯の保存", e)) != 0 ||
	    (rc = household_check(h, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_HH_UPDATE, e))) {
		rc = TSU_EDB;
	} else {
		household_bind(st, h);
		sql_bind_int(st, 8, h->id);
		sql_bind_int(st, 9, h->version);
		rc = sql_run(db, st, e);
	}
	if (rc == 0 && sql_changes(db) == 0)
		rc = model_conflict(e, "世帯", h->id);
	if (rc == 0)
		rc = model_audit(db, actor, "household.update", "household", h->id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		h->version++;
	return rc;
}

void household_release(struct household *h)
{
	if (!h)
		return;
	free(h->address);
	free(h->phone);
	free(h->secrecy_counterparty);
	free(h->note);
	memset(h, 0, sizeof *h);
}

int household_add_member(struct db *db, const struct staff *actor, int64_t household_id,
			 int64_t person_id, const char *relation, struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "世帯員の登録", e)) != 0 ||
	    (rc = model_code(db, "relation", relation, "続柄", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_HM_INSERT, e))) {
		rc = TSU_EDB;
	} else {
		sql_bind_int(st, 1, household_id);
		sql_bind_int(st, 2, person_id);
		sql_bind_text(st, 3, relation);
		rc = sql_run(db, st, e);
	}
	if (rc == 0)
		rc = model_audit(db, actor, "household.member", "household", household_id, NULL, e);
	return sql_tx_end(db, &tx, rc, e);
}

static int members_read(struct db *db, int64_t household_id, int64_t **ids, size_t *n,
			struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_HM_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, household_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sql_int(st, 0);
	}
	return rc;
}

int household_members(struct db *db, const struct staff *actor, int64_t household_id,
		      int64_t **ids, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "世帯員の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = members_read(db, household_id, ids, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "household.members", "household", household_id, NULL,
				 e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- persons ------------------------------------------------------------ */

static int person_check(struct db *db, const struct person *p, struct tsu_err *e)
{
	if (!p->family_name || !*p->family_name)
		return err_set(e, TSU_EINVAL, "氏 (姓) が入力されていません");
	if (p->birth.y && date_cmp(p->birth, date_today()) > 0)
		return err_set(e, TSU_EINVAL, "生年月日が未来の日付です (出産予定日は別の欄に入力)");
	return model_code(db, "sex", p->sex, "性別", e);
}

static void person_bind(struct stmt *st, const struct person *p)
{
	sql_bind_text(st, 1, p->family_name);
	sql_bind_text(st, 2, p->given_name);
	sql_bind_text(st, 3, p->family_kana);
	sql_bind_text(st, 4, p->given_kana);
	sql_bind_date(st, 5, p->birth);
	sql_bind_date(st, 6, p->expected_delivery);
	sql_bind_text(st, 7, p->sex);
	sql_bind_text(st, 8, p->phone);
	sql_bind_text(st, 9, p->school);
	sql_bind_int(st, 10, p->deceased);
	sql_bind_int(st, 11, p->moved);
	sql_bind_text(st, 12, p->note);
}

int person_create(struct db *db, const struct staff *actor, struct person *p, struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "人物の登録", e)) != 0 ||
	    (rc = person_check(db, p, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_PERSON_INSERT, e))) {
		rc = TSU_EDB;
	} else {
		person_bind(st, p);
		rc = sql_run(db, st, e);
	}
	if (rc == 0) {
		p->id = sql_last_id(db);
		rc = model_audit(db, actor, "person.create", "person", p->id, NULL, e);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		p->version = 1;
	return rc;
}

static void person_read_row(struct stmt *st, struct person *out)
{
	out->id = sql_int(st, 0);
	out->family_name = sql_dup(st, 1);
	out->given_name = sql_dup(st, 2);
	out->family_kana = sql_dup(st, 3);
	out->given_kana = sql_dup(st, 4);
	out->birth = sql_date(st, 5);
	out->expected_delivery = sql_date(st, 6);
	out->sex = sql_dup(st, 7);
	out->phone = sql_dup(st, 8);
	out->school = sql_dup(st, 9);
	out->deceased = sql_int(st, 10) != 0;
	out->moved = sql_int(st, 11) != 0;
	out->note = sql_dup(st, 12);
	out->version = sql_int(st, 13);
	out->created_at = sql_dup(st, 14);
	out->updated_at = sql_dup(st, 15);
}

static int person_read(struct db *db, int64_t id, struct person *out, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_PERSON_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "人物 (番号 %lld) が見つかりません",
					(long long)id);
	person_read_row(st, out);
	sql_reset(st);
	return 0;
}

int person_get(struct db *db, const struct staff *actor, int64_t id, struct person *out,
	       struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_READ_CASE, "人物の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = person_read(db, id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "person.read", "person", id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		person_release(out);
	return rc;
}

int person_update(struct db *db, const struct staff *actor, struct person *p, struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "人物の保存", e)) != 0 ||
	    (rc = person_check(db, p, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_PERSON_UPDATE, e))) {
		rc = TSU_EDB;
	} else {
		person_bind(st, p);
		sql_bind_int(st, 13, p->id);
		sql_bind_int(st, 14, p->version);
		rc = sql_run(db, st, e);
	}
	if (rc == 0 && sql_changes(db) == 0)
		rc = model_conflict(e, "人物", p->id);
	if (rc == 0)
		rc = model_audit(db, actor, "person.update", "person", p->id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		p->version++;
	return rc;
}

void person_release(struct person *p)
{
	if (!p)
		return;
	free(p->family_name);
	free(p->given_name);
	free(p->family_kana);
	free(p->given_kana);
	free(p->sex);
	free(p->phone);
	free(p->school);
	free(p->note);
	free(p->created_at);
	free(p->updated_at);
	memset(p, 0, sizeof *p);
}

char *person_display_name(const struct person *p)
{
	const char *g = model_nz(p->given_name);

	return xasprintf("%s%s%s", model_nz(p->family_name), *g ? " " : "", g);
}

/* ---- relations ---------------------------------------------------------- */

int relation_add(struct db *db, const struct staff *actor, int64_t person_a, int64_t person_b,
		 const char *relation, const char *note, int64_t *id_out, struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "続柄の登録", e)) != 0)
		return rc;
	if (person_a == person_b)
		return err_set(e, TSU_EINVAL, "同じ人物どうしの続柄は登録できません");
	if (!relation || !*relation)
		return err_set(e, TSU_EINVAL, "続柄が入力されていません");
	if ((rc = model_code(db, "relation", relation, "続柄", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_REL_INSERT, e))) {
		rc = TSU_EDB;
	} else {
		sql_bind_int(st, 1, person_a);
		sql_bind_int(st, 2, person_b);
		sql_bind_text(st, 3, relation);
		sql_bind_text(st, 4, note);
		rc = sql_run(db, st, e);
	}
	if (rc == 0) {
		if (id_out)
			*id_out = sql_last_id(db);
		rc = model_audit(db, actor, "relation.add", "person", person_b, relation, e);
	}
	return sql_tx_end(db, &tx, rc, e);
}

static int relations_read(struct db *db, int64_t person_id, struct relation **out, size_t *n,
			  struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_REL_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, person_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct relation *r;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->id = sql_int(st, 0);
		r->person_a = sql_int(st, 1);
		r->person_b = sql_int(st, 2);
		r->relation = sql_dup(st, 3);
		r->note = sql_dup(st, 4);
	}
	return rc;
}

int relation_list(struct db *db, const struct staff *actor, int64_t person_id,
		  struct relation **out, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "続柄の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = relations_read(db, person_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "relation.list", "person", person_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		relations_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void relations_free(struct relation *r, size_t n)
{
	if (!r)
		return;
	for (size_t i = 0; i < n; i++) {
		free(r[i].relation);
		free(r[i].note);
	}
	free(r);
}
