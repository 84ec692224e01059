/* scr_plan.c: 支援計画, the newest version of a case's support plan: needs
 * and strengths, goals, the family's wishes, the support items as a list,
 * delivery dates, next review and approval. A draft is edited in place (e
 * the fields, a/Enter/D the items); an approved version is changed by
 * revising it (r), which keeps it readable (h lists every version with its
 * changes). Approval (A) is for センター長 and 統括支援員: anyone else gets
 * the core's refusal on the status line. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_plan.h"
#include "scr_plan_util.h"
#include "tsunagu/text.h"

enum { I_NO, I_WHAT, I_WHO, I_FREQ, I_PERIOD, I_RESULT, I_COUNT };

static const struct list_col item_cols[I_COUNT] = {
    {"#", 2, 3, 1, false},      {"支援内容", 8, 30, -1, false}, {"提供者", 6, 24, -1, false},
    {"頻度", 4, 10, -1, false}, {"期間", 4, 20, -1, false},     {"結果・評価", 8, 0, -1, false},
};

struct plan_scr {
	struct ui *ui;
	int64_t case_id;
	char *title;
	struct plan p;
	bool have;
	struct ui_table t;
	struct ui_list l;
	char *question;
	struct confirm_arg ask;
	int64_t item_id;
	struct plan_versions versions;
};

static unsigned item_activate(void *ctx, size_t row);

static const struct list_ops item_ops = {
    .count = table_count, .cell = table_cell, .activate = item_activate, .style = table_style};

static void plan_fill_items(struct plan_scr *ps)
{
	table_clear(&ps->t);
	for (size_t i = 0; ps->have && i < ps->p.n_items; i++) {
		const struct plan_item *it = &ps->p.items[i];
		char no[24], *who = plan_provider(it), *period = plan_period(it);
		const char *cells[I_COUNT] = {no, it->what, who, it->frequency, period, it->result};

		snprintf(no, sizeof(no), "%zu", i + 1);
		table_add(&ps->t, ST_NORMAL, cells);
		free(who);
		free(period);
	}
	list_reload(&ps->l);
}

static void plan_reload(struct plan_scr *ps)
{
	struct tsu_err e = {0};
	struct plan fresh = {0};
	int rc = plan_current(ps->ui->db, &ps->ui->me, ps->case_id, &fresh, &e);

	if (rc != 0 && rc != TSU_ENOTFOUND) {
		ui_message(ps->ui, MSG_ERROR, "支援計画を読めません: %s", e.msg);
		return;
	}
	plan_release(&ps->p);
	ps->have = rc == 0;
	if (ps->have)
		ps->p = fresh;
	plan_fill_items(ps);
}

static int plan_init(struct screen *s, void *arg)
{
	struct plan_scr *ps = xcalloc(1, sizeof(*ps));
	const int64_t *case_id = arg;

	ps->ui = s->ui;
	ps->case_id = *case_id;
	if (!(ps->title = ui_case_title(s->ui, ps->case_id, NULL))) {
		free(ps);
		return -1;
	}
	table_init(&ps->t, I_COUNT, ps);
	list_init(&ps->l, item_cols, I_COUNT, &item_ops, &ps->t,
	          "支援内容はまだありません (a で追加)");
	s->data = ps;
	plan_reload(ps);
	return 0;
}

/* Label and wrapped value; returns the rows used (at most max). */
static int draw_field(int y, int x, int w, const char *label, const char *value, int max)
{
	char **lines;
	size_t n;
	int lw = 18, used = 0;

	draw_text(y, x, lw, label, -1, ST_HEADER);
	n = text_wrap(value && *value ? value : "-", w - lw - 1, &lines);
	for (size_t i = 0; i < n && used < max; i++, used++)
		draw_text(y + used, x + lw + 1, w - lw - 1, lines[i], -1, ST_NORMAL);
	text_lines_free(lines, n);
	return used ? used : 1;
}

static void draw_dates(struct plan_scr *ps, int y, int x, int w)
{
	char ex[24], ha[24], nr[24], *line;

	ui_date_short(ps->p.explained_on, ex, sizeof(ex));
	ui_date_short(ps->p.handed_on, ha, sizeof(ha));
	ui_date_short(ps->p.next_review, nr, sizeof(nr));
	line = xasprintf("説明日 %s   交付日 %s   次回見直し %s", *ex ? ex : "-", *ha ? ha : "-",
	                 *nr ? nr : "-");
	draw_text(y, x, w, line, -1, ST_NORMAL);
	free(line);
}

