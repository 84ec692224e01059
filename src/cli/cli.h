/* cli.h: subcommand dispatch shared by main.c and the subcommand modules.
 * Subcommands are thin: they parse arguments, call the core and print; every
 * rule lives in the core. Messages for the user go to stderr in Japanese. */
#ifndef TSU_CLI_H
#define TSU_CLI_H

#include <stdbool.h>

#include "tsunagu/db.h"
#include "tsunagu/err.h"
#include "tsunagu/staff.h"

/* Parse global options, run a subcommand or open the workstation. Returns the
 * process exit status: 0 success, 1 a failure reported on stderr, 2 usage. */
int cli_main(int argc, char **argv);

/* State shared by the subcommands of one run. */
struct cli_ctx {
	char *db_path;        /* resolved (--db, TSUNAGU_DB, XDG default) */
	struct db *db;        /* opened by cli_open */
	struct staff actor;   /* filled by cli_actor */
	bool have_actor;
	struct tsu_err err;
};

/* Open the database (flags as db_open). On failure prints the message and
 * returns non-zero. */
int cli_open(struct cli_ctx *ctx, unsigned flags);
/* Open the database and identify the acting staff member; prints and returns
 * non-zero if the login is not a registered staff member. */
int cli_open_as_staff(struct cli_ctx *ctx, unsigned flags);
/* Print "tsunagu: <msg>" to stderr (the context's error if msg is NULL) and
 * return 1. */
int cli_fail(struct cli_ctx *ctx, const char *msg);
/* Print a usage error for a subcommand and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Subcommand handlers: argv[0] is the subcommand name. */
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_check(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_staff(struct cli_ctx *ctx, int argc, char **argv);
int cmd_date(struct cli_ctx *ctx, int argc, char **argv);
int cmd_keys(struct cli_ctx *ctx, int argc, char **argv);
int cmd_gen(struct cli_ctx *ctx, int argc, char **argv);
/* tsunagu --demo (cmd_demo.c): the workstation on a throwaway synthetic
 * database in a private temporary directory, removed on exit. */
struct ui_options;
int cmd_demo(const struct ui_options *opt);
int cmd_search(struct cli_ctx *ctx, int argc, char **argv);
int cmd_case(struct cli_ctx *ctx, int argc, char **argv);
int cmd_intake(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_today(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
/* cmd_plan.c: the 進行管理台帳, progress notes, meeting minutes. */
int cmd_cases(struct cli_ctx *ctx, int argc, char **argv);
int cmd_note(struct cli_ctx *ctx, int argc, char **argv);
int cmd_meeting(struct cli_ctx *ctx, int argc, char **argv);

#endif
