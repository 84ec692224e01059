/* scr_caselist.c: ケース一覧, the 進行管理台帳: every open case with its
 * registration, lead worker, last contact, next review (overdue marked) and
 * the days since anything was recorded (stale marked). One key each toggles
 * a filter (mine, registration, overdue, stale, tag) or cycles the order;
 * typing searches incrementally through caselist_match (高橋 finds 髙橋,
 * たかはし finds タカハシ). From a row: open the case file, write a progress
 * note without opening it, open the plan, record a review. */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "scr_plan_util.h"
#include "tsunagu/caselist.h"
#include "tsunagu/settings.h"
#include "tsunagu/text.h"

enum { C_NO, C_NAME, C_REG, C_LEAD, C_CONTACT, C_REVIEW, C_DAYS, C_TAGS, C_COUNT };

static const struct list_col cols[C_COUNT] = {
    {"番号", 7, 10, -1, false},     {"氏名", 8, 0, -1, true},         {"登録", 4, 10, -1, false}, {"担当", 4, 10, -1, true},
    {"最終接触", 8, 10, -1, false}, {"次回見直し", 10, 14, -1, false}, {"経過", 4, 8, 1, false},   {"タグ", 4, 16, -1, false},
};

static const char *const reg_codes[] = {"P", "S", "T", "N"};
#define N_REG 4

static const char *const sort_labels[] = {"ふりがな", "次回見直し", "最終記録"};

struct caselist {
	struct ui *ui;
	struct caselist_row *rows;
	size_t n;
	size_t *shown; /* rows[] index per table row */
	struct ui_table t;
	struct ui_list l;
	bool mine, overdue, stale;
	int reg; /* -1 all, else reg_codes[] */
	char *tag, *tag_label;
	int sort; /* CASELIST_SORT_KANA .. LAST */
	int stale_days;
	struct ui_edit q; /* incremental search */
	bool searching;
	struct confirm_arg ask;
	char *question;
	int64_t review_case;
};

static unsigned cl_activate(void *ctx, size_t row);

static const struct list_ops cl_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = cl_activate,
    .style = table_style,
};

static const struct caselist_row *selected_row(struct caselist *cl)
{
	size_t row;

	if (!list_selected(&cl->l, &row) || row >= cl->t.n)
		return NULL;
	return &cl->rows[cl->shown[row]];
}

static void add_row(struct caselist *cl, const struct caselist_row *r)
{
	char contact[24], review[48], days[24], nr[24];
	const char *cells[C_COUNT] = {r->case_no,   r->name, r->registration_label,
	                              r->lead_name, contact, review,
	                              days,         r->tags};
	enum ui_style st = r->overdue ? ST_OVERDUE : r->stale ? ST_WARN : ST_NORMAL;

	ui_date_short(r->last_contact, contact, sizeof(contact));
	if (!r->last_contact.y)
		snprintf(contact, sizeof(contact), "-");
	ui_date_short(r->next_review, nr, sizeof(nr));
	snprintf(review, sizeof(review), "%s%s", r->next_review.y ? nr : "-",
	         r->overdue ? " 超過" : "");
	snprintf(days, sizeof(days), "%d日%s", r->days_since_record, r->stale ? "!" : "");
	table_add(&cl->t, st, cells);
}

/* Rebuild the table from the loaded rows through the search query. */
static void cl_apply_search(struct caselist *cl)
{
	const char *q = edit_text(&cl->q);

	table_clear(&cl->t);
	free(cl->shown);
	cl->shown = xcalloc(cl->n ? cl->n : 1, sizeof(size_t));
	for (size_t i = 0; i < cl->n; i++) {
		if (!caselist_match(&cl->rows[i], q))
			continue;
		cl->shown[cl->t.n] = i;
		add_row(cl, &cl->rows[i]);
	}
	list_reload(&cl->l);
}

