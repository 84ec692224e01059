/* scr_intake.c: 新規受付, the screen a caseworker opens the moment the phone
 * rings. The 相談・通告受付票 on the left fills in any order; the known-person
 * pane on the right (below on narrow terminals) follows every keystroke in a
 * name, reading, birth date or phone field, looking up only once the keys
 * already typed have been handled, so typing never waits for it. The form
 * is kept as a draft on every field exit, after a few seconds of quiet
 * typing and when the program is stopped (SIGHUP, SIGTERM, lost terminal);
 * Esc leaves with the draft kept. Saving hands the fields to the core
 * (intake_save_new), which checks them and writes everything in one
 * transaction. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_intake.h"
#include "tsunagu/note.h"
#include "tsunagu/text.h"

#define AUTOSAVE_SECONDS 3
#define PANE_MIN_COLS    100 /* beside the form from this width, else below */

struct intake_scr {
	struct ui *ui;
	struct intake_layout L;
	struct ui_form fm;
	struct intake_pane pane;
	int64_t draft_id;
	char started_at[24];
	time_t opened; /* the call timer runs from here */
	bool dirty;    /* typed since the draft was last stored */
	time_t dirty_since; /* first change not yet in the draft */
	char saved_note[48];
	bool search_due; /* a search field changed: look up when input drains */
	int search_group;
	bool kana_last;
	time_t shown_sec;
	int top; /* first form row shown */
};

static void clock_text(time_t t, bool seconds, char *buf, size_t n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	if (seconds)
		strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	else
		strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* ---- drafts --------------------------------------------------------------- */

static void collect(struct intake_scr *st, struct intake_form *f)
{
	intake_layout_collect(&st->L, &st->fm, f);
	f->person_id = st->pane.link_id;
	f->household_id = st->pane.link_household;
	intake_form_set(f, IF_STARTED_AT, st->started_at);
	if (st->pane.link_id && st->pane.link_lines[0])
		intake_form_set(f, IF_LINK_LABEL, st->pane.link_lines[0] + strlen("関連付け: "));
}

static void draft_store(struct intake_scr *st)
{
	struct intake_form f;
	struct tsu_err e = {0};
	char *payload, now[24];

	collect(st, &f);
	payload = intake_form_serialize(&f);
	intake_form_release(&f);
	if (draft_save(st->ui->db, &st->ui->me, INTAKE_DRAFT_KIND, payload, &st->draft_id, &e) !=
	    0) {
		ui_message(st->ui, MSG_ERROR,
		           "下書きを保存できません (入力は画面に残っています): %s", e.msg);
	} else {
		st->dirty = false;
		clock_text(time(NULL), true, now, sizeof now);
		snprintf(st->saved_note, sizeof st->saved_note, "下書き保存 %s", now + 11);
	}
	free(payload);
}

static bool draft_restore(struct intake_scr *st, int64_t id)
{
	struct draft d;
	struct intake_form f;
	struct tsu_err e = {0};
	int rc;

	if (draft_load(st->ui->db, &st->ui->me, id, &d, &e) != 0) {
		ui_message(st->ui, MSG_ERROR, "下書きを読めません: %s", e.msg);
		return false;
	}
	rc = intake_form_parse(d.payload, &f, &e);
	draft_release(&d);
	if (rc != 0) {
		intake_form_release(&f);
		ui_message(st->ui, MSG_ERROR, "下書きを読めません: %s", e.msg);
		return false;
	}
	intake_layout_apply(&st->L, &st->fm, &f);
	pane_link_restore(&st->pane, f.person_id, f.household_id,
	                  intake_form_get(&f, IF_LINK_LABEL));
	if (*intake_form_get(&f, IF_STARTED_AT))
		snprintf(st->started_at, sizeof st->started_at, "%s",
		         intake_form_get(&f, IF_STARTED_AT));
	intake_form_release(&f);
	st->draft_id = id;
	snprintf(st->saved_note, sizeof st->saved_note, "下書きから再開");
	return true;
}

/* A new form: the receipt time stamped now and the worker as receiver. */
static void stamp(struct intake_scr *st)
{
	struct intake_form f;
	char now[24];

	intake_form_init(&f);
	clock_text(st->opened, false, now, sizeof now);
	intake_form_set(&f, IF_RECEIVED_AT, now);
	f.staff_id = st->ui->me.id;
	intake_layout_apply(&st->L, &st->fm, &f);
	intake_form_release(&f);
}

static int intake_init(struct screen *s, void *arg)
{
	struct intake_scr *st = xcalloc(1, sizeof *st);

	st->ui = s->ui;
	if (!intake_layout_build(s->ui, &st->L)) {
		free(st);
		return -1;
	}
	form_init(&st->fm, st->L.defs, st->L.n);
	pane_init(&st->pane);
	st->opened = time(NULL);
	if (!s->ui->call_started)
		s->ui->call_started = st->opened; /* the status line's call timer */
	clock_text(st->opened, true, st->started_at, sizeof st->started_at);
	st->search_group = -1;
	if (!arg || !draft_restore(st, *(const int64_t *)arg))
		stamp(st);
	st->fm.dirty = false;
	s->data = st;
	return 0;
}

static void intake_free(struct screen *s)
{
	struct intake_scr *st = s->data;

	if (s->ui->call_started == st->opened)
		s->ui->call_started = 0;
	pane_release(&st->pane, s->ui);
	form_release(&st->fm);
	intake_layout_release(&st->L);
	free(st);
}

static void intake_rescue(struct screen *s)
{
	struct intake_scr *st = s->data;

	if (st->dirty)
		draft_store(st);
}

/* ---- saving --------------------------------------------------------------- */

static void focus_field(struct ui_form *fm, size_t i)
{
	if (i >= fm->n || i == fm->focus)
		return;
	field_blur(&fm->f[fm->focus]);
	fm->focus = i;
	field_focus(&fm->f[i]);
}

/* The core's findings beside their fields; the number not already shown. */
static int show_issues(struct intake_scr *st, const struct intake_form *f, bool focus_first)
{
	struct intake_form_issue *is;
	size_t n = intake_form_check(f, &is);
	int shown = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k =
		    is[i].member >= 0
		        ? intake_layout_find(&st->L, IB_MEMBER, 0, is[i].member, is[i].mfield)
		        : intake_layout_find(&st->L, IB_FIELD, is[i].field, -1, 0);
		struct ui_field *fl = k < st->fm.n ? &st->fm.f[k] : NULL;

		if (!fl || fl->error)
			continue;
		fl->error = xstrdup(is[i].msg);
		if (focus_first && shown == 0)
			focus_field(&st->fm, k);
		shown++;
	}
	intake_form_issues_free(is, n);
	return shown;
}

