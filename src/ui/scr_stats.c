/* scr_stats.c: 統計 (F6/s), the fiscal-year statistics of report_annual one
 * table at a time. Three areas, Tab between them: the 年度 (←/→ move a
 * year, [ and ] do so from anywhere), the table (←/→ or t to pick one) and
 * the table itself, which scrolls down by rows (the list widget) and
 * sideways by whole columns while the row labels stay put: a column is
 * shown whole or not at all, so no label or heading is ever cut in half.
 * Column headings wrap like the printed report's (after ・, before "(").
 * e exports the statistics as CSV (report_render_csv through
 * ledger_export, kind stats). */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/report.h"
#include "tsunagu/text.h"

#define GAP      2  /* as the list widget's column gap */
#define HEAD_CAP 12 /* headings wider than this wrap, as in report_render_text */
#define MAX_VIS  15 /* count columns shown at once (the list draws up to 16) */
#define NOTE_MAX 3  /* footnote lines kept under the table */

enum area { A_FY, A_TABLE, A_BODY, A_COUNT };

struct head {
	char **lines;
	size_t n;
	int width;
};

struct stats {
	struct ui *ui;
	int fy;
	struct report r;
	bool have;
	size_t sec; /* index into r.sections */
	enum area area;
	size_t hcol; /* first count column shown */
	size_t nvis; /* count columns shown at the last layout */
	int label_w;
	struct head *heads; /* per count column of the section */
	size_t nheads;
	char **labels; /* per row: the label indented by its level */
	size_t nlabels;
	struct list_col cols[MAX_VIS + 1];
	struct ui_list l;
	bool list_ready;
	int laid_w; /* width of the last layout, 0 = stale */
	char cellbuf[32];
};

/* ---- headings ----------------------------------------------------------- */

static void head_push(struct head *h, char *line)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof(*h->lines));
	h->lines[h->n++] = line;
	if (text_width(line) > h->width)
		h->width = text_width(line);
}

/* Pieces end after each "・" and before each "("; pieces are packed into
 * lines of at most HEAD_CAP columns, a longer piece wrapped at characters. */
static void head_layout(const char *label, int min_w, struct head *h)
{
	struct sbuf cur = {0};
	const char *p = label;

	memset(h, 0, sizeof(*h));
	h->width = min_w;
	while (*p) {
		const char *q = p + (*p == '(' ? 1 : 0);
		const char *dot = strstr(q, "・"), *par = strchr(q, '(');
		const char *end = dot ? dot + strlen("・") : p + strlen(p);
		char *piece;

		if (par && par < end)
			end = par;
		piece = xstrndup(p, (size_t)(end - p));
		if (cur.len && text_width(cur.buf) + text_width(piece) > HEAD_CAP) {
			char **w;
			size_t nw = text_wrap(cur.buf, HEAD_CAP, &w);

			for (size_t i = 0; i < nw; i++)
				head_push(h, w[i]);
			free(w);
			sbuf_reset(&cur);
		}
		sbuf_adds(&cur, piece);
		free(piece);
		p = end;
	}
	if (cur.len || h->n == 0) {
		char **w;
		size_t nw = text_wrap(cur.len ? cur.buf : "", HEAD_CAP, &w);

		for (size_t i = 0; i < nw; i++)
			head_push(h, w[i]);
		free(w);
	}
	sbuf_release(&cur);
}

static void heads_free(struct stats *st)
{
	for (size_t i = 0; i < st->nheads; i++)
		text_lines_free(st->heads[i].lines, st->heads[i].n);
	free(st->heads);
	st->heads = NULL;
	st->nheads = 0;
	text_lines_free(st->labels, st->nlabels);
	st->labels = NULL;
	st->nlabels = 0;
}

static const struct report_section *cur_section(const struct stats *st)
{
	return st->have && st->sec < st->r.nsections ? &st->r.sections[st->sec] : NULL;
}

/* Widths of the label column and of every count column of the section. */
static void measure(struct stats *st)
{
	const struct report_section *s = cur_section(st);
	char num[32];

	heads_free(st);
	st->label_w = 4;
	if (!s || s->kind != REPORT_COUNTS)
		return;
	st->label_w = text_width(s->corner);
	st->labels = xcalloc(s->nrows ? s->nrows : 1, sizeof(*st->labels));
	st->nlabels = s->nrows;
	for (size_t i = 0; i < s->nrows; i++) {
		st->labels[i] = xasprintf("%*s%s", 2 * s->rows[i].level, "", s->rows[i].label);
		if (text_width(st->labels[i]) > st->label_w)
			st->label_w = text_width(st->labels[i]);
	}
	st->heads = xcalloc(s->ncols ? s->ncols : 1, sizeof(*st->heads));
	st->nheads = s->ncols;
	for (size_t c = 0; c < s->ncols; c++) {
		int w = 1;

		for (size_t i = 0; i < s->nrows; i++) {
			int n = snprintf(num, sizeof(num), "%ld", s->rows[i].counts[c]);

			if (n > w)
				w = n;
		}
		head_layout(s->cols[c], w, &st->heads[c]);
	}
}

