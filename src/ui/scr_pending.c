/* scr_pending.c: 未受理の受付, the intakes still waiting for their 受理会議,
 * oldest first, with when they came in, the child, the type, whether they
 * are urgent or an abuse report, and who took them. Enter opens the 受理会議
 * for the selected intake; the list reloads when another user saves. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/text.h"
#include "tsunagu/triage.h"
#include "ui_int.h"

enum { C_AT, C_CHILD, C_TYPE, C_FLAG, C_STAFF, C_WHAT, C_COUNT };

struct pending {
	struct ui *ui;
	struct ui_table t;
	struct ui_list l;
	int64_t *ids; /* intake id per table row */
	size_t n;
};

static const struct list_col cols[C_COUNT] = {
    {"受付日時", 16, 16, -1, false}, {"子ども", 6, 22, -1, true}, {"種別", 4, 30, -1, false},
    {"緊急", 4, 10, -1, false},      {"受付者", 4, 12, -1, true}, {"主訴", 4, 0, -1, false},
};

/* "髙橋 陽翔 (7)", or a note when no child was recorded. */
static char *child_text(const struct juri_pending *p, struct date today)
{
	int age = p->birth.y ? date_age(p->birth, today) : -1;

	if (!p->person_id)
		return xstrdup("(子ども未登録)");
	return age >= 0 ? xasprintf("%s (%d)", p->name, age) : xstrdup(p->name);
}

static void type_text(const struct juri_pending *p, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", p->consult_label, *p->abuse_labels ? " " : "", p->abuse_labels);
}

static void add_row(struct pending *pd, const struct juri_pending *p, struct date today)
{
	char type[256], *child = child_text(p, today);
	const char *flag =
	    p->urgent ? (p->is_report ? "緊急 通告" : "緊急") : (p->is_report ? "通告" : "");
	const char *cells[C_COUNT] = {p->received_at, child,         type,
	                              flag,           p->staff_name, p->complaint};

	type_text(p, type, sizeof type);
	pd->ids[table_add(&pd->t, p->urgent ? ST_OVERDUE : ST_NORMAL, cells)] = p->intake_id;
	free(child);
}

static void pending_reload(struct pending *pd)
{
	struct tsu_err e = {0};
	struct juri_pending *rows = NULL;
	size_t n = 0;

	table_clear(&pd->t);
	if (juri_pending_list(pd->ui->db, &pd->ui->me, &rows, &n, &e) != 0) {
		ui_message(pd->ui, MSG_ERROR, "未受理の受付を読めません: %s", e.msg);
		n = 0;
	}
	free(pd->ids);
	pd->ids = xcalloc(n ? n : 1, sizeof(*pd->ids));
	pd->n = n;
	for (size_t i = 0; i < n; i++)
		add_row(pd, &rows[i], ui_today(pd->ui));
	juri_pending_free(rows, n);
	list_reload(&pd->l);
}

static unsigned pending_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct pending *pd = t->owner;

	if (row >= pd->n)
		return RD_NONE;
	ui_push_juri(pd->ui, pd->ids[row]);
	return RD_ALL;
}

static const struct list_ops pending_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = pending_activate,
    .style = table_style,
};

static int pending_init(struct screen *s, void *arg)
{
	struct pending *pd = xcalloc(1, sizeof(*pd));

	pd->ui = s->ui;
	table_init(&pd->t, C_COUNT, pd);
	list_init(&pd->l, cols, C_COUNT, &pending_list_ops, &pd->t,
	          "受理会議を待っている受付はありません");
	s->data = pd;
	pending_reload(pd);
	return 0;
}

static void pending_draw(struct screen *s, struct ui_rect r)
{
	struct pending *pd = s->data;
	char *title = xasprintf("未受理の受付 (%zu 件)  Enter で受理会議", pd->n);

	draw_text(r.y, r.x, r.w, title, -1, ST_TITLE);
	list_draw(&pd->l, (struct ui_rect){r.y + 1, r.x, r.h - 1, r.w}, true);
	free(title);
}

static unsigned pending_command(struct screen *s, enum cmd_id id)
{
	return list_command(&((struct pending *)s->data)->l, id);
}

static unsigned pending_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct pending *)s->data)->l, k);
}

static unsigned pending_contexts(struct screen *s)
{
	return CTX_GLOBAL | list_contexts(&((struct pending *)s->data)->l);
}

static bool pending_position(struct screen *s, size_t *n, size_t *total)
{
	struct pending *pd = s->data;

	*n = pd->l.nvis ? pd->l.sel + 1 : 0;
	*total = pd->l.nvis;
	return true;
}

static bool pending_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct pending *)s->data)->l, y, x);
}

static unsigned pending_focus(struct screen *s)
{
	pending_reload(s->data);
	return RD_ALL;
}

static const char *pending_help(struct screen *s)
{
	return "受理会議で決定していない受付の一覧です (受付の古い順)。"
	       "緊急の受付は強調して表示します。Enter で選んだ受付の受理会議を開きます。"
	       "f で絞り込みます (ひらがな・カタカナ・半角・異体字を区別しません)。";
}

static void pending_free(struct screen *s)
{
	struct pending *pd = s->data;

	list_release(&pd->l);
	table_release(&pd->t);
	free(pd->ids);
	free(pd);
}

const struct screen_ops pending_screen = {
    .title = "未受理の受付",
    .init = pending_init,
    .draw = pending_draw,
    .key = pending_key,
    .command = pending_command,
    .contexts = pending_contexts,
    .help = pending_help,
    .free = pending_free,
    .position = pending_position,
    .cursor = pending_cursor,
    .focus = pending_focus,
};
