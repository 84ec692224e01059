/* scr_casefile_dlg.c: the dialogs of the case file (status, registration,
 * tags, revealing an address, editing the lead, team and review) and the
 * screen shown when another worker saved the case first: both versions
 * side by side, field by field, differences marked, and the worker chooses
 * to keep the stored version or to save theirs over it. Nothing is
 * overwritten unseen: a status or registration change that meets a newer
 * version is shown the current state and applies only when saved again. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_casefile.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"

/* The field definitions get their choices when a dialog opens; only one
 * dialog is open at a time (it is the top screen), and the choices belong
 * to the case-file screen below it. */

static const char *choice_code(const struct ui_field *f)
{
	return f->choice >= 0 ? f->def->choices[f->choice].code : NULL;
}

static const char *choice_label(const struct ui_field *f)
{
	return f->choice >= 0 ? f->def->choices[f->choice].label : "";
}

static void set_error(struct ui_field *f, const char *msg)
{
	free(f->error);
	f->error = xstrdup(msg);
}

/* After TSU_ECONFLICT on a status or registration change: the stored version
 * becomes the base, and the worker is told what it holds now. */
static void conflict_base(struct cf_scr *c, struct ui *ui)
{
	struct tsu_err e = {0};
	struct case_rec now;
	char *st, *reg;

	if (case_get(ui->db, &ui->me, c->case_id, &now, &e) != 0) {
		ui_message(ui, MSG_ERROR, "ほかの職員が先に保存しました。読み直せません: %s",
		           e.msg);
		return;
	}
	case_release(&c->base);
	c->base = now;
	st = codes_label(ui->db, "status", now.status);
	reg = codes_label(ui->db, "registration", now.registration);
	ui_message(ui, MSG_WARN,
	           "ほかの職員が先にこのケースを保存しました (現在: %s・%s)。"
	           "確かめてもう一度保存すると、最新の版に対して変更します",
	           st, reg);
	free(st);
	free(reg);
}

/* ---- 状態 ----------------------------------------------------------------------- */

static struct field_def status_defs[] = {
    {.kind = FK_CODE, .label = "新しい状態", .required = true, .width = 16},
    {.kind = FK_CODE, .label = "終結理由", .width = 24},
    {.kind = FK_TEXT, .label = "理由・経緯", .maxlen = 1000},
};

static char *status_intro(void *ctx)
{
	struct cf_scr *c = ctx;

	return xasprintf("%s の状態を変えます (現在: %s)。終結・送致・移管には終結理由が"
	                 "必要です。変更した職員・日時・理由は履歴に残ります。",
	                 c->cf.c.case_no, c->cf.status_label);
}

static void status_setup(void *ctx, struct ui_form *fm)
{
	struct cf_scr *c = ctx;

	cf_field_set_choice(&fm->f[0], cf_choice_find(&c->status, c->cf.c.status));
	cf_field_set_choice(&fm->f[1], cf_choice_find(&c->closure, c->cf.c.closure_reason));
}

static int status_save(void *ctx, struct ui *ui, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	const char *st = choice_code(&fm->f[0]), *reason = choice_code(&fm->f[1]);
	struct tsu_err e = {0};
	int rc;

	if (case_status_closes(st) && !reason) {
		set_error(&fm->f[1], "終結・送致・移管には終結理由を選んでください");
		fm->focus = 1;
		ui_message(ui, MSG_ERROR, "「%s」にするには終結理由が必要です",
		           choice_label(&fm->f[0]));
		return -1;
	}
	rc = case_set_status(ui->db, &ui->me, &c->base, st, case_status_closes(st) ? reason : NULL,
	                     form_text(fm, 2), (struct date){0, 0, 0}, &e);
	if (rc == TSU_ECONFLICT) {
		conflict_base(c, ui);
		return -1;
	}
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "状態を変えられません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "状態を「%s」に変えました", choice_label(&fm->f[0]));
	return 0;
}

static const struct cf_dialog_def status_def = {
    .title = "状態の変更",
    .help = "ケースの状態を変えます。終結・送致・移管には終結理由が必要です。"
            "F9 または Ctrl-S で保存、Esc で中断します。",
    .intro = status_intro,
    .defs = status_defs,
    .n = 3,
    .setup = status_setup,
    .save = status_save,
};

unsigned cf_dlg_status(struct cf_scr *c)
{
	status_defs[0].choices = c->status.c;
	status_defs[0].nchoices = c->status.n;
	status_defs[1].choices = c->closure.c;
	status_defs[1].nchoices = c->closure.n;
	cf_dialog_push(c->ui, &status_def, c);
	return RD_ALL;
}

/* ---- 登録区分 ------------------------------------------------------------------- */

static struct field_def reg_defs[] = {
    {.kind = FK_RADIO, .label = "登録区分", .required = true},
    {.kind = FK_TEXT, .label = "理由", .maxlen = 1000},
};

static void reg_setup(void *ctx, struct ui_form *fm)
{
	struct cf_scr *c = ctx;

	cf_field_set_choice(&fm->f[0], cf_choice_find(&c->regs, c->cf.c.registration));
}

static int reg_save(void *ctx, struct ui *ui, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	struct tsu_err e = {0};
	int rc = case_set_registration(ui->db, &ui->me, &c->base, choice_code(&fm->f[0]),
	                               form_text(fm, 1), &e);

	if (rc == TSU_ECONFLICT) {
		conflict_base(c, ui);
		return -1;
	}
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "登録区分を変えられません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "登録区分を「%s」に変えました", choice_label(&fm->f[0]));
	return 0;
}

