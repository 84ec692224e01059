/* scr_casefile.c: ケースファイル, one case at a glance: a header with the
 * case number, the child (age, grade), registration, status, lead, tags and
 * next review, the household's address (masked under a DV等支援措置 unless
 * revealed); the family as a text genogram on the left, rendered by the
 * core at the pane's width with ASCII chrome only so it stays aligned in
 * ambiguous-wide terminals; and one time line on the right, newest first,
 * filtered by kind. The commands open dialogs (scr_casefile_dlg.c) that
 * save through the core with optimistic locking. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_casefile.h"
#include "scr_plan_util.h"
#include "tsunagu/text.h"

enum { C_AT, C_KIND, C_WHAT, C_STAFF, C_COUNT };

static const struct list_col cols[C_COUNT] = {
    {"日時", 11, 16, -1, false},
    {"種類", 4, 12, -1, false},
    {"内容", 8, 0, -1, false},
    {"職員", 4, 8, -1, true},
};

/* The kind filter, cycled with k / Right and K / Left. */
static const struct {
	const char *label;
	unsigned mask;
} kinds[] = {
    {"全て", CF_ALL},
    {"受付", 1u << CF_INTAKE},
    {"会議", 1u << CF_MEETING},
    {"アセスメント", 1u << CF_ASSESS},
    {"安全確認", 1u << CF_SAFETY},
    {"記録", 1u << CF_NOTE},
    {"計画", 1u << CF_PLAN},
    {"状態", (1u << CF_STATUS) | (1u << CF_TRANSFER)},
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

void cf_case_copy(struct case_rec *dst, const struct case_rec *src)
{
	*dst = *src;
	dst->case_no = xstrdup(src->case_no ? src->case_no : "");
	dst->consult_type = xstrdup(src->consult_type ? src->consult_type : "");
	dst->registration = xstrdup(src->registration ? src->registration : "");
	dst->status = xstrdup(src->status ? src->status : "");
	dst->team = xstrdup(src->team ? src->team : "");
	dst->closure_reason = xstrdup(src->closure_reason ? src->closure_reason : "");
	dst->created_at = xstrdup(src->created_at ? src->created_at : "");
	dst->updated_at = xstrdup(src->updated_at ? src->updated_at : "");
}

/* "11/24 14:05" this year, "2024/04/10 09:30" before (as in SCREENS.md). */
static void short_at(const char *at, int this_year, char *buf, size_t n)
{
	int y, mo, d;
	size_t len = strlen(at);

	if (sscanf(at, "%d-%d-%d", &y, &mo, &d) != 3 || len < 10)
		snprintf(buf, n, "%s", at);
	else if (y == this_year)
		snprintf(buf, n, "%02d/%02d%s", mo % 100, d % 100, at + 10);
	else
		snprintf(buf, n, "%04d/%02d/%02d%s", y % 10000, mo % 100, d % 100, at + 10);
}

static void fill_timeline(struct cf_scr *c)
{
	int this_year = date_today().y;
	size_t *idx = NULL, n = c->loaded ? casefile_filter(&c->cf, kinds[c->kind].mask, &idx) : 0;

	table_clear(&c->t);
	for (size_t i = 0; i < n; i++) {
		const struct cf_event *ev = &c->cf.events[idx[i]];
		char at[32];
		const char *cells[C_COUNT] = {at, casefile_kind_label(ev->kind), ev->summary,
		                              ev->staff};

		short_at(ev->at, this_year, at, sizeof at);

		table_add(&c->t, ST_NORMAL, cells);
	}
	free(idx);
	list_reload(&c->l);
}

void cf_scr_reload(struct cf_scr *c)
{
	struct tsu_err e = {0};
	struct casefile cf;

	if (casefile_load(c->ui->db, &c->ui->me, c->case_id, &cf, &e) != 0) {
		ui_message(c->ui, MSG_ERROR, "ケースを読み込めません: %s", e.msg);
		return;
	}
	if (c->loaded)
		casefile_release(&c->cf);
	c->cf = cf;
	c->loaded = true;
	if (c->revealed && c->cf.address_masked) {
		free(c->cf.address);
		c->cf.address = xstrdup(c->revealed);
		c->cf.address_masked = false;
	}
	if (c->have_base)
		case_release(&c->base);
	cf_case_copy(&c->base, &c->cf.c);
	c->have_base = true;
	fill_timeline(c);
}

static unsigned timeline_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct cf_scr *c = t->owner;

	/* the whole entry, wrapped, however narrow the column was */
	char *text = xasprintf("%s  %s  %s\n\n%s", table_cell(t, row, C_AT),
	                       table_cell(t, row, C_KIND), table_cell(t, row, C_STAFF),
	                       table_cell(t, row, C_WHAT));

	textview_open(c->ui, "経過の詳細", text, NULL);
	free(text);
	return RD_ALL;
}

