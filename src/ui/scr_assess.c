/* scr_assess.c: 緊急度アセスメント of one case. The eight questions come from
 * data/ (urgency_questions), each answered はい / いいえ / 不明 with a note;
 * the focused question's example signs are shown below them. The suggested
 * grade and its reason are recomputed by the core's rule (urgency_grade) on
 * every change and shown at the top. The worker's decided grade may differ,
 * but then the reason field says so until a reason is typed. The severity
 * gives the suggested handler (urgency_handler). Saving calls assess_save;
 * the case's earlier assessments are listed at the bottom. */
#include <stdio.h>
#include <stdlib.h>

#include "cf_ui.h"
#include "tsunagu/assess.h"
#include "tsunagu/casefile.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"

#define NQ         URGENCY_QUESTIONS
#define Q_ANS(i)   (2 * (i))
#define Q_NOTE(i)  (2 * (i) + 1)
#define F_DECIDED  (2 * NQ)
#define F_REASON   (F_DECIDED + 1)
#define F_SEVERITY (F_DECIDED + 2)
#define F_COUNT    (F_DECIDED + 3)
#define RADIO_W    27 /* "(*)はい  ( )いいえ  ( )不明" */
#define LABEL_W    10

static const struct field_choice answer_choices[] = {
    {"yes", "はい", NULL}, {"no", "いいえ", NULL}, {"unknown", "不明", NULL}};
static const enum urgency_answer answer_value[] = {URG_YES, URG_NO, URG_UNKNOWN};
static const struct field_choice decided_choices[] = {
    {"", "判定案どおり", NULL}, {"AA", "AA", NULL}, {"A", "A", NULL},
    {"B", "B", NULL},           {"C", "C", NULL},   {"-", "なし", NULL},
};
static const char reason_needed[] = "判定案と異なるため理由を入力してください";

struct assess {
	struct ui *ui;
	int64_t case_id, intake_id;
	char *title;
	struct urgency_question *q;
	size_t nq;
	struct cf_choices sev;
	struct field_def defs[F_COUNT];
	struct ui_form fm;
	struct urgency_result res;
	char *handler; /* "児童相談所 (生命の危険: ...)" or "" */
	struct assessment *hist;
	size_t nhist;
};

/* ---- the live grade --------------------------------------------------------- */

static const char *decided_code(const struct assess *a)
{
	int c = a->fm.f[F_DECIDED].choice;

	return c > 0 ? decided_choices[c].code : "";
}

/* The decided grade differs from the suggestion ("-" is "no grade"). */
static bool differs(const struct assess *a)
{
	const char *d = decided_code(a);

	if (!*d)
		return false;
	return strcmp(!strcmp(d, "-") ? "" : d, a->res.grade) != 0;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return false;
	return true;
}

static void check_reason(struct assess *a)
{
	struct ui_field *f = &a->fm.f[F_REASON];
	bool need = differs(a) && blank(edit_text(&f->edit));

	if (need && !f->error) {
		f->error = xstrdup(reason_needed);
	} else if (!need && f->error && !strcmp(f->error, reason_needed)) {
		free(f->error);
		f->error = NULL;
	}
}

static void regrade(struct assess *a)
{
	enum urgency_answer ans[NQ];
	struct tsu_err e = {0};
	int sev = a->fm.f[F_SEVERITY].choice;
	char *handler = NULL, *note = NULL;

	for (int i = 0; i < NQ; i++) {
		int c = a->fm.f[Q_ANS(i)].choice;

		ans[i] = c >= 0 ? answer_value[c] : URG_NO;
	}
	if (urgency_grade(a->ui->db, ans, &a->res, &e) != 0)
		snprintf(a->res.reason, sizeof a->res.reason, "判定できません: %.200s", e.msg);
	free(a->handler);
	a->handler = xstrdup("");
	if (sev >= 0 && urgency_handler(a->ui->db, a->sev.c[sev].code, &handler, &note, &e) == 0) {
		char *label = codes_label(a->ui->db, "handler", handler);

		free(a->handler);
		a->handler = xasprintf("%s (%s)", label, note);
		free(label);
	}
	free(handler);
	free(note);
	check_reason(a);
}

