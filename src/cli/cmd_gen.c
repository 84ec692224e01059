/* cmd_gen.c: tsunagu gen, which fills a database with synthetic families and
 * their caseload (gen_fill in the core) for demos and load tests. It never
 * adds to a database that already holds persons unless told so with a flag
 * nobody types by accident. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tsunagu/gen.h"
#include "tsunagu/util.h"

#define ADD_FLAG "--既存データに合成データを追加する"

struct gen_args {
	struct gen_opts o;
	bool have_persons, have_date;
};

/* Thousands separators for the summary: 1000000 -> "1,000,000". */
static const char *grouped(long v, char *buf, size_t n)
{
	char raw[32];
	size_t len, j = 0;

	snprintf(raw, sizeof raw, "%ld", v);
	len = strlen(raw);
	for (size_t i = 0; i < len && j + 2 < n; i++) {
		if (i > 0 && raw[i - 1] != '-' && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = raw[i];
	}
	buf[j] = '\0';
	return buf;
}

static int parse_long(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return cli_usage("gen", "%s には %ld〜%ld の整数を指定してください (指定: %s)", opt,
		                 lo, hi, s);
	*out = v;
	return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		return cli_usage("gen", "--seed には 0 以上の整数を指定してください (指定: %s)", s);
	*out = (uint64_t)v;
	return 0;
}

static int parse_one(struct cli_ctx *ctx, struct gen_args *a, const char *opt, const char *val)
{
	long v = 0;
	int rc = 0;

	if (strcmp(opt, "--persons") == 0) {
		rc = parse_long(opt, val, 1, GEN_PERSONS_MAX, &a->o.persons);
		a->have_persons = true;
	} else if (strcmp(opt, "--seed") == 0) {
		rc = parse_seed(val, &a->o.seed);
	} else if (strcmp(opt, "--date") == 0) {
		if (date_parse(val, &a->o.ref, &ctx->err) != 0)
			return cli_usage("gen", "--date %s: %s", val, ctx->err.msg);
		a->have_date = true;
	} else if (strcmp(opt, "--years") == 0) {
		if ((rc = parse_long(opt, val, 1, 30, &v)) == 0)
			a->o.years = (int)v;
	} else if (strcmp(opt, "--caseload") == 0) {
		if ((rc = parse_long(opt, val, 1, 1000, &v)) == 0)
			a->o.caseload_permille = (int)v;
	} else {
		return cli_usage("gen", "不明な引数です: %s", opt);
	}
	return rc;
}

static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct gen_args *a)
{
	int rc;

	memset(a, 0, sizeof *a);
	a->o.seed = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], ADD_FLAG) == 0) {
			a->o.add_to_existing = true;
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage("gen", "%s の値を指定してください", argv[i]);
		if ((rc = parse_one(ctx, a, argv[i], argv[i + 1])) != 0)
			return rc;
		i++;
	}
	if (!a->have_persons)
		return cli_usage("gen", "作成する人数を --persons N で指定してください");
	return 0;
}

/* Today's minute as "now" when no date was given, so that today's intakes
 * are in the past; an explicit date is a whole day with nothing on it yet. */
static int now_minute(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_hour * 60 + tm.tm_min;
}

static void progress(void *arg, const char *phase, long done, long total)
{
	char a[32], b[32];

	(void)arg;
	fprintf(stderr, "\r\033[K%s: %s / %s", phase, grouped(done, a, sizeof a),
	        grouped(total, b, sizeof b));
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void summary(const struct gen_args *a, const struct gen_stats *s, const char *path)
{
	char day[16], n[8][32];

	printf("合成データを作成しました: %s\n", path);
	printf("  種 %llu、基準日 %s、履歴 %d 年度\n", (unsigned long long)a->o.seed,
	       date_format_iso(a->o.ref.y ? a->o.ref : date_today(), day, sizeof day),
	       a->o.years ? a->o.years : GEN_DEFAULT_YEARS);
	printf("  世帯 %s、人物 %s、続柄 %s\n", grouped(s->households, n[0], 32),
	       grouped(s->persons, n[1], 32), grouped(s->relations, n[2], 32));
	printf("  受付 %s (うち通告 %s)、ケース %s (継続中 %s)、経過記録 %s、安全確認 %s\n",
	       grouped(s->intakes, n[3], 32), grouped(s->reports, n[4], 32),
	       grouped(s->cases, n[5], 32), grouped(s->open_cases, n[6], 32),
	       grouped(s->notes, n[7], 32), grouped(s->safety_checks, n[0], 32));
	if (s->staff_added)
		printf("  職員 %ld 人を追加 (ログイン gen01 から)\n", s->staff_added);
	printf("  所要時間 %.1f 秒\n", s->seconds);
}

static int refuse(struct cli_ctx *ctx, int64_t persons)
{
	char n[32];

	fprintf(stderr,
	        "tsunagu gen: データベース %s にはすでに人物が %s 人登録されています。\n"
	        "合成データ (架空の世帯・人物・ケース) "
	        "は、人物のいない新しいデータベースにだけ作ります。\n"
	        "本番のデータベースでないことを確かめたうえで追加する場合に限り、" ADD_FLAG
	        " を指定してください。\n",
	        ctx->db_path, grouped((long)persons, n, sizeof n));
	return 1;
}

int cmd_gen(struct cli_ctx *ctx, int argc, char **argv)
{
	struct gen_args a;
	struct gen_stats s;
	int64_t persons = 0;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, &a)) != 0)
		return rc;
	if (!a.have_date)
		a.o.now_minute = now_minute();
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (gen_count_persons(ctx->db, &persons, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	if (persons > 0 && !a.o.add_to_existing)
		return refuse(ctx, persons);
	if (gen_fill(ctx->db, &ctx->actor, &a.o, isatty(STDERR_FILENO) ? progress : NULL, NULL, &s,
	             &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	summary(&a, &s, ctx->db_path);
	return 0;
}