/* "2026-11-26 14:05:00" -> "令和8年11月26日 14:05" */
static void due_text(const char *iso, char *buf, size_t n)
{
	struct date d;
	struct tsu_err e = {0};
	char w[40];

	if (!iso || strlen(iso) < 16 || date_parse(iso, &d, &e) != 0) {
		snprintf(buf, n, "%s", iso ? iso : "");
		return;
	}
	date_format_wareki(d, w, sizeof w);
	snprintf(buf, n, "%s %.5s", w, iso + 11);
}

static void saved_message(struct ui *ui, const struct intake_saved *sv)
{
	char due[64];

	if (!*sv->safety_due) {
		ui_message(ui, MSG_INFO, "受付 %lld を保存しました", (long long)sv->intake_id);
		return;
	}
	due_text(sv->safety_due, due, sizeof due);
	ui_message(ui, MSG_INFO, "受付 %lld を保存しました (通告)。安全確認の期限 %s",
	           (long long)sv->intake_id, due);
}

static unsigned do_save(struct screen *s)
{
	struct intake_scr *st = s->data;
	struct ui *ui = s->ui;
	struct intake_form f;
	struct intake_saved sv;
	struct tsu_err e = {0};
	int bad = form_validate(&st->fm), rc;

	collect(st, &f);
	bad += show_issues(st, &f, bad == 0);
	if (bad) {
		ui_message(ui, MSG_ERROR, "保存できません: %d 件 (欄の横の説明を見てください)",
		           bad);
		intake_form_release(&f);
		return RD_ALL;
	}
	rc = intake_save_new(ui->db, &ui->me, &f, &sv, &e);
	intake_form_release(&f);
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "保存できません (入力は残っています): %s", e.msg);
		if (st->dirty)
			draft_store(st);
		return RD_ALL;
	}
	if (st->draft_id && draft_delete(ui->db, &ui->me, st->draft_id, &e) != 0)
		ui_message(ui, MSG_WARN, "保存しましたが下書きを消せません: %s", e.msg);
	if (!st->pane.link_id)
		st->pane.link_id = sv.person_id; /* the session's audit row names the child */
	saved_message(ui, &sv);
	intake_saved_release(&sv);
	st->dirty = false;
	screen_pop(ui); /* frees st */
	return RD_ALL;
}

