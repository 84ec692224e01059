/* cf_ui.c: helpers of the 受理会議, assessment and case-file screens: field
 * choices from the code lists and the staff roster, date-time fields, and
 * the form dialog with a context pointer (see cf_ui.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cf_ui.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"

int cf_choices_codes(struct ui *ui, const char *list, struct cf_choices *out)
{
	struct tsu_err e = {0};
	struct code *codes = NULL;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (codes_list(ui->db, list, false, &codes, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "コード表 %s を読めません: %s", list, e.msg);
		return -1;
	}
	out->c = xcalloc(n ? n : 1, sizeof(*out->c));
	for (size_t i = 0; i < n; i++) {
		out->c[i].code = xstrdup(codes[i].code);
		out->c[i].label = xstrdup(codes[i].label);
	}
	out->n = n;
	codes_free(codes, n);
	return 0;
}

int cf_choices_staff(struct ui *ui, struct cf_choices *out)
{
	struct tsu_err e = {0};
	struct staff *s = NULL;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (staff_list(ui->db, false, &s, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "職員の一覧を読めません: %s", e.msg);
		return -1;
	}
	out->c = xcalloc(n ? n : 1, sizeof(*out->c));
	out->ids = xcalloc(n ? n : 1, sizeof(*out->ids));
	for (size_t i = 0; i < n; i++) {
		out->c[i].code = xstrdup(s[i].login);
		out->c[i].label = xstrdup(s[i].name);
		out->ids[i] = s[i].id;
	}
	out->n = n;
	staff_list_free(s, n);
	return 0;
}

void cf_choices_release(struct cf_choices *ch)
{
	for (size_t i = 0; i < ch->n; i++) {
		free((char *)ch->c[i].code);
		free((char *)ch->c[i].label);
	}
	free(ch->c);
	free(ch->ids);
	memset(ch, 0, sizeof(*ch));
}

int cf_choice_find(const struct cf_choices *ch, const char *code)
{
	for (size_t i = 0; code && *code && i < ch->n; i++)
		if (!strcmp(ch->c[i].code, code))
			return (int)i;
	return -1;
}

int cf_choice_find_id(const struct cf_choices *ch, int64_t id)
{
	for (size_t i = 0; id && ch->ids && i < ch->n; i++)
		if (ch->ids[i] == id)
			return (int)i;
	return -1;
}

void cf_field_set_choice(struct ui_field *f, int i)
{
	f->choice = i >= 0 && (size_t)i < f->def->nchoices ? i : -1;
	f->pick = f->choice >= 0 ? (size_t)f->choice : 0;
	if (f->def->kind == FK_CODE)
		edit_set(&f->edit, f->choice >= 0 ? f->def->choices[f->choice].label : "");
}

void cf_field_set_text(struct ui_field *f, const char *text)
{
	edit_set(&f->edit, text ? text : "");
	if (f->def->kind == FK_DATE)
		field_date_update(f);
}

/* ---- date-times ----------------------------------------------------------- */

static bool parse_time(const char *s, int *h, int *m)
{
	char extra;

	return sscanf(s, "%d:%d%c", h, m, &extra) == 2 && *h >= 0 && *h <= 23 && *m >= 0 &&
	       *m <= 59;
}

bool cf_datetime_parse(const char *s, char out[17])
{
	const char *sp = strrchr(s, ' ');
	struct tsu_err e = {0};
	struct date d;
	char *day;
	int h, m;
	bool ok;

	if (!sp || sp == s || !parse_time(sp + 1, &h, &m))
		return false;
	day = xasprintf("%.*s", (int)(sp - s), s);
	ok = date_parse(day, &d, &e) == 0;
	free(day);
	if (ok) {
		char tmp[64];

		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d", d.y, d.m, d.d, h, m);
		snprintf(out, 17, "%.16s", tmp);
	}
	return ok;
}

const char *cf_datetime_check(const char *s)
{
	char buf[17];

	return cf_datetime_parse(s, buf) ? NULL
	                                 : "日付と時刻を入力してください (例: R8.11.24 16:00)";
}

void cf_now(char out[17])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

