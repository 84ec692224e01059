/* codes.c: reading the code lists and loading them from data/codes/<list>.tsv;
 * db_sync_data, which reloads all master data in one transaction. */
#include "tsunagu/codes.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/audit.h"
#include "tsunagu/paths.h"
#include "tsunagu/urgency.h"
#include "tsunagu/util.h"
#include "tsv.h"

#define CODE_MAX 16

static void read_code(struct stmt *st, struct code *c)
{
	c->list = sql_dup(st, 0);
	c->code = sql_dup(st, 1);
	c->label = sql_dup(st, 2);
	c->parent = sql_dup(st, 3);
	c->national = sql_dup(st, 4);
	c->sort = (int)sql_int(st, 5);
	c->active = sql_int(st, 6) != 0;
}

int codes_list(struct db *db, const char *list, bool include_inactive, struct code **out,
	       size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CODE_LIST, e);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, list);
	sql_bind_int(st, 2, include_inactive);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		read_code(st, &(*out)[(*n)++]);
	}
	if (rc < 0) {
		codes_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void code_release(struct code *c)
{
	if (!c)
		return;
	free(c->list);
	free(c->code);
	free(c->label);
	free(c->parent);
	free(c->national);
	memset(c, 0, sizeof *c);
}

void codes_free(struct code *codes, size_t n)
{
	if (!codes)
		return;
	for (size_t i = 0; i < n; i++)
		code_release(&codes[i]);
	free(codes);
}

int codes_get(struct db *db, const char *list, const char *code, struct code *out,
	      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CODE_GET, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, list);
	sql_bind_text(st, 2, code);
	rc = sql_step(db, st, e);
	if (rc != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND, "コード表 %s にコード「%s」はありません",
					model_nz(list), model_nz(code));
	read_code(st, out);
	sql_reset(st);
	return 0;
}

char *codes_label(struct db *db, const char *list, const char *code)
{
	struct code c;
	char *label;

	if (!code || !*code)
		return xstrdup("");
	if (codes_get(db, list, code, &c, NULL) != 0)
		return xstrdup(code);
	label = c.label;
	c.label = NULL;
	code_release(&c);
	return label;
}

char *codes_national(struct db *db, const char *list, const char *code, struct tsu_err *e)
{
	struct code c;
	char *r;

	if (codes_get(db, list, code, &c, e) != 0)
		return NULL;
	r = xstrdup(*c.national ? c.national : c.code);
	code_release(&c);
	return r;
}

bool codes_valid(struct db *db, const char *list, const char *code)
{
	struct code c;
	bool ok;

	if (!code || !*code || codes_get(db, list, code, &c, NULL) != 0)
		return false;
	ok = c.active;
	code_release(&c);
	return ok;
}

/* ---- loading ------------------------------------------------------------ */

struct row {
	char *f[4]; /* code, label, parent, national */
	int line;
};

static void rows_free(struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < 4; j++)
			free(rows[i].f[j]);
	free(rows);
}

static bool ascii_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CODE_MAX)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

static const struct row *find_row(const struct row *rows, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].f[0], code))
			return &rows[i];
	return NULL;
}

static int check_row(struct tsv *t, const struct row *rows, size_t n, struct tsu_err *e)
{
	if (t->n < 2 || t->n > 4)
		return tsv_fail(t, e, "列の数が %d です (コード<TAB>名称[<TAB>親[<TAB>国の分類]] の "
				      "2〜4 列)", t->n);
	if (!ascii_code(t->field[0]))
		return tsv_fail(t, e, "コード「%s」は半角英数字 (と _ . -) %d 文字以内にしてください",
				t->field[0], CODE_MAX);
	if (!*t->field[1])
		return tsv_fail(t, e, "コード %s の名称が空です", t->field[0]);
	if (find_row(rows, n, t->field[0]))
		return tsv_fail(t, e, "コード %s が重複しています (%d 行目にもあります)",
				t->field[0], find_row(rows, n, t->field[0])->line);
	return 0;
}

