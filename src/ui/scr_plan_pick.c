/* scr_plan_pick.c: two small screens the 進行管理 screens share: a list in
 * which several rows are marked with Space (the cases of a meeting, its
 * staff), and a text to read (会議録, an earlier plan version with its
 * changes) that can be written to a file. Both are the list widget over a
 * table, so they scroll and filter like every list. */
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/fileio.h"
#include "scr_plan_util.h"
#include "tsunagu/text.h"

/* ---- marking several rows ------------------------------------------------- */

struct many {
	struct ui *ui;
	char *title;
	struct ui_table t;
	struct ui_list l;
	bool *marked;
	size_t n;
	unsigned (*done)(struct ui *ui, void *ctx, const size_t *rows, size_t n);
	void *ctx;
	void (*free_ctx)(void *ctx);
};

static const struct list_col many_cols[] = {{"選択", 4, 4, -1, false}, {"", 10, 0, -1, false}};

static const char *many_cell(void *p, size_t row, int col)
{
	struct many *m = p;

	if (col == 0)
		return row < m->n && m->marked[row] ? "[x]" : "[ ]";
	return table_cell(&m->t, row, 0);
}

static size_t many_count(void *p)
{
	return ((struct many *)p)->n;
}

static const struct list_ops many_ops = {.count = many_count, .cell = many_cell};

struct many_arg {
	const char *title;
	const char *const *rows;
	size_t n;
	const bool *marked;
};

static int many_init(struct screen *s, void *arg)
{
	const struct many_arg *a = arg;
	struct many *m = xcalloc(1, sizeof(*m));

	m->ui = s->ui;
	m->title = xstrdup(a->title);
	m->n = a->n;
	m->marked = xcalloc(a->n ? a->n : 1, sizeof(bool));
	table_init(&m->t, 1, m);
	for (size_t i = 0; i < a->n; i++) {
		table_add(&m->t, ST_NORMAL, &a->rows[i]);
		m->marked[i] = a->marked && a->marked[i];
	}
	list_init(&m->l, many_cols, 2, &many_ops, m, "選べる行がありません");
	m->l.header = false;
	list_reload(&m->l);
	s->data = m;
	return 0;
}

static void many_draw(struct screen *s, struct ui_rect r)
{
	struct many *m = s->data;
	size_t k = 0;
	char *head;

	for (size_t i = 0; i < m->n; i++)
		k += m->marked[i];
	head = xasprintf("%s  (選択 %zu 件 / %zu 件)", m->title, k, m->n);
	draw_text(r.y, r.x, r.w, head, -1, ST_TITLE);
	draw_text(r.y + 1, r.x, r.w, "Space で選択・解除、Enter で確定、Esc で中止", -1, ST_DIM);
	list_draw(&m->l, (struct ui_rect){r.y + 2, r.x, r.h - 2, r.w}, true);
	free(head);
}

static unsigned many_finish(struct screen *s)
{
	struct many *m = s->data;
	struct ui *ui = s->ui;
	size_t *rows = xcalloc(m->n ? m->n : 1, sizeof(size_t)), k = 0, sel;
	unsigned (*done)(struct ui *, void *, const size_t *, size_t) = m->done;
	void *ctx = m->ctx;
	void (*free_ctx)(void *) = m->free_ctx;
	unsigned rd;

	for (size_t i = 0; i < m->n; i++)
		if (m->marked[i])
			rows[k++] = i;
	if (k == 0 && list_selected(&m->l, &sel))
		rows[k++] = sel;
	m->free_ctx = NULL; /* ctx goes on to done */
	screen_pop(ui);
	rd = done(ui, ctx, rows, k);
	if (free_ctx)
		free_ctx(ctx);
	free(rows);
	return rd | RD_ALL;
}

static unsigned many_command(struct screen *s, enum cmd_id id)
{
	struct many *m = s->data;
	size_t row;

	if (id == CMD_PICK_MARK) {
		if (list_selected(&m->l, &row)) {
			m->marked[row] = !m->marked[row];
			list_command(&m->l, CMD_DOWN);
		}
		return RD_ALL;
	}
	if (id == CMD_OPEN)
		return many_finish(s);
	return list_command(&m->l, id);
}

static unsigned many_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct many *)s->data)->l, k);
}

static unsigned many_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_PICKMANY | list_contexts(&((struct many *)s->data)->l);
}

static bool many_position(struct screen *s, size_t *n, size_t *total)
{
	struct many *m = s->data;

	*n = m->l.nvis ? m->l.sel + 1 : 0;
	*total = m->l.nvis;
	return true;
}

static bool many_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct many *)s->data)->l, y, x);
}

static const char *many_help(struct screen *s)
{
	return "行を Space で選び (もう一度で解除)、Enter で確定します。"
	       "何も選ばずに Enter を押すとカーソルの行だけを選びます。f で絞り込めます。";
}

