/* draw.c: putting text on the screen. Every string is measured, cut and
 * padded by the core's text module (STYLE rule 8), so a wide character is
 * never split and control characters never reach the terminal. Meanings map
 * to attributes that survive without colour (NO_COLOR, monochrome). Frames
 * are ASCII: box-drawing characters are East Asian Ambiguous. */
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

static attr_t styles[ST_COUNT];

/* Attribute of each meaning without colour, and the colour added when allowed. */
static const struct {
	attr_t mono;
	short fg;
} style_def[ST_COUNT] = {
    [ST_NORMAL] = {A_NORMAL, -1},
    [ST_TITLE] = {A_BOLD, COLOR_CYAN},
    [ST_FRAME] = {A_NORMAL, COLOR_BLUE},
    [ST_HEADER] = {A_UNDERLINE, -1},
    [ST_SELECTED] = {A_REVERSE, -1},
    [ST_FIELD] = {A_UNDERLINE, -1},
    [ST_FIELD_FOCUS] = {A_UNDERLINE | A_BOLD, COLOR_YELLOW},
    [ST_ERROR] = {A_BOLD, COLOR_RED},
    [ST_WARN] = {A_BOLD | A_UNDERLINE, COLOR_YELLOW},
    [ST_STATUS] = {A_REVERSE, -1},
    [ST_LEGEND_KEY] = {A_BOLD, COLOR_CYAN},
    [ST_LEGEND] = {A_NORMAL, -1},
    [ST_MARK] = {A_REVERSE | A_BOLD, -1},
    [ST_DIM] = {A_DIM, -1},
    [ST_OVERDUE] = {A_BOLD | A_UNDERLINE, COLOR_RED},
};

void draw_init_styles(bool color)
{
	for (int i = 0; i < ST_COUNT; i++) {
		styles[i] = style_def[i].mono;
		if (color && style_def[i].fg >= 0 && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), style_def[i].fg, -1);
			styles[i] |= (attr_t)COLOR_PAIR(i + 1);
		}
	}
}

attr_t draw_attr(enum ui_style st)
{
	return st < ST_COUNT ? styles[st] : A_NORMAL;
}

void draw_text(int y, int x, int cols, const char *s, int align, enum ui_style st)
{
	char *p;

	if (cols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	p = text_pad(s ? s : "", cols, align);
	attrset(draw_attr(st));
	mvaddstr(y, x, p);
	attrset(A_NORMAL);
	free(p);
}

int draw_text_cut(int y, int x, int cols, const char *s, enum ui_style st)
{
	int w = 0;
	char *p;

	if (cols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	p = text_cut(s ? s : "", cols, false, &w);
	attrset(draw_attr(st));
	mvaddstr(y, x, p);
	attrset(A_NORMAL);
	free(p);
	return w;
}

void draw_clear(struct ui_rect r)
{
	for (int y = r.y; y < r.y + r.h; y++)
		draw_text(y, r.x, r.w, "", -1, ST_NORMAL);
}

static void draw_hline(int y, int x, int w, char c, enum ui_style st)
{
	char *p;

	if (w <= 0)
		return;
	p = xmalloc((size_t)w + 1);
	memset(p, c, (size_t)w);
	p[w] = '\0';
	draw_text(y, x, w, p, -1, st);
	free(p);
}

void draw_box(struct ui_rect r, const char *title, enum ui_style st)
{
	if (r.w < 2 || r.h < 2)
		return;
	draw_hline(r.y, r.x, r.w, '-', st);
	draw_hline(r.y + r.h - 1, r.x, r.w, '-', st);
	for (int y = r.y; y < r.y + r.h; y++) {
		char c[2] = {y == r.y || y == r.y + r.h - 1 ? '+' : '|', '\0'};

		draw_text(y, r.x, 1, c, -1, st);
		draw_text(y, r.x + r.w - 1, 1, c, -1, st);
	}
	if (title && *title && r.w > 6) {
		char *t = xasprintf(" %s ", title);

		draw_text_cut(r.y, r.x + 2, r.w - 4, t, ST_TITLE);
		free(t);
	}
}

struct ui_rect rect_inner(struct ui_rect r)
{
	struct ui_rect in = {r.y + 1, r.x + 1, r.h - 2, r.w - 2};

	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}
