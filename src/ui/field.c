/* field.c: the kinds of form field: their size, drawing, keys and checks.
 * Text, date and code fields edit through edit.c; date and code fields add
 * their own parts in field_date.c and field_code.c. Messages and notes sit
 * beside the input when they fit, else on the row below. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

#define RADIO_GAP 2
#define NOTE_MAX  256

void field_init(struct ui_field *f, const struct field_def *def)
{
	memset(f, 0, sizeof(*f));
	f->def = def;
	edit_init(&f->edit, def->kind == FK_TEXTAREA, def->maxlen ? def->maxlen : 8000);
	f->choice = -1;
}

void field_release(struct ui_field *f)
{
	edit_release(&f->edit);
	free(f->error);
	f->error = NULL;
}

bool field_is_text(const struct ui_field *f)
{
	return f->def->kind != FK_CHECK && f->def->kind != FK_RADIO;
}

static int input_width(const struct ui_field *f, int w)
{
	if (f->def->kind == FK_CHECK)
		return 3 < w ? 3 : w;
	if (f->def->kind == FK_RADIO || f->def->kind == FK_TEXTAREA)
		return w;
	return f->def->width > 0 && f->def->width < w ? f->def->width : w;
}

static void note_text(const struct ui_field *f, char *buf, size_t n)
{
	buf[0] = '\0';
	if (f->error)
		snprintf(buf, n, "%s", f->error);
	else if (f->def->kind == FK_DATE)
		field_date_note(f, buf, n);
}

static char *radio_item(const struct ui_field *f, size_t i)
{
	return xasprintf("(%c)%s", (int)i == f->choice ? '*' : ' ', f->def->choices[i].label);
}

/* Rows of a radio group at width w; positions into xs/ys when not NULL. */
static int radio_layout(const struct ui_field *f, int w, int *xs, int *ys)
{
	int x = 0, y = 0;

	for (size_t i = 0; i < f->def->nchoices; i++) {
		char *it = radio_item(f, i);
		int iw = text_width(it);

		free(it);
		if (x > 0 && x + iw > w) {
			x = 0;
			y++;
		}
		if (xs)
			xs[i] = x;
		if (ys)
			ys[i] = y;
		x += iw + RADIO_GAP;
	}
	return y + 1;
}

static bool note_beside(const struct ui_field *f, int w, const char *note)
{
	int iw = input_width(f, w);

	if (!*note || f->def->kind == FK_RADIO || f->def->kind == FK_TEXTAREA)
		return !*note;
	return text_width(note) <= w - iw - 1;
}

int field_rows(const struct ui_field *f, int w)
{
	char note[NOTE_MAX];
	int rows = 1;

	if (f->def->kind == FK_TEXTAREA)
		rows = f->def->height > 0 ? f->def->height : 4;
	else if (f->def->kind == FK_RADIO)
		rows = radio_layout(f, w, NULL, NULL);
	note_text(f, note, sizeof(note));
	return rows + (note_beside(f, w, note) ? 0 : 1);
}

static void draw_radio(struct ui_field *f, struct ui_rect r, bool focused, int *cy, int *cx)
{
	int xs[64], ys[64];

	if (f->def->nchoices > 64)
		return;
	radio_layout(f, r.w, xs, ys);
	for (size_t i = 0; i < f->def->nchoices; i++) {
		char *it = radio_item(f, i);
		bool on = (int)i == f->choice;

		draw_text_cut(r.y + ys[i], r.x + xs[i], r.w - xs[i], it,
		              on ? (focused ? ST_FIELD_FOCUS : ST_TITLE) : ST_NORMAL);
		free(it);
		if (focused && (on || (f->choice < 0 && i == 0))) {
			*cy = r.y + ys[i];
			*cx = r.x + xs[i] + 1;
		}
	}
}

static void draw_input(struct ui_field *f, struct ui_rect r, bool focused, int *cy, int *cx)
{
	enum ui_style st = focused ? ST_FIELD_FOCUS : ST_FIELD;
	int y = -1, x = -1;

	switch (f->def->kind) {
	case FK_CHECK:
		draw_text(r.y, r.x, 3, f->checked ? "[x]" : "[ ]", -1, st);
		y = r.y;
		x = r.x + 1;
		break;
	case FK_RADIO: draw_radio(f, r, focused, &y, &x); break;
	default: edit_draw(&f->edit, r, st, &y, &x); break;
	}
	if (focused) {
		*cy = y;
		*cx = x;
	}
}

void field_draw(struct ui_field *f, struct ui_rect r, bool focused, int *cy, int *cx)
{
	char note[NOTE_MAX];
	int iw = input_width(f, r.w), rows = f->rows;
	bool beside;

	note_text(f, note, sizeof(note));
	beside = note_beside(f, r.w, note);
	if (!beside)
		rows--;
	f->in_x = r.x;
	f->in_w = iw;
	draw_input(f, (struct ui_rect){r.y, r.x, rows, iw}, focused, cy, cx);
	if (!*note)
		return;
	if (beside)
		draw_text_cut(r.y, r.x + iw + 1, r.w - iw - 1, note, f->error ? ST_ERROR : ST_DIM);
	else
		draw_text_cut(r.y + rows, r.x, r.w, note, f->error ? ST_ERROR : ST_DIM);
}

