/* field_code.c: code fields (a value from a code list) with a picker that
 * filters as you type. Typed text is folded with the core's key_fold and
 * compared with the label and its reading, so 保健, ほけん, ホケン and ﾎｹﾝ all
 * find 保健師; the code itself also matches. */
#include <stdlib.h>
#include <string.h>

#include "tsunagu/key.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define PICK_ROWS 6
#define PICK_MAX  256

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return false;
	return true;
}

size_t field_code_matches(const struct ui_field *f, size_t *out, size_t max)
{
	const char *t = edit_text(&f->edit);
	size_t n = 0;
	char *q;

	if (f->choice >= 0 || blank(t)) {
		for (size_t i = 0; i < f->def->nchoices && n < max; i++)
			out[n++] = i;
		return n;
	}
	q = key_fold(t);
	for (size_t i = 0; i < f->def->nchoices && n < max; i++) {
		const struct field_choice *c = &f->def->choices[i];
		char *k = key_fold(c->label);
		char *r = key_fold(c->kana ? c->kana : "");

		if (strstr(k, q) || strstr(r, q) || strncmp(c->code, t, strlen(t)) == 0)
			out[n++] = i;
		free(k);
		free(r);
	}
	free(q);
	return n;
}

static void choose(struct ui_field *f, size_t i)
{
	f->choice = (int)i;
	f->pick = i;
	edit_set(&f->edit, f->def->choices[i].label);
	free(f->error);
	f->error = NULL;
}

unsigned field_code_key(struct ui_field *f, const struct ui_key *k, bool *changed)
{
	if (!uk_is_text(k->code))
		return RD_UNHANDLED;
	if (f->choice >= 0) {
		edit_set(&f->edit, "");
		f->choice = -1;
	}
	if (!edit_insert_cp(&f->edit, (uint32_t)k->code))
		return RD_UNHANDLED;
	f->picking = true;
	f->pick = 0;
	*changed = true;
	return RD_SCREEN;
}

unsigned field_code_command(struct ui_field *f, enum cmd_id id, bool *changed, bool *consumed)
{
	size_t m[PICK_MAX], n = field_code_matches(f, m, PICK_MAX), at = 0;

	for (size_t i = 0; i < n; i++)
		if (m[i] == f->pick)
			at = i;
	*consumed = true;
	if (id == CMD_UP && f->picking && n > 0) {
		f->pick = m[at > 0 ? at - 1 : 0];
	} else if (id == CMD_DOWN && f->picking && n > 0) {
		f->pick = m[at + 1 < n ? at + 1 : at];
	} else if (id == CMD_ENTER && f->picking && n > 0) {
		choose(f, m[at]);
		f->picking = false;
		*changed = true;
	} else if (id == CMD_ENTER && !f->picking) {
		f->picking = true;
	} else if (id == CMD_CANCEL && f->picking) {
		f->picking = false; /* Esc closes the picker, not the screen */
	} else if ((id == CMD_BACKSPACE || id == CMD_DELETE || id == CMD_KILL_BOL ||
	            id == CMD_KILL_EOL) &&
	           f->choice >= 0) {
		edit_set(&f->edit, "");
		f->choice = -1;
		f->pick = 0;
		f->picking = true;
		*changed = true;
	} else {
		*consumed = false;
	}
	return *consumed ? RD_SCREEN : RD_UNHANDLED;
}

void field_code_blur(struct ui_field *f)
{
	size_t m[PICK_MAX], n, at = 0;

	if (f->choice < 0 && !blank(edit_text(&f->edit))) {
		n = field_code_matches(f, m, PICK_MAX);
		for (size_t i = 0; i < n; i++)
			if (m[i] == f->pick)
				at = i;
		if (n > 0)
			choose(f, m[at]);
	}
	f->picking = false;
}

/* "code label", or the label alone when the code is the label itself */
static char *item_text(const struct ui_field *f, size_t i)
{
	const struct field_choice *c = &f->def->choices[i];

	return strcmp(c->code, c->label) == 0 ? xstrdup(c->label)
	                                       : xasprintf("%s %s", c->code, c->label);
}

void field_draw_picker(struct ui_field *f, int y, int x, struct ui_rect area)
{
	size_t m[PICK_MAX], n = field_code_matches(f, m, PICK_MAX), at = 0, first;
	int w = 12, h;

	if (!f->picking)
		return;
	for (size_t i = 0; i < n; i++) {
		char *t = item_text(f, m[i]);
		int tw = text_width(t) + 2;

		w = tw > w ? tw : w;
		if (m[i] == f->pick)
			at = i;
		free(t);
	}
	h = (int)(n < PICK_ROWS ? (n ? n : 1) : PICK_ROWS) + 2;
	if (x + w > area.x + area.w)
		x = area.x + area.w - w;
	if (x < area.x) {
		x = area.x;
		w = area.w;
	}
	if (y + h > area.y + area.h)
		y = y - h - 1;
	if (y < area.y)
		y = area.y;
	first = at >= PICK_ROWS ? at - PICK_ROWS + 1 : 0;
	draw_clear((struct ui_rect){y, x, h, w});
	draw_box((struct ui_rect){y, x, h, w}, NULL, ST_FRAME);
	if (n == 0)
		draw_text(y + 1, x + 1, w - 2, "該当なし", -1, ST_DIM);
	for (int r = 0; r < h - 2 && first + (size_t)r < n; r++) {
		char *t = item_text(f, m[first + (size_t)r]);

		draw_text(y + 1 + r, x + 1, w - 2, t, -1,
		          first + (size_t)r == at ? ST_SELECTED : ST_NORMAL);
		free(t);
	}
}
