/* scr_plan_util.h: what the 進行管理 screens (case list, progress note,
 * support plan, meeting, transfer) share inside the UI: a form screen that
 * carries its owner's context, a list where several rows are marked, a
 * scrollable text with export to a file, code lists as form choices, and
 * helpers to fill and read form fields. Private to src/ui. */
#ifndef TSU_UI_SCR_PLAN_UTIL_H
#define TSU_UI_SCR_PLAN_UTIL_H

#include "tsunagu/codes.h"
#include "ui_int.h"

/* ---- a form screen with a context (scr_plan_util.c) --------------------- */

struct pform_def {
	const char *help;
	unsigned ctx; /* contexts added to the form's (CTX_NOTE ...) */
	/* Save a form that passed validation: 0 closes the screen, else it stays
	 * (message set on ui). The screen is s; its context ctx. */
	int (*save)(struct screen *s, void *ctx, struct ui_form *fm);
	/* A command the form did not take (may be NULL): RD_UNHANDLED if not
	 * the screen's either. */
	unsigned (*command)(struct screen *s, void *ctx, struct ui_form *fm, enum cmd_id id);
	/* Lines above the form, newly allocated (may be NULL). */
	char *(*intro)(void *ctx);
	/* After a save closed the screen (may be NULL): runs with ctx once the
	 * form is off the stack, so it may push the next screen. */
	void (*closed)(struct ui *ui, void *ctx);
	void (*free)(void *ctx); /* frees ctx (may be NULL: ctx is not owned) */
};

/* Push a form titled title over defs (which must outlive the screen, e.g.
 * inside ctx). ctx is owned by the screen from now on (def->free), even on
 * failure. Returns the form so the caller can fill in starting values (the
 * form counts as unchanged afterwards), or NULL (message set). */
struct ui_form *pform_push(struct ui *ui, const struct pform_def *def, void *ctx, const char *title,
                           const struct field_def *defs, size_t n);
/* After filling in starting values: nothing typed yet. */
void pform_clean(struct ui *ui);
extern const struct screen_ops pform_screen;

/* ---- marking several rows of a list (scr_plan_pick.c) ------------------- */

/* Push a list of rows (copied) with the marked ones (may be NULL) set;
 * Space marks, Enter pops the list and calls done(ui, ctx, rows, n) with
 * the marked rows in order (the selected row if none is marked). Esc/q
 * closes it; ctx is then freed with free_ctx (may be NULL) without done. */
int many_open(struct ui *ui, const char *title, const char *const *rows, size_t n,
              const bool *marked,
              unsigned (*done)(struct ui *ui, void *ctx, const size_t *rows, size_t n), void *ctx,
              void (*free_ctx)(void *ctx));

/* ---- a text to read and save (scr_plan_pick.c) -------------------------- */

/* Push a scrollable text titled title (text copied). With file_name not
 * NULL, the export key asks for a path (starting with ~/file_name) and
 * writes the text there atomically. */
int textview_open(struct ui *ui, const char *title, const char *text, const char *file_name);

/* ---- both versions after a conflicting save (scr_plan_pick.c) ----------- */

/* Push a screen showing what the worker typed (mine) beside what another
 * worker saved meanwhile (theirs). m (keep mine) and t (keep theirs) pop it
 * and call the callback; Esc goes back to the form with the typed text. ctx
 * is not owned. */
int conflict_open(struct ui *ui, const char *what, const char *mine, const char *theirs,
                  unsigned (*keep_mine)(struct ui *ui, void *ctx),
                  unsigned (*keep_theirs)(struct ui *ui, void *ctx), void *ctx);

/* ---- code lists as choices (scr_plan_util.c) ----------------------------- */

struct ui_codes {
	struct field_choice *c; /* n choices */
	size_t n;
	struct code *raw; /* owns the strings */
	size_t nraw;
};

/* Load the active codes of list; skip (may be NULL) names codes to leave
 * out. Empty on failure (message set on ui). */
void ui_codes_load(struct ui *ui, const char *list, const char *const *skip, struct ui_codes *out);
void ui_codes_release(struct ui_codes *c);
/* Index of code in c, or -1. */
int ui_codes_find(const struct ui_codes *c, const char *code);

/* ---- form fields ---------------------------------------------------------- */

void fm_set_text(struct ui_form *fm, size_t i, const char *text);
/* An empty field for a date with y == 0. */
void fm_set_date(struct ui_form *fm, size_t i, struct date d);
void fm_set_choice(struct ui_form *fm, size_t i, int choice);
void fm_set_check(struct ui_form *fm, size_t i, bool on);
/* The date typed in a date field; y == 0 when empty. */
struct date fm_date(const struct ui_form *fm, size_t i);
/* The code chosen in a code/radio field over c, or NULL. */
const char *fm_code(const struct ui_form *fm, size_t i, const struct ui_codes *c);
/* Insert text at the field's cursor (a text area takes newlines). */
void fm_insert(struct ui_form *fm, size_t i, const char *text);
void fm_focus(struct ui_form *fm, size_t i);

/* "R8.7.1", "" for none (static buffer of the caller). */
void ui_date_short(struct date d, char *buf, size_t n);
/* Name of the case's subject and its number: "R8-0001 髙橋 陽翔", newly
 * allocated, or NULL with a message set on ui. *closed (may be NULL) says
 * whether the case is closed. */
char *ui_case_title(struct ui *ui, int64_t case_id, bool *closed);

#endif
