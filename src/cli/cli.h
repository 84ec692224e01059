/* cli.h: subcommand dispatch shared by main.c and the subcommand modules. */
#ifndef TSU_CLI_H
#define TSU_CLI_H

/* Parse global options, run a subcommand or open the workstation. Returns the
 * process exit status: 0 success, 1 a failure reported on stderr, 2 usage. */
int cli_main(int argc, char **argv);

#endif
