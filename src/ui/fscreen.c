/* fscreen.c: screens that are one form with a title and a short text above
 * it (first-run registration, adding a staff member, the home date). The
 * definition says what the fields are and what saving does; everything else
 * (drawing, keys, validation before saving, asking before losing typed text)
 * is here once. */
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

struct fscreen {
	const struct fscreen_def *def;
	struct ui_form fm;
	char *intro;
};

int fscreen_init(struct screen *s, const struct fscreen_def *def)
{
	struct fscreen *f = xcalloc(1, sizeof(*f));

	f->def = def;
	form_init(&f->fm, def->defs, def->n);
	if (def->setup)
		def->setup(s->ui, &f->fm);
	f->fm.dirty = false;
	f->intro = def->intro ? def->intro(s->ui) : NULL;
	s->data = f;
	return 0;
}

void fscreen_draw(struct screen *s, struct ui_rect r)
{
	struct fscreen *f = s->data;
	int y = r.y + 2;

	draw_text(r.y, r.x, r.w, f->def->title, -1, ST_TITLE);
	if (f->intro) {
		char **lines;
		size_t n = text_wrap(f->intro, r.w - 2, &lines);

		for (size_t i = 0; i < n && y < r.y + r.h - 3; i++)
			draw_text(y++, r.x + 1, r.w - 1, lines[i], -1, ST_NORMAL);
		text_lines_free(lines, n);
		y++;
	}
	form_draw(&f->fm, (struct ui_rect){y, r.x + 1, r.y + r.h - y, r.w - 2});
}

unsigned fscreen_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct fscreen *)s->data)->fm, k);
}

static unsigned save(struct screen *s)
{
	struct fscreen *f = s->data;
	struct ui *ui = s->ui;
	const struct fscreen_def *def = f->def;
	int bad = form_validate(&f->fm);

	if (bad) {
		ui_message(ui, MSG_ERROR,
		           "入力に誤りがあります (%d 件)。欄の横の説明を見て直してください", bad);
		return RD_ALL;
	}
	if (def->save(ui, &f->fm) != 0)
		return RD_ALL;
	screen_pop(ui); /* frees s */
	if (def->closed)
		def->closed(ui);
	return RD_ALL;
}

unsigned fscreen_command(struct screen *s, enum cmd_id id)
{
	if (id == CMD_SAVE)
		return save(s);
	return form_command(&((struct fscreen *)s->data)->fm, id);
}

unsigned fscreen_contexts(struct screen *s)
{
	return form_contexts(&((struct fscreen *)s->data)->fm);
}

const char *fscreen_help(struct screen *s)
{
	return ((struct fscreen *)s->data)->def->help;
}

void fscreen_free(struct screen *s)
{
	struct fscreen *f = s->data;

	form_release(&f->fm);
	free(f->intro);
	free(f);
}

bool fscreen_has_unsaved(struct screen *s)
{
	return ((struct fscreen *)s->data)->fm.dirty;
}

bool fscreen_position(struct screen *s, size_t *n, size_t *total)
{
	struct fscreen *f = s->data;

	*n = f->fm.focus + 1;
	*total = f->fm.n;
	return true;
}

bool fscreen_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct fscreen *)s->data)->fm, y, x);
}