void cf_short_at(const char *at, char *buf, size_t n)
{
	int y, mo, d, h, mi;

	if (sscanf(at, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) == 5)
		snprintf(buf, n, "%d/%02d/%02d %02d:%02d", y % 10000, mo % 100, d % 100, h % 100,
		         mi % 100);
	else if (sscanf(at, "%d-%d-%d", &y, &mo, &d) == 3)
		snprintf(buf, n, "%d/%02d/%02d", y % 10000, mo % 100, d % 100);
	else
		snprintf(buf, n, "%s", at);
}

/* ---- the dialog ------------------------------------------------------------ */

struct dialog {
	const struct cf_dialog_def *def;
	void *ctx;
	struct ui_form fm;
	char *intro;
};

struct dialog_arg {
	const struct cf_dialog_def *def;
	void *ctx;
};

static int dialog_init(struct screen *s, void *arg)
{
	const struct dialog_arg *a = arg;
	struct dialog *d = xcalloc(1, sizeof(*d));

	d->def = a->def;
	d->ctx = a->ctx;
	form_init(&d->fm, d->def->defs, d->def->n);
	if (d->def->setup)
		d->def->setup(d->ctx, &d->fm);
	d->fm.dirty = false;
	d->intro = d->def->intro ? d->def->intro(d->ctx) : NULL;
	s->data = d;
	return 0;
}

static void dialog_draw(struct screen *s, struct ui_rect r)
{
	struct dialog *d = s->data;
	int y = r.y + 2;

	draw_text(r.y, r.x, r.w, d->def->title, -1, ST_TITLE);
	if (d->intro) {
		char **lines;
		size_t n = text_wrap(d->intro, r.w - 2, &lines);

		for (size_t i = 0; i < n && y < r.y + r.h - 3; i++)
			draw_text(y++, r.x + 1, r.w - 1, lines[i], -1, ST_NORMAL);
		text_lines_free(lines, n);
		y++;
	}
	form_draw(&d->fm, (struct ui_rect){y, r.x + 1, r.y + r.h - y, r.w - 2});
}

static unsigned dialog_save(struct screen *s)
{
	struct dialog *d = s->data;
	struct ui *ui = s->ui;
	int bad = form_validate(&d->fm);

	if (bad) {
		ui_message(ui, MSG_ERROR,
		           "入力に誤りがあります (%d 件)。欄の横の説明を見て直してください", bad);
		return RD_ALL;
	}
	if (d->def->save(d->ctx, ui, &d->fm) != 0)
		return RD_ALL;
	screen_pop(ui);
	return RD_ALL;
}

static unsigned dialog_command(struct screen *s, enum cmd_id id)
{
	if (id == CMD_SAVE)
		return dialog_save(s);
	return form_command(&((struct dialog *)s->data)->fm, id);
}

static unsigned dialog_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct dialog *)s->data)->fm, k);
}

static unsigned dialog_contexts(struct screen *s)
{
	return form_contexts(&((struct dialog *)s->data)->fm);
}

static const char *dialog_help(struct screen *s)
{
	return ((struct dialog *)s->data)->def->help;
}

static void dialog_free(struct screen *s)
{
	struct dialog *d = s->data;

	form_release(&d->fm);
	free(d->intro);
	free(d);
}

static bool dialog_unsaved(struct screen *s)
{
	return ((struct dialog *)s->data)->fm.dirty;
}

static bool dialog_position(struct screen *s, size_t *n, size_t *total)
{
	struct dialog *d = s->data;

	*n = d->fm.focus + 1;
	*total = d->fm.n;
	return true;
}

static bool dialog_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct dialog *)s->data)->fm, y, x);
}

static const struct screen_ops dialog_screen = {
    .title = "入力",
    .init = dialog_init,
    .draw = dialog_draw,
    .key = dialog_key,
    .command = dialog_command,
    .contexts = dialog_contexts,
    .help = dialog_help,
    .free = dialog_free,
    .has_unsaved = dialog_unsaved,
    .position = dialog_position,
    .cursor = dialog_cursor,
};

int cf_dialog_push(struct ui *ui, const struct cf_dialog_def *def, void *ctx)
{
	struct dialog_arg a = {def, ctx};

	return screen_push(ui, &dialog_screen, &a);
}