static void plan_draw(struct screen *s, struct ui_rect r)
{
	struct plan_scr *ps = s->data;
	char *head = xasprintf("支援計画  %s", ps->title), *state;
	int y = r.y + 1, per = r.h >= 28 ? 3 : 2, sw;

	draw_text(r.y, r.x, r.w, head, -1, ST_TITLE);
	free(head);
	if (!ps->have) {
		draw_text(y + 1, r.x + 1, r.w - 1,
		          "このケースには支援計画がまだありません。e で作成します。", -1, ST_DIM);
		return;
	}
	state = plan_state_label(&ps->p);
	sw = text_width(state);
	if (sw < r.w)
		draw_text(r.y, r.x + r.w - sw, sw, state, 1,
		          ps->p.approved_by ? ST_TITLE : ST_WARN);
	free(state);
	y += draw_field(y, r.x, r.w, "ニーズ・課題", ps->p.needs, per);
	y += draw_field(y, r.x, r.w, "強み", ps->p.strengths, per);
	y += draw_field(y, r.x, r.w, "長期目標", ps->p.long_goal, per);
	y += draw_field(y, r.x, r.w, "短期目標", ps->p.short_goal, per);
	y += draw_field(y, r.x, r.w, "本人・家族の意向", ps->p.family_wishes, per);
	draw_dates(ps, y++, r.x, r.w);
	if (r.y + r.h - y < 4)
		return;
	draw_box((struct ui_rect){y, r.x, r.y + r.h - y, r.w}, "支援内容", ST_FRAME);
	list_draw(&ps->l, rect_inner((struct ui_rect){y, r.x, r.y + r.h - y, r.w}), true);
}

static const struct plan_item *selected_item(struct plan_scr *ps)
{
	size_t row;

	if (!ps->have || !list_selected(&ps->l, &row) || row >= ps->p.n_items)
		return NULL;
	return &ps->p.items[row];
}

/* A draft may change; else a message says what to do. */
static bool draft_or_say(struct plan_scr *ps)
{
	if (!ps->have) {
		ui_message(ps->ui, MSG_WARN, "先に e で支援計画を作成してください");
		return false;
	}
	if (ps->p.approved_by) {
		ui_message(
		    ps->ui, MSG_WARN,
		    "第%d版は承認済みのため変更できません。r で改訂して新しい版を作ってください",
		    ps->p.plan_no);
		return false;
	}
	return true;
}

static unsigned item_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct plan_scr *ps = t->owner;

	if (!draft_or_say(ps) || row >= ps->p.n_items)
		return RD_STATUS;
	plan_item_open(ps->ui, ps->title, &ps->p, &ps->p.items[row]);
	return RD_ALL;
}

static unsigned do_delete(struct ui *ui, void *arg)
{
	struct plan_scr *ps = arg;
	struct tsu_err e = {0};

	screen_pop(ui);
	if (plan_item_delete(ui->db, &ui->me, &ps->p, ps->item_id, &e) != 0)
		ui_message(ui, MSG_ERROR, "支援内容を削除できません: %s", e.msg);
	else
		ui_message(ui, MSG_INFO, "支援内容を削除しました");
	plan_reload(ps);
	return RD_ALL;
}

static unsigned do_revise(struct ui *ui, void *arg)
{
	struct plan_scr *ps = arg;
	struct tsu_err e = {0};
	struct plan out = {0};

	screen_pop(ui);
	if (plan_revise(ui->db, &ui->me, &ps->p, &out, &e) != 0) {
		ui_message(ui, MSG_ERROR, "改訂できません: %s", e.msg);
	} else {
		ui_message(ui, MSG_INFO, "第%d版 (下書き) を作りました。第%d版はそのまま残ります",
		           out.plan_no, ps->p.plan_no);
		plan_release(&out);
	}
	plan_reload(ps);
	return RD_ALL;
}

static unsigned do_approve(struct ui *ui, void *arg)
{
	struct plan_scr *ps = arg;
	struct tsu_err e = {0};

	screen_pop(ui);
	if (plan_approve(ui->db, &ui->me, &ps->p, &e) != 0)
		ui_message(ui, MSG_ERROR, "承認できません: %s", e.msg);
	else
		ui_message(ui, MSG_INFO, "支援計画 第%d版を承認しました", ps->p.plan_no);
	plan_reload(ps);
	return RD_ALL;
}

