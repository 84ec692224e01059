/* ui.h: the full-screen workstation, entered from cli.c when no subcommand is
 * given. This header is curses-free so that src/cli can include it; only the
 * .c files of src/ui include curses (through src/ui/tsu_curses.h). */
#ifndef TSU_UI_H
#define TSU_UI_H

#include <stdbool.h>
#include <stdio.h>

enum ui_ambiguous { UI_AMBIGUOUS_AUTO = -1, UI_AMBIGUOUS_NARROW = 0, UI_AMBIGUOUS_WIDE = 1 };

struct ui_options {
	const char *db_path;          /* resolved database path (never NULL) */
	bool no_color;                /* --no-color or NO_COLOR set */
	enum ui_ambiguous ambiguous;  /* --ambiguous=auto|narrow|wide, or the setting */
	bool demo;                    /* a throwaway demo database */
};

/* Run the workstation until the user quits. Opens (creating on first run) the
 * database itself. Returns the process exit status; on a fatal error the
 * terminal is restored before the message is printed to stderr. */
int ui_run(const struct ui_options *opt);

/* Print the key list generated from the command and key tables, for the man
 * page (lang "en" or "ja", troff format) or plain text; no terminal needed. */
void ui_print_keys(FILE *out, const char *lang, bool troff);

#endif