/* ---- loading ------------------------------------------------------------------ */

static void build_defs(struct assess *a)
{
	for (size_t i = 0; i < a->nq && i < NQ; i++) {
		a->defs[Q_ANS(i)] = (struct field_def){.kind = FK_RADIO,
		                                       .label = a->q[i].text,
		                                       .required = true,
		                                       .choices = answer_choices,
		                                       .nchoices = 3};
		a->defs[Q_NOTE(i)] =
		    (struct field_def){.kind = FK_TEXT, .label = "メモ", .maxlen = 1000};
	}
	a->defs[F_DECIDED] = (struct field_def){
	    .kind = FK_RADIO, .label = "判定", .choices = decided_choices, .nchoices = 6};
	a->defs[F_REASON] =
	    (struct field_def){.kind = FK_TEXT, .label = "理由", .width = 30, .maxlen = 1000};
	a->defs[F_SEVERITY] = (struct field_def){.kind = FK_CODE,
	                                         .label = "重症度",
	                                         .width = 14,
	                                         .choices = a->sev.c,
	                                         .nchoices = a->sev.n};
}

/* Title, and the earlier assessments, from one audited read of the case. */
static int load_case(struct assess *a)
{
	struct tsu_err e = {0};
	struct casefile cf;
	const struct cf_member *m;

	if (casefile_load(a->ui->db, &a->ui->me, a->case_id, &cf, &e) != 0) {
		ui_message(a->ui, MSG_ERROR, "ケースを開けません: %s", e.msg);
		return -1;
	}
	m = cf.subject;
	if (m && m->age >= 0)
		a->title = xasprintf("緊急度アセスメント  %s %s (%d%s%s)", cf.c.case_no, m->name,
		                     m->age, *m->grade ? ", " : "", m->grade);
	else
		a->title = xasprintf("緊急度アセスメント  %s %s", cf.c.case_no, m ? m->name : "");
	a->hist = cf.assessments;
	a->nhist = cf.n_assessments;
	cf.assessments = NULL;
	cf.n_assessments = 0;
	casefile_release(&cf);
	return 0;
}

static int assess_load(struct assess *a)
{
	struct tsu_err e = {0};

	if (urgency_questions(a->ui->db, &a->q, &a->nq, &e) != 0 || a->nq != NQ) {
		ui_message(a->ui, MSG_ERROR, "緊急度の設問を読めません: %s",
		           e.msg[0] ? e.msg
		                    : "設問が 8 問ではありません (tsunagu init で読み込み直す)");
		return -1;
	}
	if (cf_choices_codes(a->ui, "severity", &a->sev) != 0)
		return -1;
	return load_case(a);
}

static void asc_release(struct assess *a)
{
	if (a->fm.f)
		form_release(&a->fm);
	urgency_questions_free(a->q, a->nq);
	cf_choices_release(&a->sev);
	assessments_free(a->hist, a->nhist);
	free(a->title);
	free(a->handler);
	free(a);
}

struct assess_arg {
	int64_t case_id, intake_id;
};

static int assess_init(struct screen *s, void *arg)
{
	const struct assess_arg *aa = arg;
	struct assess *a = xcalloc(1, sizeof(*a));

	a->ui = s->ui;
	a->case_id = aa->case_id;
	a->intake_id = aa->intake_id;
	if (assess_load(a) != 0) {
		asc_release(a);
		return -1;
	}
	build_defs(a);
	form_init(&a->fm, a->defs, F_COUNT);
	cf_field_set_choice(&a->fm.f[F_DECIDED], 0);
	a->fm.dirty = false;
	regrade(a);
	s->data = a;
	return 0;
}

/* ---- drawing ------------------------------------------------------------------- */

struct layout {
	struct ui_rect body; /* the scrolled part */
	int top;             /* first body row shown */
};

/* Screen row of body row r, or -1 when scrolled out. */
static int row_at(const struct layout *L, int r)
{
	int y = L->body.y + r - L->top;

	return y >= L->body.y && y < L->body.y + L->body.h ? y : -1;
}

