/* dlg_prompt.c: a one-field prompt drawn over the screen below (the day of
 * 本日のまとめ, the file a 業務日誌 is printed to). Enter or F9 accepts,
 * Esc goes back. A date field takes every form the date module reads and
 * shows the 和暦 beside it; a wrong date keeps the prompt open with the
 * parser's message beside the field. */
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/text.h"

#define PROMPT_W 76

struct prompt {
	struct prompt_arg a;
	char *title, *intro, *label;
	struct field_def def;
	struct ui_form fm;
};

static int prompt_init(struct screen *s, void *arg)
{
	const struct prompt_arg *a = arg;
	struct prompt *p = xcalloc(1, sizeof(*p));

	p->a = *a;
	p->title = xstrdup(a->title ? a->title : "");
	p->intro = a->intro ? xstrdup(a->intro) : NULL;
	p->label = xstrdup(a->label ? a->label : "");
	p->def = (struct field_def){.kind = a->date ? FK_DATE : FK_TEXT,
	                            .label = p->label,
	                            .required = true,
	                            .maxlen = 1024};
	form_init(&p->fm, &p->def, 1);
	if (a->initial) {
		edit_set(&p->fm.f[0].edit, a->initial);
		if (a->date)
			field_date_update(&p->fm.f[0]);
	}
	s->data = p;
	return 0;
}

static void prompt_draw(struct screen *s, struct ui_rect area)
{
	struct prompt *p = s->data;
	int w = area.w - 4 < PROMPT_W ? area.w - 4 : PROMPT_W;
	char **lines = NULL;
	size_t n = p->intro ? text_wrap(p->intro, w - 4, &lines) : 0;
	int h = (int)n + (n ? 1 : 0) + 5;
	struct ui_rect box = {area.y + (area.h - h) / 2, area.x + (area.w - w) / 2, h, w};
	char *keys = keys_for_command(CMD_CANCEL, CTX_GLOBAL | CTX_FORM, true, "/");
	char *hint = xasprintf("Enter: 決定   %s: 戻る", keys);

	draw_clear(box);
	draw_box(box, p->title, ST_TITLE);
	for (size_t i = 0; i < n; i++)
		draw_text(box.y + 1 + (int)i, box.x + 2, w - 4, lines[i], -1, ST_NORMAL);
	form_draw(&p->fm, (struct ui_rect){box.y + 1 + (int)n + (n ? 1 : 0), box.x + 2, 2, w - 4});
	draw_text(box.y + h - 2, box.x + 2, w - 4, hint, -1, ST_DIM);
	text_lines_free(lines, n);
	free(keys);
	free(hint);
}

static unsigned accept(struct screen *s)
{
	struct prompt *p = s->data;
	struct ui_field *f = &p->fm.f[0];
	struct ui *ui = s->ui;
	struct date d = {0, 0, 0};
	char *text;
	int rc;

	if (form_validate(&p->fm) != 0) {
		ui_message(ui, MSG_ERROR, "%s", f->error ? f->error : "入力してください");
		return RD_ALL;
	}
	if (p->a.date)
		d = f->date;
	text = xstrdup(edit_text(&f->edit));
	rc = p->a.on_ok(ui, p->a.ctx, text, d);
	free(text);
	if (rc == 0 && screen_top(ui) == s)
		screen_pop(ui);
	return RD_ALL;
}

static unsigned prompt_command(struct screen *s, enum cmd_id id)
{
	struct prompt *p = s->data;

	if (id == CMD_ENTER || id == CMD_SAVE)
		return accept(s);
	return form_command(&p->fm, id);
}

static unsigned prompt_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct prompt *)s->data)->fm, k);
}

static unsigned prompt_contexts(struct screen *s)
{
	return form_contexts(&((struct prompt *)s->data)->fm);
}

static bool prompt_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct prompt *)s->data)->fm, y, x);
}

static const char *prompt_help(struct screen *s)
{
	struct prompt *p = s->data;

	return p->a.date ? "日付を入力して Enter で決定します。R8.11.24、令和8年11月24日、"
	                   "2026-11-24 などの形で入力できます。Esc で戻ります。"
	                 : "入力して Enter で決定します。Esc で戻ります。";
}

static void prompt_free(struct screen *s)
{
	struct prompt *p = s->data;

	form_release(&p->fm);
	free(p->title);
	free(p->intro);
	free(p->label);
	free(p);
}

static const struct screen_ops prompt_screen = {
    .title = "入力",
    .init = prompt_init,
    .draw = prompt_draw,
    .key = prompt_key,
    .command = prompt_command,
    .contexts = prompt_contexts,
    .help = prompt_help,
    .free = prompt_free,
    .cursor = prompt_cursor,
    .overlay = true,
};

int prompt_open(struct ui *ui, const struct prompt_arg *arg)
{
	return screen_push(ui, &prompt_screen, (void *)arg);
}
