/* report_render.c: a report as aligned plain text (the printable 業務日誌 and
 * statistics) and as CSV with one count per row (表,行,列,件数). All widths
 * go through the text module, so Japanese labels never misalign. */
#include "tsunagu/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/csv.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

#define GAP "  "
#define HEAD_CAP 12 /* column headings wider than this wrap */

/* Append line without its trailing spaces, then a newline. */
static void add_line(struct sbuf *out, const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && line[n - 1] == ' ')
		n--;
	sbuf_add(out, line, n);
	sbuf_addc(out, '\n');
}

static void add_padded(struct sbuf *sb, const char *s, int cols, int align)
{
	char *p = text_pad(s, cols, align);

	sbuf_adds(sb, p);
	free(p);
}

/* Wrap s at cols, each line prefixed with first (line 1) or rest. */
static void add_wrapped(struct sbuf *out, const char *s, int cols, const char *first,
			const char *rest)
{
	char **lines;
	size_t n = text_wrap(s, cols < 8 ? 8 : cols, &lines);
	struct sbuf line = {0};

	for (size_t i = 0; i < n; i++) {
		sbuf_reset(&line);
		sbuf_adds(&line, i == 0 ? first : rest);
		sbuf_adds(&line, lines[i]);
		add_line(out, line.buf);
	}
	text_lines_free(lines, n);
	sbuf_release(&line);
}

/* ---- counts ------------------------------------------------------------- */

struct head {
	char **lines; /* the heading wrapped to the column's width */
	size_t n;
	int width;    /* the column's width */
};

/* Split a heading into pieces after each "・" and before each "(", then pack
 * the pieces into lines of at most HEAD_CAP columns; a piece wider than that
 * is wrapped at character boundaries. */
static void head_lines(const char *label, struct head *h)
{
	struct sbuf cur = {0};
	const char *p = label;

	while (*p) {
		const char *q = p + (*p == '(' ? 1 : 0);
		const char *dot = strstr(q, "・"), *par = strchr(q, '(');
		const char *end = dot ? dot + strlen("・") : p + strlen(p);
		char *piece;

		if (par && par < end)
			end = par;
		piece = xstrndup(p, (size_t)(end - p));
		if (cur.len && text_width(cur.buf) + text_width(piece) > HEAD_CAP) {
			h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
			h->lines[h->n++] = sbuf_detach(&cur);
		}
		sbuf_adds(&cur, piece);
		free(piece);
		p = end;
	}
	if (cur.len || h->n == 0) {
		h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
		h->lines[h->n++] = sbuf_detach(&cur);
	}
	sbuf_release(&cur);
}

static void head_layout(const char *label, int count_width, struct head *h)
{
	struct head raw = {0};

	head_lines(label, &raw);
	h->width = count_width;
	for (size_t i = 0; i < raw.n; i++) {
		char **wrapped;
		size_t nw = text_wrap(raw.lines[i], HEAD_CAP, &wrapped);

		for (size_t k = 0; k < nw; k++) {
			h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
			h->lines[h->n++] = wrapped[k];
			if (text_width(wrapped[k]) > h->width)
				h->width = text_width(wrapped[k]);
		}
		free(wrapped);
	}
	text_lines_free(raw.lines, raw.n);
}

static int label_width(const struct report_section *s)
{
	int w = text_width(s->corner);

	for (size_t i = 0; i < s->nrows; i++) {
		int rw = 2 * s->rows[i].level + text_width(s->rows[i].label);

		if (rw > w)
			w = rw;
	}
	return w;
}

static int count_width(const struct report_section *s, size_t c)
{
	int w = 1;

	for (size_t i = 0; i < s->nrows; i++) {
		int n = snprintf(NULL, 0, "%ld", s->rows[i].counts[c]);

		if (n > w)
			w = n;
	}
	return w;
}

static void counts_heading(const struct report_section *s, const struct head *h, int lw,
			   struct sbuf *out)
{
	size_t depth = 1;
	struct sbuf line = {0};

	for (size_t c = 0; c < s->ncols; c++)
		if (h[c].n > depth)
			depth = h[c].n;
	for (size_t k = 0; k < depth; k++) {
		sbuf_reset(&line);
		add_padded(&line, k + 1 == depth ? s->corner : "", lw, -1);
		for (size_t c = 0; c < s->ncols; c++) {
			size_t skip = depth - h[c].n; /* bottom-aligned */

			sbuf_adds(&line, GAP);
			/* one line: right, over the numbers; several: centred */
			add_padded(&line, k >= skip ? h[c].lines[k - skip] : "", h[c].width,
				   h[c].n > 1 ? 0 : 1);
		}
		add_line(out, line.buf);
	}
	sbuf_release(&line);
}

