/* genogram.c: the compact text family tree of a case file. Only ASCII
 * chrome ([ ] ( ) < > = | + -) so that no East Asian Ambiguous character
 * of ours can shift a column in ambiguous-wide terminals; every name is
 * measured, cut and padded through text.h, so lines stay aligned for any
 * Japanese name (IVS selectors, half-width kana, surrogate-plane kanji). */
#include <stdlib.h>
#include <string.h>

#include "tsunagu/casefile.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

#define ROW_MAX 16 /* persons drawn per generation (the first 16 by order) */

struct cell {
	const struct cf_member *m;
	char *label; /* [name] */
	char *age;   /* 45歳, 故 or "" */
	int w;       /* columns of the cell */
};

struct row {
	struct cell c[ROW_MAX];
	bool couple[ROW_MAX]; /* "==" between cell i and i + 1 */
	int n;
	int width, anchor;
	int start[ROW_MAX]; /* first column of each cell in the row */
};

enum gen { G_GRAND, G_PARENT, G_CHILD, G_OTHER };

static bool is(const char *rel, const char *const *codes)
{
	for (; *codes; codes++)
		if (!strcmp(rel, *codes))
			return true;
	return false;
}

static const char *const grand[] = {"GF", "GM", NULL};
static const char *const fathers[] = {"FA", "AF", "FF", "SF", NULL};
static const char *const mothers[] = {"SM", "FM", "AM", "MO", NULL};
static const char *const sibs[] = {"SELF", "EB", "ES", "YB", "YS", "SIB", NULL};

static enum gen generation(const struct cf_member *m)
{
	if (is(m->relation, grand))
		return G_GRAND;
	if (is(m->relation, fathers) || is(m->relation, mothers))
		return G_PARENT;
	if (is(m->relation, sibs))
		return G_CHILD;
	return G_OTHER;
}

/* [name] for a male, (name) for a female, <name> otherwise; doubled for
 * the subject. */
static char *frame(const struct cf_member *m, int maxname)
{
	const char *o = "<", *c = ">";
	/* at the narrowest, the first character says more than ".." */
	char *name = text_cut(m->given, maxname, maxname > 2, NULL), *s;

	if (!strcmp(m->sex, "M"))
		o = "[", c = "]";
	else if (!strcmp(m->sex, "F"))
		o = "(", c = ")";
	s = m->subject ? xasprintf("%s%s%s%s%s", o, o, name, c, c)
	               : xasprintf("%s%s%s", o, name, c);
	free(name);
	return s;
}

static char *age_text(const struct cf_member *m)
{
	if (m->deceased)
		return xstrdup("故");
	return m->age >= 0 ? xasprintf("%d歳", m->age) : xstrdup("");
}

static void cell_make(struct cell *x, const struct cf_member *m, int maxname)
{
	int a;

	x->m = m;
	x->label = frame(m, maxname);
	x->age = age_text(m);
	x->w = text_width(x->label);
	a = text_width(x->age);
	if (a > x->w)
		x->w = a;
}

static void row_release(struct row *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->c[i].label);
		free(r->c[i].age);
	}
	memset(r, 0, sizeof *r);
}

static int rank(const char *rel)
{
	static const char *const order[] = {"GF", "GM", "FA", "AF", "FF", "SF",
	                                    "SM", "FM", "AM", "MO", NULL};

	for (int i = 0; order[i]; i++)
		if (!strcmp(rel, order[i]))
			return i;
	return 99;
}

/* Members of one generation in drawing order: grandfather before
 * grandmother; fathers then mothers with a step-parent next to the other
 * side, so the couple that lives together meets in the middle; children
 * eldest first (cf's members are by birth date already). */
static void row_fill(struct row *r, const struct casefile *cf, enum gen g, int maxname)
{
	const struct cf_member *pick[ROW_MAX];
	int n = 0;

	for (size_t i = 0; i < cf->n_members && n < ROW_MAX; i++)
		if (generation(&cf->members[i]) == g)
			pick[n++] = &cf->members[i];
	if (g == G_CHILD) { /* the subject sits first in cf; put it in birth order */
		for (int i = 0; i + 1 < n; i++) {
			const struct cf_member *t = pick[i];

			if (!t->subject || !pick[i + 1]->birth.y ||
			    (t->birth.y && date_cmp(t->birth, pick[i + 1]->birth) <= 0))
				break;
			pick[i] = pick[i + 1];
			pick[i + 1] = t;
		}
	} else {
		for (int i = 1; i < n; i++)
			for (int j = i;
			     j > 0 && rank(pick[j - 1]->relation) > rank(pick[j]->relation); j--) {
				const struct cf_member *t = pick[j];

				pick[j] = pick[j - 1];
				pick[j - 1] = t;
			}
	}
	for (int i = 0; i < n; i++)
		cell_make(&r->c[i], pick[i], maxname);
	r->n = n;
}

/* A couple: a man and a woman next to each other among parents or
 * grandparents; the first such pair only. */