static void cl_reload(struct caselist *cl)
{
	struct ui *ui = cl->ui;
	struct caselist_filter f = {0};
	struct tsu_err e = {0};
	int64_t keep = 0;
	const struct caselist_row *sel = selected_row(cl);

	if (sel)
		keep = sel->case_id;
	f.mine = cl->mine;
	f.registration = cl->reg >= 0 ? reg_codes[cl->reg] : NULL;
	f.overdue = cl->overdue;
	f.stale_days = cl->stale ? -1 : 0;
	f.tag = cl->tag;
	caselist_rows_free(cl->rows, cl->n);
	cl->rows = NULL;
	cl->n = 0;
	if (caselist_query(ui->db, &ui->me, &f, (enum caselist_sort)cl->sort, ui_today(ui),
	                   &cl->rows, &cl->n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "ケース一覧を読めません: %s", e.msg);
		cl->rows = NULL;
		cl->n = 0;
	}
	cl_apply_search(cl);
	for (size_t i = 0; keep && i < cl->l.nvis; i++)
		if (cl->rows[cl->shown[cl->l.vis[i]]].case_id == keep)
			cl->l.sel = i;
}

static int cl_init(struct screen *s, void *arg)
{
	struct caselist *cl = xcalloc(1, sizeof(*cl));

	cl->ui = s->ui;
	cl->reg = -1;
	cl->sort = CASELIST_SORT_KANA;
	cl->stale_days = (int)settings_get_int(s->ui->db, "stale_days", 60);
	edit_init(&cl->q, false, 200);
	table_init(&cl->t, C_COUNT, cl);
	list_init(&cl->l, cols, C_COUNT, &cl_list_ops, &cl->t,
	          "条件に合う継続中のケースはありません");
	s->data = cl;
	cl_reload(cl);
	return 0;
}

/* "[m]担当" drawn marked when on; returns the columns used. */
static int draw_toggle(int y, int x, int w, const char *key, const char *label, bool on)
{
	char *t = xasprintf("%s:%s", key, label);
	int used = draw_text_cut(y, x, w, t, on ? ST_MARK : ST_DIM);

	free(t);
	return used + 1;
}

static void draw_filters(struct caselist *cl, int y, int x, int w)
{
	char reg[64], stale[64], tag[96], sort[64];
	int end = x + w;

	snprintf(reg, sizeof(reg), "登録区分%s%s", cl->reg >= 0 ? "=" : "",
	         cl->reg >= 0 ? reg_codes[cl->reg] : "");
	if (cl->reg >= 0) {
		for (size_t i = 0; i < cl->n; i++)
			if (cl->rows[i].registration_label[0]) {
				snprintf(reg, sizeof(reg), "登録区分=%s",
				         cl->rows[i].registration_label);
				break;
			}
	}
	snprintf(stale, sizeof(stale), "記録なし%d日以上", cl->stale_days);
	snprintf(tag, sizeof(tag), "タグ%s%s", cl->tag ? "=" : "",
	         cl->tag_label ? cl->tag_label : "");
	snprintf(sort, sizeof(sort), "並び順=%s", sort_labels[cl->sort]);
	x += draw_toggle(y, x, end - x, "m", "担当のみ", cl->mine);
	x += draw_toggle(y, x, end - x, "r", reg, cl->reg >= 0);
	x += draw_toggle(y, x, end - x, "o", "見直し超過", cl->overdue);
	x += draw_toggle(y, x, end - x, "t", stale, cl->stale);
	x += draw_toggle(y, x, end - x, "g", tag, cl->tag != NULL);
	if (x < end)
		draw_toggle(y, x, end - x, "k", sort, false);
}

static void draw_search(struct caselist *cl, int y, int x, int w)
{
	char *t = xasprintf("検索: %s", edit_text(&cl->q));
	char *count = xasprintf(" (%zu件)", cl->t.n);
	int cw = text_width(count);

	draw_text(y, x, w - cw, t, -1, cl->searching ? ST_FIELD_FOCUS : ST_DIM);
	draw_text(y, x + w - cw, cw, count, 1, ST_DIM);
	free(t);
	free(count);
}

static void cl_draw(struct screen *s, struct ui_rect r)
{
	struct caselist *cl = s->data;
	char day[64], *title;
	bool search_line = cl->searching || cl->q.s.len > 0;

	date_format_wareki_wday(ui_today(cl->ui), day, sizeof(day));
	title = xasprintf("ケース一覧 (進行管理台帳)  %zu 件  %s現在", cl->t.n, day);
	draw_text(r.y, r.x, r.w, title, -1, ST_TITLE);
	free(title);
	draw_filters(cl, r.y + 1, r.x, r.w);
	list_draw(&cl->l, (struct ui_rect){r.y + 2, r.x, r.h - 2 - (search_line ? 1 : 0), r.w},
	          !cl->searching);
	if (search_line)
		draw_search(cl, r.y + r.h - 1, r.x, r.w);
}

