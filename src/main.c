/* main.c: the one binary. No subcommand opens the workstation; subcommands run
 * the same core without a terminal. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
