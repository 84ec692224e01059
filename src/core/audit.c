/* audit.c: appending to and reading the append-only audit log, and the small
 * helpers every model file uses (permissions, code checks, messages). */
#include "tsunagu/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/codes.h"
#include "tsunagu/util.h"

int audit_append(struct db *db, const struct staff *actor, const char *action,
		 const char *entity, int64_t entity_id, const char *detail, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_AUDIT_INSERT, e);

	if (!st)
		return TSU_EDB;
	if (!action || !*action)
		return err_set(e, TSU_EINVAL, "内部エラー: 監査ログの操作名がありません");
	sql_bind_id(st, 1, actor ? actor->id : 0);
	sql_bind_text(st, 2, actor ? actor->login : NULL);
	sql_bind_text(st, 3, action);
	sql_bind_text(st, 4, entity);
	sql_bind_id(st, 5, entity_id);
	sql_bind_text(st, 6, detail);
	return sql_run(db, st, e);
}

int model_audit(struct db *db, const struct staff *actor, const char *action,
		const char *entity, int64_t id, const char *detail, struct tsu_err *e)
{
	return audit_append(db, actor, action, entity, id, detail, e);
}

static void row_read(struct stmt *st, struct audit_row *r)
{
	r->id = sql_int(st, 0);
	r->at = sql_dup(st, 1);
	r->staff_id = sql_int(st, 2);
	r->login = sql_dup(st, 3);
	r->action = sql_dup(st, 4);
	r->entity = sql_dup(st, 5);
	r->entity_id = sql_int(st, 6);
	r->detail = sql_dup(st, 7);
}

static int list_rows(struct db *db, const struct audit_filter *f, struct audit_row **rows,
		     size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_AUDIT_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, f ? f->since : NULL);
	sql_bind_text(st, 2, f ? f->until : NULL);
	sql_bind_id(st, 3, f ? f->staff_id : 0);
	sql_bind_text(st, 4, f ? f->entity : NULL);
	sql_bind_id(st, 5, f ? f->entity_id : 0);
	sql_bind_int(st, 6, f && f->limit > 0 ? f->limit : 1000);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		row_read(st, &(*rows)[(*n)++]);
	}
	return rc;
}

int audit_list(struct db *db, const struct staff *actor, const struct audit_filter *f,
	       struct audit_row **rows, size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_AUDIT, "監査ログの閲覧", e)) != 0)
		return rc;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = list_rows(db, f, rows, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "audit.read", "audit", 0, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		audit_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

void audit_rows_free(struct audit_row *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].login);
		free(rows[i].action);
		free(rows[i].entity);
		free(rows[i].detail);
	}
	free(rows);
}

/* ---- helpers for the model files ---------------------------------------- */

int model_perm(const struct staff *actor, enum perm p, const char *what, struct tsu_err *e)
{
	if (!actor)
		return err_set(e, TSU_EPERM, "%sには職員としての登録が必要です", what);
	if (!actor->active)
		return err_set(e, TSU_EPERM, "%sができません: 職員 %s は無効になっています", what,
			       model_nz(actor->login));
	if (!staff_can(actor, p))
		return err_set(e, TSU_EPERM, "%sの権限がありません (職員 %s、役割 %s)", what,
			       model_nz(actor->login), staff_role_label(actor->role));
	return 0;
}

int model_code(struct db *db, const char *list, const char *code, const char *what,
	       struct tsu_err *e)
{
	if (!code || !*code || codes_valid(db, list, code))
		return 0;
	return err_set(e, TSU_EINVAL, "%sのコード「%s」はコード表 %s にありません (または使用停止)",
		       what, code, list);
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int model_datetime(const char *s, bool required, const char *what, struct tsu_err *e)
{
	size_t len = s ? strlen(s) : 0;
	int y, mo, d, h, mi, sec = 0;

	if (len == 0)
		return required ? err_set(e, TSU_EINVAL, "%sが入力されていません", what) : 0;
	if ((len != 16 && len != 19) || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || s[10] != ' ' || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) ||
	    (len == 19 && (s[16] != ':' || !digits(s + 17, 2))))
		goto bad;
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	h = atoi(s + 11);
	mi = atoi(s + 14);
	if (len == 19)
		sec = atoi(s + 17);
	if (date_valid(y, mo, d) && h < 24 && mi < 60 && sec < 60)
		return 0;
bad:
	return err_set(e, TSU_EINVAL, "%s「%s」は日時として正しくありません (例: 2026-04-01 09:30)",
		       what, s);
}

int model_conflict(struct tsu_err *e, const char *what, int64_t id)
{
	return err_set(e, TSU_ECONFLICT,
		       "%s (番号 %lld) は、開いている間に他の職員が保存しました。保存していません。"
		       "開き直して最新の内容を確認してから、もう一度入力してください",
		       what, (long long)id);
}

const char *model_nz(const char *s)
{
	return s ? s : "";
}

struct date model_add_months(struct date d, int months)
{
	long m = (long)d.y * 12 + (d.m - 1) + months;
	struct date r = {(int)(m / 12), (int)(m % 12) + 1, d.d};

	while (r.d > 28 && !date_valid(r.y, r.m, r.d))
		r.d--;
	return r;
}
