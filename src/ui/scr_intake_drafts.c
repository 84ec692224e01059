/* scr_intake_drafts.c: the intake drafts a worker left (a dropped line, a
 * closed terminal, Esc during a call), offered at start-up and on F2 so
 * that nothing typed is forgotten: when the form was started, the child's
 * name and the first words of 主訴. Enter resumes one, Del discards it; from
 * F2 the first row starts a new form instead. Only the owner's drafts are
 * listed (the core's draft_list). */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/intake_form.h"
#include "tsunagu/note.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define GIST_COLS 30

enum { C_STARTED, C_CHILD, C_COMPLAINT, C_SAVED, C_COUNT };

static const struct list_col cols[C_COUNT] = {
    {"開始", 11, 16, -1, false},
    {"子ども", 6, 20, -1, true},
    {"主訴", 4, 0, -1, false},
    {"最終保存", 8, 16, -1, false},
};

struct drafts_scr {
	struct ui *ui;
	struct ui_table t;
	struct ui_list l;
	int64_t *ids; /* per row; 0 = start a new form */
	size_t n;
	bool offer_new;
	int64_t doomed;          /* the draft the worker asked to discard */
	char *question;
	struct confirm_arg ask;
};

/* "2026-11-24 14:05:31" -> "11/24 14:05" */
static void short_time(const char *iso, char *buf, size_t n)
{
	int y, mo, d, h, mi;

	if (iso && sscanf(iso, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) == 5)
		snprintf(buf, n, "%d/%d %02d:%02d", mo, d, h, mi);
	else
		snprintf(buf, n, "%s", iso ? iso : "");
}

static void add_draft(struct drafts_scr *st, const struct draft *d)
{
	struct intake_form f;
	struct tsu_err e = {0};
	char started[32], saved[32], *gist;
	bool ok = intake_form_parse(d->payload, &f, &e) == 0;
	const char *cells[C_COUNT];

	short_time(ok ? intake_form_get(&f, IF_STARTED_AT) : "", started, sizeof started);
	short_time(d->updated_at, saved, sizeof saved);
	gist = text_cut(ok ? intake_form_get(&f, IF_COMPLAINT) : e.msg, GIST_COLS, true, NULL);
	cells[C_STARTED] = started;
	cells[C_CHILD] = ok && *intake_form_get(&f, IF_CHILD_NAME)
	                     ? intake_form_get(&f, IF_CHILD_NAME)
	                     : "(氏名未入力)";
	cells[C_COMPLAINT] = gist;
	cells[C_SAVED] = saved;
	table_add(&st->t, ok ? ST_NORMAL : ST_WARN, cells);
	st->ids = xreallocarray(st->ids, st->n + 1, sizeof *st->ids);
	st->ids[st->n++] = d->id;
	free(gist);
	intake_form_release(&f);
}

static size_t reload(struct drafts_scr *st)
{
	struct tsu_err e = {0};
	struct draft *d = NULL;
	size_t n = 0, found;

	table_clear(&st->t);
	st->n = 0;
	if (st->offer_new) {
		const char *cells[C_COUNT] = {"", "新しい受付を始める", "", ""};

		table_add(&st->t, ST_TITLE, cells);
		st->ids = xreallocarray(st->ids, 1, sizeof *st->ids);
		st->ids[st->n++] = 0;
	}
	if (draft_list(st->ui->db, &st->ui->me, INTAKE_DRAFT_KIND, &d, &n, &e) != 0) {
		ui_message(st->ui, MSG_ERROR, "下書きを読めません: %s", e.msg);
		n = 0;
	}
	for (size_t i = 0; i < n; i++)
		add_draft(st, &d[i]);
	found = n;
	drafts_free(d, n);
	list_reload(&st->l);
	return found;
}

static unsigned drafts_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct drafts_scr *st = t->owner;
	struct ui *ui = st->ui;
	int64_t id = row < st->n ? st->ids[row] : 0;

	screen_pop(ui); /* frees st */
	screen_push(ui, &intake_screen, id ? &id : NULL);
	return RD_ALL;
}

static const struct list_ops drafts_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = drafts_activate,
    .style = table_style,
};

static int drafts_init(struct screen *s, void *arg)
{
	struct drafts_scr *st = xcalloc(1, sizeof *st);

	st->ui = s->ui;
	st->offer_new = arg != NULL;
	table_init(&st->t, C_COUNT, st);
	list_init(&st->l, cols, C_COUNT, &drafts_list_ops, &st->t, "下書きはありません");
	s->data = st;
	reload(st);
	return 0;
}

