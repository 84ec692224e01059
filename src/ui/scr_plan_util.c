/* scr_plan_util.c: a form screen that carries its owner's context (the
 * case, the plan version, the meeting), code lists as form choices, and the
 * small helpers the 進行管理 screens use to fill and read fields. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_plan_util.h"
#include "tsunagu/case.h"
#include "tsunagu/person.h"
#include "tsunagu/text.h"

struct pform {
	const struct pform_def *def;
	void *ctx;
	char *title;
	struct ui_form fm;
};

static int pform_init(struct screen *s, void *arg)
{
	s->data = arg;
	return 0;
}

static void pform_release(struct pform *p)
{
	if (p->def->free && p->ctx)
		p->def->free(p->ctx);
	form_release(&p->fm);
	free(p->title);
	free(p);
}

struct ui_form *pform_push(struct ui *ui, const struct pform_def *def, void *ctx, const char *title,
                           const struct field_def *defs, size_t n)
{
	struct pform *p = xcalloc(1, sizeof(*p));

	p->def = def;
	p->ctx = ctx;
	p->title = xstrdup(title);
	form_init(&p->fm, defs, n);
	if (screen_push(ui, &pform_screen, p) != 0) {
		pform_release(p);
		return NULL;
	}
	return &p->fm;
}

void pform_clean(struct ui *ui)
{
	struct screen *s = screen_top(ui);

	if (s && s->ops == &pform_screen)
		((struct pform *)s->data)->fm.dirty = false;
}

static void pform_draw(struct screen *s, struct ui_rect r)
{
	struct pform *p = s->data;
	char *intro = p->def->intro ? p->def->intro(p->ctx) : NULL;
	int y = r.y + 1;

	draw_text(r.y, r.x, r.w, p->title, -1, ST_TITLE);
	if (intro) {
		char **lines;
		size_t n = text_wrap(intro, r.w - 2, &lines);

		for (size_t i = 0; i < n && y < r.y + r.h - 4; i++)
			draw_text(y++, r.x + 1, r.w - 1, lines[i], -1, ST_NORMAL);
		text_lines_free(lines, n);
		free(intro);
	}
	y++;
	form_draw(&p->fm, (struct ui_rect){y, r.x + 1, r.y + r.h - y, r.w - 2});
}

static unsigned pform_save(struct screen *s)
{
	struct pform *p = s->data;
	struct ui *ui = s->ui;
	int bad = form_validate(&p->fm);
	const struct pform_def *def = p->def;
	void *ctx = p->ctx;

	if (bad) {
		ui_message(ui, MSG_ERROR,
		           "入力に誤りがあります (%d 件)。欄の横の説明を見て直してください", bad);
		return RD_ALL;
	}
	if (def->save(s, ctx, &p->fm) != 0)
		return RD_ALL;
	if (screen_top(ui) != s) /* the save pushed something over the form */
		return RD_ALL;
	p->ctx = NULL; /* kept for closed */
	screen_pop(ui);
	if (def->closed)
		def->closed(ui, ctx);
	if (def->free)
		def->free(ctx);
	return RD_ALL;
}

static unsigned pform_command(struct screen *s, enum cmd_id id)
{
	struct pform *p = s->data;
	unsigned rd;

	if (id == CMD_SAVE)
		return pform_save(s);
	if (p->def->command) {
		rd = p->def->command(s, p->ctx, &p->fm, id);
		if (!(rd & RD_UNHANDLED))
			return rd;
	}
	return form_command(&p->fm, id);
}

static unsigned pform_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct pform *)s->data)->fm, k);
}

static unsigned pform_contexts(struct screen *s)
{
	struct pform *p = s->data;

	return form_contexts(&p->fm) | p->def->ctx;
}

static const char *pform_help(struct screen *s)
{
	return ((struct pform *)s->data)->def->help;
}

static void pform_free(struct screen *s)
{
	pform_release(s->data);
}

static bool pform_unsaved(struct screen *s)
{
	return ((struct pform *)s->data)->fm.dirty;
}

static bool pform_position(struct screen *s, size_t *n, size_t *total)
{
	struct pform *p = s->data;

	*n = p->fm.focus + 1;
	*total = p->fm.n;
	return true;
}

static bool pform_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct pform *)s->data)->fm, y, x);
}

const struct screen_ops pform_screen = {
    .title = "入力",
    .init = pform_init,
    .draw = pform_draw,
    .key = pform_key,
    .command = pform_command,
    .contexts = pform_contexts,
    .help = pform_help,
    .free = pform_free,
    .has_unsaved = pform_unsaved,
    .position = pform_position,
    .cursor = pform_cursor,
};

/* ---- code lists ------------------------------------------------------------ */

