/* scr_casefile_edit.c: editing the case's own fields (lead, team, review
 * cycle, next review) through casefile_save, and what happens when another
 * worker saved the case first: both versions side by side, field by field,
 * the differing rows marked (reverse and bold, and a * for terminals
 * without attributes), and the worker's choice: keep the stored version
 * (their edit is dropped and the case reloaded) or save theirs over it
 * (casefile_save_mine, which refuses again if the case changed once more).
 * Esc goes back to the edit with what was typed. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_casefile.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"

enum { E_LEAD, E_TEAM, E_CYCLE, E_NEXT, E_COUNT };

static const char *check_cycle(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *end || v < 1 || v > 24 ? "1〜24 の月数を半角数字で入力してください" : NULL;
}

static struct field_def edit_defs[E_COUNT] = {
    [E_LEAD] = {.kind = FK_CODE, .label = "主担当", .width = 20},
    [E_TEAM] = {.kind = FK_TEXT, .label = "チーム", .width = 24, .maxlen = 100},
    [E_CYCLE] = {.kind = FK_TEXT,
                 .label = "見直し周期 (月)",
                 .width = 4,
                 .maxlen = 8,
                 .validate = check_cycle},
    [E_NEXT] = {.kind = FK_DATE, .label = "次回見直し", .width = 16, .maxlen = 64},
};

static void edit_setup(void *ctx, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	char buf[32];

	cf_field_set_choice(&fm->f[E_LEAD], cf_choice_find_id(&c->staff, c->cf.c.lead_id));
	cf_field_set_text(&fm->f[E_TEAM], c->cf.c.team);
	if (c->cf.c.review_cycle_months > 0) {
		snprintf(buf, sizeof buf, "%d", c->cf.c.review_cycle_months);
		cf_field_set_text(&fm->f[E_CYCLE], buf);
	}
	if (c->cf.c.next_review.y)
		cf_field_set_text(&fm->f[E_NEXT],
		                  date_format_iso(c->cf.c.next_review, buf, sizeof buf));
}

/* ---- both versions ---------------------------------------------------------------- */

struct conflict {
	struct cf_scr *c;
	struct case_rec mine, theirs;
};

enum { R_LEAD, R_TEAM, R_CYCLE, R_NEXT, R_TYPE, R_ADOPT, R_COUNT };
static const char *const row_label[R_COUNT] = {"主担当",     "チーム",   "見直し周期",
                                               "次回見直し", "相談種別", "特別養子縁組"};

static char *value(const struct conflict *k, const struct case_rec *r, int row)
{
	char d[64];
	int i;

	switch (row) {
	case R_LEAD:
		i = cf_choice_find_id(&k->c->staff, r->lead_id);
		return xstrdup(i >= 0       ? k->c->staff.c[i].label
		               : r->lead_id ? "(無効な職員)"
		                            : "未定");
	case R_TEAM: return xstrdup(*r->team ? r->team : "(なし)");
	case R_CYCLE:
		return r->review_cycle_months ? xasprintf("%d か月", r->review_cycle_months)
		                              : xstrdup("既定");
	case R_NEXT:
		return xstrdup(r->next_review.y ? date_format_wareki(r->next_review, d, sizeof d)
		                                : "なし");
	case R_TYPE: return codes_label(k->c->ui->db, "consult_type", r->consult_type);
	default: return xstrdup(r->special_adoption ? "はい" : "いいえ");
	}
}

static int conflict_init(struct screen *s, void *arg)
{
	s->data = arg;
	return 0;
}

static void draw_row(int y, struct ui_rect r, int vw, const char *mark, const char *label,
                     const char *mine, const char *theirs, enum ui_style st)
{
	draw_text(y, r.x, 2, mark, -1, *mark == '*' ? ST_MARK : ST_NORMAL);
	draw_text(y, r.x + 2, 14, label, -1, st == ST_HEADER ? ST_HEADER : ST_NORMAL);
	draw_text(y, r.x + 17, vw, mine, -1, st);
	draw_text(y, r.x + 18 + vw, vw, theirs, -1, st);
}

static void conflict_draw(struct screen *s, struct ui_rect r)
{
	struct conflict *k = s->data;
	int vw = (r.w - 19) / 2, y = r.y + 4, diffs = 0;
	char *head =
	    xasprintf("保存済み (版 %lld, %s)", (long long)k->theirs.version, k->theirs.updated_at);
	char *title = xasprintf("ほかの職員が先に保存しました: %s", k->c->cf.c.case_no);

	draw_text(r.y, r.x, r.w, title, -1, ST_WARN);
	draw_text(r.y + 1, r.x, r.w,
	          "あなたが編集している間に、このケースが保存されました。"
	          "違う項目に * を付けて強調しています。",
	          -1, ST_NORMAL);
	draw_row(r.y + 3, r, vw, "", "項目", "あなたの入力", head, ST_HEADER);
	for (int row = 0; row < R_COUNT && y < r.y + r.h - 2; row++, y++) {
		char *m = value(k, &k->mine, row), *t = value(k, &k->theirs, row);
		bool diff = strcmp(m, t) != 0;

		diffs += diff;
		draw_row(y, r, vw, diff ? "*" : "", row_label[row], m, t,
		         diff ? ST_MARK : ST_NORMAL);
		free(m);
		free(t);
	}
	draw_text(y + 1, r.x, r.w,
	          diffs ? "m: あなたの入力で上書きして保存   t: 保存済みの版を採用   "
	                  "Esc: 入力に戻る"
	                : "内容は同じです。m で保存、t で保存済みの版を採用します",
	          -1, ST_TITLE);
	free(head);
	free(title);
}

