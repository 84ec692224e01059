/* cmd_ledger.c: tsunagu import ledger (legacy Excel ledgers saved as CSV)
 * and tsunagu export (CSV for Excel). Thin: read the file, call ledger.h,
 * print every problem with its row and column, write the output atomically
 * (a temporary file renamed into place, so a half-written file never
 * appears under the name). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tsunagu/fileio.h"
#include "tsunagu/ledger.h"
#include "tsunagu/util.h"

static void print_issues(const char *prefix, const struct ledger_issue *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *s = ledger_issue_format(&v[i]);

		fprintf(stderr, "tsunagu: %s%s\n", prefix, s);
		free(s);
	}
}

/* ---- import ------------------------------------------------------------------------ */

static void progress_bar(void *ctx, enum ledger_phase phase, size_t done, size_t total)
{
	int pct = total ? (int)(done * 100 / total) : 100, fill = pct / 5;
	char bar[21];

	(void)ctx;
	for (int i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%% %zu/%zu 行", phase == LEDGER_PHASE_CHECK ? "検査" : "書込",
		bar, pct, done, total);
	if (done >= total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void print_result(const struct ledger_result *r, bool dry_run)
{
	printf("%s (%s): %zu 行\n", dry_run ? "試行のみ・何も書き込んでいません" : "取り込みました",
	       enc_name(r->encoding), r->rows);
	printf("  児童: 新規 %zu 人、既存と照合 %zu 人\n", r->persons_created, r->persons_matched);
	printf("  保護者: 新規 %zu 人、既存と照合 %zu 人\n", r->guardians_created,
	       r->guardians_matched);
	printf("  世帯 %zu、受付 %zu 件、ケース %zu 件%s\n", r->households, r->intakes, r->cases,
	       dry_run ? " (作成予定)" : "");
	if (r->duplicates)
		printf("  既にある受付と同じため飛ばした行: %zu\n", r->duplicates);
	if (r->nwarnings)
		printf("  警告 %zu 件 (標準エラーに表示)\n", r->nwarnings);
}

static int parse_encoding(const char *s, enum ledger_encoding *enc)
{
	if (!strcmp(s, "auto"))
		*enc = LEDGER_ENC_AUTO;
	else if (!strcmp(s, "utf-8") || !strcmp(s, "utf8"))
		*enc = LEDGER_ENC_UTF8;
	else if (!strcmp(s, "cp932") || !strcmp(s, "shift_jis") || !strcmp(s, "sjis"))
		*enc = LEDGER_ENC_CP932;
	else
		return -1;
	return 0;
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ledger_import_opts opt = {0};
	struct ledger_result res;
	struct sbuf file = {0};
	const char *path = NULL;
	int rc;

	if (argc < 2 || strcmp(argv[1], "ledger") != 0)
		return cli_usage("import", "取り込む種類を指定してください (import ledger FILE)");
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run"))
			opt.dry_run = true;
		else if (!strcmp(argv[i], "--encoding") && i + 1 < argc) {
			if (parse_encoding(argv[++i], &opt.encoding) != 0)
				return cli_usage("import",
						 "--encoding は auto, utf-8, cp932 のいずれかです (指定: %s)",
						 argv[i]);
		} else if (argv[i][0] == '-' || path)
			return cli_usage("import", "不明な引数です: %s", argv[i]);
		else
			path = argv[i];
	}
	if (!path)
		return cli_usage("import", "取り込むファイルを指定してください");
	if (fileio_read_all(path, &file, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	if (cli_open_as_staff(ctx, 0) != 0) {
		sbuf_release(&file);
		return 1;
	}
	opt.name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (isatty(STDERR_FILENO))
		opt.progress = progress_bar;
	rc = ledger_import(ctx->db, &ctx->actor, file.buf, file.len, &opt, &res, &ctx->err);
	sbuf_release(&file);
	print_issues("警告: ", res.warnings, res.nwarnings);
	print_issues("", res.errors, res.nerrors);
	if (rc == 0)
		print_result(&res, opt.dry_run);
	ledger_result_release(&res);
	return rc == 0 ? 0 : cli_fail(ctx, NULL);
}

/* ---- export ------------------------------------------------------------------------ */

struct export_args {
	struct ledger_export_opts opt;
	const char *out;
};

static int parse_export(int argc, char **argv, struct export_args *a)
{
	if (argc < 2 || ledger_export_kind_parse(argv[1], &a->opt.kind) != 0)
		return cli_usage("export", "intakes, cases, notes, stats のいずれかを指定してください");
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;

		if (!strcmp(argv[i], "--substitute")) {
			a->opt.substitute = true;
		} else if (!strcmp(argv[i], "--fy") && v) {
			a->opt.fy = (int)strtol(v, &end, 10);
			if (*end || end == v)
				return cli_usage("export", "--fy には西暦の年度 (2024 など) を指定してください");
			i++;
		} else if (!strcmp(argv[i], "--encoding") && v) {
			if (!strcmp(v, "utf-8-bom") || !strcmp(v, "utf-8"))
				a->opt.encoding = LEDGER_OUT_UTF8_BOM;
			else if (!strcmp(v, "cp932") || !strcmp(v, "shift_jis") || !strcmp(v, "sjis"))
				a->opt.encoding = LEDGER_OUT_CP932;
			else
				return cli_usage("export", "--encoding は utf-8-bom か cp932 です (指定: %s)", v);
			i++;
		} else if (!strcmp(argv[i], "-o") && v) {
			a->out = argv[++i];
		} else {
			return cli_usage("export", "不明な引数です: %s", argv[i]);
		}
	}
	return 0;
}

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	struct export_args a = {0};
	struct ledger_export out;
	int rc;

	if ((rc = parse_export(argc, argv, &a)) != 0)
		return rc;
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	rc = ledger_export(ctx->db, &ctx->actor, &a.opt, &out, &ctx->err);
	print_issues(a.opt.substitute && rc == 0 ? "〓 に置き換えました: " : "", out.issues,
		     out.nissues);
	if (rc == TSU_EENCODING)
		fputs("tsunagu: --substitute を付けると、表せない文字を 〓 にして書き出します。\n",
		      stderr);
	if (rc == 0 && a.out)
		rc = fileio_write_atomic(a.out, out.bytes, out.len, &ctx->err);
	else if (rc == 0 && (fwrite(out.bytes, 1, out.len, stdout) != out.len || fflush(stdout)))
		rc = err_set(&ctx->err, TSU_EIO, "標準出力に書き込めません");
	if (rc == 0 && a.out)
		fprintf(stderr, "%zu 行を %s に書き出しました。\n", out.rows, a.out);
	ledger_export_release(&out);
	return rc == 0 ? 0 : cli_fail(ctx, NULL);
}
