/* cli.c: global options, the subcommand table and --help. The help text and
 * the man page's subcommand list come from the one table below. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsu_config.h"
#include "tsunagu/date.h"
#include "tsunagu/key.h"
#include "tsunagu/paths.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"
#include "ui/ui.h"

struct subcommand {
	const char *name;
	const char *synopsis;
	const char *help; /* Japanese, one line */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

static const struct subcommand subcommands[] = {
	{"init", "[--name 氏名] [--role 役割]",
	 "データベースを作成・更新し、最初の職員として自分を登録する", cmd_init},
	{"check", "[--full]", "データベースの整合性を検査する", cmd_check},
	{"backup", "FILE", "使用中でも安全にデータベースを FILE に複製し、複製を検査する", cmd_backup},
	{"staff", "list | add LOGIN 氏名 役割", "職員の一覧と登録", cmd_staff},
	{"date", "日付...", "日付を解釈して西暦・和暦・年度を表示する", cmd_date},
	{"keys", "[--man en|ja]", "画面のキー一覧を表示する", cmd_keys},
	{"import", "ledger FILE [--encoding auto|utf-8|cp932] [--dry-run]",
	 "Excel の受付台帳・進行管理台帳 (CSV) を取り込む。誤りが一つでもあれば何も書き込まない",
	 cmd_import},
	{"export", "intakes|cases|notes|stats [--fy 年度] [--encoding utf-8-bom|cp932] [-o FILE]"
	 " [--substitute]",
	 "CSV に書き出す (既定は BOM 付き UTF-8。cp932 で表せない文字は --substitute で 〓 にする)",
	 cmd_export},
	{"gen", "--persons N [オプション]",
	 "架空の世帯・人物・受付・ケース・経過記録を作る (デモ・負荷試験用、人物のいない DB のみ。"
	 "--seed S --date 日付 --years N --caseload ‰)", cmd_gen},
	{"search", "QUERY... [--limit N]",
	 "氏名・ふりがな・生年月日・電話番号で既知の人物を探す (--rebuild: 検索キーを再構築)",
	 cmd_search},
	{"case", "show|assess|tag ケース番号 ...",
	 "ケースファイルと経過の表示、緊急度アセスメントの記録、タグの付け外し", cmd_case},
	{"intake", "accept|decline 受付番号 ...", "受理会議の決定 (受理・不受理) を記録する",
	 cmd_intake},
	{"report", "daily|annual [オプション]",
	 "業務日誌 (daily [--date 日付] [--staff LOGIN] [--format text|csv]) と"
	 "年度統計 (annual --fy 年度 [--format text|csv]) を表示する", cmd_report},
	{"today", "", "自分の期限の近い予定 (安全確認・見直し・支援措置・記録の途絶) を表示する",
	 cmd_today},
	{"cases", "[--mine] [--registration R] [--overdue] [--stale [N]] [--tag T] [--search Q]"
	 " [--sort kana|review|last|no] [--all] [--today 日付]",
	 "進行管理台帳 (継続中のケースの一覧: 最終接触・次回見直し・記録からの日数) を表示する",
	 cmd_cases},
	{"note", "add ケース番号 --kind 種類 [--template KEY] [--source 情報源] [--restricted]"
	 " [--seen] [--at 日時] [--counterpart 相手方] 内容... | copy ケース番号",
	 "経過記録を追加する (copy: 第三者・関係機関の情報と非公開記録を除いた開示用の写しを表示する)", cmd_note},
	{"meeting", "minutes 会議番号", "会議録 (出席者・検討ケースごとの決定) をテキストで出力する",
	 cmd_meeting},
};

/* "  name synopsis" on one line, the help wrapped and indented below it. */
static void print_subcommand(FILE *out, const struct subcommand *c)
{
	char **lines = NULL;
	size_t n = text_wrap(c->help, 70, &lines);

	fprintf(out, "  %s %s\n", c->name, c->synopsis);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "      %s\n", lines[i]);
	text_lines_free(lines, n);
}

static void print_help(FILE *out)
{
	fputs("使い方: tsunagu [オプション] [サブコマンド [引数...]]\n"
	      "\n"
	      "サブコマンドなしで起動すると、全画面の業務画面を開きます。\n"
	      "\n"
	      "オプション:\n"
	      "  --db PATH              使うデータベース (既定: $TSUNAGU_DB、なければ\n"
	      "                         $XDG_DATA_HOME/tsunagu/tsunagu.db)\n"
	      "  --demo                 使い捨てのデモ用データベースで業務画面を開く\n"
	      "  --no-color             色を使わない (NO_COLOR 環境変数でも同じ)\n"
	      "  --ambiguous=MODE       曖昧幅文字 (①○※ など) の幅: auto, narrow, wide\n"
	      "  -h, --help             この説明を表示する\n"
	      "  -V, --version          版を表示する\n"
	      "\n"
	      "サブコマンド:\n",
	      out);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		print_subcommand(out, &subcommands[i]);
	fputs("\n詳しくは man tsunagu を参照してください。\n", out);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tsunagu %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(tsunagu --help で使い方を表示します)\n", stderr);
	return 2;
}