static void many_free(struct screen *s)
{
	struct many *m = s->data;

	if (m->free_ctx)
		m->free_ctx(m->ctx);
	list_release(&m->l);
	table_release(&m->t);
	free(m->marked);
	free(m->title);
	free(m);
}

static const struct screen_ops many_screen = {
    .title = "選択",
    .init = many_init,
    .draw = many_draw,
    .key = many_key,
    .command = many_command,
    .contexts = many_contexts,
    .help = many_help,
    .free = many_free,
    .position = many_position,
    .cursor = many_cursor,
};

int many_open(struct ui *ui, const char *title, const char *const *rows, size_t n,
              const bool *marked,
              unsigned (*done)(struct ui *ui, void *ctx, const size_t *rows, size_t n), void *ctx,
              void (*free_ctx)(void *ctx))
{
	struct many_arg a = {title, rows, n, marked};
	struct many *m;

	if (screen_push(ui, &many_screen, &a) != 0) {
		if (free_ctx)
			free_ctx(ctx);
		return -1;
	}
	m = screen_top(ui)->data;
	m->done = done;
	m->ctx = ctx;
	m->free_ctx = free_ctx;
	return 0;
}

/* ---- a text to read -------------------------------------------------------- */

struct tview {
	struct ui *ui;
	char *title, *text, *file_name;
	struct ui_table t;
	struct ui_list l;
	int wrapped_at;
};

static const struct list_col tview_cols[] = {{"", 1, 0, -1, false}};

static const struct list_ops tview_ops = {
    .count = table_count, .cell = table_cell, .style = table_style};

/* Wrap the text to w columns, one table row per display line. */
static void tview_wrap(struct tview *v, int w)
{
	const char *p = v->text;

	if (w == v->wrapped_at)
		return;
	v->wrapped_at = w;
	table_clear(&v->t);
	while (*p) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		char **lines;
		size_t n = text_wrap(line, w, &lines);

		for (size_t i = 0; i < n || i == 0; i++) {
			const char *cell = i < n ? lines[i] : "";

			table_add(&v->t, ST_NORMAL, &cell);
		}
		text_lines_free(lines, n);
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
	list_reload(&v->l);
}

struct tview_arg {
	const char *title, *text, *file_name;
};

static int tview_init(struct screen *s, void *arg)
{
	const struct tview_arg *a = arg;
	struct tview *v = xcalloc(1, sizeof(*v));

	v->ui = s->ui;
	v->title = xstrdup(a->title);
	v->text = xstrdup(a->text);
	v->file_name = a->file_name ? xstrdup(a->file_name) : NULL;
	table_init(&v->t, 1, v);
	list_init(&v->l, tview_cols, 1, &tview_ops, &v->t, "(空です)");
	v->l.header = false;
	s->data = v;
	tview_wrap(v, s->rect.w - 2 > 10 ? s->rect.w - 2 : 10);
	return 0;
}

static void tview_draw(struct screen *s, struct ui_rect r)
{
	struct tview *v = s->data;

	tview_wrap(v, r.w - 2 > 10 ? r.w - 2 : 10);
	draw_text(r.y, r.x, r.w, v->title, -1, ST_TITLE);
	list_draw(&v->l, (struct ui_rect){r.y + 1, r.x + 1, r.h - 1, r.w - 1}, false);
}

static int tview_write(struct ui *ui, void *ctx, const char *text, struct date d)
{
	struct tview *v = ctx;
	struct tsu_err e = {0};
	char *path = file_expand(text);
	int rc = fileio_write_atomic(path, v->text, strlen(v->text), &e);

	if (rc != 0)
		ui_message(ui, MSG_ERROR, "書き出せません: %s", e.msg);
	else
		ui_message(ui, MSG_INFO, "%s に書き出しました", path);
	free(path);
	return rc == 0 ? 0 : -1;
}

static unsigned tview_command(struct screen *s, enum cmd_id id)
{
	struct tview *v = s->data;
	char *initial;
	struct prompt_arg a = {0};

	if (id != CMD_TEXT_EXPORT)
		return list_command(&v->l, id);
	if (!v->file_name) {
		ui_message(s->ui, MSG_WARN, "この文章はファイルに書き出せません");
		return RD_STATUS;
	}
	initial = file_home_path(v->file_name);
	a.title = "ファイルに書き出す";
	a.intro =
	    "書き出すファイルの名前 (~/ はホームディレクトリ)。同じ名前のファイルは置き換えます";
	a.label = "ファイル";
	a.initial = initial;
	a.on_ok = tview_write;
	a.ctx = v;
	prompt_open(s->ui, &a);
	free(initial);
	return RD_ALL;
}

static unsigned tview_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct tview *)s->data)->l, k);
}

static unsigned tview_contexts(struct screen *s)
{
	struct tview *v = s->data;

	return CTX_GLOBAL | (v->file_name ? CTX_TEXTVIEW : 0) | list_contexts(&v->l);
}