static unsigned ask(struct plan_scr *ps, char *question, const char *yes,
                    unsigned (*fn)(struct ui *, void *))
{
	free(ps->question);
	ps->question = question;
	ps->ask = (struct confirm_arg){ps->question, yes, "やめる", fn, ps};
	screen_push(ps->ui, &confirm_screen, &ps->ask);
	return RD_ALL;
}

static unsigned plan_cmd_write(struct plan_scr *ps, enum cmd_id id)
{
	const struct plan_item *it;

	switch (id) {
	case CMD_ITEM_ADD:
		if (draft_or_say(ps))
			plan_item_open(ps->ui, ps->title, &ps->p, NULL);
		return RD_ALL;
	case CMD_ITEM_DEL:
		if (!draft_or_say(ps) || !(it = selected_item(ps)))
			return RD_ALL;
		ps->item_id = it->id;
		return ask(ps, xasprintf("支援内容「%s」を削除しますか?", it->what), "削除する",
		           do_delete);
	case CMD_PLAN_REVISE:
		if (!ps->have || !ps->p.approved_by) {
			ui_message(ps->ui, MSG_WARN,
			           "下書きはそのまま編集できます (e)。"
			           "改訂は承認済みの計画から新しい版を作ります");
			return RD_STATUS;
		}
		return ask(ps,
		           xasprintf("第%d版を改訂して第%d版 (下書き) を作りますか? 第%d版は"
		                     "そのまま読めます。",
		                     ps->p.plan_no, ps->p.plan_no + 1, ps->p.plan_no),
		           "改訂する", do_revise);
	default: return RD_UNHANDLED;
	}
}

static unsigned plan_command(struct screen *s, enum cmd_id id)
{
	struct plan_scr *ps = s->data;
	unsigned rd = plan_cmd_write(ps, id);

	if (!(rd & RD_UNHANDLED))
		return rd;
	switch (id) {
	case CMD_PLAN_EDIT:
		plan_edit_open(s->ui, ps->case_id, ps->title, ps->have ? &ps->p : NULL);
		return RD_ALL;
	case CMD_PLAN_APPROVE:
		if (!ps->have || ps->p.approved_by) {
			ui_message(s->ui, MSG_WARN, "承認できる下書きがありません");
			return RD_STATUS;
		}
		return ask(ps, xasprintf("支援計画 第%d版を承認しますか?", ps->p.plan_no),
		           "承認する", do_approve);
	case CMD_PLAN_VERSIONS:
		if (!ps->have) {
			ui_message(s->ui, MSG_WARN, "支援計画がまだありません");
			return RD_STATUS;
		}
		plan_versions_open(s->ui, ps->case_id, ps->title, &ps->versions);
		return RD_ALL;
	default: return list_command(&ps->l, id);
	}
}

static unsigned plan_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct plan_scr *)s->data)->l, k);
}

static unsigned plan_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_PLAN | list_contexts(&((struct plan_scr *)s->data)->l);
}

static bool plan_position(struct screen *s, size_t *n, size_t *total)
{
	struct plan_scr *ps = s->data;

	*n = ps->l.nvis ? ps->l.sel + 1 : 0;
	*total = ps->l.nvis;
	return true;
}

static bool plan_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct plan_scr *)s->data)->l, y, x);
}

static unsigned plan_focus(struct screen *s)
{
	plan_reload(s->data);
	return RD_ALL;
}

static const char *plan_help(struct screen *s)
{
	return "ケースの支援計画 (最新の版) です。下書きの間は e で内容を、a・Enter・D で"
	       "支援内容の項目を編集できます。A で承認 (センター長・統括支援員のみ)。承認後の"
	       "変更は r で改訂して新しい版を作ります。前の版は h の一覧から変更点とともに"
	       "読めます。説明日・交付日は承認後も e で記録できます。";
}

static void plan_free(struct screen *s)
{
	struct plan_scr *ps = s->data;

	list_release(&ps->l);
	table_release(&ps->t);
	plan_release(&ps->p);
	plan_versions_release(&ps->versions);
	free(ps->title);
	free(ps->question);
	free(ps);
}

static const struct screen_ops plan_screen = {
    .title = "支援計画",
    .init = plan_init,
    .draw = plan_draw,
    .key = plan_key,
    .command = plan_command,
    .contexts = plan_contexts,
    .help = plan_help,
    .free = plan_free,
    .position = plan_position,
    .cursor = plan_cursor,
    .focus = plan_focus,
};

int ui_push_plan(struct ui *ui, int64_t case_id)
{
	return screen_push(ui, &plan_screen, &case_id);
}