static void close_both(struct ui *ui)
{
	screen_pop(ui); /* this screen */
	screen_pop(ui); /* the edit dialog; the case file reloads */
}

static unsigned keep_mine(struct screen *s)
{
	struct conflict *k = s->data;
	struct ui *ui = s->ui;
	struct tsu_err e = {0};
	struct case_rec again;
	int64_t over = k->theirs.version;
	int rc = casefile_save_mine(ui->db, &ui->me, &k->mine, over, &again, &e);

	if (rc == TSU_ECONFLICT) {
		case_release(&k->theirs);
		k->theirs = again;
		ui_message(ui, MSG_WARN,
		           "さらに別の職員が保存しました。もう一度比べて選んでください");
		return RD_ALL;
	}
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "保存できません: %s", e.msg);
		return RD_ALL;
	}
	close_both(ui);
	ui_message(ui, MSG_INFO, "あなたの入力で保存しました (版 %lld を上書き)", (long long)over);
	return RD_ALL;
}

static unsigned conflict_command(struct screen *s, enum cmd_id id)
{
	if (id == CMD_KEEP_MINE)
		return keep_mine(s);
	if (id == CMD_KEEP_THEIRS) {
		close_both(s->ui);
		ui_message(s->ui, MSG_INFO,
		           "保存済みの版を採用しました (あなたの変更は保存していません)");
		return RD_ALL;
	}
	return RD_UNHANDLED;
}

static unsigned conflict_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_CONFLICT;
}

static const char *conflict_help(struct screen *s)
{
	return "あなたが編集している間に、ほかの職員が同じケースを保存しました。"
	       "両方の内容を項目ごとに並べ、違う項目を強調しています。"
	       "m であなたの入力で上書きし (上書きしたことは記録されます)、"
	       "t で保存済みの版を採用します (あなたの変更は保存しません)。"
	       "Esc で入力画面に戻ります。";
}

static void conflict_free(struct screen *s)
{
	struct conflict *k = s->data;

	case_release(&k->mine);
	case_release(&k->theirs);
	free(k);
}

static const struct screen_ops conflict_screen = {
    .title = "同時に保存されたとき",
    .init = conflict_init,
    .draw = conflict_draw,
    .command = conflict_command,
    .contexts = conflict_contexts,
    .help = conflict_help,
    .free = conflict_free,
};

/* ---- saving the edit ---------------------------------------------------------------- */

static void apply(struct cf_scr *c, struct ui_form *fm, struct case_rec *mine)
{
	int lead = fm->f[E_LEAD].choice;

	cf_case_copy(mine, &c->cf.c);
	mine->lead_id = lead >= 0 ? c->staff.ids[lead] : 0;
	free(mine->team);
	mine->team = xstrdup(form_text(fm, E_TEAM));
	mine->review_cycle_months = *form_text(fm, E_CYCLE) ? atoi(form_text(fm, E_CYCLE)) : 0;
	mine->next_review = fm->f[E_NEXT].date_ok ? fm->f[E_NEXT].date : (struct date){0, 0, 0};
}

static int edit_save(void *ctx, struct ui *ui, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	struct conflict *k = xcalloc(1, sizeof(*k));
	struct tsu_err e = {0};
	int rc;

	k->c = c;
	apply(c, fm, &k->mine);
	rc = casefile_save(ui->db, &ui->me, &k->mine, &k->theirs, &e);
	if (rc == TSU_ECONFLICT && k->theirs.id && screen_push(ui, &conflict_screen, k) == 0) {
		ui_message(ui, MSG_WARN,
		           "ほかの職員が先に保存しました。両方の内容を比べて選んでください");
		return -1; /* the edit stays below, with what was typed */
	}
	case_release(&k->mine);
	case_release(&k->theirs);
	free(k);
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "保存できません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "ケースを保存しました");
	return 0;
}

static const struct cf_dialog_def edit_def = {
    .title = "ケースの編集",
    .help = "主担当・チーム・見直し周期・次回見直しを変えます。ほかの職員が先に保存して"
            "いたときは、両方の内容を並べて表示します。F9 または Ctrl-S で保存します。",
    .defs = edit_defs,
    .n = E_COUNT,
    .setup = edit_setup,
    .save = edit_save,
};

unsigned cf_dlg_edit(struct cf_scr *c)
{
	edit_defs[E_LEAD].choices = c->staff.c;
	edit_defs[E_LEAD].nchoices = c->staff.n;
	cf_dialog_push(c->ui, &edit_def, c);
	return RD_ALL;
}