static void render_counts(const struct report_section *s, struct sbuf *out)
{
	struct head *h = xcalloc(s->ncols ? s->ncols : 1, sizeof *h);
	int lw = label_width(s);
	struct sbuf line = {0};
	char num[32];

	for (size_t c = 0; c < s->ncols; c++)
		head_layout(s->cols[c], count_width(s, c), &h[c]);
	counts_heading(s, h, lw, out);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *row = &s->rows[i];
		char *label = xasprintf("%*s%s", 2 * row->level, "", row->label);

		sbuf_reset(&line);
		add_padded(&line, label, lw, -1);
		free(label);
		for (size_t c = 0; c < s->ncols; c++) {
			snprintf(num, sizeof num, "%ld", row->counts[c]);
			sbuf_adds(&line, GAP);
			add_padded(&line, num, h[c].width, 1);
		}
		add_line(out, line.buf);
	}
	for (size_t c = 0; c < s->ncols; c++)
		text_lines_free(h[c].lines, h[c].n);
	free(h);
	sbuf_release(&line);
}

/* ---- lists -------------------------------------------------------------- */

static void list_line(const struct report_section *s, const char *const *cells,
		      const int *w, struct sbuf *out)
{
	struct sbuf line = {0};

	sbuf_adds(&line, GAP);
	for (size_t c = 0; c < s->ncols; c++) {
		if (c > 0)
			sbuf_adds(&line, GAP);
		add_padded(&line, cells[c], w[c], -1);
	}
	add_line(out, line.buf);
	sbuf_release(&line);
}

static void render_list(const struct report_section *s, int width, struct sbuf *out)
{
	int *w = xcalloc(s->ncols ? s->ncols : 1, sizeof *w);
	int total = 0;
	char *rule;

	for (size_t c = 0; c < s->ncols; c++) {
		w[c] = text_width(s->cols[c]);
		for (size_t i = 0; i < s->nrows; i++)
			if (text_width(s->rows[i].cells[c]) > w[c])
				w[c] = text_width(s->rows[i].cells[c]);
		total += w[c] + (c > 0 ? 2 : 0);
	}
	list_line(s, (const char *const *)s->cols, w, out);
	rule = xmalloc((size_t)total + 1);
	memset(rule, '-', (size_t)total);
	rule[total] = '\0';
	sbuf_adds(out, GAP);
	add_line(out, rule);
	free(rule);
	for (size_t i = 0; i < s->nrows; i++) {
		list_line(s, (const char *const *)s->rows[i].cells, w, out);
		if (s->rows[i].detail && *s->rows[i].detail)
			add_wrapped(out, s->rows[i].detail, width - 6, "      ", "      ");
	}
	free(w);
}

static void render_section(const struct report_section *s, int width, struct sbuf *out)
{
	char *title = xasprintf("【%s】", s->title);

	add_line(out, title);
	free(title);
	if (s->nrows == 0)
		add_wrapped(out, s->empty ? s->empty : "なし", width - 2, GAP, GAP);
	else if (s->kind == REPORT_COUNTS)
		render_counts(s, out);
	else if (s->kind == REPORT_LIST)
		render_list(s, width, out);
	else
		for (size_t i = 0; i < s->nrows; i++)
			add_wrapped(out, s->rows[i].cells[0], width - 2, GAP, "    ");
	for (size_t i = 0; i < s->nnotes; i++)
		add_wrapped(out, s->notes[i], width - 4, "注: ", "    ");
}

void report_render_text(const struct report *r, int width, struct sbuf *out)
{
	if (width <= 0)
		width = 80;
	add_line(out, r->title ? r->title : "");
	for (size_t i = 0; i < r->nheader; i++)
		add_wrapped(out, r->header[i], width, "", "  ");
	for (size_t i = 0; i < r->nsections; i++) {
		sbuf_addc(out, '\n');
		render_section(&r->sections[i], width, out);
	}
}

/* ---- CSV ---------------------------------------------------------------- */

static void csv_str(struct csv_writer *w, const char *s)
{
	csv_writer_field(w, s, strlen(s));
}

void report_render_csv(const struct report *r, bool bom, struct sbuf *out)
{
	struct csv_writer w;
	char num[32];

	csv_writer_init(&w, out, bom ? CSV_W_BOM : 0);
	csv_str(&w, "表");
	csv_str(&w, "行");
	csv_str(&w, "列");
	csv_str(&w, "件数");
	csv_writer_end_row(&w);
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];

		if (s->kind != REPORT_COUNTS)
			continue;
		for (size_t k = 0; k < s->nrows; k++) {
			for (size_t c = 0; c < s->ncols; c++) {
				snprintf(num, sizeof num, "%ld", s->rows[k].counts[c]);
				csv_str(&w, s->title);
				csv_str(&w, s->rows[k].label);
				csv_str(&w, s->cols[c]);
				csv_str(&w, num);
				csv_writer_end_row(&w);
			}
		}
	}
}