/* ---- the list of rows --------------------------------------------------- */

static size_t rows_count(void *ctx)
{
	const struct report_section *s = cur_section(ctx);

	return s && s->kind == REPORT_COUNTS ? s->nrows : 0;
}

static const char *rows_cell(void *ctx, size_t row, int col)
{
	struct stats *st = ctx;
	const struct report_section *s = cur_section(st);

	if (!s || row >= s->nrows || row >= st->nlabels)
		return "";
	if (col == 0)
		return st->labels[row];
	if (st->hcol + (size_t)col - 1 >= s->ncols)
		return "";
	snprintf(st->cellbuf, sizeof(st->cellbuf), "%ld",
	         s->rows[row].counts[st->hcol + (size_t)col - 1]);
	return st->cellbuf;
}

static char *rows_search(void *ctx, size_t row)
{
	const struct report_section *s = cur_section(ctx);

	return xstrdup(s && row < s->nrows ? s->rows[row].label : "");
}

static enum ui_style rows_style(void *ctx, size_t row)
{
	const struct report_section *s = cur_section(ctx);

	return s && row < s->nrows && s->rows[row].total ? ST_TITLE : ST_NORMAL;
}

static const struct list_ops rows_ops = {
    .count = rows_count,
    .cell = rows_cell,
    .search_text = rows_search,
    .style = rows_style,
};

/* How many count columns from hcol fit in w beside the labels. */
static size_t fit_count(const struct stats *st, int w)
{
	int x = st->label_w;
	size_t n = 0;

	for (size_t c = st->hcol; c < st->nheads && n < MAX_VIS; c++) {
		if (x + GAP + st->heads[c].width > w && n > 0)
			break;
		x += GAP + st->heads[c].width;
		n++;
	}
	return n;
}

/* Rebuild the list's columns for the columns shown, keeping the selection
 * and the filter. */
static void lay_out(struct stats *st, int w)
{
	size_t sel = 0, top = 0;
	char *filter = NULL;
	bool filtering = false;

	if (st->list_ready) {
		sel = st->l.sel;
		top = st->l.top;
		filter = xstrdup(st->l.filter.buf ? st->l.filter.buf : "");
		filtering = st->l.filtering;
		list_release(&st->l);
	}
	st->nvis = fit_count(st, w);
	st->cols[0] = (struct list_col){"", st->label_w, st->label_w, -1, false};
	for (size_t i = 0; i < st->nvis; i++) {
		int cw = st->heads[st->hcol + i].width;

		st->cols[i + 1] = (struct list_col){"", cw, cw, 1, false};
	}
	list_init(&st->l, st->cols, (int)st->nvis + 1, &rows_ops, st, "この表には行がありません");
	st->l.header = false;
	if (filter && *filter) {
		sbuf_adds(&st->l.filter, filter);
		st->l.fcur = st->l.filter.len;
		list_reload(&st->l);
	}
	st->l.filtering = filtering;
	st->l.sel = sel < st->l.nvis ? sel : 0;
	st->l.top = top;
	free(filter);
	st->list_ready = true;
	st->laid_w = w;
}

/* ---- loading ------------------------------------------------------------ */

static void stats_load(struct stats *st)
{
	struct tsu_err e = {0};
	char fy[32];

	report_release(&st->r);
	st->have = report_annual(st->ui->db, &st->ui->me, st->fy, &st->r, &e) == 0;
	if (!st->have)
		ui_message(st->ui, MSG_ERROR, "%s の統計を作れません: %s",
		           date_format_fiscal_year(st->fy, fy, sizeof(fy)), e.msg);
	if (st->have && st->sec >= st->r.nsections)
		st->sec = 0;
	measure(st);
	if (st->hcol >= st->nheads)
		st->hcol = 0;
	st->laid_w = 0;
}