static void drafts_draw(struct screen *s, struct ui_rect r)
{
	struct drafts_scr *st = s->data;

	draw_text(r.y, r.x, r.w, "入力途中の受付 (下書き)", -1, ST_TITLE);
	draw_text(
	    r.y + 1, r.x, r.w,
	    "入力途中の下書きがあります。Enter で選んだ行を開き (新しい受付、または下書きの再開)、"
	    "Del で下書きを破棄、Esc で戻ります。",
	    -1, ST_NORMAL);
	list_draw(&st->l, (struct ui_rect){r.y + 3, r.x, r.h - 3, r.w}, true);
}

/* A draft can be a whole report typed during a call: discard it only after
 * the worker says yes. */
static unsigned discard_confirmed(struct ui *ui, void *arg)
{
	struct drafts_scr *st = arg;
	struct tsu_err e = {0};

	screen_pop(ui); /* the question */
	if (draft_delete(ui->db, &ui->me, st->doomed, &e) != 0) {
		ui_message(ui, MSG_ERROR, "下書きを破棄できません: %s", e.msg);
		return RD_ALL;
	}
	ui_message(ui, MSG_INFO, "下書きを破棄しました");
	if (reload(st) == 0 && !st->offer_new)
		screen_pop(ui);
	return RD_ALL;
}

static unsigned delete_selected(struct drafts_scr *st)
{
	size_t row;

	if (!list_selected(&st->l, &row) || row >= st->n || st->ids[row] == 0)
		return RD_NONE;
	st->doomed = st->ids[row];
	free(st->question);
	st->question = xasprintf("下書き「%s」(%s 開始) を破棄しますか? 破棄すると元に戻せません。",
	                         table_cell(&st->t, row, C_CHILD), table_cell(&st->t, row, C_STARTED));
	st->ask = (struct confirm_arg){st->question, "破棄する", "残す", discard_confirmed, st};
	screen_push(st->ui, &confirm_screen, &st->ask);
	return RD_ALL;
}

static unsigned drafts_command(struct screen *s, enum cmd_id id)
{
	struct drafts_scr *st = s->data;

	if (id == CMD_DRAFT_DELETE)
		return delete_selected(st);
	return list_command(&st->l, id);
}

static unsigned drafts_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct drafts_scr *)s->data)->l, k);
}

static unsigned drafts_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_DRAFTS | list_contexts(&((struct drafts_scr *)s->data)->l);
}

static bool drafts_position(struct screen *s, size_t *n, size_t *total)
{
	struct drafts_scr *st = s->data;

	*n = st->l.nvis ? st->l.sel + 1 : 0;
	*total = st->l.nvis;
	return true;
}

static bool drafts_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct drafts_scr *)s->data)->l, y, x);
}

static const char *drafts_help(struct screen *s)
{
	return "入力途中で中断した受付 (回線の切断や Esc による中断を含む) の一覧です。"
	       "Enter で続きから入力し、Del で破棄します。下書きは本人にしか見えません。";
}

static void drafts_scr_free(struct screen *s)
{
	struct drafts_scr *st = s->data;

	list_release(&st->l);
	table_release(&st->t);
	free(st->ids);
	free(st->question);
	free(st);
}

const struct screen_ops intake_drafts_screen = {
    .title = "受付の下書き",
    .init = drafts_init,
    .draw = drafts_draw,
    .key = drafts_key,
    .command = drafts_command,
    .contexts = drafts_contexts,
    .help = drafts_help,
    .free = drafts_scr_free,
    .position = drafts_position,
    .cursor = drafts_cursor,
};

unsigned intake_start(struct ui *ui, bool at_startup)
{
	struct tsu_err e = {0};
	struct draft *d = NULL;
	size_t n = 0;
	struct screen *top = screen_top(ui);

	if (!ui->have_me || (top && top->ops == &intake_screen))
		return RD_NONE;
	if (top && top->ops == &intake_drafts_screen) { /* F2 here: a new form */
		screen_pop(ui);
		screen_push(ui, &intake_screen, NULL);
		return RD_ALL;
	}
	if (draft_list(ui->db, &ui->me, INTAKE_DRAFT_KIND, &d, &n, &e) != 0)
		n = 0;
	drafts_free(d, n);
	if (n > 0)
		screen_push(ui, &intake_drafts_screen, at_startup ? NULL : (void *)1);
	else if (!at_startup)
		screen_push(ui, &intake_screen, NULL);
	return RD_ALL;
}
