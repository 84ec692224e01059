/* ledger_import.c: the import of a legacy ledger (ledger.h): decoding with
 * every bad byte located, the header, and the orchestration: check every
 * row (ledger_rows.c), then match and plan (ledger_plan.c) and write
 * (ledger_write.c) in one write transaction, or nothing at all. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "model.h"
#include "tsunagu/csv.h"
#include "tsunagu/key.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define MAX_BAD_BYTES 1000

/* ---- decoding -------------------------------------------------------------------- */

struct text {
	const char *s; /* the UTF-8 text to read (may still hold invalid bytes,
			* which the CSV reader reports record by record) */
	size_t len;
	struct sbuf buf;
};

/* Offset of the first byte that is not UTF-8, or len. */
static size_t utf8_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		bool ok;
		size_t n = utf8_decode(s + i, len - i, &cp, &ok);

		if (!ok)
			return i;
		i += n;
	}
	return len;
}

static void bad_byte(struct csv_locator *loc, const char *raw, size_t off, struct lissues *err)
{
	struct csv_pos p;

	csv_locator_find(loc, off, &p);
	lissue_add(err, p.row, p.col, NULL,
		   "CP932 (Shift_JIS) として読めないバイト 0x%02X があります (先頭から %zu バイト目)",
		   (unsigned char)raw[off], off + 1);
}

/* CP932 to UTF-8, listing every byte that is not CP932 (up to a limit): a
 * bad byte is reported, replaced by '?' in a copy, and decoding resumes at
 * the start of its line (LF never occurs inside a CP932 character). */
static void cp932_lenient(const char *raw, size_t len, struct text *t, struct lissues *err)
{
	struct csv_locator *loc = csv_locator_new(raw, len);
	char *copy = NULL;
	const char *src = raw;
	size_t pos = 0, nbad = 0;

	for (;;) {
		size_t b = SIZE_MAX, ls;

		if (enc_cp932_to_utf8(src + pos, len - pos, &t->buf, &b, NULL) == 0 ||
		    b == SIZE_MAX)
			break;
		b += pos;
		bad_byte(loc, raw, b, err);
		for (ls = b; ls > pos && src[ls - 1] != '\n'; ls--)
			;
		if (ls > pos)
			enc_cp932_to_utf8(src + pos, ls - pos, &t->buf, NULL, NULL);
		if (++nbad >= MAX_BAD_BYTES) {
			lissue_add(err, 0, 0, NULL, "読めないバイトが多すぎるため、%zu バイト目より後は検査していません",
				   b + 1);
			break;
		}
		if (!copy) {
			copy = xmalloc(len);
			memcpy(copy, raw, len);
			src = copy;
		}
		copy[b] = '?';
		pos = ls;
	}
	free(copy);
	csv_locator_free(&loc);
	t->s = t->buf.buf ? t->buf.buf : "";
	t->len = t->buf.len;
}

static void as_utf8(const char *raw, size_t len, struct text *t, struct ledger_result *res)
{
	res->encoding = ENC_UTF8;
	if (len >= ENC_BOM_LEN && !memcmp(raw, ENC_BOM, ENC_BOM_LEN)) {
		res->encoding = ENC_UTF8_BOM;
		raw += ENC_BOM_LEN;
		len -= ENC_BOM_LEN;
	}
	t->s = raw;
	t->len = len;
}

/* Which reading of a file that is neither got further: UTF-8 (then the CSV
 * reader lists its bad bytes) or CP932. */
static bool mostly_utf8(const char *raw, size_t len)
{
	struct sbuf tmp = {0};
	size_t bad = len;
	size_t u = utf8_prefix(raw, len);

	if (len >= ENC_BOM_LEN && !memcmp(raw, ENC_BOM, ENC_BOM_LEN))
		return true;
	enc_cp932_to_utf8(raw, len, &tmp, &bad, NULL);
	sbuf_release(&tmp);
	return u >= bad;
}

static void decode(const char *raw, size_t len, enum ledger_encoding enc, struct text *t,
		   struct ledger_result *res, struct lissues *err)
{
	enum enc_kind kind;

	if (enc == LEDGER_ENC_AUTO) {
		if (enc_detect(raw, len, &kind, NULL, NULL) == 0)
			enc = kind == ENC_CP932 ? LEDGER_ENC_CP932 : LEDGER_ENC_UTF8;
		else
			enc = mostly_utf8(raw, len) ? LEDGER_ENC_UTF8 : LEDGER_ENC_CP932;
	}
	if (enc == LEDGER_ENC_UTF8) {
		as_utf8(raw, len, t, res);
		return;
	}
	res->encoding = ENC_CP932;
	cp932_lenient(raw, len, t, err);
}

/* ---- the import ------------------------------------------------------------------ */

struct import {
	struct db *db;
	const struct staff *actor;
	const struct ledger_import_opts *opt;
	struct ledger_result *res;
	struct lcodes codes;
	struct lrow *rows;
	size_t nrows;
	struct lissues err, warn;
};

