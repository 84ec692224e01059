/* confirm.c: a yes/no question drawn over the screen below it, used before
 * anything typed would be thrown away. */
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

static int confirm_init(struct screen *s, void *arg)
{
	s->data = arg;
	return 0;
}

static void confirm_draw(struct screen *s, struct ui_rect area)
{
	const struct confirm_arg *a = s->data;
	char *yes = keys_for_command(CMD_YES, CTX_CONFIRM, false, "/");
	char *no = keys_for_command(CMD_NO, CTX_CONFIRM, false, "/");
	char *opts = xasprintf("%s: %s   %s: %s", yes, a->yes_label, no, a->no_label);
	int w = area.w - 4 < 70 ? area.w - 4 : 70;
	char **lines;
	size_t n = text_wrap(a->question, w - 4, &lines);
	struct ui_rect box = {area.y + area.h / 2 - (int)(n + 4) / 2, area.x + (area.w - w) / 2,
	                      (int)n + 4, w};

	draw_clear(box);
	draw_box(box, "確認", ST_WARN);
	for (size_t i = 0; i < n; i++)
		draw_text(box.y + 1 + (int)i, box.x + 2, w - 4, lines[i], -1, ST_NORMAL);
	draw_text(box.y + (int)n + 2, box.x + 2, w - 4, opts, -1, ST_TITLE);
	text_lines_free(lines, n);
	free(yes);
	free(no);
	free(opts);
}

static unsigned confirm_command(struct screen *s, enum cmd_id id)
{
	const struct confirm_arg *a = s->data;

	if (id == CMD_YES)
		return a->on_yes(s->ui, a->arg);
	if (id == CMD_NO) {
		screen_pop(s->ui);
		return RD_ALL;
	}
	return RD_UNHANDLED;
}

static unsigned confirm_contexts(struct screen *s)
{
	return CTX_CONFIRM;
}

static const char *confirm_help(struct screen *s)
{
	return "確認の質問に答えてください。";
}

const struct screen_ops confirm_screen = {
    .title = "確認",
    .init = confirm_init,
    .draw = confirm_draw,
    .command = confirm_command,
    .contexts = confirm_contexts,
    .help = confirm_help,
    .overlay = true,
};