static bool tview_position(struct screen *s, size_t *n, size_t *total)
{
	struct tview *v = s->data;

	*n = v->l.nvis ? v->l.sel + 1 : 0;
	*total = v->l.nvis;
	return true;
}

static bool tview_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct tview *)s->data)->l, y, x);
}

static const char *tview_help(struct screen *s)
{
	return "文章を表示します。上下・PgUp/PgDn で読み進め、f で行を絞り込み、"
	       "e でファイルに書き出します (書き出せる文章のみ)。";
}

static void tview_free(struct screen *s)
{
	struct tview *v = s->data;

	list_release(&v->l);
	table_release(&v->t);
	free(v->title);
	free(v->text);
	free(v->file_name);
	free(v);
}

static const struct screen_ops tview_screen = {
    .title = "文章の表示",
    .init = tview_init,
    .draw = tview_draw,
    .key = tview_key,
    .command = tview_command,
    .contexts = tview_contexts,
    .help = tview_help,
    .free = tview_free,
    .position = tview_position,
    .cursor = tview_cursor,
};

int textview_open(struct ui *ui, const char *title, const char *text, const char *file_name)
{
	struct tview_arg a = {title, text ? text : "", file_name};

	return screen_push(ui, &tview_screen, &a);
}

/* ---- both versions after a conflicting save -------------------------------- */

struct conflict {
	char *what, *mine, *theirs;
	unsigned (*keep_mine)(struct ui *ui, void *ctx);
	unsigned (*keep_theirs)(struct ui *ui, void *ctx);
	void *ctx;
};

static int conflict_init(struct screen *s, void *arg)
{
	s->data = arg;
	return 0;
}

static void draw_column(struct ui_rect r, const char *title, const char *text)
{
	char **lines;
	size_t n = text_wrap(text, r.w - 2, &lines);

	draw_box(r, title, ST_FRAME);
	for (size_t i = 0; i < n && (int)i < r.h - 2; i++)
		draw_text(r.y + 1 + (int)i, r.x + 1, r.w - 2, lines[i], -1, ST_NORMAL);
	text_lines_free(lines, n);
}

static void conflict_draw(struct screen *s, struct ui_rect r)
{
	struct conflict *c = s->data;
	char *head = xasprintf("%s: ほかの職員が先に保存しました", c->what);
	int half = r.w / 2;

	draw_text(r.y, r.x, r.w, head, -1, ST_WARN);
	draw_text(r.y + 1, r.x, r.w,
	          "m: 自分の入力で上書き保存   t: 保存済みの内容を採用 (自分の入力は破棄)"
	          "   Esc: 入力に戻る",
	          -1, ST_TITLE);
	draw_column((struct ui_rect){r.y + 2, r.x, r.h - 2, half}, "あなたの入力", c->mine);
	draw_column((struct ui_rect){r.y + 2, r.x + half, r.h - 2, r.w - half},
	            "保存済みの内容 (ほかの職員)", c->theirs);
	free(head);
}

static unsigned conflict_command(struct screen *s, enum cmd_id id)
{
	struct conflict *c = s->data;
	unsigned (*fn)(struct ui *, void *) = NULL;
	void *ctx = c->ctx;
	struct ui *ui = s->ui;

	if (id == CMD_KEEP_MINE)
		fn = c->keep_mine;
	else if (id == CMD_KEEP_THEIRS)
		fn = c->keep_theirs;
	if (!fn)
		return RD_UNHANDLED;
	screen_pop(ui); /* frees c */
	return fn(ui, ctx) | RD_ALL;
}

static unsigned conflict_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_CONFLICT;
}

static const char *conflict_help(struct screen *s)
{
	return "同じ記録をほかの職員が先に保存しました。左が自分の入力、右が保存済みの"
	       "内容です。m で自分の入力で上書き、t で保存済みの内容を採用、Esc で入力に"
	       "戻ります (入力した文章は残っています)。";
}

static void conflict_free(struct screen *s)
{
	struct conflict *c = s->data;

	free(c->what);
	free(c->mine);
	free(c->theirs);
	free(c);
}

static const struct screen_ops plan_conflict_screen = {
    .title = "保存の競合",
    .init = conflict_init,
    .draw = conflict_draw,
    .command = conflict_command,
    .contexts = conflict_contexts,
    .help = conflict_help,
    .free = conflict_free,
};

int conflict_open(struct ui *ui, const char *what, const char *mine, const char *theirs,
                  unsigned (*keep_mine)(struct ui *ui, void *ctx),
                  unsigned (*keep_theirs)(struct ui *ui, void *ctx), void *ctx)
{
	struct conflict *c = xcalloc(1, sizeof(*c));

	c->what = xstrdup(what);
	c->mine = xstrdup(mine);
	c->theirs = xstrdup(theirs);
	c->keep_mine = keep_mine;
	c->keep_theirs = keep_theirs;
	c->ctx = ctx;
	if (screen_push(ui, &plan_conflict_screen, c) != 0) {
		conflict_free(&(struct screen){.data = c});
		return -1;
	}
	return 0;
}
