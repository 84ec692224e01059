/* dlg_pick.c: choose one item of a short list, drawn over the screen below
 * (the worker a 業務日誌 is for, the table 統計 shows). It is the list
 * widget, so it scrolls and filters like every list; Enter picks (the
 * callback runs while the list is still on top, then the list closes). */
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/text.h"

#define PICK_W 60

struct pick {
	char *title;
	struct ui_table t;
	struct ui_list l;
	unsigned (*on_pick)(struct ui *ui, void *ctx, size_t index);
	void *ctx;
	struct ui *ui;
};

struct pick_init {
	const char *title;
	const char *const *items;
	size_t n, sel;
	unsigned (*on_pick)(struct ui *ui, void *ctx, size_t index);
	void *ctx;
};

static const struct list_col pick_cols[] = {{"", 1, 0, -1, false}};

static unsigned pick_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct pick *p = t->owner;
	struct ui *ui = p->ui;
	struct screen *me = screen_top(ui);
	unsigned rd = p->on_pick(ui, p->ctx, row);

	/* after the callback, so the screen below sees the choice when its
	 * focus callback runs */
	if (screen_top(ui) == me)
		screen_pop(ui); /* frees p */
	return rd | RD_ALL;
}

static const struct list_ops pick_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = pick_activate,
    .style = table_style,
};

static int pick_init(struct screen *s, void *arg)
{
	const struct pick_init *in = arg;
	struct pick *p = xcalloc(1, sizeof(*p));

	p->title = xstrdup(in->title);
	p->on_pick = in->on_pick;
	p->ctx = in->ctx;
	p->ui = s->ui;
	table_init(&p->t, 1, p);
	for (size_t i = 0; i < in->n; i++)
		table_add(&p->t, ST_NORMAL, &in->items[i]);
	list_init(&p->l, pick_cols, 1, &pick_ops, &p->t, "選べるものがありません");
	p->l.header = false;
	p->l.sel = in->sel < in->n ? in->sel : 0;
	s->data = p;
	return 0;
}

static void pick_draw(struct screen *s, struct ui_rect area)
{
	struct pick *p = s->data;
	int w = area.w - 4 < PICK_W ? area.w - 4 : PICK_W;
	int h = (int)p->t.n + 3 + (p->l.filtering || p->l.filter.len ? 1 : 0);
	struct ui_rect box;

	if (h > area.h - 2)
		h = area.h - 2;
	if (h < 4)
		h = 4;
	box = (struct ui_rect){area.y + (area.h - h) / 2, area.x + (area.w - w) / 2, h, w};
	draw_clear(box);
	draw_box(box, p->title, ST_TITLE);
	list_draw(&p->l, (struct ui_rect){box.y + 1, box.x + 2, h - 2, w - 4}, true);
}

static unsigned pick_command(struct screen *s, enum cmd_id id)
{
	return list_command(&((struct pick *)s->data)->l, id);
}

static unsigned pick_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct pick *)s->data)->l, k);
}

static unsigned pick_contexts(struct screen *s)
{
	return CTX_GLOBAL | list_contexts(&((struct pick *)s->data)->l);
}

static bool pick_position(struct screen *s, size_t *n, size_t *total)
{
	struct pick *p = s->data;

	*n = p->l.nvis ? p->l.sel + 1 : 0;
	*total = p->l.nvis;
	return true;
}

static bool pick_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct pick *)s->data)->l, y, x);
}

static const char *pick_help(struct screen *s)
{
	return "上下で選び、Enter で決定します。文字を入力すると絞り込めます。Esc で戻ります。";
}

static void pick_free(struct screen *s)
{
	struct pick *p = s->data;

	list_release(&p->l);
	table_release(&p->t);
	free(p->title);
	free(p);
}

static const struct screen_ops pick_screen = {
    .title = "選択",
    .init = pick_init,
    .draw = pick_draw,
    .key = pick_key,
    .command = pick_command,
    .contexts = pick_contexts,
    .help = pick_help,
    .free = pick_free,
    .position = pick_position,
    .cursor = pick_cursor,
    .overlay = true,
};

int pick_open(struct ui *ui, const char *title, const char *const *items, size_t n, size_t sel,
              unsigned (*on_pick)(struct ui *ui, void *ctx, size_t index), void *ctx)
{
	struct pick_init in = {title, items, n, sel, on_pick, ctx};

	return screen_push(ui, &pick_screen, &in);
}
