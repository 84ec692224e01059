/* list.c: the one list widget (STYLE rule 4). Rows come from callbacks;
 * the widget scrolls, keeps the selection, filters incrementally with the
 * core's search keys (key_variant: kana, width and variant kanji folded) and
 * lays out columns by display width, so 髙橋, 𠮷田, ｶﾞｸｾｲ and 葛󠄀飾 line up and
 * no name is cut through a character. */
#include <stdlib.h>

#include "tsunagu/key.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define COL_GAP 2

void list_init(struct ui_list *l, const struct list_col *cols, int ncols,
               const struct list_ops *ops, void *ctx, const char *empty_text)
{
	memset(l, 0, sizeof(*l));
	l->cols = cols;
	l->ncols = ncols;
	l->ops = ops;
	l->ctx = ctx;
	l->empty_text = empty_text;
	l->header = true;
	l->width = xcalloc((size_t)ncols, sizeof(int));
	sbuf_adds(&l->filter, "");
	list_reload(l);
}

static void free_keys(struct ui_list *l)
{
	for (size_t i = 0; i < l->nkeys; i++)
		free(l->keys[i]);
	free(l->keys);
	l->keys = NULL;
	l->nkeys = 0;
}

void list_release(struct ui_list *l)
{
	free_keys(l);
	free(l->vis);
	free(l->width);
	sbuf_release(&l->filter);
	memset(l, 0, sizeof(*l));
}

static char *row_text(struct ui_list *l, size_t row)
{
	struct sbuf sb = {0};

	if (l->ops->search_text)
		return l->ops->search_text(l->ctx, row);
	sbuf_adds(&sb, "");
	for (int c = 0; c < l->ncols; c++) {
		sbuf_adds(&sb, l->ops->cell(l->ctx, row, c));
		sbuf_addc(&sb, ' ');
	}
	return sbuf_detach(&sb);
}

static const char *row_key(struct ui_list *l, size_t row)
{
	if (!l->keys) {
		l->nkeys = l->ops->count(l->ctx);
		l->keys = xcalloc(l->nkeys ? l->nkeys : 1, sizeof(char *));
	}
	if (row >= l->nkeys)
		return "";
	if (!l->keys[row]) {
		char *t = row_text(l, row);

		l->keys[row] = key_variant(t);
		free(t);
	}
	return l->keys[row];
}

/* Recompute the visible rows, keeping the selected row when it stays. */
static void apply_filter(struct ui_list *l)
{
	size_t n = l->ops->count(l->ctx), keep = SIZE_MAX;
	char *q = key_variant(l->filter.buf);

	if (l->sel < l->nvis)
		keep = l->vis[l->sel];
	free(l->vis);
	l->vis = xcalloc(n ? n : 1, sizeof(size_t));
	l->nvis = 0;
	l->sel = 0;
	for (size_t i = 0; i < n; i++) {
		if (*q && !strstr(row_key(l, i), q))
			continue;
		if (i == keep)
			l->sel = l->nvis;
		l->vis[l->nvis++] = i;
	}
	free(q);
}

static void measure(struct ui_list *l)
{
	size_t n = l->ops->count(l->ctx);

	for (int c = 0; c < l->ncols; c++) {
		int w = l->header ? text_width(l->cols[c].title) : 0;

		for (size_t i = 0; i < n; i++) {
			int cw = text_width(l->ops->cell(l->ctx, i, c));

			if (cw > w)
				w = cw;
		}
		if (w < l->cols[c].min)
			w = l->cols[c].min;
		if (l->cols[c].max && w > l->cols[c].max && !l->cols[c].keep)
			w = l->cols[c].max;
		l->width[c] = w;
	}
}

void list_reload(struct ui_list *l)
{
	free_keys(l);
	apply_filter(l);
	measure(l);
}

bool list_selected(const struct ui_list *l, size_t *row)
{
	if (l->sel >= l->nvis)
		return false;
	*row = l->vis[l->sel];
	return true;
}

unsigned list_contexts(const struct ui_list *l)
{
	return l->filtering ? CTX_LIST | CTX_FILTER | CTX_TEXT : CTX_LIST;
}

static void move_sel(struct ui_list *l, long delta)
{
	long s = (long)l->sel + delta;

	if (l->nvis == 0) {
		l->sel = 0;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)l->nvis)
		s = (long)l->nvis - 1;
	l->sel = (size_t)s;
}

static unsigned filter_edit(struct ui_list *l, enum cmd_id id)
{
	struct ui_edit e = {.s = l->filter, .cur = l->fcur};
	bool changed = false;

	edit_command(&e, id, &changed);
	l->filter = e.s;
	l->fcur = e.cur;
	if (changed)
		apply_filter(l);
	return RD_ALL;
}

unsigned list_command(struct ui_list *l, enum cmd_id id)
{
	long page = l->page > 1 ? l->page - 1 : 1;
	size_t row;

	switch (id) {
	case CMD_UP: move_sel(l, -1); break;
	case CMD_DOWN: move_sel(l, 1); break;
	case CMD_PGUP: move_sel(l, -page); break;
	case CMD_PGDN: move_sel(l, page); break;
	case CMD_TOP: move_sel(l, -(long)l->nvis); break;
	case CMD_BOTTOM: move_sel(l, (long)l->nvis); break;
	case CMD_FILTER:
		l->filtering = true;
		l->fcur = l->filter.len;
		break;
	case CMD_FILTER_END: l->filtering = false; break;
	case CMD_FILTER_CLEAR:
		l->filtering = false;
		sbuf_reset(&l->filter);
		l->fcur = 0;
		apply_filter(l);
		break;
	case CMD_OPEN:
		if (l->ops->activate && list_selected(l, &row))
			return l->ops->activate(l->ctx, row);
		return RD_NONE;
	case CMD_LEFT:
	case CMD_RIGHT:
	case CMD_BOL:
	case CMD_EOL:
	case CMD_KILL_EOL:
	case CMD_KILL_BOL:
	case CMD_BACKSPACE:
	case CMD_DELETE: return l->filtering ? filter_edit(l, id) : RD_UNHANDLED;
	default: return RD_UNHANDLED;
	}
	return RD_ALL;
}

