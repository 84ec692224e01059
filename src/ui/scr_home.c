/* scr_home.c: ホーム, the screen a caseworker starts from: today's counts,
 * safety checks by deadline, reviews due and the worker's own open cases,
 * all from the core's home queries over the real schema. Tab moves between
 * the three lists; the data reloads whenever another user saves. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/home.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define REVIEW_DAYS 7
#define COUNTS_W    30

enum { P_SAFETY, P_REVIEW, P_MINE, P_COUNT };

struct home {
	struct ui *ui;
	struct home_counts c;
	bool have_counts;
	struct ui_table t[P_COUNT];
	struct ui_list l[P_COUNT];
	int focus;
	int64_t *case_id[P_COUNT], *intake_id[P_COUNT]; /* per table row */
	struct home_row *rows[P_COUNT]; /* as loaded; the countdown moves locally */
	size_t nrows[P_COUNT];
	time_t loaded; /* the safety countdown is as of this time */
	struct date loaded_day;
};

static const struct list_col safety_cols[] = {
    {"期限", 10, 0, -1, false}, {"番号", 4, 10, -1, false}, {"氏名", 4, 18, -1, true},
    {"内容", 4, 14, -1, false}, {"担当", 4, 10, -1, true},
};
static const struct list_col review_cols[] = {
    {"期限", 5, 0, -1, false}, {"番号", 4, 10, -1, false},     {"氏名", 4, 18, -1, true},
    {"登録", 4, 10, -1, false}, {"最終記録", 8, 12, -1, false},
};
static const struct list_col mine_cols[] = {
    {"番号", 4, 10, -1, false}, {"氏名", 4, 20, -1, true}, {"登録", 4, 10, -1, false},
    {"状態", 4, 10, -1, false}, {"次回", 5, 0, -1, false},  {"最終記録", 8, 12, -1, false},
};

static const char *const empty_text[P_COUNT] = {
    "期限のある安全確認はありません",
    "見直し期限が近いケースはありません",
    "担当している継続中のケースはありません",
};

/* Enter: the case file, or the 受理会議 of an intake not yet a case. */
static unsigned home_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct home *h = t->owner;
	int p = (int)(t - h->t);

	if (row >= t->n)
		return RD_NONE;
	if (p == P_SAFETY) { /* record the 安全確認 (scr_safety.c) */
		char *what = xasprintf("%s %s", table_cell(t, row, 1), table_cell(t, row, 2));
		unsigned rd = safety_open(h->ui, h->intake_id[p][row], what);

		free(what);
		return rd;
	}
	if (h->case_id[p][row])
		ui_push_casefile(h->ui, h->case_id[p][row]);
	else if (h->intake_id[p][row])
		ui_push_juri(h->ui, h->intake_id[p][row]);
	return RD_ALL;
}

static const struct list_ops home_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = home_activate,
    .style = table_style,
};

/* "髙橋 陽翔 (5)" */
static char *name_age(const struct home_row *r, struct date today)
{
	struct date b;
	struct tsu_err e = {0};
	int age = -1;

	if (r->birth && *r->birth && date_parse(r->birth, &b, &e) == 0)
		age = date_age(b, today);
	return age >= 0 ? xasprintf("%s (%d)", r->name, age) : xstrdup(r->name ? r->name : "");
}

