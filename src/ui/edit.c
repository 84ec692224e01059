/* edit.c: the text editing buffer behind every text field and the list
 * filter. The cursor is a byte offset that always sits on a grapheme-cluster
 * boundary, so it moves over ｶﾞ, 葛󠄀 or an emoji sequence in one step, and
 * delete removes whole clusters. Multi-line text wraps by display width
 * (measured by the text module) and scrolls by display row. */
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

struct row {
	size_t start, end;
};

void edit_init(struct ui_edit *e, bool multiline, size_t maxlen)
{
	memset(e, 0, sizeof(*e));
	sbuf_init(&e->s);
	sbuf_adds(&e->s, "");
	e->multiline = multiline;
	e->maxlen = maxlen;
}

void edit_release(struct ui_edit *e)
{
	sbuf_release(&e->s);
}

void edit_set(struct ui_edit *e, const char *text)
{
	sbuf_reset(&e->s);
	sbuf_adds(&e->s, text ? text : "");
	e->cur = e->s.len;
	e->scroll = 0;
}

const char *edit_text(const struct ui_edit *e)
{
	return e->s.buf ? e->s.buf : "";
}

static void splice(struct ui_edit *e, size_t from, size_t to, const char *ins, size_t n)
{
	size_t tail = e->s.len - to;
	size_t newlen = e->s.len - (to - from) + n;

	if (newlen + 1 > e->s.cap) {
		e->s.buf = xrealloc(e->s.buf, newlen + 1);
		e->s.cap = newlen + 1;
	}
	memmove(e->s.buf + from + n, e->s.buf + to, tail + 1);
	memcpy(e->s.buf + from, ins, n);
	e->s.len = newlen;
}

bool edit_insert_cp(struct ui_edit *e, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp == '\n' && !e->multiline)
		return false;
	n = utf8_encode(cp, u);
	if (e->maxlen && e->s.len + n > e->maxlen)
		return false;
	splice(e, e->cur, e->cur, u, n);
	e->cur += n;
	return true;
}

