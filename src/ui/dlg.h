/* dlg.h: small dialogs the report screens share and other screens may use:
 * a one-field prompt (a date or a line of text), a pick-one list, the CSV
 * export dialog (kind, 年度, encoding, path; every character CP932 cannot
 * hold listed before anything is written), and writing a file atomically
 * under the user's home directory. All of them are screens pushed on the
 * stack; their callbacks run after the dialog has been popped. */
#ifndef TSU_UI_DLG_H
#define TSU_UI_DLG_H

#include "tsunagu/ledger.h"
#include "ui_int.h"

/* ---- a one-field prompt (dlg_prompt.c) ---------------------------------- */

struct prompt_arg {
	const char *title;   /* frame title */
	const char *intro;   /* a line of explanation above the field, or NULL */
	const char *label;   /* field label */
	bool date;           /* a date field (any form date_parse reads) */
	const char *initial; /* starting text, or NULL */
	/* Called with the accepted text (and, for a date field, the date) while
	 * the prompt is still on top: return 0 to close it, or set a message on
	 * ui and return -1 to keep it open with the text as typed. */
	int (*on_ok)(struct ui *ui, void *ctx, const char *text, struct date d);
	void *ctx;
};

/* Push the prompt (arg is copied). 0 or -1 (message set). */
int prompt_open(struct ui *ui, const struct prompt_arg *arg);

/* ---- pick one of a list (dlg_pick.c) ------------------------------------ */

/* Push a list of items (copied) titled title with sel highlighted. Enter
 * calls on_pick(ui, ctx, index) while the list is still on top, then closes
 * it (so the screen below sees the choice in its focus callback); Esc/q
 * just closes it. */
int pick_open(struct ui *ui, const char *title, const char *const *items, size_t n, size_t sel,
              unsigned (*on_pick)(struct ui *ui, void *ctx, size_t index), void *ctx);

/* ---- files (dlg_file.c) ------------------------------------------------- */

/* "~/name" expanded with $HOME (or the password entry's home); newly
 * allocated. A path starting with "~/" is expanded the same way by
 * file_expand; any other path is returned as a copy. */
char *file_home_path(const char *name);
char *file_expand(const char *path);

/* ---- the export dialog (dlg_export.c) ----------------------------------- */

struct export_dialog_arg {
	enum ledger_export_kind kind; /* what is chosen at first */
	int fy;                       /* 年度 chosen at first; 0 = all years */
};

/* Push the export dialog. Needs PERM_EXPORT: without it a message says so
 * and -1 is returned (the core checks again). */
int export_dialog_open(struct ui *ui, const struct export_dialog_arg *arg);

#endif
