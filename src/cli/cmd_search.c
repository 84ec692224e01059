/* cmd_search.c: `tsunagu search`: the known-person lookup of the intake pane
 * from the command line (same core call, same folding, same order), the
 * key rebuild, and two modes for scripts/bench-search: --batch (queries on
 * stdin, timed one by one as the pane runs them) and --sql (the same lookup
 * as a sqlite3-shell script). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "tsunagu/search.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

enum { COL_NAME, COL_KANA, COL_BIRTH, COL_AGE, COL_CASE, COL_LEAD, COL_LAST, COL_PAST,
       COL_HOUSEHOLD, NCOL };

static const char *const headers[NCOL] = {"氏名", "ふりがな", "生年月日", "年齢", "ケース",
					  "担当", "最終記録", "相談歴", "世帯"};

static char *date_short(struct date d)
{
	char buf[32];

	return xstrdup(d.y ? date_format_short(d, buf, sizeof buf) : "");
}

static char *cell_case(const struct search_hit *h)
{
	struct sbuf sb = {0};

	if (!h->case_id)
		return xstrdup("");
	sbuf_adds(&sb, h->case_no);
	if (*h->registration)
		sbuf_addf(&sb, " %s", h->registration);
	if (*h->status)
		sbuf_addf(&sb, " %s", h->status);
	return sbuf_detach(&sb);
}

static char *cell_past(const struct search_hit *h)
{
	struct sbuf sb = {0};

	if (!h->intakes && !h->cases)
		return xstrdup("相談歴なし");
	sbuf_addf(&sb, "受付%d ケース%d", h->intakes, h->cases);
	if (h->years_since_closed == 0)
		sbuf_adds(&sb, " (1年以内に終結)");
	else if (h->years_since_closed > 0)
		sbuf_addf(&sb, " (%d年前に相談歴あり)", h->years_since_closed);
	return sbuf_detach(&sb);
}

static void fill_row(const struct search_hit *h, char *row[NCOL])
{
	char *d = date_short(h->last_contact);

	row[COL_NAME] = xstrdup(h->name);
	row[COL_KANA] = xstrdup(h->kana);
	row[COL_BIRTH] = date_short(h->birth);
	row[COL_AGE] = h->age >= 0 ? xasprintf("%d", h->age) : xstrdup("");
	row[COL_CASE] = cell_case(h);
	row[COL_LEAD] = xstrdup(h->lead);
	row[COL_LAST] = *d ? xasprintf("%s %s", d, h->last_contact_kind) : xstrdup("");
	row[COL_PAST] = cell_past(h);
	row[COL_HOUSEHOLD] = xstrdup(h->members);
	free(d);
}

static void print_row(char *const row[NCOL], const int width[NCOL])
{
	for (int c = 0; c < NCOL; c++) {
		char *cell = c == NCOL - 1 ? text_display(row[c]) : text_pad(row[c], width[c], -1);

		fputs(cell, stdout);
		fputs(c == NCOL - 1 ? "\n" : "  ", stdout);
		free(cell);
	}
}

/* The hits as a table aligned by display width, Japanese headers. */
static void print_table(const struct search_result *r)
{
	char *(*rows)[NCOL] = xcalloc(r->n, sizeof *rows);
	int width[NCOL];

	for (int c = 0; c < NCOL; c++)
		width[c] = text_width(headers[c]);
	for (size_t i = 0; i < r->n; i++) {
		fill_row(&r->hits[i], rows[i]);
		for (int c = 0; c < NCOL; c++) {
			int w = text_width(rows[i][c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	print_row((char *const *)headers, width);
	for (size_t i = 0; i < r->n; i++) {
		print_row(rows[i], width);
		for (int c = 0; c < NCOL; c++)
			free(rows[i][c]);
	}
	free(rows);
}

static double now_us(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* One lookup per line of stdin as the pane runs them (one session, one
 * audit row); prints wall and CPU microseconds, hits, route, query. */
static int run_batch(struct cli_ctx *ctx, int limit)
{
	struct search_session sess;
	struct search_result r = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	search_session_begin(&sess);
	while (rc == 0 && (len = getline(&line, &cap, stdin)) >= 0) {
		double w0, c0;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		w0 = now_us(CLOCK_MONOTONIC);
		c0 = now_us(CLOCK_PROCESS_CPUTIME_ID);
		rc = search_persons(ctx->db, &ctx->actor, line, limit, &sess, &r, &ctx->err);
		if (rc == 0)
			printf("%.1f\t%.1f\t%zu\t%d\t%s\n", now_us(CLOCK_MONOTONIC) - w0,
			       now_us(CLOCK_PROCESS_CPUTIME_ID) - c0, r.n, (int)r.route, line);
	}
	free(line);
	search_result_release(&r);
	if (search_session_end(ctx->db, &ctx->actor, &sess, 0, rc ? NULL : &ctx->err) != 0 &&
	    rc == 0)
		rc = -1;
	return rc ? cli_fail(ctx, NULL) : 0;
}

static int run_rebuild(struct cli_ctx *ctx)
{
	int64_t changed, total;

	if (search_rebuild(ctx->db, &ctx->actor, &changed, &total, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	printf("検索キーを再構築しました: %lld 人分 (変更 %lld 件)\n", (long long)total,
	       (long long)changed);
	return 0;
}

static int run_query(struct cli_ctx *ctx, const char *query, int limit)
{
	struct search_result r = {0};

	if (search_persons(ctx->db, &ctx->actor, query, limit, NULL, &r, &ctx->err) != 0) {
		search_result_release(&r);
		return cli_fail(ctx, NULL);
	}
	if (r.n == 0)
		puts("該当なし");
	else
		print_table(&r);
	search_result_release(&r);
	return 0;
}

struct search_args {
	int limit;
	bool batch, sql, rebuild;
	struct sbuf query; /* the words joined by one space */
};

static int parse_args(int argc, char **argv, struct search_args *a)
{
	bool words = false; /* after "--": everything is a query word */

	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		char *end;

		if (!words && strcmp(s, "--") == 0) {
			words = true;
		} else if (words || s[0] != '-' || s[1] != '-') {
			if (a->query.len)
				sbuf_addc(&a->query, ' ');
			sbuf_adds(&a->query, s);
		} else if (strcmp(s, "--limit") == 0) {
			if (++i >= argc)
				return cli_usage("search", "--limit には件数を指定してください");
			a->limit = (int)strtol(argv[i], &end, 10);
			if (*end || a->limit < 1 || a->limit > SEARCH_MAX_LIMIT)
				return cli_usage("search", "--limit は 1〜%d で指定してください (指定: %s)",
						 SEARCH_MAX_LIMIT, argv[i]);
		} else if (strcmp(s, "--batch") == 0) {
			a->batch = true;
		} else if (strcmp(s, "--sql") == 0) {
			a->sql = true;
		} else if (strcmp(s, "--rebuild") == 0) {
			a->rebuild = true;
		} else {
			return cli_usage("search", "不明なオプションです: %s", s);
		}
	}
	if ((a->batch || a->rebuild) && a->query.len)
		return cli_usage("search", "--batch と --rebuild は検索語をとりません");
	if (!a->batch && !a->rebuild && !a->query.len)
		return cli_usage("search", "検索する氏名・ふりがな・生年月日・電話番号を指定してください");
	return -1;
}

int cmd_search(struct cli_ctx *ctx, int argc, char **argv)
{
	struct search_args a = {0};
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0) {
		sbuf_release(&a.query);
		return rc;
	}
	if (a.sql) {
		struct sbuf out = {0};

		if (search_explain(a.query.buf, a.limit, &out) != SEARCH_ROUTE_NONE)
			fputs(out.buf, stdout);
		sbuf_release(&out);
		rc = 0;
	} else if (cli_open_as_staff(ctx, 0) != 0) {
		rc = 1;
	} else if (a.rebuild) {
		rc = run_rebuild(ctx);
	} else if (a.batch) {
		rc = run_batch(ctx, a.limit);
	} else {
		rc = run_query(ctx, a.query.buf, a.limit);
	}
	sbuf_release(&a.query);
	return rc;
}
