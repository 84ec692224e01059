/* model_note.c: progress notes (経過記録) and form drafts. */
#include "tsunagu/note.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/util.h"

static int note_check(struct db *db, const struct note *n, struct tsu_err *e)
{
	int rc;

	if (!n->case_id)
		return err_set(e, TSU_EINVAL, "経過記録のケースが指定されていません");
	if (!n->kind || !*n->kind)
		return err_set(e, TSU_EINVAL, "経過記録の種類が指定されていません");
	if (!n->content || !*n->content)
		return err_set(e, TSU_EINVAL, "経過記録の内容が入力されていません");
	if ((rc = model_datetime(n->at, true, "経過記録の日時", e)) != 0 ||
	    (rc = model_code(db, "note_kind", n->kind, "経過記録の種類", e)) != 0)
		return rc;
	return model_code(db, "source", n->source, "情報源", e);
}

static int note_insert(struct db *db, const struct staff *actor, struct note *n,
		       struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_NOTE_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, n->case_id);
	sql_bind_text(st, 2, n->kind);
	sql_bind_text(st, 3, n->at);
	sql_bind_text(st, 4, n->counterpart);
	sql_bind_text(st, 5, n->content);
	sql_bind_text(st, 6, n->source);
	sql_bind_int(st, 7, n->restricted);
	sql_bind_int(st, 8, n->staff_id ? n->staff_id : actor->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	n->id = sql_last_id(db);
	return model_audit(db, actor, "note.create", "case", n->case_id, NULL, e);
}

int note_create(struct db *db, const struct staff *actor, struct note *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "経過記録の登録", e)) != 0 ||
	    (rc = note_check(db, n, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = note_insert(db, actor, n, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		n->version = 1;
	else
		n->id = 0;
	return rc;
}

static int notes_read(struct db *db, int64_t case_id, struct note **out, size_t *n,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_NOTE_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct note *x;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		x = &(*out)[(*n)++];
		x->id = sql_int(st, 0);
		x->case_id = sql_int(st, 1);
		x->kind = sql_dup(st, 2);
		x->at = sql_dup(st, 3);
		x->counterpart = sql_dup(st, 4);
		x->content = sql_dup(st, 5);
		x->source = sql_dup(st, 6);
		x->restricted = sql_int(st, 7) != 0;
		x->staff_id = sql_int(st, 8);
		x->staff_name = sql_dup(st, 9);
		x->version = sql_int(st, 10);
	}
	return rc;
}

int note_list(struct db *db, const struct staff *actor, int64_t case_id, struct note **out,
	      size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "経過記録の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = notes_read(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "note.list", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		notes_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void note_release(struct note *n)
{
	if (!n)
		return;
	free(n->kind);
	free(n->at);
	free(n->counterpart);
	free(n->content);
	free(n->source);
	free(n->staff_name);
	memset(n, 0, sizeof *n);
}

void notes_free(struct note *notes, size_t n)
{
	if (!notes)
		return;
	for (size_t i = 0; i < n; i++)
		note_release(&notes[i]);
	free(notes);
}

/* ---- drafts ------------------------------------------------------------- */

static int draft_store(struct db *db, const struct staff *actor, const char *kind,
		       const char *payload, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, *id ? SQL_DRAFT_UPDATE : SQL_DRAFT_INSERT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	if (*id) {
		sql_bind_text(st, 1, kind);
		sql_bind_str(st, 2, payload);
		sql_bind_int(st, 3, *id);
		sql_bind_int(st, 4, actor->id);
	} else {
		sql_bind_int(st, 1, actor->id);
		sql_bind_text(st, 2, kind);
		sql_bind_str(st, 3, payload);
	}
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (*id && sql_changes(db) == 0)
		return err_set(e, TSU_ENOTFOUND, "下書き (番号 %lld) が見つかりません",
			       (long long)*id);
	if (!*id)
		*id = sql_last_id(db);
	return model_audit(db, actor, "draft.save", "draft", *id, kind, e);
}

int draft_save(struct db *db, const struct staff *actor, const char *kind, const char *payload,
	       int64_t *id, struct tsu_err *e)
{
	struct sql_tx tx;
	int64_t nid = *id;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "下書きの保存", e)) != 0)
		return rc;
	if (!kind || !*kind)
		return err_set(e, TSU_EINVAL, "下書きの種類が指定されていません");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = draft_store(db, actor, kind, payload ? payload : "", &nid, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		*id = nid;
	return rc;
}

static void draft_read_row(struct stmt *st, struct draft *d)
{
	d->id = sql_int(st, 0);
	d->kind = sql_dup(st, 1);
	d->payload = sql_dup(st, 2);
	d->updated_at = sql_dup(st, 3);
}

static int draft_read(struct db *db, const struct staff *actor, int64_t id, struct draft *out,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_DRAFT_GET, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, actor->id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "下書き (番号 %lld) が見つかりません",
					(long long)id);
	draft_read_row(st, out);
	sql_reset(st);
	return model_audit(db, actor, "draft.load", "draft", id, NULL, e);
}

int draft_load(struct db *db, const struct staff *actor, int64_t id, struct draft *out,
	       struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "下書きの読み込み", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = draft_read(db, actor, id, out, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		draft_release(out);
	return rc;
}

int draft_list(struct db *db, const struct staff *actor, const char *kind, struct draft **out,
	       size_t *n, struct tsu_err *e)
{
	struct stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "下書きの一覧", e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_DRAFT_LIST, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, actor->id);
	sql_bind_text(st, 2, kind);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		draft_read_row(st, &(*out)[(*n)++]);
	}
	if (rc < 0) {
		drafts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static int draft_remove(struct db *db, const struct staff *actor, int64_t id, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_DRAFT_DELETE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, actor->id);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0)
		return err_set(e, TSU_ENOTFOUND, "下書き (番号 %lld) が見つかりません",
			       (long long)id);
	return model_audit(db, actor, "draft.delete", "draft", id, NULL, e);
}

int draft_delete(struct db *db, const struct staff *actor, int64_t id, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "下書きの削除", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = draft_remove(db, actor, id, e);
	return sql_tx_end(db, &tx, rc, e);
}

void draft_release(struct draft *d)
{
	if (!d)
		return;
	free(d->kind);
	free(d->payload);
	free(d->updated_at);
	memset(d, 0, sizeof *d);
}

void drafts_free(struct draft *d, size_t n)
{
	if (!d)
		return;
	for (size_t i = 0; i < n; i++)
		draft_release(&d[i]);
	free(d);
}
