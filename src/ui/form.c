/* form.c: the one form widget (STYLE rule 4): labelled fields in a column,
 * focus moved by Tab/Shift-Tab and Up/Down, validation messages beside the
 * field, scrolling when the form is taller than its area. The screen that
 * owns a form forwards commands and keys and decides what saving means. */
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

void form_init(struct ui_form *fm, const struct field_def *defs, size_t n)
{
	memset(fm, 0, sizeof(*fm));
	fm->f = xcalloc(n ? n : 1, sizeof(*fm->f));
	fm->n = n;
	for (size_t i = 0; i < n; i++) {
		int w = text_width(defs[i].label) + (defs[i].required ? 2 : 0);

		field_init(&fm->f[i], &defs[i]);
		if (w > fm->label_w)
			fm->label_w = w;
	}
	fm->label_w += 1;
	fm->cy = fm->cx = -1;
	if (n)
		field_focus(&fm->f[0]);
}

void form_release(struct ui_form *fm)
{
	for (size_t i = 0; i < fm->n; i++)
		field_release(&fm->f[i]);
	free(fm->f);
	memset(fm, 0, sizeof(*fm));
}

static int input_w(const struct ui_form *fm, int w)
{
	int iw = w - fm->label_w - 1;

	return iw > 1 ? iw : 1;
}

static void layout(struct ui_form *fm, int w)
{
	int row = 0;

	for (size_t i = 0; i < fm->n; i++) {
		fm->f[i].row = row;
		fm->f[i].rows = field_rows(&fm->f[i], input_w(fm, w));
		row += fm->f[i].rows;
	}
}

static void scroll_to_focus(struct ui_form *fm, int h)
{
	const struct ui_field *f = &fm->f[fm->focus];

	if (f->row < fm->top)
		fm->top = f->row;
	if (f->row + f->rows > fm->top + h)
		fm->top = f->row + f->rows - h;
	if (fm->top < 0)
		fm->top = 0;
}

static void draw_label(const struct ui_form *fm, const struct ui_field *f, int y, int x,
                       bool focused)
{
	char *l = xasprintf("%s%s", f->def->label, f->def->required ? " *" : "");

	draw_text(y, x, fm->label_w, l, -1, focused ? ST_TITLE : ST_NORMAL);
	free(l);
}

void form_draw(struct ui_form *fm, struct ui_rect r)
{
	int py = -1;

	fm->last = r;
	fm->cy = fm->cx = -1;
	if (fm->n == 0 || r.h <= 0)
		return;
	layout(fm, r.w);
	scroll_to_focus(fm, r.h);
	for (size_t i = 0; i < fm->n; i++) {
		struct ui_field *f = &fm->f[i];
		int y = r.y + f->row - fm->top;

		if (f->row < fm->top || y + f->rows > r.y + r.h)
			continue;
		draw_label(fm, f, y, r.x, i == fm->focus);
		field_draw(f, (struct ui_rect){y, r.x + fm->label_w + 1, f->rows, input_w(fm, r.w)},
		           i == fm->focus, &fm->cy, &fm->cx);
		if (i == fm->focus)
			py = y;
	}
	if (py >= 0 && fm->f[fm->focus].def->kind == FK_CODE)
		field_draw_picker(&fm->f[fm->focus], py + 1, fm->f[fm->focus].in_x, r);
}

static void set_focus(struct ui_form *fm, size_t i)
{
	if (i == fm->focus || i >= fm->n)
		return;
	field_blur(&fm->f[fm->focus]);
	fm->focus = i;
	field_focus(&fm->f[i]);
}

static unsigned move_focus(struct ui_form *fm, int dir, bool wrap)
{
	long i = (long)fm->focus + dir, n = (long)fm->n;

	if (wrap)
		i = (i + n) % n;
	else if (i < 0 || i >= n)
		return RD_SCREEN;
	set_focus(fm, (size_t)i);
	return RD_SCREEN;
}

unsigned form_command(struct ui_form *fm, enum cmd_id id)
{
	struct ui_field *f;
	bool changed, consumed;

	if (fm->n == 0)
		return RD_UNHANDLED;
	f = &fm->f[fm->focus];
	field_command(f, id, input_w(fm, fm->last.w), &changed, &consumed);
	if (consumed) {
		if (changed) {
			fm->dirty = true;
			if (f->error)
				field_check(f, false);
		}
		return RD_ALL;
	}
	switch (id) {
	case CMD_NEXT_FIELD: return move_focus(fm, 1, true);
	case CMD_PREV_FIELD: return move_focus(fm, -1, true);
	case CMD_DOWN:
	case CMD_ENTER: return move_focus(fm, 1, false);
	case CMD_UP: return move_focus(fm, -1, false);
	default: return RD_UNHANDLED;
	}
}

unsigned form_key(struct ui_form *fm, const struct ui_key *k)
{
	struct ui_field *f;
	bool changed;
	unsigned rd;

	if (fm->n == 0)
		return RD_UNHANDLED;
	f = &fm->f[fm->focus];
	rd = field_key(f, k, &changed);
	if (changed) {
		fm->dirty = true;
		if (f->error)
			field_check(f, false);
		rd |= RD_ALL;
	}
	return rd;
}

unsigned form_contexts(const struct ui_form *fm)
{
	unsigned ctx = CTX_GLOBAL | CTX_FORM;

	if (fm->n && field_is_text(&fm->f[fm->focus]))
		ctx |= CTX_TEXT;
	return ctx;
}

int form_validate(struct ui_form *fm)
{
	int bad = 0;
	size_t first = SIZE_MAX;

	if (fm->n && fm->f[fm->focus].def->kind == FK_CODE)
		field_code_blur(&fm->f[fm->focus]);
	for (size_t i = 0; i < fm->n; i++) {
		if (!field_check(&fm->f[i], true)) {
			bad++;
			if (first == SIZE_MAX)
				first = i;
		}
	}
	if (first != SIZE_MAX && first != fm->focus) {
		fm->focus = first;
		field_focus(&fm->f[first]);
	}
	return bad;
}

const char *form_text(const struct ui_form *fm, size_t i)
{
	return i < fm->n ? edit_text(&fm->f[i].edit) : "";
}

int form_choice(const struct ui_form *fm, size_t i)
{
	if (i >= fm->n)
		return -1;
	return fm->f[i].def->kind == FK_CHECK ? fm->f[i].checked : fm->f[i].choice;
}

bool form_cursor(const struct ui_form *fm, int *y, int *x)
{
	if (fm->cy < 0 || fm->cx < 0)
		return false;
	*y = fm->cy;
	*x = fm->cx;
	return true;
}
