/* scr_search.c: 検索 (F3 or / anywhere), the known persons found by a name
 * in any script (髙橋, 高橋, たかはし, タカハシ, ﾀｶﾊｼ), a reading, a birth date
 * in any form and/or a phone number, each with household, open case, counts
 * of past intakes and cases, last contact and 「3年前に相談歴あり」. Enter
 * opens the case file of the chosen person's open case, else of the most
 * recent closed one.
 *
 * Lookups follow every keystroke the way the intake pane does: a key only
 * edits the query and marks a lookup due; the lookup runs in the idle
 * callback, which the main loop calls once input has drained, so a burst of
 * keys (typing fast, an IME committing a word) costs one lookup. All lookups
 * of one screen form one search session (plain reads); leaving the screen
 * writes its single audit row, naming the person picked with Enter. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/case.h"
#include "tsunagu/caselist.h"
#include "tsunagu/search.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define SEARCH_SCREEN_LIMIT 100
#define QUERY_MAX_BYTES     200
#define DETAIL_ROWS         6 /* the frame around the selected person, lines included */

enum { C_NAME, C_KANA, C_BIRTH, C_CASE, C_STATUS, C_REG, C_LEAD, C_HIST, C_COUNT };

/* Two sets of columns: on a narrow terminal the status and the lead worker
 * move to the frame below the list (which always shows the selected
 * person's household, case, counts and last contact), so that the reading
 * is not cut. The name column is never narrowed (list.c shrinks the others
 * first). */
#define WIDE_COLS 96
static const struct list_col wide_cols[] = {
    {"氏名", 8, 0, -1, true}, {"ふりがな", 8, 16, -1, false}, {"生年月日", 8, 14, -1, false}, {"ケース", 6, 9, -1, false},
    {"状態", 4, 8, -1, false}, {"登録", 4, 10, -1, false},     {"主担当", 6, 10, -1, true},   {"相談歴", 6, 0, -1, false},
};
static const int wide_map[] = {C_NAME, C_KANA, C_BIRTH, C_CASE, C_STATUS, C_REG, C_LEAD, C_HIST};
static const struct list_col narrow_cols[] = {
    {"氏名", 8, 0, -1, true},   {"ふりがな", 8, 16, -1, false}, {"生年月日", 8, 14, -1, false},
    {"ケース", 6, 9, -1, false}, {"登録", 4, 10, -1, false},     {"相談歴", 6, 0, -1, false},
};
static const int narrow_map[] = {C_NAME, C_KANA, C_BIRTH, C_CASE, C_REG, C_HIST};

static const char hint_text[] =
    "氏名 (漢字・かな・カナ・半角カナ)、ふりがな、生年月日 (R1.5.1 / 2019/5/1 / "
    "令和元年5月1日)、電話番号 (ハイフンなしでも可) を入力してください";

struct search_scr {
	struct ui *ui;
	struct ui_edit q;
	struct ui_list l;
	struct search_session sess;
	struct search_result res;
	char *looked_up;  /* the query of res, "" at first */
	char *understood; /* how the query was read, for the line under it */
	bool blank;       /* the looked-up query has nothing to search for */
	bool due;         /* the query changed since the last lookup */
	bool force;       /* look up even if the query is the same (reload) */
	int64_t picked;   /* person chosen with Enter, for the audit row */
	const int *map;   /* list column -> C_* */
	char cell[256];   /* scratch for the list's cell callback */
	int cy, cx;       /* cursor cell after the last draw */
};

/* ---- the rows -------------------------------------------------------------- */

static const struct search_hit *hit_at(const struct search_scr *st, size_t row)
{
	return row < st->res.n ? &st->res.hits[row] : NULL;
}

static size_t hit_count(void *ctx)
{
	return ((struct search_scr *)ctx)->res.n;
}

/* 「対応中」「3年前に相談歴あり」「受付のみ 2 件」「相談歴なし」 */
static void history_text(const struct search_hit *h, char *buf, size_t n)
{
	if (h->case_id)
		snprintf(buf, n, "対応中");
	else if (h->years_since_closed > 0)
		snprintf(buf, n, "%d年前に相談歴あり", h->years_since_closed);
	else if (h->years_since_closed == 0)
		snprintf(buf, n, "1年以内に相談歴あり");
	else if (h->cases > 0)
		snprintf(buf, n, "相談歴あり");
	else if (h->intakes > 0)
		snprintf(buf, n, "受付のみ %d 件", h->intakes);
	else
		snprintf(buf, n, "相談歴なし");
}