static const struct cf_dialog_def reg_def = {
    .title = "要対協の登録区分の変更",
    .help = "要保護児童・要支援児童・特定妊婦・未登録を選びます。変更は履歴に残ります。"
            "F9 または Ctrl-S で保存します。",
    .defs = reg_defs,
    .n = 2,
    .setup = reg_setup,
    .save = reg_save,
};

unsigned cf_dlg_registration(struct cf_scr *c)
{
	reg_defs[0].choices = c->regs.c;
	reg_defs[0].nchoices = c->regs.n;
	cf_dialog_push(c->ui, &reg_def, c);
	return RD_ALL;
}

/* ---- タグ ------------------------------------------------------------------------ */

static struct field_def tag_defs[] = {
    {.kind = FK_CODE, .label = "タグ", .required = true, .width = 30},
};

static bool has_tag(const struct cf_scr *c, const char *code)
{
	for (size_t i = 0; i < c->cf.n_tags; i++)
		if (!strcmp(c->cf.tags[i].code, code))
			return true;
	return false;
}

void cf_dlg_release(struct cf_scr *c)
{
	for (size_t i = 0; i < c->n_tag_choices; i++)
		free(c->tag_labels[i]);
	free(c->tag_labels);
	free(c->tag_choices);
	c->tag_labels = NULL;
	c->tag_choices = NULL;
	c->n_tag_choices = 0;
}

static int tag_save(void *ctx, struct ui *ui, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	const char *code = choice_code(&fm->f[0]);
	const char *label = c->tags.c[fm->f[0].choice].label;
	struct tsu_err e = {0};
	bool had = has_tag(c, code);
	int rc = had ? casefile_tag_remove(ui->db, &ui->me, c->case_id, code, &e)
	             : casefile_tag_add(ui->db, &ui->me, c->case_id, code, &e);

	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "タグを変えられません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "タグ「%s」を%s", label, had ? "外しました" : "付けました");
	return 0;
}

static const struct cf_dialog_def tag_def = {
    .title = "タグを付ける・外す",
    .help = "タグを選ぶと、付いていないものは付け、付いているものは外します。"
            "文字を入力すると候補が絞り込まれます。F9 または Ctrl-S で保存します。",
    .defs = tag_defs,
    .n = 1,
    .save = tag_save,
};

unsigned cf_dlg_tag(struct cf_scr *c)
{
	cf_dlg_release(c);
	c->n_tag_choices = c->tags.n;
	c->tag_choices = xcalloc(c->tags.n ? c->tags.n : 1, sizeof(*c->tag_choices));
	c->tag_labels = xcalloc(c->tags.n ? c->tags.n : 1, sizeof(char *));
	for (size_t i = 0; i < c->tags.n; i++) {
		c->tag_labels[i] = xasprintf("%s (%s)", c->tags.c[i].label,
		                             has_tag(c, c->tags.c[i].code) ? "外す" : "付ける");
		c->tag_choices[i] =
		    (struct field_choice){c->tags.c[i].code, c->tag_labels[i], NULL};
	}
	tag_defs[0].choices = c->tag_choices;
	tag_defs[0].nchoices = c->n_tag_choices;
	cf_dialog_push(c->ui, &tag_def, c);
	return RD_ALL;
}

/* ---- 住所の表示 ----------------------------------------------------------------- */

static const struct field_def reveal_defs[] = {
    {.kind = FK_TEXT, .label = "表示する理由", .required = true, .maxlen = 500},
};

static char *reveal_intro(void *ctx)
{
	struct cf_scr *c = ctx;
	char d[64];

	return xasprintf("この世帯の住所は DV等支援措置 (%sまで) により非表示です。"
	                 "表示すると、理由・職員・日時が記録に残ります。",
	                 date_format_wareki(c->cf.secrecy_end, d, sizeof d));
}

static int reveal_save(void *ctx, struct ui *ui, struct ui_form *fm)
{
	struct cf_scr *c = ctx;
	struct tsu_err e = {0};

	if (casefile_reveal_address(ui->db, &ui->me, &c->cf, form_text(fm, 0), &e) != 0) {
		ui_message(ui, MSG_ERROR, "住所を表示できません: %s", e.msg);
		return -1;
	}
	free(c->revealed);
	c->revealed = xstrdup(c->cf.address);
	ui_message(ui, MSG_WARN,
	           "住所を表示しました (理由を記録しました)。取り扱いに注意してください");
	return 0;
}

static const struct cf_dialog_def reveal_def = {
    .title = "非表示の住所を表示する",
    .help = "支援措置で非表示の住所を表示します。理由の入力が必要で、記録に残ります。",
    .intro = reveal_intro,
    .defs = reveal_defs,
    .n = 1,
    .save = reveal_save,
};

unsigned cf_dlg_reveal(struct cf_scr *c)
{
	if (!c->cf.address_masked) {
		ui_message(c->ui, MSG_INFO, "この世帯の住所は非表示になっていません");
		return RD_STATUS;
	}
	if (!ui_can(c->ui, PERM_REVEAL_ADDRESS)) {
		ui_message(c->ui, MSG_ERROR, "住所の表示には権限が必要です (あなたの役割: %s)",
		           staff_role_label(c->ui->me.role));
		return RD_STATUS;
	}
	cf_dialog_push(c->ui, &reveal_def, c);
	return RD_ALL;
}