static int stats_init(struct screen *s, void *arg)
{
	struct stats *st = xcalloc(1, sizeof(*st));

	(void)arg;
	st->ui = s->ui;
	st->fy = date_fiscal_year(ui_today(s->ui));
	st->area = A_FY;
	s->data = st;
	stats_load(st);
	lay_out(st, s->rect.w);
	return 0;
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_head_row(const struct stats *st, int y, int x, int w, size_t k, size_t depth)
{
	const struct report_section *s = cur_section(st);

	draw_text(y, x, st->label_w, k + 1 == depth ? s->corner : "", -1, ST_HEADER);
	x += st->label_w;
	for (size_t i = 0; i < st->nvis; i++) {
		const struct head *h = &st->heads[st->hcol + i];
		size_t skip = depth - h->n; /* bottom-aligned */

		if (x + GAP + h->width > w)
			break;
		draw_text(y, x, GAP, "", -1, ST_NORMAL);
		draw_text(y, x + GAP, h->width, k >= skip ? h->lines[k - skip] : "",
		          h->n > 1 ? 0 : 1, ST_HEADER);
		x += GAP + h->width;
	}
}

/* The column headings; returns the rows used. As deep as the deepest
 * heading of the whole table, so the rows do not jump while scrolling. */
static int draw_heads(const struct stats *st, int y, int x, int w)
{
	size_t depth = 1;

	for (size_t i = 0; i < st->nheads; i++)
		if (st->heads[i].n > depth)
			depth = st->heads[i].n;
	for (size_t k = 0; k < depth; k++)
		draw_head_row(st, y + (int)k, x, x + w, k, depth);
	return (int)depth;
}

/* "＜ 令和8年度 ＞", reversed while its area has focus; returns its width. */
static int draw_selector(int y, int x, int w, const char *label, bool focused)
{
	char *t = xasprintf("＜ %s ＞", label);
	int used = draw_text_cut(y, x, w, t, focused ? ST_SELECTED : ST_TITLE);

	free(t);
	return used;
}

static void draw_top(struct stats *st, struct ui_rect r)
{
	const struct report_section *s = cur_section(st);
	char fy[32], *range, *pos, *tab;
	int x = r.x;

	x += draw_text_cut(r.y, x, r.w, "統計  年度 ", ST_TITLE);
	x += draw_selector(r.y, x, r.x + r.w - x, date_format_fiscal_year(st->fy, fy, sizeof(fy)),
	                   st->area == A_FY);
	range = xasprintf("  %d年4月1日〜%d年3月31日", st->fy, st->fy + 1);
	draw_text_cut(r.y, x, r.x + r.w - x, range, ST_DIM);
	if (st->have && st->r.nheader > 1)
		draw_text(r.y + 1, r.x, r.w, st->r.header[st->r.nheader - 1], -1, ST_NORMAL);
	tab = xasprintf("%zu/%zu", st->sec + 1, st->have ? st->r.nsections : 0);
	x = r.x + draw_text_cut(r.y + 2, r.x, r.w, "表 ", ST_TITLE);
	x += draw_text_cut(r.y + 2, x, r.x + r.w - x, tab, ST_DIM);
	x += 1;
	x += draw_selector(r.y + 2, x, r.x + r.w - x, s ? s->title : "-", st->area == A_TABLE);
	pos = st->nheads
	          ? xasprintf("  列 %zu〜%zu / %zu%s", st->hcol + 1, st->hcol + st->nvis,
	                      st->nheads, st->hcol + st->nvis < st->nheads ? " 続きあり>" : "")
	          : xstrdup("");
	draw_text_cut(r.y + 2, x, r.x + r.w - x, pos, ST_DIM);
	free(range);
	free(tab);
	free(pos);
}

/* Footnotes under the table, at most NOTE_MAX lines; returns the rows used. */
static int note_lines(const struct report_section *s, int w, char ***out)
{
	struct sbuf sb = {0};
	size_t n;

	*out = NULL;
	if (!s || s->nnotes == 0)
		return 0;
	sbuf_adds(&sb, "");
	for (size_t i = 0; i < s->nnotes; i++)
		sbuf_addf(&sb, "%s注: %s", i ? "\n" : "", s->notes[i]);
	n = text_wrap(sb.buf, w, out);
	sbuf_release(&sb);
	return (int)n;
}

static void stats_draw(struct screen *s, struct ui_rect r)
{
	struct stats *st = s->data;
	const struct report_section *sec = cur_section(st);
	char **notes;
	int nn, shown, y;

	if (st->laid_w != r.w)
		lay_out(st, r.w);
	draw_top(st, r);
	if (!sec)
		return;
	nn = note_lines(sec, r.w - 1, &notes);
	shown = nn < NOTE_MAX ? nn : NOTE_MAX;
	if (r.h - 8 < shown)
		shown = r.h - 8 > 0 ? r.h - 8 : 0;
	y = r.y + 3;
	y += draw_heads(st, y, r.x, r.w);
	list_draw(&st->l, (struct ui_rect){y, r.x, r.y + r.h - shown - y, r.w}, st->area == A_BODY);
	for (int i = 0; i < shown; i++)
		draw_text(r.y + r.h - shown + i, r.x, r.w, notes[i], -1, ST_DIM);
	text_lines_free(notes, (size_t)nn);
}

/* ---- commands ----------------------------------------------------------- */

static unsigned set_fy(struct stats *st, int fy)
{
	if (fy < 1900 || fy > 9998)
		return RD_NONE;
	st->fy = fy;
	stats_load(st);
	return RD_ALL;
}

static void set_section(struct stats *st, size_t sec)
{
	st->sec = sec;
	st->hcol = 0;
	st->l.sel = st->l.top = 0;
	measure(st);
	st->laid_w = 0;
}

static unsigned table_picked(struct ui *ui, void *ctx, size_t i)
{
	struct stats *st = ctx;

	(void)ui;
	if (st->have && i < st->r.nsections)
		set_section(st, i);
	return RD_ALL;
}

static unsigned pick_table(struct stats *st)
{
	const char **items;

	if (!st->have || st->r.nsections == 0)
		return RD_NONE;
	items = xcalloc(st->r.nsections, sizeof(*items));
	for (size_t i = 0; i < st->r.nsections; i++)
		items[i] = st->r.sections[i].title;
	pick_open(st->ui, "表を選ぶ", items, st->r.nsections, st->sec, table_picked, st);
	free(items);
	return RD_ALL;
}

/* ←/→: the 年度, the table or the columns, by the area with focus. */
static unsigned step(struct stats *st, int dir)
{
	size_t n = st->have ? st->r.nsections : 0;

	switch (st->area) {
	case A_FY: return set_fy(st, st->fy + dir);
	case A_TABLE:
		if (n == 0)
			return RD_NONE;
		set_section(st, dir < 0 ? (st->sec + n - 1) % n : (st->sec + 1) % n);
		return RD_ALL;
	default:
		if (dir < 0 && st->hcol > 0)
			st->hcol--;
		else if (dir > 0 && st->hcol + st->nvis < st->nheads)
			st->hcol++;
		else
			return RD_NONE;
		st->laid_w = 0;
		return RD_ALL;
	}
}

static unsigned stats_command(struct screen *s, enum cmd_id id)
{
	struct stats *st = s->data;
	struct export_dialog_arg ex = {LEDGER_EXPORT_STATS, st->fy};

	switch (id) {
	case CMD_FY_PREV: return set_fy(st, st->fy - 1);
	case CMD_FY_NEXT: return set_fy(st, st->fy + 1);
	case CMD_TABLE_PICK: return pick_table(st);
	case CMD_AREA_NEXT: st->area = (st->area + 1) % A_COUNT; return RD_ALL;
	case CMD_AREA_PREV: st->area = (st->area + A_COUNT - 1) % A_COUNT; return RD_ALL;
	case CMD_STATS_LEFT: return step(st, -1);
	case CMD_STATS_RIGHT: return step(st, 1);
	case CMD_EXPORT: export_dialog_open(s->ui, &ex); return RD_ALL;
	default: return list_command(&st->l, id);
	}
}

static unsigned stats_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct stats *)s->data)->l, k);
}