static const struct list_ops timeline_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = timeline_activate,
    .style = table_style,
};

static int load_choices(struct cf_scr *c)
{
	if (cf_choices_codes(c->ui, "status", &c->status) != 0 ||
	    cf_choices_codes(c->ui, "closure", &c->closure) != 0 ||
	    cf_choices_codes(c->ui, "registration", &c->regs) != 0 ||
	    cf_choices_codes(c->ui, "tag", &c->tags) != 0 ||
	    cf_choices_staff(c->ui, &c->staff) != 0)
		return -1;
	return 0;
}

static void cf_free_state(struct cf_scr *c)
{
	list_release(&c->l);
	table_release(&c->t);
	if (c->loaded)
		casefile_release(&c->cf);
	if (c->have_base)
		case_release(&c->base);
	cf_choices_release(&c->status);
	cf_choices_release(&c->closure);
	cf_choices_release(&c->regs);
	cf_choices_release(&c->staff);
	cf_choices_release(&c->tags);
	cf_dlg_release(c);
	free(c->revealed);
	free(c);
}

static int casefile_init(struct screen *s, void *arg)
{
	struct cf_scr *c = xcalloc(1, sizeof(*c));

	c->ui = s->ui;
	c->case_id = *(const int64_t *)arg;
	table_init(&c->t, C_COUNT, c);
	list_init(&c->l, cols, C_COUNT, &timeline_ops, &c->t, "この種類の経過はありません");
	if (load_choices(c) != 0) {
		cf_free_state(c);
		return -1;
	}
	cf_scr_reload(c);
	if (!c->loaded) {
		cf_free_state(c);
		return -1;
	}
	s->data = c;
	return 0;
}

/* ---- drawing ------------------------------------------------------------------- */

static char *header_left(const struct cf_scr *c)
{
	const struct casefile *cf = &c->cf;
	const struct cf_member *m = cf->subject;
	struct sbuf sb = {0};

	sbuf_addf(&sb, "%s %s", cf->c.case_no, m ? m->name : "");
	if (m && m->age >= 0)
		sbuf_addf(&sb, " (%d%s%s)", m->age, *m->grade ? ", " : "", m->grade);
	sbuf_addf(&sb, "  %s  %s  主担当 %s", cf->registration_label, cf->status_label,
	          *cf->lead_name ? cf->lead_name : "未定");
	for (size_t i = 0; i < cf->n_tags; i++)
		sbuf_addf(&sb, "%s%s", i ? "・" : "  タグ: ", cf->tags[i].label);
	return sbuf_detach(&sb);
}

static char *header_right(const struct cf_scr *c)
{
	char d[64];

	if (c->cf.c.closed.y)
		return xasprintf("終結 %s", date_format_wareki(c->cf.c.closed, d, sizeof d));
	if (c->cf.c.next_review.y)
		return xasprintf("見直し %s", date_format_wareki(c->cf.c.next_review, d, sizeof d));
	return xstrdup("");
}