static void row_layout(struct row *r, enum gen g)
{
	int col = 0, couple_at = -1;

	if (g != G_CHILD)
		for (int i = 0; i + 1 < r->n && couple_at < 0; i++)
			if (!strcmp(r->c[i].m->sex, "M") && !strcmp(r->c[i + 1].m->sex, "F"))
				couple_at = i;
	for (int i = 0; i < r->n; i++) {
		r->start[i] = col;
		col += r->c[i].w;
		r->couple[i] = i == couple_at;
		if (i + 1 < r->n)
			col += 2;
	}
	r->width = col;
	if (couple_at >= 0)
		r->anchor = r->start[couple_at] + r->c[couple_at].w + 1;
	else if (g == G_CHILD && r->n > 1)
		r->anchor =
		    (r->start[0] + r->c[0].w / 2 + r->start[r->n - 1] + r->c[r->n - 1].w / 2) / 2;
	else
		r->anchor = r->n ? r->start[0] + r->c[0].w / 2 : 0;
}

struct out {
	char **lines;
	size_t n;
	int width;
};

/* Pad or cut to exactly the output width. */
static void emit(struct out *o, const char *s)
{
	o->lines = xreallocarray(o->lines, o->n + 1, sizeof *o->lines);
	o->lines[o->n++] = text_pad(s, o->width, -1);
}

static void row_emit(struct out *o, const struct row *r, int offset)
{
	struct sbuf names = {0}, ages = {0};

	for (int i = 0; i < offset; i++) {
		sbuf_addc(&names, ' ');
		sbuf_addc(&ages, ' ');
	}
	for (int i = 0; i < r->n; i++) {
		char *a = text_pad(r->c[i].label, r->c[i].w, 0),
		     *b = text_pad(r->c[i].age, r->c[i].w, 0);

		sbuf_adds(&names, a);
		sbuf_adds(&ages, b);
		free(a);
		free(b);
		if (i + 1 < r->n) {
			sbuf_adds(&names, r->couple[i] ? "==" : "  ");
			sbuf_adds(&ages, "  ");
		}
	}
	emit(o, names.buf ? names.buf : "");
	emit(o, ages.buf ? ages.buf : "");
	sbuf_release(&names);
	sbuf_release(&ages);
}

/* An ASCII line of w spaces with marks set by column. */
static char *blank(int w)
{
	char *s = xmalloc((size_t)w + 1);

	memset(s, ' ', (size_t)w);
	s[w] = '\0';
	return s;
}

static void drop(struct out *o, int w, int col)
{
	char *s = blank(w);

	s[col] = '|';
	emit(o, s);
	free(s);
}

/* The bar from the parents' drop to each child: +--+-----+ */
static void bar(struct out *o, int w, int col, const struct row *kids, int offset)
{
	int lo = col, hi = col, center;
	char *s = blank(w);

	for (int i = 0; i < kids->n; i++) {
		center = offset + kids->start[i] + kids->c[i].w / 2;
		lo = center < lo ? center : lo;
		hi = center > hi ? center : hi;
	}
	for (int c = lo; c <= hi; c++)
		s[c] = '-';
	for (int i = 0; i < kids->n; i++)
		s[offset + kids->start[i] + kids->c[i].w / 2] = '+';
	s[col] = lo == hi ? '|' : '+';
	emit(o, s);
	free(s);
}

static void others_emit(struct out *o, const struct casefile *cf, int maxname)
{
	for (size_t i = 0; i < cf->n_members; i++) {
		const struct cf_member *m = &cf->members[i];
		char *f, *a, *s;

		if (generation(m) != G_OTHER)
			continue;
		f = frame(m, maxname);
		a = age_text(m);
		s = xasprintf("%s %s %s", f, a,
		              *m->relation_label ? m->relation_label : "続柄未登録");
		emit(o, s);
		free(f);
		free(a);
		free(s);
	}
}

/* Lay out the three generations with names cut to maxname columns; the
 * width the tree needs is returned. With o NULL nothing is emitted. */
static int tree(const struct casefile *cf, int maxname, struct out *o)
{
	struct row r[3];
	int anchor = 0, w = 0, off[3], prev = -1;

	memset(r, 0, sizeof r);

	for (int g = 0; g < 3; g++) {
		row_fill(&r[g], cf, (enum gen)g, maxname);
		row_layout(&r[g], (enum gen)g);
		if (r[g].n && r[g].anchor > anchor)
			anchor = r[g].anchor;
	}
	for (int g = 0; g < 3; g++) {
		off[g] = anchor - r[g].anchor;
		if (r[g].n && off[g] + r[g].width > w)
			w = off[g] + r[g].width;
	}
	for (int g = 0; o && g < 3; g++) {
		if (!r[g].n)
			continue;
		if (prev >= 0 && g == G_CHILD && prev == G_PARENT) {
			drop(o, w, anchor);
			bar(o, w, anchor, &r[g], off[g]);
		} else if (prev >= 0) {
			drop(o, w, anchor);
		}
		row_emit(o, &r[g], off[g]);
		prev = g;
	}
	for (int g = 0; g < 3; g++)
		row_release(&r[g]);
	return w;
}

int genogram_render(const struct casefile *cf, int width, char ***lines, size_t *n)
{
	static const int cuts[] = {12, 10, 8, 6, 4, 2};
	struct out o = {NULL, 0, width};
	int maxname = 2;

	*lines = NULL;
	*n = 0;
	if (width < 8 || !cf->n_members)
		return 0;
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		if (tree(cf, cuts[i], NULL) <= width) {
			maxname = cuts[i];
			break;
		}
	}
	tree(cf, maxname, &o);
	others_emit(&o, cf, maxname);
	emit(&o, "[ ]男 ( )女 ==婚姻");
	*lines = o.lines;
	*n = o.n;
	return 0;
}