static void radio_step(struct ui_field *f, int dir, bool *changed)
{
	int n = (int)f->def->nchoices;

	if (n == 0)
		return;
	f->choice = f->choice < 0 ? (dir > 0 ? 0 : n - 1) : (f->choice + dir + n) % n;
	*changed = true;
}

unsigned field_key(struct ui_field *f, const struct ui_key *k, bool *changed)
{
	*changed = false;
	switch (f->def->kind) {
	case FK_CODE: return field_code_key(f, k, changed);
	case FK_RADIO:
		if (k->code >= '1' && k->code <= '9' &&
		    (size_t)(k->code - '1') < f->def->nchoices) {
			f->choice = k->code - '1';
			*changed = true;
			return RD_SCREEN;
		}
		return RD_UNHANDLED;
	case FK_CHECK: return RD_UNHANDLED;
	default:
		if (!uk_is_text(k->code))
			return RD_UNHANDLED;
		if (!edit_insert_cp(&f->edit, (uint32_t)k->code)) {
			free(f->error);
			f->error = xstrdup("これ以上は入力できません (長さの上限です)");
			return RD_SCREEN;
		}
		*changed = true;
		if (f->def->kind == FK_DATE)
			field_date_update(f);
		return RD_SCREEN;
	}
}

static bool is_edit_command(enum cmd_id id)
{
	return id == CMD_LEFT || id == CMD_RIGHT || id == CMD_BOL || id == CMD_EOL ||
	       id == CMD_KILL_EOL || id == CMD_KILL_BOL || id == CMD_BACKSPACE || id == CMD_DELETE;
}

static void text_command(struct ui_field *f, enum cmd_id id, int w, bool *changed, bool *consumed)
{
	if (is_edit_command(id)) {
		edit_command(&f->edit, id, changed);
		*consumed = true;
	} else if (f->def->kind == FK_TEXTAREA && id == CMD_ENTER) {
		*changed = *consumed = edit_insert_cp(&f->edit, '\n');
	} else if (f->def->kind == FK_TEXTAREA && (id == CMD_UP || id == CMD_DOWN)) {
		*consumed = edit_vertical(&f->edit, w, id == CMD_UP ? -1 : 1);
	}
	if (*changed && f->def->kind == FK_DATE)
		field_date_update(f);
}

unsigned field_command(struct ui_field *f, enum cmd_id id, int w, bool *changed, bool *consumed)
{
	*changed = *consumed = false;
	switch (f->def->kind) {
	case FK_CHECK:
		if (id == CMD_TOGGLE) {
			f->checked = !f->checked;
			*changed = *consumed = true;
		}
		break;
	case FK_RADIO:
		if (id == CMD_LEFT || id == CMD_RIGHT || id == CMD_TOGGLE) {
			radio_step(f, id == CMD_LEFT ? -1 : 1, changed);
			*consumed = true;
		}
		break;
	case FK_CODE:
		field_code_command(f, id, changed, consumed);
		if (!*consumed)
			text_command(f, id, w, changed, consumed);
		break;
	default: text_command(f, id, w, changed, consumed); break;
	}
	return *consumed ? RD_SCREEN : RD_UNHANDLED;
}

/* A code field's picker opens when the worker types or presses Enter, not on
 * focus: Up/Down keep moving between fields, as everywhere in a form. */
void field_focus(struct ui_field *f)
{
	if (f->def->kind == FK_CODE) {
		f->picking = false;
		f->pick = f->choice >= 0 ? (size_t)f->choice : 0;
	}
}

void field_blur(struct ui_field *f)
{
	if (f->def->kind == FK_CODE)
		field_code_blur(f);
	field_check(f, false);
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return false;
	return true;
}

static const char *check_value(struct ui_field *f, bool submit, bool empty)
{
	switch (f->def->kind) {
	case FK_CODE:
		if (f->choice < 0 && !empty)
			return "一覧から選んでください";
		if (f->choice < 0 && f->def->required && submit)
			return "選んでください";
		return NULL;
	case FK_RADIO: return f->choice < 0 && f->def->required && submit ? "選んでください" : NULL;
	case FK_CHECK: return NULL;
	default: break;
	}
	return empty && f->def->required && submit ? "入力してください" : NULL;
}

bool field_check(struct ui_field *f, bool submit)
{
	const char *t = edit_text(&f->edit);
	bool empty = blank(t);
	const char *msg;

	free(f->error);
	f->error = NULL;
	if (f->def->kind == FK_DATE && !empty && !f->date_ok) {
		f->error = field_date_error(f);
		return false;
	}
	msg = check_value(f, submit, empty);
	if (!msg && f->def->validate && field_is_text(f) && f->def->kind != FK_CODE && !empty)
		msg = f->def->validate(t);
	if (msg)
		f->error = xstrdup(msg);
	return msg == NULL;
}