/* "11/25" from an ISO date or date-time. */
static void month_day(const char *iso, char *buf, size_t n)
{
	int y, m, d;

	if (iso && sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
		snprintf(buf, n, "%d/%d", m, d);
	else
		snprintf(buf, n, "%s", iso ? iso : "");
}

static void last_record(const struct home_row *r, char *buf, size_t n)
{
	if (r->days_since_record < 0)
		snprintf(buf, n, "記録なし");
	else
		snprintf(buf, n, "%d日前", r->days_since_record);
}

static void add_safety(struct ui_table *t, const struct home_row *r, struct date today)
{
	long m = r->minutes_left < 0 ? -r->minutes_left : r->minutes_left;
	char due[32], *name = name_age(r, today);
	const char *cells[5] = {due, r->case_no, name, r->detail, r->lead};

	snprintf(due, sizeof(due), "%s %02ld:%02ld", r->minutes_left < 0 ? "超過" : "残り", m / 60,
	         m % 60);
	table_add(t, r->minutes_left < 0 ? ST_OVERDUE : ST_NORMAL, cells);
	free(name);
}

static void add_review(struct ui_table *t, const struct home_row *r, struct date today)
{
	char due[32], last[32], *name = name_age(r, today);
	const char *cells[5] = {due, r->case_no, name, r->registration, last};
	char iso[16];

	month_day(r->due, due, sizeof(due));
	last_record(r, last, sizeof(last));
	date_format_iso(today, iso, sizeof(iso));
	table_add(t, r->due && strncmp(r->due, iso, 10) < 0 ? ST_OVERDUE : ST_NORMAL, cells);
	free(name);
}

static void add_mine(struct ui_table *t, const struct home_row *r, struct date today)
{
	char due[32], last[32], *name = name_age(r, today);
	const char *cells[6] = {r->case_no, name, r->registration, r->status, due, last};

	month_day(r->due, due, sizeof(due));
	last_record(r, last, sizeof(last));
	table_add(t, ST_NORMAL, cells);
	free(name);
}

/* Build list p from rows, which the screen keeps (the previous ones are freed
 * unless rows is the same array being shown again). */
static void fill(struct home *h, int p, struct home_row *rows, size_t n, struct date today)
{
	if (rows != h->rows[p]) {
		home_rows_free(h->rows[p], h->nrows[p]);
		h->rows[p] = rows;
		h->nrows[p] = n;
	}
	table_clear(&h->t[p]);
	free(h->case_id[p]);
	free(h->intake_id[p]);
	h->case_id[p] = xcalloc(n ? n : 1, sizeof(int64_t));
	h->intake_id[p] = xcalloc(n ? n : 1, sizeof(int64_t));
	for (size_t i = 0; i < n; i++) {
		h->case_id[p][i] = rows[i].case_id;
		h->intake_id[p][i] = rows[i].intake_id;
		if (p == P_SAFETY)
			add_safety(&h->t[p], &rows[i], today);
		else if (p == P_REVIEW)
			add_review(&h->t[p], &rows[i], today);
		else
			add_mine(&h->t[p], &rows[i], today);
	}
	list_reload(&h->l[p]);
}

static void home_reload(struct home *h)
{
	struct ui *ui = h->ui;
	struct date today = ui_today(ui);
	struct tsu_err e = {0};
	struct home_row *rows = NULL;
	size_t n = 0;
	int bad = 0;

	h->loaded = time(NULL);
	h->have_counts = home_load_counts(ui->db, &ui->me, today, &h->c, &e) == 0;
	bad |= !h->have_counts;
	if (home_safety_checks(ui->db, time(NULL), &rows, &n, &e) != 0)
		bad = 1, rows = NULL, n = 0;
	fill(h, P_SAFETY, rows, n, today);
	rows = NULL, n = 0;
	if (home_reviews_due(ui->db, today, REVIEW_DAYS, &rows, &n, &e) != 0)
		bad = 1, rows = NULL, n = 0;
	fill(h, P_REVIEW, rows, n, today);
	rows = NULL, n = 0;
	if (home_my_cases(ui->db, &ui->me, today, &rows, &n, &e) != 0)
		bad = 1, rows = NULL, n = 0;
	fill(h, P_MINE, rows, n, today);
	h->loaded_day = today;
	/* the lists name children: record that this worker saw them */
	if (!bad && home_record_view(ui->db, &ui->me, h->nrows[P_SAFETY], h->nrows[P_REVIEW],
	                             h->nrows[P_MINE], &e) != 0)
		bad = 1;
	if (bad)
		ui_message(ui, MSG_ERROR, "ホームの集計を読み込めません: %s", e.msg);
}

/* The countdown moves with the clock without asking the database again. */
static void retime(struct home *h, time_t now)
{
	long passed = (long)(now / 60 - h->loaded / 60);

	for (size_t i = 0; i < h->nrows[P_SAFETY]; i++)
		h->rows[P_SAFETY][i].minutes_left -= passed;
	h->loaded = now;
	fill(h, P_SAFETY, h->rows[P_SAFETY], h->nrows[P_SAFETY], h->loaded_day);
}

static int home_init(struct screen *s, void *arg)
{
	static const struct list_col *cols[P_COUNT] = {safety_cols, review_cols, mine_cols};
	static const int ncols[P_COUNT] = {5, 5, 6};
	struct home *h = xcalloc(1, sizeof(*h));

	h->ui = s->ui;
	for (int p = 0; p < P_COUNT; p++) {
		table_init(&h->t[p], ncols[p], h);
		list_init(&h->l[p], cols[p], ncols[p], &home_list_ops, &h->t[p], empty_text[p]);
	}
	h->focus = P_SAFETY;
	s->data = h;
	home_reload(h);
	return 0;
}

static void counts_line(int y, int x, int w, const char *label, const char *value)
{
	char *l = text_pad(label, 12, -1);
	char *line = xasprintf("%s%s", l, value);

	draw_text(y, x, w, line, -1, ST_NORMAL);
	free(l);
	free(line);
}

static void draw_counts(struct home *h, struct ui_rect r)
{
	const struct home_counts *c = &h->c;
	struct ui_rect in = rect_inner(r);
	char v[7][64];
	const char *labels[7] = {"受付",       "受理会議",     "経過記録",  "安全確認",
	                         "見直し超過", "支援措置期限", "担当ケース"};

	draw_box(r, "本日", ST_FRAME);
	if (!h->have_counts) {
		draw_text(in.y, in.x, in.w, "集計できません", -1, ST_ERROR);
		return;
	}
	snprintf(v[0], sizeof(v[0]), "%3d 件 (通告 %d)", c->intakes_today, c->reports_today);
	snprintf(v[1], sizeof(v[1]), "%3d 件", c->meetings_today);
	snprintf(v[2], sizeof(v[2]), "%3d 件", c->notes_today);
	snprintf(v[3], sizeof(v[3]), "%3d 件 (超過 %d)", c->safety_due, c->safety_overdue);
	snprintf(v[4], sizeof(v[4]), "%3d 件", c->reviews_overdue);
	snprintf(v[5], sizeof(v[5]), "%3d 件 (30日内)", c->secrecy_ending);
	snprintf(v[6], sizeof(v[6]), "%3d 件", c->my_open_cases);
	for (int i = 0; i < 7 && i < in.h; i++)
		counts_line(in.y + i, in.x, in.w, labels[i], v[i]);
}

static void draw_panel(struct home *h, int p, struct ui_rect r, const char *title)
{
	draw_box(r, title, h->focus == p ? ST_TITLE : ST_FRAME);
	list_draw(&h->l[p], rect_inner(r), h->focus == p);
}

static void draw_title(struct home *h, struct ui_rect r)
{
	char day[64], *right;
	int rw;

	date_format_wareki_wday(ui_today(h->ui), day, sizeof(day));
	right = xasprintf("%s%s", h->ui->today_override.y ? "基準日 " : "", day);
	rw = text_width(right);
	draw_text(r.y, r.x, r.w, "tsunagu  子ども家庭センター  ホーム", -1, ST_TITLE);
	if (rw < r.w)
		draw_text(r.y, r.x + r.w - rw, rw, right, 1,
		          h->ui->today_override.y ? ST_WARN : ST_TITLE);
	free(right);
}

static void home_draw(struct screen *s, struct ui_rect r)
{
	struct home *h = s->data;
	int avail = r.h - 1, top = avail * 11 / 20, cw = r.w >= 80 ? COUNTS_W : 26;
	int lw = r.w - cw, h1;
	char *mine = xasprintf("担当ケース (%zu)", h->t[P_MINE].n);

	if (top < 9)
		top = 9;
	if (top > avail - 4)
		top = avail - 4;
	h1 = (top + 1) / 2;
	draw_title(h, r);
	draw_counts(h, (struct ui_rect){r.y + 1, r.x + lw - 1, top, cw + 1});
	draw_panel(h, P_SAFETY, (struct ui_rect){r.y + 1, r.x, h1, lw}, "安全確認 (期限順)");
	draw_panel(h, P_REVIEW, (struct ui_rect){r.y + 1 + h1, r.x, top - h1, lw},
	           "見直し期限 (超過・7日以内)");
	draw_panel(h, P_MINE, (struct ui_rect){r.y + 1 + top, r.x, avail - top, r.w}, mine);
	free(mine);
}

static unsigned home_command(struct screen *s, enum cmd_id id)
{
	struct home *h = s->data;

	switch (id) {
	case CMD_NEXT_PANE: h->focus = (h->focus + 1) % P_COUNT; return RD_ALL;
	case CMD_HOME_DATE: screen_push(s->ui, &date_form_screen, NULL); return RD_ALL;
	default: return list_command(&h->l[h->focus], id);
	}
}

static unsigned home_key(struct screen *s, const struct ui_key *k)
{
	struct home *h = s->data;

	return list_key(&h->l[h->focus], k);
}

static unsigned home_contexts(struct screen *s)
{
	struct home *h = s->data;

	return CTX_GLOBAL | CTX_HOME | list_contexts(&h->l[h->focus]);
}

static bool home_position(struct screen *s, size_t *n, size_t *total)
{
	struct home *h = s->data;

	*n = h->l[h->focus].nvis ? h->l[h->focus].sel + 1 : 0;
	*total = h->l[h->focus].nvis;
	return true;
}

static bool home_cursor(struct screen *s, int *y, int *x)
{
	struct home *h = s->data;

	return list_cursor(&h->l[h->focus], y, x);
}

static unsigned home_focus(struct screen *s)
{
	home_reload(s->data);
	return RD_ALL;
}

/* The safety countdown moves every minute, also while nobody types; a new
 * day reloads everything (other users' saves reload through focus). */
static unsigned home_idle(struct screen *s, time_t now)
{
	struct home *h = s->data;

	if (screen_top(h->ui) != s || now / 60 == h->loaded / 60)
		return RD_NONE;
	if (date_cmp(ui_today(h->ui), h->loaded_day) != 0)
		home_reload(h);
	else
		retime(h, now);
	return RD_SCREEN;
}

static const char *home_help(struct screen *s)
{
	return "今日の件数、期限の近い安全確認と見直し、担当ケースを表示します。"
	       "Tab で一覧を切り替え、g で集計の基準日を変えられます。"
	       "ほかの職員が記録すると自動で更新されます。";
}

static void home_free(struct screen *s)
{
	struct home *h = s->data;

	for (int p = 0; p < P_COUNT; p++) {
		list_release(&h->l[p]);
		table_release(&h->t[p]);
		free(h->case_id[p]);
		free(h->intake_id[p]);
		home_rows_free(h->rows[p], h->nrows[p]);
	}
	free(h);
}

const struct screen_ops home_screen = {
    .title = "ホーム",
    .init = home_init,
    .draw = home_draw,
    .key = home_key,
    .command = home_command,
    .contexts = home_contexts,
    .help = home_help,
    .free = home_free,
    .position = home_position,
    .cursor = home_cursor,
    .focus = home_focus,
    .idle = home_idle,
};