int cli_fail(struct cli_ctx *ctx, const char *msg)
{
	fprintf(stderr, "tsunagu: %s\n", msg ? msg : ctx->err.msg[0] ? ctx->err.msg : err_name(ctx->err.code));
	return 1;
}

int cli_open(struct cli_ctx *ctx, unsigned flags)
{
	if (ctx->db)
		return 0;
	if (db_open(ctx->db_path, flags, &ctx->db, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	return 0;
}

int cli_open_as_staff(struct cli_ctx *ctx, unsigned flags)
{
	if (cli_open(ctx, flags) != 0)
		return 1;
	if (ctx->have_actor)
		return 0;
	if (staff_by_login(ctx->db, staff_current_login(), &ctx->actor, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	ctx->have_actor = true;
	return 0;
}

/* Load what every command needs: a UTF-8 LC_CTYPE, eras and name variants. */
static int core_init(struct tsu_err *e)
{
	if (text_init() != 0)
		return err_set(e, TSU_EINVAL, "UTF-8 のロケール (C.UTF-8) を設定できません");
	if (date_load_default(e) != 0 || key_load_default(e) != 0)
		return e->code ? e->code : TSU_EIO;
	return 0;
}

static const struct subcommand *find_subcommand(const char *name)
{
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(subcommands[i].name, name) == 0)
			return &subcommands[i];
	return NULL;
}

struct global_opts {
	const char *db;
	struct ui_options ui;
	int first_arg;
};

/* Global options come before the subcommand. Returns -1 to continue, or an
 * exit status. */
static int parse_global(int argc, char **argv, struct global_opts *g)
{
	int i;

	g->ui.ambiguous = UI_AMBIGUOUS_AUTO;
	g->ui.no_color = getenv("NO_COLOR") != NULL;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_help(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("tsunagu %s\n", TSU_VERSION);
			return 0;
		} else if (strcmp(a, "--db") == 0) {
			if (++i >= argc)
				return cli_usage("--db", "データベースのパスを指定してください");
			g->db = argv[i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			g->db = a + 5;
		} else if (strcmp(a, "--demo") == 0) {
			g->ui.demo = true;
		} else if (strcmp(a, "--no-color") == 0) {
			g->ui.no_color = true;
		} else if (strncmp(a, "--ambiguous=", 12) == 0) {
			const char *m = a + 12;
			if (strcmp(m, "auto") == 0)
				g->ui.ambiguous = UI_AMBIGUOUS_AUTO;
			else if (strcmp(m, "narrow") == 0)
				g->ui.ambiguous = UI_AMBIGUOUS_NARROW;
			else if (strcmp(m, "wide") == 0)
				g->ui.ambiguous = UI_AMBIGUOUS_WIDE;
			else
				return cli_usage("--ambiguous", "auto, narrow, wide のいずれかを指定してください (指定: %s)", m);
		} else {
			return cli_usage(a, "不明なオプションです");
		}
	}
	g->first_arg = i;
	return -1;
}

int cli_main(int argc, char **argv)
{
	struct global_opts g = {0};
	struct cli_ctx ctx = {0};
	const struct subcommand *sub;
	int rc;

	text_init(); /* before --help: its layout measures Japanese text */
	rc = parse_global(argc, argv, &g);
	if (rc >= 0)
		return rc;
	if (core_init(&ctx.err) != 0)
		return cli_fail(&ctx, NULL);
	if (g.ui.demo) /* never looks at --db, $TSUNAGU_DB or the default */
		return g.first_arg < argc ? cli_usage("--demo", "サブコマンドとは併用できません")
					  : cmd_demo(&g.ui);
	if (g.first_arg >= argc) {
		g.ui.db_path = ctx.db_path = paths_db(g.db);
		rc = ui_run(&g.ui);
		free(ctx.db_path);
		return rc;
	}
	sub = find_subcommand(argv[g.first_arg]);
	if (!sub) {
		if (strcmp(argv[g.first_arg], "help") == 0) {
			sub = g.first_arg + 1 < argc ? find_subcommand(argv[g.first_arg + 1]) : NULL;
			if (sub) {
				fputs("使い方: tsunagu [オプション] サブコマンド [引数...]\n", stdout);
				print_subcommand(stdout, sub);
			} else {
				print_help(stdout);
			}
			return 0;
		}
		return cli_usage(argv[g.first_arg], "不明なサブコマンドです");
	}
	if (g.first_arg + 1 < argc && (strcmp(argv[g.first_arg + 1], "--help") == 0 ||
					strcmp(argv[g.first_arg + 1], "-h") == 0)) {
		fputs("使い方: tsunagu [オプション] サブコマンド [引数...]\n", stdout);
		print_subcommand(stdout, sub);
		return 0;
	}
	ctx.db_path = paths_db(g.db);
	rc = sub->run(&ctx, argc - g.first_arg, argv + g.first_arg);
	if (ctx.have_actor)
		staff_release(&ctx.actor);
	db_close(&ctx.db);
	free(ctx.db_path);
	return rc;
}
