/* table.c: rows of ready-made strings for the list widget, so a screen that
 * loads its rows once can hand the list plain count/cell callbacks. */
#include <stdlib.h>

#include "ui_int.h"

void table_init(struct ui_table *t, int ncols, void *owner)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->owner = owner;
}

void table_clear(struct ui_table *t)
{
	for (size_t i = 0; i < t->n * (size_t)t->ncols; i++)
		free(t->cells[i]);
	t->n = 0;
}

void table_release(struct ui_table *t)
{
	table_clear(t);
	free(t->cells);
	free(t->styles);
	t->cells = NULL;
	t->styles = NULL;
	t->cap = 0;
}

size_t table_add(struct ui_table *t, enum ui_style st, const char *const *cells)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap * (size_t)t->ncols, sizeof(char *));
		t->styles = xreallocarray(t->styles, t->cap, sizeof(*t->styles));
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->n * (size_t)t->ncols + (size_t)c] = xstrdup(cells[c] ? cells[c] : "");
	t->styles[t->n] = st;
	return t->n++;
}

size_t table_count(void *t)
{
	return ((struct ui_table *)t)->n;
}

const char *table_cell(void *p, size_t row, int col)
{
	struct ui_table *t = p;

	if (row >= t->n || col < 0 || col >= t->ncols)
		return "";
	return t->cells[row * (size_t)t->ncols + (size_t)col];
}

enum ui_style table_style(void *p, size_t row)
{
	struct ui_table *t = p;

	return row < t->n ? t->styles[row] : ST_NORMAL;
}