static unsigned cl_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct caselist *cl = t->owner;
	const struct caselist_row *r;

	if (row >= cl->t.n)
		return RD_NONE;
	r = &cl->rows[cl->shown[row]];
	ui_push_casefile(cl->ui, r->case_id);
	return RD_ALL;
}

static unsigned pick_tag(struct ui *ui, void *ctx, size_t index)
{
	struct caselist *cl = ctx;
	struct ui_codes c;

	ui_codes_load(ui, "tag", NULL, &c);
	free(cl->tag);
	free(cl->tag_label);
	cl->tag = cl->tag_label = NULL;
	if (index > 0 && index - 1 < c.n) {
		cl->tag = xstrdup(c.c[index - 1].code);
		cl->tag_label = xstrdup(c.c[index - 1].label);
	}
	ui_codes_release(&c);
	cl_reload(cl);
	return RD_ALL;
}

static unsigned open_tag_picker(struct screen *s);

static unsigned do_review(struct ui *ui, void *arg)
{
	struct caselist *cl = arg;
	struct tsu_err e = {0};
	struct date none = {0}, next;
	char buf[32];

	screen_pop(ui); /* the question */
	if (caselist_record_review(ui->db, &ui->me, cl->review_case, ui_today(ui), none, 0, NULL,
	                           &next, &e) != 0) {
		ui_message(ui, MSG_ERROR, "見直しを記録できません: %s", e.msg);
		return RD_ALL;
	}
	ui_date_short(next, buf, sizeof(buf));
	ui_message(ui, MSG_INFO, "見直しを記録しました。次回見直しは %s です", buf);
	cl_reload(cl);
	return RD_ALL;
}

static unsigned ask_review(struct screen *s)
{
	struct caselist *cl = s->data;
	const struct caselist_row *r = selected_row(cl);
	char today[32];

	if (!r)
		return RD_NONE;
	ui_date_short(ui_today(s->ui), today, sizeof(today));
	free(cl->question);
	cl->question =
	    xasprintf("%s %s の見直しを %s 付で記録しますか? 次回見直し日は周期 (%d か月)"
	              " から決まります。",
	              r->case_no, r->name, today, r->review_cycle_months);
	cl->review_case = r->case_id;
	cl->ask = (struct confirm_arg){cl->question, "記録する", "やめる", do_review, cl};
	screen_push(s->ui, &confirm_screen, &cl->ask);
	return RD_ALL;
}

static unsigned row_command(struct screen *s, enum cmd_id id)
{
	struct caselist *cl = s->data;
	const struct caselist_row *r = selected_row(cl);

	if (!r)
		return RD_NONE;
	switch (id) {
	case CMD_NOTE_QUICK: ui_push_note_form(s->ui, r->case_id); break;
	case CMD_PLAN: ui_push_plan(s->ui, r->case_id); break;
	case CMD_TRANSFER: ui_push_transfer(s->ui, r->case_id); break;
	default: return RD_UNHANDLED;
	}
	return RD_ALL;
}

static unsigned search_command(struct caselist *cl, enum cmd_id id)
{
	bool changed = false;

	switch (id) {
	case CMD_FILTER_END: cl->searching = false; return RD_ALL;
	case CMD_FILTER_CLEAR:
		cl->searching = false;
		edit_set(&cl->q, "");
		cl_apply_search(cl);
		return RD_ALL;
	default:
		if (!edit_command(&cl->q, id, &changed) && !changed)
			return RD_UNHANDLED;
		if (changed)
			cl_apply_search(cl);
		return RD_ALL;
	}
}

static unsigned cl_command(struct screen *s, enum cmd_id id)
{
	struct caselist *cl = s->data;

	if (cl->searching && id != CMD_UP && id != CMD_DOWN && id != CMD_OPEN) {
		unsigned rd = search_command(cl, id);

		if (!(rd & RD_UNHANDLED))
			return rd;
	}
	switch (id) {
	case CMD_CL_MINE: cl->mine = !cl->mine; break;
	case CMD_CL_REG: cl->reg = cl->reg + 1 < N_REG ? cl->reg + 1 : -1; break;
	case CMD_CL_OVERDUE: cl->overdue = !cl->overdue; break;
	case CMD_CL_STALE: cl->stale = !cl->stale; break;
	case CMD_CL_SORT: cl->sort = (cl->sort + 1) % 3; break;
	case CMD_CL_TAG: return open_tag_picker(s);
	case CMD_CL_REVIEW: return ask_review(s);
	case CMD_FILTER:
		cl->searching = true;
		cl->q.cur = cl->q.s.len;
		return RD_ALL;
	case CMD_NOTE_QUICK:
	case CMD_PLAN:
	case CMD_TRANSFER: return row_command(s, id);
	default: return list_command(&cl->l, id);
	}
	cl_reload(cl);
	return RD_ALL;
}