static unsigned do_suspend(struct screen *s)
{
	struct intake_scr *st = s->data;
	struct ui *ui = s->ui;

	if (st->dirty)
		draft_store(st);
	if (st->dirty)
		return RD_ALL; /* could not be stored: stay (the message says why) */
	if (st->draft_id)
		ui_message(ui, MSG_INFO, "入力を下書きとして残しました。F2 で再開できます");
	screen_pop(ui);
	return RD_ALL;
}

/* Typed text not yet in the draft: stored within AUTOSAVE_SECONDS even
 * while typing goes on, so kill -9 loses only those seconds. */
static void mark_dirty(struct intake_scr *st)
{
	if (!st->dirty)
		st->dirty_since = time(NULL);
	st->dirty = true;
}

/* ---- the known-person pane -------------------------------------------- */

static unsigned do_pick(struct intake_scr *st)
{
	const struct search_hit *h = pane_selected(&st->pane);
	char birth[24];
	size_t k;

	if (!h) {
		ui_message(st->ui, MSG_WARN, "採用できる候補がありません");
		return RD_STATUS;
	}
	if (st->pane.group != 0) {
		ui_message(st->ui, MSG_WARN,
		           "世帯員の欄で見つかった人は表示のみです。子どもの欄で検索すると関連付け"
		           "できます");
		return RD_STATUS;
	}
	pane_link(&st->pane, st->ui, h);
	if ((k = intake_layout_find(&st->L, IB_FIELD, IF_CHILD_NAME, -1, 0)) < st->fm.n)
		intake_field_set(&st->fm.f[k], h->name);
	if ((k = intake_layout_find(&st->L, IB_FIELD, IF_CHILD_KANA, -1, 0)) < st->fm.n)
		intake_field_set(&st->fm.f[k], h->kana);
	if (h->birth.y &&
	    (k = intake_layout_find(&st->L, IB_FIELD, IF_CHILD_BIRTH, -1, 0)) < st->fm.n)
		intake_field_set(&st->fm.f[k], date_format_short(h->birth, birth, sizeof birth));
	ui_message(st->ui, MSG_INFO, "%s さんと世帯に関連付けました", h->name);
	mark_dirty(st);
	return RD_ALL;
}

/* ---- input ---------------------------------------------------------------- */

/* After a key or command: note a change (autosave clock, search due) and
 * store the draft when focus left a changed field. Returns RD_CLEAR when a
 * code picker closed: it may have covered half of a wide character, which
 * curses does not always repaint by itself. */
static unsigned after_input(struct intake_scr *st, size_t before, bool picking)
{
	const struct intake_bind *b = &st->L.bind[before];
	bool closed = picking && (st->fm.focus != before || !st->fm.f[before].picking);

	if (st->fm.dirty) {
		st->fm.dirty = false;
		mark_dirty(st);
		if (b->group >= 0) {
			st->search_due = true;
			st->search_group = b->group;
			st->kana_last = (b->kind == IB_FIELD && b->field == IF_CHILD_KANA) ||
			                (b->kind == IB_MEMBER && b->mfield == IM_KANA);
		}
	}
	if (st->fm.focus != before && st->dirty)
		draft_store(st);
	return closed ? RD_CLEAR | RD_ALL : RD_NONE;
}

static unsigned intake_key(struct screen *s, const struct ui_key *k)
{
	struct intake_scr *st = s->data;
	size_t before = st->fm.focus;
	bool picking = st->fm.f[before].picking;
	unsigned rd = form_key(&st->fm, k);

	return rd | after_input(st, before, picking);
}

static unsigned intake_command(struct screen *s, enum cmd_id id)
{
	struct intake_scr *st = s->data;
	size_t before = st->fm.focus;
	bool picking = st->fm.f[before].picking;
	unsigned rd;

	switch (id) {
	case CMD_SAVE: return do_save(s);
	case CMD_SUSPEND:
		/* Esc on an open choice list closes the list, not the form */
		if (picking && id == CMD_SUSPEND && (rd = form_command(&st->fm, CMD_CANCEL)) != RD_UNHANDLED)
			return rd;
		return do_suspend(s);
	case CMD_CAND_PICK: return do_pick(st);
	case CMD_CAND_NEXT: pane_move(&st->pane, 1); return RD_SCREEN;
	case CMD_CAND_PREV: pane_move(&st->pane, -1); return RD_SCREEN;
	default: break;
	}
	rd = form_command(&st->fm, id);
	return rd | after_input(st, before, picking);
}