static int focus_row(const struct assess *a)
{
	size_t f = a->fm.focus;

	return f < F_DECIDED ? (int)f / 2 : NQ + 2 + (int)(f - F_DECIDED);
}

/* Fields of the question grid have no room for a message: theirs is kept
 * but not drawn (the question is marked instead). */
static void draw_field(struct assess *a, size_t i, struct ui_rect r)
{
	struct ui_field *f = &a->fm.f[i];
	char *err = f->error;

	if (i < F_DECIDED)
		f->error = NULL;
	f->rows = field_rows(f, r.w);
	field_draw(f, r, i == a->fm.focus, &a->fm.cy, &a->fm.cx);
	f->error = err;
}

static void draw_questions(struct assess *a, const struct layout *L)
{
	int w = L->body.w, notew = w / 5 > 10 ? w / 5 : 10;
	int qw = w - RADIO_W - notew - 3;

	for (int i = 0; i < NQ; i++) {
		int y = row_at(L, i), x = L->body.x;
		char *q = xasprintf("%d %s", i + 1, a->q[i].text);

		if (y < 0) {
			free(q);
			continue;
		}
		draw_text(y, x, qw, q, -1,
		          a->fm.f[Q_ANS(i)].error                                   ? ST_ERROR
		          : a->fm.focus / 2 == (size_t)i && a->fm.focus < F_DECIDED ? ST_TITLE
		                                                                    : ST_NORMAL);
		free(q);
		draw_field(a, Q_ANS(i), (struct ui_rect){y, x + qw + 1, 1, RADIO_W});
		draw_field(a, Q_NOTE(i), (struct ui_rect){y, x + qw + RADIO_W + 2, 1, notew});
	}
}

static void draw_examples(struct assess *a, const struct layout *L)
{
	size_t q = a->fm.focus < F_DECIDED ? a->fm.focus / 2 : NQ;
	char *t = q < NQ ? xasprintf("例 (設問%zu): %s", q + 1, a->q[q].examples)
	                 : xstrdup("例: 設問を選ぶと、その例がここに表示されます");
	char **lines;
	size_t n = text_wrap(t, L->body.w - 2, &lines);

	for (size_t i = 0; i < n && i < 2; i++) {
		int y = row_at(L, NQ + (int)i);

		if (y >= 0)
			draw_text(y, L->body.x + 2, L->body.w - 2, lines[i], -1, ST_DIM);
	}
	text_lines_free(lines, n);
	free(t);
}

static void draw_decision(struct assess *a, const struct layout *L)
{
	static const char *const labels[] = {"判定", "理由", "重症度"};
	int x = L->body.x, w = L->body.w - LABEL_W - 1, y;

	a->defs[F_REASON].width = w - 42 > 10 ? w - 42 : 10;
	for (int i = 0; i < 3; i++) {
		if ((y = row_at(L, NQ + 2 + i)) < 0)
			continue;
		draw_text(y, x, LABEL_W, labels[i], -1,
		          a->fm.focus == (size_t)(F_DECIDED + i) ? ST_TITLE : ST_NORMAL);
		draw_field(a, (size_t)(F_DECIDED + i), (struct ui_rect){y, x + LABEL_W + 1, 1, w});
	}
	if ((y = row_at(L, NQ + 5)) >= 0 && *a->handler) {
		char *t = xasprintf("対応の目安: %s", a->handler);

		draw_text(y, x + LABEL_W + 1, w, t, -1, ST_NORMAL);
		free(t);
	}
}

static void draw_history(struct assess *a, const struct layout *L)
{
	int y = row_at(L, NQ + 7);
	char *head = xasprintf("これまでのアセスメント (%zu 件)", a->nhist);

	if (y >= 0)
		draw_text(y, L->body.x, L->body.w, head, -1, ST_HEADER);
	free(head);
	for (size_t i = 0; i < a->nhist; i++) {
		const struct assessment *h = &a->hist[i];
		char day[16], *t;

		if ((y = row_at(L, NQ + 8 + (int)i)) < 0)
			continue;
		t = xasprintf("%s  判定 %s  判定案 %s  %s%s%s  %s%s%s",
		              date_format_iso(h->on, day, sizeof day),
		              *h->decided ? h->decided : "なし",
		              *h->suggested ? h->suggested : "なし", h->severity_label,
		              *h->handler_label ? " " : "", h->handler_label, h->staff_name,
		              *h->reason ? "  理由: " : "", h->reason);
		draw_text(y, L->body.x, L->body.w, t, -1, ST_NORMAL);
		free(t);
	}
}