static char *second_line(const struct cf_scr *c)
{
	const struct casefile *cf = &c->cf;
	struct sbuf sb = {0};
	char d[64];

	sbuf_addf(&sb, "住所: %s", *cf->address ? cf->address : "未登録");
	if (cf->secrecy && cf->secrecy_end.y)
		sbuf_addf(&sb, " [支援措置 %sまで]",
		          date_format_wareki(cf->secrecy_end, d, sizeof d));
	if (*cf->phone)
		sbuf_addf(&sb, "  電話: %s", cf->address_masked ? "(非表示)" : cf->phone);
	sbuf_addf(&sb, "  相談種別: %s", *cf->consult_label ? cf->consult_label : "未設定");
	if (*cf->c.team)
		sbuf_addf(&sb, "  チーム: %s", cf->c.team);
	return sbuf_detach(&sb);
}

/* The next review goes to the right of the first line when both fit, else
 * to the start of the second. */
static void draw_header(struct cf_scr *c, struct ui_rect r)
{
	char *left = header_left(c), *right = header_right(c), *second = second_line(c);
	int rw = text_width(right);

	if (text_width(left) + rw + 2 > r.w) {
		char *both = xasprintf("%s  %s", right, second);

		free(second);
		second = both;
		rw = 0;
	}
	draw_text(r.y, r.x, r.w - (rw ? rw + 2 : 0), left, -1, ST_TITLE);
	if (rw)
		draw_text(r.y, r.x + r.w - rw, rw, right, 1, ST_TITLE);
	draw_text(r.y + 1, r.x, r.w, second, -1, c->cf.address_masked ? ST_WARN : ST_NORMAL);
	free(left);
	free(right);
	free(second);
}

static void draw_family(struct cf_scr *c, struct ui_rect r)
{
	struct ui_rect in = rect_inner(r);
	char **lines = NULL;
	size_t n = 0;

	draw_box(r, "家族", ST_FRAME);
	if (in.w < 8 || genogram_render(&c->cf, in.w, &lines, &n) != 0)
		return;
	for (size_t i = 0; i < n && (int)i < in.h; i++)
		draw_text(in.y + (int)i, in.x, in.w, lines[i], -1, ST_NORMAL);
	if ((int)n > in.h && in.h > 0)
		draw_text(in.y + in.h - 1, in.x, in.w, "(続きは tsunagu case show で)", -1, ST_DIM);
	text_lines_free(lines, n);
}

/* "[全て] 受付 会議 ..." with the chosen kind marked. */
static void draw_kinds(struct cf_scr *c, int y, int x, int w)
{
	int cx = x;

	for (size_t k = 0; k < N_KINDS && cx < x + w; k++) {
		bool on = (int)k == c->kind;
		char *t = xasprintf(on ? "[%s]" : " %s ", kinds[k].label);

		cx += draw_text_cut(y, cx, x + w - cx, t, on ? ST_MARK : ST_DIM);
		free(t);
	}
}

static void draw_timeline(struct cf_scr *c, struct ui_rect r)
{
	struct ui_rect in = rect_inner(r);
	char *title = xasprintf("経過 (新しい順) %zu 件", c->t.n);

	draw_box(r, title, ST_TITLE);
	free(title);
	if (in.h < 2)
		return;
	draw_kinds(c, in.y, in.x, in.w);
	list_draw(&c->l, (struct ui_rect){in.y + 1, in.x, in.h - 1, in.w}, true);
}

/* Columns the genogram needs (its widest line without trailing spaces). */
static int genogram_need(const struct cf_scr *c)
{
	char **lines = NULL;
	size_t n = 0;
	int need = 0;

	if (genogram_render(&c->cf, 80, &lines, &n) != 0)
		return 40;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		int w;

		while (len && lines[i][len - 1] == ' ')
			len--;
		w = text_width_n(lines[i], len);
		need = w > need ? w : need;
	}
	text_lines_free(lines, n);
	return need;
}

static void casefile_draw(struct screen *s, struct ui_rect r)
{
	struct cf_scr *c = s->data;
	int lw = genogram_need(c) + 3, h = r.h - 2;

	if (lw < 24)
		lw = 24;
	if (lw > r.w * 2 / 5)
		lw = r.w * 2 / 5;
	draw_header(c, r);
	if (h < 3)
		return;
	draw_family(c, (struct ui_rect){r.y + 2, r.x, h, lw});
	draw_timeline(c, (struct ui_rect){r.y + 2, r.x + lw, h, r.w - lw});
}

