/* cli.c: global options and the subcommand table. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "tsu_config.h"

int cli_main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("tsunagu %s\n", TSU_VERSION);
		return 0;
	}
	fputs("使い方: tsunagu [オプション] [サブコマンド]\n", stdout);
	return 0;
}
