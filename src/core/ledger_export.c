/* ledger_export.c: CSV export of intakes, cases, notes and the annual
 * statistics (ledger.h): the rows are written as UTF-8 CSV first, then
 * given a BOM or converted to CP932 with every character CP932 cannot hold
 * located by row and column, so that nothing is written before the user
 * has seen them. Masking happens in the export queries (sql_ledger.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "ledger_priv.h"
#include "sql_ledger.h"
#include "tsunagu/csv.h"
#include "tsunagu/report.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

static const char *const intake_cols[] = {
	"受付番号", "受付日", "受付方法", "相談経路", "児童氏名", "児童ふりがな", "生年月日",
	"性別", "住所", "電話", "保護者氏名", "保護者ふりがな", "続柄", "相談種別", "虐待種別",
	"主たる虐待者", "主訴", "ケース番号", "登録区分", "主担当", "状態", "終結日", "終結理由"};
static const char *const case_cols[] = {
	"ケース番号", "年度", "開始日", "児童氏名", "児童ふりがな", "生年月日", "性別", "住所",
	"電話", "相談種別", "虐待種別", "登録区分", "状態", "主担当", "次回見直し", "終結日",
	"終結理由"};
static const char *const note_cols[] = {"ケース番号", "日時", "種類", "相手方",
					"内容", "情報源", "非公開", "記録者"};
static const char *const stats_cols[] = {"表", "行", "列", "件数"};

struct kind_def {
	const char *name;
	const char *const *cols;
	size_t ncols;
	int sql;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const struct kind_def kinds[] = {
	[LEDGER_EXPORT_INTAKES] = {"intakes", intake_cols, N(intake_cols), LEDGER_SQL_EXPORT_INTAKES},
	[LEDGER_EXPORT_CASES] = {"cases", case_cols, N(case_cols), LEDGER_SQL_EXPORT_CASES},
	[LEDGER_EXPORT_NOTES] = {"notes", note_cols, N(note_cols), LEDGER_SQL_EXPORT_NOTES},
	[LEDGER_EXPORT_STATS] = {"stats", stats_cols, N(stats_cols), -1},
};

int ledger_export_kind_parse(const char *s, enum ledger_export_kind *kind)
{
	for (size_t i = 0; i < N(kinds); i++)
		if (s && !strcmp(s, kinds[i].name)) {
			*kind = (enum ledger_export_kind)i;
			return 0;
		}
	return TSU_EINVAL;
}

void ledger_export_release(struct ledger_export *out)
{
	if (!out)
		return;
	free(out->bytes);
	lissues_free(out->issues, out->nissues);
	memset(out, 0, sizeof *out);
}

/* ---- the rows as UTF-8 CSV --------------------------------------------------------- */

static void bind_period(struct stmt *st, const struct ledger_export_opts *opt)
{
	char from[24], to[24];

	if (!opt->fy)
		return;
	if (opt->kind == LEDGER_EXPORT_CASES) {
		sql_bind_int(st, 1, opt->fy);
		return;
	}
	snprintf(from, sizeof from, "%04d-04-01", opt->fy);
	snprintf(to, sizeof to, "%04d-04-01", opt->fy + 1);
	sql_bind_text(st, 1, from);
	sql_bind_text(st, 2, to);
}

static int query_rows(struct db *db, const struct staff *actor,
		      const struct ledger_export_opts *opt, struct sbuf *csv, size_t *rows,
		      struct tsu_err *e)
{
	const struct kind_def *k = &kinds[opt->kind];
	struct stmt *st = sql_get_in(db, &sql_ledger_table, k->sql, e);
	struct csv_writer w;
	int rc;

	if (!st)
		return TSU_EDB;
	bind_period(st, opt);
	sql_bind_text(st, 3, LEDGER_MASK);
	if (opt->kind == LEDGER_EXPORT_NOTES) {
		sql_bind_int(st, 4, actor->id);
		sql_bind_int(st, 5, staff_can(actor, PERM_DECIDE));
	}
	csv_writer_init(&w, csv, CSV_W_QUOTE_ALL);
	for (size_t i = 0; i < k->ncols; i++)
		csv_writer_field(&w, k->cols[i], strlen(k->cols[i]));
	csv_writer_end_row(&w);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		for (size_t i = 0; i < k->ncols; i++) {
			const char *s = sql_text(st, (int)i);

			csv_writer_field(&w, s, strlen(s));
		}
		csv_writer_end_row(&w);
		(*rows)++;
	}
	return rc;
}

static int stats_rows(struct db *db, const struct staff *actor, int fy, struct sbuf *csv,
		      size_t *rows, struct tsu_err *e)
{
	struct report r;
	int rc = report_annual(db, actor, fy, &r, e);

	if (rc != 0)
		return rc;
	report_render_csv(&r, false, csv);
	report_release(&r);
	for (size_t i = 0; i + 1 < csv->len; i++)
		if (csv->buf[i] == '\r' && csv->buf[i + 1] == '\n')
			(*rows)++;
	if (*rows)
		(*rows)--; /* the header */
	return 0;
}

/* ---- encoding ---------------------------------------------------------------------- */

struct collect {
	struct enc_issue *v;
	size_t n;
};

static void collect(void *ctx, const struct enc_issue *is)
{
	struct collect *c = ctx;

	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = *is;
}

