/* screen.c: the screen stack. The top screen owns focus and input; screens
 * below it keep their state (typed text included) until popped. Leaving a
 * screen with unsaved changes asks first. */
#include <stdlib.h>

#include "ui_int.h"

struct ui_rect screen_area(void)
{
	struct ui_rect r = {0, 0, LINES - 2, COLS};

	if (r.h < 0)
		r.h = 0;
	return r;
}

struct screen *screen_top(struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

int screen_push(struct ui *ui, const struct screen_ops *ops, void *arg)
{
	struct screen *s;

	if (ui->depth >= UI_STACK_MAX) {
		ui_message(ui, MSG_ERROR, "画面を開きすぎています。いくつか閉じてください");
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	s->ops = ops;
	s->ui = ui;
	s->rect = screen_area();
	if (ops->init && ops->init(s, arg) != 0) {
		free(s);
		return -1;
	}
	ui->stack[ui->depth++] = s;
	ui->redraw |= RD_ALL;
	return 0;
}

void screen_pop(struct ui *ui)
{
	struct screen *s = screen_top(ui), *below;

	if (!s)
		return;
	ui->depth--;
	if (s->ops->free)
		s->ops->free(s);
	free(s);
	below = screen_top(ui);
	if (below && below->ops->focus)
		below->ops->focus(below);
	ui->redraw |= RD_ALL;
}

static unsigned leave_anyway(struct ui *ui, void *arg)
{
	screen_pop(ui); /* the question */
	screen_pop(ui); /* the screen being left */
	if (ui->depth == 0)
		ui->quit = true;
	return RD_ALL;
}

unsigned screen_leave(struct ui *ui)
{
	static const struct confirm_arg ask = {
	    "保存されていない変更があります。破棄して画面を閉じますか?", "破棄して閉じる",
	    "入力に戻る", leave_anyway, NULL};
	struct screen *s = screen_top(ui);

	if (!s)
		return RD_NONE;
	if (s->ops->has_unsaved && s->ops->has_unsaved(s)) {
		screen_push(ui, &confirm_screen, (void *)&ask);
		return RD_ALL;
	}
	screen_pop(ui);
	if (ui->depth == 0)
		ui->quit = true;
	return RD_ALL;
}

void screen_resize_all(struct ui *ui)
{
	struct ui_rect r = screen_area();

	for (int i = 0; i < ui->depth; i++) {
		struct screen *s = ui->stack[i];

		s->rect = r;
		if (s->ops->resize)
			s->ops->resize(s, r);
	}
}

bool screen_any_unsaved(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++) {
		struct screen *s = ui->stack[i];

		if (s->ops->has_unsaved && s->ops->has_unsaved(s))
			return true;
	}
	return false;
}