static unsigned intake_idle(struct screen *s, time_t now)
{
	struct intake_scr *st = s->data;
	bool top = screen_top(s->ui) == s;
	unsigned rd = RD_NONE;

	if (st->search_due && top) {
		char *q = intake_layout_query(&st->L, &st->fm, st->search_group, st->kana_last);

		st->search_due = false;
		if (pane_lookup(&st->pane, s->ui, q, st->search_group))
			rd |= RD_SCREEN;
		free(q);
	}
	if (st->dirty && now - st->dirty_since >= AUTOSAVE_SECONDS) {
		draft_store(st);
		rd |= RD_ALL;
	}
	if (top && now != st->shown_sec) {
		st->shown_sec = now;
		rd |= RD_SCREEN;
	}
	return rd;
}

/* ---- drawing -------------------------------------------------------------- */

static int input_w(const struct intake_scr *st, int w)
{
	int iw = w - st->fm.label_w - 1;

	return iw > 1 ? iw : 1;
}

static void layout(struct intake_scr *st, int w)
{
	int row = 0;

	for (size_t i = 0; i < st->fm.n; i++) {
		struct ui_field *f = &st->fm.f[i];

		row += st->L.bind[i].section != NULL;
		f->row = row;
		f->rows = field_rows(f, input_w(st, w));
		row += f->rows;
	}
}

static void scroll_to_focus(struct intake_scr *st, int h)
{
	const struct ui_field *f = &st->fm.f[st->fm.focus];
	int from = f->row - (st->L.bind[st->fm.focus].section != NULL);

	if (from < st->top)
		st->top = from;
	if (f->row + f->rows > st->top + h)
		st->top = f->row + f->rows - h;
	if (st->top < 0)
		st->top = 0;
}

static void heading(int y, int x, int w, const char *title)
{
	struct sbuf sb = {0};

	sbuf_addf(&sb, "+- %s ", title);
	for (int i = 0; i < w; i++)
		sbuf_addc(&sb, '-');
	draw_text(y, x, w, sb.buf, -1, ST_FRAME);
	sbuf_release(&sb);
}

static void draw_field(struct intake_scr *st, size_t i, int y, struct ui_rect r)
{
	struct ui_field *f = &st->fm.f[i];
	bool focused = i == st->fm.focus;
	char *l = xasprintf("%s%s", f->def->label, f->def->required ? " *" : "");

	draw_text(y, r.x, st->fm.label_w, l, -1, focused ? ST_TITLE : ST_NORMAL);
	free(l);
	field_draw(f, (struct ui_rect){y, r.x + st->fm.label_w + 1, f->rows, input_w(st, r.w)},
	           focused, &st->fm.cy, &st->fm.cx);
}

static void draw_form(struct intake_scr *st, struct ui_rect r)
{
	int py = -1;

	st->fm.last = r;
	st->fm.cy = st->fm.cx = -1;
	if (r.h <= 0 || r.w <= 0)
		return;
	layout(st, r.w);
	scroll_to_focus(st, r.h);
	for (size_t i = 0; i < st->fm.n; i++) {
		struct ui_field *f = &st->fm.f[i];
		int y = r.y + f->row - st->top;

		if (st->L.bind[i].section && y - 1 >= r.y && y - 1 < r.y + r.h)
			heading(y - 1, r.x, r.w, st->L.bind[i].section);
		if (y < r.y || y + f->rows > r.y + r.h)
			continue;
		draw_field(st, i, y, r);
		if (i == st->fm.focus)
			py = y;
	}
	if (py >= 0 && st->fm.f[st->fm.focus].def->kind == FK_CODE)
		field_draw_picker(&st->fm.f[st->fm.focus], py + 1, st->fm.f[st->fm.focus].in_x, r);
}

/* The receiving worker's name as chosen in the form. */
static const char *staff_name(const struct intake_scr *st)
{
	size_t k = intake_layout_find(&st->L, IB_STAFF, 0, -1, 0);
	const struct ui_field *f = k < st->fm.n ? &st->fm.f[k] : NULL;

	return f && f->choice >= 0 ? f->def->choices[f->choice].label : "";
}