/* Parent and national codes must be codes of the same file. */
static int check_refs(struct tsv *t, const struct row *rows, size_t n, struct tsu_err *e)
{
	for (size_t i = 0; i < n; i++) {
		for (int j = 2; j < 4; j++) {
			const char *ref = rows[i].f[j];

			if (!*ref || find_row(rows, n, ref))
				continue;
			t->line = rows[i].line;
			return tsv_fail(t, e, "%s「%s」はこの表にありません",
					j == 2 ? "親コード" : "国の分類コード", ref);
		}
	}
	return 0;
}

static int read_rows(struct tsv *t, struct row **rows, size_t *n, struct tsu_err *e)
{
	int rc;

	while ((rc = tsv_next(t, e)) == 1) {
		if ((rc = check_row(t, *rows, *n, e)) != 0)
			return rc;
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		for (int j = 0; j < 4; j++)
			(*rows)[*n].f[j] = xstrdup(j < t->n ? t->field[j] : "");
		(*rows)[(*n)++].line = t->line;
	}
	if (rc == 0 && *n == 0)
		return tsv_fail(t, e, "コードが 1 件もありません");
	return rc < 0 ? rc : check_refs(t, *rows, *n, e);
}

static int store_rows(struct db *db, const char *list, const struct row *rows, size_t n,
		      struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_CODE_DEACTIVATE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, list);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!(st = sql_get(db, SQL_CODE_UPSERT, e)))
			return TSU_EDB;
		sql_bind_text(st, 1, list);
		for (int j = 0; j < 4; j++)
			sql_bind_text(st, 2 + j, rows[i].f[j]);
		sql_bind_int(st, 6, (int64_t)(i + 1) * 10);
		rc = sql_run(db, st, e);
	}
	return rc;
}

/* "data/codes/status.tsv" -> "status" */
static char *list_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".tsv"))
		n -= 4;
	return xstrndup(base, n);
}

int codes_load_file(struct db *db, const char *path, struct tsu_err *e)
{
	char *list = list_name(path);
	struct row *rows = NULL;
	size_t n = 0;
	struct sql_tx tx;
	struct tsv t;
	int rc;

	if (!*list || strspn(list, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(list)) {
		rc = err_set(e, TSU_EINVAL, "%s: コード表の名前 (ファイル名) は半角小文字と _ に"
					    "してください", path);
		free(list);
		return rc;
	}
	if ((rc = tsv_open(&t, path, e)) == 0) {
		rc = read_rows(&t, &rows, &n, e);
		tsv_close(&t);
	}
	if (rc == 0 && (rc = sql_tx_begin(db, &tx, e)) == 0) {
		rc = store_rows(db, list, rows, n, e);
		if (rc != 0)
			err_prefix(e, "%s", path);
		rc = sql_tx_end(db, &tx, rc, e);
	}
	rows_free(rows, n);
	free(list);
	return rc;
}

static int tsv_only(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".tsv");
}

static int load_code_dir(struct db *db, const char *dir, struct tsu_err *e)
{
	char *cdir = xasprintf("%s/codes", dir);
	struct dirent **ents = NULL;
	int n = scandir(cdir, &ents, tsv_only, alphasort), rc = 0;

	if (n < 0)
		rc = err_set(e, TSU_ENOTFOUND, "コード表のディレクトリ %s を読めません", cdir);
	else if (n == 0)
		rc = err_set(e, TSU_ENOTFOUND, "コード表のディレクトリ %s に .tsv がありません", cdir);
	for (int i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", cdir, ents[i]->d_name);

		if (rc == 0)
			rc = codes_load_file(db, p, e);
		free(p);
		free(ents[i]);
	}
	free(ents);
	free(cdir);
	return rc;
}

static int sync_all(struct db *db, const char *dir, struct tsu_err *e)
{
	char *q = xasprintf("%s/urgency.tsv", dir);
	char *r = xasprintf("%s/urgency_rule.tsv", dir);
	int rc = load_code_dir(db, dir, e);

	if (rc == 0)
		rc = urgency_load(db, q, r, e);
	if (rc == 0)
		rc = audit_append(db, NULL, "data.sync", NULL, 0, dir, e);
	free(q);
	free(r);
	return rc;
}

int db_sync_data(struct db *db, const char *data_dir, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if (!data_dir && !(data_dir = paths_data_dir(e)))
		return e ? e->code : TSU_ENOTFOUND;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = sync_all(db, data_dir, e);
	return sql_tx_end(db, &tx, rc, e);
}