static void locate_issues(const struct sbuf *csv, const struct kind_def *k,
			  const struct collect *c, struct ledger_export *out)
{
	struct csv_locator *loc = csv_locator_new(csv->buf, csv->len);
	struct lissues l = {0};

	for (size_t i = 0; i < c->n; i++) {
		const struct enc_issue *is = &c->v[i];
		char *ch = xstrndup(csv->buf + is->offset, is->len);
		struct csv_pos p;

		csv_locator_find(loc, is->offset, &p);
		if (is->kind == ENC_ISSUE_LOST)
			lissue_add(&l, p.row, p.col, p.col <= k->ncols ? k->cols[p.col - 1] : "",
				   "「%s」(U+%04X) は CP932 で表せません", ch, (unsigned)is->cp);
		else
			lissue_add(&l, p.row, p.col, p.col <= k->ncols ? k->cols[p.col - 1] : "",
				   "異体字セレクタ (U+%04X) は CP932 にないため外します", (unsigned)is->cp);
		free(ch);
	}
	csv_locator_free(&loc);
	out->issues = l.v;
	out->nissues = l.n;
}

static int encode(struct sbuf *csv, const struct ledger_export_opts *opt,
		  struct ledger_export *out, struct tsu_err *e)
{
	struct collect c = {0};
	struct enc_stats stats = {0};
	struct sbuf b = {0};
	int rc;

	if (opt->encoding == LEDGER_OUT_UTF8_BOM) {
		sbuf_add(&b, ENC_BOM, ENC_BOM_LEN);
		sbuf_add(&b, csv->buf ? csv->buf : "", csv->len);
	} else {
		rc = enc_utf8_to_cp932(csv->buf ? csv->buf : "", csv->len, ENC_SUBSTITUTE, collect,
				       &c, &b, &stats, e);
		if (rc != 0) {
			free(c.v);
			return rc;
		}
		locate_issues(csv, &kinds[opt->kind], &c, out);
		out->lost = stats.lost;
		free(c.v);
		if (stats.lost && !opt->substitute) {
			sbuf_release(&b);
			return err_set(e, TSU_EENCODING,
				       "CP932 で表せない文字が %zu 個あるため、書き出しませんでした"
				       " (〓 で置き換えるなら確認してください)", stats.lost);
		}
	}
	out->len = b.len;
	out->bytes = b.buf ? sbuf_detach(&b) : xstrdup("");
	return 0;
}

/* ---- the export -------------------------------------------------------------------- */

static int audit(struct db *db, const struct staff *actor, const struct ledger_export_opts *opt,
		 const struct ledger_export *out, int rc, struct tsu_err *e)
{
	char *detail = xasprintf("kind=%s fy=%d encoding=%s rows=%zu lost=%zu%s",
				 kinds[opt->kind].name, opt->fy,
				 opt->encoding == LEDGER_OUT_CP932 ? "cp932" : "utf-8-bom", out->rows,
				 out->lost,
				 rc == TSU_EENCODING ? " refused" : out->lost ? " substituted" : "");
	int arc = model_audit(db, actor, "ledger.export", "export", 0, detail, e);

	free(detail);
	return arc;
}

static int check_opts(const struct staff *actor, const struct ledger_export_opts *opt,
		      struct tsu_err *e)
{
	int rc;

	if ((rc = model_perm(actor, PERM_EXPORT, "書き出し", e)) != 0)
		return rc;
	if ((unsigned)opt->kind >= N(kinds))
		return err_set(e, TSU_EINVAL, "書き出しの種類が正しくありません");
	if (opt->kind == LEDGER_EXPORT_STATS && !opt->fy)
		return err_set(e, TSU_EINVAL, "統計の書き出しには年度 (--fy) が必要です");
	if (opt->fy && (opt->fy < 1900 || opt->fy > 9998))
		return err_set(e, TSU_EINVAL, "年度 %d は 1900〜9998 にしてください", opt->fy);
	return 0;
}

int ledger_export(struct db *db, const struct staff *actor, const struct ledger_export_opts *opt,
		  struct ledger_export *out, struct tsu_err *e)
{
	struct sbuf csv = {0};
	struct sql_tx tx;
	int rc, arc;

	memset(out, 0, sizeof *out);
	if ((rc = check_opts(actor, opt, e)) != 0)
		return rc;
	/* report_annual runs (and audits) in its own transaction */
	if (opt->kind == LEDGER_EXPORT_STATS &&
	    (rc = stats_rows(db, actor, opt->fy, &csv, &out->rows, e)) != 0)
		return rc;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0) {
		sbuf_release(&csv);
		return rc;
	}
	if (opt->kind != LEDGER_EXPORT_STATS)
		rc = query_rows(db, actor, opt, &csv, &out->rows, e);
	if (rc == 0)
		rc = encode(&csv, opt, out, e);
	if (rc == 0 || rc == TSU_EENCODING) {
		struct tsu_err ae = {0};

		arc = audit(db, actor, opt, out, rc, &ae);
		if (arc != 0) {
			*e = ae;
			rc = arc;
		}
	}
	/* a refused export still commits its audit row */
	arc = sql_tx_end(db, &tx, rc == TSU_EENCODING ? 0 : rc, e);
	if (rc == 0)
		rc = arc;
	sbuf_release(&csv);
	if (rc != 0) {
		free(out->bytes);
		out->bytes = NULL;
		out->len = 0;
	}
	return rc;
}