static bool skipped(const char *code, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (!strcmp(code, *skip))
			return true;
	return false;
}

void ui_codes_load(struct ui *ui, const char *list, const char *const *skip, struct ui_codes *out)
{
	struct tsu_err e = {0};

	memset(out, 0, sizeof(*out));
	if (codes_list(ui->db, list, false, &out->raw, &out->nraw, &e) != 0) {
		ui_message(ui, MSG_ERROR, "コード表 %s を読めません: %s", list, e.msg);
		out->raw = NULL;
		out->nraw = 0;
	}
	out->c = xcalloc(out->nraw ? out->nraw : 1, sizeof(*out->c));
	for (size_t i = 0; i < out->nraw; i++)
		if (!skipped(out->raw[i].code, skip))
			out->c[out->n++] =
			    (struct field_choice){out->raw[i].code, out->raw[i].label, NULL};
}

void ui_codes_release(struct ui_codes *c)
{
	codes_free(c->raw, c->nraw);
	free(c->c);
	memset(c, 0, sizeof(*c));
}

int ui_codes_find(const struct ui_codes *c, const char *code)
{
	for (size_t i = 0; code && i < c->n; i++)
		if (!strcmp(c->c[i].code, code))
			return (int)i;
	return -1;
}

/* ---- form fields ------------------------------------------------------------ */

void fm_set_text(struct ui_form *fm, size_t i, const char *text)
{
	if (i >= fm->n)
		return;
	edit_set(&fm->f[i].edit, text ? text : "");
	if (fm->f[i].def->kind == FK_DATE)
		field_date_update(&fm->f[i]);
}

void fm_set_date(struct ui_form *fm, size_t i, struct date d)
{
	char buf[32] = "";

	if (d.y)
		date_format_iso(d, buf, sizeof(buf));
	fm_set_text(fm, i, buf);
}

void fm_set_choice(struct ui_form *fm, size_t i, int choice)
{
	struct ui_field *f;

	if (i >= fm->n)
		return;
	f = &fm->f[i];
	f->choice = choice >= 0 && (size_t)choice < f->def->nchoices ? choice : -1;
	if (f->def->kind == FK_CODE) {
		edit_set(&f->edit, f->choice >= 0 ? f->def->choices[f->choice].label : "");
		f->picking = false;
		f->pick = f->choice >= 0 ? (size_t)f->choice : 0;
	}
}

void fm_set_check(struct ui_form *fm, size_t i, bool on)
{
	if (i < fm->n)
		fm->f[i].checked = on;
}

struct date fm_date(const struct ui_form *fm, size_t i)
{
	struct date none = {0};

	if (i >= fm->n || !fm->f[i].date_ok)
		return none;
	return fm->f[i].date;
}

const char *fm_code(const struct ui_form *fm, size_t i, const struct ui_codes *c)
{
	int k = form_choice(fm, i);

	return k >= 0 && (size_t)k < c->n ? c->c[k].code : NULL;
}

void fm_insert(struct ui_form *fm, size_t i, const char *text)
{
	struct ui_edit *e;
	size_t len = strlen(text), pos = 0;

	if (i >= fm->n)
		return;
	e = &fm->f[i].edit;
	while (pos < len) {
		uint32_t cp;
		bool ok;
		size_t k = utf8_decode(text + pos, len - pos, &cp, &ok);

		if (k == 0)
			break;
		if (ok)
			edit_insert_cp(e, cp);
		pos += k;
	}
	fm->dirty = true;
}

void fm_focus(struct ui_form *fm, size_t i)
{
	if (i >= fm->n || i == fm->focus)
		return;
	field_blur(&fm->f[fm->focus]);
	fm->focus = i;
	field_focus(&fm->f[i]);
}

void ui_date_short(struct date d, char *buf, size_t n)
{
	if (d.y)
		date_format_short(d, buf, n);
	else if (n)
		buf[0] = '\0';
}

char *ui_case_title(struct ui *ui, int64_t case_id, bool *closed)
{
	struct tsu_err e = {0};
	struct case_rec c = {0};
	struct person p = {0};
	char *name, *t;

	if (case_get(ui->db, &ui->me, case_id, &c, &e) != 0) {
		ui_message(ui, MSG_ERROR, "ケースを読めません: %s", e.msg);
		return NULL;
	}
	if (person_get(ui->db, &ui->me, c.subject_id, &p, &e) != 0) {
		ui_message(ui, MSG_ERROR, "ケース %s の本人を読めません: %s", c.case_no, e.msg);
		case_release(&c);
		return NULL;
	}
	name = person_display_name(&p);
	t = xasprintf("%s %s", c.case_no, name);
	if (closed)
		*closed = c.closed.y != 0;
	free(name);
	person_release(&p);
	case_release(&c);
	return t;
}