static void draw_suggestion(struct assess *a, int y, int x, int w)
{
	int unanswered = 0;
	char *t;

	for (int i = 0; i < NQ; i++)
		unanswered += a->fm.f[Q_ANS(i)].choice < 0;
	t = xasprintf("判定案: %s (%s)", *a->res.grade ? a->res.grade : "なし", a->res.reason);
	draw_text(y, x, w, t, -1, *a->res.grade ? ST_MARK : ST_NORMAL);
	free(t);
	if (unanswered) {
		char *u = xasprintf(" 未回答 %d 問 ", unanswered);
		int uw = text_width(u);

		if (uw < w)
			draw_text(y - 1, x + w - uw, uw, u, 1, ST_WARN);
		free(u);
	}
}

static void assess_draw(struct screen *s, struct ui_rect r)
{
	struct assess *a = s->data;
	struct layout L = {{r.y + 2, r.x, r.h - 2, r.w}, 0};
	int fr = focus_row(a), rows = NQ + 8 + (int)a->nhist;

	a->fm.cy = a->fm.cx = -1;
	a->fm.last = r;
	if (fr >= L.body.h)
		L.top = fr - L.body.h + 1;
	if (L.top > 0 && rows - L.top < L.body.h)
		L.top = rows > L.body.h ? rows - L.body.h : 0;
	if (fr < L.top)
		L.top = fr;
	draw_text(r.y, r.x, r.w, a->title, -1, ST_TITLE);
	draw_suggestion(a, r.y + 1, r.x, r.w);
	draw_questions(a, &L);
	draw_examples(a, &L);
	draw_history(a, &L);
	draw_decision(a, &L);
	if (a->fm.focus == F_SEVERITY && row_at(&L, NQ + 4) >= 0)
		field_draw_picker(&a->fm.f[F_SEVERITY], row_at(&L, NQ + 4) + 1,
		                  a->fm.f[F_SEVERITY].in_x, r);
}

/* ---- commands ------------------------------------------------------------------ */

static unsigned saved(struct ui *ui, int64_t case_id, const char *grade)
{
	struct screen *top;

	ui_message(ui, MSG_INFO, "緊急度アセスメントを記録しました (判定 %s)",
	           *grade ? grade : "なし");
	screen_pop(ui);
	top = screen_top(ui);
	if (!top || !ui_casefile_is(top, case_id))
		ui_push_casefile(ui, case_id);
	return RD_ALL;
}

/* "1, 2, 4" : the questions with no answer yet, or "" */
static char *unanswered(struct assess *a)
{
	struct sbuf sb = {0};

	for (int i = 0; i < NQ; i++)
		if (a->fm.f[Q_ANS(i)].choice < 0)
			sbuf_addf(&sb, "%s%d", sb.len ? ", " : "", i + 1);
	return sbuf_detach(&sb);
}

static unsigned assess_save_cmd(struct screen *s)
{
	struct assess *a = s->data;
	struct assess_input in = {0};
	struct assessment out;
	struct tsu_err e = {0};
	int bad = form_validate(&a->fm), sev = a->fm.f[F_SEVERITY].choice;
	unsigned rd;

	check_reason(a); /* form_validate cleared it */
	if (a->fm.f[F_REASON].error && !bad++)
		a->fm.focus = F_REASON;
	if (bad) {
		char *missing = unanswered(a);

		if (*missing)
			ui_message(s->ui, MSG_ERROR,
			           "未回答の設問があります: %s (はい・いいえ・不明から選んでください)",
			           missing);
		else
			ui_message(s->ui, MSG_ERROR,
			           "入力に誤りがあります (%d 件)。欄の横の説明を見て直してください", bad);
		free(missing);
		return RD_ALL;
	}
	in.case_id = a->case_id;
	in.intake_id = a->intake_id;
	for (int i = 0; i < NQ; i++) {
		in.answers[i] = answer_value[a->fm.f[Q_ANS(i)].choice];
		in.notes[i] = edit_text(&a->fm.f[Q_NOTE(i)].edit);
	}
	in.decided = decided_code(a);
	in.reason = edit_text(&a->fm.f[F_REASON].edit);
	in.severity = sev >= 0 ? a->sev.c[sev].code : NULL;
	if (assess_save(s->ui->db, &s->ui->me, &in, &out, &e) != 0) {
		ui_message(s->ui, MSG_ERROR, "記録できません: %s", e.msg);
		return RD_ALL;
	}
	rd = saved(s->ui, a->case_id, out.decided); /* frees a */
	assess_release(&out);
	return rd;
}