/* ---- commands ------------------------------------------------------------------ */

static unsigned cycle_kind(struct cf_scr *c, int dir)
{
	c->kind = (c->kind + dir + (int)N_KINDS) % (int)N_KINDS;
	fill_timeline(c);
	c->l.sel = 0;
	c->l.top = 0;
	return RD_ALL;
}

static unsigned casefile_command(struct screen *s, enum cmd_id id)
{
	struct cf_scr *c = s->data;

	switch (id) {
	case CMD_CF_KIND_NEXT: return cycle_kind(c, 1);
	case CMD_CF_KIND_PREV: return cycle_kind(c, -1);
	case CMD_CF_STATUS: return cf_dlg_status(c);
	case CMD_CF_REGISTRATION: return cf_dlg_registration(c);
	case CMD_CF_TAG: return cf_dlg_tag(c);
	case CMD_CF_REVEAL: return cf_dlg_reveal(c);
	case CMD_CF_EDIT: return cf_dlg_edit(c);
	case CMD_CF_ASSESS: ui_push_assess(c->ui, c->case_id, 0); return RD_ALL;
	case CMD_CF_NOTE: ui_push_note_form(c->ui, c->case_id); return RD_ALL;
	case CMD_CF_PLAN: ui_push_plan(c->ui, c->case_id); return RD_ALL;
	case CMD_CF_TRANSFER: ui_push_transfer(c->ui, c->case_id); return RD_ALL;
	default: return list_command(&c->l, id);
	}
}

static unsigned casefile_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct cf_scr *)s->data)->l, k);
}

static unsigned casefile_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_CASEFILE | list_contexts(&((struct cf_scr *)s->data)->l);
}

static bool casefile_position(struct screen *s, size_t *n, size_t *total)
{
	struct cf_scr *c = s->data;

	*n = c->l.nvis ? c->l.sel + 1 : 0;
	*total = c->l.nvis;
	return true;
}

static bool casefile_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct cf_scr *)s->data)->l, y, x);
}

static unsigned casefile_focus(struct screen *s)
{
	cf_scr_reload(s->data);
	return RD_ALL;
}

static const char *casefile_help(struct screen *s)
{
	return "ケースの概要、家族図 (ジェノグラム) と経過を表示します。経過は新しい順で、"
	       "k または右キーで種類 (全て・受付・会議・アセスメント・安全確認・記録・計画・状態) "
	       "を"
	       "切り替えます。c で状態、r で登録区分、t でタグ、e で主担当・チーム・見直しを変え、"
	       "a で緊急度アセスメントを開きます。支援措置で非表示の住所は v で理由を記録して"
	       "表示します。保存はすべて版を確かめて行い、ほかの職員が先に保存していたときは"
	       "両方の内容を並べて、どちらを残すか選べます。";
}

static void casefile_free(struct screen *s)
{
	cf_free_state(s->data);
}

static const struct screen_ops casefile_screen = {
    .title = "ケースファイル",
    .init = casefile_init,
    .draw = casefile_draw,
    .key = casefile_key,
    .command = casefile_command,
    .contexts = casefile_contexts,
    .help = casefile_help,
    .free = casefile_free,
    .position = casefile_position,
    .cursor = casefile_cursor,
    .focus = casefile_focus,
};

bool ui_casefile_is(const struct screen *s, int64_t case_id)
{
	return s && s->ops == &casefile_screen && ((struct cf_scr *)s->data)->case_id == case_id;
}

int ui_push_casefile(struct ui *ui, int64_t case_id)
{
	if (!ui_can(ui, PERM_READ_CASE)) {
		ui_message(ui, MSG_ERROR, "ケースを開くには閲覧の権限が必要です (あなたの役割: %s)",
		           staff_role_label(ui->me.role));
		return -1;
	}
	return screen_push(ui, &casefile_screen, &case_id);
}