static void birth_text(const struct search_hit *h, char *buf, size_t n)
{
	char d[24];

	if (!h->birth.y) {
		snprintf(buf, n, "-");
		return;
	}
	date_format_short(h->birth, d, sizeof d);
	if (h->age >= 0)
		snprintf(buf, n, "%s (%d)", d, h->age);
	else
		snprintf(buf, n, "%s", d);
}

static const char *or_dash(const char *s)
{
	return *s ? s : "-";
}

static const char *hit_cell(void *ctx, size_t row, int col)
{
	struct search_scr *st = ctx;
	const struct search_hit *h = hit_at(st, row);
	char *b = st->cell;
	size_t n = sizeof st->cell;

	if (!h || col < 0 || col >= st->l.ncols)
		return "";
	switch (st->map[col]) {
	case C_NAME: return h->name;
	case C_KANA: return or_dash(h->kana);
	case C_BIRTH: birth_text(h, b, n); return b;
	case C_CASE: return h->case_id ? h->case_no : "-";
	case C_STATUS: return h->case_id ? or_dash(h->status) : "";
	case C_REG: return h->case_id ? or_dash(h->registration) : "";
	case C_LEAD: return h->case_id ? (*h->lead ? h->lead : "未定") : "";
	case C_HIST: history_text(h, b, n); return b;
	default: return "";
	}
}

static enum ui_style hit_style(void *ctx, size_t row)
{
	const struct search_hit *h = hit_at(ctx, row);

	if (!h)
		return ST_NORMAL;
	return h->case_id ? ST_WARN : h->cases || h->intakes ? ST_NORMAL : ST_DIM;
}

static unsigned open_hit(void *ctx, size_t row);

static const struct list_ops hit_list_ops = {
    .count = hit_count,
    .cell = hit_cell,
    .activate = open_hit,
    .style = hit_style,
};

/* ---- looking up --------------------------------------------------------- */

/* How the query was read, for the line under it: "照会 (氏名): 氏名・
 * ふりがな「たかはし」 生年月日 令和元年5月1日 電話 090". *blank: nothing
 * usable was typed (white space only). */
static char *understood_text(const char *query, bool *blank)
{
	struct search_query q;
	struct sbuf sb = {0};
	char d[40];

	search_parse(query, &q);
	*blank = !*q.text && !q.birth.y && !*q.digits;
	sbuf_adds(&sb, "");
	if (q.route == SEARCH_ROUTE_NONE) {
		if (*q.digits)
			sbuf_addf(&sb, "電話番号は %d 桁以上で検索します", SEARCH_MIN_DIGITS);
		goto out;
	}
	sbuf_addf(&sb, "照会方法: %s ", search_route_label(q.route));
	if (*q.text)
		sbuf_addf(&sb, " 氏名・よみ「%s」", q.text);
	if (q.birth.y)
		sbuf_addf(&sb, " 生年月日 %s", date_format_wareki(q.birth, d, sizeof d));
	if (*q.digits)
		sbuf_addf(&sb, " 電話 %s", q.digits);
out:
	search_query_release(&q);
	return sbuf_detach(&sb);
}

static void keep_selection(struct search_scr *st, int64_t person)
{
	st->l.sel = 0;
	st->l.top = 0;
	for (size_t i = 0; person && i < st->l.nvis; i++)
		if (st->res.hits[st->l.vis[i]].person_id == person) {
			st->l.sel = i;
			break;
		}
}

/* Run the due lookup now. True if the list changed. */
static bool lookup(struct search_scr *st)
{
	struct ui *ui = st->ui;
	const char *query = edit_text(&st->q);
	const struct search_hit *was;
	struct tsu_err e = {0};
	size_t row;
	int64_t keep = 0;

	if (!st->due)
		return false;
	st->due = false;
	if (!st->force && !strcmp(query, st->looked_up))
		return false;
	/* a new query selects its best match; a reload keeps the person */
	if (st->force && list_selected(&st->l, &row) && (was = hit_at(st, row)))
		keep = was->person_id;
	st->force = false;
	free(st->looked_up);
	st->looked_up = xstrdup(query);
	free(st->understood);
	st->understood = understood_text(query, &st->blank);
	if (search_persons(ui->db, &ui->me, query, SEARCH_SCREEN_LIMIT, &st->sess, &st->res, &e) !=
	    0)
		ui_message(ui, MSG_ERROR, "人物を検索できません: %s", e.msg);
	list_reload(&st->l);
	keep_selection(st, keep);
	return true;
}

