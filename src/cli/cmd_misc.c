/* cmd_misc.c: tsunagu staff, date and keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tsunagu/date.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"
#include "ui/ui.h"

static int staff_print_list(struct cli_ctx *ctx)
{
	struct staff *rows = NULL;
	size_t n = 0;

	if (cli_open(ctx, 0) != 0)
		return 1;
	if (staff_list(ctx->db, true, &rows, &n, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	for (size_t i = 0; i < n; i++) {
		char *name = text_pad(rows[i].name, 16, -1);
		char *login = text_pad(rows[i].login, 12, -1);

		printf("%s %s %s%s\n", name, login, staff_role_label(rows[i].role),
		       rows[i].active ? "" : " (無効)");
		free(name);
		free(login);
	}
	staff_list_free(rows, n);
	return 0;
}

int cmd_staff(struct cli_ctx *ctx, int argc, char **argv)
{
	enum staff_role role;
	int64_t id = 0;

	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return staff_print_list(ctx);

	if (argc == 5 && strcmp(argv[1], "add") == 0) {
		role = staff_role_parse(argv[4]);
		if (!role)
			return cli_usage("staff add", "役割 %s は不明です (例: support, nurse, 子ども家庭支援員)",
					 argv[4]);
		if (cli_open_as_staff(ctx, 0) != 0)
			return 1;
		if (staff_add(ctx->db, &ctx->actor, argv[2], argv[3], role, &id, &ctx->err) != 0)
			return cli_fail(ctx, NULL);
		printf("職員 %s (%s, %s) を登録しました。\n", argv[3], argv[2], staff_role_label(role));
		return 0;
	}
	return cli_usage("staff", "staff list または staff add LOGIN 氏名 役割 の形で指定してください");
}

int cmd_date(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = 0;

	if (argc < 2)
		return cli_usage("date", "日付を指定してください (例: R6.4.1, 令和6年4月1日, 2024-04-01)");
	for (int i = 1; i < argc; i++) {
		struct date d;
		char iso[16], wa[64], sh[32], fy[32];

		if (date_parse(argv[i], &d, &ctx->err) != 0) {
			fprintf(stderr, "tsunagu date: %s: %s\n", argv[i], ctx->err.msg);
			rc = 1;
			continue;
		}
		printf("%s\t%s\t%s\t%s\n", date_format_iso(d, iso, sizeof iso),
		       date_format_wareki_wday(d, wa, sizeof wa), date_format_short(d, sh, sizeof sh),
		       date_format_fiscal_year(date_fiscal_year(d), fy, sizeof fy));
	}
	return rc;
}

int cmd_keys(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--man") == 0 &&
	    (strcmp(argv[2], "en") == 0 || strcmp(argv[2], "ja") == 0)) {
		ui_print_keys(stdout, argv[2], true);
		return 0;
	}
	if (argc != 1)
		return cli_usage("keys", "--man en または --man ja を指定できます");
	ui_print_keys(stdout, "ja", false);
	return 0;
}
