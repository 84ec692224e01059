/* help.c: the help screen (F1/?) and ui_print_keys() for the man page. Both
 * walk the command table section by section with the keys from keys.c, so
 * neither the help nor the manual is ever kept by hand. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

#define KEY_COL_MAX 22

typedef void (*help_fn)(void *arg, const struct keys_section *sec, const char *keys,
                        const struct ui_command *c);

/* Calls fn once per section (keys and c NULL), then once per command in it. */
static void help_walk(help_fn fn, void *arg)
{
	const struct keys_section *secs;
	size_t ns = keys_sections(&secs);

	for (size_t i = 0; i < ns; i++) {
		fn(arg, &secs[i], NULL, NULL);
		for (size_t j = 0; j < cmd_count(); j++) {
			const struct ui_command *c = cmd_at(j);
			char *keys;

			if (!(c->ctx & secs[i].ctx) || (c->ctx == ~0u && secs[i].ctx != CTX_GLOBAL))
				continue;
			keys = keys_for_command(c->id, secs[i].ctx, false, " / ");
			if (*keys)
				fn(arg, &secs[i], keys, c);
			free(keys);
		}
	}
}

/* ---- the help screen ---------------------------------------------------- */

struct help {
	struct list_col cols[2];
	struct ui_table t;
	struct ui_list l;
	struct screen *about; /* the screen the help is for */
	int keyw;
	int descw;
};

static const struct list_col help_cols[] = {
    {"キー", 4, KEY_COL_MAX, -1, false},
    {"説明", 10, 0, -1, false},
};

#define COL_GAP 2

static const struct list_ops help_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .style = table_style,
};

static void add_wrapped(struct help *h, const char *key, const char *text, enum ui_style st)
{
	char **lines;
	size_t n = text_wrap(text, h->descw, &lines);

	for (size_t i = 0; i < n || i == 0; i++) {
		const char *row[2] = {i == 0 ? key : "", i < n ? lines[i] : ""};

		table_add(&h->t, i == 0 ? st : ST_NORMAL, row);
	}
	text_lines_free(lines, n);
}

static void measure_keys(void *arg, const struct keys_section *sec, const char *keys,
                         const struct ui_command *c)
{
	struct help *h = arg;
	int w = keys ? text_width(keys) : 0;

	if (w > h->keyw)
		h->keyw = w > KEY_COL_MAX ? KEY_COL_MAX : w;
}

static void add_row(void *arg, const struct keys_section *sec, const char *keys,
                    const struct ui_command *c)
{
	struct help *h = arg;
	char *t;

	if (!keys) {
		const char *row[2] = {"", ""};

		table_add(&h->t, ST_NORMAL, row);
		t = xasprintf("[%s]", sec->title);
		row[0] = t;
		table_add(&h->t, ST_TITLE, row);
		free(t);
		return;
	}
	t = xasprintf("%s: %s", c->label, c->help);
	add_wrapped(h, keys, t, ST_NORMAL);
	free(t);
}

static void help_build(struct help *h, struct ui_rect r)
{
	const char *about = h->about && h->about->ops->help ? h->about->ops->help(h->about) : "";
	char *title = xasprintf("「%s」の画面", h->about ? h->about->ops->title : "");

	h->keyw = 4;
	help_walk(measure_keys, h);
	h->cols[0].min = h->cols[0].max = h->keyw;
	h->descw = r.w - h->keyw - COL_GAP > 10 ? r.w - h->keyw - COL_GAP : 10;
	table_clear(&h->t);
	add_wrapped(h, "", title, ST_TITLE);
	add_wrapped(h, "", about, ST_NORMAL);
	add_wrapped(h, "",
	            "入力欄では文字のキーは文字として入力されます。"
	            "そのときは F キー、Esc、Ctrl のキーを使ってください。",
	            ST_NORMAL);
	help_walk(add_row, h);
	list_reload(&h->l);
	free(title);
}

static int help_init(struct screen *s, void *arg)
{
	struct help *h = xcalloc(1, sizeof(*h));

	h->about = arg;
	memcpy(h->cols, help_cols, sizeof(h->cols));
	table_init(&h->t, 2, s);
	list_init(&h->l, h->cols, 2, &help_list_ops, &h->t, "");
	s->data = h;
	help_build(h, s->rect);
	return 0;
}

static void help_draw(struct screen *s, struct ui_rect r)
{
	struct help *h = s->data;

	draw_text(r.y, r.x, r.w, "ヘルプ  (Esc/F10/q で戻る、f で絞り込み)", -1, ST_TITLE);
	list_draw(&h->l, (struct ui_rect){r.y + 1, r.x, r.h - 1, r.w}, true);
}

static void help_resize(struct screen *s, struct ui_rect r)
{
	help_build(s->data, r);
}

static unsigned help_command(struct screen *s, enum cmd_id id)
{
	return list_command(&((struct help *)s->data)->l, id);
}

static unsigned help_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct help *)s->data)->l, k);
}

static unsigned help_contexts(struct screen *s)
{
	return CTX_GLOBAL | list_contexts(&((struct help *)s->data)->l);
}

static bool help_position(struct screen *s, size_t *n, size_t *total)
{
	struct help *h = s->data;

	*n = h->l.nvis ? h->l.sel + 1 : 0;
	*total = h->l.nvis;
	return true;
}

static bool help_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct help *)s->data)->l, y, x);
}

static const char *help_help(struct screen *s)
{
	return "キーの一覧です。Up/Down で動かし、f で絞り込めます。";
}

static void help_free(struct screen *s)
{
	struct help *h = s->data;

	list_release(&h->l);
	table_release(&h->t);
	free(h);
}

const struct screen_ops help_screen = {
    .title = "ヘルプ",
    .init = help_init,
    .draw = help_draw,
    .key = help_key,
    .command = help_command,
    .resize = help_resize,
    .contexts = help_contexts,
    .help = help_help,
    .free = help_free,
    .position = help_position,
    .cursor = help_cursor,
};

/* ---- the man page's key list --------------------------------------------- */

struct print_ctx {
	FILE *out;
	bool en;
	bool troff;
};

static void troff_line(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else
			fputc(*s, out);
	}
	fputc('\n', out);
}

static void print_row(void *arg, const struct keys_section *sec, const char *keys,
                      const struct ui_command *c)
{
	struct print_ctx *p = arg;
	const char *title = p->en ? sec->title_en : sec->title;
	char *text, *pad;

	if (!keys) {
		if (p->troff)
			fprintf(p->out, ".SS \"%s\"\n", title);
		else
			fprintf(p->out, "\n%s\n", title);
		return;
	}
	text = p->en ? xasprintf("%s: %s", c->name, c->help_en)
	             : xasprintf("%s: %s", c->label, c->help);
	if (p->troff) {
		fprintf(p->out, ".TP\n.B \"%s\"\n", keys);
		troff_line(p->out, text);
	} else {
		pad = text_pad(keys, KEY_COL_MAX, -1);
		fprintf(p->out, "  %s %s\n", pad, text);
		free(pad);
	}
	free(text);
}

void ui_print_keys(FILE *out, const char *lang, bool troff)
{
	struct print_ctx p = {out, lang && strcmp(lang, "en") == 0, troff};

	text_init();
	help_walk(print_row, &p);
}