/* Up and Down in the question grid keep the column (answer or note). */
static unsigned grid_move(struct assess *a, int dir)
{
	long to = (long)a->fm.focus + 2 * dir;

	if (a->fm.focus >= F_DECIDED)
		return RD_UNHANDLED;
	if (to < 0)
		return RD_SCREEN;
	if (to >= F_DECIDED)
		to = F_DECIDED;
	field_blur(&a->fm.f[a->fm.focus]);
	a->fm.focus = (size_t)to;
	field_focus(&a->fm.f[a->fm.focus]);
	return RD_SCREEN;
}

static unsigned assess_command(struct screen *s, enum cmd_id id)
{
	struct assess *a = s->data;
	unsigned rd = RD_UNHANDLED;

	if (id == CMD_SAVE)
		return assess_save_cmd(s);
	if (id == CMD_UP || id == CMD_DOWN)
		rd = grid_move(a, id == CMD_UP ? -1 : 1);
	if (rd == RD_UNHANDLED)
		rd = form_command(&a->fm, id);
	regrade(a);
	return rd;
}

static unsigned assess_key(struct screen *s, const struct ui_key *k)
{
	struct assess *a = s->data;
	unsigned rd = form_key(&a->fm, k);

	regrade(a);
	return rd;
}

static unsigned assess_contexts(struct screen *s)
{
	return form_contexts(&((struct assess *)s->data)->fm);
}

static const char *assess_help(struct screen *s)
{
	return "緊急度アセスメントを記録します。8 つの設問に はい (1)・いいえ (2)・不明 (3) で"
	       "答えます (Space や左右キーでも切り替えられます)。上下キーで設問を移り、"
	       "Tab で回答とメモの欄を行き来します。選んだ設問の例が下に表示されます。"
	       "判定案は回答のたびに判定規則 (data/urgency_rule.tsv) で計算し直します。"
	       "判定を判定案と変えるときは理由が必要です。重症度を選ぶと対応の目安が出ます。"
	       "F9 または Ctrl-S で記録します。";
}

static void assess_free(struct screen *s)
{
	asc_release(s->data);
}

static bool assess_unsaved(struct screen *s)
{
	return ((struct assess *)s->data)->fm.dirty;
}

static bool assess_position(struct screen *s, size_t *n, size_t *total)
{
	struct assess *a = s->data;

	*n = a->fm.focus < F_DECIDED ? a->fm.focus / 2 + 1 : NQ;
	*total = NQ;
	return true;
}

static bool assess_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct assess *)s->data)->fm, y, x);
}

static const struct screen_ops assess_screen = {
    .title = "緊急度アセスメント",
    .init = assess_init,
    .draw = assess_draw,
    .key = assess_key,
    .command = assess_command,
    .contexts = assess_contexts,
    .help = assess_help,
    .free = assess_free,
    .has_unsaved = assess_unsaved,
    .position = assess_position,
    .cursor = assess_cursor,
};

int ui_push_assess(struct ui *ui, int64_t case_id, int64_t intake_id)
{
	struct assess_arg a = {case_id, intake_id};

	if (!ui_can(ui, PERM_WRITE_CASE)) {
		ui_message(ui, MSG_ERROR,
		           "アセスメントの記録には記録の権限が必要です (あなたの役割: %s)",
		           staff_role_label(ui->me.role));
		return -1;
	}
	return screen_push(ui, &assess_screen, &a);
}
