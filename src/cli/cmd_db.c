/* cmd_db.c: tsunagu init, check and backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tsunagu/util.h"

/* Register the current login as the first staff member of a new database. */
static int bootstrap_staff(struct cli_ctx *ctx, const char *name, enum staff_role role)
{
	const char *login = staff_current_login();
	struct staff me = {0};
	int64_t id = 0;

	if (staff_by_login(ctx->db, login, &me, &ctx->err) == 0) {
		printf("職員 %s (%s, %s) は登録済みです。\n", me.name, me.login,
		       staff_role_label(me.role));
		staff_release(&me);
		return 0;
	}
	if (staff_add(ctx->db, NULL, login, name ? name : login, role, &id, &ctx->err) != 0) {
		if (ctx->err.code == TSU_EPERM)
			fprintf(stderr, "tsunagu: ログイン名 %s は職員として登録されていません。"
				"管理者に tsunagu staff add %s 氏名 役割 を依頼してください。\n",
				login, login);
		else
			cli_fail(ctx, NULL);
		return 1;
	}
	printf("最初の職員として %s (%s, %s) を登録しました。\n", name ? name : login, login,
	       staff_role_label(role));
	return 0;
}

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL;
	enum staff_role role = ROLE_COORDINATOR;
	int existed = access(ctx->db_path, F_OK) == 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			name = argv[++i];
		} else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
			role = staff_role_parse(argv[++i]);
			if (!role)
				return cli_usage("init", "役割 %s は不明です", argv[i]);
		} else {
			return cli_usage("init", "不明な引数です: %s", argv[i]);
		}
	}
	if (cli_open(ctx, DB_CREATE) != 0)
		return 1;
	/* a new file was loaded by db_open; an existing one gets data/ again */
	if (existed && db_sync_data(ctx->db, NULL, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	printf("%s: データベース %s (スキーマ版 %d)\n", existed ? "更新" : "作成", ctx->db_path,
	       db_schema_version(ctx->db));
	return bootstrap_staff(ctx, name, role);
}

int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	bool full = false;
	struct sbuf report = {0};
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--full") == 0)
			full = true;
		else
			return cli_usage("check", "不明な引数です: %s", argv[i]);
	}
	if (cli_open(ctx, DB_READONLY) != 0)
		return 1;
	rc = db_check(ctx->db, full, &report, &ctx->err);
	if (report.len)
		fputs(report.buf, stdout);
	sbuf_release(&report);
	if (rc != 0)
		return cli_fail(ctx, NULL);
	printf("問題は見つかりませんでした (%s)。\n", full ? "integrity_check" : "quick_check");
	return 0;
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage("backup", "複製先のファイルを一つ指定してください");
	if (cli_open(ctx, 0) != 0)
		return 1;
	if (db_backup(ctx->db, argv[1], &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	printf("%s に複製し、複製を検査しました。\n", argv[1]);
	return 0;
}