static size_t line_start(const struct ui_edit *e, size_t pos)
{
	while (pos > 0 && e->s.buf[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_end(const struct ui_edit *e, size_t pos)
{
	while (pos < e->s.len && e->s.buf[pos] != '\n')
		pos++;
	return pos;
}

static bool delete_range(struct ui_edit *e, size_t from, size_t to)
{
	if (from >= to)
		return false;
	splice(e, from, to, "", 0);
	e->cur = from;
	return true;
}

bool edit_command(struct ui_edit *e, enum cmd_id id, bool *changed)
{
	const char *s = e->s.buf;
	size_t len = e->s.len, old = e->cur, eol;

	*changed = false;
	switch (id) {
	case CMD_LEFT:
		e->cur = e->cur > 0 ? text_prev_grapheme(s, len, e->cur) : 0;
		return e->cur != old;
	case CMD_RIGHT:
		e->cur = e->cur < len ? text_next_grapheme(s, len, e->cur) : len;
		return e->cur != old;
	case CMD_BOL: e->cur = line_start(e, e->cur); return e->cur != old;
	case CMD_EOL: e->cur = line_end(e, e->cur); return e->cur != old;
	case CMD_KILL_EOL:
		eol = line_end(e, e->cur);
		if (eol == e->cur && eol < len)
			eol++; /* at the end of a line: join the next one */
		*changed = delete_range(e, e->cur, eol);
		return *changed;
	case CMD_KILL_BOL:
		*changed = delete_range(e, line_start(e, e->cur), e->cur);
		return *changed;
	case CMD_BACKSPACE:
		if (e->cur > 0)
			*changed = delete_range(e, text_prev_grapheme(s, len, e->cur), e->cur);
		return *changed;
	case CMD_DELETE:
		if (e->cur < len)
			*changed = delete_range(e, e->cur, text_next_grapheme(s, len, e->cur));
		return *changed;
	default: return false;
	}
}

/* Display rows of the text at cols columns; the caller frees *rows. */
static size_t layout(const struct ui_edit *e, int cols, struct row **rows)
{
	const char *s = e->s.buf;
	size_t len = e->s.len, pos = 0, start = 0, n = 0, cap = 8;
	int w = 0;

	*rows = xreallocarray(NULL, cap, sizeof(**rows));
	if (cols < 1)
		cols = 1;
	while (pos < len) {
		size_t next;
		int gw;

		if (n + 2 > cap)
			*rows = xreallocarray(*rows, cap *= 2, sizeof(**rows));
		if (s[pos] == '\n') {
			(*rows)[n++] = (struct row){start, pos};
			start = ++pos;
			w = 0;
			continue;
		}
		next = text_next_grapheme(s, len, pos);
		gw = text_width_n(s + pos, next - pos);
		if (w + gw > cols && w > 0) {
			(*rows)[n++] = (struct row){start, pos};
			start = pos;
			w = 0;
		}
		w += gw;
		pos = next;
	}
	(*rows)[n++] = (struct row){start, len};
	return n;
}

/* Row of the cursor: at a soft wrap the cursor belongs to the next row. */
static size_t cursor_row(const struct row *rows, size_t n, size_t cur)
{
	for (size_t i = 0; i < n; i++)
		if (cur >= rows[i].start && (cur < rows[i].end || i + 1 == n ||
		                             (cur == rows[i].end && rows[i + 1].start != cur)))
			return i;
	return n - 1;
}

/* Byte offset in row r closest to column col (not past it). */
static size_t offset_at_col(const struct ui_edit *e, struct row r, int col)
{
	size_t pos = r.start;
	int w = 0;

	while (pos < r.end) {
		size_t next = text_next_grapheme(e->s.buf, r.end, pos);
		int gw = text_width_n(e->s.buf + pos, next - pos);

		if (w + gw > col)
			break;
		w += gw;
		pos = next;
	}
	return pos;
}

bool edit_vertical(struct ui_edit *e, int cols, int dir)
{
	struct row *rows;
	size_t n = layout(e, cols, &rows), r = cursor_row(rows, n, e->cur);
	bool moved = false;

	if ((dir < 0 && r > 0) || (dir > 0 && r + 1 < n)) {
		int col = text_width_n(e->s.buf + rows[r].start, e->cur - rows[r].start);

		e->cur = offset_at_col(e, rows[dir < 0 ? r - 1 : r + 1], col);
		moved = true;
	}
	free(rows);
	return moved;
}

static void draw_span(const struct ui_edit *e, int y, int x, int w, size_t from, size_t to,
                      enum ui_style st)
{
	char *p = xstrndup(e->s.buf + from, to - from);

	draw_text(y, x, w, p, -1, st);
	free(p);
}

static void draw_single(struct ui_edit *e, struct ui_rect r, enum ui_style st, int *cy, int *cx)
{
	const char *s = e->s.buf;
	size_t len = e->s.len, start = (size_t)e->scroll;

	if (start > e->cur)
		start = e->cur;
	while (start < e->cur && text_width_n(s + start, e->cur - start) > r.w - 1)
		start = text_next_grapheme(s, len, start);
	while (start > 0 && text_width_n(s + text_prev_grapheme(s, len, start),
	                                 e->cur - text_prev_grapheme(s, len, start)) <= r.w - 1)
		start = text_prev_grapheme(s, len, start);
	e->scroll = (int)start;
	draw_span(e, r.y, r.x, r.w, start, len, st);
	*cy = r.y;
	*cx = r.x + text_width_n(s + start, e->cur - start);
}

static void draw_multi(struct ui_edit *e, struct ui_rect r, enum ui_style st, int *cy, int *cx)
{
	struct row *rows;
	size_t n = layout(e, r.w, &rows), cr = cursor_row(rows, n, e->cur);

	if ((int)cr < e->scroll)
		e->scroll = (int)cr;
	if ((int)cr >= e->scroll + r.h)
		e->scroll = (int)cr - r.h + 1;
	if (e->scroll > 0 && (int)n - e->scroll < r.h)
		e->scroll = (int)n > r.h ? (int)n - r.h : 0;
	for (int i = 0; i < r.h; i++) {
		size_t k = (size_t)(e->scroll + i);

		if (k < n)
			draw_span(e, r.y + i, r.x, r.w, rows[k].start, rows[k].end, st);
		else
			draw_text(r.y + i, r.x, r.w, "", -1, st);
	}
	*cy = r.y + (int)cr - e->scroll;
	*cx = r.x + text_width_n(e->s.buf + rows[cr].start, e->cur - rows[cr].start);
	if (*cx >= r.x + r.w)
		*cx = r.x + r.w - 1;
	free(rows);
}

void edit_draw(struct ui_edit *e, struct ui_rect r, enum ui_style st, int *cy, int *cx)
{
	if (r.w <= 0 || r.h <= 0) {
		*cy = *cx = -1;
		return;
	}
	if (e->multiline)
		draw_multi(e, r, st, cy, cx);
	else
		draw_single(e, r, st, cy, cx);
}