static unsigned stats_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_STATS | list_contexts(&((struct stats *)s->data)->l);
}

static bool stats_position(struct screen *s, size_t *n, size_t *total)
{
	struct stats *st = s->data;

	*n = st->l.nvis ? st->l.sel + 1 : 0;
	*total = st->l.nvis;
	return true;
}

static bool stats_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct stats *)s->data)->l, y, x);
}

static unsigned stats_focus(struct screen *s)
{
	struct stats *st = s->data;

	stats_load(st);
	return RD_ALL;
}

static void stats_resize(struct screen *s, struct ui_rect r)
{
	((struct stats *)s->data)->laid_w = 0;
}

static const char *stats_help(struct screen *s)
{
	return "年度ごとの統計 (福祉行政報告例の形の表と、出雲市の資料の形の養護相談の推移) "
	       "を表示します。Tab で 年度・表・表の中 を切り替え、←→ で年度や表を変えたり、"
	       "表の中では列を左右に動かしたりします (行の見出しは動きません)。[ ] でも年度を、"
	       "t でも表を選べます。e で統計を CSV に出力します。";
}

static void stats_free(struct screen *s)
{
	struct stats *st = s->data;

	if (st->list_ready)
		list_release(&st->l);
	heads_free(st);
	report_release(&st->r);
	free(st);
}

const struct screen_ops stats_screen = {
    .title = "統計",
    .init = stats_init,
    .draw = stats_draw,
    .key = stats_key,
    .command = stats_command,
    .contexts = stats_contexts,
    .help = stats_help,
    .free = stats_free,
    .position = stats_position,
    .cursor = stats_cursor,
    .focus = stats_focus,
    .resize = stats_resize,
};