/* ---- opening the case file ------------------------------------------------ */

/* The most recently closed case with h as its subject, 0 if none. The
 * contact history names the latest closed case of the person or their
 * household; a household member's case falls back to the case list. */
static int64_t last_closed_case(struct ui *ui, const struct search_hit *h, struct tsu_err *e)
{
	struct contact_history ch;
	struct case_rec c = {0};
	struct caselist_filter f = {.include_closed = true};
	struct caselist_row *rows = NULL;
	size_t n = 0;
	int64_t id = 0;
	struct date best = {0};

	if (person_contact_history(ui->db, &ui->me, h->person_id, ui_today(ui), &ch, e) != 0)
		return -1;
	if (*ch.last_closed_no && case_get_by_no(ui->db, &ui->me, ch.last_closed_no, &c, e) == 0) {
		if (c.subject_id == h->person_id)
			id = c.id;
		case_release(&c);
	}
	contact_history_release(&ch);
	if (id)
		return id;
	if (caselist_query(ui->db, &ui->me, &f, CASELIST_SORT_NO, ui_today(ui), &rows, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (rows[i].person_id == h->person_id && rows[i].closed.y &&
		    (!id || date_cmp(rows[i].closed, best) >= 0)) {
			id = rows[i].case_id;
			best = rows[i].closed;
		}
	caselist_rows_free(rows, n);
	return id;
}

static unsigned open_hit(void *ctx, size_t row)
{
	struct search_scr *st = ctx;
	struct ui *ui = st->ui;
	const struct search_hit *h = hit_at(st, row);
	struct tsu_err e = {0};
	int64_t id;

	if (!h)
		return RD_NONE;
	st->picked = h->person_id;
	if (h->case_id) {
		ui_push_casefile(ui, h->case_id);
		return RD_ALL;
	}
	if (h->cases == 0) {
		ui_message(ui, MSG_INFO, "%s さんのケースはありません (受付 %d 件)", h->name,
		           h->intakes);
		return RD_STATUS;
	}
	id = last_closed_case(ui, h, &e);
	if (id < 0)
		ui_message(ui, MSG_ERROR, "%s さんのケースを探せません: %s", h->name, e.msg);
	else if (id == 0)
		ui_message(ui, MSG_INFO, "%s さんが対象のケースは見つかりません", h->name);
	else
		ui_push_casefile(ui, id);
	return RD_ALL;
}

/* ---- the screen ------------------------------------------------------------- */

static int search_init(struct screen *s, void *arg)
{
	struct search_scr *st = xcalloc(1, sizeof(*st));

	if (!s->ui->have_me) {
		ui_message(s->ui, MSG_ERROR, "検索には職員としての登録が必要です");
		free(st);
		return -1;
	}
	st->ui = s->ui;
	st->looked_up = xstrdup("");
	st->understood = xstrdup("");
	st->blank = true;
	st->cy = st->cx = -1;
	edit_init(&st->q, false, QUERY_MAX_BYTES);
	if (arg) {
		edit_set(&st->q, arg);
		st->due = true;
	}
	search_session_begin(&st->sess);
	st->map = wide_map;
	list_init(&st->l, wide_cols, C_COUNT, &hit_list_ops, st, "");
	s->data = st;
	return 0;
}

static void search_free(struct screen *s)
{
	struct search_scr *st = s->data;
	struct tsu_err e = {0};

	if (search_session_end(s->ui->db, &s->ui->me, &st->sess, st->picked, &e) != 0)
		ui_message(s->ui, MSG_WARN, "検索の記録を残せませんでした: %s", e.msg);
	list_release(&st->l);
	search_result_release(&st->res);
	edit_release(&st->q);
	free(st->looked_up);
	free(st->understood);
	free(st);
	s->data = NULL;
}

/* "たかはし はると  生年月日 平成31年4月2日 (7歳)" */
static void detail_person(const struct search_hit *h, struct sbuf *sb)
{
	char d[40];

	sbuf_adds(sb, *h->kana ? h->kana : "(ふりがな未登録)");
	if (!h->birth.y) {
		sbuf_adds(sb, "  生年月日 不明");
		return;
	}
	sbuf_addf(sb, "  生年月日 %s", date_format_wareki(h->birth, d, sizeof d));
	if (h->age >= 0)
		sbuf_addf(sb, " (%d歳)", h->age);
}

/* "受付 2 件・ケース 1 件  最終接触 令和8年11月20日 家庭訪問  3年前に相談歴あり
 * (令和5年3月31日 終結)" */
static void detail_history(const struct search_hit *h, struct sbuf *sb)
{
	char d[40], hist[64];

	sbuf_addf(sb, "受付 %d 件・ケース %d 件  最終接触 ", h->intakes, h->cases);
	if (h->last_contact.y)
		sbuf_addf(sb, "%s %s", date_format_wareki(h->last_contact, d, sizeof d),
		          h->last_contact_kind);
	else
		sbuf_adds(sb, "なし");
	history_text(h, hist, sizeof hist);
	sbuf_addf(sb, "  %s", hist);
	if (h->last_closed.y)
		sbuf_addf(sb, " (%s 終結)", date_format_wareki(h->last_closed, d, sizeof d));
}

static void draw_detail_lines(const struct search_hit *h, struct ui_rect in)
{
	struct sbuf sb[4] = {{0}};

	detail_person(h, &sb[0]);
	sbuf_addf(&sb[1], "世帯: %s",
	          !h->household_id ? "(世帯の登録なし)"
	          : *h->members    ? h->members
	                           : "(ほかの世帯員なし)");
	if (h->case_id)
		sbuf_addf(&sb[2], "ケース: %s  %s  %s  主担当 %s", h->case_no,
		          or_dash(h->registration), or_dash(h->status),
		          *h->lead ? h->lead : "未定");
	else
		sbuf_adds(&sb[2], "ケース: 継続中のケースなし");
	detail_history(h, &sb[3]);
	for (int i = 0; i < 4; i++) {
		if (i < in.h)
			draw_text(in.y + i, in.x, in.w, sb[i].buf, -1,
			          i == 2 && h->case_id ? ST_WARN : ST_NORMAL);
		sbuf_release(&sb[i]);
	}
}

static void draw_detail(struct search_scr *st, struct ui_rect r)
{
	const struct search_hit *h = NULL;
	size_t row;

	if (list_selected(&st->l, &row))
		h = hit_at(st, row);
	draw_clear(r);
	draw_box(r, h ? h->name : "選んだ人", ST_FRAME);
	if (h)
		draw_detail_lines(h, rect_inner(r));
}

static void draw_query(struct search_scr *st, struct ui_rect r)
{
	static const char label[] = "検索: ";
	int lw = text_width(label);
	struct ui_rect in = {r.y, r.x + lw, 1, r.w - lw};

	draw_text(r.y, r.x, lw, label, -1, ST_TITLE);
	edit_draw(&st->q, in, ST_FIELD_FOCUS, &st->cy, &st->cx);
	draw_text(r.y + 1, r.x, r.w, st->understood, -1, ST_DIM);
}

static void choose_columns(struct search_scr *st, int w)
{
	bool wide = w >= WIDE_COLS;
	const struct list_col *c = wide ? wide_cols : narrow_cols;

	if (st->l.cols == c)
		return;
	st->l.cols = c;
	st->l.ncols = wide ? (int)(sizeof wide_map / sizeof wide_map[0])
	                   : (int)(sizeof narrow_map / sizeof narrow_map[0]);
	st->map = wide ? wide_map : narrow_map;
	list_reload(&st->l);
}

/* Nothing typed yet: what can be typed, wrapped to the width. */
static void draw_hint(struct ui_rect r)
{
	char **lines = NULL;
	size_t n = text_wrap(hint_text, r.w, &lines);

	for (size_t i = 0; i < n && (int)i < r.h; i++)
		draw_text(r.y + (int)i, r.x, r.w, lines[i], -1, ST_DIM);
	text_lines_free(lines, n);
}

static void search_draw(struct screen *s, struct ui_rect r)
{
	struct search_scr *st = s->data;
	const char *q = edit_text(&st->q);
	int detail = r.h >= 16 ? DETAIL_ROWS : 0;
	char *title;

	if (st->res.n >= SEARCH_SCREEN_LIMIT)
		title = xasprintf("検索  人とケース  該当 %zu 件以上 (条件を足して絞り込めます)",
		                  st->res.n);
	else
		title = xasprintf("検索  人とケース  該当 %zu 件", st->res.n);
	draw_text(r.y, r.x, r.w, *q ? title : "検索  人とケース", -1, ST_TITLE);
	free(title);
	draw_query(st, (struct ui_rect){r.y + 1, r.x, 2, r.w});
	choose_columns(st, r.w);
	st->l.empty_text = st->blank ? "" : "該当なし";
	list_draw(&st->l, (struct ui_rect){r.y + 3, r.x, r.h - 3 - detail, r.w}, true);
	if (st->blank)
		draw_hint((struct ui_rect){r.y + 4, r.x, r.h - 4 - detail, r.w});
	if (detail)
		draw_detail(st, (struct ui_rect){r.y + r.h - detail, r.x, detail, r.w});
}

static unsigned search_key(struct screen *s, const struct ui_key *k)
{
	struct search_scr *st = s->data;

	if (!uk_is_text(k->code) || k->invalid)
		return RD_UNHANDLED;
	if (edit_insert_cp(&st->q, (uint32_t)k->code))
		st->due = true;
	return RD_SCREEN;
}

static unsigned search_command(struct screen *s, enum cmd_id id)
{
	struct search_scr *st = s->data;
	bool changed = false;

	switch (id) {
	case CMD_UP:
	case CMD_DOWN:
	case CMD_PGUP:
	case CMD_PGDN:
	case CMD_TOP:
	case CMD_BOTTOM:
	case CMD_OPEN:
		/* keys typed in the same burst: act on the list they lead to */
		lookup(st);
		return list_command(&st->l, id);
	default: break;
	}
	if (!edit_command(&st->q, id, &changed) && !changed)
		return RD_UNHANDLED;
	if (changed)
		st->due = true;
	return RD_SCREEN;
}

static unsigned search_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_SEARCH | CTX_LIST | CTX_TEXT;
}

static bool search_position(struct screen *s, size_t *n, size_t *total)
{
	struct search_scr *st = s->data;

	*n = st->l.nvis ? st->l.sel + 1 : 0;
	*total = st->l.nvis;
	return true;
}

static bool search_cursor(struct screen *s, int *y, int *x)
{
	struct search_scr *st = s->data;

	*y = st->cy;
	*x = st->cx;
	return st->cy >= 0;
}

/* Back from the case file: the case may have changed; look up again. */
static unsigned search_focus(struct screen *s)
{
	struct search_scr *st = s->data;

	st->due = st->force = *st->looked_up != '\0';
	return RD_ALL;
}

static unsigned search_idle(struct screen *s, time_t now)
{
	struct search_scr *st = s->data;

	(void)now;
	if (screen_top(s->ui) != s)
		return RD_NONE;
	return lookup(st) ? RD_ALL : RD_NONE;
}

static const char *search_help(struct screen *s)
{
	return "既に記録のある人を探します。氏名は漢字・ひらがな・カタカナ・半角カナの"
	       "どれでも (髙橋 も 高橋 も たかはし も ﾀｶﾊｼ も同じ人に当たります)、"
	       "生年月日は R1.5.1・2019/5/1・令和元年5月1日 のどれでも、電話番号は"
	       "ハイフンの有無を問いません。空白で区切って組み合わせると絞り込めます。"
	       "入力するたびに一覧が変わります。上下で選び、Enter でその人の継続中の"
	       "ケース (なければ最後に終結したケース) のケースファイルを開きます。"
	       "検索したことと選んだ人は、画面を閉じたときに操作記録に残ります。";
}

const struct screen_ops search_screen = {
    .title = "検索",
    .init = search_init,
    .draw = search_draw,
    .key = search_key,
    .command = search_command,
    .contexts = search_contexts,
    .help = search_help,
    .free = search_free,
    .position = search_position,
    .cursor = search_cursor,
    .focus = search_focus,
    .idle = search_idle,
};
