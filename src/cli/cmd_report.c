/* cmd_report.c: tsunagu report daily | annual, and tsunagu today. Thin:
 * parse the arguments, call report.h, print the text or CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "tsunagu/date.h"
#include "tsunagu/report.h"
#include "tsunagu/util.h"

enum fmt { FMT_TEXT, FMT_CSV };

static int parse_format(const char *cmd, const char *s, enum fmt *out)
{
	if (strcmp(s, "text") == 0)
		*out = FMT_TEXT;
	else if (strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else
		return cli_usage(cmd, "--format は text か csv です (指定: %s)", s);
	return 0;
}

/* 2026, R8, 令和8, 令和8年度, 令和元年度, ２０２６ -> the Gregorian start year
 * of the 年度. An era year is read through the date module (its 4月1日, or
 * its 12月31日 for a first year that began after April). */
static int parse_fy(const char *s, int *fy, struct tsu_err *e)
{
	static const char *const suffix[] = {"年度", "年"};
	static const char *const day[] = {".4.1", ".12.31"};
	char *base = xstrdup(s);
	size_t n = strlen(base);
	int rc = TSU_EINVAL;

	for (size_t i = 0; i < 2; i++) {
		size_t k = strlen(suffix[i]);

		if (n > k && strcmp(base + n - k, suffix[i]) == 0) {
			base[n - k] = '\0';
			break;
		}
	}
	for (size_t i = 0; i < 2 && rc != 0; i++) {
		char *t = xasprintf("%s%s", base, day[i]);
		struct date d;

		if (date_parse(t, &d, NULL) == 0) {
			*fy = d.y;
			rc = 0;
		}
		free(t);
	}
	free(base);
	if (rc != 0)
		err_set(e, TSU_EINVAL, "年度「%s」を読めません (例: 2026, R8, 令和8, 令和8年度)", s);
	return rc;
}

static int print_report(struct report *r, enum fmt f)
{
	struct sbuf out = {0};

	if (f == FMT_CSV)
		report_render_csv(r, true, &out);
	else
		report_render_text(r, 80, &out);
	fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	sbuf_release(&out);
	report_release(r);
	return fflush(stdout) == 0 ? 0 : 1;
}

struct daily_args {
	const char *date, *staff;
	enum fmt fmt;
};

static int daily_args(int argc, char **argv, struct daily_args *a)
{
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];

		if (i + 1 >= argc)
			return cli_usage("report daily", "%s には値が要ります", o);
		if (strcmp(o, "--date") == 0)
			a->date = argv[++i];
		else if (strcmp(o, "--staff") == 0)
			a->staff = argv[++i];
		else if (strcmp(o, "--format") == 0) {
			if (parse_format("report daily", argv[++i], &a->fmt) != 0)
				return 2;
		} else
			return cli_usage("report daily", "不明な引数です: %s", o);
	}
	return 0;
}

static int report_daily_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct daily_args a = {0};
	struct date day = {0, 0, 0};
	struct staff who = {0};
	struct report r;
	int rc;

	if ((rc = daily_args(argc, argv, &a)) != 0)
		return rc;
	if (a.date && date_parse(a.date, &day, &ctx->err) != 0)
		return cli_usage("report daily", "--date %s: %s", a.date, ctx->err.msg);
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (a.staff && staff_by_login(ctx->db, a.staff, &who, &ctx->err) != 0) {
		staff_release(&who);
		return cli_fail(ctx, NULL);
	}
	rc = report_daily(ctx->db, &ctx->actor, day, who.id, &r, &ctx->err);
	staff_release(&who);
	return rc != 0 ? cli_fail(ctx, NULL) : print_report(&r, a.fmt);
}

static int report_annual_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	enum fmt f = FMT_TEXT;
	const char *year = NULL;
	struct report r;
	int fy;

	for (int i = 2; i < argc; i++) {
		if (i + 1 >= argc)
			return cli_usage("report annual", "%s には値が要ります", argv[i]);
		if (strcmp(argv[i], "--fy") == 0)
			year = argv[++i];
		else if (strcmp(argv[i], "--format") == 0) {
			if (parse_format("report annual", argv[++i], &f) != 0)
				return 2;
		} else
			return cli_usage("report annual", "不明な引数です: %s", argv[i]);
	}
	if (!year)
		return cli_usage("report annual", "--fy で年度を指定してください (例: --fy 2026, --fy R8)");
	if (parse_fy(year, &fy, &ctx->err) != 0)
		return cli_usage("report annual", "%s", ctx->err.msg);
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (report_annual(ctx->db, &ctx->actor, fy, &r, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	return print_report(&r, f);
}

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "daily") == 0)
		return report_daily_cmd(ctx, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "annual") == 0)
		return report_annual_cmd(ctx, argc, argv);
	return cli_usage("report", "report daily [--date 日付] [--staff LOGIN] または "
				   "report annual --fy 年度 [--format text|csv] の形で指定してください");
}

int cmd_today(struct cli_ctx *ctx, int argc, char **argv)
{
	struct report r;

	(void)argv;
	if (argc != 1)
		return cli_usage("today", "引数はいりません");
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (report_today(ctx->db, &ctx->actor, time(NULL), &r, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	if (r.nsections == 0) { /* nothing due: print nothing, as calcurse -a */
		report_release(&r);
		return 0;
	}
	return print_report(&r, FMT_TEXT);
}