static void wanted_keys(const struct lrow *rows, size_t n, struct lmap *wanted)
{
	lmap_init(wanted);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].key && lmap_first(wanted, rows[i].key) < 0)
			lmap_add(wanted, rows[i].key, 0);
		if (rows[i].gkey && lmap_first(wanted, rows[i].gkey) < 0)
			lmap_add(wanted, rows[i].gkey, 0);
	}
}

/* Match and plan inside the caller's transaction; write unless a dry run. */
static int plan_and_write(struct import *im, struct tsu_err *e)
{
	struct lplan plan;
	struct lmap wanted;
	struct lwrite_ctx w = {im->actor, im->opt->name, im->opt, im->res};
	int rc;

	memset(&plan, 0, sizeof plan);
	wanted_keys(im->rows, im->nrows, &wanted);
	rc = lplan_load(im->db, &plan, &wanted, e);
	lmap_release(&wanted);
	if (rc == 0)
		rc = lplan_rows(im->db, &plan, im->rows, im->nrows, im->res, &im->warn, e);
	if (rc == 0 && !im->opt->dry_run)
		rc = ledger_write(im->db, &plan, im->rows, im->nrows, &w, e);
	lplan_release(&plan);
	return rc;
}

static int run_tx(struct import *im, struct tsu_err *e)
{
	int rc;

	if (im->opt->dry_run) {
		if ((rc = db_begin_read(im->db, e)) != 0)
			return rc;
		rc = plan_and_write(im, e);
		db_rollback(im->db);
		return rc;
	}
	/* the plan is made under the write lock, so that nobody adds a person
	 * between matching and writing */
	if ((rc = db_begin_write(im->db, e)) != 0)
		return rc;
	rc = plan_and_write(im, e);
	if (rc == 0 && (rc = db_commit(im->db, e)) == 0)
		return 0;
	db_rollback(im->db);
	/* nothing was created: the counts must not say otherwise */
	im->res->persons_created = im->res->persons_matched = 0;
	im->res->guardians_created = im->res->guardians_matched = 0;
	im->res->households = im->res->intakes = im->res->cases = im->res->duplicates = 0;
	return rc;
}

static int ptr_cmp(const void *a, const void *b)
{
	const struct ledger_issue *x = *(const struct ledger_issue *const *)a;
	const struct ledger_issue *y = *(const struct ledger_issue *const *)b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Row, then column order (the checks run in their own order); a stable
 * sort, so that problems at one place keep the order they were found in. */
static void sort_issues(struct lissues *l)
{
	struct ledger_issue **p = xreallocarray(NULL, l->n ? l->n : 1, sizeof *p);
	struct ledger_issue *v = xreallocarray(NULL, l->n ? l->n : 1, sizeof *v);

	for (size_t i = 0; i < l->n; i++)
		p[i] = &l->v[i];
	qsort(p, l->n, sizeof *p, ptr_cmp);
	for (size_t i = 0; i < l->n; i++)
		v[i] = *p[i];
	free(p);
	free(l->v);
	l->v = v;
	l->cap = l->n ? l->n : 1;
}

static void finish(struct import *im)
{
	sort_issues(&im->err);
	sort_issues(&im->warn);
	im->res->errors = im->err.v;
	im->res->nerrors = im->err.n;
	im->res->warnings = im->warn.v;
	im->res->nwarnings = im->warn.n;
	ledger_rows_free(im->rows, im->nrows);
	lcodes_release(&im->codes);
}

static int check_file(struct import *im, const char *bytes, size_t len, struct tsu_err *e)
{
	struct text t = {0};
	struct csv_pos end;
	int rc;

	if ((rc = lcodes_load(im->db, &im->codes, e)) != 0)
		return rc;
	decode(bytes, len, im->opt->encoding, &t, im->res, &im->err);
	csv_locate(t.s, t.len, t.len, &end);
	rc = ledger_check_rows(t.s, t.len, end.row, &im->codes, im->opt, &im->rows, &im->nrows,
			       &im->err, &im->warn);
	sbuf_release(&t.buf);
	im->res->rows = im->nrows;
	return rc;
}

int ledger_import(struct db *db, const struct staff *actor, const char *bytes, size_t len,
		  const struct ledger_import_opts *opt, struct ledger_result *res,
		  struct tsu_err *e)
{
	static const struct ledger_import_opts defaults = {0};
	struct import im;
	int rc;

	memset(&im, 0, sizeof im);
	im.db = db;
	im.actor = actor;
	im.opt = opt ? opt : &defaults;
	im.res = res;
	memset(res, 0, sizeof *res);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "台帳の取り込み", e)) != 0)
		return rc;
	if (!date_eras_loaded() && (rc = date_load_default(e)) != 0)
		return rc;
	ledger_sha256_hex(bytes, len, res->sha256);
	rc = check_file(&im, bytes ? bytes : "", len, e);
	if (rc == 0 && im.err.n)
		rc = err_set(e, TSU_EINVAL, "台帳に %zu 件の誤りがあるため、何も取り込みませんでした",
			     im.err.n);
	if (rc == 0)
		rc = run_tx(&im, e);
	finish(&im);
	return rc;
}