unsigned list_key(struct ui_list *l, const struct ui_key *k)
{
	struct ui_edit e;

	if (!uk_is_text(k->code))
		return RD_UNHANDLED;
	/* Japanese from an input method starts the filter at once; ASCII
	 * letters outside the filter stay commands. */
	if (!l->filtering && k->code >= 0x80 && !k->invalid) {
		l->filtering = true;
		l->fcur = l->filter.len;
	}
	if (!l->filtering)
		return RD_UNHANDLED;
	e = (struct ui_edit){.s = l->filter, .cur = l->fcur, .maxlen = 200};
	edit_insert_cp(&e, (uint32_t)k->code);
	l->filter = e.s;
	l->fcur = e.cur;
	apply_filter(l);
	return RD_ALL;
}

/* The widest column that may still shrink: first among the columns that are
 * not names (down to their minimum), then among all (down to 2); -1 if none. */
static int shrinkable(const struct ui_list *l, const int *cw)
{
	int best = -1;

	for (int pass = 0; pass < 2 && best < 0; pass++)
		for (int c = 0; c < l->ncols; c++) {
			int floor = pass == 0 ? l->cols[c].min : 2;

			if ((pass == 0 && l->cols[c].keep) || cw[c] <= floor || cw[c] <= 2)
				continue;
			if (best < 0 || cw[c] > cw[best])
				best = c;
		}
	return best;
}

/* Shrink columns until the row fits in w; names last. */
static void fit_columns(const struct ui_list *l, int *cw, int w)
{
	int total = 0;

	for (int c = 0; c < l->ncols; c++)
		total += l->width[c] + (c ? COL_GAP : 0);
	memcpy(cw, l->width, (size_t)l->ncols * sizeof(int));
	while (total > w) {
		int c = shrinkable(l, cw);

		if (c < 0)
			break;
		cw[c]--;
		total--;
	}
}

/* A cell's text; one that does not fit ends in ".." rather than being cut
 * silently. */
static void draw_cell(int y, int x, int w, const char *t, int align, enum ui_style st)
{
	char *cut;

	if (!t || text_width(t) <= w) {
		draw_text(y, x, w, t, align, st);
		return;
	}
	cut = text_cut(t, w, true, NULL);
	draw_text(y, x, w, cut, align, st);
	free(cut);
}

static void draw_row(const struct ui_list *l, int y, int x, const int *cw, size_t row,
                     enum ui_style st, int w)
{
	int cx = x;

	draw_text(y, x, w, "", -1, st);
	for (int c = 0; c < l->ncols && cx < x + w; c++) {
		const char *t = row == SIZE_MAX ? l->cols[c].title : l->ops->cell(l->ctx, row, c);
		int cwid = cw[c] < x + w - cx ? cw[c] : x + w - cx;

		draw_cell(y, cx, cwid, t, l->cols[c].align, st);
		cx += cw[c] + COL_GAP;
	}
}

static void draw_filter(struct ui_list *l, struct ui_rect r)
{
	char *t = xasprintf("絞り込み: %s", l->filter.buf);
	char *count = xasprintf(" (%zu件)", l->nvis);
	int cw = text_width(count);

	draw_text(r.y + r.h - 1, r.x, r.w - cw, t, -1, l->filtering ? ST_FIELD_FOCUS : ST_DIM);
	draw_text(r.y + r.h - 1, r.x + r.w - cw, cw, count, 1, ST_DIM);
	free(t);
	free(count);
}

static void scroll_to_sel(struct ui_list *l, int rows)
{
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	if (l->top > 0 && l->nvis - l->top < (size_t)rows)
		l->top = l->nvis > (size_t)rows ? l->nvis - (size_t)rows : 0;
}

void list_draw(struct ui_list *l, struct ui_rect r, bool focused)
{
	int cw[16], y = r.y, rows;
	bool show_filter = l->filtering || l->filter.len > 0;

	l->last = r;
	if (r.h <= 0 || r.w <= 0 || l->ncols > 16)
		return;
	fit_columns(l, cw, r.w);
	if (l->header)
		draw_row(l, y++, r.x, cw, SIZE_MAX, ST_HEADER, r.w);
	rows = r.y + r.h - y - (show_filter ? 1 : 0);
	l->page = rows;
	scroll_to_sel(l, rows);
	if (l->nvis == 0 && rows > 0)
		draw_text(y, r.x, r.w, l->filter.len ? "該当する行はありません" : l->empty_text, -1,
		          ST_DIM);
	for (int i = 0; i < rows && l->top + (size_t)i < l->nvis; i++) {
		size_t v = l->top + (size_t)i, row = l->vis[v];
		enum ui_style st = l->ops->style ? l->ops->style(l->ctx, row) : ST_NORMAL;

		if (v == l->sel && focused)
			st = ST_SELECTED;
		draw_row(l, y + i, r.x, cw, row, st, r.w);
	}
	if (show_filter)
		draw_filter(l, r);
}

bool list_cursor(const struct ui_list *l, int *y, int *x)
{
	char *before;

	if (!l->filtering)
		return false;
	before = xasprintf("絞り込み: %.*s", (int)l->fcur, l->filter.buf);
	*y = l->last.y + l->last.h - 1;
	*x = l->last.x + text_width(before);
	free(before);
	return *x < l->last.x + l->last.w;
}