static void draw_title(struct intake_scr *st, struct ui_rect r)
{
	long secs = (long)(time(NULL) - st->opened);
	struct intake_form f;
	char *left, *right, at[20], day[40];
	struct tsu_err e = {0};
	struct date d;
	int rw;

	if (secs < 0)
		secs = 0;
	left = secs >= 3600 ? xasprintf("新規受付  通話 %ld:%02ld:%02ld", secs / 3600,
	                                secs / 60 % 60, secs % 60)
	                    : xasprintf("新規受付  通話 %02ld:%02ld", secs / 60, secs % 60);
	intake_layout_collect(&st->L, &st->fm, &f);
	if (intake_form_datetime(intake_form_get(&f, IF_RECEIVED_AT), at, &e) == 0 &&
	    (at[10] = '\0', date_parse(at, &d, &e) == 0))
		right = xasprintf("受付 %s %s %s", date_format_wareki(d, day, sizeof day), at + 11,
		                  staff_name(st));
	else
		right = xstrdup("受付日時を確認してください");
	intake_form_release(&f);
	draw_text(r.y, r.x, r.w, left, -1, ST_TITLE);
	rw = text_width(right);
	if (rw + text_width(left) + 2 <= r.w)
		draw_text(r.y, r.x + r.w - rw, rw, right, 1, ST_TITLE);
	free(left);
	free(right);
}

/* The bottom row: when the draft was stored, and what still stops saving. */
static void draw_footer(struct intake_scr *st, struct ui_rect r, int y)
{
	struct intake_form f;
	struct intake_form_issue *is;
	struct sbuf sb = {0};
	size_t n;
	int w;

	collect(st, &f);
	n = intake_form_check(&f, &is);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&sb, "%s%s", i ? ", " : "保存に必要: ",
		          is[i].member >= 0 ? "世帯員" : intake_field_label(is[i].field));
	intake_form_issues_free(is, n);
	intake_form_release(&f);
	draw_text(y, r.x, r.w, st->saved_note, -1, ST_DIM);
	w = sb.len ? text_width(sb.buf) : 0;
	if (w && w + text_width(st->saved_note) + 2 <= r.w)
		draw_text(y, r.x + r.w - w, w, sb.buf, 1, ST_WARN);
	sbuf_release(&sb);
}

static void intake_draw(struct screen *s, struct ui_rect r)
{
	struct intake_scr *st = s->data;
	int body = r.h - 2, pw;

	if (body < 3)
		return;
	draw_title(st, r);
	if (r.w >= PANE_MIN_COLS) {
		pw = r.w * 2 / 5 > 56 ? 56 : r.w * 2 / 5;
		pane_draw(&st->pane, (struct ui_rect){r.y + 1, r.x + r.w - pw, body, pw},
		          ui_today(s->ui));
		draw_form(st, (struct ui_rect){r.y + 1, r.x, body, r.w - pw - 1});
	} else {
		int ph = body / 3 < 5 ? 5 : body / 3;

		pane_draw(&st->pane, (struct ui_rect){r.y + 1 + body - ph, r.x, ph, r.w},
		          ui_today(s->ui));
		draw_form(st, (struct ui_rect){r.y + 1, r.x, body - ph, r.w});
	}
	draw_footer(st, r, r.y + r.h - 1);
}

/* ---- the rest of the callbacks ------------------------------------------ */

static unsigned intake_contexts(struct screen *s)
{
	struct intake_scr *st = s->data;

	return form_contexts(&st->fm) | CTX_INTAKE;
}

static bool intake_has_unsaved(struct screen *s)
{
	return ((struct intake_scr *)s->data)->dirty;
}

static bool intake_position(struct screen *s, size_t *n, size_t *total)
{
	struct intake_scr *st = s->data;

	*n = st->fm.focus + 1;
	*total = st->fm.n;
	return true;
}

static bool intake_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct intake_scr *)s->data)->fm, y, x);
}

static const char *intake_help(struct screen *s)
{
	return "電話や来所を受けながら相談・通告受付票を入力します。欄はどの順でも埋められ、"
	       "保存に必要なのは受付日時・子どもの氏名 (特定妊婦は妊婦の氏名)・相談種別だけです。"
	       "氏名・ふりがな・生年月日・電話を入力すると、右の「該当しそうな人」に記録のある人が"
	       "表示されます (かな・カナ・半角・異体字を区別しません)。PgUp/PgDn で候補を選び、"
	       "F4 か Ctrl-O で採用するとその人と世帯に関連付けます。"
	       "入力は欄を移るたびと数秒ごとに下書きとして保存され、回線が切れても失われません。"
	       "Esc で中断すると下書きが残り、F2 や次回の起動時に再開できます。"
	       "通告 (虐待) として保存すると安全確認の期限 (既定 48 時間) がホームに表示されます。";
}

const struct screen_ops intake_screen = {
    .title = "新規受付",
    .init = intake_init,
    .draw = intake_draw,
    .key = intake_key,
    .command = intake_command,
    .contexts = intake_contexts,
    .help = intake_help,
    .free = intake_free,
    .has_unsaved = intake_has_unsaved,
    .position = intake_position,
    .cursor = intake_cursor,
    .idle = intake_idle,
    .rescue = intake_rescue,
};
