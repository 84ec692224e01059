/* cf_ui.h: helpers shared by the 受理会議, assessment and case-file screens
 * (scr_juri.c, scr_assess.c, scr_casefile*.c): choices built from code
 * lists and the staff roster, date-time fields, and a form dialog that
 * carries a context pointer. Private to src/ui. */
#ifndef TSU_CF_UI_H
#define TSU_CF_UI_H

#include "ui_int.h"

/* Choices for a code or radio field, owning their strings. */
struct cf_choices {
	struct field_choice *c;
	size_t n;
	int64_t *ids; /* staff choices: the staff id of each choice */
};

/* The active codes of a code list (code = code, label = label). 0, or -1
 * with the reason on ui's status line (out is then empty). */
int cf_choices_codes(struct ui *ui, const char *list, struct cf_choices *out);
/* The active staff members (code = login, label = name, ids[i] = id). */
int cf_choices_staff(struct ui *ui, struct cf_choices *out);
void cf_choices_release(struct cf_choices *ch);
/* Index of code among the choices, -1 if absent or NULL/"". */
int cf_choice_find(const struct cf_choices *ch, const char *code);
/* Index of a staff id among staff choices, -1 if absent. */
int cf_choice_find_id(const struct cf_choices *ch, int64_t id);
/* Set a code or radio field to choice i (-1 clears it). */
void cf_field_set_choice(struct ui_field *f, int i);
/* Set a text field's value. */
void cf_field_set_text(struct ui_field *f, const char *text);

/* Date-times: "YYYY-MM-DD HH:MM", typed as any date date_parse reads
 * (R8.11.24, 令和8年11月24日, 2026-11-24) and a time H:MM. */
bool cf_datetime_parse(const char *s, char out[17]);
/* A field_def validate callback for such a field. */
const char *cf_datetime_check(const char *s);
/* Now as "YYYY-MM-DD HH:MM". */
void cf_now(char out[17]);
/* "11/24 14:05" from "YYYY-MM-DD HH:MM" (or "11/24" from a date). */
void cf_short_at(const char *at, char *buf, size_t n);

/* A screen made of one form whose callbacks get a context pointer (the
 * screen that opened it). save returns 0 to close the dialog, else it stays
 * (message set on ui); it may push another screen on top. */
struct cf_dialog_def {
	const char *title;
	const char *help;
	char *(*intro)(void *ctx); /* newly allocated text above the form, or NULL */
	const struct field_def *defs;
	size_t n;
	void (*setup)(void *ctx, struct ui_form *fm);
	int (*save)(void *ctx, struct ui *ui, struct ui_form *fm);
};
int cf_dialog_push(struct ui *ui, const struct cf_dialog_def *def, void *ctx);

/* scr_casefile.c: true if s is the case file of case_id. */
bool ui_casefile_is(const struct screen *s, int64_t case_id);

#endif