static unsigned open_tag_picker(struct screen *s)
{
	struct caselist *cl = s->data;
	struct ui_codes c;
	const char **items;
	size_t sel = 0;

	ui_codes_load(s->ui, "tag", NULL, &c);
	items = xcalloc(c.n + 1, sizeof(char *));
	items[0] = "(タグで絞り込まない)";
	for (size_t i = 0; i < c.n; i++) {
		items[i + 1] = c.c[i].label;
		if (cl->tag && !strcmp(cl->tag, c.c[i].code))
			sel = i + 1;
	}
	pick_open(s->ui, "タグで絞り込む", items, c.n + 1, sel, pick_tag, cl);
	free(items);
	ui_codes_release(&c);
	return RD_ALL;
}

/* Typing searches: Japanese at once, ASCII after f (letters are commands). */
static unsigned cl_key(struct screen *s, const struct ui_key *k)
{
	struct caselist *cl = s->data;

	if (!uk_is_text(k->code))
		return RD_UNHANDLED;
	if (!cl->searching && (k->code < 0x80 || k->invalid))
		return RD_UNHANDLED;
	if (!cl->searching) {
		cl->searching = true;
		cl->q.cur = cl->q.s.len;
	}
	edit_insert_cp(&cl->q, (uint32_t)k->code);
	cl_apply_search(cl);
	return RD_ALL;
}

static unsigned cl_contexts(struct screen *s)
{
	struct caselist *cl = s->data;
	unsigned ctx = CTX_GLOBAL | CTX_CASELIST | CTX_LIST;

	return cl->searching ? ctx | CTX_FILTER | CTX_TEXT : ctx;
}

static bool cl_position(struct screen *s, size_t *n, size_t *total)
{
	struct caselist *cl = s->data;

	*n = cl->l.nvis ? cl->l.sel + 1 : 0;
	*total = cl->l.nvis;
	return true;
}

static bool cl_cursor(struct screen *s, int *y, int *x)
{
	struct caselist *cl = s->data;
	char *before;

	if (!cl->searching)
		return false;
	before = xasprintf("検索: %.*s", (int)cl->q.cur, edit_text(&cl->q));
	*y = cl->l.last.y + cl->l.last.h;
	*x = cl->l.last.x + text_width(before);
	free(before);
	return true;
}

static unsigned cl_focus(struct screen *s)
{
	cl_reload(s->data);
	return RD_ALL;
}

static const char *cl_help(struct screen *s)
{
	return "継続中のケースの進行管理台帳です。次回見直し日を過ぎたケースは赤の太字、"
	       "長く記録のないケースは経過日数に ! が付きます。m 担当のみ、r 登録区分、"
	       "o 見直し超過、t 記録なし、g タグで絞り込み、k で並び順を切り替えます。"
	       "日本語を入力するか f を押すと番号・氏名・ふりがなで検索します (異体字・"
	       "ひらがな/カタカナ・半角を区別しません)。Enter でケースファイル、a で経過記録、"
	       "p で支援計画、v で見直しの記録、c で会議を開きます。";
}

static void cl_free(struct screen *s)
{
	struct caselist *cl = s->data;

	list_release(&cl->l);
	table_release(&cl->t);
	caselist_rows_free(cl->rows, cl->n);
	edit_release(&cl->q);
	free(cl->shown);
	free(cl->tag);
	free(cl->tag_label);
	free(cl->question);
	free(cl);
}

const struct screen_ops caselist_screen = {
    .title = "ケース一覧",
    .init = cl_init,
    .draw = cl_draw,
    .key = cl_key,
    .command = cl_command,
    .contexts = cl_contexts,
    .help = cl_help,
    .free = cl_free,
    .position = cl_position,
    .cursor = cl_cursor,
    .focus = cl_focus,
};
