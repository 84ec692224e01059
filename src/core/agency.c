/* agency.c: 関係機関, found by the folded name so that the same school typed
 * twice stays one agency. */
#include "tsunagu/agency.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_plan.h"
#include "tsunagu/key.h"
#include "tsunagu/util.h"

static void agency_read_row(struct stmt *st, struct agency *a)
{
	a->id = sql_int(st, 0);
	a->name = sql_dup(st, 1);
	a->kind = sql_dup(st, 2);
	a->department = sql_dup(st, 3);
	a->contact = sql_dup(st, 4);
	a->phone = sql_dup(st, 5);
	a->note = sql_dup(st, 6);
	a->inactive = sql_int(st, 7) != 0;
	a->version = sql_int(st, 8);
}

int agency_list(struct db *db, bool include_inactive, struct agency **out, size_t *n,
		struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_AGENCY_LIST, e);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, include_inactive);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		agency_read_row(st, &(*out)[(*n)++]);
	}
	if (rc < 0) {
		agencies_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int agency_get(struct db *db, int64_t id, struct agency *out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_AGENCY_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "関係機関 (番号 %lld) が見つかりません",
					(long long)id);
	agency_read_row(st, out);
	sql_reset(st);
	return 0;
}

/* Exact name first (indexed by nothing, but a tiny table), then the key. */
int agency_find(struct db *db, const char *name, int64_t *id_out, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_AGENCY_BY_NAME, e);
	struct agency *all = NULL;
	size_t n = 0;
	char *key;
	int rc;

	*id_out = 0;
	if (!st)
		return TSU_EDB;
	if (!name || !*name)
		return 0;
	sql_bind_text(st, 1, name);
	if ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*id_out = sql_int(st, 0);
		sql_reset(st);
		return 0;
	}
	if (rc < 0 || (rc = agency_list(db, false, &all, &n, e)) != 0)
		return rc;
	key = key_fold(name);
	for (size_t i = 0; i < n && !*id_out; i++) {
		char *k = key_fold(all[i].name);

		if (*key && !strcmp(k, key))
			*id_out = all[i].id;
		free(k);
	}
	free(key);
	agencies_free(all, n);
	return 0;
}

static int agency_insert(struct db *db, const struct staff *actor, struct agency *a,
			 struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_AGENCY_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, a->name);
	sql_bind_text(st, 2, a->kind);
	sql_bind_text(st, 3, a->department);
	sql_bind_text(st, 4, a->contact);
	sql_bind_text(st, 5, a->phone);
	sql_bind_text(st, 6, a->note);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	a->id = sql_last_id(db);
	return model_audit(db, actor, "agency.create", "agency", a->id, NULL, e);
}

static int agency_check(const struct agency *a, struct tsu_err *e)
{
	if (!a->name || !*a->name)
		return err_set(e, TSU_EINVAL, "関係機関の名称が入力されていません");
	return 0;
}

int agency_create(struct db *db, const struct staff *actor, struct agency *a,
		  struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "関係機関の登録", e)) != 0 ||
	    (rc = agency_check(a, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = agency_insert(db, actor, a, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		a->version = 1;
	else
		a->id = 0;
	return rc;
}

int agency_find_or_create(struct db *db, const struct staff *actor, const char *name,
			  const char *kind, int64_t *id_out, struct tsu_err *e)
{
	struct agency a = {0};
	struct sql_tx tx;
	int rc;

	*id_out = 0;
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "関係機関の登録", e)) != 0)
		return rc;
	if (!name || !*name)
		return err_set(e, TSU_EINVAL, "関係機関の名称が入力されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = agency_find(db, name, id_out, e);
	if (rc == 0 && !*id_out) {
		a.name = (char *)name;
		a.kind = (char *)kind;
		rc = agency_insert(db, actor, &a, e);
		*id_out = a.id;
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		*id_out = 0;
	return rc;
}

static int agency_save(struct db *db, const struct staff *actor, const struct agency *a,
		       struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_AGENCY_UPDATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, a->name);
	sql_bind_text(st, 2, a->kind);
	sql_bind_text(st, 3, a->department);
	sql_bind_text(st, 4, a->contact);
	sql_bind_text(st, 5, a->phone);
	sql_bind_text(st, 6, a->note);
	sql_bind_int(st, 7, a->inactive);
	sql_bind_int(st, 8, a->id);
	sql_bind_int(st, 9, a->version);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return model_conflict(e, "関係機関", a->id);
	return model_audit(db, actor, "agency.update", "agency", a->id, NULL, e);
}

int agency_update(struct db *db, const struct staff *actor, struct agency *a,
		  struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "関係機関の保存", e)) != 0 ||
	    (rc = agency_check(a, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = agency_save(db, actor, a, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		a->version++;
	return rc;
}

void agency_release(struct agency *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->kind);
	free(a->department);
	free(a->contact);
	free(a->phone);
	free(a->note);
	memset(a, 0, sizeof *a);
}

void agencies_free(struct agency *a, size_t n)
{
	if (!a)
		return;
	for (size_t i = 0; i < n; i++)
		agency_release(&a[i]);
	free(a);
}
